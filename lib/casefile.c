/*
 * casefile.c: finding, creating, opening and migrating the case file,
 * the command's one transaction, reading a setting, and whether a case
 * exists.  It stands on db.c, audit.c (the log is written at commit) and
 * ground modules, and calls no module above it: settings.c checks and
 * changes settings, and policy.c and triage.c keep their caches on the
 * handle with the function that frees them.
 *
 * Locking: the file is in WAL mode, so readers never block the writer and
 * the writer never blocks readers.  Writers start with BEGIN IMMEDIATE, which
 * takes the write lock before the first change: two writers queue on the
 * busy timeout instead of one failing half-way with SQLITE_BUSY on upgrade.
 * A large import is the exception (casefile_bulk): it runs in a rollback
 * journal, and the commands that come while it writes wait for it, saying
 * so, however long it takes.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define BUSY_DEFAULT	5000

/*
 * schema.sql is the schema as of the version its PRAGMA user_version line
 * gives, with the application id beside it; a new file gets every
 * migration after that version on top.  migrate-N.sql takes a file of
 * version N - 1 to N; the last one is the version this build writes.
 */
static const char schema_sql[] =
#include "schema.h"
#include "rules.h"
#include "rules-remedies.h"
;

static const char migrate2_sql[] =
#include "migrate-2.h"
#include "rules.h"
;
static const char migrate3_sql[] =
#include "migrate-3.h"
;
static const char migrate4_sql[] =
#include "migrate-4.h"
#include "rules-remedies.h"
;
static const char migrate5_sql[] =
#include "migrate-5.h"
;
static const char migrate6_sql[] =
#include "migrate-6.h"
;

static const char migrate7_sql[] =
#include "migrate-7.h"
;
static const char migrate8_sql[] =
#include "migrate-8.h"
;
static const char migrate9_sql[] =
#include "migrate-9.h"
;

/*
 * Forward steps from older schemas: { version after the step, SQL }.
 * A file of version v gets every step with to > v, in order.
 */
static const struct migration migrations[] = {
	{ 2, migrate2_sql },
	{ 3, migrate3_sql },
	{ 4, migrate4_sql },
	{ 5, migrate5_sql },
	{ 6, migrate6_sql },
	{ 7, migrate7_sql },
	{ 8, migrate8_sql },
	{ 9, migrate9_sql },
};

#define NMIGRATION	(sizeof(migrations) / sizeof(migrations[0]))
#define SCHEMA_VERSION	(migrations[NMIGRATION - 1].to)

/* The number after name in schema.sql ("PRAGMA user_version = "). */
static long
schema_pragma(const char *name)
{
	const char	*p = strstr(schema_sql, name);

	return p != NULL ? strtol(p + strlen(name), NULL, 10) : -1;
}

int
casefile_schema_version(void)
{
	return SCHEMA_VERSION;
}

int
casefile_path(const char *arg, char *path, size_t size, struct cerror *e)
{
	const char	*s;
	int		 n;

	if (arg != NULL && *arg != '\0')
		n = snprintf(path, size, "%s", arg);
	else if ((s = getenv("COMPLAINT_FILE")) != NULL && *s != '\0')
		n = snprintf(path, size, "%s", s);
	else if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/')
		n = snprintf(path, size, "%s/complaint/cases.db", s);
	else if ((s = getenv("HOME")) != NULL && *s != '\0')
		n = snprintf(path, size, "%s/.local/share/complaint/cases.db",
		    s);
	else
		return cerror_set(e, EX_USAGE, "no case file: HOME is not set; "
		    "use -f FILE or set COMPLAINT_FILE");
	if (n < 0 || (size_t)n >= size)
		return cerror_set(e, EX_USAGE, "case file path is too long");
	return 0;
}

