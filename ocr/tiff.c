/*
 * tiff - opening a received fax (a multi-page bilevel TIFF) and decoding
 * its pages into Leptonica images, within fixed limits.
 *
 * Every directory is checked before any pixel is decoded: one sample of one
 * bit, stripped, uncompressed or CCITT G3/G4, FillOrder 1 or 2, a width and
 * height inside the limits, strips that lie inside the file, at most
 * max_pages pages. libtiff runs with per-handle error handlers (its words
 * become the reason's text, never stderr) and a cap on any single
 * allocation; the file is read, not mapped, so a file truncated under us
 * cannot fault. The RGBA paths are never used: strips are decoded as they
 * are and copied into a 1-bpp Pix.
 *
 * Failure policy: a bad file is never a crash nor an unbounded allocation;
 * it ends as UNREADABLE_FILE, UNSUPPORTED_IMAGE or PAGE_LIMIT with plain
 * words in `why`.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <leptonica/allheaders.h>
#include <tiffio.h>

#include "common/log.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/engine.h"
#include "ocr/ocr.h"

#define R_UNREADABLE "UNREADABLE_FILE"
#define R_UNSUPPORTED "UNSUPPORTED_IMAGE"
#define R_PAGE_LIMIT "PAGE_LIMIT"

struct fax_priv {
	TIFF *tif;
	struct strbuf msg;	/* libtiff's last error, for `why` */
	struct ocr_limits lim;
	uint64_t fsize;
};

void ocr_limits_default(struct ocr_limits *lim)
{
	lim->max_pages = 50;
	lim->max_width = 2432;
	lim->max_height = 6000;
	lim->max_alloc = 32u << 20;
	lim->page_timeout_ms = 30000;
}

static int tiff_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap)
{
	struct fax_priv *p = user;
	sb_reset(&p->msg);
	if (module && *module)
		sb_addf(&p->msg, "%s: ", module);
	sb_vaddf(&p->msg, fmt, ap);
	return 1;	/* handled: libtiff's global handler stays quiet */
}

static int tiff_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap)
{
	/* Warnings (unknown tags, a premature EOL in a G3 line) are normal on
	 * faxes; keep them out of the logs unless debugging. */
	if (log_get_level() <= LOG_LVL_DEBUG) {
		struct strbuf sb = STRBUF_INIT;
		sb_vaddf(&sb, fmt, ap);
		log_debug("libtiff: %s: %s", module ? module : "", sb.buf);
		sb_release(&sb);
	}
	return 1;
}

