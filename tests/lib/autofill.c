/*
 * autofill - made-up but well-formed values for a form's fields (see
 * autofill.h). Check digits are found by trying each candidate against
 * ocr/check.h, so the generator never carries its own copy of the
 * algorithms.
 *
 * Failure policy: none; every field gets a value.
 */
#include "tests/lib/autofill.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/util.h"
#include "ocr/check.h"
#include "tests/lib/rng.h"

struct gen {
	uint64_t s;
	const char *claim;		/* claim or event chosen */
	const char *today;
};

static int below(struct gen *g, int n)
{
	return (int)mkfax_rng_below(&g->s, n);
}

#define ONE_OF(g, list) (list[below(g, (int)ARRAY_SIZE(list))])

static const char *const first_names[] = {
	"Mario", "Giulia", "Luca", "Francesca", "Marco", "Chiara", "Alessandro", "Sara",
	"Giovanni", "Elena", "Andrea", "Paola", "Stefano", "Laura", "Davide", "Anna",
};
static const char *const surnames[] = {
	"Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco",
	"Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Lombardi",
};
static const char *const companies[] = {
	"ACME Impianti S.r.l.", "Rossi & Figli S.p.A.", "Edilnord S.r.l.", "Trasporti Gallo S.n.c.",
	"Studio Conti Associati", "Logistica Padana S.r.l.", "Ferramenta Greco S.a.s.",
	"Ottica Marino S.r.l.", "Farmacia Centrale Dr. Bruno", "Tecnoservizi Italia S.p.A.",
};
static const char *const towns[] = {
	"Milano", "Roma", "Torino", "Napoli", "Bologna", "Firenze", "Genova", "Verona",
	"Padova", "Bari", "Brescia", "Bergamo",
};
static const char *const streets[] = {
	"Via Roma", "Corso Italia", "Via Garibaldi", "Viale Europa", "Via Mazzini",
	"Piazza della Repubblica", "Via Verdi", "Via Dante Alighieri",
};
static const char *const models[] = {
	"Samsung Galaxy S24", "Apple iPhone 15", "Xiaomi Redmi Note 13", "Motorola Moto G84",
	"Samsung Galaxy A55", "Apple iPhone 14 Pro", "Google Pixel 8", "Oppo Reno 11",
};
static const char *const faults[] = {
	"Il telefono non si accende dopo l'aggiornamento del sistema.",
	"Lo schermo resta nero ma il telefono vibra alle chiamate.",
	"Il microfono non funziona: chi chiama non sente la voce.",
	"La batteria si scarica in poche ore anche senza utilizzo.",
	"Il connettore di ricarica non carica piu' il dispositivo.",
	"Il telefono si riavvia da solo durante le chiamate.",
};
static const char *const places[] = {
	"stazione ferroviaria", "parcheggio della sede", "metropolitana linea 1",
	"cantiere di via Verdi", "treno regionale", "centro commerciale",
};

static void digits(struct gen *g, char *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (char)('0' + below(g, 10));
	out[n] = '\0';
}

/* Tries each digit (or letter) in the last place until check() accepts. */
static void fix_last(char *s, const char *alphabet, bool (*check)(const char *))
{
	size_t n = strlen(s);

	for (const char *c = alphabet; *c; c++) {
		s[n - 1] = *c;
		if (check(s))
			return;
	}
}

static void person(struct gen *g, char *out, size_t n)
{
	snprintf(out, n, "%s %s", ONE_OF(g, first_names), ONE_OF(g, surnames));
}

static void fiscal_code(struct gen *g, char *out)
{
	static const char months[] = "ABCDEHLMPRST";

	for (int i = 0; i < 6; i++)
		out[i] = (char)('A' + below(g, 26));
	snprintf(out + 6, 11, "%02d%c%02d%c%03d", 50 + below(g, 50), months[below(g, 12)],
		 1 + below(g, 28) + (below(g, 2) ? 40 : 0), "FHLA"[below(g, 4)], below(g, 1000));
	out[15] = 'X';		/* the check character's place */
	out[16] = '\0';
	fix_last(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ocr_check_fiscal_code);
}

