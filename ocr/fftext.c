/*
 * fftext - classifies the text of a free-form page (denunciation, identity
 * copy, anything else) and extracts the fields of FORMS.md from it.
 *
 * The text is folded into ASCII (accents dropped, curly quotes made plain)
 * with a map back to the original bytes, so that keywords match whatever
 * Tesseract printed, and every value found keeps the span it came from: its
 * confidence is the lowest word confidence of that span, its region the
 * union of those words' boxes.
 *
 * Failure policy: nothing here fails. A value is put into the document only
 * when its label or its shape was found; a value that fails its check
 * (IMEI Luhn, fiscal code check character, document number shape) after the
 * conservative repairs below, or whose words were read with low confidence,
 * is kept with a reason so that it is never trusted. Repairs are limited to
 * (a) a letter read where only a digit can stand or the reverse, mapped by
 * the usual confusions (O/0, I/1, S/5, B/8...), and (b) replacing one
 * character by an alternative Tesseract itself considered; a repaired value
 * must pass its check, and only a unique candidate is taken.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/util.h"
#include "ocr/check.h"
#include "ocr/choose.h"
#include "ocr/fftext.h"
#include "ocr/freeform.h"

/* ---------------------------------------------------------------- folding */

struct fview {
	const struct ff_text *t;
	char *s;		/* folded ASCII, lower case */
	char *u;		/* folded ASCII, case kept */
	size_t *map;		/* folded index -> byte offset in t->text (n + 1 entries) */
	size_t n;
	time_t as_of;		/* the day the page is read as of; 0: the clock's */
};

static char fold_cp(unsigned cp)
{
	if (cp < 0x80) {
		if (cp == '`')
			return '\'';
		if (cp == '\n')
			return '\n';
		if (cp < 0x20 || cp == 0x7f)
			return ' ';
		return (char)cp;
	}
	if (cp >= 0xc0 && cp <= 0xc5) return 'A';
	if (cp >= 0xc8 && cp <= 0xcb) return 'E';
	if (cp >= 0xcc && cp <= 0xcf) return 'I';
	if (cp >= 0xd2 && cp <= 0xd6) return 'O';
	if (cp >= 0xd9 && cp <= 0xdc) return 'U';
	if (cp >= 0xe0 && cp <= 0xe5) return 'a';
	if (cp >= 0xe8 && cp <= 0xeb) return 'e';
	if (cp >= 0xec && cp <= 0xef) return 'i';
	if (cp >= 0xf2 && cp <= 0xf6) return 'o';
	if (cp >= 0xf9 && cp <= 0xfc) return 'u';
	switch (cp) {
	case 0xc7: return 'C';
	case 0xe7: return 'c';
	case 0xd1: return 'N';
	case 0xf1: return 'n';
	case 0xa0: return ' ';
	case 0xb0: case 0xba: return '.';	/* N° */
	case 0xb4: case 0x2018: case 0x2019: case 0x2032: return '\'';
	case 0xab: case 0xbb: case 0x201c: case 0x201d: case 0x201e: return '"';
	case 0x2010: case 0x2013: case 0x2014: case 0x2212: return '-';
	default: return '?';
	}
}

static void view_init(struct fview *v, const struct ff_text *t)
{
	const unsigned char *p = (const unsigned char *)t->text;
	size_t len = strlen(t->text), i = 0, n = 0;

	v->t = t;
	v->as_of = 0;
	v->s = xmalloc(len + 1);
	v->u = xmalloc(len + 1);
	v->map = xmalloc((len + 1) * sizeof *v->map);
	while (i < len) {
		unsigned c = p[i], cp = '?';
		size_t k = 1;
		if (c < 0x80) {
			cp = c;
		} else if ((c & 0xe0) == 0xc0 && i + 1 < len) {
			cp = ((c & 0x1f) << 6) | (p[i + 1] & 0x3f);
			k = 2;
		} else if ((c & 0xf0) == 0xe0 && i + 2 < len) {
			cp = ((c & 0x0f) << 12) | ((p[i + 1] & 0x3f) << 6) | (p[i + 2] & 0x3f);
			k = 3;
		} else if ((c & 0xf8) == 0xf0 && i + 3 < len) {
			cp = 0x10000;
			k = 4;
		}
		v->u[n] = fold_cp(cp);
		v->s[n] = (char)tolower((unsigned char)v->u[n]);
		v->map[n] = i;
		n++;
		i += k;
	}
	v->u[n] = v->s[n] = '\0';
	v->map[n] = len;
	v->n = n;
}

/* The day the page is read as of (its fax's receipt, else the clock's)
 * as yyyymmdd: "today" for an expiry that must lie after it, a birth
 * date that must not. */
static int view_today(const struct fview *v)
{
	char now[16];
	util_format_date(v->as_of > 0 ? v->as_of : util_now(), now, sizeof now);
	return atoi(now) * 10000 + atoi(now + 5) * 100 + atoi(now + 8);
}

static void view_free(struct fview *v)
{
	free(v->s);
	free(v->u);
	free(v->map);
}

static bool is_al(char c)
{
	return isalnum((unsigned char)c) != 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\n';
}

/* ---------------------------------------------------------------- spans */

static double span_conf(const struct fview *v, size_t fs, size_t fe)
{
	double c = 1.0;
	if (!v->t->conf)
		return 1.0;
	for (size_t i = fs; i < fe && i < v->n; i++) {
		if (is_blank(v->s[i]))
			continue;
		double x = v->t->conf[v->map[i]];
		if (x < c)
			c = x;
	}
	return c;
}

static struct ocr_region span_region(const struct fview *v, size_t fs, size_t fe)
{
	struct ocr_region r = { 0, 0, 0, 0 };
	int x1 = 0, y1 = 0, x2 = 0, y2 = 0, last = -1;
	bool any = false;

	if (!v->t->word || !v->t->boxes)
		return r;
	for (size_t i = fs; i < fe && i < v->n; i++) {
		int w = v->t->word[v->map[i]];
		if (w < 0 || w == last)
			continue;
		last = w;
		const struct ocr_region *b = &v->t->boxes[w];
		if (!any) {
			x1 = b->x, y1 = b->y, x2 = b->x + b->w, y2 = b->y + b->h;
			any = true;
			continue;
		}
		if (b->x < x1) x1 = b->x;
		if (b->y < y1) y1 = b->y;
		if (b->x + b->w > x2) x2 = b->x + b->w;
		if (b->y + b->h > y2) y2 = b->y + b->h;
	}
	if (any) {
		r.x = x1, r.y = y1, r.w = x2 - x1, r.h = y2 - y1;
		if (r.w == 0)
			r.w = 1;
	}
	return r;
}

/* The original text of a span, blanks collapsed to single spaces. */
static char *span_text(const struct fview *v, size_t fs, size_t fe)
{
	struct strbuf sb = STRBUF_INIT;
	const char *txt = v->t->text;
	size_t a = v->map[fs], b = v->map[fe];
	bool sp = false;

	sb_init(&sb);
	for (size_t i = a; i < b; i++) {
		char c = txt[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			sp = sb.len > 0;
			continue;
		}
		if (sp)
			sb_addc(&sb, ' ');
		sp = false;
		sb_addc(&sb, c);
	}
	return sb_detach(&sb);
}

/* Alternatives Tesseract considered for the character at folded index i. */
static const char *alts_at(const struct fview *v, size_t i)
{
	if (!v->t->alts)
		return "";
	const char *a = v->t->alts[v->map[i]];
	return a ? a : "";
}

/* Which letters and digits of the span had a real contender (bit k: the
 * k-th of them; n: how many there are). */
static unsigned long long span_doubts(const struct fview *v, size_t fs, size_t fe, int *n)
{
	unsigned long long mask = 0;
	*n = 0;
	for (size_t i = fs; i < fe && i < v->n; i++) {
		if (!is_al(v->s[i]))
			continue;
		if (v->t->doubt && v->t->doubt[v->map[i]] >= FF_MAX_DOUBT && *n < 64)
			mask |= 1ull << *n;
		(*n)++;
	}
	return mask;
}

/* True when Tesseract had a real contender for a letter or digit of the
 * span: a value nothing checks is then not to be trusted. */
static bool span_doubtful(const struct fview *v, size_t fs, size_t fe)
{
	int n;
	return span_doubts(v, fs, fe, &n) != 0;
}

/* The page's reading of a value that a second look is for: its confidence,
 * and which of its n letters and digits had a contender. */
struct reading {
	double conf;
	unsigned long long doubts;
	int n;
};

static bool second_look(const struct fview *v, const struct ocr_document *d, const char *name,
			const char *first, const struct reading *page, const struct ocr_region *r,
			char *out, size_t size, double *conf);

static bool report_number_shape(const char *s);
static bool idnum_doubtful(const struct fview *v, size_t fs, size_t fe);
static unsigned long long idnum_doubts(const struct fview *v, size_t fs, size_t fe, int *n);

/* value_doubts: the contenders of an identity copy's number as its shape
 * sees them (idnum_doubts), of any other value its letters' and digits'. */
static unsigned long long value_doubts(const struct fview *v, const struct ocr_document *d,
				       const char *name, size_t fs, size_t fe, int *n)
{
	if (d->type == OCR_DOC_IDENTITY && !strcmp(name, "number"))
		return idnum_doubts(v, fs, fe, n);
	return span_doubts(v, fs, fe, n);
}

/*
 * A report number's characters had a contender - leaving out its year
 * ("2026/...", ".../2026", ".../26") when that is the year of the report's
 * date, which says the same. An identity document's number: a contender
 * that its shape allows (idnum_doubtful).
 */
static bool number_doubtful(const struct fview *v, const struct ocr_document *d, size_t fs,
			    size_t fe)
{
	const char *date = ocr_document_value(d, "date");
	const char *u = v->u;
	if (d->type == OCR_DOC_IDENTITY)
		return idnum_doubtful(v, fs, fe);
	if (d->type == OCR_DOC_DENUNCIATION && date && fe > fs + 5) {
		if (fe - fs > 5 && !strncmp(u + fs, date, 4) && u[fs + 4] == '/')
			fs += 5;
		else if (!strncmp(u + fe - 5, "/", 1) && !strncmp(u + fe - 4, date, 4))
			fe -= 5;
		else if (u[fe - 3] == '/' && !strncmp(u + fe - 2, date + 2, 2))
			fe -= 3;
	}
	if (d->type == OCR_DOC_DENUNCIATION && v->t->doubt_like && fe - fs < 40) {
		/* where the number's shape says digit or letter (a province's
		 * two letters, then digits), only a contender of the same kind
		 * is a doubt: an 8 that might have been a B is an 8 */
		char val[40];
		snprintf(val, sizeof val, "%.*s", (int)(fe - fs), u + fs);
		if (report_number_shape(val)) {
			for (size_t i = fs; i < fe; i++)
				if (is_al(v->s[i]) && v->t->doubt_like[v->map[i]] >= FF_MAX_DOUBT)
					return true;
			return false;
		}
	}
	return span_doubtful(v, fs, fe);
}

/* The reason a caller gives for a value held for how it was read (a letter
 * read where a digit must stand...), as opposed to what it says. */
static const char read_doubt[] = "LOW_CONFIDENCE";

static void put(struct ocr_document *d, const struct fview *v, const char *name,
		const char *value, size_t fs, size_t fe, double minconf, const char *reason,
		double capconf)
{
	double c = span_conf(v, fs, fe);
	struct ocr_region r = span_region(v, fs, fe);
	struct ocr_field *f;

	if (capconf < c)
		c = capconf;
	/* held for how it was read (not for what it says): worth a second look */
	bool quality = reason && (reason == read_doubt || strstr(reason, "CHECKSUM"));
	if (!reason && c < minconf) {
		reason = "LOW_CONFIDENCE";
		quality = true;
	}
	/* a document's number has no check of its own */
	static const char *const unchecked[] = { "number", NULL };
	for (const char *const *u = unchecked; !reason && *u; u++)
		if (!strcmp(name, *u) && number_doubtful(v, d, fs, fe)) {
			reason = "LOW_CONFIDENCE";
			quality = true;
			if (c > 0.5)
				c = 0.5;
		}
	char second[64];
	double c2;
	struct reading page = { span_conf(v, fs, fe), 0, 0 };
	if (quality)
		page.doubts = value_doubts(v, d, name, fs, fe, &page.n);
	if (quality && second_look(v, d, name, value, &page, &r, second, sizeof second, &c2)) {
		value = second;
		reason = NULL;
		c = c2;
	}
	if (!reason)
		reason = ocr_check_field(name, value);
	f = ocr_document_set(d, name, value, c, &r, reason);
	if (f && fe > fs) {
		free(f->raw);
		f->raw = span_text(v, fs, fe);
	}
	if (reason) {
		if (!strcmp(reason, "LOW_CONFIDENCE"))
			ocr_document_add_reason(d, reason, name, "%s read with confidence %.2f",
						name, c);
		else
			ocr_document_add_reason(d, reason, name, "%s fails its check", name);
	}
}

/* ---------------------------------------------------------------- matching */

/*
 * Matches pat at folded index i; returns the end index, or -1. Pattern
 * language: lower-case letters match either case, upper-case letters only
 * upper case; ' ' matches one or more blanks (none before punctuation);
 * '\'' an optional apostrophe with optional blanks; '.' an optional dot;
 * a trailing '*' drops the word boundary at the end.
 */
static long pmatch(const struct fview *v, size_t i, const char *pat)
{
	size_t j = i;
	char last = 0;
	bool prefix = false;

	if (is_al(*pat) && i > 0 && is_al(v->s[i - 1]))
		return -1;
	for (const char *p = pat; *p; p++) {
		char c = *p;
		if (c == '*' && !p[1]) {
			prefix = true;
			break;
		}
		if (c == ' ') {
			/* specks read as punctuation between words count as blanks:
			 * "PATENTE: DI GUIDA", "CARTA'. D'IDENTITA" */
			size_t k = j;
			while (k < v->n && (is_blank(v->s[k]) || (k > i && strchr(":;,.'\"|_", v->s[k])
								  && k + 1 < v->n && !is_al(v->s[k + 1])
								  && v->s[k + 1] != '\n')))
				k++;
			while (k < v->n && is_blank(v->s[k]))
				k++;
			if (k == j && j < v->n && is_al(v->s[j]) && j > 0 && is_al(v->s[j - 1]))
				return -1;
			j = k;
			last = ' ';
			continue;
		}
		if (c == '\'') {
			if (j < v->n && (v->s[j] == '\'' || v->s[j] == '"'))
				j++;
			while (j < v->n && v->s[j] == ' ')
				j++;
			last = '\'';
			continue;
		}
		if (c == '.') {
			if (j < v->n && v->s[j] == '.') {
				j++;
				last = '.';
			}
			continue;
		}
		if (j >= v->n)
			return -1;
		if (isupper((unsigned char)c) ? v->u[j] != c : v->s[j] != c)
			return -1;
		last = c;
		j++;
	}
	if (!prefix && is_al(last) && j < v->n && is_al(v->s[j]))
		return -1;
	return (long)j;
}

/* First match of pat in [from, to); returns its start or -1, end in *end. */
static long pfind(const struct fview *v, size_t from, size_t to, const char *pat, size_t *end)
{
	if (to > v->n)
		to = v->n;
	for (size_t i = from; i < to; i++) {
		long e = pmatch(v, i, pat);
		if (e >= 0) {
			if (end)
				*end = (size_t)e;
			return (long)i;
		}
	}
	return -1;
}

/* First match of any of pats (NULL-terminated); earliest start wins. */
static long pfind_any(const struct fview *v, size_t from, size_t to, const char *const *pats,
		      size_t *end)
{
	long best = -1;
	size_t bend = 0;
	for (; *pats; pats++) {
		size_t e;
		long s = pfind(v, from, best >= 0 ? (size_t)best : to, *pats, &e);
		if (s >= 0 && (best < 0 || s < best)) {
			best = s;
			bend = e;
		}
	}
	if (best >= 0 && end)
		*end = bend;
	return best;
}

static bool has_any(const struct fview *v, const char *const *pats)
{
	return pfind_any(v, 0, v->n, pats, NULL) >= 0;
}

static size_t line_start(const struct fview *v, size_t i)
{
	while (i > 0 && v->s[i - 1] != '\n')
		i--;
	return i;
}

static size_t line_end(const struct fview *v, size_t i)
{
	while (i < v->n && v->s[i] != '\n')
		i++;
	return i;
}

static size_t skip_blanks(const struct fview *v, size_t i)
{
	while (i < v->n && is_blank(v->s[i]))
		i++;
	return i;
}

/* Skips blanks and the punctuation between a label and its value. */
/* Where the line of i begins, leaving out blanks and the specks read as
 * punctuation before it (-4b. 18-12-2031). */
static size_t line_lead(const struct fview *v, size_t i)
{
	i = line_start(v, i);
	while (i < v->n && v->s[i] != '\n' && !is_al(v->s[i]))
		i++;
	return i;
}

static size_t skip_sep(const struct fview *v, size_t i)
{
	while (i < v->n && (is_blank(v->s[i]) || strchr(":.;=/|-_'\"()[]{}", v->s[i])))
		i++;
	return i;
}

/* ---------------------------------------------------------------- dates */

enum dkind { D_NONE, D_DOC, D_EVENT, D_BIRTH, D_ISSUE, D_EXPIRY };

struct fdate {
	size_t s, e;
	int y, m, d;
	bool forced;		/* a letter was read as a digit */
	char iso[16];
	enum dkind kind;
};

/* q as the number yyyymmdd, which orders dates as the calendar does. */
static int fdate_key(const struct fdate *q)
{
	return q->y * 10000 + q->m * 100 + q->d;
}

static const char *const months[] = {
	"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
	"agosto", "settembre", "ottobre", "novembre", "dicembre",
};

static int digit_at(const struct fview *v, size_t i, bool *forced)
{
	char c = v->u[i];
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c == 'O' || c == 'o') {
		*forced = true;
		return 0;
	}
	if (c == 'l' || c == 'I' || c == '|') {
		*forced = true;
		return 1;
	}
	return -1;
}

/* Reads 1..max digits at *i; returns the number or -1. */
static int read_num(const struct fview *v, size_t *i, int min, int max, bool *forced)
{
	int val = 0, k = 0;
	bool f = false;
	while (*i < v->n && k < max) {
		int dg = digit_at(v, *i, &f);
		if (dg < 0)
			break;
		val = val * 10 + dg;
		(*i)++;
		k++;
	}
	if (k < min || (*i < v->n && isdigit((unsigned char)v->u[*i])))
		return -1;
	/* a letter counts as a digit only beside real digits */
	if (f)
		*forced = true;
	return val;
}

/* Fills out when y-m-d is a real day of a plausible year (check.h's ISO check). */
static bool date_fill(struct fdate *out, size_t s, size_t e, int y, int m, int d, bool forced,
		      enum dkind kind)
{
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(out->iso, sizeof out->iso, "%04d-%02d-%02d", y, m, d);
	if (ocr_check_field("date", out->iso))
		return false;
	out->s = s;
	out->e = e;
	out->y = y, out->m = m, out->d = d;
	out->forced = forced;
	out->kind = kind;
	return true;
}

/* Edit distance of the n letters at a to b, up to 2 (more counts as 2). */
static int near_word(const char *a, size_t n, const char *b)
{
	size_t m = strlen(b);
	int prev[16], col[16];
	if (n >= 16 || m >= 16 || (n > m ? n - m : m - n) > 1)
		return 2;
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		col[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			int del = prev[j] + 1, ins = col[j - 1] + 1;
			col[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, col, (m + 1) * sizeof *col);
	}
	return prev[m] < 2 ? prev[m] : 2;
}

/* A month's name at i, also with one letter misread, lost or added
 * (gennalo): no two names are that close. */
static int month_at(const struct fview *v, size_t i, size_t *end)
{
	size_t we = i;
	int found = -1;
	for (int m = 0; m < 12; m++) {
		long e = pmatch(v, i, months[m]);
		if (e >= 0) {
			*end = (size_t)e;
			return m + 1;
		}
	}
	if (i > 0 && is_al(v->s[i - 1]))
		return -1;
	while (we < v->n && isalpha((unsigned char)v->s[we]))
		we++;
	for (int m = 0; m < 12; m++) {
		if (near_word(v->s + i, we - i, months[m]) > 1)
			continue;
		if (found >= 0)
			return -1;
		found = m;
	}
	if (found >= 0)
		*end = we;
	return found >= 0 ? found + 1 : -1;
}

/* 1 when the character at k repeats the date separator sep just before
 * it (a dot, a slash or a dash read twice: a speck beside it taken for
 * another) and a digit follows: one separator, printed once; else 0. */
static size_t twin_sep(const struct fview *v, size_t k, char sep)
{
	return k + 1 < v->n && v->s[k] == sep && strchr("./-", sep)
	       && isdigit((unsigned char)v->u[k + 1]);
}

/*
 * dd mm yyyy at i: two characters, two and four, each of the first two
 * parts followed by one of seps and perhaps a blank after it, the last
 * not followed by another such character. Digits as read, or (any) letters
 * and digits. The eight characters go to out, the end to *end.
 */
static bool dmy_chars_at(const struct fview *v, size_t i, const char *seps, bool any,
			 char out[9], size_t *end)
{
	size_t k = i, n = 0;

	for (int p = 0; p < 3; p++) {
		for (int c = 0; c < (p < 2 ? 2 : 4); c++, k++) {
			if (k >= v->n || !(any ? is_al(v->s[k]) : isdigit((unsigned char)v->u[k])))
				return false;
			out[n++] = v->u[k];
		}
		if (p == 2)
			break;
		if (k >= v->n || !strchr(seps, v->s[k]))
			return false;
		k++;
		k += twin_sep(v, k, v->s[k - 1]);
		if (v->s[k - 1] != ' ' && k < v->n && v->s[k] == ' ')
			k++;
	}
	out[8] = '\0';
	if (k < v->n && (any ? is_al(v->s[k]) : isdigit((unsigned char)v->u[k])))
		return false;
	*end = k;
	return true;
}

/* dd mm yyyy at i as read: digits only (no letter for a digit, the year
 * not followed by another), separated by seps. */
static bool dmy_at(const struct fview *v, size_t i, const char *seps, char digits[9], size_t *end)
{
	return dmy_chars_at(v, i, seps, false, digits, end);
}

/*
 * "16 07 2034", "24,06,1959", "04,10 1996": a date whose separators a
 * copy's noise took away or turned into commas or blanks, taken in its
 * full form only (two digits, two digits, four), as read (no letter for a
 * digit).
 */
static bool loose_date_at(const struct fview *v, size_t i, struct fdate *out)
{
	char dg[9];
	size_t k;

	if (!dmy_at(v, i, ",.:; ", dg, &k))
		return false;
	return date_fill(out, i, k, atoi(dg + 4), (dg[2] - '0') * 10 + (dg[3] - '0'),
			 (dg[0] - '0') * 10 + (dg[1] - '0'), false, D_NONE);
}

static bool strict_date_at(const struct fview *v, size_t i, struct fdate *out);

/* A date starting at i (dd/mm/yyyy and kin, "d monthname yyyy"). */
static bool date_at(const struct fview *v, size_t i, struct fdate *out)
{
	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	return strict_date_at(v, i, out) || loose_date_at(v, i, out);
}

static bool strict_date_at(const struct fview *v, size_t i, struct fdate *out)
{
	bool forced = false;
	size_t j = i;
	int d, m, y;

	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	if (!isdigit((unsigned char)v->u[i]) && !(i + 1 < v->n && isdigit((unsigned char)v->u[i + 1])))
		return false;
	d = read_num(v, &j, 1, 2, &forced);
	if (d < 0)
		return false;
	/* "24,08.2026": a dot read as a comma after the day */
	if (j + 3 < v->n && v->s[j] == ',' && isdigit((unsigned char)v->u[j + 1])
	    && isdigit((unsigned char)v->u[j + 2]) && v->s[j + 3] == '.') {
		size_t k = j + 1;
		m = read_num(v, &k, 2, 2, &forced);
		if (m < 0 || k >= v->n || v->s[k] != '.')
			return false;
		k++;
		y = read_num(v, &k, 4, 4, &forced);
		if (y < 0)
			return false;
		return date_fill(out, i, k, y, m, d, forced, D_NONE);
	}
	if (j < v->n && v->s[j] && strchr("/-.:;", v->s[j])) {
		char sep = v->s[j];
		size_t k = j + 1;
		/* "10..02.2032" */
		k += twin_sep(v, k, sep);
		/* "28. 02.1955": a blank the OCR saw after a separator */
		if (k + 1 < v->n && v->s[k] == ' ' && isdigit((unsigned char)v->u[k + 1]))
			k++;
		m = read_num(v, &k, 1, 2, &forced);
		/* 16.04,2026: a dot read as a comma; 27:04.1988, 03;11.2029: a dot
		 * with a speck over it (one of the two is a real separator) */
		if (m < 0 || k >= v->n || !v->s[k])
			return false;
		char sep2 = v->s[k];
		bool dots = strchr(".,:;", sep) && strchr(".,:;", sep2)
			    && (sep == '.' || sep2 == '.');
		if (sep2 != sep && !dots)
			return false;
		if (sep2 == sep && !strchr("/-.", sep))
			return false;
		k++;
		k += twin_sep(v, k, sep2);
		if (k + 1 < v->n && v->s[k] == ' ' && isdigit((unsigned char)v->u[k + 1]))
			k++;
		y = read_num(v, &k, 4, 4, &forced);
		if (y < 0)
			return false;
		j = k;
	} else {
		size_t k = j;
		if (k < v->n && v->s[k] == '.')	/* 1° */
			k++;
		if (k >= v->n || v->s[k] != ' ')
			return false;
		k = skip_blanks(v, k);
		m = month_at(v, k, &k);
		if (m < 0 || k >= v->n || !is_blank(v->s[k]))
			return false;
		k = skip_blanks(v, k);
		y = read_num(v, &k, 4, 4, &forced);
		if (y < 0)
			return false;
		j = k;
	}
	return date_fill(out, i, j, y, m, d, forced, D_NONE);
}

/* "l'anno 2026, addì 20 del mese di novembre" (the style of many reports). */
/* "addi' 20 del mese di novembre", "giorno 20 del mese di novembre" at i:
 * the day and month, the end in *end, the day's digits from *ds. */
static bool day_month_at(const struct fview *v, size_t i, int *d, int *m, size_t *ds, size_t *end,
			 bool *forced)
{
	size_t k;

	if (pmatch(v, i, "giorno") < 0 && pmatch(v, i, "addi") < 0)
		return false;
	k = (size_t)(pmatch(v, i, "giorno") >= 0 ? pmatch(v, i, "giorno") : pmatch(v, i, "addi"));
	k = skip_sep(v, k);	/* addi' 20 */
	*ds = k;
	*d = read_num(v, &k, 1, 2, forced);
	if (*d < 0)
		return false;
	long x = pmatch(v, skip_blanks(v, k), "del mese di");
	if (x < 0)
		return false;
	k = skip_blanks(v, (size_t)x);
	*m = month_at(v, k, end);
	return *m > 0;
}

static bool long_date_at(const struct fview *v, size_t i, struct fdate *out)
{
	size_t e, ds;
	bool forced = false;
	int d, m, y = -1;

	if (!day_month_at(v, i, &d, &m, &ds, &e, &forced))
		return false;
	/* the year: "l'anno 2026" before, or "dell'anno 2026" / "2026" after */
	size_t from = i > 120 ? i - 120 : 0, ye;
	long a = pfind(v, from, i, "anno", &ye);
	if (a >= 0) {
		size_t q = skip_sep(v, ye);
		y = read_num(v, &q, 4, 4, &forced);
	}
	if (y < 0) {
		size_t q = skip_sep(v, e);
		long b = pmatch(v, q, "dell'anno");
		if (b >= 0)
			q = skip_blanks(v, (size_t)b);
		size_t q0 = q;
		y = read_num(v, &q, 4, 4, &forced);
		if (y >= 0)
			e = q;
		else
			q = q0;
	}
	return y >= 0 && date_fill(out, i, e, y, m, d, forced, D_DOC);
}

struct kw {
	const char *pat;
	enum dkind kind;
};

/* Words that say what a date is, searched backwards from it. */
static const struct kw date_words[] = {
	{ "nat*", D_BIRTH }, { "nascita", D_BIRTH }, { "birth", D_BIRTH }, { "3.", D_NONE },
	{ "avvenut*", D_EVENT }, { "accadut*", D_EVENT }, { "verificat*", D_EVENT },
	{ "fatto", D_EVENT }, { "fatti", D_EVENT }, { "evento", D_EVENT }, { "smarrit*", D_EVENT },
	{ "rubat*", D_EVENT }, { "sottratt*", D_EVENT }, { "furto", D_EVENT },
	{ "smarrimento", D_EVENT }, { "pers*", D_EVENT }, { "occors*", D_EVENT },
	{ "accort*", D_EVENT }, { "accorgev*", D_EVENT },
	{ "addi", D_DOC }, { "data", D_DOC }, { "redatt*", D_DOC }, { "odiern*", D_DOC },
	{ "denuncia", D_DOC }, { "presentat*", D_DOC }, { "ricevut*", D_DOC },
	{ "verbale", D_DOC }, { "anno", D_DOC }, { "uffici*", D_DOC }, { "present*", D_DOC },
	{ "in data", D_NONE }, { "il giorno", D_NONE },
	{ "rilasci*", D_ISSUE }, { "emission*", D_ISSUE }, { "emess*", D_ISSUE },
	{ "issue", D_ISSUE }, { "4a.", D_ISSUE },
	{ "scadenza", D_EXPIRY }, { "scad.", D_EXPIRY }, { "expiry", D_EXPIRY },
	{ "valid*", D_EXPIRY }, { "valevole", D_EXPIRY }, { "4b.", D_EXPIRY },
};

/* The kind of the keyword nearest before [from, to), or D_NONE. */
static enum dkind nearest_kind(const struct fview *v, size_t from, size_t to)
{
	enum dkind k = D_NONE;
	size_t bestend = 0;
	bool found = false;
	for (size_t i = from; i < to; i++) {
		for (size_t w = 0; w < ARRAY_SIZE(date_words); w++) {
			long e = pmatch(v, i, date_words[w].pat);
			if (e < 0 || (size_t)e > to)
				continue;
			/* the nearest wins; at equal ends the longer match */
			if (!found || (size_t)e > bestend) {
				found = true;
				bestend = (size_t)e;
				k = date_words[w].kind;
			}
		}
	}
	return k;
}

/* The kind of the first event or report keyword in [from, to). */
static enum dkind first_kind_after(const struct fview *v, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		struct fdate dt;
		if (date_at(v, i, &dt))
			return D_NONE;
		for (size_t w = 0; w < ARRAY_SIZE(date_words); w++) {
			enum dkind k = date_words[w].kind;
			if ((k == D_EVENT || k == D_DOC) && pmatch(v, i, date_words[w].pat) >= 0)
				return k;
		}
	}
	return D_NONE;
}

/* "Milano, 20/11/2026": a place and a comma before the date on its line. */
static bool place_before(const struct fview *v, const struct fdate *dt)
{
	size_t ls = line_start(v, dt->s), i = dt->s;
	while (i > ls && is_blank(v->s[i - 1]))
		i--;
	/* "Milano, li 20/11/2026" ("li" alone is also a misread "Il") */
	if (i >= ls + 2 && v->s[i - 1] == 'i' && v->s[i - 2] == 'l'
	    && (i == ls + 2 || !is_al(v->s[i - 3]))) {
		i -= 2;
		while (i > ls && is_blank(v->s[i - 1]))
			i--;
	}
	if (i == ls || v->s[i - 1] != ',')
		return false;
	for (size_t k = ls; k + 1 < i; k++)
		if (!isalpha((unsigned char)v->s[k]) && !strchr(" '.()-", v->s[k]))
			return false;
	return i - ls >= 3;
}

/* "26/11/2026 10:15 FROM ...": the band the sending fax machine prints
 * (a date that opens its line, then the time) is not the document's. */
static bool fax_header(const struct fview *v, const struct fdate *dt)
{
	size_t i = skip_blanks(v, dt->e);
	if (skip_blanks(v, line_start(v, dt->s)) != dt->s || i == dt->e)
		return false;
	return i + 5 <= v->n && isdigit((unsigned char)v->u[i]) && isdigit((unsigned char)v->u[i + 1])
	       && v->u[i + 2] == ':' && isdigit((unsigned char)v->u[i + 3])
	       && isdigit((unsigned char)v->u[i + 4]);
}

