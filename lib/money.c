/*
 * money.c: amounts as integer minor units and an ISO 4217 code.  Input is
 * "49.90", "49.90 EUR" or "EUR 49.90"; no exponent, no thousands separator.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

/* Currencies whose minor unit is not a hundredth. */
static const struct {
	const char	*code;
	int		 exp;
} exceptions[] = {
	{ "BHD", 3 }, { "BIF", 0 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 },
	{ "IQD", 3 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KMF", 0 },
	{ "KRW", 0 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 }, { "PYG", 0 },
	{ "RWF", 0 }, { "TND", 3 }, { "UGX", 0 }, { "UYI", 0 }, { "VND", 0 },
	{ "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
};

int
money_exponent(const char *code)
{
	for (size_t i = 0; i < sizeof(exceptions) / sizeof(exceptions[0]);
	    i++)
		if (strcmp(code, exceptions[i].code) == 0)
			return exceptions[i].exp;
	return 2;
}

static int
iscode(const char *s, size_t n)
{
	if (n != 3)
		return 0;
	for (size_t i = 0; i < 3; i++)
		if (!isalpha((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Parse the number in s[0..n) with exp decimals into minor units. */
static int
number(const char *s, size_t n, int exp, int neg_ok, int64_t *out)
{
	int64_t		 v = 0;
	size_t		 i = 0;
	int		 neg = 0, frac = -1, d;

	if (i < n && s[i] == '-') {
		if (!neg_ok)
			return -1;
		neg = 1;
		i++;
	}
	if (i == n || !isdigit((unsigned char)s[i]))
		return -1;
	for (; i < n; i++) {
		if (s[i] == '.' && frac < 0) {
			frac = 0;
			if (i + 1 == n)
				return -1;
			continue;
		}
		if (!isdigit((unsigned char)s[i]))
			return -1;
		if (frac >= 0 && ++frac > exp)
			return -1;
		d = s[i] - '0';
		if (v > (INT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	for (frac = frac < 0 ? 0 : frac; frac < exp; frac++) {
		if (v > INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	*out = neg ? -v : v;
	return 0;
}

int
money_parse(const char *s, const char *def, int neg_ok, struct money *m,
    struct cerror *e)
{
	const char	*num = s, *code = def, *sp;
	char		 cur[4], vis[64];
	size_t		 n;

	while (isspace((unsigned char)*num))
		num++;
	n = strlen(num);
	while (n > 0 && isspace((unsigned char)num[n - 1]))
		n--;
	if ((sp = memchr(num, ' ', n)) != NULL) {
		size_t first = (size_t)(sp - num);
		const char *rest = sp + 1;
		size_t nrest = n - first - 1;

		while (nrest > 0 && *rest == ' ')
			rest++, nrest--;
		if (iscode(rest, nrest)) {
			code = rest;
			n = first;
		} else if (iscode(num, first)) {
			code = num;
			num = rest;
			n = nrest;
		} else
			goto bad;
	}
	if (code == def && (def == NULL || !iscode(def, strlen(def))))
		goto bad;
	for (int i = 0; i < 3; i++)
		cur[i] = (char)toupper((unsigned char)code[i]);
	cur[3] = '\0';
	if (number(num, n, money_exponent(cur), neg_ok, &m->minor) != 0)
		goto bad;
	memcpy(m->cur, cur, sizeof(m->cur));
	return 0;
bad:
	return cerror_set(e, EX_DATAERR, "%s is not an amount (like 49.90, "
	    "49.90 EUR or EUR 49.90)", text_vis(vis, sizeof(vis), s));
}

char *
money_format(const struct money *m, char buf[MONEY_LEN])
{
	int		 exp = money_exponent(m->cur);
	uint64_t	 v, div = 1;

	for (int i = 0; i < exp; i++)
		div *= 10;
	v = m->minor < 0 ? -(uint64_t)m->minor : (uint64_t)m->minor;
	if (exp == 0)
		snprintf(buf, MONEY_LEN, "%s%llu %s", m->minor < 0 ? "-" : "",
		    (unsigned long long)v, m->cur);
	else
		snprintf(buf, MONEY_LEN, "%s%llu.%0*llu %s",
		    m->minor < 0 ? "-" : "", (unsigned long long)(v / div),
		    exp, (unsigned long long)(v % div), m->cur);
	return buf;
}
