/*
 * check_spool - Check suite for spool/: folders, scanning (completeness,
 * refusals, work in progress), claiming, archiving, quarantine, recovery
 * and watching. Every test builds its own spool in a temporary folder.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "spool/spool.h"
#include "tests/lib/checkrun.h"

/* ------------------------------------------------------------ helpers */

static char tmp[64];
static char spdir[96];

/* Makes a fresh spool under a new temporary folder. */
static struct spool *mk_spool(unsigned stable_ms)
{
	struct strbuf err = STRBUF_INIT;
	snprintf(tmp, sizeof tmp, "/tmp/fi-spool-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	snprintf(spdir, sizeof spdir, "%s/spool", tmp);
	ck_assert_msg(spool_init_dirs(spdir, (gid_t)-1, &err) == 0, "init: %s", err.buf);
	struct spool *sp = spool_open(spdir, stable_ms, &err);
	ck_assert_msg(sp != NULL, "open: %s", err.buf);
	sb_release(&err);
	return sp;
}

static char *sub_path(const char *sub, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s/%s", spdir, sub);
	if (name)
		sb_addf(&sb, "/%s", name);
	return sb_detach(&sb);
}

static void put_file(const char *sub, const char *name, const char *data)
{
	char *p = sub_path(sub, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	ck_assert_msg(fd >= 0, "create %s: %s", p, strerror(errno));
	ck_assert_int_eq(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	close(fd);
	free(p);
}

static void put(const char *name, const char *data)
{
	put_file("incoming", name, data);
}

static bool exists(const char *sub, const char *name)
{
	struct stat st;
	char *p = sub_path(sub, name);
	bool r = lstat(p, &st) == 0;
	free(p);
	return r;
}

static char *slurp(const char *sub, const char *name)
{
	char *p = sub_path(sub, name), *data = NULL;
	size_t len;
	ck_assert_msg(util_read_file(p, 1 << 20, &data, &len) == 0, "read %s", p);
	free(p);
	return data;
}

static size_t count_dir(const char *sub)
{
	char *cmd = NULL;
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "find '%s/%s' -mindepth 1 -maxdepth 1 | wc -l", spdir, sub);
	cmd = sb_detach(&sb);
	FILE *f = popen(cmd, "r");
	unsigned long n = 0;
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%lu", &n), 1);
	pclose(f);
	free(cmd);
	return n;
}

static const struct spool_entry *find_ready(const struct spool_scan *s, const char *name)
{
	for (size_t i = 0; i < s->n_ready; i++)
		if (strcmp(s->ready[i].name, name) == 0)
			return &s->ready[i];
	return NULL;
}

static const struct spool_refusal *find_refused(const struct spool_scan *s, const char *name)
{
	for (size_t i = 0; i < s->n_refused; i++)
		if (strcmp(s->refused[i].name, name) == 0)
			return &s->refused[i];
	return NULL;
}

static void scan(struct spool *sp, struct spool_scan *s)
{
	struct strbuf err = STRBUF_INIT;
	ck_assert_msg(spool_scan(sp, s, &err) == 0, "scan: %s", err.buf);
	sb_release(&err);
}

/* Scans once and checks how many files are ready, locked and unstable
 * (-1: not checked). */
#define EXPECT_SCAN(sp, ready, locked, unstable) expect_scan(sp, ready, locked, unstable, __LINE__)
static void expect_scan(struct spool *sp, long ready, long locked, long unstable, int line)
{
	struct spool_scan s;
	scan(sp, &s);
	ck_assert_msg(ready < 0 || (long)s.n_ready == ready, "line %d: %zu ready, want %ld",
	              line, s.n_ready, ready);
	ck_assert_msg(locked < 0 || (long)s.n_locked == locked, "line %d: %zu locked, want %ld",
	              line, s.n_locked, locked);
	ck_assert_msg(unstable < 0 || (long)s.n_unstable == unstable,
	              "line %d: %zu unstable, want %ld", line, s.n_unstable, unstable);
	spool_scan_release(&s);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void cleanup(struct spool **sp)
{
	spool_close(sp);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	ck_assert_int_eq(system(cmd), 0);
}

/* ------------------------------------------------------------ folders */

START_TEST(init_dirs_modes_and_idempotence)
{
	struct spool *sp = mk_spool(0);
	struct strbuf err = STRBUF_INIT;
	struct stat st;
	char *in = sub_path("incoming", NULL), *work = sub_path("work", NULL);
	ck_assert_int_eq(stat(in, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 02770);
	ck_assert_int_eq(stat(work, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0750);
	ck_assert_int_eq(stat(spdir, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0750);
	/* a second init repairs modes and keeps the content */
	put("keep.tif", "x");
	ck_assert_int_eq(chmod(work, 0777), 0);
	ck_assert_int_eq(spool_init_dirs(spdir, (gid_t)-1, &err), 0);
	ck_assert_int_eq(stat(work, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0750);
	ck_assert(exists("incoming", "keep.tif"));
	if (geteuid() == 0) {
		ck_assert_int_eq(spool_init_dirs(spdir, 4242, &err), 0);
		ck_assert_int_eq(stat(in, &st), 0);
		ck_assert_int_eq(st.st_gid, 4242);
		ck_assert_int_eq(st.st_mode & 07777, 02770);
		ck_assert_int_eq(stat(spdir, &st), 0);
		ck_assert_int_eq(st.st_gid, 4242);
		ck_assert_int_eq(stat(work, &st), 0);
		ck_assert_int_ne(st.st_gid, 4242);
	}
	/* a subfolder that is a symlink is refused */
	char *corrupt = sub_path("corrupt", NULL);
	ck_assert_int_eq(rmdir(corrupt), 0);
	ck_assert_int_eq(symlink("/tmp", corrupt), 0);
	ck_assert_int_eq(spool_init_dirs(spdir, (gid_t)-1, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.buf, "not a directory"));
	free(in);
	free(work);
	free(corrupt);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(open_missing_spool_fails)
{
	struct strbuf err = STRBUF_INIT;
	ck_assert_ptr_null(spool_open("/nonexistent/fi-spool", 0, &err));
	ck_assert_ptr_nonnull(strstr(err.buf, "cannot open spool '/nonexistent/fi-spool'"));
	sb_release(&err);
}
END_TEST

START_TEST(open_needs_every_folder)
{
	struct spool *sp = mk_spool(0);
	struct strbuf err = STRBUF_INIT;
	char *r = sub_path("refused", NULL);
	ck_assert_int_eq(rmdir(r), 0);
	ck_assert_ptr_null(spool_open(spdir, 0, &err));
	ck_assert_ptr_nonnull(strstr(err.buf, "/refused'"));
	free(r);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(counts_for_status)
{
	struct spool *sp = mk_spool(0);
	struct spool_counts c;
	struct strbuf err = STRBUF_INIT;
	put("a.tif", "a");
	put("b.tif", "b");
	put(".c.tif", "c");
	put("d.part", "d");
	put_file("work", "w.tif", "w");
	put_file("refused", "r", "r");
	ck_assert_int_eq(spool_count(sp, &c, &err), 0);
	ck_assert_int_eq(c.incoming, 2);
	ck_assert_int_eq(c.in_progress, 2);
	ck_assert_int_eq(c.work, 1);
	ck_assert_int_eq(c.corrupt, 0);
	ck_assert_int_eq(c.refused, 1);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(settled_scan_keeps_every_refusal)
{
	struct spool *sp = mk_spool(1000);
	struct spool_scan s;
	put("first\x01.tif", "x");
	put("slow.tif", "x");
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* a second bad entry arrives while the settled scan waits */
		sleep_ms(100);
		put("second\x02.tif", "x");
		_exit(0);
	}
	ck_assert_int_eq(spool_scan_settled(sp, 5000, &s, NULL), 0);
	waitpid(pid, NULL, 0);
	ck_assert_int_eq(s.n_refused, 2);
	ck_assert_str_eq(s.refused[0].name, "first\x01.tif");
	ck_assert_str_eq(s.refused[1].name, "second\x02.tif");
	ck_assert_ptr_nonnull(find_ready(&s, "slow.tif"));
	spool_scan_release(&s);
	cleanup(&sp);
}
END_TEST

/* -------------------------------------------------------- completeness */

/* Monotonic milliseconds, to tell whether the machine was too slow for a
 * "too early" assertion to mean anything (the suite runs beside others). */
static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

START_TEST(half_written_file_waits_until_stable)
{
	enum { DELAY = 1000 };
	struct spool *sp = mk_spool(DELAY);
	struct spool_scan s;
	put("growing.tif", "II*-part1");
	long long t1 = mono_ms();
	scan(sp, &s);                         /* first look */
	ck_assert_int_eq(s.n_ready, 0);
	ck_assert_int_eq(s.n_unstable, 1);
	ck_assert(s.next_ms > 0 && s.next_ms <= DELAY);
	spool_scan_release(&s);
	if (mono_ms() - t1 < DELAY)
		EXPECT_SCAN(sp, 0, -1, 1);    /* too early for the second look */
	sleep_ms(600);
	char *p = sub_path("incoming", "growing.tif");
	int fd = open(p, O_WRONLY | O_APPEND);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "more", 4), 4);   /* it grows: clock restarts */
	close(fd);
	sleep_ms(500);                        /* the first look is > DELAY old now */
	long long t3 = mono_ms();
	EXPECT_SCAN(sp, 0, -1, 1);
	sleep_ms(400);
	if (mono_ms() - t3 < DELAY)
		EXPECT_SCAN(sp, 0, -1, 1);    /* < DELAY since the change was seen */
	sleep_ms(700);
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, 1);
	ck_assert_int_eq(s.ready[0].size, 13);
	spool_scan_release(&s);
	free(p);
	cleanup(&sp);
}
END_TEST

START_TEST(mtime_change_alone_restarts_the_clock)
{
	struct spool *sp = mk_spool(200);
	struct spool_scan s;
	put("touched.tif", "data");
	scan(sp, &s);
	spool_scan_release(&s);
	sleep_ms(250);
	/* same size, mtime far in the future: changed, so not yet stable */
	char *p = sub_path("incoming", "touched.tif");
	struct timespec ts[2] = { { time(NULL), 0 }, { time(NULL) + 86400 * 365, 0 } };
	ck_assert_int_eq(utimensat(AT_FDCWD, p, ts, 0), 0);
	EXPECT_SCAN(sp, 0, -1, -1);
	sleep_ms(250);
	scan(sp, &s);                        /* an mtime in the future is no obstacle */
	ck_assert_int_eq(s.n_ready, 1);
	ck_assert_int_eq(s.ready[0].mtime.tv_sec, ts[1].tv_sec);
	spool_scan_release(&s);
	free(p);
	cleanup(&sp);
}
END_TEST

START_TEST(settled_scan_waits_for_unstable_files)
{
	struct spool *sp = mk_spool(200);
	struct spool_scan s;
	struct strbuf err = STRBUF_INIT;
	put("a.tif", "a");
	long long t0 = (long long)time(NULL);
	ck_assert_int_eq(spool_scan_settled(sp, 2000, &s, &err), 0);
	ck_assert_int_eq(s.n_ready, 1);
	ck_assert_int_eq(s.n_unstable, 0);
	ck_assert(!s.interrupted);
	ck_assert((long long)time(NULL) - t0 < 3);
	spool_scan_release(&s);
	/* a bound on the waiting: a 0 ms budget returns after one look */
	put("b.tif", "b");
	ck_assert_int_eq(spool_scan_settled(sp, 0, &s, &err), 0);
	ck_assert_ptr_null(find_ready(&s, "b.tif"));
	ck_assert_int_eq(s.n_unstable, 1);
	spool_scan_release(&s);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(flocked_file_waits_until_unlocked)
{
	struct spool *sp = mk_spool(0);
	put("locked.tif", "data");
	/* a second open file description: flock locks belong to it */
	char *p = sub_path("incoming", "locked.tif");
	int fd = open(p, O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
	EXPECT_SCAN(sp, 0, 1, -1);
	ck_assert(exists("incoming", "locked.tif"));
	/* a shared lock (a reader) also counts */
	ck_assert_int_eq(flock(fd, LOCK_SH | LOCK_NB), 0);
	EXPECT_SCAN(sp, -1, 1, -1);
	ck_assert_int_eq(flock(fd, LOCK_UN), 0);
	EXPECT_SCAN(sp, 1, 0, -1);
	close(fd);
	free(p);
	cleanup(&sp);
}
END_TEST

START_TEST(posix_locked_file_waits_until_unlocked)
{
	struct spool *sp = mk_spool(0);
	int go[2], ready[2];
	put("posix.tif", "data");
	char *p = sub_path("incoming", "posix.tif");
	ck_assert_int_eq(pipe(go), 0);
	ck_assert_int_eq(pipe(ready), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* the gateway: a POSIX write lock on a part of the file */
		int fd = open(p, O_RDWR);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 1 };
		char c = fcntl(fd, F_SETLK, &fl) == 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(0);
	}
	char c = 0;
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	ck_assert_int_eq(c, 'y');
	EXPECT_SCAN(sp, 0, 1, -1);
	ck_assert_int_eq(write(go[1], "x", 1), 1);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_SCAN(sp, 1, 0, -1);
	free(p);
	cleanup(&sp);
}
END_TEST

START_TEST(ofd_and_own_posix_locks_are_seen)
{
	struct spool *sp = mk_spool(0);
	put("ofd.tif", "data");
	char *p = sub_path("incoming", "ofd.tif");
	int fd = open(p, O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	ck_assert_int_eq(fcntl(fd, F_OFD_SETLK, &fl), 0);
	EXPECT_SCAN(sp, -1, 1, -1);
	fl.l_type = F_UNLCK;
	ck_assert_int_eq(fcntl(fd, F_OFD_SETLK, &fl), 0);
	/* the process's own classic POSIX lock is seen too */
	fl.l_type = F_WRLCK;
	ck_assert_int_eq(fcntl(fd, F_SETLK, &fl), 0);
	EXPECT_SCAN(sp, -1, 1, -1);
	close(fd);  /* drops the POSIX lock */
	EXPECT_SCAN(sp, 1, -1, -1);
	free(p);
	cleanup(&sp);
}
END_TEST

/* ------------------------------------------------------------ refusals */

START_TEST(symlink_refused_unread)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	struct stat before, after, tb, ta;
	/* a private target with an old atime: any read would refresh it */
	char *target = util_path_join(tmp, "secret");
	FILE *f = fopen(target, "w");
	ck_assert_ptr_nonnull(f);
	fputs("secret", f);
	fclose(f);
	struct timespec old[2] = { { time(NULL) - 3 * 86400, 0 }, { time(NULL) - 3 * 86400, 0 } };
	ck_assert_int_eq(utimensat(AT_FDCWD, target, old, 0), 0);
	ck_assert_int_eq(stat(target, &tb), 0);
	ck_assert_int_eq(stat("/etc/passwd", &before), 0);
	char *l1 = sub_path("incoming", "passwd.tif"), *l2 = sub_path("incoming", "secret.tif");
	ck_assert_int_eq(symlink("/etc/passwd", l1), 0);
	ck_assert_int_eq(symlink(target, l2), 0);
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, 0);
	ck_assert_int_eq(s.n_refused, 2);
	const struct spool_refusal *r = find_refused(&s, "passwd.tif");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->reason, "symbolic link");
	ck_assert_ptr_nonnull(r->path);
	ck_assert_ptr_nonnull(strstr(r->path, "/refused/passwd.tif"));
	spool_scan_release(&s);
	/* moved as a link, not followed */
	char buf[64] = { 0 };
	char *moved = sub_path("refused", "passwd.tif");
	ck_assert_int_gt(readlink(moved, buf, sizeof buf - 1), 0);
	ck_assert_str_eq(buf, "/etc/passwd");
	ck_assert(!exists("incoming", "passwd.tif"));
	ck_assert_int_eq(stat("/etc/passwd", &after), 0);
	ck_assert_int_eq(before.st_ino, after.st_ino);
	ck_assert_int_eq(before.st_size, after.st_size);
	ck_assert_int_eq(before.st_mtime, after.st_mtime);
	ck_assert_int_eq(stat(target, &ta), 0);
	ck_assert_int_eq(ta.st_atim.tv_sec, tb.st_atim.tv_sec);
	ck_assert_int_eq(ta.st_nlink, 1);
	free(target);
	free(l1);
	free(l2);
	free(moved);
	cleanup(&sp);
}
END_TEST

START_TEST(hard_link_refused)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	put("linked.tif", "data");
	char *p = sub_path("incoming", "linked.tif");
	char *outside = util_path_join(tmp, "other-name");
	ck_assert_int_eq(link(p, outside), 0);
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, 0);
	ck_assert_int_eq(s.n_refused, 1);
	ck_assert_str_eq(s.refused[0].reason, "hard link");
	spool_scan_release(&s);
	ck_assert(exists("refused", "linked.tif"));
	ck_assert(!exists("incoming", "linked.tif"));
	free(p);
	free(outside);
	cleanup(&sp);
}
END_TEST

START_TEST(fifo_refused_without_blocking)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	char *p = sub_path("incoming", "pipe.tif");
	ck_assert_int_eq(mkfifo(p, 0660), 0);
	alarm(5); /* a blocking open would hang: fail loudly instead */
	scan(sp, &s);
	alarm(0);
	ck_assert_int_eq(s.n_refused, 1);
	ck_assert_str_eq(s.refused[0].reason, "fifo");
	spool_scan_release(&s);
	struct stat st;
	char *moved = sub_path("refused", "pipe.tif");
	ck_assert_int_eq(lstat(moved, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	free(p);
	free(moved);
	cleanup(&sp);
}
END_TEST

START_TEST(directory_and_socket_refused)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	char *d = sub_path("incoming", "adir");
	ck_assert_int_eq(mkdir(d, 0750), 0);
	scan(sp, &s);
	ck_assert_int_eq(s.n_refused, 1);
	ck_assert_str_eq(s.refused[0].reason, "directory");
	spool_scan_release(&s);
	ck_assert(exists("refused", "adir"));
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char *sock = sub_path("incoming", "sock.tif");
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s", sock);
	int sfd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(sfd, (struct sockaddr *)&sun, sizeof sun), 0);
	scan(sp, &s);
	ck_assert_int_eq(s.n_refused, 1);
	ck_assert_str_eq(s.refused[0].reason, "socket");
	spool_scan_release(&s);
	ck_assert(exists("refused", "sock.tif"));
	close(sfd);
	free(sock);
	if (geteuid() == 0) {
		char *dev = sub_path("incoming", "null.tif");
		ck_assert_int_eq(mknod(dev, S_IFCHR | 0600, makedev(1, 3)), 0);
		scan(sp, &s);
		ck_assert_int_eq(s.n_refused, 1);
		ck_assert_str_eq(s.refused[0].reason, "device");
		spool_scan_release(&s);
		free(dev);
	}
	free(d);
	cleanup(&sp);
}
END_TEST

START_TEST(newline_name_refused_keeping_its_name)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	put("bad\nname.tif", "data");
	put("tab\tname.tif", "data");
	put("refused-twice.tif", "one");
	put_file("refused", "bad\nname.tif", "an earlier one");
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, 1);       /* refused-twice.tif is fine */
	ck_assert_int_eq(s.n_refused, 2);
	const struct spool_refusal *r = find_refused(&s, "bad\nname.tif");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->reason, "control character in name");
	/* the name was taken in refused/: a unique one, nothing overwritten */
	ck_assert_ptr_nonnull(strstr(r->path, "/refused/bad\nname.1.tif"));
	spool_scan_release(&s);
	char *old = slurp("refused", "bad\nname.tif"), *now = slurp("refused", "bad\nname.1.tif");
	ck_assert_str_eq(old, "an earlier one");
	ck_assert_str_eq(now, "data");
	ck_assert(exists("refused", "tab\tname.tif"));
	free(old);
	free(now);
	cleanup(&sp);
}
END_TEST

