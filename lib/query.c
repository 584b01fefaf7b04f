/*
 * query.c: the reports.  Each is a fixed query; a filter adds a fixed
 * fragment with a named parameter, so values are always bound and SQLite
 * can plan each combination with the index that serves it.  The queries
 * of one case's dossier are report.c's; stats.c runs the stats queries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>
#include <utf8proc.h>

#include "complaint.h"
#include "internal.h"


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

/*
 * A report's query is a list of fixed fragments.  FILTERS marks where the
 * filter fragments go (a UNION repeats them, one per branch) and SORT
 * where ORDER BY and LIMIT go; INNER, in a report whose rows come from a
 * UNION ALL, repeats the default order and the limit inside it, so each
 * branch is read through its index only as far as the limit needs.  Sort keys come from the report's own
 * table, so nothing the user types becomes SQL.
 */
#define FILTERS	((const char *)1)
#define SORT	((const char *)2)
#define INNER	((const char *)3)
#define SFILTERS ((const char *)4)	/* FILTERS, received in seconds */

struct sortkey {
	const char	*name;
	const char	*term;
};

struct report_sql {
	const char		*name;
	const char *const	*parts;
	const struct sortkey	*keys;
	const char		*order;	/* default ORDER BY, before the tie */
	const char		*tie;	/* ends every order: unique */
	const char *const	*plain;	/* the parts when no filter is set */
	const char		*inner;	/* INNER's order: order and tie */
};

#define CUSTNAME	"coalesce(u.name, u.email, u.phone)"
#define HOURS(a, b)	"(unixepoch(" a ") - unixepoch(" b ")) / 3600"
#define NOTSENT(kind, due)						\
	" AND (:mark = 0 OR NOT EXISTS (SELECT 1 FROM reminders r"	\
	" WHERE r.case_id = c.id AND r.kind = '" kind "'"		\
	" AND r.due = " due "))"

static const char *const list_sql[] = {
	"SELECT c.id AS id, c.received AS received,"
	" c.status AS status, " SQL_SEVERITY("c.severity") " AS severity,"
	" " CUSTNAME " AS customer, c.summary AS summary"
	" FROM cases c LEFT JOIN customers u ON u.id = c.customer"
	" WHERE 1", FILTERS, SORT, NULL
};
static const struct sortkey list_keys[] = {
	{ "id", "c.id" }, { "received", "c.received" },
	{ "status", "c.status" }, { "severity", "c.severity" },
	{ "customer", "customer" }, { "summary", "c.summary" },
	{ "channel", "c.channel" }, { "assignee", "c.assignee" },
	{ "updated", "c.updated" }, { "ack-due", "c.ack_due" },
	{ "resolve-due", "c.resolve_due" }, { NULL, NULL }
};

/*
 * A case is overdue on its earliest missed clock: acknowledgement,
 * resolution (until the customer agreed or a decision was recorded) or a
 * follow-up (until done, closed cases too).  Each branch leaves out the
 * cases whose other clock was missed first (ack, then resolve, wins a
 * tie), so with no GROUP BY each branch walks its partial index
 * (cases_ack_open, cases_resolve_open, followups_due) in due order and
 * SQLite merges them; with the default order, --limit N stops the merge
 * after N rows (INNER).
 */
#define OPEN_CASE	"c.paused IS NULL AND c.status NOT IN " SQL_ENDED
#define ACK_LATE	"c.acked IS NULL AND c.ack_due < :now"
#define RESOLVE_LATE							\
	"c.closed IS NULL AND c.settled IS NULL AND c.resolve_due < :now"
/* A missed follow-up of case c due before t. */
#define FUP_BEFORE(t)							\
	"EXISTS (SELECT 1 FROM followups x WHERE x.case_id = c.id"	\
	" AND x.done IS NULL AND x.due < :now AND x.due < " t ")"
