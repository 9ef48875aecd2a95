/*
 * watch - hints that incoming/ changed: inotify where the kernel sees
 * every change, polling where it cannot (network and FUSE file systems,
 * where another machine's writes make no event here).
 *
 * Failure policy: events are only hints; the daemon's scan is the truth.
 * Lost events (queue overflow) or a watch that vanished (incoming/ moved
 * or removed) turn into "rescan needed", never into an error. When inotify
 * cannot be had in auto mode, the watch falls back to polling with a
 * warning. spool_watch_wait returns on a signal (EINTR) so the loop can
 * act on the flags its handlers set.
 */
#include "spool/spool.h"
#include "spool/priv.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "common/util.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/vfs.h>
#include <unistd.h>

#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | \
                    IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK)

struct spool_watch {
	char *incoming;
	enum spool_watch_mode mode;   /* INOTIFY or POLL */
	int ifd;                      /* inotify fd, -1 when polling */
	int wd;                       /* watch on incoming/, -1 when lost */
	bool lost;                    /* events lost: tell the caller */
};

int spool_watch_mode_parse(const char *s, enum spool_watch_mode *mode)
{
	static const struct { const char *name; enum spool_watch_mode mode; } modes[] = {
		{ "auto", SPOOL_WATCH_AUTO },
		{ "inotify", SPOOL_WATCH_INOTIFY },
		{ "poll", SPOOL_WATCH_POLL },
	};
	for (size_t i = 0; s && i < ARRAY_SIZE(modes); i++) {
		if (strcmp(s, modes[i].name) == 0) {
			*mode = modes[i].mode;
			return 0;
		}
	}
	return -1;
}

const char *spool_watch_mode_name(enum spool_watch_mode mode)
{
	switch (mode) {
	case SPOOL_WATCH_AUTO: return "auto";
	case SPOOL_WATCH_INOTIFY: return "inotify";
	case SPOOL_WATCH_POLL: return "poll";
	}
	return "?";
}

bool spool_fstype_needs_poll(unsigned long f_type)
{
	/* statfs(2) magic numbers (linux/magic.h and the file systems') */
	static const unsigned long remote[] = {
		0x6969,      /* NFS */
		0x517b,      /* SMB */
		0xff534d42,  /* CIFS */
		0xfe534d42,  /* SMB2 */
		0x65735546,  /* FUSE */
		0x01021997,  /* 9p (v9fs) */
		0x00c36400,  /* Ceph */
		0x5346414f,  /* AFS */
		0x6b414653,  /* kAFS */
		0x73757245,  /* Coda */
		0x01161970,  /* GFS2 */
		0x7461636f,  /* OCFS2 */
		0x0bd00bd0,  /* Lustre */
		0x564c,      /* NCP */
		0x47504653,  /* GPFS */
		0x013111a8,  /* IBRIX */
		0x6e667364,  /* nfsd's own */
	};
	f_type &= 0xffffffffUL;
	for (size_t i = 0; i < ARRAY_SIZE(remote); i++)
		if (f_type == remote[i])
			return true;
	return false;
}

static int watch_add(struct spool_watch *w)
{
	w->wd = inotify_add_watch(w->ifd, w->incoming, WATCH_MASK);
	return w->wd < 0 ? -1 : 0;
}

struct spool_watch *spool_watch_open(const char *dir, enum spool_watch_mode mode, struct strbuf *err)
{
	struct spool_watch *w = xcalloc(1, sizeof *w);
	struct statfs fs;
	w->incoming = util_path_join(dir, "incoming");
	w->ifd = -1;
	w->wd = -1;
	if (statfs(w->incoming, &fs) != 0) {
		spool_fail(err, "cannot statfs '%s': %s", w->incoming, strerror(errno));
		goto fail;
	}
	if (mode == SPOOL_WATCH_AUTO && spool_fstype_needs_poll((unsigned long)fs.f_type)) {
		log_info("'%s' is on a network file system (type 0x%lx): polling it",
		         w->incoming, (unsigned long)fs.f_type);
		mode = SPOOL_WATCH_POLL;
	}
	if (mode != SPOOL_WATCH_POLL) {
		w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (w->ifd < 0 || watch_add(w) != 0) {
			int e = errno;
			if (mode == SPOOL_WATCH_INOTIFY) {
				spool_fail(err, "cannot watch '%s' with inotify: %s", w->incoming, strerror(e));
				goto fail;
			}
			log_warn("cannot watch '%s' with inotify (%s): polling it", w->incoming, strerror(e));
			if (w->ifd >= 0)
				close(w->ifd);
			w->ifd = -1;
			mode = SPOOL_WATCH_POLL;
		} else {
			mode = SPOOL_WATCH_INOTIFY;
		}
	}
	w->mode = mode;
	return w;
fail:
	spool_watch_close(&w);
	return NULL;
}

