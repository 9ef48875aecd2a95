/*
 * ffcode - codes in a free-form page's text (part of the free-form text
 * reader, ocr/fftext.c): fiscal codes and values of a fixed shape, with
 * the repairs the file comment of ocr/fftext.c allows (a letter where only
 * a digit can stand or the reverse, one of Tesseract's own alternatives)
 * and the readings that let a held value be read again.
 *
 * Failure policy: nothing here fails. A repaired value must pass its check
 * and be the only candidate that does; otherwise it is kept with a reason.
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

char fft_letter_for(char c)
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
	case ']': case ')': case '}': return 'J';
	default: return isalpha((unsigned char)c) ? (char)toupper((unsigned char)c) : 0;
	}
}

char fft_digit_for(char c)
{
	switch (c) {
	case 'O': case 'o': case 'D': case 'Q': case '@': return '0';
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
const char *fft_sign_alikes(const struct fview *v, size_t i)
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
bool fft_shape_ok(char cls, char c)
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
int fft_fit_shape(const struct fview *v, const size_t *pos, size_t n, const char *shape,
		  char *out)
{
	int mapped = 0;
	for (size_t i = 0; i < n; i++) {
		char c = v->u[pos[i]], cls = shape[i], r;
		const char *sign = fft_sign_alikes(v, pos[i]);
		if (sign) {
			/* a sign for a letter is a letter mapped (its digit where
			 * the shape wants one: $ for S for 5) */
			r = cls == 'L' ? sign[0] : fft_digit_for(sign[0]);
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
			r = fft_shape_ok('C', (char)toupper((unsigned char)c)) ? (char)toupper((unsigned char)c) : 0;
		if (!r || !fft_shape_ok(cls, r)) {
			r = cls == 'L' ? fft_letter_for(c) : fft_digit_for(c);
			if (!r || !fft_shape_ok(cls == 'C' ? 'D' : cls, r))
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
int fft_repair_alts(const struct fview *v, char *val, const size_t *pos, size_t n,
		    const char *shape, bool (*check)(const char *))
{
	char cand[32], found[32];
	int nfound = 0;

	if (n >= sizeof cand)
		return 0;
	for (size_t i = 0; i < n; i++) {
		for (const char *a = fft_alts_at(v, pos[i]); *a; a++) {
			char c = (char)toupper((unsigned char)*a);
			if (c == val[i] || !fft_shape_ok(shape[i], c))
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

const char fft_cf_shape[] = "LLLLLLCCLCCLCCCL";

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
		if (fft_cf_shape[i] != 'C' || isdigit((unsigned char)val[i]))
			continue;
		char dg = fft_digit_for(val[i]);
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
 * (fft_fit_shape maps them, the check decides). */
bool fft_cf_char(char c)
{
	return fft_is_al(c) || c == '|' || c == '!';
}

/* A fiscal code at folded index i (16 alphanumerics, a word of its own). */
bool fft_cf_at(const struct fview *v, size_t i, char out[17], size_t pos[16], int *mapped)
{
	size_t j = i;
	int speck = 0;
	if (i > 0 && fft_is_al(v->s[i - 1]))
		return false;
	for (size_t k = 0; k < 16; k++, j++) {
		/* a speck read as a dot between two of its characters
		 * (DSNL.SS71...), counted as a character mapped */
		if (k && !speck && j + 1 < v->n && v->s[j] == '.' && fft_cf_char(v->s[j + 1]))
			j++, speck = 1;
		if (j >= v->n || !(k ? fft_cf_char(v->s[j]) || fft_sign_alikes(v, j) : fft_is_al(v->s[j])))
			return false;
		pos[k] = j;
	}
	if (j < v->n && fft_is_al(v->s[j]))
		return false;
	*mapped = fft_fit_shape(v, pos, 16, fft_cf_shape, out);
	if (*mapped >= 0)
		*mapped += speck;
	return *mapped >= 0 && *mapped <= 3;
}

/* Counts cand among the passing repairs of a fiscal code (found: the last
 * one taken); the callers want exactly one. */
void fft_cf_candidate(const char cand[17], char found[17], int *nfound)
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
				if (*c == val[i] || !fft_shape_ok(fft_cf_shape[i], *c))
					continue;
				memcpy(cand, val, 17);
				cand[i] = *c;
				fft_cf_candidate(cand, found, &nfound);
			}
		}
	if (nfound != 1)
		return 0;
	memcpy(val, found, 17);
	return 1;
}


/* A date on the page that is the birth date cf encodes (a woman's day + 40). */

/* True when the fiscal code cf encodes the date q (a man's or a woman's). */
bool fft_cf_encodes(const char *cf, const struct fdate *q)
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

bool fft_cf_birth_on_page(const struct fview *v, const char *cf)
{
	struct fdate dates[32];
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++)
		if (fft_cf_encodes(cf, &dates[k]))
			return true;
	return false;
}

