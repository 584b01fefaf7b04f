/*
 * accounts.c: the accounts of a case.  An account is one party's telling,
 * a list of statements in the order things happened; a retelling by the
 * same party is its next version.  Recordings are kept by path, size and
 * SHA-256 (filehash.c); the file itself is not copied.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define STATEMENT_MAX	4096

static const char *const media[] = {
	"in-person", "phone", "video", "mail", "chat",
};

/* Hash the file at path; fill its absolute path. */
static int
hash_file(const char *path, char *abs, int64_t *size, char hex[65],
    struct cerror *e)
{
	char	 vis[200];

	text_vis(vis, sizeof(vis), path);
	switch (file_sha256(path, abs, size, hex)) {
	case 0:
		return 0;
	case FILE_TYPE:
		return cerror_set(e, EX_DATAERR, "recording %s is not a "
		    "regular file", vis);
	case FILE_READ:
		return cerror_set(e, EX_IOERR, "recording %s: %s", vis,
		    strerror(errno));
	default:
		return cerror_set(e, EX_NOINPUT, "recording %s: %s", vis,
		    strerror(errno));
	}
}

/* The party by default: the customer for a complainant, else the employee. */
static int
default_party(struct casefile *cf, int64_t id, const char *role, char *out,
    size_t size, struct cerror *e)
{
	static const char sql[] = "SELECT coalesce(u.name, u.email, u.phone),"
	    " c.employee FROM cases c LEFT JOIN customers u"
	    " ON u.id = c.customer WHERE c.id = ?";
	sqlite3_stmt	*st;
	const char	*v = NULL;
	int		 rc, col = strcmp(role, "complainant") == 0 ? 0 : 1;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = (const char *)sqlite3_column_text(st, col);
	if (v != NULL)
		strlcpy(out, v, size);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return query_exists(cf, id, e);
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	if (v == NULL)
		return cerror_set(e, EX_USAGE, "case %lld names no %s; give "
		    "the party with -p", (long long)id, col == 0 ?
		    "customer" : "employee");
	return 0;
}

/* Next version of party's account, and whether an employee was heard. */
static int
versions(struct casefile *cf, int64_t id, const char *party, int *version,
    int *employee_heard, struct cerror *e)
{
	static const char sql[] = "SELECT coalesce(max(CASE WHEN party = ?2"
	    " THEN version END), 0) + 1, count(CASE WHEN role = 'employee'"
	    " THEN 1 END) FROM accounts WHERE case_id = ?1";
	sqlite3_stmt	*st;
	int		 rc;

	*version = 1;
	*employee_heard = 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, party, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		*employee_heard = sqlite3_column_int(st, 1) > 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_error(cf, rc, e);
}

static int
check_role(const struct account *a, struct cerror *e)
{
	char	 vis[64];

	if (strcmp(a->role, "employee") != 0 &&
	    strcmp(a->role, "complainant") != 0 &&
	    strcmp(a->role, "witness") != 0)
		return cerror_set(e, EX_USAGE, "role %s: give employee, "
		    "complainant or witness", text_vis(vis, sizeof(vis),
		    a->role));
	return 0;
}

static int
check_account(const struct account *a, struct cerror *e)
{
	char	 vis[64];
	size_t	 i;

	if (a->medium != NULL) {
		for (i = 0; i < sizeof(media) / sizeof(media[0]); i++)
			if (strcmp(a->medium, media[i]) == 0)
				break;
		if (i == sizeof(media) / sizeof(media[0]))
			return cerror_set(e, EX_USAGE, "medium %s: give "
			    "in-person, phone, video, mail or chat",
			    text_vis(vis, sizeof(vis), a->medium));
	}
	if (a->nstatements == 0)
		return cerror_set(e, EX_DATAERR, "the account is empty: give "
		    "the statements, one a line, in the order things "
		    "happened");
	for (i = 0; i < a->nstatements; i++) {
		const char *t = a->statements[i].text;
		if (strlen(t) > STATEMENT_MAX)
			return cerror_set(e, EX_DATAERR, "statement %zu is "
			    "longer than %d bytes", i + 1, STATEMENT_MAX);
		if (!text_utf8ok(t, strlen(t)))
			return cerror_set(e, EX_DATAERR, "statement %zu is not "
			    "valid UTF-8", i + 1);
	}
	for (const char *const *s = (const char *const[]){ a->party,
	    a->interviewer, NULL }; *s != NULL; s++)
		if (strlen(*s) > 256 || !text_utf8ok(*s, strlen(*s)) ||
		    strpbrk(*s, "\t\n\r") != NULL)
			return cerror_set(e, EX_DATAERR, "party and "
			    "interviewer are one line of valid UTF-8, at most "
			    "256 bytes");
	return 0;
}

