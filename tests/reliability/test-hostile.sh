#!/bin/bash
# Hostile files in the spool, dropped while `watch` runs among good faxes:
# empty, truncated (data and IFD), random bytes, a TIFF claiming 100000 x
# 100000 pixels, 5000 pages, colour and greyscale, an IFD loop, a strip of
# 4 GiB, width 0, 13 bits per sample, 65535 IFD entries, bit-flipped faxes,
# a symlink to /etc/passwd, a hard link, a directory, a FIFO, names with a
# newline, spaces, a leading dash and invalid UTF-8.
# Each unreadable one must be corrupt with its reason, each link/odd entry
# refused (REFUSED_FILE); the good faxes (also those with odd but legal
# names) processed; the daemon still running at the end; every file
# accounted for once (verify.py). Bounds asserted: wall time per fax
# (faxes.wall_ms) under MAX_FAX_MS, peak RSS of the daemon under MAX_RSS_MB.
#   BITFLIPS=N (default 10), MAX_FAX_MS (default 30000), MAX_RSS_MB (600),
#   PERFILE=1 (default): also each hostile TIFF alone, one measured run each
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/fixtures.sh"
. "$(dirname "$0")/rel.sh"

MAX_FAX_MS=${MAX_FAX_MS:-30000}
MAX_RSS_MB=${MAX_RSS_MB:-600}
BITFLIPS=${BITFLIPS:-10}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir "$t/x"
mk_fault "$t/good.tif" "2026-11-20 10:00:00" date=2026-11-20 || fail mkfax
$MKFAX -o "$t/blank.tif" --datetime "2026-11-02 08:00:00" --page blank || fail mkfax
$MKFAX -o "$t/blank2.tif" --datetime "2026-11-03 08:00:00" --page blank || fail mkfax
$MKFAX -o "$t/blank3.tif" --datetime "2026-11-04 08:00:00" --page blank || fail mkfax
$MKFAX -o "$t/blank4.tif" --datetime "2026-11-05 08:00:00" --page blank || fail mkfax
python3 "$REL_DIR/hostile.py" "$t/x" "$t/good.tif" "${SEED:-7}" || fail "hostile.py"
for k in $(seq 11 10); do :; done
[ "$BITFLIPS" -lt 10 ] && for k in $(seq $((BITFLIPS + 1)) 10); do rm -f "$t/x/bitflip-$k.tif"; done

