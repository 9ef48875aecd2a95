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
	/* tmpfs where there is one: the outbox syncs every file it writes */
	h->dir = xstrdup(access("/dev/shm", W_OK) == 0 ? "/dev/shm/fi-derive-XXXXXX"
						       : "/tmp/fi-derive-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(h->dir));
	h->in.home = h->dir;
	h->in.db_path = util_path_join(h->dir, "faxintake.db");
	char *outbox = util_path_join(h->dir, "outbox");
	ck_assert_int_eq(mkdir(outbox, 0750), 0);
	free(outbox);
	h->s = store_open(h->in.db_path, 5000, &err);
	ck_assert_msg(h->s != NULL, "%s", err.buf);
	/* a test's store needs no durability: seconds, not minutes */
	ck_assert_int_eq(store_exec(h->s, "PRAGMA synchronous=OFF"), 0);
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

/* A processed fax's row, inside the caller's transaction; its id. */
static int64_t insert_fax(struct home *h, const char *sha, time_t received, int pages)
{
	sqlite3_stmt *st = store_prepare(h->s, "INSERT INTO faxes(sha256, file, received,"
					       " received_from, pages, status, processed_at)"
					       " VALUES (?, 'f.xml', ?, 'datetime', ?, 'processed', 0)");
	ck_assert_ptr_nonnull(st);
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)received);
	sqlite3_bind_int(st, 3, pages);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(h->s->db);
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
	int64_t fax = insert_fax(h, sha, t, 1);
	ocr_document_init(&d, type);
	d.first_page = 1;
	d.npages = 1;
	set_fields(&d, spec);
	ck_assert_int_eq(intake_store_document(h->s, fax, &d, &doc), 0);
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


/* ------------------------------------------------ scoped = full (rule 11) */

/* Three companies; Mario Rossi signs for the first two (an identity copy
 * by his fiscal code or name fits both), the third shares nothing. */
static const char prop_registry[] =
	"<registry xmlns=\"urn:faxintake:registry:1\">\n"
	"  <company vat=\"04971230588\" name=\"Rossi Costruzioni S.r.l.\">\n"
	"    <address effective=\"2025-01-01T00:00:00+01:00\">Via Roma 1, 20121 Milano MI</address>\n"
	"    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"legal-representative\"/>\n"
	"    <person fiscal-code=\"VRDLGU70C03F205W\" name=\"Luigi Verdi\" role=\"mandatario\"/>\n"
	"    <line number=\"3351234567\" imei=\"352906112345675\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3331112222\" imei=\"490154203237518\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3391234567\" imei=\"359876543210987\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"  </company>\n"
	"  <company vat=\"01234567897\" name=\"Verdi S.n.c.\">\n"
	"    <address effective=\"2020-01-01T00:00:00+01:00\">Piazza Duomo 2, 50122 Firenze FI</address>\n"
	"    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"administrator\"/>\n"
	"    <line number=\"3209998888\" imei=\"353918057122649\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3201110000\" imei=\"350000009000015\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"  </company>\n"
	"  <company vat=\"00010000057\" name=\"Bianchi S.p.A.\">\n"
	"    <address effective=\"2020-01-01T00:00:00+01:00\">Corso Italia 3, 10121 Torino TO</address>\n"
	"    <person fiscal-code=\"BNCLCU75C04F205J\" name=\"Luca Bianchi\" role=\"legal-representative\"/>\n"
	"    <line number=\"3115550001\" imei=\"350000009000023\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3115550002\" imei=\"350000009000031\" coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"  </company>\n"
	"</registry>\n";

struct pline {
	const char *vat, *line, *imei, *cf, *signer;
};
static const struct pline plines[] = {
	{ "04971230588", "3351234567", "352906112345675", "RSSMRA80A01F205X", "Mario Rossi" },
	{ "04971230588", "3331112222", "490154203237518", "RSSMRA80A01F205X", "Mario Rossi" },
	{ "04971230588", "3391234567", "359876543210987", "VRDLGU70C03F205W", "Luigi Verdi" },
	{ "01234567897", "3209998888", "353918057122649", "RSSMRA80A01F205X", "Mario Rossi" },
	{ "01234567897", "3201110000", "350000009000015", "RSSMRA80A01F205X", "Mario Rossi" },
	{ "00010000057", "3115550001", "350000009000023", "BNCLCU75C04F205J", "Luca Bianchi" },
	{ "00010000057", "3115550002", "350000009000031", "BNCLCU75C04F205J", "Luca Bianchi" },
};
#define NPLINES (sizeof plines / sizeof plines[0])

