/*
 * xmlsafe - the rules module's use of common/xml: untrusted XML parsed
 * with common/xml's policy (size limit, no DOCTYPE, no network, entity
 * loader confined to the schemas folder), validated against schemas
 * compiled once per process, and small DOM helpers.
 *
 * Errors follow common/xml's style: "line N: message", several joined by
 * "; ". Nothing here logs; the caller, who knows the context, does.
 */
#ifndef RULES_XMLSAFE_H
#define RULES_XMLSAFE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "common/strbuf.h"

#define RULES_XML_MAX_DEFAULT ((size_t)32 << 20)	/* 32 MiB */

/* Validates doc against the schema file `schema` ("registry.xsd", ...,
 * in xml_schemas_dir()). Each schema is compiled once for the life of the
 * process (thread-safe). Returns 0 when valid, else -1 with every error
 * ("line N: ...") in err. */
int rules_xml_validate(xmlDocPtr doc, const char *schema, struct strbuf *err);

/* Parses untrusted bytes (at most max; 0 = RULES_XML_MAX_DEFAULT) with
 * xml_parse_untrusted and validates them against `schema`. Returns the
 * document (caller frees with xmlFreeDoc) or NULL with err filled. */
xmlDocPtr rules_xml_load(const char *buf, size_t len, size_t max, const char *schema,
			 struct strbuf *err);

/* Returns a copy (caller frees with free()) of attribute `name` of node
 * (no namespace), or NULL when absent. */
char *rules_xml_attr(xmlNodePtr node, const char *name);

/* True when node is an element called name in namespace ns. */
bool rules_xml_is(xmlNodePtr node, const char *ns, const char *name);

/* Appends ` name="value"` (value escaped) to out; nothing when value is
 * NULL. For the XML this module writes. */
void rules_xml_add_attr(struct strbuf *out, const char *name, const char *value);

/* Appends "line N: <message>" about node to err, after "; " when err
 * already holds something (common/xml's style). */
void rules_xml_error(struct strbuf *err, xmlNodePtr node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
