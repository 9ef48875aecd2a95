#!/bin/bash
# `faxintake report`: the figures of a day from rows put into a fresh home's
# database (the schema of intake/store.c, version 1), the XML valid against
# schemas/report.xsd, the HTML well-formed and standalone, the CSV of the
# day's tickets, byte-identical runs, an empty day, a report taken while
# another process holds the write lock.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
FI=$BUILD/faxintake
H=$t/h
XSD=$FAXINTAKE_SCHEMAS/report.xsd
export TZ=Europe/Rome

$FI -H "$H" init 2>/dev/null || fail "init"

# Times are written in UTC; December in Rome is UTC+1. The day under test
# is Thursday 2026-12-24: local [2026-12-23T23:00Z, 2026-12-24T23:00Z).
# Its next business day is Monday 2026-12-28 (25 and 26 are holidays).
u() { echo "CAST(strftime('%s','$1') AS INTEGER)"; }
sqlite3 "$H/faxintake.db" <<EOF || fail "cannot load the fixture"
INSERT INTO faxes(id, sha256, file, received, received_from, sender, pages, status,
                  duplicate_of, processed_at, cpu_ms, wall_ms, clean_fax_data, bad_fax_lines) VALUES
 (1, 'a1', 'f1.tif', $(u '2026-12-24 08:15:00'), 'datetime', '+39 02 5550100', 3, 'processed', NULL, 0, 2900, 3000, 0, 0),
 (2, 'a2', 'f2.tif', $(u '2026-12-24 08:40:00'), 'datetime', '+39 02 5550100', 1, 'processed', NULL, 0, 800, 900, 2, 14),
 (3, 'a3', 'f3.tif', $(u '2026-12-24 13:05:00'), 'mtime', NULL, 0, 'corrupt', NULL, 0, NULL, NULL, NULL, NULL),
 (4, 'a1', 'f4.tif', $(u '2026-12-24 22:59:59'), 'datetime', 'Rossi & Figli', 2, 'duplicate', 1, 0, NULL, 5, NULL, 3),
 (5, 'a5', 'f5.tif', $(u '2026-12-23 22:59:59'), 'datetime', '+39 02 5550100', 1, 'processed', NULL, 0, 1, 99999, 2, 9),
 (6, 'a6', 'f6.tif', $(u '2026-12-24 23:00:00'), 'datetime', '+39 02 5550100', 1, 'processed', NULL, 0, 1, 99999, 0, 0),
 (7, 'a7', 'f7.tif', $(u '2026-12-26 10:00:00'), 'datetime', '+39 02 5550100', 1, 'processed', NULL, 0, 1, 99999, 0, 0);
INSERT INTO pages(fax_id, page, type, blank, cpu_us) VALUES
 (1, 1, 'onsite', 0, 800000), (1, 2, 'identity', 0, 1200000), (1, 3, 'unknown', 1, 1000000),
 (2, 1, 'denunciation', 0, NULL), (5, 1, 'onsite', 1, 99999000);
INSERT INTO cases(id, key, line, imei, claim, delivery, vat, opened, status, missing,
                  report_date, due_date, closed_at, cancelled_why) VALUES
 (1, 'k1', '3351234567', '352906112345675', 'fault', 'site', '04971230588', $(u '2026-12-24 08:15:00'),
  'complete', NULL, $(u '2026-12-24 08:15:00'), '2027-01-04', $(u '2026-12-24 08:20:00'), NULL),
 (2, 'k2', '3479876543', NULL, 'theft', 'site', NULL, $(u '2026-12-24 08:40:00'), 'pending', 'block identity',
  NULL, NULL, NULL, NULL),
 (3, 'k3', '3470000003', NULL, 'loss', 'point', NULL, $(u '2026-12-10 09:00:00'), 'pending', 'identity',
  NULL, NULL, NULL, NULL),
 (4, 'k4', '3470000004', NULL, 'malfunction', 'site', NULL, $(u '2026-11-01 11:00:00'), 'review', NULL,
  NULL, NULL, NULL, NULL),
 (5, 'k5', '3470000005', NULL, 'theft', 'point', NULL, $(u '2026-12-20 11:00:00'), 'complete', NULL,
  $(u '2026-12-26 10:00:00'), '2027-01-05', $(u '2026-12-26 10:01:00'), NULL),
 (6, 'k6', '3470000006', NULL, 'fault', 'site', NULL, $(u '2026-12-01 09:00:00'), 'cancelled', NULL,
  NULL, NULL, $(u '2026-12-20 09:00:00'), 'sent twice'),
 (7, 'k7', '3470000007', NULL, 'fault', 'site', NULL, $(u '2026-12-24 23:00:00'), 'pending', 'onsite',
  NULL, NULL, NULL, NULL),
 (8, 'k8', '3470000008', NULL, 'fault', 'site', NULL, $(u '2026-12-15 09:00:00'), 'complete', NULL,
  $(u '2026-12-18 09:00:00'), '2026-12-28', $(u '2026-12-18 09:00:00'), NULL),
 (9, 'k9', '3479876543', NULL, 'theft', 'point', '04971230588', $(u '2026-12-22 09:00:00'), 'complete', NULL,
  $(u '2026-12-24 15:30:00'), '2027-01-04', $(u '2026-12-24 15:31:00'), NULL);
