/*
 * xml - libxml2 for untrusted input, and schema validation.
 *
 * Every XML document that comes from outside (a registry file, a document
 * instance, a clerk's value) is parsed here: a size limit, no DOCTYPE at
 * all (so no entities, no DTD, no billion laughs; the parser stops at a
 * DOCTYPE in any encoding), XML_PARSE_NONET, never
 * NOENT/DTDLOAD/DTDATTR/DTDVALID, and a process-wide external entity loader
 * that only opens files under the schemas folder (for xs:include).
 * Errors are collected with their line numbers into a strbuf; nothing is
 * printed.
 */
#ifndef COMMON_XML_H
#define COMMON_XML_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <stddef.h>

#include "common/strbuf.h"

/* Installs the restricted entity loader; schemas_dir is the only folder it
 * reads from. Call once at start-up (idempotent; later calls change it). */
void xml_init(const char *schemas_dir);
const char *xml_schemas_dir(void);

/* Parses untrusted bytes. Returns a new document (xmlFreeDoc), or NULL with
 * the reason in err ("line N: ..."). */
xmlDocPtr xml_parse_untrusted(const char *buf, size_t len, size_t max, struct strbuf *err);

/* Loads schemas_dir/name (a trusted file of ours). NULL + err on failure. */
xmlSchemaPtr xml_schema_load(const char *name, struct strbuf *err);

/* Validates doc against schema; 0, or -1 with libxml2's messages (with line
 * numbers) in err. Thread-safe for a shared schema. */
int xml_validate(xmlSchemaPtr schema, xmlDocPtr doc, struct strbuf *err);

/* The default schemas folder: $FAXINTAKE_SCHEMAS, else the installed
 * PREFIX/share/faxintake/schemas if present, else the source tree's. */
const char *xml_default_schemas_dir(void);

#endif
