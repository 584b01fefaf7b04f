/*
 * phone.c: phone numbers as E.164 ("+46701234567"), from the forms people
 * write them in, so one person's number is one key whatever its spelling.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "complaint.h"

/*
 * The countries phone.country may name: ISO 3166 code, calling code, and
 * what a national number starts with that E.164 drops (the trunk prefix:
 * "0" in most, "1" in the North American plan, none in Norway or
 * Singapore; Italy keeps its 0).
 */
static const struct {
	char		 iso[3];
	const char	*code;
	const char	*trunk;
} countries[] = {
	{ "AT", "43", "0" }, { "AU", "61", "0" }, { "BE", "32", "0" },
	{ "CA", "1", "1" }, { "CH", "41", "0" }, { "DE", "49", "0" },
	{ "DK", "45", "" }, { "EE", "372", "" }, { "ES", "34", "" },
	{ "FI", "358", "0" }, { "FR", "33", "0" }, { "GB", "44", "0" },
	{ "ID", "62", "0" }, { "IE", "353", "0" }, { "IN", "91", "0" },
	{ "IS", "354", "" }, { "IT", "39", "" }, { "JP", "81", "0" },
	{ "LT", "370", "8" }, { "LV", "371", "" }, { "MY", "60", "0" },
	{ "NL", "31", "0" }, { "NO", "47", "" }, { "NZ", "64", "0" },
	{ "PH", "63", "0" }, { "PL", "48", "" }, { "PT", "351", "" },
	{ "SE", "46", "0" }, { "SG", "65", "" }, { "TH", "66", "0" },
	{ "US", "1", "1" }, { "VN", "84", "0" },
};

#define NCOUNTRIES	(sizeof(countries) / sizeof(countries[0]))

/* The row of iso, any case; -1 when it is not one. */
static int
country(const char *iso)
{
	for (size_t i = 0; i < NCOUNTRIES; i++)
		if (strcasecmp(iso, countries[i].iso) == 0)
			return (int)i;
	return -1;
}

int
phone_country(const char *iso)
{
	return *iso == '\0' || country(iso) >= 0 ? 0 : -1;
}

void
phone_countries(char *buf, size_t size)
{
	*buf = '\0';
	for (size_t i = 0; i < NCOUNTRIES; i++) {
		if (i > 0)
			strlcat(buf, " ", size);
		strlcat(buf, countries[i].iso, size);
	}
}

int
phone_norm(const char *s, const char *iso, char *out, size_t size)
{
	char		 d[32];
	size_t		 n = 0;
	const char	*p = s, *nat;
	int		 plus = 0, c;

	while (*p == ' ')
		p++;
	if (*p == '+') {
		plus = 1;
		p++;
	}
	for (; *p != '\0'; p++) {
		/* "+46 (0)70": the trunk prefix a writer adds in brackets */
		if (plus && strncmp(p, "(0)", 3) == 0) {
			p += 2;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof(d))
				return -1;
			d[n++] = *p;
		} else if (strchr(" -()./", *p) == NULL)
			return -1;
	}
	d[n] = '\0';
	if (n < 3)
		return -1;
	if (!plus && strncmp(d, "00", 2) == 0 && n > 4) {
		plus = 1;
		memmove(d, d + 2, n - 1);
		n -= 2;
	}
	if (plus)
		return (size_t)snprintf(out, size, "+%s", d) < size ? 0 : -1;
	if (iso == NULL || (c = country(iso)) < 0)
		return strlcpy(out, d, size) < size ? 0 : -1;
	nat = d;
	if (*countries[c].trunk != '\0' && strncmp(d, countries[c].trunk,
	    strlen(countries[c].trunk)) == 0)
		nat += strlen(countries[c].trunk);
	if (strlen(nat) < 3)
		return -1;
	return (size_t)snprintf(out, size, "+%s%s", countries[c].code, nat) <
	    size ? 0 : -1;
}

int
phone_national(const char *e164, const char *iso, char *out, size_t size)
{
	size_t	 n;
	int	 c;

	if (iso == NULL || (c = country(iso)) < 0 || *e164 != '+' ||
	    strncmp(e164 + 1, countries[c].code,
	    (n = strlen(countries[c].code))) != 0)
		return -1;
	return (size_t)snprintf(out, size, "%s%s", countries[c].trunk,
	    e164 + 1 + n) < size ? 0 : -1;
}
