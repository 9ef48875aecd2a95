#!/bin/bash
# tools/bench.sh - `make bench`: how much faster faxintake reads faxes than
# the obvious alternative (the tesseract command on every page).
#
# 1. Makes a fixed, seeded corpus with build/mkfax (not timed): two sets of
#    BENCH_CYCLES x 20 pages (default 10: 200 pages each) in faxes of 1-3
#    pages; per set 60 % form pages (AR-SEDE-01, AR-BLOCCO-01), 40 %
#    denunciations and identity copies, 20 % of the pages at normal
#    resolution (204 x 98), one page in 8 upside down, fonts, sizes, date
#    styles, ticks, skew, shift, scale, noise, header bands and lost or
#    repeated rows varied page by page. A registry made from the forms'
#    ground truth lets the forms open cases and issue tickets, so the rules
#    and the database do their real work.
# 2. Measures, in this one run:
#      baseline  `tesseract PAGE out -l ita` on every page, the pages split
#                into single-page TIFFs first (not timed), OMP_THREAD_LIMIT=1,
#                two at a time (xargs -P2);
#      faxintake `run --once --timings=kv` on a fresh home holding the same
#                faxes, default workers (one per core).
#    on the form-only faxes of set A, on set A (mixed), and faxintake on
#    set B alone and on sets A+B (linearity: the time of the 2N pages over
#    the mean time of their two halves of N pages, each read on its own -
#    the two sets are made alike, kind for kind, but their values and
#    degradations differ, and a page's OCR cost with them; set A alone as
#    the N pages would measure that difference along with any growth).
# 3. Prints pages/s, the ratios, faxintake's CPU ms per page per stage (as
#    the program measures them itself), the share of the non-OCR stages and
#    peak resident memory (/usr/bin/time %M), checks them against the
#    targets, and writes the same figures to build/bench.xml
#    (schemas/bench.xsd).
#
# Wall-clock figures depend on what else the machine runs: the load average
# around each measurement is recorded, and every run also gives CPU time
# (user + sys), whose ratios hold on a busy machine too.
#
# Environment: BUILD (build dir, default build), BENCH_CYCLES (default 10),
# BENCH_STRICT=1 (exit 1 when a target is missed; default: report only),
# BENCH_REPORT_ONLY=1 (the figures again from the runs left in build/bench).
# Exit 1 when a measurement itself fails (a program failed, pages missing).
set -eu
export LC_ALL=C OMP_THREAD_LIMIT=1
export FAXINTAKE_NOW=2026-11-30T12:00:00+01:00

src=$(cd "$(dirname "$0")/.." && pwd)
B=$(cd "${BUILD:-build}" && pwd)
FI=$B/faxintake
MKFAX=$B/mkfax
CYCLES=${BENCH_CYCLES:-10}
OUT=$B/bench
XML=$B/bench.xml
export FAXINTAKE_SCHEMAS=${FAXINTAKE_SCHEMAS:-$src/schemas}
TIME=/usr/bin/time

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$FI" ] && [ -x "$MKFAX" ] || die "build first (make all)"
[ -x "$TIME" ] || die "/usr/bin/time is missing (Debian package 'time')"
for t in tesseract tiffsplit xargs; do
	command -v "$t" >/dev/null || die "'$t' is missing"
done

T0=$(date +%s)
if [ "${BENCH_REPORT_ONLY:-0}" = 1 ]; then
	# the figures again from the runs a previous bench left in $OUT
	[ -f "$OUT/counts" ] || die "no earlier runs in $OUT"
	. "$OUT/counts"
else
rm -rf "$OUT"
mkdir -p "$OUT/A" "$OUT/B" "$OUT/truth" "$OUT/pages" "$OUT/runs"

# ------------------------------------------------------------- the corpus
# One cycle: 10 faxes, 20 pages, 12 of them forms (O = AR-SEDE-01,
# K = AR-BLOCCO-01, D = denunciation, I = identity copy).
CYCLE=(O KDI OK D K ODI I OKO KD OKI)
# Faxes sent at normal resolution, 4 pages per cycle, in turn.
NORMAL=(" 1 3 " " 5 6 " " 7 4 ")
FONTS=(sans serif mono liberation-sans liberation-serif liberation-mono)
DSTYLE=(slash dash dot words)
TICKS=(x check fill)
SKEW=(0 0.8 -1.2 2 -2.5 1.5 -0.5)
SHIFT=(0,0 2,-1 -3,2 1,3 -2,-2)
SCALE=(1 0.98 1.02 1.03 0.97)

