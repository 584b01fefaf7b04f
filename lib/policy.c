/*
 * policy.c: due times from the policy for a severity.  A span (4h, 3d,
 * 1w2d) is added in calendar time, or in working time when the setting
 * sla.week names a working week: then hours and minutes count only the
 * open hours, a day is one working day (the same point of the next
 * working day) and a week as many working days as the week has open.
 * Holidays (sla.holidays) are closed.  The week is in the zone of the
 * setting tz, so local hours hold across changes to daylight saving time.
 * A zone name is checked here too (casefile_tz), for settings.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "complaint.h"
#include "internal.h"

#define SEARCH_DAYS	3700	/* ten years and then some */

struct policy {
	char		 ack[4][32];
	char		 resolve[4][32];
	int		 working;
	struct workweek	 w;
};

struct date {
	int	 y, m, d, wday;
};

static const char *const daynames[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat"
};

static int
dayname(const char **sp)
{
	for (int i = 0; i < 7; i++)
		if (strncmp(*sp, daynames[i], 3) == 0) {
			*sp += 3;
			return i;
		}
	return -1;
}

/* HH:MM as minutes after midnight, 00:00 to 24:00. */
static int
hhmm(const char **sp)
{
	const char	*s = *sp;
	int		 h, m;

	if (s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[2] != ':' || s[3] < '0' || s[3] > '5' || s[4] < '0' ||
	    s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[3] - '0') * 10 + s[4] - '0';
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	*sp = s + 5;
	return h * 60 + m;
}

