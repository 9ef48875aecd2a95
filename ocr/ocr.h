/*
 * ocr - from a fax TIFF to typed documents.
 *
 *   fax   = ocr_fax_open(path)            libtiff, every directory checked
 *   pix   = ocr_fax_page(fax, i)          one bilevel page, decoded within limits
 *   ocr_page_read(engine, pix, &page)     clean, classify, read fields
 *   ocr_pages_group(pages, n, &docs)      pages -> documents (a denunciation
 *                                         over two pages is one document)
 *
 * One struct ocr_engine per worker thread (Tesseract instances initialised
 * once); nothing here is shared between threads except read-only data
 * (form descriptions, schemas). ocr/ knows nothing of cases or storage.
 *
 * Failure policy: bad input never crashes or aborts; it ends as a reason
 * code of DESIGN.md (UNREADABLE_FILE, UNSUPPORTED_IMAGE, PAGE_LIMIT,
 * UNKNOWN_DOCUMENT, LOW_CONFIDENCE, FIELD_MISSING, *_CHECKSUM) with plain
 * words, on the fax or on the document.
 */
#ifndef OCR_OCR_H
#define OCR_OCR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "common/strbuf.h"
#include "ocr/document.h"

struct Pix;

struct ocr_limits {
	int max_pages;			/* per fax (setting max_pages, default 50) */
	int max_width, max_height;	/* pixels (defaults 2432 x 6000) */
	size_t max_alloc;		/* libtiff's largest single allocation */
	int page_timeout_ms;		/* Tesseract deadline per page */
};
void ocr_limits_default(struct ocr_limits *lim);

struct ocr_page_info {
	int width, height;
	float xres, yres;		/* dpi */
	int compression;		/* TIFF tag value: 1, 3 (G3) or 4 (G4) */
	int fill_order;
	time_t datetime;		/* DateTime tag read as gateway local time, -1 if absent */
	int clean_fax_data;		/* -1 if absent */
	long bad_fax_lines;		/* -1 if absent */
};

struct ocr_fax {
	char *path;
	int npages;
	struct ocr_page_info *pages;
	char *tsi;			/* ImageDescription (sender's TSI), or NULL */
	time_t receipt;			/* last page's DateTime, -1 when absent */
	void *priv;			/* the open TIFF */
	long long decode_usec;		/* CPU time spent opening and decoding (thread CPU) */
};

/* Opens and checks every directory before decoding anything. On failure
 * returns NULL and sets *reason to UNREADABLE_FILE, UNSUPPORTED_IMAGE or
 * PAGE_LIMIT (static strings) with words in why. */
struct ocr_fax *ocr_fax_open(const char *path, const struct ocr_limits *lim,
			     const char **reason, struct strbuf *why);
void ocr_fax_close(struct ocr_fax **fax);
/* Decodes page i (0-based) as a 1-bpp Pix the caller destroys, or NULL with
 * a reason as above. */
struct Pix *ocr_fax_page(struct ocr_fax *fax, int i, const char **reason, struct strbuf *why);

/* Per-stage CPU time, in microseconds, accumulated by a worker;
 * engine_start: loading the models (ocr_engine_start), not per page. And
 * the form reader's zone readings: by look (0: "ita" on the bilevel zone,
 * 1: "eng" on a smoothed grey copy, 2: "eng" bilevel, 3: "ita" grey at
 * twice the size), how many of them asked for each character's
 * alternatives, and the symbols they read. */
struct ocr_timings {
	long long decode, clean, classify, field_ocr, page_ocr;
	long long engine_start;
	long long zones[4], zones_alts, zone_symbols;
};

struct ocr_engine;
struct ocr_engine_options {
	const char *tessdata;		/* NULL: the system's */
	double min_confidence;		/* below: LOW_CONFIDENCE (default 0.80) */
	int page_timeout_ms;
};
/* A new engine with both models loaded (about 0.7 s), or NULL with the
 * reason in err. The caller frees it with ocr_engine_free. */
struct ocr_engine *ocr_engine_new(const struct ocr_engine_options *opt, struct strbuf *err);
/* A new engine whose models are loaded by its first ocr_engine_start, on
 * the thread that will use it (check them first, cheaply, with
 * ocr_engine_check_models). The caller frees it with ocr_engine_free. */
struct ocr_engine *ocr_engine_new_lazy(const struct ocr_engine_options *opt);
/* Loads the models unless loaded: 0, or -1 with the reason in err (the
 * engine stays unstarted; a later call tries again). Must precede
 * ocr_page_read on a lazy engine. Its thread CPU goes to the timings'
 * engine_start. */
int ocr_engine_start(struct ocr_engine *e, struct strbuf *err);
bool ocr_engine_started(const struct ocr_engine *e);
/* Cheaply (no model is loaded) checks that the models' files are where
 * Tesseract will look for them (opt->tessdata, else $TESSDATA_PREFIX, else
 * its built-in folder) and can be opened: 0, or -1 with the reason in err.
 * A file that is there but damaged is found only when it is loaded. */
int ocr_engine_check_models(const struct ocr_engine_options *opt, struct strbuf *err);
void ocr_engine_free(struct ocr_engine **e);
struct ocr_timings *ocr_engine_timings(struct ocr_engine *e);
/* The day the pages are read as of: the fax's receipt, so that reading the
 * same fax again later reads the same ("an expiry is a date after today"
 * means after the receipt). 0 or -1: the clock's. */
void ocr_engine_set_as_of(struct ocr_engine *e, time_t when);

struct ocr_page {
	enum ocr_doctype type;		/* what the page is */
	bool blank;
	bool continuation;		/* free-form page continuing the previous one */
	struct ocr_document doc;	/* fields and reasons read from this page */
	char *text;			/* whole-page text for free-form pages, or NULL */
	struct Pix *clean;		/* the cleaned page (kept for review crops), or NULL */
};
void ocr_page_clear(struct ocr_page *p);

/* Reads one page (pageno 1-based, for the document's first_page). Never
 * fails on bad content: an unreadable page becomes an unknown document
 * with a reason. Returns -1 only on an internal error (with err). */
int ocr_page_read(struct ocr_engine *e, struct Pix *pix, float xres, float yres, int pageno,
		  struct ocr_page *out, struct strbuf *err);

/* Groups read pages into documents (each form page is one document; a
 * free-form continuation joins the document before it; blank pages are
 * dropped unless the fax has nothing else). A denunciation's or identity
 * copy's field that no rule decides on (its number, authority, model...)
 * is dropped when read with doubt, rather than holding the document.
 * Each document is then validated against its schema
 * (ocr_document_validate): a value it refuses is SCHEMA_INVALID. Returns
 * -1 (logged) when the schemas cannot be loaded.
 * docs is a new array of *ndocs documents the caller frees with
 * ocr_document_clear and free(). */
int ocr_pages_group(struct ocr_page *pages, int n, struct ocr_document **docs, size_t *ndocs);

#endif
