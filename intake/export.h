/*
 * export - the whole state as XML (urn:faxintake:export:1).
 */
#ifndef INTAKE_EXPORT_H
#define INTAKE_EXPORT_H

#include "common/strbuf.h"
#include "intake/store.h"

/* Appends the export of the store's state to out. 0 or -1 (logged). */
int export_state(struct store *s, struct strbuf *out);
/* Validates an export against schemas/export.xsd. 0 or -1 with err. */
int export_validate(const struct strbuf *xml, struct strbuf *err);

#endif
