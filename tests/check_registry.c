/*
 * check_registry - Check suite for rules/registry and rules/xmlsafe: the
 * contract examples against the project's schemas, registry parsing,
 * lookups, merge semantics, round trip, import errors that name their
 * line, and hostile XML refused with a clear message.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "common/xml.h"
#include "rules/registry.h"
#include "rules/xmlsafe.h"
#include "tests/lib/checkrun.h"

static const char contract_registry_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!-- Customer registry, as exported nightly by the CRM. An import replaces\n"
	"     what it names and keeps the rest; a file that fails its schema changes\n"
	"     nothing. -->\n"
	"<registry xmlns=\"urn:faxintake:registry:1\" generated=\"2026-11-23T22:00:00+01:00\">\n"
	"  <company vat=\"04971230588\" name=\"Rossi Costruzioni S.r.l.\">\n"
	"    <address effective=\"2025-01-01T00:00:00+01:00\">Via Roma 1, 20121 Milano MI</address>\n"
	"    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"legal-representative\"/>\n"
	"    <person fiscal-code=\"BNCNNA85M41H501N\" name=\"Anna Bianchi\" role=\"employee\">\n"
	"      <enabled line=\"3351234567\"/>\n"
	"    </person>\n"
	"    <line number=\"3351234567\" imei=\"352906112345675\" model=\"Samsung Galaxy S24\"\n"
	"          coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3479876543\" imei=\"867530098765439\" model=\"Apple iPhone 15\"\n"
	"          coverage-start=\"2024-06-15\" coverage-end=\"2026-06-14\"/>\n"
	"  </company>\n"
	"</registry>\n";

static const char contract_ticket_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!-- Written to HOME/outbox/ID.xml, atomically, once per ticket; a later\n"
	"     revision N of the same ticket goes to HOME/outbox/ID.rN.xml. -->\n"
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
	"    <note code=\"ADDRESS_NOT_APPLIED\">Address written on the form by an employee was not applied.</note>\n"
	"  </notes>\n"
	"</ticket>\n";

static const char contract_export_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!-- faxintake export: the whole state, for integration and audits.\n"
	"     Every fax, document, case and ticket appears exactly once. Times carry\n"
	"     their UTC offset; dates are plain. Optional elements may be absent.\n"
	"     Abridged: documents D-000002, D-000003, D-000005 and D-000007 are left\n"
	"     out here; a real export lists every one. -->\n"
	"<intake xmlns=\"urn:faxintake:export:1\" exported=\"2026-11-24T23:00:00+01:00\">\n"
	"  <fax id=\"F-000001\" file=\"fax000000012.tif\" sha256=\"9f2c5e0d2b6a4e8f1c3d5b7a9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b\"\n"
	"       received=\"2026-11-23T16:02:11+01:00\" sender=\"+39 02 5550100\" pages=\"3\" status=\"processed\"/>\n"
	"  <fax id=\"F-000002\" file=\"fax000000013.tif\" sha256=\"1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b9f2c5e0d2b6a4e8f1c3d5b7a9e0f\"\n"
	"       received=\"2026-11-24T10:15:00+01:00\" sender=\"+39 02 5550100\" pages=\"1\" status=\"processed\"/>\n"
	"  <fax id=\"F-000003\" file=\"fax000000014.tif\" sha256=\"5d41402abc4b2a76b9719d911017c592e3b0c44298fc1c149afbf4c8996fb924\"\n"
	"       received=\"2026-11-24T11:00:00+01:00\" pages=\"0\" status=\"corrupt\">\n"
	"    <reason code=\"UNREADABLE_FILE\">TIFF directory 0: bad strip offsets</reason>\n"
	"  </fax>\n"
	"  <document id=\"D-000001\" fax=\"F-000001\" first-page=\"1\" pages=\"1\" type=\"onsite\" status=\"accepted\" case=\"C-000001\">\n"
	"    <field name=\"vat\" value=\"04971230588\" confidence=\"0.97\" source=\"ocr\"/>\n"
	"    <field name=\"line\" value=\"3351234567\" confidence=\"0.95\"/>\n"
	"    <field name=\"imei\" value=\"352906112345675\" confidence=\"0.93\" source=\"clerk\" by=\"lverdi\"/>\n"
	"    <field name=\"claim\" value=\"theft\" confidence=\"0.99\"/>\n"
	"  </document>\n"
	"  <document id=\"D-000004\" fax=\"F-000001\" first-page=\"3\" pages=\"1\" type=\"identity\" status=\"rejected\">\n"
	"    <field name=\"expiry\" value=\"2025-05-31\" confidence=\"0.88\"/>\n"
	"    <reason code=\"ID_EXPIRED\" field=\"expiry\">expired 2025-05-31, received 2026-11-23</reason>\n"
	"  </document>\n"
	"  <case id=\"C-000001\" line=\"3351234567\" imei=\"352906112345675\" claim=\"theft\" delivery=\"site\"\n"
	"        opened=\"2026-11-23T16:02:11+01:00\" status=\"complete\">\n"
	"    <has type=\"onsite\" document=\"D-000001\"/>\n"
	"    <has type=\"identity\" document=\"D-000007\"/>\n"
	"  </case>\n"
	"  <case id=\"C-000002\" line=\"3479876543\" claim=\"loss\" delivery=\"site\"\n"
	"        opened=\"2026-11-24T09:00:00+01:00\" status=\"pending\">\n"
	"    <has type=\"block\" document=\"D-000005\"/>\n"
	"    <missing type=\"onsite\"/>\n"
	"    <missing type=\"denunciation\"/>\n"
	"    <missing type=\"identity\"/>\n"
	"  </case>\n"
	"  <ticket id=\"AR-2026-000001\" revision=\"1\" case=\"C-000001\" report-date=\"2026-11-24T10:15:00+01:00\" due-date=\"2026-12-01\"/>\n"
	"</intake>\n";


static struct rules_registry *parse_ok(const char *xml)
{
	struct rules_registry *reg = NULL;
	struct strbuf err = STRBUF_INIT;
	int rc = rules_registry_parse(xml, strlen(xml), 0, &reg, &err);
	ck_assert_msg(rc == 0, "registry refused: %s", err.buf);
	sb_release(&err);
	return reg;
}

/* Parses xml expecting failure; returns the messages (caller frees). */
static char *parse_fails(const char *xml, size_t max)
{
	struct rules_registry *reg = NULL;
	struct strbuf err = STRBUF_INIT;
	ck_assert_int_eq(rules_registry_parse(xml, strlen(xml), max, &reg, &err), -1);
	ck_assert_ptr_null(reg);
	ck_assert_msg(err.len > 0, "no message");
	return sb_detach(&err);
}

