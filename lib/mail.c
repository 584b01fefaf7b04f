/*
 * mail.c: an RFC 5322 message taken apart for intake.  The message is a
 * byte range, not a string; every part is a range inside it, so nothing
 * is copied until a text is decoded.  Headers are unfolded and their
 * encoded words (RFC 2047) decoded; MIME parts are walked to a depth of
 * MAXDEPTH; text is decoded (quoted-printable, base64) and converted to
 * UTF-8 with iconv(3).  The first text/plain part is the body, else the
 * first text/html with its tags stripped; other leaves are attachments,
 * kept only as name, type, size and SHA-256.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "complaint.h"

#define MAXDEPTH	16
#define MAXHDR		(64 * 1024)	/* an unfolded header */

struct hdrs {
	char	*from, *subject, *date, *msgid, *lang;
	char	*type, *cte, *disp;
	char	*irt, *refs;
};

struct walk {
	struct mail	*m;
	struct buf	 html;		/* the first text/html, until a plain */
	int		 have_html;
	struct cerror	*e;
};

static void
hdrs_free(struct hdrs *h)
{
	free(h->from);
	free(h->subject);
	free(h->date);
	free(h->msgid);
	free(h->lang);
	free(h->type);
	free(h->cte);
	free(h->disp);
	free(h->irt);
	free(h->refs);
	memset(h, 0, sizeof(*h));
}

/* The end of the line at p: the LF, or end. */
static const char *
eol(const char *p, const char *end)
{
	const char	*q = memchr(p, '\n', (size_t)(end - p));

	return q != NULL ? q : end;
}

/* Keep an unfolded header value when its name is one we read. */
static int
keep(struct hdrs *h, const char *name, size_t n, const char *v, size_t vn)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} want[] = {
		{ "from", offsetof(struct hdrs, from) },
		{ "subject", offsetof(struct hdrs, subject) },
		{ "date", offsetof(struct hdrs, date) },
		{ "message-id", offsetof(struct hdrs, msgid) },
		{ "content-language", offsetof(struct hdrs, lang) },
		{ "content-type", offsetof(struct hdrs, type) },
		{ "content-transfer-encoding", offsetof(struct hdrs, cte) },
		{ "content-disposition", offsetof(struct hdrs, disp) },
		{ "in-reply-to", offsetof(struct hdrs, irt) },
		{ "references", offsetof(struct hdrs, refs) },
	};
	char	**slot, *s, *q;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (strlen(want[i].name) != n ||
		    strncasecmp(want[i].name, name, n) != 0)
			continue;
		slot = (char **)(void *)((char *)h + want[i].off);
		if (*slot != NULL)
			return 0;	/* the first of a repeated header */
		if ((s = malloc(vn + 1)) == NULL)
			return -1;
		/* Unfold: line ends go, the white space after them stays. */
		q = s;
		while (vn > 0 && (*v == ' ' || *v == '\t'))
			v++, vn--;
		for (size_t j = 0; j < vn; j++)
			if (v[j] != '\r' && v[j] != '\n')
				*q++ = v[j];
		*q = '\0';
		*slot = s;
		return 0;
	}
	return 0;
}

/*
 * Read the headers at *pp up to the empty line; *pp is left at the body.
 * strict: a line that is not a header is an error, else it ends them.
 */
static int
headers(const char **pp, const char *end, struct hdrs *h, int strict,
    struct cerror *e)
{
	const char	*p = *pp, *line, *colon, *v;
	int		 n;

	while (p < end) {
		line = p;
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
			p = eol(p, end) + 1;
			break;
		}
		for (colon = p; colon < end && *colon > ' ' && *colon < 0x7f &&
		    *colon != ':'; colon++)
			;
		if (colon == p || colon == end || *colon != ':') {
			if (!strict)
				break;
			n = 1;
			for (const char *q = *pp; q < line; q++)
				n += *q == '\n';
			return cerror_set(e, EX_DATAERR, "line %d of the "
			    "message is not a header (NAME: value)", n);
		}
		/* The value runs on over lines that start with white space. */
		v = colon + 1;
		p = eol(p, end);
		while (p < end && p + 1 < end && (p[1] == ' ' || p[1] == '\t'))
			p = eol(p + 1, end);
		if (p - v > MAXHDR)
			return cerror_set(e, EX_DATAERR, "header %.*s is longer "
			    "than %d bytes", (int)(colon - line < 40 ?
			    colon - line : 40), line, MAXHDR);
		if (keep(h, line, (size_t)(colon - line), v,
		    (size_t)(p - v)) != 0)
			return cerror_set(e, EX_OSERR, "out of memory");
		if (p < end)
			p++;
	}
	*pp = p < end ? p : end;
	return 0;
}

