/*
 * t_csvmap.c: the CSV header maps.  Each row is a CSV text, a map (none,
 * "cfpb", "NAME=COLUMN,...") and what the first record becomes: the
 * fields of the case that are set, its tags and the extra fields, or the
 * error opening it gives.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"
#include "unit.h"

#define CFPB_HEAD							\
	"Date received,Product,Sub-product,Issue,Sub-issue,"		\
	"Consumer complaint narrative,Company public response,Company,"	\
	"State,ZIP code,Tags,Consumer consent provided?,Submitted via,"	\
	"Date sent to company,Company response to consumer,"		\
	"Timely response?,Consumer disputed?,Complaint ID\n"

static const struct {
	const char	*name;
	const char	*csv;
	const char	*map;
	int		 flags;
	int		 rc;		/* of csvin_open */
	const char	*want;		/* the record, or the error */
} tests[] = {
	{ "our own header, by name", "name,email,summary\n"
	    "Ann Berg,ann@example.se,Kettle leaks\n", NULL, 0, 0,
	    "name=Ann Berg; email=ann@example.se; summary=Kettle leaks" },
	{ "headers compare without case, spaces, _ and -",
	    "NAME,E-Mail,Order_Ref,Sum mary\nBo,bo@x.se,A-1,Late\n",
	    "order=Order_Ref", 0, 0,
	    "name=Bo; email=bo@x.se; order=A-1; summary=Late" },
	{ "language is lang", "summary,language\nLate,sv\n", NULL, 0, 0,
	    "summary=Late; lang=sv" },
	{ "tags split at commas, tag keeps one whole, N/A and blanks "
	    "dropped", "summary,tags,t\nLate,\"a, b,N/A,,c\",x;y\n",
	    "tag=t", 0, 0, "summary=Late; tags=a|b|c|x;y" },
	{ "a custom map renames foreign columns",
	    "Kund,Epost,Rubrik,Belopp\nAnn,ann@x.se,Trasig,20 EUR\n",
	    "name=Kund,email=Epost,summary=Rubrik,amount=Belopp", 0, 0,
	    "name=Ann; email=ann@x.se; amount=20 EUR; summary=Trasig" },
	{ "a map keeps a column as a field, or ignores one",
	    "Subject,Shop,Junk\nLate,Kista,zz\n",
	    "summary=Subject,field=Shop,ignore=Junk", 0, 0,
	    "summary=Late; Shop=Kista" },
	{ "an empty cell sets nothing", "name,summary\n,Late\n", NULL, 0, 0,
	    "summary=Late" },
	{ "cfpb: every column has its place", CFPB_HEAD
	    "2026-11-20,Mortgage,Conventional home mortgage,Trouble during "
	    "payment process,Escrow,I was charged twice,,Big Bank,CA,"
	    "90210,Servicemember,Consent provided,Web,2026-11-21,"
	    "Closed with explanation,Yes,N/A,8123456\n", "cfpb", 0, 0,
	    "channel=Web; product=Mortgage / Conventional home mortgage; "
	    "received=2026-11-20; ref=8123456; summary=Trouble during "
	    "payment process; description=I was charged twice; "
	    "tags=Escrow|Servicemember; Company=Big Bank; State=CA; "
	    "ZIP code=90210; Consumer consent provided?=Consent provided; "
	    "Date sent to company=2026-11-21; Company response to "
	    "consumer=Closed with explanation; Timely response?=Yes; "
	    "Consumer disputed?=N/A" },
	{ "cfpb: N/A is no value but in a kept field; no sub-product",
	    CFPB_HEAD "2026-11-20,Debt collection,,False statements,N/A,"
	    ",,Acme,N/A,,,N/A,Phone,2026-11-20,In progress,Yes,N/A,9\n",
	    "cfpb", 0, 0, "channel=Phone; product=Debt collection; "
	    "received=2026-11-20; ref=9; summary=False statements; "
	    "Company=Acme; State=N/A; Consumer consent provided?=N/A; "
	    "Date sent to company=2026-11-20; Company response to "
	    "consumer=In progress; Timely response?=Yes; "
	    "Consumer disputed?=N/A" },
	{ "cfpb's columns unknown without the map",
	    "Date received,Issue\n", NULL, 0, EX_USAGE, "unknown columns: "
	    "Date received, Issue; map them with --map NAME=COLUMN or give "
	    "--ignore-unknown" },
	{ "the map knows cfpb's names exactly: no other spelling",
	    "date received,Issue\n", "cfpb", 0, EX_USAGE, "unknown column: "
	    "date received; map them with --map NAME=COLUMN or give "
	    "--ignore-unknown" },
	{ "unknown columns ignored when asked", "summary,colour\nLate,red\n",
	    NULL, CSVIN_IGNORE_UNKNOWN, 0, "summary=Late" },
	{ "one unknown column", "summary,colour\n", NULL, 0, EX_USAGE,
	    "unknown column: colour; map them with --map NAME=COLUMN or give "
	    "--ignore-unknown" },
	{ "a map to no field", "a,b\n", "colour=a", 0, EX_USAGE,
	    "--map: no field colour; give name, email, phone, channel, "
	    "product, order, amount, severity, employee, tags, tag, received, "
	    "ref, summary, description, field or ignore" },
	{ "a map from no column", "summary\n", "name=Kund", 0, EX_USAGE,
	    "--map: no column Kund in the header" },
	{ "a pair without =", "summary,b\n", "name=b,summary", 0,
	    EX_USAGE, "--map: summary is not NAME=COLUMN" },
	{ "a map that is no file", "summary\n", "nomap.txt", 0,
	    EX_NOINPUT, "--map: no built-in map or file nomap.txt" },
	{ "no summary column", "name\n", NULL, 0, EX_USAGE,
	    "no summary column: map one with --map summary=COLUMN" },
	{ "a column twice", "summary,Sum-mary\n", NULL, 0, EX_DATAERR,
	    "column Sum-mary appears twice in the header" },
	{ "no header at all", "", NULL, 0, EX_DATAERR,
	    "no header line: the input is empty" },
};

