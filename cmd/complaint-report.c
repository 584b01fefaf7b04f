/*
 * complaint-report: lists and reports for people and pipes.  Every report
 * runs in one transaction, so it sees one snapshot; only due --mark
 * writes (the reminders it listed).  Listings are the lib's fixed queries
 * with bound filters; the dossier is a table of sections, each a title
 * and a lib query, so a new kind of record is one line here.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "complaint.h"

static struct {
	const char	*file;
	const char	*dir;		/* export -o, show --html --out */
	const char	*lang;		/* show --html --lang */
	int		 html;		/* show --html */
	int		 fmt;
	int		 safe;		/* --csv-safe */
	int		 quiet;
	int		 sql;		/* print the report's SQL, run nothing */
	struct filter	 f;
} opts;

struct report {
	const char	*name;
	int		(*fn)(struct casefile *, const char *, char **, int,
			    struct cerror *);
	const char	*usage;
};

static int	report_export(struct casefile *, const char *, char **, int,
		    struct cerror *);
static int	report_log(struct casefile *, const char *, char **, int,
		    struct cerror *);
static int	report_rows(struct casefile *, const char *, char **, int,
		    struct cerror *);
static int	report_show(struct casefile *, const char *, char **, int,
		    struct cerror *);
static int	report_stats(struct casefile *, const char *, char **, int,
		    struct cerror *);
static int	report_verify(struct casefile *, const char *, char **, int,
		    struct cerror *);

static const struct report reports[] = {
	{ "list", report_rows, "list [FILTERS]" },
	{ "show", report_show, "show [--html [--lang LANG] [--out DIR]] "
	    "CASE..." },
	{ "overdue", report_rows, "overdue [FILTERS]" },
	{ "due", report_rows, "due [-w 1d] [--mark] [FILTERS]" },
	{ "repeat", report_rows, "repeat [--min 3] [--days 90] [FILTERS]" },
	{ "causes", report_rows, "causes [FILTERS]" },
	{ "stats", report_stats, "stats [FILTERS]" },
	{ "log", report_log, "log [CASE]" },
	{ "verify", report_verify, "verify" },
	{ "export", report_export, "export [--json | --csv -o DIR] "
	    "[--customer WHO]" },
};

/* The sections of a dossier after its fields, in order. */
static const struct section {
	const char	*title;
	int		(*fn)(struct casefile *, int64_t, row_fn *, void *,
			    struct cerror *);
} sections[] = {
	{ "customer-details", query_customer },
	{ "fields", query_fields },
	{ "attachments", query_attachments },
	{ "triage", query_flags },
	{ "due", query_dues },
	{ "timeline", query_timeline },
	{ "states", query_states },
	{ "communications", query_communications },
	{ "accounts", query_accounts },
	{ "discrepancies", query_discrepancies },
	{ "proposals", query_proposals },
	{ "escalations", query_escalations },
	{ "decisions", query_decisions },
	{ "citations", query_citations },
	{ "followups", query_followups },
	{ "outcome", query_cause },
	{ "history", query_history },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
usage(FILE *fp)
{
	fputs("usage: complaint-report [-f FILE] [--csv | --csv-safe | --json] "
	    "[-q] [REPORT] [FILTERS]\n"
	    "reports:\n", fp);
	for (size_t i = 0; i < NELEM(reports); i++)
		fprintf(fp, "  %s\n", reports[i].usage);
	fputs("filters: --status STATUS|open --severity SEVERITY "
	    "--customer WHO --channel CHANNEL\n"
	    "  --tag TAG --assignee WHO --flag FLAG --since TIME "
	    "--until TIME\n"
	    "  --sort [-]FIELD[,[-]FIELD] --limit N\n", fp);
}

/* The output format for textout: CSV defused with --csv-safe. */
static int
outfmt(void)
{
	return opts.safe ? OUT_CSV_SAFE : opts.fmt;
}

/* Output rows, or with -q only count them. */
struct sink {
	struct textout	 out;
	int64_t		 rows;
	int64_t		 total;		/* stats: cases, for the bars */
	int		 bars;
};

static int
sink_row(void *arg, const struct row *r)
{
	struct sink	*s = arg;

	s->rows++;
	return opts.quiet ? 0 : textout_row(&s->out, r);
}

static int
finish(struct sink *s, struct cerror *e)
{
	if (textout_close(stdout, e) != 0)
		return e->code;
	return s->rows > 0 ? 0 : 1;
}

static int
report_rows(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	struct sink	 s = { .rows = 0 };
	int		 rc;

	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "%s takes no operands", name);
	if (opts.f.mark && strcmp(name, "due") != 0)
		return cerror_set(e, EX_USAGE, "--mark is for due only");
	textout_init(&s.out, stdout, outfmt());
	if (opts.f.mark)
		rc = query_due_mark(cf, &opts.f, sink_row, &s, e);
	else
		rc = query_report(cf, name, &opts.f, sink_row, &s, e);
	textout_free(&s.out);
	return rc != 0 ? rc : finish(&s, e);
}

