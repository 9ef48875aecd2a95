/*
 * check_calendar - Check suite for rules/calendar: Easter 1900-2100,
 * Italian national holidays, business days and due dates (DESIGN.md
 * rule 4).
 *
 * The Easter table below was generated independently of the code under
 * test, with Python's dateutil.easter.easter(year, EASTER_WESTERN)
 * (python3-dateutil), while rules/calendar.c uses the anonymous Gregorian
 * (Meeus/Jones/Butcher) algorithm. Format: YYYYMMDD of Easter Sunday.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "rules/calendar.h"
#include "tests/lib/checkrun.h"

static const long easter_1900_2100[] = {
	19000415, 19010407, 19020330, 19030412, 19040403, 19050423, 19060415, 19070331,
	19080419, 19090411, 19100327, 19110416, 19120407, 19130323, 19140412, 19150404,
	19160423, 19170408, 19180331, 19190420, 19200404, 19210327, 19220416, 19230401,
	19240420, 19250412, 19260404, 19270417, 19280408, 19290331, 19300420, 19310405,
	19320327, 19330416, 19340401, 19350421, 19360412, 19370328, 19380417, 19390409,
	19400324, 19410413, 19420405, 19430425, 19440409, 19450401, 19460421, 19470406,
	19480328, 19490417, 19500409, 19510325, 19520413, 19530405, 19540418, 19550410,
	19560401, 19570421, 19580406, 19590329, 19600417, 19610402, 19620422, 19630414,
	19640329, 19650418, 19660410, 19670326, 19680414, 19690406, 19700329, 19710411,
	19720402, 19730422, 19740414, 19750330, 19760418, 19770410, 19780326, 19790415,
	19800406, 19810419, 19820411, 19830403, 19840422, 19850407, 19860330, 19870419,
	19880403, 19890326, 19900415, 19910331, 19920419, 19930411, 19940403, 19950416,
	19960407, 19970330, 19980412, 19990404, 20000423, 20010415, 20020331, 20030420,
	20040411, 20050327, 20060416, 20070408, 20080323, 20090412, 20100404, 20110424,
	20120408, 20130331, 20140420, 20150405, 20160327, 20170416, 20180401, 20190421,
	20200412, 20210404, 20220417, 20230409, 20240331, 20250420, 20260405, 20270328,
	20280416, 20290401, 20300421, 20310413, 20320328, 20330417, 20340409, 20350325,
	20360413, 20370405, 20380425, 20390410, 20400401, 20410421, 20420406, 20430329,
	20440417, 20450409, 20460325, 20470414, 20480405, 20490418, 20500410, 20510402,
	20520421, 20530406, 20540329, 20550418, 20560402, 20570422, 20580414, 20590330,
	20600418, 20610410, 20620326, 20630415, 20640406, 20650329, 20660411, 20670403,
	20680422, 20690414, 20700330, 20710419, 20720410, 20730326, 20740415, 20750407,
	20760419, 20770411, 20780403, 20790423, 20800407, 20810330, 20820419, 20830404,
	20840326, 20850415, 20860331, 20870420, 20880411, 20890403, 20900416, 20910408,
	20920330, 20930412, 20940404, 20950424, 20960415, 20970331, 20980420, 20990412,
	21000328,
};

static struct rules_day day(int y, int m, int d)
{
	struct rules_day r = { y, m, d };
	return r;
}

START_TEST(easter_table)
{
	size_t i;
	ck_assert_int_eq(ARRAY_SIZE(easter_1900_2100), 201);
	for (i = 0; i < ARRAY_SIZE(easter_1900_2100); i++) {
		int y = 1900 + (int)i;
		struct rules_day e = rules_cal_easter(y);
		long got = e.y * 10000L + e.m * 100L + e.d;
		ck_assert_msg(got == easter_1900_2100[i], "easter %d: got %ld, want %ld", y, got,
			      easter_1900_2100[i]);
		ck_assert_int_eq(rules_cal_weekday(e), 0);
	}
}
END_TEST

static void check_year_holidays(int year, const char *const *expected, size_t n)
{
	struct rules_day d = day(year, 1, 1);
	char buf[11];
	size_t found = 0, i;

	while (d.y == year) {
		bool want = false;
		rules_cal_format(d, buf, sizeof buf);
		for (i = 0; i < n; i++)
			if (strcmp(expected[i], buf) == 0)
				want = true;
		ck_assert_msg(rules_cal_is_holiday(d) == want, "%s: holiday should be %d", buf, want);
		found += want;
		d = rules_cal_add_days(d, 1);
	}
	ck_assert_int_eq(found, n);
}

START_TEST(holidays_2026)
{
	static const char *const h[] = {
		"2026-01-01", "2026-01-06", "2026-04-06", "2026-04-25", "2026-05-01", "2026-06-02",
		"2026-08-15", "2026-10-04", "2026-11-01", "2026-12-08", "2026-12-25", "2026-12-26",
	};
	check_year_holidays(2026, h, ARRAY_SIZE(h));
}
END_TEST

START_TEST(holidays_2027)
{
	static const char *const h[] = {
		"2027-01-01", "2027-01-06", "2027-03-29", "2027-04-25", "2027-05-01", "2027-06-02",
		"2027-08-15", "2027-10-04", "2027-11-01", "2027-12-08", "2027-12-25", "2027-12-26",
	};
	check_year_holidays(2027, h, ARRAY_SIZE(h));
}
END_TEST

START_TEST(san_francesco_only_from_2026)
{
	ck_assert(!rules_cal_is_holiday(day(2024, 10, 4)));
	ck_assert(!rules_cal_is_holiday(day(2025, 10, 4)));
	ck_assert(rules_cal_is_holiday(day(2026, 10, 4)));
	ck_assert(rules_cal_is_business_day(day(2024, 10, 4)));	/* a Friday */
	ck_assert(!rules_cal_is_business_day(day(2027, 10, 4)));	/* a Monday */
}
END_TEST