#define OVERDUE_BRANCH(kind, due, late, other, first)			\
	"SELECT c.id AS id, '" kind "' AS kind, " due " AS due,"	\
	" " HOURS(":now", due) " AS late, c.status AS status,"		\
	" c.severity AS sev, c.customer AS cust, c.summary AS summary"	\
	" FROM cases c WHERE " late " AND " OPEN_CASE			\
	" AND NOT (" other " AND " first ") AND NOT " FUP_BEFORE(due)

static const char *const overdue_sql[] = {
	"SELECT o.id AS id, o.kind AS kind, o.due AS due,"
	" o.late AS hours_late, o.status AS status,"
	" " SQL_SEVERITY("o.sev") " AS severity,"
	" " CUSTNAME " AS customer, o.summary AS summary FROM (",
	OVERDUE_BRANCH("ack", "c.ack_due", ACK_LATE, RESOLVE_LATE,
	    "c.resolve_due < c.ack_due"), FILTERS,
	" UNION ALL ",
	OVERDUE_BRANCH("resolve", "c.resolve_due", RESOLVE_LATE, ACK_LATE,
	    "c.ack_due <= c.resolve_due"), FILTERS,
	" UNION ALL SELECT c.id, 'follow-up', w.due, " HOURS(":now", "w.due")
	", c.status, c.severity, c.customer, c.summary FROM followups w"
	" JOIN cases c ON c.id = w.case_id WHERE w.done IS NULL"
	" AND w.due < :now AND c.status <> 'merged'"
	" AND NOT (" OPEN_CASE " AND ((" ACK_LATE " AND c.ack_due <= w.due)"
	" OR (" RESOLVE_LATE " AND c.resolve_due <= w.due)))"
	" AND NOT EXISTS (SELECT 1 FROM followups x WHERE x.case_id = c.id"
	" AND x.done IS NULL AND x.due < :now AND (x.due < w.due"
	" OR (x.due = w.due AND x.id < w.id)))", FILTERS, INNER,
	") o LEFT JOIN customers u ON u.id = o.cust", SORT, NULL
};
static const struct sortkey due_keys[] = {
	{ "id", "o.id" }, { "kind", "o.kind" }, { "due", "o.due" },
	{ "hours", "o.due" }, { "status", "o.status" },
	{ "severity", "o.sev" }, { "customer", "customer" }, { NULL, NULL }
};

#define DUE_BRANCH(kind, due, done)					\
	"SELECT c.id AS id, '" kind "' AS kind, " due " AS due,"	\
	" c.status AS status, c.severity AS sev, c.customer AS cust,"	\
	" c.summary AS summary FROM cases c WHERE " done " IS NULL"	\
	" AND " due " >= :now AND " due " < :end AND c.paused IS NULL"	\
	" AND c.status NOT IN " SQL_ENDED NOTSENT(kind, due)

static const char *const due_sql[] = {
	"SELECT o.id AS id, o.kind AS kind, o.due AS due,"
	" " HOURS("o.due", ":now") " AS hours, " CUSTNAME " AS customer,"
	" u.email AS email, o.summary AS summary FROM (",
	DUE_BRANCH("ack", "c.ack_due", "c.acked"), FILTERS, " UNION ALL ",
	DUE_BRANCH("resolve", "c.resolve_due",
	    "c.closed IS NULL AND c.settled"), FILTERS,
	" UNION ALL SELECT c.id, 'follow-up', w.due, c.status, c.severity,"
	" c.customer, c.summary FROM followups w JOIN cases c"
	" ON c.id = w.case_id WHERE w.done IS NULL AND w.due >= :now"
	" AND w.due < :end" NOTSENT("follow-up", "w.due"), FILTERS, INNER,
	") o LEFT JOIN customers u ON u.id = o.cust", SORT, NULL
};

