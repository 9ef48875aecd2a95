/*
 * check_document - value checks (ocr/check.c), the document model and its
 * XML instances validated against schemas/ (ocr/document.c, common/xml.c).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "common/xml.h"
#include "ocr/check.h"
#include "ocr/document.h"
#include "ocr/ocr.h"
#include "tests/lib/checkrun.h"

START_TEST(imei_luhn)
{
	ck_assert(ocr_check_imei("352906112345675"));
	ck_assert(ocr_check_imei("867530098765439"));
	ck_assert(!ocr_check_imei("352906112345676"));	/* one digit off */
	ck_assert(!ocr_check_imei("352906112345765"));	/* transposition */
	ck_assert(!ocr_check_imei("35290611234567"));
	ck_assert(!ocr_check_imei("35290611234567A"));
}
END_TEST

START_TEST(vat_check_digit)
{
	ck_assert(ocr_check_vat("04971230588"));
	ck_assert(!ocr_check_vat("04971230587"));
	ck_assert(!ocr_check_vat("00000000000"));
	ck_assert(!ocr_check_vat("0497123058"));
}
END_TEST

START_TEST(fiscal_code_check_character)
{
	ck_assert(ocr_check_fiscal_code("RSSMRA80A01F205X"));
	ck_assert(ocr_check_fiscal_code("BNCNNA85M41H501N"));
	ck_assert(!ocr_check_fiscal_code("RSSMRA80A01F205Y"));
	ck_assert_int_eq(ocr_fiscal_code_omocodic("RSSMRA80A01F205X"), 0);
	ck_assert_int_eq(ocr_fiscal_code_omocodic("GRDPLAS7C59C267I"), 1);
	ck_assert_int_eq(ocr_fiscal_code_omocodic("BRNCHR00B0SITS6L"), 3);
	ck_assert_int_eq(ocr_fiscal_code_omocodic("328210863616243"), 0);
	ck_assert(!ocr_check_fiscal_code("RSSMRA80A01F2O5X"));	/* O for 0 */
	ck_assert(!ocr_check_fiscal_code("rssmra80a01f205x"));
	ck_assert(!ocr_check_fiscal_code("RSSMRA80A01F205"));
}
END_TEST

START_TEST(mrz_check_digits)
{
	/* the ICAO 9303 specimen passport: number, birth, expiry, personal
	 * number, and the composite over them */
	ck_assert_int_eq(ocr_check_mrz_digit("L898902C3", 9), 6);
	ck_assert_int_eq(ocr_check_mrz_digit("740812", 6), 2);
	ck_assert_int_eq(ocr_check_mrz_digit("120415", 6), 9);
	ck_assert_int_eq(ocr_check_mrz_digit("ZE184226B<<<<<", 14), 1);
	ck_assert_int_eq(ocr_check_mrz_digit("L898902C36" "7408122" "1204159ZE184226B<<<<<1", 39), 0);
	/* the specimen TD1 card: number D23145890 with its check 7 */
	ck_assert_int_eq(ocr_check_mrz_digit("D23145890", 9), 7);
	ck_assert(ocr_check_mrz("L898902C36"));
	ck_assert(ocr_check_mrz("7408122"));
	ck_assert(!ocr_check_mrz("7408123"));
	ck_assert(!ocr_check_mrz("L898902O36"));	/* O is not 0 */
	ck_assert(!ocr_check_mrz("L898902C3<"));
	ck_assert(!ocr_check_mrz("6"));
	ck_assert(!ocr_check_mrz(NULL));
	ck_assert_int_eq(ocr_check_mrz_digit("74O812", 6), (7 * 7 + 4 * 3 + 24 + 8 * 7 + 1 * 3 + 2) % 10);
	ck_assert_int_eq(ocr_check_mrz_digit("7408l2", 6), -1);	/* lower case */
	ck_assert_int_eq(ocr_check_mrz_digit("7408", 6), -1);	/* too short */
	ck_assert_int_eq(ocr_check_mrz_digit("<<<", 3), 0);
}
END_TEST

START_TEST(fiscal_code_fits_the_name)
{
	const char *cf = "RSSMRA80A01F205X";	/* Rossi Mario */
	ck_assert(ocr_fiscal_code_names(cf, "Rossi", "Mario"));
	ck_assert(!ocr_fiscal_code_names(cf, "Bianchi", "Mario"));
	ck_assert(ocr_fiscal_code_person(cf, "Mario Rossi", OCR_CF_GIVEN_FIRST));
	ck_assert(!ocr_fiscal_code_person(cf, "Mario Rossi", OCR_CF_SURNAME_FIRST));
	ck_assert(ocr_fiscal_code_person(cf, "ROSSI Mario", OCR_CF_SURNAME_FIRST));
	ck_assert(!ocr_fiscal_code_person(cf, "ROSSI Mario", OCR_CF_GIVEN_FIRST));
	ck_assert(ocr_fiscal_code_person(cf, "Rossi Mario",
					 OCR_CF_GIVEN_FIRST | OCR_CF_SURNAME_FIRST));
	/* "De Luca Maria Grazia": a surname of two words, two given names */
	ck_assert(ocr_fiscal_code_person("DLCMGR85M41H501X", "De Luca Maria Grazia",
					 OCR_CF_SURNAME_FIRST));
	ck_assert(!ocr_fiscal_code_person(cf, "Mario", OCR_CF_GIVEN_FIRST));
}
END_TEST

