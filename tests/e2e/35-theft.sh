#!/bin/bash
# The theft rows of the requirement table, from faxes to the outbox, fed as
# already-read XML faxes (the rules, not the reading, are under test), and
# rule 11: the report date is the receipt of the last required document
# whatever the order of processing; an earlier-received copy processed
# later moves it, as a revision (<id>.r2.xml), and the ticket id stays.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
ticket_of() { ls "$t"/h/outbox/AR-2026-*.xml 2>/dev/null | grep -v '\.r[0-9]*\.xml$' | head -1; }
home() { rm -rf "$t/h"; new_home; echo "xml_faxes = yes" >> "$t/h/faxintake.conf"; in=$t/h/spool/incoming; }

# AR-BLOCCO-01, theft, point: block + denunciation + identity. The fax of
# the documents (received later) is processed first, in a run of its own.
home
xml_fax "$in/f2.xml" 2026-11-23T15:30:00+01:00 "$DOC_DENUNCIATION" "$DOC_IDENTITY"
$FI run --once 2>/dev/null || fail run
[ -z "$(ticket_of)" ] || fail "a ticket before the blocking form"
[ "$($FI export | grep -c 'status="waiting"')" = 2 ] || fail "documents should wait for their case"
xml_fax "$in/f1.xml" 2026-11-23T09:00:00+01:00 "$DOC_BLOCK_POINT"
$FI run --once 2>/dev/null || fail run
tk=$(ticket_of); [ -n "$tk" ] || { $FI export; fail "no ticket (point)"; }
grep -q 'delivery="point"' "$tk" || fail "delivery: $(cat "$tk")"
grep -q '<report-date>2026-11-23T15:30:00+01:00</report-date>' "$tk" || fail "report date (point): $(cat "$tk")"
for ty in block denunciation identity; do grep -q "type=\"$ty\"" "$tk" || fail "ticket lacks $ty"; done
grep -q 'type="onsite"' "$tk" && fail "point delivery needs no on-site form"

# AR-BLOCCO-01, theft, site: block, denunciation, identity, onsite; all in
# one run, the on-site form received last, on a Tuesday.
home
xml_fax "$in/a.xml" 2026-11-23T09:00:00+01:00 "$DOC_BLOCK_SITE" "$DOC_DENUNCIATION" "$DOC_IDENTITY"
xml_fax "$in/b.xml" 2026-11-24T11:00:00+01:00 "$DOC_ONSITE_THEFT"
$FI run --once 2>/dev/null || fail run
tk=$(ticket_of); [ -n "$tk" ] || { $FI export; fail "no ticket (block, site)"; }
grep -q '<report-date>2026-11-24T11:00:00+01:00</report-date>' "$tk" || fail "report date (site): $(cat "$tk")"
grep -q '<due-date>2026-12-01</due-date>' "$tk" || fail "due date (site): $(cat "$tk")"

# Rule 11: an on-site form received earlier, processed now, moves the
# report date: revision 2, same id, both files in the outbox.
xml_fax "$in/c.xml" 2026-11-23T10:00:00+01:00 "$DOC_ONSITE_THEFT"
$FI run --once 2>/dev/null || fail run
id=$(basename "$tk" .xml)
r2=$t/h/outbox/$id.r2.xml
[ -f "$r2" ] || { ls "$t/h/outbox"; fail "no revision 2"; }
grep -q 'revision="2"' "$r2" || fail "revision attribute"
grep -q '<report-date>2026-11-23T10:00:00+01:00</report-date>' "$r2" || fail "revised report date: $(cat "$r2")"
grep -q '<due-date>2026-11-30</due-date>' "$r2" || fail "revised due date: $(cat "$r2")"
[ "$(ls "$t/h/outbox" | wc -l)" = 2 ] || fail "outbox should hold two revisions"
xmllint --noout --schema "$FAXINTAKE_SCHEMAS/ticket.xsd" "$r2" 2>/dev/null || fail "revision invalid"
$FI history C-000001 | grep -q ticket-revised || fail "revision not in history"
first=$($FI export)

# The same faxes in another order, in one run: the same cases and dates.
home
xml_fax "$in/c.xml" 2026-11-23T10:00:00+01:00 "$DOC_ONSITE_THEFT"
xml_fax "$in/b.xml" 2026-11-24T11:00:00+01:00 "$DOC_ONSITE_THEFT"
xml_fax "$in/a.xml" 2026-11-23T09:00:00+01:00 "$DOC_BLOCK_SITE" "$DOC_DENUNCIATION" "$DOC_IDENTITY"
$FI run --once 2>/dev/null || fail run
tk=$(ticket_of)
grep -q '<report-date>2026-11-23T10:00:00+01:00</report-date>' "$tk" || fail "order changed the report date"
strip() { grep -E '<(case|ticket) ' | sed -E 's/ (id|case|revision)="[^"]*"//g'; }
diff <(echo "$first" | strip) <($FI export | strip) || fail "order changed the cases or tickets"

# AR-SEDE-01, theft, site: the on-site form first opens the case.
home
xml_fax "$in/a.xml" 2026-11-23T08:00:00+01:00 "$DOC_ONSITE_THEFT"
xml_fax "$in/b.xml" 2026-11-23T12:00:00+01:00 "$DOC_BLOCK_SITE" "$DOC_DENUNCIATION" "$DOC_IDENTITY"
$FI run --once 2>/dev/null || fail run
tk=$(ticket_of); [ -n "$tk" ] || { $FI export; fail "no ticket (onsite first)"; }
grep -q '<report-date>2026-11-23T12:00:00+01:00</report-date>' "$tk" || fail "report date (onsite first): $(cat "$tk")"

# A malformed XML fax is corrupt with its reason, not a crash.
printf '<fax xmlns="urn:faxintake:fax:1" received="2026-11-23T12:00:00+01:00"><block xmlns="urn:faxintake:document:1"><imei>12</imei></block></fax>' > "$in/bad.xml"
$FI run --once 2>/dev/null || fail "run on a bad XML fax"
$FI export | grep -q 'reason code="SCHEMA_INVALID"' || fail "bad XML fax not SCHEMA_INVALID"
pass
