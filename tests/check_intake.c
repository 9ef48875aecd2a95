/*
 * check_intake - Check suite for intake/'s building blocks: the settings
 * table, the store's migrations and event log, table output, the reason
 * words for clerks.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "intake/config.h"
#include "intake/daemon.h"
#include "intake/reasons.h"
#include "intake/store.h"
#include "intake/table.h"
#include "tests/lib/checkrun.h"

static char *tmpdir(void)
{
	char *d = xstrdup("/tmp/fi-intake-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static char *write_conf(const char *dir, const char *text)
{
	char *p = util_path_join(dir, "faxintake.conf");
	ck_assert_int_eq(util_write_atomic(p, text, strlen(text), 0640), 0);
	return p;
}

START_TEST(config_defaults_and_values)
{
	char *d = tmpdir();
	char *p = write_conf(d, "# a comment\n\nworkers = 3\nmin_confidence=0.9\n"
				"watch_mode = poll\nlog_syslog = yes\nuser = \"fax\"\n");
	struct config c;
	struct strbuf err = STRBUF_INIT;
	ck_assert_int_eq(config_load(&c, d, p, &err), 0);
	ck_assert_int_eq(c.workers, 3);
	ck_assert(c.min_confidence > 0.89 && c.min_confidence < 0.91);
	ck_assert_str_eq(c.watch_mode, "poll");
	ck_assert(c.log_syslog);
	ck_assert_str_eq(c.user, "fax");
	ck_assert_int_eq(c.stability_delay_ms, 2000);	/* a default */
	char *spool = util_path_join(d, "spool");
	ck_assert_str_eq(c.spool_dir, spool);
	free(spool);
	config_free(&c);
	sb_release(&err);
	free(p);
	free(d);
}
END_TEST

START_TEST(config_errors_name_their_lines)
{
	char *d = tmpdir();
	char *p = write_conf(d, "workers = 3\nworkers = lots\nnope = 1\nwatch_mode = maybe\n"
				"grace_time_s = 0\njust words\n");
	struct config c;
	struct strbuf err = STRBUF_INIT;
	ck_assert_int_eq(config_load(&c, d, p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.buf, "faxintake.conf:2: workers"));
	ck_assert_ptr_nonnull(strstr(err.buf, "faxintake.conf:3: unknown setting 'nope'"));
	ck_assert_ptr_nonnull(strstr(err.buf, "faxintake.conf:4: watch_mode"));
	ck_assert_ptr_nonnull(strstr(err.buf, "faxintake.conf:5: grace_time_s"));
	ck_assert_ptr_nonnull(strstr(err.buf, "faxintake.conf:6: expected"));
	ck_assert_ptr_null(strstr(err.buf, ":1:"));
	config_free(&c);
	sb_release(&err);
	free(p);
	free(d);
}
END_TEST

START_TEST(config_written_defaults_parse_back)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	config_write_defaults(&text);
	/* uncomment every setting: the defaults must parse as written */
	struct strbuf un = STRBUF_INIT;
	for (char *line = strtok(text.buf, "\n"); line; line = strtok(NULL, "\n"))
		if (line[0] == '#' && line[1] != ' ' && strchr(line, '='))
			sb_addf(&un, "%s\n", line + 1);
	char *d = tmpdir();
	char *p = write_conf(d, un.buf);
	struct config c;
	ck_assert_int_eq(config_load(&c, d, p, &err), 0);
	ck_assert_uint_gt(un.len, 200);
	config_free(&c);
	sb_release(&text);
	sb_release(&un);
	sb_release(&err);
	free(p);
	free(d);
}
END_TEST

