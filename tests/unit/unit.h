/*
 * unit.h: a table-driven test prints "ok - NAME" or "not ok - NAME" for
 * each check and exits non-zero when any failed.
 */
#include <stdio.h>
#include <string.h>

static int unit_failed;

#define CHECK(cond, ...) do {						\
	if (cond)							\
		printf("ok - ");					\
	else {								\
		printf("not ok - ");					\
		unit_failed = 1;					\
	}								\
	printf(__VA_ARGS__);						\
	putchar('\n');							\
} while (0)

#define UNIT_EXIT()	return unit_failed
