/*
 * fftext_int - what the files of the free-form text reader (ocr/fftext.c,
 * ffdate.c, ffcode.c, ffden.c, ffid.c, ffmrz.c, ffidcf.c, ffiddate.c)
 * share: the folded view of a page's text, spans, readings, and the
 * functions one of them calls in another (prefix fft_). Not part of the
 * ocr module's interface: only those files include it.
 */
#ifndef OCR_FFTEXT_INT_H
#define OCR_FFTEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "ocr/document.h"
#include "ocr/fftext.h"

struct fview {
	const struct ff_text *t;
	char *s;		/* folded ASCII, lower case */
	char *u;		/* folded ASCII, case kept */
	size_t *map;		/* folded index -> byte offset in t->text (n + 1 entries) */
	size_t n;
	time_t as_of;		/* the day the page is read as of; 0: the clock's */
	bool mend;		/* a day or month no calendar has is mended (fft_date_at) */
};

enum dkind { D_NONE, D_DOC, D_EVENT, D_BIRTH, D_ISSUE, D_EXPIRY };

struct fdate {
	size_t s, e;
	int y, m, d;
	bool forced;		/* a letter was read as a digit */
	bool mended;		/* forced for that alone: its day or month mended */
	char iso[16];
	enum dkind kind;
};

struct idnum {
	char val[16];
	size_t s, e;
	int mapped;
	const char *shape;
};

/* The machine-readable zone of a passport or an electronic card: a second,
 * independent reading of the names, dates and number. */
struct mrz {
	bool names, any;
	bool split;		/* the surname's end read as "<<" */
	char surname[64], name[64];
	char field[64];		/* the name field as read (case kept), from the surname on */
	char dates[4][7];
	int ndates;
	char text[512];		/* the MRZ lines, upper case, joined */
};

struct mrzfield {
	char val[10];		/* the checked value (how set) */
	int how;
	size_t s, e;		/* the field's span in the view (check digit left out) */
	size_t ce;		/* the end of its check digit */
	bool placed;		/* the field's place was found, whatever it holds */
	char raw[10];		/* what stands there as read */
	char wide[12];		/* and with the character before it */
	char cd;		/* the check digit as read, or 0 */
	char longer[12];	/* the field and the character after it */
	char cd2;		/* the character after that as a digit, or 0 */
	bool sure;		/* in its place: not shifted by a character lost or
				 * added before it (dates: the sex between them) */
	bool unique;		/* no other character Tesseract offered passes too */
	unsigned twins;		/* the places where one passes too, a bit each */
	bool twin_said;		/* a printed word reads a twin there (mrz_settle) */
	bool once;		/* read once, in a line its check chose (ff_text's
				 * once_s): alone, it is not trusted */
};

struct mrzchk {
	struct mrzfield number, birth, expiry;
	struct mrzfield merged;	/* a passport's number one character short */
	struct mrzfield early[2];	/* its dates after it (birth, expiry), which
					 * only ever confirm */
	struct mrzfield late;	/* the expiry one place right of its own (a
				 * character read twice after the sex), which
				 * only ever holds */
};

extern const char fft_read_doubt[];
extern const char fft_cf_shape[];
extern const char *const fft_den_authority[];
extern const char *const fft_shape_electronic;
extern const char *const fft_shape_paper;
extern const char *const fft_id_birth_labels[];
extern const char *const fft_id_expiry_labels[];
extern const char *const fft_id_lic_birth[];
extern const char *const fft_id_lic_expiry[];

/* fftext.c: folding, spans, matching, classification, second look */
void fft_view_init(struct fview *v, const struct ff_text *t);
int fft_view_today(const struct fview *v);
void fft_view_free(struct fview *v);
bool fft_is_al(char c);
bool fft_is_blank(char c);
double fft_span_conf(const struct fview *v, size_t fs, size_t fe);
struct ocr_region fft_span_region(const struct fview *v, size_t fs, size_t fe);
char *fft_span_text(const struct fview *v, size_t fs, size_t fe);
const char *fft_alts_at(const struct fview *v, size_t i);
unsigned long long fft_span_doubts(const struct fview *v, size_t fs, size_t fe, int *n);
bool fft_span_doubtful(const struct fview *v, size_t fs, size_t fe);
bool fft_number_doubtful(const struct fview *v, const struct ocr_document *d, size_t fs,
			 size_t fe);
void fft_put(struct ocr_document *d, const struct fview *v, const char *name,
	     const char *value, size_t fs, size_t fe, double minconf, const char *reason,
	     double capconf);
int fft_grey_says(const struct fview *v, const struct ocr_document *d, const char *name);
int fft_grey_alike(const struct fview *v, const struct ocr_document *d, const char *name);
long fft_pmatch(const struct fview *v, size_t i, const char *pat);
long fft_pfind(const struct fview *v, size_t from, size_t to, const char *pat, size_t *end);
long fft_pfind_any(const struct fview *v, size_t from, size_t to, const char *const *pats,
		   size_t *end);
