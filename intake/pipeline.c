/*
 * pipeline - from claimed files to committed faxes (see pipeline.h).
 *
 * Threads: the caller's thread hashes, opens, decodes pages and commits;
 * worker threads only run ocr_page_read on decoded pages, each with its own
 * engine. A bounded window of faxes is in flight, so memory stays flat
 * whatever the batch size. A worker loads its engine's models when it
 * takes its first page (about 0.7 s of CPU): a run or a daemon that reads
 * only XML faxes, duplicates or nothing never loads them. pipeline_new
 * checks cheaply that the model files are there, so that a missing model
 * still stops the program at start.
 *
 * Failure policy: a bad fax is a result (corrupt, with its reason), never
 * an error. A failed commit (disk full, I/O error, a lock held too long)
 * rolls back, logs a warning and leaves the file in spool/work, where the
 * next run finds it again; nothing is ever deleted. So does a fax that
 * could not be judged because of the installation, not of the fax: the
 * engine's models would not load (a damaged model file), or the schemas its
 * documents are validated against could not be loaded. Recording it would
 * make it corrupt or its documents invalid for a fault that is not theirs.
 */
#include "intake/pipeline.h"
#include "intake/derive.h"
#include "intake/notify.h"
#include "intake/spoolio.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xml.h"
#include "ocr/ocr.h"
#include "spool/spool.h"

#include <leptonica/allheaders.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct pipe_fax {
	char *work_path;
	char *name;			/* file name (bytes, maybe not UTF-8) */
	char *shown;			/* the name fit for a message (spool_name_quote) */
	char sha[65];
	time_t receipt;
	const char *received_from;	/* "datetime" or "mtime" */
	char *sender;
	int npages;
	struct ocr_page_info *pinfo;
	const char *reason;		/* corrupt: UNREADABLE_FILE, ... */
	struct strbuf why;
	int64_t duplicate_of;		/* > 0: a duplicate */
	int64_t committed_id;		/* > 0: committed by an earlier run */
	char committed_status[16];
	struct ocr_page *pages;
	struct ocr_document *xml_docs;	/* an XML fax: its documents, already read */
	size_t nxml_docs;
	char **page_errors;		/* per page: decode failure words, or NULL */
	const char *held;		/* not judged, stays in line: why (static) */
	int pages_done;
	long long wall_start;
	long long cpu_us;
};

struct pipe_job {
	struct pipe_fax *fax;
	int page;
	PIX *pix;
	float xres, yres;
};

struct pipeline {
	struct intake *in;
	struct store *store;
	struct spool *spool;
	int nworkers;
	pthread_t *threads;
	struct ocr_engine **engines;
	pthread_mutex_t lock;
	pthread_cond_t job_ready, job_done;
	struct pipe_job *queue;
	size_t qhead, qlen, qcap;
	bool quit;
	struct pipeline_stats stats;
	struct ocr_limits limits;
	bool derive_pending;	/* derive at the next pass even without faxes */
	bool engine_error_said;	/* this pass: an engine's failure to start logged */
};

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long thread_cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ------------------------------------------------------------- workers */

static void *pipe_worker(void *arg)
{
	struct pipeline *p = ((void **)arg)[0];
	struct ocr_engine *e = ((void **)arg)[1];
	free(arg);
	struct strbuf err = STRBUF_INIT;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->quit && p->qlen == 0)
			pthread_cond_wait(&p->job_ready, &p->lock);
		if (p->quit && p->qlen == 0)
			break;
		struct pipe_job job = p->queue[p->qhead];
		p->qhead = (p->qhead + 1) % p->qcap;
		p->qlen--;
		pthread_mutex_unlock(&p->lock);

		struct ocr_page *out = &job.fax->pages[job.page];
		sb_reset(&err);
		bool no_engine = false;
		if (!ocr_engine_started(e) && ocr_engine_start(e, &err)) {
			/* a damaged model: the fax stays in line (pipe_commit);
			 * said once a pass, not once a page */
			pthread_mutex_lock(&p->lock);
			bool said = p->engine_error_said;
			p->engine_error_said = true;
			pthread_mutex_unlock(&p->lock);
			if (said)
				log_debug("cannot start the OCR engine: %s", err.buf);
			else
				log_error("cannot start the OCR engine: %s", err.buf);
			no_engine = true;
		}
		long long t0 = thread_cpu_us();
		/* read as of the receipt: the same fax reads the same on any day */
		ocr_engine_set_as_of(e, job.fax->receipt);
		if (no_engine) {
			ocr_document_init(&out->doc, OCR_DOC_UNKNOWN);
		} else if (ocr_page_read(e, job.pix, job.xres, job.yres, job.page + 1, out, &err)) {
			/* an internal failure: the page goes to a clerk */
			log_warn("'%s' page %d: cannot read: %s", job.fax->name, job.page + 1, err.buf);
			ocr_document_init(&out->doc, OCR_DOC_UNKNOWN);
			out->type = OCR_DOC_UNKNOWN;
			ocr_document_add_reason(&out->doc, "UNREADABLE_FILE", NULL,
						"page %d could not be read: %s", job.page + 1, err.buf);
		}
		out->doc.first_page = job.page + 1;
		pixDestroy(&job.pix);
		if (out->clean)
			pixDestroy(&out->clean);
		long long dt = thread_cpu_us() - t0;

		pthread_mutex_lock(&p->lock);
		job.fax->cpu_us += dt;
		if (no_engine)
			job.fax->held = "the OCR engine could not start";
		job.fax->pages_done++;
		pthread_cond_broadcast(&p->job_done);
	}
	pthread_mutex_unlock(&p->lock);
	sb_release(&err);
	return NULL;
}

