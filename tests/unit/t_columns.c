/* t_columns.c: aligned columns for a terminal: widths, escapes, colour. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "unit.h"

#define MAXROWS	4

static const struct {
	const char	*name;
	int		 colour;
	const char	*rows[MAXROWS][2];	/* severity, customer */
	const char	*want;
} tests[] = {
	{ "ASCII cells pad to the widest, the last column unpadded", 0,
	    { { "low", "Bo" }, { "critical", "Ann Lee" } },
	    "SEVERITY  CUSTOMER\n"
	    "low       Bo\n"
	    "critical  Ann Lee\n" },
	{ "letters with accents take one cell each", 0,
	    { { "high", "\xc3\x85sa \xc3\x96" }, { "low", "x" } },
	    "SEVERITY  CUSTOMER\n"
	    "high      \xc3\x85sa \xc3\x96\n"
	    "low       x\n" },
	{ "wide characters take two cells", 0,
	    { { "\xe7\x8e\x8b", "a" }, { "low", "b" } },
	    "SEVERITY  CUSTOMER\n"
	    "\xe7\x8e\x8b        a\n"
	    "low       b\n" },
	{ "a tab or an escape in a cell is escaped, and counted so", 0,
	    { { "a\tb", "\033[2J" } },
	    "SEVERITY  CUSTOMER\n"
	    "a\\tb      \\033[2J\n" },
	{ "an empty cell pads like any other", 0,
	    { { "", "Bo" }, { "high", NULL } },
	    "SEVERITY  CUSTOMER\n"
	    "          Bo\n"
	    "high      \n" },
	{ "colour marks severities, not the header, padding outside", 1,
	    { { "critical", "Bo" }, { "low", "Cy" }, { "medium", "Di" } },
	    "SEVERITY  CUSTOMER\n"
	    "\033[1;31mcritical\033[m  Bo\n"
	    "low       Cy\n"
	    "\033[33mmedium\033[m    Di\n" },
	{ "no rows, nothing at all, not even the header", 0,
	    { { NULL, NULL } }, "" },
};

int
main(void)
{
	static const char *const names[] = { "severity", "customer" };
	static const int types[] = { VAL_TEXT, VAL_TEXT };
	struct columns	 c;
	const char	*vals[2];
	struct row	 r = { 2, names, vals, types };
	char		*s;
	size_t		 n;
	FILE		*fp;

	setlocale(LC_CTYPE, "C.UTF-8");
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		columns_init(&c);
		for (int j = 0; j < MAXROWS && tests[i].rows[j][0] != NULL;
		    j++) {
			vals[0] = tests[i].rows[j][0];
			vals[1] = tests[i].rows[j][1];
			columns_row(&c, &r);
		}
		s = NULL;
		fp = open_memstream(&s, &n);
		columns_print(&c, fp, tests[i].colour);
		fclose(fp);
		CHECK(strcmp(s, tests[i].want) == 0, "%s", tests[i].name);
		if (strcmp(s, tests[i].want) != 0)
			printf("#   got \"%s\"\n", s);
		free(s);
		columns_free(&c);
	}
	CHECK(columns_sgr("hours_late", "3") != NULL &&
	    columns_sgr("state", "breached") != NULL &&
	    columns_sgr("state", "met") == NULL &&
	    columns_sgr("severity", "low") == NULL &&
	    columns_sgr("severity", NULL) == NULL,
	    "breaches are marked, the rest is not");
	UNIT_EXIT();
}
