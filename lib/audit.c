/*
 * audit.c: the append-only audit log, its SHA-256 hash chain, and the
 * record of the rows each entry's command wrote.
 *
 * Each entry hashes its content on its own (content_hash), and the chain
 * hashes the entry's metadata with content_hash, the hash of its rows and
 * the previous chain hash.  Redacting an entry replaces only its content,
 * so the chain still verifies and the entry shows as redacted instead of
 * breaking everything after it.
 *
 * Rows: every insert, update and delete on a table of audit_tables is seen
 * as it happens (SQLite's update hook for rowid tables, temporary triggers
 * for WITHOUT ROWID ones) and kept in the case file's touch list.  The
 * command's audit entry is written last, at commit (audit_flush), with
 * rows = [[table, key, SHA-256 of the row as it is then, or null]].  So
 * no write path has to say what it wrote, and rows written after the
 * entry was asked for are still in it.  verify.c replays the rows.
 *
 * Layers: audit.c stands on db.c.  casefile.c calls it (open, commit,
 * rollback), so it reads the actor and the clock from the handle's fields
 * and never calls casefile.c back.
 *
 * The key: while the setting audit.keyfile is set, an entry's chain hash
 * is an HMAC-SHA-256 (hmac.c) under the bytes of that file, so rewriting
 * the chain consistently needs the key, not only the case file.  Whether
 * an entry is keyed is read from the setting as the entry's own rows
 * leave it: the entry that sets it is the first keyed one, and the one
 * that unsets it is plain (so a lost key can still be unset).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <sha2.h>
#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

static const char genesis[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * The tables whose rows the log records: { name, keyed by rowid, every
 * row with its key first, the row of key ?1 }.  A new table of evidence
 * is one line here;
 * a WITHOUT ROWID one also needs its triggers in watch_sql below.
 */
const struct audit_table audit_tables[] = {
	{ "settings", 0, "SELECT json_array(key), * FROM settings",
	    "SELECT * FROM settings WHERE key = json_extract(?1, '$[0]')" },
	{ "customers", 1, "SELECT rowid, * FROM customers",
	    "SELECT * FROM customers WHERE rowid = ?1" },
	{ "cases", 1, "SELECT rowid, * FROM cases",
	    "SELECT * FROM cases WHERE rowid = ?1" },
	{ "fields", 0, "SELECT json_array(case_id, name), * FROM fields",
	    "SELECT * FROM fields WHERE case_id = json_extract(?1, '$[0]')"
	    " AND name = json_extract(?1, '$[1]')" },
	/* a tag by its hash: its text, which may name a person, stays out
	 * of the log, and anonymise can erase it */
	{ "tags", 0, "SELECT json_array(case_id, 'sha256:' || sha256(tag)),"
	    " * FROM tags",
	    "SELECT * FROM tags WHERE case_id = json_extract(?1, '$[0]')"
	    " AND 'sha256:' || sha256(tag) = json_extract(?1, '$[1]')" },
	{ "events", 1, "SELECT rowid, * FROM events",
	    "SELECT * FROM events WHERE rowid = ?1" },
	{ "accounts", 1, "SELECT rowid, * FROM accounts",
	    "SELECT * FROM accounts WHERE rowid = ?1" },
	{ "statements", 1, "SELECT rowid, * FROM statements",
	    "SELECT * FROM statements WHERE rowid = ?1" },
	{ "recordings", 1, "SELECT rowid, * FROM recordings",
	    "SELECT * FROM recordings WHERE rowid = ?1" },
	{ "discrepancies", 1, "SELECT rowid, * FROM discrepancies",
	    "SELECT * FROM discrepancies WHERE rowid = ?1" },
	{ "proposals", 1, "SELECT rowid, * FROM proposals",
	    "SELECT * FROM proposals WHERE rowid = ?1" },
	{ "escalations", 1, "SELECT rowid, * FROM escalations",
	    "SELECT * FROM escalations WHERE rowid = ?1" },
	{ "decisions", 1, "SELECT rowid, * FROM decisions",
	    "SELECT * FROM decisions WHERE rowid = ?1" },
	{ "followups", 1, "SELECT rowid, * FROM followups",
	    "SELECT * FROM followups WHERE rowid = ?1" },
	{ "reminders", 0,
	    "SELECT json_array(case_id, kind, due), * FROM reminders",
	    "SELECT * FROM reminders WHERE case_id = json_extract(?1, '$[0]')"
	    " AND kind = json_extract(?1, '$[1]')"
	    " AND due = json_extract(?1, '$[2]')" },
	{ "attachments", 1, "SELECT rowid, * FROM attachments",
	    "SELECT * FROM attachments WHERE rowid = ?1" },
	{ "rules", 1, "SELECT rowid, * FROM rules",
	    "SELECT * FROM rules WHERE rowid = ?1" },
	{ "communications", 1, "SELECT rowid, * FROM communications",
	    "SELECT * FROM communications WHERE rowid = ?1" },
	{ "citations", 0, "SELECT json_array(decision, ref), * FROM citations",
	    "SELECT * FROM citations WHERE decision = json_extract(?1, '$[0]')"
	    " AND ref = json_extract(?1, '$[1]')" },
	{ "explanations", 1, "SELECT rowid, * FROM explanations",
	    "SELECT * FROM explanations WHERE rowid = ?1" },
	{ NULL, 0, NULL, NULL }
};

