/*
 * ffidcf - the fiscal code on identity copies: read from the card, checked
 * against the birth date and names printed beside it, re-read in parts
 * when held. Part of the free-form text reader (ocr/fftext.c).
 *
 * Failure policy: nothing here fails. A fiscal code is trusted only when
 * it passes its check character; disagreement with the page holds it.
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

/*
 * A trusted fiscal code says the holder's birth date: a date printed on the
 * page that it encodes is the birth date, read twice (the date, and the
 * code's characters, which its check character covers); so is a printed
 * date that one misread digit made no date (fft_cf_date_misread).
 */
void fft_cf_birth(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	const struct ocr_field *b = ocr_document_field(d, "birth_date");
	struct fdate dates[32], bq;

	/* a trusted birth date stands unless the code contradicts it (taken
	 * from the wrong label: the code's date is printed elsewhere) */
	if (!cf || cf->reason || strlen(cf->value) != 16
	    || (b && !b->reason
		&& !(sscanf(b->value, "%d-%d-%d", &bq.y, &bq.m, &bq.d) == 3 && bq.m >= 1
		     && bq.m <= 12 && !fft_cf_encodes(cf->value, &bq))))
		return;
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	for (size_t k = 0; k < n; k++) {
		const struct fdate *q = &dates[k];
		if (q->forced || !fft_cf_encodes(cf->value, q))
			continue;
		ocr_document_remove_reasons(d, "birth_date");
		ocr_document_remove(d, "birth_date");
		fft_put(d, v, "birth_date", q->iso, q->s, q->e, 0.0, NULL, 1.0);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct fdate q;
		if (fft_cf_date_misread(v, i, cf->value, &q)) {
			ocr_document_remove_reasons(d, "birth_date");
			ocr_document_remove(d, "birth_date");
			fft_put(d, v, "birth_date", q.iso, q.s, q.e, 0.0, NULL, 1.0);
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
void fft_cf_confirm_late(struct ocr_document *d, const struct fview *v)
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
	bool born = fft_cf_birth_on_page(v, cf->value)
		    || (b && !b->reason && sscanf(b->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3
			&& q.m >= 1 && q.m <= 12 && fft_cf_encodes(cf->value, &q));
	if (!born)
		return;
	/* names held for a clerk confirm nothing */
	if (!(sur && !sur->reason && fft_cf_part_is(cf->value, sur->value, false))
	    && !(nam && !nam->reason && fft_cf_part_is(cf->value, nam->value, true)))
		return;
	/* nor does one where the other, trusted, says otherwise: the code
	 * or that name is misread, and nothing tells which (BMCGPP01P16D612I
	 * for BIANCHI GIUSEPPE: a repair that passed where the check letter
	 * was misread too) */
	if (fft_cf_names_deny(d, cf->value))
		return;
	fft_unhold(d, "fiscal_code");
	fft_cf_birth(d, v);
}

/*
 * A trusted fiscal code is a checked reading of the holder's surname, name
 * and birth date: a trusted value that it contradicts is held (one of the
 * two readings is wrong; the code, checked, is kept). An omocodic code's
 * date, letters for digits, is not compared.
 */
void fft_cf_cross_check(struct ocr_document *d)
{
	const struct ocr_field *cf = ocr_document_field(d, "fiscal_code");
	const struct ocr_field *f;

	if (!cf || cf->reason || strlen(cf->value) != 16)
		return;
	const char *c = cf->value;
	f = ocr_document_field(d, "surname");
	if (f && !f->reason && !fft_cf_part_is(c, f->value, false))
		fft_hold(d, "surname", "differs from the fiscal code");
	f = ocr_document_field(d, "name");
	if (f && !f->reason && !fft_cf_part_is(c, f->value, true))
		fft_hold(d, "name", "differs from the fiscal code");
	f = ocr_document_field(d, "name");
	if (f && !f->reason && fft_cf_sex_denies(c, f->value))
		fft_hold(d, "name", "a man's or a woman's name against the fiscal code");
	f = ocr_document_field(d, "birth_date");
	bool digits = isdigit((unsigned char)c[6]) && isdigit((unsigned char)c[7])
		      && isdigit((unsigned char)c[9]) && isdigit((unsigned char)c[10]);
	struct fdate q;
	if (f && !f->reason && digits && sscanf(f->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3
	    && q.m >= 1 && q.m <= 12 && !fft_cf_encodes(c, &q))
		fft_hold(d, "birth_date", "differs from the fiscal code");
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

/* A date of the page as a code's birth date, a man's and a woman's: none
 * after today (an expiry: 05/06/2032 made CSTFNC32H05... pass its check
 * with the check letter misread). */
static void cf_parts_date(struct cf_parts *p, const struct fdate *q, int today)
{
	static const char months_cf[] = "ABCDEHLMPRST";
	if (q->m < 1 || q->m > 12 || q->d < 1 || q->d > 31 || fft_fdate_key(q) > today)
		return;
	for (unsigned f = 0; f < 2 && p->nd < ARRAY_SIZE(p->dates); f++)
		snprintf(p->dates[p->nd++], sizeof p->dates[0], "%02u%c%02u",
			 (unsigned)((q->y % 100) + 100) % 100u, months_cf[q->m - 1],
			 ((unsigned)q->d + 40u * f) % 100u);
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
		if (!isalpha((unsigned char)v->u[i]) || (i > 0 && fft_is_al(v->u[i - 1]))) {
			if (v->u[i] == '\n')
				prev = false;
			i++;
			continue;
		}
		size_t e = i;
		while (e < v->n && isalpha((unsigned char)v->u[e]))
			e++;
		if (e - i >= 2 && (e == v->n || !fft_is_al(v->u[e]))) {
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
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
	int today = fft_view_today(v);
	for (size_t k = 0; k < n; k++)
		cf_parts_date(p, &dates[k], today);
	if (b && sscanf(b->value, "%d-%d-%d", &q.y, &q.m, &q.d) == 3)
		cf_parts_date(p, &q, today);
}

static void cf_parts_free(struct cf_parts *p)
{
	free(p->wsur);
	free(p->wnam);
	p->wsur = p->wnam = NULL;
}

/*
 * What the character at q of v may stand for where a code's shape has cls
 * (its town and check letter): its look-alikes, or a sign's letter ($ for
 * S); a closing bracket, which ends a code's word (cf_word_char), a J - its
 * hook read round or square (SRRMNC86B46D612) for ...612J). NULL: itself;
 * "": nothing. With these (and the sign inside a word) 1020 identity
 * copies of build/mkfax read 5 fiscal codes more, all right, none other
 * changed.
 */
static const char *cf_alikes(const struct fview *v, size_t q, char cls)
{
	const char *sign = fft_sign_alikes(v, q);
	if (cls == 'L' && v->s[q] && strchr(")]}", v->s[q]))
		return "J";
	if (!sign)
		return fft_look_alikes(v->u[q], cls);
	return cls == 'L' ? sign : fft_look_alikes(sign[0], 'C');
}

/* Whether the character at j of v belongs to a code's word that starts at
 * i: a code's character, a sign for a letter inside it (CRSSFN$6R...), or
 * a closing bracket that ends it. */
static bool cf_word_char(const struct fview *v, size_t i, size_t j)
{
	if (fft_cf_char(v->s[j]))
		return true;
	if (j == i)
		return false;
	if (fft_sign_alikes(v, j))
		return true;
	return v->s[j] && strchr(")]}", v->s[j]) && (j + 1 >= v->n || !fft_cf_char(v->s[j + 1]));
}

/* The end of the code's word that starts at i of v (cf_word_char). */
static size_t cf_word_end(const struct fview *v, size_t i)
{
	size_t j = i;
	while (j < v->n && cf_word_char(v, i, j))
		j++;
	return j;
}

/* Whether c stands where a character r was read: the same, or r as its
 * look-alike letter or digit. */
static bool cf_same(char c, char r)
{
	return c == r || c == fft_letter_for(r) || c == fft_digit_for(r);
}

/*
 * The candidate codes for one reading of the code's 16 characters (at
 * folded indexes pos): each part the card's fields give, or the part as
 * read when a word of the page confirms it; the date of a date printed
 * (the sex the read day says, both when it says neither); the town and
 * check letter as read, a character that fits no shape as each of its
 * look-alikes. At most two of the first eleven characters may differ from
 * what was read, and only where a field gave them. In a reading with a
 * character left out (dropped: a word of 17, tried 17 ways) a digit of the
 * date read as another digit counts twice (a misread birth date 10.09.1971,
 * 1611501 for 16H501 and RCR for ROR made DSNRCR71P10I101L pass its check).
 * Passing codes are counted into found/nfound.
 */
static void cf_card_candidates(const struct fview *v, const struct cf_parts *p, const size_t pos[16],
			       bool dropped, char found[17], int *nfound)
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
		const char *a = cf_alikes(v, pos[11 + k], fft_cf_shape[11 + k]);
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
	char day = fft_digit_for(r[9]);
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
						if (dropped && k >= 6 && isdigit((unsigned char)r[k]))
							diff++;
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
					fft_cf_candidate(cand, found, nfound);
				}
			}
}

/* The fiscal code cf, found at [fs, fe) of v, trusted in place of the one
 * the page gave; the birth date it encodes, printed, then is too (fft_cf_birth). */
static void cf_settle(struct ocr_document *d, const struct fview *v, const char *cf, size_t fs,
		      size_t fe)
{
	ocr_document_remove_reasons(d, "fiscal_code");
	ocr_document_remove(d, "fiscal_code");
	fft_put(d, v, "fiscal_code", cf, fs, fe, 0.0, NULL, 1.0);
	fft_cf_birth(d, v);
}

/* One reading of a fiscal code's word (15 to 18 characters): its
 * characters in capitals and what each of its last five may stand for
 * where the town and check letter stand. */
struct cf_word {
	char c[19];
	size_t len;
	char tail[5][8];
};

/* The word of fft_cf_char characters of v at i (its end in *end), when it may
 * be a fiscal code: 15 to 18 characters, not part of a machine-readable
 * zone, letters where the names stand and digits where the birth year and
 * day do (four letters and two digits at least). */
static bool cf_word_at(const struct fview *v, size_t i, size_t *end, struct cf_word *w)
{
	size_t j, letters = 0, digits = 0;
	if (!fft_cf_char(v->s[i]) || (i > 0 && (fft_cf_char(v->s[i - 1]) || v->s[i - 1] == '<')))
		return false;
	j = cf_word_end(v, i);
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
		digits += k != 8 && fft_digit_for(w->c[k]) != 0;
	if (letters < 4 || digits < 2)
		return false;
	for (size_t k = 0; k < 5; k++) {
		size_t q = j - 5 + k;
		const char *a = cf_alikes(v, q, fft_cf_shape[11 + k]);
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
 * fft_cf_from_card with the code's word read again on its own and in grey:
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
		struct ocr_region r = fft_span_region(v, i, j);
		for (int k = 0; k < 2 && r.w > 0; k++) {
			struct ff_text t2;
			struct fview v2;
			if (!fft_reading_open(rd, k ? rd->read_grey : rd->read, &r, &t2, &v2))
				continue;
			for (size_t q = 0, e; q < v2.n && nw < ARRAY_SIZE(w); q++)
				if (cf_word_at(&v2, q, &e, &w[nw]))
					nw++;
			fft_reading_close(rd, &v2);
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
					fft_cf_candidate(cand, found, &nfound);
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
 * characters, or 17 with one left out; two words a blank apart that make
 * one so), is trusted: every part of it is confirmed by the card, the
 * rest by its check letter.
 */
void fft_cf_from_card(struct ocr_document *d, const struct fview *v)
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
		if (!fft_cf_char(v->s[i]) || (i > 0 && (fft_cf_char(v->s[i - 1]) || v->s[i - 1] == '<')))
			continue;
		size_t j = cf_word_end(v, i), len = j - i, at[17];
		if (len > 17)
			continue;
		for (size_t k = 0; k < len; k++)
			at[k] = i + k;
		/* a blank read inside the code (GLi BBR38B52D612Z): its two
		 * words as one */
		if (len < 16 && j + 1 < v->n && v->s[j] == ' ' && fft_cf_char(v->s[j + 1])) {
			size_t j2 = cf_word_end(v, j + 1), both = len + (j2 - j - 1);
			if (both == 16 || both == 17) {
				for (size_t k = j + 1; k < j2; k++)
					at[len++] = k;
				j = j2;
			}
		}
		if ((len != 16 && len != 17) || (j < v->n && v->s[j] == '<'))
			continue;
		for (size_t drop = 0; drop < (len == 17 ? len : 1); drop++) {
			size_t pos[16], n = 0;
			int before = nfound;
			for (size_t k = 0; k < len; k++)
				if (len == 16 || k != drop)
					pos[n++] = at[k];
			cf_card_candidates(v, &p, pos, len == 17, found, &nfound);
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
