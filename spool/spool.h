/*
 * spool - picking faxes up: the spool's folders, scanning incoming/,
 * claiming, archiving, quarantine, recovery and watching.
 *
 * Layout under a spool directory (DESIGN.md, "A faxintake home"):
 *   incoming/              the gateway drops files here (setgid 2770)
 *   work/                  claimed, being processed
 *   archive/YYYY-MM-DD/    originals, kept after processing
 *   corrupt/               files that could not be read at all
 *   refused/               entries refused unread (links, devices, bad names)
 * All on one file system: every move is a rename, atomic, never a copy.
 *
 * Rules this module keeps:
 *   - The directory scan is the truth; inotify is only a hint to scan now.
 *   - Nothing is ever deleted and nothing is ever overwritten: a move whose
 *     destination name is taken gets a unique name ("fax.tif" becomes
 *     "fax.1.tif", "fax.2.tif", ...).
 *   - Only regular files with one link are read. Anything else in incoming/
 *     (symlink, device, FIFO, socket, directory, hard link, a name holding a
 *     control character) is moved unread into refused/ and reported, so
 *     that the caller records REFUSED_FILE.
 *   - Names with a leading dot or ending in ".tmp" or ".part" (any case)
 *     are the gateway's work in progress: never moved, never opened.
 *   - A file is complete when nobody holds a lock on it (flock or POSIX/OFD
 *     record lock) and its size and mtime were the same at two looks at
 *     least the stability delay apart. Never by its age: mtimes may lie.
 *   - Invalid UTF-8, spaces or a leading dash in a name are fine: names are
 *     bytes. Use spool_name_quote() to show one in a message.
 *
 * Errors: functions that take `struct strbuf *err` append one lower-case
 * message there on failure (path quoted); with err == NULL they log it with
 * log_warn instead. Problems with single entries during a scan are logged
 * (log_warn, once per entry) and never stop the scan.
 *
 * Threads: a struct spool or spool_watch is used by one thread at a time.
 */
#ifndef SPOOL_SPOOL_H
#define SPOOL_SPOOL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

struct strbuf;

/* --- folders --- */

/* Creates DIR (0750) and incoming/ work/ archive/ corrupt/ refused/ under
 * it; idempotent: existing folders get their modes (and group) set again.
 * incoming/ is 02770; with gateway_gid != (gid_t)-1 incoming/ and DIR
 * itself get that group (DIR so that the gateway can reach incoming/),
 * everything else 0750. Missing parents of DIR are made (0750). Fails if a folder is not
 * a directory (a symlink is not accepted for the subfolders) or lies on
 * another file system than DIR. Returns 0 or -1. */
int spool_init_dirs(const char *dir, gid_t gateway_gid, struct strbuf *err);

/* --- the spool handle --- */

struct spool;

/* Opens an existing spool (made by spool_init_dirs): holds its folders
 * open. stable_ms is the stability delay (see spool_scan). Returns a new
 * handle (free with spool_close) or NULL. */
struct spool *spool_open(const char *dir, unsigned stable_ms, struct strbuf *err);
void spool_close(struct spool **sp);
void spool_set_stable_ms(struct spool *sp, unsigned stable_ms);
/* The spool directory as given to spool_open (lent). */
const char *spool_dir(const struct spool *sp);

/* --- scanning incoming/ --- */

/* A complete file in incoming/, ready to be claimed. */
struct spool_entry {
	char *name;              /* file name in incoming/ (bytes) */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;   /* the receipt-time fallback (may lie) */
};

/* An entry moved (or, when the move failed, to be moved) into refused/. */
struct spool_refusal {
	char *name;              /* its name in incoming/ */
	char *path;              /* its path under refused/; NULL when the move
	                            failed (logged): it is tried again at every
	                            scan and reported again once moved */
	const char *reason;      /* static text: "symbolic link", "device",
	                            "fifo", "socket", "directory", "hard link",
	                            "control character in name",
	                            "not a regular file" */
};

