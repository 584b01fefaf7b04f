/*
 * fuzz_time.c: times and durations.  Whatever timefmt_parse accepts must
 * print as ISO 8601 and parse back to the same second.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cerror	 e;
	char		*s, iso[TIMEFMT_LEN];
	time_t		 t, back;
	int64_t		 secs;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (timefmt_parse(s, 1795428000, -1, &t, &e) == 0) {
		timefmt_iso(t, iso);
		if (strcmp(iso, "invalid") != 0 &&
		    (timefmt_parse(iso, 0, -1, &back, &e) != 0 || back != t))
			abort();
	}
	if (timefmt_duration(s, &secs, &e) == 0 && secs < 0)
		abort();
	free(s);
	return 0;
}
