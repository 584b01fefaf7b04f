/*
 * replay.c: run a fuzz target's check on files, without libFuzzer, so the
 * seed corpus and every input a fuzzer once crashed on are tests in
 * make check (and under the sanitizers in make asan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		FILE	*fp = fopen(argv[i], "rb");
		char	*buf = NULL;
		size_t	 n = 0, cap = 0, r;

		if (fp == NULL) {
			printf("not ok - replay %s: cannot open\n", argv[i]);
			continue;
		}
		do {
			if (n == cap && (buf = realloc(buf, cap = cap * 2 +
			    4096)) == NULL)
				return 1;
			r = fread(buf + n, 1, cap - n, fp);
			n += r;
		} while (r > 0);
		fclose(fp);
		/* A failed check aborts, so reaching here is a pass. */
		LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
		printf("ok - replay %s\n", argv[i]);
		free(buf);
	}
	return 0;
}
