#!/bin/bash
# `purge --before DATE`: removes exactly the originals of faxes whose every
# document is in a case closed before DATE (and document-less faxes by
# their processed_at; duplicates only with their original), never one of an
# open case, a waiting or review document, a case without closed_at; never
# a file outside the spool's archive/corrupt, a symlink, or a file whose
# sha256 is not the fax's. Each removal is an event; rows stay; --dry-run
# removes nothing; retention_days is a floor.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
FI=$BUILD/faxintake
h=$t/h; db=$h/faxintake.db; sp=$h/spool
export FAXINTAKE_NOW=2026-11-25T12:00:00+01:00
$FI -H "$h" init 2>/dev/null || fail "init"

ep() { date -d "$1" +%s; }   # an instant as epoch seconds
declare -A FILE SHA
# fax ID PATH [status] [processed] [duplicate_of]: a file and its row
fax() {
	local id=$1 path=$2 status=${3:-processed} proc=${4:-2026-05-01T10:00:00+02:00} dup=${5:-NULL}
	local full=$path; [ "${path:0:1}" = / ] || full=$sp/$path
	mkdir -p "$(dirname "$full")"; printf 'fax %s original bytes\n' "$id" > "$full"
	FILE[$id]=$full; SHA[$id]=$(sha256sum "$full" | cut -c1-64)
	sql "INSERT INTO faxes(id, sha256, file, archived, received, received_from, pages, status, duplicate_of, processed_at)
	     VALUES ($id, '${SHA[$id]}', 'f$id.tif', '$path', $(ep "$proc"), 'datetime', 1, '$status', $dup, $(ep "$proc"));"
}
sql() { sqlite3 "$db" "PRAGMA foreign_keys=ON; $1" || fail "sql: $1"; }
case_() { # id status closed_at|NULL
	local closed=NULL; [ "$3" != NULL ] && closed=$(ep "$3")
	sql "INSERT INTO cases(id, key, opened, status, closed_at) VALUES ($1, 'k$1', $(ep 2026-01-01), '$2', $closed);"
}
doc() { # id fax status case|NULL
	sql "INSERT INTO documents(id, fax_id, first_page, pages, type, status, case_id, read_ok, created_at)
	     VALUES ($1, $2, 1, 1, 'onsite', '$3', $4, 1, $(ep 2026-05-01T10:00:00+02:00));
	     INSERT INTO fields(document_id, name, value, confidence) VALUES ($1, 'imei', '35290611234567$1', 0.99);"
}
A=archive/2026-05-01
case_ 1 complete 2026-05-10T12:00:00+02:00
case_ 2 complete 2026-06-15T12:00:00+02:00       # closed after the cutoff
case_ 3 pending NULL                              # open
case_ 4 cancelled 2026-04-01T12:00:00+02:00
case_ 5 rejected 2026-05-01T12:00:00+02:00
case_ 6 complete NULL                             # closed_at never set
case_ 7 complete 2026-05-31T23:59:59+02:00        # the last second before the cutoff
case_ 8 complete 2026-06-01T00:00:00+02:00        # the cutoff itself: not before

fax 1 $A/f1.tif;            doc 1 1 accepted 1            # yes
fax 2 $A/f2.tif;            doc 2 2 accepted 2            # no: closed after
fax 3 $A/f3.tif;            doc 3 3 accepted 3            # no: open case
fax 4 $A/f4.tif;            doc 4 4 accepted 4; doc 41 4 review NULL   # no: a review document
fax 5 $A/f5.tif;            doc 5 5 accepted 1; doc 51 5 rejected 5    # yes: both closed
fax 6 corrupt/f6.tif corrupt 2026-05-01T10:00:00+02:00    # yes: corrupt, processed before
fax 7 corrupt/f7.tif corrupt 2026-07-01T10:00:00+02:00    # no: processed after
fax 8 $A/f8.tif duplicate 2026-05-02T10:00:00+02:00 1     # yes: its original goes too
fax 9 $A/f9.tif duplicate 2026-05-02T10:00:00+02:00 3     # no: its original is open
fax 10 $A/f10.tif;          doc 10 10 accepted 1          # no: also an extra copy in open case 3
sql "INSERT INTO case_documents(case_id, type, document_id, counts) VALUES (1, 'onsite', 10, 1), (3, 'onsite', 10, 0);"
fax 11 $A/f11.tif;          doc 11 11 waiting NULL        # no: waiting
fax 12 $A/f12.tif;          doc 12 12 rejected NULL       # yes: rejected, no case, before
fax 15 $A/f15.tif;          doc 15 15 accepted 6          # no: no closed_at
fax 17 $A/f17.tif;          doc 17 17 accepted 7          # yes: one second before
fax 18 $A/f18.tif;          doc 18 18 accepted 8          # no: at the cutoff
fax 19 "$sp/$A/f19.tif";    doc 19 19 accepted 1          # yes: an absolute path
fax 20 $A/f20.tif;          doc 20 20 accepted 1          # eligible, but ...
printf 'not the original\n' > "${FILE[20]}"                 # ... not the original bytes: kept
fax 21 "$t/elsewhere/f21.tif"; doc 21 21 accepted 1       # eligible, but outside the spool: kept
fax 22 $A/f22.tif;          doc 22 22 accepted 1          # eligible, but a symlink: kept
mv "${FILE[22]}" "$t/target22"; ln -s "$t/target22" "${FILE[22]}"
fax 23 $A/f23.tif;          doc 23 23 accepted 1          # eligible, already gone: recorded
rm "${FILE[23]}"

fax 24 refused/dev24 corrupt 2026-05-01T10:00:00+02:00     # no: refused unread, a person's
rm "${FILE[24]}"; ln -s /dev/null "${FILE[24]}"

