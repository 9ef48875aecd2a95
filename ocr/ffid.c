/*
 * ffid - the fields of an identity copy (FORMS.md): kind (identity card
 * paper or electronic, driving licence, passport), number in the shape of
 * its kind, surname, name, date of birth, expiry, fiscal code when
 * present; and parse_identity, which runs the checks of ffmrz.c,
 * ffidcf.c and ffiddate.c on them. Part of the free-form text reader
 * (ocr/fftext.c).
 *
 * Failure policy: nothing here fails. A number of no known shape, or read
 * in doubt, is held with a reason, never trusted.
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

const char *const fft_shape_electronic = "LLDDDDDLL";

const char *const fft_shape_paper = "LLDDDDDDD";

static const char *const shape_licence = "LLDDDDDDDL";

/*
 * A licence number opens with its province's two letters: a digit read
 * there (M0 for MO) that only one look-alike letter makes a province's
 * code is that letter, as sure as read. Returns how many of the two were
 * such digits (val, as fft_fit_shape mapped it, gets the letter).
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
				if (fft_province_code(code))
					found = *l, n++;
			}
		}
		if (n != 1)
			return 0;
		val[k] = found;
		sure++;
	}
	return fft_province_code(val) ? sure : 0;
}

/*
 * A closing bracket at the end of a word, against its last letter: a J
 * (a licence's last letter: RM2466500] for RM2466500J; a card's, the
 * hook of its J read round or curly: CU99519K) for CU99519KJ). Mapped, as
 * a letter read as a digit is.
 */
static bool idnum_j(const struct fview *v, size_t j)
{
	return v->s[j] && strchr("])}", v->s[j]) && j > 0 && fft_is_al(v->s[j - 1])
	       && (j + 1 >= v->n || !fft_is_al(v->s[j + 1]));
}

/*
 * A document number of one of the shapes at i ("AB 1234567" allowed). A
 * currency sign inside it ($ for S) is a letter misread; so is a blank
 * elsewhere ("CL56 199BC": the number is printed in one piece), which
 * counts as a character mapped: such a number needs a second reading.
 */
