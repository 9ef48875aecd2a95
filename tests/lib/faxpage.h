/*
 * faxpage - one fax page as the far end's machine sends it: a form, a
 * free-form document, plain text or nothing, drawn with cairo at fax
 * resolution, thresholded to 1 bit, then degraded on request (shift, skew,
 * scale, 180-degree rotation, the sender's header band, noise, rows lost
 * or repeated on the line). Deterministic: the same page and seed give the
 * same bits.
 */
#ifndef TESTS_LIB_FAXPAGE_H
#define TESTS_LIB_FAXPAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/strbuf.h"
#include "ocr/render.h"
#include "tests/lib/freeform.h"

#define MKFAX_WIDTH 1728	/* pixels, a fax line at 204 dpi */
#define MKFAX_XRES 204.0
#define MKFAX_YRES_FINE 196.0
#define MKFAX_YRES_NORMAL 98.0

/* A bilevel image: 1 bit per pixel, most significant bit first, 1 = black
 * (TIFF PhotometricInterpretation MinIsWhite, as faxes are stored). */
struct mkfax_bitmap {
	int w, h;
	int stride;		/* bytes per row */
	unsigned char *bits;
};
void mkfax_bitmap_release(struct mkfax_bitmap *b);
bool mkfax_bitmap_get(const struct mkfax_bitmap *b, int x, int y);

enum mkfax_source {
	MKFAX_BLANK = 0,	/* an empty sheet */
	MKFAX_FORM,		/* a form of ocr/form.h, filled with kv */
	MKFAX_FREEFORM,		/* mkfax_draw_freeform(kind, kv) */
	MKFAX_TEXT		/* plain text (a cover letter) */
};

struct mkfax_page {
	enum mkfax_source source;
	const char *form;		/* MKFAX_FORM: "AR-SEDE-01" */
	const char *kind;		/* MKFAX_FREEFORM: "denunciation", "identity" */
	const char *text;		/* MKFAX_TEXT: lines separated by '\n' */
	const struct mkfax_kv *kv;	/* field values in normal form */
	size_t nkv;
	struct ocr_render_style style;	/* how the values are typed */
	/* degradations */
	double dx, dy;			/* shift, mm (right, down) */
	double skew;			/* degrees, clockwise */
	double scale;			/* 1 = none */
	bool rotate180;
	double noise;			/* share of pixels turned to salt or pepper */
	int lost, repeat;		/* line errors: runs of rows lost / repeated */
	const char *header;		/* the sender's header band text, or NULL */
	unsigned seed;
};

/* What the line errors did to the page (for CleanFaxData/BadFaxLines). */
struct mkfax_page_stats {
	long bad_lines;
	long consecutive_bad;
};

/* Renders p at 204 x yres dpi into out (which the caller releases). The
 * page is A4, centred across the 1728-pixel line; a header band makes it
 * longer by its height. Returns 0, or -1 with err (unknown form, a value
 * the form cannot show, a free-form kind the renderer refuses). */
int mkfax_page_render(const struct mkfax_page *p, double yres, struct mkfax_bitmap *out,
		      struct mkfax_page_stats *stats, struct strbuf *err);

/* Releases cairo's and fontconfig's process-wide caches, so that a leak
 * checker (make SANITIZE=address) sees only our own memory at exit. Call
 * last, when no cairo object is left. */
void mkfax_release_fonts(void);

#endif
