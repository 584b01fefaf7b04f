/*
 * compare.c: put two accounts side by side.
 *
 * Statements are normalised (case, punctuation, white space) and cut into
 * words.  Their similarity is the Dice coefficient of their word sets with
 * every number masked, so "paid 49.90 at 14:05" and "paid 59.90 at 14:30"
 * are the same event told differently.  Alignment is anchored, as patience
 * diff is: statements that occur once in each account, in an increasing
 * run, pair first; only the gaps between anchors are aligned by similarity,
 * so two accounts of n statements with d edits cost O(n log n + d^2), not
 * O(n^2) comparisons.  What stays unpaired on both sides is then matched
 * again regardless of order: a statement told at another place is a move.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

#define SAME_EVENT	0.5	/* least similarity of one event told twice */
#define MOVED		0.6	/* least similarity of a moved statement */
#define GAP_CELLS	4000000	/* larger gaps are aligned greedily */

/* Negation words, as they are after normalisation (no apostrophes). */
static const char *const negations[] = {
	/* English */
	"not", "no", "never", "nothing", "nobody", "none", "neither", "nor",
	"didnt", "dont", "doesnt", "wasnt", "werent", "isnt", "arent",
	"wont", "cant", "cannot", "couldnt", "wouldnt", "shouldnt", "hasnt",
	"havent", "hadnt",
	/* Indonesian */
	"tidak", "tak", "bukan", "belum", "jangan", "tiada", "enggak",
	"nggak", "gak",
	/* Swedish */
	"inte", "ej", "aldrig", "ingen", "inget", "inga", "icke",
};

/*
 * Pronouns: each account tells from its own side ("I" is the employee in
 * one, the customer in the other), so they count neither for similarity
 * nor as a difference of people.
 */
static const char *const pronouns[] = {
	"i", "me", "my", "mine", "he", "she", "they", "we", "you", "him",
	"her", "his", "hers", "them", "their", "our", "us", "your", "it",
	"saya", "aku", "dia", "ia", "mereka", "kami", "kita", "anda", "kamu",
	"jag", "mig", "min", "mitt", "han", "hon", "honom", "henne", "de",
	"dem", "vi", "oss", "du", "dig", "den", "det",
};

/* Small words a word-level difference leaves out. */
static const char *const small_words[] = {
	"the", "a", "an", "of", "to", "and", "at", "in", "on", "for",
	"yang", "dan", "di", "ke", "dari", "itu", "ini",
	"och", "att", "en", "ett", "i", "på", "till", "av",
};

/*
 * The two parties as the other side names them: "the customer" in the
 * employee's account is "I" in the complainant's, and "the assistant" in
 * hers is "I" in his.  Against a first person they are no difference.
 */
static const char *const parties[] = {
	"customer", "assistant", "staff", "clerk", "cashier", "pelanggan",
	"kasir", "petugas", "pegawai", "kunden", "butiksbiträdet",
	"personalen", "kassören", "kassörskan",
};

static const char *const first_person[] = {
	"i", "me", "my", "saya", "aku", "jag", "mig", "min", "mitt",
};

/* Roles of the people in a story, three languages. */
static const char *const people[] = {
	"assistant", "cashier", "clerk", "manager", "driver", "courier",
	"customer", "technician", "colleague", "supervisor", "staff",
	"kasir",
	"manajer", "sopir", "kurir", "pelanggan", "petugas", "pegawai",
	"kassören", "chefen",
	"föraren", "kunden", "personalen", "butiksbiträdet", "budet",
};