static const char *const repeat_sql[] = {
	"SELECT g.id AS id, g.customer AS customer, " CUSTNAME " AS name,"
	" g.cases AS cases, g.first AS first, g.last AS last FROM"
	" (SELECT max(c.id) AS id, c.customer AS customer,"
	" count(*) AS cases, min(c.received) AS first,"
	" max(c.received) AS last FROM cases c"
	" WHERE +c.customer IS NOT NULL AND c.received >= :from", FILTERS,
	" GROUP BY +c.customer HAVING count(*) >= :min) g"
	" LEFT JOIN customers u ON u.id = g.customer", SORT, NULL
};
static const struct sortkey repeat_keys[] = {
	{ "id", "g.id" }, { "customer", "g.customer" }, { "name", "name" },
	{ "cases", "g.cases" }, { "first", "g.first" }, { "last", "g.last" },
	{ NULL, NULL }
};

static const char *const causes_sql[] = {
	"SELECT cause, cases, share, running FROM (SELECT cause, n AS cases,"
	" round(100.0 * n / total, 1) AS share,"
	" round(100.0 * sum(n) OVER (ORDER BY n DESC, cause"
	" ROWS UNBOUNDED PRECEDING) / total, 1) AS running"
	" FROM (SELECT c.cause AS cause, count(*) AS n,"
	" sum(count(*)) OVER () AS total FROM cases c"
	" WHERE c.cause IS NOT NULL", FILTERS, " GROUP BY c.cause))",
	SORT, NULL
};
static const struct sortkey causes_keys[] = {
	{ "cause", "cause" }, { "cases", "cases" }, { "share", "cases" },
	{ "running", "running" }, { NULL, NULL }
};

/*
 * stats: one scan of cases_stats, each case handed to stats.c's
 * stats_cases; and two aggregates.  The index holds the times as
 * unixepoch(), so --since and --until compare seconds (SFILTERS): the
 * same cases, as every time is ISO 8601 UTC.  SQLite takes an index of
 * expressions for one that needs the table too, so the scan names it
 * (INDEXED BY), and one filtered by status, severity, channel or time
 * groups by the index's order to be read through it; it reads only the
 * index.  A filter on what only the table holds (customer, tag,
 * assignee, flag, words) takes stats-rows instead (assemble).
 */
#define STATS_CASES							\
	"SELECT stats_cases(c.status, c.severity, c.channel,"		\
	" unixepoch(c.received), unixepoch(c.acked),"			\
	" unixepoch(c.closed)) FROM cases c"
static const char *const stats_sql[] = {
	STATS_CASES " WHERE 1", SFILTERS,
	" GROUP BY c.status, c.severity, c.channel", NULL
};
/*
 * With no filter, stats reads the tallies the file keeps of every case
 * (migrate-9.sql) through stats.c's stats_tally; a file a writer has not
 * yet taken to schema 9 is scanned (stats-scan).
 */
static const char *const stats_all[] = {
	"SELECT stats_tally(kind, status, severity, channel, secs, n) FROM"
	" (SELECT 'case' AS kind, status, severity, channel, NULL AS secs, n"
	" FROM tally_cases UNION ALL"
	" SELECT kind, NULL, NULL, NULL, secs, n FROM tally_hours)"
	" WHERE n > 0", NULL
};
static const char *const stats_scan[] = {
	STATS_CASES " INDEXED BY cases_stats", NULL
};
/* Filtered by what only the table holds: its rows, or the filter's index. */
static const char *const stats_rows[] = {
	STATS_CASES " WHERE 1", FILTERS, NULL
};
static const char *const escalated_sql[] = {
	"SELECT count(DISTINCT x.case_id) FROM escalations x"
	" JOIN cases c ON c.id = x.case_id WHERE 1", FILTERS, NULL
};
static const char *const escalated_all[] = {
	"SELECT count(DISTINCT case_id) FROM escalations", NULL
};
static const char *const followups_sql[] = {
	"SELECT avg(w.satisfied), avg(w.score) FROM followups w"
	" JOIN cases c ON c.id = w.case_id WHERE 1", FILTERS, NULL
};
static const char *const followups_all[] = {
	"SELECT avg(satisfied), avg(score) FROM followups", NULL
};
static const struct sortkey no_keys[] = { { NULL, NULL } };

