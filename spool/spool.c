/*
 * spool - the spool's folders, scanning incoming/, claiming, archiving,
 * quarantine and recovery (watching is in watch.c).
 *
 * Failure policy: a function that cannot do its job returns -1 after one
 * message (into the caller's strbuf, else log_warn), and leaves every file
 * where it was or in a place the next scan or spool_recover finds it. A bad
 * entry in incoming/ is logged once (per name and inode) and skipped; it
 * never stops the scan. Nothing is deleted, nothing is overwritten: moves
 * use renameat2(RENAME_NOREPLACE), or, where the file system lacks it
 * (NFS), a look before the rename - safe because only faxintake writes
 * into work/, archive/, corrupt/ and refused/.
 *
 * Folders are held open (O_DIRECTORY fds) and every operation is relative
 * to them (openat, renameat2), so that no path is ever followed twice.
 */
#include "spool/spool.h"
#include "spool/priv.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "common/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the last scan saw of one name in incoming/. */
struct look {
	struct look *next;       /* hash chain */
	char *name;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	long long since_ms;      /* first seen with this size and mtime */
	unsigned gen;            /* last scan that saw it */
	bool warned;             /* a problem with it was logged already */
};

struct spool {
	char *dir;
	int dfd, in_fd, work_fd, arch_fd, corrupt_fd, refused_fd;
	unsigned stable_ms;
	bool no_noreplace;       /* RENAME_NOREPLACE unsupported here */
	struct look **tab;
	size_t tab_size, n_looks;
	unsigned gen;
};

static const char *const SUBDIRS[] = { "incoming", "work", "archive", "corrupt", "refused" };

/* ---------------------------------------------------------------- misc */

int spool_fail(struct strbuf *err, const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	if (err) {
		if (err->len)
			sb_adds(err, "; ");
		sb_vaddf(err, fmt, ap);
	} else {
		struct strbuf sb = STRBUF_INIT;
		sb_vaddf(&sb, fmt, ap);
		log_warn("%s", sb.buf);
		sb_release(&sb);
	}
	va_end(ap);
	errno = e;
	return -1;
}

long long spool_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void spool_name_quote(struct strbuf *sb, const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len = strlen(name);
	size_t i = 0;
	while (i < len) {
		unsigned c = p[i];
		size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
			   (c & 0xf8) == 0xf0 ? 4 : 0;
		if (n > 1 && i + n <= len && util_utf8_valid((const char *)p + i, n) &&
		    !(c == 0xc2 && p[i + 1] < 0xa0)) {
			sb_add(sb, p + i, n);
			i += n;
			continue;
		}
		if (c == '\n')
			sb_adds(sb, "\\n");
		else if (c == '\\')
			sb_adds(sb, "\\\\");
		else if (c < 0x20 || c >= 0x7f)
			sb_addf(sb, "\\x%02x", c);
		else
			sb_addc(sb, (char)c);
		i++;
	}
}

bool spool_name_in_progress(const char *name)
{
	static const char *const suffixes[] = { ".tmp", ".part" };
	size_t len = strlen(name);
	if (name[0] == '.')
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
		size_t sl = strlen(suffixes[i]);
		if (len >= sl && strcasecmp(name + len - sl, suffixes[i]) == 0)
			return true;
	}
	return false;
}

bool spool_name_has_control(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len = strlen(name);
	bool utf8 = util_utf8_valid(name, len);
	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return true;
		/* C1 controls U+0080..U+009F are 0xc2 0x80..0x9f in UTF-8; in a
		 * name that is not UTF-8 those bytes are just bytes. */
		if (utf8 && p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return true;
	}
	return false;
}

/* "SPOOL/sub/name", quoted for a message. Caller frees. */
static char *show_path(const struct spool *sp, const char *sub, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	spool_name_quote(&sb, sp->dir);
	if (sub) {
		sb_addc(&sb, '/');
		sb_adds(&sb, sub);
	}
	if (name) {
		sb_addc(&sb, '/');
		spool_name_quote(&sb, name);
	}
	return sb_detach(&sb);
}

/* Reports "WHAT 'SPOOL/sub/name': strerror(errnum)"; returns -1. */
static int fail_path(const struct spool *sp, struct strbuf *err, const char *what,
                     const char *sub, const char *name, int errnum)
{
	char *p = show_path(sp, sub, name);
	spool_fail(err, "%s '%s': %s", what, p, strerror(errnum));
	free(p);
	errno = errnum;
	return -1;
}

