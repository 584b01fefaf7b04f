/*
 * lexicon.c: the small words of each language the tools read, English,
 * Indonesian and Swedish, with what each word does in a sentence.  One
 * table a language, written as people spell the words; triage folds them
 * to the base letters it matches on, compare looks them up as they are.
 *
 * Words that deny are the same for both readers but for two kinds.
 * LX_ABILITY ("can't", "cannot") denies an ability: to compare a denial
 * ("I cannot find the receipt" against "the receipt was found"), to triage
 * not, since "I can't breathe" reports a harm rather than denying one.
 * LX_LACK ("without", "tanpa", "utan") says a thing was absent: triage
 * reads "without injury" as no injury, compare does not take "left
 * without paying" as a denial of the statement.
 *
 * Each table is sorted by its bytes (a unit test checks it), for
 * lex_lookup's binary search.  Words are as compare cuts them: lower
 * case, no apostrophe ("didn't" is "didnt").  Triage matches on base
 * letters (på is pa), so lex_base looks a word up in all three tables
 * folded that way, made once on first use.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "internal.h"

static const struct lexword en[] = {
	{ "a", LX_SMALL }, { "about", LX_GUESS }, { "accept", LX_ACCEPT },
	{ "after", LX_GUESS }, { "agent", LX_STAFF }, { "allow", LX_ACCEPT },
	{ "although", LX_BREAK }, { "an", LX_SMALL },
	{ "and", LX_SMALL | LX_GUESS }, { "any", LX_SMALL },
	{ "anybody", LX_PRON }, { "anyone", LX_PRON },
	{ "are", LX_SMALL | LX_GUESS }, { "arent", LX_NEG },
	{ "assistant", LX_STAFF }, { "at", LX_SMALL | LX_GUESS },
	{ "be", LX_SMALL | LX_GUESS }, { "been", LX_SMALL | LX_GUESS },
	{ "but", LX_BREAK | LX_GUESS }, { "buyer", LX_CUST },
	{ "by", LX_SMALL }, { "cannot", LX_NEG | LX_ABILITY },
	{ "cant", LX_NEG | LX_ABILITY }, { "cashier", LX_STAFF },
	{ "clerk", LX_STAFF }, { "client", LX_CUST },
	{ "colleague", LX_OTHER }, { "couldnt", LX_NEG },
	{ "courier", LX_STAFF }, { "customer", LX_CUST },
	{ "customers", LX_CUST }, { "did", LX_SMALL | LX_GUESS },
	{ "didnt", LX_NEG }, { "do", LX_SMALL }, { "does", LX_SMALL },
	{ "doesnt", LX_NEG }, { "dont", LX_NEG }, { "driver", LX_STAFF },
	{ "employee", LX_STAFF }, { "ever", LX_SMALL }, { "for", LX_SMALL },
	{ "from", LX_SMALL }, { "guard", LX_OTHER },
	{ "had", LX_SMALL | LX_GUESS }, { "hadnt", LX_NEG },
	{ "has", LX_SMALL }, { "hasnt", LX_NEG },
	{ "have", LX_SMALL | LX_GUESS }, { "havent", LX_NEG },
	{ "he", LX_PRON | LX_GUESS }, { "her", LX_PRON | LX_GUESS },
	{ "hers", LX_PRON }, { "him", LX_PRON },
	{ "his", LX_PRON | LX_GUESS }, { "however", LX_BREAK },
	{ "i", LX_FIRST }, { "in", LX_SMALL }, { "is", LX_SMALL },
	{ "isnt", LX_NEG }, { "it", LX_PRON | LX_GUESS }, { "its", LX_PRON },
	{ "manager", LX_OTHER }, { "me", LX_FIRST | LX_GUESS },
	{ "mine", LX_FIRST }, { "must", LX_OUGHT },
	{ "my", LX_FIRST | LX_GUESS }, { "myself", LX_FIRST },
	{ "neither", LX_NEG }, { "never", LX_NEG }, { "no", LX_NEG },
	{ "nobody", LX_NEG }, { "none", LX_NEG }, { "nor", LX_NEG },
	{ "not", LX_NEG | LX_GUESS }, { "nothing", LX_NEG },
	{ "of", LX_SMALL | LX_GUESS }, { "on", LX_SMALL },
	{ "our", LX_PRON | LX_GUESS }, { "owner", LX_OTHER },
	{ "salesman", LX_STAFF }, { "saleswoman", LX_STAFF },
	{ "seller", LX_STAFF }, { "she", LX_PRON | LX_GUESS },
	{ "should", LX_OUGHT },
	{ "shouldnt", LX_NEG | LX_ABILITY | LX_OUGHT }, { "so", LX_SMALL },
	{ "somebody", LX_PRON }, { "someone", LX_PRON },
	{ "staff", LX_STAFF }, { "stand", LX_ACCEPT },
	{ "supervisor", LX_OTHER }, { "technician", LX_OTHER },
	{ "that", LX_SMALL | LX_GUESS }, { "the", LX_SMALL | LX_GUESS },
	{ "their", LX_PRON | LX_GUESS }, { "them", LX_PRON },
	{ "then", LX_SMALL }, { "there", LX_SMALL | LX_GUESS },
	{ "they", LX_PRON | LX_GUESS }, { "this", LX_SMALL | LX_GUESS },
	{ "though", LX_BREAK }, { "to", LX_SMALL | LX_GUESS },
	{ "tolerate", LX_ACCEPT }, { "us", LX_PRON }, { "waiter", LX_STAFF },
	{ "waitress", LX_STAFF }, { "was", LX_SMALL | LX_GUESS },
	{ "wasnt", LX_NEG }, { "we", LX_PRON | LX_GUESS },
	{ "were", LX_SMALL | LX_GUESS }, { "werent", LX_NEG },
	{ "what", LX_GUESS }, { "when", LX_GUESS }, { "will", LX_SMALL },
	{ "with", LX_SMALL | LX_GUESS }, { "without", LX_NEG | LX_LACK },
	{ "wont", LX_NEG }, { "would", LX_SMALL | LX_GUESS },
	{ "wouldnt", LX_NEG }, { "you", LX_PRON | LX_GUESS },
	{ "your", LX_PRON | LX_GUESS },
};

static const struct lexword id[] = {
	{ "ada", LX_GUESS }, { "adalah", LX_GUESS },
	{ "akan", LX_SMALL | LX_GUESS }, { "aku", LX_FIRST },
	{ "anda", LX_PRON }, { "atasan", LX_OTHER }, { "atau", LX_GUESS },
	{ "beliau", LX_PRON }, { "belum", LX_NEG | LX_GUESS },
	{ "bisa", LX_GUESS }, { "boleh", LX_OUGHT }, { "bukan", LX_NEG },
	{ "dan", LX_SMALL | LX_GUESS }, { "dari", LX_SMALL | LX_GUESS },
	{ "dengan", LX_SMALL | LX_GUESS }, { "di", LX_SMALL | LX_GUESS },
	{ "dia", LX_PRON | LX_GUESS }, { "enggak", LX_NEG },
	{ "gak", LX_NEG }, { "harus", LX_OUGHT }, { "ia", LX_PRON },
	{ "ini", LX_SMALL | LX_GUESS }, { "itu", LX_SMALL | LX_GUESS },
	{ "jangan", LX_NEG }, { "juga", LX_SMALL | LX_GUESS },
	{ "kami", LX_PRON | LX_GUESS }, { "kamu", LX_PRON },
	{ "karena", LX_GUESS }, { "karyawan", LX_STAFF },
	{ "kasir", LX_STAFF }, { "ke", LX_SMALL | LX_GUESS },
	{ "kepada", LX_SMALL | LX_GUESS }, { "kita", LX_PRON },
	{ "konsumen", LX_CUST }, { "ku", LX_FIRST }, { "kurir", LX_STAFF },
	{ "lalu", LX_SMALL }, { "manajer", LX_OTHER },
	{ "menerima", LX_ACCEPT }, { "mentolerir", LX_ACCEPT },
	{ "mereka", LX_PRON }, { "meskipun", LX_BREAK },
	{ "mohon", LX_GUESS }, { "namun", LX_BREAK }, { "nggak", LX_NEG },
	{ "oleh", LX_SMALL | LX_GUESS }, { "pada", LX_SMALL | LX_GUESS },
	{ "pegawai", LX_STAFF }, { "pelanggan", LX_CUST },
	{ "pelayan", LX_STAFF }, { "pembeli", LX_CUST },
	{ "pemilik", LX_OTHER }, { "penjual", LX_STAFF },
	{ "pernah", LX_SMALL }, { "petugas", LX_STAFF },
	{ "pramuniaga", LX_STAFF }, { "pun", LX_SMALL }, { "sama", LX_SMALL },
	{ "sampai", LX_GUESS }, { "sangat", LX_GUESS },
	{ "satpam", LX_OTHER }, { "saya", LX_FIRST | LX_GUESS },
	{ "seharusnya", LX_OUGHT }, { "sekali", LX_SMALL },
	{ "seseorang", LX_PRON }, { "sopir", LX_STAFF },
	{ "sudah", LX_SMALL | LX_GUESS }, { "tak", LX_NEG },
	{ "tanpa", LX_NEG | LX_LACK }, { "tapi", LX_BREAK | LX_GUESS },
	{ "teknisi", LX_OTHER }, { "telah", LX_SMALL | LX_GUESS },
	{ "tetapi", LX_BREAK | LX_GUESS }, { "tiada", LX_NEG },
	{ "tidak", LX_NEG | LX_GUESS }, { "tolong", LX_GUESS },
	{ "untuk", LX_SMALL | LX_GUESS }, { "walaupun", LX_BREAK },
	{ "yang", LX_SMALL | LX_GUESS },
};

static const struct lexword sv[] = {
	{ "acceptera", LX_ACCEPT }, { "aldrig", LX_NEG | LX_NEGAFTER },
	{ "att", LX_SMALL | LX_GUESS }, { "av", LX_SMALL | LX_GUESS },
	{ "biträdet", LX_STAFF }, { "blev", LX_GUESS }, { "budet", LX_STAFF },
	{ "butiksbiträdet", LX_STAFF }, { "bör", LX_OUGHT },
	{ "chauffören", LX_STAFF }, { "chefen", LX_OTHER }, { "de", LX_PRON },
	{ "dem", LX_PRON }, { "den", LX_PRON | LX_GUESS },
	{ "deras", LX_PRON }, { "det", LX_PRON | LX_GUESS },
	{ "dig", LX_PRON }, { "du", LX_PRON }, { "då", LX_SMALL },
	{ "efter", LX_GUESS }, { "ej", LX_NEG | LX_NEGAFTER },
	{ "eller", LX_GUESS }, { "en", LX_SMALL },
	{ "ett", LX_SMALL | LX_GUESS }, { "expedit", LX_STAFF },
	{ "expediten", LX_STAFF }, { "fast", LX_BREAK }, { "fick", LX_GUESS },
	{ "från", LX_SMALL }, { "får", LX_OUGHT }, { "för", LX_SMALL },
	{ "föraren", LX_STAFF }, { "hade", LX_SMALL | LX_GUESS },
	{ "han", LX_PRON | LX_GUESS }, { "hans", LX_PRON },
	{ "har", LX_SMALL | LX_GUESS }, { "henne", LX_PRON },
	{ "hennes", LX_PRON }, { "hon", LX_PRON | LX_GUESS },
	{ "honom", LX_PRON }, { "i", LX_SMALL },
	{ "icke", LX_NEG | LX_NEGAFTER }, { "inga", LX_NEG },
	{ "ingen", LX_NEG }, { "ingenting", LX_NEG }, { "inget", LX_NEG },
	{ "inte", LX_NEG | LX_NEGAFTER | LX_GUESS },
	{ "jag", LX_FIRST | LX_GUESS }, { "ju", LX_SMALL },
	{ "kan", LX_GUESS }, { "kassören", LX_STAFF },
	{ "kassörskan", LX_STAFF }, { "kollegan", LX_OTHER },
	{ "kund", LX_CUST }, { "kunden", LX_CUST }, { "kundens", LX_CUST },
	{ "kuriren", LX_STAFF }, { "köparen", LX_CUST }, { "man", LX_PRON },
	{ "med", LX_SMALL | LX_GUESS }, { "men", LX_BREAK },
	{ "mig", LX_FIRST | LX_GUESS }, { "min", LX_FIRST | LX_GUESS },
	{ "mina", LX_FIRST }, { "mitt", LX_FIRST | LX_GUESS },
	{ "ni", LX_GUESS }, { "nog", LX_SMALL }, { "nu", LX_GUESS },
	{ "när", LX_GUESS }, { "någon", LX_PRON }, { "någonsin", LX_SMALL },
	{ "och", LX_SMALL | LX_GUESS }, { "om", LX_SMALL | LX_GUESS },
	{ "oss", LX_PRON }, { "personalen", LX_STAFF },
	{ "på", LX_SMALL | LX_GUESS }, { "sedan", LX_SMALL },
	{ "sen", LX_SMALL }, { "ska", LX_OUGHT | LX_GUESS },
	{ "skulle", LX_OUGHT }, { "som", LX_SMALL | LX_GUESS },
	{ "säljaren", LX_STAFF }, { "så", LX_SMALL | LX_GUESS },
	{ "teknikern", LX_OTHER }, { "till", LX_SMALL | LX_GUESS },
	{ "tolerera", LX_ACCEPT }, { "trots", LX_BREAK },
	{ "utan", LX_NEG | LX_LACK | LX_GUESS }, { "vakten", LX_OTHER },
	{ "var", LX_SMALL | LX_GUESS }, { "vara", LX_GUESS },
	{ "varken", LX_NEG }, { "vi", LX_PRON | LX_GUESS },
	{ "ägaren", LX_OTHER }, { "är", LX_SMALL | LX_GUESS },
};

const struct lexicon lexicons[LEX_NLANG] = {
	{ "en", "english", en, sizeof(en) / sizeof(en[0]) },
	{ "id", "indonesian", id, sizeof(id) / sizeof(id[0]) },
	{ "sv", "swedish", sv, sizeof(sv) / sizeof(sv[0]) },
};

unsigned
lex_lookup(int lang, const char *w, size_t n)
{
	const struct lexicon	*l = &lexicons[lang];
	size_t			 lo = 0, hi = l->n;

	while (lo < hi) {
		size_t	 mid = lo + (hi - lo) / 2;
		int	 c = strncmp(l->w[mid].w, w, n);

		if (c == 0 && l->w[mid].w[n] != '\0')
			c = 1;
		if (c == 0)
			return l->w[mid].f;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

#define BASE_MAX	512	/* words in all tables */
#define BASE_LEN	24	/* bytes of a folded word, NUL included */