static const struct report_sql report_sqls[] = {
	{ "list", list_sql, list_keys, NULL, "c.id", NULL, NULL },
	{ "overdue", overdue_sql, due_keys, "o.due", "o.id", NULL,
	    "due, id" },
	{ "due", due_sql, due_keys, "o.due", "o.id, o.kind", NULL,
	    "due, id, kind" },
	{ "repeat", repeat_sql, repeat_keys, "g.cases DESC", "g.id", NULL,
	    NULL },
	{ "causes", causes_sql, causes_keys, "cases DESC", "cause", NULL,
	    NULL },
	{ "stats", stats_sql, no_keys, NULL, NULL, stats_all, NULL },
	{ "stats-rows", stats_rows, no_keys, NULL, NULL, NULL, NULL },
	{ "stats-scan", stats_scan, no_keys, NULL, NULL, NULL, NULL },
	{ "stats-escalated", escalated_sql, no_keys, NULL, NULL,
	    escalated_all, NULL },
	{ "stats-followups", followups_sql, no_keys, NULL, NULL,
	    followups_all, NULL },
};

static const struct report_sql *
find_report(const char *name)
{
	for (size_t i = 0; i < sizeof(report_sqls) / sizeof(report_sqls[0]);
	    i++)
		if (strcmp(report_sqls[i].name, name) == 0)
			return &report_sqls[i];
	return NULL;
}

/*
 * The statuses --status takes: "open" and those of state.c's table, read
 * from the table itself so a new state needs no change here.
 */
#define NSTATUS	24

struct statuses {
	char	 name[NSTATUS][24];
	size_t	 n;
};

static int
status_row(void *arg, const struct row *r)
{
	struct statuses	*l = arg;

	if (strcmp(r->val[0], "state") != 0 && l->n < NSTATUS)
		strlcpy(l->name[l->n++], r->val[0], sizeof(l->name[0]));
	return 0;
}

static void
statuses(struct statuses *l)
{
	l->n = 0;
	strlcpy(l->name[l->n++], "open", sizeof(l->name[0]));
	state_table(status_row, l);
}

/* Refuse a --status list naming anything but known statuses. */
static int
check_status(const char *list, struct cerror *e)
{
	struct statuses	 l;
	struct buf	 b = { NULL, 0, 0 };
	const char	*p, *q;
	char		 raw[64], vis[256];
	size_t		 i, len;
	int		 rc = 0;

	if (list == NULL)
		return 0;
	statuses(&l);
	for (p = list; rc == 0; p = q + 1) {
		q = p + strcspn(p, ",");
		len = (size_t)(q - p);
		for (i = 0; i < l.n; i++)
			if (strlen(l.name[i]) == len &&
			    strncmp(l.name[i], p, len) == 0)
				break;
		if (i == l.n) {
			for (i = 0; i < l.n; i++)
				buf_printf(&b, "%s%s", i ? ", " : "",
				    l.name[i]);
			snprintf(raw, sizeof(raw), "%.*s", (int)len, p);
			text_vis(vis, sizeof(vis), raw);
			rc = cerror_set(e, EX_DATAERR, "--status: %s is not "
			    "a status; use %s, or several joined by commas",
			    len > 0 ? vis : "\"\"", b.s != NULL ? b.s : "");
		}
		if (*q == '\0')
			break;
	}
	buf_free(&b);
	return rc;
}

/*
 * A list of statuses becomes "IN" with the names from the table (never
 * the user's text); "open" stands for every status that is not ended.
 */
