/*
 * cmd_backup - `faxintake backup DIR`: a consistent copy of the home's
 * state while the daemon keeps running: DIR/faxintake.db (SQLite's online
 * backup API, one read transaction, so a snapshot of one instant; WAL
 * readers do not block the daemon's writes), DIR/faxintake.conf and
 * DIR/outbox/ (the ticket files written for the logistics system).
 * The spool is not copied: originals are the gateway's files, backed up
 * with the file system if at all (see dist/RESTORE.md).
 *
 * Failure policy: any failure stops the command with exit 1 and leaves an
 * earlier backup in DIR as it was: the database is written under a
 * temporary name, checked (PRAGMA integrity_check) and only then renamed
 * over DIR/faxintake.db; files are written atomically. A backup that
 * succeeded is recorded in the event log ("backup", with its sha256).
 */
#include "intake/intake.h"
#include "common/log.h"
#include "common/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char backup_usage[] =
	"usage: faxintake [-H HOME] backup DIR\n"
	"\n"
	"Writes a consistent copy of the database to DIR/faxintake.db (SQLite's\n"
	"online backup: safe while the daemon runs), and copies faxintake.conf and\n"
	"outbox/ into DIR. DIR is created (0750) if missing; an earlier backup in\n"
	"DIR is replaced only once the new one is complete and checked. The spool\n"
	"(the received originals) is not copied. The backup is recorded in the\n"
	"event log. To restore, see RESTORE.md (installed with the documentation).\n";

#define BACKUP_MAX_FILE (64u * 1024 * 1024)

