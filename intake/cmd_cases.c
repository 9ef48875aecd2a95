/*
 * cmd_cases - `cases` and `tickets`: open and settled cases with what they
 * miss and whom to call, and the tickets with their expected delivery
 * (due) dates. Read-only (works while the daemon runs).
 */
#include "intake/intake.h"
#include "intake/table.h"
#include "common/log.h"
#include "common/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char cases_usage[] =
	"usage: faxintake [-H HOME] cases [--status S] [--line L] [--imei I] [--vat V]\n"
	"                                 [--format text|csv|xml]\n"
	"\n"
	"Lists cases, oldest first: status (pending, complete, review, rejected,\n"
	"cancelled; `open` means pending or review), line, IMEI, claim, delivery,\n"
	"when it was opened, what it still misses, the contact to call (name and\n"
	"phone from the on-site form), the report date, the due date and the ticket.\n";

static const char tickets_usage[] =
	"usage: faxintake [-H HOME] tickets [--since DATE] [--format text|csv|xml]\n"
	"\n"
	"Lists tickets: id, revision, case, line, IMEI, report date and the expected\n"
	"delivery (due) date. --since DATE: report date on or after that day's start\n"
	"(Europe/Rome).\n";

static char *fmt_time(sqlite3_stmt *st, int col, char *buf, size_t n)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	return util_format_iso((time_t)sqlite3_column_int64(st, col), buf, n);
}

int cmd_cases(struct intake *in, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' }, { "line", required_argument, NULL, 'l' },
		{ "imei", required_argument, NULL, 'i' }, { "vat", required_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	const char *status = NULL, *line = NULL, *imei = NULL, *vat = NULL;
	enum table_format fmt = TABLE_TEXT;
	int c;
	if (intake_want_help(argc, argv, cases_usage))
		return EXIT_OK;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': status = optarg; break;
		case 'l': line = optarg; break;
		case 'i': imei = optarg; break;
		case 'v': vat = optarg; break;
		case 'f':
			if (table_format_parse(optarg, &fmt))
				return intake_usage_error(cases_usage, "unknown format '%s'", optarg);
			break;
		default: return intake_usage_error(cases_usage, "bad option");
		}
	}
	if (optind != argc)
		return intake_usage_error(cases_usage, "unexpected argument '%s'", argv[optind]);
	static const char *const known[] = { "pending", "complete", "review", "rejected", "cancelled",
					     "open", NULL };
	bool ok = !status;
	for (int i = 0; status && known[i]; i++)
		if (!strcmp(status, known[i]))
			ok = true;
	if (!ok)
		return intake_usage_error(cases_usage, "unknown status '%s'", status);

	struct store *s = intake_open_store_ro(in);
	if (!s)
		return EXIT_FAIL;
	sqlite3_stmt *st = store_prepare(s,
		"SELECT c.id, c.status, c.line, c.imei, c.vat, c.claim, c.delivery, c.opened, c.missing,"
		"       c.contact, c.contact_phone, c.report_date, c.due_date, t.id"
		" FROM cases c LEFT JOIN tickets t ON t.case_id = c.id"
		" WHERE (?1 IS NULL OR c.status = ?1 OR (?1 = 'open' AND c.status IN ('pending','review')))"
		"   AND (?2 IS NULL OR c.line = ?2) AND (?3 IS NULL OR c.imei = ?3)"
		"   AND (?4 IS NULL OR c.vat = ?4)"
		" ORDER BY c.opened, c.id");
	if (!st) {
		store_close(&s);
		return EXIT_FAIL;
	}
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, line, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, imei, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, vat, -1, SQLITE_STATIC);
	static const char *const cols[] = { "case", "status", "line", "imei", "vat", "claim",
					    "delivery", "opened", "missing", "contact",
					    "contact-phone", "report-date", "due-date", "ticket" };
	struct table t;
	table_init(&t, "cases", "case", cols, ARRAY_SIZE(cols));
	while (sqlite3_step(st) == SQLITE_ROW) {
		char id[16], opened[40], report[40];
		store_case_id(sqlite3_column_int64(st, 0), id);
		const char *v[ARRAY_SIZE(cols)] = {
			id, store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
			store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 6),
			fmt_time(st, 7, opened, sizeof opened), store_col_text(st, 8),
			store_col_text(st, 9), store_col_text(st, 10),
			fmt_time(st, 11, report, sizeof report), store_col_text(st, 12),
			store_col_text(st, 13) };
		table_add(&t, v);
	}
	sqlite3_finalize(st);
	table_print(&t, fmt, stdout);
	table_free(&t);
	store_close(&s);
	return EXIT_OK;
}

int cmd_tickets(struct intake *in, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	enum table_format fmt = TABLE_TEXT;
	time_t since = 0;
	int c;
	if (intake_want_help(argc, argv, tickets_usage))
		return EXIT_OK;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			since = util_day_start(optarg);
			if (since == (time_t)-1)
				return intake_usage_error(tickets_usage, "bad DATE '%s' (YYYY-MM-DD)", optarg);
			break;
		case 'f':
			if (table_format_parse(optarg, &fmt))
				return intake_usage_error(tickets_usage, "unknown format '%s'", optarg);
			break;
		default: return intake_usage_error(tickets_usage, "bad option");
		}
	}
	if (optind != argc)
		return intake_usage_error(tickets_usage, "unexpected argument '%s'", argv[optind]);
	struct store *s = intake_open_store_ro(in);
	if (!s)
		return EXIT_FAIL;
	sqlite3_stmt *st = store_prepare(s,
		"SELECT t.id, t.revision, t.case_id, c.line, c.imei, c.claim, c.delivery, t.report_date,"
		"       t.due_date FROM tickets t JOIN cases c ON c.id = t.case_id"
		" WHERE t.report_date >= ? ORDER BY t.report_date, t.year, t.seq");
	if (!st) {
		store_close(&s);
		return EXIT_FAIL;
	}
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since);
	static const char *const cols[] = { "ticket", "revision", "case", "line", "imei", "claim",
					    "delivery", "report-date", "due-date" };
	struct table t;
	table_init(&t, "tickets", "ticket", cols, ARRAY_SIZE(cols));
	while (sqlite3_step(st) == SQLITE_ROW) {
		char cid[16], report[40];
		store_case_id(sqlite3_column_int64(st, 2), cid);
		const char *v[ARRAY_SIZE(cols)] = {
			store_col_text(st, 0), store_col_text(st, 1), cid, store_col_text(st, 3),
			store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 6),
			fmt_time(st, 7, report, sizeof report), store_col_text(st, 8) };
		table_add(&t, v);
	}
	sqlite3_finalize(st);
	table_print(&t, fmt, stdout);
	table_free(&t);
	store_close(&s);
	return EXIT_OK;
}
