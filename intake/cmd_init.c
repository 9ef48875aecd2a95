/*
 * cmd_init - `init` creates a home (DESIGN.md, "A faxintake home") with
 * private permissions; `config check` checks the settings file. Running
 * init twice is harmless: what exists is kept, what is missing is made.
 */
#include "intake/intake.h"
#include "common/log.h"
#include "common/util.h"
#include "spool/spool.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char init_usage[] =
	"usage: faxintake [-H HOME] init\n"
	"\n"
	"Creates the home: faxintake.conf (every setting with its default and a\n"
	"comment), faxintake.db, spool/{incoming,work,archive,corrupt,refused},\n"
	"outbox/ and reports/. Folders are 0750 and files 0640; spool/incoming is\n"
	"setgid 2770 with the group named by gateway_group. Existing files are kept.\n";

static const char config_usage[] =
	"usage: faxintake [-H HOME] config check\n"
	"\n"
	"Reads HOME/faxintake.conf and reports every problem with its line number\n"
	"(exit 2), or prints the settings in force (exit 0).\n";

static int init_dir(const char *path, unsigned mode)
{
	if (util_mkdir_p(path, mode)) {
		log_error("cannot create '%s': %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int intake_init_home(struct intake *in)
{
	int rc = -1;
	char *p = NULL;
	struct strbuf conf = STRBUF_INIT, err = STRBUF_INIT;

	umask(027);
	if (init_dir(in->home, 0750))
		goto out;
	chmod(in->home, 0750);
	if (access(in->conf_path, F_OK) != 0) {
		config_write_defaults(&conf);
		if (util_write_atomic(in->conf_path, conf.buf, conf.len, 0640)) {
			log_error("cannot write '%s': %s", in->conf_path, strerror(errno));
			goto out;
		}
	}
	if (intake_load_config(in))
		goto out;
	gid_t gid = (gid_t)-1;
	if (in->cfg.gateway_group[0]) {
		struct group *g = getgrnam(in->cfg.gateway_group);
		if (!g) {
			log_error("gateway_group: no group '%s'", in->cfg.gateway_group);
			goto out;
		}
		gid = g->gr_gid;
	}
	if (spool_init_dirs(in->cfg.spool_dir, gid, &err)) {
		log_error("cannot create the spool: %s", err.buf);
		goto out;
	}
	static const char *const home_dirs[] = { "outbox", "reports" };
	for (size_t i = 0; i < ARRAY_SIZE(home_dirs); i++) {
		free(p);
		p = intake_path(in, home_dirs[i]);
		if (init_dir(p, 0750))
			goto out;
	}
	struct store *s = store_open(in->db_path, in->cfg.busy_timeout_ms, &err);
	if (!s) {
		log_error("%s", err.buf);
		goto out;
	}
	store_close(&s);
	chmod(in->db_path, 0640);
	rc = 0;
out:
	free(p);
	sb_release(&conf);
	sb_release(&err);
	return rc;
}

int cmd_init(struct intake *in, int argc, char **argv)
{
	if (intake_want_help(argc, argv, init_usage))
		return EXIT_OK;
	if (argc != 1)
		return intake_usage_error(init_usage, "init takes no arguments");
	if (intake_init_home(in))
		return EXIT_FAIL;
	log_info("home ready at '%s' (settings: '%s')", in->home, in->conf_path);
	return EXIT_OK;
}

int cmd_config(struct intake *in, int argc, char **argv)
{
	if (intake_want_help(argc, argv, config_usage))
		return EXIT_OK;
	if (argc != 2 || strcmp(argv[1], "check") != 0)
		return intake_usage_error(config_usage, "expected `config check`");
	if (access(in->conf_path, R_OK) != 0 && errno != ENOENT) {
		log_error("cannot read '%s': %s", in->conf_path, strerror(errno));
		return EXIT_USAGE;
	}
	if (intake_load_config(in))
		return EXIT_USAGE;
	struct strbuf out = STRBUF_INIT;
	config_dump(&in->cfg, &out);
	fputs(out.buf, stdout);
	sb_release(&out);
	log_info("settings in '%s' are valid", in->conf_path);
	return EXIT_OK;
}
