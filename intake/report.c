/*
 * report - the figures of the nightly report, read from the database.
 *
 * Failure policy: a database error is logged (store.c says which statement
 * failed) and report_load returns NULL; the caller writes nothing. All
 * queries run in one read transaction so that the three files agree even
 * while the daemon writes (WAL: readers never block the writer). Every list
 * has a total order (ORDER BY ... id), so two runs print the same bytes.
 */
#include "intake/report.h"
#include "common/log.h"
#include "common/util.h"
#include "rules/calendar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const report_doc_statuses[REPORT_DOC_STATUSES] = {
	"accepted", "waiting", "review", "rejected",
};

/* Grows an array *v of *n elements by one zeroed element, returns it. */
#define REPORT_PUSH(v, n) \
	((v) = xrealloc((v), ((n) + 1) * sizeof *(v)), memset(&(v)[(n)], 0, sizeof *(v)), &(v)[(n)++])

/* ------------------------------------------------------------- calendar */

int report_day_add(const char *day, int n, char *out, size_t size)
{
	struct rules_day d;
	if (rules_cal_parse(day, &d))
		return -1;
	rules_cal_format(rules_cal_add_days(d, n), out, size);
	return 0;
}

int report_next_business_day(const char *day, char *out, size_t size)
{
	struct rules_day d;
	if (rules_cal_parse(day, &d))
		return -1;
	rules_cal_format(rules_cal_add_business_days(d, 1), out, size);
	return 0;
}

/* ---------------------------------------------------------- statistics */

static int report_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void report_percentiles(double *v, size_t n, double *median, double *p95)
{
	*median = *p95 = 0;
	if (!n)
		return;
	qsort(v, n, sizeof *v, report_cmp_double);
	*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	/* nearest rank: the smallest value with at least 95% at or below it */
	size_t rank = (size_t)ceil(0.95 * (double)n);
	*p95 = v[rank ? rank - 1 : 0];
}

int report_age_bucket(double age_days)
{
	if (age_days < 2)
		return REPORT_AGE_UNDER_2;
	if (age_days < 7)
		return REPORT_AGE_2_7;
	if (age_days < 30)
		return REPORT_AGE_7_30;
	return REPORT_AGE_OVER_30;
}

/* ------------------------------------------------------------ queries */

static char *report_col_dup(sqlite3_stmt *st, int col)
{
	return xstrdup(store_col_text(st, col));
}

static int64_t report_col_int(sqlite3_stmt *st, int col, int64_t def)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? def : sqlite3_column_int64(st, col);
}

/* Prepares sql and binds ?1 = start, ?2 = end of the day. */
static sqlite3_stmt *report_prepare(struct store *s, const struct report *r, const char *sql)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	if (st && sqlite3_bind_parameter_count(st) >= 2) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)r->start);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)r->end);
	}
	return st;
}

/* rc is the last sqlite3_step's: 0 at the end of the rows, else -1 after
 * logging. */
