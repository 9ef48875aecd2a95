/*
 * cmd_registry - `faxintake registry`: not implemented yet in this version.
 */
#include "intake/intake.h"
#include "common/log.h"

int cmd_registry(struct intake *in, int argc, char **argv)
{
	(void)in;
	if (intake_want_help(argc, argv, "usage: faxintake registry ... (not available yet)\n"))
		return EXIT_OK;
	log_error("'registry' is not available in this version yet");
	return EXIT_FAIL;
}
