/*
 * t_template.c: the templates of the texts for the customer: a setting's
 * placeholders checked against its text's, and a template filled.
 */
#include <stdint.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"
#include "unit.h"

int
main(void)
{
	static const struct {
		const char	*key;
		const char	*value;
		int		 code;
		const char	*msg;	/* the message when refused */
	} checks[] = {
		{ "message.decide.sv", "Hej {name}, {outcome} {reason}", 0,
		    NULL },
		{ "message.decide.id", "{case}{case}{name}", 0, NULL },
		{ "message.propose.en", "{options}\\nOK?", 0, NULL },
		{ "message.follow-up.sv", "Hej {name}! Nöjd? {case}", 0,
		    NULL },
		{ "ack.template.id", "Yth. {name}, {case} {due}", 0, NULL },
		/* Braces that are no placeholder are text. */
		{ "message.decide.en", "{ name } {} {Name} {a1} {", 0, NULL },
		{ "message.decide.sv", "{options}", EX_DATAERR,
		    "message.decide.sv: no placeholder {options}; the known "
		    "ones are {name}, {case}, {outcome}, {reason}" },
		{ "message.propose.en", "{name} {due}", EX_DATAERR,
		    "message.propose.en: no placeholder {due}; the known ones "
		    "are {name}, {case}, {options}" },
		{ "message.follow-up.id", "{score}", EX_DATAERR,
		    "message.follow-up.id: no placeholder {score}; the known "
		    "ones are {name}, {case}" },
		{ "ack.template.sv", "{reason}", EX_DATAERR,
		    "ack.template.sv: no placeholder {reason}; the known ones "
		    "are {name}, {case}, {due}" },
		{ "message.decide.", "x", EX_DATAERR,
		    "message.decide.: end the key with a language code like "
		    "en, id or sv" },
		{ "message.decide.SV", "x", EX_DATAERR,
		    "message.decide.SV: end the key with a language code like "
		    "en, id or sv" },
		{ "message.close.sv", "x", EX_DATAERR,
		    "message.close.sv: a message is message.decide, "
		    "message.propose or message.follow-up and a language, like "
		    "message.decide.sv" },
	};
	static const struct {
		const char	*t;
		const char	*want;
	} fills[] = {
		{ "Hej {name}, ärende {case}.", "Hej Anna, ärende 7." },
		{ "{name}\\n\\n{reason}", "Anna\n\n{name} {case}" },
		{ "{unknown} {case", "{unknown} {case" },
		{ "", "" },
	};
	const char *const vars[] = { "name", "Anna", "case", "7", "reason",
	    "{name} {case}", NULL };
	struct cerror	 e;
	struct buf	 b = { NULL, 0, 0 };
	char		 key[64];
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		memset(&e, 0, sizeof(e));
		rc = template_check(checks[i].key, checks[i].value, &e);
		CHECK(rc == checks[i].code && (rc == 0 ||
		    strcmp(e.msg, checks[i].msg) == 0),
		    "template_check %s \"%s\": %d %s", checks[i].key,
		    checks[i].value, rc, rc != 0 ? e.msg : "");
	}
	for (i = 0; i < sizeof(fills) / sizeof(fills[0]); i++) {
		buf_reset(&b);
		rc = template_fill(&b, fills[i].t, vars);
		CHECK(rc == 0 && b.len == strlen(fills[i].want) &&
		    memcmp(b.s, fills[i].want, b.len) == 0,
		    "template_fill \"%s\"", fills[i].t);
	}
	CHECK(strcmp(template_key(TPL_FOLLOWUP, "id", key, sizeof(key)),
	    "message.follow-up.id") == 0 && strcmp(template_key(TPL_ACK, "sv",
	    key, sizeof(key)), "ack.template.sv") == 0, "template_key");
	buf_free(&b);
	UNIT_EXIT();
}
