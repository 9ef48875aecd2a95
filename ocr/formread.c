/*
 * formread - reading one page: cleaning, classification, and for the two
 * forms the reading of every field by zones (never a whole-page OCR).
 *
 * For each field box the form description gives, the box is mapped onto
 * the page through the registration marks, its drawn frame is found near
 * there (the rule lines are left out), the zone is narrowed to the typed
 * letters, and that zone alone is read as one line (two for the
 * description) with a whitelist that fits the content: first by the "ita"
 * model on the bilevel zone, then by the "eng" model on a smoothed grey
 * copy. The two models make different mistakes, so a value without a check
 * is trusted only when both readings agree (a role spelt letter for letter
 * as one of its printed words needs no second reading); a checked code (IMEI, VAT
 * number, fiscal code) is trusted when a reading passes its check and the
 * other does not pass with another value. Where a checked value fails,
 * Tesseract's per-character alternatives are tried, and a reading is taken
 * only when exactly one passes. Checkboxes and the signature are judged by
 * ink inside their frames, never by OCR. Values are normalised (FORMS.md)
 * and checked (ocr/check.h); shape rules flag the usual misreadings (a
 * name word or a text without its capital, a final comma, an identity
 * document number of no known shape).
 *
 * Failure policy: a field is trusted (no reason) only when it passed its
 * check, or both readings agree with high confidence; otherwise it keeps
 * what was read with a reason (IMEI_CHECKSUM, VAT_CHECKSUM,
 * FISCAL_CODE_CHECKSUM, LOW_CONFIDENCE), or is absent with FIELD_MISSING. A wrong trusted value
 * is the worst outcome, so every doubt becomes a reason. Digits are never
 * invented. Pages that are not forms go to the free-form reader.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "common/log.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/check.h"
#include "ocr/choose.h"
#include "ocr/classify.h"
#include "ocr/clean.h"
#include "ocr/engine.h"
#include "ocr/form.h"
#include "ocr/formtext.h"
#include "ocr/freeform.h"
#include "ocr/ocr.h"

#define MAX_SYMS 128

struct reading {
	char *text;			/* whole text, spaces single, trimmed */
	struct ocr_sym s[MAX_SYMS];
	int n;
	double mean, min;		/* symbol confidences, 0..1 */
};

struct field_ctx {
	struct ocr_engine *e;
	TessBaseAPI *tess;
	PIX *clean;
	PIX *text;			/* clean without specks away from letters */
	int letter;			/* pixels: smaller components are not letters */
	const struct ocr_formmap *map;
	const struct ocr_form *form;
	struct ocr_document *doc;
	double minconf;
};

/* --- page geometry --- */

/* Finds the band of rows (or columns) of a drawn rule: the outermost run
 * of profile values >= thr, from the start (dir > 0) or from the end.
 * Returns the index just inside the rule, or -1. */
static int rule_inside(NUMA *prof, double thr, int dir, int limit)
{
	int n = numaGetCount(prof);
	int i = dir > 0 ? 0 : n - 1;
	int found = -1;
	for (int k = 0; k < limit && i >= 0 && i < n; k++, i += dir) {
		l_float32 v;
		numaGetFValue(prof, i, &v);
		if (v >= thr) {
			found = i;
		} else if (found >= 0) {
			break;
		}
	}
	if (found < 0)
		return -1;
	return found + dir;
}

/*
 * The inside of the drawn frame of form rectangle r: maps r grown by a
 * margin, finds the outermost rule rows and columns there (at least 60 %
 * dark across the box), and returns the box inside them inset by `inset`
 * pixels. A side whose rule is not found keeps the mapped edge.
 * *frame_ok tells whether all four rules were found.
 */
static BOX *frame_inside(PIX *pix, const struct ocr_formmap *map, const struct ocr_form_rect *r,
			 int inset, bool *frame_ok)
{
	int W = pixGetWidth(pix), H = pixGetHeight(pix);
	double grow = 2.0;
	BOX *outer = ocr_formmap_box(map, r, grow, W, H);
	BOX *res = NULL;
	PIX *clip = NULL;
	NUMA *rows = NULL, *cols = NULL;
	l_int32 ox, oy, ow, oh;

	if (frame_ok)
		*frame_ok = false;
	if (!outer)
		return NULL;
	boxGetGeometry(outer, &ox, &oy, &ow, &oh);
	/* the mapped edges, inside the line */
	double mx0, my0, mx1, my1;
	ocr_formmap_point(map, r->x, r->y, &mx0, &my0);
	ocr_formmap_point(map, r->x + r->w, r->y + r->h, &mx1, &my1);
	int lw = (int)ceil(0.3 * map->pxmm) + 1;
	int x0 = (int)lround(mx0) + lw, y0 = (int)lround(my0) + lw;
	int x1 = (int)lround(mx1) - lw, y1 = (int)lround(my1) - lw;
	int found = 0;

	clip = pixClipRectangle(pix, outer, NULL);
	if (!clip)
		goto done;
	rows = pixCountPixelsByRow(clip, NULL);
	cols = pixCountPixelsByColumn(clip);
	if (!rows || !cols)
		goto done;
	double bw = mx1 - mx0, bh = my1 - my0;
	int glim = (int)(2 * grow * map->pxmm) + lw;
	/* top, bottom, left, right */
	struct {
		NUMA *prof;
		double thr;
		int dir, origin;
		int *edge;
	} side[4] = {
		{ rows, 0.6 * bw, +1, oy, &y0 }, { rows, 0.6 * bw, -1, oy, &y1 },
		{ cols, 0.6 * bh, +1, ox, &x0 }, { cols, 0.6 * bh, -1, ox, &x1 },
	};
	for (int i = 0; i < 4; i++) {
		int v = rule_inside(side[i].prof, side[i].thr, side[i].dir, glim);
		if (v >= 0) {
			*side[i].edge = side[i].origin + v;
			found++;
		}
	}
	/* a frame far from the expected size is not the frame */
	if ((x1 - x0) < 0.8 * bw || (x1 - x0) > 1.1 * bw || (y1 - y0) < 0.6 * bh ||
	    (y1 - y0) > 1.15 * bh) {
		x0 = (int)lround(mx0) + lw;
		y0 = (int)lround(my0) + lw;
		x1 = (int)lround(mx1) - lw;
		y1 = (int)lround(my1) - lw;
		found = 0;
	}
done:
	if (frame_ok)
		*frame_ok = found == 4;
	res = ocr_box_clipped(x0 + inset, y0 + inset, x1 - inset, y1 - inset, W, H, 4);
	numaDestroy(&rows);
	numaDestroy(&cols);
	pixDestroy(&clip);
	boxDestroy(&outer);
	return res;
}

