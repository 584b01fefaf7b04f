/*
 * correct.c: corrections of a case after intake, each logged with what
 * it was and what it became: a person's grade of its severity, and edits
 * of its fields and of its customer's contacts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define LINE_MAX_	200
#define REASON_MAX	4096

static int
check_reason(const char *reason, struct cerror *e)
{
	if (reason == NULL || *reason == '\0')
		return cerror_set(e, EX_USAGE, "a reason is needed: give it "
		    "with -m");
	if (strlen(reason) > REASON_MAX || !text_utf8ok(reason,
	    strlen(reason)))
		return cerror_set(e, EX_DATAERR, "the reason is not UTF-8 or "
		    "is longer than %d bytes", REASON_MAX);
	return 0;
}

/* A case that can be corrected: there, and not merged into another. */
static int
check_case(struct casefile *cf, int64_t id, struct cerror *e)
{
	char	 status[16];
	int	 rc;

	if ((rc = state_get(cf, id, status, sizeof(status), e)) != 0)
		return rc;
	if (strcmp(status, "merged") == 0)
		return cerror_set(e, EX_DATAERR, "case %lld was merged; "
		    "correct the case it was merged into", (long long)id);
	return offer_expire(cf, id, e);
}

int
correct_grade(struct casefile *cf, int64_t id, const char *severity,
    const char *reason, int *sev, char ack[TIMEFMT_LEN],
    char res[TIMEFMT_LEN], struct cerror *e)
{
	static const char get[] = "SELECT severity, received FROM cases"
	    " WHERE id = ?";
	static const char set[] = "UPDATE cases SET severity = ?2,"
	    " ack_due = ?3, resolve_due = ?4, graded = ?5, updated = ?5"
	    " WHERE id = ?1";
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 vis[64], received[TIMEFMT_LEN], now[TIMEFMT_LEN];
	time_t		 t, d;
	int		 rc, was = 0;

	if (case_severity(severity, sev) != 0)
		return cerror_set(e, EX_DATAERR, "no severity %s; give low, "
		    "medium, high or critical", text_vis(vis, sizeof(vis),
		    severity));
	if ((rc = check_reason(reason, e)) != 0 ||
	    (rc = check_case(cf, id, e)) != 0)
		return rc;
	if ((st = db_prepare(cf, get, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		was = sqlite3_column_int(st, 0);
		strlcpy(received, (const char *)sqlite3_column_text(st, 1),
		    sizeof(received));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	if (was == *sev)
		return cerror_set(e, EX_USAGE, "case %lld is %s already; "
		    "nothing to change", (long long)id,
		    case_severity_name(*sev));
	/* The clocks run from the complaint's arrival, as at intake. */
	if ((rc = timefmt_parse(received, 0, -1, &t, e)) != 0 ||
	    (rc = policy_due(cf, "ack", *sev, t, &d, e)) != 0)
		return rc;
	timefmt_iso(d, ack);
	if ((rc = policy_due(cf, "resolve", *sev, t, &d, e)) != 0)
		return rc;
	timefmt_iso(d, res);
	if ((st = db_prepare(cf, set, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, *sev);
	sqlite3_bind_text(st, 3, ack, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, res, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_STATIC);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", id);
	rc |= text_json_str(&c, "severity", case_severity_name(*sev));
	rc |= text_json_str(&c, "was", case_severity_name(was));
	rc |= text_json_str(&c, "ack_due", ack);
	rc |= text_json_str(&c, "resolve_due", res);
	rc |= text_json_str(&c, "reason", reason);
	rc |= buf_puts(&c, "}");
	if (rc != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = case_event(cf, id, "grade", NULL, NULL, reason, c.s, e);
	buf_free(&c);
	return rc;
}

/* One line of at most LINE_MAX_ bytes, UTF-8, no control characters. */
static int
check_line(const char *field, const char *s, struct cerror *e)
{
	size_t	 n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n == 0 || n > LINE_MAX_ || !text_utf8ok(s, n))
		return cerror_set(e, EX_DATAERR, "--%s: give 1 to %d bytes of "
		    "UTF-8", field, LINE_MAX_);
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return cerror_set(e, EX_DATAERR, "--%s holds a control "
			    "character; give it on one line", field);
	return 0;
}

static int
check_values(const struct edit *ed, struct cerror *e)
{
	const char	*at;
	char		 vis[80];
	int		 rc;

	if ((rc = check_line("name", ed->name, e)) != 0 ||
	    (rc = check_line("email", ed->email, e)) != 0 ||
	    (rc = check_line("phone", ed->phone, e)) != 0 ||
	    (rc = check_line("product", ed->product, e)) != 0 ||
	    (rc = check_line("order", ed->order, e)) != 0 ||
	    (rc = check_line("employee", ed->employee, e)) != 0)
		return rc;
	if (ed->email != NULL && ((at = strchr(ed->email, '@')) == NULL ||
	    at == ed->email || strchr(at + 1, '.') == NULL ||
	    strchr(ed->email, ' ') != NULL))
		return cerror_set(e, EX_DATAERR, "--email %s: not an e-mail "
		    "address", text_vis(vis, sizeof(vis), ed->email));
	if (ed->phone != NULL && (strspn(ed->phone, "+0123456789 -().") !=
	    strlen(ed->phone) || strpbrk(ed->phone, "0123456789") == NULL))
		return cerror_set(e, EX_DATAERR, "--phone %s: give digits, "
		    "spaces and + - ( ) only", text_vis(vis, sizeof(vis),
		    ed->phone));
	return 0;
}

/* Text of column i, "" when NULL, into out. */
static void
col(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	strlcpy(out, s != NULL ? s : "", size);
}

struct change {
	const char	*field;
	char		 before[LINE_MAX_ + MONEY_LEN];
	char		 after[LINE_MAX_ + MONEY_LEN];
};

/* Add a change when the value is given and differs. */
static void
change(struct change *ch, size_t *n, const char *field, const char *before,
    const char *after)
{
	if (after == NULL || strcmp(before, after) == 0)
		return;
	ch[*n].field = field;
	strlcpy(ch[*n].before, before, sizeof(ch[*n].before));
	strlcpy(ch[*n].after, after, sizeof(ch[*n].after));
	(*n)++;
}

/* Another customer than cid with this e-mail (or phone); 0 when none. */
static int
other_customer(struct casefile *cf, int64_t cid, const char *email,
    const char *phone, int64_t *to, struct cerror *e)
{
	static const char sql[] = "SELECT id FROM customers WHERE id <> ?1"
	    " AND (email = ?2 COLLATE NOCASE OR phone = ?3) ORDER BY id LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	*to = 0;
	if (email == NULL && phone == NULL)
		return 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, cid);
	db_bind_text(st, 2, email);
	db_bind_text(st, 3, phone);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*to = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(cf, rc, e);
}

/* Run sql with ?1..?n bound to the int64 a, b and texts t1..t3. */
static int
run(struct casefile *cf, const char *sql, int64_t a, int64_t b,
    const char *t1, const char *t2, const char *t3, struct cerror *e)
{
	sqlite3_stmt	*st;
	char		 now[TIMEFMT_LEN];

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	db_bind_text(st, 3, t1);
	db_bind_text(st, 4, t2);
	db_bind_text(st, 5, t3);
	if (sqlite3_bind_parameter_count(st) >= 6)
		sqlite3_bind_text(st, 6, timefmt_iso(casefile_now(cf), now),
		    -1, SQLITE_TRANSIENT);
	return db_done(cf, st, e);
}

/*
 * The customer's part of an edit: the record updated when the case is
 * its only one (or with all), else the case moved to a record of its
 * own; a contact that names another customer moves it there.
 */
static int
edit_customer(struct casefile *cf, int64_t id, int64_t cid,
    const struct edit *ed, int64_t *to, struct cerror *e)
{
	static const char count[] = "SELECT count(*) FROM cases"
	    " WHERE customer = ?";
	static const char upd[] = "UPDATE customers SET name = coalesce(?3,"
	    " name), email = coalesce(?4, email), phone = coalesce(?5, phone)"
	    " WHERE id = ?1 AND ?2 = ?2";
	static const char ins[] = "INSERT INTO customers (name, email,"
	    " phone, lang, created) SELECT coalesce(?3, u.name),"
	    " coalesce(?4, u.email), coalesce(?5, u.phone), u.lang, ?6"
	    " FROM (SELECT 1) LEFT JOIN customers u ON u.id = ?1"
	    " WHERE ?2 = ?2";
	static const char one[] = "UPDATE cases SET customer = ?2"
	    " WHERE id = ?1";
	static const char all[] = "UPDATE cases SET customer = ?2"
	    " WHERE customer = ?1";
	sqlite3_stmt	*st;
	int64_t		 n = 0;
	int		 rc;

	*to = cid;
	if ((rc = other_customer(cf, cid, ed->email, ed->phone, to, e)) != 0)
		return rc;
	if (*to == 0) {
		if ((st = db_prepare(cf, count, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, cid);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return db_error(cf, rc, e);
		if (cid != 0 && (n <= 1 || ed->all)) {
			*to = cid;
			return run(cf, upd, cid, 0, ed->name, ed->email,
			    ed->phone, e);
		}
		if ((rc = run(cf, ins, cid, 0, ed->name, ed->email, ed->phone,
		    e)) != 0)
			return rc;
		*to = sqlite3_last_insert_rowid(cf->db);
	}
	if (ed->all && cid != 0)
		return run(cf, all, cid, *to, NULL, NULL, NULL, e);
	return run(cf, one, id, *to, NULL, NULL, NULL, e);
}

int
correct_edit(struct casefile *cf, int64_t id, const struct edit *ed,
    row_fn *fn, void *arg, struct cerror *e)
{
	static const char get[] = "SELECT coalesce(c.customer, 0), u.name,"
	    " u.email, u.phone, c.product, c.order_ref, c.amount, c.currency,"
	    " c.employee FROM cases c LEFT JOIN customers u"
	    " ON u.id = c.customer WHERE c.id = ?";
	static const char upd[] = "UPDATE cases SET"
	    " product = coalesce(?3, product), order_ref = coalesce(?4, order_ref),"
	    " employee = coalesce(?5, employee), updated = ?6"
	    " WHERE id = ?1 AND ?2 = ?2";
	static const char money_upd[] = "UPDATE cases SET amount = ?2,"
	    " currency = ?3 WHERE id = ?1";
	static const char *const names[] = { "case", "field", "before",
	    "after" };
	static const int types[] = { VAL_INT, VAL_TEXT, VAL_TEXT, VAL_TEXT };
	struct change	 ch[7];
	struct money	 m, old;
	struct buf	 c = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 v[7][LINE_MAX_ + 1], cur[8], idtext[24];
	char		 before[MONEY_LEN] = "", after[MONEY_LEN] = "";
	const char	*val[4];
	struct row	 r = { 4, names, val, types };
	int64_t		 cid, to;
	size_t		 n = 0;
	int		 rc, cust;
	struct edit	 norm;
	struct cerror	 unset;
	char		 iso[8], phone[64];

	if (ed->name == NULL && ed->email == NULL && ed->phone == NULL &&
	    ed->product == NULL && ed->order == NULL && ed->amount == NULL &&
	    ed->employee == NULL)
		return cerror_set(e, EX_USAGE, "nothing to change: give "
		    "--name, --email, --phone, --product, --order, --amount "
		    "or --employee");
	if ((rc = check_values(ed, e)) != 0 ||
	    (rc = check_reason(ed->reason, e)) != 0 ||
	    (rc = check_case(cf, id, e)) != 0)
		return rc;
	/* A phone is kept in E.164, as intake keeps it (phone.c). */
	if (ed->phone != NULL) {
		if (casefile_setting(cf, "phone.country", iso, sizeof(iso),
		    &unset) != 0)
			*iso = '\0';
		if (phone_norm(ed->phone, iso, phone, sizeof(phone)) != 0)
			return cerror_set(e, EX_DATAERR, "--phone %s: not a "
			    "phone number", text_vis(v[0], sizeof(v[0]),
			    ed->phone));
		norm = *ed;
		norm.phone = phone;
		ed = &norm;
	}
	if ((st = db_prepare(cf, get, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cid = sqlite3_column_int64(st, 0);
		for (int i = 0; i < 6; i++)
			col(st, i + 1, v[i], sizeof(v[i]));
		col(st, 7, cur, sizeof(cur));
		col(st, 8, v[6], sizeof(v[6]));
		if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
			old.minor = sqlite3_column_int64(st, 6);
			strlcpy(old.cur, cur, sizeof(old.cur));
			money_format(&old, before);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	if (ed->amount != NULL) {
		if (casefile_setting(cf, "currency", cur, sizeof(cur), e) != 0)
			return e->code;
		if (money_parse(ed->amount, cur, 0, &m, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "--amount");
		money_format(&m, after);
	}
	change(ch, &n, "name", v[0], ed->name);
	change(ch, &n, "email", v[1], ed->email);
	change(ch, &n, "phone", v[2], ed->phone);
	cust = n > 0;
	change(ch, &n, "product", v[3], ed->product);
	change(ch, &n, "order", v[4], ed->order);
	change(ch, &n, "amount", before, ed->amount != NULL ? after : NULL);
	change(ch, &n, "employee", v[6], ed->employee);
	if (n == 0)
		return cerror_set(e, EX_USAGE, "case %lld has these values "
		    "already; nothing to change", (long long)id);
	to = cid;
	if (cust && (rc = edit_customer(cf, id, cid, ed, &to, e)) != 0)
		return rc;
	if ((rc = run(cf, upd, id, 0, ed->product, ed->order, ed->employee,
	    e)) != 0)
		return rc;
	if (ed->amount != NULL) {
		if ((st = db_prepare(cf, money_upd, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, m.minor);
		sqlite3_bind_text(st, 3, m.cur, -1, SQLITE_TRANSIENT);
		if ((rc = db_done(cf, st, e)) != 0)
			return rc;
	}
	rc = buf_puts(&c, "{");
	rc |= text_json_int(&c, "case", id);
	rc |= buf_puts(&c, ",\"changes\":[");
	for (size_t i = 0; i < n; i++) {
		rc |= buf_puts(&c, i ? ",{\"field\":" : "{\"field\":");
		rc |= text_json(&c, ch[i].field);
		rc |= buf_puts(&c, ",\"before\":");
		rc |= text_json(&c, ch[i].before);
		rc |= text_json_str(&c, "after", ch[i].after);
		rc |= buf_puts(&c, "}");
	}
	rc |= buf_puts(&c, "]");
	if (to != cid)
		rc |= buf_printf(&c, ",\"customer\":{\"from\":%lld,\"to\":%lld}",
		    (long long)cid, (long long)to);
	rc |= text_json_str(&c, "reason", ed->reason);
	rc |= buf_puts(&c, "}");
	if (rc != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	else
		rc = case_event(cf, id, "edit", NULL, NULL, ed->reason, c.s, e);
	buf_free(&c);
	if (rc != 0)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	val[0] = idtext;
	for (size_t i = 0; i < n + (to != cid) && rc == 0; i++) {
		char	 a[24], b[24];

		if (i < n) {
			val[1] = ch[i].field;
			val[2] = ch[i].before;
			val[3] = ch[i].after;
		} else {
			snprintf(b, sizeof(b), "%lld", (long long)cid);
			snprintf(a, sizeof(a), "%lld", (long long)to);
			val[1] = "customer";
			val[2] = cid != 0 ? b : "";
			val[3] = a;
		}
		if ((rc = fn(arg, &r)) != 0)
			rc = cerror_set(e, rc, "cannot write output");
	}
	return rc;
}