START_TEST(work_in_progress_left_in_place)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	put(".hidden.tif", "x");
	put("fax.part", "x");
	put("fax.tif.tmp", "x");
	put("FAX.TMP", "x");
	char *p = sub_path("incoming", ".pending");
	ck_assert_int_eq(symlink("/etc/passwd", p), 0); /* even a dot-link is left alone */
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, 0);
	ck_assert_int_eq(s.n_refused, 0);
	ck_assert_int_eq(s.n_in_progress, 5);
	spool_scan_release(&s);
	ck_assert(exists("incoming", ".hidden.tif"));
	ck_assert(exists("incoming", "fax.part"));
	ck_assert(exists("incoming", "fax.tif.tmp"));
	ck_assert(exists("incoming", ".pending"));
	ck_assert_int_eq(count_dir("refused"), 0);
	free(p);
	cleanup(&sp);
}
END_TEST

START_TEST(odd_but_valid_names_accepted)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	struct spool_claim c;
	struct strbuf err = STRBUF_INIT;
	const char *names[] = { "my fax 01.tif", "-rf.tif", "\xff\xfe latin1 \xe8.tif",
	                        "identit\xc3\xa0.tif", "--", "*" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		put(names[i], names[i]);
	scan(sp, &s);
	ck_assert_int_eq(s.n_refused, 0);
	ck_assert_int_eq(s.n_ready, ARRAY_SIZE(names));
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		const struct spool_entry *e = find_ready(&s, names[i]);
		ck_assert_ptr_nonnull(e);
		ck_assert_int_eq(spool_claim(sp, e, &c, &err), 0);
		ck_assert_str_eq(c.name, names[i]);
		char buf[64] = { 0 };
		ck_assert_int_eq(read(c.fd, buf, sizeof buf - 1), (ssize_t)strlen(names[i]));
		ck_assert_str_eq(buf, names[i]);
		ck_assert_int_eq(spool_archive(sp, c.path, "2026-11-24", NULL, &err), 0);
		spool_claim_release(&c);
		ck_assert(exists("archive/2026-11-24", names[i]));
	}
	spool_scan_release(&s);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(names_quoted_and_classified)
{
	struct strbuf sb = STRBUF_INIT;
	spool_name_quote(&sb, "a\nb\\c\xff" "identit\xc3\xa0\x7f");
	ck_assert_str_eq(sb.buf, "a\\nb\\\\c\\xffidentit\xc3\xa0\\x7f");
	sb_reset(&sb);
	spool_name_quote(&sb, "c1\xc2\x85");          /* U+0085 NEL */
	ck_assert_str_eq(sb.buf, "c1\\xc2\\x85");
	ck_assert(spool_name_has_control("c1\xc2\x85"));
	ck_assert(!spool_name_has_control("\xff\xc2\x85"));  /* not UTF-8: bytes */
	ck_assert(!spool_name_has_control("identit\xc3\xa0"));
	ck_assert(spool_name_has_control("a\x1b[31m"));
	ck_assert(spool_name_in_progress(".x"));
	ck_assert(spool_name_in_progress("x.Part"));
	ck_assert(!spool_name_in_progress("x.tmp.tif"));
	ck_assert(!spool_name_in_progress("tmp"));
	sb_release(&sb);
}
END_TEST