/* The case a record became, one "field=value" after another. */
static void
show(const struct newcase *nc, const struct csvextra *x, char *out,
    size_t size)
{
	const struct {
		const char	*name;
		const char	*v;
	} f[] = {
		{ "name", nc->name }, { "email", nc->email },
		{ "phone", nc->phone }, { "channel", nc->channel },
		{ "product", nc->product }, { "order", nc->order },
		{ "amount", nc->amount }, { "severity", nc->severity },
		{ "employee", nc->employee }, { "received", nc->received },
		{ "ref", nc->ref }, { "summary", nc->summary },
		{ "description", nc->description }, { "lang", nc->lang },
	};

	*out = '\0';
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (f[i].v == NULL)
			continue;
		if (*out != '\0')
			strlcat(out, "; ", size);
		strlcat(out, f[i].name, size);
		strlcat(out, "=", size);
		strlcat(out, f[i].v, size);
	}
	for (size_t i = 0; i < nc->ntags; i++) {
		strlcat(out, i == 0 ? "; tags=" : "|", size);
		strlcat(out, nc->tags[i], size);
	}
	for (size_t i = 0; i < x->n; i++) {
		strlcat(out, "; ", size);
		strlcat(out, x->name[i], size);
		strlcat(out, "=", size);
		strlcat(out, x->value[i], size);
	}
}

int
main(void)
{
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		struct csvin	*c = NULL;
		struct cerror	 e = { 0, "" };
		struct newcase	 nc;
		struct csvextra	 x;
		char		 got[2048];
		long		 line;
		FILE		*fp;
		int		 rc;

		if ((fp = fmemopen((void *)(uintptr_t)tests[i].csv,
		    strlen(tests[i].csv), "r")) == NULL &&
		    (fp = fopen("/dev/null", "r")) == NULL) {
			CHECK(0, "%s: cannot open the text", tests[i].name);
			continue;
		}
		rc = csvin_open(&c, fp, 0, tests[i].map, tests[i].flags, &e);
		if (rc != 0)
			strlcpy(got, e.msg, sizeof(got));
		else if ((rc = csvin_next(c, &nc, &x, &line, &e)) == 0)
			show(&nc, &x, got, sizeof(got));
		else
			snprintf(got, sizeof(got), "next: %d %s", rc, e.msg);
		CHECK(rc == tests[i].rc && strcmp(got, tests[i].want) == 0,
		    "%s%s%s", tests[i].name, strcmp(got, tests[i].want) == 0 ?
		    "" : "\n#   got: ", strcmp(got, tests[i].want) == 0 ? "" :
		    got);
		csvin_close(c);
		fclose(fp);
	}
	UNIT_EXIT();
}