static int
add_status(struct buf *b, const char *list)
{
	struct statuses	 l;
	const char	*p, *q;
	int		 rc = 0, n = 0, open;

	if (strchr(list, ',') == NULL) {
		if (strcmp(list, "open") == 0)
			return buf_puts(b, " AND c.status NOT IN " SQL_ENDED);
		return buf_puts(b, " AND c.status = :status");
	}
	statuses(&l);
	rc |= buf_puts(b, " AND c.status IN (");
	for (size_t i = 1; i < l.n; i++) {
		open = 0;
		for (p = list; !open; p = q + 1) {
			q = p + strcspn(p, ",");
			open = ((size_t)(q - p) == strlen(l.name[i]) &&
			    strncmp(p, l.name[i], (size_t)(q - p)) == 0) ||
			    ((q - p) == 4 && strncmp(p, "open", 4) == 0 &&
			    !state_ended(l.name[i]));
			if (*q == '\0')
				break;
		}
		if (open)
			rc |= buf_printf(b, "%s'%s'", n++ ? ", " : "",
			    l.name[i]);
	}
	return rc | buf_puts(b, ")");
}

/*
 * --grep: the case's words, folded (case, accents, compatibility forms),
 * must hold each word of the search.  A word is a run of letters and
 * digits; the rest separates words.
 */
static char *
fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
	    UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
	    UTF8PROC_IGNORE) < 0)
		return NULL;
	return (char *)out;
}

/* The next word of s from *p: its start, its length in *len. */
static const char *
next_word(const char **p, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	const char	*start = NULL, *s = *p;
	int		 word;

	for (;; s += n) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		if (n <= 0 || cp == 0)
			break;
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
			word = 1;
			break;
		default:
			word = 0;
		}
		if (word && start == NULL)
			start = s;
		else if (!word && start != NULL)
			break;
	}
	*len = start != NULL ? (size_t)(s - start) : 0;
	*p = s;
	return start;
}

/* Does folded text t hold the word w of length len? */
static int
has_word(const char *t, const char *w, size_t len)
{
	const char	*p, *v;
	size_t		 n;

	for (p = t; (v = next_word(&p, &n)) != NULL;)
		if (n == len && memcmp(v, w, n) == 0)
			return 1;
	return 0;
}

/* SQL grep_match(text, search): 1 when text holds every word of search. */
static void
grep_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*text, *search, *p, *w;
	char		*t = NULL, *q = NULL;
	size_t		 n;
	int		 hit = 1;

	(void)argc;
	text = (const char *)sqlite3_value_text(argv[0]);
	search = (const char *)sqlite3_value_text(argv[1]);
	if (text == NULL || search == NULL || (t = fold(text)) == NULL ||
	    (q = fold(search)) == NULL)
		hit = 0;
	for (p = q; hit && (w = next_word(&p, &n)) != NULL;)
		hit = has_word(t, w, n);
	free(t);
	free(q);
	sqlite3_result_int(ctx, hit);
}

/* Refuse a --grep with no word to look for. */
static int
check_grep(const char *s, struct cerror *e)
{
	const char	*p;
	char		*q;
	size_t		 n;
	int		 rc = 0;

	if (s == NULL)
		return 0;
	if ((q = fold(s)) == NULL)
		return cerror_set(e, EX_DATAERR, "--grep: not UTF-8 text");
	p = q;
	if (next_word(&p, &n) == NULL)
		rc = cerror_set(e, EX_USAGE, "--grep: no word to look for; "
		    "give letters or digits");
	free(q);
	return rc;
}

