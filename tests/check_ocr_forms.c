/*
 * check_ocr_forms - Check suite for the form reader (ocr/formread.c,
 * classify.c, clean.c, engine.c): a small corpus of fax pages made with the
 * fax generator (tests/lib: fonts, sizes, skew, shift, scale, normal
 * resolution, upside down, noise, lost rows), each written as a TIFF and read
 * back through ocr_fax_open and ocr_page_read.
 *
 * What must hold: every form page is classified as its form; no field is
 * ever trusted with a wrong value (each equals the ground truth, or carries
 * a reason, or is absent); pages that are not forms are not taken for
 * forms; a value that fails its check is kept with its reason, never
 * "corrected" into a value nobody wrote.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <leptonica/allheaders.h>

#include "common/log.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/check.h"
#include "ocr/form.h"
#include "ocr/ocr.h"
#include "tests/lib/autofill.h"
#include "tests/lib/faxpage.h"
#include "tests/lib/tiffout.h"
#include "tests/lib/checkrun.h"

static struct ocr_engine *engine;
static char tmpdir[64];

struct values {
	struct mkfax_kv kv[32];
	char buf[32][2][160];
	size_t n;
};

static void values_set(struct values *v, const char *field, const char *value)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->kv[i].key, field)) {
			snprintf(v->buf[i][1], sizeof v->buf[i][1], "%s", value);
			return;
		}
	ck_assert_uint_lt(v->n, 32);
	snprintf(v->buf[v->n][0], sizeof v->buf[0][0], "%s", field);
	snprintf(v->buf[v->n][1], sizeof v->buf[0][1], "%s", value);
	v->kv[v->n].key = v->buf[v->n][0];
	v->kv[v->n].value = v->buf[v->n][1];
	v->n++;
}

static void values_add(void *ctx, const char *field, const char *value)
{
	values_set(ctx, field, value);
}

static const char *values_get(const struct values *v, const char *field)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->kv[i].key, field))
			return v->kv[i].value;
	return NULL;
}

/* Renders p at yres, writes it as a one-page fax TIFF, opens and decodes it,
 * and reads it. */
/* Renders p as a one-page fax, decodes it, lets mark draw on the page (when
 * not NULL) and reads it. */
static void fax_read_marked(const struct mkfax_page *p, double yres, void (*mark)(PIX *),
			    struct ocr_page *out)
{
	struct mkfax_bitmap bm;
	struct mkfax_page_stats st;
	struct strbuf err = STRBUF_INIT;
	char path[128];
	static int n;
	const char *reason = NULL;

	memset(&bm, 0, sizeof bm);
	memset(&st, 0, sizeof st);
	ck_assert_msg(mkfax_page_render(p, yres, &bm, &st, &err) == 0, "render: %s", err.buf);
	snprintf(path, sizeof path, "%s/p%d.tif", tmpdir, n++);
	struct mkfax_tiff_page tp = { &bm, MKFAX_XRES, yres, "2026:11:23 10:00:00", true, st, 0, NULL };
	struct mkfax_tiff_opts to = { 0 };
	to.compression = n % 2 ? 3 : 4;
	to.fill_order = n % 3 ? 1 : 2;
	ck_assert_msg(mkfax_tiff_write(path, &to, &tp, 1, &err) == 0, "tiff: %s", err.buf);
	mkfax_bitmap_release(&bm);

	struct ocr_fax *fax = ocr_fax_open(path, NULL, &reason, &err);
	ck_assert_msg(fax != NULL, "open: %s", err.buf);
	PIX *pix = ocr_fax_page(fax, 0, &reason, &err);
	ck_assert_msg(pix != NULL, "decode: %s", err.buf);
	if (mark)
		mark(pix);
	ck_assert_int_eq(ocr_page_read(engine, pix, fax->pages[0].xres, fax->pages[0].yres, 1, out,
				       &err), 0);
	pixDestroy(&pix);
	ocr_fax_close(&fax);
	sb_release(&err);
}

static void fax_read(const struct mkfax_page *p, double yres, struct ocr_page *out)
{
	fax_read_marked(p, yres, NULL, out);
}

