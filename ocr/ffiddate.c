/*
 * ffiddate - identity dates checked by law and by vote: the expiry that
 * Italian law gives a document issued on a date to a holder born on a
 * date (10 years; to the birthday since DL 5/2012), and a vote among the
 * readings of a date's characters. Part of the free-form text reader
 * (ocr/fftext.c).
 *
 * Failure policy: nothing here fails. The law only settles a date that
 * was read: in doubt, or one character off the one date it allows; a date
 * is never made from the law alone.
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

/* dd/mm/yyyy at i with one of its two slashes read as a 1 or a 7, a blank
 * after it or not (10/0772036, 251 03/1968): the other one a slash. */
static bool slash_digit_shape_at(const struct fview *v, size_t i, char out[9], size_t *end)
{
	size_t k = i;
	int n = 0, digit_seps = 0;

	for (int p = 0; p < 3; p++) {
		for (int c = 0; c < (p < 2 ? 2 : 4); c++, k++) {
			if (k >= v->n || !fft_is_al(v->s[k]))
				return false;
			out[n++] = v->u[k];
		}
		if (p == 2)
			break;
		if (k >= v->n)
			return false;
		if (v->s[k] == '1' || v->s[k] == '7') {
			digit_seps++;
			k++;
			if (k < v->n && v->s[k] == ' ')
				k++;
		} else if (v->s[k] == '/') {
			k++;
		} else {
			return false;
		}
	}
	out[8] = '\0';
	if (digit_seps != 1 || (k < v->n && fft_is_al(v->s[k])))
		return false;
	*end = k;
	return true;
}

/* dd mm yyyy at i as printed, a letter standing for a digit here and there
 * (s0- 10- 2031; fft_dmy_chars_at) or a slash read as a digit
 * (slash_digit_shape_at), not after a letter or digit. */
