/*
 * clean - turns a decoded fax page into the page the readers work on:
 *   1. square pixels: a "normal" resolution page (204 x 98 dpi) is scaled
 *      vertically to 204 x 204, so that text has its usual shape;
 *   2. upright: Leptonica's up/down text detector (ascenders against
 *      descenders) decides whether the page is upside down, and such a page
 *      is turned; no Tesseract OSD pass;
 *   3. straight: the skew is measured (pixFindSkew, +-7 degrees) and removed
 *      by shear rotation when it is worth it;
 *   0. specks: isolated dots left by line noise are removed first.
 *
 * Failure policy: returns NULL only when the input is not a 1-bpp image or
 * Leptonica cannot allocate; a page whose orientation or skew cannot be
 * measured is kept as it is (the form reader has its own checks).
 */
#include <math.h>
#include <stdlib.h>

#include <leptonica/allheaders.h>

#include "ocr/clean.h"

/* Below this vertical resolution a page is "normal" mode and is rescaled. */
#define MIN_SQUARE_YRES 150.0f
/* Turn only on a clear verdict: a wrongly turned page reads as nothing. */
#define UPDOWN_MIN_CONF 4.0f
/* Deskew only when the measure is trustworthy and the angle matters. */
#define SKEW_MIN_CONF 2.5f
#define SKEW_MIN_DEG 0.08f

struct Pix *ocr_clean_turn(struct Pix *pix)
{
	return pixRotate180(NULL, pix);
}

/* Whether a skew found (angle in degrees, measured with confidence conf)
 * is to be straightened: both the page and its grey twin (ocr_clean_grey)
 * ask here. */
static bool clean_skew_applies(l_float32 angle, l_float32 conf)
{
	return conf >= SKEW_MIN_CONF && fabsf(angle) >= SKEW_MIN_DEG;
}

/* pix turned by -angle degrees, straight: a new image, or NULL. */
static PIX *clean_rotate_skew(PIX *pix, l_float32 angle)
{
	return pixRotate(pix, (l_float32)(angle * M_PI / 180.0), L_ROTATE_SHEAR, L_BRING_IN_WHITE,
			 0, 0);
}

struct Pix *ocr_clean_despeckle(struct Pix *pix, int max, int *removed)
{
	if (removed)
		*removed = 0;
	if (max > 2) {
		l_int32 changed = 0;
		/* keep components wider or taller than max */
		PIX *out = pixSelectBySize(pix, max + 1, max + 1, 8, L_SELECT_IF_EITHER,
					   L_SELECT_IF_GTE, &changed);
		if (removed && out && changed) {
			BOXA *ba = pixConnCompBB(pix, 8);
			BOXA *bb = pixConnCompBB(out, 8);
			*removed = (ba ? boxaGetCount(ba) : 0) - (bb ? boxaGetCount(bb) : 0);
			boxaDestroy(&ba);
			boxaDestroy(&bb);
		}
		return out;
	}
	PIX *out = NULL;
	if (ocr_clean_split_specks(pix, max, 0, &out, NULL, removed) != 0)
		return NULL;
	return out;
}

int ocr_clean_split_specks(struct Pix *pix, int max, int tall, struct Pix **keep,
			   struct Pix **tiny, int *removed)
{
	/* a component at most 2 pixels wide holds every ink pixel of its
	 * bounding box (each of its rows has one of its pixels, next to any
	 * other there): the specks go box by box, from one labelling */
	BOXA *boxa = pixConnCompBB(pix, 8);
	int n = 0;

	*keep = boxa ? pixCopy(NULL, pix) : NULL;
	if (tiny)
		*tiny = boxa ? pixCreateTemplate(pix) : NULL;
	if (!*keep || (tiny && !*tiny)) {
		boxaDestroy(&boxa);
		pixDestroy(keep);
		if (tiny)
			pixDestroy(tiny);
		return -1;
	}
	for (l_int32 i = 0; i < boxaGetCount(boxa); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		if (w > max)
			continue;
		if (h <= max) {
			pixRasterop(*keep, x, y, w, h, PIX_CLR, NULL, 0, 0);
			n++;
		}
		if (tiny && h <= tall)
			pixRasterop(*tiny, x, y, w, h, PIX_SRC, pix, x, y);
	}
	boxaDestroy(&boxa);
	if (removed)
		*removed = n;
	return 0;
}

struct Pix *ocr_clean_page(struct Pix *pix, float xres, float yres, struct ocr_clean_info *info)
{
	struct ocr_clean_info dummy;
	PIX *cur = NULL, *next = NULL;

	if (!info)
		info = &dummy;
	info->yscale = 1;
	info->turned = false;
	info->up_conf = 0;
	info->skew = 0;
	info->skew_conf = 0;
	info->specks = 0;
	if (!pix || pixGetDepth(pix) != 1)
		return NULL;
	if (!(xres > 0))
		xres = 204;
	if (!(yres > 0))
		yres = 196;

	/* specks first, at the resolution they were made at (so that noise
	 * does not vote in the steps below, nor grow with the scaling) */
	PIX *src = ocr_clean_despeckle(pix, 1, &info->specks);
	if (!src)
		return NULL;

	/* 1. square pixels */
	if (yres < MIN_SQUARE_YRES) {
		info->yscale = xres / yres;
		cur = pixScaleBinary(src, 1.0f, info->yscale);
		pixDestroy(&src);
	} else {
		cur = src;
	}
	if (!cur)
		return NULL;
	pixSetResolution(cur, (l_int32)lroundf(xres),
			 (l_int32)lroundf(info->yscale != 1 ? xres : yres));

	/* 2. upright */
	l_float32 conf = 0;
	if (pixUpDownDetect(cur, &conf, 0, 0, 0) == 0) {
		info->up_conf = conf;
		if (conf < -UPDOWN_MIN_CONF) {
			next = ocr_clean_turn(cur);
			if (next) {
				pixDestroy(&cur);
				cur = next;
				info->turned = true;
			}
		}
	}

	/* 3. straight */
	l_float32 angle = 0, sconf = 0;
	if (pixFindSkew(cur, &angle, &sconf) == 0) {
		info->skew = angle;
		info->skew_conf = sconf;
		if (clean_skew_applies(angle, sconf) && (next = clean_rotate_skew(cur, angle))) {
			pixDestroy(&cur);
			cur = next;
		}
	}
	return cur;
}

struct Pix *ocr_clean_grey(struct Pix *pix, float xres, float yres,
			   const struct ocr_clean_info *info)
{
	PIX *src = NULL, *g = NULL, *cur = NULL, *next = NULL;

	if (!pix || pixGetDepth(pix) != 1 || !info || info->yscale == 1)
		return NULL;
	if (!(xres > 0))
		xres = 204;
	(void)yres;
	/* the steps of ocr_clean_page, each as it was taken there */
	src = ocr_clean_despeckle(pix, 1, NULL);
	g = src ? pixConvert1To8(NULL, src, 255, 0) : NULL;
	cur = g ? pixScaleGrayLI(g, 1.0f, info->yscale) : NULL;
	pixDestroy(&g);
	pixDestroy(&src);
	if (cur && info->turned) {
		next = ocr_clean_turn(cur);
		pixDestroy(&cur);
		cur = next;
	}
	if (cur && clean_skew_applies(info->skew, info->skew_conf)) {
		next = clean_rotate_skew(cur, info->skew);
		pixDestroy(&cur);
		cur = next;
	}
	if (cur)
		pixSetResolution(cur, (l_int32)lroundf(xres), (l_int32)lroundf(xres));
	return cur;
}