#define PMAXDOCS 4
struct pdoc {
	enum ocr_doctype type;
	char spec[600];
};
struct pfax {
	time_t received;
	struct pdoc docs[PMAXDOCS];
	int ndocs;
};

static uint64_t prop_rng;
static long pick(long n)
{
	uint64_t z = (prop_rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (long)((z ^ (z >> 31)) % (uint64_t)n);
}

static void pdoc_form(struct pdoc *d, const struct pline *l, bool block, bool theft)
{
	static const char *const addresses[] = { "Via Nuova 7, 20100 Milano MI",
						 "Viale Po 9, 10100 Torino TO" };
	int n;
	if (block) {
		d->type = OCR_DOC_BLOCK;
		n = snprintf(d->spec, sizeof d->spec,
			     "vat=%s|line=%s|imei=%s|event=%s|event_date=2026-10-01|delivery=%s|"
			     "signer=%s|signer_cf=%s|date=2026-10-02|signature=true",
			     l->vat, l->line, l->imei, pick(2) ? "theft" : "loss",
			     pick(3) ? "point" : "site", l->signer, l->cf);
	} else {
		d->type = OCR_DOC_ONSITE;
		n = snprintf(d->spec, sizeof d->spec,
			     "vat=%s|line=%s|imei=%s|claim=%s|description=Non si accende|"
			     "declaration=true|signer=%s|signer_role=legal-representative|"
			     "signer_cf=%s|date=2026-10-02|signature=true|contact=Ufficio",
			     l->vat, l->line, l->imei, theft ? "theft" : "fault", l->signer, l->cf);
		if (!pick(3))
			snprintf(d->spec + n, sizeof d->spec - (size_t)n, "|address=%s",
				 addresses[pick(2)]);
	}
}

static void pdoc_attachment(struct pdoc *d, const struct pline *l, bool identity)
{
	if (identity) {
		d->type = OCR_DOC_IDENTITY;
		if (pick(4))
			snprintf(d->spec, sizeof d->spec, "fiscal_code=%s|expiry=2031-01-01", l->cf);
		else	/* no fiscal code: matched by name */
			snprintf(d->spec, sizeof d->spec, "surname=%s|name=%s|expiry=2031-01-01",
				 strchr(l->signer, ' ') + 1, "MARIO");
		return;
	}
	d->type = OCR_DOC_DENUNCIATION;
	switch (pick(3)) {
	case 0:
		snprintf(d->spec, sizeof d->spec, "date=2026-10-05|event_date=2026-10-01|imei=%s",
			 l->imei);
		break;
	case 1:
		snprintf(d->spec, sizeof d->spec, "date=2026-10-05|event_date=2026-10-01|line=%s",
			 l->line);
		break;
	default:
		snprintf(d->spec, sizeof d->spec,
			 "date=2026-10-05|event_date=2026-10-01|line=%s|imei=%s", l->line, l->imei);
	}
}

/* A random set of faxes over six weeks before 2026-11-25. */
static int prop_faxes(struct pfax *f, int max)
{
	time_t base;
	int n = 0;
	ck_assert_int_eq(util_parse_iso("2026-10-10T08:00:00+02:00", &base), 0);
	int want = 10 + (int)pick(max - 10);
	while (n < want) {
		struct pfax *x = &f[n];
		const struct pline *l = &plines[pick(NPLINES)];
		memset(x, 0, sizeof *x);
		x->received = base + (time_t)pick(45) * 86400 + (time_t)pick(36000);
		switch (pick(8)) {
		case 0:	/* a theft set in one fax */
			pdoc_form(&x->docs[x->ndocs++], l, true, true);
			pdoc_attachment(&x->docs[x->ndocs++], l, false);
			pdoc_attachment(&x->docs[x->ndocs++], l, true);
			break;
		case 1:
			pdoc_form(&x->docs[x->ndocs++], l, true, true);
			break;
		case 2:
			pdoc_attachment(&x->docs[x->ndocs++], l, pick(2));
			break;
		case 3:
			pdoc_form(&x->docs[x->ndocs++], l, false, true);
			break;
		case 5:	/* pages of two companies in one fax; an identity copy of nobody */
			pdoc_form(&x->docs[x->ndocs++], l, pick(2), true);
			pdoc_attachment(&x->docs[x->ndocs++], &plines[pick(NPLINES)], pick(2));
			if (pick(2)) {
				struct pdoc *d = &x->docs[x->ndocs++];
				d->type = OCR_DOC_IDENTITY;
				snprintf(d->spec, sizeof d->spec,
					 "surname=ESPOSITO|name=GENNARO|expiry=2031-01-01");
			}
			break;
		case 4:	/* a copy of an earlier fax's documents, received later */
			if (n > 0) {
				*x = f[pick(n)];
				x->received += (time_t)pick(6) * 86400 + 60;
				break;
			}
			/* fall through */
		default:
			pdoc_form(&x->docs[x->ndocs++], l, false, false);
			break;
		}
		n++;
	}
	return n;
}

/* Stores fax f (its sha256 from its number and contents). */
static void prop_store_fax(struct home *h, const struct pfax *f, int no)
{
	struct strbuf all = STRBUF_INIT;
	char sha[65];
	sb_addf(&all, "%d %lld", no, (long long)f->received);
	for (int i = 0; i < f->ndocs; i++)
		sb_adds(&all, f->docs[i].spec);
	util_sha256_mem(all.buf, all.len, sha);
	sb_release(&all);
	ck_assert_int_eq(store_begin(h->s), 0);
	int64_t fax = insert_fax(h, sha, f->received, f->ndocs);
	for (int i = 0; i < f->ndocs; i++) {
		struct ocr_document d;
		int64_t id;
		ocr_document_init(&d, f->docs[i].type);
		d.first_page = i + 1;
		d.npages = 1;
		set_fields(&d, f->docs[i].spec);
		ck_assert_int_eq(intake_store_document(h->s, fax, &d, &id), 0);
		ocr_document_clear(&d);
	}
	ck_assert_int_eq(store_commit(h->s), 0);
}

/* The rows of the queries as text, one line a row. */
static void query_rows(struct home *h, const char *const *queries, size_t n, struct strbuf *out)
{
	sb_reset(out);
	for (size_t q = 0; q < n; q++) {
		sqlite3_stmt *st = store_prepare(h->s, queries[q]);
		ck_assert_ptr_nonnull(st);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++)
				sb_addf(out, "%s|", store_col_text(st, c));
			sb_addc(out, '\n');
		}
		sqlite3_finalize(st);
		sb_adds(out, "--\n");
	}
}

