/*
 * check_ffmrz - Check suite for the machine-readable zone of identity
 * copies read by ocr/freeform.c and ocr/ffmrz.c: an MRZ line that the
 * page's reading garbles (fillers read as small letters, digits as
 * letters), as on a copy faxed at normal resolution, is read again on its
 * own with the MRZ's characters only, and the fields its check digits pass
 * are had from it; a printed number read with a character too many is
 * confirmed by the MRZ's number when that passed its check as read; a
 * printed number whose MRZ has its letters misread is confirmed by the
 * MRZ's digits and check digit; the printed number tells an MRZ letter
 * from its twin that the check digit cannot; a passport's MRZ number read
 * one character short still confirms the printed one, and so do the dates
 * after its ITA.
 */
#include <check.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "ocr/fftext.h"
#include "ocr/freeform.h"
#include "ocr/ocr.h"
#include "tests/lib/faxpage.h"
#include "tests/lib/ffpix.h"
#include "tests/lib/checkrun.h"

static const char *kv_get(const struct mkfax_kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(kv[i].key, key))
			return kv[i].value;
	return NULL;
}

/* A passport whose printed number was read with an echo of a letter
 * (YxX9550586, which no shape takes) and whose MRZ's second line reads
 * whole, every check digit passing. */
static const char passport_long_number[] =
	"REPUBBLICA ITALTANA\n"
	"PASSAPORTO PASSPORT\n"
	"Tipo/Type todice/Code Passaporto N /Passport No.\n"
	"Pi. ITA YxX9550586\n"
	"Cagriome; Surname .\n"
	"SANTORO\n"
	"Nome/Given names\n"
	"ANTONIO\n"
	"pata dl nascita/Date of blith\n"
	"14-08-1970\n"
	"Luogo di nascita/Place of blith\n"
	"FIRENZE (BG)\n"
	"Data d1 r1laScio/Datè of 15sue\n"
	"22-04-2026\n"
	"Data di scadénza/Date of explry\n"
	"22-04-2036\n"
	"P<ITASANTORO<<ANTONIO<<<<&<<qeuecqueeeeeueee\n"
	"YX95505861ITA7008142M3604225<<<<027\n";

/* text read with every byte at confidence 0.95, with the alternative alt
 * offered for the byte at the first `at`. */
static enum ocr_doctype parse_with_alt(const char *text, const char *at, const char *alt,
				       struct ocr_document *d)
{
	size_t n = strlen(text);
	float *conf = calloc(n + 1, sizeof *conf);
	const char **alts = calloc(n + 1, sizeof *alts);
	bool cont;
	ck_assert_ptr_nonnull(conf);
	ck_assert_ptr_nonnull(alts);
	ck_assert_ptr_nonnull(strstr(text, at));
	for (size_t i = 0; i < n; i++)
		conf[i] = 0.95f;
	alts[strstr(text, at) - text] = alt;
	struct ff_text t = { text, conf, NULL, NULL, (const char *const *)alts, NULL, NULL, NULL, 0, 0 };
	enum ocr_doctype type = ff_parse(&t, d, &cont);
	free(conf);
	free(alts);
	return type;
}

/*
 * The MRZ's number passes its check digit as read, but not alone: an N
 * that Tesseract offered for its X passes too (23 against 33, ten apart).
 * The printed number, read with an echo of its X, is that number once the
 * echo is left out: two readings, one checked - trusted. Without the MRZ's
 * check passing nothing confirms it.
 */
START_TEST(printed_number_too_long_confirmed_by_checked_mrz)
{
	struct ocr_document d;
	ck_assert_int_eq(parse_with_alt(passport_long_number, "X95505861ITA", "N", &d),
			 OCR_DOC_IDENTITY);
	const struct ocr_field *f = ocr_document_field(&d, "number");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->value, "YX9550586");
	ck_assert_ptr_null(f->reason);
	ocr_document_clear(&d);

	/* the MRZ's check digit of the number misread */
	char *t = strdup(passport_long_number);
	char *m = strstr(t, "YX95505861ITA");
	ck_assert_ptr_nonnull(m);
	m[9] = '7';
	ck_assert_int_eq(parse_with_alt(t, "X95505867ITA", "N", &d), OCR_DOC_IDENTITY);
	f = ocr_document_field(&d, "number");
	ck_assert(!f || f->reason);
	ocr_document_clear(&d);
	free(t);
}
END_TEST