page_items() {	# letter, global page number
	local l=$1 g=$2 it
	case $l in
	O) it="form=AR-SEDE-01 auto=1";;
	K) it="form=AR-BLOCCO-01 auto=1";;
	D) it="kind=denunciation";;
	I) it="kind=identity";;
	esac
	case $l in O|K)
		it="$it font=${FONTS[g % 6]} size=$((9 + g % 4)) date-style=${DSTYLE[g % 4]}"
		it="$it tick=${TICKS[g % 3]}";;
	esac
	it="$it skew=${SKEW[g % 7]} shift=${SHIFT[g % 5]} scale=${SCALE[g % 5]}"
	[ $((g % 3)) = 1 ] && it="$it noise=0.002"
	[ $((g % 2)) = 0 ] && it="$it header=1"
	[ $((g % 9)) = 4 ] && it="$it lost=2"
	[ $((g % 9)) = 7 ] && it="$it repeat=2"
	[ $((g % 8)) = 5 ] && it="$it rotate=180"
	echo "$it"
}

# gen SET SEED0 DAY: BENCH_CYCLES cycles of faxes into $OUT/SET, with lists
# $OUT/SET.all (every fax) and $OUT/SET.forms (faxes of forms only).
n_pages=0 n_form=0 n_ff=0 n_normal=0 n_rot=0
gen() {
	local set=$1 seed0=$2 day=$3 k=0 g=0
	: > "$OUT/$set.all"; : > "$OUT/$set.forms"
	for ((c = 0; c < CYCLES; c++)); do
		for ((j = 0; j < ${#CYCLE[@]}; j++)); do
			local pat=${CYCLE[j]} args=() style=hylafax f
			f=$(printf '%s/%s/fax-%s-%03d.tif' "$OUT" "$set" "$set" "$k")
			[ $((k % 2)) = 1 ] && style=spandsp
			args=(-o "$f" --seed $((seed0 + k)) --style $style
			      --datetime "$(printf '%s %02d:%02d:00' "$day" $((8 + k * 3 / 60)) $((k * 3 % 60)))"
			      --truth "$OUT/truth/$(basename "$f" .tif).xml")
			if [[ ${NORMAL[c % 3]} == *" $j "* ]]; then
				args+=(--normal); n_normal=$((n_normal + ${#pat}))
			fi
			for ((p = 0; p < ${#pat}; p++)); do
				local l=${pat:p:1}
				# shellcheck disable=SC2046
				args+=(--page $(page_items "$l" $g))
				case $l in O|K) n_form=$((n_form + 1));; *) n_ff=$((n_ff + 1));; esac
				[ $((g % 8)) = 5 ] && n_rot=$((n_rot + 1))
				g=$((g + 1))
			done
			"$MKFAX" "${args[@]}" || die "mkfax failed: ${args[*]}"
			n_pages=$((n_pages + ${#pat}))
			echo "$f" >> "$OUT/$set.all"
			[[ $pat == *[DI]* ]] || echo "$f" >> "$OUT/$set.forms"
			k=$((k + 1))
		done
	done
}
echo "bench: making the corpus ($CYCLES cycles of 20 pages per set)..."
gen A 1000 2026-11-23
a_pages=$n_pages a_form=$n_form a_ff=$n_ff a_normal=$n_normal a_rot=$n_rot
gen B 5000 2026-11-24
cat "$OUT/A.all" "$OUT/B.all" > "$OUT/AB.all"

# A registry from the forms' ground truth: each form's company, signer and
# line, covered from 2025-01-01 to 2026-12-31.
awk '
function flush() {
	if (form && vat != "" && !(vat in seen)) {
		seen[vat] = 1
		role = role == "" ? "legal-representative" : role
		printf "  <company vat=\"%s\" name=\"%s\">\n", vat, f["company"]
		printf "    <address effective=\"2025-01-01T00:00:00+01:00\">%s</address>\n", \
			f["address"] != "" ? f["address"] : "Via Roma 1, 20121 Milano MI"
		printf "    <person fiscal-code=\"%s\" name=\"%s\" role=\"%s\"/>\n", f["signer_cf"], f["signer"], role
		printf "    <line number=\"%s\" imei=\"%s\" model=\"%s\" coverage-start=\"2025-01-01\" coverage-end=\"2026-12-31\"/>\n", \
			f["line"], f["imei"], f["model"]
		printf "  </company>\n"
	}
	form = 0; vat = ""; role = ""; delete f
}
BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<registry xmlns=\"urn:faxintake:registry:1\" generated=\"2026-11-22T22:00:00+01:00\">" }
/<page / { flush(); form = /source="form"/ }
/<field name=/ {
	name = $0; sub(/.*<field name="/, "", name); sub(/".*/, "", name)
	v = $0; sub(/^[^>]*>/, "", v); sub(/<\/field>.*/, "", v)
	f[name] = v
	if (name == "vat") vat = v
	if (name == "signer_role") role = v
}
/<\/page>/ { flush() }
END { flush(); print "</registry>" }' "$OUT"/truth/*.xml > "$OUT/registry.xml"
if command -v xmllint >/dev/null; then
	xmllint --noout --schema "$FAXINTAKE_SCHEMAS/registry.xsd" "$OUT/registry.xml" 2>"$OUT/registry.err" ||
		die "made registry invalid: $(head -3 "$OUT/registry.err")"
fi

# Single-page TIFFs for the baseline (not timed).
split_pages() {	# list -> page list
	local list=$1 f b
	while read -r f; do
		b=$(basename "$f" .tif)
		[ -e "$OUT/pages/$b-aaa.tif" ] || tiffsplit "$f" "$OUT/pages/$b-" >/dev/null ||
			die "tiffsplit '$f' failed"
		ls "$OUT/pages/$b-"*.tif
	done < "$list"
}
split_pages "$OUT/A.all" > "$OUT/A.pages"
split_pages "$OUT/A.forms" > "$OUT/A.forms.pages"
[ "$(wc -l < "$OUT/A.pages")" = "$a_pages" ] || die "tiffsplit gave $(wc -l < "$OUT/A.pages") pages, not $a_pages"
forms_pages=$(wc -l < "$OUT/A.forms.pages")
echo "bench: corpus ready in $(($(date +%s) - T0)) s: set A $a_pages pages ($a_form forms," \
     "$a_ff free-form, $a_normal normal resolution, $a_rot upside down), $forms_pages in" \
     "form-only faxes; set B $((n_pages - a_pages)) pages"

# ------------------------------------------------------------ measuring
# Each run leaves runs/NAME.time: "wall user sys maxrss_kb", and the load
# average before and after in runs/NAME.load.
load() { cut -d' ' -f1 /proc/loadavg; }

baseline() {	# name pagelist
	local name=$1 list=$2 l0
	rm -f "$OUT"/pages/*.out.txt
	l0=$(load)
	"$TIME" -f '%e %U %S %M' -o "$OUT/runs/$name.time" \
		xargs -P2 -I{} tesseract {} {}.out -l ita < "$list" >/dev/null 2>"$OUT/runs/$name.log" ||
		die "baseline $name failed: $(tail -3 "$OUT/runs/$name.log")"
	echo "$l0 $(load)" > "$OUT/runs/$name.load"
	local n; n=$(ls "$OUT"/pages/*.out.txt | wc -l)
	[ "$n" = "$(wc -l < "$list")" ] || die "baseline $name: $n texts for $(wc -l < "$list") pages"
}

faxintake() {	# name faxlist
	local name=$1 list=$2 h=$OUT/home-$1 l0
	"$FI" -H "$h" init 2>/dev/null || die "init failed"
	# files are complete when copied: no gateway to wait for
	printf 'stability_delay_ms = 0\n' >> "$h/faxintake.conf"
	"$FI" -H "$h" registry import "$OUT/registry.xml" 2>"$OUT/runs/$name.log" ||
		die "registry import failed: $(cat "$OUT/runs/$name.log")"
	xargs cp -p -t "$h/spool/incoming" < "$list"
	l0=$(load)
	"$TIME" -f '%e %U %S %M' -o "$OUT/runs/$name.time" \
		"$FI" -H "$h" run --once --timings=kv > "$OUT/runs/$name.kv" 2>"$OUT/runs/$name.log" ||
		die "faxintake $name failed: $(tail -3 "$OUT/runs/$name.log")"
	echo "$l0 $(load)" > "$OUT/runs/$name.load"
	local pages; pages=$(sed -n 's/^pages=//p' "$OUT/runs/$name.kv")
	local want=0 f
	while read -r f; do
		want=$((want + $(sed -n 's/.* pages="\([0-9]*\)".*/\1/p' \
			"$OUT/truth/$(basename "$f" .tif).xml" | head -1)))
	done < "$list"
	[ "$pages" = "$want" ] || die "faxintake $name read $pages pages of $want"
}

echo "bench: baseline, form-only faxes ($forms_pages pages)..."
baseline base-forms "$OUT/A.forms.pages"
echo "bench: faxintake, form-only faxes..."
faxintake fi-forms "$OUT/A.forms"
echo "bench: baseline, mixed ($a_pages pages)..."
baseline base-mixed "$OUT/A.pages"
echo "bench: faxintake, mixed ($a_pages pages)..."
faxintake fi-mixed "$OUT/A.all"
echo "bench: faxintake, mixed ($n_pages pages)..."
echo "bench: faxintake, set B alone ($((n_pages - a_pages)) pages)..."
faxintake fi-b "$OUT/B.all"
faxintake fi-double "$OUT/AB.all"
echo "a_pages=$a_pages a_form=$a_form a_ff=$a_ff a_normal=$a_normal a_rot=$a_rot" \
     "n_pages=$n_pages forms_pages=$forms_pages" > "$OUT/counts"
fi

# ------------------------------------------------------------- figures
# awk does the arithmetic; f NAME FIELD: a run's time figures.
tf() { awk -v i="$2" '{ print $i }' "$OUT/runs/$1.time"; }
kv() { sed -n "s/^$2=//p" "$OUT/runs/$1.kv"; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }

declare -A PAGES=([base-forms]=$forms_pages [fi-forms]=$forms_pages [base-mixed]=$a_pages
		  [fi-mixed]=$a_pages [fi-b]=$((n_pages - a_pages)) [fi-double]=$n_pages)
RUNS=(base-forms fi-forms base-mixed fi-mixed fi-b fi-double)
declare -A PPS CPPS
for r in "${RUNS[@]}"; do
	PPS[$r]=$(calc "${PAGES[$r]} / $(tf "$r" 1)" 3)
	CPPS[$r]=$(calc "${PAGES[$r]} / ($(tf "$r" 2) + $(tf "$r" 3))" 3)
done
forms_x=$(calc "${PPS[fi-forms]} / ${PPS[base-forms]}")
mixed_x=$(calc "${PPS[fi-mixed]} / ${PPS[base-mixed]}")
forms_cx=$(calc "${CPPS[fi-forms]} / ${CPPS[base-forms]}")
mixed_cx=$(calc "${CPPS[fi-mixed]} / ${CPPS[base-mixed]}")
# the 2N pages' time over the mean of their halves' (fi-mixed: set A, fi-b)
cpu_s() { calc "$(tf "$1" 2) + $(tf "$1" 3)" 3; }
linear=$(calc "2 * $(tf fi-double 1) / ($(tf fi-mixed 1) + $(tf fi-b 1))")
linear_cpu=$(calc "2 * $(cpu_s fi-double) / ($(cpu_s fi-mixed) + $(cpu_s fi-b))")
linear_a=$(calc "$(tf fi-double 1) / $(tf fi-mixed 1)")
rss_kb=0
for r in fi-forms fi-mixed fi-b fi-double; do
	m=$(tf "$r" 4); [ "$m" -gt "$rss_kb" ] && rss_kb=$m
done
rss_mb=$(calc "$rss_kb / 1024" 1)
base_rss_mb=$(calc "$(tf base-mixed 4) / 1024" 1)
workers=$(kv fi-mixed workers)

STAGES=(decode clean classify field_ocr page_ocr rules db)
declare -A LABEL=([decode]="TIFF decode" [clean]="cleaning and orientation"
		  [classify]="classification" [field_ocr]="field OCR"
		  [page_ocr]="whole-page OCR" [rules]="validation and rules" [db]="database")
stage_sum() { local t=0 s; for s in "${STAGES[@]}"; do t=$((t + $(kv "$1" "us_$s"))); done; echo $t; }
proc_ms() { calc "1000 * ($(tf "$1" 2) + $(tf "$1" 3)) / ${PAGES[$1]}" 1; }
stage_total=$(stage_sum fi-mixed)
forms_total=$(stage_sum fi-forms)
nonocr=$((stage_total - $(kv fi-mixed us_field_ocr) - $(kv fi-mixed us_page_ocr)))
nonocr_pct=$(calc "100 * $nonocr / $stage_total" 1)

# per kind of page: a form page as in the form-only runs, a free-form page
# as what the mixed run spent beyond its forms at that cost
fi_form_ms=$(proc_ms fi-forms)
base_form_ms=$(proc_ms base-forms)
fi_ff_ms=$(calc "($(proc_ms fi-mixed) * $a_pages - $fi_form_ms * $a_form) / $a_ff" 1)
base_ff_ms=$(calc "($(proc_ms base-mixed) * $a_pages - $base_form_ms * $a_form) / $a_ff" 1)
# a machine busier than its cores makes wall-clock ratios a matter of luck
busy=$(cat "$OUT"/runs/*.load | tr ' ' '\n' | sort -g | tail -1)
cores=$(getconf _NPROCESSORS_ONLN)

ok() { awk "BEGIN { exit !($1) }" && echo yes || echo no; }
T_FORMS=$(ok "$forms_x >= 8")
T_MIXED=$(ok "$mixed_x >= 3")
T_LINEAR=$(ok "$linear <= 2.1")
T_RSS=$(ok "$rss_mb < 400")
T_NONOCR=$(ok "$nonocr_pct < 15")

# ------------------------------------------------------------- report
{
	echo
	echo "faxintake benchmark ($(getconf _NPROCESSORS_ONLN) cores, faxintake with $workers workers, baseline tesseract x2)"
	printf '%-34s %6s %9s %9s %9s %9s %9s\n' run pages wall-s cpu-s pages/s pages/cpu-s load
	for r in "${RUNS[@]}"; do
		printf '%-34s %6d %9.1f %9.1f %9.3f %9.3f %9s\n' "$r" "${PAGES[$r]}" "$(tf "$r" 1)" \
			"$(calc "$(tf "$r" 2) + $(tf "$r" 3)" 1)" "${PPS[$r]}" "${CPPS[$r]}" \
			"$(tr ' ' '>' < "$OUT/runs/$r.load")"
	done
	echo
	echo "faxintake CPU ms per page by stage, as the program measures it:"
	printf '  %-26s %14s %16s\n' "" "mixed ($a_pages p.)" "forms ($forms_pages p.)"
	for s in "${STAGES[@]}"; do
		v=$(kv fi-mixed "us_$s"); w=$(kv fi-forms "us_$s")
		printf '  %-26s %8.1f %5.1f%% %9.1f %5.1f%%\n' "${LABEL[$s]}" \
			"$(calc "$v / 1000 / $a_pages" 1)" "$(calc "100 * $v / $stage_total" 1)" \
			"$(calc "$w / 1000 / $forms_pages" 1)" "$(calc "100 * $w / $forms_total" 1)"
	done
	printf '  %-26s %8.1f %16.1f\n' "all stages" "$(calc "$stage_total / 1000 / $a_pages" 1)" \
		"$(calc "$forms_total / 1000 / $forms_pages" 1)"
	printf '  %-26s %8.1f %16.1f   (the rest: start-up, model loading)\n' "process CPU" \
		"$(proc_ms fi-mixed)" "$(proc_ms fi-forms)"
	printf '  %-26s %8.1f %16.1f\n' "baseline process CPU" "$(proc_ms base-mixed)" "$(proc_ms base-forms)"
	echo
	echo "CPU ms per page by kind (form: the form-only runs; free-form: the mixed run less its forms at that cost):"
	printf '  %-26s %9s %9s %7s\n' "" faxintake baseline ratio
	printf '  %-26s %9.1f %9.1f %6.2fx\n' "form page" "$fi_form_ms" "$base_form_ms" "$(calc "$base_form_ms / $fi_form_ms")"
	printf '  %-26s %9.1f %9.1f %6.2fx\n' "free-form page" "$fi_ff_ms" "$base_ff_ms" "$(calc "$base_ff_ms / $fi_ff_ms")"
	echo
	printf '%-44s %10s %10s %s\n' target measured limit met
	printf '%-44s %9sx %9sx %s   (CPU basis %sx)\n' "form pages/s over baseline" "$forms_x" ">= 8" "$T_FORMS" "$forms_cx"
	printf '%-44s %9sx %9sx %s   (CPU basis %sx)\n' "mixed pages/s over baseline" "$mixed_x" ">= 3" "$T_MIXED" "$mixed_cx"
	printf '%-44s %9sx %9sx %s   (CPU basis %sx; over set A alone %sx)\n' "time $n_pages pages / mean time of $a_pages" "$linear" "<= 2.1" "$T_LINEAR" "$linear_cpu" "$linear_a"
	printf '%-44s %8sMB %8sMB %s   (baseline, one tesseract: %s MB)\n' "peak RSS, $workers workers" "$rss_mb" "< 400" "$T_RSS" "$base_rss_mb"
	printf '%-44s %9s%% %9s%% %s\n' "non-OCR stages share of stage CPU" "$nonocr_pct" "< 15" "$T_NONOCR"
	if awk "BEGIN { exit !($busy > $cores) }"; then
		echo "note: the machine was busy (load average up to $busy on $cores cores): wall-clock"
		echo "      figures depend on what else ran; the CPU basis does not."
	fi
	echo "bench: $(($(date +%s) - T0)) s in all; figures in $XML"
} | tee "$OUT/report.txt"

# ------------------------------------------------------------- XML
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	printf '<bench xmlns="urn:faxintake:bench:1" date="%s" cores="%d" workers="%s" seconds="%d" max-load="%s">\n' \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$cores" "$workers" "$(($(date +%s) - T0))" "$busy"
	printf '  <corpus cycles="%d" pages="%d" double-pages="%d" form-pages="%d" freeform-pages="%d" normal-pages="%d" rotated-pages="%d" form-only-fax-pages="%d"/>\n' \
		"$CYCLES" "$a_pages" "$n_pages" "$a_form" "$a_ff" "$a_normal" "$a_rot" "$forms_pages"
	for r in "${RUNS[@]}"; do
		case $r in base-*) tool=tesseract;; *) tool=faxintake;; esac
		read -r l0 l1 < "$OUT/runs/$r.load"
		printf '  <run name="%s" tool="%s" pages="%d" wall-s="%s" user-s="%s" sys-s="%s" peak-rss-kb="%s" pages-per-s="%s" pages-per-cpu-s="%s" load-before="%s" load-after="%s"/>\n' \
			"$r" "$tool" "${PAGES[$r]}" "$(tf "$r" 1)" "$(tf "$r" 2)" "$(tf "$r" 3)" \
			"$(tf "$r" 4)" "${PPS[$r]}" "${CPPS[$r]}" "$l0" "$l1"
	done
	for r in fi-mixed fi-forms; do
		tot=$(stage_sum "$r")
		printf '  <stages run="%s" pages="%d" process-cpu-ms-per-page="%s">\n' "$r" "${PAGES[$r]}" "$(proc_ms "$r")"
		for s in "${STAGES[@]}"; do
			v=$(kv "$r" "us_$s")
			printf '    <stage name="%s" ocr="%s" cpu-ms-per-page="%s" share-pct="%s"/>\n' "$s" \
				"$([[ $s == *_ocr ]] && echo true || echo false)" \
				"$(calc "$v / 1000 / ${PAGES[$r]}" 2)" "$(calc "100 * $v / $tot" 2)"
		done
		echo '  </stages>'
	done
	printf '  <kind name="form" faxintake-cpu-ms-per-page="%s" baseline-cpu-ms-per-page="%s"/>\n' "$fi_form_ms" "$base_form_ms"
	printf '  <kind name="freeform" faxintake-cpu-ms-per-page="%s" baseline-cpu-ms-per-page="%s"/>\n' "$fi_ff_ms" "$base_ff_ms"
	printf '  <target name="forms-speedup" measured="%s" cpu-basis="%s" limit="8" op="ge" met="%s"/>\n' "$forms_x" "$forms_cx" "$T_FORMS"
	printf '  <target name="mixed-speedup" measured="%s" cpu-basis="%s" limit="3" op="ge" met="%s"/>\n' "$mixed_x" "$mixed_cx" "$T_MIXED"
	printf '  <target name="linearity" measured="%s" cpu-basis="%s" limit="2.1" op="le" met="%s"/>\n' "$linear" "$linear_cpu" "$T_LINEAR"
	printf '  <target name="peak-rss-mb" measured="%s" limit="400" op="lt" met="%s"/>\n' "$rss_mb" "$T_RSS"
	printf '  <target name="non-ocr-share-pct" measured="%s" limit="15" op="lt" met="%s"/>\n' "$nonocr_pct" "$T_NONOCR"
	echo '</bench>'
} > "$XML.tmp"
mv "$XML.tmp" "$XML"
if command -v xmllint >/dev/null; then
	xmllint --noout --schema "$FAXINTAKE_SCHEMAS/bench.xsd" "$XML" 2>"$OUT/bench.err" ||
		die "$XML does not match bench.xsd: $(head -3 "$OUT/bench.err")"
fi

if [ "${BENCH_STRICT:-0}" = 1 ]; then
	for v in "$T_FORMS" "$T_MIXED" "$T_LINEAR" "$T_RSS" "$T_NONOCR"; do
		[ "$v" = yes ] || exit 1
	done
fi
exit 0
