/*
 * t_state.c: the state table's promises.  Every open state may be closed,
 * assigned and followed up; an ended one only reopened, but a closed one
 * still takes its follow-up; every state is
 * reached from new; a step never leads to waiting but wait.  And the whole
 * table, cell by cell: every step on every status, so a cell left out of
 * state.c (which then refuses the step) shows here.
 */
#include <stdint.h>
#include <string.h>

#include "complaint.h"
#include "unit.h"

#define MAXS	16

struct table {
	char	 cell[MAXS][NVERB + 1][16];
	int	 n;		/* states, header excluded */
	int	 header;
};

static int
keep(void *arg, const struct row *r)
{
	struct table	*t = arg;

	if (!t->header) {
		t->header = 1;
		return 0;
	}
	if (t->n == MAXS || r->n != NVERB + 1)
		return 1;
	for (int i = 0; i < r->n; i++)
		strlcpy(t->cell[t->n][i], r->val[i], sizeof(t->cell[0][0]));
	t->n++;
	return 0;
}

/*
 * The table as state_table prints it, one row a status, a cell a step in
 * the order of the verbs: ack interview assign wait propose accept decline
 * counter escalate decide follow-up satisfied unsatisfied close dismiss
 * merge reopen.  "--" refused, "==" the status stays, "**" the status
 * before the wait decides; else the first two letters of the new status.
 */
static const struct {
	const char	*state;
	const char	*cells;
} want[] = {
	{ "new",          "ac in == wa pr -- -- -- es de == == in cl di me --" },
	{ "acknowledged", "== in == wa pr -- -- -- es de == == in cl di me --" },
	{ "investigating","== == == wa pr -- -- -- es de == == == cl di me --" },
	{ "proposed",     "== == == wa == ag in == es de == == in cl di me --" },
	{ "agreed",       "== == == wa pr == == == es -- fo fo in cl -- me --" },
	{ "escalated",    "== == == wa pr -- -- -- == de == == in cl di me --" },
	{ "decided",      "== == == wa pr -- -- -- es == fo fo in cl -- me --" },
	{ "follow-up",    "== == == wa pr -- -- -- es de == == in cl -- me --" },
	{ "waiting",      "** ** ** -- ** ** ** ** ** ** ** ** ** ** ** ** **" },
	{ "closed",       "-- -- -- -- -- -- -- -- -- -- == == == -- -- -- in" },
	{ "dismissed",    "-- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- in" },
	{ "merged",       "-- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- --" },
};

/* The cell as state_table prints it, from its two-letter code. */
static const char *
cell(const char *code)
{
	static const char *const names[] = {
		"new", "acknowledged", "investigating", "proposed", "agreed",
		"escalated", "decided", "follow-up", "waiting", "closed",
		"dismissed", "merged",
	};

	if (strncmp(code, "--", 2) == 0)
		return "-";
	if (strncmp(code, "==", 2) == 0)
		return "=";
	if (strncmp(code, "**", 2) == 0)
		return "*";
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(code, names[i], 2) == 0)
			return names[i];
	return "?";
}

static int
find(const struct table *t, const char *state)
{
	for (int s = 0; s < t->n; s++)
		if (strcmp(t->cell[s][0], state) == 0)
			return s;
	return -1;
}

int
main(void)
{
	struct table	 t;
	int		 reached[MAXS] = { 0 }, grew = 1;

	memset(&t, 0, sizeof(t));
	CHECK(state_table(keep, &t) == 0 && t.n == 12, "12 states");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int s = find(&t, want[i].state);

		CHECK(s >= 0, "%s is in the table", want[i].state);
		if (s < 0)
			continue;
		for (int v = 0; v < NVERB; v++) {
			const char *w = cell(want[i].cells + 3 * v);

			CHECK(strcmp(t.cell[s][1 + v], w) == 0,
			    "%s: %s gives %s (got %s)", want[i].state,
			    state_verb_name(v), w, t.cell[s][1 + v]);
		}
	}
	for (int s = 0; s < t.n; s++) {
		const char *st = t.cell[s][0];
		int ended = state_ended(st);

		if (strcmp(st, "waiting") == 0)
			continue;
		if (!ended) {
			CHECK(strcmp(t.cell[s][1 + V_CLOSE], "closed") == 0,
			    "%s may be closed", st);
			CHECK(strcmp(t.cell[s][1 + V_ASSIGN], "-") != 0,
			    "%s may be assigned", st);
			CHECK(strcmp(t.cell[s][1 + V_FOLLOWUP], "-") != 0,
			    "%s may be followed up", st);
			CHECK(strcmp(t.cell[s][1 + V_WAIT], "waiting") == 0,
			    "%s may wait on the customer", st);
			CHECK(strcmp(t.cell[s][1 + V_REOPEN], "-") == 0,
			    "%s is not reopened", st);
		} else {
			/* A closed case still takes its follow-up. */
			int fup = strcmp(st, "closed") == 0, others = 0;
			for (int v = 0; v < NVERB; v++) {
				if (v == V_REOPEN)
					continue;
				if (v == V_FOLLOWUP || v == V_SATISFIED ||
				    v == V_UNSATISFIED)
					CHECK(strcmp(t.cell[s][1 + v],
					    fup ? "=" : "-") == 0, "%s: %s %s",
					    st, state_verb_name(v), fup ?
					    "keeps it closed" : "is refused");
				else if (strcmp(t.cell[s][1 + v], "-") != 0)
					others++;
			}
			CHECK(others == 0, "%s allows no other step but reopen",
			    st);
		}
		for (int v = 0; v < NVERB; v++)
			if (v != V_WAIT)
				CHECK(strcmp(t.cell[s][1 + v], "waiting") != 0,
				    "%s: %s does not lead to waiting", st,
				    state_verb_name(v));
	}
	CHECK(strcmp(t.cell[find(&t, "merged")][1 + V_REOPEN], "-") == 0,
	    "a merged case is not reopened");
	/* Every state is reached from new. */
	reached[find(&t, "new")] = 1;
	while (grew) {
		grew = 0;
		for (int s = 0; s < t.n; s++) {
			if (!reached[s])
				continue;
			for (int v = 0; v < NVERB; v++) {
				int to = find(&t, t.cell[s][1 + v]);
				if (to >= 0 && !reached[to])
					reached[to] = grew = 1;
			}
		}
	}
	for (int s = 0; s < t.n; s++)
		CHECK(reached[s], "%s is reached from new", t.cell[s][0]);
	CHECK(state_ended("closed") && state_ended("dismissed") &&
	    state_ended("merged") && !state_ended("waiting"),
	    "closed, dismissed and merged are the ended states");
	UNIT_EXIT();
}