/*
 * WITHOUT ROWID tables are not seen by the update hook.  These triggers
 * live in the connection's TEMP schema: nothing is added to the file.
 */
static const char watch_sql[] =
#define WATCH(t, k)							\
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_" t "_i AFTER INSERT"	\
    " ON main." t " BEGIN SELECT audit_touch('" t "', json_array("	\
    k("new") ")); END;"							\
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_" t "_u AFTER UPDATE"	\
    " ON main." t " BEGIN SELECT audit_touch('" t "', json_array("	\
    k("old") ")), audit_touch('" t "', json_array(" k("new") ")); END;" \
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_" t "_d AFTER DELETE"	\
    " ON main." t " BEGIN SELECT audit_touch('" t "', json_array("	\
    k("old") ")); END;"
#define K_SETTINGS(r)	r ".key"
#define K_FIELDS(r)	r ".case_id, " r ".name"
#define K_TAGS(r)	r ".case_id, 'sha256:' || sha256(" r ".tag)"
#define K_REMINDERS(r)	r ".case_id, " r ".kind, " r ".due"
#define K_CITATIONS(r)	r ".decision, " r ".ref"
#define BEFORE(t, k)							\
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_" t "_bu BEFORE UPDATE"	\
    " ON main." t " BEGIN SELECT audit_before('" t "', " k("old") ");"	\
    " END;"								\
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_" t "_bd BEFORE DELETE"	\
    " ON main." t " BEGIN SELECT audit_before('" t "', " k("old") ");"	\
    " END;"
#define K_ROWID(r)	r ".rowid"
#define J(k)	"json_array(" k ")"
#define JS(r)	J(K_SETTINGS(r))
#define JF(r)	J(K_FIELDS(r))
#define JT(r)	J(K_TAGS(r))
#define JR(r)	J(K_REMINDERS(r))
#define JC(r)	J(K_CITATIONS(r))
    WATCH("settings", K_SETTINGS)
    WATCH("fields", K_FIELDS)
    WATCH("tags", K_TAGS)
    WATCH("reminders", K_REMINDERS)
    WATCH("citations", K_CITATIONS)
    BEFORE("settings", JS) BEFORE("fields", JF) BEFORE("tags", JT)
    BEFORE("reminders", JR)
    BEFORE("customers", K_ROWID) BEFORE("cases", K_ROWID)
    BEFORE("events", K_ROWID) BEFORE("accounts", K_ROWID)
    BEFORE("statements", K_ROWID) BEFORE("recordings", K_ROWID)
    BEFORE("discrepancies", K_ROWID) BEFORE("proposals", K_ROWID)
    BEFORE("escalations", K_ROWID) BEFORE("decisions", K_ROWID)
    BEFORE("followups", K_ROWID) BEFORE("attachments", K_ROWID)
    BEFORE("rules", K_ROWID) BEFORE("communications", K_ROWID)
    BEFORE("citations", JC)
    BEFORE("explanations", K_ROWID);
#undef WATCH
#undef BEFORE

static void	key_forget(struct casefile *);

void
audit_sha256(const void *p, size_t n, char hex[65])
{
	SHA2_CTX	 ctx;

	SHA256Init(&ctx);
	SHA256Update(&ctx, p, n);
	SHA256End(&ctx, hex);
}

int
audit_table_find(const char *name)
{
	for (int i = 0; audit_tables[i].name != NULL; i++)
		if (strcmp(audit_tables[i].name, name) == 0)
			return i;
	return -1;
}

/* tag, then v in decimal, then end, into num; its length. */
static size_t
tagnum(char *num, char tag, long long v, char end)
{
	char			 d[24];
	size_t			 n = 0, k = 0;
	unsigned long long	 u;

	num[n++] = tag;
	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	if (v < 0)
		num[n++] = '-';
	do
		d[k++] = '0' + u % 10;
	while ((u /= 10) != 0);
	while (k > 0)
		num[n++] = d[--k];
	num[n++] = end;
	return n;
}

