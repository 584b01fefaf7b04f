/*
 * tally.c: the stats tallies (migrate-9.sql): whether a file has them
 * (stats and verify ask), and counted again from the cases, whole, by
 * verify's repair (complaint init) and at the end of a large import,
 * which drops their triggers (intake.c).
 */
#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

/* A reader leaves a file of schema 8 as it is: it has none. */
int
tally_there(struct casefile *cf)
{
	return sqlite3_table_column_metadata(cf->db, "main", "tally_cases",
	    NULL, NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
}

int
tally_count(struct casefile *cf, struct cerror *e)
{
	static const char sql[] =
	    "DELETE FROM tally_cases; DELETE FROM tally_hours;"
	    "INSERT INTO tally_cases (status, severity, channel, n)"
	    " SELECT status, severity, coalesce(channel, '-'), count(*)"
	    " FROM cases GROUP BY 1, 2, 3;"
	    "INSERT INTO tally_hours (kind, secs, n)"
	    " SELECT kind, secs, count(*) FROM tally_hours_of GROUP BY 1, 2;";
	int	 rc;

	if ((rc = sqlite3_exec(cf->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return db_error(cf, rc, e);
	return 0;
}
