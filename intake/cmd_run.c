/*
 * cmd_run - `run --once`: process what is in the spool, then exit.
 * Exit 0 when every fax taken was committed (rejected documents are a
 * result), 1 when some stay in line (disk full, database locked too long)
 * or free space is low.
 */
#include "intake/daemon.h"
#include "intake/spoolio.h"
#include "common/log.h"

#include <stdio.h>
#include <string.h>

static const char run_usage[] =
	"usage: faxintake [-H HOME] run --once [--timings[=kv]]\n"
	"\n"
	"Processes every complete fax in the spool (and whatever an interrupted\n"
	"run left in spool/work), in receipt-time order, then exits. Files still\n"
	"being written (locked, or changing size) are left for the next run.\n"
	"On a terminal a progress line shows faxes, pages and pages per second.\n"
	"  --timings   print CPU time per stage (also: setting stage_timings)\n"
	"  --timings=kv  the same as key=value lines for tools (stage sums in\n"
	"              microseconds of CPU; see pipeline.h)\n";

int cmd_run(struct intake *in, int argc, char **argv)
{
	bool once = false, timings = in->cfg.stage_timings, kv = false;
	if (intake_want_help(argc, argv, run_usage))
		return EXIT_OK;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--once"))
			once = true;
		else if (!strcmp(argv[i], "--timings"))
			timings = true;
		else if (!strcmp(argv[i], "--timings=kv"))
			timings = kv = true;
		else
			return intake_usage_error(run_usage, "unknown option '%s'", argv[i]);
	}
	if (!once)
		return intake_usage_error(run_usage, "run needs --once (the daemon is `watch`)");

	int rc = EXIT_FAIL;
	struct store *s = NULL;
	struct spool *sp = NULL;
	struct pipeline *p = NULL;
	bool said = false;

	daemon_signals(in->cfg.grace_time_s);
	if (daemon_drop_privileges(in, -1))
		goto out;
	daemon_limit_memory(in);
	if (!(s = intake_open_store(in)) || !(sp = spoolio_open(in)))
		goto out;
	if (daemon_low_disk(in, &said))
		goto out;
	if (!(p = pipeline_new(in, s, sp)))
		goto out;
	long next_ms;
	int r = daemon_pass(in, s, sp, p, true, true, &next_ms);
	const struct pipeline_stats *st = pipeline_stats(p);
	log_info("run: %d faxes (%d duplicates, %d corrupt), %d pages, %d documents%s",
		 st->faxes, st->duplicates, st->corrupt, st->pages, st->documents,
		 st->failed ? "; some faxes stay in line (see above)" : "");
	if (kv)
		pipeline_print_timings_kv(p, stdout);
	else if (timings)
		pipeline_print_timings(p, stdout);
	rc = r == 0 ? EXIT_OK : EXIT_FAIL;
out:
	pipeline_free(&p);
	spool_close(&sp);
	store_close(&s);
	return rc;
}
