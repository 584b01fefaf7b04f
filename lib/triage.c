/*
 * triage.c: how serious a new complaint is, from the rules table.
 *
 * Text is folded before it is matched: letters and digits of any script
 * in runs, lower case, accents off (ä is a, ß is ss, ệ is e; text.c's
 * text_base), everything else a single space.  A
 * rule's pattern is folded the same way and put in a trie, so one walk
 * from each word of the text finds every rule that matches there, a
 * phrase across words as well; the cost grows with the text, not with the
 * number of rules.  A pattern ending in * matches any ending of its last
 * word.  Money rules compare the amount instead.  The same words tell
 * the language the complaint is written in, by the small words of each.
 *
 * A word is read in its clause (the text between , . ; : ! ? and words
 * like but, tapi, men; the small words are lexicon.c's, shared with the
 * comparison of accounts): a rule does not fire where a negation comes up to
 * three words before its match in the clause ("nobody was hurt", "tidak
 * ada yang terluka", "ingen skadades") or, in Swedish, right after it
 * ("det brann inte").  A rule may be limited by the words of the clause:
 * only_with (one of them must be there) and not_with (none may be), so
 * Swedish "skadad" about goods is damage, not injury.
 *
 * Then what needs the case file: a duplicate (an open case of the same
 * customer with the same order or a summary of nearly the same words)
 * and a repeat (the customer's Nth case inside repeat.days).  Both read
 * the customer's cases through an index, so an import does not slow down
 * as the file grows.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

#define DUP_SCAN	50	/* open cases of a customer compared */
#define DUP_WORDS	64	/* words of a summary compared */
#define DUP_CACHE	1024	/* summaries' words kept, by case id */
#define SUSPECT_WORDS	4	/* fewer words than this is little to act on */
#define PATTERN_MAX	200
#define LANG_WORDS	100	/* words looked at to tell the language */

struct node {
	unsigned char	 c;
	int		 child;		/* first child, 0: none */
	int		 next;		/* next sibling, 0: none */
	int		 word;		/* rule ending here as a word, -1 */
	int		 stem;		/* rule ending here as a stem, -1 */
};

struct rule1 {
	int64_t		 id;
	char		*kind;
	char		*lang;
	char		*pattern;
	int		 severity;	/* 0: none */
	char		*flag;
	int		 same;		/* next rule of the same node, -1 */
	char		*only_with;	/* folded words, comma-separated */
	char		*not_with;
	struct money	 amount;	/* money rules */
	int		 is_money;
};

/* One case's summary as words (see words), kept for the next rows. */
struct dupslot {
	int64_t		 id;		/* 0: empty */
	char		*s;		/* the words, NUL-separated */
	unsigned short	 off[DUP_WORDS];
	size_t		 n;
};

struct rules {
	struct rule1	*r;
	size_t		 nr;
	struct node	*n;
	size_t		 nn, capn;
	int		 sev_default;
	int64_t		 repeat_days;
	int64_t		 repeat_min;
	struct buf	 text;		/* scratch for a case's text */
	struct buf	 json;		/* the rules that fired, as JSON */
	struct buf	 wa, wb;	/* scratch for words of summaries */
	char		*fired;		/* a mark for each rule */
	struct dupslot	*dup;		/* DUP_CACHE slots, made on first use */
};

/*
 * Append s folded: words of letters and digits in lower case without
 * accents, each followed by one space; with clauses, a word that ends a
 * clause is followed by a newline instead.  Return the words added, or -1
 * when out of memory.
 */
static int
fold(struct buf *b, const char *s, int clauses)
{
	const char	*p = s;
	int32_t		 cp;
	int		 in = 0, words = 0;

	while (*p != '\0') {
		cp = text_decode(&p);
		if (text_wordchar(cp)) {
			if (text_base(b, cp) != 0)
				return -1;
			if (!in)
				words++;
			in = 1;
		} else if (clauses && cp < 0x80 && strchr(".,;:!?", (int)cp) !=
		    NULL && !isdigit((unsigned char)p[0])) {
			/* A clause ends; a point inside 49.90 does not. */
			if (in && buf_puts(b, "\n") != 0)
				return -1;
			if (!in && b->len > 0 && b->s[b->len - 1] == ' ')
				b->s[b->len - 1] = '\n';
			in = 0;
		} else if (in) {
			if (buf_puts(b, " ") != 0)
				return -1;
			in = 0;
		}
	}
	if (in && buf_puts(b, " ") != 0)
		return -1;
	return words;
}

