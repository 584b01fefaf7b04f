/*
 * anonymise.c: erase a customer from the case file.  Their own cases lose
 * their words outright; every other free-text column loses each mention
 * of their name, e-mail or phone; the audit entries holding them are
 * redacted; and the freed bytes are overwritten and the WAL emptied, so
 * no copy stays in the file (complaint(5), "Anonymising").
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

#define ANON		"(anonymised)"
#define NEEDLES		64

/* What identifies the person in free text. */
struct needles {
	struct {
		char	*s;
		int	 kind;		/* N_WORD, N_TEXT, N_PHONE */
	} v[NEEDLES];
	size_t	 n;
};
enum { N_WORD, N_TEXT, N_PHONE };

static int
wordch(int c)
{
	return isalnum(c) || c >= 0x80 || c == '_';
}

static int
sepch(int c)
{
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
	    c == '/';
}

static void
needle_add(struct needles *nd, const char *s, size_t len, int kind)
{
	char	*p;

	if (len == 0 || nd->n == NEEDLES)
		return;
	for (size_t i = 0; i < nd->n; i++)
		if (nd->v[i].kind == kind && strlen(nd->v[i].s) == len &&
		    strncasecmp(nd->v[i].s, s, len) == 0)
			return;
	if ((p = strndup(s, len)) == NULL)
		return;
	nd->v[nd->n].s = p;
	nd->v[nd->n++].kind = kind;
}

/*
 * A name as a whole, and each of its words of three letters or more; an
 * e-mail as it is; a phone as its digits (E.164 without the +, or the
 * digits stored).
 */
static void
needles_person(struct needles *nd, const char *name, const char *email,
    const char *phone)
{
	const char	*p, *q;
	char		 d[32];
	size_t		 n = 0;

	if (name != NULL && strcmp(name, ANON) != 0) {
		needle_add(nd, name, strlen(name), N_WORD);
		for (p = name; *p != '\0'; p = q) {
			while (*p != '\0' && !wordch((unsigned char)*p))
				p++;
			for (q = p; *q != '\0' && (wordch((unsigned char)*q) ||
			    *q == '-' || *q == '\''); q++)
				;
			if (q - p >= 3)
				needle_add(nd, p, (size_t)(q - p), N_WORD);
		}
	}
	if (email != NULL)
		needle_add(nd, email, strlen(email), N_TEXT);
	if (phone != NULL) {
		for (p = phone; *p != '\0' && n < sizeof(d) - 1; p++)
			if (*p >= '0' && *p <= '9')
				d[n++] = *p;
		if (n >= 6)
			needle_add(nd, d, n, N_PHONE);
	}
}

static void
needles_free(struct needles *nd)
{
	for (size_t i = 0; i < nd->n; i++)
		free(nd->v[i].s);
	nd->n = 0;
}

/*
 * Whether the digits d (n of them) are the phone p written some way:
 * all of it, with 00 for the +, or nationally as 0 and what follows a
 * country code of one to three digits.
 */
static int
phone_is(const char *p, const char *d, size_t n)
{
	size_t	 len = strlen(p), cc;

	if (n == len && memcmp(d, p, n) == 0)
		return 1;
	if (n == len + 2 && memcmp(d, "00", 2) == 0 && memcmp(d + 2, p,
	    len) == 0)
		return 1;
	for (cc = 1; cc <= 3 && len > cc + 6; cc++)
		if (n == len - cc + 1 && d[0] == '0' && memcmp(d + 1, p + cc,
		    len - cc) == 0)
			return 1;
	return 0;
}

/* The length of a mention of the person at s[i], or 0. */
static size_t
mention(const struct needles *nd, const char *s, size_t i, size_t len)
{
	size_t	 best = 0, n, j, k;
	char	 d[40];

	for (k = 0; k < nd->n; k++) {
		const char *p = nd->v[k].s;

		n = strlen(p);
		switch (nd->v[k].kind) {
		case N_WORD:
			if (i > 0 && wordch((unsigned char)s[i - 1]))
				break;
			if (i + n < len && wordch((unsigned char)s[i + n]))
				break;
			/* FALLTHROUGH */
		case N_TEXT:
			if (n <= len - i && n > best &&
			    strncasecmp(s + i, p, n) == 0)
				best = n;
			break;
		case N_PHONE:
			if ((s[i] != '+' && !isdigit((unsigned char)s[i])) ||
			    (i > 0 && isdigit((unsigned char)s[i - 1])))
				break;
			n = 0;
			for (j = i + (s[i] == '+'); j < len && n < sizeof(d);
			    j++) {
				if (isdigit((unsigned char)s[j]))
					d[n++] = s[j];
				else if (!sepch((unsigned char)s[j]) ||
				    j + 1 == len ||
				    !isdigit((unsigned char)s[j + 1]))
					break;
				if ((j + 1 == len ||
				    !isdigit((unsigned char)s[j + 1])) &&
				    phone_is(p, d, n) && j + 1 - i > best)
					best = j + 1 - i;
			}
			break;
		}
	}
	return best;
}

