/*
 * mkfax - makes fax TIFFs like those a gateway drops into the spool: forms
 * filled with given values, free-form documents, plain text or blank
 * pages, degraded as real faxes are, tagged as HylaFAX or spandsp tag
 * them; optionally with the ground truth of every page as XML.
 *
 * Failure policy: a test tool. Bad usage exits 2 with a message; a page
 * that cannot be made as asked exits 1; nothing is ever written half (the
 * TIFF goes to a hidden temporary name, then is renamed).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "common/xml.h"
#include "ocr/form.h"
#include "ocr/render.h"
#include "tests/lib/autofill.h"
#include "tests/lib/faxpage.h"
#include "tests/lib/rng.h"
#include "tests/lib/tiffout.h"

#define PAGE_GAP_SECONDS 45	/* time between the pages' DateTime tags */
#define MAX_PAGES 200

static const char usage[] =
	"usage: mkfax -o OUT.tif [options] --page PAGE-ITEM... [--page PAGE-ITEM...]...\n"
	"\n"
	"Makes a fax TIFF as a gateway stores it: 1728 pixels wide, 204 x 196 dpi\n"
	"(fine) or 204 x 98 (normal), bilevel, CCITT G3 or G4, one page per --page.\n"
	"The same arguments and seed always give the same file.\n"
	"\n"
	"Options:\n"
	"  -o FILE                 the TIFF to write (via a hidden temporary + rename)\n"
	"  --style hylafax|spandsp tags as HylaFAX writes them (default: DateTime\n"
	"                          YYYY:MM:DD HH:MM:SS, Make/Model/Software of the modem,\n"
	"                          CleanFaxData/BadFaxLines, G3 1D, FillOrder 1) or as\n"
	"                          spandsp does (YYYY/MM/DD HH:MM:SS, G4, FillOrder 2)\n"
	"  --fine | --normal       vertical resolution 196 (default) or 98 dpi\n"
	"  --g3 | --g3-2d | --g4   compression (default: by style)\n"
	"  --fill-order 1|2        bit order in bytes (default: by style)\n"
	"  --datetime TIME         receipt time, the last page's DateTime, local wall\n"
	"                          clock 'YYYY-MM-DD HH:MM:SS' (default 2026-11-23 10:00:00);\n"
	"                          earlier pages are 45 s apart unless given their own\n"
	"  --no-datetime           no DateTime tags at all\n"
	"  --tsi TEXT              sender's TSI, in ImageDescription and the header band\n"
	"                          (default '+39 02 5550100'); --no-tsi leaves it out\n"
	"  --make T --model T --software T   override the style's tags\n"
	"  --no-quality-tags       no CleanFaxData/BadFaxLines (HylaFAX style)\n"
	"  --seed N                seed of everything random (default 1)\n"
	"  --truth FILE.xml        also write what each page holds (ground truth)\n"
	"  --form CODE, --kind K, --text T, --blank   short for --page form=CODE etc.\n"
	"  -h, --help              this text\n"
	"\n"
	"Page items (after --page, up to the next option):\n"
	"  blank                   an empty sheet (the default)\n"
	"  form=AR-SEDE-01|AR-BLOCCO-01   a form, filled with the field values given\n"
	"  kind=denunciation|identity|... a free-form document (tests/lib/freeform.c);\n"
	"                          the identity document's own field 'kind' is given as\n"
	"                          a second kind=... or as field.kind=...\n"
	"  text=TEXT               a page of plain text; '\\n' starts a new line\n"
	"  values=FILE.xml         field values from a document instance such as\n"
	"                          <onsite xmlns=\"urn:faxintake:document:1\"><imei>..</imei>\n"
	"                          </onsite> (onsite/block pick the form, denunciation/\n"
	"                          identity the free-form kind)\n"
	"  FIELD=VALUE, field.FIELD=VALUE  a field in its normal form (shared/FORMS.md):\n"
	"                          claim=theft declaration=true signature=true\n"
	"                          date=2026-11-20 signer_role=legal-representative ...\n"
	"  auto=1                  (forms) made-up, well-formed values for every field\n"
	"                          not given (valid IMEI, VAT, fiscal code; dates up to\n"
	"                          a week before the page's DateTime)\n"
	"  How the values are typed:\n"
	"    font=sans|serif|mono|liberation-sans|liberation-serif|liberation-mono|FAMILY\n"
	"    size=PT (9-12, default 11)  date-style=slash|dash|dot|words\n"
	"    tick=x|check|fill  line-style=plain|intl  jitter=MM\n"
	"  Degradations:\n"
	"    shift=DX,DY (mm)  skew=DEGREES (clockwise)  scale=FACTOR|PERCENT%  rotate=0|180\n"
	"    noise=DENSITY (e.g. 0.002)  lost=N  repeat=N (runs of rows lost/repeated)\n"
	"    header=0|1|TEXT   the sender's header band (1: 'dd/mm/yyyy HH:MM TSI P.i/n')\n"
	"  random=1            typing and degradations chosen by seed within the ranges\n"
	"                      of shared/FORMS.md (any font, 9-12 pt, shift up to 4 mm,\n"
	"                      skew up to 3 degrees, scale 97-103 %, sometimes upside\n"
	"                      down, noise, line errors, header band); items given\n"
	"                      explicitly are kept; the truth records what was chosen\n"
	"  datetime=TIME       this page's DateTime   seed=N  this page's seed\n"
	"\n"
	"Ground truth (--truth): <mkfax xmlns=\"urn:faxintake:mkfax:1\" receipt=.. tsi=..>\n"
	"with one <page n=.. source=form|freeform|text|blank type=onsite|block|\n"
	"denunciation|identity|unknown datetime=.. skew=.. ...> per page, holding\n"
	"<field name=\"..\">value</field> in normal form for every value on it (for a\n"
	"form, its flags and signature also when false; for a free-form page, the\n"
	"values given and those the renderer made up; a part=1|2 page of a two-page\n"
	"report lists the whole report's values).\n"
	"\n"
	"Example:\n"
	"  mkfax -o fax.tif --style hylafax --datetime '2026-11-23 16:02:11' \\\n"
	"    --page form=AR-SEDE-01 font=serif size=11 skew=1.5 shift=2,-1 header=1 \\\n"
	"           vat=01234567897 imei=356938035643809 claim=fault declaration=true \\\n"
	"           signature=true \\\n"
	"    --page kind=denunciation imei=356938035643809 event=theft\n";

