/*
 * requirements - the requirement table and exclusion words (data in
 * rules/requirements.xml, schema schemas/rules.xsd), the enumerations of
 * claims and deliveries, and text folding for name and word comparisons.
 *
 * Failure policy: a table that is missing or fails its schema is returned
 * as -1 with reasons; the caller (start-up) treats that as fatal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/util.h"
#include "common/xml.h"
#include "rules/rules.h"
#include "rules/xmlsafe.h"

#define RULES_NS "urn:faxintake:rules:1"
#define RULES_TABLE_MAX ((size_t)1 << 20)

static const char *const claim_names[] = { "none", "fault", "malfunction", "theft", "loss" };
static const char *const delivery_names[] = { "none", "site", "point" };

static int name_lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;
	for (i = 1; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return 0;
}

const char *rules_claim_name(enum rules_claim c)
{
	return (size_t)c < ARRAY_SIZE(claim_names) ? claim_names[c] : claim_names[0];
}

enum rules_claim rules_claim_parse(const char *s)
{
	return (enum rules_claim)name_lookup(claim_names, ARRAY_SIZE(claim_names), s);
}

const char *rules_delivery_name(enum rules_delivery d)
{
	return (size_t)d < ARRAY_SIZE(delivery_names) ? delivery_names[d] : delivery_names[0];
}

enum rules_delivery rules_delivery_parse(const char *s)
{
	return (enum rules_delivery)name_lookup(delivery_names, ARRAY_SIZE(delivery_names), s);
}

/* The schema admits only known type names. */
static enum ocr_doctype doctype_parse(const char *s)
{
	int t = ocr_doctype_parse(s);
	return t < 0 ? OCR_DOC_UNKNOWN : (enum ocr_doctype)t;
}

/* --- the table --- */

static void parse_case(xmlNodePtr n, struct rules_requirements *req)
{
	struct rules_requirement *row;
	char *v, *tok, *save = NULL;
	xmlNodePtr e;

	req->rows = xrealloc(req->rows, (req->nrows + 1) * sizeof(*req->rows));
	row = &req->rows[req->nrows++];
	memset(row, 0, sizeof *row);
	v = rules_xml_attr(n, "opened-by");
	row->opened_by = doctype_parse(v);
	free(v);
	v = rules_xml_attr(n, "delivery");
	row->delivery = rules_delivery_parse(v);
	free(v);
	v = rules_xml_attr(n, "claims");
	for (tok = strtok_r(v, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save))
		row->claims |= 1u << rules_claim_parse(tok);
	free(v);
	for (e = n->children; e; e = e->next)
		if (rules_xml_is(e, RULES_NS, "requires")) {
			v = rules_xml_attr(e, "type");
			row->required |= 1u << doctype_parse(v);
			free(v);
		}
}

/* Two rows for the same (form, claim, delivery) would make the table
 * ambiguous: refused with both lines. */
static int check_rows_distinct(const struct rules_requirements *req, struct strbuf *err)
{
	size_t i, j;
	int rc = 0;
	for (i = 0; i < req->nrows; i++)
		for (j = i + 1; j < req->nrows; j++)
			if (req->rows[i].opened_by == req->rows[j].opened_by &&
			    req->rows[i].delivery == req->rows[j].delivery &&
			    (req->rows[i].claims & req->rows[j].claims)) {
				rules_xml_error(err, NULL, "case rows %zu and %zu overlap (same form, claim and delivery)",
						i + 1, j + 1);
				rc = -1;
			}
	for (i = 0; i < req->nrows; i++)
		if (!(req->rows[i].required & (1u << req->rows[i].opened_by))) {
			rules_xml_error(err, NULL, "case row %zu does not require the form that opens it",
					i + 1);
			rc = -1;
		}
	return rc;
}

int rules_requirements_parse(const char *buf, size_t len, struct rules_requirements **out,
			     struct strbuf *err)
{
	struct rules_requirements *req = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n, w;
	int rc = -1;

	*out = NULL;
	doc = rules_xml_load(buf, len, RULES_TABLE_MAX, "rules.xsd", err);
	if (!doc)
		goto out;
	root = xmlDocGetRootElement(doc);
	req = xcalloc(1, sizeof *req);
	for (n = root->children; n; n = n->next) {
		if (rules_xml_is(n, RULES_NS, "case"))
			parse_case(n, req);
		if (!rules_xml_is(n, RULES_NS, "exclusion"))
			continue;
		for (w = n->children; w; w = w->next) {
			char *whole;
			if (!rules_xml_is(w, RULES_NS, "word"))
				continue;
			req->words = xrealloc(req->words, (req->nwords + 1) * sizeof(*req->words));
			req->words[req->nwords].stem = rules_xml_attr(w, "stem");
			whole = rules_xml_attr(w, "whole");
			req->words[req->nwords].whole =
				whole && (strcmp(whole, "true") == 0 || strcmp(whole, "1") == 0);
			free(whole);
			req->nwords++;
		}
	}
	if (check_rows_distinct(req, err) != 0)
		goto out;
	*out = req;
	req = NULL;
	rc = 0;
out:
	rules_requirements_free(&req);
	if (doc)
		xmlFreeDoc(doc);
	return rc;
}

