#!/bin/bash
# Hostile XML for `registry import` (the customer registry comes from
# outside): external entities naming a local file and a URL (in UTF-8, and
# in UTF-16 where the bytes hold no "<!DOCTYPE"), parameter entities, an
# external DTD, XInclude, an xsi:schemaLocation pointing at the network,
# billion laughs, a 100 MB file, 100000 levels of nesting. Each must be
# refused with a clear message and exit status 1, within a bounded time and
# memory, and leave the store exactly as it was (database dump and export);
# under strace no file outside the schemas folder is opened once the input
# is read, /etc/passwd and the secret file are never opened, and nothing
# connects anywhere.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
# The login name comes from LOGNAME: without it getpwuid() would read
# /etc/passwd (and try nscd) for a reason unrelated to the input.
export LOGNAME=tester
new_home
db=$t/h/faxintake.db
secret=$t/secret.txt
echo "TOP SECRET" > "$secret"

command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null && have_strace=1 || have_strace=0
[ -x /usr/bin/time ] && have_time=1 || have_time=0

snapshot() {	# snapshot OUT: the whole database and the export
	sqlite3 "$db" .dump > "$1.db" || fail "sqlite3 .dump"
	$FI export 2>/dev/null | grep -v exported= > "$1.xml" || fail "export"
}
snapshot "$t/before"
sqlite3 "$db" 'SELECT xml FROM registry' | grep -q 3351234567 || fail "the contract registry is not stored"

ns='xmlns="urn:faxintake:registry:1"'
company='<company vat="04971230588" name="Rossi Costruzioni S.r.l.">'
addr='<address effective="2026-01-01T00:00:00+01:00">'
u16() { iconv -f UTF-8 -t UTF-16 "$1" > "$2" || fail "iconv"; }
cases=()
mk() {	# mk NAME EXPECTED-MESSAGE: the case's file is $t/NAME.xml (already written)
	cases+=("$1|$2")
}

# External general entity naming a local file, in content and in an attribute.
cat > "$t/xxe-file.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE registry [ <!ENTITY x SYSTEM "file://$secret"> <!ENTITY p SYSTEM "file:///etc/passwd"> ]>
<registry $ns>$company$addr&x;&p;</address></company></registry>
EOF
mk xxe-file "DOCTYPE"
# External entity and external DTD by URL (loopback, discard port: nothing listens).
cat > "$t/xxe-http.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE registry SYSTEM "http://127.0.0.1:9/evil.dtd" [ <!ENTITY x SYSTEM "http://127.0.0.1:9/x"> ]>
<registry $ns>$company$addr&x;</address></company></registry>
EOF
mk xxe-http "DOCTYPE"
# Parameter entities (loaded while the DTD itself is read, out-of-band exfiltration).
cat > "$t/xxe-pe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE registry [ <!ENTITY % f SYSTEM "file:///etc/passwd"> <!ENTITY % h SYSTEM "http://127.0.0.1:9/evil.dtd"> %f; %h; ]>
<registry $ns/>
EOF
mk xxe-pe "DOCTYPE"
# The same three in UTF-16: no "<!DOCTYPE" in the bytes, refused by the parser.
for n in xxe-file xxe-http xxe-pe; do
	sed 's/version="1.0"?>/version="1.0" encoding="UTF-16"?>/' "$t/$n.xml" > "$t/$n.u8"
	u16 "$t/$n.u8" "$t/$n-utf16.xml"
	mk "$n-utf16" "DOCTYPE is not allowed"
done
# Billion laughs: 10 levels of 10 (10^9 expansions), in UTF-8 and UTF-16.
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE registry ['
	echo ' <!ENTITY l0 "lol">'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf ' <!ENTITY l%d "' "$i"
		for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&l%d;' $((i - 1)); done
		echo '">'
	done
	echo ']>'
	echo "<registry $ns>$company$addr&l9;</address></company></registry>"
} > "$t/laughs.xml"
mk laughs "DOCTYPE"
sed 's/version="1.0"?>/version="1.0" encoding="UTF-16"?>/' "$t/laughs.xml" > "$t/laughs.u8"
u16 "$t/laughs.u8" "$t/laughs-utf16.xml"
mk laughs-utf16 "DOCTYPE is not allowed"
# XInclude is never processed: the element is simply not in the schema.
cat > "$t/xinclude.xml" <<EOF
<?xml version="1.0"?>
<registry $ns xmlns:xi="http://www.w3.org/2001/XInclude">$company$addr<xi:include href="file:///etc/passwd" parse="text"/></address><xi:include href="http://127.0.0.1:9/more.xml"/></company></registry>
EOF
mk xinclude "registry.xsd\|not expected\|element"
# A schema location hint naming the network (and a file): never followed.
cat > "$t/schemaloc.xml" <<EOF
<?xml version="1.0"?>
<registry $ns xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:faxintake:registry:1 http://127.0.0.1:9/evil.xsd urn:x file:///etc/passwd">
  $company<evil/></company></registry>
