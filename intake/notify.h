/*
 * notify - telling systemd how the daemon is (sd_notify(3)), for
 * Type=notify units and the service watchdog (WatchdogSec=).
 *
 * Every function is a no-op returning 0 when NOTIFY_SOCKET is not set (a
 * daemon started by hand, tests, `run --once`), so callers need not ask.
 * A failure to send is never a reason to stop: it is logged once (warning)
 * and returned as -1.
 *
 * The watchdog: when the unit sets WatchdogSec=, systemd passes
 * WATCHDOG_USEC (and WATCHDOG_PID) and kills the daemon that does not
 * ping within it. Ping only while the loop makes progress, so a stuck
 * loop is restarted: notify_watchdog_interval_ms() says how often.
 */
#ifndef INTAKE_NOTIFY_H
#define INTAKE_NOTIFY_H

#include <stdbool.h>

/* "READY=1": start-up is over (settings read, store open, spool open). */
int notify_ready(void);
/* "RELOADING=1" on SIGHUP before re-reading the settings; notify_ready()
 * again once done. */
int notify_reloading(void);
/* "STOPPING=1": shutting down (SIGTERM received). */
int notify_stopping(void);
/* "STATUS=..." shown by `systemctl status`; newlines become spaces. */
int notify_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "WATCHDOG=1" when the watchdog is on for this process (WATCHDOG_USEC
 * set and WATCHDOG_PID, if set, is ours); otherwise sends nothing, 0.
 * Sends at most one ping per eighth of the timeout (returns 0 for a ping
 * skipped so), so call it after every unit of progress - every fax
 * committed, every pass of the loop - however often that is. */
int notify_watchdog(void);
/* True when the watchdog is on for this process. */
bool notify_watchdog_enabled(void);
/* How often to ping: half the watchdog timeout, in ms (at least 1);
 * 0 when the watchdog is off. */
long notify_watchdog_interval_ms(void);

#endif