static void box_region(BOX *b, struct ocr_region *r)
{
	l_int32 x = 0, y = 0, w = 0, h = 0;
	if (b)
		boxGetGeometry(b, &x, &y, &w, &h);
	r->x = x;
	r->y = y;
	r->w = w;
	r->h = h;
}

/*
 * A thin straight line along an edge of a checkbox's inside is its frame
 * (or a rule next to it) where the frame was found a little off, never a
 * tick: a stroke of at most an eighth of the side, spanning four fifths
 * of it, within the outer quarter. Cleared from clip.
 */
static void clear_edge_rules(PIX *clip)
{
	l_int32 W = pixGetWidth(clip), H = pixGetHeight(clip);
	BOXA *ba = pixConnCompBB(clip, 8);
	for (l_int32 i = 0; ba && i < boxaGetCount(ba); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
		bool row = h <= (H + 7) / 8 && w >= 4 * W / 5 && (y + h <= H / 4 || y >= 3 * H / 4);
		bool col = w <= (W + 7) / 8 && h >= 4 * H / 5 && (x + w <= W / 4 || x >= 3 * W / 4);
		if (row || col) {
			BOX *bx = boxaGetBox(ba, i, L_CLONE);
			pixClearInRect(clip, bx);
			boxDestroy(&bx);
		}
	}
	boxaDestroy(&ba);
}

/* Ink inside b: the fraction of dark pixels, and the tallest and widest
 * connected components (pixels); with skip_edges, not counting lines along
 * the inside edges (clear_edge_rules). */
static double ink_marks(PIX *pix, BOX *b, bool skip_edges, int *maxh, int *maxw, int *ncomp)
{
	PIX *clip = pixClipRectangle(pix, b, NULL);
	double frac = 0;
	*maxh = *maxw = 0;
	if (ncomp)
		*ncomp = 0;
	if (!clip)
		return 0;
	if (skip_edges)
		clear_edge_rules(clip);
	l_int32 cnt = 0;
	pixCountPixels(clip, &cnt, NULL);
	frac = (double)cnt / ((double)pixGetWidth(clip) * pixGetHeight(clip));
	if (cnt) {
		BOXA *ba = pixConnCompBB(clip, 8);
		for (l_int32 i = 0; ba && i < boxaGetCount(ba); i++) {
			l_int32 x, y, w, h;
			boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
			if (h > *maxh)
				*maxh = h;
			if (w > *maxw)
				*maxw = w;
		}
		if (ncomp && ba)
			*ncomp = boxaGetCount(ba);
		boxaDestroy(&ba);
	}
	pixDestroy(&clip);
	return frac;
}

static double ink(PIX *pix, BOX *b, int *maxh, int *maxw, int *ncomp)
{
	return ink_marks(pix, b, false, maxh, maxw, ncomp);
}

/* Narrows b to the extent of the letters inside it (plus a margin), so
 * that nothing beyond the typed text is read. Returns a new box, or NULL
 * when b holds no letter. */
static BOX *text_extent(struct field_ctx *c, BOX *b)
{
	l_int32 bx, by, bw, bh;
	PIX *clip = pixClipRectangle(c->text, b, NULL);
	BOXA *ba = NULL;
	BOX *res = NULL;
	int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;

	boxGetGeometry(b, &bx, &by, &bw, &bh);
	if (!clip)
		return NULL;
	ba = pixConnCompBB(clip, 8);
	for (l_int32 i = 0; ba && i < boxaGetCount(ba); i++) {
		l_int32 x, y, w, h;
		boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
		if (w < c->letter && h < c->letter)
			continue;
		/* what is left of a rule line at the edge is not a letter */
		if ((w <= 3 && h > bh * 0.7) || (h <= 3 && w > bw * 0.7))
			continue;
		x0 = x < x0 ? x : x0;
		y0 = y < y0 ? y : y0;
		x1 = x + w > x1 ? x + w : x1;
		y1 = y + h > y1 ? y + h : y1;
	}
	if (x1 > 0) {
		/* a full stop after the last letter lies within the margin */
		int m = (int)lround(2.2 * c->map->pxmm), mv = (int)lround(0.8 * c->map->pxmm);
		res = ocr_box_clipped(bx + x0 - m, by + y0 - mv, bx + x1 + m, by + y1 + mv,
				      bx + bw, by + bh, 4);
		if (res) {
			/* ocr_box_clipped clips to (0,0)-(w,h); keep inside b */
			l_int32 rx, ry, rw, rh;
			boxGetGeometry(res, &rx, &ry, &rw, &rh);
			int nx = rx < bx ? bx : rx, ny = ry < by ? by : ry;
			boxSetGeometry(res, nx, ny, rx + rw - nx, ry + rh - ny);
		}
	}
	boxaDestroy(&ba);
	pixDestroy(&clip);
	return res;
}

/* --- recognition --- */

static void reading_clear(struct reading *rd)
{
	if (rd->text)
		free(rd->text);
	memset(rd, 0, sizeof *rd);
}

/* One-line (or block) OCR of box b with a whitelist. Four readings are
 * possible: mode 0 reads the bilevel zone as it is with the "ita" model,
 * mode 1 a smoothed grey version (other pixels, other mistakes) with the
 * "eng" model, mode 2 the bilevel zone with "eng", mode 3 a grey version
 * at twice the size with "ita". With alts, each symbol's alternatives are
 * asked for too (Tesseract's secondary beams: about a tenth of a zone's
 * time, and no change to the best reading or its confidences); without,
 * rd's symbols have none. Fills rd. */
