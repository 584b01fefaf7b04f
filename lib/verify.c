/*
 * verify.c: prove the tables from the log.  The rows each audit entry
 * recorded (audit.c) are replayed in order, the last hash of each row
 * kept; every row of every table is hashed afresh; the two sets must be
 * equal.  Both live in TEMP tables, so the work is a few sorted passes,
 * whatever the size of the file.
 *
 * The stats tallies (migrate-9.sql) are not evidence and the log does not
 * record them: they are counted again from the cases and must agree.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

static int
run(struct casefile *cf, const char *sql, struct cerror *e)
{
	char	*err = NULL;
	int	 rc;

	if ((rc = sqlite3_exec(cf->db, sql, NULL, NULL, &err)) != SQLITE_OK) {
		rc = cerror_set(e, (rc & 0xff) == SQLITE_ERROR ? 1 :
		    EX_SOFTWARE, "cannot replay the audit log: %s",
		    err != NULL ? err : sqlite3_errmsg(cf->db));
		sqlite3_free(err);
	}
	return rc;
}

/* Every row of every table as it is now, into temp.verify_have. */
static int
hash_tables(struct casefile *cf, int64_t *nrows, struct cerror *e)
{
	static const char ins[] =
	    "INSERT INTO temp.verify_have (tbl, key, hash) VALUES (?, ?, ?)";
	sqlite3_stmt	*st, *in;
	char		 hex[65], key[32];
	const char	*k;
	int		 rc = SQLITE_DONE;

	for (int i = 0; audit_tables[i].name != NULL; i++) {
		/* A reader leaves an older file as it is: a table of a
		 * later schema is not there yet, and has no rows. */
		if (sqlite3_table_column_metadata(cf->db, "main",
		    audit_tables[i].name, NULL, NULL, NULL, NULL, NULL,
		    NULL) != SQLITE_OK)
			continue;
		if ((st = db_prepare(cf, audit_tables[i].all, e)) == NULL)
			return e->code;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			k = (const char *)sqlite3_column_text(st, 0);
			if (audit_tables[i].rowid) {
				snprintf(key, sizeof(key), "%lld", (long long)
				    sqlite3_column_int64(st, 0));
				k = key;
			}
			audit_rowhash(st, 1, hex);
			if ((in = db_prepare(cf, ins, e)) == NULL) {
				sqlite3_reset(st);
				return e->code;
			}
			sqlite3_bind_text(in, 1, audit_tables[i].name, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(in, 2, k, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(in, 3, hex, -1, SQLITE_STATIC);
			if (db_done(cf, in, e) != 0) {
				sqlite3_reset(st);
				return e->code;
			}
			(*nrows)++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(cf, rc, e);
	}
	return 0;
}

/* The first row of sql that differs, as a message; count them all. */
static int
differ(struct casefile *cf, const char *sql, int added, int64_t *nbad,
    struct cerror *e)
{
	sqlite3_stmt	*st;
	char		 vis[200];
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((*nbad)++ > 0)
			continue;
		text_vis(vis, sizeof(vis), (const char *)
		    sqlite3_column_text(st, 1));
		if (added && sqlite3_column_type(st, 2) == SQLITE_NULL)
			cerror_set(e, 1, "%s row %s was added outside the "
			    "tools: no audit entry records it",
			    sqlite3_column_text(st, 0), vis);
		else if (added)
			cerror_set(e, 1, "%s row %s was added outside the "
			    "tools: audit entry %lld recorded it deleted",
			    sqlite3_column_text(st, 0), vis,
			    (long long)sqlite3_column_int64(st, 2));
		else if (sqlite3_column_int(st, 3))
			cerror_set(e, 1, "%s row %s was deleted outside the "
			    "tools: audit entry %lld recorded it",
			    sqlite3_column_text(st, 0), vis,
			    (long long)sqlite3_column_int64(st, 2));
		else
			cerror_set(e, 1, "%s row %s was changed outside the "
			    "tools: it does not match audit entry %lld",
			    sqlite3_column_text(st, 0), vis,
			    (long long)sqlite3_column_int64(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

/* a and b both NULL, or equal */
static int
same(const unsigned char *a, const unsigned char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp((const char *)a, (const char *)b) == 0;
}

/*
 * Replay the log's rows in order into temp.verify_want, each row keeping
 * the hash of its last entry.  A row an entry changed carries the hash
 * of the row as the command found it: it must be the hash the log had,
 * or the row was altered between two commands (and the later write would
 * otherwise hide it).
 */
static int
replay(struct casefile *cf, int64_t *nbad, struct cerror *e)
{
	/* A tag recorded by its text (before its hash was): as now. */
	static const char rows[] =
	    "SELECT a.id, json_extract(r.value, '$[0]'),"
	    " CASE WHEN json_extract(r.value, '$[0]') = 'tags'"
	    " AND json_extract(json_extract(r.value, '$[1]'), '$[1]')"
	    " NOT GLOB 'sha256:*'"
	    " THEN json_array(json_extract(json_extract(r.value, '$[1]'),"
	    " '$[0]'), 'sha256:' || sha256(json_extract(json_extract("
	    " r.value, '$[1]'), '$[1]')))"
	    " ELSE json_extract(r.value, '$[1]') END,"
	    " json_extract(r.value, '$[2]'),"
	    " json_array_length(r.value), json_extract(r.value, '$[3]')"
	    " FROM audit a, json_each(a.rows) r"
	    " WHERE a.rows IS NOT NULL ORDER BY a.id, r.key";
	static const char get[] =
	    "SELECT hash FROM temp.verify_want WHERE tbl = ?1 AND key = ?2";
	static const char put[] =
	    "INSERT OR REPLACE INTO temp.verify_want (tbl, key, hash, entry)"
	    " VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt	*st, *g, *p;
	const unsigned char *tbl, *key, *was;
	char		 vis[200];
	int		 rc, grc;

	if ((st = db_prepare(cf, rows, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tbl = sqlite3_column_text(st, 1);
		key = sqlite3_column_text(st, 2);
		if (tbl == NULL || key == NULL)
			continue;
		if (sqlite3_column_int(st, 4) == 4) {
			if ((g = db_prepare(cf, get, e)) == NULL)
				break;
			sqlite3_bind_text(g, 1, (const char *)tbl, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(g, 2, (const char *)key, -1,
			    SQLITE_STATIC);
			grc = sqlite3_step(g);
			was = grc == SQLITE_ROW ? sqlite3_column_text(g, 0) :
			    NULL;
			if (grc != SQLITE_ROW && grc != SQLITE_DONE) {
				sqlite3_reset(g);
				rc = grc;
				break;
			}
			if (!same(was, sqlite3_column_text(st, 5)) &&
			    (*nbad)++ == 0)
				cerror_set(e, 1, "%s row %s was %s outside the "
				    "tools before audit entry %lld changed "
				    "it", tbl, text_vis(vis, sizeof(vis),
				    (const char *)key), was == NULL ?
				    "added" : "changed",
				    (long long)sqlite3_column_int64(st, 0));
			sqlite3_reset(g);
		}
		if ((p = db_prepare(cf, put, e)) == NULL)
			break;
		sqlite3_bind_text(p, 1, (const char *)tbl, -1, SQLITE_STATIC);
		sqlite3_bind_text(p, 2, (const char *)key, -1, SQLITE_STATIC);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			sqlite3_bind_text(p, 3, (const char *)
			    sqlite3_column_text(st, 3), -1, SQLITE_STATIC);
		sqlite3_bind_int64(p, 4, sqlite3_column_int64(st, 0));
		if (db_done(cf, p, e) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return e->code;
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

int
verify_tallies(struct casefile *cf, int recount, int64_t *nbad,
    struct cerror *e)
{
	static const char differ_sql[] =
	    "SELECT 'tally_cases', json_array(status, severity, channel),"
	    " sum(have), sum(want) FROM ("
	    "SELECT status, severity, channel, n AS have, 0 AS want"
	    " FROM tally_cases UNION ALL"
	    " SELECT status, severity, coalesce(channel, '-'), 0, 1 FROM cases)"
	    " GROUP BY status, severity, channel HAVING sum(have) <> sum(want)"
	    " UNION ALL "
	    "SELECT 'tally_hours', json_array(kind, secs), sum(have),"
	    " sum(want) FROM ("
	    "SELECT kind, secs, n AS have, 0 AS want FROM tally_hours UNION ALL"
	    " SELECT kind, secs, 0, 1 FROM tally_hours_of)"
	    " GROUP BY kind, secs HAVING sum(have) <> sum(want)";
	sqlite3_stmt	*st;
	char		 vis[200];
	int64_t		 bad = 0;
	int		 rc;

	if (!tally_there(cf))
		return 0;
	if ((st = db_prepare(cf, differ_sql, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (bad++ == 0 && *nbad == 0)
			cerror_set(e, 1, "%s row %s was changed outside the "
			    "tools: it counts %lld cases where there are %lld; "
			    "complaint init -f %s counts them again",
			    sqlite3_column_text(st, 0), text_vis(vis,
			    sizeof(vis), (const char *)sqlite3_column_text(st,
			    1)), sqlite3_column_int64(st, 2),
			    sqlite3_column_int64(st, 3), cf->path);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	*nbad += bad;
	return recount && bad > 0 ? tally_count(cf, e) : 0;
}

int
verify_tables(struct casefile *cf, struct verify_rows *v, struct cerror *e)
{
	static const char setup[] =
	    "CREATE TEMP TABLE IF NOT EXISTS verify_want (tbl TEXT, key TEXT,"
	    " hash TEXT, entry INTEGER, PRIMARY KEY (tbl, key)) WITHOUT ROWID;"
	    "CREATE TEMP TABLE IF NOT EXISTS verify_have (tbl TEXT, key TEXT,"
	    " hash TEXT, PRIMARY KEY (tbl, key)) WITHOUT ROWID;"
	    "DELETE FROM temp.verify_want; DELETE FROM temp.verify_have;";
	static const char changed[] =
	    "SELECT w.tbl, w.key, w.entry, h.hash IS NULL"
	    " FROM temp.verify_want w LEFT JOIN temp.verify_have h"
	    " ON h.tbl = w.tbl AND h.key = w.key"
	    " WHERE w.hash IS NOT NULL AND h.hash IS NOT w.hash"
	    " ORDER BY w.entry, w.tbl, w.key";
	static const char added[] =
	    "SELECT h.tbl, h.key, w.entry FROM temp.verify_have h"
	    " LEFT JOIN temp.verify_want w ON w.tbl = h.tbl AND w.key = h.key"
	    " WHERE w.hash IS NULL ORDER BY h.tbl, h.key";
	int64_t		 nbad = 0;
	int		 rc;

	memset(v, 0, sizeof(*v));
	if (!audit_has_rows(cf))
		return 0;
	v->checked = 1;
	if ((rc = run(cf, setup, e)) != 0 || (rc = replay(cf, &nbad, e)) != 0 ||
	    (rc = hash_tables(cf, &v->rows, e)) != 0 ||
	    (rc = differ(cf, changed, 0, &nbad, e)) != 0 ||
	    (rc = differ(cf, added, 1, &nbad, e)) != 0 ||
	    (rc = verify_tallies(cf, 0, &nbad, e)) != 0)
		return rc;
	v->bad = nbad;
	if (nbad > 1) {
		char	 more[48];

		snprintf(more, sizeof(more), " (and %lld more)",
		    (long long)nbad - 1);
		strlcat(e->msg, more, sizeof(e->msg));
	}
	return 0;
}

int
verify_redactions(struct casefile *cf, int64_t *entry, struct cerror *e)
{
	/*
	 * A redaction is backed by a later anonymise entry that names the
	 * entry with its content hash.  A file's first, unrecorded entries
	 * (before schema 5) may have been redacted by an anonymise of theirs
	 * that named nothing: those are legacy.
	 */
	static const char sql[] =
	    "SELECT a.id FROM audit a WHERE a.redacted IS NOT NULL"
	    " AND NOT EXISTS (SELECT 1 FROM audit b,"
	    " json_each(CASE WHEN json_valid(b.content) THEN b.content"
	    " ELSE '{}' END, '$.redacted') r"
	    " WHERE b.action = 'anonymise' AND b.redacted IS NULL"
	    " AND b.rows IS NOT NULL AND b.id > a.id"
	    " AND json_extract(r.value, '$[0]') = a.id"
	    " AND json_extract(r.value, '$[1]') = a.content_hash)"
	    " AND NOT (a.rows IS NULL AND EXISTS (SELECT 1 FROM audit b"
	    " WHERE b.action = 'anonymise' AND b.rows IS NULL"
	    " AND b.id > a.id))"
	    " ORDER BY a.id LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	*entry = 0;
	if (!audit_has_rows(cf))
		return 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*entry = sqlite3_column_int64(st, 0);
		cerror_set(e, 1, "audit entry %lld is redacted, but no "
		    "anonymise entry records its redaction", (long long)*entry);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}
