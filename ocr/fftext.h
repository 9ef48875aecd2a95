/*
 * fftext - private to ocr/freeform: the text of a free-form page with what
 * Tesseract said about each byte, and the parser that classifies it and
 * pulls out the fields. Not a public interface (see ocr/freeform.h).
 */
#ifndef OCR_FFTEXT_H
#define OCR_FFTEXT_H

#include <stdbool.h>
#include <time.h>

#include "ocr/document.h"

/* A page's text; the arrays (all optional, indexed by byte of text) say for
 * each byte its word's confidence (0..1), its word's index into boxes (-1 for
 * separators), and the other characters Tesseract considered for it, best
 * first (NULL or "" when none), and how strong the best of those was. Without arrays every byte has confidence 1. */
struct ff_text;

/* A second reading of a small region of the page (its line read on its
 * own): read fills *out, valid until done is called. */
struct ff_reader {
	int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out);
	void (*done)(void *ctx);
	void *ctx;
	/* the same region another way (grey, at twice the size): a reading
	 * independent enough of the page's to confirm it; NULL: none */
	int (*read_grey)(void *ctx, const struct ocr_region *r, struct ff_text *out);
	/* read and read_grey of the region's own line only, without the
	 * pieces of the lines just above and below it that its margin takes
	 * in (an identity card's small labels over and under a date); NULL:
	 * read and read_grey */
	int (*read_own)(void *ctx, const struct ocr_region *r, struct ff_text *out);
	int (*read_own_grey)(void *ctx, const struct ocr_region *r, struct ff_text *out);
	/* read_grey from the grey of a page received at normal resolution
	 * (its rows interpolated, ocr_clean_grey) rather than from its
	 * bilevel pixels; NULL (or failing): a page received at fine
	 * resolution */
	int (*read_page_grey)(void *ctx, const struct ocr_region *r, struct ff_text *out);
	/* read_own and read_own_grey by a third model, trained on many
	 * languages of the Latin script (a value the two others leave in
	 * doubt: an identity copy's number or date, a report's line, number
	 * or date); NULL, or failing: none */
	int (*read_third)(void *ctx, const struct ocr_region *r, struct ff_text *out);
	int (*read_third_grey)(void *ctx, const struct ocr_region *r, struct ff_text *out);
};

struct ff_text {
	const char *text;
	const float *conf;
	const int *word;
	const struct ocr_region *boxes;
	const char *const *alts;
	const float *doubt;	/* the strongest other choice's weight against the
				 * chosen one's (0..1; 0 without arrays) */
	const struct ff_reader *reread;	/* NULL: no second look */
	const float *doubt_like;	/* as doubt, of the other choices of the
					 * chosen one's kind only (a digit for a
					 * digit, a capital for a capital); NULL:
					 * doubt stands for it */
	/* bytes [once_s, once_e): an MRZ line as one reading of its crop gave
	 * it, taken because its check passed where the others' did not; a
	 * number read there alone is not trusted (0, 0: none) */
	size_t once_s, once_e;
};

/* Below these word confidences a value is LOW_CONFIDENCE: values with a
 * check (IMEI Luhn, fiscal code check character) catch most misreadings
 * themselves; names, numbers and dates have nothing but the confidence. */
#define FF_MIN_CONF_CHECKED 0.60
#define FF_MIN_CONF 0.80
/* An identity copy's names and dates, which nothing on a card checks (a
 * speckled copy's misread letter or digit comes with confidences up to
 * ~0.86), unless a second reading says the same. */
#define FF_MIN_CONF_ID 0.90
/* An identity copy's name read once with less than this (misread names
 * came at 0.90 and 0.91) needs its grey reading to say it too. */
#define FF_MIN_CONF_ID_ALONE 0.93
/* Free text that nothing checks and no rule decides on (authority, make
 * and model) is trusted only when read very clearly - or when its region,
 * read on its own and in grey by the other model, says it alike. */
#define FF_MIN_CONF_TEXT 0.95
/* A character whose runner-up had this much of its weight is doubtful;
 * a value without a check is not trusted with a doubtful character. */
#define FF_MAX_DOUBT 0.10
/* A value read twice alike (the page, then its region on its own), no
 * character of either with a contender, needs this much of each reading. */
#define FF_MIN_CONF_AGREED 0.40
/* A value read alike three times (the page, its region on its own, and
 * the region grey at twice the size), with little confidence, needs this
 * much of each second reading (and no character with a contender). */
#define FF_MIN_CONF_SAME 0.25

/* Classifies and extracts into out (initialised here). Sets *continuation
 * when the page reads as a later page of a denunciation. Returns the type. */
enum ocr_doctype ff_parse(const struct ff_text *t, struct ocr_document *out, bool *continuation);
/* The same, read as of the day as_of (the fax's receipt; 0: the clock's):
 * "today" for an expiry no label names, which must come after it, and for
 * the century of a birth date. */
enum ocr_doctype ff_parse_as_of(const struct ff_text *t, time_t as_of, struct ocr_document *out,
			       bool *continuation);

/* True when s[0..n), read as a card's first MRZ line (blanks left out:
 * "C<ITA", specks before it allowed), has after its ITA a number whose
 * check digit passes once each character is read as its place's kind
 * (CA12345AB: O for 0 in a letter's place, 0 for O in a digit's); that
 * number into num. */
bool ff_td1_number(const char *s, size_t n, char num[16]);

#endif