INSERT INTO documents(id, fax_id, first_page, pages, type, status, case_id, read_ok, created_at) VALUES
 (1, 1, 1, 1, 'onsite', 'accepted', 1, 1, 0),
 (2, 1, 2, 1, 'identity', 'rejected', NULL, 0, 0),
 (3, 2, 1, 1, 'denunciation', 'review', 2, 0, 0),
 (4, 5, 1, 1, 'onsite', 'accepted', NULL, 1, 0),
 (5, 6, 1, 1, 'block', 'accepted', 3, 1, 0),
 (6, 7, 1, 1, 'identity', 'accepted', 5, 1, 0);
INSERT INTO case_documents(case_id, type, document_id, counts) VALUES
 (1, 'onsite', 1, 1), (2, 'denunciation', 3, 1), (3, 'block', 5, 1), (5, 'identity', 6, 1);
INSERT INTO fields(document_id, name, value, confidence, source, by) VALUES
 (1, 'vat', '04971230588', 0.9, 'ocr', NULL), (1, 'line', '3351234567', 0.8, 'ocr', NULL),
 (1, 'imei', '352906112345675', 0.5, 'clerk', 'lverdi'), (2, 'expiry', '2025-05-31', 0.7, 'ocr', NULL),
 (4, 'vat', 'x', 0.1, 'ocr', NULL);
INSERT INTO reasons(fax_id, document_id, case_id, code, field, text, origin) VALUES
 (NULL, 2, NULL, 'ID_EXPIRED', 'expiry', 'expired', 'rules'),
 (3, NULL, NULL, 'UNREADABLE_FILE', NULL, 'bad strips', 'spool'),
 (4, NULL, NULL, 'DUPLICATE', NULL, 'same bytes as F-000001', 'spool'),
 (NULL, 3, NULL, 'LOW_CONFIDENCE', 'imei', 'low', 'read'),
 (NULL, 3, NULL, 'LOW_CONFIDENCE', 'line', 'low', 'read'),
 (NULL, 3, NULL, 'FIELD_MISSING', 'date', 'missing', 'read'),
 (NULL, NULL, 2, 'DOCUMENT_MISMATCH', NULL, 'fault form beside theft', 'rules'),
 (NULL, 4, NULL, 'LOW_CONFIDENCE', 'vat', 'previous day', 'read');
INSERT INTO tickets(id, case_id, year, seq, revision, report_date, due_date, xml, created_at, updated_at) VALUES
 ('AR-2026-000005', 9, 2026, 5, 2, $(u '2026-12-24 15:30:00'), '2027-01-04', '<ticket/>', 0, 0),
 ('AR-2026-000001', 1, 2026, 1, 1, $(u '2026-12-24 08:15:00'), '2027-01-04', '<ticket/>', 0, 0),
 ('AR-2026-000002', 5, 2026, 2, 1, $(u '2026-12-26 10:00:00'), '2027-01-05', '<ticket/>', 0, 0),
 ('AR-2026-000003', 8, 2026, 3, 1, $(u '2026-12-18 09:00:00'), '2026-12-28', '<ticket/>', 0, 0);
EOF

# Default day: yesterday relative to FAXINTAKE_NOW.
FAXINTAKE_NOW=2026-12-25T00:30:00+01:00 $FI -H "$H" report 2>/dev/null || fail "report"
R=$H/reports/2026-12-24
for e in xml html csv; do [ -f "$R.$e" ] || fail "no $R.$e"; done
xmllint --noout --schema "$XSD" "$R.xml" 2>/dev/null || fail "xml not valid against report.xsd"