int
account_record(struct casefile *cf, struct account *a, struct cerror *e)
{
	static const char ins[] = "INSERT INTO accounts (case_id, role, party,"
	    " version, interviewer, taken, medium, created)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	static const char stmt[] = "INSERT INTO statements (account, seq, at,"
	    " text) VALUES (?, ?, ?, ?)";
	static const char rec[] = "INSERT INTO recordings (account, path,"
	    " size, sha256) VALUES (?, ?, ?, ?)";
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 }, note = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 party[257], taken[TIMEFMT_LEN], now[TIMEFMT_LEN];
	char		 abs[PATH_MAX], hex[65];
	int64_t		 size;
	time_t		 t;
	int		 rc, heard = 0;

	a->id = 0;
	a->warn = 0;
	if ((rc = check_role(a, e)) != 0)
		return rc;
	if (a->party == NULL && a->role != NULL &&
	    strcmp(a->role, "witness") == 0)
		return cerror_set(e, EX_USAGE, "a witness needs a name: give "
		    "it with -p");
	if (a->party == NULL) {
		if ((rc = default_party(cf, a->case_id, a->role, party,
		    sizeof(party), e)) != 0)
			return rc;
	} else
		strlcpy(party, a->party, sizeof(party));
	a->party = party;
	if (a->interviewer == NULL)
		a->interviewer = casefile_actor(cf);
	if ((rc = check_account(a, e)) != 0 ||
	    (rc = state_check(cf, a->case_id, V_INTERVIEW, &cs, e)) != 0 ||
	    (rc = versions(cf, a->case_id, party, &a->version, &heard,
	    e)) != 0)
		goto out;
	a->warn = strcmp(a->role, "complainant") == 0 && !heard;
	/* The order of hearing is the procedure's: a departure is argued. */
	if (a->warn && (a->reason == NULL || *a->reason == '\0')) {
		rc = cerror_set(e, EX_DATAERR, "case %lld: no employee has "
		    "been heard; the procedure hears the employee involved "
		    "first: give --reason to hear the complainant first",
		    (long long)a->case_id);
		goto out;
	}
	if (a->warn && (strlen(a->reason) > 1024 ||
	    !text_utf8ok(a->reason, strlen(a->reason)))) {
		rc = cerror_set(e, EX_DATAERR, "--reason is not UTF-8 or is "
		    "longer than 1024 bytes");
		goto out;
	}
	t = casefile_now(cf);
	if (a->when != NULL && timefmt_parse(a->when, t, -1, &t, e) != 0) {
		rc = cerror_prefix(e, EX_DATAERR, "-w");
		goto out;
	}
	timefmt_iso(t, taken);
	timefmt_iso(casefile_now(cf), now);
	if ((st = db_prepare(cf, ins, e)) == NULL) {
		rc = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, a->case_id);
	sqlite3_bind_text(st, 2, a->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, party, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, a->version);
	sqlite3_bind_text(st, 5, a->interviewer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, taken, -1, SQLITE_STATIC);
	db_bind_text(st, 7, a->medium);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		goto out;
	a->id = sqlite3_last_insert_rowid(cf->db);
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", a->case_id);
	rc |= text_json_int(&c, "account", a->id);
	rc |= text_json_str(&c, "role", a->role);
	rc |= text_json_str(&c, "party", party);
	rc |= text_json_int(&c, "version", a->version);
	rc |= text_json_str(&c, "interviewer", a->interviewer);
	rc |= text_json_str(&c, "taken", taken);
	rc |= text_json_str(&c, "medium", a->medium);
	if (a->warn) {
		rc |= text_json_str(&c, "heard_first", "complainant");
		rc |= text_json_str(&c, "reason", a->reason);
		rc |= buf_printf(&note, "heard first: complainant \xe2\x80\x94 "
		    "%s", a->reason);
	}
	rc |= buf_puts(&c, ",\"statements\":[");
	for (size_t i = 0; i < a->nstatements && rc == 0; i++) {
		if ((st = db_prepare(cf, stmt, e)) == NULL) {
			rc = e->code;
			goto out;
		}
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, a->statements[i].at);
		sqlite3_bind_text(st, 4, a->statements[i].text, -1,
		    SQLITE_STATIC);
		if ((rc = db_done(cf, st, e)) != 0)
			goto out;
		/* text_json_* put a comma after the brace; start by hand. */
		rc |= buf_printf(&c, "%s{\"seq\":%lld", i > 0 ? "," : "",
		    (long long)i + 1);
		rc |= text_json_str(&c, "at", a->statements[i].at);
		rc |= text_json_str(&c, "text", a->statements[i].text);
		rc |= buf_puts(&c, "}");
	}
	rc |= buf_puts(&c, "],\"recordings\":[");
	for (size_t i = 0; i < a->nrecordings && rc == 0; i++) {
		if ((rc = hash_file(a->recordings[i], abs, &size, hex,
		    e)) != 0)
			goto out;
		if ((st = db_prepare(cf, rec, e)) == NULL) {
			rc = e->code;
			goto out;
		}
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_text(st, 2, abs, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, size);
		sqlite3_bind_text(st, 4, hex, -1, SQLITE_STATIC);
		if ((rc = db_done(cf, st, e)) != 0)
			goto out;
		rc |= buf_puts(&c, i > 0 ? ",{\"path\":" : "{\"path\":");
		rc |= text_json(&c, abs);
		rc |= text_json_int(&c, "size", size);
		rc |= text_json_str(&c, "sha256", hex);
		rc |= buf_puts(&c, "}");
	}
	rc |= buf_puts(&c, "]}");
	if (rc != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	rc = state_apply(cf, a->case_id, V_INTERVIEW, note.s, c.s, &cs, e);
out:
	buf_free(&c);
	buf_free(&note);
	a->party = NULL;
	return rc;
}

