/*
 * fuzz_fftext - the free-form page parser (ocr/fftext.c) as a fuzz target.
 * Whatever Tesseract prints for a fax of anything (a letter, a cat, line
 * noise) is untrusted text, and fftext is thousands of lines of scanning
 * it. bytes -> an ff_text: the text is the bytes up to the first NUL; the
 * bytes after it (if any) give each byte its word confidence, its doubt and
 * the contenders Tesseract "considered", cycled over the text; words get
 * boxes in rows. A second reader answers the parser's re-reads of a region
 * with the text of the words under it (the grey one with a digit changed),
 * and, like the program's, keeps one reading at a time (valid until the
 * next read or done) and stops after FF_FUZZ_MAX_READS.
 * Properties: never a crash, a hang or a leak (libFuzzer's sanitizers);
 * the document has the type returned; every trusted value passes its
 * field's check (ocr_check_field) and its schema (ocr_document_validate):
 * the parser never trusts what the store would refuse.
 * Failure policy: a broken property aborts.
 */
#include <string.h>

#include "common/util.h"
#include "ocr/check.h"
#include "ocr/document.h"
#include "ocr/fftext.h"
#include "tests/fuzz/fuzz.h"

#define FF_FUZZ_MAX_READS 10	/* as the program's FF_MAX_REREADS */

/* What Tesseract might have "considered" for a character. */
static const char *const contenders[] = { "0", "O", "1", "I", "5", "S", "8", "B",
					  "2", "Z", "6", "G", "l", "/", "-", "." };

struct arrays {
	char *text;
	float *conf, *doubt;
	const char **alts;
	int *word;
	struct ocr_region *boxes;
	int nwords;
};

struct fuzz_reader {
	const char *text;	/* the page's, for the words under a region */
	const struct arrays *page;
	const uint8_t *ctl;
	size_t nctl;
	int reads;
	struct arrays now;	/* the current reading */
};

static void arrays_free(struct arrays *a)
{
	free(a->text);
	free(a->conf);
	free(a->doubt);
	free(a->alts);
	free(a->word);
	free(a->boxes);
	memset(a, 0, sizeof *a);
}

/* The arrays of text (owned by a) from the control bytes, starting at off;
 * without control bytes, none (every byte then has confidence 1). */
static void arrays_make(struct arrays *a, char *text, const uint8_t *ctl, size_t nctl, size_t off)
{
	size_t n = strlen(text);
	memset(a, 0, sizeof *a);
	a->text = text;
	if (!nctl)
		return;
	a->conf = xcalloc(n + 1, sizeof *a->conf);
	a->doubt = xcalloc(n + 1, sizeof *a->doubt);
	a->alts = xcalloc(n + 1, sizeof *a->alts);
	a->word = xcalloc(n + 1, sizeof *a->word);
	a->boxes = xcalloc(n + 1, sizeof *a->boxes);
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = ctl[(i + off) % nctl];
		bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
		if (!space && !in) {
			int k = a->nwords++;
			a->boxes[k] = (struct ocr_region){ 60 * (k % 25), 40 * (k / 25), 50, 30 };
		}
		in = !space;
		a->word[i] = space ? -1 : a->nwords - 1;
		a->conf[i] = (float)(c >> 4) / 15.0f;
		a->doubt[i] = (float)(c & 3) * 0.15f;
		a->alts[i] = c & 4 ? contenders[(c >> 3) & 15] : NULL;
	}
}

static bool overlaps(const struct ocr_region *a, const struct ocr_region *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static int fuzz_read_as(void *ctx, const struct ocr_region *r, struct ff_text *out, bool grey)
{
	struct fuzz_reader *fr = ctx;
	const struct arrays *p = fr->page;
	if (fr->reads >= FF_FUZZ_MAX_READS || !r)
		return -1;
	fr->reads++;
	arrays_free(&fr->now);
	/* the bytes from the first word under r to the end of the last */
	size_t n = strlen(fr->text), s = n, e = 0;
	for (size_t i = 0; i < n; i++) {
		int w = p->word ? p->word[i] : -1;
		if (w >= 0 && overlaps(&p->boxes[w], r)) {
			s = i < s ? i : s;
			e = i + 1;
		}
	}
	char *t = s < e ? xstrndup(fr->text + s, e - s) : xstrdup("");
	if (grey)
		for (char *q = t; *q; q++)
			if (*q >= '0' && *q <= '9') {
				*q = (char)('0' + (*q - '0' + 1) % 10);
				break;
			}
	arrays_make(&fr->now, t, fr->ctl, fr->nctl, (size_t)fr->reads * 7);
	*out = (struct ff_text){ fr->now.text, fr->now.conf, fr->now.word, fr->now.boxes,
				 fr->now.alts, fr->now.doubt, NULL,
				 grey ? fr->now.doubt : NULL, 0, 0 };
	return 0;
}

static int fuzz_read(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return fuzz_read_as(ctx, r, out, false);
}

static int fuzz_read_grey(void *ctx, const struct ocr_region *r, struct ff_text *out)
{
	return fuzz_read_as(ctx, r, out, true);
}

static void fuzz_read_done(void *ctx)
{
	arrays_free(&((struct fuzz_reader *)ctx)->now);
}

int fuzz_fftext(const uint8_t *data, size_t size)
{
	size_t n = strnlen((const char *)data, size);
	const uint8_t *ctl = n < size ? data + n + 1 : NULL;
	size_t nctl = n < size ? size - n - 1 : 0;
	struct arrays page;
	struct ocr_document d;
	struct strbuf err = STRBUF_INIT;
	bool cont = false;

	arrays_make(&page, xstrndup((const char *)data, n), ctl, nctl, 0);
	struct fuzz_reader fr = { page.text, &page, ctl, nctl, 0, { 0 } };
	struct ff_reader rd = { fuzz_read, fuzz_read_done, &fr, fuzz_read_grey, fuzz_read,
				fuzz_read_grey, fuzz_read_grey, fuzz_read, fuzz_read_grey };
	struct ff_text t = { page.text, page.conf, page.word, page.boxes, page.alts, page.doubt,
			     nctl ? &rd : NULL, nctl & 1 ? page.doubt : NULL, 0, 0 };
	/* the second half of the text read once (an MRZ line's crop) */
	if (nctl & 2) {
		t.once_s = strlen(page.text) / 2;
		t.once_e = strlen(page.text);
	}
	/* the day pages are read as of: 2026-11-25, noon UTC */
	enum ocr_doctype type = ff_parse_as_of(&t, (time_t)1795608000, &d, &cont);
	fuzz_accepted = type != OCR_DOC_UNKNOWN;
	FUZZ_ASSERT(d.type == type, "the document has the type returned");
	for (size_t i = 0; i < d.nfields; i++) {
		const struct ocr_field *f = &d.fields[i];
		FUZZ_ASSERT(f->name && f->value, "a field has a name and a value");
		FUZZ_ASSERT(ocr_doctype_has_field(type, f->name), "a field belongs to its type");
		if (!f->reason)
			FUZZ_ASSERT(!ocr_check_field(f->name, f->value),
				    "a trusted value passes its field's check");
	}
	int bad = ocr_document_validate(&d, &err);
	if (bad != 0)
		fprintf(stderr, "%s\n", d.nreasons ? d.reasons[d.nreasons - 1].text : err.buf);
	FUZZ_ASSERT(bad == 0, "a trusted value passes its schema");
	arrays_free(&fr.now);
	arrays_free(&page);
	ocr_document_clear(&d);
	sb_release(&err);
	return 0;
}

FUZZ_LIBFUZZER_ENTRY(fuzz_fftext)
