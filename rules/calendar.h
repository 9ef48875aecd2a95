/*
 * calendar - Italian business days (DESIGN.md rule 4): Monday to Friday
 * except the national holidays 1 Jan, 6 Jan, Easter Monday, 25 Apr,
 * 1 May, 2 Jun, 15 Aug, 4 Oct (from 2026, law 151/2025), 1 Nov, 8 Dec,
 * 25 Dec, 26 Dec. Pure functions; the only clock-dependent input is the
 * local day of an instant (process TZ, Europe/Rome, set by main).
 */
#ifndef RULES_CALENDAR_H
#define RULES_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define RULES_DUE_BUSINESS_DAYS 5

/* A civil date. */
struct rules_day {
	int y, m, d;
};

/* Easter Sunday of a Gregorian year (1583..9999). */
struct rules_day rules_cal_easter(int year);
/* True on a national holiday (not counting Sundays as such). */
bool rules_cal_is_holiday(struct rules_day day);
/* Monday to Friday and not a holiday. */
bool rules_cal_is_business_day(struct rules_day day);
/* 0 = Sunday ... 6 = Saturday. */
int rules_cal_weekday(struct rules_day day);
/* day + n calendar days. */
struct rules_day rules_cal_add_days(struct rules_day day, int n);
/* The n-th business day after day (n >= 1; day itself never counts). */
struct rules_day rules_cal_add_business_days(struct rules_day day, int n);
/* The local day of instant t (process TZ). */
struct rules_day rules_cal_local_day(time_t t);
/* The due date of a report made at instant t: RULES_DUE_BUSINESS_DAYS
 * business days after its local day, as "YYYY-MM-DD" into out (>= 11). */
char *rules_cal_due_date(time_t report, char *out, size_t n);
/* Formats / parses "YYYY-MM-DD". parse returns 0 or -1. */
char *rules_cal_format(struct rules_day day, char *out, size_t n);
int rules_cal_parse(const char *s, struct rules_day *out);
/* <0, 0, >0 like strcmp. */
int rules_cal_compare(struct rules_day a, struct rules_day b);

#endif
