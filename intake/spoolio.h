/*
 * spoolio - the program's use of the spool/ module: claiming what is in
 * incoming (and recording what was refused), putting work/ back in line
 * after a crash, archiving and quarantining after the database commit.
 */
#ifndef INTAKE_SPOOLIO_H
#define INTAKE_SPOOLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "intake/intake.h"
#include "spool/spool.h"

struct spoolio_batch {
	char **paths;		/* files in work/, to process */
	size_t n;
	size_t refused;		/* entries refused (recorded as REFUSED_FILE) */
	size_t waiting;		/* unstable or locked: left for a later scan */
	long next_ms;		/* from the scan: look again after this, -1 none */
};
void spoolio_batch_release(struct spoolio_batch *b);

/* Opens the spool of the settings (creating its folders when missing). */
struct spool *spoolio_open(struct intake *in);

/* What a previous run left in work/. 0 or -1. */
int spoolio_recover(struct spool *sp, struct spoolio_batch *b);

/* Scans incoming (waiting up to max_wait_ms for files still changing when
 * settle is set), records refusals in the store, claims every complete
 * file. 0 or -1 (incoming unreadable). */
int spoolio_claim(struct spool *sp, struct store *s, bool settle,
		  unsigned max_wait_ms, struct spoolio_batch *b);

/* Moves work_path to archive/DAY/ or to corrupt/; returns the new path
 * (caller frees) or NULL after logging (the file stays in work/). */
char *spoolio_archive(struct spool *sp, const char *work_path, const char *day);
char *spoolio_quarantine(struct spool *sp, const char *work_path);

/* Free space (MiB) on the file systems of the home and of the spool; the
 * smaller one. -1 when it cannot be told. */
long spoolio_free_mb(struct intake *in);

#endif