# xpath on a copy without the default namespace
sed 's/ xmlns="urn:faxintake:report:1"//' "$R.xml" > "$t/plain.xml"
x() { xmllint --xpath "string($1)" "$t/plain.xml"; }
check() { local got; got=$(x "$1"); [ "$got" = "$2" ] || fail "$1: got '$got', want '$2'"; }

check /report/@day 2026-12-24
check /report/@start 2026-12-24T00:00:00+01:00
check /report/@empty false
check /report/faxes/@count 4
check /report/faxes/@pages 6
check /report/faxes/@processed 2
check /report/faxes/@duplicate 1
check /report/faxes/@corrupt 1
check /report/faxes/@blank-pages 1
check 'count(/report/hours/hour)' 24
check '/report/hours/hour[@h=9]/@faxes' 2
check '/report/hours/hour[@h=9]/@pages' 4
check '/report/hours/hour[@h=14]/@faxes' 1
check '/report/hours/hour[@h=23]/@faxes' 1
check '/report/hours/hour[@h=0]/@faxes' 0
check 'sum(/report/hours/hour/@faxes)' 4
check 'count(/report/senders/sender)' 3
check '/report/senders/sender[1]/@number' '+39 02 5550100'
check '/report/senders/sender[1]/@faxes' 2
check '/report/senders/sender[1]/@pages' 4
check 'count(/report/senders/sender[2]/@number)' 0
check '/report/senders/sender[3]/@number' 'Rossi & Figli'
check /report/documents/@count 3
check '/report/documents/outcome[@status="accepted"]/@count' 1
check '/report/documents/outcome[@status="waiting"]/@count' 0
check '/report/documents/outcome[@status="review"]/@count' 1
check '/report/documents/outcome[@status="rejected"]/@count' 1
check '/report/documents/type[@name="identity"]/@rejected' 1
check '/report/documents/type[@name="onsite"]/@accepted' 1
check 'count(/report/documents/type)' 3
check /report/reasons/@count 7
check '/report/reasons/reason[1]/@code' LOW_CONFIDENCE
check '/report/reasons/reason[1]/@count' 2
check '/report/reasons/reason[@code="DOCUMENT_MISMATCH"]/@cases' 1
check '/report/reasons/reason[@code="UNREADABLE_FILE"]/@faxes' 1
check '/report/reasons/reason[@code="ID_EXPIRED"]/@documents' 1
check 'count(/report/reasons/reason)' 6
check /report/cases/@opened 2
check /report/cases/@completed 2
check /report/cases/@waiting 4
check /report/cases/@review 1
check '/report/cases/age[@days="under-2"]/@cases' 1
check '/report/cases/age[@days="2-7"]/@cases' 1
check '/report/cases/age[@days="7-30"]/@cases' 1
check '/report/cases/age[@days="over-30"]/@cases' 1
check '/report/cases/waiting-for[@type="block"]/@cases' 2
check '/report/cases/waiting-for[@type="identity"]/@cases' 3
check '/report/cases/waiting[1]/@id' C-000004
check '/report/cases/waiting[@id="C-000004"]/@status' review
check '/report/cases/waiting[@id="C-000004"]/@age-days' 53.5
check '/report/cases/waiting[@id="C-000003"]/@missing' 'block identity'
check '/report/cases/waiting[@id="C-000003"]/@age-days' 14.6
check '/report/cases/waiting[@id="C-000005"]/@missing' identity
check '/report/cases/waiting[@id="C-000005"]/@status' pending
check '/report/cases/waiting[@id="C-000005"]/@age-days' 4.5
check '/report/cases/waiting[@id="C-000002"]/@missing' 'block identity'
check 'count(/report/cases/waiting[@id="C-000006" or @id="C-000007" or @id="C-000001"])' 0
check /report/tickets/@created 2
check /report/tickets/@next-business-day 2026-12-28
check /report/tickets/@due-next 1
check '/report/tickets/created/ticket[1]/@id' AR-2026-000001
check '/report/tickets/created/ticket[1]/@due-date' 2027-01-04
check '/report/tickets/created/ticket[2]/@id' AR-2026-000005
check '/report/tickets/created/ticket[2]/@revision' 2
check '/report/tickets/due/ticket[1]/@id' AR-2026-000003
check /report/processing/@pages 4
check /report/processing/@median-ms 950.0
check /report/processing/@p95-ms 1200.0
check /report/processing/@source mixed
check /report/confidence/@fields 3
check /report/confidence/@mean 0.800
check /report/line-quality/@flagged 2
check '/report/line-quality/fax[1]/@id' F-000002
check '/report/line-quality/fax[1]/@bad-fax-lines' 14
check '/report/line-quality/fax[1]/@clean-fax-data' 2
check '/report/line-quality/fax[2]/@id' F-000004
check 'count(/report/line-quality/fax[2]/@clean-fax-data)' 0

