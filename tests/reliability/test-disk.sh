#!/bin/bash
# Full disk (needs root: tmpfs mounts; exit 77 when mounting is refused).
#  A. The outbox on its own full tmpfs: a fax that revises a ticket is
#     committed, its outbox file cannot be written (reported, run exits 1);
#     a second revision waits until the first is written (no revision is
#     skipped); no visible outbox file is ever partial; once space returns
#     a run with an empty spool writes both revisions.
#  B. The whole home on a full tmpfs (min_free_mb = 0, so the low-space
#     pause does not hide the failure): the run reports the error and exits
#     1, every fax stays in line (incoming/ or work/), nothing is recorded
#     half; once space returns the next run finishes them, exactly once.
#  C. The low-space pause (min_free_mb above what is free): nothing is
#     claimed, the run says why and exits 1.
# Every part ends with tests/reliability/verify.py.
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/fixtures.sh"
. "$(dirname "$0")/rel.sh"

t=$(mktemp -d)
mounts=()
cleanup() {
	local m
	for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
	rm -rf "$t"
}
trap cleanup EXIT
mkdir -p "$t/probe"
mount -t tmpfs -o size=64k tmpfs "$t/probe" 2>/dev/null || { echo "cannot mount tmpfs: skipped"; exit 77; }
umount "$t/probe"