static void set_reason(const char **reason, const char *code, struct strbuf *why, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void set_reason(const char **reason, const char *code, struct strbuf *why, const char *fmt, ...)
{
	va_list ap;
	if (reason)
		*reason = code;
	if (why) {
		va_start(ap, fmt);
		sb_vaddf(why, fmt, ap);
		va_end(ap);
	}
}

/* Checks the current directory; fills info. Returns NULL when fine, else the
 * reason code with words in why. */
static const char *check_directory(struct fax_priv *p, int page, struct ocr_page_info *info,
				   struct strbuf *why)
{
	TIFF *tif = p->tif;
	uint32_t w = 0, h = 0, rps = 0;
	uint16_t spp = 1, bps = 1, comp = 1, photo = 0, fill = 1, planar = 1, unit = RESUNIT_INCH;
	float xr = 0, yr = 0;
	uint16_t cfd;
	uint32_t bfl;
	uint64_t *offs = NULL, *counts = NULL;
	char *dt = NULL;

	if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w) || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h)) {
		sb_addf(why, "page %d: no image size", page);
		return R_UNREADABLE;
	}
	TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
	TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bps);
	TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &comp);
	TIFFGetFieldDefaulted(tif, TIFFTAG_FILLORDER, &fill);
	TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
	if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photo))
		photo = PHOTOMETRIC_MINISWHITE;

	if (spp != 1 || bps != 1) {
		sb_addf(why, "page %d: %u sample(s) of %u bit(s), not a bilevel fax page", page,
			(unsigned)spp, (unsigned)bps);
		return R_UNSUPPORTED;
	}
	if (photo != PHOTOMETRIC_MINISWHITE && photo != PHOTOMETRIC_MINISBLACK) {
		sb_addf(why, "page %d: photometric interpretation %u", page, (unsigned)photo);
		return R_UNSUPPORTED;
	}
	if (comp != COMPRESSION_NONE && comp != COMPRESSION_CCITTFAX3 &&
	    comp != COMPRESSION_CCITTFAX4) {
		sb_addf(why, "page %d: compression %u (only none, G3, G4)", page, (unsigned)comp);
		return R_UNSUPPORTED;
	}
	if (fill != FILLORDER_MSB2LSB && fill != FILLORDER_LSB2MSB) {
		sb_addf(why, "page %d: fill order %u", page, (unsigned)fill);
		return R_UNSUPPORTED;
	}
	if (TIFFIsTiled(tif)) {
		sb_addf(why, "page %d: tiled image", page);
		return R_UNSUPPORTED;
	}
	if (w < 16 || h < 16 || (long)w > p->lim.max_width || (long)h > p->lim.max_height) {
		sb_addf(why, "page %d: size %ux%u outside 16x16..%dx%d", page, (unsigned)w,
			(unsigned)h, p->lim.max_width, p->lim.max_height);
		return R_UNSUPPORTED;
	}
	TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rps);
	if (rps == 0) {
		sb_addf(why, "page %d: zero rows per strip", page);
		return R_UNREADABLE;
	}
	/* Every strip must lie inside the file: a truncated fax is refused
	 * here, before decoding. */
	uint32_t nstrips = TIFFNumberOfStrips(tif);
	if (nstrips == 0 || nstrips > h ||
	    !TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offs) ||
	    !TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &counts) || !offs || !counts) {
		sb_addf(why, "page %d: no strips%s%s", page, p->msg.len ? ": " : "", p->msg.buf ? p->msg.buf : "");
		return R_UNREADABLE;
	}
	for (uint32_t s = 0; s < nstrips; s++) {
		if (offs[s] > p->fsize || counts[s] > p->fsize - offs[s]) {
			sb_addf(why, "page %d: strip %u lies past the end of the file (truncated)",
				page, (unsigned)s);
			return R_UNREADABLE;
		}
	}
	tmsize_t ssz = TIFFStripSize(tif);
	if (ssz <= 0 || (size_t)ssz > p->lim.max_alloc) {
		sb_addf(why, "page %d: strip size out of bounds", page);
		return R_UNSUPPORTED;
	}

	TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
	if (!TIFFGetField(tif, TIFFTAG_XRESOLUTION, &xr))
		xr = 0;
	if (!TIFFGetField(tif, TIFFTAG_YRESOLUTION, &yr))
		yr = 0;
	if (unit == RESUNIT_CENTIMETER) {
		xr *= 2.54f;
		yr *= 2.54f;
	}
	/* Missing or absurd resolutions: assume a fine-mode fax, or normal mode
	 * when the page is too short for fine mode. */
	if (!(xr >= 50 && xr <= 1200))
		xr = 204;
	if (!(yr >= 40 && yr <= 1200))
		yr = h < 1600 ? 98 : 196;

	info->width = (int)w;
	info->height = (int)h;
	info->xres = xr;
	info->yres = yr;
	info->compression = comp;
	info->fill_order = fill;
	info->datetime = -1;
	if (TIFFGetField(tif, TIFFTAG_DATETIME, &dt) && dt) {
		time_t t;
		if (util_parse_tiff_datetime(dt, &t) == 0)
			info->datetime = t;
	}
	info->clean_fax_data = TIFFGetField(tif, TIFFTAG_CLEANFAXDATA, &cfd) ? cfd : -1;
	info->bad_fax_lines = TIFFGetField(tif, TIFFTAG_BADFAXLINES, &bfl) ? (long)bfl : -1;
	return NULL;
}

/* The sender's TSI (valid UTF-8), at most 128 bytes cut at a character
 * boundary: half a sequence would spoil every XML that carries it. */
static char *tiff_tsi(const char *desc)
{
	size_t n = strlen(desc);
	if (n > 128) {
		n = 128;
		while (n > 0 && ((unsigned char)desc[n] & 0xc0) == 0x80)
			n--;
	}
	return xstrndup(desc, n);
}

