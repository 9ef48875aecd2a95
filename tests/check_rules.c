/*
 * check_rules - Check suite for the derivation engine (rules/rules.h):
 * each rule of DESIGN.md passing and failing, each reason code the rules
 * raise, each row of the requirement table to a ticket, matching, waiting,
 * clerks' decisions, tickets' XML, and the order of processing never
 * mattering (rule 11). No images, no database: documents are built here.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/document.h"
#include "rules/registry.h"
#include "rules/rules.h"
#include "tests/lib/checkrun.h"

#define MAXDOCS 128

static const char registry_xml[] =
	"<registry xmlns=\"urn:faxintake:registry:1\">\n"
	"  <company vat=\"04971230588\" name=\"Rossi Costruzioni S.r.l.\">\n"
	"    <address effective=\"2025-01-01T00:00:00+01:00\">Via Roma 1, 20121 Milano MI</address>\n"
	"    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"legal-representative\"/>\n"
	"    <person fiscal-code=\"BNCNNA85M41H501N\" name=\"Anna Bianchi\" role=\"employee\">\n"
	"      <enabled line=\"3351234567\"/>\n"
	"    </person>\n"
	"    <person fiscal-code=\"NRECRL75B02F205Z\" name=\"Carlo Neri\" role=\"administrator\"/>\n"
	"    <person fiscal-code=\"VRDLGU70C03F205W\" name=\"Luigi Verdi\" role=\"mandatario\"/>\n"
	"    <person fiscal-code=\"GLLPLA90D44F205V\" name=\"Paola Gialli\" role=\"master\"/>\n"
	"    <line number=\"3351234567\" imei=\"352906112345675\" model=\"Samsung Galaxy S24\"\n"
	"          coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3479876543\" imei=\"867530098765439\" model=\"Apple iPhone 15\"\n"
	"          coverage-start=\"2024-06-15\" coverage-end=\"2026-06-14\"/>\n"
	"    <line number=\"3331112222\" imei=\"490154203237518\" model=\"Google Pixel 9\"\n"
	"          coverage-start=\"2026-01-01\" coverage-end=\"2027-12-31\"/>\n"
	"    <line number=\"3405556666\" imei=\"356938035643809\" model=\"Nokia G42\"\n"
	"          coverage-start=\"2024-11-26\" coverage-end=\"2026-11-25\"/>\n"
	"    <line number=\"3391234567\" imei=\"359876543210987\" model=\"Motorola g84\"\n"
	"          coverage-start=\"2024-11-20\" coverage-end=\"2027-12-31\"/>\n"
	"  </company>\n"
	"  <company vat=\"01234567897\" name=\"Verdi S.n.c.\">\n"
	"    <address effective=\"2020-01-01T00:00:00+01:00\">Piazza Duomo 2, 50122 Firenze FI</address>\n"
	"    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"administrator\"/>\n"
	"    <line number=\"3209998888\" imei=\"353918057122649\" model=\"Xiaomi 14\"\n"
	"          coverage-start=\"2026-01-01\" coverage-end=\"2027-12-31\"/>\n"
	"  </company>\n"
	"</registry>\n";

/* Forms as they come out of the reader, fields "name=value|..."; a later
 * "name=value" replaces, "name!CODE=value" carries a reason, "-name"
 * removes. */
#define ONSITE_FAULT                                                                              \
	"company=Rossi Costruzioni S.r.l.|vat=04971230588|line=3351234567|imei=352906112345675|" \
	"model=Samsung Galaxy S24|claim=fault|description=Lo schermo non si accende|"            \
	"declaration=true|signer=Mario Rossi|signer_role=legal-representative|"                  \
	"signer_cf=RSSMRA80A01F205X|place=Milano|date=2026-11-23|signature=true"
#define ONSITE_THEFT ONSITE_FAULT "|claim=theft|-description|-declaration"
#define BLOCK_SITE                                                                               \
	"company=Rossi Costruzioni S.r.l.|vat=04971230588|line=3351234567|imei=352906112345675|" \
	"model=Samsung Galaxy S24|event=theft|event_date=2026-11-22|event_place=Milano|"         \
	"delivery=site|signer=Mario Rossi|signer_cf=RSSMRA80A01F205X|"                           \
	"id_document=Carta d'identita' CA12345AB|date=2026-11-23|signature=true"
#define BLOCK_POINT BLOCK_SITE "|delivery=point"
#define DENUNCIATION                                                                             \
	"authority=Carabinieri Milano Duomo|number=1234/2026|date=2026-11-22|event=theft|"       \
	"event_date=2026-11-22|reporter=Mario Rossi|imei=352906112345675|line=3351234567"
#define IDENTITY                                                                                 \
	"kind=electronic-id-card|number=CA12345AB|surname=ROSSI|name=MARIO|"                     \
	"birth_date=1980-01-01|expiry=2030-01-01|fiscal_code=RSSMRA80A01F205X"

struct fx {
	struct rules_registry *reg;
	struct rules_requirements *req;
	struct rules_doc_in in[MAXDOCS];
	struct ocr_document d[MAXDOCS];
	size_t n;
	struct rules_cancel_in cancels[4];
	size_t ncancels;
	time_t now;
	struct rules_result *res;
};

static struct fx F;

static time_t iso(const char *s)
{
	time_t t;
	ck_assert_msg(util_parse_iso(s, &t) == 0, "bad time %s", s);
	return t;
}

static void setup(void)
{
	struct strbuf err = STRBUF_INIT;
	memset(&F, 0, sizeof F);
	ck_assert_msg(rules_registry_parse(registry_xml, strlen(registry_xml), 0, &F.reg, &err) == 0,
		      "%s", err.buf);
	ck_assert_msg(rules_requirements_load(NULL, &F.req, &err) == 0, "%s", err.buf);
	F.now = iso("2026-11-30T12:00:00+01:00");
	sb_release(&err);
}

static void teardown(void)
{
	size_t i;
	for (i = 0; i < F.n; i++)
		ocr_document_clear(&F.d[i]);
	rules_result_free(&F.res);
	rules_registry_free(&F.reg);
	rules_requirements_free(&F.req);
}

static void set_fields(struct ocr_document *d, const char *spec)
{
	char *copy = xstrdup(spec), *tok, *save = NULL;
	for (tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		char *eq = strchr(tok, '='), *bang;
		const char *reason = NULL;
		if (tok[0] == '-') {
			ocr_document_remove(d, tok + 1);
			continue;
		}
		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		bang = strchr(tok, '!');
		if (bang) {
			*bang = '\0';
			reason = bang + 1;
		}
		ocr_document_set(d, tok, eq + 1, 0.95, NULL, reason);
	}
	free(copy);
}

/* Adds document `id` of fax `fax` (its sha256 derives from the fax
 * number), page `page`, received at `when`. */
static struct rules_doc_in *add(int64_t id, int fax, int page, const char *when,
				enum ocr_doctype type, const char *fields)
{
	static char shas[MAXDOCS][65];
	struct rules_doc_in *in;
	char name[32];

