/*
 * spool/priv.h - helpers shared by the spool's own .c files; not part of
 * the module's interface (that is spool/spool.h).
 */
#ifndef SPOOL_PRIV_H
#define SPOOL_PRIV_H

struct strbuf;

/* Reports a failure: appended to err when given, else logged (log_warn).
 * Always returns -1, keeping errno. */
int spool_fail(struct strbuf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Monotonic clock in milliseconds (never the wall clock: it may jump). */
long long spool_mono_ms(void);

#endif