static void validate_contract(const char *xml, const char *schema)
{
	struct strbuf err = STRBUF_INIT;
	xmlDocPtr doc = rules_xml_load(xml, strlen(xml), 0, schema, &err);
	ck_assert_msg(doc != NULL, "%s: %s", schema, err.buf);
	xmlFreeDoc(doc);
	sb_release(&err);
}

START_TEST(contract_examples_validate)
{
	validate_contract(contract_registry_xml, "registry.xsd");
	validate_contract(contract_ticket_xml, "ticket.xsd");
	validate_contract(contract_export_xml, "export.xsd");
}
END_TEST

START_TEST(contract_examples_are_not_interchangeable)
{
	struct strbuf err = STRBUF_INIT;
	xmlDocPtr doc = rules_xml_load(contract_ticket_xml, strlen(contract_ticket_xml), 0,
				       "registry.xsd", &err);
	ck_assert_ptr_null(doc);
	ck_assert_ptr_nonnull(strstr(err.buf, "line "));
	sb_release(&err);
}
END_TEST

START_TEST(registry_example_parsed)
{
	struct rules_registry *reg = parse_ok(contract_registry_xml);
	const struct rules_company *c = NULL;
	const struct rules_line *l;
	const struct rules_person *p;
	const struct rules_address *a;
	time_t t;

	ck_assert_int_eq(reg->ncompanies, 1);
	ck_assert_int_eq(util_parse_iso("2026-11-23T22:00:00+01:00", &t), 0);
	ck_assert_int_eq(reg->generated, t);
	l = rules_registry_line(reg, "3351234567", &c);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->imei, "352906112345675");
	ck_assert_str_eq(l->model, "Samsung Galaxy S24");
	ck_assert_str_eq(l->coverage_start, "2025-03-01");
	ck_assert_str_eq(l->coverage_end, "2027-02-28");
	ck_assert_str_eq(c->vat, "04971230588");
	ck_assert_str_eq(c->name, "Rossi Costruzioni S.r.l.");
	ck_assert_ptr_eq(rules_registry_company(reg, "04971230588"), c);
	ck_assert_ptr_null(rules_registry_company(reg, "00000000000"));
	ck_assert_ptr_null(rules_registry_line(reg, "3330000000", NULL));

	p = rules_registry_person(c, "BNCNNA85M41H501N");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "Anna Bianchi");
	ck_assert_int_eq(p->role, RULES_ROLE_EMPLOYEE);
	ck_assert_int_eq(p->nenabled, 1);
	ck_assert(rules_person_may_sign(p, "3351234567"));
	ck_assert(!rules_person_may_sign(p, "3479876543"));
	p = rules_registry_person(c, "RSSMRA80A01F205X");
	ck_assert_int_eq(p->role, RULES_ROLE_LEGAL_REPRESENTATIVE);
	ck_assert(rules_person_may_sign(p, "3479876543"));
	ck_assert_ptr_null(rules_registry_person(c, "XXXXXX80A01F205X"));

	ck_assert_int_eq(util_parse_iso("2024-12-31T23:59:59+01:00", &t), 0);
	ck_assert_ptr_null(rules_registry_address_at(c, t));
	ck_assert_int_eq(util_parse_iso("2025-01-01T00:00:00+01:00", &t), 0);
	a = rules_registry_address_at(c, t);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->text, "Via Roma 1, 20121 Milano MI");
	rules_registry_free(&reg);
	ck_assert_ptr_null(reg);
	rules_registry_free(&reg);
}
END_TEST

