/*
 * derive - runs rules_derive over the stored documents and writes back the
 * result: document statuses, case rows, reasons, tickets with revisions,
 * and the outbox files.
 *
 * Identity across derivations: a derived case is named by the id of its
 * opening document (its key). A stored case keeps its id while the
 * derivation names it by the same key, or - when an earlier-received form
 * arrived later and changed the key - while it holds one of the same
 * documents. Ticket ids never change: a changed ticket gets a revision.
 * An issued ticket the derivation no longer supports is never withdrawn
 * silently: its case goes to a clerk.
 *
 * Outbox: the ticket row (with its XML and revision) is committed first;
 * then the file is written atomically and the row marked written. A crash
 * in between is mended by the next derivation, which writes every row whose
 * last revision is not yet on disk. File names are fixed by id and
 * revision, so a repeated write replaces identical bytes: exactly once.
 *
 * Scope (DESIGN.md rule 11): a pass derives again only the documents a
 * change can reach. Triggers (intake/store.c, migration 3 -> 4) note in
 * derive_dirty every document written (by the pipeline, a clerk, a
 * reprocess) and every case cancelled; a waiting document that turned 30
 * days old is dirty too. The scope is the closure of the dirty documents
 * under link keys (rules_doc_links: the fax, the companies of the lines,
 * IMEIs and persons it names; and the cases documents were filed in,
 * matched to or assigned to), with the keys each document had at the
 * last derivation (derive_keys) and the keys it has now. rules_derive
 * over a closed set gives its documents the outcome the derivation of
 * all would (rules/rules.h, "links"), and only the scope's documents,
 * cases, reasons and links are written. Whenever what every outcome
 * depends on changes - the registry (its generation), the requirement
 * table, this program - the pass derives everything (the basis in meta
 * 'derive_basis'), and so does intake_derive_full.
 *
 * Failure policy: anything that fails rolls the transaction back and
 * returns -1 after logging; documents stay as they were and the next
 * derivation tries again.
 */
#include "intake/derive.h"
#include "common/log.h"
#include "common/util.h"
#include "rules/rules.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct rules_requirements *derive_req;

/* The parsed registry, kept between derivations in this process while the
 * stored registry's generation (meta 'registry_gen': new and random at
 * every write of the registry row, by a trigger, whatever the writer:
 * intake/store.c) is the one it was parsed from. */
static struct {
	char gen[40];
	struct rules_registry *reg;
	struct rules_links *links;	/* built from reg when first asked */
	unsigned long parses;
} derive_reg;

static struct intake_derive_stats derive_last;

struct derive_docs {
	struct rules_doc_in *in;
	int64_t *clerk_case;	/* the stored case a clerk assigned, 0 none */
	struct ocr_document *docs;
	char (*sha)[65];
	char **strs;		/* strings owned for the inputs */
	size_t nstrs;
	size_t n;
};

static const char *derive_keep(struct derive_docs *d, const char *s)
{
	if (!s || !*s)
		return NULL;
	d->strs = xrealloc(d->strs, (d->nstrs + 1) * sizeof *d->strs);
	d->strs[d->nstrs] = xstrdup(s);
	return d->strs[d->nstrs++];
}

static void derive_docs_free(struct derive_docs *d)
{
	for (size_t i = 0; i < d->n; i++)
		ocr_document_clear(&d->docs[i]);
	for (size_t i = 0; i < d->nstrs; i++)
		free(d->strs[i]);
	free(d->strs);
	free(d->in);
	free(d->clerk_case);
	free(d->docs);
	free(d->sha);
	memset(d, 0, sizeof *d);
}

int intake_registry_load(struct store *s, struct rules_registry **out)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT xml FROM registry WHERE id = 1");
	struct strbuf err = STRBUF_INIT;
	int rc = -1;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *xml = (const char *)sqlite3_column_text(st, 0);
		int len = sqlite3_column_bytes(st, 0);
		if (rules_registry_parse(xml, (size_t)len, 0, out, &err) == 0)
			rc = 0;
		else
			log_error("the stored registry does not parse: %s", err.buf);
	} else {
		*out = rules_registry_new();
		rc = 0;
	}
	sqlite3_finalize(st);
	sb_release(&err);
	return rc;
}

const struct rules_registry *intake_registry_current(struct store *s)
{
	char gen[40] = "";
	struct rules_registry *reg = NULL;
	sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = 'registry_gen'");
	if (!st)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(gen, sizeof gen, "%s", store_col_text(st, 0));
	sqlite3_finalize(st);
	/* no generation (a database not migrated by this program): parse */
	if (gen[0] && derive_reg.reg && !strcmp(gen, derive_reg.gen))
		return derive_reg.reg;
	if (intake_registry_load(s, &reg))
		return NULL;
	derive_reg.parses++;
	rules_links_free(&derive_reg.links);
	rules_registry_free(&derive_reg.reg);
	derive_reg.reg = reg;
	snprintf(derive_reg.gen, sizeof derive_reg.gen, "%s", gen);
	return reg;
}

