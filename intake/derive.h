/*
 * derive - runs the rules (rules/) over every document in the store and
 * writes back what they decide: document statuses and reasons, cases,
 * tickets and their revisions, and the outbox files.
 */
#ifndef INTAKE_DERIVE_H
#define INTAKE_DERIVE_H

#include "intake/intake.h"

/* Re-derives cases and tickets from the stored documents and writes the
 * outbox. actor names who caused it (the event log). 0, or -1 after
 * logging (the store is left as before the call). */
int intake_derive(struct intake *in, struct store *s, const char *actor);
/* The same; full: derive every document, not only what changed since the
 * last derivation (a pass decides that alone when the registry, the
 * requirement table or the program changed). The outcome is the same. */
int intake_derive_mode(struct intake *in, struct store *s, const char *actor, bool full);

/* The last successful derivation in this process: whether it was full,
 * how many documents it derived and how many cases came out. */
struct intake_derive_stats {
	bool full;
	size_t documents, cases;
};
const struct intake_derive_stats *intake_derive_last(void);

struct rules_registry;
/* Loads the stored registry (an empty one when none was imported), parsed
 * afresh: the caller owns it (and may change it, as an import does). */
int intake_registry_load(struct store *s, struct rules_registry **out);
/* The stored registry for reading, parsed once per process and kept
 * while the registry row is not written (its generation, meta
 * 'registry_gen', changes at every write: intake/store.c). Call inside a
 * transaction; lent until the next call. NULL after logging. */
const struct rules_registry *intake_registry_current(struct store *s);
/* How many times this process parsed the stored registry for
 * intake_registry_current (tests and timings). */
unsigned long intake_registry_parses(void);

#endif
