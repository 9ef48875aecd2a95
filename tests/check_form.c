/*
 * check_form - Check suite for ocr/form: the form descriptions load,
 * validate, and hold the geometry of shared/FORMS.md; broken descriptions
 * are refused with a message.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/form.h"
#include "ocr/render.h"
#include "tests/lib/faxpage.h"
#include "tests/lib/checkrun.h"

/* FORMS.md, transcribed by hand: the descriptions must agree. */
struct want_box {
	const char *name, *label;
	double x, y, w, h;
	enum ocr_form_content content;
};

static const struct want_box sede_boxes[] = {
	{ "company", "Ragione sociale", 15, 45, 120, 9, OCR_FORM_TEXT },
	{ "vat", "Partita IVA", 140, 45, 55, 9, OCR_FORM_VAT },
	{ "line", "Numero linea", 15, 62, 55, 9, OCR_FORM_LINE },
	{ "imei", "IMEI", 75, 62, 75, 9, OCR_FORM_IMEI },
	{ "model", "Marca e modello", 15, 79, 180, 9, OCR_FORM_TEXT },
	{ "description", "Descrizione del guasto", 15, 113, 180, 18, OCR_FORM_TEXT },
	{ "address", "Indirizzo di consegna (sede dell'azienda)", 15, 143, 180, 9, OCR_FORM_ADDRESS },
	{ "contact", "Referente", 15, 160, 110, 9, OCR_FORM_NAME },
	{ "contact_phone", "Telefono referente", 130, 160, 65, 9, OCR_FORM_PHONE },
	{ "signer", "Nome e cognome del firmatario", 15, 197, 110, 9, OCR_FORM_NAME },
	{ "signer_role", "Ruolo", 130, 197, 65, 9, OCR_FORM_ROLE },
	{ "signer_cf", "Codice fiscale del firmatario", 15, 214, 80, 9, OCR_FORM_FISCAL_CODE },
	{ "place_date", "Luogo e data", 100, 214, 95, 9, OCR_FORM_PLACE_DATE },
	{ "signature", "Firma", 110, 235, 85, 30, OCR_FORM_SIGNATURE },
};

static const struct want_box blocco_boxes[] = {
	{ "company", "Ragione sociale", 15, 45, 120, 9, OCR_FORM_TEXT },
	{ "vat", "Partita IVA", 140, 45, 55, 9, OCR_FORM_VAT },
	{ "line", "Numero linea", 15, 62, 55, 9, OCR_FORM_LINE },
	{ "imei", "IMEI", 75, 62, 75, 9, OCR_FORM_IMEI },
	{ "model", "Marca e modello", 15, 79, 180, 9, OCR_FORM_TEXT },
	{ "event_date", "Data dell'evento", 120, 96, 75, 9, OCR_FORM_DATE },
	{ "event_place", "Luogo dell'evento", 15, 113, 180, 9, OCR_FORM_TEXT },
	{ "signer", "Nome e cognome del firmatario", 15, 157, 110, 9, OCR_FORM_NAME },
	{ "signer_cf", "Codice fiscale del firmatario", 130, 157, 65, 9, OCR_FORM_FISCAL_CODE },
	{ "id_document", "Documento di identita' (tipo e numero)", 15, 174, 110, 9, OCR_FORM_TEXT },
	{ "date", "Data", 130, 174, 65, 9, OCR_FORM_DATE },
	{ "signature", "Firma", 110, 195, 85, 30, OCR_FORM_SIGNATURE },
};

/* Field lists of FORMS.md ("Field names and normalised values"). */
static const char *const sede_fields[] = {
	"company", "vat", "line", "imei", "model", "claim", "description", "address", "contact",
	"contact_phone", "declaration", "signer", "signer_role", "signer_cf", "place", "date",
	"signature", NULL
};
static const char *const blocco_fields[] = {
	"company", "vat", "line", "imei", "model", "event", "event_date", "event_place", "delivery",
	"signer", "signer_cf", "id_document", "date", "signature", NULL
};

