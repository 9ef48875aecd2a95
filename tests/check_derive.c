/*
 * check_derive - Check suite for intake/derive.c, the derivation over a
 * real store: the parsed registry kept between derivations only while
 * the stored one is unchanged. Documents are stored as the pipeline
 * stores them (intake_store_document), without images.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "common/util.h"
#include "intake/derive.h"
#include "intake/pipeline.h"
#include "ocr/document.h"
#include "rules/registry.h"
#include "tests/lib/checkrun.h"

/* One company; the second registry adds a line, the first lacks it. */
#define REG_HEAD                                                                                  \
	"<registry xmlns=\"urn:faxintake:registry:1\">\n"                                         \
	"  <company vat=\"04971230588\" name=\"Rossi Costruzioni S.r.l.\">\n"                     \
	"    <address effective=\"2025-01-01T00:00:00+01:00\">Via Roma 1, 20121 Milano MI</address>\n" \
	"    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"legal-representative\"/>\n" \
	"    <line number=\"3351234567\" imei=\"352906112345675\" model=\"Samsung Galaxy S24\"\n" \
	"          coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
#define REG_TAIL "  </company>\n</registry>\n"
#define REG_LINE2                                                                                 \
	"    <line number=\"3331112222\" imei=\"490154203237518\" model=\"Google Pixel 9\"\n"     \
	"          coverage-start=\"2026-01-01\" coverage-end=\"2027-12-31\"/>\n"
static const char reg_one_line[] = REG_HEAD REG_TAIL;
static const char reg_two_lines[] = REG_HEAD REG_LINE2 REG_TAIL;

#define ONSITE_FAULT                                                                              \
	"company=Rossi Costruzioni S.r.l.|vat=04971230588|claim=fault|"                          \
	"description=Lo schermo non si accende|declaration=true|signer=Mario Rossi|"             \
	"signer_role=legal-representative|signer_cf=RSSMRA80A01F205X|place=Milano|"              \
	"date=2026-11-23|signature=true|contact=Mario Rossi|contact_phone=02 5550100"

struct home {
	char *dir;
	struct intake in;
	struct store *s;
};

static void home_open(struct home *h)
{
	struct strbuf err = STRBUF_INIT;
	memset(h, 0, sizeof *h);
	h->dir = xstrdup("/tmp/fi-derive-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(h->dir));
	h->in.home = h->dir;
	h->in.db_path = util_path_join(h->dir, "faxintake.db");
	char *outbox = util_path_join(h->dir, "outbox");
	ck_assert_int_eq(mkdir(outbox, 0750), 0);
	free(outbox);
	h->s = store_open(h->in.db_path, 5000, &err);
	ck_assert_msg(h->s != NULL, "%s", err.buf);
	sb_release(&err);
}

static void home_close(struct home *h)
{
	store_close(&h->s);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", h->dir);
	ck_assert_int_eq(system(cmd), 0);
	free(h->in.db_path);
	free(h->dir);
}

/* Writes the registry row as an import does (any writer will do). */
static void registry_write(struct home *h, const char *xml, bool update)
{
	sqlite3_stmt *st = store_prepare(h->s, update ? "UPDATE registry SET xml = ?1 WHERE id = 1"
					     : "INSERT OR REPLACE INTO registry(id, xml, imported_at)"
					       " VALUES (1, ?1, 0)");
	ck_assert_ptr_nonnull(st);
	sqlite3_bind_text(st, 1, xml, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* Fields "name=value|..." into d. */
static void set_fields(struct ocr_document *d, const char *spec)
{
	char *copy = xstrdup(spec), *tok, *save = NULL;
	for (tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		char *eq = strchr(tok, '=');
		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		ocr_document_set(d, tok, eq + 1, 0.95, NULL, NULL);
	}
	free(copy);
}

/* Stores a one-document fax received at `when` (ISO) with these fields;
 * returns the document's id. */
static int64_t add_fax(struct home *h, const char *when, enum ocr_doctype type, const char *spec)
{
	time_t t;
	char sha[65];
	int64_t doc = 0;
	struct ocr_document d;
	ck_assert_int_eq(util_parse_iso(when, &t), 0);
	util_sha256_mem(spec, strlen(spec), sha);
	ck_assert_int_eq(store_begin(h->s), 0);
	sqlite3_stmt *st = store_prepare(h->s, "INSERT INTO faxes(sha256, file, received,"
					       " received_from, pages, status, processed_at)"
					       " VALUES (?, 'f.xml', ?, 'datetime', 1, 'processed', 0)");
	ck_assert_ptr_nonnull(st);
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)t);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	ocr_document_init(&d, type);
	d.first_page = 1;
	d.npages = 1;
	set_fields(&d, spec);
	ck_assert_int_eq(intake_store_document(h->s, sqlite3_last_insert_rowid(h->s->db), &d, &doc),
			 0);
	ocr_document_clear(&d);
	ck_assert_int_eq(store_commit(h->s), 0);
	return doc;
}

static void derive_ok(struct home *h)
{
	ck_assert_int_eq(intake_derive(&h->in, h->s, "test"), 0);
}

/* The status of document id and its first rules reason ("" for none). */
static void doc_state(struct home *h, int64_t id, char status[16], char reason[32])
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT d.status, (SELECT code FROM reasons r WHERE"
		 " r.document_id = d.id AND r.origin = 'rules' ORDER BY r.id LIMIT 1)"
		 " FROM documents d WHERE d.id = %" PRId64, id);
	sqlite3_stmt *st = store_prepare(h->s, sql);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(status, 16, "%s", store_col_text(st, 0));
	snprintf(reason, 32, "%s", store_col_text(st, 1));
	sqlite3_finalize(st);
}

