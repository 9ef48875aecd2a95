/*
 * render - draws the forms with cairo from their descriptions: the blank
 * form the service prints (and ships as PDF), and the same form filled in,
 * for the fax generator of the tests.
 *
 * Failure policy: drawing does not fail (cairo keeps its own error state,
 * checked once by the PDF writer). A value the form cannot show is
 * reported in err and the call returns -1, the rest of the page drawn.
 */
#include "ocr/render.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "common/util.h"

#define PT_MM (25.4 / 72.0)	/* one point in millimetres */
#define BOX_PAD 1.8		/* left padding of typed text in a box, mm */
#define MIN_TEXT_PT 6.0		/* smallest size a too-long value is set in */

/* A tiny deterministic generator (splitmix64): the same seed draws the
 * same page on every machine. */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi). */
static double rng_range(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * ((double)(rng_next(r) >> 11) / 9007199254740992.0);
}

static void set_font(cairo_t *cr, const char *family, double pt, bool bold)
{
	cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, pt * PT_MM);
}

static void show_at(cairo_t *cr, double x, double y, const char *text)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, text);
}

static double text_width(cairo_t *cr, const char *text)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, text, &e);
	return e.x_advance;
}

/* --- the printed form --- */

static void draw_checkbox(cairo_t *cr, const struct ocr_form *f, const struct ocr_form_option *o)
{
	const struct ocr_form_style *s = ocr_form_style(f);
	double cx = o->r.x + o->r.w + s->caption_gap;
	/* First caption line centred on the square's middle (caps height ~0.7 em). */
	double cy = o->r.y + o->r.h / 2 + 0.35 * s->caption_size * PT_MM;

	cairo_rectangle(cr, o->r.x, o->r.y, o->r.w, o->r.h);
	cairo_stroke(cr);
	for (size_t i = 0; i < o->ncaption; i++)
		show_at(cr, cx, cy + (double)i * s->caption_leading, o->caption[i]);
}

void ocr_render_blank(cairo_t *cr, const struct ocr_form *f)
{
	const struct ocr_form_style *s = ocr_form_style(f);

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int i = 0; i < 4; i++) {
		struct ocr_form_rect m = ocr_form_mark(f, i);

		cairo_rectangle(cr, m.x, m.y, m.w, m.h);
	}
	cairo_fill(cr);

	for (size_t i = 0; i < ocr_form_ntexts(f); i++) {
		const struct ocr_form_text *t = ocr_form_text(f, i);

		set_font(cr, OCR_RENDER_FORM_FONT, t->size, t->bold);
		show_at(cr, t->x, t->y, t->text);
	}

	cairo_set_line_width(cr, s->line_width);
	set_font(cr, OCR_RENDER_FORM_FONT, s->label_size, false);
	for (size_t i = 0; i < ocr_form_nboxes(f); i++) {
		const struct ocr_form_box *b = ocr_form_box(f, i);

		cairo_rectangle(cr, b->r.x, b->r.y, b->r.w, b->r.h);
		cairo_stroke(cr);
		show_at(cr, b->r.x, b->r.y - s->label_gap, b->label);
	}
	for (size_t i = 0; i < ocr_form_nchoices(f); i++) {
		const struct ocr_form_choice *ch = ocr_form_choice(f, i);

		if (ch->label) {
			set_font(cr, OCR_RENDER_FORM_FONT, s->label_size, false);
			show_at(cr, ch->options[0].r.x, ch->options[0].r.y - s->label_gap, ch->label);
		}
		set_font(cr, OCR_RENDER_FORM_FONT, s->caption_size, false);
		for (size_t j = 0; j < ch->noptions; j++)
			draw_checkbox(cr, f, &ch->options[j]);
	}
	cairo_restore(cr);
}

/* --- filling in --- */

static const char *const month_names[12] = {
	"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
	"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"
};

