/*
 * intake - the program: command line, home, daemon loop, store, clerks'
 * desk, reports. Each command lives in its own file (intake/cmd_*.c) and
 * has the signature of intake_cmd_fn.
 *
 * Exit status (DESIGN.md): 0 when the command did its job (rejected
 * documents are a result), 1 on a runtime failure, 2 on bad usage.
 * Messages go to stderr (common/log.h); data goes to stdout.
 */
#ifndef INTAKE_INTAKE_H
#define INTAKE_INTAKE_H

#include <stdbool.h>

#include "intake/config.h"
#include "intake/store.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct intake {
	char *home;		/* -H, $FAXINTAKE_HOME, else ./faxintake-home */
	char *conf_path;	/* HOME/faxintake.conf */
	char *db_path;		/* HOME/faxintake.db */
	struct config cfg;
	const char *actor;	/* --as NAME, default the login name */
	bool cfg_loaded;
};

typedef int (*intake_cmd_fn)(struct intake *in, int argc, char **argv);

/* The whole command line; main() only calls this. */
int intake_main(int argc, char **argv);

/* Loads the settings (exit-worthy problems are logged); 0 or -1. */
int intake_load_config(struct intake *in);
/* Opens the home's database read-write (migrating); NULL after logging. */
struct store *intake_open_store(struct intake *in);
/* Opens read-only; NULL after logging. */
struct store *intake_open_store_ro(struct intake *in);
/* HOME/sub, caller frees. */
char *intake_path(const struct intake *in, const char *sub);
/* spool_dir/sub, caller frees. */
char *intake_spool_path(const struct intake *in, const char *sub);

/* Usage helpers: true when argv holds -h/--help (then the help was printed). */
bool intake_want_help(int argc, char **argv, const char *usage);
int intake_usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Commands. */
int cmd_init(struct intake *in, int argc, char **argv);
int cmd_config(struct intake *in, int argc, char **argv);
int cmd_registry(struct intake *in, int argc, char **argv);
int cmd_run(struct intake *in, int argc, char **argv);
int cmd_watch(struct intake *in, int argc, char **argv);
int cmd_cases(struct intake *in, int argc, char **argv);
int cmd_tickets(struct intake *in, int argc, char **argv);
int cmd_review(struct intake *in, int argc, char **argv);
int cmd_history(struct intake *in, int argc, char **argv);
int cmd_report(struct intake *in, int argc, char **argv);
int cmd_export(struct intake *in, int argc, char **argv);
int cmd_status(struct intake *in, int argc, char **argv);
int cmd_backup(struct intake *in, int argc, char **argv);
int cmd_purge(struct intake *in, int argc, char **argv);
int cmd_form(struct intake *in, int argc, char **argv);
int cmd_demo(struct intake *in, int argc, char **argv);

/* Creates the home (idempotent). 0 or -1 after logging. */
int intake_init_home(struct intake *in);

#endif
