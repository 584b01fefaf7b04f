/*
 * timefmt.c: times as ISO 8601 UTC.  Input: an ISO 8601 date or date-time
 * (a missing zone means UTC), now, today, yesterday, tomorrow, a weekday,
 * or a time relative to now; years 1970 to 9999, so every time prints in
 * the 20 characters of TIMEFMT_LEN and sorts as text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "complaint.h"

#define MAXSPAN	(100LL * 366 * 86400)	/* relative times within a century */

/* sep, then v in two digits; the end. */
static char *
two(char *p, char sep, int v)
{
	*p++ = sep;
	*p++ = '0' + v / 10;
	*p++ = '0' + v % 10;
	return p;
}

char *
timefmt_iso(time_t t, char buf[TIMEFMT_LEN])
{
	struct tm	 tm;
	char		*p = buf;
	int		 y;

	/* By hand, not strftime: an import formats ten times a row. */
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < -1900 ||
	    tm.tm_year > 9999 - 1900) {
		strlcpy(buf, "invalid", TIMEFMT_LEN);
		return buf;
	}
	y = tm.tm_year + 1900;
	*p++ = '0' + y / 1000;
	*p++ = '0' + y / 100 % 10;
	*p++ = '0' + y / 10 % 10;
	*p++ = '0' + y % 10;
	p = two(two(two(p, '-', tm.tm_mon + 1), '-', tm.tm_mday), 'T',
	    tm.tm_hour);
	p = two(two(p, ':', tm.tm_min), ':', tm.tm_sec);
	*p++ = 'Z';
	*p = '\0';
	return buf;
}

/* Read exactly n digits at *sp into *v; advance. */
static int
digits(const char **sp, int n, int *v)
{
	const char	*s = *sp;

	*v = 0;
	for (int i = 0; i < n; i++, s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		*v = *v * 10 + (*s - '0');
	}
	*sp = s;
	return 0;
}

static int
mdays(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int
unit(int c, int64_t *secs)
{
	switch (c) {
	case 's':
		*secs = 1;
		return 0;
	case 'm':
		*secs = 60;
		return 0;
	case 'h':
		*secs = 3600;
		return 0;
	case 'd':
		*secs = 86400;
		return 0;
	case 'w':
		*secs = 7 * 86400;
		return 0;
	}
	return -1;
}

int
timefmt_duration(const char *s, int64_t *out, struct cerror *e)
{
	const char	*p = s;
	int64_t		 total = 0, n, u;
	char		 vis[64];

	if (*p == '\0')
		goto bad;
	while (*p != '\0') {
		if (!isdigit((unsigned char)*p))
			goto bad;
		for (n = 0; isdigit((unsigned char)*p); p++) {
			n = n * 10 + (*p - '0');
			if (n > MAXSPAN)
				goto bad;
		}
		if (unit(*p++, &u) != 0)
			goto bad;
		total += n * u;
		if (total > MAXSPAN)
			goto bad;
	}
	*out = total;
	return 0;
bad:
	return cerror_set(e, EX_DATAERR, "%s is not a duration (like 90m, "
	    "24h, 3d, 2w)", text_vis(vis, sizeof(vis), s));
}

/* Parse the zone at s: Z, +HH:MM, +HHMM, +HH, or nothing (UTC). */
static int
zone(const char *s, long *off)
{
	int	 h, m = 0, sign;

	*off = 0;
	if (*s == '\0' || (s[0] == 'Z' && s[1] == '\0'))
		return 0;
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &h) != 0 || h > 14)
		return -1;
	if (*s == ':')
		s++;
	if (*s != '\0' && (digits(&s, 2, &m) != 0 || m > 59))
		return -1;
	if (*s != '\0')
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

static int
iso(const char *s, time_t *t)
{
	struct tm	 tm;
	int		 y, mo, d, h = 0, mi = 0, sec = 0;
	long		 off;

	if (digits(&s, 4, &y) != 0 || *s++ != '-' ||
	    digits(&s, 2, &mo) != 0 || *s++ != '-' ||
	    digits(&s, 2, &d) != 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo))
		return -1;
	if (*s == 'T' || *s == ' ') {
		s++;
		if (digits(&s, 2, &h) != 0 || *s++ != ':' ||
		    digits(&s, 2, &mi) != 0)
			return -1;
		if (*s == ':') {
			s++;
			if (digits(&s, 2, &sec) != 0)
				return -1;
			if (*s == '.' || *s == ',')
				for (s++; isdigit((unsigned char)*s); s++)
					;
		}
		if (h > 23 || mi > 59 || sec > 59)
			return -1;
	}
	if (zone(s, &off) != 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*t = timegm(&tm) - off;
	return 0;
}

/*
 * A day named relative to now: today, yesterday, tomorrow, or a weekday
 * (monday or mon).  A weekday looking back (dir -1: received, --since) is
 * the latest one, today included; looking ahead, the next after today.
 * Return 0 and midnight UTC of that day in *t, or -1.
 */
static int
dayname(const char *s, time_t now, int dir, time_t *t)
{
	static const char *const wdays[] = { "sunday", "monday", "tuesday",
	    "wednesday", "thursday", "friday", "saturday" };
	struct tm	 tm;
	time_t		 midnight = now - ((now % 86400) + 86400) % 86400;
	int		 n;

	if (strcasecmp(s, "today") == 0)
		n = 0;
	else if (strcasecmp(s, "yesterday") == 0)
		n = -1;
	else if (strcasecmp(s, "tomorrow") == 0)
		n = 1;
	else {
		if (gmtime_r(&now, &tm) == NULL)
			return -1;
		for (n = 0; n < 7; n++)
			if (strcasecmp(s, wdays[n]) == 0 || (strlen(s) == 3 &&
			    strncasecmp(s, wdays[n], 3) == 0))
				break;
		if (n == 7)
			return -1;
		if (dir < 0)
			n = -((tm.tm_wday - n + 7) % 7);
		else if ((n = (n - tm.tm_wday + 7) % 7) == 0)
			n = 7;
	}
	*t = midnight + n * 86400;
	return 0;
}

int
timefmt_parse(const char *s, time_t now, int dir, time_t *t,
    struct cerror *e)
{
	struct cerror	 ignore;
	const char	*arg = s;
	int64_t		 secs;
	char		 vis[64];

	if (strcmp(s, "now") == 0)
		*t = now;
	else if (dayname(s, now, dir, t) == 0 || iso(s, t) == 0)
		;
	else {
		if (*s == '+' || *s == '-') {
			dir = *s == '-' ? -1 : 1;
			s++;
		}
		if (!isdigit((unsigned char)*s) ||
		    timefmt_duration(s, &secs, &ignore) != 0)
			return cerror_set(e, EX_DATAERR, "%s is not a time "
			    "(use ISO 8601 like 2026-11-22 or "
			    "2026-11-22T17:41Z, now, today, yesterday, "
			    "tomorrow, a weekday, or -3d, +7d, 24h)",
			    text_vis(vis, sizeof(vis), arg));
		*t = now + dir * secs;
	}
	if (*t < 0 || *t > TIMEFMT_MAX)
		return cerror_set(e, EX_DATAERR, "%s is out of range: times "
		    "go from 1970-01-01 to 9999-12-31",
		    text_vis(vis, sizeof(vis), arg));
	return 0;
}
