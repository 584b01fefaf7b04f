/*
 * textout.c: writing records.  Text: tab-separated, control and hidden
 * characters in untrusted text escaped, whatever the locale.  CSV: RFC 4180 with a header
 * line, quoted by libcsv where a field needs it, or with OUT_CSV_SAFE
 * defused for spreadsheets.  JSON: one object a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

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
 * Characters that show nothing yet change what a reader sees: format
 * characters (zero-width space, soft hyphen, BOM, the bidirectional
 * controls that make "txt.exe" read "exe.txt"), line and paragraph
 * separators, and tag characters.  U+200C and U+200D stay: Persian,
 * Indic scripts and emoji sequences need them.
 */
static const struct { unsigned long lo, hi; } hidden[] = {
	{ 0x00ad, 0x00ad }, { 0x061c, 0x061c }, { 0x180e, 0x180e },
	{ 0x200b, 0x200b }, { 0x200e, 0x200f }, { 0x2028, 0x202e },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206f }, { 0xfeff, 0xfeff },
	{ 0xfff9, 0xfffb }, { 0x1d173, 0x1d17a }, { 0xe0000, 0xe007f },
};

/*
 * The next character of *sp as it is shown: itself when printable, else
 * an escape as vis(3) writes it in C style (\n, \t, \\, \033 for a
 * control or a byte that is not UTF-8) or \u200B for a hidden character.
 * Advance *sp.
 */
static void
vis_next(const char **sp, char out[16])
{
	static const char	 cstyle[] = "\aa\bb\tt\nn\vv\ff\rr\\\\";
	const unsigned char	*p = (const unsigned char *)*sp;
	const char		*c;
	int32_t			 cp;
	int			 n;

	if (*p >= 0x20 && *p < 0x7f && *p != '\\') {
		out[0] = (char)*p;
		out[1] = '\0';
		*sp += 1;
		return;
	}
	/* text.c decodes without the locale: cron runs us in C. */
	if ((n = text_char(*sp, strnlen(*sp, 4), &cp)) == 0 || cp < 0x20 ||
	    cp == 0x7f || cp == '\\' || (cp >= 0x80 && cp < 0xa0)) {
		/* A control or a stray byte: C style or octal, per byte. */
		for (c = cstyle; *c != '\0' && (unsigned char)c[0] != *p;
		    c += 2)
			;
		if (*c != '\0')
			snprintf(out, 16, "\\%c", c[1]);
		else if (n == 0 || n == 1)
			snprintf(out, 16, "\\%03o", *p);
		else
			snprintf(out, 16, "\\%03o\\%03o", p[0], p[1]);
		*sp += n > 1 ? n : 1;
		return;
	}
	*sp += n;
	for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
		if ((unsigned long)cp >= hidden[i].lo &&
		    (unsigned long)cp <= hidden[i].hi) {
			snprintf(out, 16, "\\u%04X", (unsigned int)cp);
			return;
		}
	memcpy(out, p, (size_t)n);
	out[n] = '\0';
}

int
textout_vis(FILE *fp, const char *s)
{
	const char	*p;
	char		 c[16];

	/* Most text is printable ASCII, shown as it is. */
	for (p = s; *p >= 0x20 && *p < 0x7f && *p != '\\'; p++)
		;
	if (*p == '\0')
		return fputs(s, fp) == EOF ? EX_IOERR : 0;
	if (fwrite(s, 1, (size_t)(p - s), fp) != (size_t)(p - s))
		return EX_IOERR;
	while (*p != '\0') {
		vis_next(&p, c);
		if (fputs(c, fp) == EOF)
			return EX_IOERR;
	}
	return 0;
}

const char *
text_vis(char *dst, size_t size, const char *src)
{
	size_t	 len = 0, n;
	char	 c[16];

	if (size == 0)
		return dst;
	*dst = '\0';
	/* Whole escapes only: a cut one would misread as another. */
	while (*src != '\0') {
		vis_next(&src, c);
		if ((n = strlen(c)) >= size - len)
			break;
		memcpy(dst + len, c, n + 1);
		len += n;
	}
	return dst;
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

/*
 * The one JSON writer of records, list lines and dossier alike.  A field
 * without a value is left out, not written as null: a reader gets null
 * for a missing key anyway, and a dossier stays free of empty fields.
 */
int
textout_json(struct buf *b, const struct row *r, int *n)
{
	int	 rc = 0;

	for (int i = 0; i < r->n; i++) {
		if (r->val[i] == NULL || r->type[i] == VAL_NULL)
			continue;
		if ((*n)++ > 0)
			rc |= buf_add(b, ",", 1);
		rc |= text_json(b, r->name[i]);
		rc |= buf_add(b, ":", 1);
		if (r->type[i] == VAL_INT)
			rc |= buf_puts(b, r->val[i]);
		else
			rc |= text_json(b, r->val[i]);
	}
	return rc != 0 ? EX_OSERR : 0;
}

static int
json_row(struct textout *t, const struct row *r)
{
	int	 rc = 0, n = 0;

	buf_reset(&t->b);
	rc |= buf_add(&t->b, "{", 1);
	rc |= textout_json(&t->b, r, &n);
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