static const char update_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<registry xmlns=\"urn:faxintake:registry:1\" generated=\"2026-11-24T22:00:00+01:00\">\n"
	"  <company vat=\"04971230588\" name=\"Rossi Costruzioni S.p.A.\">\n"
	"    <address effective=\"2026-12-01T00:00:00+01:00\">Via Po 9, 10121 Torino TO</address>\n"
	"    <person fiscal-code=\"BNCNNA85M41H501N\" name=\"Anna Bianchi\" role=\"administrator\"/>\n"
	"  </company>\n"
	"  <company vat=\"01234567897\" name=\"Verdi S.n.c.\">\n"
	"    <address effective=\"2020-01-01T00:00:00+01:00\">Piazza Duomo 2, 50122 Firenze FI</address>\n"
	"    <person fiscal-code=\"VRDGPP70A01D612X\" name=\"Giuseppe Verdi\" role=\"mandatario\"/>\n"
	"    <line number=\"3479876543\" imei=\"867530098765439\" model=\"Apple iPhone 15\"\n"
	"          coverage-start=\"2026-06-15\" coverage-end=\"2028-06-14\"/>\n"
	"  </company>\n"
	"</registry>\n";

START_TEST(merge_replaces_what_it_names)
{
	struct rules_registry *dst = parse_ok(contract_registry_xml);
	struct rules_registry *src = parse_ok(update_xml);
	const struct rules_company *c = NULL, *rossi;
	const struct rules_line *l;
	const struct rules_person *p;
	time_t t;

	rules_registry_merge(dst, src);
	ck_assert_int_eq(dst->ncompanies, 2);
	rossi = rules_registry_company(dst, "04971230588");
	ck_assert_str_eq(rossi->name, "Rossi Costruzioni S.p.A.");
	/* the address history keeps the old address and adds the new one */
	ck_assert_int_eq(rossi->naddresses, 2);
	ck_assert_int_eq(util_parse_iso("2026-11-30T23:59:59+01:00", &t), 0);
	ck_assert_str_eq(rules_registry_address_at(rossi, t)->text, "Via Roma 1, 20121 Milano MI");
	ck_assert_int_eq(util_parse_iso("2026-12-01T00:00:00+01:00", &t), 0);
	ck_assert_str_eq(rules_registry_address_at(rossi, t)->text, "Via Po 9, 10121 Torino TO");
	/* the person named is replaced whole (role and enabled lines) */
	p = rules_registry_person(rossi, "BNCNNA85M41H501N");
	ck_assert_int_eq(p->role, RULES_ROLE_ADMINISTRATOR);
	ck_assert_int_eq(p->nenabled, 0);
	/* the person not named is kept */
	ck_assert_ptr_nonnull(rules_registry_person(rossi, "RSSMRA80A01F205X"));
	/* the line named moved to its new company with its new coverage */
	l = rules_registry_line(dst, "3479876543", &c);
	ck_assert_str_eq(c->vat, "01234567897");
	ck_assert_str_eq(l->coverage_end, "2028-06-14");
	rossi = rules_registry_company(dst, "04971230588");
	ck_assert_int_eq(rossi->nlines, 1);
	/* the line not named is kept */
	l = rules_registry_line(dst, "3351234567", &c);
	ck_assert_str_eq(c->vat, "04971230588");
	ck_assert_int_eq(util_parse_iso("2026-11-24T22:00:00+01:00", &t), 0);
	ck_assert_int_eq(dst->generated, t);
	/* merging the same again changes nothing */
	{
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		rules_registry_to_xml(dst, &a);
		rules_registry_merge(dst, src);
		rules_registry_to_xml(dst, &b);
		ck_assert_str_eq(a.buf, b.buf);
		sb_release(&a);
		sb_release(&b);
	}
	rules_registry_free(&dst);
	rules_registry_free(&src);
}
END_TEST

