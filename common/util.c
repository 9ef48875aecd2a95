/*
 * util - memory, time, files and hashing helpers. File helpers return -1
 * with errno kept and log nothing: the caller logs with its context.
 */
#include "common/util.h"
#include "common/log.h"
#include "common/strbuf.h"

#include <openssl/evp.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		log_die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		log_die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		log_die("out of memory (%zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		log_die("out of memory");
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (!p)
		log_die("out of memory");
	return p;
}

/* ---------------------------------------------------------------- time */

time_t util_now(void)
{
	const char *s = getenv("FAXINTAKE_NOW");
	time_t t;
	if (s && *s && util_parse_iso(s, &t) == 0)
		return t;
	return time(NULL);
}

static bool util_tm_matches(time_t t, int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return false;
	return tm.tm_year == y - 1900 && tm.tm_mon == mo - 1 && tm.tm_mday == d &&
	       tm.tm_hour == h && tm.tm_min == mi && tm.tm_sec == s;
}

/* Whether the fields name a time util_local_to_time takes: the calendar
 * alone (mktime does not fail on them with a 64-bit time_t). */
static bool util_fields_valid(int y, int mo, int d, int h, int mi, int s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
		return false;
	return !(mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

time_t util_local_to_time(int y, int mo, int d, int h, int mi, int s)
{
	if (!util_fields_valid(y, mo, d, h, mi, s))
		return -1;
	time_t cand[2];
	bool ok[2];
	for (int dst = 0; dst < 2; dst++) {
		struct tm tm = { 0 };
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = s;
		tm.tm_isdst = dst;
		cand[dst] = mktime(&tm);
		ok[dst] = cand[dst] != (time_t)-1 && util_tm_matches(cand[dst], y, mo, d, h, mi, s);
	}
	if (ok[0] && ok[1])
		return cand[0] < cand[1] ? cand[0] : cand[1];	/* repeated: the earlier */
	if (ok[1])
		return cand[1];
	if (ok[0])
		return cand[0];
	/* in the gap: read with the offset in force before it, i.e. an hour
	 * later on the wall clock after the jump */
	return cand[0];
}

static int util_scan_fields(const char *s, const char *seps, int n, int *v)
{
	/* n numbers separated by the given separator characters, in order */
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		long x = 0;
		int digits = 0;
		while (isdigit((unsigned char)*s)) {
			x = x * 10 + (*s++ - '0');
			if (++digits > 4)
				return -1;
		}
		v[i] = (int)x;
		if (i < n - 1) {
			if (*s != seps[i])
				return -1;
			s++;
		}
	}
	return *s == '\0' ? 0 : -1;
}

int util_parse_tiff_datetime(const char *s, time_t *out)
{
	int v[6];
	char buf[32];
	if (!s)
		return -1;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\0'))
		n--;
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (util_scan_fields(buf, ":: ::", 6, v) && util_scan_fields(buf, "// ::", 6, v))
		return -1;
	time_t t = util_local_to_time(v[0], v[1], v[2], v[3], v[4], v[5]);
	if (t == (time_t)-1)
		return -1;
	*out = t;
	return 0;
}

int util_parse_date(const char *s, int *y, int *m, int *d)
{
	int v[3];
	if (!s || strlen(s) != 10 || util_scan_fields(s, "--", 3, v))
		return -1;
	/* a check of the calendar, not a conversion: two mktime calls here
	 * were most of the CPU of parsing a large registry (its addresses'
	 * times, with their offsets, need no time zone at all) */
	if (!util_fields_valid(v[0], v[1], v[2], 12, 0, 0))
		return -1;
	*y = v[0];
	*m = v[1];
	*d = v[2];
	return 0;
}

static time_t util_days_from_civil(int y, int m, int d)
{
	/* days since 1970-01-01 of a proleptic Gregorian date */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (time_t)(era * 146097 + doe - 719468);
}

int util_parse_iso(const char *s, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	char date[11];
	if (!s || strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (util_parse_date(date, &y, &mo, &d))
		return -1;
	const char *p = s + 10;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
		    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
			return -1;
		h = (p[0] - '0') * 10 + (p[1] - '0');
		mi = (p[3] - '0') * 10 + (p[4] - '0');
		p += 5;
		if (*p == ':') {
			if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]))
				return -1;
			sec = (p[1] - '0') * 10 + (p[2] - '0');
			p += 3;
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
	}
	if (*p == '\0') {
		time_t t = util_local_to_time(y, mo, d, h, mi, sec);
		if (t == (time_t)-1)
			return -1;
		*out = t;
		return 0;
	}
	long off = 0;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;
		if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) || p[3] != ':' ||
		    !isdigit((unsigned char)p[4]) || !isdigit((unsigned char)p[5]))
			return -1;
		off = sign * (((p[1] - '0') * 10 + (p[2] - '0')) * 3600L + ((p[4] - '0') * 10 + (p[5] - '0')) * 60L);
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	*out = util_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	return 0;
}

