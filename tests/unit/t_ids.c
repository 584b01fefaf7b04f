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
	rc = ids_collect(ids, argv, argc, fp, e);
	fclose(fp);
	return rc;
}

int
main(void)
{
	char		*args[] = { "3", "-", "7" };
	char		*dash[] = { "-" };
	char		*bad[] = { "12x" };
	char		*zero[] = { "0" };
	struct ids	 ids = { NULL, 0, 0 };
	struct cerror	 e;
	int		 rc;

	rc = collect("1\n2\n", args, 3, &ids, &e);
	CHECK(rc == 0 && ids.n == 4 && ids.v[0] == 3 && ids.v[1] == 1 &&
	    ids.v[2] == 2 && ids.v[3] == 7, "arguments around - keep order");
	rc = collect("id,received\n5,2026\n\n6\tx\n  8\r\n", dash, 1, &ids,
	    &e);
	CHECK(rc == 0 && ids.n == 3 && ids.v[0] == 5 && ids.v[1] == 6 &&
	    ids.v[2] == 8, "CSV header, blank line, tab and CR handled");
	rc = collect("id\r4\r5\r", dash, 1, &ids, &e);
	CHECK(rc == 0 && ids.n == 2 && ids.v[0] == 4 && ids.v[1] == 5,
	    "lines ending in a lone CR");
	rc = collect("4\r\n5\r\nx\r\n", dash, 1, &ids, &e);
	CHECK(rc == 65 && strcmp(e.msg,
	    "standard input, line 3: not a case id") == 0,
	    "CRLF lines are counted once each");
	rc = collect("5\nfoo\n", dash, 1, &ids, &e);
	CHECK(rc == 65 && strcmp(e.msg,
	    "standard input, line 2: not a case id") == 0,
	    "a word after line 1 is an error naming its line");
	rc = collect("5\n-3\n", dash, 1, &ids, &e);
	CHECK(rc == 65, "a negative id is an error");
	rc = collect("-1\n", dash, 1, &ids, &e);
	CHECK(rc == 65, "a negative id on line 1 is no header");
	rc = collect("", bad, 1, &ids, &e);
	CHECK(rc == 65 && strcmp(e.msg,
	    "12x is not a case id (a positive whole number)") == 0,
	    "a bad argument is named");
	rc = collect("", zero, 1, &ids, &e);
	CHECK(rc == 65, "0 is not a case id");
	rc = collect("99999999999999999999\n", dash, 1, &ids, &e);
	CHECK(rc == 65, "an id beyond 64 bits is an error");
	ids_free(&ids);
	UNIT_EXIT();
}