static bool date_shape_at(const struct fview *v, size_t i, char out[9], size_t *end)
{
	return (i == 0 || !fft_is_al(v->s[i - 1]))
	       && (fft_dmy_chars_at(v, i, ",.:;/- ", true, out, end)
		   || slash_digit_shape_at(v, i, out, end));
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

static const char *const issue_labels[] = {
	"emissione", "issuing", "data di rilascio", "date of issue", "rilasciata il", "rilasciato il",
	NULL
};

/* The issue date of an identity document: the date of its label
 * (EMISSIONE, Data di rilascio, a licence's 4a.), or the only date whose
 * words before it say so. */
static const struct fdate *issue_date(const struct ocr_document *d, const struct fview *v,
				      const struct fdate *dates, size_t n)
{
	/* a licence's 4a. with its 4 read as an A or a d (Aa., da.), as its
	 * 4b. is (fft_id_lic_expiry) */
	static const char *const lic_issue[] = { "4a.", "aa.", "da.", NULL };
	const struct fdate *is = fft_label_date(v, dates, n, issue_labels, false, false);
	if (!is && fft_may_be_licence(d))
		is = fft_label_date(v, dates, n, lic_issue, true, false);
	if (!is)
		is = fft_label_date(v, dates, n, issue_labels, false, true);
	for (size_t k = 0; !is && k < n; k++)
		if (dates[k].kind == D_ISSUE) {
			for (size_t q = k + 1; q < n; q++)
				if (dates[q].kind == D_ISSUE && strcmp(dates[q].iso, dates[k].iso))
					return NULL;
			is = &dates[k];
		}
	return is;
}

bool fft_id_issue_at(const struct fview *v, size_t at)
{
	struct fdate dates[32];
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *is = fft_label_date(v, dates, n, issue_labels, false, false);
	if (!is || is->s != at)
		return false;
	/* the first date of its line (under labels side by side, the issue's
	 * column comes first) */
	for (size_t k = 0; k < n; k++)
		if (dates[k].s < at && dates[k].s >= fft_line_start(v, at))
			return false;
	return true;
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
	if (!fft_date_fill(&q, 0, 0, y, is->m, is->d, false, D_NONE))
		return false;
	snprintf(out[0], 16, "%s", q.iso);
	if (bm * 100 + bd < is->m * 100 + is->d)
		y++;
	if (fft_date_fill(&q, 0, 0, y, bm, bd, false, D_NONE))
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
	bool since = fft_fdate_key(is) >= BIRTHDAY_RULE_ISSUED;
	int y = atoi(f->value);

	if (b->reason || strlen(f->value) != 10 || strlen(b->value) != 10)
		return;
	if (y <= fft_view_today(v) / 10000 + 11 && !(bday && since && strcmp(f->value + 5, b->value + 5)))
		return;
	snprintf(fs8, sizeof fs8, "%.2s%.2s%.4s", f->value + 8, f->value + 5, f->value);
	int k = law_expiry_is(fs8, after, 1, bday);
	if (k < 0 || (bday && since && strcmp(after[k], after[1])))
		return;
	snprintf(iso, sizeof iso, "%s", after[k]);
	for (size_t i = 0; i < v->n; i++)
		if (fft_date_at(v, i, &q) && !q.forced && !strcmp(q.iso, f->value)) {
			ocr_document_remove_reasons(d, "expiry");
			ocr_document_remove(d, "expiry");
			fft_put(d, v, "expiry", iso, q.s, q.e, 0.0, NULL, 1.0);
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
 * them otherwise (20/93/2036 for 20/03/2036, s0-10-2031 for 20-10-2031),
 * or all of them, a slash read as a digit (10/0772036). Not when the
 * other of the two is as near (law_expiry_is), nor without a birth date
 * read (the years the law gives depend on the age). A checked
 * machine-readable zone has its say first: its expiry must be the same.
 */
void fft_id_expiry_issued(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *f = ocr_document_field(d, "expiry");
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	const char *kind = ocr_document_value(d, "kind");
	struct fdate dates[32];
	char after[2][16], y6[7], shape[9];
	struct mrzchk mc;

	if ((f && (f->reason == NULL || strcmp(f->reason, "LOW_CONFIDENCE"))) || !b)
		return;
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *is = issue_date(d, v, dates, n);
	if (!is || is->forced
	    || !expiry_after(is, b->value, kind && !strcmp(kind, "driving-licence"), after))
		return;
	bool bday = birthday_rule(kind);
	fft_find_mrz_checked(v, kind, &mc);
	if (f) {
		char fs8[9];
		snprintf(fs8, sizeof fs8, "%.2s%.2s%.4s", f->value + 8, f->value + 5, f->value);
		int k = law_expiry_is(fs8, after, 0, bday);
		if (k >= 0 && mc.expiry.how)
			fft_yymmdd(after[k], y6);
		if (k >= 0 && (!mc.expiry.how || !strcmp(mc.expiry.val, y6)))
			fft_unhold(d, "expiry");
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
		/* or its eight characters as they are, a separator misread
		 * (10/0772036) */
		if (k < 0)
			k = law_expiry_is(shape, after, 0, bday);
		if (i != is->s && !fft_date_at(v, i, &q) && k >= 0) {
			fs = i, fe = e, which = k;
			found++;
		}
		i = e;
	}
	if (found == 1)
		fft_put(d, v, "expiry", after[which], fs, fe, 0.0, NULL, 1.0);
}

/* The eight characters of a printed date (date_shape_at) make a day an
 * identity document may say for name: a birth not after today nor before
 * 1900, an expiry within thirty years before today and eleven after. */
static bool id_date_plausible(const struct fview *v, const char *name, const char c[9])
{
	struct fdate q;
	int today = fft_view_today(v);
	for (int k = 0; k < 8; k++)
		if (!isdigit((unsigned char)c[k]))
			return false;
	if (!fft_date_fill(&q, 0, 0, atoi(c + 4), (c[2] - '0') * 10 + (c[3] - '0'),
			   (c[0] - '0') * 10 + (c[1] - '0'), false, D_NONE))
		return false;
	if (!strcmp(name, "birth_date"))
		return fft_fdate_key(&q) <= today;
	return q.y >= today / 10000 - 30 && q.y <= today / 10000 + 11;
}

/* What a reading of a date's region says: the one printed date shape it
 * holds (date_shape_at; chars "" when none, or several unlike), and which
 * of its characters had a contender (fft_span_doubts). */
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
		if (!fft_is_al(v->s[i]))
			continue;
		const float *w = v->t->doubt_like ? v->t->doubt_like : v->t->doubt;
		if (w && w[v->map[i]] >= FF_MAX_DOUBT) {
			size_t k = 0;
			for (const char *a = fft_alts_at(v, i); *a && k < sizeof out->alt[p] - 1; a++)
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
	if (r->w <= 0 || !fft_reading_open(rd, read, r, &t2, &v2))
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
	fft_reading_close(rd, &v2);
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
	fft_find_mrz_checked(v, kind, &mc);
	const struct mrzfield *mf = birth ? &mc.birth : &mc.expiry;
	if (mf->how && strcmp(mf->val, y6))
		return true;
	fft_find_mrz(v, kind && !strcmp(kind, "passport"), &m);
	const char *md = m.ndates >= 2 ? m.dates[birth ? 0 : 1] : NULL;
	return md && fft_mrz_day(md) && strcmp(md, y6);
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
	bool since = fft_fdate_key(law->is) >= BIRTHDAY_RULE_ISSUED;
	return (!(bday && since) && !strcmp(after[0], law->expiry))
	       || (bday && !strcmp(after[1], law->expiry));
}

/* The digit ch may stand at c of a printed date (dd mm yyyy): a day's tens
 * not over 3, a month's not over 1, a year's thousands 1 or 2. */
static bool digit_may_stand(int c, char ch)
{
	return c == 0 ? ch <= '3' : c == 2 ? ch <= '1' : c == 4 ? ch == '1' || ch == '2' : true;
}

/* Whether one of the contenders alts for place c of the printed date base
 * (but except) makes a day the document may say for name that the law
 * allows: a doubt of base's digit there. */
static bool contends(const struct fview *v, const char *name, const struct idlaw *law, bool bday,
		     const char base[9], int c, const char *alts, char except)
{
	char alt[9];
	memcpy(alt, base, sizeof alt);
	for (const char *a = alts; *a; a++) {
		alt[c] = *a;
		if (*a != except && id_date_plausible(v, name, alt) && law_allows(alt, law, bday))
			return true;
	}
	return false;
}

/*
 * An identity date whose bilevel reading of its region gave no date at all
 * (id_date_vote): the page and the grey reading alike, all digits, a day
 * the document may say, on the birthday that the birthday rule's trusted
 * other date says (law->dm: the day and month witnessed a third time), and
 * no place where both had a contender that makes another such day. Its
 * eight characters in found.
 */
static bool dm_witnessed(const struct ocr_document *d, const struct fview *v, const char *name,
			 const struct idlaw *law, bool bday, const struct dshape rdg[3], char found[9])
{
	if (strcmp(rdg[0].chars, rdg[2].chars) || !shape_key(rdg[0].chars)
	    || !id_date_plausible(v, name, rdg[0].chars) || memcmp(rdg[0].chars, law->dm, 4))
		return false;
	for (int c = 0; c < 8; c++)
		if (contends(v, name, law, bday, rdg[0].chars, c, rdg[0].alt[c], '\0')
		    && contends(v, name, law, bday, rdg[0].chars, c, rdg[2].alt[c], '\0'))
			return false;
	memcpy(found, rdg[0].chars, 9);
	return !mrz_says_otherwise(d, v, name, found);
}

/*
 * Three readings of an identity copy's date (name: birth_date or expiry):
 * the page's at [fs, fe) of v, its region read again on its own line
 * (read_own, bilevel) and in grey, each with its eight characters (a
 * letter where a digit stands says nothing there). Where they read one
 * digit, it is taken when two of them at least read it and no two had a
 * contender for it that makes a day the document may say (as second_look
 * has it, of any contender); where they differ, one of the digits they
 * read; where all three read one digit that no day has there, one of the
 * digits two of them had for contenders. True when one choice only makes
 * a day that the document may say (id_date_plausible; an expiry one of
 * those the law gives, law, when the issue and birth dates are read; a
 * birth date one with which the issue date gives the expiry that its own
 * readings said, when the page's reading is: law_allows) and the
 * machine-readable zone does not say otherwise: its eight characters in
 * found, the readings in rdg.
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
	struct ocr_region r = fft_span_region(v, fs, fe);
	bool own = rd->read_own && rd->read_own_grey;
	dshape_reading(v, &r, own ? rd->read_own : rd->read, &rdg[1]);
	dshape_reading(v, &r, own ? rd->read_own_grey : rd->read_grey, &rdg[2]);
	if (!rdg[1].chars[0] && law && law->dm[0])
		return dm_witnessed(d, v, name, law, bday, rdg, found);
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
		}
		/* a digit no day can have there, whatever the others - a day's
		 * tens over 3, a month's over 1, a century's thousands not 1
		 * or 2 - is no choice (67 04 for 07 04, 7034 for 2034) */
		if (ncand[c] > 1 && (c == 0 || c == 2 || c == 4)) {
			int kept = 0;
			for (int q = 0; q < ncand[c]; q++) {
				char ch = cand[c][q];
				if (digit_may_stand(c, ch))
					cand[c][kept++] = ch;
			}
			if (kept > 0 && kept < ncand[c]) {
				ncand[c] = kept;
				base[c] = cand[c][0];
			}
		}
		/* every reading that one digit no day can have there (43.10
		 * for 13.10): the digits that two of them had for contenders
		 * and that may stand there are the choice */
		bool contended = false;
		if (ncand[c] == 1 && digits == 3 && !digit_may_stand(c, cand[c][0])) {
			int kept = 0;
			for (char ch = '0'; ch <= '9'; ch++) {
				int by = 0;
				for (int k = 0; k < 3; k++)
					by += strchr(rdg[k].alt[c], ch) != NULL;
				if (by >= 2 && digit_may_stand(c, ch))
					cand[c][kept++] = ch;
			}
			if (kept > 0 && kept <= 3) {
				ncand[c] = kept;
				base[c] = cand[c][0];
				contended = true;
			}
		}
		/* a contender that makes no day the document may say is no
		 * doubt, nor one that is the digit the others read */
		for (int k = 0; k < 3 && ncand[c] == 1 && !contended; k++)
			doubted += isdigit((unsigned char)rdg[k].chars[c])
				   && contends(v, name, law, bday, rdg[0].chars, c, rdg[k].alt[c],
					       cand[c][0]);
		if (ncand[c] == 0 || (ncand[c] == 1 && (digits < 2 || doubted >= 2)))
			return false;
		/* the page's letter there says nothing: the digit the others read */
		if (ncand[c] == 1)
			base[c] = cand[c][0];
		if (ncand[c] > 1)
			pos[nvar++] = c;
		if (nvar > 2)
			return false;
	}
	for (int m = 0, combos = fft_vote_combos(ncand, pos, nvar); m < combos; m++) {
		char dg[9];
		fft_vote_choice(base, cand, ncand, pos, nvar, m, dg);
		if (!id_date_plausible(v, name, dg) || !law_allows(dg, law, bday))
			continue;
		memcpy(found, dg, sizeof dg);
		nfound++;
	}
	return nfound == 1 && !mrz_says_otherwise(d, v, name, found);
}

static char (*id_law_expiry(const struct ocr_document *d, const struct fview *v,
			    char after[2][16], char issued[16]))[16];

/* True when x, d's expiry (trusted or not), is one the birthday rule
 * holds for: d a card or a licence, ending since the rule holds for all
 * (on the holder's birthday, then). */
static bool on_birthday_rule(const struct ocr_document *d, const struct ocr_field *x)
{
	int y, m, dd;
	return birthday_rule(ocr_document_value(d, "kind")) && strlen(x->value) == 10
	       && sscanf(x->value, "%d-%d-%d", &y, &m, &dd) == 3
	       && y * 10000 + m * 100 + dd >= BIRTHDAY_RULE_EXPIRES;
}

/* The trusted expiry of d when the birthday rule holds for it
 * (on_birthday_rule); NULL otherwise. */
static const struct ocr_field *birthday_expiry(const struct ocr_document *d)
{
	const struct ocr_field *x = ocr_document_field(d, "expiry");
	return x && !x->reason && on_birthday_rule(d, x) ? x : NULL;
}

/* Whether the machine-readable zone checked, for d's birth date or its
 * expiry (name), the day iso (ISO). */
static bool mrz_checked_says(const struct ocr_document *d, const struct fview *v,
			     const char *name, const char *iso)
{
	struct mrzchk mc;
	char y6[7];

	fft_find_mrz_checked(v, ocr_document_value(d, "kind"), &mc);
	fft_yymmdd(iso, y6);
	const struct mrzfield *m = !strcmp(name, "birth_date") ? &mc.birth : &mc.expiry;
	return m->how && !strcmp(m->val, y6);
}

/* The trusted expiry of a document the birthday rule holds for (ending
 * since it holds for all) off the day and month of the birth date b just
 * voted: one of them is misread, the expiry held - unless it is the issue
 * day the law's years on (expiry_after's first) or its machine-readable
 * zone checked it. */
static void expiry_off_birthday(struct ocr_document *d, const struct fview *v, const char *b)
{
	const struct ocr_field *x = birthday_expiry(d);
	char after[2][16];

	if (!x || !strcmp(b + 5, x->value + 5))
		return;
	if (id_law_expiry(d, v, after, NULL) && !strcmp(after[0], x->value))
		return;
	if (mrz_checked_says(d, v, "expiry", x->value))
		return;
	fft_hold(d, "expiry", "not on the holder's birthday");
}

/* Puts the date of the eight characters c (dd mm yyyy), read at [fs, fe),
 * as name's trusted value; a birth date with a digit that none of its
 * readings rdg read (a contender's, id_date_vote) must be the holder's
 * birthday that a trusted expiry says (expiry_off_birthday). */
static void put_dshape(struct ocr_document *d, const struct fview *v, const char *name,
		       const char c[9], size_t fs, size_t fe, const struct dshape rdg[3])
{
	char iso[16];
	bool contender = false;
	for (int k = 0; k < 8; k++)
		contender = contender
			    || (c[k] != rdg[0].chars[k] && c[k] != rdg[1].chars[k]
				&& c[k] != rdg[2].chars[k]);
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", c + 4, c + 2, c);
	ocr_document_remove_reasons(d, name);
	ocr_document_remove(d, name);
	fft_put(d, v, name, iso, fs, fe, 0.0, NULL, 1.0);
	if (strcmp(name, "birth_date"))
		return;
	struct fdate b;
	if (fft_date_fill(&b, fs, fe, atoi(c + 4), (c[2] - '0') * 10 + (c[3] - '0'),
			  (c[0] - '0') * 10 + (c[1] - '0'), false, D_NONE)
	    && fft_birth_too_close(d, v, &b))
		fft_hold(d, name, "close to another date of the document");
	else if (contender)
		expiry_off_birthday(d, v, iso);
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
		if (fft_date_at(v, i, &q) && !q.forced && !strcmp(q.iso, f->value)
		    && date_shape_at(v, i, found, &fe))
			fs = i;
	if (!fe || !id_date_vote(d, v, name, law, fs, fe, rdg, found))
		return;
	/* (the page's a misreading, as a date misread into none is:
	 * id_date_misread) */
	if (!strcmp(found, rdg[0].chars))
		fft_unhold(d, name);
	else if ((!strcmp(found, rdg[1].chars) && !strcmp(found, rdg[2].chars))
		 || !id_date_plausible(v, name, rdg[0].chars))
		put_dshape(d, v, name, found, fs, fe, rdg);
}

/*
 * An identity copy's date that the page misread into no day it may be
 * (09/12/1859, 97-94-1981, 27:10-1997 with its separators unlike), on the
 * line of its label (labels; fft_line_start: a licence's numbered field, at
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
	while ((s = fft_find_label(v, from, labels, true, &e)) >= 0) {
		from = e;
		if (line_start_only && fft_line_lead(v, (size_t)s) != (size_t)s)
			continue;
		size_t stop = fft_line_end(v, fft_line_end(v, e) + 1);
		for (size_t i = e; i < stop; i++) {
			size_t de;
			struct fdate q;
			if (!date_shape_at(v, i, c, &de))
				continue;
			if ((fft_date_at(v, i, &q) && id_date_plausible(v, name, c))
			    || !id_date_vote(d, v, name, law, i, de, rdg, found))
				return;
			put_dshape(d, v, name, found, i, de, rdg);
			return;
		}
	}
}

/* The one printed date shape of the page that is no date (c, at [fs, fe)),
 * off the MRZ and the fax machine's band (a date and a time: its line):
 * false when there is none or more than one. */
static bool lone_shape(const struct fview *v, char c[9], size_t *fs, size_t *fe)
{
	struct fdate q;
	char t[9];
	int shapes = 0;

	for (size_t i = 0; i < v->n; i++) {
		size_t e;
		if (!date_shape_at(v, i, t, &e))
			continue;
		bool date = fft_date_at(v, i, &q);
		q.s = i, q.e = e;
		if (fft_fax_header(v, &q)) {
			/* the band's time and sender after its date */
			i = fft_line_end(v, i);
			continue;
		}
		if (!date && !fft_on_mrz_line(v, i)) {
			*fs = i, *fe = e;
			memcpy(c, t, 9);
			shapes++;
		}
		i = e;
	}
	return shapes == 1;
}

/* Every date the page reads is twelve years or more after the year by: a
 * birth's year then (the holder was born years before the issue). */
static bool years_before_all(const struct fview *v, int by)
{
	struct fdate dates[32];
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++)
		if (dates[k].y < by + 12)
			return false;
	return true;
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
	struct dshape rdg[3];
	char c[9], found[9];
	size_t fs = 0, fe = 0;

	if (ocr_document_field(d, "birth_date") || !lone_shape(v, c, &fs, &fe)
	    || !id_date_vote(d, v, "birth_date", law, fs, fe, rdg, found)
	    || !years_before_all(v, atoi(found + 4)))
		return;
	put_dshape(d, v, "birth_date", found, fs, fe, rdg);
}

