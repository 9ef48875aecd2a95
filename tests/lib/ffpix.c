/*
 * ffpix - renders a free-form page into a 1-bpp Pix as a fax carries it:
 * cairo at the fax's resolution, grey dithered or thresholded, turned,
 * speckled, normal resolution stretched back. Test code: fails by NULL.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <leptonica/allheaders.h>

#include "tests/lib/ffpix.h"

struct Pix *ffpix_render(const char *kind, const struct mkfax_kv *kv, size_t n, unsigned seed,
			 const struct ffpix_opts *o)
{
	struct ffpix_opts def = { 204, 196, true, 0, 0, false, 1 };
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	struct Pix *g = NULL, *b = NULL, *t = NULL;

	if (!o)
		o = &def;
	int w = (int)lround(210 / 25.4 * o->xdpi), h = (int)lround(297 / 25.4 * o->ydpi);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, o->xdpi / 25.4, o->ydpi / 25.4);
	if (mkfax_draw_freeform(cr, kind, kv, n, seed) != 0)
		goto out;
	cairo_surface_flush(s);
	g = pixCreate(w, h, 8);
	{
		unsigned char *data = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s), wpl = pixGetWpl(g);
		l_uint32 *pd = pixGetData(g);
		for (int y = 0; y < h; y++) {
			const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
			l_uint32 *line = pd + (size_t)y * wpl;
			for (int x = 0; x < w; x++) {
				uint32_t px = row[x];
				unsigned v = (((px >> 16) & 255) * 30 + ((px >> 8) & 255) * 59 + (px & 255) * 11) / 100;
				SET_DATA_BYTE(line, x, v);
			}
		}
	}
	b = o->dither ? pixDitherToBinary(g) : pixThresholdToBinary(g, 128);
	if (!b)
		goto out;
	if (o->noise > 0) {
		unsigned long long r = 0x2545f4914f6cdd1dULL ^ o->noise_seed;
		long flips = (long)(o->noise * w * h);
		for (long i = 0; i < flips; i++) {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17;
			int x = (int)(r % (unsigned)w), y = (int)((r >> 32) % (unsigned)h);
			l_uint32 v;
			pixGetPixel(b, x, y, &v);
			pixSetPixel(b, x, y, !v);
		}
	}
	if (o->skew_deg != 0) {
		t = pixRotate(b, o->skew_deg * M_PI / 180, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0);
		pixDestroy(&b);
		b = t;
		t = NULL;
	}
	if (o->upside_down) {
		t = pixRotate180(NULL, b);
		pixDestroy(&b);
		b = t;
		t = NULL;
	}
	if (o->ydpi < o->xdpi * 0.75) {
		t = pixScaleBinary(b, 1.0, 2.0);
		pixDestroy(&b);
		b = t;
		t = NULL;
		pixSetResolution(b, (l_int32)o->xdpi, (l_int32)(o->ydpi * 2));
	} else {
		pixSetResolution(b, (l_int32)o->xdpi, (l_int32)o->ydpi);
	}
out:
	pixDestroy(&g);
	if (cr)
		cairo_destroy(cr);
	if (s)
		cairo_surface_destroy(s);
	return b;
}
