/*
 * complaint-resolve: every step after intake, from acknowledging a case to
 * closing it with its root cause.  A step on several cases is one
 * transaction: when one case refuses it, none of them changes.
 */
#include <err.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "complaint.h"

static struct {
	const char	*file;
	const char	*note;		/* -m */
	const char	*team;		/* -t */
	const char	*ticket;
	const char	*approved_by;
	const char	*expires;
	const char	*favour;
	const char	*in;
	const char	*at;
	const char	*satisfied;
	const char	*cause;
	const char	*dir;		/* note: "in" or "out" */
	const char	*cite;		/* decide: "S12,D3" */
	int		 again;		/* explain: once more */
	int		 no_evidence;
	int		 despite_wait;
	const char	*channel;	/* note */
	int		 score;
	int		 done;
	int		 new_cause;
	int		 reopen;		/* follow-up --done */
	struct edit	 ed;			/* edit's fields */
	int		 message;
	int		 yes;
	int		 quiet;		/* -q: no word when - reads no id */
	int		 gathered;	/* ids read, before the lock */
	const char	*assignee;
	char		 due[TIMEFMT_LEN];	/* of a follow-up */
	struct ids	 ids;
	struct evidence	*ev;		/* attach: the files, hashed */
	int		 nev;
	FILE		*out;	/* held until the commit, then printed */
	const struct verb *verb;
	struct {		/* a one-case step's fields, for its hooks */
		int64_t	 id;
		int64_t	*pids;		/* the proposals it made or answered */
		size_t	 np;
		char	 kind[128];
		char	 amount[MONEY_LEN];	/* "39.90 EUR", or "" */
		char	 proposals[256];
	} step;
} opts;

struct verb {
	const char	*name;
	int		(*fn)(struct casefile *, char **, int, struct cerror *);
	/* For a step on CASE...: what it does to one case (fn is v_each). */
	int		(*one)(struct casefile *, int64_t, struct cerror *);
	const char	*options;	/* the long options it takes, "|" around */
	const char	*usage;
	const char	*post;		/* the hook setting run after commit */
};

static int	ack1(struct casefile *, int64_t, struct cerror *);
static int	close1(struct casefile *, int64_t, struct cerror *);
static int	dismiss1(struct casefile *, int64_t, struct cerror *);
static int	escalate1(struct casefile *, int64_t, struct cerror *);
static int	precheck(struct casefile *, int, struct cerror *);
static int	step_proposals(struct casefile *, int64_t, int64_t *, size_t,
		    struct cerror *);
static int	wait1(struct casefile *, int64_t, struct cerror *);
static int	v_each(struct casefile *, char **, int, struct cerror *);
static int	v_answer(struct casefile *, char **, int, struct cerror *);
static int	v_assign(struct casefile *, char **, int, struct cerror *);
static int	v_anonymise(struct casefile *, char **, int, struct cerror *);
static int	v_decide(struct casefile *, char **, int, struct cerror *);
static int	v_explain(struct casefile *, char **, int, struct cerror *);
static int	v_followup(struct casefile *, char **, int, struct cerror *);
static int	v_grade(struct casefile *, char **, int, struct cerror *);
static int	v_edit(struct casefile *, char **, int, struct cerror *);
static int	v_attach(struct casefile *, char **, int, struct cerror *);
static int	v_note(struct casefile *, char **, int, struct cerror *);
static int	v_merge(struct casefile *, char **, int, struct cerror *);
static int	v_merge_customer(struct casefile *, char **, int,
		    struct cerror *);
static int	v_propose(struct casefile *, char **, int, struct cerror *);
static int	v_reopen(struct casefile *, char **, int, struct cerror *);

static const struct verb verbs[] = {
	{ "ack", v_each, ack1, "|m|message|",
	    "ack CASE... [-m NOTE] [--message]", NULL },
	{ "dismiss", v_each, dismiss1, "|m|", "dismiss CASE... -m REASON",
	    NULL },
	{ "assign", v_assign, NULL, "||", "assign CASE... WHO", NULL },
	{ "wait", v_each, wait1, "|m|", "wait CASE... [-m NOTE]", NULL },
	{ "merge", v_merge, NULL, "||", "merge CASE DUPLICATE...", NULL },
	{ "propose", v_propose, NULL, "|m|approved-by|expires|message|",
	    "propose CASE KIND [AMOUNT] [-m NOTE] [--approved-by WHO] "
	    "[--expires TIME]\n"
	    "       complaint-resolve     [--message]", "hook.propose" },
	{ "accept", v_answer, NULL, "|m|",
	    "accept CASE [PROPOSAL...] [-m NOTE]", "hook.accept" },
	{ "decline", v_answer, NULL, "|m|",
	    "decline CASE [PROPOSAL...] [-m REASON]", "hook.decline" },
	{ "counter", v_answer, NULL, "|m|",
	    "counter CASE [PROPOSAL] AMOUNT [-m NOTE]", "hook.counter" },
	{ "escalate", v_each, escalate1, "|m|t|ticket|",
	    "escalate CASE... [-t TEAM] -m REASON [--ticket REF]",
	    "hook.escalate" },
	{ "decide", v_decide, NULL,
	    "|m|favour|cite|no-evidence|despite-wait|message|",
	    "decide CASE -m RATIONALE [--favour customer|business|split]\n"
	    "       complaint-resolve     (--cite REF[,REF...] | --no-evidence) "
	    "[--despite-wait] [--message]", "hook.decide" },
	{ "explain", v_explain, NULL, "|m|cite|again|",
	    "explain CASE D3 -m TEXT [--cite REF[,REF...]] [--again]", NULL },
	{ "follow-up", v_followup, NULL,
	    "|m|in|at|done|satisfied|score|reopen|message|",
	    "follow-up CASE... [--in 7d | --at TIME] [--message]\n"
	    "       complaint-resolve follow-up CASE --done "
	    "[--satisfied yes|no [--reopen]] [--score 1-5] [-m NOTE]", NULL },
	{ "close", v_each, close1, "|m|cause|new-cause|",
	    "close CASE... --cause CAUSE [-m LESSON] [--new-cause]",
	    "hook.close" },
	{ "reopen", v_reopen, NULL, "|m|", "reopen CASE -m REASON", NULL },
	{ "anonymise", v_anonymise, NULL, "|yes|",
	    "anonymise CUSTOMER [--yes]", NULL },
	{ "merge-customer", v_merge_customer, NULL, "||",
	    "merge-customer CUSTOMER DUPLICATE", NULL },
	{ "grade", v_grade, NULL, "|m|", "grade CASE SEVERITY -m REASON",
	    NULL },
	{ "edit", v_edit, NULL,
	    "|m|name|email|phone|product|order|amount|employee|all|",
	    "edit CASE [--name|--email|--phone|--product|--order|--amount|"
	    "--employee VALUE]... [--all] -m REASON", NULL },
	{ "attach", v_attach, NULL, "|m|", "attach CASE FILE... [-m WHAT]",
	    NULL },
	{ "note", v_note, NULL, "|m|inbound|outbound|channel|at|",
	    "note CASE -m TEXT [--in | --out] "
	    "[--channel CHANNEL] [--at TIME]",
	    NULL },
};

