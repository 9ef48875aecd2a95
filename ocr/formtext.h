/*
 * formtext - shape rules and word lists for values read on the forms.
 */
#ifndef OCR_FORMTEXT_H
#define OCR_FORMTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The character of the other kind that looks like c in fax fonts: a letter
 * for a digit (0 O, 1 I, 5 S, 8 B, 2 Z, 6 G) and the reverse; 0 when none. */
char ocr_text_lookalike(char c);

/* Edit distance, ignoring case (strings of up to 63 bytes; 99 beyond). */
size_t ocr_text_distance(const char *a, const char *b);

/* Whether single characters a and b look alike in typed fax fonts (S 5,
 * l I 1, n r, o a, 3 8...). */
bool ocr_text_confusable(const char *a, const char *b);

/* Whether w is a word known exactly: a make of telephone, a legal form. */
bool ocr_text_known_word(const char *w);

/* Whether value v of field `name`, of content kind `content` (enum
 * ocr_form_content), has a shape typed forms never hold and is most often
 * a misreading: it then goes to a clerk. */
bool ocr_text_doubtful(const char *name, int content, const char *v);

/* Whether c is a small letter whose capital has its shape (c o s u v w x
 * z), which Tesseract often reads for that capital. */
bool ocr_text_capital_twin(char c);

/* In a person's name, an l or i beginning a word before two small letters
 * is a sans-serif capital I ("llaria" -> "Ilaria"), and a c o s u v w x z
 * before three is its capital ("chiara" -> "Chiara"); in place. */
void ocr_text_name_capitals(char *v);

/* The form's line box holds Italian mobile lines: an international prefix
 * +3x before a space is +39 misread ("+30 388 ..." -> "+39 388 ..."); in
 * place. The number after it is checked as ever. */
void ocr_text_line_prefix(char *v);

#endif
