/*
 * stats.c: the stats report in one pass.  SQL that computes medians and
 * percentiles sorts the cases once per figure; here, with no filter, the
 * rows of the tallies the file keeps (migrate-9.sql) go to stats_tally,
 * and with one, a scan of the covering index cases_stats, which holds
 * the times as seconds, hands each case to stats_cases.  Both are
 * aggregates of this file that count by status, severity and channel
 * and count the hours to acknowledge and to close by what they print as
 * (struct durations), so the median and the 90th percentile are a walk
 * of two arrays of counts.  It stands on query.c, whose stats queries it
 * runs (query_prepare); query.c does not call back, so complaint-report
 * calls query_stats itself.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

struct tally {
	char	*key;
	int64_t	 n;
};

struct tallies {
	struct tally	*v;
	size_t		 n, cap;
};

/*
 * Durations in seconds, counted by the class of what "%.1f" prints of
 * their hours, so the median and the 90th percentile need no array of
 * every case.  Class 2m holds the seconds between 360m - 180 and 360m +
 * 180, which print as m tenths of an hour; class 2m + 1 holds 360m + 180
 * alone, which printf rounds by its binary value.  The classes follow
 * the order of the seconds, so the k-th smallest class prints as the k-th
 * smallest duration would.  The classes of a year are counted in an
 * array; a duration below zero or above a year is kept as it is, with
 * its count (a row of the tallies may count many).
 */
#define NCLASS	(2 * 10 * 24 * 366)

struct outlier {
	int64_t		 v;		/* seconds */
	uint64_t	 n;		/* durations of v seconds */
};

struct durations {
	uint64_t	*count;		/* NCLASS counts, NULL until one */
	size_t		 hi;		/* 1 + the highest class counted */
	struct outlier	*v;		/* the durations not counted */
	size_t		 nv, cap;
	uint64_t	 n;		/* every duration */
};

/* Add n to key's count. */
static int
tally_add(struct tallies *t, const char *key, int64_t n)
{
	struct tally	*v;

	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0) {
			t->v[i].n += n;
			return 0;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		if ((v = reallocarray(t->v, t->cap, sizeof(*v))) == NULL)
			return EX_OSERR;
		t->v = v;
	}
	if ((t->v[t->n].key = strdup(key)) == NULL)
		return EX_OSERR;
	t->v[t->n++].n = n;
	return 0;
}

static int
tally_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tally *)a)->key,
	    ((const struct tally *)b)->key);
}

static void
tally_free(struct tallies *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].key);
	free(t->v);
}

/* Count n durations of v seconds. */
static int
dur_add(struct durations *d, int64_t v, int64_t n)
{
	struct outlier	*p;
	size_t		 c;

	if (v >= 0 && v / 360 < NCLASS / 2) {
		c = (size_t)(v / 360) * 2 + (v % 360 == 180 ? 1 :
		    v % 360 > 180 ? 2 : 0);
		if (c < NCLASS) {
			if (d->count == NULL && (d->count = calloc(NCLASS,
			    sizeof(*d->count))) == NULL)
				return EX_OSERR;
			d->count[c] += (uint64_t)n;
			if (c >= d->hi)
				d->hi = c + 1;
			d->n += (uint64_t)n;
			return 0;
		}
	}
	if (d->nv == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		if ((p = reallocarray(d->v, d->cap, sizeof(*p))) == NULL)
			return EX_OSERR;
		d->v = p;
	}
	d->v[d->nv].v = v;
	d->v[d->nv++].n = (uint64_t)n;
	d->n += (uint64_t)n;
	return 0;
}

static int
outlier_cmp(const void *a, const void *b)
{
	int64_t	 x = ((const struct outlier *)a)->v;
	int64_t	 y = ((const struct outlier *)b)->v;

	return (x > y) - (x < y);
}

/*
 * The k-th smallest duration, or one that prints as it; v sorted.  The
 * outliers below zero come first, then the classes, then the outliers
 * above a year; past the last, the last.
 */
static int64_t
dur_kth(const struct durations *d, uint64_t k)
{
	size_t	 i = 0;

	for (; i < d->nv && d->v[i].v < 0; k -= d->v[i++].n)
		if (k < d->v[i].n)
			return d->v[i].v;
	for (size_t c = 0; c < d->hi; k -= d->count[c++])
		if (k < d->count[c])
			return (int64_t)(c / 2) * 360 + (c % 2 ? 180 : 0);
	for (; i < d->nv; k -= d->v[i++].n)
		if (k < d->v[i].n || i + 1 == d->nv)
			return d->v[i].v;
	/* counts that add up past 2^64 (tallies forged by hand) */
	if (d->hi > 0)
		return (int64_t)((d->hi - 1) / 2) * 360 +
		    ((d->hi - 1) % 2 ? 180 : 0);
	return d->nv > 0 ? d->v[d->nv - 1].v : 0;
}