START_TEST(line_normal_form)
{
	char out[16];
	ck_assert_int_eq(ocr_normalise_line("+39 335 123.4567", out, sizeof out), 0);
	ck_assert_str_eq(out, "3351234567");
	ck_assert_int_eq(ocr_normalise_line("0039-347-9876543", out, sizeof out), 0);
	ck_assert_str_eq(out, "3479876543");
	ck_assert_int_ne(ocr_normalise_line("02 5550100", out, sizeof out), 0);
	ck_assert_int_ne(ocr_normalise_line("335 12x4567", out, sizeof out), 0);
}
END_TEST

START_TEST(dates_every_written_form)
{
	char out[11];
	ck_assert_int_eq(ocr_parse_date("20/11/2026", out, sizeof out), 0);
	ck_assert_str_eq(out, "2026-11-20");
	ck_assert_int_eq(ocr_parse_date("Milano, 3-2-2026", out, sizeof out), 0);
	ck_assert_str_eq(out, "2026-02-03");
	ck_assert_int_eq(ocr_parse_date("01.12.2025", out, sizeof out), 0);
	ck_assert_str_eq(out, "2025-12-01");
	ck_assert_int_eq(ocr_parse_date("addì 20 novembre 2026", out, sizeof out), 0);
	ck_assert_str_eq(out, "2026-11-20");
	ck_assert_int_eq(ocr_parse_date("Roma 1 Gennaio 2027", out, sizeof out), 0);
	ck_assert_str_eq(out, "2027-01-01");
	ck_assert_int_ne(ocr_parse_date("31/02/2026", out, sizeof out), 0);
	ck_assert_int_ne(ocr_parse_date("20/11/26", out, sizeof out), 0);
	ck_assert_int_ne(ocr_parse_date("no date here", out, sizeof out), 0);
}
END_TEST

START_TEST(field_checks_give_reasons)
{
	ck_assert_ptr_null(ocr_check_field("imei", "352906112345675"));
	ck_assert_str_eq(ocr_check_field("imei", "352906112345676"), "IMEI_CHECKSUM");
	ck_assert_str_eq(ocr_check_field("vat", "04971230587"), "VAT_CHECKSUM");
	ck_assert_str_eq(ocr_check_field("signer_cf", "RSSMRA80A01F205Y"), "FISCAL_CODE_CHECKSUM");
	ck_assert_str_eq(ocr_check_field("claim", "broken"), "SCHEMA_INVALID");
	ck_assert_str_eq(ocr_check_field("date", "2026-02-30"), "SCHEMA_INVALID");
	ck_assert_str_eq(ocr_check_field("company", ""), "FIELD_MISSING");
	ck_assert_ptr_null(ocr_check_field("signer_role", "employee"));
}
END_TEST

START_TEST(xml_round_trip_validates)
{
	struct strbuf err = STRBUF_INIT, xml = STRBUF_INIT;
	struct ocr_document d, back;
	struct ocr_region r = { 10, 20, 300, 40 };
	ocr_document_init(&d, OCR_DOC_BLOCK);
	ocr_document_set(&d, "imei", "352906112345675", 0.93, &r, NULL);
	ocr_document_set(&d, "company", "Rossi & Figli <S.r.l.>", 0.9, NULL, NULL);
	ocr_document_set(&d, "vat", "04971230587", 0.5, NULL, "VAT_CHECKSUM");
	ocr_document_set(&d, "event", "theft", 0.99, NULL, NULL);
	ocr_document_to_xml(&d, &xml);
	ck_assert_ptr_null(strstr(xml.buf, "04971230587"));	/* untrusted: left out */
	ck_assert_int_eq(ocr_document_validate_xml(OCR_DOC_BLOCK, xml.buf, xml.len, &err), 0);
	ck_assert_int_eq(ocr_document_from_xml(xml.buf, xml.len, &back, &err), 0);
	ck_assert_int_eq(back.type, OCR_DOC_BLOCK);
	ck_assert_str_eq(ocr_document_value(&back, "company"), "Rossi & Figli <S.r.l.>");
	ck_assert_str_eq(ocr_document_value(&back, "imei"), "352906112345675");
	ck_assert_int_eq(ocr_document_field(&back, "imei")->region.w, 300);
	ck_assert_ptr_null(ocr_document_field(&back, "vat"));
	ocr_document_clear(&d);
	ocr_document_clear(&back);
	sb_release(&xml);
	sb_release(&err);
}
END_TEST