/* ---------------------------------------------- claim, archive, recover */

START_TEST(claim_and_archive_never_overwrite)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	struct spool_claim c;
	struct strbuf err = STRBUF_INIT;
	char *dest = NULL;
	put("fax.tif", "first");
	scan(sp, &s);
	ck_assert_int_eq(spool_claim(sp, &s.ready[0], &c, &err), 0);
	spool_scan_release(&s);
	ck_assert(!exists("incoming", "fax.tif"));
	ck_assert(exists("work", "fax.tif"));
	ck_assert_int_eq(spool_archive(sp, c.path, "2026-11-24", &dest, &err), 0);
	ck_assert_ptr_nonnull(strstr(dest, "/archive/2026-11-24/fax.tif"));
	free(dest);
	spool_claim_release(&c);
	ck_assert_int_eq(c.fd, -1);
	/* the same name again, on the same day */
	put("fax.tif", "second");
	put_file("work", "fax.tif", "left by a crash");     /* work/ name taken too */
	scan(sp, &s);
	ck_assert_int_eq(spool_claim(sp, &s.ready[0], &c, &err), 0);
	spool_scan_release(&s);
	ck_assert_str_eq(c.name, "fax.tif");
	ck_assert_ptr_nonnull(strstr(c.path, "/work/fax.1.tif"));
	ck_assert_int_eq(spool_archive(sp, c.path, "2026-11-24", &dest, &err), 0);
	ck_assert_ptr_nonnull(strstr(dest, "/archive/2026-11-24/fax.1.tif"));
	free(dest);
	spool_claim_release(&c);
	char *a = slurp("archive/2026-11-24", "fax.tif"), *b = slurp("archive/2026-11-24", "fax.1.tif");
	char *w = slurp("work", "fax.tif");
	ck_assert_str_eq(a, "first");
	ck_assert_str_eq(b, "second");
	ck_assert_str_eq(w, "left by a crash");
	/* quarantine the leftover, twice the name: never an overwrite */
	put_file("corrupt", "fax.tif", "older corrupt");
	ck_assert_int_eq(spool_quarantine(sp, "fax.tif", &dest, &err), 0);
	ck_assert_ptr_nonnull(strstr(dest, "/corrupt/fax.1.tif"));
	free(dest);
	ck_assert_int_eq(count_dir("work"), 0);
	ck_assert_int_eq(count_dir("corrupt"), 2);
	/* archiving what is not in work/ fails with a message and moves nothing */
	ck_assert_int_eq(spool_archive(sp, "/x/work/nothing.tif", "2026-11-24", &dest, &err), -1);
	ck_assert_ptr_null(dest);
	ck_assert_ptr_nonnull(strstr(err.buf, "cannot archive '"));
	ck_assert_ptr_nonnull(strstr(err.buf, "/work/nothing.tif'"));
	free(a);
	free(b);
	free(w);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(archive_day_is_checked)
{
	struct spool *sp = mk_spool(0);
	struct strbuf err = STRBUF_INIT;
	put_file("work", "f.tif", "x");
	const char *bad[] = { "../../etc", "2026-13-01", "2026-1-01", "2026-02-30", "", "2026-11-24/x" };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		sb_reset(&err);
		ck_assert_int_eq(spool_archive(sp, "f.tif", bad[i], NULL, &err), -1);
		ck_assert_ptr_nonnull(strstr(err.buf, "bad archive day"));
	}
	ck_assert(exists("work", "f.tif"));
	ck_assert_int_eq(count_dir("archive"), 0);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(claim_of_a_changed_file_puts_it_back)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	struct spool_claim c;
	struct strbuf err = STRBUF_INIT;
	put("f.tif", "v1");
	put("gone.tif", "v1");
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, 2);
	put("f.tif", "version 2");            /* rewritten after the scan */
	char *g = sub_path("incoming", "gone.tif"), *g2 = util_path_join(tmp, "gone.tif");
	ck_assert_int_eq(rename(g, g2), 0);   /* taken away after the scan */
	ck_assert_int_eq(spool_claim(sp, find_ready(&s, "f.tif"), &c, &err), 1);
	ck_assert_int_eq(spool_claim(sp, find_ready(&s, "gone.tif"), &c, &err), 1);
	ck_assert_int_eq(err.len, 0);
	ck_assert_int_eq(c.fd, -1);
	spool_scan_release(&s);
	ck_assert(exists("incoming", "f.tif"));
	ck_assert_int_eq(count_dir("work"), 0);
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, 1);
	ck_assert_int_eq(spool_claim(sp, &s.ready[0], &c, &err), 0);
	spool_claim_release(&c);
	spool_scan_release(&s);
	free(g);
	free(g2);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(recovery_lists_work)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	struct spool_claim c;
	struct spool_recovered r;
	struct strbuf err = STRBUF_INIT;
	put("b.tif", "b");
	put("a.tif", "a");
	put("c.tif", "c");
	scan(sp, &s);
	for (size_t i = 0; i < s.n_ready; i++) {
		ck_assert_int_eq(spool_claim(sp, &s.ready[i], &c, &err), 0);
		if (strcmp(c.name, "c.tif") == 0)
			ck_assert_int_eq(spool_archive(sp, c.path, "2026-11-23", NULL, &err), 0);
		spool_claim_release(&c);
	}
	spool_scan_release(&s);
	spool_close(&sp);                      /* "crash" */
	char *lnk = sub_path("work", "evil.tif");
	ck_assert_int_eq(symlink("/etc/passwd", lnk), 0);
	sp = spool_open(spdir, 0, &err);
	ck_assert_ptr_nonnull(sp);
	ck_assert_int_eq(spool_recover(sp, &r, &err), 0);
	ck_assert_int_eq(r.n, 2);
	ck_assert_ptr_nonnull(strstr(r.paths[0], "/work/a.tif"));
	ck_assert_ptr_nonnull(strstr(r.paths[1], "/work/b.tif"));
	ck_assert(exists("refused", "evil.tif"));
	ck_assert_int_eq(spool_open_work(sp, r.paths[0], &c, &err), 0);
	char buf[4] = { 0 };
	ck_assert_int_eq(read(c.fd, buf, 3), 1);
	ck_assert_str_eq(buf, "a");
	spool_claim_release(&c);
	ck_assert_int_eq(spool_open_work(sp, "missing.tif", &c, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.buf, "missing.tif"));
	spool_recovered_release(&r);
	free(lnk);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

