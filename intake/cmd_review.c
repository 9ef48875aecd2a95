/*
 * cmd_review - the clerks' desk: `review list|show|set|assign|accept|
 * reject|reprocess|cancel` and `history`.
 *
 * Every action names its author (--as NAME, default the login name), is
 * written to the event log in the same transaction as the change, and is
 * followed by a new derivation, so a correction that completes a case
 * creates its ticket at once (the report date still follows receipt
 * times). A value that fails its check or its schema is refused with the
 * reason and changes nothing.
 */
#include "intake/derive.h"
#include "intake/pipeline.h"
#include "intake/reasons.h"
#include "intake/table.h"
#include "common/log.h"
#include "common/util.h"
#include "ocr/check.h"
#include "ocr/clean.h"
#include "ocr/document.h"
#include "ocr/ocr.h"

#include <leptonica/allheaders.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char review_usage[] =
	"usage: faxintake [-H HOME] review COMMAND ... [--as NAME]\n"
	"\n"
	"  list [--reason CODE] [--type T] [--since DATE]\n"
	"                       documents waiting for a clerk, oldest first\n"
	"  show DOC [--png DIR] everything known about a document; --png writes the\n"
	"                       page and one crop per field as PNG into DIR\n"
	"  set DOC FIELD=VALUE...  correct fields (same checks as machine reading)\n"
	"  assign DOC CASE      file a document into a case\n"
	"  accept DOC           accept a document despite its reading reasons\n"
	"  reject DOC --why TEXT   reject a document\n"
	"  reprocess FAX        read a fax again (e.g. after an upgrade)\n"
	"  cancel CASE --why TEXT  cancel a case (the customer withdrew)\n"
	"\n"
	"DOC is D-000001 (or 1), CASE is C-000001, FAX is F-000001. --as NAME\n"
	"names the clerk (default: the login name); every action is in `history`.\n";

static const char history_usage[] =
	"usage: faxintake [-H HOME] history DOC|CASE|FAX\n"
	"\n"
	"Prints the event log of a document (D-...), a case (C-..., with its\n"
	"ticket) or a fax (F-..., with its documents): when, who, what.\n";

/* ------------------------------------------------------------- helpers */

static int rv_exists(struct store *s, const char *table, int64_t id)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE id = %lld", table, (long long)id);
	return store_int(s, sql, 0) > 0;
}