int
account_exists(struct casefile *cf, int64_t id, int64_t *caseid,
    struct cerror *e)
{
	static const char sql[] = "SELECT case_id FROM accounts WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && caseid != NULL)
		*caseid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return cerror_set(e, EX_NOINPUT, "no account %lld", (long long)id);
}

int
account_latest(struct casefile *cf, int64_t id, const char *role,
    int64_t *account, struct cerror *e)
{
	static const char sql[] = "SELECT id FROM accounts WHERE case_id = ?1"
	    " AND role = ?2 ORDER BY taken DESC, version DESC, id DESC LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = query_exists(cf, id, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*account = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return cerror_set(e, EX_DATAERR, "case %lld has no %s account; take "
	    "it with complaint-interview -r %s %lld", (long long)id, role,
	    role, (long long)id);
}

int
account_load(struct casefile *cf, int64_t id, struct told *t,
    struct cerror *e)
{
	static const char head[] = "SELECT case_id, role, party, version"
	    " FROM accounts WHERE id = ?";
	static const char sql[] = "SELECT id, at, text FROM statements"
	    " WHERE account = ? ORDER BY seq";
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	void		*v;
	int		 rc;

	memset(t, 0, sizeof(*t));
	t->account = id;
	if ((rc = account_exists(cf, id, NULL, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, head, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t->case_id = sqlite3_column_int64(st, 0);
		strlcpy(t->role, (const char *)sqlite3_column_text(st, 1),
		    sizeof(t->role));
		t->party = strdup((const char *)sqlite3_column_text(st, 2));
		t->version = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((v = reallocarray(t->st, cap, sizeof(*t->st))) ==
			    NULL)
				break;
			t->st = v;
			if ((v = reallocarray(t->ids, cap, sizeof(*t->ids))) ==
			    NULL)
				break;
			t->ids = v;
		}
		t->ids[t->n] = sqlite3_column_int64(st, 0);
		t->st[t->n].at = sqlite3_column_type(st, 1) == SQLITE_NULL ?
		    NULL : strdup((const char *)sqlite3_column_text(st, 1));
		t->st[t->n].text = strdup((const char *)sqlite3_column_text(st,
		    2));
		if (t->st[t->n].text == NULL)
			break;
		t->n++;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW || t->party == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	return rc == SQLITE_DONE ? 0 : db_error(cf, rc, e);
}

void
account_unload(struct told *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free((char *)t->st[i].at);
		free((char *)t->st[i].text);
	}
	free(t->st);
	free(t->ids);
	free(t->party);
	memset(t, 0, sizeof(*t));
}

int
account_discrepancies(struct casefile *cf, const struct told *a,
    const struct told *b, const struct cmp_result *r, struct cerror *e)
{
	/*
	 * A comparison recorded again keeps the number of each difference
	 * it finds again (D3 stays D3, cited or explained), adds the new
	 * ones and drops those no longer found, unless explained: what
	 * settled a discrepancy stays on the record.
	 */
	static const char find[] = "SELECT id FROM discrepancies"
	    " WHERE case_id = ?1 AND account_a = ?2 AND account_b = ?3"
	    " AND stmt_a IS ?4 AND stmt_b IS ?5 AND mark = ?6"
	    " AND facets IS ?7";
	static const char ins[] = "INSERT INTO discrepancies (case_id, stmt_a,"
	    " stmt_b, mark, facets, created, account_a, account_b)"
	    " VALUES (?1, ?4, ?5, ?6, ?7, ?8, ?2, ?3)";
	static const char old[] = "SELECT id FROM discrepancies"
	    " WHERE case_id = ?1 AND coalesce(account_a,"
	    " (SELECT account FROM statements WHERE id = stmt_a), ?2) = ?2"
	    " AND coalesce(account_b,"
	    " (SELECT account FROM statements WHERE id = stmt_b), ?3) = ?3"
	    " AND id NOT IN (SELECT discrepancy FROM explanations)"
	    " ORDER BY id";
	static const char del[] = "DELETE FROM discrepancies WHERE id = ?";
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN], mark[2] = "";
	int64_t		 n = 0, *keep = NULL, *gone = NULL, *v;
	size_t		 nkeep = 0, ngone = 0, cap = 0;
	int		 rc;

