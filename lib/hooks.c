/*
 * hooks.c: commands named in settings, run when a case changes.  The case
 * goes to the command as data, never as part of the command line: one CSV
 * record with a header on its standard input, and its id and the action in
 * the environment, which is otherwise cleared.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "complaint.h"

#define HOOK_FIELDS	40
#define HOOK_ENV	48	/* variables a hook gets, at most */

struct record {
	char	*name[HOOK_FIELDS];
	char	*val[HOOK_FIELDS];
	int	 n;
};

static int
collect(void *arg, const struct row *r)
{
	struct record	*rec = arg;

	if (rec->n == HOOK_FIELDS)
		return 0;
	if ((rec->name[rec->n] = strdup(r->val[0])) == NULL ||
	    (rec->val[rec->n] = strdup(r->val[1])) == NULL)
		return EX_OSERR;
	rec->n++;
	return 0;
}

/* Case id as a header line and one record, RFC 4180. */
static int
case_csv(struct casefile *cf, int64_t id, char **out, size_t *len,
    struct cerror *e)
{
	struct record	 rec;
	struct textout	 t;
	int		 types[HOOK_FIELDS];
	struct row	 r;
	FILE		*fp;
	int		 rc;

	memset(&rec, 0, sizeof(rec));
	/* Every column, an empty one too: a hook may read by position. */
	rc = query_case_all(cf, id, collect, &rec, e);
	if (rc == 0 && (fp = open_memstream(out, len)) != NULL) {
		for (int i = 0; i < rec.n; i++)
			types[i] = VAL_TEXT;
		r.n = rec.n;
		r.name = (const char *const *)rec.name;
		r.val = (const char *const *)rec.val;
		r.type = types;
		textout_init(&t, fp, OUT_CSV);
		rc = textout_row(&t, &r);
		textout_free(&t);
		if (fclose(fp) != 0 && rc == 0)
			rc = cerror_set(e, EX_OSERR, "out of memory");
	} else if (rc == 0)
		rc = cerror_set(e, EX_OSERR, "out of memory");
	for (int i = 0; i < rec.n; i++) {
		free(rec.name[i]);
		free(rec.val[i]);
	}
	return rc;
}

/*
 * In the child: the environment a hook gets, and the command.  Besides
 * the case, the step and who took it, the step's own fields (extra) and
 * the variables named in the setting hook.env (names), taken from ours.
 */
static void
child(const char *cmd, int64_t id, const char *action, const char *file,
    const char *actor, const char *const *extra, char *names)
{
	char	 cas[32], act[64], step[64], path[1100], user[80], who[80];
	const char *home = getenv("HOME");
	char	 homev[1024], *name, *v, named[16][512];
	char	*envp[HOOK_ENV + 1];
	int	 n = 0, k = 0;

	snprintf(cas, sizeof(cas), "COMPLAINT_CASE=%lld", (long long)id);
	snprintf(act, sizeof(act), "COMPLAINT_ACTION=%s", action);
	snprintf(step, sizeof(step), "COMPLAINT_STEP=%s", action);
	snprintf(path, sizeof(path), "COMPLAINT_FILE=%s", file);
	snprintf(user, sizeof(user), "COMPLAINT_USER=%s", actor);
	snprintf(who, sizeof(who), "COMPLAINT_ACTOR=%s", actor);
	/* sendmail and friends live in sbin on Debian */
	envp[n++] = "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
	envp[n++] = cas;
	envp[n++] = act;
	envp[n++] = step;
	envp[n++] = path;
	envp[n++] = user;
	envp[n++] = who;
	if (home != NULL) {
		snprintf(homev, sizeof(homev), "HOME=%s", home);
		envp[n++] = homev;
	}
	envp[n++] = "LC_ALL=C.UTF-8";
	for (; extra != NULL && *extra != NULL && n < HOOK_ENV - 16; extra++)
		envp[n++] = (char *)(uintptr_t)*extra;
	while (names != NULL && n < HOOK_ENV && k < 16 &&
	    (name = strsep(&names, " ,")) != NULL) {
		if (*name == '\0' || strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name) ||
		    isdigit((unsigned char)*name) ||
		    (v = getenv(name)) == NULL)
			continue;
		snprintf(named[k], sizeof(named[k]), "%s=%s", name, v);
		envp[n++] = named[k++];
	}
	envp[n] = NULL;
	signal(SIGPIPE, SIG_DFL);
	execle("/bin/sh", "sh", "-c", cmd, (char *)NULL, envp);
	_exit(126);
}

/* Feed in to the child's stdin while reading its stdout and stderr. */
static void
exchange(int in, int out, int err, const char *data, size_t len,
    struct buf *ob, struct buf *eb)
{
	struct pollfd	 p[3];
	char		 chunk[4096];
	size_t		 off = 0;
	ssize_t		 n;

