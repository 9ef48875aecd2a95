/*
 * registry - parsing, merging, serialising and querying the customer
 * registry (see registry.h).
 *
 * Failure policy: a registry file is untrusted input; anything wrong with
 * it is returned as -1 with line-numbered reasons and changes nothing.
 * Out of memory is fatal (xmalloc).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/util.h"
#include "rules/registry.h"
#include "rules/xmlsafe.h"

#define REGISTRY_NS "urn:faxintake:registry:1"

static const char *const role_names[] = {
	[RULES_ROLE_NONE] = "none",
	[RULES_ROLE_LEGAL_REPRESENTATIVE] = "legal-representative",
	[RULES_ROLE_ADMINISTRATOR] = "administrator",
	[RULES_ROLE_MANDATARIO] = "mandatario",
	[RULES_ROLE_MASTER] = "master",
	[RULES_ROLE_EMPLOYEE] = "employee",
};

const char *rules_role_name(enum rules_role r)
{
	if ((size_t)r >= ARRAY_SIZE(role_names))
		r = RULES_ROLE_NONE;
	return role_names[r];
}

enum rules_role rules_role_parse(const char *s)
{
	size_t i;
	for (i = 1; s && i < ARRAY_SIZE(role_names); i++)
		if (strcmp(s, role_names[i]) == 0)
			return (enum rules_role)i;
	return RULES_ROLE_NONE;
}

struct rules_registry *rules_registry_new(void)
{
	return xcalloc(1, sizeof(struct rules_registry));
}

static void person_clear(struct rules_person *p)
{
	size_t i;
	for (i = 0; i < p->nenabled; i++)
		free(p->enabled[i]);
	free(p->enabled);
	free(p->fiscal_code);
	free(p->name);
	memset(p, 0, sizeof *p);
}

static void line_clear(struct rules_line *l)
{
	free(l->number);
	free(l->imei);
	free(l->model);
	memset(l, 0, sizeof *l);
}

static void company_clear(struct rules_company *c)
{
	size_t i;
	for (i = 0; i < c->naddresses; i++)
		free(c->addresses[i].text);
	for (i = 0; i < c->npersons; i++)
		person_clear(&c->persons[i]);
	for (i = 0; i < c->nlines; i++)
		line_clear(&c->lines[i]);
	free(c->addresses);
	free(c->persons);
	free(c->lines);
	free(c->vat);
	free(c->name);
	memset(c, 0, sizeof *c);
}

void rules_registry_free(struct rules_registry **reg)
{
	size_t i;
	if (!reg || !*reg)
		return;
	for (i = 0; i < (*reg)->ncompanies; i++)
		company_clear(&(*reg)->companies[i]);
	free((*reg)->companies);
	free(*reg);
	*reg = NULL;
}

/* --- copying (merge works on deep copies of src's parts) --- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void person_copy(struct rules_person *dst, const struct rules_person *src)
{
	size_t i;
	dst->fiscal_code = xstrdup(src->fiscal_code);
	dst->name = xstrdup(src->name);
	dst->role = src->role;
	dst->nenabled = src->nenabled;
	dst->enabled = xcalloc(src->nenabled + 1, sizeof(char *));
	for (i = 0; i < src->nenabled; i++)
		dst->enabled[i] = xstrdup(src->enabled[i]);
}

static void line_copy(struct rules_line *dst, const struct rules_line *src)
{
	*dst = *src;
	dst->number = xstrdup(src->number);
	dst->imei = xstrdup(src->imei);
	dst->model = dup_or_null(src->model);
}

/* --- growing arrays --- */

#define GROW(arr, n) ((arr) = xrealloc((arr), ((n) + 1) * sizeof(*(arr))), &(arr)[(n)++])

/* A key (a company's VAT number, a line's number) and the position of its
 * company in a registry, sorted by key for bsearch: a CRM export of
 * 10,000 companies and 30,000 lines is merged without a search among all
 * for each of them. */
struct keyed {
	char *key;
	size_t at;
};