static size_t find_dates(const struct fview *v, struct fdate *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n && n < max; i++) {
		struct fdate dt;
		if (!long_date_at(v, i, &dt) && !date_at(v, i, &dt))
			continue;
		if (fax_header(v, &dt)) {
			i = dt.e;
			continue;
		}
		/* what stands before the date on its line and the line before
		 * (not a heading in capitals, not past the previous date) */
		size_t from = n ? out[n - 1].e : 0, ls = line_start(v, dt.s);
		if (dt.s > from + 80)
			from = dt.s - 80;
		if (ls > 0) {
			size_t pls = line_start(v, ls - 1);
			bool caps = true;
			for (size_t q = pls; q < ls; q++)
				if (islower((unsigned char)v->u[q]))
					caps = false;
			if (caps && from < ls)
				from = ls;
			else if (from < pls)
				from = pls;
		}
		enum dkind k = nearest_kind(v, from, dt.s);
		if (dt.kind == D_DOC && k != D_EVENT)
			k = D_DOC;
		if (place_before(v, &dt))
			k = D_DOC;
		if (k == D_NONE) {
			/* "In data 18/11/2026 ... mi è stato rubato": look ahead a little */
			size_t to = dt.e + 70 < v->n ? dt.e + 70 : v->n;
			k = first_kind_after(v, dt.e, to);
		}
		dt.kind = k;
		out[n++] = dt;
		i = dt.e;
	}
	return n;
}

/* ---------------------------------------------------------------- codes */

static char letter_for(char c)
{
	switch (c) {
	case '0': return 'O';
	case '1': return 'I';
	case '2': return 'Z';
	case '4': return 'A';
	case '5': return 'S';
	case '6': return 'G';
	case '7': return 'T';
	case '8': return 'B';
	case '|': case '!': return 'I';
	default: return isalpha((unsigned char)c) ? (char)toupper((unsigned char)c) : 0;
	}
}

static char digit_for(char c)
{
	switch (c) {
	case 'O': case 'o': case 'D': case 'Q': return '0';
	case 'I': case 'l': case 'i': case '|': case '!': case 'L': return '1';
	case 'Z': case 'z': return '2';
	case 'A': return '4';
	case 'S': case 's': return '5';
	case 'G': case 'b': return '6';
	case 'T': return '7';
	case 'B': return '8';
	case 'g': case 'q': return '9';
	default: return isdigit((unsigned char)c) ? c : 0;
	}
}

/*
 * The letters a currency sign read in a code may stand for ($ for S, the
 * euro sign for C or E, the yen sign for Y: the same strokes with a bar or
 * two across), the likeliest first; NULL when the character at folded
 * index i is none of them (they fold to '$' and '?').
 */
static const char *sign_alikes(const struct fview *v, size_t i)
{
	const char *p = v->t->text + v->map[i];
	if (*p == '$')
		return "S";
	if (!strncmp(p, "\xe2\x82\xac", 3))
		return "CE";
	if (!strncmp(p, "\xc2\xa5", 2))
		return "Y";
	return NULL;
}

/* Shapes: 'L' letter, 'D' digit, 'C' fiscal code digit or omocode letter. */
static bool shape_ok(char cls, char c)
{
	if (cls == 'L')
		return c >= 'A' && c <= 'Z';
	if (cls == 'D')
		return c >= '0' && c <= '9';
	return (c >= '0' && c <= '9') || (c && strchr("LMNPQRSTUV", c));
}

/*
 * Fits the characters at folded indexes pos[0..n) to shape; writes the
 * result into out (n + 1). Returns the number of characters that had to be
 * mapped (a letter where a digit must be, or the reverse), or -1 when some
 * character fits no way.
 */
static int fit_shape(const struct fview *v, const size_t *pos, size_t n, const char *shape,
		     char *out)
{
	int mapped = 0;
	for (size_t i = 0; i < n; i++) {
		char c = v->u[pos[i]], cls = shape[i], r;
		const char *sign = sign_alikes(v, pos[i]);
		if (sign) {
			/* a sign for a letter is a letter mapped (its digit where
			 * the shape wants one: $ for S for 5) */
			r = cls == 'L' ? sign[0] : digit_for(sign[0]);
			if (!r)
				return -1;
			out[i] = r;
			mapped++;
			continue;
		}
		if (cls == 'L')
			r = isalpha((unsigned char)c) ? (char)toupper((unsigned char)c) : 0;
		else if (cls == 'D')
			r = isdigit((unsigned char)c) ? c : 0;
		else
			r = shape_ok('C', (char)toupper((unsigned char)c)) ? (char)toupper((unsigned char)c) : 0;
		if (!r || !shape_ok(cls, r)) {
			r = cls == 'L' ? letter_for(c) : digit_for(c);
			if (!r || !shape_ok(cls == 'C' ? 'D' : cls, r))
				return -1;
			mapped++;
		}
		out[i] = r;
	}
	out[n] = '\0';
	return mapped;
}

/*
 * Tries replacing one character of val (at folded indexes pos) by one of
 * Tesseract's alternatives for it, keeping the shape. Returns 1 with the
 * unique passing candidate in val, 0 when none passes, -1 when several do.
 */
static int repair_alts(const struct fview *v, char *val, const size_t *pos, size_t n,
		       const char *shape, bool (*check)(const char *))
{
	char cand[32], found[32];
	int nfound = 0;

	if (n >= sizeof cand)
		return 0;
	for (size_t i = 0; i < n; i++) {
		for (const char *a = alts_at(v, pos[i]); *a; a++) {
			char c = (char)toupper((unsigned char)*a);
			if (c == val[i] || !shape_ok(shape[i], c))
				continue;
			memcpy(cand, val, n + 1);
			cand[i] = c;
			if (!check(cand))
				continue;
			if (nfound && strcmp(found, cand))
				return -1;
			memcpy(found, cand, n + 1);
			nfound = 1;
		}
	}
	if (nfound)
		memcpy(val, found, n + 1);
	return nfound;
}

static const char cf_shape[] = "LLLLLLCCLCCLCCCL";

/*
 * A letter where the fiscal code has a digit is allowed (omocodia) but far
 * rarer than a misread digit (S for 5, O for 0...): tries those letters as
 * their digits, one at a time and all together. Returns 1 with the unique
 * passing code in val, else 0.
 */
static int repair_omocode(char val[17])
{
	char cand[17], found[17] = "", all[17];
	int nfound = 0;
	memcpy(all, val, 17);
	for (size_t i = 0; i < 16; i++) {
		if (cf_shape[i] != 'C' || isdigit((unsigned char)val[i]))
			continue;
		char dg = digit_for(val[i]);
		if (!dg)
			continue;
		all[i] = dg;
		memcpy(cand, val, 17);
		cand[i] = dg;
		if (ocr_check_fiscal_code(cand) && strcmp(found, cand)) {
			memcpy(found, cand, 17);
			nfound++;
		}
	}
	if (strcmp(all, val) && ocr_check_fiscal_code(all) && strcmp(found, all)) {
		memcpy(found, all, 17);
		nfound++;
	}
	if (nfound != 1)
		return 0;
	memcpy(val, found, 17);
	return 1;
}

/* A character of a fiscal code as read: an I or a 1 may come as '|' or '!'
 * (fit_shape maps them, the check decides). */
static bool cf_char(char c)
{
	return is_al(c) || c == '|' || c == '!';
}

/* A fiscal code at folded index i (16 alphanumerics, a word of its own). */
static bool cf_at(const struct fview *v, size_t i, char out[17], size_t pos[16], int *mapped)
{
	size_t j = i;
	int speck = 0;
	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	for (size_t k = 0; k < 16; k++, j++) {
		/* a speck read as a dot between two of its characters
		 * (DSNL.SS71...), counted as a character mapped */
		if (k && !speck && j + 1 < v->n && v->s[j] == '.' && cf_char(v->s[j + 1]))
			j++, speck = 1;
		if (j >= v->n || !(k ? cf_char(v->s[j]) || sign_alikes(v, j) : is_al(v->s[j])))
			return false;
		pos[k] = j;
	}
	if (j < v->n && is_al(v->s[j]))
		return false;
	*mapped = fit_shape(v, pos, 16, cf_shape, out);
	if (*mapped >= 0)
		*mapped += speck;
	return *mapped >= 0 && *mapped <= 3;
}

/* Counts cand among the passing repairs of a fiscal code (found: the last
 * one taken); the callers want exactly one. */
static void cf_candidate(const char cand[17], char found[17], int *nfound)
{
	if (ocr_check_fiscal_code(cand) && strcmp(found, cand)) {
		memcpy(found, cand, 17);
		(*nfound)++;
	}
}

/*
 * One character of a fiscal code that fails its check replaced by one it is
 * often confused with (0/O/D/Q, 1/I/L, E/F...), keeping the shape. Returns
 * 1 with the unique passing code in val, else 0.
 */
static int repair_confusions(char val[17])
{
	static const char *const groups[] = {
		"0ODQ", "1IL", "5S", "8B", "6G", "2Z", "EF", "4A", "UV", "MN", "7T", "CG", "PR", NULL
	};
	char cand[17], found[17] = "";
	int nfound = 0;
	for (size_t i = 0; i < 16; i++)
		for (const char *const *g = groups; *g; g++) {
			if (!strchr(*g, val[i]))
				continue;
			for (const char *c = *g; *c; c++) {
				if (*c == val[i] || !shape_ok(cf_shape[i], *c))
					continue;
				memcpy(cand, val, 17);
				cand[i] = *c;
				cf_candidate(cand, found, &nfound);
			}
		}
	if (nfound != 1)
		return 0;
	memcpy(val, found, 17);
	return 1;
}


/* A date on the page that is the birth date cf encodes (a woman's day + 40). */
/* True when the fiscal code cf encodes the date q (a man's or a woman's). */
static bool cf_encodes(const char *cf, const struct fdate *q)
{
	static const char months_cf[] = "ABCDEHLMPRST";
	char enc[40];
	for (int f = 0; f < 2; f++) {
		snprintf(enc, sizeof enc, "%02d%c%02d", q->y % 100, months_cf[q->m - 1],
			 q->d + (f ? 40 : 0));
		if (!strncmp(cf + 6, enc, 5))
			return true;
	}
	return false;
}

static bool cf_birth_on_page(const struct fview *v, const char *cf)
{
	struct fdate dates[32];
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++)
		if (cf_encodes(cf, &dates[k]))
			return true;
	return false;
}

/*
 * A fiscal code that passes its check and says what the page says of its
 * holder - the surname and name read (the reporter, or the card's), and a
 * birth date printed on the page - is sure even when Tesseract was not:
 * 11 of its 16 characters are confirmed, the check character the rest.
 */
static bool cf_part_is(const char *cf, const char *value, bool given)
{
	char part[4];
	if (!value)
		return false;
	ocr_fiscal_code_part(value, given, part);
	return !strncmp(cf + (given ? 3 : 0), part, 3);
}

/*
 * On an identity copy one of the names is enough with the birth date: a
 * code that passes its check cannot differ from the true one in a single
 * letter or digit (where letters and digits stand is fixed), and eight
 * characters of it are then confirmed by what the page says elsewhere.
 */
static bool cf_consistent(const struct fview *v, const struct ocr_document *d, const char *cf)
{
	const struct ocr_field *rep = ocr_document_field(d, "reporter");
	const struct ocr_field *sur = ocr_document_field(d, "surname");
	const struct ocr_field *nam = ocr_document_field(d, "name");
	bool person = (rep && ocr_fiscal_code_person(cf, rep->value, OCR_CF_GIVEN_FIRST | OCR_CF_SURNAME_FIRST))
		      || (sur && nam && ocr_fiscal_code_names(cf, sur->value, nam->value))
		      || (d->type == OCR_DOC_IDENTITY
			  && (cf_part_is(cf, sur ? sur->value : NULL, false)
			      || cf_part_is(cf, nam ? nam->value : NULL, true)));
	return person && cf_birth_on_page(v, cf);
}

/* What a character may have been where the fiscal code's shape wants a
 * letter (L) or a digit (C) and it is not one: its look-alikes. */
static const char *look_alikes(char c, char cls)
{
	static const char *const letters[][2] = {
		{ "0", "ODQ" }, { "1", "IL" }, { "|", "IL" }, { "!", "IL" }, { "2", "Z" }, { "4", "A" },
		{ "5", "S" }, { "6", "G" }, { "7", "T" }, { "8", "B" },
	};
	static const char *const digits[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	char u = (char)toupper((unsigned char)c);
	if (cls == 'L') {
		for (size_t k = 0; k < ARRAY_SIZE(letters); k++)
			if (letters[k][0][0] == c)
				return letters[k][1];
		return isalpha((unsigned char)c) ? NULL : "";
	}
	if (isdigit((unsigned char)c) || (isalpha((unsigned char)c) && shape_ok('C', u)))
		return NULL;
	/* a digit's look-alike is the one digit_for gives */
	char d = digit_for(u);
	return d ? digits[d - '0'] : "";
}

/*
 * A fiscal code whose shape had to map a character (a 0 where a letter
 * stands: O, D or Q?) and that fails its check: each mapped character
 * tried as each of its look-alikes, the others as read. The characters
 * misread are known, so this guesses less than a repair anywhere would.
 * Returns 1 with the unique passing code in val, else 0.
 */
static int repair_mapped(const struct fview *v, char val[17], const size_t pos[16])
{
	size_t at[3];
	const char *alt[3];
	size_t n = 0, combos = 1;
	char cand[17], found[17] = "";
	int nfound = 0;

	for (size_t k = 0; k < 16; k++) {
		const char *sign = sign_alikes(v, pos[k]);
		const char *a = !sign ? look_alikes(v->u[pos[k]], cf_shape[k])
				: cf_shape[k] == 'L' ? sign : look_alikes(sign[0], 'C');
		if (!a)
			continue;
		if (!*a || n == ARRAY_SIZE(at))
			return 0;
		at[n] = k;
		alt[n++] = a;
		combos *= strlen(a);
	}
	for (size_t c = 0; c < combos; c++) {
		size_t q = c;
		memcpy(cand, val, 17);
		for (size_t k = 0; k < n; k++) {
			size_t m = strlen(alt[k]);
			cand[at[k]] = alt[k][q % m];
			q /= m;
		}
		cf_candidate(cand, found, &nfound);
	}
	if (nfound != 1)
		return 0;
	memcpy(val, found, 17);
	return 1;
}

/* Puts a fiscal code found at i under name, checked and repaired. */
static void put_cf(struct ocr_document *d, const struct fview *v, const char *name, size_t i)
{
	char val[17];
	size_t pos[16];
	int mapped;
	const char *reason = NULL;

	if (!cf_at(v, i, val, pos, &mapped))
		return;
	bool repaired = false;
	if (!ocr_check_fiscal_code(val)) {
		if ((mapped > 0 && repair_mapped(v, val, pos) == 1) || repair_omocode(val) == 1
		    || repair_alts(v, val, pos, 16, cf_shape, ocr_check_fiscal_code) == 1
		    || repair_confusions(val) == 1)
			repaired = true;
		else
			reason = "FISCAL_CODE_CHECKSUM";
	}
	/* a repair (one character changed so that the check passes) is a guess
	 * until the page confirms the code */
	bool sure = !reason && cf_consistent(v, d, val);
	if (repaired && !sure)
		reason = read_doubt;
	put(d, v, name, val, i, pos[15] + 1, sure ? 0.0 : FF_MIN_CONF_CHECKED, reason, 1.0);
}

/*
 * A fiscal code read with a character too many or two (a 5 read as "S5"):
 * the 17 or 18 characters at i with one or two left out, when exactly one
 * such code fits the shape and passes the check. Trusted only when the
 * page confirms it (cf_consistent), else kept for a clerk.
 */
static bool put_cf_long(struct ocr_document *d, const struct fview *v, const char *name, size_t i)
{
	size_t len = 0, pos[18], sel[16];
	char val[17], found[17] = "";
	int nfound = 0;

	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	while (i + len < v->n && is_al(v->s[i + len]) && len < 19)
		len++;
	if (len != 17 && len != 18)
		return false;
	for (size_t k = 0; k < len; k++)
		pos[k] = i + k;
	for (size_t a = 0; a < len; a++)
		for (size_t b = len == 18 ? a + 1 : len; b <= len; b++) {
			if (len == 18 && b == len)
				continue;
			size_t n = 0;
			for (size_t k = 0; k < len; k++)
				if (k != a && k != b)
					sel[n++] = pos[k];
			int mapped = fit_shape(v, sel, 16, cf_shape, val);
			if (mapped < 0 || mapped > 1 || !ocr_check_fiscal_code(val) || !strcmp(val, found))
				continue;
			memcpy(found, val, 17);
			nfound++;
		}
	if (nfound != 1)
		return false;
	bool sure = cf_consistent(v, d, found);
	put(d, v, name, found, i, i + len, sure ? 0.0 : FF_MIN_CONF_CHECKED, sure ? NULL : read_doubt,
	    1.0);
	return true;
}

static bool cf_date_misread(const struct fview *v, size_t i, const char *cf, struct fdate *out);

/* The reporter's fiscal code cf says what the page says of the reporter:
 * the names read, and a birth date printed, or printed with one digit
 * misread into no date that the code's date explains (cf_date_misread). */
static bool cf_reporter_consistent(const struct fview *v, const struct ocr_document *d,
				   const char *cf)
{
	const struct ocr_field *rep = ocr_document_field(d, "reporter");
	struct fdate q;
	if (cf_consistent(v, d, cf))
		return true;
	if (!rep || !ocr_fiscal_code_person(cf, rep->value, OCR_CF_GIVEN_FIRST | OCR_CF_SURNAME_FIRST))
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (cf_date_misread(v, i, cf, &q))
			return true;
	return false;
}

/*
 * A fiscal code's first 15 characters at folded index i, fitting its
 * shape (one mapped at most), then a bracket where its check letter
 * stands: "GLLNTN59R05A662])". The 15 go to out (and the check letter
 * place is left '?').
 */
static bool cf_hooked_at(const struct fview *v, size_t i, char out[17])
{
	size_t pos[16];
	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	for (size_t k = 0; k < 15; k++) {
		if (i + k >= v->n || !(k ? cf_char(v->s[i + k]) : is_al(v->s[i + k])))
			return false;
		pos[k] = i + k;
	}
	if (i + 15 >= v->n || !strchr("])}", v->u[i + 15]))
		return false;
	int mapped = fit_shape(v, pos, 15, cf_shape, out);
	out[15] = '?';
	out[16] = '\0';
	return mapped >= 0 && mapped <= 1;
}

/* A reading of the region r by read (rd's read or read_grey) as a view v2
 * of its own text t2, which looks no further (no re-reader of its own);
 * false when read is NULL or reads nothing. reading_close ends it. */
static bool reading_open(const struct ff_reader *rd,
			 int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out),
			 const struct ocr_region *r, struct ff_text *t2, struct fview *v2)
{
	if (!read || read(rd->ctx, r, t2) != 0)
		return false;
	t2->reread = NULL;
	view_init(v2, t2);
	return true;
}

static void reading_close(const struct ff_reader *rd, struct fview *v2)
{
	view_free(v2);
	rd->done(rd->ctx);
}

/*
 * A denunciation's fiscal code that the page misread past any repair (its
 * check letter read as a sign, a character read twice): the word at i
 * after its label read again on its own, then in grey at twice the size.
 * The first reading with a code there that passes its check (a letter
 * where a digit stands perhaps read as that digit, repair_omocode) decides:
 * the code is taken, trusted, when it says what the page says of the
 * reporter (cf_reporter_consistent); a code that does not gives nothing.
 * When no reading gives a code, and the page and both readings read its
 * first 15 characters alike and a bracket for its check letter (] ) or },
 * a J's hook), the letter that the check wants is a J: the code is taken
 * then on the same condition.
 */
static bool cf_reread(struct ocr_document *d, const struct fview *v, const char *name, size_t i)
{
	const struct ff_reader *rd = v->t->reread;
	size_t j = i;
	char val[17] = "", hooked[3][17] = { "", "", "" };
	bool found = false;

	while (j < v->n && !is_blank(v->s[j]) && j - i < 20)
		j++;
	if (!rd || d->type != OCR_DOC_DENUNCIATION || !is_al(v->s[i]) || j - i < 15 || j - i > 19)
		return false;
	cf_hooked_at(v, i, hooked[0]);
	struct ocr_region r = span_region(v, i, j);
	for (int k = 0; k < 2 && !found; k++) {
		int (*read)(void *, const struct ocr_region *, struct ff_text *) =
			k ? rd->read_grey : rd->read;
		struct ff_text t2;
		struct fview v2;
		if (!reading_open(rd, read, &r, &t2, &v2))
			continue;
		for (size_t q = 0; q < v2.n && !found; q++) {
			size_t pos[16];
			int mapped;
			found = cf_at(&v2, q, val, pos, &mapped) && mapped <= 2
				&& (ocr_check_fiscal_code(val) || repair_omocode(val) == 1);
			if (!found && !hooked[k + 1][0])
				cf_hooked_at(&v2, q, hooked[k + 1]);
		}
		reading_close(rd, &v2);
	}
	if (!found && hooked[0][0] && !strcmp(hooked[0], hooked[1]) && !strcmp(hooked[0], hooked[2])) {
		memcpy(val, hooked[0], sizeof val);
		val[15] = 'J';
		found = ocr_check_fiscal_code(val);
	}
	if (!found || !cf_reporter_consistent(v, d, val))
		return false;
	put(d, v, name, val, i, j, 0.0, NULL, 1.0);
	return true;
}

/* The first fiscal code after a label, else the first in the text. */
static void find_cf(struct ocr_document *d, const struct fview *v, const char *name)
{
	static const char *const labels[] = {
		"codice fiscale", "cod. fisc.", "cod. fiscale", "c.f.", "c. f.", "fiscal code", NULL
	};
	size_t e, pos[16];
	char val[17];
	int mapped;
	long s = pfind_any(v, 0, v->n, labels, &e);

	/* the first code-shaped word shortly after a label */
	while (s >= 0) {
		for (size_t i = e; i < e + 60 && i < v->n; i++) {
			if (cf_at(v, i, val, pos, &mapped)) {
				put_cf(d, v, name, i);
				return;
			}
		}
		for (size_t i = e; i < e + 60 && i < v->n; i++)
			if (put_cf_long(d, v, name, i))
				return;
		s = pfind_any(v, e, v->n, labels, &e);
	}
	for (size_t i = 0; i < v->n; i++) {
		if (cf_at(v, i, val, pos, &mapped) && mapped <= 1) {
			put_cf(d, v, name, i);
			return;
		}
	}
	/* none: the word after the label, read again */
	s = pfind_any(v, 0, v->n, labels, &e);
	if (s >= 0 && cf_reread(d, v, name, skip_sep(v, e)))
		return;
}

/* ---------------------------------------------------------------- classification */

static int score(const struct fview *v, const char *const *pats, int w)
{
	int s = 0;
	for (; *pats; pats++)
		if (pfind(v, 0, v->n, *pats, NULL) >= 0)
			s += w;
	return s;
}

static const char *const den_title[] = { "DENUNCIA", "DENUNZIA", "QUERELA", NULL };
static const char *const den_strong[] = {
	"denuncia*", "denunzia", "verbale di ricezione", "verbale di denuncia", "querela", NULL
};
static const char *const den_authority[] = {
	"carabinieri", "questura", "commissariato", "polizia", "arma dei", "p.s.", NULL
};
static const char *const den_body[] = {
	"furto", "smarrimento", "smarrit*", "rubat*", "imei", "utenza", "ufficiale di p.g.",
	"verbalizzant*", "sottoscritto", "sottoscritta", NULL
};
static const char *const id_title[] = {
	"carta d'identita", "carta di identita", "identity card", "patente di guida",
	"driving licence", "driving license", "passaporto", "passport", NULL
};
static const char *const id_title_caps[] = {
	"CARTA D'IDENTITA", "CARTA DI IDENTITA", "PATENTE DI GUIDA", "PASSAPORTO", NULL
};
static const char *const id_labels[] = {
	"repubblica italiana", "cognome", "surname", "scadenza", "expiry", "data di nascita",
	"date of birth", "luogo di nascita", "cittadinanza", "nationality", "statura",
	"sesso", "emissione", "rilasciat*", "4a.", "4b.", "4c.", "given names", "nome", NULL
};
static const char *const other_words[] = {
	"oggetto", "allegat*", "pagine", "cordiali saluti", "spett*", "alla cortese",
	"fattura", "imponibile", "totale", "gentile cliente", "distinti saluti", "copertina",
	"trasmissione", "mittente", "destinatario", NULL
};
static const char *const cont_words[] = {
	"segue", "seguito", "pagina 2", "pag. 2", "foglio 2", "letto, confermato",
	"letto confermato", "confermato e sottoscritto", "il denunciante", "la denunciante",
	"l'ufficiale", "verbalizzant*", "ufficiale di p.g.", "agente di p.g.", NULL
};

/*
 * pat (lower case) in [from, to) with at most maxerr characters misread,
 * lost or added (edit distance, any start). Returns the start of the first
 * such match (approximate when letters were lost or added) and its end in
 * *end, or -1.
 */
static long fuzzy_find(const struct fview *v, size_t from, size_t to, const char *pat, int maxerr,
		       size_t *end)
{
	size_t m = strlen(pat);
	int col[64], prev[64];

	if (m == 0 || m >= ARRAY_SIZE(col))
		return -1;
	if (to > v->n)
		to = v->n;
	for (size_t i = 0; i <= m; i++)
		prev[i] = (int)i;
	for (size_t j = from; j < to; j++) {
		col[0] = 0;
		for (size_t i = 1; i <= m; i++) {
			int sub = prev[i - 1] + (v->s[j] != pat[i - 1]);
			int del = col[i - 1] + 1, ins = prev[i] + 1;
			col[i] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, col, (m + 1) * sizeof *col);
		if (col[m] <= maxerr) {
			/* the best end of this match: one more character may fit */
			size_t e = j + 1;
			if (e < to && col[m] > 0 && v->s[e] == pat[m - 1])
				e++;
			if (end)
				*end = e;
			return e >= from + m ? (long)(e - m) : (long)from;
		}
	}
	return -1;
}

static bool fuzzy_has(const struct fview *v, const char *pat, int maxerr)
{
	return fuzzy_find(v, 0, v->n, pat, maxerr, NULL) >= 0;
}

/* Lines of an identity document that only it has: the machine-readable
 * zone ("P<ITA...", "...<<<<"), a driving licence's numbered fields. */
static int id_marks(const struct fview *v)
{
	int mrz = 0, numbered = 0;
	for (size_t ls = 0; ls < v->n; ls = line_end(v, ls) + 1) {
		size_t le = line_end(v, ls), a = skip_blanks(v, ls);
		int lt = 0;
		for (size_t q = ls; q < le; q++)
			lt += v->s[q] == '<';
		if (lt >= 4)
			mrz++;
		static const char *const fields[] = { "1", "2", "3", "4a", "4b", "4c", "5", "9", NULL };
		for (const char *const *f = fields; *f; f++) {
			long e = pmatch(v, a, *f);
			if (e >= 0 && (size_t)e < le && strchr(".,:;", v->s[e])) {
				numbered++;
				break;
			}
		}
	}
	return (mrz >= 2 ? 4 : mrz * 2) + (numbered >= 3 ? 3 : 0);
}

static enum ocr_doctype classify(const struct fview *v, bool *continuation)
{
	int den = score(v, den_title, 3) + score(v, den_strong, 3) + score(v, den_authority, 2)
		  + score(v, den_body, 1);
	int idn = score(v, id_title, 4) + score(v, id_title_caps, 2) + score(v, id_labels, 1);
	int other = score(v, other_words, 2);

	/* a card's title is printed small: one misread letter must not hide it;
	 * and an identity document carries dates (birth, issue, expiry) */
	if (idn < 6 && score(v, id_title, 1) == 0) {
		static const char *const fuzzy[] = {
			"patente di guida", "passaporto", "carta di identita", "carta d'identita",
			"identity card", NULL
		};
		for (const char *const *p = fuzzy; *p; p++)
			if (fuzzy_has(v, *p, 2)) {
				struct fdate dates[8];
				idn += 3;
				if (find_dates(v, dates, ARRAY_SIZE(dates)) >= 2)
					idn += 2;
				break;
			}
		/* a card's printed labels, a letter misread in the longer ones */
		static const char *const labels[] = {
			"cognome", "scadenza", "cittadinanza", "nascita", "emissione", "surname",
			"given names", "date of birth", "place of birth", "date of expiry",
			"date of issue", "nationality", "stato civile", "residenza", "residence", NULL
		};
		int nl = 0;
		for (const char *const *l = labels; *l; l++)
			nl += fuzzy_has(v, *l, strlen(*l) >= 7 ? 1 : 0);
		idn += nl < 5 ? nl : 5;
		if (fuzzy_has(v, "repubblica italiana", 3))
			idn += 1;
		if (fuzzy_has(v, "copia conforme", 1))
			idn += 1;
		idn += id_marks(v);
	}
	den -= other;
	idn -= other;
	*continuation = false;
	if (den >= 8 && den > idn)
		return OCR_DOC_DENUNCIATION;
	if (idn >= 6 && idn >= den)
		return OCR_DOC_IDENTITY;
	/* a poor copy of a card: less of it read, but nothing of anything else */
	if (idn >= 4 && den < 4 && other == 0)
		return OCR_DOC_IDENTITY;
	/* a later page of a report: its closing words, but no heading or title */
	if (other == 0 && has_any(v, cont_words) && !has_any(v, id_title)
	    && pfind_any(v, 0, v->n, den_title, NULL) < 0) {
		*continuation = true;
		return OCR_DOC_DENUNCIATION;
	}
	return OCR_DOC_UNKNOWN;
}

/* ---------------------------------------------------------------- denunciation */

static void den_authority_field(struct ocr_document *d, const struct fview *v)
{
	static const struct { const char *pat; int prio; } kws[] = {
		{ "stazione", 6 }, { "commissariato", 5 }, { "tenenza", 5 }, { "compagnia", 4 },
		{ "questura", 3 }, { "polizia locale", 3 }, { "polizia municipale", 3 },
		{ "comando", 2 }, { "carabinieri", 1 }, { "polizia", 1 },
	};
	size_t best_s = 0, best_e = 0, ls = 0;
	int best = 0;

	for (int line = 0; line < 12 && ls < v->n; line++) {
		size_t le = line_end(v, ls), e;
		for (size_t k = 0; k < ARRAY_SIZE(kws); k++) {
			if (kws[k].prio <= best || pfind(v, ls, le, kws[k].pat, &e) < 0)
				continue;
			/* cut the line where something else starts */
			static const char *const stops[] = {
				"prot*", "verbale", "n.", "data", "denuncia", " - tel", "tel.", NULL
			};
			size_t cut = le, se;
			long st = pfind_any(v, ls, le, stops, &se);
			if (st >= 0)
				cut = (size_t)st;
			for (size_t q = ls; q < cut; q++) {
				struct fdate dt;
				if (date_at(v, q, &dt)) {
					cut = q;
					break;
				}
			}
			size_t a = ls, b = cut;
			while (a < b && !is_al(v->s[a]))
				a++;
			while (b > a && !is_al(v->s[b - 1]) && v->s[b - 1] != '.')
				b--;
			if (b <= a || (size_t)pfind(v, a, b, kws[k].pat, NULL) >= b)
				continue;
			best = kws[k].prio;
			best_s = a, best_e = b;
		}
		ls = le + 1;
	}
	if (best) {
		char *val = span_text(v, best_s, best_e);
		put(d, v, "authority", val, best_s, best_e, FF_MIN_CONF_TEXT, NULL, 1.0);
		free(val);
	}
}

/*
 * True when letters and digits meet in s at a character that reads either
 * way (TO86976 or T086976, MI1234 or M11234): nothing can tell them apart.
 */
/* The car-plate codes of the Italian provinces, which report numbers of
 * some offices carry in front ("MI12345/2026"). */
static bool province_code(const char *s)
{
	static const char codes[] =
		"AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CL CN CO CR CS "
		"CT CZ EN FC FE FG FI FM FR GE GO GR IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS "
		"MT NA NO NU OR PA PC PD PE PG PI PN PO PR PT PU PV PZ RA RC RE RG RI RM RN RO SA SI "
		"SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI VR VT VV";
	/* each code is two letters and a space; the last has no space */
	for (size_t i = 0; i + 2 < sizeof codes; i += 3)
		if (s[0] == codes[i] && s[1] == codes[i + 1])
			return true;
	return false;
}

/* A province's two letters, then only digits and separators. */
static bool province_number(const char *s)
{
	if (!isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]) || !province_code(s)
	    || !isdigit((unsigned char)s[2]))
		return false;
	for (const char *q = s + 2; *q; q++)
		if (!isdigit((unsigned char)*q) && !strchr("/-.", *q))
			return false;
	return true;
}

/* Digits and separators, or a province's code then those: where each
 * character of a report number must be a digit or a letter is known. */
static bool report_number_shape(const char *s)
{
	if (province_number(s))
		return true;
	for (const char *q = s; *q; q++)
		if (!isdigit((unsigned char)*q) && !strchr("/-.", *q))
			return false;
	return *s != '\0';
}

static bool ambiguous_mix(const char *s)
{
	static const char either[] = "O0DQI1L|S5B8Z2G6";
	for (size_t i = 0; s[i] && s[i + 1]; i++) {
		bool a = isalpha((unsigned char)s[i]), b = isalpha((unsigned char)s[i + 1]);
		bool da = isdigit((unsigned char)s[i]), db = isdigit((unsigned char)s[i + 1]);
		if (((a && db) || (da && b))
		    && (strchr(either, toupper((unsigned char)s[i]))
			|| strchr(either, toupper((unsigned char)s[i + 1]))))
			return true;
	}
	return false;
}

