#!/bin/bash
# `status`: exit 0 only when healthy; the daemon judged by the pid lock (a
# stale pid file is not a daemon), the backlog by the oldest mtime (files
# with a future mtime or still being written do not count), the last fax
# and the review queue from the database; --format xml valid against
# schemas/status.xsd.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); holder=
trap '[ -n "$holder" ] && kill $holder 2>/dev/null; rm -rf "$t"' EXIT
FI=$BUILD/faxintake
h=$t/h
XSD=$FAXINTAKE_SCHEMAS/status.xsd

$FI -H "$h" init 2>/dev/null || fail "init"
printf 'backlog_alert_s = 60\nmin_free_mb = 1\n' >> "$h/faxintake.conf"

st() { $FI -H "$h" status "$@" 2>"$t/err"; }
xml_ok() { st --format xml > "$t/s.xml"; local rc=$?
	xmllint --noout --schema "$XSD" "$t/s.xml" 2>"$t/xmlerr" || fail "status xml invalid: $(cat "$t/xmlerr")"
	return $rc; }

# daemon down: exit 1, the problem named
out=$(st); rc=$?
[ $rc = 1 ] || fail "daemon down must exit 1 (got $rc)"
echo "$out" | grep -q '^daemon: *not running' || fail "daemon not reported down: $out"
echo "$out" | grep -q '^problem: *DAEMON_DOWN' || fail "DAEMON_DOWN not listed: $out"
xml_ok; [ $? = 1 ] || fail "xml: exit 1 expected"
grep -q 'healthy="false"' "$t/s.xml" || fail "xml: healthy=false expected"
grep -q '<problem code="DAEMON_DOWN">' "$t/s.xml" || fail "xml: DAEMON_DOWN"

# a stale pid file (a dead daemon's) is still "down"
printf '999999\n2026-11-25T10:00:00+01:00\n' > "$h/faxintake.pid"
st >/dev/null; [ $? = 1 ] || fail "stale pid file taken for a running daemon"

# a process holding the lock: running, healthy
printf '4242\n2026-11-25T10:00:00+01:00\n' > "$h/faxintake.pid"
# (the subshell becomes sleep, so $holder is the lock's holder itself)
( exec 9>>"$h/faxintake.pid"; flock -x 9; exec sleep 120 ) & holder=$!
for i in $(seq 50); do st >/dev/null && break; sleep 0.1; done
out=$(st); rc=$?
[ $rc = 0 ] || fail "healthy must exit 0 (got $rc): $out"
echo "$out" | grep -q '^daemon: *running, pid 4242, since 2026-11-25T10:00:00+01:00' || fail "daemon line: $out"
echo "$out" | grep -q '^status: *ok' || fail "status ok line: $out"
echo "$out" | grep -q 'incoming 0 files' || fail "empty incoming: $out"
xml_ok || fail "xml: exit 0 expected"
grep -q 'healthy="true"' "$t/s.xml" || fail "xml: healthy=true expected"
grep -q '<daemon running="true" pid="4242" since="2026-11-25T10:00:00+01:00"/>' "$t/s.xml" || fail "xml daemon: $(cat "$t/s.xml")"
grep -q '<problem' "$t/s.xml" && fail "xml: a problem while healthy"

# work in progress and future mtimes are not a backlog
touch -d '-3 hours' "$h/spool/incoming/.fax1.tif" "$h/spool/incoming/fax2.tif.part"
touch -d '+2 days' "$h/spool/incoming/fax3.tif"
out=$(st); rc=$?
[ $rc = 0 ] || fail "in-progress or future files raised a problem: $out"
echo "$out" | grep -q 'incoming 1 file; 2 being written by the gateway' || fail "counts: $out"
echo "$out" | grep -q 'mtime in the future' || fail "future mtime not said: $out"
xml_ok || fail "xml: future mtime"
grep -q '<incoming readable="true" files="1" in-progress="2" future-mtimes="1"/>' "$t/s.xml" || fail "xml incoming: $(cat "$t/s.xml")"

# files kept aside are counted, never a backlog
touch -d '-3 days' "$h/spool/corrupt/bad.tif"; ln -s /etc/passwd "$h/spool/refused/link.tif"
out=$(st) || fail "corrupt/refused entries raised a problem: $out"
echo "$out" | grep -q 'refused  1 file (refused unread' || fail "refused not counted: $out"
echo "$out" | grep -q 'corrupt  1 file (could not be read' || fail "corrupt not counted: $out"
xml_ok || fail "xml: held entries"
grep -q '<refused readable="true" files="1" in-progress="0" future-mtimes="0"/>' "$t/s.xml" || fail "xml refused: $(cat "$t/s.xml")"

