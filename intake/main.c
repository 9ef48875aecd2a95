/*
 * main - the thin main of faxintake: makes sure Tesseract's OpenMP runs one
 * thread per worker, then hands the command line to intake_main().
 * Failure policy: if the re-execution fails, it goes on (slower); every
 * other failure is intake_main's to report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "intake/intake.h"

int main(int argc, char **argv)
{
	/* libgomp reads OMP_THREAD_LIMIT when it is loaded, before main: set
	 * it and start again, so every worker's Tesseract uses one thread
	 * (about ten times faster on two cores than OpenMP's default). */
	const char *omp = getenv("OMP_THREAD_LIMIT");
	if (!omp || strcmp(omp, "1") != 0) {
		setenv("OMP_THREAD_LIMIT", "1", 1);
		execv("/proc/self/exe", argv);
		/* no /proc: go on, slower */
	}
	return intake_main(argc, argv);
}
