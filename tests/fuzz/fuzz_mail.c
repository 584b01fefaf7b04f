/*
 * fuzz_mail.c: the e-mail parser.  Any bytes either parse into a message
 * with a From address and texts that are valid UTF-8 (the subject and
 * the name on one line) and a language that is empty or two or three
 * small letters, or fail with a code and a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
utf8(const char *s, int oneline)
{
	if (s == NULL)
		return;
	if (!text_utf8ok(s, strlen(s)))
		abort();
	if (oneline)
		for (const unsigned char *p = (const unsigned char *)s;
		    *p != '\0'; p++)
			if (*p < 0x20 || *p == 0x7f)
				abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mail	 m;
	struct cerror	 e = { 0, "" };
	int		 rc;

	/* The parser takes a byte range: copy so ASan sees overreads. */
	char *copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	rc = mail_parse(copy, size, &m, &e);
	if (rc == 0) {
		if (m.from_addr == NULL || strchr(m.from_addr, '@') == NULL)
			abort();
		utf8(m.from_name, 1);
		utf8(m.subject, 1);
		utf8(m.message_id, 0);
		utf8(m.body, 0);
		if (*m.lang != '\0' && (strlen(m.lang) < 2 ||
		    strspn(m.lang, "abcdefghijklmnopqrstuvwxyz") !=
		    strlen(m.lang)))
			abort();
		for (size_t i = 0; i < m.natt; i++) {
			utf8(m.att[i].name, 0);
			if (m.att[i].type == NULL ||
			    strlen(m.att[i].sha256) != 64)
				abort();
		}
	} else if (e.code == 0 || e.msg[0] == '\0' || rc != e.code)
		abort();
	mail_free(&m);
	free(copy);
	return 0;
}
