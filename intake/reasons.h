/*
 * reasons - the reason codes of DESIGN.md in plain words for clerks.
 */
#ifndef INTAKE_REASONS_H
#define INTAKE_REASONS_H

#include <stdbool.h>

/* Plain words for a reason code, or NULL for an unknown code. */
const char *reason_words(const char *code);
bool reason_known(const char *code);

#endif
