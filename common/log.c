/*
 * log - one logger, stderr and/or syslog. Thread-safe: each message is
 * written with one write(2)/syslog(3) call.
 */
#include "common/log.h"
#include "common/strbuf.h"

#include <leptonica/allheaders.h>
#include <libxml/xmlerror.h>
#include <tiffio.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static const char *log_prog = "faxintake";
static enum log_level log_min = LOG_LVL_INFO;
static int log_to_stderr = 1;
static int log_to_syslog = 0;

void log_setup(const char *progname, enum log_level min, int use_stderr, int use_syslog)
{
	log_prog = progname;
	log_min = min;
	log_to_stderr = use_stderr;
	if (use_syslog && !log_to_syslog)
		openlog(progname, LOG_PID, LOG_DAEMON);
	log_to_syslog = use_syslog;
}

void log_set_level(enum log_level min) { log_min = min; }
enum log_level log_get_level(void) { return log_min; }

static void log_v(enum log_level lvl, const char *fmt, va_list ap)
{
	static const char *names[] = { "debug", "info", "warning", "error" };
	static const int prio[] = { LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR };
	int saved = errno;
	if (lvl < log_min) {
		errno = saved;
		return;
	}
	char msg[2048];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (log_to_stderr) {
		char line[2200];
		int n;
		if (lvl == LOG_LVL_INFO)
			n = snprintf(line, sizeof line, "%s: %s\n", log_prog, msg);
		else
			n = snprintf(line, sizeof line, "%s: %s: %s\n", log_prog, names[lvl], msg);
		if (n > (int)sizeof line - 1)
			n = (int)sizeof line - 1;
		ssize_t w = write(STDERR_FILENO, line, (size_t)n);
		(void)w;
	}
	if (log_to_syslog)
		syslog(prio[lvl], "%s", msg);
	errno = saved;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v(lvl, fmt, ap);
	va_end(ap);
}

#define LOG_FN(name, lvl) \
	void name(const char *fmt, ...) \
	{ \
		va_list ap; \
		va_start(ap, fmt); \
		log_v(lvl, fmt, ap); \
		va_end(ap); \
	}
LOG_FN(log_debug, LOG_LVL_DEBUG)
LOG_FN(log_info, LOG_LVL_INFO)
LOG_FN(log_warn, LOG_LVL_WARN)
LOG_FN(log_error, LOG_LVL_ERROR)

void log_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v(LOG_LVL_ERROR, fmt, ap);
	va_end(ap);
	exit(1);
}

void log_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v(LOG_LVL_ERROR, fmt, ap);
	va_end(ap);
	abort();
}

static void log_chomp_debug(const char *who, const char *msg)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", msg);
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	if (n)
		log_debug("%s: %s", who, buf);
}

static void log_lept(const char *msg)
{
	log_chomp_debug("leptonica", msg);
}

static void log_xml_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	log_chomp_debug("libxml2", sb.buf);
	sb_release(&sb);
}

static void log_tiff(const char *module, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	log_debug("libtiff: %s: %s", module ? module : "", msg);
}

void log_route_libraries(void)
{
	/* Library messages are details: the caller that failed logs the
	 * reason at the right severity; these go to debug. */
	leptSetStderrHandler(log_lept);
	xmlSetGenericErrorFunc(NULL, log_xml_generic);
	TIFFSetErrorHandler(log_tiff);
	TIFFSetWarningHandler(log_tiff);
}
