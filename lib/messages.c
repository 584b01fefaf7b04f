/*
 * messages.c: the texts a tool writes for the customer (the acknowledgement,
 * a decision, the offers, the satisfaction check), in the customer's
 * language, each recorded on its case as an e-mail sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

/* The languages the texts come in, as columns of the tables below. */
static const char *const langs[] = { "en", "id", "sv" };
#define NLANG	(sizeof(langs) / sizeof(langs[0]))

/*
 * The texts when no setting overrides them (the acknowledgement's come
 * as settings with the case file).  They state the outcome and ask; they
 * blame no one, neither the customer nor an employee.
 */
static const char *const builtin[][NLANG] = {
	[TPL_DECIDE] = {
	    "Dear {name},\n\nWe have now looked carefully at your complaint, "
	    "case {case}, and at everything on record about it. "
	    "{outcome}\n\nOur reasons: {reason}\n\nIf you feel we have "
	    "missed something, please reply to this message and we will "
	    "look at it again.\n",
	    "Yth. {name},\n\nKami telah meninjau keluhan Anda (kasus {case}) "
	    "dengan saksama, termasuk semua catatan yang berkaitan. "
	    "{outcome}\n\nPertimbangan kami: {reason}\n\nBila menurut Anda "
	    "ada hal yang terlewat, silakan balas pesan ini dan kami akan "
	    "meninjaunya kembali.\n",
	    "Hej {name},\n\nVi har nu gått igenom ditt klagomål, ärende "
	    "{case}, och allt underlag som hör till det. {outcome}\n\n"
	    "Så här har vi resonerat: {reason}\n\nOm du tycker att vi har "
	    "missat något är du välkommen att svara på det här "
	    "meddelandet, så tittar vi på det igen.\n" },
	[TPL_PROPOSE] = {
	    "Dear {name},\n\nThank you for your patience with case {case}. "
	    "To put things right, we would like to offer you:\n\n"
	    "{options}\n\nWould this work for you? Please reply to this "
	    "message and let us know.\n",
	    "Yth. {name},\n\nTerima kasih atas kesabaran Anda terkait kasus "
	    "{case}. Sebagai penyelesaian, kami ingin menawarkan:\n\n"
	    "{options}\n\nApakah tawaran ini sesuai bagi Anda? Mohon beri "
	    "tahu kami dengan membalas pesan ini.\n",
	    "Hej {name},\n\nTack för ditt tålamod med ärende {case}. För att "
	    "rätta till det här vill vi erbjuda dig:\n\n{options}\n\n"
	    "Skulle det fungera för dig? Svara gärna på det här "
	    "meddelandet och berätta vad du tycker.\n" },
	[TPL_FOLLOWUP] = {
	    "Dear {name},\n\nWe recently dealt with your complaint, case "
	    "{case}, and would like to know how it turned out for you. Are "
	    "you satisfied with how we resolved it? If you have a moment, "
	    "please reply with a score from 1 (not at all) to 5 "
	    "(completely), and tell us anything we could have done "
	    "better.\n",
	    "Yth. {name},\n\nBaru-baru ini kami menangani keluhan Anda, "
	    "kasus {case}, dan kami ingin tahu bagaimana hasilnya bagi Anda. "
	    "Apakah Anda puas dengan penyelesaiannya? Bila berkenan, mohon "
	    "balas dengan nilai 1 (sama sekali tidak puas) sampai 5 (sangat "
	    "puas), serta masukan tentang hal yang masih dapat kami "
	    "perbaiki.\n",
	    "Hej {name},\n\nVi har nyligen hanterat ditt klagomål, ärende "
	    "{case}, och vill gärna veta hur det blev för dig. Är du nöjd "
	    "med hur vi löste det? Om du har en stund över får du gärna "
	    "svara med ett betyg från 1 (inte alls) till 5 (helt och "
	    "hållet) och berätta vad vi kunde ha gjort bättre.\n" },
};

/* {outcome}: a decision as the customer reads it, by its favour. */
static const struct {
	const char	*favour;
	const char	*text[NLANG];
} outcomes[] = {
	{ "customer", { "We have decided in your favour.",
	    "Kami memutuskan untuk mengabulkan keluhan Anda.",
	    "Vi har kommit fram till att ge dig rätt." } },
	{ "company", { "We are sorry that we cannot uphold your complaint.",
	    "Dengan menyesal kami sampaikan bahwa keluhan Anda tidak dapat "
	    "kami kabulkan.",
	    "Vi beklagar, men vi kan inte ge dig rätt i ditt klagomål." } },
	{ "both", { "We have decided partly in your favour.",
	    "Kami memutuskan untuk mengabulkan sebagian keluhan Anda.",
	    "Vi har kommit fram till att ge dig rätt på vissa punkter." } },
};

