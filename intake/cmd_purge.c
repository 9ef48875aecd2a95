/*
 * cmd_purge - `faxintake purge --before DATE [--dry-run]`: removes the
 * archived originals (TIFF files under the spool) of faxes that no open
 * matter needs any more. The only command that deletes a spool file, and
 * only ever run by a person.
 *
 * Which faxes (cutoff = the start of DATE, Europe/Rome):
 *   - a fax with documents: every one of its documents is closed before
 *     the cutoff. A document is closed when it is accepted or rejected and
 *     every case it belongs to (documents.case_id, clerk_case and
 *     case_documents) is complete, rejected or cancelled with closed_at
 *     before the cutoff; a rejected document in no case counts as closed
 *     at its last event (else its creation). A waiting or review document,
 *     or a case still pending or in review, keeps the whole fax.
 *   - a fax with no documents (corrupt, duplicate, all pages blank):
 *     closed at its own processed_at. A duplicate is moreover kept as long
 *     as the fax it duplicates is kept by the rule above (its bytes are
 *     that fax's, and a reprocess may need either copy).
 * Everything in the database stays: fields, reasons, events, the fax row
 * (faxes.purged_at is set). Each removal is an event ("purge", object the
 * fax, detail: file, sha256, cutoff) by intake->actor.
 *
 * Safety: only a regular file below the spool's archive/ or corrupt/
 * folders is removed (entries refused unread, in refused/, are never
 * touched: they may be links or devices) (the path is resolved, symbolic links are not
 * followed), and only when its sha256 is the fax's: a file that is not
 * the original is kept and reported. The check, the event, the unlink
 * and the commit happen inside one write transaction per fax, so the log
 * never claims a removal that did not happen.
 *
 * The setting retention_days (0: no limit) is a floor: a DATE more recent
 * than now - retention_days is refused (exit 2).
 *
 * Exit: 0 done (nothing to remove included), 1 when a removal failed or a
 * file was not what the database says (each logged), 2 on bad usage.
 */
#include "intake/intake.h"
#include "common/log.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char purge_usage[] =
	"usage: faxintake [-H HOME] purge --before DATE [--dry-run] [--as NAME]\n"
	"\n"
	"Removes the archived originals (the received TIFF files) of faxes whose\n"
	"every document belongs to a case closed (complete, rejected, cancelled)\n"
	"before DATE (YYYY-MM-DD, the start of that day, Europe/Rome). Faxes with no\n"
	"document (corrupt, duplicate) go by the day they were processed; a\n"
	"duplicate stays while the fax it copies stays. Nothing of an open case,\n"
	"nor of a document waiting or in review, is ever removed. Every field,\n"
	"reason and event stays in the database; each removal is recorded in the\n"
	"event log with the file and its sha256. A DATE more recent than\n"
	"retention_days ago is refused.\n"
	"\n"
	"  --before DATE   remove what was closed before this day\n"
	"  --dry-run       list what would be removed, remove nothing\n";

/* A document that does not hold its fax back (see the file's comment).
 * ?2 is the cutoff. Every lookup goes by an index (cases by id,
 * case_documents by document_id, events by object). */
#define PURGE_DOC_CASES                                                                \
	"(SELECT d.case_id UNION ALL SELECT d.clerk_case UNION ALL"                    \
	" SELECT cd.case_id FROM case_documents cd WHERE cd.document_id = d.id)"
#define PURGE_DOC_CLOSED                                                               \
	"(d.status IN ('accepted','rejected')"                                         \
	" AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id IN " PURGE_DOC_CASES        \
	"   AND NOT (c.status IN ('complete','rejected','cancelled')"                   \
	"            AND c.closed_at IS NOT NULL AND c.closed_at < ?2))"               \
	" AND (EXISTS (SELECT 1 FROM cases c WHERE c.id IN " PURGE_DOC_CASES ")"       \
	"   OR (d.status = 'rejected' AND MAX(d.created_at, COALESCE((SELECT MAX(e.at)" \
	"       FROM events e WHERE e.object = printf('D-%06d', d.id)), 0)) < ?2)))"