char *util_format_iso(time_t t, char *buf, size_t n)
{
	struct tm tm;
	localtime_r(&t, &tm);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 3600,
		 (off % 3600) / 60);
	return buf;
}

char *util_format_date(time_t t, char *buf, size_t n)
{
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(buf, n, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return buf;
}

time_t util_day_start(const char *date)
{
	int y, m, d;
	if (util_parse_date(date, &y, &m, &d))
		return -1;
	return util_local_to_time(y, m, d, 0, 0, 0);
}

int util_set_timezone(const char *tz)
{
	char path[512];
	if (!tz || !*tz || strstr(tz, "..") || tz[0] == '/')
		return errno = EINVAL, -1;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	if (access(path, R_OK) != 0 && strcmp(tz, "UTC") != 0)
		return errno = ENOENT, -1;
	setenv("TZ", tz, 1);
	tzset();
	return 0;
}

/* --------------------------------------------------------------- files */

int util_mkdir(const char *path, unsigned mode)
{
	if (mkdir(path, (mode_t)mode) == 0)
		return 0;
	if (errno == EEXIST) {
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
	}
	return -1;
}

int util_mkdir_p(const char *path, unsigned mode)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (util_mkdir(p, mode) != 0) {
			rc = -1;
			goto out;
		}
		*s = '/';
	}
	rc = util_mkdir(p, mode);
out:;
	int e = errno;
	free(p);
	errno = e;
	return rc;
}

int util_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

static char *util_dirname_dup(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int util_write_atomic(const char *path, const void *data, size_t len, unsigned mode)
{
	int fd = -1, rc = -1, e = 0;
	char *dir = util_dirname_dup(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	struct strbuf tmp = STRBUF_INIT;
	sb_addf(&tmp, "%s/.%s.%ld.tmp", dir, base, (long)getpid());

	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, (mode_t)mode);
	if (fd < 0)
		goto fail;
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp.buf, path) != 0)
		goto fail;
	if (util_fsync_dir(dir) != 0)
		goto out_err;
	rc = 0;
	goto out;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp.buf);
	errno = e;
out_err:
	e = errno;
out:
	sb_release(&tmp);
	free(dir);
	if (rc)
		errno = e;
	return rc;
}

int util_read_file(const char *path, size_t max, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* A regular file already too large is refused unread (a 100 MB file
	 * costs neither the time nor the memory of reading max bytes); the
	 * loop below still holds the limit for a file that grows or a pipe. */
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			sb_release(&sb);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		if (sb.len + (size_t)r > max) {
			close(fd);
			sb_release(&sb);
			errno = EFBIG;
			return -1;
		}
		sb_add(&sb, buf, (size_t)r);
	}
	close(fd);
	*len = sb.len;
	*data = sb_detach(&sb);
	return 0;
}

char *util_path_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, a);
	if (sb.len && sb.buf[sb.len - 1] != '/')
		sb_addc(&sb, '/');
	sb_adds(&sb, b);
	return sb_detach(&sb);
}

/* ------------------------------------------------------------- hashing */

static void util_hex_digest(const unsigned char *md, unsigned n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

int util_sha256_fd(int fd, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	char buf[65536];
	int rc = -1;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		goto out;
	off_t off = 0;
	for (;;) {
		ssize_t r = pread(fd, buf, sizeof buf, off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		if (r == 0)
			break;
		EVP_DigestUpdate(ctx, buf, (size_t)r);
		off += r;
	}
	if (!EVP_DigestFinal_ex(ctx, md, &mdlen))
		goto out;
	util_hex_digest(md, mdlen, hex);
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

void util_sha256_mem(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	util_hex_digest(md, mdlen, hex);
}

/* ---------------------------------------------------------------- text */

bool util_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p++;
		int more;
		unsigned min;
		if (c < 0x80)
			continue;
		else if ((c & 0xe0) == 0xc0) { more = 1; c &= 0x1f; min = 0x80; }
		else if ((c & 0xf0) == 0xe0) { more = 2; c &= 0x0f; min = 0x800; }
		else if ((c & 0xf8) == 0xf0) { more = 3; c &= 0x07; min = 0x10000; }
		else return false;
		if (end - p < more)
			return false;
		while (more--) {
			if ((*p & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (*p++ & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
	}
	return true;
}

char *util_hex(const void *data, size_t len)
{
	char *r = xmalloc(len * 2 + 1);
	const unsigned char *p = data;
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < len; i++) {
		r[2 * i] = digits[p[i] >> 4];
		r[2 * i + 1] = digits[p[i] & 15];
	}
	r[2 * len] = '\0';
	return r;
}
