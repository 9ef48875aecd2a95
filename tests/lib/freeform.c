/*
 * freeform - draws the free-form documents of the test faxes: copies of
 * police denunciations (Carabinieri, Questura, Polizia di Stato; theft or
 * loss; several wordings) and photocopies of identity documents (electronic
 * and paper identity cards, driving licences, passports) with grey areas
 * that the fax's dithering turns into noise.
 *
 * Everything is chosen by the seed (a private generator, no rand()), so a
 * seed always draws the same page. Values given as key=value (FORMS.md
 * names, normal forms) replace the made-up ones. Test code: a bad key is
 * ignored, an unknown kind returns -1.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocr/check.h"
#include "tests/lib/freeform.h"

#define PT 0.3528		/* mm per point */

struct rng {
	unsigned long long s;
};

static unsigned rnd(struct rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (unsigned)(r->s >> 16);
}

static int pick(struct rng *r, int n)
{
	return (int)(rnd(r) % (unsigned)n);
}

static double frand(struct rng *r, double a, double b)
{
	return a + (b - a) * (rnd(r) % 10000) / 10000.0;
}

static void rng_init(struct rng *r, unsigned seed, unsigned salt)
{
	r->s = 0x9e3779b97f4a7c15ULL ^ ((unsigned long long)seed << 20) ^ salt;
	if (!r->s)
		r->s = 1;
	for (int i = 0; i < 8; i++)
		rnd(r);
}

/* ---------------------------------------------------------------- values */

struct ffvals {
	/* denunciation */
	char authority[96], number[32], date[16], event[8], event_date[16], reporter[64];
	char reporter_cf[20], imei[20], line[16], model[48];
	/* identity */
	char kind[24], idnum[16], surname[32], name[32], birth_date[16], expiry[16];
	char fiscal_code[20];
	/* drawn but not fields */
	char town[32], prov[4], birthplace[32], issue[16], part[4];
	int template_id;
	bool cf_on_card;	/* the identity document shows the fiscal code */
};

static const char *const surnames[] = {
	"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
	"Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
	"Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
	"Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
	"Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis",
	"D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Fabbri", "Bianco",
	"Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini",
};
static const char *const names_m[] = {
	"Mario", "Luca", "Marco", "Giuseppe", "Andrea", "Francesco", "Alessandro", "Matteo",
	"Lorenzo", "Davide", "Paolo", "Stefano", "Roberto", "Giovanni", "Antonio", "Simone",
	"Fabio", "Claudio", "Massimo", "Riccardo", "Gian Luca", "Nicola", "Emanuele",
};
static const char *const names_f[] = {
	"Giulia", "Francesca", "Sara", "Chiara", "Laura", "Valentina", "Alessia", "Elena",
	"Martina", "Federica", "Silvia", "Anna", "Paola", "Maria Grazia", "Roberta", "Elisa",
	"Giorgia", "Serena", "Monica", "Cristina", "Barbara", "Ilaria",
};
static const struct { const char *town, *prov, *code; } towns[] = {
	{ "Milano", "MI", "F205" }, { "Roma", "RM", "H501" }, { "Torino", "TO", "L219" },
	{ "Napoli", "NA", "F839" }, { "Bologna", "BO", "A944" }, { "Firenze", "FI", "D612" },
	{ "Genova", "GE", "D969" }, { "Verona", "VR", "L781" }, { "Padova", "PD", "G224" },
	{ "Bari", "BA", "A662" }, { "Brescia", "BS", "B157" }, { "Bergamo", "BG", "A794" },
	{ "Parma", "PR", "G337" }, { "Modena", "MO", "F257" }, { "Perugia", "PG", "G478" },
	{ "Trieste", "TS", "L424" }, { "Venezia", "VE", "L736" }, { "Monza", "MB", "F704" },
};
static const char *const quarters[] = {
	"Porta Venezia", "Centro", "San Giovanni", "Porta Garibaldi", "Borgo", "Stazione",
	"Trevi", "Prati", "San Paolo", "Lingotto", "Vomero", "Navigli",
};
static const char *const models[] = {
	"Apple iPhone 13", "Apple iPhone 14 Pro", "Apple iPhone 15", "Samsung Galaxy S23",
	"Samsung Galaxy A54", "Samsung Galaxy S22 Ultra", "Xiaomi Redmi Note 12",
	"Xiaomi 13T", "Motorola Moto G84", "Google Pixel 7", "Huawei P30 Lite", "Oppo Reno 8",
	"Nokia G22", "OnePlus Nord 3", "Samsung Galaxy Z Flip5", "Apple iPhone SE",
};
static const char *const mesi[] = {
	"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
	"settembre", "ottobre", "novembre", "dicembre",
};

static const char *kv_get(const struct mkfax_kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (kv[i].key && kv[i].value && !strcmp(kv[i].key, key))
			return kv[i].value;
	return NULL;
}

static void set(char *dst, size_t size, const struct mkfax_kv *kv, size_t n, const char *key)
{
	const char *v = kv_get(kv, n, key);
	if (v)
		snprintf(dst, size, "%s", v);
}

static void make_imei(struct rng *r, char out[16])
{
	static const char *const tac[] = { "35290611", "35391110", "86754304", "35847631",
					   "01332700", "35328510", "86881903", "35674108" };
	snprintf(out, 16, "%s%06u", tac[pick(r, 8)], rnd(r) % 1000000);
	for (char c = '0'; c <= '9'; c++) {
		out[14] = c;
		out[15] = '\0';
		if (ocr_check_imei(out))
			return;
	}
}

static void make_cf(const char *surname, const char *name, const char *birth, bool female,
		    const char *code, char out[17])
{
	static const char mon[] = "ABCDEHLMPRST";
	char s3[4], n3[4];
	int y, m, d;
	ocr_fiscal_code_part(surname, false, s3);
	ocr_fiscal_code_part(name, true, n3);
	if (sscanf(birth, "%d-%d-%d", &y, &m, &d) != 3)
		y = 1980, m = 1, d = 1;
	snprintf(out, 17, "%s%s%02d%c%02d%sX", s3, n3, y % 100, mon[(m - 1) % 12],
		 (d + (female ? 40 : 0)) % 100, code);
	for (char c = 'A'; c <= 'Z'; c++) {
		out[15] = c;
		if (ocr_check_fiscal_code(out))
			return;
	}
}

