#!/bin/bash
# One end-to-end case per reason code the rules raise, from an XML fax to
# the reason in the export (and the ticket's note for ADDRESS_NOT_APPLIED).
# The registry is the contract's: line 3351234567 is covered, 3479876543's
# coverage ended on 2026-06-14; Anna Bianchi is an employee enabled for
# 3351234567 only.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
F=$DOC_ONSITE_FAULT
# expect CODE FAXES...: a fresh home, each fax (RECEIVED|DOC|DOC...) in turn,
# then CODE must be a reason somewhere in the export
expect() {
	local code=$1; shift
	rm -rf "$t/h"; new_home >/dev/null
	echo "xml_faxes = yes" >> "$t/h/faxintake.conf"
	local n=0 spec rec
	for spec in "$@"; do
		n=$((n + 1))
		rec=${spec%%|*}
		IFS='|' read -r -a docs <<< "${spec#*|}"
		xml_fax "$t/h/spool/incoming/$n.xml" "$rec" "${docs[@]}"
	done
	$FI run --once 2>/dev/null || fail "$code: run"
	$FI export > "$t/export.xml" 2>/dev/null || fail "$code: export"
	grep -q "code=\"$code\"" "$t/export.xml" || { grep -E '<(document|case|reason)' "$t/export.xml"; fail "$code not raised"; }
	echo "  $code"
}
R=2026-11-23T10:00:00+01:00

expect LINE_UNKNOWN "$R|$(sub "$F" 3351234567 3330000000)"
expect COMPANY_MISMATCH "$R|$(sub "$F" 04971230588 01234567897)"
expect IMEI_MISMATCH "$R|$(sub "$F" 352906112345675 356938035643809)"
expect SIGNER_NOT_AUTHORIZED "$R|$(sub "$(sub "$F" RSSMRA80A01F205X VRDLGU75C10H501Z)" 'Mario Rossi</signer>' 'Luigi Verdi</signer>')"
expect SIGNATURE_MISSING "$R|$(sub "$F" '<signature>true' '<signature>false')"
expect DECLARATION_MISSING "$R|$(sub "$F" '<declaration>true' '<declaration>false')"
expect EXCLUSION_SUSPECTED "$R|$(sub "$F" 'Lo schermo resta nero' 'Il telefono e caduto in acqua')"
expect COVERAGE_EXPIRED "$R|$(sub "$(sub "$F" 3351234567 3479876543)" 352906112345675 867530098765439)"
expect ADDRESS_NOT_APPLIED "$R|$(sub "$(sub "$(sub "$(sub "$F" RSSMRA80A01F205X BNCNNA85M41H501N)" 'Mario Rossi</signer>' 'Anna Bianchi</signer>')" '>legal-representative<' '>employee<')" 'Via Roma 1, 20121 Milano MI' 'Via Dante 5, 20121 Milano MI')"
grep -q 'code="ADDRESS_NOT_APPLIED"' "$t"/h/outbox/AR-2026-000001.xml || fail "ticket lacks the ADDRESS_NOT_APPLIED note"
expect ID_EXPIRED "$R|$DOC_BLOCK_POINT|$(sub "$DOC_IDENTITY" 2031-01-01 2025-01-01)|$DOC_DENUNCIATION"
expect DENUNCIATION_DATE_INVALID "$R|$DOC_BLOCK_POINT|$DOC_IDENTITY|$(sub "$DOC_DENUNCIATION" '<date>2026-11-22' '<date>2026-11-20')"
expect DOCUMENT_MISMATCH "$R|$DOC_BLOCK_POINT" "2026-11-23T11:00:00+01:00|$F"
FAXINTAKE_NOW=2026-12-30T12:00:00+01:00 expect NO_MATCHING_CASE "$R|$DOC_DENUNCIATION"

# AMBIGUOUS_CASE: the company gets a second covered line; Mario Rossi
# blocks both phones; his identity copy, faxed alone, fits both cases.
cat > "$t/more.xml" <<'XML'
<registry xmlns="urn:faxintake:registry:1">
  <company vat="04971230588" name="Rossi Costruzioni S.r.l.">
    <line number="3480000000" imei="356938035643809" model="Apple iPhone 15"
          coverage-start="2025-06-01" coverage-end="2027-05-31"/>
  </company>
</registry>
XML
rm -rf "$t/h"; new_home >/dev/null
echo "xml_faxes = yes" >> "$t/h/faxintake.conf"
$FI registry import "$t/more.xml" 2>/dev/null || fail "second registry import"
xml_fax "$t/h/spool/incoming/1.xml" "$R" "$DOC_BLOCK_POINT"
xml_fax "$t/h/spool/incoming/2.xml" 2026-11-23T10:05:00+01:00 "$(sub "$(sub "$DOC_BLOCK_POINT" 3351234567 3480000000)" 352906112345675 356938035643809)"
xml_fax "$t/h/spool/incoming/3.xml" 2026-11-23T11:00:00+01:00 "$DOC_IDENTITY"
$FI run --once 2>/dev/null || fail "AMBIGUOUS_CASE: run"
[ "$($FI cases --status pending --format csv | grep -c '^C-')" = 2 ] || fail "two open cases expected"
$FI export | grep -q 'code="AMBIGUOUS_CASE"' || { $FI export | grep -E '<(document|reason|case)'; fail "AMBIGUOUS_CASE not raised"; }
echo "  AMBIGUOUS_CASE"
pass
