/*
 * complaint-new: record a complaint.  One case from flags, the description
 * from -m or, when standard input is not a terminal, from standard input;
 * one from an e-mail message; or many from CSV on standard input, all in
 * one transaction.  Triage runs on each; -N shows its verdict and rolls
 * the transaction back, so a dry run sees exactly what a real one would.
 */
#include <sys/stat.h>

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
#define DESC_READ_MAX	(CASE_DESC_MAX + 1)
#define MAIL_MAX	(64 * 1024 * 1024)
#define SUMMARY_WORDS	120		/* bytes of a body's first line */

static struct {
	const char	*file;
	struct newcase	 nc;
	const char	*tags[TAGS_MAX];
	int		 csv;
	int		 mail;
	int		 dry;
	int		 strict;
	int		 ignore_unknown;
	long		 skip;
	const char	*map;
	char		 flag[48];	/* for a reply to a dismissed case */
	char		 ref[MSGREF_MAX]; /* a Message-ID's, maybe derived */
} opts;

static void
usage(FILE *fp)
{
	fputs("usage: complaint-new [-f FILE] [-n NAME] [-e EMAIL] "
	    "[--phone NUM] [-c CHANNEL]\n"
	    "                     [-p PRODUCT] [-o ORDER] [-a AMOUNT] "
	    "[-s SEVERITY] [-E EMPLOYEE]\n"
	    "                     [-t TAG]... [-r RECEIVED] [--ref REF] "
	    "[-l LANG] [-m TEXT]\n"
	    "                     [-N] [SUMMARY...]\n"
	    "       complaint-new [-f FILE] --csv [--strict] [--skip N] "
	    "[--map MAP]\n"
	    "                     [--ignore-unknown] [-N] < complaints.csv\n"
	    "       complaint-new [-f FILE] --mail [-l LANG] [-N] < message.eml\n",
	    fp);
}

/* All of standard input, up to max bytes. */
static void
slurp(struct buf *b, size_t max, const char *what)
{
	char		 chunk[8192];
	size_t		 n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b->len + n > max)
			errx(EX_DATAERR, "%s on standard input is longer than "
			    "%zu bytes", what, max - 1);
		if (buf_add(b, chunk, n) != 0)
			errx(EX_OSERR, "out of memory");
	}
	if (ferror(stdin))
		err(EX_IOERR, "standard input");
}

/* The description from standard input, without trailing newlines. */
static char *
read_description(void)
{
	struct buf	 b = { NULL, 0, 0 };

	slurp(&b, DESC_READ_MAX, "description");
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

/* Commit, or for a dry run roll back. */
static int
finish(struct casefile *cf, struct cerror *e)
{
	if (opts.dry) {
		casefile_rollback(cf);
		return 0;
	}
	return casefile_commit(cf, e);
}

/*
 * All of standard input into a temporary file, read before the case file
 * is opened: the CSV may come down a pipe from a command that holds the
 * write lock, and waiting for it while holding the lock would deadlock
 * until the busy timeout.
 */
static FILE *
spool(void)
{
	char	 buf[8192];
	size_t	 n;
	FILE	*fp;

	if ((fp = tmpfile()) == NULL)
		err(EX_CANTCREAT, "cannot make a temporary file for the input");
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0 &&
	    fwrite(buf, 1, n, fp) == n)
		;
	if (ferror(stdin))
		err(EX_IOERR, "standard input");
	if (fflush(fp) != 0 || ferror(fp))
		err(EX_IOERR, "cannot keep the input in a temporary file");
	rewind(fp);
	return fp;
}

/* The size of the spooled input; 0 when unknown. */
static int64_t
spooled(FILE *fp)
{
	struct stat	 sb;

	return fstat(fileno(fp), &sb) == 0 ? (int64_t)sb.st_size : 0;
}

/*
 * Import CSV from fp: a row "line,id,status,severity,flags" per record,
 * held in a temporary file until the commit; a bad record is reported
 * with its line and skipped, or with --strict refuses them all.
 */