static int recognise(struct field_ctx *c, BOX *b, const char *whitelist, int lines, int mode,
		     bool alts, struct reading *rd)
{
	TessResultIterator *ri = NULL;
	struct strbuf sb = STRBUF_INIT;
	int res = pixGetXRes(c->clean) > 0 ? pixGetXRes(c->clean) : 204;
	PIX *crop = NULL, *g = NULL, *big = NULL, *img = NULL;

	memset(rd, 0, sizeof *rd);
	crop = pixClipRectangle(c->text, b, NULL);
	if (!crop)
		return -1;
	if (mode == 3) {
		/* grey at twice the size, for a third look at small print */
		g = pixConvert1To8(NULL, crop, 255, 0);
		big = g ? pixScaleGrayLI(g, 2.0, 2.0) : NULL;
		img = big ? pixAddBorder(big, 20, 255) : NULL;
		res *= 2;
	} else if (mode != 1) {
		img = pixAddBorder(crop, 10, 0);
	} else {
		/* grey, each pixel the mean of its 3x3 neighbourhood */
		g = pixConvert1To8(NULL, crop, 255, 0);
		big = g ? pixBlockconv(g, 1, 1) : NULL;
		img = big ? pixAddBorder(big, 10, 255) : NULL;
	}
	pixDestroy(&crop);
	pixDestroy(&g);
	pixDestroy(&big);
	if (!img)
		return -1;
	TessBaseAPI *tess = mode == 0 || mode == 3 ? c->tess : ocr_engine_tess2(c->e);
	TessBaseAPISetImage2(tess, img);
	TessBaseAPISetSourceResolution(tess, res);
	pixDestroy(&img);
	TessBaseAPISetPageSegMode(tess, lines > 1 ? PSM_SINGLE_BLOCK : PSM_SINGLE_LINE);
	TessBaseAPISetVariable(tess, "tessedit_char_whitelist", whitelist ? whitelist : "");
	TessBaseAPISetVariable(tess, "lstm_choice_mode", alts ? "2" : "0");
	int rc = TessBaseAPIRecognize(tess, ocr_engine_monitor(c->e));
	ri = rc == 0 ? TessBaseAPIGetIterator(tess) : NULL;
	double sum = 0;
	rd->min = 1;
	if (ri) {
		TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
		do {
			char *s = TessResultIteratorGetUTF8Text(ri, RIL_SYMBOL);
			if (!s)
				continue;
			bool ws = TessPageIteratorIsAtBeginningOf(pi, RIL_WORD);
			if (ws && sb.len)
				sb_addc(&sb, ' ');
			sb_adds(&sb, s);
			if (rd->n < MAX_SYMS) {
				struct ocr_sym *sy = &rd->s[rd->n++];
				snprintf(sy->ch, sizeof sy->ch, "%s", s);
				sy->conf = TessResultIteratorConfidence(ri, RIL_SYMBOL) / 100.0;
				sy->word_start = ws;
				TessChoiceIterator *ci = TessResultIteratorGetChoiceIterator(ri);
				if (ci) {
					do {
						const char *a = TessChoiceIteratorGetUTF8Text(ci);
						if (!a || sy->nalt >= OCR_MAX_ALTS)
							continue;
						snprintf(sy->alt[sy->nalt], sizeof sy->alt[0], "%s", a);
						sy->altconf[sy->nalt] = TessChoiceIteratorConfidence(ci) / 100.0;
						sy->nalt++;
					} while (TessChoiceIteratorNext(ci));
					TessChoiceIteratorDelete(ci);
				}
				sum += sy->conf;
				if (sy->conf < rd->min)
					rd->min = sy->conf;
			}
			TessDeleteText(s);
		} while (TessResultIteratorNext(ri, RIL_SYMBOL));
		TessResultIteratorDelete(ri);
	}
	/* the engine's setting for its other users (engine.h) */
	TessBaseAPISetVariable(tess, "lstm_choice_mode", "2");
	if (rc != 0) {
		sb_release(&sb);
		return -1;
	}
	struct ocr_timings *t = ocr_engine_timings(c->e);
	t->zones[mode]++;
	t->zones_alts += alts;
	t->zone_symbols += rd->n;
	rd->mean = rd->n ? sum / rd->n : 0;
	if (!rd->n)
		rd->min = 0;
	sb_trim(&sb);
	rd->text = sb_detach(&sb);
	return 0;
}

/* --- normalising --- */

static void collapse_spaces(const char *in, char *out, size_t n)
{
	size_t k = 0;
	bool sp = false;
	while (*in && isspace((unsigned char)*in))
		in++;
	for (; *in && k + 1 < n; in++) {
		if (isspace((unsigned char)*in)) {
			sp = true;
			continue;
		}
		if (sp && k + 1 < n - 1)
			out[k++] = ' ';
		sp = false;
		out[k++] = *in;
	}
	out[k] = 0;
}

/* --- fields --- */

#define WL_DIGITS "0123456789"
#define WL_UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define WL_LOWER "abcdefghijklmnopqrstuvwxyz"
#define WL_TEXT WL_UPPER WL_LOWER WL_DIGITS " .,'-/&()àèéìòù+:"
#define WL_NAME WL_UPPER WL_LOWER " '-àèéìòùÀÈÉÌÒÙ"

static void set_field(struct field_ctx *c, const char *name, const char *value, double conf,
		      BOX *b, const char *reason, const char *raw)
{
	struct ocr_region reg;
	box_region(b, &reg);
	if (conf < 0)
		conf = 0;
	if (conf > 1)
		conf = 1;
	struct ocr_field *f = ocr_document_set(c->doc, name, value, conf, &reg, reason);
	if (f && raw && *raw) {
		free(f->raw);
		f->raw = xstrdup(raw);
	}
	if (reason)
		ocr_document_add_reason(c->doc, reason, name, "%s read as '%s'", name,
					raw && *raw ? raw : value);
}

static void missing(struct field_ctx *c, const char *name)
{
	ocr_document_remove(c->doc, name);
	ocr_document_add_reason(c->doc, "FIELD_MISSING", name, "%s is empty or unreadable", name);
}

/* Fields a form is incomplete without (others may be left blank). */
static bool required(const char *name)
{
	static const char *const req[] = { "company", "vat", "line", "imei", "claim", "event",
					   "event_date", "delivery", "signer", "signer_cf",
					   "date", "signature", "declaration", NULL };
	for (int i = 0; req[i]; i++)
		if (!strcmp(req[i], name))
			return true;
	return false;
}

/* What one reading of a box says: up to two fields (place_date gives
 * place and date), each a normalised value or nothing. */
struct interp {
	int n;
	struct {
		const char *name;
		char value[256];	/* "" when nothing usable was read */
		char raw[256];
		double conf;
		const char *reason;	/* NULL: fit to trust, as far as this reading goes */
		int checked;		/* checked codes: choose_checked's result */
		char pass[64];		/* checked codes: the reading that passes, however
					 * doubtful ("" if none) */
		bool alone;		/* a word of a closed vocabulary spelt letter for
					 * letter: trusted without another reading */
	} f[2];
};

