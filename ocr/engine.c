/*
 * engine - one recognition engine per worker thread: two Tesseract
 * instances (the Italian and the English LSTM models), its options and the
 * worker's per-stage CPU timings; and the process's third instance (the
 * Latin-script model), which the engines share.
 *
 * Loading the two models costs about 0.35 s each. ocr_engine_new loads
 * them at once; ocr_engine_new_lazy only checks that the three models'
 * files are there (ocr_engine_check_models) and ocr_engine_start loads the
 * two when a page first needs reading, so that a run that reads no image
 * (XML faxes, a spool of duplicates, a pass with nothing new) pays nothing
 * for them. The third (89 MB on disk, about 250 MB in memory) is one for
 * the process, shared by the workers in turn (ocr_engine_tess3_lock),
 * loaded the first time a value (an identity copy's number or date, a
 * report's line, number or date) is still in doubt after the two, and
 * freed with the last engine.
 *
 * Failure policy: a model that cannot be found or loaded makes
 * ocr_engine_new, ocr_engine_new_lazy or ocr_engine_start fail with the
 * reason in err (the caller decides what that means); the third model
 * that will not load makes ocr_engine_tess3_lock return NULL, with the
 * reason once, and is not tried again while an engine lives (the reading
 * goes on without it). The third instance is loaded with the options of
 * the engine that first asks for it: the engines of one process share
 * theirs. Nothing here logs or exits, except a panic when a lazy engine is
 * used before it was started (a broken invariant).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <tesseract/capi.h>

#include "common/log.h"
#include "common/util.h"
#include "ocr/engine.h"
#include "ocr/ocr.h"

struct ocr_engine {
	TessBaseAPI *tess;
	TessBaseAPI *tess2;		/* "eng": a second, independent reader */
	ETEXT_DESC *monitor;		/* NULL until started */
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

/* The models of an engine: the first reader, and a second one trained on
 * other text, whose mistakes are not the first one's, so that agreement
 * means something - both loaded by ocr_engine_start; and a third, trained
 * on many languages of the Latin script, one for the process, loaded by
 * ocr_engine_tess3_lock. All three must be there (ocr_engine_check_models). */
static const char *const engine_models[3] = { "ita", "eng", "Latin" };

/* Where Tesseract 5 looks for its models when it is given no folder and
 * TESSDATA_PREFIX is not set: the folder it was built with (Debian's). */
#ifndef OCR_TESSDATA_DEFAULT
#define OCR_TESSDATA_DEFAULT "/usr/share/tesseract-ocr/5/tessdata"
#endif

static const char *engine_where(const struct ocr_engine_options *opt)
{
	const char *env = getenv("TESSDATA_PREFIX");
	if (opt && opt->tessdata)
		return opt->tessdata;
	return env && *env ? env : "the system's tessdata";
}

/* Asks Tesseract itself, reading only each model's header and config (about
 * 15 ms a model instead of 350): for a build whose default folder is not
 * OCR_TESSDATA_DEFAULT. */
static int engine_probe(const struct ocr_engine_options *opt, const char *lang,
			struct strbuf *err)
{
	char name[] = "tessedit_init_config_only", one[] = "1";
	char *names[] = { name }, *values[] = { one };
	TessBaseAPI *t = TessBaseAPICreate();
	int rc = t && TessBaseAPIInit4(t, opt ? opt->tessdata : NULL, lang, OEM_LSTM_ONLY, NULL, 0,
				       names, values, 1, 0) == 0 ? 0 : -1;
	if (rc && err)
		sb_addf(err, "cannot load the tesseract model '%s' from '%s'", lang,
			engine_where(opt));
	if (t) {
		TessBaseAPIEnd(t);
		TessBaseAPIDelete(t);
	}
	return rc;
}

