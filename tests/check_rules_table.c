/*
 * check_rules_table - Check suite for the requirement table
 * (rules/requirements.xml against schemas/rules.xsd, DESIGN.md rule 2),
 * the exclusion words (rule 6) and name comparison (rule 7).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "rules/rules.h"
#include "tests/lib/checkrun.h"

static struct rules_requirements *table(void)
{
	struct rules_requirements *req = NULL;
	struct strbuf err = STRBUF_INIT;
	ck_assert_msg(rules_requirements_load(NULL, &req, &err) == 0, "%s", err.buf);
	sb_release(&err);
	return req;
}

#define T(x) (1u << (x))

START_TEST(table_rows_of_rule_2)
{
	struct rules_requirements *req = table();
	const struct rules_requirement *r;

	ck_assert_int_eq(req->nrows, 4);
	r = rules_requirements_find(req, OCR_DOC_ONSITE, RULES_CLAIM_FAULT, RULES_DELIVERY_SITE);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->required, T(OCR_DOC_ONSITE));
	ck_assert_ptr_eq(rules_requirements_find(req, OCR_DOC_ONSITE, RULES_CLAIM_MALFUNCTION,
						 RULES_DELIVERY_SITE), r);
	r = rules_requirements_find(req, OCR_DOC_ONSITE, RULES_CLAIM_THEFT, RULES_DELIVERY_SITE);
	ck_assert_uint_eq(r->required, T(OCR_DOC_ONSITE) | T(OCR_DOC_BLOCK) |
					       T(OCR_DOC_DENUNCIATION) | T(OCR_DOC_IDENTITY));
	ck_assert_ptr_eq(rules_requirements_find(req, OCR_DOC_ONSITE, RULES_CLAIM_LOSS,
						 RULES_DELIVERY_SITE), r);
	r = rules_requirements_find(req, OCR_DOC_BLOCK, RULES_CLAIM_LOSS, RULES_DELIVERY_POINT);
	ck_assert_uint_eq(r->required, T(OCR_DOC_BLOCK) | T(OCR_DOC_DENUNCIATION) | T(OCR_DOC_IDENTITY));
	r = rules_requirements_find(req, OCR_DOC_BLOCK, RULES_CLAIM_THEFT, RULES_DELIVERY_SITE);
	ck_assert_uint_eq(r->required, T(OCR_DOC_BLOCK) | T(OCR_DOC_DENUNCIATION) |
					       T(OCR_DOC_IDENTITY) | T(OCR_DOC_ONSITE));
	/* not services: a block form for a fault, an onsite form for a point */
	ck_assert_ptr_null(rules_requirements_find(req, OCR_DOC_BLOCK, RULES_CLAIM_FAULT, RULES_DELIVERY_SITE));
	ck_assert_ptr_null(rules_requirements_find(req, OCR_DOC_ONSITE, RULES_CLAIM_FAULT, RULES_DELIVERY_POINT));
	ck_assert_ptr_null(rules_requirements_find(req, OCR_DOC_ONSITE, RULES_CLAIM_NONE, RULES_DELIVERY_SITE));
	rules_requirements_free(&req);
	ck_assert_ptr_null(req);
}
END_TEST

static char *table_fails(const char *xml)
{
	struct rules_requirements *req = NULL;
	struct strbuf err = STRBUF_INIT;
	ck_assert_int_eq(rules_requirements_parse(xml, strlen(xml), &req, &err), -1);
	ck_assert_ptr_null(req);
	return sb_detach(&err);
}

