/*
 * money.c: amounts as integer minor units and an ISO 4217 code.  Input is
 * written as people write it: "49.90", "49.90 EUR", "EUR 49.90", "599 kr",
 * "1 299,50 kr", "Rp 350.000", "Rp350.000,00", "$120", "€49,90", "49,90 €".
 * The decimal mark and the grouping are the currency's: a point groups
 * thousands of rupiah and marks cents of dollars; for the euro, whose
 * writers use both, "1.234" is refused with its two readings.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/*
 * How a currency's amounts are written: its decimal mark when one is the
 * rule ('.' or ','), 0 when both are (the euro).
 */
static const struct {
	const char	*code;
	char		 mark;
} marks[] = {
	{ "AUD", '.' }, { "CAD", '.' }, { "CHF", '.' }, { "GBP", '.' },
	{ "IDR", ',' }, { "NOK", ',' }, { "DKK", ',' }, { "SEK", ',' },
	{ "USD", '.' }, { "JPY", '.' }, { "NZD", '.' }, { "SGD", '.' },
};

static char
decimal_mark(const char *code)
{
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strcmp(code, marks[i].code) == 0)
			return marks[i].mark;
	return 0;
}

/* Signs and local words for a currency; def decides the shared ones. */
static const struct {
	const char	*sign;
	const char	*code;
	const char	*family;	/* def codes that own the sign */
} signs[] = {
	{ "\xe2\x82\xac", "EUR", "" },		/* € */
	{ "\xc2\xa3", "GBP", "" },		/* £ */
	{ "US$", "USD", "" },
	{ "$", "USD", "AUD CAD NZD SGD USD" },
	{ "kronor", "SEK", "" },
	{ "rupiah", "IDR", "" },
	{ "kr.", "SEK", "DKK NOK SEK" },
	{ "kr", "SEK", "DKK NOK SEK" },
	{ "Rp.", "IDR", "" },
	{ "Rp", "IDR", "" },
};

/* Bytes of white space at s: blanks, no-break and narrow no-break space. */
static size_t
space(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	/* Byte by byte: s may end after one. */
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return 2;
	if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0xaf)
		return 3;
	return 0;
}

/* The currency sign or code starting s[0..n), its length into *len. */
static int
currency_at(const char *s, size_t n, const char *def, int tail,
    char cur[4], size_t *len)
{
	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++) {
		size_t k = strlen(signs[i].sign);

		if (k > n || strncasecmp(s, signs[i].sign, k) != 0)
			continue;
		/* A word sign ends at a space or a digit: "kr" not "kroner". */
		if (k < n && isalpha((unsigned char)s[k]))
			continue;
		if (tail && k != n)
			continue;
		if (def != NULL && strlen(def) == 3 &&
		    strstr(signs[i].family, def) != NULL)
			memcpy(cur, def, 3);
		else
			memcpy(cur, signs[i].code, 3);
		*len = k;
		return 1;
	}
	if (n >= 3 && iscode(s, 3) && (n == 3 || (!tail &&
	    !isalpha((unsigned char)s[3])))) {
		if (tail && n != 3)
			return 0;
		memcpy(cur, s, 3);
		*len = 3;
		return 1;
	}
	return 0;
}

/*
 * The number s[0..n) as people write it into "1234.50" in out, with the
 * decimal mark of currency cur; 1 when it is ambiguous (the two readings
 * then in alt and out), -1 when it is no number.
 */
