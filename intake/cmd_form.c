/*
 * cmd_form - `form pdf FORM`: the blank form that customers fill in, as a
 * one-page A4 PDF on stdout, drawn from the same description
 * (schemas/forms/FORM.xml) that the reader uses.
 */
#include "intake/intake.h"
#include "common/log.h"
#include "ocr/render.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char form_usage[] =
	"usage: faxintake form pdf FORM > FORM.pdf\n"
	"\n"
	"Prints a blank form as PDF. FORM is AR-SEDE-01 (on-site assistance\n"
	"request) or AR-BLOCCO-01 (blocking of a stolen or lost device).\n";

int cmd_form(struct intake *in, int argc, char **argv)
{
	(void)in;
	if (intake_want_help(argc, argv, form_usage))
		return EXIT_OK;
	if (argc != 3 || strcmp(argv[1], "pdf") != 0)
		return intake_usage_error(form_usage, "expected `form pdf FORM`");
	const char *code = argv[2];
	if (strcmp(code, "AR-SEDE-01") != 0 && strcmp(code, "AR-BLOCCO-01") != 0)
		return intake_usage_error(form_usage, "unknown form '%s'", code);
	if (isatty(STDOUT_FILENO)) {
		log_error("refusing to write a PDF to a terminal: redirect it, e.g. > %s.pdf", code);
		return EXIT_USAGE;
	}
	struct strbuf err = STRBUF_INIT;
	int rc = ocr_render_form_pdf(code, stdout, &err) == 0 && fflush(stdout) == 0 ? EXIT_OK
										     : EXIT_FAIL;
	if (rc)
		log_error("cannot print form '%s': %s", code, err.len ? err.buf : "write failed");
	sb_release(&err);
	return rc;
}
