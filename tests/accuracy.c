/*
 * accuracy - measures the form reader on a corpus made by build/mkfax:
 * varied fonts (sans, serif, mono, 9-12 pt), values, shifts, skews up to
 * 2.5 degrees, scale up to 2 %, noise, lost rows, 20 % normal resolution,
 * 10 % upside down. Prints a table and writes it as XML (build/accuracy.xml).
 *
 *   accuracy [--pages N] [--seed S] [--mkfax PATH] [--dir DIR] [--xml FILE] [-v [-v]]
 *
 * -v lists every field not read exactly; -v -v besides every field as read
 * (value, reason, confidence), to compare two builds field for field.
 *
 * A field counts as exact when it is trusted (no reason) and equals the
 * ground truth; accepted-wrong when it is trusted and differs (the worst
 * outcome: the target is 0). Not part of `make check` (minutes, not seconds).
 * Exit status: 0 when the run completed (the figures are the result), 1 when
 * it could not run.
 */
#include <ctype.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <leptonica/allheaders.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "common/log.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/check.h"
#include "ocr/engine.h"
#include "ocr/ocr.h"

extern char **environ;

/* --- a small deterministic generator --- */

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)((rng_state >> 33) % n) : 0;
}

static double rndf(double lo, double hi)
{
	return lo + (hi - lo) * (rnd(1000001) / 1000000.0);
}

#define PICK(a) ((a)[rnd(sizeof(a) / sizeof((a)[0]))])

static void digits(char *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (char)('0' + rnd(10));
	out[n] = 0;
}

/* Completes s (len-1 chars given) with the check character from `set` that
 * the project's own check accepts. */
static void complete(char *s, size_t len, const char *set, bool (*check)(const char *))
{
	s[len] = 0;
	for (const char *c = set; *c; c++) {
		s[len - 1] = *c;
		if (check(s))
			return;
	}
	log_die("accuracy: no check character completes '%s'", s);
}

static const char *const first_names[] = {
	"Mario", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Marco", "Sara",
	"Giovanni", "Elena", "Andrea", "Martina", "Paolo", "Valentina", "Stefano", "Anna",
	"Roberto", "Laura", "Davide", "Silvia", "Matteo", "Federica", "Niccolo", "Ilaria" };
static const char *const last_names[] = {
	"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
	"Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
	"Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Caruso" };
static const char *const company_words[] = {
	"Impianti", "Costruzioni", "Trasporti", "Servizi", "Logistica", "Consulting",
	"Elettronica", "Meccanica", "Alimentari", "Tessile", "Edilizia", "Informatica" };