static int	convert1(struct buf *, const char *, size_t, const char *,
		    struct cerror *);

/*
 * Make each NUL byte of b from off on U+FFFD: a NUL would end the text
 * there, and the rest would be lost without a word.
 */
static int
unnul(struct buf *b, size_t off)
{
	struct buf	 t = { NULL, 0, 0 };
	const char	*p, *end, *z;

	if (b->s == NULL || memchr(b->s + off, '\0', b->len - off) == NULL)
		return 0;
	if (buf_add(&t, b->s, off) != 0)
		return -1;
	for (p = b->s + off, end = b->s + b->len; p < end; p = z + 1) {
		if ((z = memchr(p, '\0', (size_t)(end - p))) == NULL)
			z = end;
		if (buf_add(&t, p, (size_t)(z - p)) != 0 || (z < end &&
		    buf_add(&t, "\xef\xbf\xbd", 3) != 0)) {
			buf_free(&t);
			return -1;
		}
	}
	buf_free(b);
	*b = t;
	return 0;
}

/*
 * Convert n bytes in charset cs to UTF-8, appended to b; a NUL byte, in
 * the input or made by the conversion, becomes U+FFFD.
 */
static int
convert(struct buf *b, const char *s, size_t n, const char *cs,
    struct cerror *e)
{
	struct buf	 raw = { NULL, 0, 0 };
	size_t		 mark = b->len;
	int		 rc;

	/* UTF-8 with a NUL is UTF-8 still; other charsets convert it. */
	if (memchr(s, '\0', n) != NULL && (*cs == '\0' ||
	    strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0)) {
		if (buf_add(&raw, s, n) != 0 || unnul(&raw, 0) != 0) {
			buf_free(&raw);
			return cerror_set(e, EX_OSERR, "out of memory");
		}
		if (text_utf8ok(raw.s, raw.len)) {
			s = raw.s;
			n = raw.len;
		}
	}
	rc = convert1(b, s, n, cs, e);
	buf_free(&raw);
	if (rc == 0 && unnul(b, mark) != 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	return rc;
}

/* Convert n bytes in charset cs to UTF-8, appended to b. */
static int
convert1(struct buf *b, const char *s, size_t n, const char *cs,
    struct cerror *e)
{
	iconv_t		 cd;
	char		 out[4096], *in, *o;
	size_t		 left, room, mark = b->len;
	char		 vis[48];
	int		 implied = 0, bad;

