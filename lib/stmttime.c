/*
 * stmttime.c: the time a statement speaks of, at its start: "14:05",
 * "2:05 pm", "14.05", "2026-11-20 14:05", "20/11 14:05", "20/11/2026
 * 14:05".  A time of day alone is kept as "14:05"; with a date, as
 * "2026-11-20T14:05" (the year of a day/month is the interview's).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "complaint.h"

/* Up to max digits at *sp; return the count read. */
static int
num(const char **sp, int max, int *v)
{
	const char	*s = *sp;
	int		 n = 0;

	*v = 0;
	while (n < max && isdigit((unsigned char)*s)) {
		*v = *v * 10 + (*s++ - '0');
		n++;
	}
	*sp = s;
	return n;
}

static int
valid_date(int y, int m, int d)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > days[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/* A time of day at *sp: H:MM or H.MM, then am/pm; advance past it. */
static int
time_of_day(const char **sp, int *h, int *mi)
{
	const char	*s = *sp, *ap;
	int		 n;

	if ((n = num(&s, 2, h)) == 0 || (*s != ':' && *s != '.'))
		return -1;
	s++;
	if (num(&s, 2, mi) != 2 || *mi > 59)
		return -1;
	for (ap = s; *ap == ' '; ap++)
		;
	if ((strncasecmp(ap, "am", 2) == 0 || strncasecmp(ap, "a.m.", 4) == 0 ||
	    strncasecmp(ap, "pm", 2) == 0 || strncasecmp(ap, "p.m.", 4) == 0) &&
	    !isalpha((unsigned char)ap[ap[1] == '.' ? 4 : 2])) {
		if (*h < 1 || *h > 12)
			return -1;
		*h = *h % 12 + (tolower((unsigned char)*ap) == 'p' ? 12 : 0);
		s = ap + (ap[1] == '.' ? 4 : 2);
	} else if (*h > 23)
		return -1;
	/* The time must stand alone: "14:05:30" or "14:05x" is no time. */
	if ((*s != '\0' && *s != ' ' && *s != '\t' && *s != ',' && *s != '-' &&
	    *s != ':') || (*s == ':' && isdigit((unsigned char)s[1])))
		return -1;
	*sp = s;
	return 0;
}

size_t
stmttime_parse(const char *line, int year, char out[STMTTIME_LEN])
{
	const char	*s = line, *p;
	char		 buf[48];
	int		 y = 0, m = 0, d = 0, h, mi, dated = 0;

	*out = '\0';
	p = s;
	if (num(&p, 4, &y) == 4 && *p == '-' && (p++, num(&p, 2, &m)) == 2 &&
	    *p == '-' && (p++, num(&p, 2, &d)) == 2 &&
	    (*p == ' ' || *p == 'T')) {
		if (!valid_date(y, m, d))
			return 0;
		s = p + 1;
		dated = 1;
	} else {
		p = s;
		if (num(&p, 2, &d) > 0 && *p == '/' &&
		    (p++, num(&p, 2, &m)) > 0) {
			y = year;
			if (*p == '/') {
				p++;
				if (num(&p, 4, &y) != 4)
					return 0;
			}
			if (*p != ' ' || !valid_date(y, m, d))
				return 0;
			s = p + 1;
			dated = 1;
		}
	}
	if (time_of_day(&s, &h, &mi) != 0)
		return 0;
	/* The values are checked; the compiler cannot see it. */
	if (dated)
		snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d", y, m, d,
		    h, mi);
	else
		snprintf(buf, sizeof(buf), "%02d:%02d", h, mi);
	strlcpy(out, buf, STMTTIME_LEN);
	/* Past the separators after the time: the statement starts there. */
	while (*s == ' ' || *s == '\t' || *s == ',' || *s == '-' || *s == ':')
		s++;
	return (size_t)(s - line);
}