/* Stats on a terminal: a bar after each count of a group. */
static int
stats_row(void *arg, const struct row *r)
{
	struct sink	*s = arg;
	long long	 v;
	int		 rc;

	if (strcmp(r->val[0], "cases") == 0 && r->val[2] != NULL)
		s->total = strtoll(r->val[2], NULL, 10);
	if (!s->bars || opts.quiet)
		return sink_row(arg, r);
	s->rows++;
	printf("%-12s%-16s", r->val[0], r->val[1]);
	if (r->val[2] == NULL)
		rc = puts("-");
	else if (strcmp(r->val[0], "status") == 0 ||
	    strcmp(r->val[0], "severity") == 0 ||
	    strcmp(r->val[0], "channel") == 0) {
		v = strtoll(r->val[2], NULL, 10);
		printf("%10lld  ", v);
		for (long long i = 0; s->total > 0 && i < v * 40 / s->total;
		    i++)
			putchar('#');
		rc = putchar('\n');
	} else
		rc = printf("%10s\n", r->val[2]);
	return rc == EOF ? EX_IOERR : 0;
}

static int
report_stats(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	struct sink	 s = { .rows = 0 };
	int		 rc;

	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "%s takes no operands", name);
	s.bars = opts.fmt == OUT_TEXT && isatty(STDOUT_FILENO);
	textout_init(&s.out, stdout, outfmt());
	rc = query_report(cf, name, &opts.f, stats_row, &s, e);
	textout_free(&s.out);
	return rc != 0 ? rc : finish(&s, e);
}

static int
report_log(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	struct sink	 s = { .rows = 0 };
	int64_t		 id = 0;
	int		 rc;

	(void)name;
	if (argc > 1)
		return cerror_set(e, EX_USAGE, "log takes at most one case");
	if (argc == 1 && ((rc = ids_parse(argv[0], &id)) != 0 ||
	    (rc = query_exists(cf, id, e)) != 0))
		return rc == EX_DATAERR ? cerror_set(e, rc, "log: not a case "
		    "id") : rc;
	textout_init(&s.out, stdout, outfmt());
	rc = query_log(cf, id, sink_row, &s, e);
	textout_free(&s.out);
	return rc != 0 ? rc : finish(&s, e);
}

/* The dossier as text: aligned fields, then each section with rows. */
static int
show_field(void *arg, const struct row *r)
{
	FILE	*fp = arg;

	fprintf(fp, "%-13s", r->val[0]);
	if (textout_vis(fp, r->val[1]) != 0)
		return EX_IOERR;
	return putc('\n', fp) == EOF ? EX_IOERR : 0;
}

/* A section's title, printed before its first row only. */
struct titled {
	struct textout	*out;
	const char	*title;
	int		 n;
};

static int
titled_row(void *arg, const struct row *r)
{
	struct titled	*t = arg;

	if (t->n++ == 0 && printf("\n%s\n", t->title) < 0)
		return EX_IOERR;
	return textout_row(t->out, r);
}

/* The dossier as one JSON object: the fields, then each section. */
struct jshow {
	struct buf	 b;
	int		 n;
};

static int
json_field(void *arg, const struct row *r)
{
	struct jshow	*j = arg;
	int		 rc = 0;

	rc |= buf_puts(&j->b, j->n++ ? "," : "{");
	rc |= text_json(&j->b, r->val[0]);
	rc |= buf_puts(&j->b, ":");
	if (r->type[1] == VAL_INT)
		rc |= buf_puts(&j->b, r->val[1]);
	else
		rc |= text_json(&j->b, r->val[1]);
	return rc;
}

