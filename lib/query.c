/*
 * query.c: the reports.  Each is a fixed query; a filter adds a fixed
 * fragment with a named parameter, so values are always bound and SQLite
 * can plan each combination with the index that serves it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define SEVERITY_NAME							\
	"CASE c.severity WHEN 1 THEN 'low' WHEN 2 THEN 'medium'"	\
	" WHEN 3 THEN 'high' WHEN 4 THEN 'critical' END"

/* Statuses of a case that needs no more work. */
#define ENDED	"('closed', 'dismissed', 'merged')"

static const char *
basename_of(const char *path)
{
	const char	*p = strrchr(path, '/');

	return p != NULL ? p + 1 : path;
}

/* Bind a time filter as ISO text; a bare date as "until" takes the day. */
static int
bind_time(struct casefile *cf, sqlite3_stmt *st, const char *name,
    const char *s, int until, struct cerror *e)
{
	char	 iso[TIMEFMT_LEN];
	time_t	 t;
	int	 i;

	if (timefmt_parse(s, casefile_now(cf), -1, &t, e) != 0)
		return cerror_prefix(e, EX_DATAERR, until ? "--until" :
		    "--since");
	if (until && strlen(s) == 10)
		t += 86400;
	i = sqlite3_bind_parameter_index(st, name);
	sqlite3_bind_text(st, i, timefmt_iso(t, iso), -1, SQLITE_TRANSIENT);
	return 0;
}

int
query_list(struct casefile *cf, const struct filter *f, row_fn *fn,
    void *arg, struct cerror *e)
{
	struct buf	 sql = { NULL, 0, 0 };
	sqlite3_stmt	*st = NULL;
	int		 rc;

	rc = buf_puts(&sql, "SELECT c.id AS id, c.received AS received,"
	    " c.status AS status, " SEVERITY_NAME " AS severity,"
	    " coalesce(u.name, u.email, u.phone) AS customer,"
	    " c.summary AS summary"
	    " FROM cases c LEFT JOIN customers u ON u.id = c.customer"
	    " WHERE 1");
	if (f->status != NULL && strcmp(f->status, "open") == 0)
		rc |= buf_puts(&sql, " AND c.status NOT IN " ENDED);
	else if (f->status != NULL)
		rc |= buf_puts(&sql, " AND c.status = :status");
	if (f->customer != NULL)
		rc |= buf_puts(&sql, " AND c.customer IN (SELECT id FROM"
		    " customers WHERE CAST(id AS TEXT) = :customer"
		    " OR email = :customer COLLATE NOCASE"
		    " OR name = :customer COLLATE NOCASE"
		    " OR phone = :customer)");
	if (f->since != NULL)
		rc |= buf_puts(&sql, " AND c.received >= :since");
	if (f->until != NULL)
		rc |= buf_puts(&sql, " AND c.received < :until");
	rc |= buf_puts(&sql, " ORDER BY c.id");
	if (f->limit > 0)
		rc |= buf_puts(&sql, " LIMIT :limit");
	if (rc != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if ((rc = sqlite3_prepare_v2(cf->db, sql.s, -1, &st, NULL)) !=
	    SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	if (f->status != NULL)
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st,
		    ":status"), f->status, -1, SQLITE_STATIC);
	if (f->customer != NULL)
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st,
		    ":customer"), f->customer, -1, SQLITE_STATIC);
	if ((f->since != NULL &&
	    (rc = bind_time(cf, st, ":since", f->since, 0, e)) != 0) ||
	    (f->until != NULL &&
	    (rc = bind_time(cf, st, ":until", f->until, 1, e)) != 0))
		goto out;
	if (f->limit > 0)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st,
		    ":limit"), f->limit);
	rc = db_rows(cf, st, fn, arg, e);
out:
	sqlite3_finalize(st);
	buf_free(&sql);
	return rc;
}

