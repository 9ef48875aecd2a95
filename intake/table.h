/*
 * table - rows printed for people (aligned text), for spreadsheets (CSV,
 * RFC 4180, with a header line) or for scripts (XML, one element per row,
 * one attribute per column).
 */
#ifndef INTAKE_TABLE_H
#define INTAKE_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum table_format { TABLE_TEXT, TABLE_CSV, TABLE_XML };

struct table {
	const char *root, *row;	/* XML element names, e.g. "cases", "case" */
	const char *const *cols;	/* column names (XML attributes, CSV header) */
	size_t ncols;
	char **cells;		/* nrows x ncols, owned */
	size_t nrows;
};

/* Parses "text", "csv", "xml". Returns 0 or -1. */
int table_format_parse(const char *s, enum table_format *f);
void table_init(struct table *t, const char *root, const char *row, const char *const *cols,
		size_t ncols);
/* Appends a row; values are copied (NULL is an empty cell). */
void table_add(struct table *t, const char *const *values);
void table_print(const struct table *t, enum table_format f, FILE *out);
void table_free(struct table *t);

#endif
