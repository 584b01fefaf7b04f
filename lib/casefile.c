/*
 * casefile.c: finding, creating, opening and migrating the case file,
 * the command's one transaction, settings, and the SQL helpers.
 *
 * Locking: the file is in WAL mode, so readers never block the writer and
 * the writer never blocks readers.  Writers start with BEGIN IMMEDIATE, which
 * takes the write lock before the first change: two writers queue on the
 * busy timeout instead of one failing half-way with SQLITE_BUSY on upgrade.
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
static int
mkparents(const char *path, struct cerror *e)
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
	if (mkparents(path, e) != 0)
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

int
db_error(struct casefile *cf, int rc, struct cerror *e)
{
	const char	*msg = sqlite3_errmsg(cf->db);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cerror_set(e, EX_TEMPFAIL, "case file %s is busy "
		    "(another command holds it); try again", cf->path);
	case SQLITE_FULL:
		return cerror_set(e, EX_IOERR, "cannot write %s: the disk "
		    "or a file size limit is full; nothing was changed",
		    cf->path);
	case SQLITE_IOERR:
		/* The WAL's errno is not kept, so EFBIG looks like EIO. */
		if (rc == SQLITE_IOERR_WRITE)
			return cerror_set(e, EX_IOERR, "cannot write %s: the "
			    "disk is full, a file size limit was reached, or "
			    "the disk failed; nothing was changed", cf->path);
		/* FALLTHROUGH */
	case SQLITE_PROTOCOL:
		return cerror_set(e, EX_IOERR, "I/O error on %s: %s",
		    cf->path, msg);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return cerror_set(e, EX_CANTCREAT, "cannot write %s: %s; check "
		    "the permissions of the file and its folder", cf->path,
		    msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return cerror_set(e, EX_DATAERR, "%s is not a case file or is "
		    "damaged (%s)", cf->path, msg);
	case SQLITE_CONSTRAINT:
		return cerror_set(e, EX_DATAERR, "%s", msg);
	default:
		return cerror_set(e, EX_SOFTWARE, "%s: %s", cf->path, msg);
	}
}

sqlite3_stmt *
db_prepare(struct casefile *cf, const char *sql, struct cerror *e)
{
	size_t		 i, slot = STMT_CACHE;
	int		 rc;

	for (i = 0; i < STMT_CACHE; i++) {
		if (cf->cache[i].sql == sql) {
			sqlite3_reset(cf->cache[i].st);
			sqlite3_clear_bindings(cf->cache[i].st);
			return cf->cache[i].st;
		}
		if (cf->cache[i].sql == NULL && slot == STMT_CACHE)
			slot = i;
	}
	if (slot == STMT_CACHE) {
		/* Full: a program with this many statements is one bug. */
		cerror_set(e, EX_SOFTWARE, "statement cache is full");
		return NULL;
	}
	rc = sqlite3_prepare_v3(cf->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &cf->cache[slot].st, NULL);
	if (rc != SQLITE_OK) {
		db_error(cf, rc, e);
		return NULL;
	}
	cf->cache[slot].sql = sql;
	return cf->cache[slot].st;
}

int
db_done(struct casefile *cf, sqlite3_stmt *st, struct cerror *e)
{
	int	 rc;

	/* Map the error before the reset, which can clear its errno. */
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		rc = db_error(cf, rc, e);
	else
		rc = 0;
	sqlite3_reset(st);
	return rc;
}

int
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

int
db_rows(struct casefile *cf, sqlite3_stmt *st, row_fn *fn, void *arg,
    struct cerror *e)
{
	const char	*name[32];
	const char	*val[32];
	int		 type[32];
	struct row	 r = { 0, name, val, type };
	int		 rc, i;

