/*
 * calendar - Italian national holidays and business-day arithmetic.
 *
 * Dates are converted to a count of days since 1970-01-01 (proleptic
 * Gregorian) for arithmetic; Easter follows the anonymous Gregorian
 * algorithm (Meeus/Jones/Butcher). Pure functions, no failure modes except
 * rules_cal_parse, which returns -1 on a malformed date.
 */
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "rules/calendar.h"

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long cal_days(struct rules_day day)
{
	int y = day.y - (day.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (day.m + (day.m > 2 ? -3 : 9)) + 2) / 5 + day.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static struct rules_day cal_from_days(long z)
{
	struct rules_day r;
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

struct rules_day rules_cal_easter(int year)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	struct rules_day r;
	r.y = year;
	r.m = (h + l - 7 * m + 114) / 31;
	r.d = (h + l - 7 * m + 114) % 31 + 1;
	return r;
}

int rules_cal_weekday(struct rules_day day)
{
	long z = cal_days(day);
	/* 1970-01-01 was a Thursday (4) */
	return (int)(((z % 7) + 7 + 4) % 7);
}

struct rules_day rules_cal_add_days(struct rules_day day, int n)
{
	return cal_from_days(cal_days(day) + n);
}

int rules_cal_compare(struct rules_day a, struct rules_day b)
{
	long x = cal_days(a), y = cal_days(b);
	return x < y ? -1 : x > y;
}

bool rules_cal_is_holiday(struct rules_day day)
{
	static const struct {
		int m, d, from;
	} fixed[] = {
		{ 1, 1, 0 }, { 1, 6, 0 }, { 4, 25, 0 }, { 5, 1, 0 }, { 6, 2, 0 }, { 8, 15, 0 },
		{ 10, 4, 2026 },	/* San Francesco, law 151/2025 */
		{ 11, 1, 0 }, { 12, 8, 0 }, { 12, 25, 0 }, { 12, 26, 0 },
	};
	size_t i;
	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		if (fixed[i].m == day.m && fixed[i].d == day.d && day.y >= fixed[i].from)
			return true;
	return rules_cal_compare(day, rules_cal_add_days(rules_cal_easter(day.y), 1)) == 0;
}

bool rules_cal_is_business_day(struct rules_day day)
{
	int wd = rules_cal_weekday(day);
	return wd != 0 && wd != 6 && !rules_cal_is_holiday(day);
}

struct rules_day rules_cal_add_business_days(struct rules_day day, int n)
{
	while (n > 0) {
		day = rules_cal_add_days(day, 1);
		if (rules_cal_is_business_day(day))
			n--;
	}
	return day;
}

struct rules_day rules_cal_local_day(time_t t)
{
	struct tm tm;
	struct rules_day r = { 1970, 1, 1 };
	if (localtime_r(&t, &tm)) {
		r.y = tm.tm_year + 1900;
		r.m = tm.tm_mon + 1;
		r.d = tm.tm_mday;
	}
	return r;
}

char *rules_cal_format(struct rules_day day, char *out, size_t n)
{
	snprintf(out, n, "%04d-%02d-%02d", day.y, day.m, day.d);
	return out;
}

int rules_cal_parse(const char *s, struct rules_day *out)
{
	return util_parse_date(s, &out->y, &out->m, &out->d);
}

char *rules_cal_due_date(time_t report, char *out, size_t n)
{
	struct rules_day due = rules_cal_add_business_days(rules_cal_local_day(report),
							    RULES_DUE_BUSINESS_DAYS);
	return rules_cal_format(due, out, n);
}
