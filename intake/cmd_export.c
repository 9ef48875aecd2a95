/*
 * cmd_export - `export`: the whole state as XML on stdout, in the shape of
 * contracts/export.example.xml, validated against schemas/export.xsd
 * before anything is printed. Every fax, document, case and ticket appears
 * exactly once. Read-only: works while the daemon runs.
 */
#include "intake/intake.h"
#include "intake/export.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xml.h"

#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char export_usage[] =
	"usage: faxintake [-H HOME] export\n"
	"\n"
	"Prints the whole state (faxes, documents with their fields and reasons,\n"
	"cases, tickets) as XML (urn:faxintake:export:1) on stdout, validated\n"
	"against schemas/export.xsd first.\n";

static void ex_time(struct strbuf *out, const char *attr, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	char buf[40];
	sb_addf(out, " %s=\"%s\"", attr,
		util_format_iso((time_t)sqlite3_column_int64(st, col), buf, sizeof buf));
}

static void ex_attr(struct strbuf *out, const char *attr, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	const char *v = store_col_text(st, col);
	if (!*v)
		return;
	sb_addf(out, " %s=\"", attr);
	sb_add_xml(out, v);
	sb_addc(out, '"');
}

static int ex_reasons(struct store *s, struct strbuf *out, const char *col, int64_t id)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT code, field, text FROM reasons WHERE %s = %lld ORDER BY id",
		 col, (long long)id);
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		sb_addf(out, "    <reason code=\"%s\"", store_col_text(st, 0));
		ex_attr(out, "field", st, 1);
		sb_adds(out, ">");
		sb_add_xml(out, store_col_text(st, 2));
		sb_adds(out, "</reason>\n");
	}
	sqlite3_finalize(st);
	return 0;
}

