# Fixtures for end-to-end tests (sourced after lib.sh): the contract's
# registry and faxes of its customers made with build/mkfax.
REGISTRY_XML=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared/contracts/registry.example.xml
[ -f "$REGISTRY_XML" ] || REGISTRY_XML=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/registry.xml
MKFAX=$BUILD/mkfax

# mk_fault OUT DATETIME [extra page items...]: a fault on site, signed by the
# legal representative, for line 3351234567.
mk_fault() {
	local out=$1 dt=$2; shift 2
	$MKFAX -o "$out" --datetime "$dt" --page form=AR-SEDE-01 \
		company="Rossi Costruzioni S.r.l." vat=04971230588 line=3351234567 \
		imei=352906112345675 model="Samsung Galaxy S24" claim=fault \
		description="Lo schermo resta nero" address="Via Roma 1, 20121 Milano MI" \
		contact="Mario Rossi" contact_phone="02 5550100" declaration=true \
		signer="Mario Rossi" signer_role=legal-representative signer_cf=RSSMRA80A01F205X \
		place=Milano date=2026-11-23 signature=true "$@"
}

# new_home: a fresh home in $t/h with the contract's registry, files
# complete at once (stability_delay_ms = 0), "now" fixed; sets FI.
new_home() {
	export FAXINTAKE_NOW=${FAXINTAKE_NOW:-2026-11-25T12:00:00+01:00}
	FI="$BUILD/faxintake -H $t/h"
	$FI init 2>/dev/null || fail "init"
	printf 'stability_delay_ms = 0\nworkers = 2\n' >> "$t/h/faxintake.conf"
	$FI registry import "$REGISTRY_XML" 2>/dev/null || fail "registry import"
}