bool fft_has_any(const struct fview *v, const char *const *pats);
size_t fft_line_start(const struct fview *v, size_t i);
size_t fft_line_end(const struct fview *v, size_t i);
size_t fft_skip_blanks(const struct fview *v, size_t i);
size_t fft_line_lead(const struct fview *v, size_t i);
size_t fft_skip_sep(const struct fview *v, size_t i);
long fft_fuzzy_find(const struct fview *v, size_t from, size_t to, const char *pat, int maxerr,
		    size_t *end);
bool fft_fuzzy_has(const struct fview *v, const char *pat, int maxerr);
/* A driving licence's categories (AM/B1/B) somewhere on the page. */
bool fft_licence_categories(const struct fview *v);

/* ffdate.c: dates */
int fft_fdate_key(const struct fdate *q);
bool fft_date_fill(struct fdate *out, size_t s, size_t e, int y, int m, int d, bool forced,
		   enum dkind kind);
int fft_month_at(const struct fview *v, size_t i, size_t *end);
bool fft_dmy_chars_at(const struct fview *v, size_t i, const char *seps, bool any,
		      char out[9], size_t *end);
bool fft_dmy_at(const struct fview *v, size_t i, const char *seps, char digits[9], size_t *end);
bool fft_date_at(const struct fview *v, size_t i, struct fdate *out);
bool fft_day_month_at(const struct fview *v, size_t i, int *d, int *m, size_t *ds, size_t *end,
		      bool *forced);
bool fft_long_date_at(const struct fview *v, size_t i, struct fdate *out);
enum dkind fft_nearest_kind(const struct fview *v, size_t from, size_t to);
unsigned fft_id_date_kinds(const struct fview *v, size_t from, size_t to);
enum dkind fft_first_kind_after(const struct fview *v, size_t from, size_t to);
bool fft_place_before(const struct fview *v, const struct fdate *dt);
bool fft_fax_header(const struct fview *v, const struct fdate *dt);
size_t fft_find_dates(const struct fview *v, struct fdate *out, size_t max);

/* ffcode.c: codes (fiscal code, IMEI, shapes) */
char fft_letter_for(char c);
char fft_digit_for(char c);
const char *fft_sign_alikes(const struct fview *v, size_t i);
bool fft_shape_ok(char cls, char c);
/* True when value has shape's letters and digits (L, D) where it has them. */
bool fft_of_shape(const char *value, const char *shape);
int fft_fit_shape(const struct fview *v, const size_t *pos, size_t n, const char *shape,
		  char *out);
int fft_repair_alts(const struct fview *v, char *val, const size_t *pos, size_t n,
		    const char *shape, bool (*check)(const char *));
bool fft_cf_char(char c);
bool fft_cf_at(const struct fview *v, size_t i, char out[17], size_t pos[16], int *mapped);
void fft_cf_candidate(const char cand[17], char found[17], int *nfound);
bool fft_cf_encodes(const char *cf, const struct fdate *q);
bool fft_cf_birth_on_page(const struct fview *v, const char *cf);
bool fft_cf_part_is(const char *cf, const char *value, bool given);
bool fft_cf_sex_denies(const char *cf, const char *given);
bool fft_cf_names_deny(const struct ocr_document *d, const char *cf);
const char *fft_look_alikes(char c, char cls);
bool fft_reading_open(const struct ff_reader *rd,
		      int (*read)(void *ctx, const struct ocr_region *r, struct ff_text *out),
		      const struct ocr_region *r, struct ff_text *t2, struct fview *v2);
void fft_reading_close(const struct ff_reader *rd, struct fview *v2);
void fft_find_cf(struct ocr_document *d, const struct fview *v, const char *name);

/* ffden.c: denunciations */
bool fft_province_code(const char *s);
bool fft_province_number(const char *s);
bool fft_report_number_shape(const char *s);
bool fft_ambiguous_mix(const char *s);
bool fft_number_token(const struct fview *v, size_t i, size_t *end);
int fft_vote_combos(const int ncand[8], const int pos[8], int nvar);
void fft_vote_choice(const char base[9], char cand[8][4], const int ncand[8], const int pos[8],
		     int nvar, int m, char out[9]);
bool fft_short_label(const struct fview *v, size_t i, size_t *end);
bool fft_not_a_name(const struct fview *v, size_t i);
const struct ocr_region *fft_word_box(const struct fview *v, size_t i);
int fft_word_x(const struct fview *v, size_t i);
bool fft_read_name(const struct fview *v, size_t i, size_t *fs, size_t *fe, bool caps_only,
		   bool one_line, int min_x);