/*
 * A trusted expiry of a card or licence the birthday rule holds for (one
 * ending since DL 5/2012 made all end so) falls on the holder's birthday:
 * the birth date's line, read into no date (43.10.1957), is a second
 * reading of the expiry's day and month - the date shape after its label,
 * or, that label misread ($. for 3.), the page's one date shape that is no
 * date, years before every date read. Where the two differ in two of those
 * four characters or more (digits read as other digits), one of them is
 * misread: the expiry is held.
 */
void fft_id_expiry_birth_line(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *x = birthday_expiry(d);
	bool lic = fft_may_be_licence(d), got = false;
	size_t e, from = 0, fs, fe;
	long s;
	char c[9];

	if (!x || ocr_document_field(d, "birth_date"))
		return;
	while (!got
	       && (s = fft_find_label(v, from, lic ? fft_id_lic_birth : fft_id_birth_labels, true, &e))
			  >= 0) {
		from = e;
		if (lic && fft_line_lead(v, (size_t)s) != (size_t)s)
			continue;
		size_t stop = fft_line_end(v, fft_line_end(v, e) + 1);
		for (size_t i = e; i < stop && !got; i++)
			got = date_shape_at(v, i, c, &fe) && !fft_on_mrz_line(v, i);
	}
	if (!got)
		got = lone_shape(v, c, &fs, &fe) && isdigit((unsigned char)c[4])
		      && years_before_all(v, atoi(c + 4));
	if (!got)
		return;
	/* a letter there (0S/1i, d6-d6) says no digit against it */
	const char want[4] = { x->value[8], x->value[9], x->value[5], x->value[6] };
	int diff = 0;
	for (int k = 0; k < 4; k++)
		diff += isdigit((unsigned char)c[k]) && c[k] != want[k];
	if (diff >= 2)
		fft_hold(d, "expiry", "not on the birthday the birth date's line says");
}

