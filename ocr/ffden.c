/*
 * ffden - the fields of a police denunciation (FORMS.md): authority,
 * number, date made, event and its date, reporter's name and fiscal code,
 * IMEI, line, make and model. Part of the free-form text reader
 * (ocr/fftext.c). Dates and IMEI digits seen by more than one reading are
 * voted character by character.
 *
 * Failure policy: nothing here fails. A value without its label or shape
 * is not put; a value in doubt is put with a reason, never trusted.
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

/* The office a report names in its heading (the strongest of the
 * keywords in its first lines), at [*fs, *fe) of v, with *why set to a
 * reason when its reading is suspect; NULL when none is named. */
static char *den_authority_at(const struct fview *v, size_t *fs, size_t *fe, const char **why)
{
	static const struct { const char *pat; int prio; } kws[] = {
		{ "stazione", 6 }, { "commissariato", 5 }, { "tenenza", 5 }, { "compagnia", 4 },
		{ "questura", 3 }, { "polizia locale", 3 }, { "polizia municipale", 3 },
		{ "comando", 2 }, { "carabinieri", 1 }, { "polizia", 1 },
	};
	size_t best_s = 0, best_e = 0, ls = 0;
	int best = 0;

	for (int line = 0; line < 12 && ls < v->n; line++) {
		size_t le = fft_line_end(v, ls), e;
		for (size_t k = 0; k < ARRAY_SIZE(kws); k++) {
			if (kws[k].prio <= best || fft_pfind(v, ls, le, kws[k].pat, &e) < 0)
				continue;
			/* cut the line where something else starts */
			static const char *const stops[] = {
				"prot*", "verbale", "n.", "data", "denuncia", " - tel", "tel.", NULL
			};
			size_t cut = le, se;
			long st = fft_pfind_any(v, ls, le, stops, &se);
			if (st >= 0)
				cut = (size_t)st;
			for (size_t q = ls; q < cut; q++) {
				struct fdate dt;
				if (fft_date_at(v, q, &dt)) {
					cut = q;
					break;
				}
			}
			size_t a = ls, b = cut;
			while (a < b && !fft_is_al(v->s[a]))
				a++;
			while (b > a && !fft_is_al(v->s[b - 1]) && v->s[b - 1] != '.')
				b--;
			if (b <= a || (size_t)fft_pfind(v, a, b, kws[k].pat, NULL) >= b)
				continue;
			best = kws[k].prio;
			best_s = a, best_e = b;
		}
		ls = le + 1;
	}
	*why = NULL;
	if (!best)
		return NULL;
	char *val = fft_span_text(v, best_s, best_e);
	/* an office's name opens with a capital: a small letter of the same
	 * shape (compagnia, commissariato) is its capital read small; another
	 * small letter is a misreading */
	if (ocr_text_capital_twin(val[0]))
		val[0] = (char)toupper((unsigned char)val[0]);
	else if (islower((unsigned char)val[0]))
		*why = fft_read_doubt;
	for (char *q = val; *q; q++) {
		/* P.S. (Pubblica Sicurezza) is spelt so: P.5., P,S., P.S, and
		 * P.,S., are its dots and S misread, a speck for a comma */
		if ((q == val || q[-1] == ' ') && q[0] == 'P') {
			char *r = q + 1;
			int dots = 0, after = 0;
			while (*r && strchr(".,", *r) && dots < 2)
				r++, dots++;
			if (dots && *r && strchr("S5", *r)) {
				r++;
				while (*r && strchr(".,", *r) && after < 2)
					r++, after++;
				if (after && (!*r || *r == ' ')) {
					memcpy(q, "P.S.", 4);
					memmove(q + 4, r, strlen(r) + 1);
				}
			}
		}
		/* a dot between a letter and a small one is a letter misread
		 * (T.ingotto for Lingotto) */
		if (q > val && q[0] == '.' && isalpha((unsigned char)q[-1])
		    && islower((unsigned char)q[1]))
			*why = fft_read_doubt;
	}
	*fs = best_s, *fe = best_e;
	return val;
}

/*
 * True when letters and digits meet in s at a character that reads either
 * way (TO86976 or T086976, MI1234 or M11234): nothing can tell them apart.
 */

/* The car-plate codes of the Italian provinces, which report numbers of
 * some offices carry in front ("MI12345/2026"). */
bool fft_province_code(const char *s)
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
bool fft_province_number(const char *s)
{
	if (!isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]) || !fft_province_code(s)
	    || !isdigit((unsigned char)s[2]))
		return false;
	for (const char *q = s + 2; *q; q++)
		if (!isdigit((unsigned char)*q) && !strchr("/-.", *q))
			return false;
	return true;
}

/* Digits and separators, or a province's code then those: where each
 * character of a report number must be a digit or a letter is known. */
bool fft_report_number_shape(const char *s)
{
	if (fft_province_number(s))
		return true;
	for (const char *q = s; *q; q++)
		if (!isdigit((unsigned char)*q) && !strchr("/-.", *q))
			return false;
	return *s != '\0';
}