/*
 * A fiscal code that passes its check and says what the page says of its
 * holder - the surname and name read (the reporter, or the card's), and a
 * birth date printed on the page - is sure even when Tesseract was not:
 * 11 of its 16 characters are confirmed, the check character the rest.
 */
bool fft_cf_part_is(const char *cf, const char *value, bool given)
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
			  && (fft_cf_part_is(cf, sur ? sur->value : NULL, false)
			      || fft_cf_part_is(cf, nam ? nam->value : NULL, true)));
	return person && fft_cf_birth_on_page(v, cf);
}

/*
 * True when the code's sex (a woman's day of birth has forty added) is
 * not that of the given name (its first word): an Italian given name in -a
 * is a woman's but for a few men's (Andrea, Luca, Nicola...), one in -o a
 * man's. Lorenza read for Lorenzo against RNLLNZ91H07...: the code, checked,
 * says a man.
 */
bool fft_cf_sex_denies(const char *cf, const char *given)
{
	static const char *const men_in_a[] = {
		"andrea", "luca", "gianluca", "nicola", "mattia", "elia", "enea", "tobia",
		"battista", "zaccaria", "isaia", "geremia", "giona", "gionata", "evangelista", NULL
	};
	static const char omocode[] = "LMNPQRSTUV";
	char word[32];
	size_t n = 0;
	int day = 0;

	if (!cf || strlen(cf) != 16 || !given)
		return false;
	for (int k = 9; k <= 10; k++) {
		const char *o = strchr(omocode, cf[k]);
		int dg = isdigit((unsigned char)cf[k]) ? cf[k] - '0' : o && cf[k] ? (int)(o - omocode) : -1;
		if (dg < 0)
			return false;
		day = day * 10 + dg;
	}
	while (*given == ' ')
		given++;
	while (given[n] && given[n] != ' ' && n + 1 < sizeof word) {
		word[n] = (char)tolower((unsigned char)given[n]);
		n++;
	}
	word[n] = '\0';
	if (n < 3)
		return false;
	for (const char *const *m = men_in_a; *m; m++)
		if (!strcmp(word, *m))
			return false;
	bool woman = day > 40;
	return (word[n - 1] == 'a' && !woman) || (word[n - 1] == 'o' && woman);
}

/* True when a trusted surname or name of the page (an identity copy's)
 * makes other letters than the code's for it. (One held may be a speck
 * read as a word: NI for GALLI.) */
bool fft_cf_names_deny(const struct ocr_document *d, const char *cf)
{
	const struct ocr_field *sur = ocr_document_field(d, "surname");
	const struct ocr_field *nam = ocr_document_field(d, "name");
	return (sur && !sur->reason && !fft_cf_part_is(cf, sur->value, false))
	       || (nam && !nam->reason && !fft_cf_part_is(cf, nam->value, true));
}