/*
 * The hash of a row's columns from first on, each as "n;", "i<int>;",
 * "r<%.17g>;", "b<bytes>:<blob>;" or "t<bytes>:<text>;" (numbers by
 * hand: an import hashes thirty columns a row).
 */
void
audit_rowhash(sqlite3_stmt *st, int first, char hex[65])
{
	SHA2_CTX	 ctx;
	char		 num[48];
	int		 i, n, len;

	SHA256Init(&ctx);
	n = sqlite3_column_count(st);
	for (i = first; i < n; i++) {
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_NULL:
			SHA256Update(&ctx, (const void *)"n;", 2);
			continue;
		case SQLITE_INTEGER:
			SHA256Update(&ctx, (const void *)num, tagnum(num, 'i',
			    (long long)sqlite3_column_int64(st, i), ';'));
			continue;
		case SQLITE_FLOAT:
			len = snprintf(num, sizeof(num), "r%.17g;",
			    sqlite3_column_double(st, i));
			SHA256Update(&ctx, (const void *)num, (size_t)len);
			continue;
		case SQLITE_BLOB:
			SHA256Update(&ctx, (const void *)num, tagnum(num, 'b',
			    sqlite3_column_bytes(st, i), ':'));
			SHA256Update(&ctx, sqlite3_column_blob(st, i),
			    (size_t)sqlite3_column_bytes(st, i));
			break;
		default:
			SHA256Update(&ctx, (const void *)num, tagnum(num, 't',
			    sqlite3_column_bytes(st, i), ':'));
			SHA256Update(&ctx, sqlite3_column_text(st, i),
			    (size_t)sqlite3_column_bytes(st, i));
		}
		SHA256Update(&ctx, (const void *)";", 1);
	}
	SHA256End(&ctx, hex);
}

/* Keep (table, key) for the next entry; 0, or -1 out of memory. */
static int
touch_add(struct casefile *cf, int tbl, const char *key)
{
	struct touch	*t;

	if (cf->ntouch == cf->maxtouch) {
		size_t n = cf->maxtouch ? cf->maxtouch * 2 : 64;

		if ((t = reallocarray(cf->touch, n, sizeof(*t))) == NULL)
			return -1;
		cf->touch = t;
		cf->maxtouch = n;
	}
	if ((cf->touch[cf->ntouch].key = strdup(key)) == NULL)
		return -1;
	cf->touch[cf->ntouch++].tbl = tbl;
	return 0;
}

int
audit_touch(struct casefile *cf, const char *table, const char *key)
{
	int	 tbl;

	if ((tbl = audit_table_find(table)) == -1)
		return 0;
	return touch_add(cf, tbl, key);
}

static void
on_update(void *arg, int op, const char *db, const char *table,
    sqlite3_int64 rowid)
{
	struct casefile	*cf = arg;
	char		 key[32];
	int		 tbl;

	(void)op;
	if (strcmp(db, "main") != 0 || (tbl = audit_table_find(table)) == -1)
		return;
	snprintf(key, sizeof(key), "%lld", (long long)rowid);
	/* Out of memory: the commit fails in audit_flush. */
	if (touch_add(cf, tbl, key) == -1)
		cf->pend.set = -1;
}

