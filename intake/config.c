/*
 * config - settings as one table (as Redis's config.c): name, type, bounds,
 * default, comment. Parsing reports every bad line with its number and
 * never stops at the first; a bad setting at start-up is fatal for the
 * caller (exit 2 from `config check`, refusal to start for the daemon).
 */
#include "intake/config.h"
#include "common/log.h"
#include "common/util.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum cfg_type { CFG_STR, CFG_INT, CFG_DOUBLE, CFG_BOOL, CFG_ENUM };

struct cfg_entry {
	const char *name;
	enum cfg_type type;
	size_t off;
	long min, max;			/* int bounds */
	const char *def;		/* default as text; "" for empty */
	const char *choices;		/* CFG_ENUM: "|a|b|c|" */
	const char *comment;
};

#define O(f) offsetof(struct config, f)
static const struct cfg_entry cfg_table[] = {
	{ "spool_dir", CFG_STR, O(spool_dir), 0, 0, "",
	  NULL, "Spool folder (incoming, work, archive, corrupt, refused). Empty: HOME/spool.\n"
		"All its folders must be on one file system (claims are renames)." },
	{ "gateway_tz", CFG_STR, O(gateway_tz), 0, 0, "Europe/Rome", NULL,
	  "Time zone of the fax gateway's clock (the TIFF DateTime is its local time)." },
	{ "gateway_group", CFG_STR, O(gateway_group), 0, 0, "", NULL,
	  "Group of the gateway's user: spool/incoming is made setgid 2770 with it.\n"
	  "Empty: no group change." },
	{ "user", CFG_STR, O(user), 0, 0, "", NULL,
	  "Account the daemon drops to, when started as root, before it reads any fax." },
	{ "workers", CFG_INT, O(workers), 0, 64, "0", NULL,
	  "Reading threads, each with its own Tesseract. 0: the number of cores." },
	{ "stability_delay_ms", CFG_INT, O(stability_delay_ms), 0, 600000, "2000", NULL,
	  "A file is complete when its size and mtime are unchanged across two looks\n"
	  "this far apart (and nobody holds a lock on it)." },
	{ "rescan_interval_s", CFG_INT, O(rescan_interval_s), 1, 86400, "60", NULL,
	  "Full rescan of incoming this often, whatever inotify says." },
	{ "watch_mode", CFG_ENUM, O(watch_mode), 0, 0, "auto", "|auto|inotify|poll|",
	  "auto: inotify on local file systems, polling on NFS/SMB/FUSE." },
	{ "poll_interval_ms", CFG_INT, O(poll_interval_ms), 100, 3600000, "2000", NULL,
	  "How often the polling mode looks at incoming." },
	{ "max_pages", CFG_INT, O(max_pages), 1, 10000, "50", NULL,
	  "Pages per fax; a longer fax is kept aside with PAGE_LIMIT." },
	{ "page_timeout_ms", CFG_INT, O(page_timeout_ms), 1000, 3600000, "60000", NULL,
	  "Time limit for reading one page." },
	{ "worker_memory_mb", CFG_INT, O(worker_memory_mb), 0, 1048576, "2048", NULL,
	  "Address-space limit of the process (RLIMIT_AS), in MiB. 0: none." },
	{ "min_confidence", CFG_DOUBLE, O(min_confidence), 0, 1, "0.80", NULL,
	  "A field read with less confidence goes to a clerk (LOW_CONFIDENCE)." },
	{ "grace_time_s", CFG_INT, O(grace_time_s), 1, 3600, "30", NULL,
	  "On SIGTERM, finish the fax in hand within this time, then stop." },
	{ "log_syslog", CFG_BOOL, O(log_syslog), 0, 0, "no", NULL,
	  "Also log to syslog (facility daemon)." },
	{ "log_level", CFG_ENUM, O(log_level), 0, 0, "info", "|debug|info|warning|error|",
	  "Least severity logged." },
	{ "min_free_mb", CFG_INT, O(min_free_mb), 0, 1048576, "100", NULL,
	  "Under this free space on the home's or the spool's file system, no new fax\n"
	  "is claimed (they wait in incoming) until space returns." },
	{ "backlog_alert_s", CFG_INT, O(backlog_alert_s), 1, 604800, "900", NULL,
	  "`status` reports a problem when the oldest waiting fax is older than this." },
	{ "retention_days", CFG_INT, O(retention_days), 0, 36500, "0", NULL,
	  "Days originals of closed cases are kept at least: `purge --before DATE`\n"
	  "refuses a DATE more recent than this. 0: no floor (faxintake never\n"
	  "removes an original on its own; only `purge` does)." },
	{ "stage_timings", CFG_BOOL, O(stage_timings), 0, 0, "no", NULL,
	  "Record CPU time per stage (decode, cleaning, OCR, rules, database) and\n"
	  "print it after `run --once`." },
	{ "xml_faxes", CFG_BOOL, O(xml_faxes), 0, 0, "no", NULL,
	  "Also accept faxes already read: XML files (schemas/fax.xsd) holding the\n"
	  "documents as instances of their schemas. For tests and structured gateways." },
	{ "busy_timeout_ms", CFG_INT, O(busy_timeout_ms), 0, 3600000, "30000", NULL,
	  "How long to wait for another process's database lock before retrying." },
};
#undef O

static void *cfg_ptr(struct config *c, const struct cfg_entry *e)
{
	return (char *)c + e->off;
}

