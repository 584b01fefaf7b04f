/*
 * t_mail.c: the e-mail parser on small handwritten messages: dates and
 * their zones, encoded words, From forms, the body a message yields,
 * and the faults it names.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "complaint.h"
#include "unit.h"

static int
parse(const char *msg, struct mail *m, struct cerror *e)
{
	return mail_parse(msg, strlen(msg), m, e);
}

int
main(void)
{
	static const struct {
		const char	*date;
		const char	*want;	/* NULL: refused */
	} dates[] = {
		{ "Mon, 16 Nov 2026 09:15:00 +0100", "2026-11-16T08:15:00Z" },
		{ "16 Nov 2026 09:15 -0500", "2026-11-16T14:15:00Z" },
		{ "Tue, 1 Dec 26 23:59:59 GMT", "2026-12-01T23:59:59Z" },
		{ "Tue, 1 Dec 2026 18:00:00 EST", "2026-12-01T23:00:00Z" },
		{ "Tue, 1 Dec 2026 18:00:00 PDT (Pacific)", "2026-12-02T01:00:00Z" },
		{ "1 dec 2026 10:00:00 +0000 (UTC)", "2026-12-01T10:00:00Z" },
		{ "31 Apr 2026 10:00:00 +0000", NULL },
		{ "1 Foo 2026 10:00:00 +0000", NULL },
		{ "1 Dec 2026 25:00:00 +0000", NULL },
		{ "yesterday", NULL },
	};
	struct mail	 m;
	struct cerror	 e;
	char		 msg[512], deep[4096], got[TIMEFMT_LEN];
	int		 rc;

	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		snprintf(msg, sizeof(msg), "From: a@example.com\nDate: %s\n\n"
		    "x\n", dates[i].date);
		rc = parse(msg, &m, &e);
		if (dates[i].want == NULL)
			CHECK(rc != 0 && strstr(e.msg, "Date header") != NULL,
			    "date \"%s\" refused", dates[i].date);
		else
			CHECK(rc == 0 && strcmp(timefmt_iso(m.date, got),
			    dates[i].want) == 0, "date \"%s\" is %s (got %s)",
			    dates[i].date, dates[i].want, rc == 0 ? got : e.msg);
		mail_free(&m);
	}

	rc = parse("From: =?utf-8?q?=C3=85sa?= =?utf-8?b?IMOWYmVyZw==?= "
	    "<asa@example.se>\nSubject: =?iso-8859-1?q?h=E4r?= and "
	    "=?utf-8?q?d=C3=A4r?=\n\ntext", &m, &e);
	CHECK(rc == 0 && strcmp(m.from_name, "Åsa Öberg") == 0,
	    "adjacent encoded words join without their space");
	CHECK(rc == 0 && strcmp(m.subject, "här and där") == 0,
	    "encoded words among plain words keep the spaces between");
	mail_free(&m);
	rc = parse("From: bob@example.com (Bob Ross)\n\nhi", &m, &e);
	CHECK(rc == 0 && strcmp(m.from_addr, "bob@example.com") == 0 &&
	    strcmp(m.from_name, "Bob Ross") == 0, "From addr (Name)");
	CHECK(rc == 0 && m.date == -1 && m.subject == NULL &&
	    strcmp(m.body, "hi") == 0, "no Date, no Subject: a body still");
	mail_free(&m);
	rc = parse("From: \"Lind, \\\"Per\\\"\" <per@example.se>\n\n", &m, &e);
	CHECK(rc == 0 && strcmp(m.from_name, "Lind, \"Per\"") == 0 &&
	    m.body == NULL, "a quoted name with a comma and escapes");
	mail_free(&m);
	rc = parse("From: x@example.com\nSubject: tab\there\n\tfolded\n\n"
	    "line  \r\nnext\r\n\r\n\r\n", &m, &e);
	CHECK(rc == 0 && strcmp(m.subject, "tab here folded") == 0,
	    "a folded subject with a tab is one line");
	CHECK(rc == 0 && strcmp(m.body, "line\nnext") == 0,
	    "CRLF becomes LF; trailing blanks go");
	mail_free(&m);
	rc = parse("From: x@example.com\nContent-Type: text/plain\n\n"
	    "caf\xe9 cr\xe8me", &m, &e);
	CHECK(rc == 0 && strcmp(m.body, "café crème") == 0,
	    "8-bit text naming no charset is read as Windows-1252");
	mail_free(&m);
	rc = parse("From: x@example.com\nContent-Type: multipart/mixed; "
	    "boundary=b\n\n--b\nContent-Type: text/html\n\n<p>one</p>\n--b\n"
	    "Content-Type: text/plain\n\ntwo\n--b--\n", &m, &e);
	CHECK(rc == 0 && strcmp(m.body, "two") == 0,
	    "text/plain wins over an earlier text/html");
	mail_free(&m);
	rc = parse("From: x@example.com\nContent-Type: text/plain; "
	    "charset=utf-8\n\nbad \xff byte", &m, &e);
	CHECK(rc == 65 && strcmp(e.msg, "the text is not valid utf-8") == 0,
	    "bytes that are not the charset named: %s", e.msg);
	mail_free(&m);
	rc = parse("From: nobody\n\ntext", &m, &e);
	CHECK(rc == 65 && strcmp(e.msg, "the From header has no address") ==
	    0, "a From without an address: %s", e.msg);
	mail_free(&m);
	strlcpy(deep, "From: x@example.com\nContent-Type: multipart/mixed; "
	    "boundary=b0\n\n", sizeof(deep));
	for (int i = 0; i < 20; i++) {
		snprintf(msg, sizeof(msg), "--b%d\nContent-Type: "
		    "multipart/mixed; boundary=b%d\n\n", i, i + 1);
		strlcat(deep, msg, sizeof(deep));
	}
	rc = parse(deep, &m, &e);
	CHECK(rc == 65 && strstr(e.msg, "nest deeper") != NULL,
	    "parts nested too deep are refused: %s", e.msg);
	mail_free(&m);
	static const char nul[] = "From: a@example.com\n\nbefore\0after\n";
	rc = mail_parse(nul, sizeof(nul) - 1, &m, &e);
	CHECK(rc == 0 && m.body != NULL &&
	    strcmp(m.body, "before\xef\xbf\xbd" "after") == 0,
	    "a NUL in the body is U+FFFD, the text after it kept");
	mail_free(&m);
	static const char nul16[] = "From: a@example.com\nContent-Type: "
	    "text/plain; charset=utf-16le\n\nh\0i\0";
	rc = mail_parse(nul16, sizeof(nul16) - 1, &m, &e);
	CHECK(rc == 0 && m.body != NULL && strcmp(m.body, "hi") == 0,
	    "UTF-16 NUL bytes are part of its characters");
	mail_free(&m);
	rc = parse("From: a@example.com\nContent-Type: multipart/mixed; "
	    "boundary=b\n\nno part at all\n", &m, &e);
	CHECK(rc == 0 && m.body != NULL &&
	    strcmp(m.body, "no part at all") == 0,
	    "a multipart whose boundary never appears keeps its text");
	mail_free(&m);
	UNIT_EXIT();
}
