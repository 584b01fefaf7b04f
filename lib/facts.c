/*
 * facts.c: the names the tools share, each list written once, here:
 * statuses, severities, steps, offer kinds and channels.  The library
 * checks input against these tables, `complaint --list KIND` prints them
 * and the shell completions ask it.  The severities and the ended
 * statuses, which SQL needs too, are X-macros in internal.h.
 */
#include <string.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define NAME_(n, name)	name,
#define ENDED_(name)	name,

/* In the order of the state table (state.c); the last three have ended. */
const char *const facts_statuses[] = {
	"new", "acknowledged", "investigating", "proposed", "agreed",
	"escalated", "decided", "follow-up", "waiting",
	FACTS_ENDED(ENDED_, ENDED_) NULL
};

/* Severity n (1 to 4, as the case file stores it) is [n - 1]. */
const char *const facts_severities[] = {
	FACTS_SEVERITIES(NAME_) NULL
};

/* The steps of the state table, in the order of the V_ constants. */
const char *const facts_steps[] = {
	"ack", "interview", "assign", "wait", "propose", "accept", "decline",
	"counter", "escalate", "decide", "follow-up", "satisfied",
	"unsatisfied", "close", "dismiss", "merge", "reopen", NULL
};

const char *const facts_offer_kinds[] = {
	"refund", "partial-refund", "discount", "replacement", "repair",
	"credit", "free-follow-up", "apology", "process-change", "other", NULL
};

/* How a complaint came in, or a note was said or written. */
const char *const facts_channels[] = {
	"email", "phone", "web", "chat", "letter", "in-person", NULL
};

static const struct {
	const char		*kind;
	const char *const	*list;
} kinds[] = {
	{ "statuses", facts_statuses },
	{ "severities", facts_severities },
	{ "steps", facts_steps },
	{ "offer-kinds", facts_offer_kinds },
	{ "channels", facts_channels },
};

const char *
facts_kind(size_t i)
{
	return i < sizeof(kinds) / sizeof(kinds[0]) ? kinds[i].kind : NULL;
}

const char *const *
facts_list(const char *kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].kind) == 0)
			return kinds[i].list;
	return NULL;
}

int
facts_find(const char *const *list, const char *s)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return i;
	return -1;
}

char *
facts_join(const char *const *list, char *buf, size_t size)
{
	*buf = '\0';
	for (size_t i = 0; list[i] != NULL; i++) {
		if (i > 0)
			strlcat(buf, list[i + 1] == NULL ? " or " : ", ", size);
		strlcat(buf, list[i], size);
	}
	return buf;
}
