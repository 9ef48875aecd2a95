/*
 * fuzz_registry - the registry import (`registry import FILE.xml`) as a fuzz
 * target: untrusted bytes -> rules_registry_parse with the command's limit.
 * Properties: parsing never crashes nor leaks; an accepted registry is
 * serialised to XML that parses back to the same XML (the store keeps the
 * registry this way), and merging it into an empty registry twice gives the
 * same result as once.
 * Failure policy: a broken property aborts (libFuzzer or the replay
 * driver reports it with the input).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "rules/registry.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_REGISTRY_MAX (32u << 20)	/* as intake/cmd_registry.c */

int fuzz_registry(const uint8_t *data, size_t size)
{
	struct rules_registry *reg = NULL, *back = NULL, *merged = NULL;
	struct strbuf err = STRBUF_INIT, x1 = STRBUF_INIT, x2 = STRBUF_INIT, x3 = STRBUF_INIT;

	fuzz_accepted = 0;
	if (rules_registry_parse((const char *)data, size, FUZZ_REGISTRY_MAX, &reg, &err)) {
		FUZZ_ASSERT(!reg, "a refused registry is not returned");
		FUZZ_ASSERT(err.len > 0, "a refused registry says why");
		goto out;
	}
	FUZZ_ASSERT(reg, "an accepted registry is returned");
	fuzz_accepted = 1;
	rules_registry_to_xml(reg, &x1);
	sb_reset(&err);
	if (rules_registry_parse(x1.buf, x1.len, FUZZ_REGISTRY_MAX, &back, &err)) {
		fprintf(stderr, "serialised registry refused: %s\n%s\n", err.buf, x1.buf);
		fuzz_fail(__FILE__, __LINE__, "the serialised registry parses back");
	}
	rules_registry_to_xml(back, &x2);
	FUZZ_ASSERT(strcmp(x1.buf, x2.buf) == 0, "serialise/parse/serialise is stable");

	merged = rules_registry_new();
	rules_registry_merge(merged, reg);
	sb_reset(&x2);
	rules_registry_to_xml(merged, &x2);
	rules_registry_merge(merged, reg);
	rules_registry_to_xml(merged, &x3);
	FUZZ_ASSERT(strcmp(x2.buf, x3.buf) == 0, "merging the same registry again changes nothing");
out:
	rules_registry_free(&reg);
	rules_registry_free(&back);
	rules_registry_free(&merged);
	sb_release(&err);
	sb_release(&x1);
	sb_release(&x2);
	sb_release(&x3);
	return 0;
}

FUZZ_LIBFUZZER_ENTRY(fuzz_registry)