/*
 * What a character may have been where the fiscal code's shape wants a
 * letter (L) or a digit (C) and it is not one: its look-alikes. Where the
 * check letter stands (K), a few more: a J whose hook the fax lost (1), a
 * Z read as 7, a C closed into a 0 - each seen there on 1020
 * denunciations and 1020 identity copies of build/mkfax. Only one letter
 * passes the check after a code's first fifteen, so a longer list there
 * never makes two codes of one reading; but each letter more is one more
 * chance in 26 that a code with a misread town passes (a T for a 1, also
 * seen, is left out for that). The card's candidates (ffidcf.c), built
 * from the fields they are then checked against, do not take them: there
 * they made SRNBBR59E66F237T of MRNBBR59E66F2371.
 */
const char *fft_look_alikes(char c, char cls)
{
	static const char *const letters[][2] = {
		{ "0", "ODQ" }, { "1", "IL" }, { "|", "IL" }, { "!", "IL" }, { "2", "Z" }, { "4", "A" },
		{ "5", "S" }, { "6", "G" }, { "7", "T" }, { "8", "B" },
	};
	static const char *const check[][2] = { { "0", "ODQC" }, { "1", "ILJ" }, { "7", "TZ" } };
	static const char *const digits[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	char u = (char)toupper((unsigned char)c);
	if (cls == 'K') {
		for (size_t k = 0; k < ARRAY_SIZE(check); k++)
			if (check[k][0][0] == c)
				return check[k][1];
		cls = 'L';
	}
	if (cls == 'L') {
		for (size_t k = 0; k < ARRAY_SIZE(letters); k++)
			if (letters[k][0][0] == c)
				return letters[k][1];
		return isalpha((unsigned char)c) ? NULL : "";
	}
	if (isdigit((unsigned char)c) || (isalpha((unsigned char)c) && fft_shape_ok('C', u)))
		return NULL;
	/* a digit's look-alike is the one fft_digit_for gives */
	char d = fft_digit_for(u);
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
		const char *sign = fft_sign_alikes(v, pos[k]);
		const char *a = !sign ? fft_look_alikes(v->u[pos[k]], k == 15 ? 'K' : fft_cf_shape[k])
				: fft_cf_shape[k] == 'L' ? sign : fft_look_alikes(sign[0], 'C');
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
		fft_cf_candidate(cand, found, &nfound);
	}
	if (nfound != 1)
		return 0;
	memcpy(val, found, 17);
	return 1;
}

bool fft_cf_twins(const struct fview *v, const char val[17], const size_t pos[16])
{
	char other[17];
	memcpy(other, val, sizeof other);
	return repair_mapped(v, other, pos) != 1;
}

static bool cf_leaving_out_one(const struct fview *v, const struct ocr_document *d,
			       const size_t *pos, size_t n, int max_mapped, char found[17]);

/* True when a bracket at j ends a code's word: a J's hook read as one
 * (MRNCLD900D01G478]), nothing of a word after it. */
static bool cf_hook_ends(const struct fview *v, size_t j)
{
	return j < v->n && v->s[j] && strchr("])}", v->s[j])
	       && (j + 1 >= v->n || !fft_is_al(v->s[j + 1]));
}

