/*
 * cli - the command line of DESIGN.md: global options, dispatch, help.
 * Bad usage exits 2 with a hint; each command prints its own --help.
 */
#include "intake/intake.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xml.h"

#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char intake_usage[] =
	"usage: faxintake [-H HOME] [-v] COMMAND [ARGS]\n"
	"\n"
	"Turns received faxes (TIFF files dropped by a fax gateway) into service\n"
	"tickets: reads every page, files documents into cases, and writes a ticket\n"
	"to HOME/outbox once a case holds every document it needs.\n"
	"\n"
	"Setting up\n"
	"  init                       create the home (settings, database, spool, outbox)\n"
	"  config check               check the settings file, with line numbers\n"
	"  registry import FILE.xml   import the customer registry (CRM export)\n"
	"  form pdf FORM              a blank form (AR-SEDE-01, AR-BLOCCO-01) as PDF\n"
	"\n"
	"Processing\n"
	"  run --once                 process what is in the spool, then exit\n"
	"  watch                      the daemon, in the foreground\n"
	"\n"
	"Clerks\n"
	"  cases [--status S] [--line L] [--imei I] [--vat V] [--format text|csv|xml]\n"
	"  tickets [--since DATE] [--format text|csv|xml]\n"
	"  review list|show|set|assign|accept|reject|reprocess|cancel ...\n"
	"  history DOC|CASE|FAX       what happened, who did it, when\n"
	"\n"
	"Reporting and operations\n"
	"  report [--day DATE]        the nightly report (XML, HTML, CSV in HOME/reports)\n"
	"  export                     the whole state as XML on stdout\n"
	"  status [--format text|xml] is the daemon running, is anything stuck\n"
	"  backup DIR                 a consistent copy of the database, settings, outbox\n"
	"  purge --before DATE [--dry-run]  remove originals of closed cases\n"
	"  demo [DIR]                 a fresh demo home, sample faxes, the result\n"
	"\n"
	"Options\n"
	"  -H HOME     the home (default $FAXINTAKE_HOME, else ./faxintake-home)\n"
	"  -v          verbose (debug) logging\n"
	"  --help      this help; COMMAND --help tells about one command\n"
	"  --version   print the version\n"
	"\n"
	"Environment: FAXINTAKE_HOME, FAXINTAKE_NOW (fixes \"now\", ISO 8601),\n"
	"FAXINTAKE_SCHEMAS (schemas folder). Exit status: 0 done, 1 failure, 2 bad usage.\n";

struct intake_command {
	const char *name;
	intake_cmd_fn fn;
	bool needs_home;	/* settings are loaded before the command runs */
};

static const struct intake_command intake_commands[] = {
	{ "init", cmd_init, false },
	{ "config", cmd_config, false },
	{ "registry", cmd_registry, true },
	{ "run", cmd_run, true },
	{ "watch", cmd_watch, true },
	{ "cases", cmd_cases, true },
	{ "tickets", cmd_tickets, true },
	{ "review", cmd_review, true },
	{ "history", cmd_history, true },
	{ "report", cmd_report, true },
	{ "export", cmd_export, true },
	{ "status", cmd_status, true },
	{ "backup", cmd_backup, true },
	{ "purge", cmd_purge, true },
	{ "form", cmd_form, false },
	{ "demo", cmd_demo, false },
};

bool intake_want_help(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return true;
		}
	}
	return false;
}

