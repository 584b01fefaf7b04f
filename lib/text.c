/*
 * text.c: the one place text is read as characters.  UTF-8 validation,
 * decoding and encoding, case folding, the base letters a word is matched
 * on, and character classes, all through libutf8proc; and JSON string
 * escaping (RFC 8259).  Triage, compare, mail and the output escaping use
 * these; the words of each language are lexicon.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "complaint.h"

int
text_char(const char *p, size_t n, int32_t *cp)
{
	utf8proc_int32_t	 c;
	utf8proc_ssize_t	 len;

	len = utf8proc_iterate((const utf8proc_uint8_t *)p,
	    n > 4 ? 4 : (utf8proc_ssize_t)n, &c);
	if (len <= 0 || c == 0)
		return 0;
	*cp = c;
	return (int)len;
}

int
text_utf8ok(const char *s, size_t n)
{
	int32_t	 c;
	int	 len;

	for (size_t i = 0; i < n; i += (size_t)len)
		if ((len = text_char(s + i, n - i, &c)) == 0)
			return 0;
	return 1;
}

int
text_encode(struct buf *b, int32_t c)
{
	utf8proc_uint8_t	 u[4];
	utf8proc_ssize_t	 n;

	if (!utf8proc_codepoint_valid(c) ||
	    (n = utf8proc_encode_char(c, u)) <= 0)
		return -1;
	return buf_add(b, (const char *)u, (size_t)n);
}

int
text_json(struct buf *b, const char *s)
{
	const unsigned char	*p, *run;
	char			 esc[8];
	int			 rc = 0;

	rc |= buf_add(b, "\"", 1);
	for (p = run = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 0x20 && *p != 0x7f && *p != '"' && *p != '\\')
			continue;
		rc |= buf_add(b, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"':
			rc |= buf_add(b, "\\\"", 2);
			break;
		case '\\':
			rc |= buf_add(b, "\\\\", 2);
			break;
		case '\n':
			rc |= buf_add(b, "\\n", 2);
			break;
		case '\t':
			rc |= buf_add(b, "\\t", 2);
			break;
		case '\r':
			rc |= buf_add(b, "\\r", 2);
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			rc |= buf_add(b, esc, 6);
		}
	}
	rc |= buf_add(b, (const char *)run, (size_t)(p - run));
	rc |= buf_add(b, "\"", 1);
	return rc;
}

int
text_json_str(struct buf *b, const char *key, const char *val)
{
	int	 rc = 0;

	if (val == NULL || *val == '\0')
		return 0;
	if (b->len > 0 && b->s[b->len - 1] != '{' && b->s[b->len - 1] != '[')
		rc |= buf_add(b, ",", 1);
	rc |= text_json(b, key);
	rc |= buf_add(b, ":", 1);
	rc |= text_json(b, val);
	return rc;
}

int
text_json_int(struct buf *b, const char *key, int64_t val)
{
	int	 rc = 0;

	if (b->len > 0 && b->s[b->len - 1] != '{' && b->s[b->len - 1] != '[')
		rc |= buf_add(b, ",", 1);
	rc |= text_json(b, key);
	rc |= buf_printf(b, ":%lld", (long long)val);
	return rc;
}

int32_t
text_decode(const char **p)
{
	utf8proc_int32_t	 c;
	utf8proc_ssize_t	 n;

	if ((unsigned char)**p < 0x80)
		return (unsigned char)*(*p)++;
	n = utf8proc_iterate((const utf8proc_uint8_t *)*p, -1, &c);
	if (n <= 0) {
		(*p)++;
		return 0xfffd;
	}
	*p += n;
	return c;
}

int
text_wordchar(int32_t c)
{
	/* ASCII: its letters, digits and $ (a currency symbol) */
	if (c >= 0 && c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '$';
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_SC:
		return 1;
	default:
		return 0;
	}
}

int
text_upper(int32_t c)
{
	utf8proc_category_t	 k = utf8proc_category(c);

	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

int
text_fold(struct buf *b, const char *s, size_t n)
{
	utf8proc_uint8_t	*out = NULL;
	utf8proc_ssize_t	 len;
	int			 rc;

	/* ASCII folds to its lower case: the common case, without a copy. */
	for (len = 0; (size_t)len < n && (unsigned char)s[len] < 0x80; len++)
		;
	if ((size_t)len == n) {
		if ((rc = buf_add(b, s, n)) != 0)
			return rc;
		for (char *p = b->s + b->len - n; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p += 'a' - 'A';
		return 0;
	}
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (len < 0)
		return -1;
	rc = buf_add(b, (const char *)out, (size_t)len);
	free(out);
	return rc;
}

/* Letters that do not decompose into a base and a mark. */
static const struct {
	int32_t		 c;
	const char	*base;
} nobase[] = {
	{ 0x00e6, "ae" }, { 0x00f0, "d" }, { 0x00f8, "o" }, { 0x00fe, "th" },
	{ 0x0111, "d" }, { 0x0127, "h" }, { 0x0131, "i" }, { 0x0142, "l" },
	{ 0x0153, "oe" }, { 0x0167, "t" }, { 0x0180, "b" }, { 0x01b6, "z" },
	{ 0x0250, "a" }, { 0x0259, "e" },
};

int
text_base(struct buf *b, int32_t c)
{
	utf8proc_int32_t	 d[8];
	utf8proc_ssize_t	 n;
	int			 last = 0, rc = 0;

	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		return buf_add(b, &(char){ (char)c }, 1);
	}
	n = utf8proc_decompose_char(c, d, 8, UTF8PROC_CASEFOLD |
	    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK, &last);
	if (n < 0 || n > 8)
		return text_encode(b, c);
	for (utf8proc_ssize_t i = 0; i < n && rc == 0; i++) {
		size_t	 k;

		for (k = 0; k < sizeof(nobase) / sizeof(nobase[0]); k++)
			if (nobase[k].c == d[i])
				break;
		rc = k < sizeof(nobase) / sizeof(nobase[0]) ?
		    buf_puts(b, nobase[k].base) : text_encode(b, d[i]);
	}
	return rc;
}