/* A passport whose printed number was read with little confidence and
 * whose MRZ's second line has the series' two letters misread (WH for
 * YN), its last digit read as a look-alike letter (S for 5) and its check
 * digit as one (G for 6). */
static const char passport_letters_misread[] =
	"REPUBBLICA ITALIANA\n"
	"PASSAPORTO PASSPORT\n"
	"Tipo/Type Codice/Code Passaporto N./Passport No.\n"
	"P ITA YN2441965\n"
	"Cognome/Surname\n"
	"BIANCO\n"
	"Nome/Given names\n"
	"MARIO\n"
	"Data di nascita/Date of birth\n"
	"07-11-1991\n"
	"Data di scadenza/Date of expiry\n"
	"16-05-2034\n"
	"P<ITABIANCO<<MARIO<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
	"WH244196SGITA9111071M3405167<<<<<<<<<<<<<<04\n";

/* text read with every byte at confidence 0.95 but the first `low` (its
 * length), read at 0.5. */
static enum ocr_doctype parse_with_low(const char *text, const char *low, struct ocr_document *d)
{
	size_t n = strlen(text);
	float *conf = calloc(n + 1, sizeof *conf);
	const char *at = strstr(text, low);
	bool cont;
	ck_assert_ptr_nonnull(conf);
	ck_assert_ptr_nonnull(at);
	for (size_t i = 0; i < n; i++)
		conf[i] = (text + i >= at && text + i < at + strlen(low)) ? 0.5f : 0.95f;
	struct ff_text t = { text, conf, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0 };
	enum ocr_doctype type = ff_parse(&t, d, &cont);
	free(conf);
	return type;
}

/* The text passport_letters_misread with from (at its first place) made to,
 * parsed; the number's reason, or "absent". */
static const char *number_reason(const char *from, const char *to, struct ocr_document *d)
{
	char t[sizeof passport_letters_misread];
	memcpy(t, passport_letters_misread, sizeof t);
	char *m = strstr(t, from);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(strlen(from), strlen(to));
	memcpy(m, to, strlen(to));
	ck_assert_int_eq(parse_with_low(t, "YN2441965", d), OCR_DOC_IDENTITY);
	const struct ocr_field *f = ocr_document_field(d, "number");
	if (!f)
		return "absent";
	ck_assert_str_eq(f->value, "YN2441965");
	return f->reason ? f->reason : "";
}

/*
 * The printed number held for its confidence, the MRZ's number failing
 * its check as read: the printed number passes with the MRZ's check digit
 * and the MRZ reads its every digit alike (S for 5 once): two letters read
 * otherwise in the MRZ cannot undo that - trusted. A digit read otherwise
 * as well, a second look-alike, a check digit that does not pass, or a
 * letter ten places away (E for Y: the check cannot tell them apart) leave
 * it held.
 */
START_TEST(printed_number_confirmed_by_mrz_digits)
{
	struct ocr_document d;
	ck_assert_str_eq(number_reason("WH244196SG", "WH244196SG", &d), "");
	ocr_document_clear(&d);
	ck_assert_str_ne(number_reason("WH244196SG", "WH244186SG", &d), "");
	ocr_document_clear(&d);
	ck_assert_str_ne(number_reason("WH244196SG", "WH24A196SG", &d), "");
	ocr_document_clear(&d);
	ck_assert_str_ne(number_reason("WH244196SG", "WH244196S7", &d), "");
	ocr_document_clear(&d);
	ck_assert_str_ne(number_reason("WH244196SG", "EH244196SG", &d), "");
	ocr_document_clear(&d);
}
END_TEST

/* An electronic card whose printed number (top right) was read with its
 * digits garbled, and whose MRZ reads its number whole, the check digit
 * passing. */
static const char card_printed_garbled[] =
	"REPUBBLICA ITALIANA %s\n"
	"CARTA DI IDENTITA' / IDENTITY CARD\n"
	"COGNOME / SURNAME\n"
	"GIORDANO\n"
	"NOME / NAME\n"
	"ANTONIO\n"
	"C<ITACQ89036EW2<<<<<<<<<<<<<<<\n"
	"0110059M3507289ITA<<<<<<<<<<<8\n"
	"GIORDANO<<ANTONIO<<<<<<<<<<<<<\n";

