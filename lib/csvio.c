/*
 * csvio.c: complaints in CSV, read through libcsv as a stream.  Input is
 * fed to the parser a piece at a time, each piece ending at a newline or
 * at the size of the buffer, so memory stays bounded by the longest field
 * and a record's first physical line is known: the line after the end of
 * the record before it.
 *
 * Columns map to the fields of a case by header name, compared without
 * regard to case, with spaces, '_' and '-' alike.  A map renames foreign
 * headers: "NAME=COLUMN,..." inline, a file of NAME=COLUMN lines, or a
 * built-in map such as "cfpb".
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include <csv.h>
#include <sha2.h>

#include "complaint.h"

#define MAXCOLS		CSVIN_COLS
#define PIECE		65536
#define FIELD_MAX	(1024 * 1024)	/* the longest field (a description) */
#define LIBCSV_IN_FIELD	2		/* libcsv's pstate inside a field */

/* The fields of a case a column can fill; F_EXTRA keeps it as a field. */
enum {
	F_NAME, F_EMAIL, F_PHONE, F_CHANNEL, F_PRODUCT, F_ORDER, F_AMOUNT,
	F_SEVERITY, F_EMPLOYEE, F_TAGS, F_RECEIVED, F_REF, F_SUMMARY,
	F_DESCRIPTION, F_LANG, F_SUBPRODUCT, F_TAG, F_EXTRA, F_IGNORE, NFIELD
};

static const char *const field_names[] = {
	"name", "email", "phone", "channel", "product", "order", "amount",
	"severity", "employee", "tags", "received", "ref", "summary",
	"description", "lang", "subproduct", "tag", "field", "ignore",
};

/*
 * The US CFPB Consumer Complaint Database export, as published: the
 * product is "Product / Sub-product", the sub-issue a tag, the Tags column
 * more tags, and the columns with no field of their own are kept as
 * fields of the case under their own names.
 */
static const struct {
	const char	*column;
	int		 field;
} cfpb[] = {
	{ "Complaint ID", F_REF },
	{ "Date received", F_RECEIVED },
	{ "Product", F_PRODUCT },
	{ "Sub-product", F_SUBPRODUCT },
	{ "Issue", F_SUMMARY },
	{ "Sub-issue", F_TAG },
	{ "Consumer complaint narrative", F_DESCRIPTION },
	{ "Submitted via", F_CHANNEL },
	{ "Tags", F_TAGS },
	{ "Company", F_EXTRA },
	{ "State", F_EXTRA },
	{ "ZIP code", F_EXTRA },
	{ "Company public response", F_EXTRA },
	{ "Consumer consent provided?", F_EXTRA },
	{ "Date sent to company", F_EXTRA },
	{ "Company response to consumer", F_EXTRA },
	{ "Timely response?", F_EXTRA },
	{ "Consumer disputed?", F_EXTRA },
};

struct csvin {
	FILE			*fp;
	struct csv_parser	 p;
	int			 opts;		/* libcsv's */
	int			 started;	/* a BOM was looked for */
	int			 cfpb;
	/* the record being read */
	char			*f[MAXCOLS];
	size_t			 flen[MAXCOLS];
	int			 nf;
	int			 extra_fields;	/* more than MAXCOLS */
	int			 cut;		/* a field is past FIELD_MAX */
	int			 toolong;	/* 1 + the column that was */
	int			 done;		/* a whole record is in */
	long			 line;		/* physical lines read */
	long			 start;		/* first line of the record */
	long			 next;		/* first line of the next */
	/* the header */
	char			*head[MAXCOLS];
	int			 map[MAXCOLS];
	int			 ncols;
	/* the case built from the record */
	struct buf		 product, tags[MAXCOLS];
	const char		*tagv[MAXCOLS];
	char			*mapsrc;	/* --map, as given */
	char			 piece[PIECE];
};

