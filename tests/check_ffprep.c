/*
 * check_ffprep - Check suite for what ocr/freeform.c's page preparation
 * takes for granted of Leptonica to save work: a closing or an opening made
 * of dilations and erosions by the composite brick (a small brick, then a
 * comb) in DWA, whose two factors make the size exactly, gives the same
 * pixels as by the plain brick, edges of the image included (Leptonica's
 * own pixCloseCompBrick does not, near the edges); a component at most 2
 * pixels wide holds every ink pixel of its bounding box, so that clearing
 * the boxes of the small components removes what pixSelectBySize removes
 * (freeform.c's specks, ocr/clean.c's despeckling); and the blank-page
 * test, which looks at a band of the page first, says what the whole page
 * says. Random speckle (dense in places, as a faxed photocopy's grey
 * areas) stands for a page.
 */
#include <check.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "ocr/clean.h"
#include "ocr/freeform.h"
#include "tests/lib/checkrun.h"

/* A w x h page of specks: sparse everywhere, dense in a few blocks, some
 * touching the image's edges; and a few letters' worth of strokes. */
static PIX *speckle(int w, int h, unsigned seed)
{
	PIX *pix = pixCreate(w, h, 1);
	srand(seed);
	for (int i = 0; i < w * h / 400; i++)
		pixSetPixel(pix, rand() % w, rand() % h, 1);
	for (int b = 0; b < 6; b++) {
		int bw = 40 + rand() % 200, bh = 40 + rand() % 200;
		int x0 = b < 2 ? 0 : rand() % (w - bw), y0 = b == 1 ? h - bh : rand() % (h - bh);
		for (int i = 0; i < bw * bh / 12; i++) {
			int x = x0 + rand() % bw, y = y0 + rand() % bh;
			pixSetPixel(pix, x, y, 1);
			if (rand() % 3 == 0)
				pixSetPixel(pix, x, y + 1 < h ? y + 1 : y, 1);
		}
	}
	for (int i = 0; i < 20; i++)
		pixRasterop(pix, rand() % (w - 30), rand() % (h - 30), 2 + rand() % 20,
			    2 + rand() % 20, PIX_SET, NULL, 0, 0);
	return pix;
}

static void same(PIX *a, PIX *b)
{
	l_int32 eq = 0;
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(pixEqual(a, b, &eq), 0);
	ck_assert_int_eq(eq, 1);
}

/* A closing or an opening as ocr/freeform.c makes it: dilation and erosion
 * by the composite brick, in DWA. */
static PIX *composite(PIX *pix, int w, int h, int close)
{
	PIX *t = close ? pixDilateCompBrickDwa(NULL, pix, w, h) : pixErodeCompBrickDwa(NULL, pix, w, h);
	PIX *r = close ? pixErodeCompBrickDwa(NULL, t, w, h) : pixDilateCompBrickDwa(NULL, t, w, h);
	pixDestroy(&t);
	return r;
}

START_TEST(composite_brick_is_the_brick)
{
	/* the sizes the reader uses at 204 dpi (4 mm, 2.5 mm), and others */
	static const int sizes[][2] = { { 33, 33 }, { 21, 1 }, { 9, 15 }, { 1, 33 }, { 45, 21 } };
	for (unsigned seed = 1; seed <= 6; seed++) {
		PIX *pix = speckle(700 + 37 * (int)seed, 500 + 11 * (int)seed, seed);
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			int w = sizes[k][0], h = sizes[k][1];
			l_int32 a, b;
			ck_assert_int_eq(selectComposableSizes(w, &a, &b), 0);
			ck_assert_int_eq(a * b, w);
			PIX *c1 = pixCloseBrick(NULL, pix, w, h), *c2 = composite(pix, w, h, 1);
			same(c1, c2);
			PIX *o1 = pixOpenBrick(NULL, c1, w, h), *o2 = composite(c1, w, h, 0);
			same(o1, o2);
			l_int32 n = 0;
			pixCountPixels(o1, &n, NULL);
			/* the dense blocks survive the 33 x 33 closing and opening */
			if (w == 33 && h == 33)
				ck_assert_int_gt(n, 0);
			pixDestroy(&c1);
			pixDestroy(&c2);
			pixDestroy(&o1);
			pixDestroy(&o2);
		}
		pixDestroy(&pix);
	}
}
END_TEST

