/*
 * fuzz_stmttime.c: the time at a statement's start.  What is found is
 * "HH:MM" or "YYYY-MM-DDTHH:MM" with valid fields, within the line.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, at[STMTTIME_LEN];
	size_t	 n, len;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = stmttime_parse(s, 2026, at);
	len = strlen(at);
	if (n > strlen(s) || (n == 0) != (len == 0) ||
	    (len != 0 && len != 5 && len != 16))
		abort();
	if (len > 0) {
		const char *t = at + len - 5;
		int h = (t[0] - '0') * 10 + t[1] - '0';
		int m = (t[3] - '0') * 10 + t[4] - '0';
		if (!isdigit((unsigned char)t[0]) || t[2] != ':' || h > 23 ||
		    m > 59)
			abort();
	}
	free(s);
	return 0;
}
