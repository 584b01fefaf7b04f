/*
 * offer.c: the open offers of a case, and their expiry.  An offer past its
 * expiry reads as expired at once (the reports compute it); the first
 * write that touches the case, or due --mark, records it and logs it once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

int
offer_expire(struct casefile *cf, int64_t id, struct cerror *e)
{
	/* Only open offers, so a second pass finds nothing to log. */
	static const char sql[] = "SELECT id, case_id, expires FROM proposals"
	    " WHERE answer IS NULL AND expires IS NOT NULL AND expires <= ?2"
	    " AND (?1 = 0 OR case_id = ?1) ORDER BY id";
	static const char upd[] = "UPDATE proposals SET answer = 'expired',"
	    " answered = expires WHERE id = ?";
	struct {
		int64_t	 pid, cid;
		char	 exp[TIMEFMT_LEN];
	}		*v = NULL, *nv;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN], note[64];
	size_t		 n = 0, cap = 0;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = reallocarray(v, cap, sizeof(*v))) == NULL)
				break;
			v = nv;
		}
		v[n].pid = sqlite3_column_int64(st, 0);
		v[n].cid = sqlite3_column_int64(st, 1);
		strlcpy(v[n].exp, (const char *)sqlite3_column_text(st, 2),
		    sizeof(v[n].exp));
		n++;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if ((st = db_prepare(cf, upd, e)) == NULL) {
			rc = e->code;
			break;
		}
		sqlite3_bind_int64(st, 1, v[i].pid);
		if ((rc = db_done(cf, st, e)) != 0)
			break;
		buf_reset(&c);
		if (buf_puts(&c, "{") != 0 ||
		    text_json_int(&c, "case", v[i].cid) != 0 ||
		    text_json_int(&c, "proposal", v[i].pid) != 0 ||
		    text_json_str(&c, "expires", v[i].exp) != 0 ||
		    buf_puts(&c, "}") != 0) {
			rc = cerror_set(e, EX_OSERR, "out of memory");
			break;
		}
		snprintf(note, sizeof(note), "proposal %lld expired",
		    (long long)v[i].pid);
		rc = case_event(cf, v[i].cid, "expire", NULL, NULL, note, c.s,
		    e);
	}
out:
	free(v);
	buf_free(&c);
	return rc;
}

int
offer_open(struct casefile *cf, int64_t id, struct buf *list, int *n,
    int64_t *first, struct cerror *e)
{
	static const char sql[] = "SELECT id, kind, amount, currency"
	    " FROM proposals WHERE case_id = ? AND answer IS NULL ORDER BY id";
	sqlite3_stmt	*st;
	struct money	 m;
	char		 amount[MONEY_LEN];
	int		 rc, bad = 0;

	*n = 0;
	*first = 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((*n)++ == 0)
			*first = sqlite3_column_int64(st, 0);
		else
			bad |= buf_puts(list, ", ");
		bad |= buf_printf(list, "%lld %s",
		    (long long)sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			m.minor = sqlite3_column_int64(st, 2);
			strlcpy(m.cur, (const char *)sqlite3_column_text(st,
			    3), sizeof(m.cur));
			bad |= buf_printf(list, " %s", money_format(&m,
			    amount));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return bad ? cerror_set(e, EX_OSERR, "out of memory") : 0;
}
