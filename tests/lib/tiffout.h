/*
 * tiffout - writes bilevel pages as a fax TIFF, with the tags a fax
 * gateway (HylaFAX, or spandsp under Asterisk/FreeSWITCH) writes.
 */
#ifndef TESTS_LIB_TIFFOUT_H
#define TESTS_LIB_TIFFOUT_H

#include <stdbool.h>

#include "common/strbuf.h"
#include "tests/lib/faxpage.h"

struct mkfax_tiff_page {
	const struct mkfax_bitmap *bm;
	double xres, yres;		/* dpi */
	const char *datetime;		/* DateTime tag text, NULL: none */
	bool quality_tags;		/* write CleanFaxData and BadFaxLines */
	struct mkfax_page_stats stats;	/* for those tags */
	int recv_seconds;		/* HylaFAX FaxRecvTime, 0: tag left out */
	const char *dcs;		/* HylaFAX FaxDcs (T.30 DCS in hex), or NULL */
};

struct mkfax_tiff_opts {
	int compression;		/* 3 (CCITT G3) or 4 (CCITT G4) */
	bool g3_2d;			/* G3: 2D coding (T4Options bit 0) */
	int fill_order;			/* 1 (MSB first) or 2 (LSB first) */
	const char *description;	/* ImageDescription: the sender's TSI, or NULL */
	const char *make, *model, *software, *host;	/* NULL: tag left out */
};

/* Writes the n pages to path (replacing it). PageNumber is i/n, SubfileType
 * page. Returns 0, or -1 with libtiff's reason in err. */
int mkfax_tiff_write(const char *path, const struct mkfax_tiff_opts *o,
		     const struct mkfax_tiff_page *pages, int n, struct strbuf *err);

#endif
