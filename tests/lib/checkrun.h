/*
 * tests/lib/checkrun.h - how every Check suite of tests/ ends: run the
 * suite, say the result, exit non-zero on a failure (make check reads the
 * exit status). A header only, so that mkfax, which links tests/lib but
 * not Check, need not.
 */
#ifndef FAXINTAKE_TESTS_CHECKRUN_H
#define FAXINTAKE_TESTS_CHECKRUN_H

#include <check.h>
#include <stdbool.h>
#include <stdlib.h>

/* Runs s (in this process when nofork: a suite whose fixture holds a
 * Tesseract engine loaded once for all its tests) and frees it; the exit
 * status for main. */
static inline int check_run(Suite *s, bool nofork)
{
	SRunner *sr = srunner_create(s);
	if (nofork)
		srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
