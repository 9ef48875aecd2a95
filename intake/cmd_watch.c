/*
 * cmd_watch - `watch`: the daemon, in the foreground (systemd Type=notify).
 *
 * Loop: recover spool/work, then scan incoming whenever inotify hints, a
 * file's stability delay runs out, or the rescan interval passes (polling
 * on network file systems). SIGTERM/SIGINT: finish the fax in hand, stop
 * within grace_time_s. SIGHUP: reload the settings. The watchdog is fed
 * only while the loop makes progress, so a hung OCR call gets the daemon
 * restarted by systemd.
 */
#include "intake/daemon.h"
#include "intake/notify.h"
#include "intake/pidfile.h"
#include "intake/spoolio.h"
#include "common/log.h"
#include "common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char watch_usage[] =
	"usage: faxintake [-H HOME] watch\n"
	"\n"
	"Runs the daemon in the foreground: processes every fax dropped into the\n"
	"spool, one log line per fax. Stops on SIGTERM or SIGINT after the fax in\n"
	"hand (at most grace_time_s); reloads its settings on SIGHUP. Holds\n"
	"HOME/faxintake.pid locked while it runs (see `faxintake status`).\n";

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int cmd_watch(struct intake *in, int argc, char **argv)
{
	if (intake_want_help(argc, argv, watch_usage))
		return EXIT_OK;
	if (argc != 1)
		return intake_usage_error(watch_usage, "watch takes no arguments");

	int rc = EXIT_FAIL;
	struct store *s = NULL;
	struct spool *sp = NULL;
	struct spool_watch *w = NULL;
	struct pipeline *p = NULL;
	struct strbuf err = STRBUF_INIT;
	int pidfd = -1;
	char *pidpath = intake_path(in, "faxintake.pid");
	bool low_said = false;

	daemon_signals(in->cfg.grace_time_s);
	pidfd = pidfile_acquire(pidpath, &err);
	if (pidfd < 0) {
		log_error("%s", err.buf);
		goto out;
	}
	if (daemon_drop_privileges(in, pidfd))
		goto out;
	daemon_limit_memory(in);
	if (!(s = intake_open_store(in)) || !(sp = spoolio_open(in)))
		goto out;
	enum spool_watch_mode mode = SPOOL_WATCH_AUTO;
	spool_watch_mode_parse(in->cfg.watch_mode, &mode);
	if (!(w = spool_watch_open(in->cfg.spool_dir, mode, &err))) {
		log_error("cannot watch the spool: %s", err.buf);
		goto out;
	}
	if (!(p = pipeline_new(in, s, sp)))
		goto out;
	log_info("watching '%s' (%s), %s", in->cfg.spool_dir,
		 spool_watch_mode_name(spool_watch_get_mode(w)), in->home);
	notify_ready();
	notify_status("watching %s", in->cfg.spool_dir);

	bool recover = true, scan = true;
	long next_ms = -1, retry_ms = 0;
	long long last_full = 0, retry_at = 0;
	while (!daemon_stop) {
		if (daemon_reload) {
			daemon_reload = 0;
			if (intake_load_config(in) == 0) {
				spool_set_stable_ms(sp, (unsigned)in->cfg.stability_delay_ms);
				log_info("settings reloaded from '%s'", in->conf_path);
			} else {
				log_warn("settings not reloaded: '%s' has errors (kept the old ones)",
					 in->conf_path);
			}
			scan = true;
		}
		long long now = mono_ms();
		if (now - last_full >= (long long)in->cfg.rescan_interval_s * 1000)
			scan = true;
		if (scan && !daemon_low_disk(in, &low_said)) {
			scan = false;
			last_full = now;
			/* a fax that could not be committed (disk full, I/O error,
			 * a damaged model) stays in spool/work: it is taken up
			 * again after a wait that doubles while it keeps failing */
			bool due = recover && now >= retry_at;
			if (daemon_pass(in, s, sp, p, due, false, &next_ms)) {
				recover = true;
				retry_ms = daemon_retry_ms(retry_ms);
				retry_at = now + retry_ms;
				log_info("what stays in line is taken up again in %ld s", retry_ms / 1000);
			} else if (due) {
				recover = false;
				retry_ms = 0;
			}
		}
		notify_watchdog();	/* the loop came round: progress */
		if (daemon_stop)
			break;
		int timeout = in->cfg.rescan_interval_s * 1000;
		if (next_ms >= 0 && next_ms < timeout)
			timeout = (int)next_ms + 1;
		if (recover) {
			long long left = retry_at - mono_ms();
			if (left < timeout)
				timeout = left > 0 ? (int)left + 1 : 0;
		}
		if (spool_watch_get_mode(w) == SPOOL_WATCH_POLL && in->cfg.poll_interval_ms < timeout)
			timeout = in->cfg.poll_interval_ms;
		long wd = notify_watchdog_interval_ms();
		if (wd > 0 && wd < timeout)
			timeout = (int)wd;
		if (low_said && timeout > 5000)
			timeout = 5000;
		bool rescan = false;
		int r = spool_watch_wait(w, timeout, &rescan);
		if (r > 0 || rescan || (r == 0 && (next_ms >= 0 || recover)))
			scan = true;
		if (r == 0 && low_said)
			scan = true;
	}
	notify_stopping();
	log_info("stopping");
	rc = EXIT_OK;
out:
	pipeline_free(&p);
	spool_watch_close(&w);
	spool_close(&sp);
	store_close(&s);
	pidfile_release(&pidfd);
	sb_release(&err);
	free(pidpath);
	return rc;
}