static void
usage(FILE *fp)
{
	fputs("usage: complaint-resolve [-q] [-f FILE] STEP ARGS...\n", fp);
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(fp, "       complaint-resolve %s\n", verbs[i].usage);
	fputs("       complaint-resolve --states\n", fp);
}

static void
verb_usage(const struct verb *v)
{
	fprintf(stderr, "usage: complaint-resolve %s\n", v->usage);
	exit(EX_USAGE);
}

/* One case id from an operand. */
static int
one_id(const char *s, int64_t *id, struct cerror *e)
{
	char	 vis[64];

	if (ids_parse(s, id) != 0)
		return cerror_set(e, EX_DATAERR, "%s is not a case id (a "
		    "positive whole number)", text_vis(vis, sizeof(vis), s));
	return 0;
}

/* Case ids from operands (or "-"): at least one, each once. */
static int
collect_ids(char **argv, int argc, struct cerror *e)
{
	if (opts.gathered++)
		return 0;
	if (argc == 0)
		return cerror_set(e, EX_USAGE, "no case given; give its id, "
		    "or - to read ids from standard input");
	return ids_collect(&opts.ids, argv, argc, stdin, e);
}

/* One line a case: its id and its status now. */
static int
print_status(struct casefile *cf, int64_t id, struct cerror *e)
{
	char	 status[16];
	int	 rc;

	if ((rc = state_get(cf, id, status, sizeof(status), e)) != 0)
		return rc;
	fprintf(opts.out, "%lld\t%s\n", (long long)id, status);
	return 0;
}

static int
each(struct casefile *cf, int (*fn)(struct casefile *, int64_t,
    struct cerror *), struct cerror *e)
{
	int	 rc;

	for (size_t i = 0; i < opts.ids.n; i++)
		if ((rc = fn(cf, opts.ids.v[i], e)) != 0)
			return rc;
	for (size_t i = 0; i < opts.ids.n; i++)
		if ((rc = print_status(cf, opts.ids.v[i], e)) != 0)
			return rc;
	return 0;
}

/*
 * A step on CASE...: each case in turn, then a status line each; with
 * ack --message the messages instead.
 */
static int
v_each(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	int	 rc;

	if ((rc = collect_ids(argv, argc, e)) != 0)
		return rc;
	if ((opts.verb->one == escalate1 || opts.verb->one == close1) &&
	    (rc = precheck(cf, opts.verb->one == escalate1 ? V_ESCALATE :
	    V_CLOSE, e)) != 0)
		return rc;
	if (opts.verb->one == ack1 && opts.message) {
		for (size_t i = 0; i < opts.ids.n; i++)
			if ((rc = ack1(cf, opts.ids.v[i], e)) != 0)
				return rc;
		return 0;
	}
	return each(cf, opts.verb->one, e);
}

/*
 * Write the text of kind for the customer of case id, recorded on the
 * case; several cases' texts each after a line naming the case.
 */
static int
message(struct casefile *cf, int64_t id, int kind, struct cerror *e)
{
	struct buf	 msg = { NULL, 0, 0 };
	int		 rc;

	if ((rc = messages_send(cf, id, kind, &msg, e)) == 0) {
		if (opts.ids.n > 1)
			fprintf(opts.out, "--- case %lld\n", (long long)id);
		fputs(msg.s, opts.out);
		if (msg.len > 0 && msg.s[msg.len - 1] != '\n')
			putc('\n', opts.out);
	}
	buf_free(&msg);
	return rc;
}

static int
ack1(struct casefile *cf, int64_t id, struct cerror *e)
{
	int	 rc;

	if ((rc = resolve_ack(cf, id, opts.note, e)) != 0 || !opts.message)
		return rc;
	return message(cf, id, TPL_ACK, e);
}

static int
dismiss1(struct casefile *cf, int64_t id, struct cerror *e)
{
	return resolve_dismiss(cf, id, opts.note, e);
}

static int
assign1(struct casefile *cf, int64_t id, struct cerror *e)
{
	return resolve_assign(cf, id, opts.assignee, e);
}

static int
v_assign(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	int	 rc;

	if (argc < 2)
		return cerror_set(e, EX_USAGE, "assign needs cases and WHO");
	opts.assignee = argv[argc - 1];
	if ((rc = collect_ids(argv, argc - 1, e)) != 0)
		return rc;
	return each(cf, assign1, e);
}

static int
wait1(struct casefile *cf, int64_t id, struct cerror *e)
{
	return resolve_wait(cf, id, opts.note, e);
}

