/* t_ids.c: case ids from arguments and from standard input. */
#include <stdint.h>
#include <stdio.h>

#include "complaint.h"
#include "unit.h"

static int
collect(const char *input, char **argv, int argc, struct ids *ids,
    struct cerror *e)
{
	FILE	*fp = fmemopen((void *)input, strlen(input), "r");
	int	 rc;

	ids->n = 0;
	e->code = 0;
	e->msg[0] = '\0';
	rc = ids_collect(ids, argv, argc, fp, e);
	fclose(fp);
	return rc;
}

/* The ids as "1 2 3", or the error as "65 message". */
static const char *
got(int rc, const struct ids *ids, const struct cerror *e)
{
	static char	 s[512];
	size_t		 n = 0;

	if (rc != 0) {
		snprintf(s, sizeof(s), "%d %s", rc, e->msg);
		return s;
	}
	s[0] = '\0';
	for (size_t i = 0; i < ids->n && n < sizeof(s); i++)
		n += snprintf(s + n, sizeof(s) - n, "%s%lld", i ? " " : "",
		    (long long)ids->v[i]);
	return s;
}

int
main(void)
{
	static const struct {
		const char	*in, *want, *what;
	} t[] = {
		{ "1\n2\n", "1 2", "one a line" },
		{ "5\t2026\tnew\n\n6\tx\n  8\r\n", "5 6 8",
		    "text output: the first field; blank lines; CRLF" },
		{ "7,a,b\n8,c\n", "7 8", "CSV rows without a header" },
		{ "id\r4\r5\r", "4 5", "lines ending in a lone CR" },
		{ "4\r\n5\r\nx\r\n", "65 standard input, line 3: not a case id",
		    "CRLF lines are counted once each" },
		{ "5\nfoo\n", "65 standard input, line 2: not a case id",
		    "a word after line 1 is an error naming its line" },
		{ "5\n-3\n", "65 standard input, line 2: not a case id",
		    "a negative id is an error" },
		{ "-1\n", "65 standard input, line 1: neither a case id nor a "
		    "header with a case or id column",
		    "a negative id on line 1 is no header" },
		{ "99999999999999999999\n", "65 standard input, line 1: "
		    "neither a case id nor a header with a case or id column",
		    "an id beyond 64 bits is an error" },
		{ "summary\nKettle leaks\n", "65 standard input, line 1: "
		    "neither a case id nor a header with a case or id column",
		    "a header without the column is refused, not skipped" },
		{ "\n\nname,notes\n", "65 standard input, line 3: neither a "
		    "case id nor a header with a case or id column",
		    "the refused line is named after blank lines" },
		{ "line,id,status,severity,flags\n2,1,new,medium,\n"
		    "3,2,new,low,suspect\n", "1 2",
		    "complaint-new --csv: the id column, not the line" },
		{ "entry,at,actor,case,action,content\n"
		    "1,t,ann,4,new,\"{\"\"case\"\":4}\"\n"
		    "2,t,ann,3,ack,\"a,\nb\"\n", "4 3",
		    "the case column wins; quoted commas and line breaks" },
		{ "id,summary\n\"7\",x\n\"8\",\"say \"\"hi\"\"\"\n", "7 8",
		    "a quoted id" },
		{ "id,summary\n7,\"never closed\n", "65 standard input, "
		    "line 2: a quoted field is not closed",
		    "a quoted field cut off" },
		{ "summary,id\nx\n", "65 standard input, line 2: not a case id",
		    "a row short of the id column" },
		{ "summary,id\n\"a\nb\",3\nc,x\n", "65 standard input, "
		    "line 4: not a case id",
		    "lines are counted inside quoted fields" },
		{ "id\tstatus\n3\tnew\n4\tnew\n", "3 4",
		    "a tab-separated header" },
		{ "status\tcase\nnew\t9\n", "9", "the tab column by name" },
		{ "\xef\xbb\xbf" "2\n3\n", "2 3",
		    "a byte order mark before an id" },
		{ "\xef\xbb\xbfid,x\n4,y\n", "4",
		    "a byte order mark before a header" },
		{ "{\"id\":1,\"summary\":\"a, \\\"id\\\": 9\"}\n"
		    "{\"case\":2,\"x\":{\"case\":8}}\n", "1 2", "JSON lines" },
		{ "{\"id\":5,\"case\":4}\n{ \"case\" : \"6\" }\n", "4 6",
		    "JSON: case wins over id; a string of digits" },
		{ "{\"id\":1}\n{\"summary\":\"x\"}\n", "65 standard input, "
		    "line 2: not a case id", "JSON without case or id" },
		{ "{\"id\":1}\n{\"id\":2\n", "65 standard input, line 2: not "
		    "a JSON object", "a JSON line cut off" },
		{ "{\"id\":null}\n", "65 standard input, line 1: not a case "
		    "id", "JSON null is no id" },
		{ "3\n1\n3\n2\n1\n", "3 1 2",
		    "an id listed twice is taken once, where it first came" },
		{ "", "1 no case ids on standard input",
		    "nothing on standard input" },
		{ "\n\n", "1 no case ids on standard input",
		    "blank lines only" },
		{ "id,summary\n", "1 no case ids on standard input",
		    "a header and no rows" },
	};
	char		*args[] = { "3", "-", "7" };
	char		*dash[] = { "-" };
	char		*twice[] = { "4", "-", "4", "-" };
	char		*bad[] = { "12x" };
	char		*zero[] = { "0" };
	struct ids	 ids = { NULL, 0, 0 };
	struct cerror	 e;
	const char	*s;
	int		 rc;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rc = collect(t[i].in, dash, 1, &ids, &e);
		s = got(rc, &ids, &e);
		CHECK(strcmp(s, t[i].want) == 0, "%s", t[i].what);
		if (strcmp(s, t[i].want) != 0)
			printf("#   got \"%s\"\n#   want \"%s\"\n", s,
			    t[i].want);
	}
	rc = collect("1\n2\n", args, 3, &ids, &e);
	CHECK(strcmp(got(rc, &ids, &e), "3 1 2 7") == 0,
	    "arguments around - keep order");
	rc = collect("5\n4\n", twice, 4, &ids, &e);
	CHECK(strcmp(got(rc, &ids, &e), "4 5") == 0,
	    "- given twice reads once; an argument and a line alike");
	rc = collect("", bad, 1, &ids, &e);
	CHECK(rc == 65 && strcmp(e.msg,
	    "12x is not a case id (a positive whole number)") == 0,
	    "a bad argument is named");
	rc = collect("", zero, 1, &ids, &e);
	CHECK(rc == 65, "0 is not a case id");
	ids_free(&ids);
	UNIT_EXIT();
}
