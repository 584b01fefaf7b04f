/*
 * compare.c: put two accounts side by side.
 *
 * Statements are folded (Unicode case folding, through text.c) and cut into
 * words; each word is stemmed with the Snowball stemmer of the accounts'
 * language (English, Indonesian or Swedish, told by their small words), so
 * "kvittot" and "kvitto" are one word.  Numbers, written in digits or in
 * words ("tre", "dua puluh", "a dozen"), are masked, and the people are
 * resolved: "I" in the employee's account, the employee's name and "the
 * assistant" in the customer's are one person.  The similarity of two
 * statements is the Dice coefficient of what is left.
 *
 * Alignment is anchored, as patience diff is: statements that occur once in
 * each account, in an increasing run, pair first; only the gaps between
 * anchors are aligned by similarity.  Two statements of the same moment
 * (the same time, or the same place between two anchors) pair on less
 * likeness, so that one side's denial meets the other's claim.  What stays
 * unpaired is matched again regardless of order (a move), through an index
 * of words: each statement looks at a bounded number of candidates.  Very
 * different accounts therefore cost O(n log n) like similar ones: a gap
 * larger than GAP_PER_STMT cells a statement is aligned greedily, as diff's
 * heuristics give up on an optimal script for very different inputs.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <libstemmer.h>

#include "complaint.h"
#include "internal.h"

#define SAME_EVENT	0.5	/* least similarity of one event told twice */
#define SAME_MOMENT	0.25	/* least, when told of the same moment */
#define MOVED		0.6	/* least similarity of a moved statement */
#define GAP_PER_STMT	64	/* DP cells a statement may cost */
#define GAP_MIN		4096	/* ... but a gap this small is aligned fully */
#define WINDOW		16	/* greedy alignment looks this far ahead */
#define CANDIDATES	32	/* statements a move looks at */

enum { EN = LEX_EN, ID = LEX_ID, SV = LEX_SV, NLANG = LEX_NLANG };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Numbers in words: a value, a multiplier, or "belas" (ten more). */
enum { N_VAL = 1, N_SOFT, N_A, N_MUL, N_BIG, N_TEEN };

struct numword {
	const char	*w;
	int		 kind;
	long		 v;
};

static const struct numword en_num[] = {
	{ "zero", N_VAL, 0 }, { "one", N_VAL, 1 }, { "two", N_VAL, 2 },
	{ "three", N_VAL, 3 }, { "four", N_VAL, 4 }, { "five", N_VAL, 5 },
	{ "six", N_VAL, 6 }, { "seven", N_VAL, 7 }, { "eight", N_VAL, 8 },
	{ "nine", N_VAL, 9 }, { "ten", N_VAL, 10 }, { "eleven", N_VAL, 11 },
	{ "twelve", N_VAL, 12 }, { "thirteen", N_VAL, 13 },
	{ "fourteen", N_VAL, 14 }, { "fifteen", N_VAL, 15 },
	{ "sixteen", N_VAL, 16 }, { "seventeen", N_VAL, 17 },
	{ "eighteen", N_VAL, 18 }, { "nineteen", N_VAL, 19 },
	{ "twenty", N_VAL, 20 }, { "thirty", N_VAL, 30 },
	{ "forty", N_VAL, 40 }, { "fifty", N_VAL, 50 }, { "sixty", N_VAL, 60 },
	{ "seventy", N_VAL, 70 }, { "eighty", N_VAL, 80 },
	{ "ninety", N_VAL, 90 }, { "hundred", N_MUL, 100 },
	{ "dozen", N_MUL, 12 }, { "thousand", N_BIG, 1000 },
	{ "a", N_A, 1 }, { "an", N_A, 1 }, { NULL, 0, 0 },
};

static const struct numword id_num[] = {
	{ "nol", N_VAL, 0 }, { "satu", N_VAL, 1 }, { "dua", N_VAL, 2 },
	{ "tiga", N_VAL, 3 }, { "empat", N_VAL, 4 }, { "lima", N_VAL, 5 },
	{ "enam", N_VAL, 6 }, { "tujuh", N_VAL, 7 }, { "delapan", N_VAL, 8 },
	{ "sembilan", N_VAL, 9 }, { "sepuluh", N_VAL, 10 },
	{ "sebelas", N_VAL, 11 }, { "belas", N_TEEN, 10 },
	{ "puluh", N_MUL, 10 }, { "ratus", N_MUL, 100 },
	{ "seratus", N_VAL, 100 }, { "lusin", N_MUL, 12 },
	{ "selusin", N_VAL, 12 }, { "ribu", N_BIG, 1000 },
	{ "seribu", N_BIG, 1000 }, { NULL, 0, 0 },
};

static const struct numword sv_num[] = {
	{ "noll", N_VAL, 0 }, { "en", N_SOFT, 1 }, { "ett", N_SOFT, 1 },
	{ "två", N_VAL, 2 }, { "tre", N_VAL, 3 }, { "fyra", N_VAL, 4 },
	{ "fem", N_VAL, 5 }, { "sex", N_VAL, 6 }, { "sju", N_VAL, 7 },
	{ "åtta", N_VAL, 8 }, { "nio", N_VAL, 9 }, { "tio", N_VAL, 10 },
	{ "elva", N_VAL, 11 }, { "tolv", N_VAL, 12 },
	{ "tretton", N_VAL, 13 }, { "fjorton", N_VAL, 14 },
	{ "femton", N_VAL, 15 }, { "sexton", N_VAL, 16 },
	{ "sjutton", N_VAL, 17 }, { "arton", N_VAL, 18 },
	{ "nitton", N_VAL, 19 }, { "tjugo", N_VAL, 20 },
	{ "trettio", N_VAL, 30 }, { "fyrtio", N_VAL, 40 },
	{ "femtio", N_VAL, 50 }, { "sextio", N_VAL, 60 },
	{ "sjuttio", N_VAL, 70 }, { "åttio", N_VAL, 80 },
	{ "nittio", N_VAL, 90 }, { "hundra", N_MUL, 100 },
	{ "dussin", N_MUL, 12 }, { "tusen", N_BIG, 1000 }, { NULL, 0, 0 },
};

