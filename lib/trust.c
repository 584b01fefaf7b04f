/*
 * trust.c: whether a case file may be written and its hooks run.  The
 * file's settings name commands (hooks) that run as whoever opens it, so
 * a file planted by another user, or in a folder another user can swap
 * files in, would run their commands as us.  Such a file is read, never
 * written, unless COMPLAINT_TRUST names it (as git's safe.directory).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "complaint.h"
#include "internal.h"

/* Ours, or root's: root can run anything as us already. */
static int
owner_ok(uid_t uid)
{
	return uid == geteuid() || uid == 0;
}

static void
user_name(uid_t uid, char *buf, size_t size)
{
	struct passwd	*pw;

	if ((pw = getpwuid(uid)) != NULL)
		strlcpy(buf, pw->pw_name, size);
	else
		snprintf(buf, size, "uid %ld", (long)uid);
}

/* Whether COMPLAINT_TRUST names file or its folder dir, or is "*". */
static int
named(const char *file, const char *dir)
{
	const char	*list = getenv("COMPLAINT_TRUST");
	char		*copy, *p, *entry, real[PATH_MAX];
	int		 found = 0;

	if (list == NULL || *list == '\0' || (copy = strdup(list)) == NULL)
		return 0;
	for (p = copy; !found && (entry = strsep(&p, ":")) != NULL; ) {
		if (strcmp(entry, "*") == 0)
			found = 1;
		else if (*entry != '\0' && realpath(entry, real) != NULL)
			found = strcmp(real, file) == 0 ||
			    strcmp(real, dir) == 0;
	}
	free(copy);
	return found;
}

int
trust_check(const char *path, int mode, int *trusted, struct cerror *e)
{
	struct stat	 st, dst;
	char		 file[PATH_MAX], dir[PATH_MAX], who[64], me[64];
	char		*slash;
	int		 bad;

	*trusted = 1;
	if (realpath(path, file) == NULL || stat(file, &st) == -1)
		return 0;	/* precheck and SQLite say what is wrong */
	strlcpy(dir, file, sizeof(dir));
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	if (stat(dir, &dst) == -1)
		return 0;
	bad = !owner_ok(st.st_uid) ? 1 : !owner_ok(dst.st_uid) ? 2 : 0;
	if (bad == 0 || named(file, dir))
		return 0;
	*trusted = 0;
	if (mode != CF_WRITE)
		return 0;
	user_name(bad == 1 ? st.st_uid : dst.st_uid, who, sizeof(who));
	user_name(geteuid(), me, sizeof(me));
	return cerror_set(e, EX_NOPERM, "%s%s is owned by %s, not by you "
	    "(%s): it is not written and its hooks are not run; if you trust "
	    "it, set COMPLAINT_TRUST=%s", bad == 2 ? "the folder of " : "",
	    path, who, me, file);
}
