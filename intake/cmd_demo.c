/*
 * cmd_demo - `demo [DIR]`: a fresh demo home with a sample registry and
 * sample faxes made by mkfax (a fault on site; a theft with its four
 * documents across two faxes; a page a clerk must see), processed by the
 * real commands, then a short summary of what happened and where to look.
 *
 * The demo runs the same commands an operator would (init, registry
 * import, run --once), printing each, so it doubles as a tour. It needs
 * mkfax, the fax generator built beside faxintake (build/mkfax), or
 * $FAXINTAKE_MKFAX.
 */
#include "intake/intake.h"
#include "common/log.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <libgen.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char demo_usage[] =
	"usage: faxintake demo [DIR]\n"
	"\n"
	"Builds a fresh demo home in DIR (default ./faxintake-demo), imports a\n"
	"sample registry, makes sample faxes with mkfax, processes them, and tells\n"
	"what happened: tickets with their dates, what waits, what a clerk must see.\n"
	"A home made by an earlier demo in DIR is replaced; any other DIR that is\n"
	"not empty is refused.\n";

static const char demo_registry[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<registry xmlns=\"urn:faxintake:registry:1\" generated=\"2026-11-01T22:00:00+01:00\">\n"
	"  <company vat=\"04971230588\" name=\"Rossi Costruzioni S.r.l.\">\n"
	"    <address effective=\"2025-01-01T00:00:00+01:00\">Via Roma 1, 20121 Milano MI</address>\n"
	"    <person fiscal-code=\"RSSMRA80A01F205X\" name=\"Mario Rossi\" role=\"legal-representative\"/>\n"
	"    <person fiscal-code=\"BNCNNA85M41H501N\" name=\"Anna Bianchi\" role=\"employee\">\n"
	"      <enabled line=\"3351234567\"/>\n"
	"    </person>\n"
	"    <line number=\"3351234567\" imei=\"352906112345675\" model=\"Samsung Galaxy S24\"\n"
	"          coverage-start=\"2025-03-01\" coverage-end=\"2027-02-28\"/>\n"
	"    <line number=\"3479876543\" imei=\"356938035643809\" model=\"Apple iPhone 15\"\n"
	"          coverage-start=\"2025-06-15\" coverage-end=\"2027-06-14\"/>\n"
	"  </company>\n"
	"</registry>\n";

/* A NULL-terminated argv of copies of the arguments (free with demo_free). */
static char **demo_args(const char *first, ...)
{
	size_t n = 0;
	char **v = NULL;
	va_list ap;
	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *)) {
		v = xrealloc(v, (n + 2) * sizeof *v);
		v[n++] = xstrdup(a);
	}
	va_end(ap);
	v[n] = NULL;
	return v;
}

static void demo_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static int demo_spawn(char **argv, bool show);

/* Runs argv (see demo_spawn) and frees it. */
static int demo_run(char **argv, bool show)
{
	int rc = demo_spawn(argv, show);
	demo_free(argv);
	return rc;
}

static int demo_spawn(char **argv, bool show)
{
	if (show) {
		fputs("$", stdout);
		for (int i = 0; argv[i]; i++) {
			bool quote = strpbrk(argv[i], " '\"") != NULL;
			printf(quote ? " '%s'" : " %s", argv[i]);
		}
		fputs("\n", stdout);
		fflush(stdout);
	}
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
	if (rc) {
		log_error("cannot run '%s': %s", argv[0], strerror(rc));
		return -1;
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static char *demo_mkfax(const char *self)
{
	const char *env = getenv("FAXINTAKE_MKFAX");
	if (env && *env)
		return xstrdup(env);
	char *dup = xstrdup(self);
	char *p = util_path_join(dirname(dup), "mkfax");
	free(dup);
	if (access(p, X_OK) == 0)
		return p;
	free(p);
	return NULL;
}

/* A receipt time n days before now at hh:mm, as mkfax wants it. */
static void demo_time(int days_back, int hh, int mm, char *buf, size_t n)
{
	time_t t = util_now() - (time_t)days_back * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:00", (tm.tm_year + 1900) % 10000,
		 (tm.tm_mon + 1) % 100, tm.tm_mday % 100, hh % 100, mm % 100);
}

/* The local date n days before now, "YYYY-MM-DD", as a field value. */
static void demo_day(int days_back, const char *field, char *buf, size_t n)
{
	char t[32];
	demo_time(days_back, 12, 0, t, sizeof t);
	snprintf(buf, n, "%s=%.10s", field, t);
}

static int demo_summary(struct intake *in)
{
	struct store *s = intake_open_store_ro(in);
	if (!s)
		return -1;
	sqlite3_stmt *st = store_prepare(s,
		"SELECT t.id, c.claim, c.line, t.report_date, t.due_date FROM tickets t"
		" JOIN cases c ON c.id = t.case_id ORDER BY t.id");
	printf("\nWhat happened\n");
	int n = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char rep[40];
		util_format_iso((time_t)sqlite3_column_int64(st, 3), rep, sizeof rep);
		printf("  ticket %s: %s, line %s, report date %s, replacement due %s\n",
		       store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2), rep,
		       store_col_text(st, 4));
		n++;
	}
	if (!n)
		printf("  no ticket was issued\n");
	sqlite3_finalize(st);
	st = store_prepare(s, "SELECT id, claim, line, missing FROM cases WHERE status = 'pending'");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char cid[16];
		store_case_id(sqlite3_column_int64(st, 0), cid);
		printf("  case %s (%s, line %s) waits for: %s\n", cid, store_col_text(st, 1),
		       store_col_text(st, 2), store_col_text(st, 3));
	}
	sqlite3_finalize(st);
	st = store_prepare(s,
		"SELECT d.id, d.type, (SELECT group_concat(code, ' ') FROM (SELECT DISTINCT code FROM reasons r"
		" WHERE r.document_id = d.id)) FROM documents d WHERE d.status = 'review' ORDER BY d.id");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char did[16];
		store_doc_id(sqlite3_column_int64(st, 0), did);
		printf("  document %s (%s) went to a clerk: %s\n", did, store_col_text(st, 1),
		       store_col_text(st, 2));
	}
	sqlite3_finalize(st);
	store_close(&s);
	printf("\nWhere to look next\n"
	       "  %s/outbox/             the tickets, as the logistics system gets them\n"
	       "  faxintake -H %s cases        every case and what it misses\n"
	       "  faxintake -H %s review list  what waits for a clerk (then review show DOC)\n"
	       "  faxintake -H %s export       the whole state as XML\n",
	       in->home, in->home, in->home, in->home);
	return 0;
}

