/*
 * cmd_report - `faxintake report`: not implemented yet in this version.
 */
#include "intake/intake.h"
#include "common/log.h"

int cmd_report(struct intake *in, int argc, char **argv)
{
	(void)in;
	if (intake_want_help(argc, argv, "usage: faxintake report ... (not available yet)\n"))
		return EXIT_OK;
	log_error("'report' is not available in this version yet");
	return EXIT_FAIL;
}
