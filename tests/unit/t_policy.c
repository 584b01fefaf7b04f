/*
 * t_policy.c: due times in calendar and working time, across weekends,
 * holidays and the changes to and from daylight saving time.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "complaint.h"
#include "unit.h"

int
main(void)
{
	static const struct {
		const char	*tz;
		const char	*week;	/* NULL: calendar time */
		const char	*holidays;
		const char	*start;
		const char	*span;
		const char	*want;
		const char	*name;
	} cases[] = {
		{ "UTC", NULL, NULL, "2026-11-22T10:00:00Z", "1w2d3h",
		    "2026-12-01T13:00:00Z", "calendar: weeks, days, hours" },
		{ "Europe/Stockholm", NULL, NULL, "2026-03-28T12:00:00Z", "24h",
		    "2026-03-29T12:00:00Z", "calendar time ignores the zone" },
		{ "UTC", "mon-fri 09:00-17:00", NULL, "2026-11-20T15:00:00Z",
		    "4h", "2026-11-23T11:00:00Z", "Friday 15:00 + 4h is Monday" },
		{ "UTC", "mon-fri 09:00-17:00", NULL, "2026-11-21T15:00:00Z",
		    "1h", "2026-11-23T10:00:00Z", "Saturday starts Monday 09:00" },
		{ "UTC", "mon-fri 09:00-17:00", NULL, "2026-11-23T07:00:00Z",
		    "8h", "2026-11-23T17:00:00Z", "before opening: the whole day" },
		{ "UTC", "mon-fri 09:00-17:00", NULL, "2026-11-23T17:00:00Z",
		    "30m", "2026-11-24T09:30:00Z", "at closing: the next morning" },
		{ "UTC", "mon-fri 09:00-17:00", NULL, "2026-11-23T10:00:00Z",
		    "1w", "2026-11-30T10:00:00Z", "a week is five working days" },
		{ "UTC", "mon-fri 09:00-17:00", NULL, "2026-11-27T12:00:00Z",
		    "1d", "2026-11-30T12:00:00Z", "a day from Friday is Monday" },
		{ "UTC", "mon-fri 09:00-17:00", "2026-12-24,2026-12-25",
		    "2026-12-23T16:00:00Z", "2h", "2026-12-28T10:00:00Z",
		    "holidays are closed" },
		{ "UTC", "mon-fri 09:00-17:00, sat 10:00-12:00", NULL,
		    "2026-11-21T11:00:00Z", "3h", "2026-11-23T11:00:00Z",
		    "a short Saturday" },
		{ "UTC", "fri-mon 10:00-12:00", NULL, "2026-11-24T00:00:00Z",
		    "5h", "2026-11-29T11:00:00Z", "a week that wraps" },
		{ "Europe/Stockholm", "mon-fri 09:00-17:00", NULL,
		    "2026-03-27T09:00:00Z", "1d", "2026-03-30T08:00:00Z",
		    "a day keeps 10:00 local across spring forward" },
		{ "Europe/Stockholm", "mon-fri 09:00-17:00", NULL,
		    "2026-10-23T09:00:00Z", "1d", "2026-10-26T10:00:00Z",
		    "a day keeps 11:00 local across fall back" },
		{ "Europe/Stockholm", "mon-sun 01:00-05:00", NULL,
		    "2026-03-28T00:00:00Z", "6h", "2026-03-29T02:00:00Z",
		    "the night of spring forward has 3 hours open" },
		{ "Europe/Stockholm", "mon-sun 01:00-05:00", NULL,
		    "2026-10-24T23:00:00Z", "5h", "2026-10-25T04:00:00Z",
		    "the night of fall back has 5 hours open" },
		{ "Europe/Stockholm", "mon-sun 00:00-24:00", NULL,
		    "2026-03-28T11:00:00Z", "24h", "2026-03-29T11:00:00Z",
		    "open all day: working time is elapsed time" },
		{ "America/New_York", "mon-fri 09:00-17:00", NULL,
		    "2026-03-06T21:00:00Z", "2h", "2026-03-09T14:00:00Z",
		    "New York: Friday 16:00 EST + 2h is Monday 10:00 EDT" },
		{ "Asia/Jakarta", "mon-fri 08:00-16:00", "2026-12-25",
		    "2026-12-24T08:00:00Z", "2h", "2026-12-28T02:00:00Z",
		    "Jakarta: Christmas" },
	};
	static const char *const bad[] = {
		"", "weekdays 09:00-17:00", "mon-fri 17:00-09:00",
		"mon-fri 09:00-25:00", "mon-fri 9:00-17:00", "mon 09:00-17:00x",
		"mon-fri09:00-17:00",
	};
	struct workweek	 w;
	struct cerror	 e;
	char		 got[TIMEFMT_LEN];
	time_t		 start, due;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc;

		setenv("TZ", cases[i].tz, 1);
		tzset();
		timefmt_parse(cases[i].start, 0, -1, &start, &e);
		if (cases[i].week != NULL) {
			rc = policy_week(cases[i].week, cases[i].holidays, &w,
			    &e);
			rc = rc == 0 ? policy_add(&w, start, cases[i].span,
			    &due, &e) : rc;
			policy_week_free(&w);
		} else
			rc = policy_add(NULL, start, cases[i].span, &due, &e);
		timefmt_iso(due, got);
		CHECK(rc == 0 && strcmp(got, cases[i].want) == 0,
		    "%s (got %s)", cases[i].name, rc == 0 ? got : e.msg);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(policy_week(bad[i], NULL, &w, &e) != 0 &&
		    strstr(e.msg, "sla.week") != NULL, "week \"%s\" refused",
		    bad[i]);
	CHECK(policy_week("mon 09:00-17:00", "2026-12-25 2026-02-30", &w,
	    &e) != 0 && strstr(e.msg, "2026-02-30") != NULL,
	    "a holiday that is no date is named");
	UNIT_EXIT();
}
