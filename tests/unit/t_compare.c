/*
 * t_compare.c: the quality of the comparison, measured.  Thirty-two pairs
 * of accounts (eleven in English, ten in Indonesian, eleven in Swedish:
 * deliveries, overcharges, rude staff, faulty products), each with the
 * discrepancies a careful reader finds, written before the tool was run.
 * A discrepancy is a pair of statements and a kind: a facet (time, date,
 * amount, number, negation, people), "~" for statements told differently
 * in other words, "^" for a move and nothing else, "<" and ">" for a
 * statement only one side tells.  Word differences inside a pair with
 * other facets are no discrepancy of their own.
 *
 * Each pair the tool reads as the reader does is "ok"; the others are
 * listed as notes, and precision and recall over all of them must stay
 * at or above the floors the README reports.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "unit.h"

#define FLOOR_PRECISION	0.90
#define FLOOR_RECALL	0.95

struct pair {
	const char	*lang;
	const char	*employee, *customer;
	const char	*a, *b;		/* employee's, complainant's: lines */
	const char	*want;		/* "1:1 negation; 2: <; :3 >" */
};

static const struct pair pairs[] = {
	/* English */
	{ "en", "Tom", "Ann Berg",
	    "10:05 I handed the parcel to the customer.\n"
	    "10:07 I drove to the next street.",
	    "10:05 No courier came to my door.\n"
	    "10:30 I called the shop.",
	    "1:1 negation; 2: <; :2 >" },
	{ "en", "Per", "Lisa Holm",
	    "14:00 The customer bought two lamps.\n"
	    "14:02 I charged her 59.90 EUR.",
	    "14:00 I bought three lamps.\n"
	    "14:02 Per charged me 79.90 EUR.",
	    "1:1 number; 2:2 amount" },
	{ "en", "Per", "Ann Berg",
	    "I never raised my voice.\n"
	    "Eva served the customer first.",
	    "Per shouted at me.\n"
	    "Eva served me first.",
	    "1:1 negation" },
	{ "en", "Tom", "Bob Lee",
	    "The kettle worked when it left the shop.\n"
	    "The customer did not show a receipt.",
	    "The kettle did not work when it left the shop.\n"
	    "I showed the receipt at the till.",
	    "1:1 negation; 2:2 negation" },
	{ "en", "Tom", "Ann Berg",
	    "2026-11-18 09:00 The parcel left the warehouse.\n"
	    "2026-11-19 10:00 I rang the bell twice.",
	    "2026-11-18 09:00 The parcel left the warehouse.\n"
	    "2026-11-20 10:00 Nobody rang the bell.",
	    "2:2 date; 2:2 negation" },
	{ "en", "Per", "Bob Lee",
	    "I offered a refund of 20 EUR.\n"
	    "The customer accepted the offer.",
	    "The assistant offered a refund of 20 EUR.\n"
	    "I did not accept the offer.\n"
	    "I asked for the manager.",
	    "2:2 negation; :3 >" },
	{ "en", "Per", "Ann Berg",
	    "14:10 The customer swore at me.\n"
	    "14:12 I asked her to leave.",
	    "14:10 I did not swear.\n"
	    "14:15 Per asked me to leave.",
	    "1:1 negation; 2:2 time" },
	{ "en", "Tom", "Bob Lee",
	    "The customer returned one chair.\n"
	    "Two legs were loose.",
	    "I returned four chairs.\n"
	    "Three legs were loose.",
	    "1:1 number; 2:2 number" },
	{ "en", "Tom", "Ann Berg",
	    "Eva loaded the van.\n"
	    "I delivered the parcel at noon.",
	    "Tom loaded the van.\n"
	    "The courier delivered nothing.",
	    "1:1 people; 2:2 negation" },
	{ "en", "Per", "Bob Lee",
	    "The customer paid by card.\n"
	    "I printed the receipt.\n"
	    "She left happy.",
	    "I paid by card.\n"
	    "I left the shop angry.",
	    "2: <; 3:2 ~" },
	{ "en", "Per", "Lisa Holm",
	    "The customer paid 1,299.00 USD for a dozen cups.",
	    "I paid $1299 for twelve cups.",
	    "" },
	/* Indonesian */
	{ "id", "Agus", "Dewi Lestari",
	    "10:05 Saya menyerahkan paket kepada pelanggan.\n"
	    "10:10 Pelanggan menandatangani tanda terima.",
	    "10:05 Tidak ada kurir yang datang.\n"
	    "10:10 Saya tidak menandatangani apa pun.",
	    "1:1 negation; 2:2 negation" },
	{ "id", "Sari", "Budi Santoso",
	    "Pelanggan membeli dua baju.\n"
	    "Saya menagih Rp 350.000.",
	    "Saya membeli tiga baju.\n"
	    "Kasir menagih Rp 450.000.",
	    "1:1 number; 2:2 amount" },
	{ "id", "Sari", "Budi Santoso",
	    "Saya tidak pernah berteriak.\n"
	    "Pelanggan marah kepada saya.",
	    "Sari berteriak kepada saya.\n"
	    "Saya tidak marah.",
	    "1:1 negation; 2:2 negation" },
	{ "id", "Sari", "Dewi Lestari",
	    "Kipas angin berfungsi di toko.\n"
	    "Pelanggan membawa kotak.",
	    "Kipas angin tidak berfungsi di toko.\n"
	    "Saya membawa kotak dan struk.",
	    "1:1 negation; 2:2 ~" },
	{ "id", "Agus", "Dewi Lestari",
	    "2026-11-18 09:00 Paket dikirim dari gudang.\n"
	    "2026-11-18 10:00 Kurir menunggu lima menit.",
	    "2026-11-18 09:00 Paket dikirim dari gudang.\n"
	    "2026-11-19 10:00 Kurir menunggu dua menit.",
	    "2:2 date; 2:2 number" },
	{ "id", "Agus", "Dewi Lestari",
	    "Saya datang jam sepuluh.\n"
	    "Saya mengetuk pintu.\n"
	    "Tidak ada orang di rumah.",
	    "Kurir datang jam sepuluh.\n"
	    "Saya ada di rumah sepanjang hari.\n"
	    "Saya menelepon toko.",
	    "2: <; 3:2 negation; :3 >" },
	{ "id", "Agus", "Dewi Lestari",
	    "Budi mengantar paket.\n"
	    "Saya menunggu di mobil.",
	    "Agus mengantar paket.\n"
	    "Kurir menunggu di mobil.",
	    "1:1 people" },
	{ "id", "Sari", "Budi Santoso",
	    "14:00 Pelanggan berteriak di depan toko.",
	    "14:00 Saya berbicara dengan tenang di depan toko.",
	    "1:1 ~" },
	{ "id", "Sari", "Budi Santoso",
	    "Pelanggan membeli satu lampu.\n"
	    "Lampu itu menyala.",
	    "Saya membeli sepuluh lampu.\n"
	    "Lampu itu tidak menyala.",
	    "1:1 number; 2:2 negation" },
	{ "id", "Sari", "Dewi Lestari",
	    "Pelanggan membayar Rp 350.000.\n"
	    "Saya memberi kembalian Rp 50.000.",
	    "Saya membayar 350.000 rupiah.\n"
	    "Saya tidak menerima kembalian.",
	    "2:2 negation" },
	/* Swedish */
	{ "sv", "Erik", "Karin Ek",
	    "14:05 Kunden fick kvittot.\n"
	    "14:10 Jag har aldrig höjt rösten.",
	    "14:05 Jag fick inget kvitto.\n"
	    "14:10 Erik höjde rösten.",
	    "1:1 negation; 2:2 negation" },
	{ "sv", "Erik", "Karin Ek",
	    "Kunden köpte tre tröjor.\n"
	    "Kunden betalade 599 kr.",
	    "Jag köpte två tröjor.\n"
	    "Jag betalade 699 kr.",
	    "1:1 number; 2:2 amount" },
	{ "sv", "Olle", "Åsa Lind",
	    "2026-11-18 10:00 Budet lämnade paketet vid dörren.\n"
	    "Ingen öppnade.",
	    "2026-11-19 10:00 Budet lämnade inget paket vid dörren.\n"
	    "Jag öppnade dörren direkt.",
	    "1:1 date; 1:1 negation; 2:2 negation" },
	{ "sv", "Olle", "Åsa Lind",
	    "Lampan fungerade i butiken.\n"
	    "Kunden tappade lampan.",
	    "Lampan fungerade inte i butiken.\n"
	    "Jag tappade aldrig lampan.",
	    "1:1 negation; 2:2 negation" },
	{ "sv", "Erik", "Karin Ek",
	    "Eva tog betalt.\n"
	    "Jag slog in paketet.",
	    "Erik tog betalt.\n"
	    "Expediten slog in paketet.",
	    "1:1 people" },
	{ "sv", "Erik", "Karin Ek",
	    "Kunden ville byta tjugo koppar.\n"
	    "Jag gav kunden ett kvitto.",
	    "Jag ville byta tjugofem koppar.\n"
	    "Expediten gav mig ett kvitto.",
	    "1:1 number" },
	{ "sv", "Olle", "Åsa Lind",
	    "10:00 Kunden kom in.\n"
	    "10:05 Kunden provade skorna.\n"
	    "10:10 Kunden betalade.",
	    "10:00 Jag kom in.\n"
	    "10:10 Jag betalade.\n"
	    "10:20 Expediten skrek åt mig.",
	    "2: <; :3 >" },
	{ "sv", "Olle", "Åsa Lind",
	    "10:15 Kunden köpte 2 lampor.",
	    "10:45 Jag köpte 2 lampor.",
	    "1:1 time" },
	{ "sv", "Erik", "Karin Ek",
	    "Jag bad kunden vänta.\n"
	    "Kunden svor åt mig.",
	    "Erik bad mig aldrig vänta.\n"
	    "Jag svor inte.",
	    "1:1 negation; 2:2 negation" },
	{ "sv", "Erik", "Karin Ek",
	    "Kunden lämnade tillbaka jackan.\n"
	    "Jackan var smutsig.",
	    "Jag lämnade tillbaka jackan.\n"
	    "Jackan var ren.\n"
	    "Jag fick inga pengar tillbaka.",
	    "2:2 ~; :3 >" },
	{ "sv", "Erik", "Karin Ek",
	    "Kunden betalade 1 299 kr för tolv koppar.",
	    "Jag betalade 1299,00 kr för ett dussin koppar.",
	    "" },
};

