/*
 * store - the SQLite database of a home (HOME/faxintake.db).
 *
 * WAL mode, synchronous=FULL, a busy timeout, foreign keys on. Every write
 * runs inside store_begin()/store_commit() (BEGIN IMMEDIATE, retried while
 * another process holds the write lock). The schema is numbered (PRAGMA
 * user_version) and migrated forward in place by store_open.
 *
 * Only intake/ includes this header: the rest of faxintake knows nothing of
 * the database.
 */
#ifndef INTAKE_STORE_H
#define INTAKE_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "common/strbuf.h"

#define STORE_SCHEMA_VERSION 4

struct store {
	sqlite3 *db;
	char *path;
	int busy_timeout_ms;
};

/* Opens (creating if missing) and migrates. NULL + err on failure. */
struct store *store_open(const char *path, int busy_timeout_ms, struct strbuf *err);
/* Opens read-only for reports and listings (no migration; fails if the
 * schema is newer than this program). */
struct store *store_open_ro(const char *path, int busy_timeout_ms, struct strbuf *err);
void store_close(struct store **s);

int store_begin(struct store *s);		/* BEGIN IMMEDIATE, waits for the lock */
int store_commit(struct store *s);
void store_rollback(struct store *s);

/* Runs SQL without results; logs and returns -1 on failure. */
int store_exec(struct store *s, const char *sql);
/* Prepares; logs and returns NULL on failure. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql);
/* First column of the first row as int64 (def when no row). */
int64_t store_int(struct store *s, const char *sql, int64_t def);

/* Appends to the event log (inside the caller's transaction). object is
 * e.g. "F-000001", "D-000002", "C-000003", "AR-2026-000001". */
int store_event(struct store *s, const char *actor, const char *action, const char *object,
		const char *detail);

/* Column helpers: a NULL column gives "". */
const char *store_col_text(sqlite3_stmt *st, int col);

/* Formats ids as the export shows them. */
void store_fax_id(int64_t id, char buf[16]);
void store_doc_id(int64_t id, char buf[16]);
void store_case_id(int64_t id, char buf[16]);
/* Parses "F-000001"/"D-..."/"C-..." (or a bare number) with the given
 * prefix letter. Returns the id or -1. */
int64_t store_parse_id(const char *s, char prefix);

#endif