static const struct numword *const numwords[NLANG] = { en_num, id_num,
	sv_num };

static const char *const currencies[] = {
	"eur", "euro", "euros", "usd", "dollar", "dollars", "sek", "kr",
	"kronor", "idr", "rp", "rupiah", "gbp", "pound", "pounds", "nok",
	"dkk", "€", "$", "£", NULL,
};

/* Who a word names: the two parties, someone else, or nobody. */
enum { WHO_NONE, WHO_EMP, WHO_CUST, WHO_SELF, WHO_OTHER };

/* Word classes. */
#define C_NEG	0x01
#define C_FIRST	0x02
#define C_PRON	0x04
#define C_SMALL	0x08
#define C_ROLE	0x10	/* a role or a name: the people facet's */

struct word {
	const char	*s;	/* folded */
	const char	*stem;
	size_t		 off;	/* of s in the normalised text, then of stem */
	unsigned	 bits;	/* L_ lists the word is in */
	const struct numword *nw;	/* as a number word */
	uint32_t	 h;	/* hash in the similarity set */
	int		 digit;	/* holds a digit */
	int		 num;	/* 1 a number, 2 a soft one ("en"); 0 none */
	int		 run;	/* words of the number it begins */
	int		 cont;	/* a later word of a number */
	long long	 val;
	int		 cap;	/* began with a capital, not first word */
	int		 initcap;	/* the first word, with a capital */
	int		 cls;
	int		 who;
};

struct stmt {
	const struct cmp_statement *in;
	char		*norm;		/* normalised text */
	char		*words;		/* the same, a NUL after each word */
	struct buf	 stems;		/* the stems, each NUL-terminated */
	uint64_t	 hash;		/* of norm */
	uint32_t	*set;		/* sorted distinct word hashes */
	size_t		 nset;
	struct word	*w;		/* only while its facets are wanted */
	size_t		 nw, wcap;
	int		 neg;		/* denies: odd count of negations */
	int		 paired;
};

/* Which lists a word is in. */
#define L_NEG	LX_NEG
#define L_FIRST	LX_FIRST
#define L_PRON	LX_PRON
#define L_SMALL	LX_SMALL
#define L_CUST	LX_CUST
#define L_STAFF	LX_STAFF
#define L_OTHER	LX_OTHER
#define L_LEX	0x7f	/* the lexicon's flags compare reads */
#define L_CUR	0x80

/* The language's words, sorted by hash: one look-up a word. */
struct entry {
	uint32_t		 h;
	unsigned		 bits;
	const char		*w;
	const struct numword	*nw;
};

