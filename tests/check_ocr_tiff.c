/*
 * check_ocr_tiff - Check suite for ocr/tiff.c: loading fax TIFFs, good and
 * hostile. Every hostile file must end as the right reason code, with no
 * crash and no large allocation; good files decode to the exact pixels.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <leptonica/allheaders.h>
#include <tiffio.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/ocr.h"
#include "tests/lib/checkrun.h"

static char tmpdir[64];

static char *tpath(const char *name)
{
	static char buf[256];
	snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
	return buf;
}

static void setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_ocr_tiff.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	util_set_timezone("Europe/Rome");
	TIFFSetWarningHandler(NULL);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* A test pattern: a frame, a diagonal and some bytes' worth of stripes, so
 * that bit order and row order mistakes show. */
static uint8_t pattern_bit(int x, int y, int w, int h)
{
	if (x < 3 || y < 3 || x >= w - 3 || y >= h - 3)
		return 1;
	if (x == y || x == y + 1)
		return 1;
	if (y > h / 2 && (x % 7 == 0 || x % 11 == 3))
		return 1;
	return 0;
}

struct page_spec {
	int w, h;
	uint16_t comp, fill, photo, bps, spp;
	float xres, yres;
	const char *datetime, *desc;
};

static void write_tiff(const char *path, const struct page_spec *pages, int n)
{
	TIFF *t = TIFFOpen(path, "w");
	ck_assert_ptr_nonnull(t);
	for (int i = 0; i < n; i++) {
		const struct page_spec *s = &pages[i];
		TIFFSetField(t, TIFFTAG_IMAGEWIDTH, (uint32_t)s->w);
		TIFFSetField(t, TIFFTAG_IMAGELENGTH, (uint32_t)s->h);
		TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, s->bps);
		TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, s->spp);
		TIFFSetField(t, TIFFTAG_COMPRESSION, s->comp);
		TIFFSetField(t, TIFFTAG_PHOTOMETRIC, s->photo);
		TIFFSetField(t, TIFFTAG_FILLORDER, s->fill);
		TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
		TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, (uint32_t)(s->h > 64 ? 64 : s->h));
		TIFFSetField(t, TIFFTAG_XRESOLUTION, s->xres);
		TIFFSetField(t, TIFFTAG_YRESOLUTION, s->yres);
		TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
		if (s->comp == COMPRESSION_CCITTFAX3)
			TIFFSetField(t, TIFFTAG_GROUP3OPTIONS, GROUP3OPT_FILLBITS);
		if (s->datetime)
			TIFFSetField(t, TIFFTAG_DATETIME, s->datetime);
		if (s->desc)
			TIFFSetField(t, TIFFTAG_IMAGEDESCRIPTION, s->desc);
		if (s->comp == COMPRESSION_CCITTFAX3 || s->comp == COMPRESSION_CCITTFAX4)
			TIFFSetField(t, TIFFTAG_CLEANFAXDATA, (uint16_t)CLEANFAXDATA_CLEAN);
		tmsize_t sl = TIFFScanlineSize(t);
		uint8_t *row = calloc(1, (size_t)sl);
		for (int y = 0; y < s->h; y++) {
			memset(row, 0, (size_t)sl);
			if (s->bps == 1 && s->spp == 1) {
				for (int x = 0; x < s->w; x++) {
					uint8_t b = pattern_bit(x, y, s->w, s->h);
					if (s->photo == PHOTOMETRIC_MINISBLACK)
						b = !b;
					if (b)
						row[x / 8] |= (uint8_t)(0x80 >> (x % 8));
				}
			} else {
				for (tmsize_t k = 0; k < sl; k++)
					row[k] = (uint8_t)(k * 7 + y);
			}
			ck_assert_int_eq(TIFFWriteScanline(t, row, (uint32_t)y, 0), 1);
		}
		free(row);
		ck_assert_int_eq(TIFFWriteDirectory(t), 1);
	}
	TIFFClose(t);
}