static int
add_filters(struct buf *b, const struct filter *f, int secs)
{
	int	 rc = 0;

	if (f->status != NULL)
		rc |= add_status(b, f->status);
	if (f->grep != NULL)
		rc |= buf_puts(b, " AND grep_match(c.summary || ' ' ||"
		    " coalesce(c.description, '') || ' ' || coalesce((SELECT"
		    " group_concat(s.text, ' ') FROM accounts a JOIN"
		    " statements s ON s.account = a.id"
		    " WHERE a.case_id = c.id), ''), :grep)");
	if (f->severity > 0)
		rc |= buf_puts(b, " AND c.severity = :severity");
	if (f->customer != NULL)
		rc |= buf_puts(b, " AND c.customer IN "
		    SQL_CUSTOMER(":customer"));
	if (f->channel != NULL)
		rc |= buf_puts(b, " AND c.channel = :channel");
	if (f->tag != NULL)
		rc |= buf_puts(b, " AND c.id IN (SELECT case_id FROM tags"
		    " WHERE tag = :tag)");
	if (f->assignee != NULL)
		rc |= buf_puts(b, " AND c.assignee = :assignee");
	if (f->since != NULL)
		rc |= buf_puts(b, secs ? " AND unixepoch(c.received) >="
		    " unixepoch(:since)" : " AND c.received >= :since");
	if (f->until != NULL)
		rc |= buf_puts(b, secs ? " AND unixepoch(c.received) <"
		    " unixepoch(:until)" : " AND c.received < :until");
	if (f->flag != NULL)
		rc |= buf_puts(b, " AND (instr(',' || c.flags || ',',"
		    " ',' || :flag || ',') > 0 OR instr(',' || c.flags,"
		    " ',' || :flag || ':') > 0)");
	return rc;
}

/* Append ORDER BY from --sort (names checked against keys) and LIMIT. */
static int
add_sort(struct buf *b, const struct report_sql *r, const struct filter *f,
    struct cerror *e)
{
	const struct sortkey *k;
	const char	*p, *q;
	size_t		 len;
	int		 rc = 0, desc;

	if (r->tie == NULL)
		return 0;
	rc |= buf_puts(b, " ORDER BY ");
	if (f->sort == NULL && r->order != NULL)
		rc |= buf_printf(b, "%s, ", r->order);
	for (p = f->sort; p != NULL && *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ",");
		if ((desc = *p == '-'))
			p++;
		len = (size_t)(q - p);
		for (k = r->keys; k->name != NULL; k++)
			if (strlen(k->name) == len &&
			    strncmp(k->name, p, len) == 0)
				break;
		if (k->name == NULL)
			return cerror_set(e, EX_USAGE, "--sort: %s has no "
			    "field %.*s", r->name, (int)len, p);
		rc |= buf_printf(b, "%s%s, ", k->term, desc ? " DESC" : "");
	}
	rc |= buf_puts(b, r->tie);
	if (f->limit > 0)
		rc |= buf_puts(b, " LIMIT :limit");
	return rc != 0 ? cerror_set(e, EX_OSERR, "out of memory") : 0;
}

static void
bind_str(sqlite3_stmt *st, const char *name, const char *s)
{
	int	 i;

	if (s != NULL && (i = sqlite3_bind_parameter_index(st, name)) > 0)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static void
bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int	 i;

	if ((i = sqlite3_bind_parameter_index(st, name)) > 0)
		sqlite3_bind_int64(st, i, v);
}

static void
bind_iso(sqlite3_stmt *st, const char *name, time_t t)
{
	char	 iso[TIMEFMT_LEN];
	int	 i;

	if ((i = sqlite3_bind_parameter_index(st, name)) > 0)
		sqlite3_bind_text(st, i, timefmt_iso(t, iso), -1,
		    SQLITE_TRANSIENT);
}

/* Is any filter set? */
static int
filtered(const struct filter *f)
{
	return f->status != NULL || f->severity > 0 || f->customer != NULL ||
	    f->channel != NULL || f->tag != NULL || f->assignee != NULL ||
	    f->since != NULL || f->until != NULL || f->flag != NULL ||
	    f->grep != NULL;
}

/* Append report name's SQL for f to sql. */
static int
assemble(struct buf *sql, const char *name, const struct filter *f,
    struct cerror *e)
{
	const struct report_sql *r;
	const char *const *parts;
	int		 rc = 0;