/* A contender of half the chosen digit's weight or more (symbol_alts'
 * doubt): a rival reading of that digit, not a shade of doubt. */
#define YEAR_RIVAL 0.5

/* True when the page reads the held date f (not a letter read as a digit;
 * on a view that mends, its day or month may be mended, which the other
 * date's day and month then witness) with some confidence
 * (FF_MIN_CONF_SAME) and every digit of its year without a rival
 * (YEAR_RIVAL); false too without contenders to judge by. */
static bool year_read_alone(const struct fview *v, const struct ocr_field *f)
{
	struct fdate dates[32];
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));

	if (!v->t->doubt)
		return false;
	for (size_t k = 0; k < n; k++) {
		const struct fdate *q = &dates[k];
		if ((q->forced && !q->mended) || strcmp(q->iso, f->value) || fft_on_mrz_line(v, q->s)
		    || fft_span_conf(v, q->s, q->e) < FF_MIN_CONF_SAME)
			continue;
		/* the year: the span's last four digits */
		int digits = 0;
		bool rival = false;
		for (size_t i = q->e; i > q->s && digits < 4; i--) {
			if (!isdigit((unsigned char)v->u[i - 1]))
				continue;
			digits++;
			rival = rival || v->t->doubt[v->map[i - 1]] >= YEAR_RIVAL;
		}
		return digits == 4 && !rival;
	}
	return false;
}

