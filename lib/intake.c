/*
 * intake.c: a large import keeps up to date only the indexes its own
 * statements read (the ref, the customers' contacts, the customer's
 * cases); the report and timeline indexes are dropped at its start and
 * made again, sorted, at its end, inside the same transaction.  So the
 * import stays all or nothing, a reader sees the file as it was before
 * it, and a million rows do not keep eight random-key indexes in a page
 * cache that cannot hold them.  The triggers of the stats tallies go
 * too, and the tallies are counted again at the end: with a trigger that
 * writes, each insert of a case keeps a statement journal, which at a
 * million rows spilled to a file and wrote 6 pages a row more.
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

/* No per-row statement of an intake reads these (tests/unit/t_intake). */
static const char later_sql[] =
    "SELECT group_concat(sql, ';') || ';',"
    " group_concat('DROP ' || upper(type) || ' main.' || name, ';') || ';'"
    " FROM main.sqlite_schema WHERE (type = 'index' AND name IN"
    " ('cases_status', 'cases_received', 'cases_open', 'cases_ack_open',"
    " 'cases_resolve_open', 'cases_cause', 'cases_stats', 'events_case',"
    " 'audit_case')) OR (type = 'trigger' AND name IN ('tally_insert',"
    " 'tally_update_old', 'tally_update_new', 'tally_delete'))";

int
intake_defer(struct casefile *cf, char **later, struct cerror *e)
{
	sqlite3_stmt	*st;
	char		*drop;
	int		 rc;

	*later = NULL;
	if (!cf->large)
		return 0;
	if ((st = db_prepare(cf, later_sql, e)) == NULL)
		return e->code;
	drop = NULL;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    ((*later = strdup((const char *)sqlite3_column_text(st, 0))) ==
	    NULL || (drop = strdup((const char *)sqlite3_column_text(st,
	    1))) == NULL))
		rc = SQLITE_NOMEM;
	sqlite3_reset(st);
	if (rc == SQLITE_ROW && drop != NULL)
		rc = sqlite3_exec(cf->db, drop, NULL, NULL, NULL);
	free(drop);
	if (rc == SQLITE_ROW || rc == SQLITE_OK)
		return 0;
	free(*later);
	*later = NULL;
	if (rc == SQLITE_NOMEM)
		return cerror_set(e, EX_OSERR, "out of memory");
	return db_error(cf, rc, e);
}

int
intake_rebuild(struct casefile *cf, char *later, struct cerror *e)
{
	int	 rc;

	if (later == NULL)
		return 0;
	/* the sorts take as much again as the page cache: keep to 32 MB */
	rc = sqlite3_exec(cf->db, "PRAGMA cache_size = -8192", NULL, NULL,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(cf->db, later, NULL, NULL, NULL);
	free(later);
	if (rc != SQLITE_OK)
		return db_error(cf, rc, e);
	/* a file a writer took to schema 9 has them: this one was */
	return tally_count(cf, e);
}