static int report_done(struct store *s, int rc)
{
	if (rc != SQLITE_DONE) {
		log_error("database '%s': %s", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

static int report_load_faxes(struct store *s, struct report *r)
{
	sqlite3_stmt *st = report_prepare(s, r,
		"SELECT id, received, sender, pages, status,"
		" COALESCE(clean_fax_data, (SELECT MAX(p.clean_fax_data) FROM pages p WHERE p.fax_id = f.id)),"
		" COALESCE(bad_fax_lines, (SELECT SUM(p.bad_fax_lines) FROM pages p WHERE p.fax_id = f.id))"
		" FROM faxes f WHERE received >= ?1 AND received < ?2 ORDER BY received, id");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		time_t received = (time_t)sqlite3_column_int64(st, 1);
		const char *sender = store_col_text(st, 2);
		int64_t pages = sqlite3_column_int64(st, 3);
		const char *status = store_col_text(st, 4);
		int64_t clean = report_col_int(st, 5, -1), bad = report_col_int(st, 6, -1);
		struct tm tm;
		localtime_r(&received, &tm);

		r->faxes++;
		r->pages += pages;
		r->hour_faxes[tm.tm_hour]++;
		r->hour_pages[tm.tm_hour] += pages;
		if (!strcmp(status, "processed"))
			r->processed++;
		else if (!strcmp(status, "duplicate"))
			r->duplicate++;
		else
			r->corrupt++;

		if (clean > 0 || bad > 0) {
			struct report_flagged *fl = REPORT_PUSH(r->flagged, r->nflagged);
			store_fax_id(sqlite3_column_int64(st, 0), fl->id);
			fl->received = received;
			fl->sender = xstrdup(sender);
			fl->clean_fax_data = clean;
			fl->bad_fax_lines = bad;
		}
	}
	int ret = report_done(s, rc);
	sqlite3_finalize(st);
	if (ret)
		return -1;

	st = report_prepare(s, r,
		"SELECT COALESCE(sender, ''), COUNT(*), SUM(pages) FROM faxes"
		" WHERE received >= ?1 AND received < ?2"
		" GROUP BY COALESCE(sender, '') ORDER BY COUNT(*) DESC, 1");
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_sender *snd = REPORT_PUSH(r->senders, r->nsenders);
		snd->sender = report_col_dup(st, 0);
		snd->faxes = sqlite3_column_int64(st, 1);
		snd->pages = sqlite3_column_int64(st, 2);
	}
	ret = report_done(s, rc);
	sqlite3_finalize(st);
	return ret;
}

static int report_load_documents(struct store *s, struct report *r)
{
	sqlite3_stmt *st = report_prepare(s, r,
		"SELECT d.type, d.status, COUNT(*) FROM documents d JOIN faxes f ON f.id = d.fax_id"
		" WHERE f.received >= ?1 AND f.received < ?2 GROUP BY d.type, d.status"
		" ORDER BY d.type, d.status");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = store_col_text(st, 0), *status = store_col_text(st, 1);
		int64_t n = sqlite3_column_int64(st, 2);
		if (!r->ndoctypes || strcmp(r->doctypes[r->ndoctypes - 1].type, type)) {
			struct report_doctype *dt = REPORT_PUSH(r->doctypes, r->ndoctypes);
			dt->type = xstrdup(type);
		}
		for (int i = 0; i < REPORT_DOC_STATUSES; i++) {
			if (!strcmp(status, report_doc_statuses[i])) {
				r->doctypes[r->ndoctypes - 1].by_status[i] += n;
				r->doc_status[i] += n;
			}
		}
		r->documents += n;
	}
	int ret = report_done(s, rc);
	sqlite3_finalize(st);
	return ret;
}

static int report_load_reasons(struct store *s, struct report *r)
{
	/* A reason belongs to the day of its fax (directly or through its
	 * document); a reason on a case alone to the day the case opened. */
	sqlite3_stmt *st = report_prepare(s, r,
		"SELECT x.code, SUM(x.fax_id IS NOT NULL),"
		" SUM(x.fax_id IS NULL AND x.document_id IS NOT NULL),"
		" SUM(x.fax_id IS NULL AND x.document_id IS NULL)"
		" FROM reasons x LEFT JOIN documents d ON d.id = x.document_id"
		" LEFT JOIN faxes f ON f.id = COALESCE(x.fax_id, d.fax_id)"
		" LEFT JOIN cases c ON c.id = x.case_id"
		" WHERE COALESCE(f.received, c.opened) >= ?1 AND COALESCE(f.received, c.opened) < ?2"
		" GROUP BY x.code ORDER BY COUNT(*) DESC, x.code");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_reason *rs = REPORT_PUSH(r->reasons, r->nreasons);
		rs->code = report_col_dup(st, 0);
		rs->on_fax = sqlite3_column_int64(st, 1);
		rs->on_document = sqlite3_column_int64(st, 2);
		rs->on_case = sqlite3_column_int64(st, 3);
	}
	int ret = report_done(s, rc);
	sqlite3_finalize(st);
	return ret;
}