	/* stats through cases_stats would seek the table for every case */
	if (strcmp(name, "stats") == 0 && (f->customer != NULL ||
	    f->tag != NULL || f->assignee != NULL || f->flag != NULL ||
	    f->grep != NULL))
		name = "stats-rows";
	if ((r = find_report(name)) == NULL)
		return cerror_set(e, EX_USAGE, "no report %s", name);
	if ((rc = check_status(f->status, e)) != 0 ||
	    (rc = check_grep(f->grep, e)) != 0)
		return rc;
	parts = r->plain != NULL && !filtered(f) ? r->plain : r->parts;
	for (const char *const *p = parts; *p != NULL; p++) {
		if (*p == FILTERS || *p == SFILTERS)
			rc |= add_filters(sql, f, *p == SFILTERS);
		else if (*p == INNER) {
			if (f->sort == NULL && f->limit > 0)
				rc |= buf_printf(sql, " ORDER BY %s"
				    " LIMIT :limit", r->inner);
		} else if (*p == SORT) {
			if ((rc = add_sort(sql, r, f, e)) != 0)
				return rc;
		} else
			rc |= buf_puts(sql, *p);
	}
	return rc != 0 ? cerror_set(e, EX_OSERR, "out of memory") : 0;
}

int
query_sql(const char *name, const struct filter *f, struct buf *sql,
    struct cerror *e)
{
	return assemble(sql, name, f, e);
}

/* Build report name's statement for f; with explain, its query plan. */
static int
build(struct casefile *cf, const char *name, const struct filter *f,
    int explain, sqlite3_stmt **stp, struct cerror *e)
{
	struct buf	 sql = { NULL, 0, 0 };
	sqlite3_stmt	*st = NULL;
	time_t		 now = casefile_now(cf);
	int		 rc = 0;

	*stp = NULL;
	if (strcmp(name, "stats") == 0 && !filtered(f) && !tally_there(cf))
		name = "stats-scan";
	if (explain && buf_puts(&sql, "EXPLAIN QUERY PLAN ") != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	if ((rc = assemble(&sql, name, f, e)) != 0)
		goto out;
	if (f->grep != NULL && (rc = sqlite3_create_function_v2(cf->db,
	    "grep_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    grep_match, NULL, NULL, NULL)) != SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	if ((rc = sqlite3_prepare_v2(cf->db, sql.s, -1, &st, NULL)) !=
	    SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	bind_str(st, ":status", f->status);
	if (f->severity > 0)
		bind_int(st, ":severity", f->severity);
	bind_str(st, ":customer", f->customer);
	bind_str(st, ":channel", f->channel);
	bind_str(st, ":tag", f->tag);
	bind_str(st, ":assignee", f->assignee);
	bind_str(st, ":flag", f->flag);
	bind_str(st, ":grep", f->grep);
	if ((f->since != NULL &&
	    (rc = bind_time(cf, st, ":since", f->since, 0, e)) != 0) ||
	    (f->until != NULL &&
	    (rc = bind_time(cf, st, ":until", f->until, 1, e)) != 0))
		goto out;
	if (f->limit > 0)
		bind_int(st, ":limit", f->limit);
	bind_iso(st, ":now", now);
	bind_iso(st, ":end", now + (f->window > 0 ? f->window : 86400));
	bind_iso(st, ":from", now - (f->days > 0 ? f->days : 90) * 86400);
	bind_int(st, ":min", f->min > 0 ? f->min : 3);
	bind_int(st, ":mark", f->mark);
	*stp = st;
	st = NULL;
out:
	sqlite3_finalize(st);
	buf_free(&sql);
	return rc;
}

int
query_prepare(struct casefile *cf, const char *name, const struct filter *f,
    sqlite3_stmt **stp, struct cerror *e)
{
	return build(cf, name, f, 0, stp, e);
}

int
query_report(struct casefile *cf, const char *name, const struct filter *f,
    row_fn *fn, void *arg, struct cerror *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = build(cf, name, f, 0, &st, e)) != 0)
		return rc;
	rc = db_rows(cf, st, fn, arg, e);
	sqlite3_finalize(st);
	return rc;
}

int
query_columns(struct casefile *cf, const char *name, const struct filter *f,
    row_fn *fn, void *arg, struct cerror *e)
{
	const char	*names[32], *vals[32] = { NULL };
	int		 types[32];
	struct row	 r = { 0, names, vals, types };
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = build(cf, name, f, 0, &st, e)) != 0)
		return rc;
	r.n = sqlite3_column_count(st);
	for (int i = 0; i < r.n && i < 32; i++) {
		names[i] = sqlite3_column_name(st, i);
		types[i] = VAL_NULL;
	}
	if (r.n > 32)
		r.n = 32;
	rc = fn(arg, &r);
	sqlite3_finalize(st);
	return rc;
}

