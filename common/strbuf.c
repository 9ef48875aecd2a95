/*
 * strbuf - growable strings. Out of memory is fatal (log_die).
 */
#include "common/strbuf.h"
#include "common/log.h"
#include "common/util.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char sb_empty[1];

void sb_init(struct strbuf *sb)
{
	sb->buf = sb_empty;
	sb->len = 0;
	sb->alloc = 0;
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (sb->alloc && need <= sb->alloc)
		return;
	size_t n = sb->alloc ? sb->alloc : 64;
	while (n < need)
		n *= 2;
	char *p = sb->alloc ? realloc(sb->buf, n) : malloc(n);
	if (!p)
		log_die("out of memory (%zu bytes)", n);
	if (!sb->alloc)
		p[0] = '\0';
	sb->buf = p;
	sb->alloc = n;
}

void sb_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb_init(sb);
}

void sb_reset(struct strbuf *sb)
{
	if (!sb->buf)
		sb_init(sb);
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

char *sb_detach(struct strbuf *sb)
{
	sb_grow(sb, 0);
	char *r = sb->buf;
	sb_init(sb);
	return r;
}

void sb_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!sb->buf)
		sb_init(sb);
	sb_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	if (!sb->buf)
		sb_init(sb);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		log_die("vsnprintf failed for '%s'", fmt);
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* Length of the well-formed UTF-8 sequence at s (s[0] >= 0x80), or 0;
 * *allowed is false for the noncharacters U+FFFE and U+FFFF, which XML 1.0
 * forbids. */
static size_t sb_utf8_len(const char *s, bool *allowed)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
	if (!n || strnlen(s, n) < n || !util_utf8_valid(s, n))
		return 0;
	*allowed = !(n == 3 && c == 0xef && (unsigned char)s[1] == 0xbf &&
		     ((unsigned char)s[2] & 0xfe) == 0xbe);
	return n;
}

void sb_add_xml(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s >= 0x80) {
			/* a noncharacter, or each byte of a broken sequence: '?', as
			 * XML 1.0 forbids them and one would spoil the document */
			bool allowed = false;
			size_t n = sb_utf8_len(s, &allowed);
			if (n && allowed)
				sb_add(sb, s, n);
			else
				sb_addc(sb, '?');
			s += n ? n - 1 : 0;
			continue;
		}
		switch (*s) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&apos;"); break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
				sb_addf(sb, "?");
			else
				sb_addc(sb, *s);
		}
	}
}

void sb_add_csv(struct strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		sb_adds(sb, s);
		return;
	}
	sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

void sb_trim(struct strbuf *sb)
{
	size_t a = 0;
	if (!sb->len)
		return;
	while (a < sb->len && isspace((unsigned char)sb->buf[a]))
		a++;
	size_t b = sb->len;
	while (b > a && isspace((unsigned char)sb->buf[b - 1]))
		b--;
	memmove(sb->buf, sb->buf + a, b - a);
	sb->len = b - a;
	sb->buf[sb->len] = '\0';
}