#define MAXSTMT	8
#define MAXITEM	32
#define ITEM	64		/* "12:13 negation" */

/* Split lines into statements, each with its time. */
static size_t
statements(char *text, struct cmp_statement *st, char at[][STMTTIME_LEN])
{
	size_t	 n = 0, skip;
	char	*line, *save = NULL;

	for (line = strtok_r(text, "\n", &save); line != NULL && n < MAXSTMT;
	    line = strtok_r(NULL, "\n", &save)) {
		skip = stmttime_parse(line, 2026, at[n]);
		st[n].at = skip > 0 ? at[n] : NULL;
		st[n].text = line + skip;
		n++;
	}
	return n;
}

/* The discrepancies of a result as "1:1 negation" items. */
static size_t
found(const struct cmp_result *r, char item[][ITEM])
{
	static const char *const kinds[] = { "time", "date", "amount",
	    "number", "negation", "people" };
	size_t	 n = 0;

	for (size_t i = 0; i < r->n && n < MAXITEM; i++) {
		const struct cmp_pair	*p = &r->v[i];
		char			 ab[44] = "", a[21] = "", b[21] = "";
		int			 k = 0;

		if (p->mark == '=')
			continue;
		if (p->a >= 0)
			snprintf(a, sizeof(a), "%ld", p->a + 1);
		if (p->b >= 0)
			snprintf(b, sizeof(b), "%ld", p->b + 1);
		snprintf(ab, sizeof(ab), "%s:%s", a, b);
		if (p->mark == '<' || p->mark == '>') {
			snprintf(item[n++], ITEM, "%s %c", ab, p->mark);
			continue;
		}
		for (size_t j = 0; j < sizeof(kinds) / sizeof(kinds[0]) &&
		    n < MAXITEM; j++) {
			char	 key[16];
			const char *f = p->facets != NULL ? p->facets : "";

			snprintf(key, sizeof(key), "%s", kinds[j]);
			/* A facet begins the text or follows "; ". */
			for (const char *q = f; (q = strstr(q, key)) != NULL;
			    q++)
				if (q == f || (q - f >= 2 && q[-2] == ';')) {
					snprintf(item[n++], ITEM, "%s %s", ab,
					    kinds[j]);
					k++;
					break;
				}
		}
		if (k == 0 && n < MAXITEM)
			snprintf(item[n++], ITEM, "%s %c", ab,
			    p->mark == '^' && (p->facets == NULL ||
			    strncmp(p->facets, "words", 5) != 0) ? '^' : '~');
	}
	return n;
}

