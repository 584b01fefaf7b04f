/*
 * names.c: the names a case's fields are given in, read and printed:
 * severities (facts.c's, or 1-4) and language codes.  Ground: it calls
 * nothing, so settings, triage and intake can all check with it.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "complaint.h"

int
case_severity(const char *s, int *sev)
{
	for (int i = 0; i < 4; i++) {
		if (strcasecmp(s, facts_severities[i]) == 0 ||
		    (s[0] == '1' + i && s[1] == '\0')) {
			*sev = i + 1;
			return 0;
		}
	}
	return EX_DATAERR;
}

const char *
case_severity_name(int sev)
{
	return sev >= 1 && sev <= 4 ? facts_severities[sev - 1] : "unknown";
}

int
case_lang(const char *s, char *out)
{
	size_t	 n, k;

	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (n < 2 || n > 3)
		return -1;
	for (const char *p = s + n; *p != '\0'; p += k + 1) {
		if (*p != '-' && *p != '_')
			return -1;
		k = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (k < 1 || k > 8)
			return -1;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
	return 0;
}
