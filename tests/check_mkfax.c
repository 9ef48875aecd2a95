/*
 * check_mkfax - Check suite for the fax generator's library (tests/lib):
 * made-up values pass the value checks, pages land where the form says
 * after the degradations asked for, and the TIFF writer's pages read back
 * bit for bit with every compression and fill order.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tiffio.h>

#include "common/util.h"
#include "ocr/check.h"
#include "ocr/form.h"
#include "tests/lib/autofill.h"
#include "tests/lib/faxpage.h"
#include "tests/lib/tiffout.h"
#include "tests/lib/checkrun.h"

struct collected {
	char names[32][32];
	char values[32][128];
	int n;
};

static void collect(void *ctx, const char *field, const char *value)
{
	struct collected *c = ctx;

	ck_assert_int_lt(c->n, 32);
	snprintf(c->names[c->n], sizeof(c->names[0]), "%s", field);
	snprintf(c->values[c->n], sizeof(c->values[0]), "%s", value);
	c->n++;
}

static const char *value_of(const struct collected *c, const char *field)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->names[i], field))
			return c->values[i];
	return NULL;
}

START_TEST(autofill_values_pass_the_checks)
{
	const char *const *codes = ocr_form_codes();

	for (int k = 0; codes[k]; k++) {
		struct strbuf err = STRBUF_INIT;
		const struct ocr_form *f = ocr_form_get(codes[k], &err);

		ck_assert_msg(f != NULL, "%s", err.buf);
		for (unsigned seed = 0; seed < 40; seed++) {
			struct collected c = { .n = 0 }, again = { .n = 0 };
			const char *claim;

			mkfax_autofill(f, seed, "2026-11-23", collect, &c);
			for (int i = 0; i < c.n; i++) {
				const char *why = ocr_check_field(c.names[i], c.values[i]);

				ck_assert_msg(why == NULL, "%s seed %u: %s='%s': %s", codes[k], seed,
					      c.names[i], c.values[i], why);
				ck_assert_msg(ocr_form_field_source(f, c.names[i], NULL, NULL) == 0,
					      "%s", c.names[i]);
			}
			ck_assert_ptr_nonnull(value_of(&c, "imei"));
			ck_assert_ptr_nonnull(value_of(&c, "signer_cf"));
			ck_assert_ptr_nonnull(value_of(&c, "date"));
			ck_assert(strcmp(value_of(&c, "date"), "2026-11-23") <= 0);
			claim = value_of(&c, "claim");
			if (claim && (!strcmp(claim, "fault") || !strcmp(claim, "malfunction")))
				ck_assert_str_eq(value_of(&c, "declaration"), "true");
			mkfax_autofill(f, seed, "2026-11-23", collect, &again);
			ck_assert_int_eq(again.n, c.n);
			for (int i = 0; i < c.n; i++)
				ck_assert_str_eq(again.values[i], c.values[i]);
		}
		sb_release(&err);
	}
}
END_TEST

/* Pixel centre of form point (x, y) mm on an undistorted page. */
static void to_px(double x, double y, double yres, int *px, int *py)
{
	double line_mm = MKFAX_WIDTH / (MKFAX_XRES / 25.4);

	*px = (int)lround((x + (line_mm - 210) / 2) * MKFAX_XRES / 25.4);
	*py = (int)lround(y * yres / 25.4);
}

static void render_ok(const struct mkfax_page *p, double yres, struct mkfax_bitmap *bm,
		      struct mkfax_page_stats *st)
{
	struct strbuf err = STRBUF_INIT;

	ck_assert_msg(mkfax_page_render(p, yres, bm, st, &err) == 0, "%s", err.buf);
	sb_release(&err);
}

START_TEST(pages_land_where_asked)
{
	struct mkfax_page p = { .source = MKFAX_FORM, .form = "AR-SEDE-01" };
	struct mkfax_page_stats st;
	struct mkfax_bitmap bm;
	int x, y;

	/* fine, undistorted: the top-left mark's centre is black, beside it white */
	render_ok(&p, MKFAX_YRES_FINE, &bm, &st);
	ck_assert_int_eq(bm.w, 1728);
	ck_assert_int_eq(bm.h, 2292);
	to_px(12.5, 17.5, MKFAX_YRES_FINE, &x, &y);
	ck_assert(mkfax_bitmap_get(&bm, x, y));
	to_px(8, 17.5, MKFAX_YRES_FINE, &x, &y);
	ck_assert(!mkfax_bitmap_get(&bm, x, y));
	mkfax_bitmap_release(&bm);

	/* normal resolution halves the rows */
	render_ok(&p, MKFAX_YRES_NORMAL, &bm, &st);
	ck_assert_int_eq(bm.h, 1146);
	to_px(197.5, 279.5, MKFAX_YRES_NORMAL, &x, &y);
	ck_assert(mkfax_bitmap_get(&bm, x, y));
	mkfax_bitmap_release(&bm);

	/* shifted 4 mm right and 3 down, under a 5 mm header band */
	p.dx = 4;
	p.dy = 3;
	p.header = "23/11/2026 10:15  +39 02 5550100  P.1/1";
	render_ok(&p, MKFAX_YRES_FINE, &bm, &st);
	ck_assert_int_eq(bm.h, (int)lround(302 * MKFAX_YRES_FINE / 25.4));
	to_px(10.5 + 4, 15.5 + 3 + 5, MKFAX_YRES_FINE, &x, &y);
	ck_assert(mkfax_bitmap_get(&bm, x, y));
	to_px(10.5, 15.5 + 5, MKFAX_YRES_FINE, &x, &y);
	ck_assert(!mkfax_bitmap_get(&bm, x, y));
	mkfax_bitmap_release(&bm);

	/* upside down: the top-left mark is now at the bottom right */
	p.dx = p.dy = 0;
	p.header = NULL;
	p.rotate180 = true;
	render_ok(&p, MKFAX_YRES_FINE, &bm, &st);
	to_px(210 - 12.5, 297 - 17.5, MKFAX_YRES_FINE, &x, &y);
	ck_assert(mkfax_bitmap_get(&bm, x, y));
	mkfax_bitmap_release(&bm);

	/* line errors change the height and are counted */
	p.rotate180 = false;
	p.lost = 5;
	render_ok(&p, MKFAX_YRES_FINE, &bm, &st);
	ck_assert_int_lt(bm.h, 2292);
	ck_assert_int_ge(st.bad_lines, 5);
	ck_assert_int_ge(st.consecutive_bad, 1);
	mkfax_bitmap_release(&bm);
}
END_TEST

