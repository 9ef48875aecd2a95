/*
 * check_choose - choosing a checked code among the readings Tesseract's
 * alternatives allow (ocr/choose.c), on readings the accuracy corpora
 * showed: a check letter J read as I, a 5 read as S where the fiscal code
 * would also take S as an omocodic letter, IMEIs whose alternatives pass
 * in more than one way.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocr/check.h"
#include "ocr/choose.h"
#include "tests/lib/checkrun.h"

#define UP "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DG "0123456789"
#define OMO DG "LMNPQRSTUV"
static const char *const cf_cls[] = { UP, UP, UP, UP, UP, UP, OMO, OMO,
				      "ABCDEHLMPRST", OMO, OMO, UP, OMO, OMO, OMO, UP };
static const char *const dg_cls[] = { DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, DG };

/* A reading of text, every character at confidence 0.99 unless changed. */
static int reading(const char *text, struct ocr_sym *s)
{
	int n = 0;
	for (const char *p = text; *p; p++, n++) {
		memset(&s[n], 0, sizeof s[n]);
		s[n].ch[0] = *p;
		s[n].conf = 0.99;
	}
	return n;
}

/* What the last choice read and chose, and its confidence. */
static char top[64], best[64];
static double conf;

static int choose_cf(const struct ocr_sym *s, int n)
{
	return ocr_choose_checked(s, n, cf_cls, 16, ocr_check_fiscal_code, top, best, &conf);
}

static int choose_imei(const struct ocr_sym *s, int n)
{
	return ocr_choose_checked(s, n, dg_cls, 15, ocr_check_imei, top, best, &conf);
}

/* Symbol i gets confidence c and one alternative a at aconf. */
static void alt(struct ocr_sym *s, int i, double c, char a, double aconf)
{
	s[i].conf = c;
	s[i].alt[s[i].nalt][0] = a;
	s[i].altconf[s[i].nalt++] = aconf;
}

START_TEST(passes_as_read)
{
	struct ocr_sym s[32];
	int n = reading("BNCNDR26B52M817V", s);
	ck_assert_int_eq(choose_cf(s, n), 1);
	ck_assert_str_eq(best, "BNCNDR26B52M817V");
	ck_assert(conf > 0.9);
}
END_TEST

START_TEST(check_letter_j_read_as_i)
{
	struct ocr_sym s[32];
	int n = reading("DLCSFN43A25E748I", s);
	s[15].conf = 0.79;
	ck_assert(!ocr_check_fiscal_code("DLCSFN43A25E748I"));
	ck_assert_int_eq(choose_cf(s, n), 2);
	ck_assert_str_eq(top, "DLCSFN43A25E748I");
	ck_assert_str_eq(best, "DLCSFN43A25E748J");
	/* the other way round too, and a 1 at the check letter is its I */
	n = reading("DLCSFN43A25E748J", s);
	ck_assert_int_eq(choose_cf(s, n), 1);
	n = reading("FRRNCL93M03D3631", s);
	ck_assert_int_eq(choose_cf(s, n), 2);
	ck_assert_str_eq(best, "FRRNCL93M03D363J");
}
END_TEST

START_TEST(misread_digit_before_omocodic_letter)
{
	struct ocr_sym s[32];
	/* both pass: 5 read as S (an omocodic 6) with the check letter I, or
	 * the 5 with the J that was printed */
	ck_assert(ocr_check_fiscal_code("GRDPLAS7C59C267I"));
	ck_assert(ocr_check_fiscal_code("GRDPLA57C59C267J"));
	int n = reading("GRDPLAS7C59C267J", s);
	alt(s, 6, 0.98, '5', 0.27);
	alt(s, 15, 0.95, 'I', 0.60);
	ck_assert_int_eq(choose_cf(s, n), 2);
	ck_assert_str_eq(best, "GRDPLA57C59C267J");
	ck_assert(conf < 0.3);	/* the weak alternative's confidence */
	/* and a letter where only a letter may be, read as its digit */
	n = reading("8NCNDR26B52M817V", s);
	ck_assert_int_eq(choose_cf(s, n), 2);
	ck_assert_str_eq(best, "BNCNDR26B52M817V");
}
END_TEST

START_TEST(doubled_letter_dropped)
{
	struct ocr_sym s[32];
	int n = reading("BNCNDDR26B52M817V", s);
	ck_assert_int_eq(choose_cf(s, n), 2);
	ck_assert_str_eq(best, "BNCNDR26B52M817V");
	ck_assert(conf <= 0.6);
	/* not for digits: a mod-10 check passes one wrong reading in ten */
	n = reading("4902170300012345", s);
	ck_assert_int_eq(choose_imei(s, n), -1);
}
END_TEST

START_TEST(ambiguous_or_unrepairable_goes_to_a_clerk)
{
	struct ocr_sym s[32];
	/* an IMEI of seed 1 page 15: four readings pass among the alternatives */
	int n = reading("328210863616243", s);
	alt(s, 0, 0.97, '2', 0.38);
	alt(s, 2, 0.99, '9', 0.23);
	alt(s, 9, 0.98, '5', 0.23);
	alt(s, 9, 0.98, '0', 0.21);
	alt(s, 9, 0.98, '9', 0.19);
	alt(s, 9, 0.98, '8', 0.11);
	alt(s, 12, 0.93, '8', 0.64);
	alt(s, 12, 0.93, '9', 0.21);
	alt(s, 12, 0.93, '5', 0.19);
	ck_assert(!ocr_check_imei("328210863616243"));
	ck_assert_int_eq(choose_imei(s, n), 0);
	ck_assert_str_eq(top, "328210863616243");
	ck_assert_str_eq(best, "");
	/* a fiscal code failing its check with nothing else to try */
	n = reading("RZZUNTN6S12H286U", s);
	ck_assert_int_eq(choose_cf(s, n), 0);
	/* separators are skipped, too few characters are -1 */
	n = reading("3282 1086 3616 24", s);
	ck_assert_int_eq(choose_imei(s, n), -1);
	ck_assert_str_eq(top, "32821086361624");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("choose");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, passes_as_read);
	tcase_add_test(tc, check_letter_j_read_as_i);
	tcase_add_test(tc, misread_digit_before_omocodic_letter);
	tcase_add_test(tc, doubled_letter_dropped);
	tcase_add_test(tc, ambiguous_or_unrepairable_goes_to_a_clerk);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
