#!/bin/bash
# Crash test (test-crash.sh): `faxintake watch` on a mixed spool of 30 entries (forms,
# earlier copies that revise tickets, duplicates, corrupt files, blank
# faxes, a symlink) is killed with SIGKILL at a random moment and started
# again, KILLS times in all (default 100, spread over rounds of at most
# PER_ROUND kills, each round a fresh home); then a last watch finishes the
# work and every invariant of verify.py must hold: each file accounted for
# exactly once, duplicates recognised, no ticket twice, outbox = ticket rows
# (id + every revision), integrity_check ok, work/ empty, nothing lost, and
# the tickets' report dates those any processing order gives.
#   KILLS=N PER_ROUND=N MAX_DELAY_MS=N SEED=N
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/fixtures.sh"
. "$(dirname "$0")/rel.sh"

KILLS=${KILLS:-100}
PER_ROUND=${PER_ROUND:-25}
MAX_DELAY_MS=${MAX_DELAY_MS:-2500}
RANDOM=${SEED:-$$}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
set_dir=${REL_SET_DIR:-$t/set}
rel_mk_set "$set_dir" || fail "cannot make the fax set"

kills=0 round=0 t0=$(date +%s)
while [ "$kills" -lt "$KILLS" ]; do
	round=$((round + 1))
	rm -rf "$t/h" "$t/watch.log"
	new_home
	drop_dir "$set_dir/w1" || fail "drop wave 1"
	n=0 w2=0
	per=$PER_ROUND
	[ $((KILLS - kills)) -lt "$per" ] && per=$((KILLS - kills))
	while [ "$n" -lt "$per" ]; do
		$FI watch 2>>"$t/watch.log" &
		pid=$!
		ms=$((RANDOM % MAX_DELAY_MS + 50))
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
		kill -0 "$pid" 2>/dev/null || { cat "$t/watch.log"; fail "watch died on its own"; }
		kill -KILL "$pid"; wait "$pid" 2>/dev/null
		n=$((n + 1))
		# the second wave arrives while the first is half done
		if [ "$w2" = 0 ] && [ "$n" -ge $((per / 2)) ]; then
			drop_dir "$set_dir/w2" || fail "drop wave 2"
			w2=1
		fi
	done
	[ "$w2" = 1 ] || drop_dir "$set_dir/w2"
	kills=$((kills + n))
	finish_watch "$REL_DROPPED" 300 || { tail -20 "$t/watch.log"; fail "the last watch failed (round $round)"; }
	out=$($VERIFY "$t/h" --dropped "$REL_DROPPED" --duplicates "$REL_DUPS" \
		--refused "$REL_REFUSED" --report-dates "$set_dir/dates") ||
		{ echo "$out"; tail -30 "$t/watch.log"; fail "round $round after $n kills: invariants broken"; }
	revs=$(sqlite3 "$t/h/faxintake.db" "SELECT count(*) FROM tickets WHERE revision > 1")
	tmps=$(ls -A "$t/h/outbox" | grep -c '^\.' || true)
	echo "round $round: $n kills, $REL_DROPPED entries, $(ls "$t/h/outbox" | wc -l) outbox files," \
	     "$revs revised tickets, $tmps stale temporaries in outbox: ok"
done
echo "crash: $kills kills in $round rounds, $(( $(date +%s) - t0 )) s"
pass
