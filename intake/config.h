/*
 * config - the settings of faxintake: one table (name, type, bounds,
 * default, comment), read from HOME/faxintake.conf ("name = value" lines,
 * '#' comments). Every setting has a default; `faxintake init` writes the
 * file with all of them and their comments.
 */
#ifndef INTAKE_CONFIG_H
#define INTAKE_CONFIG_H

#include <stdbool.h>

#include "common/strbuf.h"

struct config {
	char *spool_dir;		/* default HOME/spool */
	char *gateway_tz;
	char *gateway_group;
	char *user;
	int workers;			/* 0: number of cores */
	int stability_delay_ms;
	int rescan_interval_s;
	char *watch_mode;		/* auto, inotify, poll */
	int poll_interval_ms;
	int max_pages;
	int page_timeout_ms;
	int worker_memory_mb;
	double min_confidence;
	int grace_time_s;
	bool log_syslog;
	char *log_level;		/* debug, info, warning, error */
	int min_free_mb;
	int backlog_alert_s;
	int retention_days;		/* 0: for ever */
	bool stage_timings;
	int busy_timeout_ms;
	bool xml_faxes;
};

/* Fills c with the defaults (spool_dir = home/spool). */
void config_defaults(struct config *c, const char *home);
/* Reads path over the defaults. A missing file is fine (defaults). Returns
 * 0, or -1 with every problem, one per line "FILE:LINE: ...", in err. */
int config_load(struct config *c, const char *home, const char *path, struct strbuf *err);
void config_free(struct config *c);
/* The settings file as `init` writes it: every setting, default, comment. */
void config_write_defaults(struct strbuf *out);
/* Prints the settings in force ("name = value"). */
void config_dump(const struct config *c, struct strbuf *out);

#endif