static int
json_object(void *arg, const struct row *r)
{
	struct jshow	*j = arg;
	int		 rc = 0;

	rc |= buf_puts(&j->b, j->n++ ? ",{" : "{");
	for (int i = 0, first = 1; i < r->n; i++) {
		if (r->val[i] == NULL)
			continue;
		rc |= buf_puts(&j->b, first ? "" : ",");
		first = 0;
		rc |= text_json(&j->b, r->name[i]);
		rc |= buf_puts(&j->b, ":");
		if (r->type[i] == VAL_INT)
			rc |= buf_puts(&j->b, r->val[i]);
		else
			rc |= text_json(&j->b, r->val[i]);
	}
	return rc | buf_puts(&j->b, "}");
}

/*
 * A case as one JSON object.  The export leaves out the customer's other
 * cases (they are in the export themselves), so it grows with the cases
 * exported, not with the square of one customer's.
 */
static int
show_json(struct casefile *cf, int64_t id, int history, struct cerror *e)
{
	struct jshow	 j = { { NULL, 0, 0 }, 0 };
	int		 rc;

	if ((rc = query_case(cf, id, json_field, &j, e)) != 0)
		goto out;
	for (size_t i = 0; i < NELEM(sections); i++) {
		if (!history && sections[i].fn == query_history)
			continue;
		buf_printf(&j.b, ",\"%s\":[", sections[i].title);
		j.n = 0;
		if ((rc = sections[i].fn(cf, id, json_object, &j, e)) != 0)
			goto out;
		buf_puts(&j.b, "]");
	}
	if (buf_puts(&j.b, "}\n") != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if (fputs(j.b.s, stdout) == EOF)
		rc = cerror_set(e, EX_IOERR, "cannot write standard output");
out:
	buf_free(&j.b);
	return rc;
}

static int
show_text(struct casefile *cf, struct textout *out, int64_t id,
    struct cerror *e)
{
	struct titled	 t = { out, NULL, 0 };
	int		 rc;

	if ((rc = query_case(cf, id, show_field, stdout, e)) != 0)
		return rc;
	for (size_t i = 0; i < NELEM(sections) && rc == 0; i++) {
		t.title = sections[i].title;
		t.n = 0;
		rc = sections[i].fn(cf, id, titled_row, &t, e);
	}
	return rc;
}

/* With --out DIR, each case's dossier in DIR/case-ID.html. */
static int
show_html(struct casefile *cf, int64_t id, struct cerror *e)
{
	char	 path[PATH_MAX];
	FILE	*fp;
	int	 fd, rc;

	if (opts.dir == NULL)
		return html_dossier(cf, id, opts.lang, stdout, e);
	snprintf(path, sizeof(path), "%s/case-%lld.html", opts.dir,
	    (long long)id);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		return cerror_set(e, EX_CANTCREAT, "cannot create %s: %s",
		    path, strerror(errno));
	}
	rc = html_dossier(cf, id, opts.lang, fp, e);
	if (fclose(fp) == EOF && rc == 0)
		rc = cerror_set(e, EX_IOERR, "cannot write the dossier %s",
		    path);
	return rc;
}

static int
report_show(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	struct textout	 out;
	struct ids	 ids = { NULL, 0, 0 };
	int		 rc;

	(void)name;
	if (argc == 0)
		return cerror_set(e, EX_USAGE, "show needs a case id");
	if ((rc = ids_collect(&ids, argv, argc, stdin, e)) != 0)
		goto out;
	/* Check all first: a missing case must not leave half a report. */
	for (size_t i = 0; i < ids.n; i++)
		if ((rc = query_exists(cf, ids.v[i], e)) != 0)
			goto out;
	if ((opts.dir != NULL || opts.lang != NULL) && !opts.html) {
		rc = cerror_set(e, EX_USAGE, "show: --out and --lang are for "
		    "--html");
		goto out;
	}
	if (opts.html && opts.dir == NULL && ids.n > 1) {
		rc = cerror_set(e, EX_USAGE, "show --html of several cases "
		    "needs --out DIR, one document each");
		goto out;
	}
	if (opts.dir != NULL && mkdir(opts.dir, 0700) == -1 &&
	    errno != EEXIST) {
		rc = cerror_set(e, EX_CANTCREAT, "cannot create %s: %s",
		    opts.dir, strerror(errno));
		goto out;
	}
	textout_init(&out, stdout, outfmt());
	for (size_t i = 0; i < ids.n && rc == 0 && !opts.quiet; i++) {
		switch (opts.html ? -1 : opts.fmt) {
		case -1:
			rc = show_html(cf, ids.v[i], e);
			break;
		case OUT_JSON:
			rc = show_json(cf, ids.v[i], 1, e);
			break;
		case OUT_CSV:
			rc = query_case(cf, ids.v[i], textout_rowfn, &out, e);
			break;
		default:
			if (i > 0)
				putchar('\n');
			rc = show_text(cf, &out, ids.v[i], e);
		}
	}
	textout_free(&out);
	if (rc == 0)
		rc = textout_close(stdout, e);
out:
	ids_free(&ids);
	return rc;
}

