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
 * This file holds the folded view, spans, keyword matching, the
 * classification, the second look and the entry points. The fields are
 * read in ffdate.c (dates), ffcode.c (fiscal codes, shapes, repairs),
 * ffden.c (denunciations), ffid.c (identity copies), ffmrz.c (the
 * machine-readable zone), ffidcf.c (the fiscal code on identity copies)
 * and ffiddate.c (identity dates by law and by vote); fftext_int.h is what
 * they share.
 *
 * Failure policy: nothing here fails. A value is put into the document only
 * when its label or its shape was found; a value that fails its check
 * (IMEI Luhn, fiscal code check character, document number shape) after the
 * repairs of ffcode.c, or whose words were read with low confidence,
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
#include "ocr/fftext_int.h"
#include "ocr/freeform.h"

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

void fft_view_init(struct fview *v, const struct ff_text *t)
{
	const unsigned char *p = (const unsigned char *)t->text;
	size_t len = strlen(t->text), i = 0, n = 0;

	v->t = t;
	v->as_of = 0;
	v->mend = false;
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
int fft_view_today(const struct fview *v)
{
	char now[16];
	util_format_date(v->as_of > 0 ? v->as_of : util_now(), now, sizeof now);
	return atoi(now) * 10000 + atoi(now + 5) * 100 + atoi(now + 8);
}

void fft_view_free(struct fview *v)
{
	free(v->s);
	free(v->u);
	free(v->map);
}

bool fft_is_al(char c)
{
	return isalnum((unsigned char)c) != 0;
}

bool fft_is_blank(char c)
{
	return c == ' ' || c == '\n';
}

double fft_span_conf(const struct fview *v, size_t fs, size_t fe)
{
	double c = 1.0;
	if (!v->t->conf)
		return 1.0;
	for (size_t i = fs; i < fe && i < v->n; i++) {
		if (fft_is_blank(v->s[i]))
			continue;
		double x = v->t->conf[v->map[i]];
		if (x < c)
			c = x;
	}
	return c;
}

struct ocr_region fft_span_region(const struct fview *v, size_t fs, size_t fe)
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
char *fft_span_text(const struct fview *v, size_t fs, size_t fe)
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
const char *fft_alts_at(const struct fview *v, size_t i)
{
	if (!v->t->alts)
		return "";
	const char *a = v->t->alts[v->map[i]];
	return a ? a : "";
}

/* Which letters and digits of the span had a real contender (bit k: the
 * k-th of them; n: how many there are). */
unsigned long long fft_span_doubts(const struct fview *v, size_t fs, size_t fe, int *n)
{
	unsigned long long mask = 0;
	*n = 0;
	for (size_t i = fs; i < fe && i < v->n; i++) {
		if (!fft_is_al(v->s[i]))
			continue;
		if (v->t->doubt && v->t->doubt[v->map[i]] >= FF_MAX_DOUBT && *n < 64)
			mask |= 1ull << *n;
		(*n)++;
	}
	return mask;
}

/* True when Tesseract had a real contender for a letter or digit of the
 * span: a value nothing checks is then not to be trusted. */
bool fft_span_doubtful(const struct fview *v, size_t fs, size_t fe)
{
	int n;
	return fft_span_doubts(v, fs, fe, &n) != 0;
}

/* The page's reading of a value that a second look is for: its confidence,
 * and which of its n letters and digits had a contender. */
struct reading {
	double conf;
	unsigned long long doubts;
	int n;
	bool exact;	/* an identity number: the page's, no character mapped */
};

static bool second_look(const struct fview *v, const struct ocr_document *d, const char *name,
			const char *first, const struct reading *page, const struct ocr_region *r,
			char *out, size_t size, double *conf);

/* value_doubts: the contenders of an identity copy's number as its shape
 * sees them (fft_idnum_doubts), of any other value its letters' and digits'. */
static unsigned long long value_doubts(const struct fview *v, const struct ocr_document *d,
				       const char *name, size_t fs, size_t fe, int *n)
{
	if (d->type == OCR_DOC_IDENTITY && !strcmp(name, "number"))
		return fft_idnum_doubts(v, fs, fe, n);
	return fft_span_doubts(v, fs, fe, n);
}

/*
 * A report number's characters had a contender - leaving out its year
 * ("2026/...", ".../2026", ".../26") when that is the year of the report's
 * date, which says the same. An identity document's number: a contender
 * that its shape allows (fft_idnum_doubtful).
 */
bool fft_number_doubtful(const struct fview *v, const struct ocr_document *d, size_t fs,
			 size_t fe)
{
	const char *date = ocr_document_value(d, "date");
	const char *u = v->u;
	if (d->type == OCR_DOC_IDENTITY)
		return fft_idnum_doubtful(v, fs, fe);
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
		if (fft_report_number_shape(val)) {
			for (size_t i = fs; i < fe; i++)
				if (fft_is_al(v->s[i]) && v->t->doubt_like[v->map[i]] >= FF_MAX_DOUBT)
					return true;
			return false;
		}
	}
	return fft_span_doubtful(v, fs, fe);
}