bool fft_ambiguous_mix(const char *s)
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
bool fft_number_token(const struct fview *v, size_t i, size_t *end)
{
	size_t j = i;
	int digits = 0;
	while (j < v->n && (fft_is_al(v->u[j]) || ((v->u[j] == '/' || v->u[j] == '-' || v->u[j] == '.')
						   && j + 1 < v->n && fft_is_al(v->u[j + 1])))) {
		if (isdigit((unsigned char)v->u[j]))
			digits++;
		j++;
	}
	if (digits == 0 || j - i < 2 || j - i > 30)
		return false;
	*end = j;
	return true;
}

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
	if (i > 0 && fft_is_al(v->s[i - 1]))
		return false;
	if (!strcmp(name, "number")) {
		if (!fft_number_token(v, i, &e) || e - i >= size)
			return false;
		snprintf(out, size, "%.*s", (int)(e - i), v->u + i);
		if (!fft_report_number_shape(out) || fft_number_doubtful(v, d, i, e))
			return false;
	} else {
		struct fdate dt;
		if (!fft_date_at(v, i, &dt) || dt.forced || fft_span_doubtful(v, i, dt.e))
			return false;
		snprintf(out, size, "%s", dt.iso);
		e = dt.e;
	}
	return fft_span_conf(v, i, e) >= FF_MIN_CONF;
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

	if (r->w <= 0 || !fft_reading_open(rd, read, r, &t2, &v2))
		return false;
	for (size_t i = 0; i < v2.n && !ok; i++)
		ok = den_sure_value(&v2, d, name, i, out, size);
	fft_reading_close(rd, &v2);
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
	    || fft_span_conf(v, fs, fe) < FF_MIN_CONF_AGREED)
		return;
	if (!strcmp(name, "number") && !fft_report_number_shape(f->value))
		return;
	struct ocr_region r = fft_span_region(v, fs, fe);
	if (den_reading(v, d, name, &r, rd->read_grey, got, sizeof got) && !strcmp(got, f->value))
		fft_unhold(d, name);
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
	for (size_t ls = 0; ls < v->n; ls = fft_line_end(v, ls) + 1) {
		size_t le = fft_line_end(v, ls), e;
		if (fft_pfind_any(v, ls, le, fft_den_authority, &e) < 0)
			continue;
		for (const char *const *t = towns; *t; t++)
			if ((*t)[0] == code[0] && (*t)[1] == code[1] && fft_pfind(v, ls, le, *t + 2, &e) >= 0)
				return true;
	}
	return false;
}

/* The separators after a label (fft_skip_sep), and a comma its dot was
 * read as: "Prot, 6383/2026", "Prot. n, 3670/2026", "Verbale n,
 * 2026/659513". (An identity card's label_sep, ffid.c, skips more: a '<'
 * and a lone 7, 1 or 4 for a slash, which a report number may begin with.) */
static size_t den_label_end(const struct fview *v, size_t i)
{
	i = fft_skip_sep(v, i);
	if (i < v->n && v->s[i] == ',')
		i = fft_skip_sep(v, i + 1);
	return i;
}

static void den_number_field(struct ocr_document *d, const struct fview *v)
{
	static const char *const labels[] = {
		"verbale n.", "verbale nr.", "prot. n.", "prot. nr.", "prot.", "protocollo n.",
		"protocollo", "denuncia n.", "pratica n.", "n. prot.", "rif.", NULL
	};
	size_t e, te;
	long s = fft_pfind_any(v, 0, v->n, labels, &e);

	if (s < 0) {
		/* "N. 1234/2026" at the start of a line near the top */
		size_t ls = 0;
		for (int line = 0; line < 12 && ls < v->n; line++) {
			size_t at = fft_skip_blanks(v, ls);
			/* "Pret. n. 2026/458831": a word of four letters misread
			 * for Prot., then the N. */
			if (at + 5 < v->n && isupper((unsigned char)v->u[at])
			    && isalpha((unsigned char)v->s[at + 1]) && isalpha((unsigned char)v->s[at + 2])
			    && isalpha((unsigned char)v->s[at + 3]) && strchr(".,", v->s[at + 4])
			    && v->s[at + 5] == ' ')
				at = fft_skip_blanks(v, at + 5);
			/* "N, 414/26": its dot read as a comma */
			static const char *const ns[] = { "n.", "nr.", "n,", NULL };
			long m = -1;
			for (const char *const *p = ns; *p && !(m >= 0 && strchr(".,", v->s[m - 1])); p++)
				m = fft_pmatch(v, at, *p);
			if (m >= 0 && strchr(".,", v->s[m - 1])) {
				s = (long)ls;
				e = (size_t)m;
				break;
			}
			ls = fft_line_end(v, ls) + 1;
		}
		if (s < 0)
			return;
	}
	size_t i = den_label_end(v, e);
	long m = fft_pmatch(v, i, "n.");
	if (m < 0)
		m = fft_pmatch(v, i, "nr.");
	if (m >= 0)
		i = den_label_end(v, (size_t)m);
	if (!fft_number_token(v, i, &te))
		return;
	/* "668:26": the token goes on with something a number does not hold */
	const char *why = NULL;
	if (te < v->n && !fft_is_blank(v->u[te]) && !(strchr(",;)", v->u[te])
						 && (te + 1 >= v->n || fft_is_blank(v->u[te + 1])))) {
		why = "LOW_CONFIDENCE";
		while (te < v->n && !fft_is_blank(v->u[te]))
			te++;
	}
	char *val = xstrndup(v->u + i, te - i);
	/* TO86976 or T086976? Where Tesseract had no contender for those
	 * characters (put checks), a province's code is what it reads */
	bool mix = !why && fft_ambiguous_mix(val) && !(v->t->doubt && fft_province_number(val));
	if (mix)
		why = "LOW_CONFIDENCE";
	/* T086976, B586908: a province's code with its second letter read as
	 * a digit - held as the province's number, which a reading of the
	 * region in grey may confirm */
	char lead = val[0] && val[1] ? fft_letter_for(val[1]) : 0;
	if (mix && isupper((unsigned char)val[0]) && isdigit((unsigned char)val[1]) && lead) {
		val[1] = lead;
		if (!fft_province_number(val))
			val[1] = v->u[i + 1];
	}
	fft_put(d, v, "number", val, i, te, FF_MIN_CONF, why, 1.0);
	if (!why || (mix && fft_province_number(val)))
		den_confirm(d, v, "number", i, te);
	/* the province's code that a digit read as its second letter made
	 * (T086976) is the one the office's city says (Torino), its first
	 * letter read without a contender */
	const struct ocr_field *f = ocr_document_field(d, "number");
	if (mix && fft_province_number(val) && isdigit((unsigned char)v->u[i + 1]) && f && f->reason
	    && !strcmp(f->value, val)
	    && (!v->t->doubt || v->t->doubt[v->map[i]] < FF_MAX_DOUBT) && office_in_province(v, val))
		fft_unhold(d, "number");
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
	if ((i > 0 && fft_is_al(v->s[i - 1])) || fft_date_at(v, i, &dt))
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
		if (fft_month_at(v, j + 1, &k) < 0)
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
	if (n < 4 || n > 5 || (j < v->n && fft_is_al(v->s[j])))
		return false;
	*end = j;
	return true;
}

