/*
 * xmlsafe - untrusted XML in, libxml2 documents out; schema validation with
 * line-numbered messages. See xmlsafe.h for the policy.
 *
 * Failure policy: every failure is returned (NULL or -1) with the reasons
 * in the caller's strbuf; nothing is logged here. A schema that cannot be
 * compiled is reported like an invalid document (the caller decides how
 * fatal that is).
 */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>

#include "common/util.h"
#include "rules/xmlsafe.h"

#define XML_MAX_ERRORS 20

struct xml_errors {
	struct strbuf *err;
	int count;
	bool doctype;
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static xmlExternalEntityLoader xml_default_loader;
static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static struct schema_slot {
	char *path;
	xmlSchemaPtr schema;
} schema_cache[16];

const char *rules_schemas_dir(void)
{
	const char *env = getenv("FAXINTAKE_SCHEMAS");
	if (env && *env)
		return env;
	return FAXINTAKE_SRCDIR "/schemas";
}

/* True when path (resolved) lies inside the schemas folder (resolved). */
static bool xml_path_allowed(const char *url)
{
	char dir[PATH_MAX], file[PATH_MAX];
	size_t n;

	if (!url)
		return false;
	if (strncmp(url, "file://", 7) == 0)
		url += 7;
	if (strstr(url, "://"))
		return false;
	if (!realpath(rules_schemas_dir(), dir) || !realpath(url, file))
		return false;
	n = strlen(dir);
	return strncmp(file, dir, n) == 0 && file[n] == '/';
}

static xmlParserInputPtr xml_safe_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	/* Refused: libxml2 then reports that the entity failed to load. */
	if (!xml_path_allowed(url))
		return NULL;
	return xml_default_loader(url, id, ctxt);
}

static void xml_init_once(void)
{
	xmlInitParser();
	xml_default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xml_safe_loader);
}

void rules_xml_init(void)
{
	pthread_once(&xml_once, xml_init_once);
}

static void xml_collect(struct xml_errors *st, const xmlError *e)
{
	size_t n;
	const char *msg;

	if (!st || !st->err || !e)
		return;
	if (e->level == XML_ERR_WARNING)
		return;
	/* libxml2's follow-up to a failed facet under xs:unique: noise */
	if (e->message && strstr(e->message, "No precomputed value available"))
		return;
	if (++st->count > XML_MAX_ERRORS) {
		if (st->count == XML_MAX_ERRORS + 1)
			sb_adds(st->err, "(more errors not shown)\n");
		return;
	}
	msg = e->message ? e->message : "unknown error";
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (e->line > 0)
		sb_addf(st->err, "line %d: ", e->line);
	sb_add(st->err, msg, n);
	sb_addc(st->err, '\n');
}

static void xml_on_parse_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	if (ctxt)
		xml_collect(ctxt->_private, e);
}

static void xml_on_error(void *ctx, xmlErrorPtr e)
{
	xml_collect(ctx, e);
}

/* SAX internalSubset: called at "<!DOCTYPE", before any declaration in it
 * is read. Stop there: no DTD, no entity ever reaches the parser. */
static void xml_refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
			       const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_errors *st = ctxt->_private;

	st->doctype = true;
	xmlStopParser(ctxt);
}

xmlDocPtr rules_xml_parse_untrusted(const char *buf, size_t len, size_t max, struct strbuf *err)
{
	struct xml_errors st = { err, 0, false };
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;

	rules_xml_init();
	if (max == 0)
		max = RULES_XML_MAX_DEFAULT;
	if (len > max || len > INT_MAX) {
		sb_addf(err, "refused: document of %zu bytes exceeds the limit of %zu bytes\n", len, max);
		goto out;
	}
	if (!buf || len == 0) {
		sb_adds(err, "empty document\n");
		goto out;
	}
	ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
	if (!ctxt) {
		sb_adds(err, "cannot create an XML parser\n");
		goto out;
	}
	ctxt->_private = &st;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->serror = xml_on_parse_error;
	/* Never NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	ctxt->sax->internalSubset = xml_refuse_doctype;
	xmlParseDocument(ctxt);
	if (st.doctype) {
		sb_adds(err, "refused: the document has a DOCTYPE (DTDs and entities are not accepted)\n");
		goto out;
	}
	if (!ctxt->wellFormed || !ctxt->myDoc) {
		if (st.count == 0)
			sb_adds(err, "not well-formed XML\n");
		goto out;
	}
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
out:
	if (ctxt) {
		if (ctxt->myDoc)
			xmlFreeDoc(ctxt->myDoc);
		ctxt->myDoc = NULL;
		xmlFreeParserCtxt(ctxt);
	}
	return doc;
}

/* Returns the compiled schema for path, compiling it once. */
static xmlSchemaPtr xml_schema_get(const char *path, struct strbuf *err)
{
	struct xml_errors st = { err, 0, false };
	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaPtr schema = NULL;
	size_t i;

	pthread_mutex_lock(&schema_lock);
	for (i = 0; i < ARRAY_SIZE(schema_cache) && schema_cache[i].path; i++)
		if (strcmp(schema_cache[i].path, path) == 0) {
			schema = schema_cache[i].schema;
			goto out;
		}
	pctxt = xmlSchemaNewParserCtxt(path);
	if (!pctxt) {
		sb_addf(err, "cannot read schema '%s'\n", path);
		goto out;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, xml_on_error, &st);
	schema = xmlSchemaParse(pctxt);
	if (!schema) {
		sb_addf(err, "cannot compile schema '%s'\n", path);
		goto out;
	}
	if (i < ARRAY_SIZE(schema_cache)) {
		schema_cache[i].path = xstrdup(path);
		schema_cache[i].schema = schema;
	}
	/* A full cache simply leaks the extra schema: at most a handful of
	 * schema files exist, so this never happens in practice. */
out:
	if (pctxt)
		xmlSchemaFreeParserCtxt(pctxt);
	pthread_mutex_unlock(&schema_lock);
	return schema;
}

int rules_xml_validate(xmlDocPtr doc, const char *schema_name, struct strbuf *err)
{
	struct xml_errors st = { err, 0, false };
	xmlSchemaValidCtxtPtr vctxt = NULL;
	xmlSchemaPtr schema;
	char *path = NULL;
	int rc = -1;

	rules_xml_init();
	path = schema_name[0] == '/' ? xstrdup(schema_name)
				     : util_path_join(rules_schemas_dir(), schema_name);
	schema = xml_schema_get(path, err);
	if (!schema)
		goto out;
	vctxt = xmlSchemaNewValidCtxt(schema);
	if (!vctxt) {
		sb_adds(err, "cannot create a schema validator\n");
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(vctxt, xml_on_error, &st);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0) {
		if (st.count == 0)
			sb_addf(err, "document does not follow schema '%s'\n", schema_name);
		goto out;
	}
	rc = 0;
out:
	if (vctxt)
		xmlSchemaFreeValidCtxt(vctxt);
	free(path);
	return rc;
}

xmlDocPtr rules_xml_load(const char *buf, size_t len, size_t max, const char *schema,
			 struct strbuf *err)
{
	xmlDocPtr doc = rules_xml_parse_untrusted(buf, len, max, err);
	if (doc && rules_xml_validate(doc, schema, err) != 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

char *rules_xml_attr(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

bool rules_xml_is(xmlNodePtr n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}
