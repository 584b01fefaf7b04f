/*
 * explain.c: the discrepancies of a case, each naming the two accounts it
 * compares, and their explanations: what settled one once the team had
 * talked to both parties, with the evidence it rests on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define EXPLAIN_MAX	4096

/*
 * The two accounts of discrepancy d as "employee v1 against complainant
 * v2", or "complainant v1 against v2" for two tellings by one party;
 * accounts xa and xb joined on d.account_a and d.account_b.
 */
#define BETWEEN								\
	"CASE WHEN xa.id IS NULL OR xb.id IS NULL THEN NULL"		\
	" WHEN xa.role = xb.role AND xa.party = xb.party"		\
	" THEN xa.role || ' v' || xa.version || ' against v' || xb.version" \
	" WHEN xa.role = xb.role"					\
	" THEN xa.role || ' ' || xa.party || ' v' || xa.version"	\
	" || ' against ' || xb.role || ' ' || xb.party || ' v' || xb.version" \
	" ELSE xa.role || ' v' || xa.version || ' against '"		\
	" || xb.role || ' v' || xb.version END"
#define JOINS								\
	" LEFT JOIN statements sa ON sa.id = d.stmt_a"			\
	" LEFT JOIN statements sb ON sb.id = d.stmt_b"			\
	" LEFT JOIN accounts xa ON xa.id = d.account_a"			\
	" LEFT JOIN accounts xb ON xb.id = d.account_b"

/*
 * 1 when the file has schema 7's explanations, 0 when it is older: a
 * reader leaves an older file as it is (casefile.c), and its
 * discrepancies are all open, their accounts not recorded.
 */
static int
explained_kept(struct casefile *cf, int *have, struct cerror *e)
{
	static const char sql[] = "SELECT count(*) FROM sqlite_schema"
	    " WHERE type = 'table' AND name = 'explanations'";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*have = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_error(cf, rc, e);
}

int
query_discrepancies(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT d.id AS discrepancy, " BETWEEN " AS \"between\","
	    " d.mark AS mark, d.facets AS facets,"
	    " sa.text AS first, sb.text AS second FROM discrepancies d" JOINS
	    " WHERE d.case_id = :id AND NOT EXISTS (SELECT 1 FROM explanations"
	    " x WHERE x.discrepancy = d.id) ORDER BY d.id";
	static const char sql6[] =
	    "SELECT d.id AS discrepancy, NULL AS \"between\","
	    " d.mark AS mark, d.facets AS facets,"
	    " sa.text AS first, sb.text AS second FROM discrepancies d"
	    " LEFT JOIN statements sa ON sa.id = d.stmt_a"
	    " LEFT JOIN statements sb ON sb.id = d.stmt_b"
	    " WHERE d.case_id = :id ORDER BY d.id";
	int	 rc, have = 0;

	if ((rc = explained_kept(cf, &have, e)) != 0)
		return rc;
	return case_rows(cf, have ? sql : sql6, id, fn, arg, e);
}

int
query_explained(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT d.id AS discrepancy, " BETWEEN " AS \"between\","
	    " d.mark AS mark, d.facets AS facets,"
	    " sa.text AS first, sb.text AS second,"
	    " x.at AS explained, x.actor AS actor, x.text AS explanation,"
	    " x.cites AS cites FROM explanations x"
	    " JOIN discrepancies d ON d.id = x.discrepancy" JOINS
	    " WHERE d.case_id = :id ORDER BY d.id, x.id";
	int	 rc, have = 0;

	if ((rc = explained_kept(cf, &have, e)) != 0 || !have)
		return rc;
	return case_rows(cf, sql, id, fn, arg, e);
}

/* "D3" or "3": the number of a discrepancy. */
static int
number(const char *ref, int64_t *n, struct cerror *e)
{
	char	 vis[64];

	if (ids_parse(ref + (*ref == 'D' || *ref == 'd'), n) != 0)
		return cerror_set(e, EX_DATAERR, "%s is not a discrepancy; "
		    "give its number as the dossier shows it (D3)",
		    text_vis(vis, sizeof(vis), ref));
	return 0;
}