static void setup(void)
{
	struct strbuf err = STRBUF_INIT;
	struct ocr_engine_options o = { 0 };
	util_set_timezone("Europe/Rome");
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_ocr_forms.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	engine = ocr_engine_new(&o, &err);
	ck_assert_msg(engine != NULL, "%s", err.buf);
	sb_release(&err);
}

static void teardown(void)
{
	char cmd[128];
	ocr_engine_free(&engine);
	ck_assert_ptr_null(engine);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	mkfax_release_fonts();	/* for leak checkers */
}

/* --- the corpus --- */

struct variant {
	const char *form;
	const char *font;
	double size;
	double skew, dx, dy, scale;
	bool normal, rot180;
	double noise;
	int lost;
	enum ocr_render_date date;
	enum ocr_render_tick tick;
};

static const struct variant corpus[] = {
	{ "AR-SEDE-01", "DejaVu Sans", 11, 0, 0, 0, 1, false, false, 0, 0, 0, 0 },
	{ "AR-BLOCCO-01", "Liberation Serif", 12, 1.5, 2, -1, 1, false, false, 0, 0, 1, 1 },
	{ "AR-SEDE-01", "DejaVu Sans Mono", 10, -2.5, -3, 3, 1.02, false, false, 0.001, 0, 2, 2 },
	{ "AR-BLOCCO-01", "DejaVu Sans", 9, 0.7, 1, 2, 0.98, true, false, 0, 0, 3, 0 },
	{ "AR-SEDE-01", "Liberation Sans", 10, -1, 0, -3, 1, false, true, 0, 0, 0, 1 },
	{ "AR-BLOCCO-01", "DejaVu Serif", 11, 2.2, -2, 0, 1.01, false, false, 0.002, 2, 1, 2 },
	{ "AR-SEDE-01", "Liberation Mono", 12, 1, 3, 1, 0.99, true, true, 0, 0, 2, 0 },
	{ "AR-BLOCCO-01", "Liberation Sans", 10, -0.5, 0, 0, 1, false, true, 0.001, 1, 0, 1 },
	{ "AR-SEDE-01", "DejaVu Serif", 9, 2.5, 4, -2, 1, false, false, 0, 3, 3, 2 },
	{ "AR-BLOCCO-01", "Liberation Mono", 11, -1.8, -1, 4, 1.02, true, false, 0.0015, 0, 2, 0 },
	{ "AR-SEDE-01", "DejaVu Sans", 12, 0.3, 0, 0, 1, true, false, 0.002, 2, 1, 1 },
	{ "AR-BLOCCO-01", "DejaVu Sans", 10, 1.2, 1, 1, 1, false, false, 0, 0, 0, 2 },
};

/* Reads every page of the corpus; counts trusted fields and asserts that
 * none is wrong. */
