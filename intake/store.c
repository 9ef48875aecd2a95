/*
 * store - SQLite: opening, migrations, transactions, the event log.
 * Failure policy: SQLite errors are logged here with the statement's
 * context (log_error) and returned as -1/NULL; the caller rolls back and
 * keeps the fax in line. A busy database is waited for, not an error.
 */
#include "intake/store.h"
#include "common/log.h"
#include "common/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Migrations: migration[i] takes the schema from version i to i+1. Never
 * edit a released one; append a new one. */

/* A trigger's statement noting key expression E in derive_dirty once (a
 * NULL E notes nothing). Not INSERT OR IGNORE: the conflict clause of the
 * statement that fires the trigger (an upsert) overrides a trigger's. */
#define DIRTY(E)                                                                     \
	" INSERT INTO derive_dirty SELECT " E " WHERE " E " IS NOT NULL AND NOT EXISTS" \
	" (SELECT 1 FROM derive_dirty WHERE key = " E ");"
static const char *const store_migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE faxes ("
	"  id INTEGER PRIMARY KEY,"
	"  sha256 TEXT NOT NULL,"
	"  file BLOB NOT NULL,"			/* name as received (bytes) */
	"  work_name TEXT,"			/* name while claimed in spool/work */
	"  archived TEXT,"			/* path under the spool once archived */
	"  received INTEGER NOT NULL,"		/* receipt instant (UTC seconds) */
	"  received_from TEXT NOT NULL,"	/* 'datetime' or 'mtime' */
	"  sender TEXT,"
	"  pages INTEGER NOT NULL DEFAULT 0,"
	"  status TEXT NOT NULL CHECK (status IN ('processed','duplicate','corrupt')),"
	"  duplicate_of INTEGER REFERENCES faxes(id),"
	"  processed_at INTEGER NOT NULL,"
	"  cpu_ms INTEGER,"
	"  wall_ms INTEGER,"
	"  clean_fax_data INTEGER,"
	"  bad_fax_lines INTEGER,"
	"  purged_at INTEGER"
	");"
	"CREATE INDEX faxes_sha ON faxes(sha256);"
	"CREATE INDEX faxes_received ON faxes(received);"
	"CREATE TABLE pages ("
	"  fax_id INTEGER NOT NULL REFERENCES faxes(id),"
	"  page INTEGER NOT NULL,"
	"  width INTEGER, height INTEGER, xres REAL, yres REAL,"
	"  compression INTEGER, fill_order INTEGER, datetime INTEGER,"
	"  clean_fax_data INTEGER, bad_fax_lines INTEGER,"
	"  type TEXT, blank INTEGER NOT NULL DEFAULT 0, cpu_us INTEGER,"
	"  PRIMARY KEY (fax_id, page)"
	");"
	"CREATE TABLE documents ("
	"  id INTEGER PRIMARY KEY,"
	"  fax_id INTEGER NOT NULL REFERENCES faxes(id),"
	"  first_page INTEGER NOT NULL,"
	"  pages INTEGER NOT NULL,"
	"  type TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('accepted','waiting','review','rejected')),"
	"  case_id INTEGER REFERENCES cases(id),"
	"  read_ok INTEGER NOT NULL,"		/* 1: reading raised no reason */
	"  clerk TEXT,"				/* NULL, 'accepted', 'rejected' */
	"  clerk_case INTEGER REFERENCES cases(id),"
	"  clerk_why TEXT,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX documents_fax ON documents(fax_id);"
	"CREATE INDEX documents_status ON documents(status);"
	"CREATE TABLE fields ("
	"  document_id INTEGER NOT NULL REFERENCES documents(id),"
	"  name TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  confidence REAL NOT NULL,"
	"  x INTEGER, y INTEGER, w INTEGER, h INTEGER,"
	"  reason TEXT,"			/* NULL: trusted */
	"  source TEXT NOT NULL DEFAULT 'ocr' CHECK (source IN ('ocr','clerk')),"
	"  by TEXT,"
	"  PRIMARY KEY (document_id, name)"
	");"
	"CREATE TABLE reasons ("
	"  id INTEGER PRIMARY KEY,"
	"  fax_id INTEGER REFERENCES faxes(id),"
	"  document_id INTEGER REFERENCES documents(id),"
	"  case_id INTEGER REFERENCES cases(id),"
	"  code TEXT NOT NULL,"
	"  field TEXT,"
	"  text TEXT NOT NULL,"
	"  origin TEXT NOT NULL CHECK (origin IN ('read','rules','clerk','spool'))"
	");"
	"CREATE INDEX reasons_doc ON reasons(document_id);"
	"CREATE INDEX reasons_case ON reasons(case_id);"
	"CREATE TABLE cases ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"		/* the derivation's stable key */
	"  line TEXT, imei TEXT, claim TEXT, delivery TEXT, vat TEXT,"
	"  opened INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('pending','complete','review','rejected','cancelled')),"
	"  missing TEXT,"			/* space-separated types */
	"  contact TEXT, contact_phone TEXT,"
	"  report_date INTEGER, due_date TEXT,"
	"  closed_at INTEGER,"
	"  cancelled_why TEXT, cancelled_by TEXT"
	");"
	"CREATE TABLE case_documents ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  type TEXT NOT NULL,"
	"  document_id INTEGER NOT NULL REFERENCES documents(id),"
	"  counts INTEGER NOT NULL,"		/* 1: the copy that counts */
	"  PRIMARY KEY (case_id, document_id)"
	");"
	"CREATE TABLE tickets ("
	"  id TEXT PRIMARY KEY,"		/* AR-YYYY-NNNNNN */
	"  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),"
	"  year INTEGER NOT NULL, seq INTEGER NOT NULL,"
	"  revision INTEGER NOT NULL,"
	"  report_date INTEGER NOT NULL,"
	"  due_date TEXT NOT NULL,"
	"  xml TEXT NOT NULL,"			/* the current revision's outbox file */
	"  written INTEGER NOT NULL DEFAULT 0,"	/* revision last written to the outbox */
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  UNIQUE (year, seq)"
	");"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  object TEXT,"
	"  detail TEXT"
	");"
	"CREATE INDEX events_object ON events(object);"
	"CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TRIGGER events_append_only_d BEFORE DELETE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TABLE registry ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  xml TEXT NOT NULL,"
	"  imported_at INTEGER NOT NULL"
	");"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);",
	/* 1 -> 2: the cases a document belongs to, by document (purge asks
	 * it for every document; without it each asking scans the table) */
	"CREATE INDEX case_documents_doc ON case_documents(document_id);",
	/* 2 -> 3: every write of the registry row, by whatever writer, gives
	 * it a new random generation (meta 'registry_gen'): a process keeps
	 * the parsed registry while the generation it parsed is current
	 * (intake/derive.c). Random, not a counter: a restored or recreated
	 * database never repeats a generation another registry had. */
	"CREATE TRIGGER registry_gen_i AFTER INSERT ON registry BEGIN"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES ('registry_gen', lower(hex(randomblob(16))));"
	" END;"
	"CREATE TRIGGER registry_gen_u AFTER UPDATE ON registry BEGIN"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES ('registry_gen', lower(hex(randomblob(16))));"
	" END;"
	"CREATE TRIGGER registry_gen_d AFTER DELETE ON registry BEGIN"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES ('registry_gen', lower(hex(randomblob(16))));"
	" END;"
	"INSERT OR REPLACE INTO meta(key, value) VALUES ('registry_gen', lower(hex(randomblob(16))));",
	/* 3 -> 4: a pass derives again only what changed (intake/derive.c).
	 * derive_keys: each document's link keys at the last derivation
	 * (rules_doc_links, and "k:CASE" for the cases it was filed in,
	 * matched to or assigned to); derive_dirty: what changed since, as
	 * "d:DOC" or "k:CASE", written by triggers whatever the writer (the
	 * pipeline, the clerks' desk, purge, a hand edit). Of what the
	 * derivation itself writes, only what a later derivation reads: a
	 * case cancelled, the key of a cancelled or assigned case. */
	"CREATE TABLE derive_keys (document_id INTEGER NOT NULL, key TEXT NOT NULL,"
	"  PRIMARY KEY (document_id, key)) WITHOUT ROWID;"
	"CREATE INDEX derive_keys_key ON derive_keys(key, document_id);"
	"CREATE TABLE derive_dirty (key TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE INDEX documents_case ON documents(case_id);"
	"CREATE INDEX documents_clerk_case ON documents(clerk_case);"
	"CREATE TRIGGER dirty_doc_i AFTER INSERT ON documents BEGIN"
	DIRTY("'d:' || new.id") " END;"
	"CREATE TRIGGER dirty_doc_u AFTER UPDATE OF id, fax_id, first_page, pages, type, clerk,"
	"  clerk_case, clerk_why ON documents BEGIN"
	DIRTY("'d:' || old.id") DIRTY("'d:' || new.id") " END;"
	"CREATE TRIGGER dirty_doc_d AFTER DELETE ON documents BEGIN"
	DIRTY("'d:' || old.id") " END;"
	"CREATE TRIGGER dirty_field_i AFTER INSERT ON fields BEGIN"
	DIRTY("'d:' || new.document_id") " END;"
	"CREATE TRIGGER dirty_field_u AFTER UPDATE ON fields BEGIN"
	DIRTY("'d:' || old.document_id") DIRTY("'d:' || new.document_id") " END;"
	"CREATE TRIGGER dirty_field_d AFTER DELETE ON fields BEGIN"
	DIRTY("'d:' || old.document_id") " END;"
	"CREATE TRIGGER dirty_reason_i AFTER INSERT ON reasons"
	"  WHEN new.origin = 'read' AND new.document_id IS NOT NULL BEGIN"
	DIRTY("'d:' || new.document_id") " END;"
	"CREATE TRIGGER dirty_reason_u AFTER UPDATE ON reasons"
	"  WHEN (old.origin = 'read' OR new.origin = 'read') BEGIN"
	DIRTY("'d:' || old.document_id") DIRTY("'d:' || new.document_id") " END;"
	"CREATE TRIGGER dirty_reason_d AFTER DELETE ON reasons"
	"  WHEN old.origin = 'read' AND old.document_id IS NOT NULL BEGIN"
	DIRTY("'d:' || old.document_id") " END;"
	"CREATE TRIGGER dirty_fax_u AFTER UPDATE OF received, sha256 ON faxes BEGIN"
	"  INSERT INTO derive_dirty SELECT 'd:' || id FROM documents WHERE fax_id = new.id"
	"   AND 'd:' || id NOT IN (SELECT key FROM derive_dirty); END;"
	"CREATE TRIGGER dirty_case_u AFTER UPDATE ON cases"
	"  WHEN (old.status = 'cancelled') <> (new.status = 'cancelled')"
	"    OR old.cancelled_why IS NOT new.cancelled_why"
	"    OR (new.status = 'cancelled' AND (old.closed_at IS NOT new.closed_at"
	"        OR old.key IS NOT new.key))"
	/* a case is assigned by its key, which the derivation may move */
	"    OR (old.key IS NOT new.key"
	"        AND EXISTS (SELECT 1 FROM documents WHERE clerk_case = new.id)) BEGIN"
	DIRTY("'k:' || old.id") DIRTY("'k:' || new.id") " END;"
	"CREATE TRIGGER dirty_case_d AFTER DELETE ON cases BEGIN"
	DIRTY("'k:' || old.id") " END;",
};