static void interp_set(struct interp *it, int k, const char *name, const char *value,
		       const char *raw, double conf, const char *reason)
{
	if (it->n < k + 1)
		it->n = k + 1;
	it->f[k].name = name;
	snprintf(it->f[k].value, sizeof it->f[k].value, "%s", value ? value : "");
	snprintf(it->f[k].raw, sizeof it->f[k].raw, "%s", raw ? raw : "");
	it->f[k].conf = conf;
	it->f[k].reason = reason;
}

/* Trusted text needs every character read with confidence. */
static const char *text_reason(const struct field_ctx *c, const struct reading *rd)
{
	if (rd->mean < c->minconf || rd->min < 0.45)
		return "LOW_CONFIDENCE";
	return NULL;
}

/* A checked code: digits for imei and vat, the fiscal code's pattern. */
static void interp_checked(const struct ocr_form_box *fb, const struct reading *rd,
			   struct interp *it)
{
	static const char *const d15[] = { WL_DIGITS, WL_DIGITS, WL_DIGITS, WL_DIGITS, WL_DIGITS,
					   WL_DIGITS, WL_DIGITS, WL_DIGITS, WL_DIGITS, WL_DIGITS,
					   WL_DIGITS, WL_DIGITS, WL_DIGITS, WL_DIGITS, WL_DIGITS };
#define OMO WL_DIGITS "LMNPQRSTUV"
	static const char *const cf[] = { WL_UPPER, WL_UPPER, WL_UPPER, WL_UPPER,
					  WL_UPPER, WL_UPPER, OMO, OMO,
					  "ABCDEHLMPRST", OMO, OMO, WL_UPPER,
					  OMO, OMO, OMO, WL_UPPER };
#undef OMO
	const char *name = fb->fields[0];
	const char *why;
	ocr_check_fn fn;
	int len;

	if (fb->content == OCR_FORM_IMEI) {
		len = 15;
		fn = ocr_check_imei;
		why = "IMEI_CHECKSUM";
	} else if (fb->content == OCR_FORM_VAT) {
		len = 11;
		fn = ocr_check_vat;
		why = "VAT_CHECKSUM";
	} else {
		len = 16;
		fn = ocr_check_fiscal_code;
		why = "FISCAL_CODE_CHECKSUM";
	}
	char top[64], best[64];
	double conf;
	int rc = ocr_choose_checked(rd->s, rd->n, fb->content == OCR_FORM_FISCAL_CODE ? cf : d15, len, fn, top,
				best, &conf);
	/* a check passed by a reading with a doubtful character is no proof:
	 * two misreadings can pass a check together */
	if (rc == 1 && conf >= 0.75)
		interp_set(it, 0, name, best, rd->text, conf, NULL);
	else if (rc == 2 && conf >= 0.5)
		interp_set(it, 0, name, best, rd->text, conf, NULL);
	else
		interp_set(it, 0, name, top, rd->text, rd->mean, rc == 1 ? "LOW_CONFIDENCE" : why);
	it->f[0].checked = rc;
	snprintf(it->f[0].pass, sizeof it->f[0].pass, "%s", rc == 1 || rc == 2 ? best : "");
}

static void interp_place_date(struct field_ctx *c, const struct reading *rd, struct interp *it)
{
	char iso[16];
	const char *t = rd->text;
	/* the date starts at the first digit; the town is what precedes it */
	const char *d = t;
	while (*d && !isdigit((unsigned char)*d))
		d++;
	size_t off = (size_t)(d - t);
	double dmin = 1, dsum = 0, pmin = 1, psum = 0;
	int dn = 0, pn = 0;
	size_t pos = 0;
	for (int i = 0; i < rd->n; i++) {
		if (rd->s[i].word_start && i)
			pos++;
		if (pos >= off) {
			dsum += rd->s[i].conf;
			dmin = fmin(dmin, rd->s[i].conf);
			dn++;
		} else {
			psum += rd->s[i].conf;
			pmin = fmin(pmin, rd->s[i].conf);
			pn++;
		}
		pos += strlen(rd->s[i].ch);
	}
	double dmean = dn ? dsum / dn : 0, pmean = pn ? psum / pn : 0;
	char place[256];
	snprintf(place, sizeof place, "%.*s", (int)off, t);
	size_t pl = strlen(place);
	while (pl && (isspace((unsigned char)place[pl - 1]) || strchr(",;-.", place[pl - 1])))
		place[--pl] = 0;
	interp_set(it, 0, "place", place, place, pmean,
		   pmean >= c->minconf && pmin >= 0.45 ? NULL : "LOW_CONFIDENCE");
	if (*d && ocr_parse_date(d, iso, sizeof iso) == 0)
		interp_set(it, 1, "date", iso, d, dmean,
			   dmean >= c->minconf && dmin >= 0.5 ? NULL : "LOW_CONFIDENCE");
	else
		interp_set(it, 1, "date", "", d, 0, "LOW_CONFIDENCE");
}

/* --- doubts both readings share --- */

/* Whether alternative alt of symbol k would make a value of this kind:
 * a digit among letters, a capital inside a word of small letters, or a
 * small letter beginning a name, would not; nor would a name's first letter
 * in the other case make another name. */
static bool plausible(const struct reading *rd, int k, const char *alt, int content)
{
	const struct ocr_sym *s = &rd->s[k];
	unsigned char ac = (unsigned char)alt[0];
	if (isdigit(ac) && !isdigit((unsigned char)s->ch[0])) {
		bool near = (k > 0 && !s->word_start && isdigit((unsigned char)rd->s[k - 1].ch[0])) ||
			    (k + 1 < rd->n && !rd->s[k + 1].word_start &&
			     isdigit((unsigned char)rd->s[k + 1].ch[0]));
		if (!near)
			return false;
	}
	/* a capital inside a word, where a small letter was read after a
	 * letter (Il, not II) */
	if (!s->word_start && isupper(ac) && islower((unsigned char)s->ch[0]) && k > 0 &&
	    isalpha((unsigned char)rd->s[k - 1].ch[0]))
		return false;
	if (content == OCR_FORM_NAME) {
		if (s->word_start && islower(ac))
			return false;
		/* the same letter in the other case, where a name's word begins:
		 * it is a capital whichever was read (ocr_text_name_capitals) */
		if (s->word_start && tolower(ac) == tolower((unsigned char)s->ch[0]))
			return false;
		if (!s->word_start && isupper(ac))
			return false;
	}
	return true;
}

