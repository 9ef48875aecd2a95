#!/bin/sh
# Run each Check binary; print one closing line with the totals.
pass=0; fail=0
for t in "$@"; do
	echo "== $t"
	if CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-120} "$t"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAILED: $t"; fi
done
echo "check suites: $pass passed, $fail failed"
[ "$fail" = 0 ]