int ocr_render_date_text(const char *iso, enum ocr_render_date style, struct strbuf *out)
{
	int y, m, d;

	if (util_parse_date(iso, &y, &m, &d) < 0) {
		sb_adds(out, iso);
		return -1;
	}
	switch (style) {
	case OCR_RENDER_DATE_DASH:
		sb_addf(out, "%02d-%02d-%04d", d, m, y);
		break;
	case OCR_RENDER_DATE_DOT:
		sb_addf(out, "%02d.%02d.%04d", d, m, y);
		break;
	case OCR_RENDER_DATE_WORDS:
		sb_addf(out, "%d %s %04d", d, month_names[m - 1], y);
		break;
	default:
		sb_addf(out, "%02d/%02d/%04d", d, m, y);
		break;
	}
	return 0;
}

/* "3331234567" -> "+39 333 1234567" */
static void line_text(const char *v, bool intl, struct strbuf *out)
{
	size_t n = strlen(v);
	bool digits = n >= 9 && n <= 10 && strspn(v, "0123456789") == n;

	if (!intl || !digits) {
		sb_adds(out, v);
		return;
	}
	sb_adds(out, "+39 ");
	sb_add(out, v, 3);
	sb_addc(out, ' ');
	sb_adds(out, v + 3);
}

static const char *lookup(const struct ocr_render_value *v, size_t n, const char *field)
{
	for (size_t i = n; i-- > 0;)
		if (v[i].field && !strcmp(v[i].field, field))
			return v[i].value;
	return NULL;
}

/* Splits text into at most maxlines lines no wider than width at the
 * current font; returns false if it does not fit. */
static bool wrap(cairo_t *cr, const char *text, double width, int maxlines,
		 struct strbuf *lines, int *nlines)
{
	struct strbuf cur = STRBUF_INIT, trial = STRBUF_INIT;
	const char *p = text;
	bool ok = true;

	*nlines = 0;
	while (*p) {
		size_t wl;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		wl = strcspn(p, " ");
		sb_reset(&trial);
		sb_adds(&trial, cur.buf ? cur.buf : "");
		if (trial.len)
			sb_addc(&trial, ' ');
		sb_add(&trial, p, wl);
		if (cur.len && text_width(cr, trial.buf) > width) {
			if (*nlines == maxlines) {
				ok = false;
				break;
			}
			sb_reset(&lines[(*nlines)++]);
			sb_adds(&lines[*nlines - 1], cur.buf);
			sb_reset(&cur);
			sb_add(&cur, p, wl);
		} else {
			sb_reset(&cur);
			sb_adds(&cur, trial.buf);
		}
		p += wl;
	}
	if (ok && cur.len) {
		if (*nlines == maxlines) {
			ok = false;
		} else {
			sb_reset(&lines[*nlines]);
			sb_adds(&lines[(*nlines)++], cur.buf);
		}
	}
	for (int i = 0; ok && i < *nlines; i++)
		ok = text_width(cr, lines[i].buf) <= width;
	sb_release(&cur);
	sb_release(&trial);
	return ok;
}

/* Types text into a box: one line centred vertically, or several lines in
 * equal bands; a text too wide is set smaller until it fits. */
static void type_text(cairo_t *cr, const struct ocr_form_box *b, const char *text,
		      const struct ocr_render_style *st, struct rng *r)
{
	struct strbuf lines[4] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	int maxlines = b->lines < 1 ? 1 : b->lines > 4 ? 4 : b->lines;
	double size = st->size, band = b->r.h / maxlines, width = b->r.w - 2 * BOX_PAD;
	double dx = 0, dy = 0;
	int n = 0;

	for (;;) {
		set_font(cr, st->font, size, false);
		if (wrap(cr, text, width, maxlines, lines, &n) || size <= MIN_TEXT_PT)
			break;
		size -= 0.5;
	}
	if (st->jitter > 0) {
		dx = rng_range(r, -st->jitter, st->jitter);
		dy = rng_range(r, -st->jitter, st->jitter) / 2;
	}
	for (int i = 0; i < n; i++)
		show_at(cr, b->r.x + BOX_PAD + dx,
			b->r.y + band * i + band / 2 + 0.35 * size * PT_MM + dy, lines[i].buf);
	for (int i = 0; i < 4; i++)
		sb_release(&lines[i]);
}