unsigned long intake_registry_parses(void)
{
	return derive_reg.parses;
}

/* Loads the documents of temp.scope_docs. */
static int derive_load_docs(struct store *s, struct derive_docs *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT d.id, d.fax_id, f.sha256, d.first_page, f.received, d.type, d.clerk,"
		"       d.clerk_why, c.key, d.pages,"
		"       (SELECT code FROM reasons r WHERE r.document_id = d.id AND r.origin = 'read'"
		"        ORDER BY r.id LIMIT 1), d.clerk_case"
		" FROM documents d JOIN faxes f ON f.id = d.fax_id"
		" LEFT JOIN cases c ON c.id = d.clerk_case"
		" WHERE d.id IN (SELECT id FROM temp.scope_docs)"
		" ORDER BY d.id");
	if (!st)
		return -1;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (d->n == cap) {
			cap = cap ? cap * 2 : 256;
			d->in = xrealloc(d->in, cap * sizeof *d->in);
			d->clerk_case = xrealloc(d->clerk_case, cap * sizeof *d->clerk_case);
			d->docs = xrealloc(d->docs, cap * sizeof *d->docs);
			d->sha = xrealloc(d->sha, cap * sizeof *d->sha);
		}
		size_t i = d->n++;
		struct rules_doc_in *in = &d->in[i];
		memset(in, 0, sizeof *in);
		int t = ocr_doctype_parse(store_col_text(st, 5));
		ocr_document_init(&d->docs[i], t < 0 ? OCR_DOC_UNKNOWN : (enum ocr_doctype)t);
		d->docs[i].first_page = sqlite3_column_int(st, 3);
		d->docs[i].npages = sqlite3_column_int(st, 9);
		in->id = sqlite3_column_int64(st, 0);
		in->fax_id = sqlite3_column_int64(st, 1);
		snprintf(d->sha[i], sizeof d->sha[i], "%s", store_col_text(st, 2));
		in->page = sqlite3_column_int(st, 3);
		in->received = (time_t)sqlite3_column_int64(st, 4);
		const char *clerk = store_col_text(st, 6);
		in->clerk = !strcmp(clerk, "accepted") ? RULES_CLERK_ACCEPTED :
			    !strcmp(clerk, "rejected") ? RULES_CLERK_REJECTED : RULES_CLERK_NONE;
		in->clerk_why = derive_keep(d, store_col_text(st, 7));
		in->assigned_case = sqlite3_column_type(st, 8) == SQLITE_NULL ? 0 :
				    strtoll(store_col_text(st, 8), NULL, 10);
		in->reading_reason = derive_keep(d, store_col_text(st, 10));
		d->clerk_case[i] = sqlite3_column_int64(st, 11);
	}
	sqlite3_finalize(st);
	/* fields, in one pass ordered by document */
	st = store_prepare(s, "SELECT document_id, name, value, confidence, x, y, w, h, reason"
			      " FROM fields WHERE document_id IN (SELECT id FROM temp.scope_docs)"
			      " ORDER BY document_id");
	if (!st)
		return -1;
	size_t j = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		while (j < d->n && d->in[j].id < id)
			j++;
		if (j >= d->n || d->in[j].id != id)
			continue;
		struct ocr_region r = { sqlite3_column_int(st, 4), sqlite3_column_int(st, 5),
					sqlite3_column_int(st, 6), sqlite3_column_int(st, 7) };
		const char *reason = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL :
				     store_col_text(st, 8);
		ocr_document_set(&d->docs[j], store_col_text(st, 1), store_col_text(st, 2),
				 sqlite3_column_double(st, 3), &r, reason);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < d->n; i++) {
		d->in[i].doc = &d->docs[i];
		d->in[i].fax_sha256 = d->sha[i];
	}
	return 0;
}

static int derive_load_cancels(struct store *s, struct rules_cancel_in **out, size_t *n,
			       char ***whys)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT key, closed_at, cancelled_why FROM cases"
					    " WHERE status = 'cancelled'");
	if (!st)
		return -1;
	*out = NULL;
	*n = 0;
	*whys = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		*whys = xrealloc(*whys, (*n + 1) * sizeof **whys);
		(*whys)[*n] = xstrdup(store_col_text(st, 2));
		(*out)[*n].case_key = strtoll(store_col_text(st, 0), NULL, 10);
		(*out)[*n].at = (time_t)sqlite3_column_int64(st, 1);
		(*out)[*n].why = (*whys)[*n];
		(*n)++;
	}
	sqlite3_finalize(st);
	return 0;
}

/* ------------------------------------------------------------ writing */

static int derive_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Finds the stored case for a derived one: by key, else by a document it
 * holds (its key moved). Returns the id or 0. */
