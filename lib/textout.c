/*
 * textout.c: writing records.  Text: tab-separated, control characters in
 * untrusted text made visible with strvis(3).  CSV: RFC 4180 with a header
 * line, quoted by libcsv where a field needs it, or with OUT_CSV_SAFE
 * defused for spreadsheets.  JSON: one object a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <vis.h>

#include <csv.h>

#include "complaint.h"

void
textout_init(struct textout *t, FILE *fp, int fmt)
{
	memset(t, 0, sizeof(*t));
	t->fp = fp;
	t->safe = fmt == OUT_CSV_SAFE;
	t->fmt = t->safe ? OUT_CSV : fmt;
	t->header = t->fmt == OUT_CSV;
}

void
textout_free(struct textout *t)
{
	buf_free(&t->b);
}

/*
 * The length of a bidirectional control at p (U+061C, U+200E-200F,
 * U+202A-202E, U+2066-2069), or 0.  strvis(3) passes them as printable,
 * yet they reorder what a terminal shows: "txt.exe" can read "exe.txt".
 */
static int
bidi(const unsigned char *p, unsigned long *cp)
{
	if (p[0] == 0xd8 && p[1] == 0x9c) {
		*cp = 0x61c;
		return 2;
	}
	if (p[0] != 0xe2 || (p[1] != 0x80 && p[1] != 0x81) || p[2] == 0)
		return 0;
	*cp = 0x2000 | (unsigned long)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	if ((*cp >= 0x200e && *cp <= 0x200f) ||
	    (*cp >= 0x202a && *cp <= 0x202e) ||
	    (*cp >= 0x2066 && *cp <= 0x2069))
		return 3;
	return 0;
}

int
textout_vis(FILE *fp, const char *s)
{
	const unsigned char	*p;
	unsigned long		 cp;
	char			*v = NULL;
	int			 n, rc = 0;

	/* Most text is printable ASCII, which vis leaves as it is. */
	for (p = (const unsigned char *)s; *p >= 0x20 && *p < 0x7f &&
	    *p != '\\'; p++)
		;
	if (*p == '\0')
		return fputs(s, fp) == EOF ? EX_IOERR : 0;
	if (stravis(&v, s, VIS_CSTYLE | VIS_TAB | VIS_NL | VIS_OCTAL) == -1)
		return EX_OSERR;
	for (p = (const unsigned char *)v; *p != '\0'; p++) {
		if ((*p == 0xd8 || *p == 0xe2) && (n = bidi(p, &cp)) > 0) {
			if (fprintf(fp, "\\u%04lX", cp) < 0)
				rc = EX_IOERR;
			p += n - 1;
		} else if (putc(*p, fp) == EOF)
			rc = EX_IOERR;
	}
	free(v);
	return rc;
}

/* A CSV field: bare when it can be, else quoted by libcsv. */
static int
csv_field(FILE *fp, const char *s)
{
	if (s[strcspn(s, ",\"\r\n")] == '\0')
		return fputs(s, fp) == EOF ? -1 : 0;
	return csv_fwrite(fp, s, strlen(s));
}

/*
 * With --csv-safe, a text cell that a spreadsheet would take for a
 * formula (=, +, -, @, tab or CR first) gets an apostrophe before it.
 */
static int
csv_row(struct textout *t, const struct row *r, int names)
{
	for (int i = 0; i < r->n; i++) {
		const char *s = names ? r->name[i] : r->val[i];

		if (i > 0)
			putc(',', t->fp);
		if (s != NULL && t->safe && !names && r->type[i] == VAL_TEXT &&
		    *s != '\0' && strchr("=+-@\t\r", *s) != NULL) {
			buf_reset(&t->b);
			if (buf_puts(&t->b, "'") != 0 || buf_puts(&t->b, s) != 0)
				return EX_OSERR;
			s = t->b.s;
		}
		if (s != NULL && csv_field(t->fp, s) != 0)
			return EX_IOERR;
	}
	/* RFC 4180 ends records with CRLF; Unix pipes want LF. */
	putc('\n', t->fp);
	return 0;
}

static int
json_row(struct textout *t, const struct row *r)
{
	int	 rc = 0;

	buf_reset(&t->b);
	rc |= buf_add(&t->b, "{", 1);
	for (int i = 0; i < r->n; i++) {
		if (i > 0)
			rc |= buf_add(&t->b, ",", 1);
		rc |= text_json(&t->b, r->name[i]);
		rc |= buf_add(&t->b, ":", 1);
		if (r->val[i] == NULL || r->type[i] == VAL_NULL)
			rc |= buf_puts(&t->b, "null");
		else if (r->type[i] == VAL_INT)
			rc |= buf_puts(&t->b, r->val[i]);
		else
			rc |= text_json(&t->b, r->val[i]);
	}
	rc |= buf_add(&t->b, "}\n", 2);
	if (rc != 0)
		return EX_OSERR;
	return fwrite(t->b.s, 1, t->b.len, t->fp) == t->b.len ? 0 : EX_IOERR;
}

int
textout_row(struct textout *t, const struct row *r)
{
	int	 rc;

	switch (t->fmt) {
	case OUT_CSV:
		if (t->header) {
			t->header = 0;
			if ((rc = csv_row(t, r, 1)) != 0)
				return rc;
		}
		rc = csv_row(t, r, 0);
		break;
	case OUT_JSON:
		rc = json_row(t, r);
		break;
	default:
		rc = 0;
		for (int i = 0; i < r->n && rc == 0; i++) {
			if (i > 0)
				putc('\t', t->fp);
			if (r->val[i] == NULL)
				continue;
			if (r->type[i] == VAL_TEXT)
				rc = textout_vis(t->fp, r->val[i]);
			else
				fputs(r->val[i], t->fp);
		}
		putc('\n', t->fp);
	}
	if (rc == 0 && ferror(t->fp))
		rc = EX_IOERR;
	return rc;
}

int
textout_rowfn(void *arg, const struct row *r)
{
	return textout_row(arg, r);
}

int
textout_close(FILE *fp, struct cerror *e)
{
	if (fflush(fp) == EOF || ferror(fp))
		return cerror_set(e, EX_IOERR, "cannot write standard output");
	return 0;
}