struct ocr_fax *ocr_fax_open(const char *path, const struct ocr_limits *lim, const char **reason,
			     struct strbuf *why)
{
	struct ocr_limits deflim;
	struct ocr_fax *fax = NULL;
	struct fax_priv *p = NULL;
	TIFFOpenOptions *opts = NULL;
	struct stat st;
	int cap = 0;
	const char *r;
	long long t0 = ocr_cpu_usec();

	if (!lim) {
		ocr_limits_default(&deflim);
		lim = &deflim;
	}
	if (stat(path, &st) != 0) {
		set_reason(reason, R_UNREADABLE, why, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || st.st_size < 8) {
		set_reason(reason, R_UNREADABLE, why, "'%s' is %s", path,
			   S_ISREG(st.st_mode) ? "too short to be a TIFF" : "not a regular file");
		return NULL;
	}

	p = xcalloc(1, sizeof *p);
	sb_init(&p->msg);
	p->lim = *lim;
	p->fsize = (uint64_t)st.st_size;
	opts = TIFFOpenOptionsAlloc();
	TIFFOpenOptionsSetMaxSingleMemAlloc(opts, (tmsize_t)lim->max_alloc);
	TIFFOpenOptionsSetErrorHandlerExtR(opts, tiff_error, p);
	TIFFOpenOptionsSetWarningHandlerExtR(opts, tiff_warning, p);
	/* "m": read(2), never mmap: a file shrinking under us must not SIGBUS. */
	p->tif = TIFFOpenExt(path, "rm", opts);
	TIFFOpenOptionsFree(opts);
	if (!p->tif) {
		set_reason(reason, R_UNREADABLE, why, "cannot read '%s' as TIFF: %s", path,
			   p->msg.len ? p->msg.buf : "not a TIFF");
		goto fail;
	}

	fax = xcalloc(1, sizeof *fax);
	fax->path = xstrdup(path);
	fax->receipt = -1;
	fax->priv = p;
	for (int i = 0;; i++) {
		if (i >= lim->max_pages) {
			set_reason(reason, R_PAGE_LIMIT, why,
				   "'%s' has more than %d pages", path, lim->max_pages);
			goto fail;
		}
		if (i == cap) {
			cap = cap ? cap * 2 : 4;
			fax->pages = xrealloc(fax->pages, (size_t)cap * sizeof *fax->pages);
		}
		sb_reset(&p->msg);
		struct strbuf w = STRBUF_INIT;
		r = check_directory(p, i + 1, &fax->pages[i], &w);
		if (r) {
			set_reason(reason, r, why, "'%s': %s", path, w.buf);
			sb_release(&w);
			goto fail;
		}
		sb_release(&w);
		if (!fax->tsi) {
			char *desc = NULL;
			if (TIFFGetField(p->tif, TIFFTAG_IMAGEDESCRIPTION, &desc) && desc && *desc &&
			    util_utf8_valid(desc, strlen(desc)))
				fax->tsi = tiff_tsi(desc);
		}
		fax->npages = i + 1;
		sb_reset(&p->msg);
		if (!TIFFReadDirectory(p->tif)) {
			if (p->msg.len) {
				/* a broken chain of directories: keep nothing */
				set_reason(reason, R_UNREADABLE, why, "'%s': after page %d: %s",
					   path, i + 1, p->msg.buf);
				goto fail;
			}
			break;
		}
	}
	fax->receipt = fax->pages[fax->npages - 1].datetime;
	fax->decode_usec += ocr_cpu_usec() - t0;
	return fax;

fail:
	if (fax) {
		ocr_fax_close(&fax);
	} else if (p) {
		if (p->tif)
			TIFFClose(p->tif);
		sb_release(&p->msg);
		free(p);
	}
	return NULL;
}

void ocr_fax_close(struct ocr_fax **faxp)
{
	struct ocr_fax *fax = faxp ? *faxp : NULL;
	if (!fax)
		return;
	struct fax_priv *p = fax->priv;
	if (p) {
		if (p->tif)
			TIFFClose(p->tif);
		sb_release(&p->msg);
		free(p);
	}
	free(fax->path);
	free(fax->pages);
	free(fax->tsi);
	free(fax);
	*faxp = NULL;
}

struct Pix *ocr_fax_page(struct ocr_fax *fax, int i, const char **reason, struct strbuf *why)
{
	struct fax_priv *p = fax ? fax->priv : NULL;
	PIX *pix = NULL;
	uint8_t *buf = NULL;
	long long t0 = ocr_cpu_usec();
	struct strbuf w = STRBUF_INIT;
	struct ocr_page_info info;
	const char *r;

