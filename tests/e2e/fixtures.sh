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

# The contract's registry: line 3479876543's coverage ended on 2026-06-14,
# so theft tests use line 3351234567 (IMEI 352906112345675), signed by the
# legal representative Mario Rossi (RSSMRA80A01F205X).
# Documents as validated instances (urn:faxintake:document:1): tests of the
# rules and the desk feed them as XML faxes (setting xml_faxes) instead of
# images, so that they test the rules, not the reading.
DOC_BLOCK_SITE='<block><company>Rossi Costruzioni S.r.l.</company><vat>04971230588</vat><line>3351234567</line><imei>352906112345675</imei><model>Samsung Galaxy S24</model><event>theft</event><event_date>2026-11-21</event_date><event_place>Milano</event_place><delivery>site</delivery><signer>Mario Rossi</signer><signer_cf>RSSMRA80A01F205X</signer_cf><id_document>CA12345AB</id_document><date>2026-11-22</date><signature>true</signature></block>'
DOC_BLOCK_POINT=${DOC_BLOCK_SITE/<delivery>site</<delivery>point<}
DOC_ONSITE_THEFT='<onsite><company>Rossi Costruzioni S.r.l.</company><vat>04971230588</vat><line>3351234567</line><imei>352906112345675</imei><model>Samsung Galaxy S24</model><claim>theft</claim><address>Via Roma 1, 20121 Milano MI</address><contact>Mario Rossi</contact><contact_phone>02 5550100</contact_phone><signer>Mario Rossi</signer><signer_role>legal-representative</signer_role><signer_cf>RSSMRA80A01F205X</signer_cf><place>Milano</place><date>2026-11-22</date><signature>true</signature><declaration>false</declaration></onsite>'
DOC_DENUNCIATION='<denunciation><authority>Stazione Carabinieri di Milano</authority><number>1234/2026</number><date>2026-11-22</date><event>theft</event><event_date>2026-11-21</event_date><reporter>Mario Rossi</reporter><reporter_cf>RSSMRA80A01F205X</reporter_cf><imei>352906112345675</imei><line>3351234567</line></denunciation>'
DOC_IDENTITY='<identity><kind>electronic-id-card</kind><number>CA12345AB</number><surname>ROSSI</surname><name>MARIO</name><birth_date>1980-01-01</birth_date><expiry>2031-01-01</expiry><fiscal_code>RSSMRA80A01F205X</fiscal_code></identity>'

# xml_fax OUT RECEIVED DOC...: an already-read fax (needs xml_faxes = yes)
xml_fax() {
	local out=$1 rec=$2; shift 2
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<fax xmlns="urn:faxintake:fax:1" received="%s" sender="+39 02 5550100">\n' "$rec"
		local d
		for d in "$@"; do printf '%s\n' "${d/>/ xmlns=\"urn:faxintake:document:1\">}"; done
		printf '</fax>\n'
	} > "$out.part" && mv "$out.part" "$out"
}

mk_theft() { # OUT DATETIME PAGESPEC... where PAGESPEC is block-site|block-point|onsite|denunciation|identity
	local out=$1 dt=$2; shift 2
	local args=() p
	for p in "$@"; do
		case $p in
		block-site|block-point)
			args+=(--page form=AR-BLOCCO-01 "company=Rossi Costruzioni S.r.l." vat=04971230588
				line=3351234567 imei=352906112345675 "model=Samsung Galaxy S24" event=theft
				event_date=2026-11-21 event_place=Milano delivery=${p#block-}
				"signer=Mario Rossi" signer_cf=RSSMRA80A01F205X
				"id_document=Carta d'identita' CA12345AB" date=2026-11-22 signature=true) ;;
		onsite)
			args+=(--page form=AR-SEDE-01 "company=Rossi Costruzioni S.r.l." vat=04971230588
				line=3351234567 imei=352906112345675 "model=Samsung Galaxy S24" claim=theft
				"address=Via Roma 1, 20121 Milano MI" "contact=Mario Rossi"
				"contact_phone=02 5550100" "signer=Mario Rossi" signer_role=legal-representative
				signer_cf=RSSMRA80A01F205X place=Milano date=2026-11-22 signature=true) ;;
		denunciation)
			args+=(--page kind=denunciation seed=13 event=theft event_date=2026-11-21 date=2026-11-22
				imei=352906112345675 line=3351234567 "reporter=Mario Rossi"
				reporter_cf=RSSMRA80A01F205X "model=Samsung Galaxy S24") ;;
		identity)
			args+=(--page kind=identity seed=13 kind=electronic-id-card number=CA12345AB surname=ROSSI
				name=MARIO birth_date=1980-01-01 expiry=2031-01-01 fiscal_code=RSSMRA80A01F205X) ;;
		esac
	done
	$MKFAX -o "$out" --seed "${SEED:-13}" --datetime "$dt" "${args[@]}"
}

DOC_ONSITE_FAULT='<onsite><company>Rossi Costruzioni S.r.l.</company><vat>04971230588</vat><line>3351234567</line><imei>352906112345675</imei><model>Samsung Galaxy S24</model><claim>fault</claim><description>Lo schermo resta nero</description><address>Via Roma 1, 20121 Milano MI</address><contact>Mario Rossi</contact><contact_phone>02 5550100</contact_phone><declaration>true</declaration><signer>Mario Rossi</signer><signer_role>legal-representative</signer_role><signer_cf>RSSMRA80A01F205X</signer_cf><place>Milano</place><date>2026-11-22</date><signature>true</signature></onsite>'

# sub STRING FROM TO: STRING with the first FROM replaced by TO
sub() { local s=$1; printf '%s' "${s/"$2"/"$3"}"; }