int
query_sortkeys(const char *name, row_fn *fn, void *arg, struct cerror *e)
{
	static const char *const names[] = { "key" };
	static const int types[] = { VAL_TEXT };
	const struct report_sql *r;
	const char	*val[1];
	struct row	 row = { 1, names, val, types };
	int		 rc = 0;

	if ((r = find_report(name)) == NULL)
		return cerror_set(e, EX_USAGE, "no report %s", name);
	for (const struct sortkey *k = r->keys; k->name != NULL && rc == 0;
	    k++) {
		val[0] = k->name;
		rc = fn(arg, &row);
	}
	return rc;
}

int
query_list(struct casefile *cf, const struct filter *f, row_fn *fn,
    void *arg, struct cerror *e)
{
	return query_report(cf, "list", f, fn, arg, e);
}

int
query_plan(struct casefile *cf, const char *name, const struct filter *f,
    row_fn *fn, void *arg, struct cerror *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = build(cf, name, f, 1, &st, e)) != 0)
		return rc;
	rc = db_rows(cf, st, fn, arg, e);
	sqlite3_finalize(st);
	return rc;
}

/* The due reminders listed, kept to be marked sent after the query. */
struct marks {
	struct row_copy {
		int64_t	 id;
		char	 kind[16];
		char	 due[TIMEFMT_LEN];
	}		*v;
	size_t		 n, cap;
	row_fn		*fn;
	void		*arg;
};

static int
mark_row(void *arg, const struct row *r)
{
	struct marks	*m = arg;
	struct row_copy	*v;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		if ((v = reallocarray(m->v, m->cap, sizeof(*v))) == NULL)
			return EX_OSERR;
		m->v = v;
	}
	v = &m->v[m->n++];
	v->id = strtoll(r->val[0], NULL, 10);
	strlcpy(v->kind, r->val[1], sizeof(v->kind));
	strlcpy(v->due, r->val[2], sizeof(v->due));
	return m->fn(m->arg, r);
}

int
query_due_sent(struct casefile *cf, int64_t id, const char *kind,
    const char *due, struct cerror *e)
{
	static const char ins[] =
	    "INSERT OR IGNORE INTO reminders (case_id, kind, due, sent)"
	    " VALUES (?, ?, ?, ?)";
	struct buf	 b = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	int		 rc;

	timefmt_iso(casefile_now(cf), now);
	if ((st = db_prepare(cf, ins, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	/* Another run marked it first: it is logged once. */
	if (sqlite3_changes(cf->db) == 0)
		return 0;
	if (buf_puts(&b, "{") != 0 || text_json_str(&b, "kind", kind) != 0 ||
	    text_json_str(&b, "due", due) != 0 || buf_puts(&b, "}") != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = case_event(cf, id, "remind", NULL, NULL, kind, b.s, e);
	buf_free(&b);
	return rc;
}

int
query_due_mark(struct casefile *cf, const struct filter *f, row_fn *fn,
    void *arg, struct cerror *e)
{
	struct marks	 m = { NULL, 0, 0, fn, arg };
	struct filter	 g = *f;
	int		 rc;

	g.mark = 1;
	if ((rc = offer_expire(cf, 0, e)) != 0 ||
	    (rc = query_report(cf, "due", &g, mark_row, &m, e)) != 0)
		goto out;
	for (size_t i = 0; i < m.n && rc == 0; i++)
		rc = query_due_sent(cf, m.v[i].id, m.v[i].kind, m.v[i].due, e);
out:
	free(m.v);
	return rc;
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