static int rv_finish(struct intake *in, struct store *s, const char *object, const char *action,
		     const char *detail)
{
	if (store_event(s, in->actor, action, object, detail) || store_commit(s)) {
		store_rollback(s);
		log_error("%s %s: not recorded, nothing changed", action, object);
		return EXIT_FAIL;
	}
	log_info("%s %s by %s%s%s", action, object, in->actor, detail ? ": " : "",
		 detail ? detail : "");
	if (intake_derive(in, s, in->actor)) {
		log_error("the cases could not be derived again; run `faxintake run --once`");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int64_t rv_doc_arg(struct store *s, const char *arg)
{
	int64_t id = store_parse_id(arg, 'D');
	if (id < 0 || !rv_exists(s, "documents", id)) {
		log_error("no document '%s'", arg);
		return -1;
	}
	return id;
}

/* ---------------------------------------------------------------- list */

static int rv_list(struct intake *in, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' }, { "type", required_argument, NULL, 't' },
		{ "since", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
	const char *reason = NULL, *type = NULL;
	time_t since = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!reason_known(optarg))
				return intake_usage_error(review_usage, "unknown reason code '%s'", optarg);
			reason = optarg;
			break;
		case 't':
			if (ocr_doctype_parse(optarg) < 0)
				return intake_usage_error(review_usage, "unknown type '%s'", optarg);
			type = optarg;
			break;
		case 's':
			if ((since = util_day_start(optarg)) == (time_t)-1)
				return intake_usage_error(review_usage, "bad DATE '%s' (YYYY-MM-DD)", optarg);
			break;
		default: return intake_usage_error(review_usage, "bad option");
		}
	}
	if (optind != argc)
		return intake_usage_error(review_usage, "unexpected argument '%s'", argv[optind]);
	struct store *s = intake_open_store_ro(in);
	if (!s)
		return EXIT_FAIL;
	sqlite3_stmt *st = store_prepare(s,
		"SELECT d.id, d.fax_id, f.sender, f.received, d.type,"
		"  (SELECT group_concat(code, ' ') FROM (SELECT DISTINCT code FROM reasons r"
		"    WHERE r.document_id = d.id))"
		" FROM documents d JOIN faxes f ON f.id = d.fax_id"
		" WHERE d.status = 'review' AND f.received >= ?1 AND (?2 IS NULL OR d.type = ?2)"
		"   AND (?3 IS NULL OR EXISTS (SELECT 1 FROM reasons r WHERE r.document_id = d.id"
		"        AND r.code = ?3))"
		" ORDER BY f.received, d.id");
	if (!st) {
		store_close(&s);
		return EXIT_FAIL;
	}
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	static const char *const cols[] = { "document", "fax", "sender", "received", "type", "reasons" };
	struct table t;
	table_init(&t, "documents", "document", cols, ARRAY_SIZE(cols));
	while (sqlite3_step(st) == SQLITE_ROW) {
		char did[16], fid[16], rec[40];
		store_doc_id(sqlite3_column_int64(st, 0), did);
		store_fax_id(sqlite3_column_int64(st, 1), fid);
		util_format_iso((time_t)sqlite3_column_int64(st, 3), rec, sizeof rec);
		const char *v[] = { did, fid, store_col_text(st, 2), rec, store_col_text(st, 4),
				    store_col_text(st, 5) };
		table_add(&t, v);
	}
	sqlite3_finalize(st);
	table_print(&t, TABLE_TEXT, stdout);
	table_free(&t);
	store_close(&s);
	return EXIT_OK;
}

/* ---------------------------------------------------------------- show */

static int rv_png(struct store *s, int64_t doc, const char *dir)
{
	int rc = -1;
	struct ocr_fax *fax = NULL;
	PIX *raw = NULL, *clean = NULL;
	struct strbuf why = STRBUF_INIT, path = STRBUF_INIT;
	const char *reason = NULL;
	char did[16];
	store_doc_id(doc, did);
	sqlite3_stmt *st = store_prepare(s, "SELECT f.archived, d.first_page FROM documents d"
					    " JOIN faxes f ON f.id = d.fax_id WHERE d.id = ?"
					    " AND f.purged_at IS NULL");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, doc);
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL) {
		log_error("%s: the original fax is not in the archive (purged?)", did);
		goto out;
	}
	char *file = xstrdup(store_col_text(st, 0));
	int page = sqlite3_column_int(st, 1);
	if (util_mkdir_p(dir, 0750)) {
		log_error("cannot create '%s': %s", dir, strerror(errno));
		free(file);
		goto out;
	}
	fax = ocr_fax_open(file, NULL, &reason, &why);
	if (!fax || !(raw = ocr_fax_page(fax, page - 1, &reason, &why))) {
		log_error("cannot read '%s': %s", file, why.buf);
		free(file);
		goto out;
	}
	free(file);
	struct ocr_clean_info info;
	clean = ocr_clean_page(raw, fax->pages[page - 1].xres, fax->pages[page - 1].yres, &info);
	if (!clean)
		clean = pixClone(raw);
	sb_addf(&path, "%s/%s-page%d.png", dir, did, page);
	if (pixWrite(path.buf, clean, IFF_PNG)) {
		log_error("cannot write '%s'", path.buf);
		goto out;
	}
	printf("%s\n", path.buf);
	sqlite3_finalize(st);
	st = store_prepare(s, "SELECT name, x, y, w, h FROM fields WHERE document_id = ? AND w > 0");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, doc);
	while (sqlite3_step(st) == SQLITE_ROW) {
		BOX *b = boxCreate(sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
				   sqlite3_column_int(st, 3), sqlite3_column_int(st, 4));
		PIX *crop = b ? pixClipRectangle(clean, b, NULL) : NULL;
		boxDestroy(&b);
		if (!crop)
			continue;
		sb_reset(&path);
		sb_addf(&path, "%s/%s-%s.png", dir, did, store_col_text(st, 0));
		if (pixWrite(path.buf, crop, IFF_PNG) == 0)
			printf("%s\n", path.buf);
		pixDestroy(&crop);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	pixDestroy(&raw);
	pixDestroy(&clean);
	ocr_fax_close(&fax);
	sb_release(&why);
	sb_release(&path);
	return rc;
}

