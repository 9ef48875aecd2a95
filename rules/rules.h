/*
 * rules - the service's rules as pure functions of their inputs: the
 * requirement table (DESIGN.md rule 2, data in rules/requirements.xml), and
 * the derivation of cases, document statuses, report dates and tickets from
 * the registry, the documents with their receipt times, and the clerks'
 * decisions (DESIGN.md rules 1-11, "Matching documents to cases").
 *
 * rules/ never touches the database or images. The derivation processes
 * documents as if received in receipt order (ties: fax sha256, then forms
 * before other pages of the same fax, then page), so its result depends
 * only on the inputs, never on the order of the input array (rule 11).
 *
 * Identity: a derived case is named by its key, the id of the document
 * that opened it; tickets carry their case's key. intake maps keys to its
 * own case and ticket ids (and may match a case whose key changed by the
 * documents it holds, rules_case.docs).
 *
 * Ownership: results are owned by the struct rules_result and freed with
 * rules_result_free; inputs are only read (lent for the call).
 *
 * See also rules/registry.h (the customer registry), rules/calendar.h
 * (business days, due dates), rules/xmlsafe.h (untrusted XML, schemas).
 */
#ifndef RULES_RULES_H
#define RULES_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "common/strbuf.h"
#include "ocr/document.h"
#include "rules/registry.h"

enum rules_claim {
	RULES_CLAIM_NONE = 0,
	RULES_CLAIM_FAULT,
	RULES_CLAIM_MALFUNCTION,
	RULES_CLAIM_THEFT,
	RULES_CLAIM_LOSS,
};
enum rules_delivery {
	RULES_DELIVERY_NONE = 0,
	RULES_DELIVERY_SITE,
	RULES_DELIVERY_POINT,
};
/* Codes of FORMS.md ("fault", ..., "site", "point"); parse returns NONE
 * for anything else. */
const char *rules_claim_name(enum rules_claim c);
enum rules_claim rules_claim_parse(const char *s);
const char *rules_delivery_name(enum rules_delivery d);
enum rules_delivery rules_delivery_parse(const char *s);

/* --- the requirement table (rule 2) --- */

struct rules_requirement {
	enum ocr_doctype opened_by;	/* OCR_DOC_ONSITE or OCR_DOC_BLOCK */
	unsigned claims;		/* bit (1u << enum rules_claim) per claim */
	enum rules_delivery delivery;
	unsigned required;		/* bit (1u << enum ocr_doctype) per type */
};

struct rules_exclusion_word {
	char *stem;		/* lower case ASCII */
	bool whole;		/* the whole word, not a prefix */
};

struct rules_requirements {
	struct rules_requirement *rows;
	size_t nrows;
	struct rules_exclusion_word *words;	/* rule 6: liquids, tampering */
	size_t nwords;
};

/* Parses and validates (schemas/rules.xsd) a table from memory. Returns 0
 * with *out (caller frees), or -1 with line-numbered reasons in err. */
int rules_requirements_parse(const char *buf, size_t len, struct rules_requirements **out,
			     struct strbuf *err);
/* Reads the table from path; NULL means $FAXINTAKE_RULES if set, else
 * FAXINTAKE_SRCDIR "/rules/requirements.xml". Call once at start. */
int rules_requirements_load(const char *path, struct rules_requirements **out,
			    struct strbuf *err);
void rules_requirements_free(struct rules_requirements **req);
/* The row for a case opened by `form` with this claim and delivery, or
 * NULL when the table has none (the combination is not a service). */
const struct rules_requirement *rules_requirements_find(const struct rules_requirements *req,
							enum ocr_doctype form,
							enum rules_claim claim,
							enum rules_delivery delivery);
/* True when a description speaks of liquids or tampering (rule 6): a word
 * starting with one of the table's stems, compared without case or
 * accents. */
bool rules_requirements_excluded(const struct rules_requirements *req, const char *text);

/* --- names (rule 7) --- */

/* True when two person names are the same, compared case- and
 * accent-insensitively, punctuation and word order ignored. */
bool rules_names_equal(const char *a, const char *b);

/* Appends the words of a name folded as rules_names_equal compares them,
 * sorted, one space apart: two names are equal when their keys are, and
 * not empty. */