	if (*cs == '\0' || strcasecmp(cs, "us-ascii") == 0 ||
	    strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
	    strcasecmp(cs, "ascii") == 0) {
		if (text_utf8ok(s, n))
			return buf_add(b, s, n) != 0 ? cerror_set(e, EX_OSERR,
			    "out of memory") : 0;
		if (*cs != '\0' && strcasecmp(cs, "us-ascii") != 0 &&
		    strcasecmp(cs, "ascii") != 0)
			return cerror_set(e, EX_DATAERR, "the text is not "
			    "valid %s", text_vis(vis, sizeof(vis), cs));
		/* 8-bit text that names no charset: Windows-1252, else
		 * ISO-8859-1, which takes any byte */
		cs = "WINDOWS-1252";
		implied = 1;
	}
again:
	if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return cerror_set(e, EX_DATAERR, "charset %s is unknown",
		    text_vis(vis, sizeof(vis), cs));
	in = (char *)(uintptr_t)s;
	left = n;
	for (bad = 0; left > 0 && !bad;) {
		o = out;
		room = sizeof(out);
		bad = iconv(cd, &in, &left, &o, &room) == (size_t)-1 &&
		    errno != E2BIG;
		if (buf_add(b, out, (size_t)(o - out)) != 0) {
			iconv_close(cd);
			return cerror_set(e, EX_OSERR, "out of memory");
		}
	}
	iconv_close(cd);
	if (bad) {
		b->len = mark;
		if (b->s != NULL)
			b->s[mark] = '\0';
		if (implied && strcmp(cs, "ISO-8859-1") != 0) {
			cs = "ISO-8859-1";
			goto again;
		}
		return cerror_set(e, EX_DATAERR, "the text is not valid %s",
		    text_vis(vis, sizeof(vis), cs));
	}
	if (b->s == NULL && buf_add(b, "", 0) != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode base64, white space skipped; -1 on a foreign character. */
static int
base64(struct buf *b, const char *s, size_t n)
{
	unsigned long	 acc = 0;
	int		 bits = 0, v;
	char		 c;

	for (size_t i = 0; i < n; i++) {
		if (isspace((unsigned char)s[i]))
			continue;
		if (s[i] == '=')
			break;
		if ((v = b64val((unsigned char)s[i])) < 0)
			return -1;
		acc = (acc << 6 | (unsigned long)v) & 0xffffff;
		if ((bits += 6) >= 8) {
			bits -= 8;
			c = (char)(acc >> bits & 0xff);
			if (buf_add(b, &c, 1) != 0)
				return -2;
		}
	}
	if (b->s == NULL && buf_add(b, "", 0) != 0)
		return -2;
	return 0;
}

/* Decode quoted-printable; q: the Q encoding of RFC 2047. */
static int
qp(struct buf *b, const char *s, size_t n, int q)
{
	char	 c;
	int	 hi, lo;

	for (size_t i = 0; i < n; i++) {
		c = s[i];
		if (c == '_' && q)
			c = ' ';
		else if (c == '=' && i + 2 < n + 1 && i + 1 < n) {
			if (s[i + 1] == '\n') {
				i++;
				continue;
			}
			if (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n') {
				i += 2;
				continue;
			}
			if (i + 2 < n && (hi = hexval((unsigned char)s[i + 1]))
			    >= 0 && (lo = hexval((unsigned char)s[i + 2])) >= 0) {
				c = (char)(hi << 4 | lo);
				i += 2;
			}
		}
		if (buf_add(b, &c, 1) != 0)
			return -1;
	}
	if (b->s == NULL && buf_add(b, "", 0) != 0)
		return -1;
	return 0;
}

/*
 * One encoded word at p: =?charset?B|Q?text?=, decoded onto b.  Return
 * its length, or 0 when p does not start one.
 */
static size_t
word2047(struct buf *b, const char *p, struct cerror *e)
{
	const char	*cs, *q1, *q2, *endw;
	char		 charset[64];
	struct buf	 raw = { NULL, 0, 0 };
	int		 rc;

	if (p[0] != '=' || p[1] != '?')
		return 0;
	cs = p + 2;
	if ((q1 = strchr(cs, '?')) == NULL || q1 - cs >= (int)sizeof(charset) ||
	    q1 == cs || (q1[1] != 'B' && q1[1] != 'b' && q1[1] != 'Q' &&
	    q1[1] != 'q') || q1[2] != '?')
		return 0;
	q2 = q1 + 3;
	if ((endw = strstr(q2, "?=")) == NULL)
		return 0;
	memcpy(charset, cs, (size_t)(q1 - cs));
	charset[q1 - cs] = '\0';
	charset[strcspn(charset, "*")] = '\0';	/* RFC 2231 language */
	if (tolower((unsigned char)q1[1]) == 'b')
		rc = base64(&raw, q2, (size_t)(endw - q2));
	else
		rc = qp(&raw, q2, (size_t)(endw - q2), 1);
	if (rc != 0) {
		buf_free(&raw);
		return 0;
	}
	rc = convert(b, raw.s, raw.len, charset, e);
	buf_free(&raw);
	return rc == 0 ? (size_t)(endw + 2 - p) : 0;
}

/*
 * A header value as one line of UTF-8: encoded words decoded (the space
 * between two of them dropped), raw 8-bit bytes read as UTF-8 or else
 * Windows-1252, control characters and runs of white space one space.
 */
static char *
header_text(const char *v, struct cerror *e)
{
	struct buf	 b = { NULL, 0, 0 }, raw = { NULL, 0, 0 };
	struct cerror	 ignore;
	const char	*p = v, *sp;
	size_t		 n;
	char		*out, *q;
	int		 last_word = 0;

	while (*p != '\0') {
		if ((n = word2047(&raw, p, &ignore)) > 0) {
			p += n;
			last_word = 1;
			continue;
		}
		if (last_word && (*p == ' ' || *p == '\t')) {
			sp = p + strspn(p, " \t\r\n");
			if (word2047(&b, sp, &ignore) > 0) {
				/* spaces between encoded words vanish */
				buf_reset(&b);
				p = sp;
				continue;
			}
		}
		last_word = 0;
		n = strcspn(p + 1, "=") + 1;
		if (buf_add(&raw, p, n) != 0)
			goto oom;
		p += n;
	}
	buf_free(&b);
	if (raw.s == NULL)
		return strdup("");
	/* raw holds UTF-8 from the encoded words and the bytes as sent */
	if (!text_utf8ok(raw.s, raw.len)) {
		buf_reset(&b);
		if (convert(&b, raw.s, raw.len, "", e) != 0) {
			buf_free(&b);
			buf_free(&raw);
			return NULL;
		}
		buf_free(&raw);
		raw = b;
	}
	out = raw.s;
	for (p = q = out; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			if (q > out && q[-1] != ' ')
				*q++ = ' ';
		} else if (*p != ' ' || (q > out && q[-1] != ' '))
			*q++ = *p;
	}
	while (q > out && q[-1] == ' ')
		q--;
	*q = '\0';
	return out;
oom:
	buf_free(&b);
	buf_free(&raw);
	cerror_set(e, EX_OSERR, "out of memory");
	return NULL;
}

/*
 * Parameter name of a header value ("text/plain; charset=utf-8"), into
 * out; RFC 2231 name*=charset''value is decoded too.  Return 0 if found.
 */
static int
param(const char *v, const char *name, char *out, size_t size)
{
	size_t		 n = strlen(name), i = 0;
	const char	*p = v;
	int		 ext;

	while ((p = strchr(p, ';')) != NULL) {
		p++;
		p += strspn(p, " \t");
		if (strncasecmp(p, name, n) != 0 || (p[n] != '=' &&
		    !(p[n] == '*' && p[n + 1] == '=')))
			continue;
		ext = p[n] == '*';
		p += n + 1 + ext;
		p += strspn(p, " \t");
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"' && i + 1 < size; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				out[i++] = *p;
			}
		} else
			for (; *p != '\0' && *p != ';' && !isspace(
			    (unsigned char)*p) && i + 1 < size; p++)
				out[i++] = *p;
		out[i] = '\0';
		if (ext) {
			/* charset'language'percent-encoded */
			char *a = strchr(out, '\''), *z, *w;
			if (a != NULL && (z = strchr(a + 1, '\'')) != NULL) {
				for (w = out, z++; *z != '\0'; z++) {
					int hi, lo;
					if (*z == '%' && (hi = hexval((unsigned
					    char)z[1])) >= 0 && (lo = hexval(
					    (unsigned char)z[2])) >= 0) {
						*w++ = (char)(hi << 4 | lo);
						z += 2;
					} else
						*w++ = *z;
				}
				*w = '\0';
			}
		}
		return 0;
	}
	return -1;
}

