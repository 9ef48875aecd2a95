/*
 * document - the document model, its XML instances and their schemas.
 * Failure policy: parsing and validation failures return -1 with the
 * reason (libxml2's words, with line numbers) in the caller's strbuf; they
 * become SCHEMA_INVALID upstream. Allocation failure is fatal.
 */
#include "ocr/document.h"
#include "ocr/check.h"
#include "common/util.h"
#include "common/xml.h"

#include <libxml/tree.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const doc_names[OCR_DOC_NTYPES] = {
	"unknown", "onsite", "block", "denunciation", "identity"
};

static const char *const fields_unknown[] = { NULL };
static const char *const fields_onsite[] = {
	"company", "vat", "line", "imei", "model", "claim", "description", "address", "contact",
	"contact_phone", "declaration", "signer", "signer_role", "signer_cf", "place", "date",
	"signature", NULL
};
static const char *const fields_block[] = {
	"company", "vat", "line", "imei", "model", "event", "event_date", "event_place",
	"delivery", "signer", "signer_cf", "id_document", "date", "signature", NULL
};
static const char *const fields_denunciation[] = {
	"authority", "number", "date", "event", "event_date", "reporter", "reporter_cf", "imei",
	"line", "model", NULL
};
static const char *const fields_identity[] = {
	"kind", "number", "surname", "name", "birth_date", "expiry", "fiscal_code", NULL
};
static const char *const *const doc_fields[OCR_DOC_NTYPES] = {
	fields_unknown, fields_onsite, fields_block, fields_denunciation, fields_identity
};

const char *ocr_doctype_name(enum ocr_doctype t)
{
	return (unsigned)t < OCR_DOC_NTYPES ? doc_names[t] : "unknown";
}

int ocr_doctype_parse(const char *name)
{
	for (int i = 0; i < OCR_DOC_NTYPES; i++)
		if (name && strcmp(name, doc_names[i]) == 0)
			return i;
	return -1;
}

const char *const *ocr_doctype_fields(enum ocr_doctype t)
{
	return (unsigned)t < OCR_DOC_NTYPES ? doc_fields[t] : fields_unknown;
}

bool ocr_doctype_has_field(enum ocr_doctype t, const char *field)
{
	for (const char *const *f = ocr_doctype_fields(t); *f; f++)
		if (strcmp(*f, field) == 0)
			return true;
	return false;
}

void ocr_document_init(struct ocr_document *d, enum ocr_doctype t)
{
	memset(d, 0, sizeof *d);
	d->type = t;
	d->first_page = 1;
	d->npages = 1;
}

static void field_clear(struct ocr_field *f)
{
	free(f->name);
	free(f->value);
	free(f->reason);
	free(f->raw);
	memset(f, 0, sizeof *f);
}

void ocr_document_clear(struct ocr_document *d)
{
	for (size_t i = 0; i < d->nfields; i++)
		field_clear(&d->fields[i]);
	free(d->fields);
	for (size_t i = 0; i < d->nreasons; i++) {
		free(d->reasons[i].code);
		free(d->reasons[i].field);
		free(d->reasons[i].text);
	}
	free(d->reasons);
	enum ocr_doctype t = d->type;
	int fp = d->first_page, np = d->npages;
	memset(d, 0, sizeof *d);
	d->type = t;
	d->first_page = fp;
	d->npages = np;
}

void ocr_document_free(struct ocr_document **d)
{
	if (!d || !*d)
		return;
	ocr_document_clear(*d);
	free(*d);
	*d = NULL;
}

struct ocr_field *ocr_document_set(struct ocr_document *d, const char *name, const char *value,
				   double confidence, const struct ocr_region *region,
				   const char *reason)
{
	struct ocr_field *f = NULL;
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0) {
			f = &d->fields[i];
			field_clear(f);
			break;
		}
	if (!f) {
		d->fields = xrealloc(d->fields, (d->nfields + 1) * sizeof *d->fields);
		f = &d->fields[d->nfields++];
		memset(f, 0, sizeof *f);
	}
	f->name = xstrdup(name);
	f->value = xstrdup(value);
	f->confidence = confidence;
	if (region)
		f->region = *region;
	f->reason = reason ? xstrdup(reason) : NULL;
	return f;
}