/* A report number: letters, digits and separators, with a digit. */
static bool number_token(const struct fview *v, size_t i, size_t *end)
{
	size_t j = i;
	int digits = 0;
	while (j < v->n && (is_al(v->u[j]) || ((v->u[j] == '/' || v->u[j] == '-' || v->u[j] == '.')
					       && j + 1 < v->n && is_al(v->u[j + 1])))) {
		if (isdigit((unsigned char)v->u[j]))
			digits++;
		j++;
	}
	if (digits == 0 || j - i < 2 || j - i > 30)
		return false;
	*end = j;
	return true;
}

static void unhold(struct ocr_document *d, const char *name);

/*
 * A sure reading of a denunciation's report number or date in [i, ...) of
 * a reading of its region: the value in out, or false. Sure: confidence
 * enough, no contender (of a character's own kind, where a number's shape
 * says digit or letter), no letter taken for a digit.
 */
static bool den_sure_value(const struct fview *v, const struct ocr_document *d, const char *name,
			   size_t i, char *out, size_t size)
{
	size_t e;
	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	if (!strcmp(name, "number")) {
		if (!number_token(v, i, &e) || e - i >= size)
			return false;
		snprintf(out, size, "%.*s", (int)(e - i), v->u + i);
		if (!report_number_shape(out) || number_doubtful(v, d, i, e))
			return false;
	} else {
		struct fdate dt;
		if (!date_at(v, i, &dt) || dt.forced || span_doubtful(v, i, dt.e))
			return false;
		snprintf(out, size, "%s", dt.iso);
		e = dt.e;
	}
	return span_conf(v, i, e) >= FF_MIN_CONF;
}

/* The first sure value of name in the region r read by read (NULL: none). */
static bool den_reading(const struct fview *v, const struct ocr_document *d, const char *name,
			const struct ocr_region *r,
			int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out),
			char *out, size_t size)
{
	const struct ff_reader *rd = v->t->reread;
	struct ff_text t2;
	struct fview v2;
	bool ok = false;

	if (r->w <= 0 || !reading_open(rd, read, r, &t2, &v2))
		return false;
	for (size_t i = 0; i < v2.n && !ok; i++)
		ok = den_sure_value(&v2, d, name, i, out, size);
	reading_close(rd, &v2);
	return ok;
}

/*
 * A report number or a date that nothing checks, held for a contender or
 * for its confidence, is trusted when its region read again in grey at
 * twice the size by the other model - a reading that does not share the
 * page's misreadings - says the same, sure of itself. Two independent
 * readings then agree, as the form reader wants of a value without a check.
 */
static void den_confirm(struct ocr_document *d, const struct fview *v, const char *name,
			size_t fs, size_t fe)
{
	const struct ocr_field *f = ocr_document_field(d, name);
	const struct ff_reader *rd = v->t->reread;
	char got[40];

	if (!f || !f->reason || strcmp(f->reason, "LOW_CONFIDENCE") || !rd
	    || span_conf(v, fs, fe) < FF_MIN_CONF_AGREED)
		return;
	if (!strcmp(name, "number") && !report_number_shape(f->value))
		return;
	struct ocr_region r = span_region(v, fs, fe);
	if (den_reading(v, d, name, &r, rd->read_grey, got, sizeof got) && !strcmp(got, f->value))
		unhold(d, name);
}

/*
 * Whether the office that took the report names a city whose province's
 * code is code: the chief towns of the provinces as the office's lines
 * (those that say carabinieri, questura, commissariato...) print them. A
 * report number that carries a province's code carries its office's.
 */
static bool office_in_province(const struct fview *v, const char *code)
{
	static const char *const towns[] = {
		"AGagrigento", "ALalessandria", "ANancona", "AOaosta", "APascoli", "AQaquila",
		"ARarezzo", "ATasti", "AVavellino", "BAbari", "BGbergamo", "BIbiella", "BLbelluno",
		"BNbenevento", "BObologna", "BRbrindisi", "BSbrescia", "BTbarletta", "BTandria",
		"BTtrani", "BZbolzano", "CAcagliari", "CBcampobasso", "CEcaserta", "CHchieti",
		"CLcaltanissetta", "CNcuneo", "COcomo", "CRcremona", "CScosenza", "CTcatania",
		"CZcatanzaro", "ENenna", "FCforli", "FCcesena", "FEferrara", "FGfoggia", "FIfirenze",
		"FMfermo", "FRfrosinone", "GEgenova", "GOgorizia", "GRgrosseto", "IMimperia",
		"ISisernia", "KRcrotone", "LClecco", "LElecce", "LIlivorno", "LOlodi", "LTlatina",
		"LUlucca", "MBmonza", "MCmacerata", "MEmessina", "MImilano", "MNmantova", "MOmodena",
		"MSmassa", "MScarrara", "MTmatera", "NAnapoli", "NOnovara", "NUnuoro", "ORoristano",
		"PApalermo", "PCpiacenza", "PDpadova", "PEpescara", "PGperugia", "PIpisa",
		"PNpordenone", "POprato", "PRparma", "PTpistoia", "PUpesaro", "PUurbino", "PVpavia",
		"PZpotenza", "RAravenna", "RGragusa", "RIrieti", "RMroma", "RNrimini", "ROrovigo",
		"SAsalerno", "SIsiena", "SOsondrio", "SPspezia", "SRsiracusa", "SSsassari",
		"SUcarbonia", "SVsavona", "TAtaranto", "TEteramo", "TNtrento", "TOtorino",
		"TPtrapani", "TRterni", "TStrieste", "TVtreviso", "UDudine", "VAvarese",
		"VBverbania", "VCvercelli", "VEvenezia", "VIvicenza", "VRverona", "VTviterbo",
		"VVvibo", NULL
	};
	for (size_t ls = 0; ls < v->n; ls = line_end(v, ls) + 1) {
		size_t le = line_end(v, ls), e;
		if (pfind_any(v, ls, le, den_authority, &e) < 0)
			continue;
		for (const char *const *t = towns; *t; t++)
			if ((*t)[0] == code[0] && (*t)[1] == code[1] && pfind(v, ls, le, *t + 2, &e) >= 0)
				return true;
	}
	return false;
}

static void den_number_field(struct ocr_document *d, const struct fview *v)
{
	static const char *const labels[] = {
		"verbale n.", "verbale nr.", "prot. n.", "prot. nr.", "prot.", "protocollo n.",
		"protocollo", "denuncia n.", "pratica n.", "n. prot.", "rif.", NULL
	};
	size_t e, te;
	long s = pfind_any(v, 0, v->n, labels, &e);

	if (s < 0) {
		/* "N. 1234/2026" at the start of a line near the top */
		size_t ls = 0;
		for (int line = 0; line < 12 && ls < v->n; line++) {
			size_t at = skip_blanks(v, ls);
			/* "Pret. n. 2026/458831": a word of four letters misread
			 * for Prot., then the N. */
			if (at + 5 < v->n && isupper((unsigned char)v->u[at])
			    && isalpha((unsigned char)v->s[at + 1]) && isalpha((unsigned char)v->s[at + 2])
			    && isalpha((unsigned char)v->s[at + 3]) && strchr(".,", v->s[at + 4])
			    && v->s[at + 5] == ' ')
				at = skip_blanks(v, at + 5);
			/* "N, 414/26": its dot read as a comma */
			static const char *const ns[] = { "n.", "nr.", "n,", NULL };
			long m = -1;
			for (const char *const *p = ns; *p && !(m >= 0 && strchr(".,", v->s[m - 1])); p++)
				m = pmatch(v, at, *p);
			if (m >= 0 && strchr(".,", v->s[m - 1])) {
				s = (long)ls;
				e = (size_t)m;
				break;
			}
			ls = line_end(v, ls) + 1;
		}
		if (s < 0)
			return;
	}
	size_t i = skip_sep(v, e);
	long m = pmatch(v, i, "n.");
	if (m < 0)
		m = pmatch(v, i, "nr.");
	if (m >= 0)
		i = skip_sep(v, (size_t)m);
	if (!number_token(v, i, &te))
		return;
	/* "668:26": the token goes on with something a number does not hold */
	const char *why = NULL;
	if (te < v->n && !is_blank(v->u[te]) && !(strchr(",;)", v->u[te])
						 && (te + 1 >= v->n || is_blank(v->u[te + 1])))) {
		why = "LOW_CONFIDENCE";
		while (te < v->n && !is_blank(v->u[te]))
			te++;
	}
	char *val = xstrndup(v->u + i, te - i);
	/* TO86976 or T086976? Where Tesseract had no contender for those
	 * characters (put checks), a province's code is what it reads */
	bool mix = !why && ambiguous_mix(val) && !(v->t->doubt && province_number(val));
	if (mix)
		why = "LOW_CONFIDENCE";
	/* T086976, B586908: a province's code with its second letter read as
	 * a digit - held as the province's number, which a reading of the
	 * region in grey may confirm */
	char lead = val[0] && val[1] ? letter_for(val[1]) : 0;
	if (mix && isupper((unsigned char)val[0]) && isdigit((unsigned char)val[1]) && lead) {
		val[1] = lead;
		if (!province_number(val))
			val[1] = v->u[i + 1];
	}
	put(d, v, "number", val, i, te, FF_MIN_CONF, why, 1.0);
	if (!why || (mix && province_number(val)))
		den_confirm(d, v, "number", i, te);
	/* the province's code that a digit read as its second letter made
	 * (T086976) is the one the office's city says (Torino), its first
	 * letter read without a contender */
	const struct ocr_field *f = ocr_document_field(d, "number");
	if (mix && province_number(val) && isdigit((unsigned char)v->u[i + 1]) && f && f->reason
	    && !strcmp(f->value, val)
	    && (!v->t->doubt || v->t->doubt[v->map[i]] < FF_MAX_DOUBT) && office_in_province(v, val))
		unhold(d, "number");
	free(val);
}

/* A date's shape that reads as no day of the calendar ("96.09.2026",
 * "14.93.2926", "5 giugno 20626", "9 apmle 2026"): a digit or a letter
 * misread. Its end in *end. */
static bool bad_date_at(const struct fview *v, size_t i, size_t *end)
{
	struct fdate dt;
	size_t j = i, k;
	int n = 0;
	if ((i > 0 && is_al(v->s[i - 1])) || date_at(v, i, &dt))
		return false;
	while (j < v->n && isdigit((unsigned char)v->u[j]) && n < 3)
		j++, n++;
	if (n < 1 || n > 2 || j + 1 >= v->n)
		return false;
	char sep = v->s[j];
	if (strchr("./-", sep)) {
		k = j + 1;
		for (n = 0; k < v->n && isdigit((unsigned char)v->u[k]); k++)
			n++;
		if (n != 2 || k >= v->n || v->s[k] != sep)
			return false;
		j = k + 1;
	} else if (sep == ' ') {
		/* a month's name, or a word misread from one (apmle) */
		if (month_at(v, j + 1, &k) < 0)
			for (k = j + 1; k < v->n && islower((unsigned char)v->u[k]) && k - j <= 10; k++)
				;
		if (k < j + 4 || k - j > 10 || k >= v->n || v->s[k] != ' ')
			return false;
		j = k + 1;
	} else {
		return false;
	}
	for (n = 0; j < v->n && isdigit((unsigned char)v->u[j]); j++)
		n++;
	if (n < 4 || n > 5 || (j < v->n && is_al(v->s[j])))
		return false;
	*end = j;
	return true;
}

/* What a reading of a misread date's region says: a date it is sure of
 * (den_sure_value), a date read with some confidence (FF_MIN_CONF_SAME, no
 * letter for a digit), dd mm yyyy as read (dmy_at) - the first of each. */
struct dreading {
	bool sure, date, dmy;
	char sure_iso[40], iso[16], digits[9];
};

static void date_reading(const struct fview *v, const struct ocr_document *d, const char *name,
			 const struct ocr_region *r,
			 int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out),
			 struct dreading *out)
{
	const struct ff_reader *rd = v->t->reread;
	struct ff_text t2;
	struct fview v2;

	memset(out, 0, sizeof *out);
	if (r->w <= 0 || !reading_open(rd, read, r, &t2, &v2))
		return;
	for (size_t i = 0; i < v2.n; i++) {
		struct fdate dt;
		size_t e;
		if (i > 0 && is_al(v2.s[i - 1]))
			continue;
		if (!out->sure)
			out->sure = den_sure_value(&v2, d, name, i, out->sure_iso, sizeof out->sure_iso);
		if (!out->date && date_at(&v2, i, &dt) && !dt.forced
		    && span_conf(&v2, i, dt.e) >= FF_MIN_CONF_SAME) {
			out->date = true;
			snprintf(out->iso, sizeof out->iso, "%s", dt.iso);
		}
		if (!out->dmy && dmy_at(&v2, i, ",.:;/- ", out->digits, &e))
			out->dmy = e >= v2.n || !is_al(v2.s[e]);
	}
	reading_close(rd, &v2);
}

/* Days from the report's date back to the event's (ISO dates), or a huge
 * number when either is no date. */
static long days_between(const char *event, const char *report)
{
	time_t a = util_day_start(event), b = util_day_start(report);
	if (a == (time_t)-1 || b == (time_t)-1)
		return 1L << 30;
	long long sec = (long long)b - (long long)a;
	return sec >= 0 ? (long)((sec + 43200) / 86400) : -(long)((-sec + 43200) / 86400);
}

/* The date iso, name's (the report's or the event's), agrees with the
 * page's other date, trusted: the event not after the report, the report
 * within a year of it. */
static bool date_agrees(const struct ocr_document *d, const char *name, const char *iso)
{
	bool event = strcmp(name, "date") != 0;
	const struct ocr_field *other = ocr_document_field(d, event ? "date" : "event_date");
	if (!other || other->reason)
		return false;
	long days = event ? days_between(iso, other->value) : days_between(other->value, iso);
	return days >= 0 && days <= 366;
}

/*
 * Readings voted place by place (dd mm yyyy, eight places): at each of the
 * nvar places pos in doubt, ncand candidates cand. vote_combos counts the
 * choices; vote_choice writes choice m (0 .. count - 1) into out, base
 * (the page's reading) with each place in doubt replaced.
 */
static int vote_combos(const int ncand[8], const int pos[8], int nvar)
{
	int combos = 1;
	for (int k = 0; k < nvar; k++)
		combos *= ncand[pos[k]];
	return combos;
}

static void vote_choice(const char base[9], char cand[8][4], const int ncand[8], const int pos[8],
			int nvar, int m, char out[9])
{
	memcpy(out, base, 9);
	for (int k = 0, rest = m; k < nvar; k++) {
		out[pos[k]] = cand[pos[k]][rest % ncand[pos[k]]];
		rest /= ncand[pos[k]];
	}
}

/*
 * A report's or event's date that the page and two readings of its
 * region misread each in its own way (14.93.2926, 14.93.2026, 14.03.2626),
 * dd mm yyyy in all three (read: the page's, then the readings'): at each
 * digit where they differ, one of the digits they read. Taken when one
 * choice only makes a day of the calendar that agrees with the page's
 * other date (date_agrees). A digit all three read alike is taken as
 * read; more than three digits in doubt give nothing.
 */
static bool den_date_voted(const struct ocr_document *d, const char *name, char read[3][9],
			   size_t i, size_t e, struct fdate *out)
{
	char cand[8][4];
	int ncand[8], pos[8], nvar = 0, found = 0;

	for (int c = 0; c < 8; c++) {
		ncand[c] = 0;
		for (int k = 0; k < 3; k++)
			if (!memchr(cand[c], read[k][c], (size_t)ncand[c]))
				cand[c][ncand[c]++] = read[k][c];
		if (ncand[c] > 1)
			pos[nvar++] = c;
		if (nvar > 3)
			return false;
	}
	for (int n = 0, combos = vote_combos(ncand, pos, nvar); n < combos; n++) {
		char dg[9];
		struct fdate q;
		vote_choice(read[0], cand, ncand, pos, nvar, n, dg);
		if (date_fill(&q, i, e, atoi(dg + 4), (dg[2] - '0') * 10 + (dg[3] - '0'),
			      (dg[0] - '0') * 10 + (dg[1] - '0'), false, D_NONE)
		    && date_agrees(d, name, q.iso)) {
			*out = q;
			found++;
		}
	}
	return found == 1;
}

/*
 * A report's date or its event's date that the page's reading misread
 * into no day of the calendar: its region read twice more, on its own
 * (bilevel) and in grey at twice the size by the other model. The date is
 * taken when both readings are sure of it and agree; or when both read the
 * same day, with less confidence, and it agrees with the page's other date
 * (date_agrees); or when all three readings misread it each in its own way
 * and one choice of their digits makes a date (den_date_voted). What it is
 * (the report's, the event's) the words before it say, as for any date.
 */
static void den_dates_misread(struct ocr_document *d, const struct fview *v)
{
	const struct ff_reader *rd = v->t->reread;
	if (!rd || (ocr_document_field(d, "date") && ocr_document_field(d, "event_date")))
		return;
	for (size_t i = 0; i < v->n; i++) {
		size_t e;
		if (!bad_date_at(v, i, &e))
			continue;
		struct fdate dt = { .s = i, .e = e };
		size_t ls = line_start(v, i), from = ls > 0 ? line_start(v, ls - 1) : 0;
		/* a word before an earlier date is that date's (nascita) */
		for (size_t q = from; q < i; q++) {
			struct fdate prev;
			if (date_at(v, q, &prev) && prev.e <= i)
				from = q = prev.e;
		}
		enum dkind k = place_before(v, &dt) ? D_DOC : nearest_kind(v, from, i);
		if (k == D_NONE)
			k = first_kind_after(v, e, e + 70 < v->n ? e + 70 : v->n);
		const char *name = k == D_DOC ? "date" : k == D_EVENT ? "event_date" : NULL;
		struct dreading a, b;
		char read[3][9];
		size_t de;
		struct ocr_region r = span_region(v, i, e);
		if (!name || ocr_document_field(d, name)) {
			i = e;
			continue;
		}
		date_reading(v, d, name, &r, rd->read, &a);
		date_reading(v, d, name, &r, rd->read_grey, &b);
		memcpy(read[1], a.digits, 9);
		memcpy(read[2], b.digits, 9);
		if (a.sure && b.sure && !strcmp(a.sure_iso, b.sure_iso))
			put(d, v, name, a.sure_iso, i, e, 0.0, NULL, 1.0);
		else if (a.date && b.date && !strcmp(a.iso, b.iso) && date_agrees(d, name, a.iso))
			put(d, v, name, a.iso, i, e, 0.0, NULL, 1.0);
		else if (a.dmy && b.dmy && dmy_at(v, i, ",.:;/- ", read[0], &de)
			 && den_date_voted(d, name, read, i, e, &dt))
			put(d, v, name, dt.iso, i, e, 0.0, NULL, 1.0);
		i = e;
	}
}

/* The day and month in words (day_month_at) that a reading of the region
 * r by read says, its words' confidence FF_MIN_CONF_SAME at least and its
 * day's digits without a contender; false when it says none such. */
static bool day_month_reading(const struct fview *v, const struct ocr_region *r,
			      int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out),
			      int *day, int *month)
{
	const struct ff_reader *rd = v->t->reread;
	struct ff_text t2;
	struct fview v2;
	bool ok = false;

	if (r->w <= 0 || !reading_open(rd, read, r, &t2, &v2))
		return false;
	for (size_t i = 0; i < v2.n && !ok; i++) {
		size_t ds, e, de;
		bool forced = false;
		if ((i > 0 && is_al(v2.s[i - 1])) || !day_month_at(&v2, i, day, month, &ds, &e, &forced))
			continue;
		for (de = ds; de < e && isdigit((unsigned char)v2.u[de]); de++)
			;
		ok = !forced && span_conf(&v2, i, e) >= FF_MIN_CONF_SAME && !span_doubtful(&v2, ds, de);
	}
	reading_close(rd, &v2);
	return ok;
}

/*
 * A report's date in words ("addi' 9 del mese di luglio", its year in
 * "L'anno 2026" before) held for its confidence: its region holds no year,
 * so that den_confirm cannot read it again. It is trusted when both
 * readings of the region (bilevel; grey at twice the size) say its day and
 * month, each with some confidence and no contender for the day - three
 * readings alike - and the page's trusted event date is not after it nor
 * a year before it (which confirms the year).
 */
static void den_long_date_confirm(struct ocr_document *d, const struct fview *v,
				  const struct fdate *doc)
{
	const struct ocr_field *f = ocr_document_field(d, "date");
	const struct ocr_field *ev = ocr_document_field(d, "event_date");
	const struct ff_reader *rd = v->t->reread;
	int d1, m1, d2, m2;

	if (!f || !f->reason || strcmp(f->reason, "LOW_CONFIDENCE") || !rd || !ev || ev->reason
	    || span_conf(v, doc->s, doc->e) < FF_MIN_CONF_SAME)
		return;
	long days = days_between(ev->value, f->value);
	if (days < 0 || days > 366)
		return;
	struct ocr_region r = span_region(v, doc->s, doc->e);
	if (day_month_reading(v, &r, rd->read, &d1, &m1) && d1 == doc->d && m1 == doc->m
	    && day_month_reading(v, &r, rd->read_grey, &d2, &m2) && d2 == doc->d && m2 == doc->m)
		unhold(d, "date");
}

static void den_dates(struct ocr_document *d, const struct fview *v)
{
	struct fdate dates[32];
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *doc = NULL, *ev = NULL;

	bool doc_split = false, ev_split = false;

	/* the report's date may stand twice (opening, closing): the same day,
	 * or the reading is not to be trusted */
	for (size_t i = 0; i < n; i++) {
		if (dates[i].kind == D_DOC) {
			if (!doc)
				doc = &dates[i];
			else if (strcmp(doc->iso, dates[i].iso))
				doc_split = true;
		}
		if (dates[i].kind == D_EVENT) {
			if (!ev)
				ev = &dates[i];
			else if (strcmp(ev->iso, dates[i].iso))
				ev_split = true;
		}
	}
	if (doc)
		put(d, v, "date", doc->iso, doc->s, doc->e, FF_MIN_CONF,
		    doc_split ? "LOW_CONFIDENCE" : NULL, doc->forced ? 0.5 : 1.0);
	/* a date in words over a sentence ("addi' 5 del mese di maggio") has
	 * its year elsewhere: a reading of its region alone cannot say it */
	struct fdate whole;
	if (doc && !doc_split && !long_date_at(v, doc->s, &whole))
		den_confirm(d, v, "date", doc->s, doc->e);
	if (ev)
		put(d, v, "event_date", ev->iso, ev->s, ev->e, FF_MIN_CONF,
		    ev_split ? "LOW_CONFIDENCE" : NULL, ev->forced ? 0.5 : 1.0);
	if (ev && !ev_split && !long_date_at(v, ev->s, &whole))
		den_confirm(d, v, "event_date", ev->s, ev->e);
	if (doc && !doc_split && long_date_at(v, doc->s, &whole))
		den_long_date_confirm(d, v, doc);
	den_dates_misread(d, v);
}

static void den_event(struct ocr_document *d, const struct fview *v)
{
	static const char *const theft[] = {
		"furto", "rubat*", "sottratt*", "sottrazione", "FURTO", NULL
	};
	static const char *const loss[] = {
		"smarrimento", "smarrit*", "perdita", "pers*", "SMARRIMENTO", NULL
	};
	size_t e;
	long t = pfind_any(v, 0, v->n, theft, &e);
	long l = pfind_any(v, 0, v->n, loss, &e);
	long ts = pfind(v, 0, v->n, "FURTO", &e), lsm = pfind(v, 0, v->n, "SMARRIMENTO", &e);
	const char *val = NULL;
	long at = -1;

	if (ts >= 0 && lsm < 0)
		val = "theft", at = ts;
	else if (lsm >= 0 && ts < 0)
		val = "loss", at = lsm;
	else if (t >= 0 && l < 0)
		val = "theft", at = t;
	else if (l >= 0 && t < 0)
		val = "loss", at = l;
	if (val) {
		size_t s = (size_t)at, q = s;
		while (q < v->n && is_al(v->s[q]))
			q++;
		put(d, v, "event", val, s, q, FF_MIN_CONF, NULL, 1.0);
	}
}

static bool name_stop(const struct fview *v, size_t i)
{
	static const char *const stops[] = {
		"nato", "nata", "nat*", "residente", "c.f.", "cf", "codice", "cod.", "identificat*",
		"in", "il", "la", "di", "che", "con", "a", "e", "domiciliat*", "tel*", "quale",
		"dichiara", "denuncia", "espone", NULL
	};
	for (const char *const *p = stops; *p; p++)
		if (pmatch(v, i, *p) >= 0)
			return true;
	return false;
}

/* A card's shortest name labels, also with a letter misread (NAMI, NOMF):
 * the word at i, its end in *end. */
static bool short_label(const struct fview *v, size_t i, size_t *end)
{
	static const char *const labels[] = { "nome", "name", "names", NULL };
	size_t e = i;
	while (e < v->n && isalpha((unsigned char)v->s[e]))
		e++;
	for (const char *const *p = labels; *p; p++) {
		size_t len = strlen(*p), diff = 0;
		if (e - i != len)
			continue;
		for (size_t k = 0; k < len; k++)
			diff += v->s[i + k] != (*p)[k];
		if (diff <= 1) {
			if (end)
				*end = e;
			return true;
		}
	}
	return false;
}

/* Printed words that are never part of a person's name. */
static bool not_a_name(const struct fview *v, size_t i)
{
	static const char *const words[] = {
		"denunciante", "ufficiale", "agente", "verbalizzante", "comune", "carta",
		"identita", "repubblica", "italiana", "passaporto", "passport", "patente", "guida",
		"nome", "cognome", "surname", "name", "names", "given", "data", "nascita", "sesso",
		"sex", "cittadinanza", "nationality", "scadenza", "expiry", "luogo", "place", "tipo",
		"type", "codice", "code", "fiscale", "emissione", "statura", "residenza",
		"indirizzo", "firma", "copia", "conforme", "ministero", "interno", "stazione",
		"questura", "carabinieri", "polizia", "stato", "civile", "date", "birth", NULL
	};
	for (const char *const *p = words; *p; p++) {
		if (pmatch(v, i, *p) >= 0)
			return true;
		/* a label with a letter lost or misread (ITTADINANZA) */
		size_t len = strlen(*p), e = 0, end = i;
		while (end < v->n && isalpha((unsigned char)v->s[end]))
			end++;
		if (len >= 7 && end - i + 1 >= len - 1 && end - i <= len + 1
		    && fuzzy_find(v, i, end, *p, 1, &e) >= 0)
			return true;
	}
	return short_label(v, i, NULL);
}

/* The box of the word at folded index i; NULL without geometry. */
static const struct ocr_region *word_box(const struct fview *v, size_t i)
{
	if (!v->t->word || !v->t->boxes || i >= v->n)
		return NULL;
	int w = v->t->word[v->map[i]];
	return w < 0 ? NULL : &v->t->boxes[w];
}

/* True when the rest of the line from i holds a letter or a digit. */
static bool line_has_al(const struct fview *v, size_t i)
{
	for (; i < v->n && v->s[i] != '\n'; i++)
		if (is_al(v->s[i]))
			return true;
	return false;
}

/* Left edge of the word at folded index i, or -1 without geometry. */
static int word_x(const struct fview *v, size_t i)
{
	const struct ocr_region *b = word_box(v, i);
	return b ? b->x : -1;
}

/* The particle of an Italian surname at i, in capitals (DE ANGELIS, DI
 * STEFANO, DELLA VALLE, LA ROSA). */
static bool surname_particle(const struct fview *v, size_t i)
{
	static const char *const words[] = {
		"DE", "DI", "DA", "DEL", "DELLA", "DELLE", "DEGLI", "DEI", "DAL", "DALLA", "LA", "LO",
		"LE", "LI", NULL
	};
	for (const char *const *p = words; *p; p++) {
		size_t len = strlen(*p);
		if (!strncmp(v->u + i, *p, len) && i + len < v->n && v->u[i + len] == ' ')
			return true;
	}
	return false;
}

/*
 * Words of a person's name from i: capitalised (caps_only: all capitals),
 * letters and apostrophes, up to five, on one line or running on. With
 * word geometry and min_x >= 0, words that stand left of min_x (another
 * column that the OCR put on the same line) are skipped first.
 */
static bool read_name(const struct fview *v, size_t i, size_t *fs, size_t *fe, bool caps_only,
		      bool one_line, int min_x)
{
	size_t j = i, end = i, start = i;
	int words = 0;

	if (min_x >= 0) {
		for (int guard = 0; guard < 8 && j < v->n && v->u[j] != '\n'; guard++) {
			const struct ocr_region *b = word_box(v, j);
			if (!b || b->x >= min_x)
				break;
			size_t k = j;
			while (k < v->n && !is_blank(v->u[k]))
				k++;
			while (k < v->n && v->u[k] == ' ')
				k++;
			/* the particle of a surname close before its first word
			 * under the label is the name's own (DE ANGELIS), not
			 * another column's */
			const struct ocr_region *nb = word_box(v, k);
			if (surname_particle(v, j) && nb && v->u[k] != '\n' && nb->x >= min_x
			    && nb->x - (b->x + b->w) <= b->h)
				break;
			j = k;
		}
		start = j;
	}
	while (j < v->n && words < 5) {
		size_t k = j;
		if (!isupper((unsigned char)v->u[k]) || not_a_name(v, k))
			break;
		if (words > 0 && !caps_only && name_stop(v, k) && !isupper((unsigned char)v->u[k + 1]))
			break;
		while (k < v->n && (isalpha((unsigned char)v->u[k]) || v->u[k] == '\''))
			k++;
		if (caps_only)
			for (size_t q = j; q < k; q++)
				if (islower((unsigned char)v->u[q]))
					goto done;
		/* a dot ends an abbreviation, save a speck that ends a card's
		 * line of capitals (ELENA.) */
		bool speck = caps_only && k < v->n && v->u[k] == '.' && k - j >= 3
			     && !line_has_al(v, k + 1);
		if (k < v->n && (isdigit((unsigned char)v->u[k]) || v->u[k] == '.') && !speck)
			break;
		if (k - j < 2 && !(k - j == 2 && v->u[k - 1] == '\''))
			break;
		words++;
		end = k;
		j = k;
		if (speck)
			break;
		while (j < v->n && v->u[j] == ' ')
			j++;
		if (j < v->n && v->u[j] == '\n') {
			if (one_line)
				break;
			j++;
		}
	}
done:
	if (words == 0)
		return false;
	*fs = start;
	*fe = end;
	return true;
}

static void den_reporter(struct ocr_document *d, const struct fview *v)
{
	static const char *const labels[] = {
		"sig.ra", "sig.", "signora", "signor", "il sottoscritt*", "la sottoscritt*",
		"io sottoscritt*", "il/la sottoscritt*", "il la sottoscritt*", "denunciante:",
		"denunciante;", "generalita del denunciante", "comparso", "comparsa", "esponente:",
		/* its article misread (IWLa, II/La) */
		"sottoscritto/a", "sottoscritta/o", NULL
	};
	static const char *const fillers[] = {
		"sig.ra", "sig.", "signora", "signor", "sig", "dott.ssa", "dott.", "il", "la",
		"sottoscritto", "sottoscritta", "nominato", "nominata", "seguito", "a", "o", "il/la",
		NULL
	};
	size_t e, fs, fe;
	long s = pfind_any(v, 0, v->n, labels, &e);

	if (s < 0)
		return;
	size_t i = e;
	while (i < v->n && is_al(v->s[i]))	/* sottoscritt-o/a */
		i++;
	i = skip_sep(v, i);
	for (int guard = 0; guard < 4; guard++) {
		size_t fe2;
		long f = pfind_any(v, i, i + 1, fillers, &fe2);
		if (f < 0)
			break;
		i = skip_sep(v, fe2);
	}
	if (!read_name(v, i, &fs, &fe, false, false, -1))
		return;
	char *val = span_text(v, fs, fe);
	/* "Cristina De" (Santis on a line the OCR put elsewhere) is not a name */
	const char *last = strrchr(val, ' ');
	static const char *const particles[] = {
		"de", "di", "del", "della", "dello", "dei", "da", "la", "lo", "d'", "van", "von", NULL
	};
	bool cut = false;
	for (const char *const *p = particles; last && *p; p++)
		if (!strcasecmp(last + 1, *p))
			cut = true;
	if (last)
		put(d, v, "reporter", val, fs, fe, FF_MIN_CONF, cut ? "LOW_CONFIDENCE" : NULL, 1.0);
	free(val);
}

/* IMEI digits after i: 15 digits, separators allowed between groups. */
static bool imei_at(const struct fview *v, size_t i, char out[16], size_t pos[15], size_t *end,
		    int *mapped)
{
	size_t j = i, n = 0;
	*mapped = 0;
	while (j < v->n) {
		char c = v->u[j];
		if (isdigit((unsigned char)c)) {
			if (n == 15)
				return false;
			pos[n] = j;
			out[n++] = c;
			j++;
			continue;
		}
		char dg = digit_for(c);
		if (dg && n > 0 && n < 15 && j + 1 < v->n && (isdigit((unsigned char)v->u[j + 1])
							       || digit_for(v->u[j + 1]))) {
			pos[n] = j;
			out[n++] = dg;
			(*mapped)++;
			j++;
			continue;
		}
		if ((c == ' ' || c == '\n' || c == '-' || c == '.' || c == '/') && n > 0 && n < 15
		    && j + 1 < v->n
		    && isdigit((unsigned char)v->u[j + 1])) {
			j++;
			continue;
		}
		break;
	}
	if (n != 15 || *mapped > 2)
		return false;
	out[15] = '\0';
	*end = j;
	return true;
}

