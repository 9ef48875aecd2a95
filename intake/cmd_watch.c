/*
 * cmd_watch - `faxintake watch`: not implemented yet in this version.
 */
#include "intake/intake.h"
#include "common/log.h"

int cmd_watch(struct intake *in, int argc, char **argv)
{
	(void)in;
	if (intake_want_help(argc, argv, "usage: faxintake watch ... (not available yet)\n"))
		return EXIT_OK;
	log_error("'watch' is not available in this version yet");
	return EXIT_FAIL;
}
