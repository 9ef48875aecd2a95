/*
 * confirm - what the customer registry says a form's fields should say,
 * for the form reader (ocr_engine_set_confirm): a typed value whose first
 * reading is sure and spells what the registry holds for the form's own
 * VAT number and IMEI needs no second reading.
 *
 * What is confirmed, each keyed by the form's trusted checked codes:
 * company (the VAT number's company name), line and model (the company's
 * line with the form's IMEI), signer (a name of one of the company's
 * persons) and address (the company's address in force as of the fax's
 * receipt). Nothing else.
 */
#ifndef INTAKE_CONFIRM_H
#define INTAKE_CONFIRM_H

#include <stdbool.h>
#include <time.h>

#include "ocr/document.h"

/* An ocr_confirm_fn; ctx is a const struct rules_registry * (NULL:
 * confirms nothing). Reads the registry only. */
bool confirm_by_registry(const void *ctx, const struct ocr_document *doc, const char *name,
			 const char *value, time_t as_of);

#endif