static struct page_spec fax_page(uint16_t comp, uint16_t fill)
{
	struct page_spec s = { 173, 150, comp, fill, PHOTOMETRIC_MINISWHITE, 1, 1, 204, 196,
			       "2026:11:23 16:02:11", "+39 02 1234567" };
	return s;
}

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	if (len)
		ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

static const char *open_reason(const char *path, const struct ocr_limits *lim)
{
	const char *reason = NULL;
	struct strbuf why = STRBUF_INIT;
	struct ocr_fax *fax = ocr_fax_open(path, lim, &reason, &why);
	if (fax) {
		/* opened: decoding every page must give the reason, if any */
		for (int i = 0; i < fax->npages && !reason; i++) {
			PIX *p = ocr_fax_page(fax, i, &reason, &why);
			pixDestroy(&p);
		}
		ocr_fax_close(&fax);
		ck_assert_ptr_null(fax);
	} else {
		ck_assert_ptr_nonnull(reason);
		ck_assert_uint_gt(why.len, 0);
	}
	sb_release(&why);
	return reason ? reason : "OK";
}

static void check_pixels(PIX *pix, int w, int h)
{
	ck_assert_int_eq(pixGetWidth(pix), w);
	ck_assert_int_eq(pixGetHeight(pix), h);
	ck_assert_int_eq(pixGetDepth(pix), 1);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			l_uint32 v;
			pixGetPixel(pix, x, y, &v);
			if ((int)v != pattern_bit(x, y, w, h))
				ck_abort_msg("pixel %d,%d is %u", x, y, (unsigned)v);
		}
}

/* --- good files --- */

static const uint16_t comps[] = { COMPRESSION_NONE, COMPRESSION_CCITTFAX3, COMPRESSION_CCITTFAX4 };

START_TEST(decodes_each_compression_and_fill_order)
{
	for (size_t c = 0; c < ARRAY_SIZE(comps); c++)
		for (uint16_t fill = 1; fill <= 2; fill++) {
			struct page_spec s = fax_page(comps[c], fill);
			write_tiff(tpath("f.tif"), &s, 1);
			const char *reason = NULL;
			struct strbuf why = STRBUF_INIT;
			struct ocr_fax *fax = ocr_fax_open(tpath("f.tif"), NULL, &reason, &why);
			ck_assert_msg(fax != NULL, "comp %u fill %u: %s", comps[c], fill, why.buf);
			ck_assert_int_eq(fax->npages, 1);
			ck_assert_int_eq(fax->pages[0].compression, comps[c]);
			ck_assert_int_eq(fax->pages[0].fill_order, fill);
			PIX *pix = ocr_fax_page(fax, 0, &reason, &why);
			ck_assert_msg(pix != NULL, "%s", why.buf);
			check_pixels(pix, s.w, s.h);
			pixDestroy(&pix);
			ocr_fax_close(&fax);
			sb_release(&why);
		}
}
END_TEST

START_TEST(min_is_black_is_inverted)
{
	struct page_spec s = fax_page(COMPRESSION_NONE, 1);
	s.photo = PHOTOMETRIC_MINISBLACK;
	write_tiff(tpath("b.tif"), &s, 1);
	const char *reason = NULL;
	struct ocr_fax *fax = ocr_fax_open(tpath("b.tif"), NULL, &reason, NULL);
	ck_assert_ptr_nonnull(fax);
	PIX *pix = ocr_fax_page(fax, 0, &reason, NULL);
	ck_assert_ptr_nonnull(pix);
	check_pixels(pix, s.w, s.h);
	pixDestroy(&pix);
	ocr_fax_close(&fax);
}
END_TEST