/*
 * The MRZ's number passes its check as read, but so does the G that
 * Tesseract offered for its Q (16 and 26: the check cannot tell them
 * apart). The printed number, its digits garbled, begins and ends with
 * the MRZ's letters, Q among them: it says which - trusted. Printed with
 * the G: it sides with the runner-up - held. Not printed, or too short to
 * be the number: Tesseract's first choice stands (of 72 such twins on
 * 1020 identity copies of build/mkfax, all 72 first choices were right) -
 * trusted.
 */
/* A line of text that makes a document's number trusted or not. */
struct trust_case {
	const char *line;
	bool trusted;
};

/* The text fmt with c's line in it, parsed with the alternative alt at
 * the first `at` (alt NULL: with `at` read at low confidence): its number
 * is value, trusted as c says. */
static void number_trust_is(const char *fmt, const struct trust_case *c, const char *at,
			    const char *alt, const char *value)
{
	char text[1024];
	struct ocr_document d;
	snprintf(text, sizeof text, fmt, c->line);
	ck_assert_int_eq(alt ? parse_with_alt(text, at, alt, &d) : parse_with_low(text, at, &d),
			 OCR_DOC_IDENTITY);
	const struct ocr_field *f = ocr_document_field(&d, "number");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->value, value);
	ck_assert_msg(!f->reason == c->trusted, "'%s'", c->line);
	ocr_document_clear(&d);
}

