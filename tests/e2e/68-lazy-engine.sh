#!/bin/bash
# The OCR engines load their models only when a page needs reading: a run
# of XML faxes works (and spends nothing on them) even with model files
# that would not load; a fax that needs reading then stays in line with a
# clear error, is retried by watch at waits that double, and is read by
# the next run once the models are good. A
# missing model still stops run --once and watch at start, before any fax
# is claimed.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
new_home
echo "xml_faxes = yes" >> "$t/h/faxintake.conf"
in=$t/h/spool/incoming
# model files that are there, but damaged: found only by loading them
mkdir "$t/bad" "$t/none"
for m in ita eng Latin; do echo "not a model" > "$t/bad/$m.traineddata"; done

xml_fax "$in/a.xml" 2026-11-23T09:00:00+01:00 "$DOC_ONSITE_THEFT"
TESSDATA_PREFIX=$t/bad $FI run --once --timings=kv >"$t/kv" 2>"$t/log" ||
	{ cat "$t/log"; fail "XML faxes need no OCR engine"; }
grep -qx 'faxes=1' "$t/kv" || fail "kv: $(cat "$t/kv")"
grep -qx 'us_engine_start=0' "$t/kv" || fail "an engine was started for XML faxes: $(cat "$t/kv")"

# a TIFF needs the engine: it stays in spool/work, the XML fax beside it is
# processed, the run says why (once, not once a page) and fails
mk_theft "$in/fax.tif" "2026-11-23 16:02:11" block-site onsite || fail "mkfax"
xml_fax "$in/b.xml" 2026-11-24T09:00:00+01:00 "$DOC_DENUNCIATION"
TESSDATA_PREFIX=$t/bad $FI run --once 2>"$t/log" && fail "run --once should fail: $(cat "$t/log")"
grep -q "cannot start the OCR engine: cannot load the tesseract model 'ita'" "$t/log" || fail "why: $(cat "$t/log")"
[ "$(grep -c 'cannot start the OCR engine' "$t/log")" = 1 ] || fail "said more than once: $(cat "$t/log")"
grep -q "'fax.tif' stays in line" "$t/log" || fail "stays in line: $(cat "$t/log")"
[ -f "$t/h/spool/work/fax.tif" ] || fail "the TIFF should stay in spool/work"
$FI export > "$t/x" 2>/dev/null || fail export
grep -q 'b.xml' "$t/x" || fail "the XML fax beside it was not processed"
grep -q 'fax.tif' "$t/x" && fail "the unread TIFF was recorded: $(cat "$t/x")"
# watch does not retry every few seconds while the models stay damaged:
# 5 s after the first failure, then 10 s after the second (9 s: two tries)
TESSDATA_PREFIX=$t/bad timeout -s INT 9 $FI watch 2>"$t/wlog"
[ "$(grep -c 'cannot start the OCR engine' "$t/wlog")" = 2 ] || fail "watch tries: $(cat "$t/wlog")"
grep -q 'taken up again in 5 s' "$t/wlog" || fail "first wait: $(cat "$t/wlog")"
grep -q 'taken up again in 10 s' "$t/wlog" || fail "second wait: $(cat "$t/wlog")"
[ -f "$t/h/spool/work/fax.tif" ] || fail "the TIFF should stay in spool/work under watch"
# good models again: the next run reads it
$FI run --once 2>"$t/log" || { cat "$t/log"; fail "run --once with the models back"; }
$FI export | grep -q 'file="fax.tif" [^>]*status="processed"' || fail "TIFF not read: $($FI export)"

# a missing model: both stop at start, saying which, and claim nothing
xml_fax "$in/c.xml" 2026-11-25T09:00:00+01:00 "$DOC_IDENTITY"
TESSDATA_PREFIX=$t/none $FI run --once 2>"$t/log" && fail "run --once without models should fail"
grep -q "cannot load the tesseract model 'ita': '$t/none/ita.traineddata': No such file" "$t/log" ||
	fail "why: $(cat "$t/log")"
[ -f "$in/c.xml" ] || fail "a fax was claimed without models"
TESSDATA_PREFIX=$t/none timeout 20 $FI watch 2>"$t/log"; rc=$?
[ "$rc" = 1 ] || fail "watch without models: exit $rc: $(cat "$t/log")"
grep -q "cannot load the tesseract model 'ita'" "$t/log" || fail "watch why: $(cat "$t/log")"
pass