static int keyed_cmp(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static int keyed_key_cmp(const void *key, const void *el)
{
	return strcmp(key, ((const struct keyed *)el)->key);
}

static struct keyed *keyed_find(struct keyed *v, size_t n, const char *key)
{
	return n ? bsearch(key, v, n, sizeof *v, keyed_key_cmp) : NULL;
}

static void company_set_address(struct rules_company *c, time_t effective, const char *text)
{
	size_t i, j;
	for (i = 0; i < c->naddresses; i++)
		if (c->addresses[i].effective == effective) {
			free(c->addresses[i].text);
			c->addresses[i].text = xstrdup(text);
			return;
		}
	GROW(c->addresses, c->naddresses);
	/* keep the history sorted by effective time */
	for (j = c->naddresses - 1; j > 0 && c->addresses[j - 1].effective > effective; j--)
		c->addresses[j] = c->addresses[j - 1];
	c->addresses[j].effective = effective;
	c->addresses[j].text = xstrdup(text);
}

static void company_set_person(struct rules_company *c, const struct rules_person *p)
{
	size_t i;
	struct rules_person *slot = NULL;
	for (i = 0; i < c->npersons; i++)
		if (strcmp(c->persons[i].fiscal_code, p->fiscal_code) == 0) {
			slot = &c->persons[i];
			person_clear(slot);
			break;
		}
	if (!slot)
		slot = GROW(c->persons, c->npersons);
	person_copy(slot, p);
}

static void company_remove_line(struct rules_company *c, const char *number)
{
	for (size_t j = 0; j < c->nlines; j++)
		if (strcmp(c->lines[j].number, number) == 0) {
			line_clear(&c->lines[j]);
			memmove(&c->lines[j], &c->lines[j + 1], (c->nlines - j - 1) * sizeof(c->lines[0]));
			c->nlines--;
			return;
		}
}

void rules_registry_merge(struct rules_registry *dst, const struct rules_registry *src)
{
	size_t i, j, k, nvats = dst->ncompanies, nlines = 0;
	/* dst's companies and lines as they were; a VAT number's string is
	 * never freed here, a line's number is (when it moves): copied */
	struct keyed *vats = xmalloc((nvats + 1) * sizeof *vats);
	struct keyed *lines;
	size_t *where = xmalloc((src->ncompanies + 1) * sizeof *where);

	for (i = 0; i < nvats; i++) {
		vats[i].key = dst->companies[i].vat;
		vats[i].at = i;
		nlines += dst->companies[i].nlines;
	}
	qsort(vats, nvats, sizeof *vats, keyed_cmp);
	lines = xmalloc((nlines + 1) * sizeof *lines);
	for (i = 0, k = 0; i < dst->ncompanies; i++)
		for (j = 0; j < dst->companies[i].nlines; j++, k++) {
			lines[k].key = xstrdup(dst->companies[i].lines[j].number);
			lines[k].at = i;
		}
	qsort(lines, nlines, sizeof *lines, keyed_cmp);

	if (src->generated > dst->generated)
		dst->generated = src->generated;
	for (i = 0; i < src->ncompanies; i++) {
		const struct rules_company *s = &src->companies[i];
		struct keyed *v = keyed_find(vats, nvats, s->vat);
		struct rules_company *d;
		if (v) {
			d = &dst->companies[v->at];
			where[i] = v->at;
		} else {
			where[i] = dst->ncompanies;
			d = GROW(dst->companies, dst->ncompanies);
			memset(d, 0, sizeof *d);
			d->vat = xstrdup(s->vat);
		}
		free(d->name);
		d->name = xstrdup(s->name);
		for (j = 0; j < s->naddresses; j++)
			company_set_address(d, s->addresses[j].effective, s->addresses[j].text);
		for (j = 0; j < s->npersons; j++)
			company_set_person(d, &s->persons[j]);
	}
	/* Lines after companies: a line moves with the company that names it
	 * (src names each line once: its parse refuses a line named twice). */
	for (i = 0; i < src->ncompanies; i++) {
		const struct rules_company *s = &src->companies[i];
		struct rules_company *d = &dst->companies[where[i]];
		for (j = 0; j < s->nlines; j++) {
			struct keyed *l = keyed_find(lines, nlines, s->lines[j].number);
			if (l) {
				company_remove_line(&dst->companies[l->at], l->key);
				l->at = where[i];
			}
			line_copy(GROW(d->lines, d->nlines), &s->lines[j]);
		}
	}
	for (k = 0; k < nlines; k++)
		free(lines[k].key);
	free(lines);
	free(vats);
	free(where);
}

/* --- parsing --- */

static int parse_time_attr(xmlNodePtr n, const char *name, time_t *out, struct strbuf *err)
{
	char *v = rules_xml_attr(n, name);
	int rc = 0;
	if (!v || util_parse_iso(v, out) != 0) {
		rules_xml_error(err, n, "bad %s time '%s'", name, v ? v : "");
		rc = -1;
	}
	free(v);
	return rc;
}

static void copy_date_attr(xmlNodePtr n, const char *name, char out[11])
{
	char *v = rules_xml_attr(n, name);
	snprintf(out, 11, "%s", v ? v : "");
	free(v);
}

static int parse_person(xmlNodePtr n, struct rules_company *c)
{
	struct rules_person *p = GROW(c->persons, c->npersons);
	xmlNodePtr e;
	char *role;

	memset(p, 0, sizeof *p);
	p->fiscal_code = rules_xml_attr(n, "fiscal-code");
	p->name = rules_xml_attr(n, "name");
	role = rules_xml_attr(n, "role");
	p->role = rules_role_parse(role);
	free(role);
	for (e = n->children; e; e = e->next)
		if (rules_xml_is(e, REGISTRY_NS, "enabled"))
			*GROW(p->enabled, p->nenabled) = rules_xml_attr(e, "line");
	return 0;
}

static int parse_line(xmlNodePtr n, struct rules_company *c, struct strbuf *err)
{
	struct rules_line *l = GROW(c->lines, c->nlines);

	memset(l, 0, sizeof *l);
	l->number = rules_xml_attr(n, "number");
	l->imei = rules_xml_attr(n, "imei");
	l->model = rules_xml_attr(n, "model");
	copy_date_attr(n, "coverage-start", l->coverage_start);
	copy_date_attr(n, "coverage-end", l->coverage_end);
	if (strcmp(l->coverage_end, l->coverage_start) < 0) {
		rules_xml_error(err, n, "line '%s': coverage ends (%s) before it starts (%s)",
				l->number, l->coverage_end, l->coverage_start);
		return -1;
	}
	return 0;
}

static int parse_company(xmlNodePtr n, struct rules_registry *reg, struct strbuf *err)
{
	struct rules_company *c;
	xmlNodePtr e;
	int rc = 0;
	char *vat = rules_xml_attr(n, "vat");

	/* named once: check_unique */
	c = GROW(reg->companies, reg->ncompanies);
	memset(c, 0, sizeof *c);
	c->vat = vat;
	c->name = rules_xml_attr(n, "name");
	for (e = n->children; e; e = e->next) {
		if (rules_xml_is(e, REGISTRY_NS, "address")) {
			time_t t;
			xmlChar *text;
			if (parse_time_attr(e, "effective", &t, err) != 0) {
				rc = -1;
				continue;
			}
			text = xmlNodeGetContent(e);
			company_set_address(c, t, text ? (const char *)text : "");
			xmlFree(text);
		} else if (rules_xml_is(e, REGISTRY_NS, "person")) {
			if (parse_person(e, c) != 0)
				rc = -1;
		} else if (rules_xml_is(e, REGISTRY_NS, "line")) {
			if (parse_line(e, c, err) != 0)
				rc = -1;
		}
	}
	return rc;
}

/* An element's key (a company's VAT number, a line's number) and where it
 * stands, for finding a key named twice. */
struct named_at {
	xmlChar *key;
	xmlNodePtr node;
	size_t order;		/* document order */
};

struct named_list {
	struct named_at *at;
	size_t n, cap;
};

static int named_at_cmp(const void *a, const void *b)
{
	const struct named_at *x = a, *y = b;
	int c = strcmp((const char *)x->key, (const char *)y->key);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Adds the key attribute of every element `name` among the siblings from
 * first on. */
static void named_collect(struct named_list *l, xmlNodePtr first, const char *name,
			  const char *key)
{
	for (xmlNodePtr e = first; e; e = e->next) {
		xmlChar *v;
		if (!rules_xml_is(e, REGISTRY_NS, name) ||
		    !(v = xmlGetNoNsProp(e, (const xmlChar *)key)))
			continue;
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			l->at = xrealloc(l->at, l->cap * sizeof *l->at);
		}
		l->at[l->n] = (struct named_at){ v, e, l->n };
		l->n++;
	}
}

/* Reports each later naming of a key against its first, and empties l.
 * The keys are sorted, so that a CRM export of tens of thousands of
 * companies and lines is checked in a moment (comparing every pair took
 * minutes at 30,000 lines, and a second at 10,000 companies, on every
 * import and every derivation, which parses the stored registry again). */
static int named_check(struct named_list *l, const char *what, struct strbuf *err)
{
	int rc = 0;
	if (l->n > 1)
		qsort(l->at, l->n, sizeof *l->at, named_at_cmp);
	for (size_t k = 1, first = 0; k < l->n; k++) {
		if (!xmlStrEqual(l->at[k].key, l->at[first].key)) {
			first = k;
			continue;
		}
		rules_xml_error(err, l->at[k].node, "%s '%s' already named at line %ld", what,
				(const char *)l->at[k].key, xmlGetLineNo(l->at[first].node));
		rc = -1;
	}
	for (size_t k = 0; k < l->n; k++)
		xmlFree(l->at[k].key);
	free(l->at);
	memset(l, 0, sizeof *l);
	return rc;
}

/* The schema's xs:unique covers most duplicates; a line named under two
 * companies is caught here with both places, and so (again) is a company
 * named twice. */
static int check_unique(xmlNodePtr root, struct strbuf *err)
{
	struct named_list l = { 0 };
	named_collect(&l, root->children, "company", "vat");
	int rc = named_check(&l, "company", err);
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (rules_xml_is(c, REGISTRY_NS, "company"))
			named_collect(&l, c->children, "line", "number");
	return named_check(&l, "line", err) || rc ? -1 : 0;
}

int rules_registry_parse(const char *buf, size_t len, size_t max, struct rules_registry **out,
			 struct strbuf *err)
{
	struct rules_registry *reg = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	int rc = -1;

	*out = NULL;
	doc = rules_xml_load(buf, len, max, "registry.xsd", err);
	if (!doc)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (check_unique(root, err) != 0)
		goto out;
	reg = rules_registry_new();
	{
		char *gen = rules_xml_attr(root, "generated");
		if (gen && util_parse_iso(gen, &reg->generated) != 0)
			reg->generated = 0;
		free(gen);
	}
	rc = 0;
	for (n = root->children; n; n = n->next)
		if (rules_xml_is(n, REGISTRY_NS, "company") && parse_company(n, reg, err) != 0)
			rc = -1;
	if (rc == 0) {
		*out = reg;
		reg = NULL;
	}
out:
	rules_registry_free(&reg);
	if (doc)
		xmlFreeDoc(doc);
	return rc;
}

/* --- serialising --- */

void rules_registry_to_xml(const struct rules_registry *reg, struct strbuf *out)
{
	char t[40];
	size_t i, j, k;

	sb_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<registry xmlns=\"" REGISTRY_NS "\"");
	if (reg->generated)
		rules_xml_add_attr(out, "generated", util_format_iso(reg->generated, t, sizeof t));
	sb_adds(out, ">\n");
	for (i = 0; i < reg->ncompanies; i++) {
		const struct rules_company *c = &reg->companies[i];
		sb_adds(out, "  <company");
		rules_xml_add_attr(out, "vat", c->vat);
		rules_xml_add_attr(out, "name", c->name);
		sb_adds(out, ">\n");
		for (j = 0; j < c->naddresses; j++) {
			sb_adds(out, "    <address");
			rules_xml_add_attr(out, "effective", util_format_iso(c->addresses[j].effective, t, sizeof t));
			sb_adds(out, ">");
			sb_add_xml(out, c->addresses[j].text);
			sb_adds(out, "</address>\n");
		}
		for (j = 0; j < c->npersons; j++) {
			const struct rules_person *p = &c->persons[j];
			sb_adds(out, "    <person");
			rules_xml_add_attr(out, "fiscal-code", p->fiscal_code);
			rules_xml_add_attr(out, "name", p->name);
			rules_xml_add_attr(out, "role", rules_role_name(p->role));
			if (p->nenabled == 0) {
				sb_adds(out, "/>\n");
				continue;
			}
			sb_adds(out, ">\n");
			for (k = 0; k < p->nenabled; k++) {
				sb_adds(out, "      <enabled");
				rules_xml_add_attr(out, "line", p->enabled[k]);
				sb_adds(out, "/>\n");
			}
			sb_adds(out, "    </person>\n");
		}
		for (j = 0; j < c->nlines; j++) {
			const struct rules_line *l = &c->lines[j];
			sb_adds(out, "    <line");
			rules_xml_add_attr(out, "number", l->number);
			rules_xml_add_attr(out, "imei", l->imei);
			rules_xml_add_attr(out, "model", l->model);
			rules_xml_add_attr(out, "coverage-start", l->coverage_start);
			rules_xml_add_attr(out, "coverage-end", l->coverage_end);
			sb_adds(out, "/>\n");
		}
		sb_adds(out, "  </company>\n");
	}
	sb_adds(out, "</registry>\n");
}

