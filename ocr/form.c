/*
 * form - loads the form descriptions (schemas/forms/<CODE>.xml) and lends
 * their geometry to the renderer, the fax generator and the reader.
 *
 * Failure policy: a description is our own data, but it is still parsed as
 * untrusted XML (no network, no DTD, no entities, bounded size). Anything
 * wrong with it - unreadable, invalid against form.xsd, geometry off the
 * page, a missing header line - refuses the whole form: NULL and the reason
 * in err. Nothing here logs; the caller decides how bad it is (at start-up,
 * fatal).
 */
#include "ocr/form.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "common/util.h"
#include "common/xml.h"

#define FORM_NS "urn:faxintake:form:1"
#define FORM_MAX_BYTES (256 * 1024)

/* Every allocation of a form sits in its pool, so that one free releases
 * all and the lent structures can point anywhere inside. */
struct form_pool {
	void **blocks;
	size_t n, alloc;
};

struct ocr_form {
	const char *code;
	enum ocr_doctype type;
	double width, height;
	struct ocr_form_style style;
	struct ocr_form_rect marks[4];
	struct ocr_form_text *texts;
	size_t ntexts;
	struct ocr_form_box *boxes;
	size_t nboxes;
	struct ocr_form_choice *choices;
	size_t nchoices;
	struct form_pool pool;
};

static const char *const content_names[OCR_FORM_NCONTENTS] = {
	[OCR_FORM_TEXT] = "text",
	[OCR_FORM_NAME] = "name",
	[OCR_FORM_ADDRESS] = "address",
	[OCR_FORM_DIGITS] = "digits",
	[OCR_FORM_VAT] = "vat",
	[OCR_FORM_IMEI] = "imei",
	[OCR_FORM_LINE] = "line",
	[OCR_FORM_FISCAL_CODE] = "fiscal-code",
	[OCR_FORM_DATE] = "date",
	[OCR_FORM_PHONE] = "phone",
	[OCR_FORM_ROLE] = "role",
	[OCR_FORM_PLACE_DATE] = "place-date",
	[OCR_FORM_SIGNATURE] = "signature",
};

static const char *const known_codes[] = { "AR-SEDE-01", "AR-BLOCCO-01", NULL };

const char *ocr_form_content_name(enum ocr_form_content c)
{
	if ((int)c < 0 || c >= OCR_FORM_NCONTENTS)
		return "?";
	return content_names[c];
}

const char *const *ocr_form_codes(void)
{
	return known_codes;
}

/* --- folders --- */

static char schema_dir[PATH_MAX];
static char forms_dir[PATH_MAX + 8];
static pthread_once_t dir_once = PTHREAD_ONCE_INIT;

/* The schemas folder of common/xml (which may have been set by xml_init),
 * fixed at first use. */
static void dir_init(void)
{
	snprintf(schema_dir, sizeof(schema_dir), "%s", xml_schemas_dir());
	snprintf(forms_dir, sizeof(forms_dir), "%s/forms", schema_dir);
}

const char *ocr_form_dir(void)
{
	pthread_once(&dir_once, dir_init);
	return forms_dir;
}

const char *ocr_form_schema_dir(void)
{
	pthread_once(&dir_once, dir_init);
	return schema_dir;
}

/* --- pool --- */

static void *pool_alloc(struct ocr_form *f, size_t n)
{
	struct form_pool *p = &f->pool;
	void *m = xcalloc(1, n ? n : 1);

	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 64;
		p->blocks = xrealloc(p->blocks, p->alloc * sizeof(*p->blocks));
	}
	p->blocks[p->n++] = m;
	return m;
}

static char *pool_strdup(struct ocr_form *f, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = pool_alloc(f, n);

	memcpy(d, s, n);
	return d;
}

void ocr_form_free(struct ocr_form **fp)
{
	struct ocr_form *f;

	if (!fp || !*fp)
		return;
	f = *fp;
	for (size_t i = 0; i < f->pool.n; i++)
		free(f->pool.blocks[i]);
	free(f->pool.blocks);
	free(f);
	*fp = NULL;
}