/* Puts a fiscal code found at i under name, checked and repaired. */
static void put_cf(struct ocr_document *d, const struct fview *v, const char *name, size_t i)
{
	char val[17];
	size_t pos[16];
	int mapped;
	const char *reason = NULL;

	if (!fft_cf_at(v, i, val, pos, &mapped))
		return;
	bool repaired = false, guessed = false;
	char read[17];
	memcpy(read, val, sizeof read);
	if (ocr_check_fiscal_code(val) && mapped > 0) {
		/* a character read as the other kind (0 where a letter stands:
		 * O, D or Q?) that passes as the shape mapped it: another of its
		 * look-alikes passing as well leaves the choice to chance
		 * (BRBSRN0155309690: O969O and D969D both pass; seed 2101 page
		 * 2108 trusted the first) */
		if (fft_cf_twins(v, val, pos))
			reason = fft_read_doubt;
	} else if (!ocr_check_fiscal_code(val)) {
		if ((mapped > 0 && repair_mapped(v, val, pos) == 1) || repair_omocode(val) == 1)
			repaired = true;
		else if (fft_repair_alts(v, val, pos, 16, fft_cf_shape, ocr_check_fiscal_code) == 1
			 || repair_confusions(val) == 1)
			repaired = guessed = true;
		else
			reason = "FISCAL_CODE_CHECKSUM";
	}
	/* a character of the town's code read as what its place wants,
	 * changed for a contender or a confusion - which nothing on the page
	 * says again, the check letter as read then wrong too (GNTNTN01D24L424p
	 * repaired L924P: seed 2401 page 2504) - is no reading: the code stays
	 * as read, failing its check, for a second look to read again. (A
	 * character read as the other kind - 0 where a letter stands: O, D or
	 * Q? - is the check's to tell, and was right in the twelve such repairs
	 * of six seeds; so was the check letter's contender, F for P.) */
	for (int k = 11; k < 15 && guessed; k++)
		if (read[k] != val[k]) {
			memcpy(val, read, sizeof val);
			repaired = guessed = false;
			reason = "FISCAL_CODE_CHECKSUM";
		}
	/* sixteen read, failing, and a bracket after them: one of them read
	 * twice and the bracket a J's hook (MRNLCU77S166G224)) - the one way
	 * of leaving one out that passes, trusted when the page confirms it */
	size_t end = pos[15] + 1, hook[17];
	char found[17];
	if (reason && !strcmp(reason, "FISCAL_CODE_CHECKSUM") && cf_hook_ends(v, end)) {
		memcpy(hook, pos, sizeof pos);
		hook[16] = end;
		if (cf_leaving_out_one(v, d, hook, 17, 1, found) && cf_consistent(v, d, found)) {
			fft_put(d, v, name, found, i, end + 1, 0.0, NULL, 1.0);
			return;
		}
	}
	/* a repair (one character changed so that the check passes) is a guess
	 * until the page confirms the code: its names and birth - and no
	 * trusted name says otherwise (the code as read may have had a
	 * misread the repair did not undo: BNCGPP01P16D612J read with an I
	 * for its J passes with an M for its N, GIUSEPPE and the birth date
	 * then agreeing, BIANCHI not) */
	bool sure = !reason && cf_consistent(v, d, val) && !(repaired && fft_cf_names_deny(d, val));
	if (repaired && !sure)
		reason = fft_read_doubt;
	fft_put(d, v, name, val, i, end, sure ? 0.0 : FF_MIN_CONF_CHECKED, reason, 1.0);
}

/*
 * The codes that the n characters at pos (16 to 18) make once n - 16 of
 * them are left out, fitted to the code's shape with at most max_mapped
 * characters of the other kind, that pass the check - and, d not NULL,
 * that the page says of its person (cf_consistent): how many distinct
 * ones (the last in found, "" when none).
 */
static int cf_leaving_out(const struct fview *v, const size_t *pos, size_t n, int max_mapped,
			  const struct ocr_document *d, char found[17])
{
	size_t sel[16];
	char val[17];
	int nfound = 0;

	found[0] = '\0';
	/* a and b: the places left out, n standing for none */
	for (size_t a = n > 16 ? 0 : n; a <= n; a++)
		for (size_t b = n > 17 ? a + 1 : n; b <= n; b++) {
			if ((n > 16 && a == n) || (n > 17 && b == n))
				continue;
			size_t m = 0;
			for (size_t k = 0; k < n; k++)
				if (k != a && k != b)
					sel[m++] = pos[k];
			int mapped = fft_fit_shape(v, sel, 16, fft_cf_shape, val);
			if (mapped < 0 || mapped > max_mapped || !ocr_check_fiscal_code(val)
			    || !strcmp(val, found) || (d && !cf_consistent(v, d, val)))
				continue;
			memcpy(found, val, 17);
			nfound++;
		}
	return nfound;
}

