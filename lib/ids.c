/*
 * ids.c: case ids from the command line, or from standard input for "-".
 * The input is what another tool printed: ids one a line (or the first
 * tab- or comma-separated field, as in text output), CSV or tab-separated
 * text under a header (the column "case", else "id"), or JSON lines (the
 * member "case", else "id").  Each id is taken once, where it first comes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

#define ID_MAX	24	/* the longest field that can still be an id */

/* How the lines on standard input carry their ids. */
enum { IN_PLAIN, IN_CSV, IN_TAB, IN_JSON };

/* A cursor over all of standard input, counting its lines. */
struct scan {
	const char	*p, *end;
	long		 line;		/* of the record being read */
};

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

/* Whether c ends a line: LF, CRLF or a lone CR (old Mac exports). */
static int
eol(int c)
{
	return c == '\n' || c == '\r';
}

/* Step over one line ending at sc->p, counting it. */
static void
skip_eol(struct scan *sc)
{
	if (sc->p < sc->end && *sc->p == '\r')
		sc->p++;
	else if (sc->p < sc->end && *sc->p == '\n') {
		sc->p++;
		sc->line++;
		return;
	}
	if (sc->p < sc->end && *sc->p == '\n')
		sc->p++;
	sc->line++;
}

/* The next line, without its ending; 0 at the end of the input. */
static int
next_line(struct scan *sc, const char **s, size_t *n)
{
	const char	*q;

	if (sc->p >= sc->end)
		return 0;
	for (q = sc->p; q < sc->end && !eol(*q); q++)
		;
	*s = sc->p;
	*n = q - sc->p;
	sc->p = q;
	skip_eol(sc);
	return 1;
}