/* The media type of a Content-Type value, lower case, into out. */
static void
media(const char *v, char *out, size_t size)
{
	size_t	 i = 0;

	if (v == NULL)
		v = "text/plain";
	v += strspn(v, " \t");
	for (; *v != '\0' && *v != ';' && !isspace((unsigned char)*v) &&
	    i + 1 < size; v++)
		out[i++] = (char)tolower((unsigned char)*v);
	out[i] = '\0';
	if (strchr(out, '/') == NULL)
		strlcpy(out, "text/plain", size);
}

/* Decode a part's bytes by its Content-Transfer-Encoding. */
static int
decode(struct buf *b, const char *s, size_t n, const char *cte,
    struct cerror *e)
{
	int	 rc;

	if (cte != NULL && strncasecmp(cte + strspn(cte, " \t"), "base64",
	    6) == 0) {
		if ((rc = base64(b, s, n)) == -1)
			return cerror_set(e, EX_DATAERR, "a base64 part of the "
			    "message holds a character that is not base64");
	} else if (cte != NULL && strncasecmp(cte + strspn(cte, " \t"),
	    "quoted-printable", 16) == 0)
		rc = qp(b, s, n, 0);
	else
		rc = buf_add(b, s, n) != 0 || (b->s == NULL &&
		    buf_add(b, "", 0) != 0) ? -2 : 0;
	return rc != 0 ? cerror_set(e, EX_OSERR, "out of memory") : 0;
}

/* Decode an HTML entity at p into b; return its length or 0. */
static size_t
entity(struct buf *b, const char *p, const char *end)
{
	static const struct {
		const char	*name;
		const char	*text;
	} names[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" },
		{ "&nbsp;", " " },
	};
	unsigned long	 cp = 0;
	const char	*q = p + 2;
	int		 hex;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i].name);
		if ((size_t)(end - p) >= n && strncasecmp(p, names[i].name,
		    n) == 0)
			return buf_puts(b, names[i].text) == 0 ? n : 0;
	}
	if (end - p < 4 || p[1] != '#')
		return 0;
	hex = *q == 'x' || *q == 'X';
	for (q += hex; q < end && q - p < 12 && (hex ? hexval((unsigned char)*q)
	    >= 0 : isdigit((unsigned char)*q)); q++)
		cp = cp * (hex ? 16 : 10) + (unsigned long)hexval(
		    (unsigned char)*q);
	if (q >= end || *q != ';' || cp == 0 || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return text_encode(b, (int32_t)cp) == 0 ? (size_t)(q + 1 - p) : 0;
}

