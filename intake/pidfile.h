/*
 * pidfile - "is the daemon running?", decided by a lock, not by a file.
 *
 * The daemon (`faxintake watch`) opens HOME/faxintake.pid and holds an
 * exclusive flock(2) on it for its whole life; the file says its pid and
 * the instant it started ("PID\nYYYY-MM-DDTHH:MM:SS+01:00\n"). The kernel
 * drops the lock when the process dies, however it dies, so a stale file
 * never makes a dead daemon look alive and is never removed by hand.
 * The file is left in place at exit (emptied): unlinking it would let a
 * second daemon lock an unlinked inode while a third creates a new file.
 *
 * Only intake/ uses this (the daemon loop and `status`).
 */
#ifndef INTAKE_PIDFILE_H
#define INTAKE_PIDFILE_H

#include <sys/types.h>
#include <time.h>

#include "common/strbuf.h"

/* Creates or opens path (0640, O_CLOEXEC, no symlink followed), takes the
 * exclusive lock without waiting and writes this process's pid and start
 * time (util_now()). Returns the open descriptor, which the caller keeps
 * open for as long as it runs (closing it releases the lock). Returns -1
 * with a message in err: "already running as pid N" when another process
 * holds the lock, or why the file could not be opened or written. */
int pidfile_acquire(const char *path, struct strbuf *err);

/* Empties the file and closes *fd (the lock goes with it); *fd becomes -1.
 * Accepts *fd == -1. */
void pidfile_release(int *fd);

/* Asks whether a live process holds the lock on path, without waiting and
 * without taking it for longer than the test. Returns 1 when one does
 * (*pid and *since, either may be NULL, get what the file says; 0 when the
 * file does not say it yet), 0 when nobody does (a missing file included),
 * -1 when it cannot tell (errno set). A file this process may not read
 * (left by a daemon started as root) is looked up in /proc/locks instead:
 * the pid is then the kernel's and *since stays 0. */
int pidfile_query(const char *path, pid_t *pid, time_t *since);

#endif
