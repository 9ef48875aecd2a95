/*
 * engine - one recognition engine per worker thread: a Tesseract instance
 * initialised once with the Italian LSTM model, its options and the
 * worker's per-stage CPU timings.
 *
 * Failure policy: a model that cannot be loaded makes ocr_engine_new fail
 * with the reason in err (the caller treats that as a start-up failure);
 * nothing here logs or exits.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tesseract/capi.h>

#include "common/util.h"
#include "ocr/engine.h"
#include "ocr/ocr.h"

struct ocr_engine {
	TessBaseAPI *tess;
	TessBaseAPI *tess2;		/* "eng": a second, independent reader */
	ETEXT_DESC *monitor;
	struct ocr_engine_options opt;
	struct ocr_timings t;
	time_t as_of;			/* the fax's receipt; 0: the clock */
};

long long ocr_cpu_usec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

struct ocr_engine *ocr_engine_new(const struct ocr_engine_options *opt, struct strbuf *err)
{
	struct ocr_engine *e = xcalloc(1, sizeof *e);
	if (opt)
		e->opt = *opt;
	if (!(e->opt.min_confidence > 0 && e->opt.min_confidence <= 1))
		e->opt.min_confidence = 0.80;
	if (e->opt.page_timeout_ms <= 0)
		e->opt.page_timeout_ms = 30000;
	e->tess = TessBaseAPICreate();
	if (!e->tess || TessBaseAPIInit2(e->tess, e->opt.tessdata, "ita", OEM_LSTM_ONLY) != 0) {
		if (err)
			sb_addf(err, "cannot load the tesseract model 'ita' from '%s'",
				e->opt.tessdata ? e->opt.tessdata : "the system's tessdata");
		ocr_engine_free(&e);
		return NULL;
	}
	/* the second reader, trained on other text: its mistakes are not the
	 * first one's, so that agreement means something */
	e->tess2 = TessBaseAPICreate();
	if (!e->tess2 || TessBaseAPIInit2(e->tess2, e->opt.tessdata, "eng", OEM_LSTM_ONLY) != 0) {
		if (err)
			sb_addf(err, "cannot load the tesseract model 'eng' from '%s'",
				e->opt.tessdata ? e->opt.tessdata : "the system's tessdata");
		ocr_engine_free(&e);
		return NULL;
	}
	/* per-character alternatives, for choosing among readings by checksum */
	TessBaseAPISetVariable(e->tess, "lstm_choice_mode", "2");
	TessBaseAPISetVariable(e->tess2, "lstm_choice_mode", "2");
	TessBaseAPISetVariable(e->tess, "debug_file", "/dev/null");
	TessBaseAPISetVariable(e->tess2, "debug_file", "/dev/null");
	e->monitor = TessMonitorCreate();
	return e;
}

void ocr_engine_free(struct ocr_engine **ep)
{
	struct ocr_engine *e = ep ? *ep : NULL;
	if (!e)
		return;
	if (e->tess) {
		TessBaseAPIEnd(e->tess);
		TessBaseAPIDelete(e->tess);
	}
	if (e->tess2) {
		TessBaseAPIEnd(e->tess2);
		TessBaseAPIDelete(e->tess2);
	}
	if (e->monitor)
		TessMonitorDelete(e->monitor);
	free(e);
	*ep = NULL;
}

struct ocr_timings *ocr_engine_timings(struct ocr_engine *e)
{
	return &e->t;
}

TessBaseAPI *ocr_engine_tess(struct ocr_engine *e)
{
	return e->tess;
}

TessBaseAPI *ocr_engine_tess2(struct ocr_engine *e)
{
	return e->tess2;
}

void ocr_engine_set_as_of(struct ocr_engine *e, time_t when)
{
	e->as_of = when > 0 ? when : 0;
}

time_t ocr_engine_as_of(const struct ocr_engine *e)
{
	return e->as_of > 0 ? e->as_of : util_now();
}

const struct ocr_engine_options *ocr_engine_options(const struct ocr_engine *e)
{
	return &e->opt;
}

ETEXT_DESC *ocr_engine_monitor(struct ocr_engine *e)
{
	TessMonitorSetDeadlineMSecs(e->monitor, e->opt.page_timeout_ms);
	return e->monitor;
}