static bool idnum_fit(const struct fview *v, size_t i, bool may_split, struct idnum *out)
{
	static const char *const *shapes[] = { &fft_shape_electronic, &fft_shape_paper, &shape_licence };
	size_t pos[16], n = 0, j = i;
	int split = 0;
	bool glued = false;

	/* the paper card's label "N." read into its number, its stop as a
	 * letter (NLAV 2073175, NeAI 7720051): counted as a character mapped */
	if (i >= 2 && v->s[i - 2] == 'n' && isalpha((unsigned char)v->s[i - 1])
	    && (i == 2 || !fft_is_al(v->s[i - 3])))
		glued = true;
	else if (i > 0 && fft_is_al(v->s[i - 1]))
		return false;
	while (j < v->n && n < 12) {
		if (fft_is_al(v->s[j]) || (n > 0 && fft_sign_alikes(v, j)) || idnum_j(v, j)) {
			pos[n++] = j++;
			continue;
		}
		/* the paper card prints "AA 1234567" (a speck may read as a dot
		 * or a dash, in place of the blank or before it: AZ- 0964284) */
		if ((v->s[j] == ' ' || v->s[j] == '.' || v->s[j] == '-') && n == 2 && j + 1 < v->n
		    && fft_is_al(v->s[j + 1])) {
			j++;
			continue;
		}
		bool blank_after = j + 2 < v->n && v->s[j + 1] == ' ' && fft_is_al(v->s[j + 2]);
		if ((v->s[j] == '.' || v->s[j] == '-') && n == 2 && blank_after) {
			j += 2;
			continue;
		}
		/* or as a sign of another shape: a blank lost there, or a
		 * speck's sign before it (AZ: 0964284), as a character mapped
		 * (AS'5257922) */
		if (v->s[j] && strchr("!|:;,'_", v->s[j]) && n == 2 && !split && j + 1 < v->n
		    && (fft_is_al(v->s[j + 1]) || blank_after)) {
			split = 1;
			j += fft_is_al(v->s[j + 1]) ? 1 : 2;
			continue;
		}
		if (may_split && v->s[j] == ' ' && n > 2 && !split && j + 1 < v->n
		    && fft_is_al(v->s[j + 1])) {
			split = 1;
			j++;
			continue;
		}
		break;
	}
	if (j < v->n && fft_is_al(v->s[j]))
		return false;
	int best = -1;
	for (size_t k = 0; k < ARRAY_SIZE(shapes); k++) {
		const char *shape = *shapes[k];
		char val[16];
		if (strlen(shape) != n || (glued && shape != fft_shape_paper))
			continue;
		int m = fft_fit_shape(v, pos, n, shape, val);
		if (m > 0 && shape == shape_licence)
			m -= province_read(v, pos, val);
		if (m >= 0)
			m += split + glued;
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

bool fft_idnum_at(const struct fview *v, size_t i, struct idnum *out)
{
	return idnum_fit(v, i, false, out) || idnum_fit(v, i, true, out);
}

/*
 * True unless every letter that contended with a licence number's
 * province letter at place k (0 or 1) of num, read at i, makes with the
 * other letter no province's code (TO read, TQ and TD contending: no
 * doubt). Without the contenders named, true.
 */
static bool province_contender(const struct fview *v, size_t i, const struct idnum *num, int k)
{
	const char *a = fft_alts_at(v, i);
	char code[3] = { num->val[0], num->val[1], 0 };
	bool named = false;
	for (; *a; a++) {
		char c = (char)toupper((unsigned char)*a);
		if (!isalpha((unsigned char)c) || c == num->val[k])
			continue;
		named = true;
		code[k] = c;
		if (fft_province_code(code))
			return true;
	}
	return !named;
}

/*
 * True when a character of the document number at [fs, fe) had a contender
 * that could stand in its place: a letter where the number's shape has a
 * letter, a digit where it has a digit (doubt_like, when the text has it;
 * else the contenders in alts). The usual twins (B and 8, S and 5, O and
 * 0) are no doubt where the shape wants one of them only.
 */
unsigned long long fft_idnum_doubts(const struct fview *v, size_t fs, size_t fe, int *n)
{
	struct idnum num;
	unsigned long long mask = 0;

	if (!fft_idnum_at(v, fs, &num))
		return fft_span_doubts(v, fs, fe, n);
	size_t k = 0;
	for (size_t i = num.s; i < num.e && num.shape[k]; i++) {
		if (!fft_is_al(v->s[i]) && !fft_sign_alikes(v, i) && !idnum_j(v, i))
			continue;
		char cls = num.shape[k++];
		unsigned long long bit = 1ull << (k - 1);
		if (!v->t->doubt || v->t->doubt[v->map[i]] < FF_MAX_DOUBT)
			continue;
		/* a character read as the shape wants: its kind's contenders */
		if (v->t->doubt_like && fft_shape_ok(cls, v->u[i])) {
			if (v->t->doubt_like[v->map[i]] >= FF_MAX_DOUBT
			    && !(num.shape == shape_licence && k <= 2 && !province_contender(v, i, &num, k - 1)))
				mask |= bit;
			continue;
		}
		const char *a = fft_alts_at(v, i);
		if (!*a)
			mask |= bit;
		for (; *a; a++) {
			char c = (char)toupper((unsigned char)*a);
			if (c != num.val[k - 1] && fft_shape_ok(cls, c))
				mask |= bit;
		}
	}
	*n = (int)k;
	return mask;
}

bool fft_idnum_doubtful(const struct fview *v, size_t fs, size_t fe)
{
	int n;
	return fft_idnum_doubts(v, fs, fe, &n) != 0;
}

/*
 * The characters of the number num that its shape had to map (a letter
 * read where a digit stands or the reverse, a sign for a letter), a bit
 * each as fft_idnum_doubts gives them; *split: a blank stands inside the
 * number (not the paper card's after its letters).
 */
unsigned long long fft_idnum_mapped(const struct fview *v, const struct idnum *num, bool *split)
{
	unsigned long long mask = 0;
	size_t k = 0;
	*split = false;
	for (size_t i = num->s; i < num->e && num->shape[k]; i++) {
		if (v->s[i] == ' ' && k > 2)
			*split = true;
		if (!fft_is_al(v->s[i]) && !fft_sign_alikes(v, i) && !idnum_j(v, i))
			continue;
		if (fft_sign_alikes(v, i) || (char)toupper((unsigned char)v->u[i]) != num->val[k])
			mask |= 1ull << k;
		k++;
	}
	return mask;
}

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
int fft_edit_dist(const char *a, size_t n, const char *pat)
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
	return fft_edit_dist(v->s + i, e - i, pat);
}

/* A lone 7, 1 or 4 at i, after a blank and before no letter or digit: the
 * slash between the halves of a bilingual label (NOME 7 NAME, 7.). */
static bool slash_digit(const struct fview *v, size_t i)
{
	return i > 0 && i + 1 < v->n && (v->s[i] == '7' || v->s[i] == '1' || v->s[i] == '4')
	       && fft_is_blank(v->s[i - 1]) && !fft_is_al(v->s[i + 1]);
}

/* Skips what stands between a label and its value, or between the halves
 * of a bilingual label: blanks, punctuation, and the slash read as a comma,
 * a '<', a lone 7, 1 or 4 (COGNOME , SURNAME; NOMI < SURNAME; NOME 7 NAME). */
static size_t label_sep(const struct fview *v, size_t i)
{
	for (;;) {
		i = fft_skip_sep(v, i);
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
	int lx = fft_word_x(v, s);
	size_t ls = fft_line_start(v, s), j = s;

	if (fft_pmatch(v, s, "surname") < 0 && fft_pmatch(v, s, "name") < 0 && fft_pmatch(v, s, "given") < 0)
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
		if ((j - w + 1 >= len && j - w <= len + 1 && fft_fuzzy_find(v, w, j, *p, 1, &e) >= 0)
		    || (len >= 7 && word_dist(v, w, j, *p) <= 2)) {
			int x = fft_word_x(v, w);
			return x >= 0 && (lx < 0 || x < lx) ? x : lx;
		}
	}
	/* whatever it reads, the word that begins the line before the
	 * slash is the Italian half (cuanimie , SURNAME) */
	if (sep && j - w >= 4 && fft_line_lead(v, ls) == w) {
		int x = fft_word_x(v, w);
		return x >= 0 && (lx < 0 || x < lx) ? x : lx;
	}
	return lx;
}

/* Value of a label: upper-case words, on the label's line or the next.
 * fuzzy: a label of 7 letters or more also with one misread (fft_find_label). */
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

	while ((s = fft_find_label(v, from, labels, fuzzy, &e)) >= 0) {
		from = e;
		if (line_start_only && fft_line_lead(v, (size_t)s) != (size_t)s)
			continue;
		size_t i = e, ls = fft_line_start(v, (size_t)s);
		for (int guard = 0; guard < 6; guard++) {
			i = label_sep(v, i);
			size_t se;
			if (fft_pfind_any(v, i, i + 1, skip, &se) < 0 && !fft_short_label(v, i, &se)
			    && !(fft_line_start(v, i) == ls && english_half(v, i, &se)))
				break;
			i = se;
		}
		/* the value stands under or after its label, not left of it */
		int lx = label_left(v, (size_t)s);
		bool got = fft_read_name(v, i, fs, fe, true, true, lx >= 0 ? lx - 40 : -1);
		/* only specks after the label on its line (SURNAME a): the
		 * value is on the next line */
		size_t le = fft_line_end(v, (size_t)s);
		if (!got && i < le && le < v->n && !caps_word(v, i, le))
			got = fft_read_name(v, fft_skip_sep(v, le), fs, fe, true, true, lx >= 0 ? lx - 40 : -1);
		/* a licence's numbered field holds its value on its line: a
		 * name under a "2" read in specks is not its value */
		if (got && line_start_only && fft_line_start(v, *fs) != ls)
			got = false;
		if (!got)
			continue;
		/* and right under it: a name further down is the next field's,
		 * this one's value being lost */
		const struct ocr_region *lb = fft_word_box(v, (size_t)s), *vb = fft_word_box(v, *fs);
		if (lb && vb && vb->y - (lb->y + lb->h) > 3 * lb->h / 2)
			continue;
		*below = fft_line_start(v, *fs) != fft_line_start(v, (size_t)s);
		return true;
	}
	return false;
}