/* True when every reason d gives for name is its confidence (fft_put's
 * "read with confidence"), none a rule's. */
static bool held_for_confidence(const struct ocr_document *d, const char *name)
{
	int n = 0;
	for (size_t k = 0; k < d->nreasons; k++) {
		const struct ocr_reason *r = &d->reasons[k];
		if (!r->field || strcmp(r->field, name))
			continue;
		if (strcmp(r->code, "LOW_CONFIDENCE") || !r->text || !strstr(r->text, "read with confidence"))
			return false;
		n++;
	}
	return n > 0;
}

/*
 * True when the issue date read and the birth date read give by law
 * (id_law_expiry) another expiry than xval: a pair of dates the birthday
 * rule would take stays held then (a licence's 10/06/2031 for 2034, issued
 * 07/12/2023). An issue date that is xval's own day (the expiry's line read
 * where the issue's was lost, the expiry under both labels) says nothing.
 */
static bool law_denies_expiry(const struct ocr_document *d, const struct fview *v,
			      const char *xval)
{
	char after[2][16], issued[16];

	if (!id_law_expiry(d, v, after, issued) || !strcmp(issued, xval))
		return false;
	return strcmp(xval, after[0]) && strcmp(xval, after[1]);
}

/*
 * A card's or licence's birth date and expiry fall on the same day of the
 * year when the birthday rule holds (an expiry since DL 5/2012 made all
 * end so). One of the two held for its confidence alone, whose day and
 * month the other, trusted, says, is trusted when no digit of its year
 * had a rival (year_read_alone): the day and month are then read on two
 * lines alike, the year without a contender of weight. The expiry that
 * witnesses a birth date is the one its own readings said (expiry: ""
 * when they did not), not one the law gave from the birth date read
 * (fft_id_expiry_issued), which would witness itself. Of 17 birth dates
 * so held on nine seeds of build/mkfax's identity copies, the 3 wrong
 * ones each had a year digit contended at 0.70 or more, and 2 right ones
 * are taken (the others' witness came from the law, or a digit of their
 * year was contended); of 10 expiries so held on six seeds, 4 are taken,
 * all right (the wrong one, 2020 for 2028, ends before the rule, its 0
 * contended at 0.85).
 */