/*
 * Two readings that agree are still in doubt where, at the same place, both
 * saw the same other character as a likely alternative (confidence of at
 * least 0.2 in each): both models hesitated between two values, and chose
 * the same one, which proves nothing. (Measured on 240 pages: this is where
 * the agreed wrong values were.)
 */
static bool shared_doubt(const struct reading *a, const struct reading *b, int content)
{
	const double thr = 0.2;
	char word[64];
	bool known = false;

	if (a->n != b->n)
		return true;
	for (int k = 0; k < a->n; k++) {
		if (k == 0 || a->s[k].word_start) {
			/* the word symbol k begins */
			size_t len = 0;
			for (int j = k; j < a->n && (j == k || !a->s[j].word_start); j++)
				len += (size_t)snprintf(word + len, len < sizeof word ? sizeof word - len : 0,
							"%s", a->s[j].ch);
			known = len < sizeof word && ocr_text_known_word(word);
		}
		if (known)
			continue;
		for (int i = 0; i < a->s[k].nalt; i++) {
			const char *alt = a->s[k].alt[i];
			if (a->s[k].altconf[i] < thr || !ocr_text_confusable(a->s[k].ch, alt) ||
			    !plausible(a, k, alt, content))
				continue;
			for (int j = 0; j < b->s[k].nalt; j++)
				if (!strcmp(b->s[k].alt[j], alt) && b->s[k].altconf[j] >= thr)
					return true;
		}
	}
	return false;
}

static void interp_role(const struct ocr_form_box *fb, const struct reading *rd, struct interp *it)
{
	const char *code = ocr_form_value_code(fb, rd->text);
	double conf = rd->mean;
	bool exact = false;
	if (!code) {
		/* the nearest printed word, when clearly nearest */
		size_t best = 99, second = 99;
		for (size_t i = 0; i < fb->nvalues; i++) {
			size_t d = ocr_text_distance(rd->text, fb->values[i].text);
			if (d < best) {
				second = best;
				best = d;
				code = fb->values[i].code;
			} else if (d < second) {
				second = d;
			}
		}
		if (!(best <= 2 && second >= best + 4))
			code = NULL;
		else
			conf = fmin(conf, 0.85);
	} else {
		conf = fmax(conf, 0.9);
		exact = true;
	}
	if (code)
		interp_set(it, 0, fb->fields[0], code, rd->text, conf, NULL);
	else
		interp_set(it, 0, fb->fields[0], rd->text, rd->text, rd->mean, "LOW_CONFIDENCE");
	it->f[0].alone = exact;
}

static void interpret(struct field_ctx *c, const struct ocr_form_box *fb, const struct reading *rd,
		      struct interp *it)
{
	const char *name = fb->fields[0];
	char v[256], dt[256];

	memset(it, 0, sizeof *it);
	switch (fb->content) {
	case OCR_FORM_VAT:
	case OCR_FORM_IMEI:
	case OCR_FORM_FISCAL_CODE:
		interp_checked(fb, rd, it);
		break;
	case OCR_FORM_LINE:
		snprintf(dt, sizeof dt, "%s", rd->text);
		ocr_text_line_prefix(dt);
		if (ocr_normalise_line(dt, v, sizeof v) == 0 && ocr_check_line(v))
			interp_set(it, 0, name, v, rd->text, rd->mean, text_reason(c, rd));
		else
			interp_set(it, 0, name, rd->text, rd->text, rd->mean, "LOW_CONFIDENCE");
		break;
	case OCR_FORM_DATE:
		/* a full stop read as a comma between digits (06.09,2026) */
		snprintf(dt, sizeof dt, "%s", rd->text);
		for (char *q = dt; *q; q++)
			if (*q == ',' && q > dt && isdigit((unsigned char)q[-1]) &&
			    isdigit((unsigned char)q[1]))
				*q = '.';
		if (ocr_parse_date(dt, v, sizeof v) == 0)
			interp_set(it, 0, name, v, rd->text, rd->mean, text_reason(c, rd));
		else
			interp_set(it, 0, name, rd->text, rd->text, rd->mean, "LOW_CONFIDENCE");
		break;
	case OCR_FORM_PLACE_DATE:
		interp_place_date(c, rd, it);
		break;
	case OCR_FORM_ROLE:
		interp_role(fb, rd, it);
		break;
	default:
		collapse_spaces(rd->text, v, sizeof v);
		if (fb->content == OCR_FORM_NAME)
			ocr_text_name_capitals(v);
		interp_set(it, 0, name, v, rd->text, rd->mean, text_reason(c, rd));
		if (v[0] && !it->f[0].reason && ocr_text_doubtful(fb->fields[0], fb->content, v))
			it->f[0].reason = "LOW_CONFIDENCE";
		break;
	}
}

static const char *box_whitelist(const struct ocr_form_box *fb)
{
	switch (fb->content) {
	case OCR_FORM_VAT:
	case OCR_FORM_IMEI:
	case OCR_FORM_DIGITS:
		return WL_DIGITS;
	case OCR_FORM_FISCAL_CODE:
		return WL_UPPER WL_DIGITS;
	case OCR_FORM_LINE:
		return WL_DIGITS "+ .";
	case OCR_FORM_PHONE:
		return WL_DIGITS "+ ./-";
	case OCR_FORM_DATE:
		return WL_DIGITS "/-. " WL_LOWER "ì";
	case OCR_FORM_NAME:
		return WL_NAME;
	default:
		return WL_TEXT;
	}
}

/* Whether a box's readings need each character's alternatives: checked
 * codes choose among them (ocr/choose.h), free text and numbers look for
 * doubts both readings share (shared_doubt); dates and the closed
 * vocabulary of a role use neither. */
static bool wants_alternatives(const struct ocr_form_box *fb)
{
	return fb->content != OCR_FORM_DATE && fb->content != OCR_FORM_PLACE_DATE &&
	       fb->content != OCR_FORM_ROLE;
}

static bool is_checked(const struct ocr_form_box *fb)
{
	return fb->content == OCR_FORM_VAT || fb->content == OCR_FORM_IMEI ||
	       fb->content == OCR_FORM_FISCAL_CODE;
}

/* Whether the six letters a fiscal code takes from a name match the trusted
 * signer's name on the form ("Nome e cognome": given names first, the
 * surname after, either of one word or more). */
static bool cf_fits_signer(const struct field_ctx *c, const char *cf)
{
	const char *signer = ocr_document_value(c->doc, "signer");
	return signer && strlen(cf) == 16 && ocr_fiscal_code_person(cf, signer, OCR_CF_GIVEN_FIRST);
}

