/*
 * html.c: a case's dossier as one self-contained HTML5 document to read,
 * hand over or print.  It runs the same dossier queries as the text of
 * complaint-report show, lines the accounts up with compare.c and ends
 * with the log's chain head as verified at the moment of printing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "complaint.h"

/* The labels, in the order of the columns of labels[] below. */
static const char *const langs[] = { "en", "id", "sv" };

enum {
	L_DOSSIER, L_CASE, L_SUMMARY, L_CUSTOMER, L_STATUS, L_SEVERITY,
	L_GRADED, L_RECEIVED, L_CHANNEL, L_PRODUCT, L_ORDER, L_AMOUNT,
	L_EMPLOYEE, L_ASSIGNEE, L_TAGS, L_REF, L_DESCRIPTION, L_DUES, L_KIND,
	L_DUE, L_MET_AT, L_STATE, L_LATE, L_STOPPED, L_TRIAGE, L_FLAG,
	L_VALUE, L_TIMELINE, L_AT, L_ACTOR, L_STEP, L_FROM, L_TO, L_NOTE,
	L_ACCOUNTS,
	L_SIDE, L_ACCOUNT, L_ROLE, L_PARTY, L_VERSION, L_INTERVIEWER,
	L_TAKEN, L_MEDIUM, L_STATEMENTS, L_RECORDING, L_SIZE, L_SHA256,
	L_ATTACHMENTS, L_NAME, L_TYPE, L_DISCREPANCIES, L_MARK, L_FACETS,
	L_FIRST, L_SECOND, L_OFFERS, L_OFFER, L_CREATED, L_EXPIRES,
	L_APPROVED, L_ANSWER, L_ANSWERED, L_COUNTER, L_ESCALATIONS, L_TEAM,
	L_REASON, L_TICKET, L_DECISIONS, L_FAVOUR, L_RATIONALE, L_FOLLOWUPS,
	L_DONE, L_SATISFIED, L_SCORE, L_OUTCOME, L_CAUSE, L_LESSON,
	L_HISTORY, L_COUNT, L_CLOSED, L_RECENT, L_REST, L_VERIFY, L_HEAD,
	L_ENTRIES, L_INTACT, L_BROKEN, L_RECHECK, L_PRINTED, L_SAME,
	L_DIFFERENT,
	L_ONLY_FIRST, L_ONLY_SECOND, L_MOVED, L_MET, L_BREACHED, L_PENDING,
	L_RETELLING, L_INTAKE, L_RULES, L_NO, L_UTC, L_COMMS, L_DIR,
	L_SUBJECT, L_MSGID, L_TEXT, L_CITED, L_EVIDENCE,
	L_BETWEEN, L_EXPLAINED, L_EXPLANATION, L_WITNESSES, L_WITNESS,
	L_PLACEMENT, NLABEL
};

