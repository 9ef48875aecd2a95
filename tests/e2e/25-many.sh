#!/bin/bash
# 2,000 faxes dropped at once (small blank pages, each with its own receipt
# time, so each is new content) are all processed exactly once, in receipt
# order: fax ids follow receipt times, not the order the files were dropped.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
new_home
N=${MANY:-2000}
$MKFAX -o "$t/blank.tif" --datetime "2026-11-23 10:00:00" --page blank || fail mkfax
# one blank fax, copied with a different DateTime (receipt) each time; the
# files are dropped in reverse receipt order
perl -e '
	my ($src, $dir, $n) = @ARGV;
	open my $in, "<:raw", $src or die; local $/; my $b = <$in>;
	for my $i (0 .. $n - 1) {
		my $ts = sprintf("2026:11:23 %02d:%02d:%02d", 8 + int($i / 3600), int($i / 60) % 60, $i % 60);
		(my $c = $b) =~ s/2026:11:23 10:00:00/$ts/g;
		my $name = sprintf("%s/drop-%05d.tif", $dir, $n - $i);
		open my $out, ">:raw", "$name.tmp" or die; print $out $c; close $out;
		rename "$name.tmp", $name or die;
	}' "$t/blank.tif" "$t/h/spool/incoming" "$N" || fail "making copies"
[ "$(ls "$t/h/spool/incoming" | wc -l)" = "$N" ] || fail "copies"
start=$(date +%s)
$FI run --once 2>"$t/log" || { tail "$t/log"; fail "run --once"; }
echo "$N faxes in $(( $(date +%s) - start )) s"
db=$t/h/faxintake.db
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM faxes WHERE status = 'processed'")" = "$N" ] || fail "not all processed"
[ "$(sqlite3 "$db" "SELECT COUNT(DISTINCT sha256) FROM faxes")" = "$N" ] || fail "some twice"
[ -z "$(ls -A "$t/h/spool/incoming")$(ls -A "$t/h/spool/work")" ] || fail "left behind"
[ "$(ls "$t/h/spool/archive/2026-11-23" | wc -l)" = "$N" ] || fail "archive count"
# ids follow receipt order
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM faxes a JOIN faxes b ON b.id = a.id + 1 WHERE b.received < a.received")" = 0 ] || fail "not in receipt order"
[ "$(sqlite3 "$db" "SELECT file FROM faxes WHERE id = 1")" = "drop-$(printf %05d "$N").tif" ] || fail "first processed is not the earliest received"
pass
