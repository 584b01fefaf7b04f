/*
 * report.c: the sections of a case's dossier, one fixed query each, so a
 * new kind of record is one more function here and one line in the table
 * of complaint-report show; every dossier query is here (the case's
 * fields, timeline, communications, citations, accounts and statements
 * among them) with case_rows that runs them; the evidence check; the
 * export of tables.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define YESNO(x)	"CASE " x " WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END"
#define HISTORY_SHOWN	"20"	/* the customer's other cases in a dossier */

/* Run the cached statement sql with :id and :now bound. */
int
case_rows(struct casefile *cf, const char *sql, int64_t id, row_fn *fn,
    void *arg, struct cerror *e)
{
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	int		 i;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	if ((i = sqlite3_bind_parameter_index(st, ":id")) > 0)
		sqlite3_bind_int64(st, i, id);
	if ((i = sqlite3_bind_parameter_index(st, ":now")) > 0)
		sqlite3_bind_text(st, i, timefmt_iso(casefile_now(cf), now),
		    -1, SQLITE_TRANSIENT);
	return db_rows(cf, st, fn, arg, e);
}

int
query_fields(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT name AS field, value FROM fields WHERE case_id = :id"
	    " ORDER BY name";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_attachments(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT name, type, size, sha256 FROM attachments"
	    " WHERE case_id = :id ORDER BY id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_customer(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT u.id AS customer, u.name AS name, u.email AS email,"
	    " u.phone AS phone, u.lang AS lang, u.created AS created,"
	    " u.anonymised AS anonymised FROM cases c"
	    " JOIN customers u ON u.id = c.customer WHERE c.id = :id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_flags(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "WITH RECURSIVE s(n, flag, rest) AS (SELECT 0, NULL, flags || ','"
	    " FROM cases WHERE id = :id AND flags <> ''"
	    " UNION ALL SELECT n + 1, substr(rest, 1, instr(rest, ',') - 1),"
	    " substr(rest, instr(rest, ',') + 1) FROM s WHERE rest <> '')"
	    " SELECT flag, value FROM (SELECT n, CASE WHEN instr(flag, ':') > 0"
	    " THEN substr(flag, 1, instr(flag, ':') - 1) ELSE flag END"
	    " AS flag, CASE WHEN instr(flag, ':') > 0"
	    " THEN substr(flag, instr(flag, ':') + 1) END AS value"
	    " FROM s WHERE flag <> ''"
	    /* the rules that fired, as the intake's audit entry has them */
	    " UNION ALL SELECT 1000 + j.key, 'rule',"
	    " json_extract(j.value, '$.kind') || ' '"
	    " || json_extract(j.value, '$.pattern')"
	    " FROM audit a, json_each(a.content, '$.triage.rules') j"
	    " WHERE a.case_id = :id AND a.action = 'new'"
	    " AND a.redacted IS NULL AND json_valid(a.content))"
	    " ORDER BY n";

	return case_rows(cf, sql, id, fn, arg, e);
}

#define DUE_STATE(due, met)						\
	"CASE WHEN " met " IS NOT NULL AND " met " <= " due " THEN 'met'"	\
	" WHEN " met " IS NOT NULL THEN 'breached'"			\
	" WHEN :now > " due " THEN 'breached' ELSE 'pending' END"
#define DUE_LATE(due, met)						\
	"CASE WHEN coalesce(" met ", :now) > " due			\
	" THEN (unixepoch(coalesce(" met ", :now)) - unixepoch(" due	\
	")) / 3600 END"

int
query_dues(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT 'ack' AS kind, ack_due AS due, acked AS met, "
	    DUE_STATE("ack_due", "acked") " AS state, "
	    DUE_LATE("ack_due", "acked") " AS hours_late, NULL AS stopped_by"
	    " FROM cases WHERE id = :id AND ack_due IS NOT NULL"
	    /* the resolve clock stops at an agreement or a decision */
	    " UNION ALL SELECT 'resolve', resolve_due,"
	    " coalesce(settled, closed), "
	    DUE_STATE("resolve_due", "coalesce(settled, closed)") ", "
	    DUE_LATE("resolve_due", "coalesce(settled, closed)") ","
	    " CASE WHEN settled IS NOT NULL THEN settled_by"
	    " WHEN closed IS NOT NULL THEN status END"
	    " FROM cases WHERE id = :id AND resolve_due IS NOT NULL"
	    " UNION ALL SELECT * FROM (SELECT 'follow-up', due, done, "
	    DUE_STATE("due", "done") ", " DUE_LATE("due", "done") ", NULL"
	    " FROM followups WHERE case_id = :id ORDER BY id)";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_states(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT status_to AS status, at AS since,"
	    " lead(at) OVER w AS until,"
	    " round((unixepoch(coalesce(lead(at) OVER w, :now))"
	    " - unixepoch(at)) / 3600.0, 1) AS hours"
	    " FROM events WHERE case_id = :id AND status_to IS NOT NULL"
	    " WINDOW w AS (ORDER BY id) ORDER BY id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_accounts(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT a.id AS account, a.role AS role, a.party AS party,"
	    " a.version AS version, a.interviewer AS interviewer,"
	    " a.taken AS taken, a.medium AS medium,"
	    " (SELECT count(*) FROM statements s WHERE s.account = a.id)"
	    " AS statements, r.path AS recording, r.size AS size,"
	    " r.sha256 AS sha256 FROM accounts a"
	    " LEFT JOIN recordings r ON r.account = a.id"
	    " WHERE a.case_id = :id ORDER BY a.id, r.id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_proposals(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT id AS proposal, created AS created, actor AS actor,"
	    " kind AS kind, money(amount, currency) AS amount,"
	    " note AS note, expires AS expires, approved_by AS approved_by,"
	    " CASE WHEN answer IS NULL AND expires <= :now THEN 'expired'"
	    " ELSE answer END AS answer,"
	    " CASE WHEN answer IS NULL AND expires <= :now THEN expires"
	    " ELSE answered END AS answered,"
	    " money(counter, currency) AS counter"
	    " FROM proposals WHERE case_id = :id ORDER BY id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_escalations(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT id AS escalation, at AS at, actor AS actor, team AS team,"
	    " reason AS reason, ticket AS ticket FROM escalations"
	    " WHERE case_id = :id ORDER BY id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_decisions(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT id AS decision, at AS at, actor AS actor,"
	    " favour AS favour, rationale AS rationale FROM decisions"
	    " WHERE case_id = :id ORDER BY id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_followups(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT id AS followup, due AS due, done AS done, "
	    YESNO("satisfied") " AS satisfied, score AS score, note AS note,"
	    " actor AS actor FROM followups WHERE case_id = :id ORDER BY id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_cause(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT cause AS cause, lesson AS lesson FROM cases"
	    " WHERE id = :id AND (cause IS NOT NULL OR lesson IS NOT NULL)";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_history(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT o.id AS 'case', o.received AS received,"
	    " o.status AS status, o.cause AS cause, o.closed AS closed,"
	    " (SELECT d.favour FROM decisions d WHERE d.case_id = o.id"
	    " ORDER BY d.id DESC LIMIT 1) AS favour,"
	    " (SELECT " YESNO("w.satisfied") " FROM followups w"
	    " WHERE w.case_id = o.id AND w.done IS NOT NULL"
	    " ORDER BY w.id DESC LIMIT 1) AS satisfied,"
	    " o.summary AS summary FROM cases c"
	    " JOIN cases o ON o.customer = c.customer AND o.id <> c.id"
	    " WHERE c.id = :id ORDER BY o.received DESC, o.id DESC"
	    " LIMIT " HISTORY_SHOWN;

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_history_counts(struct casefile *cf, int64_t id, row_fn *fn,
    void *arg, struct cerror *e)
{
	/* The customer's other cases by status, then all of them; past
	 * the ones shown, where to find the rest. */
	static const char sql[] =
	    "WITH o AS (SELECT o.status FROM cases c JOIN cases o"
	    " ON o.customer = c.customer AND o.id <> c.id WHERE c.id = :id)"
	    " SELECT status, cases FROM (SELECT 0 AS k, status, count(*)"
	    " AS cases FROM o GROUP BY status"
	    " UNION ALL SELECT 1, 'all', count(*) FROM o HAVING count(*) > 0"
	    " UNION ALL SELECT 2, 'more', 'complaint-report list --customer '"
	    " || c.customer FROM cases c WHERE c.id = :id AND (SELECT count(*)"
	    " FROM o) > " HISTORY_SHOWN ") ORDER BY k, status";

	return case_rows(cf, sql, id, fn, arg, e);
}

/*
 * Files kept by hash, re-hashed: for each row of sql (id, case, path,
 * sha256), fn gets id, case, path and its state: ok, changed, missing or
 * unreadable.  kind names the id column (recording, attachment).
 */
int
query_rehash(struct casefile *cf, const char *sql, const char *kind,
    row_fn *fn, void *arg, struct cerror *e)
{
	const char	*names[] = { kind, "case", "path", "state" };
	static const int types[] = { VAL_INT, VAL_INT, VAL_TEXT, VAL_TEXT };
	sqlite3_stmt	*st;
	const char	*val[4];
	struct row	 r = { 4, names, val, types };
	char		 hex[65];
	int64_t		 size;
	int		 rc, err;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		val[0] = (const char *)sqlite3_column_text(st, 0);
		val[1] = (const char *)sqlite3_column_text(st, 1);
		val[2] = (const char *)sqlite3_column_text(st, 2);
		err = file_sha256(val[2], NULL, &size, hex);
		if (err == FILE_OPEN && errno == ENOENT)
			val[3] = "missing";
		else if (err != 0)
			val[3] = "unreadable";
		else if (strcasecmp(hex, (const char *)sqlite3_column_text(st,
		    3)) != 0)
			val[3] = "changed";
		else
			val[3] = "ok";
		if ((rc = fn(arg, &r)) != 0) {
			sqlite3_reset(st);
			return cerror_set(e, rc, "cannot write output");
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_error(cf, rc, e);
}

int
query_recordings(struct casefile *cf, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT r.id, a.case_id, r.path, r.sha256 FROM recordings r"
	    " JOIN accounts a ON a.id = r.account ORDER BY r.id";

	return query_rehash(cf, sql, "recording", fn, arg, e);
}

/* The customer WHO by id, e-mail, name or phone. */
#define WHO	SQL_CUSTOMER(":who")
#define OFCASES	" WHERE case_id IN (SELECT id FROM cases WHERE customer IN " \
	WHO ")"
#define OFACCOUNTS	" WHERE account IN (SELECT id FROM accounts" OFCASES ")"

/* Each table with its order, and its rows of one customer (NULL: none). */
static const struct {
	const char	*name;
	const char	*order;
	const char	*who;
} tables[] = {
	{ "settings", " ORDER BY key", NULL },
	{ "customers", " ORDER BY id", " WHERE id IN " WHO },
	{ "cases", " ORDER BY id", " WHERE customer IN " WHO },
	{ "fields", " ORDER BY case_id, name", OFCASES },
	{ "tags", " ORDER BY case_id, tag", OFCASES },
	{ "events", " ORDER BY id", OFCASES },
	{ "accounts", " ORDER BY id", OFCASES },
	{ "statements", " ORDER BY id", OFACCOUNTS },
	{ "recordings", " ORDER BY id", OFACCOUNTS },
	{ "discrepancies", " ORDER BY id", OFCASES },
	{ "proposals", " ORDER BY id", OFCASES },
	{ "escalations", " ORDER BY id", OFCASES },
	{ "decisions", " ORDER BY id", OFCASES },
	{ "followups", " ORDER BY id", OFCASES },
	{ "reminders", " ORDER BY case_id, kind, due", OFCASES },
	{ "rules", " ORDER BY id", NULL },
	{ "audit", " ORDER BY id", OFCASES },
};

const char *
export_table_name(size_t i)
{
	return i < sizeof(tables) / sizeof(tables[0]) ? tables[i].name : NULL;
}

int
export_table(struct casefile *cf, size_t i, const char *who, row_fn *fn,
    void *arg, struct cerror *e)
{
	struct buf	 sql = { NULL, 0, 0 };
	sqlite3_stmt	*st = NULL;
	int		 rc;

	if (export_table_name(i) == NULL)
		return cerror_set(e, EX_SOFTWARE, "no table %zu", i);
	if (who != NULL && tables[i].who == NULL)
		return 0;
	rc = buf_printf(&sql, "SELECT * FROM %s%s%s", tables[i].name,
	    who != NULL ? tables[i].who : "", tables[i].order);
	if (rc != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if ((rc = sqlite3_prepare_v2(cf->db, sql.s, -1, &st, NULL)) !=
	    SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	if (who != NULL)
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":who"),
		    who, -1, SQLITE_STATIC);
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

/* The fields of case id; an unset one left out, or empty when all. */
static int
case_fields(struct casefile *cf, int64_t id, int all, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT c.id, c.ref, c.received, c.status, "
	    SQL_SEVERITY("c.severity") ","
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
		return query_exists(cf, id, e);
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
		rc = field(fn, arg, names[i], val == NULL && all ? "" : val,
		    type);
	}
	sqlite3_reset(st);
	if (rc != 0)
		return cerror_set(e, rc, "cannot write output");
	return 0;
}

int
query_case(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	return case_fields(cf, id, 0, fn, arg, e);
}

int
query_case_all(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	return case_fields(cf, id, 1, fn, arg, e);
}

int
query_timeline(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT at, actor, action, status_from AS 'from',"
	    " status_to AS 'to', note FROM events WHERE case_id = :id"
	    " ORDER BY id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_communications(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT id AS communication, at AS at, dir AS dir,"
	    " channel AS channel, party AS party, subject AS subject,"
	    " msgid AS \"message-id\", actor AS actor, text AS text,"
	    " (SELECT group_concat('A' || a.id || ' ' || coalesce(a.name, '')"
	    " || ' ' || a.sha256, '; ') FROM attachments a"
	    " WHERE a.comm = communications.id) AS attachments"
	    " FROM communications WHERE case_id = :id ORDER BY at, id";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
query_evidence(struct casefile *cf, row_fn *fn, void *arg, struct cerror *e)
{
	static const char sql[] = "SELECT id, case_id, path, sha256"
	    " FROM attachments WHERE path IS NOT NULL ORDER BY id";
	static const char has_path[] = "SELECT count(*) FROM"
	    " pragma_table_info('attachments') WHERE name = 'path'";
	sqlite3_stmt	*st;
	int		 rc, have = 0;

	/*
	 * A reader leaves an older file as it is (casefile.c): before schema
	 * 6 no attachment was added from a file, so there is none to check.
	 * (pragma_table_info is SQLite's; a PostgreSQL store asks its
	 * information_schema.)
	 */
	if ((st = db_prepare(cf, has_path, e)) == NULL)
		return e->code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	return have ? query_rehash(cf, sql, "attachment", fn, arg, e) : 0;
}

int
query_citations(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT x.decision AS decision, x.ref AS ref,"
	    " CASE substr(x.ref, 1, 1)"
	    " WHEN 'S' THEN (SELECT coalesce(a.party || ': ', '') || s.text"
	    "  FROM statements s JOIN accounts a ON a.id = s.account"
	    "  WHERE s.id = substr(x.ref, 2))"
	    " WHEN 'D' THEN (SELECT d.mark || coalesce(' ' || d.facets, '')"
	    "  || ': ' || coalesce(sa.text, '-') || ' / ' || coalesce(sb.text, '-')"
	    "  FROM discrepancies d"
	    "  LEFT JOIN statements sa ON sa.id = d.stmt_a"
	    "  LEFT JOIN statements sb ON sb.id = d.stmt_b"
	    "  WHERE d.id = substr(x.ref, 2))"
	    " WHEN 'R' THEN (SELECT r.path || ' ' || r.sha256 FROM recordings r"
	    "  WHERE r.id = substr(x.ref, 2))"
	    " WHEN 'A' THEN (SELECT coalesce(t.name, '') || ' '"
	    "  || coalesce(t.note || ' ', '') || t.sha256 FROM attachments t"
	    "  WHERE t.id = substr(x.ref, 2))"
	    " WHEN 'C' THEN (SELECT m.at || ' ' || m.dir || ' ' || m.channel"
	    "  || ': ' || m.text FROM communications m"
	    "  WHERE m.id = substr(x.ref, 2)) END AS item"
	    " FROM citations x JOIN decisions d ON d.id = x.decision"
	    " WHERE d.case_id = :id"
	    " ORDER BY x.decision, instr('SDRAC', substr(x.ref, 1, 1)),"
	    " CAST(substr(x.ref, 2) AS INTEGER)";

	return case_rows(cf, sql, id, fn, arg, e);
}

int
account_list(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] = "SELECT a.id AS account, a.case_id AS 'case',"
	    " a.role AS role, a.party AS party, a.version AS version,"
	    " a.taken AS taken, a.medium AS medium,"
	    " (SELECT count(*) FROM statements WHERE account = a.id)"
	    " AS statements, (SELECT count(*) FROM recordings"
	    " WHERE account = a.id) AS recordings"
	    " FROM accounts a WHERE a.case_id = :id ORDER BY a.id";
	int	 rc;

	if ((rc = query_exists(cf, id, e)) != 0)
		return rc;
	return case_rows(cf, sql, id, fn, arg, e);
}

int
account_show(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] = "SELECT seq AS statement, at AS at,"
	    " text AS text FROM statements WHERE account = :id ORDER BY seq";
	int	 rc;

	if ((rc = account_exists(cf, id, NULL, e)) != 0)
		return rc;
	return case_rows(cf, sql, id, fn, arg, e);
}