/* A fiscal code that passes its check but was read with doubt is
 * confirmed when its letters are those of the signer's name read on the
 * same form (eleven characters of sixteen then agree with something else
 * read, the check character with the rest). */
static const char *cf_confirmed(const struct field_ctx *c, const char *name,
				const struct interp *a, const struct interp *b, int k)
{
	if (strcmp(name, "signer_cf"))
		return NULL;
	const struct interp *r[2] = { a, b };
	for (int i = 0; i < 2; i++) {
		if (!r[i] || r[i]->f[k].checked < 1)
			continue;
		const char *v = r[i]->f[k].value;
		if (ocr_check_fiscal_code(v) && cf_fits_signer(c, v))
			return v;
	}
	return NULL;
}

/* Whether reading r, doubtful, still found a passing value other than v. */
static bool conflicts(const struct interp *r, int k, const char *v)
{
	return r && r->f[k].pass[0] && strcmp(r->f[k].pass, v);
}

/* Settles a field from two readings (b may be NULL: one reading only). A
 * checked code is trusted when a reading passes its check and the other
 * does not pass with a different value; anything else is trusted only when
 * both readings agree. */
static void settle(struct field_ctx *c, int k, const struct interp *a, const struct interp *b,
		   bool checked, BOX *where)
{
	const char *name = a->f[k].name;
	const char *va = a->f[k].value, *vb = b ? b->f[k].value : "";
	bool oka = va[0] && !a->f[k].reason, okb = b && vb[0] && !b->f[k].reason;
	const char *cf;

	if (checked) {
		/* a value repaired from alternatives is a guess until the other
		 * model reads the same: a check letter passes one wrong reading
		 * in 26, a check digit one in ten */
		bool agree = b && va[0] && !strcmp(va, vb);
		bool ta = oka && (a->f[k].checked != 2 || agree) && !conflicts(b, k, va);
		bool tb = okb && (b->f[k].checked != 2 || agree) && !conflicts(a, k, vb);
		/* both models read the same value, and it passes its check */
		bool both = agree && a->f[k].checked == 1 && b->f[k].checked == 1;
		if (ta && (!okb || agree))
			set_field(c, name, va, a->f[k].conf, where, NULL, a->f[k].raw);
		else if (tb && !oka)
			set_field(c, name, vb, b->f[k].conf, where, NULL, b->f[k].raw);
		else if (both)
			set_field(c, name, va, 0.8, where, NULL, a->f[k].raw);
		else if ((cf = cf_confirmed(c, name, a, b, k)) != NULL)
			set_field(c, name, cf, 0.8, where, NULL, a->f[k].raw);
		else if (oka || okb)
			set_field(c, name, oka ? va : vb, fmin(oka ? a->f[k].conf : b->f[k].conf, 0.5),
				  where, "LOW_CONFIDENCE", oka ? a->f[k].raw : b->f[k].raw);
		else if (va[0])
			set_field(c, name, va, a->f[k].conf, where, a->f[k].reason, a->f[k].raw);
		else if (required(name))
			missing(c, name);
		return;
	}
	log_debug("field %s: first reading '%s'%s, second '%s'%s", name, va, oka ? "" : " (doubtful)",
		  vb, okb ? "" : " (doubtful)");
	if (oka && okb && !strcmp(va, vb)) {
		set_field(c, name, va, fmin(a->f[k].conf, b->f[k].conf), where, NULL, a->f[k].raw);
	} else if (oka && !b && a->f[k].alone) {
		set_field(c, name, va, a->f[k].conf, where, NULL, a->f[k].raw);
	} else if (va[0] || vb[0]) {
		const char *v = va[0] ? va : vb;
		const char *raw = va[0] ? a->f[k].raw : b->f[k].raw;
		double conf = va[0] ? a->f[k].conf : b->f[k].conf;
		set_field(c, name, v, fmin(conf, 0.6), where, "LOW_CONFIDENCE", raw);
	} else if (required(name)) {
		missing(c, name);
	}
}

static void read_signature(struct field_ctx *c, const struct ocr_form_box *fb, BOX *b)
{
	int maxh, maxw;
	int pxmm = (int)lround(c->map->pxmm);
	/* signed: a stroke of some size, not specks */
	double f = ink(c->clean, b, &maxh, &maxw, NULL);
	if ((maxw >= 3 * pxmm || maxh >= 3 * pxmm) && f >= 0.002)
		set_field(c, fb->fields[0], "true", 0.99, b, NULL, NULL);
	else if (maxw < pxmm && maxh < pxmm && f < 0.002)
		set_field(c, fb->fields[0], "false", 0.99, b, NULL, NULL);
	else
		set_field(c, fb->fields[0], f >= 0.002 ? "true" : "false", 0.5, b,
			  "LOW_CONFIDENCE", NULL);
}

/* Whether field k of reading a is sure and reading b says the same. */
static bool agrees(const struct interp *a, const struct interp *b, int k)
{
	return a->f[k].value[0] && !a->f[k].reason && b->f[k].value[0] && !b->f[k].reason &&
	       !strcmp(a->f[k].value, b->f[k].value);
}

/* Reads box fb again in `mode` (see recognise) and interprets it into out;
 * false when nothing was read. */
static bool read_again(struct field_ctx *c, const struct ocr_form_box *fb, BOX *tb, int mode,
		       struct interp *out)
{
	struct reading *r = xcalloc(1, sizeof *r);
	bool ok = recognise(c, tb, box_whitelist(fb), fb->lines, mode, wants_alternatives(fb), r) == 0 &&
		  r->text[0];
	if (ok)
		interpret(c, fb, r, out);
	reading_clear(r);
	free(r);
	return ok;
}

/*
 * One reading is sure of a date or a line number the other misread (the
 * "eng" model reads some fonts' 0 as 9 or 8 on the grey copy): a third
 * reading, "eng" on the bilevel zone, decides. Where it reads the same
 * value as the sure one, it takes the other's place: the value is still
 * trusted only when two readings agree. Readings that agree, in doubt or
 * not, are left alone. Dates and lines only: on free text this reading
 * agreed with the first on wrong letters (Genava, Bolagna), where a date's
 * and a line's digits are shaped by their calendar and numbering plan.
 */
static void third_reading(struct field_ctx *c, const struct ocr_form_box *fb, BOX *tb,
			  struct interp it[2])
{
	struct interp i3;
	int k = fb->content == OCR_FORM_PLACE_DATE ? 1 : 0;	/* the date */

