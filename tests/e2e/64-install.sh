#!/bin/bash
# `make install DESTDIR=...`: the program, every schema, the requirement
# table, the systemd units (with the program's path filled in, the sandbox
# and notify settings asked for; systemd-analyze verify where present), the
# man pages and RESTORE.md, each where the file system hierarchy wants it.
set -u
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
SRC=$(cd "$(dirname "$0")/../.." && pwd)
R=$t/root
P=/usr/local

# default PREFIX, as built: nothing is recompiled, only copied
make -s -C "$SRC" install BUILD="$BUILD" DESTDIR="$R" >"$t/out" 2>&1 || fail "make install: $(cat "$t/out")"

[ -x "$R$P/bin/faxintake" ] || fail "no $P/bin/faxintake"
[ "$(stat -c %a "$R$P/bin/faxintake")" = 755 ] || fail "program not 0755"
"$R$P/bin/faxintake" --version | grep -q '^faxintake [0-9]' || fail "installed program does not run"
(cd "$SRC/schemas" && find . -type f) | while read -r f; do
	cmp -s "$SRC/schemas/$f" "$R$P/share/faxintake/schemas/$f" || { echo "schemas/$f"; }
done > "$t/missing"
[ -s "$t/missing" ] && fail "schemas not installed: $(cat "$t/missing")"
[ -f "$R$P/share/faxintake/schemas/status.xsd" ] || fail "status.xsd"
cmp -s "$SRC/rules/requirements.xml" "$R$P/share/faxintake/rules/requirements.xml" || fail "requirements.xml"
for m in man8/faxintake.8 man5/faxintake.conf.5; do
	cmp -s "$SRC/dist/$(basename $m)" "$R$P/share/man/$m" || fail "man page $m"
done
[ -f "$R$P/share/doc/faxintake/RESTORE.md" ] || fail "RESTORE.md"
find "$R" -type f ! -perm 0644 ! -path "*/bin/faxintake" | grep . && fail "installed files not 0644"

U=$R$P/lib/systemd/system
for u in faxintake.service faxintake-report.service faxintake-report.timer; do
	[ -f "$U/$u" ] || fail "unit $u"
	grep -q '@BINDIR@' "$U/$u" && fail "$u: @BINDIR@ left"
done
s=$U/faxintake.service
for d in 'Type=notify' 'User=faxintake' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
	 'ProtectHome=yes' 'PrivateTmp=yes' 'ReadWritePaths=/var/lib/faxintake' \
	 'Restart=on-failure' 'ExecReload=/bin/kill -HUP $MAINPID' \
	 "ExecStart=$P/bin/faxintake watch" \
	 'Environment=OMP_THREAD_LIMIT=1 FAXINTAKE_HOME=/var/lib/faxintake'; do
	grep -qxF "$d" "$s" || fail "faxintake.service lacks '$d'"
done
grep -Eq '^WatchdogSec=[1-9][0-9]*s?$' "$s" || fail "faxintake.service: WatchdogSec="
grep -qxF "ExecStart=$P/bin/faxintake report" "$U/faxintake-report.service" || fail "report service ExecStart"
grep -qxF 'Type=oneshot' "$U/faxintake-report.service" || fail "report service type"
grep -Eq '^OnCalendar=\*-\*-\* 01:30:00' "$U/faxintake-report.timer" || fail "timer: not nightly 01:30"
grep -qxF 'Persistent=true' "$U/faxintake-report.timer" || fail "timer: not persistent"

if command -v systemd-analyze >/dev/null; then
	# verify needs the program where ExecStart says: point it into DESTDIR
	mkdir "$t/u"
	for u in faxintake.service faxintake-report.service faxintake-report.timer; do
		sed "s|$P/bin/faxintake|$R$P/bin/faxintake|" "$U/$u" > "$t/u/$u"
	done
	(cd "$t/u" && MANPATH=$R$P/share/man systemd-analyze verify faxintake.service \
		faxintake-report.service faxintake-report.timer) >"$t/v" 2>&1 || fail "systemd-analyze verify: $(cat "$t/v")"
	systemd-analyze calendar "$(sed -n 's/^OnCalendar=//p' "$U/faxintake-report.timer")" >/dev/null 2>&1 || fail "timer calendar"
else
	echo "note: no systemd-analyze, units not verified"
fi
pass