/* Full path SPOOL/sub/name, unquoted, for the caller. Caller frees. */
static char *full_path(const struct spool *sp, const char *sub, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, sp->dir);
	if (sb.len && sb.buf[sb.len - 1] != '/')
		sb_addc(&sb, '/');
	sb_adds(&sb, sub);
	sb_addc(&sb, '/');
	sb_adds(&sb, name);
	return sb_detach(&sb);
}

/* The last component of path, or NULL when it is not a plain name. */
static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	const char *b = s ? s + 1 : path;
	if (!b || !*b || strcmp(b, ".") == 0 || strcmp(b, "..") == 0)
		return NULL;
	return b;
}

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		int e = errno;
		close(*fd);
		errno = e;
	}
	*fd = -1;
}

/* --------------------------------------------------------------- moves */

/* The n-th unique variant of name: "fax.tif" -> "fax.N.tif", "fax" ->
 * "fax.N"; the stem is cut when the result would pass NAME_MAX. */
static char *unique_name(const char *name, unsigned n)
{
	char num[16];
	snprintf(num, sizeof num, ".%u", n);
	size_t len = strlen(name);
	const char *dot = strrchr(name, '.');
	size_t stem = (dot && dot != name && len - (size_t)(dot - name) <= 8) ?
		(size_t)(dot - name) : len;
	size_t ext = len - stem;
	size_t room = NAME_MAX - strlen(num) - ext;
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, name, stem < room ? stem : room);
	sb_adds(&sb, num);
	sb_add(&sb, name + stem, ext);
	return sb_detach(&sb);
}