/* Everything the command line allocates lives until exit, then is freed. */
static char **pool;
static size_t npool, apool;

static char *keep(char *s)
{
	if (npool == apool) {
		apool = apool ? 2 * apool : 64;
		pool = xrealloc(pool, apool * sizeof(*pool));
	}
	pool[npool++] = s;
	return s;
}

struct page_spec {
	struct mkfax_page p;
	struct mkfax_kv *kv;
	size_t nkv, akv;
	const char *datetime;		/* this page's own time, or NULL */
	int header;			/* 0 none, 1 default text, 2 header_text */
	const char *header_text;
	bool seeded;
	bool autofill;			/* auto=1: made-up values for the fields not given */
	bool random;			/* random=1: typing and degradations chosen by seed */
	const char *items[32];		/* typing/degradation items given explicitly */
	int nitems;
};

struct opts {
	const char *out, *truth, *style;
	bool normal, no_datetime, no_tsi, no_quality;
	int compression, g3_2d, fill_order;	/* -1: by style */
	const char *datetime, *tsi, *make, *model, *software;
	unsigned long seed;
	struct page_spec pages[MAX_PAGES];
	int npages;
};

static void add_kv(struct page_spec *ps, const char *key, const char *value)
{
	if (ps->nkv == ps->akv) {
		ps->akv = ps->akv ? 2 * ps->akv : 16;
		ps->kv = xrealloc(ps->kv, ps->akv * sizeof(*ps->kv));
	}
	ps->kv[ps->nkv].key = key;
	ps->kv[ps->nkv].value = value;
	ps->nkv++;
}