static int64_t derive_case_id(struct store *s, const struct rules_case *c, const char *key,
			      size_t ntaken, const int64_t *taken)
{
	int64_t id = 0;
	sqlite3_stmt *st = store_prepare(s, "SELECT id FROM cases WHERE key = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (id)
		return id;
	st = store_prepare(s, "SELECT case_id FROM case_documents WHERE document_id = ?"
			      " ORDER BY case_id");
	if (!st)
		return -1;
	for (size_t i = 0; i < c->ndocs && !id; i++) {
		sqlite3_bind_int64(st, 1, c->docs[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t cand = sqlite3_column_int64(st, 0);
			bool used = false;
			for (size_t k = 0; k < ntaken; k++)
				if (taken[k] == cand)
					used = true;
			if (!used) {
				id = cand;
				break;
			}
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return id;
}

static void derive_missing(const struct rules_case *c, struct strbuf *out)
{
	for (int t = 0; t < OCR_DOC_NTYPES; t++)
		if ((c->required & (1u << t)) && !c->has[t]) {
			if (out->len)
				sb_addc(out, ' ');
			sb_adds(out, ocr_doctype_name((enum ocr_doctype)t));
		}
}

static int derive_insert_reasons(struct store *s, const char *col, int64_t id,
				 const struct rules_reason *r, size_t n)
{
	char sql[200];
	snprintf(sql, sizeof sql, "INSERT INTO reasons(%s, code, field, text, origin)"
		 " VALUES (?, ?, ?, ?, 'rules')", col);
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, r[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r[i].field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, r[i].text, -1, SQLITE_STATIC);
		rc = derive_step(st);
	}
	sqlite3_finalize(st);
	return rc;
}

static const char *contact_phone_of(const struct derive_docs *d, const struct rules_case *c,
				     const char *name)
{
	if (!c->has[OCR_DOC_ONSITE])
		return NULL;
	for (size_t i = 0; i < d->n; i++)
		if (d->in[i].id == c->has[OCR_DOC_ONSITE])
			return ocr_document_value(&d->docs[i], name);
	return NULL;
}

static int derive_ticket(struct store *s, const char *actor, int64_t case_id,
			 const struct rules_case *c)
{
	struct strbuf xml = STRBUF_INIT, err = STRBUF_INIT;
	char cid[16], tid[32];
	int rc = -1;
	store_case_id(case_id, cid);
	sqlite3_stmt *st = store_prepare(s, "SELECT id, revision, xml, report_date, due_date"
					    " FROM tickets WHERE case_id = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(tid, sizeof tid, "%s", store_col_text(st, 0));
		int rev = sqlite3_column_int(st, 1);
		char *old = xstrdup(store_col_text(st, 2));
		time_t old_report = (time_t)sqlite3_column_int64(st, 3);
		char old_due[11];
		snprintf(old_due, sizeof old_due, "%s", store_col_text(st, 4));
		sqlite3_finalize(st);
		st = NULL;
		if (rules_ticket_to_xml(c->ticket, tid, rev, cid, &xml, &err)) {
			log_error("ticket %s: %s", tid, err.buf);
			free(old);
			goto out;
		}
		if (!strcmp(old, xml.buf)) {
			free(old);
			rc = 0;
			goto out;
		}
		/* what the ticket says changed: a new revision */
		sb_reset(&xml);
		if (rules_ticket_to_xml(c->ticket, tid, rev + 1, cid, &xml, &err)) {
			log_error("ticket %s: %s", tid, err.buf);
			free(old);
			goto out;
		}
		st = store_prepare(s, "UPDATE tickets SET revision = ?, report_date = ?, due_date = ?,"
				      " xml = ?, updated_at = ? WHERE id = ?");
		if (!st) {
			free(old);
			goto out;
		}
		sqlite3_bind_int(st, 1, rev + 1);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)c->ticket->report_date);
		sqlite3_bind_text(st, 3, c->ticket->due_date, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, xml.buf, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)util_now());
		sqlite3_bind_text(st, 6, tid, -1, SQLITE_STATIC);
		rc = derive_step(st);
		struct strbuf ev = STRBUF_INIT;
		char a[40], b[40];
		sb_addf(&ev, "revision %d: report date %s -> %s, due %s -> %s", rev + 1,
			util_format_iso(old_report, a, sizeof a),
			util_format_iso(c->ticket->report_date, b, sizeof b), old_due,
			c->ticket->due_date);
		if (!rc)
			rc = store_event(s, actor, "ticket-revised", tid, ev.buf);
		if (!rc)
			log_info("ticket %s revised (%s)", tid, ev.buf);
		sb_release(&ev);
		free(old);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	/* a new ticket: the year of its report date, the next number in it */
	char day[11];
	util_format_date(c->ticket->report_date, day, sizeof day);
	int year = atoi(day);
	char sql[120];
	snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(seq), 0) + 1 FROM tickets WHERE year = %d",
		 year);
	int64_t seq = store_int(s, sql, 1);
	snprintf(tid, sizeof tid, "AR-%04d-%06lld", year, (long long)seq);
	if (rules_ticket_to_xml(c->ticket, tid, 1, cid, &xml, &err)) {
		log_error("ticket %s: %s", tid, err.buf);
		goto out;
	}
	st = store_prepare(s, "INSERT INTO tickets(id, case_id, year, seq, revision, report_date,"
			      " due_date, xml, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)");
	if (!st)
		goto out;
	time_t now = util_now();
	sqlite3_bind_text(st, 1, tid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, case_id);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int64(st, 4, seq);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)c->ticket->report_date);
	sqlite3_bind_text(st, 6, c->ticket->due_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, xml.buf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)now);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)now);
	rc = derive_step(st);
	if (!rc) {
		struct strbuf ev = STRBUF_INIT;
		char a[40];
		sb_addf(&ev, "case %s, report date %s, due %s", cid,
			util_format_iso(c->ticket->report_date, a, sizeof a), c->ticket->due_date);
		rc = store_event(s, actor, "ticket-created", tid, ev.buf);
		log_info("ticket %s created: %s", tid, ev.buf);
		sb_release(&ev);
	}
