/*
 * ffmrz - the machine-readable zone of identity copies (ICAO 9303: TD1 on
 * electronic identity cards, TD3 on passports): its lines found and read,
 * its check digits, and what it confirms or contradicts of the printed
 * number, dates and names. Part of the free-form text reader
 * (ocr/fftext.c).
 *
 * Failure policy: nothing here fails. The zone only confirms or holds
 * printed values; a value taken from the zone alone must pass its check
 * digit.
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
#include "ocr/formtext.h"
#include "ocr/freeform.h"

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
		char c = isdigit((unsigned char)*p) && digits ? fft_letter_for(*p) : *p;
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
			char g = isdigit((unsigned char)got) && nam && i >= sl ? fft_letter_for(got) : got;
			if (ocr_text_capital_twin(g))
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

void fft_find_mrz(const struct fview *v, bool passport, struct mrz *m)
{
	memset(m, 0, sizeof *m);
	for (size_t ls = 0; ls < v->n; ls = fft_line_end(v, ls) + 1) {
		size_t le = fft_line_end(v, ls), lt = 0;
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

/* Whether the page's MRZ says the trusted value of name (surname or name),
 * as mrz_names_check reads it: a second reading of it, in another font. */
bool fft_mrz_says_name(const struct fview *v, const struct ocr_document *d, const char *name)
{
	const char *kind = ocr_document_value(d, "kind");
	const char *sur = ocr_document_value(d, "surname"), *nam = ocr_document_value(d, "name");
	struct mrz m;

	fft_find_mrz(v, kind && !strcmp(kind, "passport"), &m);
	if (!m.field[0] || !sur)
		return false;
	if (!strcmp(name, "surname"))
		return mrz_says(m.field, sur, NULL, false);
	return nam && mrz_says(m.field, sur, nam, false);
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

static void mrz_row(const struct fview *v, size_t ls, struct mrzrow *r)
{
	size_t le = fft_line_end(v, ls);
	r->n = 0;
	/* a speck read before the line's first character is not part of it */
	while (ls < le && !fft_is_al(v->u[ls]) && v->u[ls] != '<')
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
	f->cd = fft_digit_for(r->c[off + (size_t)len]);
	if (off + (size_t)len + 2 <= r->n) {
		memcpy(f->longer, r->c + off, (size_t)len + 1);
		f->longer[len + 1] = '\0';
		f->cd2 = fft_digit_for(r->c[off + (size_t)len + 1]);
	}
	f->s = r->at[off];
	f->e = r->at[off + (size_t)len - 1] + 1;
	f->ce = r->at[off + (size_t)len] + 1;
	for (int i = 0; i <= len; i++) {
		size_t at = r->at[off + (size_t)i];
		bool letter = i < len && shape[i] == 'L';
		char c = r->c[off + (size_t)i], want = letter ? fft_letter_for(c) : fft_digit_for(c);
		/* the other kind where the format wants this one: its look-alike
		 * (O for 0, 8 for B), counted as a repair */
		if (want && want != c)
			c = want, mapped++;
		memset(&s[i], 0, sizeof s[i]);
		s[i].ch[0] = c;
		s[i].conf = v->t->conf ? v->t->conf[v->map[at]] : 1.0;
		for (const char *a = fft_alts_at(v, at); *a && s[i].nalt < OCR_MAX_ALTS; a++) {
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
		if (!fft_shape_ok(shape[i], c)) {
			t->unread++;
			t->alike += (shape[i] == 'L' ? fft_letter_for(c) : fft_digit_for(c)) == printed[i];
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
		if (islower((unsigned char)c) || fft_letter_for(c) != "ITA"[i])
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
	if (birth && y > fft_view_today(v) / 10000)
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

/* The expiry that fails its check where it stands, after the sex at
 * sex, and passes it one place right: a character read twice between
 * them (M13603033 for M3603033). Kept in m->late, which only ever holds. */
static void mrz_late_expiry(const struct fview *v, const struct mrzrow *r, size_t sex,
			    struct mrzchk *m)
{
	struct mrzfield l;
	char iso[16];

	if (m->late.how || sex >= r->n || !strchr("MF<", r->c[sex]))
		return;
	mrz_field(v, r, sex + 2, "DDDDDD", &l);
	if (l.how == MRZ_READ && l.unique && mrz_iso(v, l.val, false, iso))
		m->late = l;
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
	if (!x.how)
		mrz_late_expiry(v, r, off + 7, m);
}

static void mrz_number_at(const struct fview *v, const struct mrzrow *r, size_t off,
			  const char *shape, bool sure, struct mrzchk *m)
{
	struct mrzfield f;
	mrz_field(v, r, off, shape, &f);
	f.sure = sure;
	size_t b = f.placed ? v->map[f.s] : 0;
	f.once = f.placed && b >= v->t->once_s && b < v->t->once_e;
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
	size_t at = fft_line_end(v, ls) + 1;
	for (int k = 0; k < 25 && at < v->n; k++, at = fft_line_end(v, at) + 1) {
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

bool ff_td1_number(const char *s, size_t n, char num[16])
{
	struct mrzrow r = { .n = 0 };
	for (size_t i = 0; i < n && r.n < sizeof r.c - 1; i++)
		if (s[i] != ' ')
			r.c[r.n++] = s[i];
	r.c[r.n] = '\0';
	size_t len = strlen(fft_shape_electronic);
	for (size_t k = 1; k <= 8; k++) {
		if (!mrz_ita(&r, k) || k + 3 + len >= r.n)
			continue;
		for (size_t i = 0; i <= len; i++) {
			char c = r.c[k + 3 + i];
			num[i] = i < len && fft_shape_electronic[i] == 'L' ? fft_letter_for(c) : fft_digit_for(c);
			if (!num[i])
				break;
		}
		num[len + 1] = '\0';
		if (strlen(num) == len + 1 && ocr_check_mrz(num)) {
			num[len] = '\0';
			return true;
		}
	}
	num[0] = '\0';
	return false;
}

void fft_find_mrz_checked(const struct fview *v, const char *kind, struct mrzchk *m)
{
	struct mrzrow r;
	bool card = kind && !strcmp(kind, "electronic-id-card");
	bool passport = kind && !strcmp(kind, "passport");

	memset(m, 0, sizeof *m);
	if (!card && !passport)
		return;
	for (size_t ls = 0; ls < v->n; ls = fft_line_end(v, ls) + 1) {
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
					mrz_number_at(v, &r, k + 3, fft_shape_electronic, true, m);
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
				f->cd = fft_digit_for(r.c[5]);
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
				mrz_number_at(v, &r, p - 10, fft_shape_paper, p == 10, m);
				mrz_dates_at(v, &r, p + 3, joined ? 0 : 13, m);
			}
		/* ITA one place early: the number read one character short
		 * at the line's start, its check digit before ITA; the dates
		 * after ITA (mrz_early_confirms) */
		if (mrz_ita(&r, 9) && !mrz_ita(&r, 10) && !mrz_ita(&r, 11) && !m->merged.placed) {
			mrz_field(v, &r, 12, "DDDDDD", &m->early[0]);
			mrz_field(v, &r, 20, "DDDDDD", &m->early[1]);
			if (!m->early[1].how)
				mrz_late_expiry(v, &r, 19, m);
			struct mrzfield *f = &m->merged;
			f->placed = true;
			memcpy(f->raw, r.c, 8);
			f->raw[8] = '\0';
			f->cd = fft_digit_for(r.c[8]);
			f->s = r.at[0], f->e = r.at[7] + 1, f->ce = r.at[8] + 1;
		}
	}
}

/* Keeps a field but takes its trust away. */
void fft_hold(struct ocr_document *d, const char *name, const char *why)
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
	for (size_t ls = 0; ls < v->n; ls = fft_line_end(v, ls) + 1) {
		size_t le = fft_line_end(v, ls), a = fft_skip_blanks(v, ls), b = le;
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

void fft_yymmdd(const char *iso, char out[7])
{
	snprintf(out, 7, "%.2s%.2s%.2s", iso + 2, iso + 5, iso + 8);
}

/* Gives a held field its trust back: a second, independent reading (the
 * machine-readable zone) says the same. */
void fft_unhold(struct ocr_document *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (!strcmp(d->fields[i].name, name)) {
			free(d->fields[i].reason);
			d->fields[i].reason = NULL;
		}
	ocr_document_remove_reasons(d, name);
}

/* A YYMMDD of the MRZ that is a day of the calendar. */
bool fft_mrz_day(const char *y6)
{
	int m = (y6[2] - '0') * 10 + (y6[3] - '0'), dd = (y6[4] - '0') * 10 + (y6[5] - '0');
	return m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

/*
 * Whether the held printed number's region, read again by the other model
 * (as printed, else in grey at twice the size), gives the number value as
 * its first of a document number's shape, every character as read.
 */
static bool printed_reread_says(const struct fview *v, const struct ocr_document *d,
				const char *value)
{
	const struct ff_reader *rd = v->t->reread;
	const struct ocr_field *f = ocr_document_field(d, "number");
	if (!rd || !f || f->region.w <= 0)
		return false;
	for (int k = 0; k < 2; k++) {
		struct idnum num;
		unsigned long long doubts, mapped;
		double conf;
		if (fft_idnum_read_again(rd, k, &f->region, &num, &doubts, &mapped, &conf) && !mapped
		    && !strcmp(num.val, value))
			return true;
	}
	return false;
}

/* True when c, read at place k of the MRZ's field mf, is a twin of the
 * letter there: another capital that passes the check as well (M and W, F
 * and P: values ten apart), where Tesseract offered one (mf->twins). */
static bool mrz_twin_letter(const struct mrzfield *mf, size_t k, char c)
{
	return (mf->twins >> k & 1u) && c != mf->val[k] && isupper((unsigned char)c)
	       && (ocr_mrz_value(c) - ocr_mrz_value(mf->val[k])) % 10 == 0;
}

/* True when the printed number (held: the page read another) reads a twin
 * of the MRZ's letter (mrz_twin_letter) somewhere: the printed reading then
 * sides with the runner-up. */
static bool printed_reads_twin(const struct mrzfield *mf, const char *printed)
{
	size_t len = strlen(mf->val);
	if (!printed || strlen(printed) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (mrz_twin_letter(mf, i, printed[i]))
			return true;
	return false;
}

/*
 * A field that only the MRZ gives (the printed one absent, or held and
 * different): the MRZ's value, else held for a clerk, trusted when its
 * check digit passed as read, in its place, and (dates) it stands where it
 * belongs - or, a number, when a reading of the printed one's region again
 * gives it: two readings, one of them checked. A check digit passes one
 * misreading in ten; where a character Tesseract offered in place of one
 * of the number's passes as well (a twin: a letter whose value differs by
 * ten, M for W, P for F), the check cannot tell the two apart, but
 * Tesseract's first choice can: of 72 numbers of 1020 identity copies of
 * build/mkfax whose MRZ reading had a twin, all 72 first choices were
 * right. Such a number is trusted unless the printed reading sides with
 * the twin (printed_reads_twin, mrz_twins_printed); a date has no twins
 * (no two digits' weighted values differ by ten). A number from a line
 * read once, chosen by its check among readings that failed it (mf->once,
 * freeform.c's reread_td1_number), is held: taken on their check alone,
 * such readings gave 31 numbers of the 84 electronic cards whose number
 * was not trusted on 1020 identity copies of build/mkfax, 29 right and two
 * wrong (CA21290NW for CA31290QW, read once; GR01047HK for CX01047HK, read
 * alike three times, which the series' C refuses).
 */
static void mrz_alone(struct ocr_document *d, const struct fview *v, const char *name,
		      const char *value, const struct mrzfield *mf)
{
	const struct ocr_field *held = ocr_document_field(d, name);
	bool number = !strcmp(name, "number");
	bool unique = mf->unique
		      || (number && !mf->twin_said && !printed_reads_twin(mf, held ? held->value : NULL));
	const char *why = (mf->how == MRZ_READ || mf->how == MRZ_MAPPED) && mf->sure && unique
			  && !mf->once ? NULL : "LOW_CONFIDENCE";
	if (why && mf->how && number && printed_reread_says(v, d, value))
		why = NULL;
	double c = fft_span_conf(v, mf->s, mf->e);
	struct ocr_region r = fft_span_region(v, mf->s, mf->e);
	ocr_document_remove_reasons(d, name);
	ocr_document_remove(d, name);
	struct ocr_field *f = ocr_document_set(d, name, value, c, &r, why);
	if (f)
		f->raw = fft_span_text(v, mf->s, mf->e);
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
			fft_unhold(d, name);
	} else if (f && f->reason) {
		mrz_alone(d, v, name, value, mf);
	} else {
		fft_hold(d, name, "differs from the checked machine-readable zone");
	}
}

/* Puts value, read at [fs, fe), as trusted in place of name's field: two
 * readings, one of them checked, say it. */
static void set_confirmed(struct ocr_document *d, const struct fview *v, const char *name,
			  const char *value, size_t fs, size_t fe)
{
	struct ocr_region r = fft_span_region(v, fs, fe);
	ocr_document_remove_reasons(d, name);
	ocr_document_remove(d, name);
	struct ocr_field *f = ocr_document_set(d, name, value, fft_span_conf(v, fs, fe), &r, NULL);
	if (f)
		f->raw = fft_span_text(v, fs, fe);
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
		if ((i > 0 && fft_is_al(v->s[i - 1])) || !fft_is_al(v->s[i]))
			continue;
		while (j < v->n && fft_is_al(v->s[j]) && n <= len + 1)
			pos[n++] = j++;
		if (n != len + 1 || fft_on_mrz_line(v, i))
			continue;
		for (size_t a = 0; a <= len; a++) {
			size_t k = 0;
			for (size_t q = 0; q <= len; q++)
				if (q != a)
					sel[k++] = pos[q];
			int m = fft_fit_shape(v, sel, len, shape, val);
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
		if (fft_idnum_at(v, i, &num) && !num.mapped && !strcmp(num.val, val) && !fft_on_mrz_line(v, i)) {
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
 * (or their look-alikes: B for 8) between its letters, begins (and, with
 * the card's two letters at the end, ends) with the letters of the MRZ's
 * number as read, those places among them: a second reading, in another
 * font, of the letters in doubt (1) - or with a twin's letter where the
 * MRZ has one and the MRZ's letters elsewhere: a second reading that
 * sides with the runner-up (-1, whatever other words say). 0: no word
 * says.
 */
static int mrz_twins_printed(const struct fview *v, const struct mrzfield *mf, const char *shape)
{
	size_t len = strlen(shape), lead = strspn(shape, "L"), tail = 0;
	unsigned letters = 0;
	int said = 0;

	while (tail < len - lead && shape[len - 1 - tail] == 'L')
		tail++;
	for (size_t k = 0; k < len; k++)
		if (shape[k] == 'L' && (k < lead || k >= len - tail))
			letters |= 1u << k;
	if (!mf->how || !mf->twins || (mf->twins & ~letters))
		return 0;
	for (size_t i = 0; i < v->n; i++) {
		size_t j = i, digits = 0;
		if ((i > 0 && fft_is_al(v->s[i - 1])) || !fft_is_al(v->s[i]) || fft_on_mrz_line(v, i))
			continue;
		while (j < v->n && fft_is_al(v->s[j]))
			j++;
		size_t n = j - i;
		if (n + 1 < len || n > len + 1)
			continue;
		for (size_t k = i + lead; k + tail < j; k++)
			digits += fft_digit_for(v->u[k]) != 0;
		if (digits < 4)
			continue;
		/* the word's letters against the MRZ's: the same, a twin's, other */
		size_t twin = 0, other = 0;
		for (size_t k = 0; k < len; k++) {
			if (!(letters >> k & 1u))
				continue;
			char c = v->u[k < lead ? i + k : j - (len - k)];
			if (c == mf->val[k])
				continue;
			if (mrz_twin_letter(mf, k, c))
				twin++;
			else
				other++;
		}
		if (other == 0 && twin > 0)
			return -1;
		if (other == 0)
			said = 1;
	}
	return said;
}

/*
 * A printed date with one digit misread into no date at all (93-01 for
 * 03-01, 38.11 for 28.11): dd mm yyyy at i (fft_dmy_at, any of the
 * separators fft_date_at and loose_date_at allow) that differs from day, month and two-digit year yy, which a
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

	if (i > 0 && fft_is_al(v->s[i - 1]))
		return false;
	if (!fft_dmy_at(v, i, ",.:;/- ", read, &k) || (k < v->n && fft_is_al(v->s[k])) || fft_date_at(v, i, &q))
		return false;
	int year = fft_view_today(v) / 10000;
	for (int cent = 19; cent <= 20 && (!birth || cent * 100 + yy <= year); cent++) {
		int diff = 0;
		snprintf(want, sizeof want, "%02d%02d%02d%02d", day, month, cent, yy);
		for (int c = 0; c < 8; c++)
			diff += read[c] != want[c];
		if (diff == 1 && fft_date_fill(&q, i, k, cent * 100 + yy, month, day, false, D_NONE)) {
			*out = q;
			found++;
		}
	}
	return found == 1;
}

/* date_misread for the birth date that the fiscal code cf encodes. */
bool fft_cf_date_misread(const struct fview *v, size_t i, const char *cf, struct fdate *out)
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
 * True when the MRZ's field f reads, as a character of the kind its place
 * wants, another character than the printed number p where the page read
 * the number's character as the other kind (C766610F0, its 7 mapped to a
 * T; the MRZ's Z there): the printed value there is the shape's guess, not
 * a reading, and the check digit passing with it is chance, not a second
 * reading (seed 2401 page 2472: CT66610FO trusted for CZ66610FQ). raw: the
 * page's reading of the number.
 */
static bool mrz_differs_where_mapped(const struct mrzfield *f, const char *shape, const char *p,
				     const char *raw)
{
	char r[16];
	size_t n = 0, len = strlen(shape);
	for (; raw && *raw && n < sizeof r - 1; raw++)
		if (isalnum((unsigned char)*raw))
			r[n++] = (char)toupper((unsigned char)*raw);
	if (!f->placed || n != len || strlen(p) != len || strlen(f->raw) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = f->raw[i];
		if (r[i] != p[i] && fft_shape_ok(shape[i], c) && c != p[i])
			return true;
	}
	return false;
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
	int told = !date && mf->how && !mf->unique ? mrz_twins_printed(v, mf, shape) : 0;
	if (told) {
		said = *mf;
		said.unique = told > 0;
		said.twin_said = told < 0;
		mf = &said;
	}
	if (f && date)
		fft_yymmdd(f->value, printed);
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
	if (f && !(!date && mrz_differs_where_mapped(mf, shape, printed, f->raw))
	    && (mrz_confirms(mf, shape, printed) || mrz_confirms_wide(mf, shape, printed)
		|| (!date && mrz_confirms_digits(mf, shape, printed))
		|| (!date && mrz_confirms_alike(mf, shape, printed)))) {
		if (f->reason)
			fft_unhold(d, name);
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
	n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	for (q = 0; q < n; q++) {
		char y6[7];
		fft_yymmdd(dates[q].iso, y6);
		if (mf->how ? !strcmp(y6, mf->val) : mrz_confirms(mf, shape, y6))
			break;
	}
	if (q < n) {
		fft_put(d, v, name, dates[q].iso, dates[q].s, dates[q].e, 0.0, NULL, 1.0);
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
			fft_put(d, v, name, mq.iso, mq.s, mq.e, 0.0, NULL, 1.0);
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
	for (size_t ls = 0; ls < v->n; ls = fft_line_end(v, ls) + 1) {
		size_t le = fft_line_end(v, ls), a = le, b = ls;
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
		char *t = fft_span_caps(v, a, b);
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
				fft_unhold(d, namefields[k]);
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
			       && fft_cf_part_is(cf->value, f->value, k == 1)
			       && !fft_cf_part_is(cf->value, mv, k == 1);
		if (f && !same_name(f->value, mv) && cf_says)
			continue;
		/* and the other way: the printed name misread (RIO for MARIO)
		 * where the code agrees with the MRZ's and not with it */
		bool cf_says_mrz = f && cf && !cf->reason && strlen(cf->value) == 16
				   && fft_cf_part_is(cf->value, mv, k == 1)
				   && !fft_cf_part_is(cf->value, f->value, k == 1);
		/* (in capitals, as the card prints it: Rossi is another reading) */
		bool line = (line_is(v, mv, &fs, &fe) || (m->split && name_line(v, mv, &fs, &fe)))
			    && !has_lower(v, fs, fe);
		if (f && !same_name(f->value, mv) && cf_says_mrz) {
			/* the code says some letters of a name only (its first
			 * consonants, not the second of four, nor the vowels
			 * after three): the printed value is a reading of the
			 * MRZ's when alike (half its letters the same); one
			 * nothing like it (a label read for the name, NARN) is
			 * none, and the MRZ's value stands alone - held, but
			 * where a line of the page says it too */
			struct ocr_region r = f->region;
			double c = f->confidence;
			size_t pl = strlen(f->value), ml = strlen(mv);
			bool alike = 2 * fft_edit_dist(f->value, pl, mv) <= (int)(pl > ml ? pl : ml);
			ocr_document_remove_reasons(d, namefields[k]);
			ocr_document_remove(d, namefields[k]);
			ocr_document_set(d, namefields[k], mv, c, &r,
					 alike || line ? NULL : "LOW_CONFIDENCE");
			continue;
		}
		if (f && !same_name(f->value, mv)) {
			bool doubt = f->reason != NULL;
			fft_hold(d, namefields[k], "differs from the machine-readable zone");
			if (!doubt || !line)
				continue;
			ocr_document_remove_reasons(d, namefields[k]);
			ocr_document_remove(d, namefields[k]);
			f = NULL;
		} else if (f && f->reason) {
			fft_unhold(d, namefields[k]);
		}
		if (!f && line) {
			/* read twice alike: as two readings that agree need */
			char *val = fft_span_caps(v, fs, fe);
			fft_put(d, v, namefields[k], val, fs, fe, FF_MIN_CONF_AGREED, NULL, 1.0);
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
		if (!fft_on_mrz_line(v, i)
		    && date_misread(v, i, (y6[4] - '0') * 10 + (y6[5] - '0'),
				    (y6[2] - '0') * 10 + (y6[3] - '0'), (y6[0] - '0') * 10 + (y6[1] - '0'),
				    !strcmp(name, "birth_date"), &mq) && !strcmp(mq.iso, iso)) {
			fft_put(d, v, name, mq.iso, mq.s, mq.e, 0.0, NULL, 1.0);
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
 * lost before it (fft_find_mrz_checked). Only ever a confirmation: that the
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
	fft_yymmdd(f->value, printed);
	if (strcmp(printed, mf->val))
		return false;
	fft_unhold(d, name);
	return true;
}

bool fft_of_shape(const char *value, const char *shape)
{
	if (strlen(value) != strlen(shape))
		return false;
	for (size_t k = 0; shape[k]; k++)
		if (!fft_shape_ok(shape[k], value[k]))
			return false;
	return true;
}

/* Whether the MRZ's check digit read as c (a digit or its look-alike)
 * passes with value: 1, 0; -1 when c is no digit. */
static int check_digit_says(const char *value, char c)
{
	char tmp[16];
	if (!fft_digit_for(c) || strlen(value) + 2 > sizeof tmp)
		return -1;
	snprintf(tmp, sizeof tmp, "%s%c", value, fft_digit_for(c));
	return ocr_check_mrz(tmp) ? 1 : 0;
}

/* Whether sub (n characters) is what is left of val when at most two of
 * its characters are left out (from anywhere, its first ones too). */
static bool leaves_of(const char *sub, size_t n, const char *val)
{
	size_t len = strlen(val), k = 0;
	if (n > len || n + 2 < len)
		return false;
	for (size_t i = 0; i < len && k < n; i++)
		k += val[i] == sub[k];
	return k == n;
}

/*
 * Whether the MRZ's text says the number val but for characters that a
 * poor reading added to it or lost (C<ITACV24129IMWE6 for CV24129WE, two
 * added; T06799653 for YT0679965, its Y lost): no character read
 * otherwise, so no reading that contradicts the printed one. At most two
 * gained or lost, not both; the first character kept where some were
 * added, the last where some were lost, the first too unless nothing was
 * read before.
 */
static bool mrz_says_with_gaps(const char *text, const char *val)
{
	size_t len = strlen(val), tl = strlen(text);
	if (len < 3)
		return false;
	for (size_t q = 0; q < tl; q++) {
		/* characters added: val inside text[q, q + len + 2), from q on */
		if (text[q] == val[0]) {
			size_t k = 0, e = q;
			for (; e < tl && e < q + len + 2 && k < len; e++)
				k += text[e] == val[k];
			if (k == len)
				return true;
		}
		/* characters lost: text[q, q + n) is val with one or two left
		 * out, its last character kept (a prefix of a number misread
		 * further on is no such thing), its first too unless nothing
		 * was read before it (VT0679965 contradicts YT0679965) */
		bool first_lost = q == 0 || !isalnum((unsigned char)text[q - 1]);
		for (size_t n = len - 2; n < len && q + n <= tl; n++)
			if (text[q + n - 1] == val[len - 1] && (text[q] == val[0] || first_lost)
			    && leaves_of(text + q, n, val))
				return true;
	}
	return false;
}

/*
 * A birth date or expiry held after the MRZ was weighed (fft_mrz_check):
 * one the last-resort pass mended, or one a later rule held. The MRZ's
 * date field confirms it as it confirms a printed date (mrz_confirms, or
 * with a character too many, mrz_confirms_wide): the held value passes
 * with the MRZ's check digit as read and the MRZ reads its digits but one
 * at most - a second reading, checked. Only a printed date (not one the
 * MRZ alone gave), and not a birth date the trusted fiscal code says
 * otherwise of.
 */
void fft_mrz_confirm_late(struct ocr_document *d, const struct fview *v)
{
	static const char *const names[] = { "birth_date", "expiry" };
	const char *k0 = ocr_document_value(d, "kind");
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	char kind[32], code[17] = "";
	struct mrzchk mc;
	bool found = false;

	/* copies: unholding a field moves the document's fields */
	if (!k0 || (strcmp(k0, "passport") && strcmp(k0, "electronic-id-card")))
		return;
	snprintf(kind, sizeof kind, "%s", k0);
	if (cf && !cf->reason && strlen(cf->value) == 16)
		memcpy(code, cf->value, sizeof code);
	for (int k = 0; k < 2; k++) {
		const struct ocr_field *f = ocr_document_field(d, names[k]);
		char y6[7];
		struct fdate q;
		/* (a date the MRZ alone gave, its six digits, is no second reading) */
		if (!f || !f->reason || strcmp(f->reason, "LOW_CONFIDENCE") || strlen(f->value) != 10
		    || !f->raw || strlen(f->raw) < 8)
			continue;
		if (k == 0 && code[0] && sscanf(f->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3
		    && !fft_cf_encodes(code, &q))
			continue;
		if (!found) {
			fft_find_mrz_checked(v, kind, &mc);
			found = true;
		}
		const struct mrzfield *mf = k ? &mc.expiry : &mc.birth;
		fft_yymmdd(f->value, y6);
		if (mrz_confirms(mf, "DDDDDD", y6) || mrz_confirms_wide(mf, "DDDDDD", y6))
			fft_unhold(d, names[k]);
	}
}

void fft_mrz_check(struct ocr_document *d, const struct fview *v)
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
	const struct ocr_field *held_kind = ocr_document_field(d, "kind");
	bool held_card = held_kind && held_kind->reason
			 && !strcmp(held_kind->value, "electronic-id-card");
	for (size_t k = 0; !titled && k < ARRAY_SIZE(mrz_kinds); k++) {
		fft_find_mrz_checked(v, mrz_kinds[k], &mc);
		/* or, where the page was taken for a card not surely (its
		 * title misread, its number's shape), the card's first line
		 * alone: C<ITA and a number read in its place whose check
		 * passes, no other character offered passing too */
		bool card_line = k == 1 && held_card && mc.number.sure && mc.number.unique
				 && !mc.number.once
				 && (mc.number.how == MRZ_READ || mc.number.how == MRZ_MAPPED);
		if ((mc.number.how && (mc.birth.how || mc.expiry.how))
		    || (mc.birth.how && mc.expiry.how) || card_line) {
			ocr_document_remove_reasons(d, "kind");
			ocr_document_remove(d, "kind");
			fft_put(d, v, "kind", mrz_kinds[k], 0, 0, FF_MIN_CONF, NULL, 0.85);
			titled = true;
			kind = ocr_document_value(d, "kind");
			passport = k == 0;
			/* a number taken before the kind was known (a paper card's
			 * shape, CA1234567, where a card's two last letters were
			 * read as digits) must have the kind's shape, as
			 * id_number_kind asks of one under a title */
			const struct ocr_field *nf = ocr_document_field(d, "number");
			if (nf && !fft_of_shape(nf->value, passport ? fft_shape_paper : fft_shape_electronic))
				fft_hold(d, "number", "not of the shape of its kind");
		}
	}
	/* (kind points into the fields, which the settling below moves) */
	fft_find_mrz_checked(v, kind, &mc);
	checked[0] = mrz_settle(d, v, "birth_date", "DDDDDD", &mc.birth, 1);
	checked[1] = mrz_settle(d, v, "expiry", "DDDDDD", &mc.expiry, 2);
	/* a trusted expiry that the MRZ's, checked one place off, contradicts */
	const struct ocr_field *xf = ocr_document_field(d, "expiry");
	char xy6[7];
	if (!checked[1] && mc.late.how && xf && !xf->reason && strlen(xf->value) == 10) {
		fft_yymmdd(xf->value, xy6);
		if (strcmp(xy6, mc.late.val))
			fft_hold(d, "expiry", "differs from the machine-readable zone, read one place off");
	}
	number_checked = mrz_settle(d, v, "number", passport ? fft_shape_paper : fft_shape_electronic,
				    &mc.number, 0);
	const struct ocr_field *held = ocr_document_field(d, "number");
	if (!number_checked && held && held->reason
	    && mrz_confirms_merged(&mc.merged, fft_shape_paper, held->value)) {
		fft_unhold(d, "number");
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
		fft_yymmdd(hb->value, hy6);
		if (mrz_confirms_merged(&mc.early[0], "DDDDDD", hy6)) {
			fft_unhold(d, "birth_date");
			checked[0] = true;
		}
	}

	fft_find_mrz(v, passport, &m);
	mrz_names_check(d, v, &m);
	if (!m.any)
		return;
	/* the dates and number without a check digit that passes: an MRZ
	 * reading all the same, if unverified */
	if (m.ndates >= 2) {
		struct fdate dates[32];
		size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
		for (int k = 0; k < 2; k++) {
			const struct ocr_field *f = ocr_document_field(d, datefields[k]);
			char y6[7];
			/* a misread MRZ date (not a day) says nothing */
			if (checked[k] || !fft_mrz_day(m.dates[k]))
				continue;
			if (f) {
				fft_yymmdd(f->value, y6);
				if (strcmp(y6, m.dates[k]))
					fft_hold(d, datefields[k], "differs from the machine-readable zone");
				else if (f->reason)
					fft_unhold(d, datefields[k]);
				continue;
			}
			/* a printed date that the MRZ confirms */
			for (size_t q = 0; q < n; q++) {
				fft_yymmdd(dates[q].iso, y6);
				if (!strcmp(y6, m.dates[k])) {
					fft_put(d, v, datefields[k], dates[q].iso, dates[q].s, dates[q].e,
						FF_MIN_CONF, NULL, dates[q].forced ? 0.5 : 1.0);
					break;
				}
			}
		}
	}
	const struct ocr_field *num = ocr_document_field(d, "number");
	if (number_checked)
		return;
	/* the number as printed, also in the MRZ (another font, another line)
	 * - unless the check digit after it there, read as a digit, says the
	 * two readings share a misread (YI2880986 with 0, which YJ2880986
	 * passes) */
	const char *in = num ? strstr(m.text, num->value) : NULL;
	bool refuted = in && strlen(num->value) == 9 && check_digit_says(num->value, in[9]) == 0;
	if (refuted)
		fft_hold(d, "number", "fails the machine-readable zone's check digit");
	else if (num && num->reason && strlen(num->value) >= 8 && in
		 && strcmp(num->reason, "FISCAL_CODE_CHECKSUM"))
		fft_unhold(d, "number");
	else if (num && !in && !mrz_says_with_gaps(m.text, num->value)) {
		/* nearly the same string in the MRZ: one of the readings is
		 * wrong - unless what differs is a look-alike of the kind the
		 * number has there (CK65695Z6 for CK65695ZG: an OCR-B 6 for a
		 * G), or the check digit read after it passes with the printed
		 * number (VV56761793 for YV5676170: the MRZ misread twice) */
		size_t len = strlen(num->value), tl = strlen(m.text);
		for (size_t q = 0; q + len <= tl; q++) {
			size_t diff = 0, unlike = 0;
			for (size_t c = 0; c < len; c++) {
				char t = m.text[q + c], p = num->value[c];
				diff += t != p;
				unlike += t != p
					  && (isdigit((unsigned char)p) ? fft_digit_for(t)
									: fft_letter_for(t)) != p;
			}
			if (diff > 2)
				continue;
			bool passes = q + len < tl && check_digit_says(num->value, m.text[q + len]) == 1;
			if (unlike > 0 && !passes)
				fft_hold(d, "number", "differs from the machine-readable zone");
			break;
		}
	}
}
