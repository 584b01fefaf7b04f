/*
 * complaint-interview: record, list and show the accounts of a case.  The
 * statements come one a line in the order things happened, each perhaps
 * starting with the time it speaks of; with a terminal and no input, an
 * editor opens on a template that reminds the interviewer of the procedure.
 */
#include <sys/wait.h>

#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include <csv.h>

#include "complaint.h"

#define RECORDINGS_MAX	16

static struct {
	const char	*file;
	struct account	 a;
	const char	*recordings[RECORDINGS_MAX];
	int		 csv;
	int		 list;
	int		 show;
	int		 fmt;
} opts;

/* The lines told, before their times are parsed. */
struct lines {
	char	**v;
	size_t	  n, cap;
	char	**at;		/* --csv: the time column */
};

static const char template[] =
    "# One statement a line, in the order things happened.  A line may\n"
    "# start with the time it speaks of: 14:05, 2:05 pm, 20/11 14:05.\n"
    "# Ask open questions (what happened then?), not leading ones; let the\n"
    "# person tell it in their own words; neither agree nor disagree; make\n"
    "# no promise about the outcome.  Lines starting with # are ignored.\n"
    "\n";

static void
usage(FILE *fp)
{
	fputs("usage: complaint-interview [-f FILE] -r ROLE [-p PARTY] "
	    "[-i INTERVIEWER] [-w WHEN]\n"
	    "                           [--medium MEDIUM] [--recording FILE]... "
	    "[--reason REASON]\n"
	    "                           [--csv] CASE < statements\n"
	    "       complaint-interview [-f FILE] [--csv] -l CASE...\n"
	    "       complaint-interview [-f FILE] [--csv] -s ACCOUNT\n", fp);
}

static void
lines_add(struct lines *l, const char *text, const char *at)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		if ((l->v = reallocarray(l->v, l->cap, sizeof(*l->v))) ==
		    NULL || (l->at = reallocarray(l->at, l->cap,
		    sizeof(*l->at))) == NULL)
			err(EX_OSERR, NULL);
	}
	if ((l->v[l->n] = strdup(text)) == NULL ||
	    (l->at[l->n] = at != NULL ? strdup(at) : NULL,
	    at != NULL && l->at[l->n] == NULL))
		err(EX_OSERR, NULL);
	l->n++;
}

static void
lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i]);
		free(l->at[i]);
	}
	free(l->v);
	free(l->at);
}

/* Statement lines from fp: blank lines and # lines skipped. */
static void
read_lines(FILE *fp, struct lines *l)
{
	char	*line = NULL, *p;
	size_t	 size = 0;
	ssize_t	 n;

	while ((n = getline(&line, &size, fp)) != -1) {
		if (memchr(line, '\0', (size_t)n) != NULL)
			errx(EX_DATAERR, "a statement holds a NUL byte");
		line[strcspn(line, "\r\n")] = '\0';
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#')
			continue;
		lines_add(l, p, NULL);
	}
	if (ferror(fp))
		err(EX_IOERR, "standard input");
	free(line);
}

/* --csv: time,statement records through libcsv; a header is skipped. */
struct csvstate {
	struct lines	*l;
	char		*field[2];
	int		 nf;
	long		 records;
};

static void
csv_field_cb(void *s, size_t len, void *arg)
{
	struct csvstate	*c = arg;

	if (c->nf < 2 && (c->field[c->nf] = strndup(s, len)) == NULL)
		err(EX_OSERR, NULL);
	c->nf++;
}

static void
csv_record_cb(int end, void *arg)
{
	struct csvstate	*c = arg;

	(void)end;
	c->records++;
	if (c->nf != 2)
		errx(EX_DATAERR, "--csv: record %ld has %d fields; give "
		    "time,statement", c->records, c->nf);
	if (!(c->records == 1 && strcasecmp(c->field[0], "time") == 0)) {
		const char *text = c->field[1];
		while (*text == ' ')
			text++;
		if (*text != '\0')
			lines_add(c->l, text, c->field[0]);
	}
	free(c->field[0]);
	free(c->field[1]);
	c->field[0] = c->field[1] = NULL;
	c->nf = 0;
}

