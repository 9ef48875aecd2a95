/*
 * freeform - the pages that are not forms: blank-page detection before any
 * OCR, whole-page OCR with Tesseract (the text, each word's confidence and
 * box, each character's alternatives), then ocr/fftext.c's classification
 * and field extraction; and the grouping of a fax's pages into documents.
 *
 * Failure policy: content never fails. A page Tesseract cannot make sense
 * of becomes an unknown document (UNKNOWN_DOCUMENT); a page that times out
 * is read as far as it got. Only Tesseract refusing the image is an error
 * (-1 with a message). Memory is ours to free on every path (goto out).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "common/log.h"
#include "common/util.h"
#include "ocr/check.h"
#include "ocr/clean.h"
#include "ocr/engine.h"
#include "ocr/fftext.h"
#include "ocr/freeform.h"

/* A whole page must not hold a worker for ever (Tesseract's own deadline). */
#define FF_PAGE_DEADLINE_MS 60000

/* Pixels per millimetre of a page, from its resolution or its size. */
static void page_ppmm(struct Pix *pix, double *px, double *py)
{
	l_int32 xr = 0, yr = 0, w = pixGetWidth(pix), h = pixGetHeight(pix);
	pixGetResolution(pix, &xr, &yr);
	*px = xr > 0 ? xr / 25.4 : w / 210.0;
	*py = yr > 0 ? yr / 25.4 : h / 297.0;
}

/*
 * Letter-sized blobs (up to 20) among the components of the band of bin
 * from row y0 to y1, below the sending machine's header band (9 mm). A
 * component that touches the band's top row, or its bottom row above the
 * page's end, may go on outside the band and is left out: the others are
 * the page's own components, whole.
 */
static int band_letters(struct Pix *bin, int y0, int y1, double px, double py)
{
	l_int32 h = pixGetHeight(bin);
	struct Box *b = boxCreate(0, y0, pixGetWidth(bin), y1 - y0);
	struct Pix *band = b ? pixClipRectangle(bin, b, NULL) : NULL;
	struct Boxa *boxa = band ? pixConnCompBB(band, 8) : NULL;
	int letters = 0;

	for (l_int32 i = 0; boxa && i < boxaGetCount(boxa) && letters < 20; i++) {
		l_int32 bx, by, bw, bh;
		boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
		if ((y0 > 0 && by == 0) || (y1 < h && by + bh == y1 - y0))
			continue;
		by += y0;
		if (by < 9 * py || bh < 1.2 * py || bh > 20 * py || bw < 0.3 * px || bw > 20 * px)
			continue;
		letters++;
	}
	boxaDestroy(&boxa);
	pixDestroy(&band);
	boxDestroy(&b);
	return letters;
}

bool ocr_freeform_is_blank(struct Pix *clean)
{
	struct Pix *bin = NULL;
	l_int32 count = 0, w, h;
	double px, py;
	bool blank = true;

	if (!clean)
		return true;
	bin = pixGetDepth(clean) == 1 ? pixClone(clean) : pixConvertTo1(clean, 128);
	if (!bin)
		goto out;
	w = pixGetWidth(bin);
	h = pixGetHeight(bin);
	if (pixCountPixels(bin, &count, NULL) != 0 || count < (l_int32)((double)w * h / 5000))
		goto out;
	page_ppmm(bin, &px, &py);
	/* twenty letters in the quarter of the page below the header band
	 * settle it (most pages) without labelling the whole page */
	int y0 = (int)ceil(9 * py), y1 = y0 + h / 4 < h ? y0 + h / 4 : h;
	blank = y0 >= h || band_letters(bin, y0, y1, px, py) < 20;
	if (blank)
		blank = band_letters(bin, 0, h, px, py) < 20;
out:
	pixDestroy(&bin);
	return blank;
}

/*
 * What Tesseract is given. Letters are read best as they came; but the
 * speckle a fax makes of a photocopy's grey areas (an identity card's
 * background, a photo, the copier's lid) breaks the layout analysis. So:
 * specks (components smaller than 3 x 3 pixels) go everywhere, and where
 * they were dense, the page is smoothed over 3 x 3 and thresholded dark,
 * which drops what is left of the speckle and keeps strokes.
 */
static struct Pix *blur_threshold(struct Pix *pix, int th)
{
	struct Pix *p8 = pixConvert1To8(NULL, pix, 255, 0), *sm = NULL, *bin = NULL;
	if (!p8)
		return NULL;
	sm = pixBlockconv(p8, 1, 1);
	if (sm)
		bin = pixThresholdToBinary(sm, th);
	pixDestroy(&sm);
	pixDestroy(&p8);
	return bin;
}

/*
 * A closing (or an opening) of pixs by a w x h brick, as a new image.
 * Dilating and eroding by Leptonica's composite brick (a small brick, then
 * a comb) in its DWA form gives the pixels of the plain brick, edges
 * included, when the composite's two factors make w and h exactly (21 =
 * 7 x 3, 33 = 11 x 3), for a third of the work (tests/check_ffprep.c);
 * other sizes take the plain brick.
 */
static bool composable(int size)
{
	l_int32 a = 0, b = 0;
	return size == 1 || (size <= 63 && selectComposableSizes(size, &a, &b) == 0 && a * b == size);
}

static struct Pix *brick_morph(struct Pix *pixs, int w, int h, bool close)
{
	if (!composable(w) || !composable(h))
		return close ? pixCloseBrick(NULL, pixs, w, h) : pixOpenBrick(NULL, pixs, w, h);
	struct Pix *t = close ? pixDilateCompBrickDwa(NULL, pixs, w, h)
			      : pixErodeCompBrickDwa(NULL, pixs, w, h);
	struct Pix *r = !t ? NULL : close ? pixErodeCompBrickDwa(NULL, t, w, h)
					  : pixDilateCompBrickDwa(NULL, t, w, h);
	pixDestroy(&t);
	return r;
}

/*
 * The speckled regions (mask) of out smoothed over 3 x 3 and thresholded
 * dark. Only the mask's bounding box (and 2 pixels round it, which the
 * smoothing of its edge reads) is worked on, as if the whole page were.
 */
static void smooth_masked(struct Pix *out, struct Pix *mask)
{
	struct Box *mb = NULL, *cb = NULL;
	struct Pix *sub = NULL, *submask = NULL, *sm = NULL;
	l_int32 x, y, w, h, pw = pixGetWidth(out), ph = pixGetHeight(out);

	if (pixClipToForeground(mask, NULL, &mb) != 0 || !mb)
		return;
	boxGetGeometry(mb, &x, &y, &w, &h);
	int x0 = x - 2 < 0 ? 0 : x - 2, y0 = y - 2 < 0 ? 0 : y - 2;
	int x1 = x + w + 2 > pw ? pw : x + w + 2, y1 = y + h + 2 > ph ? ph : y + h + 2;
	cb = boxCreate(x0, y0, x1 - x0, y1 - y0);
	sub = cb ? pixClipRectangle(out, cb, NULL) : NULL;
	submask = cb ? pixClipRectangle(mask, cb, NULL) : NULL;
	sm = sub && submask ? blur_threshold(sub, 110) : NULL;
	if (sm) {
		pixCombineMasked(sub, sm, submask);
		pixRasterop(out, x0, y0, x1 - x0, y1 - y0, PIX_SRC, sub, 0, 0);
	}
	pixDestroy(&sm);
	pixDestroy(&submask);
	pixDestroy(&sub);
	boxDestroy(&cb);
	boxDestroy(&mb);
}