static struct ocr_form *load(const char *code)
{
	struct strbuf err = STRBUF_INIT;
	struct ocr_form *f = ocr_form_load_code(code, &err);

	ck_assert_msg(f != NULL, "%s: %s", code, err.buf);
	ck_assert_uint_eq(err.len, 0);
	sb_release(&err);
	return f;
}

static void check_common(const struct ocr_form *f, const char *code, const char *title)
{
	static const double mx[4] = { 10, 195, 10, 195 }, my[4] = { 15, 15, 277, 277 };
	const struct ocr_form_text *t;
	char printed[64];

	ck_assert_str_eq(ocr_form_code(f), code);
	ck_assert(ocr_form_width(f) == 210 && ocr_form_height(f) == 297);
	for (int i = 0; i < 4; i++) {
		struct ocr_form_rect m = ocr_form_mark(f, i);

		ck_assert(m.x == mx[i] && m.y == my[i] && m.w == 5 && m.h == 5);
	}
	ck_assert(ocr_form_mark(f, 4).w == 0);
	t = ocr_form_text_by_role(f, OCR_FORM_SERVICE);
	ck_assert_str_eq(t->text, "ALL RISK AZIENDA");
	ck_assert(t->x == 15 && t->y == 24 && t->size == 14 && t->bold);
	t = ocr_form_text_by_role(f, OCR_FORM_TITLE);
	ck_assert_str_eq(t->text, title);
	ck_assert(t->x == 15 && t->y == 31 && t->size == 12 && t->bold);
	t = ocr_form_text_by_role(f, OCR_FORM_CODE);
	snprintf(printed, sizeof(printed), "MOD. %s", code);
	ck_assert_str_eq(t->text, printed);
	ck_assert(t->x == 135 && t->y == 24 && t->size == 14 && t->bold);

	const struct ocr_form_style *s = ocr_form_style(f);
	ck_assert(s->line_width == 0.3 && s->label_size == 8 && s->checkbox == 5 &&
		  s->caption_gap == 3);
}

static void check_boxes(const struct ocr_form *f, const struct want_box *w, size_t n)
{
	ck_assert_uint_eq(ocr_form_nboxes(f), n);
	for (size_t i = 0; i < n; i++) {
		const struct ocr_form_box *b = ocr_form_box(f, i);

		ck_assert_str_eq(b->name, w[i].name);
		ck_assert_str_eq(b->label, w[i].label);
		ck_assert_msg(b->r.x == w[i].x && b->r.y == w[i].y && b->r.w == w[i].w &&
			      b->r.h == w[i].h, "box %s geometry", b->name);
		ck_assert_msg(b->content == w[i].content, "box %s content %s", b->name,
			      ocr_form_content_name(b->content));
		ck_assert_ptr_eq(ocr_form_box_by_name(f, w[i].name), b);
	}
	ck_assert_ptr_null(ocr_form_box(f, n));
	ck_assert_ptr_null(ocr_form_box_by_name(f, "nothing"));
}

/* Every FORMS.md field comes from exactly one box or checkbox group, and
 * nothing else does. */
static void check_fields(const struct ocr_form *f, const char *const *fields)
{
	size_t n = 0, have = 0;

	for (; fields[n]; n++)
		ck_assert_msg(ocr_form_field_source(f, fields[n], NULL, NULL) == 0, "field %s",
			      fields[n]);
	for (size_t i = 0; i < ocr_form_nboxes(f); i++)
		have += ocr_form_box(f, i)->nfields;
	have += ocr_form_nchoices(f);
	ck_assert_uint_eq(have, n);
	ck_assert_int_eq(ocr_form_field_source(f, "place_date", NULL, NULL), -1);
}

static void check_option(const struct ocr_form_choice *ch, size_t i, const char *value,
			 const char *caption, double x, double y)
{
	const struct ocr_form_option *o = &ch->options[i];

	ck_assert_str_eq(o->value, value);
	ck_assert_str_eq(o->caption[0], caption);
	ck_assert(o->r.x == x && o->r.y == y && o->r.w == 5 && o->r.h == 5);
}

