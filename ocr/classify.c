/*
 * classify - decides whether a cleaned page is one of the service's forms,
 * and if so where its millimetres lie on the page.
 *
 * A page is a form when (1) four solid squares of the marks' size sit near
 * the four places the form description gives, in a frame of the right
 * proportions, and (2) the form code printed in the header band reads as
 * the code of a known form. The mapping from the form's millimetres to the
 * page's pixels is the projective transform through the four marks' centres,
 * so a shifted, rotated or slightly scaled page maps as well as a clean one.
 *
 * Failure policy: anything that does not fit (three marks, a square in the
 * wrong place, a code that reads as another version) makes the page "not a
 * form": it is then read as a free-form page. Never a guess.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "common/strbuf.h"
#include "ocr/classify.h"
#include "ocr/form.h"

/* How far from its nominal place a mark is looked for (shift, header band,
 * where the sender's scanner put the page), mm. */
#define MARK_SEARCH_MM 22.0
/* A mark's size may differ by scaling (3 %) and blur; and it must be solid. */
#define MARK_MIN_SIZE 0.72
#define MARK_MAX_SIZE 1.35
#define MARK_MIN_FILL 0.80
/* The frame of the marks must keep the form's proportions within this. */
#define FRAME_TOLERANCE 0.06
#define FRAME_CORNER_MM 4.0

/* Solves the 8x8 system a x = b in place (partial pivoting). */
static int solve8(double a[8][8], double b[8], double x[8])
{
	for (int c = 0; c < 8; c++) {
		int p = c;
		for (int r = c + 1; r < 8; r++)
			if (fabs(a[r][c]) > fabs(a[p][c]))
				p = r;
		if (fabs(a[p][c]) < 1e-12)
			return -1;
		if (p != c) {
			for (int k = 0; k < 8; k++) {
				double t = a[c][k];
				a[c][k] = a[p][k];
				a[p][k] = t;
			}
			double t = b[c];
			b[c] = b[p];
			b[p] = t;
		}
		for (int r = c + 1; r < 8; r++) {
			double f = a[r][c] / a[c][c];
			for (int k = c; k < 8; k++)
				a[r][k] -= f * a[c][k];
			b[r] -= f * b[c];
		}
	}
	for (int r = 7; r >= 0; r--) {
		double s = b[r];
		for (int k = r + 1; k < 8; k++)
			s -= a[r][k] * x[k];
		x[r] = s / a[r][r];
	}
	return 0;
}

/* Fits the projective transform taking src[i] (mm) to dst[i] (pixels). */
static int fit_projective(const double src[4][2], const double dst[4][2], double c[8])
{
	double a[8][8], b[8];
	for (int i = 0; i < 4; i++) {
		double x = src[i][0], y = src[i][1], u = dst[i][0], v = dst[i][1];
		double r1[8] = { x, y, 1, 0, 0, 0, -u * x, -u * y };
		double r2[8] = { 0, 0, 0, x, y, 1, -v * x, -v * y };
		memcpy(a[2 * i], r1, sizeof r1);
		memcpy(a[2 * i + 1], r2, sizeof r2);
		b[2 * i] = u;
		b[2 * i + 1] = v;
	}
	return solve8(a, b, c);
}

void ocr_formmap_point(const struct ocr_formmap *m, double xmm, double ymm, double *x, double *y)
{
	const double *c = m->c;
	double d = c[6] * xmm + c[7] * ymm + 1;
	if (fabs(d) < 1e-9)
		d = 1e-9;
	*x = (c[0] * xmm + c[1] * ymm + c[2]) / d;
	*y = (c[3] * xmm + c[4] * ymm + c[5]) / d;
}

BOX *ocr_formmap_box(const struct ocr_formmap *m, const struct ocr_form_rect *r, double grow,
		     int w, int h)
{
	double xs[2] = { r->x - grow, r->x + r->w + grow };
	double ys[2] = { r->y - grow, r->y + r->h + grow };
	double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double x, y;
			ocr_formmap_point(m, xs[i], ys[j], &x, &y);
			x0 = fmin(x0, x);
			y0 = fmin(y0, y);
			x1 = fmax(x1, x);
			y1 = fmax(y1, y);
		}
	return ocr_box_clipped((int)floor(x0), (int)floor(y0), (int)ceil(x1), (int)ceil(y1), w, h, 2);
}

