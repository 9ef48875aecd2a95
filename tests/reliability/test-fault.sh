#!/bin/bash
# I/O errors injected with strace (-e inject=SYSCALL:error=ERR:when=N):
# the Nth fdatasync/fsync fails with EIO, the Nth pwrite64/write with
# ENOSPC, the Nth rename/renameat2 with EIO, during `run --once` on a spool
# of 4 entries (a form that makes a ticket, a blank fax, its copy, a
# corrupt file). Each run must end by itself (exit 0 or 1, never a crash),
# show no visible outbox file that is not a whole valid ticket, and a
# second run without faults must leave a home where every invariant of
# verify.py holds (each fax once, work/ empty, outbox = tickets).
#   POINTS="syscall:error:N ..." (default: every fsync/fdatasync, a sample
#   of writes and every rename of a reference run)
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/fixtures.sh"
. "$(dirname "$0")/rel.sh"

command -v strace >/dev/null || { echo "no strace: skipped"; exit 77; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
strace -f -o /dev/null -e trace=getpid true 2>/dev/null || { echo "ptrace not permitted: skipped"; exit 77; }
# a build with AddressSanitizer (make SANITIZE=...): LeakSanitizer cannot
# run under ptrace and would fail every run
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

mk_fault "$t/f.tif" "2026-11-20 10:00:00" date=2026-11-20 || fail mkfax
$MKFAX -o "$t/b.tif" --datetime "2026-11-02 08:00:00" --page blank || fail mkfax
head -c 700 "$t/f.tif" > "$t/c.tif"
new_home
for f in f b c; do drop "$t/$f.tif" "$f.tif"; done
drop "$t/b.tif" b-again.tif
mv "$t/h" "$t/template"

# counts of a reference run
cp -a "$t/template" "$t/h"
strace -f -c -o "$t/counts" -e trace=fsync,fdatasync,pwrite64,write,rename,renameat2 \
	$FI run --once 2>/dev/null || fail "reference run"
for s in fsync fdatasync pwrite64 write rename renameat2; do
	eval "n_$s=\$(awk -v s=$s '\$NF == s { print \$4 }' \"\$t/counts\")"
done
echo "reference run: fsync ${n_fsync:-0}, fdatasync ${n_fdatasync:-0}, pwrite64 ${n_pwrite64:-0}," \
     "write ${n_write:-0}, rename ${n_rename:-0}, renameat2 ${n_renameat2:-0}"
rm -rf "$t/h"

if [ -z "${POINTS:-}" ]; then
	POINTS=
	for s in fsync fdatasync; do
		eval "n=\${n_$s:-0}"
		for k in $(seq 1 "$n"); do POINTS+=" $s:EIO:$k"; done
	done
	n=${n_pwrite64:-0}
	for k in 1 2 3 5 8 13 21 34 55 89 144; do [ "$k" -le "$n" ] && POINTS+=" pwrite64:ENOSPC:$k"; done
	n=${n_write:-0}
	for k in $(seq 1 "$n"); do POINTS+=" write:ENOSPC:$k"; done
	for s in rename renameat2; do
		eval "n=\${n_$s:-0}"
		for k in $(seq 1 "$n"); do POINTS+=" $s:EIO:$k"; done
	done
fi

tried=0 failed_runs=0
for p in $POINTS; do
	IFS=: read -r sc er k <<<"$p"
	rm -rf "$t/h"; cp -a "$t/template" "$t/h"
	strace -f -o /dev/null -e trace="$sc" -e inject="$sc:error=$er:when=$k" \
		$FI run --once 2>"$t/log1"; rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || { cat "$t/log1"; fail "$p: the run ended with $rc"; }
	[ "$rc" = 1 ] && failed_runs=$((failed_runs + 1))
	for f in "$t/h/outbox"/*.xml; do
		[ -e "$f" ] || continue
		xmllint --noout --schema "$FAXINTAKE_SCHEMAS/ticket.xsd" "$f" 2>/dev/null ||
			fail "$p: visible outbox file $(basename "$f") is not a whole ticket"
	done
	$FI run --once 2>"$t/log2" || { cat "$t/log1" "$t/log2"; fail "$p: the run after the fault"; }
	out=$($VERIFY "$t/h" --dropped 4 --duplicates 1) ||
		{ echo "$out"; cat "$t/log1"; fail "$p: invariants after the fault"; }
	tried=$((tried + 1))
done
echo "fault injection: $tried points, $failed_runs runs reported the fault (exit 1), all recovered on the next run: ok"
pass