static int
import(struct casefile *cf, FILE *fp, struct cerror *e)
{
	static const char *const names[] = {
		"line", "id", "status", "severity", "flags"
	};
	static const int types[] = {
		VAL_INT, VAL_INT, VAL_TEXT, VAL_TEXT, VAL_TEXT
	};
	struct csvin	*in = NULL;
	struct csvextra	 x;
	struct newcase	 nc;
	struct caseid	 id;
	struct cerror	 bad;
	struct textout	 t;
	struct row	 r = { 5, names, NULL, types };
	const char	*val[5];
	FILE		*out = NULL;
	char		 status[16], buf[8192], ln[24], cid[24];
	char		*later = NULL;
	long		 line, nbad = 0, nrows = 0;
	size_t		 n;
	int		 rc, sev;

	if ((out = tmpfile()) == NULL)
		return cerror_set(e, EX_CANTCREAT, "cannot make a temporary "
		    "file for the output");
	textout_init(&t, out, OUT_CSV);
	r.val = val;
	if ((rc = csvin_open(&in, fp, opts.skip, opts.map,
	    (opts.ignore_unknown ? CSVIN_IGNORE_UNKNOWN : 0) |
	    (opts.strict ? CSVIN_STRICT : 0), e)) != 0)
		goto out;
	if ((rc = intake_defer(cf, &later, e)) != 0)
		goto out;
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
		/* a case made now is new; one found by its ref may be on */
		if (!id.existed) {
			strlcpy(status, "new", sizeof(status));
			sev = id.severity;
		} else if ((rc = case_brief(cf, id.id, status, sizeof(status),
		    &sev, e)) != 0)
			goto out;
		snprintf(ln, sizeof(ln), "%ld", line);
		snprintf(cid, sizeof(cid), "%lld", (long long)id.id);
		val[0] = ln;
		val[1] = cid;
		val[2] = status;
		val[3] = case_severity_name(sev);
		val[4] = id.v.flags;
		if ((rc = textout_row(&t, &r)) != 0) {
			cerror_set(e, rc, "cannot write a temporary file");
			goto out;
		}
		nrows++;
	}
	if (nbad > 0 && opts.strict) {
		rc = cerror_set(e, EX_DATAERR, "%ld bad record%s; nothing "
		    "imported (--strict)", nbad, nbad == 1 ? "" : "s");
		goto out;
	}
	rc = intake_rebuild(cf, later, e);
	later = NULL;
	if (rc != 0 || (rc = finish(cf, e)) != 0)
		goto out;
	if (nrows == 0)
		fputs("line,id,status,severity,flags\n", stdout);
	rewind(out);
	while ((n = fread(buf, 1, sizeof(buf), out)) > 0)
		fwrite(buf, 1, n, stdout);
	if (nbad > 0)
		rc = cerror_set(e, EX_DATAERR, "%ld bad record%s skipped; %ld "
		    "%s", nbad, nbad == 1 ? "" : "s", nrows, opts.dry ?
		    "would be imported" : "imported");
out:
	free(later);
	textout_free(&t);
	csvin_close(in);
	fclose(out);
	return rc;
}

/* The first line of a mail's body as its summary, when it has no Subject. */
static char *
first_line(const char *body)
{
	size_t	 n;

	if (body == NULL)
		return NULL;
	body += strspn(body, " \t\n");
	n = strcspn(body, "\n");
	if (n > SUMMARY_WORDS) {
		n = SUMMARY_WORDS;
		while (n > 0 && ((unsigned char)body[n] & 0xc0) == 0x80)
			n--;		/* not inside a UTF-8 character */
	}
	return n > 0 ? strndup(body, n) : NULL;
}