	/* readings that agree stay as they are, doubt shared between them
	 * included */
	if (k >= it[0].n || k >= it[1].n || !strcmp(it[0].f[k].value, it[1].f[k].value))
		return;
	bool sure0 = it[0].f[k].value[0] && !it[0].f[k].reason;
	bool sure1 = it[1].f[k].value[0] && !it[1].f[k].reason;
	if (!sure0 && !sure1)
		return;
	if (!read_again(c, fb, tb, 2, &i3) || k >= i3.n)
		return;
	if (agrees(&it[0], &i3, k))
		it[1].f[k] = i3.f[k];
	else if (agrees(&it[1], &i3, k))
		it[0].f[k] = i3.f[k];
}

/* Whether a checked code's reading can be trusted by itself: it passed its
 * check as read, with confidence. */
static bool passed_alone(const struct interp *it)
{
	return it->f[0].value[0] && !it->f[0].reason && it->f[0].checked == 1;
}

/* How much a checked code's reading is worth: nothing read, read but
 * failing, a doubtful repair, a repair, passing as read. */
static int checked_rank(const struct interp *it)
{
	if (it->f[0].checked < 0)
		return 0;
	if (it->f[0].checked == 0)
		return 1;
	if (it->f[0].reason)
		return 2;
	return it->f[0].checked == 2 ? 3 : 4;
}

/*
 * Neither reading of a checked code can be trusted and they do not agree
 * (one read a character too many, the other repaired a digit from a weak
 * alternative): more readings, "eng" on the bilevel zone, then "ita" on a
 * grey copy at twice the size, each taking the place of the worse reading
 * until the two that are kept settle the field as any two readings would.
 */
static void more_checked(struct field_ctx *c, const struct ocr_form_box *fb, BOX *tb,
			 struct interp it[2])
{
	static const int modes[] = { 2, 3 };
	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
		if (passed_alone(&it[0]) || passed_alone(&it[1]) || agrees(&it[0], &it[1], 0))
			break;
		struct interp i3;
		if (read_again(c, fb, tb, modes[m], &i3) && i3.n >= 1 && checked_rank(&i3) > 0)
			it[checked_rank(&it[1]) <= checked_rank(&it[0]) ? 1 : 0] = i3;
	}
}

/* Whether every field of a reading was read, and doubted: another reading
 * cannot make them trusted. */
static bool all_doubted(const struct interp *it)
{
	for (int k = 0; k < it->n; k++)
		if (!it->f[k].value[0] || !it->f[k].reason)
			return false;
	return it->n > 0;
}

static void read_box(struct field_ctx *c, const struct ocr_form_box *fb)
{
	BOX *b = frame_inside(c->clean, c->map, &fb->r, 2, NULL);
	BOX *tb = NULL;
	struct reading rd[2];
	struct interp it[2];
	int maxh, maxw, nread = 0;

	memset(rd, 0, sizeof rd);
	if (b && fb->content == OCR_FORM_SIGNATURE) {
		read_signature(c, fb, b);
		goto out;
	}
	/* an empty box: nothing the size of a letter */
	if (b)
		ink(c->clean, b, &maxh, &maxw, NULL);
	tb = b && maxh >= (int)(1.2 * c->map->pxmm) ? text_extent(c, b) : NULL;
	if (!tb) {
		for (size_t i = 0; i < fb->nfields; i++)
			if (required(fb->fields[i]))
				missing(c, fb->fields[i]);
		goto out;
	}
	const char *wl = box_whitelist(fb);
	bool alts = wants_alternatives(fb);
	if (recognise(c, tb, wl, fb->lines, 0, alts, &rd[0]) != 0 || !rd[0].text[0]) {
		reading_clear(&rd[0]);
		if (recognise(c, tb, wl, fb->lines, 1, alts, &rd[0]) != 0 || !rd[0].text[0]) {
			for (size_t i = 0; i < fb->nfields; i++)
				if (required(fb->fields[i]))
					missing(c, fb->fields[i]);
			goto out;
		}
		nread = 1;
		interpret(c, fb, &rd[0], &it[0]);
	} else {
		nread = 1;
		interpret(c, fb, &rd[0], &it[0]);
		/* a checked code that passed as read needs no second reading; an
		 * unchecked value the first reading already doubts goes to a
		 * clerk whatever the second says (a value is trusted only when
		 * both readings are sure and agree) - but for a line, which a
		 * third reading may settle with the second (third_reading) */
		bool need = is_checked(fb) ? it[0].f[0].reason || it[0].f[0].checked == 2
					   : !all_doubted(&it[0]) || fb->content == OCR_FORM_LINE;
		/* a word of a closed vocabulary read letter for letter: no
		 * misreading of one of its words spells another */
		if (it[0].n == 1 && it[0].f[0].alone)
			need = false;
		if (need && recognise(c, tb, wl, fb->lines, 1, alts, &rd[1]) == 0 && rd[1].text[0]) {
			interpret(c, fb, &rd[1], &it[1]);
			nread = 2;
			if (!is_checked(fb) && fb->content != OCR_FORM_PLACE_DATE &&
			    fb->content != OCR_FORM_DATE && fb->content != OCR_FORM_ROLE &&
			    !it[0].f[0].reason && shared_doubt(&rd[0], &rd[1], fb->content))
				it[0].f[0].reason = "LOW_CONFIDENCE";
		}
	}
	if (nread == 2 && (fb->content == OCR_FORM_DATE || fb->content == OCR_FORM_PLACE_DATE ||
			   fb->content == OCR_FORM_LINE))
		third_reading(c, fb, tb, it);
	if (nread == 2 && is_checked(fb))
		more_checked(c, fb, tb, it);
	for (int k = 0; k < it[0].n; k++)
		settle(c, k, &it[0], nread == 2 ? &it[1] : NULL, is_checked(fb), b);
out:
	reading_clear(&rd[0]);
	reading_clear(&rd[1]);
	boxDestroy(&tb);
	boxDestroy(&b);
}

/* Ink in a checkbox's frame: ticked (1), empty (0) or unclear (-1); a
 * frame edge seen inside it is not ink (clear_edge_rules). */
