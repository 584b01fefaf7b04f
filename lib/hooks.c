/*
 * hooks.c: commands named in settings, run when a case changes, and the
 * one place a tool starts a child program (due --exec too).  The case
 * goes to the command as data, never as part of the command line: one CSV
 * record with a header on its standard input, and its id and the step's
 * fields in the environment, which is otherwise cleared.
 *
 * A child runs in a process group of its own, so that on its time limit
 * the whole group is killed (TERM, then KILL), its background children
 * with it.  We wait for the child process itself, not for the end of its
 * output: a background child it left behind may hold the pipe open.
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
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define HOOK_FIELDS	40
#define HOOK_ENV	48	/* variables a hook gets, at most */
#define HOOK_NAMED	16	/* of them, named in hook.env */
#define HOOK_KEEP	65536	/* bytes of a hook's output kept */
#define HOOK_TICK	20	/* ms between looks at a child */
#define HOOK_GRACE	2000	/* ms from TERM to KILL */

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

static int64_t
ms_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child: its own process group, its descriptors, the command. */
static void
child(const struct hookcmd *h, int in, int out, int err)
{
	setpgid(0, 0);
	dup2(in, 0);
	if (h->capture) {
		dup2(out, 1);
		dup2(err, 2);
	} else
		dup2(2, 1);
	for (int fd = 3; fd < 64; fd++)
		close(fd);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGXFSZ, SIG_DFL);
	if (h->envp != NULL)
		execle("/bin/sh", "sh", "-c", h->cmd, (char *)NULL, h->envp);
	for (char *const *a = h->add; a != NULL && *a != NULL; a++)
		putenv(*a);
	execl("/bin/sh", "sh", "-c", h->cmd, (char *)NULL);
	_exit(126);
}

/* Read what fd holds now into b (kept up to HOOK_KEEP); -1 at its end. */
static int
drain(int fd, struct buf *b)
{
	char	 chunk[4096];
	ssize_t	 n;
	size_t	 total = 0;

	/* bounded: a background child may write as fast as we read */
	while (total < 16 * HOOK_KEEP) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == 0)
			return -1;
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		total += (size_t)n;
		if (b->len < HOOK_KEEP && buf_add(b, chunk, (size_t)n) != 0)
			return -1;
	}
	return 0;
}

