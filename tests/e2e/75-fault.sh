#!/bin/bash
# I/O errors injected with strace (make check): a failed fdatasync while a
# fax's new place is recorded; the run
# ends by itself and the next one leaves every invariant intact. The long
# version tries every fsync, fdatasync and rename and a sample of writes.
POINTS=${POINTS:-"fdatasync:EIO:4"} \
	exec bash "$(dirname "$0")/../reliability/test-fault.sh"