static const char *const labels[NLABEL][3] = {
	[L_DOSSIER] = { "Case dossier", "Berkas pengaduan", "Ärendeakt" },
	[L_CASE] = { "Case", "Kasus", "Ärende" },
	[L_SUMMARY] = { "Summary", "Ringkasan", "Sammanfattning" },
	[L_CUSTOMER] = { "Customer", "Pelanggan", "Kund" },
	[L_STATUS] = { "Status", "Status", "Status" },
	[L_SEVERITY] = { "Severity", "Keparahan", "Allvarlighet" },
	[L_GRADED] = { "graded by", "dinilai oleh", "bedömd av" },
	[L_RECEIVED] = { "Received", "Diterima", "Mottaget" },
	[L_CHANNEL] = { "Channel", "Saluran", "Kanal" },
	[L_PRODUCT] = { "Product", "Produk", "Produkt" },
	[L_ORDER] = { "Order", "Pesanan", "Order" },
	[L_AMOUNT] = { "Amount", "Jumlah", "Belopp" },
	[L_EMPLOYEE] = { "Employee", "Karyawan", "Anställd" },
	[L_ASSIGNEE] = { "Assignee", "Penanggung jawab", "Handläggare" },
	[L_TAGS] = { "Tags", "Label", "Taggar" },
	[L_REF] = { "Reference", "Referensi", "Referens" },
	[L_DESCRIPTION] = { "Description", "Uraian", "Beskrivning" },
	[L_DUES] = { "Due clocks", "Tenggat waktu", "Tidsfrister" },
	[L_KIND] = { "Kind", "Jenis", "Slag" },
	[L_DUE] = { "Due", "Batas waktu", "Förfaller" },
	[L_MET_AT] = { "Met at", "Dipenuhi", "Uppfylld" },
	[L_STATE] = { "State", "Keadaan", "Läge" },
	[L_LATE] = { "Hours late", "Jam terlambat", "Timmar sent" },
	[L_STOPPED] = { "Stopped by", "Dihentikan oleh", "Stoppad av" },
	[L_TRIAGE] = { "Triage", "Triase", "Sortering" },
	[L_FLAG] = { "Flag", "Tanda", "Flagga" },
	[L_VALUE] = { "Value", "Nilai", "Värde" },
	[L_TIMELINE] = { "Timeline", "Kronologi", "Tidslinje" },
	[L_AT] = { "At", "Waktu", "Tid" },
	[L_ACTOR] = { "Actor", "Pelaku", "Utförare" },
	[L_STEP] = { "Step", "Langkah", "Steg" },
	[L_FROM] = { "From", "Dari", "Från" },
	[L_TO] = { "To", "Ke", "Till" },
	[L_NOTE] = { "Note", "Catatan", "Anteckning" },
	[L_ACCOUNTS] = { "Accounts", "Keterangan para pihak", "Redogörelser" },
	[L_SIDE] = { "The accounts side by side",
	    "Keterangan berdampingan", "Redogörelserna sida vid sida" },
	[L_ACCOUNT] = { "Account", "Keterangan", "Redogörelse" },
	[L_ROLE] = { "Role", "Peran", "Roll" },
	[L_PARTY] = { "Party", "Pihak", "Part" },
	[L_VERSION] = { "Version", "Versi", "Version" },
	[L_INTERVIEWER] = { "Interviewer", "Pewawancara", "Intervjuare" },
	[L_TAKEN] = { "Taken", "Diambil", "Tagen" },
	[L_MEDIUM] = { "Medium", "Media", "Medium" },
	[L_STATEMENTS] = { "Statements", "Pernyataan", "Uttalanden" },
	[L_RECORDING] = { "Recording", "Rekaman", "Inspelning" },
	[L_SIZE] = { "Bytes", "Bita", "Byte" },
	[L_SHA256] = { "SHA-256", "SHA-256", "SHA-256" },
	[L_ATTACHMENTS] = { "Attachments", "Lampiran", "Bilagor" },
	[L_NAME] = { "Name", "Nama", "Namn" },
	[L_TYPE] = { "Type", "Tipe", "Typ" },
	[L_DISCREPANCIES] = { "Discrepancies open",
	    "Perbedaan yang belum dijelaskan", "Oförklarade avvikelser" },
	[L_MARK] = { "Mark", "Tanda", "Tecken" },
	[L_FACETS] = { "Facets", "Aspek", "Aspekter" },
	[L_FIRST] = { "First account", "Keterangan pertama",
	    "Första redogörelsen" },
	[L_SECOND] = { "Second account", "Keterangan kedua",
	    "Andra redogörelsen" },
	[L_OFFERS] = { "Offers and answers", "Tawaran dan jawaban",
	    "Erbjudanden och svar" },
	[L_OFFER] = { "Offer", "Tawaran", "Erbjudande" },
	[L_CREATED] = { "Made", "Dibuat", "Lämnat" },
	[L_EXPIRES] = { "Expires", "Berlaku sampai", "Gäller till" },
	[L_APPROVED] = { "Approved by", "Disetujui oleh", "Godkänt av" },
	[L_ANSWER] = { "Answer", "Jawaban", "Svar" },
	[L_ANSWERED] = { "Answered", "Dijawab", "Besvarat" },
	[L_COUNTER] = { "Counter-offer", "Tawaran balik", "Motbud" },
	[L_COMMS] = { "Communications", "Komunikasi", "Kommunikation" },
	[L_DIR] = { "Direction", "Arah", "Riktning" },
	[L_SUBJECT] = { "Subject", "Perihal", "Ämne" },
	[L_MSGID] = { "Message-ID", "Message-ID", "Message-ID" },
	[L_TEXT] = { "Text", "Teks", "Text" },
	[L_CITED] = { "Evidence cited", "Bukti yang dirujuk",
	    "Åberopad bevisning" },
	[L_EVIDENCE] = { "Evidence", "Bukti", "Bevis" },
	[L_ESCALATIONS] = { "Escalations", "Eskalasi", "Eskaleringar" },
	[L_TEAM] = { "Team", "Tim", "Grupp" },
	[L_REASON] = { "Reason", "Alasan", "Skäl" },
	[L_TICKET] = { "Ticket", "Tiket", "Ärendenummer" },
	[L_DECISIONS] = { "Decision", "Keputusan", "Beslut" },
	[L_FAVOUR] = { "In favour of", "Memihak", "Till förmån för" },
	[L_RATIONALE] = { "Rationale", "Pertimbangan", "Motivering" },
	[L_FOLLOWUPS] = { "Follow-ups", "Tindak lanjut", "Uppföljningar" },
	[L_DONE] = { "Done", "Selesai", "Gjord" },
	[L_SATISFIED] = { "Satisfied", "Puas", "Nöjd" },
	[L_SCORE] = { "Score", "Skor", "Betyg" },
	[L_OUTCOME] = { "Cause and lesson", "Penyebab dan pelajaran",
	    "Orsak och lärdom" },
	[L_CAUSE] = { "Cause", "Penyebab", "Orsak" },
	[L_LESSON] = { "Lesson", "Pelajaran", "Lärdom" },
	[L_HISTORY] = { "The customer's other cases", "Kasus lain pelanggan",
	    "Kundens andra ärenden" },
	[L_COUNT] = { "Cases", "Kasus", "Ärenden" },
	[L_CLOSED] = { "Closed", "Ditutup", "Stängt" },
	[L_RECENT] = { "The most recent", "Yang terbaru", "De senaste" },
	[L_REST] = { "All of them with", "Semuanya dengan", "Alla med" },
	[L_VERIFY] = { "Verification", "Verifikasi", "Kontroll" },
	[L_HEAD] = { "Log chain head", "Kepala rantai log",
	    "Loggkedjans huvud" },
	[L_ENTRIES] = { "entries", "entri", "poster" },
	[L_INTACT] = { "intact when printed", "utuh saat dicetak",
	    "obruten vid utskrift" },
	[L_BROKEN] = { "BROKEN at entry", "RUSAK pada entri",
	    "BRUTEN vid post" },
	[L_RECHECK] = { "Re-check with", "Periksa ulang dengan",
	    "Kontrollera igen med" },
	[L_PRINTED] = { "Printed", "Dicetak", "Utskrivet" },
	[L_SAME] = { "told the same", "sama", "samma" },
	[L_DIFFERENT] = { "told differently", "diceritakan berbeda",
	    "berättat olika" },
	[L_ONLY_FIRST] = { "only in the first", "hanya di yang pertama",
	    "bara i den första" },
	[L_ONLY_SECOND] = { "only in the second", "hanya di yang kedua",
	    "bara i den andra" },
	[L_MOVED] = { "moved", "berpindah urutan", "flyttat" },
	[L_MET] = { "met", "terpenuhi", "hållen" },
	[L_BREACHED] = { "breached", "terlewati", "överskriden" },
	[L_PENDING] = { "pending", "berjalan", "löper" },
	[L_RETELLING] = { "retelling", "penceritaan ulang", "återberättelse" },
	[L_INTAKE] = { "at intake", "saat diterima", "vid mottagandet" },
	[L_RULES] = { "rules", "aturan", "regler" },
	[L_NO] = { "No.", "No.", "Nr" },
	[L_UTC] = { "times in UTC", "waktu dalam UTC", "tider i UTC" },
	[L_BETWEEN] = { "Accounts compared", "Keterangan yang dibandingkan",
	    "Jämförda redogörelser" },
	[L_EXPLAINED] = { "Discrepancies explained",
	    "Perbedaan yang sudah dijelaskan", "Förklarade avvikelser" },
	[L_EXPLANATION] = { "Explanation", "Penjelasan", "Förklaring" },
	[L_WITNESSES] = { "What the witnesses support",
	    "Yang didukung para saksi", "Vad vittnena stöder" },
	[L_WITNESS] = { "Witness", "Saksi", "Vittne" },
	[L_PLACEMENT] = { "Corroborates or contradicts",
	    "Menguatkan atau membantah", "Styrker eller motsäger" },
};