static void pipe_push(struct pipeline *p, struct pipe_job job)
{
	pthread_mutex_lock(&p->lock);
	if (p->qlen == p->qcap) {
		size_t ncap = p->qcap ? p->qcap * 2 : 64;
		struct pipe_job *q = xcalloc(ncap, sizeof *q);
		for (size_t i = 0; i < p->qlen; i++)
			q[i] = p->queue[(p->qhead + i) % p->qcap];
		free(p->queue);
		p->queue = q;
		p->qhead = 0;
		p->qcap = ncap;
	}
	p->queue[(p->qhead + p->qlen) % p->qcap] = job;
	p->qlen++;
	pthread_cond_signal(&p->job_ready);
	pthread_mutex_unlock(&p->lock);
}

struct pipeline *pipeline_new(struct intake *in, struct store *s, struct spool *sp)
{
	struct pipeline *p = xcalloc(1, sizeof *p);
	struct strbuf err = STRBUF_INIT;
	p->in = in;
	p->store = s;
	p->spool = sp;
	p->derive_pending = true;	/* a crash may have come before the last derivation */
	p->nworkers = in->cfg.workers > 0 ? in->cfg.workers : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (p->nworkers < 1)
		p->nworkers = 1;
	ocr_limits_default(&p->limits);
	p->limits.max_pages = in->cfg.max_pages;
	p->limits.page_timeout_ms = in->cfg.page_timeout_ms;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->job_ready, NULL);
	pthread_cond_init(&p->job_done, NULL);
	p->engines = xcalloc((size_t)p->nworkers, sizeof *p->engines);
	p->threads = xcalloc((size_t)p->nworkers, sizeof *p->threads);
	struct ocr_engine_options eo = { 0 };
	eo.min_confidence = in->cfg.min_confidence;
	eo.page_timeout_ms = in->cfg.page_timeout_ms;
	/* at start, as the user the daemon runs as, whether or not a page will
	 * need reading: the operator hears of a missing model now, not at the
	 * first fax; loading it waits for that fax (pipe_worker) */
	if (ocr_engine_check_models(&eo, &err)) {
		log_error("cannot start the OCR engine: %s", err.buf);
		p->nworkers = 0;
		pipeline_free(&p);
		sb_release(&err);
		return NULL;
	}
	for (int i = 0; i < p->nworkers; i++)
		p->engines[i] = ocr_engine_new_lazy(&eo);
	for (int i = 0; i < p->nworkers; i++) {
		void **arg = xcalloc(2, sizeof *arg);
		arg[0] = p;
		arg[1] = p->engines[i];
		if (pthread_create(&p->threads[i], NULL, pipe_worker, arg) != 0)
			log_die("cannot start worker thread %d", i);
	}
	sb_release(&err);
	return p;
}

void pipeline_free(struct pipeline **pp)
{
	struct pipeline *p = pp ? *pp : NULL;
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = true;
	pthread_cond_broadcast(&p->job_ready);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->nworkers; i++)
		if (p->threads[i])
			pthread_join(p->threads[i], NULL);
	for (int i = 0; i < p->nworkers; i++)
		ocr_engine_free(&p->engines[i]);
	free(p->engines);
	free(p->threads);
	free(p->queue);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->job_ready);
	pthread_cond_destroy(&p->job_done);
	free(p);
	*pp = NULL;
}

bool pipeline_derive_pending(const struct pipeline *p)
{
	return p->derive_pending;
}

const struct pipeline_stats *pipeline_stats(struct pipeline *p)
{
	return &p->stats;
}

/* ----------------------------------------------------- preparing a fax */