static const char purge_fax_sql[] =
	"SELECT f.processed_at, f.duplicate_of,"
	" (SELECT COUNT(*) FROM documents d WHERE d.fax_id = f.id),"
	" (SELECT COUNT(*) FROM documents d WHERE d.fax_id = f.id AND NOT " PURGE_DOC_CLOSED ")"
	" FROM faxes f WHERE f.id = ?1";

struct purge {
	struct intake *in;
	struct store *s;
	sqlite3_stmt *fax_st;
	time_t cutoff;
	const char *date;
	bool dry_run;
	char spool_real[PATH_MAX];
	long removed, kept, failed, missing;
	unsigned long long bytes;
};

/* 1 when no open matter needs the fax's original any more, 0 when one
 * does, -1 on a database error. */
static int purge_fax_closed(struct purge *p, int64_t id, int depth)
{
	sqlite3_stmt *st = p->fax_st;
	int rc = -1;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)p->cutoff);
	int step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		return 0;	/* a duplicate_of pointing nowhere: keep */
	if (step != SQLITE_ROW) {
		log_error("database '%s': %s", p->s->path, sqlite3_errmsg(p->s->db));
		return -1;
	}
	time_t processed = (time_t)sqlite3_column_int64(st, 0);
	bool is_dup = sqlite3_column_type(st, 1) != SQLITE_NULL;
	int64_t original = sqlite3_column_int64(st, 1);
	int64_t docs = sqlite3_column_int64(st, 2);
	int64_t open_docs = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (open_docs > 0)
		return 0;
	if (docs == 0 && processed >= p->cutoff)
		return 0;
	if (is_dup && original != id) {
		if (depth >= 8)
			return 0;
		return purge_fax_closed(p, original, depth + 1);
	}
	rc = 1;
	return rc;
}

/* Opens the folder holding path after checking that it lies below the
 * spool's archive/ or corrupt/; *name gets the last component (points into
 * path). Returns a directory descriptor, -2 for an entry in refused/ (left
 * alone), or -1 (logged). */
static int purge_open_parent(struct purge *p, const char *path, const char **name)
{
	char *parent = NULL, real[PATH_MAX];
	int fd = -1;
	const char *slash = strrchr(path, '/');
	if (!slash || !slash[1]) {
		log_warn("'%s' is not a file path; kept", path);
		return -1;
	}
	*name = slash + 1;
	parent = xstrndup(path, (size_t)(slash - path) + (slash == path));
	if (!realpath(parent, real)) {
		log_warn("cannot resolve '%s': %s; kept", parent, strerror(errno));
		goto out;
	}
	size_t n = strlen(p->spool_real);
	const char *rest = real + n;
	if (!strncmp(real, p->spool_real, n) && !strcmp(rest, "/refused")) {
		/* refused unread (a link, a device, a bad name): never purged,
		 * a person looks at those */
		fd = -2;
		goto out;
	}
	if (strncmp(real, p->spool_real, n) != 0 ||
	    !(!strcmp(rest, "/corrupt") || !strncmp(rest, "/archive/", 9))) {
		log_warn("'%s' is not in the spool's archive/ or corrupt/ ('%s'); kept", path,
			 p->spool_real);
		goto out;
	}
	fd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		log_warn("cannot open '%s': %s; kept", real, strerror(errno));
out:
	free(parent);
	return fd;
}

/* Removes one fax's original inside a write transaction (with --dry-run:
 * makes every check and says what it would remove). 1 removed, 0 kept
 * (not eligible), -1 failed (logged, counted). */
