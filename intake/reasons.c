/*
 * reasons - plain words for the stable reason codes (DESIGN.md).
 */
#include "intake/reasons.h"

#include <string.h>

static const struct { const char *code, *words; } reason_table[] = {
	{ "UNREADABLE_FILE", "the file could not be read as a fax (damaged or not a TIFF)" },
	{ "UNSUPPORTED_IMAGE", "the image is not a black-and-white fax page (colour, grey, odd size)" },
	{ "PAGE_LIMIT", "the fax has more pages than allowed (setting max_pages)" },
	{ "UNKNOWN_DOCUMENT", "the page is none of the forms or documents the service expects" },
	{ "LOW_CONFIDENCE", "a value was read with too little confidence to be trusted" },
	{ "SCHEMA_INVALID", "a value does not have the shape it must have" },
	{ "FIELD_MISSING", "a required value could not be found on the page" },
	{ "IMEI_CHECKSUM", "the IMEI read fails its check digit (Luhn)" },
	{ "VAT_CHECKSUM", "the VAT number read fails its check digit" },
	{ "FISCAL_CODE_CHECKSUM", "the fiscal code read fails its check character" },
	{ "LINE_UNKNOWN", "the line number is not in the customer registry" },
	{ "COMPANY_MISMATCH", "the line does not belong to the VAT number on the form" },
	{ "IMEI_MISMATCH", "the IMEI is not the one the registry has for this line" },
	{ "SIGNER_NOT_AUTHORIZED", "the signer may not make requests for this line" },
	{ "SIGNATURE_MISSING", "the form is not signed" },
	{ "DECLARATION_MISSING", "the declaration (no misconduct, liquids or tampering) is not ticked" },
	{ "EXCLUSION_SUSPECTED", "the description suggests an excluded cause (liquids, tampering)" },
	{ "COVERAGE_EXPIRED", "the report date is outside the line's coverage" },
	{ "ID_EXPIRED", "the identity document was expired when received" },
	{ "DENUNCIATION_DATE_INVALID", "the denunciation is dated before the event or after its receipt" },
	{ "DOCUMENT_MISMATCH", "the document contradicts the case it would join" },
	{ "NO_MATCHING_CASE", "no case matched this document for 30 days" },
	{ "AMBIGUOUS_CASE", "the document matches more than one case" },
	{ "DUPLICATE", "the same fax (same bytes) was received before" },
	{ "ADDRESS_NOT_APPLIED", "an address written on the form was not applied (signer may not change it)" },
	{ "CLERK_REJECTED", "a clerk rejected it" },
	{ "REFUSED_FILE", "the spool entry was refused unread (link, device, or a bad name)" },
};

const char *reason_words(const char *code)
{
	for (size_t i = 0; i < sizeof reason_table / sizeof *reason_table; i++)
		if (!strcmp(reason_table[i].code, code))
			return reason_table[i].words;
	return NULL;
}

bool reason_known(const char *code)
{
	return reason_words(code) != NULL;
}