/* The held IMEI's value becomes val, trusted, read at r with conf; what
 * the page read (raw) stays for the clerk's view. */
static void imei_settle(struct ocr_document *d, const char *val, double conf,
			const struct ocr_region *r)
{
	const struct ocr_field *f = ocr_document_field(d, "imei");
	char *raw = f && f->raw ? xstrdup(f->raw) : NULL;
	ocr_document_remove_reasons(d, "imei");
	struct ocr_field *g = ocr_document_set(d, "imei", val, conf, r, NULL);
	free(g->raw);
	g->raw = raw;
}

/*
 * An IMEI held (failing its check, repaired, read with little confidence)
 * is read again in grey at twice the size by the other model: 15 digits
 * read surely there (confidence, no other digit weighed, no letter taken
 * for one) that pass the check stand for it, as a checked value read
 * surely does anywhere.
 */
static void den_imei_grey(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *f = ocr_document_field(d, "imei");
	const struct ff_reader *rd = v->t->reread;
	struct ff_text t3;
	struct fview v3;
	char val[16];
	double conf = 0;
	bool ok = false;

	if (!f || !f->reason || !rd || !rd->read_grey || f->region.w <= 0)
		return;
	struct ocr_region r = f->region;
	if (!reading_open(rd, rd->read_grey, &r, &t3, &v3))
		return;
	for (size_t i = 0; i < v3.n && !ok; i++) {
		size_t pos[15], e;
		int mapped;
		if ((i > 0 && is_al(v3.s[i - 1])) || !isdigit((unsigned char)v3.u[i])
		    || !imei_at(&v3, i, val, pos, &e, &mapped) || mapped || !ocr_check_imei(val)
		    || (e < v3.n && is_al(v3.s[e])))
			continue;
		conf = span_conf(&v3, i, e);
		ok = conf >= FF_MIN_CONF;
		for (size_t k = i; k < e && ok; k++)
			if (t3.doubt_like && t3.doubt_like[v3.map[k]] >= FF_MAX_DOUBT)
				ok = false;
	}
	reading_close(rd, &v3);
	if (ok)
		imei_settle(d, val, conf, &r);
}

/*
 * The 15 places of an IMEI as a reading wrote it, from the first run of
 * digits in s that fills them: each digit, or '?' for the one sign or
 * letter standing where a digit should (\u00a9 or O for a 0); blanks,
 * dashes and dots between groups skipped. False when no run fills them.
 */
static bool imei_places(const char *s, char out[16])
{
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isalnum((unsigned char)p[-1]))
		    || (p > s + 1 && strchr(" -.", p[-1]) && isdigit((unsigned char)p[-2])))
			continue;
		const char *q = p;
		int n = 0, signs = 0;
		while (*q && n < 15) {
			unsigned char c = (unsigned char)*q;
			if (isdigit(c)) {
				out[n++] = *q++;
			} else if (strchr(" -.", *q) && q[1] && !strchr(" ,.;:()/\n", q[1])) {
				q++;
			} else if (!strchr(" ,.;:()/\n\t", *q) && signs++ == 0) {
				out[n++] = '?';
				for (q++; ((unsigned char)*q & 0xc0) == 0x80; q++)
					;
			} else {
				break;
			}
		}
		if (n == 15 && !isalnum((unsigned char)*q)
		    && !(*q && strchr(" -.", *q) && isdigit((unsigned char)q[1]))) {
			out[15] = '\0';
			return true;
		}
	}
	return false;
}

/* The text of a reading of the region r by read (NULL: none), to free. */
static char *region_text(const struct fview *v, const struct ocr_region *r,
			 int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out))
{
	const struct ff_reader *rd = v->t->reread;
	struct ff_text t2;
	if (!rd || !read || r->w <= 0 || read(rd->ctx, r, &t2) != 0)
		return NULL;
	char *s = xstrdup(t2.text);
	rd->done(rd->ctx);
	return s;
}

/*
 * An IMEI held that the page and the two readings of its region (bilevel;
 * grey at twice the size) read alike in 14 places, each of the three a
 * digit there, and otherwise in the fifteenth (a sign, a letter, another
 * digit: \u00a9 / O / 0, 9 / 9 / 8): the check digit arithmetic gives that
 * place from the 14, and it is taken, trusted, when one of the readings
 * read that digit there. Two places in doubt give nothing.
 */
static void den_imei_voted(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *f = ocr_document_field(d, "imei");
	const struct ff_reader *rd = v->t->reread;
	char pl[3][16], val[16];
	int open = -1;
	bool said = false;

	if (!f || !f->reason || !f->raw || !rd || !imei_places(f->raw, pl[0]))
		return;
	struct ocr_region r = f->region;
	for (int k = 1; k < 3; k++) {
		char *t = region_text(v, &r, k == 1 ? rd->read : rd->read_grey);
		bool ok = t && imei_places(t, pl[k]);
		free(t);
		if (!ok)
			return;
	}
	for (int c = 0; c < 15; c++) {
		if (pl[0][c] != '?' && pl[0][c] == pl[1][c] && pl[0][c] == pl[2][c])
			continue;
		if (open >= 0)
			return;
		open = c;
	}
	if (open < 0)
		return;
	memcpy(val, pl[0], sizeof val);
	for (char x = '0'; x <= '9'; x++) {
		val[open] = x;
		if (ocr_check_imei(val))
			break;
	}
	for (int k = 0; k < 3; k++)
		said = said || pl[k][open] == val[open];
	if (said && ocr_check_imei(val))
		imei_settle(d, val, f->confidence, &r);
}

static void put_imei(struct ocr_document *d, const struct fview *v, char *val, const size_t *pos,
		     size_t s, size_t e)
{
	static const char shape[] = "DDDDDDDDDDDDDDD";
	const char *reason = NULL;
	if (!ocr_check_imei(val) && repair_alts(v, val, pos, 15, shape, ocr_check_imei) != 1)
		reason = "IMEI_CHECKSUM";
	put(d, v, "imei", val, s, e, FF_MIN_CONF_CHECKED, reason, 1.0);
}

/* "IMEI" with a letter misread (IMCI, IMEL, 1MEI): a word of four that
 * has three of its letters in place. */
static bool imei_label_at(const struct fview *v, size_t i, size_t *end)
{
	int same = 0;
	if ((i > 0 && is_al(v->s[i - 1])) || i + 4 > v->n || (i + 4 < v->n && is_al(v->s[i + 4])))
		return false;
	for (size_t k = 0; k < 4; k++) {
		if (!is_al(v->s[i + k]) || islower((unsigned char)v->u[i + k]))
			return false;
		same += v->u[i + k] == "IMEI"[k];
	}
	*end = i + 4;
	return same >= 3;
}

/*
 * After an IMEI's label, digits that are not an IMEI as read: 14 and a
 * sign where the last should stand ("311733 ©"), or 16 (a digit read
 * twice). Kept as read, failing its check, so that the region is read
 * again (second_look) and a clerk sees it when that reading fails too;
 * nothing is made up from the check digit.
 */
static void den_imei_misread(struct ocr_document *d, const struct fview *v)
{
	for (size_t i = 0; i + 4 < v->n; i++) {
		size_t e;
		if (!imei_label_at(v, i, &e))
			continue;
		size_t j = skip_sep(v, e), s = j, n = 0;
		char val[20];
		while (j < v->n && n < 17) {
			if (isdigit((unsigned char)v->u[j]))
				val[n++] = v->u[j];
			else if (!(v->u[j] == ' ' && j + 1 < v->n && isdigit((unsigned char)v->u[j + 1])))
				break;
			j++;
		}
		bool sign = n == 14 && j + 1 < v->n && v->u[j] == ' ' && !is_al(v->s[j + 1])
			    && !strchr(" \n,.;:)", v->u[j + 1]);
		if (sign) {
			val[n++] = '?';
			j += 2;
		}
		if (n != 15 && n != 16)
			continue;
		val[n] = '\0';
		put(d, v, "imei", val, s, j, FF_MIN_CONF_CHECKED, "IMEI_CHECKSUM", 1.0);
		return;
	}
}

static void den_imei(struct ocr_document *d, const struct fview *v)
{
	size_t e, pos[15], end;
	char val[16];
	int mapped;
	long s = pfind(v, 0, v->n, "imei*", &e);

	while (s >= 0) {
		size_t i = skip_sep(v, e);
		/* "IMEI 1: ..." on dual-SIM phones */
		if (i + 1 < v->n && (v->s[i] == '1' || v->s[i] == '2') && strchr(":)", v->s[i + 1]))
			i = skip_sep(v, i + 2);
		long n = pmatch(v, i, "n.");
		if (n >= 0)
			i = skip_sep(v, (size_t)n);
		if (imei_at(v, i, val, pos, &end, &mapped)) {
			put_imei(d, v, val, pos, i, end);
			return;
		}
		s = pfind(v, e, v->n, "imei*", &e);
	}
	/* no label: a run of 15 digits that passes Luhn */
	for (size_t i = 0; i < v->n; i++) {
		if ((i == 0 || !is_al(v->s[i - 1])) && isdigit((unsigned char)v->u[i])
		    && imei_at(v, i, val, pos, &end, &mapped) && mapped == 0 && ocr_check_imei(val)
		    && (end >= v->n || !is_al(v->s[end]))) {
			put_imei(d, v, val, pos, i, end);
			return;
		}
	}
	den_imei_misread(d, v);
}

static void den_line(struct ocr_document *d, const struct fview *v)
{
	static const char *const labels[] = {
		"utenza", "numero di telefono", "numero telefonico", "numero di cellulare",
		"n. di telefono", "sim", "linea", NULL
	};
	static const char *const fillers[] = {
		"telefonica", "mobile", "cellulare", "numero", "n.", "nr.", "associata", "tim",
		"n", "di", "telefono", "con", "sim", NULL
	};
	size_t e;
	long s = pfind_any(v, 0, v->n, labels, &e);

	while (s >= 0) {
		size_t i = skip_sep(v, e), fe;
		for (int guard = 0; guard < 5; guard++) {
			long f = pfind_any(v, i, i + 1, fillers, &fe);
			if (f < 0)
				break;
			i = skip_sep(v, fe);
		}
		size_t j = i, digits = 0;
		if (j < v->n && v->u[j] == '+')
			j++;
		while (j < v->n && (isdigit((unsigned char)v->u[j])
				    || (strchr(" .-/", v->u[j]) && j + 1 < v->n
					&& isdigit((unsigned char)v->u[j + 1])))) {
			if (isdigit((unsigned char)v->u[j]))
				digits++;
			j++;
		}
		if (digits >= 9 && digits <= 14) {
			char raw[64], norm[32];
			snprintf(raw, sizeof raw, "%.*s", (int)(j - i), v->u + i);
			if (ocr_normalise_line(raw, norm, sizeof norm) == 0) {
				put(d, v, "line", norm, i, j, FF_MIN_CONF, NULL, 1.0);
				return;
			}
		}
		s = pfind_any(v, e, v->n, labels, &e);
	}
}

static void den_model(struct ocr_document *d, const struct fview *v)
{
	static const char *const brands[] = {
		"apple", "samsung", "xiaomi", "huawei", "motorola", "nokia", "oppo", "google",
		"oneplus", "sony", "honor", "realme", "vivo", "alcatel", "lg", "zte", "wiko",
		"asus", "redmi", "iphone", NULL
	};
	static const char *const stops[] = {
		"imei", "colore", "di", "con", "avente", "numero", "utenza", "e", "sn", "seriale",
		"s/n", "nero", "bianco", "blu", "in", "dal", "che", "del", "della", "il", "la",
		"matricola", "codice", "sim", "unitamente", "contenente", "cover", NULL
	};
	size_t e;
	long s = pfind_any(v, 0, v->n, brands, &e);

	if (s < 0)
		return;
	struct strbuf sb = STRBUF_INIT;
	size_t i = (size_t)s, last = e;
	char *brand = span_text(v, (size_t)s, e);
	int words = 0;

	sb_init(&sb);
	sb_adds(&sb, brand);
	free(brand);
	i = e;
	while (words < 5) {
		size_t j = i;
		while (j < v->n && v->s[j] == ' ')
			j++;
		if (j >= v->n || !(is_al(v->s[j]) || v->s[j] == '+'))
			break;
		long m = pmatch(v, j, "modello");
		if (m >= 0) {
			i = (size_t)m;
			j = skip_sep(v, i);
			i = j;
			continue;
		}
		size_t fe;
		if (pfind_any(v, j, j + 1, stops, &fe) >= 0)
			break;
		size_t k = j;
		while (k < v->n && (is_al(v->s[k]) || v->s[k] == '+' || v->s[k] == '-'))
			k++;
		char *w = span_text(v, j, k);
		sb_addc(&sb, ' ');
		sb_adds(&sb, w);
		free(w);
		words++;
		last = k;
		i = k;
	}
	/* the make is implied by some models */
	if (words > 0 && !strncasecmp(sb.buf, "iphone", 6)) {
		struct strbuf full = STRBUF_INIT;
		sb_init(&full);
		sb_addf(&full, "Apple %s", sb.buf);
		sb_release(&sb);
		sb = full;
	}
	/* a word of the model that starts with a digit may have been a letter
	 * (S22 read as 522) */
	const char *why = NULL;
	for (const char *q = strchr(sb.buf, ' '); q; q = strchr(q + 1, ' '))
		if (q[1] && strchr("02568", q[1]) && q[2] && isdigit((unsigned char)q[2]))
			why = "LOW_CONFIDENCE";
	if (words > 0)
		put(d, v, "model", sb.buf, (size_t)s, last, FF_MIN_CONF_TEXT, why, 1.0);
	sb_release(&sb);
}

static void parse_denunciation(struct ocr_document *d, const struct fview *v)
{
	den_authority_field(d, v);
	den_dates(d, v);
	den_number_field(d, v);
	den_event(d, v);
	den_reporter(d, v);
	find_cf(d, v, "reporter_cf");
	den_imei(d, v);
	den_imei_grey(d, v);
	den_imei_voted(d, v);
	den_line(d, v);
	den_model(d, v);
}

/* ---------------------------------------------------------------- identity */

static const char *const shape_electronic = "LLDDDDDLL";
static const char *const shape_paper = "LLDDDDDDD";
static const char *const shape_licence = "LLDDDDDDDL";

struct idnum {
	char val[16];
	size_t s, e;
	int mapped;
	const char *shape;
};

/*
 * A licence number opens with its province's two letters: a digit read
 * there (M0 for MO) that only one look-alike letter makes a province's
 * code is that letter, as sure as read. Returns how many of the two were
 * such digits (val, as fit_shape mapped it, gets the letter).
 */
static int province_read(const struct fview *v, const size_t *pos, char *val)
{
	static const char *const twins[] = { "0ODQ", "1IL", "2Z", "4A", "5S", "6GB", "7T", "8B", NULL };
	int sure = 0;
	for (int k = 0; k < 2; k++) {
		char c = v->u[pos[k]], code[3] = { val[0], val[1], 0 }, found = 0;
		int n = 0;
		if (!isdigit((unsigned char)c))
			continue;
		for (const char *const *t = twins; *t; t++) {
			if ((*t)[0] != c)
				continue;
			for (const char *l = *t + 1; *l; l++) {
				code[k] = *l;
				if (province_code(code))
					found = *l, n++;
			}
		}
		if (n != 1)
			return 0;
		val[k] = found;
		sure++;
	}
	return province_code(val) ? sure : 0;
}

/*
 * A document number of one of the shapes at i ("AB 1234567" allowed). A
 * currency sign inside it ($ for S) is a letter misread; so is a blank
 * elsewhere ("CL56 199BC": the number is printed in one piece), which
 * counts as a character mapped: such a number needs a second reading.
 */
static bool idnum_fit(const struct fview *v, size_t i, bool may_split, struct idnum *out)
{
	static const char *const *shapes[] = { &shape_electronic, &shape_paper, &shape_licence };
	size_t pos[16], n = 0, j = i;
	int split = 0;

	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	while (j < v->n && n < 12) {
		if (is_al(v->s[j]) || (n > 0 && sign_alikes(v, j))) {
			pos[n++] = j++;
			continue;
		}
		/* the paper card prints "AA 1234567" (a speck may read as a dot
		 * or a dash) */
		if ((v->s[j] == ' ' || v->s[j] == '.' || v->s[j] == '-') && n == 2 && j + 1 < v->n
		    && is_al(v->s[j + 1])) {
			j++;
			continue;
		}
		if (may_split && v->s[j] == ' ' && n > 2 && !split && j + 1 < v->n
		    && is_al(v->s[j + 1])) {
			split = 1;
			j++;
			continue;
		}
		break;
	}
	if (j < v->n && is_al(v->s[j]))
		return false;
	int best = -1;
	for (size_t k = 0; k < ARRAY_SIZE(shapes); k++) {
		const char *shape = *shapes[k];
		char val[16];
		if (strlen(shape) != n)
			continue;
		int m = fit_shape(v, pos, n, shape, val);
		if (m > 0 && shape == shape_licence)
			m -= province_read(v, pos, val);
		if (m >= 0)
			m += split;
		/* at least the first letter and most digits as read */
		if (m < 0 || m > 2 || !isalpha((unsigned char)v->u[pos[0]]))
			continue;
		int digits = 0;
		for (size_t q = 0; q < n; q++)
			digits += isdigit((unsigned char)v->u[pos[q]]) != 0;
		if (digits < 4 || (best >= 0 && m >= best))
			continue;
		best = m;
		memcpy(out->val, val, n + 1);
		out->s = i, out->e = j, out->mapped = m, out->shape = shape;
	}
	return best >= 0;
}

static bool idnum_at(const struct fview *v, size_t i, struct idnum *out)
{
	return idnum_fit(v, i, false, out) || idnum_fit(v, i, true, out);
}

/*
 * True when a character of the document number at [fs, fe) had a contender
 * that could stand in its place: a letter where the number's shape has a
 * letter, a digit where it has a digit (doubt_like, when the text has it;
 * else the contenders in alts). The usual twins (B and 8, S and 5, O and
 * 0) are no doubt where the shape wants one of them only.
 */
static unsigned long long idnum_doubts(const struct fview *v, size_t fs, size_t fe, int *n)
{
	struct idnum num;
	unsigned long long mask = 0;

	if (!idnum_at(v, fs, &num))
		return span_doubts(v, fs, fe, n);
	size_t k = 0;
	for (size_t i = num.s; i < num.e && num.shape[k]; i++) {
		if (!is_al(v->s[i]) && !sign_alikes(v, i))
			continue;
		char cls = num.shape[k++];
		unsigned long long bit = 1ull << (k - 1);
		if (!v->t->doubt || v->t->doubt[v->map[i]] < FF_MAX_DOUBT)
			continue;
		/* a character read as the shape wants: its kind's contenders */
		if (v->t->doubt_like && shape_ok(cls, v->u[i])) {
			if (v->t->doubt_like[v->map[i]] >= FF_MAX_DOUBT)
				mask |= bit;
			continue;
		}
		const char *a = alts_at(v, i);
		if (!*a)
			mask |= bit;
		for (; *a; a++) {
			char c = (char)toupper((unsigned char)*a);
			if (c != num.val[k - 1] && shape_ok(cls, c))
				mask |= bit;
		}
	}
	*n = (int)k;
	return mask;
}

static bool idnum_doubtful(const struct fview *v, size_t fs, size_t fe)
{
	int n;
	return idnum_doubts(v, fs, fe, &n) != 0;
}

/*
 * The characters of the number num that its shape had to map (a letter
 * read where a digit stands or the reverse, a sign for a letter), a bit
 * each as idnum_doubts gives them; *split: a blank stands inside the
 * number (not the paper card's after its letters).
 */
static unsigned long long idnum_mapped(const struct fview *v, const struct idnum *num, bool *split)
{
	unsigned long long mask = 0;
	size_t k = 0;
	*split = false;
	for (size_t i = num->s; i < num->e && num->shape[k]; i++) {
		if (v->s[i] == ' ' && k > 2)
			*split = true;
		if (!is_al(v->s[i]) && !sign_alikes(v, i))
			continue;
		if (sign_alikes(v, i) || (char)toupper((unsigned char)v->u[i]) != num->val[k])
			mask |= 1ull << k;
		k++;
	}
	return mask;
}

static long find_label(const struct fview *v, size_t from, const char *const *pats, bool fuzzy,
		       size_t *end);

/* True when [from, to) holds two capitals in a row (a word of a name). */
static bool caps_word(const struct fview *v, size_t from, size_t to)
{
	for (size_t i = from; i + 1 < to; i++)
		if (isupper((unsigned char)v->u[i]) && isupper((unsigned char)v->u[i + 1]))
			return true;
	return false;
}

/* Edit distance between the n letters at a and pat, up to 15 letters
 * (more: 99). */
static int edit_dist(const char *a, size_t n, const char *pat)
{
	size_t m = strlen(pat);
	int prev[16], col[16];

	if (m >= ARRAY_SIZE(col) || n >= ARRAY_SIZE(col))
		return 99;
	for (size_t q = 0; q <= m; q++)
		prev[q] = (int)q;
	for (size_t j = 0; j < n; j++) {
		col[0] = (int)j + 1;
		for (size_t q = 1; q <= m; q++) {
			int sub = prev[q - 1] + (a[j] != pat[q - 1]);
			int del = col[q - 1] + 1, ins = prev[q] + 1;
			col[q] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, col, (m + 1) * sizeof *col);
	}
	return prev[m];
}

/* Edit distance between the word [i, e) of v (lower case) and pat. */
static int word_dist(const struct fview *v, size_t i, size_t e, const char *pat)
{
	return edit_dist(v->s + i, e - i, pat);
}

/* A lone 7, 1 or 4 at i, after a blank and before no letter or digit: the
 * slash between the halves of a bilingual label (NOME 7 NAME, 7.). */
static bool slash_digit(const struct fview *v, size_t i)
{
	return i > 0 && i + 1 < v->n && (v->s[i] == '7' || v->s[i] == '1' || v->s[i] == '4')
	       && is_blank(v->s[i - 1]) && !is_al(v->s[i + 1]);
}

/* Skips what stands between a label and its value, or between the halves
 * of a bilingual label: blanks, punctuation, and the slash read as a comma,
 * a '<', a lone 7, 1 or 4 (COGNOME , SURNAME; NOMI < SURNAME; NOME 7 NAME). */
static size_t label_sep(const struct fview *v, size_t i)
{
	for (;;) {
		i = skip_sep(v, i);
		if (i < v->n && (v->s[i] == ',' || v->s[i] == '<' || slash_digit(v, i)))
			i++;
		else
			return i;
	}
}

/*
 * The English half of a bilingual name label as Tesseract misreads it
 * (SURNANE, SHIRNAME, UUIIINAME, NAM, the slash read with it: INAMI), the word
 * at i; its end in *end.
 */
static bool english_half(const struct fview *v, size_t i, size_t *end)
{
	size_t e = i;
	while (e < v->n && isalpha((unsigned char)v->s[e]))
		e++;
	size_t len = e - i;
	bool is = (len >= 5 && word_dist(v, i, e, "surname") <= 2)
		  || (len >= 6 && !strncmp(v->s + e - 4, "name", 4))
		  || (len >= 3 && len <= 5 && word_dist(v, i, e, "name") <= 1)
		  || (len == 5 && strchr("il", v->s[i]) && word_dist(v, i + 1, e, "name") <= 1);
	if (is)
		*end = e;
	return is;
}

/*
 * Where the value of the label at s may begin: under or after the label's
 * word; for the English half of a bilingual label (COGNOME / SURNAME)
 * whose Italian half was misread (COGNOMI SURNAME, cogNarE 7. SURNAME,
 * cuanimie , SURNAME), under that half.
 */
static int label_left(const struct fview *v, size_t s)
{
	static const char *const italian[] = { "cognome", "nome", NULL };
	int lx = word_x(v, s);
	size_t ls = line_start(v, s), j = s;

	if (pmatch(v, s, "surname") < 0 && pmatch(v, s, "name") < 0 && pmatch(v, s, "given") < 0)
		return lx;
	bool sep = false;
	while (j > ls && (strchr(" /|,.;:<'", v->s[j - 1]) || slash_digit(v, j - 1))) {
		sep = sep || v->s[j - 1] != ' ';
		j--;
	}
	size_t w = j;
	while (w > ls && isalpha((unsigned char)v->s[w - 1]))
		w--;
	if (j == s || w == j)
		return lx;
	for (const char *const *p = italian; *p; p++) {
		/* a letter misread, lost or added (vrome), two in the longer
		 * word (cogNarE) */
		size_t len = strlen(*p), e;
		if ((j - w + 1 >= len && j - w <= len + 1 && fuzzy_find(v, w, j, *p, 1, &e) >= 0)
		    || (len >= 7 && word_dist(v, w, j, *p) <= 2)) {
			int x = word_x(v, w);
			return x >= 0 && (lx < 0 || x < lx) ? x : lx;
		}
	}
	/* whatever it reads, the word that begins the line before the
	 * slash is the Italian half (cuanimie , SURNAME) */
	if (sep && j - w >= 4 && line_lead(v, ls) == w) {
		int x = word_x(v, w);
		return x >= 0 && (lx < 0 || x < lx) ? x : lx;
	}
	return lx;
}

/* Value of a label: upper-case words, on the label's line or the next.
 * fuzzy: a label of 7 letters or more also with one misread (find_label). */
static bool label_value(const struct fview *v, const char *const *labels, bool line_start_only,
			bool fuzzy, size_t *fs, size_t *fe, bool *below)
{
	static const char *const skip[] = {
		"surname", "name", "names", "given names", "given", "nome", "cognome", "nomi",
		"/", NULL
	};
	size_t e;
	long s = 0;
	size_t from = 0;

	while ((s = find_label(v, from, labels, fuzzy, &e)) >= 0) {
		from = e;
		if (line_start_only && line_lead(v, (size_t)s) != (size_t)s)
			continue;
		size_t i = e, ls = line_start(v, (size_t)s);
		for (int guard = 0; guard < 6; guard++) {
			i = label_sep(v, i);
			size_t se;
			if (pfind_any(v, i, i + 1, skip, &se) < 0 && !short_label(v, i, &se)
			    && !(line_start(v, i) == ls && english_half(v, i, &se)))
				break;
			i = se;
		}
		/* the value stands under or after its label, not left of it */
		int lx = label_left(v, (size_t)s);
		bool got = read_name(v, i, fs, fe, true, true, lx >= 0 ? lx - 40 : -1);
		/* only specks after the label on its line (SURNAME a): the
		 * value is on the next line */
		size_t le = line_end(v, (size_t)s);
		if (!got && i < le && le < v->n && !caps_word(v, i, le))
			got = read_name(v, skip_sep(v, le), fs, fe, true, true, lx >= 0 ? lx - 40 : -1);
		/* a licence's numbered field holds its value on its line: a
		 * name under a "2" read in specks is not its value */
		if (got && line_start_only && line_start(v, *fs) != ls)
			got = false;
		if (!got)
			continue;
		/* and right under it: a name further down is the next field's,
		 * this one's value being lost */
		const struct ocr_region *lb = word_box(v, (size_t)s), *vb = word_box(v, *fs);
		if (lb && vb && vb->y - (lb->y + lb->h) > 3 * lb->h / 2)
			continue;
		*below = line_start(v, *fs) != line_start(v, (size_t)s);
		return true;
	}
	return false;
}

/* The folded capitals of a span, blanks collapsed: a card prints names in
 * plain capitals, and an accent over one is a speck read with it. */
static char *span_caps(const struct fview *v, size_t fs, size_t fe)
{
	struct strbuf sb = STRBUF_INIT;
	bool sp = false;

	sb_init(&sb);
	for (size_t i = fs; i < fe && i < v->n; i++) {
		if (is_blank(v->u[i])) {
			sp = sb.len > 0;
			continue;
		}
		if (sp)
			sb_addc(&sb, ' ');
		sp = false;
		sb_addc(&sb, v->u[i]);
	}
	return sb_detach(&sb);
}

/*
 * True when the name ending at fe goes on in a word that the OCR put on a
 * line of its own although it stands on the name's row, right after it
 * (GIAN / LUCA): the name read is then only a part.
 */
static bool name_runs_on(const struct fview *v, size_t fs, size_t fe)
{
	size_t j = fe;
	while (j < v->n && v->u[j] == ' ')
		j++;
	if (j >= v->n || v->u[j] != '\n')
		return false;
	j = skip_blanks(v, j);
	const struct ocr_region *a = word_box(v, fs), *last = word_box(v, fe - 1),
				  *b = word_box(v, j);
	if (!a || !last || !b || !isupper((unsigned char)v->u[j]))
		return false;
	int mid = b->y + b->h / 2;
	return mid > a->y && mid < a->y + a->h && b->x >= last->x + last->w
	       && b->x - (last->x + last->w) < 2 * a->h;
}

/*
 * True when the line after the name [fs, fe), read under its label, begins
 * with another name (ARIO, then MARIO on the next line): the page holds two
 * readings of the value, or the next field's label was lost; either way
 * this one is not sure to be the value. The same name again is a line the
 * fax repeated.
 */
static bool another_name_below(const struct fview *v, size_t fs, size_t fe)
{
	size_t j = line_end(v, fe), k;
	if (j >= v->n)
		return false;
	j++;
	while (j < v->n && v->u[j] != '\n' && !is_al(v->u[j]))
		j++;
	for (k = j; k < v->n && isupper((unsigned char)v->u[k]); k++)
		;
	if (k - j < 3 || (k < v->n && isalnum((unsigned char)v->u[k])) || not_a_name(v, j))
		return false;
	size_t first = fs;
	while (first < fe && isupper((unsigned char)v->u[first]))
		first++;
	return !(first - fs == k - j && !strncmp(v->u + fs, v->u + j, k - j));
}

/* A licence's numbered fields (1. 2. 3. 4b. 5.) are looked for unless the
 * document is known to be of another kind: on a card, a "1" before a
 * line's name is a speck or a digit, not a label. */
static bool may_be_licence(const struct ocr_document *d)
{
	const struct ocr_field *k = ocr_document_field(d, "kind");
	return !k || !strcmp(k->value, "driving-licence");
}

/* A line among the three after the one ending at le begins with the given
 * name's label (NOME, with a letter misread): the card's next field. */
static bool nome_follows(const struct fview *v, size_t le)
{
	for (int k = 0; k < 3 && le < v->n; k++) {
		size_t a = line_lead(v, le + 1);
		if (pmatch(v, a, "nome") >= 0 || short_label(v, a, NULL))
			return true;
		le = line_end(v, le + 1);
	}
	return false;
}

/* NAME with a letter misread, lost or added (NAMI, MAME, NAM, NAMES), the
 * word at i; its end in *end. */
static bool name_half(const struct fview *v, size_t i, size_t *end)
{
	size_t e = i;
	while (e < v->n && isalpha((unsigned char)v->s[e]))
		e++;
	if (e - i < 3 || e - i > 5 || (word_dist(v, i, e, "name") > 1 && word_dist(v, i, e, "names") > 1))
		return false;
	*end = e;
	return true;
}

/*
 * A name's label misread further than find_label allows, the first word of
 * its line: the surname's (given false) with two letters misread or lost,
 * a blank read inside (cogsone, Cogne, C Qgnome), the given name's label
 * on one of the next lines (a town, Cogne, is no label); the given name's
 * (NGOME, NOVE) with one, its English half after it (/NAMI, MAME; not
 * a surname's: COGNOME read NOME). The value after it on the line, or
 * right under it.
 */
static bool label_misread(const struct fview *v, bool given, size_t *fs, size_t *fe, bool *below)
{
	for (size_t ls = 0; ls < v->n; ls = line_end(v, ls) + 1) {
		size_t le = line_end(v, ls), q = line_lead(v, ls), k = 0, se;
		char w[12];
		bool blank = false;
		while (q < le && k < sizeof w) {
			if (isalpha((unsigned char)v->s[q]))
				w[k++] = v->s[q];
			else if (v->s[q] == ' ' && !blank && k == 1 && isalpha((unsigned char)v->s[q + 1]))
				blank = true;
			else
				break;
			q++;
		}
		if (q < le && !strchr(" :.,/", v->s[q]))
			continue;
		size_t i = label_sep(v, q);
		if (given ? k < 3 || k > 6 || edit_dist(w, k, "nome") > 1 || line_start(v, i) != ls
			    || !name_half(v, i, &se)
			  : k < 5 || k > 9 || edit_dist(w, k, "cognome") > 2 || !nome_follows(v, le))
			continue;
		if (given)
			i = label_sep(v, se);
		bool got = line_start(v, i) == ls && read_name(v, i, fs, fe, true, true, -1);
		/* (specks before the value: © STEFANO) */
		if (!got && (i >= le || !caps_word(v, i, le)) && le < v->n)
			got = read_name(v, line_lead(v, le + 1), fs, fe, true, true, -1);
		if (!got)
			continue;
		/* (the label's words: a letter read apart is smaller) */
		struct ocr_region lb = span_region(v, line_lead(v, ls), q);
		const struct ocr_region *vb = word_box(v, *fs);
		if (lb.h > 0 && vb && vb->y - (lb.y + lb.h) > 3 * lb.h / 2)
			continue;
		*below = line_start(v, *fs) != ls;
		return true;
	}
	return false;
}

