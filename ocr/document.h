/*
 * document - what reading a fax produces: typed documents made of named
 * fields, each with its value, confidence and page region, plus reasons.
 *
 * This is the interchange between ocr/ (which fills it from images), rules/
 * (which files documents into cases) and intake/ (which stores it, and
 * lets clerks correct it). Field names and normal forms are the contract of
 * shared/FORMS.md ("Field names and normalised values").
 *
 * XML: a document is written as an instance of schemas/<type>.xsd
 * (namespace urn:faxintake:document:1), e.g.
 *   <onsite xmlns="urn:faxintake:document:1">
 *     <imei confidence="0.93" region="120 310 420 48">352906112345675</imei>
 *   </onsite>
 * Only fields without a reason (trusted values) go into the instance; a
 * field that failed a check stays in the struct (and the store) with its
 * reason, for a clerk.
 *
 * Ownership: a struct ocr_document owns its fields' strings and reasons;
 * ocr_document_free releases everything.
 */
#ifndef OCR_DOCUMENT_H
#define OCR_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/strbuf.h"

enum ocr_doctype {
	OCR_DOC_UNKNOWN = 0,
	OCR_DOC_ONSITE,		/* MOD. AR-SEDE-01 */
	OCR_DOC_BLOCK,		/* MOD. AR-BLOCCO-01 */
	OCR_DOC_DENUNCIATION,
	OCR_DOC_IDENTITY,
	OCR_DOC_NTYPES
};

/* "unknown", "onsite", "block", "denunciation", "identity" */
const char *ocr_doctype_name(enum ocr_doctype t);
/* Returns the type for a name, or -1. */
int ocr_doctype_parse(const char *name);
/* The field names a type may carry (FORMS.md), NULL-terminated. */
const char *const *ocr_doctype_fields(enum ocr_doctype t);
bool ocr_doctype_has_field(enum ocr_doctype t, const char *field);

struct ocr_region {
	int x, y, w, h;		/* pixels on the cleaned page; w == 0: unknown */
};

struct ocr_field {
	char *name;		/* a FORMS.md field name */
	char *value;		/* normalised value (FORMS.md), never empty */
	double confidence;	/* 0..1 */
	struct ocr_region region;
	char *reason;		/* NULL when trusted, else a reason code */
	char *raw;		/* what was read before normalising, may be NULL */
};

struct ocr_reason {
	char *code;		/* a reason code of DESIGN.md */
	char *field;		/* the field it is about, or NULL */
	char *text;		/* plain words for a clerk */
};

struct ocr_document {
	enum ocr_doctype type;
	int first_page;		/* 1-based page in the fax */
	int npages;
	struct ocr_field *fields;
	size_t nfields;
	struct ocr_reason *reasons;
	size_t nreasons;
};

void ocr_document_init(struct ocr_document *d, enum ocr_doctype t);
void ocr_document_clear(struct ocr_document *d);	/* frees contents, keeps d */
void ocr_document_free(struct ocr_document **d);	/* heap document: frees, NULLs */

/* Sets (replaces) a field; value is copied. reason may be NULL. Returns the field. */
struct ocr_field *ocr_document_set(struct ocr_document *d, const char *name, const char *value,
				   double confidence, const struct ocr_region *region,
				   const char *reason);
/* Lends the field called name, or NULL. */
const struct ocr_field *ocr_document_field(const struct ocr_document *d, const char *name);
/* Lends a trusted field's value (no reason), or NULL. */
const char *ocr_document_value(const struct ocr_document *d, const char *name);
void ocr_document_remove(struct ocr_document *d, const char *name);
/* Removes the reasons that name field (a field's doubt resolved or dropped). */
void ocr_document_remove_reasons(struct ocr_document *d, const char *field);
void ocr_document_add_reason(struct ocr_document *d, const char *code, const char *field,
			     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
bool ocr_document_has_reason(const struct ocr_document *d, const char *code);
void ocr_document_copy(struct ocr_document *dst, const struct ocr_document *src);

/* Appends the XML instance of the trusted fields to out. */
void ocr_document_to_xml(const struct ocr_document *d, struct strbuf *out);

/*
 * Schemas. ocr_schemas_load parses schemas/<type>.xsd for every type once
 * (thread-safe after that). dir NULL means the default: $FAXINTAKE_SCHEMAS,
 * else the installed path, else the source tree's schemas/.
 * Returns 0, or -1 with a message in err.
 */
int ocr_schemas_load(const char *dir, struct strbuf *err);
const char *ocr_schemas_dir(void);

/* Validates an instance (as ocr_document_to_xml makes) against its type's
 * schema. Returns 0, or -1 with libxml2's message in err (SCHEMA_INVALID). */
int ocr_document_validate_xml(enum ocr_doctype t, const char *xml, size_t len, struct strbuf *err);

/* Validates the instance of d's trusted fields against its type's schema,
 * as every document read from a fax is before it is stored: a trusted
 * field whose value the schema refuses becomes untrusted (SCHEMA_INVALID,
 * with libxml2's message as the reason's text) and goes to a clerk. Returns
 * the number of fields so refused (an instance refused as a whole, no field
 * to blame, counts 1 and gets a document-level reason), or -1 with err set
 * when the schemas cannot be loaded. */
int ocr_document_validate(struct ocr_document *d, struct strbuf *err);

/* Parses and validates an instance; fills d (type from the root element).
 * Untrusted input: no network, no DTD, no entities. Returns 0 or -1 + err. */
int ocr_document_from_xml(const char *xml, size_t len, struct ocr_document *d, struct strbuf *err);

#endif
