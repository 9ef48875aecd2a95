/*
 * cmd_registry - `registry import FILE.xml`: merges the CRM's registry
 * export into the stored registry, in one transaction. The file is
 * untrusted: size limit, no DOCTYPE/entities/network, schema-checked; a
 * file that fails changes nothing and the error names the line. After an
 * import the cases are derived again (a line may now exist).
 */
#include "intake/derive.h"
#include "common/log.h"
#include "common/util.h"
#include "rules/registry.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGISTRY_MAX_BYTES (32u << 20)

static const char registry_usage[] =
	"usage: faxintake [-H HOME] registry import FILE.xml\n"
	"\n"
	"Imports the customer registry (companies, addresses, signers, lines with\n"
	"IMEI and coverage) in the shape of contracts/registry.example.xml. What\n"
	"the file names replaces what was stored; the rest is kept. A file that\n"
	"fails its schema changes nothing (the error names its line). Limit: 32 MiB.\n";

int cmd_registry(struct intake *in, int argc, char **argv)
{
	if (intake_want_help(argc, argv, registry_usage))
		return EXIT_OK;
	if (argc != 3 || strcmp(argv[1], "import") != 0)
		return intake_usage_error(registry_usage, "expected `registry import FILE.xml`");
	const char *file = argv[2];
	char *buf = NULL;
	size_t len = 0;
	int rc = EXIT_FAIL;
	struct strbuf err = STRBUF_INIT, xml = STRBUF_INIT;
	struct rules_registry *src = NULL, *dst = NULL;
	struct store *s = NULL;

	if (util_read_file(file, REGISTRY_MAX_BYTES, &buf, &len)) {
		if (errno == EFBIG)
			log_error("'%s' is larger than %u MiB: refused", file, REGISTRY_MAX_BYTES >> 20);
		else
			log_error("cannot read '%s': %s", file, strerror(errno));
		goto out;
	}
	if (rules_registry_parse(buf, len, REGISTRY_MAX_BYTES, &src, &err)) {
		log_error("'%s' refused, nothing changed: %s", file, err.buf);
		goto out;
	}
	if (!(s = intake_open_store(in)) || store_begin(s))
		goto out;
	if (intake_registry_load(s, &dst))
		goto fail;
	rules_registry_merge(dst, src);
	rules_registry_to_xml(dst, &xml);
	sqlite3_stmt *st = store_prepare(s, "INSERT OR REPLACE INTO registry(id, xml, imported_at)"
					    " VALUES (1, ?, ?)");
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, xml.buf, (int)xml.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)util_now());
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	struct strbuf ev = STRBUF_INIT;
	char hex[65];
	util_sha256_mem(buf, len, hex);
	sb_addf(&ev, "%s (%zu bytes, sha256 %s): %zu companies", file, len, hex, src->ncompanies);
	if (!ok || store_event(s, in->actor, "registry-import", NULL, ev.buf) || store_commit(s)) {
		sb_release(&ev);
		goto fail;
	}
	log_info("registry imported: %s", ev.buf);
	sb_release(&ev);
	rc = intake_derive(in, s, in->actor) == 0 ? EXIT_OK : EXIT_FAIL;
	goto out;
fail:
	store_rollback(s);
	log_error("registry not imported: nothing changed");
out:
	rules_registry_free(&src);
	rules_registry_free(&dst);
	store_close(&s);
	free(buf);
	sb_release(&err);
	sb_release(&xml);
	return rc;
}
