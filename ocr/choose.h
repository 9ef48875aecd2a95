/*
 * choose - choosing a checked code (IMEI, VAT number, fiscal code) among
 * the readings Tesseract's per-character alternatives allow.
 *
 * A reader hands over the symbols of one reading, each with its
 * confidence and alternatives, and the character class allowed at each
 * position of the code; ocr_choose_checked says whether the reading passes
 * the code's check as read, or which single reading passes with one or two
 * characters changed. Used by the form reader (ocr/formread.c); pure
 * functions of their arguments, safe from any thread.
 *
 *   struct ocr_sym s[16] = ...;   (from a Tesseract result iterator)
 *   char top[64], best[64];
 *   double conf;
 *   int rc = ocr_choose_checked(s, 16, classes, 16, ocr_check_fiscal_code,
 *                               top, best, &conf);
 */
#ifndef OCR_CHOOSE_H
#define OCR_CHOOSE_H

#include <stdbool.h>

#define OCR_MAX_ALTS 6

/* One symbol as read: its text (one character, or more when Tesseract
 * joined some), confidence 0..1, and the alternatives it offered. */
struct ocr_sym {
	char ch[8];
	double conf;
	bool word_start;
	int nalt;
	char alt[OCR_MAX_ALTS][8];
	double altconf[OCR_MAX_ALTS];
};

typedef bool (*ocr_check_fn)(const char *);

/*
 * Reads a checked code of exactly len characters from the nsym symbols s:
 * cls[i] (len entries) is the string of characters allowed at position i,
 * cls[len - 1] also at any position after it; symbols of no allowed character that are
 * not letters or digits (spaces, dots, slashes) are skipped. Writes the top
 * reading into top (what was read, for a clerk; 64 bytes) and returns:
 *   1  the top reading passes the check: best holds it, *conf its confidence
 *   2  it does not, but exactly one reading with one or two characters
 *      changed to an alternative (or a letter where only a digit may be
 *      taken for its look-alike, and the reverse; the fiscal code's check
 *      letter J for I and the reverse; one of a doubled letter dropped)
 *      passes: best holds it, *conf its confidence; a repair, to be
 *      confirmed by another reading. For the fiscal code, readings with
 *      fewer omocodic letters (letters standing for digits) come first.
 *   0  no single reading passes (top holds what was read, best is "")
 *  -1  not len characters read
 */
int ocr_choose_checked(const struct ocr_sym *s, int nsym, const char *const *cls, int len,
		       ocr_check_fn check, char *top, char *best, double *conf);

#endif