START_TEST(tags_and_receipt)
{
	struct page_spec s[3];
	s[0] = fax_page(COMPRESSION_CCITTFAX4, 1);
	s[1] = fax_page(COMPRESSION_CCITTFAX3, 2);
	s[1].yres = 98;
	s[1].datetime = "2026:11:23 16:03:40";
	s[2] = fax_page(COMPRESSION_CCITTFAX3, 1);
	s[2].datetime = "2026/11/23 16:04:05";	/* spandsp style */
	write_tiff(tpath("m.tif"), s, 3);

	const char *reason = NULL;
	struct strbuf why = STRBUF_INIT;
	struct ocr_fax *fax = ocr_fax_open(tpath("m.tif"), NULL, &reason, &why);
	ck_assert_msg(fax != NULL, "%s", why.buf);
	ck_assert_int_eq(fax->npages, 3);
	ck_assert_str_eq(fax->tsi, "+39 02 1234567");
	time_t t0, t2;
	ck_assert_int_eq(util_parse_iso("2026-11-23T16:02:11+01:00", &t0), 0);
	ck_assert_int_eq(util_parse_iso("2026-11-23T16:04:05+01:00", &t2), 0);
	ck_assert_int_eq(fax->pages[0].datetime, t0);
	ck_assert_int_eq(fax->pages[2].datetime, t2);
	ck_assert_int_eq(fax->receipt, t2);
	ck_assert_int_eq((int)fax->pages[1].yres, 98);
	ck_assert_int_eq((int)fax->pages[1].xres, 204);
	ck_assert_int_eq(fax->pages[1].fill_order, 2);
	ck_assert_int_eq(fax->pages[0].clean_fax_data, CLEANFAXDATA_CLEAN);
	ck_assert_int_eq(fax->pages[0].bad_fax_lines, -1);
	for (int i = 0; i < 3; i++) {
		PIX *pix = ocr_fax_page(fax, i, &reason, &why);
		ck_assert_ptr_nonnull(pix);
		check_pixels(pix, s[i].w, s[i].h);
		ck_assert_int_eq(pixGetYRes(pix), (int)s[i].yres);
		pixDestroy(&pix);
	}
	ck_assert_ptr_null(ocr_fax_page(fax, 3, &reason, &why));
	ck_assert_str_eq(reason, "UNREADABLE_FILE");
	ck_assert_ptr_null(ocr_fax_page(fax, -1, &reason, &why));
	ocr_fax_close(&fax);
	ocr_fax_close(&fax);	/* NULL is fine */
	sb_release(&why);
}
END_TEST

START_TEST(no_datetime_means_no_receipt)
{
	struct page_spec s = fax_page(COMPRESSION_CCITTFAX4, 1);
	s.datetime = NULL;
	s.desc = NULL;
	write_tiff(tpath("n.tif"), &s, 1);
	struct ocr_fax *fax = ocr_fax_open(tpath("n.tif"), NULL, NULL, NULL);
	ck_assert_ptr_nonnull(fax);
	ck_assert_int_eq(fax->receipt, -1);
	ck_assert_ptr_null(fax->tsi);
	ocr_fax_close(&fax);
}
END_TEST

/* --- hostile files --- */

START_TEST(empty_and_missing)
{
	write_bytes(tpath("e.tif"), "", 0);
	ck_assert_str_eq(open_reason(tpath("e.tif"), NULL), "UNREADABLE_FILE");
	ck_assert_str_eq(open_reason(tpath("nonexistent.tif"), NULL), "UNREADABLE_FILE");
	ck_assert_str_eq(open_reason(tmpdir, NULL), "UNREADABLE_FILE");
	write_bytes(tpath("h.tif"), "II*\0", 4);
	ck_assert_str_eq(open_reason(tpath("h.tif"), NULL), "UNREADABLE_FILE");
}
END_TEST

START_TEST(random_bytes)
{
	uint8_t buf[4096];
	unsigned seed = 12345;
	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < sizeof buf; i++)
			buf[i] = (uint8_t)(rand_r(&seed) >> 7);
		if (round % 2) {	/* a plausible header over garbage */
			memcpy(buf, round % 4 == 1 ? "II*\0" : "MM\0*", 4);
		}
		write_bytes(tpath("r.tif"), buf, sizeof buf);
		const char *r = open_reason(tpath("r.tif"), NULL);
		ck_assert_msg(!strcmp(r, "UNREADABLE_FILE") || !strcmp(r, "UNSUPPORTED_IMAGE"),
			      "round %d: %s", round, r);
	}
}
END_TEST