static int cfg_set(struct config *c, const struct cfg_entry *e, const char *v, struct strbuf *why)
{
	char *end;
	switch (e->type) {
	case CFG_STR: {
		char **p = cfg_ptr(c, e);
		free(*p);
		*p = xstrdup(v);
		return 0;
	}
	case CFG_ENUM: {
		char pat[64];
		snprintf(pat, sizeof pat, "|%s|", v);
		if (!*v || !strstr(e->choices, pat)) {
			sb_addf(why, "'%s' is not one of %s", v, e->choices);
			return -1;
		}
		char **p = cfg_ptr(c, e);
		free(*p);
		*p = xstrdup(v);
		return 0;
	}
	case CFG_INT: {
		errno = 0;
		long x = strtol(v, &end, 10);
		if (errno || end == v || *end) {
			sb_addf(why, "'%s' is not a whole number", v);
			return -1;
		}
		if (x < e->min || x > e->max) {
			sb_addf(why, "%ld is out of range %ld..%ld", x, e->min, e->max);
			return -1;
		}
		*(int *)cfg_ptr(c, e) = (int)x;
		return 0;
	}
	case CFG_DOUBLE: {
		errno = 0;
		double x = strtod(v, &end);
		if (errno || end == v || *end) {
			sb_addf(why, "'%s' is not a number", v);
			return -1;
		}
		if (x < e->min || x > e->max) {
			sb_addf(why, "%g is out of range %ld..%ld", x, e->min, e->max);
			return -1;
		}
		*(double *)cfg_ptr(c, e) = x;
		return 0;
	}
	case CFG_BOOL:
		if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on"))
			*(bool *)cfg_ptr(c, e) = true;
		else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off"))
			*(bool *)cfg_ptr(c, e) = false;
		else {
			sb_addf(why, "'%s' is not yes or no", v);
			return -1;
		}
		return 0;
	}
	return -1;
}

void config_defaults(struct config *c, const char *home)
{
	struct strbuf why = STRBUF_INIT;
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < ARRAY_SIZE(cfg_table); i++)
		if (cfg_set(c, &cfg_table[i], cfg_table[i].def, &why))
			log_panic("default of '%s' is invalid: %s", cfg_table[i].name, why.buf);
	sb_release(&why);
	if (home) {
		free(c->spool_dir);
		c->spool_dir = util_path_join(home, "spool");
	}
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < ARRAY_SIZE(cfg_table); i++)
		if (cfg_table[i].type == CFG_STR || cfg_table[i].type == CFG_ENUM) {
			char **p = cfg_ptr(c, &cfg_table[i]);
			free(*p);
			*p = NULL;
		}
}

static const struct cfg_entry *cfg_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(cfg_table); i++)
		if (!strcmp(cfg_table[i].name, name))
			return &cfg_table[i];
	return NULL;
}

int config_load(struct config *c, const char *home, const char *path, struct strbuf *err)
{
	config_defaults(c, home);
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		sb_addf(err, "cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, bad = 0;
	struct strbuf why = STRBUF_INIT;
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			continue;
		char *eq = strchr(p, '=');
		if (!eq) {
			sb_addf(err, "%s:%d: expected 'name = value'\n", path, lineno);
			bad++;
			continue;
		}
		char *name = p, *value = eq + 1;
		char *ne = eq;
		while (ne > name && isspace((unsigned char)ne[-1]))
			ne--;
		*ne = '\0';
		while (isspace((unsigned char)*value))
			value++;
		size_t vl = strlen(value);
		while (vl && isspace((unsigned char)value[vl - 1]))
			value[--vl] = '\0';
		if (vl >= 2 && value[0] == '"' && value[vl - 1] == '"') {
			value[vl - 1] = '\0';
			value++;
		}
		const struct cfg_entry *e = cfg_find(name);
		if (!e) {
			sb_addf(err, "%s:%d: unknown setting '%s'\n", path, lineno, name);
			bad++;
			continue;
		}
		sb_reset(&why);
		if (cfg_set(c, e, value, &why)) {
			sb_addf(err, "%s:%d: %s: %s\n", path, lineno, name, why.buf);
			bad++;
		}
	}
	free(line);
	fclose(f);
	sb_release(&why);
	if (!c->spool_dir[0]) {
		free(c->spool_dir);
		c->spool_dir = util_path_join(home, "spool");
	}
	return bad ? -1 : 0;
}

void config_write_defaults(struct strbuf *out)
{
	sb_adds(out, "# faxintake settings. Every setting is shown with its default;\n"
		     "# uncomment and change what you need. Check with `faxintake config check`.\n");
	for (size_t i = 0; i < ARRAY_SIZE(cfg_table); i++) {
		const struct cfg_entry *e = &cfg_table[i];
		sb_adds(out, "\n# ");
		for (const char *p = e->comment; *p; p++) {
			sb_addc(out, *p);
			if (*p == '\n')
				sb_adds(out, "# ");
		}
		sb_addf(out, "\n#%s = %s\n", e->name, e->def);
	}
}

void config_dump(const struct config *c, struct strbuf *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(cfg_table); i++) {
		const struct cfg_entry *e = &cfg_table[i];
		const void *p = (const char *)c + e->off;
		sb_addf(out, "%s = ", e->name);
		switch (e->type) {
		case CFG_STR:
		case CFG_ENUM: sb_adds(out, *(char *const *)p); break;
		case CFG_INT: sb_addf(out, "%d", *(const int *)p); break;
		case CFG_DOUBLE: sb_addf(out, "%.2f", *(const double *)p); break;
		case CFG_BOOL: sb_adds(out, *(const bool *)p ? "yes" : "no"); break;
		}
		sb_addc(out, '\n');
	}
}