/* {options}: each kind of offer, then "until" for its expiry. */
static const struct {
	const char	*kind;
	const char	*text[NLANG];
} offers[] = {
	{ "refund", { "a full refund", "pengembalian dana penuh",
	    "full återbetalning" } },
	{ "partial-refund", { "a partial refund",
	    "pengembalian sebagian dana", "delvis återbetalning" } },
	{ "discount", { "a discount", "potongan harga", "rabatt" } },
	{ "replacement", { "a replacement", "penggantian barang",
	    "en ersättningsvara" } },
	{ "repair", { "a repair at no cost to you",
	    "perbaikan tanpa biaya", "kostnadsfri reparation" } },
	{ "credit", { "a credit to your account", "kredit saldo ke akun Anda",
	    "ett tillgodohavande på ditt konto" } },
	{ "free-follow-up", { "a free follow-up visit",
	    "kunjungan lanjutan tanpa biaya",
	    "ett kostnadsfritt uppföljningsbesök" } },
	{ "apology", { "our formal apology", "permohonan maaf resmi dari kami",
	    "en formell ursäkt från oss" } },
	{ "process-change", { "a change in how we work, so that this does "
	    "not happen again", "perubahan cara kerja kami agar hal ini "
	    "tidak terulang", "en ändring i hur vi arbetar, så att det "
	    "inte händer igen" } },
	{ "other", { "another solution", "penyelesaian lain",
	    "en annan lösning" } },
	{ "until", { "open until", "berlaku sampai", "gäller till" } },
};

/* The column of lang in the tables, English for one they lack. */
static int
column(const char *lang)
{
	for (size_t i = 0; i < NLANG; i++)
		if (strcmp(lang, langs[i]) == 0)
			return (int)i;
	return 0;
}

/*
 * The template of kind in lang: its setting, else the built-in text,
 * else the setting or text of English.
 */
static int
pick(struct casefile *cf, int kind, const char *lang, char *t, size_t size,
    struct cerror *e)
{
	char	 key[64];

	if (casefile_setting(cf, template_key(kind, lang, key, sizeof(key)),
	    t, size, e) == 0)
		return 0;
	if (kind != TPL_ACK && (column(lang) != 0 || strcmp(lang,
	    "en") == 0)) {
		strlcpy(t, builtin[kind][column(lang)], size);
		return 0;
	}
	if (casefile_setting(cf, template_key(kind, "en", key, sizeof(key)),
	    t, size, e) == 0)
		return 0;
	if (kind == TPL_ACK)
		return e->code;
	strlcpy(t, builtin[kind][0], size);
	return 0;
}

/* {outcome} and {reason}: case id's latest decision. */
static int
decision(struct casefile *cf, int64_t id, int col, const char **outcome,
    char *reason, size_t size, struct cerror *e)
{
	static const char sql[] = "SELECT favour, rationale FROM decisions"
	    " WHERE case_id = ? ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st;
	const char	*f;
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(cf, rc, e);
		return cerror_set(e, EX_DATAERR, "case %lld has no decision "
		    "to write to the customer", (long long)id);
	}
	f = (const char *)sqlite3_column_text(st, 0);
	*outcome = outcomes[0].text[col];
	for (size_t i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++)
		if (strcmp(f, outcomes[i].favour) == 0)
			*outcome = outcomes[i].text[col];
	strlcpy(reason, (const char *)sqlite3_column_text(st, 1), size);
	sqlite3_reset(st);
	return 0;
}

