/*
 * internal.h: private to lib/.  The layout of struct casefile and the
 * helpers every module uses to run SQL.
 */
#ifndef COMPLAINT_INTERNAL_H
#define COMPLAINT_INTERNAL_H

#include <sqlite3.h>

#define STMT_CACHE	48

/* A row written since the last audit entry: audit.c records its hash. */
struct touch {
	int		 tbl;		/* index in audit.c's table list */
	char		*key;		/* rowid, or the JSON array of the key */
	char		 hash[65];	/* before: the row before the change */
};

struct casefile {
	sqlite3		*db;
	char		 path[1024];
	char		 actor[64];
	int		 mode;		/* CF_READ or CF_WRITE */
	int		 intx;		/* a transaction is open */
	int		 reattest;	/* migrated: record every row again */
	time_t		 now;
	struct policy	*policy;	/* policy.c's settings, read once */
	struct rules	*rules;		/* triage.c's rules, read once */
	struct touch	*touch;		/* rows written, not yet recorded */
	size_t		 ntouch, maxtouch;
	struct touch	*before;	/* rows as they were before changed */
	size_t		 nbefore, maxbefore;
	struct {
		int	 set;		/* an entry waits for commit */
		int64_t	 caseid;
		char	*action, *content;
	} pend;
	struct {
		const char	*sql;	/* the literal, compared by address */
		sqlite3_stmt	*st;
	} cache[STMT_CACHE];
};

struct migration {
	int		 to;		/* user_version after this step */
	const char	*sql;
};

/*
 * A prepared statement for the SQL literal sql, reset and ready to bind.
 * Statements are kept until the case file is closed, so the hot paths of
 * a bulk import prepare each statement once.
 */
sqlite3_stmt *db_prepare(struct casefile *, const char *, struct cerror *);
/* Map an SQLite result to an EX_ code with a message; return the code. */
int	db_error(struct casefile *, int, struct cerror *);
/* Step a statement that returns no row; return 0 or an EX_ code. */
int	db_done(struct casefile *, sqlite3_stmt *, struct cerror *);
/* Bind text, or NULL when s is NULL or empty. */
int	db_bind_text(sqlite3_stmt *, int, const char *);
/* Apply the migrations after the file's user_version, in one transaction. */
int	db_migrate(sqlite3 *, const struct migration *, size_t,
	    struct cerror *);
/* Run fn for each row of a stepped statement, as a struct row. */
int	db_rows(struct casefile *, sqlite3_stmt *, row_fn *, void *,
	    struct cerror *);

/* Call fn with each row of sql, its :id bound to id and :now to now. */
int	case_rows(struct casefile *, const char *, int64_t, row_fn *, void *,
	    struct cerror *);

/*
 * audit.c: the record of rows.  Every write to a table of the case file
 * is seen (an update hook, temporary triggers for WITHOUT ROWID tables)
 * and recorded with the hash of the row in the command's audit entry,
 * which waits until commit for them.  audit_touch marks a row by hand.
 */
struct audit_table {
	const char	*name;
	int		 rowid;		/* keyed by rowid, else a JSON array */
	const char	*all;		/* key, then the row, of every row */
	const char	*one;		/* the row of key ?1 */
};
extern const struct audit_table audit_tables[];	/* ends with a NULL name */

int	audit_watch(struct casefile *, struct cerror *);
int	audit_touch(struct casefile *, const char *, const char *);
/* Write the waiting entry with the rows written; 0 or an EX_ code. */
int	audit_flush(struct casefile *, struct cerror *);
/* Forget the waiting entry and the rows (a rollback). */
void	audit_discard(struct casefile *);
/* Free the touch list. */
void	audit_release(struct casefile *);
/* The index of table name in audit_tables, or -1. */
int	audit_table_find(const char *);
/*
 * fn gets each row of sql (id, case, path, sha256) with the file's state
 * now: ok, changed, missing or unreadable (report.c).
 */
int	query_rehash(struct casefile *, const char *, const char *, row_fn *,
	    void *, struct cerror *);
/* SHA-256 of a stepped row's columns from first on, canonical. */
void	audit_rowhash(sqlite3_stmt *, int, char [65]);
/* The file has schema 5's audit.rows. */
int	audit_has_rows(struct casefile *);
/*
 * Record every row once when the log has no record of rows yet, or with
 * force (a migration changed the form of recorded rows).
 */
int	audit_attest(struct casefile *, int, struct cerror *);

/* Create the missing folders above path, each 0700. */
int	casefile_mkparents(const char *, struct cerror *);

/* fullexport.c: name and wr (WITHOUT ROWID) of every table, by name. */
extern const char fullexport_tables_sql[];
/* path = DIR/NAME.csv, or EX_USAGE when it does not fit in size. */
int	fullexport_path(char *, size_t, const char *, const char *,
	    struct cerror *);

/* Check a time zone name: UTC or a file of the zoneinfo database. */
int	casefile_tz(const char *, struct cerror *);

/* policy.c, triage.c: free what a case file holds of them. */
void	policy_free(struct policy *);
void	triage_free(struct rules *);

/* query.c: report name's statement for f, prepared and bound. */
int	query_prepare(struct casefile *, const char *, const struct filter *,
	    sqlite3_stmt **, struct cerror *);

#endif
