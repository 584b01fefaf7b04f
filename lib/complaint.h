/*
 * complaint.h: the one public header of libcomplaint, the core shared by
 * every complaint-* tool.  Grouped by the file that defines each part.
 * A call returns 0 or a <sysexits.h> code and fills a struct cerror.
 */
#ifndef COMPLAINT_H
#define COMPLAINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define COMPLAINT_VERSION	"0.1.0"

struct casefile;
struct row;

/* A callback for each row of a query; non-zero stops the query. */
typedef int row_fn(void *, const struct row *);

/* error.c */
struct cerror {
	int	code;		/* EX_* value, 0 when none */
	char	msg[256];	/* "case 12 is closed; reopen it first" */
};

/* Fill e with code and a printf-style message; return code. */
int	cerror_set(struct cerror *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Put "prefix: " before the message already in e; return code. */
int	cerror_prefix(struct cerror *, int, const char *);

/* buf.c: a growable string, always NUL-terminated once used. */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

/* Append n bytes; return 0 or EX_OSERR when out of memory. */
int	buf_add(struct buf *, const char *, size_t);
/* Append a NUL-terminated string. */
int	buf_puts(struct buf *, const char *);
/* Append printf-style. */
int	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Forget the contents but keep the memory. */
void	buf_reset(struct buf *);
/* Free the memory. */
void	buf_free(struct buf *);

/* casefile.c */
#define CF_READ		0	/* a reader: the file must exist */
#define CF_WRITE	1	/* a writer: create the file when missing */

/* Resolve the case file path: arg, else $COMPLAINT_FILE, else XDG. */
int	casefile_path(const char *, char *, size_t, struct cerror *);
/* Open (and for CF_WRITE create or migrate) a case file. */
int	casefile_open(struct casefile **, const char *, int, struct cerror *);
/*
 * The same, with tell (printf-like, such as warnx) called once if the
 * command must wait for a large import holding the file.
 */
int	casefile_open_tell(struct casefile **, const char *, int,
	    void (*)(const char *, ...), struct cerror *);
/* Close and free; rolls back a transaction still open. */
void	casefile_close(struct casefile *);
/* The path the case file was opened at. */
const char *casefile_name(const struct casefile *);
/* Start the command's one transaction (IMMEDIATE for writers). */
int	casefile_begin(struct casefile *, struct cerror *);
/* Commit it. */
int	casefile_commit(struct casefile *, struct cerror *);
/* Roll it back; safe to call when none is open. */
void	casefile_rollback(struct casefile *);
/* The actor: $COMPLAINT_USER, else the login name. */
const char *casefile_actor(const struct casefile *);
/* The time the command started, used for every row it writes. */
time_t	casefile_now(const struct casefile *);
/* Read setting key into buf; return 0, or EX_DATAERR when unset. */
int	casefile_setting(struct casefile *, const char *, char *, size_t,
	    struct cerror *);
/* settings.c: set (or with NULL, unset) a setting, checked; logged. */
int	casefile_set(struct casefile *, const char *, const char *,
	    struct cerror *);
/* settings.c: call fn with each setting as a (key, value) row. */
int	casefile_settings(struct casefile *, row_fn *, void *,
	    struct cerror *);
/*
 * Prepare for a bulk import of bytes of input, before casefile_begin: a
 * larger page cache and, for an input of a quarter of the file or more,
 * a rollback journal until the commit.
 */
int	casefile_bulk(struct casefile *, int64_t, struct cerror *);
/*
 * A large import (casefile_bulk) drops the indexes no intake reads;
 * *later holds them, made again by intake_rebuild in the same
 * transaction (NULL: none dropped).
 */
int	intake_defer(struct casefile *, char **, struct cerror *);
int	intake_rebuild(struct casefile *, char *, struct cerror *);
/* tally.c: has the file the stats tallies; count them again. */
int	tally_there(struct casefile *);
int	tally_count(struct casefile *, struct cerror *);
/* Copy the case file, consistently, to a new 0600 file path. */
int	casefile_backup(struct casefile *, const char *, struct cerror *);
/* The schema version this build writes. */
int	casefile_schema_version(void);

/* audit.c */
struct audit_bad {
	int64_t	entry;		/* first bad entry, 0 when intact */
	int64_t	entries;	/* entries checked */
	int64_t	redacted;	/* entries whose content was redacted */
	int64_t	unrecorded;	/* entries without rows: before schema 5 */
	int64_t	legacy;		/* of those, entries whose content is not JSON */
	int64_t	legacy_first;	/* the first of them */
	char	head[65];	/* chain hash of the last entry */
	int64_t	keyed;		/* entries keyed by audit.keyfile */
	int64_t	keyed_first;	/* the first of them */
	int64_t	unproved;	/* of those, not proved: no key (keyerr) */
	struct cerror keyerr;	/* why the key could not be used */
};

/* Append one entry (time, actor, case or 0, action, JSON content). */
int	audit_append(struct casefile *, int64_t, const char *, const char *,
	    struct cerror *);
/* Recompute the chain; return 0 (check v->entry), or an EX_ code. */
int	audit_verify(struct casefile *, struct audit_bad *, struct cerror *);
/* Entry *id (the last when 0) and its chain hash; *id 0 when none. */
int	audit_head(struct casefile *, int64_t *, char [65], struct cerror *);
/* SHA-256 of n bytes as 64 lower-case hex digits and a NUL. */
void	audit_sha256(const void *, size_t, char [65]);

/* hmac.c: HMAC-SHA-256 (RFC 2104) of n bytes under a key, in hex. */
void	hmac_sha256(const void *, size_t, const void *, size_t, char [65]);

/* verify.c */
struct verify_rows {
	int	checked;	/* 0: the file records no rows (schema 2) */
	int64_t	rows;		/* rows of the tables hashed */
	int64_t	bad;		/* rows that differ from the log */
};

/* Replay the log's rows and compare every table; v->bad, e says which. */
int	verify_tables(struct casefile *, struct verify_rows *,
	    struct cerror *);
/*
 * Add to *nbad the rows of the stats tallies the cases do not make, e
 * naming the first when it is the first bad row; with recount, count them
 * again.
 */
int	verify_tallies(struct casefile *, int, int64_t *, struct cerror *);
/* The first redaction no anonymise entry backs in *entry, or 0. */
int	verify_redactions(struct casefile *, int64_t *, struct cerror *);

/* ids.c */
struct ids {
	int64_t	*v;
	size_t	 n;
	size_t	 cap;
};

/* Collect case ids from arguments; "-" reads them from fp. */
int	ids_collect(struct ids *, char **, int, FILE *, struct cerror *);
/* Parse one positive id; return 0 or EX_DATAERR. */
int	ids_parse(const char *, int64_t *);
/* Free the list. */
void	ids_free(struct ids *);

/* timefmt.c */
#define TIMEFMT_LEN	21	/* "2026-11-22T17:41:11Z" and NUL */
#define TIMEFMT_MAX	253402300799LL	/* 9999-12-31T23:59:59Z, the last */

/*
 * Parse ISO 8601 date or date-time, now, today, yesterday, tomorrow, a
 * weekday, or relative (-3d, +7d, 24h, 2w); an unsigned relative time
 * goes in direction dir (-1 or +1), a weekday too (-1: the latest, today
 * included; else the next after today).  Times from 1970 to 9999 only.
 */
int	timefmt_parse(const char *, time_t, int, time_t *, struct cerror *);
/* Parse a duration (90s, 45m, 24h, 3d, 2w) into seconds. */
int	timefmt_duration(const char *, int64_t *, struct cerror *);
/* Print t as ISO 8601 UTC into buf of TIMEFMT_LEN. */
char	*timefmt_iso(time_t, char [TIMEFMT_LEN]);

/* phone.c: phone numbers in E.164. */
/* Normalise s: "+46 70-123 45 67", "0046701234567" and, with country
   (ISO 3166, or NULL or "") SE, "070-123 45 67" all give "+46701234567";
   a national number without a known country is kept as its digits.
   Return 0, or -1 when s is not a phone number or out is too small. */
int	phone_norm(const char *, const char *, char *, size_t);
/* The digits a national number in E.164 e164 was kept as before country
   was set ("0701234567" for "+46701234567" in SE); -1 when it is not
   that country's. */
int	phone_national(const char *, const char *, char *, size_t);
/* 0 when s is a country phone_norm knows (any case) or empty, else -1. */
int	phone_country(const char *);
/* The countries phone_norm knows, separated by spaces, into buf. */
void	phone_countries(char *, size_t);

/* money.c */
struct money {
	int64_t	minor;		/* integer minor units: cents, öre, sen */
	char	cur[4];		/* ISO 4217 code */
};

#define MONEY_LEN	40

/* Parse "49.90", "49.90 EUR", "EUR 49.90"; def is the default code. */
int	money_parse(const char *, const char *, int, struct money *,
	    struct cerror *);
/* Digits after the decimal point for an ISO 4217 code. */
int	money_exponent(const char *);
/* Format as "49.90 EUR" into buf of MONEY_LEN. */
char	*money_format(const struct money *, char [MONEY_LEN]);

/* text.c */
/* The length of the UTF-8 character at p (n bytes left) and *cp, or 0. */
int	text_char(const char *, size_t, int32_t *);
/* Append the character as UTF-8; -1 when it is no character. */
int	text_encode(struct buf *, int32_t);
/* Append its base, as words are matched: lower case, marks off (ệ e). */
int	text_base(struct buf *, int32_t);
/* Return 1 when the n bytes are valid UTF-8 with no NUL. */
int	text_utf8ok(const char *, size_t);
/* Append s as a JSON string, quotes included (RFC 8259). */
int	text_json(struct buf *, const char *);
/* In an object begun with "{", append "key":"val"; skip NULL or "". */
int	text_json_str(struct buf *, const char *, const char *);
/* In an object begun with "{", append "key":val. */
int	text_json_int(struct buf *, const char *, int64_t);
/* The code point at *p (U+FFFD for a stray byte); advance *p past it. */
int32_t	text_decode(const char **);
/* 1 when c belongs in a word: letter, mark, digit or currency sign. */
int	text_wordchar(int32_t);
/* 1 when c is a capital (or title-case) letter. */
int	text_upper(int32_t);
/* Append s[0..n) case-folded (Unicode full folding, NFC) to b; -1 if bad. */
int	text_fold(struct buf *, const char *, size_t);

/* textout.c: records as tab-separated text, CSV or JSON lines. */
#define OUT_TEXT	0
#define OUT_CSV		1
#define OUT_JSON	2
#define OUT_CSV_SAFE	3	/* CSV, text cells defused for spreadsheets */

#define VAL_NULL	0
#define VAL_INT		1
#define VAL_TEXT	2

struct row {
	int			 n;
	const char *const	*name;	/* column names */
	const char *const	*val;	/* values as text, NULL when none */
	const int		*type;	/* VAL_* for each value */
};

struct textout {
	FILE		*fp;
	int		 fmt;
	int		 header;	/* CSV header still to write */
	int		 safe;		/* prefix cells a spreadsheet would run */
	struct buf	 b;
};


/* Set up output in format fmt to fp. */
void	textout_init(struct textout *, FILE *, int);
/* Write one row; return 0 or EX_IOERR. */
int	textout_row(struct textout *, const struct row *);
/*
 * Append r's fields as JSON members, "name":value, after a comma when *n
 * (the members already written) is not 0; a field without a value is
 * left out.  Count the members in *n; return 0 or EX_OSERR.
 */
int	textout_json(struct buf *, const struct row *, int *);
/* A row_fn that writes to the struct textout passed as its argument. */
int	textout_rowfn(void *, const struct row *);
/*
 * Write UTF-8 text as itself in any locale, with control characters, bytes
 * that are not UTF-8 and hidden characters (U+200B, U+FEFF, bidi
 * controls, tags, U+2028) escaped: \n, \033, \u200B.
 */
int	textout_vis(FILE *, const char *);
/* Copy src to dst escaped as textout_vis does, cut whole; return dst. */
const char *text_vis(char *, size_t, const char *);
/* Flush fp; return 0 or EX_IOERR when anything failed to be written. */
int	textout_close(FILE *, struct cerror *);
/* Free what the output holds. */
void	textout_free(struct textout *);

/* columns.c: rows as aligned columns under a header, for a terminal. */
#define COLUMNS_MAX	32
struct columns {
	char		**cell;		/* header, then the rows, escaped */
	size_t		  ncell, cap, nrow;
	int		  ncol;
	char		  name[COLUMNS_MAX][32];	/* column names */
};
void	columns_init(struct columns *);
/* A row_fn keeping the row in the struct columns passed as argument. */
int	columns_row(void *, const struct row *);
/* Print the rows kept, aligned, under a header; colour with ANSI SGR. */
int	columns_print(struct columns *, FILE *, int);
void	columns_free(struct columns *);
/* The SGR sequence that marks value in column, or NULL; and its reset. */
const char *columns_sgr(const char *, const char *);
const char *columns_reset(void);

/* cases.c: the longest field case_check takes, in bytes. */
#define CASE_LINE_MAX		256		/* name, contacts, refs */
#define CASE_SUMMARY_MAX	1024
#define CASE_DESC_MAX		(1024 * 1024)	/* a description */

struct newcase {
	const char	*name;
	const char	*email;
	const char	*phone;
	const char	*channel;
	const char	*product;
	const char	*order;
	const char	*amount;
	const char	*severity;
	const char	*employee;
	const char	*received;
	const char	*ref;
	const char	*summary;
	const char	*description;
	const char	*lang;		/* the customer's language, or NULL */
	int		 mail_date;	/* received is a mail's Date: one in
					   the future becomes the delivery */
	const char	**tags;
	size_t		 ntags;
	const char *const *xname;	/* extra fields, kept in "fields" */
	const char *const *xvalue;
	size_t		 nextra;
	const struct mailpart *att;	/* attachments, listed as evidence */
	size_t		 natt;
};

/* triage.c: what the rules make of a new case. */
struct verdict {
	int		 severity;	/* the rules' verdict, 1-4 */
	char		 flags[256];	/* "legal,duplicate:12,repeat:3" */
	char		 fired[1024];	/* "legal lawyer*, money 1000.00" */
	char		 categories[128];	/* "legal,money": the kinds
					   of the rules that fired, once */
	const char	*rules;		/* the same as a JSON array */
	char		 lang[4];	/* the language of the words, or "" */
};

struct caseid {
	int64_t		 id;
	int		 existed;	/* the ref was already in the case file */
	int		 severity;	/* the case's, -s or the verdict */
	struct verdict	 v;
	char		 lang[4];	/* the customer's: given, else v.lang */
	time_t		 ack_due;
	time_t		 resolve_due;
};

/* Check a new case's fields; return 0 or EX_DATAERR naming the field. */
int	case_check(struct casefile *, const struct newcase *, struct cerror *);
/* Record a new case (in the caller's transaction). */
int	case_create(struct casefile *, const struct newcase *,
	    struct caseid *, struct cerror *);
/* Add an event to a case's timeline and the audit log; content is JSON. */
int	case_event(struct casefile *, int64_t, const char *, const char *,
	    const char *, const char *, const char *, struct cerror *);
/* The status and severity of case id. */
int	case_brief(struct casefile *, int64_t, char *, size_t, int *,
	    struct cerror *);

/* names.c: severities and language codes, read and named. */
/* Parse a severity (1-4 or low, medium, high, critical). */
int	case_severity(const char *, int *);
/* The name of severity 1-4. */
const char *case_severity_name(int);
/*
 * A language tag (en, sv-SE, pt_BR): its primary subtag in lower case
 * into out[4]; -1 when it is not a language tag.
 */
int	case_lang(const char *, char *);

/* triage.c */
/* A triage rule, as complaint config rule add takes it. */
struct rule {
	const char	*kind;		/* legal, safety, money, abuse, ... */
	const char	*lang;		/* or NULL */
	const char	*pattern;	/* words, * at the end; money: amount */
	int		 severity;	/* 1-4, 0: none */
	const char	*flag;		/* or NULL */
};

/*
 * Triage a new case of customer cid (0: none; TRIAGE_NEW: one made with
 * this case, who has no other) received at rec: the rules that match its
 * words and amount, suspect, duplicate and repeat.
 */
#define TRIAGE_NEW	(-1)
int	triage_run(struct casefile *, const struct newcase *, int64_t, time_t,
	    const struct money *, struct verdict *, struct cerror *);
/* Add a rule; its id in *id. */
int	triage_rule_add(struct casefile *, const struct rule *, int64_t *,
	    struct cerror *);
/* Remove rule id; EX_NOINPUT when there is none. */
int	triage_rule_rm(struct casefile *, int64_t, struct cerror *);
/* Call fn with each rule. */
int	triage_rules(struct casefile *, row_fn *, void *, struct cerror *);

/* policy.c: due times from the policy, in working or calendar time. */
struct workweek {
	int		 open[7];	/* minutes after midnight, Sunday */
	int		 close[7];	/* first; -1: closed that day */
	int		*holidays;	/* yyyymmdd, sorted */
	size_t		 nholidays;
};

/* Parse sla.week ("mon-fri 09:00-17:00") and sla.holidays (or NULL). */
int	policy_week(const char *, const char *, struct workweek *,
	    struct cerror *);
/* Free the holidays of a week. */
void	policy_week_free(struct workweek *);
/* Add span (4h, 3d, 1w) to start: in working time of TZ, else calendar. */
int	policy_add(const struct workweek *, time_t, const char *, time_t *,
	    struct cerror *);
/* The due time of kind "ack" or "resolve" for severity sev from start. */
int	policy_due(struct casefile *, const char *, int, time_t, time_t *,
	    struct cerror *);
/* Push due later by the time from..to counted as policy_due counts it:
   working time when sla.week is set, else calendar time. */
int	policy_shift(struct casefile *, time_t, time_t, time_t, time_t *,
	    struct cerror *);

/* query.c: the reports, each a fixed query with bound filters. */
struct filter {
	const char	*status;	/* statuses or "open", joined by commas */
	int		 severity;	/* 1-4, 0: any */
	const char	*customer;	/* id, e-mail, name or phone */
	const char	*channel;
	const char	*tag;
	const char	*assignee;
	const char	*flag;		/* "legal" also matches "legal:..." */
	const char	*since;		/* received at or after */
	const char	*until;		/* received before */
	const char	*sort;		/* "field,-field": - for descending */
	int64_t		 limit;		/* 0: no limit */
	int64_t		 window;	/* due: seconds ahead, 0: a day */
	int64_t		 days;		/* repeat: window in days, 0: 90 */
	int64_t		 min;		/* repeat: least cases, 0: 3 */
	int		 mark;		/* due: skip reminders already sent */
	const char	*grep;		/* words in the summary, description
					   or statements, any case or accent */
};

/* Run report (list, overdue, due, repeat, causes) for f; stats below. */
int	query_report(struct casefile *, const char *, const struct filter *,
	    row_fn *, void *, struct cerror *);
/* Call fn with each row of the query plan of a report for f. */
int	query_plan(struct casefile *, const char *, const struct filter *,
	    row_fn *, void *, struct cerror *);
/* Append the SQL of a report for f, with its named parameters. */
int	query_sql(const char *, const struct filter *, struct buf *,
	    struct cerror *);
/* Run "due" leaving out reminders already sent; record those listed. */
int	query_due_mark(struct casefile *, const struct filter *, row_fn *,
	    void *, struct cerror *);
/*
 * Record the reminder of case id, kind ("ack", "resolve", "followup") and
 * due time as sent now, with its event in the log; once only.
 */
int	query_due_sent(struct casefile *, int64_t, const char *, const char *,
	    struct cerror *);
/* Call fn once with a row of report name's column names, no values. */
int	query_columns(struct casefile *, const char *, const struct filter *,
	    row_fn *, void *, struct cerror *);
/* Call fn with a row for each key --sort takes for report name. */
int	query_sortkeys(const char *, row_fn *, void *, struct cerror *);
/* List cases matching f, calling fn for each row. */
int	query_list(struct casefile *, const struct filter *, row_fn *, void *,
	    struct cerror *);
/* report.c: call fn with each field of case id as a (field, value). */
int	query_case(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* report.c: the same, every field, an unset one empty (one header). */
int	query_case_all(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* report.c: call fn with each event on the timeline of case id. */
int	query_timeline(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* casefile.c: 0 when case id exists, else EX_NOINPUT naming it. */
int	query_exists(struct casefile *, int64_t, struct cerror *);
/* Call fn with each audit entry, of case id or all when 0. */
int	query_log(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);

/* stats.c: counts, median and 90th percentile times, rates, one pass. */
int	query_stats(struct casefile *, const struct filter *, row_fn *,
	    void *, struct cerror *);
/* Call fn with each row of the query plan of stats query name for f. */
int	query_stats_plan(struct casefile *, const char *,
	    const struct filter *, row_fn *, void *, struct cerror *);

/* report.c: the sections of a dossier, the evidence, the export. */
/* Each calls fn with the rows of one section of case id's dossier. */
int	query_attachments(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_fields(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_customer(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_flags(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_dues(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_states(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_accounts(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_discrepancies(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_proposals(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_escalations(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_decisions(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_followups(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_cause(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
int	query_history(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* Re-hash each recording at its path: rows with state ok/changed/missing. */
int	query_recordings(struct casefile *, row_fn *, void *,
	    struct cerror *);
/* The name of exported table i, or NULL past the last. */
const char *export_table_name(size_t);
/* Rows of exported table i, all or only those of customer who. */
int	export_table(struct casefile *, size_t, const char *, row_fn *,
	    void *, struct cerror *);

/* fullexport.c, import.c: every table, and a case file rebuilt from it. */
#define FULLEXPORT_FORMAT	"complaint-export 1"
/*
 * Write every table of the file as DIR/TABLE.csv, and DIR/manifest.csv
 * (format, schema, table, rows, sha256); DIR must be new.  *nrows gets
 * the rows written.  The caller holds a read transaction.
 */
int	fullexport_csv(struct casefile *, const char *, int64_t *,
	    struct cerror *);
/* Write every table of the file as one JSON document to fp. */
int	fullexport_json(struct casefile *, FILE *, struct cerror *);
/*
 * Rebuild a new case file at path from the full export in DIR, every
 * row as it was, in one transaction; *nrows gets the rows loaded.  A
 * damaged export is EX_DATAERR naming the file; an existing path
 * EX_CANTCREAT.  The caller verifies the result.
 */
int	import_export(const char *, const char *, int64_t *, struct cerror *);

/* facts.c: the names the tools share, each list NULL-terminated. */
extern const char *const facts_statuses[];	/* in state.c's order */
extern const char *const facts_severities[];	/* severity n is [n - 1] */
extern const char *const facts_steps[];		/* in the order of V_ */
extern const char *const facts_offer_kinds[];
extern const char *const facts_channels[];
/* The name of kind i ("statuses", "channels"...), NULL past the last. */
const char *facts_kind(size_t);
/* The list of a kind named by facts_kind, or NULL. */
const char *const *facts_list(const char *);
/* The index of s in list, or -1. */
int	facts_find(const char *const *, const char *);
/* The list as words for a message, "a, b or c", in buf; return buf. */
char	*facts_join(const char *const *, char *, size_t);

/* state.c: the life of a case, one table of states and steps. */
enum {
	V_ACK, V_INTERVIEW, V_ASSIGN, V_WAIT, V_PROPOSE, V_ACCEPT, V_DECLINE,
	V_COUNTER, V_ESCALATE, V_DECIDE, V_FOLLOWUP, V_SATISFIED,
	V_UNSATISFIED, V_CLOSE, V_DISMISS, V_MERGE, V_REOPEN, NVERB
};

struct casestate {
	char	 from[16];	/* the status before the step */
	char	 to[16];	/* after it */
	int	 waiting;	/* the step ends a wait on the customer */
	int64_t	 merged_into;
};

/* The status of case id into status; EX_NOINPUT when there is none. */
int	state_get(struct casefile *, int64_t, char *, size_t, struct cerror *);
/* Check that step verb may be taken on case id; fill cs with its effect. */
int	state_check(struct casefile *, int64_t, int, struct casestate *,
	    struct cerror *);
/* Take it: the new status, resumed clocks, a timeline event and log. */
int	state_apply(struct casefile *, int64_t, int, const char *,
	    const char *, struct casestate *, struct cerror *);
/* state_apply, with the status to (the table's when NULL). */
int	state_apply_to(struct casefile *, int64_t, int, const char *,
	    const char *, const char *, struct casestate *, struct cerror *);
/* Call fn with a row naming the steps, then one row per state: the
 * status each step leads to, = for the same, - for not allowed. */
int	state_table(row_fn *, void *);
/*
 * End a wait on the customer of case id, if it waits: the status before
 * the wait comes back and the clocks resume; *resumed says so.
 */
int	state_resume(struct casefile *, int64_t, const char *, int *,
	    struct cerror *);
/* The name of a step. */
const char *state_verb_name(int);
/* 1 when a case of this status needs no more work. */
int	state_ended(const char *);

/* The customer's other cases of case id by status, their number, and
 * past the ones the dossier shows, the report that lists them all. */
int	query_history_counts(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);

/* offer.c: the open offers of a case and their expiry. */
/* Record and log, once, the expiry of the open offers past it: of case
 * id, or of every case when id is 0. */
int	offer_expire(struct casefile *, int64_t, struct cerror *);
/* The open offers of case id: "1 refund 50.00 EUR, 2 apology" appended
 * to list, their number in *n, the first's id in *first. */
int	offer_open(struct casefile *, int64_t, struct buf *, int *, int64_t *,
	    struct cerror *);

/* correct.c: corrections after intake, logged with before and after. */
struct edit {
	const char	*name, *email, *phone;		/* the customer's */
	const char	*product, *order, *amount, *employee;
	int		 all;	/* the other cases of the customer follow */
	const char	*reason;
};
/* A person's grade of case id: severity, and the due times recomputed
 * from the received time into ack and res. */
int	correct_grade(struct casefile *, int64_t, const char *, const char *,
	    int *, char [TIMEFMT_LEN], char [TIMEFMT_LEN], struct cerror *);
/* Edit case id; fn gets a row (case, field, before, after) per change,
 * and one (case, customer, from, to) when the case changed customer. */
int	correct_edit(struct casefile *, int64_t, const struct edit *,
	    row_fn *, void *, struct cerror *);

/* hooks.c: commands named in settings, run with the case on stdin. */
/*
 * Run the command in setting key, if set, with /bin/sh -c: case id as one
 * CSV record with header on its stdin, COMPLAINT_CASE and COMPLAINT_ACTION
 * in a minimal environment.  Its first line of output goes to out.  Return
 * 0 (*ran says whether there was one), EX_DATAERR with its message when it
 * failed, EX_SOFTWARE when it could not be run.
 */
int	hook_run(struct casefile *, const char *, int64_t, const char *,
	    char *, size_t, int *, struct cerror *);
/*
 * hook_run, with the step's own fields for the environment: extra holds
 * "COMPLAINT_TEAM=legal" strings, NULL-terminated.
 */
int	hook_run_env(struct casefile *, const char *, int64_t, const char *,
	    const char *const *, char *, size_t, int *, struct cerror *);

#define HOOK_TIMEOUT	30	/* seconds, when hook.timeout is not set */
#define HOOK_TIMEOUT_MAX 86400

/* A child program: hooks.c is the one place that starts one. */
struct hookcmd {
	const char	*what;		/* named in messages: "hook hook.new" */
	const char	*cmd;		/* run by /bin/sh -c */
	char *const	*envp;		/* its whole environment, or NULL */
	char *const	*add;		/* with envp NULL: NAME=VALUE on ours */
	const char	*in;		/* its standard input */
	size_t		 inlen;
	int		 timeout;	/* seconds, 0 for none */
	int		 capture;	/* 1: its stdout and stderr are kept;
					 * 0: both go to our stderr */
};
/*
 * Run h and wait for it (not for the end of its output), killing its
 * process group past h->timeout (*timedout set).  *status is its exit
 * status, or 128 + the signal that ended it.  Return 0, or EX_OSERR
 * when it could not be started.
 */
int	hook_spawn(const struct hookcmd *, struct buf *, struct buf *, int *,
	    int *, struct cerror *);
/* Setting hook.timeout, in seconds. */
int	hook_timeout(struct casefile *);

/* resolve.c: the steps after intake, each in the caller's transaction. */
struct offer {
	int64_t		 id;
	int64_t		 case_id;
	const char	*kind;
	const char	*amount;	/* money text, or NULL */
	const char	*expires;	/* time text, or NULL */
	const char	*approved_by;
	const char	*note;
};

/* Acknowledge case id (messages_send writes the message to send). */
int	resolve_ack(struct casefile *, int64_t, const char *,
	    struct cerror *);
/* Assign case id to who. */
int	resolve_assign(struct casefile *, int64_t, const char *,
	    struct cerror *);
/* Wait on the customer: the case's clocks pause. */
int	resolve_wait(struct casefile *, int64_t, const char *,
	    struct cerror *);
/* Dismiss case id as frivolous or a hoax, for reason. */
int	resolve_dismiss(struct casefile *, int64_t, const char *,
	    struct cerror *);
/* Close case id with a root cause and a lesson; newcause adds it. */
int	resolve_close(struct casefile *, int64_t, const char *, const char *,
	    int, struct cerror *);
/* Reopen a closed or dismissed case. */
int	resolve_reopen(struct casefile *, int64_t, const char *,
	    struct cerror *);
/* Record an offer; fills o->id. */
int	resolve_propose(struct casefile *, struct offer *, struct cerror *);
/* The customer's answer (V_ACCEPT, V_DECLINE, V_COUNTER) to the *n
 * offers pids of case id, taken as one step; with *n 0, to its one open
 * offer, put in pids[0] (refused when several are open). */
int	resolve_answer(struct casefile *, int64_t, int64_t *, size_t *, int,
	    const char *, const char *, struct cerror *);
/* Escalate case id to team for reason, with a ticket reference. */
int	resolve_escalate(struct casefile *, int64_t, const char *,
	    const char *, const char *, struct cerror *);
/* Decide case id; *warn is set when it favours the company unheard. */
int	resolve_decide(struct casefile *, int64_t, const char *,
	    const char *, int *, struct cerror *);
/* Schedule a follow-up of case id at due (ISO 8601). */
int	resolve_followup(struct casefile *, int64_t, const char *,
	    struct cerror *);
/* Record a follow-up done: satisfied 1, 0, or -1 unknown; score 0-5.
 * Unsatisfied on a closed case: reopen it when asked, else flag review. */
int	resolve_followup_done(struct casefile *, int64_t, int, int, int,
	    const char *, struct cerror *);
/* Fold duplicate dup into case id. */
int	resolve_merge(struct casefile *, int64_t, int64_t, struct cerror *);
/* The customer who (id, e-mail, name or phone): id and number of cases. */
int	resolve_customer(struct casefile *, const char *, int64_t *,
	    int64_t *, struct buf *, struct cerror *);
/* Anonymise customer id; the audit entries of their cases are redacted. */
int	resolve_anonymise(struct casefile *, int64_t, struct cerror *);
/* Merge customer dup into keep: its contacts fill keep's gaps, its cases
   (their number in *moved) move to keep; logged on each case. */
int	resolve_merge_customer(struct casefile *, int64_t, int64_t, int64_t *,
	    struct cerror *);

/* stmttime.c: the time a statement speaks of, at its start. */
#define STMTTIME_LEN	17	/* "2026-11-20T14:05" and NUL */

/*
 * Parse a leading "14:05", "2:05 pm", "2026-11-20 14:05" or "20/11 14:05"
 * (year: the interview's) into out as "14:05" or "2026-11-20T14:05";
 * return the bytes up to the statement's text, 0 when there is no time.
 */
size_t	stmttime_parse(const char *, int, char [STMTTIME_LEN]);

/* accounts.c: the accounts (interviews) of a case. */
struct statement {
	const char	*at;		/* from stmttime_parse, or NULL */
	const char	*text;
};

struct account {
	int64_t			 case_id;
	const char		*role;	/* employee, complainant, witness */
	const char		*party;	/* NULL: the case's customer/employee */
	const char		*interviewer;	/* NULL: the actor */
	const char		*when;	/* NULL: now */
	const char		*medium;
	const char		*reason;	/* complainant heard first */
	const struct statement	*statements;
	size_t			 nstatements;
	const char *const	*recordings;	/* paths */
	size_t			 nrecordings;
	int64_t			 id;		/* out: the account */
	int			 version;	/* out: of this party's */
	int			 warn;		/* out: complainant heard first */
};

/* Record an account; the case moves to investigating. */
int	account_record(struct casefile *, struct account *, struct cerror *);
/* report.c: call fn with a row per account of case id. */
int	account_list(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* report.c: call fn with a row per statement of account id. */
int	account_show(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* 0 when account id exists (its case into *caseid), else EX_NOINPUT. */
int	account_exists(struct casefile *, int64_t, int64_t *,
	    struct cerror *);
/* The latest account of role on case id; EX_DATAERR when there is none. */
int	account_latest(struct casefile *, int64_t, const char *, int64_t *,
	    struct cerror *);

/* compare.c: two accounts side by side. */
struct cmp_statement {
	const char	*at;	/* the time it speaks of, or NULL */
	const char	*text;
};

struct cmp_pair {
	int	 mark;		/* = same, ~ told differently, < only in A,
				   > only in B, ^ moved */
	long	 a, b;		/* statement indexes, -1 for none */
	char	*facets;	/* for ~ and a changed ^: what differs */
};

struct cmp_result {
	struct cmp_pair	*v;
	size_t		 n, cap;
	int		 differ;	/* anything but = */
};

/* Who tells each account, and the case's two parties, for compare_people. */
struct cmp_people {
	const char	*role_a, *role_b;	/* employee, complainant, ... */
	const char	*employee;	/* the employee's name, or NULL */
	const char	*customer;	/* the customer's name, or NULL */
	const char	*lang;		/* en, id, sv; NULL: told by the words */
};

/* Align A with B and classify each pair; any UTF-8. */
int	compare_run(const struct cmp_statement *, size_t,
	    const struct cmp_statement *, size_t, struct cmp_result *,
	    struct cerror *);
/* The same, "I" of each account and the parties' names resolved by pp. */
int	compare_people(const struct cmp_statement *, size_t,
	    const struct cmp_statement *, size_t, const struct cmp_people *,
	    struct cmp_result *, struct cerror *);
/* Free a result. */
void	compare_free(struct cmp_result *);

/* accounts.c, for comparison: one account's statements in memory. */
struct told {
	int64_t			 account;
	int64_t			 case_id;
	char			 role[16];
	char			*party;
	int			 version;
	struct cmp_statement	*st;
	int64_t			*ids;	/* the statements' ids */
	size_t			 n;
};

/* Load account id's statements. */
int	account_load(struct casefile *, int64_t, struct told *,
	    struct cerror *);
/* Free what account_load holds. */
void	account_unload(struct told *);
/* Record the differences of a comparison, replacing those of the pair. */
int	account_discrepancies(struct casefile *, const struct told *,
	    const struct told *, const struct cmp_result *, struct cerror *);

/* csvio.c: complaints in CSV, streamed through libcsv. */
#define CSVIN_COLS	128

struct csvin;

/* Fields of a record with no column of a case, by header name. */
struct csvextra {
	const char	*name[CSVIN_COLS];
	const char	*value[CSVIN_COLS];
	size_t		 n;
};

#define CSVIN_IGNORE_UNKNOWN	1	/* skip columns of no field */
#define CSVIN_STRICT		2	/* refuse a stray quote */

/*
 * Read the header after skip junk lines (a BOM first is skipped) and map
 * its columns: by name, or by map ("cfpb", "NAME=COLUMN,...", or a file
 * of such lines).  Unknown columns are EX_USAGE unless flags has
 * CSVIN_IGNORE_UNKNOWN.
 */
int	csvin_open(struct csvin **, FILE *, long, const char *, int,
	    struct cerror *);
/*
 * The next record as a new case, valid until the next call; *line is its
 * first physical line.  Return 0, 1 at the end, EX_DATAERR for a bad
 * record (the next call goes on after it), or another EX_ code.
 */
int	csvin_next(struct csvin *, struct newcase *, struct csvextra *,
	    long *, struct cerror *);
/* Free the reader. */
void	csvin_close(struct csvin *);
/* A record of csvio_each: its fields, NULL for one empty and unquoted. */
typedef int csvio_fn(void *, char *const *, size_t, struct cerror *);
/*
 * Read fp to its end as CSV records of any columns, calling fn with each;
 * sha gets the SHA-256 of every byte read.  0, EX_DATAERR for bad CSV,
 * or fn's code.
 */
int	csvio_each(FILE *, csvio_fn *, void *, char [65], struct cerror *);
/*
 * Append a field (a comma first unless first) of type VAL_*: NULL as
 * nothing, a number bare, text always quoted by libcsv.  0 or EX_OSERR.
 */
int	csvio_put(struct buf *, int, int, const char *, size_t);

/* mail.c: an RFC 5322 message taken apart for intake. */
struct mailpart {			/* an attachment: evidence, not kept */
	char		*name;		/* its file name in UTF-8, or NULL */
	char		*type;		/* "application/pdf", lower case */
	size_t		 size;		/* bytes once decoded */
	char		 sha256[65];	/* of the decoded bytes, hex */
};

struct mail {
	char		*from_name;	/* display name in UTF-8, or NULL */
	char		*from_addr;	/* "user@example.com" */
	char		*subject;	/* one line of UTF-8, or NULL */
	char		*message_id;	/* without the angle brackets, or NULL */
	char		*thread;	/* In-Reply-To, References' ids */
	char		 lang[4];	/* of Content-Language, or "" */
	time_t		 date;		/* -1 when there is no Date */
	char		*body;		/* the text in UTF-8 with LF ends, or NULL */
	struct mailpart	*att;
	size_t		 natt;
};

/*
 * Take apart the message of len bytes: headers unfolded and RFC 2047
 * decoded, the body from the first text/plain part (else text/html with
 * its tags stripped), quoted-printable and base64 decoded and converted
 * to UTF-8 with iconv.  EX_DATAERR names what is malformed.
 */
int	mail_parse(const char *, size_t, struct mail *, struct cerror *);
/* Free what mail_parse holds. */
void	mail_free(struct mail *);

/* comms.c: the conversation with the customer; replies join their case. */
#define MSGREF_MAX	272
struct comm {
	const char	*dir;		/* "in" or "out" */
	const char	*channel;	/* email, phone, letter, chat, ... */
	const char	*at;		/* ISO 8601 UTC, or NULL: now */
	const char	*party;		/* who wrote or spoke, or NULL */
	const char	*subject;	/* or NULL */
	const char	*msgid;		/* the Message-ID as a ref, or NULL */
	const char	*text;		/* in full */
	const struct mailpart *att;	/* a message's attachments */
	size_t		 natt;
};

struct mailmatch {
	int64_t		 held;		/* the case holding the Message-ID */
	int		 same;		/* ... with the same text: redelivery */
	char		 ref[MSGREF_MAX]; /* to keep it under: own or derived */
	int64_t		 reply;		/* the case it joins; 0: a new case */
	int64_t		 merged;	/* the merged case its thread named */
	int64_t		 dismissed;	/* the dismissed case it named */
	int64_t		 foreign;	/* [case N] from another sender */
	char		 via[32];	/* "thread" or "[case N]" */
};

struct reply {
	int64_t		 comm;		/* the communication's id */
	int		 sev_from;	/* the case's severity before */
	int		 sev_to;	/* and after the rules read the reply */
	char		 fired[1024];	/* the rules that raised it */
	int		 resumed;	/* a wait on the customer ended */
};

/* 0 when s is a channel of a contact, else EX_USAGE. */
int	comms_channel(const char *);
/*
 * Where message m belongs: a redelivery, a reply to a case (by its
 * In-Reply-To or References, else a [case N] in the Subject from that
 * case's customer, or any sender when tag_any), or a new case.
 */
int	comms_match(struct casefile *, const struct mail *, int,
	    struct mailmatch *, struct cerror *);
/* Record a contact on case id, with a message's attachments; *out: id. */
int	comms_add(struct casefile *, int64_t, const struct comm *, int64_t *,
	    struct cerror *);
/* Record a contact and log it as a note on the timeline. */
int	comms_note(struct casefile *, int64_t, const struct comm *, int64_t *,
	    struct cerror *);
/*
 * Record reply m on case id under ref: the communication, its
 * attachments, a severity the rules raise, and the end of a wait.
 */
int	comms_reply(struct casefile *, int64_t, const struct mail *,
	    const char *, struct reply *, struct cerror *);
/* report.c: fn gets each communication of case id, in their order. */
int	query_communications(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* A file kept as evidence: where it is, its size and SHA-256. */
struct evidence {
	char		 abs[4096];	/* absolute path */
	int64_t		 size;
	char		 sha256[65];
};
/* Hash the regular file at path; EX_NOINPUT when it is none. */
int	comms_hash(const char *, struct evidence *, struct cerror *);
/* Record a hashed file on case id with a note (or NULL); *aid: its id. */
int	comms_attach(struct casefile *, int64_t, const struct evidence *,
	    const char *, int64_t *, struct cerror *);
/* report.c: re-hash every attachment kept from a file: attachment, case,
 * path, state (ok, changed, missing, unreadable). */
int	query_evidence(struct casefile *, row_fn *, void *, struct cerror *);
/*
 * Check refs ("S12,D3,C4") against case id's statements, discrepancies,
 * recordings, attachments and communications (EX_DATAERR for one not of
 * the case), then cite them for decision (0: only check; -1: the case's
 * latest).
 */
int	comms_cite(struct casefile *, int64_t, const char *, int64_t,
	    struct cerror *);
/* EX_DATAERR when case id waits on the customer. */
int	comms_waiting(struct casefile *, int64_t, struct cerror *);
/* report.c: fn gets each item the decisions of case id cite, in full. */
int	query_citations(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);
/* Add flag to case id's flags. */
int	comms_flag(struct casefile *, int64_t, const char *, struct cerror *);

/* html.c: a case's dossier as one self-contained HTML5 document. */
/*
 * Write case id's dossier to fp, labelled in lang (en, id, sv, or
 * customer for the customer's own; NULL: en); untrusted text escaped.
 */
int	html_dossier(struct casefile *, int64_t, const char *, FILE *,
	    struct cerror *);
/* 0 when html_dossier has labels for lang, else EX_USAGE. */
int	html_lang(const char *);

/* explain.c: discrepancies named by their two accounts, and explained. */
struct explained {
	int64_t	 discrepancy;
	int64_t	 explanation;		/* the row added */
	char	 between[160];		/* "employee v1 against complainant v2" */
	int	 again;			/* it was explained before */
};

/*
 * Explain discrepancy ref ("D3") of case id with text, citing refs (as
 * comms_cite checks them, or NULL); one explained already needs again.
 * Logged on the case.
 */
int	explain_add(struct casefile *, int64_t, const char *, const char *,
	    const char *, int, struct explained *, struct cerror *);
/* Call fn with each explanation of case id's discrepancies, in order. */
int	query_explained(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);

/* witness.c: each witness statement placed between the parties. */
/*
 * Call fn with a row per statement of each witness of case id: witness,
 * statement (w1:2), placement against emp and com (either NULL: not
 * heard), text.
 */
int	witness_place(struct casefile *, int64_t, const struct told *,
	    const struct told *, row_fn *, void *, struct cerror *);
/* The same against the latest employee and complainant accounts. */
int	query_witnesses(struct casefile *, int64_t, row_fn *, void *,
	    struct cerror *);

/* template.c: the templates of the texts for the customer. */
enum { TPL_ACK, TPL_DECIDE, TPL_PROPOSE, TPL_FOLLOWUP };
/* The setting that overrides template kind in lang, into buf. */
const char *template_key(int, const char *, char *, size_t);
/*
 * EX_DATAERR, naming it and the known ones, when template t of setting
 * key holds a placeholder its kind does not know.
 */
int	template_check(const char *, const char *, struct cerror *);
/*
 * Append t with each {name} of the NULL-ended name, value pairs vars
 * replaced, and \n as a newline; non-zero when out of memory.
 */
int	template_fill(struct buf *, const char *, const char *const *);

/* messages.c: the texts for the customer, in their language. */
/*
 * Append to out the text of kind (TPL_*) for the customer of case id, a
 * "Subject: [case N] ..." line first, and record it on the case as an
 * e-mail sent.
 */
int	messages_send(struct casefile *, int64_t, int, struct buf *,
	    struct cerror *);

#endif