START_TEST(page_errors_are_reported)
{
	struct mkfax_page p = { .source = MKFAX_FORM, .form = "AR-NONE-01" };
	struct mkfax_kv kv[] = { { "colour", "red" } };
	struct mkfax_page_stats st;
	struct mkfax_bitmap bm;
	struct strbuf err = STRBUF_INIT;

	ck_assert_int_eq(mkfax_page_render(&p, MKFAX_YRES_FINE, &bm, &st, &err), -1);
	ck_assert_ptr_null(bm.bits);
	sb_reset(&err);
	p.form = "AR-SEDE-01";
	p.kv = kv;
	p.nkv = 1;
	ck_assert_int_eq(mkfax_page_render(&p, MKFAX_YRES_FINE, &bm, &st, &err), -1);
	ck_assert_msg(strstr(err.buf, "colour") != NULL, "%s", err.buf);
	sb_release(&err);
}
END_TEST

/* Writes two pages with the given coding, reads them back with libtiff. */
static void round_trip(int compression, bool g3_2d, int fill_order)
{
	char path[] = "/tmp/fi-mkfax-XXXXXX";
	struct mkfax_page p0 = { .source = MKFAX_FORM, .form = "AR-BLOCCO-01", .noise = 0.001 };
	struct mkfax_page p1 = { .source = MKFAX_TEXT, .text = "Pagina di prova\nseconda riga" };
	struct mkfax_bitmap bm[2];
	struct mkfax_tiff_page tp[2] = { { 0 } };
	struct mkfax_tiff_opts o = { compression, g3_2d, fill_order, "+39 02 5550100",
				     "Make", "Model", "mkfax", NULL };
	struct strbuf err = STRBUF_INIT;
	unsigned char *row;
	TIFF *t;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	render_ok(&p0, MKFAX_YRES_FINE, &bm[0], &tp[0].stats);
	render_ok(&p1, MKFAX_YRES_FINE, &bm[1], &tp[1].stats);
	for (int i = 0; i < 2; i++) {
		tp[i].bm = &bm[i];
		tp[i].xres = MKFAX_XRES;
		tp[i].yres = MKFAX_YRES_FINE;
		tp[i].datetime = i ? "2026:11:23 16:02:11" : "2026:11:23 16:01:26";
		tp[i].quality_tags = true;
	}
	ck_assert_msg(mkfax_tiff_write(path, &o, tp, 2, &err) == 0, "%s", err.buf);

	t = TIFFOpen(path, "r");
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(TIFFNumberOfDirectories(t), 2);
	row = xmalloc((size_t)TIFFScanlineSize(t));
	for (int i = 0; i < 2; i++) {
		uint32_t w = 0, h = 0;
		uint16_t comp = 0, fo = 0, bps = 0;
		const char *dt = NULL;

		ck_assert(TIFFSetDirectory(t, (uint16_t)i));
		TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w);
		TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
		TIFFGetField(t, TIFFTAG_COMPRESSION, &comp);
		TIFFGetField(t, TIFFTAG_FILLORDER, &fo);
		TIFFGetField(t, TIFFTAG_BITSPERSAMPLE, &bps);
		TIFFGetField(t, TIFFTAG_DATETIME, &dt);
		ck_assert_int_eq(w, 1728);
		ck_assert_int_eq(h, (uint32_t)bm[i].h);
		ck_assert_int_eq(comp, compression == 4 ? COMPRESSION_CCITTFAX4 : COMPRESSION_CCITTFAX3);
		ck_assert_int_eq(fo, fill_order);
		ck_assert_int_eq(bps, 1);
		ck_assert_str_eq(dt, tp[i].datetime);
		for (uint32_t y = 0; y < h; y++) {
			ck_assert_int_eq(TIFFReadScanline(t, row, y, 0), 1);
			ck_assert_msg(!memcmp(row, bm[i].bits + (size_t)y * bm[i].stride,
					      (size_t)bm[i].stride),
				      "page %d row %u differs", i, y);
		}
	}
	free(row);
	TIFFClose(t);
	unlink(path);
	mkfax_bitmap_release(&bm[0]);
	mkfax_bitmap_release(&bm[1]);
	sb_release(&err);
}

START_TEST(tiff_round_trip)
{
	round_trip(3, false, 1);
	round_trip(3, true, 2);
	round_trip(4, false, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mkfax");
	TCase *tc = tcase_create("core");

	util_set_timezone("Europe/Rome");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, mkfax_release_fonts);	/* for leak checkers */
	tcase_add_test(tc, autofill_values_pass_the_checks);
	tcase_add_test(tc, pages_land_where_asked);
	tcase_add_test(tc, page_errors_are_reported);
	tcase_add_test(tc, tiff_round_trip);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