static int rv_show(struct intake *in, int argc, char **argv)
{
	const char *png = NULL, *arg = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--png") && i + 1 < argc)
			png = argv[++i];
		else if (!arg && argv[i][0] != '-')
			arg = argv[i];
		else
			return intake_usage_error(review_usage, "unexpected argument '%s'", argv[i]);
	}
	if (!arg)
		return intake_usage_error(review_usage, "review show needs a document");
	struct store *s = intake_open_store_ro(in);
	if (!s)
		return EXIT_FAIL;
	int rc = EXIT_FAIL;
	int64_t id = rv_doc_arg(s, arg);
	if (id < 0)
		goto out;
	sqlite3_stmt *st = store_prepare(s,
		"SELECT d.type, d.status, d.fax_id, d.first_page, d.pages, f.received, f.sender,"
		"       f.file, d.case_id, c.status, d.clerk, d.clerk_why"
		" FROM documents d JOIN faxes f ON f.id = d.fax_id LEFT JOIN cases c ON c.id = d.case_id"
		" WHERE d.id = ?");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		goto out;
	}
	char did[16], fid[16], rec[40], cid[16];
	store_doc_id(id, did);
	store_fax_id(sqlite3_column_int64(st, 2), fid);
	util_format_iso((time_t)sqlite3_column_int64(st, 5), rec, sizeof rec);
	printf("document  %s (%s), status %s\n", did, store_col_text(st, 0), store_col_text(st, 1));
	printf("fax       %s page %d (%d page(s)), received %s from %s\n", fid,
	       sqlite3_column_int(st, 3), sqlite3_column_int(st, 4), rec,
	       *store_col_text(st, 6) ? store_col_text(st, 6) : "(no sender id)");
	if (sqlite3_column_type(st, 8) != SQLITE_NULL) {
		store_case_id(sqlite3_column_int64(st, 8), cid);
		printf("case      %s (%s)\n", cid, store_col_text(st, 9));
	}
	if (*store_col_text(st, 10))
		printf("clerk     %s%s%s\n", store_col_text(st, 10), *store_col_text(st, 11) ? ": " : "",
		       store_col_text(st, 11));
	sqlite3_finalize(st);

	st = store_prepare(s, "SELECT name, value, confidence, reason, source, by FROM fields"
			      " WHERE document_id = ? ORDER BY rowid");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	static const char *const cols[] = { "field", "value", "confidence", "check", "source" };
	struct table t;
	table_init(&t, "fields", "field", cols, ARRAY_SIZE(cols));
	while (sqlite3_step(st) == SQLITE_ROW) {
		char conf[16], src[80];
		snprintf(conf, sizeof conf, "%.2f", sqlite3_column_double(st, 2));
		const char *check = sqlite3_column_type(st, 3) == SQLITE_NULL ? "ok" : store_col_text(st, 3);
		snprintf(src, sizeof src, "%s%s%s", store_col_text(st, 4), *store_col_text(st, 5) ? " by " : "",
			 store_col_text(st, 5));
		const char *v[] = { store_col_text(st, 0), store_col_text(st, 1), conf, check, src };
		table_add(&t, v);
	}
	sqlite3_finalize(st);
	printf("\n");
	table_print(&t, TABLE_TEXT, stdout);
	table_free(&t);

	st = store_prepare(s, "SELECT code, field, text FROM reasons WHERE document_id = ? ORDER BY id");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	bool any = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!any)
			printf("\nreasons\n");
		any = true;
		const char *code = store_col_text(st, 0);
		const char *words = reason_words(code);
		printf("  %s%s%s%s: %s", code, *store_col_text(st, 1) ? " (" : "", store_col_text(st, 1),
		       *store_col_text(st, 1) ? ")" : "", words ? words : "");
		if (*store_col_text(st, 2))
			printf(" - %s", store_col_text(st, 2));
		printf("\n");
	}
	sqlite3_finalize(st);

	/* cases it could belong to: open cases of the same line or IMEI */
	st = store_prepare(s,
		"SELECT DISTINCT c.id, c.status, c.line, c.claim, c.missing FROM cases c, fields f"
		" WHERE f.document_id = ?1 AND f.name IN ('line', 'imei')"
		"   AND (c.line = f.value OR c.imei = f.value) AND c.status IN ('pending', 'review')"
		"   AND c.id IS NOT (SELECT case_id FROM documents WHERE id = ?1) ORDER BY c.id");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		any = false;
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (!any)
				printf("\ncould belong to\n");
			any = true;
			store_case_id(sqlite3_column_int64(st, 0), cid);
			printf("  %s (%s, line %s, %s; missing: %s)\n", cid, store_col_text(st, 1),
			       store_col_text(st, 2), store_col_text(st, 3),
			       *store_col_text(st, 4) ? store_col_text(st, 4) : "nothing");
		}
		sqlite3_finalize(st);
	}
	rc = EXIT_OK;
	if (png) {
		printf("\n");
		if (rv_png(s, id, png))
			rc = EXIT_FAIL;
	}