int intake_usage_error(const char *usage, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	log_error("%s", msg);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

char *intake_path(const struct intake *in, const char *sub)
{
	return util_path_join(in->home, sub);
}

char *intake_spool_path(const struct intake *in, const char *sub)
{
	return util_path_join(in->cfg.spool_dir, sub);
}

int intake_load_config(struct intake *in)
{
	struct strbuf err = STRBUF_INIT;
	struct config fresh;
	/* read into a fresh table: on errors the settings in force stay */
	int rc = config_load(&fresh, in->home, in->conf_path, &err);
	if (rc) {
		/* every message already names file and line */
		fputs(err.buf, stderr);
		log_error("bad settings in '%s'", in->conf_path);
		config_free(&fresh);
		if (!in->cfg_loaded) {
			config_defaults(&in->cfg, in->home);
			in->cfg_loaded = true;
		}
		sb_release(&err);
		return -1;
	}
	sb_release(&err);
	if (in->cfg_loaded)
		config_free(&in->cfg);
	in->cfg = fresh;
	in->cfg_loaded = true;
	if (util_set_timezone(in->cfg.gateway_tz)) {
		log_error("gateway_tz: unknown time zone '%s'", in->cfg.gateway_tz);
		return -1;
	}
	enum log_level lvl = LOG_LVL_INFO;
	if (!strcmp(in->cfg.log_level, "debug")) lvl = LOG_LVL_DEBUG;
	else if (!strcmp(in->cfg.log_level, "warning")) lvl = LOG_LVL_WARN;
	else if (!strcmp(in->cfg.log_level, "error")) lvl = LOG_LVL_ERROR;
	if (log_get_level() > LOG_LVL_DEBUG)
		log_set_level(lvl);
	return 0;
}

static struct store *intake_open_store_mode(struct intake *in, bool ro)
{
	struct strbuf err = STRBUF_INIT;
	struct stat st;
	if (stat(ro ? in->db_path : in->home, &st) != 0) {
		log_error("no faxintake home at '%s' (run `faxintake -H %s init` first)", in->home,
			  in->home);
		return NULL;
	}
	struct store *s = ro ? store_open_ro(in->db_path, in->cfg.busy_timeout_ms, &err)
			     : store_open(in->db_path, in->cfg.busy_timeout_ms, &err);
	if (!s)
		log_error("%s", err.buf);
	sb_release(&err);
	return s;
}

struct store *intake_open_store(struct intake *in)
{
	return intake_open_store_mode(in, false);
}

struct store *intake_open_store_ro(struct intake *in)
{
	return intake_open_store_mode(in, true);
}

static const char *intake_login_name(void)
{
	const char *u = getenv("LOGNAME");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

/* Takes --as NAME out of argv (anywhere after the command). */
static int intake_take_as(struct intake *in, int *argc, char **argv)
{
	int j = 0;
	for (int i = 0; i < *argc; i++) {
		if (!strcmp(argv[i], "--as") && i + 1 < *argc) {
			in->actor = argv[++i];
			if (!*in->actor)
				return -1;
			continue;
		}
		if (!strncmp(argv[i], "--as=", 5)) {
			in->actor = argv[i] + 5;
			continue;
		}
		argv[j++] = argv[i];
	}
	argv[j] = NULL;
	*argc = j;
	return 0;
}

int intake_main(int argc, char **argv)
{
	struct intake in = { 0 };
	int verbose = 0, rc = EXIT_FAIL;
	const char *home = NULL;

	log_setup("faxintake", LOG_LVL_INFO, 1, 0);
	log_route_libraries();

	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "home", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	/* '+': stop at the command, its options are its own */
	while ((c = getopt_long(argc, argv, "+H:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'H': home = optarg; break;
		case 'v': verbose = 1; break;
		case 'h': fputs(intake_usage, stdout); return EXIT_OK;
		case 'V': printf("faxintake %s\n", FAXINTAKE_VERSION); return EXIT_OK;
		default: fputs(intake_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return intake_usage_error(intake_usage, "no command given");
	if (verbose)
		log_set_level(LOG_LVL_DEBUG);

	const struct intake_command *cmd = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(intake_commands); i++)
		if (!strcmp(argv[optind], intake_commands[i].name))
			cmd = &intake_commands[i];
	if (!cmd)
		return intake_usage_error(intake_usage, "unknown command '%s'", argv[optind]);

	if (!home)
		home = getenv("FAXINTAKE_HOME");
	if (!home || !*home)
		home = "./faxintake-home";
	in.home = xstrdup(home);
	in.conf_path = util_path_join(home, "faxintake.conf");
	in.db_path = util_path_join(home, "faxintake.db");
	in.actor = intake_login_name();
	xml_init(NULL);

	int cargc = argc - optind;
	char **cargv = xcalloc((size_t)cargc + 1, sizeof *cargv);
	memcpy(cargv, argv + optind, (size_t)cargc * sizeof *cargv);
	if (intake_take_as(&in, &cargc, cargv)) {
		rc = intake_usage_error(intake_usage, "--as needs a name");
		goto out;
	}
	bool help = intake_want_help(cargc, cargv, "");
	if (cmd->needs_home && !help) {
		if (intake_load_config(&in)) {
			rc = EXIT_USAGE;
			goto out;
		}
	} else {
		config_defaults(&in.cfg, in.home);
		in.cfg_loaded = true;
		util_set_timezone(in.cfg.gateway_tz);
	}
	optind = 1;
	rc = cmd->fn(&in, cargc, cargv);
out:
	free(cargv);
	if (in.cfg_loaded)
		config_free(&in.cfg);
	free(in.home);
	free(in.conf_path);
	free(in.db_path);
	return rc;
}
