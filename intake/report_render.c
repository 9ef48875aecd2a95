/*
 * report_render - the report's three files from one struct report: XML
 * (schemas/report.xsd), the CSV of the day's tickets, and the HTML made
 * from the XML by schemas/report.xsl (libxslt).
 *
 * Failure policy: writing XML and CSV cannot fail (memory is fatal);
 * report_html returns -1 with the reason (schema violation, stylesheet
 * error) in the caller's strbuf and logs nothing. Text from outside (a
 * sender's number as the gateway gave it) is escaped, and bytes that are
 * not UTF-8 are replaced, so the XML is always well-formed.
 */
#include "intake/report.h"
#include "common/util.h"
#include "common/xml.h"

#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_XML_MAX (256u << 20)

static const char *const report_age_names[REPORT_AGES] = {
	"under-2", "2-7", "7-30", "over-30",
};

/* s as text that XML 1.0 allows (caller frees): bytes of a string that is
 * not UTF-8, and the noncharacters U+FFFE and U+FFFF, become '?'. Control
 * characters are left to sb_add_xml. */
static char *report_clean(const char *s)
{
	char *c = xstrdup(s);
	bool utf8 = util_utf8_valid(c, strlen(c));
	for (unsigned char *p = (unsigned char *)c; *p; p++) {
		if (!utf8 && *p >= 0x80)
			*p = '?';
		else if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
			memcpy(p, "???", 3), p += 2;
	}
	return c;
}

/* Escaped text from outside. */
static void report_text(struct strbuf *sb, const char *s)
{
	char *c = report_clean(s);
	sb_add_xml(sb, c);
	free(c);
}

/* name="value" with a leading space, value escaped. */
static void report_attr(struct strbuf *sb, const char *name, const char *value)
{
	sb_addf(sb, " %s=\"", name);
	report_text(sb, value);
	sb_addc(sb, '"');
}

/* name="value" unless value is empty. */
static void report_attr_opt(struct strbuf *sb, const char *name, const char *value)
{
	if (value && *value)
		report_attr(sb, name, value);
}

static void report_attr_time(struct strbuf *sb, const char *name, time_t t)
{
	char iso[40];
	report_attr(sb, name, util_format_iso(t, iso, sizeof iso));
}

static void report_xml_ticket(struct strbuf *sb, const struct report_ticket *t)
{
	sb_adds(sb, "      <ticket");
	report_attr(sb, "id", t->id);
	sb_addf(sb, " revision=\"%lld\"", (long long)t->revision);
	report_attr(sb, "case", t->case_id);
	report_attr(sb, "case-status", t->case_status);
	report_attr_opt(sb, "claim", t->claim);
	report_attr_opt(sb, "delivery", t->delivery);
	report_attr_opt(sb, "line", t->line);
	report_attr_opt(sb, "imei", t->imei);
	report_attr_opt(sb, "vat", t->vat);
	report_attr_time(sb, "report-date", t->report_date);
	report_attr(sb, "due-date", t->due_date);
	sb_adds(sb, "/>\n");
}

static void report_xml_traffic(const struct report *r, struct strbuf *sb)
{
	sb_addf(sb, "  <faxes count=\"%lld\" pages=\"%lld\" processed=\"%lld\" duplicate=\"%lld\""
		    " corrupt=\"%lld\" blank-pages=\"%lld\"/>\n",
		(long long)r->faxes, (long long)r->pages, (long long)r->processed,
		(long long)r->duplicate, (long long)r->corrupt, (long long)r->blank_pages);
	sb_adds(sb, "  <hours>\n");
	for (int h = 0; h < 24; h++)
		sb_addf(sb, "    <hour h=\"%d\" faxes=\"%lld\" pages=\"%lld\"/>\n", h,
			(long long)r->hour_faxes[h], (long long)r->hour_pages[h]);
	sb_adds(sb, "  </hours>\n  <senders>\n");
	for (size_t i = 0; i < r->nsenders; i++) {
		const struct report_sender *s = &r->senders[i];
		sb_addf(sb, "    <sender faxes=\"%lld\" pages=\"%lld\"", (long long)s->faxes,
			(long long)s->pages);
		report_attr_opt(sb, "number", s->sender);
		sb_adds(sb, "/>\n");
	}
	sb_adds(sb, "  </senders>\n");
}