struct spool_scan {
	struct spool_entry *ready;      /* complete files, in directory order */
	size_t n_ready;
	struct spool_refusal *refused;  /* refused in this scan */
	size_t n_refused;
	size_t n_unstable;    /* size/mtime not yet seen unchanged for the delay */
	size_t n_locked;      /* someone holds a lock */
	size_t n_in_progress; /* leading dot or .tmp/.part: left alone */
	size_t n_errors;      /* entries that could not be looked at (logged) */
	long next_ms;         /* ms until an unstable file's next look is due
	                         (scan again then); -1 when none is unstable */
	bool interrupted;     /* spool_scan_settled only: a signal cut it short */
};

/* Reads incoming/ once. Each regular file is opened (O_RDONLY|O_NOFOLLOW|
 * O_NONBLOCK, never read) to test its locks, and compared with what the
 * spool remembers of the last look at it (by name and inode): a file
 * becomes ready once its size and mtime have stayed the same for
 * stable_ms (0: at the first look). The memory lives in sp, so a daemon
 * loop just scans again after next_ms instead of sleeping per file.
 * Entries to refuse are moved into refused/ here and reported once.
 * The ready list is in directory order: the caller orders by receipt time.
 * Fills *out (release with spool_scan_release). Returns 0, or -1 when
 * incoming/ itself cannot be read. */
int spool_scan(struct spool *sp, struct spool_scan *out, struct strbuf *err);

/* For `run --once`: scans, and while some files are still unstable sleeps
 * until their next look and scans again, for at most max_wait_ms in all
 * (files changing for longer stay for the next run). *out holds the last
 * pass's ready files and every pass's refusals. A signal (EINTR) stops the
 * waiting: out->interrupted is set and the last pass is returned.
 * Returns 0 or -1 as spool_scan; *out may be released either way. */
int spool_scan_settled(struct spool *sp, unsigned max_wait_ms,
                       struct spool_scan *out, struct strbuf *err);
void spool_scan_release(struct spool_scan *scan);

/* --- claiming --- */

/* A file in work/, open for reading. */
struct spool_claim {
	char *name;      /* its name in incoming/ (the fax's file name) */
	char *path;      /* its path in work/ (may carry a unique suffix) */
	int fd;          /* O_RDONLY, at offset 0; closed by spool_claim_release */
	struct stat st;
};

/* Claims a ready entry: renames incoming/NAME to work/NAME (a unique name
 * if work/NAME is taken), opens it and checks that it is still the file
 * the scan judged (same inode, size, mtime, one link, not locked); if not,
 * it goes back to incoming/ for the next scan. The rename is not fsynced:
 * after a crash the file may be back in incoming/, to be claimed again
 * and recognised by its sha256. Each claim holds an fd: with many files,
 * read what is needed (the TIFF tags) and release before the next claim.
 * Returns 0 (claimed: *out filled, release with spool_claim_release),
 * 1 (not claimed: gone, taken by someone else or changed since the scan;
 * nothing to do, nothing logged), -1 on error. */
int spool_claim(struct spool *sp, const struct spool_entry *e,
                struct spool_claim *out, struct strbuf *err);

/* Opens a file already in work/ (after spool_recover), with the same
 * checks: regular, one link, no symlink. work_path: the path given by
 * spool_recover or spool_claim (only its last component is used).
 * out->name is then the work/ name. Returns 0 or -1. */
int spool_open_work(struct spool *sp, const char *work_path,
                    struct spool_claim *out, struct strbuf *err);

/* Closes the fd, frees the strings, leaves *c empty (fd -1). */
void spool_claim_release(struct spool_claim *c);

/* --- after the caller's commit --- */

/* Moves work/NAME to archive/DAY/NAME (DAY "YYYY-MM-DD", the receipt day;
 * the folder is made when missing; a unique name if NAME is taken, never
 * an overwrite), then fsyncs work/ and archive/DAY/. work_path as for
 * spool_open_work. *dest (may be NULL) gets the archived path; the caller
 * frees it. Returns 0 or -1 (the file then stays in work/). */
int spool_archive(struct spool *sp, const char *work_path, const char *day,
                  char **dest, struct strbuf *err);

/* Moves work/NAME to corrupt/NAME (unique name if taken), fsyncs both
 * folders. Same arguments and results as spool_archive. */
int spool_quarantine(struct spool *sp, const char *work_path, char **dest,
                     struct strbuf *err);

/* --- recovery at start-up --- */

struct spool_recovered {
	char **paths;    /* paths of the regular files in work/, sorted by name */
	size_t n;
};