/* Everything a derivation decides, as text. */
static void snapshot(struct home *h, struct strbuf *out)
{
	static const char *const queries[] = {
		"SELECT id, key, line, imei, claim, delivery, vat, opened, status, missing, contact,"
		" report_date, due_date, closed_at FROM cases ORDER BY id",
		"SELECT id, status, case_id FROM documents ORDER BY id",
		"SELECT document_id, case_id, code, field, text, origin FROM reasons"
		" ORDER BY document_id, case_id, code, field, text",
		"SELECT case_id, document_id, type, counts FROM case_documents"
		" ORDER BY case_id, document_id",
		"SELECT id, case_id, revision, report_date, due_date, written, xml FROM tickets"
		" ORDER BY id",
	};
	query_rows(h, queries, sizeof queries / sizeof queries[0], out);
}

static void assert_same(const struct strbuf *a, const struct strbuf *b, const char *what,
			unsigned seed)
{
	if (!strcmp(a->buf, b->buf))
		return;
	if (getenv("PROP_DUMP"))
		fprintf(stderr, "== scoped\n%s\n== full\n%s\n", a->buf, b->buf);
	const char *p = a->buf, *q = b->buf;
	while (*p && *p == *q)
		p++, q++;
	while (p > a->buf && p[-1] != '\n')
		p--, q--;
	ck_abort_msg("seed %u, %s: scoped and full derivations differ at\n  scoped: %.200s\n  full:   %.200s",
		     seed, what, p, q);
}