static void pipe_fax_free(struct pipe_fax *f)
{
	for (size_t i = 0; i < f->nxml_docs; i++)
		ocr_document_clear(&f->xml_docs[i]);
	free(f->xml_docs);
	for (int i = 0; f->pages && i < f->npages; i++)
		ocr_page_clear(&f->pages[i]);
	for (int i = 0; f->page_errors && i < f->npages; i++)
		free(f->page_errors[i]);
	free(f->page_errors);
	free(f->pages);
	free(f->pinfo);
	free(f->work_path);
	free(f->name);
	free(f->shown);
	free(f->sender);
	sb_release(&f->why);
}

/* Looks the content up: committed by an earlier run under this claim
 * (recovery), or a duplicate of an earlier fax. */
static int pipe_lookup(struct pipeline *p, struct pipe_fax *f)
{
	sqlite3_stmt *st = store_prepare(p->store,
		"SELECT id, status, work_name = ?2 AND archived IS NULL FROM faxes"
		" WHERE sha256 = ?1 ORDER BY id");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->sha, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, f->name, (int)strlen(f->name), SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *status = store_col_text(st, 1);
		if (sqlite3_column_int(st, 2)) {
			f->committed_id = id;
			snprintf(f->committed_status, sizeof f->committed_status, "%s", status);
		} else if (!f->duplicate_of && strcmp(status, "duplicate") != 0) {
			f->duplicate_of = id;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* An XML fax (setting xml_faxes): documents already read, as instances of
 * their schemas inside <fax xmlns="urn:faxintake:fax:1" received=...>.
 * Anything wrong makes it corrupt (SCHEMA_INVALID or UNREADABLE_FILE). */
static void pipe_read_xml(struct pipe_fax *f)
{
	static xmlSchemaPtr schema;
	char *buf = NULL;
	size_t len = 0;
	xmlDocPtr doc = NULL;
	if (util_read_file(f->work_path, 1u << 20, &buf, &len)) {
		f->reason = "UNREADABLE_FILE";
		sb_addf(&f->why, "cannot read '%s': %s", f->shown, strerror(errno));
		return;
	}
	if (!(doc = xml_parse_untrusted(buf, len, 1u << 20, &f->why))) {
		f->reason = "UNREADABLE_FILE";
		goto out;
	}
	/* the schemas missing is the installation's fault, not the fax's */
	struct strbuf serr = STRBUF_INIT;
	if ((!schema && !(schema = xml_schema_load("fax.xsd", &serr))) ||
	    ocr_schemas_load(NULL, &serr)) {
		log_error("cannot load the schemas: %s", serr.buf);
		sb_release(&serr);
		f->held = "the schemas could not be loaded";
		goto out;
	}
	sb_release(&serr);
	if (xml_validate(schema, doc, &f->why)) {
		f->reason = "SCHEMA_INVALID";
		goto out;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *rec = xmlGetProp(root, (const xmlChar *)"received");
	xmlChar *snd = xmlGetProp(root, (const xmlChar *)"sender");
	time_t t;
	if (rec && util_parse_iso((const char *)rec, &t) == 0) {
		f->receipt = t;
		f->received_from = "datetime";
	}
	if (snd && *snd)
		f->sender = xstrdup((const char *)snd);
	xmlFree(rec);
	xmlFree(snd);
	int page = 0;
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlBufferPtr b = xmlBufferCreate();
		xmlNodeDump(b, doc, n, 0, 0);
		f->xml_docs = xrealloc(f->xml_docs, (f->nxml_docs + 1) * sizeof *f->xml_docs);
		struct ocr_document *d = &f->xml_docs[f->nxml_docs];
		struct strbuf err = STRBUF_INIT;
		int rc = ocr_document_from_xml((const char *)xmlBufferContent(b),
					       (size_t)xmlBufferLength(b), d, &err);
		xmlBufferFree(b);
		if (rc) {
			f->reason = "SCHEMA_INVALID";
			sb_addf(&f->why, "document %d: %s", page + 1, err.buf);
			sb_release(&err);
			goto out;
		}
		sb_release(&err);
		d->first_page = ++page;
		d->npages = 1;
		f->nxml_docs++;
	}
	f->npages = page;
	f->pinfo = xcalloc((size_t)page, sizeof *f->pinfo);
	for (int i = 0; i < page; i++) {
		f->pinfo[i].datetime = f->receipt;
		f->pinfo[i].clean_fax_data = -1;
		f->pinfo[i].bad_fax_lines = -1;
	}
out:
	if (f->reason || f->held) {
		for (size_t i = 0; i < f->nxml_docs; i++)
			ocr_document_clear(&f->xml_docs[i]);
		f->nxml_docs = 0;
		f->npages = 0;
	}
	xmlFreeDoc(doc);
	free(buf);
}

static bool pipe_is_xml(int fd)
{
	char head[8] = { 0 };
	ssize_t n = pread(fd, head, sizeof head - 1, 0);
	return n >= 5 && (!memcmp(head, "<?xml", 5) || !memcmp(head, "<fax", 4));
}

static int pipe_prepare(struct pipeline *p, struct pipe_fax *f)
{
	struct stat st;
	int fd = open(f->work_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0) {
		log_warn("cannot open '%s': %s", f->work_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (util_sha256_fd(fd, f->sha)) {
		log_warn("cannot read '%s': %s", f->work_path, strerror(errno));
		close(fd);
		return -1;
	}
	bool xml = p->in->cfg.xml_faxes && pipe_is_xml(fd);
	close(fd);
	f->receipt = st.st_mtime;
	f->received_from = "mtime";
	if (pipe_lookup(p, f))
		return -1;
	if (f->committed_id || f->duplicate_of)
		return 0;
	if (xml) {
		pipe_read_xml(f);
		return 0;
	}
	const char *reason = NULL;
	struct ocr_fax *fax = ocr_fax_open(f->work_path, &p->limits, &reason, &f->why);
	if (!fax) {
		f->reason = reason ? reason : "UNREADABLE_FILE";
		return 0;
	}
	if (fax->receipt != (time_t)-1) {
		f->receipt = fax->receipt;
		f->received_from = "datetime";
	}
	f->sender = fax->tsi ? xstrdup(fax->tsi) : NULL;
	f->npages = fax->npages;
	f->pinfo = xcalloc((size_t)fax->npages, sizeof *f->pinfo);
	memcpy(f->pinfo, fax->pages, (size_t)fax->npages * sizeof *f->pinfo);
	p->stats.us_decode += fax->decode_usec;
	ocr_fax_close(&fax);
	return 0;
}

static int pipe_cmp(const void *a, const void *b)
{
	const struct pipe_fax *x = a, *y = b;
	if (x->receipt != y->receipt)
		return x->receipt < y->receipt ? -1 : 1;
	return strcmp(x->sha, y->sha);
}

/* Decodes every page and hands them to the workers. */
static void pipe_start(struct pipeline *p, struct pipe_fax *f)
{
	f->wall_start = now_us();
	if (f->committed_id || f->duplicate_of || f->reason || f->npages == 0 || f->xml_docs)
		return;
	f->pages = xcalloc((size_t)f->npages, sizeof *f->pages);
	f->page_errors = xcalloc((size_t)f->npages, sizeof *f->page_errors);
	const char *reason = NULL;
	struct strbuf why = STRBUF_INIT;
	struct ocr_fax *fax = ocr_fax_open(f->work_path, &p->limits, &reason, &why);
	for (int i = 0; i < f->npages; i++) {
		PIX *pix = NULL;
		sb_reset(&why);
		if (fax)
			pix = ocr_fax_page(fax, i, &reason, &why);
		if (!pix) {
			f->page_errors[i] = xstrdup(why.len ? why.buf : "cannot decode");
			ocr_document_init(&f->pages[i].doc, OCR_DOC_UNKNOWN);
			pthread_mutex_lock(&p->lock);
			f->pages_done++;
			pthread_mutex_unlock(&p->lock);
			continue;
		}
		struct pipe_job job = { f, i, pix, f->pinfo[i].xres, f->pinfo[i].yres };
		pipe_push(p, job);
	}
	if (fax) {
		p->stats.us_decode += fax->decode_usec;
		ocr_fax_close(&fax);
	}
	sb_release(&why);
}

/* ------------------------------------------------------------ commit */

static int pipe_insert_reason(struct store *s, const char *col, int64_t id, const char *code,
			      const char *field, const char *text, const char *origin)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "INSERT INTO reasons(%s, code, field, text, origin) VALUES (?, ?, ?, ?, ?)", col);
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, origin, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

int intake_store_document(struct store *s, int64_t fax_id, const struct ocr_document *d,
			  int64_t *doc_id)
{
	bool review = d->type == OCR_DOC_UNKNOWN || d->nreasons > 0;
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].reason)
			review = true;
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO documents(fax_id, first_page, pages, type, status, read_ok, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, fax_id);
	sqlite3_bind_int(st, 2, d->first_page);
	sqlite3_bind_int(st, 3, d->npages);
	sqlite3_bind_text(st, 4, ocr_doctype_name(d->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, review ? "review" : "waiting", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, !review);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)util_now());
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	if (rc)
		return -1;
	int64_t id = sqlite3_last_insert_rowid(s->db);
	*doc_id = id;
	st = store_prepare(s, "INSERT INTO fields(document_id, name, value, confidence, x, y, w, h,"
			      " reason, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ocr')");
	if (!st)
		return -1;
	for (size_t i = 0; i < d->nfields && !rc; i++) {
		const struct ocr_field *f = &d->fields[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, f->value, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 4, f->confidence);
		sqlite3_bind_int(st, 5, f->region.x);
		sqlite3_bind_int(st, 6, f->region.y);
		sqlite3_bind_int(st, 7, f->region.w);
		sqlite3_bind_int(st, 8, f->region.h);
		sqlite3_bind_text(st, 9, f->reason, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < d->nreasons && !rc; i++)
		rc = pipe_insert_reason(s, "document_id", id, d->reasons[i].code, d->reasons[i].field,
					d->reasons[i].text, "read");
	/* a field that failed its check is also a reason on the document */
	for (size_t i = 0; i < d->nfields && !rc; i++) {
		const struct ocr_field *f = &d->fields[i];
		if (f->reason && !ocr_document_has_reason(d, f->reason))
			rc = pipe_insert_reason(s, "document_id", id, f->reason, f->name,
						"the value read failed its check", "read");
	}
	return rc;
}

/* The fax's rows, inside the caller's transaction; *us_grouping: the CPU
 * spent grouping its pages into documents and validating them. */
static int pipe_commit_rows(struct pipeline *p, struct pipe_fax *f, int64_t *fax_id,
			    int *ndocs, long long *us_grouping)
{
	struct store *s = p->store;
	const char *status = f->duplicate_of ? "duplicate" : f->reason ? "corrupt" : "processed";
	int clean = -1;
	long bad = -1;
	for (int i = 0; i < f->npages; i++) {
		if (f->pinfo[i].clean_fax_data > clean)
			clean = f->pinfo[i].clean_fax_data;
		if (f->pinfo[i].bad_fax_lines >= 0)
			bad = (bad < 0 ? 0 : bad) + f->pinfo[i].bad_fax_lines;
	}
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO faxes(sha256, file, work_name, received, received_from, sender, pages,"
		" status, duplicate_of, processed_at, cpu_ms, wall_ms, clean_fax_data, bad_fax_lines)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, f->sha, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, f->name, (int)strlen(f->name), SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, f->name, (int)strlen(f->name), SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)f->receipt);
	sqlite3_bind_text(st, 5, f->received_from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->sender, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, f->npages);
	sqlite3_bind_text(st, 8, status, -1, SQLITE_STATIC);
	if (f->duplicate_of)
		sqlite3_bind_int64(st, 9, f->duplicate_of);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)util_now());
	sqlite3_bind_int64(st, 11, f->cpu_us / 1000);
	sqlite3_bind_int64(st, 12, (now_us() - f->wall_start) / 1000);
	if (clean >= 0)
		sqlite3_bind_int(st, 13, clean);
	if (bad >= 0)
		sqlite3_bind_int64(st, 14, bad);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	if (rc)
		return -1;
	*fax_id = sqlite3_last_insert_rowid(s->db);
	char fid[16], other[16];
	store_fax_id(*fax_id, fid);
	if (f->duplicate_of) {
		store_fax_id(f->duplicate_of, other);
		struct strbuf t = STRBUF_INIT;
		sb_addf(&t, "same content as %s", other);
		rc = pipe_insert_reason(s, "fax_id", *fax_id, "DUPLICATE", NULL, t.buf, "spool");
		sb_release(&t);
		return rc ? rc : store_event(s, "faxintake", "duplicate", fid, other);
	}
	if (f->reason) {
		rc = pipe_insert_reason(s, "fax_id", *fax_id, f->reason, NULL, f->why.buf, "spool");
		return rc ? rc : store_event(s, "faxintake", "corrupt", fid, f->why.buf);
	}
	st = store_prepare(s, "INSERT INTO pages(fax_id, page, width, height, xres, yres,"
			      " compression, fill_order, datetime, clean_fax_data, bad_fax_lines, type,"
			      " blank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	for (int i = 0; i < f->npages && !rc; i++) {
		const struct ocr_page_info *pi = &f->pinfo[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *fax_id);
		sqlite3_bind_int(st, 2, i + 1);
		sqlite3_bind_int(st, 3, pi->width);
		sqlite3_bind_int(st, 4, pi->height);
		sqlite3_bind_double(st, 5, pi->xres);
		sqlite3_bind_double(st, 6, pi->yres);
		sqlite3_bind_int(st, 7, pi->compression);
		sqlite3_bind_int(st, 8, pi->fill_order);
		if (pi->datetime != (time_t)-1)
			sqlite3_bind_int64(st, 9, (sqlite3_int64)pi->datetime);
		if (pi->clean_fax_data >= 0)
			sqlite3_bind_int(st, 10, pi->clean_fax_data);
		if (pi->bad_fax_lines >= 0)
			sqlite3_bind_int64(st, 11, pi->bad_fax_lines);
		enum ocr_doctype pt = f->pages ? f->pages[i].type : f->xml_docs[i].type;
		sqlite3_bind_text(st, 12, ocr_doctype_name(pt), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 13, f->pages ? f->pages[i].blank : 0);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	if (rc)
		return -1;

	if (f->xml_docs) {
		for (size_t i = 0; i < f->nxml_docs && !rc; i++) {
			int64_t did;
			rc = intake_store_document(s, *fax_id, &f->xml_docs[i], &did);
		}
		*ndocs = (int)f->nxml_docs;
		return rc ? rc : store_event(s, "faxintake", "processed", fid, "already read (XML fax)");
	}
	/* pages that could not be decoded become unknown documents for a clerk */
	for (int i = 0; i < f->npages; i++)
		if (f->page_errors[i]) {
			f->pages[i].type = OCR_DOC_UNKNOWN;
			ocr_document_add_reason(&f->pages[i].doc, "UNREADABLE_FILE", NULL,
						"page %d: %s", i + 1, f->page_errors[i]);
		}
	struct ocr_document *docs = NULL;
	size_t nd = 0;
	/* grouping validates each document against its schema: timed as
	 * validation, not as database work */
	long long tv = thread_cpu_us();
	int grc = ocr_pages_group(f->pages, f->npages, &docs, &nd);
	*us_grouping = thread_cpu_us() - tv;
	if (grc) {
		f->held = "its documents could not be validated: the schemas could not be loaded";
		return -1;
	}
	for (size_t i = 0; i < nd && !rc; i++) {
		int64_t did;
		rc = intake_store_document(s, *fax_id, &docs[i], &did);
	}
	for (size_t i = 0; i < nd; i++)
		ocr_document_clear(&docs[i]);
	free(docs);
	*ndocs = (int)nd;
	if (rc)
		return -1;
	struct strbuf t = STRBUF_INIT;
	sb_addf(&t, "%d pages, %zu documents", f->npages, nd);
	rc = store_event(s, "faxintake", "processed", fid, t.buf);
	sb_release(&t);
	return rc;
}

static void pipe_finish_file(struct pipeline *p, struct pipe_fax *f, int64_t fax_id,
			     const char *status)
{
	char day[11];
	char *dest = NULL;
	util_format_date(f->receipt, day, sizeof day);
	if (!strcmp(status, "corrupt"))
		dest = spoolio_quarantine(p->spool, f->work_path);
	else
		dest = spoolio_archive(p->spool, f->work_path, day);
	if (!dest)
		return;	/* stays in work/: the next run archives it */
	sqlite3_stmt *st = store_prepare(p->store, "UPDATE faxes SET archived = ?, work_name = NULL"
						   " WHERE id = ?");
	if (st) {
		sqlite3_bind_text(st, 1, dest, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, fax_id);
		if (sqlite3_step(st) != SQLITE_DONE)
			log_warn("cannot record where '%s' was archived", dest);
		sqlite3_finalize(st);
	}
	free(dest);
}

/* A fax committed and moved whose new place could not be recorded (the
 * UPDATE failed: I/O error, disk full) has archived NULL and is no longer
 * in work/, so recovery never sees it again: find it where the move put it
 * (same name, same sha256) and record that. */
static void pipe_repair_places(struct pipeline *p)
{
	sqlite3_stmt *st = store_prepare(p->store, "SELECT id, work_name, received, status, sha256"
					 " FROM faxes WHERE archived IS NULL AND work_name IS NOT NULL");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct strbuf name = STRBUF_INIT, path = STRBUF_INIT;
		sb_add(&name, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1));
		const char *status = store_col_text(st, 3);
		char day[11], sha[65];
		util_format_date((time_t)sqlite3_column_int64(st, 2), day, sizeof day);
		sb_addf(&path, "%s/work/%s", spool_dir(p->spool), name.buf);
		if (access(path.buf, F_OK) == 0)
			goto next;	/* still in work/: recovery takes it up */
		sb_reset(&path);
		if (!strcmp(status, "corrupt"))
			sb_addf(&path, "%s/corrupt/%s", spool_dir(p->spool), name.buf);
		else
			sb_addf(&path, "%s/archive/%s/%s", spool_dir(p->spool), day, name.buf);
		int fd = open(path.buf, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0)
			goto next;
		int same = util_sha256_fd(fd, sha) == 0 && !strcmp(sha, store_col_text(st, 4));
		close(fd);
		if (!same)
			goto next;
		sqlite3_stmt *up = store_prepare(p->store, "UPDATE faxes SET archived = ?,"
						 " work_name = NULL WHERE id = ?");
		if (up) {
			sqlite3_bind_text(up, 1, path.buf, -1, SQLITE_STATIC);
			sqlite3_bind_int64(up, 2, id);
			if (sqlite3_step(up) == SQLITE_DONE)
				log_info("F-%06lld: recorded where it was archived: '%s'", (long long)id,
					 path.buf);
			sqlite3_finalize(up);
		}
next:
		sb_release(&name);
		sb_release(&path);
	}
	sqlite3_finalize(st);
}

