/*
 * freeform - drawing of the free-form documents for the fax generator:
 * a police denunciation or a copy of an identity document, with varied
 * wording, layouts and fonts chosen by seed.
 */
#ifndef TESTS_LIB_FREEFORM_H
#define TESTS_LIB_FREEFORM_H

#include <cairo.h>
#include <stddef.h>

struct mkfax_kv {
	const char *key;
	const char *value;
};

/*
 * Draws a document of kind "denunciation" or "identity" on an A4 page.
 * cr's user units are millimetres, origin at the top-left corner; the page
 * is already painted white. Field keys are those of FORMS.md for the kind
 * (values in normal form, e.g. dates as YYYY-MM-DD); missing ones are made
 * up from seed or left out. Returns 0, or -1 for an unknown kind.
 */
int mkfax_draw_freeform(cairo_t *cr, const char *kind, const struct mkfax_kv *kv, size_t n,
			unsigned seed);

#endif
