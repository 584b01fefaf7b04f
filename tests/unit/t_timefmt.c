/* t_timefmt.c: times in and out, relative times and durations. */
#include <stdint.h>
#include <time.h>

#include "complaint.h"
#include "unit.h"

int
main(void)
{
	static const struct {
		const char	*in;
		int		 dir;
		const char	*want;	/* NULL: must be rejected */
	} cases[] = {
		{ "2026-11-22", -1, "2026-11-22T00:00:00Z" },
		{ "2026-11-22T17:41:11Z", -1, "2026-11-22T17:41:11Z" },
		{ "2026-11-22T17:41Z", -1, "2026-11-22T17:41:00Z" },
		{ "2026-11-22 17:41:11", -1, "2026-11-22T17:41:11Z" },
		{ "2026-11-22T17:41:11.250Z", -1, "2026-11-22T17:41:11Z" },
		{ "2026-11-22T19:41:11+02:00", -1, "2026-11-22T17:41:11Z" },
		{ "2026-11-22T12:41:11-0500", -1, "2026-11-22T17:41:11Z" },
		{ "2024-02-29", -1, "2024-02-29T00:00:00Z" },
		{ "now", -1, "2026-11-22T10:00:00Z" },
		{ "today", -1, "2026-11-22T00:00:00Z" },
		{ "-3d", 1, "2026-11-19T10:00:00Z" },
		{ "+7d", -1, "2026-11-29T10:00:00Z" },
		{ "24h", -1, "2026-11-21T10:00:00Z" },
		{ "24h", 1, "2026-11-23T10:00:00Z" },
		{ "2w", -1, "2026-11-08T10:00:00Z" },
		{ "1d12h", 1, "2026-11-23T22:00:00Z" },
		{ "2026-02-30", -1, NULL },
		{ "2025-02-29", -1, NULL },
		{ "2026-13-01", -1, NULL },
		{ "2026-11-22T25:00", -1, NULL },
		{ "2026-11-22T23:60", -1, NULL },
		{ "2026-11-22T10:00Q", -1, NULL },
		{ "26-11-22", -1, NULL },
		/* now is a Sunday */
		{ "yesterday", -1, "2026-11-21T00:00:00Z" },
		{ "tomorrow", -1, "2026-11-23T00:00:00Z" },
		{ "today", 1, "2026-11-22T00:00:00Z" },
		{ "monday", -1, "2026-11-16T00:00:00Z" },
		{ "monday", 1, "2026-11-23T00:00:00Z" },
		{ "Sunday", -1, "2026-11-22T00:00:00Z" },
		{ "sunday", 1, "2026-11-29T00:00:00Z" },
		{ "sat", -1, "2026-11-21T00:00:00Z" },
		{ "FRI", 1, "2026-11-27T00:00:00Z" },
		{ "wednesday", -1, "2026-11-18T00:00:00Z" },
		{ "mond", -1, NULL },
		{ "monday ", -1, NULL },
		{ "Today", -1, "2026-11-22T00:00:00Z" },
		{ "1970-01-01", -1, "1970-01-01T00:00:00Z" },
		{ "9999-12-31T23:59:59Z", -1, "9999-12-31T23:59:59Z" },
		{ "1969-12-31", -1, NULL },
		{ "1970-01-01T00:30+01:00", -1, NULL },
		{ "9999-12-31T23:30-01:00", -1, NULL },
		{ "0000-01-01", -1, NULL },
		{ "1900-01-01", -1, NULL },
		{ "3x", -1, NULL },
		{ "-", -1, NULL },
		{ "", -1, NULL },
		{ "99999999999999999999d", -1, NULL },
	};
	struct cerror	 e;
	char		 buf[TIMEFMT_LEN];
	time_t		 now, t;
	int64_t		 secs;

	timefmt_parse("2026-11-22T10:00:00Z", 0, -1, &now, &e);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = timefmt_parse(cases[i].in, now, cases[i].dir, &t, &e);
		if (cases[i].want == NULL)
			CHECK(rc == 65, "timefmt_parse rejects \"%s\"",
			    cases[i].in);
		else
			CHECK(rc == 0 && strcmp(timefmt_iso(t, buf),
			    cases[i].want) == 0, "timefmt_parse \"%s\" is %s",
			    cases[i].in, cases[i].want);
	}
	CHECK(timefmt_duration("90m", &secs, &e) == 0 && secs == 5400,
	    "duration 90m");
	CHECK(timefmt_duration("2w", &secs, &e) == 0 && secs == 1209600,
	    "duration 2w");
	CHECK(timefmt_duration("h", &secs, &e) == 65, "duration h rejected");
	CHECK(timefmt_duration("5", &secs, &e) == 65,
	    "duration without a unit rejected");
	timefmt_parse("x", now, -1, &t, &e);
	CHECK(strcmp(e.msg, "x is not a time (use ISO 8601 like 2026-11-22 "
	    "or 2026-11-22T17:41Z, now, today, yesterday, tomorrow, a "
	    "weekday, or -3d, +7d, 24h)") == 0,
	    "the message names the input and the forms");
	timefmt_parse("1969-07-20", now, -1, &t, &e);
	CHECK(strcmp(e.msg, "1969-07-20 is out of range: times go from "
	    "1970-01-01 to 9999-12-31") == 0, "the range is named");
	timefmt_parse("9999-12-30", 0, -1, &now, &e);
	CHECK(timefmt_parse("+2d", now, 1, &t, &e) == 65,
	    "a relative time past 9999 is refused");
	CHECK(timefmt_parse("tomorrow", now, 1, &t, &e) == 0 &&
	    strcmp(timefmt_iso(t, buf), "9999-12-31T00:00:00Z") == 0,
	    "tomorrow on the last day but one is the last day");
	CHECK(timefmt_parse("thursday", now, 1, &t, &e) == 65,
	    "the next thursday after 9999-12-30 is refused");
	UNIT_EXIT();
}
