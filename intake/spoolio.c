/*
 * spoolio - see spoolio.h. Moves never overwrite and never delete; an
 * entry refused by the spool is recorded as a fax with REFUSED_FILE so that
 * every file that entered the spool is accounted for.
 */
#include "intake/spoolio.h"
#include "common/log.h"
#include "common/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

void spoolio_batch_release(struct spoolio_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->paths[i]);
	free(b->paths);
	memset(b, 0, sizeof *b);
}

static void spoolio_add(struct spoolio_batch *b, const char *path)
{
	b->paths = xrealloc(b->paths, (b->n + 1) * sizeof *b->paths);
	b->paths[b->n++] = xstrdup(path);
}

struct spool *spoolio_open(struct intake *in)
{
	struct strbuf err = STRBUF_INIT;
	struct spool *sp = NULL;
	if (spool_init_dirs(in->cfg.spool_dir, (gid_t)-1, &err) == 0)
		sp = spool_open(in->cfg.spool_dir, (unsigned)in->cfg.stability_delay_ms, &err);
	if (!sp)
		log_error("cannot open the spool: %s", err.buf);
	sb_release(&err);
	return sp;
}

int spoolio_recover(struct spool *sp, struct spoolio_batch *b)
{
	struct spool_recovered r = { 0 };
	struct strbuf err = STRBUF_INIT;
	int rc = spool_recover(sp, &r, &err);
	if (rc)
		log_error("cannot look into spool/work: %s", err.buf);
	for (size_t i = 0; i < r.n; i++)
		spoolio_add(b, r.paths[i]);
	if (r.n)
		log_info("%zu fax(es) left in spool/work by an earlier run: back in line", r.n);
	spool_recovered_release(&r);
	sb_release(&err);
	return rc;
}

static int spoolio_record_refusal(struct store *s, const struct spool_refusal *r)
{
	struct strbuf why = STRBUF_INIT;
	sb_adds(&why, "refused unread: ");
	sb_adds(&why, r->reason);
	int rc = -1;
	if (store_begin(s))
		goto out;
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO faxes(sha256, file, archived, received, received_from, pages, status,"
		" processed_at) VALUES (?5, ?1, ?2, ?3, 'mtime', 0, 'corrupt', ?4)");
	if (!st)
		goto fail;
	time_t now = util_now();
	sqlite3_bind_blob(st, 1, r->name, (int)strlen(r->name), SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	/* its content is never read: the sha256 names the refusal (entry name,
	 * where it went, when), so that the record still has a unique digest */
	struct strbuf tag = STRBUF_INIT;
	char hex[65];
	sb_addf(&tag, "refused\n%s\n%s\n%lld", r->name, r->path ? r->path : "", (long long)now);
	util_sha256_mem(tag.buf, tag.len, hex);
	sb_release(&tag);
	sqlite3_bind_text(st, 5, hex, -1, SQLITE_TRANSIENT);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok)
		goto fail;
	int64_t id = sqlite3_last_insert_rowid(s->db);
	st = store_prepare(s, "INSERT INTO reasons(fax_id, code, text, origin)"
			      " VALUES (?, 'REFUSED_FILE', ?, 'spool')");
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, why.buf, -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	char fid[16];
	store_fax_id(id, fid);
	if (!ok || store_event(s, "faxintake", "refused", fid, why.buf) || store_commit(s))
		goto fail;
	struct strbuf q = STRBUF_INIT;
	spool_name_quote(&q, r->name);
	log_warn("%s '%s' %s (kept in spool/refused)", fid, q.buf, why.buf);
	sb_release(&q);
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	sb_release(&why);
	return rc;
}

int spoolio_claim(struct spool *sp, struct store *s, bool settle,
		  unsigned max_wait_ms, struct spoolio_batch *b)
{
	struct spool_scan scan = { 0 };
	struct strbuf err = STRBUF_INIT;
	int rc = settle ? spool_scan_settled(sp, max_wait_ms, &scan, &err)
			: spool_scan(sp, &scan, &err);
	if (rc) {
		log_error("cannot scan spool/incoming: %s", err.buf);
		goto out;
	}
	for (size_t i = 0; i < scan.n_refused; i++)
		if (spoolio_record_refusal(s, &scan.refused[i]) == 0)
			b->refused++;
	for (size_t i = 0; i < scan.n_ready; i++) {
		struct spool_claim c = { .fd = -1 };
		sb_reset(&err);
		int r = spool_claim(sp, &scan.ready[i], &c, &err);
		if (r == 0) {
			/* the home is private: an original keeps no access for
			 * others, whatever mode the gateway gave it (best effort:
			 * only the file's owner may change it) */
			if ((c.st.st_mode & 0007) && fchmod(c.fd, c.st.st_mode & 0770) != 0)
				log_debug("cannot make '%s' private: %s", c.path, strerror(errno));
			spoolio_add(b, c.path);
		}
		else if (r < 0)
			log_warn("cannot claim: %s", err.buf);
		spool_claim_release(&c);
	}
	b->waiting = scan.n_unstable + scan.n_locked;
	b->next_ms = scan.next_ms;
out:
	spool_scan_release(&scan);
	sb_release(&err);
	return rc;
}

char *spoolio_archive(struct spool *sp, const char *work_path, const char *day)
{
	struct strbuf err = STRBUF_INIT;
	char *dest = NULL;
	if (spool_archive(sp, work_path, day, &dest, &err))
		log_warn("cannot archive: %s (it stays in spool/work)", err.buf);
	sb_release(&err);
	return dest;
}

char *spoolio_quarantine(struct spool *sp, const char *work_path)
{
	struct strbuf err = STRBUF_INIT;
	char *dest = NULL;
	if (spool_quarantine(sp, work_path, &dest, &err))
		log_warn("cannot quarantine: %s (it stays in spool/work)", err.buf);
	sb_release(&err);
	return dest;
}

static long spoolio_free_of(const char *path)
{
	struct statvfs v;
	if (statvfs(path, &v) != 0)
		return -1;
	return (long)((unsigned long long)v.f_bavail * v.f_frsize / (1024 * 1024));
}

long spoolio_free_mb(struct intake *in)
{
	long a = spoolio_free_of(in->home), b = spoolio_free_of(in->cfg.spool_dir);
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}
