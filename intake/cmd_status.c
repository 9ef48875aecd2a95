/*
 * cmd_status - `faxintake status [--format text|xml]`: is the daemon
 * running, is anything stuck, is space running out. For people (text) and
 * for monitoring (XML, schemas/status.xsd; Nagios-style: exit 1 means
 * "look at this").
 *
 * Failure policy: status never changes anything (read-only database, the
 * spool only listed, the pid lock only tested). What it cannot look at
 * (an unreadable folder, a database that does not open) is itself a
 * problem in the report, not a reason to stop: the report is always
 * printed. Exit 0 when healthy, 1 when at least one problem is listed,
 * 2 on bad usage.
 */
#include "intake/intake.h"
#include "intake/pidfile.h"
#include "spool/spool.h"
#include "common/log.h"
#include "common/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static const char status_usage[] =
	"usage: faxintake [-H HOME] status [--format text|xml]\n"
	"\n"
	"Tells whether the daemon runs (the lock on HOME/faxintake.pid) and since\n"
	"when, the spool's backlog (files in incoming/ and work/, the oldest one's\n"
	"age by its mtime; what lies in corrupt/ and refused/), the last fax\n"
	"processed (its outcome and reason codes), the documents waiting for a\n"
	"clerk, the free space of the home's and the spool's file systems and the\n"
	"database's size. Exit 0 when all is well; 1 when something needs\n"
	"attention (the daemon is down, the oldest waiting fax is older than\n"
	"backlog_alert_s, free space is under min_free_mb), each problem listed.\n"
	"--format xml follows schemas/status.xsd (urn:faxintake:status:1).\n";

#define STATUS_MAX_PROBLEMS 16
#define MIB (1024.0 * 1024.0)

struct status_dir {
	const char *name;	/* "incoming", "work", "corrupt", "refused" */
	bool held;		/* corrupt/, refused/: kept aside, not waiting */
	bool readable;
	size_t files;		/* regular files waiting; entries when held */
	size_t in_progress;	/* the gateway's work in progress (.x, .tmp, .part) */
	size_t future;		/* files whose mtime is in the future */
	bool have_oldest;
	time_t oldest;		/* oldest mtime not in the future */
};

struct status_fs {
	const char *role;	/* "home" or "spool" */
	const char *path;
	bool ok;
	unsigned long long free_bytes;
};

struct status_problem {
	const char *code;
	char text[256];
};

struct status_report {
	time_t now;
	int daemon;		/* 1 running, 0 not, -1 unknown */
	pid_t pid;
	time_t since;
	struct status_dir dirs[4];	/* the waiting ones first */
	bool db_ok;
	bool have_last;
	int64_t last_id;
	time_t last_processed, last_received;
	char last_status[16];
	int64_t last_docs;
	char last_outcome[128];
	char last_reasons[128];	/* the fax's own reason codes, e.g. UNREADABLE_FILE */
	int64_t review;
	time_t review_oldest;
	struct status_fs fs[2];
	long long db_bytes, wal_bytes;
	struct status_problem problems[STATUS_MAX_PROBLEMS];
	int n_problems;
};

static void status_problem(struct status_report *r, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void status_problem(struct status_report *r, const char *code, const char *fmt, ...)
{
	if (r->n_problems >= STATUS_MAX_PROBLEMS)
		return;
	struct status_problem *p = &r->problems[r->n_problems++];
	va_list ap;
	p->code = code;
	va_start(ap, fmt);
	vsnprintf(p->text, sizeof p->text, fmt, ap);
	va_end(ap);
}

static void status_scan_dir(struct status_report *r, const struct intake *in, struct status_dir *d)
{
	char *path = intake_spool_path(in, d->name);
	DIR *dir = opendir(path);
	if (!dir) {
		status_problem(r, "SPOOL_UNREADABLE", "cannot read '%s': %s", path, strerror(errno));
		free(path);
		return;
	}
	d->readable = true;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (d->held) {
			d->files++;	/* kept aside: whatever it is */
			continue;
		}
		if (spool_name_in_progress(de->d_name)) {
			d->in_progress++;
			continue;
		}
		struct stat st;
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		d->files++;
		if (st.st_mtime > r->now) {
			d->future++;
			continue;
		}
		if (!d->have_oldest || st.st_mtime < d->oldest) {
			d->oldest = st.st_mtime;
			d->have_oldest = true;
		}
	}
	closedir(dir);
	free(path);
}

