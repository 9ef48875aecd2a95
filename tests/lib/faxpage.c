/*
 * faxpage - renders one fax page for the generator (see faxpage.h).
 *
 * Failure policy: test tooling; a page that cannot be drawn as asked is
 * an error returned with its reason, never a silently different page.
 */
#include "tests/lib/faxpage.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "common/util.h"
#include "ocr/form.h"
#include "tests/lib/rng.h"

#define A4_W 210.0
#define A4_H 297.0
#define HEADER_MM 5.0		/* the sender's header band */
#define PT_MM (25.4 / 72.0)

/* fontconfig comes in with cairo but is not on our link line: a weak
 * reference, resolved at run time when the library is loaded. */
extern void FcFini(void) __attribute__((weak));

void mkfax_release_fonts(void)
{
	cairo_debug_reset_static_data();
	if (FcFini)
		FcFini();
}

void mkfax_bitmap_release(struct mkfax_bitmap *b)
{
	free(b->bits);
	memset(b, 0, sizeof(*b));
}

bool mkfax_bitmap_get(const struct mkfax_bitmap *b, int x, int y)
{
	if (x < 0 || y < 0 || x >= b->w || y >= b->h)
		return false;
	return b->bits[(size_t)y * b->stride + x / 8] & (0x80 >> (x % 8));
}

static void bit_set(struct mkfax_bitmap *b, long x, long y, bool black)
{
	unsigned char *p = &b->bits[(size_t)y * b->stride + x / 8];

	if (black)
		*p |= (unsigned char)(0x80 >> (x % 8));
	else
		*p &= (unsigned char)~(0x80 >> (x % 8));
}

/* Plain text, as a word processor would print a short letter. */
static void draw_text_page(cairo_t *cr, const struct mkfax_page *p)
{
	const char *font = p->style.font ? p->style.font : "DejaVu Sans";
	double size = p->style.size > 0 ? p->style.size : 11;
	double y = 30, lead = size * PT_MM * 1.5;
	const char *s = p->text ? p->text : "";

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size * PT_MM);
	while (*s && y < A4_H - 20) {
		size_t n = strcspn(s, "\n");
		char *line = xstrndup(s, n);

		cairo_move_to(cr, 25, y);
		cairo_show_text(cr, line);
		free(line);
		y += lead;
		s += n;
		if (*s == '\n')
			s++;
	}
}

static int draw_content(cairo_t *cr, const struct mkfax_page *p, struct strbuf *err)
{
	const struct ocr_form *f;
	struct ocr_render_value *v;
	int rc;

	switch (p->source) {
	case MKFAX_FORM:
		f = ocr_form_get(p->form, err);
		if (!f)
			return -1;
		v = xcalloc(p->nkv + 1, sizeof(*v));
		for (size_t i = 0; i < p->nkv; i++) {
			v[i].field = p->kv[i].key;
			v[i].value = p->kv[i].value;
		}
		rc = ocr_render_form(cr, f, v, p->nkv, &p->style, err);
		free(v);
		return rc;
	case MKFAX_FREEFORM:
		if (mkfax_draw_freeform(cr, p->kind, p->kv, p->nkv, p->seed) < 0) {
			sb_addf(err, "the free-form renderer cannot draw kind '%s' "
				"(tests/lib/freeform.c)", p->kind ? p->kind : "");
			return -1;
		}
		return 0;
	case MKFAX_TEXT:
		draw_text_page(cr, p);
		return 0;
	default:
		return 0;
	}
}

/* Grey raster to bits: a pixel is black when darker than mid-grey. */
static void threshold(cairo_surface_t *s, struct mkfax_bitmap *b)
{
	const unsigned char *data = cairo_image_surface_get_data(s);
	int sstride = cairo_image_surface_get_stride(s);

	for (int y = 0; y < b->h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * sstride);

		for (int x = 0; x < b->w; x++) {
			uint32_t px = row[x];
			unsigned lum = (((px >> 16) & 0xff) * 30 + ((px >> 8) & 0xff) * 59 +
					(px & 0xff) * 11) / 100;

			if (lum < 128)
				bit_set(b, x, y, true);
		}
	}
}