int
hook_spawn(const struct hookcmd *h, struct buf *ob, struct buf *eb,
    int *status, int *timedout, struct cerror *e)
{
	struct pollfd	 p[3];
	size_t		 off = 0;
	ssize_t		 n;
	int64_t		 deadline, now;
	int		 in[2] = { -1, -1 }, o[2] = { -1, -1 };
	int		 er[2] = { -1, -1 }, rc = 0, killed = 0, wait, idle = 0;
	pid_t		 pid;
	void		(*oldpipe)(int);

	*status = 0;
	*timedout = 0;
	if (pipe(in) == -1 || (h->capture && (pipe(o) == -1 ||
	    pipe(er) == -1))) {
		rc = cerror_set(e, EX_OSERR, "%s: %s", h->what,
		    strerror(errno));
		goto out;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		rc = cerror_set(e, EX_OSERR, "%s: %s", h->what,
		    strerror(errno));
		goto out;
	}
	if (pid == 0)
		child(h, in[0], o[1], er[1]);
	/* both sides, so that a kill cannot come before the child's own */
	setpgid(pid, pid);
	close(in[0]);
	in[0] = -1;
	if (h->capture) {
		close(o[1]);
		close(er[1]);
		o[1] = er[1] = -1;
		fcntl(o[0], F_SETFL, O_NONBLOCK);
		fcntl(er[0], F_SETFL, O_NONBLOCK);
	}
	/* a child that reads none of its input still decides */
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	oldpipe = signal(SIGPIPE, SIG_IGN);
	p[0].fd = h->inlen > 0 ? in[1] : -1;
	p[0].events = POLLOUT;
	p[1].fd = o[0];
	p[1].events = POLLIN;
	p[2].fd = er[0];
	p[2].events = POLLIN;
	if (h->inlen == 0) {
		close(in[1]);
		in[1] = -1;
	}
	deadline = h->timeout > 0 ? ms_now() + h->timeout * 1000 : -1;
	for (;;) {
		if (waitpid(pid, status, WNOHANG) == pid)
			break;
		now = ms_now();
		if (deadline != -1 && now >= deadline) {
			/* TERM, and KILL to the group if TERM was not enough */
			kill(-pid, killed ? SIGKILL : SIGTERM);
			if (killed++ == 0)
				*timedout = 1;
			deadline = killed == 1 ? now + HOOK_GRACE : -1;
			if (killed > 1) {
				while (waitpid(pid, status, 0) == -1 &&
				    errno == EINTR)
					;
				break;
			}
		}
		/* its pipes closed: it is ending, or holds on without them */
		wait = HOOK_TICK;
		if (p[0].fd == -1 && p[1].fd == -1 && p[2].fd == -1 &&
		    idle < 5)
			wait = 1 << idle++;
		if (deadline != -1 && deadline - now < wait)
			wait = (int)(deadline - now);
		if (poll(p, 3, wait) <= 0)
			continue;
		if (p[0].fd != -1 && p[0].revents != 0) {
			n = write(in[1], h->in + off, h->inlen - off);
			if (n > 0)
				off += (size_t)n;
			if ((n < 0 && errno != EAGAIN && errno != EINTR) ||
			    off == h->inlen) {
				close(in[1]);
				in[1] = p[0].fd = -1;
			}
		}
		for (int i = 1; i <= 2; i++)
			if (p[i].fd != -1 && p[i].revents != 0 &&
			    drain(p[i].fd, i == 1 ? ob : eb) == -1)
				p[i].fd = -1;
	}
	/* killed: what is left of its group goes too */
	if (*timedout)
		kill(-pid, SIGKILL);
	/* what it wrote before it ended; not what its children write after */
	for (int i = 1; i <= 2; i++)
		if (p[i].fd != -1)
			drain(p[i].fd, i == 1 ? ob : eb);
	signal(SIGPIPE, oldpipe);
	if (WIFSIGNALED(*status))
		*status = 128 + WTERMSIG(*status);
	else
		*status = WEXITSTATUS(*status);
	if ((ob != NULL && buf_puts(ob, "") != 0) ||
	    (eb != NULL && buf_puts(eb, "") != 0))
		rc = cerror_set(e, EX_OSERR, "out of memory");
out:
	for (int i = 0; i < 2; i++) {
		if (in[i] != -1)
			close(in[i]);
		if (o[i] != -1)
			close(o[i]);
		if (er[i] != -1)
			close(er[i]);
	}
	return rc;
}

int
hook_timeout(struct casefile *cf)
{
	struct cerror	 ignore;
	const char	*errstr;
	char		 v[32];
	int		 s;

	if (casefile_setting(cf, "hook.timeout", v, sizeof(v), &ignore) != 0)
		return HOOK_TIMEOUT;
	s = (int)strtonum(v, 1, HOOK_TIMEOUT_MAX, &errstr);
	return errstr == NULL ? s : HOOK_TIMEOUT;
}

int
hook_run(struct casefile *cf, const char *key, int64_t id, const char *action,
    char *out, size_t outsize, int *ran, struct cerror *e)
{
	return hook_run_env(cf, key, id, action, NULL, out, outsize, ran, e);
}

/*
 * The environment a hook gets: besides the case, the step and who took
 * it, the step's own fields (extra) and the variables named in the
 * setting hook.env (names), taken from ours.
 */
struct hookenv {
	char	 cas[32], act[64], step[64], path[1100], user[80], who[80];
	char	 home[1024], named[HOOK_NAMED][512];
	char	*envp[HOOK_ENV + 1];
};

