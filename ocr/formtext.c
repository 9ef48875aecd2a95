/*
 * formtext - what typed forms never hold: the shape rules and word lists
 * the form reader uses to doubt a value that both of its readings agree
 * on (a make of telephone one letter from a known one, a legal form two
 * letters from the usual spellings, a street name in small letters, a
 * model number like 523 for S23...), and the look-alike characters of
 * fax fonts. Pure functions of strings: tested on their own
 * (tests/check_formtext.c).
 *
 * Failure policy: none; every function answers for any string. A rule
 * says "doubtful" where a misreading is likely: the cost of a wrong
 * "doubtful" is a clerk's look, of a wrong "fine" a wrong value trusted.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ocr/form.h"
#include "ocr/formtext.h"

/* The character of the other kind that looks like c: a letter for a digit
 * (0 O, 1 I, 5 S, 8 B, 2 Z, 6 G) and the reverse; 0 when none. */
char ocr_text_lookalike(char c)
{
	static const char pairs[] = "0O1I5S8B2Z6GO0I1l1S5B8Z2G6";
	for (size_t i = 0; pairs[i]; i += 2)
		if (pairs[i] == c)
			return pairs[i + 1];
	return 0;
}

size_t ocr_text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 99;
	size_t d[64][64];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t s = d[i - 1][j - 1] + (tolower((unsigned char)a[i - 1]) !=
						      tolower((unsigned char)b[j - 1]));
			size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			d[i][j] = s < del ? (s < ins ? s : ins) : (del < ins ? del : ins);
		}
	return d[la][lb];
}

/* Whether w is one of the NULL-terminated list's words (with case). */
static bool in_list(const char *w, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(w, list[i]))
			return true;
	return false;
}

/* Copies the word at *p (up to one of seps) into w and moves *p past it
 * and the separators after it. Returns false at the end of the string. */
static bool next_word(const char **p, const char *seps, char *w, size_t wn)
{
	if (!**p)
		return false;
	size_t n = strcspn(*p, seps);
	snprintf(w, wn, "%.*s", (int)n, *p);
	*p += n;
	while (**p && strchr(seps, **p))
		(*p)++;
	return true;
}

/* A typed text begins with a capital letter or a digit (a lower-case first
 * letter is most often a misread capital), and does not end in a comma or
 * the like (most often a misread full stop). */
static bool text_shape(const char *v)
{
	size_t n = strlen(v);
	return !islower((unsigned char)v[0]) && !(n && strchr(",;:-", v[n - 1]));
}

/* The number at the end of an identity document's description, when it
 * mixes letters and digits, has a known shape: electronic card LL99999LL,
 * paper card or passport LL9999999. */
static bool id_document_shape(const char *v)
{
	const char *last = strrchr(v, ' ');
	last = last ? last + 1 : v;
	size_t n = strlen(last), nd = 0, na = 0;
	for (size_t i = 0; i < n; i++) {
		nd += isdigit((unsigned char)last[i]) != 0;
		na += isalpha((unsigned char)last[i]) != 0;
	}
	if (!nd || !na)
		return true;
	char shape[32];
	if (n >= sizeof shape)
		return false;
	for (size_t i = 0; i < n; i++)
		shape[i] = isdigit((unsigned char)last[i]) ? '9'
			   : isupper((unsigned char)last[i]) ? 'L' : 'x';
	shape[n] = 0;
	return !strcmp(shape, "LL99999LL") || !strcmp(shape, "LL9999999");
}

/* A person's name: every word begins with a capital, but for particles. */
static bool name_shape(const char *v)
{
	static const char *const particles[] = { "de", "di", "da", "del", "della", "dello",
						  "dei", "degli", "delle", "dal", "van", "von",
						  "la", "lo", NULL };
	char w[64];
	for (const char *p = v; next_word(&p, " ", w, sizeof w);)
		if (!in_list(w, particles) && !isupper((unsigned char)w[0]) &&
		    (unsigned char)w[0] < 0x80)
			return false;
	return true;
}