/* A clerk's correction (the same in both homes): a form's line moves to
 * another line, or an identity copy's fiscal code to another person's. */
static void prop_correct(struct home *h, int64_t doc, const struct pline *l)
{
	char sql[400];
	snprintf(sql, sizeof sql,
		 "UPDATE fields SET value = CASE name WHEN 'line' THEN '%s' WHEN 'imei' THEN '%s'"
		 " WHEN 'vat' THEN '%s' WHEN 'fiscal_code' THEN '%s' ELSE value END, source = 'clerk',"
		 " by = 'test' WHERE document_id = %" PRId64
		 " AND name IN ('line', 'imei', 'vat', 'fiscal_code')",
		 l->line, l->imei, l->vat, l->cf, doc);
	ck_assert_int_eq(store_begin(h->s), 0);
	ck_assert_int_eq(store_exec(h->s, sql), 0);
	ck_assert_int_eq(store_commit(h->s), 0);
}

/* A clerk's decision (the same in both homes): assign, accept, reject. */
static void prop_decide(struct home *h, int64_t doc, int64_t case_id, int what)
{
	char sql[300];
	if (what == 0)
		snprintf(sql, sizeof sql, "UPDATE documents SET clerk_case = %" PRId64
			 " WHERE id = %" PRId64 " AND EXISTS (SELECT 1 FROM cases WHERE id = %" PRId64 ")",
			 case_id, doc, case_id);
	else
		snprintf(sql, sizeof sql, "UPDATE documents SET clerk = '%s', clerk_why = 'seen'"
			 " WHERE id = %" PRId64, what == 1 ? "accepted" : "rejected", doc);
	ck_assert_int_eq(store_begin(h->s), 0);
	ck_assert_int_eq(store_exec(h->s, sql), 0);
	ck_assert_int_eq(store_commit(h->s), 0);
}

static void prop_cancel(struct home *h, int64_t case_id, time_t at)
{
	char sql[300];
	snprintf(sql, sizeof sql, "UPDATE cases SET status = 'cancelled', cancelled_why = 'withdrawn',"
		 " cancelled_by = 'test', closed_at = %lld WHERE id = %" PRId64
		 " AND status IN ('pending', 'review')", (long long)at, case_id);
	ck_assert_int_eq(store_begin(h->s), 0);
	ck_assert_int_eq(store_exec(h->s, sql), 0);
	ck_assert_int_eq(store_commit(h->s), 0);
}

#define PMAXFAX 40

/* A test's seed: PROP_SEED=N shifts them all. */
static unsigned prop_seed(unsigned base)
{
	const char *shift = getenv("PROP_SEED");
	return base + (shift ? (unsigned)atoi(shift) : 0);
}

/* The faxes of a seed, an order to feed them in, two homes with the
 * registry; the number of faxes. */
static int prop_setup(unsigned seed, struct pfax *faxes, int *order, struct home *a,
		      struct home *b)
{
	prop_rng = seed;
	int n = prop_faxes(faxes, PMAXFAX);
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)pick(i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	home_open(a);
	home_open(b);
	registry_write(a, prop_registry, false);
	registry_write(b, prop_registry, false);
	return n;
}

/* Random faxes fed in a random order and random batches to two homes:
 * one derives after each batch only what changed, the other everything;
 * between batches, the same clerks' corrections and cancellations in
 * both; "now" moves on so that waiting documents turn 30 days old. After
 * every pass both homes hold the same cases, statuses, reasons, links,
 * tickets and revisions, and after a last full derivation of both too.
 * PROP_SEED=N shifts the seeds, PROP_DUMP=1 tells each step and both
 * states when they differ. */
