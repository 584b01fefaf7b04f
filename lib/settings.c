/*
 * settings.c: changing and listing the settings a user may set, each
 * value checked for what it must be before it is written and logged.
 * Above policy.c, triage.c and names.c, whose values it checks;
 * casefile.c only reads a setting (casefile_setting).
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

/*
 * The settings a user may change, each with what its value must be.  A
 * key of a family (sla.ack.3, ack.template.sv, hook.pre-close) is matched
 * by its prefix.
 */
static const struct {
	const char	*key;
	int		 prefix;
	enum { V_TEXT, V_MS, V_CURRENCY, V_SPAN, V_MONEY, V_SEVERITY,
	    V_WORDS, V_LANG, V_TZ, V_WEEK, V_DATES, V_COUNTRY, V_KEY,
	    V_SECONDS, V_TEMPLATE } kind;
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
	{ "ack.template.", 1, V_TEMPLATE },
	{ "message.", 1, V_TEMPLATE },
	{ "escalate.hook", 0, V_TEXT },
	{ "hook.timeout", 0, V_SECONDS },
	{ "hook.", 1, V_TEXT },
	{ "audit.keyfile", 0, V_KEY },
};

static int
check_setting(struct casefile *cf, const char *key, const char *v,
    struct cerror *e)
{
	struct workweek	 w;
	struct money	 m;
	struct cerror	 none;
	const char	*errstr;
	char		 cur[8], vis[80], lang[4], old[1024];
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
	case V_SECONDS:
		strtonum(v, 1, HOOK_TIMEOUT_MAX, &errstr);
		if (errstr != NULL)
			return cerror_set(e, EX_DATAERR, "%s: give whole "
			    "seconds from 1 to %d", key, HOOK_TIMEOUT_MAX);
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
	case V_TEMPLATE:
		return template_check(key, v, e);
	case V_KEY:
		/* A key set already must be the same key. */
		return audit_keycheck(cf, v, casefile_setting(cf,
		    "audit.keyfile", old, sizeof(old), &none) == 0 ? old :
		    NULL, e);
	default:
		break;
	}
	return 0;
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