static void status_space(struct status_report *r, const struct intake *in, struct status_fs *fs)
{
	struct statvfs vfs;
	if (statvfs(fs->path, &vfs) != 0) {
		status_problem(r, "SPACE_UNKNOWN", "cannot look at the file system of '%s': %s",
			       fs->path, strerror(errno));
		return;
	}
	fs->ok = true;
	fs->free_bytes = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
	unsigned long long min = (unsigned long long)in->cfg.min_free_mb * 1024 * 1024;
	if (fs->free_bytes < min)
		status_problem(r, "LOW_SPACE",
			       "%s file system ('%s'): %.1f MiB free, under min_free_mb = %d "
			       "(no new fax is claimed)",
			       fs->role, fs->path, (double)fs->free_bytes / MIB, in->cfg.min_free_mb);
}

static void status_database(struct status_report *r, struct intake *in)
{
	struct stat st;
	r->db_bytes = stat(in->db_path, &st) == 0 ? (long long)st.st_size : -1;
	char *wal = xmalloc(strlen(in->db_path) + 5);
	sprintf(wal, "%s-wal", in->db_path);
	r->wal_bytes = stat(wal, &st) == 0 ? (long long)st.st_size : 0;
	free(wal);
	if (r->db_bytes < 0) {
		status_problem(r, "DATABASE", "no database at '%s'", in->db_path);
		return;
	}

	struct store *s = intake_open_store_ro(in);
	if (!s) {
		status_problem(r, "DATABASE", "cannot open the database '%s'", in->db_path);
		return;
	}
	r->db_ok = true;
	sqlite3_stmt *st_last = store_prepare(
		s, "SELECT f.id, f.processed_at, f.received, f.status,"
		   " (SELECT COUNT(*) FROM documents d WHERE d.fax_id = f.id),"
		   " (SELECT group_concat(n || ' ' || status, ', ') FROM"
		   "   (SELECT status, COUNT(*) AS n FROM documents d WHERE d.fax_id = f.id"
		   "    GROUP BY status ORDER BY status)),"
		   " (SELECT group_concat(code, ' ') FROM (SELECT DISTINCT code FROM reasons r"
		   "   WHERE r.fax_id = f.id AND r.document_id IS NULL ORDER BY code))"
		   " FROM faxes f ORDER BY f.processed_at DESC, f.id DESC LIMIT 1");
	if (st_last && sqlite3_step(st_last) == SQLITE_ROW) {
		r->have_last = true;
		r->last_id = sqlite3_column_int64(st_last, 0);
		r->last_processed = (time_t)sqlite3_column_int64(st_last, 1);
		r->last_received = (time_t)sqlite3_column_int64(st_last, 2);
		snprintf(r->last_status, sizeof r->last_status, "%s", store_col_text(st_last, 3));
		r->last_docs = sqlite3_column_int64(st_last, 4);
		snprintf(r->last_outcome, sizeof r->last_outcome, "%s", store_col_text(st_last, 5));
		snprintf(r->last_reasons, sizeof r->last_reasons, "%s", store_col_text(st_last, 6));
	}
	sqlite3_finalize(st_last);
	sqlite3_stmt *st_rev = store_prepare(
		s, "SELECT COUNT(*), MIN(created_at) FROM documents WHERE status = 'review'");
	if (st_rev && sqlite3_step(st_rev) == SQLITE_ROW) {
		r->review = sqlite3_column_int64(st_rev, 0);
		r->review_oldest = (time_t)sqlite3_column_int64(st_rev, 1);
	}
	sqlite3_finalize(st_rev);
	store_close(&s);
}