static const char *const currencies[] = {
	"eur", "euro", "euros", "usd", "dollar", "dollars", "sek", "kr",
	"kronor", "idr", "rp", "rupiah", "gbp", "pound", "pounds", "nok",
	"dkk", "€", "$", "£",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int	in_list(const char *, const char *const *, size_t);

struct word {
	char		*s;	/* normalised */
	uint32_t	 h;	/* hash, numbers masked to one word */
	int		 digit;	/* holds a digit */
	int		 cap;	/* began with a capital, not first word */
};

struct stmt {
	const struct cmp_statement *in;
	char		*norm;		/* normalised text */
	uint64_t	 hash;		/* of norm */
	uint32_t	*set;		/* sorted distinct word hashes */
	size_t		 nset;
	struct word	*w;
	size_t		 nw;
	int		 paired;
};

static uint32_t
fnv32(const char *s, size_t n)
{
	uint32_t	 h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static uint64_t
fnv64(const char *s)
{
	uint64_t	 h = 14695981039346656037ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int
word_add(struct stmt *s, const char *w, size_t n, int cap)
{
	struct word	*v;
	int		 digit = 0;

	if ((s->nw & (s->nw - 1)) == 0 || s->nw == 0) {
		if ((v = reallocarray(s->w, s->nw ? s->nw * 2 : 8,
		    sizeof(*v))) == NULL)
			return -1;
		s->w = v;
	}
	if ((s->w[s->nw].s = strndup(w, n)) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			digit = 1;
	s->w[s->nw].digit = digit;
	s->w[s->nw].h = digit ? 0x9e3779b9u : fnv32(w, n);
	s->w[s->nw].cap = cap && s->nw > 0;
	s->nw++;
	return 0;
}

static int
u32cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Normalise: Unicode case folding, words separated by one space; inside a
 * number '.', ',', ':', '/' and '-' are kept ("14:05", "49.90", "20/11");
 * an apostrophe inside a word goes ("didn't" is "didnt").
 */
static int
prepare(struct stmt *s, const struct cmp_statement *in)
{
	const char	*p = in->text, *q;
	struct buf	 out = { NULL, 0, 0 }, raw = { NULL, 0, 0 };
	size_t		 kept = 0, start = 0;
	int32_t		 c, next;
	int		 cap = 0, inword = 0;

	memset(s, 0, sizeof(*s));
	s->in = in;
	if (buf_puts(&out, "") != 0)
		goto fail;
	for (;;) {
		const char *at = p;

		c = *p != '\0' ? text_decode(&p) : 0;
		q = p;
		next = c != 0 && *q != '\0' ? text_decode(&q) : 0;
		if ((c == '\'' || c == 0x2019) && inword && next != 0 &&
		    text_wordchar(next))
			continue;
		if ((c == '.' || c == ',' || c == ':' || c == '/' ||
		    c == '-') && inword && raw.len > 0 &&
		    raw.s[raw.len - 1] >= '0' && raw.s[raw.len - 1] <= '9' &&
		    next >= '0' && next <= '9') {
			if (buf_add(&raw, at, (size_t)(p - at)) != 0)
				goto fail;
			continue;
		}
		if (c == 0 || !text_wordchar(c)) {
			if (inword) {
				start = out.len + (out.len > 0);
				if ((out.len > 0 && buf_puts(&out, " ") != 0) ||
				    text_fold(&out, raw.s, raw.len) != 0 ||
				    word_add(s, out.s + start, out.len - start,
				    cap) != 0)
					goto fail;
			}
			inword = 0;
			if (c == 0)
				break;
			continue;
		}
		if (!inword) {
			buf_reset(&raw);
			cap = text_upper(c);
			inword = 1;
		}
		if (buf_add(&raw, at, (size_t)(p - at)) != 0)
			goto fail;
	}
	s->norm = out.s;
	out.s = NULL;
	buf_free(&raw);
	s->hash = fnv64(s->norm);
	if (s->nw > 0 && (s->set = calloc(s->nw, sizeof(*s->set))) == NULL)
		return -1;
	for (size_t i = 0; i < s->nw; i++)
		if (!in_list(s->w[i].s, pronouns, NELEM(pronouns)))
			s->set[kept++] = s->w[i].h;
	if (kept > 1)
		qsort(s->set, kept, sizeof(*s->set), u32cmp);
	for (size_t i = 0; i < kept; i++)
		if (s->nset == 0 || s->set[s->nset - 1] != s->set[i])
			s->set[s->nset++] = s->set[i];
	return 0;
fail:
	buf_free(&out);
	buf_free(&raw);
	return -1;
}

static void
release(struct stmt *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < s[i].nw; j++)
			free(s[i].w[j].s);
		free(s[i].w);
		free(s[i].set);
		free(s[i].norm);
	}
	free(s);
}

/* Dice coefficient of two sorted sets. */
static double
similarity(const struct stmt *a, const struct stmt *b)
{
	size_t	 i = 0, j = 0, common = 0;

	if (a->hash == b->hash && strcmp(a->norm, b->norm) == 0)
		return 1.0;
	if (a->nset + b->nset == 0)
		return 1.0;
	while (i < a->nset && j < b->nset) {
		if (a->set[i] == b->set[j])
			common++, i++, j++;
		else if (a->set[i] < b->set[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(a->nset + b->nset);
}

static int
same(const struct stmt *a, const struct stmt *b)
{
	return a->hash == b->hash && strcmp(a->norm, b->norm) == 0;
}

/* --- anchors: statements unique in both, in increasing order ---------- */

struct key {
	uint64_t	 hash;
	size_t		 idx;
	int		 side;
};

static int
keycmp(const void *x, const void *y)
{
	const struct key	*a = x, *b = y;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->side != b->side)
		return a->side - b->side;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/*
 * Into match[i] (for A's statement i) the B statement it is anchored to,
 * or -1: pairs unique on both sides, then the longest increasing run of
 * them by B's order (patience sorting).
 */
static int
anchors(struct stmt *a, size_t na, struct stmt *b, size_t nb, long *match)
{
	struct key	*k;
	size_t		 nk = 0, *pa = NULL, *pb = NULL, np = 0;
	size_t		*tail = NULL, *prev = NULL, len = 0;
	int		 rc = -1;

	for (size_t i = 0; i < na; i++)
		match[i] = -1;
	if ((k = calloc(na + nb + 1, sizeof(*k))) == NULL)
		return -1;
	for (size_t i = 0; i < na; i++)
		k[nk++] = (struct key){ a[i].hash, i, 0 };
	for (size_t j = 0; j < nb; j++)
		k[nk++] = (struct key){ b[j].hash, j, 1 };
	qsort(k, nk, sizeof(*k), keycmp);
	if ((pa = calloc(na + 1, sizeof(*pa))) == NULL ||
	    (pb = calloc(na + 1, sizeof(*pb))) == NULL)
		goto out;
	for (size_t i = 0; i < nk; ) {
		size_t j = i, ca = 0, cb = 0;
		while (j < nk && k[j].hash == k[i].hash) {
			if (k[j].side == 0)
				ca++;
			else
				cb++;
			j++;
		}
		if (ca == 1 && cb == 1 && same(&a[k[i].idx], &b[k[i + 1].idx])) {
			pa[np] = k[i].idx;
			pb[np++] = k[i + 1].idx;
		}
		i = j;
	}
	/* pa is by hash: order the pairs by A's index. */
	for (size_t i = 0; i < na; i++)
		match[i] = -1;
	for (size_t i = 0; i < np; i++)
		match[pa[i]] = (long)pb[i];
	np = 0;
	for (size_t i = 0; i < na; i++)
		if (match[i] >= 0) {
			pa[np] = i;
			pb[np++] = (size_t)match[i];
			match[i] = -1;
		}
	/* Longest increasing subsequence of pb, O(np log np). */
	if ((tail = calloc(np + 1, sizeof(*tail))) == NULL ||
	    (prev = calloc(np + 1, sizeof(*prev))) == NULL)
		goto out;
	for (size_t i = 0; i < np; i++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (pb[tail[mid]] < pb[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : SIZE_MAX;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (size_t i = len ? tail[len - 1] : SIZE_MAX; i != SIZE_MAX;
	    i = prev[i])
		match[pa[i]] = (long)pb[i];
	rc = 0;
out:
	free(k);
	free(pa);
	free(pb);
	free(tail);
	free(prev);
	return rc;
}

/*
 * Align A[i0..i1) with B[j0..j1) by similarity: the pairing of greatest
 * total similarity that keeps the order, each pair at least SAME_EVENT.
 */
static int
align_gap(struct stmt *a, size_t i0, size_t i1, struct stmt *b, size_t j0,
    size_t j1, long *match)
{
	size_t		 n = i1 - i0, m = j1 - j0, i, j;
	double		*score, s;
	unsigned char	*from;

	if (n == 0 || m == 0)
		return 0;
	if (n * m > GAP_CELLS) {
		/* Too large to align fully: pair greedily in order. */
		for (i = i0, j = j0; i < i1 && j < j1; i++)
			for (size_t k = j; k < j1 && k < j + 64; k++)
				if (similarity(&a[i], &b[k]) >= SAME_EVENT) {
					match[i] = (long)k;
					j = k + 1;
					break;
				}
		return 0;
	}
	if ((score = calloc((n + 1) * (m + 1), sizeof(*score))) == NULL ||
	    (from = calloc((n + 1) * (m + 1), 1)) == NULL) {
		free(score);
		return -1;
	}
#define AT(x, y)	((x) * (m + 1) + (y))
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			score[AT(i, j)] = score[AT(i - 1, j)];
			from[AT(i, j)] = 1;
			if (score[AT(i, j - 1)] > score[AT(i, j)]) {
				score[AT(i, j)] = score[AT(i, j - 1)];
				from[AT(i, j)] = 2;
			}
			s = similarity(&a[i0 + i - 1], &b[j0 + j - 1]);
			if (s >= SAME_EVENT &&
			    score[AT(i - 1, j - 1)] + s > score[AT(i, j)]) {
				score[AT(i, j)] = score[AT(i - 1, j - 1)] + s;
				from[AT(i, j)] = 3;
			}
		}
	for (i = n, j = m; i > 0 && j > 0; ) {
		if (from[AT(i, j)] == 3) {
			match[i0 + i - 1] = (long)(j0 + j - 1);
			i--, j--;
		} else if (from[AT(i, j)] == 2)
			j--;
		else
			i--;
	}
#undef AT
	free(score);
	free(from);
	return 0;
}

/* --- facets ------------------------------------------------------------ */

static int
in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}

enum { K_TIME, K_DATE, K_AMOUNT, K_NUMBER, K_WORD };

/* What kind of word w is, the i-th of s. */
static int
kind(const struct stmt *s, size_t i)
{
	const char	*w = s->w[i].s;
	const char	*dot;

	if (!s->w[i].digit)
		return K_WORD;
	if (strchr(w, ':') != NULL)
		return K_TIME;
	if (strchr(w, '/') != NULL || (strlen(w) == 10 && w[4] == '-' &&
	    w[7] == '-'))
		return K_DATE;
	if ((i + 1 < s->nw && in_list(s->w[i + 1].s, currencies,
	    NELEM(currencies))) || (i > 0 && in_list(s->w[i - 1].s,
	    currencies, NELEM(currencies))))
		return K_AMOUNT;
	dot = strpbrk(w, ".,");
	if (dot != NULL && strlen(dot + 1) == 2 && strpbrk(dot + 1, ".,") ==
	    NULL)
		return K_AMOUNT;
	return K_NUMBER;
}

/* "14:05" or "2026-11-20T14:05" into minutes of the day, or -1. */
static long
minutes(const char *t)
{
	const char	*c = strrchr(t, ':');
	long		 h;

	if (c == NULL || c == t || c[-1] < '0' || c[-1] > '9' ||
	    c[1] < '0' || c[1] > '5' || c[2] < '0' || c[2] > '9' ||
	    (c[3] != '\0' && c[3] != ' '))
		return -1;
	h = c[-1] - '0';
	if (c - t >= 2 && c[-2] >= '0' && c[-2] <= '9')
		h += (c[-2] - '0') * 10;
	if (h > 23)
		return -1;
	return h * 60 + (c[1] - '0') * 10 + (c[2] - '0');
}

/* The difference b - a in minutes, when both are times of day. */
static int
minutes_between(const char *a, const char *b, long *d)
{
	long	 x = minutes(a), y = minutes(b);

	if (x < 0 || y < 0 || x == y)
		return 0;
	*d = y - x;
	return 1;
}

/* Words of kind k in s, in order, as "w1 w2"; the currency follows. */
static void
collect(const struct stmt *s, int k, struct buf *b)
{
	buf_reset(b);
	for (size_t i = 0; i < s->nw; i++) {
		if (kind(s, i) != k)
			continue;
		if (b->len > 0)
			buf_puts(b, " ");
		buf_puts(b, s->w[i].s);
		if (k == K_AMOUNT && i + 1 < s->nw && in_list(s->w[i + 1].s,
		    currencies, NELEM(currencies))) {
			buf_puts(b, " ");
			buf_puts(b, s->w[i + 1].s);
		}
	}
	if (b->s == NULL)
		buf_puts(b, "");
}

static int
negated(const struct stmt *s)
{
	int	 n = 0;

	for (size_t i = 0; i < s->nw; i++)
		n += in_list(s->w[i].s, negations, NELEM(negations));
	return n % 2;
}

static int
is_person(const struct stmt *s, size_t i)
{
	if (in_list(s->w[i].s, pronouns, NELEM(pronouns)))
		return 0;
	return s->w[i].cap || in_list(s->w[i].s, people, NELEM(people));
}

static int
first(const struct stmt *s)
{
	for (size_t i = 0; i < s->nw; i++)
		if (in_list(s->w[i].s, first_person, NELEM(first_person)))
			return 1;
	return 0;
}

/* Words of s that t lacks, filtered by pred, as " -w" or " +w". */
static void
lacks(const struct stmt *s, const struct stmt *t, int (*pred)(const struct
    stmt *, size_t), const char *sign, struct buf *b)
{
	for (size_t i = 0; i < s->nw; i++) {
		size_t j;

		if (!pred(s, i))
			continue;
		if (pred == is_person && first(t) &&
		    in_list(s->w[i].s, parties, NELEM(parties)))
			continue;
		for (j = 0; j < t->nw; j++)
			if (strcmp(s->w[i].s, t->w[j].s) == 0)
				break;
		if (j < t->nw)
			continue;
		if (b->len > 0)
			buf_puts(b, " ");
		buf_puts(b, sign);
		buf_puts(b, s->w[i].s);
	}
}

static int
plain_word(const struct stmt *s, size_t i)
{
	return !s->w[i].digit && !in_list(s->w[i].s, negations,
	    NELEM(negations)) && !is_person(s, i) &&
	    !in_list(s->w[i].s, pronouns, NELEM(pronouns)) &&
	    !in_list(s->w[i].s, small_words, NELEM(small_words));
}

static void
facet(struct buf *f, const char *what, const char *x, const char *y)
{
	if (f->len > 0)
		buf_puts(f, "; ");
	buf_printf(f, "%s %s -> %s", what, *x ? x : "(none)",
	    *y ? y : "(none)");
}

/* The facets in which two statements of one event differ. */
static void
facets(const struct stmt *a, const struct stmt *b, struct buf *f)
{
	static const char *const names[] = { "time", "date", "amount",
	    "number" };
	struct buf	 x = { NULL, 0, 0 }, y = { NULL, 0, 0 };
	const char	*ta = a->in->at ? a->in->at : "";
	const char	*tb = b->in->at ? b->in->at : "";
	long		 d;

	buf_reset(f);
	buf_puts(f, "");
	if (strcmp(ta, tb) != 0) {
		facet(f, strlen(ta) > 10 && strlen(tb) > 10 &&
		    strncmp(ta, tb, 10) != 0 ? "date" : "time", ta, tb);
		if (strlen(ta) == strlen(tb) && (strlen(ta) == 5 ||
		    strncmp(ta, tb, 10) == 0) && minutes_between(ta, tb, &d))
			buf_printf(f, " (%+ldm)", d);
	}
	for (int k = K_TIME; k <= K_NUMBER; k++) {
		collect(a, k, &x);
		collect(b, k, &y);
		if (strcmp(x.s, y.s) == 0)
			continue;
		facet(f, names[k], x.s, y.s);
		if (k == K_TIME && strchr(x.s, ' ') == NULL &&
		    strchr(y.s, ' ') == NULL && minutes_between(x.s, y.s, &d))
			buf_printf(f, " (%+ldm)", d);
	}
	if (negated(a) != negated(b)) {
		if (f->len > 0)
			buf_puts(f, "; ");
		buf_puts(f, negated(a) ? "negation: denied -> affirmed" :
		    "negation: affirmed -> denied");
	}
	buf_reset(&x);
	lacks(a, b, is_person, "-", &x);
	lacks(b, a, is_person, "+", &x);
	if (x.len > 0) {
		if (f->len > 0)
			buf_puts(f, "; ");
		buf_printf(f, "people %s", x.s);
	}
	buf_reset(&x);
	lacks(a, b, plain_word, "-", &x);
	lacks(b, a, plain_word, "+", &x);
	if (x.len > 0) {
		if (f->len > 0)
			buf_puts(f, "; ");
		buf_printf(f, "words %s", x.s);
	}
	buf_free(&x);
	buf_free(&y);
}

/* --- the comparison ------------------------------------------------------ */

static int
add_pair(struct cmp_result *r, int mark, long a, long b)
{
	struct cmp_pair	*v;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		if ((v = reallocarray(r->v, r->cap, sizeof(*v))) == NULL)
			return -1;
		r->v = v;
	}
	memset(&r->v[r->n], 0, sizeof(r->v[r->n]));
	r->v[r->n].mark = mark;
	r->v[r->n].a = a;
	r->v[r->n].b = b;
	r->n++;
	return 0;
}

int
compare_run(const struct cmp_statement *A, size_t na,
    const struct cmp_statement *B, size_t nb, struct cmp_result *r,
    struct cerror *e)
{
	struct stmt	*a = NULL, *b = NULL;
	struct buf	 f = { NULL, 0, 0 };
	long		*match = NULL, *moved = NULL;
	size_t		 i, j, pi, pj;
	int		 rc = EX_OSERR;

	memset(r, 0, sizeof(*r));
	if ((a = calloc(na + 1, sizeof(*a))) == NULL ||
	    (b = calloc(nb + 1, sizeof(*b))) == NULL ||
	    (match = calloc(na + 1, sizeof(*match))) == NULL ||
	    (moved = calloc(na + 1, sizeof(*moved))) == NULL)
		goto out;
	for (i = 0; i < na; i++)
		if (prepare(&a[i], &A[i]) != 0)
			goto out;
	for (j = 0; j < nb; j++)
		if (prepare(&b[j], &B[j]) != 0)
			goto out;
	if (anchors(a, na, b, nb, match) != 0)
		goto out;
	/* The gaps between anchors, and before the first and after the last. */
	for (pi = 0, pj = 0, i = 0; i <= na; i++) {
		if (i < na && match[i] < 0)
			continue;
		j = i < na ? (size_t)match[i] : nb;
		if (align_gap(a, pi, i, b, pj, j, match) != 0)
			goto out;
		pi = i + 1;
		pj = j + 1;
	}
	for (i = 0; i < na; i++) {
		moved[i] = -1;
		if (match[i] >= 0)
			b[match[i]].paired = 1;
	}
	/* Statements left on both sides: the same told elsewhere is a move. */
	for (i = 0; i < na; i++) {
		double best = MOVED;
		long at = -1;

		if (match[i] >= 0)
			continue;
		for (j = 0; j < nb; j++) {
			double s;
			if (b[j].paired)
				continue;
			if ((s = similarity(&a[i], &b[j])) >= best) {
				best = s;
				at = (long)j;
				if (s == 1.0)
					break;
			}
		}
		if (at >= 0) {
			moved[i] = at;
			b[at].paired = 1;
		}
	}
	/*
	 * Walk both in order.  B's statements left unpaired show where they
	 * fall before A's next pair; a move shows at A's place.
	 */
	for (i = 0, j = 0; i < na || j < nb; ) {
		if (i < na && match[i] >= 0) {
			for (; j < (size_t)match[i]; j++)
				if (!b[j].paired && add_pair(r, '>', -1,
				    (long)j) != 0)
					goto out;
			if (add_pair(r, same(&a[i], &b[j]) &&
			    strcmp(a[i].in->at ? a[i].in->at : "",
			    b[j].in->at ? b[j].in->at : "") == 0 ? '=' : '~',
			    (long)i, (long)j) != 0)
				goto out;
			i++, j++;
		} else if (i < na) {
			if (add_pair(r, moved[i] >= 0 ? '^' : '<', (long)i,
			    moved[i]) != 0)
				goto out;
			i++;
		} else {
			if (!b[j].paired && add_pair(r, '>', -1, (long)j) != 0)
				goto out;
			j++;
		}
	}
	for (size_t k = 0; k < r->n; k++) {
		struct cmp_pair *p = &r->v[k];

		if (p->mark == '=')
			continue;
		if (p->mark == '~' || (p->mark == '^' && !same(&a[p->a],
		    &b[p->b]))) {
			facets(&a[p->a], &b[p->b], &f);
			/* Told from each side's own view, and nothing else. */
			if (f.len == 0 && p->mark == '~') {
				p->mark = '=';
				continue;
			}
			if ((p->facets = strdup(f.s)) == NULL)
				goto out;
		}
	}
	for (size_t k = 0; k < r->n; k++)
		if (r->v[k].mark != '=')
			r->differ = 1;
	rc = 0;
out:
	if (rc != 0) {
		cerror_set(e, rc, "out of memory");
		compare_free(r);
	}
	if (a != NULL)
		release(a, na);
	if (b != NULL)
		release(b, nb);
	free(match);
	free(moved);
	buf_free(&f);
	return rc;
}

void
compare_free(struct cmp_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].facets);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
