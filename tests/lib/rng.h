/*
 * rng - the generator's one source of randomness (splitmix64): the same
 * seed gives the same pages on every machine, whatever its libc's rand().
 */
#ifndef TESTS_LIB_RNG_H
#define TESTS_LIB_RNG_H

#include <stdint.h>

static inline uint64_t mkfax_rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in 0 .. n-1 (0 when n <= 0). */
static inline long mkfax_rng_below(uint64_t *s, long n)
{
	return n > 0 ? (long)(mkfax_rng_next(s) % (uint64_t)n) : 0;
}

#endif