/*
 * A name's label misread further than label_misread allows (Notne, homé,
 * nona) where it stands on a card without an English half: the field
 * after the surname's, so the first word of the line after the surname's
 * value, a word of three to six letters two letters at most from "nome";
 * its value after it on its line, or on the next line.
 */
static bool nome_after_surname(const struct fview *v, size_t sfe, size_t *fs, size_t *fe,
			       bool *below)
{
	size_t ls = line_end(v, sfe) + 1;
	if (ls >= v->n)
		return false;
	size_t le = line_end(v, ls), q = line_lead(v, ls), w0 = q;
	while (q < le && isalpha((unsigned char)v->s[q]))
		q++;
	if (q - w0 < 3 || q - w0 > 6 || (q < le && !strchr(" :.,", v->s[q]))
	    || word_dist(v, w0, q, "nome") > 2)
		return false;
	size_t i = label_sep(v, q);
	*below = !(i < le && caps_word(v, i, le));
	if (!*below)
		return line_start(v, i) == ls && read_name(v, i, fs, fe, true, true, -1);
	return le < v->n && read_name(v, line_lead(v, le + 1), fs, fe, true, true, -1);
}

static void id_names(struct ocr_document *d, const struct fview *v)
{
	static const char *const sur[] = { "cognome", "surname", NULL };
	static const char *const lic_sur[] = { "1.", NULL };
	static const char *const nam[] = { "nome", "name", "given names", "nomi", NULL };
	static const char *const lic_nam[] = { "2.", NULL };
	size_t fs, fe;
	bool below = false;

	bool lic = may_be_licence(d), have_sur = false;
	size_t sfe = 0;

	if (label_value(v, sur, false, false, &fs, &fe, &below)
	    || (lic && label_value(v, lic_sur, true, false, &fs, &fe, &below))
	    || label_value(v, sur, false, true, &fs, &fe, &below)
	    || label_misread(v, false, &fs, &fe, &below)) {
		char *val = span_caps(v, fs, fe);
		bool unsure = name_runs_on(v, fs, fe) || (below && another_name_below(v, fs, fe));
		put(d, v, "surname", val, fs, fe, FF_MIN_CONF_ID, unsure ? read_doubt : NULL, 1.0);
		free(val);
		have_sur = true;
		sfe = fe;
	}
	if (label_value(v, nam, false, false, &fs, &fe, &below)
	    || (lic && label_value(v, lic_nam, true, false, &fs, &fe, &below))
	    || label_misread(v, true, &fs, &fe, &below)
	    || (have_sur && !lic && nome_after_surname(v, sfe, &fs, &fe, &below))) {
		char *val = span_caps(v, fs, fe);
		bool unsure = name_runs_on(v, fs, fe) || (below && another_name_below(v, fs, fe));
		put(d, v, "name", val, fs, fe, FF_MIN_CONF_ID, unsure ? read_doubt : NULL, 1.0);
		free(val);
	}
}

/*
 * The date that belongs to a label: on the label's own line after it, or,
 * when labels stand side by side above their values, the date in the same
 * column order on the next lines.
 */
/* First match of any of pats, or with fuzzy set of those of 7 letters or
 * more with one letter misread, lost or added. */
static long find_label(const struct fview *v, size_t from, const char *const *pats, bool fuzzy,
		       size_t *end)
{
	long best = pfind_any(v, from, v->n, pats, end);
	if (best >= 0 || !fuzzy)
		return best;
	for (; *pats; pats++) {
		size_t e;
		if (strlen(*pats) < 7)
			continue;
		long s = fuzzy_find(v, from, best >= 0 ? (size_t)best + strlen(*pats) : v->n, *pats, 1,
				    &e);
		if (s >= 0 && (best < 0 || s < best)) {
			best = s;
			*end = e;
		}
	}
	return best;
}

static const struct fdate *label_date(const struct fview *v, const struct fdate *dates, size_t n,
				      const char *const *labels, bool line_start_only, bool fuzzy)
{
	size_t e, from = 0;
	long s;

	while ((s = find_label(v, from, labels, fuzzy, &e)) >= 0) {
		from = e;
		if (line_start_only && line_lead(v, (size_t)s) != (size_t)s)
			continue;
		size_t le = line_end(v, (size_t)s), ls = line_start(v, (size_t)s);
		for (size_t k = 0; k < n; k++)
			if (dates[k].s >= e && dates[k].s < le)
				return &dates[k];
		/* a licence's numbered field holds its value on its own line: the
		 * next line is the next field's */
		if (line_start_only)
			continue;
		/* column order: how many other date labels (of distinct kinds, a
		 * label may be bilingual) stand before this one on its line */
		unsigned kinds = 0;
		int before = 0;
		for (size_t q = ls; q < (size_t)s; q++)
			for (size_t w = 0; w < ARRAY_SIZE(date_words); w++)
				if (date_words[w].kind >= D_BIRTH && pmatch(v, q, date_words[w].pat) >= 0)
					kinds |= 1u << date_words[w].kind;
		for (unsigned b = kinds; b; b &= b - 1)
			before++;
		/* the dates on the next two lines: the one right under the label
		 * where the words' places are known (a label misread does not
		 * count in the order), else by order */
		size_t nl = le + 1, stop = line_end(v, line_end(v, nl) + 1);
		const struct ocr_region *lb = word_box(v, (size_t)s);
		const struct fdate *under = NULL;
		int best = 0;
		bool placed = lb != NULL;
		for (size_t k = 0; k < n && placed; k++) {
			if (dates[k].s < nl || dates[k].s >= stop)
				continue;
			const struct ocr_region *db = word_box(v, dates[k].s);
			if (!db) {
				placed = false;
				break;
			}
			int dx = abs(db->x - lb->x);
			if (dx <= 8 * lb->h && (!under || dx < best))
				under = &dates[k], best = dx;
		}
		if (placed) {
			if (under)
				return under;
			continue;
		}
		int seen = 0;
		for (size_t k = 0; k < n; k++) {
			if (dates[k].s < nl || dates[k].s >= stop)
				continue;
			if (seen++ == before)
				return &dates[k];
		}
	}
	return NULL;
}

static bool on_mrz_line(const struct fview *v, size_t i);

/*
 * A printed date with one of its two separators lost (0412-2035,
 * 2704.2030, 26 051963): eight digits as read, the one separator left
 * after the day and month or after the day, a word of its own off the
 * MRZ; the parts stand where dd mm yyyy has them, so that the day read
 * is the one printed.
 */
static bool lost_sep_date_at(const struct fview *v, size_t i, struct fdate *out)
{
	char dg[9];
	size_t k = i, n = 0, sep = 0;

	if ((i > 0 && is_al(v->s[i - 1])) || on_mrz_line(v, i))
		return false;
	while (k < v->n && n < 8) {
		if (isdigit((unsigned char)v->u[k])) {
			dg[n++] = v->u[k++];
		} else if (!sep && (n == 2 || n == 4) && strchr("./- ", v->s[k]) && k + 1 < v->n
			   && isdigit((unsigned char)v->u[k + 1])) {
			sep = n;
			k++;
		} else {
			break;
		}
	}
	dg[n] = '\0';
	if (n != 8 || !sep || (k < v->n && is_al(v->s[k])))
		return false;
	return date_fill(out, i, k, atoi(dg + 4), (dg[2] - '0') * 10 + (dg[3] - '0'),
			 (dg[0] - '0') * 10 + (dg[1] - '0'), false, D_NONE);
}

static int fdate_at_cmp(const void *a, const void *b)
{
	size_t x = ((const struct fdate *)a)->s, y = ((const struct fdate *)b)->s;
	return x < y ? -1 : x > y;
}

/* An identity document's dates (find_dates) with those that lost a
 * separator (lost_sep_date_at), in the page's order. */
static size_t id_find_dates(const struct fview *v, struct fdate *out, size_t max)
{
	size_t n = find_dates(v, out, max), had = n;
	for (size_t i = 0; i < v->n && n < max; i++) {
		struct fdate dt;
		bool taken = false;
		for (size_t k = 0; k < had && !taken; k++)
			taken = i >= out[k].s && i < out[k].e;
		if (!taken && lost_sep_date_at(v, i, &dt)) {
			out[n++] = dt;
			i = dt.e;
		}
	}
	if (n > had)
		qsort(out, n, sizeof *out, fdate_at_cmp);
	return n;
}

/* The labels of an identity document's birth date and expiry. */
static const char *const id_birth_labels[] = {
	"data di nascita", "date of birth", "nato il", "nata il", "nato/a il", "nascita",
	/* a paper card's "nato il" with its "il" misread (nato «1) */
	"nato", "nata", NULL
};
static const char *const id_expiry_labels[] = {
	"scadenza", "scad.", "date of expiry", "expiry", "valida fino al",
	"valido fino al", "valevole fino al", NULL
};
/* a licence's numbered fields; 4b. with its 4 read as an A (Ab.) or its b
 * as an h */
static const char *const id_lic_birth[] = { "3.", NULL };
static const char *const id_lic_expiry[] = { "4b.", "ab.", "4h.", NULL };

static void id_dates(struct ocr_document *d, const struct fview *v)
{
	const char *const *birth = id_birth_labels, *const *expiry = id_expiry_labels;
	const char *const *lic_birth = id_lic_birth, *const *lic_expiry = id_lic_expiry;
	struct fdate dates[32];
	size_t n = id_find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *b, *x;
	int minv = 0, maxv = 0;

	for (size_t k = 0; k < n; k++) {
		int val = fdate_key(&dates[k]);
		if (!minv || val < minv)
			minv = val;
		if (val > maxv)
			maxv = val;
	}
	bool lic = may_be_licence(d);

	b = label_date(v, dates, n, birth, false, false);
	if (!b && lic)
		b = label_date(v, dates, n, lic_birth, true, false);
	if (!b)
		b = label_date(v, dates, n, birth, false, true);
	x = label_date(v, dates, n, expiry, false, false);
	if (!x && lic)
		x = label_date(v, dates, n, lic_expiry, true, false);
	if (!x)
		x = label_date(v, dates, n, expiry, false, true);
	/* labels misread: an identity document's earliest date is the birth (a
	 * holder of 14 or more), its latest the expiry (at most 11 years after
	 * the next latest, the issue) */
	if ((!b || !x) && n >= 3) {
		const struct fdate *lo = NULL, *hi = NULL, *lo2 = NULL, *hi2 = NULL;
		for (size_t k = 0; k < n; k++) {
			const struct fdate *q = &dates[k];
			int val = fdate_key(q);
			if (val == minv && !lo)
				lo = q;
			else if (!lo2 || val < fdate_key(lo2))
				lo2 = q;
		}
		for (size_t k = 0; k < n; k++) {
			const struct fdate *q = &dates[k];
			int val = fdate_key(q);
			if (val == maxv && !hi)
				hi = q;
			else if (!hi2 || val > fdate_key(hi2))
				hi2 = q;
		}
		if (!b && lo && lo2 && lo2->y - lo->y >= 14)
			b = lo;
		if (!x && hi && hi2 && hi != b && hi->y - hi2->y <= 11 && hi->y > hi2->y)
			x = hi;
	}
	/* no label says the expiry: a date after today (no birth, no issue
	 * can be) and within the eleven years a document is valid at most
	 * from its issue is the expiry, when it is the only one */
	if (!x) {
		const struct fdate *only = NULL;
		bool several = false;
		int today = view_today(v);
		for (size_t k = 0; k < n; k++) {
			int val = fdate_key(&dates[k]);
			if (val <= today || val > today + 110000 || &dates[k] == b)
				continue;
			if (only && strcmp(only->iso, dates[k].iso))
				several = true;
			if (!only)
				only = &dates[k];
		}
		if (!several)
			x = only;
	}
	/* two dates a dozen years apart or more: the earlier cannot be the
	 * issue (a document is valid ten years at most), so it is the birth */
	if (!b && n >= 2) {
		const struct fdate *lo = NULL, *hi = NULL;
		for (size_t k = 0; k < n; k++) {
			int val = fdate_key(&dates[k]);
			if (val == minv && !lo)
				lo = &dates[k];
			if (val == maxv && !hi)
				hi = &dates[k];
		}
		if (lo && hi && hi->y - lo->y >= 12)
			b = lo;
	}
	/* birth is the earliest date of an identity document, expiry the latest:
	 * a date that is not was taken from the wrong label */
	if (b) {
		int val = fdate_key(b);
		/* the holder was born years before the document was issued and
		 * long before it expires: a date close to another one is the
		 * issue or expiry taken for the birth (or a child's document,
		 * which a clerk may check) */
		bool close = false;
		for (size_t k = 0; k < n; k++)
			if (strcmp(dates[k].iso, b->iso) && dates[k].y < b->y + 12)
				close = true;
		put(d, v, "birth_date", b->iso, b->s, b->e, FF_MIN_CONF_ID,
		    val != minv || close ? "LOW_CONFIDENCE" : NULL, b->forced ? 0.5 : 1.0);
	}
	if (x) {
		int val = fdate_key(x);
		put(d, v, "expiry", x->iso, x->s, x->e, FF_MIN_CONF_ID,
		    val != maxv || (b && x == b) ? "LOW_CONFIDENCE" : NULL, x->forced ? 0.5 : 1.0);
	}
}

/* True when the line of i is a line of a machine-readable zone ("<<"). */
static bool on_mrz_line(const struct fview *v, size_t i)
{
	size_t ls = line_start(v, i), le = line_end(v, i);
	int n = 0;
	for (size_t k = ls; k < le; k++)
		n += v->s[k] == '<';
	return n >= 2;
}

/*
 * True when the page's word [i, j) reads as the number val but for what a
 * poor reading does to it: its characters, aligned at its start or its
 * end, the same or look-alikes (1 for I, O for 0), at most two of them
 * lost or misread in all.
 */
static bool word_reads_as(const struct fview *v, size_t i, size_t j, const char *val)
{
	size_t m = j - i, n = strlen(val);
	if (m + 2 < n || n + 2 < m)
		return false;
	size_t lost = m < n ? n - m : m - n, common = m < n ? m : n;
	for (int end = 0; end < 2; end++) {
		size_t bad = lost;
		for (size_t k = 0; k < common; k++) {
			char c = v->u[end ? j - common + k : i + k];
			char w = val[end ? n - common + k : k];
			if ((char)toupper((unsigned char)c) != w && letter_for(c) != w
			    && digit_for(c) != w)
				bad++;
		}
		if (bad <= 2)
			return true;
	}
	return false;
}

/* A number that a reading of a region gives (the first of a shape), with
 * which of its characters are in doubt (a contender, or read as the other
 * kind) and its confidence; false when there is none. */
static bool idnum_in_reading(const struct fview *v2, struct idnum *num, unsigned long long *doubts,
			     double *conf)
{
	for (size_t q = 0; q < v2->n; q++) {
		if ((q > 0 && is_al(v2->s[q - 1])) || !idnum_at(v2, q, num))
			continue;
		int n;
		bool split;
		*doubts = idnum_doubts(v2, q, num->e, &n) | idnum_mapped(v2, num, &split);
		if (split)
			*doubts |= 1;
		*conf = span_conf(v2, q, num->e);
		return true;
	}
	return false;
}

/*
 * No word of the page has a number's shape (13626499X: a licence's FI read
 * 1, its F lost; (X90000AW). A word that may be the number so misread - 8
 * to 11 letters and digits, three of them digits at least and one a letter,
 * off the MRZ - is read again on its own and in grey (at most two such
 * words). A number both readings give, of the kind's shape, that the page's
 * word reads as (word_reads_as) is the number: trusted when one of the two
 * read it surely (no contender, no character of the other kind, the page's
 * confidence) - two readings then say it, one of them sure, as a second
 * look asks - else held, for the MRZ to confirm (mrz_check). A number one
 * reading gives, the other none, is held the same way.
 */
static void idnum_reread(struct ocr_document *d, const struct fview *v, const char *shape)
{
	const struct ff_reader *rd = v->t->reread;
	int tries = 0;

	if (!rd || !rd->read_grey)
		return;
	for (size_t i = 0; i < v->n && tries < 2; i++) {
		size_t j = i;
		int digits = 0;
		if (!is_al(v->s[i]) || (i > 0 && is_al(v->s[i - 1])) || on_mrz_line(v, i))
			continue;
		while (j < v->n && is_al(v->s[j]))
			digits += isdigit((unsigned char)v->u[j++]) != 0;
		/* a word of digits only (a date without its separators) is
		 * no number that lost its letters: not worth a reading */
		if (j - i < 8 || j - i > 11 || digits < 3 || digits == (int)(j - i))
			continue;
		tries++;
		struct ocr_region r = span_region(v, i, j);
		struct idnum got[2];
		unsigned long long doubts[2] = { 0, 0 };
		double conf[2] = { 0, 0 };
		bool have[2] = { false, false };
		for (int k = 0; k < 2; k++) {
			struct ff_text t2;
			struct fview v2;
			if (!reading_open(rd, k ? rd->read_grey : rd->read, &r, &t2, &v2))
				continue;
			have[k] = idnum_in_reading(&v2, &got[k], &doubts[k], &conf[k])
				  && (!shape || got[k].shape == shape)
				  && word_reads_as(v, i, j, got[k].val);
			reading_close(rd, &v2);
		}
		if (!have[0] && !have[1])
			continue;
		if (have[0] && have[1] && strcmp(got[0].val, got[1].val))
			continue;
		const char *val = have[0] ? got[0].val : got[1].val;
		bool sure = false;
		for (int k = 0; k < 2 && have[0] && have[1]; k++)
			sure = sure || (!doubts[k] && conf[k] >= FF_MIN_CONF
					&& conf[!k] >= FF_MIN_CONF_SAME);
		struct ocr_field *f = ocr_document_set(d, "number", val, sure ? FF_MIN_CONF : 0.5, &r,
						       sure ? NULL : read_doubt);
		if (f) {
			free(f->raw);
			f->raw = span_text(v, i, j);
		}
		if (!sure)
			ocr_document_add_reason(d, read_doubt, "number",
						"number read with confidence %.2f", 0.5);
		return;
	}
}

static void id_number_kind(struct ocr_document *d, const struct fview *v)
{
	static const char *const labels[] = {
		"numero", "n.", "nr.", "no.", "passport no", "documento n", "5.", NULL
	};
	static const char *const electronic[] = {
		"elettronica", "identity card", "electronic", NULL
	};
	static const char *const paper[] = { "CARTA D'IDENTITA", "comune di", NULL };
	struct idnum num, cand;
	bool have = false;
	size_t e, from = 0;
	long s;
	const char *kind = NULL, *by_shape = NULL;

	/* after a label first, else the first token of a document number's
	 * shape; not in the machine-readable zone, which is the number's
	 * second reading (mrz_check), not its first */
	while (!have && (s = pfind_any(v, from, v->n, labels, &e)) >= 0) {
		from = e;
		size_t i = skip_sep(v, e);
		if (idnum_at(v, i, &cand) && !on_mrz_line(v, i))
			num = cand, have = true;
	}
	for (size_t i = 0; !have && i < v->n; i++)
		if (idnum_at(v, i, &cand) && !on_mrz_line(v, i))
			num = cand, have = true;

	if (pfind(v, 0, v->n, "patente*", NULL) >= 0 || pfind(v, 0, v->n, "driving", NULL) >= 0)
		kind = "driving-licence";
	else if (pfind(v, 0, v->n, "passaporto", NULL) >= 0 || pfind(v, 0, v->n, "passport", NULL) >= 0)
		kind = "passport";
	else if (has_any(v, electronic))
		kind = "electronic-id-card";
	else if (has_any(v, paper))
		kind = "paper-id-card";
	else if (have && num.shape != shape_licence)
		/* a card said by its number's shape alone: as sure as that number */
		by_shape = kind = num.shape == shape_electronic ? "electronic-id-card"
								: "paper-id-card";
	double kconf = 1.0;
	if (!kind) {
		/* a title with a letter or two misread */
		kconf = 0.85;
		if (fuzzy_has(v, "patente di guida", 2))
			kind = "driving-licence";
		else if (fuzzy_has(v, "passaporto", 1))
			kind = "passport";
		else if (fuzzy_has(v, "elettronica", 1) || fuzzy_has(v, "identity card", 1))
			kind = "electronic-id-card";
	}
	if (kind && !by_shape)
		put(d, v, "kind", kind, 0, 0, FF_MIN_CONF, NULL, kconf);
	if (by_shape)
		put(d, v, "kind", kind, num.s, num.e, FF_MIN_CONF,
		    num.mapped ? "LOW_CONFIDENCE" : NULL, 1.0);

	if (!have) {
		idnum_reread(d, v, !kind ? NULL : !strcmp(kind, "electronic-id-card") ? shape_electronic
				   : !strcmp(kind, "driving-licence") ? shape_licence : shape_paper);
		return;
	}
	/* the number must have the shape of its kind */
	bool fits = !kind
		    || (!strcmp(kind, "electronic-id-card") && num.shape == shape_electronic)
		    || (!strcmp(kind, "paper-id-card") && num.shape == shape_paper)
		    || (!strcmp(kind, "passport") && num.shape == shape_paper)
		    || (!strcmp(kind, "driving-licence") && num.shape == shape_licence);
	put(d, v, "number", num.val, num.s, num.e, FF_MIN_CONF,
	    !fits ? "LOW_CONFIDENCE" : num.mapped ? read_doubt : NULL, 1.0);
}

/* ---------------------------------------------------------------- MRZ */

/* The machine-readable zone of a passport or an electronic card: a second,
 * independent reading of the names, dates and number. */
struct mrz {
	bool names, any;
	bool split;		/* the surname's end read as "<<" */
	char surname[64], name[64];
	char field[64];		/* the name field as read (case kept), from the surname on */
	char dates[4][7];
	int ndates;
	char text[512];		/* the MRZ lines, upper case, joined */
};

/* A character of an MRZ name field that is no letter of a name: the filler
 * '<', or a filler misread (a lower-case letter or a sign; ICAO 9303 names
 * are capitals and fillers only). */
static bool mrz_filler(char c)
{
	return c && !isupper((unsigned char)c) && !isdigit((unsigned char)c);
}

/*
 * The words of an MRZ name from p: capitals (in the given names a digit
 * read for its look-alike letter, MARI0), one filler between words, up to
 * two fillers or more (the end of the surname or of the names). Returns
 * where those fillers begin, or NULL when something else stands there (a
 * digit: not the names line; the line's end).
 */
static const char *mrz_words(const char *p, bool digits, char *out, size_t size)
{
	size_t k = 0;

	while (*p) {
		char c = isdigit((unsigned char)*p) && digits ? letter_for(*p) : *p;
		if (isupper((unsigned char)c)) {
			if (k + 1 < size)
				out[k++] = c;
			p++;
			continue;
		}
		if (!mrz_filler(*p) || k == 0)
			break;
		if (mrz_filler(p[1]) || !p[1]) {
			out[k] = '\0';
			return p[1] ? p : NULL;
		}
		if (k + 1 < size)
			out[k++] = ' ';
		p++;
	}
	out[k] = '\0';
	return NULL;
}

/*
 * The names line of the MRZ, l as read (blanks dropped, case kept):
 * "P<ITAROSSI<<MARIO<<<" (a passport's first line; its first five
 * characters are the type and the state, whatever they were read as) or
 * "ROSSI<<MARIO<<<" (a card's third line); specks read before it.
 */
static void mrz_names(const char *l, bool passport, struct mrz *m)
{
	const char *p = l, *ita = strstr(l, "<ITA"), *first = strstr(l, "<<");
	char sur[64], nam[64];

	if (passport) {
		/* P, a filler (or what it was read as) and ITA with a letter misread */
		for (const char *q = l; q < l + 3 && q[0]; q++)
			if (q[0] == 'P' && q[1] && q[2] && q[3] && q[4]
			    && (q[2] == 'I') + (q[3] == 'T') + (q[4] == 'A') >= 2) {
				p = q + 5;
				break;
			}
	} else if (isupper((unsigned char)p[0]) && p[1] == '<' && strlen(p) > 5) {
		p += 5;
	} else if (ita && ita - p >= 1 && ita - p <= 4 && first && ita < first) {
		p = ita + 4;
	}
	/* (a card's names line after specks) */
	while (mrz_filler(*p))
		p++;
	const char *sep = mrz_words(p, false, sur, sizeof sur), *q = sep;
	/* the surname's end holds a filler read as one (a line of text, its
	 * capital and lower-case letters, holds none) */
	while (q && mrz_filler(*q) && *q != '<')
		q++;
	if (!q || *q != '<')
		return;
	snprintf(m->field, sizeof m->field, "%.63s", p);
	snprintf(m->surname, sizeof m->surname, "%s", sur);
	m->split = sep[0] == '<' && sep[1] == '<' && !mrz_filler(sep[2]);
	while (mrz_filler(*sep))
		sep++;
	/* the given names end in fillers too: a name cut short is none */
	if (mrz_words(sep, true, nam, sizeof nam) && nam[0]) {
		snprintf(m->name, sizeof m->name, "%s", nam);
		m->names = true;
	}
}

/*
 * True when the MRZ's name field as read (f) says the surname sur and,
 * with nam, the given names nam: "SUR<<NAM<<" letter for letter (a space,
 * apostrophe or hyphen being a filler), a filler read as a lower-case
 * letter or a sign, a capital read in lower case where the two look alike
 * (MARcHETTI); with upper, one of the two fillers between surname and
 * name also read as a capital (CONTES<MARIO, RUSSO<ESILVIA): the given
 * names after it say where the surname ends.
 */
static bool mrz_says(const char *f, const char *sur, const char *nam, bool upper)
{
	char c[160];
	size_t sl = strlen(sur), fl = strlen(f);
	int caps = 0;

	snprintf(c, sizeof c, "%s<<%s%s", sur, nam ? nam : "", nam ? "<<" : "");
	for (size_t i = 0; c[i]; i++) {
		char want = strchr(" '-", c[i]) ? '<' : c[i], got = i < fl ? f[i] : '\0';
		if (!got)
			return false;
		if (want != '<') {
			/* a digit for its look-alike in the given names (MARI0);
			 * a capital read in lower case where the two look alike */
			char g = isdigit((unsigned char)got) && nam && i >= sl ? letter_for(got) : got;
			if (g && strchr("cosuvwxz", g))
				g = (char)toupper((unsigned char)g);
			if (g != want)
				return false;
		} else if (!mrz_filler(got)
			   && (!upper || !nam || i < sl || i >= sl + 2 || ++caps > 1)) {
			return false;
		}
	}
	return true;
}

static void find_mrz(const struct fview *v, bool passport, struct mrz *m)
{
	memset(m, 0, sizeof *m);
	for (size_t ls = 0; ls < v->n; ls = line_end(v, ls) + 1) {
		size_t le = line_end(v, ls), lt = 0;
		char l[256], lk[256];
		for (size_t q = ls; q < le && lt < sizeof l - 1; q++)
			if (v->u[q] != ' ') {
				lk[lt] = v->u[q];
				l[lt++] = (char)toupper((unsigned char)v->u[q]);
			}
		l[lt] = lk[lt] = '\0';
		int lt_count = 0, fillers = 0;
		for (size_t q = 0; q < lt; q++) {
			lt_count += l[q] == '<';
			fillers += mrz_filler(lk[q]);
		}
		/* the names line with its fillers misread (GALLI=<SILVIAce<ec) */
		if (!m->names && lt_count >= 2 && (fillers >= 5 || strstr(l, "<<")))
			mrz_names(lk, passport, m);
		if (lt_count < 3 || !strstr(l, "<<"))
			continue;
		m->any = true;
		if (strlen(m->text) + lt + 2 < sizeof m->text) {
			strcat(m->text, l);
			strcat(m->text, "\n");
		}
		/* dates: runs of 6 digits (7 with the check digit) */
		for (size_t q = 0; q < lt;) {
			size_t r = q;
			while (r < lt && isdigit((unsigned char)l[r]))
				r++;
			/* birth: at the line's start or after the nationality; expiry:
			 * after the sex; not the digits of the document number */
			bool placed = q == 0 || (q >= 3 && !strncmp(l + q - 3, "ITA", 3))
				      || (q >= 2 && strchr("MF<", l[q - 1])
					  && (isdigit((unsigned char)l[q - 2]) || l[q - 2] == '<'));
			if ((r - q == 6 || r - q == 7) && m->ndates < 4 && placed) {
				memcpy(m->dates[m->ndates], l + q, 6);
				m->dates[m->ndates++][6] = '\0';
			}
			q = r > q ? r : q + 1;
		}
	}
}

/*
 * The fields of the MRZ that carry check digits (ICAO 9303), read by their
 * places: the electronic card's number on its first line after "C<ITA"
 * (TD1), the passport's at the start of its second line before "ITA"
 * (TD3); birth date, check, sex, expiry date, check - at the start of the
 * card's second line, after the passport's number and nationality. A field
 * is taken only when its check digit passes, as read or through
 * ocr_choose_checked (a letter read where the format wants a digit taken
 * for its look-alike, or one or two characters changed to alternatives
 * Tesseract offered, when exactly one such reading passes). With weights
 * 7, 3, 1 a single digit misread never passes; two misread characters, or
 * a letter misread for one 10 or 20 places away (B, L, V), pass one time
 * in ten.
 */
struct mrzrow {
	char c[96];		/* the line, blanks dropped */
	size_t at[96];		/* where each character stands in the view */
	size_t n;
};

/* how a checked field was had: as read, with letters read where the
 * format wants digits (or the reverse) taken for their look-alikes, or
 * with characters changed to alternatives Tesseract offered */
enum { MRZ_NONE, MRZ_READ, MRZ_MAPPED, MRZ_REPAIRED };

struct mrzfield {
	char val[10];		/* the checked value (how set) */
	int how;
	size_t s, e;		/* the field's span in the view (check digit left out) */
	size_t ce;		/* the end of its check digit */
	bool placed;		/* the field's place was found, whatever it holds */
	char raw[10];		/* what stands there as read */
	char wide[12];		/* and with the character before it */
	char cd;		/* the check digit as read, or 0 */
	char longer[12];	/* the field and the character after it */
	char cd2;		/* the character after that as a digit, or 0 */
	bool sure;		/* in its place: not shifted by a character lost or
				 * added before it (dates: the sex between them) */
	bool unique;		/* no other character Tesseract offered passes too */
	unsigned twins;		/* the places where one passes too, a bit each */
};

struct mrzchk {
	struct mrzfield number, birth, expiry;
	struct mrzfield merged;	/* a passport's number one character short */
	struct mrzfield early[2];	/* its dates after it (birth, expiry), which
					 * only ever confirm */
};

static void mrz_row(const struct fview *v, size_t ls, struct mrzrow *r)
{
	size_t le = line_end(v, ls);
	r->n = 0;
	/* a speck read before the line's first character is not part of it */
	while (ls < le && !is_al(v->u[ls]) && v->u[ls] != '<')
		ls++;
	for (size_t q = ls; q < le && r->n < sizeof r->c - 1; q++)
		if (v->u[q] != ' ') {
			r->c[r->n] = v->u[q];
			r->at[r->n++] = q;
		}
	r->c[r->n] = '\0';
}

/* The field of shape (L letter, D digit) at r->c + off and its check digit
 * after it, into f when the check passes. */
static void mrz_field(const struct fview *v, const struct mrzrow *r, size_t off, const char *shape,
		      struct mrzfield *f)
{
	static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", digits[] = "0123456789";
	struct ocr_sym s[12];
	const char *cls[12];
	char top[64], best[64];
	double conf;
	int len = (int)strlen(shape), mapped = 0;