START_TEST(scoped_derivation_is_the_full_one)
{
	unsigned seed = prop_seed(1000 + (unsigned)_i);
	struct pfax faxes[PMAXFAX];
	int order[PMAXFAX];
	struct home a, b;
	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;
	size_t scoped_passes = 0;
	char now[40];

	int n = prop_setup(seed, faxes, order, &a, &b);
	time_t clock;
	ck_assert_int_eq(util_parse_iso("2026-10-20T12:00:00+02:00", &clock), 0);
	for (int next = 0; next < n;) {
		int batch = 1 + (int)pick(4);
		for (int k = 0; k < batch && next < n; k++, next++) {
			if (getenv("PROP_DUMP")) {
				fprintf(stderr, "fax %d at %lld:", order[next], (long long)faxes[order[next]].received);
				for (int q = 0; q < faxes[order[next]].ndocs; q++)
					fprintf(stderr, " [%s %s]", ocr_doctype_name(faxes[order[next]].docs[q].type), faxes[order[next]].docs[q].spec);
				fprintf(stderr, "\n");
			}
			prop_store_fax(&a, &faxes[order[next]], order[next]);
			prop_store_fax(&b, &faxes[order[next]], order[next]);
		}
		if (!pick(4)) {	/* a clerk's correction */
			int64_t ndocs = store_int(a.s, "SELECT MAX(id) FROM documents", 0);
			int64_t doc = 1 + pick(ndocs);
			const struct pline *l = &plines[pick(NPLINES)];
			if (getenv("PROP_DUMP"))
				fprintf(stderr, "correct doc %lld to %s\n", (long long)doc, l->line);
			prop_correct(&a, doc, l);
			prop_correct(&b, doc, l);
		}
		if (!pick(3)) {	/* a clerk's decision */
			int64_t ndocs = store_int(a.s, "SELECT MAX(id) FROM documents", 0);
			int64_t ncases = store_int(a.s, "SELECT MAX(id) FROM cases", 0);
			int64_t doc = 1 + pick(ndocs), c = ncases ? 1 + pick(ncases) : 0;
			int what = (int)pick(4) % 3;
			if (getenv("PROP_DUMP"))
				fprintf(stderr, "decide doc %lld case %lld what %d\n", (long long)doc, (long long)c, what);
			prop_decide(&a, doc, c, what);
			prop_decide(&b, doc, c, what);
		}
		if (!pick(5)) {	/* a cancellation */
			int64_t ncases = store_int(a.s, "SELECT MAX(id) FROM cases", 0);
			if (ncases > 0) {
				int64_t c = 1 + pick(ncases);
				if (getenv("PROP_DUMP"))
					fprintf(stderr, "cancel case %lld\n", (long long)c);
				prop_cancel(&a, c, clock);
				prop_cancel(&b, c, clock);
			}
		}
		clock += (time_t)pick(6) * 86400;
		setenv("FAXINTAKE_NOW", util_format_iso(clock, now, sizeof now), 1);
		derive_ok(&a);
		if (!intake_derive_last()->full)
			scoped_passes++;
		if (getenv("PROP_DUMP"))
			fprintf(stderr, "pass: full %d, %zu documents\n", intake_derive_last()->full,
				intake_derive_last()->documents);
		ck_assert_int_eq(intake_derive_mode(&b.in, b.s, "test", true), 0);
		snapshot(&a, &sa);
		snapshot(&b, &sb);
		assert_same(&sa, &sb, "after a pass", seed);
	}
	ck_assert_uint_gt(scoped_passes, 0);
	/* once more, everything, in both */
	ck_assert_int_eq(intake_derive_mode(&a.in, a.s, "test", true), 0);
	ck_assert_int_eq(intake_derive_mode(&b.in, b.s, "test", true), 0);
	snapshot(&a, &sa);
	snapshot(&b, &sb);
	assert_same(&sa, &sb, "after a last full derivation of both", seed);
	setenv("FAXINTAKE_NOW", "2026-11-25T12:00:00+01:00", 1);
	sb_release(&sa);
	sb_release(&sb);
	home_close(&a);
	home_close(&b);
}
END_TEST

/* What the derivation decided, named by what was received: documents by
 * their fax's number (prop_store_fax's sha256 says it) and page, cases
 * by their opening document, without ids (DESIGN rule 11). */