/* The registry parsed once and kept; each write of its row, by an import
 * (INSERT OR REPLACE) or by hand (UPDATE), is seen by the next
 * derivation. */
START_TEST(registry_kept_until_written)
{
	struct home h;
	char status[16], reason[32];
	home_open(&h);
	registry_write(&h, reg_one_line, false);
	int64_t doc = add_fax(&h, "2026-11-23T10:00:00+01:00", OCR_DOC_ONSITE,
			      ONSITE_FAULT "|line=3331112222|imei=490154203237518");
	unsigned long p0 = intake_registry_parses();
	derive_ok(&h);
	doc_state(&h, doc, status, reason);
	ck_assert_str_eq(status, "rejected");
	ck_assert_str_eq(reason, "LINE_UNKNOWN");
	/* nothing written: no parse */
	derive_ok(&h);
	derive_ok(&h);
	ck_assert_uint_eq(intake_registry_parses(), p0 + 1);

	/* an import that adds the line: the document is filed */
	registry_write(&h, reg_two_lines, false);
	derive_ok(&h);
	doc_state(&h, doc, status, reason);
	ck_assert_str_eq(status, "accepted");
	ck_assert_uint_eq(intake_registry_parses(), p0 + 2);
	ck_assert_int_eq(store_int(h.s, "SELECT COUNT(*) FROM tickets", -1), 1);

	/* a write by hand that drops it again: the ticket goes to a clerk */
	registry_write(&h, reg_one_line, true);
	derive_ok(&h);
	doc_state(&h, doc, status, reason);
	ck_assert_str_eq(status, "rejected");
	ck_assert_int_eq(store_int(h.s, "SELECT COUNT(*) FROM cases WHERE status = 'review'", -1),
			 1);
	ck_assert_uint_eq(intake_registry_parses(), p0 + 3);
	home_close(&h);
}
END_TEST

/* Two homes in one process, each with its own registry: the one kept for
 * one is never served for the other (the generation is random, not a
 * count that both would share). */
START_TEST(registry_kept_per_database)
{
	struct home a, b;
	char status[16], reason[32];
	home_open(&a);
	home_open(&b);
	registry_write(&a, reg_one_line, false);
	registry_write(&b, reg_two_lines, false);
	int64_t da = add_fax(&a, "2026-11-23T10:00:00+01:00", OCR_DOC_ONSITE,
			     ONSITE_FAULT "|line=3331112222|imei=490154203237518");
	int64_t db = add_fax(&b, "2026-11-23T10:00:00+01:00", OCR_DOC_ONSITE,
			     ONSITE_FAULT "|line=3331112222|imei=490154203237518");
	derive_ok(&a);
	derive_ok(&b);
	doc_state(&a, da, status, reason);
	ck_assert_str_eq(status, "rejected");
	doc_state(&b, db, status, reason);
	ck_assert_str_eq(status, "accepted");
	home_close(&a);
	home_close(&b);
}
END_TEST

int main(void)
{
	log_set_level(LOG_LVL_ERROR);
	if (util_set_timezone("Europe/Rome") != 0)
		return EXIT_FAILURE;
	setenv("FAXINTAKE_NOW", "2026-11-25T12:00:00+01:00", 1);
	Suite *s = suite_create("derive");
	TCase *tc = tcase_create("registry");
	tcase_add_test(tc, registry_kept_until_written);
	tcase_add_test(tc, registry_kept_per_database);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