/* HTML to text: tags out, block ends as new lines, entities decoded. */
static int
strip_html(struct buf *out, const char *s, size_t n)
{
	static const char *const blocks[] = {
		"br", "/p", "p", "/div", "div", "li", "/li", "tr", "/tr",
		"/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/table", "hr"
	};
	const char	*p = s, *end = s + n, *gt;
	char		 tag[16];
	size_t		 k;
	int		 rc = 0;

	while (p < end && rc == 0) {
		if (*p == '<') {
			if ((gt = memchr(p, '>', (size_t)(end - p))) == NULL)
				break;
			for (k = 0; p + 1 + k < gt && k + 1 < sizeof(tag) &&
			    (isalnum((unsigned char)p[1 + k]) ||
			    (k == 0 && p[1] == '/')); k++)
				tag[k] = (char)tolower((unsigned char)p[1 + k]);
			tag[k] = '\0';
			if (strcmp(tag, "script") == 0 ||
			    strcmp(tag, "style") == 0) {
				char close[24];
				snprintf(close, sizeof(close), "</%s", tag);
				while (gt < end && !(end - gt > 8 &&
				    strncasecmp(gt, close, strlen(close)) == 0))
					gt++;
				if ((gt = memchr(gt, '>', (size_t)(end - gt)))
				    == NULL)
					break;
			}
			for (size_t i = 0; i < sizeof(blocks) /
			    sizeof(blocks[0]); i++)
				if (strcmp(tag, blocks[i]) == 0)
					rc |= buf_puts(out, "\n");
			p = gt + 1;
		} else if (*p == '&' && (k = entity(out, p, end)) > 0)
			p += k;
		else if (isspace((unsigned char)*p)) {
			if (out->len > 0 && out->s[out->len - 1] != ' ' &&
			    out->s[out->len - 1] != '\n')
				rc |= buf_puts(out, " ");
			p++;
		} else
			rc |= buf_add(out, p++, 1);
	}
	if (out->s == NULL)
		rc |= buf_add(out, "", 0);
	return rc;
}