START_TEST(sede_geometry)
{
	struct ocr_form *f = load("AR-SEDE-01");
	const struct ocr_form_box *b;
	const struct ocr_form_choice *ch;

	check_common(f, "AR-SEDE-01", "RICHIESTA DI ASSISTENZA TECNICA PRESSO SEDE");
	ck_assert_int_eq(ocr_form_type(f), OCR_DOC_ONSITE);
	check_boxes(f, sede_boxes, ARRAY_SIZE(sede_boxes));
	check_fields(f, sede_fields);

	ch = ocr_form_choice_by_name(f, "claim");
	ck_assert_ptr_nonnull(ch);
	ck_assert(!ch->flag);
	ck_assert_str_eq(ch->label, "Tipo di richiesta");
	ck_assert_uint_eq(ch->noptions, 4);
	check_option(ch, 0, "fault", "GUASTO", 15, 96);
	check_option(ch, 1, "malfunction", "MALFUNZIONAMENTO", 60, 96);
	check_option(ch, 2, "theft", "FURTO", 115, 96);
	check_option(ch, 3, "loss", "SMARRIMENTO", 155, 96);

	ch = ocr_form_choice_by_name(f, "declaration");
	ck_assert(ch->flag);
	ck_assert_uint_eq(ch->noptions, 1);
	ck_assert_uint_eq(ch->options[0].ncaption, 2);
	check_option(ch, 0, "true", "Dichiaro che il guasto non deriva da dolo, colpa grave,", 15,
		     177);
	ck_assert_str_eq(ch->options[0].caption[1], "contatto con liquidi o manomissione.");

	/* place_date yields place and date */
	ck_assert_int_eq(ocr_form_field_source(f, "place", &b, &ch), 0);
	ck_assert_ptr_null(ch);
	ck_assert_str_eq(b->name, "place_date");
	ck_assert_uint_eq(b->nfields, 2);
	ck_assert_str_eq(b->fields[0], "place");
	ck_assert_str_eq(b->fields[1], "date");
	ck_assert_int_eq(ocr_form_field_source(f, "claim", &b, &ch), 0);
	ck_assert_ptr_null(b);
	ck_assert_str_eq(ch->name, "claim");

	b = ocr_form_box_by_name(f, "description");
	ck_assert_int_eq(b->lines, 2);
	b = ocr_form_box_by_name(f, "signer_role");
	ck_assert_uint_eq(b->nvalues, 5);
	ck_assert_str_eq(ocr_form_value_code(b, "rappresentante  LEGALE "), "legal-representative");
	ck_assert_str_eq(ocr_form_value_code(b, "Dipendente abilitato"), "employee");
	ck_assert_ptr_null(ocr_form_value_code(b, "Direttore"));
	ck_assert_str_eq(ocr_form_value_text(b, "mandatario"), "Mandatario");
	ck_assert_ptr_null(ocr_form_value_text(b, "boss"));

	b = ocr_form_signature(f);
	ck_assert_str_eq(b->name, "signature");
	ocr_form_free(&f);
	ck_assert_ptr_null(f);
	ocr_form_free(&f);
}
END_TEST

START_TEST(blocco_geometry)
{
	struct ocr_form *f = load("AR-BLOCCO-01");
	const struct ocr_form_choice *ch;
	const struct ocr_form_text *note;

	check_common(f, "AR-BLOCCO-01", "BLOCCO APPARATO RUBATO O SMARRITO");
	ck_assert_int_eq(ocr_form_type(f), OCR_DOC_BLOCK);
	check_boxes(f, blocco_boxes, ARRAY_SIZE(blocco_boxes));
	check_fields(f, blocco_fields);

	ch = ocr_form_choice_by_name(f, "event");
	ck_assert_uint_eq(ch->noptions, 2);
	check_option(ch, 0, "theft", "FURTO", 15, 96);
	check_option(ch, 1, "loss", "SMARRIMENTO", 60, 96);
	ch = ocr_form_choice_by_name(f, "delivery");
	ck_assert_uint_eq(ch->noptions, 2);
	check_option(ch, 0, "site", "PRESSO LA SEDE (allegare MOD. AR-SEDE-01)", 15, 130);
	check_option(ch, 1, "point", "PRESSO UN PUNTO DI ASSISTENZA TIM", 120, 130);
	ck_assert_ptr_null(ocr_form_choice_by_name(f, "claim"));
	ck_assert_ptr_null(ocr_form_choice_by_name(f, "declaration"));

	note = ocr_form_text_by_role(f, OCR_FORM_NOTE);
	ck_assert_ptr_nonnull(note);
	ck_assert(note->x == 15 && note->y == 142 && note->size == 9);
	ck_assert(strncmp(note->text, "Il sottoscritto chiede il blocco", 32) == 0);
	ocr_form_free(&f);
}
END_TEST