/* --- libxml2 glue --- */

static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlSchemaPtr form_schema;

/* Parses form.xsd once; later calls reuse it. */
static xmlSchemaPtr schema_get(struct strbuf *err)
{
	struct strbuf msg = STRBUF_INIT;
	xmlSchemaPtr s;

	pthread_mutex_lock(&schema_lock);
	if (!form_schema) {
		ocr_form_dir();
		form_schema = xml_schema_load("form.xsd", &msg);
		if (!form_schema)
			sb_addf(err, "cannot load schema form.xsd: %s", msg.buf);
	}
	s = form_schema;
	pthread_mutex_unlock(&schema_lock);
	sb_release(&msg);
	return s;
}

static bool is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, FORM_NS) &&
	       (!name || !strcmp((const char *)n->name, name));
}

/* Attribute as a pool string, or NULL when absent. */
static const char *attr(struct ocr_form *f, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *s;

	if (!v)
		return NULL;
	s = pool_strdup(f, (const char *)v);
	xmlFree(v);
	return s;
}

/* Numeric attribute; the schema has checked its syntax and range. */
static double attr_num(xmlNode *n, const char *name, double dflt)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	double d = dflt;

	if (v) {
		d = strtod((const char *)v, NULL);
		xmlFree(v);
	}
	return d;
}

static bool attr_bool(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	bool b = v && (!strcmp((const char *)v, "true") || !strcmp((const char *)v, "1"));

	xmlFree(v);
	return b;
}

static const char *content_text(struct ocr_form *f, xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *s = pool_strdup(f, v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

static size_t count_children(xmlNode *n, const char *name)
{
	size_t k = 0;

	for (xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, name))
			k++;
	return k;
}

/* --- building the form from a valid tree --- */

static void read_style(struct ocr_form *f, xmlNode *n)
{
	struct ocr_form_style *s = &f->style;

	s->line_width = attr_num(n, "line-width", 0.3);
	s->label_size = attr_num(n, "label-size", 8);
	s->label_gap = attr_num(n, "label-gap", 1.2);
	s->checkbox = attr_num(n, "checkbox", 5);
	s->caption_gap = attr_num(n, "caption-gap", 3);
	s->caption_size = attr_num(n, "caption-size", 9);
	s->caption_leading = attr_num(n, "caption-leading", 4);
}

static void read_marks(struct ocr_form *f, xmlNode *n)
{
	double size = attr_num(n, "size", 5);
	int i = 0;

	for (xmlNode *c = n->children; c && i < 4; c = c->next) {
		if (!is_elem(c, "mark"))
			continue;
		f->marks[i].x = attr_num(c, "x", 0);
		f->marks[i].y = attr_num(c, "y", 0);
		f->marks[i].w = size;
		f->marks[i].h = size;
		i++;
	}
}

static void read_text(struct ocr_form *f, xmlNode *n, struct ocr_form_text *t)
{
	xmlChar *role = xmlGetProp(n, (const xmlChar *)"role");

	t->role = OCR_FORM_NOTE;
	if (role && !strcmp((const char *)role, "service"))
		t->role = OCR_FORM_SERVICE;
	else if (role && !strcmp((const char *)role, "title"))
		t->role = OCR_FORM_TITLE;
	else if (role && !strcmp((const char *)role, "code"))
		t->role = OCR_FORM_CODE;
	xmlFree(role);
	t->text = content_text(f, n);
	t->x = attr_num(n, "x", 0);
	t->y = attr_num(n, "y", 0);
	t->size = attr_num(n, "size", 10);
	t->bold = attr_bool(n, "bold");
}

static void read_rect(xmlNode *n, struct ocr_form_rect *r)
{
	r->x = attr_num(n, "x", 0);
	r->y = attr_num(n, "y", 0);
	r->w = attr_num(n, "w", 0);
	r->h = attr_num(n, "h", 0);
}

static void read_box(struct ocr_form *f, xmlNode *n, struct ocr_form_box *b)
{
	const char *content = attr(f, n, "content");
	const char *fields = attr(f, n, "fields");
	struct ocr_form_value *vals;
	const char **names;
	size_t k = 0;

	b->name = attr(f, n, "name");
	b->label = attr(f, n, "label");
	read_rect(n, &b->r);
	b->content = OCR_FORM_TEXT;
	for (int c = 0; c < OCR_FORM_NCONTENTS; c++)
		if (content && !strcmp(content, content_names[c]))
			b->content = (enum ocr_form_content)c;
	b->lines = (int)attr_num(n, "lines", 1);

	/* fields="place date": a whitespace-separated list (xs:list). */
	if (fields) {
		char *copy = pool_strdup(f, fields), *save = NULL;

		names = pool_alloc(f, (strlen(fields) / 2 + 2) * sizeof(*names));
		for (char *w = strtok_r(copy, " \t\r\n", &save); w;
		     w = strtok_r(NULL, " \t\r\n", &save))
			names[k++] = w;
	} else {
		names = pool_alloc(f, 2 * sizeof(*names));
		names[k++] = b->name;
	}
	b->fields = names;
	b->nfields = k;

	b->nvalues = count_children(n, "value");
	vals = pool_alloc(f, (b->nvalues + 1) * sizeof(*vals));
	k = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!is_elem(c, "value"))
			continue;
		vals[k].code = attr(f, c, "code");
		vals[k].text = content_text(f, c);
		k++;
	}
	b->values = vals;
}