void fft_id_dates_on_birthday(struct ocr_document *d, const struct fview *v, const char *expiry)
{
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	const struct ocr_field *x = ocr_document_field(d, "expiry");

	if (!b || !x || strlen(b->value) != 10 || strlen(x->value) != 10
	    || strcmp(b->value + 5, x->value + 5) || (b->reason && x->reason)
	    || !on_birthday_rule(d, x))
		return;
	const struct ocr_field *held = b->reason ? b : x->reason ? x : NULL;
	if (held == b && strcmp(x->value, expiry))
		return;
	if (held && law_denies_expiry(d, v, x->value))
		return;
	if (held && held_for_confidence(d, held->name) && year_read_alone(v, held))
		fft_unhold(d, held->name);
}

/*
 * A trusted birth date off the day and month of the expiry read (trusted,
 * or held with a confidence of 0.5 or more: a year split in two, 16.09.20
 * 34) on an identity card the birthday rule holds for: one of the two is
 * misread, and the birth date, which nothing else says, is held - unless
 * a trusted fiscal code encodes it, the machine-readable zone checked it,
 * or an issue date is read (the law's years from it say which).
 * On 1020 identity copies it holds three birth dates: two wrong (seed
 * 2401 page 2512, 10.09.1971 for 16.09; fresh page 4611, 03-12-2000 for
 * 05-12) and one right (fresh page 2765, its expiry read 03/03/20 37 for
 * 03/05); the one other right birth date off an expiry read was a
 * licence's, its expiry held at 0.25 (page 1617).
 */
