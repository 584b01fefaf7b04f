/*
 * fuzz_money.c: amounts.  Whatever money_parse accepts must format and
 * parse back to the same minor units and currency.
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
	struct money	 m, back;
	char		*s, out[MONEY_LEN];

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (int neg = 0; neg <= 1; neg++) {
		if (money_parse(s, "EUR", neg, &m, &e) != 0)
			continue;
		if (!neg && m.minor < 0)
			abort();
		money_format(&m, out);
		if (money_parse(out, "USD", 1, &back, &e) != 0 ||
		    back.minor != m.minor || strcmp(back.cur, m.cur) != 0)
			abort();
	}
	free(s);
	return 0;
}
