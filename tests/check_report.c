/*
 * check_report - Check suite for the nightly report (intake/report.h): day
 * arithmetic and business days, percentiles, age buckets, a day with a
 * DST change read from a real store, text from outside kept well-formed,
 * CSV quoting. The command itself is tested by tests/e2e/50-report.sh.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "common/xml.h"
#include "intake/report.h"
#include "intake/store.h"
#include "tests/lib/checkrun.h"

START_TEST(day_arithmetic)
{
	char out[11];
	ck_assert_int_eq(report_day_add("2026-12-31", 1, out, sizeof out), 0);
	ck_assert_str_eq(out, "2027-01-01");
	ck_assert_int_eq(report_day_add("2028-03-01", -1, out, sizeof out), 0);
	ck_assert_str_eq(out, "2028-02-29");
	ck_assert_int_eq(report_day_add("2026-10-25", 1, out, sizeof out), 0);
	ck_assert_str_eq(out, "2026-10-26");
	ck_assert_int_ne(report_day_add("2026-02-30", 1, out, sizeof out), 0);
	ck_assert_int_ne(report_day_add("yesterday", 1, out, sizeof out), 0);
}
END_TEST

START_TEST(next_business_day)
{
	static const char *const cases[][2] = {
		{ "2026-11-24", "2026-11-25" },	/* Tuesday */
		{ "2026-11-27", "2026-11-30" },	/* Friday: the weekend */
		{ "2026-12-24", "2026-12-28" },	/* Christmas, St Stephen, Sunday */
		{ "2026-12-31", "2027-01-04" },	/* New Year, weekend */
		{ "2027-01-05", "2027-01-07" },	/* Epiphany */
		{ "2027-03-26", "2027-03-30" },	/* Easter Monday 2027-03-29 */
		{ "2026-04-03", "2026-04-07" },	/* Easter Monday 2026-04-06 */
		{ "2027-10-01", "2027-10-05" },	/* St Francis, from 2026 */
		{ "2024-10-03", "2024-10-04" },	/* ... a working day before 2026 */
		{ "2026-06-01", "2026-06-03" },	/* Republic Day */
		{ "2025-08-14", "2025-08-18" },	/* Assumption */
		{ "2025-04-24", "2025-04-28" },	/* Liberation Day */
		{ "2025-04-30", "2025-05-02" },	/* Labour Day */
		{ "2027-10-29", "2027-11-02" },	/* All Saints */
		{ "2026-12-07", "2026-12-09" },	/* Immaculate Conception */
	};
	char out[11];
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		ck_assert_int_eq(report_next_business_day(cases[i][0], out, sizeof out), 0);
		ck_assert_msg(!strcmp(out, cases[i][1]), "after %s: got %s, want %s", cases[i][0],
			      out, cases[i][1]);
	}
	ck_assert_int_ne(report_next_business_day("2026-13-01", out, sizeof out), 0);
}
END_TEST

START_TEST(percentiles_and_ages)
{
	double one[] = { 7 }, m, p;
	report_percentiles(one, 1, &m, &p);
	ck_assert(m == 7 && p == 7);
	double v[20];
	for (int i = 0; i < 20; i++)
		v[i] = 20 - i;	/* 20 .. 1, unsorted */
	report_percentiles(v, 20, &m, &p);
	ck_assert(m == 10.5);
	ck_assert(p == 19);	/* nearest rank: 19th of 20 */
	report_percentiles(NULL, 0, &m, &p);
	ck_assert(m == 0 && p == 0);

	ck_assert_int_eq(report_age_bucket(0), REPORT_AGE_UNDER_2);
	ck_assert_int_eq(report_age_bucket(1.99), REPORT_AGE_UNDER_2);
	ck_assert_int_eq(report_age_bucket(2), REPORT_AGE_2_7);
	ck_assert_int_eq(report_age_bucket(6.99), REPORT_AGE_2_7);
	ck_assert_int_eq(report_age_bucket(7), REPORT_AGE_7_30);
	ck_assert_int_eq(report_age_bucket(30), REPORT_AGE_OVER_30);
}
END_TEST

/* A fresh store in a temporary folder; the path goes to dir (freed by the
 * caller with the folder's removal). */