static const char *font_family(const char *v)
{
	static const struct {
		const char *name, *family;
	} fonts[] = {
		{ "sans", "DejaVu Sans" }, { "serif", "DejaVu Serif" },
		{ "mono", "DejaVu Sans Mono" }, { "liberation-sans", "Liberation Sans" },
		{ "liberation-serif", "Liberation Serif" }, { "liberation-mono", "Liberation Mono" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(fonts); i++)
		if (!strcmp(v, fonts[i].name))
			return fonts[i].family;
	return v;
}

static int parse_double(const char *v, double *d)
{
	char *end;

	errno = 0;
	*d = strtod(v, &end);
	return errno || end == v || *end ? -1 : 0;
}

static int parse_int(const char *v, long lo, long hi, long *n)
{
	char *end;

	errno = 0;
	*n = strtol(v, &end, 10);
	return errno || end == v || *end || *n < lo || *n > hi ? -1 : 0;
}

/* "2026-11-23 16:02:11" (or with 'T') to broken-down wall-clock time. */
static int parse_wallclock(const char *v, struct tm *tm)
{
	int y, mo, d, h, mi, s;
	char sep;

	if (sscanf(v, "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s) != 7 ||
	    (sep != ' ' && sep != 'T') || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 60)
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s;
	return 0;
}

/* Fields from a document instance: the root names the source. */
static int load_values(struct page_spec *ps, const char *path, struct strbuf *err)
{
	static const struct {
		const char *root, *form, *kind;
	} roots[] = {
		{ "onsite", "AR-SEDE-01", NULL }, { "block", "AR-BLOCCO-01", NULL },
		{ "denunciation", NULL, "denunciation" }, { "identity", NULL, "identity" },
	};
	struct strbuf why = STRBUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNode *root;
	char *data = NULL;
	size_t len;
	int rc = -1;

	if (util_read_file(path, 1 << 20, &data, &len) < 0) {
		sb_addf(err, "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	doc = xml_parse_untrusted(data, len, 1 << 20, &why);
	if (!doc) {
		sb_addf(err, "cannot parse '%s': %s", path, why.buf);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	for (size_t i = 0; i < ARRAY_SIZE(roots); i++) {
		if (strcmp((const char *)root->name, roots[i].root) || ps->p.source != MKFAX_BLANK)
			continue;
		ps->p.source = roots[i].form ? MKFAX_FORM : MKFAX_FREEFORM;
		ps->p.form = roots[i].form;
		ps->p.kind = roots[i].kind;
	}
	for (xmlNode *c = root->children; c; c = c->next) {
		xmlChar *v;
		struct strbuf val = STRBUF_INIT;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		v = xmlNodeGetContent(c);
		sb_adds(&val, v ? (const char *)v : "");
		sb_trim(&val);
		xmlFree(v);
		add_kv(ps, keep(xstrdup((const char *)c->name)), keep(sb_detach(&val)));
	}
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	free(data);
	sb_release(&why);
	return rc;
}

/* "\n" in text= starts a new line. */
static char *unescape(const char *v)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *v; v++) {
		if (v[0] == '\\' && v[1] == 'n') {
			sb_addc(&sb, '\n');
			v++;
		} else {
			sb_addc(&sb, *v);
		}
	}
	return keep(sb_detach(&sb));
}

/* Index of v in a NULL-terminated list (in the order of the enum it
 * stands for), or -1. */
static int pick(const char *v, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(v, names[i]))
			return i;
	return -1;
}

static int page_style_item(struct page_spec *ps, const char *k, const char *v, struct strbuf *err)
{
	struct ocr_render_style *st = &ps->p.style;
	double d;

	if (!strcmp(k, "font")) {
		st->font = font_family(v);
	} else if (!strcmp(k, "size")) {
		if (parse_double(v, &st->size) < 0 || st->size < 6 || st->size > 24)
			goto bad;
	} else if (!strcmp(k, "date-style")) {
		static const char *const names[] = { "slash", "dash", "dot", "words", NULL };
		int i = pick(v, names);

		if (i < 0)
			goto bad;
		st->date = (enum ocr_render_date)i;
	} else if (!strcmp(k, "tick")) {
		static const char *const names[] = { "x", "check", "fill", NULL };
		int i = pick(v, names);

		if (i < 0)
			goto bad;
		st->tick = (enum ocr_render_tick)i;
	} else if (!strcmp(k, "line-style")) {
		if (strcmp(v, "plain") && strcmp(v, "intl"))
			goto bad;
		st->line_intl = !strcmp(v, "intl");
	} else if (!strcmp(k, "jitter")) {
		if (parse_double(v, &d) < 0 || d < 0 || d > 5)
			goto bad;
		st->jitter = d;
	} else {
		return 1;
	}
	return 0;
bad:
	sb_addf(err, "bad page item %s='%s'", k, v);
	return -1;
}

static int page_degrade_item(struct page_spec *ps, const char *k, const char *v,
			     struct strbuf *err)
{
	struct mkfax_page *p = &ps->p;
	long n;

	if (!strcmp(k, "shift")) {
		if (sscanf(v, "%lf,%lf", &p->dx, &p->dy) != 2 || p->dx < -50 || p->dx > 50 ||
		    p->dy < -50 || p->dy > 50)
			goto bad;
	} else if (!strcmp(k, "skew")) {
		if (parse_double(v, &p->skew) < 0 || p->skew < -45 || p->skew > 45)
			goto bad;
	} else if (!strcmp(k, "scale")) {
		size_t len = strlen(v);
		char *num = xstrdup(v);
		int bad;

		if (len && num[len - 1] == '%')
			num[len - 1] = '\0';
		bad = parse_double(num, &p->scale) < 0;
		free(num);
		if (len && v[len - 1] == '%')
			p->scale /= 100;
		if (bad || p->scale < 0.5 || p->scale > 1.5)
			goto bad;
	} else if (!strcmp(k, "rotate")) {
		if (strcmp(v, "0") && strcmp(v, "180"))
			goto bad;
		p->rotate180 = !strcmp(v, "180");
	} else if (!strcmp(k, "noise")) {
		if (parse_double(v, &p->noise) < 0 || p->noise < 0 || p->noise > 0.5)
			goto bad;
	} else if (!strcmp(k, "lost") || !strcmp(k, "repeat")) {
		if (parse_int(v, 0, 1000, &n) < 0)
			goto bad;
		*(!strcmp(k, "lost") ? &p->lost : &p->repeat) = (int)n;
	} else if (!strcmp(k, "header")) {
		ps->header = !strcmp(v, "0") ? 0 : !strcmp(v, "1") ? 1 : 2;
		ps->header_text = v;
	} else if (!strcmp(k, "datetime")) {
		struct tm tm;

		if (parse_wallclock(v, &tm) < 0)
			goto bad;
		ps->datetime = v;
	} else if (!strcmp(k, "seed")) {
		if (parse_int(v, 0, 0x7fffffffL, &n) < 0)
			goto bad;
		p->seed = (unsigned)n;
		ps->seeded = true;
	} else {
		return 1;
	}
	return 0;
bad:
	sb_addf(err, "bad page item %s='%s'", k, v);
	return -1;
}

static int page_item(struct page_spec *ps, const char *item, struct strbuf *err)
{
	const char *eq = strchr(item, '=');
	char *k;
	const char *v;
	int rc;

	if (!eq) {
		if (!strcmp(item, "blank")) {
			ps->p.source = MKFAX_BLANK;
			return 0;
		}
		sb_addf(err, "bad page item '%s' (want KEY=VALUE or blank)", item);
		return -1;
	}
	k = keep(xstrndup(item, (size_t)(eq - item)));
	v = eq + 1;
	if (!strcmp(k, "form")) {
		ps->p.source = MKFAX_FORM;
		ps->p.form = v;
	} else if (!strcmp(k, "kind") && ps->p.source != MKFAX_FREEFORM) {
		if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyz-") != strlen(v)) {
			sb_addf(err, "bad page item kind='%s' (denunciation, identity, ...)", v);
			return -1;
		}
		ps->p.source = MKFAX_FREEFORM;
		ps->p.kind = v;
	} else if (!strcmp(k, "text")) {
		ps->p.source = MKFAX_TEXT;
		ps->p.text = unescape(v);
	} else if (!strcmp(k, "random")) {
		ps->random = strcmp(v, "0") != 0;
	} else if (!strcmp(k, "auto")) {
		ps->autofill = strcmp(v, "0") != 0;
	} else if (!strcmp(k, "values")) {
		return load_values(ps, v, err);
	} else if (!strncmp(k, "field.", 6) && k[6]) {
		add_kv(ps, k + 6, v);
	} else {
		rc = page_style_item(ps, k, v, err);
		if (rc > 0)
			rc = page_degrade_item(ps, k, v, err);
		if (rc < 0)
			return rc;
		if (rc > 0)
			add_kv(ps, k, v);
		else if (ps->nitems < (int)ARRAY_SIZE(ps->items))
			ps->items[ps->nitems++] = k;
	}
	return 0;
}

/* "key=value" */
static char *xstrfmt2(const char *key, const char *value)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%s=%s", key, value);
	return sb_detach(&sb);
}

