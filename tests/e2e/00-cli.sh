#!/bin/bash
# The command line's contract: help, version, exit codes, init, config check.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
FI=$BUILD/faxintake

$FI --help | grep -q '^usage: faxintake' || fail "--help"
$FI --version | grep -Eq '^faxintake [0-9]' || fail "--version"
$FI nosuchcommand 2>/dev/null; [ $? = 2 ] || fail "unknown command must exit 2"
$FI 2>/dev/null; [ $? = 2 ] || fail "no command must exit 2"
for c in init config registry run watch cases tickets review history report export status backup purge form demo; do
	$FI $c --help | grep -q 'usage:' || fail "$c --help"
done

$FI -H "$t/h" init 2>/dev/null || fail "init"
$FI -H "$t/h" init 2>/dev/null || fail "init twice"
for d in spool/incoming spool/work spool/archive spool/corrupt spool/refused outbox reports; do
	[ -d "$t/h/$d" ] || fail "missing $d"
done
[ "$(stat -c %a "$t/h")" = 750 ] || fail "home not 0750"
[ "$(stat -c %a "$t/h/faxintake.conf")" = 640 ] || fail "settings not 0640"
[ "$(stat -c %a "$t/h/faxintake.db")" = 640 ] || fail "database not 0640"
find "$t/h" -perm -o=r | grep -q . && fail "something in the home is world-readable"
[ "$(sqlite3 "$t/h/faxintake.db" 'PRAGMA journal_mode')" = wal ] || fail "not WAL"
[ "$(sqlite3 "$t/h/faxintake.db" 'PRAGMA user_version')" -ge 1 ] || fail "no schema version"
grep -q '^#workers = 0' "$t/h/faxintake.conf" || fail "defaults not written"

FAXINTAKE_HOME="$t/h" $FI config check >/dev/null 2>&1 || fail "config check on defaults"
printf 'workers = many\nnope = 1\n' >> "$t/h/faxintake.conf"
out=$($FI -H "$t/h" config check 2>&1); rc=$?
[ $rc = 2 ] || fail "bad settings must exit 2 (got $rc)"
echo "$out" | grep -q "faxintake.conf:[0-9]*: workers" || fail "no line number for workers: $out"
echo "$out" | grep -q "unknown setting 'nope'" || fail "unknown setting not named"
pass
