/*
 * state.c: the life of a case, as one table of states and the steps taken
 * on them.  Every change of status goes through state_apply.
 *
 * A case waiting on the customer keeps the state it was in: the table row
 * used is that of the state before the wait, and the first step taken
 * resumes the clocks, pushing the due times later by the time paused.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

/*
 * States count from 1: a cell of the table left at zero is NO, so a step
 * forgotten in a row is refused, not taken to some state.
 */
enum {
	NO, NEW, ACK, INV, PROP, AGR, ESC, DEC, FUP, WAIT, CLO, DIS, MRG,
	NSTATE
};

#define SAME	(-1)	/* allowed; the status stays */

/* The names are facts.c's, in the order of the enum above and V_. */
#define STATE_NAME(s)	facts_statuses[(s) - NEW]
#define verb_names	facts_steps

/*
 * next[state][verb].  Closing, assigning and scheduling a follow-up are
 * open to every open state: many complaints are settled at first contact.
 * The waiting row is never read (see above); it is here to be printed.
 */
static const signed char next[NSTATE][NVERB] = {
/*		ack   intvw assgn wait  prop  accpt decln cntr  escal decid fup   sat   unsat close dism  merge reopn */
[NEW] =	      { ACK,  INV,  SAME, WAIT, PROP, NO,   NO,   NO,   ESC,  DEC,  SAME, SAME, INV,  CLO,  DIS,  MRG,  NO },
[ACK] =	      { SAME, INV,  SAME, WAIT, PROP, NO,   NO,   NO,   ESC,  DEC,  SAME, SAME, INV,  CLO,  DIS,  MRG,  NO },
[INV] =	      { SAME, SAME, SAME, WAIT, PROP, NO,   NO,   NO,   ESC,  DEC,  SAME, SAME, SAME, CLO,  DIS,  MRG,  NO },
[PROP] =      { SAME, SAME, SAME, WAIT, SAME, AGR,  INV,  SAME, ESC,  DEC,  SAME, SAME, INV,  CLO,  DIS,  MRG,  NO },
[AGR] =	      { SAME, SAME, SAME, WAIT, PROP, SAME, SAME, SAME, ESC,  NO,   FUP,  FUP,  INV,  CLO,  NO,   MRG,  NO },
[ESC] =	      { SAME, SAME, SAME, WAIT, PROP, NO,   NO,   NO,   SAME, DEC,  SAME, SAME, INV,  CLO,  DIS,  MRG,  NO },
[DEC] =	      { SAME, SAME, SAME, WAIT, PROP, NO,   NO,   NO,   ESC,  SAME, FUP,  FUP,  INV,  CLO,  NO,   MRG,  NO },
[FUP] =	      { SAME, SAME, SAME, WAIT, PROP, NO,   NO,   NO,   ESC,  DEC,  SAME, SAME, INV,  CLO,  NO,   MRG,  NO },
[WAIT] =      { NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO },
[CLO] =	      { NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   SAME, SAME, SAME, NO,   NO,   NO,   INV },
[DIS] =	      { NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   INV },
[MRG] =	      { NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO,   NO },
};

/* The state named s, or -1. */
static int
state_index(const char *s)
{
	for (int i = NEW; i < NSTATE; i++)
		if (strcmp(s, STATE_NAME(i)) == 0)
			return i;
	return -1;
}

const char *
state_verb_name(int verb)
{
	return verb >= 0 && verb < NVERB ? verb_names[verb] : "?";
}

int
state_ended(const char *status)
{
	int	 s = state_index(status);

	return s == CLO || s == DIS || s == MRG;
}

