/*
 * choose - a checked code chosen among the readings a reading's
 * per-character alternatives allow (see choose.h).
 *
 * Failure policy: nothing is guessed. A repair is returned only when it is
 * the single reading that passes; where two or more pass, or none, the
 * caller gets 0 and the code goes to a clerk. A check letter passes one
 * wrong reading in 26 and a check digit one in ten, so the callers still
 * want a repair confirmed by another reading.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "ocr/check.h"
#include "ocr/choose.h"
#include "ocr/formtext.h"

/* A symbol's candidates that fit class `cls` (a string of allowed chars),
 * best first: the top reading, then alternatives not below `minalt`. */
static int candidates(const struct ocr_sym *s, const char *cls, double minalt, char out[OCR_MAX_ALTS + 1],
		      double conf[OCR_MAX_ALTS + 1])
{
	int n = 0;
	if (strlen(s->ch) == 1 && strchr(cls, s->ch[0])) {
		out[n] = s->ch[0];
		conf[n++] = s->conf;
	}
	for (int i = 0; i < s->nalt && n < OCR_MAX_ALTS + 1; i++) {
		if (strlen(s->alt[i]) != 1 || !strchr(cls, s->alt[i][0]) || s->altconf[i] < minalt)
			continue;
		bool dup = false;
		for (int k = 0; k < n; k++)
			dup |= out[k] == s->alt[i][0];
		if (!dup) {
			out[n] = s->alt[i][0];
			conf[n++] = s->altconf[i];
		}
	}
	return n;
}

/*
 * One character too many: Tesseract sometimes reads one letter twice. Where
 * two neighbours are the same character, the reading without the second is
 * checked; it is taken only when exactly one such reading passes, with a
 * confidence of at most 0.6. Only for codes whose check is strong enough
 * (the fiscal code's letter, 1 in 26): a mod-10 check digit passes one
 * wrong reading in ten.
 */
static int choose_undoubled(const struct ocr_sym *s, int nsym, const char *const *cls, int len,
			    ocr_check_fn check, char *best, double *conf)
{
	struct ocr_sym *s2 = xmalloc((size_t)nsym * sizeof *s2);
	char found[64] = "", t[64], b[64];
	int passing = 0;
	double c, fconf = 0;

	for (int i = 1; i < nsym; i++) {
		const char *p = s[i - 1].ch, *q = s[i].ch;
		if (strlen(p) != 1 || strlen(q) != 1 || !isalnum((unsigned char)q[0]) || p[0] != q[0])
			continue;
		memcpy(s2, s, (size_t)nsym * sizeof *s2);
		memmove(&s2[i], &s2[i + 1], (size_t)(nsym - i - 1) * sizeof s2[0]);
		int rc = ocr_choose_checked(s2, nsym - 1, cls, len, check, t, b, &c);
		if ((rc == 1 || rc == 2) && strcmp(b, found)) {
			passing++;
			snprintf(found, sizeof found, "%s", b);
			fconf = fmin(c, 0.6);
		}
	}
	free(s2);
	if (passing != 1)
		return 0;
	strcpy(best, found);
	*conf = fconf;
	return 2;
}

/* The fiscal code's check letter: J and I look alike in most faces, and
 * Tesseract offers no alternative between them; the other is a candidate. */
static int check_letter_lookalike(char cand[OCR_MAX_ALTS + 1], double conf[OCR_MAX_ALTS + 1], int k)
{
	if (k >= OCR_MAX_ALTS + 1 || (cand[0] != 'I' && cand[0] != 'J'))
		return k;
	char other = cand[0] == 'I' ? 'J' : 'I';
	if (memchr(cand, other, (size_t)k))
		return k;
	cand[k] = other;
	conf[k] = fmin(conf[0], 0.8);
	return k + 1;
}

/*
 * The readings that pass a check, fewest omocodic letters first: a fiscal
 * code takes letters for its digits only when two people's codes would
 * otherwise be the same (rare), while S read for 5 or T for 7 is common.
 * Where a reading with a misread digit and one with an omocodic letter
 * both pass, only the first counts; codes of digits have no such letters
 * and all their passing readings count alike.
 */
struct passes {
	int omo;	/* fewest omocodic letters among the passing readings */
	int n;		/* readings passing with that many */
	double conf;	/* the last one's confidence */
};

