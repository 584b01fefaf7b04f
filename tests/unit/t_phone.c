/* t_phone.c: phone numbers into E.164, with and without a country. */
#include <stdint.h>

#include "complaint.h"
#include "unit.h"

int
main(void)
{
	static const struct {
		const char	*in;
		const char	*country;
		const char	*want;	/* NULL: must be rejected */
	} cases[] = {
		{ "+46 70 123 45 67", NULL, "+46701234567" },
		{ "+46 (0)70-123 45 67", NULL, "+46701234567" },
		{ "0046701234567", NULL, "+46701234567" },
		{ "070-123 45 67", NULL, "0701234567" },
		{ "070-123 45 67", "", "0701234567" },
		{ "070-123 45 67", "SE", "+46701234567" },
		{ "070 123 45 67", "se", "+46701234567" },
		{ "+46 70 123 45 67", "ID", "+46701234567" },
		{ "0812-3456-7890", "ID", "+6281234567890" },
		{ "(0)20 7946 0000", "GB", "+442079460000" },
		{ "212 555 0100", "US", "+12125550100" },
		{ "1 (212) 555-0100", "US", "+12125550100" },
		{ "22 12 34 56", "NO", "+4722123456" },
		{ "06 1234 5678", "IT", "+390612345678" },
		{ "070-123 45 67", "XX", "0701234567" },
		{ "+46 8/123 45", NULL, "+46812345" },
		{ "12", NULL, NULL },
		{ "+", NULL, NULL },
		{ "0", "SE", NULL },
		{ "070 CALL ME", NULL, NULL },
		{ "+46+70", NULL, NULL },
		{ "", NULL, NULL },
		{ "123456789012345678901234567890123", NULL, NULL },
	};
	char	 out[64], list[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = phone_norm(cases[i].in, cases[i].country, out,
		    sizeof(out));

		if (cases[i].want == NULL)
			CHECK(rc == -1, "phone_norm rejects \"%s\"",
			    cases[i].in);
		else
			CHECK(rc == 0 && strcmp(out, cases[i].want) == 0,
			    "phone_norm \"%s\" in %s is %s (got %s)",
			    cases[i].in, cases[i].country ? cases[i].country :
			    "none", cases[i].want, rc == 0 ? out : "an error");
	}
	CHECK(phone_norm("+46701234567", NULL, out, 12) == -1,
	    "a number that does not fit the buffer is an error");
	CHECK(phone_country("SE") == 0 && phone_country("id") == 0 &&
	    phone_country("") == 0, "SE, id and nothing are countries");
	CHECK(phone_country("SW") == -1 && phone_country("SWE") == -1,
	    "SW and SWE are not");
	CHECK(phone_national("+46701234567", "SE", out, sizeof(out)) == 0 &&
	    strcmp(out, "0701234567") == 0, "+46701234567 in SE was %s",
	    out);
	CHECK(phone_national("+12125550100", "US", out, sizeof(out)) == 0 &&
	    strcmp(out, "12125550100") == 0, "+12125550100 in US was %s",
	    out);
	CHECK(phone_national("+4722123456", "NO", out, sizeof(out)) == 0 &&
	    strcmp(out, "22123456") == 0, "+4722123456 in NO was %s", out);
	CHECK(phone_national("+62812345", "SE", out, sizeof(out)) == -1 &&
	    phone_national("0701234567", "SE", out, sizeof(out)) == -1 &&
	    phone_national("+46701234567", NULL, out, sizeof(out)) == -1,
	    "a number of another country, or none, has no national form");
	phone_countries(list, sizeof(list));
	CHECK(strncmp(list, "AT AU BE ", 9) == 0 &&
	    strstr(list, " SE ") != NULL && strstr(list, " ID ") != NULL,
	    "the countries are listed: %s", list);
	UNIT_EXIT();
}