static void status_collect(struct status_report *r, struct intake *in)
{
	r->now = util_now();

	char *pid_path = intake_path(in, "faxintake.pid");
	r->daemon = pidfile_query(pid_path, &r->pid, &r->since);
	if (r->daemon == 0)
		status_problem(r, "DAEMON_DOWN", "the daemon is not running (no lock on '%s')",
			       pid_path);
	else if (r->daemon < 0)
		status_problem(r, "DAEMON_UNKNOWN", "cannot tell whether the daemon runs: '%s': %s",
			       pid_path, strerror(errno));
	free(pid_path);

	r->dirs[0] = (struct status_dir){ .name = "incoming" };
	r->dirs[1] = (struct status_dir){ .name = "work" };
	r->dirs[2] = (struct status_dir){ .name = "corrupt", .held = true };
	r->dirs[3] = (struct status_dir){ .name = "refused", .held = true };
	for (int i = 0; i < 4; i++)
		status_scan_dir(r, in, &r->dirs[i]);
	const struct status_dir *old = NULL;
	for (int i = 0; i < 2; i++)
		if (r->dirs[i].have_oldest && (!old || r->dirs[i].oldest < old->oldest))
			old = &r->dirs[i];
	if (old && r->now - old->oldest > in->cfg.backlog_alert_s)
		status_problem(r, "BACKLOG",
			       "a fax has waited in %s/ for %lld s (by its mtime), more than "
			       "backlog_alert_s = %d",
			       old->name, (long long)(r->now - old->oldest), in->cfg.backlog_alert_s);

	r->fs[0] = (struct status_fs){ .role = "home", .path = in->home };
	r->fs[1] = (struct status_fs){ .role = "spool", .path = in->cfg.spool_dir };
	for (int i = 0; i < 2; i++)
		status_space(r, in, &r->fs[i]);

	status_database(r, in);
}

/* "3d 04h", "2h 05m", "7m 12s", "45s" */
static void status_age(struct strbuf *out, long long s)
{
	if (s < 0)
		s = 0;
	if (s >= 86400)
		sb_addf(out, "%lldd %02lldh", s / 86400, (s % 86400) / 3600);
	else if (s >= 3600)
		sb_addf(out, "%lldh %02lldm", s / 3600, (s % 3600) / 60);
	else if (s >= 60)
		sb_addf(out, "%lldm %02llds", s / 60, s % 60);
	else
		sb_addf(out, "%llds", s);
}

