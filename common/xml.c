/*
 * xml - safe parsing of untrusted XML and schema validation (libxml2).
 * Failure policy: every failure returns NULL/-1 with the reason in the
 * caller's strbuf; nothing is logged here, nothing aborts.
 */
#include "common/xml.h"
#include "common/util.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FAXINTAKE_DATADIR
#define FAXINTAKE_DATADIR "/usr/local/share/faxintake"
#endif

static char xml_dir[PATH_MAX];
static xmlExternalEntityLoader xml_default_loader;
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static xmlParserInputPtr xml_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	/* Only plain files inside the schemas folder, no "..": anything else
	 * (file:///etc/passwd, http://...) is refused without being touched. */
	const char *path = url;
	char real[PATH_MAX];
	if (!url || !xml_dir[0])
		return NULL;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strstr(path, "://") || !realpath(path, real))
		goto refuse;
	size_t n = strlen(xml_dir);
	if (strncmp(real, xml_dir, n) != 0 || real[n] != '/')
		goto refuse;
	return xml_default_loader(real, id, ctxt);
refuse:
	(void)ctxt;
	return NULL;
}

static void xml_once_init(void)
{
	xmlInitParser();
	xml_default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xml_loader);
}

void xml_init(const char *schemas_dir)
{
	pthread_once(&xml_once, xml_once_init);
	if (!schemas_dir)
		schemas_dir = xml_default_schemas_dir();
	if (!realpath(schemas_dir, xml_dir))
		snprintf(xml_dir, sizeof xml_dir, "%s", schemas_dir);
}

const char *xml_schemas_dir(void)
{
	if (!xml_dir[0])
		xml_init(NULL);
	return xml_dir;
}

const char *xml_default_schemas_dir(void)
{
	const char *env = getenv("FAXINTAKE_SCHEMAS");
	if (env && *env)
		return env;
	if (access(FAXINTAKE_DATADIR "/schemas/ticket.xsd", R_OK) == 0)
		return FAXINTAKE_DATADIR "/schemas";
	return FAXINTAKE_SRCDIR "/schemas";
}

static void xml_collect(void *ctx, const xmlError *e)
{
	struct strbuf *err = ctx;
	if (!err || !e || !e->message)
		return;
	if (err->len)
		sb_adds(err, "; ");
	if (e->line > 0)
		sb_addf(err, "line %d: ", e->line);
	size_t start = err->len;
	sb_adds(err, e->message);
	while (err->len > start && (err->buf[err->len - 1] == '\n' || err->buf[err->len - 1] == ' '))
		err->buf[--err->len] = '\0';
}

static void xml_collect_v(void *ctx, xmlErrorPtr e)
{
	xml_collect(ctx, e);
}

/* The parser calls this at "<!DOCTYPE name ...", before it reads a single
 * declaration of the internal subset: stop right there. Unlike the byte
 * check below, this holds in every encoding (a UTF-16 document's DOCTYPE
 * has no "<!DOCTYPE" in its bytes, and would otherwise have its entities
 * declared and expanded before being refused). */
static void xml_stop_at_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
				const xmlChar *sid)
{
	xmlStopParser(ctx);
}

xmlDocPtr xml_parse_untrusted(const char *buf, size_t len, size_t max, struct strbuf *err)
{
	xmlDocPtr doc = NULL;
	xmlParserCtxtPtr ctxt = NULL;
	pthread_once(&xml_once, xml_once_init);
	if (len > max) {
		sb_addf(err, "too large: %zu bytes (limit %zu)", len, max);
		return NULL;
	}
	if (len > INT_MAX) {
		sb_adds(err, "too large");
		return NULL;
	}
	/* No DOCTYPE at all: there is no legitimate use for one here. The
	 * check on the raw bytes comes before any parsing. */
	if (memmem(buf, len, "<!DOCTYPE", 9) || memmem(buf, len, "<!ENTITY", 8)) {
		sb_adds(err, "a DOCTYPE or ENTITY declaration is not allowed");
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		sb_adds(err, "out of memory");
		return NULL;
	}
	ctxt->sax->internalSubset = xml_stop_at_doctype;
	xmlSetStructuredErrorFunc(err, xml_collect_v);
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, "input.xml", NULL,
				XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ctxt->errNo == XML_ERR_USER_STOP) {
		sb_adds(err, "a DOCTYPE is not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!doc || !ctxt->wellFormed) {
		if (!err->len)
			sb_adds(err, "not well-formed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc->intSubset || doc->extSubset) {
		sb_adds(err, "a DOCTYPE is not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

xmlSchemaPtr xml_schema_load(const char *name, struct strbuf *err)
{
	xmlSchemaParserCtxtPtr pctx = NULL;
	xmlSchemaPtr schema = NULL;
	char *path = util_path_join(xml_schemas_dir(), name);
	pctx = xmlSchemaNewParserCtxt(path);
	if (!pctx) {
		sb_addf(err, "cannot read schema '%s'", path);
		goto out;
	}
	xmlSchemaSetParserStructuredErrors(pctx, xml_collect_v, err);
	schema = xmlSchemaParse(pctx);
	if (!schema && !err->len)
		sb_addf(err, "cannot parse schema '%s'", path);
out:
	xmlSchemaFreeParserCtxt(pctx);
	free(path);
	return schema;
}

int xml_validate(xmlSchemaPtr schema, xmlDocPtr doc, struct strbuf *err)
{
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
	if (!v) {
		sb_adds(err, "out of memory");
		return -1;
	}
	xmlSchemaSetValidStructuredErrors(v, xml_collect_v, err);
	int rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (rc != 0 && !err->len)
		sb_adds(err, "does not match its schema");
	return rc == 0 ? 0 : -1;
}
