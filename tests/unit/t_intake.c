/*
 * t_intake.c: the query plan of every statement an intake runs per row.
 * The statements are not listed here: they are caught as a few complaints
 * are recorded (a new customer, the same one again by e-mail and by
 * phone, with tags and fields, as complaint-new --csv does), and each is
 * planned.  A per-row statement that scans a table or an index, or
 * sorts in a temporary b-tree, costs O(n) a row and fails here; the
 * repeat count's subquery is scanned, but it stops at its LIMIT.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"
#include "unit.h"

#define MAXSQL	128

struct seen {
	char	*sql[MAXSQL];
	int	 n;
};

static int
trace(unsigned type, void *arg, void *p, void *x)
{
	struct seen	*s = arg;
	const char	*sql = sqlite3_sql(p);

	(void)type;
	(void)x;
	if (sql == NULL || s->n == MAXSQL)
		return 0;
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->sql[i], sql) == 0)
			return 0;
	s->sql[s->n++] = strdup(sql);
	return 0;
}

/* The plan of sql, one detail a line, into b; 0 or an SQLite code. */
static int
plan(sqlite3 *db, const char *sql, char *b, size_t size)
{
	sqlite3_stmt	*st;
	char		*q;
	int		 rc;

	*b = '\0';
	if ((q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql)) == NULL)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(db, q, -1, &st, NULL);
	sqlite3_free(q);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strlcat(b, (const char *)sqlite3_column_text(st, 3), size);
		strlcat(b, "\n", size);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* A full pass over a table or index of the file, or a sort of one. */
static int
linear(const char *p)
{
	for (; *p != '\0'; p = strchr(p, '\n') + 1) {
		/* a subquery's rows are bounded by its own plan and LIMIT */
		if (strncmp(p, "SCAN ", 5) == 0 &&
		    strncmp(p, "SCAN CONSTANT ROW", 17) != 0 &&
		    strncmp(p, "SCAN (subquery-", 15) != 0 &&
		    strstr(p, "VIRTUAL TABLE") == NULL)
			return 1;
		if (strncmp(p, "USE TEMP B-TREE", 15) == 0)
			return 1;
	}
	return 0;
}

int
main(void)
{
	static const char *tags[] = { "kettle" };
	static const char *xname[] = { "State" }, *xvalue[] = { "VA" };
	struct newcase	 nc[4];
	struct caseid	 id;
	struct casefile	*cf;
	struct cerror	 e;
	struct seen	 s = { { NULL }, 0 };
	char		 dir[] = "/tmp/complaint-intake.XXXXXX", path[128];
	char		 p[4096], status[16];
	int		 sev, checked = 0;

	setenv("COMPLAINT_NOW", "2026-11-22T10:00:00Z", 1);
	setenv("COMPLAINT_USER", "tester", 1);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/cases.db", dir);
	CHECK(casefile_open(&cf, path, CF_WRITE, &e) == 0, "open %s", path);
	CHECK(casefile_bulk(cf, 0, &e) == 0 && casefile_begin(cf, &e) == 0,
	    "a bulk transaction");
	memset(nc, 0, sizeof(nc));
	nc[0].name = "Ann Berg";
	nc[0].email = "ann@example.se";
	nc[0].ref = "R1";
	nc[0].received = "2026-11-01";
	nc[0].summary = "Kettle leaks";
	nc[0].description = "It leaked on the counter; I want a refund.";
	nc[0].amount = "49.90";
	nc[1] = nc[0];			/* the same again: a duplicate */
	nc[1].ref = "R2";
	nc[1].phone = "+46 70 123 45 67";
	nc[1].tags = tags;
	nc[1].ntags = 1;
	nc[1].xname = xname;
	nc[1].xvalue = xvalue;
	nc[1].nextra = 1;
	nc[2].phone = "070-123 45 67";	/* the same customer by phone */
	nc[2].received = "2026-11-03";
	nc[2].summary = "Still leaking";
	nc[3].name = "Budi";		/* a new one by name */
	nc[3].summary = "Paket terlambat";
	nc[3].ref = "R1";		/* and a ref already taken */
	/* The first row reads the rules and settings once: not traced. */
	CHECK(case_create(cf, &nc[0], &id, &e) == 0, "case 1 (%s)", e.msg);
	sqlite3_trace_v2(cf->db, SQLITE_TRACE_STMT, trace, &s);
	for (int i = 1; i < 4; i++) {
		CHECK(case_create(cf, &nc[i], &id, &e) == 0 &&
		    case_brief(cf, id.id, status, sizeof(status), &sev, &e) ==
		    0, "case %d (%s)", i + 1, e.msg);
	}
	nc[3].ref = "R4";
	CHECK(case_create(cf, &nc[3], &id, &e) == 0, "case 4 (%s)", e.msg);
	sqlite3_trace_v2(cf->db, 0, NULL, NULL);
	for (int i = 0; i < s.n; i++) {
		if (strncmp(s.sql[i], "PRAGMA", 6) == 0)
			continue;
		CHECK(plan(cf->db, s.sql[i], p, sizeof(p)) == 0,
		    "plan of %s", s.sql[i]);
		CHECK(!linear(p), "O(log n): %s", s.sql[i]);
		if (linear(p) || getenv("PLAN") != NULL)
			printf("%s\n%s\n", s.sql[i], p);
		checked++;
		free(s.sql[i]);
	}
	/* customers by e-mail, phone and name; ref; cases; audit; events */
	CHECK(checked >= 12, "%d statements a row planned", checked);
	casefile_rollback(cf);
	casefile_close(cf);
	unlink(path);
	rmdir(dir);
	UNIT_EXIT();
}