	if (!p || i < 0 || i >= fax->npages) {
		set_reason(reason, R_UNREADABLE, why, "no page %d", i + 1);
		goto out;
	}
	sb_reset(&p->msg);
	if (!TIFFSetDirectory(p->tif, (tdir_t)i)) {
		set_reason(reason, R_UNREADABLE, why, "'%s': cannot read page %d: %s", fax->path,
			   i + 1, p->msg.buf);
		goto out;
	}
	/* the same checks again: the directory we decode is the one we checked */
	r = check_directory(p, i + 1, &info, &w);
	if (r) {
		set_reason(reason, r, why, "'%s': %s", fax->path, w.buf);
		goto out;
	}
	uint16_t photo = PHOTOMETRIC_MINISWHITE;
	uint32_t rps = 0;
	TIFFGetField(p->tif, TIFFTAG_PHOTOMETRIC, &photo);
	TIFFGetFieldDefaulted(p->tif, TIFFTAG_ROWSPERSTRIP, &rps);
	if (rps > (uint32_t)info.height)
		rps = (uint32_t)info.height;
	size_t rowbytes = ((size_t)info.width + 7) / 8;
	tmsize_t ssz = TIFFStripSize(p->tif);
	if (ssz <= 0 || (size_t)ssz < rowbytes) {
		set_reason(reason, R_UNREADABLE, why, "'%s': page %d: bad strip size", fax->path, i + 1);
		goto out;
	}
	buf = xmalloc((size_t)ssz);
	pix = pixCreate(info.width, info.height, 1);
	if (!pix) {
		set_reason(reason, R_UNREADABLE, why, "'%s': page %d: cannot allocate", fax->path, i + 1);
		goto out;
	}
	pixSetResolution(pix, (l_int32)(info.xres + 0.5f), (l_int32)(info.yres + 0.5f));
	l_uint32 *data = pixGetData(pix);
	l_int32 wpl = pixGetWpl(pix);
	uint32_t nstrips = TIFFNumberOfStrips(p->tif);
	uint32_t row = 0;
	for (uint32_t s = 0; s < nstrips && row < (uint32_t)info.height; s++) {
		uint32_t nrows = rps;
		if (row + nrows > (uint32_t)info.height)
			nrows = (uint32_t)info.height - row;
		tmsize_t want = (tmsize_t)(nrows * rowbytes);
		sb_reset(&p->msg);
		tmsize_t got = TIFFReadEncodedStrip(p->tif, s, buf, want);
		if (got < 0) {
			set_reason(reason, R_UNREADABLE, why, "'%s': page %d: cannot decode: %s",
				   fax->path, i + 1, p->msg.len ? p->msg.buf : "error");
			pixDestroy(&pix);
			goto out;
		}
		uint32_t rows_got = (uint32_t)((size_t)got / rowbytes);
		if (rows_got > nrows)
			rows_got = nrows;
		for (uint32_t r2 = 0; r2 < rows_got; r2++) {
			l_uint32 *line = data + (size_t)(row + r2) * (size_t)wpl;
			const uint8_t *src = buf + (size_t)r2 * rowbytes;
			for (size_t b = 0; b < rowbytes; b++) {
				uint8_t v = photo == PHOTOMETRIC_MINISBLACK ? (uint8_t)~src[b] : src[b];
				SET_DATA_BYTE(line, (l_int32)b, v);
			}
		}
		row += nrows;
	}
	/* bits past the width in the last byte are padding: keep them white */
	pixSetPadBits(pix, 0);
out:
	free(buf);
	sb_release(&w);
	if (fax)
		fax->decode_usec += ocr_cpu_usec() - t0;
	return pix;
}