/* The page Tesseract reads, from the cleaned page; *gout (grey not NULL):
 * grey straightened as the page is. */
static struct Pix *prepare(struct Pix *clean, struct Pix *grey, struct Pix **gout)
{
	struct Pix *bin = NULL, *tiny = NULL, *mask = NULL, *out = NULL;
	l_int32 count = 0;
	double px, py;

	bin = pixGetDepth(clean) == 1 ? pixClone(clean) : pixConvertTo1(clean, 128);
	if (!bin)
		return NULL;
	/* specks: up to 2 x 2 pixels as faxed (go from out), 2 x 4 on a
	 * normal-resolution page stretched to square pixels (tiny) */
	if (ocr_clean_split_specks(bin, 2, 4, &out, &tiny, NULL) != 0)
		goto out;
	/* speckled regions: specks closer than ~4 mm to each other, in blocks
	 * wider than ~4 mm */
	page_ppmm(bin, &px, &py);
	int close = (int)(4 * px) | 1;
	struct Pix *closed = brick_morph(tiny, close, close, true);
	mask = closed ? brick_morph(closed, close, close, false) : NULL;
	pixDestroy(&closed);
	if (mask && pixCountPixels(mask, &count, NULL) == 0 && count > 0) {
		smooth_masked(out, mask);
		/* what the smoothing left of the speckle there (clumps of specks,
		 * up to ~0.6 mm square) still reads to the layout analysis as a
		 * picture and hides the card's lines; no letter is that small,
		 * and a value's full stop, which may be, is not needed */
		int dot = (int)lround(0.6 * px);
		struct Pix *small = pixSelectBySize(out, dot, dot, 8, L_SELECT_IF_BOTH,
						    L_SELECT_IF_LT, NULL);
		if (small) {
			pixAnd(small, small, mask);
			pixSubtract(out, out, small);
			pixDestroy(&small);
		}
	}
	/* skewed lines break into pieces in the layout analysis */
	l_float32 angle = 0, conf = 0;
	struct Pix *ds = pixFindSkewAndDeskew(out, 0, &angle, &conf);
	l_int32 same = 1;
	if (ds && grey && pixEqual(ds, out, &same) == 0 && !same)
		*gout = pixRotate(grey, (l_float32)(angle * M_PI / 180.0), L_ROTATE_AREA_MAP,
				  L_BRING_IN_WHITE, 0, 0);
	else if (grey)
		*gout = pixClone(grey);
	if (ds) {
		pixDestroy(&out);
		out = ds;
	}
	pixCopyResolution(out, clean);
	if (grey && *gout)
		pixCopyResolution(*gout, clean);
out:
	pixDestroy(&mask);
	pixDestroy(&tiny);
	pixDestroy(&bin);
	return out;
}

struct collect {
	struct strbuf text;
	float *conf;
	int *word;
	char **alts;
	float *doubt, *like;
	size_t cap;
	struct ocr_region *boxes;
	size_t nboxes, capboxes;
	double sumconf;
	int nwords;
	size_t once_s, once_e;	/* ff_text's: an MRZ line read once (reread_td1_number) */
};

static void col_push(struct collect *c, const char *s, float conf, int word, char *alts,
		     float doubt, float like)
{
	size_t len = strlen(s);
	while (c->text.len + len + 1 > c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 4096;
		c->conf = xrealloc(c->conf, ncap * sizeof *c->conf);
		c->word = xrealloc(c->word, ncap * sizeof *c->word);
		c->alts = xrealloc(c->alts, ncap * sizeof *c->alts);
		c->doubt = xrealloc(c->doubt, ncap * sizeof *c->doubt);
		c->like = xrealloc(c->like, ncap * sizeof *c->like);
		c->cap = ncap;
	}
	for (size_t i = 0; i < len; i++) {
		size_t at = c->text.len + i;
		c->conf[at] = conf;
		c->word[at] = word;
		c->alts[at] = i == 0 ? alts : NULL;
		c->doubt[at] = doubt;
		c->like[at] = like;
	}
	if (len == 0)
		free(alts);
	sb_add(&c->text, s, len);
}

static void col_free(struct collect *c)
{
	for (size_t i = 0; i < c->text.len; i++)
		free(c->alts[i]);
	free(c->conf);
	free(c->word);
	free(c->alts);
	free(c->doubt);
	free(c->like);
	free(c->boxes);
	sb_release(&c->text);
}

/* A digit, a capital, a small letter or anything else: the kinds a value's
 * shape tells apart (a report number's province code is in capitals). */
static int symbol_kind(const char *s)
{
	unsigned char c = s ? (unsigned char)s[0] : 0;
	return c >= '0' && c <= '9' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= 'a' && c <= 'z' ? 3 : 0;
}

/* True when a and b are one letter in both cases (v and V). */
static bool case_twin(const char *a, const char *b)
{
	return a && b && a[0] && !a[1] && b[0] && !b[1] && isalpha((unsigned char)a[0])
	       && a[0] != b[0] && tolower((unsigned char)a[0]) == tolower((unsigned char)b[0]);
}

/*
 * The other characters Tesseract considered for the symbol at it, and in
 * *doubt the weight of the strongest of them against the chosen one's (0:
 * none was a contender; 0.3: the runner-up had a third of the weight); in
 * *like the same of the contenders of the chosen one's kind (a 3 against a
 * 2, not a B against an 8, which a value's shape may settle; nor a v
 * against a V, the same letter).
 */
static char *symbol_alts(TessResultIterator *it, const char *top, float *doubt, float *like)
{
	TessChoiceIterator *ci = TessResultIteratorGetChoiceIterator(it);
	char buf[8];
	size_t n = 0;
	float best = 0, other = 0, same = 0;
	int kind = symbol_kind(top);
	*doubt = *like = 0;
	if (!ci)
		return NULL;
	do {
		const char *ch = TessChoiceIteratorGetUTF8Text(ci);
		float w = TessChoiceIteratorConfidence(ci);
		if (ch && !strcmp(ch, top)) {
			if (w > best)
				best = w;
			continue;
		}
		if (w > other)
			other = w;
		/* of the same kind; a letter's other case is the same letter */
		if (symbol_kind(ch) == kind && w > same && !case_twin(ch, top))
			same = w;
		if (ch && strlen(ch) == 1 && !memchr(buf, ch[0], n))
			buf[n++] = ch[0];
	} while (n < sizeof buf && TessChoiceIteratorNext(ci));
	TessChoiceIteratorDelete(ci);
	*doubt = best > 0 ? other / best : other > 0 ? 1 : 0;
	*like = best > 0 ? same / best : same > 0 ? 1 : 0;
	return n ? xstrndup(buf, n) : NULL;
}

static void collect_text(TessBaseAPI *tess, struct collect *c)
{
	TessResultIterator *it = TessBaseAPIGetIterator(tess);
	float wconf = 0;
	int word = -1;

	if (!it)
		return;
	do {
		const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(it);
		char *sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
		if (!sym)
			continue;
		if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE) && c->text.len)
			col_push(c, "\n", 1, -1, NULL, 0, 0);
		else if (TessPageIteratorIsAtBeginningOf(pi, RIL_WORD) && c->text.len)
			col_push(c, " ", 1, -1, NULL, 0, 0);
		if (TessPageIteratorIsAtBeginningOf(pi, RIL_WORD) || word < 0) {
			int l = 0, t = 0, r = 0, b = 0;
			wconf = TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;
			TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b);
			if (c->nboxes == c->capboxes) {
				c->capboxes = c->capboxes ? c->capboxes * 2 : 256;
				c->boxes = xrealloc(c->boxes, c->capboxes * sizeof *c->boxes);
			}
			c->boxes[c->nboxes] = (struct ocr_region){ l, t, r - l, b - t };
			word = (int)c->nboxes++;
			c->sumconf += wconf;
			c->nwords++;
		}
		float doubt, like;
		char *alts = symbol_alts(it, sym, &doubt, &like);
		col_push(c, sym, wconf, word, alts, doubt, like);
		TessDeleteText(sym);
	} while (TessResultIteratorNext(it, RIL_SYMBOL));
	TessResultIteratorDelete(it);
}

