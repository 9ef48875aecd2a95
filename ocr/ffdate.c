/*
 * ffdate - the dates of a free-form page's text (part of the free-form
 * text reader, ocr/fftext.c): numeric (dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy)
 * and written ("20 novembre 2026", "addi 20 novembre 2026"), each with
 * the span it came from and the label or wording before it that says
 * which date it is.
 *
 * Failure policy: nothing here fails. An impossible date (31 February, a
 * month 13) is not a date; a date is only ever found, never guessed.
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

/* q as the number yyyymmdd, which orders dates as the calendar does. */
int fft_fdate_key(const struct fdate *q)
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

/*
 * A day or a month that no calendar has, one of its two digits misread as
 * a digit of like strokes: a day's tens (35, 43, 69, 83, 92 for 15, 13,
 * 09, 03, 02), a month's tens (21, 42, 65, 91 for 11, 12, 05, 01) or its
 * units past 12 (13, 14, 18, 19 for 11, 11, 10, 10). Mends the one of the
 * two that is wrong (not both, not a 00): a 2, 3 or 4 stands for a 1, a
 * 6, 8 or 9 for a 0 (a 5 or a 7 for nothing), and says so:
 * such a date is a guess, held until another reading says it, and only a
 * view that asks (fview's mend: an identity copy's last resort) reads it.
 * On the texts of 1020 identity copies of build/mkfax, of the 75 dates so
 * mended that were one digit off the holder's birth date or the expiry,
 * all 75 were that day.
 */