out:
	sqlite3_finalize(st);
	sb_release(&xml);
	sb_release(&err);
	return rc;
}

/* Case id's stored status and its ticket's id ("" when it has none):
 * 0, or -1 after logging. */
static int derive_ticketed(struct store *s, int64_t id, char was[16], char ticket[24])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT c.status, t.id FROM cases c JOIN tickets t"
					    " ON t.case_id = c.id WHERE c.id = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		snprintf(was, 16, "%s", store_col_text(st, 0));
		snprintf(ticket, 24, "%s", store_col_text(st, 1));
	}
	sqlite3_finalize(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE) {
		log_error("cannot read case %" PRId64 ": %s", id, sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

/* Ticketed case id, whose status the caller has made 'review', held for a
 * clerk: an issued ticket is never withdrawn silently (rule 11). Adds the
 * DOCUMENT_MISMATCH reason text and, on the pass that first holds it (was:
 * its status before the pass), an event and a warning saying why; -1 when
 * a write fails (the caller rolls the derivation back). */
static int derive_hold(struct store *s, const char *actor, int64_t id, const char *ticket,
		       const char *was, char *text, const char *why)
{
	char cid[16], code[] = "DOCUMENT_MISMATCH";
	struct rules_reason r = { code, NULL, text };
	if (derive_insert_reasons(s, "case_id", id, &r, 1))
		return -1;
	if (strcmp(was, "review") != 0) {
		store_case_id(id, cid);
		/* a hold without its event would be a ticket changed silently */
		if (store_event(s, actor, "case-review", cid, text))
			return -1;
		log_warn("case %s (ticket %s) %s: held for a clerk", cid, ticket, why);
	}
	return 0;
}

static int derive_write(struct store *s, const char *actor, const struct derive_docs *d,
			const struct rules_result *res, int64_t *ids)
{
	int rc = -1;
	sqlite3_stmt *upd_doc = NULL, *ins_cd = NULL;

	/* derived reasons are re-derived: clear the old ones (the links go
	 * after the cases are matched: derive_case_id finds a case whose key
	 * moved by the documents it held) */
	if (store_exec(s, "DELETE FROM reasons WHERE origin = 'rules' AND document_id IN"
			  " (SELECT id FROM temp.scope_docs);"
			  "DELETE FROM reasons WHERE origin = 'rules' AND case_id IN"
			  " (SELECT id FROM temp.scope_cases);"))
		goto out;
	for (size_t i = 0; i < res->ncases; i++) {
		const struct rules_case *c = &res->cases[i];
		char key[32];
		snprintf(key, sizeof key, "%" PRId64, c->key);
		int64_t id = derive_case_id(s, c, key, i, ids);
		if (id < 0)
			goto out;
		/* a case whose ticket was issued, as it was before this pass */
		char was[16] = "", ticket[24] = "";
		if (id && c->status != RULES_CASE_COMPLETE && derive_ticketed(s, id, was, ticket) < 0)
			goto out;
		struct strbuf missing = STRBUF_INIT;
		derive_missing(c, &missing);
		/* a ticketed case the documents no longer make complete (a
		 * document rejected or corrected, an earlier one come in) goes
		 * to a clerk with its ticket as it was */
		bool hold = ticket[0] && strcmp(was, "cancelled") != 0;
		const char *status = hold ? "review" : rules_case_status_name(c->status);
		sqlite3_stmt *st;
		if (id) {
			st = store_prepare(s, "UPDATE cases SET key = ?1, line = ?2, imei = ?3, claim = ?4,"
				" delivery = ?5, vat = ?6, opened = ?7, status = CASE WHEN status = 'cancelled'"
				" THEN status ELSE ?8 END, missing = ?9, contact = ?10, contact_phone = ?11,"
				" report_date = ?12, due_date = ?13,"
				" closed_at = CASE WHEN ?8 IN ('complete','rejected') THEN COALESCE(closed_at, ?14)"
				" WHEN status = 'cancelled' THEN closed_at ELSE NULL END WHERE id = ?15");
		} else {
			st = store_prepare(s, "INSERT INTO cases(key, line, imei, claim, delivery, vat, opened,"
				" status, missing, contact, contact_phone, report_date, due_date, closed_at)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
				" CASE WHEN ?8 IN ('complete','rejected') THEN ?14 END)");
		}
		if (!st) {
			sb_release(&missing);
			goto out;
		}
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, c->line, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->imei, -1, SQLITE_STATIC);
		if (c->claim)
			sqlite3_bind_text(st, 4, rules_claim_name(c->claim), -1, SQLITE_STATIC);
		if (c->delivery)
			sqlite3_bind_text(st, 5, rules_delivery_name(c->delivery), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, c->vat, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, (sqlite3_int64)c->opened);
		sqlite3_bind_text(st, 8, status, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, missing.buf, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 10, contact_phone_of(d, c, "contact"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, contact_phone_of(d, c, "contact_phone"), -1, SQLITE_STATIC);
		if (c->report_date)
			sqlite3_bind_int64(st, 12, (sqlite3_int64)c->report_date);
		if (c->due_date[0])
			sqlite3_bind_text(st, 13, c->due_date, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 14, (sqlite3_int64)(c->report_date ? c->report_date : util_now()));
		if (id)
			sqlite3_bind_int64(st, 15, id);
		int r = sqlite3_step(st);
		sqlite3_finalize(st);
		sb_release(&missing);
		if (r != SQLITE_DONE) {
			log_error("cannot record case %s: %s", key, sqlite3_errmsg(s->db));
			goto out;
		}
		if (!id) {
			id = sqlite3_last_insert_rowid(s->db);
			char cid[16];
			store_case_id(id, cid);
			if (store_event(s, actor, "case-opened", cid, status))
				goto out;
		}
		ids[i] = id;
		if (derive_insert_reasons(s, "case_id", id, c->reasons, c->nreasons))
			goto out;
		if (hold) {
			char text[160];
			snprintf(text, sizeof text, "its ticket was issued, but the documents no longer"
				 " make the case complete (they make it %s); a clerk must decide",
				 rules_case_status_name(c->status));
			if (derive_hold(s, actor, id, ticket, was, text, "is no longer complete"))
				goto out;
		}
		if (c->status == RULES_CASE_COMPLETE && c->ticket && derive_ticket(s, actor, id, c))
			goto out;
	}
	/* stored cases the derivation no longer names */
	sqlite3_stmt *st = store_prepare(s, "SELECT c.id, c.key, c.status, t.id FROM cases c"
					    " LEFT JOIN tickets t ON t.case_id = c.id"
					    " WHERE c.id IN (SELECT id FROM temp.scope_cases)");
	if (!st)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		bool seen = false;
		for (size_t i = 0; i < res->ncases; i++)
			if (ids[i] == id)
				seen = true;
		if (seen || !strcmp(store_col_text(st, 2), "cancelled"))
			continue;
		char code[] = "DOCUMENT_MISMATCH";
		char text[] = "the documents no longer support this case; a clerk must decide";
		struct rules_reason r = { code, NULL, text };
		char sql[120];
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			snprintf(sql, sizeof sql, "UPDATE cases SET status = 'review' WHERE id = %lld",
				 (long long)id);
			if (store_exec(s, sql) || derive_hold(s, actor, id, store_col_text(st, 3),
							      store_col_text(st, 2), text,
							      "is no longer supported by its documents"))
				goto out_st;
		} else {
			snprintf(sql, sizeof sql, "UPDATE cases SET status = 'rejected', missing = NULL,"
				 " key = 'gone-' || id WHERE id = %lld", (long long)id);
			if (store_exec(s, sql) || derive_insert_reasons(s, "case_id", id, &r, 1))
				goto out_st;
		}
		continue;
out_st:
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);

	if (store_exec(s, "DELETE FROM case_documents WHERE case_id IN"
			  " (SELECT id FROM temp.scope_cases);"
			  "DELETE FROM case_documents WHERE document_id IN"
			  " (SELECT id FROM temp.scope_docs);"
			  "UPDATE documents SET case_id = NULL WHERE id IN (SELECT id FROM temp.scope_docs);"))
		goto out;
	upd_doc = store_prepare(s, "UPDATE documents SET status = ?, case_id = ? WHERE id = ?");
	ins_cd = store_prepare(s, "INSERT OR REPLACE INTO case_documents(case_id, type, document_id,"
				  " counts) VALUES (?, ?, ?, ?)");
	if (!upd_doc || !ins_cd)
		goto out;
	for (size_t i = 0; i < res->ndocs; i++) {
		const struct rules_doc_out *o = &res->docs[i];
		int64_t case_id = 0;
		for (size_t k = 0; k < res->ncases; k++)
			if (res->cases[k].key == o->case_key)
				case_id = ids[k];
		sqlite3_bind_text(upd_doc, 1, rules_doc_status_name(o->status), -1, SQLITE_STATIC);
		if (case_id)
			sqlite3_bind_int64(upd_doc, 2, case_id);
		else
			sqlite3_bind_null(upd_doc, 2);
		sqlite3_bind_int64(upd_doc, 3, o->id);
		if (derive_step(upd_doc))
			goto out;
		if (case_id && (o->status == RULES_DOC_ACCEPTED)) {
			sqlite3_bind_int64(ins_cd, 1, case_id);
			sqlite3_bind_text(ins_cd, 2, ocr_doctype_name(d->in[i].doc->type), -1,
					  SQLITE_STATIC);
			sqlite3_bind_int64(ins_cd, 3, o->id);
			sqlite3_bind_int(ins_cd, 4, o->counts);
			if (derive_step(ins_cd))
				goto out;
		}
		if (derive_insert_reasons(s, "document_id", o->id, o->reasons, o->nreasons))
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(upd_doc);
	sqlite3_finalize(ins_cd);
	return rc;
}

/* Writes every ticket revision not yet on disk. */
static int derive_outbox(struct intake *in, struct store *s)
{
	int rc = 0;
	char *outbox = intake_path(in, "outbox");
	sqlite3_stmt *st = store_prepare(s, "SELECT id, revision, xml FROM tickets"
					    " WHERE written < revision ORDER BY id");
	if (!st) {
		free(outbox);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = store_col_text(st, 0);
		int rev = sqlite3_column_int(st, 1);
		struct strbuf name = STRBUF_INIT;
		if (rev == 1)
			sb_addf(&name, "%s/%s.xml", outbox, id);
		else
			sb_addf(&name, "%s/%s.r%d.xml", outbox, id, rev);
		const char *xml = (const char *)sqlite3_column_text(st, 2);
		if (util_write_atomic(name.buf, xml, strlen(xml), 0640)) {
			log_warn("cannot write '%s': %s (will retry)", name.buf, strerror(errno));
			rc = -1;
		} else {
			char sql[160];
			snprintf(sql, sizeof sql, "UPDATE tickets SET written = %d WHERE id = '%s'", rev, id);
			if (store_exec(s, sql))
				rc = -1;
		}
		sb_release(&name);
	}
	sqlite3_finalize(st);
	free(outbox);
	return rc;
}

/* ------------------------------------------------------------ scope */

static const struct rules_links *derive_links(const struct rules_registry *reg)
{
	if (!derive_reg.links || derive_reg.reg != reg) {
		rules_links_free(&derive_reg.links);
		derive_reg.links = rules_links_new(reg);
	}
	return derive_reg.links;
}

/* What every outcome depends on besides the documents: the registry's
 * generation, the requirement table, this program. */
static void derive_basis(struct store *s, struct strbuf *out)
{
	static char req_hash[65];
	if (!req_hash[0]) {
		struct strbuf t = STRBUF_INIT;
		for (size_t i = 0; i < derive_req->nrows; i++) {
			const struct rules_requirement *r = &derive_req->rows[i];
			sb_addf(&t, "%d %u %d %u\n", (int)r->opened_by, r->claims, (int)r->delivery,
				r->required);
		}
		for (size_t i = 0; i < derive_req->nwords; i++)
			sb_addf(&t, "%s %d\n", derive_req->words[i].stem, (int)derive_req->words[i].whole);
		util_sha256_mem(t.buf, t.len, req_hash);
		sb_release(&t);
	}
	sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = 'registry_gen'");
	const char *gen = "";
	if (st && sqlite3_step(st) == SQLITE_ROW)
		gen = store_col_text(st, 0);
	/* a build of this program is a basis of its own: rules may change.
	 * The executable's identity covers every module linked into it (this
	 * file's compile time alone would miss a change to rules/) */
	struct stat exe;
	sb_addf(out, "faxintake %s %s %s", FAXINTAKE_VERSION, __DATE__, __TIME__);
	if (stat("/proc/self/exe", &exe) == 0)
		sb_addf(out, " exe %llu %lld %lld.%09ld", (unsigned long long)exe.st_ino,
			(long long)exe.st_size, (long long)exe.st_mtim.tv_sec, exe.st_mtim.tv_nsec);
	sb_addf(out, "; registry %s; requirements %s", gen[0] ? gen : "none", req_hash);
	sqlite3_finalize(st);
}

static int derive_scope_tables(struct store *s)
{
	return store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS scope_docs(id INTEGER PRIMARY KEY);"
			     "CREATE TEMP TABLE IF NOT EXISTS scope_cases(id INTEGER PRIMARY KEY);"
			     "CREATE TEMP TABLE IF NOT EXISTS scope_keys(key TEXT PRIMARY KEY);"
			     "CREATE TEMP TABLE IF NOT EXISTS scope_dirty(key TEXT PRIMARY KEY);"
			     "DELETE FROM temp.scope_docs; DELETE FROM temp.scope_cases;"
			     "DELETE FROM temp.scope_keys; DELETE FROM temp.scope_dirty;"
			     "INSERT INTO temp.scope_dirty SELECT key FROM derive_dirty;");
}

