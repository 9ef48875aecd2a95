#!/bin/bash
# Privileges (needs root; exit 77 otherwise): `watch` started as root with
# `user = U` (a user made here with useradd, else nobody) drops to U before
# it reads any fax: /proc/PID/status shows U in all four Uid and Gid fields
# while it runs, its log says so before the first fax, and it cannot get
# root back. Afterwards nothing in the home is readable by others (no o+r
# anywhere: database, WAL, outbox, archive, quarantine, settings), and what
# the daemon wrote is owned by U, the pid file too (made and locked before
# the drop): a later start as U must be able to open it.
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/fixtures.sh"
. "$(dirname "$0")/rel.sh"

[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
t=$(mktemp -d); made=
trap '[ -n "$made" ] && userdel "$made" 2>/dev/null; rm -rf "$t"' EXIT
chmod 0711 "$t"
u=faxrel$$
if useradd -M -r -s /usr/sbin/nologin "$u" 2>/dev/null; then made=$u; else u=nobody; fi
uid=$(id -u "$u") gid=$(id -g "$u")
[ "$uid" != 0 ] || fail "user $u is root"

new_home
printf 'user = %s\n' "$u" >> "$t/h/faxintake.conf"
chown -R "$u:$gid" "$t/h"
mk_fault "$t/f.tif" "2026-11-20 10:00:00" date=2026-11-20 || fail mkfax
$MKFAX -o "$t/b.tif" --datetime "2026-11-02 08:00:00" --page blank || fail mkfax
printf 'junk' > "$t/c.tif"
# the faxes wait in the spool before the daemon starts, as root's files
# readable by the group (incoming/ is setgid: the gateway's group)
for f in f b c; do drop "$t/$f.tif" "$f.tif"; done
chown "root:root" "$t/h/spool/incoming/"*
chmod 0640 "$t/h/spool/incoming/"*
chgrp "$gid" "$t/h/spool/incoming/"*	# the gateway's group, as incoming/ is setgid
$FI watch 2>"$t/watch.log" &
pid=$!
k=0
while ! grep -q "running as" "$t/watch.log" && [ "$k" -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
st=/proc/$pid/status
grep -q "^Uid:	$uid	$uid	$uid	$uid$" "$st" || { grep -E '^(Uid|Gid)' "$st"; fail "watch does not run as $u ($uid)"; }
grep -q "^Gid:	$gid	$gid	$gid	$gid$" "$st" || { grep -E '^(Uid|Gid)' "$st"; fail "watch keeps a group other than $u's"; }
grep -q "^CapEff:	0000000000000000$" "$st" || { grep Cap "$st"; fail "watch keeps capabilities"; }
n=0
while [ "$(faxes_in_db)" -lt 3 ] && [ "$n" -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
sleep 0.5
grep -q "^Uid:	$uid	$uid	$uid	$uid$" "$st" || fail "watch got another uid while working"
kill -TERM "$pid"; wait "$pid" || { cat "$t/watch.log"; fail "watch exit"; }
first_fax=$(grep -n "F-000001" "$t/watch.log" | head -1 | cut -d: -f1)
drop_line=$(grep -n "running as '$u'" "$t/watch.log" | head -1 | cut -d: -f1)
[ -n "$first_fax" ] && [ -n "$drop_line" ] && [ "$drop_line" -lt "$first_fax" ] ||
	{ cat "$t/watch.log"; fail "no fax read, or read before dropping to $u"; }
out=$($VERIFY "$t/h" --dropped 3) || { echo "$out"; fail "invariants"; }
bad=$(find "$t/h" -perm -o+r ! -type l)
[ -z "$bad" ] || { ls -ld $bad; fail "readable by others: $bad"; }
owned=$(find "$t/h" -newer "$t/f.tif" ! -user "$u" ! -path "$t/h/spool/archive/*" ! -path "$t/h/spool/corrupt/*")
[ -z "$owned" ] || { ls -ld $owned; fail "files written by the daemon not owned by $u"; }
# the next start as U itself, with the pid file the root start left
setpriv --reuid="$uid" --regid="$gid" --init-groups $FI watch 2>"$t/watch2.log" &
pid=$!
k=0
while ! grep -q "READY\|ready\|watching" "$t/watch2.log" && kill -0 "$pid" 2>/dev/null && [ "$k" -lt 100 ]; do
	sleep 0.1; k=$((k + 1))
done
kill -0 "$pid" 2>/dev/null || { cat "$t/watch2.log"; fail "a start as $u after a start as root fails"; }
kill -TERM "$pid"; wait "$pid" || { cat "$t/watch2.log"; fail "second watch exit"; }
echo "privileges: ran as $u (uid $uid, gid $gid, no capabilities) before the first fax; 3 faxes; nothing o+r in the home: ok"
pass
