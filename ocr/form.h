/*
 * form - the printed forms (MOD. AR-SEDE-01, MOD. AR-BLOCCO-01) as data.
 *
 * Each form is described by schemas/forms/<CODE>.xml, validated by
 * schemas/form.xsd (namespace urn:faxintake:form:1). The description is the
 * single source of the form's geometry: the blank-form PDF, the fax
 * generator and the reader all take their millimetres from it.
 *
 * Geometry is in millimetres on the page (A4: 210 x 297), origin at the
 * top-left corner, y growing downwards, as in shared/FORMS.md. A rectangle
 * is its top-left corner and size; a text position is the left end of its
 * baseline. A reader maps these onto a scanned page through the four
 * registration marks (ocr_form_mark).
 *
 * Typical use by a reader:
 *
 *   const struct ocr_form *f = ocr_form_get("AR-SEDE-01", &err);
 *   for (size_t i = 0; i < ocr_form_nboxes(f); i++) {
 *           const struct ocr_form_box *b = ocr_form_box(f, i);
 *           ... crop b->r, read it by b->content, yield b->fields ...
 *   }
 *   for (size_t i = 0; i < ocr_form_nchoices(f); i++) ... ocr_form_choice(f, i)
 *
 * Ownership: a struct ocr_form owns everything reachable from it; the
 * accessors lend pointers valid until the form is freed. Forms returned by
 * ocr_form_get are shared, read-only and live until the process exits
 * (safe to use from any thread); forms from ocr_form_load* belong to the
 * caller (ocr_form_free).
 *
 * Failure policy: a description that cannot be read, is not valid against
 * form.xsd, or breaks a rule the schema cannot say (a box outside the page,
 * a missing header line) is refused: NULL, and the reason in err. Nothing
 * here logs or exits.
 */
#ifndef OCR_FORM_H
#define OCR_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "common/strbuf.h"
#include "ocr/document.h"

struct ocr_form;

/* A rectangle in millimetres: top-left corner, width, height. */
struct ocr_form_rect {
	double x, y, w, h;
};

/* What a box holds (attribute content of form.xsd). */
enum ocr_form_content {
	OCR_FORM_TEXT = 0,	/* free text */
	OCR_FORM_NAME,		/* a person's name */
	OCR_FORM_ADDRESS,	/* street, CAP, town */
	OCR_FORM_DIGITS,
	OCR_FORM_VAT,		/* partita IVA: 11 digits, check digit */
	OCR_FORM_IMEI,		/* 15 digits, Luhn check digit */
	OCR_FORM_LINE,		/* mobile number, may start with +39 */
	OCR_FORM_FISCAL_CODE,	/* 16 characters, check character */
	OCR_FORM_DATE,
	OCR_FORM_PHONE,
	OCR_FORM_ROLE,		/* one of the box's values (printed word -> code) */
	OCR_FORM_PLACE_DATE,	/* a town, then a date: fields place and date */
	OCR_FORM_SIGNATURE,	/* ink, no text: field is "true" or "false" */
	OCR_FORM_NCONTENTS
};

/* "text", "name", ..., as written in the descriptions. */
const char *ocr_form_content_name(enum ocr_form_content c);

/* A printed word of a closed vocabulary and its normal form. */
struct ocr_form_value {
	const char *code;	/* e.g. "legal-representative" */
	const char *text;	/* e.g. "Rappresentante legale" */
};

/* A field box: a rectangle drawn with the style's line width, its label
 * printed above its top-left corner. */
struct ocr_form_box {
	const char *name;	/* FORMS.md name of the box, e.g. "imei", "place_date" */
	const char *label;	/* e.g. "IMEI" */
	struct ocr_form_rect r;
	enum ocr_form_content content;
	int lines;		/* lines of typed text it holds (1; 2 for description) */
	/* The document fields it yields: { name } for most boxes,
	 * { "place", "date" } for place_date. */
	const char *const *fields;
	size_t nfields;
	/* Closed vocabulary (content OCR_FORM_ROLE), else none. */
	const struct ocr_form_value *values;
	size_t nvalues;
};

/* One checkbox (a square of the style's checkbox size at x, y) and the
 * caption printed caption_gap to its right (one or more lines). */
struct ocr_form_option {
	const char *value;	/* normal-form value when ticked ("theft"; "true" for a flag) */
	struct ocr_form_rect r;	/* the square */
	const char *const *caption;
	size_t ncaption;
};

/* A field read from checkboxes. A choice has several options of which
 * exactly one should be ticked; a flag (e.g. declaration) has one option
 * and reads "true" when ticked, "false" when not. */
struct ocr_form_choice {
	const char *name;	/* FORMS.md field name: "claim", "declaration" */
	const char *label;	/* group label printed above the first option, or NULL (flag) */
	bool flag;
	const struct ocr_form_option *options;
	size_t noptions;
};

