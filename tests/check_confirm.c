/*
 * check_confirm - Check suite for intake/confirm: what the registry
 * confirms of a form's typed values, keyed by the form's trusted VAT
 * number and IMEI, and nothing it does not hold exactly.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "intake/confirm.h"
#include "rules/registry.h"
#include "tests/lib/checkrun.h"

static const char registry_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<registry xmlns=\"urn:faxintake:registry:1\" generated=\"2026-11-23T22:00:00+01:00\">\n"
	"  <company vat=\"07643520567\" name=\"Verdi Impianti S.r.l.\">\n"
	"    <address effective=\"2025-01-01T00:00:00+01:00\">Via Dante 4, 20121 Milano MI</address>\n"
	"    <address effective=\"2026-06-01T00:00:00+02:00\">Via Po 2, 10123 Torino TO</address>\n"
	"    <person fiscal-code=\"VRDLGU75C12F205K\" name=\"Luigi Verdi\" role=\"legal-representative\"/>\n"
	"    <person fiscal-code=\"NREPLA90D50H501J\" name=\"Paola Neri\" role=\"employee\">\n"
	"      <enabled line=\"3407654321\"/>\n"
	"    </person>\n"
	"    <line number=\"3407654321\" imei=\"356938035643809\" model=\"Motorola Edge 40\"\n"
	"          coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3407654322\" imei=\"353918056789014\" model=\"Nokia G42\"\n"
	"          coverage-start=\"2024-06-15\" coverage-end=\"2026-06-14\"/>\n"
	"  </company>\n"
	"  <company vat=\"12345678903\" name=\"Bianchi Servizi S.p.A.\">\n"
	"    <address effective=\"2025-01-01T00:00:00+01:00\">Corso Italia 9, 00184 Roma RM</address>\n"
	"  </company>\n"
	"</registry>\n";

static struct rules_registry *reg;

static void setup(void)
{
	struct strbuf err = STRBUF_INIT;
	util_set_timezone("Europe/Rome");
	ck_assert_msg(rules_registry_parse(registry_xml, strlen(registry_xml), 0, &reg, &err) == 0,
		      "%s", err.buf);
	sb_release(&err);
}

static void teardown(void)
{
	rules_registry_free(&reg);
}

static void form(struct ocr_document *d, const char *vat, const char *vat_reason, const char *imei)
{
	ocr_document_init(d, OCR_DOC_ONSITE);
	if (vat)
		ocr_document_set(d, "vat", vat, 0.99, NULL, vat_reason);
	if (imei)
		ocr_document_set(d, "imei", imei, 0.99, NULL, NULL);
}

static bool confirms(const struct ocr_document *d, const char *name, const char *value)
{
	return confirm_by_registry(reg, d, name, value, util_now());
}

/* Each kind of field, exactly as the registry holds it for the keys. */
START_TEST(confirms_what_the_registry_holds)
{
	struct ocr_document d;
	form(&d, "07643520567", NULL, "356938035643809");
	ck_assert(confirms(&d, "company", "Verdi Impianti S.r.l."));
	ck_assert(confirms(&d, "line", "3407654321"));
	ck_assert(confirms(&d, "model", "Motorola Edge 40"));
	ck_assert(confirms(&d, "signer", "Luigi Verdi"));
	ck_assert(confirms(&d, "signer", "Paola Neri"));
	/* the address in force as of the receipt */
	time_t july, march;
	ck_assert_int_eq(util_parse_iso("2026-07-01T12:00:00+02:00", &july), 0);
	ck_assert_int_eq(util_parse_iso("2026-03-01T12:00:00+01:00", &march), 0);
	ck_assert(confirm_by_registry(reg, &d, "address", "Via Po 2, 10123 Torino TO", july));
	ck_assert(!confirm_by_registry(reg, &d, "address", "Via Po 2, 10123 Torino TO", march));
	ck_assert(confirm_by_registry(reg, &d, "address", "Via Dante 4, 20121 Milano MI", march));
	ocr_document_clear(&d);
}
END_TEST

/* A letter off, another company's or another line's value, a key not
 * trusted or not read, no registry, a field it does not know: no. */
START_TEST(confirms_nothing_else)
{
	struct ocr_document d;
	form(&d, "07643520567", NULL, "356938035643809");
	ck_assert(!confirms(&d, "company", "Verdi Impianti S.r.1."));
	ck_assert(!confirms(&d, "company", "Bianchi Servizi S.p.A."));
	ck_assert(!confirms(&d, "line", "3407654322"));	/* the company's, not this IMEI's */
	ck_assert(!confirms(&d, "model", "Nokia G42"));
	ck_assert(!confirms(&d, "signer", "Luisa Verdi"));
	ck_assert(!confirms(&d, "contact", "Luigi Verdi"));
	ck_assert(!confirms(&d, "description", "Verdi Impianti S.r.l."));
	ck_assert(!confirm_by_registry(NULL, &d, "company", "Verdi Impianti S.r.l.", util_now()));
	ocr_document_clear(&d);

	form(&d, "07643520567", "VAT_CHECKSUM", "356938035643809");
	ck_assert(!confirms(&d, "company", "Verdi Impianti S.r.l."));
	ocr_document_clear(&d);

	form(&d, "07643520567", NULL, NULL);
	ck_assert(confirms(&d, "company", "Verdi Impianti S.r.l."));
	ck_assert(!confirms(&d, "line", "3407654321"));
	ck_assert(!confirms(&d, "model", "Motorola Edge 40"));
	ocr_document_clear(&d);

	form(&d, "12345678903", NULL, "356938035643809");
	ck_assert(!confirms(&d, "line", "3407654321"));	/* another company's line */
	ck_assert(!confirms(&d, "signer", "Luigi Verdi"));
	ocr_document_clear(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("confirm");
	TCase *tc = tcase_create("confirm");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, confirms_what_the_registry_holds);
	tcase_add_test(tc, confirms_nothing_else);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