EOF
mk schemaloc "evil"
# 100 MB (sparse: a valid start, then zeros): refused by its size, unread.
printf '<registry %s>' "$ns" > "$t/huge.xml"
truncate -s 100M "$t/huge.xml"
mk huge "larger than 32 MiB"
# 100000 levels of nesting.
{
	printf '<registry %s>' "$ns"
	head -c 1100000 /dev/zero | tr '\0' 'x' | sed 's/xxxxxxxxxxx/<company>/g'
	echo
} > "$t/deep.xml"
[ "$(grep -o '<company>' "$t/deep.xml" | wc -l)" = 100000 ] || fail "deep.xml is not 100000 levels"
mk deep "depth"

# Memory is judged against a trivial refusal (a file that is not XML): a
# hostile input may cost at most 16 MB more (less than the 32 MiB limit, so
# a file read whole before being refused by its size would show).
base_kb=0
if [ $have_time = 1 ]; then
	echo "not xml" > "$t/trivial.xml"
	/usr/bin/time -f '%M' -o "$t/trivial.rss" $FI registry import "$t/trivial.xml" 2>/dev/null
	base_kb=$(tail -1 "$t/trivial.rss")
fi
n=0
for c in "${cases[@]}"; do
	name=${c%%|*}; want=${c#*|}
	f=$t/$name.xml
	start=$(date +%s%N)
	if [ $have_time = 1 ]; then
		/usr/bin/time -f '%M' -o "$t/$name.rss" $FI registry import "$f" 2>"$t/$name.err"
	else
		$FI registry import "$f" 2>"$t/$name.err"
	fi
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ $rc = 1 ] || fail "$name: exit status $rc, expected 1: $(cat "$t/$name.err")"
	grep -q "refused" "$t/$name.err" || fail "$name: no refusal message: $(cat "$t/$name.err")"
	grep -q "$want" "$t/$name.err" || fail "$name: message lacks '$want': $(head -c 600 "$t/$name.err")"
	[ "$(wc -l < "$t/$name.err")" -le 2 ] || fail "$name: more than a short message: $(head -c 600 "$t/$name.err")"
	grep -q "TOP SECRET\|root:" "$t/$name.err" && fail "$name: a file's content leaked into the message"
	[ $ms -lt 3000 ] || fail "$name: took $ms ms"
	if [ $have_time = 1 ]; then
		kb=$(tail -1 "$t/$name.rss")
		[ "$kb" -lt $((base_kb + 16384)) ] || fail "$name: $kb KB resident (trivial refusal: $base_kb KB)"
	else
		kb="?"
	fi
	snapshot "$t/after"
	cmp -s "$t/before.db" "$t/after.db" || fail "$name: the database changed: $(diff "$t/before.db" "$t/after.db" | head -5)"
	cmp -s "$t/before.xml" "$t/after.xml" || fail "$name: the export changed"

	if [ $have_strace = 1 ]; then
		strace -f -e trace=open,openat,connect,socket -o "$t/$name.strace" \
			$FI registry import "$f" 2>/dev/null
		[ $? = 1 ] || fail "$name: exit status under strace"
		grep -E 'passwd|secret\.txt' "$t/$name.strace" && fail "$name: opened a file it names"
		grep -E 'connect\(|socket\(' "$t/$name.strace" && fail "$name: used the network"
		# after the input is opened, only the schemas folder may be read
		sed -n "\|\"$f\"|,\$p" "$t/$name.strace" | grep -E 'open(at)?\(' | grep -v ENOENT |
			grep -v "\"$f\"" | grep -v "\"$FAXINTAKE_SCHEMAS/" > "$t/$name.other"
		[ -s "$t/$name.other" ] && fail "$name: opened outside the schemas folder: $(cat "$t/$name.other")"
		grep -q "\"$f\"" "$t/$name.strace" || fail "$name: strace did not see the input opened"
	fi
	echo "ok: $name refused in $ms ms, $kb KB: $(sed 's/^faxintake: error: //' "$t/$name.err" | head -c 140)"
	n=$((n + 1))
done
[ $n = ${#cases[@]} ] || fail "not every case ran"
[ $have_strace = 1 ] || echo "note: strace unusable here, file and network checks skipped"

# The same file made benign is accepted: the refusals were about the hostile parts.
sed 's/<evil\/>//; s/xsi:schemaLocation="[^"]*"//' "$t/schemaloc.xml" > "$t/benign.xml"
$FI registry import "$t/benign.xml" 2>"$t/benign.err" || fail "benign import: $(cat "$t/benign.err")"
pass