	p[0].fd = len > 0 ? in : -1;
	p[0].events = POLLOUT;
	p[1].fd = out;
	p[1].events = POLLIN;
	p[2].fd = err;
	p[2].events = POLLIN;
	if (len == 0)
		close(in);
	while (p[0].fd != -1 || p[1].fd != -1 || p[2].fd != -1) {
		if (poll(p, 3, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].fd != -1 && p[0].revents != 0) {
			n = write(in, data + off, len - off);
			if (n > 0)
				off += (size_t)n;
			if (n < 0 || off == len) {
				close(in);
				p[0].fd = -1;
			}
		}
		for (int i = 1; i <= 2; i++) {
			if (p[i].fd == -1 || p[i].revents == 0)
				continue;
			n = read(p[i].fd, chunk, sizeof(chunk));
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
			} else if ((i == 1 ? ob : eb)->len < 65536)
				buf_add(i == 1 ? ob : eb, chunk, (size_t)n);
		}
	}
}

int
hook_run(struct casefile *cf, const char *key, int64_t id, const char *action,
    char *out, size_t outsize, int *ran, struct cerror *e)
{
	return hook_run_env(cf, key, id, action, NULL, out, outsize, ran, e);
}

int
hook_run_env(struct casefile *cf, const char *key, int64_t id,
    const char *action, const char *const *extra, char *out, size_t outsize,
    int *ran, struct cerror *e)
{
	struct buf	 ob = { NULL, 0, 0 }, eb = { NULL, 0, 0 };
	struct cerror	 ignore;
	char		 cmd[4096], vis[200], names[1024] = "";
	char		*csv = NULL;
	size_t		 csvlen = 0;
	int		 in[2] = { -1, -1 }, o[2] = { -1, -1 }, er[2] = { -1, -1 };
	int		 rc, status;
	pid_t		 pid;
	void		(*oldpipe)(int);

	*ran = 0;
	if (out != NULL && outsize > 0)
		*out = '\0';
	if (casefile_setting(cf, key, cmd, sizeof(cmd), &ignore) != 0 ||
	    *cmd == '\0')
		return 0;
	*ran = 1;
	if (casefile_setting(cf, "hook.env", names, sizeof(names),
	    &ignore) != 0)
		*names = '\0';
	if ((rc = case_csv(cf, id, &csv, &csvlen, e)) != 0)
		return rc;
	if (pipe(in) == -1 || pipe(o) == -1 || pipe(er) == -1) {
		rc = cerror_set(e, EX_OSERR, "hook %s: %s", key,
		    strerror(errno));
		goto out;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		rc = cerror_set(e, EX_OSERR, "hook %s: %s", key,
		    strerror(errno));
		goto out;
	}
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(er[1], 2);
		for (int fd = 3; fd < 64; fd++)
			close(fd);
		child(cmd, id, action, casefile_name(cf), casefile_actor(cf),
		    extra, names);
	}
	close(in[0]);
	close(o[1]);
	close(er[1]);
	in[0] = o[1] = er[1] = -1;
	oldpipe = signal(SIGPIPE, SIG_IGN);
	exchange(in[1], o[0], er[0], csv, csvlen, &ob, &eb);
	signal(SIGPIPE, oldpipe);
	in[1] = o[0] = er[0] = -1;
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (buf_puts(&eb, "") != 0 || buf_puts(&ob, "") != 0) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if (eb.len > 0)
		eb.s[strcspn(eb.s, "\r\n")] = '\0';
	if (ob.len > 0 && out != NULL) {
		ob.s[strcspn(ob.s, "\r\n")] = '\0';
		text_vis(out, outsize, ob.s);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	else if (WIFEXITED(status) && (WEXITSTATUS(status) == 126 ||
	    WEXITSTATUS(status) == 127))
		rc = cerror_set(e, EX_SOFTWARE, "hook %s could not be run "
		    "(exit %d): %s", key, WEXITSTATUS(status),
		    text_vis(vis, sizeof(vis), *eb.s != '\0' ? eb.s : cmd));
	else
		rc = cerror_set(e, EX_DATAERR, "hook %s failed on case %lld "
		    "(exit %d)%s%s", key, (long long)id, WIFEXITED(status) ?
		    WEXITSTATUS(status) : 128 + WTERMSIG(status),
		    *eb.s != '\0' ? ": " : "",
		    text_vis(vis, sizeof(vis), eb.s));
out:
	for (int i = 0; i < 2; i++) {
		if (in[i] != -1)
			close(in[i]);
		if (o[i] != -1)
			close(o[i]);
		if (er[i] != -1)
			close(er[i]);
	}
	free(csv);
	buf_free(&ob);
	buf_free(&eb);
	return rc;
}
