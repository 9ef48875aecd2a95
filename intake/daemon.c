/*
 * daemon - privileges, limits, signals and one pass over the spool.
 * Failure policy: a pass that cannot commit a fax leaves it in line and
 * reports -1; only a problem at start-up (no such user) stops the program.
 */
#include "intake/daemon.h"
#include "intake/spoolio.h"
#include "common/log.h"
#include "common/util.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

volatile sig_atomic_t daemon_stop, daemon_reload;
static int daemon_grace;

int daemon_drop_privileges(struct intake *in, int keep_fd)
{
	if (geteuid() != 0 || !in->cfg.user[0])
		return 0;
	struct passwd *pw = getpwnam(in->cfg.user);
	if (!pw) {
		log_error("user: no account '%s'", in->cfg.user);
		return -1;
	}
	if (keep_fd >= 0 && fchown(keep_fd, pw->pw_uid, pw->pw_gid) != 0) {
		log_error("cannot give the pid file to '%s': %s", pw->pw_name, strerror(errno));
		return -1;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) || setgid(pw->pw_gid) || setuid(pw->pw_uid)) {
		log_error("cannot become '%s': %s", pw->pw_name, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0) {
		log_error("could regain root after dropping to '%s'", pw->pw_name);
		return -1;
	}
	log_info("running as '%s'", pw->pw_name);
	return 0;
}

void daemon_limit_memory(struct intake *in)
{
	if (in->cfg.worker_memory_mb <= 0)
		return;
#if defined(__SANITIZE_ADDRESS__)
	/* AddressSanitizer reserves terabytes of shadow address space */
	log_debug("worker_memory_mb not applied: built with AddressSanitizer");
	return;
#endif
	struct rlimit rl;
	rl.rlim_cur = rl.rlim_max = (rlim_t)in->cfg.worker_memory_mb * 1024 * 1024;
	struct rlimit old;
	if (getrlimit(RLIMIT_AS, &old) == 0 && old.rlim_max != RLIM_INFINITY && old.rlim_max < rl.rlim_max)
		rl.rlim_cur = rl.rlim_max = old.rlim_max;
	if (setrlimit(RLIMIT_AS, &rl) != 0)
		log_warn("cannot limit memory to %d MiB: %s", in->cfg.worker_memory_mb, strerror(errno));
}

static void daemon_on_stop(int sig)
{
	(void)sig;
	if (!daemon_stop)
		alarm((unsigned)daemon_grace);	/* past the grace time SIGALRM ends us */
	daemon_stop = 1;
}

static void daemon_on_hup(int sig)
{
	(void)sig;
	daemon_reload = 1;
}

void daemon_signals(int grace_time_s)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	daemon_grace = grace_time_s;
	sa.sa_handler = daemon_on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = daemon_on_hup;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

bool daemon_low_disk(struct intake *in, bool *said)
{
	long mb = spoolio_free_mb(in);
	bool low = mb >= 0 && mb < in->cfg.min_free_mb;
	if (low && !*said)
		log_warn("free space is low (%ld MiB, min_free_mb = %d): new faxes wait in"
			 " spool/incoming until space returns", mb, in->cfg.min_free_mb);
	else if (!low && *said)
		log_info("free space is back (%ld MiB): claiming faxes again", mb);
	*said = low;
	return low;
}

long daemon_retry_ms(long prev_ms)
{
	const long first = 5000, most = 300000;
	if (prev_ms <= 0)
		return first;
	return prev_ms >= most / 2 ? most : prev_ms * 2;
}

int daemon_pass(struct intake *in, struct store *s, struct spool *sp, struct pipeline *p,
		bool recover, bool settle, long *next_ms)
{
	struct spoolio_batch b = { 0 };
	int rc = 0;
	*next_ms = -1;
	if (recover && spoolio_recover(sp, &b))
		rc = -1;
	if (b.n) {
		if (pipeline_process(p, b.paths, b.n, (volatile int *)&daemon_stop))
			rc = -1;
		spoolio_batch_release(&b);
	}
	if (daemon_stop)
		return rc;
	unsigned wait = (unsigned)in->cfg.stability_delay_ms * 3 + 1000;
	if (spoolio_claim(sp, s, settle, wait, &b))
		rc = -1;
	*next_ms = b.next_ms;
	/* with nothing new, still derive when the last derivation failed or
	 * never ran (a crash after the last commit, an outbox that was full) */
	if ((b.n || pipeline_derive_pending(p)) &&
	    pipeline_process(p, b.paths, b.n, (volatile int *)&daemon_stop))
		rc = -1;
	spoolio_batch_release(&b);
	return rc;
}