static int
child(struct rules *rs, int at, unsigned char c)
{
	for (int i = rs->n[at].child; i != 0; i = rs->n[i].next)
		if (rs->n[i].c == c)
			return i;
	return 0;
}

/* Put rule ri's folded pattern p into the trie. */
static int
insert(struct rules *rs, const char *p, int stem, int ri)
{
	int	 at = 0, next;
	int	*end;

	for (; *p != '\0'; p++) {
		if ((next = child(rs, at, (unsigned char)*p)) == 0) {
			if (rs->nn == rs->capn) {
				struct node *n = reallocarray(rs->n,
				    rs->capn * 2, sizeof(*n));
				if (n == NULL)
					return -1;
				rs->n = n;
				rs->capn *= 2;
			}
			next = (int)rs->nn++;
			rs->n[next].c = (unsigned char)*p;
			rs->n[next].child = 0;
			rs->n[next].next = rs->n[at].child;
			rs->n[next].word = rs->n[next].stem = -1;
			rs->n[at].child = next;
		}
		at = next;
	}
	end = stem ? &rs->n[at].stem : &rs->n[at].word;
	rs->r[ri].same = *end;
	*end = ri;
	return 0;
}

void
triage_free(struct rules *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->nr; i++) {
		free(rs->r[i].kind);
		free(rs->r[i].lang);
		free(rs->r[i].pattern);
		free(rs->r[i].flag);
		free(rs->r[i].only_with);
		free(rs->r[i].not_with);
	}
	free(rs->r);
	free(rs->n);
	free(rs->fired);
	buf_free(&rs->text);
	buf_free(&rs->json);
	buf_free(&rs->wa);
	buf_free(&rs->wb);
	for (size_t i = 0; rs->dup != NULL && i < DUP_CACHE; i++)
		free(rs->dup[i].s);
	free(rs->dup);
	free(rs);
}

static char *
dup_col(sqlite3_stmt *st, int i)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	return strdup(s != NULL ? s : "");
}

/* A list of words, comma-separated, each folded (a trailing * kept). */
static char *
fold_list(sqlite3_stmt *st, int i)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);
	struct buf	 b = { NULL, 0, 0 }, w = { NULL, 0, 0 };
	char		*one, *tok, *save = NULL, *out;
	int		 bad = 0;

	if (s == NULL || *s == '\0')
		return strdup("");
	if ((one = strdup(s)) == NULL)
		return NULL;
	for (char *p = one; (tok = strtok_r(p, ",", &save)) != NULL;
	    p = NULL) {
		size_t	 n = strlen(tok);
		int	 star = n > 0 && tok[n - 1] == '*';

		if (star)
			tok[n - 1] = '\0';
		buf_reset(&w);
		if (fold(&w, tok, 0) <= 0)
			continue;
		w.s[--w.len] = '\0';
		bad |= buf_printf(&b, "%s%s%s", b.len ? "," : "", w.s,
		    star ? "*" : "");
	}
	free(one);
	buf_free(&w);
	out = bad ? NULL : strdup(b.s != NULL ? b.s : "");
	buf_free(&b);
	return out;
}

/*
 * A pattern folded for the trie: its words joined by single spaces, and
 * whether it ends in *.  Return -1 when it has no word.
 */
static int
pattern_fold(const char *pattern, struct buf *b, int *stem)
{
	size_t	 n = strlen(pattern);
	char	*copy;
	int	 words;

	*stem = n > 0 && pattern[n - 1] == '*';
	if ((copy = strndup(pattern, n - *stem)) == NULL)
		return -1;
	buf_reset(b);
	words = fold(b, copy, 0);
	free(copy);
	if (words <= 0)
		return -1;
	b->s[--b->len] = '\0';		/* the last word's space */
	return 0;
}