int export_state(struct store *s, struct strbuf *out)
{
	char buf[40], id[16];
	sqlite3_stmt *st = NULL;
	sb_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_addf(out, "<intake xmlns=\"urn:faxintake:export:1\" exported=\"%s\">\n",
		util_format_iso(util_now(), buf, sizeof buf));

	st = store_prepare(s, "SELECT id, file, sha256, received, sender, pages, status FROM faxes"
			      " ORDER BY id");
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t fid = sqlite3_column_int64(st, 0);
		store_fax_id(fid, id);
		sb_addf(out, "  <fax id=\"%s\"", id);
		const char *name = sqlite3_column_blob(st, 1);
		int nlen = sqlite3_column_bytes(st, 1);
		if (name && util_utf8_valid(name, (size_t)nlen) && !memchr(name, 0, (size_t)nlen)) {
			char *n = xstrndup(name, (size_t)nlen);
			bool ctl = false;
			for (char *p = n; *p; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f)
					ctl = true;
			if (ctl) {
				char *hex = util_hex(name, (size_t)nlen);
				sb_addf(out, " file-hex=\"%s\"", hex);
				free(hex);
			} else {
				sb_adds(out, " file=\"");
				sb_add_xml(out, n);
				sb_addc(out, '"');
			}
			free(n);
		} else {
			char *hex = util_hex(name ? name : "", (size_t)nlen);
			sb_addf(out, " file-hex=\"%s\"", hex);
			free(hex);
		}
		sb_addf(out, " sha256=\"%s\"", store_col_text(st, 2));
		ex_time(out, "received", st, 3);
		ex_attr(out, "sender", st, 4);
		sb_addf(out, " pages=\"%d\" status=\"%s\"", sqlite3_column_int(st, 5),
			store_col_text(st, 6));
		struct strbuf inner = STRBUF_INIT;
		ex_reasons(s, &inner, "fax_id", fid);
		if (inner.len)
			sb_addf(out, ">\n%s  </fax>\n", inner.buf);
		else
			sb_adds(out, "/>\n");
		sb_release(&inner);
	}
	sqlite3_finalize(st);

	st = store_prepare(s, "SELECT id, fax_id, first_page, pages, type, status, case_id FROM documents"
			      " ORDER BY id");
	sqlite3_stmt *fs = store_prepare(s, "SELECT name, value, confidence, source, by FROM fields"
					    " WHERE document_id = ? ORDER BY rowid");
	if (!st || !fs) {
		sqlite3_finalize(st);
		sqlite3_finalize(fs);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t did = sqlite3_column_int64(st, 0);
		char fid[16];
		store_doc_id(did, id);
		store_fax_id(sqlite3_column_int64(st, 1), fid);
		sb_addf(out, "  <document id=\"%s\" fax=\"%s\" first-page=\"%d\" pages=\"%d\" type=\"%s\""
			" status=\"%s\"", id, fid, sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
			store_col_text(st, 4), store_col_text(st, 5));
		if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
			char cid[16];
			store_case_id(sqlite3_column_int64(st, 6), cid);
			sb_addf(out, " case=\"%s\"", cid);
		}
		sb_adds(out, ">\n");
		sqlite3_bind_int64(fs, 1, did);
		while (sqlite3_step(fs) == SQLITE_ROW) {
			sb_addf(out, "    <field name=\"%s\" value=\"", store_col_text(fs, 0));
			sb_add_xml(out, store_col_text(fs, 1));
			double c = sqlite3_column_double(fs, 2);
			sb_addf(out, "\" confidence=\"%.2f\" source=\"%s\"", c < 0 ? 0 : c > 1 ? 1 : c,
				store_col_text(fs, 3));
			ex_attr(out, "by", fs, 4);
			sb_adds(out, "/>\n");
		}
		sqlite3_reset(fs);
		ex_reasons(s, out, "document_id", did);
		sb_adds(out, "  </document>\n");
	}
	sqlite3_finalize(st);
	sqlite3_finalize(fs);

	st = store_prepare(s, "SELECT id, line, imei, vat, claim, delivery, opened, status, report_date,"
			      " due_date, missing"
			      " FROM cases"
			      " ORDER BY id");
	sqlite3_stmt *hs = store_prepare(s, "SELECT type, document_id FROM case_documents"
					    " WHERE case_id = ? AND counts = 1 ORDER BY document_id");
	if (!st || !hs) {
		sqlite3_finalize(st);
		sqlite3_finalize(hs);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t cid = sqlite3_column_int64(st, 0);
		store_case_id(cid, id);
		sb_addf(out, "  <case id=\"%s\"", id);
		ex_attr(out, "line", st, 1);
		ex_attr(out, "imei", st, 2);
		ex_attr(out, "vat", st, 3);
		ex_attr(out, "claim", st, 4);
		ex_attr(out, "delivery", st, 5);
		ex_time(out, "opened", st, 6);
		sb_addf(out, " status=\"%s\"", store_col_text(st, 7));
		ex_time(out, "report-date", st, 8);
		ex_attr(out, "due-date", st, 9);
		sb_adds(out, ">\n");
		sqlite3_bind_int64(hs, 1, cid);
		while (sqlite3_step(hs) == SQLITE_ROW) {
			char did[16];
			store_doc_id(sqlite3_column_int64(hs, 1), did);
			sb_addf(out, "    <has type=\"%s\" document=\"%s\"/>\n", store_col_text(hs, 0), did);
		}
		sqlite3_reset(hs);
		char *missing = xstrdup(store_col_text(st, 10));
		for (char *save = NULL, *t = strtok_r(missing, " ", &save); t;
		     t = strtok_r(NULL, " ", &save))
			sb_addf(out, "    <missing type=\"%s\"/>\n", t);
		free(missing);
		ex_reasons(s, out, "case_id", cid);
		sb_adds(out, "  </case>\n");
	}
	sqlite3_finalize(st);
	sqlite3_finalize(hs);

	st = store_prepare(s, "SELECT id, revision, case_id, report_date, due_date FROM tickets"
			      " ORDER BY year, seq");
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char cid[16];
		store_case_id(sqlite3_column_int64(st, 2), cid);
		sb_addf(out, "  <ticket id=\"%s\" revision=\"%d\" case=\"%s\"", store_col_text(st, 0),
			sqlite3_column_int(st, 1), cid);
		ex_time(out, "report-date", st, 3);
		sb_addf(out, " due-date=\"%s\"/>\n", store_col_text(st, 4));
	}
	sqlite3_finalize(st);
	sb_adds(out, "</intake>\n");
	return 0;
}

int export_validate(const struct strbuf *xml, struct strbuf *err)
{
	static xmlSchemaPtr schema;
	if (!schema && !(schema = xml_schema_load("export.xsd", err)))
		return -1;
	xmlDocPtr doc = xmlReadMemory(xml->buf, (int)xml->len, "export.xml", NULL, XML_PARSE_NONET);
	if (!doc) {
		sb_adds(err, "export is not well-formed XML");
		return -1;
	}
	int rc = xml_validate(schema, doc, err);
	xmlFreeDoc(doc);
	return rc;
}

int cmd_export(struct intake *in, int argc, char **argv)
{
	if (intake_want_help(argc, argv, export_usage))
		return EXIT_OK;
	if (argc != 1)
		return intake_usage_error(export_usage, "export takes no arguments");
	struct store *s = intake_open_store_ro(in);
	if (!s)
		return EXIT_FAIL;
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = EXIT_FAIL;
	/* one read transaction: a consistent snapshot while the daemon writes */
	if (store_exec(s, "BEGIN") || export_state(s, &out)) {
		log_error("cannot read the state");
		goto out;
	}
	store_exec(s, "COMMIT");
	if (export_validate(&out, &err)) {
		log_error("the export does not match schemas/export.xsd: %s", err.buf);
		goto out;
	}
	if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		log_error("cannot write the export to stdout");
		goto out;
	}
	rc = EXIT_OK;
out:
	store_close(&s);
	sb_release(&out);
	sb_release(&err);
	return rc;
}
