#!/bin/bash
# Load: N small faxes (blank pages, each its own receipt time, so new
# content) dropped at once plus a second copy of N/10 of them, processed by
# one `run --once`; then the same with N/5. All processed once, the copies
# recognised as duplicates (exactly N/10), every invariant of verify.py;
# memory flat: the peak RSS of the N run within 25% (+16 MiB) of the N/5
# run's. N=5000 by default (LOAD_N).
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/fixtures.sh"
. "$(dirname "$0")/rel.sh"

N=${LOAD_N:-5000}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
$MKFAX -o "$t/blank.tif" --datetime "2026-11-23 10:00:00" --page blank || fail mkfax

# load N: a fresh home, N faxes and N/10 copies dropped, one run measured.
load() {
	local n=$1 d=$(( $1 / 10 ))
	rm -rf "$t/h"; new_home
	perl -e '
		my ($src, $dir, $n, $d) = @ARGV;
		open my $in, "<:raw", $src or die; local $/; my $b = <$in>;
		for my $i (0 .. $n - 1) {
			my $s = 8 * 3600 + $i * 7;
			my $ts = sprintf("2026:11:%02d %02d:%02d:%02d", 2 + int($s / 86400),
					 int($s / 3600) % 24, int($s / 60) % 60, $s % 60);
			(my $c = $b) =~ s/2026:11:23 10:00:00/$ts/g;
			for my $copy (0 .. ($i % 10 == 3 && $i / 10 < $d ? 1 : 0)) {
				my $name = sprintf("%s/fax-%05d%s.tif", $dir, $i, $copy ? "-again" : "");
				open my $out, ">:raw", "$dir/.tmp" or die; print $out $c; close $out;
				rename "$dir/.tmp", $name or die;
			}
		}' "$t/blank.tif" "$t/h/spool/incoming" "$n" "$d" || fail "making $n faxes"
	local dropped=$(ls "$t/h/spool/incoming" | wc -l)
	[ "$dropped" = $((n + d)) ] || fail "dropped $dropped, expected $((n + d))"
	run_measured $FI run --once || { tail "$t/measured.log"; fail "run --once of $n"; }
	out=$($VERIFY "$t/h" --dropped "$dropped" --duplicates "$d") || { echo "$out" | head; fail "invariants ($n)"; }
	echo "load $n + $d copies: $MEAS_WALL_S s, peak RSS $((MEAS_RSS_KB / 1024)) MiB, $d duplicates: ok"
}
load $((N / 5)); small=$MEAS_RSS_KB
load "$N"; big=$MEAS_RSS_KB
[ "$big" -le $((small * 5 / 4 + 16384)) ] ||
	fail "memory grows with the batch: $((big / 1024)) MiB for $N vs $((small / 1024)) MiB for $((N / 5))"
echo "memory flat: $((big / 1024)) MiB ($N) vs $((small / 1024)) MiB ($((N / 5)))"
pass
