/*
 * witness.c: where each witness statement stands between the parties:
 * which side's statement it corroborates or contradicts, or neither.
 * complaint-compare prints it; the dossier shows it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

/* The latest account of each witness of a case. */
#define WITNESSES	32

struct witnesses {
	int64_t	 id[WITNESSES];
	char	 party[WITNESSES][128];
	size_t	 n;
};

static int
witness_row(void *arg, const struct row *r)
{
	struct witnesses	*w = arg;
	size_t			 i;

	if (r->n < 4 || r->val[0] == NULL || r->val[2] == NULL ||
	    r->val[3] == NULL || strcmp(r->val[2], "witness") != 0)
		return 0;
	for (i = 0; i < w->n; i++)
		if (strcmp(w->party[i], r->val[3]) == 0)
			break;
	if (i == WITNESSES)
		return 0;
	if (i == w->n)
		w->n++;
	/* Accounts come in order: a later one is a later version. */
	w->id[i] = strtoll(r->val[0], NULL, 10);
	strlcpy(w->party[i], r->val[3], sizeof(w->party[i]));
	return 0;
}

/* 1 when the facets f name facet what: at the start or after "; ". */
static int
has_facet(const char *f, const char *what)
{
	for (const char *q = f; (q = strstr(q, what)) != NULL; q++)
		if (q == f || (q - f >= 2 && q[-2] == ';' && q[-1] == ' '))
			return 1;
	return 0;
}

/*
 * What witness statement i says of one side's account: agrees, when they
 * pair with no fact in dispute, or contradicts, with the facets.
 */
static int
verdict(const struct cmp_result *r, long i, const char *side,
    struct buf *v)
{
	static const char *const facts[] = { "time", "date", "amount",
	    "number", "negation", "people" };
	int	 rc = 0;

	for (size_t k = 0; k < r->n; k++) {
		const struct cmp_pair	*p = &r->v[k];
		const char		*f = p->facets != NULL ? p->facets : "";
		int			 fact = 0;

		if (p->a != i || p->b < 0)
			continue;
		for (size_t j = 0; j < sizeof(facts) / sizeof(facts[0]); j++)
			fact |= has_facet(f, facts[j]);
		if (v->len > 0)
			rc |= buf_puts(v, "; ");
		if (fact)
			rc |= buf_printf(v, "contradicts the %s's %ld (%s)",
			    side, p->b + 1, f);
		else
			rc |= buf_printf(v, "corroborates the %s's %ld", side,
			    p->b + 1);
		break;
	}
	return rc;
}

int
witness_place(struct casefile *cf, int64_t id, const struct told *emp,
    const struct told *com, row_fn *fn, void *arg, struct cerror *e)
{
	static const char *const names[] = { "witness", "statement",
	    "placement", "text" };
	static const int types[] = { VAL_TEXT, VAL_TEXT, VAL_TEXT, VAL_TEXT };
	struct witnesses w;
	const char	*val[4];
	struct row	 row = { 4, names, val, types };
	struct buf	 v = { NULL, 0, 0 };
	char		 num[48];
	int		 rc;

	memset(&w, 0, sizeof(w));
	if ((rc = account_list(cf, id, witness_row, &w, e)) != 0)
		return rc;
	for (size_t i = 0; i < w.n && rc == 0; i++) {
		struct told	 x;
		struct cmp_result r1 = { NULL, 0, 0, 0 };
		struct cmp_result r2 = { NULL, 0, 0, 0 };
		struct cmp_people p1 = { "witness", "employee", NULL, NULL,
		    NULL };
		struct cmp_people p2 = { "witness", "complainant", NULL, NULL,
		    NULL };

		p1.employee = p2.employee = emp != NULL ? emp->party : NULL;
		p1.customer = p2.customer = com != NULL ? com->party : NULL;
		if ((rc = account_load(cf, w.id[i], &x, e)) != 0 ||
		    (emp != NULL && (rc = compare_people(x.st, x.n, emp->st,
		    emp->n, &p1, &r1, e)) != 0) || (com != NULL &&
		    (rc = compare_people(x.st, x.n, com->st, com->n, &p2, &r2,
		    e)) != 0)) {
			compare_free(&r1);
			compare_free(&r2);
			account_unload(&x);
			break;
		}
		for (size_t k = 0; k < x.n && rc == 0; k++) {
			buf_reset(&v);
			if (buf_puts(&v, "") != 0 ||
			    verdict(&r1, (long)k, "employee", &v) != 0 ||
			    verdict(&r2, (long)k, "complainant", &v) != 0) {
				rc = cerror_set(e, EX_OSERR, "out of memory");
				break;
			}
			snprintf(num, sizeof(num), "w%zu:%zu", i + 1, k + 1);
			val[0] = w.party[i];
			val[1] = num;
			val[2] = v.len > 0 ? v.s : "told by neither";
			val[3] = x.st[k].text;
			rc = fn(arg, &row);
		}
		compare_free(&r1);
		compare_free(&r2);
		account_unload(&x);
	}
	buf_free(&v);
	return rc;
}

int
query_witnesses(struct casefile *cf, int64_t id, row_fn *fn, void *arg,
    struct cerror *e)
{
	struct told	 t[2];
	int64_t		 acc;
	int		 rc = 0, have[2] = { 0, 0 };

	memset(t, 0, sizeof(t));
	/* A side not heard yet is no error here: no placement against it. */
	for (int i = 0; i < 2 && rc == 0; i++) {
		if ((rc = account_latest(cf, id, i == 0 ? "employee" :
		    "complainant", &acc, e)) == EX_DATAERR) {
			rc = 0;
			continue;
		}
		if (rc == 0 && (rc = account_load(cf, acc, &t[i], e)) == 0)
			have[i] = 1;
	}
	if (rc == 0 && (have[0] || have[1]))
		rc = witness_place(cf, id, have[0] ? &t[0] : NULL,
		    have[1] ? &t[1] : NULL, fn, arg, e);
	account_unload(&t[0]);
	account_unload(&t[1]);
	return rc;
}
