#!/bin/bash
# The clerks' desk on already-read faxes: a denunciation that names neither
# IMEI nor line goes to a clerk; assigned by a clerk it completes the case; a reject
# and a cancel are recorded with their authors; every step is in history.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap 'rm -rf "$t"' EXIT
new_home
echo "xml_faxes = yes" >> "$t/h/faxintake.conf"
in=$t/h/spool/incoming
den_anon=$(echo "$DOC_DENUNCIATION" | sed -e 's|<imei>[0-9]*</imei>||' -e 's|<line>[0-9]*</line>||' \
	-e 's|<reporter>[^<]*</reporter>||' -e 's|<reporter_cf>[^<]*</reporter_cf>||')
xml_fax "$in/a.xml" 2026-11-23T09:00:00+01:00 "$DOC_BLOCK_POINT" "$DOC_IDENTITY"
xml_fax "$in/b.xml" 2026-11-23T15:00:00+01:00 "$den_anon"
$FI run --once 2>/dev/null || fail run
$FI cases --status pending --format csv | grep -q '^C-000001,pending,.*denunciation' || fail "case should miss the denunciation: $($FI cases --format csv)"
doc=$($FI export | grep '<document .*type="denunciation"' | sed -E 's/.*id="(D-[0-9]+)".*/\1/')
[ -n "$doc" ] || fail "no denunciation"
$FI export | grep "id=\"$doc\"" | grep -q 'status="review"' || fail "a denunciation naming no device goes to a clerk"

$FI review assign "$doc" C-999999 --as anna 2>/dev/null && fail "assign to a missing case accepted"
$FI review assign "$doc" C-000001 --as anna 2>"$t/err" || fail "assign: $(cat "$t/err")"
ls "$t"/h/outbox/AR-2026-*.xml >/dev/null 2>&1 || { $FI export; fail "the assignment did not complete the case"; }
grep -q '<report-date>2026-11-23T15:00:00+01:00</report-date>' "$t"/h/outbox/AR-2026-000001.xml || fail "report date after assign"
$FI history "$doc" | grep -q 'anna.*review-assign' || fail "history lacks the assignment"
$FI history C-000001 | grep -q 'ticket-created' || fail "history of the case lacks its ticket"

# a letter goes to a clerk, who rejects it; a second case is cancelled
xml_fax "$in/c.xml" 2026-11-24T10:00:00+01:00 '<unknown></unknown>'
xml_fax "$in/d.xml" 2026-11-24T11:00:00+01:00 "${DOC_ONSITE_THEFT/<line>3351234567</<line>3351234567<}"
$FI run --once 2>/dev/null || fail run
$FI review list | grep -q UNKNOWN_DOCUMENT || true
letter=$($FI export | grep '<document .*type="unknown"' | sed -E 's/.*id="(D-[0-9]+)".*/\1/' | head -1)
[ -n "$letter" ] || fail "no unknown document"
$FI review reject "$letter" --as marco 2>/dev/null && fail "reject without --why accepted"
$FI review reject "$letter" --why "pubblicita" --as marco 2>/dev/null || fail "reject"
$FI export | grep "id=\"$letter\"" | grep -q 'status="rejected"' || fail "rejected status"
open=$($FI cases --status open --format csv | awk -F, 'NR==2{print $1}')
if [ -n "$open" ]; then
	$FI review cancel "$open" --why "il cliente ha ritirato la richiesta" --as marco 2>/dev/null || fail "cancel"
	$FI cases --format csv | grep -q "^$open,cancelled" || fail "cancelled status"
	$FI history "$open" | grep -q 'marco.*review-cancel' || fail "history lacks the cancel"
fi
$FI history "$letter" | grep -q 'marco.*review-reject.*pubblicita' || fail "history lacks the reject"
pass
