/*
 * stats.c: the stats report in one pass.  SQL that computes medians and
 * percentiles sorts the cases once per figure; here one scan of a
 * covering index feeds counters and two arrays of durations, and a
 * quickselect finds the median and the 90th percentile.  It stands on
 * query.c, whose filtered stats queries it runs (query_prepare); query.c
 * does not call back, so complaint-report calls query_stats itself.
 */
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

struct durations {
	int64_t		*v;
	size_t		 n, cap;
};

static int
tally_add(struct tallies *t, const char *key)
{
	struct tally	*v;

	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0) {
			t->v[i].n++;
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
	t->v[t->n++].n = 1;
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

static int
dur_add(struct durations *d, int64_t v)
{
	int64_t	*p;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		if ((p = reallocarray(d->v, d->cap, sizeof(*p))) == NULL)
			return EX_OSERR;
		d->v = p;
	}
	d->v[d->n++] = v;
	return 0;
}

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; -1 when not so. */
static int64_t
epoch(const unsigned char *s)
{
	int64_t	 y, m, d, days;

	if (s == NULL || strlen((const char *)s) != 20 || s[10] != 'T')
		return -1;
#define N2(p)	(((p)[0] - '0') * 10 + ((p)[1] - '0'))
	y = (N2(s) * 100) + N2(s + 2);
	m = N2(s + 5);
	d = N2(s + 8);
	/* Days from civil (H. Hinnant). */
	y -= m <= 2;
	days = (y >= 0 ? y : y - 399) / 400 * 146097 +
	    ((y - (y >= 0 ? y : y - 399) / 400 * 400) * 365 +
	    (y - (y >= 0 ? y : y - 399) / 400 * 400) / 4 -
	    (y - (y >= 0 ? y : y - 399) / 400 * 400) / 100 +
	    (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1) - 719468;
	return days * 86400 + (N2(s + 11)) * 3600 + (N2(s + 14)) * 60 +
	    N2(s + 17);
#undef N2
}

/* The k-th smallest of v[0..n-1] (quickselect; v is reordered). */
static int64_t
select_kth(int64_t *v, size_t n, size_t k)
{
	size_t	 lo = 0, hi = n - 1, i, j;
	int64_t	 pivot, t;

	while (lo < hi) {
		pivot = v[lo + (hi - lo) / 2];
		i = lo;
		j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return v[k];
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
	snprintf(num, sizeof(num), "%.1f",
	    select_kth(d->v, d->n, (d->n - 1) / 2) / 3600.0);
	if ((rc = emit(fn, arg, measure, "median", num)) != 0)
		return rc;
	snprintf(num, sizeof(num), "%.1f",
	    select_kth(d->v, d->n, (d->n * 9 + 9) / 10 - 1) / 3600.0);
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

int
query_stats(struct casefile *cf, const struct filter *f, row_fn *fn,
    void *arg, struct cerror *e)
{
	struct tallies	 status = { NULL, 0, 0 }, channel = { NULL, 0, 0 };
	struct durations ack = { NULL, 0, 0 }, close = { NULL, 0, 0 };
	int64_t		 severity[5] = { 0 }, total = 0, r0, t;
	sqlite3_stmt	*st = NULL;
	const unsigned char *s;
	double		 esc[1], fu[2];
	int		 null[2], rc, sv;
	char		 num[32];

	if ((rc = query_prepare(cf, "stats", f, &st, e)) != 0)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		total++;
		s = sqlite3_column_text(st, 0);
		if ((rc = tally_add(&status, s ? (const char *)s : "-")) != 0)
			break;
		sv = sqlite3_column_int(st, 1);
		severity[sv >= 1 && sv <= 4 ? sv : 0]++;
		s = sqlite3_column_text(st, 2);
		if ((rc = tally_add(&channel, s ? (const char *)s : "-")) != 0)
			break;
		r0 = epoch(sqlite3_column_text(st, 3));
		if ((t = epoch(sqlite3_column_text(st, 4))) >= 0 && r0 >= 0 &&
		    (rc = dur_add(&ack, t - r0)) != 0)
			break;
		if ((t = epoch(sqlite3_column_text(st, 5))) >= 0 && r0 >= 0 &&
		    (rc = dur_add(&close, t - r0)) != 0)
			break;
	}
	if (rc == EX_OSERR) {
		rc = cerror_set(e, EX_OSERR, "out of memory");
		goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = db_error(cf, rc, e);
		goto out;
	}
	if ((rc = aggregate(cf, "stats-escalated", f, esc, null, 1, e)) != 0 ||
	    (rc = aggregate(cf, "stats-followups", f, fu, null, 2, e)) != 0)
		goto out;
	qsort(status.v, status.n, sizeof(*status.v), tally_cmp);
	qsort(channel.v, channel.n, sizeof(*channel.v), tally_cmp);
	rc = emit_n(fn, arg, "cases", "total", total);
	for (size_t i = 0; i < status.n && rc == 0; i++)
		rc = emit_n(fn, arg, "status", status.v[i].key, status.v[i].n);
	for (int i = 1; i <= 4 && rc == 0; i++)
		if (severity[i] > 0)
			rc = emit_n(fn, arg, "severity",
			    facts_severities[i - 1], severity[i]);
	for (size_t i = 0; i < channel.n && rc == 0; i++)
		rc = emit_n(fn, arg, "channel", channel.v[i].key,
		    channel.v[i].n);
	if (rc == 0)
		rc = emit_pct(fn, arg, "ack-hours", &ack);
	if (rc == 0)
		rc = emit_pct(fn, arg, "close-hours", &close);
	snprintf(num, sizeof(num), "%.1f", total > 0 ? 100.0 * esc[0] /
	    (double)total : 0.0);
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
	tally_free(&status);
	tally_free(&channel);
	free(ack.v);
	free(close.v);
	return rc;
}