static void snapshot_by_receipt(struct home *h, struct strbuf *out)
{
	/* a ticket issued by an earlier pass that a document received
	 * earlier no longer supports is held for a clerk, never withdrawn:
	 * one derivation of everything never issued it. Such a ticket stays
	 * too on a case that is no longer complete (held for a clerk, below):
	 * only a complete case's ticket is compared. */
#define NOT_SUPPORTED                                                                        \
	"NOT EXISTS (SELECT 1 FROM reasons r WHERE r.case_id = c.id AND r.origin = 'rules'" \
	" AND r.text LIKE 'the documents no longer support this case%')"
	/* a ticketed case no longer complete is held for a clerk: its status
	 * as the documents make it is in the reason */
#define DERIVED_STATUS                                                                       \
	"COALESCE((SELECT CASE WHEN r.text LIKE '%make it pending)%' THEN 'pending'"          \
	" WHEN r.text LIKE '%make it review)%' THEN 'review' WHEN r.text LIKE"                \
	" '%make it rejected)%' THEN 'rejected' END FROM reasons r WHERE r.case_id = c.id"    \
	" AND r.text LIKE 'its ticket was issued, but%'), c.status)"
	static const char *const queries[] = {
		"SELECT f.sha256, d.first_page, d.status, (SELECT group_concat(code || '/' ||"
		" COALESCE(field, ''), ' ') FROM (SELECT code, field FROM reasons r WHERE"
		" r.document_id = d.id ORDER BY code, field)), cf.sha256, cd.first_page"
		" FROM documents d JOIN faxes f ON f.id = d.fax_id"
		" LEFT JOIN cases c ON c.id = d.case_id LEFT JOIN documents cd ON cd.id = c.key"
		" LEFT JOIN faxes cf ON cf.id = cd.fax_id ORDER BY 1, 2",
		"SELECT f.sha256, d.first_page, c.line, c.claim, c.delivery, " DERIVED_STATUS ", c.missing,"
		" c.report_date, c.due_date, CASE WHEN c.status = 'complete' THEN t.report_date END,"
		" CASE WHEN c.status = 'complete' THEN t.due_date END"
		" FROM cases c JOIN documents d ON d.id = c.key JOIN faxes f ON f.id = d.fax_id"
		" LEFT JOIN tickets t ON t.case_id = c.id WHERE " NOT_SUPPORTED " ORDER BY 1, 2",
		"SELECT count(*) FROM cases c WHERE " NOT_SUPPORTED,
	};
	query_rows(h, queries, sizeof queries / sizeof queries[0], out);
}

/* The same random faxes, no clerk: passes in a random order and random
 * batches end where one derivation of everything, fed in receipt order
 * in one batch, ends - but for ids and revisions. */
START_TEST(passes_end_where_one_derivation_does)
{
	unsigned seed = prop_seed(2000 + (unsigned)_i);
	struct pfax faxes[PMAXFAX];
	int order[PMAXFAX];
	struct home a, c;
	struct strbuf sa = STRBUF_INIT, sc = STRBUF_INIT;

	int n = prop_setup(seed, faxes, order, &a, &c);
	for (int next = 0; next < n;) {
		int batch = 1 + (int)pick(4);
		for (int k = 0; k < batch && next < n; k++, next++)
			prop_store_fax(&a, &faxes[order[next]], order[next]);
		derive_ok(&a);
	}
	/* one batch, in receipt order */
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && faxes[order[j - 1]].received > faxes[order[j]].received; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 0; i < n; i++)
		prop_store_fax(&c, &faxes[order[i]], order[i]);
	derive_ok(&c);
	snapshot_by_receipt(&a, &sa);
	snapshot_by_receipt(&c, &sc);
	assert_same(&sa, &sc, "passes against one derivation", seed);
	sb_release(&sa);
	sb_release(&sc);
	home_close(&a);
	home_close(&c);
}
END_TEST

/* The status of case id, and whether it holds a reason code. */
static void case_state(struct home *h, int64_t id, char status[16], const char *code, bool *has)
{
	char sql[240];
	snprintf(sql, sizeof sql, "SELECT status, EXISTS (SELECT 1 FROM reasons WHERE case_id = c.id"
		 " AND code = '%s'), (SELECT count(*) FROM tickets WHERE case_id = c.id)"
		 " FROM cases c WHERE id = %" PRId64, code, id);
	sqlite3_stmt *st = store_prepare(h->s, sql);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(status, 16, "%s", store_col_text(st, 0));
	*has = sqlite3_column_int(st, 1) != 0;
	ck_assert_int_eq(sqlite3_column_int(st, 2), 1);	/* the ticket stays */
	sqlite3_finalize(st);
}