/* today minus back days, as YYYY-MM-DD. */
static void day_before(const char *today, int back, char out[16])
{
	int y, m, d;
	struct tm tm = { 0 };
	time_t t;

	if (util_parse_date(today, &y, &m, &d) < 0) {
		y = 2026;
		m = 11;
		d = 23;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d - back;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static void box_value(struct gen *g, const struct ocr_form_box *b, mkfax_autofill_fn *add,
		      void *ctx)
{
	char v[128];
	const char *name = b->name;

	v[0] = '\0';
	switch (b->content) {
	case OCR_FORM_NAME:
		person(g, v, sizeof(v));
		break;
	case OCR_FORM_ADDRESS:
		snprintf(v, sizeof(v), "%s %d, %05d %s", ONE_OF(g, streets), 1 + below(g, 120),
			 10000 + below(g, 89999), ONE_OF(g, towns));
		break;
	case OCR_FORM_VAT:
		digits(g, v, 11);
		fix_last(v, "0123456789", ocr_check_vat);
		break;
	case OCR_FORM_IMEI:
		v[0] = '3';
		v[1] = '5';
		digits(g, v + 2, 13);
		fix_last(v, "0123456789", ocr_check_imei);
		break;
	case OCR_FORM_LINE:
		v[0] = '3';
		digits(g, v + 1, 9);
		break;
	case OCR_FORM_FISCAL_CODE:
		fiscal_code(g, v);
		break;
	case OCR_FORM_DATE:
		day_before(g->today, strcmp(name, "date") ? 2 + below(g, 5) : below(g, 2), v);
		break;
	case OCR_FORM_PHONE:
		v[0] = '0';
		v[1] = '2';
		v[2] = ' ';
		digits(g, v + 3, 7);
		break;
	case OCR_FORM_ROLE:
		snprintf(v, sizeof(v), "%s", b->values[below(g, (int)b->nvalues)].code);
		break;
	case OCR_FORM_PLACE_DATE:
		add(ctx, b->fields[0], ONE_OF(g, towns));
		day_before(g->today, below(g, 2), v);
		add(ctx, b->fields[1], v);
		return;
	case OCR_FORM_SIGNATURE:
		add(ctx, name, "true");
		return;
	default:
		if (!strcmp(name, "company"))
			snprintf(v, sizeof(v), "%s", ONE_OF(g, companies));
		else if (!strcmp(name, "model"))
			snprintf(v, sizeof(v), "%s", ONE_OF(g, models));
		else if (!strcmp(name, "description")) {
			/* theft and loss usually leave it empty */
			if (g->claim && (!strcmp(g->claim, "theft") || !strcmp(g->claim, "loss")))
				return;
			snprintf(v, sizeof(v), "%s", ONE_OF(g, faults));
		} else if (!strcmp(name, "id_document"))
			snprintf(v, sizeof(v), "Carta d'identita' C%c%05d%c%c", 'A' + below(g, 26),
				 below(g, 100000), 'A' + below(g, 26), 'A' + below(g, 26));
		else if (!strcmp(name, "event_place"))
			snprintf(v, sizeof(v), "%s, %s", ONE_OF(g, towns), ONE_OF(g, places));
		else
			snprintf(v, sizeof(v), "%s", ONE_OF(g, companies));
		break;
	}
	add(ctx, b->fields[0], v);
}

void mkfax_autofill(const struct ocr_form *f, unsigned seed, const char *today,
		    mkfax_autofill_fn *add, void *ctx)
{
	struct gen g = { ((uint64_t)seed << 32) ^ 0xa070f111ULL, NULL, today };

	/* Checkbox groups first: the claim decides the declaration and the
	 * description. */
	for (size_t i = 0; i < ocr_form_nchoices(f); i++) {
		const struct ocr_form_choice *ch = ocr_form_choice(f, i);
		const char *v;

		if (ch->flag)
			continue;
		v = ch->options[below(&g, (int)ch->noptions)].value;
		if (!strcmp(ch->name, "claim") || !strcmp(ch->name, "event"))
			g.claim = v;
		add(ctx, ch->name, v);
	}
	for (size_t i = 0; i < ocr_form_nchoices(f); i++) {
		const struct ocr_form_choice *ch = ocr_form_choice(f, i);
		bool needed = g.claim && (!strcmp(g.claim, "fault") || !strcmp(g.claim, "malfunction"));

		if (ch->flag)
			add(ctx, ch->name, needed || below(&g, 2) ? "true" : "false");
	}
	for (size_t i = 0; i < ocr_form_nboxes(f); i++)
		box_value(&g, ocr_form_box(f, i), add, ctx);
}