START_TEST(round_trip)
{
	struct rules_registry *a = parse_ok(contract_registry_xml);
	struct rules_registry *u = parse_ok(update_xml);
	struct rules_registry *b;
	struct strbuf x1 = STRBUF_INIT, x2 = STRBUF_INIT;

	rules_registry_merge(a, u);
	rules_registry_to_xml(a, &x1);
	b = parse_ok(x1.buf);
	rules_registry_to_xml(b, &x2);
	ck_assert_str_eq(x1.buf, x2.buf);
	ck_assert_ptr_nonnull(strstr(x1.buf, "Via Po 9"));
	/* Anna's enabled line went with her replaced entry */
	ck_assert_ptr_null(strstr(x1.buf, "<enabled"));
	rules_registry_free(&a);
	rules_registry_free(&b);
	rules_registry_free(&u);
	sb_release(&x1);
	sb_release(&x2);
}
END_TEST

START_TEST(escaping_survives_round_trip)
{
	static const char xml[] =
		"<registry xmlns=\"urn:faxintake:registry:1\">\n"
		"  <company vat=\"04971230588\" name=\"A &amp; B &quot;Srl&quot; &lt;x&gt;\">\n"
		"    <address effective=\"2025-01-01T00:00:00Z\">Via dell'Orso 3 &amp; 5, Milano</address>\n"
		"  </company>\n"
		"</registry>\n";
	struct rules_registry *a = parse_ok(xml), *b;
	struct strbuf x = STRBUF_INIT;
	rules_registry_to_xml(a, &x);
	b = parse_ok(x.buf);
	ck_assert_str_eq(b->companies[0].name, "A & B \"Srl\" <x>");
	ck_assert_str_eq(b->companies[0].addresses[0].text, "Via dell'Orso 3 & 5, Milano");
	rules_registry_free(&a);
	rules_registry_free(&b);
	sb_release(&x);
}
END_TEST

/* A registry whose line 4 (1-based) carries `bad`. */
static char *registry_with(const char *bad)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "<?xml version=\"1.0\"?>\n"
		     "<registry xmlns=\"urn:faxintake:registry:1\">\n"
		     "  <company vat=\"04971230588\" name=\"Rossi\">\n");
	sb_adds(&sb, bad);
	sb_adds(&sb, "\n  </company>\n</registry>\n");
	return sb_detach(&sb);
}

static void import_error(const char *bad, const char *what)
{
	char *xml = registry_with(bad);
	char *msg = parse_fails(xml, 0);
	ck_assert_msg(strstr(msg, "line 4") != NULL, "no line number in: %s", msg);
	ck_assert_msg(strstr(msg, what) != NULL, "'%s' not in: %s", what, msg);
	free(msg);
	free(xml);
}

START_TEST(import_errors_name_the_line)
{
	import_error("    <line number=\"3351234567\" imei=\"35290611234567\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>",
		     "35290611234567");
	import_error("    <person fiscal-code=\"RSSMRA80A01F205\" name=\"Mario Rossi\" role=\"legal-representative\"/>",
		     "RSSMRA80A01F205");
	import_error("    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"boss\"/>",
		     "boss");
	import_error("    <line number=\"3351234567\" imei=\"352906112345675\" coverage-start=\"2025-03-01\" coverage-end=\"2024-02-28\"/>",
		     "coverage ends");
	import_error("    <line number=\"3351234567\" imei=\"352906112345675\" coverage-start=\"2025-02-30\" coverage-end=\"2027-02-28\"/>",
		     "2025-02-30");
	import_error("    <address effective=\"2025-01-01\">Via Roma 1</address>", "effective");
	import_error("    <address effective=\"2025-01-01T00:00:00\">Via Roma 1</address>", "effective");
	import_error("    <unknown/>", "unknown");
	import_error("    <line number=\"3351234567\" imei=\"352906112345675\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/><line number=\"3351234567\" imei=\"352906112345675\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>",
		     "3351234567");
	import_error("    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"master\"/><person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"master\"/>",
		     "RSSMRA80A01F205X");
}
END_TEST