START_TEST(corpus_no_wrong_value)
{
	int fields = 0, trusted = 0;
	struct strbuf wrong = STRBUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(corpus); i++) {
		const struct variant *v = &corpus[i];
		struct strbuf err = STRBUF_INIT;
		const struct ocr_form *f = ocr_form_get(v->form, &err);
		ck_assert_msg(f != NULL, "%s", err.buf);
		struct values vals = { .n = 0 };
		mkfax_autofill(f, 1000 + (unsigned)i, "2026-11-23", values_add, &vals);

		struct mkfax_page p;
		memset(&p, 0, sizeof p);
		p.source = MKFAX_FORM;
		p.form = v->form;
		p.kv = vals.kv;
		p.nkv = vals.n;
		p.style.font = v->font;
		p.style.size = v->size;
		p.style.date = v->date;
		p.style.tick = v->tick;
		p.style.seed = (unsigned)i;
		p.skew = v->skew;
		p.dx = v->dx;
		p.dy = v->dy;
		p.scale = v->scale;
		p.rotate180 = v->rot180;
		p.noise = v->noise;
		p.lost = v->lost;
		p.header = i % 2 ? "23/11/2026 10:00 +39 02 5550100 P.1/1" : NULL;
		p.seed = 7 + (unsigned)i;

		struct ocr_page page;
		fax_read(&p, v->normal ? MKFAX_YRES_NORMAL : MKFAX_YRES_FINE, &page);
		ck_assert_msg(page.type == ocr_form_type(f), "page %zu (%s): read as %s", i, v->form,
			      ocr_doctype_name(page.type));
		ck_assert_ptr_nonnull(page.clean);
		for (size_t k = 0; k < vals.n; k++) {
			const char *name = vals.kv[k].key;
			char want[160];
			snprintf(want, sizeof want, "%s", vals.kv[k].value);
			if (!strcmp(name, "line") && ocr_normalise_line(want, want, sizeof want) != 0)
				snprintf(want, sizeof want, "%s", vals.kv[k].value);
			const struct ocr_field *fl = ocr_document_field(&page.doc, name);
			fields++;
			if (!fl || fl->reason)
				continue;
			trusted++;
			ck_assert(fl->confidence >= 0 && fl->confidence <= 1);
			if (strcmp(fl->value, want))
				sb_addf(&wrong, "page %zu: %s = '%s', truth '%s'\n", i, name, fl->value,
					want);
		}
		/* every trusted value passes the project's own checks */
		for (size_t k = 0; k < page.doc.nfields; k++) {
			const struct ocr_field *fl = &page.doc.fields[k];
			ck_assert(fl->value && fl->value[0]);
			if (!fl->reason)
				ck_assert_msg(ocr_check_field(fl->name, fl->value) == NULL, "%s = '%s'",
					      fl->name, fl->value);
		}
		ocr_page_clear(&page);
		sb_release(&err);
	}
	ck_assert_msg(wrong.len == 0, "trusted wrong values:\n%s", wrong.buf);
	/* the reader must also read: most fields are trusted */
	ck_assert_msg(trusted * 10 >= fields * 7, "only %d of %d fields trusted", trusted, fields);
	sb_release(&wrong);
}
END_TEST

static void base_page(struct mkfax_page *p, struct values *vals, const char *form, unsigned seed)
{
	struct strbuf err = STRBUF_INIT;
	const struct ocr_form *f = ocr_form_get(form, &err);
	ck_assert_msg(f != NULL, "%s", err.buf);
	mkfax_autofill(f, seed, "2026-11-23", values_add, vals);
	memset(p, 0, sizeof *p);
	p->source = MKFAX_FORM;
	p->form = form;
	p->kv = vals->kv;
	p->nkv = vals->n;
	p->scale = 1;
	p->seed = seed;
	sb_release(&err);
}

/* A typed IMEI and VAT number with a wrong check digit: read as written,
 * flagged, never "corrected"; an empty required box is missing. */
START_TEST(bad_check_digits_are_kept_and_flagged)
{
	struct values vals = { .n = 0 };
	struct mkfax_page p;
	struct ocr_page page;
	base_page(&p, &vals, "AR-SEDE-01", 31);
	char imei[32], vat[32];
	snprintf(imei, sizeof imei, "%s", values_get(&vals, "imei"));
	snprintf(vat, sizeof vat, "%s", values_get(&vals, "vat"));
	imei[14] = (char)('0' + (imei[14] - '0' + 1) % 10);
	vat[10] = (char)('0' + (vat[10] - '0' + 3) % 10);
	ck_assert(!ocr_check_imei(imei));
	ck_assert(!ocr_check_vat(vat));
	values_set(&vals, "imei", imei);
	values_set(&vals, "vat", vat);
	values_set(&vals, "signer", "");
	p.nkv = vals.n;
	fax_read(&p, MKFAX_YRES_FINE, &page);
	ck_assert_int_eq(page.type, OCR_DOC_ONSITE);
	const struct ocr_field *f = ocr_document_field(&page.doc, "imei");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->reason, "IMEI_CHECKSUM");
	ck_assert_str_eq(f->value, imei);
	ck_assert_ptr_null(ocr_document_value(&page.doc, "imei"));
	f = ocr_document_field(&page.doc, "vat");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->reason, "VAT_CHECKSUM");
	ck_assert_str_eq(f->value, vat);
	ck_assert(ocr_document_has_reason(&page.doc, "IMEI_CHECKSUM"));
	ck_assert(ocr_document_has_reason(&page.doc, "VAT_CHECKSUM"));
	ck_assert_ptr_null(ocr_document_field(&page.doc, "signer"));
	ck_assert(ocr_document_has_reason(&page.doc, "FIELD_MISSING"));
	ocr_page_clear(&page);
}
END_TEST