	memset(f, 0, sizeof *f);
	if (len + 1 > (int)ARRAY_SIZE(s) || off + (size_t)len + 1 > r->n)
		return;
	f->placed = true;
	memcpy(f->raw, r->c + off, (size_t)len);
	f->raw[len] = '\0';
	if (off > 0) {
		memcpy(f->wide, r->c + off - 1, (size_t)len + 1);
		f->wide[len + 1] = '\0';
	}
	f->cd = digit_for(r->c[off + (size_t)len]);
	if (off + (size_t)len + 2 <= r->n) {
		memcpy(f->longer, r->c + off, (size_t)len + 1);
		f->longer[len + 1] = '\0';
		f->cd2 = digit_for(r->c[off + (size_t)len + 1]);
	}
	f->s = r->at[off];
	f->e = r->at[off + (size_t)len - 1] + 1;
	f->ce = r->at[off + (size_t)len] + 1;
	for (int i = 0; i <= len; i++) {
		size_t at = r->at[off + (size_t)i];
		bool letter = i < len && shape[i] == 'L';
		char c = r->c[off + (size_t)i], want = letter ? letter_for(c) : digit_for(c);
		/* the other kind where the format wants this one: its look-alike
		 * (O for 0, 8 for B), counted as a repair */
		if (want && want != c)
			c = want, mapped++;
		memset(&s[i], 0, sizeof s[i]);
		s[i].ch[0] = c;
		s[i].conf = v->t->conf ? v->t->conf[v->map[at]] : 1.0;
		for (const char *a = alts_at(v, at); *a && s[i].nalt < OCR_MAX_ALTS; a++) {
			s[i].alt[s[i].nalt][0] = *a;
			s[i].altconf[s[i].nalt++] = 0.5 * s[i].conf;
		}
		cls[i] = letter ? letters : digits;
	}
	int rc = ocr_choose_checked(s, len + 1, cls, len + 1, ocr_check_mrz, top, best, &conf);
	if ((rc != 1 && rc != 2) || mapped > 2)
		return;
	memcpy(f->val, best, (size_t)len);
	f->val[len] = '\0';
	f->how = rc == 2 ? MRZ_REPAIRED : mapped ? MRZ_MAPPED : MRZ_READ;
	/* where Tesseract hesitated, the reading its runner-up gives must not
	 * pass as well: the check then tells the two apart */
	for (int i = 0; i <= len; i++)
		for (int a = 0; a < s[i].nalt; a++) {
			char c = s[i].alt[a][0], save = best[i];
			if (c == save || !strchr(cls[i], c))
				continue;
			best[i] = c;
			if (ocr_check_mrz(best))
				f->twins |= 1u << i;
			best[i] = save;
		}
	f->unique = f->twins == 0;
}

struct mrztally {
	size_t unread;		/* read as the other kind or as none */
	size_t alike;		/* of those, the printed character's look-alike (S for 5) */
	size_t differ;		/* read as another character of the kind */
	size_t letters;		/* of those, letters */
};

/* The MRZ's field f against the printed value, character by character
 * (mrz_confirms says what each count means); false when a character of
 * the MRZ's says another value that the check digit cannot tell apart, or
 * the printed value and the check digit do not pass together. */
static bool mrz_tally(const struct mrzfield *f, const char *shape, const char *printed,
		      struct mrztally *t)
{
	size_t len = strlen(shape);
	char tmp[16];
	memset(t, 0, sizeof *t);
	if (!f->placed || !f->cd || strlen(printed) != len || len + 1 >= sizeof tmp)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = f->raw[i];
		bool native = shape[i] == 'L' ? c >= 'A' && c <= 'Z' : c >= '0' && c <= '9';
		if (!native) {
			t->unread++;
			t->alike += (shape[i] == 'L' ? letter_for(c) : digit_for(c)) == printed[i];
		} else if (c != printed[i]
			   && (shape[i] == 'D' || ((c - printed[i]) % 10 && !strchr("FPGQ", printed[i])))) {
			t->differ++;
			t->letters += shape[i] == 'L';
		} else if (c != printed[i]) {
			return false;
		}
	}
	snprintf(tmp, sizeof tmp, "%s%c", printed, f->cd);
	return ocr_check_mrz(tmp);
}

/*
 * A printed value that the MRZ's check digit confirms where the MRZ's own
 * field was misread: the printed value and the check digit pass together,
 * and the MRZ's field reads the same but for two characters at most: those
 * read as the other kind than their place wants or as none (E for 6, a
 * speck) say nothing; one digit read as another digit is a misreading of
 * the MRZ's, not of the printed value's, since a printed value with one
 * digit misread would not pass. So is one letter read as another (E for
 * C), unless the two are 10 or 20 places apart (C, M, W): the check digit
 * weighs letters by their place in the alphabet, so a printed value with
 * such a letter misread would pass as well - and unless the printed
 * letter is one often read for another that far (F and P, G and Q).
 */
static bool mrz_confirms(const struct mrzfield *f, const char *shape, const char *printed)
{
	struct mrztally t;
	return mrz_tally(f, shape, printed, &t) && t.unread + t.differ <= 2 && t.differ <= 1;
}

/*
 * A printed number whose letters the MRZ misread, two of them (WH for YN
 * on a passport's series): the check digit still speaks for them, since
 * the printed value with one of them misread would not pass (a letter
 * for one 10 or 20 places away aside, as mrz_confirms), and the MRZ reads
 * every digit as printed, a look-alike at most once (S for 5). The field
 * must stand in its place (sure): no shift explains the letters away.
 */
static bool mrz_confirms_digits(const struct mrzfield *f, const char *shape, const char *printed)
{
	struct mrztally t;
	return f->sure && mrz_tally(f, shape, printed, &t) && t.differ == 2 && t.letters == 2
	       && t.unread == t.alike && t.alike <= 1;
}

/*
 * A printed number that its MRZ line reads in the other kind's look-alikes
 * (CA3O5IBKP for CA30518KP: O for 0, I for 1, B for 8 - OCR-B at a fax's
 * resolution), at most one character otherwise (a digit read as another
 * digit, as mrz_confirms): every look-alike stands for the printed
 * character, and the printed value passes with the check digit as read.
 * A second reading, in another font, that a misread printed number would
 * have to share look-alike for look-alike and still pass the check. The
 * field must stand in its place (sure).
 */
static bool mrz_confirms_alike(const struct mrzfield *f, const char *shape, const char *printed)
{
	struct mrztally t;
	return f->sure && mrz_tally(f, shape, printed, &t) && t.unread == t.alike && t.differ <= 1;
}

/*
 * mrz_confirms for a field read one character short (f->raw), two of its
 * characters read as one glyph or one of them lost: the pair at one place
 * or another counts as two characters read as none, so that every other
 * character must read as printed, and the printed value pass with the
 * check digit.
 */
static bool mrz_confirms_merged(const struct mrzfield *f, const char *shape, const char *printed)
{
	size_t len = strlen(shape);
	struct mrzfield g = *f;
	if (!f->placed || strlen(f->raw) + 1 != len || len + 1 > sizeof g.raw)
		return false;
	for (size_t j = 0; j + 1 < len; j++) {
		memcpy(g.raw, f->raw, j);
		g.raw[j] = g.raw[j + 1] = '?';
		memcpy(g.raw + j + 2, f->raw + j + 1, len - j - 2);
		g.raw[len] = '\0';
		if (mrz_confirms(&g, shape, printed))
			return true;
	}
	return false;
}

/* mrz_confirms with one of the len + 1 characters at from left out of the
 * field, the check digit cd after them. */
static bool mrz_confirms_less(const struct mrzfield *f, const char *from, char cd,
			      const char *shape, const char *printed)
{
	size_t len = strlen(shape);
	struct mrzfield g = *f;
	if (strlen(from) != len + 1)
		return false;
	g.cd = cd;
	for (size_t j = 0; j <= len; j++) {
		memcpy(g.raw, from, j);
		memcpy(g.raw + j, from + j + 1, len - j);
		g.raw[len] = '\0';
		if (mrz_confirms(&g, shape, printed))
			return true;
	}
	return false;
}

/* mrz_confirms for a field read with one character too many: before it
 * where its place is not sure (the field as read with one of the
 * characters before it left out), or inside it (a speck, a letter read as
 * two: the check digit one place further). */
static bool mrz_confirms_wide(const struct mrzfield *f, const char *shape, const char *printed)
{
	if (!f->sure && mrz_confirms_less(f, f->wide, f->cd, shape, printed))
		return true;
	return f->cd2 && mrz_confirms_less(f, f->longer, f->cd2, shape, printed);
}

/* "ITA" at r->c + off, a letter perhaps read as its look-alike digit
 * (1TA, IT4) or the I as a bar or bracket; not in lower case (a word of
 * the page: "nascita"). */
static bool mrz_ita(const struct mrzrow *r, size_t off)
{
	if (off + 3 > r->n)
		return false;
	if (strchr("[]!", r->c[off]) && r->c[off + 1] == 'T' && r->c[off + 2] == 'A')
		return true;
	for (int i = 0; i < 3; i++) {
		char c = r->c[off + (size_t)i];
		if (islower((unsigned char)c) || letter_for(c) != "ITA"[i])
			return false;
	}
	return true;
}

/* A YYMMDD that is a day of the calendar, as ISO; a birth year in the
 * future is of the last century. */
static bool mrz_iso(const struct fview *v, const char *y6, bool birth, char out[16])
{
	int yy = (y6[0] - '0') * 10 + (y6[1] - '0');
	int y = 2000 + yy;
	if (birth && y > view_today(v) / 10000)
		y -= 100;
	snprintf(out, 16, "%04d-%.2s-%.2s", y, y6 + 2, y6 + 4);
	return ocr_check_field("date", out) == NULL;
}

/* How many of a field's checks pass, with a found place counting for a
 * little: where two lines offer a field, the better one. */
static int mrz_worth(const struct mrzfield *f)
{
	return f->placed + 2 * (f->how != MRZ_NONE);
}

/* Birth date, check, sex, expiry date, check at r->c + off; sure when the
 * sex stands between them and nothing was read before them on their line
 * (start: the dates' place there) - not a misread character's shift. */
static void mrz_dates_at(const struct fview *v, const struct mrzrow *r, size_t off, size_t start,
			 struct mrzchk *m)
{
	char iso[16];
	struct mrzfield b, x;
	mrz_field(v, r, off, "DDDDDD", &b);
	mrz_field(v, r, off + 8, "DDDDDD", &x);
	b.sure = x.sure = off == start && off + 7 < r->n && strchr("MF<", r->c[off + 7]);
	if (b.how && !mrz_iso(v, b.val, true, iso))
		b.how = MRZ_NONE;
	if (x.how && !mrz_iso(v, x.val, false, iso))
		x.how = MRZ_NONE;
	if (mrz_worth(&b) + mrz_worth(&x) > mrz_worth(&m->birth) + mrz_worth(&m->expiry)) {
		m->birth = b;
		m->expiry = x;
	}
}

static void mrz_number_at(const struct fview *v, const struct mrzrow *r, size_t off,
			  const char *shape, bool sure, struct mrzchk *m)
{
	struct mrzfield f;
	mrz_field(v, r, off, shape, &f);
	f.sure = sure;
	if (mrz_worth(&f) > mrz_worth(&m->number))
		m->number = f;
}

/*
 * A passport's second line cut short (its end read as a line of its own,
 * the next one or, where the layout analysis put other text between, one
 * further down that starts with digits and has fillers) is joined to its
 * end. The dates the join gives only ever confirm (the end may be
 * another line's).
 */
static bool mrz_join(const struct fview *v, size_t ls, struct mrzrow *r)
{
	struct mrzrow r2;
	size_t at = line_end(v, ls) + 1;
	for (int k = 0; k < 25 && at < v->n; k++, at = line_end(v, at) + 1) {
		mrz_row(v, at, &r2);
		if (r2.n == 0)
			continue;
		if (r2.n >= 5 && isdigit((unsigned char)r2.c[0])
		    && (k == 0 || (isdigit((unsigned char)r2.c[1]) && strstr(r2.c, "<<"))))
			break;
		r2.n = 0;
	}
	if (r2.n == 0 || at >= v->n)
		return false;
	for (size_t q = 0; q < r2.n && r->n < sizeof r->c - 1; q++) {
		r->c[r->n] = r2.c[q];
		r->at[r->n++] = r2.at[q];
	}
	r->c[r->n] = '\0';
	return true;
}

static void find_mrz_checked(const struct fview *v, const char *kind, struct mrzchk *m)
{
	struct mrzrow r;
	bool card = kind && !strcmp(kind, "electronic-id-card");
	bool passport = kind && !strcmp(kind, "passport");

	memset(m, 0, sizeof *m);
	if (!card && !passport)
		return;
	for (size_t ls = 0; ls < v->n; ls = line_end(v, ls) + 1) {
		mrz_row(v, ls, &r);
		size_t digits = 0, fillers = 0;
		for (size_t q = 0; q < r.n; q++) {
			digits += isdigit((unsigned char)r.c[q]) != 0;
			fillers += r.c[q] == '<';
		}
		/* an MRZ line with a number or dates holds digits (REPUBBLICA
		 * ITALIANA has its ITA where a passport's line has it); a card's
		 * number line, its digits read as letters (O for 0), has its
		 * fillers */
		if (r.n < 15 || digits + (card ? fillers : 0) < 4)
			continue;
		if (card) {
			/* C<ITA and the number (specks may come before it); the
			 * dates at the start of a line, "ITA" after them */
			for (size_t k = 1; k <= 8; k++)
				if (mrz_ita(&r, k) && (k == 1 || r.c[k - 2] == 'C' || r.c[k - 1] == '<'))
					mrz_number_at(v, &r, k + 3, shape_electronic, true, m);
			for (size_t k = 15; k <= 17; k++)
				if (mrz_ita(&r, k))
					mrz_dates_at(v, &r, k - 15, 0, m);
			/* ITA one place early, the sex where it stands after a
			 * birth date one character short: the expiry between
			 * them (mrz_early_confirms) */
			if (mrz_ita(&r, 14) && !mrz_ita(&r, 15) && strchr("MF<", r.c[6])) {
				mrz_field(v, &r, 7, "DDDDDD", &m->early[1]);
				/* the birth date one short before its check
				 * digit (mrz_confirms_merged) */
				struct mrzfield *f = &m->early[0];
				memset(f, 0, sizeof *f);
				f->placed = true;
				memcpy(f->raw, r.c, 5);
				f->raw[5] = '\0';
				f->cd = digit_for(r.c[5]);
				f->s = r.at[0], f->e = r.at[4] + 1, f->ce = r.at[5] + 1;
			}
			continue;
		}
		/* the passport's second line: number, check, ITA, dates; one
		 * character too many before ITA (a speck, or one read twice)
		 * leaves the fields next to it where they are, if not sure; a
		 * line cut short goes on on the next line */
		bool joined = r.n < 28 && mrz_join(v, ls, &r);
		for (size_t p = 10; p <= 11; p++)
			if (mrz_ita(&r, p)) {
				mrz_number_at(v, &r, p - 10, shape_paper, p == 10, m);
				mrz_dates_at(v, &r, p + 3, joined ? 0 : 13, m);
			}
		/* ITA one place early: the number read one character short
		 * at the line's start, its check digit before ITA; the dates
		 * after ITA (mrz_early_confirms) */
		if (mrz_ita(&r, 9) && !mrz_ita(&r, 10) && !mrz_ita(&r, 11) && !m->merged.placed) {
			mrz_field(v, &r, 12, "DDDDDD", &m->early[0]);
			mrz_field(v, &r, 20, "DDDDDD", &m->early[1]);
			struct mrzfield *f = &m->merged;
			f->placed = true;
			memcpy(f->raw, r.c, 8);
			f->raw[8] = '\0';
			f->cd = digit_for(r.c[8]);
			f->s = r.at[0], f->e = r.at[7] + 1, f->ce = r.at[8] + 1;
		}
	}
}

/* Keeps a field but takes its trust away. */
static void hold(struct ocr_document *d, const char *name, const char *why)
{
	const struct ocr_field *f = ocr_document_field(d, name);
	if (!f || f->reason)
		return;
	char *value = xstrdup(f->value), *raw = f->raw ? xstrdup(f->raw) : NULL;
	struct ocr_region r = f->region;
	struct ocr_field *g = ocr_document_set(d, name, value, f->confidence, &r, "LOW_CONFIDENCE");
	g->raw = raw;
	ocr_document_add_reason(d, "LOW_CONFIDENCE", name, "%s", why);
	free(value);
}

static bool same_name(const char *a, const char *b)
{
	/* the MRZ writes spaces and apostrophes as '<' (here ' ') */
	while (*a || *b) {
		char x = *a == '\'' ? ' ' : *a, y = *b == '\'' ? ' ' : *b;
		if (toupper((unsigned char)x) != toupper((unsigned char)y))
			return false;
		if (*a)
			a++;
		if (*b)
			b++;
	}
	return true;
}

/* A line of the text that is exactly s: a second reading of an MRZ name. */
static bool line_is(const struct fview *v, const char *s, size_t *fs, size_t *fe)
{
	for (size_t ls = 0; ls < v->n; ls = line_end(v, ls) + 1) {
		size_t le = line_end(v, ls), a = skip_blanks(v, ls), b = le;
		while (b > a && v->u[b - 1] == ' ')
			b--;
		if (b <= a || b - a != strlen(s))
			continue;
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%.*s", (int)(b - a), v->u + a);
		if (same_name(tmp, s)) {
			*fs = a, *fe = b;
			return true;
		}
	}
	return false;
}

static void yymmdd(const char *iso, char out[7])
{
	snprintf(out, 7, "%.2s%.2s%.2s", iso + 2, iso + 5, iso + 8);
}

/* Gives a held field its trust back: a second, independent reading (the
 * machine-readable zone) says the same. */
static void unhold(struct ocr_document *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].name, name)) {
			free(d->fields[i].reason);
			d->fields[i].reason = NULL;
		}
	ocr_document_remove_reasons(d, name);
}

/* A YYMMDD of the MRZ that is a day of the calendar. */
static bool mrz_day(const char *y6)
{
	int m = (y6[2] - '0') * 10 + (y6[3] - '0'), dd = (y6[4] - '0') * 10 + (y6[5] - '0');
	return m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

/*
 * A field that only the MRZ gives (the printed one absent, or held and
 * different): the MRZ's value, else held for a clerk, trusted when its
 * check digit passed as read, none of the characters Tesseract offered in
 * place of one of its own passes as well (a check digit passes one
 * misreading in ten: where the true character was the runner-up, both
 * would pass), and (dates) it stands where it belongs.
 */
static void mrz_alone(struct ocr_document *d, const struct fview *v, const char *name,
		      const char *value, const struct mrzfield *mf)
{
	const char *why = (mf->how == MRZ_READ || mf->how == MRZ_MAPPED) && mf->sure && mf->unique
			  ? NULL : "LOW_CONFIDENCE";
	double c = span_conf(v, mf->s, mf->e);
	struct ocr_region r = span_region(v, mf->s, mf->e);
	ocr_document_remove_reasons(d, name);
	ocr_document_remove(d, name);
	struct ocr_field *f = ocr_document_set(d, name, value, c, &r, why);
	if (f)
		f->raw = span_text(v, mf->s, mf->e);
	if (why)
		ocr_document_add_reason(d, why, name, "%s read in the machine-readable zone alone", name);
}

/* The printed value of a field against the MRZ's checked one (mf->how set):
 * the same, two readings of which one verified; different, one of them
 * wrong. */
static void mrz_confirm(struct ocr_document *d, const struct fview *v, const char *name,
			const char *printed, const char *mval, const char *value,
			const struct mrzfield *mf)
{
	const struct ocr_field *f = ocr_document_field(d, name);
	if (!strcmp(printed, mval)) {
		if (f && f->reason)
			unhold(d, name);
	} else if (f && f->reason) {
		mrz_alone(d, v, name, value, mf);
	} else {
		hold(d, name, "differs from the checked machine-readable zone");
	}
}

/* Puts value, read at [fs, fe), as trusted in place of name's field: two
 * readings, one of them checked, say it. */
static void set_confirmed(struct ocr_document *d, const struct fview *v, const char *name,
			  const char *value, size_t fs, size_t fe)
{
	struct ocr_region r = span_region(v, fs, fe);
	ocr_document_remove_reasons(d, name);
	ocr_document_remove(d, name);
	struct ocr_field *f = ocr_document_set(d, name, value, span_conf(v, fs, fe), &r, NULL);
	if (f)
		f->raw = span_text(v, fs, fe);
}

/*
 * A printed number read with one character too many (YxX9550586: an echo
 * of the X), which no shape takes: the one way of leaving a character out
 * that fits the shape and that the MRZ's check digit confirms
 * (mrz_confirms) - when the MRZ's number passed its check as read, that
 * number and no other - put under name. Not on an MRZ line (the MRZ's own
 * reading confirms nothing of itself).
 */
static bool mrz_printed_long(struct ocr_document *d, const struct fview *v, const char *name,
			     const char *shape, const struct mrzfield *mf)
{
	size_t len = strlen(shape), pos[16], sel[16], fs = 0, fe = 0;
	char val[16], found[16] = "";
	int nfound = 0;

	if (len + 1 > ARRAY_SIZE(pos))
		return false;
	for (size_t i = 0; i < v->n; i++) {
		size_t n = 0, j = i;
		if ((i > 0 && is_al(v->s[i - 1])) || !is_al(v->s[i]))
			continue;
		while (j < v->n && is_al(v->s[j]) && n <= len + 1)
			pos[n++] = j++;
		if (n != len + 1 || on_mrz_line(v, i))
			continue;
		for (size_t a = 0; a <= len; a++) {
			size_t k = 0;
			for (size_t q = 0; q <= len; q++)
				if (q != a)
					sel[k++] = pos[q];
			int m = fit_shape(v, sel, len, shape, val);
			if (m < 0 || m > 1 || !mrz_confirms(mf, shape, val) || !strcmp(val, found)
			    || (mf->how && strcmp(val, mf->val)))
				continue;
			memcpy(found, val, len + 1);
			fs = i, fe = j;
			nfound++;
		}
	}
	if (nfound != 1)
		return false;
	set_confirmed(d, v, name, found, fs, fe);
	return true;
}

/* A printed number (as read, nothing mapped; not in the MRZ) that is val:
 * its span. */
static bool printed_number_is(const struct fview *v, const char *val, size_t *fs, size_t *fe)
{
	struct idnum num;
	for (size_t i = 0; i < v->n; i++)
		if (idnum_at(v, i, &num) && !num.mapped && !strcmp(num.val, val) && !on_mrz_line(v, i)) {
			*fs = num.s, *fe = num.e;
			return true;
		}
	return false;
}

/*
 * An MRZ number that passed its check as read but not alone: where
 * Tesseract offered a letter in place of one of its letters, one ten or
 * twenty places away (G for Q), the check cannot tell the two apart -
 * digits it can (one digit for another never passes). The number as
 * printed says which, when a word of the page off the MRZ, of the
 * number's length give or take one character and holding four digits
 * (or their look-alikes: B for 8) between its letters, begins (and, with the card's two letters at the end, ends) with the
 * letters of the MRZ's number as read, those places among them: a second
 * reading, in another font, of the letters in doubt.
 */
static bool mrz_twins_printed(const struct fview *v, const struct mrzfield *mf, const char *shape)
{
	size_t len = strlen(shape), lead = strspn(shape, "L"), tail = 0;
	unsigned letters = 0;

	while (tail < len - lead && shape[len - 1 - tail] == 'L')
		tail++;
	for (size_t k = 0; k < len; k++)
		if (shape[k] == 'L' && (k < lead || k >= len - tail))
			letters |= 1u << k;
	if (!mf->how || !mf->twins || (mf->twins & ~letters))
		return false;
	for (size_t i = 0; i < v->n; i++) {
		size_t j = i, digits = 0;
		if ((i > 0 && is_al(v->s[i - 1])) || !is_al(v->s[i]) || on_mrz_line(v, i))
			continue;
		while (j < v->n && is_al(v->s[j]))
			j++;
		size_t n = j - i;
		if (n + 1 < len || n > len + 1)
			continue;
		for (size_t k = i + lead; k + tail < j; k++)
			digits += digit_for(v->u[k]) != 0;
		if (digits < 4)
			continue;
		bool same = true;
		for (size_t k = 0; k < lead && same; k++)
			same = v->u[i + k] == mf->val[k];
		for (size_t k = 0; k < tail && same; k++)
			same = v->u[j - tail + k] == mf->val[len - tail + k];
		if (same)
			return true;
	}
	return false;
}

/*
 * A printed date with one digit misread into no date at all (93-01 for
 * 03-01, 38.11 for 28.11): dd mm yyyy at i (dmy_at, any of the
 * separators date_at and loose_date_at allow) that differs from day, month and two-digit year yy, which a
 * checked reading gives (a fiscal code, an MRZ), in one digit exactly,
 * into out; a birth date not in the future.
 */
static bool date_misread(const struct fview *v, size_t i, int day, int month, int yy, bool birth,
			 struct fdate *out)
{
	char read[9], want[24];
	size_t k;
	struct fdate q;
	int found = 0;

	if (i > 0 && is_al(v->s[i - 1]))
		return false;
	if (!dmy_at(v, i, ",.:;/- ", read, &k) || (k < v->n && is_al(v->s[k])) || date_at(v, i, &q))
		return false;
	int year = view_today(v) / 10000;
	for (int cent = 19; cent <= 20 && (!birth || cent * 100 + yy <= year); cent++) {
		int diff = 0;
		snprintf(want, sizeof want, "%02d%02d%02d%02d", day, month, cent, yy);
		for (int c = 0; c < 8; c++)
			diff += read[c] != want[c];
		if (diff == 1 && date_fill(&q, i, k, cent * 100 + yy, month, day, false, D_NONE)) {
			*out = q;
			found++;
		}
	}
	return found == 1;
}

/* date_misread for the birth date that the fiscal code cf encodes. */
static bool cf_date_misread(const struct fview *v, size_t i, const char *cf, struct fdate *out)
{
	static const char months_cf[] = "ABCDEHLMPRST";
	const char *mo = cf[8] ? strchr(months_cf, cf[8]) : NULL;

	if (!mo || !isdigit((unsigned char)cf[6]) || !isdigit((unsigned char)cf[7])
	    || !isdigit((unsigned char)cf[9]) || !isdigit((unsigned char)cf[10]))
		return false;
	int day = (cf[9] - '0') * 10 + (cf[10] - '0'), yy = (cf[6] - '0') * 10 + (cf[7] - '0');
	if (day > 40)
		day -= 40;
	return date_misread(v, i, day, (int)(mo - months_cf) + 1, yy, true, out);
}

/*
 * The MRZ's field against the page: the printed value confirmed, held or
 * replaced by the checked MRZ value, or confirmed by the MRZ's check digit
 * alone (mrz_confirms). birth: 1 birth date, 2 expiry, 0 the number of
 * the given shape. Returns true when the MRZ decided the field.
 */
static bool mrz_settle(struct ocr_document *d, const struct fview *v, const char *name,
		       const char *shape, const struct mrzfield *mf, int date)
{
	const struct ocr_field *f = ocr_document_field(d, name);
	char printed[40] = "", iso[16] = "";
	struct fdate dates[32];
	size_t n = 0, q;

	if (date && mf->how && !mrz_iso(v, mf->val, date == 1, iso))
		return false;
	/* a letter that the check could not tell from its twin, which the
	 * printed number says */
	struct mrzfield said;
	if (!date && mf->how && !mf->unique && mrz_twins_printed(v, mf, shape)) {
		said = *mf;
		said.unique = true;
		mf = &said;
	}
	if (f && date)
		yymmdd(f->value, printed);
	else if (f)
		snprintf(printed, sizeof printed, "%s", f->value);
	/* the number the MRZ checked, printed elsewhere than where the page's
	 * number was taken (a line of the fax machine's band) */
	size_t ps, pe;
	if (f && mf->how && !date && strcmp(printed, mf->val)
	    && printed_number_is(v, mf->val, &ps, &pe)) {
		set_confirmed(d, v, name, mf->val, ps, pe);
		return true;
	}
	if (f && mf->how) {
		mrz_confirm(d, v, name, printed, mf->val, date ? iso : mf->val, mf);
		return true;
	}
	if (f && (mrz_confirms(mf, shape, printed) || mrz_confirms_wide(mf, shape, printed)
		  || (!date && mrz_confirms_digits(mf, shape, printed))
		  || (!date && mrz_confirms_alike(mf, shape, printed)))) {
		if (f->reason)
			unhold(d, name);
		return true;
	}
	if (!date && (!f || f->reason) && mrz_printed_long(d, v, name, shape, mf))
		return true;
	if (f || (!date && !mf->how))
		return false;
	if (!date) {
		mrz_alone(d, v, name, mf->val, mf);
		return true;
	}
	/* a printed date that the MRZ confirms, else the MRZ's alone */
	n = find_dates(v, dates, ARRAY_SIZE(dates));
	for (q = 0; q < n; q++) {
		char y6[7];
		yymmdd(dates[q].iso, y6);
		if (mf->how ? !strcmp(y6, mf->val) : mrz_confirms(mf, shape, y6))
			break;
	}
	if (q < n) {
		put(d, v, name, dates[q].iso, dates[q].s, dates[q].e, 0.0, NULL, 1.0);
		return true;
	}
	if (!mf->how)
		return false;
	/* a printed date one digit off that the checked MRZ's date makes a
	 * date: read twice, once checked */
	for (size_t i = 0; i < v->n; i++) {
		struct fdate mq;
		const char *y6 = mf->val;
		if (date_misread(v, i, (y6[4] - '0') * 10 + (y6[5] - '0'),
				 (y6[2] - '0') * 10 + (y6[3] - '0'), (y6[0] - '0') * 10 + (y6[1] - '0'),
				 date == 1, &mq) && !strcmp(mq.iso, iso)) {
			put(d, v, name, mq.iso, mq.s, mq.e, 0.0, NULL, 1.0);
			return true;
		}
	}
	mrz_alone(d, v, name, iso, mf);
	return true;
}

/* True when [fs, fe) holds a lower-case letter. */
static bool has_lower(const struct fview *v, size_t fs, size_t fe)
{
	for (size_t i = fs; i < fe; i++)
		if (islower((unsigned char)v->u[i]))
			return true;
	return false;
}

/*
 * A line of the page that says the name s, specks around it left out
 * (-MATTEO, MARTINI., 'MARTINELLI, [I GENTILE, GIUSEPPE a): a second reading
 * of a name the MRZ gives. The name runs from the first word of capitals
 * (two in a row) to the last; what stands around it has none.
 */
static bool name_line(const struct fview *v, const char *s, size_t *fs, size_t *fe)
{
	for (size_t ls = 0; ls < v->n; ls = line_end(v, ls) + 1) {
		size_t le = line_end(v, ls), a = le, b = ls;
		for (size_t q = ls; q + 1 < le; q++) {
			if (!isupper((unsigned char)v->u[q]) || !isupper((unsigned char)v->u[q + 1]))
				continue;
			if (a == le)
				a = q;
			b = q + 2;
			while (b < le && isupper((unsigned char)v->u[b]))
				b++;
			q = b - 1;
		}
		if (a == le || (a > ls && isalpha((unsigned char)v->u[a - 1]))
		    || (b < le && isalpha((unsigned char)v->u[b])))
			continue;
		char *t = span_caps(v, a, b);
		bool same = same_name(t, s);
		free(t);
		if (same) {
			*fs = a, *fe = b;
			return true;
		}
	}
	return false;
}

/*
 * The printed surname and given names against the MRZ's: two readings, in
 * two fonts on two lines. Where the MRZ says the printed value (mrz_says:
 * its fillers misread allowed for), the value is read twice alike; where
 * it says another, one of the two is wrong and the value is held - unless
 * a trusted fiscal code sides with one of them, or the MRZ's value, its
 * surname's end read as it stands, is a line of the page on its own (the
 * printed value under a misread label, a speck with it): then two readings
 * against one. A value only the MRZ gives is taken when the page has it
 * too.
 */
static void mrz_names_check(struct ocr_document *d, const struct fview *v, const struct mrz *m)
{
	static const char *const namefields[] = { "surname", "name" };
	const struct ocr_field *sf = ocr_document_field(d, "surname");
	const struct ocr_field *nf = ocr_document_field(d, "name");
	bool says[2] = { false, false };
	size_t fs = 0, fe = 0;

	if (!m->field[0])
		return;
	/* a capital read for a filler between surname and name only where
	 * both printed values were read with some confidence */
	bool upper = sf && nf && sf->confidence >= FF_MIN_CONF && nf->confidence >= FF_MIN_CONF;
	if (sf && nf && mrz_says(m->field, sf->value, nf->value, upper)) {
		says[0] = says[1] = true;
	} else {
		says[0] = sf && mrz_says(m->field, sf->value, NULL, false);
		says[1] = nf && m->names && m->split && mrz_says(m->field, m->surname, nf->value, false);
	}
	for (int k = 0; k < 2; k++) {
		const struct ocr_field *f = ocr_document_field(d, namefields[k]);
		const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
		const char *mv = k ? m->name : m->surname;
		if (f && says[k]) {
			if (f->reason)
				unhold(d, namefields[k]);
			continue;
		}
		/* given names cut short say nothing; nor does a surname whose
		 * end was misread without them to place it (RUSSO<ESILVIA<<) */
		if (k ? !m->names : !m->names && !m->split)
			continue;
		/* the MRZ misread where a trusted fiscal code agrees with the
		 * printed name and not with the MRZ's: two readings against one
		 * (a code that fits both cannot tell them apart) */
		bool cf_says = f && cf && !cf->reason && strlen(cf->value) == 16
			       && cf_part_is(cf->value, f->value, k == 1)
			       && !cf_part_is(cf->value, mv, k == 1);
		if (f && !same_name(f->value, mv) && cf_says)
			continue;
		/* and the other way: the printed name misread (RIO for MARIO)
		 * where the code agrees with the MRZ's and not with it */
		bool cf_says_mrz = f && cf && !cf->reason && strlen(cf->value) == 16
				   && cf_part_is(cf->value, mv, k == 1)
				   && !cf_part_is(cf->value, f->value, k == 1);
		if (f && !same_name(f->value, mv) && cf_says_mrz) {
			struct ocr_region r = f->region;
			double c = f->confidence;
			ocr_document_remove_reasons(d, namefields[k]);
			ocr_document_remove(d, namefields[k]);
			ocr_document_set(d, namefields[k], mv, c, &r, NULL);
			continue;
		}
		/* (in capitals, as the card prints it: Rossi is another reading) */
		bool line = (line_is(v, mv, &fs, &fe) || (m->split && name_line(v, mv, &fs, &fe)))
			    && !has_lower(v, fs, fe);
		if (f && !same_name(f->value, mv)) {
			bool doubt = f->reason != NULL;
			hold(d, namefields[k], "differs from the machine-readable zone");
			if (!doubt || !line)
				continue;
			ocr_document_remove_reasons(d, namefields[k]);
			ocr_document_remove(d, namefields[k]);
			f = NULL;
		} else if (f && f->reason) {
			unhold(d, namefields[k]);
		}
		if (!f && line) {
			/* read twice alike: as two readings that agree need */
			char *val = span_caps(v, fs, fe);
			put(d, v, namefields[k], val, fs, fe, FF_MIN_CONF_AGREED, NULL, 1.0);
			free(val);
		}
	}
}

/* A date (name) the page misread into no date, one digit off the day
 * iso that the MRZ says where a character was lost before its field
 * (mf, its check digit passing): two readings, one checked, but for one
 * digit the checked one says. */
static bool early_misread(struct ocr_document *d, const struct fview *v, const char *name,
			  const char *iso, const struct mrzfield *mf)
{
	const char *y6 = mf->val;
	for (size_t i = 0; i < v->n; i++) {
		struct fdate mq;
		if (!on_mrz_line(v, i)
		    && date_misread(v, i, (y6[4] - '0') * 10 + (y6[5] - '0'),
				    (y6[2] - '0') * 10 + (y6[3] - '0'), (y6[0] - '0') * 10 + (y6[1] - '0'),
				    !strcmp(name, "birth_date"), &mq) && !strcmp(mq.iso, iso)) {
			put(d, v, name, mq.iso, mq.s, mq.e, 0.0, NULL, 1.0);
			return true;
		}
	}
	return false;
}

/*
 * A passport's held date (name) that its MRZ line says, read with a
 * character lost before ITA (the number one short): the date where it
 * follows ITA, its check digit passing (mf), is the printed one - two
 * readings, one checked; so is an electronic card's expiry, a character
 * lost before it (find_mrz_checked). Only ever a confirmation: that the
 * line lost one character only, nothing else says - of a printed date
 * read, or misread into none but for one digit (early_misread).
 */
static bool mrz_early_confirms(struct ocr_document *d, const struct fview *v, const char *name,
			       const struct mrzfield *mf)
{
	const struct ocr_field *f = ocr_document_field(d, name);
	char printed[40], iso[16];
	if (!f && mf->how && mrz_iso(v, mf->val, !strcmp(name, "birth_date"), iso))
		return early_misread(d, v, name, iso, mf);
	if (!f || !f->reason || strcmp(f->reason, "LOW_CONFIDENCE") || !mf->how)
		return false;
	yymmdd(f->value, printed);
	if (strcmp(printed, mf->val))
		return false;
	unhold(d, name);
	return true;
}

/* True when value has shape's letters and digits where it has them. */
static bool of_shape(const char *value, const char *shape)
{
	if (strlen(value) != strlen(shape))
		return false;
	for (size_t k = 0; shape[k]; k++)
		if (!shape_ok(shape[k], value[k]))
			return false;
	return true;
}

static void mrz_check(struct ocr_document *d, const struct fview *v)
{
	static const char *const datefields[] = { "birth_date", "expiry" };
	const char *kind = ocr_document_value(d, "kind");
	bool passport = kind && !strcmp(kind, "passport");
	struct mrz m;
	struct mrzchk mc;
	bool checked[2], number_checked;

	/* no title read (or a paper card's, said by a number's shape: a paper
	 * card has no MRZ): an MRZ whose number and a date, or both dates,
	 * pass their check digits where a passport's or a card's stand says
	 * which */
	static const char *const mrz_kinds[] = { "passport", "electronic-id-card" };
	bool titled = kind && strcmp(kind, "paper-id-card");
	for (size_t k = 0; !titled && k < ARRAY_SIZE(mrz_kinds); k++) {
		find_mrz_checked(v, mrz_kinds[k], &mc);
		if ((mc.number.how && (mc.birth.how || mc.expiry.how))
		    || (mc.birth.how && mc.expiry.how)) {
			ocr_document_remove_reasons(d, "kind");
			ocr_document_remove(d, "kind");
			put(d, v, "kind", mrz_kinds[k], 0, 0, FF_MIN_CONF, NULL, 0.85);
			titled = true;
			kind = ocr_document_value(d, "kind");
			passport = k == 0;
			/* a number taken before the kind was known (a paper card's
			 * shape, CA1234567, where a card's two last letters were
			 * read as digits) must have the kind's shape, as
			 * id_number_kind asks of one under a title */
			const struct ocr_field *nf = ocr_document_field(d, "number");
			if (nf && !of_shape(nf->value, passport ? shape_paper : shape_electronic))
				hold(d, "number", "not of the shape of its kind");
		}
	}
	/* (kind points into the fields, which the settling below moves) */
	find_mrz_checked(v, kind, &mc);
	checked[0] = mrz_settle(d, v, "birth_date", "DDDDDD", &mc.birth, 1);
	checked[1] = mrz_settle(d, v, "expiry", "DDDDDD", &mc.expiry, 2);
	number_checked = mrz_settle(d, v, "number", passport ? shape_paper : shape_electronic,
				    &mc.number, 0);
	const struct ocr_field *held = ocr_document_field(d, "number");
	if (!number_checked && held && held->reason
	    && mrz_confirms_merged(&mc.merged, shape_paper, held->value)) {
		unhold(d, "number");
		number_checked = true;
	}
	for (int k = 0; k < 2; k++)
		if (!checked[k] && mrz_early_confirms(d, v, datefields[k], &mc.early[k]))
			checked[k] = true;
	/* an electronic card's birth date one short there */
	const struct ocr_field *hb = ocr_document_field(d, "birth_date");
	char hy6[7];
	if (!checked[0] && hb && hb->reason && !strcmp(hb->reason, "LOW_CONFIDENCE")
	    && strlen(hb->value) == 10) {
		yymmdd(hb->value, hy6);
		if (mrz_confirms_merged(&mc.early[0], "DDDDDD", hy6)) {
			unhold(d, "birth_date");
			checked[0] = true;
		}
	}

	find_mrz(v, passport, &m);
	mrz_names_check(d, v, &m);
	if (!m.any)
		return;
	/* the dates and number without a check digit that passes: an MRZ
	 * reading all the same, if unverified */
	if (m.ndates >= 2) {
		struct fdate dates[32];
		size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
		for (int k = 0; k < 2; k++) {
			const struct ocr_field *f = ocr_document_field(d, datefields[k]);
			char y6[7];
			/* a misread MRZ date (not a day) says nothing */
			if (checked[k] || !mrz_day(m.dates[k]))
				continue;
			if (f) {
				yymmdd(f->value, y6);
				if (strcmp(y6, m.dates[k]))
					hold(d, datefields[k], "differs from the machine-readable zone");
				else if (f->reason)
					unhold(d, datefields[k]);
				continue;
			}
			/* a printed date that the MRZ confirms */
			for (size_t q = 0; q < n; q++) {
				yymmdd(dates[q].iso, y6);
				if (!strcmp(y6, m.dates[k])) {
					put(d, v, datefields[k], dates[q].iso, dates[q].s, dates[q].e,
					    FF_MIN_CONF, NULL, dates[q].forced ? 0.5 : 1.0);
					break;
				}
			}
		}
	}
	const struct ocr_field *num = ocr_document_field(d, "number");
	if (number_checked)
		return;
	/* the number as printed, also in the MRZ (another font, another line) */
	if (num && num->reason && strlen(num->value) >= 8 && strstr(m.text, num->value)
	    && strcmp(num->reason, "FISCAL_CODE_CHECKSUM"))
		unhold(d, "number");
	else if (num && !strstr(m.text, num->value)) {
		/* nearly the same string in the MRZ: one of the readings is wrong */
		size_t len = strlen(num->value), tl = strlen(m.text);
		for (size_t q = 0; q + len <= tl; q++) {
			size_t diff = 0;
			for (size_t c = 0; c < len; c++)
				diff += m.text[q + c] != num->value[c];
			if (diff <= 2) {
				hold(d, "number", "differs from the machine-readable zone");
				break;
			}
		}
	}
}

/*
 * A trusted fiscal code says the holder's birth date: a date printed on the
 * page that it encodes is the birth date, read twice (the date, and the
 * code's characters, which its check character covers); so is a printed
 * date that one misread digit made no date (cf_date_misread).
 */
static void cf_birth(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	struct fdate dates[32], bq;

	/* a trusted birth date stands unless the code contradicts it (taken
	 * from the wrong label: the code's date is printed elsewhere) */
	if (!cf || cf->reason || strlen(cf->value) != 16
	    || (b && !b->reason
		&& !(sscanf(b->value, "%d-%d-%d", &bq.y, &bq.m, &bq.d) == 3 && bq.m >= 1
		     && bq.m <= 12 && !cf_encodes(cf->value, &bq))))
		return;
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++) {
		const struct fdate *q = &dates[k];
		if (q->forced || !cf_encodes(cf->value, q))
			continue;
		ocr_document_remove_reasons(d, "birth_date");
		ocr_document_remove(d, "birth_date");
		put(d, v, "birth_date", q->iso, q->s, q->e, 0.0, NULL, 1.0);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct fdate q;
		if (cf_date_misread(v, i, cf->value, &q)) {
			ocr_document_remove_reasons(d, "birth_date");
			ocr_document_remove(d, "birth_date");
			put(d, v, "birth_date", q.iso, q.s, q.e, 0.0, NULL, 1.0);
			return;
		}
	}
}