/* Claims everything one scan offers; returns how many it got. */
static unsigned claim_all(const char *dir)
{
	struct spool *sp = spool_open(dir, 0, NULL);
	struct spool_scan s;
	struct spool_claim c;
	unsigned n = 0;
	if (!sp || spool_scan(sp, &s, NULL) != 0)
		return 0;
	for (size_t i = 0; i < s.n_ready; i++) {
		if (spool_claim(sp, &s.ready[i], &c, NULL) == 0) {
			n++;
			spool_claim_release(&c);
		}
	}
	spool_scan_release(&s);
	spool_close(&sp);
	return n;
}

START_TEST(two_thousand_files_claimed_exactly_once)
{
	struct spool *sp = mk_spool(0);
	struct spool_scan s;
	enum { N = 2000 };
	char name[32];
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof name, "fax-%04d.tif", i);
		put(name, name);
	}
	scan(sp, &s);
	ck_assert_int_eq(s.n_ready, N);
	spool_scan_release(&s);
	/* two claimers at once: each file is claimed by exactly one */
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pids[2];
	for (int k = 0; k < 2; k++) {
		pids[k] = fork();
		ck_assert_int_ge(pids[k], 0);
		if (pids[k] == 0) {
			unsigned n = claim_all(spdir);
			_exit(write(fds[1], &n, sizeof n) == sizeof n ? 0 : 1);
		}
	}
	unsigned total = 0;
	for (int k = 0; k < 2; k++) {
		unsigned n;
		int status;
		ck_assert_int_eq(read(fds[0], &n, sizeof n), sizeof n);
		total += n;
		ck_assert_int_eq(waitpid(pids[k], &status, 0), pids[k]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_int_eq(total, N);
	ck_assert_int_eq(count_dir("incoming"), 0);
	ck_assert_int_eq(count_dir("work"), N);
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof name, "fax-%04d.tif", i);
		ck_assert_msg(exists("work", name), "%s not in work/", name);
	}
	EXPECT_SCAN(sp, 0, -1, -1);
	cleanup(&sp);
}
END_TEST

