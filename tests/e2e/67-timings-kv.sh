#!/bin/bash
# run --once --timings=kv: the stage timings as key=value lines, the
# contract tools/bench.sh reads (intake/pipeline.h): every key in order,
# the page count, CPU spent where a form page spends it.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
new_home
mk_fault "$t/h/spool/incoming/fax.tif" "2026-11-23 16:02:11" || fail "mkfax"
$FI run --once --timings=kv >"$t/kv" 2>"$t/log" || { cat "$t/log"; fail "run --once --timings=kv"; }
keys=$(cut -d= -f1 "$t/kv" | tr '\n' ' ')
[ "$keys" = "workers faxes pages documents us_decode us_clean us_classify us_field_ocr us_page_ocr us_rules us_db wall_us us_engine_start " ] ||
	fail "keys: $keys"
grep -qvE '^[a-z_]+=[0-9]+$' "$t/kv" && fail "not key=number: $(cat "$t/kv")"
v() { sed -n "s/^$1=//p" "$t/kv"; }
[ "$(v workers)" = 2 ] || fail "workers: $(v workers)"
[ "$(v faxes)" = 1 ] && [ "$(v pages)" = 1 ] && [ "$(v documents)" = 1 ] || fail "counts: $(cat "$t/kv")"
[ "$(v us_field_ocr)" -gt 0 ] && [ "$(v us_clean)" -gt 0 ] && [ "$(v wall_us)" -gt 0 ] ||
	fail "a form page spends CPU in cleaning and field OCR: $(cat "$t/kv")"
[ "$(v us_page_ocr)" = 0 ] || fail "no whole-page OCR on a form: $(cat "$t/kv")"
[ "$(v us_engine_start)" -gt 0 ] || fail "a page was read: an engine was started: $(cat "$t/kv")"
# the human table is unchanged by it
$FI run --once --timings >"$t/table" 2>/dev/null || fail "run --once --timings"
grep -q 'stage timings' "$t/table" || fail "table: $(cat "$t/table")"
grep -q 'engine start' "$t/table" || fail "table: $(cat "$t/table")"
pass