START_TEST(truncated)
{
	struct page_spec s[2] = { fax_page(COMPRESSION_CCITTFAX4, 1), fax_page(COMPRESSION_NONE, 1) };
	write_tiff(tpath("t.tif"), s, 2);
	char *data = NULL;
	size_t len = 0;
	ck_assert_int_eq(util_read_file(tpath("t.tif"), 1 << 20, &data, &len), 0);
	for (size_t cut = 8; cut < len; cut += len / 13 + 1) {
		write_bytes(tpath("t2.tif"), data, cut);
		ck_assert_msg(!strcmp(open_reason(tpath("t2.tif"), NULL), "UNREADABLE_FILE"),
			      "cut at %zu of %zu", cut, len);
	}
	free(data);
}
END_TEST

START_TEST(colour_and_greyscale)
{
	struct page_spec s = fax_page(COMPRESSION_NONE, 1);
	s.bps = 8;
	s.photo = PHOTOMETRIC_MINISBLACK;
	write_tiff(tpath("g.tif"), &s, 1);
	ck_assert_str_eq(open_reason(tpath("g.tif"), NULL), "UNSUPPORTED_IMAGE");
	s.spp = 3;
	s.photo = PHOTOMETRIC_RGB;
	write_tiff(tpath("c.tif"), &s, 1);
	ck_assert_str_eq(open_reason(tpath("c.tif"), NULL), "UNSUPPORTED_IMAGE");
	/* a good page followed by a colour one: the whole fax is refused */
	struct page_spec two[2] = { fax_page(COMPRESSION_CCITTFAX4, 1), s };
	write_tiff(tpath("c2.tif"), two, 2);
	ck_assert_str_eq(open_reason(tpath("c2.tif"), NULL), "UNSUPPORTED_IMAGE");
	/* LZW is not a fax compression */
	s = fax_page(COMPRESSION_LZW, 1);
	write_tiff(tpath("l.tif"), &s, 1);
	ck_assert_str_eq(open_reason(tpath("l.tif"), NULL), "UNSUPPORTED_IMAGE");
}
END_TEST

/* A hand-made little-endian TIFF with one directory of the given entries
 * (all SHORT or LONG, one value each) and 16 bytes of strip data. */
struct entry {
	uint16_t tag, type;
	uint32_t value;
};

static void write_handmade(const char *path, const struct entry *e, int n)
{
	uint8_t buf[512] = { 'I', 'I', 42, 0, 8, 0, 0, 0 };
	size_t o = 8;
	buf[o++] = (uint8_t)n;
	buf[o++] = 0;
	for (int i = 0; i < n; i++) {
		uint32_t v = e[i].value;
		buf[o++] = (uint8_t)e[i].tag;
		buf[o++] = (uint8_t)(e[i].tag >> 8);
		buf[o++] = (uint8_t)e[i].type;
		buf[o++] = 0;
		buf[o++] = 1;
		buf[o++] = 0;
		buf[o++] = 0;
		buf[o++] = 0;
		if (e[i].type == TIFF_SHORT) {
			buf[o++] = (uint8_t)v;
			buf[o++] = (uint8_t)(v >> 8);
			buf[o++] = 0;
			buf[o++] = 0;
		} else {
			for (int k = 0; k < 4; k++)
				buf[o++] = (uint8_t)(v >> (8 * k));
		}
	}
	o += 4;	/* next IFD: 0 */
	ck_assert_uint_le(o, 300);
	write_bytes(path, buf, 300 + 16);
}