static int pipe_commit(struct pipeline *p, struct pipe_fax *f)
{
	if (f->committed_id) {
		/* committed before a crash: only the move was missing */
		pipe_finish_file(p, f, f->committed_id, f->committed_status);
		return 0;
	}
	long long t0 = thread_cpu_us();
	int64_t fax_id = 0;
	int ndocs = 0;
	long long us_grouping = 0;
	if (store_begin(p->store))
		return -1;
	if (pipe_commit_rows(p, f, &fax_id, &ndocs, &us_grouping) || store_commit(p->store)) {
		store_rollback(p->store);
		if (f->held)
			log_warn("'%s' stays in line: %s (see above)", f->shown, f->held);
		else
			log_warn("'%s' stays in line: could not be recorded (%s)", f->shown,
				 sqlite3_errmsg(p->store->db));
		p->stats.failed++;
		return -1;
	}
	const char *status = f->duplicate_of ? "duplicate" : f->reason ? "corrupt" : "processed";
	pipe_finish_file(p, f, fax_id, status);
	p->stats.us_db += thread_cpu_us() - t0 - us_grouping;
	p->stats.us_rules += us_grouping;
	p->stats.faxes++;
	p->stats.pages += f->npages;
	p->stats.documents += ndocs;
	if (f->duplicate_of)
		p->stats.duplicates++;
	if (f->reason)
		p->stats.corrupt++;
	char fid[16], day[40];
	store_fax_id(fax_id, fid);
	util_format_iso(f->receipt, day, sizeof day);
	if (f->reason)
		log_info("%s '%s' received %s: corrupt (%s: %s)", fid, f->shown, day, f->reason,
			 f->why.buf);
	else if (f->duplicate_of)
		log_info("%s '%s' received %s: duplicate of F-%06lld", fid, f->shown, day,
			 (long long)f->duplicate_of);
	else
		log_info("%s '%s' received %s: %d page%s, %d document%s", fid, f->shown, day,
			 f->npages, f->npages == 1 ? "" : "s", ndocs, ndocs == 1 ? "" : "s");
	return 0;
}

