/*
 * cases.c: recording a new case, finding or creating its customer, and the
 * timeline events every change to a case appends.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

/* A received time this far ahead of now is a clock, later is a typo. */
#define AHEAD_MAX	(15 * 60)

/* A one-line field: valid UTF-8, no control characters, not too long. */
static int
check_line(const char *field, const char *s, size_t max, struct cerror *e)
{
	size_t	 n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n > max)
		return cerror_set(e, EX_DATAERR, "%s is longer than %zu bytes",
		    field, max);
	if (!text_utf8ok(s, n))
		return cerror_set(e, EX_DATAERR, "%s is not valid UTF-8",
		    field);
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return cerror_set(e, EX_DATAERR, "%s holds a control "
			    "character; give it on one line", field);
	return 0;
}

static int
check_email(const char *s, struct cerror *e)
{
	const char	*at, *dot;
	char		 vis[80];

	if (s == NULL)
		return 0;
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    (dot = strrchr(at, '.')) == NULL || dot == at + 1 ||
	    dot[1] == '\0' || strpbrk(s, " <>(),;:\"[]\\") != NULL)
		return cerror_set(e, EX_DATAERR, "email %s is not an e-mail "
		    "address (like name@example.com)",
		    text_vis(vis, sizeof(vis), s));
	return 0;
}

/* The phone.country setting, "" when unset or before it existed. */
static void
phone_country_of(struct casefile *cf, char *iso, size_t size)
{
	struct cerror	 unset;

	if (casefile_setting(cf, "phone.country", iso, size, &unset) != 0)
		*iso = '\0';
}

int
case_brief(struct casefile *cf, int64_t id, char *status, size_t size,
    int *sev, struct cerror *e)
{
	static const char sql[] =
	    "SELECT status, severity FROM cases WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strlcpy(status, (const char *)sqlite3_column_text(st, 0), size);
		*sev = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return query_exists(cf, id, e);
	return rc == SQLITE_ROW ? 0 : db_error(cf, rc, e);
}

