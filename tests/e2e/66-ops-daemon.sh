#!/bin/bash
# Operations on a real home (the demo's) with the real daemon running under
# a fake systemd: `watch` says READY=1 and pings WATCHDOG=1 on the
# NOTIFY_SOCKET; `status` sees it (pid, healthy, exit 0); a second daemon is
# refused; purge and backup work beside it (the demo's closed cases lose
# their originals, the one in review keeps its); SIGTERM says STOPPING=1
# and `status` reports the daemon down.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); daemon=; listener=
trap '[ -n "$daemon" ] && kill $daemon 2>/dev/null; [ -n "$listener" ] && kill $listener 2>/dev/null; rm -rf "$t"' EXIT
FI=$BUILD/faxintake
h=$t/demo
command -v python3 >/dev/null || { echo "skip: no python3 for the notify socket"; exit 77; }

$FI demo "$h" >/dev/null 2>"$t/demo.err" || fail "demo: $(tail -5 "$t/demo.err")"
sqlite3 "$h/faxintake.db" "SELECT COUNT(*) FROM faxes" | grep -qv '^0$' || fail "demo processed nothing"
echo 'min_free_mb = 1' >> "$h/faxintake.conf"

# systemd's side of NOTIFY_SOCKET: every datagram, one per line
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a") as log:
    while True:
        log.write(s.recv(4096).decode().replace("\n", " ") + "\n")
        log.flush()
' "$t/notify" "$t/notify.log" & listener=$!
for i in $(seq 50); do [ -S "$t/notify" ] && break; sleep 0.1; done
[ -S "$t/notify" ] || fail "no listener socket"

NOTIFY_SOCKET=$t/notify WATCHDOG_USEC=2000000 $FI -H "$h" watch 2>"$t/watch.err" & daemon=$!
for i in $(seq 100); do grep -qx 'READY=1' "$t/notify.log" 2>/dev/null && break; sleep 0.1; done
grep -qx 'READY=1' "$t/notify.log" || fail "no READY=1: $(cat "$t/watch.err")"
for i in $(seq 40); do grep -qx 'WATCHDOG=1' "$t/notify.log" && break; sleep 0.1; done
grep -qx 'WATCHDOG=1' "$t/notify.log" || fail "no WATCHDOG=1 within 4 s (WATCHDOG_USEC 2 s)"

out=$($FI -H "$h" status 2>&1); rc=$?
[ $rc = 0 ] || fail "status with the daemon up: exit $rc: $out"
echo "$out" | grep -q "^daemon: *running, pid $daemon, since " || fail "status daemon line: $out"
$FI -H "$h" status --format xml > "$t/s.xml"
xmllint --noout --schema "$FAXINTAKE_SCHEMAS/status.xsd" "$t/s.xml" 2>/dev/null || fail "status xml invalid"
grep -q "<daemon running=\"true\" pid=\"$daemon\" since=" "$t/s.xml" || fail "xml daemon"

$FI -H "$h" watch 2>"$t/second.err"; rc=$?
[ $rc = 1 ] || fail "a second daemon must exit 1 (got $rc)"
grep -q "already running as pid $daemon" "$t/second.err" || fail "second daemon: $(cat "$t/second.err")"

# purge beside the daemon: the faxes of the complete cases go, the fax
# holding a document in review stays
keep=$(sqlite3 "$h/faxintake.db" "SELECT DISTINCT f.id FROM faxes f JOIN documents d ON d.fax_id = f.id WHERE d.status IN ('review','waiting')" | tr '\n' ' ')
[ -n "$keep" ] || fail "the demo has no document in review (the test needs one)"
future=$(date -d '+2 days' +%F)
$FI -H "$h" purge --before "$future" --as ops > "$t/purge.out" 2>"$t/purge.err" || fail "purge: $(cat "$t/purge.err")"
n=$(grep -c '^removed ' "$t/purge.out")
[ "$n" -ge 1 ] || fail "purge removed nothing on the demo"
for id in $keep; do
	f=$(sqlite3 "$h/faxintake.db" "SELECT archived FROM faxes WHERE id = $id")
	[ -f "$f" ] || fail "the original of F$id (a document in review) was removed"
	grep -q "^removed F-$(printf %06d $id) " "$t/purge.out" && fail "F$id reported removed"
done
while read -r _ fid path sha; do
	id=$((10#${fid#F-}))
	[ -e "$path" ] && fail "$path still there"
	[ "sha256=$(sqlite3 "$h/faxintake.db" "SELECT sha256 FROM faxes WHERE id = $id")" = "$sha" ] || fail "$fid: sha256 differs from the fax's"
	[ "$(sqlite3 "$h/faxintake.db" "SELECT COUNT(*) FROM events WHERE action = 'purge' AND object = '$fid' AND actor = 'ops'")" = 1 ] || fail "$fid: no event"
done < "$t/purge.out"
$FI -H "$h" export > "$t/export.xml" 2>/dev/null || fail "export after purge"

$FI -H "$h" backup "$t/bk" 2>/dev/null || fail "backup beside the daemon"
[ "$(sqlite3 "$t/bk/faxintake.db" 'PRAGMA integrity_check')" = ok ] || fail "backup integrity"
kill -0 $daemon || fail "the daemon died meanwhile: $(cat "$t/watch.err")"

kill -TERM $daemon; wait $daemon; rc=$?; daemon=
[ $rc = 0 ] || fail "the daemon exited $rc on SIGTERM"
grep -qx 'STOPPING=1' "$t/notify.log" || fail "no STOPPING=1"
out=$($FI -H "$h" status 2>&1); [ $? = 1 ] || fail "status after stop must exit 1"
echo "$out" | grep -q '^problem: *DAEMON_DOWN' || fail "DAEMON_DOWN after stop: $out"
echo "notify: $(sort "$t/notify.log" | uniq -c | tr -s ' ' | tr '\n' ';')"
pass