/* ------------------------------------------------------------- driving */

static void pipe_progress(struct pipeline *p, int done, int total, long long t0)
{
	if (!isatty(STDERR_FILENO))
		return;
	double s = (now_us() - t0) / 1e6;
	fprintf(stderr, "\r%d/%d faxes, %d pages, %.1f pages/s   ", done, total, p->stats.pages,
		s > 0 ? p->stats.pages / s : 0.0);
	if (done == total)
		fputc('\n', stderr);
}

int pipeline_process(struct pipeline *p, char **work_paths, size_t n, volatile int *stop)
{
	struct pipe_fax *faxes = xcalloc(n ? n : 1, sizeof *faxes);
	size_t m = 0;
	int rc = 0;
	long long t0 = now_us();

	pipe_repair_places(p);
	pthread_mutex_lock(&p->lock);
	p->engine_error_said = false;
	pthread_mutex_unlock(&p->lock);

	for (size_t i = 0; i < n; i++) {
		struct pipe_fax *f = &faxes[m];
		f->work_path = xstrdup(work_paths[i]);
		const char *slash = strrchr(work_paths[i], '/');
		f->name = xstrdup(slash ? slash + 1 : work_paths[i]);
		struct strbuf q = STRBUF_INIT;
		spool_name_quote(&q, f->name);
		f->shown = sb_detach(&q);
		sb_init(&f->why);
		if (pipe_prepare(p, f)) {
			pipe_fax_free(f);
			memset(f, 0, sizeof *f);
			rc = -1;
			continue;
		}
		m++;
	}
	/* within a batch, a second copy of new bytes is a duplicate too */
	qsort(faxes, m, sizeof *faxes, pipe_cmp);

	size_t next_start = 0, next_commit = 0;
	size_t window = (size_t)p->nworkers * 2 + 1;
	while (next_commit < m) {
		while (next_start < m && next_start < next_commit + window &&
		       !(stop && *stop)) {
			struct pipe_fax *f = &faxes[next_start];
			for (size_t k = 0; k < next_start && !f->duplicate_of && !f->committed_id; k++)
				if (!strcmp(faxes[k].sha, f->sha) && !faxes[k].duplicate_of &&
				    !faxes[k].committed_id)
					f->duplicate_of = -1;	/* resolved at commit */
			pipe_start(p, f);
			next_start++;
		}
		if (next_commit >= next_start)
			break;	/* stopped */
		struct pipe_fax *f = &faxes[next_commit];
		pthread_mutex_lock(&p->lock);
		while (f->pages && f->pages_done < f->npages)
			pthread_cond_wait(&p->job_done, &p->lock);
		pthread_mutex_unlock(&p->lock);
		bool unresolved = false;
		if (f->duplicate_of == -1) {
			f->duplicate_of = 0;
			pipe_lookup(p, f);	/* the first copy is committed by now */
			/* unless its commit failed: this copy was never read, so it
			 * cannot stand in for it; both stay in line */
			unresolved = !f->duplicate_of && !f->committed_id;
		}
		if (f->held) {
			log_warn("'%s' stays in line: %s (see above)", f->shown, f->held);
			p->stats.failed++;
			rc = -1;
		} else if (unresolved) {
			log_warn("'%s' stays in line: the first copy of its content could not be"
				 " recorded", f->shown);
			p->stats.failed++;
			rc = -1;
		} else if (pipe_commit(p, f)) {
			rc = -1;
		}
		/* a long batch is progress too: the watchdog hears of each fax
		 * (notify_watchdog sends at most one ping per eighth of its
		 * timeout), so only a fax that hangs gets the daemon restarted */
		notify_watchdog();
		next_commit++;
		pipe_progress(p, (int)next_commit, (int)m, t0);
	}
	/* stopped early: faxes not started stay in work/ for the next run */
	long long tr = thread_cpu_us();
	p->derive_pending = intake_derive(p->in, p->store, "faxintake") != 0;
	if (p->derive_pending)
		rc = -1;
	p->stats.us_rules += thread_cpu_us() - tr;
	for (int i = 0; i < p->nworkers; i++) {
		struct ocr_timings *t = ocr_engine_timings(p->engines[i]);
		p->stats.us_clean += t->clean;
		p->stats.us_classify += t->classify;
		p->stats.us_field_ocr += t->field_ocr;
		p->stats.us_page_ocr += t->page_ocr;
		p->stats.us_decode += t->decode;
		p->stats.us_engine_start += t->engine_start;
		memset(t, 0, sizeof *t);
	}
	p->stats.wall_us += now_us() - t0;
	for (size_t i = 0; i < m; i++)
		pipe_fax_free(&faxes[i]);
	free(faxes);
	return rc;
}