/* The reason a caller gives for a value held for how it was read (a letter
 * read where a digit must stand...), as opposed to what it says. */
const char fft_read_doubt[] = "LOW_CONFIDENCE";

void fft_put(struct ocr_document *d, const struct fview *v, const char *name,
	     const char *value, size_t fs, size_t fe, double minconf, const char *reason,
	     double capconf)
{
	double c = fft_span_conf(v, fs, fe);
	struct ocr_region r = fft_span_region(v, fs, fe);
	struct ocr_field *f;

	if (capconf < c)
		c = capconf;
	/* held for how it was read (not for what it says): worth a second look */
	bool quality = reason && (reason == fft_read_doubt || strstr(reason, "CHECKSUM"));
	if (!reason && c < minconf) {
		reason = "LOW_CONFIDENCE";
		quality = true;
	}
	/* a document's number has no check of its own */
	static const char *const unchecked[] = { "number", NULL };
	for (const char *const *u = unchecked; !reason && *u; u++)
		if (!strcmp(name, *u) && fft_number_doubtful(v, d, fs, fe)) {
			reason = "LOW_CONFIDENCE";
			quality = true;
			if (c > 0.5)
				c = 0.5;
		}
	char second[64];
	double c2;
	struct reading page = { fft_span_conf(v, fs, fe), 0, 0, false };
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
		f->raw = fft_span_text(v, fs, fe);
	}
	if (reason) {
		if (!strcmp(reason, "LOW_CONFIDENCE"))
			ocr_document_add_reason(d, reason, name, "%s read with confidence %.2f",
						name, c);
		else
			ocr_document_add_reason(d, reason, name, "%s fails its check", name);
	}
}

/*
 * Matches pat at folded index i; returns the end index, or -1. Pattern
 * language: lower-case letters match either case, upper-case letters only
 * upper case; ' ' matches one or more blanks (none before punctuation);
 * '\'' an optional apostrophe with optional blanks; '.' an optional dot;
 * a trailing '*' drops the word boundary at the end.
 */
long fft_pmatch(const struct fview *v, size_t i, const char *pat)
{
	size_t j = i;
	char last = 0;
	bool prefix = false;

	if (fft_is_al(*pat) && i > 0 && fft_is_al(v->s[i - 1]))
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
			while (k < v->n && (fft_is_blank(v->s[k]) || (k > i && strchr(":;,.'\"|_", v->s[k])
								      && k + 1 < v->n && !fft_is_al(v->s[k + 1])
								      && v->s[k + 1] != '\n')))
				k++;
			while (k < v->n && fft_is_blank(v->s[k]))
				k++;
			if (k == j && j < v->n && fft_is_al(v->s[j]) && j > 0 && fft_is_al(v->s[j - 1]))
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
	if (!prefix && fft_is_al(last) && j < v->n && fft_is_al(v->s[j]))
		return -1;
	return (long)j;
}

/* First match of pat in [from, to); returns its start or -1, end in *end. */
long fft_pfind(const struct fview *v, size_t from, size_t to, const char *pat, size_t *end)
{
	if (to > v->n)
		to = v->n;
	for (size_t i = from; i < to; i++) {
		long e = fft_pmatch(v, i, pat);
		if (e >= 0) {
			if (end)
				*end = (size_t)e;
			return (long)i;
		}
	}
	return -1;
}

/* First match of any of pats (NULL-terminated); earliest start wins. */
long fft_pfind_any(const struct fview *v, size_t from, size_t to, const char *const *pats,
		   size_t *end)
{
	long best = -1;
	size_t bend = 0;
	for (; *pats; pats++) {
		size_t e;
		long s = fft_pfind(v, from, best >= 0 ? (size_t)best : to, *pats, &e);
		if (s >= 0 && (best < 0 || s < best)) {
			best = s;
			bend = e;
		}
	}
	if (best >= 0 && end)
		*end = bend;
	return best;
}

bool fft_has_any(const struct fview *v, const char *const *pats)
{
	return fft_pfind_any(v, 0, v->n, pats, NULL) >= 0;
}

