/*
 * render - draws a form from its description (ocr/form.h) with cairo:
 * blank, as the service prints it, or filled in, as a customer sends it.
 *
 * Every drawing function works on a cairo context whose user units are
 * millimetres on the page, origin at the top-left corner (the caller sets
 * the scale and any shift, skew or rotation it wants, and paints the
 * background). Ink is black.
 *
 *   blank PDF:  ocr_render_form_pdf("AR-SEDE-01", stdout, &err)
 *   a fax page: ocr_render_form(cr, form, values, n, &style, &err)
 *
 * Values are given in the normal forms of shared/FORMS.md ("claim" =
 * "theft", "date" = "2026-11-20", "declaration" = "true") and printed the
 * way a person fills the form in: ticks in checkboxes, dates written out,
 * role codes as the role's printed words, "place" and "date" together in
 * the place_date box, a scribble for "signature" = "true".
 *
 * Failure policy: drawing never fails; a value the form cannot show (an
 * unknown field, a claim that is not an option) makes the call return -1
 * with the reason in err, after drawing the rest.
 */
#ifndef OCR_RENDER_H
#define OCR_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cairo.h>

#include "common/strbuf.h"
#include "ocr/form.h"

/* How dates are written: 20/11/2026, 20-11-2026, 20.11.2026, 20 novembre 2026. */
enum ocr_render_date {
	OCR_RENDER_DATE_SLASH = 0,
	OCR_RENDER_DATE_DASH,
	OCR_RENDER_DATE_DOT,
	OCR_RENDER_DATE_WORDS
};

/* How a checkbox is ticked. */
enum ocr_render_tick {
	OCR_RENDER_TICK_X = 0,		/* a cross */
	OCR_RENDER_TICK_CHECK,		/* a check mark */
	OCR_RENDER_TICK_FILL		/* a filled square */
};

/* How the person filled the form in. Zeroed means: DejaVu Sans 11 pt,
 * dates dd/mm/yyyy, crosses, lines as given, no jitter, seed 0. */
struct ocr_render_style {
	const char *font;		/* font family for typed values, e.g. "Liberation Serif" */
	double size;			/* points, 9-12 (0: 11) */
	enum ocr_render_date date;
	enum ocr_render_tick tick;
	bool line_intl;			/* print "line" as "+39 333 1234567" */
	double jitter;			/* mm: typed text moves at random by up to this */
	unsigned seed;			/* jitter and signature strokes */
};

/* A field value in normal form. */
struct ocr_render_value {
	const char *field;		/* a FORMS.md field name of the form's type */
	const char *value;
};

/* The font family of the printed form itself (labels, header lines). */
#define OCR_RENDER_FORM_FONT "Liberation Sans"

/* Draws the printed form: registration marks, header lines, boxes with
 * their labels, checkboxes with captions, printed notes. */
void ocr_render_blank(cairo_t *cr, const struct ocr_form *f);

/* Draws the printed form and the values (n of them; NULL/0: blank).
 * style NULL means the defaults. Fields not given stay empty; a text too
 * wide for its box is set smaller. Returns 0, or -1 with err when a value
 * could not be shown (the rest is drawn). */
int ocr_render_form(cairo_t *cr, const struct ocr_form *f, const struct ocr_render_value *v,
		    size_t n, const struct ocr_render_style *style, struct strbuf *err);

/* Draws a scribbled signature inside r (mm), strokes chosen by seed. */
void ocr_render_signature(cairo_t *cr, const struct ocr_form_rect *r, unsigned seed);

/* Writes a normal-form date "YYYY-MM-DD" as printed in style into out.
 * Returns 0, or -1 (out then holds the input unchanged) if it is not one. */
int ocr_render_date_text(const char *iso, enum ocr_render_date style, struct strbuf *out);

/* Writes the blank form `code` (e.g. "AR-SEDE-01") as a one-page A4 PDF
 * to out (flushed, not closed). Returns 0, or -1 with err. */
int ocr_render_form_pdf(const char *code, FILE *out, struct strbuf *err);

#endif