int cmd_demo(struct intake *in, int argc, char **argv)
{
	if (intake_want_help(argc, argv, demo_usage))
		return EXIT_OK;
	if (argc > 2)
		return intake_usage_error(demo_usage, "demo takes at most one DIR");
	const char *dir = argc == 2 ? argv[1] : "./faxintake-demo";
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n < 0) {
		log_error("cannot find my own program: %s", strerror(errno));
		return EXIT_FAIL;
	}
	self[n] = '\0';
	char *mkfax = demo_mkfax(self);
	if (!mkfax) {
		log_error("the demo needs mkfax beside faxintake (build/mkfax) or $FAXINTAKE_MKFAX");
		return EXIT_FAIL;
	}
	int rc = EXIT_FAIL;
	char *marker = util_path_join(dir, ".faxintake-demo");
	char *reg = NULL, *incoming = NULL;
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (access(marker, F_OK) == 0) {
			char **rm = demo_args("/bin/rm", "-rf", dir, NULL);
			if (demo_run(rm, false)) {
				log_error("cannot replace the old demo home '%s'", dir);
				goto out;
			}
		} else if (rmdir(dir) != 0 && errno != ENOENT) {
			log_error("'%s' exists and is not a demo home: choose another DIR", dir);
			goto out;
		}
	}
	free(in->home);
	free(in->conf_path);
	free(in->db_path);
	in->home = xstrdup(dir);
	in->conf_path = util_path_join(dir, "faxintake.conf");
	in->db_path = util_path_join(dir, "faxintake.db");
	printf("faxintake demo: a fresh home in %s\n\n", dir);
	char **init = demo_args(self, "-H", dir, "init", NULL);
	if (demo_run(init, true))
		goto out;
	int fd;
	if ((fd = creat(marker, 0640)) >= 0)
		close(fd);
	/* files are complete when mkfax renames them in: no need to wait */
	char *conf = in->conf_path;
	FILE *f = fopen(conf, "a");
	if (f) {
		fputs("\n# demo: mkfax delivers by rename, files are complete at once\n"
		      "stability_delay_ms = 0\n", f);
		fclose(f);
	}
	reg = util_path_join(dir, "registry.xml");
	if (util_write_atomic(reg, demo_registry, strlen(demo_registry), 0640)) {
		log_error("cannot write '%s': %s", reg, strerror(errno));
		goto out;
	}
	char **imp = demo_args(self, "-H", dir, "registry", "import",
			      reg, NULL);
	if (demo_run(imp, true))
		goto out;

	incoming = util_path_join(dir, "spool/incoming");
	char t1[32], t2[32], t3[32], t4[32];
	demo_time(2, 16, 2, t1, sizeof t1);
	demo_time(2, 17, 40, t2, sizeof t2);
	demo_time(1, 10, 15, t3, sizeof t3);
	demo_time(1, 11, 0, t4, sizeof t4);
	char d_fault[32], d_block[32], d_event[32], d_onsite[32], d_den[32], d_den_event[32];
	demo_day(2, "date", d_fault, sizeof d_fault);
	demo_day(2, "date", d_block, sizeof d_block);
	demo_day(3, "event_date", d_event, sizeof d_event);
	demo_day(2, "date", d_onsite, sizeof d_onsite);
	demo_day(2, "date", d_den, sizeof d_den);
	demo_day(3, "event_date", d_den_event, sizeof d_den_event);
	struct strbuf p1 = STRBUF_INIT, p2 = STRBUF_INIT, p3 = STRBUF_INIT, p4 = STRBUF_INIT;
	sb_addf(&p1, "%s/fax000000011.tif", incoming);
	sb_addf(&p2, "%s/fax000000012.tif", incoming);
	sb_addf(&p3, "%s/fax000000013.tif", incoming);
	sb_addf(&p4, "%s/fax000000014.tif", incoming);
	printf("\nThe gateway receives four faxes (made with mkfax):\n");
	char **fax1 = demo_args(mkfax, "-o", p1.buf, "--datetime", t1, "--seed", "11",
		"--page", "form=AR-SEDE-01", "header=1",
		"company=Rossi Costruzioni S.r.l.", "vat=04971230588",
		"line=3351234567", "imei=352906112345675",
		"model=Samsung Galaxy S24", "claim=fault",
		"description=Il telefono non si accende piu", "address=Via Roma 1, 20121 Milano MI",
		"contact=Mario Rossi", "contact_phone=02 5550100",
		"declaration=true", "signer=Mario Rossi",
		"signer_role=legal-representative", "signer_cf=RSSMRA80A01F205X",
		"place=Milano", d_fault, "signature=true", NULL);
	char **fax2 = demo_args(mkfax, "-o", p2.buf, "--datetime", t2, "--seed", "12",
		"--page", "form=AR-BLOCCO-01", "header=1",
		"company=Rossi Costruzioni S.r.l.", "vat=04971230588",
		"line=3479876543", "imei=356938035643809",
		"model=Apple iPhone 15", "event=theft",
		"event_place=Milano, stazione Centrale", "delivery=site",
		"signer=Mario Rossi", "signer_cf=RSSMRA80A01F205X",
		"id_document=Carta d'identita' CA12345AB", "signature=true",
		d_block, d_event,
		"--page", "form=AR-SEDE-01", "font=serif",
		"company=Rossi Costruzioni S.r.l.", "vat=04971230588",
		"line=3479876543", "imei=356938035643809",
		"model=Apple iPhone 15", "claim=theft",
		"address=Via Roma 1, 20121 Milano MI", "contact=Mario Rossi",
		"contact_phone=02 5550100", "signer=Mario Rossi",
		"signer_role=legal-representative", "signer_cf=RSSMRA80A01F205X",
		"place=Milano", d_onsite, "signature=true", NULL);
	char **fax3 = demo_args(mkfax, "-o", p3.buf, "--datetime", t3, "--seed", "13",
		"--page", "kind=denunciation", "event=theft",
		"imei=356938035643809", "line=3479876543",
		"reporter=Mario Rossi", "reporter_cf=RSSMRA80A01F205X",
		"model=Apple iPhone 15", d_den, d_den_event,
		"--page", "kind=identity", "kind=electronic-id-card",
		"number=CA12345AB", "surname=ROSSI", "name=MARIO",
		"birth_date=1980-01-01", "expiry=2031-01-01",
		"fiscal_code=RSSMRA80A01F205X", NULL);
	char **fax4 = demo_args(mkfax, "-o", p4.buf, "--datetime", t4, "--seed", "14",
		"--page", "text=Gentili signori,\\nvi scriviamo per sapere quando arriva\\nil"
		" nuovo telefono.\\n\\nCordiali saluti\\nUfficio acquisti", NULL);
	const char *what[] = { "a fault on site (AR-SEDE-01)",
			       "a theft: the blocking form and the on-site form",
			       "the same theft, next morning: denunciation and identity copy",
			       "a letter that is none of the service's documents" };
	char **faxes[] = { fax1, fax2, fax3, fax4 };
	for (int i = 0; i < 4; i++) {
		printf("  %d. %s\n", i + 1, what[i]);
		int r = demo_spawn(faxes[i], false);
		if (r) {
			log_error("mkfax failed for fax %d", i + 1);
			goto out_p;
		}
	}
	for (int i = 0; i < 4; i++)
		demo_free(faxes[i]);
	printf("\n");
	char **run = demo_args(self, "-H", dir, "run", "--once", NULL);
	if (demo_run(run, true))
		goto out_p;
	if (demo_summary(in) == 0)
		rc = EXIT_OK;
out_p:
	sb_release(&p1);
	sb_release(&p2);
	sb_release(&p3);
	sb_release(&p4);
out:
	free(mkfax);
	free(marker);
	free(reg);
	free(incoming);
	return rc;
}