/* rename without replacing: 0, or -1 with errno (EEXIST when taken). */
static int rename_noreplace(struct spool *sp, int from, const char *name, int to, const char *dest)
{
	if (!sp->no_noreplace) {
		if (renameat2(from, name, to, dest, RENAME_NOREPLACE) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS)
			return -1;
		sp->no_noreplace = true;
	}
	struct stat st;
	if (fstatat(to, dest, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -1;
	}
	if (errno != ENOENT)
		return -1;
	return renameat(from, name, to, dest);
}

/* Moves from/name to to/base (base NULL: name), or to a unique variant of
 * it when taken. *final (may be NULL) gets the name used; caller frees.
 * Returns 0 or -1 with errno. */
static int move_unique(struct spool *sp, int from, const char *name, int to, const char *base,
                       char **final)
{
	if (!base)
		base = name;
	char *dest = xstrdup(base);
	int rc = -1;
	for (unsigned n = 1;; n++) {
		if (rename_noreplace(sp, from, name, to, dest) == 0) {
			rc = 0;
			break;
		}
		if (errno != EEXIST || n > 100000)
			break;
		free(dest);
		dest = unique_name(base, n);
	}
	if (rc == 0 && final) {
		*final = dest;
		dest = NULL;
	}
	int e = errno;
	free(dest);
	errno = e;
	return rc;
}

/* -------------------------------------------------------------- folders */

static int init_one(int dfd, const char *dir, const char *sub, mode_t mode,
                    gid_t gid, dev_t dev, struct strbuf *err)
{
	struct stat st;
	if (mkdirat(dfd, sub, mode & 0777) != 0 && errno != EEXIST)
		return spool_fail(err, "cannot create '%s/%s': %s", dir, sub, strerror(errno));
	if (fstatat(dfd, sub, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return spool_fail(err, "cannot stat '%s/%s': %s", dir, sub, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return spool_fail(err, "'%s/%s' is not a directory", dir, sub);
	if (st.st_dev != dev)
		return spool_fail(err, "'%s/%s' is on another file system than '%s' "
		                  "(claims are renames)", dir, sub, dir);
	if (gid != (gid_t)-1 && st.st_gid != gid && fchownat(dfd, sub, (uid_t)-1, gid, AT_SYMLINK_NOFOLLOW) != 0)
		return spool_fail(err, "cannot set the group of '%s/%s' to %ld: %s", dir, sub,
		                  (long)gid, strerror(errno));
	if (fchmodat(dfd, sub, mode, 0) != 0)
		return spool_fail(err, "cannot chmod '%s/%s': %s", dir, sub, strerror(errno));
	if (fstatat(dfd, sub, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return spool_fail(err, "cannot stat '%s/%s': %s", dir, sub, strerror(errno));
	if ((st.st_mode & 07777) != mode)
		return spool_fail(err, "cannot give '%s/%s' mode %04o (it has %04o)", dir, sub,
		                  (unsigned)mode, (unsigned)(st.st_mode & 07777));
	return 0;
}

int spool_init_dirs(const char *dir, gid_t gateway_gid, struct strbuf *err)
{
	int dfd = -1, rc = -1;
	struct stat st;
	if (util_mkdir_p(dir, 0750) != 0) {
		spool_fail(err, "cannot create '%s': %s", dir, strerror(errno));
		goto out;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fstat(dfd, &st) != 0) {
		spool_fail(err, "cannot open '%s': %s", dir, strerror(errno));
		goto out;
	}
	if (gateway_gid != (gid_t)-1 && st.st_gid != gateway_gid &&
	    fchown(dfd, (uid_t)-1, gateway_gid) != 0) {
		spool_fail(err, "cannot set the group of '%s' to %ld: %s", dir,
		           (long)gateway_gid, strerror(errno));
		goto out;
	}
	if (fchmod(dfd, 0750) != 0) {
		spool_fail(err, "cannot chmod '%s': %s", dir, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(SUBDIRS); i++) {
		bool in = strcmp(SUBDIRS[i], "incoming") == 0;
		if (init_one(dfd, dir, SUBDIRS[i], in ? 02770 : 0750, in ? gateway_gid : (gid_t)-1,
		             st.st_dev, err) != 0)
			goto out;
	}
	if (fsync(dfd) != 0) {
		spool_fail(err, "cannot fsync '%s': %s", dir, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	close_fd(&dfd);
	return rc;
}

struct spool *spool_open(const char *dir, unsigned stable_ms, struct strbuf *err)
{
	struct spool *sp = xcalloc(1, sizeof *sp);
	int *fds[] = { &sp->in_fd, &sp->work_fd, &sp->arch_fd, &sp->corrupt_fd, &sp->refused_fd };
	struct stat top, st;
	sp->dir = xstrdup(dir);
	sp->stable_ms = stable_ms;
	sp->dfd = -1;
	for (size_t i = 0; i < ARRAY_SIZE(fds); i++)
		*fds[i] = -1;
	sp->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (sp->dfd < 0 || fstat(sp->dfd, &top) != 0) {
		spool_fail(err, "cannot open spool '%s': %s", dir, strerror(errno));
		goto fail;
	}
	for (size_t i = 0; i < ARRAY_SIZE(SUBDIRS); i++) {
		*fds[i] = openat(sp->dfd, SUBDIRS[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (*fds[i] < 0 || fstat(*fds[i], &st) != 0) {
			fail_path(sp, err, "cannot open", SUBDIRS[i], NULL, errno);
			goto fail;
		}
		if (st.st_dev != top.st_dev) {
			spool_fail(err, "'%s/%s' is on another file system than '%s' (claims are renames)",
			           dir, SUBDIRS[i], dir);
			goto fail;
		}
	}
	sp->tab_size = 256;
	sp->tab = xcalloc(sp->tab_size, sizeof *sp->tab);
	return sp;
fail:
	spool_close(&sp);
	return NULL;
}

static void look_free(struct look *l)
{
	free(l->name);
	free(l);
}

void spool_close(struct spool **spp)
{
	struct spool *sp = spp ? *spp : NULL;
	if (!sp)
		return;
	close_fd(&sp->dfd);
	close_fd(&sp->in_fd);
	close_fd(&sp->work_fd);
	close_fd(&sp->arch_fd);
	close_fd(&sp->corrupt_fd);
	close_fd(&sp->refused_fd);
	for (size_t i = 0; i < sp->tab_size; i++) {
		for (struct look *l = sp->tab[i], *next; l; l = next) {
			next = l->next;
			look_free(l);
		}
	}
	free(sp->tab);
	free(sp->dir);
	free(sp);
	*spp = NULL;
}

void spool_set_stable_ms(struct spool *sp, unsigned stable_ms)
{
	sp->stable_ms = stable_ms;
}

const char *spool_dir(const struct spool *sp)
{
	return sp->dir;
}

/* ---------------------------------------------------- memory of looks */

static size_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

static struct look **look_slot(struct spool *sp, const char *name)
{
	struct look **pp = &sp->tab[hash_name(name) & (sp->tab_size - 1)];
	while (*pp && strcmp((*pp)->name, name) != 0)
		pp = &(*pp)->next;
	return pp;
}

static void look_grow(struct spool *sp)
{
	size_t old = sp->tab_size;
	struct look **tab = sp->tab;
	sp->tab_size *= 2;
	sp->tab = xcalloc(sp->tab_size, sizeof *sp->tab);
	for (size_t i = 0; i < old; i++) {
		for (struct look *l = tab[i], *next; l; l = next) {
			next = l->next;
			struct look **slot = &sp->tab[hash_name(l->name) & (sp->tab_size - 1)];
			l->next = *slot;
			*slot = l;
		}
	}
	free(tab);
}

/* The look at name for inode st (a fresh one when the inode changed). */
static struct look *look_get(struct spool *sp, const char *name, const struct stat *st, long long now)
{
	struct look **pp = look_slot(sp, name);
	struct look *l = *pp;
	if (l && (l->dev != st->st_dev || l->ino != st->st_ino)) {
		*pp = l->next;
		look_free(l);
		sp->n_looks--;
		l = NULL;
	}
	if (!l) {
		if (sp->n_looks >= sp->tab_size) {
			look_grow(sp);
			pp = look_slot(sp, name);
		}
		l = xcalloc(1, sizeof *l);
		l->name = xstrdup(name);
		l->dev = st->st_dev;
		l->ino = st->st_ino;
		l->size = -1;
		l->since_ms = now;
		*pp = l;
		sp->n_looks++;
	}
	l->gen = sp->gen;
	return l;
}

static void look_forget(struct spool *sp, const char *name)
{
	struct look **pp = look_slot(sp, name);
	if (*pp) {
		struct look *l = *pp;
		*pp = l->next;
		look_free(l);
		sp->n_looks--;
	}
}

/* Drops what the current scan did not see. */
static void look_prune(struct spool *sp)
{
	for (size_t i = 0; i < sp->tab_size; i++) {
		struct look **pp = &sp->tab[i];
		while (*pp) {
			if ((*pp)->gen != sp->gen) {
				struct look *l = *pp;
				*pp = l->next;
				look_free(l);
				sp->n_looks--;
			} else {
				pp = &(*pp)->next;
			}
		}
	}
}

/* --------------------------------------------------------------- locks */

/* Locking that the file system does not offer at all (an NFS mount with
 * nolock, some FUSE file systems): no lock can be held that way either. */
static bool no_locking(int e)
{
	if (e != ENOLCK && e != EOPNOTSUPP && e != ENOSYS)
		return false;
	static bool said;
	if (!said)
		log_warn("the spool's file system lacks a kind of lock (%s): files are judged "
		         "complete by the others and the stability delay", strerror(e));
	said = true;
	return true;
}

/* Whether anyone holds a lock on the open file: flock, POSIX or OFD
 * record lock. 1 locked, 0 free, -1 error (errno). */
static int lock_held(int fd)
{
	/* A probe with an exclusive flock: it fails if anyone holds one. NFS
	 * emulates flock with record locks and wants a file open for writing
	 * for LOCK_EX (EBADF): a shared probe still meets a writer's lock. */
	int r = flock(fd, LOCK_EX | LOCK_NB);
	if (r != 0 && errno == EBADF)
		r = flock(fd, LOCK_SH | LOCK_NB);
	if (r == 0)
		flock(fd, LOCK_UN);
	else if (errno == EWOULDBLOCK)
		return 1;
	else if (!no_locking(errno))
		return -1;
	/* Record locks: ask whether a write lock over the whole file would
	 * conflict. An OFD query sees every lock, the process's own POSIX
	 * locks included; older kernels only know F_GETLK. */
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	if (fcntl(fd, F_OFD_GETLK, &fl) != 0) {
		fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET };
		if (errno != EINVAL || fcntl(fd, F_GETLK, &fl) != 0)
			return no_locking(errno) ? 0 : -1;
	}
	return fl.l_type != F_UNLCK;
}

/* Opens name in dir without following links or blocking, for a look. */
static int open_noblock(int dir, const char *name)
{
	return openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
}

/* --------------------------------------------------------------- scan */

static const char *refuse_reason(const struct stat *st, const char *name)
{
	if (spool_name_has_control(name))
		return "control character in name";
	if (S_ISLNK(st->st_mode))
		return "symbolic link";
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return "device";
	if (S_ISFIFO(st->st_mode))
		return "fifo";
	if (S_ISSOCK(st->st_mode))
		return "socket";
	if (S_ISDIR(st->st_mode))
		return "directory";
	if (!S_ISREG(st->st_mode))
		return "not a regular file";
	if (st->st_nlink > 1)
		return "hard link";
	return NULL;
}

/* Room for element n of an array that holds n: doubles at powers of two. */
static void *grow(void *array, size_t n, size_t size)
{
	if (n & (n - 1))
		return array;
	return xrealloc(array, (n ? 2 * n : 4) * size);
}

static void warn_once(struct spool *sp, struct look *l, const char *what,
                      const char *sub, const char *name, int errnum)
{
	if (l && l->warned)
		return;
	fail_path(sp, NULL, what, sub, name, errnum);
	if (l)
		l->warned = true;
}

/* Moves a refused entry of incoming/ (or work/) aside into refused/. */
static void refuse(struct spool *sp, int from, const char *sub, const char *name,
                   const char *reason, struct look *l, struct spool_scan *out)
{
	char *final = NULL;
	char *shown = show_path(sp, sub, name);
	if (move_unique(sp, from, name, sp->refused_fd, NULL, &final) != 0) {
		int e = errno;
		if (e == ENOENT)
			goto out;
		if (out)
			out->n_errors++;
		if (l && l->warned)
			goto out;
		log_warn("cannot move '%s' (%s) into refused/: %s", shown, reason, strerror(e));
		if (l)
			l->warned = true;
	} else {
		log_warn("refused '%s' (%s): moved unread into refused/", shown, reason);
		if (fsync(sp->refused_fd) != 0)
			fail_path(sp, NULL, "cannot fsync", "refused", NULL, errno);
		if (fsync(from) != 0)
			fail_path(sp, NULL, "cannot fsync", sub, NULL, errno);
	}
	if (out) {
		out->refused = grow(out->refused, out->n_refused, sizeof *out->refused);
		struct spool_refusal *r = &out->refused[out->n_refused++];
		r->name = xstrdup(name);
		r->path = final ? full_path(sp, "refused", final) : NULL;
		r->reason = reason;
	}
out:
	free(final);
	free(shown);
}

static void note_next(struct spool_scan *out, long long due_in)
{
	long d = due_in < 0 ? 0 : (long)due_in;
	if (out->next_ms < 0 || d < out->next_ms)
		out->next_ms = d;
}

/* Looks at one entry of incoming/. */
static void scan_entry(struct spool *sp, const char *name, struct spool_scan *out)
{
	struct stat st, fst;
	int fd = -1;
	long long now = spool_mono_ms();
	if (fstatat(sp->in_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno != ENOENT) {
			out->n_errors++;
			fail_path(sp, NULL, "cannot stat", "incoming", name, errno);
		}
		return;
	}
	struct look *l = look_get(sp, name, &st, now);
	const char *reason = refuse_reason(&st, name);
	if (reason) {
		refuse(sp, sp->in_fd, "incoming", name, reason, l, out);
		return;
	}
	fd = open_noblock(sp->in_fd, name);
	if (fd < 0) {
		if (errno == ENOENT || errno == ELOOP) {
			/* gone, or swapped for a link since the stat: next scan */
			out->n_unstable++;
			note_next(out, sp->stable_ms);
		} else if (errno == EWOULDBLOCK) {
			out->n_locked++;  /* someone holds a lease on it */
		} else {
			out->n_errors++;
			warn_once(sp, l, "cannot open", "incoming", name, errno);
		}
		goto out;
	}
	if (fstat(fd, &fst) != 0) {
		out->n_errors++;
		warn_once(sp, l, "cannot stat", "incoming", name, errno);
		goto out;
	}
	if (fst.st_dev != st.st_dev || fst.st_ino != st.st_ino || !S_ISREG(fst.st_mode) ||
	    fst.st_nlink != 1) {
		/* replaced between the two looks: judge it at the next scan */
		out->n_unstable++;
		note_next(out, sp->stable_ms);
		goto out;
	}
	int locked = lock_held(fd);
	if (locked < 0) {
		out->n_errors++;
		warn_once(sp, l, "cannot test the locks of", "incoming", name, errno);
		goto out;
	}
	if (locked) {
		out->n_locked++;
		goto out;
	}
	if (l->size != fst.st_size || l->mtime.tv_sec != fst.st_mtim.tv_sec ||
	    l->mtime.tv_nsec != fst.st_mtim.tv_nsec) {
		/* first look at it unlocked, or it changed: the clock starts */
		l->size = fst.st_size;
		l->mtime = fst.st_mtim;
		l->since_ms = now;
	}
	long long waited = now - l->since_ms;
	if (waited < (long long)sp->stable_ms) {
		out->n_unstable++;
		note_next(out, (long long)sp->stable_ms - waited);
		goto out;
	}
	out->ready = grow(out->ready, out->n_ready, sizeof *out->ready);
	struct spool_entry *e = &out->ready[out->n_ready++];
	e->name = xstrdup(name);
	e->dev = fst.st_dev;
	e->ino = fst.st_ino;
	e->size = fst.st_size;
	e->mtime = fst.st_mtim;
out:
	close_fd(&fd);
}

/* Names in dir fd (not "." or ".."), read before anything moves. */
static int list_dir(int dfd, char ***names, size_t *n)
{
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	size_t alloc = 0;
	*names = NULL;
	*n = 0;
	if (!d) {
		close_fd(&fd);
		return -1;
	}
	struct dirent *de;
	for (errno = 0; (de = readdir(d)) != NULL; errno = 0) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			*names = xrealloc(*names, alloc * sizeof **names);
		}
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	int e = errno;
	closedir(d);
	errno = e;
	return e ? -1 : 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int spool_scan(struct spool *sp, struct spool_scan *out, struct strbuf *err)
{
	char **names = NULL;
	size_t n = 0;
	memset(out, 0, sizeof *out);
	out->next_ms = -1;
	if (list_dir(sp->in_fd, &names, &n) != 0) {
		int e = errno;
		free_names(names, n);
		return fail_path(sp, err, "cannot read", "incoming", NULL, e);
	}
	sp->gen++;
	for (size_t i = 0; i < n; i++) {
		if (spool_name_in_progress(names[i])) {
			out->n_in_progress++;
			continue;
		}
		scan_entry(sp, names[i], out);
	}
	look_prune(sp);
	free_names(names, n);
	return 0;
}

static void scan_take_refusals(struct spool_scan *to, struct spool_scan *from)
{
	if (!from->n_refused)
		return;
	to->refused = xrealloc(to->refused, (to->n_refused + from->n_refused) * sizeof *to->refused);
	memcpy(to->refused + to->n_refused, from->refused, from->n_refused * sizeof *from->refused);
	to->n_refused += from->n_refused;
	free(from->refused);
	from->refused = NULL;
	from->n_refused = 0;
}

int spool_scan_settled(struct spool *sp, unsigned max_wait_ms, struct spool_scan *out,
                       struct strbuf *err)
{
	long long start = spool_mono_ms();
	if (spool_scan(sp, out, err) != 0)
		return -1;
	while (out->n_unstable > 0 && out->next_ms >= 0) {
		long long left = (long long)max_wait_ms - (spool_mono_ms() - start);
		if (left <= 0)
			break;
		long long nap = out->next_ms < left ? out->next_ms : left;
		if (nap < 1)
			nap = 1;
		struct timespec ts = { .tv_sec = nap / 1000, .tv_nsec = (nap % 1000) * 1000000 };
		if (nanosleep(&ts, NULL) != 0 && errno == EINTR) {
			out->interrupted = true;
			break;
		}
		struct spool_scan next;
		if (spool_scan(sp, &next, err) != 0)
			return -1; /* out still holds the last pass: caller releases */
		/* keep the refusals in the order they happened */
		scan_take_refusals(out, &next);
		next.refused = out->refused;
		next.n_refused = out->n_refused;
		out->refused = NULL;
		out->n_refused = 0;
		spool_scan_release(out);
		*out = next;
	}
	return 0;
}

void spool_scan_release(struct spool_scan *scan)
{
	if (!scan)
		return;
	for (size_t i = 0; i < scan->n_ready; i++)
		free(scan->ready[i].name);
	for (size_t i = 0; i < scan->n_refused; i++) {
		free(scan->refused[i].name);
		free(scan->refused[i].path);
	}
	free(scan->ready);
	free(scan->refused);
	memset(scan, 0, sizeof *scan);
	scan->next_ms = -1;
}

/* --------------------------------------------------------------- claim */

static void claim_init(struct spool_claim *c)
{
	memset(c, 0, sizeof *c);
	c->fd = -1;
}

void spool_claim_release(struct spool_claim *c)
{
	if (!c)
		return;
	close_fd(&c->fd);
	free(c->name);
	free(c->path);
	claim_init(c);
}

/* Puts a claimed file that is not what the scan judged back in line. */
static void unclaim(struct spool *sp, const char *wname, const char *name)
{
	struct stat st;
	if (fstatat(sp->work_fd, wname, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return;
	if (move_unique(sp, sp->work_fd, wname, sp->in_fd, name, NULL) == 0)
		return;
	fail_path(sp, NULL, "cannot put back into incoming/", "work", wname, errno);
}

int spool_claim(struct spool *sp, const struct spool_entry *e, struct spool_claim *out,
                struct strbuf *err)
{
	char *wname = NULL;
	int fd = -1, rc = -1;
	struct stat st;
	claim_init(out);
	if (move_unique(sp, sp->in_fd, e->name, sp->work_fd, NULL, &wname) != 0) {
		int errnum = errno;
		if (errnum == ENOENT && fstatat(sp->in_fd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
		    errno == ENOENT) {
			rc = 1; /* taken by someone else or gone */
			goto out;
		}
		fail_path(sp, err, "cannot claim", "incoming", e->name, errnum);
		goto out;
	}
	look_forget(sp, e->name);
	fd = open_noblock(sp->work_fd, wname);
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (errno == ELOOP || errno == ENOENT || errno == ENXIO) {
			rc = 1;
		} else {
			fail_path(sp, err, "cannot open", "work", wname, errno);
		}
		unclaim(sp, wname, e->name);
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_nlink != 1 || st.st_dev != e->dev ||
	    st.st_ino != e->ino || st.st_size != e->size ||
	    st.st_mtim.tv_sec != e->mtime.tv_sec || st.st_mtim.tv_nsec != e->mtime.tv_nsec ||
	    lock_held(fd) != 0) {
		rc = 1; /* changed since the scan: back in line */
		unclaim(sp, wname, e->name);
		goto out;
	}
	/* reads should block as usual from now on */
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	out->name = xstrdup(e->name);
	out->path = full_path(sp, "work", wname);
	out->fd = fd;
	out->st = st;
	fd = -1;
	rc = 0;
out:
	close_fd(&fd);
	free(wname);
	return rc;
}

int spool_open_work(struct spool *sp, const char *work_path, struct spool_claim *out,
                    struct strbuf *err)
{
	const char *name = base_name(work_path);
	struct stat st;
	int fd = -1;
	claim_init(out);
	if (!name)
		return spool_fail(err, "not a file name: '%s'", work_path ? work_path : "(null)");
	fd = open_noblock(sp->work_fd, name);
	if (fd < 0 || fstat(fd, &st) != 0) {
		fail_path(sp, err, "cannot open", "work", name, errno);
		close_fd(&fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_nlink != 1) {
		close_fd(&fd);
		char *p = show_path(sp, "work", name);
		spool_fail(err, "'%s' is not a regular file with one link", p);
		free(p);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	out->name = xstrdup(name);
	out->path = full_path(sp, "work", name);
	out->fd = fd;
	out->st = st;
	return 0;
}

/* ------------------------------------------------- archive, quarantine */

static bool day_ok(const char *day)
{
	int y, m, d;
	if (!day || strlen(day) != 10 || day[4] != '-' || day[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (day[i] < '0' || day[i] > '9'))
			return false;
	return util_parse_date(day, &y, &m, &d) == 0;
}

/* Moves work/NAME into the folder to (shown as sub), fsyncs both. */
static int move_out_of_work(struct spool *sp, const char *work_path, int to, const char *sub,
                            const char *what, char **dest, struct strbuf *err)
{
	const char *name = base_name(work_path);
	char *final = NULL;
	if (dest)
		*dest = NULL;
	if (!name)
		return spool_fail(err, "not a file name: '%s'", work_path ? work_path : "(null)");
	if (move_unique(sp, sp->work_fd, name, to, NULL, &final) != 0)
		return fail_path(sp, err, what, "work", name, errno);
	if (fsync(to) != 0)
		fail_path(sp, err, "cannot fsync", sub, NULL, errno);
	if (fsync(sp->work_fd) != 0)
		fail_path(sp, err, "cannot fsync", "work", NULL, errno);
	if (dest)
		*dest = full_path(sp, sub, final);
	free(final);
	return 0;
}

int spool_archive(struct spool *sp, const char *work_path, const char *day, char **dest,
                  struct strbuf *err)
{
	int dfd = -1, rc = -1;
	char sub[32];
	if (dest)
		*dest = NULL;
	if (!day_ok(day))
		return spool_fail(err, "bad archive day '%s' (want YYYY-MM-DD)", day ? day : "(null)");
	snprintf(sub, sizeof sub, "archive/%s", day);
	if (mkdirat(sp->arch_fd, day, 0750) == 0) {
		if (fchmodat(sp->arch_fd, day, 0750, 0) != 0 || fsync(sp->arch_fd) != 0) {
			fail_path(sp, err, "cannot set up", sub, NULL, errno);
			goto out;
		}
	} else if (errno != EEXIST) {
		fail_path(sp, err, "cannot create", sub, NULL, errno);
		goto out;
	}
	dfd = openat(sp->arch_fd, day, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		fail_path(sp, err, "cannot open", sub, NULL, errno);
		goto out;
	}
	rc = move_out_of_work(sp, work_path, dfd, sub, "cannot archive", dest, err);
out:
	close_fd(&dfd);
	return rc;
}

int spool_quarantine(struct spool *sp, const char *work_path, char **dest, struct strbuf *err)
{
	return move_out_of_work(sp, work_path, sp->corrupt_fd, "corrupt", "cannot quarantine",
	                        dest, err);
}

/* ------------------------------------------------------------ recovery */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int spool_recover(struct spool *sp, struct spool_recovered *out, struct strbuf *err)
{
	char **names = NULL;
	size_t n = 0;
	memset(out, 0, sizeof *out);
	if (list_dir(sp->work_fd, &names, &n) != 0) {
		int e = errno;
		free_names(names, n);
		return fail_path(sp, err, "cannot read", "work", NULL, e);
	}
	qsort(names, n, sizeof *names, cmp_str);
	out->paths = xcalloc(n, sizeof *out->paths);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (fstatat(sp->work_fd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno != ENOENT)
				fail_path(sp, NULL, "cannot stat", "work", names[i], errno);
			continue;
		}
		const char *reason = refuse_reason(&st, "");
		if (reason) {
			refuse(sp, sp->work_fd, "work", names[i], reason, NULL, NULL);
			continue;
		}
		out->paths[out->n++] = full_path(sp, "work", names[i]);
	}
	free_names(names, n);
	return 0;
}

void spool_recovered_release(struct spool_recovered *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->paths[i]);
	free(r->paths);
	r->paths = NULL;
	r->n = 0;
}

/* -------------------------------------------------------------- status */

static int count_in(struct spool *sp, int fd, const char *sub, size_t *n, size_t *in_progress,
                    struct strbuf *err)
{
	char **names = NULL;
	size_t k = 0;
	*n = 0;
	if (list_dir(fd, &names, &k) != 0) {
		int e = errno;
		free_names(names, k);
		return fail_path(sp, err, "cannot read", sub, NULL, e);
	}
	for (size_t i = 0; i < k; i++) {
		if (in_progress && spool_name_in_progress(names[i]))
			(*in_progress)++;
		else
			(*n)++;
	}
	free_names(names, k);
	return 0;
}

int spool_count(struct spool *sp, struct spool_counts *c, struct strbuf *err)
{
	memset(c, 0, sizeof *c);
	if (count_in(sp, sp->in_fd, "incoming", &c->incoming, &c->in_progress, err) != 0 ||
	    count_in(sp, sp->work_fd, "work", &c->work, NULL, err) != 0 ||
	    count_in(sp, sp->corrupt_fd, "corrupt", &c->corrupt, NULL, err) != 0 ||
	    count_in(sp, sp->refused_fd, "refused", &c->refused, NULL, err) != 0)
		return -1;
	return 0;
}
