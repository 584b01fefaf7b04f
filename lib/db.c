/*
 * db.c: the ground under every module that reads or writes the case file:
 * prepared statements kept for the life of the handle, binding, stepping,
 * SQLite's result codes as sysexits codes with a message, and the run of
 * migrations in one transaction.  It calls nothing above error.c.
 *
 * SQLite only.  The SQL elsewhere is meant to run on PostgreSQL too, the
 * next store for teams; what does not is listed here with the files that
 * hold it (tests/layers.sh checks each list against the tree), and what
 * PostgreSQL does instead.  Keep a new one out, or add it here.
 *
 * - `PRAGMA` in anonymise.c backup.c casefile.c db.c fullexport.c import.c
 *   intake.c schema.sql: journal_mode, synchronous, foreign_keys, cache_size
 *   are the server's business there (WAL and fsync always, foreign keys always
 *   on); application_id and user_version become a one-row table, schema(app,
 *   version), that db_migrate reads and writes under the same transaction.
 * - `sqlite_schema` in casefile.c explain.c import.c intake.c: "is the file
 *   empty" and "has it the table" become a look in information_schema.tables,
 *   as does `sqlite3_table_column_metadata` in audit.c import.c tally.c
 *   verify.c; `pragma_table_info` in fullexport.c import.c report.c becomes
 *   information_schema.columns.
 * - `sqlite3_db_config` in casefile.c import.c, `sqlite3_busy_handler` in
 *   casefile.c, `SQLITE_OPEN_NOMUTEX` in casefile.c and
 *   `SQLITE_PREPARE_PERSISTENT` in db.c: connection options; lock_timeout
 *   (a large import needs no journal of its own there: the server keeps
 *   readers answering), and prepared statements by name in libpq.
 * - `BEGIN IMMEDIATE` in casefile.c db.c import.c: BEGIN ISOLATION LEVEL
 *   SERIALIZABLE, retried on a serialization failure as on busy (75).
 * - `INSERT OR IGNORE` in cases.c comms.c migrate-2.sql migrate-3.sql
 *   migrate-6.sql query.c resolve.c and `INSERT OR REPLACE` in cases.c
 *   verify.c: INSERT ... ON CONFLICT (key) DO NOTHING / DO UPDATE, which
 *   SQLite also runs; not changed yet because OR IGNORE also skips a NOT NULL
 *   or CHECK failure.
 * - `unixepoch(` in migrate-8.sql migrate-9.sql query.c report.c:
 *   extract(epoch FROM t) once times are timestamptz (they are ISO 8601 text
 *   now, compared as text); `round(` in query.c report.c wants numeric, not
 *   double, there.
 * - `INDEXED BY` in query.c: dropped; PostgreSQL reads an index of
 *   expressions alone by itself (an index-only scan).
 * - `group_concat(` in intake.c query.c report.c: string_agg(x, sep).
 * - `instr(` in audit.c query.c report.c resolve.c: strpos(s, t).
 * - `GLOB` in anonymise.c verify.c: a regular expression (~) or LIKE.
 * - `COLLATE NOCASE` in cases.c correct.c schema.sql: lower() on both sides
 *   and an index on lower(col), or the citext type.
 * - `json_extract(` in anonymise.c audit.c migrate-7.sql report.c verify.c,
 *   `json_each(` in audit.c report.c verify.c, `json_array(` in audit.c
 *   verify.c, `json_valid(` in anonymise.c audit.c migrate-7.sql report.c
 *   verify.c: jsonb's ->, jsonb_array_elements, jsonb_build_array, and a cast
 *   that fails.
 * - `WITHOUT ROWID` in migrate-6.sql migrate-9.sql schema.sql verify.c:
 *   dropped (every table is keyed); `rowid` in accounts.c audit.c cases.c
 *   comms.c correct.c explain.c fullexport.c import.c resolve.c triage.c
 *   verify.c: the id column, which is the rowid of each table keyed by rowid;
 *   `INTEGER PRIMARY KEY` in migrate-2.sql migrate-6.sql migrate-7.sql
 *   schema.sql: bigint GENERATED ALWAYS AS IDENTITY.
 * - `sqlite3_last_insert_rowid` in accounts.c cases.c comms.c correct.c
 *   explain.c resolve.c triage.c: INSERT ... RETURNING id (SQLite runs it
 *   too); `sqlite3_changes` in query.c resolve.c triage.c: the command tag.
 * - `RAISE(` in migrate-5.sql schema.sql: the append-only triggers of the log
 *   become a PL/pgSQL trigger function; their `IS old.` in migrate-5.sql
 *   schema.sql is IS NOT DISTINCT FROM.  So do the triggers that keep the
 *   stats tallies, `CREATE TRIGGER tally_` in migrate-9.sql (their upserts
 *   run there as they are).
 * - `CREATE TEMP` in audit.c verify.c and `sqlite3_update_hook` in audit.c:
 *   the record of rows written becomes triggers on each table filling a
 *   temporary table; verify's work tables are temporary too.
 * - `sqlite3_create_function` in anonymise.c audit.c casefile.c query.c
 *   stats.c: money, phone_e164, sha256, the --grep matcher, the row record
 *   and stats' count of each case run in C inside SQLite; PostgreSQL runs
 *   sha256() and formatting itself, and the rest moves to C after the
 *   fetch.
 * - `sqlite3_backup` in backup.c: pg_dump.
 * - `+c.` in query.c: a unary plus that keeps SQLite's planner off an index;
 *   PostgreSQL runs it and ignores it.  The partial indexes of schema.sql run
 *   there too; SQLite only uses one when a query's WHERE repeats its test word
 *   for word (SQL_ENDED of internal.h).
 */
#include <stdio.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

