/*
 * check - the value checks of FORMS.md: IMEI (Luhn), Italian VAT number
 * (partita IVA check digit), fiscal code (codice fiscale check character),
 * line (mobile number shape), dates, and the normal forms.
 *
 * Used by the readers (to choose among OCR alternatives), by rules/ and by
 * the clerks' desk (a clerk's value passes the same checks). Pure functions.
 */
#ifndef OCR_CHECK_H
#define OCR_CHECK_H

#include <stdbool.h>
#include <stddef.h>

bool ocr_check_imei(const char *s);		/* 15 digits, Luhn */
bool ocr_check_vat(const char *s);		/* 11 digits, check digit */
bool ocr_check_fiscal_code(const char *s);	/* 16 chars, check character (omocodia allowed) */
bool ocr_check_line(const char *s);		/* normalised: 9-10 digits, starts with 3 */

/* The value of a character in a machine-readable zone's check (ICAO 9303:
 * digits as such, A-Z 10-35, the filler '<' 0), or -1 for any other. */
int ocr_mrz_value(char c);

/* The check digit (0-9) of the n characters at s of a machine-readable
 * zone (ICAO 9303: weights 7, 3, 1 repeating over the values of the
 * characters, digits as such, A-Z 10-35, the filler '<' 0; sum mod 10), or
 * -1 when one of them is none of those. */
int ocr_check_mrz_digit(const char *s, size_t n);

/* Whether the last character of s (>= 2 characters) is the MRZ check digit
 * of the others: "L898902C36", "7408122". An ocr_check_fn for
 * ocr_choose_checked. */
bool ocr_check_mrz(const char *s);

/* How many of a 16-character fiscal code's digit places hold a letter
 * (omocodia); 0 for anything else. */
int ocr_fiscal_code_omocodic(const char *cf);

/* The three letters a fiscal code takes from a surname (given false) or a
 * given name (given true): consonants, then vowels, then X; a given name
 * of four consonants or more gives the first, third and fourth. */
void ocr_fiscal_code_part(const char *s, bool given, char out[4]);

/* Whether the first six letters of fiscal code cf are those of `surname`
 * and of the given name `name`. */
bool ocr_fiscal_code_names(const char *cf, const char *surname, const char *name);

/* Whether some cut of the words of a full name ("Valentina Marini", "De
 * Luca Maria Grazia") into given names and surname gives cf's letters, the
 * given names first (OCR_CF_GIVEN_FIRST), the surname first
 * (OCR_CF_SURNAME_FIRST) or either (both flags). Up to 8 words. */
enum { OCR_CF_GIVEN_FIRST = 1, OCR_CF_SURNAME_FIRST = 2 };
bool ocr_fiscal_code_person(const char *cf, const char *full, int orders);

/* Normalises a written line number ("+39 335 123.4567") into out (>= 16):
 * national digits only. Returns 0, or -1 when it is not a line number. */
int ocr_normalise_line(const char *in, char *out, size_t n);

/* Parses a written date: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, or
 * "d monthname yyyy" with Italian month names (also "addì 20 novembre 2026"),
 * anywhere in s; writes ISO "YYYY-MM-DD" into out (>= 11). Returns 0 or -1. */
int ocr_parse_date(const char *s, char *out, size_t n);

/* Checks that a normalised value of field `name` is well formed (the checks
 * above for imei, vat, line, *_cf/fiscal_code; ISO dates for dates; the
 * enumerations of FORMS.md for claim, event, delivery, signer_role, kind,
 * declaration, signature). Returns NULL when fine, else the reason code
 * (IMEI_CHECKSUM, VAT_CHECKSUM, FISCAL_CODE_CHECKSUM, SCHEMA_INVALID). */
const char *ocr_check_field(const char *name, const char *value);

#endif
