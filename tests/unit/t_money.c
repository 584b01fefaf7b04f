/* t_money.c: amounts in minor units with a currency. */
#include <stdint.h>

#include "complaint.h"
#include "unit.h"

int
main(void)
{
	static const struct {
		const char	*in;
		int		 neg;
		const char	*want;	/* NULL: must be rejected */
	} cases[] = {
		{ "49.90", 0, "49.90 EUR" },
		{ "49.9", 0, "49.90 EUR" },
		{ "49", 0, "49.00 EUR" },
		{ "49.90 EUR", 0, "49.90 EUR" },
		{ "EUR 49.90", 0, "49.90 EUR" },
		{ "49.90 sek", 0, "49.90 SEK" },
		{ " 12.5 USD ", 0, "12.50 USD" },
		{ "1500 JPY", 0, "1500 JPY" },
		{ "1.5 JPY", 0, NULL },
		{ "1.234 KWD", 0, "1.234 KWD" },
		{ "0", 0, "0.00 EUR" },
		{ "-5.00", 1, "-5.00 EUR" },
		{ "-5.00", 0, NULL },
		{ "-0", 0, NULL },
		{ "49.9.0", 0, NULL },
		{ "49.999", 0, NULL },
		{ "1e9999", 0, NULL },
		{ "9223372036854775808", 0, NULL },
		{ "92233720368547758.08", 0, NULL },
		{ "92233720368547758.07", 0, "92233720368547758.07 EUR" },
		{ "", 0, NULL },
		{ ".5", 0, NULL },
		{ "5.", 0, NULL },
		{ "1,000.00", 0, NULL },
		{ "49.90 EURO", 0, NULL },
		{ "49.90 EUR USD", 0, NULL },
		{ "abc", 0, NULL },
	};
	struct cerror	 e;
	struct money	 m;
	char		 buf[MONEY_LEN];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = money_parse(cases[i].in, "EUR", cases[i].neg, &m, &e);
		if (cases[i].want == NULL)
			CHECK(rc == 65, "money_parse rejects \"%s\"",
			    cases[i].in);
		else
			CHECK(rc == 0 && strcmp(money_format(&m, buf),
			    cases[i].want) == 0, "money_parse \"%s\" is %s",
			    cases[i].in, cases[i].want);
	}
	CHECK(money_parse("49.90", "EU", 0, &m, &e) == 65,
	    "a bad default currency is refused");
	money_parse("49.90", "EUR", 0, &m, &e);
	CHECK(m.minor == 4990, "49.90 is 4990 minor units");
	UNIT_EXIT();
}
