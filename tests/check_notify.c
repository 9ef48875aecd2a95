/*
 * check_notify - Check suite for intake/notify (sd_notify wrapper) and
 * intake/pidfile (the daemon's lock). A datagram socket in a temporary
 * folder plays systemd's NOTIFY_SOCKET; a forked child plays the daemon
 * holding the pid lock.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "intake/notify.h"
#include "intake/pidfile.h"
#include "tests/lib/checkrun.h"

static char tmpdir[64];
static int listener = -1;

static void setup(void)
{
	strcpy(tmpdir, "/tmp/check_notify.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	util_set_timezone("Europe/Rome");
}

static void teardown(void)
{
	char cmd[128];
	if (listener >= 0)
		close(listener);
	listener = -1;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

/* Binds the fake systemd socket and points NOTIFY_SOCKET at it. */
static void listen_notify(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s/notify", tmpdir);
	listener = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(listener, 0);
	ck_assert_int_eq(bind(listener, (struct sockaddr *)&sa, sizeof sa), 0);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);
}

/* The next datagram, or "" when none came within the timeout. */
static const char *receive(void)
{
	static char buf[512];
	ssize_t n = recv(listener, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

START_TEST(no_socket_is_a_no_op)
{
	ck_assert_int_eq(notify_ready(), 0);
	ck_assert_int_eq(notify_stopping(), 0);
	ck_assert_int_eq(notify_status("%d faxes", 3), 0);
	setenv("WATCHDOG_USEC", "2000000", 1);
	ck_assert_int_eq(notify_watchdog(), 0);
}
END_TEST

START_TEST(ready_status_stopping_arrive)
{
	listen_notify();
	ck_assert_int_eq(notify_ready(), 1);
	ck_assert_str_eq(receive(), "READY=1");
	ck_assert_int_eq(notify_status("working on %s\nnext", "fax.tif"), 1);
	ck_assert_str_eq(receive(), "STATUS=working on fax.tif next");
	ck_assert_int_eq(notify_status("%s", "100% done"), 1);
	ck_assert_str_eq(receive(), "STATUS=100% done");
	ck_assert_int_eq(notify_reloading(), 1);
	ck_assert_str_eq(receive(), "RELOADING=1");
	ck_assert_int_eq(notify_stopping(), 1);
	ck_assert_str_eq(receive(), "STOPPING=1");
}
END_TEST

START_TEST(watchdog_only_when_asked)
{
	listen_notify();
	/* no WATCHDOG_USEC: nothing is sent */
	ck_assert(!notify_watchdog_enabled());
	ck_assert_int_eq(notify_watchdog_interval_ms(), 0);
	ck_assert_int_eq(notify_watchdog(), 0);
	ck_assert_str_eq(receive(), "");

	char pid[32];
	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	setenv("WATCHDOG_USEC", "3000000", 1);
	setenv("WATCHDOG_PID", pid, 1);
	ck_assert(notify_watchdog_enabled());
	ck_assert_int_eq(notify_watchdog_interval_ms(), 1500);
	ck_assert_int_eq(notify_watchdog(), 1);
	ck_assert_str_eq(receive(), "WATCHDOG=1");

	/* pings closer than an eighth of the timeout (1 s here) are dropped */
	setenv("WATCHDOG_USEC", "8000000", 1);
	ck_assert_int_eq(notify_watchdog_interval_ms(), 4000);
	ck_assert_int_eq(notify_watchdog(), 0);
	ck_assert_str_eq(receive(), "");
	usleep(1100000);
	ck_assert_int_eq(notify_watchdog(), 1);
	ck_assert_str_eq(receive(), "WATCHDOG=1");

	/* meant for another process (WATCHDOG_PID not ours): silent */
	snprintf(pid, sizeof pid, "%ld", (long)getpid() + 1);
	setenv("WATCHDOG_PID", pid, 1);
	ck_assert_int_eq(notify_watchdog(), 0);
	ck_assert_int_eq(notify_watchdog_interval_ms(), 0);
	ck_assert_str_eq(receive(), "");
}
END_TEST

START_TEST(dead_socket_is_not_fatal)
{
	char path[128];
	snprintf(path, sizeof path, "%s/nobody-listens", tmpdir);
	setenv("NOTIFY_SOCKET", path, 1);
	ck_assert_int_eq(notify_ready(), -1);
	ck_assert_int_eq(notify_stopping(), -1);
}
END_TEST

static char *pid_path(void)
{
	return util_path_join(tmpdir, "faxintake.pid");
}

START_TEST(pidfile_lifecycle)
{
	char *path = pid_path();
	struct strbuf err = STRBUF_INIT;
	pid_t pid = 1;
	time_t since = 1;

	ck_assert_int_eq(pidfile_query(path, &pid, &since), 0);	/* missing */
	ck_assert_int_eq(pid, 0);

	setenv("FAXINTAKE_NOW", "2026-11-25T10:00:00+01:00", 1);
	int fd = pidfile_acquire(path, &err);
	ck_assert_msg(fd >= 0, "%s", err.buf);
	ck_assert(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	ck_assert_int_eq(pidfile_query(path, &pid, &since), 1);
	ck_assert_int_eq(pid, getpid());
	time_t want;
	util_parse_iso("2026-11-25T10:00:00+01:00", &want);
	ck_assert_int_eq(since, want);

	/* a second acquire from another process is refused with our pid */
	pid_t child = fork();
	if (child == 0) {
		struct strbuf e2 = STRBUF_INIT;
		int fd2 = pidfile_acquire(path, &e2);
		char want_msg[64];
		snprintf(want_msg, sizeof want_msg, "already running as pid %ld", (long)getppid());
		_exit(fd2 == -1 && strstr(e2.buf, want_msg) ? 0 : 1);
	}
	int status;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_int_eq(WEXITSTATUS(status), 0);

	pidfile_release(&fd);
	ck_assert_int_eq(fd, -1);
	ck_assert_int_eq(pidfile_query(path, &pid, &since), 0);	/* stale file */
	pidfile_release(&fd);	/* twice: harmless */
	free(path);
	sb_release(&err);
}
END_TEST

START_TEST(pidfile_dead_holder_releases)
{
	char *path = pid_path();
	int sync_pipe[2];
	ck_assert_int_eq(pipe(sync_pipe), 0);
	pid_t child = fork();
	if (child == 0) {
		struct strbuf e = STRBUF_INIT;
		int fd = pidfile_acquire(path, &e);
		if (write(sync_pipe[1], fd >= 0 ? "y" : "n", 1) != 1)
			_exit(2);
		pause();
		_exit(0);
	}
	char c = 0;
	ck_assert_int_eq(read(sync_pipe[0], &c, 1), 1);
	ck_assert_int_eq(c, 'y');
	pid_t pid = 0;
	ck_assert_int_eq(pidfile_query(path, &pid, NULL), 1);
	ck_assert_int_eq(pid, child);

	struct strbuf err = STRBUF_INIT;
	ck_assert_int_eq(pidfile_acquire(path, &err), -1);

	kill(child, SIGKILL);	/* dies without cleaning up */
	waitpid(child, NULL, 0);
	ck_assert_int_eq(pidfile_query(path, &pid, NULL), 0);
	int fd = pidfile_acquire(path, &err);
	ck_assert_int_ge(fd, 0);
	pidfile_release(&fd);
	free(path);
	sb_release(&err);
}
END_TEST

START_TEST(pidfile_refuses_symlink)
{
	char *path = pid_path();
	char *target = util_path_join(tmpdir, "elsewhere");
	ck_assert_int_eq(symlink(target, path), 0);
	struct strbuf err = STRBUF_INIT;
	ck_assert_int_eq(pidfile_acquire(path, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.buf, "cannot open"));
	ck_assert_int_eq(access(target, F_OK), -1);
	free(path);
	free(target);
	sb_release(&err);
}
END_TEST

/* A daemon's pid file this process may not open: the lock is still seen,
 * through /proc/locks. As root, the asking child becomes nobody; else the
 * file is made unreadable (mode 000) for its owner. */
START_TEST(pidfile_unreadable_still_seen)
{
	char *path = pid_path();
	struct strbuf err = STRBUF_INIT;
	int fd = pidfile_acquire(path, &err);
	ck_assert_msg(fd >= 0, "%s", err.buf);
	ck_assert_int_eq(chmod(path, 0), 0);
	ck_assert_int_eq(chmod(tmpdir, 0711), 0);

	pid_t child = fork();
	if (child == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		if (open(path, O_RDONLY) >= 0)
			_exit(4);	/* still readable: the test would prove nothing */
		pid_t pid = 0;
		int rc = pidfile_query(path, &pid, NULL);
		_exit(rc == 1 && pid == getppid() ? 0 : 1);
	}
	int status;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_int_eq(WEXITSTATUS(status), 0);

	pidfile_release(&fd);
	child = fork();
	if (child == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		_exit(pidfile_query(path, NULL, NULL) == 0 ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	free(path);
	sb_release(&err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("notify");
	TCase *tc = tcase_create("notify");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, no_socket_is_a_no_op);
	tcase_add_test(tc, ready_status_stopping_arrive);
	tcase_add_test(tc, watchdog_only_when_asked);
	tcase_add_test(tc, dead_socket_is_not_fatal);
	suite_add_tcase(s, tc);
	TCase *tp = tcase_create("pidfile");
	tcase_add_checked_fixture(tp, setup, teardown);
	tcase_add_test(tp, pidfile_lifecycle);
	tcase_add_test(tp, pidfile_dead_holder_releases);
	tcase_add_test(tp, pidfile_refuses_symlink);
	tcase_add_test(tp, pidfile_unreadable_still_seen);
	suite_add_tcase(s, tp);
	return check_run(s, false);
}