START_TEST(narrow_components_fill_their_boxes)
{
	for (unsigned seed = 1; seed <= 4; seed++) {
		PIX *pix = speckle(600, 400, seed + 10);
		PIX *keep = pixSelectBySize(pix, 3, 3, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
		PIX *tiny = pixSelectBySize(pix, 3, 5, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LT, NULL);
		PIX *keep2 = pixCopy(NULL, pix), *tiny2 = pixCreateTemplate(pix);
		BOXA *boxa = pixConnCompBB(pix, 8);
		int small = 0;
		for (l_int32 i = 0; i < boxaGetCount(boxa); i++) {
			l_int32 x, y, w, h;
			boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
			if (w >= 3)
				continue;
			small++;
			if (h < 3)
				pixRasterop(keep2, x, y, w, h, PIX_CLR, NULL, 0, 0);
			if (h < 5)
				pixRasterop(tiny2, x, y, w, h, PIX_SRC, pix, x, y);
		}
		ck_assert_int_gt(small, 100);
		same(keep, keep2);
		same(tiny, tiny2);
		boxaDestroy(&boxa);
		pixDestroy(&keep);
		pixDestroy(&tiny);
		pixDestroy(&keep2);
		pixDestroy(&tiny2);
		pixDestroy(&pix);
	}
}
END_TEST

/* ocr/clean.c's despeckling by boxes removes what pixSelectBySize does,
 * and counts what it removed as the two labellings before and after do. */
START_TEST(despeckle_by_boxes)
{
	for (unsigned seed = 1; seed <= 4; seed++) {
		PIX *pix = speckle(640, 480, seed + 20);
		for (int max = 1; max <= 2; max++) {
			l_int32 changed = 0;
			int removed = -1;
			PIX *want = pixSelectBySize(pix, max + 1, max + 1, 8, L_SELECT_IF_EITHER,
						    L_SELECT_IF_GTE, &changed);
			PIX *got = ocr_clean_despeckle(pix, max, &removed);
			same(want, got);
			BOXA *ba = pixConnCompBB(pix, 8), *bb = pixConnCompBB(want, 8);
			ck_assert_int_eq(changed, 1);
			ck_assert_int_gt(removed, 50);
			ck_assert_int_eq(removed, boxaGetCount(ba) - boxaGetCount(bb));
			boxaDestroy(&ba);
			boxaDestroy(&bb);
			pixDestroy(&want);
			pixDestroy(&got);
		}
		pixDestroy(&pix);
	}
	/* a blank page stays a blank page, nothing removed */
	PIX *blank = pixCreate(300, 200, 1);
	int removed = -1;
	PIX *got = ocr_clean_despeckle(blank, 1, &removed);
	same(blank, got);
	ck_assert_int_eq(removed, 0);
	pixDestroy(&got);
	pixDestroy(&blank);
}
END_TEST

/* A 204 dpi page with n blobs 12 pixels wide and h high (20: a letter's)
 * from row y, 30 to a row, rows h + 20 pixels apart. */
static PIX *letters_at(int n, int y, int h)
{
	PIX *pix = pixCreate(1728, 2300, 1);
	pixSetResolution(pix, 204, 204);
	for (int i = 0; i < n; i++)
		pixRasterop(pix, 100 + (i % 30) * 30, y + (i / 30) * (h + 20), 12, h, PIX_SET,
			    NULL, 0, 0);
	return pix;
}

/* The blank test looks at the quarter of the page below the header band
 * first, and at the whole page only when that quarter is not enough. */
START_TEST(blank_by_band_then_page)
{
	/* 9 mm = 73 rows; the band ends 575 rows further */
	static const struct {
		int n, y, h;
		bool blank;
	} cases[] = {
		{ 25, 100, 20, false },	/* in the band */
		{ 25, 1500, 20, false },	/* below it: the whole page is looked at */
		{ 25, 630, 20, false },	/* across its lower edge */
		{ 12, 100, 20, true },	/* too few, in the band */
		{ 12, 1500, 20, true },	/* too few, below it */
		{ 25, 20, 20, true },	/* in the sender's header band only */
		{ 25, 60, 20, true },	/* across the header band's edge */
		/* bars too tall for letters, whose pieces in the band are not */
		{ 25, 600, 200, true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		PIX *pix = letters_at(cases[i].n, cases[i].y, cases[i].h);
		ck_assert_msg(ocr_freeform_is_blank(pix) == cases[i].blank, "case %zu", i);
		pixDestroy(&pix);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ffprep");
	TCase *tc = tcase_create("leptonica");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, composite_brick_is_the_brick);
	tcase_add_test(tc, narrow_components_fill_their_boxes);
	tcase_add_test(tc, despeckle_by_boxes);
	tcase_add_test(tc, blank_by_band_then_page);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setLeptDebugOK(0);
	setMsgSeverity(L_SEVERITY_WARNING);
	return check_run(suite(), false);
}