# backlog: a file waiting longer than backlog_alert_s (also in work/)
touch -d '-10 minutes' "$h/spool/work/fax4.tif"
out=$(st); rc=$?
[ $rc = 1 ] || fail "backlog must exit 1 (got $rc): $out"
echo "$out" | grep -q '^problem: *BACKLOG: .* work/ for [0-9]* s' || fail "BACKLOG not listed: $out"
echo "$out" | grep -q 'work     1 file, oldest 10m' || fail "oldest age: $out"
xml_ok; [ $? = 1 ] || fail "xml: backlog exit 1"
grep -q '<problem code="BACKLOG">' "$t/s.xml" || fail "xml: BACKLOG"
grep -Eq '<work readable="true" files="1" in-progress="0" future-mtimes="0" oldest-mtime="[^"]+" oldest-age-s="(59[0-9]|60[0-9])"/>' "$t/s.xml" || fail "xml work: $(cat "$t/s.xml")"
sed -i 's/^backlog_alert_s = 60/backlog_alert_s = 3600/' "$h/faxintake.conf"
st >/dev/null || fail "a 10-minute-old file is no backlog with backlog_alert_s = 3600"
rm -f "$h/spool/work/fax4.tif"

# the last fax and the review queue, from the database
sqlite3 "$h/faxintake.db" <<'SQL' || fail "sqlite3 insert"
INSERT INTO faxes(id, sha256, file, received, received_from, pages, status, processed_at)
 VALUES (1, 'aa', 'a.tif', 1764000000, 'datetime', 2, 'processed', 1764000100),
        (2, 'bb', 'b.tif', 1764000500, 'datetime', 3, 'processed', 1764000600);
INSERT INTO documents(id, fax_id, first_page, pages, type, status, read_ok, created_at)
 VALUES (1, 1, 1, 2, 'onsite', 'accepted', 1, 1764000100),
        (2, 2, 1, 1, 'onsite', 'review', 0, 1764000600),
        (3, 2, 2, 1, 'identity', 'review', 0, 1764000600),
        (4, 2, 3, 1, 'block', 'accepted', 1, 1764000600);
SQL
out=$(st); rc=$?
[ $rc = 0 ] || fail "status with rows: exit $rc: $out"
echo "$out" | grep -q '^last fax: *F-000002 processed .*: processed, 3 documents (1 accepted, 2 review)' || fail "last fax: $out"
echo "$out" | grep -q '^review: *2 documents waiting for a clerk' || fail "review: $out"
xml_ok || fail "xml with rows"
grep -q '<last-fax id="F-000002" .*status="processed" documents="3" outcome="1 accepted, 2 review"/>' "$t/s.xml" || fail "xml last-fax: $(cat "$t/s.xml")"
grep -q '<review documents="2" oldest=' "$t/s.xml" || fail "xml review"

# a corrupt fax last: its reason codes are said
sqlite3 "$h/faxintake.db" "INSERT INTO faxes(id, sha256, file, received, received_from, pages, status, processed_at)
 VALUES (3, 'cc', 'c.tif', 1764000700, 'mtime', 0, 'corrupt', 1764000800);
 INSERT INTO reasons(fax_id, code, text, origin) VALUES (3, 'UNREADABLE_FILE', 'bad strip offsets', 'read');" || fail "sqlite3 corrupt"
out=$(st) || fail "status with a corrupt fax: $out"
echo "$out" | grep -q '^last fax: *F-000003 processed .*: corrupt (UNREADABLE_FILE)$' || fail "corrupt last fax: $out"
xml_ok || fail "xml with a corrupt fax"
grep -q '<last-fax id="F-000003" .*status="corrupt" documents="0" reasons="UNREADABLE_FILE"/>' "$t/s.xml" || fail "xml corrupt last-fax: $(cat "$t/s.xml")"

# the daemon stops: down again
kill $holder; wait $holder 2>/dev/null; holder=
st >/dev/null; [ $? = 1 ] || fail "down after the holder died"

# usage
st --format yaml >/dev/null; [ $? = 2 ] || fail "bad --format must exit 2"
st extra >/dev/null; [ $? = 2 ] || fail "an argument must exit 2"
pass