/* What a reading of a misread date's region says: a date it is sure of
 * (den_sure_value), a date read with some confidence (FF_MIN_CONF_SAME, no
 * letter for a digit), dd mm yyyy as read (fft_dmy_at) - the first of each. */
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
	if (r->w <= 0 || !fft_reading_open(rd, read, r, &t2, &v2))
		return;
	for (size_t i = 0; i < v2.n; i++) {
		struct fdate dt;
		size_t e;
		if (i > 0 && fft_is_al(v2.s[i - 1]))
			continue;
		if (!out->sure)
			out->sure = den_sure_value(&v2, d, name, i, out->sure_iso, sizeof out->sure_iso);
		if (!out->date && fft_date_at(&v2, i, &dt) && !dt.forced
		    && fft_span_conf(&v2, i, dt.e) >= FF_MIN_CONF_SAME) {
			out->date = true;
			snprintf(out->iso, sizeof out->iso, "%s", dt.iso);
		}
		if (!out->dmy && fft_dmy_at(&v2, i, ",.:;/- ", out->digits, &e))
			out->dmy = e >= v2.n || !fft_is_al(v2.s[e]);
	}
	fft_reading_close(rd, &v2);
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
 * nvar places pos in doubt, ncand candidates cand. fft_vote_combos counts the
 * choices; fft_vote_choice writes choice m (0 .. count - 1) into out, base
 * (the page's reading) with each place in doubt replaced.
 */
int fft_vote_combos(const int ncand[8], const int pos[8], int nvar)
{
	int combos = 1;
	for (int k = 0; k < nvar; k++)
		combos *= ncand[pos[k]];
	return combos;
}

void fft_vote_choice(const char base[9], char cand[8][4], const int ncand[8], const int pos[8],
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
	for (int n = 0, combos = fft_vote_combos(ncand, pos, nvar); n < combos; n++) {
		char dg[9];
		struct fdate q;
		fft_vote_choice(read[0], cand, ncand, pos, nvar, n, dg);
		if (fft_date_fill(&q, i, e, atoi(dg + 4), (dg[2] - '0') * 10 + (dg[3] - '0'),
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
		size_t ls = fft_line_start(v, i), from = ls > 0 ? fft_line_start(v, ls - 1) : 0;
		/* a word before an earlier date is that date's (nascita) */
		for (size_t q = from; q < i; q++) {
			struct fdate prev;
			if (fft_date_at(v, q, &prev) && prev.e <= i)
				from = q = prev.e;
		}
		enum dkind k = fft_place_before(v, &dt) ? D_DOC : fft_nearest_kind(v, from, i);
		if (k == D_NONE)
			k = fft_first_kind_after(v, e, e + 70 < v->n ? e + 70 : v->n);
		const char *name = k == D_DOC ? "date" : k == D_EVENT ? "event_date" : NULL;
		struct dreading a, b;
		char read[3][9];
		size_t de;
		struct ocr_region r = fft_span_region(v, i, e);
		if (!name || ocr_document_field(d, name)) {
			i = e;
			continue;
		}
		date_reading(v, d, name, &r, rd->read, &a);
		date_reading(v, d, name, &r, rd->read_grey, &b);
		memcpy(read[1], a.digits, 9);
		memcpy(read[2], b.digits, 9);
		if (a.sure && b.sure && !strcmp(a.sure_iso, b.sure_iso))
			fft_put(d, v, name, a.sure_iso, i, e, 0.0, NULL, 1.0);
		else if (a.date && b.date && !strcmp(a.iso, b.iso) && date_agrees(d, name, a.iso))
			fft_put(d, v, name, a.iso, i, e, 0.0, NULL, 1.0);
		else if (a.dmy && b.dmy && fft_dmy_at(v, i, ",.:;/- ", read[0], &de)
			 && den_date_voted(d, name, read, i, e, &dt))
			fft_put(d, v, name, dt.iso, i, e, 0.0, NULL, 1.0);
		i = e;
	}
}

/* The day and month in words (fft_day_month_at) that a reading of the region
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

	if (r->w <= 0 || !fft_reading_open(rd, read, r, &t2, &v2))
		return false;
	for (size_t i = 0; i < v2.n && !ok; i++) {
		size_t ds, e, de;
		bool forced = false;
		if ((i > 0 && fft_is_al(v2.s[i - 1])) || !fft_day_month_at(&v2, i, day, month, &ds, &e, &forced))
			continue;
		for (de = ds; de < e && isdigit((unsigned char)v2.u[de]); de++)
			;
		ok = !forced && fft_span_conf(&v2, i, e) >= FF_MIN_CONF_SAME && !fft_span_doubtful(&v2, ds, de);
	}
	fft_reading_close(rd, &v2);
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
	    || fft_span_conf(v, doc->s, doc->e) < FF_MIN_CONF_SAME)
		return;
	long days = days_between(ev->value, f->value);
	if (days < 0 || days > 366)
		return;
	struct ocr_region r = fft_span_region(v, doc->s, doc->e);
	if (day_month_reading(v, &r, rd->read, &d1, &m1) && d1 == doc->d && m1 == doc->m
	    && day_month_reading(v, &r, rd->read_grey, &d2, &m2) && d2 == doc->d && m2 == doc->m)
		fft_unhold(d, "date");
}

static void den_dates(struct ocr_document *d, const struct fview *v)
{
	struct fdate dates[32];
	size_t n = fft_find_dates(v, dates, ARRAY_SIZE(dates));
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
		fft_put(d, v, "date", doc->iso, doc->s, doc->e, FF_MIN_CONF,
			doc_split ? "LOW_CONFIDENCE" : NULL, doc->forced ? 0.5 : 1.0);
	/* a date in words over a sentence ("addi' 5 del mese di maggio") has
	 * its year elsewhere: a reading of its region alone cannot say it */
	struct fdate whole;
	if (doc && !doc_split && !fft_long_date_at(v, doc->s, &whole))
		den_confirm(d, v, "date", doc->s, doc->e);
	if (ev)
		fft_put(d, v, "event_date", ev->iso, ev->s, ev->e, FF_MIN_CONF,
			ev_split ? "LOW_CONFIDENCE" : NULL, ev->forced ? 0.5 : 1.0);
	if (ev && !ev_split && !fft_long_date_at(v, ev->s, &whole))
		den_confirm(d, v, "event_date", ev->s, ev->e);
	if (doc && !doc_split && fft_long_date_at(v, doc->s, &whole))
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
	long t = fft_pfind_any(v, 0, v->n, theft, &e);
	long l = fft_pfind_any(v, 0, v->n, loss, &e);
	long ts = fft_pfind(v, 0, v->n, "FURTO", &e), lsm = fft_pfind(v, 0, v->n, "SMARRIMENTO", &e);
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
		while (q < v->n && fft_is_al(v->s[q]))
			q++;
		fft_put(d, v, "event", val, s, q, FF_MIN_CONF, NULL, 1.0);
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
		if (fft_pmatch(v, i, *p) >= 0)
			return true;
	return false;
}

/* A card's shortest name labels, also with a letter misread (NAMI, NOMF):
 * the word at i, its end in *end. */
bool fft_short_label(const struct fview *v, size_t i, size_t *end)
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
bool fft_not_a_name(const struct fview *v, size_t i)
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
		if (fft_pmatch(v, i, *p) >= 0)
			return true;
		/* a label with a letter lost or misread (ITTADINANZA) */
		size_t len = strlen(*p), e = 0, end = i;
		while (end < v->n && isalpha((unsigned char)v->s[end]))
			end++;
		if (len >= 7 && end - i + 1 >= len - 1 && end - i <= len + 1
		    && fft_fuzzy_find(v, i, end, *p, 1, &e) >= 0)
			return true;
	}
	return fft_short_label(v, i, NULL);
}