START_TEST(xml_wrong_instances_refused)
{
	struct strbuf err = STRBUF_INIT;
	struct ocr_document d;
	static const char *bad[] = {
		"<block xmlns=\"urn:faxintake:document:1\"><imei>12345</imei></block>",
		"<block xmlns=\"urn:faxintake:document:1\"><claim>theft</claim></block>",
		"<onsite xmlns=\"urn:faxintake:document:1\"><date>20/11/2026</date></onsite>",
		"<cat xmlns=\"urn:faxintake:document:1\"/>",
		"<block xmlns=\"urn:faxintake:document:1\"><imei>352906112345675</imei>",
		"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
		"<block xmlns=\"urn:faxintake:document:1\"><model>&e;</model></block>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		sb_reset(&err);
		ck_assert_int_eq(ocr_document_from_xml(bad[i], strlen(bad[i]), &d, &err), -1);
		ck_assert_uint_gt(err.len, 0);
	}
	/* libxml2's message names the line */
	const char *multi = "<onsite xmlns=\"urn:faxintake:document:1\">\n<vat>12</vat>\n</onsite>";
	sb_reset(&err);
	ck_assert_int_eq(ocr_document_from_xml(multi, strlen(multi), &d, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.buf, "line 2"));
	sb_release(&err);
}
END_TEST

START_TEST(validate_marks_refused_fields)
{
	struct strbuf err = STRBUF_INIT;
	struct ocr_document d;
	ocr_document_init(&d, OCR_DOC_IDENTITY);
	ocr_document_set(&d, "surname", "ROSSI", 0.95, NULL, NULL);
	ocr_document_set(&d, "birth_date", "1980-13-02", 0.95, NULL, NULL);
	ocr_document_set(&d, "fiscal_code", "rssmra80a01h501u", 0.95, NULL, NULL);
	ocr_document_set(&d, "number", " CA12345AB", 0.95, NULL, NULL);
	ocr_document_set(&d, "expiry", "2031-02-30", 0.5, NULL, "LOW_CONFIDENCE");
	ck_assert_int_eq(ocr_document_validate(&d, &err), 3);
	ck_assert_str_eq(ocr_document_value(&d, "surname"), "ROSSI");
	ck_assert_str_eq(ocr_document_field(&d, "birth_date")->reason, "SCHEMA_INVALID");
	ck_assert_str_eq(ocr_document_field(&d, "fiscal_code")->reason, "SCHEMA_INVALID");
	ck_assert_str_eq(ocr_document_field(&d, "number")->reason, "SCHEMA_INVALID");
	/* an untrusted value keeps its own reason */
	ck_assert_str_eq(ocr_document_field(&d, "expiry")->reason, "LOW_CONFIDENCE");
	ck_assert_uint_eq(d.nreasons, 3);
	ck_assert_str_eq(d.reasons[0].code, "SCHEMA_INVALID");
	ck_assert_str_eq(d.reasons[0].field, "birth_date");
	ck_assert_ptr_nonnull(strstr(d.reasons[0].text, "birth_date"));	/* libxml2's words */
	/* what is left is a valid instance */
	ck_assert_int_eq(ocr_document_validate(&d, &err), 0);
	ck_assert_uint_eq(d.nreasons, 3);
	ocr_document_clear(&d);
	sb_release(&err);
}
END_TEST

START_TEST(documents_without_trusted_fields_are_valid)
{
	/* an unknown page, and a form of which nothing could be trusted: the
	 * schemas take them, and no reason is added */
	struct strbuf err = STRBUF_INIT;
	struct ocr_document d;
	ocr_document_init(&d, OCR_DOC_UNKNOWN);
	ocr_document_add_reason(&d, "UNKNOWN_DOCUMENT", NULL, "a letter");
	ck_assert_int_eq(ocr_document_validate(&d, &err), 0);
	ck_assert_uint_eq(d.nreasons, 1);
	ocr_document_clear(&d);
	ocr_document_init(&d, OCR_DOC_BLOCK);
	ocr_document_set(&d, "imei", "352906112345676", 0.9, NULL, "IMEI_CHECKSUM");
	ck_assert_int_eq(ocr_document_validate(&d, &err), 0);
	ck_assert_uint_eq(d.nreasons, 0);
	ocr_document_clear(&d);
	sb_release(&err);
}
END_TEST

/* An identity copy's page read as surname ROSSI, and this birth date
 * unless NULL. */