static void status_text(const struct status_report *r, const struct intake *in, struct strbuf *out)
{
	char t1[40], t2[40], id[16];

	sb_adds(out, "daemon:    ");
	if (r->daemon > 0) {
		sb_addf(out, "running, pid %ld", (long)r->pid);
		if (r->since) {
			sb_addf(out, ", since %s (", util_format_iso(r->since, t1, sizeof t1));
			status_age(out, (long long)(r->now - r->since));
			sb_adds(out, ")");
		}
	} else {
		sb_adds(out, r->daemon == 0 ? "not running" : "unknown");
	}
	sb_addc(out, '\n');

	sb_addf(out, "spool:     %s\n", in->cfg.spool_dir);
	for (int i = 0; i < 4; i++) {
		const struct status_dir *d = &r->dirs[i];
		sb_addf(out, "  %-9s", d->name);
		if (!d->readable) {
			sb_adds(out, "cannot be read\n");
			continue;
		}
		sb_addf(out, "%zu file%s", d->files, d->files == 1 ? "" : "s");
		if (d->held && d->files)
			sb_adds(out, !strcmp(d->name, "refused")
				     ? " (refused unread: links, devices or bad names; look at them)"
				     : " (could not be read at all; kept)");
		if (d->have_oldest) {
			sb_adds(out, ", oldest ");
			status_age(out, (long long)(r->now - d->oldest));
			sb_adds(out, " old by its mtime");
		}
		if (d->in_progress)
			sb_addf(out, "; %zu being written by the gateway", d->in_progress);
		sb_addc(out, '\n');
		if (d->future)
			sb_addf(out, "  note: %zu file%s in %s/ %s an mtime in the future (the gateway's "
				     "clock or NFS?); mtimes can lie, so ages are a hint\n",
				d->future, d->future == 1 ? "" : "s", d->name,
				d->future == 1 ? "has" : "have");
	}

	sb_adds(out, "last fax:  ");
	if (!r->db_ok)
		sb_adds(out, "unknown (no database)\n");
	else if (!r->have_last)
		sb_adds(out, "none processed yet\n");
	else {
		store_fax_id(r->last_id, id);
		sb_addf(out, "%s processed %s (received %s): %s", id,
			util_format_iso(r->last_processed, t1, sizeof t1),
			util_format_iso(r->last_received, t2, sizeof t2), r->last_status);
		if (r->last_reasons[0])
			sb_addf(out, " (%s)", r->last_reasons);
		if (r->last_docs)
			sb_addf(out, ", %lld document%s (%s)", (long long)r->last_docs,
				r->last_docs == 1 ? "" : "s", r->last_outcome);
		sb_addc(out, '\n');
	}

	if (r->db_ok) {
		sb_addf(out, "review:    %lld document%s waiting for a clerk", (long long)r->review,
			r->review == 1 ? "" : "s");
		if (r->review) {
			sb_adds(out, ", the oldest for ");
			status_age(out, (long long)(r->now - r->review_oldest));
		}
		sb_addc(out, '\n');
	}

	for (int i = 0; i < 2; i++) {
		const struct status_fs *fs = &r->fs[i];
		sb_addf(out, "space:     %-6s", fs->role);
		if (fs->ok)
			sb_addf(out, "%.1f MiB free on '%s' (min_free_mb = %d)\n",
				(double)fs->free_bytes / MIB, fs->path, in->cfg.min_free_mb);
		else
			sb_addf(out, "unknown ('%s')\n", fs->path);
	}

	if (r->db_bytes >= 0)
		sb_addf(out, "database:  %.1f MiB (+ %.1f MiB write-ahead log) '%s'\n",
			(double)r->db_bytes / MIB, (double)r->wal_bytes / MIB, in->db_path);

	if (!r->n_problems) {
		sb_adds(out, "status:    ok\n");
		return;
	}
	sb_addf(out, "status:    %d problem%s\n", r->n_problems, r->n_problems == 1 ? "" : "s");
	for (int i = 0; i < r->n_problems; i++)
		sb_addf(out, "problem:   %s: %s\n", r->problems[i].code, r->problems[i].text);
}

/* A path as an attribute; left out when it is not valid UTF-8. */
static void status_xml_path(struct strbuf *out, const char *attr, const char *path)
{
	if (!util_utf8_valid(path, strlen(path)))
		return;
	sb_addf(out, " %s=\"", attr);
	sb_add_xml(out, path);
	sb_addc(out, '"');
}