/* The hash of the row of table t and key k now, or "" when none. */
static int
hash_now(struct casefile *cf, int tbl, const char *key, char hex[65],
    struct cerror *e)
{
	const struct audit_table *t = &audit_tables[tbl];
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, t->one, e)) == NULL)
		return e->code;
	if (t->rowid)
		sqlite3_bind_int64(st, 1, strtoll(key, NULL, 10));
	else
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	hex[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		audit_rowhash(st, 0, hex);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

/*
 * audit_before(table, key), from a BEFORE trigger: keep the row as it is
 * before this command's first change to it, so verify can tell a row a
 * tool found altered from one the tool altered itself.
 */
static void
sql_before(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct casefile	*cf = sqlite3_user_data(ctx);
	struct cerror	 e;
	struct touch	*t;
	const char	*name, *key;
	int		 tbl;

	(void)argc;
	name = (const char *)sqlite3_value_text(argv[0]);
	key = (const char *)sqlite3_value_text(argv[1]);
	sqlite3_result_null(ctx);
	if (name == NULL || key == NULL || (tbl = audit_table_find(name)) ==
	    -1)
		return;
	for (size_t i = 0; i < cf->nbefore; i++)
		if (cf->before[i].tbl == tbl &&
		    strcmp(cf->before[i].key, key) == 0)
			return;
	/* written by this command already: its hash is not the log's */
	for (size_t i = 0; i < cf->ntouch; i++)
		if (cf->touch[i].tbl == tbl &&
		    strcmp(cf->touch[i].key, key) == 0)
			return;
	if (cf->nbefore == cf->maxbefore) {
		size_t n = cf->maxbefore ? cf->maxbefore * 2 : 16;

		if ((t = reallocarray(cf->before, n, sizeof(*t))) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		cf->before = t;
		cf->maxbefore = n;
	}
	t = &cf->before[cf->nbefore];
	if ((t->key = strdup(key)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	t->tbl = tbl;
	if (hash_now(cf, tbl, key, t->hash, &e) != 0) {
		free(t->key);
		sqlite3_result_error(ctx, e.msg, -1);
		return;
	}
	cf->nbefore++;
}

static void
sql_touch(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct casefile	*cf = sqlite3_user_data(ctx);
	const char	*t, *k;

	(void)argc;
	t = (const char *)sqlite3_value_text(argv[0]);
	k = (const char *)sqlite3_value_text(argv[1]);
	if (t != NULL && k != NULL && audit_touch(cf, t, k) == -1) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_null(ctx);
}

int
audit_watch(struct casefile *cf, struct cerror *e)
{
	int	 rc;

	if ((rc = sqlite3_create_function(cf->db, "audit_touch", 2,
	    SQLITE_UTF8 | SQLITE_INNOCUOUS, cf, sql_touch, NULL, NULL)) !=
	    SQLITE_OK)
		return db_error(cf, rc, e);
	if ((rc = sqlite3_create_function(cf->db, "audit_before", 2,
	    SQLITE_UTF8 | SQLITE_INNOCUOUS, cf, sql_before, NULL, NULL)) !=
	    SQLITE_OK)
		return db_error(cf, rc, e);
	if ((rc = sqlite3_exec(cf->db, watch_sql, NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return db_error(cf, rc, e);
	sqlite3_update_hook(cf->db, on_update, cf);
	return 0;
}

static void
touch_clear(struct casefile *cf)
{
	for (size_t i = 0; i < cf->ntouch; i++)
		free(cf->touch[i].key);
	cf->ntouch = 0;
	for (size_t i = 0; i < cf->nbefore; i++)
		free(cf->before[i].key);
	cf->nbefore = 0;
}

void
audit_discard(struct casefile *cf)
{
	touch_clear(cf);
	free(cf->pend.action);
	free(cf->pend.content);
	cf->pend.action = cf->pend.content = NULL;
	cf->pend.set = 0;
}

void
audit_release(struct casefile *cf)
{
	audit_discard(cf);
	key_forget(cf);
	free(cf->touch);
	free(cf->before);
	cf->touch = cf->before = NULL;
	cf->maxtouch = cf->maxbefore = 0;
}

static int
touch_cmp(const void *a, const void *b)
{
	const struct touch *x = a, *y = b;

	if (x->tbl != y->tbl)
		return x->tbl < y->tbl ? -1 : 1;
	return strcmp(x->key, y->key);
}

/*
 * rows as JSON: each row touched, once, with its hash now (null when
 * deleted) and, when the command changed a row that was there before,
 * the hash of the row as the command found it.
 */
static int
rows_json(struct casefile *cf, struct buf *b, struct cerror *e)
{
	const struct touch *t;
	char		 hex[65];
	size_t		 i, j;
	int		 rc = 0, first = 1;

	qsort(cf->touch, cf->ntouch, sizeof(cf->touch[0]), touch_cmp);
	rc |= buf_puts(b, "[");
	for (i = 0; i < cf->ntouch; i++) {
		t = &cf->touch[i];
		if (i > 0 && touch_cmp(&cf->touch[i - 1], t) == 0)
			continue;
		if ((rc = hash_now(cf, t->tbl, t->key, hex, e)) != 0)
			return rc;
		rc |= buf_puts(b, first ? "[" : ",[");
		rc |= text_json(b, audit_tables[t->tbl].name);
		rc |= buf_puts(b, ",");
		rc |= text_json(b, t->key);
		if (hex[0] != '\0')
			rc |= buf_printf(b, ",\"%s\"", hex);
		else
			rc |= buf_puts(b, ",null");
		for (j = 0; j < cf->nbefore; j++)
			if (touch_cmp(&cf->before[j], t) == 0)
				break;
		if (j < cf->nbefore)
			rc |= cf->before[j].hash[0] != '\0' ? buf_printf(b,
			    ",\"%s\"", cf->before[j].hash) :
			    buf_puts(b, ",null");
		rc |= buf_puts(b, "]");
		first = 0;
	}
	rc |= buf_puts(b, "]");
	if (rc != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	return 0;
}

/*
 * The chain hash of one entry, given the chain hash of the one before:
 * SHA-256, or HMAC-SHA-256 under key when key is not NULL.
 */
static void
chain(const unsigned char *key, size_t nkey, const char *prev, int64_t id,
    const char *at, const char *actor, int64_t caseid, const char *action,
    const char *chash, const char *rhash, char out[65])
{
	struct hmac	 h;
	SHA2_CTX	 ctx;
	char		 num[48], cnum[48];
	const char	*part[8];
	size_t		 i, n = 0;

	snprintf(num, sizeof(num), "%lld", (long long)id);
	snprintf(cnum, sizeof(cnum), "%lld", (long long)caseid);
	part[n++] = prev;
	part[n++] = num;
	part[n++] = at;
	part[n++] = actor;
	part[n++] = cnum;
	part[n++] = action;
	part[n++] = chash;
	if (rhash != NULL)
		part[n++] = rhash;
	if (key != NULL)
		hmac_init(&h, key, nkey);
	else
		SHA256Init(&ctx);
	for (i = 0; i < n; i++) {
		if (key != NULL) {
			hmac_update(&h, part[i], strlen(part[i]));
			hmac_update(&h, "\n", 1);
		} else {
			SHA256Update(&ctx, (const void *)part[i],
			    strlen(part[i]));
			SHA256Update(&ctx, (const void *)"\n", 1);
		}
	}
	if (key != NULL)
		hmac_end(&h, out);
	else
		SHA256End(&ctx, out);
}

/*
 * The key file at path, read only when it is the caller's, 0600 or
 * stricter, and of a sensible size: a key others can read keys nothing.
 */
static int
keyread(const char *path, unsigned char **key, size_t *n, struct cerror *e)
{
	struct stat	 sb;
	unsigned char	*k = NULL;
	char		 vis[160];
	ssize_t		 r;
	size_t		 len = 0;
	int		 fd, rc = 0;

	*key = NULL;
	*n = 0;
	text_vis(vis, sizeof(vis), path);
	if (*path != '/')
		return cerror_set(e, EX_DATAERR, "audit.keyfile: %s is not an "
		    "absolute path; give the key file's full path", vis);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return cerror_set(e, EX_NOINPUT, "audit key %s is "
			    "missing; restore it from where it is kept", vis);
		if (errno == ELOOP)
			return cerror_set(e, EX_NOINPUT, "audit key %s is a "
			    "symbolic link; name the file itself", vis);
		return cerror_set(e, errno == EACCES ? EX_NOPERM :
		    EX_NOINPUT, "audit key %s cannot be read: %s", vis,
		    strerror(errno));
	}
	if (fstat(fd, &sb) == -1)
		rc = cerror_set(e, EX_IOERR, "audit key %s cannot be "
		    "examined: %s", vis, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		rc = cerror_set(e, EX_NOINPUT, "audit key %s is not a "
		    "regular file", vis);
	else if (sb.st_uid != geteuid())
		rc = cerror_set(e, EX_NOPERM, "audit key %s belongs to uid "
		    "%lu, not to you; use a key file you own", vis,
		    (unsigned long)sb.st_uid);
	else if ((sb.st_mode & 077) != 0)
		rc = cerror_set(e, EX_NOPERM, "audit key %s has mode %04o, "
		    "so others may read it; chmod 600 it", vis,
		    (unsigned)(sb.st_mode & 07777));
	else if ((k = malloc(4097)) == NULL)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	while (rc == 0 && len < 4097) {
		if ((r = read(fd, k + len, 4097 - len)) == -1) {
			rc = cerror_set(e, EX_IOERR, "audit key %s: reading "
			    "it failed: %s", vis, strerror(errno));
			break;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (rc == 0 && (len < 32 || len > 4096))
		rc = cerror_set(e, EX_DATAERR, "audit key %s holds %s%zu "
		    "bytes; give 32 to 4096 (head -c 32 /dev/urandom)", vis,
		    len > 4096 ? "over " : "", len > 4096 ? (size_t)4096 :
		    len);
	if (rc != 0) {
		if (k != NULL)
			explicit_bzero(k, 4097);
		free(k);
		return rc;
	}
	*key = k;
	*n = len;
	return 0;
}

static void
key_forget(struct casefile *cf)
{
	if (cf->key != NULL)
		explicit_bzero(cf->key, cf->nkey);
	free(cf->key);
	free(cf->keypath);
	cf->key = NULL;
	cf->keypath = NULL;
	cf->nkey = 0;
}

/* Read the key of path into cf, unless it is the one read already. */
static int
key_load(struct casefile *cf, const char *path, struct cerror *e)
{
	unsigned char	*k;
	size_t		 n;
	int		 rc;

	if (cf->keypath != NULL && strcmp(cf->keypath, path) == 0)
		return 0;
	key_forget(cf);
	if ((rc = keyread(path, &k, &n, e)) != 0)
		return rc;
	if ((cf->keypath = strdup(path)) == NULL) {
		explicit_bzero(k, n);
		free(k);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	cf->key = k;
	cf->nkey = n;
	return 0;
}

/* The key for the next entry: cf->key, or NULL when audit.keyfile is not
 * set. */
static int
key_now(struct casefile *cf, struct cerror *e)
{
	static const char sql[] =
	    "SELECT value FROM settings WHERE key = 'audit.keyfile'";
	sqlite3_stmt	*st;
	char		*path = NULL;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (path = strdup((const char *)sqlite3_column_text(st, 0))) ==
	    NULL) {
		sqlite3_reset(st);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(path);
		return db_error(cf, rc, e);
	}
	if (path == NULL) {
		key_forget(cf);
		return 0;
	}
	rc = key_load(cf, path, e);
	free(path);
	return rc;
}

int
audit_keycheck(struct casefile *cf, const char *path, const char *old,
    struct cerror *e)
{
	struct stat	 a, b;
	unsigned char	*k;
	char		 vis[160];
	size_t		 n;
	int		 rc;

	if ((rc = keyread(path, &k, &n, e)) != 0)
		return rc;
	text_vis(vis, sizeof(vis), path);
	if (stat(path, &a) == 0 && stat(cf->path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		rc = cerror_set(e, EX_DATAERR, "audit key %s is the case "
		    "file itself; keep the key in a file of its own", vis);
	else if (old != NULL && strcmp(old, path) != 0) {
		/* Entries keyed by the old key are proved by it alone. */
		if ((rc = key_load(cf, old, e)) == 0 && (n != cf->nkey ||
		    memcmp(k, cf->key, n) != 0))
			rc = cerror_set(e, EX_DATAERR, "audit key %s is not "
			    "the key set already; the entries it keyed need "
			    "it: move that file instead", vis);
	}
	explicit_bzero(k, n);
	free(k);
	return rc;
}

/* Insert one entry now, with rows (NULL for none). */
static int
insert(struct casefile *cf, int64_t caseid, const char *action,
    const char *content, const char *rows, struct cerror *e)
{
	static const char last[] = "SELECT id, chain_hash FROM audit"
	    " WHERE id = (SELECT max(id) FROM audit)";
	static const char ins[] =
	    "INSERT INTO audit (id, at, actor, case_id, action, content,"
	    " content_hash, chain_hash, rows)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	char		 prev[65], chash[65], rhash[65], hash[65];
	char		 at[TIMEFMT_LEN];
	int64_t		 id = 1;
	int		 rc;

	memcpy(prev, genesis, sizeof(prev));
	/* the entry before is this transaction's own, or read once */
	if (cf->last.set) {
		id = cf->last.id + 1;
		memcpy(prev, cf->last.hash, sizeof(prev));
	} else {
		if ((st = db_prepare(cf, last, e)) == NULL)
			return e->code;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0) + 1;
			strlcpy(prev, (const char *)sqlite3_column_text(st, 1),
			    sizeof(prev));
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_error(cf, rc, e);
	}

	if ((rc = key_now(cf, e)) != 0)
		return rc;
	timefmt_iso(cf->now, at);
	audit_sha256(content, strlen(content), chash);
	if (rows != NULL)
		audit_sha256(rows, strlen(rows), rhash);
	chain(cf->key, cf->nkey, prev, id, at, cf->actor, caseid, action,
	    chash, rows != NULL ? rhash : NULL, hash);
	if ((st = db_prepare(cf, ins, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, cf->actor, -1, SQLITE_STATIC);
	if (caseid > 0)
		sqlite3_bind_int64(st, 4, caseid);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, content, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, chash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, hash, -1, SQLITE_STATIC);
	if (rows != NULL)
		sqlite3_bind_text(st, 9, rows, -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	cf->last.set = cf->intx;
	cf->last.id = id;
	memcpy(cf->last.hash, hash, sizeof(cf->last.hash));
	return 0;
}

int
audit_flush(struct casefile *cf, struct cerror *e)
{
	struct buf	 rows = { NULL, 0, 0 };
	int		 rc;

	if (cf->pend.set == -1) {
		audit_discard(cf);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	if (!cf->pend.set && cf->ntouch == 0)
		return 0;
	if ((rc = rows_json(cf, &rows, e)) == 0) {
		/* Rows written without an entry of their own: say so. */
		if (!cf->pend.set)
			rc = insert(cf, 0, "rows", "{}", rows.s, e);
		else
			rc = insert(cf, cf->pend.caseid, cf->pend.action,
			    cf->pend.content, rows.s, e);
	}
	buf_free(&rows);
	audit_discard(cf);
	return rc;
}

int
audit_append(struct casefile *cf, int64_t caseid, const char *action,
    const char *content, struct cerror *e)
{
	int	 rc;

	/* One entry waits: the one before takes the rows written so far. */
	if (cf->pend.set && (rc = audit_flush(cf, e)) != 0)
		return rc;
	if ((cf->pend.action = strdup(action)) == NULL ||
	    (cf->pend.content = strdup(content)) == NULL) {
		audit_discard(cf);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	cf->pend.caseid = caseid;
	cf->pend.set = 1;
	return 0;
}

int
audit_attest(struct casefile *cf, int force, struct cerror *e)
{
	static const char last[] =
	    "SELECT rows IS NOT NULL FROM audit ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st;
	char		 key[32];
	int		 rc, have = 0;

	if ((st = db_prepare(cf, last, e)) == NULL)
		return e->code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	if (have && !force)
		return 0;
	for (int i = 0; audit_tables[i].name != NULL; i++) {
		if ((st = db_prepare(cf, audit_tables[i].all, e)) == NULL)
			return e->code;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *k = (const char *)sqlite3_column_text(st,
			    0);

			if (sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
				snprintf(key, sizeof(key), "%lld", (long long)
				    sqlite3_column_int64(st, 0));
				k = key;
			}
			if (touch_add(cf, i, k) == -1) {
				sqlite3_reset(st);
				return cerror_set(e, EX_OSERR,
				    "out of memory");
			}
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(cf, rc, e);
	}
	if ((rc = audit_append(cf, 0, "attest", "{}", e)) != 0)
		return rc;
	return audit_flush(cf, e);
}

/*
 * Whether the entry's own rows set (1) or deleted (0) the setting
 * audit.keyfile, NULL when they do not touch it; instr first, so the
 * rows of most entries are not parsed.
 */
#define KEYED_SQL							\
    " CASE WHEN instr(rows, 'audit.keyfile') THEN (SELECT"		\
    " json_extract(r.value, '$[2]') IS NOT NULL FROM json_each(rows) r"	\
    " WHERE json_extract(r.value, '$[0]') = 'settings'"			\
    " AND json_extract(r.value, '$[1]') = '[\"audit.keyfile\"]') END"

/*
 * The key file for verify: the setting's value now (verify_tables proves
 * it is the one the log has), or, once unset, the last value a config
 * entry set.
 */
static int
key_path(struct casefile *cf, char *path, size_t size, struct cerror *e)
{
	static const char sql[] = "SELECT value FROM settings"
	    " WHERE key = 'audit.keyfile' UNION ALL SELECT * FROM"
	    " (SELECT json_extract(content, '$.value') FROM audit"
	    " WHERE action = 'config' AND redacted IS NULL"
	    " AND json_valid(content)"
	    " AND json_extract(content, '$.key') = 'audit.keyfile'"
	    " AND json_extract(content, '$.value') IS NOT NULL"
	    " ORDER BY id DESC LIMIT 1) LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strlcpy(path, (const char *)sqlite3_column_text(st, 0), size);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return cerror_set(e, EX_DATAERR, "the log keys entries, but "
		    "no audit.keyfile is set or recorded");
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	return 0;
}

int
audit_verify(struct casefile *cf, struct audit_bad *v, struct cerror *e)
{
	static const char sql[] =
	    "SELECT id, at, actor, coalesce(case_id, 0), action, content,"
	    " content_hash, chain_hash, redacted, rows,"
	    " json_valid(content)," KEYED_SQL " FROM audit ORDER BY id";
	static const char sql2[] =
	    "SELECT id, at, actor, coalesce(case_id, 0), action, content,"
	    " content_hash, chain_hash, redacted, NULL,"
	    " json_valid(content), NULL FROM audit ORDER BY id";
	sqlite3_stmt	*st;
	char		 prev[65], hash[65], rhash[65], path[1024];
	const char	*content, *rows, *stored;
	int64_t		 id, want = 1;
	int		 rc, recorded = 0, keyed = 0, nokey = 0;

	memset(v, 0, sizeof(*v));
	memcpy(prev, genesis, sizeof(prev));
	if ((st = db_prepare(cf, audit_has_rows(cf) ? sql : sql2, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		content = (const char *)sqlite3_column_text(st, 5);
		rows = (const char *)sqlite3_column_text(st, 9);
		stored = (const char *)sqlite3_column_text(st, 7);
		v->entries++;
		if (id != want) {
			v->entry = want;
			cerror_set(e, 1, "audit entry %lld is missing",
			    (long long)want);
			break;
		}
		if (sqlite3_column_type(st, 8) != SQLITE_NULL)
			v->redacted++;
		else {
			audit_sha256(content, (size_t)sqlite3_column_bytes(st,
			    5), hash);
			if (strcmp(hash, (const char *)sqlite3_column_text(st,
			    6)) != 0) {
				v->entry = id;
				cerror_set(e, 1, "audit entry %lld: its content "
				    "does not match its hash", (long long)id);
				break;
			}
		}
		if (rows != NULL) {
			audit_sha256(rows, strlen(rows), rhash);
			recorded = 1;
		} else if (recorded) {
			v->entry = id;
			cerror_set(e, 1, "audit entry %lld has no record of "
			    "its rows, unlike the entries before it",
			    (long long)id);
			break;
		} else if (sqlite3_column_type(st, 8) == SQLITE_NULL &&
		    !sqlite3_column_int(st, 10)) {
			/* Written before schema 5 by a version whose JSON
			 * could be malformed; its hash is over its bytes. */
			v->legacy++;
			if (v->legacy_first == 0)
				v->legacy_first = id;
		}
		if (rows == NULL)
			v->unrecorded++;
		if (sqlite3_column_type(st, 11) != SQLITE_NULL)
			keyed = sqlite3_column_int(st, 11);
		if (keyed) {
			if (v->keyed++ == 0)
				v->keyed_first = id;
			if (cf->key == NULL && !nokey && (key_path(cf, path,
			    sizeof(path), &v->keyerr) != 0 || key_load(cf,
			    path, &v->keyerr) != 0))
				nokey = 1;
			if (nokey) {
				/* Not provable here: take its hash as it is,
				 * to check what can be. */
				v->unproved++;
				strlcpy(prev, stored, sizeof(prev));
				want++;
				continue;
			}
		}
		chain(keyed ? cf->key : NULL, cf->nkey, prev, id,
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int64(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 6),
		    rows != NULL ? rhash : NULL, hash);
		if (strcmp(hash, stored) != 0) {
			v->entry = id;
			if (keyed)
				chain(NULL, 0, prev, id, (const char *)
				    sqlite3_column_text(st, 1), (const char *)
				    sqlite3_column_text(st, 2),
				    sqlite3_column_int64(st, 3), (const char *)
				    sqlite3_column_text(st, 4), (const char *)
				    sqlite3_column_text(st, 6),
				    rows != NULL ? rhash : NULL, hash);
			if (keyed && strcmp(hash, stored) == 0)
				cerror_set(e, 1, "audit entry %lld is keyed, but "
				    "its hash is a plain SHA-256: the log was "
				    "rewritten without the key", (long long)id);
			else if (keyed)
				cerror_set(e, 1, "audit entry %lld: the keyed "
				    "chain is broken (the entry or one before it "
				    "was altered, or the key is not the one it "
				    "was written with)", (long long)id);
			else
				cerror_set(e, 1, "audit entry %lld: the chain is "
				    "broken (the entry or one before it was "
				    "altered)", (long long)id);
			break;
		}
		memcpy(prev, hash, sizeof(prev));
		want++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	memcpy(v->head, prev, sizeof(v->head));
	return 0;
}

int
audit_has_rows(struct casefile *cf)
{
	return sqlite3_table_column_metadata(cf->db, "main", "audit", "rows",
	    NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
}

int
audit_head(struct casefile *cf, int64_t *id, char hash[65], struct cerror *e)
{
	static const char last[] =
	    "SELECT id, chain_hash FROM audit ORDER BY id DESC LIMIT 1";
	static const char one[] =
	    "SELECT id, chain_hash FROM audit WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, *id > 0 ? one : last, e)) == NULL)
		return e->code;
	if (*id > 0)
		sqlite3_bind_int64(st, 1, *id);
	*id = 0;
	hash[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		strlcpy(hash, (const char *)sqlite3_column_text(st, 1), 65);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}
