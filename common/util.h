/*
 * util - small helpers every module uses: memory, time, files, hashing.
 *
 * Memory: xmalloc and friends never return NULL (out of memory is fatal).
 * Time: faxintake keeps instants as time_t (UTC seconds). Local times are
 *   those of the process's TZ, which main sets once at start-up (before any
 *   thread) to the setting gateway_tz (default Europe/Rome).
 * Files: functions return 0 on success, -1 with errno set on failure and
 *   log nothing; the caller, who knows why, logs.
 */
#ifndef COMMON_UTIL_H
#define COMMON_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* --- time --- */

/* "now": FAXINTAKE_NOW (ISO 8601) when set, else the clock. */
time_t util_now(void);

/* Converts a local wall-clock time (process TZ) to an instant. A time that
 * occurs twice (end of summer time) is read as the earlier, summer one; a
 * time that does not exist (start of summer time) as an hour later.
 * Returns -1 if the fields are out of range. */
time_t util_local_to_time(int year, int mon, int day, int hour, int min, int sec);

/* Parses a TIFF DateTime, "YYYY:MM:DD HH:MM:SS" (HylaFAX) or
 * "YYYY/MM/DD HH:MM:SS" (spandsp), as local time. Returns 0 or -1. */
int util_parse_tiff_datetime(const char *s, time_t *out);

/* Parses ISO 8601: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with optional
 * "Z" or "+HH:MM"/"-HH:MM" (no offset = local time). Returns 0 or -1. */
int util_parse_iso(const char *s, time_t *out);

/* Parses "YYYY-MM-DD" into y/m/d with range checks. Returns 0 or -1. */
int util_parse_date(const char *s, int *y, int *m, int *d);

/* Formats t as "YYYY-MM-DDTHH:MM:SS+01:00" in local time into buf (>= 32). */
char *util_format_iso(time_t t, char *buf, size_t n);
/* Formats t's local date as "YYYY-MM-DD" into buf (>= 11). */
char *util_format_date(time_t t, char *buf, size_t n);
/* Start of the local day "YYYY-MM-DD" as an instant, or -1. */
time_t util_day_start(const char *date);

/* Sets TZ for the process (call before any thread). Returns 0 or -1 if
 * the zone is unknown to the system's zoneinfo. */
int util_set_timezone(const char *tz);

/* --- files --- */

/* Creates dir with mode if missing (not its parents). */
int util_mkdir(const char *path, unsigned mode);
/* Creates path and its missing parents with mode. */
int util_mkdir_p(const char *path, unsigned mode);
/* fsync of a directory, so a rename in it is durable. */
int util_fsync_dir(const char *dir);
/* Writes data to path atomically: dir/.name.tmp, fsync, rename, fsync dir.
 * Never leaves a half-written file under the final name. */
int util_write_atomic(const char *path, const void *data, size_t len, unsigned mode);
/* Reads a whole file, at most max bytes (EFBIG past that). Caller frees. */
int util_read_file(const char *path, size_t max, char **data, size_t *len);
/* Joins a and b with one '/'. Caller frees. */
char *util_path_join(const char *a, const char *b);

/* --- hashing --- */

/* SHA-256 of an open file from its start, as 64 lowercase hex digits + NUL. */
int util_sha256_fd(int fd, char hex[65]);
void util_sha256_mem(const void *data, size_t len, char hex[65]);

/* --- text --- */

/* True when s is valid UTF-8. */
bool util_utf8_valid(const char *s, size_t len);
/* Hex of bytes (lowercase), caller frees. */
char *util_hex(const void *data, size_t len);

#endif