/*
 * The one code cf_leaving_out makes of the n characters at pos (17 or 18)
 * with up to max_mapped of the other kind. Where it makes several, the
 * one that the page says of its person (cf_consistent: d's names and the
 * birth date printed) - the one with every character as read first (as a
 * form's repair counts them: FRRLSN81B21F2537Y's F257 before Z537), else
 * the one of them all (FRRFENC97B17F205E less its E or its C both pass as
 * read; Francesco says FNC). False when there is no such one.
 */
static bool cf_leaving_out_one(const struct fview *v, const struct ocr_document *d,
			       const size_t *pos, size_t n, int max_mapped, char found[17])
{
	return cf_leaving_out(v, pos, n, max_mapped, NULL, found) == 1
	       || (cf_leaving_out(v, pos, n, 0, NULL, found) == 1 && cf_consistent(v, d, found))
	       || cf_leaving_out(v, pos, n, max_mapped, d, found) == 1;
}

/*
 * A fiscal code read with a character too many or two (a 5 read as "S5"):
 * the 17 or 18 characters at i with one or two left out, when exactly one
 * such code fits the shape and passes the check (cf_leaving_out_one).
 * Trusted only when the page confirms it (cf_consistent), else kept for a
 * clerk.
 */
static bool put_cf_long(struct ocr_document *d, const struct fview *v, const char *name, size_t i)
{
	size_t len = 0, pos[18];
	char found[17];

	if (i > 0 && fft_is_al(v->s[i - 1]))
		return false;
	while (i + len < v->n && fft_is_al(v->s[i + len]) && len < 19)
		len++;
	if (len != 17 && len != 18)
		return false;
	for (size_t k = 0; k < len; k++)
		pos[k] = i + k;
	if (!cf_leaving_out_one(v, d, pos, len, 1, found))
		return false;
	bool sure = cf_consistent(v, d, found);
	fft_put(d, v, name, found, i, i + len, sure ? 0.0 : FF_MIN_CONF_CHECKED, sure ? NULL : fft_read_doubt,
		1.0);
	return true;
}

/* The reporter's fiscal code cf says what the page says of the reporter:
 * the names read, and a birth date printed, or printed with one digit
 * misread into no date that the code's date explains (fft_cf_date_misread). */
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
		if (fft_cf_date_misread(v, i, cf, &q))
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
	if (i > 0 && fft_is_al(v->s[i - 1]))
		return false;
	for (size_t k = 0; k < 15; k++) {
		if (i + k >= v->n || !(k ? fft_cf_char(v->s[i + k]) : fft_is_al(v->s[i + k])))
			return false;
		pos[k] = i + k;
	}
	if (i + 15 >= v->n || !strchr("])}", v->u[i + 15]))
		return false;
	int mapped = fft_fit_shape(v, pos, 15, fft_cf_shape, out);
	out[15] = '?';
	out[16] = '\0';
	return mapped >= 0 && mapped <= 1;
}

/* A reading of the region r by read (rd's read or read_grey) as a view v2
 * of its own text t2, which looks no further (no re-reader of its own);
 * false when read is NULL or reads nothing. fft_reading_close ends it. */
bool fft_reading_open(const struct ff_reader *rd,
		      int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out),
		      const struct ocr_region *r, struct ff_text *t2, struct fview *v2)
{
	if (!read || read(rd->ctx, r, t2) != 0)
		return false;
	t2->reread = NULL;
	fft_view_init(v2, t2);
	return true;
}

void fft_reading_close(const struct ff_reader *rd, struct fview *v2)
{
	fft_view_free(v2);
	rd->done(rd->ctx);
}