static void status_xml(const struct status_report *r, const struct intake *in, struct strbuf *out)
{
	char t1[40], t2[40], id[16];

	sb_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<status xmlns=\"urn:faxintake:status:1\" version=\"%s\" at=\"%s\" "
		     "healthy=\"%s\"",
		FAXINTAKE_VERSION, util_format_iso(r->now, t1, sizeof t1),
		r->n_problems ? "false" : "true");
	status_xml_path(out, "home", in->home);
	sb_adds(out, ">\n");

	sb_addf(out, "  <daemon running=\"%s\"",
		r->daemon > 0 ? "true" : r->daemon == 0 ? "false" : "unknown");
	if (r->daemon > 0 && r->pid)
		sb_addf(out, " pid=\"%ld\"", (long)r->pid);
	if (r->daemon > 0 && r->since)
		sb_addf(out, " since=\"%s\"", util_format_iso(r->since, t1, sizeof t1));
	sb_adds(out, "/>\n");

	sb_adds(out, "  <spool");
	status_xml_path(out, "dir", in->cfg.spool_dir);
	sb_addf(out, " backlog-alert-s=\"%d\">\n", in->cfg.backlog_alert_s);
	for (int i = 0; i < 4; i++) {
		const struct status_dir *d = &r->dirs[i];
		sb_addf(out, "    <%s readable=\"%s\" files=\"%zu\" in-progress=\"%zu\" "
			     "future-mtimes=\"%zu\"",
			d->name, d->readable ? "true" : "false", d->files, d->in_progress, d->future);
		if (d->have_oldest)
			sb_addf(out, " oldest-mtime=\"%s\" oldest-age-s=\"%lld\"",
				util_format_iso(d->oldest, t1, sizeof t1),
				(long long)(r->now - d->oldest));
		sb_adds(out, "/>\n");
	}
	sb_adds(out, "  </spool>\n");

	if (r->have_last) {
		store_fax_id(r->last_id, id);
		sb_addf(out, "  <last-fax id=\"%s\" processed=\"%s\" received=\"%s\" status=\"%s\" "
			     "documents=\"%lld\"",
			id, util_format_iso(r->last_processed, t1, sizeof t1),
			util_format_iso(r->last_received, t2, sizeof t2), r->last_status,
			(long long)r->last_docs);
		if (r->last_reasons[0]) {
			sb_adds(out, " reasons=\"");
			sb_add_xml(out, r->last_reasons);
			sb_addc(out, '"');
		}
		if (r->last_docs) {
			sb_adds(out, " outcome=\"");
			sb_add_xml(out, r->last_outcome);
			sb_addc(out, '"');
		}
		sb_adds(out, "/>\n");
	}
	if (r->db_ok) {
		sb_addf(out, "  <review documents=\"%lld\"", (long long)r->review);
		if (r->review)
			sb_addf(out, " oldest=\"%s\"", util_format_iso(r->review_oldest, t1, sizeof t1));
		sb_adds(out, "/>\n");
	}
	for (int i = 0; i < 2; i++) {
		const struct status_fs *fs = &r->fs[i];
		sb_addf(out, "  <space role=\"%s\"", fs->role);
		status_xml_path(out, "path", fs->path);
		if (fs->ok)
			sb_addf(out, " free-mb=\"%llu\"", fs->free_bytes / (1024 * 1024));
		sb_addf(out, " min-free-mb=\"%d\"/>\n", in->cfg.min_free_mb);
	}
	if (r->db_bytes >= 0) {
		sb_adds(out, "  <database");
		status_xml_path(out, "path", in->db_path);
		sb_addf(out, " bytes=\"%lld\" wal-bytes=\"%lld\"/>\n", r->db_bytes, r->wal_bytes);
	}
	for (int i = 0; i < r->n_problems; i++) {
		sb_addf(out, "  <problem code=\"%s\">", r->problems[i].code);
		sb_add_xml(out, r->problems[i].text);
		sb_adds(out, "</problem>\n");
	}
	sb_adds(out, "</status>\n");
}

int cmd_status(struct intake *in, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	bool xml = false;
	int c;

	if (intake_want_help(argc, argv, status_usage))
		return EXIT_OK;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c != 'f')
			return intake_usage_error(status_usage, "unknown option");
		if (!strcmp(optarg, "xml"))
			xml = true;
		else if (strcmp(optarg, "text") != 0)
			return intake_usage_error(status_usage, "--format is text or xml, not '%s'",
						  optarg);
	}
	if (optind != argc)
		return intake_usage_error(status_usage, "status takes no arguments");

	struct status_report *r = xcalloc(1, sizeof *r);
	struct strbuf out = STRBUF_INIT;
	status_collect(r, in);
	if (xml)
		status_xml(r, in, &out);
	else
		status_text(r, in, &out);
	fputs(out.buf, stdout);
	int rc = r->n_problems ? EXIT_FAIL : EXIT_OK;
	sb_release(&out);
	free(r);
	return rc;
}
