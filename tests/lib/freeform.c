/* freeform - placeholder until the free-form renderer lands. */
#include "tests/lib/freeform.h"

int mkfax_draw_freeform(cairo_t *cr, const char *kind, const struct mkfax_kv *kv, size_t n,
			unsigned seed)
{
	(void)cr; (void)kind; (void)kv; (void)n; (void)seed;
	return -1;
}
