/*
 * resolve.c: every step after intake.  Each checks the step against the
 * state table first, writes what the step records, then moves the case
 * through state_apply, all in the caller's one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define NOTE_MAX	4096
#define ANON		"(anonymised)"

/* A note or reason: valid UTF-8, not too long. */
static int
check_text(const char *what, const char *s, int needed, struct cerror *e)
{
	if (s == NULL || *s == '\0') {
		if (needed)
			return cerror_set(e, EX_USAGE, "%s is needed: give "
			    "it with -m", what);
		return 0;
	}
	if (strlen(s) > NOTE_MAX)
		return cerror_set(e, EX_DATAERR, "%s is longer than %d bytes",
		    what, NOTE_MAX);
	if (!text_utf8ok(s, strlen(s)))
		return cerror_set(e, EX_DATAERR, "%s is not valid UTF-8", what);
	return 0;
}

/*
 * Stop the resolve clock of case id, once: the customer agreed to a
 * remedy, or a decision was recorded (by names which).
 */
static int
settle(struct casefile *cf, int64_t id, const char *by, struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET settled = ?2,"
	    " settled_by = ?3 WHERE id = ?1 AND settled IS NULL";
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
	return db_done(cf, st, e);
}

/* {"case":id,"k1":"v1",...}: the audit content of a step. */
static int
content(struct buf *b, int64_t id, const char *k1, const char *v1,
    const char *k2, const char *v2)
{
	int	 rc = 0;

	buf_reset(b);
	rc |= buf_puts(b, "{");
	rc |= text_json_int(b, "case", id);
	if (k1 != NULL)
		rc |= text_json_str(b, k1, v1);
	if (k2 != NULL)
		rc |= text_json_str(b, k2, v2);
	rc |= buf_puts(b, "}");
	return rc;
}

/*
 * Run each statement of sql with ?1 = a, ?2 = b (when not 0) and ?3 the
 * command's time: the fixed steps of a merge or an anonymisation.  (A
 * named parameter would take the index of a numbered one after it.)
 */
