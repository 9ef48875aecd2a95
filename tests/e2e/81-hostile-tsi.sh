#!/bin/bash
# Text from a fax that lands in XML: the sender's TSI (TIFF ImageDescription)
# of 127 ASCII characters and an 'é' (a 128-byte cut once left half of it),
# one with the noncharacter U+FFFF and control characters, and one that is
# not UTF-8 at all. The faxes are processed, and the export - which
# validates itself - still works and is well-formed: one hostile fax must
# not make the whole state unexportable.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
new_home
in=$t/h/spool/incoming
long=$(head -c 127 /dev/zero | tr '\0' 'a')
$MKFAX -o "$in/cut.tif" --normal --tsi "${long}é" --page blank || fail "mkfax cut"
$MKFAX -o "$in/nonchar.tif" --normal --tsi "$(printf '+39 02\xef\xbf\xbf 555\x010100')" \
	--datetime "2026-11-23 11:00:00" --page blank || fail "mkfax nonchar"
$MKFAX -o "$in/latin1.tif" --normal --tsi "$(printf 'Societ\xe0')" \
	--datetime "2026-11-23 12:00:00" --page blank || fail "mkfax latin1"
$FI run --once 2>"$t/log" || { cat "$t/log"; fail "run --once"; }
$FI export > "$t/export.xml" 2>"$t/log" || fail "export refused: $(cat "$t/log")"
xmllint --noout "$t/export.xml" 2>"$t/lint" || fail "export not well-formed: $(cat "$t/lint")"
x() { xmllint --xpath "$1" "$t/export.xml" 2>/dev/null; }
[ "$(x "count(//*[local-name()='fax'])")" = 3 ] || fail "3 faxes expected"
# the cut TSI keeps its 127 whole characters, nothing of the half 'é'
x "string(//*[local-name()='fax'][@file='cut.tif']/@sender)" > "$t/cut"
[ "$(cat "$t/cut")" = "$long" ] || fail "cut TSI: '$(cat "$t/cut")'"
# U+FFFF and the control character each become one '?'
x "string(//*[local-name()='fax'][@file='nonchar.tif']/@sender)" > "$t/nonchar"
[ "$(cat "$t/nonchar")" = '+39 02? 555?0100' ] || fail "noncharacter TSI: '$(cat "$t/nonchar")'"
# a TSI that is not UTF-8 is not kept at all
[ -z "$(x "string(//*[local-name()='fax'][@file='latin1.tif']/@sender)")" ] || fail "a non-UTF-8 TSI was kept"
pass
