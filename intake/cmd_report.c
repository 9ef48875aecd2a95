/*
 * cmd_report - `faxintake report [--day YYYY-MM-DD]`: the nightly report
 * of one local day into HOME/reports/<day>.{xml,html,csv}.
 *
 * Failure policy: the database is opened read-only (the daemon may be
 * running); any failure (database, schema, stylesheet, disk) is logged and
 * exits 1 before or between atomic writes, so each file is either the old
 * one or the complete new one. The XML is checked against its schema
 * before anything is written.
 */
#include "intake/intake.h"
#include "intake/report.h"
#include "common/log.h"
#include "common/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char report_usage[] =
	"usage: faxintake [-H HOME] report [--day YYYY-MM-DD]\n"
	"\n"
	"Writes the report of one day (default: yesterday, Europe/Rome) to\n"
	"HOME/reports/DAY.xml (schemas/report.xsd), DAY.html (standalone, printable)\n"
	"and DAY.csv (the day's tickets). Figures count by receipt day: faxes and\n"
	"pages by hour and sender, documents by type and outcome, reason codes,\n"
	"cases opened, completed and still waiting (with ages and what they wait\n"
	"for), tickets created and those due on the next business day, processing\n"
	"time per page, mean OCR confidence, faxes with a flagged line quality.\n"
	"The same day gives the same bytes on every run. The database is opened\n"
	"read-only, so the report may run while the daemon works.\n";

static int report_write(const char *dir, const char *day, const char *ext,
			const struct strbuf *data)
{
	char name[32];
	snprintf(name, sizeof name, "%s.%s", day, ext);
	char *path = util_path_join(dir, name);
	int rc = util_write_atomic(path, data->buf, data->len, 0640);
	if (rc)
		log_error("cannot write '%s': %s", path, strerror(errno));
	else
		log_debug("wrote '%s'", path);
	free(path);
	return rc;
}

int cmd_report(struct intake *in, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "day", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *day_arg = NULL;
	char day[11];
	int c, y, m, d, rc = EXIT_FAIL;
	struct store *s = NULL;
	struct report *r = NULL;
	struct strbuf xml = STRBUF_INIT, html = STRBUF_INIT, csv = STRBUF_INIT, err = STRBUF_INIT;
	char *dir = NULL;

	if (intake_want_help(argc, argv, report_usage))
		return EXIT_OK;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return intake_usage_error(report_usage, "report: bad option");
		day_arg = optarg;
	}
	if (optind < argc)
		return intake_usage_error(report_usage, "report: unexpected '%s'", argv[optind]);
	if (day_arg) {
		if (strlen(day_arg) != 10 || util_parse_date(day_arg, &y, &m, &d))
			return intake_usage_error(report_usage, "report: bad day '%s' (want YYYY-MM-DD)",
						  day_arg);
		snprintf(day, sizeof day, "%s", day_arg);
	} else {
		char today[11];
		util_format_date(util_now(), today, sizeof today);
		if (report_day_add(today, -1, day, sizeof day))
			log_panic("cannot compute the day before '%s'", today);
	}

	s = intake_open_store_ro(in);
	if (!s)
		goto out;
	r = report_load(s, day);
	store_close(&s);
	if (!r)
		goto out;
	report_xml(r, &xml);
	report_csv(r, &csv);
	if (report_html(xml.buf, xml.len, &html, &err)) {
		log_error("report of %s: %s", day, err.buf);
		goto out;
	}

	dir = intake_path(in, "reports");
	if (util_mkdir(dir, 0750)) {
		log_error("cannot create '%s': %s", dir, strerror(errno));
		goto out;
	}
	if (report_write(dir, day, "xml", &xml) || report_write(dir, day, "html", &html) ||
	    report_write(dir, day, "csv", &csv))
		goto out;
	rc = EXIT_OK;
out:
	report_free(&r);
	store_close(&s);
	sb_release(&xml);
	sb_release(&html);
	sb_release(&csv);
	sb_release(&err);
	free(dir);
	return rc;
}