BOX *ocr_box_clipped(int x0, int y0, int x1, int y1, int w, int h, int min)
{
	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > w)
		x1 = w;
	if (y1 > h)
		y1 = h;
	if (x1 - x0 < min || y1 - y0 < min)
		return NULL;
	return boxCreate(x0, y0, x1 - x0, y1 - y0);
}

/* The best solid square of about side x side pixels inside `win` near
 * (ex, ey). Returns 0 and its centre, or -1. */
static int find_square(PIX *pix, BOX *win, double side, double ex, double ey, double *cx,
		       double *cy)
{
	l_int32 wx, wy, ww, wh;
	PIX *clip = NULL;
	BOXA *ba = NULL;
	int found = -1;
	double best = 1e18;

	boxGetGeometry(win, &wx, &wy, &ww, &wh);
	clip = pixClipRectangle(pix, win, NULL);
	if (!clip)
		goto out;
	ba = pixConnCompBB(clip, 8);
	if (!ba)
		goto out;
	for (l_int32 i = 0; i < boxaGetCount(ba); i++) {
		l_int32 x, y, w, h, cnt = 0;
		boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
		if (w < side * MARK_MIN_SIZE || h < side * MARK_MIN_SIZE ||
		    w > side * MARK_MAX_SIZE || h > side * MARK_MAX_SIZE)
			continue;
		if (w > 1.3 * h || h > 1.3 * w)
			continue;
		BOX *b = boxaGetBox(ba, i, L_CLONE);
		pixCountPixelsInRect(clip, b, &cnt, NULL);
		boxDestroy(&b);
		if (cnt < MARK_MIN_FILL * w * h)
			continue;
		double mx = wx + x + w / 2.0, my = wy + y + h / 2.0;
		double d = (mx - ex) * (mx - ex) + (my - ey) * (my - ey);
		if (d < best) {
			best = d;
			*cx = mx;
			*cy = my;
			found = 0;
		}
	}
out:
	boxaDestroy(&ba);
	pixDestroy(&clip);
	return found;
}

int ocr_find_marks(PIX *clean, const struct ocr_form *layout, struct ocr_formmap *map)
{
	double src[4][2];
	int w = pixGetWidth(clean), h = pixGetHeight(clean);
	int xres = pixGetXRes(clean), yres = pixGetYRes(clean);
	double pxmm = (xres > 0 ? xres : 204) / 25.4;
	double pymm = (yres > 0 ? yres : xres > 0 ? xres : 204) / 25.4;

	memset(map, 0, sizeof *map);
	/* The page is w pixels across; the form is centred on it as a fax
	 * machine scans it. */
	double offx = (w / pxmm - ocr_form_width(layout)) / 2;
	for (int i = 0; i < 4; i++) {
		struct ocr_form_rect r = ocr_form_mark(layout, i);
		src[i][0] = r.x + r.w / 2;
		src[i][1] = r.y + r.h / 2;
		double ex = (src[i][0] + offx) * pxmm, ey = src[i][1] * pymm;
		double s = MARK_SEARCH_MM * pxmm;
		int x0 = (int)fmax(0, ex - s), y0 = (int)fmax(0, ey - s);
		int x1 = (int)fmin(w, ex + s), y1 = (int)fmin(h, ey + s);
		if (x1 - x0 < 8 || y1 - y0 < 8)
			return -1;
		BOX *win = boxCreate(x0, y0, x1 - x0, y1 - y0);
		int rc = find_square(clean, win, r.w * pxmm, ex, ey, &map->marks[i][0],
				     &map->marks[i][1]);
		boxDestroy(&win);
		if (rc)
			return -1;
	}
	/* the frame: proportions and the fourth corner where the other three put it */
	double (*m)[2] = map->marks;
	double top = hypot(m[1][0] - m[0][0], m[1][1] - m[0][1]);
	double left = hypot(m[2][0] - m[0][0], m[2][1] - m[0][1]);
	double ftop = src[1][0] - src[0][0], fleft = src[2][1] - src[0][1];
	double sx = top / ftop, sy = left / fleft;
	if (fabs(sx / pxmm - 1) > FRAME_TOLERANCE || fabs(sy / pymm - 1) > FRAME_TOLERANCE ||
	    fabs((sx / pxmm) / (sy / pymm) - 1) > FRAME_TOLERANCE / 2)
		return -1;
	double px = m[1][0] + m[2][0] - m[0][0], py = m[1][1] + m[2][1] - m[0][1];
	if (hypot(px - m[3][0], py - m[3][1]) > FRAME_CORNER_MM * pxmm)
		return -1;
	if (fit_projective(src, map->marks, map->c))
		return -1;
	map->pxmm = (sx + sy) / 2;
	map->pymm = sy;
	map->pxmm_x = sx;
	return 0;
}

