/*
 * fuzz_tiff - the fax loader as a fuzz target: untrusted bytes -> a file
 * (an anonymous memfd, opened by ocr/tiff.c through /proc/self/fd as any
 * spool file) -> ocr_fax_open -> ocr_fax_page for every page -> close.
 * Limits as the daemon's defaults, with fewer pages so that one input
 * stays fast.
 * Properties: never a crash, leak or unbounded allocation; a refusal
 * carries one of the fax reason codes and words; the sender's TSI is
 * UTF-8 of at most 128 bytes that sb_add_xml makes valid XML; an accepted fax has
 * between 1 and max_pages pages, each within the size limits, and a
 * decoded page has its directory's size and one bit per pixel.
 * Failure policy: a broken property aborts; a failure of the harness
 * itself (memfd) is reported and the input skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <leptonica/allheaders.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/ocr.h"
#include "tests/fuzz/fuzz.h"

static int fuzz_reason_known(const char *r)
{
	return r && (strcmp(r, "UNREADABLE_FILE") == 0 || strcmp(r, "UNSUPPORTED_IMAGE") == 0 ||
		     strcmp(r, "PAGE_LIMIT") == 0);
}

static int fuzz_write_all(int fd, const uint8_t *data, size_t size)
{
	while (size > 0) {
		ssize_t w = write(fd, data, size);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		size -= (size_t)w;
	}
	return 0;
}

int fuzz_tiff(const uint8_t *data, size_t size)
{
	struct ocr_limits lim;
	struct strbuf why = STRBUF_INIT;
	const char *reason = NULL;
	char path[64];
	struct ocr_fax *fax = NULL;

	fuzz_accepted = 0;
	int fd = memfd_create("fuzz-fax.tif", MFD_CLOEXEC);
	if (fd < 0 || fuzz_write_all(fd, data, size)) {
		perror("fuzz_tiff: memfd");
		goto out;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ocr_limits_default(&lim);
	lim.max_pages = 8;

	fax = ocr_fax_open(path, &lim, &reason, &why);
	if (!fax) {
		FUZZ_ASSERT(fuzz_reason_known(reason), "a refused fax has a reason code");
		FUZZ_ASSERT(why.len > 0, "a refused fax says why");
		goto out;
	}
	FUZZ_ASSERT(fax->npages >= 1 && fax->npages <= lim.max_pages, "page count within limits");
	fuzz_accepted = 1;
	/* the TSI goes into the store, the export and tickets as XML text */
	if (fax->tsi) {
		FUZZ_ASSERT(strlen(fax->tsi) <= 128 && util_utf8_valid(fax->tsi, strlen(fax->tsi)),
			    "the sender's TSI is UTF-8 of at most 128 bytes");
		FUZZ_ASSERT(fuzz_xml_text_ok(fax->tsi), "the TSI escaped for XML parses back");
	}
	for (int i = 0; i < fax->npages; i++) {
		const struct ocr_page_info *pi = &fax->pages[i];
		FUZZ_ASSERT(pi->width >= 16 && pi->width <= lim.max_width && pi->height >= 16 &&
				    pi->height <= lim.max_height,
			    "page size within limits");
		reason = NULL;
		sb_reset(&why);
		struct Pix *pix = ocr_fax_page(fax, i, &reason, &why);
		if (!pix) {
			FUZZ_ASSERT(fuzz_reason_known(reason), "an undecodable page has a reason code");
			continue;
		}
		FUZZ_ASSERT(pixGetWidth(pix) == pi->width && pixGetHeight(pix) == pi->height &&
				    pixGetDepth(pix) == 1,
			    "a decoded page is its directory's size, 1 bpp");
		pixDestroy(&pix);
	}
	/* out of range pages are refused, not read */
	reason = NULL;
	FUZZ_ASSERT(ocr_fax_page(fax, fax->npages, &reason, &why) == NULL &&
			    fuzz_reason_known(reason),
		    "a page past the end is refused");
out:
	ocr_fax_close(&fax);
	if (fd >= 0)
		close(fd);
	sb_release(&why);
	return 0;
}

FUZZ_LIBFUZZER_ENTRY(fuzz_tiff)