size_t fft_line_start(const struct fview *v, size_t i)
{
	while (i > 0 && v->s[i - 1] != '\n')
		i--;
	return i;
}

size_t fft_line_end(const struct fview *v, size_t i)
{
	while (i < v->n && v->s[i] != '\n')
		i++;
	return i;
}

size_t fft_skip_blanks(const struct fview *v, size_t i)
{
	while (i < v->n && fft_is_blank(v->s[i]))
		i++;
	return i;
}

/* Skips blanks and the punctuation between a label and its value. */

/* Where the line of i begins, leaving out blanks and the specks read as
 * punctuation before it (-4b. 18-12-2031). */
size_t fft_line_lead(const struct fview *v, size_t i)
{
	i = fft_line_start(v, i);
	while (i < v->n && v->s[i] != '\n' && !fft_is_al(v->s[i]))
		i++;
	return i;
}

size_t fft_skip_sep(const struct fview *v, size_t i)
{
	while (i < v->n && (fft_is_blank(v->s[i]) || strchr(":.;=/|-_'\"()[]{}", v->s[i])))
		i++;
	return i;
}

static int score(const struct fview *v, const char *const *pats, int w)
{
	int s = 0;
	for (; *pats; pats++)
		if (fft_pfind(v, 0, v->n, *pats, NULL) >= 0)
			s += w;
	return s;
}

static const char *const den_title[] = { "DENUNCIA", "DENUNZIA", "QUERELA", NULL };

static const char *const den_strong[] = {
	"denuncia*", "denunzia", "verbale di ricezione", "verbale di denuncia", "querela", NULL
};