/*
 * A fiscal code that the page misread past any repair (its
 * check letter read as a sign, a character read twice): the word at i
 * after its label read again on its own, then in grey at twice the size,
 * then its line by the third model (read_third). The first reading with
 * a code there that passes its check (a letter where a digit stands
 * perhaps read as that digit, repair_omocode) decides:
 * the code is taken, trusted, when it says what the page says of the
 * reporter (cf_reporter_consistent); a code that does not gives nothing.
 * When no reading gives a code, and the page and a reading read its first
 * 15 characters alike and a bracket for its check letter (] ) or }, a J's
 * hook) - the other reading no other 15 before a bracket, neither reading
 * a letter other than a J there - the letter that the check wants is a J:
 * the code is taken then on the same condition. (Seed 1201 page 1257:
 * CPPGNN95A08L424] twice, the grey reading its J and OSAD for 95A0; an
 * identity copy's code the same, what the page says of the holder.)
 */
static bool cf_reread(struct ocr_document *d, const struct fview *v, const char *name, size_t i)
{
	const struct ff_reader *rd = v->t->reread;
	size_t j = i;
	char val[17] = "", hooked[3][17] = { "", "", "" };
	bool found = false, other_letter = false;

	while (j < v->n && !fft_is_blank(v->s[j]) && j - i < 20)
		j++;
	if (!rd || !fft_is_al(v->s[i]) || j - i < 15 || j - i > 19)
		return false;
	cf_hooked_at(v, i, hooked[0]);
	struct ocr_region r = fft_span_region(v, i, j);
	/* the third model's reading of its line last, for a code only (it
	 * leaves the bracket's J to the two models) */
	for (int k = 0; k < 3 && !found; k++) {
		int (*read)(void *, const struct ocr_region *, struct ff_text *) =
			k == 2 ? rd->read_third : k ? rd->read_grey : rd->read;
		struct ff_text t2;
		struct fview v2;
		if (!fft_reading_open(rd, read, &r, &t2, &v2))
			continue;
		for (size_t q = 0; q < v2.n && !found; q++) {
			size_t pos[16];
			int mapped;
			bool code = fft_cf_at(&v2, q, val, pos, &mapped);
			found = code && mapped <= 2
				&& (ocr_check_fiscal_code(val) || repair_omocode(val) == 1);
			if (k == 2)
				continue;
			if (code && isalpha((unsigned char)v2.u[pos[15]])
			    && toupper((unsigned char)v2.u[pos[15]]) != 'J')
				other_letter = true;
			if (!found && !hooked[k + 1][0])
				cf_hooked_at(&v2, q, hooked[k + 1]);
		}
		fft_reading_close(rd, &v2);
	}
	bool alike = hooked[0][0] && (!strcmp(hooked[0], hooked[1]) || !strcmp(hooked[0], hooked[2]))
		     && (!hooked[1][0] || !strcmp(hooked[0], hooked[1]))
		     && (!hooked[2][0] || !strcmp(hooked[0], hooked[2]));
	if (!found && alike && !other_letter) {
		memcpy(val, hooked[0], sizeof val);
		val[15] = 'J';
		found = ocr_check_fiscal_code(val);
	}
	if (!found || !cf_reporter_consistent(v, d, val))
		return false;
	fft_put(d, v, name, val, i, j, 0.0, NULL, 1.0);
	return true;
}

/*
 * A code misread past what a code found anywhere may be (its label
 * misread too, so nothing says where it stands): a word at i that is one
 * once its letters and digits are fitted to the code's shape (three at
 * most: LNGRCR9SLI1F7@4D), or once a blank inside it is left out
 * (GLLNNA82H 59G478M), or once one character of 17 is (FRRLSN81B21F2537Y,
 * the one choice that passes the check - or, with Z537 passing too, its F
 * left out and its 2 a Z, the one as read that the page confirms,
 * cf_leaving_out_one: seed 601 page 715). Taken, trusted, only when it
 * passes its check as it stands, unrepaired, and says what the page says
 * of the person (cf_reporter_consistent: a name and the birth date, read
 * on their own) - else it is nothing. (Seeds 1201, 1501.)
 */