/* The box of the word at folded index i; NULL without geometry. */
const struct ocr_region *fft_word_box(const struct fview *v, size_t i)
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
		if (fft_is_al(v->s[i]))
			return true;
	return false;
}

/* Left edge of the word at folded index i, or -1 without geometry. */
int fft_word_x(const struct fview *v, size_t i)
{
	const struct ocr_region *b = fft_word_box(v, i);
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

/* Whether the line at i opens with a label: one or two words, then a
 * colon ("Codice fiscale:", read "Cadice fiscale:") - no name's end. */
static bool label_line(const struct fview *v, size_t i)
{
	for (int words = 0; words < 2; words++) {
		while (i < v->n && v->u[i] == ' ')
			i++;
		size_t k = i;
		while (k < v->n && (isalpha((unsigned char)v->u[k]) || v->u[k] == '\''))
			k++;
		if (k == i)
			return false;
		if (k < v->n && v->u[k] == ':')
			return true;
		i = k;
	}
	return false;
}

/* Whether the word at i opens with a small letter that Tesseract reads
 * for its capital (a capital of the same shape, c o s u v w x z: "silvia
 * Gallo", "Federica villa"), then small letters - and is no word of prose
 * that may follow a name. */
static bool twin_initial(const struct fview *v, size_t i)
{
	static const char *const prose[] = {
		"sul", "sulla", "su", "verso", "via", "ove", "ora", "ore", "oggi", "senza", "sono",
		"come", "cui", "visto", "vista", "sopra", "circa", "successivamente", NULL
	};
	if (!(i + 1 < v->n && ocr_text_capital_twin(v->u[i]) && islower((unsigned char)v->u[i + 1])))
		return false;
	if (name_stop(v, i))
		return false;
	for (const char *const *p = prose; *p; p++)
		if (fft_pmatch(v, i, *p) >= 0)
			return false;
	return true;
}

/*
 * Words of a person's name from i: capitalised (caps_only: all capitals),
 * letters and apostrophes, up to five, on one line or running on. With
 * word geometry and min_x >= 0, words that stand left of min_x (another
 * column that the OCR put on the same line) are skipped first.
 */
bool fft_read_name(const struct fview *v, size_t i, size_t *fs, size_t *fe, bool caps_only,
		   bool one_line, int min_x)
{
	size_t j = i, end = i, start = i;
	int words = 0;

	if (min_x >= 0) {
		for (int guard = 0; guard < 8 && j < v->n && v->u[j] != '\n'; guard++) {
			const struct ocr_region *b = fft_word_box(v, j);
			if (!b || b->x >= min_x)
				break;
			size_t k = j;
			while (k < v->n && !fft_is_blank(v->u[k]))
				k++;
			while (k < v->n && v->u[k] == ' ')
				k++;
			/* the particle of a surname close before its first word
			 * under the label is the name's own (DE ANGELIS), not
			 * another column's */
			const struct ocr_region *nb = fft_word_box(v, k);
			if (surname_particle(v, j) && nb && v->u[k] != '\n' && nb->x >= min_x
			    && nb->x - (b->x + b->w) <= b->h)
				break;
			j = k;
		}
		start = j;
	}
	while (j < v->n && words < 5) {
		size_t k = j;
		if ((!isupper((unsigned char)v->u[k]) && !(!caps_only && twin_initial(v, k)))
		    || fft_not_a_name(v, k))
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
			if (one_line || label_line(v, j + 1))
				break;
			j++;
		}
	}
done:
	if (words == 0)
		return false;
	/* a quote after the name's last letter (ANNA‘, GIOVANNI’) is a speck:
	 * a name's apostrophe stands inside it (D'ANGELO) or ends a particle
	 * of two letters before another word */
	if (end - start >= 3 && v->u[end - 1] == '\'' && isalpha((unsigned char)v->u[end - 2])
	    && isalpha((unsigned char)v->u[end - 3]))
		end--;
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
	long s = fft_pfind_any(v, 0, v->n, labels, &e);

	if (s < 0)
		return;
	size_t i = e;
	while (i < v->n && fft_is_al(v->s[i]))	/* sottoscritt-o/a */
		i++;
	i = fft_skip_sep(v, i);
	for (int guard = 0; guard < 4; guard++) {
		size_t fe2;
		long f = fft_pfind_any(v, i, i + 1, fillers, &fe2);
		if (f < 0)
			break;
		i = fft_skip_sep(v, fe2);
	}
	if (!fft_read_name(v, i, &fs, &fe, false, false, -1))
		return;
	char *val = fft_span_text(v, fs, fe);
	/* a capital read small for its shape (twin_initial) is the capital */
	for (char *q = val; *q; q++)
		if ((q == val || q[-1] == ' ') && islower((unsigned char)*q))
			*q = (char)toupper((unsigned char)*q);
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
		fft_put(d, v, "reporter", val, fs, fe, FF_MIN_CONF, cut ? "LOW_CONFIDENCE" : NULL, 1.0);
	free(val);
}

