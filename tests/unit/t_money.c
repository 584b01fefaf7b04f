/*
 * t_money.c: amounts in minor units with a currency, written as people
 * write them in English, Swedish and Indonesian; ambiguous ones refused.
 */
#include <stdint.h>
#include <string.h>

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
		{ "1,000.00", 0, "1000.00 EUR" },
		/* As people write them. */
		{ "599 kr", 0, "599.00 SEK" },
		{ "599,00 kr", 0, "599.00 SEK" },
		{ "1 299 kr", 0, "1299.00 SEK" },
		{ "1\xc2\xa0" "299 kr", 0, "1299.00 SEK" },
		{ "1\xe2\x80\xaf" "299,50 kr", 0, "1299.50 SEK" },
		{ "kr 599", 0, "599.00 SEK" },
		{ "SEK 1 299,50", 0, "1299.50 SEK" },
		{ "1.299 kr", 0, "1299.00 SEK" },
		{ "Rp 350.000", 0, "350000.00 IDR" },
		{ "Rp350.000,00", 0, "350000.00 IDR" },
		{ "Rp. 1.250.000", 0, "1250000.00 IDR" },
		{ "350.000 IDR", 0, "350000.00 IDR" },
		{ "$120", 0, "120.00 USD" },
		{ "$1,299.50", 0, "1299.50 USD" },
		{ "US$ 5", 0, "5.00 USD" },
		{ "\xe2\x82\xac" "49,90", 0, "49.90 EUR" },
		{ "49,90 \xe2\x82\xac", 0, "49.90 EUR" },
		{ "\xc2\xa3" "3.50", 0, "3.50 GBP" },
		{ "EUR 49,90", 0, "49.90 EUR" },
		{ "49,9", 0, "49.90 EUR" },
		{ "1.234,50", 0, "1234.50 EUR" },
		{ "1.234.567", 0, "1234567.00 EUR" },
		{ "1,234 USD", 0, "1234.00 USD" },
		{ "49.90EUR", 0, "49.90 EUR" },
		{ "1.234", 0, NULL },
		{ "1,234", 0, NULL },
		{ "1.234 USD", 0, NULL },
		{ "12.34.567", 0, NULL },
		{ "1.234,5.6", 0, NULL },
		{ "1 2345", 0, NULL },
		{ "12 kroner", 0, NULL },
		{ "kroner 12", 0, NULL },
		{ "kr", 0, NULL },
		{ "\xe2\x82\xac", 0, NULL },
		{ "5 \xe2\x82\xac\xe2\x82\xac", 0, NULL },
		{ "1,,5", 0, NULL },
		{ "1. 5", 0, NULL },
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
	CHECK(money_parse("1.234", "EUR", 0, &m, &e) == 65 &&
	    strcmp(e.msg, "1.234 is ambiguous in EUR: 1234.00 EUR (the point "
	    "groups thousands) or 1.234 EUR (the point marks decimals); write "
	    "1234.00 for the first") == 0, "1.234 in EUR names both readings");
	CHECK(money_parse("1.234", "IDR", 0, &m, &e) == 0 &&
	    m.minor == 123400, "1.234 in rupiah is a thousand and more");
	CHECK(money_parse("99 kr", "NOK", 0, &m, &e) == 0 &&
	    strcmp(m.cur, "NOK") == 0, "kr is the default's when it is a krone");
	CHECK(money_parse("$5", "AUD", 0, &m, &e) == 0 &&
	    strcmp(m.cur, "AUD") == 0, "$ is the default's when it is a dollar");
	UNIT_EXIT();
}
