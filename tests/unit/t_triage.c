/*
 * t_triage.c: triage's verdicts, table by table.  The sentences are those
 * of tests/triage-table.tsv (the one table, which tests/triage-table.sh
 * also runs through complaint-new): each must get its severity, its
 * flags straight from triage_run, and a language guess that is its own
 * or none (a short sentence may not tell), never another.  A table here
 * adds what a sentence alone cannot say: the amount at stake, and a case
 * with no contact, no order and few words.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complaint.h"
#include "unit.h"

#define TABLE	"tests/triage-table.tsv"

static const struct {
	const char	*name;
	const char	*email;
	const char	*summary;
	const char	*amount;	/* or NULL */
	const char	*sev, *flags;
} more[] = {
	{ "an amount under the money rules changes nothing", "a@x.se",
	    "The parcel was late", "999.99 EUR", "medium", "" },
	{ "1000.00 EUR at stake is high", "a@x.se", "The parcel was late",
	    "1000.00 EUR", "high", "" },
	{ "10000.00 EUR at stake is critical", "a@x.se",
	    "The parcel was late", "10000.00 EUR", "critical", "" },
	{ "the money rules are in the currency of the case file", "a@x.se",
	    "The parcel was late", "20000.00 SEK", "medium", "" },
	{ "no contact, no order and few words is suspect", NULL,
	    "Bad service", NULL, "medium", "suspect" },
	{ "few words with a contact are not", "a@x.se", "Bad service", NULL,
	    "medium", "" },
	{ "no contact but words enough are not", NULL,
	    "The kettle I bought last week leaks at the base", NULL,
	    "medium", "" },
	{ "a fire with no contact: safety and suspect", NULL,
	    "Charger caught fire", NULL, "critical", "safety,suspect" },
};

static void
check(struct casefile *cf, const char *name, const char *email,
    const char *summary, const char *amount, const char *sev,
    const char *flags, const char *lang)
{
	struct newcase	 nc;
	struct verdict	 v;
	struct money	 m;
	struct cerror	 e = { 0, "" };
	int		 rc;

	memset(&nc, 0, sizeof(nc));
	nc.email = email;
	nc.summary = summary;
	if (amount != NULL && money_parse(amount, "EUR", 0, &m, &e) != 0) {
		CHECK(0, "%s: amount %s: %s", name, amount, e.msg);
		return;
	}
	rc = triage_run(cf, &nc, 0, casefile_now(cf), amount != NULL ? &m :
	    NULL, &v, &e);
	if (rc != 0) {
		CHECK(0, "%s: %s", name, e.msg);
		return;
	}
	rc = strcmp(case_severity_name(v.severity), sev) == 0 &&
	    strcmp(v.flags, flags) == 0 && (lang == NULL || *v.lang == '\0' ||
	    strcmp(v.lang, lang) == 0);
	CHECK(rc, "%s: %s%s%s", name, sev, *flags ? " " : "", flags);
	if (!rc)
		printf("#   got %s, flags %s, language %s\n",
		    case_severity_name(v.severity), v.flags, v.lang);
}

int
main(void)
{
	char		 dir[] = "/tmp/complaint-unit.XXXXXX", path[300];
	char		 line[2048], name[64];
	struct casefile	*cf = NULL;
	struct cerror	 e = { 0, "" };
	FILE		*fp;
	int		 n = 0, langs[3] = { 0, 0, 0 };

	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp");
		UNIT_EXIT();
	}
	snprintf(path, sizeof(path), "%s/cases.db", dir);
	setenv("COMPLAINT_NOW", "2026-11-22T10:00:00Z", 1);
	if (casefile_open(&cf, path, CF_WRITE, &e) != 0) {
		CHECK(0, "open: %s", e.msg);
		goto out;
	}
	if ((fp = fopen(TABLE, "r")) == NULL) {
		CHECK(0, "%s: run from the top of the tree", TABLE);
		goto out;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *lang, *sev, *flags, *text, *p = line;

		line[strcspn(line, "\n")] = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		lang = strsep(&p, "\t");
		sev = strsep(&p, "\t");
		flags = strsep(&p, "\t");
		text = p;
		if (flags == NULL || text == NULL) {
			CHECK(0, "%s: a line without four columns", TABLE);
			continue;
		}
		n++;
		langs[strcmp(lang, "en") == 0 ? 0 : strcmp(lang, "id") == 0 ?
		    1 : 2]++;
		snprintf(name, sizeof(name), "%s %d", lang, n);
		check(cf, name, "t@example.com", text, NULL, sev,
		    strcmp(flags, "-") == 0 ? "" : flags, lang);
	}
	fclose(fp);
	CHECK(langs[0] >= 20 && langs[1] >= 20 && langs[2] >= 20,
	    "at least 20 sentences a language (en %d, id %d, sv %d)",
	    langs[0], langs[1], langs[2]);
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		check(cf, more[i].name, more[i].email, more[i].summary,
		    more[i].amount, more[i].sev, more[i].flags, NULL);
out:
	casefile_close(cf);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		CHECK(0, "cannot remove %s", dir);
	UNIT_EXIT();
}
