/*
 * t_plan.c: the query plan of each report.  A report whose query falls
 * back to a full scan of the cases where an index should serve fails
 * here, so a plan regression fails the test suite.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complaint.h"
#include "unit.h"

/* The plan's detail lines, one a line. */
static int
plan_row(void *arg, const struct row *r)
{
	struct buf	*b = arg;

	return buf_printf(b, "%s\n", r->val[r->n - 1]);
}

/* Does the plan scan the whole of cases (c) without an index? */
static int
full_scan(const char *plan)
{
	const char	*p;

	for (p = plan; (p = strstr(p, "SCAN c")) != NULL; p++)
		if (p[6] == '\n' || strncmp(p + 6, " USING INDEX", 12) == 0 ||
		    strncmp(p + 6, " USING COVERING INDEX", 21) == 0)
			if (p[6] == '\n')
				return 1;
	return 0;
}

int
main(void)
{
	static const struct {
		const char	*report;
		struct filter	 f;
		const char	*want[3];	/* indexes the plan must use */
		int		 scan_ok;	/* a full scan is right here */
	} t[] = {
		{ "list", { .status = "new" }, { "cases_status" }, 0 },
		{ "list", { .customer = "ann@example.se" },
		    { "cases_customer", "customers_email" }, 0 },
		{ "list", { .tag = "refund" }, { "tags_tag" }, 0 },
		{ "list", { .status = "open", .limit = 50 }, { "cases_open" },
		    0 },
		{ "overdue", { .status = NULL },
		    { "cases_ack_open", "cases_resolve_open" }, 0 },
		{ "overdue", { .limit = 50 },
		    { "cases_ack_open", "cases_resolve_open", "MERGE" }, 0 },
		{ "due", { .limit = 50 },
		    { "cases_ack_open", "cases_resolve_open", "MERGE" }, 0 },
		{ "due", { .status = NULL },
		    { "cases_ack_open", "cases_resolve_open", "followups_due" },
		    0 },
		{ "due", { .mark = 1 },
		    { "cases_ack_open", "SEARCH r USING PRIMARY KEY", "followups_due" }, 0 },
		{ "repeat", { .status = NULL },
		    { "COVERING INDEX cases_received" }, 0 },
		{ "causes", { .status = NULL },
		    { "COVERING INDEX cases_cause" }, 0 },
		{ "causes", { .since = "2026-01-01" },
		    { "COVERING INDEX cases_cause" }, 0 },
		/* stats: with no filter, the tallies (stats-scan where a
		 * file has none yet); else the index of the times in
		 * seconds, whole or by status; an index of expressions is
		 * "USING INDEX" to SQLite 3.40, which still reads nothing
		 * of the table */
		{ "stats", { .status = NULL },
		    { "SCAN tally_cases", "SCAN tally_hours" }, 0 },
		{ "stats-scan", { .status = NULL },
		    { "SCAN c USING INDEX cases_stats\n" }, 1 },
		{ "stats", { .status = "closed" },
		    { "SEARCH c USING INDEX cases_stats (status=?)" }, 0 },
		{ "stats", { .since = "2026-01-01", .until = "2026-02-01" },
		    { "INDEX cases_stats" }, 1 },
		/* what only the table holds: its rows in order, or an index */
		{ "stats", { .assignee = "per" }, { "SCAN c\n" }, 1 },
		{ "stats", { .customer = "ann@example.se" },
		    { "cases_customer" }, 0 },
		{ "stats-escalated", { .status = NULL },
		    { "COVERING INDEX escalations_case" }, 1 },
		{ "stats-followups", { .status = NULL },
		    { "COVERING INDEX followups_stats" }, 1 },
	};
	char		 dir[] = "/tmp/complaint-plan.XXXXXX", path[128];
	struct casefile	*cf;
	struct cerror	 e;
	struct buf	 b = { NULL, 0, 0 };
	int		 rc;

	setenv("COMPLAINT_NOW", "2026-11-22T10:00:00Z", 1);
	setenv("COMPLAINT_USER", "tester", 1);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/cases.db", dir);
	CHECK(casefile_open(&cf, path, CF_WRITE, &e) == 0, "open %s", path);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		buf_reset(&b);
		e.msg[0] = '\0';
		if (strncmp(t[i].report, "stats", 5) == 0)
			rc = query_stats_plan(cf, t[i].report, &t[i].f,
			    plan_row, &b, &e);
		else
			rc = query_plan(cf, t[i].report, &t[i].f, plan_row, &b,
			    &e);
		CHECK(rc == 0, "%s %zu: plan (%s)", t[i].report, i, e.msg);
		for (int j = 0; j < 3 && t[i].want[j] != NULL; j++)
			CHECK(b.s != NULL && strstr(b.s, t[i].want[j]) != NULL,
			    "%s %zu uses %s", t[i].report, i, t[i].want[j]);
		if (!t[i].scan_ok)
			CHECK(b.s != NULL && !full_scan(b.s),
			    "%s %zu: no full scan of the cases",
			    t[i].report, i);
		if (getenv("PLAN") != NULL && b.s != NULL)
			fputs(b.s, stdout);
	}
	buf_reset(&b);
	CHECK(query_plan(cf, "nosuch", &t[0].f, plan_row, &b, &e) != 0,
	    "an unknown report is an error");
	buf_free(&b);
	casefile_close(cf);
	unlink(path);
	rmdir(dir);
	UNIT_EXIT();
}