START_TEST(bad_tables_refused)
{
	char *msg;
	msg = table_fails("<rules xmlns=\"urn:faxintake:rules:1\">\n"
			  "<case opened-by=\"onsite\" claims=\"fault\" delivery=\"site\"><requires type=\"onsite\"/></case>\n"
			  "<case opened-by=\"onsite\" claims=\"fault theft\" delivery=\"site\"><requires type=\"onsite\"/></case>\n"
			  "</rules>");
	ck_assert_msg(strstr(msg, "overlap") != NULL, "%s", msg);
	free(msg);
	msg = table_fails("<rules xmlns=\"urn:faxintake:rules:1\">\n"
			  "<case opened-by=\"block\" claims=\"theft\" delivery=\"site\"><requires type=\"onsite\"/></case>\n"
			  "</rules>");
	ck_assert_msg(strstr(msg, "does not require the form") != NULL, "%s", msg);
	free(msg);
	msg = table_fails("<rules xmlns=\"urn:faxintake:rules:1\">\n"
			  "<case opened-by=\"block\" claims=\"stolen\" delivery=\"site\"><requires type=\"block\"/></case>\n"
			  "</rules>");
	ck_assert_msg(strstr(msg, "line 2") != NULL && strstr(msg, "stolen") != NULL, "%s", msg);
	free(msg);
	msg = table_fails("<!DOCTYPE rules [<!ENTITY e \"x\">]><rules xmlns=\"urn:faxintake:rules:1\"/>");
	ck_assert_msg(strstr(msg, "DOCTYPE") != NULL, "%s", msg);
	free(msg);
	{
		struct rules_requirements *req = NULL;
		struct strbuf err = STRBUF_INIT;
		ck_assert_int_eq(rules_requirements_load("/nonexistent/requirements.xml", &req, &err), -1);
		ck_assert_ptr_nonnull(strstr(err.buf, "cannot read '/nonexistent/requirements.xml'"));
		sb_release(&err);
	}
}
END_TEST

START_TEST(exclusion_words)
{
	struct rules_requirements *req = table();
	ck_assert(rules_requirements_excluded(req, "Il telefono e' caduto in ACQUA"));
	ck_assert(rules_requirements_excluded(req, "schermo bagnato dopo la pioggia"));
	ck_assert(rules_requirements_excluded(req, "contatto con liquidi"));
	ck_assert(rules_requirements_excluded(req, "UMIDITÀ nel connettore"));
	ck_assert(rules_requirements_excluded(req, "dispositivo manomesso da terzi"));
	ck_assert(rules_requirements_excluded(req, "si è rovesciato il caffè"));
	ck_assert(!rules_requirements_excluded(req, "Lo schermo non si accende"));
	ck_assert(!rules_requirements_excluded(req, "batteria si scarica in un'ora; amarezza"));
	ck_assert(!rules_requirements_excluded(req, "il microfono non funziona durante le chiamate"));
	ck_assert(!rules_requirements_excluded(req, ""));
	ck_assert(!rules_requirements_excluded(req, NULL));
	rules_requirements_free(&req);
}
END_TEST

START_TEST(names)
{
	ck_assert(rules_names_equal("Mario Rossi", "ROSSI MARIO"));
	ck_assert(rules_names_equal("Niccolò  D'Amico", "d amico niccolo"));
	ck_assert(rules_names_equal("José Álvarez", "ALVAREZ JOSE"));
	ck_assert(rules_names_equal("Anna Maria Bianchi", "Bianchi, Anna Maria"));
	ck_assert(!rules_names_equal("Mario Rossi", "Maria Rossi"));
	ck_assert(!rules_names_equal("Mario Rossi", "Mario Rossi Bianchi"));
	ck_assert(!rules_names_equal("Mario Rossi", ""));
	ck_assert(!rules_names_equal(NULL, "Mario Rossi"));
	ck_assert(!rules_names_equal("", ""));
}
END_TEST

START_TEST(enumerations)
{
	ck_assert_str_eq(rules_claim_name(rules_claim_parse("malfunction")), "malfunction");
	ck_assert_int_eq(rules_claim_parse("guasto"), RULES_CLAIM_NONE);
	ck_assert_int_eq(rules_delivery_parse("point"), RULES_DELIVERY_POINT);
	ck_assert_int_eq(rules_delivery_parse(NULL), RULES_DELIVERY_NONE);
	ck_assert_str_eq(ocr_doctype_name(OCR_DOC_DENUNCIATION), "denunciation");
	ck_assert_int_eq(rules_role_parse("mandatario"), RULES_ROLE_MANDATARIO);
	ck_assert_int_eq(rules_role_parse("Mandatario"), RULES_ROLE_NONE);
	ck_assert_str_eq(rules_role_name(RULES_ROLE_LEGAL_REPRESENTATIVE), "legal-representative");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rules_table");
	TCase *tc = tcase_create("rules_table");

	tcase_add_test(tc, table_rows_of_rule_2);
	tcase_add_test(tc, bad_tables_refused);
	tcase_add_test(tc, exclusion_words);
	tcase_add_test(tc, names);
	tcase_add_test(tc, enumerations);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
