/*
 * complaint-compare: two accounts side by side, a line per aligned pair,
 * every difference named.  Exit 0 when they agree, 1 when they differ, as
 * diff(1) does.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

static struct {
	const char	*file;
	int		 csv;
	int		 record;
} opts;

static void
usage(FILE *fp)
{
	fputs("usage: complaint-compare [-f FILE] [--csv] [-r] CASE\n"
	    "       complaint-compare [-f FILE] [--csv] [-r] ACCOUNT ACCOUNT\n",
	    fp);
}

/* "3:4", "3:" or ":4": the statement numbers of a pair. */
static void
numbers(const struct cmp_pair *p, char *buf, size_t size)
{
	char	 a[24] = "", b[24] = "";

	if (p->a >= 0)
		snprintf(a, sizeof(a), "%ld", p->a + 1);
	if (p->b >= 0)
		snprintf(b, sizeof(b), "%ld", p->b + 1);
	snprintf(buf, size, "%s:%s", a, b);
}

static int
print(const struct told *a, const struct told *b, const struct cmp_result *r,
    struct cerror *e)
{
	static const char *const names[] = { "mark", "statements", "facets",
	    "first", "second" };
	static const int types[] = { VAL_TEXT, VAL_TEXT, VAL_TEXT, VAL_TEXT,
	    VAL_TEXT };
	struct textout	 t;
	const char	*val[5];
	struct row	 row = { 5, names, val, types };
	char		 mark[2] = "", num[64];
	int		 rc = 0;

	textout_init(&t, stdout, opts.csv ? OUT_CSV : OUT_TEXT);
	for (size_t i = 0; i < r->n && rc == 0; i++) {
		const struct cmp_pair *p = &r->v[i];

		mark[0] = (char)p->mark;
		numbers(p, num, sizeof(num));
		val[0] = mark;
		val[1] = num;
		val[2] = p->facets != NULL ? p->facets : "";
		val[3] = p->a >= 0 ? a->st[p->a].text : "";
		val[4] = p->b >= 0 ? b->st[p->b].text : "";
		rc = textout_row(&t, &row);
	}
	textout_free(&t);
	if (rc == 0 && textout_close(stdout, e) != 0)
		rc = e->code;
	return rc;
}

/* A witness statement as a line of the comparison: w, w1:2, placement. */
static int
witness_line(void *arg, const struct row *r)
{
	static const char *const names[] = { "mark", "statements", "facets",
	    "first", "second" };
	static const int types[] = { VAL_TEXT, VAL_TEXT, VAL_TEXT, VAL_TEXT,
	    VAL_TEXT };
	const char	*val[5] = { "w", r->val[1], r->val[2], r->val[3],
			    r->val[0] };
	struct row	 row = { 5, names, val, types };

	return textout_row(arg, &row);
}

/* Each witness's statements against both parties' accounts. */
static int
witness(struct casefile *cf, int64_t case_id, const struct told *emp,
    const struct told *com, struct cerror *e)
{
	struct textout	 t;
	int		 rc;

	textout_init(&t, stdout, opts.csv ? OUT_CSV : OUT_TEXT);
	/* The comparison above wrote the CSV header. */
	t.header = 0;
	rc = witness_place(cf, case_id, emp, com, witness_line, &t, e);
	textout_free(&t);
	if (rc == 0 && textout_close(stdout, e) != 0)
		rc = e->code;
	return rc;
}

int
main(int argc, char *argv[])
{
	enum { O_CSV = 256, O_VERSION };
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ "record", no_argument, NULL, 'r' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	struct cmp_result r = { NULL, 0, 0, 0 };
	struct told	 a, b;
	struct cmp_people pp = { NULL, NULL, NULL, NULL, NULL };
	int64_t		 id[2], acc[2];
	int		 c, rc;

	setlocale(LC_CTYPE, "");
	/* getopt's messages name argv[0]: the base name, as err(3) does. */
	argv[0] = (char *)getprogname();
	signal(SIGXFSZ, SIG_IGN);
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	while ((c = getopt_long(argc, argv, "f:hr", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			opts.file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'r':
			opts.record = 1;
			break;
		case O_CSV:
			opts.csv = 1;
			break;
		case O_VERSION:
			puts("complaint-compare " COMPLAINT_VERSION);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2) {
		usage(stderr);
		return EX_USAGE;
	}
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "-") == 0) {
			/* one comparison: its ids are no list to pipe in */
			warnx("give the case or the two accounts as arguments, "
			    "not - (standard input)");
			usage(stderr);
			return EX_USAGE;
		}
	for (int i = 0; i < argc; i++)
		if (ids_parse(argv[i], &id[i]) != 0)
			errx(EX_DATAERR, "not an id (a positive whole number)");
	if ((rc = casefile_open_tell(&cf, opts.file, opts.record ? CF_WRITE :
	    CF_READ, warnx, &e)) != 0 || (rc = casefile_begin(cf, &e)) != 0)
		goto out;
	if (argc == 1) {
		/* A case: its latest employee and complainant accounts. */
		if ((rc = account_latest(cf, id[0], "employee", &acc[0],
		    &e)) != 0 || (rc = account_latest(cf, id[0],
		    "complainant", &acc[1], &e)) != 0)
			goto out;
	} else {
		acc[0] = id[0];
		acc[1] = id[1];
	}
	if ((rc = account_load(cf, acc[0], &a, &e)) != 0 ||
	    (rc = account_load(cf, acc[1], &b, &e)) != 0)
		goto out;
	if (a.case_id != b.case_id) {
		rc = cerror_set(&e, EX_DATAERR, "accounts %lld and %lld are of "
		    "different cases", (long long)acc[0], (long long)acc[1]);
		goto out;
	}
	/* Each account's "I", and the parties' names as the other uses them. */
	pp.role_a = a.role;
	pp.role_b = b.role;
	for (int i = 0; i < 2; i++) {
		const struct told *t = i == 0 ? &a : &b;

		if (strcmp(t->role, "employee") == 0)
			pp.employee = t->party;
		else if (strcmp(t->role, "complainant") == 0)
			pp.customer = t->party;
	}
	if ((rc = compare_people(a.st, a.n, b.st, b.n, &pp, &r, &e)) != 0)
		goto out;
	if (opts.record && ((rc = account_discrepancies(cf, &a, &b, &r,
	    &e)) != 0 || (rc = casefile_commit(cf, &e)) != 0))
		goto out;
	if ((rc = print(&a, &b, &r, &e)) != 0)
		goto out;
	if (argc == 1 && (rc = witness(cf, id[0], &a, &b, &e)) != 0)
		goto out;
	rc = r.differ;
out:
	compare_free(&r);
	account_unload(&a);
	account_unload(&b);
	casefile_close(cf);
	if (rc > 1)
		errx(rc, "%s", e.msg);
	return rc;
}