int
db_error(struct casefile *cf, int rc, struct cerror *e)
{
	const char	*msg = sqlite3_errmsg(cf->db);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cerror_set(e, EX_TEMPFAIL, "case file %s is busy "
		    "(another command holds it); try again", cf->path);
	case SQLITE_FULL:
		return cerror_set(e, EX_IOERR, "cannot write %s: the disk "
		    "or a file size limit is full; nothing was changed",
		    cf->path);
	case SQLITE_IOERR:
		/* The WAL's errno is not kept, so EFBIG looks like EIO. */
		if (rc == SQLITE_IOERR_WRITE)
			return cerror_set(e, EX_IOERR, "cannot write %s: the "
			    "disk is full, a file size limit was reached, or "
			    "the disk failed; nothing was changed", cf->path);
		/* FALLTHROUGH */
	case SQLITE_PROTOCOL:
		return cerror_set(e, EX_IOERR, "I/O error on %s: %s",
		    cf->path, msg);
	case SQLITE_READONLY:
		if (rc == SQLITE_READONLY_ROLLBACK)
			return cerror_set(e, EX_TEMPFAIL, "%s holds the journal "
			    "of an import that was stopped; the next command "
			    "that writes it takes the import back (its owner "
			    "can run complaint init -f %s)", cf->path,
			    cf->path);
		/* FALLTHROUGH */
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return cerror_set(e, EX_CANTCREAT, "cannot write %s: %s; check "
		    "the permissions of the file and its folder", cf->path,
		    msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return cerror_set(e, EX_DATAERR, "%s is not a case file or is "
		    "damaged (%s)", cf->path, msg);
	case SQLITE_CONSTRAINT:
		return cerror_set(e, EX_DATAERR, "%s", msg);
	default:
		return cerror_set(e, EX_SOFTWARE, "%s: %s", cf->path, msg);
	}
}

sqlite3_stmt *
db_prepare(struct casefile *cf, const char *sql, struct cerror *e)
{
	size_t		 i, slot = STMT_CACHE;
	int		 rc;

	for (i = 0; i < STMT_CACHE; i++) {
		if (cf->cache[i].sql == sql) {
			sqlite3_reset(cf->cache[i].st);
			sqlite3_clear_bindings(cf->cache[i].st);
			return cf->cache[i].st;
		}
		if (cf->cache[i].sql == NULL && slot == STMT_CACHE)
			slot = i;
	}
	if (slot == STMT_CACHE) {
		/* Full: a program with this many statements is one bug. */
		cerror_set(e, EX_SOFTWARE, "statement cache is full");
		return NULL;
	}
	rc = sqlite3_prepare_v3(cf->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &cf->cache[slot].st, NULL);
	if (rc != SQLITE_OK) {
		db_error(cf, rc, e);
		return NULL;
	}
	cf->cache[slot].sql = sql;
	return cf->cache[slot].st;
}

int
db_done(struct casefile *cf, sqlite3_stmt *st, struct cerror *e)
{
	int	 rc;

	/* Map the error before the reset, which can clear its errno. */
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		rc = db_error(cf, rc, e);
	else
		rc = 0;
	sqlite3_reset(st);
	return rc;
}

int
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

int
db_rows(struct casefile *cf, sqlite3_stmt *st, row_fn *fn, void *arg,
    struct cerror *e)
{
	const char	*name[32];
	const char	*val[32];
	int		 type[32];
	struct row	 r = { 0, name, val, type };
	int		 rc, i;

	r.n = sqlite3_column_count(st);
	if (r.n > 32)
		return cerror_set(e, EX_SOFTWARE, "too many columns");
	for (i = 0; i < r.n; i++)
		name[i] = sqlite3_column_name(st, i);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < r.n; i++) {
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_NULL:
				type[i] = VAL_NULL;
				break;
			case SQLITE_INTEGER:
			case SQLITE_FLOAT:	/* a number, bare in JSON */
				type[i] = VAL_INT;
				break;
			default:
				type[i] = VAL_TEXT;
			}
			val[i] = (const char *)sqlite3_column_text(st, i);
		}
		if ((rc = fn(arg, &r)) != 0) {
			sqlite3_reset(st);
			return cerror_set(e, rc, "cannot write output");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

int
db_migrate(sqlite3 *db, const struct migration *m, size_t n,
    struct cerror *e)
{
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int		 rc, v;
	size_t		 i;

	if ((rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return cerror_set(e, (rc & 0xff) == SQLITE_BUSY ? EX_TEMPFAIL :
		    EX_SOFTWARE, "cannot migrate: %s", sqlite3_errmsg(db));
	/* Read the version inside the transaction: another may have won. */
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		rc = cerror_set(e, EX_SOFTWARE, "cannot migrate: %s",
		    sqlite3_errmsg(db));
		goto fail;
	}
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	for (i = 0; i < n; i++) {
		char	 pragma[40];

		if (m[i].sql == NULL || m[i].to <= v)
			continue;
		if (sqlite3_exec(db, m[i].sql, NULL, NULL, &err) != SQLITE_OK) {
			rc = cerror_set(e, EX_SOFTWARE, "cannot migrate the "
			    "case file to schema %d: %s", m[i].to, err);
			goto fail;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    m[i].to);
		if (sqlite3_exec(db, pragma, NULL, NULL, &err) != SQLITE_OK) {
			rc = cerror_set(e, EX_SOFTWARE, "cannot migrate: %s",
			    err);
			goto fail;
		}
		v = m[i].to;
	}
	if ((rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
		rc = cerror_set(e, (rc & 0xff) == SQLITE_BUSY ? EX_TEMPFAIL :
		    EX_IOERR, "cannot migrate: %s", sqlite3_errmsg(db));
		goto fail;
	}
	return 0;
fail:
	sqlite3_free(err);
	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