static void
hook_env(struct hookenv *v, struct casefile *cf, int64_t id,
    const char *action, const char *const *extra, char *names)
{
	const char	*home = getenv("HOME"), *val;
	char		*name;
	int		 n = 0, k = 0;

	snprintf(v->cas, sizeof(v->cas), "COMPLAINT_CASE=%lld", (long long)id);
	snprintf(v->act, sizeof(v->act), "COMPLAINT_ACTION=%s", action);
	snprintf(v->step, sizeof(v->step), "COMPLAINT_STEP=%s", action);
	snprintf(v->path, sizeof(v->path), "COMPLAINT_FILE=%s",
	    casefile_name(cf));
	snprintf(v->user, sizeof(v->user), "COMPLAINT_USER=%s",
	    casefile_actor(cf));
	snprintf(v->who, sizeof(v->who), "COMPLAINT_ACTOR=%s",
	    casefile_actor(cf));
	/* sendmail and friends live in sbin on Debian */
	v->envp[n++] = "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
	v->envp[n++] = v->cas;
	v->envp[n++] = v->act;
	v->envp[n++] = v->step;
	v->envp[n++] = v->path;
	v->envp[n++] = v->user;
	v->envp[n++] = v->who;
	if (home != NULL) {
		snprintf(v->home, sizeof(v->home), "HOME=%s", home);
		v->envp[n++] = v->home;
	}
	v->envp[n++] = "LC_ALL=C.UTF-8";
	for (; extra != NULL && *extra != NULL && n < HOOK_ENV - HOOK_NAMED;
	    extra++)
		v->envp[n++] = (char *)(uintptr_t)*extra;
	while (names != NULL && n < HOOK_ENV && k < HOOK_NAMED &&
	    (name = strsep(&names, " ,")) != NULL) {
		if (*name == '\0' || strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name) ||
		    isdigit((unsigned char)*name) ||
		    (val = getenv(name)) == NULL)
			continue;
		snprintf(v->named[k], sizeof(v->named[k]), "%s=%s", name, val);
		v->envp[n++] = v->named[k++];
	}
	v->envp[n] = NULL;
}

int
hook_run_env(struct casefile *cf, const char *key, int64_t id,
    const char *action, const char *const *extra, char *out, size_t outsize,
    int *ran, struct cerror *e)
{
	struct buf	 ob = { NULL, 0, 0 }, eb = { NULL, 0, 0 };
	struct cerror	 ignore;
	struct hookenv	*env = NULL;
	struct hookcmd	 h;
	char		 cmd[4096], vis[200], names[1024] = "", what[64];
	char		*csv = NULL;
	size_t		 csvlen = 0;
	int		 rc, status, timedout;

	*ran = 0;
	if (out != NULL && outsize > 0)
		*out = '\0';
	if (casefile_setting(cf, key, cmd, sizeof(cmd), &ignore) != 0 ||
	    *cmd == '\0')
		return 0;
	/* casefile.c opens a foreign file for reading only; never this */
	if (!cf->trusted)
		return cerror_set(e, EX_NOPERM, "%s is not trusted; its hook "
		    "%s is not run", casefile_name(cf), key);
	*ran = 1;
	if (casefile_setting(cf, "hook.env", names, sizeof(names),
	    &ignore) != 0)
		*names = '\0';
	if ((rc = case_csv(cf, id, &csv, &csvlen, e)) != 0)
		return rc;
	if ((env = calloc(1, sizeof(*env))) == NULL) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	hook_env(env, cf, id, action, extra, names);
	snprintf(what, sizeof(what), "hook %s", key);
	memset(&h, 0, sizeof(h));
	h.what = what;
	h.cmd = cmd;
	h.envp = env->envp;
	h.in = csv;
	h.inlen = csvlen;
	h.timeout = hook_timeout(cf);
	h.capture = 1;
	if ((rc = hook_spawn(&h, &ob, &eb, &status, &timedout, e)) != 0)
		goto out;
	eb.s[strcspn(eb.s, "\r\n")] = '\0';
	if (out != NULL) {
		ob.s[strcspn(ob.s, "\r\n")] = '\0';
		text_vis(out, outsize, ob.s);
	}
	if (timedout)
		rc = cerror_set(e, EX_DATAERR, "hook %s on case %lld was "
		    "killed after %d s (setting hook.timeout)", key,
		    (long long)id, h.timeout);
	else if (status == 0)
		rc = 0;
	else if (status == 126 || status == 127)
		rc = cerror_set(e, EX_SOFTWARE, "hook %s could not be run "
		    "(exit %d): %s", key, status,
		    text_vis(vis, sizeof(vis), *eb.s != '\0' ? eb.s : cmd));
	else
		rc = cerror_set(e, EX_DATAERR, "hook %s failed on case %lld "
		    "(exit %d)%s%s", key, (long long)id, status,
		    *eb.s != '\0' ? ": " : "",
		    text_vis(vis, sizeof(vis), eb.s));
out:
	free(env);
	free(csv);
	buf_free(&ob);
	buf_free(&eb);
	return rc;
}
