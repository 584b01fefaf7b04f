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

/* One line's id: its first field; a header on line 1 is skipped. */
static int
ids_line(struct ids *ids, char *line, long lineno, struct cerror *e)
{
	char	*p;
	int64_t	 id;

	line[strcspn(line, "\t,")] = '\0';
	for (p = line; *p == ' '; p++)
		;
	if (*p == '\0')
		return 0;
	if (ids_parse(p, &id) != 0) {
		if (lineno == 1 && (*p < '0' || *p > '9') && *p != '-')
			return 0;
		return cerror_set(e, EX_DATAERR, "standard input, line %ld: "
		    "not a case id", lineno);
	}
	if (ids_add(ids, id) != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	return 0;
}

/*
 * Read ids from fp, a line each.  Lines end in LF, CRLF or a lone CR (old
 * Mac exports): a CR-only file is one getline() line with many ids in it.
 */
static int
ids_read(struct ids *ids, FILE *fp, struct cerror *e)
{
	char		*line = NULL, *p, *cr;
	size_t		 size = 0;
	long		 lineno = 0;
	int		 rc = 0;

	while (rc == 0 && getline(&line, &size, fp) != -1) {
		line[strcspn(line, "\n")] = '\0';
		for (p = line; rc == 0; p = cr + 1) {
			if ((cr = strchr(p, '\r')) != NULL)
				*cr = '\0';
			if (cr == NULL || cr[1] != '\0' || p != cr)
				rc = ids_line(ids, p, ++lineno, e);
			if (cr == NULL || cr[1] == '\0')
				break;
		}
	}
	if (rc == 0 && ferror(fp))
		rc = cerror_set(e, EX_IOERR, "cannot read standard input");
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
