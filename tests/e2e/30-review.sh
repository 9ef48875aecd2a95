#!/bin/bash
# The clerks' desk: a document that failed its IMEI check goes to review;
# a wrong correction is refused and changes nothing; the right one makes
# the ticket, with the report date of the fax's receipt; history tells who.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
new_home

# the last IMEI digit is wrong on the paper: the Luhn check fails
mk_fault "$t/h/spool/incoming/bad-imei.tif" "2026-11-23 16:02:11" imei=352906112345676 || fail "mkfax"
$FI run --once 2>/dev/null || fail "run"
$FI review list > "$t/list" 2>/dev/null || fail "review list"
grep -q 'D-000001' "$t/list" || fail "the document is not in the queue: $(cat "$t/list")"
grep -q 'IMEI_CHECKSUM' "$t/list" || fail "no IMEI_CHECKSUM in the queue: $(cat "$t/list")"
$FI review list --reason IMEI_CHECKSUM | grep -q D-000001 || fail "review list --reason"
$FI review list --reason SIGNATURE_MISSING | grep -q D-000001 && fail "filter by reason"
$FI review show D-000001 --png "$t/png" > "$t/show" 2>/dev/null || fail "review show"
grep -q 'IMEI_CHECKSUM' "$t/show" || fail "show lacks the reason"
ls "$t/png"/D-000001-page1.png >/dev/null 2>&1 || fail "no page PNG"
ls "$t"/h/outbox/*.xml >/dev/null 2>&1 && fail "a ticket before the correction"

# a wrong correction: refused, nothing changes
$FI review set D-000001 imei=352906112345670 --as lverdi 2>"$t/err"; rc=$?
[ $rc != 0 ] || fail "a value failing its check was accepted"
grep -q IMEI_CHECKSUM "$t/err" || fail "refusal does not say why: $(cat "$t/err")"
$FI review set D-000001 nosuchfield=1 --as lverdi 2>/dev/null && fail "unknown field accepted"

# the right one: the ticket follows, dated by the fax's receipt
$FI review set D-000001 imei=352906112345675 --as lverdi 2>"$t/err" || fail "correction: $(cat "$t/err")"
tk=$(ls "$t"/h/outbox/AR-2026-*.xml 2>/dev/null | head -1)
[ -n "$tk" ] || fail "no ticket after the correction"
grep -q '<report-date>2026-11-23T16:02:11+01:00</report-date>' "$tk" || fail "report date: $(cat "$tk")"
$FI export > "$t/export.xml" 2>/dev/null || fail "export"
grep -q 'name="imei" value="352906112345675"[^>]*source="clerk" by="lverdi"' "$t/export.xml" || fail "export lacks the clerk's value"
$FI history D-000001 > "$t/hist" 2>/dev/null || fail "history"
grep -q 'lverdi.*review-set' "$t/hist" || fail "history lacks the clerk: $(cat "$t/hist")"
$FI cases --format csv | grep -q '^C-000001,complete,3351234567' || fail "cases csv: $($FI cases --format csv)"
$FI tickets --since 2026-11-23 | grep -q 'AR-2026-000001' || fail "tickets --since"
$FI tickets --since 2026-11-24 | grep -q 'AR-2026-000001' && fail "tickets --since excludes earlier"
pass