/* What the one scan of the cases counts. */
struct acc {
	struct tallies	 status, channel;
	struct tally	*last[2];	/* of status, channel */
	size_t		 len[2];	/* the length of its key */
	int64_t		 severity[5], total;
	struct durations d[2];		/* to acknowledge, to close */
};

/*
 * Count n cases of s ("-" for NULL) as a status (which 0) or a channel
 * (1).  The cases come in the index's order, so it is mostly the key of
 * the last.
 */
static int
tally_key(struct acc *a, int which, sqlite3_value *v, int64_t n)
{
	struct tallies	*t = which ? &a->channel : &a->status;
	struct tally	*l = a->last[which];
	const unsigned char *s = sqlite3_value_text(v);
	const char	*k = s != NULL ? (const char *)s : "-";
	size_t		 len = s != NULL ? (size_t)sqlite3_value_bytes(v) : 1;

	if (l != NULL && a->len[which] == len && memcmp(l->key, k, len) == 0) {
		l->n += n;
		return 0;
	}
	if (tally_add(t, k, n) != 0)
		return -1;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, k) == 0)
			a->last[which] = &t->v[i];
	a->len[which] = strlen(k);
	return 0;
}

/* Count n cases of status, severity and channel. */
static int
count(struct acc *a, sqlite3_value *status, sqlite3_value *severity,
    sqlite3_value *channel, int64_t n)
{
	int	 sv;

	a->total += n;
	if (tally_key(a, 0, status, n) != 0 || tally_key(a, 1, channel, n) != 0)
		return EX_OSERR;
	sv = sqlite3_value_int(severity);
	a->severity[sv >= 1 && sv <= 4 ? sv : 0] += n;
	return 0;
}

/*
 * SQL stats_cases(status, severity, channel, received, acked, closed),
 * the times in seconds since the epoch or NULL: count the case into the
 * struct acc of the function's user data.  A time before 1970 counts as
 * none.
 */
static void
cases_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct acc	*a = sqlite3_user_data(ctx);
	int64_t		 r0, t;

	(void)argc;
	if (count(a, argv[0], argv[1], argv[2], 1) != 0)
		goto nomem;
	if (sqlite3_value_type(argv[3]) != SQLITE_INTEGER ||
	    (r0 = sqlite3_value_int64(argv[3])) < 0)
		return;
	for (int i = 0; i < 2; i++)
		if (sqlite3_value_type(argv[4 + i]) == SQLITE_INTEGER &&
		    (t = sqlite3_value_int64(argv[4 + i])) >= 0 &&
		    dur_add(&a->d[i], t - r0, 1) != 0)
			goto nomem;
	return;
nomem:
	sqlite3_result_error_nomem(ctx);
}

/*
 * SQL stats_tally(kind, status, severity, channel, secs, n), a row of the
 * tallies (migrate-9.sql): n cases of that status, severity and channel
 * (kind 'case'), or n that took secs to acknowledge ('ack') or to close
 * ('close').
 */
static void
tally_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct acc	*a = sqlite3_user_data(ctx);
	const char	*kind = (const char *)sqlite3_value_text(argv[0]);
	int64_t		 n = sqlite3_value_int64(argv[5]);
	int		 i;

	(void)argc;
	if (kind == NULL || n <= 0)
		return;
	if (strcmp(kind, "case") == 0)
		i = count(a, argv[1], argv[2], argv[3], n);
	else if ((i = strcmp(kind, "ack") == 0 ? 0 :
	    strcmp(kind, "close") == 0 ? 1 : -1) >= 0)
		i = dur_add(&a->d[i], sqlite3_value_int64(argv[4]), n);
	else
		i = 0;
	if (i != 0)
		sqlite3_result_error_nomem(ctx);
}

static void
cases_final(sqlite3_context *ctx)
{
	sqlite3_result_null(ctx);
}

static int
emit(row_fn *fn, void *arg, const char *measure, const char *key,
    const char *val)
{
	static const char *const names[] = { "measure", "key", "value" };
	static const int types[] = { VAL_TEXT, VAL_TEXT, VAL_INT };
	const char	*vals[3] = { measure, key, val };
	int		 t[3];
	struct row	 r = { 3, names, vals, t };

	memcpy(t, types, sizeof(t));
	if (val == NULL)
		t[2] = VAL_NULL;
	return fn(arg, &r);
}

static int
emit_n(row_fn *fn, void *arg, const char *measure, const char *key,
    int64_t n)
{
	char	 num[32];

	snprintf(num, sizeof(num), "%lld", (long long)n);
	return emit(fn, arg, measure, key, num);
}

