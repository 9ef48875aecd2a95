/*
 * fuzz - the entry points of the fuzz targets (tests/fuzz/fuzz_*.c).
 *
 * Each takes untrusted bytes, feeds them to one public entry point of the
 * library exactly as the program does, checks what must hold whatever the
 * input, and returns 0 (it aborts when a property fails). The same
 * functions serve two drivers:
 *   - libFuzzer (`make fuzz`, clang, build-fuzz/): built with FAXINTAKE_FUZZ,
 *     each file also defines LLVMFuzzerTestOneInput;
 *   - tests/fuzz/replay.c (`make check`, gcc): every file of
 *     tests/fuzz/corpus/<target>/ is fed to fuzz_<target>.
 */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* bytes -> a TIFF file -> ocr_fax_open, ocr_fax_page for every page, close */
int fuzz_tiff(const uint8_t *data, size_t size);
/* bytes -> rules_registry_parse; an accepted registry must survive
 * to_xml/parse unchanged, and merging it into a copy of itself */
int fuzz_registry(const uint8_t *data, size_t size);
/* bytes -> ocr_document_from_xml; an accepted document's XML is well-formed */
int fuzz_document(const uint8_t *data, size_t size);

/* bytes -> sb_add_xml as element text and as an attribute value: the
 * result is always well-formed XML (every XML the program writes from
 * outside text goes through it) */
int fuzz_xmltext(const uint8_t *data, size_t size);
/* bytes -> the text of a free-form page (to the first NUL) with per-byte
 * confidences, doubts and contenders (from the bytes after it) and a
 * second reader -> ff_parse_as_of; every trusted value passes its check
 * and its schema */
int fuzz_fftext(const uint8_t *data, size_t size);

/* True when s escaped by sb_add_xml parses back as XML (common.c). */
int fuzz_xml_text_ok(const char *s);

/* Set by each target: 1 when the input was accepted (a fax opened, a
 * registry or document parsed and valid), else 0. The replay driver
 * requires it of the corpus files named ok-*, so that the seeds keep
 * reaching past the first refusal. */
extern int fuzz_accepted;

/* Aborts with a message when cond is false (a property of the target). */
#define FUZZ_ASSERT(cond, what) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, (what)); \
	} while (0)
__attribute__((noreturn)) static inline void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
	abort();
}

/* In a libFuzzer build, makes fn the binary's LLVMFuzzerTestOneInput. */
#ifdef FAXINTAKE_FUZZ
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#define FUZZ_LIBFUZZER_ENTRY(fn) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
	{ \
		return fn(data, size); \
	}
#else
#define FUZZ_LIBFUZZER_ENTRY(fn)
#endif

#endif