static void
read_csv(FILE *fp, struct lines *l)
{
	struct csv_parser p;
	struct csvstate	 c = { l, { NULL, NULL }, 0, 0 };
	char		 buf[8192];
	size_t		 n;

	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		errx(EX_OSERR, "cannot set up the CSV parser");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, n, csv_field_cb, csv_record_cb, &c) != n)
			errx(EX_DATAERR, "--csv: %s", csv_strerror(
			    csv_error(&p)));
	if (ferror(fp))
		err(EX_IOERR, "standard input");
	if (csv_fini(&p, csv_field_cb, csv_record_cb, &c) != 0)
		errx(EX_DATAERR, "--csv: %s", csv_strerror(csv_error(&p)));
	csv_free(&p);
}

/* With a terminal and no input: the statements from an editor. */
static void
edit(struct lines *l)
{
	char		 path[] = "/tmp/complaint-interview.XXXXXX";
	const char	*editor = getenv("VISUAL");
	FILE		*fp;
	pid_t		 pid;
	int		 fd, status;

	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w+")) == NULL)
		err(EX_CANTCREAT, "%s", path);
	fputs(template, fp);
	fflush(fp);
	if ((pid = fork()) == -1)
		err(EX_OSERR, "fork");
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, path,
		    (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(path);
		errx(EX_SOFTWARE, "the editor %s failed; nothing recorded",
		    editor);
	}
	fclose(fp);
	if ((fp = fopen(path, "r")) == NULL)
		err(EX_IOERR, "%s", path);
	read_lines(fp, l);
	fclose(fp);
	unlink(path);
}

/* Print rows of a listing; -l and -s. */
static int
listing(struct casefile *cf, char **argv, int argc, struct cerror *e)
{
	struct textout	 t;
	struct ids	 ids = { NULL, 0, 0 };
	int		 rc;

	if ((rc = ids_collect(&ids, argv, argc, stdin, e)) != 0)
		goto out;
	if (opts.show && ids.n != 1) {
		rc = cerror_set(e, EX_USAGE, "-s takes one account");
		goto out;
	}
	textout_init(&t, stdout, opts.fmt);
	for (size_t i = 0; i < ids.n && rc == 0; i++)
		rc = opts.show ? account_show(cf, ids.v[i], textout_rowfn, &t,
		    e) : account_list(cf, ids.v[i], textout_rowfn, &t, e);
	textout_free(&t);
	if (rc == 0)
		rc = textout_close(stdout, e);
out:
	ids_free(&ids);
	return rc;
}

static int
record(struct casefile *cf, struct lines *l, struct cerror *e)
{
	struct statement *s;
	struct tm	 tm;
	char		(*at)[STMTTIME_LEN];
	time_t		 when = casefile_now(cf);
	size_t		 skip;
	int		 rc;

	if (opts.a.when != NULL && timefmt_parse(opts.a.when, when, -1, &when,
	    e) != 0)
		return cerror_prefix(e, EX_DATAERR, "-w");
	gmtime_r(&when, &tm);
	if ((s = calloc(l->n + 1, sizeof(*s))) == NULL ||
	    (at = calloc(l->n + 1, sizeof(*at))) == NULL)
		err(EX_OSERR, NULL);
	for (size_t i = 0; i < l->n; i++) {
		s[i].text = l->v[i];
		if (opts.csv) {
			if (l->at[i] != NULL && *l->at[i] != '\0') {
				if (stmttime_parse(l->at[i], tm.tm_year + 1900,
				    at[i]) == 0)
					errx(EX_DATAERR, "--csv: statement "
					    "%zu: the time is not like 14:05 "
					    "or 20/11 14:05", i + 1);
				s[i].at = at[i];
			}
			continue;
		}
		skip = stmttime_parse(l->v[i], tm.tm_year + 1900, at[i]);
		if (skip > 0 && l->v[i][skip] != '\0') {
			s[i].at = at[i];
			s[i].text = l->v[i] + skip;
		}
	}
	opts.a.statements = s;
	opts.a.nstatements = l->n;
	opts.a.recordings = opts.recordings;
	rc = account_record(cf, &opts.a, e);
	free(s);
	free(at);
	return rc;
}

