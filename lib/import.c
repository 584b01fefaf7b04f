/*
 * import.c: a new case file rebuilt from a full export (fullexport.c).
 *
 * The file is created as any new case file is, with the schema this
 * program writes; then, in one transaction on a connection of its own
 * (no record of rows: the rows and the log come as they were, and the
 * log already records them), every table is emptied and loaded from its
 * CSV with its ids.  The audit log's triggers forbid deleting the entry
 * the new file's first writer made, so the triggers are dropped for the
 * transaction and created again from their own text.  The manifest is
 * checked first: format, schema, every table named once, and each file's
 * SHA-256 and row count, so a damaged export loads nothing.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

/* A table of the manifest. */
struct entry {
	char		*table;
	int64_t		 rows;
	char		 sha[65];
};

struct manifest {
	const char	*dir;
	struct entry	*t;
	size_t		 n;
	int64_t		 record;
};

/* Loading one table's CSV. */
struct load {
	sqlite3		*db;
	const char	*table;
	const char	*path;
	sqlite3_stmt	*st;		/* the INSERT, once the header is read */
	size_t		 ncol;
	int64_t		 record, rows;
	int		 count;		/* only count the records */
};

static void
manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->t[i].table);
	free(m->t);
}

/* A table name fit for a file name: lower case, digits and '_'. */
static int
goodname(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

static int
manifest_row(void *arg, char *const *f, size_t nf, struct cerror *e)
{
	static const char *const head[] = {
		"format", "schema", "table", "rows", "sha256"
	};
	struct manifest	*m = arg;
	struct entry	*t;
	const char	*errstr;
	char		 vis[64];
	long long	 v;

	m->record++;
	if (nf != 5)
		return cerror_set(e, EX_DATAERR, "%s/manifest.csv record "
		    "%lld: %zu fields, not 5", m->dir, (long long)m->record,
		    nf);
	for (size_t i = 0; i < 5; i++)
		if (f[i] == NULL)
			return cerror_set(e, EX_DATAERR, "%s/manifest.csv "
			    "record %lld: field %zu is empty", m->dir,
			    (long long)m->record, i + 1);
	if (m->record == 1) {
		for (size_t i = 0; i < 5; i++)
			if (strcmp(f[i], head[i]) != 0)
				return cerror_set(e, EX_DATAERR, "%s/manifest"
				    ".csv is not the manifest of a full export "
				    "(its header is not format,schema,table,"
				    "rows,sha256)", m->dir);
		return 0;
	}
	if (strcmp(f[0], FULLEXPORT_FORMAT) != 0)
		return cerror_set(e, EX_DATAERR, "%s/manifest.csv: format %s "
		    "is not %s", m->dir, text_vis(vis, sizeof(vis), f[0]),
		    FULLEXPORT_FORMAT);
	v = strtonum(f[1], 1, 1000, &errstr);
	if (errstr != NULL || v != casefile_schema_version())
		return cerror_set(e, EX_DATAERR, "%s/manifest.csv: the export "
		    "is of schema %s, this complaint writes schema %d; "
		    "export from a file a writer of this version has opened",
		    m->dir, text_vis(vis, sizeof(vis), f[1]),
		    casefile_schema_version());
	if (!goodname(f[2]))
		return cerror_set(e, EX_DATAERR, "%s/manifest.csv record "
		    "%lld: %s is not a table name", m->dir,
		    (long long)m->record, text_vis(vis, sizeof(vis), f[2]));
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->t[i].table, f[2]) == 0)
			return cerror_set(e, EX_DATAERR, "%s/manifest.csv "
			    "names table %s twice", m->dir, f[2]);
	v = strtonum(f[3], 0, INT64_MAX, &errstr);
	if (errstr != NULL || strlen(f[4]) != 64 ||
	    f[4][strspn(f[4], "0123456789abcdef")] != '\0')
		return cerror_set(e, EX_DATAERR, "%s/manifest.csv record "
		    "%lld: rows or sha256 of table %s are not a count and a "
		    "SHA-256", m->dir, (long long)m->record, f[2]);
	if ((t = reallocarray(m->t, m->n + 1, sizeof(*t))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	m->t = t;
	if ((t[m->n].table = strdup(f[2])) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	t[m->n].rows = v;
	memcpy(t[m->n].sha, f[4], 65);
	m->n++;
	return 0;
}

static int
manifest_read(const char *dir, struct manifest *m, struct cerror *e)
{
	FILE	*fp;
	char	 path[1024], sha[65];
	int	 rc;

	m->dir = dir;
	if ((rc = fullexport_path(path, sizeof(path), dir, "manifest", e)) != 0)
		return rc;
	if ((fp = fopen(path, "r")) == NULL)
		return cerror_set(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read %s: %s; give the folder complaint-report "
		    "export --all wrote", path, strerror(errno));
	rc = csvio_each(fp, manifest_row, m, sha, e);
	fclose(fp);
	if (rc == EX_DATAERR && strncmp(e->msg, dir, strlen(dir)) != 0)
		cerror_prefix(e, EX_DATAERR, path);
	if (rc == 0 && m->n == 0)
		rc = cerror_set(e, EX_DATAERR, "%s names no table", path);
	return rc;
}

static int
sqlerr(sqlite3 *db, const char *path, struct cerror *e)
{
	int	 rc = sqlite3_errcode(db) & 0xff;

	if (rc == SQLITE_CONSTRAINT || rc == SQLITE_MISMATCH ||
	    rc == SQLITE_TOOBIG)
		return cerror_set(e, EX_DATAERR, "%s", sqlite3_errmsg(db));
	if (rc == SQLITE_BUSY)
		return cerror_set(e, EX_TEMPFAIL, "%s is busy", path);
	if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
		return cerror_set(e, EX_IOERR, "cannot load into %s: %s", path,
		    sqlite3_errmsg(db));
	return cerror_set(e, EX_SOFTWARE, "%s: %s", path, sqlite3_errmsg(db));
}

/* The header: each a column of the table, once, and all of them. */
static int
header(struct load *l, char *const *f, size_t nf, struct cerror *e)
{
	static const char col[] =
	    "SELECT count(*) FILTER (WHERE name = ?2), count(*)"
	    " FROM pragma_table_info(?1)";
	sqlite3_stmt	*st = NULL;
	sqlite3_str	*q;
	char		*sql = NULL;
	int64_t		 want = 0;
	int		 rc = 0, ok = 1;

	if (sqlite3_prepare_v2(l->db, col, -1, &st, NULL) != SQLITE_OK)
		return sqlerr(l->db, l->path, e);
	sqlite3_bind_text(st, 1, l->table, -1, SQLITE_STATIC);
	for (size_t i = 0; i < nf && ok; i++) {
		ok = f[i] != NULL;
		for (size_t k = 0; k < i && ok; k++)
			ok = strcmp(f[i], f[k]) != 0;
		if (!ok)
			break;
		sqlite3_bind_text(st, 2, f[i], -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == 1;
		want = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (!ok || nf == 0 || (int64_t)nf != want)
		return cerror_set(e, EX_DATAERR, "%s: its header is not the "
		    "columns of table %s, each once", l->path, l->table);
	q = sqlite3_str_new(l->db);
	sqlite3_str_appendf(q, "INSERT INTO main.\"%w\" (", l->table);
	for (size_t i = 0; i < nf; i++)
		sqlite3_str_appendf(q, "%s\"%w\"", i > 0 ? ", " : "", f[i]);
	sqlite3_str_appendall(q, ") VALUES (");
	for (size_t i = 0; i < nf; i++)
		sqlite3_str_appendf(q, "%s?", i > 0 ? ", " : "");
	sqlite3_str_appendall(q, ")");
	if ((sql = sqlite3_str_finish(q)) == NULL ||
	    sqlite3_prepare_v2(l->db, sql, -1, &l->st, NULL) != SQLITE_OK)
		rc = sqlerr(l->db, l->path, e);
	else
		l->ncol = nf;
	sqlite3_free(sql);
	return rc;
}

/*
 * A record: bound as text or NULL.  The column's affinity stores a number
 * as the number it was (an INTEGER column turns "12" into 12), so each
 * value comes back with the type it had, and its row hash with it.
 */
static int
load_row(void *arg, char *const *f, size_t nf, struct cerror *e)
{
	struct load	*l = arg;
	int		 rc;

	if (l->record++ == 0)
		return l->count ? 0 : header(l, f, nf, e);
	l->rows++;
	if (l->count)
		return 0;
	if (nf != l->ncol)
		return cerror_set(e, EX_DATAERR, "%s record %lld: %zu fields, "
		    "the header has %zu", l->path, (long long)l->record, nf,
		    l->ncol);
	for (size_t i = 0; i < nf; i++)
		if (f[i] == NULL)
			sqlite3_bind_null(l->st, (int)i + 1);
		else
			sqlite3_bind_text(l->st, (int)i + 1, f[i], -1,
			    SQLITE_TRANSIENT);
	rc = sqlite3_step(l->st);
	sqlite3_reset(l->st);
	if (rc != SQLITE_DONE) {
		rc = sqlerr(l->db, l->path, e);
		return cerror_set(e, rc, "%s record %lld: %s", l->path,
		    (long long)l->record, sqlite3_errmsg(l->db));
	}
	return 0;
}

/*
 * One pass over a table's file: counting only (check), or loading.  The
 * hash and the count must be the manifest's either way: the second pass
 * reads the file again, and it must still be the one checked.
 */
static int
pass(sqlite3 *db, const char *dir, const struct entry *t, int count,
    int64_t *nrows, struct cerror *e)
{
	struct load	 l = { db, t->table, NULL, NULL, 0, 0, 0, count };
	FILE		*fp;
	char		 path[1024], sha[65];
	int		 rc;

	if ((rc = fullexport_path(path, sizeof(path), dir, t->table, e)) != 0)
		return rc;
	l.path = path;
	if ((fp = fopen(path, "r")) == NULL)
		return cerror_set(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read %s: %s; the export is incomplete", path,
		    strerror(errno));
	rc = csvio_each(fp, load_row, &l, sha, e);
	fclose(fp);
	sqlite3_finalize(l.st);
	if (strcmp(sha, t->sha) != 0)
		return cerror_set(e, EX_DATAERR, "%s does not match its "
		    "SHA-256 in manifest.csv; the export is damaged or was "
		    "edited", path);
	if (rc == EX_DATAERR && strncmp(e->msg, path, strlen(path)) != 0)
		return cerror_prefix(e, EX_DATAERR, path);
	if (rc != 0)
		return rc;
	if (l.record == 0)
		return cerror_set(e, EX_DATAERR, "%s has no header", path);
	if (l.rows != t->rows)
		return cerror_set(e, EX_DATAERR, "%s holds %lld rows, "
		    "manifest.csv says %lld", path, (long long)l.rows,
		    (long long)t->rows);
	*nrows += l.rows;
	return 0;
}

/* A statement of no rows on db. */
static int
exec(sqlite3 *db, const char *sql, const char *path, struct cerror *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlerr(db, path, e);
	return 0;
}

/* The tables of the new file must be those of the manifest. */
static int
same_tables(sqlite3 *db, const char *path, const struct manifest *m,
    struct cerror *e)
{
	sqlite3_stmt	*st;
	const char	*name;
	size_t		 i, n = 0;
	int		 rc;

	if (sqlite3_prepare_v2(db, fullexport_tables_sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return sqlerr(db, path, e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		for (i = 0; i < m->n; i++)
			if (strcmp(m->t[i].table, name) == 0)
				break;
		if (i == m->n) {
			rc = cerror_set(e, EX_DATAERR, "%s/manifest.csv lacks "
			    "table %s; the export is incomplete", m->dir,
			    name);
			sqlite3_finalize(st);
			return rc;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(db, path, e);
	if (n != m->n) {
		for (i = 0; i < m->n; i++)
			if (sqlite3_table_column_metadata(db, "main",
			    m->t[i].table, NULL, NULL, NULL, NULL, NULL,
			    NULL) != SQLITE_OK)
				break;
		return cerror_set(e, EX_DATAERR, "%s/manifest.csv names table "
		    "%s, which a case file of schema %d has not", m->dir,
		    i < m->n ? m->t[i].table : "?", casefile_schema_version());
	}
	return 0;
}

/* Empty every table of the new file; the triggers are gone by now. */
static int
empty(sqlite3 *db, const struct manifest *m, const char *path,
    struct cerror *e)
{
	char	*sql;
	int	 rc;

	for (size_t i = 0; i < m->n; i++) {
		if ((sql = sqlite3_mprintf("DELETE FROM main.\"%w\"",
		    m->t[i].table)) == NULL)
			return cerror_set(e, EX_OSERR, "out of memory");
		rc = exec(db, sql, path, e);
		sqlite3_free(sql);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Drop every trigger, keeping its text in *keep to create it again. */
static int
triggers_drop(sqlite3 *db, const char *path, struct buf *keep,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
	    " ORDER BY rowid";
	sqlite3_stmt	*st;
	struct buf	 drop = { NULL, 0, 0 };
	char		*d;
	int		 rc, oom = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sqlerr(db, path, e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = sqlite3_mprintf("DROP TRIGGER main.\"%w\";",
		    (const char *)sqlite3_column_text(st, 0));
		oom |= d == NULL || buf_puts(&drop, d) != 0 ||
		    buf_puts(keep, (const char *)sqlite3_column_text(st, 1)) !=
		    0 || buf_puts(keep, ";\n") != 0;
		sqlite3_free(d);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rc = sqlerr(db, path, e);
	else if (oom)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = drop.s != NULL ? exec(db, drop.s, path, e) : 0;
	buf_free(&drop);
	return rc;
}

int
import_export(const char *dir, const char *path, int64_t *nrows,
    struct cerror *e)
{
	struct manifest	 m = { dir, NULL, 0, 0 };
	struct casefile	*cf = NULL;
	struct buf	 trig = { NULL, 0, 0 };
	sqlite3		*db = NULL;
	char		 side[1100];
	int64_t		 n = 0;
	int		 fd, rc;
	size_t		 i;

	*nrows = 0;
	if ((rc = manifest_read(dir, &m, e)) != 0)
		goto done;
	for (i = 0; i < m.n; i++)
		if ((rc = pass(NULL, dir, &m.t[i], 1, &n, e)) != 0)
			goto done;
	/* A new file, 0600, never one that is there: it would be emptied. */
	if ((rc = casefile_mkparents(path, e)) != 0)
		goto done;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0600)) == -1) {
		rc = cerror_set(e, EX_CANTCREAT, "cannot create the case file "
		    "%s: %s%s", path, strerror(errno), errno == EEXIST ?
		    "; import writes a new case file only" : "");
		goto done;
	}
	fchmod(fd, 0600);
	close(fd);
	/* The schema, as for any new file; then a connection of our own. */
	if ((rc = casefile_open(&cf, path, CF_WRITE, e)) != 0)
		goto fail;
	casefile_close(cf);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		rc = sqlerr(db, path, e);
		goto fail;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if ((rc = exec(db, "PRAGMA synchronous = FULL; BEGIN IMMEDIATE",
	    path, e)) != 0 ||
	    (rc = same_tables(db, path, &m, e)) != 0 ||
	    (rc = triggers_drop(db, path, &trig, e)) != 0 ||
	    (rc = empty(db, &m, path, e)) != 0)
		goto fail;
	n = 0;
	for (i = 0; i < m.n; i++)
		if ((rc = pass(db, dir, &m.t[i], 0, &n, e)) != 0)
			goto fail;
	if ((trig.s != NULL && (rc = exec(db, trig.s, path, e)) != 0) ||
	    (rc = exec(db, "COMMIT", path, e)) != 0)
		goto fail;
	if (sqlite3_close(db) != SQLITE_OK) {
		rc = cerror_set(e, EX_IOERR, "cannot close %s after the import",
		    path);
		db = NULL;
		goto fail;
	}
	db = NULL;
	*nrows = n;
	goto done;
fail:
	if (db != NULL) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
done:
	buf_free(&trig);
	manifest_free(&m);
	return rc;
}