/* ----------------------------------------- file systems without features */

/* Run under strace by the test below: renameat2 says EINVAL (as on NFS)
 * and flock says ENOLCK (a mount without locks). */
static int child_fallbacks(const char *dir)
{
	struct spool *sp = spool_open(dir, 0, NULL);
	struct spool_scan s;
	struct spool_claim c;
	if (!sp || spool_scan(sp, &s, NULL) != 0)
		return 10;
	if (s.n_refused != 1 || s.n_ready != 1 || s.n_errors != 0)
		return 11;
	if (spool_claim(sp, &s.ready[0], &c, NULL) != 0)
		return 12;
	if (!strstr(c.path, "/work/fax.1.tif"))
		return 13;
	if (spool_archive(sp, c.path, "2026-11-24", NULL, NULL) != 0)
		return 14;
	spool_claim_release(&c);
	spool_scan_release(&s);
	spool_close(&sp);
	return 0;
}

START_TEST(no_overwrite_without_rename_noreplace)
{
	struct spool *sp = mk_spool(0);
	char exe[512], cmd[2048];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	ck_assert_int_gt(n, 0);
	exe[n] = '\0';
	ck_assert_msg(system("strace -V >/dev/null 2>&1") == 0, "strace is needed (make deps)");
	put("fax.tif", "new");
	put("bad\nname", "refused now");
	put_file("refused", "bad\nname", "refused before");
	put_file("work", "fax.tif", "left by a crash");
	char *day = sub_path("archive", "2026-11-24");
	ck_assert_int_eq(mkdir(day, 0750), 0);
	put_file("archive/2026-11-24", "fax.tif", "old");
	put_file("archive/2026-11-24", "fax.1.tif", "old 1");
	snprintf(cmd, sizeof cmd, "strace -f -qq -o '%s/trace' -e trace=renameat2,flock "
	         "-e inject=renameat2:error=EINVAL -e inject=flock:error=ENOLCK "
	         "'%s' --child-fallbacks '%s' 2>/dev/null", tmp, exe, spdir);
	int st = system(cmd);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %d", WEXITSTATUS(st));
	char *trace = NULL;
	size_t len;
	char *tp = util_path_join(tmp, "trace");
	ck_assert_int_eq(util_read_file(tp, 1 << 20, &trace, &len), 0);
	ck_assert_ptr_nonnull(strstr(trace, "RENAME_NOREPLACE) = -1 EINVAL (Invalid argument) (INJECTED)"));
	ck_assert_ptr_nonnull(strstr(trace, "ENOLCK"));
	/* nothing overwritten anywhere */
	char *a = slurp("refused", "bad\nname"), *b = slurp("refused", "bad\nname.1");
	char *w = slurp("work", "fax.tif");
	char *o = slurp("archive/2026-11-24", "fax.tif"), *o1 = slurp("archive/2026-11-24", "fax.1.tif");
	ck_assert_str_eq(a, "refused before");
	ck_assert_str_eq(b, "refused now");
	ck_assert_str_eq(w, "left by a crash");
	ck_assert_str_eq(o, "old");
	ck_assert_str_eq(o1, "old 1");
	ck_assert_int_eq(count_dir("archive/2026-11-24"), 3);
	ck_assert_int_eq(count_dir("work"), 1);
	ck_assert_int_eq(count_dir("incoming"), 0);
	free(a); free(b); free(w); free(o); free(o1);
	free(trace);
	free(tp);
	free(day);
	cleanup(&sp);
}
END_TEST

