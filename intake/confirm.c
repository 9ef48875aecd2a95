/*
 * confirm - the form reader's registry confirmation (see confirm.h).
 *
 * Failure policy: nothing to fail; a value is confirmed only when the
 * registry holds exactly that value for the form's trusted VAT number
 * (and IMEI, for a line or model) - any doubt, a missing key or no
 * registry, and the reader reads the field a second time as always.
 */
#include "intake/confirm.h"
#include "rules/registry.h"

#include <string.h>

static bool same(const char *registry, const char *value)
{
	return registry && value && !strcmp(registry, value);
}

bool confirm_by_registry(const void *ctx, const struct ocr_document *doc, const char *name,
			 const char *value, time_t as_of)
{
	const struct rules_registry *reg = ctx;
	const struct rules_company *co =
		reg && doc ? rules_registry_company(reg, ocr_document_value(doc, "vat")) : NULL;
	if (!co || !name)
		return false;
	if (!strcmp(name, "company"))
		return same(co->name, value);
	if (!strcmp(name, "address")) {
		const struct rules_address *a = rules_registry_address_at(co, as_of);
		return a && same(a->text, value);
	}
	if (!strcmp(name, "signer")) {
		for (size_t i = 0; i < co->npersons; i++)
			if (same(co->persons[i].name, value))
				return true;
		return false;
	}
	if (!strcmp(name, "line") || !strcmp(name, "model")) {
		/* the company's line with the form's IMEI (one IMEI, one line) */
		const char *imei = ocr_document_value(doc, "imei");
		for (size_t i = 0; imei && i < co->nlines; i++)
			if (same(co->lines[i].imei, imei))
				return same(name[0] == 'l' ? co->lines[i].number : co->lines[i].model,
					    value);
		return false;
	}
	return false;
}