/* Checkboxes by ink: each claim, no declaration, no signature. */
START_TEST(checkboxes_and_signature)
{
	static const char *const claims[] = { "fault", "malfunction", "theft", "loss" };
	for (int i = 0; i < 4; i++) {
		struct values vals = { .n = 0 };
		struct mkfax_page p;
		struct ocr_page page;
		base_page(&p, &vals, "AR-SEDE-01", 50 + (unsigned)i);
		values_set(&vals, "claim", claims[i]);
		values_set(&vals, "declaration", i % 2 ? "true" : "false");
		values_set(&vals, "signature", i == 3 ? "false" : "true");
		p.nkv = vals.n;
		p.style.tick = (enum ocr_render_tick)(i % 3);
		fax_read(&p, i == 2 ? MKFAX_YRES_NORMAL : MKFAX_YRES_FINE, &page);
		ck_assert_int_eq(page.type, OCR_DOC_ONSITE);
		ck_assert_str_eq(ocr_document_value(&page.doc, "claim"), claims[i]);
		ck_assert_str_eq(ocr_document_value(&page.doc, "declaration"),
				 i % 2 ? "true" : "false");
		ck_assert_str_eq(ocr_document_value(&page.doc, "signature"),
				 i == 3 ? "false" : "true");
		ocr_page_clear(&page);
	}
}
END_TEST

/* A 2-pixel line inside the top edge of the AR-BLOCCO-01 option "site",
 * as when a frame is found a little off on a skewed fax. */
static void line_in_site_box(PIX *pix)
{
	struct strbuf err = STRBUF_INIT;
	const struct ocr_form *f = ocr_form_get("AR-BLOCCO-01", &err);
	const struct ocr_form_choice *ch = f ? ocr_form_choice_by_name(f, "delivery") : NULL;
	ck_assert_ptr_nonnull(ch);
	for (size_t i = 0; i < ch->noptions; i++) {
		const struct ocr_form_rect *r = &ch->options[i].r;
		if (strcmp(ch->options[i].value, "site"))
			continue;
		/* the sheet (210 mm) is centred across the fax line */
		double px = MKFAX_XRES / 25.4, py = MKFAX_YRES_FINE / 25.4;
		double left = (MKFAX_WIDTH / px - 210) / 2;
		int x0 = (int)((left + r->x + 0.6) * px), x1 = (int)((left + r->x + r->w - 0.6) * px);
		int y = (int)((r->y + 1.0) * py);
		pixRasterop(pix, x0, y, x1 - x0, 2, PIX_SET, NULL, 0, 0);
	}
	sb_release(&err);
}

/* A straight line along the inside edge of an empty checkbox is its frame
 * seen a little off, not a tick: the ticked option is still read, trusted. */
START_TEST(frame_edge_is_not_a_tick)
{
	struct values vals = { .n = 0 };
	struct mkfax_page p;
	struct ocr_page page;
	base_page(&p, &vals, "AR-BLOCCO-01", 77);
	values_set(&vals, "delivery", "point");
	p.nkv = vals.n;
	fax_read_marked(&p, MKFAX_YRES_FINE, line_in_site_box, &page);
	ck_assert_int_eq(page.type, OCR_DOC_BLOCK);
	const struct ocr_field *fd = ocr_document_field(&page.doc, "delivery");
	ck_assert_ptr_nonnull(fd);
	ck_assert_str_eq(fd->value, "point");
	ck_assert_ptr_null(fd->reason);
	ocr_page_clear(&page);
}
END_TEST

/* A form without one of its registration marks is not taken for a form;
 * nor is a free-form page; a blank page is blank. */