/* Rule 11: a theft case completed and ticketed, then its denunciation
 * rejected by a clerk: the case is still named (its blocking form opens
 * it) but no longer complete. The ticket is not withdrawn silently: the
 * case goes to a clerk, and comes back when the documents complete it. */
/* A theft case with its ticket issued: blocking form, denunciation and
 * identity copy, derived; the case's id, the form's and denunciation's in
 * *block and *den. */
static int64_t theft_ticketed(struct home *h, int64_t *block, int64_t *den)
{
	registry_write(h, prop_registry, false);
	*block = add_fax(h, "2026-10-02T10:00:00+02:00", OCR_DOC_BLOCK,
			 "vat=04971230588|line=3351234567|imei=352906112345675|event=theft|"
			 "event_date=2026-10-01|delivery=point|signer=Mario Rossi|"
			 "signer_cf=RSSMRA80A01F205X|date=2026-10-02|signature=true");
	*den = add_fax(h, "2026-10-05T12:00:00+02:00", OCR_DOC_DENUNCIATION,
		       "date=2026-10-05|event_date=2026-10-01|imei=352906112345675");
	add_fax(h, "2026-10-05T12:30:00+02:00", OCR_DOC_IDENTITY,
		"fiscal_code=RSSMRA80A01F205X|expiry=2031-01-01");
	derive_ok(h);
	sqlite3_stmt *st = store_prepare(h->s, "SELECT case_id FROM tickets");
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t id = sqlite3_column_int64(st, 0);
	ck_assert_int_ne(sqlite3_step(st), SQLITE_ROW);
	sqlite3_finalize(st);
	return id;
}

/* Rule 11: a theft case completed and ticketed, then its denunciation
 * rejected by a clerk: the case is still named (its blocking form opens
 * it) but no longer complete. The ticket is not withdrawn silently: the
 * case goes to a clerk, and comes back when the documents complete it. */
START_TEST(ticketed_case_no_longer_complete_goes_to_a_clerk)
{
	struct home h;
	char status[16];
	bool has;
	int64_t block, den;
	home_open(&h);
	int64_t id = theft_ticketed(&h, &block, &den);
	case_state(&h, id, status, "DOCUMENT_MISMATCH", &has);
	ck_assert_str_eq(status, "complete");

	prop_decide(&h, den, 0, 2);	/* the clerk rejects the denunciation */
	derive_ok(&h);
	case_state(&h, id, status, "DOCUMENT_MISMATCH", &has);
	ck_assert_str_eq(status, "review");
	ck_assert(has);
	derive_ok(&h);	/* and stays there, pass after pass */
	case_state(&h, id, status, "DOCUMENT_MISMATCH", &has);
	ck_assert_str_eq(status, "review");

	prop_decide(&h, den, 0, 1);	/* accepted after all: complete again */
	derive_ok(&h);
	case_state(&h, id, status, "DOCUMENT_MISMATCH", &has);
	ck_assert_str_eq(status, "complete");
	ck_assert(!has);
	home_close(&h);
}
END_TEST