struct recs {
	int64_t		 checked;
	int64_t		 missing;
	int64_t		 changed;
};

static int
recording_row(void *arg, const struct row *r)
{
	struct recs	*c = arg;
	char		 vis[PATH_MAX];

	c->checked++;
	if (strcmp(r->val[3], "ok") == 0)
		return 0;
	text_vis(vis, sizeof(vis), r->val[2]);
	if (strcmp(r->val[3], "missing") == 0) {
		c->missing++;
		warnx("recording %s of case %s is missing; not checked",
		    vis, r->val[1]);
	} else if (strcmp(r->val[3], "changed") == 0) {
		c->changed++;
		warnx("recording %s of case %s has changed: it no longer "
		    "matches its hash", vis, r->val[1]);
	} else {
		c->changed++;
		warnx("recording %s of case %s cannot be read; check its "
		    "permissions", vis, r->val[1]);
	}
	return 0;
}

/* An attachment kept from a file, re-hashed: warn unless it is ok. */
static int
attachment_row(void *arg, const struct row *r)
{
	struct recs	*c = arg;
	char		 vis[PATH_MAX];

	c->checked++;
	if (strcmp(r->val[3], "ok") == 0)
		return 0;
	text_vis(vis, sizeof(vis), r->val[2]);
	if (strcmp(r->val[3], "missing") == 0) {
		c->missing++;
		warnx("attachment A%s %s of case %s is missing; not checked",
		    r->val[0], vis, r->val[1]);
		return 0;
	}
	c->changed++;
	warnx("attachment A%s %s of case %s %s", r->val[0], vis, r->val[1],
	    strcmp(r->val[3], "changed") == 0 ? "has changed: it no longer "
	    "matches its hash" : "cannot be read; check its permissions");
	return 0;
}

static int
report_verify(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	struct audit_bad v;
	struct recs	 c = { 0, 0, 0 }, a = { 0, 0, 0 };
	int		 rc;

	(void)name;
	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "verify takes no operands");
	if ((rc = audit_verify(cf, &v, e)) != 0)
		return rc;
	if (v.entry != 0)
		return 1;
	if ((rc = query_recordings(cf, recording_row, &c, e)) != 0)
		return rc;
	if ((rc = query_evidence(cf, attachment_row, &a, e)) != 0)
		return rc;
	if (c.changed > 0)
		return cerror_set(e, 1, "%lld of %lld recordings do not verify",
		    (long long)c.changed, (long long)c.checked);
	if (a.changed > 0)
		return cerror_set(e, 1, "%lld of %lld attachments do not "
		    "verify", (long long)a.changed, (long long)a.checked);
	if (!opts.quiet) {
		printf("ok\t%lld entries\t%lld redacted\thead %s\n",
		    (long long)v.entries, (long long)v.redacted, v.head);
		if (c.checked > 0)
			printf("ok\t%lld recordings\t%lld missing\n",
			    (long long)c.checked, (long long)c.missing);
		if (a.checked > 0)
			printf("ok\t%lld attachments\t%lld missing\n",
			    (long long)a.checked, (long long)a.missing);
	}
	return textout_close(stdout, e);
}

/* Case ids of the listing, for export --json. */
static int
id_row(void *arg, const struct row *r)
{
	struct ids	*ids = arg;
	int64_t		*v;

	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 256;
		if ((v = reallocarray(ids->v, ids->cap, sizeof(*v))) == NULL)
			return EX_OSERR;
		ids->v = v;
	}
	ids->v[ids->n++] = strtoll(r->val[0], NULL, 10);
	return 0;
}