int
state_table(row_fn *fn, void *arg)
{
	const char	*name[NVERB + 1], *val[NVERB + 1];
	int		 type[NVERB + 1];
	struct row	 r = { NVERB + 1, name, val, type };
	int		 rc;

	name[0] = "state";
	type[0] = VAL_TEXT;
	for (int v = 0; v < NVERB; v++) {
		name[v + 1] = verb_names[v];
		type[v + 1] = VAL_TEXT;
	}
	/* The first row names the columns, for people reading the table. */
	val[0] = "state";
	for (int v = 0; v < NVERB; v++)
		val[v + 1] = verb_names[v];
	if ((rc = fn(arg, &r)) != 0)
		return rc;
	for (int s = NEW; s < NSTATE; s++) {
		val[0] = STATE_NAME(s);
		for (int v = 0; v < NVERB; v++) {
			int n = next[s][v];
			val[v + 1] = s == WAIT ? (v == V_WAIT ? "-" : "*") :
			    n == NO ? "-" : n == SAME ? "=" : STATE_NAME(n);
		}
		if ((rc = fn(arg, &r)) != 0)
			return rc;
	}
	return 0;
}

/* The status the case had before it began to wait. */
static int
before_wait(struct casefile *cf, int64_t id, int *s, struct cerror *e)
{
	static const char sql[] = "SELECT status_from FROM events"
	    " WHERE case_id = ? AND status_to = 'waiting'"
	    " ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	*s = INV;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		*s = state_index((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	if (*s < 0 || *s == WAIT)
		*s = INV;
	return 0;
}

/*
 * Push a due time later by the wait from p to now, counted as the policy
 * counts (working time under sla.week); NULL stays NULL.
 */
static int
shift(struct casefile *cf, const char *due, time_t p, char out[TIMEFMT_LEN],
    struct cerror *e)
{
	time_t	 t;

	if (due == NULL)
		return 1;
	if (timefmt_parse(due, 0, -1, &t, e) != 0 ||
	    policy_shift(cf, t, p, casefile_now(cf), &t, e) != 0)
		return -1;
	timefmt_iso(t, out);
	return 0;
}

