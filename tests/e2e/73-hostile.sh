#!/bin/bash
# Hostile files in the spool under `watch` (make check): 17 hostile TIFFs
# (2 bit-flipped), links, a FIFO, a folder and odd names; each quarantined
# or refused, the daemon alive, bounds on time per fax and peak RSS.
BITFLIPS=2 PERFILE=0 exec bash "$(dirname "$0")/../reliability/test-hostile.sh"
