#!/bin/bash
# The daemon: READY and WATCHDOG on NOTIFY_SOCKET, a fax renamed in is
# processed, a file held under flock waits until released, SIGHUP reloads
# the settings, low free space pauses claiming (files wait in incoming) and
# it resumes by itself, SIGTERM stops it cleanly with STOPPING.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }

t=$(mktemp -d)
pid=; lpid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; [ -n "$lpid" ] && kill "$lpid" 2>/dev/null; rm -rf "$t"; }
trap cleanup EXIT
new_home
printf 'rescan_interval_s = 1\n' >> "$t/h/faxintake.conf"

# a fake systemd: every datagram on its own line
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as f:
    while True:
        f.write(s.recv(4096).decode().replace("\n", " ") + "\n")
' "$t/notify.sock" "$t/notes" &
lpid=$!
for i in $(seq 50); do [ -S "$t/notify.sock" ] && break; sleep 0.1; done

wait_for() { # wait_for SECONDS CMD...: until CMD succeeds
	local n=$(( $1 * 10 )); shift
	for i in $(seq $n); do "$@" && return 0; sleep 0.1; done
	return 1
}
processed() { [ "$($FI export 2>/dev/null | grep -c 'status="processed"')" -ge "$1" ]; }

NOTIFY_SOCKET=$t/notify.sock WATCHDOG_USEC=1000000 $FI watch 2>"$t/log" &
pid=$!
wait_for 20 grep -q READY=1 "$t/notes" || { cat "$t/log"; fail "no READY=1"; }
$FI status >/dev/null 2>&1; $FI status 2>/dev/null | grep -qi "running" || fail "status does not see the daemon"

mk_fault "$t/a.tif" "2026-11-23 16:02:11" || fail mkfax
mv "$t/a.tif" "$t/h/spool/incoming/a.tif"
wait_for 30 processed 1 || { cat "$t/log"; fail "renamed-in fax not processed"; }
wait_for 10 grep -q WATCHDOG=1 "$t/notes" || fail "no WATCHDOG=1"

# a file being written in place under flock is left alone until released
mk_fault "$t/b.tif" "2026-11-23 17:00:00" line=3351234567 || fail mkfax
exec 9>"$t/h/spool/incoming/b.tif"
flock 9
cat "$t/b.tif" >&9
sleep 3
[ -f "$t/h/spool/incoming/b.tif" ] || fail "a locked file was claimed"
processed 2 && fail "a locked file was processed"
flock -u 9; exec 9>&-
wait_for 30 processed 2 || { cat "$t/log"; fail "released file not processed"; }

# low free space: nothing claimed, said once; more space: it resumes
printf 'min_free_mb = 1000000\n' >> "$t/h/faxintake.conf"
kill -HUP $pid
wait_for 10 grep -q "settings reloaded" "$t/log" || { cat "$t/log"; fail "SIGHUP did not reload"; }
$MKFAX -o "$t/c.tif" --datetime "2026-11-24 09:00:00" --page blank || fail mkfax
mv "$t/c.tif" "$t/h/spool/incoming/c.tif"
wait_for 10 grep -q "free space is low" "$t/log" || { cat "$t/log"; fail "low space not said"; }
sleep 2
[ -f "$t/h/spool/incoming/c.tif" ] || fail "claimed despite low free space"
[ "$(grep -c 'free space is low' "$t/log")" = 1 ] || fail "low space said more than once"
sed -i 's/^min_free_mb = 1000000$/min_free_mb = 1/' "$t/h/faxintake.conf"
kill -HUP $pid
wait_for 30 processed 3 || { cat "$t/log"; fail "did not resume after space returned"; }

# run --once refuses to claim on low space, exit 1, files stay
kill -TERM $pid
wait_for 30 sh -c "! kill -0 $pid 2>/dev/null" || fail "SIGTERM did not stop the daemon"
wait $pid; rc=$?; pid=
[ $rc = 0 ] || fail "watch exit status $rc after SIGTERM"
grep -q STOPPING=1 "$t/notes" || fail "no STOPPING=1"
printf 'min_free_mb = 1000000\n' >> "$t/h/faxintake.conf"
$MKFAX -o "$t/h/spool/incoming/d.tif" --page blank || fail mkfax
$FI run --once 2>"$t/log2"; rc=$?
[ $rc = 1 ] || fail "run --once on low space: exit $rc"
grep -q "free space is low" "$t/log2" || fail "run --once does not say why"
[ -f "$t/h/spool/incoming/d.tif" ] || fail "run --once claimed on low space"
pass