/* ------------------------------------------------------------ watching */

static volatile sig_atomic_t got_alarm;

static void on_alarm(int sig)
{
	(void)sig;
	got_alarm = 1;
}

START_TEST(watch_modes)
{
	enum spool_watch_mode m;
	ck_assert_int_eq(spool_watch_mode_parse("poll", &m), 0);
	ck_assert_int_eq(m, SPOOL_WATCH_POLL);
	ck_assert_int_eq(spool_watch_mode_parse("auto", &m), 0);
	ck_assert_int_eq(m, SPOOL_WATCH_AUTO);
	ck_assert_int_eq(spool_watch_mode_parse("inotify", &m), 0);
	ck_assert_int_eq(m, SPOOL_WATCH_INOTIFY);
	ck_assert_int_eq(spool_watch_mode_parse("Inotify", &m), -1);
	ck_assert(spool_fstype_needs_poll(0x6969));        /* NFS */
	ck_assert(spool_fstype_needs_poll(0xff534d42));    /* CIFS */
	ck_assert(spool_fstype_needs_poll(0xfe534d42));    /* SMB2 */
	ck_assert(spool_fstype_needs_poll(0x65735546));    /* FUSE */
	ck_assert(spool_fstype_needs_poll(0x01021997));    /* 9p */
	ck_assert(!spool_fstype_needs_poll(0xef53));       /* ext4 */
	ck_assert(!spool_fstype_needs_poll(0x01021994));   /* tmpfs */
	ck_assert(!spool_fstype_needs_poll(0x58465342));   /* xfs */
}
END_TEST