/* True when the character at j goes on an IMEI's run: a digit, or a
 * letter or sign of a digit's shape. */
static bool imei_goes_on(const struct fview *v, size_t j)
{
	return j < v->n && (isdigit((unsigned char)v->u[j]) || fft_digit_for(v->u[j]));
}

/* True when the run ends before j: no letter, digit or look-alike there. */
static bool imei_run_ends(const struct fview *v, size_t j)
{
	return !imei_goes_on(v, j) && (j >= v->n || !fft_is_al(v->s[j]));
}

/*
 * IMEI digits after i: 15 digits, separators allowed between groups; up to
 * two letters or signs of a digit's shape taken for it (*mapped), the first
 * and the last too ("B68819...", "... 504529 B": seed 601) - the last only
 * where the run ends, so that a word after the number is not one.
 */
bool fft_imei_at(const struct fview *v, size_t i, char out[16], size_t pos[15], size_t *end,
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
		char dg = fft_digit_for(c);
		if (dg && n < 15 && (n == 14 ? imei_run_ends(v, j + 1) : imei_goes_on(v, j + 1))) {
			pos[n] = j;
			out[n++] = dg;
			(*mapped)++;
			j++;
			continue;
		}
		if ((c == ' ' || c == '\n' || c == '-' || c == '.' || c == '/') && n > 0 && n < 15
		    && j + 1 < v->n
		    && (isdigit((unsigned char)v->u[j + 1])
			|| (n == 14 && fft_digit_for(v->u[j + 1]) && imei_run_ends(v, j + 2)))) {
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
	if (!fft_reading_open(rd, rd->read_grey, &r, &t3, &v3))
		return;
	for (size_t i = 0; i < v3.n && !ok; i++) {
		size_t pos[15], e;
		int mapped;
		if ((i > 0 && fft_is_al(v3.s[i - 1])) || !isdigit((unsigned char)v3.u[i])
		    || !fft_imei_at(&v3, i, val, pos, &e, &mapped) || mapped || !ocr_check_imei(val)
		    || (e < v3.n && fft_is_al(v3.s[e])))
			continue;
		conf = fft_span_conf(&v3, i, e);
		ok = conf >= FF_MIN_CONF;
		for (size_t k = i; k < e && ok; k++)
			if (t3.doubt_like && t3.doubt_like[v3.map[k]] >= FF_MAX_DOUBT)
				ok = false;
	}
	fft_reading_close(rd, &v3);
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
	if (!ocr_check_imei(val) && fft_repair_alts(v, val, pos, 15, shape, ocr_check_imei) != 1)
		reason = "IMEI_CHECKSUM";
	fft_put(d, v, "imei", val, s, e, FF_MIN_CONF_CHECKED, reason, 1.0);
}

/* "IMEI" with a letter misread (IMCI, IMEL, 1MEI): a word of four that
 * has three of its letters in place. */
static bool imei_label_at(const struct fview *v, size_t i, size_t *end)
{
	int same = 0;
	if ((i > 0 && fft_is_al(v->s[i - 1])) || i + 4 > v->n || (i + 4 < v->n && fft_is_al(v->s[i + 4])))
		return false;
	for (size_t k = 0; k < 4; k++) {
		if (!fft_is_al(v->s[i + k]) || islower((unsigned char)v->u[i + k]))
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
		size_t j = fft_skip_sep(v, e), s = j, n = 0;
		char val[20];
		while (j < v->n && n < 17) {
			if (isdigit((unsigned char)v->u[j]))
				val[n++] = v->u[j];
			else if (!(v->u[j] == ' ' && j + 1 < v->n && isdigit((unsigned char)v->u[j + 1])))
				break;
			j++;
		}
		bool sign = n == 14 && j + 1 < v->n && v->u[j] == ' ' && !fft_is_al(v->s[j + 1])
			    && !strchr(" \n,.;:)", v->u[j + 1]);
		if (sign) {
			val[n++] = '?';
			j += 2;
		}
		if (n != 15 && n != 16)
			continue;
		val[n] = '\0';
		fft_put(d, v, "imei", val, s, j, FF_MIN_CONF_CHECKED, "IMEI_CHECKSUM", 1.0);
		return;
	}
}

static void den_imei(struct ocr_document *d, const struct fview *v)
{
	size_t e, pos[15], end;
	char val[16];
	int mapped;
	long s = fft_pfind(v, 0, v->n, "imei*", &e);

	while (s >= 0) {
		size_t i = fft_skip_sep(v, e);
		/* "IMEI 1: ..." on dual-SIM phones */
		if (i + 1 < v->n && (v->s[i] == '1' || v->s[i] == '2') && strchr(":)", v->s[i + 1]))
			i = fft_skip_sep(v, i + 2);
		long n = fft_pmatch(v, i, "n.");
		if (n >= 0)
			i = fft_skip_sep(v, (size_t)n);
		if (fft_imei_at(v, i, val, pos, &end, &mapped)) {
			put_imei(d, v, val, pos, i, end);
			return;
		}
		s = fft_pfind(v, e, v->n, "imei*", &e);
	}
	/* no label: a run of 15 digits that passes Luhn */
	for (size_t i = 0; i < v->n; i++) {
		if ((i == 0 || !fft_is_al(v->s[i - 1])) && isdigit((unsigned char)v->u[i])
		    && fft_imei_at(v, i, val, pos, &end, &mapped) && mapped == 0 && ocr_check_imei(val)
		    && (end >= v->n || !fft_is_al(v->s[end]))) {
			put_imei(d, v, val, pos, i, end);
			return;
		}
	}
	den_imei_misread(d, v);
}

/*
 * A phone line at i: an optional +, then 9 to 14 digits with single
 * blanks, dots, dashes, slashes or commas between them ("+39 350 8053159",
 * "347.1234567", "349,3872061"), or the line's end while fewer than nine
 * have come ("+39 374 / 1104795"), that ocr_normalise_line takes; its
 * normal form to out,
 * the end to *end. Shared by the page's reading and the second ones
 * (fftext.c's scan_reading), which so confirm a line held for its
 * confidence: 30 of the 1020 denunciations' lines held -> right.
 */
bool fft_line_at(const struct fview *v, size_t i, char *out, size_t size, size_t *end)
{
	size_t j = i, digits = 0;
	char raw[64];

	if (j < v->n && v->u[j] == '+')
		j++;
	while (j < v->n) {
		if (isdigit((unsigned char)v->u[j])) {
			digits++;
			j++;
			continue;
		}
		/* groups apart by a blank, a dot, a dash, a slash, or a comma
		 * (a dot misread); a number cut short by the line's end goes
		 * on at the next line's start (utenza n. 333 / 6155936) */
		size_t k = j;
		if (strchr(" .-/,", v->u[k]))
			k++;
		if (digits < 9 && k < v->n && v->u[k] == '\n')
			k = fft_skip_blanks(v, k + 1);
		if (k == j || k >= v->n || !isdigit((unsigned char)v->u[k]))
			break;
		j = k;
	}
	if (digits < 9 || digits > 14 || j - i >= sizeof raw)
		return false;
	snprintf(raw, sizeof raw, "%.*s", (int)(j - i), v->u + i);
	for (char *q = raw; *q; q++)
		if (*q == ',' || *q == '\n')
			*q = ' ';
	if (ocr_normalise_line(raw, out, size) != 0)
		return false;
	*end = j;
	return true;
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
	long s = fft_pfind_any(v, 0, v->n, labels, &e);

	while (s >= 0) {
		size_t i = fft_skip_sep(v, e), fe, j;
		for (int guard = 0; guard < 5; guard++) {
			long f = fft_pfind_any(v, i, i + 1, fillers, &fe);
			if (f < 0)
				break;
			i = fft_skip_sep(v, fe);
		}
		char norm[32];
		if (fft_line_at(v, i, norm, sizeof norm, &j)) {
			fft_put(d, v, "line", norm, i, j, FF_MIN_CONF, NULL, 1.0);
			return;
		}
		s = fft_pfind_any(v, e, v->n, labels, &e);
	}
}

/* Words that name a series or a variant in makers' model names. */
static const char *const model_words[] = {
	"iphone", "galaxy", "redmi", "note", "pro", "max", "ultra", "plus", "lite", "mini",
	"flip", "fold", "pixel", "nord", "moto", "edge", "reno", "find", "mate", "nova",
	"xperia", NULL
};

/* Whether the word at i (a line's first) goes on a model that the line
 * before ended: a series or variant word (Flip5 too), or a short word
 * with a digit (Note / 12) that no date or code goes on. */
static bool model_goes_on(const struct fview *v, size_t i)
{
	size_t k = i = fft_skip_blanks(v, i);
	bool digit = false;

	while (k < v->n && fft_is_al(v->s[k]))
		digit |= isdigit((unsigned char)v->s[k++]) != 0;
	if (k == i || (k < v->n && !strchr(" ,;)(\n", v->s[k])))
		return false;
	for (const char *const *w = model_words; *w; w++) {
		size_t n = strlen(*w);
		if (k - i >= n && !strncmp(v->s + i, *w, n))
			return true;
	}
	return digit && k - i <= 6;
}

/* Whether word (up to a blank) is a series or variant word with one letter
 * misread (Pra for Pro, Lita for Lite): letters only, as long as one of
 * model_words, and one letter off it. */
static bool model_word_misread(const char *word)
{
	size_t n = strcspn(word, " ");
	char w[16];

	if (n < 3 || n >= sizeof w)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!isalpha((unsigned char)word[k]))
			return false;
	snprintf(w, sizeof w, "%.*s", (int)n, word);
	/* as long, one edit off: one letter changed */
	for (const char *const *m = model_words; *m; m++)
		if (strlen(*m) == n && ocr_text_distance(w, *m) == 1)
			return true;
	return false;
}

