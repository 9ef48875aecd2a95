/*
 * check - value checks and normal forms of FORMS.md. Pure functions with
 * no allocation; they never guess: a value either passes or it does not.
 * Failure policy: nothing here can fail; a bad value is a false result
 * (or a reason code from ocr_check_field), never an error.
 */
#include "ocr/check.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool check_digits(const char *s, size_t n)
{
	if (!s || strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Luhn over all digits of s (the last one is the check digit). */
static bool check_luhn(const char *s, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int d = s[n - 1 - i] - '0';
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

bool ocr_check_imei(const char *s)
{
	return check_digits(s, 15) && check_luhn(s, 15);
}

bool ocr_check_vat(const char *s)
{
	/* The partita IVA's check digit is the Luhn digit of the first ten;
	 * the office code (digits 8-10) is 001-100, 120, 121 or 888/999. */
	if (!check_digits(s, 11) || !check_luhn(s, 11))
		return false;
	return strncmp(s, "0000000", 7) != 0;
}

/* A fiscal code's position classes: L letter, D digit (or omocodia
 * letter), M month letter. */
static const char cf_shape[] = "LLLLLLDDMDDLDDDL";

bool ocr_check_fiscal_code(const char *s)
{
	/* values of characters in odd (1st, 3rd, ...) positions, A-Z / 0-9 */
	static const int odd[26] = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18,
				     20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23 };
	static const char omocodia[] = "LMNPQRSTUV";
	if (!s || strlen(s) != 16)
		return false;
	int sum = 0;
	for (int i = 0; i < 16; i++) {
		int c = (unsigned char)s[i];
		switch (cf_shape[i]) {
		case 'L':
			if (c < 'A' || c > 'Z')
				return false;
			break;
		case 'D':
			if (!isdigit(c) && !strchr(omocodia, c))
				return false;
			break;
		case 'M':
			if (!strchr("ABCDEHLMPRST", c) || c == '\0')
				return false;
			break;
		}
		if (i == 15)
			break;
		int v = isdigit(c) ? c - '0' : c - 'A';
		if (i % 2 == 0)
			sum += odd[v];
		else
			sum += v;
	}
	return s[15] == 'A' + sum % 26;
}

int ocr_fiscal_code_omocodic(const char *cf)
{
	int n = 0;
	if (!cf || strlen(cf) != 16)
		return 0;
	for (int i = 0; i < 16; i++)
		n += cf_shape[i] == 'D' && isalpha((unsigned char)cf[i]);
	return n;
}

int ocr_mrz_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return c == '<' ? 0 : -1;
}

int ocr_check_mrz_digit(const char *s, size_t n)
{
	int sum = 0;
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int val = ocr_mrz_value(s[i]);
		if (val < 0)
			return -1;	/* also the end of a string shorter than n */
		sum += val * (i % 3 == 0 ? 7 : i % 3 == 1 ? 3 : 1);
	}
	return sum % 10;
}

bool ocr_check_mrz(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || !isdigit((unsigned char)s[n - 1]))
		return false;
	return ocr_check_mrz_digit(s, n - 1) == s[n - 1] - '0';
}

bool ocr_check_line(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 9 || n > 10 || s[0] != '3')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

int ocr_normalise_line(const char *in, char *out, size_t n)
{
	char d[32];
	size_t k = 0;
	const char *p = in;
	while (isspace((unsigned char)*p))
		p++;
	if (p[0] == '+' && p[1] == '3' && p[2] == '9')
		p += 3;
	else if (strncmp(p, "0039", 4) == 0)
		p += 4;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (k + 1 >= sizeof d)
				return -1;
			d[k++] = *p;
		} else if (!strchr(" .-/", *p)) {
			return -1;
		}
	}
	d[k] = '\0';
	if (!ocr_check_line(d) || n < k + 1)
		return -1;
	memcpy(out, d, k + 1);
	return 0;
}

static bool check_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

static int check_month_name(const char *s, size_t *len)
{
	static const char *months[] = { "gennaio", "febbraio", "marzo", "aprile", "maggio",
					"giugno", "luglio", "agosto", "settembre", "ottobre",
					"novembre", "dicembre" };
	for (int i = 0; i < 12; i++) {
		size_t n = strlen(months[i]);
		if (strncasecmp(s, months[i], n) == 0 && !isalpha((unsigned char)s[n])) {
			*len = n;
			return i + 1;
		}
	}
	return 0;
}

static int check_number(const char **p, int maxdigits)
{
	int v = 0, k = 0;
	while (isdigit((unsigned char)**p) && k < maxdigits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	if (k == 0 || isdigit((unsigned char)**p))
		return -1;
	return v;
}

int ocr_parse_date(const char *s, char *out, size_t n)
{
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		const char *q = p;
		int d = check_number(&q, 2);
		if (d < 0)
			continue;
		int m = -1, y = -1;
		if ((*q == '/' || *q == '-' || *q == '.') ) {
			char sep = *q++;
			m = check_number(&q, 2);
			if (m < 0 || *q != sep)
				continue;
			q++;
			const char *ys = q;
			y = check_number(&q, 4);
			if (q - ys != 4)
				continue;
		} else if (*q == ' ') {
			while (*q == ' ')
				q++;
			size_t len;
			m = check_month_name(q, &len);
			if (!m)
				continue;
			q += len;
			while (*q == ' ')
				q++;
			const char *ys = q;
			y = check_number(&q, 4);
			if (q - ys != 4)
				continue;
		} else {
			continue;
		}
		if (!check_ymd(y, m, d))
			continue;
		if (n < 11)
			return -1;
		snprintf(out, n, "%04d-%02d-%02d", y, m, d);
		return 0;
	}
	return -1;
}