/* Median and 90th percentile (nearest rank), in hours. */
static int
emit_pct(row_fn *fn, void *arg, const char *measure, struct durations *d)
{
	char	 num[32];
	int	 rc;

	if (d->n == 0)
		return emit(fn, arg, measure, "median", NULL) |
		    emit(fn, arg, measure, "p90", NULL);
	if (d->nv > 0)
		qsort(d->v, d->nv, sizeof(*d->v), outlier_cmp);
	snprintf(num, sizeof(num), "%.1f",
	    dur_kth(d, (d->n - 1) / 2) / 3600.0);
	if ((rc = emit(fn, arg, measure, "median", num)) != 0)
		return rc;
	snprintf(num, sizeof(num), "%.1f",
	    dur_kth(d, (d->n * 9 + 9) / 10 - 1) / 3600.0);
	return emit(fn, arg, measure, "p90", num);
}

/* Run a one-row aggregate report; fill the doubles of its columns. */
static int
aggregate(struct casefile *cf, const char *name, const struct filter *f,
    double *v, int *null, int n, struct cerror *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = query_prepare(cf, name, f, &st, e)) != 0)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			null[i] = sqlite3_column_type(st, i) == SQLITE_NULL;
			v[i] = sqlite3_column_double(st, i);
		}
		rc = 0;
	} else
		rc = db_error(cf, rc, e);
	sqlite3_finalize(st);
	return rc;
}

/* Make stats_cases and stats_tally count into a, or with a NULL, forget
 * them. */
static int
watch(struct casefile *cf, struct acc *a, struct cerror *e)
{
	int	 rc;

	if ((rc = sqlite3_create_function_v2(cf->db, "stats_cases", 6,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, a, NULL, a ? cases_step : NULL,
	    a ? cases_final : NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_create_function_v2(cf->db, "stats_tally", 6,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, a, NULL, a ? tally_step : NULL,
	    a ? cases_final : NULL, NULL)) != SQLITE_OK)
		return db_error(cf, rc, e);
	return 0;
}

int
query_stats_plan(struct casefile *cf, const char *name,
    const struct filter *f, row_fn *fn, void *arg, struct cerror *e)
{
	struct acc	 a;
	struct cerror	 e2;
	int		 rc;

	memset(&a, 0, sizeof(a));
	if ((rc = watch(cf, &a, e)) == 0)
		rc = query_plan(cf, name, f, fn, arg, e);
	watch(cf, NULL, &e2);
	return rc;
}

int
query_stats(struct casefile *cf, const struct filter *f, row_fn *fn,
    void *arg, struct cerror *e)
{
	struct acc	 a;
	struct cerror	 e2;
	struct tallies	*status = &a.status, *channel = &a.channel;
	sqlite3_stmt	*st = NULL;
	double		 esc[1], fu[2];
	int		 null[2], rc;
	char		 num[32];

	memset(&a, 0, sizeof(a));
	if ((rc = watch(cf, &a, e)) != 0 ||
	    (rc = query_prepare(cf, "stats", f, &st, e)) != 0)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	if ((rc = aggregate(cf, "stats-escalated", f, esc, null, 1, e)) != 0 ||
	    (rc = aggregate(cf, "stats-followups", f, fu, null, 2, e)) != 0)
		goto out;
	/* qsort wants an array, even of none */
	if (status->n > 0)
		qsort(status->v, status->n, sizeof(*status->v), tally_cmp);
	if (channel->n > 0)
		qsort(channel->v, channel->n, sizeof(*channel->v), tally_cmp);
	rc = emit_n(fn, arg, "cases", "total", a.total);
	for (size_t i = 0; i < status->n && rc == 0; i++)
		rc = emit_n(fn, arg, "status", status->v[i].key,
		    status->v[i].n);
	for (int i = 1; i <= 4 && rc == 0; i++)
		if (a.severity[i] > 0)
			rc = emit_n(fn, arg, "severity",
			    facts_severities[i - 1], a.severity[i]);
	for (size_t i = 0; i < channel->n && rc == 0; i++)
		rc = emit_n(fn, arg, "channel", channel->v[i].key,
		    channel->v[i].n);
	if (rc == 0)
		rc = emit_pct(fn, arg, "ack-hours", &a.d[0]);
	if (rc == 0)
		rc = emit_pct(fn, arg, "close-hours", &a.d[1]);
	snprintf(num, sizeof(num), "%.1f", a.total > 0 ? 100.0 * esc[0] /
	    (double)a.total : 0.0);
	if (rc == 0)
		rc = emit(fn, arg, "escalated", "percent", num);
	snprintf(num, sizeof(num), "%.1f", 100.0 * fu[0]);
	if (rc == 0)
		rc = emit(fn, arg, "satisfied", "percent", null[0] ? NULL :
		    num);
	snprintf(num, sizeof(num), "%.2f", fu[1]);
	if (rc == 0)
		rc = emit(fn, arg, "score", "mean", null[1] ? NULL : num);
	if (rc != 0)
		rc = cerror_set(e, rc, "cannot write output");
out:
	sqlite3_finalize(st);
	/* a is gone on return: so is the function (no statement runs) */
	watch(cf, NULL, &e2);
	tally_free(status);
	tally_free(channel);
	for (int i = 0; i < 2; i++) {
		free(a.d[i].count);
		free(a.d[i].v);
	}
	return rc;
}