out:
	store_close(&s);
	return rc;
}

/* ----------------------------------------------------------------- set */

static void rv_normalise(const char *name, const char *in, char *out, size_t n)
{
	if (!strcmp(name, "line") && ocr_normalise_line(in, out, n) == 0)
		return;
	if ((!strcmp(name, "date") || !strcmp(name, "event_date") || !strcmp(name, "birth_date") ||
	     !strcmp(name, "expiry")) && ocr_parse_date(in, out, n) == 0)
		return;
	snprintf(out, n, "%s", in);
}

static int rv_set(struct intake *in, int argc, char **argv)
{
	if (argc < 3)
		return intake_usage_error(review_usage, "review set needs DOC FIELD=VALUE...");
	struct store *s = intake_open_store(in);
	if (!s)
		return EXIT_FAIL;
	int rc = EXIT_FAIL;
	struct ocr_document d;
	struct strbuf xml = STRBUF_INIT, err = STRBUF_INIT, ev = STRBUF_INIT;
	ocr_document_init(&d, OCR_DOC_UNKNOWN);
	int64_t id = rv_doc_arg(s, argv[1]);
	if (id < 0)
		goto out;
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT type FROM documents WHERE id = %lld", (long long)id);
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW)
		d.type = (enum ocr_doctype)ocr_doctype_parse(store_col_text(st, 0));
	sqlite3_finalize(st);
	if ((int)d.type <= 0) {
		log_error("%s is of unknown type: it has no fields to set (reject it, or reprocess"
			  " its fax)", argv[1]);
		goto out;
	}
	/* the document as stored, trusted fields only */
	st = store_prepare(s, "SELECT name, value, confidence FROM fields WHERE document_id = ?"
			      " AND reason IS NULL");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		ocr_document_set(&d, store_col_text(st, 0), store_col_text(st, 1),
				 sqlite3_column_double(st, 2), NULL, NULL);
	sqlite3_finalize(st);
	for (int i = 2; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i]) {
			rc = intake_usage_error(review_usage, "expected FIELD=VALUE, got '%s'", argv[i]);
			goto out;
		}
		*eq = '\0';
		const char *name = argv[i], *value = eq + 1;
		if (!ocr_doctype_has_field(d.type, name)) {
			log_error("refused: a document of type %s has no field '%s'",
				  ocr_doctype_name(d.type), name);
			goto out;
		}
		char norm[512];
		rv_normalise(name, value, norm, sizeof norm);
		const char *bad = ocr_check_field(name, norm);
		if (bad) {
			const char *w = reason_words(bad);
			log_error("refused: %s=%s: %s (%s); nothing changed", name, value, bad,
				  w ? w : "invalid");
			goto out;
		}
		ocr_document_set(&d, name, norm, 1.0, NULL, NULL);
		sb_addf(&ev, "%s%s=%s", ev.len ? ", " : "", name, norm);
	}
	ocr_document_to_xml(&d, &xml);
	if (ocr_document_validate_xml(d.type, xml.buf, xml.len, &err)) {
		log_error("refused: SCHEMA_INVALID: %s; nothing changed", err.buf);
		goto out;
	}
	if (store_begin(s))
		goto out;
	sqlite3_stmt *up = store_prepare(s,
		"INSERT INTO fields(document_id, name, value, confidence, source, by)"
		" VALUES (?1, ?2, ?3, 1.0, 'clerk', ?4) ON CONFLICT(document_id, name) DO UPDATE SET"
		" value = ?3, confidence = 1.0, reason = NULL, source = 'clerk', by = ?4");
	sqlite3_stmt *rm = store_prepare(s, "DELETE FROM reasons WHERE document_id = ? AND field = ?"
					    " AND origin = 'read'");
	bool ok = up && rm;
	for (int i = 2; ok && i < argc; i++) {
		const char *name = argv[i];
		const char *value = ocr_document_value(&d, name);
		sqlite3_bind_int64(up, 1, id);
		sqlite3_bind_text(up, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 3, value, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 4, in->actor, -1, SQLITE_STATIC);
		ok = sqlite3_step(up) == SQLITE_DONE;
		sqlite3_reset(up);
		sqlite3_bind_int64(rm, 1, id);
		sqlite3_bind_text(rm, 2, name, -1, SQLITE_STATIC);
		ok = ok && sqlite3_step(rm) == SQLITE_DONE;
		sqlite3_reset(rm);
	}
	sqlite3_finalize(up);
	sqlite3_finalize(rm);
	/* no reading reason left: the document is read as good as a clean one */
	snprintf(sql, sizeof sql,
		 "UPDATE documents SET read_ok = 1, status = 'waiting' WHERE id = %lld AND NOT EXISTS"
		 " (SELECT 1 FROM reasons WHERE document_id = %lld AND origin = 'read') AND NOT EXISTS"
		 " (SELECT 1 FROM fields WHERE document_id = %lld AND reason IS NOT NULL)",
		 (long long)id, (long long)id, (long long)id);
	if (!ok || store_exec(s, sql)) {
		store_rollback(s);
		log_error("cannot record the correction: nothing changed");
		goto out;
	}
	char did[16];
	store_doc_id(id, did);
	rc = rv_finish(in, s, did, "review-set", ev.buf);
