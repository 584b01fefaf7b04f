/*
 * comms.c: the conversation with the customer, one row a contact, and
 * the threading that lets a reply by mail join the case it answers.
 */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define HOPS_MAX	16	/* merged into merged into ... */

int
comms_channel(const char *s)
{
	return facts_find(facts_channels, s) < 0 ? EX_USAGE : 0;
}

/* The case holding ref as its own or a message's; 0 when none. */
static int
held(struct casefile *cf, const char *ref, int64_t *id, int *same,
    const char *text, struct cerror *e)
{
	static const char sql[] =
	    "SELECT id, description IS ?2 FROM cases WHERE ref = ?1"
	    " UNION ALL SELECT case_id, text IS coalesce(?2, '')"
	    " FROM communications WHERE msgid = ?1 LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	*id = 0;
	*same = 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	db_bind_text(st, 2, text);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*same = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(cf, rc, e);
}

/* The status, merge target and customer's address of case id. */
static int
brief(struct casefile *cf, int64_t id, char *status, size_t size,
    int64_t *into, char *email, size_t esize, struct cerror *e)
{
	static const char sql[] = "SELECT c.status, coalesce(c.merged_into, 0),"
	    " coalesce(u.email, '') FROM cases c"
	    " LEFT JOIN customers u ON u.id = c.customer WHERE c.id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	*status = '\0';
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strlcpy(status, (const char *)sqlite3_column_text(st, 0), size);
		*into = sqlite3_column_int64(st, 1);
		strlcpy(email, (const char *)sqlite3_column_text(st, 2), esize);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(cf, rc, e);
}

/* The number N of a "[case N]" in subject, or 0. */
static int64_t
subject_tag(const char *subject)
{
	const char	*p;
	char		*end;
	long long	 n;

	for (p = subject; p != NULL && (p = strchr(p, '[')) != NULL; p++) {
		if (strncasecmp(p + 1, "case ", 5) != 0 ||
		    !isdigit((unsigned char)p[6]))
			continue;
		n = strtoll(p + 6, &end, 10);
		if (*end == ']' && n > 0)
			return n;
	}
	return 0;
}

/* Follow the case that id's thread names to where a reply should go. */
static int
settle(struct casefile *cf, int64_t id, struct mailmatch *mm,
    struct cerror *e)
{
	char	 status[16], email[256];
	int64_t	 into = 0;
	int	 rc;

	for (int hop = 0; hop < HOPS_MAX; hop++) {
		if ((rc = brief(cf, id, status, sizeof(status), &into, email,
		    sizeof(email), e)) != 0)
			return rc;
		if (strcmp(status, "merged") == 0 && into != 0) {
			if (mm->merged == 0)
				mm->merged = id;
			id = into;
			continue;
		}
		if (strcmp(status, "dismissed") == 0) {
			mm->dismissed = id;
			return 0;
		}
		mm->reply = id;
		return 0;
	}
	return 0;
}

int
comms_match(struct casefile *cf, const struct mail *m, int tag_any,
    struct mailmatch *mm, struct cerror *e)
{
	const char	*p;
	char		 status[16], email[256], ref[MSGREF_MAX];
	int64_t		 id = 0, into;
	size_t		 n;
	int		 rc, same;