/* Global option with a value: "--name VALUE" or "--name=VALUE". */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int parse_args(int argc, char **argv, struct opts *o, struct strbuf *err)
{
	const char *v;
	long n;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!strcmp(a, "--page") || !strcmp(a, "--blank") || !strcmp(a, "--form") ||
			   !strcmp(a, "--kind") || !strcmp(a, "--text")) {
			struct page_spec *ps;

			if (o->npages == MAX_PAGES) {
				sb_addf(err, "too many pages (at most %d)", MAX_PAGES);
				return -1;
			}
			ps = &o->pages[o->npages++];
			/* --form CODE is --page form=CODE, and so on */
			if (strcmp(a, "--page") && strcmp(a, "--blank")) {
				if (i + 1 >= argc) {
					sb_addf(err, "option %s needs a value", a);
					return -1;
				}
				if (page_item(ps, keep(xstrfmt2(a + 2, argv[++i])), err) < 0)
					return -1;
			}
			while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) &&
			       strcmp(argv[i + 1], "-o"))
				if (page_item(ps, argv[++i], err) < 0)
					return -1;
		} else if (!strcmp(a, "-o")) {
			if (++i >= argc)
				goto missing;
			o->out = argv[i];
		} else if (!strcmp(a, "--fine") || !strcmp(a, "--normal")) {
			o->normal = !strcmp(a, "--normal");
		} else if (!strcmp(a, "--g3") || !strcmp(a, "--g3-2d")) {
			o->compression = 3;
			o->g3_2d = !strcmp(a, "--g3-2d");
		} else if (!strcmp(a, "--g4")) {
			o->compression = 4;
		} else if (!strcmp(a, "--no-datetime")) {
			o->no_datetime = true;
		} else if (!strcmp(a, "--no-tsi")) {
			o->no_tsi = true;
		} else if (!strcmp(a, "--no-quality-tags")) {
			o->no_quality = true;
		} else if ((v = opt_value(argc, argv, &i, "--style"))) {
			if (strcmp(v, "hylafax") && strcmp(v, "spandsp")) {
				sb_addf(err, "bad --style '%s' (hylafax or spandsp)", v);
				return -1;
			}
			o->style = v;
		} else if ((v = opt_value(argc, argv, &i, "--fill-order"))) {
			if (strcmp(v, "1") && strcmp(v, "2")) {
				sb_addf(err, "bad --fill-order '%s' (1 or 2)", v);
				return -1;
			}
			o->fill_order = v[0] - '0';
		} else if ((v = opt_value(argc, argv, &i, "--datetime"))) {
			struct tm tm;

			if (parse_wallclock(v, &tm) < 0) {
				sb_addf(err, "bad --datetime '%s' (want YYYY-MM-DD HH:MM:SS)", v);
				return -1;
			}
			o->datetime = v;
		} else if ((v = opt_value(argc, argv, &i, "--tsi"))) {
			o->tsi = v;
		} else if ((v = opt_value(argc, argv, &i, "--make"))) {
			o->make = v;
		} else if ((v = opt_value(argc, argv, &i, "--model"))) {
			o->model = v;
		} else if ((v = opt_value(argc, argv, &i, "--software"))) {
			o->software = v;
		} else if ((v = opt_value(argc, argv, &i, "--truth"))) {
			o->truth = v;
		} else if ((v = opt_value(argc, argv, &i, "--seed"))) {
			if (parse_int(v, 0, 0x7fffffffL, &n) < 0) {
				sb_addf(err, "bad --seed '%s'", v);
				return -1;
			}
			o->seed = (unsigned long)n;
		} else {
			sb_addf(err, "unknown or incomplete option '%s'", a);
			return -1;
		}
	}
	if (!o->out) {
		sb_adds(err, "no output file (-o FILE)");
		return -1;
	}
	if (!o->npages) {
		sb_adds(err, "no pages (--page ...)");
		return -1;
	}
	return 0;
