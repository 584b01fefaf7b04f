/*
 * complaint: the front door.  "complaint new ..." runs complaint-new from
 * the folder this program lives in, else from PATH, as git runs its tools.
 * init and help are its own.
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "complaint.h"

static const struct {
	const char	*name;
	const char	*what;
} tools[] = {
	{ "new", "record a complaint: from flags, CSV or e-mail" },
	{ "interview", "record, list and show the accounts of a case" },
	{ "compare", "compare two accounts statement by statement" },
	{ "resolve", "every step after intake, from ack to close" },
	{ "report", "lists, the dossier, the audit log and its check" },
};

static void
usage(FILE *fp)
{
	fputs("usage: complaint COMMAND [ARGS...]\n"
	    "       complaint init [-f FILE]\n"
	    "       complaint config [-f FILE] [--list | KEY [VALUE] | "
	    "--unset KEY]\n"
	    "       complaint config [-f FILE] rule add [-l LANG] [-s SEVERITY] "
	    "[-F FLAG] KIND PATTERN\n"
	    "       complaint config [-f FILE] rule list | rule rm ID...\n"
	    "       complaint backup [-f FILE] COPY\n"
	    "       complaint import [-f FILE] DIR\n"
	    "       complaint help [COMMAND]\n"
	    "       complaint --list [KIND]\n"
	    "       complaint --version\n", fp);
}

static int
help(void)
{
	usage(stdout);
	puts("\ncommands (each is also a program complaint-COMMAND):");
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		printf("  %-10s %s\n", tools[i].name, tools[i].what);
	puts("  init       create the case file\n"
	    "  config     show or change the settings\n"
	    "  backup     a consistent copy of the case file, verified\n"
	    "  import     a new case file from a full export, verified\n"
	    "  help       this list, or a command's usage\n"
	    "\nman complaint explains the procedure and the case file.");
	return 0;
}

static int
init(int argc, char *argv[])
{
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	const char	*file = NULL;
	int64_t		 bad = 0;
	int		 c;

	optind = 1;
	while ((c = getopt(argc, argv, "f:h")) != -1) {
		switch (c) {
		case 'f':
			file = optarg;
			break;
		case 'h':
			puts("usage: complaint init [-f FILE]");
			return 0;
		default:
			fputs("usage: complaint init [-f FILE]\n", stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		fputs("usage: complaint init [-f FILE]\n", stderr);
		return EX_USAGE;
	}
	if (casefile_open_tell(&cf, file, CF_WRITE, warnx, &e) != 0)
		errx(e.code, "%s", e.msg);
	/* the stats tallies, should the sqlite3 shell have changed them */
	if (casefile_begin(cf, &e) != 0 ||
	    verify_tallies(cf, 1, &bad, &e) != 0 ||
	    casefile_commit(cf, &e) != 0) {
		casefile_close(cf);
		errx(e.code, "%s", e.msg);
	}
	if (bad > 0)
		warnx("%lld %s of the stats tallies did not match the cases; "
		    "counted them again", (long long)bad, bad == 1 ? "row" :
		    "rows");
	puts(casefile_name(cf));
	casefile_close(cf);
	if (textout_close(stdout, &e) != 0)
		errx(e.code, "%s", e.msg);
	return 0;
}

/*
 * --list: the kinds of names the tools share, or the names of one kind
 * (statuses, severities...), one a line, for completions and scripts.
 */
static int
list(int argc, char *argv[])
{
	struct cerror	 e = { 0, "" };
	const char *const *names;
	char		 vis[64];

	if (argc > 2) {
		usage(stderr);
		return EX_USAGE;
	}
	if (argc == 1) {
		for (size_t i = 0; facts_kind(i) != NULL; i++)
			puts(facts_kind(i));
	} else if ((names = facts_list(argv[1])) != NULL) {
		for (size_t i = 0; names[i] != NULL; i++)
			puts(names[i]);
	} else {
		warnx("no list %s; see complaint --list",
		    text_vis(vis, sizeof(vis), argv[1]));
		return EX_USAGE;
	}
	if (textout_close(stdout, &e) != 0)
		errx(e.code, "%s", e.msg);
	return 0;
}