static bool day_month_mended(int *d, int *m)
{
	/* the digit a misread digit stands for, by index; -1: none */
	static const int like[10] = { -1, -1, 1, 1, 1, -1, 0, -1, 0, 0 };
	bool bad_d = *d < 1 || *d > 31, bad_m = *m < 1 || *m > 12;
	if (bad_d == bad_m || *d == 0 || *m == 0)
		return false;
	if (bad_d) {
		int t = like[*d / 10 % 10], nd = t * 10 + *d % 10;
		if (*d > 99 || t < 0 || nd < 1)
			return false;
		*d = nd;
		return true;
	}
	int t = *m / 10, u = *m % 10, nm = -1;
	if (*m > 99)
		return false;
	if (t >= 2 && like[t] >= 0)
		nm = like[t] * 10 + u;
	else if (t == 1 && like[u] >= 0)
		nm = 10 + like[u];
	if (nm < 1 || nm > 12)
		return false;
	*m = nm;
	return true;
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

/*
 * A year of four digits at *i (read_num), or one the OCR split in two at
 * its middle ("16.09.20 34", "09/02/20 37": a gap in the print taken for a
 * blank): 19 or 20 in digits as read, one blank, two digits that end the
 * word. The number or -1; a year so read is *forced (a page that split it
 * misread its day or month as often: seed 601 page 670, 20-04-20 30 for
 * 26-04-2030).
 */
static int read_year(const struct fview *v, size_t *i, bool *forced)
{
	size_t k = *i;
	int y = read_num(v, &k, 4, 4, forced);
	if (y >= 0) {
		*i = k;
		return y;
	}
	k = *i;
	if (k + 5 > v->n || v->s[k + 2] != ' ')
		return -1;
	for (int c = 0; c < 5; c++)
		if (c != 2 && !isdigit((unsigned char)v->u[k + c]))
			return -1;
	if (k + 5 < v->n && fft_is_al(v->s[k + 5]))
		return -1;
	int hi = (v->u[k] - '0') * 10 + (v->u[k + 1] - '0');
	if (hi != 19 && hi != 20)
		return -1;
	*i = k + 5;
	*forced = true;
	return hi * 100 + (v->u[k + 3] - '0') * 10 + (v->u[k + 4] - '0');
}

/* Fills out when y-m-d is a real day of a plausible year (check.h's ISO check). */
bool fft_date_fill(struct fdate *out, size_t s, size_t e, int y, int m, int d, bool forced,
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
	out->mended = false;
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
int fft_month_at(const struct fview *v, size_t i, size_t *end)
{
	size_t we = i;
	int found = -1;
	for (int m = 0; m < 12; m++) {
		long e = fft_pmatch(v, i, months[m]);
		if (e >= 0) {
			*end = (size_t)e;
			return m + 1;
		}
	}
	if (i > 0 && fft_is_al(v->s[i - 1]))
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
bool fft_dmy_chars_at(const struct fview *v, size_t i, const char *seps, bool any,
		      char out[9], size_t *end)
{
	size_t k = i, n = 0;

	for (int p = 0; p < 3; p++) {
		for (int c = 0; c < (p < 2 ? 2 : 4); c++, k++) {
			if (k >= v->n || !(any ? fft_is_al(v->s[k]) : isdigit((unsigned char)v->u[k])))
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
	if (k < v->n && (any ? fft_is_al(v->s[k]) : isdigit((unsigned char)v->u[k])))
		return false;
	*end = k;
	return true;
}

/* dd mm yyyy at i as read: digits only (no letter for a digit, the year
 * not followed by another), separated by seps. */
bool fft_dmy_at(const struct fview *v, size_t i, const char *seps, char digits[9], size_t *end)
{
	return fft_dmy_chars_at(v, i, seps, false, digits, end);
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

	if (!fft_dmy_at(v, i, ",.:; ", dg, &k))
		return false;
	return fft_date_fill(out, i, k, atoi(dg + 4), (dg[2] - '0') * 10 + (dg[3] - '0'),
			     (dg[0] - '0') * 10 + (dg[1] - '0'), false, D_NONE);
}

static bool strict_date_at(const struct fview *v, size_t i, struct fdate *out);

/* A date starting at i (dd/mm/yyyy and kin, "d monthname yyyy"). */
bool fft_date_at(const struct fview *v, size_t i, struct fdate *out)
{
	if (i > 0 && fft_is_al(v->s[i - 1]))
		return false;
	return strict_date_at(v, i, out) || loose_date_at(v, i, out);
}

static bool strict_date_at(const struct fview *v, size_t i, struct fdate *out)
{
	bool forced = false, mended = false;
	size_t j = i;
	int d, m, y;

	if (i > 0 && fft_is_al(v->s[i - 1]))
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
		return fft_date_fill(out, i, k, y, m, d, forced, D_NONE);
	}
	/* the separators as noise left them - a blank before one ("13 - 11-2031",
	 * "18 -05-2028"), one read twice about a blank ("13- 06- -2033"), or
	 * the second dash or slash lost ("24-12 2033"; a dot lost is
	 * loose_date_at's): the digits stand where dd mm yyyy has them, but
	 * such a date is forced, held until another reading says it */
	bool noisy = false;
	if (j + 2 < v->n && v->s[j] == ' ' && strchr("/-.", v->s[j + 1]) && v->s[j + 1]
	    && (v->s[j + 2] == ' ' || isdigit((unsigned char)v->u[j + 2]))) {
		noisy = true;
		j++;
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
		bool lost = sep2 == ' ' && strchr("/-", sep) && k + 1 < v->n
			    && isdigit((unsigned char)v->u[k + 1]);
		if (sep2 != sep && !dots && !lost)
			return false;
		if (sep2 == sep && !strchr("/-.", sep))
			return false;
		noisy = noisy || lost;
		k++;
		k += twin_sep(v, k, sep2);
		if (k + 2 < v->n && v->s[k] == ' ' && v->s[k + 1] == sep2 && sep2 != ' '
		    && isdigit((unsigned char)v->u[k + 2])) {
			noisy = true;
			k += 2;
		}
		if (k + 1 < v->n && v->s[k] == ' ' && isdigit((unsigned char)v->u[k + 1]))
			k++;
		y = read_year(v, &k, &forced);
		if (y < 0)
			return false;
		/* a date read clean but for the day or month no calendar has */
		mended = v->mend && !forced && !noisy && day_month_mended(&d, &m);
		forced = forced || noisy || mended;
		j = k;
	} else {
		size_t k = j;
		if (k < v->n && v->s[k] == '.')	/* 1° */
			k++;
		if (k >= v->n || v->s[k] != ' ')
			return false;
		k = fft_skip_blanks(v, k);
		m = fft_month_at(v, k, &k);
		if (m < 0 || k >= v->n || !fft_is_blank(v->s[k]))
			return false;
		k = fft_skip_blanks(v, k);
		y = read_num(v, &k, 4, 4, &forced);
		if (y < 0)
			return false;
		j = k;
	}
	if (!fft_date_fill(out, i, j, y, m, d, forced, D_NONE))
		return false;
	out->mended = mended;
	return true;
}

/* "l'anno 2026, addì 20 del mese di novembre" (the style of many reports). */

/* "addi' 20 del mese di novembre", "giorno 20 del mese di novembre" at i:
 * the day and month, the end in *end, the day's digits from *ds. */
bool fft_day_month_at(const struct fview *v, size_t i, int *d, int *m, size_t *ds, size_t *end,
		      bool *forced)
{
	size_t k;

	if (fft_pmatch(v, i, "giorno") < 0 && fft_pmatch(v, i, "addi") < 0)
		return false;
	k = (size_t)(fft_pmatch(v, i, "giorno") >= 0 ? fft_pmatch(v, i, "giorno") : fft_pmatch(v, i, "addi"));
	k = fft_skip_sep(v, k);	/* addi' 20 */
	*ds = k;
	*d = read_num(v, &k, 1, 2, forced);
	if (*d < 0)
		return false;
	long x = fft_pmatch(v, fft_skip_blanks(v, k), "del mese di");
	if (x < 0)
		return false;
	k = fft_skip_blanks(v, (size_t)x);
	*m = fft_month_at(v, k, end);
	return *m > 0;
}

bool fft_long_date_at(const struct fview *v, size_t i, struct fdate *out)
{
	size_t e, ds;
	bool forced = false;
	int d, m, y = -1;

	if (!fft_day_month_at(v, i, &d, &m, &ds, &e, &forced))
		return false;
	/* the year: "l'anno 2026" before, or "dell'anno 2026" / "2026" after */
	size_t from = i > 120 ? i - 120 : 0, ye;
	long a = fft_pfind(v, from, i, "anno", &ye);
	if (a >= 0) {
		size_t q = fft_skip_sep(v, ye);
		y = read_num(v, &q, 4, 4, &forced);
	}
	if (y < 0) {
		size_t q = fft_skip_sep(v, e);
		long b = fft_pmatch(v, q, "dell'anno");
		if (b >= 0)
			q = fft_skip_blanks(v, (size_t)b);
		size_t q0 = q;
		y = read_num(v, &q, 4, 4, &forced);
		if (y >= 0)
			e = q;
		else
			q = q0;
	}
	return y >= 0 && fft_date_fill(out, i, e, y, m, d, forced, D_DOC);
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
enum dkind fft_nearest_kind(const struct fview *v, size_t from, size_t to)
{
	enum dkind k = D_NONE;
	size_t bestend = 0;
	bool found = false;
	for (size_t i = from; i < to; i++) {
		for (size_t w = 0; w < ARRAY_SIZE(date_words); w++) {
			long e = fft_pmatch(v, i, date_words[w].pat);
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

/* The kinds (a bit per enum dkind) of the identity date words (birth,
 * issue, expiry) that start in [from, to). */
unsigned fft_id_date_kinds(const struct fview *v, size_t from, size_t to)
{
	unsigned kinds = 0;
	for (size_t q = from; q < to; q++)
		for (size_t w = 0; w < ARRAY_SIZE(date_words); w++)
			if (date_words[w].kind >= D_BIRTH && fft_pmatch(v, q, date_words[w].pat) >= 0)
				kinds |= 1u << date_words[w].kind;
	return kinds;
}

/* The kind of the first event or report keyword in [from, to). */
enum dkind fft_first_kind_after(const struct fview *v, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		struct fdate dt;
		if (fft_date_at(v, i, &dt))
			return D_NONE;
		for (size_t w = 0; w < ARRAY_SIZE(date_words); w++) {
			enum dkind k = date_words[w].kind;
			if ((k == D_EVENT || k == D_DOC) && fft_pmatch(v, i, date_words[w].pat) >= 0)
				return k;
		}
	}
	return D_NONE;
}

/* "Milano, 20/11/2026": a place and a comma before the date on its line. */
bool fft_place_before(const struct fview *v, const struct fdate *dt)
{
	size_t ls = fft_line_start(v, dt->s), i = dt->s;
	while (i > ls && fft_is_blank(v->s[i - 1]))
		i--;
	/* "Milano, li 20/11/2026" ("li" alone is also a misread "Il") */
	if (i >= ls + 2 && v->s[i - 1] == 'i' && v->s[i - 2] == 'l'
	    && (i == ls + 2 || !fft_is_al(v->s[i - 3]))) {
		i -= 2;
		while (i > ls && fft_is_blank(v->s[i - 1]))
			i--;
	}
	if (i == ls || v->s[i - 1] != ',')
		return false;
	for (size_t k = ls; k + 1 < i; k++)
		if (!isalpha((unsigned char)v->s[k]) && !strchr(" '.()-", v->s[k]))
			return false;
	return i - ls >= 3;
}

/* The page's first line with a letter or a digit starts at ls. */
static bool first_line(const struct fview *v, size_t ls)
{
	for (size_t i = 0; i < ls; i++)
		if (fft_is_al(v->s[i]))
			return false;
	return true;
}

/* "26/11/2026 10:15 FROM ...": the band the sending fax machine prints
 * (a date that opens its line, then the time) is not the document's; nor
 * is the date and time of the page's first line after a speck or two read
 * as letters ("va 26/11/2026 10:15": seed 1801 page 1913's licence took
 * that date for its expiry), nor the date that opens the page's first line
 * broken before its time's end ("26/11/2026 1" / "Q:15 FROM +39...": a
 * report whose own date was lost took it) - its FROM on that line or the
 * next. */
bool fft_fax_header(const struct fview *v, const struct fdate *dt)
{
	size_t i = fft_skip_blanks(v, dt->e), ls = fft_line_start(v, dt->s);
	bool opens = fft_skip_blanks(v, ls) == dt->s;
	if (!opens && dt->s - ls <= 5 && first_line(v, ls)) {
		opens = true;
		for (size_t k = ls; k < dt->s; k++)
			opens = opens && !isdigit((unsigned char)v->s[k]);
	}
	if (opens && first_line(v, ls)) {
		size_t le = fft_line_end(v, dt->e);
		size_t to = le < v->n ? fft_line_end(v, le + 1) : le;
		for (size_t k = dt->e; k + 5 <= to; k++)
			if (!strncmp(v->s + k, "from ", 5))
				return true;
	}
	if (!opens || i == dt->e)
		return false;
	return i + 5 <= v->n && isdigit((unsigned char)v->u[i]) && isdigit((unsigned char)v->u[i + 1])
	       && v->u[i + 2] == ':' && isdigit((unsigned char)v->u[i + 3])
	       && isdigit((unsigned char)v->u[i + 4]);
}

size_t fft_find_dates(const struct fview *v, struct fdate *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n && n < max; i++) {
		struct fdate dt;
		if (!fft_long_date_at(v, i, &dt) && !fft_date_at(v, i, &dt))
			continue;
		if (fft_fax_header(v, &dt)) {
			i = dt.e;
			continue;
		}
		/* what stands before the date on its line and the line before
		 * (not a heading in capitals, not past the previous date) */
		size_t from = n ? out[n - 1].e : 0, ls = fft_line_start(v, dt.s);
		if (dt.s > from + 80)
			from = dt.s - 80;
		if (ls > 0) {
			size_t pls = fft_line_start(v, ls - 1);
			bool caps = true;
			for (size_t q = pls; q < ls; q++)
				if (islower((unsigned char)v->u[q]))
					caps = false;
			if (caps && from < ls)
				from = ls;
			else if (from < pls)
				from = pls;
		}
		enum dkind k = fft_nearest_kind(v, from, dt.s);
		if (dt.kind == D_DOC && k != D_EVENT)
			k = D_DOC;
		if (fft_place_before(v, &dt))
			k = D_DOC;
		if (k == D_NONE) {
			/* "In data 18/11/2026 ... mi è stato rubato": look ahead a little */
			size_t to = dt.e + 70 < v->n ? dt.e + 70 : v->n;
			k = fft_first_kind_after(v, dt.e, to);
		}
		dt.kind = k;
		out[n++] = dt;
		i = dt.e;
	}
	return n;
}