	ck_assert_uint_lt(F.n, MAXDOCS);
	in = &F.in[F.n];
	memset(in, 0, sizeof *in);
	ocr_document_init(&F.d[F.n], type);
	F.d[F.n].first_page = page;
	F.d[F.n].npages = 1;
	if (fields)
		set_fields(&F.d[F.n], fields);
	snprintf(name, sizeof name, "fax-%d", fax);
	util_sha256_mem(name, strlen(name), shas[F.n]);
	in->id = id;
	in->fax_id = fax;
	in->fax_sha256 = shas[F.n];
	in->page = page;
	in->received = iso(when);
	in->doc = &F.d[F.n];
	F.n++;
	return in;
}

static void cancel(int64_t key, const char *at, const char *why)
{
	F.cancels[F.ncancels].case_key = key;
	F.cancels[F.ncancels].at = at ? iso(at) : 0;
	F.cancels[F.ncancels].why = why;
	F.ncancels++;
}

static const struct rules_result *derive(void)
{
	struct rules_input in = { F.reg, F.req, F.in, F.n, F.cancels, F.ncancels, F.now };
	struct strbuf err = STRBUF_INIT;
	rules_result_free(&F.res);
	ck_assert_msg(rules_derive(&in, &F.res, &err) == 0, "%s", err.buf);
	sb_release(&err);
	return F.res;
}

static const struct rules_doc_out *doc(int64_t id)
{
	const struct rules_doc_out *d = rules_result_doc(F.res, id);
	ck_assert_msg(d != NULL, "no document %" PRId64, id);
	return d;
}

static const struct rules_case *kase(int64_t key)
{
	const struct rules_case *c = rules_result_case(F.res, key);
	ck_assert_msg(c != NULL, "no case %" PRId64, key);
	return c;
}

static bool has_reason(const struct rules_doc_out *d, const char *code, const char *field)
{
	size_t i;
	for (i = 0; i < d->nreasons; i++)
		if (strcmp(d->reasons[i].code, code) == 0 &&
		    (!field || (d->reasons[i].field && strcmp(d->reasons[i].field, field) == 0)))
			return true;
	return false;
}

/* Document id has status st and (if code) that reason. */
static void expect_doc(int64_t id, enum rules_doc_status st, const char *code, const char *field)
{
	const struct rules_doc_out *d = doc(id);
	ck_assert_msg(d->status == st, "document %" PRId64 ": %s, want %s (%s)", id,
		      rules_doc_status_name(d->status), rules_doc_status_name(st),
		      d->nreasons ? d->reasons[0].code : "no reason");
	if (code)
		ck_assert_msg(has_reason(d, code, field), "document %" PRId64 ": no %s%s%s", id, code,
			      field ? " on " : "", field ? field : "");
	if (!code && (st == RULES_DOC_ACCEPTED || st == RULES_DOC_WAITING))
		ck_assert_msg(d->nreasons == 0, "document %" PRId64 ": unexpected %s", id,
			      d->reasons[0].code);
}

static void expect_case(int64_t key, enum rules_case_status st, const char *report_iso,
			const char *due)
{
	const struct rules_case *c = kase(key);
	char buf[40];
	ck_assert_msg(c->status == st, "case %" PRId64 ": %s, want %s", key,
		      rules_case_status_name(c->status), rules_case_status_name(st));
	if (report_iso) {
		ck_assert_msg(c->report_date == iso(report_iso), "case %" PRId64 ": report %s, want %s",
			      key, util_format_iso(c->report_date, buf, sizeof buf), report_iso);
		ck_assert_str_eq(c->due_date, due);
	}
	if (st == RULES_CASE_COMPLETE) {
		ck_assert_ptr_nonnull(c->ticket);
		ck_assert_int_eq(c->ticket->case_key, key);
	} else {
		ck_assert_ptr_null(c->ticket);
	}
}

static char *ticket_xml(int64_t key)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const struct rules_case *c = kase(key);
	ck_assert_ptr_nonnull(c->ticket);
	ck_assert_msg(rules_ticket_to_xml(c->ticket, "AR-2026-000001", 1, "C-000001", &out, &err) == 0,
		      "%s", err.buf);
	sb_release(&err);
	return sb_detach(&out);
}

static void expect_in_ticket(int64_t key, const char *needle)
{
	char *x = ticket_xml(key);
	ck_assert_msg(strstr(x, needle) != NULL, "'%s' not in ticket:\n%s", needle, x);
	free(x);
}

static void expect_not_in_ticket(int64_t key, const char *needle)
{
	char *x = ticket_xml(key);
	ck_assert_msg(strstr(x, needle) == NULL, "'%s' in ticket:\n%s", needle, x);
	free(x);
}

/* ------------------------------------------------ rule 2: table rows */

