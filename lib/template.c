/*
 * template.c: the templates of the texts written for the customer, their
 * placeholders, the check of a template when it is set, and its filling.
 * Nothing here reads the case file, so the settings' check can call it.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

/*
 * Each kind of text, the setting that overrides it (the language follows
 * the prefix) and the placeholders it may hold.
 */
static const struct {
	const char	*prefix;
	const char	*const vars[5];
} kinds[] = {
	[TPL_ACK] = { "ack.template.", { "name", "case", "due", NULL } },
	[TPL_DECIDE] = { "message.decide.",
	    { "name", "case", "outcome", "reason", NULL } },
	[TPL_PROPOSE] = { "message.propose.",
	    { "name", "case", "options", NULL } },
	[TPL_FOLLOWUP] = { "message.follow-up.",
	    { "name", "case", NULL } },
};

#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

/* The length of the placeholder "{word}" at p, or 0 when it is none. */
static size_t
placeholder(const char *p)
{
	size_t	 n;

	if (*p != '{')
		return 0;
	n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz-_");
	return n > 0 && p[1 + n] == '}' ? n + 2 : 0;
}

const char *
template_key(int kind, const char *lang, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", kinds[kind].prefix, lang);
	return buf;
}

int
template_check(const char *key, const char *t, struct cerror *e)
{
	char		 known[128] = "", word[64];
	const char	*lang;
	size_t		 i, n;
	int		 ok;

	for (i = 0; i < NKINDS; i++)
		if (strncmp(key, kinds[i].prefix,
		    strlen(kinds[i].prefix)) == 0)
			break;
	if (i == NKINDS)
		return cerror_set(e, EX_DATAERR, "%s: a message is "
		    "message.decide, message.propose or message.follow-up "
		    "and a language, like message.decide.sv", key);
	lang = key + strlen(kinds[i].prefix);
	if (strlen(lang) < 2 || strlen(lang) > 3 ||
	    strspn(lang, "abcdefghijklmnopqrstuvwxyz") != strlen(lang))
		return cerror_set(e, EX_DATAERR, "%s: end the key with a "
		    "language code like en, id or sv", key);
	for (const char *const *v = kinds[i].vars; *v != NULL; v++)
		snprintf(known + strlen(known), sizeof(known) - strlen(known),
		    "%s{%s}", v == kinds[i].vars ? "" : ", ", *v);
	for (const char *p = t; *p != '\0'; p++) {
		if ((n = placeholder(p)) == 0)
			continue;
		ok = 0;
		for (const char *const *v = kinds[i].vars; *v != NULL; v++)
			if (strlen(*v) == n - 2 && strncmp(p + 1, *v,
			    n - 2) == 0)
				ok = 1;
		if (!ok) {
			snprintf(word, sizeof(word), "%.*s", (int)n, p);
			return cerror_set(e, EX_DATAERR, "%s: no placeholder "
			    "%s; the known ones are %s", key, word, known);
		}
		p += n - 1;
	}
	return 0;
}

int
template_fill(struct buf *out, const char *t, const char *const *vars)
{
	const char *const	*v;
	size_t			 n;
	int			 rc = 0;

	for (const char *p = t; *p != '\0'; p++) {
		if ((n = placeholder(p)) != 0) {
			for (v = vars; *v != NULL; v += 2)
				if (strlen(*v) == n - 2 && strncmp(p + 1, *v,
				    n - 2) == 0)
					break;
			if (*v != NULL) {
				rc |= buf_puts(out, v[1]);
				p += n - 1;
				continue;
			}
		}
		if (p[0] == '\\' && p[1] == 'n') {
			rc |= buf_puts(out, "\n");
			p++;
		} else
			rc |= buf_add(out, p, 1);
	}
	return rc;
}