static bool cf_witnessed_at(struct ocr_document *d, const struct fview *v, const char *name,
			    size_t i)
{
	size_t pos[18], n = 0, j = i;
	char found[17];
	int blanks = 0;

	if (!fft_is_al(v->s[i]) || (i > 0 && fft_is_al(v->s[i - 1])))
		return false;
	while (j < v->n && n < 18) {
		if (fft_cf_char(v->s[j]) || fft_sign_alikes(v, j) || v->u[j] == '@') {
			pos[n++] = j++;
			continue;
		}
		if (v->s[j] == ' ' && !blanks && n >= 4 && j + 1 < v->n && fft_cf_char(v->s[j + 1])) {
			blanks++;
			j++;
			continue;
		}
		break;
	}
	/* sixteen and a bracket: a J's hook read as a bracket after a
	 * character read twice (MRNCLD900D01G478]) */
	if (n == 16 && !blanks && cf_hook_ends(v, j))
		pos[n++] = j++;
	if ((j < v->n && fft_is_al(v->s[j])) || n < 16 || n > 17 || (blanks && n != 16))
		return false;
	if (n == 17 ? !cf_leaving_out_one(v, d, pos, n, 1, found)
		    : cf_leaving_out(v, pos, n, 3, NULL, found) != 1)
		return false;
	if (!cf_reporter_consistent(v, d, found))
		return false;
	fft_put(d, v, name, found, i, j, 0.0, NULL, 1.0);
	return true;
}

/* The first word of the text that is a code as cf_witnessed_at takes
 * one, put under name; false when there is none. */
static bool cf_witnessed_anywhere(struct ocr_document *d, const struct fview *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (cf_witnessed_at(d, v, name, i))
			return true;
	return false;
}

/*
 * An identity copy's code that fft_find_cf found nowhere, looked for again
 * as cf_witnessed_at does once the names are settled: the MRZ, or a
 * reading of their own, may give them only after the code was looked for
 * (seed 601 page 715: its name labels misread, FERRARA and ALESSANDRO
 * came from the MRZ, each a line of the page too). Both names trusted.
 */
void fft_cf_witnessed_late(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *sur = ocr_document_field(d, "surname");
	const struct ocr_field *nam = ocr_document_field(d, "name");

	if (ocr_document_field(d, "fiscal_code") || !sur || sur->reason || !nam || nam->reason)
		return;
	cf_witnessed_anywhere(d, v, "fiscal_code");
}

/* The first fiscal code after a label, else the first in the text. */
void fft_find_cf(struct ocr_document *d, const struct fview *v, const char *name)
{
	static const char *const labels[] = {
		"codice fiscale", "cod. fisc.", "cod. fiscale", "c.f.", "c. f.", "fiscal code", NULL
	};
	size_t e, pos[16];
	char val[17];
	int mapped;
	long s = fft_pfind_any(v, 0, v->n, labels, &e);

	/* the first code-shaped word shortly after a label */
	while (s >= 0) {
		for (size_t i = e; i < e + 60 && i < v->n; i++) {
			if (fft_cf_at(v, i, val, pos, &mapped)) {
				put_cf(d, v, name, i);
				return;
			}
		}
		for (size_t i = e; i < e + 60 && i < v->n; i++)
			if (put_cf_long(d, v, name, i))
				return;
		s = fft_pfind_any(v, e, v->n, labels, &e);
	}
	for (size_t i = 0; i < v->n; i++) {
		if (fft_cf_at(v, i, val, pos, &mapped) && mapped <= 1) {
			put_cf(d, v, name, i);
			return;
		}
	}
	/* none: the word after a label, read again (after the last of
	 * "CODICE FISCALE / FISCAL CODE") */
	for (s = fft_pfind_any(v, 0, v->n, labels, &e); s >= 0; s = fft_pfind_any(v, e, v->n, labels, &e))
		if (cf_reread(d, v, name, fft_skip_sep(v, e)))
			return;
	cf_witnessed_anywhere(d, v, name);
}