static void iso_date(char *out, size_t n, int y, int m, int d)
{
	snprintf(out, n, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

static void make_date(struct rng *r, int y0, int y1, char out[16])
{
	int y = y0 + pick(r, y1 - y0 + 1), m = 1 + pick(r, 12), d = 1 + pick(r, 28);
	iso_date(out, 16, y, m, d);
}

static void upcase(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 32);
}

/*
 * The expiry the law gives an identity document issued on v->issue to a
 * holder born on v->birth_date: an identity card or a passport ten years,
 * five from 3 to 18, three under 3; a driving licence ten years under 50,
 * five from 50, three from 70, two from 80. An identity card's and a
 * licence's end moves to the holder's birthday that follows it (DL 5/2012
 * art. 7); a passport's does not. A document whose term ended before the
 * copy (November 2026) was renewed on the day it ended.
 */
static void law_expiry(struct ffvals *v)
{
	int iy, im, id, by, bm, bd;
	bool lic = !strcmp(v->kind, "driving-licence"), pass = !strcmp(v->kind, "passport");

	if (sscanf(v->issue, "%d-%d-%d", &iy, &im, &id) != 3
	    || sscanf(v->birth_date, "%d-%d-%d", &by, &bm, &bd) != 3)
		return;
	for (;;) {
		int age = iy - by - (im * 100 + id < bm * 100 + bd);
		int years = lic ? (age < 50 ? 10 : age < 70 ? 5 : age < 80 ? 3 : 2)
				: (age < 3 ? 3 : age < 18 ? 5 : 10);
		int ey = iy + years, em = im, ed = id;
		if (!pass) {
			if (bm * 100 + bd < em * 100 + ed)
				ey++;
			em = bm, ed = bd;
		}
		if (ey * 10000 + em * 100 + ed > 20261126) {
			iso_date(v->issue, sizeof v->issue, iy, im, id);
			iso_date(v->expiry, sizeof v->expiry, ey, em, ed);
			return;
		}
		iy = ey, im = em, id = ed;
	}
}

static void make_values(struct ffvals *v, bool identity, unsigned seed,
			const struct mkfax_kv *kv, size_t n)
{
	struct rng r;
	rng_init(&r, seed, identity ? 0x1d : 0xde);
	memset(v, 0, sizeof *v);

	bool female = pick(&r, 2);
	const char *sur = surnames[pick(&r, (int)(sizeof surnames / sizeof *surnames))];
	const char *nam = female ? names_f[pick(&r, (int)(sizeof names_f / sizeof *names_f))]
				 : names_m[pick(&r, (int)(sizeof names_m / sizeof *names_m))];
	int ti = pick(&r, (int)(sizeof towns / sizeof *towns));
	int bi = pick(&r, (int)(sizeof towns / sizeof *towns));
	char birth[16];
	make_date(&r, 1955, 2002, birth);
	snprintf(v->town, sizeof v->town, "%s", towns[ti].town);
	snprintf(v->prov, sizeof v->prov, "%s", towns[ti].prov);
	snprintf(v->birthplace, sizeof v->birthplace, "%s", towns[bi].town);
	v->template_id = pick(&r, 1000);

	/* denunciation */
	static const char *const auth_cc[] = { "Stazione Carabinieri di %s", "Stazione Carabinieri %s %s",
					       "Compagnia Carabinieri di %s" };
	static const char *const auth_ps[] = { "Questura di %s", "Commissariato di P.S. %s %s",
					       "Commissariato di P.S. di %s" };
	int style = pick(&r, 3);	/* 0 Carabinieri, 1 Questura, 2 Polizia di Stato */
	const char *q = quarters[pick(&r, (int)(sizeof quarters / sizeof *quarters))];
	if (style == 0)
		snprintf(v->authority, sizeof v->authority, auth_cc[pick(&r, 3)], v->town, q);
	else
		snprintf(v->authority, sizeof v->authority, auth_ps[pick(&r, 3)], v->town, q);
	switch (pick(&r, 4)) {
	case 0: snprintf(v->number, sizeof v->number, "%u/2026", 100 + rnd(&r) % 9000); break;
	case 1: snprintf(v->number, sizeof v->number, "%u/26", 10 + rnd(&r) % 990); break;
	case 2: snprintf(v->number, sizeof v->number, "2026/%06u", rnd(&r) % 1000000); break;
	default: snprintf(v->number, sizeof v->number, "%s%u/2026", v->prov, 1000 + rnd(&r) % 90000); break;
	}
	snprintf(v->date, sizeof v->date, "2026-%02d-%02d", 1 + pick(&r, 11), 5 + pick(&r, 23));
	{
		int y, m, d;
		sscanf(v->date, "%d-%d-%d", &y, &m, &d);
		d -= pick(&r, 4);
		iso_date(v->event_date, sizeof v->event_date, y, m, d);
	}
	snprintf(v->event, sizeof v->event, "%s", pick(&r, 2) ? "theft" : "loss");
	char upsur[32];
	snprintf(upsur, sizeof upsur, "%s", sur);
	upcase(upsur);
	if (pick(&r, 3) == 0)
		snprintf(v->reporter, sizeof v->reporter, "%s %s", upsur, nam);
	else
		snprintf(v->reporter, sizeof v->reporter, "%s %s", nam, sur);
	make_cf(sur, nam, birth, female, towns[bi].code, v->reporter_cf);
	make_imei(&r, v->imei);
	snprintf(v->line, sizeof v->line, "3%02u%07u", 20 + (unsigned)pick(&r, 80), rnd(&r) % 10000000);
	snprintf(v->model, sizeof v->model, "%s", models[pick(&r, (int)(sizeof models / sizeof *models))]);

	/* identity */
	static const char *const kinds[] = { "electronic-id-card", "paper-id-card",
					     "driving-licence", "passport" };
	snprintf(v->kind, sizeof v->kind, "%s", kinds[pick(&r, 4)]);
	snprintf(v->surname, sizeof v->surname, "%s", upsur);
	snprintf(v->name, sizeof v->name, "%s", nam);
	upcase(v->name);
	snprintf(v->birth_date, sizeof v->birth_date, "%s", birth);
	make_date(&r, 2027, 2036, v->expiry);
	snprintf(v->fiscal_code, sizeof v->fiscal_code, "%s", v->reporter_cf);
	char L[3] = { (char)('A' + pick(&r, 26)), (char)('A' + pick(&r, 26)), 0 };
	char L2[3] = { (char)('A' + pick(&r, 26)), (char)('A' + pick(&r, 26)), 0 };
	unsigned num = rnd(&r);
	const char *kind = kv_get(kv, n, "kind");
	if (!kind)
		kind = v->kind;
	if (!strcmp(kind, "electronic-id-card"))
		snprintf(v->idnum, sizeof v->idnum, "C%c%05u%s", L[0], num % 100000, L2);
	else if (!strcmp(kind, "paper-id-card"))
		snprintf(v->idnum, sizeof v->idnum, "A%c%07u", L[1], num % 10000000);
	else if (!strcmp(kind, "driving-licence"))
		snprintf(v->idnum, sizeof v->idnum, "%s%07u%c", towns[ti].prov, num % 10000000, L2[0]);
	else
		snprintf(v->idnum, sizeof v->idnum, "Y%c%07u", L[0], num % 10000000);

	/* what the caller gives wins */
#define F(member, key) { key, offsetof(struct ffvals, member), sizeof v->member }
	const struct { const char *key; size_t off, size; } given[] = {
		F(authority, "authority"), F(date, "date"), F(event, "event"),
		F(event_date, "event_date"), F(reporter, "reporter"), F(reporter_cf, "reporter_cf"),
		F(imei, "imei"), F(line, "line"), F(model, "model"), F(kind, "kind"),
		F(surname, "surname"), F(name, "name"), F(birth_date, "birth_date"),
		F(expiry, "expiry"), F(fiscal_code, "fiscal_code"),
		F(part, "part"),
	};
#undef F
	for (size_t i = 0; i < sizeof given / sizeof *given; i++)
		set((char *)v + given[i].off, given[i].size, kv, n, given[i].key);
	if (identity)
		set(v->idnum, sizeof v->idnum, kv, n, "number");
	else
		set(v->number, sizeof v->number, kv, n, "number");
	/* the electronic card prints it on its back; some paper cards carry it */
	v->cf_on_card = !strcmp(v->kind, "electronic-id-card")
			|| (!strcmp(v->kind, "paper-id-card") && (kv_get(kv, n, "fiscal_code")
								  || v->template_id % 2));
	{
		int y, m, d;
		if (sscanf(v->expiry, "%d-%d-%d", &y, &m, &d) == 3) {
			iso_date(v->issue, sizeof v->issue, y - 10, m, d);
			if (!kv_get(kv, n, "expiry"))
				law_expiry(v);
		}
	}
}

size_t mkfax_freeform_values(const char *kind, unsigned seed, struct mkfax_kv *out, size_t max,
			     char *buf, size_t size)
{
	struct ffvals v;
	bool identity = kind && !strcmp(kind, "identity");
	size_t n = 0, used = 0;

	if (!kind || (!identity && strcmp(kind, "denunciation")))
		return 0;
	make_values(&v, identity, seed, NULL, 0);
	const char *const den[][2] = {
		{ "authority", v.authority }, { "number", v.number }, { "date", v.date },
		{ "event", v.event }, { "event_date", v.event_date }, { "reporter", v.reporter },
		{ "reporter_cf", v.reporter_cf }, { "imei", v.imei }, { "line", v.line },
		{ "model", v.model },
	};
	const char *const idd[][2] = {
		{ "kind", v.kind }, { "number", v.idnum }, { "surname", v.surname },
		{ "name", v.name }, { "birth_date", v.birth_date }, { "expiry", v.expiry },
		{ "fiscal_code", v.fiscal_code },
	};
	const char *const (*src)[2] = identity ? idd : den;
	size_t cnt = identity ? sizeof idd / sizeof *idd : sizeof den / sizeof *den;
	for (size_t i = 0; i < cnt && n < max; i++) {
		size_t len = strlen(src[i][1]) + 1;
		if (identity && !strcmp(src[i][0], "fiscal_code") && !v.cf_on_card)
			continue;
		if (used + len > size)
			break;
		memcpy(buf + used, src[i][1], len);
		out[n].key = src[i][0];
		out[n].value = buf + used;
		used += len;
		n++;
	}
	return n;
}

/* ---------------------------------------------------------------- drawing helpers */

static const char *const families[] = {
	"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Liberation Sans",
	"Liberation Serif", "Liberation Mono",
};

struct pen {
	cairo_t *cr;
	const char *family;
	double size;		/* mm */
	double x0, x1;		/* margins */
	double y;		/* current baseline */
	double lead;		/* line spacing factor */
};

static void font(struct pen *p, bool bold, double pt)
{
	cairo_select_font_face(p->cr, p->family, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	p->size = pt * PT;
	cairo_set_font_size(p->cr, p->size);
}

static double text_w(struct pen *p, const char *s)
{
	cairo_text_extents_t e;
	cairo_text_extents(p->cr, s, &e);
	return e.x_advance;
}

static void text_at(struct pen *p, double x, double y, const char *s)
{
	cairo_move_to(p->cr, x, y);
	cairo_show_text(p->cr, s);
}

static void line_left(struct pen *p, const char *s)
{
	text_at(p, p->x0, p->y, s);
	p->y += p->size * p->lead;
}

static void line_center(struct pen *p, const char *s)
{
	text_at(p, (p->x0 + p->x1 - text_w(p, s)) / 2, p->y, s);
	p->y += p->size * p->lead;
}

/* Draws s wrapped between the margins, words kept whole. */
static void paragraph(struct pen *p, const char *s)
{
	char word[256], line[1280] = "";
	const char *q = s;
	while (*q) {
		while (*q == ' ')
			q++;
		size_t k = 0;
		while (q[k] && q[k] != ' ' && k < sizeof word - 1)
			k++;
		if (!k)
			break;
		memcpy(word, q, k);
		word[k] = '\0';
		q += k;
		char trial[1280];
		snprintf(trial, sizeof trial, "%s%s%s", line, *line ? " " : "", word);
		if (*line && text_w(p, trial) > p->x1 - p->x0) {
			line_left(p, line);
			snprintf(line, sizeof line, "%s", word);
		} else {
			snprintf(line, sizeof line, "%s", trial);
		}
	}
	if (*line)
		line_left(p, line);
	p->y += p->size * 0.4;
}

/* "2026-11-20" in one of the written forms. */
static void fmt_date(struct rng *r, const char *iso, char *out, size_t n, int style)
{
	int y = 0, m = 1, d = 1;
	sscanf(iso, "%d-%d-%d", &y, &m, &d);
	if (m < 1 || m > 12)
		m = 1;
	if (style < 0)
		style = pick(r, 4);
	switch (style) {
	case 0: snprintf(out, n, "%02d/%02d/%04d", d, m, y); break;
	case 1: snprintf(out, n, "%02d-%02d-%04d", d, m, y); break;
	case 2: snprintf(out, n, "%02d.%02d.%04d", d, m, y); break;
	default: snprintf(out, n, "%d %s %04d", d, mesi[m - 1], y); break;
	}
}

static void fmt_imei(struct rng *r, const char *imei, char *out, size_t n)
{
	if (strlen(imei) == 15 && pick(r, 3) == 0)
		snprintf(out, n, "%.2s %.6s %.6s %.1s", imei, imei + 2, imei + 8, imei + 14);
	else
		snprintf(out, n, "%s", imei);
}

static void fmt_line(struct rng *r, const char *line, char *out, size_t n)
{
	switch (pick(r, 4)) {
	case 0: snprintf(out, n, "%.3s %.12s", line, line + 3); break;
	case 1: snprintf(out, n, "+39 %.3s %.12s", line, line + 3); break;
	case 2: snprintf(out, n, "%.3s.%.12s", line, line + 3); break;
	default: snprintf(out, n, "%s", line); break;
	}
}

/* ---------------------------------------------------------------- denunciation */

static void draw_denunciation(cairo_t *cr, const struct ffvals *v, unsigned seed)
{
	struct rng r;
	struct pen p = { cr, NULL, 0, 0, 0, 0, 1.45 };
	char buf[2048], d1[40], d2[40], birth[40], imei[40], line[40], brand[48];
	const char *model = strchr(v->model, ' ');
	bool theft = strcmp(v->event, "loss") != 0;
	bool cc = strstr(v->authority, "arabinieri") != NULL;
	int part = atoi(v->part);

	rng_init(&r, seed, 0x5eed);
	p.family = families[pick(&r, 6)];
	p.x0 = frand(&r, 18, 28);
	p.x1 = 210 - frand(&r, 18, 28);
	p.y = frand(&r, 22, 34);
	double body = frand(&r, 10, 12);
	int wording = pick(&r, 3);
	int dstyle = pick(&r, 4);
	snprintf(brand, sizeof brand, "%.*s", model ? (int)(model - v->model) : (int)strlen(v->model),
		 v->model);
	model = model ? model + 1 : "";
	fmt_date(&r, v->date, d1, sizeof d1, dstyle);
	fmt_date(&r, v->event_date, d2, sizeof d2, pick(&r, 4));
	fmt_date(&r, v->birth_date[0] ? v->birth_date : "1980-03-12", birth, sizeof birth, pick(&r, 3));
	fmt_imei(&r, v->imei, imei, sizeof imei);
	fmt_line(&r, v->line, line, sizeof line);
	cairo_set_source_rgb(cr, 0, 0, 0);

	if (part == 2) {
		/* the second page of a report: no heading, the device and the closing */
		font(&p, false, body);
		snprintf(buf, sizeof buf, "Pagina 2 di 2 - segue verbale n. %s", v->number);
		line_left(&p, buf);
		p.y += 8;
		snprintf(buf, sizeof buf, "Il dispositivo, un telefono cellulare marca %s modello %s, "
			 "IMEI %s, era associato all'utenza telefonica %s.", brand, model, imei, line);
		paragraph(&p, buf);
		paragraph(&p, "Il denunciante dichiara di aver gia' richiesto al gestore il blocco "
			  "della SIM e si riserva di fornire ulteriori elementi utili.");
		p.y += 6;
		paragraph(&p, "Letto, confermato e sottoscritto in data e luogo di cui sopra.");
		p.y += 10;
		text_at(&p, p.x0, p.y, "IL DENUNCIANTE");
		text_at(&p, p.x1 - text_w(&p, "L'UFFICIALE DI P.G."), p.y, "L'UFFICIALE DI P.G.");
		return;
	}

	/* heading */
	font(&p, true, frand(&r, 11, 13));
	if (cc)
		line_center(&p, pick(&r, 2) ? "LEGIONE CARABINIERI" : "COMANDO PROVINCIALE CARABINIERI");
	else if (pick(&r, 2))
		line_center(&p, "POLIZIA DI STATO");
	else
		line_center(&p, "MINISTERO DELL'INTERNO - DIPARTIMENTO DELLA P.S.");
	font(&p, pick(&r, 2), frand(&r, 11, 13));
	line_center(&p, v->authority);
	p.y += 4;
	font(&p, false, body);
	static const char *const numfmt[] = { "Prot. n. %s", "Verbale n. %s", "N. %s", "Prot. %s" };
	snprintf(buf, sizeof buf, numfmt[pick(&r, 4)], v->number);
	line_left(&p, buf);
	p.y += 5;
	font(&p, true, frand(&r, 12, 14));
	static const char *const titles[] = {
		"VERBALE DI RICEZIONE DI DENUNCIA DI %s", "DENUNCIA DI %s", "DENUNCIA DI %s DI TELEFONO CELLULARE",
	};
	snprintf(buf, sizeof buf, titles[pick(&r, 3)], theft ? "FURTO" : "SMARRIMENTO");
	line_center(&p, buf);
	p.y += 5;
	font(&p, false, body);

	/* opening */
	const char *sig = pick(&r, 2) ? "il sig." : "la sig.ra";
	switch (wording) {
	case 0: {
		int y = 2026, m = 1, d = 1;
		sscanf(v->date, "%d-%d-%d", &y, &m, &d);
		if (dstyle == 3)
			snprintf(buf, sizeof buf, "L'anno %d, addi' %d del mese di %s, alle ore %02d:%02d, "
				 "negli uffici della %s, e' presente %s %s, nato/a a %s il %s, "
				 "codice fiscale %s, il/la quale dichiara quanto segue.", y, d,
				 mesi[(m + 11) % 12], 8 + pick(&r, 10), pick(&r, 60), v->authority, sig,
				 v->reporter, v->birthplace, birth, v->reporter_cf);
		else
			snprintf(buf, sizeof buf, "In data %s, alle ore %02d:%02d, negli uffici della %s, "
				 "e' presente %s %s, nato/a a %s il %s, codice fiscale %s, "
				 "il/la quale dichiara quanto segue.", d1, 8 + pick(&r, 10), pick(&r, 60),
				 v->authority, sig, v->reporter, v->birthplace, birth, v->reporter_cf);
		break;
	}
	case 1:
		snprintf(buf, sizeof buf, "Il/La sottoscritto/a %s, C.F. %s, nato/a a %s il %s e "
			 "residente in %s, identificato/a a mezzo di documento di riconoscimento, "
			 "espone quanto segue.", v->reporter, v->reporter_cf, v->birthplace, birth, v->town);
		break;
	default:
		snprintf(buf, sizeof buf, "Denunciante: %s", v->reporter);
		line_left(&p, buf);
		snprintf(buf, sizeof buf, "Codice fiscale: %s", v->reporter_cf);
		line_left(&p, buf);
		snprintf(buf, sizeof buf, "Luogo e data di nascita: %s, %s", v->birthplace, birth);
		p.y += 3;
		break;
	}
	paragraph(&p, buf);

	/* the event */
	static const char *const verbs_t[] = {
		"mi e' stato rubato", "ignoti hanno sottratto", "ho subito il furto del"
	};
	static const char *const verbs_l[] = {
		"ho smarrito", "ho perso", "si e' verificato lo smarrimento del"
	};
	const char *verb = theft ? verbs_t[pick(&r, 3)] : verbs_l[pick(&r, 3)];
	switch (pick(&r, 3)) {
	case 0:
		snprintf(buf, sizeof buf, "Il giorno %s, verso le ore %02d:%02d, in %s, %s il telefono "
			 "cellulare %s.", d2, 7 + pick(&r, 14), pick(&r, 60), v->town, verb,
			 part == 1 ? "di mia proprieta'" : "sotto indicato");
		break;
	case 1:
		snprintf(buf, sizeof buf, "Dichiaro che in data %s, mentre mi trovavo in %s, %s il mio "
			 "smartphone.", d2, v->town, verb);
		break;
	default:
		snprintf(buf, sizeof buf, "Data del fatto: %s. Luogo: %s. Descrizione: %s il telefono "
			 "in uso per lavoro.", d2, v->town, verb);
		break;
	}
	paragraph(&p, buf);

	if (part != 1) {
		switch (pick(&r, 3)) {
		case 0:
			snprintf(buf, sizeof buf, "Trattasi di telefono cellulare marca %s modello %s, "
				 "IMEI %s, utenza %s.", brand, model, imei, line);
			paragraph(&p, buf);
			break;
		case 1:
			snprintf(buf, sizeof buf, "Apparato: %s", v->model);
			line_left(&p, buf);
			snprintf(buf, sizeof buf, "IMEI: %s", imei);
			line_left(&p, buf);
			snprintf(buf, sizeof buf, "Utenza telefonica: %s", line);
			line_left(&p, buf);
			p.y += 3;
			break;
		default:
			snprintf(buf, sizeof buf, "Il dispositivo %s (codice IMEI %s) era associato "
				 "all'utenza n. %s intestata alla ditta per cui lavoro.", v->model, imei,
				 line);
			paragraph(&p, buf);
			break;
		}
		paragraph(&p, "Il denunciante chiede che venga rilasciata copia della presente "
			  "per gli usi consentiti dalla legge.");
		paragraph(&p, "Letto, confermato e sottoscritto.");
		snprintf(buf, sizeof buf, "%s, %s", v->town, d1);
		if (wording != 0)
			line_left(&p, buf);
		p.y += 8;
		text_at(&p, p.x0, p.y, "IL DENUNCIANTE");
		text_at(&p, p.x1 - text_w(&p, "L'UFFICIALE DI P.G."), p.y, "L'UFFICIALE DI P.G.");
		/* a scribbled signature */
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, p.x0, p.y + 10);
		for (int i = 0; i < 8; i++)
			cairo_line_to(cr, p.x0 + 4 * i + frand(&r, 0, 3), p.y + 6 + frand(&r, 0, 8));
		cairo_stroke(cr);
	} else {
		p.y += 6;
		line_left(&p, "(segue)");
	}
}

/* ---------------------------------------------------------------- identity */

/*
 * A photocopy's grey area: a light grey fill and, over it, the speckle that
 * the copier and the fax's halftoning make of grey (black dots of a pixel
 * or two, denser where the grey is darker), so that it stays noise even
 * when the page is simply thresholded to 1 bit.
 */
static void grey_box(cairo_t *cr, double x, double y, double w, double h, double g)
{
	struct rng r;
	const double cell = 0.125;
	double density = (1 - g) * 0.25;

	rng_init(&r, (unsigned)(x * 131 + y * 7 + w), (unsigned)(h * 1000));
	cairo_set_source_rgb(cr, g + (1 - g) * 0.6, g + (1 - g) * 0.6, g + (1 - g) * 0.6);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (double yy = y; yy < y + h; yy += cell)
		for (double xx = x; xx < x + w; xx += cell)
			if (rnd(&r) % 1000 < density * 1000) {
				double sz = rnd(&r) % 4 == 0 ? 2 * cell : cell;
				cairo_rectangle(cr, xx, yy, sz, sz);
			}
	cairo_fill(cr);
}

static void photo(cairo_t *cr, struct rng *r, double x, double y, double w, double h)
{
	grey_box(cr, x, y, w, h, frand(r, 0.45, 0.7));
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_arc(cr, x + w / 2, y + h * 0.4, w * 0.25, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_arc(cr, x + w / 2, y + h * 1.05, w * 0.45, M_PI, 2 * M_PI);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

/* A label and its value: value below the label, or to its right. */
static void field(struct pen *p, double x, double y, const char *label, const char *value,
		  bool below, double lpt, double vpt)
{
	font(p, false, lpt);
	text_at(p, x, y, label);
	double lw = text_w(p, label);
	font(p, true, vpt);
	if (below)
		text_at(p, x, y + vpt * PT * 1.3, value);
	else
		text_at(p, x + lw + 2.5, y, value);
}

static void mrz_date(const char *iso, char out[7])
{
	int y = 0, m = 0, d = 0;
	sscanf(iso, "%d-%d-%d", &y, &m, &d);
	snprintf(out, 7, "%02u%02u%02u", (unsigned)y % 100u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* ICAO 9303 check digit of s[0..n): weights 7, 3, 1 over the values of
 * the characters (digits as such, A-Z 10-35, the filler '<' 0), mod 10.
 * Written here apart from ocr/check.c so that the corpus does not take
 * the reader's word for what a check digit is. */
static char mrz_cd(const char *s, size_t n)
{
	static const int weight[3] = { 7, 3, 1 };
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		int val = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 0;
		sum += val * weight[i % 3];
	}
	return (char)('0' + sum % 10);
}

/* "ROSSI<<MARIO" filled with '<' to exactly w characters (cut if longer);
 * spaces and apostrophes of the names are '<' too. */
static void mrz_names_line(char *out, size_t w, const char *prefix, const char *surname,
			   const char *name)
{
	char tmp[128];
	snprintf(tmp, sizeof tmp, "%s%s<<%s", prefix, surname, name);
	for (char *c = tmp; *c; c++)
		if (*c == ' ' || *c == '\'')
			*c = '<';
	size_t k = strlen(tmp);
	for (size_t i = 0; i < w; i++)
		out[i] = i < k ? tmp[i] : '<';
	out[w] = '\0';
}

/* The machine-readable zone of an electronic card (TD1: three lines of 30)
 * or a passport (TD3: two lines of 44), check digits and all. */
static void mrz_lines(const struct ffvals *v, bool passport, char l1[48], char l2[48], char l3[48])
{
	char b6[7], e6[7], comp[64];
	mrz_date(v->birth_date, b6);
	mrz_date(v->expiry, e6);
	l3[0] = '\0';
	if (passport) {
		mrz_names_line(l1, 44, "P<ITA", v->surname, v->name);
		/* number, check, nationality, birth, check, sex, expiry, check,
		 * personal number (unused) and its check, composite check */
		snprintf(l2, 48, "%.9s%cITA%s%cM%s%c%s%c", v->idnum, mrz_cd(v->idnum, 9), b6,
			 mrz_cd(b6, 6), e6, mrz_cd(e6, 6), "<<<<<<<<<<<<<<", '0');
		snprintf(comp, sizeof comp, "%.10s%.7s%.22s", l2, l2 + 13, l2 + 21);
		l2[43] = mrz_cd(comp, strlen(comp));
		l2[44] = '\0';
		return;
	}
	snprintf(l1, 48, "C<ITA%.9s%c%s", v->idnum, mrz_cd(v->idnum, 9), "<<<<<<<<<<<<<<<");
	snprintf(l2, 48, "%s%cM%s%cITA%s", b6, mrz_cd(b6, 6), e6, mrz_cd(e6, 6), "<<<<<<<<<<<");
	snprintf(comp, sizeof comp, "%.25s%.7s%.7s%.11s", l1 + 5, l2, l2 + 8, l2 + 18);
	l2[29] = mrz_cd(comp, strlen(comp));
	l2[30] = '\0';
	mrz_names_line(l3, 30, "", v->surname, v->name);
}

static void draw_identity(cairo_t *cr, const struct ffvals *v, unsigned seed)
{
	struct rng r;
	struct pen p = { cr, NULL, 0, 0, 0, 0, 1.3 };
	char buf[256], bd[32], ex[32], is[32];
	rng_init(&r, seed, 0x1dc);
	p.family = families[pick(&r, 6)];
	double scale = frand(&r, 1.35, 1.9);	/* enlarged photocopy of a card */
	double W = 85.6 * scale, H = 54 * scale;
	double x = frand(&r, 15, 210 - W - 15), y = frand(&r, 20, 50);
	int ds = pick(&r, 3);
	fmt_date(&r, v->birth_date, bd, sizeof bd, ds);
	fmt_date(&r, v->expiry, ex, sizeof ex, ds);
	fmt_date(&r, v->issue, is, sizeof is, ds);
	double lpt = frand(&r, 7, 8.5), vpt = frand(&r, 10, 12.5);
	double bg = frand(&r, 0.78, 0.93);

	/* a grey band where the copier's lid was open */
	if (pick(&r, 2))
		grey_box(cr, 0, 297 - frand(&r, 8, 20), 210, 30, frand(&r, 0.3, 0.6));
	if (pick(&r, 2))
		grey_box(cr, 0, 0, frand(&r, 4, 10), 297, frand(&r, 0.3, 0.6));

	if (!strcmp(v->kind, "electronic-id-card")) {
		grey_box(cr, x, y, W, H, bg);
		photo(cr, &r, x + 4 * scale, y + 12 * scale, 22 * scale, 28 * scale);
		font(&p, true, 9);
		text_at(&p, x + 4 * scale, y + 5 * scale, "REPUBBLICA ITALIANA");
		font(&p, true, 9.5);
		text_at(&p, x + 30 * scale, y + 9 * scale,
			pick(&r, 2) ? "CARTA DI IDENTITA' ELETTRONICA" : "CARTA DI IDENTITA' / IDENTITY CARD");
		font(&p, true, vpt);
		text_at(&p, x + W - text_w(&p, v->idnum) - 3 * scale, y + 5 * scale, v->idnum);
		double fx = x + 30 * scale, fy = y + 16 * scale, step = 7.5 * scale;
		field(&p, fx, fy, "COGNOME / SURNAME", v->surname, true, lpt, vpt);
		field(&p, fx, fy + step, "NOME / NAME", v->name, true, lpt, vpt);
		snprintf(buf, sizeof buf, "%s (%s) %s", v->town, v->prov, bd);
		field(&p, fx, fy + 2 * step, "LUOGO E DATA DI NASCITA / PLACE AND DATE OF BIRTH", buf,
		      true, lpt, vpt);
		field(&p, fx, fy + 3 * step, "SESSO / SEX", "M", true, lpt, vpt);
		field(&p, fx + 18 * scale, fy + 3 * step, "CITTADINANZA / NATIONALITY", "ITA", true, lpt, vpt);
		field(&p, fx, fy + 4 * step, "EMISSIONE / ISSUING", is, true, lpt, vpt);
		field(&p, fx + 26 * scale, fy + 4 * step, "SCADENZA / EXPIRY", ex, true, lpt, vpt);
		/* the back, below */
		double by = y + H + 12;
		grey_box(cr, x, by, W, H, bg);
		snprintf(buf, sizeof buf, "%s", v->fiscal_code);
		field(&p, x + 4 * scale, by + 8 * scale, "CODICE FISCALE / FISCAL CODE", buf, true, lpt, vpt);
		snprintf(buf, sizeof buf, "VIA ROMA %d %s (%s)", 1 + pick(&r, 120), v->town, v->prov);
		field(&p, x + 4 * scale, by + 18 * scale, "INDIRIZZO DI RESIDENZA / RESIDENCE", buf, true,
		      lpt, vpt * 0.85);
		p.family = "DejaVu Sans Mono";
		font(&p, false, vpt * 0.9);
		char l1[48], l2[48], l3[48];
		mrz_lines(v, false, l1, l2, l3);
		text_at(&p, x + 4 * scale, by + 38 * scale, l1);
		text_at(&p, x + 4 * scale, by + 43 * scale, l2);
		text_at(&p, x + 4 * scale, by + 48 * scale, l3);
	} else if (!strcmp(v->kind, "paper-id-card")) {
		/* the paper booklet: two pages side by side, bigger */
		W = 150, H = 105;
		x = frand(&r, 15, 45);
		grey_box(cr, x, y, W, H, bg);
		cairo_set_line_width(cr, 0.4);
		cairo_move_to(cr, x + W / 2, y);
		cairo_line_to(cr, x + W / 2, y + H);
		cairo_stroke(cr);
		font(&p, true, 10);
		text_at(&p, x + 6, y + 10, "REPUBBLICA ITALIANA");
		snprintf(buf, sizeof buf, "COMUNE DI %s", v->town);
		upcase(buf);
		text_at(&p, x + 6, y + 16, buf);
		font(&p, true, 12);
		text_at(&p, x + 6, y + 26, "CARTA D'IDENTITA'");
		font(&p, true, 12);
		snprintf(buf, sizeof buf, "N. %.2s %s", v->idnum, v->idnum + 2);
		text_at(&p, x + 6, y + 36, buf);
		photo(cr, &r, x + 10, y + 45, 28, 36);
		double fx = x + W / 2 + 5, fy = y + 10, step = frand(&r, 8, 9.5);
		bool below = pick(&r, 2);
		field(&p, fx, fy, "Cognome", v->surname, below, lpt + 1, vpt);
		field(&p, fx, fy + step, "Nome", v->name, below, lpt + 1, vpt);
		field(&p, fx, fy + 2 * step, "nato il", bd, below, lpt + 1, vpt);
		snprintf(buf, sizeof buf, "%s (%s)", v->birthplace[0] ? v->birthplace : v->town, v->prov);
		upcase(buf);
		field(&p, fx, fy + 3 * step, "a", buf, below, lpt + 1, vpt);
		field(&p, fx, fy + 4 * step, "Cittadinanza", "ITALIANA", below, lpt + 1, vpt);
		field(&p, fx, fy + 5 * step, "Stato civile", "---", below, lpt + 1, vpt);
		field(&p, fx, fy + 6 * step, "Scadenza", ex, below, lpt + 1, vpt);
		if (v->cf_on_card)
			field(&p, fx, fy + 7 * step, "Codice fiscale", v->fiscal_code, below, lpt + 1, vpt);
	} else if (!strcmp(v->kind, "driving-licence")) {
		grey_box(cr, x, y, W, H, bg);
		photo(cr, &r, x + 4 * scale, y + 12 * scale, 22 * scale, 28 * scale);
		font(&p, true, 11);
		text_at(&p, x + 30 * scale, y + 6 * scale, "PATENTE DI GUIDA");
		font(&p, false, 8);
		text_at(&p, x + 30 * scale, y + 10 * scale, "REPUBBLICA ITALIANA");
		double fx = x + 30 * scale, fy = y + 16 * scale, step = 5.2 * scale;
		font(&p, true, vpt);
		snprintf(buf, sizeof buf, "1. %s", v->surname);
		text_at(&p, fx, fy, buf);
		snprintf(buf, sizeof buf, "2. %s", v->name);
		text_at(&p, fx, fy + step, buf);
		snprintf(buf, sizeof buf, "3. %s %s (%s)", bd, v->birthplace, v->prov);
		upcase(buf);
		text_at(&p, fx, fy + 2 * step, buf);
		snprintf(buf, sizeof buf, "4a. %s", is);
		text_at(&p, fx, fy + 3 * step, buf);
		snprintf(buf, sizeof buf, "4b. %s", ex);
		text_at(&p, fx, fy + 4 * step, buf);
		text_at(&p, fx, fy + 5 * step, "4c. MIT-UCO");
		snprintf(buf, sizeof buf, "5. %s", v->idnum);
		text_at(&p, fx, fy + 6 * step, buf);
		text_at(&p, fx, fy + 7 * step, "9. AM/B1/B");
	} else {
		W = 125, H = 88;
		x = frand(&r, 15, 70);
		grey_box(cr, x, y, W, H, bg);
		photo(cr, &r, x + 5, y + 18, 32, 42);
		font(&p, true, 10);
		text_at(&p, x + 5, y + 7, "REPUBBLICA ITALIANA");
		text_at(&p, x + 5, y + 13, "PASSAPORTO  PASSPORT");
		double fx = x + 42, fy = y + 20, step = 8;
		field(&p, fx, fy, "Tipo/Type", "P", true, lpt, vpt);
		field(&p, fx + 18, fy, "Codice/Code", "ITA", true, lpt, vpt);
		field(&p, fx + 38, fy, "Passaporto N./Passport No.", v->idnum, true, lpt, vpt);
		field(&p, fx, fy + step, "Cognome/Surname", v->surname, true, lpt, vpt);
		field(&p, fx, fy + 2 * step, "Nome/Given names", v->name, true, lpt, vpt);
		field(&p, fx, fy + 3 * step, "Data di nascita/Date of birth", bd, true, lpt, vpt);
		snprintf(buf, sizeof buf, "%s (%s)", v->birthplace, v->prov);
		upcase(buf);
		field(&p, fx, fy + 4 * step, "Luogo di nascita/Place of birth", buf, true, lpt, vpt);
		field(&p, fx, fy + 5 * step, "Data di rilascio/Date of issue", is, true, lpt, vpt);
		field(&p, fx, fy + 6 * step, "Data di scadenza/Date of expiry", ex, true, lpt, vpt);
		p.family = "DejaVu Sans Mono";
		font(&p, false, vpt * 0.9);
		char l1[48], l2[48], l3[48];
		mrz_lines(v, true, l1, l2, l3);
		text_at(&p, x + 5, y + H - 9, l1);
		text_at(&p, x + 5, y + H - 4, l2);
	}
	/* the copy shop's stamp of approval: a line of text under the card */
	font(&p, false, 9);
	p.family = families[pick(&r, 6)];
	if (pick(&r, 2))
		text_at(&p, 20, 285 - frand(&r, 0, 40), "Copia conforme all'originale");
}

/* ---------------------------------------------------------------- other pages */

/* Pages that are neither: a cover sheet that speaks of the documents it
 * brings, a business letter, an invoice. */
static void draw_other(cairo_t *cr, const char *kind, unsigned seed)
{
	struct rng r;
	struct pen p = { cr, NULL, 0, 0, 0, 0, 1.45 };
	char buf[512];

	rng_init(&r, seed, 0x07e);
	p.family = families[pick(&r, 6)];
	p.x0 = frand(&r, 18, 28);
	p.x1 = 210 - frand(&r, 18, 28);
	p.y = frand(&r, 25, 40);
	const char *company = surnames[pick(&r, (int)(sizeof surnames / sizeof *surnames))];
	cairo_set_source_rgb(cr, 0, 0, 0);
	font(&p, true, 14);
	snprintf(buf, sizeof buf, "%s %s", company, pick(&r, 2) ? "S.r.l." : "S.p.A.");
	line_left(&p, buf);
	font(&p, false, 10);
	snprintf(buf, sizeof buf, "Via Garibaldi %d - %s - Tel. 02 %07u", 1 + pick(&r, 90),
		 towns[pick(&r, 18)].town, rnd(&r) % 10000000);
	line_left(&p, buf);
	p.y += 10;
	if (!strcmp(kind, "cover")) {
		font(&p, true, 22);
		line_center(&p, "FAX");
		font(&p, false, 11);
		line_left(&p, "A: All Risk Azienda - Ufficio sinistri");
		snprintf(buf, sizeof buf, "Da: %s", company);
		line_left(&p, buf);
		snprintf(buf, sizeof buf, "Numero pagine (compresa la presente): %d", 2 + pick(&r, 3));
		line_left(&p, buf);
		line_left(&p, "Oggetto: richiesta di blocco apparato");
		p.y += 6;
		paragraph(&p, pick(&r, 2)
			      ? "In allegato trasmettiamo il modulo di blocco, copia della denuncia "
				"di furto presentata ai Carabinieri e copia della carta d'identita' "
				"del firmatario."
			      : "Si inviano in allegato la denuncia di smarrimento e il documento "
				"di identita' del legale rappresentante, come da vostra richiesta.");
		paragraph(&p, "Cordiali saluti.");
	} else if (!strcmp(kind, "invoice")) {
		font(&p, true, 14);
		snprintf(buf, sizeof buf, "FATTURA N. %u/2026", 1 + rnd(&r) % 900);
		line_left(&p, buf);
		font(&p, false, 11);
		line_left(&p, "Spett.le All Risk Azienda");
		p.y += 6;
		double tot = 0;
		for (int i = 0; i < 4 + pick(&r, 4); i++) {
			double amt = 10 + rnd(&r) % 50000 / 100.0;
			tot += amt;
			snprintf(buf, sizeof buf, "Servizio di manutenzione %d", i + 1);
			text_at(&p, p.x0, p.y, buf);
			snprintf(buf, sizeof buf, "%.2f EUR", amt);
			text_at(&p, p.x1 - text_w(&p, buf), p.y, buf);
			p.y += 6;
		}
		p.y += 4;
		snprintf(buf, sizeof buf, "Imponibile %.2f EUR - IVA 22%% %.2f EUR - Totale %.2f EUR",
			 tot, tot * 0.22, tot * 1.22);
		line_left(&p, buf);
		line_left(&p, "Pagamento: bonifico bancario a 30 giorni data fattura.");
	} else {
		font(&p, false, 11);
		line_left(&p, "Spett.le All Risk Azienda");
		snprintf(buf, sizeof buf, "%s, %d novembre 2026", towns[pick(&r, 18)].town, 1 + pick(&r, 28));
		line_left(&p, buf);
		p.y += 6;
		line_left(&p, "Oggetto: rinnovo del contratto di assistenza");
		p.y += 4;
		paragraph(&p, "Gentile cliente, con la presente desideriamo informarla che il "
			  "contratto in essere per i servizi di assistenza sui dispositivi mobili "
			  "aziendali giungera' a scadenza nei prossimi mesi. I nostri uffici restano "
			  "a disposizione per ogni chiarimento e per concordare le condizioni del "
			  "rinnovo.");
		paragraph(&p, "Distinti saluti.");
	}
}

int mkfax_draw_freeform(cairo_t *cr, const char *kind, const struct mkfax_kv *kv, size_t n,
			unsigned seed)
{
	struct ffvals v;
	bool identity;

	if (!cr || !kind)
		return -1;
	if (!strcmp(kind, "letter") || !strcmp(kind, "invoice") || !strcmp(kind, "cover")) {
		cairo_save(cr);
		draw_other(cr, kind, seed);
		cairo_restore(cr);
		return 0;
	}
	identity = !strcmp(kind, "identity");
	if (!identity && strcmp(kind, "denunciation"))
		return -1;
	make_values(&v, identity, seed, kv, n);
	cairo_save(cr);
	if (identity)
		draw_identity(cr, &v, seed);
	else
		draw_denunciation(cr, &v, seed);
	cairo_restore(cr);
	return 0;
}