/* {options}: the open offers of case id, one a line. */
static int
options(struct casefile *cf, int64_t id, int col, struct buf *b,
    struct cerror *e)
{
	static const char sql[] = "SELECT kind, amount, currency, note,"
	    " expires FROM proposals WHERE case_id = ?1 AND answer IS NULL"
	    " AND (expires IS NULL OR expires > ?2) ORDER BY id";
	const size_t	 n = sizeof(offers) / sizeof(offers[0]);
	sqlite3_stmt	*st;
	struct money	 m;
	const char	*kind, *what;
	char		 now[TIMEFMT_LEN], amount[MONEY_LEN];
	int		 rc, bad = 0, count = 0;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, timefmt_iso(casefile_now(cf), now), -1,
	    SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(st, 0);
		what = kind;
		for (size_t i = 0; i < n - 1; i++)
			if (strcmp(kind, offers[i].kind) == 0)
				what = offers[i].text[col];
		bad |= buf_printf(b, "%s- %s", count++ > 0 ? "\n" : "", what);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			m.minor = sqlite3_column_int64(st, 1);
			strlcpy(m.cur, (const char *)sqlite3_column_text(st,
			    2), sizeof(m.cur));
			bad |= buf_printf(b, ": %s", money_format(&m, amount));
		}
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			bad |= buf_printf(b, " (%s)",
			    (const char *)sqlite3_column_text(st, 3));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			bad |= buf_printf(b, ", %s %.10s",
			    offers[n - 1].text[col],
			    (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	if (bad)
		return cerror_set(e, EX_OSERR, "out of memory");
	if (count == 0)
		return cerror_set(e, EX_DATAERR, "case %lld has no open offer "
		    "to write to the customer", (long long)id);
	return 0;
}

/* {due}: the day the case is to be resolved by. */
static int
resolve_by(struct casefile *cf, sqlite3_stmt *st, char due[TIMEFMT_LEN],
    struct cerror *e)
{
	time_t	 t, d;
	int	 rc;

	strlcpy(due, (const char *)sqlite3_column_text(st, 2), TIMEFMT_LEN);
	if (*due == '\0') {
		if ((rc = timefmt_parse((const char *)sqlite3_column_text(st,
		    3), 0, -1, &t, e)) != 0 || (rc = policy_due(cf, "resolve",
		    sqlite3_column_int(st, 4), t, &d, e)) != 0)
			return rc;
		timefmt_iso(d, due);
	}
	due[10] = '\0';	/* the day is enough for a customer */
	return 0;
}

/* Record the text as an e-mail sent to the customer of case id. */
static int
record(struct casefile *cf, int64_t id, const char *subject,
    const char *text, struct cerror *e)
{
	struct comm	 c;
	int64_t		 cid;

	memset(&c, 0, sizeof(c));
	c.dir = "out";
	c.channel = "email";
	c.subject = subject;
	c.text = text;
	return comms_note(cf, id, &c, &cid, e);
}

int
messages_send(struct casefile *cf, int64_t id, int kind, struct buf *out,
    struct cerror *e)
{
	static const char sql[] =
	    "SELECT coalesce(u.name, ''), coalesce(u.lang, ''),"
	    " coalesce(c.resolve_due, ''), c.received, c.severity, c.summary"
	    " FROM cases c LEFT JOIN customers u ON u.id = c.customer"
	    " WHERE c.id = ?";
	sqlite3_stmt	*st;
	struct buf	 opts = { NULL, 0, 0 };
	const char	*vars[12], *outcome = "";
	char		 name[256], lang[16], caseno[24];
	char		 due[TIMEFMT_LEN] = "";
	char		 subject[512], tmpl[4096], reason[4096];
	size_t		 start;
	int		 rc, col;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? query_exists(cf, id, e) :
		    db_error(cf, rc, e);
	}
	strlcpy(name, (const char *)sqlite3_column_text(st, 0), sizeof(name));
	strlcpy(lang, (const char *)sqlite3_column_text(st, 1), sizeof(lang));
	/* [case N] in the subject threads the customer's reply. */
	snprintf(subject, sizeof(subject), "[case %lld] %s", (long long)id,
	    (const char *)sqlite3_column_text(st, 5));
	subject[strcspn(subject, "\r\n")] = '\0';
	rc = kind == TPL_ACK ? resolve_by(cf, st, due, e) : 0;
	sqlite3_reset(st);
	if (rc != 0)
		return rc;
	if (*lang == '\0' && casefile_setting(cf, "lang", lang, sizeof(lang),
	    e) != 0)
		strlcpy(lang, "en", sizeof(lang));
	col = column(lang);
	if (*name == '\0')
		strlcpy(name, "customer", sizeof(name));
	snprintf(caseno, sizeof(caseno), "%lld", (long long)id);
	*reason = '\0';
	if ((kind == TPL_DECIDE && (rc = decision(cf, id, col, &outcome,
	    reason, sizeof(reason), e)) != 0) ||
	    (kind == TPL_PROPOSE && (rc = options(cf, id, col, &opts,
	    e)) != 0) ||
	    (rc = pick(cf, kind, lang, tmpl, sizeof(tmpl), e)) != 0) {
		buf_free(&opts);
		return rc;
	}
	vars[0] = "name", vars[1] = name;
	vars[2] = "case", vars[3] = caseno;
	vars[4] = "due", vars[5] = due;
	vars[6] = "outcome", vars[7] = outcome;
	vars[8] = "reason", vars[9] = reason;
	vars[10] = NULL;
	if (kind == TPL_PROPOSE)
		vars[6] = "options", vars[7] = opts.s;
	if (buf_printf(out, "Subject: %s\n\n", subject) != 0) {
		buf_free(&opts);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	start = out->len;
	rc = template_fill(out, tmpl, vars);
	buf_free(&opts);
	if (rc != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	return record(cf, id, subject, out->s + start, e);
}
