/*
 * strbuf - the one growable string of faxintake.
 *
 * A strbuf always holds a NUL-terminated string (buf is never NULL after
 * sb_init). Allocation failure is fatal (the process cannot go on without
 * memory; see log.h), so callers need not check.
 */
#ifndef COMMON_STRBUF_H
#define COMMON_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(struct strbuf *sb);
void sb_release(struct strbuf *sb);            /* frees, leaves sb empty and reusable */
void sb_reset(struct strbuf *sb);              /* len = 0, keeps the memory */
char *sb_detach(struct strbuf *sb);            /* caller owns the result (free) */
void sb_add(struct strbuf *sb, const void *data, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Appends s escaped for XML text and attribute values (&, <, >, ", ');
 * what XML 1.0 forbids becomes '?': control characters, the noncharacters
 * U+FFFE/U+FFFF and each byte that is not part of a valid UTF-8 sequence. */
void sb_add_xml(struct strbuf *sb, const char *s);
/* Appends s quoted for CSV (RFC 4180) when it needs quoting. */
void sb_add_csv(struct strbuf *sb, const char *s);
void sb_trim(struct strbuf *sb);               /* strips leading/trailing whitespace */

#endif
