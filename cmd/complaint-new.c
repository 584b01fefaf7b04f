/*
 * complaint-new: record a complaint.  One case from flags; the description
 * from -m or, when standard input is not a terminal, from standard input.
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
} opts;

static void
usage(FILE *fp)
{
	fputs("usage: complaint-new [-f FILE] [-n NAME] [-e EMAIL] "
	    "[--phone NUM] [-c CHANNEL]\n"
	    "                     [-p PRODUCT] [-o ORDER] [-a AMOUNT] "
	    "[-s SEVERITY] [-E EMPLOYEE]\n"
	    "                     [-t TAG]... [-r RECEIVED] [--ref REF] "
	    "[-m TEXT] [SUMMARY...]\n", fp);
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

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
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
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
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