START_TEST(line_named_three_times_among_many)
{
	/* every later naming of a number is reported against the first, in
	 * whatever order the numbers come; numbers named once are not */
	struct strbuf x = STRBUF_INIT;
	struct rules_registry *reg;
	static const char *const nums[] = { "3479876543", "3351234567", "3390000001", "3351234567",
					    "3200000002", "3351234567" };
	static const char *const vats[] = { "00010000008", "00010000073", "00010000149", "00010000214",
					    "00010000289", "00010000354" };

	sb_adds(&x, "<registry xmlns=\"urn:faxintake:registry:1\">\n");
	for (size_t c = 0; c < ARRAY_SIZE(nums); c++)
		sb_addf(&x, "  <company vat=\"%s\" name=\"C%zu\">\n"
			    "    <line number=\"%s\" imei=\"352906112345675\" coverage-start=\"2025-03-01\""
			    " coverage-end=\"2027-02-28\"/>\n  </company>\n",
			vats[c], c, nums[c]);
	sb_adds(&x, "</registry>\n");
	char *msg = parse_fails(x.buf, 0);
	ck_assert_msg(strstr(msg, "line 12: line '3351234567' already named at line 6") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, "line 18: line '3351234567' already named at line 6") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, "3479876543") == NULL && strstr(msg, "3390000001") == NULL, "%s", msg);
	free(msg);
	/* thousands of lines, each named once: all taken */
	sb_reset(&x);
	sb_adds(&x, "<registry xmlns=\"urn:faxintake:registry:1\">\n"
		    "  <company vat=\"04971230588\" name=\"Rossi\">\n");
	for (int k = 4000; k > 0; k--)
		sb_addf(&x, "    <line number=\"33%08d\" imei=\"352906112345675\" coverage-start=\"2025-03-01\""
			    " coverage-end=\"2027-02-28\"/>\n", k * 7);
	sb_adds(&x, "  </company>\n</registry>\n");
	reg = parse_ok(x.buf);
	ck_assert_ptr_nonnull(rules_registry_line(reg, "3300000007", NULL));
	ck_assert_ptr_nonnull(rules_registry_line(reg, "3300028000", NULL));
	rules_registry_free(&reg);
	sb_release(&x);
}
END_TEST

START_TEST(bad_vat_and_line_moved_twice)
{
	static const char bad_vat[] =
		"<registry xmlns=\"urn:faxintake:registry:1\">\n"
		"  <company vat=\"0497123058\" name=\"Rossi\"/>\n"
		"</registry>\n";
	static const char twice[] =
		"<registry xmlns=\"urn:faxintake:registry:1\">\n"
		"  <company vat=\"04971230588\" name=\"Rossi\">\n"
		"    <line number=\"3351234567\" imei=\"352906112345675\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
		"  </company>\n"
		"  <company vat=\"01234567897\" name=\"Verdi\">\n"
		"    <line number=\"3351234567\" imei=\"352906112345675\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
		"  </company>\n"
		"</registry>\n";
	char *msg = parse_fails(bad_vat, 0);
	ck_assert_ptr_nonnull(strstr(msg, "line 2"));
	ck_assert_ptr_nonnull(strstr(msg, "0497123058"));
	free(msg);
	msg = parse_fails(twice, 0);
	ck_assert_msg(strstr(msg, "line 6: line '3351234567' already named at line 3") != NULL, "%s", msg);
	free(msg);
	msg = parse_fails("<registry xmlns=\"urn:other\"/>", 0);
	free(msg);
	msg = parse_fails("<registry xmlns=\"urn:faxintake:registry:1\">", 0);
	ck_assert_ptr_nonnull(strstr(msg, "line 1"));
	free(msg);
	msg = parse_fails("", 0);
	free(msg);
}
END_TEST

START_TEST(hostile_doctype_external_entity)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE registry [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
		"<registry xmlns=\"urn:faxintake:registry:1\">\n"
		"  <company vat=\"04971230588\" name=\"&x;\"/>\n"
		"</registry>\n";
	char *msg = parse_fails(xml, 0);
	ck_assert_msg(strstr(msg, "DOCTYPE") != NULL, "%s", msg);
	ck_assert_ptr_null(strstr(msg, "root:"));
	free(msg);
}
END_TEST