START_TEST(huge_claimed_size)
{
	struct entry e[] = {
		{ TIFFTAG_IMAGEWIDTH, TIFF_LONG, 100000 },
		{ TIFFTAG_IMAGELENGTH, TIFF_LONG, 100000 },
		{ TIFFTAG_BITSPERSAMPLE, TIFF_SHORT, 1 },
		{ TIFFTAG_COMPRESSION, TIFF_SHORT, COMPRESSION_CCITTFAX4 },
		{ TIFFTAG_PHOTOMETRIC, TIFF_SHORT, 0 },
		{ TIFFTAG_STRIPOFFSETS, TIFF_LONG, 300 },
		{ TIFFTAG_ROWSPERSTRIP, TIFF_LONG, 100000 },
		{ TIFFTAG_STRIPBYTECOUNTS, TIFF_LONG, 16 },
	};
	write_handmade(tpath("huge.tif"), e, (int)ARRAY_SIZE(e));
	ck_assert_str_eq(open_reason(tpath("huge.tif"), NULL), "UNSUPPORTED_IMAGE");
	/* the same directory at a sane size opens (the hand-made file is right) */
	e[0].value = 64;
	e[1].value = 64;
	write_handmade(tpath("small.tif"), e, (int)ARRAY_SIZE(e));
	struct ocr_fax *fax = ocr_fax_open(tpath("small.tif"), NULL, NULL, NULL);
	ck_assert_ptr_nonnull(fax);
	ocr_fax_close(&fax);
	/* a strip claimed past the end of the file */
	e[7].value = 1 << 20;
	write_handmade(tpath("past.tif"), e, (int)ARRAY_SIZE(e));
	ck_assert_str_eq(open_reason(tpath("past.tif"), NULL), "UNREADABLE_FILE");
	/* a fill order that does not exist */
	e[7].value = 16;
	struct entry e2[9];
	memcpy(e2, e, sizeof e);
	e2[8] = e2[7];
	e2[7] = e2[6];
	e2[6] = e2[5];
	e2[5] = (struct entry){ TIFFTAG_FILLORDER, TIFF_SHORT, 3 };
	write_handmade(tpath("fill3.tif"), e2, 9);
	const char *r = open_reason(tpath("fill3.tif"), NULL);
	ck_assert_msg(!strcmp(r, "UNSUPPORTED_IMAGE") || !strcmp(r, "UNREADABLE_FILE"), "%s", r);
}
END_TEST

START_TEST(too_many_pages)
{
	struct ocr_limits lim;
	ocr_limits_default(&lim);
	ck_assert_int_eq(lim.max_pages, 50);
	struct page_spec s[51];
	for (int i = 0; i < 51; i++) {
		s[i] = fax_page(COMPRESSION_CCITTFAX4, 1);
		s[i].w = 32;
		s[i].h = 32;
	}
	write_tiff(tpath("p51.tif"), s, 51);
	ck_assert_str_eq(open_reason(tpath("p51.tif"), NULL), "PAGE_LIMIT");
	write_tiff(tpath("p50.tif"), s, 50);
	ck_assert_str_eq(open_reason(tpath("p50.tif"), NULL), "OK");
	lim.max_pages = 3;
	write_tiff(tpath("p4.tif"), s, 4);
	ck_assert_str_eq(open_reason(tpath("p4.tif"), &lim), "PAGE_LIMIT");
	write_tiff(tpath("p3.tif"), s, 3);
	ck_assert_str_eq(open_reason(tpath("p3.tif"), &lim), "OK");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ocr_tiff");
	TCase *tc = tcase_create("tiff");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, decodes_each_compression_and_fill_order);
	tcase_add_test(tc, min_is_black_is_inverted);
	tcase_add_test(tc, tags_and_receipt);
	tcase_add_test(tc, no_datetime_means_no_receipt);
	tcase_add_test(tc, empty_and_missing);
	tcase_add_test(tc, random_bytes);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, colour_and_greyscale);
	tcase_add_test(tc, huge_claimed_size);
	tcase_add_test(tc, too_many_pages);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(suite(), false);
}