static int purge_one(struct purge *p, int64_t id, const char *archived, const char *want_sha)
{
	char fid[16], sha[65] = "";
	char *path = NULL;
	const char *name = NULL;
	int dfd = -1, fd = -1, rc = -1;
	struct strbuf detail = STRBUF_INIT;
	sqlite3_stmt *up = NULL;
	bool gone = false;
	struct stat st;

	store_fax_id(id, fid);
	path = archived[0] == '/' ? xstrdup(archived) : intake_spool_path(p->in, archived);
	if (!p->dry_run && store_begin(p->s))
		goto out;
	/* decided again under the write lock: a clerk may have reopened it */
	int closed = purge_fax_closed(p, id, 0);
	if (closed <= 0) {
		rc = closed;
		goto out;
	}
	dfd = purge_open_parent(p, path, &name);
	if (dfd == -2)
		rc = 0;
	if (dfd < 0)
		goto out;
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		gone = true;
	} else if (fd < 0 || fstat(fd, &st) != 0) {
		log_warn("cannot open '%s': %s; kept", path, strerror(errno));
		goto out;
	} else if (!S_ISREG(st.st_mode) || st.st_nlink != 1) {
		log_warn("'%s' is not a regular file with one link; kept", path);
		goto out;
	} else if (util_sha256_fd(fd, sha)) {
		log_warn("cannot read '%s': %s; kept", path, strerror(errno));
		goto out;
	} else if (strcmp(sha, want_sha) != 0) {
		log_warn("'%s' is not the original of %s (sha256 %.12s..., expected %.12s...); kept",
			 path, fid, sha, want_sha);
		goto out;
	}

	if (p->dry_run) {
		printf("would remove %s %s%s\n", fid, path, gone ? " (already gone)" : "");
		if (gone)
			p->missing++;
		else
			p->bytes += (unsigned long long)st.st_size;
		rc = 1;
		goto out;
	}
	sb_addf(&detail, "before=%s ", p->date);
	if (util_utf8_valid(path, strlen(path))) {
		sb_addf(&detail, "file=%s", path);
	} else {
		char *hex = util_hex(path, strlen(path));
		sb_addf(&detail, "file-hex=%s", hex);
		free(hex);
	}
	if (gone)
		sb_addf(&detail, " missing: already gone, expected sha256=%s", want_sha);
	else
		sb_addf(&detail, " sha256=%s bytes=%lld", sha, (long long)st.st_size);
	up = store_prepare(p->s, "UPDATE faxes SET purged_at = ?1 WHERE id = ?2");
	if (!up)
		goto out;
	sqlite3_bind_int64(up, 1, (sqlite3_int64)util_now());
	sqlite3_bind_int64(up, 2, id);
	if (sqlite3_step(up) != SQLITE_DONE) {
		log_error("database '%s': %s", p->s->path, sqlite3_errmsg(p->s->db));
		goto out;
	}
	if (store_event(p->s, p->in->actor, "purge", fid, detail.buf))
		goto out;
	if (!gone) {
		struct stat now_st;
		if (fstatat(dfd, name, &now_st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    now_st.st_ino != st.st_ino || now_st.st_dev != st.st_dev) {
			log_warn("'%s' changed while it was checked; kept", path);
			goto out;
		}
		if (unlinkat(dfd, name, 0) != 0) {
			log_error("cannot remove '%s': %s", path, strerror(errno));
			goto out;
		}
		if (fsync(dfd) != 0)
			log_warn("cannot sync the folder of '%s': %s", path, strerror(errno));
	}
	if (store_commit(p->s)) {
		/* the file is gone but the record is not: say everything we know */
		log_error("removed '%s' (%s, sha256 %s) but could not record it", path, fid, sha);
		goto out;
	}
	if (gone) {
		log_warn("'%s' (%s) was already gone; recorded as purged", path, fid);
		p->missing++;
	} else {
		printf("removed %s %s sha256=%s\n", fid, path, sha);
		p->bytes += (unsigned long long)st.st_size;
	}
	rc = 1;
out:
	if (rc != 1 || p->dry_run)
		store_rollback(p->s);
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	sqlite3_finalize(up);
	sb_release(&detail);
	free(path);
	return rc;
}

/* The start of DATE in Europe/Rome, whatever gateway_tz says. */
static time_t purge_cutoff(const struct intake *in, const char *date)
{
	if (util_set_timezone("Europe/Rome"))
		return util_day_start(date);
	time_t t = util_day_start(date);
	util_set_timezone(in->cfg.gateway_tz);
	return t;
}