static void report_xml_documents(const struct report *r, struct strbuf *sb)
{
	sb_addf(sb, "  <documents count=\"%lld\">\n", (long long)r->documents);
	for (int i = 0; i < REPORT_DOC_STATUSES; i++)
		sb_addf(sb, "    <outcome status=\"%s\" count=\"%lld\"/>\n", report_doc_statuses[i],
			(long long)r->doc_status[i]);
	for (size_t i = 0; i < r->ndoctypes; i++) {
		const struct report_doctype *d = &r->doctypes[i];
		int64_t total = 0;
		for (int k = 0; k < REPORT_DOC_STATUSES; k++)
			total += d->by_status[k];
		sb_adds(sb, "    <type");
		report_attr(sb, "name", d->type);
		sb_addf(sb, " count=\"%lld\"", (long long)total);
		for (int k = 0; k < REPORT_DOC_STATUSES; k++)
			sb_addf(sb, " %s=\"%lld\"", report_doc_statuses[k], (long long)d->by_status[k]);
		sb_adds(sb, "/>\n");
	}
	sb_adds(sb, "  </documents>\n");

	int64_t total = 0;
	for (size_t i = 0; i < r->nreasons; i++)
		total += r->reasons[i].on_fax + r->reasons[i].on_document + r->reasons[i].on_case;
	sb_addf(sb, "  <reasons count=\"%lld\">\n", (long long)total);
	for (size_t i = 0; i < r->nreasons; i++) {
		const struct report_reason *x = &r->reasons[i];
		sb_adds(sb, "    <reason");
		report_attr(sb, "code", x->code);
		sb_addf(sb, " count=\"%lld\" faxes=\"%lld\" documents=\"%lld\" cases=\"%lld\"/>\n",
			(long long)(x->on_fax + x->on_document + x->on_case), (long long)x->on_fax,
			(long long)x->on_document, (long long)x->on_case);
	}
	sb_adds(sb, "  </reasons>\n");
}

static void report_xml_cases(const struct report *r, struct strbuf *sb)
{
	sb_addf(sb, "  <cases opened=\"%lld\" completed=\"%lld\" waiting=\"%zu\" review=\"%lld\">\n",
		(long long)r->cases_opened, (long long)r->cases_completed, r->nwaiting,
		(long long)r->waiting_review);
	for (int i = 0; i < REPORT_AGES; i++)
		sb_addf(sb, "    <age days=\"%s\" cases=\"%lld\"/>\n", report_age_names[i],
			(long long)r->ages[i]);
	for (size_t i = 0; i < r->nwaiting_for; i++) {
		sb_adds(sb, "    <waiting-for");
		report_attr(sb, "type", r->waiting_for[i].type);
		sb_addf(sb, " cases=\"%lld\"/>\n", (long long)r->waiting_for[i].cases);
	}
	for (size_t i = 0; i < r->nwaiting; i++) {
		const struct report_waiting *w = &r->waiting[i];
		sb_adds(sb, "    <waiting");
		report_attr(sb, "id", w->id);
		report_attr(sb, "status", w->status);
		report_attr_opt(sb, "claim", w->claim);
		report_attr_opt(sb, "line", w->line);
		report_attr_time(sb, "opened", w->opened);
		sb_addf(sb, " age-days=\"%.1f\"", w->age_days);
		report_attr_opt(sb, "missing", w->missing);
		sb_adds(sb, "/>\n");
	}
	sb_adds(sb, "  </cases>\n");
}

static void report_xml_quality(const struct report *r, struct strbuf *sb)
{
	sb_addf(sb, "  <processing pages=\"%zu\"", r->timed_pages);
	if (r->timed_pages)
		sb_addf(sb, " median-ms=\"%.1f\" p95-ms=\"%.1f\" source=\"%s\"", r->median_ms,
			r->p95_ms, r->timing_source);
	sb_addf(sb, "/>\n  <confidence fields=\"%lld\"", (long long)r->ocr_fields);
	if (r->ocr_fields)
		sb_addf(sb, " mean=\"%.3f\"", r->mean_confidence);
	sb_addf(sb, "/>\n  <line-quality flagged=\"%zu\">\n", r->nflagged);
	for (size_t i = 0; i < r->nflagged; i++) {
		const struct report_flagged *f = &r->flagged[i];
		sb_adds(sb, "    <fax");
		report_attr(sb, "id", f->id);
		report_attr_time(sb, "received", f->received);
		report_attr_opt(sb, "sender", f->sender);
		if (f->clean_fax_data >= 0)
			sb_addf(sb, " clean-fax-data=\"%lld\"", (long long)f->clean_fax_data);
		if (f->bad_fax_lines >= 0)
			sb_addf(sb, " bad-fax-lines=\"%lld\"", (long long)f->bad_fax_lines);
		sb_adds(sb, "/>\n");
	}
	sb_adds(sb, "  </line-quality>\n");
}