new_home
printf 'worker_memory_mb = 1024\n' >> "$t/h/faxintake.conf"
in=$t/h/spool/incoming
/usr/bin/time -o "$t/time.out" -f '%M %e' $FI watch 2>"$t/watch.log" &
tpid=$!
k=0
while ! grep -q "watching" "$t/watch.log" && [ "$k" -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
wpid=$(pgrep -P "$tpid" | head -1)
[ -n "$wpid" ] || fail "watch did not start"

drop "$t/good.tif" good.tif
for f in "$t/x"/*; do drop "$f" "$(basename "$f")"; done
drop "$t/blank.tif" "a fax with spaces.tif"
drop "$t/blank2.tif" "-rf.tif"
drop "$t/blank3.tif" $'bad\xff\xfe-utf8.tif'
drop "$t/blank4.tif" $'new\nline.tif'
ln -s /etc/passwd "$in/passwd.tif"
cp "$t/blank.tif" "$t/hard-target"; ln "$t/hard-target" "$in/hard.tif"
mkdir "$in/folder.tif"
mkfifo "$in/fifo.tif"
dropped=$(( 1 + $(ls "$t/x" | wc -l) + 8 ))
# the lines expected: refused unread / quarantined / processed
refused_names="passwd.tif hard.tif folder.tif fifo.tif new\\nline.tif"

n=0
while { [ "$(faxes_in_db)" -lt "$dropped" ] || ! spool_idle; } && [ "$n" -lt 1800 ]; do
	kill -0 "$wpid" 2>/dev/null || { cat "$t/watch.log"; fail "the daemon died"; }
	sleep 0.2; n=$((n + 1))
done
sleep 0.5
kill -0 "$wpid" 2>/dev/null || { tail "$t/watch.log"; fail "the daemon died"; }
kill -TERM "$wpid"; wait "$tpid" || { tail "$t/watch.log"; fail "watch exit"; }
read -r rss_kb wall_s < <(tail -1 "$t/time.out")

out=$($VERIFY "$t/h" --dropped "$dropped" --refused 5) || { echo "$out"; tail -20 "$t/watch.log"; fail "invariants"; }
# one line per fax: name (quoted), status, reasons, wall ms, pages
sqlite3 -separator ' | ' "$t/h/faxintake.db" \
	"SELECT quote(CAST(f.file AS TEXT)), f.status, COALESCE(group_concat(r.code), '-'),
	        COALESCE(f.wall_ms, 0), f.pages FROM faxes f LEFT JOIN reasons r ON r.fax_id = f.id
	 GROUP BY f.id ORDER BY f.id" > "$t/table"
cat "$t/table"
st() { grep -aF "'$1'" "$t/table" | head -1; }
for nm in passwd.tif hard.tif folder.tif fifo.tif; do
	st "$nm" | grep -q "| corrupt | REFUSED_FILE" || fail "$nm not refused: $(st "$nm")"
done
grep -q "REFUSED_FILE" <<<"$(grep -aF "line.tif" "$t/table")" || fail "the name with a newline was not refused"
for nm in empty.tif text.tif random.tif random-ii.tif truncated-ifd.tif huge.tif pages5000.tif \
	  bigstrip.tif zerowidth.tif badbps.tif hugetags.tif; do
	st "$nm" | grep -Eq "\| corrupt \| (UNREADABLE_FILE|UNSUPPORTED_IMAGE|PAGE_LIMIT)" ||
		fail "$nm not quarantined with its reason: $(st "$nm")"
done
# an IFD chain that loops: libtiff stops at the loop; its one good page
# may be read, never more
st loop.tif | grep -Eq "\| corrupt \| UNREADABLE_FILE|\| processed \| - \| [0-9]+ \| 1$" ||
	fail "loop.tif: $(st loop.tif)"
for nm in good.tif "a fax with spaces.tif" -rf.tif; do
	st "$nm" | grep -q "| processed |" || fail "$nm not processed: $(st "$nm")"
done
LC_ALL=C grep -aq "bad.*utf8.tif' | processed" "$t/table" || fail "the name in invalid UTF-8 was not processed"
$FI export | grep -q 'file-hex="626164fffe2d757466382e746966"' || fail "export: no file-hex for the invalid UTF-8 name"
[ "$(readlink "$t/h/spool/refused/passwd.tif")" = /etc/passwd ] || fail "the symlink was not kept in refused/"
grep -q "root:" /etc/passwd && ! grep -rqs "root:x:0" "$t/h/faxintake.db" || fail "/etc/passwd was read"
max_ms=$(sqlite3 "$t/h/faxintake.db" "SELECT MAX(COALESCE(wall_ms, 0)) FROM faxes")
[ "$max_ms" -le "$MAX_FAX_MS" ] || fail "a fax took $max_ms ms (bound $MAX_FAX_MS)"
[ "$rss_kb" -le $((MAX_RSS_MB * 1024)) ] || fail "peak RSS $rss_kb KiB (bound $MAX_RSS_MB MiB)"
# PERFILE=1 (the long run): each hostile TIFF alone in a fresh home, one
# `run --once` measured: the bounds hold file by file
if [ "${PERFILE:-1}" = 1 ]; then
	worst_rss=0 worst_wall=0 worst=
	for f in "$t/x"/*; do
		rm -rf "$t/h"; new_home
		printf 'worker_memory_mb = 1024\n' >> "$t/h/faxintake.conf"
		drop "$f" "$(basename "$f")"
		run_measured $FI run --once || { tail -3 "$t/measured.log"; fail "$(basename "$f") alone: run --once"; }
		[ "$MEAS_RSS_KB" -gt "$worst_rss" ] && worst_rss=$MEAS_RSS_KB worst=$(basename "$f")
		[ "$(echo "$MEAS_WALL_S > $worst_wall" | bc)" = 1 ] && worst_wall=$MEAS_WALL_S
		[ "$MEAS_RSS_KB" -le $((MAX_RSS_MB * 1024)) ] || fail "$(basename "$f") alone: peak RSS $MEAS_RSS_KB KiB"
		[ "$(echo "$MEAS_WALL_S * 1000 <= $MAX_FAX_MS" | bc)" = 1 ] || fail "$(basename "$f") alone: $MEAS_WALL_S s"
	done
	echo "file by file: worst peak RSS $((worst_rss / 1024)) MiB ($worst), worst run $worst_wall s (engine start included)"
fi
hostile=$(ls "$t/x" | wc -l)
echo "hostile: $dropped entries ($hostile hostile TIFFs, 4 refused entries, 4 odd names), daemon alive;" \
     "slowest fax $max_ms ms (bound $MAX_FAX_MS), whole run $wall_s s, peak RSS $((rss_kb / 1024)) MiB (bound $MAX_RSS_MB)"
pass