START_TEST(inotify_wakes_on_rename_into_incoming)
{
	struct spool *sp = mk_spool(0);
	struct strbuf err = STRBUF_INIT;
	struct spool_watch *w = spool_watch_open(spdir, SPOOL_WATCH_AUTO, &err);
	ck_assert_msg(w != NULL, "%s", err.buf);
	ck_assert_int_eq(spool_watch_get_mode(w), SPOOL_WATCH_INOTIFY);
	ck_assert_int_ge(spool_watch_fd(w), 0);
	bool rescan = true;
	/* nothing yet: a timeout */
	ck_assert_int_eq(spool_watch_wait(w, 50, &rescan), 0);
	ck_assert(!rescan);
	/* the gateway writes elsewhere then renames in, 200 ms from now */
	char *src = util_path_join(tmp, "ready.tif"), *dst = sub_path("incoming", "ready.tif");
	FILE *f = fopen(src, "w");
	fputs("II*", f);
	fclose(f);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sleep_ms(200);
		_exit(rename(src, dst) == 0 ? 0 : 1);
	}
	long long t0 = 0;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t0 = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
	ck_assert_int_eq(spool_watch_wait(w, 5000, &rescan), 1);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long long waited = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 - t0;
	ck_assert_msg(waited >= 50 && waited < 4000, "woke after %lld ms", waited);
	ck_assert(!rescan);
	ck_assert(exists("incoming", "ready.tif"));
	int status;
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	spool_watch_close(&w);
	ck_assert_ptr_null(w);
	free(src);
	free(dst);
	sb_release(&err);
	cleanup(&sp);
}
END_TEST

START_TEST(inotify_ignores_work_in_progress)
{
	struct spool *sp = mk_spool(0);
	struct spool_watch *w = spool_watch_open(spdir, SPOOL_WATCH_INOTIFY, NULL);
	bool rescan;
	ck_assert_ptr_nonnull(w);
	put(".fax.tif", "partial");
	put("fax.part", "partial");
	ck_assert_int_eq(spool_watch_wait(w, 200, &rescan), 0);
	/* the final rename is a reason to scan */
	char *a = sub_path("incoming", "fax.part"), *b = sub_path("incoming", "fax.tif");
	ck_assert_int_eq(rename(a, b), 0);
	ck_assert_int_eq(spool_watch_wait(w, 2000, &rescan), 1);
	/* so is a file written in place and closed */
	put("inplace.tif", "data");
	ck_assert_int_eq(spool_watch_wait(w, 2000, &rescan), 1);
	free(a);
	free(b);
	spool_watch_close(&w);
	cleanup(&sp);
}
END_TEST

START_TEST(inotify_overflow_asks_for_rescan)
{
	struct spool *sp = mk_spool(0);
	struct spool_watch *w = spool_watch_open(spdir, SPOOL_WATCH_INOTIFY, NULL);
	bool rescan = false;
	unsigned long max = 16384;
	FILE *f = fopen("/proc/sys/fs/inotify/max_queued_events", "r");
	if (f) {
		if (fscanf(f, "%lu", &max) != 1)
			max = 16384;
		fclose(f);
	}
	ck_assert_msg(max < 1000000, "max_queued_events too large to overflow in a test");
	put("a.tif", "a");
	put("b.tif", "b");
	char *a = sub_path("incoming", "a.tif"), *b = sub_path("incoming", "b.tif");
	/* alternating names: queued events are not merged */
	for (unsigned long i = 0; i < max + 64; i++)
		ck_assert_int_eq(chmod(i % 2 ? a : b, (i / 2) % 2 ? 0640 : 0600), 0);
	ck_assert_int_eq(spool_watch_wait(w, 1000, &rescan), 1);
	ck_assert(rescan);
	/* the watch goes on working after an overflow */
	ck_assert_int_eq(spool_watch_wait(w, 0, &rescan), 0);
	ck_assert(!rescan);
	put("c.tif", "c");
	ck_assert_int_eq(spool_watch_wait(w, 2000, &rescan), 1);
	ck_assert(!rescan);
	free(a);
	free(b);
	spool_watch_close(&w);
	cleanup(&sp);
}
END_TEST