/* Cut s to at most max bytes, not inside a UTF-8 character. */
static void
cut(char *s, size_t max)
{
	if (s == NULL || strlen(s) <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
}

/*
 * A long mail is still a complaint: a subject or name past its limit is
 * cut, and a text past 1 MiB is kept up to there with a note of its
 * length and the SHA-256 of the whole, instead of bouncing the message.
 */
static void
fit(struct mail *m)
{
	char	 hex[65], note[160];
	size_t	 n;

	cut(m->subject, CASE_SUMMARY_MAX);
	cut(m->from_name, CASE_LINE_MAX);
	if (m->body == NULL || (n = strlen(m->body)) <= DESC_READ_MAX - 1)
		return;
	audit_sha256(m->body, n, hex);
	snprintf(note, sizeof(note), "\n\n[the text went on for %zu bytes; "
	    "the SHA-256 of the whole is %s]", n, hex);
	cut(m->body, DESC_READ_MAX - 1 - strlen(note));
	strlcat(m->body, note, n + 1);
}

/* A new case from the message on standard input. */
static void
from_mail(struct newcase *nc, struct mail *m, char **summary)
{
	struct buf	 b = { NULL, 0, 0 };
	struct cerror	 e = { 0, "" };
	static char	 received[TIMEFMT_LEN];

	slurp(&b, MAIL_MAX + 1, "the message");
	if (mail_parse(b.s != NULL ? b.s : "", b.len, m, &e) != 0) {
		buf_free(&b);
		errx(e.code, "%s; nothing recorded", e.msg);
	}
	buf_free(&b);
	fit(m);
	nc->name = m->from_name;
	nc->email = m->from_addr;
	nc->ref = m->message_id;
	nc->description = m->body;
	if (nc->lang == NULL && *m->lang != '\0')
		nc->lang = m->lang;
	if (m->date != -1) {
		nc->received = timefmt_iso(m->date, received);
		nc->mail_date = 1;
	}
	if (nc->channel == NULL)
		nc->channel = "email";
	nc->att = m->att;
	nc->natt = m->natt;
	if (m->subject != NULL)
		nc->summary = m->subject;
	else if ((*summary = first_line(m->body)) != NULL)
		nc->summary = *summary;
	else
		nc->summary = "(no subject)";
}

/*
 * A message that belongs to a case already: a redelivery, changing
 * nothing, or a reply, recorded on its case.  Return -1 when it was
 * either (its case printed), 0 for a new case, else an EX_ code.
 */
static int
thread(struct casefile *cf, struct newcase *nc, const struct mail *m,
    struct cerror *e)
{
	struct mailmatch mm;
	struct reply	 r;
	char		 v[16];
	int		 rc, tag_any = 0;

	if (casefile_setting(cf, "mail.tag-any", v, sizeof(v), e) == 0)
		tag_any = strcmp(v, "0") != 0;
	if ((rc = comms_match(cf, m, tag_any, &mm, e)) != 0)
		return rc;
	if (mm.same) {
		if ((rc = finish(cf, e)) != 0)
			return rc;
		warnx("message %s is already on case %lld; nothing recorded",
		    m->message_id, (long long)mm.held);
		printf("%lld\n", (long long)mm.held);
		return -1;
	}
	if (mm.held != 0)
		warnx("message %s is already on case %lld with another text; "
		    "kept as %s", m->message_id, (long long)mm.held, mm.ref);
	if (mm.merged != 0)
		warnx("case %lld was merged into case %lld; the reply goes "
		    "there", (long long)mm.merged, (long long)mm.reply);
	if (mm.foreign != 0)
		warnx("the subject names case %lld but %s is not its "
		    "customer; a new case", (long long)mm.foreign,
		    m->from_addr);
	if (mm.dismissed != 0) {
		warnx("the reply is to case %lld, which was dismissed; a new "
		    "case, flagged reply-to:%lld", (long long)mm.dismissed,
		    (long long)mm.dismissed);
		snprintf(opts.flag, sizeof(opts.flag), "reply-to:%lld",
		    (long long)mm.dismissed);
	}
	if (m->message_id != NULL) {
		strlcpy(opts.ref, mm.ref, sizeof(opts.ref));
		nc->ref = opts.ref;
	}
	if (mm.reply == 0)
		return 0;
	if ((rc = comms_reply(cf, mm.reply, m, nc->ref, &r, e)) != 0 ||
	    (rc = finish(cf, e)) != 0)
		return rc;
	fprintf(stderr, "complaint-new: a reply to case %lld (by %s), "
	    "recorded as C%lld", (long long)mm.reply, mm.via,
	    (long long)r.comm);
	if (r.sev_to != r.sev_from) {
		fprintf(stderr, "; severity %s to %s: ",
		    case_severity_name(r.sev_from),
		    case_severity_name(r.sev_to));
		textout_vis(stderr, r.fired);
	}
	if (r.resumed)
		fputs("; the wait on the customer is over", stderr);
	fputc('\n', stderr);
	printf("%lld\n", (long long)mm.reply);
	return -1;
}

/*
 * What hook.pre-new and hook.new get besides the case: its channel,
 * severity and language, and what triage made of it.
 */
#define NEW_ENV	9

static const char *const *
new_env(const struct newcase *nc, const struct caseid *id,
    char buf[NEW_ENV][1100], const char *env[NEW_ENV + 1])
{
	char	 ack[TIMEFMT_LEN], res[TIMEFMT_LEN];

	snprintf(buf[0], sizeof(buf[0]), "COMPLAINT_CHANNEL=%s",
	    nc->channel != NULL ? nc->channel : "");
	snprintf(buf[1], sizeof(buf[1]), "COMPLAINT_SEVERITY=%s",
	    case_severity_name(id->severity));
	snprintf(buf[2], sizeof(buf[2]), "COMPLAINT_TRIAGE_SEVERITY=%s",
	    case_severity_name(id->v.severity));
	snprintf(buf[3], sizeof(buf[3]), "COMPLAINT_CATEGORY=%s",
	    id->v.categories);
	snprintf(buf[4], sizeof(buf[4]), "COMPLAINT_FLAGS=%s", id->v.flags);
	snprintf(buf[5], sizeof(buf[5]), "COMPLAINT_RULES=%s", id->v.fired);
	snprintf(buf[6], sizeof(buf[6]), "COMPLAINT_LANG=%s", id->lang);
	snprintf(buf[7], sizeof(buf[7]), "COMPLAINT_ACK_DUE=%s",
	    timefmt_iso(id->ack_due, ack));
	snprintf(buf[8], sizeof(buf[8]), "COMPLAINT_RESOLVE_DUE=%s",
	    timefmt_iso(id->resolve_due, res));
	for (int i = 0; i < NEW_ENV; i++)
		env[i] = buf[i];
	env[NEW_ENV] = NULL;
	return env;
}

/* The verdict of triage: a line on standard error, or with -N lines out. */
static void
verdict(const struct caseid *id)
{
	char	 ack[TIMEFMT_LEN], res[TIMEFMT_LEN];

	if (opts.dry) {
		printf("case\t%lld\nseverity\t%s\n", (long long)id->id,
		    case_severity_name(id->severity));
		if (id->severity != id->v.severity)
			printf("rules-severity\t%s\n",
			    case_severity_name(id->v.severity));
		printf("flags\t%s\nrules\t", id->v.flags);
		textout_vis(stdout, id->v.fired);
		printf("\nack-due\t%s\nresolve-due\t%s\nlang\t%s\n",
		    timefmt_iso(id->ack_due, ack),
		    timefmt_iso(id->resolve_due, res), id->lang);
		return;
	}
	fprintf(stderr, "complaint-new: case %lld: %s", (long long)id->id,
	    case_severity_name(id->severity));
	if (id->severity != id->v.severity)
		fprintf(stderr, " (-s; the rules said %s)",
		    case_severity_name(id->v.severity));
	if (*id->v.flags != '\0')
		fprintf(stderr, "; flags %s", id->v.flags);
	if (*id->v.fired != '\0') {
		fputs("; rules ", stderr);
		textout_vis(stderr, id->v.fired);
	}
	fprintf(stderr, "; acknowledge by %s, resolve by %s\n",
	    timefmt_iso(id->ack_due, ack), timefmt_iso(id->resolve_due, res));
}

/* Whether an option gave a field of the case. */
static int
case_given(const struct newcase *nc)
{
	return nc->name != NULL || nc->email != NULL || nc->phone != NULL ||
	    nc->channel != NULL || nc->product != NULL || nc->order != NULL ||
	    nc->amount != NULL || nc->severity != NULL ||
	    nc->employee != NULL || nc->received != NULL || nc->ref != NULL ||
	    nc->description != NULL || nc->lang != NULL || nc->ntags > 0;
}

/* Open the case file; a dry run needs one that exists. */
static int
open_file(struct casefile **cf, struct cerror *e)
{
	char	 path[1024];

	if (opts.dry && (casefile_path(opts.file, path, sizeof(path),
	    e) != 0 || access(path, F_OK) != 0))
		return e->code != 0 ? e->code : cerror_set(e, EX_NOINPUT,
		    "no case file %s; a dry run triages against one "
		    "(complaint init makes it)", path);
	return casefile_open_tell(cf, opts.file, CF_WRITE, warnx, e);
}

int
main(int argc, char *argv[])
{
	enum { O_CSV = 256, O_STRICT, O_SKIP, O_MAP, O_IGNORE, O_MAIL };
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "dry-run", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ "ignore-unknown", no_argument, NULL, O_IGNORE },
		{ "lang", required_argument, NULL, 'l' },
		{ "mail", no_argument, NULL, O_MAIL },
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
	struct mail	 m;
	struct cerror	 e = { 0, "" };
	char		*summary = NULL, *desc = NULL;
	FILE		*csv = NULL;
	const char	*errstr;
	int		 c, ran;
	char		 hbuf[NEW_ENV][1100];
	const char	*henv[NEW_ENV + 1];

	setlocale(LC_CTYPE, "");
	/* getopt's messages name argv[0]: the base name, as err(3) does. */
	argv[0] = (char *)getprogname();
	/* Past a file size limit, fail the write (74), not the process. */
	signal(SIGXFSZ, SIG_IGN);
	memset(&m, 0, sizeof(m));
	while ((c = getopt_long(argc, argv, "a:c:E:e:f:hl:m:Nn:o:p:r:s:t:",
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
		case 'l':
			nc->lang = optarg;
			break;
		case 'm':
			nc->description = optarg;
			break;
		case 'N':
			opts.dry = 1;
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
		case O_MAIL:
			opts.mail = 1;
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
	if (opts.csv && opts.mail) {
		warnx("--csv and --mail read different things; give one");
		usage(stderr);
		return EX_USAGE;
	}
	if (opts.csv) {
		if (argc > 0) {
			warnx("--csv takes no summary: the rows hold them");
			usage(stderr);
			return EX_USAGE;
		}
		if (case_given(nc)) {
			warnx("--csv takes a case's fields from its row; give "
			    "them as columns, not options");
			usage(stderr);
			return EX_USAGE;
		}
		csv = spool();
		if (open_file(&cf, &e) != 0 || casefile_bulk(cf, spooled(csv),
		    &e) != 0 || casefile_begin(cf, &e) != 0 ||
		    import(cf, csv, &e) != 0)
			goto fail;
		fclose(csv);
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
	nc->tags = opts.tags;
	if (opts.mail) {
		if (argc > 0 || nc->name != NULL || nc->email != NULL ||
		    nc->ref != NULL || nc->description != NULL ||
		    nc->received != NULL) {
			warnx("--mail takes the summary, sender, date, ref and "
			    "text from the message; give none of them");
			usage(stderr);
			return EX_USAGE;
		}
		from_mail(nc, &m, &summary);
	} else if (argc == 0) {
		warnx("a summary is needed: say in a few words what the "
		    "complaint is about");
		usage(stderr);
		return EX_USAGE;
	} else {
		nc->summary = summary = join(argv, argc);
		if (nc->description == NULL && !isatty(STDIN_FILENO))
			nc->description = desc = read_description();
	}

	if (open_file(&cf, &e) != 0 || casefile_begin(cf, &e) != 0)
		goto fail;
	if (opts.mail && !opts.dry) {
		switch (thread(cf, nc, &m, &e)) {
		case 0:
			break;
		case -1:
			goto done;
		default:
			goto fail;
		}
	}
	if (case_create(cf, nc, &id, &e) != 0 ||
	    (*opts.flag != '\0' && !id.existed &&
	    comms_flag(cf, id.id, opts.flag, &e) != 0) ||
	    (!id.existed && !opts.dry && hook_run_env(cf, "hook.pre-new",
	    id.id, "new", new_env(nc, &id, hbuf, henv), NULL, 0, &ran,
	    &e) != 0) ||
	    finish(cf, &e) != 0)
		goto fail;
	if (id.existed)
		warnx("ref %s is already case %lld; nothing recorded",
		    nc->ref, (long long)id.id);
	else {
		verdict(&id);
		if (!opts.dry && hook_run_env(cf, "hook.new", id.id, "new",
		    new_env(nc, &id, hbuf, henv), NULL, 0, &ran, &e) != 0)
			warnx("%s (the case stays)", e.msg);
	}
	if (!opts.dry || id.existed)
		printf("%lld\n", (long long)id.id);
done:
	if (textout_close(stdout, &e) != 0)
		goto fail;
	casefile_close(cf);
	mail_free(&m);
	free(summary);
	free(desc);
	return 0;
fail:
	if (csv != NULL)
		fclose(csv);
	casefile_close(cf);
	mail_free(&m);
	free(summary);
	free(desc);
	errx(e.code, "%s", e.msg);
}