static struct based {
	char		 w[BASE_LEN];
	unsigned	 f;
	int		 lang;		/* the language it tells, or -1 */
} based[BASE_MAX];
static size_t nbased;

static int
basedcmp(const void *a, const void *b)
{
	return strcmp(((const struct based *)a)->w,
	    ((const struct based *)b)->w);
}

/* Fold every table's words to their base letters, sorted, merged. */
static void
base_build(void)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 n = 0;

	for (int l = 0; l < LEX_NLANG; l++)
		for (size_t i = 0; i < lexicons[l].n && n < BASE_MAX; i++) {
			const char	*p = lexicons[l].w[i].w;

			buf_reset(&b);
			while (*p != '\0')
				if (text_base(&b, text_decode(&p)) != 0)
					break;
			if (*p != '\0' || b.len == 0 || b.len >= BASE_LEN)
				continue;
			memcpy(based[n].w, b.s, b.len + 1);
			based[n].f = lexicons[l].w[i].f;
			based[n].lang = lexicons[l].w[i].f & LX_GUESS ? l : -1;
			n++;
		}
	buf_free(&b);
	qsort(based, n, sizeof(based[0]), basedcmp);
	nbased = 0;
	for (size_t i = 0; i < n; i++) {
		struct based	*last = nbased > 0 ? &based[nbased - 1] : NULL;

		if (last != NULL && strcmp(last->w, based[i].w) == 0) {
			last->f |= based[i].f;
			if (last->lang < 0)
				last->lang = based[i].lang;
		} else
			based[nbased++] = based[i];
	}
}

unsigned
lex_base(const char *w, size_t n, int *lang)
{
	size_t	 lo = 0, hi;

	if (nbased == 0)
		base_build();
	for (hi = nbased; lo < hi; ) {
		size_t	 mid = lo + (hi - lo) / 2;
		int	 c = strncmp(based[mid].w, w, n);

		if (c == 0 && based[mid].w[n] != '\0')
			c = 1;
		if (c == 0) {
			if (lang != NULL)
				*lang = based[mid].lang;
			return based[mid].f;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lang != NULL)
		*lang = -1;
	return 0;
}
