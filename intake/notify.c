/*
 * notify - a thin wrapper on libsystemd's sd_notify (see notify.h).
 * Failure policy: sending is best effort. Without NOTIFY_SOCKET nothing is
 * sent and 0 is returned; a send that fails is logged once as a warning
 * (the daemon goes on) and returns -1.
 */
#include "intake/notify.h"
#include "common/log.h"
#include "common/strbuf.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>

static atomic_bool notify_warned;

static int notify_send(const char *state)
{
	const char *sock = getenv("NOTIFY_SOCKET");
	if (!sock || !*sock)
		return 0;
	/* unset_environment = 0: the socket is needed for every later message */
	int rc = sd_notify(0, state);
	if (rc > 0)
		return 1;
	if (rc < 0 && !atomic_exchange(&notify_warned, true))
		log_warn("cannot notify systemd through '%s': %s", sock, strerror(-rc));
	return rc < 0 ? -1 : 0;
}

int notify_ready(void)
{
	return notify_send("READY=1");
}

int notify_reloading(void)
{
	return notify_send("RELOADING=1");
}

int notify_stopping(void)
{
	return notify_send("STOPPING=1");
}

int notify_status(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	sb_adds(&sb, "STATUS=");
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	/* one message is one line per variable: keep the status on one */
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == '\n' || sb.buf[i] == '\r')
			sb.buf[i] = ' ';
	int rc = notify_send(sb.buf);
	sb_release(&sb);
	return rc;
}

static uint64_t notify_watchdog_usec(void)
{
	uint64_t usec = 0;
	/* checks WATCHDOG_PID against getpid(): a forked child does not ping */
	if (sd_watchdog_enabled(0, &usec) <= 0)
		return 0;
	return usec;
}

bool notify_watchdog_enabled(void)
{
	return notify_watchdog_usec() > 0;
}

static long long notify_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* When the last ping went out (monotonic ms; 0: never). */
static atomic_llong notify_last_ping_ms;

int notify_watchdog(void)
{
	uint64_t usec = notify_watchdog_usec();
	if (!usec)
		return 0;
	/* At most one ping per eighth of the timeout, so that callers may ping
	 * after every unit of progress (every fax) at no cost. Safe: the next
	 * ping that does go out comes at most timeout/8 after a skipped one,
	 * and a loop waits at most timeout/2 between pings. */
	long long now = notify_mono_ms(), gap = (long long)(usec / 8000);
	long long last = atomic_load(&notify_last_ping_ms);
	if (last && now - last < gap)
		return 0;
	atomic_store(&notify_last_ping_ms, now);
	return notify_send("WATCHDOG=1");
}

long notify_watchdog_interval_ms(void)
{
	uint64_t usec = notify_watchdog_usec();
	if (!usec)
		return 0;
	uint64_t ms = usec / 2000;
	return ms ? (long)ms : 1;
}
