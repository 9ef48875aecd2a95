#!/bin/sh
# Run each end-to-end script (tests/e2e/*.sh) with BUILD set; a script exits
# 0 on success, 77 when skipped. Prints one closing line with the totals.
pass=0; fail=0; skip=0
for t in "$@"; do
	echo "== $t"
	bash "$t"; rc=$?
	case $rc in
	0) pass=$((pass+1));;
	77) skip=$((skip+1)); echo "SKIPPED: $t";;
	*) fail=$((fail+1)); echo "FAILED: $t (exit $rc)";;
	esac
done
echo "e2e: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
