/*
 * derive - the derivation of cases, document statuses and tickets
 * (rules.h). Placeholder until the engine lands: refuses with a message,
 * so callers can be wired and linked now.
 */
#include <stdlib.h>

#include "rules/rules.h"

int rules_derive(const struct rules_input *in, struct rules_result **out, struct strbuf *err)
{
	*out = NULL;
	sb_adds(err, "rules_derive: not implemented yet\n");
	return -1;
}

void rules_result_free(struct rules_result **res)
{
	if (res && *res) {
		free(*res);
		*res = NULL;
	}
}