START_TEST(weekdays_and_business_days)
{
	ck_assert_int_eq(rules_cal_weekday(day(1970, 1, 1)), 4);
	ck_assert_int_eq(rules_cal_weekday(day(2026, 11, 28)), 6);
	ck_assert_int_eq(rules_cal_weekday(day(2000, 2, 29)), 2);
	ck_assert(!rules_cal_is_business_day(day(2026, 11, 28)));	/* Saturday */
	ck_assert(!rules_cal_is_business_day(day(2026, 11, 29)));	/* Sunday */
	ck_assert(rules_cal_is_business_day(day(2026, 11, 30)));
	ck_assert(!rules_cal_is_business_day(day(2026, 4, 6)));	/* Easter Monday */
	ck_assert_int_eq(rules_cal_compare(rules_cal_add_days(day(2028, 2, 28), 2), day(2028, 3, 1)), 0);
	ck_assert_int_eq(rules_cal_compare(rules_cal_add_days(day(2027, 1, 1), -1), day(2026, 12, 31)), 0);
}
END_TEST

static void due(const char *report_iso, const char *want)
{
	time_t t;
	char buf[11];
	ck_assert_int_eq(util_parse_iso(report_iso, &t), 0);
	ck_assert_str_eq(rules_cal_due_date(t, buf, sizeof buf), want);
}

START_TEST(due_dates)
{
	/* the contract's ticket: Tuesday -> the next Tuesday */
	due("2026-11-24T10:15:00+01:00", "2026-12-01");
	/* across Christmas: 25 and 26 December, then 1 and 6 January */
	due("2026-12-23T09:00:00+01:00", "2026-12-31");
	due("2026-12-31T17:00:00+01:00", "2027-01-11");
	/* across Easter Monday 2027 (29 March) */
	due("2027-03-25T12:00:00+01:00", "2027-04-02");
	/* across 4 October 2027, a Monday, new holiday */
	due("2027-09-29T12:00:00+02:00", "2027-10-07");
	/* the same weekday pattern before 2026: 4 October counts as a working day */
	due("2024-10-02T12:00:00+02:00", "2024-10-09");
	/* a Saturday receipt: Monday is the first business day */
	due("2026-11-28T10:00:00+01:00", "2026-12-04");
	/* a Sunday receipt */
	due("2026-11-29T10:00:00+01:00", "2026-12-04");
	/* the local day counts, not the UTC one: 00:30 in Rome is still the 23rd in UTC */
	due("2026-11-24T00:30:00+01:00", "2026-12-01");
	due("2026-11-23T23:30:00+01:00", "2026-11-30");
	/* received on a holiday (Easter Monday 2026) */
	due("2026-04-06T10:00:00+02:00", "2026-04-13");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("calendar");

	if (util_set_timezone("Europe/Rome") != 0)
		return 1;
	tcase_add_test(tc, easter_table);
	tcase_add_test(tc, holidays_2026);
	tcase_add_test(tc, holidays_2027);
	tcase_add_test(tc, san_francesco_only_from_2026);
	tcase_add_test(tc, weekdays_and_business_days);
	tcase_add_test(tc, due_dates);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