/* Create the missing folders above path, each 0700. */
int
casefile_mkparents(const char *path, struct cerror *e)
{
	char	 dir[PATH_MAX];
	char	*p;

	if (strlcpy(dir, path, sizeof(dir)) >= sizeof(dir))
		return cerror_set(e, EX_USAGE, "case file path is too long");
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			return cerror_set(e, EX_CANTCREAT,
			    "cannot create folder %s: %s", dir,
			    strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
	return 0;
}

/*
 * Check the path before SQLite opens it.  A writer creates a missing file
 * 0600 itself, whatever the umask, since SQLite would use 0644.  A symbolic
 * link owned by someone else is refused: it could point our writes at a
 * file of theirs.
 */
static int
precheck(const char *path, int mode, struct cerror *e)
{
	struct stat	 st;
	int		 fd;

	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode) && st.st_uid != getuid() &&
		    st.st_uid != 0)
			return cerror_set(e, EX_NOPERM, "%s is a symbolic link "
			    "owned by another user; refusing to follow it",
			    path);
		if (stat(path, &st) == -1)
			return cerror_set(e, mode == CF_WRITE ? EX_CANTCREAT :
			    EX_NOINPUT, "%s: %s", path, strerror(errno));
		if (!S_ISREG(st.st_mode))
			return cerror_set(e, EX_DATAERR,
			    "%s is not a regular file", path);
		return 0;
	}
	if (errno != ENOENT)
		return cerror_set(e, mode == CF_WRITE ? EX_CANTCREAT :
		    EX_NOINPUT, "%s: %s", path, strerror(errno));
	if (mode != CF_WRITE)
		return cerror_set(e, EX_NOINPUT, "no case file at %s; record a "
		    "complaint with complaint-new or run complaint init", path);
	if (casefile_mkparents(path, e) != 0)
		return e->code;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (fd == -1 && errno != EEXIST)
		return cerror_set(e, EX_CANTCREAT, "cannot create %s: %s",
		    path, strerror(errno));
	if (fd != -1) {
		fchmod(fd, 0600);
		close(fd);
	}
	return 0;
}

/*
 * money(minor, currency): "49.90 EUR", for the reports; NULL for a NULL
 * amount.  The currency defaults to the setting's when NULL.
 */
static void
sql_money(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct money	 m;
	char		 buf[MONEY_LEN];
	const char	*cur;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	cur = (const char *)sqlite3_value_text(argv[1]);
	m.minor = sqlite3_value_int64(argv[0]);
	strlcpy(m.cur, cur != NULL ? cur : "", sizeof(m.cur));
	sqlite3_result_text(ctx, money_format(&m, buf), -1, SQLITE_TRANSIENT);
}