static int checkbox_state(struct field_ctx *c, const struct ocr_form_option *o, BOX **where)
{
	int maxh, maxw, n;
	int inset = (int)lround(0.35 * c->map->pxmm);
	BOX *b = frame_inside(c->clean, c->map, &o->r, inset, NULL);
	if (!b)
		return -1;
	double f = ink_marks(c->clean, b, true, &maxh, &maxw, &n);
	int side = (int)lround(o->r.w * c->map->pxmm);
	*where = b;
	if (f >= 0.06 && (maxh >= side / 3 || maxw >= side / 3))
		return 1;
	/* empty: at most a few specks of noise, none a fifth of the side */
	if (f <= 0.03 && maxh < side / 5 && maxw < side / 5)
		return 0;
	return -1;
}

static void read_choice(struct field_ctx *c, const struct ocr_form_choice *ch)
{
	int ticked = 0, unclear = 0;
	const struct ocr_form_option *which = NULL;
	BOX *wbox = NULL;

	for (size_t i = 0; i < ch->noptions; i++) {
		BOX *b = NULL;
		int st = checkbox_state(c, &ch->options[i], &b);
		if (st == 1) {
			ticked++;
			which = &ch->options[i];
			boxDestroy(&wbox);
			wbox = b;
			b = NULL;
		} else if (st < 0) {
			unclear++;
		}
		boxDestroy(&b);
	}
	if (ch->flag) {
		if (unclear)
			set_field(c, ch->name, ticked ? "true" : "false", 0.5, wbox, "LOW_CONFIDENCE",
				  NULL);
		else
			set_field(c, ch->name, ticked ? "true" : "false", 0.99, wbox, NULL, NULL);
	} else if (ticked == 1 && !unclear) {
		set_field(c, ch->name, which->value, 0.99, wbox, NULL, NULL);
	} else if (ticked >= 1) {
		set_field(c, ch->name, which->value, 0.4, wbox, "LOW_CONFIDENCE", NULL);
	} else {
		missing(c, ch->name);
	}
	boxDestroy(&wbox);
}

static void read_form(struct field_ctx *c)
{
	for (size_t i = 0; i < ocr_form_nboxes(c->form); i++)
		read_box(c, ocr_form_box(c->form, i));
	for (size_t i = 0; i < ocr_form_nchoices(c->form); i++)
		read_choice(c, ocr_form_choice(c->form, i));
}

/* --- the page --- */

void ocr_page_clear(struct ocr_page *p)
{
	if (!p)
		return;
	ocr_document_clear(&p->doc);
	free(p->text);
	p->text = NULL;
	pixDestroy(&p->clean);
	p->type = OCR_DOC_UNKNOWN;
	p->blank = false;
	p->continuation = false;
}

/* Classifies: marks, then the code; on a page with marks whose code does
 * not read, the page may be upside down (the marks are symmetric): turn it
 * once and look again. May replace *clean. */
static const struct ocr_form *classify(struct ocr_engine *e, PIX **clean, struct ocr_formmap *map)
{
	TessBaseAPI *tess = ocr_engine_tess(e);
	struct strbuf err = STRBUF_INIT;
	const char *const *codes = ocr_form_codes();
	const struct ocr_form *layout = codes && codes[0] ? ocr_form_get(codes[0], &err) : NULL;
	const struct ocr_form *form = NULL;

	if (!layout) {
		log_warn("cannot load the form descriptions: %s", err.buf);
		goto out;
	}
	for (int turn = 0; turn < 2 && !form; turn++) {
		if (turn) {
			PIX *t = ocr_clean_turn(*clean);
			if (!t)
				break;
			pixDestroy(clean);
			*clean = t;
		}
		if (ocr_find_marks(*clean, layout, map) != 0)
			break;
		/* the code by the first model, else by the second (each misreads
		 * some fonts, 0 as D say, where the other does not) */
		for (int m = 0; m < 2 && !form; m++) {
			TessBaseAPI *t = m ? ocr_engine_tess2(e) : tess;
			TessBaseAPISetImage2(t, *clean);
			TessBaseAPISetSourceResolution(t, pixGetXRes(*clean) > 0 ? pixGetXRes(*clean)
										   : 204);
			form = ocr_read_form_code(t, *clean, map, NULL, NULL);
		}
		if (!form && turn) {
			/* turned back: a page is never left turned on a guess */
			PIX *t = ocr_clean_turn(*clean);
			if (t) {
				pixDestroy(clean);
				*clean = t;
			}
		}
	}
out:
	sb_release(&err);
	return form;
}

int ocr_page_read(struct ocr_engine *e, struct Pix *pix, float xres, float yres, int pageno,
		  struct ocr_page *out, struct strbuf *err)
{
	struct ocr_timings *t = ocr_engine_timings(e);
	struct ocr_clean_info ci;
	struct ocr_formmap map;
	long long t0 = ocr_cpu_usec(), t1;
	int rc = 0;

	memset(out, 0, sizeof *out);
	ocr_document_init(&out->doc, OCR_DOC_UNKNOWN);
	out->doc.first_page = pageno;
	out->doc.npages = 1;

	PIX *clean = ocr_clean_page(pix, xres, yres, &ci);
	t1 = ocr_cpu_usec();
	t->clean += t1 - t0;
	t0 = t1;
	if (!clean) {
		ocr_document_add_reason(&out->doc, "UNSUPPORTED_IMAGE", NULL,
					"page %d is not a bilevel image", pageno);
		return 0;
	}
	if (ocr_freeform_is_blank(clean)) {
		out->blank = true;
		out->clean = clean;
		return 0;
	}
	const struct ocr_form *form = classify(e, &clean, &map);
	t1 = ocr_cpu_usec();
	t->classify += t1 - t0;
	t0 = t1;
	if (form) {
		int letter = (int)lround(0.75 * map.pxmm);
		struct field_ctx c = { e, ocr_engine_tess(e), clean, clean, letter,
				       &map, form, &out->doc,
				       ocr_engine_options(e)->min_confidence };
		out->type = ocr_form_type(form);
		out->doc.type = out->type;
		read_form(&c);
		t->field_ocr += ocr_cpu_usec() - t0;
	} else {
		/* a normal-resolution page's rows interpolated, for the second
		 * looks at its values */
		PIX *grey = ocr_clean_grey(pix, xres, yres, &ci);
		ocr_document_clear(&out->doc);
		rc = ocr_freeform_read(ocr_engine_tess(e), ocr_engine_tess2(e), e, clean, grey,
				       pageno, ocr_engine_as_of(e), out, t, err);
		pixDestroy(&grey);
	}
	TessBaseAPIClear(ocr_engine_tess(e));
	TessBaseAPIClear(ocr_engine_tess2(e));
	out->clean = clean;
	return rc;
}