/* Makes of mobile telephones, as written on forms. */
static const char *const makes[] = {
	"Apple", "Samsung", "Xiaomi", "Redmi", "Poco", "Motorola", "Google", "Huawei",
	"Honor", "OPPO", "Oppo", "OnePlus", "Nokia", "Sony", "Realme", "Vivo", "Asus",
	"Alcatel", "Nothing", "Fairphone", "Wiko", "Doro", "Blackview", "Crosscall",
	"Emporia", "Brondi", "Ulefone", "Doogee", "Oukitel", "Cubot", "BlackBerry",
	"Lenovo", NULL
};

/* Italian legal forms of companies, the usual spellings. */
static const char *const legal_forms[] = {
	"S.r.l.", "S.r.l.s.", "S.p.A.", "S.n.c.", "S.a.s.", "S.s.", "S.c.a.r.l.",
	"S.R.L.", "S.P.A.", "S.N.C.", "S.A.S.", "Srl", "SRL", "Srls", "SpA", "SPA",
	"Snc", "SNC", "Sas", "SAS", "Scarl", NULL
};

/* A word known exactly (a make, a legal form): an alternative reading of
 * one of its letters would make a word that does not exist. */
bool ocr_text_known_word(const char *w)
{
	return in_list(w, makes) || in_list(w, legal_forms);
}

/* Characters the fonts of typed forms make look alike: a symbol read as one
 * of a group with another of the same group among its alternatives may be
 * either. */
bool ocr_text_confusable(const char *a, const char *b)
{
	static const char *const groups[] = { "0OoDQU", "1lIi|!", "5Ss", "2Zz", "6Gb", "8B", "9gq",
					      "Cc", "Vv", "Ww", "Xx", "Kk", "Pp", "Yy", "nr",
					      "uU", "ao", "ec", "ea", "JjI", "38", "68", "89", "56",
					      "17", "49", NULL };
	if (strlen(a) != 1 || strlen(b) != 1 || a[0] == b[0])
		return false;
	for (int i = 0; groups[i]; i++)
		if (strchr(groups[i], a[0]) && strchr(groups[i], b[0]))
			return true;
	return false;
}

/* Whether v, compared without case, is one or two letters away from one of
 * the spellings in `known` without being one of them (compared with case):
 * a misreading of a known word. */
static bool near_miss(const char *v, const char *const *known, size_t maxd)
{
	if (in_list(v, known))
		return false;
	for (int i = 0; known[i]; i++)
		if (ocr_text_distance(v, known[i]) <= maxd)
			return true;
	return false;
}

/* The first word of a model: a make of mobile telephones one letter away
 * from one of these is a misreading of it. */
static bool make_doubtful(const char *model)
{
	char w[32];
	size_t n = strcspn(model, " ");
	if (n < 4 || n >= sizeof w)
		return false;
	memcpy(w, model, n);
	w[n] = 0;
	return near_miss(w, makes, 1);
}

/* A model number of three digits or more that begins with a digit like a
 * letter (523, 642) is most often a letter and two digits misread (S23,
 * G42). */
static bool model_number_doubtful(const char *model)
{
	char w[64];
	for (const char *p = model; next_word(&p, " ", w, sizeof w);)
		if (strlen(w) >= 3 && strspn(w, "0123456789") == strlen(w) &&
		    ocr_text_lookalike(w[0]))
			return true;
	return false;
}

/* The last word of a company name, when it is a legal form, is spelt one
 * of the usual ways; one letter or two away from them is a misreading. */
static bool legal_form_doubtful(const char *company)
{
	const char *last = strrchr(company, ' ');
	last = last ? last + 1 : company;
	if (strlen(last) > 10)
		return false;
	return near_miss(last, legal_forms, 2);
}

/* An identity document named on a form: the kind before the number is
 * written one of the usual ways. */