static int
run_each(struct casefile *cf, const char *const *sql, size_t n, int64_t a,
    int64_t b, struct cerror *e)
{
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	int		 rc;

	timefmt_iso(casefile_now(cf), now);
	for (size_t i = 0; i < n; i++) {
		if ((st = db_prepare(cf, sql[i], e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, a);
		if (b != 0)
			sqlite3_bind_int64(st, 2, b);
		if (sqlite3_bind_parameter_count(st) >= 3)
			sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	return 0;
}

/* Take the step, with the audit content built in c (built: 0 when it
 * was); free c. */
static int
take(struct casefile *cf, int64_t id, int verb, const char *note,
    struct buf *c, int built, struct casestate *cs, struct cerror *e)
{
	int	 rc;

	if (built != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = state_apply(cf, id, verb, note, c->s, cs, e);
	buf_free(c);
	return rc;
}

/* Check, record with sql bound to (id, now, a, b), and take the step. */
static int
step(struct casefile *cf, int64_t id, int verb, const char *sql,
    const char *a, const char *b, const char *note, const char *k1,
    const char *k2, struct cerror *e)
{
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	int		 rc;

	if ((rc = state_check(cf, id, verb, &cs, e)) != 0)
		return rc;
	if (sql != NULL) {
		if ((st = db_prepare(cf, sql, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, timefmt_iso(casefile_now(cf), now),
		    -1, SQLITE_TRANSIENT);
		db_bind_text(st, 3, a);
		db_bind_text(st, 4, b);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	if (content(&c, id, k1, a, k2, b) != 0 ||
	    (note != NULL && k1 == NULL && content(&c, id, "note", note,
	    NULL, NULL) != 0)) {
		buf_free(&c);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	rc = state_apply(cf, id, verb, note, c.s, &cs, e);
	buf_free(&c);
	return rc;
}

int
resolve_ack(struct casefile *cf, int64_t id, const char *note,
    struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET acked = coalesce(acked, ?2)"
	    " WHERE id = ?1";
	int	 rc;

	if ((rc = check_text("note", note, 0, e)) != 0)
		return rc;
	return step(cf, id, V_ACK, sql, NULL, NULL, note, NULL, NULL, e);
}

int
resolve_assign(struct casefile *cf, int64_t id, const char *who,
    struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET assignee = ?3"
	    " WHERE id = ?1";
	int	 rc;

	if ((rc = check_text("assignee", who, 1, e)) != 0)
		return rc;
	if (strlen(who) > 64 || strpbrk(who, "\t\n\r") != NULL)
		return cerror_set(e, EX_DATAERR, "assignee must be one line "
		    "of at most 64 bytes");
	return step(cf, id, V_ASSIGN, sql, who, NULL, NULL, "assignee", NULL,
	    e);
}

int
resolve_wait(struct casefile *cf, int64_t id, const char *note,
    struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET paused = ?2 WHERE id = ?1";
	int	 rc;

	if ((rc = check_text("note", note, 0, e)) != 0)
		return rc;
	return step(cf, id, V_WAIT, sql, NULL, NULL, note, NULL, NULL, e);
}

int
resolve_dismiss(struct casefile *cf, int64_t id, const char *reason,
    struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET closed = ?2 WHERE id = ?1";
	int	 rc;

	if ((rc = check_text("a reason", reason, 1, e)) != 0)
		return rc;
	return step(cf, id, V_DISMISS, sql, reason, NULL, reason, "reason",
	    NULL, e);
}

/* Is cause one of the setting causes? Add it when add is set. */
static int
check_cause(struct casefile *cf, const char *cause, int add, int *added,
    struct cerror *e)
{
	static const char sql[] =
	    "UPDATE settings SET value = value || ',' || ? WHERE key = 'causes'";
	sqlite3_stmt	*st;
	char		 list[4096], vis[80], *p, *tok, *save = NULL;
	int		 rc;

	*added = 0;
	if (casefile_setting(cf, "causes", list, sizeof(list), e) != 0)
		*list = '\0';
	for (p = list; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL)
		if (strcmp(tok, cause) == 0)
			return 0;
	if (!add)
		return cerror_set(e, EX_DATAERR, "no cause %s; give one of "
		    "the causes setting, or add it with --new-cause",
		    text_vis(vis, sizeof(vis), cause));
	for (const char *c = cause; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '-'))
			return cerror_set(e, EX_DATAERR, "a new cause is a "
			    "word of a-z, 0-9 and -, like late-delivery");
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_text(st, 1, cause, -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	*added = 1;
	return 0;
}

int
resolve_close(struct casefile *cf, int64_t id, const char *cause,
    const char *lesson, int newcause, struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET closed = ?2, cause = ?3,"
	    " lesson = ?4, paused = NULL WHERE id = ?1";
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 }, note = { NULL, 0, 0 };
	int		 rc, added;

	if (cause == NULL || *cause == '\0')
		return cerror_set(e, EX_USAGE, "a cause is needed: give it "
		    "with --cause");
	if ((rc = check_text("lesson", lesson, 0, e)) != 0 ||
	    (rc = state_check(cf, id, V_CLOSE, &cs, e)) != 0 ||
	    (rc = check_cause(cf, cause, newcause, &added, e)) != 0)
		return rc;
	if (added) {
		if (content(&c, 0, "cause", cause, NULL, NULL) == 0)
			rc = audit_append(cf, 0, "new-cause", c.s + 0, e);
		buf_free(&c);
		if (rc != 0)
			return rc;
	}
	/* The timeline names each close's cause: a reopen keeps them all. */
	if (buf_puts(&note, cause) != 0 || (lesson != NULL && *lesson != '\0'
	    && buf_printf(&note, ": %s", lesson) != 0)) {
		buf_free(&note);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	rc = step(cf, id, V_CLOSE, sql, cause, lesson, note.s, "cause",
	    "lesson", e);
	buf_free(&note);
	return rc;
}

int
resolve_reopen(struct casefile *cf, int64_t id, const char *reason,
    struct cerror *e)
{
	/* The earlier close's cause and lesson stay until the next close;
	 * the clock runs again. */
	static const char sql[] = "UPDATE cases SET closed = NULL,"
	    " settled = NULL, settled_by = NULL WHERE id = ?1";
	int	 rc;

	if ((rc = check_text("a reason", reason, 1, e)) != 0)
		return rc;
	return step(cf, id, V_REOPEN, sql, reason, NULL, reason, "reason",
	    NULL, e);
}

int
resolve_propose(struct casefile *cf, struct offer *o, struct cerror *e)
{
	static const char ins[] = "INSERT INTO proposals (case_id, kind,"
	    " amount, currency, note, expires, approved_by, created, actor)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	struct casestate cs;
	struct money	 m, limit;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 cur[8], lim[64], vis[64], amount[MONEY_LEN];
	char		 now[TIMEFMT_LEN], exp[TIMEFMT_LEN], kinds[256];
	time_t		 t;
	int		 rc;

	if (facts_find(facts_offer_kinds, o->kind) < 0)
		return cerror_set(e, EX_DATAERR, "no kind of offer %s; give "
		    "%s", text_vis(vis, sizeof(vis), o->kind),
		    facts_join(facts_offer_kinds, kinds, sizeof(kinds)));
	if ((rc = check_text("note", o->note, 0, e)) != 0 ||
	    (o->approved_by != NULL &&
	    (rc = check_text("approver", o->approved_by, 0, e)) != 0) ||
	    (rc = state_check(cf, o->case_id, V_PROPOSE, &cs, e)) != 0)
		return rc;
	if (casefile_setting(cf, "currency", cur, sizeof(cur), e) != 0)
		return e->code;
	if (o->amount != NULL) {
		if (money_parse(o->amount, cur, 0, &m, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "amount");
		if (casefile_setting(cf, "offer.approval_limit", lim,
		    sizeof(lim), e) == 0 && money_parse(lim, cur, 0, &limit,
		    e) == 0 && o->approved_by == NULL &&
		    (strcmp(m.cur, limit.cur) != 0 || m.minor > limit.minor))
			return cerror_set(e, EX_DATAERR, "an offer of %s is "
			    "above the approval limit (%s); give --approved-by "
			    "WHO", money_format(&m, amount),
			    money_format(&limit, lim));
	}
	*exp = '\0';
	if (o->expires != NULL) {
		if (timefmt_parse(o->expires, casefile_now(cf), 1, &t, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "--expires");
		if (t <= casefile_now(cf))
			return cerror_set(e, EX_DATAERR, "--expires: %s is "
			    "not in the future", o->expires);
		timefmt_iso(t, exp);
	}
	if ((st = db_prepare(cf, ins, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, o->case_id);
	sqlite3_bind_text(st, 2, o->kind, -1, SQLITE_STATIC);
	if (o->amount != NULL) {
		sqlite3_bind_int64(st, 3, m.minor);
		sqlite3_bind_text(st, 4, m.cur, -1, SQLITE_TRANSIENT);
	}
	db_bind_text(st, 5, o->note);
	db_bind_text(st, 6, exp);
	db_bind_text(st, 7, o->approved_by);
	sqlite3_bind_text(st, 8, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, casefile_actor(cf), -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	o->id = sqlite3_last_insert_rowid(cf->db);
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", o->case_id);
	rc |= text_json_int(&c, "proposal", o->id);
	rc |= text_json_str(&c, "kind", o->kind);
	if (o->amount != NULL)
		rc |= text_json_str(&c, "amount", money_format(&m, amount));
	rc |= text_json_str(&c, "expires", exp);
	rc |= text_json_str(&c, "approved_by", o->approved_by);
	rc |= text_json_str(&c, "note", o->note);
	rc |= buf_puts(&c, "}");
	if (rc != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = state_apply(cf, o->case_id, V_PROPOSE, o->note, c.s, &cs,
		    e);
	buf_free(&c);
	return rc;
}

/*
 * Proposal pid of case id, to be answered: open (not answered, not
 * expired).  Otherwise a refusal naming the open ones.  Expired offers
 * are recorded as such before this is asked (offer_expire).
 */
static int
open_offer(struct casefile *cf, int64_t id, int64_t pid, char *cur,
    struct cerror *e)
{
	static const char sql[] = "SELECT coalesce(currency, ''), answer,"
	    " coalesce(expires, '') FROM proposals WHERE case_id = ?1 AND id = ?2";
	struct buf	 list = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 answer[16] = "", exp[TIMEFMT_LEN] = "";
	int64_t		 first;
	int		 rc, n;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strlcpy(cur, (const char *)sqlite3_column_text(st, 0), 4);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			strlcpy(answer, (const char *)sqlite3_column_text(st,
			    1), sizeof(answer));
		strlcpy(exp, (const char *)sqlite3_column_text(st, 2),
		    sizeof(exp));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	if (rc == SQLITE_ROW && *answer == '\0')
		return 0;
	if (rc == SQLITE_ROW && strcmp(answer, "expired") == 0)
		return cerror_set(e, EX_DATAERR, "proposal %lld of case %lld "
		    "expired at %s; make a new offer", (long long)pid,
		    (long long)id, exp);
	if ((rc = offer_open(cf, id, &list, &n, &first, e)) == 0)
		rc = cerror_set(e, EX_DATAERR, "case %lld has no open proposal "
		    "%lld; %s%s", (long long)id, (long long)pid,
		    n > 0 ? "the open ones: " : "none is open: propose one "
		    "first", n > 0 ? list.s : "");
	buf_free(&list);
	return rc;
}

/* With no proposal named: the one open, else a refusal listing them. */
static int
only_offer(struct casefile *cf, int64_t id, int verb, int64_t *pid,
    struct cerror *e)
{
	struct buf	 list = { NULL, 0, 0 };
	int		 rc, n;

	if ((rc = offer_open(cf, id, &list, &n, pid, e)) != 0)
		goto out;
	if (n == 0)
		rc = cerror_set(e, EX_DATAERR, "case %lld has no open proposal; "
		    "propose one first", (long long)id);
	else if (n > 1)
		rc = cerror_set(e, EX_DATAERR, "case %lld has %d open "
		    "proposals: %s; name %s (%s %lld PROPOSAL%s)",
		    (long long)id, n, list.s, verb == V_COUNTER ? "the one "
		    "countered" : "one or more", state_verb_name(verb),
		    (long long)id, verb == V_COUNTER ? " AMOUNT" : "...");
out:
	buf_free(&list);
	return rc;
}

int
resolve_answer(struct casefile *cf, int64_t id, int64_t *pids, size_t *np,
    int verb, const char *amount, const char *note, struct cerror *e)
{
	/* The answer's note goes on the timeline; the offer keeps its own. */
	static const char sql[] = "UPDATE proposals SET answer = ?2,"
	    " answered = ?3, counter = ?4 WHERE id = ?1";
	static const char *const answers[] = { "accepted", "declined",
	    "countered" };
	const char	*answer = answers[verb == V_ACCEPT ? 0 :
			    verb == V_DECLINE ? 1 : 2];
	struct casestate cs;
	struct money	 m;
	struct buf	 c = { NULL, 0, 0 }, list = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 cur[8] = "", now[TIMEFMT_LEN], money[MONEY_LEN];
	const char	*to = NULL;
	int64_t		 first;
	int		 rc, left;

	if ((rc = check_text("note", note, 0, e)) != 0 ||
	    (rc = state_check(cf, id, verb, &cs, e)) != 0 ||
	    (rc = offer_expire(cf, id, e)) != 0)
		return rc;
	if (*np == 0) {
		if ((rc = only_offer(cf, id, verb, &pids[0], e)) != 0)
			return rc;
		*np = 1;
	}
	if (verb == V_COUNTER && *np != 1)
		return cerror_set(e, EX_USAGE, "counter answers one proposal");
	for (size_t i = 0; i < *np; i++) {
		for (size_t j = 0; j < i; j++)
			if (pids[j] == pids[i])
				return cerror_set(e, EX_USAGE, "proposal %lld "
				    "is named twice", (long long)pids[i]);
		if ((rc = open_offer(cf, id, pids[i], cur, e)) != 0)
			return rc;
	}
	timefmt_iso(casefile_now(cf), now);
	if (verb == V_COUNTER) {
		if (amount == NULL)
			return cerror_set(e, EX_USAGE, "counter needs the "
			    "amount the customer asks for");
		if (*cur == '\0' && casefile_setting(cf, "currency", cur,
		    sizeof(cur), e) != 0)
			return e->code;
		if (money_parse(amount, cur, 0, &m, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "amount");
	}
	for (size_t i = 0; i < *np; i++) {
		if ((st = db_prepare(cf, sql, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, pids[i]);
		sqlite3_bind_text(st, 2, answer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
		if (verb == V_COUNTER)
			sqlite3_bind_int64(st, 4, m.minor);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	/* A decline leaves the case proposed while other offers are open. */
	if (verb == V_DECLINE) {
		rc = offer_open(cf, id, &list, &left, &first, e);
		buf_free(&list);
		if (rc != 0)
			return rc;
		if (left > 0)
			to = cs.waiting ? NULL : cs.from;
	}
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", id);
	rc |= buf_puts(&c, ",\"proposals\":[");
	for (size_t i = 0; i < *np; i++)
		rc |= buf_printf(&c, "%s%lld", i ? "," : "",
		    (long long)pids[i]);
	rc |= buf_puts(&c, "]");
	rc |= text_json_str(&c, "answer", answer);
	if (verb == V_COUNTER)
		rc |= text_json_str(&c, "counter", money_format(&m, money));
	rc |= text_json_str(&c, "note", note);
	rc |= buf_puts(&c, "}");
	if (rc != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else if (verb != V_ACCEPT || (rc = settle(cf, id, "agreed", e)) == 0)
		rc = state_apply_to(cf, id, verb, to, note, c.s, &cs, e);
	buf_free(&c);
	return rc;
}

int
resolve_escalate(struct casefile *cf, int64_t id, const char *team,
    const char *reason, const char *ticket, struct cerror *e)
{
	static const char sql[] = "INSERT INTO escalations (case_id, team,"
	    " reason, ticket, at, actor) VALUES (?, ?, ?, ?, ?, ?)";
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	int		 rc;

	if ((rc = check_text("a reason", reason, 1, e)) != 0 ||
	    (rc = check_text("team", team, 0, e)) != 0 ||
	    (rc = check_text("ticket", ticket, 0, e)) != 0 ||
	    (rc = state_check(cf, id, V_ESCALATE, &cs, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, team);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	db_bind_text(st, 4, ticket);
	sqlite3_bind_text(st, 5, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 6, casefile_actor(cf), -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", id);
	rc |= text_json_str(&c, "team", team);
	rc |= text_json_str(&c, "reason", reason);
	rc |= text_json_str(&c, "ticket", ticket);
	rc |= buf_puts(&c, "}");
	return take(cf, id, V_ESCALATE, reason, &c, rc, &cs, e);
}

/* 1 when the case holds an employee's and a complainant's account. */
static int
both_heard(struct casefile *cf, int64_t id, int *both, struct cerror *e)
{
	static const char sql[] = "SELECT count(DISTINCT role) FROM accounts"
	    " WHERE case_id = ? AND role IN ('employee', 'complainant')";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	*both = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 2;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_error(cf, rc, e);
}

int
resolve_decide(struct casefile *cf, int64_t id, const char *favour,
    const char *rationale, int *warn, struct cerror *e)
{
	static const char sql[] = "INSERT INTO decisions (case_id, favour,"
	    " rationale, at, actor) VALUES (?, ?, ?, ?, ?)";
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN], vis[64];
	int		 rc, both;

	*warn = 0;
	if (strcmp(favour, "customer") != 0 && strcmp(favour, "company") != 0 &&
	    strcmp(favour, "both") != 0)
		return cerror_set(e, EX_USAGE, "--favour %s: give customer, "
		    "company or both", text_vis(vis, sizeof(vis), favour));
	if ((rc = check_text("a rationale", rationale, 1, e)) != 0 ||
	    (rc = state_check(cf, id, V_DECIDE, &cs, e)) != 0 ||
	    (rc = both_heard(cf, id, &both, e)) != 0)
		return rc;
	*warn = strcmp(favour, "customer") != 0 && !both;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, favour, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, rationale, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 5, casefile_actor(cf), -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0 ||
	    (rc = settle(cf, id, "decided", e)) != 0)
		return rc;
	rc = content(&c, id, "favour", favour, "rationale", rationale);
	return take(cf, id, V_DECIDE, rationale, &c, rc, &cs, e);
}

int
resolve_followup(struct casefile *cf, int64_t id, const char *due,
    struct cerror *e)
{
	static const char sql[] = "INSERT INTO followups (case_id, due, actor)"
	    " SELECT ?1, ?3, ?4";
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = state_check(cf, id, V_FOLLOWUP, &cs, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 3, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, casefile_actor(cf), -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	rc = content(&c, id, "due", due, NULL, NULL);
	return take(cf, id, V_FOLLOWUP, NULL, &c, rc, &cs, e);
}

int
resolve_followup_done(struct casefile *cf, int64_t id, int satisfied,
    int score, int reopen, const char *note, struct cerror *e)
{
	/* An unhappy customer of a closed case: the case is looked at again. */
	static const char review[] = "UPDATE cases SET flags ="
	    " CASE WHEN coalesce(flags, '') = '' THEN 'review'"
	    " WHEN instr(',' || flags || ',', ',review,') > 0 THEN flags"
	    " ELSE flags || ',review' END WHERE id = ?1";
	/* The earliest follow-up still to do, else a new one done now. */
	static const char upd[] = "UPDATE followups SET done = ?2,"
	    " satisfied = ?3, score = ?4, note = ?5 WHERE id = (SELECT id"
	    " FROM followups WHERE case_id = ?1 AND done IS NULL"
	    " ORDER BY due, id LIMIT 1)";
	static const char ins[] = "INSERT INTO followups (case_id, due, done,"
	    " satisfied, score, note, actor) VALUES (?1, ?2, ?2, ?3, ?4, ?5,"
	    " ?6)";
	struct casestate cs;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	int		 rc, verb = satisfied == 0 ? V_UNSATISFIED : V_SATISFIED;

	if (score != 0 && (score < 1 || score > 5))
		return cerror_set(e, EX_DATAERR, "--score %d: give a whole "
		    "number from 1 to 5", score);
	if (reopen && satisfied != 0)
		return cerror_set(e, EX_USAGE, "--reopen goes with "
		    "--satisfied no");
	if ((rc = check_text("note", note, 0, e)) != 0 ||
	    (rc = state_check(cf, id, verb, &cs, e)) != 0)
		return rc;
	if (reopen && strcmp(cs.from, "closed") != 0)
		return cerror_set(e, EX_DATAERR, "case %lld is %s, not "
		    "closed; --reopen is for a closed case", (long long)id,
		    cs.from);
	timefmt_iso(casefile_now(cf), now);
	for (int pass = 0; pass < 2; pass++) {
		if ((st = db_prepare(cf, pass ? ins : upd, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		if (satisfied >= 0)
			sqlite3_bind_int(st, 3, satisfied);
		if (score > 0)
			sqlite3_bind_int(st, 4, score);
		db_bind_text(st, 5, note);
		if (pass)
			sqlite3_bind_text(st, 6, casefile_actor(cf), -1,
			    SQLITE_STATIC);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
		if (sqlite3_changes(cf->db) > 0)
			break;
	}
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", id);
	if (satisfied >= 0)
		rc |= text_json_str(&c, "satisfied", satisfied ? "yes" : "no");
	if (score > 0)
		rc |= text_json_int(&c, "score", score);
	rc |= text_json_str(&c, "note", note);
	rc |= buf_puts(&c, "}");
	if ((rc = take(cf, id, verb, note, &c, rc, &cs, e)) != 0 ||
	    satisfied != 0 || strcmp(cs.from, "closed") != 0)
		return rc;
	if (reopen)
		return resolve_reopen(cf, id, note != NULL && *note != '\0' ?
		    note : "the customer is not satisfied", e);
	if ((st = db_prepare(cf, review, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	return db_done(cf, st, e);
}

int
resolve_merge(struct casefile *cf, int64_t id, int64_t dup,
    struct cerror *e)
{
	/* What a duplicate holds moves to the case that stays. */
	/*
	 * A party's accounts follow theirs on the kept case as the next
	 * versions, numbered negative first so that no step of the update
	 * meets a version still in place.  A reminded mark goes with its
	 * follow-up, or the next due --mark reminds it again.
	 */
	static const char *const moves[] = {
		"UPDATE accounts SET version = -(version + (SELECT"
		    " coalesce(max(k.version), 0) FROM accounts k"
		    " WHERE k.case_id = ?1 AND k.party = accounts.party))"
		    " WHERE case_id = ?2",
		"UPDATE accounts SET case_id = ?1, version = -version"
		    " WHERE case_id = ?2",
		"INSERT OR IGNORE INTO reminders (case_id, kind, due, sent)"
		    " SELECT ?1, r.kind, r.due, r.sent FROM reminders r"
		    " WHERE r.case_id = ?2 AND r.kind = 'follow-up'"
		    " AND r.due IN (SELECT due FROM followups"
		    " WHERE case_id = ?2)",
		"UPDATE proposals SET case_id = ?1 WHERE case_id = ?2",
		"UPDATE escalations SET case_id = ?1 WHERE case_id = ?2",
		"UPDATE decisions SET case_id = ?1 WHERE case_id = ?2",
		"UPDATE followups SET case_id = ?1 WHERE case_id = ?2",
		"UPDATE discrepancies SET case_id = ?1 WHERE case_id = ?2",
		"INSERT OR IGNORE INTO tags (case_id, tag)"
		    " SELECT ?1, tag FROM tags WHERE case_id = ?2",
		"DELETE FROM tags WHERE case_id = ?2",
		"UPDATE cases SET merged_into = ?1, closed = ?3,"
		    " paused = NULL WHERE id = ?2",
	};
	struct casestate cs, keep;
	struct buf	 c = { NULL, 0, 0 };
	int		 rc;

	if (id == dup)
		return cerror_set(e, EX_DATAERR, "case %lld cannot be merged "
		    "into itself", (long long)id);
	if ((rc = state_check(cf, id, V_ASSIGN, &keep, e)) != 0)
		return cerror_prefix(e, rc, "the case to keep");
	if ((rc = state_check(cf, dup, V_MERGE, &cs, e)) != 0)
		return rc;
	if ((rc = run_each(cf, moves, sizeof(moves) / sizeof(moves[0]), id,
	    dup, e)) != 0)
		return rc;
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", dup);
	rc |= text_json_int(&c, "merged_into", id);
	rc |= buf_puts(&c, "}");
	if (rc == 0 && (rc = state_apply(cf, dup, V_MERGE, NULL, c.s, &cs,
	    e)) == 0) {
		buf_reset(&c);
		rc = buf_puts(&c, "{");
		rc |= text_json_int(&c, "case", id);
		rc |= text_json_int(&c, "merged", dup);
		rc |= buf_puts(&c, "}");
		if (rc == 0)
			rc = case_event(cf, id, "merge", keep.from, keep.from,
			    NULL, c.s, e);
	}
	if (rc > 0 && e->code == 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	buf_free(&c);
	return rc;
}

int
resolve_customer(struct casefile *cf, const char *who, int64_t *cid,
    int64_t *ncases, struct buf *label, struct cerror *e)
{
	static const char sql[] = "SELECT u.id, coalesce(u.name, u.email,"
	    " u.phone, ''), (SELECT count(*) FROM cases WHERE customer = u.id)"
	    " FROM customers u WHERE u.id IN " SQL_CUSTOMER("?1")
	    " ORDER BY u.id LIMIT 2";
	sqlite3_stmt	*st;
	char		 vis[80];
	int		 rc, n = 0;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_text(st, 1, who, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ > 0)
			break;
		*cid = sqlite3_column_int64(st, 0);
		buf_puts(label, (const char *)sqlite3_column_text(st, 1));
		*ncases = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	if (n == 0)
		return cerror_set(e, EX_NOINPUT, "no customer %s",
		    text_vis(vis, sizeof(vis), who));
	if (n > 1)
		return cerror_set(e, EX_DATAERR, "%s names more than one "
		    "customer; give the customer's id",
		    text_vis(vis, sizeof(vis), who));
	return 0;
}

int
resolve_merge_customer(struct casefile *cf, int64_t keep, int64_t dup,
    int64_t *moved, struct cerror *e)
{
	/*
	 * The kept customer gains the contacts it lacks; the other's cases
	 * move to it, the flags that asked for this merge go, and the other
	 * customer goes: its contacts stay in the log.
	 */
	static const char *const moves[] = {
		"UPDATE customers SET"
		    " name = coalesce(name, (SELECT name FROM customers"
		    "  WHERE id = ?2)),"
		    " email = coalesce(email, (SELECT email FROM customers"
		    "  WHERE id = ?2)),"
		    " phone = coalesce(phone, (SELECT phone FROM customers"
		    "  WHERE id = ?2)),"
		    " lang = coalesce(lang, (SELECT lang FROM customers"
		    "  WHERE id = ?2)) WHERE id = ?1",
		"UPDATE cases SET customer = ?1 WHERE customer = ?2",
		"UPDATE cases SET flags = nullif(trim(replace(replace("
		    " ',' || flags || ',', ',merge-customer:' || ?1 || ',',"
		    " ','), ',merge-customer:' || ?2 || ',', ','), ','), '')"
		    " WHERE customer = ?1 AND flags LIKE '%merge-customer:%'",
		"DELETE FROM customers WHERE id = ?2",
	};
	static const char get[] = "SELECT name, email, phone, anonymised"
	    " IS NOT NULL, (SELECT anonymised IS NOT NULL FROM customers"
	    " WHERE id = ?1) FROM customers WHERE id = ?2";
	static const char cases[] = "SELECT id FROM cases WHERE customer = ?"
	    " ORDER BY id";
	struct buf	 c = { NULL, 0, 0 }, ev = { NULL, 0, 0 };
	struct ids	 ids = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	int64_t		*v;
	char		 note[96];
	int		 rc;

	*moved = 0;
	if (keep == dup)
		return cerror_set(e, EX_DATAERR, "customer %lld cannot be "
		    "merged into itself", (long long)keep);
	if ((st = db_prepare(cf, get, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, keep);
	sqlite3_bind_int64(st, 2, dup);
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "customer", keep);
	rc |= text_json_int(&c, "merged", dup);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 3) || sqlite3_column_int(st, 4)) {
			sqlite3_reset(st);
			buf_free(&c);
			return cerror_set(e, EX_DATAERR, "customer %lld is "
			    "anonymised; it cannot be merged",
			    (long long)(sqlite3_column_int(st, 4) ? keep :
			    dup));
		}
		rc |= text_json_str(&c, "name",
		    (const char *)sqlite3_column_text(st, 0));
		rc |= text_json_str(&c, "email",
		    (const char *)sqlite3_column_text(st, 1));
		rc |= text_json_str(&c, "phone",
		    (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if ((st = db_prepare(cf, cases, e)) == NULL) {
		buf_free(&c);
		return e->code;
	}
	sqlite3_bind_int64(st, 1, dup);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		if (ids.n == ids.cap) {
			ids.cap = ids.cap ? ids.cap * 2 : 16;
			if ((v = reallocarray(ids.v, ids.cap,
			    sizeof(*v))) == NULL) {
				rc = 1;
				break;
			}
			ids.v = v;
		}
		ids.v[ids.n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	rc |= buf_puts(&c, ",\"cases\":[");
	for (size_t i = 0; i < ids.n; i++)
		rc |= buf_printf(&c, "%s%lld", i > 0 ? "," : "",
		    (long long)ids.v[i]);
	rc |= buf_puts(&c, "]}");
	if (rc != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if ((rc = run_each(cf, moves, sizeof(moves) / sizeof(moves[0]), keep,
	    dup, e)) != 0 ||
	    (rc = audit_append(cf, 0, "merge-customer", c.s, e)) != 0)
		goto out;
	snprintf(note, sizeof(note), "customer %lld merged into %lld",
	    (long long)dup, (long long)keep);
	for (size_t i = 0; i < ids.n && rc == 0; i++) {
		buf_reset(&ev);
		if (buf_puts(&ev, "{") != 0 ||
		    text_json_int(&ev, "case", ids.v[i]) != 0 ||
		    text_json_int(&ev, "customer", keep) != 0 ||
		    text_json_int(&ev, "was", dup) != 0 ||
		    buf_puts(&ev, "}") != 0)
			rc = cerror_set(e, EX_OSERR, "out of memory");
		else
			rc = case_event(cf, ids.v[i], "merge-customer", NULL,
			    NULL, note, ev.s, e);
	}
	*moved = (int64_t)ids.n;
out:
	free(ids.v);
	buf_free(&c);
	buf_free(&ev);
	return rc;
}