/* Line ends as LF, lines without trailing blanks, no blank ends. */
static char *
tidy(char *s)
{
	char	*p, *q, *start;

	for (p = q = s; *p != '\0'; p++) {
		if (*p == '\r') {
			if (p[1] != '\n')
				*q++ = '\n';
			continue;
		}
		if (*p == '\n')
			while (q > s && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
		*q++ = *p;
	}
	while (q > s && isspace((unsigned char)q[-1]))
		q--;
	*q = '\0';
	start = s + strspn(s, " \t\n");
	memmove(s, start, strlen(start) + 1);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	/* Three or more new lines in a row are two: HTML leaves many. */
	for (p = q = s; *p != '\0'; p++)
		if (!(*p == '\n' && q - s >= 2 && q[-1] == '\n' &&
		    q[-2] == '\n'))
			*q++ = *p;
	*q = '\0';
	return s;
}

static int
attachment(struct walk *w, const struct hdrs *h, const char *type,
    const struct buf *data)
{
	struct mailpart	*a;
	char		 name[512] = "";
	struct cerror	 ignore;

	if ((a = reallocarray(w->m->att, w->m->natt + 1, sizeof(*a))) == NULL)
		return cerror_set(w->e, EX_OSERR, "out of memory");
	w->m->att = a;
	a = &a[w->m->natt++];
	memset(a, 0, sizeof(*a));
	if ((h->disp == NULL || param(h->disp, "filename", name,
	    sizeof(name)) != 0) && (h->type == NULL || param(h->type, "name",
	    name, sizeof(name)) != 0))
		*name = '\0';
	if (*name != '\0' && (a->name = header_text(name, &ignore)) == NULL)
		a->name = strdup("attachment");
	if (a->name != NULL && *a->name == '\0') {
		free(a->name);
		a->name = NULL;
	}
	a->type = strdup(type);
	a->size = data->len;
	audit_sha256(data->s != NULL ? data->s : "", data->len, a->sha256);
	return a->type == NULL ? cerror_set(w->e, EX_OSERR, "out of memory") :
	    0;
}

static int part(struct walk *, const char *, const char *, int);

/* The rest of a boundary line: "--" for the last, then only white space. */
static int
delimiter(const char *p, const char *eolp)
{
	if (eolp - p >= 2 && p[0] == '-' && p[1] == '-')
		p += 2;
	while (p < eolp && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	return p == eolp;
}

/* The body of a multipart with no boundary line, kept as its text. */
static int
preamble(struct walk *w, const char *p, const char *end)
{
	struct buf	 text = { NULL, 0, 0 };
	int		 rc;

	if ((rc = convert(&text, p, (size_t)(end - p), "", w->e)) != 0)
		return rc;
	w->m->body = text.s;
	return 0;
}

/* The parts of a multipart body between its boundary lines. */
static int
multipart(struct walk *w, const struct hdrs *h, const char *p,
    const char *end, int depth)
{
	char		 bnd[80], delim[84];
	const char	*start = NULL, *line, *next;
	size_t		 dn;
	int		 rc;

	if (h->type == NULL || param(h->type, "boundary", bnd,
	    sizeof(bnd)) != 0 || *bnd == '\0')
		return cerror_set(w->e, EX_DATAERR, "a multipart part of the "
		    "message has no boundary");
	dn = (size_t)snprintf(delim, sizeof(delim), "--%s", bnd);
	for (line = p; line < end; line = next) {
		next = eol(line, end);
		next = next < end ? next + 1 : end;
		if ((size_t)(end - line) < dn || memcmp(line, delim, dn) != 0 ||
		    !delimiter(line + dn, next))
			continue;
		if (start != NULL) {
			/* the line end before the delimiter is part of it */
			const char *stop = line;
			if (stop > start && stop[-1] == '\n')
				stop--;
			if (stop > start && stop[-1] == '\r')
				stop--;
			if ((rc = part(w, start, stop, depth + 1)) != 0)
				return rc;
		}
		if ((size_t)(end - line) >= dn + 2 && line[dn] == '-' &&
		    line[dn + 1] == '-')
			return 0;
		start = next;
	}
	if (start != NULL)	/* no closing delimiter: the rest is a part */
		return part(w, start, end, depth + 1);
	/*
	 * The boundary never appears: the whole body is the preamble.  Keep
	 * it as the text, rather than a case with none.
	 */
	return w->m->body == NULL ? preamble(w, p, end) : 0;
}

/* One MIME entity: its headers, then a leaf or a multipart. */
static int
part(struct walk *w, const char *p, const char *end, int depth)
{
	struct hdrs	 h;
	struct buf	 data = { NULL, 0, 0 }, text = { NULL, 0, 0 };
	char		 type[128], cs[64] = "", *disp = NULL;
	int		 rc, attach;

	memset(&h, 0, sizeof(h));
	if (depth > MAXDEPTH)
		return cerror_set(w->e, EX_DATAERR, "the parts nest deeper "
		    "than %d", MAXDEPTH);
	if ((rc = headers(&p, end, &h, 0, w->e)) != 0)
		goto out;
	media(h.type, type, sizeof(type));
	if (strncmp(type, "multipart/", 10) == 0) {
		rc = multipart(w, &h, p, end, depth);
		goto out;
	}
	if ((rc = decode(&data, p, (size_t)(end - p), h.cte, w->e)) != 0)
		goto out;
	if (h.disp != NULL)
		disp = h.disp + strspn(h.disp, " \t");
	attach = (disp != NULL && strncasecmp(disp, "attachment", 10) == 0) ||
	    (h.disp != NULL && param(h.disp, "filename", cs, sizeof(cs)) ==
	    0) || (h.type != NULL && param(h.type, "name", cs, sizeof(cs)) ==
	    0);
	*cs = '\0';
	if (!attach && (strcmp(type, "text/plain") == 0 ||
	    strcmp(type, "text/html") == 0)) {
		if (h.type != NULL)
			param(h.type, "charset", cs, sizeof(cs));
		if (strcmp(type, "text/plain") == 0) {
			if (w->m->body == NULL) {
				if ((rc = convert(&text, data.s, data.len, cs,
				    w->e)) != 0)
					goto out;
				w->m->body = text.s;
				text.s = NULL;
			}
		} else if (!w->have_html) {
			if ((rc = convert(&text, data.s, data.len, cs,
			    w->e)) != 0)
				goto out;
			if (strip_html(&w->html, text.s, text.len) != 0) {
				rc = cerror_set(w->e, EX_OSERR, "out of "
				    "memory");
				goto out;
			}
			w->have_html = 1;
		}
	} else if (!(strncmp(type, "text/", 5) == 0 && !attach))
		rc = attachment(w, &h, type, &data);
out:
	buf_free(&data);
	buf_free(&text);
	hdrs_free(&h);
	return rc;
}

/* Parse an RFC 5322 date; -1 when it is not one. */
static time_t
date(const char *s)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	static const struct {
		const char	*name;
		int		 hours;
	} zones[] = {
		{ "UT", 0 }, { "GMT", 0 }, { "Z", 0 }, { "UTC", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
	};
	struct tm	 tm;
	char		 mon[4], zone[8] = "";
	const char	*p = s + strspn(s, " \t");
	const char	*mp;
	int		 day, year, h, m, sec = 0, n = 0, off = 0;
	time_t		 t;

	if (isalpha((unsigned char)*p)) {	/* day of week */
		p = strchr(p, ',');
		if (p == NULL)
			return -1;
		p++;
	}
	if (sscanf(p, "%d %3s %d %d:%d%n", &day, mon, &year, &h, &m,
	    &n) != 5)
		return -1;
	p += n;
	if (*p == ':') {
		if (sscanf(p, ":%d%n", &sec, &n) != 1)
			return -1;
		p += n;
	}
	p += strspn(p, " \t");
	sscanf(p, "%7[A-Za-z0-9+-]", zone);
	if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5 &&
	    strspn(zone + 1, "0123456789") == 4) {
		off = ((zone[1] - '0') * 10 + zone[2] - '0') * 60 +
		    (zone[3] - '0') * 10 + zone[4] - '0';
		if (zone[0] == '-')
			off = -off;
	} else if (*zone != '\0') {
		size_t i;
		for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
			if (strcasecmp(zone, zones[i].name) == 0)
				break;
		/* other letters: military zones, read as -0000 (unknown) */
		if (i < sizeof(zones) / sizeof(zones[0]))
			off = zones[i].hours * 60;
		else if (strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
		    "nopqrstuvwxyz") != strlen(zone))
			return -1;
	}
	for (size_t i = 0; i < 3; i++)
		mon[i] = (char)tolower((unsigned char)mon[i]);
	if (strlen(mon) != 3 || (mp = strstr(months, mon)) == NULL ||
	    (mp - months) % 3 != 0)
		return -1;
	if (year < 50)
		year += 2000;
	else if (year < 1000)
		year += 1900;
	if (day < 1 || day > 31 || h < 0 || h > 23 || m < 0 || m > 59 ||
	    sec < 0 || sec > 60 || year > 9999)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = (int)(mp - months) / 3;
	tm.tm_mday = day;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	if ((t = timegm(&tm)) == -1 || tm.tm_mday != day)
		return -1;	/* 31 April became 1 May */
	return t - off * 60;
}

