#!/bin/bash
# `status` and free space: a spool on a 2 MiB tmpfs is under min_free_mb = 5
# (LOW_SPACE for the spool's file system only, exit 1), and fine again
# with min_free_mb = 1. Skipped (77) where mounting is not permitted.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); holder=; mnt=
trap '[ -n "$holder" ] && kill $holder 2>/dev/null; [ -n "$mnt" ] && umount "$mnt"; rm -rf "$t"' EXIT
FI=$BUILD/faxintake
h=$t/h

mkdir "$t/fs"
mount -t tmpfs -o size=2m tmpfs "$t/fs" 2>/dev/null || { echo "skip: cannot mount tmpfs"; exit 77; }
mnt=$t/fs

mkdir -p "$h"
printf 'spool_dir = %s/spool\nmin_free_mb = 5\nbacklog_alert_s = 3600\n' "$mnt" > "$h/faxintake.conf"
$FI -H "$h" init 2>/dev/null || fail "init"
[ -d "$mnt/spool/incoming" ] || fail "spool not made on the tmpfs"
( exec 9>>"$h/faxintake.pid"; flock -x 9; exec sleep 120 ) & holder=$!
for i in $(seq 50); do [ "$(flock -n "$h/faxintake.pid" true; echo $?)" = 1 ] && break; sleep 0.1; done

out=$($FI -H "$h" status 2>&1); rc=$?
[ $rc = 1 ] || fail "low space must exit 1 (got $rc): $out"
echo "$out" | grep -q "^problem: *LOW_SPACE: spool file system ('$mnt/spool'): [0-9.]* MiB free, under min_free_mb = 5" || fail "LOW_SPACE not listed: $out"
echo "$out" | grep -q "LOW_SPACE: home" && fail "home reported low: $out"
[ "$(echo "$out" | grep -c '^problem:')" = 1 ] || fail "one problem expected: $out"
$FI -H "$h" status --format xml > "$t/s.xml"
xmllint --noout --schema "$FAXINTAKE_SCHEMAS/status.xsd" "$t/s.xml" 2>/dev/null || fail "xml invalid"
grep -Eq '<space role="spool" path="[^"]*" free-mb="[0-2]" min-free-mb="5"/>' "$t/s.xml" || fail "xml space: $(cat "$t/s.xml")"

sed -i 's/^min_free_mb = 5/min_free_mb = 1/' "$h/faxintake.conf"
out=$($FI -H "$h" status 2>&1) || fail "2 MiB free is enough for min_free_mb = 1: $out"
pass