YES="1 5 6 8 12 17 19"
NO="2 3 4 7 9 10 11 15 18 24"
TROUBLE="20 21 22"
rows() { sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM faxes)||'/'||(SELECT COUNT(*) FROM documents)||'/'||(SELECT COUNT(*) FROM fields)||'/'||(SELECT COUNT(*) FROM cases)"; }
rows0=$(rows)
ev0=$(sqlite3 "$db" "SELECT COUNT(*) FROM events")

# dry run: lists exactly the eligible ones, removes and records nothing
out=$($FI -H "$h" purge --before 2026-06-01 --dry-run 2>"$t/err"); rc=$?
[ $rc = 1 ] || fail "dry run with troubles must exit 1 (got $rc)"
listed=$(echo "$out" | sed -n 's/^would remove F-0*\([0-9]*\) .*/\1/p' | sort -n | tr '\n' ' ')
[ "$listed" = "$(echo $YES 23 | tr ' ' '\n' | sort -n | tr '\n' ' ')" ] || fail "dry run listed: $listed"
echo "$out" | grep -q "would remove F-000023 .* (already gone)" || fail "dry run: gone file not said"
for id in $YES $NO 20 21; do [ -e "${FILE[$id]}" ] || fail "dry run removed F$id"; done
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM events")" = "$ev0" ] || fail "dry run wrote events"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM faxes WHERE purged_at IS NOT NULL")" = 0 ] || fail "dry run set purged_at"

# the real run
out=$($FI -H "$h" purge --as archivist --before 2026-06-01 2>"$t/err"); rc=$?
[ $rc = 1 ] || fail "purge with troubles must exit 1 (got $rc): $(cat "$t/err")"
for id in $YES; do
	[ -e "${FILE[$id]}" ] && fail "F$id not removed"
	echo "$out" | grep -q "^removed F-$(printf %06d $id) ${FILE[$id]} sha256=${SHA[$id]}$" || fail "F$id not reported: $out"
	ev=$(sqlite3 "$db" "SELECT actor||'|'||detail FROM events WHERE action = 'purge' AND object = 'F-$(printf %06d $id)'")
	[ "$ev" = "archivist|before=2026-06-01 file=${FILE[$id]} sha256=${SHA[$id]} bytes=$(( ${#id} + 20 ))" ] || fail "F$id event: $ev"
done
for id in $NO $TROUBLE; do [ -e "${FILE[$id]}" ] || fail "F$id removed"; done
[ -f "$t/target22" ] || fail "symlink target removed"
grep -q "f20.tif' is not the original of F-000020" "$t/err" || fail "sha mismatch not said: $(cat "$t/err")"
grep -q "f21.tif' is not in the spool's archive/ or corrupt/" "$t/err" || fail "outside path not said"
grep -q "f22.tif'.*kept" "$t/err" || fail "symlink not said"
grep -q "f23.tif' (F-000023) was already gone; recorded as purged" "$t/err" || fail "gone file not said"
purged=$(sqlite3 "$db" "SELECT id FROM faxes WHERE purged_at IS NOT NULL ORDER BY id" | tr '\n' ' ')
[ "$purged" = "1 5 6 8 12 17 19 23 " ] || fail "purged_at set on: $purged"
[ "$(rows)" = "$rows0" ] || fail "rows changed: $(rows) vs $rows0"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM events")" = $((ev0 + 9)) ] || fail "events: 7 removals, 1 missing, 1 run expected"
sqlite3 "$db" "SELECT detail FROM events WHERE action = 'purge-run'" | grep -q "^before=2026-06-01 removed=7 bytes=[0-9]* kept=10 failed=3 missing=1$" || fail "run event"

# again, with the troubles taken out of the spool's care: nothing more, exit 0
sql "UPDATE faxes SET archived = NULL WHERE id IN (20, 21, 22);"
out=$($FI -H "$h" purge --before 2026-06-01 2>"$t/err") || fail "second purge: $(cat "$t/err")"
[ -z "$out" ] || fail "second purge removed: $out"
for id in $NO; do [ -e "${FILE[$id]}" ] || fail "F$id removed the second time"; done

# a later DATE takes what closed by then (case 2, and case 8 at the old cutoff)
out=$($FI -H "$h" purge --before 2026-06-16 2>/dev/null) || fail "purge --before 2026-06-16"
[ "$(echo "$out" | sed -n 's/^removed F-0*\([0-9]*\) .*/\1/p' | sort -n | tr '\n' ' ')" = "2 18 " ] || fail "later date removed: $out"
[ -L "${FILE[24]}" ] || fail "a refused entry was touched"

# retention_days is a floor
echo 'retention_days = 30' >> "$h/faxintake.conf"
$FI -H "$h" purge --before 2026-11-01 --dry-run 2>"$t/err"; rc=$?
[ $rc = 2 ] || fail "a DATE inside retention must exit 2 (got $rc)"
grep -q "more recent than retention_days = 30 allows (at most 2026-10-26)" "$t/err" || fail "floor message: $(cat "$t/err")"
$FI -H "$h" purge --before 2026-10-26 --dry-run >/dev/null 2>&1 || fail "a DATE at the floor is fine"

# usage
$FI -H "$h" purge 2>/dev/null; [ $? = 2 ] || fail "no --before must exit 2"
$FI -H "$h" purge --before 2026-13-01 2>/dev/null; [ $? = 2 ] || fail "bad DATE must exit 2"
$FI -H "$h" purge --before 2026-06-01 extra 2>/dev/null; [ $? = 2 ] || fail "extra argument must exit 2"
pass