START_TEST(not_forms)
{
	struct values vals = { .n = 0 };
	struct mkfax_page p;
	struct mkfax_bitmap bm;
	struct mkfax_page_stats st;
	struct strbuf err = STRBUF_INIT;
	struct ocr_page page;

	base_page(&p, &vals, "AR-BLOCCO-01", 77);
	ck_assert_int_eq(mkfax_page_render(&p, MKFAX_YRES_FINE, &bm, &st, &err), 0);
	PIX *pix = pixCreate(bm.w, bm.h, 1);
	for (int y = 0; y < bm.h; y++)
		for (int x = 0; x < bm.w; x++)
			if (mkfax_bitmap_get(&bm, x, y))
				pixSetPixel(pix, x, y, 1);
	int W = bm.w;
	mkfax_bitmap_release(&bm);
	/* first, as it is: a form */
	ck_assert_int_eq(ocr_page_read(engine, pix, 204, 196, 1, &page, &err), 0);
	ck_assert_int_eq(page.type, OCR_DOC_BLOCK);
	ocr_page_clear(&page);
	/* the bottom-right mark painted over */
	int x0 = (int)(190 * 204 / 25.4), y0 = (int)(270 * 196 / 25.4);
	pixRasterop(pix, x0, y0, W - x0, (int)(15 * 196 / 25.4), PIX_CLR, NULL, 0, 0);
	ck_assert_int_eq(ocr_page_read(engine, pix, 204, 196, 1, &page, &err), 0);
	ck_assert_int_ne(page.type, OCR_DOC_BLOCK);
	ck_assert_int_ne(page.type, OCR_DOC_ONSITE);
	ocr_page_clear(&page);
	pixDestroy(&pix);

	/* a denunciation */
	memset(&p, 0, sizeof p);
	p.source = MKFAX_FREEFORM;
	p.kind = "denunciation";
	p.scale = 1;
	p.seed = 3;
	fax_read(&p, MKFAX_YRES_FINE, &page);
	ck_assert_int_ne(page.type, OCR_DOC_BLOCK);
	ck_assert_int_ne(page.type, OCR_DOC_ONSITE);
	ocr_page_clear(&page);

	/* a blank sheet */
	memset(&p, 0, sizeof p);
	p.source = MKFAX_BLANK;
	p.scale = 1;
	fax_read(&p, MKFAX_YRES_FINE, &page);
	ck_assert(page.blank);
	ck_assert_int_eq(page.type, OCR_DOC_UNKNOWN);
	ocr_page_clear(&page);
	sb_release(&err);
}
END_TEST

/* An electronic card faxed upside down, as build/mkfax faxed identity copy
 * 2194 of tools/accuracy-freeform: its first reading is poor (mean word
 * confidence 0.36), turned round a little better (0.46, not the 0.1 more
 * that a reading must gain by itself) - and a card. It is read turned. */
START_TEST(upside_down_card_turned)
{
	struct mkfax_page p;
	struct ocr_page page;

	memset(&p, 0, sizeof p);
	p.source = MKFAX_FREEFORM;
	p.kind = "identity";
	p.seed = 2194;
	p.dx = -1.7;
	p.dy = 1.1;
	p.skew = -1.9;
	p.scale = 1.014;
	p.rotate180 = true;
	p.lost = 1;
	p.repeat = 1;
	p.header = "26/11/2026 10:15  FROM +39 02 1234567  P.001";
	fax_read(&p, MKFAX_YRES_FINE, &page);
	ck_assert_int_eq(page.type, OCR_DOC_IDENTITY);
	const struct ocr_field *f = ocr_document_field(&page.doc, "expiry");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->value, "2036-12-12");
	ocr_page_clear(&page);
}
END_TEST

/* Page 1575 of tools/accuracy-freeform's identity copies, faxed as it
 * faxes it: a driving licence whose number MO9337507K the page's model
 * reads in doubt. */
