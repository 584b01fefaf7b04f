/* t_stmttime.c: the time a statement speaks of, at its start. */
#include <stdint.h>

#include "complaint.h"
#include "unit.h"

int
main(void)
{
	static const struct {
		const char	*in;
		const char	*at;	/* "": no time */
		const char	*text;	/* what is left */
	} cases[] = {
		{ "14:05 The kettle leaked.", "14:05", "The kettle leaked." },
		{ "09:05 I unpacked it.", "09:05", "I unpacked it." },
		{ "9:05 I unpacked it.", "09:05", "I unpacked it." },
		{ "2:05 pm I called.", "14:05", "I called." },
		{ "2:05pm I called.", "14:05", "I called." },
		{ "12:30 am Night shift.", "00:30", "Night shift." },
		{ "12:30 p.m. Lunch.", "12:30", "Lunch." },
		{ "14.05 Saya menelepon.", "14:05", "Saya menelepon." },
		{ "2026-11-20 14:05 Jag ringde.", "2026-11-20T14:05",
		    "Jag ringde." },
		{ "20/11 14:05 Jag ringde.", "2026-11-20T14:05", "Jag ringde." },
		{ "20/11/2025 14:05 Earlier.", "2025-11-20T14:05", "Earlier." },
		{ "14:05, then he left.", "14:05", "then he left." },
		{ "14:05 - he left.", "14:05", "he left." },
		{ "14:05: he left.", "14:05", "he left." },
		{ "The kettle leaked at 14:05.", "", "" },
		{ "25:00 Too late.", "", "" },
		{ "14:60 No.", "", "" },
		{ "13:05 pm No.", "", "" },
		{ "14:05:30 Seconds are no clock here.", "", "" },
		{ "31/02 10:00 No such day.", "", "" },
		{ "2026-02-30 10:00 No such day.", "", "" },
		{ "1400 Not a time.", "", "" },
		{ "14:05amazing.", "", "" },
		{ "3 kettles broke.", "", "" },
		{ "", "", "" },
	};
	char	 at[STMTTIME_LEN];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = stmttime_parse(cases[i].in, 2026, at);
		if (*cases[i].at == '\0')
			CHECK(n == 0 && *at == '\0', "no time in \"%s\"",
			    cases[i].in);
		else
			CHECK(n > 0 && strcmp(at, cases[i].at) == 0 &&
			    strcmp(cases[i].in + n, cases[i].text) == 0,
			    "\"%s\" speaks of %s", cases[i].in, cases[i].at);
	}
	UNIT_EXIT();
}