/* From: the address and the display name. */
static int
from(struct mail *m, const char *v, struct cerror *e)
{
	const char	*lt, *gt, *p;
	char		*name = NULL, *addr, *q;
	size_t		 n;

	if ((lt = strchr(v, '<')) != NULL && (gt = strchr(lt, '>')) != NULL) {
		addr = strndup(lt + 1, (size_t)(gt - lt - 1));
		if ((name = strndup(v, (size_t)(lt - v))) != NULL) {
			/* unquote "..." and \x */
			for (p = q = name; *p != '\0'; p++) {
				if (*p == '"')
					continue;
				if (*p == '\\' && p[1] != '\0')
					p++;
				*q++ = *p;
			}
			*q = '\0';
		}
	} else {
		p = v + strspn(v, " \t");
		n = strcspn(p, " \t(,");
		addr = strndup(p, n);
		if ((lt = strchr(p + n, '(')) != NULL &&
		    (gt = strchr(lt, ')')) != NULL)
			name = strndup(lt + 1, (size_t)(gt - lt - 1));
	}
	if (addr == NULL) {
		free(name);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	/* the address has no white space; strip what folding left */
	for (p = q = addr; *p != '\0'; p++)
		if (!isspace((unsigned char)*p))
			*q++ = *p;
	*q = '\0';
	if (strchr(addr, '@') == NULL || *addr == '@' ||
	    addr[strlen(addr) - 1] == '@') {
		free(addr);
		free(name);
		return cerror_set(e, EX_DATAERR, "the From header has no "
		    "address");
	}
	m->from_addr = addr;
	if (name != NULL) {
		m->from_name = header_text(name, e);
		free(name);
		if (m->from_name == NULL)
			return e->code;
		if (*m->from_name == '\0') {
			free(m->from_name);
			m->from_name = NULL;
		}
	}
	if (!text_utf8ok(addr, strlen(addr)))
		return cerror_set(e, EX_DATAERR, "the From address is not "
		    "UTF-8");
	return 0;
}

/*
 * The Message-ID as a ref: itself when it is printable ASCII of at most
 * 200 bytes, else its SHA-256, so a redelivery still finds the case.
 */
static char *
msgid_ref(const char *s)
{
	char	 hex[65], *ref;
	size_t	 n = strlen(s);
	int	 plain = n <= 200;

	for (size_t i = 0; i < n && plain; i++)
		plain = s[i] > 0x20 && s[i] < 0x7f;
	if (plain)
		return strdup(s);
	audit_sha256(s, n, hex);
	if ((ref = malloc(8 + 64 + 1)) != NULL)
		snprintf(ref, 8 + 64 + 1, "sha256:%s", hex);
	return ref;
}

/*
 * The ids of In-Reply-To, then of References from the newest back, as
 * refs one a line: the thread a reply points at, nearest first.
 */
static int
thread(struct mail *m, const char *irt, const char *refs)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*v[2] = { irt, refs }, *p, *q;
	char		*id, *ref;
	int		 rc = 0;

	for (int i = 0; i < 2; i++) {
		if (v[i] == NULL)
			continue;
		for (q = v[i] + strlen(v[i]); q > v[i] && rc == 0; q = p) {
			/* walk back to the previous <...> */
			while (q > v[i] && q[-1] != '>')
				q--;
			if (q == v[i])
				break;
			for (p = q - 1; p > v[i] && p[-1] != '<'; p--)
				;
			if (p == v[i])
				break;
			if (q - 1 > p) {
				if ((id = strndup(p, q - 1 - p)) == NULL ||
				    (ref = msgid_ref(id)) == NULL) {
					free(id);
					rc = -1;
					break;
				}
				rc |= buf_printf(&b, "%s\n", ref);
				free(id);
				free(ref);
			}
			p--;
		}
	}
	if (rc != 0) {
		buf_free(&b);
		return -1;
	}
	m->thread = b.s;
	return 0;
}

