/*
 * log - the one logger of faxintake.
 *
 * Severities, and what each means here (as Postfix's msg(3) does):
 *   log_debug  detail for developers; shown only with verbose logging.
 *   log_info   something happened as it should (a fax processed).
 *   log_warn   bad input or a passing failure: a corrupt fax, a full disk,
 *              a locked database. The work item is kept and the daemon
 *              goes on. Never a reason to exit.
 *   log_error  a command failed (the caller then exits 1), or a subsystem
 *              failed in a way that needs an operator.
 *   log_die    cannot start or continue at all (bad settings at start-up,
 *              out of memory): logs and exits 1.
 *   log_panic  a broken invariant (a bug): logs and aborts.
 *
 * Output goes to stderr (foreground) and/or syslog (setting log_syslog).
 * Messages are lower case, the object quoted: "cannot open '%s': %s".
 * Leptonica's, libxml2's and libtiff's messages are routed here by
 * log_route_libraries().
 */
#ifndef COMMON_LOG_H
#define COMMON_LOG_H

enum log_level { LOG_LVL_DEBUG, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR };

void log_setup(const char *progname, enum log_level min, int use_stderr, int use_syslog);
void log_set_level(enum log_level min);
enum log_level log_get_level(void);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void log_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void log_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Routes Leptonica's stderr, libxml2's generic errors and libtiff's global
 * warnings/errors through this logger. Call once at start-up. */
void log_route_libraries(void);

#endif