static size_t
wanted(const char *want, char item[][ITEM])
{
	char	 buf[256], *tok, *save = NULL;
	size_t	 n = 0;

	strlcpy(buf, want, sizeof(buf));
	for (tok = strtok_r(buf, ";", &save); tok != NULL && n < MAXITEM;
	    tok = strtok_r(NULL, ";", &save)) {
		while (*tok == ' ')
			tok++;
		strlcpy(item[n++], tok, ITEM);
	}
	return n;
}

static int
has(char item[][ITEM], size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(item[i], s) == 0)
			return 1;
	return 0;
}

int
main(void)
{
	size_t		 tp = 0, nfound = 0, nwant = 0, agree = 0;
	size_t		 per[3][3] = { { 0 } };	/* lang: tp, found, want */
	double		 precision, recall;

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct pair	*q = &pairs[i];
		struct cmp_statement	 a[MAXSTMT], b[MAXSTMT];
		char			 ta[MAXSTMT][STMTTIME_LEN];
		char			 tb[MAXSTMT][STMTTIME_LEN];
		char			 fi[MAXITEM][ITEM], wi[MAXITEM][ITEM];
		char			*xa = strdup(q->a), *xb = strdup(q->b);
		struct cmp_people	 pp = { "employee", "complainant",
		    q->employee, q->customer, q->lang };
		struct cmp_result	 r;
		struct cerror		 e;
		size_t			 na, nb, nf, nw, hit = 0;
		int			 l = q->lang[0] == 'e' ? 0 :
		    q->lang[0] == 'i' ? 1 : 2;

		na = statements(xa, a, ta);
		nb = statements(xb, b, tb);
		if (compare_people(a, na, b, nb, &pp, &r, &e) != 0) {
			CHECK(0, "pair %zu compares", i + 1);
			free(xa);
			free(xb);
			continue;
		}
		nf = found(&r, fi);
		nw = wanted(q->want, wi);
		for (size_t k = 0; k < nf; k++)
			hit += has(wi, nw, fi[k]);
		tp += hit;
		nfound += nf;
		nwant += nw;
		per[l][0] += hit;
		per[l][1] += nf;
		per[l][2] += nw;
		if (hit == nf && hit == nw) {
			agree++;
			printf("ok - pair %zu (%s) read as a careful reader "
			    "does\n", i + 1, q->lang);
		} else {
			printf("# pair %zu (%s): want \"%s\", got \"", i + 1,
			    q->lang, q->want);
			for (size_t k = 0; k < nf; k++)
				printf("%s%s", k ? "; " : "", fi[k]);
			printf("\"\n");
		}
		compare_free(&r);
		free(xa);
		free(xb);
	}
	precision = nfound ? (double)tp / (double)nfound : 1.0;
	recall = nwant ? (double)tp / (double)nwant : 1.0;
	for (int l = 0; l < 3; l++)
		printf("# %s: %zu of %zu found right, %zu of %zu wanted found\n",
		    l == 0 ? "en" : l == 1 ? "id" : "sv", per[l][0],
		    per[l][1], per[l][0], per[l][2]);
	printf("# %zu pairs, %zu read as the reader does; precision %.2f "
	    "(%zu/%zu), recall %.2f (%zu/%zu)\n", sizeof(pairs) /
	    sizeof(pairs[0]), agree, precision, tp, nfound, recall, tp,
	    nwant);
	CHECK(precision >= FLOOR_PRECISION, "precision %.2f is at least %.2f",
	    precision, FLOOR_PRECISION);
	CHECK(recall >= FLOOR_RECALL, "recall %.2f is at least %.2f", recall,
	    FLOOR_RECALL);
	UNIT_EXIT();
}
