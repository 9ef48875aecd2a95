#!/bin/bash
# run --once end to end: a fault on site becomes a ticket in the outbox;
# a duplicate is recognised; a corrupt file is quarantined with its reason;
# both DateTime styles are read; the export is valid and complete.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
new_home

in=$t/h/spool/incoming
mk_fault "$t/fault.tif" "2026-11-23 16:02:11" || fail "mkfax"
cp "$t/fault.tif" "$in/fax-a.tif"
chmod 0644 "$in/fax-a.tif"                        # the gateway's mode: world-readable
cp "$t/fault.tif" "$in/fax-a-again.tif"          # same bytes: a duplicate
head -c 300 "$t/fault.tif" > "$in/truncated.tif" # cut short: corrupt
$MKFAX -o "$in/spandsp.tif" --style spandsp --datetime "2026-11-22 09:30:00" --page blank || fail "mkfax spandsp"

$FI run --once 2>"$t/log" || { cat "$t/log"; fail "run --once"; }
$FI export > "$t/export.xml" 2>"$t/log" || { cat "$t/log"; fail "export"; }
x() { xmllint --xpath "$1" "$t/export.xml" 2>/dev/null; }
ns='*[local-name()="intake"]'
[ "$(x "count(//*[local-name()='fax'])")" = 4 ] || fail "4 faxes expected: $(cat "$t/export.xml")"
[ "$(x "count(//*[local-name()='fax'][@status='duplicate'])")" = 1 ] || fail "one duplicate"
[ "$(x "count(//*[local-name()='fax'][@status='corrupt'])")" = 1 ] || fail "one corrupt"
x "//*[local-name()='fax'][@status='corrupt']/*[local-name()='reason']/@code" | grep -q UNREADABLE_FILE || fail "corrupt reason"
x "//*[local-name()='fax'][@status='duplicate']/*[local-name()='reason']/@code" | grep -q DUPLICATE || fail "duplicate reason"
# spandsp DateTime read as Europe/Rome local time
x "//*[local-name()='fax'][@file='spandsp.tif']/@received" | grep -q '2026-11-22T09:30:00+01:00' || fail "spandsp DateTime"
x "//*[local-name()='fax'][@file='fax-a.tif' or @file='fax-a-again.tif'][@status='processed']/@received" | grep -q '2026-11-23T16:02:11+01:00' || fail "hylafax DateTime"
# the ticket
ls "$t/h/outbox/"AR-2026-*.xml >/dev/null 2>&1 || { cat "$t/export.xml"; fail "no ticket in the outbox"; }
tk=$(ls "$t/h/outbox/"AR-2026-*.xml | head -1)
xmllint --noout --schema "$FAXINTAKE_SCHEMAS/ticket.xsd" "$tk" 2>/dev/null || fail "ticket invalid"
grep -q '<report-date>2026-11-23T16:02:11+01:00</report-date>' "$tk" || fail "report date: $(cat "$tk")"
grep -q '<due-date>2026-11-30</due-date>' "$tk" || fail "due date: $(cat "$tk")"
# files: archived by receipt day, corrupt quarantined, nothing left behind
[ -z "$(ls -A "$in")" ] || fail "incoming not empty"
[ -z "$(ls -A "$t/h/spool/work")" ] || fail "work not empty"
[ "$(ls "$t/h/spool/archive/2026-11-23" | wc -l)" = 2 ] || fail "archive of 2026-11-23"
[ -f "$t/h/spool/corrupt/truncated.tif" ] || fail "corrupt not quarantined"
find "$t/h" -perm -o=r | grep -q . && fail "something in the home is readable by others: $(find "$t/h" -perm -o=r)"
# a second run changes nothing
$FI run --once 2>/dev/null || fail "second run"
$FI export > "$t/export2.xml" 2>/dev/null
diff <(grep -v exported= "$t/export.xml") <(grep -v exported= "$t/export2.xml") >/dev/null || fail "second run changed the state"
[ "$(ls "$t/h/outbox" | wc -l)" = 1 ] || fail "outbox should hold one file"
pass