/*
 * A fiscal code held only because nothing on the page confirmed it yet (it
 * passes its check) is confirmed by a trusted surname or name that the
 * machine-readable zone gave after it was read, with the birth date it
 * encodes printed on the page (as cf_consistent does when it is read) or
 * trusted.
 */
static void cf_confirm_late(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");

	const struct ocr_field *sur = ocr_document_field(d, "surname");
	const struct ocr_field *nam = ocr_document_field(d, "name");

	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	struct fdate q;

	if (!cf || !cf->reason || strcmp(cf->reason, "LOW_CONFIDENCE") || strlen(cf->value) != 16
	    || !ocr_check_fiscal_code(cf->value))
		return;
	/* the birth date printed, or trusted (the MRZ's, its check digit
	 * passed, where the printed one was lost) */
	bool born = cf_birth_on_page(v, cf->value)
		    || (b && !b->reason && sscanf(b->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3
			&& q.m >= 1 && q.m <= 12 && cf_encodes(cf->value, &q));
	if (!born)
		return;
	/* names held for a clerk confirm nothing */
	if (!(sur && !sur->reason && cf_part_is(cf->value, sur->value, false))
	    && !(nam && !nam->reason && cf_part_is(cf->value, nam->value, true)))
		return;
	unhold(d, "fiscal_code");
	cf_birth(d, v);
}

/*
 * A trusted fiscal code is a checked reading of the holder's surname, name
 * and birth date: a trusted value that it contradicts is held (one of the
 * two readings is wrong; the code, checked, is kept). An omocodic code's
 * date, letters for digits, is not compared.
 */
static void cf_cross_check(struct ocr_document *d)
{
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	const struct ocr_field *f;

	if (!cf || cf->reason || strlen(cf->value) != 16)
		return;
	const char *c = cf->value;
	f = ocr_document_field(d, "surname");
	if (f && !f->reason && !cf_part_is(c, f->value, false))
		hold(d, "surname", "differs from the fiscal code");
	f = ocr_document_field(d, "name");
	if (f && !f->reason && !cf_part_is(c, f->value, true))
		hold(d, "name", "differs from the fiscal code");
	f = ocr_document_field(d, "birth_date");
	bool digits = isdigit((unsigned char)c[6]) && isdigit((unsigned char)c[7])
		      && isdigit((unsigned char)c[9]) && isdigit((unsigned char)c[10]);
	struct fdate q;
	if (f && !f->reason && digits && sscanf(f->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3
	    && q.m >= 1 && q.m <= 12 && !cf_encodes(c, &q))
		hold(d, "birth_date", "differs from the fiscal code");
}

/*
 * The parts of a fiscal code that an identity copy prints elsewhere: the
 * three letters of the surname and of the name (from the fields read, and
 * from each word of the page and each pair of words on a line, which only
 * confirm a part read as it stands), and the birth date.
 */
struct cf_parts {
	char sur[4], nam[4];		/* from the fields ("" when none) */
	char (*wsur)[4], (*wnam)[4];	/* from the page's words */
	size_t nw;
	char dates[64][6];		/* yymdd of each date, a man's and a woman's */
	size_t nd;
};

static bool cf_in(char (*codes)[4], size_t n, const char *part)
{
	for (size_t k = 0; k < n; k++)
		if (!strncmp(codes[k], part, 3))
			return true;
	return false;
}

static void cf_parts_date(struct cf_parts *p, const struct fdate *q)
{
	static const char months_cf[] = "ABCDEHLMPRST";
	if (q->m < 1 || q->m > 12 || q->d < 1 || q->d > 31)
		return;
	for (int f = 0; f < 2 && p->nd < ARRAY_SIZE(p->dates); f++)
		snprintf(p->dates[p->nd++], sizeof p->dates[0], "%02d%c%02d", ((q->y % 100) + 100) % 100,
			 months_cf[q->m - 1], q->d + (f ? 40 : 0));
}

static void cf_parts_init(struct cf_parts *p, const struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *sur = ocr_document_field(d, "surname");
	const struct ocr_field *nam = ocr_document_field(d, "name");
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	struct fdate dates[32], q;
	size_t cap = v->n + 2, prev_s = 0;
	bool prev = false;

	memset(p, 0, sizeof *p);
	if (sur)
		ocr_fiscal_code_part(sur->value, false, p->sur);
	if (nam)
		ocr_fiscal_code_part(nam->value, true, p->nam);
	p->wsur = xmalloc(cap * sizeof *p->wsur);
	p->wnam = xmalloc(cap * sizeof *p->wnam);
	for (size_t i = 0; i < v->n;) {
		if (!isalpha((unsigned char)v->u[i]) || (i > 0 && is_al(v->u[i - 1]))) {
			if (v->u[i] == '\n')
				prev = false;
			i++;
			continue;
		}
		size_t e = i;
		while (e < v->n && isalpha((unsigned char)v->u[e]))
			e++;
		if (e - i >= 2 && (e == v->n || !is_al(v->u[e]))) {
			char w[128];
			/* the word, and the word with the one before it on its line */
			for (int two = 0; two < 2 && p->nw < cap; two++) {
				size_t s = two ? prev_s : i;
				if (two && (!prev || e - s >= sizeof w))
					continue;
				if (e - s >= sizeof w)
					continue;
				snprintf(w, sizeof w, "%.*s", (int)(e - s), v->u + s);
				ocr_fiscal_code_part(w, false, p->wsur[p->nw]);
				ocr_fiscal_code_part(w, true, p->wnam[p->nw++]);
			}
			prev_s = i, prev = true;
		}
		i = e;
	}
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++)
		cf_parts_date(p, &dates[k]);
	if (b && sscanf(b->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3)
		cf_parts_date(p, &q);
}

static void cf_parts_free(struct cf_parts *p)
{
	free(p->wsur);
	free(p->wnam);
	p->wsur = p->wnam = NULL;
}

/* Whether c stands where a character r was read: the same, or r as its
 * look-alike letter or digit. */
static bool cf_same(char c, char r)
{
	return c == r || c == letter_for(r) || c == digit_for(r);
}

/*
 * The candidate codes for one reading of the code's 16 characters (at
 * folded indexes pos): each part the card's fields give, or the part as
 * read when a word of the page confirms it; the date of a date printed
 * (the sex the read day says, both when it says neither); the town and
 * check letter as read, a character that fits no shape as each of its
 * look-alikes. At most two of the first eleven characters may differ from
 * what was read, and only where a field gave them. Passing codes are
 * counted into found/nfound.
 */
static void cf_card_candidates(const struct fview *v, const struct cf_parts *p, const size_t pos[16],
			       char found[17], int *nfound)
{
	char r[17], part[4] = "", sur[2][4], nam[2][4];
	size_t ns = 0, nn = 0;
	const char *alt[5];
	size_t combos = 1;

	for (size_t k = 0; k < 16; k++)
		r[k] = (char)toupper((unsigned char)v->u[pos[k]]);
	r[16] = '\0';
	/* the town and check letter: each character as read or its look-alikes */
	for (size_t k = 0; k < 5; k++) {
		const char *sign = sign_alikes(v, pos[11 + k]);
		const char *a = !sign ? look_alikes(v->u[pos[11 + k]], cf_shape[11 + k])
				: cf_shape[11 + k] == 'L' ? sign : look_alikes(sign[0], 'C');
		if (a && !*a)
			return;
		alt[k] = a;
		combos *= a ? strlen(a) : 1;
	}
	if (combos > 9)
		return;
	/* the names: a field's part, or the part as read that a word confirms */
	for (int g = 0; g < 2; g++) {
		const char *field = g ? p->nam : p->sur;
		char (*opts)[4] = g ? nam : sur;
		size_t *no = g ? &nn : &ns;
		memcpy(part, r + 3 * g, 3);
		if (field[0])
			memcpy(opts[(*no)++], field, 4);
		if (strcmp(part, field) && cf_in(g ? p->wnam : p->wsur, p->nw, part)
		    && isalpha((unsigned char)part[0]) && isalpha((unsigned char)part[1])
		    && isalpha((unsigned char)part[2]))
			memcpy(opts[(*no)++], part, 4);
	}
	char day = digit_for(r[9]);
	for (size_t a = 0; a < ns; a++)
		for (size_t b = 0; b < nn; b++)
			for (size_t q = 0; q < p->nd; q++) {
				const char *dt = p->dates[q];
				/* a woman's day is the man's + 40: the day's tens as read say which */
				if (day && day <= '7' && (dt[3] >= '4') != (day >= '4'))
					continue;
				char cand[17];
				int diff = 0;
				snprintf(cand, sizeof cand, "%s%s%s", sur[a], nam[b], dt);
				for (size_t k = 0; k < 11; k++)
					if (!cf_same(cand[k], r[k])) {
						/* only a field's part may differ from the reading */
						bool from_field = k >= 6 || !strncmp(cand + (k < 3 ? 0 : 3),
										   k < 3 ? p->sur : p->nam, 3);
						diff += from_field ? 1 : 10;
					}
				if (diff > 2)
					continue;
				for (size_t c = 0; c < combos; c++) {
					size_t x = c;
					for (size_t k = 0; k < 5; k++) {
						size_t m = alt[k] ? strlen(alt[k]) : 1;
						cand[11 + k] = alt[k] ? alt[k][x % m] : r[11 + k];
						x /= m;
					}
					cand[16] = '\0';
					cf_candidate(cand, found, nfound);
				}
			}
}

/* The fiscal code cf, found at [fs, fe) of v, trusted in place of the one
 * the page gave; the birth date it encodes, printed, then is too (cf_birth). */
static void cf_settle(struct ocr_document *d, const struct fview *v, const char *cf, size_t fs,
		      size_t fe)
{
	ocr_document_remove_reasons(d, "fiscal_code");
	ocr_document_remove(d, "fiscal_code");
	put(d, v, "fiscal_code", cf, fs, fe, 0.0, NULL, 1.0);
	cf_birth(d, v);
}

/* One reading of a fiscal code's word (15 to 18 characters): its
 * characters in capitals and what each of its last five may stand for
 * where the town and check letter stand. */
struct cf_word {
	char c[19];
	size_t len;
	char tail[5][8];
};

/* The word of cf_char characters of v at i (its end in *end), when it may
 * be a fiscal code: 15 to 18 characters, not part of a machine-readable
 * zone, letters where the names stand and digits where the birth year and
 * day do (four letters and two digits at least). */
static bool cf_word_at(const struct fview *v, size_t i, size_t *end, struct cf_word *w)
{
	size_t j = i, letters = 0, digits = 0;
	if (!cf_char(v->s[i]) || (i > 0 && (cf_char(v->s[i - 1]) || v->s[i - 1] == '<')))
		return false;
	while (j < v->n && cf_char(v->s[j]))
		j++;
	*end = j;
	w->len = j - i;
	if (w->len < 15 || w->len > 18 || (j < v->n && v->s[j] == '<'))
		return false;
	for (size_t k = 0; k < w->len; k++)
		w->c[k] = (char)toupper((unsigned char)v->u[i + k]);
	w->c[w->len] = '\0';
	for (size_t k = 0; k < 6; k++)
		letters += isalpha((unsigned char)w->c[k]) != 0;
	for (size_t k = 6; k < 11; k++)
		digits += k != 8 && digit_for(w->c[k]) != 0;
	if (letters < 4 || digits < 2)
		return false;
	for (size_t k = 0; k < 5; k++) {
		size_t q = j - 5 + k;
		char cls = cf_shape[11 + k];
		const char *sign = sign_alikes(v, q);
		const char *a = !sign ? look_alikes(v->u[q], cls)
				: cls == 'L' ? sign : look_alikes(sign[0], 'C');
		if (!a)
			snprintf(w->tail[k], sizeof w->tail[k], "%c", toupper((unsigned char)v->u[q]));
		else
			snprintf(w->tail[k], sizeof w->tail[k], "%s", a);
	}
	return true;
}

/* How many characters the first eleven of a code (pre) differ from the
 * word's first len - 5 as read (a look-alike is no difference; a character
 * read too many or lost is one). */
static size_t cf_word_diff(const struct cf_word *w, const char *pre)
{
	size_t n = w->len - 5, row[12], prev[12];
	for (size_t b = 0; b <= 11; b++)
		prev[b] = b;
	for (size_t a = 1; a <= n; a++) {
		row[0] = a;
		for (size_t b = 1; b <= 11; b++) {
			size_t sub = prev[b - 1] + !cf_same(pre[b - 1], w->c[a - 1]);
			size_t del = prev[b] + 1, ins = row[b - 1] + 1;
			row[b] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, row, sizeof row);
	}
	return prev[11];
}

/*
 * The town and check letter that the readings say, character by
 * character: the one that most of them (two at least) may stand for, and
 * no other as often. False when some character has none.
 */
static bool cf_vote_tail(const struct cf_word *w, size_t nw, char out[6])
{
	for (size_t k = 0; k < 5; k++) {
		int best = 0, tie = 0;
		for (char c = '0'; c <= 'Z'; c++) {
			int n = 0;
			if (!isalnum((unsigned char)c))
				continue;
			for (size_t q = 0; q < nw; q++)
				n += strchr(w[q].tail[k], c) != NULL;
			if (n > best)
				best = n, tie = 0, out[k] = c;
			else if (n == best)
				tie = 1;
		}
		if (best < 2 || tie)
			return false;
	}
	out[5] = '\0';
	return true;
}

/*
 * cf_from_card with the code's word read again on its own and in grey:
 * the town and check letter are what most readings say (cf_vote_tail);
 * the first eleven the card's (fields and printed dates, or a part as
 * some reading reads it that a word of the page confirms), two of them at
 * most differing from the reading nearest. One such code passing the
 * check is trusted.
 */
static bool cf_card_reread(struct ocr_document *d, const struct fview *v, const struct cf_parts *p)
{
	const struct ff_reader *rd = v->t->reread;
	struct cf_word w[8];
	size_t nw = 0, fs = 0, fe = 0;
	char found[17] = "";
	int nfound = 0;

	if (!rd)
		return false;
	for (size_t i = 0; i < v->n && nw < 3; i++) {
		size_t j;
		if (!cf_word_at(v, i, &j, &w[nw]))
			continue;
		size_t first = nw++;
		struct ocr_region r = span_region(v, i, j);
		for (int k = 0; k < 2 && r.w > 0; k++) {
			struct ff_text t2;
			struct fview v2;
			if (!reading_open(rd, k ? rd->read_grey : rd->read, &r, &t2, &v2))
				continue;
			for (size_t q = 0, e; q < v2.n && nw < ARRAY_SIZE(w); q++)
				if (cf_word_at(&v2, q, &e, &w[nw]))
					nw++;
			reading_close(rd, &v2);
		}
		if (nw - first < 2) {
			nw = first;
			continue;
		}
		fs = i, fe = j;
		break;
	}
	char tail[6];
	if (nw < 2 || !cf_vote_tail(w, nw, tail))
		return false;
	/* the names' parts: the fields', and as read where a word confirms them */
	char opts[2][10][4];
	size_t nopt[2] = { 0, 0 };
	for (int g = 0; g < 2; g++) {
		const char *field = g ? p->nam : p->sur;
		if (field[0])
			memcpy(opts[g][nopt[g]++], field, 4);
		for (size_t q = 0; q < nw && nopt[g] < 10; q++) {
			char part[4];
			memcpy(part, w[q].c + 3 * g, 3);
			part[3] = '\0';
			bool dup = false;
			for (size_t o = 0; o < nopt[g]; o++)
				dup |= !strcmp(opts[g][o], part);
			if (!dup && cf_in(g ? p->wnam : p->wsur, p->nw, part)
			    && isalpha((unsigned char)part[0]) && isalpha((unsigned char)part[1])
			    && isalpha((unsigned char)part[2]))
				memcpy(opts[g][nopt[g]++], part, 4);
		}
	}
	for (size_t a = 0; a < nopt[0]; a++)
		for (size_t b = 0; b < nopt[1]; b++)
			for (size_t q = 0; q < p->nd; q++) {
				char cand[17];
				size_t best = 99;
				snprintf(cand, sizeof cand, "%s%s%s%s", opts[0][a], opts[1][b], p->dates[q], tail);
				for (size_t k = 0; k < nw; k++) {
					size_t x = cf_word_diff(&w[k], cand);
					if (x < best)
						best = x;
				}
				if (best <= 2)
					cf_candidate(cand, found, &nfound);
			}
	if (nfound != 1)
		return false;
	cf_settle(d, v, found, fs, fe);
	return true;
}

/*
 * An identity copy's fiscal code that fails its check, or that was read
 * with a character too many into no code at all: the card prints what its
 * first eleven characters say (the holder's surname, name and birth date),
 * so they are taken from there where at most two of them were misread,
 * and the town and check letter as read must then pass the check. The one
 * code that does, among all readings of the page's code-long words (16
 * characters, or 17 with one left out), is trusted: every part of it is
 * confirmed by the card, the rest by its check letter.
 */
static void cf_from_card(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	struct cf_parts p;
	char found[17] = "";
	int nfound = 0;
	size_t fs = 0, fe = 0;

	if (d->type != OCR_DOC_IDENTITY || (cf && !(cf->reason && strstr(cf->reason, "CHECKSUM"))))
		return;
	cf_parts_init(&p, d, v);
	for (size_t i = 0; i < v->n && nfound < 2; i++) {
		if (!cf_char(v->s[i]) || (i > 0 && (cf_char(v->s[i - 1]) || v->s[i - 1] == '<')))
			continue;
		size_t j = i;
		while (j < v->n && cf_char(v->s[j]))
			j++;
		size_t len = j - i;
		if ((len != 16 && len != 17) || (j < v->n && v->s[j] == '<'))
			continue;
		for (size_t drop = 0; drop < (len == 17 ? len : 1); drop++) {
			size_t pos[16], n = 0;
			int before = nfound;
			for (size_t k = 0; k < len; k++)
				if (len == 16 || k != drop)
					pos[n++] = i + k;
			cf_card_candidates(v, &p, pos, found, &nfound);
			if (nfound != before)
				fs = i, fe = j;
		}
	}
	if (nfound != 1) {
		if (nfound == 0)
			cf_card_reread(d, v, &p);
		cf_parts_free(&p);
		return;
	}
	cf_parts_free(&p);
	cf_settle(d, v, found, fs, fe);
}

/* dd mm yyyy at i as printed, a letter standing for a digit here and there
 * (s0- 10- 2031), not after a letter or digit (dmy_chars_at). */
static bool date_shape_at(const struct fview *v, size_t i, char out[9], size_t *end)
{
	return (i == 0 || !is_al(v->s[i - 1])) && dmy_chars_at(v, i, ",.:;/- ", true, out, end);
}

/* How many of the eight characters of a printed date (date_shape_at) are
 * not those of the date iso (ISO yyyy-mm-dd). */
static int date_shape_diff(const char shape[9], const char *iso)
{
	char want[9];
	int diff = 0;
	snprintf(want, sizeof want, "%.2s%.2s%.4s", iso + 8, iso + 5, iso);
	for (int c = 0; c < 8; c++)
		diff += shape[c] != want[c];
	return diff;
}

/* The issue date of an identity document: the date of its label
 * (EMISSIONE, Data di rilascio, a licence's 4a.), or the only date whose
 * words before it say so. */
static const struct fdate *issue_date(const struct ocr_document *d, const struct fview *v,
				      const struct fdate *dates, size_t n)
{
	static const char *const issue[] = {
		"emissione", "issuing", "data di rilascio", "date of issue", "rilasciata il",
		"rilasciato il", NULL
	};
	/* a licence's 4a. with its 4 read as an A or a d (Aa., da.), as its
	 * 4b. is (id_lic_expiry) */
	static const char *const lic_issue[] = { "4a.", "aa.", "da.", NULL };
	const struct fdate *is = label_date(v, dates, n, issue, false, false);
	if (!is && may_be_licence(d))
		is = label_date(v, dates, n, lic_issue, true, false);
	if (!is)
		is = label_date(v, dates, n, issue, false, true);
	for (size_t k = 0; !is && k < n; k++)
		if (dates[k].kind == D_ISSUE) {
			for (size_t q = k + 1; q < n; q++)
				if (dates[q].kind == D_ISSUE && strcmp(dates[q].iso, dates[k].iso))
					return NULL;
			is = &dates[k];
		}
	return is;
}

/*
 * The expiry of an identity document issued on is to a holder born on
 * birth (ISO), for the years the law gives it by the holder's age at the
 * issue: an identity card or a passport ten years, five from 3 to 18, three
 * under 3; a driving licence ten years under fifty, five from fifty, three
 * from seventy, two from eighty. It is the same day those years on
 * (out[0]); or, since 2012 (DL 5/2012 art. 7: identity cards and licences),
 * the holder's birthday that follows that day (out[1]). False when no day
 * comes of it (out[0] then "").
 */
static bool expiry_after(const struct fdate *is, const char *birth, bool licence, char out[2][16])
{
	int by, bm, bd;
	struct fdate q;
	out[0][0] = out[1][0] = '\0';
	if (sscanf(birth, "%d-%d-%d", &by, &bm, &bd) != 3)
		return false;
	int age = is->y - by - (is->m * 100 + is->d < bm * 100 + bd);
	if (age < 0)
		return false;
	int y = is->y + (licence ? (age < 50 ? 10 : age < 70 ? 5 : age < 80 ? 3 : 2)
				 : (age < 3 ? 3 : age < 18 ? 5 : 10));
	if (!date_fill(&q, 0, 0, y, is->m, is->d, false, D_NONE))
		return false;
	snprintf(out[0], 16, "%s", q.iso);
	if (bm * 100 + bd < is->m * 100 + is->d)
		y++;
	if (date_fill(&q, 0, 0, y, bm, bd, false, D_NONE))
		snprintf(out[1], 16, "%s", q.iso);
	return true;
}

/* Which of the two expiries the law gives (expiry_after: after[0] the day
 * its years on, after[1] the holder's birthday after it - not a passport's:
 * birthday false) the printed date shape (date_shape_at) s is, but for diff
 * characters, when the other one is not as near (two characters or more
 * away, or the same day): which of the two it misreads is then clear. Its
 * index, or -1. */
static int law_expiry_is(const char s[9], char after[2][16], int diff, bool birthday)
{
	for (int k = 0; k < (birthday ? 2 : 1); k++) {
		const char *other = after[1 - k];
		if (!after[k][0] || date_shape_diff(s, after[k]) != diff)
			continue;
		if (!other[0] || !strcmp(after[0], after[1]) || date_shape_diff(s, other) > 1)
			return k;
	}
	return -1;
}

/* The birthday rule of DL 5/2012 art. 7 holds for the document of kind: an
 * identity card or a driving licence, not a passport. */
static bool birthday_rule(const char *kind)
{
	return kind && strcmp(kind, "passport");
}

/* The first day whose documents all follow the birthday rule: issued
 * since DL 5/2012 came into force (10 February 2012), for ten years at
 * most. */
#define BIRTHDAY_RULE_ISSUED 20120210
#define BIRTHDAY_RULE_EXPIRES 20220210

/*
 * A held expiry f that no document can have, issued on is to the holder
 * of the trusted birth date b: more than eleven years after today (no
 * document is valid longer from its issue), or - a card or a licence
 * issued since DL 5/2012 (bday) - on another day and month than the
 * holder's birthday. Misread, then: the one expiry the law gives
 * (after: expiry_after; since DL 5/2012 the birthday one) that it reads
 * but for one character (law_expiry_is) is taken, three readings (issue,
 * birth, expiry) saying it. An issue misread moves the law's expiry, not
 * the printed one: a held expiry that may be right stays held.
 */
static void expiry_unlawful(struct ocr_document *d, const struct fview *v,
			    const struct ocr_field *f, const struct fdate *is,
			    const struct ocr_field *b, char after[2][16], bool bday)
{
	char fs8[9], iso[16];
	struct fdate q;
	bool since = fdate_key(is) >= BIRTHDAY_RULE_ISSUED;
	int y = atoi(f->value);

	if (b->reason || strlen(f->value) != 10 || strlen(b->value) != 10)
		return;
	if (y <= view_today(v) / 10000 + 11 && !(bday && since && strcmp(f->value + 5, b->value + 5)))
		return;
	snprintf(fs8, sizeof fs8, "%.2s%.2s%.4s", f->value + 8, f->value + 5, f->value);
	int k = law_expiry_is(fs8, after, 1, bday);
	if (k < 0 || (bday && since && strcmp(after[k], after[1])))
		return;
	snprintf(iso, sizeof iso, "%s", after[k]);
	for (size_t i = 0; i < v->n; i++)
		if (date_at(v, i, &q) && !q.forced && !strcmp(q.iso, f->value)) {
			ocr_document_remove_reasons(d, "expiry");
			ocr_document_remove(d, "expiry");
			put(d, v, "expiry", iso, q.s, q.e, 0.0, NULL, 1.0);
			return;
		}
}

/*
 * An identity document's expiry held for how it was read, or misread past
 * a date, against its issue date: a held expiry that is the issue day the
 * law's years on, or (an identity card, a licence) the holder's birthday
 * after that day (expiry_after), is trusted - three readings, the issue's,
 * the birth's and the expiry's, say it; so is that day where the page
 * holds, in one place only, no date but its eight characters with one of
 * them otherwise (20/93/2036 for 20/03/2036, s0-10-2031 for 20-10-2031).
 * Not when the other of the two is as near (law_expiry_is), nor without a
 * birth date read (the years the law gives depend on the age). A checked
 * machine-readable zone has its say first: its expiry must be the same.
 */
static void id_expiry_issued(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *f = ocr_document_field(d, "expiry");
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	const char *kind = ocr_document_value(d, "kind");
	struct fdate dates[32];
	char after[2][16], y6[7], shape[9];
	struct mrzchk mc;

	if ((f && (f->reason == NULL || strcmp(f->reason, "LOW_CONFIDENCE"))) || !b)
		return;
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *is = issue_date(d, v, dates, n);
	if (!is || is->forced
	    || !expiry_after(is, b->value, kind && !strcmp(kind, "driving-licence"), after))
		return;
	bool bday = birthday_rule(kind);
	find_mrz_checked(v, kind, &mc);
	if (f) {
		char fs8[9];
		snprintf(fs8, sizeof fs8, "%.2s%.2s%.4s", f->value + 8, f->value + 5, f->value);
		int k = law_expiry_is(fs8, after, 0, bday);
		if (k >= 0 && mc.expiry.how)
			yymmdd(after[k], y6);
		if (k >= 0 && (!mc.expiry.how || !strcmp(mc.expiry.val, y6)))
			unhold(d, "expiry");
		else if (k < 0 && !mc.expiry.how)
			expiry_unlawful(d, v, f, is, b, after, bday);
		return;
	}
	if (mc.expiry.how)
		return;
	/* no date read there: one character off, in one place only */
	size_t fs = 0, fe = 0;
	int found = 0, which = 0;
	for (size_t i = 0; i < v->n; i++) {
		size_t e;
		struct fdate q;
		if (!date_shape_at(v, i, shape, &e))
			continue;
		int k = law_expiry_is(shape, after, 1, bday);
		if (i != is->s && !date_at(v, i, &q) && k >= 0) {
			fs = i, fe = e, which = k;
			found++;
		}
		i = e;
	}
	if (found == 1)
		put(d, v, "expiry", after[which], fs, fe, 0.0, NULL, 1.0);
}

/* The eight characters of a printed date (date_shape_at) make a day an
 * identity document may say for name: a birth not after today nor before
 * 1900, an expiry within thirty years before today and eleven after. */
static bool id_date_plausible(const struct fview *v, const char *name, const char c[9])
{
	struct fdate q;
	int today = view_today(v);
	for (int k = 0; k < 8; k++)
		if (!isdigit((unsigned char)c[k]))
			return false;
	if (!date_fill(&q, 0, 0, atoi(c + 4), (c[2] - '0') * 10 + (c[3] - '0'),
		       (c[0] - '0') * 10 + (c[1] - '0'), false, D_NONE))
		return false;
	if (!strcmp(name, "birth_date"))
		return fdate_key(&q) <= today;
	return q.y >= today / 10000 - 30 && q.y <= today / 10000 + 11;
}

/* What a reading of a date's region says: the one printed date shape it
 * holds (date_shape_at; chars "" when none, or several unlike), and which
 * of its characters had a contender (span_doubts). */
struct dshape {
	char chars[9];
	char alt[8][8];		/* a digit's contenders (digits), when they weigh */
};

/* The digits that contended with each of the eight characters of a printed
 * date at [fs, fe) of v, where the strongest contender of a digit's kind
 * weighed (FF_MAX_DOUBT; without that weight, any contender's). */
static void dshape_alts(const struct fview *v, size_t fs, size_t fe, struct dshape *out)
{
	int p = 0;
	memset(out->alt, 0, sizeof out->alt);
	for (size_t i = fs; i < fe && p < 8; i++) {
		if (!is_al(v->s[i]))
			continue;
		const float *w = v->t->doubt_like ? v->t->doubt_like : v->t->doubt;
		if (w && w[v->map[i]] >= FF_MAX_DOUBT) {
			size_t k = 0;
			for (const char *a = alts_at(v, i); *a && k < sizeof out->alt[p] - 1; a++)
				if (isdigit((unsigned char)*a))
					out->alt[p][k++] = *a;
		}
		p++;
	}
}

static void dshape_reading(const struct fview *v, const struct ocr_region *r,
			   int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out),
			   struct dshape *out)
{
	const struct ff_reader *rd = v->t->reread;
	struct ff_text t2;
	struct fview v2;
	char c[9];

	memset(out, 0, sizeof *out);
	if (r->w <= 0 || !reading_open(rd, read, r, &t2, &v2))
		return;
	for (size_t i = 0; i < v2.n; i++) {
		size_t e;
		if (!date_shape_at(&v2, i, c, &e))
			continue;
		if (out->chars[0] && strcmp(out->chars, c)) {
			out->chars[0] = '\0';
			break;
		}
		memcpy(out->chars, c, sizeof c);
		dshape_alts(&v2, i, e, out);
		i = e;
	}
	reading_close(rd, &v2);
}

/* The machine-readable zone gives the date name (birth_date or expiry)
 * otherwise than the eight characters c (dd mm yyyy): checked, or as a
 * day of the calendar. */
static bool mrz_says_otherwise(const struct ocr_document *d, const struct fview *v,
			       const char *name, const char c[9])
{
	const char *kind = ocr_document_value(d, "kind");
	bool birth = !strcmp(name, "birth_date");
	struct mrzchk mc;
	struct mrz m;
	char y6[7];

	snprintf(y6, sizeof y6, "%.2s%.2s%.2s", c + 6, c + 2, c);
	find_mrz_checked(v, kind, &mc);
	const struct mrzfield *mf = birth ? &mc.birth : &mc.expiry;
	if (mf->how && strcmp(mf->val, y6))
		return true;
	find_mrz(v, kind && !strcmp(kind, "passport"), &m);
	const char *md = m.ndates >= 2 ? m.dates[birth ? 0 : 1] : NULL;
	return md && mrz_day(md) && strcmp(md, y6);
}

/* What the law says of an identity document's dates, when its issue date
 * is read: the expiries it gives (expiry_after) for the birth date read;
 * or, the expiry read (and trusted by its own readings), the issue date
 * and whether it is a licence, which a birth date must fit. Without the
 * issue date, the birthday rule alone: dm, the day and month (ddmm) of
 * the other date, trusted, that a card's or licence's expiry after 9
 * February 2022 shares with the birth date ("" when not used); an expiry
 * before from (yyyymmdd) is free of it. */
struct idlaw {
	char (*after)[16];
	const struct fdate *is;
	const char *expiry;
	bool licence;
	char dm[5];
	int from;
};

/* The printed date c (dd mm yyyy) as the number yyyymmdd; 0 when a
 * character is no digit. */
static int shape_key(const char c[9])
{
	for (int k = 0; k < 8; k++)
		if (!isdigit((unsigned char)c[k]))
			return 0;
	return atoi(c + 4) * 10000 + (c[2] - '0') * 1000 + (c[3] - '0') * 100 + (c[0] - '0') * 10
	       + (c[1] - '0');
}

/* The eight characters of a printed date c (dd mm yyyy) are a day the law
 * allows (law NULL: any): an expiry that law->after gives (the birthday
 * one where bday); a birth date with which law->is gives law->expiry - a
 * document the birthday rule holds for (bday) issued since DL 5/2012 came
 * into force (10 February 2012) ends on the birthday only. */
static bool law_allows(const char c[9], const struct idlaw *law, bool bday)
{
	char after[2][16], iso[16];
	if (!law)
		return true;
	if (law->dm[0])
		return !memcmp(c, law->dm, 4) || shape_key(c) < law->from;
	if (law->after)
		return !date_shape_diff(c, law->after[0])
		       || (bday && law->after[1][0] && !date_shape_diff(c, law->after[1]));
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", c + 4, c + 2, c);
	if (!expiry_after(law->is, iso, law->licence, after))
		return false;
	bool since = fdate_key(law->is) >= BIRTHDAY_RULE_ISSUED;
	return (!(bday && since) && !strcmp(after[0], law->expiry))
	       || (bday && !strcmp(after[1], law->expiry));
}

/*
 * Three readings of an identity copy's date (name: birth_date or expiry):
 * the page's at [fs, fe) of v, its region read again on its own line
 * (read_own, bilevel) and in grey, each with its eight characters (a
 * letter where a digit stands says nothing there). Where they read one
 * digit, it is taken when two of them at least read it and no two had a
 * contender for it that makes a day the document may say (as second_look
 * has it, of any contender); where they differ, one of the digits they
 * read. True when one choice only makes a day that the document may say
 * (id_date_plausible; an expiry one of those the law gives, law, when the
 * issue and birth dates are read; a birth date one with which the issue
 * date gives the expiry that its own readings said, when the page's
 * reading is: law_allows) and the machine-readable zone does not say
 * otherwise: its eight characters in found, the readings in rdg.
 */
static bool id_date_vote(const struct ocr_document *d, const struct fview *v, const char *name,
			 const struct idlaw *law, size_t fs, size_t fe, struct dshape rdg[3], char found[9])
{
	bool bday = birthday_rule(ocr_document_value(d, "kind"));
	const struct ff_reader *rd = v->t->reread;
	char cand[8][4], base[9];
	int ncand[8], pos[8], nvar = 0, nfound = 0;

	if (!rd || !date_shape_at(v, fs, rdg[0].chars, &fe))
		return false;
	dshape_alts(v, fs, fe, &rdg[0]);
	/* a birth date the law would have given another expiry: a document
	 * the law (or this reading of it) says nothing of */
	if (law && !law->after && !law_allows(rdg[0].chars, law, bday))
		law = NULL;
	struct ocr_region r = span_region(v, fs, fe);
	bool own = rd->read_own && rd->read_own_grey;
	dshape_reading(v, &r, own ? rd->read_own : rd->read, &rdg[1]);
	dshape_reading(v, &r, own ? rd->read_own_grey : rd->read_grey, &rdg[2]);
	if (!rdg[1].chars[0] || !rdg[2].chars[0])
		return false;
	memcpy(base, rdg[0].chars, sizeof base);
	for (int c = 0; c < 8; c++) {
		int doubted = 0, digits = 0;
		ncand[c] = 0;
		for (int k = 0; k < 3; k++) {
			char ch = rdg[k].chars[c];
			if (!isdigit((unsigned char)ch))
				continue;
			digits++;
			if (!memchr(cand[c], ch, (size_t)ncand[c]))
				cand[c][ncand[c]++] = ch;
			/* a contender that makes no day the document may say
			 * is no doubt */
			char alt[9];
			memcpy(alt, rdg[0].chars, sizeof alt);
			for (const char *a = rdg[k].alt[c]; *a; a++) {
				alt[c] = *a;
				if (id_date_plausible(v, name, alt) && law_allows(alt, law, bday)) {
					doubted++;
					break;
				}
			}
		}
		/* a digit no day can have there, whatever the others - a day's
		 * tens over 3, a month's over 1, a century's thousands not 1
		 * or 2 - is no choice (67 04 for 07 04, 7034 for 2034) */
		if (ncand[c] > 1 && (c == 0 || c == 2 || c == 4)) {
			int kept = 0;
			for (int q = 0; q < ncand[c]; q++) {
				char ch = cand[c][q];
				if (c == 0 ? ch <= '3' : c == 2 ? ch <= '1' : ch == '1' || ch == '2')
					cand[c][kept++] = ch;
			}
			if (kept > 0 && kept < ncand[c]) {
				ncand[c] = kept;
				base[c] = cand[c][0];
			}
		}
		if (ncand[c] == 0 || (ncand[c] == 1 && (digits < 2 || doubted >= 2)))
			return false;
		if (ncand[c] > 1)
			pos[nvar++] = c;
		if (nvar > 2)
			return false;
	}
	for (int m = 0, combos = vote_combos(ncand, pos, nvar); m < combos; m++) {
		char dg[9];
		vote_choice(base, cand, ncand, pos, nvar, m, dg);
		if (!id_date_plausible(v, name, dg) || !law_allows(dg, law, bday))
			continue;
		memcpy(found, dg, sizeof dg);
		nfound++;
	}
	return nfound == 1 && !mrz_says_otherwise(d, v, name, found);
}

/* Puts the date of the eight characters c (dd mm yyyy), read at [fs, fe),
 * as name's trusted value. */
static void put_dshape(struct ocr_document *d, const struct fview *v, const char *name,
		       const char c[9], size_t fs, size_t fe)
{
	char iso[16];
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", c + 4, c + 2, c);
	ocr_document_remove_reasons(d, name);
	ocr_document_remove(d, name);
	put(d, v, name, iso, fs, fe, 0.0, NULL, 1.0);
}

/*
 * An identity copy's date held for how it was read, voted (id_date_vote):
 * trusted when the vote is the page's value (a held value is confirmed,
 * not replaced), or both readings' (14.04 read 14.09 by the page, 14.04 by
 * both), or where the page's is no day the document may say (2058 for
 * 2028 on a licence, read 2028 and 2628 again).
 */
static void id_date_voted(struct ocr_document *d, const struct fview *v, const char *name,
			  const struct idlaw *law)
{
	const struct ocr_field *f = ocr_document_field(d, name);
	struct dshape rdg[3];
	size_t fs = 0, fe = 0;
	struct fdate q;
	char found[9];

	if (!f || !f->reason || strcmp(f->reason, "LOW_CONFIDENCE"))
		return;
	for (size_t i = 0; i < v->n && !fe; i++)
		if (date_at(v, i, &q) && !q.forced && !strcmp(q.iso, f->value)
		    && date_shape_at(v, i, found, &fe))
			fs = i;
	if (!fe || !id_date_vote(d, v, name, law, fs, fe, rdg, found))
		return;
	/* (the page's a misreading, as a date misread into none is:
	 * id_date_misread) */
	if (!strcmp(found, rdg[0].chars))
		unhold(d, name);
	else if ((!strcmp(found, rdg[1].chars) && !strcmp(found, rdg[2].chars))
		 || !id_date_plausible(v, name, rdg[0].chars))
		put_dshape(d, v, name, found, fs, fe);
}

/*
 * An identity copy's date that the page misread into no day it may be
 * (09/12/1859, 97-94-1981, 27:10-1997 with its separators unlike), on the
 * line of its label (labels; line_start: a licence's numbered field, at
 * the start of its line) or the next: voted with two readings of its
 * region (id_date_vote), taken when the vote gives one day.
 */
static void id_date_misread(struct ocr_document *d, const struct fview *v, const char *name,
			    const char *const *labels, bool line_start_only, const struct idlaw *law)
{
	struct dshape rdg[3];
	char c[9], found[9];
	size_t e, from = 0;
	long s;

	if (ocr_document_field(d, name))
		return;
	while ((s = find_label(v, from, labels, true, &e)) >= 0) {
		from = e;
		if (line_start_only && line_lead(v, (size_t)s) != (size_t)s)
			continue;
		size_t stop = line_end(v, line_end(v, e) + 1);
		for (size_t i = e; i < stop; i++) {
			size_t de;
			struct fdate q;
			if (!date_shape_at(v, i, c, &de))
				continue;
			if ((date_at(v, i, &q) && id_date_plausible(v, name, c))
			    || !id_date_vote(d, v, name, law, i, de, rdg, found))
				return;
			put_dshape(d, v, name, found, i, de);
			return;
		}
	}
}

/*
 * An identity copy's birth date that no label places (its label misread)
 * and that the page misread into no date at all (09/12/1859, 07-11-1691):
 * the one printed date shape on the page that is no date, off the MRZ and
 * the fax machine's band (a date and a time: its line), voted with two
 * readings of its region (id_date_vote, law as for a labelled one) -
 * taken when the vote gives one day at least twelve years before every
 * date the page reads (the issue, the expiry: the holder was born years
 * before).
 */
static void id_birth_unlabelled(struct ocr_document *d, const struct fview *v,
				const struct idlaw *law)
{
	struct fdate dates[32], q;
	struct dshape rdg[3];
	char c[9], found[9];
	size_t fs = 0, fe = 0;
	int shapes = 0;

	if (ocr_document_field(d, "birth_date"))
		return;
	for (size_t i = 0; i < v->n; i++) {
		size_t e;
		if (!date_shape_at(v, i, c, &e))
			continue;
		bool date = date_at(v, i, &q);
		q.s = i, q.e = e;
		if (fax_header(v, &q)) {
			/* the band's time and sender after its date */
			i = line_end(v, i);
			continue;
		}
		if (!date && !on_mrz_line(v, i)) {
			fs = i, fe = e;
			shapes++;
		}
		i = e;
	}
	if (shapes != 1 || !id_date_vote(d, v, "birth_date", law, fs, fe, rdg, found))
		return;
	int by = atoi(found + 4);
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++)
		if (dates[k].y < by + 12)
			return;
	put_dshape(d, v, "birth_date", found, fs, fe);
}