static int purge_run(struct purge *p)
{
	sqlite3_stmt *list = store_prepare(
		p->s, "SELECT id, archived, sha256 FROM faxes"
		      " WHERE archived IS NOT NULL AND archived <> '' AND purged_at IS NULL"
		      " ORDER BY id");
	if (!list)
		return -1;
	int step;
	/* the candidates first: the listing must not hold a read transaction
	 * across the per-fax write transactions */
	struct cand { int64_t id; char *archived; char sha[65]; } *c = NULL;
	size_t n = 0, cap = 0;
	while ((step = sqlite3_step(list)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			c = xrealloc(c, cap * sizeof *c);
		}
		c[n].id = sqlite3_column_int64(list, 0);
		c[n].archived = xstrdup(store_col_text(list, 1));
		snprintf(c[n].sha, sizeof c[n].sha, "%s", store_col_text(list, 2));
		n++;
	}
	sqlite3_finalize(list);
	int rc = step == SQLITE_DONE ? 0 : -1;
	if (rc)
		log_error("database '%s': %s", p->s->path, sqlite3_errmsg(p->s->db));

	for (size_t i = 0; i < n && rc == 0; i++) {
		int r = purge_one(p, c[i].id, c[i].archived, c[i].sha);
		if (r > 0)
			p->removed++;
		else if (r == 0)
			p->kept++;
		else
			p->failed++;
	}
	for (size_t i = 0; i < n; i++)
		free(c[i].archived);
	free(c);
	return rc;
}

int cmd_purge(struct intake *in, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "before", required_argument, NULL, 'b' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct purge p = { .in = in };
	int c, rc = EXIT_FAIL;

	if (intake_want_help(argc, argv, purge_usage))
		return EXIT_OK;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'b': p.date = optarg; break;
		case 'n': p.dry_run = true; break;
		default: return intake_usage_error(purge_usage, "unknown option");
		}
	}
	if (optind != argc)
		return intake_usage_error(purge_usage, "unexpected argument '%s'", argv[optind]);
	if (!p.date)
		return intake_usage_error(purge_usage, "purge needs --before DATE");
	p.cutoff = purge_cutoff(in, p.date);
	if (p.cutoff == (time_t)-1)
		return intake_usage_error(purge_usage, "--before wants a date YYYY-MM-DD, not '%s'",
					  p.date);
	time_t now = util_now();
	if (in->cfg.retention_days > 0 &&
	    p.cutoff > now - (time_t)in->cfg.retention_days * 86400) {
		char latest[16];
		util_format_date(now - (time_t)in->cfg.retention_days * 86400, latest, sizeof latest);
		log_error("--before %s is more recent than retention_days = %d allows (at most %s)",
			  p.date, in->cfg.retention_days, latest);
		return EXIT_USAGE;
	}
	if (!realpath(in->cfg.spool_dir, p.spool_real)) {
		log_error("cannot resolve the spool '%s': %s", in->cfg.spool_dir, strerror(errno));
		return EXIT_FAIL;
	}

	p.s = intake_open_store(in);
	if (!p.s)
		return EXIT_FAIL;
	p.fax_st = store_prepare(p.s, purge_fax_sql);
	if (!p.fax_st)
		goto out;
	if (purge_run(&p))
		goto out;
	if (!p.dry_run) {
		struct strbuf detail = STRBUF_INIT;
		sb_addf(&detail, "before=%s removed=%ld bytes=%llu kept=%ld failed=%ld missing=%ld",
			p.date, p.removed - p.missing, p.bytes, p.kept, p.failed, p.missing);
		if (store_begin(p.s) || store_event(p.s, in->actor, "purge-run", NULL, detail.buf) ||
		    store_commit(p.s))
			store_rollback(p.s);
		sb_release(&detail);
		log_info("purge before %s: %ld original%s removed (%.1f MiB), %ld kept (open cases, "
			 "documents waiting or in review)%s",
			 p.date, p.removed - p.missing, p.removed - p.missing == 1 ? "" : "s",
			 (double)p.bytes / (1024.0 * 1024.0), p.kept,
			 p.failed || p.missing ? "; some need attention (see above)" : "");
	} else {
		log_info("purge before %s (dry run): %ld original%s would be removed (%.1f MiB), "
			 "%ld kept%s",
			 p.date, p.removed - p.missing, p.removed - p.missing == 1 ? "" : "s",
			 (double)p.bytes / (1024.0 * 1024.0), p.kept,
			 p.failed || p.missing ? "; some need attention (see above)" : "");
	}
	rc = p.failed || p.missing ? EXIT_FAIL : EXIT_OK;
out:
	sqlite3_finalize(p.fax_st);
	store_close(&p.s);
	return rc;
}
