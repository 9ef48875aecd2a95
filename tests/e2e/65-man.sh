#!/bin/bash
# The man pages: both render with man -l (and groff -ww) without a warning;
# faxintake.conf(5) documents every setting of `init`'s settings file with
# its default, and nothing else; faxintake(8) names every command.
set -u -o pipefail
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
SRC=$(cd "$(dirname "$0")/../.." && pwd)
FI=$BUILD/faxintake
command -v man >/dev/null || { echo "skip: no man (make deps installs man-db)"; exit 77; }

# (overstrike bold and underline taken out, to grep the text)
render() { LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 "$1" 2>"$t/warn" | sed "s/.\x08//g"; }
for p in faxintake.8 faxintake.conf.5; do
	render "$SRC/dist/$p" > "$t/$p.txt" || fail "man -l $p failed: $(cat "$t/warn")"
	[ -s "$t/warn" ] && fail "man -l $p warns: $(cat "$t/warn")"
	[ "$(wc -l < "$t/$p.txt")" -gt 40 ] || fail "$p renders nearly empty"
	if command -v groff >/dev/null; then
		groff -man -ww -z "$SRC/dist/$p" 2>"$t/warn"
		[ -s "$t/warn" ] && fail "groff warns on $p: $(cat "$t/warn")"
	fi
done
grep -q '^NAME' "$t/faxintake.8.txt" || fail "faxintake.8 has no NAME"

# every setting of the file `init` writes, with its default, and no other
$FI -H "$t/h" init 2>/dev/null || fail "init"
sed -n 's/^#\([a-z_][a-z0-9_]*\) = \(.*\)$/\1 \2/p' "$t/h/faxintake.conf" > "$t/settings"
[ "$(wc -l < "$t/settings")" -ge 20 ] || fail "settings not found in init's file"
while read -r name def; do
	[ -n "$def" ] || def='""'
	grep -qxF ".BR $name \" = \" $def" "$SRC/dist/faxintake.conf.5" ||
		fail "faxintake.conf.5 does not document '$name' with its default '$def'"
	[ "$(grep -c "^\.BR $name \" = \" " "$SRC/dist/faxintake.conf.5")" = 1 ] ||
		fail "faxintake.conf.5 documents '$name' more than once"
done < "$t/settings"
sed -n 's/^\.BR \([a-z_0-9]*\) " = " .*/\1/p' "$SRC/dist/faxintake.conf.5" | while read -r name; do
	grep -q "^$name " "$t/settings" || echo "$name"
done > "$t/stale"
[ -s "$t/stale" ] && fail "faxintake.conf.5 documents settings that do not exist: $(cat "$t/stale")"

# every command of --help in faxintake(8)
for c in init config registry run watch cases tickets review history report export status backup purge form demo; do
	$FI --help | grep -q "^  $c\b" || fail "'$c' not in --help (update this list)"
	grep -Eq "^       $c( |$)" "$t/faxintake.8.txt" || fail "faxintake.8 does not describe '$c'"
done
pass