/* One (field, value) row. */
static int
field(row_fn *fn, void *arg, const char *name, const char *val, int type)
{
	static const char *const names[] = { "field", "value" };
	const char	*vals[2];
	const int	 types[2] = { VAL_TEXT, type };
	struct row	 r = { 2, names, vals, types };

	if (val == NULL)
		return 0;
	vals[0] = name;
	vals[1] = val;
	return fn(arg, &r);
}

int
query_case(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT c.id, c.ref, c.received, c.status, " SEVERITY_NAME ","
	    " c.flags, c.customer, u.name, u.email, u.phone, c.channel,"
	    " c.product, c.order_ref, c.amount, c.currency, c.employee,"
	    " c.assignee, c.summary, c.description,"
	    " (SELECT group_concat(tag, ',') FROM (SELECT tag FROM tags"
	    "  WHERE case_id = c.id ORDER BY tag)),"
	    " c.ack_due, c.resolve_due, c.acked, c.closed, c.cause, c.lesson,"
	    " c.merged_into, c.created, c.updated"
	    " FROM cases c LEFT JOIN customers u ON u.id = c.customer"
	    " WHERE c.id = ?";
	static const char *const names[] = {
		"case", "ref", "received", "status", "severity", "flags",
		"customer", "name", "email", "phone", "channel", "product",
		"order", "amount", NULL, "employee", "assignee", "summary",
		"description", "tags", "ack-due", "resolve-due", "acked",
		"closed", "cause", "lesson", "merged-into", "created",
		"updated",
	};
	sqlite3_stmt	*st;
	struct money	 m;
	char		 amount[MONEY_LEN];
	const char	*val;
	int		 rc, i, type;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(cf, rc, e);
		return cerror_set(e, EX_NOINPUT, "no case %lld in %s",
		    (long long)id, basename_of(cf->path));
	}
	rc = 0;
	for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])) && rc == 0;
	    i++) {
		if (names[i] == NULL)
			continue;
		type = sqlite3_column_type(st, i) == SQLITE_INTEGER ? VAL_INT :
		    VAL_TEXT;
		val = (const char *)sqlite3_column_text(st, i);
		if (strcmp(names[i], "amount") == 0 && val != NULL) {
			m.minor = sqlite3_column_int64(st, i);
			strlcpy(m.cur, (const char *)sqlite3_column_text(st,
			    i + 1), sizeof(m.cur));
			val = money_format(&m, amount);
			type = VAL_TEXT;
		}
		rc = field(fn, arg, names[i], val, type);
	}
	sqlite3_reset(st);
	if (rc != 0)
		return cerror_set(e, rc, "cannot write output");
	return 0;
}

int
query_timeline(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT at, actor, action, status_from AS 'from',"
	    " status_to AS 'to', note FROM events WHERE case_id = ?"
	    " ORDER BY id";
	sqlite3_stmt	*st;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	return db_rows(cf, st, fn, arg, e);
}

int
query_log(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char all[] =
	    "SELECT id AS entry, at, actor, case_id AS 'case', action,"
	    " CASE WHEN redacted IS NULL THEN content"
	    " ELSE '(redacted ' || redacted || ')' END AS content"
	    " FROM audit ORDER BY id";
	static const char one[] =
	    "SELECT id AS entry, at, actor, case_id AS 'case', action,"
	    " CASE WHEN redacted IS NULL THEN content"
	    " ELSE '(redacted ' || redacted || ')' END AS content"
	    " FROM audit WHERE case_id = ? ORDER BY id";
	sqlite3_stmt	*st;

	if ((st = db_prepare(cf, id > 0 ? one : all, e)) == NULL)
		return e->code;
	if (id > 0)
		sqlite3_bind_int64(st, 1, id);
	return db_rows(cf, st, fn, arg, e);
}

/* Exists so readers can tell a missing case from an empty report. */
int
query_exists(struct casefile *cf, int64_t id, struct cerror *e)
{
	static const char sql[] = "SELECT 1 FROM cases WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return cerror_set(e, EX_NOINPUT, "no case %lld in %s", (long long)id,
	    basename_of(cf->path));
}