	if ((rc = state_get(cf, a->case_id, cs.from, sizeof(cs.from),
	    e)) != 0)
		return rc;
	if ((keep = reallocarray(NULL, r->n + 1, sizeof(*keep))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	timefmt_iso(casefile_now(cf), now);
	for (size_t i = 0; i < r->n; i++) {
		const struct cmp_pair *p = &r->v[i];

		if (p->mark == '=')
			continue;
		mark[0] = (char)p->mark;
		for (int pass = 0; pass < 2; pass++) {
			if ((st = db_prepare(cf, pass ? ins : find, e)) ==
			    NULL) {
				rc = e->code;
				goto out;
			}
			sqlite3_bind_int64(st, 1, a->case_id);
			sqlite3_bind_int64(st, 2, a->account);
			sqlite3_bind_int64(st, 3, b->account);
			if (p->a >= 0)
				sqlite3_bind_int64(st, 4, a->ids[p->a]);
			if (p->b >= 0)
				sqlite3_bind_int64(st, 5, b->ids[p->b]);
			sqlite3_bind_text(st, 6, mark, -1, SQLITE_TRANSIENT);
			db_bind_text(st, 7, p->facets);
			if (pass) {
				sqlite3_bind_text(st, 8, now, -1,
				    SQLITE_STATIC);
				if ((rc = db_done(cf, st, e)) != 0)
					goto out;
				keep[nkeep++] = sqlite3_last_insert_rowid(
				    cf->db);
				break;
			}
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW)
				keep[nkeep++] = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			if (rc == SQLITE_ROW)
				break;
			if (rc != SQLITE_DONE) {
				rc = db_error(cf, rc, e);
				goto out;
			}
		}
		n++;
	}
	/* The pair's earlier differences not found again, unexplained. */
	if ((st = db_prepare(cf, old, e)) == NULL) {
		rc = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, a->case_id);
	sqlite3_bind_int64(st, 2, a->account);
	sqlite3_bind_int64(st, 3, b->account);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t	 id = sqlite3_column_int64(st, 0);
		size_t	 k;

		for (k = 0; k < nkeep && keep[k] != id; k++)
			;
		if (k < nkeep)
			continue;
		if (ngone == cap) {
			cap = cap ? cap * 2 : 16;
			if ((v = reallocarray(gone, cap, sizeof(*gone))) ==
			    NULL) {
				sqlite3_reset(st);
				rc = cerror_set(e, EX_OSERR, "out of memory");
				goto out;
			}
			gone = v;
		}
		gone[ngone++] = id;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	for (size_t k = 0; k < ngone; k++) {
		if ((st = db_prepare(cf, del, e)) == NULL) {
			rc = e->code;
			goto out;
		}
		sqlite3_bind_int64(st, 1, gone[k]);
		if ((rc = db_done(cf, st, e)) != 0)
			goto out;
	}
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", a->case_id);
	rc |= text_json_int(&c, "account_a", a->account);
	rc |= text_json_int(&c, "account_b", b->account);
	rc |= text_json_int(&c, "discrepancies", n);
	rc |= buf_puts(&c, "}");
	if (rc != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = case_event(cf, a->case_id, "compare", cs.from, cs.from,
		    NULL, c.s, e);
out:
	buf_free(&c);
	free(keep);
	free(gone);
	return rc;
}