void fft_id_birth_off_expiry(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	const struct ocr_field *x = ocr_document_field(d, "expiry");
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	struct fdate q;

	const char *kind = ocr_document_value(d, "kind");
	if (!kind || !strstr(kind, "-id-card") || !b || b->reason || !x || x->confidence < 0.5
	    || !on_birthday_rule(d, x)
	    || strlen(b->value) != 10 || !strcmp(b->value + 5, x->value + 5))
		return;
	/* an issue date read: the law's years from it say which (expiry_after,
	 * id_date_voted), where a document may end on its issue day */
	char after[2][16];
	if (id_law_expiry(d, v, after, NULL))
		return;
	if (cf && !cf->reason && strlen(cf->value) == 16
	    && sscanf(b->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3 && fft_cf_encodes(cf->value, &q))
		return;
	if (mrz_checked_says(d, v, "birth_date", b->value))
		return;
	fft_hold(d, "birth_date", "not the day and month of the expiry");
}

/* The expiries the law gives an identity document (expiry_after) from its
 * issue date and its holder's birth date as read: after, and (issued not
 * NULL) that issue date; NULL when either is not read. */
static char (*id_law_expiry(const struct ocr_document *d, const struct fview *v,
			    char after[2][16], char issued[16]))[16]
{
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	const char *kind = ocr_document_value(d, "kind");
	struct fdate dates[32];

	if (!b)
		return NULL;
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	const struct fdate *is = issue_date(d, v, dates, n);
	if (!is || is->forced
	    || !expiry_after(is, b->value, kind && !strcmp(kind, "driving-licence"), after))
		return NULL;
	if (issued)
		snprintf(issued, 16, "%s", is->iso);
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
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
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
void fft_id_dates_voted(struct ocr_document *d, const struct fview *v, const char *expiry)
{
	char after[2][16];
	bool lic = fft_may_be_licence(d);
	struct fdate is;
	struct idlaw blaw, xlaw = { 0 };
	const struct idlaw *law = id_law_birth(d, v, expiry, &is, &blaw);
	id_date_voted(d, v, "birth_date", law);
	id_date_misread(d, v, "birth_date", lic ? fft_id_lic_birth : fft_id_birth_labels, lic, law);
	id_birth_unlabelled(d, v, law);
	xlaw.after = id_law_expiry(d, v, after, NULL);
	law = xlaw.after ? &xlaw : NULL;
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	if (!law && b && !b->reason)
		law = law_birthday(&xlaw, ocr_document_value(d, "kind"), b->value, true);
	id_date_voted(d, v, "expiry", law);
	id_date_misread(d, v, "expiry", lic ? fft_id_lic_expiry : fft_id_expiry_labels, lic, law);
}