START_TEST(shared_forms_are_cached)
{
	struct strbuf err = STRBUF_INIT;
	const char *const *codes = ocr_form_codes();

	ck_assert_str_eq(codes[0], "AR-SEDE-01");
	ck_assert_str_eq(codes[1], "AR-BLOCCO-01");
	ck_assert_ptr_null(codes[2]);
	const struct ocr_form *a = ocr_form_get("AR-SEDE-01", &err);
	const struct ocr_form *b = ocr_form_get("AR-SEDE-01", &err);
	const struct ocr_form *c = ocr_form_get("AR-BLOCCO-01", &err);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_eq(a, b);
	ck_assert_ptr_ne(a, c);
	ck_assert_ptr_null(ocr_form_get("AR-NOPE-01", &err));
	ck_assert_msg(strstr(err.buf, "AR-NOPE-01.xml") != NULL, "%s", err.buf);
	sb_reset(&err);
	ck_assert_ptr_null(ocr_form_get("../etc/passwd", &err));
	ck_assert_msg(strstr(err.buf, "bad form code") != NULL, "%s", err.buf);
	sb_release(&err);
}
END_TEST

/* Writes AR-SEDE-01.xml with one substitution into a temporary file, loads
 * it, and expects a refusal whose message holds want. */
static void refused(const char *from, const char *to, const char *want)
{
	char path[] = "/tmp/fi-form-XXXXXX";
	struct strbuf err = STRBUF_INIT, doc = STRBUF_INIT;
	char *src = util_path_join(ocr_form_dir(), "AR-SEDE-01.xml"), *data, *at;
	size_t len;
	struct ocr_form *f;
	int fd;

	ck_assert_int_eq(util_read_file(src, 1 << 20, &data, &len), 0);
	at = strstr(data, from);
	ck_assert_msg(at != NULL, "'%s' not in the description", from);
	sb_add(&doc, data, (size_t)(at - data));
	sb_adds(&doc, to);
	sb_adds(&doc, at + strlen(from));
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, doc.buf, doc.len), (ssize_t)doc.len);
	close(fd);
	f = ocr_form_load(path, &err);
	ck_assert_msg(f == NULL, "accepted a description with '%s'", to);
	ck_assert_msg(strstr(err.buf, want) != NULL, "message '%s' lacks '%s'", err.buf, want);
	unlink(path);
	free(data);
	free(src);
	sb_release(&err);
	sb_release(&doc);
}

START_TEST(broken_descriptions_refused)
{
	/* not well-formed */
	refused("<marks size=\"5\">", "<marks size=\"5\"", "cannot parse");
	/* schema: a box without its height, a bad content kind, a bad name */
	refused("w=\"55\" h=\"9\" content=\"vat\"", "w=\"55\" content=\"vat\"", "not valid");
	refused("content=\"imei\"", "content=\"serial\"", "not valid");
	refused("name=\"imei\"", "name=\"IMEI!\"", "not valid");
	/* two places for one field name */
	refused("name=\"vat\"", "name=\"imei\"", "not valid");
	/* three marks only */
	refused("<mark x=\"195\" y=\"277\"/>", "", "not valid");
	/* rules beyond the schema */
	refused("x=\"75\" y=\"62\" w=\"75\"", "x=\"175\" y=\"62\" w=\"75\"", "outside the page");
	refused(">MOD. AR-SEDE-01<", ">MOD. AR-SEDE-02<", "printed code");
	refused("role=\"title\"", "role=\"note\"", "role title");
	refused("<mark x=\"10\" y=\"15\"/>\n    <mark x=\"195\" y=\"15\"/>",
		"<mark x=\"195\" y=\"15\"/>\n    <mark x=\"10\" y=\"15\"/>", "marks must be");
	refused("fields=\"place date\"", "fields=\"place\"", "two fields");
	refused("fields=\"place date\"", "fields=\"place imei\"", "comes from two places");
	/* no DTD, no entities */
	refused("<form ", "<!DOCTYPE form [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<form ",
		"DOCTYPE");
}
END_TEST