/* Copy s[0..n) trimmed of blanks into out; too long for an id is "x". */
static void
field(const char *s, size_t n, char out[ID_MAX])
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= ID_MAX) {
		strlcpy(out, "x", ID_MAX);
		return;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

/*
 * One CSV record (RFC 4180: quoted fields may hold commas, doubled
 * quotes and line breaks): field col into out, or "" when the record is
 * shorter.  Returns 0, or EX_DATAERR when a quoted field is not closed.
 */
static int
csv_record(struct scan *sc, int col, char out[ID_MAX])
{
	char	 f[ID_MAX];
	size_t	 n = 0;
	int	 i = 0, quoted = 0, toolong = 0;

	*out = '\0';
	for (;;) {
		int	 end = sc->p >= sc->end;
		char	 c = end ? '\n' : *sc->p;

		if (quoted && end)
			return EX_DATAERR;
		if (quoted && c == '"' && sc->p + 1 < sc->end &&
		    sc->p[1] == '"') {
			sc->p++;
		} else if (c == '"' && (quoted || n == 0)) {
			quoted = !quoted;
			sc->p++;
			continue;
		} else if (!quoted && (c == ',' || eol(c))) {
			if (i == col) {
				f[n] = '\0';
				field(f, toolong ? ID_MAX : n, out);
			}
			if (eol(c) || end) {
				if (!end)
					skip_eol(sc);
				return 0;
			}
			i++;
			n = toolong = 0;
			sc->p++;
			continue;
		} else if (eol(c) && (c == '\n' || sc->p + 1 >= sc->end ||
		    sc->p[1] != '\n'))
			sc->line++;	/* a line break inside quotes */
		if (n + 1 < ID_MAX)
			f[n++] = c;
		else
			toolong = 1;
		sc->p++;
	}
}

/* Field col of a tab-separated line, or "". */
static void
tab_field(const char *s, size_t n, int col, char out[ID_MAX])
{
	const char	*t;

	for (; col > 0; col--) {
		if ((t = memchr(s, '\t', n)) == NULL) {
			*out = '\0';
			return;
		}
		n -= t + 1 - s;
		s = t + 1;
	}
	field(s, (t = memchr(s, '\t', n)) != NULL ? (size_t)(t - s) : n, out);
}

/* The column named "case", else "id", of a header line; -1 when none. */
static int
header_column(const char *s, size_t n, int mode)
{
	struct scan	 sc = { s, s + n, 1 };
	char		 name[ID_MAX];
	int		 id = -1;

	for (int i = 0; i < 256; i++) {
		if (mode == IN_CSV) {
			sc.p = s;
			if (csv_record(&sc, i, name) != 0)
				return -1;
		} else
			tab_field(s, n, i, name);
		if (strcmp(name, "case") == 0)
			return i;
		if (strcmp(name, "id") == 0 && id == -1)
			id = i;
	}
	return id;
}

/* Skip white space in a JSON text. */
static const char *
json_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * Skip a JSON string at p (its opening quote) and return what follows it,
 * or NULL when it does not end; its text goes to out, as field() does.
 */
static const char *
json_string(const char *p, const char *end, char out[ID_MAX])
{
	const char	*s = ++p;

	for (; p < end && *p != '"'; p++)
		if (*p == '\\' && ++p == end)
			return NULL;
	if (p == end)
		return NULL;
	field(s, p - s, out);
	return p + 1;
}

/*
 * Skip a JSON value at p, nested objects and arrays too, up to the ','
 * or '}' after it; NULL when it is broken.
 */
static const char *
json_skip(const char *p, const char *end)
{
	char	 tmp[ID_MAX];
	int	 depth = 0;

	while (p < end) {
		if (*p == '"') {
			if ((p = json_string(p, end, tmp)) == NULL)
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']') {
			if (depth == 0)
				return p;
			depth--;
		} else if (*p == ',' && depth == 0)
			return p;
		p++;
	}
	return depth == 0 ? p : NULL;
}

/*
 * The case id of one JSON object on a line: its member "case", else "id",
 * a number or a string of digits, into out ("" when it has neither).
 * Returns 0, or EX_DATAERR when the line is not a JSON object.
 */
static int
json_line(const char *p, size_t n, char out[ID_MAX])
{
	const char	*end = p + n, *v;
	char		 key[ID_MAX], val[ID_MAX], id[ID_MAX] = "";

	*out = '\0';
	if ((p = json_ws(p, end)) == end || *p++ != '{')
		return EX_DATAERR;
	if ((p = json_ws(p, end)) < end && *p == '}')
		return 0;		/* {} */
	for (;;) {
		p = json_ws(p, end);
		if (p >= end || *p != '"' ||
		    (p = json_string(p, end, key)) == NULL ||
		    (p = json_ws(p, end)) >= end || *p++ != ':')
			return EX_DATAERR;
		v = p = json_ws(p, end);
		if ((p = json_skip(p, end)) == NULL)
			return EX_DATAERR;
		if (*v == '"')
			json_string(v, end, val);
		else
			field(v, p - v, val);
		if (strcmp(key, "case") == 0 && *out == '\0')
			strlcpy(out, *val != '\0' ? val : "x", ID_MAX);
		else if (strcmp(key, "id") == 0 && *id == '\0')
			strlcpy(id, *val != '\0' ? val : "x", ID_MAX);
		if ((p = json_ws(p, end)) >= end)
			return EX_DATAERR;
		if (*p == '}')
			break;
		if (*p++ != ',')
			return EX_DATAERR;
	}
	if (*out == '\0')
		strlcpy(out, id, ID_MAX);
	return 0;
}

/* The first field of a line; whether it is an id (then no header). */
static int
plain_id(const char *s, size_t n, char out[ID_MAX])
{
	int64_t	 id;
	size_t	 i;

	for (i = 0; i < n && s[i] != '\t' && s[i] != ','; i++)
		;
	field(s, i, out);
	return ids_parse(out, &id) == 0;
}

/*
 * Read the ids on fp, the way its first line says: an id, a header, or a
 * JSON object.  *got counts the ids found.
 */
static int
ids_read(struct ids *ids, FILE *fp, size_t *got, struct cerror *e)
{
	struct buf	 in = { NULL, 0, 0 };
	struct scan	 sc;
	const char	*s;
	char		 chunk[8192], f[ID_MAX];
	size_t		 n;
	int64_t		 id;
	long		 line;
	int		 mode = IN_PLAIN, col = 0, first = 1, rc = 0;

	/* All of it first, so a pipe's writer is never kept waiting. */
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(&in, chunk, n) != 0) {
			buf_free(&in);
			return cerror_set(e, EX_OSERR, "out of memory");
		}
	if (ferror(fp)) {
		buf_free(&in);
		return cerror_set(e, EX_IOERR, "cannot read standard input");
	}
	sc.p = in.s != NULL ? in.s : "";
	sc.end = sc.p + in.len;
	sc.line = 1;
	if (in.len >= 3 && memcmp(sc.p, "\xef\xbb\xbf", 3) == 0)
		sc.p += 3;	/* a byte order mark, as Excel writes */
	while (sc.p < sc.end) {
		line = sc.line;
		if (eol(*sc.p)) {
			skip_eol(&sc);	/* a blank line */
			continue;
		}
		if (mode == IN_CSV && !first) {
			if (csv_record(&sc, col, f) != 0) {
				rc = cerror_set(e, EX_DATAERR, "standard "
				    "input, line %ld: a quoted field is not "
				    "closed", line);
				break;
			}
		} else {
			next_line(&sc, &s, &n);
			field(s, n, f);
			if (*f == '\0')
				continue;	/* a blank line */
			if (first) {
				first = 0;
				if (s[strspn(s, " \t")] == '{')
					mode = IN_JSON;
				else if (!plain_id(s, n, f)) {
					mode = memchr(s, '\t', n) != NULL ?
					    IN_TAB : IN_CSV;
					if ((col = header_column(s, n,
					    mode)) == -1) {
						rc = cerror_set(e, EX_DATAERR,
						    "standard input, line %ld: "
						    "neither a case id nor a "
						    "header with a case or id "
						    "column", line);
						break;
					}
					continue;
				}
			}
			if (mode == IN_JSON) {
				if (json_line(s, n, f) != 0) {
					rc = cerror_set(e, EX_DATAERR,
					    "standard input, line %ld: not a "
					    "JSON object", line);
					break;
				}
			} else if (mode == IN_TAB)
				tab_field(s, n, col, f);
			else
				plain_id(s, n, f);
		}
		if (ids_parse(f, &id) != 0) {
			rc = cerror_set(e, EX_DATAERR, "standard input, line "
			    "%ld: not a case id", line);
			break;
		}
		if (ids_add(ids, id) != 0) {
			rc = cerror_set(e, EX_OSERR, "out of memory");
			break;
		}
		++*got;
	}
	buf_free(&in);
	return rc;
}