/* anon_has(text): 1 when text mentions the person. */
static void
sql_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct needles *nd = sqlite3_user_data(ctx);
	const char	*s = (const char *)sqlite3_value_text(argv[0]);
	size_t		 len = (size_t)sqlite3_value_bytes(argv[0]);

	(void)argc;
	for (size_t i = 0; s != NULL && i < len; i++)
		if (mention(nd, s, i, len) > 0) {
			sqlite3_result_int(ctx, 1);
			return;
		}
	sqlite3_result_int(ctx, 0);
}

/* anon_mask(text): text with each mention of the person replaced. */
static void
sql_mask(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct needles *nd = sqlite3_user_data(ctx);
	const char	*s = (const char *)sqlite3_value_text(argv[0]);
	size_t		 len = (size_t)sqlite3_value_bytes(argv[0]), i, m;
	struct buf	 b = { NULL, 0, 0 };
	int		 rc = 0;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	for (i = 0; i < len; ) {
		if ((m = mention(nd, s, i, len)) > 0) {
			rc |= buf_puts(&b, ANON);
			i += m;
		} else
			rc |= buf_add(&b, s + i++, 1);
	}
	if (rc != 0 || buf_puts(&b, "") != 0) {
		buf_free(&b);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, b.s, -1, SQLITE_TRANSIENT);
	buf_free(&b);
}

