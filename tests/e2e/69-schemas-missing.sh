#!/bin/bash
# Schemas that cannot be loaded (an installation broken while the daemon
# runs) are not the faxes' fault: a TIFF whose documents cannot be
# validated (ocr_pages_group fails) and an XML fax both stay in spool/work,
# unrecorded, with a clear reason; run --once fails; the daemon goes on and
# reads them once the schemas are back.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$t"; }
trap cleanup EXIT
new_home
printf 'xml_faxes = yes\nrescan_interval_s = 1\n' >> "$t/h/faxintake.conf"
in=$t/h/spool/incoming
# an installation whose document schemas lack unknown.xsd (the requirement
# table is found beside the schemas folder)
src=$(dirname "$FAXINTAKE_SCHEMAS")
mkdir "$t/inst"; cp -a "$FAXINTAKE_SCHEMAS" "$t/inst/schemas"; cp -a "$src/rules" "$t/inst/rules"
mv "$t/inst/schemas/unknown.xsd" "$t/unknown.xsd"
export FAXINTAKE_SCHEMAS=$t/inst/schemas

mk_fault "$in/fax.tif" "2026-11-23 16:02:11" || fail "mkfax"
xml_fax "$in/b.xml" 2026-11-24T09:00:00+01:00 "$DOC_DENUNCIATION"
$FI run --once 2>"$t/log" && fail "run --once should fail: $(cat "$t/log")"
grep -q "'fax.tif' stays in line: its documents could not be validated: the schemas could not be loaded" "$t/log" ||
	fail "TIFF: $(cat "$t/log")"
grep -q "'b.xml' stays in line: the schemas could not be loaded" "$t/log" || fail "XML: $(cat "$t/log")"
grep -q "unknown.xsd" "$t/log" || fail "which schema: $(cat "$t/log")"
[ -f "$t/h/spool/work/fax.tif" ] && [ -f "$t/h/spool/work/b.xml" ] || fail "both should stay in spool/work"
[ -z "$(ls "$t/h/spool/corrupt")" ] || fail "quarantined: $(ls "$t/h/spool/corrupt")"
$FI export 2>/dev/null | grep -q '<fax ' && fail "a fax was recorded: $($FI export)"

# the daemon does not stop on them, and reads them when the schemas return
$FI watch 2>"$t/wlog" &
pid=$!
for i in $(seq 300); do grep -q "'fax.tif' stays in line" "$t/wlog" && break; sleep 0.1; done
grep -q "'fax.tif' stays in line" "$t/wlog" || fail "watch: $(cat "$t/wlog")"
sleep 1
kill -0 $pid 2>/dev/null || fail "the daemon stopped: $(cat "$t/wlog")"
mv "$t/unknown.xsd" "$t/inst/schemas/unknown.xsd"
processed() { [ "$($FI export 2>/dev/null | grep -c 'status="processed"')" = 2 ]; }
for i in $(seq 300); do processed && break; sleep 0.1; done
processed || fail "not read once the schemas were back: $(cat "$t/wlog")"
kill -TERM $pid; wait $pid; rc=$?; pid=
[ "$rc" = 0 ] || fail "watch exit $rc"
pass