/* One OCR pass over img; fills c. Returns 0 or -1 (err). */
static int ocr_pass(TessBaseAPI *tess, struct Pix *img, int res, struct collect *c,
		    struct strbuf *err)
{
	ETEXT_DESC *mon = TessMonitorCreate();
	int rc = 0;

	TessBaseAPISetPageSegMode(tess, PSM_AUTO);
	/* the engine is shared with the form reader: a whitelist left by a
	 * zone read (digits, the form code's letters) would garble the page */
	TessBaseAPISetVariable(tess, "tessedit_char_whitelist", "");
	TessBaseAPISetVariable(tess, "lstm_choice_mode", "2");
	TessBaseAPISetImage2(tess, img);
	TessBaseAPISetSourceResolution(tess, res);
	TessMonitorSetDeadlineMSecs(mon, FF_PAGE_DEADLINE_MS);
	if (TessBaseAPIRecognize(tess, mon) != 0) {
		/* a deadline also ends here: keep what was read */
		log_warn("whole-page recognition stopped early");
	}
	collect_text(tess, c);
	TessBaseAPIClear(tess);
	TessMonitorDelete(mon);
	if (!c->text.buf) {
		sb_init(&c->text);
	}
	(void)err;
	return rc;
}

/*
 * The second look at a doubtful value (fftext.c): its region of the page
 * with a margin, without what touches the margin's edge (pieces of the
 * lines above and below) and without specks, read as one line. A page gets
 * a few of these at most (15: an identity copy's held number takes up to
 * five, its own line's two among them).
 */
#define FF_MAX_REREADS 15

struct rereader {
	TessBaseAPI *tess, *tess2;	/* tess2: "eng", or NULL */
	struct ocr_engine *e;	/* lends the third model; NULL: none */
	struct Pix *img;
	struct Pix *gpage;	/* a normal-resolution page's grey, or NULL */
	int res, calls, third_calls;
	struct collect c;
};

/* The third model's readings a page may take (two of the own line of each
 * value held after the two models: an identity copy's number or date, a
 * report's line, number or date; one costs about what the page's whole
 * pass costs a line, the model being bigger), apart from FF_MAX_REREADS. */
#define FF_MAX_THIRD_READS 4

/*
 * Reads the region r of img (with a margin, without what touches the
 * margin's edge and without specks) as one line into c (emptied first);
 * *ox, *oy: where the crop starts on the page (c's boxes are relative to
 * it). grey: the crop in grey at twice the size, as the form reader's
 * third look does - a reading that does not share the bilevel one's
 * misreadings; from gpage (not NULL: a normal-resolution page's grey,
 * grey_crop) rather than from img's bilevel pixels. how: CROP_GREY for that; CROP_OWN_LINE keeps only the ink of
 * r's own line (ocr_freeform_own_line); CROP_PAGE_GREY (reread_as): the
 * grey from the page's grey, a normal-resolution page's only. Returns 0
 * or -1.
 */
enum { CROP_GREY = 1, CROP_OWN_LINE = 2, CROP_PAGE_GREY = 4, CROP_SPECKS = 8 };

/*
 * A value's crop with its margin holds pieces of the lines above and below
 * it that do not touch the edge: a card's small label printed right over or
 * under its value. Read as one line, three lines give nothing at all (the
 * engine finds no baseline), or the label's words. The pieces whose middle
 * stands above or below the value's own rows (top, bottom: of the crop) go;
 * a crop with nothing in those rows is left as it is.
 */
void ocr_freeform_own_line(struct Pix *crop, int top, int bottom)
{
	struct Pixa *pixa = NULL;
	struct Boxa *boxa = pixConnComp(crop, &pixa, 8);
	struct Numa *out = NULL;
	l_int32 n = boxa ? boxaGetCount(boxa) : 0, x, y, w, h;
	int kept = 0, gone = 0;

	out = n > 0 ? numaCreate(n) : NULL;
	for (l_int32 i = 0; out && i < n; i++) {
		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		int mid = y + h / 2;
		bool away = mid < top || mid >= bottom;
		numaAddNumber(out, away ? 1 : 0);
		if (away)
			gone++;
		else
			kept++;
	}
	if (kept > 0 && gone > 0)
		pixRemoveWithIndicator(crop, pixa, out);
	numaDestroy(&out);
	boxaDestroy(&boxa);
	pixaDestroy(&pixa);
}

/*
 * Specks a value's crop kept well above or below its letters: the speckle
 * of a card's grey background that stands clear of the line. Read as part
 * of the line they raise its top, and the engine takes the capitals under
 * them for small letters (5. VE0953619Z read vEoDSSGsbz, page 1269 of
 * build/mkfax's identity copies; the crop without them reads right by
 * both models). The letters are the pieces at least FF_LETTER_PX tall;
 * a piece smaller than that both ways whose rows all stand further than
 * half the letters' height above or below them goes - an i's dot, a full
 * stop, an apostrophe, a comma stay within that.
 */
#define FF_LETTER_PX 9

void ocr_freeform_off_band(struct Pix *crop)
{
	struct Boxa *boxa = pixConnCompBB(crop, 8);
	l_int32 n = boxa ? boxaGetCount(boxa) : 0, x, y, w, h;
	int top = -1, bottom = -1;

	for (l_int32 i = 0; i < n; i++) {
		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		if (h < FF_LETTER_PX)
			continue;
		if (top < 0 || y < top)
			top = y;
		if (y + h > bottom)
			bottom = y + h;
	}
	int margin = (bottom - top) / 2;
	for (l_int32 i = 0; top >= 0 && i < n; i++) {
		boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
		/* a piece's box off the letters' rows holds no letter's ink */
		if (h < FF_LETTER_PX && w < FF_LETTER_PX
		    && (y + h < top - margin || y > bottom + margin))
			pixRasterop(crop, x, y, w, h, PIX_CLR, NULL, 0, 0);
	}
	boxaDestroy(&boxa);
}

/*
 * The grey crop box of the page grey (a normal-resolution page's rows
 * interpolated, ocr_clean_grey) with only the ink that the bilevel crop
 * keep kept (and a pixel round it, where the shades of its edges are).
 */
static struct Pix *grey_crop(struct Pix *grey, struct Box *box, struct Pix *keep)
{
	struct Pix *g = pixClipRectangle(grey, box, NULL);
	struct Pix *near = pixDilateBrick(NULL, keep, 3, 3);
	if (!g || !near || pixGetWidth(g) != pixGetWidth(near)
	    || pixGetHeight(g) != pixGetHeight(near)) {
		pixDestroy(&g);
		pixDestroy(&near);
		return NULL;
	}
	pixInvert(near, near);
	pixSetMasked(g, near, 255);
	pixDestroy(&near);
	return g;
}