# HTML: well-formed (polyglot XHTML), standalone, charts, print style
xmllint --noout "$R.html" 2>/dev/null || fail "html not well-formed"
head -1 "$R.html" | grep -qi '^<!DOCTYPE html' || fail "html has no doctype"
[ "$(grep -c '<svg' "$R.html")" = 2 ] || fail "want two inline svg charts"
grep -q '@media print' "$R.html" || fail "no print style"
grep -Eq '(src|href)=|@import|url\(' "$R.html" && fail "html refers to something outside"
grep -q 'AR-2026-000005' "$R.html" || fail "html lacks a ticket"
grep -q 'Rossi &amp; Figli' "$R.html" || fail "html lacks an escaped sender"
grep -q 'No faxes were received' "$R.html" && fail "a busy day said to be empty"

# CSV: RFC 4180, header, one line per ticket of the day, CRLF
[ "$(wc -l < "$R.csv")" = 3 ] || fail "csv: want header + 2 tickets"
[ "$(grep -c $'\r$' "$R.csv")" = 3 ] || fail "csv lines must end in CRLF"
head -1 "$R.csv" | grep -q '^ticket,revision,case,' || fail "csv header"
grep -q '^AR-2026-000001,1,C-000001,complete,fault,site,3351234567,352906112345675,04971230588,2026-12-24T09:15:00+01:00,2027-01-04'$'\r''$' "$R.csv" \
	|| fail "csv line of AR-2026-000001: $(sed -n 2p "$R.csv")"
sed -n 3p "$R.csv" | grep -q '^AR-2026-000005,2,C-000009,complete,theft,point,3479876543,,' || fail "csv line 3"

# The same day again, explicitly and at another "now": the same bytes.
for e in xml html csv; do cp "$R.$e" "$t/first.$e"; done
FAXINTAKE_NOW=2027-02-01T12:00:00+01:00 $FI -H "$H" report --day 2026-12-24 2>/dev/null || fail "report --day"
for e in xml html csv; do cmp -s "$R.$e" "$t/first.$e" || fail "second run differs: $e"; done

# The report reads while another process holds the write lock (WAL); the
# uncommitted fax is not counted.
( echo "BEGIN IMMEDIATE; INSERT INTO faxes(id, sha256, file, received, received_from, pages, status, processed_at)
        VALUES (99, 'z', 'z', $(u '2026-12-24 10:00:00'), 'mtime', 1, 'processed', 0);"; sleep 2; echo "ROLLBACK;" ) \
	| sqlite3 "$H/faxintake.db" &
writer=$!
sleep 0.5
timeout 10 $FI -H "$H" report --day 2026-12-24 2>/dev/null || fail "report while the database is being written"
wait $writer
cmp -s "$R.xml" "$t/first.xml" || fail "report saw an uncommitted write"

# An empty day (Sunday 2026-12-27): valid, and it says so.
$FI -H "$H" report --day 2026-12-27 2>/dev/null || fail "report of an empty day"
E=$H/reports/2026-12-27
xmllint --noout --schema "$XSD" "$E.xml" 2>/dev/null || fail "empty day: xml not valid"
xmllint --noout "$E.html" 2>/dev/null || fail "empty day: html not well-formed"
sed 's/ xmlns="urn:faxintake:report:1"//' "$E.xml" > "$t/plain.xml"
check /report/@empty true
check /report/faxes/@count 0
check 'count(/report/tickets/created/ticket)' 0
check /report/tickets/@next-business-day 2026-12-28
check 'count(/report/processing/@median-ms)' 0
grep -q 'No faxes were received on this day' "$E.html" || fail "empty day: html does not say so"
[ "$(cat "$E.csv")" = "$(head -1 "$R.csv")" ] || fail "empty day: csv is not just the header"

# Usage and failures
$FI -H "$H" report --day 2026-13-01 2>/dev/null; [ $? = 2 ] || fail "bad day must exit 2"
$FI -H "$H" report --day yesterday 2>/dev/null; [ $? = 2 ] || fail "bad day must exit 2"
$FI -H "$H" report extra 2>/dev/null; [ $? = 2 ] || fail "extra argument must exit 2"
$FI -H "$t/none" report --day 2026-12-24 2>/dev/null; [ $? = 1 ] || fail "missing home must exit 1"
pass
