/*
 * fuzz_text.c: records out.  Text output of any field never carries a
 * control character; JSON output of valid UTF-8 is valid UTF-8 without raw
 * controls.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char *
render(int fmt, const struct row *r, size_t *n)
{
	struct textout	 t;
	char		*s = NULL;
	FILE		*fp = open_memstream(&s, n);

	textout_init(&t, fp, fmt);
	textout_row(&t, r);
	textout_free(&t);
	fclose(fp);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "id", "text" };
	static const int types[] = { VAL_INT, VAL_TEXT };
	const char	*vals[2] = { "1", NULL };
	struct row	 r = { 2, names, vals, types };
	char		*s, *out;
	size_t		 n;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	vals[1] = s;
	out = render(OUT_TEXT, &r, &n);
	/* One record: tab after the id, newline only at the end. */
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)out[i] < 0x20 && out[i] != '\t' &&
		    i != n - 1) || (out[i] == '\t' && i != 1) ||
		    out[i] == 0x7f)
			abort();
	free(out);
	if (text_utf8ok(s, strlen(s))) {
		out = render(OUT_JSON, &r, &n);
		if (!text_utf8ok(out, n))
			abort();
		for (size_t i = 0; i + 1 < n; i++)
			if ((unsigned char)out[i] < 0x20)
				abort();
		free(out);
	}
	free(s);
	return 0;
}
