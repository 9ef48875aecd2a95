/*
 * ffpix - test helper: a free-form page (tests/lib/freeform.h) rendered
 * straight into a 1-bpp Leptonica image as a fax would carry it, for the
 * free-form reader's tests and its accuracy corpus (no TIFF on the way).
 */
#ifndef TESTS_LIB_FFPIX_H
#define TESTS_LIB_FFPIX_H

#include <stdbool.h>

#include "tests/lib/freeform.h"

struct Pix;

struct ffpix_opts {
	double xdpi, ydpi;	/* the fax's resolution (204 x 196 fine, 204 x 98 normal) */
	bool dither;		/* grey by error diffusion (else a 50 % threshold) */
	double skew_deg;	/* rotation */
	double noise;		/* fraction of pixels flipped */
	bool upside_down;
	unsigned noise_seed;
};

/* Renders kind ("denunciation", "identity", or "letter", "invoice", "cover"
 * for pages that are neither) and returns a 1-bpp page at ~square
 * resolution (a normal-resolution page is stretched back, as the cleaner
 * does). NULL for an unknown kind. The caller destroys the Pix. */
struct Pix *ffpix_render(const char *kind, const struct mkfax_kv *kv, size_t n, unsigned seed,
			 const struct ffpix_opts *o);

#endif
