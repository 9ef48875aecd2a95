/*
 * common - what the fuzz targets share (linked into every libFuzzer binary
 * and into the replay driver).
 * Failure policy: none here; the targets decide.
 */
#include "common/strbuf.h"
#include "common/xml.h"
#include "tests/fuzz/fuzz.h"

int fuzz_accepted;

int fuzz_xml_text_ok(const char *s)
{
	struct strbuf x = STRBUF_INIT, err = STRBUF_INIT;
	sb_adds(&x, "<x a=\"");
	sb_add_xml(&x, s);
	sb_adds(&x, "\">");
	sb_add_xml(&x, s);
	sb_adds(&x, "</x>");
	xmlDocPtr doc = xml_parse_untrusted(x.buf, x.len, x.len, &err);
	if (!doc)
		fprintf(stderr, "escaped text does not parse: %s\n", err.buf);
	int ok = doc != NULL;
	xmlFreeDoc(doc);
	sb_release(&x);
	sb_release(&err);
	return ok;
}