void pipeline_print_timings(struct pipeline *p, FILE *out)
{
	const struct pipeline_stats *s = &p->stats;
	int pages = s->pages ? s->pages : 1;
	fprintf(out, "stage timings (CPU ms per page over %d pages, %d workers):\n", s->pages,
		p->nworkers);
	fprintf(out, "  tiff decode        %8.1f\n", s->us_decode / 1000.0 / pages);
	fprintf(out, "  clean + orient     %8.1f\n", s->us_clean / 1000.0 / pages);
	fprintf(out, "  classification     %8.1f\n", s->us_classify / 1000.0 / pages);
	fprintf(out, "  field OCR          %8.1f\n", s->us_field_ocr / 1000.0 / pages);
	fprintf(out, "  whole-page OCR     %8.1f\n", s->us_page_ocr / 1000.0 / pages);
	fprintf(out, "  validation + rules %8.1f\n", s->us_rules / 1000.0 / pages);
	fprintf(out, "  database           %8.1f\n", s->us_db / 1000.0 / pages);
	fprintf(out, "  wall time          %8.1f s, %.2f pages/s\n", s->wall_us / 1e6,
		s->wall_us ? s->pages / (s->wall_us / 1e6) : 0.0);
	/* once per worker that read a page, not per page; in the wall time */
	fprintf(out, "  engine start       %8.1f CPU ms in all\n", s->us_engine_start / 1000.0);
}

void pipeline_print_timings_kv(struct pipeline *p, FILE *out)
{
	const struct pipeline_stats *s = &p->stats;
	fprintf(out, "workers=%d\nfaxes=%d\npages=%d\ndocuments=%d\n", p->nworkers, s->faxes,
		s->pages, s->documents);
	fprintf(out, "us_decode=%lld\nus_clean=%lld\nus_classify=%lld\nus_field_ocr=%lld\n"
		"us_page_ocr=%lld\nus_rules=%lld\nus_db=%lld\nwall_us=%lld\nus_engine_start=%lld\n",
		s->us_decode, s->us_clean, s->us_classify, s->us_field_ocr, s->us_page_ocr, s->us_rules,
		s->us_db, s->wall_us, s->us_engine_start);
}