START_TEST(watch_returns_on_signal)
{
	struct spool *sp = mk_spool(0);
	struct spool_watch *w = spool_watch_open(spdir, SPOOL_WATCH_INOTIFY, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;   /* even so: a wait is never restarted */
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, NULL), 0);
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };
	got_alarm = 0;
	ck_assert_int_eq(setitimer(ITIMER_REAL, &it, NULL), 0);
	bool rescan;
	errno = 0;
	ck_assert_int_eq(spool_watch_wait(w, 5000, &rescan), -1);
	ck_assert_int_eq(errno, EINTR);
	ck_assert_int_eq(got_alarm, 1);
	/* with ppoll's mask: a signal blocked before the flag check is taken
	 * during the wait, so it cannot be lost */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	got_alarm = 0;
	raise(SIGALRM);                         /* pending, not yet handled */
	ck_assert_int_eq(got_alarm, 0);
	ck_assert_int_eq(spool_watch_pwait(w, 5000, &rescan, &old), -1);
	ck_assert_int_eq(errno, EINTR);
	ck_assert_int_eq(got_alarm, 1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	spool_watch_close(&w);
	cleanup(&sp);
}
END_TEST

START_TEST(poll_mode_times_out_with_rescan)
{
	struct spool *sp = mk_spool(0);
	struct spool_watch *w = spool_watch_open(spdir, SPOOL_WATCH_POLL, NULL);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(spool_watch_get_mode(w), SPOOL_WATCH_POLL);
	ck_assert_int_eq(spool_watch_fd(w), -1);
	bool rescan = false;
	put("x.tif", "x");                       /* polling does not see it */
	ck_assert_int_eq(spool_watch_wait(w, 50, &rescan), 0);
	ck_assert(rescan);
	spool_watch_close(&w);
	ck_assert_ptr_null(spool_watch_open("/nonexistent", SPOOL_WATCH_AUTO, NULL));
	cleanup(&sp);
}
END_TEST

START_TEST(watch_survives_incoming_replaced)
{
	struct spool *sp = mk_spool(0);
	struct spool_watch *w = spool_watch_open(spdir, SPOOL_WATCH_INOTIFY, NULL);
	bool rescan = false;
	char *in = sub_path("incoming", NULL), *old = util_path_join(tmp, "old-incoming");
	ck_assert_int_eq(rename(in, old), 0);
	ck_assert_int_eq(mkdir(in, 02770), 0);
	ck_assert_int_eq(spool_watch_wait(w, 2000, &rescan), 1);
	ck_assert(rescan);
	/* the next wait watches the new folder */
	ck_assert_int_eq(spool_watch_wait(w, 0, &rescan), 1);
	ck_assert(rescan);
	ck_assert_int_eq(spool_watch_wait(w, 50, &rescan), 0);
	put("new.tif", "x");
	ck_assert_int_eq(spool_watch_wait(w, 2000, &rescan), 1);
	free(in);
	free(old);
	spool_watch_close(&w);
	cleanup(&sp);
}
END_TEST

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--child-fallbacks") == 0)
		_exit(child_fallbacks(argv[2])); /* no leak check under ptrace */
	util_set_timezone("Europe/Rome");
	log_setup("check_spool", LOG_LVL_ERROR, 1, 0);
	Suite *s = suite_create("spool");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, init_dirs_modes_and_idempotence);
	tcase_add_test(tc, open_missing_spool_fails);
	tcase_add_test(tc, open_needs_every_folder);
	tcase_add_test(tc, counts_for_status);
	tcase_add_test(tc, settled_scan_keeps_every_refusal);
	tcase_add_test(tc, half_written_file_waits_until_stable);
	tcase_add_test(tc, mtime_change_alone_restarts_the_clock);
	tcase_add_test(tc, settled_scan_waits_for_unstable_files);
	tcase_add_test(tc, flocked_file_waits_until_unlocked);
	tcase_add_test(tc, posix_locked_file_waits_until_unlocked);
	tcase_add_test(tc, ofd_and_own_posix_locks_are_seen);
	tcase_add_test(tc, symlink_refused_unread);
	tcase_add_test(tc, hard_link_refused);
	tcase_add_test(tc, fifo_refused_without_blocking);
	tcase_add_test(tc, directory_and_socket_refused);
	tcase_add_test(tc, newline_name_refused_keeping_its_name);
	tcase_add_test(tc, work_in_progress_left_in_place);
	tcase_add_test(tc, odd_but_valid_names_accepted);
	tcase_add_test(tc, names_quoted_and_classified);
	tcase_add_test(tc, claim_and_archive_never_overwrite);
	tcase_add_test(tc, archive_day_is_checked);
	tcase_add_test(tc, claim_of_a_changed_file_puts_it_back);
	tcase_add_test(tc, recovery_lists_work);
	tcase_add_test(tc, two_thousand_files_claimed_exactly_once);
	tcase_add_test(tc, no_overwrite_without_rename_noreplace);
	tcase_add_test(tc, watch_modes);
	tcase_add_test(tc, inotify_wakes_on_rename_into_incoming);
	tcase_add_test(tc, inotify_ignores_work_in_progress);
	tcase_add_test(tc, inotify_overflow_asks_for_rescan);
	tcase_add_test(tc, watch_returns_on_signal);
	tcase_add_test(tc, poll_mode_times_out_with_rescan);
	tcase_add_test(tc, watch_survives_incoming_replaced);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