static int read_crop_as(TessBaseAPI *tess, struct Pix *img, struct Pix *gpage, int res,
			const struct ocr_region *r, struct collect *c, int *ox, int *oy, int how)
{
	bool grey = how & CROP_GREY;
	struct Pix *crop = NULL, *inner = NULL, *clean = NULL, *g = NULL, *big = NULL;
	struct Box *box = NULL;
	ETEXT_DESC *mon = NULL;
	l_int32 w = pixGetWidth(img), h = pixGetHeight(img);
	int rc = -1;

	col_free(c);
	memset(c, 0, sizeof *c);
	sb_init(&c->text);
	if (r->w <= 0 || r->h <= 0)
		return -1;
	int mx = r->h * 3 / 2, my = r->h / 2;
	int x0 = r->x - mx < 0 ? 0 : r->x - mx, y0 = r->y - my < 0 ? 0 : r->y - my;
	int x1 = r->x + r->w + mx > w ? w : r->x + r->w + mx;
	int y1 = r->y + r->h + my > h ? h : r->y + r->h + my;
	if (x1 - x0 < 8 || y1 - y0 < 8)
		return -1;
	box = boxCreate(x0, y0, x1 - x0, y1 - y0);
	crop = box ? pixClipRectangle(img, box, NULL) : NULL;
	/* the neighbouring lines' pieces touch the crop's edge; the speckle
	 * left near the value goes too (a letter's piece is 4 pixels or more) */
	inner = crop ? pixRemoveBorderConnComps(crop, 8) : NULL;
	int least = how & CROP_SPECKS ? 6 : 4;
	clean = inner ? pixSelectBySize(inner, least, least, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE,
					NULL) : NULL;
	mon = TessMonitorCreate();
	if (!clean || !mon)
		goto out;
	if (how & CROP_OWN_LINE)
		ocr_freeform_own_line(clean, r->y - y0, r->y + r->h - y0);
	ocr_freeform_off_band(clean);
	if (grey) {
		g = gpage ? grey_crop(gpage, box, clean) : NULL;
		if (!g)
			g = pixConvert1To8(NULL, clean, 255, 0);
		big = g ? pixScaleGrayLI(g, 2.0, 2.0) : NULL;
		pixDestroy(&g);
		g = big ? pixAddBorder(big, 20, 255) : NULL;
		if (!g)
			goto out;
	}
	TessBaseAPISetPageSegMode(tess, PSM_SINGLE_LINE);
	TessBaseAPISetImage2(tess, grey ? g : clean);
	TessBaseAPISetSourceResolution(tess, grey ? 2 * res : res);
	TessMonitorSetDeadlineMSecs(mon, 2000);
	TessBaseAPIRecognize(tess, mon);
	collect_text(tess, c);
	TessBaseAPIClear(tess);
	if (!c->text.buf)
		sb_init(&c->text);
	/* boxes in the crop's own pixels */
	for (size_t i = 0; grey && i < c->nboxes; i++) {
		struct ocr_region *b = &c->boxes[i];
		b->x = (b->x - 20) / 2, b->y = (b->y - 20) / 2, b->w /= 2, b->h /= 2;
	}
	*ox = x0;
	*oy = y0;
	rc = 0;
out:
	if (mon)
		TessMonitorDelete(mon);
	pixDestroy(&g);
	pixDestroy(&big);
	pixDestroy(&clean);
	pixDestroy(&inner);
	pixDestroy(&crop);
	boxDestroy(&box);
	return rc;
}

static int read_crop(TessBaseAPI *tess, struct Pix *img, int res, const struct ocr_region *r,
		     struct collect *c, int *ox, int *oy)
{
	return read_crop_as(tess, img, NULL, res, r, c, ox, oy, 0);
}

/* r read by tess (read_crop_as) into rr's collection, lent to out. */
static int reread_with(struct rereader *rr, TessBaseAPI *tess, const struct ocr_region *r,
		       struct ff_text *out, int how)
{
	int ox = 0, oy = 0;

	/* the form reader may have left a whitelist on the engine it shares */
	TessBaseAPISetVariable(tess, "tessedit_char_whitelist", "");
	if ((how & CROP_PAGE_GREY) && !rr->gpage)
		return -1;
	if (read_crop_as(tess, rr->img, how & CROP_PAGE_GREY ? rr->gpage : NULL, rr->res, r, &rr->c,
			 &ox, &oy, how) != 0)
		return -1;
	*out = (struct ff_text){ rr->c.text.buf, rr->c.conf, rr->c.word, rr->c.boxes,
				 (const char *const *)rr->c.alts, rr->c.doubt, NULL, rr->c.like, 0, 0 };
	return 0;
}

static int reread_as(void *ctx, const struct ocr_region *r, struct ff_text *out, int how)
{
	struct rereader *rr = ctx;
	/* the other reading by the other model where there is one */
	TessBaseAPI *tess = (how & CROP_GREY) && rr->tess2 ? rr->tess2 : rr->tess;

	if (rr->calls >= FF_MAX_REREADS)
		return -1;
	rr->calls++;
	return reread_with(rr, tess, r, out, how);
}

static int reread_region(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return reread_as(ctx, r, out, 0);
}

static int reread_grey(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return reread_as(ctx, r, out, CROP_GREY);
}

static int reread_own(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return reread_as(ctx, r, out, CROP_OWN_LINE);
}

static int reread_own_grey(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return reread_as(ctx, r, out, CROP_GREY | CROP_OWN_LINE);
}

static int reread_page_grey(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return reread_as(ctx, r, out, CROP_GREY | CROP_PAGE_GREY);
}

/* r's own line read by the third model (ocr_engine_tess3_lock), as printed or
 * in grey at twice the size. A model that cannot be loaded is said once,
 * and the reading is none. */
static int reread_third_as(void *ctx, const struct ocr_region *r, struct ff_text *out, int how)
{
	struct rereader *rr = ctx;
	struct strbuf err = STRBUF_INIT;

	if (!rr->e || rr->third_calls >= FF_MAX_THIRD_READS)
		return -1;
	sb_init(&err);
	TessBaseAPI *tess = ocr_engine_tess3_lock(rr->e, &err);
	if (err.len)
		log_warn("no third reading of doubtful values: %s", err.buf);
	sb_release(&err);
	if (!tess)
		return -1;
	rr->third_calls++;
	int rc = reread_with(rr, tess, r, out, how | CROP_OWN_LINE);
	ocr_engine_tess3_unlock(rr->e);
	return rc;
}

static int reread_third(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return reread_third_as(ctx, r, out, 0);
}

static int reread_third_grey(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return reread_third_as(ctx, r, out, CROP_GREY);
}

/* ---------------------------------------------------------------- lost lines */

/*
 * Tesseract's layout analysis drops whole lines on a speckled copy (a
 * card's values beside its photo, between its small labels). Lines of ink
 * that no word read covers are read one by one (a small region each, at
 * most FF_MAX_LOST_LINES a page) and put into the page's text where they
 * stand: before the first line read below them in their column.
 */
#define FF_MAX_LOST_LINES 12

struct line_span {
	size_t s, e;		/* bytes of the text, '\n' excluded */
	int x, y, w;		/* of the line's first word; w: the line's width */
};

/* Copies bytes [from, to) of src into dst with their arrays; word indexes
 * move by woff (-1 stays -1). */
static void col_copy(struct collect *dst, const struct collect *src, size_t from, size_t to,
		     int woff)
{
	for (size_t i = from; i < to; i++) {
		char ch[2] = { src->text.buf[i], 0 };
		int w = src->word[i] < 0 ? -1 : src->word[i] + woff;
		col_push(dst, ch, src->conf[i], w, src->alts[i] ? xstrdup(src->alts[i]) : NULL,
			 src->doubt[i], src->like[i]);
		/* col_push gives alts to the first byte of what it pushes only */
	}
}

