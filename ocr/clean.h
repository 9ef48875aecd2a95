/*
 * clean - a decoded fax page made fit for reading: square pixels, upright,
 * deskewed, despeckled (Leptonica only; no Tesseract pass).
 */
#ifndef OCR_CLEAN_H
#define OCR_CLEAN_H

#include <stdbool.h>

struct Pix;

struct ocr_clean_info {
	float yscale;		/* vertical scale applied (2.08 for 204x98, else 1) */
	bool turned;		/* the page was upside down and was turned */
	float up_conf;		/* pixUpDownDetect's confidence (> 0: upright as received) */
	float skew;		/* skew found and removed, degrees */
	float skew_conf;
	int specks;		/* specks removed */
};

/*
 * Cleans a 1-bpp page decoded at xres x yres dpi. Returns a new 1-bpp Pix
 * (the caller destroys it) whose resolution is xres in both directions, or
 * NULL when pix is not 1 bpp or Leptonica fails. info may be NULL.
 */
struct Pix *ocr_clean_page(struct Pix *pix, float xres, float yres, struct ocr_clean_info *info);

/*
 * The page ocr_clean_page made of pix (with info, what it did) when it had
 * to make square pixels of a normal-resolution page, in grey: the rows as
 * received, scaled with linear interpolation instead of repeated, then
 * turned and straightened as the bilevel page was (same size, same place).
 * A letter's shape between two received rows is then a shade, not a step,
 * which reads better. NULL when the page was not scaled (info->yscale 1) or
 * Leptonica fails. The caller destroys it.
 */
struct Pix *ocr_clean_grey(struct Pix *pix, float xres, float yres,
			   const struct ocr_clean_info *info);

/* Turns a page by 180 degrees (a new Pix, or NULL). */
struct Pix *ocr_clean_turn(struct Pix *pix);

/* Removes specks: 8-connected components that fit in a max x max square.
 * Returns a new Pix, or NULL; *removed (may be NULL) counts them. */
struct Pix *ocr_clean_despeckle(struct Pix *pix, int max, int *removed);

/* The specks of pix from one labelling, for max <= 2: *keep, pix without
 * the components that fit in a max x max square, and (tiny not NULL)
 * *tiny, the components at most max wide and tall high. Returns 0, or -1
 * when Leptonica fails (nothing to destroy then); *removed (may be NULL)
 * counts the specks taken from *keep. */
int ocr_clean_split_specks(struct Pix *pix, int max, int tall, struct Pix **keep,
			   struct Pix **tiny, int *removed);

#endif