static int
canonical(const char *s, size_t n, const char *cur, int exp, char *out,
    size_t size, char *alt)
{
	char		 digits[64], seps[64], mark = 0;
	size_t		 pos[64], nd = 0, ns = 0, i = 0, k;
	int		 neg = 0;
	char		 rule = decimal_mark(cur);

	if (n > 0 && s[0] == '-')
		neg = 1, i = 1;
	for (; i < n; ) {
		if (isdigit((unsigned char)s[i])) {
			if (nd + 1 >= sizeof(digits))
				return -1;
			digits[nd++] = s[i++];
			continue;
		}
		if (nd == 0 || ns + 1 >= sizeof(seps))
			return -1;
		if (s[i] == '.' || s[i] == ',' || s[i] == '\'') {
			seps[ns] = s[i];
			k = 1;
		} else if ((k = space(s + i)) != 0)
			seps[ns] = ' ';
		else
			return -1;
		/* A separator stands between digits. */
		if (i + k >= n || !isdigit((unsigned char)s[i + k]))
			return -1;
		pos[ns++] = nd;
		i += k;
	}
	if (nd == 0)
		return -1;
	/* The decimal mark: the last of two kinds, or what the rule says. */
	if (ns > 0) {
		char last = seps[ns - 1];
		int other = 0, same = 0;

		for (k = 0; k < ns; k++) {
			if (seps[k] != last)
				other = 1;
			else
				same++;
		}
		if (last == '.' || last == ',') {
			if (other || nd - pos[ns - 1] != 3)
				mark = same == 1 ? last : 0;
			else if (same > 1)
				mark = 0;
			else if (exp >= 3 || rule == last)
				mark = last;
			else if (rule == 0)
				mark = '?';
		}
		if (other && mark == 0)
			return -1;
	}
	/* Grouping: three digits between separators, the first 1 to 3. */
	for (k = 0; k < ns; k++) {
		size_t end = k + 1 < ns ? pos[k + 1] : nd;

		if (seps[k] == mark || (mark == '?' && k == ns - 1))
			break;
		if ((k == 0 && pos[0] > 3) || end - pos[k] != 3)
			return -1;
	}
	if (mark == 0 || mark == '?') {
		snprintf(out, size, "%s%.*s", neg ? "-" : "", (int)nd, digits);
		if (mark == 0)
			return 0;
		snprintf(alt, size, "%s%.*s%c%.*s", neg ? "-" : "",
		    (int)pos[ns - 1], digits, seps[ns - 1],
		    (int)(nd - pos[ns - 1]), digits + pos[ns - 1]);
		return 1;
	}
	snprintf(out, size, "%s%.*s.%.*s", neg ? "-" : "", (int)pos[ns - 1],
	    digits, (int)(nd - pos[ns - 1]), digits + pos[ns - 1]);
	return 0;
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
	const char	*num = s;
	char		 cur[4] = "", vis[64], out[80], alt[80];
	size_t		 n, k;
	int		 rc;

	while ((k = space(num)) != 0)
		num += k;
	n = strlen(num);
	while (n > 0 && (num[n - 1] == ' ' || num[n - 1] == '\t'))
		n--;
	/* A sign or code before the number, or after it. */
	if (n > 0 && !isdigit((unsigned char)*num) && *num != '-' &&
	    currency_at(num, n, def, 0, cur, &k)) {
		num += k, n -= k;
		while ((k = space(num)) != 0)
			num += k, n -= k;
	} else {
		for (k = n; k > 0 && !isdigit((unsigned char)num[k - 1]); k--)
			;
		if (k < n) {
			size_t	 end = k;

			while ((k = space(num + end)) != 0)
				end += k;
			if (!currency_at(num + end, n - end, def, 1, cur, &k))
				goto bad;
			while (n > 0 && !isdigit((unsigned char)num[n - 1]))
				n--;
		}
	}
	if (cur[0] == '\0') {
		if (def == NULL || !iscode(def, strlen(def)))
			goto bad;
		memcpy(cur, def, 3);
	}
	for (int i = 0; i < 3; i++)
		cur[i] = (char)toupper((unsigned char)cur[i]);
	cur[3] = '\0';
	if ((rc = canonical(num, n, cur, money_exponent(cur), out,
	    sizeof(out), alt)) < 0)
		goto bad;
	if (rc == 1) {
		struct money	 x;
		char		 a[MONEY_LEN];
		const char	*what = strchr(alt, ',') != NULL ? "comma" :
		    "point";

		memcpy(x.cur, cur, sizeof(x.cur));
		if (number(out, strlen(out), money_exponent(cur), neg_ok,
		    &x.minor) != 0)
			goto bad;
		money_format(&x, a);
		a[strlen(a) - 4] = '\0';
		return cerror_set(e, EX_DATAERR, "%s is ambiguous in %s: %s %s "
		    "(the %s groups thousands) or %s %s (the %s marks "
		    "decimals); write %s for the first",
		    text_vis(vis, sizeof(vis), s), cur, a, cur, what, alt, cur,
		    what, a);
	}
	if (number(out, strlen(out), money_exponent(cur), neg_ok,
	    &m->minor) != 0)
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
