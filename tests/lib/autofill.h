/*
 * autofill - plausible values for a form's fields, chosen by seed: names,
 * companies, towns, and numbers that pass their checks (IMEI Luhn, VAT
 * check digit, fiscal code check character). For corpora where only some
 * fields matter and the rest should look like a real customer's.
 */
#ifndef TESTS_LIB_AUTOFILL_H
#define TESTS_LIB_AUTOFILL_H

#include "ocr/form.h"

/* Called once per field with its normal-form value (valid during the call). */
typedef void mkfax_autofill_fn(void *ctx, const char *field, const char *value);

/* Makes up a value for every field of form f (place and date for place_date,
 * declaration and signature "true" or "false"), consistent with each
 * other (a fault or malfunction carries the declaration; dates fall on or
 * a few days before `today`, "YYYY-MM-DD"). Deterministic in seed. */
void mkfax_autofill(const struct ocr_form *f, unsigned seed, const char *today,
		    mkfax_autofill_fn *add, void *ctx);

#endif