START_TEST(missing_file_refused)
{
	struct strbuf err = STRBUF_INIT;

	ck_assert_ptr_null(ocr_form_load("/nonexistent/form.xml", &err));
	ck_assert_msg(strstr(err.buf, "cannot read form description '/nonexistent/form.xml'"),
		      "%s", err.buf);
	sb_reset(&err);
	ck_assert_ptr_null(ocr_form_load_code("", &err));
	sb_release(&err);
}
END_TEST

/* --- rendering --- */

#define PX_MM 4.0	/* raster of the rendering tests: 4 pixels per mm */

struct canvas {
	cairo_surface_t *s;
	cairo_t *cr;
};

static void canvas_open(struct canvas *c)
{
	c->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(210 * PX_MM), (int)(297 * PX_MM));
	c->cr = cairo_create(c->s);
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	cairo_scale(c->cr, PX_MM, PX_MM);
}

static void canvas_close(struct canvas *c)
{
	cairo_destroy(c->cr);
	cairo_surface_destroy(c->s);
}

/* Grey level (0 black .. 255 white) at a point in mm. */
static int grey_at(struct canvas *c, double x, double y)
{
	cairo_surface_flush(c->s);
	const unsigned char *d = cairo_image_surface_get_data(c->s);
	int stride = cairo_image_surface_get_stride(c->s);
	uint32_t px = *(const uint32_t *)(const void *)(d + (int)(y * PX_MM) * stride +
							 4 * (int)(x * PX_MM));
	return (int)(px & 0xff);
}

/* Dark pixels inside a rectangle in mm, its border excluded. */
static long ink_in(struct canvas *c, const struct ocr_form_rect *r)
{
	long n = 0;

	for (double y = r->y + 1; y < r->y + r->h - 1; y += 1 / PX_MM)
		for (double x = r->x + 1; x < r->x + r->w - 1; x += 1 / PX_MM)
			n += grey_at(c, x, y) < 128;
	return n;
}

START_TEST(render_blank)
{
	struct strbuf err = STRBUF_INIT;
	const struct ocr_form *f = ocr_form_get("AR-SEDE-01", &err);
	struct canvas c;

	ck_assert_ptr_nonnull(f);
	canvas_open(&c);
	ocr_render_blank(c.cr, f);
	for (int i = 0; i < 4; i++) {
		struct ocr_form_rect m = ocr_form_mark(f, i);

		ck_assert_int_lt(grey_at(&c, m.x + 2.5, m.y + 2.5), 50);
		ck_assert_int_gt(grey_at(&c, m.x - 1, m.y + 2.5), 200);
	}
	/* the IMEI box: a line on its edge, white inside */
	ck_assert_int_lt(grey_at(&c, 100, 62.05), 200);
	ck_assert_int_eq(ink_in(&c, &ocr_form_box_by_name(f, "imei")->r), 0);
	ck_assert_int_eq(ink_in(&c, &ocr_form_signature(f)->r), 0);
	/* the label above the box's corner has ink */
	struct ocr_form_rect label = { 75, 58.5, 8, 3 };
	ck_assert_int_gt(ink_in(&c, &label), 5);
	canvas_close(&c);
	sb_release(&err);
}
END_TEST