int
case_check(struct casefile *cf, const struct newcase *nc, struct cerror *e)
{
	static const struct {
		const char	*name;
		size_t		 off;
		size_t		 max;
	} lines[] = {
		{ "name", offsetof(struct newcase, name), CASE_LINE_MAX },
		{ "email", offsetof(struct newcase, email), CASE_LINE_MAX },
		{ "phone", offsetof(struct newcase, phone), CASE_LINE_MAX },
		{ "channel", offsetof(struct newcase, channel), 64 },
		{ "product", offsetof(struct newcase, product),
		    CASE_LINE_MAX },
		{ "order", offsetof(struct newcase, order), CASE_LINE_MAX },
		{ "employee", offsetof(struct newcase, employee),
		    CASE_LINE_MAX },
		{ "ref", offsetof(struct newcase, ref), CASE_LINE_MAX },
		{ "language", offsetof(struct newcase, lang), 64 },
		{ "summary", offsetof(struct newcase, summary),
		    CASE_SUMMARY_MAX },
	};
	struct money	 m;
	char		 cur[8], phone[64], vis[64], lang[4], iso[8], sevs[64];
	time_t		 t;
	int		 sev;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		const char *s = *(const char *const *)(const void *)
		    ((const char *)nc + lines[i].off);
		if (check_line(lines[i].name, s, lines[i].max, e) != 0)
			return e->code;
	}
	if (nc->summary == NULL || *nc->summary == '\0')
		return cerror_set(e, EX_DATAERR, "summary is empty; say in a "
		    "few words what the complaint is about");
	if (nc->description != NULL) {
		size_t n = strlen(nc->description);
		if (n > CASE_DESC_MAX)
			return cerror_set(e, EX_DATAERR, "description is "
			    "longer than %d bytes", CASE_DESC_MAX);
		if (!text_utf8ok(nc->description, n))
			return cerror_set(e, EX_DATAERR,
			    "description is not valid UTF-8");
	}
	for (size_t i = 0; i < nc->nextra; i++) {
		if (check_line(nc->xname[i], nc->xvalue[i], 4096, e) != 0)
			return e->code;
	}
	for (size_t i = 0; i < nc->ntags; i++) {
		if (check_line("tag", nc->tags[i], 128, e) != 0)
			return e->code;
		if (*nc->tags[i] == '\0' || strchr(nc->tags[i], ',') != NULL)
			return cerror_set(e, EX_DATAERR, "tag %s is empty or "
			    "holds a comma", text_vis(vis, sizeof(vis),
			    nc->tags[i]));
	}
	if (check_email(nc->email, e) != 0)
		return e->code;
	phone_country_of(cf, iso, sizeof(iso));
	if (nc->phone != NULL && phone_norm(nc->phone, iso, phone,
	    sizeof(phone)) != 0)
		return cerror_set(e, EX_DATAERR, "phone %s is not a phone "
		    "number (digits, spaces, + - ( ) .)",
		    text_vis(vis, sizeof(vis), nc->phone));
	if (nc->lang != NULL && case_lang(nc->lang, lang) != 0)
		return cerror_set(e, EX_DATAERR, "language %s is not a "
		    "language code (like en, id, sv or sv-SE)",
		    text_vis(vis, sizeof(vis), nc->lang));
	if (nc->severity != NULL && case_severity(nc->severity, &sev) != 0)
		return cerror_set(e, EX_DATAERR, "severity %s is not one of "
		    "1-4, %s", text_vis(vis, sizeof(vis), nc->severity),
		    facts_join(facts_severities, sevs, sizeof(sevs)));
	if (nc->amount != NULL) {
		if (casefile_setting(cf, "currency", cur, sizeof(cur), e) != 0)
			return e->code;
		if (money_parse(nc->amount, cur, 0, &m, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "amount");
	}
	if (nc->received != NULL && timefmt_parse(nc->received,
	    casefile_now(cf), -1, &t, e) != 0)
		return cerror_prefix(e, EX_DATAERR, "received");
	if (nc->received != NULL && !nc->mail_date &&
	    t > casefile_now(cf) + AHEAD_MAX) {
		char	 r[TIMEFMT_LEN], now[TIMEFMT_LEN];

		return cerror_set(e, EX_DATAERR, "received %s is later than "
		    "now (%s); give the time the complaint came in",
		    timefmt_iso(t, r), timefmt_iso(casefile_now(cf), now));
	}
	return 0;
}

int
case_event(struct casefile *cf, int64_t id, const char *action,
    const char *from, const char *to, const char *note, const char *content,
    struct cerror *e)
{
	static const char sql[] =
	    "INSERT INTO events (case_id, at, actor, action, status_from,"
	    " status_to, note) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	char		 at[TIMEFMT_LEN];
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, timefmt_iso(casefile_now(cf), at), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, casefile_actor(cf), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	db_bind_text(st, 5, from);
	db_bind_text(st, 6, to);
	db_bind_text(st, 7, note);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	return audit_append(cf, id, action, content, e);
}

/* The case holding ref, with its severity and flags; id 0 when none. */
static int
find_ref(struct casefile *cf, const char *ref, struct caseid *out,
    struct cerror *e)
{
	static const char sql[] = "SELECT id, severity, coalesce(flags, '')"
	    " FROM cases WHERE ref = ?";
	sqlite3_stmt	*st;
	char		 token[7 + 65] = "sha256:";
	int		 rc;