static int report_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a case waited for at the end of the day: what it misses now, and
 * the required types whose counting copy arrived only after the day.
 * Space-separated and sorted (caller frees), or NULL after logging. */
static char *report_waits_for(struct store *s, sqlite3_stmt *late, int64_t case_id,
			      const char *missing)
{
	char **types = NULL, *copy = xstrdup(missing), *save = NULL;
	size_t n = 0;
	struct strbuf out = STRBUF_INIT;
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
		*REPORT_PUSH(types, n) = xstrdup(t);
	int rc;
	sqlite3_reset(late);
	sqlite3_bind_int64(late, 3, case_id);
	while ((rc = sqlite3_step(late)) == SQLITE_ROW)
		*REPORT_PUSH(types, n) = report_col_dup(late, 0);
	if (report_done(s, rc))
		rc = SQLITE_ERROR;
	if (n)
		qsort(types, n, sizeof *types, report_cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (!i || strcmp(types[i], types[i - 1])) {
			if (out.len)
				sb_addc(&out, ' ');
			sb_adds(&out, types[i]);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(types[i]);
	free(types);
	free(copy);
	if (rc != SQLITE_DONE) {
		sb_release(&out);
		return NULL;
	}
	return sb_detach(&out);
}

static void report_count_waiting_for(struct report *r, const char *missing)
{
	char *copy = xstrdup(missing), *save = NULL;
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		size_t i = 0;
		while (i < r->nwaiting_for && strcmp(r->waiting_for[i].type, t))
			i++;
		if (i == r->nwaiting_for)
			REPORT_PUSH(r->waiting_for, r->nwaiting_for)->type = xstrdup(t);
		r->waiting_for[i].cases++;
	}
	free(copy);
}

static int report_cmp_waiting_for(const void *a, const void *b)
{
	return strcmp(((const struct report_waiting_for *)a)->type,
		      ((const struct report_waiting_for *)b)->type);
}

static int report_load_cases(struct store *s, struct report *r)
{
	sqlite3_stmt *st = report_prepare(s, r,
		"SELECT (SELECT COUNT(*) FROM cases WHERE opened >= ?1 AND opened < ?2),"
		" (SELECT COUNT(*) FROM cases WHERE status = 'complete'"
		"  AND report_date >= ?1 AND report_date < ?2)");
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->cases_opened = sqlite3_column_int64(st, 0);
		r->cases_completed = sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	int ret = report_done(s, rc);
	sqlite3_finalize(st);
	if (ret)
		return -1;

	sqlite3_stmt *late = report_prepare(s, r,
		"SELECT cd.type FROM case_documents cd JOIN documents d ON d.id = cd.document_id"
		" JOIN faxes f ON f.id = d.fax_id WHERE cd.case_id = ?3 AND cd.counts = 1"
		" AND f.received >= ?2");
	if (!late)
		return -1;
	/* Open at the end of the day: opened before it, and still open, or
	 * closed after it (a complete case closes at its report date). */
	st = report_prepare(s, r,
		"SELECT id, line, claim, status, opened, missing FROM cases"
		" WHERE opened < ?2 AND (status IN ('pending', 'review')"
		"  OR (status = 'complete' AND COALESCE(report_date, closed_at) >= ?2)"
		"  OR (status IN ('rejected', 'cancelled') AND closed_at >= ?2))"
		" ORDER BY opened, id");
	if (!st) {
		sqlite3_finalize(late);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *status = store_col_text(st, 3);
		struct report_waiting *w = REPORT_PUSH(r->waiting, r->nwaiting);
		store_case_id(id, w->id);
		w->line = report_col_dup(st, 1);
		w->claim = report_col_dup(st, 2);
		w->opened = (time_t)sqlite3_column_int64(st, 4);
		w->missing = report_waits_for(s, late, id, store_col_text(st, 5));
		if (!w->missing)
			break;	/* logged */
		w->age_days = (double)(r->end - w->opened) / 86400.0;
		/* A case closed since: pending if it still missed documents,
		 * else it can only have waited for a clerk. */
		if (!strcmp(status, "pending") || !strcmp(status, "review"))
			w->status = xstrdup(status);
		else
			w->status = xstrdup(*w->missing ? "pending" : "review");
		r->ages[report_age_bucket(w->age_days)]++;
		if (!strcmp(w->status, "review"))
			r->waiting_review++;
		report_count_waiting_for(r, w->missing);
	}
	ret = rc == SQLITE_ROW ? -1 : report_done(s, rc);
	sqlite3_finalize(st);
	sqlite3_finalize(late);
	if (r->nwaiting_for)
		qsort(r->waiting_for, r->nwaiting_for, sizeof *r->waiting_for, report_cmp_waiting_for);
	return ret;
}

static int report_load_tickets(struct store *s, struct report *r, const char *where,
			       struct report_ticket **v, size_t *n)
{
	struct strbuf sql = STRBUF_INIT;
	sb_addf(&sql, "SELECT t.id, t.revision, t.case_id, c.status, c.claim, c.delivery, c.line,"
		      " c.imei, c.vat, t.report_date, t.due_date"
		      " FROM tickets t JOIN cases c ON c.id = t.case_id WHERE %s"
		      " ORDER BY t.year, t.seq, t.id", where);
	sqlite3_stmt *st = report_prepare(s, r, sql.buf);
	sb_release(&sql);
	if (!st)
		return -1;
	if (sqlite3_bind_parameter_count(st) == 3)
		sqlite3_bind_text(st, 3, r->next_business_day, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_ticket *t = REPORT_PUSH(*v, *n);
		t->id = report_col_dup(st, 0);
		t->revision = sqlite3_column_int64(st, 1);
		store_case_id(sqlite3_column_int64(st, 2), t->case_id);
		t->case_status = report_col_dup(st, 3);
		t->claim = report_col_dup(st, 4);
		t->delivery = report_col_dup(st, 5);
		t->line = report_col_dup(st, 6);
		t->imei = report_col_dup(st, 7);
		t->vat = report_col_dup(st, 8);
		t->report_date = (time_t)sqlite3_column_int64(st, 9);
		t->due_date = report_col_dup(st, 10);
	}
	int ret = report_done(s, rc);
	sqlite3_finalize(st);
	return ret;
}

static int report_load_processing(struct store *s, struct report *r)
{
	double *v = NULL;
	size_t n = 0, from_cpu = 0;
	int ret = -1, rc;
	/* Pages read by OCR: cpu_us per page where the pipeline measured it,
	 * else the fax's wall time shared evenly among its pages. */
	sqlite3_stmt *st = report_prepare(s, r,
		"SELECT p.cpu_us / 1000.0, 1, 1 FROM pages p JOIN faxes f ON f.id = p.fax_id"
		" WHERE f.received >= ?1 AND f.received < ?2 AND f.status = 'processed'"
		" AND p.cpu_us IS NOT NULL"
		" UNION ALL SELECT CAST(f.wall_ms AS REAL) / f.pages, f.pages, 0 FROM faxes f"
		" WHERE f.received >= ?1 AND f.received < ?2 AND f.status = 'processed'"
		" AND f.wall_ms IS NOT NULL AND f.pages > 0 AND NOT EXISTS"
		" (SELECT 1 FROM pages p WHERE p.fax_id = f.id AND p.cpu_us IS NOT NULL)");
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		double ms = sqlite3_column_double(st, 0);
		int64_t copies = sqlite3_column_int64(st, 1);
		bool cpu = sqlite3_column_int(st, 2);
		for (int64_t i = 0; i < copies; i++)
			*REPORT_PUSH(v, n) = ms;
		if (cpu)
			from_cpu++;
	}
	if (report_done(s, rc))
		goto out;
	r->timed_pages = n;
	r->timing_source = !n ? NULL : from_cpu == n ? "cpu" : from_cpu ? "mixed" : "wall";
	report_percentiles(v, n, &r->median_ms, &r->p95_ms);
	ret = 0;
out:
	sqlite3_finalize(st);
	free(v);
	return ret;
}