void report_xml(const struct report *r, struct strbuf *sb)
{
	sb_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_adds(sb, "<report xmlns=\"" REPORT_NS "\"");
	report_attr(sb, "day", r->day);
	report_attr_time(sb, "start", r->start);
	report_attr_time(sb, "end", r->end);
	sb_addf(sb, " empty=\"%s\">\n", r->faxes ? "false" : "true");
	report_xml_traffic(r, sb);
	report_xml_documents(r, sb);
	report_xml_cases(r, sb);

	sb_addf(sb, "  <tickets created=\"%zu\" due-next=\"%zu\"", r->ntickets, r->ndue_next);
	report_attr(sb, "next-business-day", r->next_business_day);
	sb_adds(sb, ">\n    <created>\n");
	for (size_t i = 0; i < r->ntickets; i++)
		report_xml_ticket(sb, &r->tickets[i]);
	sb_adds(sb, "    </created>\n    <due>\n");
	for (size_t i = 0; i < r->ndue_next; i++)
		report_xml_ticket(sb, &r->due_next[i]);
	sb_adds(sb, "    </due>\n  </tickets>\n");

	report_xml_quality(r, sb);
	sb_adds(sb, "</report>\n");
}

/* One CSV field, cleaned as in the XML, quoted when it must be. */
static void report_csv_field(struct strbuf *sb, const char *s, bool last)
{
	char *c = report_clean(s);
	sb_add_csv(sb, c);
	sb_adds(sb, last ? "\r\n" : ",");
	free(c);
}

void report_csv(const struct report *r, struct strbuf *sb)
{
	sb_adds(sb, "ticket,revision,case,case_status,claim,delivery,line,imei,vat,"
		    "report_date,due_date\r\n");
	for (size_t i = 0; i < r->ntickets; i++) {
		const struct report_ticket *t = &r->tickets[i];
		char rev[24], iso[40];
		snprintf(rev, sizeof rev, "%lld", (long long)t->revision);
		report_csv_field(sb, t->id, false);
		report_csv_field(sb, rev, false);
		report_csv_field(sb, t->case_id, false);
		report_csv_field(sb, t->case_status, false);
		report_csv_field(sb, t->claim, false);
		report_csv_field(sb, t->delivery, false);
		report_csv_field(sb, t->line, false);
		report_csv_field(sb, t->imei, false);
		report_csv_field(sb, t->vat, false);
		report_csv_field(sb, util_format_iso(t->report_date, iso, sizeof iso), false);
		report_csv_field(sb, t->due_date, true);
	}
}

int report_html(const char *xml, size_t len, struct strbuf *html, struct strbuf *err)
{
	int ret = -1;
	xmlDocPtr doc = NULL, res = NULL;
	xmlSchemaPtr schema = NULL;
	xsltStylesheetPtr style = NULL;
	xsltTransformContextPtr ctxt = NULL;
	xsltSecurityPrefsPtr sec = NULL;
	xmlChar *out = NULL;
	int outlen = 0;
	char *xsl = NULL;

	doc = xml_parse_untrusted(xml, len, REPORT_XML_MAX, err);
	if (!doc)
		goto out;
	schema = xml_schema_load("report.xsd", err);
	if (!schema)
		goto out;
	if (xml_validate(schema, doc, err)) {
		sb_adds(err, " (the report does not match schemas/report.xsd)");
		goto out;
	}

	xsl = util_path_join(xml_schemas_dir(), "report.xsl");
	style = xsltParseStylesheetFile((const xmlChar *)xsl);
	if (!style) {
		sb_addf(err, "cannot load stylesheet '%s'", xsl);
		goto out;
	}
	/* our own stylesheet, but it has no business touching files or the
	 * network: forbid it all */
	sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	ctxt = xsltNewTransformContext(style, doc);
	if (!ctxt || xsltSetCtxtSecurityPrefs(sec, ctxt)) {
		sb_adds(err, "cannot set up the stylesheet's transformation");
		goto out;
	}
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	if (!res || ctxt->state != XSLT_STATE_OK) {
		sb_addf(err, "stylesheet '%s' failed", xsl);
		goto out;
	}
	if (xsltSaveResultToString(&out, &outlen, res, style) || !out) {
		sb_adds(err, "cannot serialise the html report");
		goto out;
	}
	sb_add(html, out, (size_t)outlen);
	ret = 0;
out:
	xmlFree(out);
	xmlFreeDoc(res);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	if (sec)
		xsltFreeSecurityPrefs(sec);
	if (style)
		xsltFreeStylesheet(style);	/* frees nothing of doc */
	xmlSchemaFree(schema);
	xmlFreeDoc(doc);
	free(xsl);
	return ret;
}