static const char *const company_forms[] = { "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "Srl", "SpA" };
static const char *const models[] = {
	"Samsung Galaxy S23", "Apple iPhone 14", "Apple iPhone 15 Pro", "Xiaomi Redmi Note 12",
	"Motorola Moto G84", "Samsung Galaxy A54", "Google Pixel 8", "OPPO Reno 10",
	"Nokia G42", "Samsung Galaxy Z Flip5" };
static const char *const streets[] = { "Via Roma", "Corso Italia", "Via Garibaldi", "Piazza Duomo",
					 "Via Mazzini", "Viale Europa", "Via Verdi", "Corso Vittorio Emanuele" };
static const char *const towns[] = { "Milano", "Roma", "Torino", "Napoli", "Bologna", "Firenze",
				       "Genova", "Bari", "Verona", "Padova", "Brescia", "Parma" };
static const char *const caps[] = { "20121", "00184", "10121", "80133", "40121", "50123",
				      "16121", "70121", "37121", "35122", "25121", "43121" };
static const char *const descriptions[] = {
	"Il telefono non si accende dopo l'aggiornamento",
	"Lo schermo resta nero e non risponde al tocco",
	"La batteria si scarica in poche ore",
	"Il microfono non funziona durante le chiamate",
	"Il dispositivo si riavvia da solo piu' volte al giorno",
	"La fotocamera posteriore non mette a fuoco" };
static const char *const roles[] = { "legal-representative", "administrator", "mandatario",
				       "master", "employee" };
static const char *const fonts[] = { "sans", "serif", "mono", "liberation-sans",
				       "liberation-serif", "liberation-mono" };
static const char *const date_styles[] = { "slash", "dash", "dot", "words" };
static const char *const ticks[] = { "x", "check", "fill" };

struct kv {
	char key[32];
	char value[160];
};

struct spec {
	const char *form;
	struct kv kv[24];
	int n;
	struct strbuf args;	/* style and degradation items */
	bool normal;
};

static void add(struct spec *s, const char *k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add(struct spec *s, const char *k, const char *fmt, ...)
{
	va_list ap;
	struct kv *e = &s->kv[s->n++];
	snprintf(e->key, sizeof e->key, "%s", k);
	va_start(ap, fmt);
	vsnprintf(e->value, sizeof e->value, fmt, ap);
	va_end(ap);
}

/* A fiscal code as the state makes it: surname and given-name letters,
 * then a made-up birth date and place, and the check character. */
static void fiscal_code(char *cf, const char *surname, const char *name)
{
	static const char months[] = "ABCDEHLMPRST";
	static const char cons[] = "BCDFGHLMNPRSTVZ";
	for (int i = 0; i < 6; i++)
		cf[i] = i == 1 || i == 4 ? "AEIOU"[rnd(5)] : cons[rnd(sizeof cons - 1)];
	digits(cf + 6, 2);
	cf[8] = months[rnd(12)];
	int day = 1 + (int)rnd(28) + (rnd(2) ? 40 : 0);
	cf[9] = (char)('0' + day / 10);
	cf[10] = (char)('0' + day % 10);
	cf[11] = "ABCDEFGHILMZ"[rnd(12)];
	digits(cf + 12, 3);
	char year = cf[6];	/* the parts end with a NUL */
	ocr_fiscal_code_part(surname, false, cf);
	ocr_fiscal_code_part(name, true, cf + 3);
	cf[6] = year;
	complete(cf, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ocr_check_fiscal_code);
}

static void make_spec(struct spec *s, int i)
{
	char buf[64];
	memset(s->kv, 0, sizeof s->kv);
	s->n = 0;
	sb_reset(&s->args);
	bool sede = rnd(2) == 0;
	s->form = sede ? "AR-SEDE-01" : "AR-BLOCCO-01";
	const char *surname = PICK(last_names), *name = PICK(first_names);

	add(s, "company", "%s %s %s", PICK(last_names), PICK(company_words), PICK(company_forms));
	digits(buf, 7);
	snprintf(buf + 7, sizeof buf - 7, "%03u", 1 + rnd(99));
	complete(buf, 11, "0123456789", ocr_check_vat);
	add(s, "vat", "%s", buf);
	buf[0] = '3';
	digits(buf + 1, rnd(4) ? 9 : 8);
	add(s, "line", "%s", buf);
	digits(buf, 14);
	complete(buf, 15, "0123456789", ocr_check_imei);
	add(s, "imei", "%s", buf);
	add(s, "model", "%s", PICK(models));
	fiscal_code(buf, surname, name);
	add(s, "signer", "%s %s", name, surname);
	add(s, "signer_cf", "%s", buf);
	int town = (int)rnd(ARRAY_SIZE(towns));
	if (sede) {
		static const char *const claims[] = { "fault", "malfunction", "theft", "loss" };
		const char *claim = PICK(claims);
		add(s, "claim", "%s", claim);
		if (strcmp(claim, "theft") && strcmp(claim, "loss"))
			add(s, "description", "%s", PICK(descriptions));
		if (rnd(3))
			add(s, "address", "%s %u, %s %s", PICK(streets), 1 + rnd(150), caps[town],
			    towns[town]);
		add(s, "contact", "%s %s", PICK(first_names), PICK(last_names));
		add(s, "contact_phone", "0%u %u", 2 + rnd(8), 1000000 + rnd(8999999));
		add(s, "declaration", "%s", rnd(10) ? "true" : "false");
		add(s, "signer_role", "%s", PICK(roles));
		add(s, "place", "%s", towns[rnd(ARRAY_SIZE(towns))]);
	} else {
		add(s, "event", "%s", rnd(2) ? "theft" : "loss");
		add(s, "event_date", "2026-%02u-%02u", 1 + rnd(11), 1 + rnd(28));
		add(s, "event_place", "%s, %s", towns[town], PICK(streets));
		add(s, "delivery", "%s", rnd(2) ? "site" : "point");
		add(s, "id_document", "Carta d'identita' C%c%05u%c%c", 'A' + rnd(26),
		    rnd(100000), 'A' + rnd(26), 'A' + rnd(26));
	}
	add(s, "date", "2026-%02u-%02u", 1 + rnd(11), 1 + rnd(28));
	add(s, "signature", "%s", rnd(12) ? "true" : "false");

	/* how it was typed and sent */
	sb_addf(&s->args, "font=%s\nsize=%u\ndate-style=%s\ntick=%s\nline-style=%s\n",
		PICK(fonts), 9 + rnd(4), PICK(date_styles), PICK(ticks), rnd(4) ? "plain" : "intl");
	sb_addf(&s->args, "shift=%.1f,%.1f\nskew=%.2f\nscale=%.4f\nseed=%d\n", rndf(-4, 4),
		rndf(-4, 4), rndf(-2.5, 2.5), rndf(0.98, 1.02), i + 1);
	if (rnd(10) == 0)
		sb_adds(&s->args, "rotate=180\n");
	if (rnd(2))
		sb_addf(&s->args, "noise=%.4f\n", rndf(0, 0.003));
	if (rnd(3) == 0)
		sb_addf(&s->args, "lost=%u\n", 1 + rnd(4));
	if (rnd(2))
		sb_adds(&s->args, "header=1\n");
	s->normal = rnd(5) == 0;
}

/* --- running mkfax --- */

static int run_mkfax(const char *mkfax, const struct spec *s, const char *tif, const char *truth)
{
	char *argv[80];
	int n = 0, rc;
	pid_t pid;
	int st = -1;

	argv[n++] = xstrdup(mkfax);
	argv[n++] = xstrdup("-o");
	argv[n++] = xstrdup(tif);
	argv[n++] = xstrdup("--truth");
	argv[n++] = xstrdup(truth);
	if (s->normal)
		argv[n++] = xstrdup("--normal");
	argv[n++] = xstrdup("--page");
	struct strbuf item = STRBUF_INIT;
	sb_addf(&item, "form=%s", s->form);
	argv[n++] = sb_detach(&item);
	char *args = xstrdup(s->args.buf);
	for (char *tok = strtok(args, "\n"); tok && n < 50; tok = strtok(NULL, "\n"))
		argv[n++] = xstrdup(tok);
	free(args);
	for (int i = 0; i < s->n && n < 79; i++) {
		sb_addf(&item, "field.%s=%s", s->kv[i].key, s->kv[i].value);
		argv[n++] = sb_detach(&item);
	}
	argv[n] = NULL;
	rc = posix_spawn(&pid, mkfax, NULL, NULL, argv, environ);
	if (rc == 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0)
		rc = 0;
	else
		rc = -1;
	if (rc) {
		fprintf(stderr, "accuracy: failed:");
		for (int i = 0; argv[i]; i++)
			fprintf(stderr, " '%s'", argv[i]);
		fprintf(stderr, "\n");
	}
	for (int i = 0; i < n; i++)
		free(argv[i]);
	return rc;
}

/* The truth of page 1: its type and fields. */
static int read_truth(const char *path, char *type, size_t tn, struct kv *kv, int *n)
{
	/* read into memory: the process's entity loader (common/xml) opens
	 * only the schemas folder */
	char *data = NULL;
	size_t len = 0;
	*n = 0;
	if (util_read_file(path, 1 << 20, &data, &len) != 0)
		return -1;
	xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(data);
	if (!doc)
		return -1;
	for (xmlNodePtr p = xmlDocGetRootElement(doc)->children; p; p = p->next) {
		if (p->type != XML_ELEMENT_NODE || strcmp((const char *)p->name, "page"))
			continue;
		xmlChar *t = xmlGetProp(p, (const xmlChar *)"type");
		snprintf(type, tn, "%s", t ? (const char *)t : "");
		xmlFree(t);
		for (xmlNodePtr f = p->children; f && *n < 24; f = f->next) {
			if (f->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *name = xmlGetProp(f, (const xmlChar *)"name");
			xmlChar *v = xmlNodeGetContent(f);
			snprintf(kv[*n].key, sizeof kv[*n].key, "%s", name ? (const char *)name : "");
			snprintf(kv[*n].value, sizeof kv[*n].value, "%s", v ? (const char *)v : "");
			(*n)++;
			xmlFree(name);
			xmlFree(v);
		}
		break;
	}
	xmlFreeDoc(doc);
	return 0;
}

/* --- scoring --- */

enum cat { C_CODES, C_DATES, C_NAMES, C_TEXT, C_MARKS, C_NCATS };
static const char *const cat_names[] = { "imei/vat/fiscal code/line", "dates", "names",
					 "other text", "checkboxes and signature" };
static const double cat_target[] = { 0.99, 0.97, 0.95, 0, 0.995 };

static enum cat category(const char *f)
{
	if (!strcmp(f, "imei") || !strcmp(f, "vat") || !strcmp(f, "signer_cf") || !strcmp(f, "line"))
		return C_CODES;
	if (!strcmp(f, "date") || !strcmp(f, "event_date"))
		return C_DATES;
	if (!strcmp(f, "signer") || !strcmp(f, "contact"))
		return C_NAMES;
	if (!strcmp(f, "claim") || !strcmp(f, "event") || !strcmp(f, "delivery") ||
	    !strcmp(f, "declaration") || !strcmp(f, "signature"))
		return C_MARKS;
	return C_TEXT;
}

struct tally {
	int total, exact, flagged, missing, wrong;
};

int main(int argc, char **argv)
{
	int npages = 200, verbose = 0;
	unsigned seed = 1;
	const char *mkfax = "build/mkfax", *dir = "build/accuracy", *xml = "build/accuracy.xml";
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT, wrongs = STRBUF_INIT;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--pages") && i + 1 < argc)
			npages = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--mkfax") && i + 1 < argc)
			mkfax = argv[++i];
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--xml") && i + 1 < argc)
			xml = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			verbose++;
		else {
			fprintf(stderr, "usage: accuracy [--pages N] [--seed S] [--mkfax PATH] "
					"[--dir DIR] [--xml FILE] [-v]\n");
			return 2;
		}
	}
	log_setup("accuracy", getenv("ACC_DEBUG") ? LOG_LVL_DEBUG : LOG_LVL_WARN, 1, 0);
	log_route_libraries();
	util_set_timezone("Europe/Rome");
	if (util_mkdir_p(dir, 0755) != 0) {
		fprintf(stderr, "accuracy: cannot create '%s'\n", dir);
		return 1;
	}
	struct ocr_engine_options eo = { 0 };
	struct ocr_engine *e = ocr_engine_new(&eo, &err);
	if (!e) {
		fprintf(stderr, "accuracy: %s\n", err.buf);
		return 1;
	}

	struct tally cats[C_NCATS] = { { 0 } };
	int classified = 0, pages = 0, failed = 0;
	long long cpu = 0;
	struct timespec w0, w1;
	struct spec s = { 0 };
	sb_init(&s.args);
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	clock_gettime(CLOCK_MONOTONIC, &w0);
	double wall_ocr = 0;

	for (int i = 0; i < npages; i++) {
		char tif[512], truth[512], ttype[32];
		struct kv tkv[24];
		int tn = 0;
		make_spec(&s, (int)(seed * 100000u) + i);
		snprintf(tif, sizeof tif, "%s/p%04d.tif", dir, i);
		snprintf(truth, sizeof truth, "%s/p%04d.xml", dir, i);
		if (run_mkfax(mkfax, &s, tif, truth) != 0 ||
		    read_truth(truth, ttype, sizeof ttype, tkv, &tn) != 0) {
			fprintf(stderr, "accuracy: page %d: mkfax failed\n", i);
			failed++;
			continue;
		}
		pages++;
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		long long c0 = ocr_cpu_usec();
		const char *reason = NULL;
		sb_reset(&err);
		struct ocr_fax *fax = ocr_fax_open(tif, NULL, &reason, &err);
		PIX *pix = fax ? ocr_fax_page(fax, 0, &reason, &err) : NULL;
		struct ocr_page page;
		memset(&page, 0, sizeof page);
		if (pix)
			ocr_page_read(e, pix, fax->pages[0].xres, fax->pages[0].yres, 1, &page, &err);
		else
			fprintf(stderr, "accuracy: page %d: %s %s\n", i, reason ? reason : "", err.buf);
		cpu += ocr_cpu_usec() - c0;
		clock_gettime(CLOCK_MONOTONIC, &b);
		wall_ocr += (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
		pixDestroy(&pix);
		ocr_fax_close(&fax);

		/* -v -v: every field as read, to compare two builds field for field */
		for (size_t k = 0; verbose >= 2 && k < page.doc.nfields; k++) {
			const struct ocr_field *f = &page.doc.fields[k];
			printf("read %d %s: '%s' %s %.3f\n", i, f->name, f->value,
			       f->reason ? f->reason : "trusted", f->confidence);
		}
		bool ok_type = !strcmp(ocr_doctype_name(page.type), ttype);
		classified += ok_type;
		if (!ok_type)
			sb_addf(&wrongs, "  page %d (%s): classified as %s\n", i, tif,
				ocr_doctype_name(page.type));
		for (int k = 0; k < tn; k++) {
			const char *name = tkv[k].key;
			char want[160];
			snprintf(want, sizeof want, "%s", tkv[k].value);
			if (!strcmp(name, "line")) {
				char l[32];
				if (ocr_normalise_line(want, l, sizeof l) == 0)
					snprintf(want, sizeof want, "%s", l);
			}
			struct tally *t = &cats[category(name)];
			t->total++;
			const struct ocr_field *f = ok_type ? ocr_document_field(&page.doc, name) : NULL;
			if (!f) {
				t->missing++;
				if (verbose)
					printf("page %d %s: missing (want '%s')\n", i, name, want);
			} else if (f->reason) {
				t->flagged++;
				if (verbose)
					printf("page %d %s: %s '%s' (want '%s') conf %.2f\n", i, name,
					       f->reason, f->value, want, f->confidence);
			} else if (!strcmp(f->value, want)) {
				t->exact++;
			} else {
				t->wrong++;
				sb_addf(&wrongs, "  page %d (%s): %s = '%s' trusted, truth '%s' (conf %.2f)\n",
					i, tif, name, f->value, want, f->confidence);
			}
		}
		ocr_page_clear(&page);
		if (verbose)
			fflush(stdout);
	}
	clock_gettime(CLOCK_MONOTONIC, &w1);

	int wrong = 0;
	printf("\nform reading accuracy: %d pages (%d not made), seed %u\n", pages, failed, seed);
	printf("%-28s %8s %8s %8s %8s %8s %8s\n", "", "total", "exact", "flagged", "missing",
	       "wrong", "exact%");
	printf("%-28s %8d %8d %8s %8s %8d %7.2f%%  (target 100%%)\n", "forms classified", pages,
	       classified, "", "", pages - classified, pages ? 100.0 * classified / pages : 0);
	sb_addf(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<accuracy pages=\"%d\" seed=\"%u\" classified=\"%d\">\n", pages, seed, classified);
	for (int c = 0; c < C_NCATS; c++) {
		struct tally *t = &cats[c];
		double pc = t->total ? 100.0 * t->exact / t->total : 0;
		wrong += t->wrong;
		printf("%-28s %8d %8d %8d %8d %8d %7.2f%%", cat_names[c], t->total, t->exact,
		       t->flagged, t->missing, t->wrong, pc);
		if (cat_target[c] > 0)
			printf("  (target %.1f%%)", 100 * cat_target[c]);
		printf("\n");
		sb_addf(&out, "  <category name=\"%s\" total=\"%d\" exact=\"%d\" flagged=\"%d\" "
			"missing=\"%d\" wrong=\"%d\" percent=\"%.2f\" target=\"%.1f\"/>\n",
			cat_names[c], t->total, t->exact, t->flagged, t->missing, t->wrong, pc,
			100 * cat_target[c]);
	}
	double spp = pages ? cpu / 1e6 / pages : 0;
	double wpp = pages ? wall_ocr / pages : 0;
	printf("accepted wrong values: %d (target 0)\n", wrong);
	printf("seconds per page: %.2f CPU, %.2f wall (decode+clean+classify+fields; mkfax excluded)\n",
	       spp, wpp);
	struct ocr_timings *t = ocr_engine_timings(e);
	if (pages)
		printf("per page: clean %.3f s, classify %.3f s, field ocr %.3f s; zone readings "
		       "%.2f + %.2f + %.2f + %.2f by look (%.2f with alternatives), %.1f symbols\n",
		       t->clean / 1e6 / pages, t->classify / 1e6 / pages, t->field_ocr / 1e6 / pages,
		       (double)t->zones[0] / pages, (double)t->zones[1] / pages,
		       (double)t->zones[2] / pages, (double)t->zones[3] / pages,
		       (double)t->zones_alts / pages, (double)t->zone_symbols / pages);
	if (wrongs.len)
		printf("\nfailures:\n%s", wrongs.buf);
	printf("total run time %.0f s\n", (double)(w1.tv_sec - w0.tv_sec));
	sb_addf(&out, "  <wrong>%d</wrong>\n  <seconds-per-page cpu=\"%.3f\" wall=\"%.3f\"/>\n"
		"</accuracy>\n", wrong, spp, wpp);
	if (util_write_atomic(xml, out.buf, out.len, 0644) != 0)
		fprintf(stderr, "accuracy: cannot write '%s'\n", xml);
	ocr_engine_free(&e);
	sb_release(&s.args);
	sb_release(&err);
	sb_release(&out);
	sb_release(&wrongs);
	return 0;
}