const struct ocr_field *ocr_document_field(const struct ocr_document *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}

const char *ocr_document_value(const struct ocr_document *d, const char *name)
{
	const struct ocr_field *f = ocr_document_field(d, name);
	return f && !f->reason ? f->value : NULL;
}

void ocr_document_remove(struct ocr_document *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0) {
			field_clear(&d->fields[i]);
			memmove(&d->fields[i], &d->fields[i + 1],
				(d->nfields - i - 1) * sizeof *d->fields);
			d->nfields--;
			return;
		}
}

void ocr_document_remove_reasons(struct ocr_document *d, const char *field)
{
	size_t k = 0;
	for (size_t i = 0; i < d->nreasons; i++) {
		struct ocr_reason *r = &d->reasons[i];
		if (r->field && strcmp(r->field, field) == 0) {
			free(r->code);
			free(r->field);
			free(r->text);
			continue;
		}
		d->reasons[k++] = *r;
	}
	d->nreasons = k;
}

void ocr_document_add_reason(struct ocr_document *d, const char *code, const char *field,
			     const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	d->reasons = xrealloc(d->reasons, (d->nreasons + 1) * sizeof *d->reasons);
	struct ocr_reason *r = &d->reasons[d->nreasons++];
	r->code = xstrdup(code);
	r->field = field ? xstrdup(field) : NULL;
	r->text = sb_detach(&sb);
}

bool ocr_document_has_reason(const struct ocr_document *d, const char *code)
{
	for (size_t i = 0; i < d->nreasons; i++)
		if (strcmp(d->reasons[i].code, code) == 0)
			return true;
	return false;
}

void ocr_document_copy(struct ocr_document *dst, const struct ocr_document *src)
{
	ocr_document_init(dst, src->type);
	dst->first_page = src->first_page;
	dst->npages = src->npages;
	for (size_t i = 0; i < src->nfields; i++) {
		const struct ocr_field *f = &src->fields[i];
		struct ocr_field *g = ocr_document_set(dst, f->name, f->value, f->confidence,
						       &f->region, f->reason);
		g->raw = f->raw ? xstrdup(f->raw) : NULL;
	}
	for (size_t i = 0; i < src->nreasons; i++)
		ocr_document_add_reason(dst, src->reasons[i].code, src->reasons[i].field, "%s",
					src->reasons[i].text);
}

void ocr_document_to_xml(const struct ocr_document *d, struct strbuf *out)
{
	const char *type = ocr_doctype_name(d->type);
	sb_addf(out, "<%s xmlns=\"urn:faxintake:document:1\">", type);
	size_t n = 0;
	/* in the order of FORMS.md, trusted fields only */
	for (const char *const *name = ocr_doctype_fields(d->type); *name; name++) {
		const struct ocr_field *f = ocr_document_field(d, *name);
		if (!f || f->reason)
			continue;
		n++;
		sb_addf(out, "\n  <%s confidence=\"%.2f\"", f->name,
			f->confidence < 0 ? 0.0 : f->confidence > 1 ? 1.0 : f->confidence);
		if (f->region.w > 0)
			sb_addf(out, " region=\"%d %d %d %d\"", f->region.x, f->region.y,
				f->region.w, f->region.h);
		sb_adds(out, ">");
		sb_add_xml(out, f->value);
		sb_addf(out, "</%s>", f->name);
	}
	/* no text in an element without fields: unknown.xsd allows none */
	sb_addf(out, "%s</%s>\n", n ? "\n" : "", type);
}

/* -------------------------------------------------------------- schemas */

static xmlSchemaPtr doc_schemas[OCR_DOC_NTYPES];
static pthread_mutex_t doc_schema_lock = PTHREAD_MUTEX_INITIALIZER;

int ocr_schemas_load(const char *dir, struct strbuf *err)
{
	int rc = 0;
	pthread_mutex_lock(&doc_schema_lock);
	if (dir)
		xml_init(dir);
	for (int t = 0; t < OCR_DOC_NTYPES; t++) {
		if (doc_schemas[t])
			continue;
		struct strbuf name = STRBUF_INIT;
		sb_addf(&name, "%s.xsd", doc_names[t]);
		doc_schemas[t] = xml_schema_load(name.buf, err);
		sb_release(&name);
		if (!doc_schemas[t]) {
			rc = -1;
			break;
		}
	}
	pthread_mutex_unlock(&doc_schema_lock);
	return rc;
}