	memset(mm, 0, sizeof(*mm));
	if (m->message_id != NULL) {
		strlcpy(mm->ref, m->message_id, sizeof(mm->ref));
		if ((rc = held(cf, m->message_id, &mm->held, &same, m->body,
		    e)) != 0)
			return rc;
		if (mm->held != 0 && same) {
			mm->same = 1;
			return 0;
		}
		/* Another message under a held id: kept under #2, #3 ... */
		for (unsigned k = 2; mm->held != 0 && k < 1000; k++) {
			snprintf(mm->ref, sizeof(mm->ref), "%.*s#%u",
			    MSGREF_MAX - 8, m->message_id, k);
			if ((rc = held(cf, mm->ref, &id, &same, NULL, e)) != 0)
				return rc;
			if (id == 0)
				break;
		}
	}
	for (p = m->thread; p != NULL && *p != '\0'; p += n + (p[n] != '\0')) {
		n = strcspn(p, "\n");
		snprintf(ref, sizeof(ref), "%.*s", (int)n, p);
		if ((rc = held(cf, ref, &id, &same, NULL, e)) != 0)
			return rc;
		if (id != 0) {
			strlcpy(mm->via, "thread", sizeof(mm->via));
			return settle(cf, id, mm, e);
		}
	}
	if ((id = subject_tag(m->subject)) == 0)
		return 0;
	if ((rc = brief(cf, id, status, sizeof(status), &into, email,
	    sizeof(email), e)) != 0)
		return rc;
	if (*status == '\0')
		return 0;
	if (!tag_any && (m->from_addr == NULL ||
	    strcasecmp(m->from_addr, email) != 0)) {
		mm->foreign = id;
		return 0;
	}
	snprintf(mm->via, sizeof(mm->via), "[case %lld]", (long long)id);
	return settle(cf, id, mm, e);
}