void spool_watch_close(struct spool_watch **wp)
{
	struct spool_watch *w = wp ? *wp : NULL;
	if (!w)
		return;
	if (w->ifd >= 0)
		close(w->ifd);
	free(w->incoming);
	free(w);
	*wp = NULL;
}

enum spool_watch_mode spool_watch_get_mode(const struct spool_watch *w)
{
	return w->mode;
}

int spool_watch_fd(const struct spool_watch *w)
{
	return w->ifd;
}

/* Reads every queued event. Returns 1 when one of them is a reason to
 * scan, 0 when none is (only work in progress), -1 on error. */
static int watch_drain(struct spool_watch *w)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	int relevant = 0;
	for (;;) {
		ssize_t n = read(w->ifd, buf, sizeof buf);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return relevant;
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return relevant;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				w->lost = true;
				relevant = 1;
			} else if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
				/* incoming/ went away or moved: set up again at the
				 * next wait, and nothing may be assumed meanwhile.
				 * (The IN_IGNORED of a watch already dropped is old news.) */
				if (w->wd < 0 || ev->wd != w->wd)
					continue;
				if (!(ev->mask & IN_IGNORED))
					inotify_rm_watch(w->ifd, w->wd);
				w->wd = -1;
				w->lost = true;
				relevant = 1;
			} else if (ev->len > 0 && !spool_name_in_progress(ev->name)) {
				relevant = 1;
			}
		}
	}
}

int spool_watch_pwait(struct spool_watch *w, int timeout_ms, bool *rescan_needed,
                      const sigset_t *sigmask)
{
	long long deadline = timeout_ms < 0 ? -1 : spool_mono_ms() + timeout_ms;
	bool dummy;
	if (!rescan_needed)
		rescan_needed = &dummy;
	*rescan_needed = false;
	if (w->mode == SPOOL_WATCH_INOTIFY && w->wd < 0) {
		if (watch_add(w) == 0) {
			log_info("watching '%s' again", w->incoming);
			w->lost = true;
		}
	}
	if (w->lost) {
		/* the watch was set up again: whatever happened meanwhile is unknown */
		w->lost = false;
		*rescan_needed = true;
		return 1;
	}
	for (;;) {
		struct timespec ts, *tsp = NULL;
		if (deadline >= 0) {
			long long left = deadline - spool_mono_ms();
			if (left < 0)
				left = 0;
			ts.tv_sec = left / 1000;
			ts.tv_nsec = (left % 1000) * 1000000;
			tsp = &ts;
		}
		struct pollfd pfd = { .fd = w->ifd, .events = POLLIN };
		bool watching = w->mode == SPOOL_WATCH_INOTIFY && w->wd >= 0;
		int r = ppoll(watching ? &pfd : NULL, watching ? 1 : 0, tsp, sigmask);
		if (r < 0) {
			if (errno != EINTR)
				spool_fail(NULL, "cannot wait for '%s': %s", w->incoming, strerror(errno));
			return -1;
		}
		if (r == 0) {
			/* polling, or a lost watch: only a scan can tell */
			if (!watching)
				*rescan_needed = true;
			return 0;
		}
		int d = watch_drain(w);
		if (d < 0) {
			spool_fail(NULL, "cannot read the events of '%s': %s", w->incoming, strerror(errno));
			return -1;
		}
		if (d > 0) {
			*rescan_needed = w->lost;
			w->lost = false;
			return 1;
		}
		if (deadline >= 0 && spool_mono_ms() >= deadline)
			return 0;
	}
}

int spool_watch_wait(struct spool_watch *w, int timeout_ms, bool *rescan_needed)
{
	return spool_watch_pwait(w, timeout_ms, rescan_needed, NULL);
}