static void read_captions(struct ocr_form *f, xmlNode *n, struct ocr_form_option *o)
{
	const char **cap;
	size_t k = 0;

	o->ncaption = count_children(n, "caption");
	cap = pool_alloc(f, (o->ncaption + 1) * sizeof(*cap));
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, "caption"))
			cap[k++] = content_text(f, c);
	o->caption = cap;
}

static void read_option(struct ocr_form *f, xmlNode *n, struct ocr_form_option *o,
			const char *value)
{
	o->value = value ? value : attr(f, n, "value");
	o->r.x = attr_num(n, "x", 0);
	o->r.y = attr_num(n, "y", 0);
	o->r.w = o->r.h = f->style.checkbox;
	read_captions(f, n, o);
}

static void read_choice(struct ocr_form *f, xmlNode *n, struct ocr_form_choice *ch)
{
	struct ocr_form_option *opts;
	size_t k = 0;

	ch->name = attr(f, n, "name");
	if (is_elem(n, "flag")) {
		/* A flag is its own single option, valued "true" when ticked. */
		ch->flag = true;
		ch->label = NULL;
		opts = pool_alloc(f, sizeof(*opts));
		read_option(f, n, opts, "true");
		ch->options = opts;
		ch->noptions = 1;
		return;
	}
	ch->label = attr(f, n, "label");
	ch->noptions = count_children(n, "option");
	opts = pool_alloc(f, ch->noptions * sizeof(*opts));
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, "option"))
			read_option(f, c, &opts[k++], NULL);
	ch->options = opts;
}

static void build(struct ocr_form *f, xmlNode *root)
{
	size_t nt = count_children(root, "text"), nb = count_children(root, "box");
	size_t nc = count_children(root, "choice") + count_children(root, "flag");
	const char *type = attr(f, root, "type");

	f->code = attr(f, root, "code");
	f->type = OCR_DOC_UNKNOWN;
	if (type && !strcmp(type, "onsite"))
		f->type = OCR_DOC_ONSITE;
	else if (type && !strcmp(type, "block"))
		f->type = OCR_DOC_BLOCK;
	f->width = attr_num(root, "width", 210);
	f->height = attr_num(root, "height", 297);
	f->texts = pool_alloc(f, (nt + 1) * sizeof(*f->texts));
	f->boxes = pool_alloc(f, (nb + 1) * sizeof(*f->boxes));
	f->choices = pool_alloc(f, (nc + 1) * sizeof(*f->choices));

	for (xmlNode *c = root->children; c; c = c->next) {
		if (is_elem(c, "style"))
			read_style(f, c);
		else if (is_elem(c, "marks"))
			read_marks(f, c);
		else if (is_elem(c, "text"))
			read_text(f, c, &f->texts[f->ntexts++]);
		else if (is_elem(c, "box"))
			read_box(f, c, &f->boxes[f->nboxes++]);
		else if (is_elem(c, "choice") || is_elem(c, "flag"))
			read_choice(f, c, &f->choices[f->nchoices++]);
	}
}

