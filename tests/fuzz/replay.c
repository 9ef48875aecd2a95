/*
 * replay - feeds every file of the fuzz corpora to its target, without
 * libFuzzer (plain cc, run by `make check`): tests/fuzz/corpus/<target>/
 * holds the seeds and every input that once broke a target, so a fixed bug
 * stays fixed.
 *
 *   fuzz-replay [CORPUS_DIR]     default: FAXINTAKE_SRCDIR/tests/fuzz/corpus
 *   fuzz-replay -t TARGET FILE   one input (to reproduce a crash under gdb)
 *
 * Each input runs in a child process with a time limit, so a crash or hang
 * names its file and the others still run. An input named ok-* must also
 * be accepted by its target (the seeds must reach past the first check). Exit 0 when every input passed.
 * Failure policy: a corpus folder that cannot be read is a failure.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/util.h"
#include "ocr/document.h"
#include "tests/fuzz/fuzz.h"

#define REPLAY_TIMEOUT_S 20

static const struct {
	const char *name;
	int (*run)(const uint8_t *, size_t);
} targets[] = {
	{ "tiff", fuzz_tiff },
	{ "registry", fuzz_registry },
	{ "document", fuzz_document },
	{ "xmltext", fuzz_xmltext },
	{ "fftext", fuzz_fftext },
};
#define NTARGETS (sizeof targets / sizeof targets[0])

static int replay_one(int t, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	if (util_read_file(path, 64u << 20, &buf, &len)) {
		fprintf(stderr, "cannot read '%s': %s\n", path, strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "cannot fork: %s\n", strerror(errno));
		free(buf);
		return -1;
	}
	if (pid == 0) {
		alarm(REPLAY_TIMEOUT_S);
		targets[t].run((const uint8_t *)buf, len);
		free(buf);
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		if (strncmp(base, "ok-", 3) == 0 && !fuzz_accepted) {
			fprintf(stderr, "FAILED: %s: %s: refused, but ok-* must be accepted\n",
				targets[t].name, path);
			_exit(1);
		}
		_exit(0);
	}
	free(buf);
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFSIGNALED(st))
		fprintf(stderr, "FAILED: %s: %s: killed by signal %d%s\n", targets[t].name, path,
			WTERMSIG(st), WTERMSIG(st) == SIGALRM ? " (time limit)" : "");
	else
		fprintf(stderr, "FAILED: %s: %s: exit status %d\n", targets[t].name, path,
			WEXITSTATUS(st));
	return -1;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays corpus/<target>/ in name order; adds to the counts. */
static int replay_dir(int t, const char *corpus, int *passed, int *failed)
{
	char *dir = util_path_join(corpus, targets[t].name);
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	if (!d) {
		fprintf(stderr, "cannot open '%s': %s\n", dir, strerror(errno));
		free(dir);
		(*failed)++;
		return -1;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	int before = *failed;
	for (size_t i = 0; i < n; i++) {
		char *path = util_path_join(dir, names[i]);
		if (replay_one(t, path) == 0)
			(*passed)++;
		else
			(*failed)++;
		free(path);
		free(names[i]);
	}
	if (n == 0) {
		fprintf(stderr, "'%s' is empty\n", dir);
		(*failed)++;
	}
	printf("fuzz corpus %s: %zu inputs\n", targets[t].name, n);
	free(names);
	free(dir);
	return *failed == before ? 0 : -1;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	struct strbuf err = STRBUF_INIT;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* load the schemas once, before the children are forked */
	if (ocr_schemas_load(NULL, &err)) {
		fprintf(stderr, "cannot load the document schemas: %s\n", err.buf);
		return 1;
	}
	sb_release(&err);
	if (argc == 4 && strcmp(argv[1], "-t") == 0) {
		for (size_t t = 0; t < NTARGETS; t++) {
			if (strcmp(argv[2], targets[t].name) == 0)
				return replay_one((int)t, argv[3]) == 0 ? 0 : 1;
		}
		fprintf(stderr, "unknown target '%s'\n", argv[2]);
		return 2;
	}
	if (argc > 2) {
		fprintf(stderr, "usage: fuzz-replay [CORPUS_DIR] | -t TARGET FILE\n");
		return 2;
	}
	const char *corpus = argc == 2 ? argv[1] : FAXINTAKE_SRCDIR "/tests/fuzz/corpus";
	for (size_t t = 0; t < NTARGETS; t++)
		replay_dir((int)t, corpus, &passed, &failed);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("fuzz corpus replayed in %.1f s\n",
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("fuzz-replay: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