static void col_add_boxes(struct collect *dst, const struct collect *src, int dx, int dy)
{
	for (size_t i = 0; i < src->nboxes; i++) {
		if (dst->nboxes == dst->capboxes) {
			dst->capboxes = dst->capboxes ? dst->capboxes * 2 : 256;
			dst->boxes = xrealloc(dst->boxes, dst->capboxes * sizeof *dst->boxes);
		}
		struct ocr_region b = src->boxes[i];
		b.x += dx;
		b.y += dy;
		dst->boxes[dst->nboxes++] = b;
	}
	dst->sumconf += src->sumconf;
	dst->nwords += src->nwords;
}

/* The box of the words of c's bytes [s, e), or false when none has one. */
static bool span_box(const struct collect *c, size_t s, size_t e, struct ocr_region *r)
{
	int x0 = -1, y0 = -1, x1 = 0, y1 = 0;
	for (size_t i = s; i < e; i++) {
		int w = c->word[i];
		if (w < 0)
			continue;
		const struct ocr_region *b = &c->boxes[w];
		if (x0 < 0 || b->x < x0)
			x0 = b->x;
		if (y0 < 0 || b->y < y0)
			y0 = b->y;
		if (b->x + b->w > x1)
			x1 = b->x + b->w;
		if (b->y + b->h > y1)
			y1 = b->y + b->h;
	}
	*r = (struct ocr_region){ x0, y0, x1 - x0, y1 - y0 };
	return x0 >= 0;
}

static size_t text_lines(const struct collect *c, struct line_span *out, size_t max)
{
	size_t n = 0, ls = 0, len = c->text.len;
	while (ls <= len && n < max) {
		size_t le = ls;
		struct ocr_region box;
		while (le < len && c->text.buf[le] != '\n')
			le++;
		if (span_box(c, ls, le, &box)) {
			size_t i = ls;
			while (c->word[i] < 0)
				i++;
			out[n++] = (struct line_span){ ls, le, box.x, c->boxes[c->word[i]].y, box.w };
		}
		if (le >= len)
			break;
		ls = le + 1;
	}
	return n;
}

static void recover_lines(TessBaseAPI *tess, struct Pix *img, int res, struct collect *c)
{
	struct Pix *lines = NULL;
	struct Boxa *boxa = NULL;
	double px, py;
	struct ocr_region found[FF_MAX_LOST_LINES];
	struct collect got[FF_MAX_LOST_LINES];
	int ox[FF_MAX_LOST_LINES] = { 0 }, oy[FF_MAX_LOST_LINES] = { 0 };
	size_t nfound = 0;

	page_ppmm(img, &px, &py);
	/* letters joined into words and words into lines */
	lines = brick_morph(img, (int)(2.5 * px) | 1, 1, true);
	boxa = lines ? pixConnCompBB(lines, 8) : NULL;
	if (!boxa)
		goto out;
	for (l_int32 i = 0; i < boxaGetCount(boxa) && nfound < FF_MAX_LOST_LINES; i++) {
		l_int32 bx, by, bw, bh;
		boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
		if (bh < 1.8 * py || bh > 7 * py || bw < 6 * px || by < 9 * py)
			continue;
		/* covered by a word read? */
		long covered = 0;
		for (size_t k = 0; k < c->nboxes; k++) {
			const struct ocr_region *w = &c->boxes[k];
			/* a word on this line, not a tall scrawl across several */
			if (w->h > 2 * bh || w->y + w->h / 2 < by || w->y + w->h / 2 > by + bh)
				continue;
			int ix = (w->x > bx ? w->x : bx), iy = (w->y > by ? w->y : by);
			int jx = (w->x + w->w < bx + bw ? w->x + w->w : bx + bw);
			int jy = (w->y + w->h < by + bh ? w->y + w->h : by + bh);
			if (jx > ix && jy > iy)
				covered += (long)(jx - ix) * (jy - iy);
		}
		if (covered * 4 > (long)bw * bh)
			continue;
		/* ink of letters: a few components of letter height */
		struct Box *b = boxCreate(bx, by, bw, bh);
		struct Pix *part = b ? pixClipRectangle(img, b, NULL) : NULL;
		struct Boxa *parts = part ? pixConnCompBB(part, 8) : NULL;
		int letters = 0;
		for (l_int32 q = 0; parts && q < boxaGetCount(parts); q++) {
			l_int32 qx, qy, qw, qh;
			boxaGetBoxGeometry(parts, q, &qx, &qy, &qw, &qh);
			letters += qh >= 1.2 * py && qw >= 0.3 * px && qw <= 6 * px;
		}
		boxaDestroy(&parts);
		pixDestroy(&part);
		boxDestroy(&b);
		if (letters < 3)
			continue;
		found[nfound] = (struct ocr_region){ bx, by, bw, bh };
		memset(&got[nfound], 0, sizeof got[nfound]);
		sb_init(&got[nfound].text);
		if (read_crop(tess, img, res, &found[nfound], &got[nfound], &ox[nfound], &oy[nfound]) != 0
		    || got[nfound].nwords == 0 || got[nfound].sumconf / got[nfound].nwords < 0.5) {
			col_free(&got[nfound]);
			continue;
		}
		nfound++;
	}
	if (nfound == 0)
		goto out;
	/* the page's text again, the lines found put where they stand */
	struct line_span ls[512];
	size_t nl = text_lines(c, ls, ARRAY_SIZE(ls));
	size_t where[FF_MAX_LOST_LINES];
	for (size_t f = 0; f < nfound; f++) {
		const struct ocr_region *r = &found[f];
		where[f] = nl;		/* at the end */
		bool col = false;
		for (size_t l = 0; l < nl; l++) {
			bool same = ls[l].x < r->x + r->w && r->x < ls[l].x + ls[l].w;
			if (same && !col) {
				col = true;
				where[f] = nl;
			}
			if ((same || !col) && ls[l].y > r->y) {
				where[f] = l;
				break;
			}
			if (same)
				where[f] = l + 1;
		}
	}
	struct collect n = { 0 };
	sb_init(&n.text);
	col_add_boxes(&n, c, 0, 0);
	bool done[FF_MAX_LOST_LINES] = { false };
	for (size_t l = 0; l <= nl; l++) {
		for (;;) {
			/* the lines found that go here, top first */
			size_t f = nfound;
			for (size_t q = 0; q < nfound; q++)
				if (!done[q] && where[q] == l && (f == nfound || found[q].y < found[f].y))
					f = q;
			if (f == nfound)
				break;
			done[f] = true;
			if (n.text.len)
				col_push(&n, "\n", 1, -1, NULL, 0, 0);
			int woff = (int)n.nboxes;
			col_add_boxes(&n, &got[f], ox[f], oy[f]);
			col_copy(&n, &got[f], 0, got[f].text.len, woff);
		}
		if (l == nl)
			break;
		if (n.text.len)
			col_push(&n, "\n", 1, -1, NULL, 0, 0);
		col_copy(&n, c, ls[l].s, ls[l].e, 0);
	}
	col_free(c);
	*c = n;
out:
	for (size_t f = 0; f < nfound; f++)
		col_free(&got[f]);
	boxaDestroy(&boxa);
	pixDestroy(&lines);
}

/* ---------------------------------------------------------------- MRZ lines */

