/*
 * check_common - Check suite for common/: strbuf, time conversion, files.
 */
#include <check.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "tests/lib/checkrun.h"

START_TEST(strbuf_basics)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "a");
	sb_addf(&sb, "%d-%s", 42, "x");
	ck_assert_str_eq(sb.buf, "a42-x");
	sb_reset(&sb);
	sb_add_xml(&sb, "<a&\"b'>");
	ck_assert_str_eq(sb.buf, "&lt;a&amp;&quot;b&apos;&gt;");
	sb_reset(&sb);
	sb_add_csv(&sb, "x,\"y\"");
	ck_assert_str_eq(sb.buf, "\"x,\"\"y\"\"\"");
	char *s = sb_detach(&sb);
	ck_assert_int_eq(sb.len, 0);
	free(s);
	sb_release(&sb);
}
END_TEST

START_TEST(tiff_datetime_both_styles)
{
	time_t a, b, c;
	ck_assert_int_eq(util_parse_tiff_datetime("2026:11:23 16:02:11", &a), 0);
	ck_assert_int_eq(util_parse_tiff_datetime("2026/11/23 16:02:11", &b), 0);
	ck_assert_int_eq(util_parse_iso("2026-11-23T16:02:11+01:00", &c), 0);
	ck_assert_int_eq(a, b);
	ck_assert_int_eq(a, c);
	ck_assert_int_ne(util_parse_tiff_datetime("2026-11-23 16:02:11", &a), 0);
	ck_assert_int_ne(util_parse_tiff_datetime("2026:13:23 16:02:11", &a), 0);
	ck_assert_int_ne(util_parse_tiff_datetime("", &a), 0);
	ck_assert_int_ne(util_parse_tiff_datetime(NULL, &a), 0);
}
END_TEST

START_TEST(dst_rules_europe_rome)
{
	time_t t, ref;
	char buf[40];
	/* 2026-10-25 02:30 happens twice: the earlier (summer, +02:00) instant */
	t = util_local_to_time(2026, 10, 25, 2, 30, 0);
	ck_assert_int_eq(util_parse_iso("2026-10-25T02:30:00+02:00", &ref), 0);
	ck_assert_int_eq(t, ref);
	ck_assert_str_eq(util_format_iso(t, buf, sizeof buf), "2026-10-25T02:30:00+02:00");
	/* 2026-03-29 02:30 does not exist: an hour later, 03:30 summer time */
	t = util_local_to_time(2026, 3, 29, 2, 30, 0);
	ck_assert_str_eq(util_format_iso(t, buf, sizeof buf), "2026-03-29T03:30:00+02:00");
	ck_assert_int_eq(util_local_to_time(2026, 2, 29, 0, 0, 0), -1);
	ck_assert_int_ne(util_local_to_time(2028, 2, 29, 0, 0, 0), -1);
}
END_TEST

START_TEST(iso_round_trip)
{
	time_t t;
	char buf[40];
	ck_assert_int_eq(util_parse_iso("2026-11-24T10:15:00+01:00", &t), 0);
	ck_assert_str_eq(util_format_iso(t, buf, sizeof buf), "2026-11-24T10:15:00+01:00");
	ck_assert_str_eq(util_format_date(t, buf, sizeof buf), "2026-11-24");
	ck_assert_int_eq(util_parse_iso("2026-11-24T09:15:00Z", &t), 0);
	ck_assert_str_eq(util_format_iso(t, buf, sizeof buf), "2026-11-24T10:15:00+01:00");
	ck_assert_int_ne(util_parse_iso("2026-11-24T10:15:00+0100", &t), 0);
	ck_assert_int_ne(util_parse_iso("yesterday", &t), 0);
}
END_TEST

START_TEST(atomic_write_and_sha256)
{
	char dir[] = "/tmp/fi-check-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *p = util_path_join(dir, "x.xml");
	ck_assert_int_eq(util_write_atomic(p, "abc", 3, 0640), 0);
	char *data;
	size_t len;
	ck_assert_int_eq(util_read_file(p, 100, &data, &len), 0);
	ck_assert_int_eq(len, 3);
	char hex[65];
	util_sha256_mem(data, len, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(util_read_file(p, 2, &data, &len) == -1, 1);
	free(data);
	free(p);
}
END_TEST

START_TEST(utf8_validity)
{
	ck_assert(util_utf8_valid("abc", 3));
	ck_assert(util_utf8_valid("identit\xc3\xa0", 9));
	ck_assert(!util_utf8_valid("\xff\xfe", 2));
	ck_assert(!util_utf8_valid("\xc3", 1));
	ck_assert(!util_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
}
END_TEST

/* This program's mktime, counting the calls util.c makes (the executable's
 * own definition is the one libfaxintake.a's objects link to), then the C
 * library's. */
static int mktime_calls;
time_t mktime(struct tm *tm)
{
	static time_t (*libc_mktime)(struct tm *);
	if (!libc_mktime)
		*(void **)&libc_mktime = dlsym(RTLD_NEXT, "mktime");
	mktime_calls++;
	return libc_mktime(tm);
}

/* A date, or a time with its offset, is read without the time zone's
 * rules: its check is the calendar's. Two mktime calls per date were most
 * of the CPU of parsing a large registry (its addresses' times), which
 * every derivation parses. A local time does need them. */
START_TEST(dates_and_offset_times_need_no_time_zone)
{
	time_t t;
	int y, m, d;
	mktime_calls = 0;
	ck_assert_int_eq(util_parse_iso("2026-03-29T02:30:00+01:00", &t), 0);
	ck_assert_int_eq(t, 1774747800);
	ck_assert_int_eq(util_parse_iso("2024-02-29T23:59:60Z", &t), 0);
	ck_assert_int_eq(util_parse_date("2028-02-29", &y, &m, &d), 0);
	ck_assert(y == 2028 && m == 2 && d == 29);
	ck_assert_int_ne(util_parse_date("2026-02-29", &y, &m, &d), 0);
	ck_assert_int_ne(util_parse_date("2100-02-29", &y, &m, &d), 0);
	ck_assert_int_eq(util_parse_date("2000-02-29", &y, &m, &d), 0);
	ck_assert_int_ne(util_parse_date("2026-04-31", &y, &m, &d), 0);
	ck_assert_int_ne(util_parse_date("1899-12-31", &y, &m, &d), 0);
	ck_assert_int_ne(util_parse_iso("2026-13-01T00:00:00+01:00", &t), 0);
	ck_assert_int_eq(mktime_calls, 0);
	ck_assert_int_eq(util_parse_iso("2026-03-29T12:00:00", &t), 0);
	ck_assert_int_gt(mktime_calls, 0);
}
END_TEST

int main(void)
{
	util_set_timezone("Europe/Rome");
	Suite *s = suite_create("common");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, strbuf_basics);
	tcase_add_test(tc, tiff_datetime_both_styles);
	tcase_add_test(tc, dst_rules_europe_rome);
	tcase_add_test(tc, iso_round_trip);
	tcase_add_test(tc, dates_and_offset_times_need_no_time_zone);
	tcase_add_test(tc, atomic_write_and_sha256);
	tcase_add_test(tc, utf8_validity);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