out:
	ocr_document_clear(&d);
	sb_release(&xml);
	sb_release(&err);
	sb_release(&ev);
	store_close(&s);
	return rc;
}

/* ------------------------------------------ assign, accept, reject, cancel */

static int rv_simple(struct intake *in, int argc, char **argv)
{
	const char *cmd = argv[0], *why = NULL;
	const char *args[2] = { NULL, NULL };
	int nargs = 0;
	for (int i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "--why") || !strcmp(argv[i], "--reason")) && i + 1 < argc)
			why = argv[++i];
		else if (nargs < 2 && argv[i][0] != '-')
			args[nargs++] = argv[i];
		else
			return intake_usage_error(review_usage, "unexpected argument '%s'", argv[i]);
	}
	bool is_assign = !strcmp(cmd, "assign"), is_cancel = !strcmp(cmd, "cancel"),
	     is_reject = !strcmp(cmd, "reject");
	if (nargs != (is_assign ? 2 : 1))
		return intake_usage_error(review_usage, "review %s: wrong arguments", cmd);
	if ((is_cancel || is_reject) && (!why || !*why))
		return intake_usage_error(review_usage, "review %s needs --why TEXT", cmd);

	struct store *s = intake_open_store(in);
	if (!s)
		return EXIT_FAIL;
	int rc = EXIT_FAIL;
	char obj[16], sql[256];
	struct strbuf detail = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	if (is_cancel) {
		int64_t cid = store_parse_id(args[0], 'C');
		if (cid < 0 || !rv_exists(s, "cases", cid)) {
			log_error("no case '%s'", args[0]);
			goto out;
		}
		store_case_id(cid, obj);
		if (store_begin(s))
			goto out;
		st = store_prepare(s, "UPDATE cases SET status = 'cancelled', cancelled_why = ?,"
				      " cancelled_by = ?, closed_at = ? WHERE id = ?"
				      " AND status IN ('pending', 'review')");
		if (!st)
			goto fail;
		sqlite3_bind_text(st, 1, why, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, in->actor, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)util_now());
		sqlite3_bind_int64(st, 4, cid);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
		if (sqlite3_changes(s->db) == 0) {
			log_error("%s is not open (only pending or review cases can be cancelled)", obj);
			goto fail;
		}
		sb_adds(&detail, why);
	} else {
		int64_t id = rv_doc_arg(s, args[0]);
		if (id < 0)
			goto out;
		store_doc_id(id, obj);
		if (store_begin(s))
			goto out;
		if (is_assign) {
			int64_t cid = store_parse_id(args[1], 'C');
			if (cid < 0 || !rv_exists(s, "cases", cid)) {
				log_error("no case '%s'", args[1]);
				goto fail;
			}
			snprintf(sql, sizeof sql, "UPDATE documents SET clerk_case = %lld WHERE id = %lld",
				 (long long)cid, (long long)id);
			char c2[16];
			store_case_id(cid, c2);
			sb_addf(&detail, "to %s", c2);
		} else if (is_reject) {
			snprintf(sql, sizeof sql, "UPDATE documents SET clerk = 'rejected', clerk_why = ?"
				 " WHERE id = %lld", (long long)id);
			sb_adds(&detail, why);
		} else {
			snprintf(sql, sizeof sql, "UPDATE documents SET clerk = 'accepted', clerk_why = NULL"
				 " WHERE id = %lld", (long long)id);
		}
		st = store_prepare(s, sql);
		if (!st)
			goto fail;
		if (is_reject)
			sqlite3_bind_text(st, 1, why, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	char action[32];
	snprintf(action, sizeof action, "review-%s", cmd);
	rc = rv_finish(in, s, obj, action, detail.len ? detail.buf : NULL);
	goto out;
fail:
	store_rollback(s);
out:
	sqlite3_finalize(st);
	sb_release(&detail);
	store_close(&s);
	return rc;
}

/* ----------------------------------------------------------- reprocess */

static int rv_reprocess(struct intake *in, int argc, char **argv)
{
	if (argc != 2)
		return intake_usage_error(review_usage, "review reprocess needs a fax");
	struct store *s = intake_open_store(in);
	if (!s)
		return EXIT_FAIL;
	int rc = EXIT_FAIL;
	struct ocr_engine *e = NULL;
	struct ocr_fax *fax = NULL;
	struct ocr_page *pages = NULL;
	struct ocr_document *docs = NULL;
	size_t nd = 0;
	int np = 0;
	struct strbuf why = STRBUF_INIT, ev = STRBUF_INIT;
	char *file = NULL;
	int64_t id = store_parse_id(argv[1], 'F');
	char fid[16];
	store_fax_id(id, fid);
	char sql[512];
	time_t received = 0;
	snprintf(sql, sizeof sql, "SELECT archived, received FROM faxes"
		 " WHERE id = %lld AND status = 'processed'"
		 " AND purged_at IS NULL",
		 (long long)id);
	sqlite3_stmt *st = id > 0 ? store_prepare(s, sql) : NULL;
	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		file = xstrdup(store_col_text(st, 0));
		received = (time_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (!file) {
		log_error("no processed fax '%s' with its original in the archive", argv[1]);
		goto out;
	}
	const char *reason = NULL;
	struct ocr_limits lim;
	ocr_limits_default(&lim);
	lim.max_pages = in->cfg.max_pages;
	struct ocr_engine_options eo = { NULL, in->cfg.min_confidence, in->cfg.page_timeout_ms };
	if (!(fax = ocr_fax_open(file, &lim, &reason, &why))) {
		log_error("cannot read '%s' again: %s", file, why.buf);
		goto out;
	}
	if (!(e = ocr_engine_new(&eo, &why))) {
		log_error("cannot start the OCR engine: %s", why.buf);
		goto out;
	}
	/* read as of its receipt, as it was the first time */
	ocr_engine_set_as_of(e, received);
	np = fax->npages;
	pages = xcalloc((size_t)np, sizeof *pages);
	for (int i = 0; i < np; i++) {
		PIX *pix = ocr_fax_page(fax, i, &reason, &why);
		if (!pix || ocr_page_read(e, pix, fax->pages[i].xres, fax->pages[i].yres, i + 1,
					  &pages[i], &why)) {
			ocr_document_init(&pages[i].doc, OCR_DOC_UNKNOWN);
			ocr_document_add_reason(&pages[i].doc, "UNREADABLE_FILE", NULL, "page %d: %s",
						i + 1, why.buf);
		}
		pages[i].doc.first_page = i + 1;
		pixDestroy(&pix);
		if (pages[i].clean)
			pixDestroy(&pages[i].clean);
	}
	if (ocr_pages_group(pages, np, &docs, &nd))
		goto out;
	if (store_begin(s))
		goto out;
	snprintf(sql, sizeof sql,
		 "DELETE FROM fields WHERE document_id IN (SELECT id FROM documents WHERE fax_id = %lld);"
		 "DELETE FROM reasons WHERE document_id IN (SELECT id FROM documents WHERE fax_id = %lld);"
		 "DELETE FROM case_documents WHERE document_id IN (SELECT id FROM documents WHERE fax_id = %lld);",
		 (long long)id, (long long)id, (long long)id);
	bool ok = store_exec(s, sql) == 0;
	/* the old documents' ids are kept in the event log */
	snprintf(sql, sizeof sql, "SELECT group_concat('D-' || substr('000000' || id, -6), ' ')"
		 " FROM documents WHERE fax_id = %lld", (long long)id);
	st = store_prepare(s, sql);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&ev, "replaced %s by", store_col_text(st, 0));
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "UPDATE documents SET case_id = NULL, clerk_case = NULL"
		 " WHERE clerk_case IN (SELECT id FROM documents WHERE fax_id = %lld);"
		 "DELETE FROM documents WHERE fax_id = %lld;", (long long)id, (long long)id);
	ok = ok && store_exec(s, sql) == 0;
	for (size_t i = 0; ok && i < nd; i++) {
		int64_t did;
		ok = intake_store_document(s, id, &docs[i], &did) == 0;
		char d2[16];
		store_doc_id(did, d2);
		sb_addf(&ev, " %s", d2);
	}
	if (!ok) {
		store_rollback(s);
		log_error("cannot record the new reading of %s: nothing changed", fid);
		goto out;
	}
	rc = rv_finish(in, s, fid, "review-reprocess", ev.buf);
out:
	for (size_t i = 0; i < nd; i++)
		ocr_document_clear(&docs[i]);
	free(docs);
	for (int i = 0; pages && i < np; i++)
		ocr_page_clear(&pages[i]);
	free(pages);
	ocr_engine_free(&e);
	ocr_fax_close(&fax);
	free(file);
	sb_release(&why);
	sb_release(&ev);
	store_close(&s);
	return rc;
}