void rules_name_key(const char *name, struct strbuf *out);

/* True when two texts (addresses) are the same but for case, accents,
 * punctuation and spacing. */
bool rules_text_equal(const char *a, const char *b);

/* --- the derivation --- */

enum rules_doc_status {
	RULES_DOC_ACCEPTED = 0,
	RULES_DOC_WAITING,
	RULES_DOC_REVIEW,
	RULES_DOC_REJECTED,
};
enum rules_case_status {
	RULES_CASE_PENDING = 0,
	RULES_CASE_COMPLETE,
	RULES_CASE_REVIEW,
	RULES_CASE_REJECTED,
	RULES_CASE_CANCELLED,
};
/* "accepted", "waiting", "review", "rejected" / "pending", "complete",
 * "review", "rejected", "cancelled" (the export's states). */
const char *rules_doc_status_name(enum rules_doc_status s);
const char *rules_case_status_name(enum rules_case_status s);

enum rules_clerk_decision {
	RULES_CLERK_NONE = 0,
	RULES_CLERK_ACCEPTED,	/* `review accept`: reading and judgement reasons waived */
	RULES_CLERK_REJECTED,	/* `review reject`: rejected, CLERK_REJECTED */
};

/* One document as received and read. */
struct rules_doc_in {
	int64_t id;		/* the store's document id, > 0 */
	int64_t fax_id;
	const char *fax_sha256;	/* 64 hex digits */
	int page;		/* first page in the fax, 1-based */
	time_t received;	/* the fax's receipt time (rule 3) */
	const struct ocr_document *doc;	/* type + fields; a field with a reason is not trusted */
	/* A reading-stage reason (LOW_CONFIDENCE, UNKNOWN_DOCUMENT,
	 * SCHEMA_INVALID, FIELD_MISSING...) or NULL: makes it `review`
	 * unless a clerk accepted it. Reasons inside doc count the same. */
	const char *reading_reason;
	enum rules_clerk_decision clerk;
	const char *clerk_why;	/* text of a clerk's rejection, may be NULL */
	int64_t assigned_case;	/* `review assign`: a case key, or 0 */
};

/* `review cancel CASE`: the case stops taking documents received after
 * `at` (0: from its opening) and ends `cancelled`. */
struct rules_cancel_in {
	int64_t case_key;
	time_t at;
	const char *why;
};

struct rules_input {
	const struct rules_registry *registry;
	const struct rules_requirements *requirements;
	const struct rules_doc_in *docs;	/* any order */
	size_t ndocs;
	const struct rules_cancel_in *cancels;
	size_t ncancels;
	time_t now;		/* for the 30-day rule (util_now()) */
};

struct rules_reason {
	char *code;		/* a reason code of DESIGN.md */
	char *field;		/* the field it is about, or NULL */
	char *text;		/* plain words for a clerk */
};

struct rules_doc_out {
	int64_t id;
	enum rules_doc_status status;
	int64_t case_key;	/* the case it is filed in (or was matched to), 0 none */
	bool counts;		/* the copy that counts for its type in its case */
	/* why it is not accepted; an accepted on-site form may carry
	 * ADDRESS_NOT_APPLIED (its address was ignored, rule 8) */
	struct rules_reason *reasons;
	size_t nreasons;
};

struct rules_ticket_doc {
	int64_t id;
	enum ocr_doctype type;
	time_t received;
};

struct rules_note {
	char *code;		/* a reason code, or NULL for a plain remark */
	char *text;
};

struct rules_ticket {
	int64_t case_key;
	enum rules_claim claim;
	enum rules_delivery delivery;
	char *vat, *company_name;
	char *line, *imei, *model;	/* model may be NULL */
	time_t report_date;
	char due_date[11];		/* "YYYY-MM-DD" */
	char *address;
	bool address_from_form;		/* source "form", else "registry" */
	char *signer_cf, *signer_name;
	enum rules_role signer_role;
	struct rules_ticket_doc *docs;	/* the documents that count, by type */
	size_t ndocs;
	struct rules_note *notes;
	size_t nnotes;
};

