#!/bin/bash
# Dropping privileges that fails (make check; root and strace only, else
# skipped): `watch` started as root with `user` set, the pid file's fchown
# (EPERM), the setgid (EPERM) or the check that root cannot be regained (a
# second setuid faked to succeed) made to fail with strace's fault
# injection. Each start must stop at once with exit 1 and a message saying
# which step failed, before it claims any fax, and release its lock: a
# start without the fault then runs as the user.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
command -v strace >/dev/null || { echo "no strace: skipped"; exit 77; }
strace -f -o /dev/null -e trace=getpid true 2>/dev/null || { echo "ptrace not permitted: skipped"; exit 77; }
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
t=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$t"' EXIT
chmod 0711 "$t"
u=nobody
new_home
printf 'user = %s\n' "$u" >> "$t/h/faxintake.conf"
chown -R "$u:$(id -g "$u")" "$t/h"
xml_fax "$t/h/spool/incoming/a.xml" 2026-11-23T09:00:00+01:00 "$DOC_DENUNCIATION"

try() { # try INJECT EXPECTED-MESSAGE
	timeout 15 strace -f -o /dev/null -e inject="$1" $FI watch 2>"$t/log"
	local rc=$?
	[ "$rc" = 1 ] || fail "$1: exit $rc, not 1: $(cat "$t/log")"
	grep -qF "$2" "$t/log" || fail "$1: no '$2': $(cat "$t/log")"
	grep -q "running as\|watching" "$t/log" && fail "$1: went on: $(cat "$t/log")"
	[ -f "$t/h/spool/incoming/a.xml" ] || fail "$1: a fax was claimed"
}
try fchown:error=EPERM:when=1 "error: cannot give the pid file to '$u': Operation not permitted"
try setgid:error=EPERM:when=1 "error: cannot become '$u': Operation not permitted"
try setuid:retval=0:when=2 "error: could regain root after dropping to '$u'"

# no lock was left behind: a start without the fault runs as the user
$FI watch 2>"$t/log" &
pid=$!
for i in $(seq 100); do grep -q "watching" "$t/log" && break; sleep 0.1; done
grep -q "running as '$u'" "$t/log" && grep -q "watching" "$t/log" || fail "a later start: $(cat "$t/log")"
kill -TERM $pid; wait $pid; rc=$?; pid=
[ "$rc" = 0 ] || fail "watch exit $rc: $(cat "$t/log")"
[ "$(stat -c %U "$t/h/faxintake.pid")" = "$u" ] || fail "pid file owner: $(stat -c %U "$t/h/faxintake.pid")"
pass