START_TEST(hostile_external_dtd)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE registry SYSTEM \"http://example.invalid/evil.dtd\">\n"
		"<registry xmlns=\"urn:faxintake:registry:1\"/>\n";
	char *msg = parse_fails(xml, 0);
	ck_assert_msg(strstr(msg, "DOCTYPE") != NULL, "%s", msg);
	free(msg);
}
END_TEST

START_TEST(hostile_billion_laughs)
{
	struct strbuf sb = STRBUF_INIT;
	char *msg;
	int i;
	sb_adds(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE registry [\n <!ENTITY l0 \"lol\">\n");
	for (i = 1; i < 10; i++)
		sb_addf(&sb, " <!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;\">\n", i,
			i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	sb_adds(&sb, "]>\n<registry xmlns=\"urn:faxintake:registry:1\">\n"
		     "  <company vat=\"04971230588\" name=\"&l9;\"/>\n</registry>\n");
	msg = parse_fails(sb.buf, 0);
	ck_assert_msg(strstr(msg, "DOCTYPE") != NULL, "%s", msg);
	free(msg);
	sb_release(&sb);
}
END_TEST

START_TEST(hostile_oversized)
{
	struct strbuf sb = STRBUF_INIT;
	char *msg;
	sb_adds(&sb, "<registry xmlns=\"urn:faxintake:registry:1\">");
	while (sb.len < 5000)
		sb_adds(&sb, "<!-- padding padding padding padding padding -->");
	sb_adds(&sb, "</registry>");
	msg = parse_fails(sb.buf, 4096);
	ck_assert_msg(strstr(msg, "limit 4096") != NULL, "%s", msg);
	free(msg);
	/* the same document under the default limit is fine */
	{
		struct rules_registry *reg = parse_ok(sb.buf);
		rules_registry_free(&reg);
	}
	sb_release(&sb);
}
END_TEST

START_TEST(hostile_deep_nesting)
{
	struct strbuf sb = STRBUF_INIT;
	char *msg;
	int i;
	sb_adds(&sb, "<registry xmlns=\"urn:faxintake:registry:1\">");
	for (i = 0; i < 5000; i++)
		sb_adds(&sb, "<a>");
	for (i = 0; i < 5000; i++)
		sb_adds(&sb, "</a>");
	sb_adds(&sb, "</registry>");
	msg = parse_fails(sb.buf, 0);
	ck_assert_msg(strstr(msg, "line 1") != NULL && strstr(msg, "epth") != NULL, "%s", msg);
	free(msg);
	sb_release(&sb);
}
END_TEST

START_TEST(entity_loader_confined_to_schemas)
{
	static const char *const refused[] = {
		"/etc/passwd", "file:///etc/passwd", "http://example.invalid/x.xsd",
	};
	xmlParserCtxtPtr ctxt;
	xmlParserInputPtr in;
	char *inside = util_path_join(xml_schemas_dir(), "registry.xsd");
	char *escape = util_path_join(xml_schemas_dir(), "../Makefile");
	size_t i;

	ctxt = xmlNewParserCtxt();
	for (i = 0; i < ARRAY_SIZE(refused); i++)
		ck_assert_ptr_null(xmlLoadExternalEntity(refused[i], NULL, ctxt));
	ck_assert_ptr_null(xmlLoadExternalEntity(escape, NULL, ctxt));
	in = xmlLoadExternalEntity(inside, NULL, ctxt);
	ck_assert_ptr_nonnull(in);
	xmlFreeInputStream(in);
	xmlFreeParserCtxt(ctxt);
	free(inside);
	free(escape);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("registry");

	if (util_set_timezone("Europe/Rome") != 0)
		return 1;
	tcase_add_test(tc, contract_examples_validate);
	tcase_add_test(tc, contract_examples_are_not_interchangeable);
	tcase_add_test(tc, registry_example_parsed);
	tcase_add_test(tc, merge_replaces_what_it_names);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, escaping_survives_round_trip);
	tcase_add_test(tc, import_errors_name_the_line);
	tcase_add_test(tc, bad_vat_and_line_moved_twice);
	tcase_add_test(tc, hostile_doctype_external_entity);
	tcase_add_test(tc, line_named_three_times_among_many);
	tcase_add_test(tc, hostile_external_dtd);
	tcase_add_test(tc, hostile_billion_laughs);
	tcase_add_test(tc, hostile_oversized);
	tcase_add_test(tc, hostile_deep_nesting);
	tcase_add_test(tc, entity_loader_confined_to_schemas);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