/*
 * A derived case. status: pending (documents missing); complete (ticket
 * below); review (pending but holding a document a clerk must see, e.g. a
 * contradicting form, or complete without any delivery address); rejected
 * (the report date falls outside the line's coverage: COVERAGE_EXPIRED);
 * cancelled (struct rules_cancel_in; reason CLERK_REJECTED with the
 * clerk's words). The export's <has>/<missing> follow from required and
 * has[].
 */
struct rules_case {
	int64_t key;			/* id of the opening document */
	enum rules_case_status status;
	enum ocr_doctype opened_by;
	enum rules_claim claim;
	enum rules_delivery delivery;
	char *vat, *line, *imei;
	time_t opened;			/* receipt of the opening document */
	unsigned required;		/* bit (1u << type) per required type */
	int64_t has[OCR_DOC_NTYPES];	/* the document that counts per type, 0 missing */
	int64_t *docs;			/* every document filed in it, receipt order */
	size_t ndocs;
	time_t report_date;		/* 0 until every required document is in */
	char due_date[11];		/* "" until then */
	struct rules_reason *reasons;	/* why review/rejected/cancelled */
	size_t nreasons;
	struct rules_ticket *ticket;	/* the ticket's content when complete, else NULL */
};

struct rules_result {
	struct rules_case *cases;	/* in order of opening */
	size_t ncases;
	struct rules_doc_out *docs;	/* same order as the input's docs */
	size_t ndocs;
};

/*
 * Derives cases, document statuses and tickets from everything received
 * so far (pass every document, of every state; a clerk's corrections are
 * already in the fields, with no reason). Returns 0 with *out (free with
 * rules_result_free), or -1 with a message in err for bad input (a missing
 * registry or table, a document without id, sha256 or content, an id
 * twice). Pure: no I/O, no clock (in->now), no globals; thread-safe.
 * About 0.15 s for 10,000 documents.
 *
 * Revisions (rule 11): compare a complete case's ticket with the issued
 * one by writing both with the same id and revision
 * (rules_ticket_to_xml) and comparing the text.
 */
int rules_derive(const struct rules_input *in, struct rules_result **out, struct strbuf *err);

/* How long a document waits for its case (seconds from its receipt):
 * older, still without one, it goes to a clerk as NO_MATCHING_CASE. */
#define RULES_WAIT_LIMIT (30 * 86400)
void rules_result_free(struct rules_result **res);
/* Lookups in a result (lend, or NULL). */
const struct rules_case *rules_result_case(const struct rules_result *res, int64_t key);
const struct rules_doc_out *rules_result_doc(const struct rules_result *res, int64_t id);

/* --- links: what a change can reach (DESIGN.md rule 11) --- */

/*
 * The derivation of a set of documents gives every one of them the same
 * outcome as the derivation of all documents when the set is closed
 * under links: every document sharing a link key (rules_doc_links) with
 * one of the set is in it, and every document filed in, matched to or
 * assigned to a case of one of them (intake adds these). Keys: "f:SHA"
 * (the pages of one fax go together), "c:VAT" (a company: its lines'
 * cases, the address changes its forms make, the denunciations naming
 * its lines or IMEIs, the identity copies of its persons by fiscal code
 * or name). A document whose values name nothing in the registry has
 * only its fax's key. Values with a reason count too (a clerk may accept
 * them). The index is built once per registry (lent: valid while it is).
 */
struct rules_links;
struct rules_links *rules_links_new(const struct rules_registry *reg);
void rules_links_free(struct rules_links **l);
/* Calls add(ctx, key) for each link key of d (a key may come twice). */
void rules_doc_links(const struct rules_links *l, const struct rules_doc_in *d,
		     void (*add)(void *ctx, const char *key), void *ctx);

/*
 * Writes a ticket as XML (urn:faxintake:ticket:1, the shape of
 * shared/contracts/ticket.example.xml) into out, with the caller's ticket
 * id ("AR-YYYY-NNNNNN"), revision (>= 1) and case id ("C-000001");
 * documents are named "D-%06" PRId64 from their ids. The result is
 * validated against schemas/ticket.xsd. Returns 0, or -1 with the reasons
 * in err (out then holds nothing new).
 */
int rules_ticket_to_xml(const struct rules_ticket *t, const char *ticket_id, int revision,
			const char *case_id, struct strbuf *out, struct strbuf *err);

#endif