int
comms_add(struct casefile *cf, int64_t id, const struct comm *c,
    int64_t *out, struct cerror *e)
{
	static const char sql[] = "INSERT INTO communications (case_id, dir,"
	    " channel, at, party, subject, msgid, sha256, text, created,"
	    " actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char att[] = "INSERT INTO attachments (case_id, name,"
	    " type, size, sha256, comm, path, note, added)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN], hex[65];
	int		 rc;

	timefmt_iso(casefile_now(cf), now);
	audit_sha256(c->text, strlen(c->text), hex);
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, c->dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->at != NULL ? c->at : now, -1,
	    SQLITE_STATIC);
	db_bind_text(st, 5, c->party);
	db_bind_text(st, 6, c->subject);
	db_bind_text(st, 7, c->msgid);
	sqlite3_bind_text(st, 8, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, c->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, casefile_actor(cf), -1, SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	*out = sqlite3_last_insert_rowid(cf->db);
	for (size_t i = 0; i < c->natt; i++) {
		if ((st = db_prepare(cf, att, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, c->att[i].name);
		sqlite3_bind_text(st, 3, c->att[i].type, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (int64_t)c->att[i].size);
		sqlite3_bind_text(st, 5, c->att[i].sha256, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, *out);
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
		sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	return 0;
}

/* The audit entry and timeline event of communication cid. */
static int
logged(struct casefile *cf, int64_t id, int64_t cid, const char *action,
    const struct comm *c, const char *note, struct cerror *e)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 rc = 0;

	rc |= buf_puts(&b, "{");
	rc |= text_json_int(&b, "communication", cid);
	rc |= text_json_str(&b, "dir", c->dir);
	rc |= text_json_str(&b, "channel", c->channel);
	rc |= text_json_str(&b, "at", c->at);
	rc |= text_json_str(&b, "party", c->party);
	rc |= text_json_str(&b, "subject", c->subject);
	rc |= text_json_str(&b, "message-id", c->msgid);
	rc |= text_json_str(&b, "text", c->text);
	if (c->natt > 0)
		rc |= text_json_int(&b, "attachments", (int64_t)c->natt);
	rc |= buf_puts(&b, "}");
	if (rc != 0) {
		buf_free(&b);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	rc = case_event(cf, id, action, NULL, NULL, note, b.s, e);
	buf_free(&b);
	return rc;
}

int
comms_note(struct casefile *cf, int64_t id, const struct comm *c,
    int64_t *cid, struct cerror *e)
{
	char	 status[16];
	int	 rc;

	if ((rc = state_get(cf, id, status, sizeof(status), e)) != 0)
		return rc;
	if (strcmp(status, "merged") == 0)
		return cerror_set(e, EX_DATAERR, "case %lld was merged; note "
		    "the contact on the case it was merged into",
		    (long long)id);
	if ((rc = comms_add(cf, id, c, cid, e)) != 0)
		return rc;
	return logged(cf, id, *cid, "note", c, NULL, e);
}

/*
 * The due times of severity sev, from the complaint's arrival as at
 * intake; a clock already met (acknowledged, or settled or closed) keeps
 * its due time, so a reply cannot make a step that was on time late.
 */
static int
redue(struct casefile *cf, sqlite3_stmt *st, int sev, char ack[TIMEFMT_LEN],
    char res[TIMEFMT_LEN], struct cerror *e)
{
	time_t	 t, d;
	int	 rc;

	strlcpy(ack, (const char *)sqlite3_column_text(st, 2), TIMEFMT_LEN);
	strlcpy(res, (const char *)sqlite3_column_text(st, 3), TIMEFMT_LEN);
	if ((rc = timefmt_parse((const char *)sqlite3_column_text(st, 1), 0,
	    -1, &t, e)) != 0)
		return rc;
	if (sqlite3_column_int(st, 4) == 0) {
		if ((rc = policy_due(cf, "ack", sev, t, &d, e)) != 0)
			return rc;
		timefmt_iso(d, ack);
	}
	if (sqlite3_column_int(st, 5) == 0) {
		if ((rc = policy_due(cf, "resolve", sev, t, &d, e)) != 0)
			return rc;
		timefmt_iso(d, res);
	}
	return 0;
}

/*
 * Raise case id's severity to what the rules make of the reply, and its
 * due times to the policy of the new severity.
 */
static int
retriage(struct casefile *cf, int64_t id, const struct mail *m,
    struct reply *r, struct cerror *e)
{
	static const char get[] = "SELECT severity, received,"
	    " coalesce(ack_due, ''), coalesce(resolve_due, ''), acked IS NOT NULL,"
	    " settled IS NOT NULL OR closed IS NOT NULL"
	    " FROM cases WHERE id = ?";
	static const char set[] = "UPDATE cases SET severity = ?2,"
	    " ack_due = ?3, resolve_due = ?4 WHERE id = ?1";
	struct newcase	 nc;
	struct verdict	 v;
	struct buf	 b = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 ack[TIMEFMT_LEN] = "", res[TIMEFMT_LEN] = "";
	int		 rc, sev;

	memset(&nc, 0, sizeof(nc));
	nc.summary = m->subject != NULL ? m->subject : "";
	nc.description = m->body;
	nc.email = m->from_addr;
	if ((rc = triage_run(cf, &nc, 0, casefile_now(cf), NULL, &v, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, get, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(cf, rc, e);
	}
	r->sev_from = sev = sqlite3_column_int(st, 0);
	r->sev_to = r->sev_from;
	/* never lower: a calm reply is no all-clear */
	if (v.severity > sev)
		rc = redue(cf, st, v.severity, ack, res, e);
	else
		rc = 0;
	sqlite3_reset(st);
	if (rc != 0 || v.severity <= sev)
		return rc;
	r->sev_to = v.severity;
	strlcpy(r->fired, v.fired, sizeof(r->fired));
	if ((st = db_prepare(cf, set, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, r->sev_to);
	db_bind_text(st, 3, ack);
	db_bind_text(st, 4, res);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	rc = buf_puts(&b, "{");
	rc |= text_json_str(&b, "from", case_severity_name(r->sev_from));
	rc |= text_json_str(&b, "to", case_severity_name(r->sev_to));
	rc |= text_json_str(&b, "ack_due", ack);
	rc |= text_json_str(&b, "resolve_due", res);
	rc |= buf_puts(&b, ",\"rules\":");
	rc |= buf_puts(&b, v.rules != NULL ? v.rules : "[]");
	rc |= buf_puts(&b, "}");
	if (rc != 0) {
		buf_free(&b);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	rc = case_event(cf, id, "severity", NULL, NULL, v.fired, b.s, e);
	buf_free(&b);
	return rc;
}

int
comms_reply(struct casefile *cf, int64_t id, const struct mail *m,
    const char *ref, struct reply *r, struct cerror *e)
{
	struct comm	 c;
	struct buf	 party = { NULL, 0, 0 };
	char		 at[TIMEFMT_LEN];
	int		 rc;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	if (m->from_name != NULL && *m->from_name != '\0')
		rc = buf_printf(&party, "%s <%s>", m->from_name, m->from_addr);
	else
		rc = buf_puts(&party, m->from_addr);
	if (rc != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	c.dir = "in";
	c.channel = "email";
	c.at = timefmt_iso(m->date != -1 ? m->date : casefile_now(cf), at);
	c.party = party.s;
	c.subject = m->subject;
	c.msgid = ref;
	c.text = m->body != NULL ? m->body : "";
	c.att = m->att;
	c.natt = m->natt;
	if ((rc = comms_add(cf, id, &c, &r->comm, e)) != 0 ||
	    (rc = logged(cf, id, r->comm, "reply", &c, NULL, e)) != 0 ||
	    (rc = retriage(cf, id, m, r, e)) != 0 ||
	    (rc = state_resume(cf, id, "the customer replied", &r->resumed,
	    e)) != 0) {
		buf_free(&party);
		return rc;
	}
	buf_free(&party);
	return 0;
}

int
comms_flag(struct casefile *cf, int64_t id, const char *flag,
    struct cerror *e)
{
	static const char sql[] = "UPDATE cases SET flags = CASE"
	    " WHEN coalesce(flags, '') = '' THEN ?2 ELSE flags || ',' || ?2 END"
	    " WHERE id = ?1";
	sqlite3_stmt	*st;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, flag, -1, SQLITE_STATIC);
	return db_done(cf, st, e);
}

/*
 * SHA-256 of the file at path, read before any lock is taken, so a large
 * file never blocks other writers.
 */
int
comms_hash(const char *path, struct evidence *ev, struct cerror *e)
{
	char	 vis[200];

	text_vis(vis, sizeof(vis), path);
	switch (file_sha256(path, ev->abs, &ev->size, ev->sha256)) {
	case 0:
		return 0;
	case FILE_TYPE:
		return cerror_set(e, EX_NOINPUT, "%s is not a regular file; "
		    "attach a copy of it", vis);
	case FILE_READ:
		return cerror_set(e, EX_IOERR, "%s: %s", vis, strerror(errno));
	default:
		return cerror_set(e, EX_NOINPUT, "%s: %s", vis,
		    strerror(errno));
	}
}

int
comms_attach(struct casefile *cf, int64_t id, const struct evidence *ev,
    const char *note, int64_t *aid, struct cerror *e)
{
	static const char sql[] = "INSERT INTO attachments (case_id, name,"
	    " type, size, sha256, path, note, added)"
	    " VALUES (?, ?, 'file', ?, ?, ?, ?, ?)";
	struct buf	 b = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN], name[PATH_MAX], status[16];
	int		 rc;

	if ((rc = state_get(cf, id, status, sizeof(status), e)) != 0)
		return rc;
	if (strcmp(status, "merged") == 0)
		return cerror_set(e, EX_DATAERR, "case %lld was merged; attach "
		    "the evidence to the case it was merged into",
		    (long long)id);
	strlcpy(name, ev->abs, sizeof(name));
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, basename(name), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, ev->size);
	sqlite3_bind_text(st, 4, ev->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ev->abs, -1, SQLITE_STATIC);
	db_bind_text(st, 6, note);
	sqlite3_bind_text(st, 7, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	*aid = sqlite3_last_insert_rowid(cf->db);
	rc = buf_puts(&b, "{");
	rc |= text_json_int(&b, "attachment", *aid);
	rc |= text_json_str(&b, "path", ev->abs);
	rc |= text_json_int(&b, "size", ev->size);
	rc |= text_json_str(&b, "sha256", ev->sha256);
	rc |= text_json_str(&b, "note", note);
	rc |= buf_puts(&b, "}");
	if (rc != 0) {
		buf_free(&b);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	rc = case_event(cf, id, "attach", NULL, NULL, note, b.s, e);
	buf_free(&b);
	return rc;
}

/* Whether ref (S12, D3, R1, A2, C4) names an item of case id. */
static int
cited(struct casefile *cf, int64_t id, const char *ref, struct cerror *e)
{
	static const char *const sql[] = {
		"SELECT 1 FROM statements s JOIN accounts a"
		    " ON a.id = s.account WHERE s.id = ?1 AND a.case_id = ?2",
		"SELECT 1 FROM discrepancies WHERE id = ?1 AND case_id = ?2",
		"SELECT 1 FROM recordings r JOIN accounts a"
		    " ON a.id = r.account WHERE r.id = ?1 AND a.case_id = ?2",
		"SELECT 1 FROM attachments WHERE id = ?1 AND case_id = ?2",
		"SELECT 1 FROM communications WHERE id = ?1 AND case_id = ?2",
	};
	static const char kinds[] = "SDRAC";
	static const char *const names[] = {
		"statement", "discrepancy", "recording", "attachment",
		"communication",
	};
	const char	*k;
	sqlite3_stmt	*st;
	char		 vis[64];
	int64_t		 n;
	int		 rc;

	text_vis(vis, sizeof(vis), ref);
	if (*ref == '\0' || (k = strchr(kinds, *ref)) == NULL ||
	    ids_parse(ref + 1, &n) != 0)
		return cerror_set(e, EX_DATAERR, "--cite %s: give S12 (a "
		    "statement), D3 (a discrepancy), R1 (a recording), A2 (an "
		    "attachment) or C4 (a communication)", vis);
	if ((st = db_prepare(cf, sql[k - kinds], e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, n);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return cerror_set(e, EX_DATAERR, "--cite %s: case %lld has no "
		    "%s %lld", vis, (long long)id, names[k - kinds],
		    (long long)n);
	return rc == SQLITE_ROW ? 0 : db_error(cf, rc, e);
}

int
comms_cite(struct casefile *cf, int64_t id, const char *refs,
    int64_t decision, struct cerror *e)
{
	static const char last[] = "SELECT max(id) FROM decisions"
	    " WHERE case_id = ?";
	static const char add[] = "INSERT OR IGNORE INTO citations"
	    " (decision, ref) VALUES (?, ?)";
	sqlite3_stmt	*st;
	char		 ref[32];
	const char	*p;
	size_t		 n;
	int		 rc;

	if (decision < 0) {
		if ((st = db_prepare(cf, last, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, id);
		rc = sqlite3_step(st);
		decision = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return db_error(cf, rc, e);
	}
	for (p = refs; *p != '\0'; p += n + (p[n] != '\0')) {
		n = strcspn(p, ",");
		snprintf(ref, sizeof(ref), "%.*s", (int)(n < 31 ? n : 31), p);
		if ((rc = cited(cf, id, ref, e)) != 0)
			return rc;
		if (decision == 0)
			continue;
		if ((st = db_prepare(cf, add, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, decision);
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	return 0;
}

int
comms_waiting(struct casefile *cf, int64_t id, struct cerror *e)
{
	char	 status[16];
	int	 rc;

	if ((rc = state_get(cf, id, status, sizeof(status), e)) != 0)
		return rc;
	if (strcmp(status, "waiting") == 0)
		return cerror_set(e, EX_DATAERR, "case %lld waits on the "
		    "customer; decide when they answer, or give --despite-wait "
		    "and say why in -m", (long long)id);
	return 0;
}