static void page_1575(struct mkfax_page *p)
{
	memset(p, 0, sizeof *p);
	p->source = MKFAX_FREEFORM;
	p->kind = "identity";
	p->seed = 1575;
	p->dx = -1.7;
	p->dy = 0.4;
	p->skew = 0.3;
	p->scale = 0.971;
	p->noise = 0.001;
	p->lost = 2;
	p->repeat = 1;
	p->header = "26/11/2026 10:15  FROM +39 02 1234567  P.001";
}

/* A licence's number that neither the page's model nor the other settles
 * (the page and its line read on their own, as printed and in grey): the
 * third model (Latin script) reads its line without a doubt as the page
 * does, and the number is trusted (accuracy page 1575; without the third
 * model it is held). */
START_TEST(identity_number_read_by_the_third_model)
{
	struct mkfax_page p;
	struct ocr_page page;

	page_1575(&p);
	fax_read(&p, MKFAX_YRES_FINE, &page);
	ck_assert_int_eq(page.type, OCR_DOC_IDENTITY);
	const struct ocr_field *f = ocr_document_field(&page.doc, "number");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->value, "MO9337507K");
	ck_assert_ptr_null(f->reason);
	ocr_page_clear(&page);
}
END_TEST

/* A third model that will not load (its file damaged, the two others
 * good): the page is read all the same, its number held as the two read
 * it, never trusted on their word alone. */
START_TEST(identity_number_without_the_third_model)
{
	const char *sys = getenv("TESSDATA_PREFIX");
	char dir[600], from[600], to[700];
	struct strbuf err = STRBUF_INIT;
	struct mkfax_page p;
	struct ocr_page page;

	if (!sys || !*sys)
		sys = "/usr/share/tesseract-ocr/5/tessdata";
	snprintf(dir, sizeof dir, "%s/tessdata", tmpdir);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	static const char *const good[] = { "ita", "eng" };
	for (size_t k = 0; k < 2; k++) {
		snprintf(from, sizeof from, "%s/%s.traineddata", sys, good[k]);
		snprintf(to, sizeof to, "%s/%s.traineddata", dir, good[k]);
		ck_assert_int_eq(symlink(from, to), 0);
	}
	snprintf(to, sizeof to, "%s/Latin.traineddata", dir);
	FILE *f = fopen(to, "w");
	ck_assert_ptr_nonnull(f);
	fputs("not a model\n", f);
	fclose(f);
	struct ocr_engine_options o = { .tessdata = dir };
	struct ocr_engine *keep = engine;
	engine = ocr_engine_new(&o, &err);
	ck_assert_msg(engine != NULL, "%s", err.buf);

	page_1575(&p);
	fax_read(&p, MKFAX_YRES_FINE, &page);
	ocr_engine_free(&engine);
	engine = keep;
	ck_assert_int_eq(page.type, OCR_DOC_IDENTITY);
	const struct ocr_field *n = ocr_document_field(&page.doc, "number");
	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n->value, "MO9337507K");
	ck_assert_ptr_nonnull(n->reason);
	ocr_page_clear(&page);
	sb_release(&err);
}
END_TEST

/* Not a bilevel image: a reason, no crash; timings are recorded. */
START_TEST(bad_input_and_timings)
{
	struct strbuf err = STRBUF_INIT;
	struct ocr_page page;
	PIX *grey = pixCreate(300, 300, 8);
	ck_assert_int_eq(ocr_page_read(engine, grey, 204, 196, 1, &page, &err), 0);
	ck_assert_int_eq(page.type, OCR_DOC_UNKNOWN);
	ck_assert(ocr_document_has_reason(&page.doc, "UNSUPPORTED_IMAGE"));
	ocr_page_clear(&page);
	ocr_page_clear(&page);	/* twice is fine */
	pixDestroy(&grey);

	struct values vals = { .n = 0 };
	struct mkfax_page p;
	base_page(&p, &vals, "AR-SEDE-01", 5);
	fax_read(&p, MKFAX_YRES_FINE, &page);
	struct ocr_timings *t = ocr_engine_timings(engine);
	ck_assert_int_gt(t->clean, 0);
	ck_assert_int_gt(t->classify, 0);
	ck_assert_int_gt(t->field_ocr, 0);
	/* zones only: a form page never costs a whole-page OCR */
	ck_assert_int_eq(t->page_ocr, 0);
	ck_assert_ptr_null(page.text);
	ocr_page_clear(&page);
	sb_release(&err);
}
END_TEST