/* --- rules the schema cannot say --- */

static bool rect_inside(const struct ocr_form *f, const struct ocr_form_rect *r)
{
	return r->x >= 0 && r->y >= 0 && r->x + r->w <= f->width && r->y + r->h <= f->height;
}

/* Appends the first broken rule to err; returns 0 when all hold. */
static int check_rules(const struct ocr_form *f, struct strbuf *err)
{
	const struct ocr_form_text *code;
	const struct ocr_form_rect *m = f->marks;
	size_t nsig = 0;

	if (f->type == OCR_DOC_UNKNOWN) {
		sb_addf(err, "form '%s': type must be onsite or block", f->code);
		return -1;
	}
	for (int r = OCR_FORM_SERVICE; r <= OCR_FORM_CODE; r++) {
		size_t k = 0;

		for (size_t i = 0; i < f->ntexts; i++)
			k += f->texts[i].role == (enum ocr_form_text_role)r;
		if (k != 1) {
			sb_addf(err, "form '%s': needs exactly one header line of role %s", f->code,
				r == OCR_FORM_SERVICE ? "service" : r == OCR_FORM_TITLE ? "title" : "code");
			return -1;
		}
	}
	code = ocr_form_text_by_role(f, OCR_FORM_CODE);
	if (strncmp(code->text, "MOD. ", 5) || strcmp(code->text + 5, f->code)) {
		sb_addf(err, "form '%s': printed code '%s' is not 'MOD. %s'", f->code, code->text,
			f->code);
		return -1;
	}
	/* Marks: top-left, top-right, bottom-left, bottom-right. */
	if (!(m[0].x < m[1].x && m[2].x < m[3].x && m[0].y < m[2].y && m[1].y < m[3].y)) {
		sb_addf(err, "form '%s': marks must be top-left, top-right, bottom-left, bottom-right",
			f->code);
		return -1;
	}
	for (int i = 0; i < 4; i++)
		if (!rect_inside(f, &m[i])) {
			sb_addf(err, "form '%s': mark %d lies outside the page", f->code, i + 1);
			return -1;
		}
	for (size_t i = 0; i < f->nboxes; i++) {
		const struct ocr_form_box *b = &f->boxes[i];

		if (!rect_inside(f, &b->r)) {
			sb_addf(err, "form '%s': box '%s' lies outside the page", f->code, b->name);
			return -1;
		}
		if ((b->content == OCR_FORM_ROLE) != (b->nvalues > 0)) {
			sb_addf(err, "form '%s': box '%s': values belong to, and only to, a role box",
				f->code, b->name);
			return -1;
		}
		if ((b->content == OCR_FORM_PLACE_DATE) != (b->nfields == 2)) {
			sb_addf(err, "form '%s': box '%s': a place-date box yields two fields, others one",
				f->code, b->name);
			return -1;
		}
		nsig += b->content == OCR_FORM_SIGNATURE;
	}
	if (nsig != 1) {
		sb_addf(err, "form '%s': needs exactly one signature box", f->code);
		return -1;
	}
	for (size_t i = 0; i < f->nchoices; i++) {
		const struct ocr_form_choice *ch = &f->choices[i];

		for (size_t j = 0; j < ch->noptions; j++) {
			if (!rect_inside(f, &ch->options[j].r)) {
				sb_addf(err, "form '%s': checkbox '%s' lies outside the page", f->code,
					ch->name);
				return -1;
			}
			for (size_t k = 0; k < j; k++)
				if (!strcmp(ch->options[k].value, ch->options[j].value)) {
					sb_addf(err, "form '%s': '%s' has two options valued '%s'",
						f->code, ch->name, ch->options[j].value);
					return -1;
				}
		}
	}
	return 0;
}