int cmd_review(struct intake *in, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc >= 2) {
			fputs(review_usage, stdout);
			return EXIT_OK;
		}
		return intake_usage_error(review_usage, "review needs a command");
	}
	if (intake_want_help(argc, argv, review_usage))
		return EXIT_OK;
	const char *sub = argv[1];
	argc--;
	argv++;
	if (!strcmp(sub, "list"))
		return rv_list(in, argc, argv);
	if (!strcmp(sub, "show"))
		return rv_show(in, argc, argv);
	if (!strcmp(sub, "set"))
		return rv_set(in, argc, argv);
	if (!strcmp(sub, "assign") || !strcmp(sub, "accept") || !strcmp(sub, "reject") ||
	    !strcmp(sub, "cancel"))
		return rv_simple(in, argc, argv);
	if (!strcmp(sub, "reprocess"))
		return rv_reprocess(in, argc, argv);
	return intake_usage_error(review_usage, "unknown review command '%s'", sub);
}

/* ------------------------------------------------------------- history */

int cmd_history(struct intake *in, int argc, char **argv)
{
	if (intake_want_help(argc, argv, history_usage))
		return EXIT_OK;
	if (argc != 2)
		return intake_usage_error(history_usage, "history needs DOC, CASE or FAX");
	const char *arg = argv[1];
	char kind = arg[0];
	int64_t id = (kind == 'D' || kind == 'C' || kind == 'F') ? store_parse_id(arg, kind) : -1;
	if (id < 0)
		return intake_usage_error(history_usage, "'%s' is not D-NNNNNN, C-NNNNNN or F-NNNNNN", arg);
	struct store *s = intake_open_store_ro(in);
	if (!s)
		return EXIT_FAIL;
	char obj[16];
	if (kind == 'D')
		store_doc_id(id, obj);
	else if (kind == 'C')
		store_case_id(id, obj);
	else
		store_fax_id(id, obj);
	/* the object's own events, a case's ticket's, a fax's documents' */
	sqlite3_stmt *st = store_prepare(s,
		"SELECT at, actor, action, object, detail FROM events WHERE object = ?1"
		" OR object IN (SELECT id FROM tickets WHERE 'C-' || substr('000000' || case_id, -6) = ?1)"
		" OR object IN (SELECT 'D-' || substr('000000' || id, -6) FROM documents"
		"   WHERE 'F-' || substr('000000' || fax_id, -6) = ?1)"
		" OR (?1 LIKE 'D-%' AND object = (SELECT 'F-' || substr('000000' || fax_id, -6)"
		"   FROM documents WHERE 'D-' || substr('000000' || id, -6) = ?1))"
		" ORDER BY id");
	if (!st) {
		store_close(&s);
		return EXIT_FAIL;
	}
	sqlite3_bind_text(st, 1, obj, -1, SQLITE_STATIC);
	static const char *const cols[] = { "when", "who", "what", "object", "detail" };
	struct table t;
	table_init(&t, "events", "event", cols, ARRAY_SIZE(cols));
	while (sqlite3_step(st) == SQLITE_ROW) {
		char when[40];
		util_format_iso((time_t)sqlite3_column_int64(st, 0), when, sizeof when);
		const char *v[] = { when, store_col_text(st, 1), store_col_text(st, 2),
				    store_col_text(st, 3), store_col_text(st, 4) };
		table_add(&t, v);
	}
	sqlite3_finalize(st);
	table_print(&t, TABLE_TEXT, stdout);
	table_free(&t);
	store_close(&s);
	return EXIT_OK;
}