/* A form page with every typed box left empty but the boxes of `keep`
 * (content kinds), read; *d gets the zone readings it cost. */
static void read_only(enum ocr_form_content keep, unsigned seed, struct values *vals,
		      struct ocr_page *page, struct ocr_timings *d)
{
	struct strbuf err = STRBUF_INIT;
	struct mkfax_page p;
	const struct ocr_form *f = ocr_form_get("AR-SEDE-01", &err);
	ck_assert_msg(f != NULL, "%s", err.buf);
	base_page(&p, vals, "AR-SEDE-01", seed);
	for (size_t i = 0; i < ocr_form_nboxes(f); i++) {
		const struct ocr_form_box *b = ocr_form_box(f, i);
		if (b->content == keep || b->content == OCR_FORM_SIGNATURE)
			continue;
		for (size_t k = 0; k < b->nfields; k++)
			values_set(vals, b->fields[k], "");
	}
	p.nkv = vals->n;
	struct ocr_timings before = *ocr_engine_timings(engine);
	fax_read(&p, MKFAX_YRES_FINE, page);
	const struct ocr_timings *after = ocr_engine_timings(engine);
	memset(d, 0, sizeof *d);
	for (int m = 0; m < 4; m++)
		d->zones[m] = after->zones[m] - before.zones[m];
	d->zones_alts = after->zones_alts - before.zones_alts;
	d->zone_symbols = after->zone_symbols - before.zone_symbols;
	ck_assert_int_eq(page->type, OCR_DOC_ONSITE);
	sb_release(&err);
}

/* A role spelt letter for letter as one of its printed words is trusted
 * on one reading (no misreading of one of them spells another), and what
 * is read of it is its code; a date's readings do not ask for character
 * alternatives, which nothing about a date uses. */
START_TEST(role_read_once_dates_without_alternatives)
{
	static const unsigned seeds[] = { 3, 8, 21 };
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		struct values vals = { .n = 0 };
		struct ocr_page page;
		struct ocr_timings d;
		read_only(OCR_FORM_ROLE, seeds[i], &vals, &page, &d);
		const char *want = values_get(&vals, "signer_role");
		ck_assert_ptr_nonnull(want);
		ck_assert_pstr_eq(ocr_document_value(&page.doc, "signer_role"), want);
		ck_assert_int_eq(d.zones[0], 1);
		ck_assert_int_eq(d.zones[1] + d.zones[2] + d.zones[3], 0);
		ck_assert_int_eq(d.zones_alts, 0);
		ck_assert_int_gt(d.zone_symbols, 5);
		ocr_page_clear(&page);

		memset(&vals, 0, sizeof vals);
		read_only(OCR_FORM_PLACE_DATE, seeds[i], &vals, &page, &d);
		ck_assert_pstr_eq(ocr_document_value(&page.doc, "date"), values_get(&vals, "date"));
		ck_assert_int_eq(d.zones[0], 1);
		ck_assert_int_ge(d.zones[1], 1);
		ck_assert_int_eq(d.zones_alts, 0);
		ocr_page_clear(&page);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ocr_forms");
	TCase *tc = tcase_create("forms");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, corpus_no_wrong_value);
	tcase_add_test(tc, bad_check_digits_are_kept_and_flagged);
	tcase_add_test(tc, checkboxes_and_signature);
	tcase_add_test(tc, frame_edge_is_not_a_tick);
	tcase_add_test(tc, not_forms);
	tcase_add_test(tc, upside_down_card_turned);
	tcase_add_test(tc, identity_number_read_by_the_third_model);
	tcase_add_test(tc, identity_number_without_the_third_model);
	tcase_add_test(tc, bad_input_and_timings);
	tcase_add_test(tc, role_read_once_dates_without_alternatives);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	log_setup("check_ocr_forms", LOG_LVL_WARN, 1, 0);
	setenv("OMP_THREAD_LIMIT", "1", 0);
	return check_run(suite(), false);
}
