/*
 * ticket - a ticket's XML for the outbox (urn:faxintake:ticket:1, the
 * shape of shared/contracts/ticket.example.xml), validated against
 * schemas/ticket.xsd before it is handed out.
 *
 * Failure policy: a ticket that fails its schema (a bug, or an id the
 * caller formed wrongly) is returned as -1 with the schema's reasons and
 * nothing is appended; the caller must not write it.
 */
#include <inttypes.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "common/util.h"
#include "rules/rules.h"
#include "rules/xmlsafe.h"

#define TICKET_NS "urn:faxintake:ticket:1"

int rules_ticket_to_xml(const struct rules_ticket *t, const char *ticket_id, int revision,
			const char *case_id, struct strbuf *out, struct strbuf *err)
{
	struct strbuf x = STRBUF_INIT;
	char buf[40];
	xmlDocPtr doc = NULL;
	size_t i;
	int rc = -1;

	sb_adds(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ticket xmlns=\"" TICKET_NS "\"");
	rules_xml_add_attr(&x, "id", ticket_id);
	sb_addf(&x, " revision=\"%d\">\n  <case", revision);
	rules_xml_add_attr(&x, "id", case_id);
	rules_xml_add_attr(&x, "claim", rules_claim_name(t->claim));
	rules_xml_add_attr(&x, "delivery", rules_delivery_name(t->delivery));
	sb_adds(&x, "/>\n  <company");
	rules_xml_add_attr(&x, "vat", t->vat);
	rules_xml_add_attr(&x, "name", t->company_name);
	sb_adds(&x, "/>\n  <line");
	rules_xml_add_attr(&x, "number", t->line);
	rules_xml_add_attr(&x, "imei", t->imei);
	rules_xml_add_attr(&x, "model", t->model);
	sb_addf(&x, "/>\n  <report-date>%s</report-date>\n",
		util_format_iso(t->report_date, buf, sizeof buf));
	sb_adds(&x, "  <due-date>");
	sb_add_xml(&x, t->due_date);
	sb_adds(&x, "</due-date>\n  <delivery-address");
	rules_xml_add_attr(&x, "source", t->address_from_form ? "form" : "registry");
	sb_adds(&x, ">");
	sb_add_xml(&x, t->address);
	sb_adds(&x, "</delivery-address>\n  <signer");
	rules_xml_add_attr(&x, "fiscal-code", t->signer_cf);
	rules_xml_add_attr(&x, "name", t->signer_name);
	rules_xml_add_attr(&x, "role", rules_role_name(t->signer_role));
	sb_adds(&x, "/>\n  <documents>\n");
	for (i = 0; i < t->ndocs; i++) {
		sb_addf(&x, "    <document id=\"D-%06" PRId64 "\"", t->docs[i].id);
		rules_xml_add_attr(&x, "type", ocr_doctype_name(t->docs[i].type));
		rules_xml_add_attr(&x, "received", util_format_iso(t->docs[i].received, buf, sizeof buf));
		sb_adds(&x, "/>\n");
	}
	sb_adds(&x, "  </documents>\n");
	if (t->nnotes) {
		sb_adds(&x, "  <notes>\n");
		for (i = 0; i < t->nnotes; i++) {
			sb_adds(&x, "    <note");
			rules_xml_add_attr(&x, "code", t->notes[i].code);
			sb_adds(&x, ">");
			sb_add_xml(&x, t->notes[i].text);
			sb_adds(&x, "</note>\n");
		}
		sb_adds(&x, "  </notes>\n");
	}
	sb_adds(&x, "</ticket>\n");

	doc = rules_xml_load(x.buf, x.len, 0, "ticket.xsd", err);
	if (!doc)
		goto out;
	sb_add(out, x.buf, x.len);
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	sb_release(&x);
	return rc;
}
