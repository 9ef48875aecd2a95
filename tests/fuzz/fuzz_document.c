/*
 * fuzz_document - a document instance (what `review set`, mkfax values= and
 * the store read back) as a fuzz target: untrusted bytes ->
 * ocr_document_from_xml (parse with common/xml's policy, validate against
 * schemas/<type>.xsd, read the fields and check their values).
 * Properties: never a crash or leak; a refused input leaves an error and
 * no fields; an accepted document has the type of its root element, and
 * its XML (ocr_document_to_xml) is well-formed and of the same type.
 * Failure policy: a broken property aborts.
 */
#include <string.h>

#include "common/strbuf.h"
#include "common/xml.h"
#include "ocr/document.h"
#include "tests/fuzz/fuzz.h"

int fuzz_document(const uint8_t *data, size_t size)
{
	struct ocr_document d;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	xmlDocPtr doc = NULL;

	memset(&d, 0, sizeof d);
	fuzz_accepted = 0;
	if (ocr_document_from_xml((const char *)data, size, &d, &err)) {
		FUZZ_ASSERT(err.len > 0, "a refused document says why");
		FUZZ_ASSERT(d.nfields == 0, "a refused document has no fields");
		goto out;
	}
	fuzz_accepted = 1;
	ocr_document_to_xml(&d, &out);
	sb_reset(&err);
	doc = xml_parse_untrusted(out.buf, out.len, 1 << 20, &err);
	if (!doc) {
		fprintf(stderr, "%s\n%s\n", err.buf, out.buf);
		fuzz_fail(__FILE__, __LINE__, "an accepted document's XML is well-formed");
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	FUZZ_ASSERT(root && ocr_doctype_parse((const char *)root->name) == (int)d.type,
		    "the XML keeps the document's type");
out:
	xmlFreeDoc(doc);
	ocr_document_clear(&d);
	sb_release(&err);
	sb_release(&out);
	return 0;
}

FUZZ_LIBFUZZER_ENTRY(fuzz_document)
