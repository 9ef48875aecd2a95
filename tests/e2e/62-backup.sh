#!/bin/bash
# `backup DIR` while another process keeps committing rows: the copy passes
# integrity_check, holds every row committed before the backup began and a
# gap-free prefix of the rest; settings and outbox are copied; DIR is 0750;
# the backup is an event; a second backup replaces the first.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); writer=
trap '[ -n "$writer" ] && kill $writer 2>/dev/null; rm -rf "$t"' EXIT
FI=$BUILD/faxintake
h=$t/h
db=$h/faxintake.db

$FI -H "$h" init 2>/dev/null || fail "init"
echo '<ticket id="AR-2026-000001"/>' > "$h/outbox/AR-2026-000001.xml"
echo '<ticket id="AR-2026-000001" revision="2"/>' > "$h/outbox/AR-2026-000001.r2.xml"
echo 'half' > "$h/outbox/.AR-2026-000002.xml.tmp"
echo 'workers = 1' >> "$h/faxintake.conf"

# some bulk first (a few MB), so the copy takes a moment
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000)
  INSERT INTO events(at, actor, action, detail) SELECT 1764000000, 'bulk', 'fill', hex(randomblob(600)) FROM n;" || fail "fill"

# a writer committing one row at a time, numbered, until killed
( for i in $(seq 1 100000); do echo "INSERT INTO events(at, actor, action, object) VALUES (1764000000, 'writer', 'row', '$i');"; done |
  sqlite3 -cmd '.timeout 5000' "$db" >/dev/null 2>&1 ) & writer=$!
count() { sqlite3 -cmd '.timeout 5000' "$1" "SELECT COUNT(*) FROM events WHERE actor = 'writer'"; }
for i in $(seq 100); do [ "$(count "$db")" -ge 50 ] && break; sleep 0.05; done
before=$(count "$db")
[ "$before" -ge 50 ] || fail "the writer did not start"

s0=$(date +%s%N); $FI -H "$h" backup --as ops "$t/bk" 2>"$t/err" || fail "backup failed: $(cat "$t/err")"
after=$(count "$db"); s1=$(date +%s%N)
kill $writer 2>/dev/null; wait $writer 2>/dev/null; writer=

[ "$(stat -c %a "$t/bk")" = 750 ] || fail "backup folder not 0750"
[ "$(sqlite3 "$t/bk/faxintake.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
[ "$(sqlite3 "$t/bk/faxintake.db" 'PRAGMA journal_mode')" = delete ] || fail "backup not self-contained"
[ -e "$t/bk/faxintake.db-wal" ] && fail "a WAL beside the backup"
got=$(count "$t/bk/faxintake.db")
[ "$got" -ge "$before" ] || fail "backup lost committed rows: $got < $before"
[ "$got" -le "$after" ] || fail "backup has rows never committed: $got > $after"
# the writer's rows are a gap-free prefix 1..got
maxn=$(sqlite3 "$t/bk/faxintake.db" "SELECT MAX(CAST(object AS INTEGER)) FROM events WHERE actor = 'writer'")
[ "$maxn" = "$got" ] || fail "rows with a gap: max $maxn, count $got"
[ "$(sqlite3 "$t/bk/faxintake.db" "SELECT COUNT(*) FROM events WHERE actor = 'bulk'")" = 3000 ] || fail "bulk rows"
[ "$(sqlite3 "$t/bk/faxintake.db" 'PRAGMA user_version')" = "$(sqlite3 "$db" 'PRAGMA user_version')" ] || fail "schema version"
echo "writer rows: $before before, $got in the backup, $after after; backup took $(( (s1 - s0) / 1000000 )) ms"

cmp -s "$h/faxintake.conf" "$t/bk/faxintake.conf" || fail "settings not copied"
cmp -s "$h/outbox/AR-2026-000001.r2.xml" "$t/bk/outbox/AR-2026-000001.r2.xml" || fail "outbox not copied"
[ -e "$t/bk/outbox/.AR-2026-000002.xml.tmp" ] && fail "a temporary outbox file copied"
find "$t/bk" -perm -o=r | grep -q . && fail "something in the backup is world-readable"

sqlite3 "$db" "SELECT actor, detail FROM events WHERE action = 'backup'" > "$t/ev"
grep -q "^ops|dir=$t/bk sha256=$(sha256sum "$t/bk/faxintake.db" | cut -c1-64) outbox-files=2$" "$t/ev" || fail "event: $(cat "$t/ev")"

# a second backup replaces the first; the restored copy opens and works
$FI -H "$h" backup "$t/bk" 2>/dev/null || fail "second backup"
[ "$(sqlite3 "$t/bk/faxintake.db" "SELECT COUNT(*) FROM events WHERE action = 'backup'")" = 1 ] || fail "second backup not fresh"
ls -a "$t/bk" | grep -q tmp && fail "temporary file left"
mkdir "$t/r" && cp "$t/bk/faxintake.db" "$t/bk/faxintake.conf" "$t/r/" && cp -r "$t/bk/outbox" "$t/r/"
$FI -H "$t/r" init 2>/dev/null || fail "init over a restored backup"
$FI -H "$t/r" config check >/dev/null 2>&1 || fail "restored settings"
[ "$(count "$t/r/faxintake.db")" = "$(count "$t/bk/faxintake.db")" ] || fail "restored rows"

# failures: exit 1 or 2, nothing half-written
$FI -H "$h" backup 2>/dev/null; [ $? = 2 ] || fail "no DIR must exit 2"
$FI -H "$h" backup a b 2>/dev/null; [ $? = 2 ] || fail "two DIRs must exit 2"
touch "$t/file"
$FI -H "$h" backup "$t/file" 2>/dev/null; [ $? = 1 ] || fail "DIR a file must exit 1"
$FI -H "$t/nohome" backup "$t/bk3" 2>/dev/null; [ $? = 1 ] || fail "no home must exit 1"
pass