struct key_sink {
	sqlite3_stmt *st;
	int64_t doc;		/* bound as ?2 when > 0 */
	int rc;
};

static void key_add(void *ctx, const char *key)
{
	struct key_sink *k = ctx;
	sqlite3_bind_text(k->st, 1, key, -1, SQLITE_TRANSIENT);
	if (k->doc > 0)
		sqlite3_bind_int64(k->st, 2, k->doc);
	if (derive_step(k->st))
		k->rc = -1;
}

static void key_add_case(struct key_sink *k, int64_t case_id)
{
	char key[32];
	if (case_id <= 0)
		return;
	snprintf(key, sizeof key, "k:%" PRId64, case_id);
	key_add(k, key);
}

/* The closure of the dirty documents and cases (see the top). Leaves the
 * documents in temp.scope_docs (with those deleted since), the stored
 * cases they reach in temp.scope_cases. */
static int derive_scope(struct store *s, const struct rules_links *links, time_t now)
{
	struct derive_docs dirty = { 0 };
	char sql[600];
	int rc = -1;

	/* what time alone changes: the 30-day rule at `now` */
	snprintf(sql, sizeof sql,
		 "INSERT OR IGNORE INTO temp.scope_dirty SELECT 'd:' || d.id FROM documents d"
		 " JOIN faxes f ON f.id = d.fax_id WHERE d.status = 'waiting' AND %lld - f.received > %d;"
		 "INSERT OR IGNORE INTO temp.scope_dirty SELECT 'd:' || r.document_id FROM reasons r"
		 " JOIN documents d ON d.id = r.document_id JOIN faxes f ON f.id = d.fax_id"
		 " WHERE r.origin = 'rules' AND r.code = 'NO_MATCHING_CASE' AND %lld - f.received <= %d;",
		 (long long)now, RULES_WAIT_LIMIT, (long long)now, RULES_WAIT_LIMIT);
	if (store_exec(s, sql) ||
	    store_exec(s, "INSERT OR IGNORE INTO temp.scope_docs SELECT CAST(substr(key, 3) AS INTEGER)"
			  " FROM temp.scope_dirty WHERE key LIKE 'd:%';"
			  "INSERT OR IGNORE INTO temp.scope_keys SELECT key FROM temp.scope_dirty"
			  " WHERE key LIKE 'k:%';"))
		return -1;
	/* the keys the dirty documents have now */
	if (derive_load_docs(s, &dirty))
		goto out;
	struct key_sink sink = { store_prepare(s, "INSERT OR IGNORE INTO temp.scope_keys VALUES (?1)"),
				 0, 0 };
	if (!sink.st)
		goto out;
	for (size_t i = 0; i < dirty.n; i++) {
		rules_doc_links(links, &dirty.in[i], key_add, &sink);
		key_add_case(&sink, dirty.clerk_case[i]);
	}
	sqlite3_finalize(sink.st);
	if (sink.rc)
		goto out;
	/* the closure, with the keys documents had at the last derivation and
	 * the stored cases they reach */
	static const char *const steps[] = {
		"INSERT OR IGNORE INTO temp.scope_docs SELECT document_id FROM derive_keys"
		" WHERE key IN (SELECT key FROM temp.scope_keys)",
		"INSERT OR IGNORE INTO temp.scope_keys SELECT key FROM derive_keys"
		" WHERE document_id IN (SELECT id FROM temp.scope_docs)",
		"INSERT OR IGNORE INTO temp.scope_cases SELECT case_id FROM documents"
		" WHERE id IN (SELECT id FROM temp.scope_docs) AND case_id IS NOT NULL",
		"INSERT OR IGNORE INTO temp.scope_cases SELECT clerk_case FROM documents"
		" WHERE id IN (SELECT id FROM temp.scope_docs) AND clerk_case IS NOT NULL",
		"INSERT OR IGNORE INTO temp.scope_cases SELECT case_id FROM case_documents"
		" WHERE document_id IN (SELECT id FROM temp.scope_docs)",
		"INSERT OR IGNORE INTO temp.scope_cases SELECT id FROM cases"
		" WHERE key IN (SELECT CAST(id AS TEXT) FROM temp.scope_docs)",
		"INSERT OR IGNORE INTO temp.scope_cases SELECT CAST(substr(key, 3) AS INTEGER)"
		" FROM temp.scope_keys WHERE key LIKE 'k:%'",
		"INSERT OR IGNORE INTO temp.scope_keys SELECT 'k:' || id FROM temp.scope_cases",
		/* a case's key is the document that opened it (review assign
		 * names a case by it) */
		"INSERT OR IGNORE INTO temp.scope_docs SELECT CAST(key AS INTEGER) FROM cases"
		" WHERE id IN (SELECT id FROM temp.scope_cases) AND key NOT LIKE 'gone-%'",
		"INSERT OR IGNORE INTO temp.scope_docs SELECT id FROM documents"
		" WHERE case_id IN (SELECT id FROM temp.scope_cases)"
		"    OR clerk_case IN (SELECT id FROM temp.scope_cases)",
	};
	for (;;) {
		int changed = 0;
		for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
			if (store_exec(s, steps[i]))
				goto out;
			changed += sqlite3_changes(s->db);
		}
		if (!changed)
			break;
	}
	rc = 0;
