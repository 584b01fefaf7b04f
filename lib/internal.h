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

/* Check a time zone name: UTC or a file of the zoneinfo database. */
int	casefile_tz(const char *, struct cerror *);

/* policy.c, triage.c: free what a case file holds of them. */
void	policy_free(struct policy *);
void	triage_free(struct rules *);

/* query.c: report name's statement for f, prepared and bound. */
int	query_prepare(struct casefile *, const char *, const struct filter *,
	    sqlite3_stmt **, struct cerror *);

/*
 * facts.c: the two lists SQL needs too, written once as X-macros so that
 * facts.c's tables and the SQL below are made from the same words.  The
 * ended statuses come last in facts_statuses; SQL_ENDED must stay word
 * for word the WHERE of schema.sql's cases_open, or SQLite will not use
 * that index (t_facts.c checks it).
 */
#define FACTS_SEVERITIES(X)						\
	X(1, "low") X(2, "medium") X(3, "high") X(4, "critical")
#define FACTS_ENDED(FIRST, NEXT)					\
	FIRST("closed") NEXT("dismissed") NEXT("merged")
#define SQL_WHEN_(n, name)	" WHEN " #n " THEN '" name "'"
#define SQL_FIRST_(name)	"'" name "'"
#define SQL_NEXT_(name)		", '" name "'"
/* The name of the severity in column col, as SQL. */
#define SQL_SEVERITY(col)	"CASE " col FACTS_SEVERITIES(SQL_WHEN_) " END"
/* The statuses of a case that needs no more work, as an SQL list. */
#define SQL_ENDED	"(" FACTS_ENDED(SQL_FIRST_, SQL_NEXT_) ")"
/*
 * The ids of the customers parameter p names: by id, e-mail, name or
 * phone (as given or in E.164), one index look-up each; an SQL subquery.
 */
#define SQL_CUSTOMER(p)	"(SELECT id FROM customers WHERE id = " p	\
	" UNION SELECT id FROM customers WHERE email = " p " COLLATE NOCASE" \
	" UNION SELECT id FROM customers WHERE name = " p " COLLATE NOCASE" \
	" UNION SELECT id FROM customers WHERE phone = " p		\
	" UNION SELECT id FROM customers WHERE phone = phone_e164(" p ","	\
	" (SELECT value FROM settings WHERE key = 'phone.country')))"

#endif