const char *ocr_schemas_dir(void)
{
	return xml_schemas_dir();
}

static int doc_validate(enum ocr_doctype t, xmlDocPtr doc, struct strbuf *err)
{
	if (ocr_schemas_load(NULL, err))
		return -1;
	return xml_validate(doc_schemas[t], doc, err);
}

int ocr_document_validate_xml(enum ocr_doctype t, const char *xml, size_t len, struct strbuf *err)
{
	xmlDocPtr doc = xml_parse_untrusted(xml, len, 1 << 20, err);
	if (!doc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int rc = -1;
	if (!root || ocr_doctype_parse((const char *)root->name) != (int)t)
		sb_addf(err, "root element is not <%s>", ocr_doctype_name(t));
	else
		rc = doc_validate(t, doc, err);
	xmlFreeDoc(doc);
	return rc;
}

/* The instance of d, or of its field f alone, validated; 0 when valid. */
static int doc_check_instance(const struct ocr_document *d, const struct ocr_field *f,
			      struct strbuf *err)
{
	struct strbuf xml = STRBUF_INIT;
	struct ocr_document one;
	const struct ocr_document *src = d;
	if (f) {
		ocr_document_init(&one, d->type);
		ocr_document_set(&one, f->name, f->value, f->confidence, &f->region, NULL);
		src = &one;
	}
	ocr_document_to_xml(src, &xml);
	int rc = ocr_document_validate_xml(d->type, xml.buf, xml.len, err);
	if (f)
		ocr_document_clear(&one);
	sb_release(&xml);
	return rc;
}

int ocr_document_validate(struct ocr_document *d, struct strbuf *err)
{
	struct strbuf whole = STRBUF_INIT, why = STRBUF_INIT;
	int bad = 0;
	if (ocr_schemas_load(NULL, err))
		return -1;
	if (doc_check_instance(d, NULL, &whole) == 0)
		goto out;
	/* the schemas take any subset of a type's fields: each trusted field
	 * alone says which values were refused */
	for (size_t i = 0; i < d->nfields; i++) {
		struct ocr_field *f = &d->fields[i];
		if (f->reason || !ocr_doctype_has_field(d->type, f->name))
			continue;
		sb_reset(&why);
		if (doc_check_instance(d, f, &why) == 0)
			continue;
		f->reason = xstrdup("SCHEMA_INVALID");
		ocr_document_add_reason(d, "SCHEMA_INVALID", f->name, "%s", why.buf);
		bad++;
	}
	if (!bad) {
		ocr_document_add_reason(d, "SCHEMA_INVALID", NULL, "%s", whole.buf);
		bad = 1;
	}
out:
	sb_release(&whole);
	sb_release(&why);
	return bad;
}

static double doc_attr_double(xmlNodePtr n, const char *name, double def)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	double r = v ? strtod((const char *)v, NULL) : def;
	xmlFree(v);
	return r;
}

int ocr_document_from_xml(const char *xml, size_t len, struct ocr_document *d, struct strbuf *err)
{
	int rc = -1;
	xmlDocPtr doc = xml_parse_untrusted(xml, len, 1 << 20, err);
	if (!doc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int t = root ? ocr_doctype_parse((const char *)root->name) : -1;
	if (t < 0) {
		sb_adds(err, "root element is not a document type");
		goto out;
	}
	if (doc_validate((enum ocr_doctype)t, doc, err))
		goto out;
	ocr_document_init(d, (enum ocr_doctype)t);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlNodeGetContent(n);
		struct ocr_region r = { 0, 0, 0, 0 };
		xmlChar *reg = xmlGetProp(n, (const xmlChar *)"region");
		if (reg && sscanf((const char *)reg, "%d %d %d %d", &r.x, &r.y, &r.w, &r.h) != 4)
			memset(&r, 0, sizeof r);
		xmlFree(reg);
		const char *name = (const char *)n->name;
		const char *value = v ? (const char *)v : "";
		ocr_document_set(d, name, value, doc_attr_double(n, "confidence", 1.0), &r,
				 ocr_check_field(name, value));
		xmlFree(v);
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}