/* Printed lines end clear of the top-right mark and of the right margin. */
START_TEST(render_text_fits)
{
	const char *const *codes = ocr_form_codes();
	struct canvas c;

	canvas_open(&c);
	for (int k = 0; codes[k]; k++) {
		struct strbuf err = STRBUF_INIT;
		const struct ocr_form *f = ocr_form_get(codes[k], &err);
		struct ocr_form_rect mark = ocr_form_mark(f, 1);

		for (size_t i = 0; i < ocr_form_ntexts(f); i++) {
			const struct ocr_form_text *t = ocr_form_text(f, i);
			cairo_text_extents_t e;
			double right;

			cairo_select_font_face(c.cr, OCR_RENDER_FORM_FONT, CAIRO_FONT_SLANT_NORMAL,
					       t->bold ? CAIRO_FONT_WEIGHT_BOLD
						       : CAIRO_FONT_WEIGHT_NORMAL);
			cairo_set_font_size(c.cr, t->size * 25.4 / 72);
			cairo_text_extents(c.cr, t->text, &e);
			right = t->x + e.x_bearing + e.width;
			ck_assert_msg(right < mark.x + mark.w, "%s: '%s' ends at %.1f mm", codes[k],
				      t->text, right);
			if (t->y - t->size * 25.4 / 72 < mark.y + mark.h)
				ck_assert_msg(right < mark.x - 1, "%s: '%s' touches the mark",
					      codes[k], t->text);
		}
		sb_release(&err);
	}
	canvas_close(&c);
}
END_TEST

START_TEST(render_filled)
{
	static const struct ocr_render_value v[] = {
		{ "imei", "356938035643809" }, { "claim", "theft" }, { "declaration", "true" },
		{ "signature", "true" }, { "place", "Milano" }, { "date", "2026-11-20" },
	};
	struct strbuf err = STRBUF_INIT;
	const struct ocr_form *f = ocr_form_get("AR-SEDE-01", &err);
	const struct ocr_form_choice *claim = ocr_form_choice_by_name(f, "claim");
	struct ocr_render_style st = { .font = "DejaVu Sans Mono", .size = 11,
				       .tick = OCR_RENDER_TICK_FILL };
	struct canvas c;

	canvas_open(&c);
	ck_assert_int_eq(ocr_render_form(c.cr, f, v, ARRAY_SIZE(v), &st, &err), 0);
	ck_assert_uint_eq(err.len, 0);
	ck_assert_int_gt(ink_in(&c, &ocr_form_box_by_name(f, "imei")->r), 200);
	ck_assert_int_gt(ink_in(&c, &ocr_form_box_by_name(f, "place_date")->r), 200);
	ck_assert_int_gt(ink_in(&c, &ocr_form_signature(f)->r), 100);
	ck_assert_int_eq(ink_in(&c, &ocr_form_box_by_name(f, "vat")->r), 0);
	/* theft ticked, the others not */
	for (size_t i = 0; i < claim->noptions; i++) {
		long ink = ink_in(&c, &claim->options[i].r);

		if (!strcmp(claim->options[i].value, "theft"))
			ck_assert_int_gt(ink, 20);
		else
			ck_assert_int_eq(ink, 0);
	}
	ck_assert_int_gt(ink_in(&c, &ocr_form_choice_by_name(f, "declaration")->options[0].r), 20);
	canvas_close(&c);
	sb_release(&err);
}
END_TEST

START_TEST(render_refuses_what_the_form_cannot_show)
{
	static const struct ocr_render_value v[] = {
		{ "colour", "red" }, { "claim", "flood" }, { "imei", "356938035643809" },
	};
	struct strbuf err = STRBUF_INIT;
	const struct ocr_form *f = ocr_form_get("AR-BLOCCO-01", &err);
	struct canvas c;

	canvas_open(&c);
	ck_assert_int_eq(ocr_render_form(c.cr, f, v, ARRAY_SIZE(v), NULL, &err), -1);
	ck_assert_msg(strstr(err.buf, "no field 'colour'") && strstr(err.buf, "no field 'claim'"),
		      "%s", err.buf);
	/* the rest is drawn */
	ck_assert_int_gt(ink_in(&c, &ocr_form_box_by_name(f, "imei")->r), 100);
	sb_reset(&err);
	static const struct ocr_render_value w[] = { { "event", "fault" } };
	ck_assert_int_eq(ocr_render_form(c.cr, f, w, 1, NULL, &err), -1);
	ck_assert_msg(strstr(err.buf, "'fault' is not an option of 'event'") != NULL, "%s", err.buf);
	canvas_close(&c);
	sb_release(&err);
}
END_TEST

