/*
 * engine - internal to ocr/: the worker's recognition engine (one
 * Tesseract instance, initialised once), shared by the form reader and the
 * free-form reader. Not for use outside ocr/.
 */
#ifndef OCR_ENGINE_H
#define OCR_ENGINE_H

#include <tesseract/capi.h>

#include "ocr/ocr.h"

/* Lends the engine's Tesseract instance ("ita", LSTM, lstm_choice_mode=2).
 * A reader sets the page segmentation mode and variables it needs before
 * each use. */
TessBaseAPI *ocr_engine_tess(struct ocr_engine *e);
/* Lends the engine's second Tesseract instance ("eng", LSTM), used by the
 * form reader for an independent second reading of a field. */
TessBaseAPI *ocr_engine_tess2(struct ocr_engine *e);
/* Lends the process's third Tesseract instance ("Latin", LSTM), loading it
 * on the first call after ocr_engine_start (about 250 MB resident): a third
 * reading, of a model trained on many languages, for a value the two
 * others leave in doubt. One for all engines: it is returned locked, and
 * the caller gives it back with ocr_engine_tess3_unlock as soon as its
 * reading is done. NULL (nothing to give back) when it cannot be loaded
 * (the reason in err, on the call that tried; it is not tried again while
 * an engine lives) or the engine is not started. */
TessBaseAPI *ocr_engine_tess3_lock(struct ocr_engine *e, struct strbuf *err);
void ocr_engine_tess3_unlock(struct ocr_engine *e);
/* Lends the options the engine was made with (defaults filled in). */
const struct ocr_engine_options *ocr_engine_options(const struct ocr_engine *e);
/* The day pages are read as of (ocr_engine_set_as_of), else the clock's. */
time_t ocr_engine_as_of(const struct ocr_engine *e);
/* A monitor armed with the engine's per-call deadline, for TessBaseAPIRecognize. */
ETEXT_DESC *ocr_engine_monitor(struct ocr_engine *e);

/* Thread CPU time in microseconds (CLOCK_THREAD_CPUTIME_ID), for timings. */
long long ocr_cpu_usec(void);

#endif
