/*
 * pipeline - processing claimed faxes: hash, recognise duplicates and
 * already-committed faxes, read pages on worker threads, commit each fax
 * in one transaction in receipt order, then archive or quarantine it.
 *
 * One pipeline owns N worker threads, each with its own OCR engine
 * (Tesseract initialised once, when the worker takes its first page); the
 * database is written only by the thread that calls pipeline_process.
 */
#ifndef INTAKE_PIPELINE_H
#define INTAKE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "intake/intake.h"

struct pipeline;

struct pipeline_stats {
	int faxes, pages, documents, duplicates, corrupt, failed;
	long long us_decode, us_clean, us_classify, us_field_ocr, us_page_ocr, us_rules, us_db;
	long long wall_us;
	long long us_engine_start;	/* CPU loading models, in all (not a per-page stage) */
};

/* Starts the workers. NULL after logging when the OCR models are missing
 * (checked cheaply; they are loaded when a page first needs reading). */
struct spool;
struct pipeline *pipeline_new(struct intake *in, struct store *s, struct spool *sp);
void pipeline_free(struct pipeline **p);

/* Processes the given files (paths in spool/work, already claimed). Each
 * fax is committed in its own transaction in receipt-time order; a fax
 * whose commit fails stays in spool/work for the next run. Returns 0 when
 * every fax was committed, -1 when some stay in line. *stop, if set during
 * the run (a signal), ends it after the fax in hand. */
int pipeline_process(struct pipeline *p, char **work_paths, size_t n, volatile int *stop);

/* True until a derivation has succeeded since the last failed one, and
 * before the first: then pipeline_process is worth calling even with no
 * files (n = 0), to derive again and write what the outbox still lacks. */
bool pipeline_derive_pending(const struct pipeline *p);

const struct pipeline_stats *pipeline_stats(struct pipeline *p);
/* Prints the per-stage timings (for `stage_timings` and the benchmark). */
void pipeline_print_timings(struct pipeline *p, FILE *out);
/* The same figures for tools (tools/bench.sh), one `key=value` a line, in
 * this order: workers, faxes, pages, documents, then the stage sums in
 * microseconds of CPU (us_decode, us_clean, us_classify, us_field_ocr,
 * us_page_ocr, us_rules, us_db), wall_us, then us_engine_start (the CPU of
 * loading the workers' models, in all: not a stage of any page, but
 * within wall_us; 0 when no page needed reading). Keys are only ever
 * added. */
void pipeline_print_timings_kv(struct pipeline *p, FILE *out);



/* Stores a read document with its fields and reasons, inside the caller's
 * transaction; status `review` when reading raised any reason, else
 * `waiting` (the derivation files it). */
struct ocr_document;
int intake_store_document(struct store *s, int64_t fax_id, const struct ocr_document *d,
			  int64_t *doc_id);
#endif