START_TEST(render_dates)
{
	struct strbuf sb = STRBUF_INIT;

	ck_assert_int_eq(ocr_render_date_text("2026-11-20", OCR_RENDER_DATE_SLASH, &sb), 0);
	ck_assert_str_eq(sb.buf, "20/11/2026");
	sb_reset(&sb);
	ck_assert_int_eq(ocr_render_date_text("2026-01-05", OCR_RENDER_DATE_WORDS, &sb), 0);
	ck_assert_str_eq(sb.buf, "5 gennaio 2026");
	sb_reset(&sb);
	ck_assert_int_eq(ocr_render_date_text("2026-03-09", OCR_RENDER_DATE_DOT, &sb), 0);
	ck_assert_str_eq(sb.buf, "09.03.2026");
	sb_reset(&sb);
	ck_assert_int_eq(ocr_render_date_text("2026-03-09", OCR_RENDER_DATE_DASH, &sb), 0);
	ck_assert_str_eq(sb.buf, "09-03-2026");
	sb_reset(&sb);
	ck_assert_int_eq(ocr_render_date_text("ieri", OCR_RENDER_DATE_DASH, &sb), -1);
	ck_assert_str_eq(sb.buf, "ieri");
	sb_release(&sb);
}
END_TEST

START_TEST(render_pdf)
{
	struct strbuf err = STRBUF_INIT;
	FILE *fp = tmpfile();
	char head[8] = { 0 };
	long size;

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(ocr_render_form_pdf("AR-BLOCCO-01", fp, &err), 0);
	size = ftell(fp);
	ck_assert_int_gt(size, 2000);
	rewind(fp);
	ck_assert_uint_eq(fread(head, 1, 5, fp), 5);
	ck_assert_str_eq(head, "%PDF-");
	/* one A4 page, the form's font embedded */
	char *all = xcalloc(1, (size_t)size + 1);
	rewind(fp);
	ck_assert_uint_eq(fread(all, 1, (size_t)size, fp), (size_t)size);
	ck_assert(memmem(all, (size_t)size, "/MediaBox [ 0 0 595.27", 22) != NULL);
	ck_assert(memmem(all, (size_t)size, "/Count 1", 8) != NULL);
	ck_assert(memmem(all, (size_t)size, "LiberationSans-Bold", 19) != NULL);
	free(all);
	fclose(fp);
	fp = tmpfile();
	ck_assert_int_eq(ocr_render_form_pdf("AR-NONE-01", fp, &err), -1);
	ck_assert_msg(strstr(err.buf, "AR-NONE-01") != NULL, "%s", err.buf);
	ck_assert_int_eq(ftell(fp), 0);
	fclose(fp);
	sb_release(&err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("core");

	util_set_timezone("Europe/Rome");
	tcase_add_test(tc, sede_geometry);
	tcase_add_test(tc, blocco_geometry);
	tcase_add_test(tc, shared_forms_are_cached);
	tcase_add_test(tc, broken_descriptions_refused);
	tcase_add_test(tc, missing_file_refused);
	suite_add_tcase(s, tc);
	TCase *tr = tcase_create("render");
	tcase_add_checked_fixture(tr, NULL, mkfax_release_fonts);	/* for leak checkers */
	tcase_add_test(tr, render_blank);
	tcase_add_test(tr, render_text_fits);
	tcase_add_test(tr, render_filled);
	tcase_add_test(tr, render_refuses_what_the_form_cannot_show);
	tcase_add_test(tr, render_dates);
	tcase_add_test(tr, render_pdf);
	suite_add_tcase(s, tr);
	return check_run(s, false);
}
