/*
 * xmlsafe - schema validation with compiled schemas cached, on top of
 * common/xml (which owns the parsing policy and the entity loader).
 *
 * Failure policy: every failure is returned (NULL or -1) with the reasons
 * in the caller's strbuf; nothing is logged. A schema that cannot be
 * compiled is reported like an invalid document (the caller decides how
 * fatal that is) and tried again next time.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#include "common/log.h"
#include "common/util.h"
#include "common/xml.h"
#include "rules/xmlsafe.h"

static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static struct schema_slot {
	char *name;
	xmlSchemaPtr schema;
} schema_cache[8];

/* Returns the compiled schema called name, compiling it once. */
static xmlSchemaPtr schema_get(const char *name, struct strbuf *err)
{
	xmlSchemaPtr schema = NULL;
	size_t i;

	pthread_mutex_lock(&schema_lock);
	for (i = 0; i < ARRAY_SIZE(schema_cache) && schema_cache[i].name; i++)
		if (strcmp(schema_cache[i].name, name) == 0) {
			schema = schema_cache[i].schema;
			goto out;
		}
	schema = xml_schema_load(name, err);
	if (!schema)
		goto out;
	if (i == ARRAY_SIZE(schema_cache))
		log_panic("schema cache full: raise its size for '%s'", name);
	schema_cache[i].name = xstrdup(name);
	schema_cache[i].schema = schema;
out:
	pthread_mutex_unlock(&schema_lock);
	return schema;
}

int rules_xml_validate(xmlDocPtr doc, const char *schema_name, struct strbuf *err)
{
	xmlSchemaPtr schema = schema_get(schema_name, err);
	if (!schema)
		return -1;
	return xml_validate(schema, doc, err);
}

xmlDocPtr rules_xml_load(const char *buf, size_t len, size_t max, const char *schema,
			 struct strbuf *err)
{
	xmlDocPtr doc;

	if (!buf || len == 0) {
		sb_adds(err, "empty document");
		return NULL;
	}
	doc = xml_parse_untrusted(buf, len, max ? max : RULES_XML_MAX_DEFAULT, err);
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

void rules_xml_error(struct strbuf *err, xmlNodePtr node, const char *fmt, ...)
{
	va_list ap;

	if (err->len)
		sb_adds(err, "; ");
	if (node)
		sb_addf(err, "line %ld: ", xmlGetLineNo(node));
	va_start(ap, fmt);
	sb_vaddf(err, fmt, ap);
	va_end(ap);
}

void rules_xml_add_attr(struct strbuf *out, const char *name, const char *value)
{
	if (!value)
		return;
	sb_addf(out, " %s=\"", name);
	sb_add_xml(out, value);
	sb_addc(out, '"');
}
