/*
 * fuzz_xmltext - the XML escaper every output uses for text from outside
 * (the sender's TSI, OCR'd values, clerks' words, file names): bytes ->
 * sb_add_xml, as element text and as an attribute value -> the document
 * must parse (common/xml.c) whatever the bytes: invalid UTF-8, control
 * characters, the noncharacters U+FFFE/U+FFFF.
 * Failure policy: a broken property aborts.
 */
#include <string.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "tests/fuzz/fuzz.h"

int fuzz_xmltext(const uint8_t *data, size_t size)
{
	/* a C string: up to the first NUL, as the program's strings are */
	char *s = xstrndup((const char *)data, size);
	FUZZ_ASSERT(fuzz_xml_text_ok(s), "sb_add_xml makes any bytes valid XML text");
	fuzz_accepted = 1;
	/* valid UTF-8 without control characters or noncharacters is kept as is */
	struct strbuf x = STRBUF_INIT;
	sb_add_xml(&x, s);
	if (util_utf8_valid(s, strlen(s)) && !strpbrk(s, "&<>\"'") && !strstr(s, "\xef\xbf\xbe") &&
	    !strstr(s, "\xef\xbf\xbf")) {
		int ctl = 0;
		for (const char *p = s; *p; p++)
			ctl |= (unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r';
		if (!ctl)
			FUZZ_ASSERT(strcmp(x.buf ? x.buf : "", s) == 0, "plain text is kept as it is");
	}
	sb_release(&x);
	free(s);
	return 0;
}

FUZZ_LIBFUZZER_ENTRY(fuzz_xmltext)