/* Build the trie of the rules and read triage's settings. */
static int
build(struct casefile *cf, struct rules *rs, struct cerror *e)
{
	static const char sql[] = "SELECT id, kind, coalesce(lang, ''),"
	    " pattern, coalesce(severity, 0), coalesce(flag, ''),"
	    " coalesce(only_with, ''), coalesce(not_with, '') FROM rules"
	    " ORDER BY id";
	struct buf	 b = { NULL, 0, 0 };
	sqlite3_stmt	*st;
	char		 v[32], cur[8];
	int		 rc, stem;

	if ((rs->n = calloc(64, sizeof(*rs->n))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	rs->capn = 64;
	rs->nn = 1;
	rs->n[0].word = rs->n[0].stem = -1;
	if ((rc = casefile_setting(cf, "severity.default", v, sizeof(v),
	    e)) != 0 || (rc = case_severity(v, &rs->sev_default)) != 0 ||
	    (rc = casefile_setting(cf, "repeat.days", v, sizeof(v), e)) != 0)
		return cerror_prefix(e, EX_DATAERR, "triage");
	rs->repeat_days = strtoll(v, NULL, 10);
	if ((rc = casefile_setting(cf, "repeat.min", v, sizeof(v), e)) != 0 ||
	    (rc = casefile_setting(cf, "currency", cur, sizeof(cur), e)) != 0)
		return rc;
	rs->repeat_min = strtoll(v, NULL, 10);
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rule1	*r;

		if ((r = reallocarray(rs->r, rs->nr + 1, sizeof(*r))) == NULL)
			break;
		rs->r = r;
		r = &rs->r[rs->nr++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		r->kind = dup_col(st, 1);
		r->lang = dup_col(st, 2);
		r->pattern = dup_col(st, 3);
		r->severity = sqlite3_column_int(st, 4);
		r->flag = dup_col(st, 5);
		r->only_with = fold_list(st, 6);
		r->not_with = fold_list(st, 7);
		r->same = -1;
		if (r->kind == NULL || r->lang == NULL || r->pattern == NULL ||
		    r->flag == NULL || r->only_with == NULL ||
		    r->not_with == NULL)
			break;
		if (strcmp(r->kind, "money") == 0) {
			struct cerror ignore;
			r->is_money = money_parse(r->pattern, cur, 0,
			    &r->amount, &ignore) == 0;
			continue;
		}
		if (pattern_fold(r->pattern, &b, &stem) == 0 &&
		    insert(rs, b.s, stem, (int)rs->nr - 1) != 0)
			break;
	}
	sqlite3_reset(st);
	buf_free(&b);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(cf, rc, e);
	if (rc == SQLITE_ROW || (rs->fired = calloc(rs->nr + 1, 1)) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	return 0;
}

/* Read the rules and settings once per case file. */
static int
load(struct casefile *cf, struct cerror *e)
{
	struct rules	*rs;
	int		 rc;

	if ((rs = calloc(1, sizeof(*rs))) == NULL)
		return cerror_set(e, EX_OSERR, "out of memory");
	if ((rc = build(cf, rs, e)) != 0) {
		triage_free(rs);
		return rc;
	}
	cf->rules = rs;
	cf->free_rules = triage_free;
	return 0;
}

/*
 * The language of the folded text t into lang, or "": the first
 * LANG_WORDS words are looked up among the lexicon's words that tell a
 * language, and one with at least two hits and more than twice the hits
 * of any other is the language it is written in.
 */
static void
guess_lang(const char *t, char *lang, size_t size)
{
	size_t	 n, nw = 0;
	int	 hits[LEX_NLANG] = { 0 }, best = 0, next = 0, at = -1, l;

	for (const char *p = t; *p != '\0' && nw < LANG_WORDS; p += n) {
		p += strspn(p, " \n");
		if ((n = strcspn(p, " \n")) == 0)
			break;
		nw++;
		if (lex_base(p, n, &l) & LX_GUESS && l >= 0)
			hits[l]++;
	}
	for (int i = 0; i < LEX_NLANG; i++) {
		if (hits[i] > best) {
			next = best;
			best = hits[i];
			at = i;
		} else if (hits[i] > next)
			next = hits[i];
	}
	strlcpy(lang, best >= 2 && best > 2 * next ? lexicons[at].code : "",
	    size);
}

#define NEG_WINDOW	3

/*
 * The lexicon's flags of the word at w (n bytes).  With tail, the word
 * was followed by a lone "t": "didn't" folds to "didn t", the lexicon
 * spells it "didnt".
 */
static unsigned
lex(const char *w, size_t n, int tail)
{
	char	 joined[32];

	if (!tail)
		return lex_base(w, n, NULL);
	if (n + 1 >= sizeof(joined))
		return 0;
	memcpy(joined, w, n);
	joined[n] = 't';
	return lex_base(joined, n + 1, NULL);
}

/* Is the word w (len bytes) one of list, "a,b*,c"? */
static int
inwords(const char *list, const char *w, size_t len)
{
	for (const char *p = list; *p != '\0'; p += *p == ',') {
		size_t	 n = strcspn(p, ",");
		int	 star = n > 0 && p[n - 1] == '*';

		if (star ? n - 1 <= len && strncmp(p, w, n - 1) == 0 :
		    n == len && strncmp(p, w, n) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* The clause around [i, j) of t: [*cs, *ce). */
static void
clause(const char *t, size_t i, size_t j, size_t *cs, size_t *ce)
{
	size_t	 s = i, e = j, k, n;

	while (s > 0 && t[s - 1] != '\n')
		s--;
	while (t[e] != '\0' && t[e] != '\n')
		e++;
	/* A break word between the start and the match starts it anew. */
	for (k = s; k < i; k += n + 1) {
		n = strcspn(t + k, " \n");
		if (k + n >= i)
			break;
		if (lex(t + k, n, 0) & LX_BREAK)
			s = k + n + 1;
	}
	for (k = j; k < e && t[k] != ' '; k++)
		;
	while (k < e) {
		k++;		/* the space after a word */
		n = strcspn(t + k, " \n");
		if (lex(t + k, n, 0) & LX_BREAK) {
			e = k;
			break;
		}
		k += n;
	}
	*cs = s;
	*ce = e;
}

/* Does the match [i, j) of rule r stand, read in its clause? */
static int
stands(const struct rules *rs, const char *t, size_t i, size_t j, int r)
{
	const struct rule1 *ru = &rs->r[r];
	size_t		 cs, ce, k, n, back = 0;
	unsigned	 f;
	int		 with = 0, tail = 0;

	if (strcmp(ru->kind, "hoax") == 0)
		return 1;
	clause(t, i, j, &cs, &ce);
	/* Up to NEG_WINDOW words back. */
	for (k = i; k > cs && back < NEG_WINDOW; ) {
		n = 0;
		k--;		/* the space before the word */
		while (k > cs && t[k - 1] != ' ')
			k--, n++;
		if (n == 0)
			break;
		if (n == 1 && t[k] == 't') {
			tail = 1;
			continue;
		}
		f = lex(t + k, n, tail);
		tail = 0;
		if (f & LX_ACCEPT)
			break;
		if ((f & LX_NEG) && !(f & LX_ABILITY)) {
			size_t	 m = 0, p = k;

			/* The word before the negation: "should not". */
			if (p > cs) {
				p--;
				while (p > cs && t[p - 1] != ' ')
					p--, m++;
			}
			if (m > 0 && (lex(t + p, m, 0) & LX_OUGHT))
				break;
			return 0;
		}
		back++;
	}
	/* The word right after the match's word. */
	for (k = j; k < ce && t[k] != ' '; k++)
		;
	if (k < ce) {
		n = strcspn(t + k + 1, " \n");
		if (k + 1 + n <= ce && (lex(t + k + 1, n, 0) &
		    LX_NEGAFTER))
			return 0;
	}
	if (*ru->only_with == '\0' && *ru->not_with == '\0')
		return 1;
	for (k = cs; k < ce; k += n + 1) {
		n = strcspn(t + k, " \n");
		if (n == 0)
			continue;
		if (inwords(ru->not_with, t + k, n))
			return 0;
		with |= inwords(ru->only_with, t + k, n);
	}
	return *ru->only_with == '\0' || with;
}

/* Mark every rule that matches the folded text where its match stands. */
static void
walk(struct rules *rs, const char *t)
{
	for (size_t i = 0; t[i] != '\0'; i++) {
		int at = 0;

		if (t[i] == ' ' || t[i] == '\n' || (i > 0 && t[i - 1] != ' ' &&
		    t[i - 1] != '\n'))
			continue;
		for (size_t j = i;; j++) {
			if (j > i) {
				for (int r = rs->n[at].stem; r >= 0;
				    r = rs->r[r].same)
					if (!rs->fired[r] &&
					    stands(rs, t, i, j, r))
						rs->fired[r] = 1;
				if (t[j] == ' ' || t[j] == '\n' ||
				    t[j] == '\0')
					for (int r = rs->n[at].word; r >= 0;
					    r = rs->r[r].same)
						if (!rs->fired[r] &&
						    stands(rs, t, i, j, r))
							rs->fired[r] = 1;
			}
			if (t[j] == '\0' || t[j] == '\n' ||
			    (at = child(rs, at, (unsigned char)t[j])) == 0)
				break;
		}
	}
}

/* Append s to a comma-separated list in buf of size. */
static void
list_add(char *buf, size_t size, const char *s)
{
	if (*buf != '\0' && strstr(buf, s) != NULL) {
		size_t	 n = strlen(s);
		for (const char *p = buf; (p = strstr(p, s)) != NULL; p++)
			if ((p == buf || p[-1] == ',') &&
			    (p[n] == ',' || p[n] == '\0'))
				return;
	}
	if (*buf != '\0')
		strlcat(buf, ",", size);
	strlcat(buf, s, size);
}

static int
wordcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folded words of s in b, sorted and without repeats. */
static size_t
words(const char *s, struct buf *b, char **w, size_t max)
{
	size_t	 n = 0, k = 0;
	char	*p;

	buf_reset(b);
	if (fold(b, s, 0) <= 0)
		return 0;
	for (p = b->s; *p != '\0' && n < max; *p++ = '\0') {
		w[n] = p;
		p = strchr(p, ' ');
		*p = '\0';
		n += !(lex_base(w[n], strlen(w[n]), NULL) & (LX_SMALL |
		    LX_FIRST | LX_PRON));
	}
	qsort(w, n, sizeof(*w), wordcmp);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(w[k - 1], w[i]) != 0)
			w[k++] = w[i];
	return k;
}

/* Jaccard similarity of two sorted word sets is at least 0.8. */
static int
alike(char **a, size_t na, char **b, size_t nb)
{
	size_t	 i = 0, j = 0, both = 0;
	int	 c;

	if (na == 0 || nb == 0)
		return 0;
	while (i < na && j < nb) {
		if ((c = strcmp(a[i], b[j])) == 0)
			both++, i++, j++;
		else if (c < 0)
			i++;
		else
			j++;
	}
	return both * 5 >= (na + nb - both) * 4;
}

/*
 * The words of case id's summary sum into w.  A bulk import compares each
 * row with the same customer's latest cases again and again, so the words
 * are kept by case id and folded once (a summary never changes once a
 * case is made; a slot that cannot be kept is simply not kept).
 */
static size_t
case_words(struct rules *rs, int64_t id, const char *sum, char **w)
{
	struct dupslot	*d;
	size_t		 n;

	if (rs->dup == NULL)
		rs->dup = calloc(DUP_CACHE, sizeof(*rs->dup));
	d = rs->dup != NULL ? &rs->dup[(uint64_t)id % DUP_CACHE] : NULL;
	if (d != NULL && d->id == id) {
		for (size_t i = 0; i < d->n; i++)
			w[i] = d->s + d->off[i];
		return d->n;
	}
	n = words(sum, &rs->wb, w, DUP_WORDS);
	if (d == NULL || rs->wb.len >= USHRT_MAX)
		return n;
	free(d->s);
	d->id = 0;
	if ((d->s = malloc(rs->wb.len + 1)) == NULL)
		return n;
	memcpy(d->s, rs->wb.s, rs->wb.len + 1);
	for (size_t i = 0; i < n; i++)
		d->off[i] = (unsigned short)(w[i] - rs->wb.s);
	d->n = n;
	d->id = id;
	return n;
}

/*
 * The open case of customer cid this one repeats, or 0: the open ones
 * among the customer's latest 50 cases, so the walk is bounded however
 * many closed cases the customer has.
 */
static int
duplicate(struct casefile *cf, struct rules *rs, const struct newcase *nc,
    int64_t cid, int64_t *dup, struct cerror *e)
{
	static const char sql[] = "SELECT id, coalesce(order_ref, ''), summary,"
	    " status IN " SQL_ENDED " FROM cases"
	    " WHERE customer = ? ORDER BY received DESC LIMIT 50";
	sqlite3_stmt	*st;
	char		*wa[DUP_WORDS], *wb[DUP_WORDS];
	size_t		 na, nb;
	int		 rc;

	*dup = 0;
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	na = words(nc->summary, &rs->wa, wa, DUP_WORDS);
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *order = (const char *)sqlite3_column_text(st, 1);
		const char *sum = (const char *)sqlite3_column_text(st, 2);

		if (sqlite3_column_int(st, 3))
			continue;
		if ((nc->order != NULL && *nc->order != '\0' &&
		    strcasecmp(order, nc->order) == 0) ||
		    (nb = case_words(rs, id, sum, wb), alike(wa, na, wb,
		    nb))) {
			*dup = id;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cf, rc, e);
	return 0;
}

/*
 * How many cases of customer cid were received in the window to rec,
 * counted up to REPEAT_MAX - 1 (or repeat.min when larger): the walk is
 * bounded for a customer with thousands of cases, and the flag says
 * repeat:100 for "100 or more".
 */
#define REPEAT_MAX	100
static int
repeats(struct casefile *cf, struct rules *rs, int64_t cid, time_t rec,
    int64_t *n, struct cerror *e)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM cases"
	    " WHERE customer = ? AND received > ? AND received <= ? LIMIT ?)";
	sqlite3_stmt	*st;
	char		 from[TIMEFMT_LEN], to[TIMEFMT_LEN];
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, timefmt_iso(rec - rs->repeat_days * 86400,
	    from), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, timefmt_iso(rec, to), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, rs->repeat_min > REPEAT_MAX ?
	    rs->repeat_min : REPEAT_MAX - 1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_error(cf, rc, e);
}

static int
fired(struct rules *rs, struct verdict *v, const struct rule1 *r)
{
	int	 rc = 0;

	if (r->severity > v->severity)
		v->severity = r->severity;
	if (*r->flag != '\0')
		list_add(v->flags, sizeof(v->flags), r->flag);
	list_add(v->categories, sizeof(v->categories), r->kind);
	if (*v->fired != '\0')
		strlcat(v->fired, ", ", sizeof(v->fired));
	strlcat(v->fired, r->kind, sizeof(v->fired));
	strlcat(v->fired, " ", sizeof(v->fired));
	strlcat(v->fired, r->pattern, sizeof(v->fired));
	rc |= buf_printf(&rs->json, "%s{\"id\":%lld", rs->json.len > 1 ?
	    "," : "", (long long)r->id);
	rc |= text_json_str(&rs->json, "kind", r->kind);
	if (*r->lang != '\0')
		rc |= text_json_str(&rs->json, "lang", r->lang);
	rc |= text_json_str(&rs->json, "pattern", r->pattern);
	if (r->severity > 0)
		rc |= text_json_str(&rs->json, "severity",
		    case_severity_name(r->severity));
	if (*r->flag != '\0')
		rc |= text_json_str(&rs->json, "flag", r->flag);
	rc |= buf_puts(&rs->json, "}");
	return rc;
}

int
triage_run(struct casefile *cf, const struct newcase *nc, int64_t cid,
    time_t rec, const struct money *amount, struct verdict *v,
    struct cerror *e)
{
	struct rules	*rs;
	int64_t		 dup = 0, n = 0;
	char		 flag[48];
	int		 nwords, rc = 0;

	memset(v, 0, sizeof(*v));
	if (cf->rules == NULL && (rc = load(cf, e)) != 0)
		return rc;
	rs = cf->rules;
	v->severity = rs->sev_default;
	memset(rs->fired, 0, rs->nr);
	buf_reset(&rs->text);
	buf_reset(&rs->json);
	nwords = fold(&rs->text, nc->summary, 1);
	rc |= buf_puts(&rs->text, "\n");
	if (nc->description != NULL)
		nwords += fold(&rs->text, nc->description, 1);
	if (nwords < 0 || rc != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	walk(rs, rs->text.s);
	guess_lang(rs->text.s, v->lang, sizeof(v->lang));
	rc = buf_puts(&rs->json, "[");
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule1 *r = &rs->r[i];
		if (r->is_money)
			rs->fired[i] = amount != NULL && strcmp(amount->cur,
			    r->amount.cur) == 0 &&
			    amount->minor >= r->amount.minor;
		if (rs->fired[i])
			rc |= fired(rs, v, r);
	}
	if ((nc->email == NULL || *nc->email == '\0') &&
	    (nc->phone == NULL || *nc->phone == '\0') &&
	    (nc->order == NULL || *nc->order == '\0') &&
	    (nc->ref == NULL || *nc->ref == '\0') && nwords < SUSPECT_WORDS) {
		list_add(v->flags, sizeof(v->flags), "suspect");
		if (*v->fired != '\0')
			strlcat(v->fired, ", ", sizeof(v->fired));
		strlcat(v->fired, "suspect: no contact, no order, few words",
		    sizeof(v->fired));
	}
	rc |= buf_puts(&rs->json, "]");
	if (rc != 0)
		return cerror_set(e, EX_OSERR, "out of memory");
	v->rules = rs->json.s;
	if (cid == 0)
		return 0;
	if (cid != TRIAGE_NEW && ((rc = duplicate(cf, rs, nc, cid, &dup,
	    e)) != 0 || (rc = repeats(cf, rs, cid, rec, &n, e)) != 0))
		return rc;
	if (dup != 0) {
		snprintf(flag, sizeof(flag), "duplicate:%lld", (long long)dup);
		list_add(v->flags, sizeof(v->flags), flag);
	}
	/* The count holds the cases before this one. */
	if (n + 1 >= rs->repeat_min) {
		snprintf(flag, sizeof(flag), "repeat:%lld", (long long)n + 1);
		list_add(v->flags, sizeof(v->flags), flag);
	}
	return 0;
}

static int
check_word(const char *what, const char *s, size_t max, const char *ok,
    struct cerror *e)
{
	char	 vis[64];

	if (s == NULL)
		return 0;
	if (*s == '\0' || strlen(s) > max || strspn(s, ok) != strlen(s))
		return cerror_set(e, EX_DATAERR, "rule %s %s: give up to %zu "
		    "of %s", what, text_vis(vis, sizeof(vis), s), max,
		    strchr(ok, '0') != NULL ? "a-z, 0-9 and -" : "a-z");
	return 0;
}

int
triage_rule_add(struct casefile *cf, const struct rule *r, int64_t *id,
    struct cerror *e)
{
	static const char sql[] = "INSERT INTO rules"
	    " (kind, lang, pattern, severity, flag) VALUES (?, ?, ?, ?, ?)";
	static const char lower[] = "abcdefghijklmnopqrstuvwxyz";
	static const char word[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
	struct buf	 b = { NULL, 0, 0 };
	struct money	 m;
	sqlite3_stmt	*st;
	const char	*star;
	char		 cur[8], vis[64];
	int		 rc, stem, bad;

	if ((rc = check_word("kind", r->kind, 32, word, e)) != 0 ||
	    (rc = check_word("language", r->lang, 3, lower, e)) != 0 ||
	    (rc = check_word("flag", r->flag, 32, word, e)) != 0)
		return rc;
	if (r->severity == 0 && r->flag == NULL)
		return cerror_set(e, EX_DATAERR, "rule %s would do nothing; "
		    "give it a severity or a flag", text_vis(vis, sizeof(vis),
		    r->pattern));
	if (strlen(r->pattern) > PATTERN_MAX ||
	    !text_utf8ok(r->pattern, strlen(r->pattern)))
		return cerror_set(e, EX_DATAERR, "rule pattern is not UTF-8 "
		    "or is longer than %d bytes", PATTERN_MAX);
	if (strcmp(r->kind, "money") == 0) {
		if ((rc = casefile_setting(cf, "currency", cur, sizeof(cur),
		    e)) != 0)
			return rc;
		if (money_parse(r->pattern, cur, 0, &m, e) != 0)
			return cerror_prefix(e, EX_DATAERR, "money rule");
	} else {
		star = strchr(r->pattern, '*');
		bad = pattern_fold(r->pattern, &b, &stem) != 0 ||
		    (star != NULL && star[1] != '\0');
		buf_free(&b);
		if (bad)
			return cerror_set(e, EX_DATAERR, "rule pattern %s: "
			    "give words, with * only at the end",
			    text_vis(vis, sizeof(vis), r->pattern));
	}
	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_text(st, 1, r->kind, -1, SQLITE_STATIC);
	db_bind_text(st, 2, r->lang);
	sqlite3_bind_text(st, 3, r->pattern, -1, SQLITE_STATIC);
	if (r->severity > 0)
		sqlite3_bind_int(st, 4, r->severity);
	db_bind_text(st, 5, r->flag);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(cf->db);
	rc = buf_puts(&b, "{");
	rc |= text_json_int(&b, "rule", *id);
	rc |= text_json_str(&b, "kind", r->kind);
	rc |= text_json_str(&b, "lang", r->lang);
	rc |= text_json_str(&b, "pattern", r->pattern);
	if (r->severity > 0)
		rc |= text_json_str(&b, "severity",
		    case_severity_name(r->severity));
	rc |= text_json_str(&b, "flag", r->flag);
	rc |= buf_puts(&b, "}");
	rc = rc != 0 ? cerror_set(e, EX_OSERR, "out of memory") :
	    audit_append(cf, 0, "rule-add", b.s, e);
	buf_free(&b);
	return rc;
}

int
triage_rule_rm(struct casefile *cf, int64_t id, struct cerror *e)
{
	static const char sql[] = "DELETE FROM rules WHERE id = ?";
	sqlite3_stmt	*st;
	char		 content[64];
	int		 rc;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = db_done(cf, st, e)) != 0)
		return rc;
	if (sqlite3_changes(cf->db) == 0)
		return cerror_set(e, EX_NOINPUT, "no rule %lld; complaint "
		    "config rule list shows them", (long long)id);
	snprintf(content, sizeof(content), "{\"rule\":%lld}", (long long)id);
	return audit_append(cf, 0, "rule-rm", content, e);
}

int
triage_rules(struct casefile *cf, row_fn *fn, void *arg, struct cerror *e)
{
	static const char sql[] = "SELECT id, kind, lang, pattern,"
	    " " SQL_SEVERITY("severity") " AS severity,"
	    " flag FROM rules ORDER BY id";
	sqlite3_stmt	*st;

	if ((st = db_prepare(cf, sql, e)) == NULL)
		return e->code;
	return db_rows(cf, st, fn, arg, e);
}