	out->id = 0;
	for (int i = 0; i < 2 && out->id == 0; i++) {
		/* an anonymised case keeps its ref as a token (anonymise.c) */
		if (i == 1)
			audit_sha256(ref, strlen(ref), token + 7);
		if ((st = db_prepare(cf, sql, e)) == NULL)
			return e->code;
		sqlite3_bind_text(st, 1, i == 0 ? ref : token, -1,
		    SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			out->id = sqlite3_column_int64(st, 0);
			out->severity = out->v.severity =
			    sqlite3_column_int(st, 1);
			strlcpy(out->v.flags, (const char *)
			    sqlite3_column_text(st, 2), sizeof(out->v.flags));
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_error(cf, rc, e);
	}
	return 0;
}

/* The first customer sql finds with ?1, ?2, ?3 bound; 0 when none. */
static int
lookup(struct casefile *cf, const char *sql, const char *k1, const char *k2,
    const char *k3, int64_t *cid, struct cerror *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*cid = 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	db_bind_text(st, 1, k1);
	db_bind_text(st, 2, k2);
	db_bind_text(st, 3, k3);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*cid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

/* The contacts nc gives: e-mail, name, phone (E.164) and its digits. */
struct contacts {
	const char	*email, *name, *phone;
	char		 e164[64], digits[64];
};

static void
contacts(struct casefile *cf, const struct newcase *nc, struct contacts *c)
{
	char	 iso[8];

	memset(c, 0, sizeof(*c));
	phone_country_of(cf, iso, sizeof(iso));
	if (nc->phone != NULL && phone_norm(nc->phone, iso, c->e164,
	    sizeof(c->e164)) == 0) {
		c->phone = c->e164;
		if (phone_national(c->e164, iso, c->digits,
		    sizeof(c->digits)) != 0)
			strlcpy(c->digits, c->e164, sizeof(c->digits));
	}
	if (nc->email != NULL && *nc->email != '\0')
		c->email = nc->email;
	if (nc->name != NULL && *nc->name != '\0')
		c->name = nc->name;
}

/*
 * Find the customer by every contact given: e-mail (without regard to
 * case), then phone (E.164, or as the digits an older file kept), then
 * name, the name only when that customer's contacts do not say it is
 * someone else.  A found customer gains the contacts it lacked.  When
 * the e-mail and the phone are two customers', the case goes to the
 * first and *other names the second, for a person to merge: no contact
 * is ever held by two customers.  *cid is 0 when the complaint names
 * nobody or nobody matches; *make is 1 when a new customer is to be
 * made (customer_make), once triage has told the language.
 */
static int
customer(struct casefile *cf, struct contacts *c, int64_t *cid,
    int64_t *other, int *make, struct cerror *e)
{
	static const char by_email[] = "SELECT id FROM customers"
	    " WHERE email = ?1 COLLATE NOCASE ORDER BY id LIMIT 1";
	/* min(id), not ORDER BY id: two keys need no sort */
	static const char by_phone[] = "SELECT min(id) FROM customers"
	    " WHERE phone IN (?1, ?2)";
	static const char by_name[] = "SELECT id FROM customers"
	    " WHERE name = ?1 COLLATE NOCASE"
	    " AND (?2 IS NULL OR email IS NULL)"
	    " AND (?3 IS NULL OR phone IS NULL) ORDER BY id LIMIT 1";
	/* only a customer that lacks a contact is written: no no-op */
	static const char fill[] = "UPDATE customers SET"
	    " name = coalesce(name, ?2), email = coalesce(email, ?3),"
	    " phone = CASE WHEN phone = ?5 THEN ?4 ELSE coalesce(phone, ?4) END"
	    " WHERE id = ?1 AND ((name IS NULL AND ?2 IS NOT NULL)"
	    " OR (email IS NULL AND ?3 IS NOT NULL) OR (phone IS NOT ?4"
	    " AND (phone IS NULL OR phone = ?5)))";
	sqlite3_stmt	*st;
	int64_t		 ce = 0, cp = 0;
	int		 rc;

	*cid = *other = 0;
	*make = 0;
	if (c->email == NULL && c->phone == NULL && c->name == NULL)
		return 0;
	if ((c->email != NULL && (rc = lookup(cf, by_email, c->email, NULL,
	    NULL, &ce, e)) != 0) || (c->phone != NULL && (rc = lookup(cf,
	    by_phone, c->phone, c->digits, NULL, &cp, e)) != 0))
		return rc;
	if (ce != 0 && cp != 0 && ce != cp) {
		*other = cp;
		c->phone = NULL;	/* it stays the other's */
	}
	*cid = ce != 0 ? ce : cp;
	if (*cid == 0 && c->name != NULL && (rc = lookup(cf, by_name,
	    c->name, c->email, c->phone, cid, e)) != 0)
		return rc;
	if (*cid == 0) {
		*make = 1;
		return 0;
	}
	if ((st = db_prepare(cf, fill, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, *cid);
	db_bind_text(st, 2, c->name);
	db_bind_text(st, 3, c->email);
	db_bind_text(st, 4, c->phone);
	db_bind_text(st, 5, c->phone != NULL ? c->digits : NULL);
	return db_done(cf, st, e);
}

/* Make the new customer of contacts c, of language lang ("": unknown). */
static int
customer_make(struct casefile *cf, const struct contacts *c,
    const char *lang, int64_t *cid, struct cerror *e)
{
	static const char ins[] = "INSERT INTO customers"
	    " (name, email, phone, created, lang) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	char		 at[TIMEFMT_LEN];
	int		 rc;

	if ((st = db_prepare(cf, ins, e)) == NULL)
		return e->code;
	db_bind_text(st, 1, c->name);
	db_bind_text(st, 2, c->email);
	db_bind_text(st, 3, c->phone);
	sqlite3_bind_text(st, 4, timefmt_iso(casefile_now(cf), at), -1,
	    SQLITE_TRANSIENT);
	db_bind_text(st, 5, *lang != '\0' ? lang : NULL);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	*cid = sqlite3_last_insert_rowid(cf->db);
	return 0;
}

/*
 * Record lang as the language of customer cid: a given one replaces
 * theirs, one told by the words only fills it in when it is not known.
 */
static int
customer_lang(struct casefile *cf, int64_t cid, const char *lang, int given,
    struct cerror *e)
{
	static const char sql[] = "UPDATE customers SET lang ="
	    " CASE WHEN ?3 THEN ?2 ELSE coalesce(lang, ?2) END WHERE id = ?1"
	    " AND lang IS NOT CASE WHEN ?3 THEN ?2 ELSE coalesce(lang, ?2) END";
	sqlite3_stmt	*st;

	if (cid == 0 || *lang == '\0')
		return 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, given);
	return db_done(cf, st, e);
}

/* The audit content of a new case: its fields as one JSON object. */
static int
new_content(struct buf *b, int64_t id, int64_t cid, const struct newcase *nc,
    const char *received, const char *note, const struct caseid *out,
    const struct money *m)
{
	char	 amount[MONEY_LEN], t[TIMEFMT_LEN];
	int	 rc = 0;

	rc |= buf_puts(b, "{");
	rc |= text_json_int(b, "case", id);
	if (cid != 0)
		rc |= text_json_int(b, "customer", cid);
	rc |= text_json_str(b, "name", nc->name);
	rc |= text_json_str(b, "email", nc->email);
	rc |= text_json_str(b, "phone", nc->phone);
	rc |= text_json_str(b, "received", received);
	if (*note != '\0')
		rc |= text_json_str(b, "received_note", note);
	rc |= text_json_str(b, "severity", case_severity_name(out->severity));
	rc |= text_json_str(b, "channel", nc->channel);
	rc |= text_json_str(b, "product", nc->product);
	rc |= text_json_str(b, "order", nc->order);
	if (m != NULL)
		rc |= text_json_str(b, "amount", money_format(m, amount));
	rc |= text_json_str(b, "employee", nc->employee);
	rc |= text_json_str(b, "lang", nc->lang);
	rc |= text_json_str(b, "ref", nc->ref);
	rc |= text_json_str(b, "summary", nc->summary);
	/*
	 * Not the description: it is kept once, in the case, and this
	 * entry's rows hold the hash of the case row it is in.
	 */
	if (nc->nextra > 0) {
		rc |= buf_puts(b, ",\"fields\":{");
		for (size_t i = 0; i < nc->nextra; i++) {
			if (i > 0)
				rc |= buf_puts(b, ",");
			rc |= text_json(b, nc->xname[i]);
			rc |= buf_puts(b, ":");
			rc |= text_json(b, nc->xvalue[i]);
		}
		rc |= buf_puts(b, "}");
	}
	if (nc->ntags > 0) {
		rc |= buf_puts(b, ",\"tags\":[");
		for (size_t i = 0; i < nc->ntags; i++) {
			if (i > 0)
				rc |= buf_puts(b, ",");
			rc |= text_json(b, nc->tags[i]);
		}
		rc |= buf_puts(b, "]");
	}
	if (nc->natt > 0) {
		rc |= buf_puts(b, ",\"attachments\":[");
		for (size_t i = 0; i < nc->natt; i++) {
			rc |= buf_puts(b, i > 0 ? ",{" : "{");
			rc |= text_json_str(b, "name", nc->att[i].name);
			rc |= text_json_str(b, "type", nc->att[i].type);
			rc |= text_json_int(b, "size",
			    (int64_t)nc->att[i].size);
			rc |= text_json_str(b, "sha256", nc->att[i].sha256);
			rc |= buf_puts(b, "}");
		}
		rc |= buf_puts(b, "]");
	}
	rc |= buf_printf(b, ",\"triage\":{\"severity\":\"%s\"",
	    case_severity_name(out->v.severity));
	if (*out->v.flags != '\0')
		rc |= text_json_str(b, "flags", out->v.flags);
	if (*out->v.lang != '\0')
		rc |= text_json_str(b, "lang", out->v.lang);
	rc |= buf_printf(b, ",\"rules\":%s", out->v.rules);
	rc |= text_json_str(b, "ack_due", timefmt_iso(out->ack_due, t));
	rc |= text_json_str(b, "resolve_due", timefmt_iso(out->resolve_due,
	    t));
	rc |= buf_puts(b, "}}");
	return rc;
}

/* Record the attachments of a new case. */
static int
attachments(struct casefile *cf, int64_t id, const struct newcase *nc,
    struct cerror *e)
{
	static const char sql[] = "INSERT INTO attachments"
	    " (case_id, name, type, size, sha256) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	int		 rc;

	for (size_t i = 0; i < nc->natt; i++) {
		if ((st = db_prepare(cf, sql, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, nc->att[i].name);
		sqlite3_bind_text(st, 3, nc->att[i].type, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (int64_t)nc->att[i].size);
		sqlite3_bind_text(st, 5, nc->att[i].sha256, -1, SQLITE_STATIC);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	return 0;
}

int
case_create(struct casefile *cf, const struct newcase *nc, struct caseid *out,
    struct cerror *e)
{
	static const char ins[] =
	    "INSERT INTO cases (customer, ref, received, created, status,"
	    " severity, channel, product, order_ref, amount, currency,"
	    " employee, summary, description, updated, flags, ack_due,"
	    " resolve_due)"
	    " VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?4, ?, ?,"
	    " ?)";
	static const char tag[] =
	    "INSERT OR IGNORE INTO tags (case_id, tag) VALUES (?, ?)";
	static const char extra[] =
	    "INSERT OR REPLACE INTO fields (case_id, name, value)"
	    " VALUES (?, ?, ?)";
	struct buf	 b = { NULL, 0, 0 };
	struct money	 m, *mp = NULL;
	sqlite3_stmt	*st;
	char		 cur[8], received[TIMEFMT_LEN], now[TIMEFMT_LEN];
	char		 ack[TIMEFMT_LEN], res[TIMEFMT_LEN], note[128] = "";
	struct contacts	 who;
	time_t		 t;
	int64_t		 cid, other;
	int		 make, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = case_check(cf, nc, e)) != 0)
		return rc;
	if (nc->ref != NULL && *nc->ref != '\0') {
		if ((rc = find_ref(cf, nc->ref, out, e)) != 0)
			return rc;
		if (out->id != 0) {
			out->existed = 1;
			return 0;
		}
	}
	if (nc->amount != NULL) {
		if ((rc = casefile_setting(cf, "currency", cur, sizeof(cur),
		    e)) != 0 || (rc = money_parse(nc->amount, cur, 0, &m,
		    e)) != 0)
			return rc;
		mp = &m;
	}
	t = casefile_now(cf);
	timefmt_iso(t, now);
	if (nc->received != NULL)
		timefmt_parse(nc->received, t, -1, &t, e);
	/* A sender's clock is not the time it came: delivery is. */
	if (t > casefile_now(cf) + AHEAD_MAX) {
		snprintf(note, sizeof(note), "the mail's Date %s is later "
		    "than its delivery; received at delivery",
		    timefmt_iso(t, received));
		t = casefile_now(cf);
	}
	timefmt_iso(t, received);
	/* a customer made now has no cases yet: triage looks for none */
	contacts(cf, nc, &who);
	if ((rc = customer(cf, &who, &cid, &other, &make, e)) != 0 ||
	    (rc = triage_run(cf, nc, make ? TRIAGE_NEW : cid, t, mp,
	    &out->v, e)) != 0)
		return rc;
	if (other != 0) {
		char	 flag[48];

		snprintf(flag, sizeof(flag), "%smerge-customer:%lld",
		    *out->v.flags != '\0' ? "," : "", (long long)other);
		strlcat(out->v.flags, flag, sizeof(out->v.flags));
	}
	if (nc->lang == NULL || case_lang(nc->lang, out->lang) != 0)
		strlcpy(out->lang, out->v.lang, sizeof(out->lang));
	if ((rc = make ? customer_make(cf, &who, out->lang, &cid, e) :
	    customer_lang(cf, cid, out->lang, nc->lang != NULL, e)) != 0)
		return rc;
	out->severity = out->v.severity;
	if (nc->severity != NULL)
		case_severity(nc->severity, &out->severity);
	if ((rc = policy_due(cf, "ack", out->severity, t, &out->ack_due,
	    e)) != 0 || (rc = policy_due(cf, "resolve", out->severity, t,
	    &out->resolve_due, e)) != 0)
		return rc;

	if ((st = db_prepare(cf, ins, e)) == NULL)
		return e->code;
	if (cid != 0)
		sqlite3_bind_int64(st, 1, cid);
	db_bind_text(st, 2, nc->ref);
	sqlite3_bind_text(st, 3, received, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, out->severity);
	db_bind_text(st, 6, nc->channel);
	db_bind_text(st, 7, nc->product);
	db_bind_text(st, 8, nc->order);
	if (mp != NULL) {
		sqlite3_bind_int64(st, 9, mp->minor);
		sqlite3_bind_text(st, 10, mp->cur, -1, SQLITE_STATIC);
	}
	db_bind_text(st, 11, nc->employee);
	sqlite3_bind_text(st, 12, nc->summary, -1, SQLITE_STATIC);
	db_bind_text(st, 13, nc->description);
	db_bind_text(st, 14, out->v.flags);
	sqlite3_bind_text(st, 15, timefmt_iso(out->ack_due, ack), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 16, timefmt_iso(out->resolve_due, res), -1,
	    SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	out->id = sqlite3_last_insert_rowid(cf->db);
	if ((rc = attachments(cf, out->id, nc, e)) != 0)
		return rc;

	for (size_t i = 0; i < nc->ntags; i++) {
		if ((st = db_prepare(cf, tag, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, out->id);
		sqlite3_bind_text(st, 2, nc->tags[i], -1, SQLITE_STATIC);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	for (size_t i = 0; i < nc->nextra; i++) {
		if ((st = db_prepare(cf, extra, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, out->id);
		sqlite3_bind_text(st, 2, nc->xname[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, nc->xvalue[i], -1, SQLITE_STATIC);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	if (new_content(&b, out->id, cid, nc, received, note, out,
	    mp) != 0) {
		buf_free(&b);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	rc = case_event(cf, out->id, "new", NULL, "new", *note != '\0' ?
	    note : NULL, b.s, e);
	buf_free(&b);
	return rc;
}