static int store_pragmas(struct store *s, bool ro)
{
	sqlite3_busy_timeout(s->db, s->busy_timeout_ms);
	if (!ro && store_exec(s, "PRAGMA journal_mode=WAL"))
		return -1;
	return store_exec(s, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

static int store_migrate(struct store *s, struct strbuf *err)
{
	int64_t v = store_int(s, "PRAGMA user_version", 0);
	int n = (int)ARRAY_SIZE(store_migrations);
	if (v > n) {
		sb_addf(err, "database '%s' has schema version %lld, newer than this faxintake (%d)",
			s->path, (long long)v, n);
		return -1;
	}
	for (; v < n; v++) {
		if (store_begin(s))
			return -1;
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%lld", (long long)v + 1);
		if (store_exec(s, store_migrations[v]) || store_exec(s, pragma) ||
		    store_event(s, "faxintake", "migrate", NULL, pragma + 7) || store_commit(s)) {
			store_rollback(s);
			sb_addf(err, "cannot migrate '%s' to version %lld", s->path, (long long)v + 1);
			return -1;
		}
	}
	return 0;
}

static struct store *store_open_mode(const char *path, int busy_ms, bool ro, struct strbuf *err)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->busy_timeout_ms = busy_ms;
	int flags = ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sb_addf(err, "cannot open database '%s': %s", path,
			s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	if (store_pragmas(s, ro)) {
		sb_addf(err, "cannot set up database '%s': %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (ro) {
		if (store_int(s, "PRAGMA user_version", 0) > (int64_t)ARRAY_SIZE(store_migrations)) {
			sb_addf(err, "database '%s' is newer than this faxintake", path);
			goto fail;
		}
	} else if (store_migrate(s, err)) {
		goto fail;
	}
	return s;
fail:
	store_close(&s);
	return NULL;
}

struct store *store_open(const char *path, int busy_ms, struct strbuf *err)
{
	return store_open_mode(path, busy_ms, false, err);
}

struct store *store_open_ro(const char *path, int busy_ms, struct strbuf *err)
{
	return store_open_mode(path, busy_ms, true, err);
}

void store_close(struct store **s)
{
	if (!s || !*s)
		return;
	if ((*s)->db)
		sqlite3_close_v2((*s)->db);
	free((*s)->path);
	free(*s);
	*s = NULL;
}

int store_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("database '%s': %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_begin(struct store *s)
{
	/* The busy handler waits busy_timeout_ms; past that, keep waiting in
	 * steps (another process may hold a long write), saying so once. */
	for (int tries = 0;; tries++) {
		int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) {
			log_error("database '%s': cannot begin: %s", s->path, sqlite3_errmsg(s->db));
			return -1;
		}
		if (tries == 0)
			log_warn("database '%s' is locked by another process; waiting", s->path);
		if (tries > 120) {
			log_error("database '%s' stayed locked; giving up", s->path);
			return -1;
		}
		usleep(250000);
	}
}

int store_commit(struct store *s)
{
	for (int tries = 0;; tries++) {
		int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY || tries > 120) {
			log_error("database '%s': cannot commit: %s", s->path, sqlite3_errmsg(s->db));
			return -1;
		}
		usleep(250000);
	}
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_error("database '%s': %s (in: %.60s)", s->path, sqlite3_errmsg(s->db), sql);
		return NULL;
	}
	return st;
}

int64_t store_int(struct store *s, const char *sql, int64_t def)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	int64_t v = def;
	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_event(struct store *s, const char *actor, const char *action, const char *object,
		const char *detail)
{
	sqlite3_stmt *st = store_prepare(s, "INSERT INTO events(at, actor, action, object, detail)"
					    " VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)util_now());
	sqlite3_bind_text(st, 2, actor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, object, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, detail, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc)
		log_error("database '%s': cannot log event: %s", s->path, sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	return rc;
}

const char *store_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

void store_fax_id(int64_t id, char buf[16]) { snprintf(buf, 16, "F-%06lld", (long long)id); }
void store_doc_id(int64_t id, char buf[16]) { snprintf(buf, 16, "D-%06lld", (long long)id); }
void store_case_id(int64_t id, char buf[16]) { snprintf(buf, 16, "C-%06lld", (long long)id); }

int64_t store_parse_id(const char *s, char prefix)
{
	if (!s)
		return -1;
	if (s[0] == prefix && s[1] == '-')
		s += 2;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || v <= 0)
		return -1;
	return v;
}