/* What a comparison knows around the statements. */
struct ctx {
	struct entry		*dict;
	size_t			 ndict;
	int			 lang;
	struct sb_stemmer	*stemmer;
	int			 teller[2];	/* WHO_ of "I", each side */
	struct buf		 emp, cust;	/* folded names, space-separated */
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

#define H_NUMBER	0x9e3779b9u
#define H_EMP		0x7f4a7c15u
#define H_CUST		0x5851f42du

static int
word_add(struct stmt *s, const char *w, size_t off, size_t n, int cap)
{
	struct word	*v;

	if (s->nw == s->wcap) {
		if ((v = reallocarray(s->w, s->wcap ? s->wcap * 2 : 16,
		    sizeof(*v))) == NULL)
			return -1;
		s->w = v;
		s->wcap = s->wcap ? s->wcap * 2 : 16;
	}
	v = &s->w[s->nw];
	memset(v, 0, sizeof(*v));
	v->off = off;
	for (size_t i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			v->digit = 1;
	v->cap = cap && s->nw > 0;
	v->initcap = cap && s->nw == 0;
	s->nw++;
	return 0;
}

static int
u32cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* 1 when raw ends in 1 to 3 digits and p starts with three and no more. */
static int
grouped(const struct buf *raw, const char *p)
{
	size_t	 n = 0;

	while (n < raw->len && raw->s[raw->len - n - 1] >= '0' &&
	    raw->s[raw->len - n - 1] <= '9')
		n++;
	if (n < 1 || n > 3)
		return 0;
	for (int i = 0; i < 3; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return p[3] < '0' || p[3] > '9';
}

/*
 * Cut a statement into folded words; inside a number '.', ',', ':', '/'
 * and '-' are kept ("14:05", "49.90", "20/11"); an apostrophe inside a
 * word goes ("didn't" is "didnt").
 */
static int
split(struct stmt *s, const struct cmp_statement *in)
{
	const char	*p = in->text, *q;
	struct buf	 out = { NULL, 0, 0 }, raw = { NULL, 0, 0 };
	size_t		 start;
	int32_t		 c, next;
	int		 cap = 0, inword = 0;

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
		/* "1 299 kr": a space between groups of thousands. */
		if ((c == ' ' || c == 0xa0 || c == 0x202f) && inword &&
		    grouped(&raw, p)) {
			if (buf_add(&raw, "\xc2\xa0", 2) != 0)
				goto fail;
			continue;
		}
		if (c == 0 || !text_wordchar(c)) {
			if (inword) {
				start = out.len + (out.len > 0);
				if ((out.len > 0 && buf_puts(&out, " ") != 0) ||
				    text_fold(&out, raw.s, raw.len) != 0 ||
				    word_add(s, out.s + start, start,
				    out.len - start, cap) != 0)
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
	buf_free(&raw);
	if ((s->words = strdup(s->norm)) == NULL)
		return -1;
	for (char *p0 = s->words; *p0 != '\0'; p0++)
		if (*p0 == ' ')
			*p0 = '\0';
	for (size_t i = 0; i < s->nw; i++)
		s->w[i].s = s->words + s->w[i].off;
	return 0;
fail:
	buf_free(&out);
	buf_free(&raw);
	return -1;
}

static const struct numword *
numword(const struct numword *t, const char *w, size_t n)
{
	for (; t->w != NULL; t++)
		if (strlen(t->w) == n && memcmp(t->w, w, n) == 0)
			return t;
	return NULL;
}

/*
 * A Swedish compound of number words ("tjugofem", "etthundra"): its value,
 * or -1.  last is what the latest multiplier applies to.
 */
static long long
compound(const struct numword *t, const char *w, long long cur,
    long long last, int depth)
{
	const struct numword	*nw;
	size_t			 n = strlen(w);
	long long		 v;

	if (*w == '\0')
		return depth > 1 ? cur : -1;
	if (depth > 4)
		return -1;
	for (size_t k = n; k >= 2; k--) {
		if ((nw = numword(t, w, k)) == NULL || nw->kind == N_A ||
		    nw->kind == N_TEEN)
			continue;
		if (nw->kind == N_SOFT && (w[k] == '\0' ||
		    strcmp(nw->w, "ett") != 0))
			continue;
		if (nw->kind == N_MUL || nw->kind == N_BIG)
			v = compound(t, w + k, cur - last + (last ? last : 1) *
			    nw->v, 0, depth + 1);
		else
			v = compound(t, w + k, cur + nw->v, last + nw->v,
			    depth + 1);
		if (v >= 0)
			return v;
	}
	return -1;
}

/* Read numbers written in words: mark each run with its value. */
static void
numbers(struct stmt *s, int lang)
{
	const struct numword	*t = numwords[lang], *nw;
	long long		 total, cur, last, v;
	size_t			 i, j;

	for (i = 0; i < s->nw; i++) {
		struct word *w = &s->w[i];

		if (w->digit) {
			w->num = 1;
			w->run = 1;
			w->val = strtoll(w->s, NULL, 10);
			continue;
		}
		total = cur = last = 0;
		for (j = i; j < s->nw; j++) {
			const char *x = s->w[j].s;

			if ((nw = s->w[j].nw) == NULL) {
				if (lang != SV || strlen(x) > 40 ||
				    (v = compound(t, x, 0, 0, 0)) < 0)
					break;
				cur += v;
				last = v;
				continue;
			}
			if (nw->kind == N_A) {
				/* "a dozen", "an hundred": an article else. */
				if (j != i || j + 1 == s->nw ||
				    (nw = s->w[j + 1].nw) == NULL ||
				    (nw->kind != N_MUL && nw->kind != N_BIG))
					break;
				cur = last = 1;
				continue;
			}
			if (nw->kind == N_SOFT && j != i)
				break;
			switch (nw->kind) {
			case N_MUL:
				cur += (last ? last : 1) * nw->v - last;
				last = 0;
				break;
			case N_BIG:
				total += (cur ? cur : 1) * nw->v;
				cur = last = 0;
				break;
			case N_TEEN:
				if (j == i)
					goto done;
				cur += nw->v;
				last = 0;
				break;
			default:
				cur += nw->v;
				last += nw->v;
			}
		}
done:
		if (j == i)
			continue;
		w->num = j == i + 1 && w->nw != NULL && w->nw->kind == N_SOFT ?
		    2 : 1;
		w->run = (int)(j - i);
		w->val = total + cur;
		for (size_t k = i + 1; k < j; k++)
			s->w[k].cont = 1;
		i = j - 1;
	}
}

/*
 * libstemmer is opened the first time a comparison needs it, not linked:
 * complaint-report holds this file for show --html, and the library's
 * 10,800 relocations would cost every report 1.2 ms before its first
 * line.  STEMMER_SO, the library's file name, is the Makefile's.
 */
static struct {
	int		 tried;
	char		 why[200];	/* dlerror() of a failed load */
	struct sb_stemmer *(*make)(const char *, const char *);
	const sb_symbol	*(*stem)(struct sb_stemmer *, const sb_symbol *,
			    int);
	void		 (*free)(struct sb_stemmer *);
} sb;

/* dlsym's void * as a function pointer, which POSIX allows. */
static int
sym(void *h, const char *name, void *fn, size_t size)
{
	void	*p = dlsym(h, name);

	memcpy(fn, &p, size);
	return p != NULL ? 0 : -1;
}

static int
stemmer_load(struct cerror *e)
{
	const char	*why;
	void		*h;

	if (!sb.tried) {
		sb.tried = 1;
		if ((h = dlopen(STEMMER_SO, RTLD_NOW | RTLD_LOCAL)) == NULL ||
		    sym(h, "sb_stemmer_new", &sb.make, sizeof(sb.make)) != 0 ||
		    sym(h, "sb_stemmer_stem", &sb.stem, sizeof(sb.stem)) != 0 ||
		    sym(h, "sb_stemmer_delete", &sb.free,
		    sizeof(sb.free)) != 0) {
			why = dlerror();
			sb.make = NULL;
			strlcpy(sb.why, why != NULL ? why : "a symbol is missing",
			    sizeof(sb.why));
		}
	}
	if (sb.make == NULL)
		return cerror_set(e, EX_UNAVAILABLE, "cannot load %s, the "
		    "Snowball stemmers a comparison needs (%s); install "
		    "libstemmer", STEMMER_SO, sb.why);
	return 0;
}

/*
 * Snowball's stem into s->stems (w->off becomes its offset there); for
 * Swedish, also the definite -t/-n and a final vowel Snowball leaves.
 */
static int
stem(struct stmt *s, struct word *w, const struct ctx *c)
{
	const sb_symbol	*out = (const sb_symbol *)w->s;
	size_t		 n, cps = 0;
	char		*p;

	if (c->stemmer != NULL && !w->digit && !w->num && (out =
	    sb.stem(c->stemmer, (const sb_symbol *)w->s,
	    (int)strlen(w->s))) == NULL)
		return -1;
	w->off = s->stems.len;
	n = strlen((const char *)out);
	if (buf_add(&s->stems, (const char *)out, n + 1) != 0)
		return -1;
	if (c->lang != SV || w->digit || w->num)
		return 0;
	p = s->stems.s + w->off;
	for (size_t i = 0; i < n; i++)
		cps += ((unsigned char)p[i] & 0xc0) != 0x80;
	if (cps >= 4 && strchr("tdn", p[n - 1]) != NULL)
		p[--n] = '\0', cps--;
	if (cps >= 4 && strchr("aeo", p[n - 1]) != NULL)
		p[--n] = '\0';
	return 0;
}

static int
entcmp(const void *x, const void *y)
{
	const struct entry	*a = x, *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return strcmp(a->w, b->w);
}

/* The language's words, currencies and numbers as one table. */
static int
dict_build(struct ctx *c)
{
	const struct lexicon	*l = &lexicons[c->lang];
	const struct numword	*nw;
	const char *const	*cur;
	size_t			 n = l->n, k;
	unsigned		 bits;

	for (cur = currencies; *cur != NULL; cur++)
		n++;
	for (nw = numwords[c->lang]; nw->w != NULL; nw++)
		n++;
	if ((c->dict = calloc(n, sizeof(*c->dict))) == NULL)
		return -1;
	for (k = 0; k < l->n; k++) {
		bits = l->w[k].f & L_LEX;
		if (l->w[k].f & LX_LACK)
			bits &= ~L_NEG;
		if (bits != 0)
			c->dict[c->ndict++] = (struct entry){ fnv32(l->w[k].w,
			    strlen(l->w[k].w)), bits, l->w[k].w, NULL };
	}
	for (cur = currencies; *cur != NULL; cur++)
		c->dict[c->ndict++] = (struct entry){ fnv32(*cur,
		    strlen(*cur)), L_CUR, *cur, NULL };
	for (nw = numwords[c->lang]; nw->w != NULL; nw++)
		c->dict[c->ndict++] = (struct entry){ fnv32(nw->w,
		    strlen(nw->w)), 0, nw->w, nw };
	qsort(c->dict, c->ndict, sizeof(*c->dict), entcmp);
	for (n = 0, k = 0; k < c->ndict; k++) {
		if (n > 0 && entcmp(&c->dict[n - 1], &c->dict[k]) == 0) {
			c->dict[n - 1].bits |= c->dict[k].bits;
			if (c->dict[k].nw != NULL)
				c->dict[n - 1].nw = c->dict[k].nw;
			continue;
		}
		c->dict[n++] = c->dict[k];
	}
	c->ndict = n;
	return 0;
}

static const struct entry *
lookup(const struct ctx *c, const char *w)
{
	uint32_t	 h = fnv32(w, strlen(w));
	size_t		 lo = 0, hi = c->ndict;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->dict[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->ndict && c->dict[lo].h == h; lo++)
		if (strcmp(c->dict[lo].w, w) == 0)
			return &c->dict[lo];
	return NULL;
}

/* 1 when w is one of the words of a name list ("erik holm"). */
static int
in_name(const char *w, const struct buf *names)
{
	const char	*p;
	size_t		 n = strlen(w);

	if (names->len == 0 || n < 2)
		return 0;
	for (p = names->s; (p = strstr(p, w)) != NULL; p++)
		if ((p == names->s || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return 1;
	return 0;
}

/* Free what a statement holds. */
static void
clear(struct stmt *s)
{
	free(s->w);
	free(s->set);
	free(s->norm);
	free(s->words);
	buf_free(&s->stems);
	s->w = NULL;
	s->set = NULL;
	s->norm = s->words = NULL;
	s->nw = s->wcap = 0;
}

/* Free a statement's words, keeping what alignment needs. */
static void
forget(struct stmt *s)
{
	free(s->w);
	free(s->words);
	buf_free(&s->stems);
	s->w = NULL;
	s->words = NULL;
	s->nw = s->wcap = 0;
}

/*
 * Classes, people and hashes of the words of s, told from side.  The words
 * themselves are kept only when keep is set: a long account would hold
 * every word twice over for the few pairs whose facets are wanted.
 */
static int
prepare(struct stmt *s, const struct cmp_statement *in,
    const struct ctx *c, int side, int keep)
{
	const struct entry	*en;
	size_t			 kept = 0;
	int			 neg = 0;

	memset(s, 0, sizeof(*s));
	s->in = in;
	if (split(s, in) != 0)
		return -1;
	s->hash = fnv64(s->norm);
	for (size_t i = 0; i < s->nw; i++)
		if ((en = lookup(c, s->w[i].s)) != NULL) {
			s->w[i].bits = en->bits;
			s->w[i].nw = en->nw;
		}
	numbers(s, c->lang);
	for (size_t i = 0; i < s->nw; i++) {
		struct word *w = &s->w[i];
		unsigned b = w->bits;

		if (stem(s, w, c) != 0)
			return -1;
		if (w->num)
			;
		else if (b & L_NEG)
			w->cls |= C_NEG, neg++;
		else if (b & L_FIRST) {
			w->cls |= C_FIRST;
			w->who = c->teller[side] ? c->teller[side] : WHO_SELF;
		} else if (b & L_PRON)
			w->cls |= C_PRON;
		else if (in_name(w->s, &c->emp) || (b & L_STAFF))
			w->cls |= C_ROLE, w->who = WHO_EMP;
		else if (in_name(w->s, &c->cust) || (b & L_CUST))
			w->cls |= C_ROLE, w->who = WHO_CUST;
		else if (b & (L_SMALL | L_CUR))
			w->cls |= C_SMALL;
		else if (w->cap || (b & L_OTHER))
			w->cls |= C_ROLE, w->who = WHO_OTHER;
	}
	for (size_t i = 0; i < s->nw; i++)
		s->w[i].stem = s->stems.s + s->w[i].off;
	s->neg = neg % 2;
	if (s->nw > 0 && (s->set = calloc(s->nw, sizeof(*s->set))) == NULL)
		return -1;
	for (size_t i = 0; i < s->nw; i++) {
		struct word *w = &s->w[i];

		if (w->cont || w->num == 2 ||
		    (w->cls & (C_NEG | C_PRON | C_SMALL)))
			continue;
		if (w->num)
			w->h = H_NUMBER;
		else if (w->who == WHO_EMP)
			w->h = H_EMP;
		else if (w->who == WHO_CUST)
			w->h = H_CUST;
		else if (w->who == WHO_SELF)
			continue;
		else
			w->h = fnv32(w->stem, strlen(w->stem));
		s->set[kept++] = w->h;
	}
	if (kept > 1)
		qsort(s->set, kept, sizeof(*s->set), u32cmp);
	for (size_t i = 0; i < kept; i++)
		if (s->nset == 0 || s->set[s->nset - 1] != s->set[i])
			s->set[s->nset++] = s->set[i];
	if (!keep)
		forget(s);
	return 0;
}

static void
release(struct stmt *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		clear(&s[i]);
	free(s);
}

static int
same(const struct stmt *a, const struct stmt *b)
{
	return a->hash == b->hash && strcmp(a->norm, b->norm) == 0;
}

/* Dice coefficient of two sorted sets; the parties too when parties. */
static double
dice(const struct stmt *a, const struct stmt *b, int parties)
{
	size_t	 i = 0, j = 0, common = 0, na = a->nset, nb = b->nset;

	if (same(a, b))
		return 1.0;
	while (i < a->nset && j < b->nset) {
		if (a->set[i] == b->set[j]) {
			if (parties || (a->set[i] != H_EMP &&
			    a->set[i] != H_CUST))
				common++;
			i++, j++;
		} else if (a->set[i] < b->set[j])
			i++;
		else
			j++;
	}
	if (!parties)
		for (i = 0; i < a->nset || i < b->nset; i++) {
			if (i < a->nset && (a->set[i] == H_EMP ||
			    a->set[i] == H_CUST))
				na--;
			if (i < b->nset && (b->set[i] == H_EMP ||
			    b->set[i] == H_CUST))
				nb--;
		}
	if (na + nb == 0)
		return parties ? 1.0 : 0.0;
	return 2.0 * (double)common / (double)(na + nb);
}

static double
similarity(const struct stmt *a, const struct stmt *b)
{
	return dice(a, b, 1);
}

static int
same_time(const struct stmt *a, const struct stmt *b)
{
	return a->in->at != NULL && b->in->at != NULL &&
	    strcmp(a->in->at, b->in->at) == 0;
}

/*
 * How well a and b pair, 0 when they do not.  Of the same moment (the same
 * time, or the same place between anchors: moment), a claim and its
 * denial pair on any likeness, other statements on SAME_MOMENT.
 */
static double
pairscore(const struct stmt *a, const struct stmt *b, int moment)
{
	double	 s = similarity(a, b), c;

	if (s >= SAME_EVENT)
		return s + (same_time(a, b) ? 0.01 : 0);
	if (!same_time(a, b) && !moment)
		return 0;
	/* The parties alone make no likeness, but a denial of the same. */
	c = dice(a, b, 0);
	if (c >= SAME_MOMENT || (a->neg != b->neg && (same_time(a, b) ||
	    s > 0)))
		return SAME_EVENT + s / 10;
	return 0;
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
 * Align A[i0..i1) with B[j0..j1) by likeness: the pairing of greatest
 * total score that keeps the order.  Statements at the same place of a gap
 * of equal sides are of the same moment.
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
	if (n * m > GAP_MIN && n * m > GAP_PER_STMT * (n + m)) {
		/* Too large to align fully: pair greedily in order. */
		for (i = i0, j = j0; i < i1 && j < j1; i++)
			for (size_t k = j; k < j1 && k < j + WINDOW; k++)
				if (pairscore(&a[i], &b[k], 0) > 0) {
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
			s = pairscore(&a[i0 + i - 1], &b[j0 + j - 1],
			    n == m && i == j);
			if (s > 0 &&
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

/* --- moves: an index of B's unpaired statements by word and time ------- */

struct post {
	uint32_t	 h;
	uint32_t	 j;
};

static int
postcmp(const void *x, const void *y)
{
	const struct post	*a = x, *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/* The range of posts of hash h in p[0..n): its start, its length in *len. */
static size_t
postings(const struct post *p, size_t n, uint32_t h, size_t *len)
{
	size_t	 lo = 0, hi = n, start;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	start = lo;
	for (hi = n; lo < hi; ) {
		size_t mid = (lo + hi) / 2;
		if (p[mid].h <= h)
			lo = mid + 1;
		else
			hi = mid;
	}
	*len = lo - start;
	return start;
}

/*
 * Each unpaired statement of A looks for its best unpaired one in B among
 * at most CANDIDATES: those of the same time and those sharing its rarest
 * words.  A word in every statement says nothing, and costs nothing.
 */
static int
moves(struct stmt *a, size_t na, struct stmt *b, size_t nb,
    const long *match, long *moved)
{
	struct post	*p = NULL, *t = NULL;
	size_t		 np = 0, nt = 0, words = 0;
	int		 rc = -1;

	for (size_t j = 0; j < nb; j++)
		if (!b[j].paired)
			words += b[j].nset;
	if ((p = calloc(words + 1, sizeof(*p))) == NULL ||
	    (t = calloc(nb + 1, sizeof(*t))) == NULL)
		goto out;
	for (size_t j = 0; j < nb; j++) {
		if (b[j].paired)
			continue;
		for (size_t k = 0; k < b[j].nset; k++)
			p[np++] = (struct post){ b[j].set[k], (uint32_t)j };
		if (b[j].in->at != NULL)
			t[nt++] = (struct post){ fnv32(b[j].in->at,
			    strlen(b[j].in->at)), (uint32_t)j };
	}
	qsort(p, np, sizeof(*p), postcmp);
	qsort(t, nt, sizeof(*t), postcmp);
	for (size_t i = 0; i < na; i++) {
		size_t	 cand[CANDIDATES], nc = 0, best_k[3], best_n[3];
		size_t	 start, len;
		double	 best = 0, s;
		long	 at = -1;

		moved[i] = -1;
		if (match[i] >= 0)
			continue;
		if (a[i].in->at != NULL) {
			start = postings(t, nt, fnv32(a[i].in->at,
			    strlen(a[i].in->at)), &len);
			for (size_t k = 0; k < len && nc < CANDIDATES / 2; k++)
				cand[nc++] = t[start + k].j;
		}
		/* The three rarest words of the statement. */
		for (int r = 0; r < 3; r++)
			best_n[r] = SIZE_MAX, best_k[r] = 0;
		for (size_t k = 0; k < a[i].nset; k++) {
			start = postings(p, np, a[i].set[k], &len);
			if (len == 0)
				continue;
			for (int r = 0; r < 3; r++)
				if (len < best_n[r]) {
					for (int q = 2; q > r; q--) {
						best_n[q] = best_n[q - 1];
						best_k[q] = best_k[q - 1];
					}
					best_n[r] = len;
					best_k[r] = start;
					break;
				}
		}
		for (int r = 0; r < 3 && best_n[r] != SIZE_MAX; r++)
			for (size_t k = 0; k < best_n[r] && nc < CANDIDATES;
			    k++)
				cand[nc++] = p[best_k[r] + k].j;
		for (size_t k = 0; k < nc; k++) {
			size_t j = cand[k];

			if (b[j].paired)
				continue;
			s = similarity(&a[i], &b[j]);
			if (s < MOVED && same_time(&a[i], &b[j]) &&
			    a[i].neg != b[j].neg)
				s = MOVED;
			if (s >= MOVED && s > best) {
				best = s;
				at = (long)j;
			}
		}
		if (at >= 0) {
			moved[i] = at;
			b[at].paired = 1;
		}
	}
	rc = 0;
out:
	free(p);
	free(t);
	return rc;
}

/* --- facets ------------------------------------------------------------ */

enum { K_TIME, K_DATE, K_AMOUNT, K_NUMBER, K_WORD };

/* What kind of word w is, the i-th of s. */
static int
kind(const struct stmt *s, size_t i)
{
	const char	*w = s->w[i].s;
	const char	*dot;
	struct money	 m;
	struct cerror	 e;

	if (!s->w[i].digit)
		return s->w[i].num && !s->w[i].cont ? K_NUMBER : K_WORD;
	if (strchr(w, ':') != NULL)
		return K_TIME;
	if (strchr(w, '/') != NULL || (strlen(w) == 10 && w[4] == '-' &&
	    w[7] == '-'))
		return K_DATE;
	if ((i + 1 < s->nw && (s->w[i + 1].bits & L_CUR)) ||
	    (i > 0 && (s->w[i - 1].bits & L_CUR)))
		return K_AMOUNT;
	/* "$120", "rp350.000", "€49,90". */
	if (money_parse(w, NULL, 1, &m, &e) == 0)
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

/*
 * The amount at word i of s as it compares ("599.00 SEK" for "599 kr",
 * "599,00 kr" or "kr 599"), or as written when it cannot be read.
 */
static void
amount(const struct stmt *s, size_t i, struct buf *v)
{
	const char	*w = s->w[i].s;
	struct money	 m;
	struct cerror	 e;
	char		 t[128], f[MONEY_LEN];
	int		 ok = 0;

	if (i + 1 < s->nw && (s->w[i + 1].bits & L_CUR)) {
		snprintf(t, sizeof(t), "%s %s", w, s->w[i + 1].s);
		ok = money_parse(t, NULL, 1, &m, &e) == 0;
	}
	if (!ok && i > 0 && (s->w[i - 1].bits & L_CUR)) {
		snprintf(t, sizeof(t), "%s %s", s->w[i - 1].s, w);
		ok = money_parse(t, NULL, 1, &m, &e) == 0;
	}
	/* With no currency, XXX: the code for none. */
	if (!ok)
		ok = money_parse(w, NULL, 1, &m, &e) == 0 ||
		    money_parse(w, "XXX", 1, &m, &e) == 0;
	buf_puts(v, ok ? money_format(&m, f) : w);
}

/*
 * Words of kind k in s, in order, as "w1 w2" into b (the currency follows
 * an amount; a number in words is all its words), and into v as they
 * compare (a number by its value).  Return how many, soft ones apart.
 */
static int
collect(const struct stmt *s, int k, struct buf *b, struct buf *v)
{
	int	 hard = 0;

	buf_reset(b);
	buf_reset(v);
	buf_puts(b, "");
	buf_puts(v, "");
	for (size_t i = 0; i < s->nw; i++) {
		const struct word *w = &s->w[i];

		if (kind(s, i) != k)
			continue;
		hard += w->num != 2;
		if (b->len > 0)
			buf_puts(b, " ");
		if (v->len > 0)
			buf_puts(v, " ");
		if (k == K_NUMBER && !w->digit) {
			for (int r = 0; r < w->run; r++)
				buf_printf(b, "%s%s", r ? " " : "",
				    s->w[i + r].s);
			buf_printf(v, "%lld", w->val);
			continue;
		}
		if (k == K_AMOUNT && i > 0 && (s->w[i - 1].bits & L_CUR) &&
		    !(i + 1 < s->nw && (s->w[i + 1].bits & L_CUR)))
			buf_printf(b, "%s ", s->w[i - 1].s);
		buf_puts(b, w->s);
		if (k != K_AMOUNT) {
			buf_puts(v, w->s);
			continue;
		}
		if (i + 1 < s->nw && (s->w[i + 1].bits & L_CUR))
			buf_printf(b, " %s", s->w[i + 1].s);
		amount(s, i, v);
	}
	return hard;
}

/* 1 when the person of word w of s is among t's. */
static int
present(const struct word *w, const struct stmt *t)
{
	for (size_t j = 0; j < t->nw; j++) {
		const struct word *x = &t->w[j];

		if (x->who == WHO_NONE)
			continue;
		if (w->who == WHO_OTHER || x->who == WHO_OTHER) {
			if (w->who == x->who && strcmp(w->stem, x->stem) == 0)
				return 1;
			continue;
		}
		/* With no teller known, "I" may be either party. */
		if (w->who == x->who || x->who == WHO_SELF)
			return 1;
	}
	return 0;
}

/*
 * A capital at the start of a statement is a name when the other statement
 * starts with a person too ("Eva helped" against "Per helped").
 */
static int
initial_name(const struct stmt *s, const struct stmt *t)
{
	return s->nw > 0 && t->nw > 0 && s->w[0].initcap &&
	    s->w[0].cls == 0 && !s->w[0].num && (t->w[0].who != WHO_NONE ||
	    (t->w[0].initcap && t->w[0].cls == 0 && !t->w[0].num)) &&
	    strcmp(s->w[0].stem, t->w[0].stem) != 0;
}

static int
person(const struct stmt *s, const struct stmt *t, size_t i)
{
	return (s->w[i].cls & C_ROLE) || (i == 0 && initial_name(s, t));
}

/* Names and roles of s whose person t lacks, as " -w" or " +w". */
static size_t
people(const struct stmt *s, const struct stmt *t, const char *sign,
    int others, struct buf *b)
{
	size_t	 n = 0;

	for (size_t i = 0; i < s->nw; i++) {
		const struct word *w = &s->w[i];

		int name = i == 0 && initial_name(s, t);

		if (!person(s, t, i) || (!name && present(w, t)))
			continue;
		/* A party one side leaves out is no other person. */
		if (!others && w->who != WHO_OTHER && !name)
			continue;
		n++;
		if (b != NULL)
			buf_printf(b, "%s%s%s", b->len > 0 ? " " : "", sign,
			    w->s);
	}
	return n;
}

static int
plain_word(const struct word *w)
{
	return !w->digit && !w->num && !w->cont && w->cls == 0 &&
	    w->who == WHO_NONE;
}

/* Plain words of s whose stem t lacks, as " -w" or " +w". */
static void
words(const struct stmt *s, const struct stmt *t, const char *sign,
    struct buf *b)
{
	for (size_t i = 0; i < s->nw; i++) {
		size_t j;

		if (!plain_word(&s->w[i]) || (i == 0 && initial_name(s, t)))
			continue;
		for (j = 0; j < t->nw; j++)
			if (strcmp(s->w[i].stem, t->w[j].stem) == 0)
				break;
		if (j < t->nw)
			continue;
		buf_printf(b, "%s%s%s", b->len > 0 ? " " : "", sign,
		    s->w[i].s);
	}
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
	struct buf	 vx = { NULL, 0, 0 }, vy = { NULL, 0, 0 };
	const char	*ta = a->in->at ? a->in->at : "";
	const char	*tb = b->in->at ? b->in->at : "";
	long		 d;
	int		 hx, hy;

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
		hx = collect(a, k, &x, &vx);
		hy = collect(b, k, &y, &vy);
		if (strcmp(vx.s, vy.s) == 0)
			continue;
		/* "en tröja" against "tröjan": an article, not a number. */
		if (k == K_NUMBER && ((hx == 0 && y.len == 0) ||
		    (hy == 0 && x.len == 0)))
			continue;
		facet(f, names[k], x.s, y.s);
		if (k == K_TIME && strchr(x.s, ' ') == NULL &&
		    strchr(y.s, ' ') == NULL && minutes_between(x.s, y.s, &d))
			buf_printf(f, " (%+ldm)", d);
	}
	if (a->neg != b->neg) {
		if (f->len > 0)
			buf_puts(f, "; ");
		buf_puts(f, a->neg ? "negation: denied -> affirmed" :
		    "negation: affirmed -> denied");
	}
	buf_reset(&x);
	buf_puts(&x, "");
	/* Both sides name someone the other lacks: all of them differ. */
	hx = people(a, b, "-", 0, NULL) > 0 && people(b, a, "+", 0, NULL) > 0;
	people(a, b, "-", hx, &x);
	people(b, a, "+", hx, &x);
	if (x.len > 0) {
		if (f->len > 0)
			buf_puts(f, "; ");
		buf_printf(f, "people %s", x.s);
	}
	buf_reset(&x);
	buf_puts(&x, "");
	words(a, b, "-", &x);
	words(b, a, "+", &x);
	if (x.len > 0) {
		if (f->len > 0)
			buf_puts(f, "; ");
		buf_printf(f, "words %s", x.s);
	}
	buf_free(&x);
	buf_free(&y);
	buf_free(&vx);
	buf_free(&vy);
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

/* The language of the accounts, by the small words of each. */
static int
guess(const struct cmp_statement *A, size_t na,
    const struct cmp_statement *B, size_t nb)
{
	struct stmt	 s;
	size_t		 hits[NLANG] = { 0 };
	int		 best = EN;

	for (size_t i = 0; i < na + nb && i < 400; i++) {
		memset(&s, 0, sizeof(s));
		if (split(&s, i < na ? &A[i] : &B[i - na]) != 0)
			return -1;
		for (size_t j = 0; j < s.nw; j++) {
			for (int l = 0; l < NLANG; l++)
				hits[l] += (lex_lookup(l, s.w[j].s,
				    strlen(s.w[j].s)) & (LX_SMALL | LX_NEG |
				    LX_FIRST)) != 0;
		}
		free(s.w);
		free(s.norm);
		free(s.words);
	}
	for (int l = 0; l < NLANG; l++)
		if (hits[l] > hits[best])
			best = l;
	return best;
}

static int
role_who(const char *role)
{
	if (role == NULL)
		return WHO_NONE;
	if (strcmp(role, "employee") == 0)
		return WHO_EMP;
	if (strcmp(role, "complainant") == 0)
		return WHO_CUST;
	return WHO_NONE;
}

static int
setup(struct ctx *c, const struct cmp_people *pp,
    const struct cmp_statement *A, size_t na,
    const struct cmp_statement *B, size_t nb)
{
	memset(c, 0, sizeof(*c));
	c->lang = -1;
	if (pp != NULL && pp->lang != NULL)
		for (int l = 0; l < NLANG; l++)
			if (strcmp(pp->lang, lexicons[l].code) == 0)
				c->lang = l;
	if (c->lang < 0 && (c->lang = guess(A, na, B, nb)) < 0)
		return -1;
	c->stemmer = sb.make(lexicons[c->lang].stemmer, NULL);
	if (c->stemmer == NULL || dict_build(c) != 0)
		return -1;
	if (pp == NULL)
		return 0;
	c->teller[0] = role_who(pp->role_a);
	c->teller[1] = role_who(pp->role_b);
	if (buf_puts(&c->emp, "") != 0 || buf_puts(&c->cust, "") != 0)
		return -1;
	if ((pp->employee != NULL && text_fold(&c->emp, pp->employee,
	    strlen(pp->employee)) != 0) || (pp->customer != NULL &&
	    text_fold(&c->cust, pp->customer, strlen(pp->customer)) != 0))
		buf_reset(&c->emp), buf_reset(&c->cust);
	return 0;
}

int
compare_run(const struct cmp_statement *A, size_t na,
    const struct cmp_statement *B, size_t nb, struct cmp_result *r,
    struct cerror *e)
{
	return compare_people(A, na, B, nb, NULL, r, e);
}

int
compare_people(const struct cmp_statement *A, size_t na,
    const struct cmp_statement *B, size_t nb, const struct cmp_people *pp,
    struct cmp_result *r, struct cerror *e)
{
	struct ctx	 c;
	struct stmt	*a = NULL, *b = NULL;
	struct buf	 f = { NULL, 0, 0 };
	long		*match = NULL, *moved = NULL;
	size_t		 i, j, pi, pj;
	int		 rc = EX_OSERR;

	memset(r, 0, sizeof(*r));
	if (stemmer_load(e) != 0)
		return e->code;
	if (setup(&c, pp, A, na, B, nb) != 0)
		goto out;
	if ((a = calloc(na + 1, sizeof(*a))) == NULL ||
	    (b = calloc(nb + 1, sizeof(*b))) == NULL ||
	    (match = calloc(na + 1, sizeof(*match))) == NULL ||
	    (moved = calloc(na + 1, sizeof(*moved))) == NULL)
		goto out;
	for (i = 0; i < na; i++)
		if (prepare(&a[i], &A[i], &c, 0, 0) != 0)
			goto out;
	for (j = 0; j < nb; j++)
		if (prepare(&b[j], &B[j], &c, 1, 0) != 0)
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
	for (i = 0; i < na; i++)
		if (match[i] >= 0)
			b[match[i]].paired = 1;
	/* Statements left on both sides: the same told elsewhere is a move. */
	if (moves(a, na, b, nb, match, moved) != 0)
		goto out;
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
			struct stmt x, y;

			memset(&y, 0, sizeof(y));
			if (prepare(&x, a[p->a].in, &c, 0, 1) != 0 ||
			    prepare(&y, b[p->b].in, &c, 1, 1) != 0) {
				clear(&x);
				clear(&y);
				goto out;
			}
			facets(&x, &y, &f);
			clear(&x);
			clear(&y);
			/* Told from each side's own view, and nothing else. */
			if (f.len == 0 && p->mark == '~') {
				p->mark = '=';
				continue;
			}
			if (f.len > 0 && (p->facets = strdup(f.s)) == NULL)
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
	if (c.stemmer != NULL)
		sb.free(c.stemmer);
	buf_free(&c.emp);
	buf_free(&c.cust);
	free(c.dict);
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
