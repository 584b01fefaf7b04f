/* error.c: filling a struct cerror. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "complaint.h"

int
cerror_set(struct cerror *e, int code, const char *fmt, ...)
{
	va_list	 ap;

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
cerror_prefix(struct cerror *e, int code, const char *prefix)
{
	char	 msg[sizeof(e->msg)];

	memcpy(msg, e->msg, sizeof(msg));
	return cerror_set(e, code, "%s: %s", prefix, msg);
}