/* Evidence on the case: each file by SHA-256, size and absolute path. */
static int
v_attach(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	int64_t	 id, aid;
	int	 rc;

	if (argc < 2)
		return cerror_set(e, EX_USAGE, "attach needs CASE and FILE");
	if ((rc = one_id(argv[0], &id, e)) != 0)
		return rc;
	for (int i = 0; i < opts.nev; i++) {
		if ((rc = comms_attach(cf, id, &opts.ev[i], opts.note, &aid,
		    e)) != 0)
			return rc;
		fprintf(opts.out, "%lld\tA%lld\t%lld\t%s\n", (long long)id,
		    (long long)aid, (long long)opts.ev[i].size,
		    opts.ev[i].sha256);
	}
	return 0;
}

/* A contact with the customer: a call, a letter, a mail, a visit. */
static int
v_note(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct comm	 c;
	char		 at[TIMEFMT_LEN], list[128];
	time_t		 t;
	int64_t		 id, cid;
	int		 rc;

	if (argc != 1)
		return cerror_set(e, EX_USAGE, "note takes one case");
	if (opts.note == NULL || *opts.note == '\0')
		return cerror_set(e, EX_USAGE, "note needs -m TEXT: what was "
		    "said or written");
	if ((rc = one_id(argv[0], &id, e)) != 0)
		return rc;
	memset(&c, 0, sizeof(c));
	c.dir = opts.dir != NULL ? opts.dir : "out";
	c.channel = opts.channel != NULL ? opts.channel : "phone";
	if (comms_channel(c.channel) != 0)
		return cerror_set(e, EX_USAGE, "--channel: %s",
		    facts_join(facts_channels, list, sizeof(list)));
	if (opts.at != NULL) {
		if (timefmt_parse(opts.at, casefile_now(cf), -1, &t, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "--at");
		c.at = timefmt_iso(t, at);
	}
	c.text = opts.note;
	if (!text_utf8ok(c.text, strlen(c.text)) || strlen(c.text) > 65536)
		return cerror_set(e, EX_DATAERR, "the text must be UTF-8 of at "
		    "most 65536 bytes");
	if ((rc = comms_note(cf, id, &c, &cid, e)) != 0)
		return rc;
	fprintf(opts.out, "%lld\tC%lld\t%s\t%s\n", (long long)id,
	    (long long)cid, c.dir, c.channel);
	return 0;
}

static int
v_merge(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	int64_t	 keep;
	int	 rc;

	if (argc < 2)
		return cerror_set(e, EX_USAGE, "merge needs the case to keep "
		    "and at least one duplicate");
	if ((rc = collect_ids(argv, argc, e)) != 0)
		return rc;
	keep = opts.ids.v[0];
	if (opts.ids.n == 1)	/* "merge 4 4": the library says why not */
		return resolve_merge(cf, keep, keep, e);
	for (size_t i = 1; i < opts.ids.n; i++)
		if ((rc = resolve_merge(cf, keep, opts.ids.v[i], e)) != 0)
			return rc;
	for (size_t i = 0; i < opts.ids.n; i++)
		if ((rc = print_status(cf, opts.ids.v[i], e)) != 0)
			return rc;
	return 0;
}

static int
v_propose(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct offer	 o;
	int		 rc;

	if (argc < 2 || argc > 3)
		return cerror_set(e, EX_USAGE, "propose needs CASE KIND "
		    "[AMOUNT]");
	memset(&o, 0, sizeof(o));
	if ((rc = one_id(argv[0], &o.case_id, e)) != 0)
		return rc;
	o.kind = argv[1];
	o.amount = argc == 3 ? argv[2] : NULL;
	o.expires = opts.expires;
	o.approved_by = opts.approved_by;
	o.note = opts.note;
	if ((rc = resolve_propose(cf, &o, e)) != 0 ||
	    (rc = step_proposals(cf, o.case_id, &o.id, 1, e)) != 0)
		return rc;
	if (opts.message)
		return message(cf, o.case_id, TPL_PROPOSE, e);
	fprintf(opts.out, "%lld\tproposal %lld\t%s\t%s\n",
	    (long long)o.case_id,
	    (long long)o.id, o.kind, o.amount != NULL ? o.amount : "");
	return 0;
}

/*
 * accept and decline CASE [PROPOSAL...], counter CASE [PROPOSAL] AMOUNT:
 * the verb is in argv[-1].
 */
static int
v_answer(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	const char	*name = argv[-1], *amount = NULL;
	int64_t		 id, *pids = NULL;
	size_t		 np = 0;
	int		 verb, rc, nnamed;

	verb = strcmp(name, "accept") == 0 ? V_ACCEPT :
	    strcmp(name, "decline") == 0 ? V_DECLINE : V_COUNTER;
	if (argc < 1 || (verb == V_COUNTER && (argc < 2 || argc > 3)))
		return cerror_set(e, EX_USAGE, "%s needs CASE%s", name,
		    verb == V_COUNTER ? " [PROPOSAL] AMOUNT" :
		    " [PROPOSAL...]");
	if ((rc = one_id(argv[0], &id, e)) != 0)
		return rc;
	nnamed = verb == V_COUNTER ? argc - 2 : argc - 1;
	if ((pids = calloc(nnamed + 1, sizeof(*pids))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	for (int i = 0; i < nnamed; i++)
		if (ids_parse(argv[1 + i], &pids[np++]) != 0) {
			char vis[64];

			rc = cerror_set(e, EX_DATAERR, "%s is not a proposal "
			    "id", text_vis(vis, sizeof(vis), argv[1 + i]));
			goto out;
		}
	if (verb == V_COUNTER)
		amount = argv[argc - 1];
	if ((rc = resolve_answer(cf, id, pids, &np, verb, amount, opts.note,
	    e)) != 0 || (rc = step_proposals(cf, id, pids, np, e)) != 0)
		goto out;
	for (size_t i = 0; i < np; i++)
		fprintf(opts.out, "%lld\tproposal %lld\t%s\n", (long long)id,
		    (long long)pids[i], verb == V_ACCEPT ? "accepted" :
		    verb == V_DECLINE ? "declined" : "countered");
out:
	free(pids);
	return rc;
}

/*
 * The step's own fields, for its hooks' environment: the strings live in
 * the caller's buf, the pointers in env, NULL-terminated.
 */
#define STEP_ENV	12

static const char *const *
step_env(char buf[STEP_ENV][600], const char *env[STEP_ENV + 1])
{
	static const char *kind = opts.step.kind, *amount = opts.step.amount,
	    *props = opts.step.proposals;
	static const struct {
		const char	*name;
		const char	**val;
	} f[] = {
		{ "COMPLAINT_TEAM", &opts.team },
		{ "COMPLAINT_REASON", &opts.note },
		{ "COMPLAINT_TICKET", &opts.ticket },
		{ "COMPLAINT_CAUSE", &opts.cause },
		{ "COMPLAINT_FAVOUR", &opts.favour },
		{ "COMPLAINT_CITE", &opts.cite },
		{ "COMPLAINT_PROPOSAL", &props },
		{ "COMPLAINT_KIND", &kind },
		{ "COMPLAINT_AMOUNT", &amount },
	};
	const char	*sp;
	int		 n = 0;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (*f[i].val == NULL || **f[i].val == '\0')
			continue;
		/* close's -m is its lesson */
		snprintf(buf[n], sizeof(buf[n]), "%s=%s",
		    opts.verb->one == close1 && f[i].val == &opts.note ?
		    "COMPLAINT_LESSON" : f[i].name, *f[i].val);
		/* "39.90 EUR": the amount, and its currency apart */
		if (f[i].val == &amount && (sp = strchr(buf[n], ' ')) != NULL) {
			buf[n][sp - buf[n]] = '\0';
			env[n] = buf[n];
			n++;
			snprintf(buf[n], sizeof(buf[n]), "COMPLAINT_CURRENCY=%s",
			    sp + 1);
		}
		env[n] = buf[n];
		n++;
	}
	env[n] = NULL;
	return env;
}

/*
 * The kinds, the amount (a sum, when one currency) and the ids of the
 * proposals a step made or answered, for its hooks.
 */
static int
step_row(void *arg, const struct row *r)
{
	struct cerror	 e;
	struct money	 m, sum;
	size_t		 i;
	const char	*amount;

	(void)arg;
	for (i = 0; i < opts.step.np; i++)
		if (opts.step.pids[i] == strtoll(r->val[0], NULL, 10))
			break;
	if (i == opts.step.np)
		return 0;
	if (*opts.step.proposals != '\0') {
		strlcat(opts.step.proposals, " ", sizeof(opts.step.proposals));
		strlcat(opts.step.kind, " ", sizeof(opts.step.kind));
	}
	strlcat(opts.step.proposals, r->val[0], sizeof(opts.step.proposals));
	strlcat(opts.step.kind, r->val[3], sizeof(opts.step.kind));
	/* a counter's amount is the counter-offer */
	amount = opts.verb->post != NULL && strcmp(opts.verb->post,
	    "hook.counter") == 0 ? r->val[10] : r->val[4];
	if (amount == NULL || opts.step.amount[0] == '-')
		return 0;
	if (money_parse(amount, "EUR", 1, &m, &e) != 0) {
		strlcpy(opts.step.amount, "-", sizeof(opts.step.amount));
		return 0;
	}
	if (opts.step.amount[0] != '\0') {
		if (money_parse(opts.step.amount, "EUR", 1, &sum, &e) != 0 ||
		    strcmp(sum.cur, m.cur) != 0) {
			/* no one sum of two currencies */
			strlcpy(opts.step.amount, "-",
			    sizeof(opts.step.amount));
			return 0;
		}
		m.minor += sum.minor;
	}
	money_format(&m, opts.step.amount);
	return 0;
}

/* Fill opts.step for the np proposals pids of case id. */
static int
step_proposals(struct casefile *cf, int64_t id, int64_t *pids, size_t np,
    struct cerror *e)
{
	int	 rc;

	opts.step.id = id;
	opts.step.pids = pids;
	opts.step.np = np;
	rc = query_proposals(cf, id, step_row, NULL, e);
	if (opts.step.amount[0] == '-')
		opts.step.amount[0] = '\0';
	opts.step.pids = NULL;
	return rc;
}

/*
 * Every case of a step with hooks is checked before any hook runs, so a
 * batch refused for one case opens no ticket for the others.
 */
static int
precheck(struct casefile *cf, int verb, struct cerror *e)
{
	struct casestate cs;
	int		 rc;

	if (verb == V_ESCALATE && (opts.note == NULL || *opts.note == '\0'))
		return cerror_set(e, EX_USAGE, "escalate needs -m REASON");
	for (size_t i = 0; i < opts.ids.n; i++)
		if ((rc = state_check(cf, opts.ids.v[i], verb, &cs, e)) != 0)
			return rc;
	return 0;
}

static int
escalate1(struct casefile *cf, int64_t id, struct cerror *e)
{
	char		 ticket[256] = "", buf[STEP_ENV][600];
	const char	*env[STEP_ENV + 1];
	int		 ran, rc;

	step_env(buf, env);
	if ((rc = hook_run_env(cf, "hook.pre-escalate", id, "escalate", env,
	    NULL, 0, &ran, e)) != 0)
		return rc;
	if (opts.ticket == NULL && (rc = hook_run_env(cf, "escalate.hook", id,
	    "escalate", env, ticket, sizeof(ticket), &ran, e)) != 0)
		return rc;
	return resolve_escalate(cf, id, opts.team, opts.note,
	    opts.ticket != NULL ? opts.ticket : ticket, e);
}

/* The items the latest decision cites, kept until the next decision. */
struct cites {
	char	*s;
	size_t	 len;
	long	 start;		/* where the latest decision's items begin */
	FILE	*fp;
	char	 decision[24];
};

static int
cite_row(void *arg, const struct row *r)
{
	struct cites	*c = arg;

	if (strcmp(c->decision, r->val[0]) != 0) {
		strlcpy(c->decision, r->val[0], sizeof(c->decision));
		c->start = ftell(c->fp);
	}
	fprintf(c->fp, "%s\t", r->val[1]);
	textout_vis(c->fp, r->val[2] != NULL ? r->val[2] : "");
	putc('\n', c->fp);
	return 0;
}

static int
v_decide(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct cites	 c = { NULL, 0, 0, NULL, "" };
	const char	*favour = opts.favour != NULL ? opts.favour :
			    "customer";
	int64_t		 id;
	int		 rc, warn;

	if (argc != 1)
		return cerror_set(e, EX_USAGE, "decide takes one case");
	if ((rc = one_id(argv[0], &id, e)) != 0)
		return rc;
	/* The words of the issue, and the stored ones. */
	if (strcmp(favour, "business") == 0)
		favour = "company";
	else if (strcmp(favour, "split") == 0)
		favour = "both";
	if ((opts.cite == NULL) == !opts.no_evidence)
		return cerror_set(e, EX_USAGE, "decide rests on the evidence: "
		    "give --cite REF[,REF...], or --no-evidence with a "
		    "rationale saying why there is none");
	if (!opts.despite_wait && (rc = comms_waiting(cf, id, e)) != 0)
		return rc;
	if (opts.cite != NULL && (rc = comms_cite(cf, id, opts.cite, 0,
	    e)) != 0)
		return rc;
	if ((rc = resolve_decide(cf, id, favour, opts.note, &warn, e)) != 0)
		return rc;
	opts.step.id = id;
	if (opts.favour == NULL)
		opts.favour = "customer";
	if (opts.cite != NULL && (rc = comms_cite(cf, id, opts.cite, -1,
	    e)) != 0)
		return rc;
	if (warn)
		warnx("case %lld: deciding for the %s without the accounts of "
		    "both the employee and the complainant", (long long)id,
		    opts.favour);
	if (opts.message)
		return message(cf, id, TPL_DECIDE, e);
	if ((rc = print_status(cf, id, e)) != 0 || opts.cite == NULL)
		return rc;
	if ((c.fp = open_memstream(&c.s, &c.len)) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	rc = query_citations(cf, id, cite_row, &c, e);
	fclose(c.fp);
	if (rc == 0 && (size_t)c.start <= c.len)
		fwrite(c.s + c.start, 1, c.len - c.start, opts.out);
	free(c.s);
	return rc;
}

static int
v_explain(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct explained x;
	int64_t		 id;
	int		 rc;

	if (argc != 2)
		return cerror_set(e, EX_USAGE, "explain takes one case and "
		    "one discrepancy");
	if ((rc = one_id(argv[0], &id, e)) != 0 ||
	    (rc = explain_add(cf, id, argv[1], opts.note, opts.cite,
	    opts.again, &x, e)) != 0)
		return rc;
	fprintf(opts.out, "%lld\tD%lld\t%s\t%s\n", (long long)id,
	    (long long)x.discrepancy, x.again ? "explained again" :
	    "explained", x.between[0] != '\0' ? x.between : "-");
	return 0;
}

static int
followup1(struct casefile *cf, int64_t id, struct cerror *e)
{
	return resolve_followup(cf, id, opts.due, e);
}

/* follow-up --message: the satisfaction check to send now. */
static int
followup_ask(struct casefile *cf, int64_t id, struct cerror *e)
{
	int	 rc;

	if ((rc = followup1(cf, id, e)) != 0)
		return rc;
	return message(cf, id, TPL_FOLLOWUP, e);
}

static int
v_followup(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	time_t	 t;
	int64_t	 id;
	int	 rc, sat = -1;

	if (opts.done) {
		if (opts.in != NULL || opts.at != NULL || opts.message)
			return cerror_set(e, EX_USAGE, "--done takes no --in, "
			    "--at or --message");
		if (argc != 1)
			return cerror_set(e, EX_USAGE, "follow-up --done "
			    "takes one case");
		if (opts.satisfied != NULL) {
			if (strcmp(opts.satisfied, "yes") == 0)
				sat = 1;
			else if (strcmp(opts.satisfied, "no") == 0)
				sat = 0;
			else
				return cerror_set(e, EX_USAGE, "--satisfied "
				    "yes or no");
		}
		if ((rc = one_id(argv[0], &id, e)) != 0)
			return rc;
		if ((rc = resolve_followup_done(cf, id, sat, opts.score,
		    opts.reopen, opts.note, e)) != 0)
			return rc;
		return print_status(cf, id, e);
	}
	if (opts.satisfied != NULL || opts.score != 0 || opts.reopen)
		return cerror_set(e, EX_USAGE, "--satisfied, --score and "
		    "--reopen go with --done");
	if (opts.in != NULL && opts.at != NULL)
		return cerror_set(e, EX_USAGE, "give --in or --at, not both");
	if (opts.at != NULL) {
		if (timefmt_parse(opts.at, casefile_now(cf), 1, &t, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "--at");
	} else {
		if (timefmt_parse(opts.in != NULL ? opts.in : "7d",
		    casefile_now(cf), 1, &t, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "--in");
	}
	timefmt_iso(t, opts.due);
	if ((rc = collect_ids(argv, argc, e)) != 0)
		return rc;
	if (opts.message) {
		for (size_t i = 0; i < opts.ids.n; i++)
			if ((rc = followup_ask(cf, opts.ids.v[i], e)) != 0)
				return rc;
		return 0;
	}
	return each(cf, followup1, e);
}

static int
close1(struct casefile *cf, int64_t id, struct cerror *e)
{
	char		 buf[STEP_ENV][600];
	const char	*env[STEP_ENV + 1];
	int		 ran, rc;

	if ((rc = hook_run_env(cf, "hook.pre-close", id, "close",
	    step_env(buf, env), NULL, 0, &ran, e)) != 0)
		return rc;
	return resolve_close(cf, id, opts.cause, opts.note, opts.new_cause, e);
}

static int
v_reopen(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	int64_t	 id;
	int	 rc;

	if (argc != 1)
		return cerror_set(e, EX_USAGE, "reopen takes one case");
	if ((rc = one_id(argv[0], &id, e)) != 0)
		return rc;
	if ((rc = resolve_reopen(cf, id, opts.note, e)) != 0)
		return rc;
	return print_status(cf, id, e);
}

static int
v_grade(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	char	 ack[TIMEFMT_LEN], res[TIMEFMT_LEN];
	int64_t	 id;
	int	 rc, sev;

	if (argc != 2)
		return cerror_set(e, EX_USAGE, "grade needs CASE SEVERITY");
	if ((rc = one_id(argv[0], &id, e)) != 0 ||
	    (rc = correct_grade(cf, id, argv[1], opts.note, &sev, ack, res,
	    e)) != 0)
		return rc;
	fprintf(opts.out, "%lld\t%s\t%s\t%s\n", (long long)id,
	    case_severity_name(sev), ack, res);
	return 0;
}

static int
v_edit(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct textout	 t;
	int64_t		 id;
	int		 rc;

	if (argc != 1)
		return cerror_set(e, EX_USAGE, "edit takes one case");
	if ((rc = one_id(argv[0], &id, e)) != 0)
		return rc;
	opts.ed.reason = opts.note;
	textout_init(&t, opts.out, OUT_TEXT);
	rc = correct_edit(cf, id, &opts.ed, textout_rowfn, &t, e);
	textout_free(&t);
	return rc;
}

/* Ask on the terminal; anything but y or yes is no. */
static int
confirm(const char *question)
{
	char	 answer[16];
	FILE	*tty;
	int	 yes;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return 0;
	fprintf(tty, "%s [y/N] ", question);
	fflush(tty);
	yes = fgets(answer, sizeof(answer), tty) != NULL &&
	    (strcmp(answer, "y\n") == 0 || strcmp(answer, "yes\n") == 0);
	fclose(tty);
	return yes;
}

static int
v_anonymise(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct buf	 label = { NULL, 0, 0 };
	char		 q[400], vis[200];
	int64_t		 cid, n;
	int		 rc;

	if (argc != 1)
		return cerror_set(e, EX_USAGE, "anonymise takes one customer");
	if ((rc = resolve_customer(cf, argv[0], &cid, &n, &label, e)) != 0)
		goto out;
	snprintf(q, sizeof(q), "anonymise customer %lld (%s) and their %lld "
	    "case%s? This cannot be undone.", (long long)cid,
	    text_vis(vis, sizeof(vis), label.s ? label.s : ""), (long long)n,
	    n == 1 ? "" : "s");
	if (!opts.yes && !confirm(q)) {
		rc = cerror_set(e, EX_USAGE, "not anonymised: confirm on a "
		    "terminal or give --yes");
		goto out;
	}
	if ((rc = resolve_anonymise(cf, cid, e)) == 0)
		fprintf(opts.out, "customer %lld\tanonymised\t%lld cases\n",
		    (long long)cid, (long long)n);
out:
	buf_free(&label);
	return rc;
}

/* An option edit does not know: a field that is not one is 65. */
static void
edit_badopt(const char *arg, const struct option *lo)
{
	char	 vis[64];
	size_t	 n;

	if (strncmp(arg, "--", 2) == 0) {
		n = strcspn(arg + 2, "=");
		for (; lo->name != NULL; lo++)
			if (strlen(lo->name) == n &&
			    strncmp(lo->name, arg + 2, n) == 0)
				break;
		if (lo->name == NULL)
			errx(EX_DATAERR, "edit has no field %s; give --name, "
			    "--email, --phone, --product, --order, --amount "
			    "or --employee", text_vis(vis, sizeof(vis), arg));
	}
	warnx("edit: %s: an unknown option, or its value is missing",
	    text_vis(vis, sizeof(vis), arg));
}

static int
v_merge_customer(struct casefile *cf, char **argv, int argc,
    struct cerror *e)
{
	struct buf	 label = { NULL, 0, 0 };
	int64_t		 keep, dup, n, moved;
	int		 rc;

	if (argc != 2)
		return cerror_set(e, EX_USAGE, "merge-customer needs the "
		    "customer to keep and the duplicate");
	if ((rc = resolve_customer(cf, argv[0], &keep, &n, &label, e)) == 0 &&
	    (rc = resolve_customer(cf, argv[1], &dup, &n, &label, e)) == 0 &&
	    (rc = resolve_merge_customer(cf, keep, dup, &moved, e)) == 0)
		fprintf(opts.out, "customer %lld\tmerged %lld\t%lld cases\n",
		    (long long)keep, (long long)dup, (long long)moved);
	buf_free(&label);
	return rc;
}

static int
print_states(void)
{
	struct textout	 t;
	struct cerror	 e;
	int		 rc;

	textout_init(&t, stdout, OUT_TEXT);
	rc = state_table(textout_rowfn, &t);
	textout_free(&t);
	if (rc == 0 && textout_close(stdout, &e) != 0)
		rc = e.code;
	return rc;
}

/* The post hooks: after commit; a failure only warns. */
static void
post_hooks(struct casefile *cf, const struct verb *v)
{
	struct cerror	 e;
	char		 buf[STEP_ENV][600];
	const char	*env[STEP_ENV + 1];
	size_t		 n;
	int		 ran;

	if (v->post == NULL)
		return;
	step_env(buf, env);
	/* or a step on one case: propose, accept, decline, counter, decide */
	n = opts.ids.n > 0 ? opts.ids.n : opts.step.id != 0;
	for (size_t i = 0; i < n; i++)
		if (hook_run_env(cf, v->post, opts.ids.n > 0 ? opts.ids.v[i] :
		    opts.step.id, v->name, env, NULL, 0, &ran, &e) != 0)
			warnx("%s (the change stays)", e.msg);
}

/*
 * The ids of a step on CASE..., read before the case file is opened:
 * given "-", they come from a pipe whose writer upstream may itself be
 * waiting for the write lock that this command would otherwise hold.
 */
static int
gather(const struct verb *v, char **argv, int argc, struct cerror *e)
{
	if (v->fn == v_each || v->fn == v_merge ||
	    (v->fn == v_followup && !opts.done))
		return collect_ids(argv, argc, e);
	if (v->fn == v_assign && argc >= 2)
		return collect_ids(argv, argc - 1, e);
	/* Hashed before the lock: a large file never blocks other writers. */
	if (v->fn == v_attach && argc >= 2) {
		if ((opts.ev = calloc(argc - 1, sizeof(*opts.ev))) == NULL)
			return cerror_set(e, EX_OSERR, "out of memory");
		for (int i = 1; i < argc; i++, opts.nev++)
			if (comms_hash(argv[i], &opts.ev[i - 1], e) != 0)
				return e->code;
	}
	return 0;
}

/*
 * Move an operand down into operands[]; the first names the step.  Returns
 * the step, or NULL after a usage message when there is no such step.
 */
static const struct verb *
operand(char **operands, int *n, char *arg, const struct verb *v)
{
	char	 vis[64];

	operands[(*n)++] = arg;
	if (*n > 1)
		return v;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(arg, verbs[i].name) == 0)
			return &verbs[i];
	warnx("no step %s", text_vis(vis, sizeof(vis), arg));
	usage(stderr);
	return NULL;
}

/*
 * note's --in and --out say a direction, while follow-up's --in takes a
 * time: for note, they are read as --inbound and --outbound.
 */
static void
note_flags(int argc, char *argv[], const struct option *lo)
{
	static char	 in[] = "--inbound", out[] = "--outbound";
	const char	*a;
	int		 i, step = 0;
	size_t		 n;

	for (i = 1; i < argc && !step; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0)
			return;
		if (a[0] != '-' || a[1] == '\0') {
			if (strcmp(a, "note") != 0)
				return;
			step = 1;
		} else if (a[1] != '-') {
			/* -f, -m, -t take a value, joined or next */
			if (strchr("fmt", a[strlen(a) - 1]) != NULL &&
			    strspn(a + 1, "hq") == strlen(a) - 2)
				i++;
		} else if (strchr(a, '=') == NULL) {
			n = strlen(a + 2);
			for (const struct option *o = lo; o->name != NULL; o++)
				if (strlen(o->name) == n &&
				    strcmp(o->name, a + 2) == 0 &&
				    o->has_arg == required_argument)
					i++;
		}
	}
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return;
		if (strcmp(argv[i], "--in") == 0)
			argv[i] = in;
		else if (strcmp(argv[i], "--out") == 0)
			argv[i] = out;
	}
}

int
main(int argc, char *argv[])
{
	enum { O_APPROVED = 256, O_AGAIN, O_AT, O_CAUSE, O_CHANNEL, O_DONE, O_EXPIRES,
	    O_FAVOUR, O_INBOUND, O_OUTBOUND, O_CITE, O_NOEVIDENCE, O_DESPITE,
	    O_IN, O_MESSAGE, O_NEWCAUSE, O_SATISFIED, O_SCORE, O_STATES,
	    O_TICKET, O_VERSION, O_YES, O_REOPEN, O_NAME, O_EMAIL, O_PHONE,
	    O_PRODUCT, O_ORDER, O_AMOUNT, O_EMPLOYEE, O_ALL };
	static const struct option longopts[] = {
		{ "again", no_argument, NULL, O_AGAIN },
		{ "all", no_argument, NULL, O_ALL },
		{ "amount", required_argument, NULL, O_AMOUNT },
		{ "approved-by", required_argument, NULL, O_APPROVED },
		{ "at", required_argument, NULL, O_AT },
		{ "cause", required_argument, NULL, O_CAUSE },
		{ "channel", required_argument, NULL, O_CHANNEL },
		{ "cite", required_argument, NULL, O_CITE },
		{ "despite-wait", no_argument, NULL, O_DESPITE },
		{ "done", no_argument, NULL, O_DONE },
		{ "email", required_argument, NULL, O_EMAIL },
		{ "employee", required_argument, NULL, O_EMPLOYEE },
		{ "expires", required_argument, NULL, O_EXPIRES },
		{ "favour", required_argument, NULL, O_FAVOUR },
		{ "help", no_argument, NULL, 'h' },
		{ "in", required_argument, NULL, O_IN },
		{ "inbound", no_argument, NULL, O_INBOUND },
		{ "message", no_argument, NULL, O_MESSAGE },
		{ "name", required_argument, NULL, O_NAME },
		{ "new-cause", no_argument, NULL, O_NEWCAUSE },
		{ "no-evidence", no_argument, NULL, O_NOEVIDENCE },
		{ "order", required_argument, NULL, O_ORDER },
		{ "outbound", no_argument, NULL, O_OUTBOUND },
		{ "phone", required_argument, NULL, O_PHONE },
		{ "product", required_argument, NULL, O_PRODUCT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reopen", no_argument, NULL, O_REOPEN },
		{ "satisfied", required_argument, NULL, O_SATISFIED },
		{ "score", required_argument, NULL, O_SCORE },
		{ "states", no_argument, NULL, O_STATES },
		{ "ticket", required_argument, NULL, O_TICKET },
		{ "version", no_argument, NULL, O_VERSION },
		{ "yes", no_argument, NULL, O_YES },
		{ NULL, 0, NULL, 0 }
	};
	const struct verb *v = NULL;
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	const char	*errstr, *opt;
	char		 key[32];
	char		**operands = argv + 1, *held = NULL;
	size_t		 heldlen = 0;
	int		 c, n = 0, rc, idx;

	setlocale(LC_CTYPE, "");
	/* getopt's messages name argv[0]: the base name, as err(3) does. */
	argv[0] = (char *)getprogname();
	signal(SIGXFSZ, SIG_IGN);
	note_flags(argc, argv, longopts);
	/*
	 * Options may come before or after the step; operands move down.
	 * "--" is taken here, not by getopt: glibc's getopt, seeing it after
	 * operands it did not permute, sends optind back to them, and this
	 * loop would copy them again past the end of argv.
	 */
	for (;;) {
		if (optind < argc && strcmp(argv[optind], "--") == 0) {
			while (++optind < argc)
				if ((v = operand(operands, &n, argv[optind],
				    v)) == NULL)
					return EX_USAGE;
			break;
		}
		idx = -1;
		c = getopt_long(argc, argv, "+f:hm:qt:", longopts, &idx);
		if (c == -1) {
			if (optind >= argc)
				break;
			if ((v = operand(operands, &n, argv[optind++],
			    v)) == NULL)
				return EX_USAGE;
			/* edit names a bad field itself (65). */
			if (n == 1 && v->fn == v_edit)
				opterr = 0;
			continue;
		}
		/* Each step takes only its own options. */
		opt = c == 'm' ? "m" : c == 't' ? "t" :
		    idx >= 0 ? longopts[idx].name : NULL;
		if (opt != NULL && c != 'h' && c != 'q' && c != O_STATES &&
		    c != O_VERSION) {
			snprintf(key, sizeof(key), "|%s|", opt);
			if (v == NULL || strstr(v->options, key) == NULL) {
				warnx("%s%s takes no %s%s", v ? v->name : "",
				    v ? "" : "give the step first: it",
				    strlen(opt) > 1 ? "--" : "-", opt);
				if (v != NULL)
					verb_usage(v);
				usage(stderr);
				return EX_USAGE;
			}
		}
		switch (c) {
		case 'f':
			opts.file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'm':
			opts.note = optarg;
			break;
		case 'q':
			opts.quiet = 1;
			break;
		case 't':
			opts.team = optarg;
			break;
		case O_AGAIN:
			opts.again = 1;
			break;
		case O_APPROVED:
			opts.approved_by = optarg;
			break;
		case O_AT:
			opts.at = optarg;
			break;
		case O_CAUSE:
			opts.cause = optarg;
			break;
		case O_CHANNEL:
			opts.channel = optarg;
			break;
		case O_CITE:
			opts.cite = optarg;
			break;
		case O_DESPITE:
			opts.despite_wait = 1;
			break;
		case O_NOEVIDENCE:
			opts.no_evidence = 1;
			break;
		case O_INBOUND:
		case O_OUTBOUND:
			if (opts.dir != NULL)
				errx(EX_USAGE, "give --in or --out, not both");
			opts.dir = c == O_INBOUND ? "in" : "out";
			break;
		case O_DONE:
			opts.done = 1;
			break;
		case O_EXPIRES:
			opts.expires = optarg;
			break;
		case O_FAVOUR:
			opts.favour = optarg;
			break;
		case O_IN:
			opts.in = optarg;
			break;
		case O_MESSAGE:
			opts.message = 1;
			break;
		case O_NEWCAUSE:
			opts.new_cause = 1;
			break;
		case O_SATISFIED:
			opts.satisfied = optarg;
			break;
		case O_SCORE:
			opts.score = (int)strtonum(optarg, 1, 5, &errstr);
			if (errstr != NULL)
				errx(EX_DATAERR, "--score %s: give a whole "
				    "number from 1 to 5", text_vis(key,
				    sizeof(key), optarg));
			break;
		case O_REOPEN:
			opts.reopen = 1;
			break;
		case O_NAME:
			opts.ed.name = optarg;
			break;
		case O_EMAIL:
			opts.ed.email = optarg;
			break;
		case O_PHONE:
			opts.ed.phone = optarg;
			break;
		case O_PRODUCT:
			opts.ed.product = optarg;
			break;
		case O_ORDER:
			opts.ed.order = optarg;
			break;
		case O_AMOUNT:
			opts.ed.amount = optarg;
			break;
		case O_EMPLOYEE:
			opts.ed.employee = optarg;
			break;
		case O_ALL:
			opts.ed.all = 1;
			break;
		case O_STATES:
			return print_states();
		case O_TICKET:
			opts.ticket = optarg;
			break;
		case O_VERSION:
			puts("complaint-resolve " COMPLAINT_VERSION);
			return 0;
		case O_YES:
			opts.yes = 1;
			break;
		default:
			if (v != NULL && v->fn == v_edit)
				edit_badopt(argv[optind - 1], longopts);
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (v == NULL) {
		usage(stderr);
		return EX_USAGE;
	}
	opts.verb = v;
	if ((rc = gather(v, operands + 1, n - 1, &e)) != 0) {
		ids_free(&opts.ids);
		if (rc == 1 && opts.quiet)
			return rc;	/* nothing came down the pipe */
		if (rc == EX_USAGE) {
			warnx("%s", e.msg);
			verb_usage(v);
		}
		errx(rc, "%s", e.msg);
	}
	if ((opts.out = open_memstream(&held, &heldlen)) == NULL)
		err(EX_OSERR, NULL);
	if ((rc = casefile_open_tell(&cf, opts.file, CF_WRITE, warnx,
	    &e)) != 0 ||
	    (rc = casefile_begin(cf, &e)) != 0 ||
	    (rc = v->fn(cf, operands + 1, n - 1, &e)) != 0 ||
	    (rc = casefile_commit(cf, &e)) != 0)
		goto out;
	fclose(opts.out);
	opts.out = NULL;
	fwrite(held, 1, heldlen, stdout);
	post_hooks(cf, v);
	rc = textout_close(stdout, &e);
out:
	if (opts.out != NULL)
		fclose(opts.out);
	free(held);
	casefile_close(cf);
	ids_free(&opts.ids);
	free(opts.ev);
	if (rc == EX_USAGE && v != NULL) {
		warnx("%s", e.msg);
		verb_usage(v);
	}
	if (rc != 0)
		errx(rc, "%s", e.msg);
	return 0;
}