/* Copies one regular file, atomically, keeping at most 0640. */
static int backup_copy_file(const char *from, const char *to)
{
	char *data = NULL;
	size_t len = 0;
	int rc = -1;
	if (util_read_file(from, BACKUP_MAX_FILE, &data, &len)) {
		log_error("cannot read '%s': %s", from, strerror(errno));
		goto out;
	}
	if (util_write_atomic(to, data, len, 0640)) {
		log_error("cannot write '%s': %s", to, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(data);
	return rc;
}

/* Copies the regular files of from/ into to/ (made 0750), folders
 * recursively; links and the like are skipped, names starting with a dot
 * (temporary files of an atomic write) too. Counts the files copied. */
static int backup_copy_tree(const char *from, const char *to, int depth, long *files)
{
	int rc = -1;
	DIR *dir = NULL;
	if (depth > 8) {
		log_warn("'%s' is nested too deep; not copied", from);
		return 0;
	}
	if (util_mkdir(to, 0750) && errno != EEXIST) {
		log_error("cannot create '%s': %s", to, strerror(errno));
		return -1;
	}
	dir = opendir(from);
	if (!dir) {
		log_error("cannot read '%s': %s", from, strerror(errno));
		return -1;
	}
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		struct stat st;
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;	/* gone meanwhile (the logistics system took it) */
		char *src = util_path_join(from, de->d_name);
		char *dst = util_path_join(to, de->d_name);
		int r = 0;
		if (S_ISREG(st.st_mode)) {
			r = backup_copy_file(src, dst);
			if (r == 0)
				(*files)++;
		} else if (S_ISDIR(st.st_mode)) {
			r = backup_copy_tree(src, dst, depth + 1, files);
		}
		free(src);
		free(dst);
		if (r)
			goto out;
	}
	rc = util_fsync_dir(to);
	if (rc)
		log_error("cannot sync '%s': %s", to, strerror(errno));
out:
	closedir(dir);
	return rc;
}

/* The online backup of src into a new file at path, as one snapshot. */
static int backup_database(struct store *src, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	int rc = -1;

	unlink(path);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		log_error("cannot create '%s': %s", path, dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", src->db, "main");
	if (!b) {
		log_error("cannot back up into '%s': %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	/* All pages in one step: one read transaction on the source, so the
	 * copy is the state of one instant however busy the daemon is (a
	 * stepwise copy restarts whenever another process writes). Busy only
	 * while a writer holds an exclusive lock, which WAL writers do not. */
	int step, tries = 0;
	while ((step = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || step == SQLITE_LOCKED) {
		if (++tries > 1200) {
			log_error("database '%s' stayed locked; no backup taken", src->path);
			goto out;
		}
		usleep(50000);
	}
	if (step != SQLITE_DONE) {
		log_error("cannot back up '%s' into '%s': %s", src->path, path, sqlite3_errstr(step));
		goto out;
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK) {
		b = NULL;
		log_error("cannot back up into '%s': %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	b = NULL;
	/* A backup is one self-contained file: no write-ahead log beside it. */
	char *msg = NULL;
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, &msg) != SQLITE_OK) {
		log_error("cannot finish '%s': %s", path, msg ? msg : sqlite3_errmsg(dst));
		sqlite3_free(msg);
		goto out;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW || strcmp(store_col_text(st, 0), "ok") != 0) {
		log_error("the copy '%s' fails its integrity check: %s", path,
			  st ? store_col_text(st, 0) : sqlite3_errmsg(dst));
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	rc = 0;
out:
	if (b)
		sqlite3_backup_finish(b);
	if (dst && sqlite3_close(dst) != SQLITE_OK && rc == 0) {
		log_error("cannot close '%s'", path);
		rc = -1;
	}
	return rc;
}

static int backup_sync_file(const char *path, char sha[65])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = -1;
	if (fd < 0 || fsync(fd) != 0 || util_sha256_fd(fd, sha) != 0)
		log_error("cannot sync '%s': %s", path, strerror(errno));
	else
		rc = 0;
	if (fd >= 0)
		close(fd);
	return rc;
}

int cmd_backup(struct intake *in, int argc, char **argv)
{
	int rc = EXIT_FAIL;
	struct store *s = NULL;
	char *db = NULL, *tmp = NULL, *conf = NULL, *outbox_from = NULL, *outbox_to = NULL;
	struct strbuf detail = STRBUF_INIT;
	long files = 0;

	if (intake_want_help(argc, argv, backup_usage))
		return EXIT_OK;
	if (argc == 3 && !strcmp(argv[1], "--"))
		argv++, argc--;
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1]))
		return intake_usage_error(backup_usage, "backup takes one folder: backup DIR");
	const char *dir = argv[1];

	s = intake_open_store(in);
	if (!s)
		goto out;
	umask(027);
	if (util_mkdir_p(dir, 0750)) {
		log_error("cannot create '%s': %s", dir, strerror(errno));
		goto out;
	}
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		log_error("'%s' is not a folder", dir);
		goto out;
	}

	db = util_path_join(dir, "faxintake.db");
	tmp = util_path_join(dir, ".faxintake.db.tmp");
	if (backup_database(s, tmp))
		goto out;
	char sha[65];
	if (backup_sync_file(tmp, sha))
		goto out;
	chmod(tmp, 0640);
	if (rename(tmp, db) != 0) {
		log_error("cannot rename '%s' to '%s': %s", tmp, db, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;

	conf = util_path_join(dir, "faxintake.conf");
	if (access(in->conf_path, F_OK) == 0 && backup_copy_file(in->conf_path, conf))
		goto out;
	outbox_from = intake_path(in, "outbox");
	outbox_to = util_path_join(dir, "outbox");
	if (access(outbox_from, F_OK) == 0 &&
	    backup_copy_tree(outbox_from, outbox_to, 0, &files))
		goto out;
	if (util_fsync_dir(dir)) {
		log_error("cannot sync '%s': %s", dir, strerror(errno));
		goto out;
	}

	int64_t faxes = store_int(s, "SELECT COUNT(*) FROM faxes", 0);
	int64_t tickets = store_int(s, "SELECT COUNT(*) FROM tickets", 0);
	char *real = realpath(dir, NULL);
	sb_addf(&detail, "dir=%s sha256=%s outbox-files=%ld", real ? real : dir, sha, files);
	free(real);
	if (store_begin(s) || store_event(s, in->actor, "backup", NULL, detail.buf) ||
	    store_commit(s)) {
		store_rollback(s);
		log_error("the backup in '%s' is complete, but it could not be recorded", dir);
		goto out;
	}
	log_info("backup in '%s': database (%lld faxes, %lld tickets, sha256 %.12s...), "
		 "settings, outbox (%ld files)",
		 dir, (long long)faxes, (long long)tickets, sha, files);
	rc = EXIT_OK;
out:
	if (tmp)
		unlink(tmp);
	store_close(&s);
	free(db);
	free(tmp);
	free(conf);
	free(outbox_from);
	free(outbox_to);
	sb_release(&detail);
	return rc;
}
