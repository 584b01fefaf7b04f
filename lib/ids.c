/*
 * ids.c: case ids from the command line, or from standard input for "-":
 * one a line, the first field of a tab- or comma-separated line, so the
 * output of one tool (text or CSV with its header) feeds the next.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

int
ids_parse(const char *s, int64_t *id)
{
	const char	*errstr;

	if (*s < '0' || *s > '9')
		return EX_DATAERR;
	*id = strtonum(s, 1, INT64_MAX, &errstr);
	return errstr == NULL ? 0 : EX_DATAERR;
}

static int
ids_add(struct ids *ids, int64_t id)
{
	int64_t	*v;

	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? ids->cap * 2 : 16;
		if ((v = reallocarray(ids->v, cap, sizeof(*v))) == NULL)
			return EX_OSERR;
		ids->v = v;
		ids->cap = cap;
	}
	ids->v[ids->n++] = id;
	return 0;
}

/* Read ids from fp: the first field of each line; skip blanks, a header. */
static int
ids_read(struct ids *ids, FILE *fp, struct cerror *e)
{
	char		*line = NULL, *p;
	size_t		 size = 0;
	ssize_t		 len;
	long		 lineno = 0;
	int64_t		 id;
	int		 rc = 0;

	while ((len = getline(&line, &size, fp)) != -1) {
		lineno++;
		line[strcspn(line, "\t,\r\n")] = '\0';
		for (p = line; *p == ' '; p++)
			;
		if (*p == '\0')
			continue;
		if (ids_parse(p, &id) != 0) {
			/* A first line that is not a number is a header. */
			if (lineno == 1 && (*p < '0' || *p > '9') && *p != '-')
				continue;
			rc = cerror_set(e, EX_DATAERR, "standard input, line "
			    "%ld: not a case id", lineno);
			goto out;
		}
		if ((rc = ids_add(ids, id)) != 0) {
			cerror_set(e, rc, "out of memory");
			goto out;
		}
	}
	if (ferror(fp))
		rc = cerror_set(e, EX_IOERR, "cannot read standard input");
out:
	free(line);
	return rc;
}

int
ids_collect(struct ids *ids, char **argv, int argc, FILE *fp,
    struct cerror *e)
{
	int64_t	 id;
	int	 i, rc, stdin_used = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (stdin_used++)
				continue;
			if ((rc = ids_read(ids, fp, e)) != 0)
				return rc;
			continue;
		}
		if (ids_parse(argv[i], &id) != 0) {
			char	 vis[64];

			return cerror_set(e, EX_DATAERR, "%s is not a case id "
			    "(a positive whole number)",
			    text_vis(vis, sizeof(vis), argv[i]));
		}
		if ((rc = ids_add(ids, id)) != 0)
			return cerror_set(e, rc, "out of memory");
	}
	return 0;
}

void
ids_free(struct ids *ids)
{
	free(ids->v);
	ids->v = NULL;
	ids->n = ids->cap = 0;
}
