#!/bin/bash
# Full disk (make check): the outbox full (revisions held, none skipped),
# the whole home full (faxes stay in line, then once each), the low-space
# pause. Needs tmpfs mounts (skipped, exit 77, when not permitted).
exec bash "$(dirname "$0")/../reliability/test-disk.sh"