/* A letter as the fonts of a fax make it look: i, l, 1 and ! alike, o, 0
 * and q alike. */
static char glyph(char c)
{
	return strchr("il1!|", c) ? 'i' : strchr("o0q", c) ? 'o' : c;
}

/* The make (or a series that names it) whose name is the word at i of v,
 * spelt as its maker spells it, with *end after it; NULL when none is. A
 * name of five letters or more may have its i or l, its o or 0 misread
 * for the other (Xlaomi, Huawe1, QnePlus). */
static const char *brand_at(const struct fview *v, size_t i, size_t *end)
{
	static const char *const brands[] = {
		"Apple", "Samsung", "Xiaomi", "Huawei", "Motorola", "Nokia", "Oppo", "Google",
		"OnePlus", "Sony", "Honor", "Realme", "Vivo", "Alcatel", "LG", "ZTE", "Wiko",
		"Asus", "Redmi", "iPhone", NULL
	};

	for (const char *const *b = brands; *b; b++) {
		size_t n = strlen(*b), k;
		for (k = 0; k < n && i + k < v->n; k++) {
			char c = v->s[i + k], want = (char)tolower((unsigned char)(*b)[k]);
			if (c != want && (n < 5 || glyph(c) != glyph(want)))
				break;
		}
		if (k == n && (i + n >= v->n || !fft_is_al(v->s[i + n]))) {
			*end = i + n;
			return *b;
		}
	}
	return NULL;
}