bool fft_imei_at(const struct fview *v, size_t i, char out[16], size_t pos[15], size_t *end,
		 int *mapped);
bool fft_line_at(const struct fview *v, size_t i, char *out, size_t size, size_t *end);
void fft_parse_denunciation(struct ocr_document *d, const struct fview *v);
/* A report's authority or its make and model as den_* reads them from v
 * (NULL: none, or another name), at [*fs, *fe); *why as den_* puts it. */
char *fft_den_text_at(const struct fview *v, const char *name, size_t *fs, size_t *fe,
		      const char **why);

/* ffid.c: identity copies */
int fft_edit_dist(const char *a, size_t n, const char *pat);
bool fft_idnum_at(const struct fview *v, size_t i, struct idnum *out);
unsigned long long fft_idnum_doubts(const struct fview *v, size_t fs, size_t fe, int *n);
bool fft_idnum_doubtful(const struct fview *v, size_t fs, size_t fe);
/* A fiscal code val read at pos, passing its check with characters of the
 * other kind mapped by its shape, that another of their look-alikes makes
 * pass as well (O969O and D969D): which one, chance says. */
bool fft_cf_twins(const struct fview *v, const char val[17], const size_t pos[16]);
/* The date read at at is the one an identity document's issue label
 * (EMISSIONE, Data di rilascio...), read as printed, gives, and the first
 * date of its line. */
bool fft_id_issue_at(const struct fview *v, size_t at);
bool fft_birth_too_close(const struct ocr_document *d, const struct fview *v, const struct fdate *b);
bool fft_idnum_in_reading(const struct fview *v2, struct idnum *num, unsigned long long *doubts,
			  unsigned long long *mapped, double *conf);
/* The region r read again by rd's way how (NULL: none) and its number as
 * fft_idnum_in_reading gives it; false when the reading or the number is
 * not to be had. */
bool fft_idnum_read_by(const struct ff_reader *rd,
		       int (*how)(void *ctx, const struct ocr_region *r, struct ff_text *out),
		       const struct ocr_region *r, struct idnum *num, unsigned long long *doubts,
		       unsigned long long *mapped, double *conf);
/* fft_idnum_read_by with rd's read_grey (grey) or read. */
bool fft_idnum_read_again(const struct ff_reader *rd, bool grey, const struct ocr_region *r,
			  struct idnum *num, unsigned long long *doubts, unsigned long long *mapped,
			  double *conf);
unsigned long long fft_idnum_mapped(const struct fview *v, const struct idnum *num, bool *split);
char *fft_span_caps(const struct fview *v, size_t fs, size_t fe);
bool fft_may_be_licence(const struct ocr_document *d);
long fft_find_label(const struct fview *v, size_t from, const char *const *pats, bool fuzzy,
		    size_t *end);
const struct fdate *fft_label_date(const struct fview *v, const struct fdate *dates, size_t n,
				   const char *const *labels, bool line_start_only, bool fuzzy);
bool fft_on_mrz_line(const struct fview *v, size_t i);
void fft_parse_identity(struct ocr_document *d, const struct fview *v);

/* ffmrz.c: the machine-readable zone */
void fft_find_mrz(const struct fview *v, bool passport, struct mrz *m);
void fft_find_mrz_checked(const struct fview *v, const char *kind, struct mrzchk *m);
void fft_hold(struct ocr_document *d, const char *name, const char *why);
void fft_yymmdd(const char *iso, char out[7]);
void fft_unhold(struct ocr_document *d, const char *name);
bool fft_mrz_day(const char *y6);
bool fft_cf_date_misread(const struct fview *v, size_t i, const char *cf, struct fdate *out);
void fft_mrz_check(struct ocr_document *d, const struct fview *v);
void fft_mrz_confirm_late(struct ocr_document *d, const struct fview *v);
bool fft_mrz_says_name(const struct fview *v, const struct ocr_document *d, const char *name);

/* ffidcf.c: the fiscal code on identity copies */
void fft_cf_birth(struct ocr_document *d, const struct fview *v);
void fft_cf_confirm_late(struct ocr_document *d, const struct fview *v);
void fft_cf_cross_check(struct ocr_document *d);
void fft_cf_from_card(struct ocr_document *d, const struct fview *v);

/* ffiddate.c: identity dates by law and by vote */
void fft_id_expiry_issued(struct ocr_document *d, const struct fview *v);
void fft_id_birth_off_expiry(struct ocr_document *d, const struct fview *v);
void fft_id_dates_voted(struct ocr_document *d, const struct fview *v, const char *expiry);
void fft_id_expiry_birth_line(struct ocr_document *d, const struct fview *v);
void fft_id_dates_on_birthday(struct ocr_document *d, const struct fview *v, const char *expiry);
void fft_cf_witnessed_late(struct ocr_document *d, const struct fview *v);

#endif