/* Roles of the header lines (attribute role of form.xsd). */
enum ocr_form_text_role {
	OCR_FORM_NOTE = 0,	/* other printed text */
	OCR_FORM_SERVICE,	/* "ALL RISK AZIENDA" */
	OCR_FORM_TITLE,		/* the form's title */
	OCR_FORM_CODE		/* "MOD. AR-SEDE-01" */
};

/* A printed line of text. */
struct ocr_form_text {
	enum ocr_form_text_role role;
	const char *text;
	double x, y;		/* left end of the baseline, mm */
	double size;		/* points */
	bool bold;
};

/* Printing conventions of a form. */
struct ocr_form_style {
	double line_width;	/* box lines, mm (0.3) */
	double label_size;	/* labels, points (8) */
	double label_gap;	/* label baseline above a box's top edge, mm */
	double checkbox;	/* checkbox side, mm (5) */
	double caption_gap;	/* caption's left end after the checkbox's right edge, mm (3) */
	double caption_size;	/* captions, points */
	double caption_leading;	/* distance between caption lines, mm */
};

/* --- loading --- */

/* The folder holding the descriptions: "forms" under the schemas folder of
 * common/xml.h (xml_schemas_dir(): the one given to xml_init, else
 * $FAXINTAKE_SCHEMAS, else the installed or source tree's schemas/), fixed
 * at the first call. Lent, static. */
const char *ocr_form_dir(void);
/* The folder holding form.xsd (the parent of ocr_form_dir()). Lent, static. */
const char *ocr_form_schema_dir(void);

/* Parses and validates a description (no network, no DTD, no entities;
 * form.xsd is parsed once per process). Returns a new form the caller frees
 * with ocr_form_free, or NULL with the reason appended to err. */
struct ocr_form *ocr_form_load(const char *path, struct strbuf *err);
/* Loads ocr_form_dir()/<code>.xml; code is e.g. "AR-SEDE-01" (letters,
 * digits and '-' only). The description's own code must be code. */
struct ocr_form *ocr_form_load_code(const char *code, struct strbuf *err);
void ocr_form_free(struct ocr_form **f);

/* A shared, read-only description, loaded on first use and kept for the
 * life of the process; thread-safe. NULL with err on failure (a failure is
 * not cached: a later call tries again). */
const struct ocr_form *ocr_form_get(const char *code, struct strbuf *err);

/* The codes of the known forms, NULL-terminated, in a fixed order:
 * "AR-SEDE-01", "AR-BLOCCO-01". Static. */
const char *const *ocr_form_codes(void);

/* --- what a form holds --- */

const char *ocr_form_code(const struct ocr_form *f);	/* "AR-SEDE-01" */
enum ocr_doctype ocr_form_type(const struct ocr_form *f); /* OCR_DOC_ONSITE */
double ocr_form_width(const struct ocr_form *f);	/* page size, mm */
double ocr_form_height(const struct ocr_form *f);
const struct ocr_form_style *ocr_form_style(const struct ocr_form *f);

/* The four registration marks, solid squares, in the order top-left,
 * top-right, bottom-left, bottom-right (i = 0..3). */
struct ocr_form_rect ocr_form_mark(const struct ocr_form *f, int i);

size_t ocr_form_ntexts(const struct ocr_form *f);
const struct ocr_form_text *ocr_form_text(const struct ocr_form *f, size_t i);
/* The header line of that role (SERVICE, TITLE or CODE; NOTE: the first
 * note), or NULL. */
const struct ocr_form_text *ocr_form_text_by_role(const struct ocr_form *f,
						  enum ocr_form_text_role role);

/* Field boxes in reading order, the signature box included (its content is
 * OCR_FORM_SIGNATURE). */
size_t ocr_form_nboxes(const struct ocr_form *f);
const struct ocr_form_box *ocr_form_box(const struct ocr_form *f, size_t i);
/* The box called name (a box name such as "place_date"), or NULL. */
const struct ocr_form_box *ocr_form_box_by_name(const struct ocr_form *f, const char *name);
/* The signature box, or NULL. */
const struct ocr_form_box *ocr_form_signature(const struct ocr_form *f);

/* Checkbox fields (choices and flags) in reading order. */
size_t ocr_form_nchoices(const struct ocr_form *f);
const struct ocr_form_choice *ocr_form_choice(const struct ocr_form *f, size_t i);
const struct ocr_form_choice *ocr_form_choice_by_name(const struct ocr_form *f, const char *name);

/* Where a document field comes from: sets *box or *choice (the other NULL)
 * and returns 0, or -1 if the form has no such field. "place" and "date"
 * both come from the box place_date on AR-SEDE-01. Either out pointer may
 * be NULL. */
int ocr_form_field_source(const struct ocr_form *f, const char *field,
			  const struct ocr_form_box **box, const struct ocr_form_choice **choice);

/* The code for a printed word of a box's vocabulary (case-insensitive,
 * spaces collapsed), or NULL. */
const char *ocr_form_value_code(const struct ocr_form_box *b, const char *text);
/* The printed word for a code, or NULL. */
const char *ocr_form_value_text(const struct ocr_form_box *b, const char *code);

#endif
