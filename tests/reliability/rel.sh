# Shared helpers of the reliability tests (sourced after tests/e2e/lib.sh
# and fixtures.sh). Needs $t (a scratch folder) and BUILD.
REL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VERIFY="python3 $REL_DIR/verify.py"

# rome TIME: 'YYYY-MM-DD HH:MM:SS' Europe/Rome as ISO 8601 with offset.
rome() { TZ=Europe/Rome date -d "$1" +%Y-%m-%dT%H:%M:%S%:z; }

# drop SRC NAME: delivers SRC into incoming/NAME as a gateway does (a hidden
# temporary, then a rename), so that a scan never sees half a file.
drop() {
	local in=$t/h/spool/incoming
	cp -P "$1" "$in/.drop.tmp" && mv -T "$in/.drop.tmp" "$in/$2"
}

# rel_mk_set DIR: the mixed spool of the crash and disk tests, made once.
#   DIR/w1/*  25 entries: 12 fault forms (10 cases on line 3351234567,
#             2 on 3479876543), 4 blank faxes, 4 duplicates, 4 corrupt
#             (empty, truncated, random bytes, text), 1 symlink (refused)
#   DIR/w2/*  5 entries: 3 earlier-received copies of wave-1 forms (each
#             moves its ticket's report date: a revision when the first copy
#             was processed first) and 2 duplicates of them
#   DIR/dates the tickets' report dates any processing order must give
# Counts: REL_DROPPED=30 REL_DUPS=6 REL_REFUSED=1.
rel_mk_set() {
	local d=$1 i=0 day
	REL_DROPPED=30 REL_DUPS=6 REL_REFUSED=1
	[ -f "$d/dates" ] && return 0
	mkdir -p "$d/w1" "$d/w2" || return 1
	: > "$d/dates.tmp"
	for day in 2025-04-14 2025-05-14 2025-06-16 2025-07-14 2025-09-15 2025-10-14 \
		   2025-12-15 2026-02-16 2026-05-13 2026-09-14; do
		i=$((i + 1))
		mk_fault "$d/w1/form$i.tif" "$day 10:00:00" date="$day" || return 1
		case $i in
		2|5|9)	# an earlier copy, received the day before at 09:00
			local prev
			prev=$(date -d "$day -1 day" +%Y-%m-%d)
			mk_fault "$d/w2/early$i.tif" "$prev 09:00:00" date="$prev" \
				description="Il telefono non si accende" || return 1
			rome "$prev 09:00:00" >> "$d/dates.tmp";;
		*)	rome "$day 10:00:00" >> "$d/dates.tmp";;
		esac
	done
	for day in 2025-08-18 2026-03-16; do
		i=$((i + 1))
		mk_fault "$d/w1/form$i.tif" "$day 11:30:00" date="$day" line=3479876543 \
			imei=867530098765439 model="Apple iPhone 15" || return 1
		rome "$day 11:30:00" >> "$d/dates.tmp"
	done
	for i in 1 2 3 4; do
		$MKFAX -o "$d/w1/blank$i.tif" --datetime "2026-11-0$i 08:00:00" --page blank || return 1
	done
	cp "$d/w1/form1.tif" "$d/w1/dup-form1.tif"
	cp "$d/w1/form2.tif" "$d/w1/dup-form2.tif"
	cp "$d/w1/form11.tif" "$d/w1/dup-form11.tif"
	cp "$d/w1/blank1.tif" "$d/w1/dup-blank1.tif"
	cp "$d/w2/early2.tif" "$d/w2/dup-early2.tif"
	cp "$d/w2/early9.tif" "$d/w2/dup-early9.tif"
	: > "$d/w1/empty.tif"
	head -c 300 "$d/w1/form3.tif" > "$d/w1/truncated.tif"
	head -c 4096 /dev/urandom > "$d/w1/random.tif"
	echo "not a fax" > "$d/w1/text.tif"
	echo "outside the spool" > "$d/target"
	ln -s "$d/target" "$d/w1/link.tif"
	mv "$d/dates.tmp" "$d/dates"
}

# drop_dir DIR: drops every entry of DIR.
drop_dir() {
	local f
	for f in "$1"/*; do drop "$f" "$(basename "$f")" || return 1; done
}

# faxes_in_db: how many faxes the store holds (0 before the first commit).
faxes_in_db() {
	sqlite3 "file:$t/h/faxintake.db?mode=ro" "SELECT count(*) FROM faxes" 2>/dev/null || echo 0
}

# spool_idle: nothing in incoming/ or work/.
spool_idle() {
	[ -z "$(ls -A "$t/h/spool/incoming")" ] && [ -z "$(ls -A "$t/h/spool/work")" ]
}

# finish_watch N [TIMEOUT_S]: runs `watch` until N faxes are recorded and
# the spool is idle, then stops it with SIGTERM; fails on timeout or when
# watch does not exit 0.
finish_watch() {
	local n=$1 limit=${2:-300} k=0
	$FI watch 2>>"$t/watch.log" &
	local pid=$!
	while [ "$k" -lt $((limit * 10)) ]; do
		if [ "$(faxes_in_db)" -ge "$n" ] && spool_idle; then
			sleep 0.5	# the derivation after the last commit
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1; k=$((k + 1))
	done
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
}

# run_measured CMD...: runs CMD (its stderr to $t/measured.log), sets
# MEAS_RC, MEAS_RSS_KB (peak resident set) and MEAS_WALL_S.
run_measured() {
	/usr/bin/time -o "$t/time.out" -f '%M %e' "$@" 2>>"$t/measured.log"
	MEAS_RC=$?
	local out
	out=$(tail -1 "$t/time.out")
	MEAS_RSS_KB=${out% *}
	MEAS_WALL_S=${out#* }
	return $MEAS_RC
}
