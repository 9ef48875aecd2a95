/*
 * links - which documents can change each other's outcome in
 * rules_derive (rules/rules.h, "links"), so that intake derives again only
 * the documents a change can reach. The keys follow the matching of
 * rules/derive.c: a form reaches the cases of its line and, through the
 * address a legal representative or mandatario writes (rule 8), every
 * case of the line's company, so a form's key is its line's company; a
 * denunciation reaches the theft cases of the line or IMEI it names; an
 * identity copy the cases its person signs (fiscal code, else name); the
 * pages of one fax go together. Coarser than the engine on purpose: a key
 * too many costs time, a key too few a wrong outcome.
 *
 * Failure policy: none (pure lookups); out of memory is fatal.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "rules/rules.h"

struct link {
	char *value;		/* line number, IMEI, FISCAL CODE, name key */
	const char *vat;
};

struct links_index {
	struct link *v;
	size_t n, cap;
};

struct rules_links {
	struct links_index lines, imeis, cfs, names;
};

static void index_add(struct links_index *x, char *value, const char *vat)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->v = xrealloc(x->v, x->cap * sizeof x->v[0]);
	}
	x->v[x->n].value = value;
	x->v[x->n].vat = vat;
	x->n++;
}

static int cmp_link(const void *a, const void *b)
{
	return strcmp(((const struct link *)a)->value, ((const struct link *)b)->value);
}

static char *upper_dup(const char *s)
{
	char *u = xstrdup(s), *p;
	for (p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

struct rules_links *rules_links_new(const struct rules_registry *reg)
{
	struct rules_links *l = xcalloc(1, sizeof *l);
	size_t i, j;

	for (i = 0; reg && i < reg->ncompanies; i++) {
		const struct rules_company *c = &reg->companies[i];
		for (j = 0; j < c->nlines; j++) {
			index_add(&l->lines, xstrdup(c->lines[j].number), c->vat);
			index_add(&l->imeis, xstrdup(c->lines[j].imei), c->vat);
		}
		for (j = 0; j < c->npersons; j++) {
			struct strbuf key = STRBUF_INIT;
			index_add(&l->cfs, upper_dup(c->persons[j].fiscal_code), c->vat);
			rules_name_key(c->persons[j].name, &key);
			index_add(&l->names, sb_detach(&key), c->vat);
		}
	}
	qsort(l->lines.v, l->lines.n, sizeof(struct link), cmp_link);
	qsort(l->imeis.v, l->imeis.n, sizeof(struct link), cmp_link);
	qsort(l->cfs.v, l->cfs.n, sizeof(struct link), cmp_link);
	qsort(l->names.v, l->names.n, sizeof(struct link), cmp_link);
	return l;
}

static void index_free(struct links_index *x)
{
	size_t i;
	for (i = 0; i < x->n; i++)
		free(x->v[i].value);
	free(x->v);
}

void rules_links_free(struct rules_links **l)
{
	if (!l || !*l)
		return;
	index_free(&(*l)->lines);
	index_free(&(*l)->imeis);
	index_free(&(*l)->cfs);
	index_free(&(*l)->names);
	free(*l);
	*l = NULL;
}

/* Every company the index holds `value` for, as "c:VAT". */
static void index_keys(const struct links_index *x, const char *value,
		       void (*add)(void *ctx, const char *key), void *ctx)
{
	size_t lo = 0, hi = x->n;
	struct strbuf key = STRBUF_INIT;

	if (!value || !*value)
		return;
	while (lo < hi) {	/* the first entry not below value */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].value, value) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->n && strcmp(x->v[lo].value, value) == 0; lo++) {
		sb_reset(&key);
		sb_addf(&key, "c:%s", x->v[lo].vat);
		add(ctx, key.buf);
	}
	sb_release(&key);
}

void rules_doc_links(const struct rules_links *l, const struct rules_doc_in *d,
		     void (*add)(void *ctx, const char *key), void *ctx)
{
	struct strbuf key = STRBUF_INIT;
	const struct ocr_document *doc = d->doc;
	const char *cf = ocr_document_value(doc, "fiscal_code");
	const char *surname = ocr_document_value(doc, "surname");
	const char *name = ocr_document_value(doc, "name");

	sb_addf(&key, "f:%s", d->fax_sha256);
	add(ctx, key.buf);
	/* forms and denunciations: the line's company, the IMEI's */
	index_keys(&l->lines, ocr_document_value(doc, "line"), add, ctx);
	index_keys(&l->imeis, ocr_document_value(doc, "imei"), add, ctx);
	/* identity copies: the companies of the person */
	if (cf) {
		char *u = upper_dup(cf);
		index_keys(&l->cfs, u, add, ctx);
		free(u);
	}
	if (surname && name) {
		struct strbuf full = STRBUF_INIT;
		sb_reset(&key);
		sb_addf(&full, "%s %s", surname, name);
		rules_name_key(full.buf, &key);
		index_keys(&l->names, key.buf, add, ctx);
		sb_release(&full);
	}
	sb_release(&key);
}