/* The make and model named first in v (a make, then up to five words of
 * the model), at [*vs, *ve), with *why set when its reading is suspect;
 * NULL when no make or model is named. */
static char *den_model_at(const struct fview *v, size_t *vs, size_t *ve, const char **why)
{
	static const char *const stops[] = {
		"imei", "colore", "di", "con", "avente", "numero", "utenza", "e", "sn", "seriale",
		"s/n", "nero", "bianco", "blu", "in", "dal", "che", "del", "della", "il", "la",
		"matricola", "codice", "sim", "unitamente", "contenente", "cover", NULL
	};
	size_t e = 0;
	long s = -1;
	const char *brand = NULL;

	*why = NULL;
	for (size_t k = 0; k < v->n && !brand; k++)
		if (!k || !fft_is_al(v->s[k - 1]))
			brand = brand_at(v, k, &e), s = (long)k;
	if (!brand)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t i = (size_t)s, last = e;
	int words = 0;

	sb_init(&sb);
	sb_adds(&sb, brand);
	i = e;
	while (words < 5) {
		size_t j = i;
		while (j < v->n && v->s[j] == ' ')
			j++;
		if (j < v->n && v->s[j] == '\n' && model_goes_on(v, j + 1))
			j = fft_skip_blanks(v, j + 1);
		if (j >= v->n || !(fft_is_al(v->s[j]) || v->s[j] == '+'))
			break;
		long m = fft_pmatch(v, j, "modello");
		if (m >= 0) {
			i = (size_t)m;
			j = fft_skip_sep(v, i);
			i = j;
			continue;
		}
		size_t fe;
		if (fft_pfind_any(v, j, j + 1, stops, &fe) >= 0)
			break;
		size_t k = j;
		while (k < v->n && (fft_is_al(v->s[k]) || v->s[k] == '+' || v->s[k] == '-'))
			k++;
		char *w = fft_span_text(v, j, k);
		sb_addc(&sb, ' ');
		sb_adds(&sb, w);
		free(w);
		words++;
		last = k;
		i = k;
	}
	/* the make is implied by some models */
	const char *make = !strncmp(sb.buf, "iPhone", 6) ? "Apple"
			   : !strncmp(sb.buf, "Redmi", 5) ? "Xiaomi" : NULL;
	if (words > 0 && make) {
		struct strbuf full = STRBUF_INIT;
		sb_init(&full);
		sb_addf(&full, "%s %s", make, sb.buf);
		sb_release(&sb);
		sb = full;
	}
	/* a Galaxy's series is a letter (A, M, S, Z) before its number: a 5
	 * there is its S (Galaxy 523 for S23) */
	for (char *q = strstr(sb.buf, "Galaxy 5"); q; q = strstr(q + 1, "Galaxy 5"))
		if (isdigit((unsigned char)q[8]) && isdigit((unsigned char)q[9])
		    && (!q[10] || q[10] == ' '))
			q[7] = 'S';
	/* a word of the model that starts with a digit may have been a letter
	 * (S22 read as 522) */
	for (const char *q = strchr(sb.buf, ' '); q; q = strchr(q + 1, ' ')) {
		if (q[1] && strchr("02568", q[1]) && q[2] && isdigit((unsigned char)q[2]))
			*why = fft_read_doubt;
		/* two capitals, then small letters: a letter's case misread
		 * (IPhone for iPhone) */
		if (isupper((unsigned char)q[1]) && isupper((unsigned char)q[2])
		    && islower((unsigned char)q[3]))
			*why = fft_read_doubt;
		if (model_word_misread(q + 1))
			*why = fft_read_doubt;
	}
	if (!words) {
		sb_release(&sb);
		return NULL;
	}
	*vs = (size_t)s, *ve = last;
	return sb_detach(&sb);
}

