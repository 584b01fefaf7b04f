/*
 * columns.c: rows as aligned columns under a header, for a person at a
 * terminal.  Rows are kept until the end, since a column is as wide as
 * its widest cell; cells are escaped as textout escapes text, and their
 * width is counted in terminal cells, so names in any script line up.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <utf8proc.h>

#include "complaint.h"

#define SGR_RED		"\033[31m"
#define SGR_BOLDRED	"\033[1;31m"
#define SGR_YELLOW	"\033[33m"
#define SGR_RESET	"\033[m"

/* What stands out: severities, and due times already missed. */
static const struct {
	const char	*column;
	const char	*value;		/* NULL: any value */
	const char	*sgr;
} colours[] = {
	{ "severity", "critical", SGR_BOLDRED },
	{ "severity", "high", SGR_RED },
	{ "severity", "medium", SGR_YELLOW },
	{ "hours_late", NULL, SGR_RED },
	{ "state", "breached", SGR_RED },
};

const char *
columns_sgr(const char *column, const char *value)
{
	for (size_t i = 0; i < sizeof(colours) / sizeof(colours[0]); i++)
		if (value != NULL && strcmp(colours[i].column, column) == 0 &&
		    (colours[i].value == NULL ||
		    strcmp(colours[i].value, value) == 0))
			return colours[i].sgr;
	return NULL;
}

const char *
columns_reset(void)
{
	return SGR_RESET;
}

void
columns_init(struct columns *c)
{
	memset(c, 0, sizeof(*c));
}

void
columns_free(struct columns *c)
{
	for (size_t i = 0; i < c->ncell; i++)
		free(c->cell[i]);
	free(c->cell);
	memset(c, 0, sizeof(*c));
}

/* Keep one cell, escaped unless it is a header we made. */
static int
keep(struct columns *c, const char *s, int escape)
{
	char	**v, *m = NULL;
	size_t	 len;
	FILE	*fp;

	if (c->ncell == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if ((v = reallocarray(c->cell, c->cap, sizeof(*v))) == NULL)
			return EX_OSERR;
		c->cell = v;
	}
	if (s == NULL)
		s = "";
	if (escape) {
		if ((fp = open_memstream(&m, &len)) == NULL)
			return EX_OSERR;
		if (textout_vis(fp, s) != 0) {
			fclose(fp);
			free(m);
			return EX_OSERR;
		}
		if (fclose(fp) == EOF) {
			free(m);
			return EX_OSERR;
		}
	} else if ((m = strdup(s)) == NULL)
		return EX_OSERR;
	c->cell[c->ncell++] = m;
	return 0;
}

int
columns_row(void *arg, const struct row *r)
{
	struct columns	*c = arg;
	char		 head[64];
	int		 rc;

	if (c->ncol == 0) {
		c->ncol = r->n < COLUMNS_MAX ? r->n : COLUMNS_MAX;
		for (int i = 0; i < c->ncol; i++) {
			strlcpy(head, r->name[i], sizeof(head));
			for (char *p = head; *p != '\0'; p++)
				*p = (char)toupper((unsigned char)*p);
			if ((rc = keep(c, head, 0)) != 0)
				return rc;
			strlcpy(c->name[i], r->name[i], sizeof(c->name[i]));
		}
	}
	for (int i = 0; i < c->ncol; i++)
		if ((rc = keep(c, i < r->n ? r->val[i] : NULL, 1)) != 0)
			return rc;
	c->nrow++;
	return 0;
}

/* Terminal cells taken by escaped UTF-8 text s. */
static size_t
width(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t		 w = 0;
	int		 cw;

	for (; *s != '\0'; s += n) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		if (n <= 0) {
			n = 1;
			w++;
			continue;
		}
		if ((cw = utf8proc_charwidth(cp)) > 0)
			w += (size_t)cw;
	}
	return w;
}

int
columns_print(struct columns *c, FILE *fp, int colour)
{
	size_t	 w[COLUMNS_MAX] = { 0 }, cw;
	const char *sgr, *cell;

	if (c->nrow == 0)
		return 0;
	for (size_t i = 0; i < c->ncell; i++)
		if ((cw = width(c->cell[i])) > w[i % (size_t)c->ncol])
			w[i % (size_t)c->ncol] = cw;
	for (size_t i = 0; i < c->ncell; i++) {
		size_t	 col = i % (size_t)c->ncol;

		cell = c->cell[i];
		sgr = colour && i >= (size_t)c->ncol ?
		    columns_sgr(c->name[col], *cell ? cell : NULL) : NULL;
		if (sgr != NULL)
			fputs(sgr, fp);
		fputs(cell, fp);
		if (sgr != NULL)
			fputs(SGR_RESET, fp);
		if (col + 1 == (size_t)c->ncol)
			putc('\n', fp);
		else
			for (cw = width(cell); cw < w[col] + 2; cw++)
				putc(' ', fp);
	}
	return ferror(fp) ? EX_IOERR : 0;
}
