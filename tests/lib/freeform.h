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
 * Draws a document of kind "denunciation" or "identity" on an A4 page
 * (or a page that is neither: "letter", "invoice", "cover" - a fax cover
 * sheet that names the documents it brings; these take no values).
 * cr's user units are millimetres, origin at the top-left corner; the page
 * is already painted white. Field keys are those of FORMS.md for the kind
 * (values in normal form, e.g. dates as YYYY-MM-DD); missing ones are made
 * up from seed or left out. Returns 0, or -1 for an unknown kind.
 * The extra key "part" draws one page of a report over two pages: "1" the
 * first (heading, reporter, event; no device), "2" the second (device and
 * closing, no heading).
 */
int mkfax_draw_freeform(cairo_t *cr, const char *kind, const struct mkfax_kv *kv, size_t n,
			unsigned seed);

/*
 * The values mkfax_draw_freeform makes up for kind and seed when kv gives
 * none: every FORMS.md field of the kind, in normal form. Fills out[0..max)
 * with keys (static strings) and values (copied into buf of size bytes).
 * Returns the number of pairs, 0 for an unknown kind. Drawing with the same
 * kind and seed and no kv draws exactly these values.
 */
size_t mkfax_freeform_values(const char *kind, unsigned seed, struct mkfax_kv *out, size_t max,
			     char *buf, size_t size);

#endif