/* How a column's value is shown. */
enum { H_PLAIN, H_WORD, H_TEXT, H_TIME, H_HASH, H_NUM, H_STATE, H_MARK,
    H_VERSION, H_CITE };

struct col {
	const char	*name;		/* the query's column */
	int		 label;
	int		 how;
};

/*
 * A section that is a table of one query's rows: its title, the query,
 * the prefix of the anchor each row gets from its first column (so the
 * decision's evidence can link to it) and its columns.  Absent when the
 * query has no rows.
 */
struct tsection {
	int		 title;
	int		(*fn)(struct casefile *, int64_t, row_fn *, void *,
			    struct cerror *);
	const char	*anchor;
	int		 small;		/* kept on one page */
	struct col	 cols[12];
};

struct html {
	FILE			*fp;
	struct casefile		*cf;
	int64_t			 id;
	int			 lang;		/* column of labels[] */
	const struct tsection	*t;		/* the table being written */
	int64_t			 n;		/* its rows so far */
	char			 graded[64];	/* actor of the "new" step */
	struct buf		 rules;		/* triage rules that fired */
	char			 anchor[32];	/* the last row's, once each */
};

#define L(h, i)		(labels[(i)][(h)->lang])
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char css[] =
"*{box-sizing:border-box}\n"
"html{font:10.5pt/1.35 \"DejaVu Sans\",\"Liberation Sans\",Arial,"
"sans-serif;color:#000;background:#fff}\n"
"body{margin:0 auto;max-width:60rem;padding:1rem;overflow-wrap:break-word}\n"
"h1{font-size:1.5em;margin:0 0 .3em}\n"
"h2{font-size:1.15em;margin:1.2em 0 .4em;border-bottom:1.5pt solid #000;"
"break-after:avoid;page-break-after:avoid}\n"
"h3{font-size:1em;margin:1em 0 .3em;break-after:avoid}\n"
"section{margin-bottom:.8em}\n"
"section.small{break-inside:avoid;page-break-inside:avoid}\n"
"section.page{break-before:page;page-break-before:always}\n"
"dl.head{display:grid;grid-template-columns:max-content 1fr;"
"gap:.15em 1em;margin:.5em 0}\n"
"dl.head dt{font-weight:bold}\n"
"dl.head dd{margin:0}\n"
"p.text,td.text,dd,h1,code{white-space:pre-wrap;overflow-wrap:anywhere}\n"
"td.text{min-width:8em}\n"
"table{border-collapse:collapse;width:100%;margin:.3em 0}\n"
"thead{display:table-header-group}\n"
"tfoot{display:table-footer-group}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"th,td{border:.5pt solid #555;padding:.15em .35em;text-align:left;"
"vertical-align:top}\n"
"th{background:#e8e8e8;font-weight:bold}\n"
"td.hash,span.hash{font-family:\"DejaVu Sans Mono\",monospace;"
"font-size:.8em}\n"
"td.num{text-align:right;white-space:nowrap}\n"
"td.time{white-space:nowrap}\n"
"td.w{overflow-wrap:anywhere;min-width:6em}\n"
"td.mark{text-align:center;font-weight:bold;font-family:"
"\"DejaVu Sans Mono\",monospace;white-space:nowrap}\n"
"table.side td.a,table.side td.b{width:40%}\n"
"tr.differ td{background:#f2f2f2}\n"
"tr.differ td.mark{border-left:2pt solid #000}\n"
"span.n{font-size:.8em;color:#333}\n"
"span.bad{font-weight:bold;text-decoration:underline}\n"
"ul.legend{list-style:none;padding:0;margin:.2em 0}\n"
"ul.legend li{display:inline;margin-right:1.2em}\n"
"footer{margin-top:1.5em;border-top:1.5pt solid #000;padding-top:.4em;"
"break-inside:avoid}\n"
"code{font-family:\"DejaVu Sans Mono\",monospace;font-size:.85em}\n"
"@page{margin:16mm 14mm 16mm 14mm}\n"
"@media print{body{max-width:none;padding:0}"
"a{color:inherit;text-decoration:none}}\n";

/*
 * Write n bytes of untrusted text as HTML text or attribute value: markup
 * characters as references, controls and bidirectional controls made
 * visible as \ooo and \uXXXX (a U+202E must not turn a sentence or a file
 * name around on paper), invalid UTF-8 and noncharacters as U+FFFD.
 */
static void
esc(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *q;
	int32_t			 c;

	if (s == NULL)
		return;
	while (*p != '\0') {
		/* Most text is printable ASCII: write it a run at a time. */
		for (q = p; *q >= 0x20 && *q < 0x7f && *q != '&' &&
		    *q != '<' && *q != '>' && *q != '"' && *q != '\''; q++)
			;
		if (q > p) {
			fwrite(p, 1, q - p, fp);
			p = q;
			continue;
		}
		if (*p < 0x80) {
			switch (*p) {
			case '&':
				fputs("&amp;", fp);
				break;
			case '<':
				fputs("&lt;", fp);
				break;
			case '>':
				fputs("&gt;", fp);
				break;
			case '"':
				fputs("&quot;", fp);
				break;
			case '\'':
				fputs("&#39;", fp);
				break;
			case '\t':
			case '\n':
				putc(*p, fp);
				break;
			default:
				if (*p < 0x20 || *p == 0x7f)
					fprintf(fp, "\\%03o", *p);
				else
					putc(*p, fp);
			}
			p++;
			continue;
		}
		q = p;
		c = text_decode((const char **)&q);
		if (c == 0xfffd || (c >= 0xfdd0 && c <= 0xfdef) ||
		    (c & 0xfffe) == 0xfffe)
			fputs("\xef\xbf\xbd", fp);
		else if ((c >= 0x80 && c <= 0x9f) || c == 0x61c ||
		    (c >= 0x200e && c <= 0x200f) ||
		    (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069))
			fprintf(fp, "\\u%04lX", (unsigned long)c);
		else
			fwrite(p, 1, q - p, fp);
		p = q;
	}
}

/* The value of column name of r, or NULL. */
static const char *
col(const struct row *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (r->name[i] != NULL && strcmp(r->name[i], name) == 0)
			return r->val[i];
	return NULL;
}

/* The words for a mark of complaint-compare. */
static int
mark_label(int m)
{
	switch (m) {
	case '=':
		return L_SAME;
	case '~':
		return L_DIFFERENT;
	case '<':
		return L_ONLY_FIRST;
	case '>':
		return L_ONLY_SECOND;
	default:
		return L_MOVED;
	}
}

/* A mark by its symbol, its words in the title. */
static void
mark(struct html *h, int m)
{
	fprintf(h->fp, "<span title=\"%s\">%s</span>", L(h, mark_label(m)),
	    m == '<' ? "&lt;" : m == '>' ? "&gt;" : m == '~' ? "~" :
	    m == '=' ? "=" : "^");
}

/* met, breached or pending, with a symbol for paper in black and white. */
static void
due_state(struct html *h, const char *s)
{
	if (s == NULL)
		return;
	if (strcmp(s, "met") == 0)
		fprintf(h->fp, "\xe2\x9c\x93 %s", L(h, L_MET));
	else if (strcmp(s, "breached") == 0)
		fprintf(h->fp, "<span class=\"bad\">\xe2\x9c\x97 %s</span>",
		    L(h, L_BREACHED));
	else if (strcmp(s, "pending") == 0)
		fprintf(h->fp, "\xe2\x80\xa6 %s", L(h, L_PENDING));
	else
		esc(h->fp, s);
}

/*
 * A time as "2026-11-20 09:12", seconds only when there are some (the
 * header says the times are UTC); anything else as it is.
 */
static void
when(FILE *fp, const char *s)
{
	if (strlen(s) != TIMEFMT_LEN - 1 || s[10] != 'T' || s[19] != 'Z') {
		esc(fp, s);
		return;
	}
	fprintf(fp, "%.10s %.5s", s, s + 11);
	if (strncmp(s + 17, "00", 2) != 0)
		fprintf(fp, ":%.2s", s + 17);
}

static void
cell(struct html *h, const struct col *c, const char *v)
{
	FILE	*fp = h->fp;

	switch (c->how) {
	case H_HASH:
		fputs("<td class=\"hash\">", fp);
		break;
	case H_NUM:
		fputs("<td class=\"num\">", fp);
		break;
	case H_MARK:
		fputs("<td class=\"mark\">", fp);
		break;
	case H_TIME:
		fputs("<td class=\"time\">", fp);
		break;
	case H_TEXT:
		fputs("<td class=\"text\">", fp);
		break;
	case H_WORD:
		fputs("<td class=\"w\">", fp);
		break;
	default:
		fputs("<td>", fp);
	}
	if (v == NULL)
		;
	else if (c->how == H_STATE)
		due_state(h, v);
	else if (c->how == H_MARK)
		mark(h, *v);
	else if (c->how == H_TIME)
		when(fp, v);
	else if (c->how == H_VERSION && strcmp(v, "1") != 0)
		fprintf(fp, "%s (%s)", v, L(h, L_RETELLING));
	else if (c->how == H_CITE && strchr("SDC", *v) != NULL &&
	    v[1] != '\0' && strspn(v + 1, "0123456789") == strlen(v + 1))
		/* statements, discrepancies and communications are anchored */
		fprintf(fp, "<a href=\"#%c%s\">%s</a>", *v - 'A' + 'a', v + 1,
		    v);
	else
		esc(fp, v);
	fputs("</td>", fp);
}

/* A row of a table section; the head of the section before the first. */
static int
trow(void *arg, const struct row *r)
{
	struct html		*h = arg;
	const struct tsection	*t = h->t;
	const struct col	*c;

	if (h->n++ == 0) {
		fprintf(h->fp, "<section%s>\n<h2>%s</h2>\n<table><thead><tr>",
		    t->small ? " class=\"small\"" : "", L(h, t->title));
		for (c = t->cols; c->name != NULL; c++)
			fprintf(h->fp, "<th>%s</th>", L(h, c->label));
		fputs("</tr></thead>\n<tbody>\n", h->fp);
	}
	/* a discrepancy explained twice is one anchor, on its first row */
	if (t->anchor != NULL && r->n > 0 && r->val[0] != NULL &&
	    (h->n == 1 || strcmp(h->anchor, r->val[0]) != 0)) {
		strlcpy(h->anchor, r->val[0], sizeof(h->anchor));
		fprintf(h->fp, "<tr id=\"%s", t->anchor);
		esc(h->fp, r->val[0]);
		fputs("\">", h->fp);
	} else
		fputs("<tr>", h->fp);
	for (c = t->cols; c->name != NULL; c++)
		cell(h, c, col(r, c->name));
	fputs("</tr>\n", h->fp);
	return ferror(h->fp) ? EX_IOERR : 0;
}

/* A table section, left out when its query has no rows. */
static int
table(struct html *h, const struct tsection *t, struct cerror *e)
{
	int	 rc;

	h->t = t;
	h->n = 0;
	if ((rc = t->fn(h->cf, h->id, trow, h, e)) != 0)
		return rc;
	if (h->n > 0)
		fputs("</tbody></table>\n</section>\n", h->fp);
	return 0;
}

/*
 * The table sections.  A new kind of record (communications, cited
 * evidence) is one more entry here and a call in html_dossier.
 */
static const struct tsection s_dues = { L_DUES, query_dues, NULL, 1, {
	{ "kind", L_KIND, H_PLAIN },
	{ "due", L_DUE, H_TIME },
	{ "met", L_MET_AT, H_TIME },
	{ "state", L_STATE, H_STATE },
	{ "hours_late", L_LATE, H_NUM },
	{ "stopped_by", L_STOPPED, H_PLAIN },
	{ NULL, 0, 0 },
} };

static const struct tsection s_triage = { L_TRIAGE, query_flags, NULL, 1, {
	{ "flag", L_FLAG, H_PLAIN },
	{ "value", L_VALUE, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_timeline = { L_TIMELINE, query_timeline,
    NULL, 0, {
	{ "at", L_AT, H_TIME },
	{ "actor", L_ACTOR, H_WORD },
	{ "action", L_STEP, H_PLAIN },
	{ "from", L_FROM, H_PLAIN },
	{ "to", L_TO, H_PLAIN },
	{ "note", L_NOTE, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_accounts = { L_ACCOUNTS, query_accounts,
    NULL, 0, {
	{ "account", L_ACCOUNT, H_NUM },
	{ "role", L_ROLE, H_PLAIN },
	{ "party", L_PARTY, H_WORD },
	{ "version", L_VERSION, H_VERSION },
	{ "interviewer", L_INTERVIEWER, H_WORD },
	{ "taken", L_TAKEN, H_TIME },
	{ "medium", L_MEDIUM, H_WORD },
	{ "statements", L_STATEMENTS, H_NUM },
	{ "recording", L_RECORDING, H_TEXT },
	{ "size", L_SIZE, H_NUM },
	{ "sha256", L_SHA256, H_HASH },
	{ NULL, 0, 0 },
} };

static const struct tsection s_attachments = { L_ATTACHMENTS,
    query_attachments, NULL, 0, {
	{ "name", L_NAME, H_TEXT },
	{ "type", L_TYPE, H_WORD },
	{ "size", L_SIZE, H_NUM },
	{ "sha256", L_SHA256, H_HASH },
	{ NULL, 0, 0 },
} };

static const struct tsection s_discrepancies = { L_DISCREPANCIES,
    query_discrepancies, "d", 0, {
	{ "discrepancy", L_NO, H_NUM },
	{ "between", L_BETWEEN, H_PLAIN },
	{ "mark", L_MARK, H_MARK },
	{ "facets", L_FACETS, H_TEXT },
	{ "first", L_FIRST, H_TEXT },
	{ "second", L_SECOND, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_explained = { L_EXPLAINED,
    query_explained, "d", 0, {
	{ "discrepancy", L_NO, H_NUM },
	{ "between", L_BETWEEN, H_PLAIN },
	{ "mark", L_MARK, H_MARK },
	{ "facets", L_FACETS, H_TEXT },
	{ "first", L_FIRST, H_TEXT },
	{ "second", L_SECOND, H_TEXT },
	{ "explanation", L_EXPLANATION, H_TEXT },
	{ "cites", L_EVIDENCE, H_TEXT },
	{ "explained", L_AT, H_TIME },
	{ "actor", L_ACTOR, H_WORD },
	{ NULL, 0, 0 },
} };

static const struct tsection s_witnesses = { L_WITNESSES,
    query_witnesses, NULL, 0, {
	{ "witness", L_WITNESS, H_WORD },
	{ "statement", L_NO, H_PLAIN },
	{ "text", L_TEXT, H_TEXT },
	{ "placement", L_PLACEMENT, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_offers = { L_OFFERS, query_proposals, "o",
    0, {
	{ "proposal", L_OFFER, H_NUM },
	{ "created", L_CREATED, H_TIME },
	{ "actor", L_ACTOR, H_WORD },
	{ "kind", L_KIND, H_WORD },
	{ "amount", L_AMOUNT, H_PLAIN },
	{ "note", L_NOTE, H_TEXT },
	{ "expires", L_EXPIRES, H_TIME },
	{ "approved_by", L_APPROVED, H_WORD },
	{ "answer", L_ANSWER, H_PLAIN },
	{ "answered", L_ANSWERED, H_TIME },
	{ "counter", L_COUNTER, H_PLAIN },
	{ NULL, 0, 0 },
} };

static const struct tsection s_comms = { L_COMMS, query_communications,
    "c", 0, {
	{ "communication", L_NO, H_NUM },
	{ "at", L_AT, H_TIME },
	{ "dir", L_DIR, H_PLAIN },
	{ "channel", L_CHANNEL, H_WORD },
	{ "party", L_PARTY, H_TEXT },
	{ "subject", L_SUBJECT, H_TEXT },
	{ "message-id", L_MSGID, H_TEXT },
	{ "actor", L_ACTOR, H_WORD },
	{ "text", L_TEXT, H_TEXT },
	{ "attachments", L_ATTACHMENTS, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_escalations = { L_ESCALATIONS,
    query_escalations, "e", 0, {
	{ "at", L_AT, H_TIME },
	{ "actor", L_ACTOR, H_WORD },
	{ "team", L_TEAM, H_WORD },
	{ "reason", L_REASON, H_TEXT },
	{ "ticket", L_TICKET, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_decisions = { L_DECISIONS, query_decisions,
    "j", 1, {
	{ "at", L_AT, H_TIME },
	{ "actor", L_ACTOR, H_WORD },
	{ "favour", L_FAVOUR, H_PLAIN },
	{ "rationale", L_RATIONALE, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_citations = { L_CITED, query_citations,
    NULL, 1, {
	{ "decision", L_DECISIONS, H_NUM },
	{ "ref", L_EVIDENCE, H_CITE },
	{ "item", L_TEXT, H_TEXT },
	{ NULL, 0, 0 },
} };

static const struct tsection s_followups = { L_FOLLOWUPS, query_followups,
    NULL, 1, {
	{ "due", L_DUE, H_TIME },
	{ "done", L_DONE, H_TIME },
	{ "satisfied", L_SATISFIED, H_PLAIN },
	{ "score", L_SCORE, H_NUM },
	{ "note", L_NOTE, H_TEXT },
	{ "actor", L_ACTOR, H_WORD },
	{ NULL, 0, 0 },
} };

static const struct tsection s_outcome = { L_OUTCOME, query_cause, NULL, 1, {
	{ "cause", L_CAUSE, H_TEXT },
	{ "lesson", L_LESSON, H_TEXT },
	{ NULL, 0, 0 },
} };

/* The case's fields, as query_case gives them, kept for the header. */
struct fields {
	char	*name[40];
	char	*val[40];
	size_t	 n;
};

static int
field_row(void *arg, const struct row *r)
{
	struct fields	*f = arg;

	if (f->n == NELEM(f->name))
		return 0;
	if ((f->name[f->n] = strdup(r->val[0])) == NULL)
		return EX_OSERR;
	f->val[f->n] = r->val[1] != NULL ? strdup(r->val[1]) : NULL;
	f->n++;
	return 0;
}

static const char *
field(const struct fields *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->name[i], name) == 0)
			return f->val[i];
	return NULL;
}

/* Who graded the severity: the actor of the intake, and its rules. */
static int
graded_row(void *arg, const struct row *r)
{
	struct html	*h = arg;
	const char	*v;

	if (h->graded[0] == '\0' && (v = col(r, "action")) != NULL &&
	    strcmp(v, "new") == 0 && (v = col(r, "actor")) != NULL)
		strlcpy(h->graded, v, sizeof(h->graded));
	return 0;
}

static int
rule_row(void *arg, const struct row *r)
{
	struct html	*h = arg;
	const char	*v;

	if ((v = col(r, "flag")) == NULL || strcmp(v, "rule") != 0 ||
	    (v = col(r, "value")) == NULL)
		return 0;
	if (h->rules.len > 0 && buf_puts(&h->rules, ", ") != 0)
		return EX_OSERR;
	return buf_puts(&h->rules, v);
}

static void
dd(struct html *h, int label, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	fprintf(h->fp, "<dt>%s</dt><dd>", L(h, label));
	esc(h->fp, v);
	fputs("</dd>\n", h->fp);
}

static int
header(struct html *h, const struct fields *f, struct cerror *e)
{
	FILE		*fp = h->fp;
	const char	*v;
	int		 rc;

	if ((rc = query_timeline(h->cf, h->id, graded_row, h, e)) != 0 ||
	    (rc = query_flags(h->cf, h->id, rule_row, h, e)) != 0)
		return rc;
	fprintf(fp, "<header>\n<p>%s \xc2\xb7 %s</p>\n<h1>%s %lld: ",
	    L(h, L_DOSSIER), L(h, L_UTC), L(h, L_CASE), (long long)h->id);
	esc(fp, field(f, "summary"));
	fputs("</h1>\n<dl class=\"head\">\n", fp);
	fprintf(fp, "<dt>%s</dt><dd>", L(h, L_CUSTOMER));
	esc(fp, field(f, "name"));
	if ((v = field(f, "email")) != NULL) {
		fputs(" &lt;", fp);
		esc(fp, v);
		fputs("&gt;", fp);
	}
	if ((v = field(f, "phone")) != NULL) {
		fputs(" \xc2\xb7 ", fp);
		esc(fp, v);
	}
	if ((v = field(f, "customer")) != NULL) {
		fputs(" <span class=\"n\">(#", fp);
		esc(fp, v);
		fputs(")</span>", fp);
	}
	fputs("</dd>\n", fp);
	dd(h, L_STATUS, field(f, "status"));
	fprintf(fp, "<dt>%s</dt><dd>", L(h, L_SEVERITY));
	esc(fp, field(f, "severity"));
	if (h->graded[0] != '\0') {
		fprintf(fp, ", %s ", L(h, L_GRADED));
		esc(fp, h->graded);
		fprintf(fp, " %s", L(h, L_INTAKE));
	}
	if (h->rules.len > 0) {
		fprintf(fp, " (%s: ", L(h, L_RULES));
		esc(fp, h->rules.s);
		fputs(")", fp);
	}
	fputs("</dd>\n", fp);
	if ((v = field(f, "received")) != NULL) {
		fprintf(fp, "<dt>%s</dt><dd>", L(h, L_RECEIVED));
		when(fp, v);
		fputs("</dd>\n", fp);
	}
	dd(h, L_CHANNEL, field(f, "channel"));
	dd(h, L_PRODUCT, field(f, "product"));
	dd(h, L_ORDER, field(f, "order"));
	dd(h, L_AMOUNT, field(f, "amount"));
	dd(h, L_EMPLOYEE, field(f, "employee"));
	dd(h, L_ASSIGNEE, field(f, "assignee"));
	dd(h, L_TAGS, field(f, "tags"));
	dd(h, L_REF, field(f, "ref"));
	fputs("</dl>\n", fp);
	if ((v = field(f, "description")) != NULL) {
		fprintf(fp, "<h3>%s</h3>\n<p class=\"text\">",
		    L(h, L_DESCRIPTION));
		esc(fp, v);
		fputs("</p>\n", fp);
	}
	fputs("</header>\n", fp);
	return 0;
}

/* One side of a pair: number, time and text, anchored by statement id. */
static void
side(struct html *h, const struct told *t, long i, const char *cls)
{
	if (i < 0) {
		fprintf(h->fp, "<td class=\"%s\"></td>", cls);
		return;
	}
	fprintf(h->fp, "<td class=\"%s text\" id=\"s%lld\"><span class=\"n\">"
	    "%ld", cls, (long long)t->ids[i], i + 1);
	if (t->st[i].at != NULL) {
		fputs(" \xc2\xb7 ", h->fp);
		esc(h->fp, t->st[i].at);
	}
	fputs("</span> ", h->fp);
	esc(h->fp, t->st[i].text);
	fputs("</td>", h->fp);
}

static void
side_head(struct html *h, const struct told *t)
{
	fputs("<th>", h->fp);
	esc(h->fp, t->role);
	fputs(": ", h->fp);
	esc(h->fp, t->party);
	fprintf(h->fp, " <span class=\"n\">(%s %lld", L(h, L_ACCOUNT),
	    (long long)t->account);
	if (t->version > 1)
		fprintf(h->fp, ", %s %d", L(h, L_RETELLING), t->version);
	fputs(")</span></th>", h->fp);
}

#define SIDE_LONG	24	/* pairs: more than half a page */

/*
 * The latest employee and complainant accounts side by side, aligned as
 * complaint-compare aligns them.  acc[] gets their ids, 0 when none.
 */
static int
sidebyside(struct html *h, int64_t acc[2], struct cerror *e)
{
	static const int marks[] = { '=', '~', '<', '>', '^' };
	struct cmp_result r = { NULL, 0, 0, 0 };
	struct told	 a, b;
	struct cerror	 none;
	FILE		*fp = h->fp;
	int		 rc;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (account_latest(h->cf, h->id, "employee", &acc[0], &none) != 0)
		acc[0] = 0;
	if (account_latest(h->cf, h->id, "complainant", &acc[1], &none) != 0)
		acc[1] = 0;
	if (acc[0] == 0 || acc[1] == 0) {
		acc[0] = acc[1] = 0;
		return 0;
	}
	if ((rc = account_load(h->cf, acc[0], &a, e)) != 0 ||
	    (rc = account_load(h->cf, acc[1], &b, e)) != 0 ||
	    (rc = compare_run(a.st, a.n, b.st, b.n, &r, e)) != 0)
		goto out;
	/* A long comparison starts on a page of its own. */
	fprintf(fp, "<section%s>\n<h3>%s</h3>\n<ul class=\"legend\">",
	    r.n > SIDE_LONG ? " class=\"page\"" : "", L(h, L_SIDE));
	for (size_t i = 0; i < NELEM(marks); i++) {
		fputs("<li>", fp);
		mark(h, marks[i]);
		fprintf(fp, " %s</li>", L(h, mark_label(marks[i])));
	}
	fprintf(fp, "</ul>\n<table class=\"side\"><thead><tr><th>%s</th>",
	    L(h, L_MARK));
	side_head(h, &a);
	side_head(h, &b);
	fprintf(fp, "<th>%s</th></tr></thead>\n<tbody>\n", L(h, L_FACETS));
	for (size_t i = 0; i < r.n; i++) {
		const struct cmp_pair *p = &r.v[i];

		fprintf(fp, "<tr id=\"p%zu\"%s><td class=\"mark\">", i + 1,
		    p->mark == '=' ? "" : " class=\"differ\"");
		mark(h, p->mark);
		fputs("</td>", fp);
		side(h, &a, p->a, "a");
		side(h, &b, p->b, "b");
		fputs("<td class=\"text\">", fp);
		esc(fp, p->facets);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table>\n</section>\n", fp);
	rc = ferror(fp) ? cerror_set(e, EX_IOERR, "cannot write the "
	    "dossier") : 0;
out:
	compare_free(&r);
	account_unload(&a);
	account_unload(&b);
	return rc;
}

/* The accounts not side by side, earlier versions and witnesses. */
struct others {
	struct html	*h;
	int64_t		 acc[2];
	int64_t		*ids;
	size_t		 n, cap;
};

static int
other_row(void *arg, const struct row *r)
{
	struct others	*o = arg;
	const char	*v;
	int64_t		 id, *p;

	if ((v = col(r, "account")) == NULL)
		return 0;
	id = strtoll(v, NULL, 10);
	if (id == o->acc[0] || id == o->acc[1])
		return 0;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		if ((p = reallocarray(o->ids, o->cap, sizeof(*p))) == NULL)
			return EX_OSERR;
		o->ids = p;
	}
	o->ids[o->n++] = id;
	return 0;
}

static int
statement_row(void *arg, const struct row *r)
{
	struct html	*h = arg;

	fputs("<tr><td class=\"num\">", h->fp);
	esc(h->fp, col(r, "statement"));
	fputs("</td><td>", h->fp);
	esc(h->fp, col(r, "at"));
	fputs("</td><td class=\"text\">", h->fp);
	esc(h->fp, col(r, "text"));
	fputs("</td></tr>\n", h->fp);
	return ferror(h->fp) ? EX_IOERR : 0;
}

static int
others(struct html *h, const int64_t acc[2], struct cerror *e)
{
	struct others	 o = { h, { acc[0], acc[1] }, NULL, 0, 0 };
	struct told	 t;
	int		 rc;

	memset(&t, 0, sizeof(t));
	if ((rc = account_list(h->cf, h->id, other_row, &o, e)) != 0)
		goto out;
	for (size_t i = 0; i < o.n && rc == 0; i++) {
		if ((rc = account_load(h->cf, o.ids[i], &t, e)) != 0)
			break;
		fprintf(h->fp, "<section>\n<h3>%s %lld: ", L(h, L_ACCOUNT),
		    (long long)o.ids[i]);
		esc(h->fp, t.role);
		fputs(", ", h->fp);
		esc(h->fp, t.party);
		if (t.version > 1)
			fprintf(h->fp, ", %s %d", L(h, L_RETELLING),
			    t.version);
		fprintf(h->fp, "</h3>\n<table><thead><tr><th>#</th>"
		    "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L(h, L_AT), L(h, L_STATEMENTS));
		account_unload(&t);
		if ((rc = account_show(h->cf, o.ids[i], statement_row, h,
		    e)) != 0)
			break;
		fputs("</tbody></table>\n</section>\n", h->fp);
	}
out:
	free(o.ids);
	return rc;
}

/*
 * The customer's other cases: counts by status as history-counts gives
 * them (then "all", and "more" with the command that lists them all when
 * there are more than shown), and the most recent as history gives them,
 * newest first.
 */
struct history {
	struct html	*h;
	int64_t		 n;		/* rows written so far */
	char		*all;		/* the count of every other case */
	char		*more;		/* the command that lists them all */
	struct buf	 counts;	/* "new 1, closed 3" */
};

static int
count_row(void *arg, const struct row *r)
{
	struct history	*hi = arg;
	const char	*st = col(r, "status"), *v = col(r, "cases");

	if (st == NULL || v == NULL)
		return 0;
	if (strcmp(st, "all") == 0)
		return (hi->all = strdup(v)) == NULL ? EX_OSERR : 0;
	if (strcmp(st, "more") == 0)
		return (hi->more = strdup(v)) == NULL ? EX_OSERR : 0;
	if (hi->counts.len > 0 && buf_puts(&hi->counts, ", ") != 0)
		return EX_OSERR;
	return buf_printf(&hi->counts, "%s %s", st, v) != 0 ? EX_OSERR : 0;
}

static int
history_row(void *arg, const struct row *r)
{
	static const char *const names[5] = {
		"case", "received", "status", "closed", "summary"
	};
	static const int cols[5] = {
		L_CASE, L_RECEIVED, L_STATUS, L_CLOSED, L_SUMMARY
	};
	struct history	*hi = arg;
	struct html	*h = hi->h;
	FILE		*fp = h->fp;
	const char	*v;

	if (hi->n++ == 0) {
		fprintf(fp, "<h3>%s</h3>\n<table><thead><tr>",
		    L(h, L_RECENT));
		for (size_t i = 0; i < 5; i++)
			fprintf(fp, "<th>%s</th>", L(h, cols[i]));
		fputs("</tr></thead>\n<tbody>\n", fp);
	}
	fputs("<tr>", fp);
	for (size_t i = 0; i < 5; i++) {
		v = col(r, names[i]);
		if (i == 1 || i == 3) {
			fputs("<td class=\"time\">", fp);
			if (v != NULL)
				when(fp, v);
		} else {
			fputs(i == 4 ? "<td class=\"text\">" : "<td>", fp);
			esc(fp, v);
		}
		fputs("</td>", fp);
	}
	fputs("</tr>\n", fp);
	return ferror(fp) ? EX_IOERR : 0;
}

static int
history(struct html *h, struct cerror *e)
{
	struct history	 hi;
	FILE		*fp = h->fp;
	int		 rc;

	memset(&hi, 0, sizeof(hi));
	hi.h = h;
	if ((rc = query_history_counts(h->cf, h->id, count_row, &hi,
	    e)) != 0 || hi.all == NULL)
		goto out;
	fprintf(fp, "<section>\n<h2>%s</h2>\n<p>%s: ", L(h, L_HISTORY),
	    L(h, L_COUNT));
	esc(fp, hi.all);
	if (hi.counts.len > 0) {
		fputs(" (", fp);
		esc(fp, hi.counts.s);
		fputs(")", fp);
	}
	fputs("</p>\n", fp);
	if ((rc = query_history(h->cf, h->id, history_row, &hi, e)) != 0)
		goto out;
	if (hi.n > 0)
		fputs("</tbody></table>\n", fp);
	if (hi.more != NULL) {
		fprintf(fp, "<p>%s: <code>", L(h, L_REST));
		esc(fp, hi.more);
		fputs("</code></p>\n", fp);
	}
	fputs("</section>\n", fp);
out:
	free(hi.all);
	free(hi.more);
	buf_free(&hi.counts);
	return rc;
}

/* The log's chain head as verified now, and how to check it again. */
static int
footer(struct html *h, struct cerror *e)
{
	struct audit_bad v;
	struct buf	 q = { NULL, 0, 0 };
	FILE		*fp = h->fp;
	const char	*p;
	char		 now[TIMEFMT_LEN];
	int		 rc;

	if ((rc = audit_verify(h->cf, &v, e)) != 0)
		return rc;
	/* The path in single quotes for sh, each ' as '\''. */
	rc = buf_puts(&q, "'");
	for (p = casefile_name(h->cf); *p != '\0'; p++)
		rc |= *p == '\'' ? buf_puts(&q, "'\\''") : buf_add(&q, p, 1);
	if ((rc |= buf_puts(&q, "'")) != 0) {
		buf_free(&q);
		return cerror_set(e, EX_OSERR, "out of memory");
	}
	fprintf(fp, "<footer>\n<h2>%s</h2>\n<p>%s: <code id=\"head\">%s</code>"
	    "<br>\n%lld %s, ", L(h, L_VERIFY), L(h, L_HEAD), v.head,
	    (long long)v.entries, L(h, L_ENTRIES));
	if (v.entry == 0)
		fprintf(fp, "\xe2\x9c\x93 %s", L(h, L_INTACT));
	else
		fprintf(fp, "<span class=\"bad\">\xe2\x9c\x97 %s %lld</span>",
		    L(h, L_BROKEN), (long long)v.entry);
	fprintf(fp, " (%s ", L(h, L_PRINTED));
	when(fp, timefmt_iso(casefile_now(h->cf), now));
	fprintf(fp, ")</p>\n<p>%s: <code>complaint-report -f ",
	    L(h, L_RECHECK));
	esc(fp, q.s);
	fputs(" verify</code></p>\n</footer>\n", fp);
	buf_free(&q);
	return 0;
}

int
html_lang(const char *lang)
{
	if (lang == NULL || strcmp(lang, "customer") == 0)
		return 0;
	for (size_t i = 0; i < NELEM(langs); i++)
		if (strcmp(lang, langs[i]) == 0)
			return 0;
	return EX_USAGE;
}

static int
lang_row(void *arg, const struct row *r)
{
	struct html	*h = arg;
	const char	*v;

	if ((v = col(r, "lang")) == NULL)
		return 0;
	for (size_t i = 0; i < NELEM(langs); i++)
		if (strcmp(v, langs[i]) == 0)
			h->lang = (int)i;
	return 0;
}

int
html_dossier(struct casefile *cf, int64_t id, const char *lang, FILE *fp,
    struct cerror *e)
{
	static const struct tsection *const middle[] = {
		&s_comms, &s_witnesses, &s_discrepancies, &s_explained,
		&s_offers, &s_escalations,
		&s_decisions, &s_citations,
		&s_followups, &s_outcome,
	};
	struct html	 h;
	struct fields	 f;
	int64_t		 acc[2] = { 0, 0 };
	int		 rc;

	memset(&h, 0, sizeof(h));
	memset(&f, 0, sizeof(f));
	h.fp = fp;
	h.cf = cf;
	h.id = id;
	if (html_lang(lang) != 0)
		return cerror_set(e, EX_USAGE, "no labels in language %s; "
		    "use en, id, sv or customer", lang);
	if ((rc = query_case(cf, id, field_row, &f, e)) != 0)
		goto out;
	if (lang != NULL && strcmp(lang, "customer") == 0)
		rc = query_customer(cf, id, lang_row, &h, e);
	else
		for (size_t i = 0; lang != NULL && i < NELEM(langs); i++)
			if (strcmp(lang, langs[i]) == 0)
				h.lang = (int)i;
	if (rc != 0)
		goto out;
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width\">\n<title>%s %lld: ",
	    langs[h.lang], L(&h, L_CASE), (long long)id);
	esc(fp, field(&f, "summary"));
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	if ((rc = header(&h, &f, e)) != 0 ||
	    (rc = table(&h, &s_dues, e)) != 0 ||
	    (rc = table(&h, &s_triage, e)) != 0 ||
	    (rc = table(&h, &s_timeline, e)) != 0 ||
	    (rc = table(&h, &s_accounts, e)) != 0)
		goto out;
	if (h.n > 0 && ((rc = sidebyside(&h, acc, e)) != 0 ||
	    (rc = others(&h, acc, e)) != 0))
		goto out;
	if ((rc = table(&h, &s_attachments, e)) != 0)
		goto out;
	for (size_t i = 0; i < NELEM(middle); i++)
		if ((rc = table(&h, middle[i], e)) != 0)
			goto out;
	if ((rc = history(&h, e)) != 0 || (rc = footer(&h, e)) != 0)
		goto out;
	fputs("</body>\n</html>\n", fp);
	if (ferror(fp))
		rc = cerror_set(e, EX_IOERR, "cannot write the dossier of "
		    "case %lld", (long long)id);
out:
	for (size_t i = 0; i < f.n; i++) {
		free(f.name[i]);
		free(f.val[i]);
	}
	buf_free(&h.rules);
	return rc;
}
