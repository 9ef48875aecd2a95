#!/bin/sh
# Runs each libFuzzer target of `make fuzz` for SECONDS, in turn.
#   tests/fuzz/run.sh BINDIR SECONDS TARGET...
# The seed corpus tests/fuzz/corpus/<target>/ is read-only here: new inputs
# go to build-fuzz/corpus/<target>/; a crash is written as
# build-fuzz/crash-<target>-* and stops the run (exit 1): reduce it, fix
# the bug, and add the input to tests/fuzz/corpus/<target>/ so that
# `make check` replays it forever.
# FUZZ_JOBS=N runs N targets at once (default 1); FUZZ_ARGS adds options.
set -u
bindir=$1; seconds=$2; shift 2
src=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$bindir/.." && pwd)
export OMP_THREAD_LIMIT=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs=${FUZZ_JOBS:-1}
rc=0
run_one() {
	t=$1
	mkdir -p "$out/corpus/$t"
	dict=""
	case $t in registry|document) dict="-dict=$src/xml.dict";; esac
	echo "== fuzz_$t for ${seconds}s"
	"$bindir/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
		-malloc_limit_mb=512 -max_len=262144 -print_final_stats=1 \
		-artifact_prefix="$out/crash-$t-" $dict ${FUZZ_ARGS:-} \
		"$out/corpus/$t" "$src/corpus/$t" >"$out/fuzz_$t.log" 2>&1
	r=$?
	grep -E '^stat::|DONE|ERROR|SUMMARY' "$out/fuzz_$t.log" | tail -12
	grep -E '^#[0-9]+: cov' "$out/fuzz_$t.log" | tail -1	# -fork=N runs
	[ $r = 0 ] || echo "fuzz_$t: FAILED (exit $r), see $out/fuzz_$t.log and $out/crash-$t-*"
	return $r
}
n=0
for t in "$@"; do
	if [ "$jobs" -gt 1 ]; then
		run_one "$t" &
		n=$((n+1))
		if [ $n -ge "$jobs" ]; then wait; n=0; fi
	else
		run_one "$t" || rc=1
	fi
done
wait
ls "$out"/crash-* >/dev/null 2>&1 && rc=1
exit $rc