static bool id_kind_doubtful(const char *v)
{
	static const char *const kinds[] = {
		"Carta d'identita'", "Carta d'identità", "Carta di identita'", "Carta di identità",
		"Carta d'identita' elettronica", "Carta d'identità elettronica", "Patente",
		"Patente di guida", "Passaporto", "CIE", "C.I.", NULL
	};
	char k[96];
	const char *last = strrchr(v, ' ');
	if (!last)
		return false;
	snprintf(k, sizeof k, "%.*s", (int)(last - v), v);
	return near_miss(k, kinds, 3);
}

/* Small words of Italian names that stay in lower case (Via dei Mille,
 * Rossi e Figli). */
static bool small_word(const char *w)
{
	static const char *const small[] = { "di", "del", "della", "dello", "dei", "degli", "delle",
					     "da", "dal", "dalla", "al", "alla", "ai", "e", "ed",
					     "in", "sul", "sulla", "d'", "n.", "c/o", "&", NULL };
	return in_list(w, small);
}

/* A company name: every word capitalised, but for small words. */
static bool capitalised(const char *v)
{
	char w[64];
	for (const char *p = v; next_word(&p, " ,", w, sizeof w);)
		if (islower((unsigned char)w[0]) && !small_word(w))
			return false;
	return true;
}

/* In an address or a place, the name after a street word (Via Verdi,
 * Piazza Duomo) is capitalised, but for small words. */
static bool street_shape(const char *v)
{
	static const char *const streets[] = { "Via", "Viale", "Piazza", "Piazzale", "Corso",
					       "Largo", "Vicolo", "Strada", "Lungomare", "Borgo",
					       "Contrada", "Località", "Loc.", NULL };
	char w[64];
	bool after_street = false;
	for (const char *p = v; next_word(&p, " ,", w, sizeof w);) {
		if (after_street && islower((unsigned char)w[0]) && !small_word(w))
			return false;
		after_street = false;
		for (int i = 0; streets[i]; i++)
			after_street |= !strcasecmp(w, streets[i]);
	}
	return true;
}

/* Shape rules for agreed text: what typed forms never hold. */
bool ocr_text_doubtful(const char *name, int content, const char *v)
{
	if (content == OCR_FORM_NAME && !name_shape(v))
		return true;
	if (!text_shape(v))
		return true;
	if (!strcmp(name, "id_document"))
		return !id_document_shape(v) || id_kind_doubtful(v);
	if (content == OCR_FORM_ADDRESS || !strcmp(name, "event_place"))
		return !street_shape(v);
	if (!strcmp(name, "company"))
		return !capitalised(v) || legal_form_doubtful(v);
	if (!strcmp(name, "model"))
		return make_doubtful(v) || model_number_doubtful(v);
	return false;
}

/* In a name every word begins with a capital. A sans-serif capital I is the
 * same stroke as a small l ("llaria" is "Ilaria"), and c o s u v w x z
 * differ from their capitals only in size ("chiara" is "Chiara"). Only
 * before small letters - two for I, three for the others - so never a
 * particle like "la" or "von"; the other reading must still agree. */
bool ocr_text_capital_twin(char c)
{
	return c && strchr("cosuvwxz", c);
}

void ocr_text_name_capitals(char *v)
{
	for (char *p = v; *p; p++) {
		bool start = p == v || p[-1] == ' ';
		if (!start || !islower((unsigned char)p[1]) || !islower((unsigned char)p[2]))
			continue;
		if (*p == 'l' || *p == 'i')
			*p = 'I';
		else if (ocr_text_capital_twin(*p) && islower((unsigned char)p[3]))
			*p = (char)toupper((unsigned char)*p);
	}
}

void ocr_text_line_prefix(char *v)
{
	if (v[0] == '+' && v[1] == '3' && isdigit((unsigned char)v[2]) && v[3] == ' ')
		v[2] = '9';
}
