/*
 * complaint-new: record a complaint.  One case from flags, the description
 * from -m or, when standard input is not a terminal, from standard input;
 * or many from CSV on standard input, all in one transaction.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "complaint.h"

#define TAGS_MAX	32
#define DESC_READ_MAX	(1024 * 1024 + 1)

static struct {
	const char	*file;
	struct newcase	 nc;
	const char	*tags[TAGS_MAX];
	int		 csv;
	int		 strict;
	int		 ignore_unknown;
	long		 skip;
	const char	*map;
} opts;

static void
usage(FILE *fp)
{
	fputs("usage: complaint-new [-f FILE] [-n NAME] [-e EMAIL] "
	    "[--phone NUM] [-c CHANNEL]\n"
	    "                     [-p PRODUCT] [-o ORDER] [-a AMOUNT] "
	    "[-s SEVERITY] [-E EMPLOYEE]\n"
	    "                     [-t TAG]... [-r RECEIVED] [--ref REF] "
	    "[-m TEXT] [SUMMARY...]\n"
	    "       complaint-new [-f FILE] --csv [--strict] [--skip N] "
	    "[--map MAP]\n"
	    "                     [--ignore-unknown] < complaints.csv\n", fp);
}

/* The description from standard input, without trailing newlines. */
static char *
read_description(void)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 chunk[8192];
	size_t		 n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b.len + n > DESC_READ_MAX)
			errx(EX_DATAERR, "description on standard input is "
			    "longer than %d bytes", DESC_READ_MAX - 1);
		if (buf_add(&b, chunk, n) != 0)
			errx(EX_OSERR, "out of memory");
	}
	if (ferror(stdin))
		err(EX_IOERR, "standard input");
	while (b.len > 0 && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == '\r'))
		b.s[--b.len] = '\0';
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	if (memchr(b.s, '\0', b.len) != NULL)
		errx(EX_DATAERR, "description on standard input holds a NUL "
		    "byte");
	return b.s;
}

/* The words of the summary joined by spaces. */
static char *
join(char **argv, int argc)
{
	struct buf	 b = { NULL, 0, 0 };

	for (int i = 0; i < argc; i++)
		if ((i > 0 && buf_puts(&b, " ") != 0) ||
		    buf_puts(&b, argv[i]) != 0)
			errx(EX_OSERR, "out of memory");
	return b.s;
}

/*
 * Import CSV from standard input: a row "line,id,status,severity,flags"
 * per record, held in a temporary file until the commit; a bad record is
 * reported with its line and skipped, or with --strict refuses them all.
 */
static int
import(struct casefile *cf, struct cerror *e)
{
	struct csvin	*in = NULL;
	struct csvextra	 x;
	struct newcase	 nc;
	struct caseid	 id;
	struct cerror	 bad;
	FILE		*out = NULL;
	char		 status[16], buf[8192];
	long		 line, nbad = 0, nrows = 0;
	size_t		 n;
	int		 rc, sev;

	if ((out = tmpfile()) == NULL)
		return cerror_set(e, EX_CANTCREAT, "cannot make a temporary "
		    "file for the output");
	if ((rc = csvin_open(&in, stdin, opts.skip, opts.map,
	    opts.ignore_unknown, e)) != 0)
		goto out;
	fputs("line,id,status,severity,flags\n", out);
	for (;;) {
		rc = csvin_next(in, &nc, &x, &line, &bad);
		if (rc == 1)
			break;
		if (rc == 0) {
			nc.xname = x.name;
			nc.xvalue = x.value;
			nc.nextra = x.n;
			rc = case_create(cf, &nc, &id, &bad);
			if (rc == EX_DATAERR)
				cerror_prefix(&bad, rc, "");
		}
		if (rc == EX_DATAERR) {
			/* "line 12: ..." from the reader, ": ..." from checks */
			if (bad.msg[0] == ':')
				warnx("line %ld%s", line, bad.msg);
			else
				warnx("%s", bad.msg);
			nbad++;
			continue;
		}
		if (rc != 0) {
			*e = bad;
			goto out;
		}
		if ((rc = case_brief(cf, id.id, status, sizeof(status), &sev,
		    e)) != 0)
			goto out;
		fprintf(out, "%ld,%lld,%s,%s,\n", line, (long long)id.id,
		    status, case_severity_name(sev));
		nrows++;
	}
	if (nbad > 0 && opts.strict) {
		rc = cerror_set(e, EX_DATAERR, "%ld bad record%s; nothing "
		    "imported (--strict)", nbad, nbad == 1 ? "" : "s");
		goto out;
	}
	if ((rc = casefile_commit(cf, e)) != 0)
		goto out;
	rewind(out);
	while ((n = fread(buf, 1, sizeof(buf), out)) > 0)
		fwrite(buf, 1, n, stdout);
	if (nbad > 0)
		rc = cerror_set(e, EX_DATAERR, "%ld bad record%s skipped; %ld "
		    "imported", nbad, nbad == 1 ? "" : "s", nrows);
out:
	csvin_close(in);
	fclose(out);
	return rc;
}