static void passes_add(struct passes *p, const char *v, double conf, char *best)
{
	int omo = ocr_fiscal_code_omocodic(v);
	if (omo > p->omo || (omo == p->omo && !strcmp(v, best)))
		return;
	if (omo < p->omo) {
		p->omo = omo;
		p->n = 0;
	}
	p->n++;
	p->conf = conf;
	strcpy(best, v);
}

int ocr_choose_checked(const struct ocr_sym *s, int nsym, const char *const *cls, int len,
		       ocr_check_fn check, char *top, char *best, double *conf)
{
	char cand[64][OCR_MAX_ALTS + 1];
	double cconf[64][OCR_MAX_ALTS + 1];
	int ncand[64];
	int n = 0, nlook = 0;

	top[0] = best[0] = 0;
	*conf = 0;
	/* the symbols that belong to the code: those with a candidate in the
	 * union class; separators (spaces, dots, slashes) are skipped */
	for (int i = 0; i < nsym && n < 64; i++) {
		const char *cl = cls[n < len ? n : len - 1];
		int k = candidates(&s[i], cl, 0.05, cand[n], cconf[n]);
		if (k == 0) {
			/* a character outside the class at this place: maybe a
			 * separator, maybe a misread; it must not be a letter or digit */
			if (strlen(s[i].ch) == 1 && isalnum((unsigned char)s[i].ch[0])) {
				/* an alphanumeric that does not fit: the look-alike of
				 * the other kind when it fits (a 0 where only a letter
				 * may be is an O), else kept, unresolved */
				char la = ocr_text_lookalike(s[i].ch[0]);
				bool fits = la && strchr(cl, la);
				cand[n][0] = fits ? la : s[i].ch[0];
				cconf[n][0] = fits ? fmin(s[i].conf, 0.8) : 0;
				nlook += fits;
				int k1 = 1;
				if (check == ocr_check_fiscal_code && n == len - 1)
					k1 = check_letter_lookalike(cand[n], cconf[n], k1);
				ncand[n++] = k1;
			}
			continue;
		}
		/* a letter where a digit may be (the fiscal code's omocodia):
		 * its digit look-alike is a candidate too, since a misread digit
		 * is far more common than an omocodic letter */
		char la = ocr_text_lookalike(cand[n][0]);
		if (isalpha((unsigned char)cand[n][0]) && la && isdigit((unsigned char)la) &&
		    strchr(cl, la) && k < OCR_MAX_ALTS + 1 && !memchr(cand[n], la, (size_t)k)) {
			cand[n][k] = la;
			cconf[n][k++] = fmin(cconf[n][0], 0.8);
		}
		if (check == ocr_check_fiscal_code && n == len - 1)
			k = check_letter_lookalike(cand[n], cconf[n], k);
		ncand[n++] = k;
	}
	for (int i = 0; i < n && i < 63; i++)
		top[i] = cand[i][0];
	top[n < 63 ? n : 63] = 0;
	if (n == len + 1 && check == ocr_check_fiscal_code)
		return choose_undoubled(s, nsym, cls, len, check, best, conf) == 2 ? 2 : -1;
	if (n != len)
		return -1;
	double mean = 0, minc = 1;
	for (int i = 0; i < n; i++) {
		mean += cconf[i][0];
		if (cconf[i][0] < minc)
			minc = cconf[i][0];
	}
	mean /= n;
	if (check(top)) {
		strcpy(best, top);
		*conf = fmin(mean, 0.5 + minc / 2);
		return nlook ? 2 : 1;
	}
	/* one or two characters changed to alternatives; a look-alike taken
	 * above counts as one change already */
	struct passes p = { .omo = INT_MAX };
	char work[64];
	if (nlook > 1)
		return 0;
	strcpy(work, top);
	for (int i = 0; i < n; i++) {
		for (int a = 1; a < ncand[i]; a++) {
			work[i] = cand[i][a];
			if (check(work))
				passes_add(&p, work, cconf[i][a], best);
			for (int j = i + 1; j < n && !nlook; j++) {
				for (int b2 = 1; b2 < ncand[j]; b2++) {
					work[j] = cand[j][b2];
					if (check(work))
						passes_add(&p, work, fmin(cconf[i][a], cconf[j][b2]), best);
				}
				work[j] = top[j];
			}
		}
		work[i] = top[i];
	}
	int passing = p.n;
	double pconf = p.conf;
	if (passing == 1) {
		*conf = pconf;
		return 2;
	}
	best[0] = 0;
	return 0;
}
