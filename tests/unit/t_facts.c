/*
 * t_facts.c: the shared names.  The SQL made from facts.c's X-macros
 * says what the C tables say, the ended statuses are word for word the
 * WHERE of schema.sql's cases_open index, and the helpers find and join.
 */
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"
#include "unit.h"

static const char schema_sql[] =
#include "schema.h"
;

static const struct {
	const char	*kind;
	int		 n;
	const char	*first, *last;
} lists[] = {
	{ "statuses", 12, "new", "merged" },
	{ "severities", 4, "low", "critical" },
	{ "steps", NVERB, "ack", "reopen" },
	{ "offer-kinds", 10, "refund", "other" },
	{ "channels", 6, "email", "in-person" },
};

static const struct {
	const char	*name;
	const char	*list[4];
	const char	*want;
} joins[] = {
	{ "one name alone", { "a", NULL }, "a" },
	{ "two, with or", { "a", "b", NULL }, "a or b" },
	{ "three, commas then or", { "a", "b", "c", NULL }, "a, b or c" },
	{ "none, empty", { NULL }, "" },
};

int
main(void)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	char		 buf[256];
	size_t		 k;

	for (k = 0; facts_kind(k) != NULL; k++)
		;
	CHECK(k == sizeof(lists) / sizeof(lists[0]), "%zu kinds", k);
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const char *const *l = facts_list(lists[i].kind);
		int n = 0;

		CHECK(l != NULL && strcmp(facts_kind(i), lists[i].kind) == 0,
		    "%s is a kind", lists[i].kind);
		if (l == NULL)
			continue;
		while (l[n] != NULL)
			n++;
		CHECK(n == lists[i].n && strcmp(l[0], lists[i].first) == 0 &&
		    strcmp(l[n - 1], lists[i].last) == 0,
		    "%s: %d, %s to %s", lists[i].kind, lists[i].n,
		    lists[i].first, lists[i].last);
		for (int j = 0; j < n; j++)
			CHECK(facts_find(l, l[j]) == j, "%s: %s found at %d",
			    lists[i].kind, l[j], j);
	}
	CHECK(facts_list("colours") == NULL, "an unknown kind has no list");
	CHECK(facts_find(facts_channels, "fax") == -1 &&
	    facts_find(facts_channels, "") == -1 &&
	    facts_find(facts_channels, "Email") == -1,
	    "find is exact: fax, empty, Email are not channels");
	CHECK(facts_find(facts_steps, "merge") == V_MERGE &&
	    facts_find(facts_steps, "follow-up") == V_FOLLOWUP &&
	    strcmp(state_verb_name(V_REOPEN), "reopen") == 0,
	    "the steps are in the order of V_");
	for (size_t i = 0; i < sizeof(joins) / sizeof(joins[0]); i++)
		CHECK(strcmp(facts_join(joins[i].list, buf, sizeof(buf)),
		    joins[i].want) == 0, "join: %s (%s)", joins[i].name, buf);
	CHECK(strcmp(facts_join(facts_offer_kinds, buf, 20), "refund, "
	    "partial-ref") == 0, "join truncates to the buffer (%s)", buf);

	/* SQL made from the X-macros agrees with the C tables. */
	CHECK(strstr(schema_sql, "CREATE INDEX cases_open ON cases(id)\n"
	    "    WHERE status NOT IN " SQL_ENDED ";\n") != NULL,
	    "schema.sql's cases_open says WHERE status NOT IN %s", SQL_ENDED);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT ?1 IN " SQL_ENDED ", "
	    SQL_SEVERITY("?2"), -1, &st, NULL) != SQLITE_OK) {
		CHECK(0, "prepare: %s", sqlite3_errmsg(db));
		goto out;
	}
	for (int i = 0; facts_statuses[i] != NULL; i++) {
		const char *s = facts_statuses[i];

		sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, i);
		if (sqlite3_step(st) != SQLITE_ROW) {
			CHECK(0, "step: %s", sqlite3_errmsg(db));
			goto out;
		}
		CHECK(sqlite3_column_int(st, 0) == state_ended(s),
		    "%s: SQL_ENDED and state_ended agree (%d)", s,
		    state_ended(s));
		if (i >= 1 && i <= 4)
			CHECK(strcmp((const char *)sqlite3_column_text(st, 1),
			    case_severity_name(i)) == 0,
			    "SQL_SEVERITY(%d) is %s", i, case_severity_name(i));
		else
			CHECK(sqlite3_column_type(st, 1) == SQLITE_NULL,
			    "SQL_SEVERITY(%d) is NULL", i);
		sqlite3_reset(st);
	}
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	UNIT_EXIT();
}
