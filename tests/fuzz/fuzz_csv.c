/*
 * fuzz_csv.c: CSV intake, header mapping and records.  A first byte 'c'
 * reads with the cfpb map, 't' with --strict's refusal of stray quotes.  Records come out with rising first lines;
 * every text handed on is a string; an error always says why.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvin	*in = NULL;
	struct csvextra	 x;
	struct newcase	 nc;
	struct cerror	 e = { 0, "" };
	FILE		*fp;
	long		 line, last = 0;
	int		 rc, n = 0;

	if (size == 0 || (fp = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	if (csvin_open(&in, fp, data[0] == 's', data[0] == 'c' ? "cfpb" :
	    NULL, CSVIN_IGNORE_UNKNOWN | (data[0] == 't' ? CSVIN_STRICT : 0),
	    &e) != 0) {
		if (e.code == 0 || e.msg[0] == '\0')
			abort();
		fclose(fp);
		return 0;
	}
	while (n++ < 10000 && (rc = csvin_next(in, &nc, &x, &line, &e)) != 1) {
		if (line < last || line < 1)
			abort();
		last = line;
		if (rc != 0) {
			if (e.msg[0] == '\0')
				abort();
			if (rc != 65)
				break;
			continue;
		}
		if (nc.summary != NULL)
			(void)strlen(nc.summary);
		for (size_t i = 0; i < nc.ntags; i++)
			if (strchr(nc.tags[i], ',') != NULL)
				abort();
		for (size_t i = 0; i < x.n; i++)
			if (x.name[i] == NULL || x.value[i] == NULL)
				abort();
	}
	csvin_close(in);
	fclose(fp);
	return 0;
}