int
main(int argc, char *argv[])
{
	enum { O_CSV = 256, O_STRICT, O_SKIP, O_MAP, O_IGNORE };
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ "ignore-unknown", no_argument, NULL, O_IGNORE },
		{ "map", required_argument, NULL, O_MAP },
		{ "skip", required_argument, NULL, O_SKIP },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "phone", required_argument, NULL, 'P' },
		{ "ref", required_argument, NULL, 'R' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct newcase	*nc = &opts.nc;
	struct casefile	*cf = NULL;
	struct caseid	 id;
	struct cerror	 e = { 0, "" };
	char		*summary = NULL, *desc = NULL;
	const char	*errstr;
	int		 c, ran;

	setlocale(LC_CTYPE, "");
	/* Past a file size limit, fail the write (74), not the process. */
	signal(SIGXFSZ, SIG_IGN);
	while ((c = getopt_long(argc, argv, "a:c:E:e:f:hm:n:o:p:r:s:t:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			nc->amount = optarg;
			break;
		case 'c':
			nc->channel = optarg;
			break;
		case 'E':
			nc->employee = optarg;
			break;
		case 'e':
			nc->email = optarg;
			break;
		case 'f':
			opts.file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'm':
			nc->description = optarg;
			break;
		case 'n':
			nc->name = optarg;
			break;
		case 'o':
			nc->order = optarg;
			break;
		case 'P':
			nc->phone = optarg;
			break;
		case 'p':
			nc->product = optarg;
			break;
		case 'R':
			nc->ref = optarg;
			break;
		case 'r':
			nc->received = optarg;
			break;
		case 's':
			nc->severity = optarg;
			break;
		case 't':
			if (nc->ntags == TAGS_MAX)
				errx(EX_USAGE, "more than %d tags", TAGS_MAX);
			opts.tags[nc->ntags++] = optarg;
			break;
		case 'V':
			puts("complaint-new " COMPLAINT_VERSION);
			return 0;
		case O_CSV:
			opts.csv = 1;
			break;
		case O_IGNORE:
			opts.ignore_unknown = 1;
			break;
		case O_MAP:
			opts.map = optarg;
			break;
		case O_SKIP:
			opts.skip = strtonum(optarg, 0, 1000000, &errstr);
			if (errstr != NULL)
				errx(EX_USAGE, "--skip: a count of lines");
			break;
		case O_STRICT:
			opts.strict = 1;
			break;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (opts.csv) {
		if (argc > 0) {
			warnx("--csv takes no summary: the rows hold them");
			usage(stderr);
			return EX_USAGE;
		}
		if (casefile_open(&cf, opts.file, CF_WRITE, &e) != 0 ||
		    casefile_bulk(cf, &e) != 0 ||
		    casefile_begin(cf, &e) != 0 || import(cf, &e) != 0)
			goto fail;
		casefile_close(cf);
		if (textout_close(stdout, &e) != 0)
			errx(e.code, "%s", e.msg);
		return 0;
	}
	if (opts.strict || opts.skip || opts.map || opts.ignore_unknown) {
		warnx("--strict, --skip, --map and --ignore-unknown go with "
		    "--csv");
		usage(stderr);
		return EX_USAGE;
	}
	if (argc == 0) {
		warnx("a summary is needed: say in a few words what the "
		    "complaint is about");
		usage(stderr);
		return EX_USAGE;
	}
	nc->tags = opts.tags;
	nc->summary = summary = join(argv, argc);
	if (nc->description == NULL && !isatty(STDIN_FILENO))
		nc->description = desc = read_description();

	if (casefile_open(&cf, opts.file, CF_WRITE, &e) != 0 ||
	    casefile_begin(cf, &e) != 0 ||
	    case_create(cf, nc, &id, &e) != 0 ||
	    (!id.existed && hook_run(cf, "hook.pre-new", id.id, "new", NULL, 0,
	    &ran, &e) != 0) ||
	    casefile_commit(cf, &e) != 0)
		goto fail;
	if (id.existed)
		warnx("ref %s is already case %lld; nothing recorded",
		    nc->ref, (long long)id.id);
	else if (hook_run(cf, "hook.new", id.id, "new", NULL, 0, &ran,
	    &e) != 0)
		warnx("%s (the case stays)", e.msg);
	printf("%lld\n", (long long)id.id);
	if (textout_close(stdout, &e) != 0)
		goto fail;
	casefile_close(cf);
	free(summary);
	free(desc);
	return 0;
fail:
	casefile_close(cf);
	free(summary);
	free(desc);
	errx(e.code, "%s", e.msg);
}