int ocr_engine_check_models(const struct ocr_engine_options *opt, struct strbuf *err)
{
	/* Tesseract's own order: the folder it is given, TESSDATA_PREFIX,
	 * the folder it was built with */
	const char *dir = opt && opt->tessdata ? opt->tessdata : getenv("TESSDATA_PREFIX");
	struct stat st;
	if (!dir || !*dir) {
		dir = OCR_TESSDATA_DEFAULT;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			for (size_t i = 0; i < sizeof engine_models / sizeof *engine_models; i++)
				if (engine_probe(opt, engine_models[i], err))
					return -1;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof engine_models / sizeof *engine_models; i++) {
		struct strbuf path = STRBUF_INIT;
		sb_addf(&path, "%s/%s.traineddata", dir, engine_models[i]);
		int fd = open(path.buf, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		int e = errno;
		bool ok = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
		if (fd >= 0 && !ok)
			e = EINVAL;
		if (fd >= 0)
			close(fd);
		if (!ok && err)
			sb_addf(err, "cannot load the tesseract model '%s': '%s': %s",
				engine_models[i], path.buf,
				e == EINVAL ? "not a model file" : strerror(e));
		sb_release(&path);
		if (!ok)
			return -1;
	}
	return 0;
}

/* The third model, one for the process (about 250 MB resident, read a
 * few times on some identity copies): the engines take turns with it. */
static struct {
	pthread_mutex_t lock;
	TessBaseAPI *tess;
	bool failed;		/* tried and failed: not tried again */
	int engines;		/* engines alive; the last one freed frees it */
} third = { PTHREAD_MUTEX_INITIALIZER, NULL, false, 0 };

struct ocr_engine *ocr_engine_new_lazy(const struct ocr_engine_options *opt)
{
	struct ocr_engine *e = xcalloc(1, sizeof *e);
	pthread_mutex_lock(&third.lock);
	third.engines++;
	pthread_mutex_unlock(&third.lock);
	if (opt)
		e->opt = *opt;
	if (!(e->opt.min_confidence > 0 && e->opt.min_confidence <= 1))
		e->opt.min_confidence = 0.80;
	if (e->opt.page_timeout_ms <= 0)
		e->opt.page_timeout_ms = 30000;
	return e;
}

static void engine_unload(struct ocr_engine *e)
{
	TessBaseAPI **t[2] = { &e->tess, &e->tess2 };
	for (int i = 0; i < 2; i++)
		if (*t[i]) {
			TessBaseAPIEnd(*t[i]);
			TessBaseAPIDelete(*t[i]);
			*t[i] = NULL;
		}
	if (e->monitor)
		TessMonitorDelete(e->monitor);
	e->monitor = NULL;
}

/* One model loaded, with per-character alternatives (for choosing among
 * readings by checksum); NULL with the reason in err. */
static TessBaseAPI *engine_load(const struct ocr_engine *e, const char *model, struct strbuf *err)
{
	TessBaseAPI *t = TessBaseAPICreate();
	if (!t || TessBaseAPIInit2(t, e->opt.tessdata, model, OEM_LSTM_ONLY) != 0) {
		if (err)
			sb_addf(err, "cannot load the tesseract model '%s' from '%s'", model,
				engine_where(&e->opt));
		if (t)
			TessBaseAPIDelete(t);
		return NULL;
	}
	TessBaseAPISetVariable(t, "lstm_choice_mode", "2");
	TessBaseAPISetVariable(t, "debug_file", "/dev/null");
	return t;
}

int ocr_engine_start(struct ocr_engine *e, struct strbuf *err)
{
	if (e->monitor)
		return 0;	/* started */
	long long t0 = ocr_cpu_usec();	/* loading is timed, as a stage of its own */
	TessBaseAPI **t[2] = { &e->tess, &e->tess2 };
	for (int i = 0; i < 2; i++) {
		*t[i] = engine_load(e, engine_models[i], err);
		if (!*t[i]) {
			engine_unload(e);
			e->t.engine_start += ocr_cpu_usec() - t0;
			return -1;
		}
	}
	e->monitor = TessMonitorCreate();
	e->t.engine_start += ocr_cpu_usec() - t0;
	return 0;
}

bool ocr_engine_started(const struct ocr_engine *e)
{
	return e->monitor != NULL;
}

struct ocr_engine *ocr_engine_new(const struct ocr_engine_options *opt, struct strbuf *err)
{
	struct ocr_engine *e = ocr_engine_new_lazy(opt);
	if (ocr_engine_start(e, err))
		ocr_engine_free(&e);
	return e;
}

void ocr_engine_free(struct ocr_engine **ep)
{
	struct ocr_engine *e = ep ? *ep : NULL;
	if (!e)
		return;
	engine_unload(e);
	pthread_mutex_lock(&third.lock);
	if (--third.engines == 0) {
		if (third.tess) {
			TessBaseAPIEnd(third.tess);
			TessBaseAPIDelete(third.tess);
		}
		third.tess = NULL;
		third.failed = false;
	}
	pthread_mutex_unlock(&third.lock);
	free(e);
	*ep = NULL;
}

struct ocr_timings *ocr_engine_timings(struct ocr_engine *e)
{
	return &e->t;
}

TessBaseAPI *ocr_engine_tess(struct ocr_engine *e)
{
	if (!e->tess)
		log_panic("ocr engine used before ocr_engine_start");
	return e->tess;
}

TessBaseAPI *ocr_engine_tess2(struct ocr_engine *e)
{
	if (!e->tess2)
		log_panic("ocr engine used before ocr_engine_start");
	return e->tess2;
}

TessBaseAPI *ocr_engine_tess3_lock(struct ocr_engine *e, struct strbuf *err)
{
	if (!e->monitor)
		return NULL;
	pthread_mutex_lock(&third.lock);
	if (!third.tess && !third.failed) {
		long long t0 = ocr_cpu_usec();
		third.tess = engine_load(e, engine_models[2], err);
		third.failed = !third.tess;
		e->t.engine_start += ocr_cpu_usec() - t0;
	}
	if (!third.tess)
		pthread_mutex_unlock(&third.lock);
	return third.tess;
}

void ocr_engine_tess3_unlock(struct ocr_engine *e)
{
	(void)e;
	pthread_mutex_unlock(&third.lock);
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
	if (!e->monitor)
		log_panic("ocr engine used before ocr_engine_start");
	TessMonitorSetDeadlineMSecs(e->monitor, e->opt.page_timeout_ms);
	return e->monitor;
}