/*
 * The machine-readable zone of a passport or an electronic card (ICAO
 * 9303) holds capitals, digits and the filler '<' only. Read with the rest
 * of the page, on a speckled copy and at a fax's normal resolution most of
 * all, its fillers come out as small letters and signs and its characters
 * as look-alikes of other kinds; read again on its own with just those
 * characters allowed - as the page is, else in grey at twice the size (as
 * the second look at a value does), else, on a page received at normal
 * resolution, in grey from its rows as received (interpolated where the
 * bilevel page repeats them: ocr_clean_grey) - it often reads as printed. A line of
 * the page's text
 * is taken for an MRZ line when it has a filler and a run of at least
 * FF_MRZ_MIN_RUN characters without a blank (no word of prose is that
 * long). Its reading on its own replaces it when that is a reading of the
 * same line (same_line) whose check digits pass in more of the places ICAO
 * 9303 gives them (mrz_passes) - so a names line, which has none, is kept
 * as the page read it. A card's first line that still fails its number's
 * check is read once more in its part that holds the number
 * (reread_td1_number). ocr/ffmrz.c takes the MRZ's fields only when their
 * check digits pass.
 */
#define FF_MAX_MRZ_LINES 4
#define FF_MRZ_MIN_RUN 15
static const char mrz_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

/* The longest run of non-blank characters of s[0..n) and whether it holds
 * a filler. */
static size_t mrz_run(const char *s, size_t n, bool *filler)
{
	size_t best = 0, run = 0;
	*filler = false;
	for (size_t i = 0; i < n; i++) {
		*filler |= s[i] == '<';
		run = s[i] == ' ' ? 0 : run + 1;
		if (run > best)
			best = run;
	}
	return best;
}

/* s[at..at+n) (digits only when digits) followed by its check digit. */
static bool mrz_field_passes(const char *s, size_t len, long at, size_t n, bool digits)
{
	if (at < 0 || (size_t)at + n >= len || !isdigit((unsigned char)s[at + (long)n]))
		return false;
	for (size_t i = 0; digits && i < n; i++)
		if (!isdigit((unsigned char)s[(size_t)at + i]))
			return false;
	return ocr_check_mrz_digit(s + at, n) == s[at + (long)n] - '0';
}

/*
 * How many fields with a check digit pass in the line s (blanks left out),
 * in their places round the issuing state or nationality "ITA": a card's
 * number after "C<ITA" (TD1, first line) and its dates before its
 * nationality (TD1, second line), a passport's number before its
 * nationality and its dates after (TD3, second line).
 */
static int mrz_passes(const char *s, size_t n)
{
	char l[128];
	size_t len = 0;
	int passes = 0;
	for (size_t i = 0; i < n && len < sizeof l - 1; i++)
		if (s[i] != ' ')
			l[len++] = s[i];
	l[len] = '\0';
	for (const char *p = strstr(l, "ITA"); p; p = strstr(p + 1, "ITA")) {
		long at = p - l;
		passes += mrz_field_passes(l, len, at + 3, 9, false);	/* TD1 number */
		passes += mrz_field_passes(l, len, at - 15, 6, true);	/* TD1 birth */
		passes += mrz_field_passes(l, len, at - 7, 6, true);	/* TD1 expiry */
		passes += mrz_field_passes(l, len, at - 10, 9, false);	/* TD3 number */
		passes += mrz_field_passes(l, len, at + 3, 6, true);	/* TD3 birth */
		passes += mrz_field_passes(l, len, at + 11, 6, true);	/* TD3 expiry */
	}
	return passes;
}

/*
 * True when b, a line read on its own, is a reading of the page's line a
 * (and not of the one above or below it, which a word's box may reach
 * into): half of b's characters or more stand in a in the same order,
 * case and blanks left aside.
 */
static bool same_line(const char *a, size_t na, const char *b)
{
	char x[128], y[128];
	size_t nx = 0, ny = 0;
	unsigned short prev[129] = { 0 }, cur[129] = { 0 };

	for (size_t i = 0; i < na && nx < sizeof x; i++)
		if (a[i] != ' ')
			x[nx++] = (char)toupper((unsigned char)a[i]);
	for (; *b && ny < sizeof y; b++)
		if (*b != ' ')
			y[ny++] = *b;
	if (ny == 0)
		return false;
	/* their longest common subsequence, row by row */
	for (size_t i = 1; i <= nx; i++) {
		for (size_t j = 1; j <= ny; j++)
			cur[j] = x[i - 1] == y[j - 1] ? (unsigned short)(prev[j - 1] + 1)
				 : cur[j - 1] > prev[j] ? cur[j - 1] : prev[j];
		memcpy(prev, cur, sizeof prev);
	}
	return 2 * (size_t)prev[ny] >= ny;
}

/*
 * r narrowed to its band of ink: the rows round the fullest one that hold
 * a tenth of its ink or more. A word's box takes in the specks above and
 * below its letters, and a line read in a crop twice its height or more
 * reads worse.
 */
static void ink_band(struct Pix *img, struct ocr_region *r)
{
	struct Box *b = boxCreate(r->x, r->y, r->w, r->h);
	struct Pix *part = b ? pixClipRectangle(img, b, NULL) : NULL;
	NUMA *rows = part ? pixCountPixelsByRow(part, NULL) : NULL;
	l_int32 n = rows ? numaGetCount(rows) : 0, top = 0;
	l_float32 max = 0, v = 0;

	if (n > 0)
		numaGetMax(rows, &max, &top);
	if (max > 0) {
		l_int32 a = top, z = top;
		while (a > 0 && numaGetFValue(rows, a - 1, &v) == 0 && v * 10 >= max)
			a--;
		while (z + 1 < n && numaGetFValue(rows, z + 1, &v) == 0 && v * 10 >= max)
			z++;
		r->y += a;
		r->h = z - a + 1;
	}
	numaDestroy(&rows);
	pixDestroy(&part);
	boxDestroy(&b);
}

/* c with its bytes [s, e) replaced by got's text (whose boxes are at ox,
 * oy on the page). */
static void col_splice(struct collect *c, size_t s, size_t e, const struct collect *got, int ox,
		       int oy)
{
	struct collect n = { 0 };
	sb_init(&n.text);
	col_add_boxes(&n, c, 0, 0);
	col_copy(&n, c, 0, s, 0);
	int woff = (int)n.nboxes;
	col_add_boxes(&n, got, ox, oy);
	col_copy(&n, got, 0, got->text.len, woff);
	col_copy(&n, c, e, c->text.len, 0);
	/* a line read once after the bytes replaced moves with them */
	if (c->once_s >= e) {
		n.once_s = c->once_s + got->text.len - (e - s);
		n.once_e = c->once_e + got->text.len - (e - s);
	} else if (c->once_e <= s) {
		n.once_s = c->once_s, n.once_e = c->once_e;
	}
	col_free(c);
	*c = n;
}

/*
 * Where a card's first MRZ line (TD1: "C<ITA", the number, its check
 * digit, then fillers) begins in the line s[0..n): the word in whose
 * first nine characters (blanks left out) "TA" stands, on a line that has a
 * filler, fifteen characters or more, and no two fillers in a row before
 * its fifteenth (a names line has them after the surname). -1 when s is
 * no such line.
 */
static long td1_first_line(const char *s, size_t n)
{
	size_t k = 0, first_pair = 0;
	long start = -1, ta = -1, word = -1;
	bool filler = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			continue;
		if (i == 0 || s[i - 1] == ' ')
			word = (long)i;
		if (start < 0)
			start = word;
		if (k >= 1 && k <= 8 && ta < 0 && s[i] == 'A' && i > 0 && s[i - 1] == 'T')
			ta = word;
		if (s[i] == '<' && i + 1 < n && s[i + 1] == '<' && !first_pair)
			first_pair = k + 1;
		filler |= s[i] == '<';
		k++;
	}
	if (ta < 0 || !filler || k < FF_MRZ_MIN_RUN || (first_pair && first_pair < 15))
		return -1;
	return start;
}

