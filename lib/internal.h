/*
 * internal.h: private to lib/.  The layout of struct casefile and the
 * helpers every module uses to run SQL.
 */
#ifndef COMPLAINT_INTERNAL_H
#define COMPLAINT_INTERNAL_H

#include <sha2.h>
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
	int		 checkpoint;	/* empty the WAL after the commit */
	int		 trusted;	/* ours, or named: its hooks may run */
	int		 large;		/* a bulk import of a quarter of it */
	int		 bulk;		/* so in a rollback journal, not WAL */
	int		 busy_ms;	/* the busy timeout */
	int		 waited;	/* ms waited for this lock so far */
	int		 told;		/* tell said it waits for an import */
	void		(*tell)(const char *, ...);
	time_t		 now;
	struct policy	*policy;	/* policy.c's settings, read once */
	struct rules	*rules;		/* triage.c's rules, read once */
	/*
	 * Each set with its cache by the module that owns it, so
	 * casefile_close frees the caches without calling up to them.
	 */
	void		(*free_policy)(struct policy *);
	void		(*free_rules)(struct rules *);
	struct touch	*touch;		/* rows written, not yet recorded */
	size_t		 ntouch, maxtouch;
	struct touch	*before;	/* rows as they were before changed */
	size_t		 nbefore, maxbefore;
	char		*keypath;	/* audit.keyfile read, and its key */
	unsigned char	*key;
	size_t		 nkey;
	struct {
		int	 set;		/* the last entry of this transaction */
		int64_t	 id;
		char	 hash[65];
	} last;
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
 * db.c, the ground: a prepared statement for the SQL literal sql, reset
 * and ready to bind.
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

/* report.c: call fn with each row of sql, :id bound to id, :now to now. */
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

/* hmac.c: HMAC-SHA-256 (RFC 2104), a key then the message in parts. */
struct hmac {
	SHA2_CTX	 ctx;		/* the inner hash */
	uint8_t		 opad[SHA256_BLOCK_LENGTH];
};

void	hmac_init(struct hmac *, const void *, size_t);
void	hmac_update(struct hmac *, const void *, size_t);
/* The HMAC in hex; h is wiped. */
void	hmac_end(struct hmac *, char [65]);
/*
 * Check path as the audit key (audit.keyfile): the caller's file, mode
 * 0600 or stricter, 32 to 4096 bytes, not the case file, and the same key
 * as the one set already at old, if any (NULL: none).
 */
int	audit_keycheck(struct casefile *, const char *, const char *,
	    struct cerror *);

/*
 * trust.c: *trusted is 0 when the file at path or its folder belongs to
 * another user (not root) and COMPLAINT_TRUST does not name it; then a
 * writer (mode CF_WRITE) is refused with EX_NOPERM.
 */
int	trust_check(const char *, int, int *, struct cerror *);

/* Create the missing folders above path, each 0700. */
int	casefile_mkparents(const char *, struct cerror *);

/* fullexport.c: name and wr (WITHOUT ROWID) of every table, by name. */
extern const char fullexport_tables_sql[];
/* path = DIR/NAME.csv, or EX_USAGE when it does not fit in size. */
int	fullexport_path(char *, size_t, const char *, const char *,
	    struct cerror *);

/* policy.c: check a time zone name, UTC or a file of the zoneinfo. */
int	casefile_tz(const char *, struct cerror *);

/* policy.c, triage.c: free what a case file holds of them. */
void	policy_free(struct policy *);
void	triage_free(struct rules *);

/* query.c: report name's statement for f, prepared and bound. */
int	query_prepare(struct casefile *, const char *, const struct filter *,
	    sqlite3_stmt **, struct cerror *);


/*
 * filehash.c: the SHA-256 of the regular file at path, its size, and its
 * absolute path in abs (PATH_MAX bytes, or NULL).  0, or why not: errno
 * tells more after FILE_OPEN and FILE_READ.
 */
#define FILE_OPEN	1
#define FILE_TYPE	2	/* not a regular file */
#define FILE_READ	3
int	file_sha256(const char *, char *, int64_t *, char [65]);

/* lexicon.c: the small words of each language and what each does. */
#define LX_NEG		0x0001	/* denies what follows */
#define LX_FIRST	0x0002	/* the teller: I, saya, jag */
#define LX_PRON		0x0004	/* another pronoun */
#define LX_SMALL	0x0008	/* too common to tell statements apart */
#define LX_CUST		0x0010	/* the customer, as staff call her */
#define LX_STAFF	0x0020	/* the employee, as customers call him */
#define LX_OTHER	0x0040	/* the role of someone else */
#define LX_NEGAFTER	0x0100	/* denies the word before it (Swedish) */
#define LX_ABILITY	0x0200	/* a denial of ability: can't */
#define LX_LACK		0x0400	/* a thing absent: without */
#define LX_BREAK	0x0800	/* begins a clause, as a comma does */
#define LX_ACCEPT	0x1000	/* keeps a denial off: won't tolerate */
#define LX_OUGHT	0x2000	/* says what ought to be: should */
#define LX_GUESS	0x4000	/* tells the language it is in */
enum { LEX_EN, LEX_ID, LEX_SV, LEX_NLANG };
struct lexword {
	const char	*w;
	unsigned	 f;
};
struct lexicon {
	const char		*code;		/* en, id, sv */
	const char		*stemmer;	/* Snowball's name for it */
	const struct lexword	*w;		/* sorted by bytes */
	size_t			 n;
};
extern const struct lexicon lexicons[LEX_NLANG];
/* The LX_ flags of the n bytes of w in lang, 0 when it is not listed. */
unsigned lex_lookup(int, const char *, size_t);
/*
 * The same over all languages, for a word folded to base letters (see
 * text_base): the flags or'ed, and in *lang (if not NULL) the language
 * it tells or -1.
 */
unsigned lex_base(const char *, size_t, int *);
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
