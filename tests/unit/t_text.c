/*
 * t_text.c: UTF-8 checks, case folding and character classes in several
 * scripts, JSON strings, and records in three formats.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "internal.h"
#include "unit.h"

static char *
render(int fmt, const struct row *r, int times)
{
	struct textout	 t;
	char		*s = NULL;
	size_t		 n = 0;
	FILE		*fp = open_memstream(&s, &n);

	textout_init(&t, fp, fmt);
	for (int i = 0; i < times; i++)
		textout_row(&t, r);
	textout_free(&t);
	fclose(fp);
	return s;
}

/* Case folding as the comparison of accounts uses it. */
static void
folding(void)
{
	static const struct {
		const char	*in, *want, *what;
	} cases[] = {
		{ "Łódź", "łódź",
		    "Polish: Łódź is łódź, not ń" },
		{ "ŻÓŁW", "żółw",
		    "Polish capitals" },
		{ "İstanbul", "i̇stanbul",
		    "Turkish dotted capital I keeps its dot" },
		{ "ısı", "ısı",
		    "Turkish dotless i stays" },
		{ "STRAß" "E", "strasse", "German sharp s is ss" },
		{ "KÖPTE ÅRET", "köpte året",
		    "Swedish keeps its letters" },
		{ "PELANGGAN Tidak", "pelanggan tidak", "Indonesian" },
		{ "КлИЕНТ",
		    "клиент",
		    "Cyrillic" },
		{ "TIẾNG VIỆT",
		    "tiếng việt", "Vietnamese" },
		{ "Tiếng", "tiếng",
		    "decomposed marks are composed (NFC)" },
		{ "ΟΔΟΣ", "οδοσ",
		    "Greek" },
	};
	struct buf	 b = { NULL, 0, 0 };
	const char	*p;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		CHECK(text_fold(&b, cases[i].in, strlen(cases[i].in)) == 0 &&
		    b.s != NULL && strcmp(b.s, cases[i].want) == 0,
		    "fold: %s", cases[i].what);
	}
	buf_reset(&b);
	CHECK(text_fold(&b, "\xff", 1) != 0, "fold refuses invalid UTF-8");
	buf_free(&b);
	CHECK(text_wordchar(0x141) && text_wordchar(0x17a) &&
	    text_wordchar(0x431) && text_wordchar(0x1ec7),
	    "letters of four scripts are word characters");
	CHECK(text_wordchar('7') && text_wordchar(0x20ac) &&
	    text_wordchar('$') && text_wordchar(0x301),
	    "digits, currency signs and marks are word characters");
	CHECK(!text_wordchar('.') && !text_wordchar(0x2019) &&
	    !text_wordchar(' ') && !text_wordchar(0xa0),
	    "punctuation and spaces are not");
	CHECK(text_upper(0x141) && !text_upper(0x142) && text_upper(0x130) &&
	    !text_upper(0x131) && text_upper('A') && !text_upper('7'),
	    "capitals: Ł, İ, A; not ł, ı, 7");
	p = "Łx";
	CHECK(text_decode(&p) == 0x141 && *p == 'x', "decode a two-byte letter");
	p = "\xffx";
	CHECK(text_decode(&p) == 0xfffd && *p == 'x',
	    "a stray byte is U+FFFD and one byte");
}

/* Base letters, as triage matches words: case and marks off. */
static void
bases(void)
{
	static const struct {
		const char	*in, *want, *what;
	} cases[] = {
		{ "Łódź", "lodz", "Polish: Ł and ź" },
		{ "ŻÓŁW", "zolw", "Polish capitals" },
		{ "İSTANBUL ısı", "istanbul isi", "Turkish dotted and dotless i" },
		{ "STRAẞE Straße", "strasse strasse", "German sharp s, both cases" },
		{ "KÖPTE ÅRET", "kopte aret", "Swedish" },
		{ "Æble Øre Œuvre Þing", "aeble ore oeuvre thing",
		    "letters without a decomposition" },
		{ "PELANGGAN Tidak", "pelanggan tidak", "Indonesian" },
		{ "КлИЁНТ", "клиент", "Cyrillic: case off and ё is е" },
		{ "TIẾNG VIỆT Đường", "tieng viet duong", "Vietnamese" },
		{ "ﬁle", "file", "compatibility ligature" },
		{ "ΟΔΌΣ", "οδοσ", "Greek: final sigma and tonos" },
	};
	struct buf	 b = { NULL, 0, 0 };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char	*p = cases[i].in;

		buf_reset(&b);
		while (*p != '\0') {
			int32_t	 c = text_decode(&p);

			if (text_wordchar(c))
				text_base(&b, c);
			else
				buf_puts(&b, " ");
		}
		CHECK(b.s != NULL && strcmp(b.s, cases[i].want) == 0,
		    "base: %s (%s)", cases[i].what, b.s != NULL ? b.s : "");
	}
	buf_free(&b);
	CHECK(text_encode(&b, 0x1ec7) == 0 && b.len == 3 &&
	    memcmp(b.s, "\xe1\xbb\x87", 3) == 0, "encode U+1EC7");
	CHECK(text_encode(&b, 0xd800) != 0 && text_encode(&b, 0x110000) != 0,
	    "a surrogate and U+110000 are not encoded");
	buf_free(&b);
}

