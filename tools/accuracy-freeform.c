/*
 * accuracy-freeform - the free-form reader against a generated corpus:
 * denunciations, identity copies and pages that are neither, drawn by
 * tests/lib/freeform.c with varied wording, layouts, fonts, and faxed as
 * build/mkfax does (tests/lib/faxpage.c: fine or normal resolution, shift,
 * skew, scale, upside down, the sender's header band, noise, lines lost or
 * repeated), then read by the real pipeline, ocr_page_read (cleaning, form
 * classification, then the free-form reader). Prints one line per page
 * (tab-separated) for
 * tools/accuracy-freeform.sh to total:
 *   page <kind> <seed> <expected type> <got type> <field>=<status>...
 * status: ok (trusted, right), WRONG (trusted, wrong: the worst outcome),
 * held (kept with a reason, right value), heldbad (with a reason, wrong
 * value), missing.
 *
 *   accuracy-freeform [-n PER_KIND] [-s FIRST_SEED] [-k K -j J] [-o KIND] [-v] [-p DIR]
 * -k/-j: this process does pages i with i % J == K. -o: only the pages of
 * one kind (denunciation, identity, letter, invoice, cover). -p: writes PNGs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ocr/engine.h"
#include "ocr/freeform.h"
#include "tests/lib/faxpage.h"

static const char *const others[] = { "letter", "invoice", "cover" };

static unsigned mix(unsigned seed, unsigned salt)
{
	unsigned r = (seed + salt) * 2654435761u;
	r ^= r >> 15;
	r *= 2246822519u;
	r ^= r >> 13;
	return r;
}

/* The fax: resolution and degradations chosen by seed. */
static double degrade(unsigned seed, struct mkfax_page *p)
{
	p->dx = (int)(mix(seed, 1) % 61 - 30) / 10.0;
	p->dy = (int)(mix(seed, 2) % 61 - 30) / 10.0;
	p->skew = (int)(mix(seed, 3) % 51 - 25) / 10.0;
	p->scale = 0.97 + (mix(seed, 4) % 61) / 1000.0;
	p->rotate180 = mix(seed, 5) % 20 == 0;
	p->noise = (mix(seed, 6) % 3) * 0.001;
	p->lost = (int)(mix(seed, 7) % 3);
	p->repeat = (int)(mix(seed, 8) % 3);
	p->header = mix(seed, 9) % 2 ? "26/11/2026 10:15  FROM +39 02 1234567  P.001" : NULL;
	p->seed = seed;
	return mix(seed, 10) % 10 < 3 ? MKFAX_YRES_NORMAL : MKFAX_YRES_FINE;
}

static struct Pix *to_pix(const struct mkfax_bitmap *b, double yres)
{
	struct Pix *pix = pixCreate(b->w, b->h, 1);
	l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < b->h; y++)
		for (int x = 0; x < b->w; x++)
			if (mkfax_bitmap_get(b, x, y))
				SET_DATA_BIT(data + (size_t)y * wpl, x);
	pixSetResolution(pix, 204, (l_int32)yres);
	return pix;
}

static void compare(const struct ocr_document *d, const struct mkfax_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct ocr_field *f = ocr_document_field(d, kv[i].key);
		const char *st;
		if (!f)
			st = "missing";
		else if (!strcmp(f->value, kv[i].value))
			st = f->reason ? "held" : "ok";
		else
			st = f->reason ? "heldbad" : "WRONG";
		printf("\t%s=%s", kv[i].key, st);
	}
}

