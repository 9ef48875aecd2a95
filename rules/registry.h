/*
 * registry - the customer registry: companies (VAT number, name, address
 * history), the persons who may act for them (fiscal code, name, role,
 * lines enabled for employees) and their lines (number, IMEI, model,
 * coverage dates). Read from the CRM's XML (urn:faxintake:registry:1,
 * shared/contracts/registry.example.xml, schemas/registry.xsd).
 *
 * An import replaces what it names and keeps the rest
 * (rules_registry_merge); a file that fails its schema changes nothing.
 * intake/ stores the merged registry as one XML blob
 * (rules_registry_to_xml) and reloads it with rules_registry_parse.
 *
 * Ownership: a struct rules_registry owns everything inside it; lookups
 * lend pointers valid until the registry is changed or freed.
 */
#ifndef RULES_REGISTRY_H
#define RULES_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "common/strbuf.h"

enum rules_role {
	RULES_ROLE_NONE = 0,
	RULES_ROLE_LEGAL_REPRESENTATIVE,
	RULES_ROLE_ADMINISTRATOR,
	RULES_ROLE_MANDATARIO,
	RULES_ROLE_MASTER,
	RULES_ROLE_EMPLOYEE,
};

/* "legal-representative", ... (the registry's and FORMS.md's codes). */
const char *rules_role_name(enum rules_role r);
/* Returns the role for a code, or RULES_ROLE_NONE. */
enum rules_role rules_role_parse(const char *s);

struct rules_address {
	time_t effective;	/* in force from this instant */
	char *text;
};

struct rules_person {
	char *fiscal_code;
	char *name;
	enum rules_role role;
	char **enabled;		/* line numbers enabled for an employee */
	size_t nenabled;
};

struct rules_line {
	char *number;		/* national digits */
	char *imei;
	char *model;		/* may be NULL */
	char coverage_start[11];	/* "YYYY-MM-DD", inclusive */
	char coverage_end[11];		/* "YYYY-MM-DD", inclusive */
};

struct rules_company {
	char *vat;
	char *name;
	struct rules_address *addresses;	/* sorted by effective, ascending */
	size_t naddresses;
	struct rules_person *persons;
	size_t npersons;
	struct rules_line *lines;
	size_t nlines;
};

struct rules_registry {
	time_t generated;	/* 0 when unknown */
	struct rules_company *companies;
	size_t ncompanies;
};

/* A new empty registry (caller frees with rules_registry_free). */
struct rules_registry *rules_registry_new(void);
void rules_registry_free(struct rules_registry **reg);

/*
 * Parses and validates registry XML from memory (untrusted: at most max
 * bytes, 0 = 32 MiB; no DOCTYPE; schemas/registry.xsd; then the checks a
 * schema cannot make: coverage end not before its start, a line number
 * named once in the file). Returns 0 with *out set (caller frees), or -1
 * with the reasons in err, each naming its line ("line 12: ...").
 */
int rules_registry_parse(const char *buf, size_t len, size_t max, struct rules_registry **out,
			 struct strbuf *err);

/*
 * Merges src into dst: a company named in src takes src's name; an address
 * of src replaces dst's address with the same effective time, others are
 * added to the history; a person named in src (by fiscal code, within the
 * company) replaces dst's, with its enabled lines; a line named in src
 * (by number) replaces dst's wherever it was (a line moved to another
 * company leaves the old one). Everything src does not name is kept.
 * src is unchanged.
 */
void rules_registry_merge(struct rules_registry *dst, const struct rules_registry *src);

/* Appends the registry as XML (urn:faxintake:registry:1, valid against
 * schemas/registry.xsd) to out. Parsing it back gives an equal registry. */
void rules_registry_to_xml(const struct rules_registry *reg, struct strbuf *out);

/* Lookups (lend pointers, or NULL). */
const struct rules_company *rules_registry_company(const struct rules_registry *reg,
						   const char *vat);
/* The line with this number, and (if company != NULL) its company. */
const struct rules_line *rules_registry_line(const struct rules_registry *reg, const char *number,
					     const struct rules_company **company);
/* The person with this fiscal code within company. */
const struct rules_person *rules_registry_person(const struct rules_company *company,
						 const char *fiscal_code);
/* The address in force at instant t (the latest with effective <= t). */
const struct rules_address *rules_registry_address_at(const struct rules_company *company,
						      time_t t);
/* True when person may sign for line (rule 7): legal representative,
 * administrator, mandatario, master for any line of the company; an
 * employee only for the lines enabled for them. */
bool rules_person_may_sign(const struct rules_person *p, const char *line);

#endif