/* The lexicon: sorted for its binary search, and what readers ask. */
static void
lexicon(void)
{
	int	 lang;

	for (int l = 0; l < LEX_NLANG; l++) {
		size_t	 i;

		for (i = 1; i < lexicons[l].n; i++)
			if (strcmp(lexicons[l].w[i - 1].w,
			    lexicons[l].w[i].w) >= 0)
				break;
		CHECK(i >= lexicons[l].n, "lexicon %s is sorted (at %s)",
		    lexicons[l].code, i < lexicons[l].n ? lexicons[l].w[i].w :
		    "end");
	}
	CHECK(lex_lookup(LEX_EN, "didnt", 5) & LX_NEG, "en: didnt denies");
	CHECK((lex_lookup(LEX_EN, "cant", 4) & (LX_NEG | LX_ABILITY)) ==
	    (LX_NEG | LX_ABILITY), "en: cant denies an ability");
	CHECK(lex_lookup(LEX_SV, "på", strlen("på")) & LX_SMALL,
	    "sv: på is small, spelt as people write it");
	CHECK(lex_lookup(LEX_SV, "pa", 2) == 0, "sv: pa is not in the table");
	CHECK(lex_lookup(LEX_ID, "tidakx", 5) & LX_NEG,
	    "a look-up reads n bytes");
	CHECK((lex_base("pa", 2, &lang) & LX_SMALL) && lang == LEX_SV,
	    "base: pa is på, and tells Swedish");
	CHECK((lex_base("nar", 3, &lang) & LX_GUESS) && lang == LEX_SV,
	    "base: nar is när");
	CHECK((lex_base("inte", 4, NULL) & (LX_NEG | LX_NEGAFTER)) ==
	    (LX_NEG | LX_NEGAFTER), "base: inte denies both ways");
	CHECK((lex_base("i", 1, NULL) & (LX_FIRST | LX_SMALL)) ==
	    (LX_FIRST | LX_SMALL), "base: i is English I and Swedish in");
	CHECK(lex_base("kettle", 6, &lang) == 0 && lang == -1,
	    "base: a word not listed");
}

int
main(void)
{
	static const char *const names[] = { "id", "text", "none" };
	const char	*vals[] = { "7", "a\tb\033[31m\n\"q\", ok", NULL };
	const int	 types[] = { VAL_INT, VAL_TEXT, VAL_NULL };
	struct row	 r = { 3, names, vals, types };
	struct buf	 b = { NULL, 0, 0 };
	char		*s, v[80];

	CHECK(text_utf8ok("plain", 5), "ASCII is UTF-8");
	CHECK(text_utf8ok("\xc3\xa5\xc3\xa4\xc3\xb6", 6), "åäö is UTF-8");
	CHECK(!text_utf8ok("\xc3", 1), "a cut sequence is not");
	CHECK(!text_utf8ok("\xc0\xaf", 2), "an overlong form is not");
	CHECK(!text_utf8ok("\xed\xa0\x80", 3), "a surrogate is not");
	CHECK(!text_utf8ok("\xf4\x90\x80\x80", 4), "beyond U+10FFFF is not");
	CHECK(!text_utf8ok("a\0b", 3), "a NUL byte is not accepted");
	CHECK(!text_utf8ok("\xff", 1), "0xff is not");

	text_json(&b, "q\"\\\n\x01\x7f" "å");
	CHECK(strcmp(b.s, "\"q\\\"\\\\\\n\\u0001\\u007få\"") == 0,
	    "JSON escapes quotes, backslash, controls; keeps UTF-8");
	buf_free(&b);

	CHECK(strcmp(text_vis(v, sizeof(v), "\xc3\x85sa \xe2\x80\x8b\xef"
	    "\xbb\xbf\xf3\xa0\x81\xa1\xe2\x80\xa9\xe2\x81\xa6!"),
	    "\xc3\x85sa \\u200B\\uFEFF\\uE0061\\u2029\\u2066!") == 0,
	    "text_vis: UTF-8 as itself, hidden characters as \\uXXXX");
	CHECK(strcmp(text_vis(v, sizeof(v), "a\\b\x01\x7f\xc2\x85\xff\xe2\x80"),
	    "a\\\\b\\001\\177\\302\\205\\377\\342\\200") == 0,
	    "text_vis: backslash, controls, C1 and stray bytes escaped");
	CHECK(strcmp(text_vis(v, 9, "abcdef\xe2\x80\x8bz"), "abcdef") == 0,
	    "text_vis cuts before an escape that does not fit whole");
	CHECK(strcmp(text_vis(v, sizeof(v), "\xe2\x80\x8c\xe2\x80\x8d\xc2\xa0"),
	    "\xe2\x80\x8c\xe2\x80\x8d\xc2\xa0") == 0,
	    "text_vis keeps ZWNJ, ZWJ and no-break space");

	s = render(OUT_TEXT, &r, 1);
	CHECK(strcmp(s, "7\ta\\tb\\033[31m\\n\"q\", ok\t\n") == 0,
	    "text escapes tab, ESC and newline in a field");
	free(s);
	s = render(OUT_CSV, &r, 2);
	CHECK(strcmp(s, "id,text,none\n7,\"a\tb\033[31m\n\"\"q\"\", ok\",\n"
	    "7,\"a\tb\033[31m\n\"\"q\"\", ok\",\n") == 0,
	    "CSV has one header, quotes only what needs it, keeps bytes");
	free(s);
	s = render(OUT_JSON, &r, 1);
	CHECK(strcmp(s, "{\"id\":7,\"text\":\"a\\tb\\u001b[31m\\n\\\"q\\\", "
	    "ok\"}\n") == 0, "JSON: numbers bare, no key without a value");
	free(s);
	folding();
	bases();
	lexicon();
	UNIT_EXIT();
}