/* r read by t (read_crop_as, how) with the MRZ's characters only. */
static int read_mrz_crop(TessBaseAPI *t, struct Pix *img, struct Pix *gpage, int res,
			 const struct ocr_region *r, struct collect *got, int *ox, int *oy, int how)
{
	TessBaseAPISetVariable(t, "tessedit_char_whitelist", mrz_chars);
	int rc = read_crop_as(t, img, gpage, res, r, got, ox, oy, how);
	TessBaseAPISetVariable(t, "tessedit_char_whitelist", "");
	return rc;
}

/* The reading got of the page's MRZ line l of c in its place, when it reads
 * that line and passes more of its check digits. */
static bool mrz_take(struct collect *c, const struct line_span *l, struct collect *got, int ox,
		     int oy)
{
	const char *line = c->text.buf + l->s;
	size_t len = l->e - l->s;
	if (!same_line(line, len, got->text.buf)
	    || mrz_passes(got->text.buf, got->text.len) <= mrz_passes(line, len))
		return false;
	col_splice(c, l->s, l->e, got, ox, oy);
	return true;
}

/*
 * A card's first MRZ line that no reading above made pass its number's
 * check: the engines read the number, with the check digit after it, in
 * the line's first three fifths (the eighteen characters that hold them,
 * of thirty) without the speckle's pieces under 6 pixels both ways, where
 * the whole line's run of fillers and the speckle round its small letters
 * made it read nothing like it (C<ITACPEAIIGCWMR for C<ITACP84996CV0, page
 * 1905 of build/mkfax's identity copies): the first model as printed and
 * in grey at twice the size, then the second model so, until two readings
 * give the same number. The first
 * reading whose number passes takes the line's place; when no other
 * reading gives that number, it was read once, and chosen by its check
 * digit among readings that fail it - ffmrz.c then trusts it only where
 * the printed number says it too (c->once_s). A number must begin with
 * the C of the electronic card's series (CA12345AB): G and R for C and X
 * pass the same check (weights 7 and 3: 4 x 7 - 6 x 3 = 10).
 */
static bool reread_td1_number(TessBaseAPI *tess, TessBaseAPI *tess2, struct Pix *img, int res,
			      struct collect *c, const struct line_span *l, long at)
{
	struct ocr_region r;
	char first[16] = "", num[16];
	bool agreed = false;
	size_t len = 0;

	if (!span_box(c, l->s + (size_t)at, l->e, &r) || r.w <= 0 || r.h <= 0)
		return false;
	ink_band(img, &r);
	r.w = r.w * 3 / 5;
	for (int k = 0; k < 4 && !agreed; k++) {
		TessBaseAPI *t = k < 2 ? tess : tess2;
		struct collect got = { 0 };
		int ox = 0, oy = 0;
		if (!t)
			continue;
		sb_init(&got.text);
		int rc = read_mrz_crop(t, img, NULL, res, &r, &got, &ox, &oy,
				       CROP_SPECKS | (k % 2 ? CROP_GREY : 0));
		/* a reading of this line's part: it begins as the line does,
		 * and its number passes */
		if (rc == 0 && td1_first_line(got.text.buf, got.text.len) >= 0
		    && ff_td1_number(got.text.buf, got.text.len, num) && num[0] == 'C') {
			if (!first[0]) {
				snprintf(first, sizeof first, "%s", num);
				len = got.text.len;
				col_splice(c, l->s, l->e, &got, ox, oy);
			} else {
				agreed = !strcmp(first, num);
			}
		}
		col_free(&got);
	}
	if (first[0] && !agreed)
		c->once_s = l->s, c->once_e = l->s + len;
	return first[0] != '\0';
}

static void reread_mrz(TessBaseAPI *tess, TessBaseAPI *tess2, struct Pix *img, struct Pix *gpage,
		       int res, struct collect *c)
{
	struct line_span ls[512];
	size_t nl = text_lines(c, ls, ARRAY_SIZE(ls)), tried = 0;

	/* from the last line up: a line replaced leaves those above in place */
	for (size_t l = nl; l-- > 0 && tried < FF_MAX_MRZ_LINES;) {
		const char *line = c->text.buf + ls[l].s;
		size_t len = ls[l].e - ls[l].s;
		long td1 = td1_first_line(line, len);
		struct ocr_region r;
		bool filler, take = false;
		if ((mrz_run(line, len, &filler) < FF_MRZ_MIN_RUN || !filler) && td1 < 0)
			continue;
		if (!span_box(c, ls[l].s, ls[l].e, &r) || r.w <= 0 || r.h <= 0)
			continue;
		ink_band(img, &r);
		tried++;
		/* as the page is; then in grey at twice the size; then (a page
		 * received at normal resolution) in grey from its rows as received */
		for (int grey = 0; grey < (gpage ? 3 : 2) && !take; grey++) {
			struct collect got = { 0 };
			int ox = 0, oy = 0;
			sb_init(&got.text);
			int rc = read_mrz_crop(tess, img, grey == 2 ? gpage : NULL, res, &r, &got,
					       &ox, &oy, grey ? CROP_GREY : 0);
			take = rc == 0 && mrz_take(c, &ls[l], &got, ox, oy);
			col_free(&got);
		}
		if (!take && td1 >= 0 && mrz_passes(line, len) == 0)
			reread_td1_number(tess, tess2, img, res, c, &ls[l], td1);
	}
}

static void reread_done(void *ctx)
{
	struct rereader *rr = ctx;
	col_free(&rr->c);
	memset(&rr->c, 0, sizeof rr->c);
}

static void page_from(struct ocr_page *out, struct collect *c, int pageno, time_t as_of,
		      TessBaseAPI *tess, TessBaseAPI *tess2, struct ocr_engine *e, struct Pix *img,
		      struct Pix *gpage, int res)
{
	struct rereader rr;
	struct ff_reader reader = { reread_region, reread_done, &rr, reread_grey, reread_own,
				    reread_own_grey, reread_page_grey, reread_third,
				    reread_third_grey };
	struct ff_text ft = { c->text.buf, c->conf, c->word, c->boxes,
			      (const char *const *)c->alts, c->doubt, &reader, c->like,
			      c->once_s, c->once_e };
	bool cont = false;

	memset(&rr, 0, sizeof rr);
	rr.tess = tess;
	rr.tess2 = tess2;
	rr.e = e;
	rr.img = img;
	rr.gpage = gpage;
	rr.res = res;
	sb_init(&rr.c.text);
	out->type = ff_parse_as_of(&ft, as_of, &out->doc, &cont);
	out->continuation = cont;
	out->doc.first_page = pageno;
	out->doc.npages = 1;
	free(out->text);
	out->text = xstrdup(c->text.buf);
	col_free(&rr.c);
}

int ocr_freeform_read(TessBaseAPI *tess, TessBaseAPI *tess2, struct ocr_engine *e,
		      struct Pix *clean, struct Pix *grey, int pageno, time_t as_of,
		      struct ocr_page *out, struct ocr_timings *t, struct strbuf *err)
{
	struct collect c = { 0 }, c2 = { 0 };
	struct Pix *img = NULL, *rot = NULL, *gimg = NULL, *grot = NULL;
	long long t0 = ocr_cpu_usec();
	l_int32 xr = 0, yr = 0;
	int rc = -1;