/* The folded capitals of a span, blanks collapsed: a card prints names in
 * plain capitals, and an accent over one is a speck read with it. */
char *fft_span_caps(const struct fview *v, size_t fs, size_t fe)
{
	struct strbuf sb = STRBUF_INIT;
	bool sp = false;

	sb_init(&sb);
	for (size_t i = fs; i < fe && i < v->n; i++) {
		if (fft_is_blank(v->u[i])) {
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
 * True when the name read [fs, fe) stopped before a word of capitals on
 * its line that a dot or a digit ends (MARIA for "MARIA GRAZIA. E": a dot
 * ends an abbreviation, fft_read_name stops there): the rest of the name
 * may be that word.
 */
static bool name_cut_short(const struct fview *v, size_t fe)
{
	size_t j = fe, k;
	while (j < v->n && v->u[j] == ' ')
		j++;
	for (k = j; k < v->n && isupper((unsigned char)v->u[k]); k++)
		;
	return k - j >= 2 && k < v->n && (v->u[k] == '.' || isdigit((unsigned char)v->u[k]));
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
	j = fft_skip_blanks(v, j);
	const struct ocr_region *a = fft_word_box(v, fs), *last = fft_word_box(v, fe - 1),
				  *b = fft_word_box(v, j);
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
	size_t j = fft_line_end(v, fe), k;
	if (j >= v->n)
		return false;
	j++;
	while (j < v->n && v->u[j] != '\n' && !fft_is_al(v->u[j]))
		j++;
	for (k = j; k < v->n && isupper((unsigned char)v->u[k]); k++)
		;
	if (k - j < 3 || (k < v->n && isalnum((unsigned char)v->u[k])) || fft_not_a_name(v, j))
		return false;
	size_t first = fs;
	while (first < fe && isupper((unsigned char)v->u[first]))
		first++;
	return !(first - fs == k - j && !strncmp(v->u + fs, v->u + j, k - j));
}

/* A licence's numbered fields (1. 2. 3. 4b. 5.) are looked for unless the
 * document is known to be of another kind: on a card, a "1" before a
 * line's name is a speck or a digit, not a label. */
bool fft_may_be_licence(const struct ocr_document *d)
{
	const struct ocr_field *k = ocr_document_field(d, "kind");
	return !k || !strcmp(k->value, "driving-licence");
}

/* A line among the three after the one ending at le begins with the given
 * name's label (NOME, with a letter misread): the card's next field. */
static bool nome_follows(const struct fview *v, size_t le)
{
	for (int k = 0; k < 3 && le < v->n; k++) {
		size_t a = fft_line_lead(v, le + 1);
		if (fft_pmatch(v, a, "nome") >= 0 || fft_short_label(v, a, NULL))
			return true;
		le = fft_line_end(v, le + 1);
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
 * A name's label misread further than fft_find_label allows, the first word of
 * its line: the surname's (given false) with two letters misread or lost,
 * a blank read inside (cogsone, Cogne, C Qgnome), the given name's label
 * on one of the next lines (a town, Cogne, is no label); the given name's
 * (NGOME, NOVE) with one, its English half after it (/NAMI, MAME; not
 * a surname's: COGNOME read NOME). The value after it on the line, or
 * right under it.
 */
static bool label_misread(const struct fview *v, bool given, size_t *fs, size_t *fe, bool *below)
{
	for (size_t ls = 0; ls < v->n; ls = fft_line_end(v, ls) + 1) {
		size_t le = fft_line_end(v, ls), q = fft_line_lead(v, ls), k = 0, se;
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
		if (given ? k < 3 || k > 6 || fft_edit_dist(w, k, "nome") > 1 || fft_line_start(v, i) != ls
			    || !name_half(v, i, &se)
			  : k < 5 || k > 9 || fft_edit_dist(w, k, "cognome") > 2 || !nome_follows(v, le))
			continue;
		if (given)
			i = label_sep(v, se);
		bool got = fft_line_start(v, i) == ls && fft_read_name(v, i, fs, fe, true, true, -1);
		/* (specks before the value: © STEFANO) */
		if (!got && (i >= le || !caps_word(v, i, le)) && le < v->n)
			got = fft_read_name(v, fft_line_lead(v, le + 1), fs, fe, true, true, -1);
		if (!got)
			continue;
		/* (the label's words: a letter read apart is smaller) */
		struct ocr_region lb = fft_span_region(v, fft_line_lead(v, ls), q);
		const struct ocr_region *vb = fft_word_box(v, *fs);
		if (lb.h > 0 && vb && vb->y - (lb.y + lb.h) > 3 * lb.h / 2)
			continue;
		*below = fft_line_start(v, *fs) != ls;
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
	size_t ls = fft_line_end(v, sfe) + 1;
	if (ls >= v->n)
		return false;
	size_t le = fft_line_end(v, ls), q = fft_line_lead(v, ls), w0 = q;
	while (q < le && isalpha((unsigned char)v->s[q]))
		q++;
	if (q - w0 < 3 || q - w0 > 6 || (q < le && !strchr(" :.,", v->s[q]))
	    || word_dist(v, w0, q, "nome") > 2)
		return false;
	size_t i = label_sep(v, q);
	*below = !(i < le && caps_word(v, i, le));
	if (!*below)
		return fft_line_start(v, i) == ls && fft_read_name(v, i, fs, fe, true, true, -1);
	return le < v->n && fft_read_name(v, fft_line_lead(v, le + 1), fs, fe, true, true, -1);
}

static void id_names(struct ocr_document *d, const struct fview *v)
{
	static const char *const sur[] = { "cognome", "surname", NULL };
	static const char *const lic_sur[] = { "1.", NULL };
	static const char *const nam[] = { "nome", "name", "given names", "nomi", NULL };
	static const char *const lic_nam[] = { "2.", NULL };
	size_t fs, fe;
	bool below = false;

	bool lic = fft_may_be_licence(d), have_sur = false;
	size_t sfe = 0;

	if (label_value(v, sur, false, false, &fs, &fe, &below)
	    || (lic && label_value(v, lic_sur, true, false, &fs, &fe, &below))
	    || label_value(v, sur, false, true, &fs, &fe, &below)
	    || label_misread(v, false, &fs, &fe, &below)) {
		char *val = fft_span_caps(v, fs, fe);
		bool unsure = name_runs_on(v, fs, fe) || name_cut_short(v, fe)
			      || (below && another_name_below(v, fs, fe));
		fft_put(d, v, "surname", val, fs, fe, FF_MIN_CONF_ID, unsure ? fft_read_doubt : NULL, 1.0);
		free(val);
		have_sur = true;
		sfe = fe;
	}
	if (label_value(v, nam, false, false, &fs, &fe, &below)
	    || (lic && label_value(v, lic_nam, true, false, &fs, &fe, &below))
	    || label_misread(v, true, &fs, &fe, &below)
	    || (have_sur && !lic && nome_after_surname(v, sfe, &fs, &fe, &below))) {
		char *val = fft_span_caps(v, fs, fe);
		bool unsure = name_runs_on(v, fs, fe) || name_cut_short(v, fe)
			      || (below && another_name_below(v, fs, fe));
		fft_put(d, v, "name", val, fs, fe, FF_MIN_CONF_ID, unsure ? fft_read_doubt : NULL, 1.0);
		free(val);
	}
}

/*
 * The date that belongs to a label: on the label's own line after it, or,
 * when labels stand side by side above their values, the date in the same
 * column order on the next lines.
 */

/* True when a match of pat one letter off at i is a piece of a longer
 * word rather than a label: two letters or more into a word (one letter
 * in, a letter added: datta di nascita matched from its a), its first
 * letter not pat's (nata il in Rilasciata il) - a label glued to the word
 * before it whose separator was misread (Cognome7Surname) starts right. */
static bool inside_word(const struct fview *v, size_t i, const char *pat)
{
	return i >= 2 && fft_is_al(v->s[i]) && fft_is_al(v->s[i - 1]) && fft_is_al(v->s[i - 2])
	       && v->s[i] != pat[0];
}

/* First match of any of pats, or with fuzzy set of those of 7 letters or
 * more with one letter misread, lost or added - not inside a word
 * (inside_word). */
long fft_find_label(const struct fview *v, size_t from, const char *const *pats, bool fuzzy,
		    size_t *end)
{
	long best = fft_pfind_any(v, from, v->n, pats, end);
	if (best >= 0 || !fuzzy)
		return best;
	for (; *pats; pats++) {
		size_t e;
		if (strlen(*pats) < 7)
			continue;
		size_t to = best >= 0 ? (size_t)best + strlen(*pats) : v->n;
		long s = -1;
		for (size_t at = from; at < to; at = (size_t)s + 1) {
			s = fft_fuzzy_find(v, at, to, *pats, 1, &e);
			if (s < 0 || !inside_word(v, (size_t)s, *pats))
				break;
		}
		if (s >= 0 && inside_word(v, (size_t)s, *pats))
			s = -1;
		if (s >= 0 && (best < 0 || s < best)) {
			best = s;
			*end = e;
		}
	}
	return best;
}

const struct fdate *fft_label_date(const struct fview *v, const struct fdate *dates, size_t n,
				   const char *const *labels, bool line_start_only, bool fuzzy)
{
	size_t e, from = 0;
	long s;

	while ((s = fft_find_label(v, from, labels, fuzzy, &e)) >= 0) {
		from = e;
		if (line_start_only && fft_line_lead(v, (size_t)s) != (size_t)s)
			continue;
		size_t le = fft_line_end(v, (size_t)s), ls = fft_line_start(v, (size_t)s);
		for (size_t k = 0; k < n; k++)
			if (dates[k].s >= e && dates[k].s < le)
				return &dates[k];
		/* a licence's numbered field holds its value on its own line: the
		 * next line is the next field's */
		if (line_start_only)
			continue;
		/* column order: how many other date labels (of distinct kinds, a
		 * label may be bilingual) stand before this one on its line */
		unsigned kinds = fft_id_date_kinds(v, ls, (size_t)s);
		int before = 0;
		for (unsigned b = kinds; b; b &= b - 1)
			before++;
		/* the dates on the next two lines: the one right under the label
		 * where the words' places are known (a label misread does not
		 * count in the order), else by order */
		size_t nl = le + 1, stop = fft_line_end(v, fft_line_end(v, nl) + 1);
		const struct ocr_region *lb = fft_word_box(v, (size_t)s);
		const struct fdate *under = NULL;
		int best = 0;
		bool placed = lb != NULL;
		for (size_t k = 0; k < n && placed; k++) {
			if (dates[k].s < nl || dates[k].s >= stop)
				continue;
			const struct ocr_region *db = fft_word_box(v, dates[k].s);
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

	if ((i > 0 && fft_is_al(v->s[i - 1])) || fft_on_mrz_line(v, i))
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
	if (n != 8 || !sep || (k < v->n && fft_is_al(v->s[k])))
		return false;
	return fft_date_fill(out, i, k, atoi(dg + 4), (dg[2] - '0') * 10 + (dg[3] - '0'),
			     (dg[0] - '0') * 10 + (dg[1] - '0'), false, D_NONE);
}

static int fdate_at_cmp(const void *a, const void *b)
{
	size_t x = ((const struct fdate *)a)->s, y = ((const struct fdate *)b)->s;
	return x < y ? -1 : x > y;
}

/* An identity document's dates (fft_find_dates) with those that lost a
 * separator (lost_sep_date_at), in the page's order. */
static size_t id_find_dates(const struct fview *v, struct fdate *out, size_t max)
{
	size_t n = fft_find_dates(v, out, max), had = n;
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
const char *const fft_id_birth_labels[] = {
	"data di nascita", "date of birth", "nato il", "nata il", "nato/a il", "nascita",
	/* a paper card's "nato il" with its "il" misread (nato «1) */
	"nato", "nata", NULL
};

const char *const fft_id_expiry_labels[] = {
	"scadenza", "scad.", "date of expiry", "expiry", "valida fino al",
	"valido fino al", "valevole fino al", NULL
};

/* a licence's numbered fields; 4b. with its 4 read as an A (Ab.) or its b
 * as an h */
const char *const fft_id_lic_birth[] = { "3.", NULL };

const char *const fft_id_lic_expiry[] = { "4b.", "ab.", "4h.", NULL };

/*
 * The holder was born years before the document was issued and long before
 * it expires: a birth date b close to another date the page reads (under
 * twelve years before it) is the issue or expiry taken for the birth, or
 * misread (or a child's document, which a clerk may check); a licence's
 * holder is 14 at least (AM, the youngest category).
 */
bool fft_birth_too_close(const struct ocr_document *d, const struct fview *v, const struct fdate *b)
{
	struct fdate dates[32];
	size_t n = id_find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++)
		if (strcmp(dates[k].iso, b->iso) && dates[k].y < b->y + 12)
			return true;
	const struct ocr_field *kf = ocr_document_field(d, "kind");
	return kf && !strcmp(kf->value, "driving-licence")
	       && fft_fdate_key(b) > fft_view_today(v) - 140000;
}

/* The one day of dates (however often printed) whose key (yyyymmdd) lies
 * in [lo, hi], but for except and, no_issue, an issue date's; NULL when
 * none or several days. */
static const struct fdate *only_date(const struct fview *v, const struct fdate *dates, size_t n,
				     int lo, int hi, const struct fdate *except, bool no_issue)
{
	const struct fdate *only = NULL;
	for (size_t k = 0; k < n; k++) {
		int key = fft_fdate_key(&dates[k]);
		if (key < lo || key > hi || &dates[k] == except
		    || (no_issue && fft_id_issue_at(v, dates[k].s)))
			continue;
		if (only && strcmp(only->iso, dates[k].iso))
			return NULL;
		if (!only)
			only = &dates[k];
	}
	return only;
}

/*
 * An identity copy's birth date and expiry: after their labels, else by
 * what each can be. On a view that mends (fview's mend) it is the last
 * resort, for a date the rules after it left unread: the page's dates
 * with those whose day or month no calendar has mended, and only such a
 * mended date is put - held (forced), for another reading of its region
 * or the birthday rule to say it.
 */
static void id_dates(struct ocr_document *d, const struct fview *v)
{
	const char *const *birth = fft_id_birth_labels, *const *expiry = fft_id_expiry_labels;
	const char *const *lic_birth = fft_id_lic_birth, *const *lic_expiry = fft_id_lic_expiry;
	bool mended = v->mend;
	/* the last resort puts a date only where none was */
	if (mended && ocr_document_field(d, "birth_date") && ocr_document_field(d, "expiry"))
		return;
	struct fdate dates[32];
	size_t n = id_find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *b, *x;
	int minv = 0, maxv = 0;

	for (size_t k = 0; k < n; k++) {
		int val = fft_fdate_key(&dates[k]);
		if (!minv || val < minv)
			minv = val;
		if (val > maxv)
			maxv = val;
	}
	bool lic = fft_may_be_licence(d);

	b = fft_label_date(v, dates, n, birth, false, false);
	if (!b && lic)
		b = fft_label_date(v, dates, n, lic_birth, true, false);
	if (!b)
		b = fft_label_date(v, dates, n, birth, false, true);
	x = fft_label_date(v, dates, n, expiry, false, false);
	if (!x && lic)
		x = fft_label_date(v, dates, n, lic_expiry, true, false);
	if (!x)
		x = fft_label_date(v, dates, n, expiry, false, true);
	/* labels misread: an identity document's earliest date is the birth (a
	 * holder of 14 or more), its latest the expiry (at most 11 years after
	 * the next latest, the issue) */
	if ((!b || !x) && n >= 3) {
		const struct fdate *lo = NULL, *hi = NULL, *lo2 = NULL, *hi2 = NULL;
		for (size_t k = 0; k < n; k++) {
			const struct fdate *q = &dates[k];
			int val = fft_fdate_key(q);
			if (val == minv && !lo)
				lo = q;
			else if (!lo2 || val < fft_fdate_key(lo2))
				lo2 = q;
		}
		for (size_t k = 0; k < n; k++) {
			const struct fdate *q = &dates[k];
			int val = fft_fdate_key(q);
			if (val == maxv && !hi)
				hi = q;
			else if (!hi2 || val > fft_fdate_key(hi2))
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
	if (!x)
		x = only_date(v, dates, n, fft_view_today(v) + 1, fft_view_today(v) + 110000, b, false);
	/* two dates a dozen years apart or more: the earlier cannot be the
	 * issue (a document is valid ten years at most), so it is the birth */
	if (!b && n >= 2) {
		const struct fdate *lo = NULL, *hi = NULL;
		for (size_t k = 0; k < n; k++) {
			int val = fft_fdate_key(&dates[k]);
			if (val == minv && !lo)
				lo = &dates[k];
			if (val == maxv && !hi)
				hi = &dates[k];
		}
		if (lo && hi && hi->y - lo->y >= 12)
			b = lo;
	}
	/* no label says the birth: a date more than twelve years before the
	 * day of receipt can be no issue date of a document still valid (ten
	 * years at most, then to the holder's birthday), so, the only one,
	 * it is the birth (a paper card's "nato il" read "noto", "rafa i":
	 * on 1020 identity copies of build/mkfax 3 birth dates more, 2 held
	 * right, 1 held misread, none wrong) */
	if (!b)
		b = only_date(v, dates, n, 0, fft_view_today(v) - 120000, x, true);
	/* birth is the earliest date of an identity document, expiry the latest:
	 * a date that is not was taken from the wrong label; and no one was
	 * born after the day the fax came (the birth date under its label
	 * misread into no date, 11-12:1988: the expiry's on the next line
	 * taken by column order) */
	if (b && fft_fdate_key(b) > fft_view_today(v))
		b = NULL;
	if (mended && b && (!b->mended || ocr_document_field(d, "birth_date")))
		b = NULL;
	if (mended && x && (!x->mended || ocr_document_field(d, "expiry")))
		x = NULL;
	if (b) {
		int val = fft_fdate_key(b);
		bool close = fft_birth_too_close(d, v, b);
		fft_put(d, v, "birth_date", b->iso, b->s, b->e, FF_MIN_CONF_ID,
			val != minv || close || x == b ? "LOW_CONFIDENCE" : NULL, b->forced ? 0.5 : 1.0);
	}
	/* an expiry that is the issue date (EMISSIONE and SCADENZA side by
	 * side, the expiry under the second misread into no date: seed 1801
	 * page 1896) is held too */
	if (x) {
		int val = fft_fdate_key(x);
		fft_put(d, v, "expiry", x->iso, x->s, x->e, FF_MIN_CONF_ID,
			val != maxv || (b && x == b) || fft_id_issue_at(v, x->s) ? "LOW_CONFIDENCE"
										  : NULL,
			x->forced ? 0.5 : 1.0);
	}
}

/* True when the line of i is a line of a machine-readable zone ("<<"). */
bool fft_on_mrz_line(const struct fview *v, size_t i)
{
	size_t ls = fft_line_start(v, i), le = fft_line_end(v, i);
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
			if ((char)toupper((unsigned char)c) != w && fft_letter_for(c) != w
			    && fft_digit_for(c) != w)
				bad++;
		}
		if (bad <= 2)
			return true;
	}
	return false;
}

/* A number that a reading of a region gives (the first of a shape), with
 * which of its characters are in doubt (a contender, or read as the other
 * kind), of these (mapped, not NULL) those read as the other kind, and its
 * confidence; false when there is none. */
bool fft_idnum_in_reading(const struct fview *v2, struct idnum *num, unsigned long long *doubts,
			  unsigned long long *mapped, double *conf)
{
	for (size_t q = 0; q < v2->n; q++) {
		if ((q > 0 && fft_is_al(v2->s[q - 1])) || !fft_idnum_at(v2, q, num))
			continue;
		int n;
		bool split;
		unsigned long long other = fft_idnum_mapped(v2, num, &split);
		*doubts = fft_idnum_doubts(v2, q, num->e, &n) | other;
		if (mapped)
			*mapped = other;
		if (split)
			*doubts |= 1;
		*conf = fft_span_conf(v2, q, num->e);
		return true;
	}
	return false;
}

bool fft_idnum_read_by(const struct ff_reader *rd,
		       int (*how)(void *ctx, const struct ocr_region *r, struct ff_text *out),
		       const struct ocr_region *r, struct idnum *num, unsigned long long *doubts,
		       unsigned long long *mapped, double *conf)
{
	struct ff_text t2;
	struct fview v2;
	if (!fft_reading_open(rd, how, r, &t2, &v2))
		return false;
	bool got = fft_idnum_in_reading(&v2, num, doubts, mapped, conf);
	fft_reading_close(rd, &v2);
	return got;
}

bool fft_idnum_read_again(const struct ff_reader *rd, bool grey, const struct ocr_region *r,
			  struct idnum *num, unsigned long long *doubts, unsigned long long *mapped,
			  double *conf)
{
	return fft_idnum_read_by(rd, grey ? rd->read_grey : rd->read, r, num, doubts, mapped, conf);
}

/*
 * The page's word [i, j) (its region r) read by the third model, as
 * printed and in grey, each reading giving a number of the shape (NULL:
 * any) that the word reads as, or none. True, with the number in val, when
 * one of the two gave it without a doubt and another reading - the other
 * third one, or the two models' (got, where have) - gives it too, none of
 * the four another.
 */
static bool third_reads_word(const struct fview *v, size_t i, size_t j,
			     const struct ocr_region *r, const char *shape,
			     const struct idnum got[2], const bool have[2], char *val, size_t size)
{
	const struct ff_reader *rd = v->t->reread;
	int (*const how[2])(void *, const struct ocr_region *, struct ff_text *) = {
		rd->read_third, rd->read_third_grey
	};
	const char *said[4] = { have[0] ? got[0].val : NULL, have[1] ? got[1].val : NULL, NULL,
				NULL };
	struct idnum third[2];
	bool sure[2] = { false, false };
	for (int k = 0; k < 2; k++) {
		unsigned long long doubts = 0;
		double c;
		if (fft_idnum_read_by(rd, how[k], r, &third[k], &doubts, NULL, &c)
		    && (!shape || third[k].shape == shape) && word_reads_as(v, i, j, third[k].val)) {
			said[2 + k] = third[k].val;
			sure[k] = !doubts;
		}
	}
	const char *pick = sure[0] ? said[2] : sure[1] ? said[3] : NULL;
	int seconds = 0;
	if (!pick)
		return false;
	for (int k = 0; k < 4; k++) {
		if (!said[k])
			continue;
		if (strcmp(said[k], pick))
			return false;
		seconds++;
	}
	if (seconds < 2)
		return false;
	snprintf(val, size, "%s", pick);
	return true;
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
 * look asks - else held, for the MRZ to confirm (fft_mrz_check). A number one
 * reading gives, the other none, is held the same way - unless the third
 * model reads it surely, as another reading does, none saying another
 * (third_reads_word). On 1020 identity copies of build/mkfax (nine seeds,
 * samples A and B) this and number_all_say (fftext.c) took 17 numbers
 * held before, all right (the readings logged beforehand: 6 and 11);
 * allowing a reading that says another number would take 2 more, right
 * there, but where second_look allowed it the page's model and the third
 * shared misreads (3 wrong of 11).
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
		if (!fft_is_al(v->s[i]) || (i > 0 && fft_is_al(v->s[i - 1])) || fft_on_mrz_line(v, i))
			continue;
		while (j < v->n && fft_is_al(v->s[j]))
			digits += isdigit((unsigned char)v->u[j++]) != 0;
		/* a word of digits only (a date without its separators) is
		 * no number that lost its letters: not worth a reading */
		if (j - i < 8 || j - i > 11 || digits < 3 || digits == (int)(j - i))
			continue;
		tries++;
		struct ocr_region r = fft_span_region(v, i, j);
		struct idnum got[2];
		unsigned long long doubts[2] = { 0, 0 };
		double conf[2] = { 0, 0 };
		bool have[2] = { false, false };
		for (int k = 0; k < 2; k++)
			have[k] = fft_idnum_read_again(rd, k, &r, &got[k], &doubts[k], NULL, &conf[k])
				  && (!shape || got[k].shape == shape)
				  && word_reads_as(v, i, j, got[k].val);
		if (have[0] && have[1] && strcmp(got[0].val, got[1].val))
			continue;
		bool sure = false;
		for (int k = 0; k < 2 && have[0] && have[1]; k++)
			sure = sure || (!doubts[k] && conf[k] >= FF_MIN_CONF
					&& conf[!k] >= FF_MIN_CONF_SAME);
		char third[sizeof got[0].val];
		const char *val = have[0] ? got[0].val : have[1] ? got[1].val : NULL;
		/* else a third model's sure reading with a second */
		if (!sure && third_reads_word(v, i, j, &r, shape, got, have, third, sizeof third))
			val = third, sure = true;
		if (!val)
			continue;
		struct ocr_field *f = ocr_document_set(d, "number", val, sure ? FF_MIN_CONF : 0.5, &r,
						       sure ? NULL : fft_read_doubt);
		if (f) {
			free(f->raw);
			f->raw = fft_span_text(v, i, j);
		}
		if (!sure)
			ocr_document_add_reason(d, fft_read_doubt, "number",
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
	 * second reading (fft_mrz_check), not its first */
	while (!have && (s = fft_pfind_any(v, from, v->n, labels, &e)) >= 0) {
		from = e;
		size_t i = fft_skip_sep(v, e);
		if (fft_idnum_at(v, i, &cand) && !fft_on_mrz_line(v, i))
			num = cand, have = true;
	}
	for (size_t i = 0; !have && i < v->n; i++)
		if (fft_idnum_at(v, i, &cand) && !fft_on_mrz_line(v, i))
			num = cand, have = true;

	if (fft_pfind(v, 0, v->n, "patente*", NULL) >= 0 || fft_pfind(v, 0, v->n, "driving", NULL) >= 0)
		kind = "driving-licence";
	else if (fft_pfind(v, 0, v->n, "passaporto", NULL) >= 0 || fft_pfind(v, 0, v->n, "passport", NULL) >= 0)
		kind = "passport";
	else if (fft_has_any(v, electronic))
		kind = "electronic-id-card";
	else if (fft_has_any(v, paper))
		kind = "paper-id-card";
	else if (have && num.shape != shape_licence)
		/* a card said by its number's shape alone: as sure as that number */
		by_shape = kind = num.shape == fft_shape_electronic ? "electronic-id-card"
								: "paper-id-card";
	double kconf = 1.0;
	if (!kind) {
		/* a title with a letter or two misread, or a licence's
		 * categories (AM/B1/B) */
		kconf = 0.85;
		if (fft_fuzzy_has(v, "patente di guida", 2) || fft_licence_categories(v))
			kind = "driving-licence";
		else if (fft_fuzzy_has(v, "passaporto", 1))
			kind = "passport";
		else if (fft_fuzzy_has(v, "elettronica", 1) || fft_fuzzy_has(v, "identity card", 1))
			kind = "electronic-id-card";
	}
	if (kind && !by_shape)
		fft_put(d, v, "kind", kind, 0, 0, FF_MIN_CONF, NULL, kconf);
	if (by_shape)
		fft_put(d, v, "kind", kind, num.s, num.e, FF_MIN_CONF,
			num.mapped ? "LOW_CONFIDENCE" : NULL, 1.0);

	if (!have) {
		idnum_reread(d, v, !kind ? NULL : !strcmp(kind, "electronic-id-card") ? fft_shape_electronic
				   : !strcmp(kind, "driving-licence") ? shape_licence : fft_shape_paper);
		return;
	}
	/* the number must have the shape of its kind */
	bool fits = !kind
		    || (!strcmp(kind, "electronic-id-card") && num.shape == fft_shape_electronic)
		    || (!strcmp(kind, "paper-id-card") && num.shape == fft_shape_paper)
		    || (!strcmp(kind, "passport") && num.shape == fft_shape_paper)
		    || (!strcmp(kind, "driving-licence") && num.shape == shape_licence);
	fft_put(d, v, "number", num.val, num.s, num.e, FF_MIN_CONF,
		!fits ? "LOW_CONFIDENCE" : num.mapped ? fft_read_doubt : NULL, 1.0);
}

/*
 * A surname or given name trusted on the page's reading alone, with a
 * confidence short of FF_MIN_CONF_ID_ALONE - no trusted fiscal code that
 * encodes it, no MRZ that says it - is read again, its region in grey by
 * the other model (fft_grey_says), and held unless that reading says the
 * same. (Seeds 601 and 901: a licence's GRISTINA for CRISTINA at 0.90,
 * SIEVIA for SILVIA at 0.91, each read otherwise in grey.)
 */
/* Whether the holder's surname or given name (name) as read is what a
 * trusted fiscal code's letters or the machine-readable zone says. */
static bool name_witnessed(const struct ocr_document *d, const struct fview *v, const char *name)
{
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	const struct ocr_field *f = ocr_document_field(d, name);

	return (f && cf && !cf->reason && strlen(cf->value) == 16
		&& fft_cf_part_is(cf->value, f->value, !strcmp(name, "name")))
	       || fft_mrz_says_name(v, d, name);
}

static void id_names_read_twice(struct ocr_document *d, const struct fview *v)
{
	static const char *const names[] = { "surname", "name" };

	for (int k = 0; k < 2; k++) {
		const struct ocr_field *f = ocr_document_field(d, names[k]);
		if (!f || f->reason || f->confidence < FF_MIN_CONF_ID
		    || f->confidence >= FF_MIN_CONF_ID_ALONE || name_witnessed(d, v, names[k]))
			continue;
		if (fft_grey_says(v, d, names[k]) == 0)
			fft_hold(d, names[k], "read once, and otherwise in grey");
	}
}

/*
 * An Italian given name ends in a vowel; one read ending in a consonant
 * lost or misread its last letter (FABIG for FABIO, MONIC for MONICA) -
 * or is one of the few foreign ones, which a clerk confirms. Held unless a
 * trusted fiscal code or the machine-readable zone says it. On 1020
 * identity copies of build/mkfax: 2 given names so trusted, both wrong
 * (fresh pages 3095, 4611), of 636.
 */
static void id_name_ends_in_consonant(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *f = ocr_document_field(d, "name");
	size_t n;

	if (!f || f->reason || !(n = strlen(f->value)) || !isalpha((unsigned char)f->value[n - 1])
	    || strchr("AEIOUaeiou", f->value[n - 1]) || name_witnessed(d, v, "name"))
		return;
	fft_hold(d, "name", "a given name ending in a consonant: its last letter misread?");
}

/*
 * A trusted expiry before the day the page is read as of refuses the
 * document (ID_EXPIRED, DESIGN.md) on the reader's word: it is held for a
 * clerk instead. The documents made by build/mkfax never are expired, and
 * the five expiries read before the day on 1020 of its identity copies
 * were all misread, two of them trusted (an issue date 22.99.2018 taken
 * for the expiry, 27/11/2022 for 2032); an expired document still
 * reaches a clerk.
 */
static void id_expiry_not_past(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *x = ocr_document_field(d, "expiry");
	struct fdate q;

	if (!x || x->reason || sscanf(x->value, "%d-%d-%d", &q.y, &q.m, &q.d) != 3)
		return;
	int key = fft_fdate_key(&q), today = fft_view_today(v);
	if (key < today)
		fft_hold(d, "expiry", "expiry before the day of receipt, read once: a clerk confirms it");
	/* nor can it end eleven years or more after that day: issued by then,
	 * ten years at most, then to the holder's birthday (a licence's
	 * 08/11/2039 for 2030, fresh page 2763 - the one trusted expiry past
	 * it on 1020 identity copies) */
	else if (key >= today + 110000)
		fft_hold(d, "expiry", "later than a document issued by the day of receipt can end");
}

void fft_parse_identity(struct ocr_document *d, const struct fview *v)
{
	id_number_kind(d, v);
	id_names(d, v);
	id_dates(d, v);
	fft_find_cf(d, v, "fiscal_code");
	fft_cf_birth(d, v);
	fft_mrz_check(d, v);
	fft_cf_from_card(d, v);
	/* the expiry as its own readings said it, before the birth date
	 * read says it too (fft_id_expiry_issued): the birth date's witness */
	const struct ocr_field *x = ocr_document_field(d, "expiry");
	char expiry[16] = "";
	if (x && !x->reason)
		snprintf(expiry, sizeof expiry, "%s", x->value);
	fft_id_expiry_issued(d, v);
	fft_id_dates_voted(d, v, expiry);
	fft_id_expiry_birth_line(d, v);
	fft_id_dates_on_birthday(d, v, expiry);
	fft_id_birth_off_expiry(d, v);
	/* the last resort: a day or month no calendar has, mended, and
	 * witnessed by the other date's day and month */
	struct fview mv = *v;
	mv.mend = true;
	id_dates(d, &mv);
	fft_id_dates_on_birthday(d, &mv, expiry);
	fft_mrz_confirm_late(d, v);
	fft_cf_confirm_late(d, v);
	fft_cf_cross_check(d);
	id_names_read_twice(d, v);
	id_name_ends_in_consonant(d, v);
	fft_cf_witnessed_late(d, v);
	id_expiry_not_past(d, v);
}
