/*
 * audit.c: the append-only audit log and its SHA-256 hash chain.
 *
 * Each entry hashes its content on its own (content_hash), and the chain
 * hashes the entry's metadata with content_hash and the previous chain hash.
 * Redacting an entry replaces only its content, so the chain still verifies
 * and the entry shows as redacted instead of breaking everything after it.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include <sha2.h>
#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

static const char genesis[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";

void
audit_sha256(const void *p, size_t n, char hex[65])
{
	SHA2_CTX	 ctx;

	SHA256Init(&ctx);
	SHA256Update(&ctx, p, n);
	SHA256End(&ctx, hex);
}

/* The chain hash of one entry, given the chain hash of the one before. */
static void
chain(const char *prev, int64_t id, const char *at, const char *actor,
    int64_t caseid, const char *action, const char *chash, char out[65])
{
	SHA2_CTX	 ctx;
	char		 num[48];

	SHA256Init(&ctx);
#define PART(s)	do {							\
	SHA256Update(&ctx, (const void *)(s), strlen(s));		\
	SHA256Update(&ctx, (const void *)"\n", 1);			\
} while (0)
	PART(prev);
	snprintf(num, sizeof(num), "%lld", (long long)id);
	PART(num);
	PART(at);
	PART(actor);
	snprintf(num, sizeof(num), "%lld", (long long)caseid);
	PART(num);
	PART(action);
	PART(chash);
#undef PART
	SHA256End(&ctx, out);
}

int
audit_append(struct casefile *cf, int64_t caseid, const char *action,
    const char *content, struct cerror *e)
{
	static const char last[] =
	    "SELECT id, chain_hash FROM audit ORDER BY id DESC LIMIT 1";
	static const char ins[] =
	    "INSERT INTO audit (id, at, actor, case_id, action, content,"
	    " content_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	char		 prev[65], chash[65], hash[65], at[TIMEFMT_LEN];
	int64_t		 id = 1;
	int		 rc;

	memcpy(prev, genesis, sizeof(prev));
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

	timefmt_iso(casefile_now(cf), at);
	audit_sha256(content, strlen(content), chash);
	chain(prev, id, at, casefile_actor(cf), caseid, action, chash, hash);
	if ((st = db_prepare(cf, ins, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, casefile_actor(cf), -1, SQLITE_STATIC);
	if (caseid > 0)
		sqlite3_bind_int64(st, 4, caseid);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, content, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, chash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, hash, -1, SQLITE_STATIC);
	return db_done(cf, st, e);
}

int
audit_verify(struct casefile *cf, struct audit_bad *v, struct cerror *e)
{
	static const char sql[] =
	    "SELECT id, at, actor, ifnull(case_id, 0), action, content,"
	    " content_hash, chain_hash, redacted FROM audit ORDER BY id";
	sqlite3_stmt	*st;
	char		 prev[65], hash[65];
	const char	*content;
	int64_t		 id, want = 1;
	int		 rc;

	memset(v, 0, sizeof(*v));
	memcpy(prev, genesis, sizeof(prev));
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		content = (const char *)sqlite3_column_text(st, 5);
		v->entries++;
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
		if (id != want) {
			v->entry = want;
			cerror_set(e, 1, "audit entry %lld is missing",
			    (long long)want);
			break;
		}
		chain(prev, id, (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    sqlite3_column_int64(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 6), hash);
		if (strcmp(hash, (const char *)sqlite3_column_text(st, 7)) !=
		    0) {
			v->entry = id;
			cerror_set(e, 1, "audit entry %lld: the chain is broken "
			    "(the entry or one before it was altered)",
			    (long long)id);
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