missing:
	sb_adds(err, "option -o needs a file name");
	return -1;
}

/* Wall-clock arithmetic without time zones: the gateway writes its local
 * clock, and pages 45 s apart stay 45 s apart on it. */
static void page_time(const struct opts *o, int i, struct tm *out)
{
	struct tm tm;
	time_t t;

	if (o->pages[i].datetime) {
		parse_wallclock(o->pages[i].datetime, out);
		return;
	}
	parse_wallclock(o->datetime, &tm);
	t = timegm(&tm) - (time_t)(o->npages - 1 - i) * PAGE_GAP_SECONDS;
	gmtime_r(&t, out);
}

static void write_truth_page(struct strbuf *x, const struct opts *o, int i, const char *dt)
{
	const struct page_spec *ps = &o->pages[i];
	const struct mkfax_page *p = &ps->p;
	static const char *const sources[] = { "blank", "form", "freeform", "text" };
	const struct ocr_form *f = NULL;
	struct strbuf err = STRBUF_INIT;

	sb_addf(x, "  <page n=\"%d\" source=\"%s\"", i + 1, sources[p->source]);
	if (p->source == MKFAX_FORM) {
		f = ocr_form_get(p->form, &err);
		sb_adds(x, " form=\"");
		sb_add_xml(x, p->form);
		sb_addf(x, "\" type=\"%s\"", f && ocr_form_type(f) == OCR_DOC_ONSITE ? "onsite"
									 : "block");
	} else if (p->source == MKFAX_FREEFORM) {
		sb_adds(x, " kind=\"");
		sb_add_xml(x, p->kind);
		sb_addf(x, "\" type=\"%s\"", !strcmp(p->kind, "denunciation") ||
					       !strcmp(p->kind, "identity") ? p->kind : "unknown");
	} else {
		sb_adds(x, " type=\"unknown\"");
	}
	if (dt) {
		sb_adds(x, " datetime=\"");
		sb_add_xml(x, dt);
		sb_adds(x, "\"");
	}
	if (p->source == MKFAX_FORM || p->source == MKFAX_TEXT) {
		sb_adds(x, " font=\"");
		sb_add_xml(x, p->style.font ? p->style.font : "DejaVu Sans");
		sb_addf(x, "\" size=\"%g\"", p->style.size > 0 ? p->style.size : 11);
	}
	sb_addf(x, " seed=\"%u\" skew=\"%g\" shift=\"%g,%g\" scale=\"%g\" rotate=\"%d\""
		" noise=\"%g\" lost=\"%d\" repeat=\"%d\" header=\"%d\">\n",
		p->seed, p->skew, p->dx, p->dy, p->scale > 0 ? p->scale : 1, p->rotate180 ? 180 : 0,
		p->noise, p->lost, p->repeat, ps->header ? 1 : 0);
	for (size_t k = 0; k < ps->nkv; k++) {
		bool later = false;

		/* the last of repeated keys counts, as when rendering */
		for (size_t j = k + 1; j < ps->nkv; j++)
			later |= !strcmp(ps->kv[j].key, ps->kv[k].key);
		if (later || !*ps->kv[k].value)
			continue;
		sb_adds(x, "    <field name=\"");
		sb_add_xml(x, ps->kv[k].key);
		sb_adds(x, "\">");
		sb_add_xml(x, ps->kv[k].value);
		sb_adds(x, "</field>\n");
	}
	/* A form's checkbox flags and signature read false when not given. */
	for (size_t c = 0; f && c < ocr_form_nchoices(f); c++) {
		const struct ocr_form_choice *ch = ocr_form_choice(f, c);
		bool given = false;

		for (size_t k = 0; k < ps->nkv; k++)
			given |= !strcmp(ps->kv[k].key, ch->name);
		if (ch->flag && !given)
			sb_addf(x, "    <field name=\"%s\">false</field>\n", ch->name);
	}
	if (f && ocr_form_signature(f)) {
		bool given = false;

		for (size_t k = 0; k < ps->nkv; k++)
			given |= !strcmp(ps->kv[k].key, ocr_form_signature(f)->name);
		if (!given)
			sb_addf(x, "    <field name=\"%s\">false</field>\n",
				ocr_form_signature(f)->name);
	}
	sb_adds(x, "  </page>\n");
	sb_release(&err);
}

