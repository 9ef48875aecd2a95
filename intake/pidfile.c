/*
 * pidfile - the daemon's lock file (see pidfile.h).
 * Failure policy: acquire reports why in the caller's strbuf (the daemon
 * refuses to start); query returns -1 with errno and logs nothing; release
 * ignores errors (the lock goes with the descriptor whatever happens).
 */
#include "intake/pidfile.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Reads "PID\nISO\n" from fd; fields it cannot parse come back as 0. */
static void pidfile_read(int fd, pid_t *pid, time_t *since)
{
	char buf[128];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	pid_t p = 0;
	time_t t = 0;
	if (n > 0) {
		buf[n] = '\0';
		char *end;
		long v = strtol(buf, &end, 10);
		if (end != buf && *end == '\n' && v > 0) {
			p = (pid_t)v;
			char *iso = end + 1;
			char *nl = strchr(iso, '\n');
			if (nl) {
				*nl = '\0';
				if (util_parse_iso(iso, &t))
					t = 0;
			}
		}
	}
	if (pid)
		*pid = p;
	if (since)
		*since = t;
}

int pidfile_acquire(const char *path, struct strbuf *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (fd < 0) {
		sb_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		if (e == EWOULDBLOCK) {
			pid_t other = 0;
			/* the holder may not have written yet: look twice */
			for (int i = 0; i < 5 && !other; i++) {
				pidfile_read(fd, &other, NULL);
				if (!other)
					usleep(20000);
			}
			if (other)
				sb_addf(err, "already running as pid %ld (lock on '%s')", (long)other, path);
			else
				sb_addf(err, "already running (lock on '%s' is held)", path);
		} else {
			sb_addf(err, "cannot lock '%s': %s", path, strerror(e));
		}
		close(fd);
		return -1;
	}
	char iso[40], line[96];
	util_format_iso(util_now(), iso, sizeof iso);
	int len = snprintf(line, sizeof line, "%ld\n%s\n", (long)getpid(), iso);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, (size_t)len, 0) != len || fsync(fd) != 0) {
		sb_addf(err, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

void pidfile_release(int *fd)
{
	if (!fd || *fd < 0)
		return;
	if (ftruncate(*fd, 0) != 0) {
		/* nothing to do: the lock is what counts, and it goes below */
	}
	close(*fd);
	*fd = -1;
}

/* For a file we may not open (a daemon started as root made it): the
 * kernel's table of locks says whether someone holds an flock on its inode,
 * and who. 1 and *pid, 0 when nobody does, -1 when /proc/locks cannot be
 * read or the file cannot be looked at. */
static int pidfile_query_proc(const char *path, pid_t *pid)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	FILE *f = fopen("/proc/locks", "re");
	if (!f)
		return -1;
	char line[256];
	int rc = 0;
	while (fgets(line, sizeof line, f)) {
		/* "1: FLOCK  ADVISORY  WRITE 1234 fe:00:10953269 0 EOF";
		 * a waiter's line has "->" after the number and is skipped */
		char kind[16], mode[16], rw[16];
		long p;
		unsigned maj, min;
		unsigned long long ino;
		if (sscanf(line, "%*d: %15s %15s %15s %ld %x:%x:%llu", kind, mode, rw, &p, &maj,
			   &min, &ino) != 7)
			continue;
		if (!strcmp(kind, "FLOCK") && ino == (unsigned long long)st.st_ino &&
		    maj == major(st.st_dev) && min == minor(st.st_dev)) {
			if (pid)
				*pid = (pid_t)p;
			rc = 1;
			break;
		}
	}
	fclose(f);
	return rc;
}

int pidfile_query(const char *path, pid_t *pid, time_t *since)
{
	if (pid)
		*pid = 0;
	if (since)
		*since = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT)
			return 0;
		if (e == EACCES || e == EPERM) {
			int rc = pidfile_query_proc(path, pid);
			if (rc >= 0)
				return rc;
		}
		errno = e;
		return -1;
	}
	int rc;
	if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
		flock(fd, LOCK_UN);
		rc = 0;
	} else if (errno == EWOULDBLOCK) {
		pidfile_read(fd, pid, since);
		rc = 1;
	} else {
		rc = -1;
	}
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}
