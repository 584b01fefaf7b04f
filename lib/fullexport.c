/*
 * fullexport.c: every table of the case file, every row and column as
 * stored, for a copy that outlives SQLite or for another tool.  The
 * tables are read from sqlite_schema, not from a list, so a table a later
 * schema adds is exported without a line of code here.
 *
 * Table and column names cannot be bound as values: they are quoted into
 * the SQL with sqlite3_mprintf's %w, and they come from the file's own
 * schema, never from input.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <sha2.h>
#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

const char fullexport_tables_sql[] =
    "SELECT name, wr FROM pragma_table_list"
    " WHERE schema = 'main' AND type = 'table'"
    " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

/* A table exported: its name, rows and the SHA-256 of its file. */
struct table {
	char		*name;
	int64_t		 rows;
	char		 sha[65];
};

struct tables {
	struct table	*t;
	size_t		 n;
};

static void
tables_free(struct tables *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		free(ts->t[i].name);
	free(ts->t);
	ts->t = NULL;
	ts->n = 0;
}

/* The tables of the file, by name; WITHOUT ROWID ones flagged in wr. */
static int
tables_list(struct casefile *cf, struct tables *ts, int **wr,
    struct cerror *e)
{
	sqlite3_stmt	*st;
	struct table	*t;
	int		*w;
	int		 rc;