/* autofill callback: a made-up value only where none was given. */
static void add_missing(void *ctx, const char *field, const char *value)
{
	struct page_spec *ps = ctx;

	for (size_t i = 0; i < ps->nkv; i++)
		if (!strcmp(ps->kv[i].key, field))
			return;
	add_kv(ps, keep(xstrdup(field)), keep(xstrdup(value)));
}

static const char *given_value(const struct page_spec *ps, const char *key)
{
	for (size_t i = ps->nkv; i-- > 0;)
		if (!strcmp(ps->kv[i].key, key))
			return ps->kv[i].value;
	return NULL;
}

static bool explicit_item(const struct page_spec *ps, const char *key)
{
	for (int i = 0; i < ps->nitems; i++)
		if (!strcmp(ps->items[i], key))
			return true;
	return false;
}

/* random=1: what a person and a fax line do to a page, within the ranges of
 * shared/FORMS.md, chosen by the page's seed; items given explicitly stay. */
static void randomize(struct page_spec *ps)
{
	static const char *const families[] = {
		"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono",
		"Liberation Sans", "Liberation Serif", "Liberation Mono",
	};
	struct ocr_render_style *st = &ps->p.style;
	struct mkfax_page *p = &ps->p;
	uint64_t s = ((uint64_t)p->seed << 24) ^ 0x7a11d0ULL;
#define PCT(n) (mkfax_rng_below(&s, 100) < (n))
#define UNIFORM(lo, hi) ((lo) + ((hi) - (lo)) * (double)mkfax_rng_below(&s, 10001) / 10000)

	if (!explicit_item(ps, "font"))
		st->font = families[mkfax_rng_below(&s, (long)ARRAY_SIZE(families))];
	if (!explicit_item(ps, "size"))
		st->size = 9 + 0.5 * (double)mkfax_rng_below(&s, 7);
	if (!explicit_item(ps, "date-style"))
		st->date = PCT(50) ? OCR_RENDER_DATE_SLASH
			 : PCT(40) ? OCR_RENDER_DATE_WORDS
			 : PCT(50) ? OCR_RENDER_DATE_DASH : OCR_RENDER_DATE_DOT;
	if (!explicit_item(ps, "tick"))
		st->tick = PCT(50) ? OCR_RENDER_TICK_X : PCT(60) ? OCR_RENDER_TICK_CHECK
								 : OCR_RENDER_TICK_FILL;
	if (!explicit_item(ps, "line-style"))
		st->line_intl = PCT(30);
	if (!explicit_item(ps, "jitter"))
		st->jitter = UNIFORM(0, 0.8);
	if (!explicit_item(ps, "shift")) {
		p->dx = UNIFORM(-4, 4);
		p->dy = UNIFORM(-4, 4);
	}
	if (!explicit_item(ps, "skew"))
		p->skew = UNIFORM(-3, 3);
	if (!explicit_item(ps, "scale"))
		p->scale = UNIFORM(0.97, 1.03);
	if (!explicit_item(ps, "rotate"))
		p->rotate180 = PCT(10);
	if (!explicit_item(ps, "noise"))
		p->noise = PCT(50) ? 0 : UNIFORM(0, 0.002);
	if (!explicit_item(ps, "lost"))
		p->lost = PCT(70) ? 0 : 1 + (int)mkfax_rng_below(&s, 4);
	if (!explicit_item(ps, "repeat"))
		p->repeat = PCT(80) ? 0 : 1 + (int)mkfax_rng_below(&s, 3);
	if (!explicit_item(ps, "header"))
		ps->header = PCT(60) ? 1 : 0;
#undef PCT
#undef UNIFORM
}