START_TEST(row_onsite_fault_and_malfunction)
{
	add(1, 1, 1, "2026-11-24T10:15:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	add(2, 2, 1, "2026-11-24T11:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|claim=malfunction|line=3331112222|imei=490154203237518");
	derive();
	expect_doc(1, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-24T10:15:00+01:00", "2026-12-01");
	expect_case(2, RULES_CASE_COMPLETE, "2026-11-24T11:00:00+01:00", "2026-12-01");
	ck_assert_int_eq(F.res->ncases, 2);
	ck_assert_int_eq(kase(1)->required, 1u << OCR_DOC_ONSITE);
	ck_assert_int_eq(kase(1)->has[OCR_DOC_ONSITE], 1);
	expect_in_ticket(1, "<case id=\"C-000001\" claim=\"fault\" delivery=\"site\"/>");
	expect_in_ticket(1, "<line number=\"3351234567\" imei=\"352906112345675\" model=\"Samsung Galaxy S24\"/>");
	expect_in_ticket(1, "<report-date>2026-11-24T10:15:00+01:00</report-date>");
	expect_in_ticket(1, "<due-date>2026-12-01</due-date>");
	expect_in_ticket(1, "<delivery-address source=\"registry\">Via Roma 1, 20121 Milano MI</delivery-address>");
	expect_in_ticket(1, "<signer fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"legal-representative\"/>");
	expect_in_ticket(1, "<document id=\"D-000001\" type=\"onsite\" received=\"2026-11-24T10:15:00+01:00\"/>");
	expect_not_in_ticket(1, "<notes>");
	expect_in_ticket(2, "claim=\"malfunction\"");
}
END_TEST

START_TEST(row_onsite_theft_site)
{
	/* onsite + block + denunciation + identity in one fax */
	add(1, 1, 1, "2026-11-23T16:02:11+01:00", OCR_DOC_ONSITE, ONSITE_THEFT);
	add(2, 1, 2, "2026-11-23T16:02:11+01:00", OCR_DOC_BLOCK, BLOCK_SITE);
	add(3, 1, 3, "2026-11-23T16:02:11+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	add(4, 1, 4, "2026-11-23T16:02:11+01:00", OCR_DOC_IDENTITY, IDENTITY);
	derive();
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-23T16:02:11+01:00", "2026-11-30");
	ck_assert_int_eq(F.res->ncases, 1);
	expect_in_ticket(1, "claim=\"theft\" delivery=\"site\"");
	expect_in_ticket(1, "<document id=\"D-000004\" type=\"identity\"");
	ck_assert_int_eq(kase(1)->ticket->ndocs, 4);
	ck_assert_int_eq(kase(1)->ticket->docs[0].type, OCR_DOC_ONSITE);
	ck_assert_int_eq(kase(1)->ticket->docs[3].type, OCR_DOC_IDENTITY);
}
END_TEST

START_TEST(row_block_point)
{
	add(5, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT "|event=loss");
	add(6, 1, 2, "2026-11-23T09:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|event=loss");
	derive();
	expect_case(5, RULES_CASE_PENDING, NULL, NULL);
	ck_assert_int_eq(kase(5)->has[OCR_DOC_IDENTITY], 0);
	/* the identity comes alone the next day, found by fiscal code */
	add(7, 2, 1, "2026-11-24T08:30:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	derive();
	expect_case(5, RULES_CASE_COMPLETE, "2026-11-24T08:30:00+01:00", "2026-12-01");
	expect_in_ticket(5, "claim=\"loss\" delivery=\"point\"");
	ck_assert_int_eq(kase(5)->ticket->ndocs, 3);
}
END_TEST

START_TEST(row_block_site_needs_onsite)
{
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_SITE);
	add(2, 1, 2, "2026-11-23T09:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	add(3, 1, 3, "2026-11-23T09:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	derive();
	expect_case(1, RULES_CASE_PENDING, NULL, NULL);
	add(4, 2, 1, "2026-11-25T14:00:00+01:00", OCR_DOC_ONSITE, ONSITE_THEFT);
	derive();
	expect_doc(4, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(4)->case_key, 1);
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-25T14:00:00+01:00", "2026-12-02");
	ck_assert_int_eq(F.res->ncases, 1);
}
END_TEST

/* ------------------------------------------------ rule 3: report date */

START_TEST(report_date_first_accepted_copy_counts)
{
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	add(2, 2, 1, "2026-11-23T10:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	add(3, 3, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	/* a later copy of the denunciation never moves the date */
	add(4, 4, 1, "2026-11-25T10:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	derive();
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-24T10:00:00+01:00", "2026-12-01");
	expect_doc(4, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(4)->case_key, 1);
	ck_assert(!doc(4)->counts);
	ck_assert(doc(3)->counts);
	ck_assert_int_eq(kase(1)->has[OCR_DOC_DENUNCIATION], 2);
	ck_assert_int_eq(kase(1)->ndocs, 4);
	/* an earlier identity copy, processed last, moves it (rule 11) */
	add(5, 5, 1, "2026-11-23T18:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	derive();
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-23T18:00:00+01:00", "2026-11-30");
	ck_assert_int_eq(kase(1)->has[OCR_DOC_IDENTITY], 5);
	ck_assert(!doc(3)->counts);
}
END_TEST

START_TEST(report_date_is_the_last_required_receipt)
{
	/* the denunciation arrives first and waits; the report date is the
	 * last required document's receipt, whatever the order */
	add(1, 1, 1, "2026-11-20T09:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|date=2026-11-20|event_date=2026-11-19");
	derive();
	expect_doc(1, RULES_DOC_WAITING, NULL, NULL);
	add(2, 2, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT "|event_date=2026-11-19");
	add(3, 2, 2, "2026-11-23T09:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	derive();
	expect_doc(1, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(1)->case_key, 2);
	expect_case(2, RULES_CASE_COMPLETE, "2026-11-23T09:00:00+01:00", "2026-11-30");
}
END_TEST

/* ------------------------------------------------ rule 10: the registry */

START_TEST(line_unknown_company_mismatch_imei_mismatch)
{
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT "|line=3390000000");
	add(2, 2, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT "|vat=01234567897");
	add(3, 3, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT "|imei=490154203237518");
	add(4, 4, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT "|imei=490154203237518");
	derive();
	expect_doc(1, RULES_DOC_REJECTED, "LINE_UNKNOWN", "line");
	expect_doc(2, RULES_DOC_REJECTED, "COMPANY_MISMATCH", "vat");
	expect_doc(3, RULES_DOC_REJECTED, "IMEI_MISMATCH", "imei");
	expect_doc(4, RULES_DOC_REJECTED, "IMEI_MISMATCH", "imei");
	ck_assert_int_eq(F.res->ncases, 0);
	ck_assert_int_eq(doc(1)->case_key, 0);
}
END_TEST

/* ------------------------------------------------ rule 7: who may sign */

START_TEST(signer_roles)
{
	/* employee enabled for this line: fine */
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|signer=Anna Bianchi|signer_cf=BNCNNA85M41H501N|signer_role=employee");
	/* the same employee on a line not enabled for her */
	add(2, 2, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518|signer=Anna Bianchi|signer_cf=BNCNNA85M41H501N|signer_role=employee");
	/* administrator, mandatario, master: any line of the company */
	add(3, 3, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518|signer=Carlo Neri|signer_cf=NRECRL75B02F205Z|signer_role=administrator");
	add(4, 4, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|line=3405556666|imei=356938035643809|signer=Luigi Verdi|signer_cf=VRDLGU70C03F205W");
	add(5, 5, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3209998888|imei=353918057122649|vat=01234567897|signer=Mario Rossi|signer_cf=RSSMRA80A01F205X");
	/* a person unknown to the company (Paola exists only in Rossi) */
	add(6, 6, 1, "2026-11-24T11:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3209998888|imei=353918057122649|vat=01234567897|signer=Paola Gialli|signer_cf=GLLPLA90D44F205V");
	/* a name that is not the fiscal code's person goes to a clerk */
	add(7, 7, 1, "2026-11-24T12:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518|signer=Paola Rossi|signer_cf=GLLPLA90D44F205V");
	/* word order, case and accents do not matter */
	add(8, 8, 1, "2026-11-24T12:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3479876543|imei=867530098765439|signer=GIALLI PAOLÀ|signer_cf=GLLPLA90D44F205V");
	/* AR-BLOCCO-01 has no role field: the same rule holds */
	add(9, 9, 1, "2026-11-24T12:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|line=3209998888|imei=353918057122649|vat=01234567897|signer=Anna Bianchi|signer_cf=BNCNNA85M41H501N");
	add(10, 10, 1, "2026-11-24T12:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|signer=Anna Bianchi|signer_cf=BNCNNA85M41H501N");
	derive();
	expect_doc(1, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_doc(2, RULES_DOC_REJECTED, "SIGNER_NOT_AUTHORIZED", "signer_cf");
	expect_doc(9, RULES_DOC_REJECTED, "SIGNER_NOT_AUTHORIZED", "signer_cf");
	/* 10: Anna may sign for her line; a theft form beside its complete
	 * fault case (1) opens a case of its own */
	expect_doc(10, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(10)->case_key, 10);
	expect_doc(3, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_doc(4, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_doc(5, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_doc(6, RULES_DOC_REJECTED, "SIGNER_NOT_AUTHORIZED", "signer_cf");
	expect_doc(7, RULES_DOC_REVIEW, "SIGNER_NOT_AUTHORIZED", "signer");
	/* 8: the name passes; the line's coverage ended in June (rule 5) */
	expect_doc(8, RULES_DOC_REJECTED, "COVERAGE_EXPIRED", "line");
	ck_assert(!has_reason(doc(8), "SIGNER_NOT_AUTHORIZED", NULL));
	/* the role written is informational: the registry decides, noted */
	expect_in_ticket(5, "<signer fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"administrator\"/>");
	expect_in_ticket(5, "Role on the form (legal-representative) differs from the registry role (administrator).");
	expect_not_in_ticket(3, "Role on the form");
}
END_TEST

START_TEST(signature_and_declaration)
{
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT "|signature=false");
	add(2, 2, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|declaration=false|line=3331112222|imei=490154203237518");
	/* theft needs no declaration */
	add(3, 3, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_THEFT "|declaration=false|line=3405556666|imei=356938035643809");
	add(4, 4, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|signature=false|line=3209998888|imei=353918057122649|vat=01234567897");
	/* unreadable signature box: a clerk looks */
	add(5, 5, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|-signature|line=3209998888|imei=353918057122649|vat=01234567897");
	derive();
	expect_doc(1, RULES_DOC_REJECTED, "SIGNATURE_MISSING", "signature");
	expect_doc(2, RULES_DOC_REJECTED, "DECLARATION_MISSING", "declaration");
	expect_doc(3, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_doc(4, RULES_DOC_REJECTED, "SIGNATURE_MISSING", "signature");
	expect_doc(5, RULES_DOC_REVIEW, "FIELD_MISSING", "signature");
}
END_TEST

/* ------------------------------------------------ rule 6: exclusions */

START_TEST(exclusion_suspected)
{
	struct rules_doc_in *in;
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|description=Il telefono e' caduto in acqua");
	add(2, 2, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|description=Apparecchio manomesso|line=3331112222|imei=490154203237518");
	derive();
	expect_doc(1, RULES_DOC_REVIEW, "EXCLUSION_SUSPECTED", "description");
	expect_doc(2, RULES_DOC_REVIEW, "EXCLUSION_SUSPECTED", "description");
	ck_assert_int_eq(F.res->ncases, 0);
	/* a clerk looked and accepted it */
	in = &F.in[0];
	in->clerk = RULES_CLERK_ACCEPTED;
	derive();
	expect_doc(1, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-24T10:00:00+01:00", "2026-12-01");
}
END_TEST

/* ------------------------------------------------ rule 5: coverage */

START_TEST(coverage_at_report_date)
{
	/* line 3405556666 is covered until 2026-11-25 */
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|line=3405556666|imei=356938035643809");
	add(2, 1, 2, "2026-11-24T10:00:00+01:00", OCR_DOC_DENUNCIATION,
	    DENUNCIATION "|line=3405556666|imei=356938035643809");
	add(3, 2, 1, "2026-11-26T00:10:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	derive();
	expect_case(1, RULES_CASE_REJECTED, NULL, NULL);
	ck_assert_str_eq(kase(1)->reasons[0].code, "COVERAGE_EXPIRED");
	/* the identity on the last covered day: complete */
	F.in[2].received = iso("2026-11-25T23:50:00+01:00");
	derive();
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-25T23:50:00+01:00", "2026-12-02");
	/* coverage lasts at most two years, whatever the registry says:
	 * 3391234567 from 2024-11-20 is covered until 2026-11-19 */
	add(5, 4, 1, "2026-11-19T23:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3391234567|imei=359876543210987");
	add(6, 5, 1, "2026-11-20T09:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3391234567|imei=359876543210987|claim=malfunction");
	/* a form received after the end is rejected at once */
	add(4, 3, 1, "2026-11-27T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3405556666|imei=356938035643809");
	derive();
	expect_doc(4, RULES_DOC_REJECTED, "COVERAGE_EXPIRED", "line");
	expect_case(5, RULES_CASE_COMPLETE, "2026-11-19T23:00:00+01:00", "2026-11-26");
	expect_doc(6, RULES_DOC_REJECTED, "COVERAGE_EXPIRED", "line");
}
END_TEST

/* ------------------------------------------------ rule 9: theft and loss */

START_TEST(identity_expired)
{
	add(1, 1, 1, "2026-11-23T16:02:11+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	add(2, 1, 2, "2026-11-23T16:02:11+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	add(3, 1, 3, "2026-11-23T16:02:11+01:00", OCR_DOC_IDENTITY, IDENTITY "|expiry=2025-05-31");
	derive();
	expect_doc(3, RULES_DOC_REJECTED, "ID_EXPIRED", "expiry");
	expect_case(1, RULES_CASE_PENDING, NULL, NULL);
	/* a clerk's acceptance does not waive a rule of the service */
	F.in[2].clerk = RULES_CLERK_ACCEPTED;
	derive();
	expect_doc(3, RULES_DOC_REJECTED, "ID_EXPIRED", "expiry");
	/* expiring on the day of receipt is still valid */
	add(4, 2, 1, "2026-11-24T09:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY "|expiry=2026-11-24");
	derive();
	expect_doc(4, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-24T09:00:00+01:00", "2026-12-01");
}
END_TEST

START_TEST(denunciation_dates)
{
	/* dated after its own receipt */
	add(1, 1, 1, "2026-11-23T16:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	add(2, 1, 2, "2026-11-23T16:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|date=2026-11-24");
	/* dated before the event on the blocking form */
	add(3, 2, 1, "2026-11-23T17:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|date=2026-11-21");
	/* dated on the day of the event and received later: fine */
	add(4, 3, 1, "2026-11-23T18:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|date=2026-11-22");
	derive();
	expect_doc(2, RULES_DOC_REJECTED, "DENUNCIATION_DATE_INVALID", "date");
	expect_doc(3, RULES_DOC_REJECTED, "DENUNCIATION_DATE_INVALID", "date");
	expect_doc(4, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(kase(1)->has[OCR_DOC_DENUNCIATION], 4);
}
END_TEST

START_TEST(denunciation_before_block_rechecked)
{
	/* onsite opens the theft case; the denunciation joins before the
	 * block says when the event was; the block's date then excludes it */
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_ONSITE, ONSITE_THEFT);
	add(2, 1, 2, "2026-11-23T09:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|date=2026-11-20|event_date=2026-11-19");
	add(3, 2, 1, "2026-11-23T10:00:00+01:00", OCR_DOC_BLOCK, BLOCK_SITE "|event_date=2026-11-21");
	derive();
	expect_doc(2, RULES_DOC_REJECTED, "DENUNCIATION_DATE_INVALID", "date");
	ck_assert_int_eq(kase(1)->has[OCR_DOC_DENUNCIATION], 0);
	expect_case(1, RULES_CASE_PENDING, NULL, NULL);
}
END_TEST

START_TEST(identity_matching)
{
	/* faxed with the form: joins, but must be the signer's */
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	add(2, 1, 2, "2026-11-23T09:00:00+01:00", OCR_DOC_IDENTITY,
	    IDENTITY "|fiscal_code=BNCNNA85M41H501N|surname=BIANCHI|name=ANNA");
	add(3, 1, 3, "2026-11-23T09:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	/* alone, without fiscal code: name and birth date of the signer */
	add(4, 2, 1, "2026-11-23T10:00:00+01:00", OCR_DOC_IDENTITY,
	    IDENTITY "|-fiscal_code|surname=ROSSI|name=MARIO|birth_date=1980-01-01");
	derive();
	expect_doc(2, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", "fiscal_code");
	ck_assert_int_eq(doc(2)->case_key, 1);
	expect_doc(4, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-23T10:00:00+01:00", "2026-11-30");
	/* a wrong birth date does not match: it waits */
	ocr_document_set(&F.d[3], "birth_date", "1981-01-01", 0.9, NULL, NULL);
	derive();
	expect_doc(4, RULES_DOC_WAITING, NULL, NULL);
	expect_case(1, RULES_CASE_REVIEW, NULL, NULL);
}
END_TEST

START_TEST(denunciation_alone_by_imei_or_line)
{
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	add(2, 2, 1, "2026-11-23T10:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|-line");
	add(10, 3, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|line=3331112222|imei=490154203237518");
	add(11, 4, 1, "2026-11-23T11:00:00+01:00", OCR_DOC_DENUNCIATION,
	    DENUNCIATION "|-imei|line=3331112222");
	/* naming a device of no open case: waits */
	add(20, 5, 1, "2026-11-23T11:00:00+01:00", OCR_DOC_DENUNCIATION,
	    DENUNCIATION "|imei=353918057122649|-line");
	derive();
	expect_doc(2, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(2)->case_key, 1);
	expect_doc(11, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(11)->case_key, 10);
	expect_doc(20, RULES_DOC_WAITING, NULL, NULL);
}
END_TEST

/* ------------------------------------------------ rule 8: the address */

START_TEST(address_from_legal_representative)
{
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|address=Via Nuova 5, 20100 Milano MI");
	/* Anna (employee), 23 hours later: the registry's address still */
	add(2, 2, 1, "2026-11-25T09:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518|signer=Carlo Neri|signer_cf=NRECRL75B02F205Z|signer_role=administrator");
	/* 25 hours later: the new address is the company's (source registry) */
	add(3, 3, 1, "2026-11-25T11:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3405556666|imei=356938035643809|signer=Paola Gialli|signer_cf=GLLPLA90D44F205V|signer_role=master");
	/* the other company is not touched */
	add(4, 4, 1, "2026-11-26T11:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3209998888|imei=353918057122649|vat=01234567897|signer_role=administrator");
	derive();
	expect_in_ticket(1, "<delivery-address source=\"form\">Via Nuova 5, 20100 Milano MI</delivery-address>");
	expect_in_ticket(2, "<delivery-address source=\"registry\">Via Roma 1, 20121 Milano MI</delivery-address>");
	expect_in_ticket(3, "<delivery-address source=\"registry\">Via Nuova 5, 20100 Milano MI</delivery-address>");
	expect_in_ticket(4, "<delivery-address source=\"registry\">Piazza Duomo 2, 50122 Firenze FI</delivery-address>");
	expect_not_in_ticket(1, "ADDRESS_NOT_APPLIED");
}
END_TEST

START_TEST(address_by_others_not_applied)
{
	/* an employee's address is ignored and noted */
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|signer=Anna Bianchi|signer_cf=BNCNNA85M41H501N|signer_role=employee|address=Via Falsa 1, Milano");
	/* a master's too */
	add(2, 2, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518|signer=Paola Gialli|signer_cf=GLLPLA90D44F205V|signer_role=master|address=Via Falsa 1, Milano");
	/* the registry's own address, written out by an employee: nothing to note */
	add(3, 3, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3405556666|imei=356938035643809|signer=Carlo Neri|signer_cf=NRECRL75B02F205Z|signer_role=administrator|address=VIA ROMA 1 - 20121 MILANO (MI)");
	/* a mandatario's address applies like a legal representative's (after
	 * case 1's due date, 2026-12-01: a new case) */
	add(5, 5, 1, "2026-12-02T12:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|signer=Luigi Verdi|signer_cf=VRDLGU70C03F205W|signer_role=mandatario|address=Corso Como 3, Milano");
	/* and takes effect for the administrator's case 24 hours later */
	add(6, 6, 1, "2026-12-04T12:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518|signer=Carlo Neri|signer_cf=NRECRL75B02F205Z|signer_role=administrator|address=Via Falsa 1, Milano");
	F.now = iso("2026-12-20T12:00:00+01:00");
	derive();
	expect_in_ticket(1, "<delivery-address source=\"registry\">Via Roma 1, 20121 Milano MI</delivery-address>");
	expect_in_ticket(1, "<note code=\"ADDRESS_NOT_APPLIED\">");
	expect_in_ticket(2, "<note code=\"ADDRESS_NOT_APPLIED\">");
	/* the form stays accepted and carries the reason, for the reports */
	ck_assert_int_eq(doc(1)->status, RULES_DOC_ACCEPTED);
	ck_assert(has_reason(doc(1), "ADDRESS_NOT_APPLIED", "address"));
	ck_assert(!has_reason(doc(3), "ADDRESS_NOT_APPLIED", NULL));
	expect_not_in_ticket(3, "ADDRESS_NOT_APPLIED");
	expect_in_ticket(5, "<delivery-address source=\"form\">Corso Como 3, Milano</delivery-address>");
	expect_in_ticket(6, "<delivery-address source=\"registry\">Corso Como 3, Milano</delivery-address>");
	expect_in_ticket(6, "<note code=\"ADDRESS_NOT_APPLIED\">");
}
END_TEST

/* ------------------------------------------------ matching */

START_TEST(document_mismatch)
{
	/* a fault form beside an open theft case */
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_ONSITE, ONSITE_THEFT);
	add(2, 2, 1, "2026-11-23T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	/* a blocking form saying point beside an AR-SEDE-01 */
	add(3, 3, 1, "2026-11-23T11:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	/* a denunciation faxed with a fault form */
	add(4, 4, 1, "2026-11-23T12:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518");
	add(5, 4, 2, "2026-11-23T12:00:00+01:00", OCR_DOC_DENUNCIATION,
	    DENUNCIATION "|line=3331112222|imei=490154203237518");
	/* a denunciation faxed with a form, naming another device */
	add(6, 5, 1, "2026-11-23T13:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|line=3405556666|imei=356938035643809");
	add(7, 5, 2, "2026-11-23T13:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	derive();
	expect_doc(2, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", "claim");
	expect_doc(3, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", "delivery");
	ck_assert_int_eq(doc(2)->case_key, 1);
	expect_case(1, RULES_CASE_REVIEW, NULL, NULL);
	expect_doc(5, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", NULL);
	expect_case(4, RULES_CASE_COMPLETE, "2026-11-23T12:00:00+01:00", "2026-11-30");
	expect_doc(7, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", "imei");
	/* the clerk rejects the stray fault form: the theft case is no longer held */
	F.in[1].clerk = RULES_CLERK_REJECTED;
	F.in[1].clerk_why = "sent by mistake";
	F.in[2].clerk = RULES_CLERK_REJECTED;
	derive();
	expect_doc(2, RULES_DOC_REJECTED, "CLERK_REJECTED", NULL);
	ck_assert_str_eq(doc(2)->reasons[0].text, "sent by mistake");
	expect_case(1, RULES_CASE_PENDING, NULL, NULL);
}
END_TEST

START_TEST(ambiguous_case)
{
	/* Mario Rossi signs two open theft cases; an identity without fiscal
	 * code, faxed alone, fits both */
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	add(2, 2, 1, "2026-11-23T09:30:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|line=3331112222|imei=490154203237518");
	add(3, 3, 1, "2026-11-23T10:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY "|-fiscal_code");
	/* with its fiscal code it fits both as well */
	add(4, 4, 1, "2026-11-23T10:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	derive();
	expect_doc(3, RULES_DOC_REVIEW, "AMBIGUOUS_CASE", NULL);
	expect_doc(4, RULES_DOC_REVIEW, "AMBIGUOUS_CASE", NULL);
	ck_assert_int_eq(doc(3)->case_key, 0);
	/* a clerk assigns it */
	F.in[2].assigned_case = 2;
	derive();
	expect_doc(3, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(3)->case_key, 2);
}
END_TEST

START_TEST(waiting_and_thirty_days)
{
	add(1, 1, 1, "2026-10-01T09:00:00+02:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|date=2026-09-30|event_date=2026-09-30");
	F.now = iso("2026-10-31T08:00:00+01:00");
	derive();
	expect_doc(1, RULES_DOC_WAITING, NULL, NULL);
	F.now = iso("2026-10-31T10:00:00+01:00");
	derive();
	expect_doc(1, RULES_DOC_REVIEW, "NO_MATCHING_CASE", NULL);
	/* a form 31 days later does not pick it up */
	add(2, 2, 1, "2026-11-01T10:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT "|event_date=2026-09-30");
	derive();
	expect_doc(1, RULES_DOC_REVIEW, "NO_MATCHING_CASE", NULL);
	ck_assert_int_eq(kase(2)->has[OCR_DOC_DENUNCIATION], 0);
	/* one within 30 days does */
	F.in[1].received = iso("2026-10-30T10:00:00+01:00");
	derive();
	expect_doc(1, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(kase(2)->has[OCR_DOC_DENUNCIATION], 1);
}
END_TEST

START_TEST(saturday_receipt)
{
	add(1, 1, 1, "2026-11-28T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	derive();
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-28T10:00:00+01:00", "2026-12-04");
	expect_in_ticket(1, "<due-date>2026-12-04</due-date>");
}
END_TEST

START_TEST(copies_after_completion_and_due_date)
{
	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	/* a copy before the due date (2026-12-01) joins as an extra copy */
	add(2, 2, 1, "2026-12-01T18:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	/* after the due date, a form opens a new case */
	add(3, 3, 1, "2026-12-02T09:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	/* a theft form before that case's due date is no copy of it: a new case */
	add(4, 4, 1, "2026-12-03T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT "|event_date=2026-12-02");
	F.now = iso("2026-12-10T09:00:00+01:00");
	derive();
	expect_doc(2, RULES_DOC_ACCEPTED, NULL, NULL);
	ck_assert_int_eq(doc(2)->case_key, 1);
	ck_assert(!doc(2)->counts);
	expect_case(1, RULES_CASE_COMPLETE, "2026-11-24T10:00:00+01:00", "2026-12-01");
	ck_assert_int_eq(kase(1)->ndocs, 2);
	/* 8 December is a holiday */
	expect_case(3, RULES_CASE_COMPLETE, "2026-12-02T09:00:00+01:00", "2026-12-10");
	expect_case(4, RULES_CASE_PENDING, NULL, NULL);
	ck_assert_int_eq(F.res->ncases, 3);
}
END_TEST

START_TEST(cancelled_case)
{
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	add(2, 2, 1, "2026-11-25T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_POINT);
	cancel(1, "2026-11-24T09:00:00+01:00", "customer withdrew");
	derive();
	expect_case(1, RULES_CASE_CANCELLED, NULL, NULL);
	ck_assert_str_eq(kase(1)->reasons[0].code, "CLERK_REJECTED");
	ck_assert_ptr_nonnull(strstr(kase(1)->reasons[0].text, "customer withdrew"));
	/* the line had no open case any more: the second form opened one */
	expect_case(2, RULES_CASE_PENDING, NULL, NULL);
	expect_doc(2, RULES_DOC_ACCEPTED, NULL, NULL);
}
END_TEST

/* ------------------------------------------------ reading stage, clerks */

START_TEST(reading_reasons)
{
	struct rules_doc_in *in;
	in = add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	in->reading_reason = "LOW_CONFIDENCE";
	add(2, 2, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_UNKNOWN, NULL);
	add(3, 3, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|imei!IMEI_CHECKSUM=352906112345676");
	add(4, 4, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT "|-vat");
	add(5, 5, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY "|-expiry");
	ocr_document_add_reason(&F.d[4], "SCHEMA_INVALID", "number", "bad number");
	derive();
	expect_doc(1, RULES_DOC_REVIEW, "LOW_CONFIDENCE", NULL);
	expect_doc(2, RULES_DOC_REVIEW, "UNKNOWN_DOCUMENT", NULL);
	expect_doc(3, RULES_DOC_REVIEW, "IMEI_CHECKSUM", "imei");
	expect_doc(4, RULES_DOC_REVIEW, "FIELD_MISSING", "vat");
	expect_doc(5, RULES_DOC_REVIEW, "SCHEMA_INVALID", "number");
	ck_assert_int_eq(F.res->ncases, 0);
	/* a clerk accepts the low-confidence one and the identity without expiry */
	F.in[0].clerk = RULES_CLERK_ACCEPTED;
	F.in[4].clerk = RULES_CLERK_ACCEPTED;
	derive();
	expect_doc(1, RULES_DOC_ACCEPTED, NULL, NULL);
	expect_doc(5, RULES_DOC_WAITING, NULL, NULL);
	/* the untrusted IMEI stays untrusted even when accepted */
	F.in[2].clerk = RULES_CLERK_ACCEPTED;
	derive();
	expect_doc(3, RULES_DOC_REVIEW, "IMEI_CHECKSUM", "imei");
}
END_TEST

START_TEST(bad_input_refused)
{
	struct rules_input in;
	struct rules_result *res = NULL;
	struct strbuf err = STRBUF_INIT;

	add(1, 1, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	add(1, 2, 1, "2026-11-24T10:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	memset(&in, 0, sizeof in);
	in.registry = F.reg;
	in.requirements = F.req;
	in.docs = F.in;
	in.ndocs = 2;
	ck_assert_int_eq(rules_derive(&in, &res, &err), -1);
	ck_assert_ptr_null(res);
	ck_assert_ptr_nonnull(strstr(err.buf, "given twice"));
	in.registry = NULL;
	ck_assert_int_eq(rules_derive(&in, &res, &err), -1);
	sb_release(&err);
	/* nothing at all: an empty result */
	in.registry = F.reg;
	in.ndocs = 0;
	ck_assert_int_eq(rules_derive(&in, &res, &err), 0);
	ck_assert_int_eq(res->ncases, 0);
	rules_result_free(&res);
	ck_assert_ptr_null(res);
}
END_TEST

/* ------------------------------------------------ tickets */

START_TEST(ticket_xml_like_the_contract)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const struct rules_ticket *t;

	/* the contract's example: theft, site, employee signer, her address ignored */
	add(1, 1, 1, "2026-11-23T16:02:11+01:00", OCR_DOC_ONSITE,
	    ONSITE_THEFT "|signer=Anna Bianchi|signer_cf=BNCNNA85M41H501N|signer_role=employee|address=Via Verdi 2, Milano");
	add(2, 1, 2, "2026-11-23T16:02:11+01:00", OCR_DOC_BLOCK,
	    BLOCK_SITE "|signer=Anna Bianchi|signer_cf=BNCNNA85M41H501N");
	add(3, 1, 3, "2026-11-23T16:02:11+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	add(7, 2, 1, "2026-11-24T10:15:00+01:00", OCR_DOC_IDENTITY,
	    IDENTITY "|fiscal_code=BNCNNA85M41H501N|surname=BIANCHI|name=ANNA|birth_date=1985-08-01");
	derive();
	t = kase(1)->ticket;
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(rules_ticket_to_xml(t, "AR-2026-000001", 1, "C-000001", &out, &err), 0);
	ck_assert_str_eq(out.buf,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<ticket xmlns=\"urn:faxintake:ticket:1\" id=\"AR-2026-000001\" revision=\"1\">\n"
		"  <case id=\"C-000001\" claim=\"theft\" delivery=\"site\"/>\n"
		"  <company vat=\"04971230588\" name=\"Rossi Costruzioni S.r.l.\"/>\n"
		"  <line number=\"3351234567\" imei=\"352906112345675\" model=\"Samsung Galaxy S24\"/>\n"
		"  <report-date>2026-11-24T10:15:00+01:00</report-date>\n"
		"  <due-date>2026-12-01</due-date>\n"
		"  <delivery-address source=\"registry\">Via Roma 1, 20121 Milano MI</delivery-address>\n"
		"  <signer fiscal-code=\"BNCNNA85M41H501N\" name=\"Anna Bianchi\" role=\"employee\"/>\n"
		"  <documents>\n"
		"    <document id=\"D-000001\" type=\"onsite\" received=\"2026-11-23T16:02:11+01:00\"/>\n"
		"    <document id=\"D-000002\" type=\"block\" received=\"2026-11-23T16:02:11+01:00\"/>\n"
		"    <document id=\"D-000003\" type=\"denunciation\" received=\"2026-11-23T16:02:11+01:00\"/>\n"
		"    <document id=\"D-000007\" type=\"identity\" received=\"2026-11-24T10:15:00+01:00\"/>\n"
		"  </documents>\n"
		"  <notes>\n"
		"    <note code=\"ADDRESS_NOT_APPLIED\">Address written on the form by Anna Bianchi (employee) was not applied: Via Verdi 2, Milano</note>\n"
		"  </notes>\n"
		"</ticket>\n");
	/* a bad id is refused by the schema and nothing is written */
	sb_reset(&out);
	ck_assert_int_eq(rules_ticket_to_xml(t, "AR-26-1", 2, "C-000001", &out, &err), -1);
	ck_assert_int_eq(out.len, 0);
	ck_assert_ptr_nonnull(strstr(err.buf, "AR-26-1"));
	sb_reset(&err);
	ck_assert_int_eq(rules_ticket_to_xml(t, "AR-2026-000001", 0, "C-000001", &out, &err), -1);
	sb_release(&out);
	sb_release(&err);
}
END_TEST

/* ------------------------------------------------ rule 11: order */

/* The whole result as text, in id order, without anything that depends
 * on the input order. */
static void dump(const struct rules_result *res, struct strbuf *sb)
{
	size_t i, j, k;
	char buf[40];
	int64_t last = 0;

	for (k = 0; k < res->ndocs; k++) {
		const struct rules_doc_out *d = NULL;
		for (i = 0; i < res->ndocs; i++)
			if (res->docs[i].id > last && (!d || res->docs[i].id < d->id))
				d = &res->docs[i];
		last = d->id;
		sb_addf(sb, "doc %" PRId64 " %s case %" PRId64 " counts %d", d->id,
			rules_doc_status_name(d->status), d->case_key, d->counts);
		for (j = 0; j < d->nreasons; j++)
			sb_addf(sb, " %s/%s", d->reasons[j].code, d->reasons[j].field ? d->reasons[j].field : "");
		sb_addc(sb, '\n');
	}
	for (i = 0; i < res->ncases; i++) {
		const struct rules_case *c = &res->cases[i];
		struct strbuf err = STRBUF_INIT;
		sb_addf(sb, "case %" PRId64 " %s report %s due %s docs", c->key,
			rules_case_status_name(c->status),
			c->report_date ? util_format_iso(c->report_date, buf, sizeof buf) : "-", c->due_date);
		for (j = 0; j < c->ndocs; j++)
			sb_addf(sb, " %" PRId64, c->docs[j]);
		sb_addc(sb, '\n');
		if (c->ticket)
			ck_assert_int_eq(rules_ticket_to_xml(c->ticket, "AR-2026-000001", 1, "C-000001", sb, &err), 0);
		sb_release(&err);
	}
}

/* Fails with the first line that differs (whole dumps are too long for
 * Check's messages). */
static void same_dump(const char *got, const char *ref, int round)
{
	size_t i = 0, line = 0;
	while (got[i] && got[i] == ref[i])
		i++;
	if (!got[i] && !ref[i])
		return;
	while (i > 0 && got[i - 1] != '\n')
		i--;
	line = i;
	ck_abort_msg("order %d gives another result from:\n%.160s\ninstead of:\n%.160s", round,
		     got + line, ref + line);
}

START_TEST(order_never_matters)
{
	struct strbuf ref = STRBUF_INIT, got = STRBUF_INIT;
	struct rules_doc_in saved[MAXDOCS];
	size_t i, n;
	int round;

	/* a busy week over three lines and two companies */
	add(1, 1, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_ONSITE, ONSITE_THEFT);
	add(2, 1, 2, "2026-11-23T09:00:00+01:00", OCR_DOC_BLOCK, BLOCK_SITE);
	add(3, 2, 1, "2026-11-22T20:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION);
	add(4, 3, 1, "2026-11-24T08:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	add(5, 4, 1, "2026-11-24T07:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY);
	add(6, 5, 1, "2026-11-23T12:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3331112222|imei=490154203237518|address=Via Nuova 5, Milano");
	add(7, 6, 1, "2026-11-24T13:00:00+01:00", OCR_DOC_ONSITE,
	    ONSITE_FAULT "|line=3405556666|imei=356938035643809|signer=Carlo Neri|signer_cf=NRECRL75B02F205Z|signer_role=administrator");
	add(8, 7, 1, "2026-11-23T12:00:00+01:00", OCR_DOC_BLOCK,
	    BLOCK_POINT "|line=3209998888|imei=353918057122649|vat=01234567897");
	add(9, 7, 2, "2026-11-23T12:00:00+01:00", OCR_DOC_DENUNCIATION,
	    DENUNCIATION "|line=3209998888|imei=353918057122649");
	add(10, 8, 1, "2026-11-23T12:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY "|-fiscal_code");
	add(11, 9, 1, "2026-11-25T12:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT "|line=3331112222|imei=490154203237518");
	add(12, 10, 1, "2026-11-26T12:00:00+01:00", OCR_DOC_ONSITE, ONSITE_FAULT);
	add(13, 11, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_DENUNCIATION, DENUNCIATION "|date=2026-11-21");
	add(14, 12, 1, "2026-11-23T09:00:00+01:00", OCR_DOC_UNKNOWN, NULL);
	add(15, 13, 3, "2026-11-23T09:00:00+01:00", OCR_DOC_IDENTITY, IDENTITY "|expiry=2020-01-01");
	n = F.n;
	dump(derive(), &ref);
	/* the identity faxed alone without fiscal code fit two cases */
	/* fax 8 sorts before fax 7 (sha256) at 12:00: the identity without
	 * fiscal code fits only case 1 then; identity 5 then completes case
	 * 8, and identity 4 fits two complete cases */
	ck_assert_ptr_nonnull(strstr(ref.buf, "doc 10 accepted case 1 counts 1\n"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "doc 5 accepted case 8 counts 1\n"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "doc 4 review case 0 counts 0 AMBIGUOUS_CASE/\n"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "case 1 complete report 2026-11-23T12:00:00+01:00"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "case 8 complete report 2026-11-24T07:00:00+01:00"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "source=\"registry\">Via Nuova 5, Milano"));
	memcpy(saved, F.in, sizeof saved);
	srand(11);
	for (round = 0; round < 200; round++) {
		struct rules_doc_in tmp;
		for (i = n - 1; i > 0; i--) {
			size_t j = (size_t)rand() % (i + 1);
			tmp = F.in[i];
			F.in[i] = F.in[j];
			F.in[j] = tmp;
		}
		sb_reset(&got);
		dump(derive(), &got);
		same_dump(got.buf, ref.buf, round);
	}
	memcpy(F.in, saved, sizeof saved);
	sb_release(&ref);
	sb_release(&got);
}
END_TEST

/* Many random documents over five lines and ten days, derived in many
 * orders: always the same result. */
START_TEST(order_never_matters_random)
{
	static const struct {
		const char *line, *imei, *vat;
	} lines[] = {
		{ "3351234567", "352906112345675", "04971230588" },
		{ "3331112222", "490154203237518", "04971230588" },
		{ "3391234567", "359876543210987", "04971230588" },
		{ "3209998888", "353918057122649", "01234567897" },
		{ "3390000000", "352906112345675", "04971230588" },	/* unknown */
	};
	struct strbuf ref = STRBUF_INIT, got = STRBUF_INIT, f = STRBUF_INIT;
	size_t i, n;
	int round, fax = 0;

	srand(7);
	while (F.n < 100) {
		int l = rand() % (int)ARRAY_SIZE(lines), pages = 1 + rand() % 3, p;
		char when[40];
		time_t t = iso("2026-11-16T08:00:00+01:00") + (time_t)(rand() % (10 * 86400));
		fax++;
		util_format_iso(t, when, sizeof when);
		for (p = 1; p <= pages && F.n < 100; p++) {
			int kind = rand() % 7;
			struct rules_doc_in *in;
			sb_reset(&f);
			switch (kind) {
			case 0:
			case 1:
				sb_addf(&f, "%s|claim=%s", ONSITE_FAULT,
					(const char *[]){ "fault", "malfunction", "theft", "loss" }[rand() % 4]);
				break;
			case 2:
				sb_addf(&f, "%s|delivery=%s|event_date=2026-11-1%d", BLOCK_SITE,
					rand() % 2 ? "site" : "point", rand() % 6);
				break;
			case 3:
				sb_addf(&f, "%s|date=2026-11-1%d", DENUNCIATION, 4 + rand() % 4);
				break;
			default:
				sb_addf(&f, "%s%s", IDENTITY, rand() % 3 ? "" : "|-fiscal_code");
				break;
			}
			if (kind <= 3)
				sb_addf(&f, "|line=%s|imei=%s", lines[l].line, lines[l].imei);
			if (kind <= 2)
				sb_addf(&f, "|vat=%s", lines[l].vat);
			if (rand() % 9 == 0)
				sb_adds(&f, "|address=Via Nuova 5, Milano");
			in = add((int64_t)F.n + 1, fax, p, when,
				 kind <= 1 ? OCR_DOC_ONSITE : kind == 2 ? OCR_DOC_BLOCK :
				 kind == 3 ? OCR_DOC_DENUNCIATION : OCR_DOC_IDENTITY, f.buf);
			if (rand() % 15 == 0)
				in->reading_reason = "LOW_CONFIDENCE";
			if (rand() % 20 == 0)
				in->clerk = RULES_CLERK_ACCEPTED;
		}
	}
	n = F.n;
	F.now = iso("2026-12-31T12:00:00+01:00");
	dump(derive(), &ref);
	/* the scenario exercises the engine: tickets, waiting and rejections */
	ck_assert_ptr_nonnull(strstr(ref.buf, " complete report "));
	ck_assert_ptr_nonnull(strstr(ref.buf, " review report "));
	ck_assert_ptr_nonnull(strstr(ref.buf, "AMBIGUOUS_CASE"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "NO_MATCHING_CASE"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "LINE_UNKNOWN"));
	ck_assert_ptr_nonnull(strstr(ref.buf, "DOCUMENT_MISMATCH"));
	for (round = 0; round < 100; round++) {
		struct rules_doc_in tmp;
		for (i = n - 1; i > 0; i--) {
			size_t j = (size_t)rand() % (i + 1);
			tmp = F.in[i];
			F.in[i] = F.in[j];
			F.in[j] = tmp;
		}
		sb_reset(&got);
		dump(derive(), &got);
		same_dump(got.buf, ref.buf, round);
	}
	sb_release(&ref);
	sb_release(&got);
	sb_release(&f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");

	if (util_set_timezone("Europe/Rome") != 0)
		return 1;
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, row_onsite_fault_and_malfunction);
	tcase_add_test(tc, row_onsite_theft_site);
	tcase_add_test(tc, row_block_point);
	tcase_add_test(tc, row_block_site_needs_onsite);
	tcase_add_test(tc, report_date_first_accepted_copy_counts);
	tcase_add_test(tc, report_date_is_the_last_required_receipt);
	tcase_add_test(tc, line_unknown_company_mismatch_imei_mismatch);
	tcase_add_test(tc, signer_roles);
	tcase_add_test(tc, signature_and_declaration);
	tcase_add_test(tc, exclusion_suspected);
	tcase_add_test(tc, coverage_at_report_date);
	tcase_add_test(tc, identity_expired);
	tcase_add_test(tc, denunciation_dates);
	tcase_add_test(tc, denunciation_before_block_rechecked);
	tcase_add_test(tc, identity_matching);
	tcase_add_test(tc, denunciation_alone_by_imei_or_line);
	tcase_add_test(tc, address_from_legal_representative);
	tcase_add_test(tc, address_by_others_not_applied);
	tcase_add_test(tc, document_mismatch);
	tcase_add_test(tc, ambiguous_case);
	tcase_add_test(tc, waiting_and_thirty_days);
	tcase_add_test(tc, saturday_receipt);
	tcase_add_test(tc, copies_after_completion_and_due_date);
	tcase_add_test(tc, cancelled_case);
	tcase_add_test(tc, reading_reasons);
	tcase_add_test(tc, bad_input_refused);
	tcase_add_test(tc, ticket_xml_like_the_contract);
	tcase_add_test(tc, order_never_matters);
	tcase_add_test(tc, order_never_matters_random);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
