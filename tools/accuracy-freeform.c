/*
 * accuracy-freeform - the free-form reader against a generated corpus:
 * denunciations, identity copies and pages that are neither, drawn by
 * tests/lib/freeform.c with varied wording, layouts, fonts and fax
 * degradations (resolution, dithering, skew, speckle, upside down), read by
 * ocr_freeform_read. Prints one line per page (tab-separated) for
 * tools/accuracy-freeform.sh to total:
 *   page <kind> <seed> <expected type> <got type> <field>=<status>...
 * status: ok (trusted, right), WRONG (trusted, wrong: the worst outcome),
 * held (kept with a reason, right value), heldbad (with a reason, wrong
 * value), missing.
 *
 *   accuracy-freeform [-n PER_KIND] [-s FIRST_SEED] [-k K -j J] [-v] [-p DIR]
 * -k/-j: this process does pages i with i % J == K. -p: writes PNGs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ocr/freeform.h"
#include "tests/lib/ffpix.h"

static const char *const others[] = { "letter", "invoice", "cover" };

static void degrade(unsigned seed, struct ffpix_opts *o, bool identity)
{
	unsigned r = seed * 2654435761u;
	o->xdpi = 204;
	o->ydpi = (r >> 3) % 10 < 3 ? 98 : 196;
	o->dither = identity || (r >> 7) % 2;
	o->skew_deg = ((int)((r >> 9) % 51) - 25) / 10.0;
	o->noise = ((r >> 15) % 3) * 0.0015;
	o->upside_down = (r >> 18) % 20 == 0;
	o->noise_seed = seed;
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
	const char *png = NULL;
	TessBaseAPI *tess;

	while ((opt = getopt(argc, argv, "n:s:k:j:vp:")) != -1) {
		switch (opt) {
		case 'n': per = atoi(optarg); break;
		case 's': first = atoi(optarg); break;
		case 'k': k = atoi(optarg); break;
		case 'j': j = atoi(optarg); break;
		case 'v': verbose = 1; break;
		case 'p': png = optarg; break;
		default:
			fprintf(stderr, "usage: accuracy-freeform [-n N] [-s SEED] [-k K -j J] [-v] [-p DIR]\n");
			return 2;
		}
	}
	setLeptDebugOK(0);
	setMsgSeverity(L_SEVERITY_WARNING);
	tess = TessBaseAPICreate();
	if (TessBaseAPIInit3(tess, NULL, "ita") != 0) {
		fprintf(stderr, "cannot initialise tesseract 'ita'\n");
		return 1;
	}
	int total = per * 2 + per / 4 + 1;
	for (int i = 0; i < total; i++) {
		if (i % j != k)
			continue;
		unsigned seed = (unsigned)(first + i);
		const char *kind = i < per ? "denunciation" : i < 2 * per ? "identity"
				   : others[i % 3];
		enum ocr_doctype want = i < per ? OCR_DOC_DENUNCIATION : i < 2 * per
					? OCR_DOC_IDENTITY : OCR_DOC_UNKNOWN;
		struct mkfax_kv kv[16];
		char buf[1024];
		size_t n = mkfax_freeform_values(kind, seed, kv, 16, buf, sizeof buf);
		struct ffpix_opts o;
		degrade(seed, &o, want == OCR_DOC_IDENTITY);
		struct Pix *pix = ffpix_render(kind, NULL, 0, seed, &o);
		struct ocr_page page;
		struct ocr_timings t = { 0 };
		struct strbuf err = STRBUF_INIT;
		memset(&page, 0, sizeof page);
		sb_init(&err);
		if (!pix) {
			fprintf(stderr, "cannot render %s %u\n", kind, seed);
			return 1;
		}
		if (png) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s-%u.png", png, kind, seed);
			pixWrite(path, pix, IFF_PNG);
		}
		bool blank = ocr_freeform_is_blank(pix);
		if (!blank && ocr_freeform_read(tess, pix, 1, &page, &t, &err) != 0) {
			fprintf(stderr, "read failed: %s\n", err.buf);
			return 1;
		}
		printf("page\t%s\t%u\t%s\t%s\t%.1fs", kind, seed, ocr_doctype_name(want),
		       blank ? "blank" : ocr_doctype_name(page.doc.type), t.page_ocr / 1e6);
		compare(&page.doc, kv, n);
		printf("\n");
		if (verbose) {
			for (size_t q = 0; q < page.doc.nfields; q++) {
				const struct ocr_field *f = &page.doc.fields[q];
				printf("#   %s = '%s' conf %.2f %s raw '%s'\n", f->name, f->value,
				       f->confidence, f->reason ? f->reason : "", f->raw ? f->raw : "");
			}
			for (size_t q = 0; q < n; q++)
				printf("#   truth %s = '%s'\n", kv[q].key, kv[q].value);
			printf("#   opts ydpi %.0f dither %d skew %.1f noise %.4f upside %d\n", o.ydpi,
			       o.dither, o.skew_deg, o.noise, o.upside_down);
			if (verbose && page.text) {
				printf("# --- text\n");
				for (char *l = strtok(page.text, "\n"); l; l = strtok(NULL, "\n"))
					printf("# %s\n", l);
			}
		}
		fflush(stdout);
		ocr_document_clear(&page.doc);
		free(page.text);
		sb_release(&err);
		pixDestroy(&pix);
	}
	TessBaseAPIEnd(tess);
	TessBaseAPIDelete(tess);
	return 0;
}
