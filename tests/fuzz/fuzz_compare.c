/*
 * fuzz_compare.c: two random accounts (the input split at its first NUL,
 * else in half; a statement a line).  Every statement of each account
 * shows in exactly one pair; marks are the five of the contract; a = pair
 * has no facets.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t
split(char *s, struct cmp_statement *st, size_t max)
{
	size_t	 n = 0;
	char	*line, *save = NULL;

	for (line = strtok_r(s, "\n", &save); line != NULL && n < max;
	    line = strtok_r(NULL, "\n", &save)) {
		st[n].at = (n % 3 == 0) ? "14:05" : NULL;
		st[n++].text = line;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmp_statement	 a[256], b[256];
	struct cmp_result	 r;
	struct cerror		 e;
	char			*s, *half;
	size_t			 na, nb, cut;
	int			 seen_a[256] = { 0 }, seen_b[256] = { 0 };

	if (size > 65536 || (s = malloc(size + 2)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = s[size + 1] = '\0';
	cut = strlen(s) < size ? strlen(s) : size / 2;
	half = s + cut + 1;
	s[cut] = '\0';
	na = split(s, a, 256);
	nb = split(half, b, 256);
	if (compare_run(a, na, b, nb, &r, &e) == 0) {
		for (size_t i = 0; i < r.n; i++) {
			const struct cmp_pair *p = &r.v[i];
			if (strchr("=~<>^", p->mark) == NULL || p->mark == 0)
				abort();
			if (p->a >= (long)na || p->b >= (long)nb)
				abort();
			if (p->a >= 0 && seen_a[p->a]++)
				abort();
			if (p->b >= 0 && seen_b[p->b]++)
				abort();
			if ((p->mark == '<' && (p->a < 0 || p->b >= 0)) ||
			    (p->mark == '>' && (p->b < 0 || p->a >= 0)) ||
			    (strchr("=~^", p->mark) && (p->a < 0 ||
			    p->b < 0)) || (p->mark == '=' && p->facets))
				abort();
		}
		for (size_t i = 0; i < na; i++)
			if (!seen_a[i])
				abort();
		for (size_t i = 0; i < nb; i++)
			if (!seen_b[i])
				abort();
		compare_free(&r);
	}
	free(s);
	return 0;
}