/* A document field may come from one place only. */
static int check_field_names(const struct ocr_form *f, struct strbuf *err)
{
	const char *seen[128];
	size_t n = 0;

	for (size_t i = 0; i < f->nboxes + f->nchoices; i++) {
		const char *const *names;
		size_t k;

		if (i < f->nboxes) {
			names = f->boxes[i].fields;
			k = f->boxes[i].nfields;
		} else {
			names = &f->choices[i - f->nboxes].name;
			k = 1;
		}
		for (size_t j = 0; j < k; j++) {
			for (size_t s = 0; s < n; s++)
				if (!strcmp(seen[s], names[j])) {
					sb_addf(err, "form '%s': field '%s' comes from two places",
						f->code, names[j]);
					return -1;
				}
			if (n == ARRAY_SIZE(seen)) {
				sb_addf(err, "form '%s': too many fields", f->code);
				return -1;
			}
			seen[n++] = names[j];
		}
	}
	return 0;
}

/* --- loading --- */

struct ocr_form *ocr_form_load(const char *path, struct strbuf *err)
{
	struct ocr_form *f = NULL;
	struct strbuf msg = STRBUF_INIT;
	xmlSchemaPtr schema;
	xmlDocPtr doc = NULL;
	char *data = NULL;
	size_t len = 0;

	if (util_read_file(path, FORM_MAX_BYTES, &data, &len) < 0) {
		sb_addf(err, "cannot read form description '%s': %s", path, strerror(errno));
		goto fail;
	}
	schema = schema_get(err);
	if (!schema)
		goto fail;
	doc = xml_parse_untrusted(data, len, FORM_MAX_BYTES, &msg);
	if (!doc) {
		sb_addf(err, "cannot parse form description '%s': %s", path, msg.buf);
		goto fail;
	}
	if (xml_validate(schema, doc, &msg) < 0) {
		sb_addf(err, "form description '%s' is not valid: %s", path, msg.buf);
		goto fail;
	}
	f = xcalloc(1, sizeof(*f));
	build(f, xmlDocGetRootElement(doc));
	if (check_rules(f, err) < 0 || check_field_names(f, err) < 0)
		goto fail;
	goto out;
fail:
	ocr_form_free(&f);
out:
	if (doc)
		xmlFreeDoc(doc);
	free(data);
	sb_release(&msg);
	return f;
}

