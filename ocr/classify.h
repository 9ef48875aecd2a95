/*
 * classify - internal to ocr/: is a cleaned page one of the forms? Finds
 * the four registration marks, fits the mapping from the form's
 * millimetres to the page's pixels, and reads the form code in the header
 * band. Used by the form reader (formread.c).
 */
#ifndef OCR_CLASSIFY_H
#define OCR_CLASSIFY_H

#include <stdbool.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ocr/form.h"

/* A projective mapping from form millimetres to page pixels. */
struct ocr_formmap {
	double c[8];		/* x' = (c0 x + c1 y + c2) / (c6 x + c7 y + 1), y' likewise c3..c5 */
	double marks[4][2];	/* centres of the marks found, pixels (TL, TR, BL, BR) */
	double pxmm;		/* mean pixels per millimetre */
	double pxmm_x, pymm;	/* across and down */
};

void ocr_formmap_point(const struct ocr_formmap *m, double xmm, double ymm, double *x, double *y);
/* The page-pixel bounding box of a form rectangle grown by `grow` mm on
 * every side (negative: shrunk), clipped to the page (w, h). */
BOX *ocr_formmap_box(const struct ocr_formmap *m, const struct ocr_form_rect *r, double grow,
		     int w, int h);

/* The box from (x0, y0) to (x1, y1) clipped to a w x h page, or NULL when
 * less than min pixels remain in either direction. */
BOX *ocr_box_clipped(int x0, int y0, int x1, int y1, int w, int h, int min);

/* Finds the four marks where `layout` places them (every known form uses
 * the same places) and fits the mapping. Returns 0, or -1 when the page does
 * not carry four marks in a consistent frame. */
int ocr_find_marks(PIX *clean, const struct ocr_form *layout, struct ocr_formmap *map);

/* Reads the form code in the header band (a one-line OCR of the code's
 * place) and returns the known form whose code it is, or NULL. raw (may be
 * NULL) receives what was read. conf receives the OCR confidence 0..1. */
const struct ocr_form *ocr_read_form_code(TessBaseAPI *tess, PIX *clean,
					  const struct ocr_formmap *map, struct strbuf *raw,
					  double *conf);

#endif