char *fft_den_text_at(const struct fview *v, const char *name, size_t *fs, size_t *fe,
		      const char **why)
{
	if (!strcmp(name, "authority"))
		return den_authority_at(v, fs, fe, why);
	if (!strcmp(name, "model"))
		return den_model_at(v, fs, fe, why);
	return NULL;
}

/* The authority or the make and model, free text that nothing checks:
 * trusted when read very clearly, or alike by two more readings of its
 * region (fftext.c, second_look). */
static void den_text_field(struct ocr_document *d, const struct fview *v, const char *name)
{
	size_t s, e;
	const char *why;
	char *val = fft_den_text_at(v, name, &s, &e, &why);

	if (val)
		fft_put(d, v, name, val, s, e, FF_MIN_CONF_TEXT, why, 1.0);
	free(val);
}

/*
 * A trusted fiscal code of the reporter is a checked reading of the
 * reporter's name: a trusted name that no cut of its words into given
 * names and surname makes the code's six letters of (SANTORO Morica
 * against SNTMNC...) is held - one of the two readings is wrong, and the
 * code is checked.
 */
static void den_reporter_cross_check(struct ocr_document *d)
{
	const struct ocr_field *cf = ocr_document_field(d, "reporter_cf");
	const struct ocr_field *rep = ocr_document_field(d, "reporter");

	if (!cf || cf->reason || strlen(cf->value) != 16 || !rep || rep->reason)
		return;
	if (!ocr_fiscal_code_person(cf->value, rep->value, OCR_CF_GIVEN_FIRST | OCR_CF_SURNAME_FIRST)) {
		fft_hold(d, "reporter", "differs from the fiscal code");
		return;
	}
	/* the code's letters for a given name say which word is one; its
	 * day, whether a man's or a woman's */
	for (const char *w = rep->value; *w; w += strcspn(w, " ")) {
		char part[4], word[64];
		w += strspn(w, " ");
		snprintf(word, sizeof word, "%.*s", (int)strcspn(w, " "), w);
		ocr_fiscal_code_part(word, true, part);
		if (word[0] && !strncmp(cf->value + 3, part, 3) && fft_cf_sex_denies(cf->value, word)) {
			fft_hold(d, "reporter", "a man's or a woman's name against the fiscal code");
			return;
		}
	}
}

/* A report's date or its event's after the day its fax came (a day's
 * grace for the time zones) cannot be: a digit misread (05/08/2028 for
 * 2026). Held for a clerk rather than trusted for the rules to reject. */
static void den_dates_after_receipt(struct ocr_document *d, const struct fview *v)
{
	static const char *const names[] = { "date", "event_date" };
	int t = fft_view_today(v);
	char today[16];

	snprintf(today, sizeof today, "%04d-%02d-%02d", t / 10000, t / 100 % 100, t % 100);
	for (size_t k = 0; k < ARRAY_SIZE(names); k++) {
		const struct ocr_field *f = ocr_document_field(d, names[k]);
		if (f && !f->reason && days_between(today, f->value) > 1)
			fft_hold(d, names[k], "after the day the fax was received");
	}
}

/*
 * A line has no check of its own, and one misread digit makes another
 * customer's: a line trusted on the page's reading with a confidence
 * under DEN_LINE_ALONE is read again, its region in grey by the other
 * model (fft_grey_alike), and held unless that reading says the same
 * digits (with contenders or not). On 1020 denunciations the page trusted
 * 928 lines, 4 of them wrong, all under 0.91 (0.81-0.90: seed 901 page
 * 956, 2401 page 2436, fresh 3312, 3324); of the 83 under it, the grey
 * reading holds those 4 and 7 right ones.
 */
#define DEN_LINE_ALONE 0.91

static void den_line_read_twice(struct ocr_document *d, const struct fview *v)
{
	const struct ocr_field *f = ocr_document_field(d, "line");

	if (!f || f->reason || f->confidence >= DEN_LINE_ALONE)
		return;
	if (fft_grey_alike(v, d, "line") == 0)
		fft_hold(d, "line", "read once, and otherwise in grey");
}

void fft_parse_denunciation(struct ocr_document *d, const struct fview *v)
{
	den_text_field(d, v, "authority");
	den_dates(d, v);
	den_dates_after_receipt(d, v);
	den_number_field(d, v);
	den_event(d, v);
	den_reporter(d, v);
	fft_find_cf(d, v, "reporter_cf");
	den_imei(d, v);
	den_imei_grey(d, v);
	den_imei_voted(d, v);
	den_line(d, v);
	den_line_read_twice(d, v);
	den_text_field(d, v, "model");
	den_reporter_cross_check(d);
}