/*
 * The options of a command of -f FILE and one operand, argv[optind]: 0
 * with *file set, -1 when -h printed the usage, or EX_USAGE.
 */
static int
file_and_one(int argc, char *argv[], const char *use, const char **file)
{
	int	 c;

	optind = 1;
	while ((c = getopt(argc, argv, "f:h")) != -1) {
		switch (c) {
		case 'f':
			*file = optarg;
			break;
		case 'h':
			fputs(use, stdout);
			return -1;
		default:
			fputs(use, stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs(use, stderr);
		return EX_USAGE;
	}
	return 0;
}

/* A new copy verified as complaint-report verify does: 0, or 1 if not. */
static int
verified(struct casefile *cf, struct audit_bad *v, struct verify_rows *t,
    struct cerror *e)
{
	int64_t	 bad;
	int	 rc;

	if ((rc = audit_verify(cf, v, e)) != 0)
		return rc;
	if (v->entry != 0 || (rc = verify_redactions(cf, &bad, e)) != 0 ||
	    bad != 0 || (rc = verify_tables(cf, t, e)) != 0 || t->bad != 0)
		return rc != 0 ? rc : 1;
	return 0;
}

/*
 * backup: copy the case file with SQLite's backup API, then open the copy
 * as a reader and verify it as complaint-report verify would.
 */
static int
backup(int argc, char *argv[])
{
	static const char use[] = "usage: complaint backup [-f FILE] COPY\n";
	struct casefile	*cf = NULL, *copy = NULL;
	struct cerror	 e = { 0, "" };
	struct audit_bad v;
	struct verify_rows t;
	const char	*file = NULL;
	int		 rc;

	if ((rc = file_and_one(argc, argv, use, &file)) != 0)
		return rc < 0 ? 0 : rc;
	if ((rc = casefile_open_tell(&cf, file, CF_READ, warnx, &e)) != 0 ||
	    (rc = casefile_begin(cf, &e)) != 0 ||
	    (rc = casefile_backup(cf, argv[optind], &e)) != 0)
		goto out;
	casefile_rollback(cf);
	if ((rc = casefile_open_tell(&copy, argv[optind], CF_READ, warnx,
	    &e)) != 0 ||
	    (rc = casefile_begin(copy, &e)) != 0 ||
	    (rc = verified(copy, &v, &t, &e)) != 0)
		goto out;
	printf("%s\t%lld entries\t%lld rows\tverified\n", argv[optind],
	    (long long)v.entries, (long long)t.rows);
	rc = textout_close(stdout, &e);
out:
	casefile_close(copy);
	casefile_close(cf);
	if (rc != 0)
		errx(rc, "%s", e.msg);
	return 0;
}

/*
 * import: a new case file from the folder complaint-report export --all
 * wrote, then verified as complaint-report verify would.  A file that
 * fails is kept, so what the export held can be looked at.
 */
static int
import(int argc, char *argv[])
{
	static const char use[] = "usage: complaint import [-f FILE] DIR\n";
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	struct audit_bad v;
	struct verify_rows t;
	const char	*file = NULL;
	char		 path[1024];
	int64_t		 rows;
	int		 rc;

	if ((rc = file_and_one(argc, argv, use, &file)) != 0)
		return rc < 0 ? 0 : rc;
	if ((rc = casefile_path(file, path, sizeof(path), &e)) != 0 ||
	    (rc = import_export(argv[optind], path, &rows, &e)) != 0 ||
	    (rc = casefile_open_tell(&cf, path, CF_READ, warnx, &e)) != 0 ||
	    (rc = casefile_begin(cf, &e)) != 0 ||
	    (rc = verified(cf, &v, &t, &e)) != 0)
		goto out;
	printf("%s\t%lld entries\t%lld rows\tverified\n", path,
	    (long long)v.entries, (long long)rows);
	rc = textout_close(stdout, &e);
out:
	casefile_close(cf);
	if (rc != 0)
		errx(rc, "%s", e.msg);
	return 0;
}

static void
config_usage(FILE *fp)
{
	fputs("usage: complaint config [-f FILE] [--list | KEY [VALUE] | "
	    "--unset KEY]\n"
	    "       complaint config [-f FILE] rule add [-l LANG] [-s SEVERITY] "
	    "[-F FLAG] KIND PATTERN\n"
	    "       complaint config [-f FILE] rule list | rule rm ID...\n",
	    fp);
}

/*
 * config rule: add one triage rule, list them (id, kind, language,
 * pattern, severity, flag), or remove some, in one transaction.
 */
static int
rule(const char *file, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "flag", required_argument, NULL, 'F' },
		{ "lang", required_argument, NULL, 'l' },
		{ "severity", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	struct textout	 out;
	struct rule	 r = { NULL, NULL, NULL, 0, NULL };
	const char	*verb = argc > 1 ? argv[1] : "";
	const char	*errstr;
	char		 sevs[64];
	int64_t		 id;
	int		 c, rc;

	argc--;
	argv++;
	argv[0] = (char *)"complaint config rule";
	optind = 1;
	while ((c = getopt_long(argc, argv, "+F:l:s:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'F':
			r.flag = optarg;
			break;
		case 'l':
			r.lang = optarg;
			break;
		case 's':
			if (case_severity(optarg, &r.severity) != 0)
				errx(EX_USAGE, "-s: give 1-4, %s",
				    facts_join(facts_severities, sevs,
				    sizeof(sevs)));
			break;
		default:
			config_usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (!((strcmp(verb, "add") == 0 && argc == 2) ||
	    (strcmp(verb, "list") == 0 && argc == 0 && r.flag == NULL &&
	    r.lang == NULL && r.severity == 0) ||
	    (strcmp(verb, "rm") == 0 && argc > 0 && r.flag == NULL &&
	    r.lang == NULL && r.severity == 0))) {
		config_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = casefile_open_tell(&cf, file, *verb == 'l' ? CF_READ :
	    CF_WRITE, warnx, &e)) != 0 || (rc = casefile_begin(cf, &e)) != 0)
		goto out;
	if (*verb == 'l') {
		textout_init(&out, stdout, OUT_TEXT);
		rc = triage_rules(cf, textout_rowfn, &out, &e);
		textout_free(&out);
	} else if (*verb == 'a') {
		r.kind = argv[0];
		r.pattern = argv[1];
		if ((rc = triage_rule_add(cf, &r, &id, &e)) == 0 &&
		    (rc = casefile_commit(cf, &e)) == 0)
			printf("%lld\n", (long long)id);
	} else {
		for (int i = 0; i < argc && rc == 0; i++) {
			id = strtonum(argv[i], 1, INT64_MAX, &errstr);
			if (errstr != NULL)
				rc = cerror_set(&e, EX_USAGE, "rule rm: %s is "
				    "not a rule id", argv[i]);
			else
				rc = triage_rule_rm(cf, id, &e);
		}
		if (rc == 0)
			rc = casefile_commit(cf, &e);
	}
	if (rc == 0)
		rc = textout_close(stdout, &e);
out:
	casefile_close(cf);
	if (rc != 0)
		errx(rc, "%s", e.msg);
	return 0;
}

/*
 * config: no operand or --list prints every setting; KEY prints its
 * value; KEY VALUE sets it (checked, logged); --unset KEY removes it.
 */
static int
config(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "list", no_argument, NULL, 'l' },
		{ "unset", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	struct textout	 out;
	const char	*file = NULL;
	char		 value[4096];
	int		 c, list = 0, unset = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			file = optarg;
			break;
		case 'h':
			config_usage(stdout);
			return 0;
		case 'l':
			list = 1;
			break;
		case 'u':
			unset = 1;
			break;
		default:
			config_usage(stderr);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0 && strcmp(argv[0], "rule") == 0 && !list && !unset)
		return rule(file, argc, argv);
	if ((list && argc > 0) || argc > 2 || (unset && argc != 1)) {
		config_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = casefile_open_tell(&cf, file, argc == 2 || unset ? CF_WRITE :
	    CF_READ, warnx, &e)) != 0 || (rc = casefile_begin(cf, &e)) != 0)
		goto out;
	if (argc == 0) {
		textout_init(&out, stdout, OUT_TEXT);
		rc = casefile_settings(cf, textout_rowfn, &out, &e);
		textout_free(&out);
	} else if (argc == 1 && !unset) {
		if ((rc = casefile_setting(cf, argv[0], value, sizeof(value),
		    &e)) == 0) {
			if (textout_vis(stdout, value) != 0 ||
			    putchar('\n') == EOF)
				rc = cerror_set(&e, EX_IOERR, "cannot write");
		} else
			rc = 1;
	} else if ((rc = casefile_set(cf, argv[0], unset ? NULL : argv[1],
	    &e)) == 0)
		rc = casefile_commit(cf, &e);
	if (rc == 0)
		rc = textout_close(stdout, &e);
out:
	casefile_close(cf);
	if (rc > 1)
		errx(rc, "%s", e.msg);
	return rc;
}

/* Run complaint-NAME: beside this program when argv0 has a folder. */
static void
run(const char *argv0, const char *name, char *argv[])
{
	char	 prog[64], path[PATH_MAX];
	const char *slash = strrchr(argv0, '/');

	if (snprintf(prog, sizeof(prog), "complaint-%s", name) >=
	    (int)sizeof(prog))
		errx(EX_USAGE, "no command %.20s...; see complaint help",
		    name);
	argv[0] = prog;
	if (slash != NULL && snprintf(path, sizeof(path), "%.*s/%s",
	    (int)(slash - argv0), argv0, prog) < (int)sizeof(path) &&
	    access(path, X_OK) == 0) {
		execv(path, argv);
		err(EX_SOFTWARE, "cannot run %s", path);
	}
	execvp(prog, argv);
	{
		char vis[64];

		errx(EX_USAGE, "no command %s (%s is not in the folder of "
		    "complaint or on PATH); see complaint help",
		    text_vis(vis, sizeof(vis), name), prog);
	}
}

int
main(int argc, char *argv[])
{
	setlocale(LC_CTYPE, "");
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argv[1] = argv[0];	/* "complaint -- new ...": no options */
		argv++;
		argc--;
	}
	if (argc < 2) {
		usage(stderr);
		return EX_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return help();
	if (strcmp(argv[1], "--version") == 0) {
		puts("complaint " COMPLAINT_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--list") == 0)
		return list(argc - 1, argv + 1);
	if (argv[1][0] == '-' || strchr(argv[1], '/') != NULL) {
		usage(stderr);
		return EX_USAGE;
	}
	/* getopt's messages name the command as typed, not a path. */
	if (strcmp(argv[1], "init") == 0) {
		argv[1] = (char *)"complaint init";
		return init(argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "config") == 0) {
		argv[1] = (char *)"complaint config";
		return config(argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "backup") == 0) {
		argv[1] = (char *)"complaint backup";
		return backup(argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "import") == 0) {
		argv[1] = (char *)"complaint import";
		return import(argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc == 2)
			return help();
		char *hargv[] = { NULL, "--help", NULL };
		run(argv[0], argv[2], hargv);
	}
	run(argv[0], argv[1], argv + 1);
	return EX_SOFTWARE;
}