/* The expiries the law gives an identity document (expiry_after) from its
 * issue date and its holder's birth date as read: after; NULL when either
 * is not read. */
static char (*id_law_expiry(const struct ocr_document *d, const struct fview *v,
			    char after[2][16]))[16]
{
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	const char *kind = ocr_document_value(d, "kind");
	struct fdate dates[32];

	if (!b)
		return NULL;
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *is = issue_date(d, v, dates, n);
	if (!is || is->forced
	    || !expiry_after(is, b->value, kind && !strcmp(kind, "driving-licence"), after))
		return NULL;
	return after;
}

/* What the law asks of a birth date (struct idlaw, in law) on a document
 * whose expiry its own readings said (expiry: that day; "" when not) and
 * whose issue date is read (is); without the issue date, the birthday
 * rule alone (law_birthday). NULL when the law says nothing of it. */
static const struct idlaw *law_birthday(struct idlaw *law, const char *kind, const char *other,
					bool expiry);

static const struct idlaw *id_law_birth(const struct ocr_document *d, const struct fview *v,
					const char *expiry, struct fdate *is, struct idlaw *law)
{
	const char *kind = ocr_document_value(d, "kind");
	struct fdate dates[32];

	if (!expiry[0])
		return NULL;
	size_t n = find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *found = issue_date(d, v, dates, n);
	memset(law, 0, sizeof *law);
	if (found && !found->forced) {
		*is = *found;
		law->is = is;
		law->expiry = expiry;
		law->licence = kind && !strcmp(kind, "driving-licence");
		return law;
	}
	return law_birthday(law, kind, expiry, false);
}

/* The birthday rule alone (struct idlaw's dm) for the document of kind,
 * from the trusted date other (ISO): for a birth date (expiry false), when
 * other is an expiry it holds for; for an expiry, from the birth date
 * other, on an expiry it holds for. NULL when the rule does not hold. */
static const struct idlaw *law_birthday(struct idlaw *law, const char *kind, const char *other,
					bool expiry)
{
	int y, m, dd;
	memset(law, 0, sizeof *law);
	if (!birthday_rule(kind) || strlen(other) != 10
	    || sscanf(other, "%d-%d-%d", &y, &m, &dd) != 3
	    || (!expiry && y * 10000 + m * 100 + dd < BIRTHDAY_RULE_EXPIRES))
		return NULL;
	memcpy(law->dm, other + 8, 2);
	memcpy(law->dm + 2, other + 5, 2);
	law->from = expiry ? BIRTHDAY_RULE_EXPIRES : 0;
	return law;
}

/* id_date_voted and id_date_misread for an identity copy's birth date (the
 * expiry that its own readings said, expiry - "" when none - and the
 * issue date fit it to the law's years) and expiry. */
static void id_dates_voted(struct ocr_document *d, const struct fview *v, const char *expiry)
{
	char after[2][16];
	bool lic = may_be_licence(d);
	struct fdate is;
	struct idlaw blaw, xlaw = { 0 };
	const struct idlaw *law = id_law_birth(d, v, expiry, &is, &blaw);
	id_date_voted(d, v, "birth_date", law);
	id_date_misread(d, v, "birth_date", lic ? id_lic_birth : id_birth_labels, lic, law);
	id_birth_unlabelled(d, v, law);
	xlaw.after = id_law_expiry(d, v, after);
	law = xlaw.after ? &xlaw : NULL;
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	if (!law && b && !b->reason)
		law = law_birthday(&xlaw, ocr_document_value(d, "kind"), b->value, true);
	id_date_voted(d, v, "expiry", law);
	id_date_misread(d, v, "expiry", lic ? id_lic_expiry : id_expiry_labels, lic, law);
}

static void parse_identity(struct ocr_document *d, const struct fview *v)
{
	id_number_kind(d, v);
	id_names(d, v);
	id_dates(d, v);
	find_cf(d, v, "fiscal_code");
	cf_birth(d, v);
	mrz_check(d, v);
	cf_from_card(d, v);
	/* the expiry as its own readings said it, before the birth date
	 * read says it too (id_expiry_issued): the birth date's witness */
	const struct ocr_field *x = ocr_document_field(d, "expiry");
	char expiry[16] = "";
	if (x && !x->reason)
		snprintf(expiry, sizeof expiry, "%s", x->value);
	id_expiry_issued(d, v);
	id_dates_voted(d, v, expiry);
	cf_confirm_late(d, v);
	cf_cross_check(d);
}

/* ---------------------------------------------------------------- second look */

/* What a second reading says of a value: nothing, another value (of the
 * shape of the page's, but not it), the same as the page with some
 * confidence but a contender for some of its characters, the same without
 * a contender but not surely (low confidence), or a value sure by itself. */
enum look { LOOK_NONE, LOOK_OTHER, LOOK_ALIKE, LOOK_SAME, LOOK_SURE };

/* The end of the words of name (capitals, single blanks) at i of v2, or 0. */
static size_t name_at(const struct fview *v2, size_t i, const char *name)
{
	size_t k = i;
	for (const char *p = name; *p; p++) {
		if (*p == ' ') {
			if (k >= v2->n || v2->u[k] != ' ')
				return 0;
			while (k < v2->n && v2->u[k] == ' ')
				k++;
			continue;
		}
		if (k >= v2->n || v2->u[k] != *p)
			return 0;
		k++;
	}
	return k < v2->n && (is_al(v2->u[k]) || v2->u[k] == '\'') ? 0 : k;
}

/*
 * Looks for the value name in a second reading v2 of its region (first:
 * the page's reading). A value is sure by itself when its words clear the
 * confidence threshold, no character had a contender, letters and digits
 * stand where the shape wants them, a checked value passes its check as
 * read - and, for a value nothing checks (a number, a date, a name), when
 * it says the same as the first reading. Such a value goes to out.
 */
static enum look scan_reading(const struct fview *v2, const struct ocr_document *d,
			      const char *name, const char *first, char *out, size_t size,
			      double *conf, struct reading *said)
{
	bool cf = !strcmp(name, "fiscal_code") || !strcmp(name, "reporter_cf");
	bool imei = !strcmp(name, "imei"), number = !strcmp(name, "number");
	bool date = !strcmp(name, "date") || !strcmp(name, "event_date")
		    || !strcmp(name, "birth_date") || !strcmp(name, "expiry");
	bool person = d->type == OCR_DOC_IDENTITY
		      && (!strcmp(name, "surname") || !strcmp(name, "name"));
	enum look got = LOOK_NONE;
	bool other = false;

	for (size_t i = 0; i < v2->n; i++) {
		char val[64];
		size_t fe = 0;
		double min = FF_MIN_CONF;
		if (i > 0 && is_al(v2->s[i - 1]))
			continue;
		if (cf) {
			size_t pos[16];
			int mapped;
			/* a letter read as a digit where only a letter can stand (or
			 * the reverse) maps one way only; the check does the rest */
			if (!cf_at(v2, i, val, pos, &mapped) || mapped > 2 || !ocr_check_fiscal_code(val))
				continue;
			fe = pos[15] + 1;
			min = FF_MIN_CONF_CHECKED;
		} else if (imei) {
			size_t pos[15];
			int mapped;
			if (!isdigit((unsigned char)v2->u[i]) || !imei_at(v2, i, val, pos, &fe, &mapped)
			    || mapped || !ocr_check_imei(val))
				continue;
			min = FF_MIN_CONF_CHECKED;
		} else if (date) {
			struct fdate dt;
			if (!date_at(v2, i, &dt) || dt.forced)
				continue;
			snprintf(val, sizeof val, "%s", dt.iso);
			fe = dt.e;
		} else if (person) {
			fe = name_at(v2, i, first);
			if (!fe)
				continue;
			snprintf(val, sizeof val, "%s", first);
		} else if (number && d->type == OCR_DOC_IDENTITY) {
			struct idnum num;
			if (!idnum_at(v2, i, &num))
				continue;
			if (num.mapped) {
				/* the page's number with characters read as the
				 * other kind (B for 8 where a digit stands): the
				 * same strokes, but which they are the shape says,
				 * not the reading - those characters count as
				 * doubtful, the others as read (another value, or
				 * a blank inside, says nothing) */
				bool split;
				unsigned long long mapped = idnum_mapped(v2, &num, &split);
				double c = span_conf(v2, i, num.e);
				if (split || strcmp(num.val, first) || c < FF_MIN_CONF_SAME
				    || got >= LOOK_ALIKE)
					continue;
				got = LOOK_ALIKE;
				said->conf = c;
				said->doubts = idnum_doubts(v2, i, num.e, &said->n) | mapped;
				continue;
			}
			snprintf(val, sizeof val, "%s", num.val);
			fe = num.e;
		} else if (number) {
			if (!number_token(v2, i, &fe) || fe - i >= sizeof val)
				continue;
			snprintf(val, sizeof val, "%.*s", (int)(fe - i), v2->u + i);
			if (ambiguous_mix(val) && !province_number(val))
				continue;
		} else {
			return LOOK_NONE;
		}
		/* two readings that agree need less confidence of each */
		bool agree = !strcmp(val, first);
		if (!cf && !imei && !agree) {
			other = true;
			continue;
		}
		if (agree && !person)
			min = FF_MIN_CONF_AGREED;
		double c = span_conf(v2, i, fe);
		/* a checked value's check stands for the contenders; a date is
		 * taken as the page's reading would be (on confidence alone) */
		bool doubt = number ? number_doubtful(v2, d, i, fe) : span_doubtful(v2, i, fe);
		if (c < min || (!cf && !imei && doubt && !(date && c >= FF_MIN_CONF))) {
			/* little confidence; a contender is another matter: three
			 * readings alike may well share a misread (2 for 3, V for Y) */
			if (agree && c >= FF_MIN_CONF_SAME && got < LOOK_SAME) {
				got = doubt ? LOOK_ALIKE : LOOK_SAME;
				said->conf = c;
				said->doubts = value_doubts(v2, d, name, i, fe, &said->n);
			}
			continue;
		}
		snprintf(out, size, "%s", val);
		*conf = c;
		return LOOK_SURE;
	}
	return got == LOOK_NONE && other ? LOOK_OTHER : got;
}

/* Reads the region r with how (the reader's read or read_grey) and looks
 * for the value there (scan_reading). */
static enum look look_at(const struct ff_reader *rd,
			 int (*how)(void *, const struct ocr_region *, struct ff_text *),
			 const struct ocr_document *d, const char *name, const char *first,
			 const struct ocr_region *r, char *out, size_t size, double *conf,
			 struct reading *said)
{
	struct ff_text t2;
	struct fview v2;

	if (!reading_open(rd, how, r, &t2, &v2))
		return LOOK_NONE;
	enum look got = scan_reading(&v2, d, name, first, out, size, conf, said);
	reading_close(rd, &v2);
	return got;
}

/*
 * A value held for how it was read gets a second reading of its region on
 * its own (the page's layout analysis may have merged its line with a
 * neighbour's; in a small crop, enlarged, speckle weighs less), and when
 * that is not sure, a value without a check gets a third one of other
 * pixels (read_grey). A reading sure by itself (scan_reading) is taken,
 * unless the region read on its own said another value; so is a value that
 * all three readings say alike, each with some confidence and without a
 * contender - or, an identity copy's number or date, with contenders
 * (page: the page's) for other characters in each: every character then
 * read alike at least twice without one. An identity copy's date is read
 * on its own line (read_own: a card prints its small labels right over and
 * under its dates).
 */
static bool second_look(const struct fview *v, const struct ocr_document *d, const char *name,
			const char *first, const struct reading *page, const struct ocr_region *r,
			char *out, size_t size, double *conf)
{
	const struct ff_reader *rd = v->t->reread;
	double c1 = 0, c2 = 0;
	struct reading h1 = { 0, 0, 0 }, h2 = { 0, 0, 0 };

	if (!rd || r->w <= 0)
		return false;
	bool own = d->type == OCR_DOC_IDENTITY && rd->read_own && rd->read_own_grey
		   && (!strcmp(name, "birth_date") || !strcmp(name, "expiry"));
	enum look one = look_at(rd, own ? rd->read_own : rd->read, d, name, first, r, out, size,
				&c1, &h1);
	if (one == LOOK_SURE) {
		*conf = c1;
		return true;
	}
	/* read otherwise: two readings against one is no confirmation (the
	 * page and the grey copy may share a misread digit) */
	if (one == LOOK_OTHER)
		return false;
	/* a value with a check of its own is read in grey by its reader, with
	 * no contender allowed (den_imei_grey) */
	if (!strcmp(name, "imei") || !strcmp(name, "fiscal_code") || !strcmp(name, "reporter_cf"))
		return false;
	enum look two = look_at(rd, own ? rd->read_own_grey : rd->read_grey, d, name, first, r, out,
				size, &c2, &h2);
	if (two == LOOK_SURE) {
		*conf = c2;
		return true;
	}
	bool alike = one >= LOOK_ALIKE && two >= LOOK_ALIKE && page->conf >= FF_MIN_CONF_SAME
		     && page->n == h1.n && page->n == h2.n
		     && !((page->doubts & h1.doubts) | (page->doubts & h2.doubts)
			  | (h1.doubts & h2.doubts))
		     && d->type == OCR_DOC_IDENTITY
		     && (!strcmp(name, "number") || !strcmp(name, "birth_date")
			 || !strcmp(name, "expiry"));
	if ((one == LOOK_SAME && two == LOOK_SAME) || alike) {
		snprintf(out, size, "%s", first);
		*conf = FF_MIN_CONF_AGREED;
		return true;
	}
	return false;
}

/* ---------------------------------------------------------------- entry points */

enum ocr_doctype ff_parse_as_of(const struct ff_text *t, time_t as_of, struct ocr_document *out,
			       bool *continuation)
{
	struct fview v;
	enum ocr_doctype type;

	view_init(&v, t);
	v.as_of = as_of;
	type = classify(&v, continuation);
	ocr_document_init(out, type);
	out->npages = 1;
	switch (type) {
	case OCR_DOC_DENUNCIATION:
		parse_denunciation(out, &v);
		break;
	case OCR_DOC_IDENTITY:
		parse_identity(out, &v);
		break;
	default:
		ocr_document_add_reason(out, "UNKNOWN_DOCUMENT", NULL,
					"neither a form, a denunciation nor an identity document");
		break;
	}
	view_free(&v);
	return type;
}

enum ocr_doctype ff_parse(const struct ff_text *t, struct ocr_document *out, bool *continuation)
{
	return ff_parse_as_of(t, 0, out, continuation);
}

int ocr_freeform_parse_text(const char *text, struct ocr_document *out)
{
	struct ff_text t = { text ? text : "", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	bool cont;
	return (int)ff_parse(&t, out, &cont);
}

bool ocr_freeform_is_continuation(const char *text)
{
	struct ff_text t = { text ? text : "", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	struct fview v;
	bool cont;

	view_init(&v, &t);
	classify(&v, &cont);
	view_free(&v);
	return cont;
}