	r.n = sqlite3_column_count(st);
	if (r.n > 32)
		return cerror_set(e, EX_SOFTWARE, "too many columns");
	for (i = 0; i < r.n; i++)
		name[i] = sqlite3_column_name(st, i);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < r.n; i++) {
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_NULL:
				type[i] = VAL_NULL;
				break;
			case SQLITE_INTEGER:
			case SQLITE_FLOAT:	/* a number, bare in JSON */
				type[i] = VAL_INT;
				break;
			default:
				type[i] = VAL_TEXT;
			}
			val[i] = (const char *)sqlite3_column_text(st, i);
		}
		if ((rc = fn(arg, &r)) != 0) {
			sqlite3_reset(st);
			return cerror_set(e, rc, "cannot write output");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
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

int
db_migrate(sqlite3 *db, const struct migration *m, size_t n,
    struct cerror *e)
{
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int		 rc, v;
	size_t		 i;

	if ((rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return cerror_set(e, (rc & 0xff) == SQLITE_BUSY ? EX_TEMPFAIL :
		    EX_SOFTWARE, "cannot migrate: %s", sqlite3_errmsg(db));
	/* Read the version inside the transaction: another may have won. */
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		rc = cerror_set(e, EX_SOFTWARE, "cannot migrate: %s",
		    sqlite3_errmsg(db));
		goto fail;
	}
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	for (i = 0; i < n; i++) {
		char	 pragma[40];

		if (m[i].sql == NULL || m[i].to <= v)
			continue;
		if (sqlite3_exec(db, m[i].sql, NULL, NULL, &err) != SQLITE_OK) {
			rc = cerror_set(e, EX_SOFTWARE, "cannot migrate the "
			    "case file to schema %d: %s", m[i].to, err);
			goto fail;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    m[i].to);
		if (sqlite3_exec(db, pragma, NULL, NULL, &err) != SQLITE_OK) {
			rc = cerror_set(e, EX_SOFTWARE, "cannot migrate: %s",
			    err);
			goto fail;
		}
		v = m[i].to;
	}
	if ((rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
		rc = cerror_set(e, (rc & 0xff) == SQLITE_BUSY ? EX_TEMPFAIL :
		    EX_IOERR, "cannot migrate: %s", sqlite3_errmsg(db));
		goto fail;
	}
	return 0;
fail:
	sqlite3_free(err);
	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
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
	if (version < SCHEMA_VERSION) {
		/*
		 * Schema 6 adds columns to attachments, which changes the
		 * hash of rows the log recorded: the writer records every
		 * row again (watch) once the file is migrated.
		 */
		cf->reattest = version >= 5 && version < 6;
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
	    "SELECT ifnull((SELECT rows IS NULL FROM audit"
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

int
casefile_open(struct casefile **cfp, const char *arg, int mode,
    struct cerror *e)
{
	struct casefile	*cf;
	char		 v[32];
	const char	*errstr;
	int		 rc, flags, ms;

	*cfp = NULL;
	if ((cf = calloc(1, sizeof(*cf))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	cf->mode = mode;
	set_actor(cf);
	if ((rc = set_now(cf, e)) != 0 ||
	    (rc = casefile_path(arg, cf->path, sizeof(cf->path), e)) != 0 ||
	    (rc = precheck(cf->path, mode, e)) != 0)
		goto fail;
	flags = SQLITE_OPEN_READWRITE;
	if ((rc = sqlite3_open_v2(cf->path, &cf->db, flags, NULL)) !=
	    SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto fail;
	}
	sqlite3_extended_result_codes(cf->db, 1);
	sqlite3_busy_timeout(cf->db, BUSY_DEFAULT);
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
			sqlite3_busy_timeout(cf->db, ms);
	}
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
	policy_free(cf->policy);
	triage_free(cf->rules);
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
	return 0;
}

void
casefile_rollback(struct casefile *cf)
{
	if (cf->intx && cf->db != NULL)
		sqlite3_exec(cf->db, "ROLLBACK", NULL, NULL, NULL);
	cf->intx = 0;
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

/*
 * The settings a user may change, each with what its value must be.  A
 * key of a family (sla.ack.3, ack.template.sv, hook.pre-close) is matched
 * by its prefix.
 */
static const struct {
	const char	*key;
	int		 prefix;
	enum { V_TEXT, V_MS, V_CURRENCY, V_SPAN, V_MONEY, V_SEVERITY,
	    V_WORDS, V_LANG, V_TZ, V_WEEK, V_DATES, V_COUNTRY } kind;
} known[] = {
	{ "busy.timeout", 0, V_MS },
	{ "currency", 0, V_CURRENCY },
	{ "lang", 0, V_LANG },
	{ "tz", 0, V_TZ },
	{ "severity.default", 0, V_SEVERITY },
	{ "repeat.days", 0, V_MS },
	{ "repeat.min", 0, V_MS },
	{ "sla.ack.", 1, V_SPAN },
	{ "sla.resolve.", 1, V_SPAN },
	{ "sla.week", 0, V_WEEK },
	{ "sla.holidays", 0, V_DATES },
	{ "phone.country", 0, V_COUNTRY },
	{ "offer.approval_limit", 0, V_MONEY },
	{ "causes", 0, V_WORDS },
	{ "mail.tag-any", 0, V_MS },
	{ "ack.template.", 1, V_TEXT },
	{ "escalate.hook", 0, V_TEXT },
	{ "hook.", 1, V_TEXT },
};

static int
check_setting(struct casefile *cf, const char *key, const char *v,
    struct cerror *e)
{
	struct workweek	 w;
	struct money	 m;
	const char	*errstr;
	char		 cur[8], vis[80], lang[4];
	int64_t		 secs;
	size_t		 i;
	int		 sev;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].prefix ? strncmp(key, known[i].key,
		    strlen(known[i].key)) == 0 && key[strlen(known[i].key)] :
		    strcmp(key, known[i].key) == 0)
			break;
	if (i == sizeof(known) / sizeof(known[0]))
		return cerror_set(e, EX_DATAERR, "no setting %s; complaint "
		    "config --list shows them", text_vis(vis, sizeof(vis),
		    key));
	if (!text_utf8ok(v, strlen(v)) || strlen(v) > 4000)
		return cerror_set(e, EX_DATAERR, "%s: the value is not UTF-8 "
		    "or is longer than 4000 bytes", key);
	switch (known[i].kind) {
	case V_MS:
		strtonum(v, 0, 100000000, &errstr);
		if (errstr != NULL)
			return cerror_set(e, EX_DATAERR, "%s: give a whole "
			    "number", key);
		break;
	case V_CURRENCY:
		if (strlen(v) != 3 || money_parse("1", v, 0, &m, e) != 0)
			return cerror_set(e, EX_DATAERR, "%s: give an ISO 4217 "
			    "code like EUR", key);
		break;
	case V_SPAN:
		if (timefmt_duration(v, &secs, e) != 0)
			return cerror_prefix(e, EX_DATAERR, key);
		break;
	case V_MONEY:
		if (casefile_setting(cf, "currency", cur, sizeof(cur), e) != 0 ||
		    money_parse(v, cur, 0, &m, e) != 0)
			return cerror_prefix(e, EX_DATAERR, key);
		break;
	case V_SEVERITY:
		if (case_severity(v, &sev) != 0)
			return cerror_set(e, EX_DATAERR, "%s: give 1-4 or low, "
			    "medium, high, critical", key);
		break;
	case V_WORDS:
		for (const char *p = v; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' &&
			    *p <= '9') || *p == '-' || *p == ','))
				return cerror_set(e, EX_DATAERR, "%s: give "
				    "words of a-z, 0-9 and -, separated by "
				    "commas", key);
		break;
	case V_TZ:
		if (casefile_tz(v, e) != 0)
			return e->code;
		break;
	case V_WEEK:
	case V_DATES:
		if (*v == '\0')
			break;
		if (policy_week(known[i].kind == V_WEEK ? v : "mon 00:00-24:00",
		    known[i].kind == V_DATES ? v : NULL, &w, e) != 0)
			return e->code;
		policy_week_free(&w);
		break;
	case V_COUNTRY:
		if (phone_country(v) != 0) {
			char	 list[256];

			phone_countries(list, sizeof(list));
			return cerror_set(e, EX_DATAERR, "%s: no country %s; "
			    "give one of %s, or nothing", key,
			    text_vis(vis, sizeof(vis), v), list);
		}
		break;
	case V_LANG:
		/* a code as case_lang keeps it: no region, lower case */
		if (case_lang(v, lang) != 0 || strcmp(lang, v) != 0)
			return cerror_set(e, EX_DATAERR, "%s: give a language "
			    "code like en, id or sv", key);
		break;
	default:
		break;
	}
	return 0;
}

int
casefile_tz(const char *tz, struct cerror *e)
{
	const char	*dir;
	char		 path[1024], vis[80];

	if (strcmp(tz, "UTC") == 0)
		return 0;
	if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if (*tz == '\0' || *tz == '/' || strstr(tz, "..") != NULL ||
	    strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/_+-") != strlen(tz) ||
	    snprintf(path, sizeof(path), "%s/%s", dir, tz) >=
	    (int)sizeof(path) || access(path, R_OK) != 0)
		return cerror_set(e, EX_DATAERR, "tz: no time zone %s in %s "
		    "(give a name like Europe/Stockholm or UTC; install "
		    "tzdata)", text_vis(vis, sizeof(vis), tz), dir);
	return 0;
}

int
casefile_bulk(struct casefile *cf, struct cerror *e)
{
	/*
	 * A bulk import is one long transaction: with SQLite's 2 MB page
	 * cache it spills dirty pages to the WAL over and over.  16 MB keeps
	 * the peak well inside 32 MB.
	 */
	return exec(cf, "PRAGMA cache_size = -16384", e);
}

int
casefile_set(struct casefile *cf, const char *key, const char *value,
    struct cerror *e)
{
	static const char set[] = "INSERT INTO settings (key, value)"
	    " VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2";
	static const char del[] = "DELETE FROM settings WHERE key = ?";
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	int		 rc;

	if (value != NULL && (rc = check_setting(cf, key, value, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, value != NULL ? set : del, e)) == NULL)
		return e->code;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (value != NULL)
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	rc = buf_puts(&c, "{");
	rc |= text_json_str(&c, "key", key);
	rc |= text_json_str(&c, "value", value);
	rc |= buf_puts(&c, "}");
	if (rc == 0)
		rc = audit_append(cf, 0, "config", c.s, e);
	else
		rc = cerror_set(e, EX_OSERR, "out of memory");
	buf_free(&c);
	return rc;
}

int
casefile_settings(struct casefile *cf, row_fn *fn, void *arg,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT key, value FROM settings ORDER BY key";
	sqlite3_stmt	*st;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	return db_rows(cf, st, fn, arg, e);
}