static struct store *fresh_store(char dir[64])
{
	snprintf(dir, 64, "/tmp/check_report.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *path = util_path_join(dir, "faxintake.db");
	struct strbuf err = STRBUF_INIT;
	struct store *s = store_open(path, 1000, &err);
	ck_assert_msg(s != NULL, "%s", err.buf);
	sb_release(&err);
	free(path);
	return s;
}

static void drop_store(struct store **s, const char *dir)
{
	char cmd[128];
	store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void add_fax(struct store *s, int id, const char *iso, const char *sender, int pages)
{
	time_t t;
	ck_assert_int_eq(util_parse_iso(iso, &t), 0);
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO faxes(id, sha256, file, received, received_from, sender, pages, status,"
		" processed_at) VALUES (?, 'x', 'x', ?, 'datetime', ?, ?, 'processed', 0)");
	ck_assert_ptr_nonnull(st);
	sqlite3_bind_int(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)t);
	sqlite3_bind_text(st, 3, sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, pages);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

START_TEST(dst_day_has_25_hours)
{
	char dir[64];
	struct store *s = fresh_store(dir);
	/* 2026-10-25: 02:00-02:59 happens twice in Rome */
	add_fax(s, 1, "2026-10-24T23:59:59+02:00", "a", 1);	/* the day before */
	add_fax(s, 2, "2026-10-25T00:30:00+02:00", "a", 1);
	add_fax(s, 3, "2026-10-25T02:30:00+02:00", "a", 2);
	add_fax(s, 4, "2026-10-25T02:30:00+01:00", "b", 3);
	add_fax(s, 5, "2026-10-25T23:59:59+01:00", "b", 1);
	add_fax(s, 6, "2026-10-26T00:00:00+01:00", "b", 1);	/* the day after */

	struct report *r = report_load(s, "2026-10-25");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->end - r->start, 25 * 3600);
	ck_assert_int_eq(r->faxes, 4);
	ck_assert_int_eq(r->pages, 7);
	ck_assert_int_eq(r->hour_faxes[0], 1);
	ck_assert_int_eq(r->hour_faxes[2], 2);
	ck_assert_int_eq(r->hour_pages[2], 5);
	ck_assert_int_eq(r->hour_faxes[23], 1);
	ck_assert_int_eq(r->nsenders, 2);
	ck_assert_str_eq(r->next_business_day, "2026-10-26");

	struct strbuf xml = STRBUF_INIT, html = STRBUF_INIT, err = STRBUF_INIT;
	report_xml(r, &xml);
	ck_assert_ptr_nonnull(strstr(xml.buf, "end=\"2026-10-26T00:00:00+01:00\""));
	ck_assert_ptr_nonnull(strstr(xml.buf, "start=\"2026-10-25T00:00:00+02:00\""));
	ck_assert_msg(report_html(xml.buf, xml.len, &html, &err) == 0, "%s", err.buf);
	sb_release(&xml);
	sb_release(&html);
	sb_release(&err);
	report_free(&r);
	ck_assert_ptr_null(r);
	ck_assert_ptr_null(report_load(s, "2026-02-30"));
	drop_store(&s, dir);
}
END_TEST

START_TEST(outside_text_stays_well_formed)
{
	char dir[64];
	struct store *s = fresh_store(dir);
	add_fax(s, 1, "2026-11-24T10:00:00+01:00", "bad \xff\xfe <&> \x01 utf-8", 1);
	add_fax(s, 2, "2026-11-24T11:00:00+01:00", "non\xef\xbf\xbf" "char \xc3\xa8", 1);
	struct report *r = report_load(s, "2026-11-24");
	ck_assert_ptr_nonnull(r);
	struct strbuf xml = STRBUF_INIT, html = STRBUF_INIT, err = STRBUF_INIT;
	report_xml(r, &xml);
	ck_assert_ptr_nonnull(strstr(xml.buf, "number=\"bad ?? &lt;&amp;&gt; ? utf-8\""));
	ck_assert_ptr_nonnull(strstr(xml.buf, "number=\"non???char \xc3\xa8\""));
	ck_assert_msg(report_html(xml.buf, xml.len, &html, &err) == 0, "%s", err.buf);
	/* a report the schema refuses is never turned into html */
	sb_reset(&err);
	sb_reset(&html);
	const char *bad = "<report xmlns=\"" REPORT_NS "\" day=\"2026-11-24\"/>";
	ck_assert_int_ne(report_html(bad, strlen(bad), &html, &err), 0);
	ck_assert_int_eq(html.len, 0);
	ck_assert_uint_gt(err.len, 0);
	sb_release(&xml);
	sb_release(&html);
	sb_release(&err);
	report_free(&r);
	drop_store(&s, dir);
}
END_TEST

START_TEST(csv_quotes_what_it_must)
{
	struct report r = { 0 };
	char id[] = "AR-2026-000001", status[] = "complete", claim[] = "theft", delivery[] = "site",
	     line[] = "335,123", imei[] = "say \"x\"", vat[] = "", due[] = "2026-12-01";
	struct report_ticket t = {
		.id = id, .revision = 3, .case_id = "C-000001", .case_status = status,
		.claim = claim, .delivery = delivery, .line = line, .imei = imei, .vat = vat,
		.due_date = due,
	};
	ck_assert_int_eq(util_parse_iso("2026-11-24T10:15:00+01:00", &t.report_date), 0);
	r.tickets = &t;
	r.ntickets = 1;
	struct strbuf csv = STRBUF_INIT;
	report_csv(&r, &csv);
	ck_assert_str_eq(csv.buf,
			 "ticket,revision,case,case_status,claim,delivery,line,imei,vat,report_date,due_date\r\n"
			 "AR-2026-000001,3,C-000001,complete,theft,site,\"335,123\",\"say \"\"x\"\"\",,"
			 "2026-11-24T10:15:00+01:00,2026-12-01\r\n");
	sb_release(&csv);
}
END_TEST

int main(void)
{
	util_set_timezone("Europe/Rome");
	xml_init(NULL);
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, day_arithmetic);
	tcase_add_test(tc, next_business_day);
	tcase_add_test(tc, percentiles_and_ages);
	tcase_add_test(tc, dst_day_has_25_hours);
	tcase_add_test(tc, outside_text_stays_well_formed);
	tcase_add_test(tc, csv_quotes_what_it_must);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