/* The case may still be worked on: not closed, dismissed or merged. */
static int
open_case(struct casefile *cf, int64_t id, char *status, size_t size,
    struct cerror *e)
{
	int	 rc;

	if ((rc = state_get(cf, id, status, size, e)) != 0)
		return rc;
	if (strcmp(status, "merged") == 0)
		return cerror_set(e, EX_DATAERR, "case %lld was merged; "
		    "explain the discrepancy on the case it was merged into",
		    (long long)id);
	if (strcmp(status, "closed") == 0 || strcmp(status, "dismissed") == 0)
		return cerror_set(e, EX_DATAERR, "case %lld is %s; reopen it "
		    "to explain its discrepancies", (long long)id, status);
	return 0;
}

int
explain_add(struct casefile *cf, int64_t id, const char *ref,
    const char *text, const char *cites, int again, struct explained *out,
    struct cerror *e)
{
	static const char get[] =
	    "SELECT " BETWEEN ", (SELECT count(*) FROM explanations"
	    " WHERE discrepancy = d.id), (SELECT at || ' by ' || actor"
	    " FROM explanations WHERE discrepancy = d.id ORDER BY id DESC"
	    " LIMIT 1) FROM discrepancies d"
	    " LEFT JOIN accounts xa ON xa.id = d.account_a"
	    " LEFT JOIN accounts xb ON xb.id = d.account_b"
	    " WHERE d.id = ?1 AND d.case_id = ?2";
	static const char ins[] = "INSERT INTO explanations (discrepancy,"
	    " text, cites, at, actor) VALUES (?, ?, ?, ?, ?)";
	struct buf	 c = { NULL, 0, 0 }, note = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 status[16], now[TIMEFMT_LEN], last[128] = "";
	int64_t		 n;
	int		 rc, before = 0;

	memset(out, 0, sizeof(*out));
	if (text == NULL || *text == '\0')
		return cerror_set(e, EX_USAGE, "an explanation is needed: say "
		    "with -m what settled the discrepancy");
	if ((rc = number(ref, &n, e)) != 0)
		return rc;
	out->discrepancy = n;
	if (strlen(text) > EXPLAIN_MAX)
		return cerror_set(e, EX_DATAERR, "the explanation is longer "
		    "than %d bytes", EXPLAIN_MAX);
	if (!text_utf8ok(text, strlen(text)))
		return cerror_set(e, EX_DATAERR, "the explanation is not valid "
		    "UTF-8");
	if ((rc = open_case(cf, id, status, sizeof(status), e)) != 0)
		return rc;
	if ((st = db_prepare(cf, get, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, n);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			strlcpy(out->between, (const char *)
			    sqlite3_column_text(st, 0), sizeof(out->between));
		before = sqlite3_column_int(st, 1);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			strlcpy(last, (const char *)sqlite3_column_text(st, 2),
			    sizeof(last));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return cerror_set(e, EX_DATAERR, "case %lld has no discrepancy "
		    "D%lld; complaint-report show %lld lists them", (long long)
		    id, (long long)n, (long long)id);
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	if (before > 0 && !again)
		return cerror_set(e, EX_DATAERR, "discrepancy D%lld of case "
		    "%lld is already explained (%s); give --again to add to "
		    "its explanation", (long long)n, (long long)id, last);
	if (cites != NULL && (rc = comms_cite(cf, id, cites, 0, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, ins, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, n);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	db_bind_text(st, 3, cites);
	sqlite3_bind_text(st, 4, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 5, casefile_actor(cf), -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	out->explanation = sqlite3_last_insert_rowid(cf->db);
	out->again = before > 0;
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", id);
	rc |= text_json_int(&c, "discrepancy", n);
	rc |= text_json_str(&c, "between", out->between);
	rc |= text_json_str(&c, "text", text);
	rc |= text_json_str(&c, "cites", cites);
	if (before > 0)
		rc |= buf_puts(&c, ",\"again\":true");
	rc |= buf_puts(&c, "}");
	rc |= buf_printf(&note, "D%lld: %s", (long long)n, text);
	if (rc != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = case_event(cf, id, "explain", status, status, note.s,
		    c.s, e);
	buf_free(&c);
	buf_free(&note);
	return rc;
}
