#!/bin/bash
# Locked database (make check): a short lock under busy_timeout (run
# --once waits), a lock past busy_timeout under `watch` (reported, retried,
# completed). The long version (also the give-up case) is
# tests/reliability/test-lock.sh in `make check-reliability`.
LOCK_S=2 LONG_S=6 SKIP_B=1 GIVEUP=0 exec bash "$(dirname "$0")/../reliability/test-lock.sh"