static int report_load_figures(struct store *s, struct report *r)
{
	sqlite3_stmt *st = report_prepare(s, r,
		"SELECT (SELECT COUNT(*) FROM pages p JOIN faxes f ON f.id = p.fax_id"
		"   WHERE f.received >= ?1 AND f.received < ?2 AND p.blank),"
		" o.n, o.mean FROM (SELECT COUNT(*) AS n, AVG(x.confidence) AS mean"
		"   FROM fields x JOIN documents d ON d.id = x.document_id"
		"   JOIN faxes f ON f.id = d.fax_id WHERE f.received >= ?1 AND f.received < ?2"
		"   AND x.source = 'ocr') o");
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->blank_pages = sqlite3_column_int64(st, 0);
		r->ocr_fields = sqlite3_column_int64(st, 1);
		r->mean_confidence = sqlite3_column_double(st, 2);
		rc = SQLITE_DONE;
	}
	int ret = report_done(s, rc);
	sqlite3_finalize(st);
	return ret;
}

struct report *report_load(struct store *s, const char *day)
{
	struct report *r = xcalloc(1, sizeof *r);
	char next[11];
	if (report_day_add(day, 1, next, sizeof next) ||
	    report_next_business_day(day, r->next_business_day, sizeof r->next_business_day)) {
		log_error("bad day '%s' (want YYYY-MM-DD)", day);
		goto fail;
	}
	snprintf(r->day, sizeof r->day, "%s", day);
	r->start = util_day_start(day);
	r->end = util_day_start(next);
	if (r->start == -1 || r->end == -1) {
		log_error("bad day '%s' (want YYYY-MM-DD)", day);
		goto fail;
	}
	/* one snapshot for every figure */
	if (store_exec(s, "BEGIN"))
		goto fail;
	int rc = report_load_faxes(s, r) || report_load_documents(s, r) ||
		 report_load_reasons(s, r) || report_load_cases(s, r) ||
		 report_load_tickets(s, r, "t.report_date >= ?1 AND t.report_date < ?2",
				     &r->tickets, &r->ntickets) ||
		 report_load_tickets(s, r, "t.due_date = ?3",
				     &r->due_next, &r->ndue_next) ||
		 report_load_processing(s, r) || report_load_figures(s, r);
	store_rollback(s);
	if (rc)
		goto fail;
	return r;
fail:
	report_free(&r);
	return NULL;
}

