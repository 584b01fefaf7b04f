/*
 * text.c: UTF-8 validation, decoding, case folding and character classes
 * (through libutf8proc), and JSON string escaping (RFC 8259).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "complaint.h"

int
text_utf8ok(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + n;
	unsigned long		 c;
	int			 more;

	while (p < end) {
		if (*p == 0)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			c = *p & 0x1f;
			more = 1;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			c = *p & 0x0f;
			more = 2;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			c = *p & 0x07;
			more = 3;
		} else
			return 0;
		if (end - p <= more)
			return 0;
		for (int i = 1; i <= more; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3f);
		}
		/* Overlong forms, surrogates and beyond U+10FFFF. */
		if ((more == 2 && c < 0x800) || (more == 3 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
			return 0;
		p += more + 1;
	}
	return 1;
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