static int
export_csv(struct casefile *cf, struct cerror *e)
{
	struct textout	 out;
	const char	*t;
	char		 path[PATH_MAX];
	FILE		*fp;
	int		 fd, rc = 0;

	if (mkdir(opts.dir, 0700) == -1 && errno != EEXIST)
		return cerror_set(e, EX_CANTCREAT, "cannot create %s: %s",
		    opts.dir, strerror(errno));
	for (size_t i = 0; rc == 0 && (t = export_table_name(i)) != NULL;
	    i++) {
		snprintf(path, sizeof(path), "%s/%s.csv", opts.dir, t);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) ==
		    -1 || (fp = fdopen(fd, "w")) == NULL) {
			if (fd != -1)
				close(fd);
			return cerror_set(e, EX_CANTCREAT, "cannot create "
			    "%s: %s", path, strerror(errno));
		}
		textout_init(&out, fp, opts.safe ? OUT_CSV_SAFE : OUT_CSV);
		rc = export_table(cf, i, opts.f.customer, textout_rowfn, &out,
		    e);
		textout_free(&out);
		if (fclose(fp) == EOF && rc == 0)
			rc = cerror_set(e, EX_IOERR, "cannot write %s", path);
	}
	return rc;
}

static int
report_export(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	struct ids	 ids = { NULL, 0, 0 };
	int		 rc;

	(void)name;
	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "export takes no operands");
	if (opts.fmt == OUT_CSV) {
		if (opts.dir == NULL)
			return cerror_set(e, EX_USAGE, "export --csv needs "
			    "-o DIR, one file per table");
		return export_csv(cf, e);
	}
	if ((rc = query_list(cf, &opts.f, id_row, &ids, e)) != 0)
		goto out;
	for (size_t i = 0; i < ids.n && rc == 0; i++)
		rc = show_json(cf, ids.v[i], 0, e);
	if (rc == 0)
		rc = textout_close(stdout, e);
out:
	ids_free(&ids);
	return rc;
}

static int64_t
count_arg(const char *opt, const char *s)
{
	const char	*errstr;
	int64_t		 v;

	v = strtonum(s, 1, INT64_MAX / 86400, &errstr);
	if (errstr != NULL)
		errx(EX_USAGE, "%s: a count of 1 or more", opt);
	return v;
}

