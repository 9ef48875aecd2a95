/*
 * table - see table.h. Text output pads columns to their widest cell
 * (counted in UTF-8 characters); XML output escapes every value.
 * Failure policy: out of memory is fatal (xmalloc); a failed write to the
 * output stream is the caller's to notice (ferror).
 */
#include "intake/table.h"
#include "common/strbuf.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

int table_format_parse(const char *s, enum table_format *f)
{
	if (!strcmp(s, "text")) *f = TABLE_TEXT;
	else if (!strcmp(s, "csv")) *f = TABLE_CSV;
	else if (!strcmp(s, "xml")) *f = TABLE_XML;
	else return -1;
	return 0;
}

void table_init(struct table *t, const char *root, const char *row, const char *const *cols,
		size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->root = root;
	t->row = row;
	t->cols = cols;
	t->ncols = ncols;
}

void table_add(struct table *t, const char *const *values)
{
	t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(values[i] ? values[i] : "");
	t->nrows++;
}

static size_t table_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

void table_print(const struct table *t, enum table_format f, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	if (f == TABLE_XML) {
		sb_addf(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%s xmlns=\"urn:faxintake:list:1\">\n",
			t->root);
		for (size_t r = 0; r < t->nrows; r++) {
			sb_addf(&sb, "  <%s", t->row);
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = t->cells[r * t->ncols + c];
				if (!*v)
					continue;
				sb_addf(&sb, " %s=\"", t->cols[c]);
				sb_add_xml(&sb, v);
				sb_addc(&sb, '"');
			}
			sb_adds(&sb, "/>\n");
		}
		sb_addf(&sb, "</%s>\n", t->root);
	} else if (f == TABLE_CSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_addc(&sb, ',');
			sb_add_csv(&sb, t->cols[c]);
		}
		sb_adds(&sb, "\r\n");
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					sb_addc(&sb, ',');
				sb_add_csv(&sb, t->cells[r * t->ncols + c]);
			}
			sb_adds(&sb, "\r\n");
		}
	} else {
		size_t *w = xcalloc(t->ncols, sizeof *w);
		for (size_t c = 0; c < t->ncols; c++)
			w[c] = table_width(t->cols[c]);
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++) {
				size_t n = table_width(t->cells[r * t->ncols + c]);
				if (n > w[c])
					w[c] = n;
			}
		for (size_t r = 0; r <= t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = r == 0 ? t->cols[c] : t->cells[(r - 1) * t->ncols + c];
				sb_adds(&sb, v);
				if (c + 1 < t->ncols)
					for (size_t k = table_width(v); k < w[c] + 2; k++)
						sb_addc(&sb, ' ');
			}
			sb_addc(&sb, '\n');
		}
		if (!t->nrows)
			sb_addf(&sb, "(no %s)\n", t->root);
		free(w);
	}
	fwrite(sb.buf, 1, sb.len, out);
	sb_release(&sb);
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}