/* --- lookups --- */

const struct rules_company *rules_registry_company(const struct rules_registry *reg,
						   const char *vat)
{
	size_t i;
	for (i = 0; reg && vat && i < reg->ncompanies; i++)
		if (strcmp(reg->companies[i].vat, vat) == 0)
			return &reg->companies[i];
	return NULL;
}

const struct rules_line *rules_registry_line(const struct rules_registry *reg, const char *number,
					     const struct rules_company **company)
{
	size_t i, j;
	for (i = 0; reg && number && i < reg->ncompanies; i++)
		for (j = 0; j < reg->companies[i].nlines; j++)
			if (strcmp(reg->companies[i].lines[j].number, number) == 0) {
				if (company)
					*company = &reg->companies[i];
				return &reg->companies[i].lines[j];
			}
	return NULL;
}

const struct rules_person *rules_registry_person(const struct rules_company *company,
						 const char *fiscal_code)
{
	size_t i;
	for (i = 0; company && fiscal_code && i < company->npersons; i++)
		if (strcasecmp(company->persons[i].fiscal_code, fiscal_code) == 0)
			return &company->persons[i];
	return NULL;
}

const struct rules_address *rules_registry_address_at(const struct rules_company *company,
						      time_t t)
{
	const struct rules_address *best = NULL;
	size_t i;
	for (i = 0; company && i < company->naddresses; i++)
		if (company->addresses[i].effective <= t)
			best = &company->addresses[i];
	return best;
}

bool rules_person_may_sign(const struct rules_person *p, const char *line)
{
	size_t i;
	if (!p)
		return false;
	switch (p->role) {
	case RULES_ROLE_LEGAL_REPRESENTATIVE:
	case RULES_ROLE_ADMINISTRATOR:
	case RULES_ROLE_MANDATARIO:
	case RULES_ROLE_MASTER:
		return true;
	case RULES_ROLE_EMPLOYEE:
		for (i = 0; line && i < p->nenabled; i++)
			if (strcmp(p->enabled[i], line) == 0)
				return true;
		return false;
	default:
		return false;
	}
}