# fill DIR: a hidden file takes every free block of DIR's file system.
fill() { dd if=/dev/zero of="$1/.filler" bs=4k 2>/dev/null; sync; }
# visible_outbox_ok: every visible outbox file is a whole, valid ticket.
visible_outbox_ok() {
	local f
	for f in "$t/h/outbox"/*.xml; do
		[ -e "$f" ] || continue
		xmllint --noout --schema "$FAXINTAKE_SCHEMAS/ticket.xsd" "$f" 2>/dev/null ||
			fail "outbox file $(basename "$f") is not a valid ticket"
	done
}
# run_rc RC MSG: `run --once` must exit RC (a crash is never right).
run_rc() {
	$FI run --once 2>"$t/log"; local rc=$?
	[ "$rc" = "$1" ] || { cat "$t/log"; fail "$2 (exit $rc, $1 expected)"; }
}
rev_of() { sqlite3 "$t/h/faxintake.db" "SELECT revision || '/' || written FROM tickets WHERE report_date IS NOT NULL ORDER BY id LIMIT 1"; }

mk_fault "$t/form2.tif" "2025-05-14 10:00:00" date=2025-05-14 || fail mkfax
mk_fault "$t/early2.tif" "2025-05-13 09:00:00" date=2025-05-13 description="Il telefono non si accende" || fail mkfax
mk_fault "$t/earlier2.tif" "2025-05-12 08:00:00" date=2025-05-12 description="Non carica" || fail mkfax
$MKFAX -o "$t/blank.tif" --datetime "2026-11-02 08:00:00" --page blank || fail mkfax

# ---- A: the outbox full
new_home
printf 'min_free_mb = 0\n' >> "$t/h/faxintake.conf"
drop "$t/form2.tif" form2.tif
$FI run --once 2>"$t/log" || { cat "$t/log"; fail "A: first run"; }
[ "$(rev_of)" = 1/1 ] || fail "A: first ticket $(rev_of)"
mkdir "$t/keep" && mv "$t/h/outbox"/* "$t/keep/"
mount -t tmpfs -o size=64k,mode=0750 tmpfs "$t/h/outbox" || fail "A: mount"
mounts+=("$t/h/outbox")
cp -p "$t/keep"/* "$t/h/outbox/"
fill "$t/h/outbox"
drop "$t/early2.tif" early2.tif
run_rc 1 "A: a run that could not write the outbox exits 0"
grep -q "cannot write .*outbox" "$t/log" || { cat "$t/log"; fail "A: the outbox failure is not reported"; }
[ "$(rev_of)" = 2/1 ] || fail "A: after the first revision: $(rev_of)"
visible_outbox_ok
[ "$(ls "$t/h/outbox")" = AR-2025-000001.xml ] || fail "A: outbox holds $(ls "$t/h/outbox")"
drop "$t/earlier2.tif" earlier2.tif
run_rc 1 "A: second run exits 0"
[ "$(rev_of)" = 2/1 ] || fail "A: revision 2 was replaced before it was written: $(rev_of)"
visible_outbox_ok
run_rc 1 "A: a run with nothing new but the outbox still full exits 0"
rm -f "$t/h/outbox/.filler"
$FI run --once 2>"$t/log" || { cat "$t/log"; fail "A: the run after space returned"; }
[ "$(rev_of)" = 3/3 ] || fail "A: after space returned: $(rev_of)"
printf '%s\n' "$(rome '2025-05-12 08:00:00')" > "$t/dates"
out=$($VERIFY "$t/h" --dropped 3 --duplicates 0 --report-dates "$t/dates") || { echo "$out"; fail "A: invariants"; }
echo "A: outbox full: 2 revisions held, both written once space returned (r2, r3): ok"
umount "$t/h/outbox"; mounts=()
rm -rf "$t/h" "$t/keep"

# ---- B: the whole home full
mkdir -p "$t/h"
mount -t tmpfs -o size=2m,mode=0750 tmpfs "$t/h" || fail "B: mount"
mounts+=("$t/h")
rmdir "$t/h" 2>/dev/null
FI="$BUILD/faxintake -H $t/h"
$FI init 2>/dev/null || fail "B: init"
printf 'stability_delay_ms = 0\nworkers = 2\nmin_free_mb = 0\nbusy_timeout_ms = 1000\n' >> "$t/h/faxintake.conf"
$FI registry import "$REGISTRY_XML" 2>/dev/null || fail "B: registry import"
drop "$t/form2.tif" form2.tif
drop "$t/early2.tif" early2.tif
drop "$t/blank.tif" blank.tif
drop "$t/blank.tif" blank-again.tif
head -c 500 "$t/form2.tif" > "$t/trunc.tif"; drop "$t/trunc.tif" trunc.tif
before=$(faxes_in_db)
fill "$t/h"
$FI run --once 2>"$t/log"; rc=$?
[ "$rc" = 1 ] || { cat "$t/log"; fail "B: a run on a full disk exits $rc (1 expected)"; }
grep -Eqi "no space|disk is full|stays in line|cannot" "$t/log" || { cat "$t/log"; fail "B: the error is not reported"; }
inline=$(( $(ls -A "$t/h/spool/incoming" | wc -l) + $(ls -A "$t/h/spool/work" | wc -l) ))
recorded=$(( $(faxes_in_db) - before ))
[ $((inline + recorded)) -ge 5 ] || fail "B: $inline in line + $recorded recorded < 5 dropped"
visible_outbox_ok
echo "B: full home: run exit 1, $inline faxes in line, $recorded recorded"
rm -f "$t/h/.filler"
$FI run --once 2>"$t/log" || { cat "$t/log"; fail "B: the run after space returned"; }
out=$($VERIFY "$t/h" --dropped 5 --duplicates 1) || { echo "$out"; cat "$t/log"; fail "B: invariants"; }
echo "B: after space returned: 5 faxes once each, 1 duplicate, 1 corrupt: ok"

# ---- C: the low-space pause
printf 'min_free_mb = 100\n' >> "$t/h/faxintake.conf"
drop "$t/earlier2.tif" earlier2.tif
run_rc 1 "C: run under min_free_mb exits 0"
grep -q "free space is low" "$t/log" || { cat "$t/log"; fail "C: the pause is not reported"; }
[ -e "$t/h/spool/incoming/earlier2.tif" ] || fail "C: a fax was claimed under min_free_mb"
echo "C: low-space pause: nothing claimed: ok"
umount "$t/h"; mounts=()
pass