/* Resume the clocks of a waiting case: dues move by the time paused. */
static int
resume(struct casefile *cf, int64_t id, struct cerror *e)
{
	static const char get[] = "SELECT paused, ack_due, resolve_due,"
	    " acked IS NULL, closed IS NULL FROM cases WHERE id = ?";
	static const char set[] = "UPDATE cases SET paused = NULL,"
	    " ack_due = ?2, resolve_due = ?3 WHERE id = ?1";
	sqlite3_stmt	*st;
	char		 ack[TIMEFMT_LEN], res[TIMEFMT_LEN];
	char		 paused[TIMEFMT_LEN] = "";
	char		 a[TIMEFMT_LEN] = "", r[TIMEFMT_LEN] = "";
	int		 rc, ack_open = 0, res_open = 0, ha, hr;
	time_t		 p;

	if ((st = db_prepare(cf, get, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			strlcpy(paused, (const char *)sqlite3_column_text(st,
			    0), sizeof(paused));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			strlcpy(a, (const char *)sqlite3_column_text(st, 1),
			    sizeof(a));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			strlcpy(r, (const char *)sqlite3_column_text(st, 2),
			    sizeof(r));
		ack_open = sqlite3_column_int(st, 3);
		res_open = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	if (*paused == '\0' || timefmt_parse(paused, 0, -1, &p, e) != 0)
		p = casefile_now(cf);
	ha = ack_open ? shift(cf, *a ? a : NULL, p, ack, e) : 1;
	hr = res_open ? shift(cf, *r ? r : NULL, p, res, e) : 1;
	if (ha < 0 || hr < 0)
		return e->code;
	if ((st = db_prepare(cf, set, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, ha == 0 ? ack : a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hr == 0 ? res : r, -1, SQLITE_STATIC);
	if (*(ha == 0 ? ack : a) == '\0')
		sqlite3_bind_null(st, 2);
	if (*(hr == 0 ? res : r) == '\0')
		sqlite3_bind_null(st, 3);
	return db_done(cf, st, e);
}

int
state_get(struct casefile *cf, int64_t id, char *status, size_t size,
    struct cerror *e)
{
	static const char sql[] = "SELECT status FROM cases WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strlcpy(status, (const char *)sqlite3_column_text(st, 0), size);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return query_exists(cf, id, e);
	return rc == SQLITE_ROW ? 0 : db_error(cf, rc, e);
}

int
state_check(struct casefile *cf, int64_t id, int verb, struct casestate *cs,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT status, coalesce(merged_into, 0) FROM cases WHERE id = ?";
	sqlite3_stmt	*st;
	char		 allowed[256] = "";
	int		 rc, s, n;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(cf, rc, e);
		return query_exists(cf, id, e);
	}
	strlcpy(cs->from, (const char *)sqlite3_column_text(st, 0),
	    sizeof(cs->from));
	cs->merged_into = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if ((s = state_index(cs->from)) < 0)
		return cerror_set(e, EX_DATAERR, "case %lld has an unknown "
		    "status", (long long)id);
	cs->waiting = s == WAIT;
	if (s == WAIT) {
		if (verb == V_WAIT)
			return cerror_set(e, EX_DATAERR, "case %lld is "
			    "already waiting on the customer", (long long)id);
		if ((rc = before_wait(cf, id, &s, e)) != 0)
			return rc;
	}
	n = next[s][verb];
	if (n == NO) {
		if (s == CLO || s == DIS)
			return cerror_set(e, EX_DATAERR, "case %lld is %s; "
			    "reopen it first", (long long)id, STATE_NAME(s));
		if (s == MRG)
			return cerror_set(e, EX_DATAERR, "case %lld was merged "
			    "into case %lld; work on that case", (long long)id,
			    (long long)cs->merged_into);
		for (int v = 0; v < NVERB; v++) {
			if (next[s][v] == NO || v == V_INTERVIEW ||
			    v == V_SATISFIED || v == V_UNSATISFIED)
				continue;
			if (*allowed != '\0')
				strlcat(allowed, ", ", sizeof(allowed));
			strlcat(allowed, verb_names[v], sizeof(allowed));
		}
		return cerror_set(e, EX_DATAERR, "cannot %s case %lld: it is "
		    "%s%s (allowed: %s)", verb_names[verb], (long long)id,
		    STATE_NAME(s), cs->waiting ? " and waiting" : "", allowed);
	}
	/* A step on a waiting case ends the wait, unless it is a wait. */
	strlcpy(cs->to, n == SAME ? (cs->waiting ? STATE_NAME(s) : cs->from) :
	    STATE_NAME(n), sizeof(cs->to));
	return 0;
}

int
state_resume(struct casefile *cf, int64_t id, const char *note, int *resumed,
    struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET status = ?2,"
	    " updated = ?3 WHERE id = ?1";
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN], status[16];
	int		 rc, s;

	*resumed = 0;
	if ((rc = state_get(cf, id, status, sizeof(status), e)) != 0)
		return rc;
	if (strcmp(status, STATE_NAME(WAIT)) != 0)
		return 0;
	if ((rc = before_wait(cf, id, &s, e)) != 0 ||
	    (rc = resume(cf, id, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, STATE_NAME(s), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	*resumed = 1;
	return case_event(cf, id, "resume", STATE_NAME(WAIT), STATE_NAME(s),
	    note, "{\"by\":\"reply\"}", e);
}

int
state_apply(struct casefile *cf, int64_t id, int verb, const char *note,
    const char *content, struct casestate *cs, struct cerror *e)
{
	return state_apply_to(cf, id, verb, NULL, note, content, cs, e);
}

int
state_apply_to(struct casefile *cf, int64_t id, int verb, const char *to,
    const char *note, const char *content, struct casestate *cs,
    struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET status = ?2,"
	    " updated = ?3 WHERE id = ?1";
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	int		 rc;

	if ((rc = state_check(cf, id, verb, cs, e)) != 0)
		return rc;
	if (to != NULL)
		strlcpy(cs->to, to, sizeof(cs->to));
	/* The first write on a case logs the expiry of its offers. */
	if ((rc = offer_expire(cf, id, e)) != 0)
		return rc;
	if (cs->waiting && (rc = resume(cf, id, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, cs->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	return case_event(cf, id, verb_names[verb], cs->from, cs->to, note,
	    content, e);
}