/* Lists what a previous run left in work/ (claimed, never archived) so the
 * caller puts it back in line: it decides by sha256 whether its commit
 * already happened (then spool_archive) or not (then process it, using
 * spool_open_work). Anything in work/ that is not a regular file with one
 * link is moved to refused/ and logged. Returns 0 or -1. */
int spool_recover(struct spool *sp, struct spool_recovered *out, struct strbuf *err);
void spool_recovered_release(struct spool_recovered *r);

/* --- status --- */

struct spool_counts {
	size_t incoming;      /* entries waiting in incoming/ (not in progress) */
	size_t in_progress;   /* the gateway's work in progress in incoming/ */
	size_t work;          /* claimed, not yet archived */
	size_t corrupt;
	size_t refused;
};

/* Counts the entries of the spool's folders (not archive/), for `status`.
 * Returns 0 or -1. */
int spool_count(struct spool *sp, struct spool_counts *c, struct strbuf *err);

/* --- watching --- */

enum spool_watch_mode {
	SPOOL_WATCH_AUTO,      /* inotify, polling on a network/FUSE file system */
	SPOOL_WATCH_INOTIFY,
	SPOOL_WATCH_POLL,
};

/* Parses the setting "auto" | "inotify" | "poll". Returns 0 or -1. */
int spool_watch_mode_parse(const char *s, enum spool_watch_mode *mode);
const char *spool_watch_mode_name(enum spool_watch_mode mode);

/* True when a file system of this statfs f_type gives no reliable inotify
 * events for changes made by other machines (NFS, SMB/CIFS, SMB2, FUSE,
 * 9p, Ceph, AFS, Coda, GFS2, OCFS2, Lustre...). */
bool spool_fstype_needs_poll(unsigned long f_type);

struct spool_watch;

/* Watches DIR/incoming/ (DIR: the spool directory). AUTO picks polling
 * when statfs says incoming/ is on a network or FUSE file system, and
 * falls back to polling (with a warning) when inotify cannot be had.
 * Returns a new watch (free with spool_watch_close) or NULL. */
struct spool_watch *spool_watch_open(const char *dir, enum spool_watch_mode mode,
                                     struct strbuf *err);
void spool_watch_close(struct spool_watch **w);
/* The mode in use: SPOOL_WATCH_INOTIFY or SPOOL_WATCH_POLL. */
enum spool_watch_mode spool_watch_get_mode(const struct spool_watch *w);
/* The inotify fd (readable when spool_watch_wait would return at once), for
 * a caller with its own poll loop; -1 in polling mode. */
int spool_watch_fd(const struct spool_watch *w);

/* Waits up to timeout_ms (-1: no limit; 0: just look) for a hint that
 * incoming/ changed: a file closed after writing, renamed in, or whose
 * attributes changed (work-in-progress names are ignored).
 * Returns 1 when it is time to scan: events came, *rescan_needed is set
 *   when events were lost (queue overflow) or the watch had to be set up
 *   again, meaning nothing may be assumed about what changed;
 * 0 on timeout; in polling mode every timeout sets *rescan_needed (the
 *   scan is then the only way to learn anything);
 * -1 with errno EINTR when a signal handler ran (the caller looks at the
 *   flags its handlers set), -1 with another errno on failure (logged).
 * The scan is the truth either way: the daemon should scan on 1, on
 * *rescan_needed, after spool_scan's next_ms, and now and then anyway. */
int spool_watch_wait(struct spool_watch *w, int timeout_ms, bool *rescan_needed);
/* The same, with the signal mask set to *sigmask while waiting (ppoll):
 * block the signals, look at the flags, then wait here with the old mask,
 * and no signal is lost between the look and the wait. */
int spool_watch_pwait(struct spool_watch *w, int timeout_ms, bool *rescan_needed,
                      const sigset_t *sigmask);

/* --- names --- */

/* Appends name to sb fit for a message: bytes below 0x20, 0x7f, '\\' and
 * bytes of invalid UTF-8 as \xNN (newline as \n); valid UTF-8 as is. */
void spool_name_quote(struct strbuf *sb, const char *name);
/* True when name is work in progress (leading dot, .tmp, .part). */
bool spool_name_in_progress(const char *name);
/* True when name holds a control character (C0, DEL, or C1 in UTF-8). */
bool spool_name_has_control(const char *name);

#endif