int
mail_parse(const char *msg, size_t len, struct mail *m, struct cerror *e)
{
	struct walk	 w;
	struct hdrs	 h;
	const char	*p = msg, *end = msg + len;
	char		*s, vis[64];
	int		 rc;

	memset(m, 0, sizeof(*m));
	memset(&h, 0, sizeof(h));
	memset(&w, 0, sizeof(w));
	m->date = -1;
	w.m = m;
	w.e = e;
	/* An mbox "From " line from the delivery agent goes first. */
	if (len > 5 && memcmp(p, "From ", 5) == 0)
		p = eol(p, end) + (eol(p, end) < end);
	if ((rc = headers(&p, end, &h, 1, e)) != 0)
		goto out;
	if (h.from == NULL) {
		rc = cerror_set(e, EX_DATAERR, "the message has no From "
		    "address");
		goto out;
	}
	if ((rc = from(m, h.from, e)) != 0)
		goto out;
	if (h.subject != NULL) {
		if ((m->subject = header_text(h.subject, e)) == NULL) {
			rc = e->code;
			goto out;
		}
		if (*m->subject == '\0') {
			free(m->subject);
			m->subject = NULL;
		}
	}
	if (h.msgid != NULL) {
		s = h.msgid + strspn(h.msgid, " \t<");
		s[strcspn(s, "> \t")] = '\0';
		if (*s != '\0' && (m->message_id = msgid_ref(s)) == NULL) {
			rc = cerror_set(e, EX_OSERR, "out of memory");
			goto out;
		}
	}
	if (thread(m, h.irt, h.refs) != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	/* The first language of Content-Language; one we cannot read is
	 * left out, as the header only helps. */
	if (h.lang != NULL) {
		s = h.lang + strspn(h.lang, " \t");
		s[strcspn(s, ", \t")] = '\0';
		if (case_lang(s, m->lang) != 0)
			*m->lang = '\0';
	}
	if (h.date != NULL && (m->date = date(h.date)) == -1) {
		rc = cerror_set(e, EX_DATAERR, "the Date header %s is not an RFC "
		    "5322 date", text_vis(vis, sizeof(vis), h.date));
		goto out;
	}
	{
		char		 type[128];

		media(h.type, type, sizeof(type));
		if (strncmp(type, "multipart/", 10) == 0)
			rc = multipart(&w, &h, p, end, 0);
		else {
			/* a single-part message: its headers as a part's */
			struct buf	 top = { NULL, 0, 0 };

			if (h.type != NULL)
				rc |= buf_printf(&top, "Content-Type: %s\n",
				    h.type);
			if (h.cte != NULL)
				rc |= buf_printf(&top,
				    "Content-Transfer-Encoding: %s\n", h.cte);
			if (h.disp != NULL)
				rc |= buf_printf(&top,
				    "Content-Disposition: %s\n", h.disp);
			rc |= buf_puts(&top, "\n");
			rc |= buf_add(&top, p, (size_t)(end - p));
			rc = rc != 0 ? cerror_set(e, EX_OSERR, "out of memory")
			    : part(&w, top.s, top.s + top.len, 0);
			buf_free(&top);
		}
	}
	if (rc != 0)
		goto out;
	if (m->body == NULL && w.have_html) {
		m->body = w.html.s;
		w.html.s = NULL;
	}
	if (m->body != NULL) {
		m->body = tidy(m->body);
		if (m->body != NULL && !text_utf8ok(m->body, strlen(m->body)))
			rc = cerror_set(e, EX_DATAERR, "the text holds a NUL "
			    "byte");
	}
out:
	buf_free(&w.html);
	hdrs_free(&h);
	return rc;
}

void
mail_free(struct mail *m)
{
	free(m->from_name);
	free(m->from_addr);
	free(m->subject);
	free(m->message_id);
	free(m->thread);
	free(m->body);
	for (size_t i = 0; i < m->natt; i++) {
		free(m->att[i].name);
		free(m->att[i].type);
	}
	free(m->att);
	memset(m, 0, sizeof(*m));
}