static void add_noise(struct mkfax_bitmap *b, double density, uint64_t *s)
{
	long n = lround(density * b->w * b->h);

	for (long i = 0; i < n; i++) {
		long x = mkfax_rng_below(s, b->w), y = mkfax_rng_below(s, b->h);

		bit_set(b, x, y, mkfax_rng_next(s) & 1);
	}
}

/* Line errors: runs of 1-3 rows dropped, or a row sent 2-3 times. The page
 * keeps its other rows in order; its height changes. */
static void line_errors(struct mkfax_bitmap *b, int lost, int repeat, uint64_t *s,
			struct mkfax_page_stats *st)
{
	long h = b->h, nh = 0;
	int *count = xcalloc((size_t)h, sizeof(*count));	/* copies of each row */
	unsigned char *bits;

	for (long y = 0; y < h; y++)
		count[y] = 1;
	for (int i = 0; i < lost; i++) {
		long y = mkfax_rng_below(s, h), run = 1 + mkfax_rng_below(s, 3);

		for (long k = y; k < y + run && k < h; k++)
			count[k] = 0;
	}
	for (int i = 0; i < repeat; i++)
		count[mkfax_rng_below(s, h)] = 2 + (int)mkfax_rng_below(s, 2);
	for (long y = 0, run = 0; y < h; y++) {
		nh += count[y];
		if (count[y] != 1) {
			st->bad_lines += count[y] ? count[y] - 1 : 1;
			run++;
			if (run > st->consecutive_bad)
				st->consecutive_bad = run;
		} else {
			run = 0;
		}
	}
	bits = xcalloc((size_t)(nh ? nh : 1), (size_t)b->stride);
	for (long y = 0, o = 0; y < h; y++)
		for (int k = 0; k < count[y]; k++, o++)
			memcpy(bits + (size_t)o * b->stride, b->bits + (size_t)y * b->stride,
			       (size_t)b->stride);
	free(b->bits);
	free(count);
	b->bits = bits;
	b->h = (int)nh;
}

int mkfax_page_render(const struct mkfax_page *p, double yres, struct mkfax_bitmap *out,
		      struct mkfax_page_stats *stats, struct strbuf *err)
{
	double sx = MKFAX_XRES / 25.4, sy = yres / 25.4;
	double band = p->header ? HEADER_MM : 0;
	double line_mm = MKFAX_WIDTH / sx;
	double scale = p->scale > 0 ? p->scale : 1;
	int h = (int)lround((A4_H + band) * sy);
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	uint64_t seed = ((uint64_t)p->seed << 20) ^ 0x5eedULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(stats, 0, sizeof(*stats));
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, MKFAX_WIDTH, h);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, sx, sy);

	if (p->header) {
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_select_font_face(cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL,
				       CAIRO_FONT_WEIGHT_NORMAL);
		cairo_set_font_size(cr, 8 * PT_MM);
		cairo_move_to(cr, 6, band - 1.3);
		cairo_show_text(cr, p->header);
		cairo_restore(cr);
	}

	/* The sheet: centred across the line, under the band, then moved,
	 * turned and scaled about its centre as a crooked feeder does. */
	cairo_save(cr);
	cairo_translate(cr, line_mm / 2 + p->dx, band + A4_H / 2 + p->dy);
	cairo_rotate(cr, (p->skew + (p->rotate180 ? 180 : 0)) * M_PI / 180);
	cairo_scale(cr, scale, scale);
	cairo_translate(cr, -A4_W / 2, -A4_H / 2);
	cairo_rectangle(cr, 0, 0, A4_W, A4_H);
	cairo_clip(cr);
	rc = draw_content(cr, p, err);
	cairo_restore(cr);
	cairo_surface_flush(s);
	if (rc < 0)
		goto out;

	out->w = MKFAX_WIDTH;
	out->h = h;
	out->stride = (MKFAX_WIDTH + 7) / 8;
	out->bits = xcalloc((size_t)h, (size_t)out->stride);
	threshold(s, out);
	if (p->noise > 0)
		add_noise(out, p->noise, &seed);
	if (p->lost > 0 || p->repeat > 0)
		line_errors(out, p->lost, p->repeat, &seed, stats);
out:
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return rc;
}