/* "Date_received", "date received" and "Date-Received" are alike. */
static void
norm(const char *s, char *out, size_t size)
{
	size_t	 n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if (*s != ' ' && *s != '_' && *s != '-')
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

static int
alike(const char *a, const char *b)
{
	char	 x[256], y[256];

	norm(a, x, sizeof(x));
	norm(b, y, sizeof(y));
	return strcmp(x, y) == 0;
}

static int
field_index(const char *name)
{
	for (int i = 0; i < NFIELD; i++)
		if (alike(name, field_names[i]))
			return i;
	return alike(name, "language") ? F_LANG : -1;
}

static void
cb_field(void *s, size_t len, void *arg)
{
	struct csvin	*c = arg;

	if (c->nf >= MAXCOLS) {
		c->extra_fields = 1;
		c->nf++;
		return;
	}
	free(c->f[c->nf]);
	c->f[c->nf] = NULL;
	if (c->cut) {
		c->cut = 0;
		if (c->toolong == 0)
			c->toolong = c->nf + 1;
		s = NULL;
	}
	/* An empty field unquoted is NULL; quoted, "". */
	if (s != NULL && (c->f[c->nf] = malloc(len + 1)) != NULL) {
		memcpy(c->f[c->nf], s, len);
		c->f[c->nf][len] = '\0';
	}
	c->flen[c->nf] = len;
	c->nf++;
}

static void
cb_record(int end, void *arg)
{
	struct csvin	*c = arg;

	/* It ends in the piece being parsed, of line c->line + 1. */
	(void)end;
	c->done = 1;
	c->start = c->next;
	c->next = c->line + 2;
}

/*
 * The next piece of input: up to and including a line end (LF, CR or the
 * CR of CRLF), or as much as the buffer holds.  A record ends only at a
 * line end, so no piece holds the ends of two.  *eol is set when the piece
 * ends a physical line.
 */
static size_t
next_piece(struct csvin *c, int *eol)
{
	size_t	 n = 0;
	int	 ch;

	*eol = 0;
	/* A BOM before the first line, as spreadsheets write it. */
	if (!c->started) {
		c->started = 1;
		if ((ch = getc(c->fp)) != 0xef)
			;
		else if ((ch = getc(c->fp)) != 0xbb)
			c->piece[n++] = (char)0xef;
		else if ((ch = getc(c->fp)) != 0xbf) {
			c->piece[n++] = (char)0xef;
			c->piece[n++] = (char)0xbb;
		} else
			ch = getc(c->fp);
		if (ch != EOF)
			ungetc(ch, c->fp);
	}
	while (n < sizeof(c->piece) && (ch = getc(c->fp)) != EOF) {
		c->piece[n++] = (char)ch;
		if (ch == '\n') {
			*eol = 1;
			break;
		}
		if (ch == '\r') {
			/* CRLF ends one line, at its LF; a lone CR ends one. */
			if ((ch = getc(c->fp)) != '\n')
				*eol = 1;
			if (ch != EOF)
				ungetc(ch, c->fp);
			break;
		}
	}
	return n;
}

/*
 * Feed pieces until a record is complete; 1 at the end of input.  A
 * record that libcsv refuses (with --strict, a quote in the wrong place)
 * is reported by its first line; the parser then restarts at the next
 * line.  Input that ends inside a quoted field is a bad record, not a
 * record cut short: libcsv would hand over what it holds.
 */
static int
read_record(struct csvin *c, struct cerror *e)
{
	size_t	 n;
	int	 eol, err;

	c->nf = 0;
	c->extra_fields = 0;
	c->toolong = 0;
	c->done = 0;
	while (!c->done) {
		if ((n = next_piece(c, &eol)) == 0) {
			if (ferror(c->fp))
				return cerror_set(e, EX_IOERR, "cannot read "
				    "standard input");
			if (c->p.quoted && c->p.pstate == LIBCSV_IN_FIELD) {
				csv_free(&c->p);
				csv_init(&c->p, c->opts);
				return cerror_set(e, EX_DATAERR, "line %ld: the "
				    "input ends inside the quoted field of "
				    "column %d; close its quote", c->next,
				    c->nf + 1);
			}
			if (csv_fini(&c->p, cb_field, cb_record, c) != 0)
				return cerror_set(e, EX_DATAERR, "line %ld: %s",
				    c->next, csv_strerror(csv_error(&c->p)));
			return c->done ? 0 : 1;
		}
		if (csv_parse(&c->p, c->piece, n, cb_field, cb_record, c) !=
		    n) {
			long	 at = c->next;
			int	 col = c->nf + 1;

			err = csv_error(&c->p);
			csv_free(&c->p);
			csv_init(&c->p, c->opts);
			if (eol)
				c->line++;
			c->next = c->line + 1;
			if (err == CSV_EPARSE)
				return cerror_set(e, EX_DATAERR, "line %ld: a "
				    "stray quote in column %d (inside an "
				    "unquoted field or after a closing "
				    "quote); quote the field and double its "
				    "quotes, or leave out --strict", at, col);
			return cerror_set(e, err == CSV_ENOMEM ? EX_OSERR :
			    EX_DATAERR, "line %ld: %s", at, csv_strerror(err));
		}
		if (eol)
			c->line++;
		/*
		 * A field past the limit is cut off inside libcsv's buffer
		 * (entry_pos is the length so far, in its public struct), so
		 * memory stays bounded however long the field runs on.
		 */
		if (c->p.entry_pos > FIELD_MAX) {
			c->p.entry_pos = 0;
			c->cut = 1;
		}
	}
	return 0;
}

/* Apply one NAME=COLUMN pair of a map. */
static int
map_pair(struct csvin *c, char *pair, struct cerror *e)
{
	char	*eq = strchr(pair, '='), vis[80];
	int	 f, hit = 0;

	if (eq == NULL)
		return cerror_set(e, EX_USAGE, "--map: %s is not NAME=COLUMN",
		    text_vis(vis, sizeof(vis), pair));
	*eq = '\0';
	if ((f = field_index(pair)) < 0)
		return cerror_set(e, EX_USAGE, "--map: no field %s; give name, "
		    "email, phone, channel, product, order, amount, severity, "
		    "employee, tags, tag, received, ref, summary, description, "
		    "field or ignore", text_vis(vis, sizeof(vis), pair));
	for (int i = 0; i < c->ncols; i++)
		if (alike(c->head[i], eq + 1)) {
			c->map[i] = f;
			hit = 1;
		}
	if (!hit)
		return cerror_set(e, EX_USAGE, "--map: no column %s in the "
		    "header", text_vis(vis, sizeof(vis), eq + 1));
	return 0;
}

/* Apply a map: "cfpb", "NAME=COLUMN,...", or a file of NAME=COLUMN lines. */
static int
apply_map(struct csvin *c, const char *map, struct cerror *e)
{
	char	*copy, *p, *tok, *save = NULL, line[1024], vis[80];
	FILE	*fp;
	int	 rc = 0;

	if (strcmp(map, "cfpb") == 0) {
		c->cfpb = 1;
		for (int i = 0; i < c->ncols; i++)
			for (size_t k = 0; k < sizeof(cfpb) / sizeof(cfpb[0]);
			    k++)
				if (strcmp(c->head[i], cfpb[k].column) == 0)
					c->map[i] = cfpb[k].field;
		return 0;
	}
	if (strchr(map, '=') != NULL) {
		if ((copy = strdup(map)) == NULL)
			return cerror_set(e, EX_OSERR, "out of memory");
		for (p = copy; rc == 0 && (tok = strtok_r(p, ",", &save)) !=
		    NULL; p = NULL)
			rc = map_pair(c, tok, e);
		free(copy);
		return rc;
	}
	if ((fp = fopen(map, "r")) == NULL)
		return cerror_set(e, EX_NOINPUT, "--map: no built-in map or "
		    "file %s", text_vis(vis, sizeof(vis), map));
	while (rc == 0 && fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		rc = map_pair(c, line, e);
	}
	fclose(fp);
	return rc;
}

int
csvin_open(struct csvin **cp, FILE *fp, long skip, const char *map,
    int flags, struct cerror *e)
{
	struct csvin	*c;
	struct buf	 unknown = { NULL, 0, 0 };
	char		 vis[200];
	int		 rc, summary = 0;

	*cp = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	c->fp = fp;
	c->next = 1;
	/* Without --strict, a stray quote is a character, as most read it. */
	c->opts = CSV_APPEND_NULL | CSV_EMPTY_IS_NULL;
	if (flags & CSVIN_STRICT)
		c->opts |= CSV_STRICT;
	if (csv_init(&c->p, c->opts) != 0) {
		free(c);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	/* Junk lines before the header, as an unzip message. */
	for (long i = 0; i < skip; i++) {
		int eol = 0;
		while (!eol && next_piece(c, &eol) > 0)
			;
		c->line++;
		c->next++;
	}
	if ((rc = read_record(c, e)) != 0) {
		if (rc == 1)
			rc = cerror_set(e, EX_DATAERR, "no header line: the "
			    "input is empty");
		goto fail;
	}
	if (c->extra_fields) {
		rc = cerror_set(e, EX_DATAERR, "the header has more than %d "
		    "columns", MAXCOLS);
		goto fail;
	}
	c->ncols = c->nf;
	for (int i = 0; i < c->ncols; i++) {
		c->head[i] = c->f[i] != NULL ? c->f[i] : strdup("");
		c->f[i] = NULL;
		if (c->head[i] == NULL) {
			rc = cerror_set(e, EX_OSERR, "out of memory");
			goto fail;
		}
		for (int j = 0; j < i; j++)
			if (alike(c->head[i], c->head[j])) {
				rc = cerror_set(e, EX_DATAERR, "column %s "
				    "appears twice in the header",
				    text_vis(vis, sizeof(vis), c->head[i]));
				goto fail;
			}
		c->map[i] = field_index(c->head[i]);
		if (c->map[i] == F_SUBPRODUCT || c->map[i] == F_EXTRA ||
		    c->map[i] == F_IGNORE || c->map[i] == F_TAG)
			c->map[i] = -1;
	}
	if (map != NULL && (rc = apply_map(c, map, e)) != 0)
		goto fail;
	for (int i = 0; i < c->ncols; i++) {
		if (c->map[i] == F_SUMMARY)
			summary = 1;
		if (c->map[i] >= 0)
			continue;
		if (flags & CSVIN_IGNORE_UNKNOWN) {
			c->map[i] = F_IGNORE;
			continue;
		}
		if (unknown.len > 0)
			buf_puts(&unknown, ", ");
		buf_puts(&unknown, text_vis(vis, sizeof(vis), c->head[i]));
	}
	if (unknown.len > 0) {
		rc = cerror_set(e, EX_USAGE, "unknown column%s: %s; map them "
		    "with --map NAME=COLUMN or give --ignore-unknown",
		    strchr(unknown.s, ',') ? "s" : "", unknown.s);
		goto fail;
	}
	if (!summary) {
		rc = cerror_set(e, EX_USAGE, "no summary column: map one with "
		    "--map summary=COLUMN");
		goto fail;
	}
	buf_free(&unknown);
	*cp = c;
	return 0;
fail:
	buf_free(&unknown);
	csvin_close(c);
	return rc;
}

/* Add tag t (commas become ';': a tag holds none); skip N/A and empty. */
static int
add_tag(struct csvin *c, struct newcase *nc, const char *t, size_t n)
{
	struct buf	*b;

	while (n > 0 && *t == ' ')
		t++, n--;
	while (n > 0 && t[n - 1] == ' ')
		n--;
	if (n == 0 || (n == 3 && strncmp(t, "N/A", 3) == 0) ||
	    nc->ntags >= MAXCOLS)
		return 0;
	b = &c->tags[nc->ntags];
	buf_reset(b);
	if (buf_add(b, t, n) != 0)
		return EX_OSERR;
	for (char *p = b->s; *p != '\0'; p++)
		if (*p == ',')
			*p = ';';
	c->tagv[nc->ntags++] = b->s;
	return 0;
}

int
csvin_next(struct csvin *c, struct newcase *nc, struct csvextra *x,
    long *line, struct cerror *e)
{
	const char	**slot[NFIELD];
	int		 rc;

	memset(nc, 0, sizeof(*nc));
	x->n = 0;
	if ((rc = read_record(c, e)) != 0) {
		*line = c->start;
		return rc;
	}
	*line = c->start;
	if (c->toolong > 0)
		return cerror_set(e, EX_DATAERR, "line %ld: column %s is "
		    "longer than %d bytes", c->start, c->toolong <= c->ncols ?
		    c->head[c->toolong - 1] : "past the header", FIELD_MAX);
	if (c->nf != c->ncols)
		return cerror_set(e, EX_DATAERR, "line %ld: %d fields, the "
		    "header has %d", c->start, c->nf, c->ncols);
	for (int i = 0; i < c->nf; i++)
		if (c->f[i] != NULL && strlen(c->f[i]) != c->flen[i])
			return cerror_set(e, EX_DATAERR, "line %ld: column %s "
			    "holds a NUL byte", c->start, c->head[i]);
	memset(slot, 0, sizeof(slot));
	slot[F_NAME] = &nc->name;
	slot[F_EMAIL] = &nc->email;
	slot[F_PHONE] = &nc->phone;
	slot[F_CHANNEL] = &nc->channel;
	slot[F_PRODUCT] = &nc->product;
	slot[F_ORDER] = &nc->order;
	slot[F_AMOUNT] = &nc->amount;
	slot[F_SEVERITY] = &nc->severity;
	slot[F_EMPLOYEE] = &nc->employee;
	slot[F_RECEIVED] = &nc->received;
	slot[F_REF] = &nc->ref;
	slot[F_SUMMARY] = &nc->summary;
	slot[F_DESCRIPTION] = &nc->description;
	slot[F_LANG] = &nc->lang;
	nc->tags = c->tagv;
	buf_reset(&c->product);
	for (int i = 0; i < c->nf; i++) {
		const char *v = c->f[i];
		int f = c->map[i];

		if (v == NULL || *v == '\0')
			continue;
		if (c->cfpb && strcmp(v, "N/A") == 0 && f != F_EXTRA)
			continue;
		switch (f) {
		case F_TAGS:
			for (const char *p = v; *p != '\0'; ) {
				size_t n = strcspn(p, ",");
				if (add_tag(c, nc, p, n) != 0)
					return cerror_set(e, EX_OSERR,
					    "out of memory");
				p += n + (p[n] == ',');
			}
			break;
		case F_TAG:
			if (add_tag(c, nc, v, strlen(v)) != 0)
				return cerror_set(e, EX_OSERR, "out of memory");
			break;
		case F_SUBPRODUCT:
			break;
		case F_EXTRA:
			x->name[x->n] = c->head[i];
			x->value[x->n++] = v;
			break;
		case F_IGNORE:
			break;
		default:
			if (f >= 0 && slot[f] != NULL)
				*slot[f] = v;
		}
	}
	/* "Product / Sub-product" when there is a sub-product. */
	for (int i = 0; i < c->nf; i++)
		if (c->map[i] == F_SUBPRODUCT && c->f[i] != NULL &&
		    *c->f[i] != '\0' && nc->product != NULL) {
			if (buf_puts(&c->product, nc->product) != 0 ||
			    buf_puts(&c->product, " / ") != 0 ||
			    buf_puts(&c->product, c->f[i]) != 0)
				return cerror_set(e, EX_OSERR,
				    "out of memory");
			nc->product = c->product.s;
		}
	return 0;
}

void
csvin_close(struct csvin *c)
{
	if (c == NULL)
		return;
	csv_free(&c->p);
	for (int i = 0; i < MAXCOLS; i++) {
		free(c->f[i]);
		free(c->head[i]);
		buf_free(&c->tags[i]);
	}
	buf_free(&c->product);
	free(c);
}

/*
 * Records of any table, for the full export and its import: a field that
 * is empty and not in quotes is NULL, so NULL and "" stay apart.
 */
struct csveach {
	csvio_fn	*fn;
	void		*arg;
	struct cerror	*e;
	char		**f;
	size_t		 nf, maxf;
	int		 rc;		/* fn's, or out of memory */
};

static void
each_field(void *s, size_t len, void *arg)
{
	struct csveach	*c = arg;
	char		**f;

	if (c->rc != 0)
		return;
	if (c->nf == c->maxf) {
		size_t n = c->maxf ? c->maxf * 2 : 32;

		if ((f = reallocarray(c->f, n, sizeof(*f))) == NULL) {
			c->rc = cerror_set(c->e, EX_OSERR, "out of memory");
			return;
		}
		c->f = f;
		c->maxf = n;
	}
	c->f[c->nf] = NULL;
	if (s != NULL && (c->f[c->nf] = strndup(s, len)) == NULL) {
		c->rc = cerror_set(c->e, EX_OSERR, "out of memory");
		return;
	}
	c->nf++;
}

static void
each_record(int end, void *arg)
{
	struct csveach	*c = arg;

	(void)end;
	if (c->rc == 0)
		c->rc = c->fn(c->arg, c->f, c->nf, c->e);
	for (size_t i = 0; i < c->nf; i++)
		free(c->f[i]);
	c->nf = 0;
}

int
csvio_each(FILE *fp, csvio_fn *fn, void *arg, char sha[65],
    struct cerror *e)
{
	struct csveach	 c = { fn, arg, e, NULL, 0, 0, 0 };
	struct csv_parser p;
	SHA2_CTX	 ctx;
	char		 piece[PIECE];
	size_t		 n;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) !=
	    0)
		return cerror_set(e, EX_OSERR, "out of memory");
	SHA256Init(&ctx);
	/* Hash to the end, even past a fault: the caller may ask why. */
	while ((n = fread(piece, 1, sizeof(piece), fp)) > 0) {
		SHA256Update(&ctx, (const void *)piece, n);
		if (c.rc == 0 && csv_parse(&p, piece, n, each_field,
		    each_record, &c) != n && c.rc == 0)
			c.rc = cerror_set(e, EX_DATAERR, "%s",
			    csv_strerror(csv_error(&p)));
	}
	if (c.rc == 0 && ferror(fp))
		c.rc = cerror_set(e, EX_IOERR, "%s", strerror(errno));
	if (c.rc == 0 && csv_fini(&p, each_field, each_record, &c) != 0)
		c.rc = cerror_set(e, EX_DATAERR, "%s",
		    csv_strerror(csv_error(&p)));
	csv_free(&p);
	for (size_t i = 0; i < c.nf; i++)
		free(c.f[i]);
	free(c.f);
	SHA256End(&ctx, sha);
	return c.rc;
}

int
csvio_put(struct buf *b, int first, int type, const char *s, size_t len)
{
	size_t	 need;
	char	*q;
	int	 rc = 0;

	if (!first)
		rc |= buf_add(b, ",", 1);
	if (type == VAL_NULL)
		return rc;
	if (type == VAL_INT)
		return rc | buf_add(b, s, len);
	/* Text always in quotes, so an empty text is not read as NULL. */
	need = csv_write(NULL, 0, s, len);
	if ((q = malloc(need)) == NULL)
		return EX_OSERR;
	csv_write(q, need, s, len);
	rc |= buf_add(b, q, need);
	free(q);
	return rc;
}