	if ((st = db_prepare(cf, fullexport_tables_sql, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((t = reallocarray(ts->t, ts->n + 1, sizeof(*t))) == NULL ||
		    (ts->t = t, (w = reallocarray(*wr, ts->n + 1,
		    sizeof(*w))) == NULL)) {
			sqlite3_reset(st);
			return cerror_set(e, EX_OSERR, "out of memory");
		}
		*wr = w;
		memset(&t[ts->n], 0, sizeof(t[0]));
		w[ts->n] = sqlite3_column_int(st, 1);
		if ((t[ts->n].name = strdup((const char *)
		    sqlite3_column_text(st, 0))) == NULL) {
			sqlite3_reset(st);
			return cerror_set(e, EX_OSERR, "out of memory");
		}
		ts->n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

/*
 * Every row of table name in a stable order: by rowid, or by the primary
 * key of a WITHOUT ROWID table (a covering index could order it else).
 */
static int
table_select(struct casefile *cf, const char *name, int wr,
    sqlite3_stmt **stp, struct cerror *e)
{
	static const char pk[] =
	    "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk";
	sqlite3_str	*q;
	sqlite3_stmt	*st;
	char		*sql;
	int		 rc, n = 0;

	q = sqlite3_str_new(cf->db);
	sqlite3_str_appendf(q, "SELECT * FROM main.\"%w\" ORDER BY ", name);
	if (!wr)
		sqlite3_str_appendall(q, "rowid");
	else {
		if ((st = db_prepare(cf, pk, e)) == NULL) {
			sqlite3_free(sqlite3_str_finish(q));
			return e->code;
		}
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			sqlite3_str_appendf(q, "%s\"%w\"", n++ > 0 ? ", " : "",
			    (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			sqlite3_free(sqlite3_str_finish(q));
			return db_error(cf, rc, e);
		}
	}
	if ((sql = sqlite3_str_finish(q)) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	rc = sqlite3_prepare_v2(cf->db, sql, -1, stp, NULL);
	sqlite3_free(sql);
	return rc == SQLITE_OK ? 0 : db_error(cf, rc, e);
}

/* The type of column i as VAL_*, with its text; a REAL keeps every digit. */
static int
value(sqlite3_stmt *st, int i, const char *table, const char **s,
    size_t *len, char num[32], struct cerror *e)
{
	double	 d;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		*s = NULL;
		*len = 0;
		return VAL_NULL;
	case SQLITE_INTEGER:
		*len = (size_t)snprintf(num, 32, "%lld",
		    (long long)sqlite3_column_int64(st, i));
		*s = num;
		return VAL_INT;
	case SQLITE_FLOAT:
		d = sqlite3_column_double(st, i);
		if (!isfinite(d))
			break;
		*len = (size_t)snprintf(num, 32, "%.17g", d);
		*s = num;
		return VAL_INT;
	case SQLITE_TEXT:
		*s = (const char *)sqlite3_column_text(st, i);
		*len = (size_t)sqlite3_column_bytes(st, i);
		return VAL_TEXT;
	default:
		break;
	}
	cerror_set(e, EX_DATAERR, "table %s column %s holds a value an "
	    "export cannot carry (bytes, or a number that is not finite)",
	    table, sqlite3_column_name(st, i));
	return -1;
}

int
fullexport_path(char *path, size_t size, const char *dir, const char *name,
    struct cerror *e)
{
	if ((size_t)snprintf(path, size, "%s/%s.csv", dir, name) >= size)
		return cerror_set(e, EX_USAGE, "%s: the path is too long", dir);
	return 0;
}

/* A new file of the export, 0600; NULL with e set when it cannot be. */
static FILE *
create(const char *path, struct cerror *e)
{
	FILE	*fp = NULL;
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0600)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		cerror_set(e, EX_CANTCREAT, "cannot create %s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
	}
	return fp;
}

/* Close a file of the export; rc is a fault writing it (EX_*) or 0. */
static int
finish(FILE *fp, const char *path, int rc, struct cerror *e)
{
	if (fclose(fp) == EOF && rc == 0)
		rc = EX_IOERR;
	if (rc != 0)
		return cerror_set(e, rc, "cannot write %s: %s", path,
		    rc == EX_OSERR ? "out of memory" : strerror(errno));
	return 0;
}

/* Write b to fp and hash it; 0 or EX_IOERR. */
static int
put(FILE *fp, SHA2_CTX *ctx, const struct buf *b)
{
	SHA256Update(ctx, (const void *)b->s, b->len);
	return fwrite(b->s, 1, b->len, fp) == b->len ? 0 : EX_IOERR;
}

/* One table as DIR/NAME.csv, a header of its columns first. */
static int
table_csv(struct casefile *cf, const char *dir, struct table *t, int wr,
    struct cerror *e)
{
	struct buf	 b = { NULL, 0, 0 };
	sqlite3_stmt	*st = NULL;
	SHA2_CTX	 ctx;
	FILE		*fp = NULL;
	const char	*s;
	char		 path[1024], num[32];
	size_t		 len;
	int		 rc, type, n;

	if ((rc = fullexport_path(path, sizeof(path), dir, t->name, e)) != 0 ||
	    (rc = table_select(cf, t->name, wr, &st, e)) != 0)
		return rc;
	if ((fp = create(path, e)) == NULL) {
		rc = e->code;
		goto out;
	}
	SHA256Init(&ctx);
	n = sqlite3_column_count(st);
	for (int i = 0; i < n && rc == 0; i++) {
		s = sqlite3_column_name(st, i);
		rc = csvio_put(&b, i == 0, VAL_TEXT, s, strlen(s));
	}
	if (rc != 0 || (rc = buf_add(&b, "\n", 1)) != 0 ||
	    (rc = put(fp, &ctx, &b)) != 0)
		goto write;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_reset(&b);
		for (int i = 0; i < n; i++) {
			if ((type = value(st, i, t->name, &s, &len, num, e)) ==
			    -1) {
				rc = e->code;
				goto out;
			}
			if ((rc = csvio_put(&b, i == 0, type, s, len)) != 0)
				goto write;
		}
		if ((rc = buf_add(&b, "\n", 1)) != 0 ||
		    (rc = put(fp, &ctx, &b)) != 0)
			goto write;
		t->rows++;
	}
	if (rc != SQLITE_DONE) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	rc = 0;
	SHA256End(&ctx, t->sha);
write:
	rc = finish(fp, path, rc, e);
	fp = NULL;
out:
	if (fp != NULL)
		fclose(fp);
	sqlite3_finalize(st);
	buf_free(&b);
	return rc;
}

/* DIR/manifest.csv: format, schema, and each table's rows and hash. */
static int
manifest(struct casefile *cf, const char *dir, const struct tables *ts,
    struct cerror *e)
{
	static const char *const head[] = {
		"format", "schema", "table", "rows", "sha256"
	};
	struct buf	 b = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	FILE		*fp;
	char		 path[1024], schema[24], rows[24];
	int		 rc = 0, v;

	if ((st = db_prepare(cf, "PRAGMA user_version", e)) == NULL)
		return e->code;
	v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	snprintf(schema, sizeof(schema), "%d", v);
	for (size_t i = 0; i < 5; i++)
		rc |= csvio_put(&b, i == 0, VAL_TEXT, head[i],
		    strlen(head[i]));
	rc |= buf_add(&b, "\n", 1);
	for (size_t i = 0; i < ts->n; i++) {
		snprintf(rows, sizeof(rows), "%lld", (long long)ts->t[i].rows);
		rc |= csvio_put(&b, 1, VAL_TEXT, FULLEXPORT_FORMAT,
		    strlen(FULLEXPORT_FORMAT));
		rc |= csvio_put(&b, 0, VAL_INT, schema, strlen(schema));
		rc |= csvio_put(&b, 0, VAL_TEXT, ts->t[i].name,
		    strlen(ts->t[i].name));
		rc |= csvio_put(&b, 0, VAL_INT, rows, strlen(rows));
		rc |= csvio_put(&b, 0, VAL_TEXT, ts->t[i].sha, 64);
		rc |= buf_add(&b, "\n", 1);
	}
	if (rc != 0) {
		buf_free(&b);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	if ((rc = fullexport_path(path, sizeof(path), dir, "manifest", e)) ==
	    0) {
		if ((fp = create(path, e)) == NULL)
			rc = e->code;
		else
			rc = finish(fp, path, fwrite(b.s, 1, b.len, fp) !=
			    b.len ? EX_IOERR : 0, e);
	}
	buf_free(&b);
	return rc;
}

int
fullexport_csv(struct casefile *cf, const char *dir, int64_t *nrows,
    struct cerror *e)
{
	struct tables	 ts = { NULL, 0 };
	char		 path[1024];
	int		*wr = NULL;
	int		 rc;
	size_t		 i, done = 0;

	*nrows = 0;
	if (mkdir(dir, 0700) == -1)
		return cerror_set(e, EX_CANTCREAT, "cannot create the folder "
		    "%s: %s%s", dir, strerror(errno), errno == EEXIST ?
		    "; give a new folder" : "");
	if ((rc = tables_list(cf, &ts, &wr, e)) != 0)
		goto fail;
	for (i = 0; i < ts.n; i++, done++) {
		if ((rc = table_csv(cf, dir, &ts.t[i], wr[i], e)) != 0)
			goto fail;
		*nrows += ts.t[i].rows;
	}
	if ((rc = manifest(cf, dir, &ts, e)) != 0)
		goto fail;
	tables_free(&ts);
	free(wr);
	return 0;
fail:
	/* Half an export is no export: leave nothing behind. */
	for (i = 0; i < ts.n && i <= done; i++) {
		if (fullexport_path(path, sizeof(path), dir, ts.t[i].name,
		    e) == 0)
			unlink(path);
	}
	rmdir(dir);
	tables_free(&ts);
	free(wr);
	return rc;
}

int
fullexport_json(struct casefile *cf, FILE *fp, struct cerror *e)
{
	struct tables	 ts = { NULL, 0 };
	struct buf	 b = { NULL, 0, 0 };
	sqlite3_stmt	*st = NULL, *v;
	const char	*s;
	char		 num[32];
	size_t		 len;
	int		*wr = NULL;
	int		 rc, type, n, ver, step = SQLITE_DONE;

	if ((v = db_prepare(cf, "PRAGMA user_version", e)) == NULL)
		return e->code;
	ver = sqlite3_step(v) == SQLITE_ROW ? sqlite3_column_int(v, 0) : 0;
	sqlite3_reset(v);
	if ((rc = tables_list(cf, &ts, &wr, e)) != 0)
		goto out;
	if (fprintf(fp, "{\"format\":\"%s\",\"schema\":%d,\"tables\":{",
	    FULLEXPORT_FORMAT, ver) < 0)
		goto write;
	for (size_t i = 0; i < ts.n; i++) {
		if ((rc = table_select(cf, ts.t[i].name, wr[i], &st, e)) != 0)
			goto out;
		buf_reset(&b);
		if (i > 0)
			rc |= buf_add(&b, ",", 1);
		rc |= buf_add(&b, "\n", 1);
		rc |= text_json(&b, ts.t[i].name);
		rc |= buf_add(&b, ":[", 2);
		n = sqlite3_column_count(st);
		while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
			rc |= buf_puts(&b, ts.t[i].rows++ > 0 ? ",\n{" : "\n{");
			for (int c = 0; c < n && rc == 0; c++) {
				if ((type = value(st, c, ts.t[i].name, &s,
				    &len, num, e)) == -1) {
					rc = e->code;
					goto out;
				}
				if (c > 0)
					rc |= buf_add(&b, ",", 1);
				rc |= text_json(&b, sqlite3_column_name(st,
				    c));
				rc |= buf_add(&b, ":", 1);
				if (type == VAL_NULL)
					rc |= buf_puts(&b, "null");
				else if (type == VAL_INT)
					rc |= buf_add(&b, s, len);
				else
					rc |= text_json(&b, s);
			}
			rc |= buf_add(&b, "}", 1);
			/* A table may be large: write it a row at a time. */
			if (rc == 0 && fwrite(b.s, 1, b.len, fp) != b.len)
				goto write;
			buf_reset(&b);
		}
		if (rc != 0) {
			rc = cerror_set(e, EX_OSERR, "out of memory");
			goto out;
		}
		if (step != SQLITE_DONE) {
			rc = db_error(cf, step, e);
			goto out;
		}
		sqlite3_finalize(st);
		st = NULL;
		if (buf_add(&b, "]", 1) != 0 ||
		    fwrite(b.s, 1, b.len, fp) != b.len)
			goto write;
	}
	if (fputs("\n}}\n", fp) == EOF)
		goto write;
	goto out;
write:
	rc = cerror_set(e, EX_IOERR, "cannot write the export: %s",
	    strerror(errno));
out:
	sqlite3_finalize(st);
	tables_free(&ts);
	free(wr);
	buf_free(&b);
	return rc;
}