static bool code_ok(const char *code)
{
	if (!code || !*code || strlen(code) > 32)
		return false;
	for (const char *p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

struct ocr_form *ocr_form_load_code(const char *code, struct strbuf *err)
{
	struct ocr_form *f;
	char *path;

	if (!code_ok(code)) {
		sb_adds(err, "bad form code '");
		sb_adds(err, code ? code : "");
		sb_adds(err, "'");
		return NULL;
	}
	path = xmalloc(strlen(ocr_form_dir()) + strlen(code) + 6);
	sprintf(path, "%s/%s.xml", ocr_form_dir(), code);
	f = ocr_form_load(path, err);
	if (f && strcmp(f->code, code)) {
		sb_addf(err, "form description '%s' holds form '%s'", path, f->code);
		ocr_form_free(&f);
	}
	free(path);
	return f;
}

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ocr_form *cache[8];

const struct ocr_form *ocr_form_get(const char *code, struct strbuf *err)
{
	struct ocr_form *f = NULL;
	size_t i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ARRAY_SIZE(cache) && cache[i]; i++)
		if (code && !strcmp(cache[i]->code, code)) {
			f = cache[i];
			goto out;
		}
	f = ocr_form_load_code(code, err);
	if (!f)
		goto out;
	if (i == ARRAY_SIZE(cache)) {
		sb_adds(err, "too many form descriptions");
		ocr_form_free(&f);
		goto out;
	}
	cache[i] = f;
out:
	pthread_mutex_unlock(&cache_lock);
	return f;
}

/* --- accessors --- */

const char *ocr_form_code(const struct ocr_form *f) { return f->code; }
enum ocr_doctype ocr_form_type(const struct ocr_form *f) { return f->type; }
double ocr_form_width(const struct ocr_form *f) { return f->width; }
double ocr_form_height(const struct ocr_form *f) { return f->height; }
const struct ocr_form_style *ocr_form_style(const struct ocr_form *f) { return &f->style; }

struct ocr_form_rect ocr_form_mark(const struct ocr_form *f, int i)
{
	struct ocr_form_rect none = { 0, 0, 0, 0 };

	return i >= 0 && i < 4 ? f->marks[i] : none;
}

size_t ocr_form_ntexts(const struct ocr_form *f) { return f->ntexts; }

const struct ocr_form_text *ocr_form_text(const struct ocr_form *f, size_t i)
{
	return i < f->ntexts ? &f->texts[i] : NULL;
}

const struct ocr_form_text *ocr_form_text_by_role(const struct ocr_form *f,
						  enum ocr_form_text_role role)
{
	for (size_t i = 0; i < f->ntexts; i++)
		if (f->texts[i].role == role)
			return &f->texts[i];
	return NULL;
}

size_t ocr_form_nboxes(const struct ocr_form *f) { return f->nboxes; }

const struct ocr_form_box *ocr_form_box(const struct ocr_form *f, size_t i)
{
	return i < f->nboxes ? &f->boxes[i] : NULL;
}

const struct ocr_form_box *ocr_form_box_by_name(const struct ocr_form *f, const char *name)
{
	for (size_t i = 0; i < f->nboxes; i++)
		if (!strcmp(f->boxes[i].name, name))
			return &f->boxes[i];
	return NULL;
}

const struct ocr_form_box *ocr_form_signature(const struct ocr_form *f)
{
	for (size_t i = 0; i < f->nboxes; i++)
		if (f->boxes[i].content == OCR_FORM_SIGNATURE)
			return &f->boxes[i];
	return NULL;
}

size_t ocr_form_nchoices(const struct ocr_form *f) { return f->nchoices; }

const struct ocr_form_choice *ocr_form_choice(const struct ocr_form *f, size_t i)
{
	return i < f->nchoices ? &f->choices[i] : NULL;
}

const struct ocr_form_choice *ocr_form_choice_by_name(const struct ocr_form *f, const char *name)
{
	for (size_t i = 0; i < f->nchoices; i++)
		if (!strcmp(f->choices[i].name, name))
			return &f->choices[i];
	return NULL;
}

int ocr_form_field_source(const struct ocr_form *f, const char *field,
			  const struct ocr_form_box **box, const struct ocr_form_choice **choice)
{
	if (box)
		*box = NULL;
	if (choice)
		*choice = NULL;
	for (size_t i = 0; i < f->nboxes; i++)
		for (size_t j = 0; j < f->boxes[i].nfields; j++)
			if (!strcmp(f->boxes[i].fields[j], field)) {
				if (box)
					*box = &f->boxes[i];
				return 0;
			}
	for (size_t i = 0; i < f->nchoices; i++)
		if (!strcmp(f->choices[i].name, field)) {
			if (choice)
				*choice = &f->choices[i];
			return 0;
		}
	return -1;
}

/* Compares ignoring case and runs of white space. */
static bool loose_equal(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' && (a[1] == ' ' || a[1] == '\0'))
			a++;
		while (*b == ' ' && (b[1] == ' ' || b[1] == '\0'))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (strncasecmp(a, b, 1))
			return false;
		a++;
		b++;
	}
}

const char *ocr_form_value_code(const struct ocr_form_box *b, const char *text)
{
	while (text && *text == ' ')
		text++;
	for (size_t i = 0; text && i < b->nvalues; i++)
		if (loose_equal(b->values[i].text, text))
			return b->values[i].code;
	return NULL;
}

const char *ocr_form_value_text(const struct ocr_form_box *b, const char *code)
{
	for (size_t i = 0; code && i < b->nvalues; i++)
		if (!strcmp(b->values[i].code, code))
			return b->values[i].text;
	return NULL;
}