/* An id and where it first came, to drop the ids given again. */
struct seen {
	int64_t	 id;
	size_t	 at;
};

static int
seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Keep each id once, where it first came: sorted, so a long list is fast. */
static int
ids_dedupe(struct ids *ids)
{
	struct seen	*s;
	size_t		 i, n;
	char		*keep;

	if (ids->n < 2)
		return 0;
	if ((s = reallocarray(NULL, ids->n, sizeof(*s))) == NULL ||
	    (keep = calloc(ids->n, 1)) == NULL) {
		free(s);
		return EX_OSERR;
	}
	for (i = 0; i < ids->n; i++) {
		s[i].id = ids->v[i];
		s[i].at = i;
	}
	qsort(s, ids->n, sizeof(*s), seen_cmp);
	for (i = 0; i < ids->n; i++)
		if (i == 0 || s[i].id != s[i - 1].id)
			keep[s[i].at] = 1;
	for (i = n = 0; i < ids->n; i++)
		if (keep[i])
			ids->v[n++] = ids->v[i];
	ids->n = n;
	free(keep);
	free(s);
	return 0;
}

int
ids_collect(struct ids *ids, char **argv, int argc, FILE *fp,
    struct cerror *e)
{
	int64_t	 id;
	size_t	 got = 0;
	int	 i, rc, stdin_used = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (stdin_used++)
				continue;
			if ((rc = ids_read(ids, fp, &got, e)) != 0)
				return rc;
			if (got == 0)
				return cerror_set(e, 1, "no case ids on "
				    "standard input");
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
	if (ids_dedupe(ids) != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	return 0;
}

void
ids_free(struct ids *ids)
{
	free(ids->v);
	ids->v = NULL;
	ids->n = ids->cap = 0;
}