int rules_requirements_load(const char *path, struct rules_requirements **out,
			    struct strbuf *err)
{
	char *data = NULL, *dflt = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (!path)
		path = getenv("FAXINTAKE_RULES");
	if (!path || !*path) {
		/* beside the schemas folder: the source tree's rules/, or the
		 * installed PREFIX/share/faxintake/rules/ */
		dflt = util_path_join(xml_schemas_dir(), "../rules/requirements.xml");
		path = dflt;
	}
	if (util_read_file(path, RULES_TABLE_MAX, &data, &len) != 0) {
		sb_addf(err, "cannot read '%s': %s", path, strerror(errno));
		free(dflt);
		return -1;
	}
	rc = rules_requirements_parse(data, len, out, err);
	if (rc != 0)
		sb_addf(err, " (in '%s')", path);
	free(data);
	free(dflt);
	return rc;
}

void rules_requirements_free(struct rules_requirements **req)
{
	size_t i;
	if (!req || !*req)
		return;
	for (i = 0; i < (*req)->nwords; i++)
		free((*req)->words[i].stem);
	free((*req)->words);
	free((*req)->rows);
	free(*req);
	*req = NULL;
}

const struct rules_requirement *rules_requirements_find(const struct rules_requirements *req,
							enum ocr_doctype form,
							enum rules_claim claim,
							enum rules_delivery delivery)
{
	size_t i;
	for (i = 0; req && i < req->nrows; i++)
		if (req->rows[i].opened_by == form && req->rows[i].delivery == delivery &&
		    (req->rows[i].claims & (1u << claim)) && claim != RULES_CLAIM_NONE)
			return &req->rows[i];
	return NULL;
}

/* --- folding text --- */

/* Appends s folded: ASCII lower case letters and digits, accents removed
 * (Latin-1 supplement in UTF-8), every other character a word break; words
 * separated by one space. */
static void fold(const char *s, struct strbuf *out)
{
	/* base letters of U+00C0..U+00FF, '\0' where none */
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
				     "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
	const unsigned char *p = (const unsigned char *)s;
	bool space = true;

	while (p && *p) {
		char c = 0;
		if (*p < 0x80) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
				c = (char)*p;
			else if (*p >= 'A' && *p <= 'Z')
				c = (char)(*p - 'A' + 'a');
			p++;
		} else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			c = latin1[p[1] - 0x80];
			p += 2;
		} else {
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		}
		if (c) {
			sb_addc(out, c);
			space = false;
		} else if (!space) {
			sb_addc(out, ' ');
			space = true;
		}
	}
	if (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits a folded string in place into its words, sorted. */
static size_t fold_words(struct strbuf *sb, char ***words)
{
	size_t n = 0;
	char *tok, *save = NULL;
	*words = NULL;
	if (sb->len == 0)
		return 0;
	for (tok = strtok_r(sb->buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		*words = xrealloc(*words, (n + 1) * sizeof(char *));
		(*words)[n++] = tok;
	}
	if (n)
		qsort(*words, n, sizeof(char *), cmp_str);
	return n;
}

void rules_name_key(const char *name, struct strbuf *out)
{
	struct strbuf f = STRBUF_INIT;
	char **w = NULL;
	size_t n, i;

	fold(name ? name : "", &f);
	n = fold_words(&f, &w);
	for (i = 0; i < n; i++) {
		if (i)
			sb_addc(out, ' ');
		sb_adds(out, w[i]);
	}
	free(w);
	sb_release(&f);
}

bool rules_names_equal(const char *a, const char *b)
{
	struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
	bool eq;

	if (!a || !b)
		return false;
	rules_name_key(a, &ka);
	rules_name_key(b, &kb);
	eq = ka.len > 0 && ka.len == kb.len && !memcmp(ka.buf, kb.buf, ka.len);
	sb_release(&ka);
	sb_release(&kb);
	return eq;
}

bool rules_requirements_excluded(const struct rules_requirements *req, const char *text)
{
	struct strbuf f = STRBUF_INIT;
	char *tok, *save = NULL;
	bool hit = false;
	size_t i;

	if (!req || !text)
		return false;
	fold(text, &f);
	for (tok = f.len ? strtok_r(f.buf, " ", &save) : NULL; tok && !hit;
	     tok = strtok_r(NULL, " ", &save))
		for (i = 0; i < req->nwords && !hit; i++) {
			const struct rules_exclusion_word *w = &req->words[i];
			size_t n = strlen(w->stem);
			hit = w->whole ? strcmp(tok, w->stem) == 0 : strncmp(tok, w->stem, n) == 0;
		}
	sb_release(&f);
	return hit;
}

bool rules_text_equal(const char *a, const char *b)
{
	struct strbuf fa = STRBUF_INIT, fb = STRBUF_INIT;
	bool eq;

	if (!a || !b)
		return false;
	fold(a, &fa);
	fold(b, &fb);
	eq = fa.len == fb.len && (fa.len == 0 || strcmp(fa.buf, fb.buf) == 0);
	sb_release(&fa);
	sb_release(&fb);
	return eq;
}
