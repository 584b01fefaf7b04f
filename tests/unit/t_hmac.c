/*
 * t_hmac.c: HMAC-SHA-256 against the test cases of RFC 4231, section 4,
 * keys and data as the RFC gives them in hex.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "unit.h"

/* hex into out; the number of bytes */
static size_t
unhex(const char *hex, unsigned char *out)
{
	size_t	 n = 0;

	for (; hex[0] != '\0' && hex[1] != '\0'; hex += 2) {
		char	 b[3] = { hex[0], hex[1], '\0' };

		out[n++] = (unsigned char)strtoul(b, NULL, 16);
	}
	return n;
}

int
main(void)
{
	static const struct {
		const char	*name;
		const char	*key;	/* hex, or NULL: 131 bytes of 0xaa */
		const char	*data;	/* hex */
		const char	*want;	/* the first 16 bytes only: case 5 */
	} cases[] = {
		{ "1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		    "4869205468657265",
		    "b0344c61d8db38535ca8afceaf0bf12b"
		    "881dc200c9833da726e9376c2e32cff7" },
		{ "2: a key shorter than the output", "4a656665",
		    "7768617420646f2079612077616e7420"
		    "666f72206e6f7468696e673f",
		    "5bdcc146bf60754e6a042426089575c7"
		    "5a003f089d2739839dec58b964ec3843" },
		{ "3", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		    "dddddddddddddddddddddddddddddddddddddddddddddddddd"
		    "dddddddddddddddddddddddddddddddddddddddddddddddddd",
		    "773ea91e36800e46854db8ebd09181a7"
		    "2959098b3ef8c122d9635514ced565fe" },
		{ "4", "0102030405060708090a0b0c0d0e0f10111213141516171819",
		    "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
		    "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
		    "82558a389a443c0ea4cc819899f2083a"
		    "85f0faa3e578f8077a2e3ff46729665b" },
		{ "5: truncated to 128 bits",
		    "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
		    "546573742057697468205472756e636174696f6e",
		    "a3b6167473100ee06e0c796c2955552b" },
		{ "6: a key longer than a block", NULL,
		    "54657374205573696e67204c6172676572205468616e20426c6f63"
		    "6b2d53697a65204b6579202d2048617368204b6579204669727374",
		    "60e431591ee0b67f0d8a26aacbf5b77f"
		    "8e0bc6213728c5140546040f0ee37f54" },
		{ "7: a long key and long data", NULL,
		    "5468697320697320612074657374207573696e672061206c6172676572"
		    "207468616e20626c6f636b2d73697a65206b657920616e642061206c61"
		    "72676572207468616e20626c6f636b2d73697a6520646174612e205468"
		    "65206b6579206e6565647320746f20626520686173686564206265666f"
		    "7265206265696e6720757365642062792074686520484d414320616c67"
		    "6f726974686d2e",
		    "9b09ffa71b942fcb27635fbcd5b0e944"
		    "bfdc63644f0713938a7f51535c3a35e2" },
	};
	unsigned char	 key[256], data[256];
	char		 hex[65];
	size_t		 i, nkey, ndata;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].key != NULL)
			nkey = unhex(cases[i].key, key);
		else {
			nkey = 131;
			memset(key, 0xaa, nkey);
		}
		ndata = unhex(cases[i].data, data);
		hmac_sha256(key, nkey, data, ndata, hex);
		CHECK(strncmp(hex, cases[i].want, strlen(cases[i].want)) == 0,
		    "RFC 4231 test case %s: %s", cases[i].name, hex);
	}
	/* the empty key and message: a well-known value */
	hmac_sha256("", 0, "", 0, hex);
	CHECK(strcmp(hex, "b613679a0814d9ec772f95d778c35fc5"
	    "ff1697c493715653c6c712144292c5ad") == 0, "empty key and data");
	UNIT_EXIT();
}