static void draw_tick(cairo_t *cr, const struct ocr_form_rect *q, enum ocr_render_tick tick)
{
	double in = 0.9;

	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	switch (tick) {
	case OCR_RENDER_TICK_FILL:
		cairo_rectangle(cr, q->x + in, q->y + in, q->w - 2 * in, q->h - 2 * in);
		cairo_fill(cr);
		break;
	case OCR_RENDER_TICK_CHECK:
		cairo_move_to(cr, q->x + in, q->y + q->h * 0.55);
		cairo_line_to(cr, q->x + q->w * 0.42, q->y + q->h - in);
		cairo_line_to(cr, q->x + q->w + 0.8, q->y - 1.0);
		cairo_stroke(cr);
		break;
	default:
		cairo_move_to(cr, q->x + in, q->y + in);
		cairo_line_to(cr, q->x + q->w - in, q->y + q->h - in);
		cairo_move_to(cr, q->x + q->w - in, q->y + in);
		cairo_line_to(cr, q->x + in, q->y + q->h - in);
		cairo_stroke(cr);
		break;
	}
	cairo_restore(cr);
}

void ocr_render_signature(cairo_t *cr, const struct ocr_form_rect *q, unsigned seed)
{
	struct rng r = { seed * 2654435761u + 17 };
	double x = q->x + q->w * rng_range(&r, 0.1, 0.25);
	double mid = q->y + q->h * rng_range(&r, 0.45, 0.6);
	double end = q->x + q->w * rng_range(&r, 0.7, 0.9);
	double amp = q->h * rng_range(&r, 0.15, 0.28);
	double slant = rng_range(&r, 0.0, 0.5);		/* forward lean of the strokes */
	int words = 1 + (int)rng_range(&r, 0, 3);
	double word_len = (end - x) / words;

	cairo_save(cr);
	cairo_set_line_width(cr, rng_range(&r, 0.4, 0.7));
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	/* One to three "words" of loops of varying height, the pen lifted
	 * between them: handwriting at a distance. */
	for (int w = 0; w < words; w++) {
		double wend = x + word_len - 2;

		cairo_move_to(cr, x, mid + rng_range(&r, -amp, amp) / 2);
		/* a tall first letter */
		cairo_line_to(cr, x + slant * amp * 1.6, mid - amp * rng_range(&r, 1.0, 1.6));
		cairo_line_to(cr, x + 0.8, mid + amp * 0.3);
		while (x < wend) {
			double step = rng_range(&r, 2.0, 5.5);
			double up = mid - rng_range(&r, 0.2, 1.0) * amp;
			double down = mid + rng_range(&r, 0.0, 0.6) * amp;

			cairo_curve_to(cr, x + step * 0.2 + slant * amp, up, x + step * 0.9 + slant * amp,
				       up, x + step * 0.5, down);
			x += step;
		}
		cairo_stroke(cr);
		x += 2 + rng_range(&r, 0, 3);
	}
	/* and, often, an underline flourish */
	if (rng_range(&r, 0, 1) < 0.7) {
		cairo_move_to(cr, q->x + q->w * rng_range(&r, 0.1, 0.2), mid + amp * 1.2);
		cairo_curve_to(cr, q->x + q->w * 0.4, mid + amp * 1.6, q->x + q->w * 0.6,
			       mid + amp * 0.8, end + 3, mid + amp * rng_range(&r, 0.6, 1.3));
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

static bool is_true(const char *v)
{
	return v && (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "yes"));
}

static int fill_box(cairo_t *cr, const struct ocr_form_box *b, const struct ocr_render_value *v,
		    size_t n, const struct ocr_render_style *st, struct rng *r,
		    struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	const char *val = lookup(v, n, b->fields[0]);
	int rc = 0;

	switch (b->content) {
	case OCR_FORM_SIGNATURE:
		if (is_true(val))
			ocr_render_signature(cr, &b->r, st->seed);
		goto out;
	case OCR_FORM_PLACE_DATE: {
		const char *date = b->nfields > 1 ? lookup(v, n, b->fields[1]) : NULL;

		if (val)
			sb_adds(&text, val);
		if (val && date)
			sb_adds(&text, ", ");
		if (date)
			ocr_render_date_text(date, st->date, &text);
		break;
	}
	case OCR_FORM_DATE:
		if (val)
			ocr_render_date_text(val, st->date, &text);
		break;
	case OCR_FORM_LINE:
		if (val)
			line_text(val, st->line_intl, &text);
		break;
	case OCR_FORM_ROLE:
		/* A code prints as its words; anything else as written (a role
		 * the form does not offer, for the tests of unauthorised signers). */
		if (val)
			sb_adds(&text, ocr_form_value_text(b, val) ? ocr_form_value_text(b, val) : val);
		break;
	default:
		if (val)
			sb_adds(&text, val);
		break;
	}
	if (text.len)
		type_text(cr, b, text.buf, st, r);
out:
	sb_release(&text);
	return rc;
}

static int fill_choice(cairo_t *cr, const struct ocr_form_choice *ch,
		       const struct ocr_render_value *v, size_t n,
		       const struct ocr_render_style *st, struct strbuf *err)
{
	const char *val = lookup(v, n, ch->name);
	bool found = false;

	if (!val)
		return 0;
	if (ch->flag) {
		if (is_true(val))
			draw_tick(cr, &ch->options[0].r, st->tick);
		return 0;
	}
	for (size_t i = 0; i < ch->noptions; i++)
		if (!strcmp(ch->options[i].value, val)) {
			draw_tick(cr, &ch->options[i].r, st->tick);
			found = true;
		}
	if (!found) {
		sb_addf(err, "%s'%s' is not an option of '%s'", err->len ? "; " : "", val,
			ch->name);
		return -1;
	}
	return 0;
}

int ocr_render_form(cairo_t *cr, const struct ocr_form *f, const struct ocr_render_value *v,
		    size_t n, const struct ocr_render_style *style, struct strbuf *err)
{
	struct ocr_render_style st = { 0 };
	struct rng r;
	int rc = 0;

	if (style)
		st = *style;
	if (!st.font)
		st.font = "DejaVu Sans";
	if (st.size <= 0)
		st.size = 11;
	r.s = st.seed;
	ocr_render_blank(cr, f);

	for (size_t i = 0; i < n; i++)
		if (!v[i].field || !v[i].value ||
		    ocr_form_field_source(f, v[i].field, NULL, NULL) < 0) {
			sb_addf(err, "%sform %s has no field '%s'", err->len ? "; " : "",
				ocr_form_code(f), v[i].field ? v[i].field : "(null)");
			rc = -1;
		}

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < ocr_form_nboxes(f); i++)
		if (fill_box(cr, ocr_form_box(f, i), v, n, &st, &r, err) < 0)
			rc = -1;
	for (size_t i = 0; i < ocr_form_nchoices(f); i++)
		if (fill_choice(cr, ocr_form_choice(f, i), v, n, &st, err) < 0)
			rc = -1;
	cairo_restore(cr);
	return rc;
}

/* --- PDF --- */

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

int ocr_render_form_pdf(const char *code, FILE *out, struct strbuf *err)
{
	const double pt = 72.0 / 25.4;
	struct ocr_form *f = NULL;
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	cairo_status_t st;
	int rc = -1;

	f = ocr_form_load_code(code, err);
	if (!f)
		goto out;
	s = cairo_pdf_surface_create_for_stream(pdf_write, out, ocr_form_width(f) * pt,
						ocr_form_height(f) * pt);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
				       ocr_form_text_by_role(f, OCR_FORM_TITLE)->text);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
				       ocr_form_text_by_role(f, OCR_FORM_CODE)->text);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "faxintake");
	cr = cairo_create(s);
	cairo_scale(cr, pt, pt);
	ocr_render_blank(cr, f);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		sb_addf(err, "cannot write the PDF of %s: %s", code, cairo_status_to_string(st));
		goto out;
	}
	if (fflush(out) != 0 || ferror(out)) {
		sb_addf(err, "cannot write the PDF of %s: %s", code, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	if (s)
		cairo_surface_destroy(s);
	ocr_form_free(&f);
	return rc;
}