const char *const fft_den_authority[] = {
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
long fft_fuzzy_find(const struct fview *v, size_t from, size_t to, const char *pat, int maxerr,
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

bool fft_fuzzy_has(const struct fview *v, const char *pat, int maxerr)
{
	return fft_fuzzy_find(v, 0, v->n, pat, maxerr, NULL) >= 0;
}

/* A driving licence's categories (its field 9: AM/B1/B, the car
 * licence's; read AM/BWB, AM/1/B): a word that starts with AM/ and has a
 * second slash within the next four characters. No other page has it. */
bool fft_licence_categories(const struct fview *v)
{
	for (size_t i = 0; i + 3 < v->n; i++) {
		if ((i > 0 && fft_is_al(v->s[i - 1])) || v->u[i] != 'A' || v->u[i + 1] != 'M'
		    || v->u[i + 2] != '/')
			continue;
		for (size_t k = i + 3; k < v->n && k < i + 8 && v->s[k] != ' ' && v->s[k] != '\n'; k++)
			if (v->u[k] == '/')
				return true;
	}
	return false;
}

/* Lines of an identity document that only it has: the machine-readable
 * zone ("P<ITA...", "...<<<<"), a driving licence's numbered fields, its
 * categories. */
static int id_marks(const struct fview *v)
{
	int mrz = 0, numbered = 0;
	for (size_t ls = 0; ls < v->n; ls = fft_line_end(v, ls) + 1) {
		size_t le = fft_line_end(v, ls), a = fft_skip_blanks(v, ls);
		int lt = 0;
		for (size_t q = ls; q < le; q++)
			lt += v->s[q] == '<';
		if (lt >= 4)
			mrz++;
		static const char *const fields[] = { "1", "2", "3", "4a", "4b", "4c", "5", "9", NULL };
		for (const char *const *f = fields; *f; f++) {
			long e = fft_pmatch(v, a, *f);
			if (e >= 0 && (size_t)e < le && strchr(".,:;", v->s[e])) {
				numbered++;
				break;
			}
		}
	}
	return (mrz >= 2 ? 4 : mrz * 2) + (numbered >= 3 ? 3 : 0) + (fft_licence_categories(v) ? 4 : 0);
}

static enum ocr_doctype classify(const struct fview *v, bool *continuation)
{
	int den = score(v, den_title, 3) + score(v, den_strong, 3) + score(v, fft_den_authority, 2)
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
			if (fft_fuzzy_has(v, *p, 2)) {
				struct fdate dates[8];
				idn += 3;
				if (fft_find_dates(v, dates, ARRAY_SIZE(dates)) >= 2)
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
			nl += fft_fuzzy_has(v, *l, strlen(*l) >= 7 ? 1 : 0);
		idn += nl < 5 ? nl : 5;
		if (fft_fuzzy_has(v, "repubblica italiana", 3))
			idn += 1;
		if (fft_fuzzy_has(v, "copia conforme", 1))
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
	if (other == 0 && fft_has_any(v, cont_words) && !fft_has_any(v, id_title)
	    && fft_pfind_any(v, 0, v->n, den_title, NULL) < 0) {
		*continuation = true;
		return OCR_DOC_DENUNCIATION;
	}
	return OCR_DOC_UNKNOWN;
}

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
	return k < v2->n && (fft_is_al(v2->u[k]) || v2->u[k] == '\'') ? 0 : k;
}

/* Whether name is a report's free text: its authority, the make and model. */
static bool report_text(const struct ocr_document *d, const char *name)
{
	return d->type == OCR_DOC_DENUNCIATION
	       && (!strcmp(name, "authority") || !strcmp(name, "model"));
}

/*
 * A report's free text (its authority, the make and model) in a second
 * reading v2 of its region, read as the page's was (fft_den_text_at). Text
 * has no shape and no check: a reading is never sure by itself, only the
 * same (some confidence; alike: with a contender) or another value; a
 * reading den_* finds suspect (a misread letter's marks) says nothing.
 */
static enum look text_reading(const struct fview *v2, const char *name, const char *first,
			      struct reading *said)
{
	size_t fs, fe;
	const char *why;
	char *val = fft_den_text_at(v2, name, &fs, &fe, &why);

	if (!val)
		return LOOK_NONE;
	bool agree = !strcmp(val, first);
	free(val);
	if (!agree)
		return LOOK_OTHER;
	double c = fft_span_conf(v2, fs, fe);
	if (c < FF_MIN_CONF_SAME || why)
		return LOOK_NONE;
	said->conf = c;
	return fft_span_doubtful(v2, fs, fe) ? LOOK_ALIKE : LOOK_SAME;
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
	bool line = !strcmp(name, "line");
	enum look got = LOOK_NONE;
	bool other = false;

	if (report_text(d, name))
		return text_reading(v2, name, first, said);
	for (size_t i = 0; i < v2->n; i++) {
		char val[64];
		size_t fe = 0;
		double min = FF_MIN_CONF;
		if (i > 0 && fft_is_al(v2->s[i - 1]))
			continue;
		if (cf) {
			size_t pos[16];
			int mapped;
			/* a letter read as a digit where only a letter can stand (or
			 * the reverse) maps one way only; the check does the rest */
			if (!fft_cf_at(v2, i, val, pos, &mapped) || mapped > 2 || !ocr_check_fiscal_code(val)
			    || (mapped > 0 && fft_cf_twins(v2, val, pos)))
				continue;
			fe = pos[15] + 1;
			min = FF_MIN_CONF_CHECKED;
		} else if (imei) {
			size_t pos[15];
			int mapped;
			if (!isdigit((unsigned char)v2->u[i]) || !fft_imei_at(v2, i, val, pos, &fe, &mapped)
			    || mapped || !ocr_check_imei(val))
				continue;
			min = FF_MIN_CONF_CHECKED;
		} else if (date) {
			struct fdate dt;
			if (!fft_date_at(v2, i, &dt) || dt.forced)
				continue;
			snprintf(val, sizeof val, "%s", dt.iso);
			fe = dt.e;
		} else if (person) {
			fe = name_at(v2, i, first);
			if (!fe)
				continue;
			snprintf(val, sizeof val, "%s", first);
		} else if (line) {
			if (!fft_line_at(v2, i, val, sizeof val, &fe))
				continue;
		} else if (number && d->type == OCR_DOC_IDENTITY) {
			struct idnum num;
			if (!fft_idnum_at(v2, i, &num))
				continue;
			if (num.mapped) {
				/* the page's number with characters read as the
				 * other kind (B for 8 where a digit stands): the
				 * same strokes, but which they are the shape says,
				 * not the reading - those characters count as
				 * doubtful, the others as read (another value, or
				 * a blank inside, says nothing) */
				bool split;
				unsigned long long mapped = fft_idnum_mapped(v2, &num, &split);
				double c = fft_span_conf(v2, i, num.e);
				if (split || strcmp(num.val, first) || c < FF_MIN_CONF_SAME
				    || got >= LOOK_ALIKE)
					continue;
				got = LOOK_ALIKE;
				said->conf = c;
				said->doubts = fft_idnum_doubts(v2, i, num.e, &said->n) | mapped;
				continue;
			}
			snprintf(val, sizeof val, "%s", num.val);
			fe = num.e;
		} else if (number) {
			if (!fft_number_token(v2, i, &fe) || fe - i >= sizeof val)
				continue;
			snprintf(val, sizeof val, "%.*s", (int)(fe - i), v2->u + i);
			if (fft_ambiguous_mix(val) && !fft_province_number(val))
				continue;
		} else {
			return LOOK_NONE;
		}
		/* two readings that agree need less confidence of each */
		bool agree = !strcmp(val, first);
		if (agree && number && d->type == OCR_DOC_IDENTITY)
			said->exact = true;
		if (!cf && !imei && !agree) {
			other = true;
			continue;
		}
		if (agree && !person)
			min = FF_MIN_CONF_AGREED;
		double c = fft_span_conf(v2, i, fe);
		/* a checked value's check stands for the contenders; a date is
		 * taken as the page's reading would be (on confidence alone) */
		bool doubt = number ? fft_number_doubtful(v2, d, i, fe) : fft_span_doubtful(v2, i, fe);
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

	if (!fft_reading_open(rd, how, r, &t2, &v2))
		return LOOK_NONE;
	enum look got = scan_reading(&v2, d, name, first, out, size, conf, said);
	fft_reading_close(rd, &v2);
	return got;
}

/*
 * Whether the region of the value of name, read again in grey at twice the
 * size by the other model (read_grey: other pixels, other mistakes), says
 * the same value with some confidence (FF_MIN_CONF_SAME) and no contender
 * (alike false), or with contenders too (alike true): 1; another value, or
 * nothing: 0; no such reading to be had (a text parsed without its page):
 * -1.
 */
static int grey_reads(const struct fview *v, const struct ocr_document *d, const char *name,
		      bool alike)
{
	const struct ff_reader *rd = v->t->reread;
	const struct ocr_field *f = ocr_document_field(d, name);
	struct reading said = { 0, 0, 0, false };
	char out[64];
	double c = 0;

	if (!rd || !rd->read_grey || !f || f->region.w <= 0)
		return -1;
	return look_at(rd, rd->read_grey, d, name, f->value, &f->region, out, sizeof out, &c,
		       &said) >= (alike ? LOOK_ALIKE : LOOK_SAME);
}

int fft_grey_says(const struct fview *v, const struct ocr_document *d, const char *name)
{
	return grey_reads(v, d, name, false);
}

int fft_grey_alike(const struct fview *v, const struct ocr_document *d, const char *name)
{
	return grey_reads(v, d, name, true);
}

/*
 * An identity document's number as its own line read it (read_own: the
 * page's model, the ink of that line alone; read_own_grey: the other
 * model, in grey at twice the size): how each reading says the page's
 * value (scan_reading), and the first number of a shape it gives, with
 * the characters it holds in doubt (a contender, or read as the other
 * kind, as fft_idnum_in_reading gives them) and, of these, those read as
 * the other kind (mapped).
 */
struct own_look {
	enum look got;
	struct reading h;
	bool have;
	struct idnum num;
	unsigned long long doubts, mapped;
};

static void own_looks(const struct ff_reader *rd, const struct ocr_document *d, const char *first,
		      const struct ocr_region *r, struct own_look o[2])
{
	int (*const how[2])(void *, const struct ocr_region *, struct ff_text *) = {
		rd->read_own, rd->read_own_grey
	};
	for (int k = 0; k < 2; k++) {
		struct ff_text t2;
		struct fview v2;
		char out[64];
		double c, nc;
		o[k] = (struct own_look){ LOOK_NONE, { 0, 0, 0, false }, false, { "", 0, 0, 0, NULL }, 0, 0 };
		if (!how[k] || !fft_reading_open(rd, how[k], r, &t2, &v2))
			continue;
		o[k].got = scan_reading(&v2, d, "number", first, out, sizeof out, &c, &o[k].h);
		o[k].have = fft_idnum_in_reading(&v2, &o[k].num, &o[k].doubts, &o[k].mapped, &nc);
		fft_reading_close(rd, &v2);
	}
}

/*
 * The number both readings of its own line give alike (own_looks), of the
 * page's number's shape: another than the page's, with no character
 * mapped to the other kind in either - the page's reading, in the page's
 * layout, is the one that misread; or the page's, when no place is in
 * doubt in both (a contender, or mapped) but for a place that both read as
 * the other kind (a licence's last letter read 0 three times: O). On six
 * seeds of build/mkfax's identity copies 128 held numbers were read alike
 * so: the 15 read otherwise than the page all right; of the 113 read as
 * the page, the 3 wrong ones (BG4972466Y for BG4072466Y) each had a place
 * in doubt in both readings that was no mapped one - two models may share
 * a misread where both hesitate - and the 7 whose only such places were
 * mapped in both (PD0708791O, VR5936000I, CD48645OT...) all right.
 */
static bool number_own_pair(const struct own_look o[2], const char *first, char *out, size_t size)
{
	if (!o[0].have || !o[1].have || strcmp(o[0].num.val, o[1].num.val)
	    || !fft_of_shape(first, o[0].num.shape))
		return false;
	unsigned long long both = o[0].doubts & o[1].doubts;
	if (strcmp(o[0].num.val, first) ? o[0].num.mapped || o[1].num.mapped
					 : (both & ~(o[0].mapped & o[1].mapped)) != 0)
		return false;
	snprintf(out, size, "%s", o[0].num.val);
	return true;
}

/*
 * An identity document's number that the page, its own line read again
 * and its grey copies read alike, none of them otherwise: the page's own
 * model reads the line on its own, as printed and in grey (o, own_looks),
 * besides the other model's readings one and two (h1, h2), and on a page
 * received at normal resolution the other model reads it from the page's
 * grey (read_page_grey). Taken when three readings at least say it (the
 * page and two of the others), with some confidence each, and each
 * character read without a contender by two of them at least.
 */
static bool number_outvoted(const struct ff_reader *rd, const struct ocr_document *d,
			    const char *first, const struct reading *page,
			    const struct ocr_region *r, enum look one, const struct reading *h1,
			    enum look two, const struct reading *h2, const struct own_look o[2])
{
	struct reading h[5] = { *h1, *h2, o[0].h, o[1].h, { 0, 0, 0, false } };
	enum look got[5] = { one, two, o[0].got, o[1].got, LOOK_NONE };
	char out[64];
	double c;

	if (!rd->read_own || !rd->read_own_grey || page->conf < FF_MIN_CONF_SAME)
		return false;
	if (got[2] == LOOK_OTHER || got[3] == LOOK_OTHER)
		return false;
	if (rd->read_page_grey)
		got[4] = look_at(rd, rd->read_page_grey, d, "number", first, r, out, sizeof out, &c,
				 &h[4]);
	if (got[4] == LOOK_OTHER)
		return false;
	bool said[5];
	int says = 0;
	for (int k = 0; k < 5; k++) {
		/* a sure reading (of the same value: a number's only) has no contender */
		if (got[k] == LOOK_SURE)
			h[k].n = page->n, h[k].doubts = 0;
		said[k] = got[k] >= LOOK_ALIKE && h[k].n == page->n;
		says += said[k];
	}
	if (says < 2)
		return false;
	/* four readings, both models' of the region and of its line, read
	 * the page's number as it is (none another): the places where each
	 * hesitated are read alike by all five. On 1020 identity copies of
	 * build/mkfax (nine seeds, fresh samples A and B) this takes 21
	 * held numbers, all right; of the held numbers the page and two or
	 * three of the readings read alike, none another, 6 of 33 were
	 * wrong. */
	int exact = 0;
	for (int k = 0; k < 5; k++)
		exact += h[k].exact;
	if (exact >= 4)
		return true;
	for (int q = 0; q < page->n && q < 64; q++) {
		int sure = !(page->doubts >> q & 1);
		for (int k = 0; k < 5; k++)
			sure += said[k] && !(h[k].doubts >> q & 1);
		if (sure < 2)
			return false;
	}
	return true;
}

/* A number the third model read on a line (number_third_says), with the
 * characters it held in doubt, for the vote of all readings after it
 * (number_all_say); have false: none read. */
struct third_look {
	bool have;
	struct idnum num;
	unsigned long long doubts;
};

/*
 * An identity document's number still in doubt after the two models: its
 * own line read by a third model, trained on many languages of the Latin
 * script (read_third, then read_third_grey when that says nothing so): a
 * number of the page's number's shape that it reads without a doubt (no
 * contender, no character of the other kind), which the page or one of its
 * own line's readings (o) reads too, is the number. On 1020 identity copies
 * of build/mkfax (nine seeds, fresh samples A and B) this took 25 numbers
 * held before, all right, and said 29 taken by later rules as they were
 * taken; with doubts allowed where only one of the third model's readings
 * had them, one wrong (YQ8946421: the second model and the third shared a
 * misread 6, the page hesitating there). The readings it took go to t.
 */
static bool number_third_says(const struct ff_reader *rd, const char *first,
			      const struct ocr_region *r, const struct own_look o[2], char *out,
			      size_t size, struct third_look t[2])
{
	int (*const how[2])(void *, const struct ocr_region *, struct ff_text *) = {
		rd->read_third, rd->read_third_grey
	};
	t[0].have = t[1].have = false;
	for (int k = 0; k < 2; k++) {
		double c;
		t[k].doubts = 0;
		t[k].have = fft_idnum_read_by(rd, how[k], r, &t[k].num, &t[k].doubts, NULL, &c);
		if (!t[k].have || t[k].doubts || !fft_of_shape(first, t[k].num.shape))
			continue;
		bool seconded = !strcmp(t[k].num.val, first);
		for (int q = 0; q < 2; q++)
			seconded |= o[q].have && !strcmp(t[k].num.val, o[q].num.val);
		if (seconded) {
			snprintf(out, size, "%s", t[k].num.val);
			return true;
		}
	}
	return false;
}

/*
 * An identity document's number that five readings by three models say
 * alike: the page's, its own line's by the page's model and by the other
 * in grey (o), and by the third, as printed and in grey (t) - none of them
 * without it, each of its characters but one at most read without a
 * contender by one of them at least. On 1020 identity copies of
 * build/mkfax (nine seeds, samples A and B) 55 numbers were so read with
 * no such character, all right, 11 of them held after the rules before
 * this one; with four readings of the five, one wrong (VP2480747: Y read V
 * by four). Of the numbers the five read alike still held after that, 5
 * had one character every reading contended, 3 two and one three, all
 * right: one is allowed (4 more taken).
 */
static bool number_all_say(const char *first, const struct reading *page,
			   const struct own_look o[2], const struct third_look t[2])
{
	unsigned long long everywhere = page->doubts;
	for (int k = 0; k < 2; k++) {
		if (!o[k].have || strcmp(o[k].num.val, first) || !t[k].have
		    || strcmp(t[k].num.val, first))
			return false;
		everywhere &= o[k].doubts & t[k].doubts;
	}
	return (everywhere & (everywhere - 1)) == 0;
}

/*
 * An identity copy's date that neither model's reading of its own line
 * says otherwise, nor settles (or a report's line, number or date, its
 * region read again): the third model's reading of that line, as
 * printed and then in grey, says it as the page does, surely (LOOK_SURE of
 * the same date: read with 0.80 or more) or without a contender
 * (LOOK_SAME). On 1020 identity copies of
 * build/mkfax (nine seeds, samples A and B) this took 15 dates held
 * before, all right; taken also where the other model read another date,
 * it took a wrong birth year (1954 for 1964, page 1584: the page and the
 * third model shared the misread 5).
 */
static bool value_third_says(const struct ff_reader *rd, const struct ocr_document *d,
			    const char *name, const char *first, const struct ocr_region *r)
{
	int (*const how[2])(void *, const struct ocr_region *, struct ff_text *) = {
		rd->read_third, rd->read_third_grey
	};
	for (int k = 0; k < 2; k++) {
		struct reading h = { 0, 0, 0, false };
		char out[64] = "";
		double c = 0;
		enum look got = look_at(rd, how[k], d, name, first, r, out, sizeof out, &c, &h);
		if (got == LOOK_SAME || (got == LOOK_SURE && !strcmp(out, first)))
			return true;
	}
	return false;
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
 * under its dates); its number, when these do not settle it, is voted
 * with its own line's readings too (number_outvoted); either, still in
 * doubt, is read by a third model (number_third_says, value_third_says).
 */
static bool second_look(const struct fview *v, const struct ocr_document *d, const char *name,
			const char *first, const struct reading *page, const struct ocr_region *r,
			char *out, size_t size, double *conf)
{
	const struct ff_reader *rd = v->t->reread;
	double c1 = 0, c2 = 0;
	struct reading h1 = { 0, 0, 0, false }, h2 = { 0, 0, 0, false };

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
	 * page and the grey copy may share a misread digit) - but for an
	 * identity copy's number, read on its own line by both models alike */
	bool idnum = d->type == OCR_DOC_IDENTITY && !strcmp(name, "number") && rd->read_own
		     && rd->read_own_grey;
	struct own_look o[2];
	if (one == LOOK_OTHER) {
		if (!idnum)
			return false;
		own_looks(rd, d, first, r, o);
		*conf = FF_MIN_CONF_AGREED;
		return number_own_pair(o, first, out, size);
	}
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
	/* an identity copy's date that both readings of its own line, one by
	 * each model, read as the page does, each with contenders even where
	 * the others had theirs: on 1020 identity copies of build/mkfax (nine
	 * seeds, fresh samples A and B) all 57 dates so read were right, 16
	 * of them held before this (11 taken; the others held by later
	 * rules) */
	bool own_alike = own && one >= LOOK_ALIKE && two >= LOOK_ALIKE
			 && page->conf >= FF_MIN_CONF_SAME;
	/* a report's authority, model, number or date that both readings say
	 * as the page does, contenders or not (text_reading for the text): on
	 * 1020 denunciations of build/mkfax, authorities trusted 515 -> 912
	 * and models 211 -> 674 (with den_model_at's makes and variants),
	 * report numbers 969 -> 985, dates 1996 -> 2000, none of them wrong -
	 * the numbers so read that were misread (RM61150/2026 for ...58) the
	 * grey reading gave otherwise. Not a line: 6 more right, 1 wrong (49:
	 * a digit misread alike by all three) */
	bool report_alike = (report_text(d, name)
			     || (d->type == OCR_DOC_DENUNCIATION
				 && (!strcmp(name, "number") || !strcmp(name, "date")
				     || !strcmp(name, "event_date"))))
			    && one >= LOOK_ALIKE && two >= LOOK_ALIKE;
	if ((one == LOOK_SAME && two == LOOK_SAME) || alike || own_alike || report_alike) {
		snprintf(out, size, "%s", first);
		*conf = FF_MIN_CONF_AGREED;
		return true;
	}
	/* with the page's confidence, which the rules after weigh (a birth
	 * date off the day of an expiry read with 0.5 or more is held); a
	 * report's line, number or date the same way (1020 denunciations of
	 * build/mkfax: 4 dates and 4 lines held before, all right, nothing
	 * else changed) */
	bool report_value = d->type == OCR_DOC_DENUNCIATION
			    && (!strcmp(name, "line") || !strcmp(name, "number")
				|| !strcmp(name, "date") || !strcmp(name, "event_date"));
	if ((own || report_value) && two != LOOK_OTHER && value_third_says(rd, d, name, first, r)) {
		snprintf(out, size, "%s", first);
		*conf = page->conf > FF_MIN_CONF_AGREED ? page->conf : FF_MIN_CONF_AGREED;
		return true;
	}
	if (!idnum)
		return false;
	own_looks(rd, d, first, r, o);
	*conf = FF_MIN_CONF_AGREED;
	if (two != LOOK_OTHER && number_outvoted(rd, d, first, page, r, one, &h1, two, &h2, o)) {
		snprintf(out, size, "%s", first);
		return true;
	}
	if (number_own_pair(o, first, out, size))
		return true;
	/* the third model does not outvote a reading of the region that
	 * said another number, as it does not where the first one did (on
	 * 1020 identity copies of build/mkfax: BG4972466Y, AQ0922616 - the
	 * other model's grey reading right, the third sharing the page
	 * model's misread) */
	if (two == LOOK_OTHER)
		return false;
	struct third_look t[2];
	if (number_third_says(rd, first, r, o, out, size, t))
		return true;
	if (!number_all_say(first, page, o, t))
		return false;
	snprintf(out, size, "%s", first);
	return true;
}

enum ocr_doctype ff_parse_as_of(const struct ff_text *t, time_t as_of, struct ocr_document *out,
			       bool *continuation)
{
	struct fview v;
	enum ocr_doctype type;

	fft_view_init(&v, t);
	v.as_of = as_of;
	type = classify(&v, continuation);
	ocr_document_init(out, type);
	out->npages = 1;
	switch (type) {
	case OCR_DOC_DENUNCIATION:
		fft_parse_denunciation(out, &v);
		break;
	case OCR_DOC_IDENTITY:
		fft_parse_identity(out, &v);
		break;
	default:
		ocr_document_add_reason(out, "UNKNOWN_DOCUMENT", NULL,
					"neither a form, a denunciation nor an identity document");
		break;
	}
	fft_view_free(&v);
	return type;
}

enum ocr_doctype ff_parse(const struct ff_text *t, struct ocr_document *out, bool *continuation)
{
	return ff_parse_as_of(t, 0, out, continuation);
}

int ocr_freeform_parse_text(const char *text, struct ocr_document *out)
{
	struct ff_text t = { text ? text : "", NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0 };
	bool cont;
	return (int)ff_parse(&t, out, &cont);
}

bool ocr_freeform_is_continuation(const char *text)
{
	struct ff_text t = { text ? text : "", NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0 };
	struct fview v;
	bool cont;

	fft_view_init(&v, &t);
	classify(&v, &cont);
	fft_view_free(&v);
	return cont;
}