static bool check_iso_date(const char *s)
{
	int y, m, d;
	char tail;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	return check_ymd(y, m, d);
}

static bool check_one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return true;
	return false;
}

const char *ocr_check_field(const char *name, const char *value)
{
	static const char *const claims[] = { "fault", "malfunction", "theft", "loss", NULL };
	static const char *const events[] = { "theft", "loss", NULL };
	static const char *const deliveries[] = { "site", "point", NULL };
	static const char *const roles[] = { "legal-representative", "administrator", "mandatario",
					     "master", "employee", NULL };
	static const char *const kinds[] = { "electronic-id-card", "paper-id-card",
					     "driving-licence", "passport", NULL };
	static const char *const booleans[] = { "true", "false", NULL };

	if (!value || !*value)
		return "FIELD_MISSING";
	if (!strcmp(name, "imei"))
		return ocr_check_imei(value) ? NULL : "IMEI_CHECKSUM";
	if (!strcmp(name, "vat"))
		return ocr_check_vat(value) ? NULL : "VAT_CHECKSUM";
	if (!strcmp(name, "signer_cf") || !strcmp(name, "reporter_cf") || !strcmp(name, "fiscal_code"))
		return ocr_check_fiscal_code(value) ? NULL : "FISCAL_CODE_CHECKSUM";
	if (!strcmp(name, "line"))
		return ocr_check_line(value) ? NULL : "SCHEMA_INVALID";
	if (!strcmp(name, "date") || !strcmp(name, "event_date") || !strcmp(name, "birth_date") ||
	    !strcmp(name, "expiry"))
		return check_iso_date(value) ? NULL : "SCHEMA_INVALID";
	if (!strcmp(name, "claim"))
		return check_one_of(value, claims) ? NULL : "SCHEMA_INVALID";
	if (!strcmp(name, "event"))
		return check_one_of(value, events) ? NULL : "SCHEMA_INVALID";
	if (!strcmp(name, "delivery"))
		return check_one_of(value, deliveries) ? NULL : "SCHEMA_INVALID";
	if (!strcmp(name, "signer_role"))
		return check_one_of(value, roles) ? NULL : "SCHEMA_INVALID";
	if (!strcmp(name, "kind"))
		return check_one_of(value, kinds) ? NULL : "SCHEMA_INVALID";
	if (!strcmp(name, "declaration") || !strcmp(name, "signature"))
		return check_one_of(value, booleans) ? NULL : "SCHEMA_INVALID";
	return NULL;
}

void ocr_fiscal_code_part(const char *s, bool given, char out[4])
{
	char cons[64], vow[64];
	size_t nc = 0, nv = 0, k = 0;
	for (; *s && nc < sizeof cons && nv < sizeof vow; s++) {
		char c = (char)toupper((unsigned char)*s);
		if (c < 'A' || c > 'Z')
			continue;
		if (strchr("AEIOU", c))
			vow[nv++] = c;
		else
			cons[nc++] = c;
	}
	if (given && nc >= 4) {
		out[0] = cons[0], out[1] = cons[2], out[2] = cons[3];
		out[3] = '\0';
		return;
	}
	for (size_t i = 0; i < nc && k < 3; i++)
		out[k++] = cons[i];
	for (size_t i = 0; i < nv && k < 3; i++)
		out[k++] = vow[i];
	while (k < 3)
		out[k++] = 'X';
	out[3] = '\0';
}

bool ocr_fiscal_code_names(const char *cf, const char *surname, const char *name)
{
	char a[4], b[4];
	ocr_fiscal_code_part(surname, false, a);
	ocr_fiscal_code_part(name, true, b);
	return !strncmp(cf, a, 3) && !strncmp(cf + 3, b, 3);
}

bool ocr_fiscal_code_person(const char *cf, const char *full, int orders)
{
	char w[8][32], sur[128], nam[128];
	int n = 0;
	for (const char *p = full; *p && n < 8;) {
		while (*p == ' ')
			p++;
		size_t k = 0;
		while (p[k] && p[k] != ' ')
			k++;
		if (k)
			snprintf(w[n++], sizeof w[0], "%.*s", (int)k, p);
		p += k;
	}
	for (int cut = 1; cut < n; cut++)
		for (int order = 0; order < 2; order++) {
			bool surname_first = order == 0;
			if (!(orders & (surname_first ? OCR_CF_SURNAME_FIRST : OCR_CF_GIVEN_FIRST)))
				continue;
			sur[0] = nam[0] = '\0';
			for (int q = 0; q < n; q++) {
				char *dst = (q < cut) == surname_first ? sur : nam;
				strncat(dst, w[q], sizeof sur - strlen(dst) - 1);
			}
			if (ocr_fiscal_code_names(cf, sur, nam))
				return true;
		}
	return false;
}
