/*
 * report - the nightly report of one local day (Europe/Rome): its figures,
 * read from the database in one read transaction, and the three files made
 * from them (XML valid against schemas/report.xsd, HTML from the XML by
 * schemas/report.xsl, CSV of the day's tickets).
 *
 * Everything is counted by receipt day, never by processing time: a fax
 * belongs to the day of faxes.received, a document to its fax's day, a
 * ticket to the day of its report date (the receipt of the case's last
 * required document), a completed case likewise. Waiting cases and their
 * ages are taken at the end of the day. The output depends only on the
 * database and the day: no generation time is written, so running twice
 * gives byte-identical files.
 */
#ifndef INTAKE_REPORT_H
#define INTAKE_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "common/strbuf.h"
#include "intake/store.h"

#define REPORT_NS "urn:faxintake:report:1"

/* Waiting ages at the end of the day: under 2, 2-7, 7-30, over 30 days. */
enum { REPORT_AGE_UNDER_2, REPORT_AGE_2_7, REPORT_AGE_7_30, REPORT_AGE_OVER_30, REPORT_AGES };

/* Document outcomes, in the order the report shows them. */
enum { REPORT_DOC_ACCEPTED, REPORT_DOC_WAITING, REPORT_DOC_REVIEW, REPORT_DOC_REJECTED,
       REPORT_DOC_STATUSES };
/* Their names as documents.status holds them. */
extern const char *const report_doc_statuses[REPORT_DOC_STATUSES];

struct report_sender {
	char *sender;		/* "" when the gateway gave none */
	int64_t faxes, pages;
};

struct report_doctype {
	char *type;
	int64_t by_status[REPORT_DOC_STATUSES];
};

struct report_reason {
	char *code;
	int64_t on_fax, on_document, on_case;
};

struct report_waiting {
	char id[16];		/* C-000001 */
	char *line, *claim;
	char *status;		/* pending or review at the end of the day */
	char *missing;		/* space-separated types it waited for, sorted */
	time_t opened;
	double age_days;	/* at the end of the day */
};

struct report_waiting_for {
	char *type;
	int64_t cases;
};

struct report_ticket {
	char *id;		/* AR-YYYY-NNNNNN */
	int64_t revision;
	char case_id[16];
	char *case_status, *claim, *delivery, *line, *imei, *vat;
	time_t report_date;
	char *due_date;		/* YYYY-MM-DD */
};

struct report_flagged {
	char id[16];		/* F-000001 */
	time_t received;
	char *sender;
	int64_t clean_fax_data, bad_fax_lines;	/* -1: not known */
};

struct report {
	char day[11];			/* YYYY-MM-DD */
	char next_business_day[11];	/* the first business day after day */
	time_t start, end;		/* [start, end): the local day */

	int64_t faxes, pages, blank_pages;
	int64_t processed, duplicate, corrupt;
	int64_t hour_faxes[24], hour_pages[24];
	struct report_sender *senders;	/* most faxes first, then by name */
	size_t nsenders;

	struct report_doctype *doctypes;	/* by type name */
	size_t ndoctypes;
	int64_t documents, doc_status[REPORT_DOC_STATUSES];

	struct report_reason *reasons;	/* most frequent first, then by code */
	size_t nreasons;

	int64_t cases_opened, cases_completed;
	struct report_waiting *waiting;	/* oldest first */
	size_t nwaiting;
	int64_t ages[REPORT_AGES];
	struct report_waiting_for *waiting_for;	/* by type */
	size_t nwaiting_for;
	int64_t waiting_review;		/* waiting cases held for a clerk */

	struct report_ticket *tickets;	/* report date in the day, by id */
	size_t ntickets;
	struct report_ticket *due_next;	/* due on next_business_day, by id */
	size_t ndue_next;

	size_t timed_pages;		/* processing time per page, ms */
	double median_ms, p95_ms;
	const char *timing_source;	/* "cpu", "wall", "mixed" or NULL */

	int64_t ocr_fields;		/* fields read by OCR, and their mean */
	double mean_confidence;		/* confidence (valid when ocr_fields) */

	struct report_flagged *flagged;	/* line quality flagged by the gateway */
	size_t nflagged;
};

/* Reads the figures of day (YYYY-MM-DD, local) from s inside one read
 * transaction. Returns a new report (report_free), or NULL after logging. */
struct report *report_load(struct store *s, const char *day);
void report_free(struct report **r);

/* The report as XML (namespace REPORT_NS), appended to out. */
void report_xml(const struct report *r, struct strbuf *out);
/* The day's tickets as CSV (RFC 4180: header line, CRLF), appended to out. */
void report_csv(const struct report *r, struct strbuf *out);
/* Checks xml against schemas/report.xsd, then turns it into standalone
 * HTML with schemas/report.xsl, appended to html. 0, or -1 with the reason
 * in err. */
int report_html(const char *xml, size_t len, struct strbuf *html, struct strbuf *err);

/* Helpers, public for the tests. */
/* day + n calendar days into out (>= 11); 0 or -1 if day is not a date. */
int report_day_add(const char *day, int n, char *out, size_t size);
/* The first business day after day into out (>= 11); 0 or -1. */
int report_next_business_day(const char *day, char *out, size_t size);
/* Median and nearest-rank 95th percentile of v[0..n) (sorted in place). */
void report_percentiles(double *v, size_t n, double *median, double *p95);
/* The age bucket of a wait of age_days. */
int report_age_bucket(double age_days);

#endif