int main(int argc, char **argv)
{
	int per = 60, first = 1, k = 0, j = 1, verbose = 0, opt;
	const char *png = NULL, *only = NULL;
	struct ocr_engine *engine;
	struct ocr_engine_options eo = { NULL, 0.80, 60000 };
	struct strbuf eerr = STRBUF_INIT;

	while ((opt = getopt(argc, argv, "n:s:k:j:o:vp:")) != -1) {
		switch (opt) {
		case 'n': per = atoi(optarg); break;
		case 's': first = atoi(optarg); break;
		case 'k': k = atoi(optarg); break;
		case 'j': j = atoi(optarg); break;
		case 'v': verbose = 1; break;
		case 'p': png = optarg; break;
		case 'o': only = optarg; break;
		default:
			fprintf(stderr, "usage: accuracy-freeform [-n N] [-s SEED] [-k K -j J] [-o KIND] [-v] [-p DIR]\n");
			return 2;
		}
	}
	setLeptDebugOK(0);
	setMsgSeverity(L_SEVERITY_WARNING);
	sb_init(&eerr);
	engine = ocr_engine_new(&eo, &eerr);
	if (!engine) {
		fprintf(stderr, "cannot start the engine: %s\n", eerr.buf);
		return 1;
	}
	int total = per * 2 + per / 4 + 1;
	for (int i = 0; i < total; i++) {
		if (i % j != k)
			continue;
		unsigned seed = (unsigned)(first + i);
		const char *kind = i < per ? "denunciation" : i < 2 * per ? "identity"
				   : others[i % 3];
		if (only && strcmp(only, kind))
			continue;
		enum ocr_doctype want = i < per ? OCR_DOC_DENUNCIATION : i < 2 * per
					? OCR_DOC_IDENTITY : OCR_DOC_UNKNOWN;
		struct mkfax_kv kv[16];
		char buf[1024];
		size_t n = mkfax_freeform_values(kind, seed, kv, 16, buf, sizeof buf);
		struct mkfax_page mp;
		struct mkfax_bitmap bm;
		struct mkfax_page_stats st;
		struct ocr_page page;
		struct strbuf err = STRBUF_INIT;
		memset(&mp, 0, sizeof mp);
		memset(&page, 0, sizeof page);
		sb_init(&err);
		mp.source = MKFAX_FREEFORM;
		mp.kind = kind;
		double yres = degrade(seed, &mp);
		if (mkfax_page_render(&mp, yres, &bm, &st, &err) != 0) {
			fprintf(stderr, "cannot render %s %u: %s\n", kind, seed, err.buf);
			return 1;
		}
		struct Pix *pix = to_pix(&bm, yres);
		mkfax_bitmap_release(&bm);
		if (png) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s-%u.png", png, kind, seed);
			pixWrite(path, pix, IFF_PNG);
		}
		struct ocr_timings *tm = ocr_engine_timings(engine);
		long long before = tm->page_ocr + tm->clean + tm->classify;
		if (ocr_page_read(engine, pix, 204, (float)yres, 1, &page, &err) != 0) {
			fprintf(stderr, "read failed: %s\n", err.buf);
			return 1;
		}
		bool blank = page.blank;
		/* -v: the fields read with doubt, as the page gave them, before
		 * grouping drops those no rule needs */
		for (size_t q = 0; verbose && q < page.doc.nfields; q++) {
			const struct ocr_field *f = &page.doc.fields[q];
			if (f->reason)
				printf("#   read %s = '%s' conf %.2f %s raw '%s'\n", f->name, f->value,
				       f->confidence, f->reason, f->raw ? f->raw : "");
		}
		/* the documents as the program makes them: doubtful fields no
		 * rule needs dropped, every value validated against its schema */
		struct ocr_document *docs = NULL;
		size_t nd = 0;
		if (ocr_pages_group(&page, 1, &docs, &nd) != 0 || nd != 1) {
			fprintf(stderr, "grouping failed\n");
			return 1;
		}
		ocr_document_clear(&page.doc);
		page.doc = docs[0];
		free(docs);
		struct ocr_timings t = { 0 };
		t.page_ocr = tm->page_ocr + tm->clean + tm->classify - before;
		printf("page\t%s\t%u\t%s\t%s\t%.1fs", kind, seed, ocr_doctype_name(want),
		       blank ? "blank" : ocr_doctype_name(page.doc.type), t.page_ocr / 1e6);
		compare(&page.doc, kv, n);
		printf("\n");
		if (verbose) {
			for (size_t q = 0; q < page.doc.nfields; q++) {
				const struct ocr_field *f = &page.doc.fields[q];
				printf("#   %s = '%s' conf %.2f %s raw '%s' at %d,%d %dx%d\n", f->name,
				       f->value, f->confidence, f->reason ? f->reason : "",
				       f->raw ? f->raw : "", f->region.x, f->region.y, f->region.w,
				       f->region.h);
			}
			for (size_t q = 0; q < page.doc.nreasons; q++) {
				const struct ocr_reason *r = &page.doc.reasons[q];
				printf("#   reason %s %s: %s\n", r->code, r->field ? r->field : "-",
				       r->text ? r->text : "");
			}
			for (size_t q = 0; q < n; q++)
				printf("#   truth %s = '%s'\n", kv[q].key, kv[q].value);
			printf("#   fax yres %.0f skew %.1f scale %.3f noise %.3f upside %d header %d "
			       "lost %d repeat %d\n", yres, mp.skew, mp.scale, mp.noise, mp.rotate180,
			       mp.header != NULL, mp.lost, mp.repeat);
			if (verbose && page.text) {
				printf("# --- text\n");
				for (char *l = strtok(page.text, "\n"); l; l = strtok(NULL, "\n"))
					printf("# %s\n", l);
			}
		}
		fflush(stdout);
		ocr_page_clear(&page);
		sb_release(&err);
		pixDestroy(&pix);
	}
	ocr_engine_free(&engine);
	sb_release(&eerr);
	return 0;
}
