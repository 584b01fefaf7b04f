/*
 * t_casefile.c: creating, opening and migrating case files, transactions
 * and the busy timeout, and the audit chain.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"
#include "unit.h"

static char dir[] = "/tmp/complaint-unit.XXXXXX";

static const char *
path(const char *name)
{
	static char	 p[4][256];
	static int	 i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static int
sql_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The dummy migration the mechanism is tested with: v0 -> v1 -> v2. */
static void
test_migrate(void)
{
	static const struct migration steps[] = {
		{ 1, "ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x';" },
		{ 2, "CREATE TABLE u (c);" },
	};
	static const struct migration broken[] = {
		{ 3, "CREATE TABLE v (d);" },
		{ 4, "ALTER TABLE nosuch ADD COLUMN e;" },
	};
	struct cerror	 e;
	sqlite3		*db;

	sqlite3_open(path("mig.db"), &db);
	sqlite3_exec(db, "CREATE TABLE t (a); INSERT INTO t VALUES (1);",
	    NULL, NULL, NULL);
	CHECK(db_migrate(db, steps, 1, &e) == 0 &&
	    sql_int(db, "PRAGMA user_version") == 1 &&
	    sql_int(db, "SELECT count(*) FROM t WHERE b = 'x'") == 1,
	    "migration v0 to v1 adds the column and sets user_version");
	CHECK(db_migrate(db, steps, 2, &e) == 0 &&
	    sql_int(db, "PRAGMA user_version") == 2 &&
	    sql_int(db, "SELECT count(*) FROM u") == 0,
	    "migration v1 to v2 skips the step already done");
	CHECK(db_migrate(db, broken, 2, &e) == EX_SOFTWARE &&
	    sql_int(db, "PRAGMA user_version") == 2 &&
	    sql_int(db, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'v'") == 0,
	    "a failing step rolls back every step of the migration");
	sqlite3_close(db);
}

static void
test_open(void)
{
	struct casefile	*cf = NULL, *cf2 = NULL;
	struct cerror	 e;
	struct stat	 st;
	sqlite3		*db;
	FILE		*fp;
	int		 rc;

	rc = casefile_open(&cf, path("none.db"), CF_READ, &e);
	CHECK(rc == EX_NOINPUT && access(path("none.db"), F_OK) == -1,
	    "a reader of a missing case file gets 66 and creates nothing");

	umask(022);
	rc = casefile_open(&cf, path("sub/dir/cases.db"), CF_WRITE, &e);
	CHECK(rc == 0, "a writer creates the case file and its folders");
	CHECK(stat(path("sub/dir/cases.db"), &st) == 0 &&
	    (st.st_mode & 0777) == 0600, "the case file is 0600 under umask 022");
	CHECK(stat(path("sub/dir"), &st) == 0 && (st.st_mode & 0777) == 0700,
	    "its folder is 0700");
	CHECK(casefile_schema_version() == 9 && sql_int(cf->db,
	    "PRAGMA user_version") == 9, "a new file has the current schema");
	CHECK(sql_int(cf->db, "PRAGMA foreign_keys") == 1 &&
	    sql_int(cf->db, "PRAGMA trusted_schema") == 0,
	    "foreign keys on, schema not trusted");
	{
		int on = -1;
		sqlite3_db_config(cf->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &on);
		CHECK(on == 1, "defensive mode is on");
	}
	CHECK(sql_int(cf->db, "SELECT count(*) FROM settings"
	    " WHERE key = 'busy.timeout' AND value = '5000'") == 1,
	    "settings are written at creation");

	/* A second writer waits for the busy timeout, then gets 75. */
	casefile_begin(cf, &e);
	casefile_open(&cf2, path("sub/dir/cases.db"), CF_WRITE, &e);
	sqlite3_busy_timeout(cf2->db, 100);
	CHECK(casefile_begin(cf2, &e) == EX_TEMPFAIL,
	    "a writer blocked past the busy timeout gets 75");
	casefile_close(cf2);
	casefile_close(cf);

	fp = fopen(path("text.db"), "w");
	fputs("this is not a database, but it is long enough to be read as "
	    "one by SQLite, which wants a header of a hundred bytes......\n",
	    fp);
	fclose(fp);
	CHECK(casefile_open(&cf, path("text.db"), CF_WRITE, &e) == EX_DATAERR,
	    "a file that is not SQLite is 65: %s", e.msg);

	sqlite3_open(path("other.db"), &db);
	sqlite3_exec(db, "CREATE TABLE x (y)", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(casefile_open(&cf, path("other.db"), CF_READ, &e) == EX_DATAERR,
	    "an SQLite file of another program is 65: %s", e.msg);

	casefile_open(&cf, path("newer.db"), CF_WRITE, &e);
	sqlite3_exec(cf->db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	casefile_close(cf);
	CHECK(casefile_open(&cf, path("newer.db"), CF_READ, &e) == EX_DATAERR,
	    "a newer schema is 65: %s", e.msg);
}

static void
test_audit(void)
{
	struct casefile	*cf = NULL;
	struct audit_bad v;
	struct cerror	 e;

	casefile_open(&cf, path("audit.db"), CF_WRITE, &e);
	casefile_begin(cf, &e);
	audit_append(cf, 0, "test", "{\"n\":1}", &e);
	audit_append(cf, 1, "test", "{\"n\":2}", &e);
	audit_append(cf, 1, "test", "{\"n\":3}", &e);
	casefile_commit(cf, &e);
	/* entry 1 records the rows of the new file (attest) */
	CHECK(audit_verify(cf, &v, &e) == 0 && v.entry == 0 &&
	    v.entries == 4, "an untouched chain verifies");
	CHECK(sqlite3_exec(cf->db, "UPDATE audit SET content = 'x'"
	    " WHERE id = 3", NULL, NULL, NULL) != SQLITE_OK,
	    "the trigger refuses an UPDATE");
	CHECK(sqlite3_exec(cf->db, "DELETE FROM audit WHERE id = 3",
	    NULL, NULL, NULL) != SQLITE_OK, "the trigger refuses a DELETE");
	CHECK(sqlite3_exec(cf->db, "UPDATE audit SET content = '{}',"
	    " redacted = '2026-11-22T10:00:00Z' WHERE id = 3",
	    NULL, NULL, NULL) == SQLITE_OK, "a redaction is allowed");
	CHECK(audit_verify(cf, &v, &e) == 0 && v.entry == 0 &&
	    v.redacted == 1, "a redacted chain still verifies");
	sqlite3_exec(cf->db, "DROP TRIGGER audit_no_update;"
	    "UPDATE audit SET content = '{\"n\":4}' WHERE id = 4;",
	    NULL, NULL, NULL);
	CHECK(audit_verify(cf, &v, &e) == 0 && v.entry == 4,
	    "altered content is found: %s", e.msg);
	sqlite3_exec(cf->db, "UPDATE audit SET content = '{\"n\":3}',"
	    " actor = 'mallory' WHERE id = 4", NULL, NULL, NULL);
	CHECK(audit_verify(cf, &v, &e) == 0 && v.entry == 4,
	    "an altered actor breaks the chain: %s", e.msg);
	casefile_close(cf);
}

int
main(void)
{
	char	 cmd[300];

	unsetenv("COMPLAINT_NOW");
	if (mkdtemp(dir) == NULL)
		return 1;
	test_migrate();
	test_open();
	test_audit();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0, "the temporary folder is removed");
	UNIT_EXIT();
}