START_TEST(mrz_letter_twin_told_by_printed_number)
{
	static const struct trust_case cases[] = {
		{ "CQBI0IZ6EW", true },
		{ "CGBI0IZ6EW", false },
		{ "", true },
		{ "CQ0EW", true },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
		number_trust_is(card_printed_garbled, &cases[k], "Q89036EW2", "G", "CQ89036EW");
}
END_TEST

/* A passport whose MRZ's second line reads the number's two letters as
 * one glyph (E for YF), ITA one place early. */
static const char passport_merged[] =
	"REPUBBLICA ITALIANA\n"
	"PASSAPORTO PASSPORT\n"
	"Tipo/Type Codice/Code Passaporto N./Passport No.\n"
	"P ITA YFO471048\n"
	"Cognome/Surname\n"
	"DE SANTIS\n"
	"Nome/Given names\n"
	"ILARIA\n"
	"P<ITADE<SANTIS<<ILARIA<<<<<<<<<<<<<<<<<<<<<<\n"
	"%s\n";

/*
 * The printed number held for its confidence; the MRZ's number one
 * character short before ITA: the two read as one say nothing, every other
 * character reads as printed and the printed number passes with the check
 * digit - trusted. A digit read otherwise, or a check digit that does not
 * pass, leave it held.
 */
START_TEST(printed_number_confirmed_by_mrz_one_short)
{
	static const struct trust_case cases[] = {
		{ "E047104831TA5806067F3203167<<<<<<<<<<<<<<<00", true },
		{ "E047184831TA5806067F3203167<<<<<<<<<<<<<<<00", false },
		{ "E047104861TA5806067F3203167<<<<<<<<<<<<<<<00", false },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
		number_trust_is(passport_merged, &cases[k], "YFO471048", NULL, "YF0471048");
}
END_TEST

/* A passport whose MRZ line lost a character before ITA (ITA one place
 * early), its printed dates read with confidence 0.5 where %s stands. */
static const char passport_dates[] =
	"REPUBBLICA ITALIANA\n"
	"PASSAPORTO PASSPORT\n"
	"Tipo/Type Codice/Code Passaporto N./Passport No.\n"
	"P ITA YF0471048\n"
	"Cognome/Surname\n"
	"DE SANTIS\n"
	"Nome/Given names\n"
	"ILARIA\n"
	"Data di nascita/Date of birth\n"
	"06.06.1958\n"
	"Data di scadenza/Date of expiry\n"
	"16.03.2032\n"
	"P<ITADE<SANTIS<<ILARIA<<<<<<<<<<<<<<<<<<<<<<\n"
	"%s\n";

/* text read with confidence 0.95, but 0.5 over the first low */
static enum ocr_doctype parse_low(const char *text, const char *low, struct ocr_document *d)
{
	size_t n = strlen(text), at = (size_t)(strstr(text, low) - text);
	float *conf = calloc(n + 1, sizeof *conf);
	bool cont;
	ck_assert_ptr_nonnull(conf);
	for (size_t i = 0; i < n; i++)
		conf[i] = i >= at && i < at + strlen(low) ? 0.5f : 0.95f;
	struct ff_text t = { text, conf, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0 };
	enum ocr_doctype type = ff_parse(&t, d, &cont);
	free(conf);
	return type;
}

/* text parsed with every byte at confidence 0.95 but 0.5 over low (when
 * in it), and the bytes of its line that begins with once (NULL: none)
 * read once (ff_text's once_s, once_e). */
static enum ocr_doctype parse_once(const char *text, const char *low, const char *once,
				   struct ocr_document *d)
{
	size_t n = strlen(text);
	const char *lo = low && *low ? strstr(text, low) : NULL;
	float *conf = calloc(n + 1, sizeof *conf);
	bool cont;
	ck_assert_ptr_nonnull(conf);
	for (size_t i = 0; i < n; i++)
		conf[i] = lo && text + i >= lo && text + i < lo + strlen(low) ? 0.5f : 0.95f;
	struct ff_text t = { text, conf, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0 };
	if (once) {
		const char *at = strstr(text, once);
		ck_assert_ptr_nonnull(at);
		t.once_s = (size_t)(at - text);
		t.once_e = t.once_s + strcspn(at, "\n");
	}
	enum ocr_doctype type = ff_parse(&t, d, &cont);
	free(conf);
	return type;
}

/*
 * A card's first MRZ line as one reading of its crop gave it, chosen by
 * its check digit among readings that failed it (freeform.c's
 * reread_td1_number): its number alone is held, where the same line read
 * by the page is trusted; the printed number read alike (held for its
 * confidence) makes it trusted; printed otherwise, held.
 */
START_TEST(mrz_number_read_once_needs_the_printed_number)
{
	static const struct {
		const char *printed;
		bool once, trusted;
	} cases[] = {
		{ "", false, true },
		{ "", true, false },
		{ "CQ89036EW", true, true },
		{ "CQ89036FW", true, false },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		char text[1024];
		struct ocr_document d;
		snprintf(text, sizeof text, card_printed_garbled, cases[k].printed);
		ck_assert_int_eq(parse_once(text, cases[k].printed,
					    cases[k].once ? "C<ITACQ89036EW2" : NULL, &d),
				 OCR_DOC_IDENTITY);
		const struct ocr_field *f = ocr_document_field(&d, "number");
		ck_assert_ptr_nonnull(f);
		ck_assert_str_eq(f->value, "CQ89036EW");
		ck_assert_msg(!f->reason == cases[k].trusted, "case %zu: %s", k,
			      f->reason ? f->reason : "trusted");
		ocr_document_clear(&d);
	}
}
END_TEST

/* An electronic card whose title was misread past recognition (page
 * 1900 of build/mkfax's identity copies), its printed number read at low
 * confidence - the kind said by the number's shape alone, held - and its
 * MRZ's first line, without the second, as %s. */
static const char card_untitled[] =
	"RI PUBBEICY TI ALLANA CX23926KA\n"
	"CRTA PI IMENTE V/IMI NITTY AIRD\n"
	"COGNOME / SURNAME\nLEONE\nNOME / NAME\nGIULIA\n"
	"%s\n";

/*
 * The card's first MRZ line alone, C<ITA and the number read in its
 * place with its check digit passing, says the page is an electronic
 * card: kind and number trusted. Its check digit failing, or the line
 * read once (a crop's reading chosen by its check), it says nothing: the
 * kind stays held.
 */
START_TEST(card_kind_said_by_its_first_mrz_line)
{
	static const struct {
		const char *line;
		bool once, trusted;
	} cases[] = {
		{ "C<ITACX23926KA7<<<<<<<<<<<<<<<", false, true },
		{ "C<ITACX23926KA3<<<<<<<<<<<<<<<", false, false },
		{ "C<ITACX23926KA7<<<<<<<<<<<<<<<", true, false },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		char text[1024];
		struct ocr_document d;
		snprintf(text, sizeof text, card_untitled, cases[k].line);
		ck_assert_int_eq(parse_once(text, "CX23926KA", cases[k].once ? cases[k].line : NULL,
					    &d), OCR_DOC_IDENTITY);
		const struct ocr_field *f = ocr_document_field(&d, "kind");
		ck_assert_ptr_nonnull(f);
		ck_assert_str_eq(f->value, "electronic-id-card");
		ck_assert_msg(!f->reason == cases[k].trusted, "case %zu: %s", k,
			      f->reason ? f->reason : "trusted");
		if (cases[k].trusted)
			ck_assert_str_eq(ocr_document_value(&d, "number"), "CX23926KA");
		ocr_document_clear(&d);
	}
}
END_TEST

/* A card's first MRZ line read on its own: the number after its ITA
 * (specks before the line allowed) when its check passes with each
 * character read as its place's kind; none otherwise. */
START_TEST(td1_number_from_a_reading)
{
	static const struct {
		const char *line, *number;
	} cases[] = {
		{ "C<ITACP56390WA0<<<<<<", "CP56390WA" },
		{ "CKITACS92476K06<<<<", "CS92476KO" },
		{ "<C<1TACQ89036EW2<<", "CQ89036EW" },
		{ "C<ITACQ89036EW3<<<<", NULL },
		{ "C<ITACP84996CVA<<<<<", NULL },
		{ "0110059M3507289ITA<<<<<<<<<<<8", NULL },
		{ "C<ITACQ89036", NULL },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		char num[16] = "x";
		bool got = ff_td1_number(cases[k].line, strlen(cases[k].line), num);
		ck_assert_msg(got == (cases[k].number != NULL), "'%s'", cases[k].line);
		ck_assert_str_eq(num, cases[k].number ? cases[k].number : "");
	}
}
END_TEST

/*
 * The printed birth date held for its confidence; the MRZ line one
 * character short before ITA: the date after ITA, its check digit
 * passing, is the printed one - trusted. The same of the expiry. A date
 * there that is not the printed one says nothing: a held date stays held,
 * a trusted one trusted (the MRZ line may have lost more).
 */
START_TEST(printed_dates_confirmed_by_mrz_one_short)
{
	static const struct {
		const char *mrz, *low, *name, *iso;
		bool trusted;
	} cases[] = {
		{ "E047104831TA5806067F3203167<<<<<<<<<<<<<<<00", "06.06.1958", "birth_date",
		  "1958-06-06", true },
		{ "E047104831TA5806067F3203167<<<<<<<<<<<<<<<00", "16.03.2032", "expiry",
		  "2032-03-16", true },
		/* 580607, check 8: not the printed date */
		{ "E047104831TA5806078F3203167<<<<<<<<<<<<<<<00", "06.06.1958", "birth_date",
		  "1958-06-06", false },
		/* the check digit fails */
		{ "E047104831TA5806068F3203167<<<<<<<<<<<<<<<00", "06.06.1958", "birth_date",
		  "1958-06-06", false },
		/* 160720, check 0, for a printed expiry read surely */
		{ "E047104831TA5806067F1607200<<<<<<<<<<<<<<<00", "ILARIA", "expiry", "2032-03-16",
		  true },
	};
	char text[1024];
	struct ocr_document d;

	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		snprintf(text, sizeof text, passport_dates, cases[k].mrz);
		ck_assert_int_eq(parse_low(text, cases[k].low, &d), OCR_DOC_IDENTITY);
		const struct ocr_field *f = ocr_document_field(&d, cases[k].name);
		ck_assert_msg(f != NULL, "case %zu", k);
		ck_assert_str_eq(f->value, cases[k].iso);
		ck_assert_msg(cases[k].trusted == (f->reason == NULL), "case %zu", k);
		ocr_document_clear(&d);
	}
}
END_TEST

static struct ocr_engine *engine;

static void engine_setup(void)
{
	struct ocr_engine_options eo = { NULL, 0.80, 60000 };
	struct strbuf err = STRBUF_INIT;
	engine = ocr_engine_new(&eo, &err);
	ck_assert_msg(engine != NULL, "cannot start the engine: %s", err.buf ? err.buf : "");
	sb_release(&err);
}

static void engine_teardown(void)
{
	ocr_engine_free(&engine);
}

/* True when line (len bytes) holds "ITA" and six digits or more: an MRZ
 * line with dates or a number. */
static bool mrz_digit_line(const char *line, size_t len)
{
	size_t digits = 0;
	for (size_t i = 0; i < len; i++)
		digits += isdigit((unsigned char)line[i]) != 0;
	return digits >= 6 && memmem(line, len, "ITA", 3);
}

/* A page of the free-form corpus (tools/accuracy-freeform.c: identity copy
 * seed, faxed at normal resolution with these shift, skew, scale, noise and
 * line errors) read by the page pipeline into page; kv: its values. */
static size_t read_corpus_page(unsigned seed, double dx, double dy, double skew, double scale,
			       int lost, int repeat, bool upside, struct mkfax_kv kv[16],
			       char buf[1024], struct ocr_page *page)
{
	size_t n = mkfax_freeform_values("identity", seed, kv, 16, buf, 1024);
	struct mkfax_page mp;
	struct mkfax_bitmap bm;
	struct mkfax_page_stats st;
	struct strbuf err = STRBUF_INIT;

	memset(&mp, 0, sizeof mp);
	mp.source = MKFAX_FREEFORM;
	mp.kind = "identity";
	mp.dx = dx, mp.dy = dy, mp.skew = skew, mp.scale = scale;
	mp.noise = 0.002, mp.lost = lost, mp.repeat = repeat, mp.seed = seed;
	mp.rotate180 = upside;
	ck_assert_int_eq(mkfax_page_render(&mp, MKFAX_YRES_NORMAL, &bm, &st, &err), 0);
	struct Pix *pix = pixCreate(bm.w, bm.h, 1);
	ck_assert_ptr_nonnull(pix);
	for (int y = 0; y < bm.h; y++)
		for (int x = 0; x < bm.w; x++)
			if (mkfax_bitmap_get(&bm, x, y))
				pixSetPixel(pix, x, y, 1);
	mkfax_bitmap_release(&bm);
	memset(page, 0, sizeof *page);
	ck_assert_int_eq(ocr_page_read(engine, pix, 204, (float)MKFAX_YRES_NORMAL, 1, page, &err), 0);
	ck_assert_int_eq(page->type, OCR_DOC_IDENTITY);
	ck_assert_ptr_nonnull(page->text);
	/* nothing trusted is wrong */
	for (size_t i = 0; i < n; i++) {
		const struct ocr_field *g = ocr_document_field(&page->doc, kv[i].key);
		if (g && !g->reason)
			ck_assert_msg(!strcasecmp(g->value, kv[i].value), "%s trusted as '%s', is '%s'",
				      kv[i].key, g->value, kv[i].value);
	}
	sb_release(&err);
	pixDestroy(&pix);
	return n;
}

static void trusted_is(const struct ocr_page *page, const struct mkfax_kv *kv, size_t n,
		       const char *name)
{
	const struct ocr_field *f = ocr_document_field(&page->doc, name);
	ck_assert_msg(f != NULL, "no %s in:\n%s", name, page->text);
	ck_assert_str_eq(f->value, kv_get(kv, n, name));
	ck_assert_ptr_null(f->reason);
}

/*
 * A passport faxed at normal resolution (204 x 98 dpi, skewed, speckled,
 * rows lost), as the free-form corpus's page 66 is: the page's reading of
 * the MRZ's second line has its fillers as small letters and its
 * nationality misread (N2141965GF]40111071154051 67<isegaeeczioe), and no
 * check digit passes there; read again with the MRZ's characters only,
 * the expiry date's does, and the expiry, which the page's reading lost,
 * is had from it.
 */
START_TEST(mrz_read_again_at_normal_resolution)
{
	struct mkfax_kv kv[16];
	char buf[1024];
	struct ocr_page page;
	size_t n = read_corpus_page(66, -0.5, -2.1, 1.9, 1.019, 2, 0, false, kv, buf, &page);

	ck_assert_str_eq(kv_get(kv, n, "kind"), "passport");
	int mrz_lines = 0;
	for (const char *l = page.text; *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		if (mrz_digit_line(l, len)) {
			mrz_lines++;
			for (size_t i = 0; i < len; i++)
				ck_assert_msg(!islower((unsigned char)l[i]), "MRZ line '%.*s'",
					      (int)len, l);
		}
		l += len + (e != NULL);
	}
	ck_assert_int_ge(mrz_lines, 1);
	trusted_is(&page, kv, n, "expiry");
	ocr_page_clear(&page);
}
END_TEST

/*
 * The corpus's page 63, a passport at normal resolution whose MRZ's
 * second line the page reads with its nationality and a date misread
 * (YK9235 76FAITARA1220MI505012E<cc...), as does a reading of the line on
 * its own with the MRZ's characters; in grey at twice the size the number
 * and its check digit read whole, and the number, printed with a letter
 * misread (YR9235767), is trusted from the MRZ.
 */
/* A corpus page as read_corpus_page renders it, of the given kind, with
 * the field trusted (and, read_corpus_page asserts, nothing trusted wrong). */
struct corpus_trust {
	unsigned seed;
	double dx, dy, skew, scale;
	int lost, repeat;
	bool upside;
	const char *kind, *field;
};

static void corpus_trusts(const struct corpus_trust *c)
{
	struct mkfax_kv kv[16];
	char buf[1024];
	struct ocr_page page;
	size_t n = read_corpus_page(c->seed, c->dx, c->dy, c->skew, c->scale, c->lost, c->repeat,
				    c->upside, kv, buf, &page);

	ck_assert_str_eq(kv_get(kv, n, "kind"), c->kind);
	trusted_is(&page, kv, n, c->field);
	ocr_page_clear(&page);
}

START_TEST(mrz_read_again_in_grey)
{
	static const struct corpus_trust c = { 63, 0.3, -2.1, 2.5, 0.995, 2, 1, false, "passport",
					       "number" };
	corpus_trusts(&c);
}
END_TEST

/*
 * The corpus's page 3108, an electronic card at normal resolution: the
 * page reads its MRZ's first line as 3 €<ITACOBEPAGNGE<cc..., no check
 * digit passing, and finds the printed number nowhere in a number's
 * shape. The line's first eighteen characters read on their own without
 * the speckle give C<ITACO86M40068 as printed, and in grey at twice the
 * size, by each model, the number and its check digit passing
 * (C<ITACO86040068, C<ITACOB60400G8): read twice alike - trusted. Without
 * that reading the number is nowhere.
 */
START_TEST(mrz_card_number_read_again_in_its_part)
{
	static const struct corpus_trust c = { 3108, 0.5, -0.2, 1.9, 1.001, 2, 0, false,
					       "electronic-id-card", "number" };
	corpus_trusts(&c);
}
END_TEST

/*
 * The corpus's page 984, a passport faxed upside down at normal
 * resolution: read the right way up, its MRZ lines are read again on
 * their own, as a page that came the right way up has them read, and the
 * number is trusted. Before, the page turned round was read without that
 * step (nor its lost lines, nor its grey), and its number was held as the
 * page misread it (YL5044734 for YL5944734).
 */
START_TEST(mrz_read_again_on_a_page_upside_down)
{
	static const struct corpus_trust c = { 984, -1.5, 2.8, 0.6, 1.018, 1, 1, true, "passport",
					       "number" };
	corpus_trusts(&c);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ffmrz");
	TCase *tc = tcase_create("text");
	tcase_add_test(tc, printed_number_too_long_confirmed_by_checked_mrz);
	tcase_add_test(tc, printed_number_confirmed_by_mrz_digits);
	tcase_add_test(tc, mrz_letter_twin_told_by_printed_number);
	tcase_add_test(tc, mrz_number_read_once_needs_the_printed_number);
	tcase_add_test(tc, td1_number_from_a_reading);
	tcase_add_test(tc, card_kind_said_by_its_first_mrz_line);
	tcase_add_test(tc, printed_number_confirmed_by_mrz_one_short);
	tcase_add_test(tc, printed_dates_confirmed_by_mrz_one_short);
	suite_add_tcase(s, tc);
	tc = tcase_create("rendered");
	tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
	tcase_add_checked_fixture(tc, NULL, mkfax_release_fonts);	/* for leak checkers */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, mrz_read_again_at_normal_resolution);
	tcase_add_test(tc, mrz_read_again_in_grey);
	tcase_add_test(tc, mrz_card_number_read_again_in_its_part);
	tcase_add_test(tc, mrz_read_again_on_a_page_upside_down);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setLeptDebugOK(0);
	setMsgSeverity(L_SEVERITY_WARNING);
	return check_run(suite(), true);
}
