#!/bin/bash
# Quick crash test (make check): 5 SIGKILLs of `watch` at random moments on
# the 30-entry mixed spool, then every invariant (tests/reliability/verify.py).
# The long run (100 kills) is `make check-reliability`.
KILLS=${KILLS:-5} PER_ROUND=${PER_ROUND:-5} MAX_DELAY_MS=${MAX_DELAY_MS:-2000} \
	exec bash "$(dirname "$0")/../reliability/test-crash.sh"