/* A free-form page draws the values given and makes up the rest from its
 * seed: ask the renderer for those, so that the page is drawn from one full
 * set and the truth lists every value on it. An identity document whose
 * kind is given but not its number gets a seed whose made-up number has
 * that kind's shape. */
static void freeform_values(struct page_spec *ps)
{
	const char *kind = given_value(ps, "kind");
	struct mkfax_kv made[32];
	char buf[4096];
	size_t n = 0;

	for (int tries = 0; tries < 200; tries++) {
		n = mkfax_freeform_values(ps->p.kind, ps->p.seed, made, ARRAY_SIZE(made), buf,
					  sizeof(buf));
		if (strcmp(ps->p.kind, "identity") || !kind || given_value(ps, "number"))
			break;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(made[i].key, "kind") && !strcmp(made[i].value, kind))
				goto found;
		ps->p.seed += 7919;
	}
found:
	for (size_t i = 0; i < n; i++)
		if (!given_value(ps, made[i].key))
			add_kv(ps, keep(xstrdup(made[i].key)), keep(xstrdup(made[i].value)));
}

static int run(struct opts *o, struct strbuf *err)
{
	bool spandsp = o->style && !strcmp(o->style, "spandsp");
	double yres = o->normal ? MKFAX_YRES_NORMAL : MKFAX_YRES_FINE;
	struct mkfax_bitmap *bms = xcalloc((size_t)o->npages, sizeof(*bms));
	struct mkfax_tiff_page *tp = xcalloc((size_t)o->npages, sizeof(*tp));
	char(*dts)[32] = xcalloc((size_t)o->npages, sizeof(*dts));
	struct strbuf truth = STRBUF_INIT, tmp = STRBUF_INIT;
	struct mkfax_tiff_opts to = { 0 };
	const char *slash;
	int rc = -1;

	to.compression = o->compression > 0 ? o->compression : spandsp ? 4 : 3;
	to.g3_2d = o->g3_2d > 0;
	to.fill_order = o->fill_order > 0 ? o->fill_order : spandsp ? 2 : 1;
	to.description = o->no_tsi ? NULL : o->tsi;
	to.make = o->make ? o->make : spandsp ? "Asterisk" : "MultiTech";
	to.model = o->model ? o->model : spandsp ? "res_fax_spandsp" : "MT9234ZBA";
	to.software = o->software ? o->software
				  : spandsp ? "Spandsp 20180108 164000" : "HylaFAX (tm) Version 7.0.7";
	to.host = spandsp ? NULL : "faxgw";

	sb_addf(&truth, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<mkfax xmlns=\"urn:faxintake:mkfax:1\" style=\"%s\" pages=\"%d\" yres=\"%g\"",
		spandsp ? "spandsp" : "hylafax", o->npages, yres);
	if (!o->no_datetime) {
		sb_adds(&truth, " receipt=\"");
		sb_add_xml(&truth, o->datetime);
		sb_adds(&truth, "\"");
	}
	if (to.description) {
		sb_adds(&truth, " tsi=\"");
		sb_add_xml(&truth, to.description);
		sb_adds(&truth, "\"");
	}
	sb_addf(&truth, " seed=\"%lu\">\n", o->seed);

	for (int i = 0; i < o->npages; i++) {
		struct page_spec *ps = &o->pages[i];
		struct strbuf header = STRBUF_INIT, perr = STRBUF_INIT;
		struct tm tm;

		page_time(o, i, &tm);
		strftime(dts[i], sizeof(dts[i]), spandsp ? "%Y/%m/%d %H:%M:%S" : "%Y:%m:%d %H:%M:%S",
			 &tm);
		if (!ps->seeded)
			ps->p.seed = (unsigned)(o->seed * 7919u + (unsigned long)i + 1);
		if (ps->random)
			randomize(ps);
		if (ps->p.source == MKFAX_FREEFORM)
			freeform_values(ps);
		ps->p.style.seed = ps->p.seed;
		if (ps->autofill && ps->p.source == MKFAX_FORM) {
			const struct ocr_form *f = ocr_form_get(ps->p.form, err);
			char today[16];

			if (!f)
				goto out;
			strftime(today, sizeof(today), "%Y-%m-%d", &tm);
			mkfax_autofill(f, ps->p.seed, today, add_missing, ps);
		}
		ps->p.kv = ps->kv;
		ps->p.nkv = ps->nkv;
		if (ps->header == 1) {
			char when[32];

			strftime(when, sizeof(when), "%d/%m/%Y %H:%M", &tm);
			sb_addf(&header, "%s  %s  P.%d/%d", when, o->tsi, i + 1, o->npages);
			ps->p.header = header.buf;
		} else if (ps->header == 2) {
			ps->p.header = ps->header_text;
		}
		if (mkfax_page_render(&ps->p, yres, &bms[i], &tp[i].stats, &perr) < 0) {
			sb_addf(err, "page %d: %s", i + 1, perr.buf);
			sb_release(&header);
			sb_release(&perr);
			goto out;
		}
		ps->p.header = NULL;
		sb_release(&header);
		sb_release(&perr);
		tp[i].bm = &bms[i];
		tp[i].xres = MKFAX_XRES;
		tp[i].yres = yres;
		tp[i].datetime = o->no_datetime ? NULL : dts[i];
		tp[i].quality_tags = !spandsp && !o->no_quality;
		if (!spandsp) {
			/* what HylaFAX notes of the session: page time, T.30 DCS */
			tp[i].recv_seconds = (int)(bms[i].h / (yres / 2)) + 5;
			tp[i].dcs = o->normal ? "00 46 1F" : "00 46 5F";
		}
		write_truth_page(&truth, o, i, tp[i].datetime);
	}
	sb_adds(&truth, "</mkfax>\n");

	/* Hidden while written: the spool never sees half a fax. */
	slash = strrchr(o->out, '/');
	if (slash)
		sb_add(&tmp, o->out, (size_t)(slash - o->out + 1));
	sb_addf(&tmp, ".%s.tmp", slash ? slash + 1 : o->out);
	if (mkfax_tiff_write(tmp.buf, &to, tp, o->npages, err) < 0) {
		unlink(tmp.buf);
		goto out;
	}
	if (rename(tmp.buf, o->out) < 0) {
		sb_addf(err, "cannot rename '%s' to '%s': %s", tmp.buf, o->out, strerror(errno));
		unlink(tmp.buf);
		goto out;
	}
	if (o->truth && util_write_atomic(o->truth, truth.buf, truth.len, 0644) < 0) {
		sb_addf(err, "cannot write '%s': %s", o->truth, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	for (int i = 0; i < o->npages; i++)
		mkfax_bitmap_release(&bms[i]);
	free(bms);
	free(tp);
	free(dts);
	sb_release(&truth);
	sb_release(&tmp);
	return rc;
}

int main(int argc, char **argv)
{
	static struct opts o;
	struct strbuf err = STRBUF_INIT;
	int status = 0;

	o.compression = o.g3_2d = o.fill_order = -1;
	o.seed = 1;
	o.datetime = "2026-11-23 10:00:00";
	o.tsi = "+39 02 5550100";
	xml_init(NULL);
	if (parse_args(argc, argv, &o, &err) < 0) {
		fprintf(stderr, "mkfax: %s\n(mkfax --help for usage)\n", err.buf);
		status = 2;
	} else if (run(&o, &err) < 0) {
		fprintf(stderr, "mkfax: %s\n", err.buf);
		status = 1;
	}
	for (int i = 0; i < o.npages; i++)
		free(o.pages[i].kv);
	for (size_t i = 0; i < npool; i++)
		free(pool[i]);
	free(pool);
	sb_release(&err);
	mkfax_release_fonts();
	return status;
}
