#!/bin/sh
# accuracy-freeform - builds tools/accuracy-freeform.c against the library
# and the test renderer, reads a generated corpus of free-form pages (N
# denunciations, N identity copies, N/4 letters, invoices and cover sheets,
# faxed as build/mkfax does and read by ocr_page_read) on J workers, prints a table and writes build/accuracy-freeform.xml.
#   sh tools/accuracy-freeform.sh [N] [J]      (defaults 60, 2)
# SEED=S in the environment draws another corpus (default 1: pages S...).
# Exit status 1 when a target is missed or a wrong value was trusted.
set -eu
N=${1:-60}
J=${2:-2}
SEED=${SEED:-1}
BUILD=${BUILD:-build}
CC=${CC:-cc}
export OMP_THREAD_LIMIT=1
PKGS="tesseract lept libtiff-4 libxml-2.0 sqlite3 libcrypto libsystemd cairo libxslt"
out="$BUILD/accuracy-freeform.tsv"
# FF_SUMMARY_ONLY=1: total the last run again without reading anything
if [ -z "${FF_SUMMARY_ONLY:-}" ]; then
make -s "$BUILD/libfaxintake.a" $(ls tests/lib/*.c | sed "s|^\(.*\)\.c$|$BUILD/\1.o|")
$CC -I. -D_GNU_SOURCE -std=c11 -O2 $(pkg-config --cflags $PKGS) \
	-o "$BUILD/accuracy-freeform" tools/accuracy-freeform.c \
	$(ls tests/lib/*.c | sed "s|^\(.*\)\.c$|$BUILD/\1.o|") "$BUILD/libfaxintake.a" \
	$(pkg-config --libs $PKGS) -lpthread -lm
: > "$out"
k=0
pids=""
while [ "$k" -lt "$J" ]; do
	"$BUILD/accuracy-freeform" -n "$N" -s "$SEED" -k "$k" -j "$J" > "$out.$k" &
	pids="$pids $!"
	k=$((k + 1))
done
for p in $pids; do wait "$p"; done
cat "$out".* | sort -t "$(printf '\t')" -k3,3n > "$out"
rm -f "$out".*
fi
awk -F '\t' -v xml="$BUILD/accuracy-freeform.xml" '
function grp(f) {
	if (f == "imei") return "imei";
	if (f == "reporter_cf" || f == "fiscal_code") return "fiscal_code";
	if (f == "number") return "number";
	if (f == "date" || f == "event_date" || f == "birth_date" || f == "expiry") return "dates";
	return "other";
}
$1 == "page" {
	pages++; kind = $2
	if ($4 == $5) cls_ok++; else misc = misc " " $2 "/" $3 "->" $5
	bykind[$4]++; if ($4 == $5) bykind_ok[$4]++
	sub(/s$/, "", $6); secs += $6
	for (i = 7; i <= NF; i++) {
		split($i, kv, "="); g = grp(kv[1])
		tot[g]++; tot["all"]++
		if (kv[2] == "ok") { ok[g]++; ok["all"]++ }
		if (kv[2] == "held" || kv[2] == "heldbad") { held[g]++; held["all"]++ }
		if (kv[2] == "missing") { miss[g]++; miss["all"]++ }
		if (kv[2] == "WRONG") { wrong[g]++; wrong["all"]++; wlist = wlist " " kind "/" $3 ":" kv[1] }
	}
}
END {
	fail = 0
	printf "free-form accuracy: %d pages, %.1f s OCR in all (%.2f s a page)\n", pages, secs, secs / (pages ? pages : 1)
	printf "%-14s %6s %6s %6s %6s %6s %8s %8s\n", "measure", "total", "right", "held", "absent", "WRONG", "rate", "target"
	c = 100 * cls_ok / pages
	printf "%-14s %6d %6d %6s %6s %6d %7.1f%% %7s\n", "classification", pages, cls_ok, "-", "-", pages - cls_ok, c, ">=98%"
	if (c < 98) fail = 1
	n = split("imei fiscal_code number dates other all", gs, " ")
	split("97 97 97 95 0 0", tg, " ")
	for (i = 1; i <= n; i++) {
		g = gs[i]; r = tot[g] ? 100 * ok[g] / tot[g] : 0
		t = (tg[i] > 0) ? ">=" tg[i] "%" : "-"
		printf "%-14s %6d %6d %6d %6d %6d %7.1f%% %7s\n", g, tot[g], ok[g], held[g], miss[g], wrong[g], r, t
		if (tg[i] > 0 && r < tg[i]) fail = 1
		rate[g] = r
	}
	printf "trusted wrong values: %d%s\n", wrong["all"], wlist
	if (misc != "") printf "misclassified:%s\n", misc
	if (wrong["all"] > 0) fail = 1
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<accuracy part=\"freeform\" pages=\"%d\" ok=\"%s\">\n", pages, fail ? "false" : "true" > xml
	printf "  <measure name=\"classification\" total=\"%d\" right=\"%d\" rate=\"%.2f\" target=\"98\"/>\n", pages, cls_ok, c > xml
	for (i = 1; i <= n; i++) {
		g = gs[i]
		t = (tg[i] > 0) ? " target=\"" tg[i] "\"" : ""
		printf "  <measure name=\"%s\" total=\"%d\" right=\"%d\" held=\"%d\" absent=\"%d\" wrong=\"%d\" rate=\"%.2f\"%s/>\n", g, tot[g], ok[g], held[g], miss[g], wrong[g], rate[g], t > xml
	}
	printf "  <seconds-per-page>%.2f</seconds-per-page>\n</accuracy>\n", secs / (pages ? pages : 1) > xml
	exit fail
}' "$out"