/* A code as letters and digits only, with the characters OCR confuses
 * folded together ("AR-SEDE-01" -> "ARSEDEOI"). */
static void canon_code(const char *in, char *out, size_t n)
{
	size_t k = 0;
	for (; *in && k + 1 < n; in++) {
		int c = toupper((unsigned char)*in);
		if (!isalnum(c))
			continue;
		switch (c) {
		case '0': case 'Q': c = 'O'; break;
		case '1': case 'L': c = 'I'; break;
		case '5': c = 'S'; break;
		case '8': c = 'B'; break;
		default: break;
		}
		out[k++] = (char)c;
	}
	out[k] = 0;
}

const struct ocr_form *ocr_read_form_code(TessBaseAPI *tess, PIX *clean,
					  const struct ocr_formmap *map, struct strbuf *raw,
					  double *conf)
{
	const char *const *codes = ocr_form_codes();
	const struct ocr_form *layout = NULL, *found = NULL;
	struct strbuf err = STRBUF_INIT;
	char *text = NULL;
	char canon[64], want[64];

	if (conf)
		*conf = 0;
	layout = codes && codes[0] ? ocr_form_get(codes[0], &err) : NULL;
	const struct ocr_form_text *ct = layout ? ocr_form_text_by_role(layout, OCR_FORM_CODE) : NULL;
	if (!ct)
		goto out;
	double mm = ct->size * 25.4 / 72;	/* the type's body, mm */
	struct ocr_form_rect tr = ocr_form_mark(layout, 1);
	struct ocr_form_rect r = { ct->x - 2.5, ct->y - 1.15 * mm, 0, 1.5 * mm };
	r.w = tr.x - 0.6 - r.x;
	BOX *b = ocr_formmap_box(map, &r, 0, pixGetWidth(clean), pixGetHeight(clean));
	if (!b)
		goto out;
	l_int32 bx, by, bw, bh;
	boxGetGeometry(b, &bx, &by, &bw, &bh);
	boxDestroy(&b);
	TessBaseAPISetPageSegMode(tess, PSM_SINGLE_LINE);
	TessBaseAPISetVariable(tess, "tessedit_char_whitelist", "MOD.AR-SEDBLC0123456789 ");
	TessBaseAPISetRectangle(tess, bx, by, bw, bh);
	if (TessBaseAPIRecognize(tess, NULL) != 0)
		goto out;
	text = TessBaseAPIGetUTF8Text(tess);
	if (!text)
		goto out;
	if (raw) {
		sb_adds(raw, text);
		sb_trim(raw);
	}
	if (conf)
		*conf = TessBaseAPIMeanTextConf(tess) / 100.0;
	canon_code(text, canon, sizeof canon);
	/* whatever precedes the code proper ("MOD.") is not compared */
	char *ar = strstr(canon, "AR");
	if (!ar)
		goto out;
	for (size_t i = 0; codes[i]; i++) {
		canon_code(codes[i], want, sizeof want);
		if (strcmp(ar, want) == 0) {
			found = ocr_form_get(codes[i], &err);
			break;
		}
	}
out:
	if (text)
		TessDeleteText(text);
	sb_release(&err);
	return found;
}