out:
	derive_docs_free(&dirty);
	return rc;
}

/* The links of the derived documents, for the next scope. */
static int derive_store_keys(struct store *s, const struct rules_links *links,
			     const struct derive_docs *d, const struct rules_result *res,
			     const int64_t *ids)
{
	if (store_exec(s, "DELETE FROM derive_keys WHERE document_id IN"
			  " (SELECT id FROM temp.scope_docs)"))
		return -1;
	struct key_sink sink = {
		store_prepare(s, "INSERT OR IGNORE INTO derive_keys(key, document_id) VALUES (?1, ?2)"),
		0, 0 };
	if (!sink.st)
		return -1;
	for (size_t i = 0; i < d->n && !sink.rc; i++) {
		sink.doc = d->in[i].id;
		rules_doc_links(links, &d->in[i], key_add, &sink);
		key_add_case(&sink, d->clerk_case[i]);
		for (size_t k = 0; k < res->ncases; k++)
			if (res->cases[k].key == res->docs[i].case_key)
				key_add_case(&sink, ids[k]);
	}
	sqlite3_finalize(sink.st);
	return sink.rc;
}

int intake_derive(struct intake *in, struct store *s, const char *actor)
{
	return intake_derive_mode(in, s, actor, false);
}

int intake_derive_mode(struct intake *in, struct store *s, const char *actor, bool full)
{
	struct strbuf err = STRBUF_INIT, basis = STRBUF_INIT;
	const struct rules_registry *reg = NULL;
	const struct rules_links *links;
	struct rules_result *res = NULL;
	struct derive_docs d = { 0 };
	struct rules_cancel_in *cancels = NULL;
	char **whys = NULL;
	int64_t *ids = NULL;
	size_t ncancels = 0;
	int rc = -1;
	time_t now = util_now();

	/* revisions still missing from the outbox first: a new revision would
	 * replace the stored XML of an unwritten one, which the logistics
	 * system would then never see */
	if (derive_outbox(in, s)) {
		log_warn("tickets wait to be written to the outbox: cases are derived again"
			 " once they are");
		goto out;
	}
	if (!derive_req && rules_requirements_load(NULL, &derive_req, &err)) {
		log_error("cannot load the requirement table: %s", err.buf);
		goto out;
	}
	if (store_begin(s))
		goto out;
	if (!(reg = intake_registry_current(s)))
		goto fail;
	links = derive_links(reg);
	derive_basis(s, &basis);
	sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = 'derive_basis'");
	if (!st)
		goto fail;
	if (sqlite3_step(st) != SQLITE_ROW || strcmp(store_col_text(st, 0), basis.buf) != 0)
		full = true;
	sqlite3_finalize(st);
	if (derive_scope_tables(s))
		goto fail;
	if (full) {
		if (store_exec(s, "INSERT INTO temp.scope_docs SELECT id FROM documents;"
				  "INSERT INTO temp.scope_cases SELECT id FROM cases;"
				  "DELETE FROM derive_keys;"))
			goto fail;
	} else if (derive_scope(s, links, now)) {
		goto fail;
	}
	if (derive_load_docs(s, &d) || derive_load_cancels(s, &cancels, &ncancels, &whys))
		goto fail;
	struct rules_input ri = { reg, derive_req, d.in, d.n, cancels, ncancels, now };
	if (rules_derive(&ri, &res, &err)) {
		log_error("cannot derive cases: %s", err.buf);
		goto fail;
	}
	/* what this pass took in is done; what its own writes note (a case
	 * the rules cancel, a cancelled case's key moving: the cancellations
	 * are read from the cases) is for the next pass */
	if (store_exec(s, "DELETE FROM derive_dirty WHERE key IN (SELECT key FROM temp.scope_dirty)"))
		goto fail;
	ids = xcalloc(res->ncases + 1, sizeof *ids);
	if (derive_write(s, actor, &d, res, ids) || derive_store_keys(s, links, &d, res, ids))
		goto fail;
	if (full) {
		st = store_prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES ('derive_basis', ?)");
		if (!st)
			goto fail;
		sqlite3_bind_text(st, 1, basis.buf, -1, SQLITE_STATIC);
		int r = derive_step(st);
		sqlite3_finalize(st);
		if (r)
			goto fail;
	}
	if (store_commit(s))
		goto fail;
	derive_last.full = full;
	derive_last.documents = d.n;
	derive_last.cases = res->ncases;
	rc = derive_outbox(in, s);
	goto out;
fail:
	store_rollback(s);
out:
	rules_result_free(&res);
	derive_docs_free(&d);
	for (size_t i = 0; i < ncancels; i++)
		free(whys[i]);
	free(whys);
	free(cancels);
	free(ids);
	sb_release(&err);
	sb_release(&basis);
	return rc;
}

const struct intake_derive_stats *intake_derive_last(void)
{
	return &derive_last;
}