START_TEST(store_migrates_and_logs)
{
	char *d = tmpdir();
	char *p = util_path_join(d, "faxintake.db");
	struct strbuf err = STRBUF_INIT;
	struct store *s = store_open(p, 1000, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(store_int(s, "PRAGMA user_version", 0), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(store_begin(s), 0);
	ck_assert_int_eq(store_event(s, "tester", "poke", "F-000001", "detail"), 0);
	ck_assert_int_eq(store_commit(s), 0);
	/* the event log is append-only */
	ck_assert_int_ne(sqlite3_exec(s->db, "UPDATE events SET actor = 'x'", NULL, NULL, NULL),
			 SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(s->db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(store_int(s, "SELECT COUNT(*) FROM events WHERE actor = 'tester'", 0), 1);
	/* a database from a newer faxintake is refused, not damaged */
	ck_assert_int_eq(store_exec(s, "PRAGMA user_version = 99"), 0);
	store_close(&s);
	ck_assert_ptr_null(s);
	s = store_open(p, 1000, &err);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err.buf, "newer"));
	sb_release(&err);
	free(p);
	free(d);
}
END_TEST

START_TEST(store_ids)
{
	char b[16];
	store_fax_id(12, b);
	ck_assert_str_eq(b, "F-000012");
	store_case_id(1234567, b);
	ck_assert_str_eq(b, "C-1234567");
	ck_assert_int_eq(store_parse_id("D-000042", 'D'), 42);
	ck_assert_int_eq(store_parse_id("42", 'D'), 42);
	ck_assert_int_eq(store_parse_id("C-000042", 'D'), -1);
	ck_assert_int_eq(store_parse_id("D-", 'D'), -1);
	ck_assert_int_eq(store_parse_id("D-0", 'D'), -1);
}
END_TEST

START_TEST(table_formats)
{
	static const char *const cols[] = { "a", "b" };
	struct table t;
	table_init(&t, "rows", "row", cols, 2);
	const char *r1[] = { "x,y", "say \"hi\"" };
	const char *r2[] = { "<&>", NULL };
	table_add(&t, r1);
	table_add(&t, r2);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	table_print(&t, TABLE_CSV, f);
	fclose(f);
	ck_assert_str_eq(buf, "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n<&>,\r\n");
	free(buf);
	f = open_memstream(&buf, &len);
	table_print(&t, TABLE_XML, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "<row a=\"&lt;&amp;&gt;\"/>"));
	free(buf);
	enum table_format fmt;
	ck_assert_int_eq(table_format_parse("csv", &fmt), 0);
	ck_assert_int_eq(table_format_parse("json", &fmt), -1);
	table_free(&t);
}
END_TEST

/* What stays in line is retried after 5 s, then twice as long each time
 * it fails again, never more than 5 minutes apart. */
START_TEST(retry_waits_double_up_to_five_minutes)
{
	long w = daemon_retry_ms(0);
	ck_assert_int_eq(w, 5000);
	long seen[16];
	for (int i = 0; i < 16; i++) {
		seen[i] = w;
		w = daemon_retry_ms(w);
	}
	ck_assert_int_eq(seen[1], 10000);
	ck_assert_int_eq(seen[2], 20000);
	ck_assert_int_eq(seen[6], 300000);	/* 160 s doubled is over the cap */
	ck_assert_int_eq(seen[15], 300000);
	for (int i = 1; i < 16; i++)
		ck_assert(seen[i] >= seen[i - 1]);
}
END_TEST

START_TEST(every_reason_code_has_words)
{
	static const char *const codes[] = {
		"UNREADABLE_FILE", "UNSUPPORTED_IMAGE", "PAGE_LIMIT", "UNKNOWN_DOCUMENT",
		"LOW_CONFIDENCE", "SCHEMA_INVALID", "FIELD_MISSING", "IMEI_CHECKSUM", "VAT_CHECKSUM",
		"FISCAL_CODE_CHECKSUM", "LINE_UNKNOWN", "COMPANY_MISMATCH", "IMEI_MISMATCH",
		"SIGNER_NOT_AUTHORIZED", "SIGNATURE_MISSING", "DECLARATION_MISSING",
		"EXCLUSION_SUSPECTED", "COVERAGE_EXPIRED", "ID_EXPIRED", "DENUNCIATION_DATE_INVALID",
		"DOCUMENT_MISMATCH", "NO_MATCHING_CASE", "AMBIGUOUS_CASE", "DUPLICATE",
		"ADDRESS_NOT_APPLIED", "CLERK_REJECTED", "REFUSED_FILE",
	};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
		ck_assert_msg(reason_words(codes[i]) != NULL, "no words for %s", codes[i]);
	ck_assert_ptr_null(reason_words("NOT_A_CODE"));
}
END_TEST

int main(void)
{
	util_set_timezone("Europe/Rome");
	Suite *s = suite_create("intake");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, config_defaults_and_values);
	tcase_add_test(tc, config_errors_name_their_lines);
	tcase_add_test(tc, config_written_defaults_parse_back);
	tcase_add_test(tc, store_migrates_and_logs);
	tcase_add_test(tc, store_ids);
	tcase_add_test(tc, table_formats);
	tcase_add_test(tc, every_reason_code_has_words);
	tcase_add_test(tc, retry_waits_double_up_to_five_minutes);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
