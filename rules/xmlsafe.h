/*
 * xmlsafe - parsing untrusted XML and validating it against the project's
 * XML Schemas (the .xsd files in schemas/), for every module that reads XML from outside.
 *
 * Policy (DESIGN.md, "Facts about the libraries"): the size is checked
 * before parsing; no network (XML_PARSE_NONET); entities are never
 * substituted and no DTD is ever loaded or used; a document with a DOCTYPE
 * is refused outright (the parser stops at the declaration, before any
 * entity is read); libxml2's depth limit (256) stands (never XML_PARSE_HUGE).
 * A process-wide external entity loader loads only files inside the
 * schemas folder; every other URL is refused.
 *
 * Errors are collected from libxml2's structured error handlers into a
 * strbuf, one line each, prefixed with the line number: "line 7: ...".
 * Nothing here logs; the caller, who knows the context, does.
 */
#ifndef RULES_XMLSAFE_H
#define RULES_XMLSAFE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "common/strbuf.h"

#define RULES_XML_MAX_DEFAULT ((size_t)32 << 20)	/* 32 MiB */

/* The schemas folder: ocr_schemas_dir() is not used (not on main when this
 * was written); $FAXINTAKE_SCHEMAS if set, else FAXINTAKE_SRCDIR "/schemas".
 * Lends a static string. */
const char *rules_schemas_dir(void);

/* Installs the process-wide entity loader (only the schemas folder) and
 * initialises libxml2. Idempotent, thread-safe; every function below calls
 * it. Call it explicitly at start-up, before threads, to be sure it is the
 * loader in force. */
void rules_xml_init(void);

/* Parses untrusted XML from memory (len bytes, at most max; 0 means
 * RULES_XML_MAX_DEFAULT). Returns a document the caller frees with
 * xmlFreeDoc, or NULL with the reasons (with line numbers) in err. */
xmlDocPtr rules_xml_parse_untrusted(const char *buf, size_t len, size_t max, struct strbuf *err);

/* Validates doc against the schema file `schema` (a name such as
 * "registry.xsd", looked up in rules_schemas_dir(), or an absolute path).
 * Compiled schemas are cached for the life of the process (thread-safe).
 * Returns 0 when valid, else -1 with every error as "line N: message"
 * lines in err. */
int rules_xml_validate(xmlDocPtr doc, const char *schema, struct strbuf *err);

/* Parses (untrusted) and validates in one call. Returns the document or
 * NULL with err filled. */
xmlDocPtr rules_xml_load(const char *buf, size_t len, size_t max, const char *schema,
			 struct strbuf *err);

/* Returns a copy (caller frees with free()) of attribute `name` of node
 * (no namespace), or NULL when absent. */
char *rules_xml_attr(xmlNodePtr node, const char *name);

/* True when node is an element called name in namespace ns. */
bool rules_xml_is(xmlNodePtr node, const char *ns, const char *name);

#endif
