/*
 * check_formtext - the shape rules that hold an agreed value of a form for a
 * clerk (ocr/formtext.c), on the misreadings the accuracy corpora showed
 * both of the reader's models making alike, and on the right values they
 * must let through.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ocr/form.h"
#include "ocr/formtext.h"
#include "tests/lib/checkrun.h"

START_TEST(lookalikes_and_distance)
{
	ck_assert_int_eq(ocr_text_lookalike('0'), 'O');
	ck_assert_int_eq(ocr_text_lookalike('O'), '0');
	ck_assert_int_eq(ocr_text_lookalike('S'), '5');
	ck_assert_int_eq(ocr_text_lookalike('6'), 'G');
	ck_assert_int_eq(ocr_text_lookalike('x'), 0);
	ck_assert_uint_eq(ocr_text_distance("OPPU", "Oppo"), 1);
	ck_assert_uint_eq(ocr_text_distance("Samsung", "samsung"), 0);
	ck_assert(ocr_text_confusable("S", "5"));
	ck_assert(ocr_text_confusable("l", "I"));
	ck_assert(ocr_text_confusable("n", "r"));
	ck_assert(!ocr_text_confusable("a", "b"));
	ck_assert(!ocr_text_confusable("S", "S"));
	ck_assert(ocr_text_known_word("S.r.l."));
	ck_assert(ocr_text_known_word("Samsung"));
	ck_assert(!ocr_text_known_word("S.r.1."));
}
END_TEST

START_TEST(misreadings_are_doubtful)
{
	/* seen trusted by both readings before these rules */
	ck_assert(ocr_text_doubtful("model", OCR_FORM_TEXT, "OPPU Reno 10"));
	ck_assert(ocr_text_doubtful("model", OCR_FORM_TEXT, "Samsung Galaxy 523"));
	ck_assert(ocr_text_doubtful("model", OCR_FORM_TEXT, "Nokia 642"));
	ck_assert(ocr_text_doubtful("company", OCR_FORM_TEXT, "Esposito Edilizia S.r.1."));
	ck_assert(ocr_text_doubtful("company", OCR_FORM_TEXT, "Gallo Meccanica S.r.f."));
	ck_assert(ocr_text_doubtful("company", OCR_FORM_TEXT, "Barbieri Consulting srl"));
	ck_assert(ocr_text_doubtful("company", OCR_FORM_TEXT, "Ferrari informatica S.n.c."));
	ck_assert(ocr_text_doubtful("event_place", OCR_FORM_TEXT, "Bari, Via verdi"));
	ck_assert(ocr_text_doubtful("event_place", OCR_FORM_TEXT, "verona, Viale Europa"));
	ck_assert(ocr_text_doubtful("id_document", OCR_FORM_TEXT, "Carta d'identita CK92823XD"));
	ck_assert(ocr_text_doubtful("id_document", OCR_FORM_TEXT, "Carta d'identita' CE14044L0"));
	ck_assert(ocr_text_doubtful("signer", OCR_FORM_NAME, "Mario conti"));
	ck_assert(ocr_text_doubtful("address", OCR_FORM_ADDRESS, "Via roma 1, 20121 Milano"));
}
END_TEST

START_TEST(right_values_pass)
{
	ck_assert(!ocr_text_doubtful("model", OCR_FORM_TEXT, "OPPO Reno 10"));
	ck_assert(!ocr_text_doubtful("model", OCR_FORM_TEXT, "Samsung Galaxy S23"));
	ck_assert(!ocr_text_doubtful("model", OCR_FORM_TEXT, "Apple iPhone 15 Pro"));
	ck_assert(!ocr_text_doubtful("company", OCR_FORM_TEXT, "Esposito Edilizia S.r.l."));
	ck_assert(!ocr_text_doubtful("company", OCR_FORM_TEXT, "Rossi e Figli SpA"));
	ck_assert(!ocr_text_doubtful("event_place", OCR_FORM_TEXT, "Milano, stazione Centrale"));
	ck_assert(!ocr_text_doubtful("address", OCR_FORM_ADDRESS, "Via dei Mille 3, 80121 Napoli"));
	ck_assert(!ocr_text_doubtful("id_document", OCR_FORM_TEXT, "Carta d'identita' CK92823XD"));
	ck_assert(!ocr_text_doubtful("id_document", OCR_FORM_TEXT, "Passaporto YA1234567"));
	ck_assert(!ocr_text_doubtful("signer", OCR_FORM_NAME, "Ilaria De Luca"));
	ck_assert(!ocr_text_doubtful("description", OCR_FORM_TEXT, "Il telefono non si accende piu"));
}
END_TEST

START_TEST(capitals_of_names)
{
	char a[] = "llaria Rossi", b[] = "ilaria Rossi", c[] = "Maria la Rosa", d[] = "Ilaria";
	char e[] = "chiara Gallo", f[] = "Mario conti", g[] = "Otto von Bismarck", h[] = "mario";
	ocr_text_name_capitals(a);
	ocr_text_name_capitals(b);
	ocr_text_name_capitals(c);
	ocr_text_name_capitals(d);
	ocr_text_name_capitals(e);
	ocr_text_name_capitals(f);
	ocr_text_name_capitals(g);
	ocr_text_name_capitals(h);
	ck_assert_str_eq(a, "Ilaria Rossi");
	ck_assert_str_eq(b, "Ilaria Rossi");
	ck_assert_str_eq(c, "Maria la Rosa");	/* a particle stays small */
	ck_assert_str_eq(d, "Ilaria");
	ck_assert_str_eq(e, "Chiara Gallo");
	ck_assert_str_eq(f, "Mario Conti");
	ck_assert_str_eq(g, "Otto von Bismarck");
	ck_assert_str_eq(h, "mario");	/* m and M differ: left for a clerk */
}
END_TEST

START_TEST(line_prefix)
{
	char a[] = "+30 388 6428216", b[] = "+39 388 6428216", c[] = "+3388 6428216", d[] = "3886428216";
	ocr_text_line_prefix(a);
	ocr_text_line_prefix(b);
	ocr_text_line_prefix(c);
	ocr_text_line_prefix(d);
	ck_assert_str_eq(a, "+39 388 6428216");
	ck_assert_str_eq(b, "+39 388 6428216");
	ck_assert_str_eq(c, "+3388 6428216");	/* no prefix of its own: left as read */
	ck_assert_str_eq(d, "3886428216");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("formtext");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, lookalikes_and_distance);
	tcase_add_test(tc, misreadings_are_doubtful);
	tcase_add_test(tc, right_values_pass);
	tcase_add_test(tc, capitals_of_names);
	tcase_add_test(tc, line_prefix);
	suite_add_tcase(s, tc);
	return check_run(s, false);
}