static int
holiday_cmp(const void *a, const void *b)
{
	int	 x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
holidays(const char *s, struct workweek *w, struct cerror *e)
{
	const char	*p = s;
	char		 day[11], vis[32];
	time_t		 t;
	size_t		 n;
	int		*h;

	while (*p != '\0') {
		p += strspn(p, ", ");
		if (*p == '\0')
			break;
		n = strcspn(p, ", ");
		if (n != 10)
			goto bad;
		memcpy(day, p, 10);
		day[10] = '\0';
		if (timefmt_parse(day, 0, 0, &t, e) != 0)
			goto bad;
		if ((h = reallocarray(w->holidays, w->nholidays + 1,
		    sizeof(*h))) == NULL)
			return cerror_set(e, EX_OSERR, "out of memory");
		w->holidays = h;
		h[w->nholidays++] = atoi(day) * 10000 + atoi(day + 5) * 100 +
		    atoi(day + 8);
		p += n;
	}
	if (w->nholidays > 1)
		qsort(w->holidays, w->nholidays, sizeof(int), holiday_cmp);
	return 0;
bad:
	n = strcspn(p, ", ");
	return cerror_set(e, EX_DATAERR, "sla.holidays: %s is not a date "
	    "(give dates like 2026-12-25, separated by commas)",
	    text_vis(vis, sizeof(vis), n < 20 ? p : "that"));
}

int
policy_week(const char *week, const char *hols, struct workweek *w,
    struct cerror *e)
{
	const char	*p = week;
	int		 from, to, open, close, any = 0;

	memset(w, 0, sizeof(*w));
	for (int i = 0; i < 7; i++)
		w->open[i] = w->close[i] = -1;
	while (*p != '\0') {
		p += strspn(p, ", ");
		if (*p == '\0')
			break;
		if ((from = to = dayname(&p)) < 0)
			goto bad;
		if (*p == '-' && (to = (p++, dayname(&p))) < 0)
			goto bad;
		if (*p++ != ' ' || (open = hhmm(&p)) < 0 || *p++ != '-' ||
		    (close = hhmm(&p)) < 0 || close <= open ||
		    (*p != '\0' && *p != ','))
			goto bad;
		for (int d = from;; d = (d + 1) % 7) {
			w->open[d] = open;
			w->close[d] = close;
			if (d == to)
				break;
		}
		any = 1;
	}
	if (!any)
		goto bad;
	if (hols != NULL && holidays(hols, w, e) != 0) {
		policy_week_free(w);
		return e->code;
	}
	return 0;
bad:
	return cerror_set(e, EX_DATAERR, "sla.week: give days and hours like "
	    "\"mon-fri 09:00-17:00, sat 10:00-14:00\"");
}

void
policy_week_free(struct workweek *w)
{
	free(w->holidays);
	w->holidays = NULL;
	w->nholidays = 0;
}

/* The day of tm. */
static void
date_tm(const struct tm *tm, struct date *dt)
{
	dt->y = tm->tm_year + 1900;
	dt->m = tm->tm_mon + 1;
	dt->d = tm->tm_mday;
	dt->wday = tm->tm_wday;
}

static void
date_of(time_t t, struct date *dt, int *sec)
{
	struct tm	 tm;

	localtime_r(&t, &tm);
	date_tm(&tm, dt);
	*sec = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

/* The next day of the calendar, whatever the zone. */
static void
date_next(struct date *dt)
{
	struct tm	 tm = { 0 };
	time_t		 t;

	tm.tm_year = dt->y - 1900;
	tm.tm_mon = dt->m - 1;
	tm.tm_mday = dt->d + 1;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	date_tm(&tm, dt);
}

/* The moment of minute (0 to 1440) of day dt, in local time. */
static time_t
at(const struct date *dt, int minute)
{
	struct tm	 tm = { 0 };

	tm.tm_year = dt->y - 1900;
	tm.tm_mon = dt->m - 1;
	tm.tm_mday = dt->d;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int
workday(const struct workweek *w, const struct date *dt)
{
	int	 key = dt->y * 10000 + dt->m * 100 + dt->d;

	return w->open[dt->wday] >= 0 && (w->nholidays == 0 ||
	    bsearch(&key, w->holidays, w->nholidays, sizeof(int),
	    holiday_cmp) == NULL);
}

/*
 * The first open moment at or after t, with the day it falls on; -1 when
 * none comes within SEARCH_DAYS.
 */
static time_t
next_open(const struct workweek *w, time_t t, struct date *dt)
{
	time_t	 o, c;
	int	 sec;

	date_of(t, dt, &sec);
	for (int i = 0; i < SEARCH_DAYS; i++, date_next(dt)) {
		if (!workday(w, dt))
			continue;
		o = at(dt, w->open[dt->wday]);
		c = at(dt, w->close[dt->wday]);
		if (t < o)
			return o;
		if (t < c)
			return t;
	}
	return -1;
}

/* Add weeks, days and seconds of working time to t. */
static time_t
add_working(const struct workweek *w, time_t t, int64_t days, int64_t secs)
{
	struct date	 dt;
	time_t		 c, into;

	if ((t = next_open(w, t, &dt)) == -1)
		return -1;
	into = t - at(&dt, w->open[dt.wday]);
	for (int64_t i = 0; i < days; i++) {
		int n = 0;
		do
			date_next(&dt);
		while (!workday(w, &dt) && ++n < SEARCH_DAYS);
		if (n == SEARCH_DAYS)
			return -1;
		t = at(&dt, w->open[dt.wday]) + into;
		if (t > (c = at(&dt, w->close[dt.wday])))
			t = c;
	}
	while (secs > 0) {
		if ((t = next_open(w, t, &dt)) == -1)
			return -1;
		c = at(&dt, w->close[dt.wday]);
		if (t + secs <= c)
			return t + secs;
		secs -= c - t;
		t = c;
	}
	return t;
}

static int
no_workday(struct cerror *e)
{
	return cerror_set(e, EX_DATAERR, "sla.week and sla.holidays leave no "
	    "working day within ten years");
}

int
policy_add(const struct workweek *w, time_t start, const char *span,
    time_t *due, struct cerror *e)
{
	int64_t		 total, n = 0, weeks = 0, days = 0, secs = 0;
	int		 open = 0;

	if (timefmt_duration(span, &total, e) != 0)
		return e->code;
	if (w == NULL) {
		*due = start + total;
		goto range;
	}
	for (const char *p = span; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			n = n * 10 + (*p - '0');
			continue;
		}
		switch (*p) {
		case 'w':
			weeks += n;
			break;
		case 'd':
			days += n;
			break;
		case 'h':
			secs += n * 3600;
			break;
		case 'm':
			secs += n * 60;
			break;
		default:
			secs += n;
			break;
		}
		n = 0;
	}
	for (int i = 0; i < 7; i++)
		open += w->open[i] >= 0;
	if ((*due = add_working(w, start, weeks * open + days, secs)) == -1)
		return no_workday(e);
range:
	/* Past 9999 a time has no ISO 8601 form of TIMEFMT_LEN. */
	if (*due > TIMEFMT_MAX)
		return cerror_set(e, EX_DATAERR, "the due time falls after "
		    "9999-12-31T23:59:59Z; give an earlier received time");
	return 0;
}

/* The working time between from and to, in seconds. */
static int64_t
working_between(const struct workweek *w, time_t from, time_t to)
{
	struct date	 dt;
	time_t		 t = from, c;
	int64_t		 secs = 0;

	while (t < to && (t = next_open(w, t, &dt)) != -1 && t < to) {
		c = at(&dt, w->close[dt.wday]);
		secs += (c < to ? c : to) - t;
		t = c;
	}
	return secs;
}

void
policy_free(struct policy *p)
{
	if (p != NULL)
		policy_week_free(&p->w);
	free(p);
}

/* Read the policy's settings once per case file. */
static int
load(struct casefile *cf, struct cerror *e)
{
	struct policy	*p;
	struct cerror	 unset;
	char		 key[32], week[512], *hols = NULL, tz[128];
	int		 rc = 0;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	for (int i = 0; i < 4 && rc == 0; i++) {
		snprintf(key, sizeof(key), "sla.ack.%d", i + 1);
		rc = casefile_setting(cf, key, p->ack[i], sizeof(p->ack[i]), e);
		snprintf(key, sizeof(key), "sla.resolve.%d", i + 1);
		if (rc == 0)
			rc = casefile_setting(cf, key, p->resolve[i],
			    sizeof(p->resolve[i]), e);
	}
	if (rc == 0 && casefile_setting(cf, "sla.week", week, sizeof(week),
	    &unset) == 0 && *week != '\0') {
		if ((hols = malloc(4001)) == NULL)
			rc = cerror_set(e, EX_OSERR, "out of memory");
		else if (casefile_setting(cf, "sla.holidays", hols, 4001,
		    &unset) != 0)
			*hols = '\0';
		if (rc == 0)
			rc = policy_week(week, hols, &p->w, e);
		p->working = rc == 0;
		if (rc == 0 && casefile_setting(cf, "tz", tz, sizeof(tz),
		    &unset) == 0 && (rc = casefile_tz(tz, e)) == 0) {
			setenv("TZ", tz, 1);
			tzset();
		}
	}
	free(hols);
	if (rc != 0) {
		policy_free(p);
		return rc;
	}
	cf->policy = p;
	cf->free_policy = policy_free;
	return 0;
}

int
policy_due(struct casefile *cf, const char *kind, int sev, time_t start,
    time_t *due, struct cerror *e)
{
	const char	*span;
	int		 rc;

	if (cf->policy == NULL && (rc = load(cf, e)) != 0)
		return rc;
	if (sev < 1 || sev > 4)
		sev = 2;
	span = strcmp(kind, "ack") == 0 ? cf->policy->ack[sev - 1] :
	    cf->policy->resolve[sev - 1];
	if ((rc = policy_add(cf->policy->working ? &cf->policy->w : NULL,
	    start, span, due, e)) != 0)
		return cerror_prefix(e, rc, kind);
	return 0;
}

int
policy_shift(struct casefile *cf, time_t due, time_t from, time_t to,
    time_t *out, struct cerror *e)
{
	const struct workweek	*w;
	int64_t			 secs;
	int			 rc;

	if (cf->policy == NULL && (rc = load(cf, e)) != 0)
		return rc;
	*out = due;
	if (to <= from)
		return 0;
	if (!cf->policy->working) {
		*out = due + (to - from);
		return 0;
	}
	w = &cf->policy->w;
	if ((secs = working_between(w, from, to)) > 0 &&
	    (*out = add_working(w, due, 0, secs)) == -1)
		return no_workday(e);
	return 0;
}

int
casefile_tz(const char *tz, struct cerror *e)
{
	const char	*dir;
	char		 path[1024], vis[80];

	if (strcmp(tz, "UTC") == 0)
		return 0;
	if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if (*tz == '\0' || *tz == '/' || strstr(tz, "..") != NULL ||
	    strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/_+-") != strlen(tz) ||
	    snprintf(path, sizeof(path), "%s/%s", dir, tz) >=
	    (int)sizeof(path) || access(path, R_OK) != 0)
		return cerror_set(e, EX_DATAERR, "tz: no time zone %s in %s "
		    "(give a name like Europe/Stockholm or UTC; install "
		    "tzdata)", text_vis(vis, sizeof(vis), tz), dir);
	return 0;
}