int
main(int argc, char *argv[])
{
	enum { O_CSV = 256, O_MEDIUM, O_RECORDING, O_VERSION, O_REASON };
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ "medium", required_argument, NULL, O_MEDIUM },
		{ "reason", required_argument, NULL, O_REASON },
		{ "recording", required_argument, NULL, O_RECORDING },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	struct lines	 l = { NULL, 0, 0, NULL };
	int		 c, rc;

	setlocale(LC_CTYPE, "");
	/* getopt's messages name argv[0]: the base name, as err(3) does. */
	argv[0] = (char *)getprogname();
	signal(SIGXFSZ, SIG_IGN);
	while ((c = getopt_long(argc, argv, "f:hi:lp:r:sw:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			opts.file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'i':
			opts.a.interviewer = optarg;
			break;
		case 'l':
			opts.list = 1;
			break;
		case 'p':
			opts.a.party = optarg;
			break;
		case 'r':
			opts.a.role = optarg;
			break;
		case 's':
			opts.show = 1;
			break;
		case 'w':
			opts.a.when = optarg;
			break;
		case O_CSV:
			opts.csv = 1;
			break;
		case O_MEDIUM:
			opts.a.medium = optarg;
			break;
		case O_RECORDING:
			if (opts.a.nrecordings == RECORDINGS_MAX)
				errx(EX_USAGE, "more than %d recordings",
				    RECORDINGS_MAX);
			opts.recordings[opts.a.nrecordings++] = optarg;
			break;
		case O_REASON:
			opts.a.reason = optarg;
			break;
		case O_VERSION:
			puts("complaint-interview " COMPLAINT_VERSION);
			return 0;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (opts.list + opts.show + (opts.a.role != NULL) != 1 || argc == 0 ||
	    (opts.a.role != NULL && argc != 1)) {
		usage(stderr);
		return EX_USAGE;
	}
	if (opts.list || opts.show) {
		opts.fmt = opts.csv ? OUT_CSV : OUT_TEXT;
		if ((rc = casefile_open_tell(&cf, opts.file, CF_READ, warnx,
		    &e)) != 0 ||
		    (rc = casefile_begin(cf, &e)) != 0 ||
		    (rc = listing(cf, argv, argc, &e)) != 0)
			goto fail;
		casefile_close(cf);
		return 0;
	}
	if (ids_parse(argv[0], &opts.a.case_id) != 0)
		errx(EX_DATAERR, "not a case id (a positive whole number)");
	if (isatty(STDIN_FILENO) && !opts.csv)
		edit(&l);
	else if (opts.csv)
		read_csv(stdin, &l);
	else
		read_lines(stdin, &l);
	if ((rc = casefile_open_tell(&cf, opts.file, CF_WRITE, warnx,
	    &e)) != 0 ||
	    (rc = casefile_begin(cf, &e)) != 0 ||
	    (rc = record(cf, &l, &e)) != 0 ||
	    (rc = casefile_commit(cf, &e)) != 0)
		goto fail;
	printf("%lld\n", (long long)opts.a.id);
	lines_free(&l);
	casefile_close(cf);
	if (textout_close(stdout, &e) != 0)
		errx(e.code, "%s", e.msg);
	return 0;
fail:
	lines_free(&l);
	casefile_close(cf);
	errx(rc, "%s", e.msg);
}