/* The person, and any customer merged into them, as needles. */
static int
who(struct casefile *cf, int64_t cid, struct needles *nd, struct cerror *e)
{
	static const char sql[] = "SELECT name, email, phone FROM customers"
	    " WHERE id = ?1 UNION ALL SELECT json_extract(content, '$.name'),"
	    " json_extract(content, '$.email'), json_extract(content,"
	    " '$.phone') FROM audit WHERE action = 'merge-customer'"
	    " AND redacted IS NULL AND json_valid(content)"
	    " AND json_extract(content, '$.customer') = ?1";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		needles_person(nd, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

/* Their own cases: ?1 is the customer, ?2 the time. */
#define OWN	"(SELECT id FROM cases WHERE customer = ?1)"
/* Accounts that are theirs: complainant in their cases, or named so. */
#define THEIRS	"(SELECT id FROM accounts WHERE role = 'complainant'"	\
    " AND case_id IN " OWN " OR anon_has(party))"

/*
 * Each column that can hold personal data, as complaint(5) lists them:
 * first their own cases' words, then every mention anywhere else.
 */
static const char *const wipe[] = {
	"UPDATE customers SET name = '" ANON "', email = NULL,"
	    " phone = NULL, anonymised = ?2 WHERE id = ?1",
	/* the ref becomes a one-way token: a redelivery of the same mail
	 * or row is still "already case N" */
	"UPDATE cases SET ref = 'sha256:' || sha256(ref) WHERE customer = ?1"
	    " AND ref NOT GLOB 'sha256:*'",
	"UPDATE cases SET summary = '" ANON "', description = NULL,"
	    " order_ref = NULL WHERE customer = ?1",
	"UPDATE fields SET value = '" ANON "' WHERE case_id IN " OWN,
	"UPDATE statements SET text = '" ANON "' WHERE account IN " THEIRS,
	"UPDATE recordings SET path = '" ANON "' WHERE account IN"
	    " (SELECT id FROM accounts WHERE case_id IN " OWN
	    " OR id IN " THEIRS ")",
	"UPDATE accounts SET party = '" ANON "' WHERE id IN " THEIRS,
	"UPDATE events SET note = NULL WHERE case_id IN " OWN,
	"UPDATE communications SET text = '" ANON "', party = NULL,"
	    " subject = NULL, msgid = NULL WHERE case_id IN " OWN,
	"UPDATE proposals SET note = NULL WHERE case_id IN " OWN,
	"UPDATE escalations SET reason = '" ANON "', ticket = NULL"
	    " WHERE case_id IN " OWN,
	"UPDATE decisions SET rationale = '" ANON "' WHERE case_id IN " OWN,
	"UPDATE followups SET note = NULL WHERE case_id IN " OWN,
	"UPDATE attachments SET name = NULL, path = NULL, note = NULL"
	    " WHERE case_id IN " OWN,
	"UPDATE discrepancies SET facets = NULL WHERE case_id IN " OWN,
	"UPDATE explanations SET text = '" ANON "' WHERE discrepancy IN"
	    " (SELECT id FROM discrepancies WHERE case_id IN " OWN ")",
	/* a tag is a key: one that names them goes */
	"DELETE FROM tags WHERE anon_has(tag)",
	/* mentions anywhere, their own lessons included */
	"UPDATE cases SET summary = anon_mask(summary) WHERE anon_has(summary)",
	"UPDATE cases SET description = anon_mask(description)"
	    " WHERE anon_has(description)",
	"UPDATE cases SET order_ref = anon_mask(order_ref)"
	    " WHERE anon_has(order_ref)",
	"UPDATE cases SET lesson = anon_mask(lesson) WHERE anon_has(lesson)",
	"UPDATE fields SET value = anon_mask(value) WHERE anon_has(value)",
	"UPDATE statements SET text = anon_mask(text) WHERE anon_has(text)",
	"UPDATE recordings SET path = anon_mask(path) WHERE anon_has(path)",
	"UPDATE events SET note = anon_mask(note) WHERE anon_has(note)",
	"UPDATE communications SET text = anon_mask(text) WHERE anon_has(text)",
	"UPDATE communications SET party = anon_mask(party)"
	    " WHERE anon_has(party)",
	"UPDATE communications SET subject = anon_mask(subject)"
	    " WHERE anon_has(subject)",
	"UPDATE proposals SET note = anon_mask(note) WHERE anon_has(note)",
	"UPDATE escalations SET reason = anon_mask(reason)"
	    " WHERE anon_has(reason)",
	"UPDATE escalations SET ticket = anon_mask(ticket)"
	    " WHERE anon_has(ticket)",
	"UPDATE decisions SET rationale = anon_mask(rationale)"
	    " WHERE anon_has(rationale)",
	"UPDATE followups SET note = anon_mask(note) WHERE anon_has(note)",
	"UPDATE attachments SET name = anon_mask(name) WHERE anon_has(name)",
	"UPDATE attachments SET path = anon_mask(path) WHERE anon_has(path)",
	"UPDATE attachments SET note = anon_mask(note) WHERE anon_has(note)",
	"UPDATE discrepancies SET facets = anon_mask(facets)"
	    " WHERE anon_has(facets)",
	"UPDATE explanations SET text = anon_mask(text) WHERE anon_has(text)",
};

/*
 * The audit entries holding them: of their cases, naming them, or the
 * merge of another customer into them (their other contacts).
 */
#define HOLDING	" WHERE redacted IS NULL AND (case_id IN " OWN		\
    " OR anon_has(content) OR (action = 'merge-customer'"		\
    " AND json_valid(content) AND (json_extract(content, '$.customer')"	\
    " = ?1 OR json_extract(content, '$.merged') = ?1)))"

int
resolve_anonymise(struct casefile *cf, int64_t cid, struct cerror *e)
{
	/*
	 * Counts, amounts, dates and causes stay.  The audit entries keep
	 * their hashes, so the chain still verifies and shows what was
	 * redacted and when; the anonymise entry names each with its hash.
	 */
	static const char list[] = "SELECT id, content_hash FROM audit"
	    HOLDING " ORDER BY id";
	static const char redact[] = "UPDATE audit SET"
	    " content = '{\"redacted\":true}', redacted = ?2" HOLDING;
	struct needles	 nd;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];
	size_t		 i;
	int		 rc, n = 0;

	memset(&nd, 0, sizeof(nd));
	if ((rc = audit_flush(cf, e)) != 0)
		return rc;
	/* Freed pages and cells are overwritten, not left for strings(1). */
	if ((rc = sqlite3_exec(cf->db, "PRAGMA secure_delete = ON", NULL,
	    NULL, NULL)) != SQLITE_OK)
		return db_error(cf, rc, e);
	if ((rc = who(cf, cid, &nd, e)) != 0)
		goto out;
	if ((rc = sqlite3_create_function(cf->db, "anon_has", 1, SQLITE_UTF8,
	    &nd, sql_has, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_create_function(cf->db, "anon_mask", 1, SQLITE_UTF8,
	    &nd, sql_mask, NULL, NULL)) != SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	timefmt_iso(casefile_now(cf), now);
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "customer", cid);
	rc |= buf_puts(&c, ",\"redacted\":[");
	if (rc != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if ((rc = sqlite3_prepare_v2(cf->db, list, -1, &st, NULL)) !=
	    SQLITE_OK) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	sqlite3_bind_int64(st, 1, cid);
	while (sqlite3_step(st) == SQLITE_ROW)
		rc |= buf_printf(&c, "%s[%lld,\"%s\"]", n++ ? "," : "",
		    (long long)sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1));
	if (sqlite3_finalize(st) != SQLITE_OK) {
		rc = db_error(cf, sqlite3_errcode(cf->db), e);
		goto out;
	}
	rc |= buf_puts(&c, "]}");
	if (rc != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	/* Run once: prepared here, not kept in the statement cache. */
	for (i = 0; i <= sizeof(wipe) / sizeof(wipe[0]); i++) {
		if ((rc = sqlite3_prepare_v2(cf->db, i < sizeof(wipe) /
		    sizeof(wipe[0]) ? wipe[i] : redact, -1, &st, NULL)) !=
		    SQLITE_OK) {
			rc = db_error(cf, rc, e);
			goto out;
		}
		sqlite3_bind_int64(st, 1, cid);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			rc = db_error(cf, rc, e);
			goto out;
		}
	}
	rc = 0;
	if ((rc = audit_append(cf, 0, "anonymise", c.s, e)) == 0)
		cf->checkpoint = 1;
out:
	/* The functions point at nd: gone with it. */
	sqlite3_create_function(cf->db, "anon_has", 1, SQLITE_UTF8, NULL,
	    NULL, NULL, NULL);
	sqlite3_create_function(cf->db, "anon_mask", 1, SQLITE_UTF8, NULL,
	    NULL, NULL, NULL);
	needles_free(&nd);
	buf_free(&c);
	return rc;
}
