/*
 * complaint-report: lists and reports for people and pipes.  Read-only:
 * every report runs in one read transaction, so it sees one snapshot.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

static struct {
	const char	*file;
	int		 fmt;
	int		 quiet;
	struct filter	 f;
} opts;

struct report {
	const char	*name;
	int		(*fn)(struct casefile *, char **, int, struct cerror *);
	const char	*usage;
};

static int	report_list(struct casefile *, char **, int, struct cerror *);
static int	report_log(struct casefile *, char **, int, struct cerror *);
static int	report_show(struct casefile *, char **, int, struct cerror *);
static int	report_verify(struct casefile *, char **, int,
		    struct cerror *);

static const struct report reports[] = {
	{ "list", report_list, "list [FILTERS]" },
	{ "log", report_log, "log [CASE]" },
	{ "show", report_show, "show CASE..." },
	{ "verify", report_verify, "verify" },
};

static void
usage(FILE *fp)
{
	fputs("usage: complaint-report [-f FILE] [--csv | --json] [-q] "
	    "[REPORT] [FILTERS]\n"
	    "reports:\n", fp);
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
		fprintf(fp, "  %s\n", reports[i].usage);
	fputs("filters: --status STATUS --customer WHO --since TIME "
	    "--until TIME --limit N\n", fp);
}

/* Output rows, or with -q only count them. */
struct sink {
	struct textout	 out;
	int64_t		 rows;
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
report_list(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct sink	 s = { .rows = 0 };
	int		 rc;

	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "list takes no operands");
	textout_init(&s.out, stdout, opts.fmt);
	rc = query_list(cf, &opts.f, sink_row, &s, e);
	textout_free(&s.out);
	return rc != 0 ? rc : finish(&s, e);
}

static int
report_log(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct sink	 s = { .rows = 0 };
	int64_t		 id = 0;
	int		 rc;

	if (argc > 1)
		return cerror_set(e, EX_USAGE, "log takes at most one case");
	if (argc == 1 && ((rc = ids_parse(argv[0], &id)) != 0 ||
	    (rc = query_exists(cf, id, e)) != 0))
		return rc == EX_DATAERR ? cerror_set(e, rc, "log: not a case "
		    "id") : rc;
	textout_init(&s.out, stdout, opts.fmt);
	rc = query_log(cf, id, sink_row, &s, e);
	textout_free(&s.out);
	return rc != 0 ? rc : finish(&s, e);
}

/* The dossier as text: aligned fields, then the timeline. */
static int
show_field(void *arg, const struct row *r)
{
	FILE	*fp = arg;

	fprintf(fp, "%-13s", r->val[0]);
	if (textout_vis(fp, r->val[1]) != 0)
		return EX_IOERR;
	return putc('\n', fp) == EOF ? EX_IOERR : 0;
}

/* The dossier as one JSON object: the fields, then "timeline": [...]. */
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
json_event(void *arg, const struct row *r)
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
		rc |= text_json(&j->b, r->val[i]);
	}
	return rc | buf_puts(&j->b, "}");
}