static void identity_page(struct ocr_page *p, const char *birth_date)
{
	memset(p, 0, sizeof *p);
	p->type = OCR_DOC_IDENTITY;
	ocr_document_init(&p->doc, OCR_DOC_IDENTITY);
	ocr_document_set(&p->doc, "surname", "ROSSI", 0.95, NULL, NULL);
	if (birth_date)
		ocr_document_set(&p->doc, "birth_date", birth_date, 0.95, NULL, NULL);
}

START_TEST(grouped_documents_are_validated)
{
	struct ocr_page p;
	struct ocr_document *docs = NULL;
	size_t nd = 0;
	identity_page(&p, "1980-02-30");
	ck_assert_int_eq(ocr_pages_group(&p, 1, &docs, &nd), 0);
	ck_assert_uint_eq(nd, 1);
	ck_assert_str_eq(ocr_document_value(&docs[0], "surname"), "ROSSI");
	ck_assert_ptr_null(ocr_document_value(&docs[0], "birth_date"));
	ck_assert(ocr_document_has_reason(&docs[0], "SCHEMA_INVALID"));
	ocr_document_clear(&docs[0]);
	free(docs);
	ocr_document_clear(&p.doc);
}
END_TEST

START_TEST(clerk_value_failing_check_is_untrusted)
{
	struct strbuf err = STRBUF_INIT;
	struct ocr_document d;
	const char *x = "<onsite xmlns=\"urn:faxintake:document:1\"><imei>352906112345676</imei></onsite>";
	ck_assert_int_eq(ocr_document_from_xml(x, strlen(x), &d, &err), 0);
	ck_assert_ptr_null(ocr_document_value(&d, "imei"));
	ck_assert_str_eq(ocr_document_field(&d, "imei")->reason, "IMEI_CHECKSUM");
	ocr_document_clear(&d);
	sb_release(&err);
}
END_TEST

START_TEST(schemas_that_cannot_load_are_an_error)
{
	/* nothing cached yet (the first test). The schemas folder is empty: the
	 * installation is broken, no value is wrong, so validation and grouping
	 * fail (-1) and add no reason; with the schemas back, they work again */
	char dir[] = "/tmp/check_document.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	xml_init(dir);
	struct strbuf err = STRBUF_INIT;
	struct ocr_document d;
	ocr_document_init(&d, OCR_DOC_IDENTITY);
	ocr_document_set(&d, "surname", "ROSSI", 0.95, NULL, NULL);
	ck_assert_int_eq(ocr_document_validate(&d, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.buf, dir));
	ck_assert_uint_eq(d.nreasons, 0);
	ck_assert_ptr_null(ocr_document_field(&d, "surname")->reason);

	struct ocr_page p;
	struct ocr_document *docs = NULL;
	size_t nd = 0;
	identity_page(&p, NULL);
	ck_assert_int_eq(ocr_pages_group(&p, 1, &docs, &nd), -1);
	ck_assert_ptr_null(docs);
	ck_assert_uint_eq(nd, 0);

	xml_init(FAXINTAKE_SRCDIR "/schemas");
	sb_reset(&err);
	ck_assert_int_eq(ocr_document_validate(&d, &err), 0);
	ck_assert_int_eq(ocr_pages_group(&p, 1, &docs, &nd), 0);
	ck_assert_uint_eq(nd, 1);
	ck_assert_str_eq(ocr_document_value(&docs[0], "surname"), "ROSSI");
	ocr_document_clear(&docs[0]);
	free(docs);
	ocr_page_clear(&p);
	ocr_document_clear(&d);
	sb_release(&err);
	rmdir(dir);
}
END_TEST

int main(void)
{
	util_set_timezone("Europe/Rome");
	xml_init(FAXINTAKE_SRCDIR "/schemas");
	Suite *s = suite_create("document");
	TCase *tc = tcase_create("core");
	/* first: with CK_FORK=no, no test before it may have loaded a schema */
	tcase_add_test(tc, schemas_that_cannot_load_are_an_error);
	tcase_add_test(tc, imei_luhn);
	tcase_add_test(tc, vat_check_digit);
	tcase_add_test(tc, fiscal_code_check_character);
	tcase_add_test(tc, fiscal_code_fits_the_name);
	tcase_add_test(tc, mrz_check_digits);
	tcase_add_test(tc, line_normal_form);
	tcase_add_test(tc, dates_every_written_form);
	tcase_add_test(tc, field_checks_give_reasons);
	tcase_add_test(tc, xml_round_trip_validates);
	tcase_add_test(tc, xml_wrong_instances_refused);
	tcase_add_test(tc, clerk_value_failing_check_is_untrusted);
	tcase_add_test(tc, validate_marks_refused_fields);
	tcase_add_test(tc, grouped_documents_are_validated);
	tcase_add_test(tc, documents_without_trusted_fields_are_valid);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