int
main(int argc, char *argv[])
{
	enum { O_CSV = 256, O_SAFE, O_JSON, O_STATUS, O_CUSTOMER, O_SINCE, O_UNTIL,
	    O_LIMIT, O_VERSION, O_SEVERITY, O_CHANNEL, O_TAG, O_ASSIGNEE,
	    O_FLAG, O_SORT, O_MARK, O_MIN, O_DAYS,
	    O_SQL, O_HTML, O_LANG };
	static const struct option longopts[] = {
		{ "assignee", required_argument, NULL, O_ASSIGNEE },
		{ "channel", required_argument, NULL, O_CHANNEL },
		{ "csv", no_argument, NULL, O_CSV },
		{ "csv-safe", no_argument, NULL, O_SAFE },
		{ "customer", required_argument, NULL, O_CUSTOMER },
		{ "days", required_argument, NULL, O_DAYS },
		{ "flag", required_argument, NULL, O_FLAG },
		{ "help", no_argument, NULL, 'h' },
		{ "html", no_argument, NULL, O_HTML },
		{ "json", no_argument, NULL, O_JSON },
		{ "lang", required_argument, NULL, O_LANG },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "mark", no_argument, NULL, O_MARK },
		{ "min", required_argument, NULL, O_MIN },
		{ "out", required_argument, NULL, 'o' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "severity", required_argument, NULL, O_SEVERITY },
		{ "since", required_argument, NULL, O_SINCE },
		{ "sort", required_argument, NULL, O_SORT },
		{ "sql", no_argument, NULL, O_SQL },
		{ "status", required_argument, NULL, O_STATUS },
		{ "tag", required_argument, NULL, O_TAG },
		{ "until", required_argument, NULL, O_UNTIL },
		{ "version", no_argument, NULL, O_VERSION },
		{ "window", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const struct report *rep = NULL;
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	char		**operands = argv + 1;
	char		 vis[64];
	int		 c, n = 0, rc;

	setlocale(LC_CTYPE, "");
	/*
	 * Options may follow the report's name, as in "list --csv".  getopt
	 * stops at each operand; it is moved down into argv[1..n], a part
	 * getopt has already read.  "--" is taken here: glibc's getopt,
	 * seeing it after operands it did not permute, sends optind back to
	 * them, and they would be copied again past the end of argv.
	 */
	for (;;) {
		if (optind < argc && strcmp(argv[optind], "--") == 0) {
			while (++optind < argc)
				operands[n++] = argv[optind];
			break;
		}
		c = getopt_long(argc, argv, "+f:hqo:w:", longopts, NULL);
		if (c == -1) {
			if (optind >= argc)
				break;
			operands[n++] = argv[optind++];
			continue;
		}
		switch (c) {
		case 'f':
			opts.file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'o':
			opts.dir = optarg;
			break;
		case 'q':
			opts.quiet = 1;
			break;
		case 'w':
			if (timefmt_duration(optarg, &opts.f.window, &e) != 0)
				errx(EX_USAGE, "-w: %s", e.msg);
			break;
		case O_CSV:
			opts.fmt = OUT_CSV;
			break;
		case O_SAFE:
			opts.fmt = OUT_CSV;
			opts.safe = 1;
			break;
		case O_JSON:
			opts.fmt = OUT_JSON;
			break;
		case O_HTML:
			opts.html = 1;
			break;
		case O_LANG:
			if (html_lang(optarg) != 0)
				errx(EX_USAGE, "--lang: %s is not en, id, sv "
				    "or customer", text_vis(vis, sizeof(vis),
				    optarg));
			opts.lang = optarg;
			break;
		case O_ASSIGNEE:
			opts.f.assignee = optarg;
			break;
		case O_CHANNEL:
			opts.f.channel = optarg;
			break;
		case O_CUSTOMER:
			opts.f.customer = optarg;
			break;
		case O_DAYS:
			opts.f.days = count_arg("--days", optarg);
			break;
		case O_FLAG:
			opts.f.flag = optarg;
			break;
		case O_LIMIT:
			opts.f.limit = count_arg("--limit", optarg);
			break;
		case O_MARK:
			opts.f.mark = 1;
			break;
		case O_MIN:
			opts.f.min = count_arg("--min", optarg);
			break;
		case O_SEVERITY:
			if (case_severity(optarg, &opts.f.severity) != 0)
				errx(EX_USAGE, "--severity: %s is not 1-4 or "
				    "low, medium, high, critical",
				    text_vis(vis, sizeof(vis), optarg));
			break;
		case O_SINCE:
			opts.f.since = optarg;
			break;
		case O_SORT:
			opts.f.sort = optarg;
			break;
		case O_SQL:
			opts.sql = 1;
			break;
		case O_STATUS:
			opts.f.status = optarg;
			break;
		case O_TAG:
			opts.f.tag = optarg;
			break;
		case O_UNTIL:
			opts.f.until = optarg;
			break;
		case O_VERSION:
			puts("complaint-report " COMPLAINT_VERSION);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (n == 0)
		rep = &reports[0];
	else {
		for (size_t i = 0; i < NELEM(reports); i++)
			if (strcmp(operands[0], reports[i].name) == 0)
				rep = &reports[i];
		if (rep == NULL) {
			warnx("no report %s", text_vis(vis, sizeof(vis),
			    operands[0]));
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (opts.sql) {
		struct buf	 b = { NULL, 0, 0 };

		if ((rc = query_sql(rep->name, &opts.f, &b, &e)) != 0)
			errx(rc == EX_USAGE ? EX_USAGE : rc, "%s", e.msg);
		puts(b.s);
		buf_free(&b);
		return textout_close(stdout, &e) != 0 ? EX_IOERR : 0;
	}
	/* Only due --mark writes; the file must exist all the same. */
	if ((rc = casefile_open(&cf, opts.file, CF_READ, &e)) != 0)
		goto out;
	if (opts.f.mark) {
		casefile_close(cf);
		if ((rc = casefile_open(&cf, opts.file, CF_WRITE, &e)) != 0)
			goto out;
	}
	if ((rc = casefile_begin(cf, &e)) != 0)
		goto out;
	rc = rep->fn(cf, rep->name, operands + (n > 0), n - (n > 0), &e);
	if (opts.f.mark && rc <= 1) {
		int	 rc2;

		if ((rc2 = casefile_commit(cf, &e)) != 0)
			rc = rc2;
	}
out:
	casefile_close(cf);
	if (rc > 1 || (rc == 1 && e.code == 1))
		errx(rc, "%s", e.msg);
	return rc;
}