/* phone_e164(phone, country): phone_norm of it, NULL when no number. */
static void
sql_phone(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*s, *iso;
	char		 out[64];

	(void)argc;
	s = (const char *)sqlite3_value_text(argv[0]);
	iso = (const char *)sqlite3_value_text(argv[1]);
	if (s == NULL || phone_norm(s, iso, out, sizeof(out)) != 0)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* sha256(text): its SHA-256 in hex; anonymise keeps refs as these. */
static void
sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	 hex[65];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	audit_sha256(sqlite3_value_text(argv[0]),
	    (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(ctx, hex, -1, SQLITE_TRANSIENT);
}

static int
exec(struct casefile *cf, const char *sql, struct cerror *e)
{
	int	 rc;

	if ((rc = sqlite3_exec(cf->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return db_error(cf, rc, e);
	return 0;
}

static int
pragma_int(struct casefile *cf, const char *sql, int *v, struct cerror *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(cf->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return db_error(cf, rc, e);
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

/*
 * Write the schema into an empty file, once, even with racing writers:
 * schema.sql, then the migrations after its version, in one transaction.
 */
static int
create(struct casefile *cf, struct cerror *e)
{
	char	 setup[40];
	long	 base = schema_pragma("PRAGMA user_version = ");
	int	 n, rc;

	if ((rc = exec(cf, "BEGIN IMMEDIATE", e)) != 0)
		return rc;
	if ((rc = pragma_int(cf, "SELECT count(*) FROM sqlite_schema", &n,
	    e)) != 0)
		goto fail;
	if (n == 0) {
		if ((rc = exec(cf, schema_sql, e)) != 0)
			goto fail;
		for (size_t i = 0; i < NMIGRATION; i++)
			if (migrations[i].to > base &&
			    (rc = exec(cf, migrations[i].sql, e)) != 0)
				goto fail;
		snprintf(setup, sizeof(setup), "PRAGMA user_version = %d",
		    SCHEMA_VERSION);
		if ((rc = exec(cf, setup, e)) != 0)
			goto fail;
	}
	if ((rc = exec(cf, "COMMIT", e)) != 0)
		goto fail;
	/* WAL is a property of the file: set once, kept by every opener. */
	return exec(cf, "PRAGMA journal_mode = WAL", e);
fail:
	sqlite3_exec(cf->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int
check_schema(struct casefile *cf, struct cerror *e)
{
	int	 appid, version, n, rc;

	if ((rc = pragma_int(cf, "PRAGMA application_id", &appid, e)) != 0 ||
	    (rc = pragma_int(cf, "PRAGMA user_version", &version, e)) != 0 ||
	    (rc = pragma_int(cf, "SELECT count(*) FROM sqlite_schema", &n,
	    e)) != 0)
		return rc;
	if (n == 0 && version == 0) {
		if (cf->mode != CF_WRITE)
			return cerror_set(e, EX_NOINPUT, "%s is empty; record "
			    "a complaint with complaint-new or run complaint "
			    "init", cf->path);
		return create(cf, e);
	}
	if (appid != schema_pragma("PRAGMA application_id = "))
		return cerror_set(e, EX_DATAERR, "%s is an SQLite database "
		    "but not a case file", cf->path);
	if (version > SCHEMA_VERSION)
		return cerror_set(e, EX_DATAERR, "%s has schema %d, newer than "
		    "this complaint %s knows (%d); upgrade complaint",
		    cf->path, version, COMPLAINT_VERSION, SCHEMA_VERSION);
	/*
	 * A reader leaves a file of schema 2 as it is: only verify reads
	 * what schema 5 adds, and it knows the file has no rows recorded.
	 */
	if (version >= 2 && version < SCHEMA_VERSION && cf->mode != CF_WRITE)
		return 0;
	if (version < SCHEMA_VERSION && cf->mode != CF_WRITE)
		return cerror_set(e, EX_DATAERR, "%s has schema %d, older than "
		    "this complaint reads; a writer migrates it: run complaint "
		    "init -f %s", cf->path, version, cf->path);
	if (version < SCHEMA_VERSION) {
		/*
		 * Schemas 6 and 7 add columns to attachments and
		 * discrepancies, which changes the hash of rows the log
		 * recorded: the writer records every row again (watch) once
		 * the file is migrated.
		 */
		cf->reattest = version >= 5 && version < 7;
		return db_migrate(cf->db, migrations,
		    sizeof(migrations) / sizeof(migrations[0]), e);
	}
	return 0;
}

static void
set_actor(struct casefile *cf)
{
	const char	*s = getenv("COMPLAINT_USER");
	struct passwd	*pw;

	if (s != NULL && *s != '\0' && text_utf8ok(s, strlen(s))) {
		strlcpy(cf->actor, s, sizeof(cf->actor));
		for (char *p = cf->actor; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '?';
	} else if ((pw = getpwuid(getuid())) != NULL)
		strlcpy(cf->actor, pw->pw_name, sizeof(cf->actor));
	else
		snprintf(cf->actor, sizeof(cf->actor), "uid %ld",
		    (long)getuid());
}

/* COMPLAINT_NOW fixes the clock, for tests and demonstrations. */
static int
set_now(struct casefile *cf, struct cerror *e)
{
	const char	*s = getenv("COMPLAINT_NOW");

	cf->now = time(NULL);
	if (s == NULL || *s == '\0')
		return 0;
	if (timefmt_parse(s, cf->now, -1, &cf->now, e) != 0)
		return cerror_prefix(e, EX_USAGE, "COMPLAINT_NOW");
	return 0;
}

/*
 * A writer records the rows it writes (audit.c).  A file that has no
 * record of its rows yet (new, or of schema 2), or whose migration
 * changed the form of rows recorded (reattest), gets one entry recording
 * every row first, in a transaction of its own.
 */
static int
watch(struct casefile *cf, struct cerror *e)
{
	static const char sql[] =
	    "SELECT coalesce((SELECT rows IS NULL FROM audit"
	    " ORDER BY id DESC LIMIT 1), 1)";
	int	 rc, n = 1;

	if ((rc = audit_watch(cf, e)) != 0 ||
	    (rc = pragma_int(cf, sql, &n, e)) != 0)
		return rc;
	if (n == 0 && !cf->reattest)
		return 0;
	if ((rc = casefile_begin(cf, e)) != 0)
		return rc;
	if ((rc = audit_attest(cf, cf->reattest, e)) != 0) {
		casefile_rollback(cf);
		return rc;
	}
	return casefile_commit(cf, e);
}

/* Whether a rollback journal is beside the file: a large import's. */
static int
journal_there(const char *path)
{
	char	 journal[PATH_MAX + 16];

	snprintf(journal, sizeof(journal), "%s-journal", path);
	return access(journal, F_OK) == 0;
}

/*
 * A reader opens the file read-only, as a URI; in a folder it cannot
 * write, with no -wal file beside it, also immutable: SQLite would
 * otherwise need to create the -shm file there, and fail.  Never with an
 * import's journal there: immutable would read the pages it is writing.
 */
static int
readonly_uri(const char *path, char *uri, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	char		 dir[PATH_MAX], wal[PATH_MAX + 8], *slash;
	size_t		 n = 0;

	strlcpy(dir, path, sizeof(dir));
	if ((slash = strrchr(dir, '/')) == NULL)
		strlcpy(dir, ".", sizeof(dir));
	else
		*(slash == dir ? slash + 1 : slash) = '\0';
	snprintf(wal, sizeof(wal), "%s-wal", path);
	n = strlcpy(uri, "file:", size);
	/* ?, # and % would end or escape the path */
	for (const char *p = path; *p != '\0' && n + 4 < size; p++)
		if (*p == '?' || *p == '#' || *p == '%') {
			uri[n++] = '%';
			uri[n++] = hex[(unsigned char)*p >> 4];
			uri[n++] = hex[*p & 0xf];
		} else
			uri[n++] = *p;
	uri[n] = '\0';
	strlcat(uri, access(dir, W_OK) != 0 && access(wal, F_OK) != 0 &&
	    !journal_there(path) ? "?mode=ro&immutable=1" : "?mode=ro", size);
	return SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
}

/*
 * Wait for a lock as sqlite3_busy_timeout does, except while a large
 * import holds the file (its -journal is there): that takes minutes, not
 * forever, so the command waits it out and says so, once.
 */
static int
busy(void *arg, int n)
{
	static const int delay[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50,
	    100 };
	struct casefile	*cf = arg;
	struct timespec	 ts;
	int		 ms;

	if (n == 0)
		cf->waited = 0;
	ms = delay[(size_t)n < sizeof(delay) / sizeof(delay[0]) ? n :
	    (int)(sizeof(delay) / sizeof(delay[0])) - 1];
	if (journal_there(cf->path)) {
		if (!cf->told && cf->tell != NULL)
			cf->tell("waiting for the import writing %s to finish",
			    cf->path);
		cf->told = 1;
		cf->waited = 0;
	} else if (cf->waited >= cf->busy_ms)
		return 0;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
	cf->waited += ms;
	return 1;
}

/* 1 when the file is in WAL mode, 0 when not or unknown. */
static int
journal_wal(struct casefile *cf)
{
	sqlite3_stmt	*st;
	int		 wal = 0;

	if (sqlite3_prepare_v2(cf->db, "PRAGMA journal_mode", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		wal = strcmp((const char *)sqlite3_column_text(st, 0),
		    "wal") == 0;
	sqlite3_finalize(st);
	return wal;
}

/*
 * A file left in a rollback journal by an import that did not end (it was
 * killed, or readers kept it from switching back) is put back in WAL mode
 * by the next writer; if readers keep it from that too, it stays as it is
 * until a later one, which is slower for readers but as safe.
 */
static void
wal_again(struct casefile *cf)
{
	int	 ms = cf->busy_ms;

	cf->busy_ms = 200;
	sqlite3_exec(cf->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	cf->busy_ms = ms;
}

int
casefile_open(struct casefile **cfp, const char *arg, int mode,
    struct cerror *e)
{
	return casefile_open_tell(cfp, arg, mode, NULL, e);
}

int
casefile_open_tell(struct casefile **cfp, const char *arg, int mode,
    void (*tell)(const char *, ...), struct cerror *e)
{
	static int	 configured;
	struct casefile	*cf;
	char		 v[32], uri[3 * PATH_MAX + 32] = "";
	const char	*errstr;
	int		 rc, flags, ms;

	*cfp = NULL;
	if ((cf = calloc(1, sizeof(*cf))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	cf->mode = mode;
	cf->tell = tell;
	cf->busy_ms = BUSY_DEFAULT;
	set_actor(cf);
	if ((rc = set_now(cf, e)) != 0 ||
	    (rc = casefile_path(arg, cf->path, sizeof(cf->path), e)) != 0 ||
	    (rc = precheck(cf->path, mode, e)) != 0 ||
	    (rc = trust_check(cf->path, mode, &cf->trusted, e)) != 0)
		goto fail;
	flags = SQLITE_OPEN_READWRITE;
	/*
	 * A reader that can write the file opens it so when an import's
	 * journal is there: if that import was stopped, SQLite takes it back
	 * on the first read, as the journal requires; a reader that cannot
	 * is told to wait for one that can (db_error).
	 */
	if (mode != CF_WRITE && (!journal_there(cf->path) ||
	    access(cf->path, W_OK) != 0))
		flags = readonly_uri(cf->path, uri, sizeof(uri));
	/*
	 * No bulk allocation of page slots for each cache SQLite opens (the
	 * file's, and one for each IN list or sort): a report reads a
	 * hundred pages, and touching twenty slots a cache cost it more.
	 * A statement journal (a statement that fires a trigger that
	 * writes) spills to a file past 64 KiB, and stays one for the rest
	 * of the transaction: in a long import, one large statement made
	 * every later one write its pages.  1 MiB is 256 pages.
	 */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
		sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 1 << 20);
		configured = 1;
	}
	/* one thread uses a handle: no mutex on every call into SQLite */
	if ((rc = sqlite3_open_v2(flags & SQLITE_OPEN_URI ? uri : cf->path,
	    &cf->db, flags | SQLITE_OPEN_NOMUTEX, NULL)) != SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto fail;
	}
	sqlite3_extended_result_codes(cf->db, 1);
	sqlite3_busy_handler(cf->db, busy, cf);
	sqlite3_db_config(cf->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(cf->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(cf->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	/*
	 * A command is short: checkpointing the WAL as each one closes would
	 * cost three more fsyncs a complaint.  The WAL is checkpointed as it
	 * grows, by SQLite's auto-checkpoint, inside some later commit.
	 */
	sqlite3_db_config(cf->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_create_function(cf->db, "phone_e164", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_phone, NULL,
	    NULL);
	sqlite3_create_function(cf->db, "money", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_money, NULL,
	    NULL);
	sqlite3_create_function(cf->db, "sha256", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_sha256, NULL,
	    NULL);
	if ((rc = exec(cf, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL", e)) != 0 ||
	    (rc = check_schema(cf, e)) != 0)
		goto fail;
	if (mode == CF_WRITE && (rc = watch(cf, e)) != 0)
		goto fail;
	if (casefile_setting(cf, "busy.timeout", v, sizeof(v), e) == 0) {
		ms = (int)strtonum(v, 0, 3600000, &errstr);
		if (errstr == NULL)
			cf->busy_ms = ms;
	}
	if (mode == CF_WRITE && !journal_wal(cf))
		wal_again(cf);
	*cfp = cf;
	return 0;
fail:
	casefile_close(cf);
	return rc;
}

void
casefile_close(struct casefile *cf)
{
	if (cf == NULL)
		return;
	casefile_rollback(cf);
	audit_release(cf);
	for (size_t i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(cf->cache[i].st);
	sqlite3_close(cf->db);
	if (cf->policy != NULL)
		cf->free_policy(cf->policy);
	if (cf->rules != NULL)
		cf->free_rules(cf->rules);
	free(cf);
}

const char *
casefile_name(const struct casefile *cf)
{
	return cf->path;
}

const char *
casefile_actor(const struct casefile *cf)
{
	return cf->actor;
}

time_t
casefile_now(const struct casefile *cf)
{
	return cf->now;
}

int
casefile_begin(struct casefile *cf, struct cerror *e)
{
	int	 rc;

	rc = exec(cf, cf->mode == CF_WRITE ? "BEGIN IMMEDIATE" : "BEGIN", e);
	if (rc == 0)
		cf->intx = 1;
	cf->last.set = 0;
	return rc;
}

int
casefile_commit(struct casefile *cf, struct cerror *e)
{
	int	 rc;

	if (cf->mode == CF_WRITE && (rc = audit_flush(cf, e)) != 0) {
		casefile_rollback(cf);
		return rc;
	}
	if ((rc = exec(cf, "COMMIT", e)) != 0) {
		casefile_rollback(cf);
		return rc;
	}
	cf->intx = 0;
	cf->last.set = 0;
	if (cf->bulk) {
		cf->bulk = 0;
		wal_again(cf);
	}
	/* After an erasure (anonymise): no older copy of a page may stay
	 * in the -wal file. */
	if (cf->checkpoint && (rc = sqlite3_wal_checkpoint_v2(cf->db, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL)) != SQLITE_OK)
		return cerror_set(e, (rc & 0xff) == SQLITE_BUSY ? EX_TEMPFAIL :
		    EX_IOERR, "%s: committed, but another process kept the "
		    "-wal file from being emptied: older copies of the pages "
		    "may stay in it until it is (%s)", cf->path,
		    sqlite3_errmsg(cf->db));
	cf->checkpoint = 0;
	return 0;
}

void
casefile_rollback(struct casefile *cf)
{
	if (cf->intx && cf->db != NULL)
		sqlite3_exec(cf->db, "ROLLBACK", NULL, NULL, NULL);
	cf->intx = 0;
	cf->last.set = 0;
	if (cf->bulk) {
		cf->bulk = 0;
		wal_again(cf);
	}
	audit_discard(cf);
}

int
casefile_setting(struct casefile *cf, const char *key, char *buf,
    size_t size, struct cerror *e)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		strlcpy(buf, (const char *)sqlite3_column_text(st, 0), size);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return cerror_set(e, EX_DATAERR, "setting %s is not set", key);
}

int
casefile_bulk(struct casefile *cf, int64_t bytes, struct cerror *e)
{
	sqlite3_stmt	*st;
	int		 pages, size, ms, rc;

	/*
	 * A bulk import is one long transaction: with SQLite's 2 MB page
	 * cache it spills dirty pages over and over.  16 MB keeps the peak
	 * well inside 32 MB.
	 */
	if ((rc = exec(cf, "PRAGMA cache_size = -16384", e)) != 0 ||
	    (rc = pragma_int(cf, "PRAGMA page_count", &pages, e)) != 0 ||
	    (rc = pragma_int(cf, "PRAGMA page_size", &size, e)) != 0)
		return rc;
	/*
	 * Sorting every case once (intake_defer) costs less than a quarter
	 * of the file's size more in rows kept up to date one at a time.
	 */
	if (bytes < (int64_t)pages * size / 4)
		return 0;
	cf->large = 1;
	/*
	 * In WAL mode each page the cache spills goes to the WAL, is looked
	 * for there every time it is read again, and is copied once more by
	 * the checkpoint: at a million rows that is a quarter of the time.  A
	 * rollback journal writes each page once, in place, and keeps only
	 * the pages the file had before; the import stays all or nothing.
	 * The cost: once the cache spills, the import holds the file and
	 * other commands wait for its commit (busy).  Only a writer alone
	 * can change the mode; with readers on the file it stays in WAL.
	 */
	if (sqlite3_prepare_v2(cf->db, "PRAGMA journal_mode = DELETE", -1,
	    &st, NULL) != SQLITE_OK)
		return 0;
	ms = cf->busy_ms;
	cf->busy_ms = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		cf->bulk = strcmp((const char *)sqlite3_column_text(st, 0),
		    "delete") == 0;
	sqlite3_finalize(st);
	cf->busy_ms = ms;
	/*
	 * In place, a spill costs one write: 8 MB imports a million rows as
	 * fast as 16 MB (79 s either way; the random-key indexes outgrow
	 * both), with the peak at 22 MB instead of 31.
	 */
	return cf->bulk ? exec(cf, "PRAGMA cache_size = -8192", e) : 0;
}

static const char *
basename_of(const char *path)
{
	const char	*p = strrchr(path, '/');

	return p != NULL ? p + 1 : path;
}

/*
 * Exists so readers can tell a missing case from an empty report; the
 * one check of a case's existence, under every module that needs it.
 */
int
query_exists(struct casefile *cf, int64_t id, struct cerror *e)
{
	static const char sql[] = "SELECT 1 FROM cases WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return cerror_set(e, EX_NOINPUT, "no case %lld in %s", (long long)id,
	    basename_of(cf->path));
}
