/*
 * daemon - what `run` and `watch` share: privileges, limits, signals, and
 * one pass over the spool.
 */
#ifndef INTAKE_DAEMON_H
#define INTAKE_DAEMON_H

#include <signal.h>
#include <stdbool.h>

#include "intake/intake.h"
#include "intake/pipeline.h"
#include "spool/spool.h"

/* Started as root with the setting `user`: becomes that user (and its
 * groups) before any fax is read. keep_fd (-1: none), a file made before
 * the drop and kept open (the pid file), is given to the user first, so
 * that the next start as that user can open it. 0, or -1 after logging. */
int daemon_drop_privileges(struct intake *in, int keep_fd);
/* The process-wide memory limit (worker_memory_mb). */
void daemon_limit_memory(struct intake *in);

/* Signal flags: set by handlers, acted on by the loop. */
extern volatile sig_atomic_t daemon_stop, daemon_reload;
/* Installs SIGTERM/SIGINT (stop; the grace time starts), SIGHUP (reload). */
void daemon_signals(int grace_time_s);

/* Claims what is in incoming and processes it (and, first, what an
 * earlier run left in work/ when recover is set). *next_ms gets when to
 * look again for files still changing (-1: none). 0 when everything taken
 * was committed, -1 otherwise (it stays in line). */
int daemon_pass(struct intake *in, struct store *s, struct spool *sp, struct pipeline *p,
		bool recover, bool settle, long *next_ms);

/* How long to wait before taking up again what a pass left in line, after
 * a wait of prev_ms (0: the first failure): 5 s, doubled at each failure
 * in a row, at most 5 minutes. A damaged model or a full disk is not
 * mended in seconds; retrying every 5 s only fills the log. */
long daemon_retry_ms(long prev_ms);

/* True (after saying so once) when free space is under min_free_mb. */
bool daemon_low_disk(struct intake *in, bool *said);

#endif
