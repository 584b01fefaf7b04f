/*
 * complaint-report: lists and reports for people and pipes.  Every report
 * runs in one transaction, so it sees one snapshot; only due --mark
 * writes (the reminders it listed).  Listings are the lib's fixed queries
 * with bound filters; the dossier is a table of sections, each a title
 * and a lib query, so a new kind of record is one line here.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
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
	const char	*dir;		/* export -o, show --html --out */
	const char	*lang;		/* show --html --lang */
	const char	*exec;		/* due --mark --exec: send each */
	int		 html;		/* show --html */
	int		 fmt;
	int		 safe;		/* --csv-safe */
	int		 quiet;
	int		 verbose;	/* verify -v */
	const char	*head;		/* verify --head N:HASH */
	int		 all;		/* export --all: every table */
	int		 sql;		/* print the report's SQL, run nothing */
	int		 sortkeys;	/* print the keys --sort takes */
	int		 tty;		/* stdout is a terminal */
	int		 colour;	/* and NO_COLOR is unset */
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
static int	report_head(struct casefile *, const char *, char **, int,
		    struct cerror *);

static const struct report reports[] = {
	{ "list", report_rows, "list [FILTERS]" },
	{ "show", report_show, "show [--html [--lang LANG] [--out DIR]] "
	    "CASE..." },
	{ "overdue", report_rows, "overdue [FILTERS]" },
	{ "due", report_rows, "due [-w 1d] [--mark [--exec CMD]] [FILTERS]" },
	{ "repeat", report_rows, "repeat [--min 3] [--days 90] [FILTERS]" },
	{ "causes", report_rows, "causes [FILTERS]" },
	{ "stats", report_stats, "stats [FILTERS]" },
	{ "log", report_log, "log [CASE]" },
	{ "verify", report_verify, "verify [-v] [--head N:HASH]" },
	{ "head", report_head, "head" },
	{ "export", report_export, "export [--json | --csv -o DIR] "
	    "[--customer WHO]" },
	{ "export", report_export, "export --all (-o DIR | --json)" },
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
	{ "witnesses", query_witnesses },
	{ "discrepancies", query_discrepancies },
	{ "explained", query_explained },
	{ "proposals", query_proposals },
	{ "escalations", query_escalations },
	{ "decisions", query_decisions },
	{ "citations", query_citations },
	{ "followups", query_followups },
	{ "outcome", query_cause },
	{ "history-counts", query_history_counts },
	{ "history", query_history },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
usage(FILE *fp)
{
	fputs("usage: complaint-report [-f FILE] [--csv | --csv-safe | --json] "
	    "[-q] [--sort-keys] [REPORT] [FILTERS]\n"
	    "reports:\n", fp);
	for (size_t i = 0; i < NELEM(reports); i++)
		fprintf(fp, "  %s\n", reports[i].usage);
	fputs("filters: --status STATUS[,STATUS] --severity SEVERITY "
	    "--customer WHO\n"
	    "  --channel CHANNEL --grep WORDS --tag TAG --assignee WHO "
	    "--flag FLAG\n"
	    "  --since TIME --until TIME --sort [-]FIELD[,[-]FIELD] "
	    "--limit N\n", fp);
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
	struct columns	*cols;		/* rows kept to be aligned */
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

/* A CSV header of names only, for a listing with no rows. */
static int
header_row(void *arg, const struct row *r)
{
	(void)arg;
	for (int i = 0; i < r->n; i++)
		printf("%s%s", i > 0 ? "," : "", r->name[i]);
	return putchar('\n') == EOF ? EX_IOERR : 0;
}

/* On a terminal, a listing for people: aligned columns under a header. */
static int
aligned(const char *name)
{
	return opts.tty && opts.fmt == OUT_TEXT && !opts.quiet &&
	    (strcmp(name, "list") == 0 || strcmp(name, "overdue") == 0 ||
	    strcmp(name, "due") == 0 || strcmp(name, "repeat") == 0);
}

static int
columns_sink(void *arg, const struct row *r)
{
	struct sink	*s = arg;

	s->rows++;
	return columns_row(s->cols, r);
}

static int
report_rows(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	struct sink	 s = { .rows = 0 };
	struct columns	 cols;
	row_fn		*fn = sink_row;
	int		 rc;

	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "%s takes no operands", name);
	if (opts.f.mark && strcmp(name, "due") != 0)
		return cerror_set(e, EX_USAGE, "--mark is for due only");
	textout_init(&s.out, stdout, outfmt());
	columns_init(&cols);
	if (aligned(name)) {
		s.cols = &cols;
		fn = columns_sink;
	}
	if (opts.f.mark)
		rc = query_due_mark(cf, &opts.f, fn, &s, e);
	else
		rc = query_report(cf, name, &opts.f, fn, &s, e);
	if (rc == 0 && s.cols != NULL && (rc = columns_print(&cols, stdout,
	    opts.colour)) != 0)
		rc = cerror_set(e, rc, "cannot write standard output");
	if (rc == 0 && s.rows == 0 && opts.fmt == OUT_CSV && !opts.quiet)
		rc = query_columns(cf, name, &opts.f, header_row, NULL, e);
	columns_free(&cols);
	textout_free(&s.out);
	return rc != 0 ? rc : finish(&s, e);
}

/*
 * due --mark --exec CMD: a reminder is marked sent only once CMD has
 * delivered it.  The due reminders are collected in a read transaction;
 * then, for each, CMD runs with no lock held (sendmail may take its
 * time), and when it exits 0 the reminder is marked in a transaction of
 * its own.  A reminder whose CMD fails stays due for the next run; one
 * sent but not marked (the file stayed busy) is sent again: at least
 * once, never lost.
 */
struct reminders {
	char		**name;		/* the columns */
	int		*type;
	int		 ncol;
	char		**val;		/* ncol values a reminder */
	size_t		 n, cap;
};

static int
collect_row(void *arg, const struct row *r)
{
	struct reminders *rs = arg;
	char		**v;

	if (rs->ncol == 0) {
		if ((rs->name = calloc(r->n, sizeof(*rs->name))) == NULL ||
		    (rs->type = calloc(r->n, sizeof(*rs->type))) == NULL)
			return EX_OSERR;
		rs->ncol = r->n;
		for (int i = 0; i < r->n; i++) {
			rs->type[i] = r->type[i];
			if ((rs->name[i] = strdup(r->name[i])) == NULL)
				return EX_OSERR;
		}
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		if ((v = reallocarray(rs->val, rs->cap, rs->ncol *
		    sizeof(*v))) == NULL)
			return EX_OSERR;
		rs->val = v;
	}
	v = rs->val + rs->n++ * rs->ncol;
	for (int i = 0; i < rs->ncol; i++)
		v[i] = NULL;
	for (int i = 0; i < rs->ncol; i++)
		if (r->val[i] != NULL && (v[i] = strdup(r->val[i])) == NULL)
			return EX_OSERR;
	return 0;
}

static void
reminders_free(struct reminders *rs)
{
	for (size_t i = 0; i < rs->n * rs->ncol; i++)
		free(rs->val[i]);
	for (int i = 0; i < rs->ncol; i++)
		free(rs->name[i]);
	free(rs->val);
	free(rs->name);
	free(rs->type);
}

/*
 * Run opts.exec for reminder r: the record on its standard input, as
 * --csv, --json or text would print it, each column in the environment
 * as COMPLAINT_ and its name in capitals, its standard output on our
 * standard error, killed past timeout seconds.  Return its exit status,
 * 128 + the signal that ended it, -1 when it could not be started, -2
 * when it was killed.
 */
static int
run_exec(const struct reminders *rs, const struct row *r, int timeout)
{
	struct textout	 out;
	struct hookcmd	 h;
	struct cerror	 e;
	const char	*name, *val;
	char		*rec = NULL, **add = NULL;
	size_t		 len = 0, size;
	FILE		*fp;
	int		 status = -1, timedout = 0, n = 0;

	if ((fp = open_memstream(&rec, &len)) == NULL)
		return -1;
	textout_init(&out, fp, outfmt());
	textout_row(&out, r);
	textout_free(&out);
	if (fclose(fp) == EOF ||
	    (add = calloc(rs->ncol + 2, sizeof(*add))) == NULL)
		goto out;
	for (int i = 0; i <= rs->ncol; i++, n++) {
		name = i < rs->ncol ? r->name[i] : "case";
		val = i < rs->ncol ? r->val[i] : r->val[0];
		if (val == NULL)
			val = "";
		size = strlen(name) + strlen(val) + 12;
		if ((add[n] = malloc(size)) == NULL)
			goto out;
		snprintf(add[n], size, "COMPLAINT_%s=%s", name, val);
		for (char *p = add[n]; *p != '='; p++)
			*p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	}
	memset(&h, 0, sizeof(h));
	h.what = "--exec";
	h.cmd = opts.exec;
	h.add = add;
	h.in = rec;
	h.inlen = len;
	h.timeout = timeout;
	if (hook_spawn(&h, NULL, NULL, &status, &timedout, &e) != 0)
		status = -1;
	else if (timedout)
		status = -2;
out:
	for (int i = 0; add != NULL && add[i] != NULL; i++)
		free(add[i]);
	free(add);
	free(rec);
	return status;
}

static int
due_exec(struct casefile **cfp, const char *name, int argc,
    struct cerror *e)
{
	struct reminders rs = { NULL, NULL, 0, NULL, 0, 0 };
	struct sink	 s = { .rows = 0 };
	struct filter	 g = opts.f;
	struct row	 r;
	char		 why[sizeof(e->msg)];
	int64_t		 failed = 0;
	int		 rc, st;

	if (strcmp(name, "due") != 0 || !opts.f.mark)
		return cerror_set(e, EX_USAGE, "--exec goes with due --mark");
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "due takes no operands");
	g.mark = 1;
	if ((rc = casefile_begin(*cfp, e)) != 0)
		return rc;
	rc = query_report(*cfp, "due", &g, collect_row, &rs, e);
	casefile_rollback(*cfp);
	if (rc == EX_OSERR && e->code == 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	casefile_close(*cfp);
	*cfp = NULL;
	if (rc != 0 || (rc = casefile_open_tell(cfp, opts.file, CF_WRITE, warnx,
	    e)) != 0)
		goto out;
	textout_init(&s.out, stdout, outfmt());
	r.n = rs.ncol;
	r.name = (const char *const *)rs.name;
	r.type = rs.type;
	for (size_t i = 0; i < rs.n && rc == 0; i++) {
		r.val = (const char *const *)(rs.val + i * rs.ncol);
		if ((st = run_exec(&rs, &r, hook_timeout(*cfp))) != 0) {
			failed++;
			if (st == -2)
				warnx("case %s: %s reminder not sent: the "
				    "--exec command was killed after %d s "
				    "(setting hook.timeout); it stays due",
				    r.val[0], r.val[1], hook_timeout(*cfp));
			else if (st == -1)
				warnx("case %s: %s reminder not sent: cannot "
				    "run the command: %s", r.val[0], r.val[1],
				    strerror(errno));
			else
				warnx("case %s: %s reminder not sent: the "
				    "--exec command exited %d; it stays due",
				    r.val[0], r.val[1], st);
			continue;
		}
		if ((rc = casefile_begin(*cfp, e)) != 0 ||
		    (rc = query_due_sent(*cfp, strtoll(r.val[0], NULL, 10),
		    r.val[1], r.val[2], e)) != 0 ||
		    (rc = casefile_commit(*cfp, e)) != 0) {
			casefile_rollback(*cfp);
			strlcpy(why, e->msg, sizeof(why));
			cerror_set(e, rc, "case %s: %s reminder sent but not "
			    "marked, so it will be sent again: %s", r.val[0],
			    r.val[1], why);
			break;
		}
		if ((rc = sink_row(&s, &r)) != 0)
			cerror_set(e, rc, "cannot write standard output");
	}
	textout_free(&s.out);
	if (rc == 0 && failed > 0)
		rc = cerror_set(e, EX_UNAVAILABLE, "%lld of %zu reminders not "
		    "sent; they stay due", (long long)failed, rs.n);
	else if (rc == 0)
		rc = rs.n > 0 ? textout_close(stdout, e) : 1;
out:
	reminders_free(&rs);
	return rc;
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
	rc = query_stats(cf, &opts.f, stats_row, &s, e);
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
	FILE		*fp = arg;
	const char	*sgr;

	sgr = opts.colour ? columns_sgr(r->val[0], r->val[1]) : NULL;
	fprintf(fp, "%-13s%s", r->val[0], sgr != NULL ? sgr : "");
	if (textout_vis(fp, r->val[1]) != 0)
		return EX_IOERR;
	if (sgr != NULL)
		fputs(columns_reset(), fp);
	return putc('\n', fp) == EOF ? EX_IOERR : 0;
}

/* A section's row as text, with colour: each cell marked as it needs. */
static int
colour_row(FILE *fp, const struct row *r)
{
	const char	*sgr;

	for (int i = 0; i < r->n; i++) {
		if (i > 0)
			putc('\t', fp);
		if (r->val[i] == NULL)
			continue;
		if ((sgr = columns_sgr(r->name[i], r->val[i])) != NULL)
			fputs(sgr, fp);
		if (textout_vis(fp, r->val[i]) != 0)
			return EX_IOERR;
		if (sgr != NULL)
			fputs(columns_reset(), fp);
	}
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
	if (opts.colour)
		return colour_row(stdout, r);
	return textout_row(t->out, r);
}

/*
 * The dossier as CSV: one table of (field, value), the case's fields
 * first, then each section's cells as "section.row.column".
 */
static int
csv_cell(void *arg, const struct row *r)
{
	static const char *const names[] = { "field", "value" };
	struct titled	*t = arg;
	const char	*val[2];
	int		 type[2] = { VAL_TEXT, VAL_TEXT };
	struct row	 f = { 2, names, val, type };
	char		 field[128];
	int		 rc = 0;

	t->n++;
	for (int i = 0; i < r->n && rc == 0; i++) {
		if (r->val[i] == NULL)
			continue;
		snprintf(field, sizeof(field), "%s.%d.%s", t->title, t->n,
		    r->name[i]);
		val[0] = field;
		val[1] = r->val[i];
		type[1] = r->type[i];
		rc = textout_row(t->out, &f);
	}
	return rc;
}

/*
 * The dossier's fields through field (with farg), then each section's
 * rows through row, titled; text and CSV differ only in the two.
 */
static int
show_sections(struct casefile *cf, struct textout *out, int64_t id,
    row_fn *field, void *farg, row_fn *row, struct cerror *e)
{
	struct titled	 t = { out, NULL, 0 };
	int		 rc;

	if ((rc = query_case(cf, id, field, farg, e)) != 0)
		return rc;
	for (size_t i = 0; i < NELEM(sections) && rc == 0; i++) {
		t.title = sections[i].title;
		t.n = 0;
		rc = sections[i].fn(cf, id, row, &t, e);
	}
	return rc;
}

static int
show_csv(struct casefile *cf, struct textout *out, int64_t id,
    struct cerror *e)
{
	return show_sections(cf, out, id, textout_rowfn, out, csv_cell, e);
}

/* The dossier as one JSON object: the fields, then each section. */
struct jshow {
	struct buf	 b;
	int		 n;
};

/* A field of the case (a key and its value) as a member of the object. */
static int
json_field(void *arg, const struct row *r)
{
	struct jshow	*j = arg;
	struct row	 f = { 1, r->val, r->val + 1, r->type + 1 };

	if (j->n == 0 && buf_puts(&j->b, "{") != 0)
		return EX_OSERR;
	return textout_json(&j->b, &f, &j->n);
}

static int
json_object(void *arg, const struct row *r)
{
	struct jshow	*j = arg;
	int		 n = 0, rc = 0;

	rc |= buf_puts(&j->b, j->n++ ? ",{" : "{");
	rc |= textout_json(&j->b, r, &n);
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
		if (!history && (sections[i].fn == query_history ||
		    sections[i].fn == query_history_counts))
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
	return show_sections(cf, out, id, show_field, stdout, titled_row, e);
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
			rc = show_csv(cf, &out, ids.v[i], e);
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

/* --head N:HASH: the chain, just verified, must still hold entry N. */
static int
check_head(struct casefile *cf, const char *arg, struct cerror *e)
{
	char		 num[32], hash[65];
	const char	*colon, *errstr;
	int64_t		 id;
	int		 rc;

	if ((colon = strchr(arg, ':')) == NULL || colon == arg ||
	    (size_t)(colon - arg) >= sizeof(num) || strlen(colon + 1) != 64)
		return cerror_set(e, EX_USAGE, "--head: give N:HASH as "
		    "complaint-report head prints it");
	memcpy(num, arg, (size_t)(colon - arg));
	num[colon - arg] = '\0';
	id = strtonum(num, 1, INT64_MAX, &errstr);
	if (errstr != NULL)
		return cerror_set(e, EX_USAGE, "--head: entry %s is %s", num,
		    errstr);
	if ((rc = audit_head(cf, &id, hash, e)) != 0)
		return rc;
	if (id == 0)
		return cerror_set(e, 1, "audit entry %s is gone: the log was "
		    "truncated or rewritten since the head was taken", num);
	if (strcmp(hash, colon + 1) != 0)
		return cerror_set(e, 1, "audit entry %s has another chain hash "
		    "than the head taken: the log was rewritten", num);
	return 0;
}

static int
report_head(struct casefile *cf, const char *name, char **argv, int argc,
    struct cerror *e)
{
	char		 hash[65];
	int64_t		 id = 0;
	int		 rc;

	(void)name;
	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "head takes no operands");
	if ((rc = audit_head(cf, &id, hash, e)) != 0)
		return rc;
	if (id == 0)
		return cerror_set(e, 1, "the audit log is empty");
	printf("%lld %s\n", (long long)id, hash);
	return textout_close(stdout, e);
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
	struct verify_rows t;
	struct recs	 c = { 0, 0, 0 }, a = { 0, 0, 0 };
	int64_t		 bad;
	int		 rc;

	(void)name;
	(void)argv;
	if (argc > 0)
		return cerror_set(e, EX_USAGE, "verify takes no operands");
	if ((rc = audit_verify(cf, &v, e)) != 0)
		return rc;
	if (v.entry != 0)
		return 1;
	if (opts.head != NULL && (rc = check_head(cf, opts.head, e)) != 0)
		return rc;
	if ((rc = verify_redactions(cf, &bad, e)) != 0)
		return rc;
	if (bad != 0)
		return 1;
	if ((rc = verify_tables(cf, &t, e)) != 0)
		return rc;
	if (t.bad != 0)
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
	if (v.unproved > 0)
		return cerror_set(e, v.keyerr.code, "%s: %lld entries keyed "
		    "from entry %lld are not proved", v.keyerr.msg,
		    (long long)v.unproved, (long long)v.keyed_first);
	if (!opts.quiet) {
		printf("ok\t%lld entries\t%lld redacted\thead %s\n",
		    (long long)v.entries, (long long)v.redacted, v.head);
		if (v.keyed > 0)
			printf("ok\t%lld entries keyed from entry %lld\n",
			    (long long)v.keyed, (long long)v.keyed_first);
		if (t.checked)
			printf("ok\t%lld rows match the log\n",
			    (long long)t.rows);
		if (opts.verbose && v.unrecorded > 0)
			printf("legacy\t%lld entries before rows were "
			    "recorded\t%lld not JSON, the first %lld\n",
			    (long long)v.unrecorded, (long long)v.legacy,
			    (long long)v.legacy_first);
		if (opts.verbose && !t.checked)
			printf("legacy\tschema 2: the tables are not proven; "
			    "a writer upgrades the file\n");
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

/*
 * export --all: every table as stored, for a copy that outlives this
 * program or for another tool; complaint import reads the folder back.
 */
static int
export_all(struct casefile *cf, struct cerror *e)
{
	int64_t		 rows;

	if (opts.f.customer != NULL || opts.safe || opts.quiet ||
	    (opts.fmt == OUT_JSON) == (opts.dir != NULL))
		return cerror_set(e, EX_USAGE, "export --all takes -o DIR "
		    "(a folder of CSV files) or --json, and no filter");
	if (opts.fmt == OUT_JSON) {
		if (fullexport_json(cf, stdout, e) != 0)
			return e->code;
		return textout_close(stdout, e);
	}
	return fullexport_csv(cf, opts.dir, &rows, e);
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
	if (opts.all)
		return export_all(cf, e);
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

/*
 * As git does: on a terminal, the dossier and the log go through $PAGER,
 * or less -FRX (which quits when it all fits and keeps colour).  PAGER
 * empty or cat means none.  Without less, the child copies the text.
 */
/* The person quit the pager before the end: that is no failure. */
static void
pager_quit(int sig)
{
	(void)sig;
	_exit(0);
}

static pid_t
pager_start(void)
{
	const char	*pager = getenv("PAGER");
	char		 b[BUFSIZ];
	ssize_t		 n;
	pid_t		 pid;
	int		 fd[2];

	if (pager != NULL && (*pager == '\0' || strcmp(pager, "cat") == 0))
		return -1;
	if (fflush(stdout) == EOF || pipe(fd) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		if (pager != NULL)
			execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		else
			execlp("less", "less", "-FRX", (char *)NULL);
		while ((n = read(STDIN_FILENO, b, sizeof(b))) > 0)
			if (write(STDOUT_FILENO, b, (size_t)n) != n)
				_exit(EX_IOERR);
		_exit(0);
	}
	dup2(fd[1], STDOUT_FILENO);
	close(fd[0]);
	close(fd[1]);
	signal(SIGPIPE, pager_quit);
	return pid;
}

/* Let the pager read to the end, then wait for the person to leave it. */
static void
pager_end(pid_t pid)
{
	if (pid == -1)
		return;
	fflush(stdout);
	close(STDOUT_FILENO);
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
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
	    O_SQL, O_HTML, O_LANG, O_EXEC, O_GREP, O_SORTKEYS, O_HEAD, O_ALL };
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, O_ALL },
		{ "assignee", required_argument, NULL, O_ASSIGNEE },
		{ "channel", required_argument, NULL, O_CHANNEL },
		{ "csv", no_argument, NULL, O_CSV },
		{ "csv-safe", no_argument, NULL, O_SAFE },
		{ "customer", required_argument, NULL, O_CUSTOMER },
		{ "days", required_argument, NULL, O_DAYS },
		{ "exec", required_argument, NULL, O_EXEC },
		{ "flag", required_argument, NULL, O_FLAG },
		{ "grep", required_argument, NULL, O_GREP },
		{ "head", required_argument, NULL, O_HEAD },
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
		{ "sort-keys", no_argument, NULL, O_SORTKEYS },
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
	char		 vis[64], sevs[64];
	pid_t		 pager = -1;
	int		 c, n = 0, rc;

	setlocale(LC_CTYPE, "");
	/* getopt's messages name argv[0]: the base name, as err(3) does. */
	argv[0] = (char *)getprogname();
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
		c = getopt_long(argc, argv, "+f:hqo:vw:", longopts, NULL);
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
		case 'v':
			opts.verbose = 1;
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
		case O_GREP:
			opts.f.grep = optarg;
			break;
		case O_LIMIT:
			opts.f.limit = count_arg("--limit", optarg);
			break;
		case O_MARK:
			opts.f.mark = 1;
			break;
		case O_EXEC:
			opts.exec = optarg;
			break;
		case O_MIN:
			opts.f.min = count_arg("--min", optarg);
			break;
		case O_SEVERITY:
			if (case_severity(optarg, &opts.f.severity) != 0)
				errx(EX_USAGE, "--severity: %s is not 1-4, %s",
				    text_vis(vis, sizeof(vis), optarg),
				    facts_join(facts_severities, sevs,
				    sizeof(sevs)));
			break;
		case O_SINCE:
			opts.f.since = optarg;
			break;
		case O_SORT:
			opts.f.sort = optarg;
			break;
		case O_SORTKEYS:
			opts.sortkeys = 1;
			break;
		case O_SQL:
			opts.sql = 1;
			break;
		case O_HEAD:
			opts.head = optarg;
			break;
		case O_ALL:
			opts.all = 1;
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
	if (opts.all && rep->fn != report_export)
		errx(EX_USAGE, "--all is an option of export");
	if (opts.sortkeys) {
		struct textout	 out;

		textout_init(&out, stdout, OUT_TEXT);
		rc = query_sortkeys(rep->name, textout_rowfn, &out, &e);
		textout_free(&out);
		if (rc != 0)
			errx(rc, "%s", e.msg);
		return textout_close(stdout, &e) != 0 ? EX_IOERR : 0;
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
	if ((rc = casefile_open_tell(&cf, opts.file, CF_READ, warnx, &e)) != 0)
		goto out;
	if (opts.exec != NULL) {
		rc = due_exec(&cf, rep->name, n - (n > 0), &e);
		goto out;
	}
	if (opts.f.mark) {
		casefile_close(cf);
		if ((rc = casefile_open_tell(&cf, opts.file, CF_WRITE,
		    warnx, &e)) != 0)
			goto out;
	}
	if ((rc = casefile_begin(cf, &e)) != 0)
		goto out;
	opts.tty = isatty(STDOUT_FILENO);
	opts.colour = opts.tty && opts.fmt == OUT_TEXT &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0');
	if (opts.tty && !opts.quiet && (rep->fn == report_show ||
	    rep->fn == report_log))
		pager = pager_start();
	rc = rep->fn(cf, rep->name, operands + (n > 0), n - (n > 0), &e);
	if (opts.f.mark && rc <= 1) {
		int	 rc2;

		if ((rc2 = casefile_commit(cf, &e)) != 0)
			rc = rc2;
	}
out:
	casefile_close(cf);
	pager_end(pager);
	if (rc > 1 || (rc == 1 && e.code == 1))
		errx(rc, "%s", e.msg);
	return rc;
}
