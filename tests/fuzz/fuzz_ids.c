/*
 * fuzz_ids.c: case ids from standard input.  Every id read is positive
 * and taken once; an error always says why.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "complaint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*argv[] = { "-" };
	struct ids	 ids = { NULL, 0, 0 };
	struct cerror	 e = { 0, "" };
	FILE		*fp;

	if (size == 0 || (fp = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	if (ids_collect(&ids, argv, 1, fp, &e) == 0) {
		for (size_t i = 0; i < ids.n; i++) {
			if (ids.v[i] <= 0)
				abort();
			for (size_t j = 0; j < i; j++)
				if (ids.v[j] == ids.v[i])
					abort();	/* taken twice */
		}
	} else if (e.code == 0 || e.msg[0] == '\0')
		abort();
	fclose(fp);
	ids_free(&ids);
	return 0;
}