	if (!tess || !clean || !out) {
		sb_addf(err, "freeform: no engine or no page");
		return -1;
	}
	sb_init(&c.text);
	sb_init(&c2.text);
	if (grey && (pixGetDepth(grey) != 8 || pixGetWidth(grey) != pixGetWidth(clean)
		     || pixGetHeight(grey) != pixGetHeight(clean)))
		grey = NULL;
	img = prepare(clean, grey, &gimg);
	if (!img) {
		sb_addf(err, "cannot prepare page %d for recognition", pageno);
		goto out;
	}
	pixGetResolution(clean, &xr, &yr);
	if (xr < 50)
		xr = 204;
	if (ocr_pass(tess, img, xr, &c, err) < 0)
		goto out;
	recover_lines(tess, img, xr, &c);
	reread_mrz(tess, tess2, img, gimg, xr, &c);
	page_from(out, &c, pageno, as_of, tess, tess2, e, img, gimg, xr);
	/* upside down? a page that reads as nothing with poor confidence gets a
	 * second pass turned round; the better reading wins - clearly better,
	 * or better at all when it then reads as a document (a poor copy of
	 * a card turned round: 0.36 -> 0.46, 0.36 -> 0.38 on 1020 identity
	 * copies of build/mkfax) */
	if (out->type == OCR_DOC_UNKNOWN && !out->continuation
	    && (c.nwords < 20 || c.sumconf / c.nwords < 0.70)) {
		rot = pixRotate180(NULL, img);
		double was = c.nwords ? c.sumconf / c.nwords : 0;
		if (rot && ocr_pass(tess, rot, xr, &c2, err) == 0 && c2.nwords > 0
		    && c2.sumconf / c2.nwords > was) {
			struct ocr_page turned = { 0 };
			double now = c2.sumconf / c2.nwords;
			/* read as the page the right way up is: its lost lines,
			 * its MRZ lines again, its grey (a passport upside down,
			 * read without them, had its number held as misread:
			 * page 984 of build/mkfax's identity copies) */
			grot = gimg ? pixRotate180(NULL, gimg) : NULL;
			recover_lines(tess, rot, xr, &c2);
			reread_mrz(tess, tess2, rot, grot, xr, &c2);
			page_from(&turned, &c2, pageno, as_of, tess, tess2, e, rot, grot, xr);
			if (now > was + 0.1
			    || (turned.type != OCR_DOC_UNKNOWN && !turned.continuation)) {
				ocr_document_clear(&out->doc);
				out->doc = turned.doc;
				out->type = turned.type;
				out->continuation = turned.continuation;
				free(out->text);
				out->text = turned.text;
			} else {
				ocr_page_clear(&turned);
			}
		}
	}
	rc = 0;
out:
	if (t)
		t->page_ocr += ocr_cpu_usec() - t0;
	pixDestroy(&rot);
	pixDestroy(&grot);
	pixDestroy(&gimg);
	pixDestroy(&img);
	col_free(&c);
	col_free(&c2);
	return rc;
}

/* ---------------------------------------------------------------- grouping */

/* Adds to d the fields of src that d lacks (a report's later page). */
static void merge_into(struct ocr_document *d, const struct ocr_document *src)
{
	for (size_t i = 0; i < src->nfields; i++) {
		const struct ocr_field *f = &src->fields[i];
		if (ocr_document_field(d, f->name))
			continue;
		struct ocr_field *g = ocr_document_set(d, f->name, f->value, f->confidence,
						       &f->region, f->reason);
		g->raw = f->raw ? xstrdup(f->raw) : NULL;
		for (size_t k = 0; k < src->nreasons; k++)
			if (src->reasons[k].field && !strcmp(src->reasons[k].field, f->name))
				ocr_document_add_reason(d, src->reasons[k].code, f->name, "%s",
							src->reasons[k].text);
	}
}

/*
 * The fields of a denunciation or an identity copy that no rule of the
 * service decides on (DESIGN.md rule 9 and the matching of documents to
 * cases use a denunciation's date, event date, IMEI and line, and an
 * identity copy's fiscal code, names, birth date and expiry). Such a field
 * read with doubt is dropped - absent, as a field that could not be read
 * (FORMS.md) - instead of sending the whole document to a clerk.
 */
static bool nonessential(enum ocr_doctype t, const char *name)
{
	static const char *const den[] = {
		"authority", "number", "event", "reporter", "reporter_cf", "model", NULL
	};
	static const char *const idn[] = { "kind", "number", NULL };
	const char *const *list = t == OCR_DOC_DENUNCIATION ? den : t == OCR_DOC_IDENTITY ? idn : NULL;
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

static void drop_doubtful_nonessential(struct ocr_document *d)
{
	size_t i = 0;
	while (i < d->nfields) {
		const struct ocr_field *f = &d->fields[i];
		if (!f->reason || !nonessential(d->type, f->name)) {
			i++;
			continue;
		}
		char *name = xstrdup(f->name);
		ocr_document_remove_reasons(d, name);
		ocr_document_remove(d, name);
		free(name);
	}
}

int ocr_pages_group(struct ocr_page *pages, int n, struct ocr_document **docs, size_t *ndocs)
{
	struct ocr_document *out = NULL;
	size_t nout = 0;
	int nonblank = 0;

	*docs = NULL;
	*ndocs = 0;
	if (n < 0 || (n > 0 && !pages))
		return -1;
	for (int i = 0; i < n; i++)
		nonblank += !pages[i].blank;
	out = xcalloc((size_t)n + 1, sizeof *out);
	for (int i = 0; i < n; i++) {
		const struct ocr_page *p = &pages[i];
		struct ocr_document *prev = nout ? &out[nout - 1] : NULL;
		if (p->blank) {
			if (nonblank)
				continue;
			/* a fax of nothing but blank pages: one unknown document */
			if (!nout) {
				ocr_document_init(&out[nout], OCR_DOC_UNKNOWN);
				out[nout].first_page = i + 1;
				out[nout].npages = n;
				ocr_document_add_reason(&out[nout], "UNKNOWN_DOCUMENT", NULL,
							"the fax holds only blank pages");
				nout++;
			}
			continue;
		}
		if (p->continuation && prev && prev->type == OCR_DOC_DENUNCIATION) {
			merge_into(prev, &p->doc);
			prev->npages = i + 1 - prev->first_page + 1;
			continue;
		}
		struct ocr_document *d = &out[nout++];
		ocr_document_copy(d, &p->doc);
		d->type = p->type;
		if (d->first_page <= 0)
			d->first_page = i + 1;
		if (d->npages <= 0)
			d->npages = 1;
		if (p->continuation) {
			/* the later page of a report whose first page is not here */
			int first = d->first_page;
			ocr_document_clear(d);
			ocr_document_init(d, OCR_DOC_UNKNOWN);
			d->first_page = first;
			d->npages = 1;
			ocr_document_add_reason(d, "UNKNOWN_DOCUMENT", NULL,
						"a later page of a denunciation without its first page");
		}
	}
	for (size_t i = 0; i < nout; i++)
		drop_doubtful_nonessential(&out[i]);
	/* every document as an instance of its schema: a value it refuses goes
	 * to a clerk */
	for (size_t i = 0; i < nout; i++) {
		struct strbuf err = STRBUF_INIT;
		int bad = ocr_document_validate(&out[i], &err);
		if (bad < 0)
			log_error("cannot validate documents: %s", err.buf);
		sb_release(&err);
		if (bad < 0) {
			for (size_t k = 0; k < nout; k++)
				ocr_document_clear(&out[k]);
			free(out);
			return -1;
		}
	}
	*docs = out;
	*ndocs = nout;
	return 0;
}