static int count_of(struct home *h, const char *sql)
{
	sqlite3_stmt *st = store_prepare(h->s, sql);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Makes the database refuse one kind of write, as a full disk or an I/O
 * error would (a temporary trigger: this connection only). */
static void refuse_writes(struct home *h, const char *table, const char *when)
{
	char sql[300];
	snprintf(sql, sizeof sql, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.%s WHEN %s"
		 " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END", table, when);
	ck_assert_int_eq(store_exec(h->s, sql), 0);
}

/* derive_hold's writes failing (its event, its reason) fail the
 * derivation, which rolls back whole like every other write of it: the
 * ticketed case stays complete, with no reason and no event of a hold,
 * its documents as they were; the next pass, the fault gone, holds it.
 * Loop: the event, then the reason, for a case no longer complete (its
 * denunciation rejected), then for a case no longer named (its blocking
 * form rejected). */
START_TEST(hold_that_cannot_be_written_rolls_back)
{
	struct home h;
	char status[16], dstatus[16], dreason[32], before[16];
	bool has;
	int64_t block, den;
	home_open(&h);
	int64_t id = theft_ticketed(&h, &block, &den);
	int64_t doc = _i < 2 ? den : block;
	doc_state(&h, doc, before, dreason);
	prop_decide(&h, doc, 0, 2);
	if (_i % 2 == 0)
		refuse_writes(&h, "events", "NEW.action = 'case-review'");
	else
		refuse_writes(&h, "reasons", "NEW.code = 'DOCUMENT_MISMATCH' AND NEW.case_id IS NOT NULL");
	ck_assert_int_ne(intake_derive(&h.in, h.s, "test"), 0);
	case_state(&h, id, status, "DOCUMENT_MISMATCH", &has);
	ck_assert_str_eq(status, "complete");
	ck_assert(!has);
	ck_assert_int_eq(count_of(&h, "SELECT count(*) FROM events WHERE action = 'case-review'"), 0);
	doc_state(&h, doc, dstatus, dreason);
	ck_assert_str_eq(dstatus, before);

	ck_assert_int_eq(store_exec(h.s, "DROP TRIGGER temp.refuse"), 0);
	derive_ok(&h);
	case_state(&h, id, status, "DOCUMENT_MISMATCH", &has);
	ck_assert_str_eq(status, "review");
	ck_assert(has);
	ck_assert_int_eq(count_of(&h, "SELECT count(*) FROM events WHERE action = 'case-review'"), 1);
	home_close(&h);
}
END_TEST

/* A case's opening event that cannot be written fails the derivation too:
 * no case, no ticket is left without its history. */
START_TEST(case_opened_that_cannot_be_logged_rolls_back)
{
	struct home h;
	home_open(&h);
	refuse_writes(&h, "events", "NEW.action = 'case-opened'");
	registry_write(&h, prop_registry, false);
	add_fax(&h, "2026-10-02T10:00:00+02:00", OCR_DOC_ONSITE,
		"line=3351234567|imei=352906112345675|" ONSITE_FAULT);
	ck_assert_int_ne(intake_derive(&h.in, h.s, "test"), 0);
	ck_assert_int_eq(count_of(&h, "SELECT count(*) FROM cases"), 0);
	ck_assert_int_eq(count_of(&h, "SELECT count(*) FROM events WHERE action = 'case-opened'"), 0);
	ck_assert_int_eq(store_exec(h.s, "DROP TRIGGER temp.refuse"), 0);
	derive_ok(&h);
	ck_assert_int_eq(count_of(&h, "SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(count_of(&h, "SELECT count(*) FROM events WHERE action = 'case-opened'"), 1);
	home_close(&h);
}
END_TEST

/* A pass with one new fax derives its company's documents, not the
 * store's. */
START_TEST(one_fax_derives_its_scope)
{
	struct home h;
	home_open(&h);
	registry_write(&h, prop_registry, false);
	prop_rng = 7;
	for (int i = 0; i < 12; i++) {
		struct pfax f = { 0 };
		f.received = 1792000000 + i * 3600;
		pdoc_form(&f.docs[f.ndocs++], &plines[i % 5], false, false);
		prop_store_fax(&h, &f, i);
	}
	derive_ok(&h);
	struct pfax f = { 0 };
	f.received = 1792000000 + 50 * 3600;
	pdoc_form(&f.docs[f.ndocs++], &plines[5], false, false);	/* the third company */
	prop_store_fax(&h, &f, 99);
	derive_ok(&h);
	ck_assert(!intake_derive_last()->full);
	ck_assert_uint_eq(intake_derive_last()->documents, 1);
	/* nothing new: nothing derived */
	derive_ok(&h);
	ck_assert_uint_eq(intake_derive_last()->documents, 0);
	home_close(&h);
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
	tc = tcase_create("scope");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, scoped_derivation_is_the_full_one, 0, 30);
	tcase_add_test(tc, one_fax_derives_its_scope);
	tcase_add_test(tc, ticketed_case_no_longer_complete_goes_to_a_clerk);
	tcase_add_loop_test(tc, hold_that_cannot_be_written_rolls_back, 0, 4);
	tcase_add_test(tc, case_opened_that_cannot_be_logged_rolls_back);
	tcase_add_loop_test(tc, passes_end_where_one_derivation_does, 0, 30);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