static int
show_json(struct casefile *cf, int64_t id, struct cerror *e)
{
	struct jshow	 j = { { NULL, 0, 0 }, 0 };
	int		 rc;

	if ((rc = query_case(cf, id, json_field, &j, e)) != 0)
		goto out;
	buf_puts(&j.b, ",\"timeline\":[");
	j.n = 0;
	if ((rc = query_timeline(cf, id, json_event, &j, e)) != 0)
		goto out;
	if (buf_puts(&j.b, "]}\n") != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	fputs(j.b.s, stdout);
out:
	buf_free(&j.b);
	return rc;
}

static int
report_show(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct textout	 out;
	struct ids	 ids = { NULL, 0, 0 };
	int		 rc;

	if (argc == 0)
		return cerror_set(e, EX_USAGE, "show needs a case id");
	if ((rc = ids_collect(&ids, argv, argc, stdin, e)) != 0)
		goto out;
	/* Check all first: a missing case must not leave half a report. */
	for (size_t i = 0; i < ids.n; i++)
		if ((rc = query_exists(cf, ids.v[i], e)) != 0)
			goto out;
	textout_init(&out, stdout, opts.fmt);
	for (size_t i = 0; i < ids.n && rc == 0 && !opts.quiet; i++) {
		switch (opts.fmt) {
		case OUT_JSON:
			rc = show_json(cf, ids.v[i], e);
			break;
		case OUT_CSV:
			rc = query_case(cf, ids.v[i], textout_rowfn, &out, e);
			break;
		default:
			if (i > 0)
				putchar('\n');
			if ((rc = query_case(cf, ids.v[i], show_field, stdout,
			    e)) != 0)
				break;
			puts("\ntimeline");
			rc = query_timeline(cf, ids.v[i], textout_rowfn, &out,
			    e);
		}
	}
	textout_free(&out);
	if (rc == 0)
		rc = textout_close(stdout, e);
out:
	ids_free(&ids);
	return rc;
}

static int
report_verify(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct audit_bad v;
	int		 rc;

	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "verify takes no operands");
	if ((rc = audit_verify(cf, &v, e)) != 0)
		return rc;
	if (v.entry != 0)
		return 1;
	if (!opts.quiet)
		printf("ok\t%lld entries\t%lld redacted\thead %s\n",
		    (long long)v.entries, (long long)v.redacted, v.head);
	return textout_close(stdout, e);
}

int
main(int argc, char *argv[])
{
	enum { O_CSV = 256, O_JSON, O_STATUS, O_CUSTOMER, O_SINCE, O_UNTIL,
	    O_LIMIT, O_VERSION };
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "customer", required_argument, NULL, O_CUSTOMER },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, O_JSON },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "since", required_argument, NULL, O_SINCE },
		{ "status", required_argument, NULL, O_STATUS },
		{ "until", required_argument, NULL, O_UNTIL },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const struct report *rep = NULL;
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	const char	*errstr;
	char		**operands = argv + 1;
	int		 c, n = 0, rc;

	setlocale(LC_CTYPE, "");
	/*
	 * Options may follow the report's name, as in "list --csv".  getopt
	 * stops at each operand; it is moved down into argv[1..n], a part
	 * getopt has already read.
	 */
	for (;;) {
		c = getopt_long(argc, argv, "+f:hq", longopts, NULL);
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
		case 'q':
			opts.quiet = 1;
			break;
		case O_CSV:
			opts.fmt = OUT_CSV;
			break;
		case O_JSON:
			opts.fmt = OUT_JSON;
			break;
		case O_CUSTOMER:
			opts.f.customer = optarg;
			break;
		case O_LIMIT:
			opts.f.limit = strtonum(optarg, 1, INT64_MAX, &errstr);
			if (errstr != NULL)
				errx(EX_USAGE, "--limit: a count of 1 or more");
			break;
		case O_SINCE:
			opts.f.since = optarg;
			break;
		case O_STATUS:
			opts.f.status = optarg;
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
		for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]);
		    i++)
			if (strcmp(operands[0], reports[i].name) == 0)
				rep = &reports[i];
		if (rep == NULL) {
			char vis[64];

			warnx("no report %s", text_vis(vis, sizeof(vis),
			    operands[0]));
			usage(stderr);
			return EX_USAGE;
		}
	}
	if ((rc = casefile_open(&cf, opts.file, CF_READ, &e)) != 0 ||
	    (rc = casefile_begin(cf, &e)) != 0)
		goto out;
	rc = rep->fn(cf, operands + (n > 0), n - (n > 0), &e);
out:
	casefile_close(cf);
	if (rc > 1 || (rc == 1 && e.code == 1))
		errx(rc, "%s", e.msg);
	return rc;
}