static void report_tickets_free(struct report_ticket *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].case_status);
		free(v[i].claim);
		free(v[i].delivery);
		free(v[i].line);
		free(v[i].imei);
		free(v[i].vat);
		free(v[i].due_date);
	}
	free(v);
}

void report_free(struct report **rp)
{
	if (!rp || !*rp)
		return;
	struct report *r = *rp;
	for (size_t i = 0; i < r->nsenders; i++)
		free(r->senders[i].sender);
	free(r->senders);
	for (size_t i = 0; i < r->ndoctypes; i++)
		free(r->doctypes[i].type);
	free(r->doctypes);
	for (size_t i = 0; i < r->nreasons; i++)
		free(r->reasons[i].code);
	free(r->reasons);
	for (size_t i = 0; i < r->nwaiting; i++) {
		free(r->waiting[i].line);
		free(r->waiting[i].claim);
		free(r->waiting[i].status);
		free(r->waiting[i].missing);
	}
	free(r->waiting);
	for (size_t i = 0; i < r->nwaiting_for; i++)
		free(r->waiting_for[i].type);
	free(r->waiting_for);
	report_tickets_free(r->tickets, r->ntickets);
	report_tickets_free(r->due_next, r->ndue_next);
	for (size_t i = 0; i < r->nflagged; i++)
		free(r->flagged[i].sender);
	free(r->flagged);
	free(r);
	*rp = NULL;
}
