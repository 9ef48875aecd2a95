/*
 * freeform - reading the pages that are not forms: copies of police
 * denunciations, copies of identity documents, and everything else.
 *
 *   ocr_freeform_is_blank(clean)            before any OCR: ink and blobs
 *   ocr_freeform_read(tess, tess2, e, ...)  whole-page OCR, classification
 *                                           by content, field extraction
 *   ocr_freeform_parse_text(text, &doc)     the same classification and
 *                                           extraction from plain text
 *   ocr_pages_group(...)                    declared in ocr/ocr.h, lives here
 *
 * Failure policy: content never fails a call. A page that is neither a
 * denunciation nor an identity copy becomes OCR_DOC_UNKNOWN with the reason
 * UNKNOWN_DOCUMENT; a value that fails its check (IMEI Luhn, fiscal code
 * check character, document number shape) or was read with low confidence
 * is kept with a reason (IMEI_CHECKSUM, FISCAL_CODE_CHECKSUM, LOW_CONFIDENCE)
 * and is therefore never trusted; a value that cannot be found is absent.
 * Only an internal error (Tesseract refusing an image) returns -1.
 */
#ifndef OCR_FREEFORM_H
#define OCR_FREEFORM_H

#include <stdbool.h>
#include <tesseract/capi.h>

#include "common/strbuf.h"
#include "ocr/document.h"
#include "ocr/ocr.h"

struct Pix;

/*
 * True when the cleaned page carries no meaningful ink: almost no black
 * pixels, or only specks (no connected component the size of a letter).
 * Costs a few milliseconds; call it before any OCR. NULL counts as blank.
 */
bool ocr_freeform_is_blank(struct Pix *clean);

/* Keeps in crop (bilevel) only the ink of the line at rows [top, bottom):
 * the pieces whose middle stands above or below go, unless nothing stands
 * in those rows (a value's second reading, fftext.h read_own). */
void ocr_freeform_own_line(struct Pix *crop, int top, int bottom);

/* Clears from crop (bilevel, a value's line) the specks that stand clear
 * of its letters' rows, above or below (freeform.c says how far). */
void ocr_freeform_off_band(struct Pix *crop);

/*
 * Reads a page that is not a form. tess is an initialised Tesseract handle
 * (language "ita", LSTM); its page segmentation mode and variables are set
 * here and left as PSM_AUTO with lstm_choice_mode=2. tess2 (may be NULL):
 * a second one, "eng" with lstm_choice_mode=2, for the independent reading
 * that confirms a value nothing checks (a report number); its whitelist is
 * emptied and its segmentation mode set when it is used. e (may be NULL:
 * none) lends the third model (ocr_engine_tess3_lock), loaded the first
 * time a value (an identity copy's number or date, a report's line,
 * number or date) is still in doubt after the two. clean is the cleaned
 * 1-bpp page (not taken over). grey (may be NULL; not taken over): the
 * same page in grey as ocr_clean_grey gives it for a normal-resolution fax,
 * for the second looks at values (its rows interpolated read better than
 * the bilevel page's repeated rows); it must have clean's size. pageno is
 * 1-based. as_of: the day the page
 * is read as of (the fax's receipt), for what depends on "today" (an
 * expiry no label names is a date after it).
 *
 * Fills out (which the caller has zeroed or cleared): out->type and
 * out->doc (type, first_page = pageno, npages = 1, fields, reasons),
 * out->continuation (the page continues a denunciation: no heading of its
 * own, but the wording of a report's later page), out->text (the whole-page
 * text, malloc'd, owned by out). The time spent is added to t->page_ocr
 * (microseconds; t may be NULL).
 *
 * Returns 0, or -1 with a message in err when Tesseract failed internally.
 */
int ocr_freeform_read(TessBaseAPI *tess, TessBaseAPI *tess2, struct ocr_engine *e,
		      struct Pix *clean, struct Pix *grey, int pageno, time_t as_of,
		      struct ocr_page *out, struct ocr_timings *t, struct strbuf *err);

/*
 * Classifies plain text and extracts the fields, as ocr_freeform_read does
 * after OCR (confidences are 1.0 and regions unknown, since the text carries
 * none). out is initialised here (any previous content is not freed).
 * Returns the type found (also in out->type); out->npages = 1.
 */
int ocr_freeform_parse_text(const char *text, struct ocr_document *out);

/*
 * True when text reads as the continuation page of a denunciation (for
 * text classified as unknown). Exposed for tests.
 */
bool ocr_freeform_is_continuation(const char *text);

#endif
