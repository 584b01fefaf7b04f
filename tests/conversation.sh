#!/bin/sh
# tests/conversation.sh: a week of mail on one complaint, in English,
# Indonesian and Swedish.  The opening message, two replies with
# attachments, a redelivery and a forged reuse of a Message-ID end as one
# case with its whole conversation in the dossier; the acknowledgement,
# the offer, the decision and the satisfaction check are written for the
# customer in their language and kept on the case in full.
. "$(dirname "$0")/lib.sh"

# week L RULE: run the week of language L from the files L-*.eml, L-*.txt
# and the expected outputs L-*.out, in a case file of its own.  RULE is
# the triage rule the second reply fires.
week() {
	L=$1
	COMPLAINT_FILE=$T/$L.db
	export COMPLAINT_FILE
	check "$L: the opening message opens case 1" 0 \
	    "COMPLAINT_NOW=2026-11-16T09:00:00Z complaint-new --mail <$L-open.eml" <<EOF
1
EOF
	check "$L: ack --message, in the customer's language" 0 \
	    "COMPLAINT_NOW=2026-11-16T09:30:00Z complaint-resolve ack 1 --message" \
	    <"$L-ack.out"
	check "$L: the first reply, with a photo, joins by its thread" 0 \
	    "COMPLAINT_NOW=2026-11-17T17:13:00Z complaint-new --mail <$L-reply1.eml" <<EOF
1
EOF
	check_err 'complaint-new: a reply to case 1 (by thread), recorded as C2'
	check "$L: the second reply, with the receipt, joins by References" 0 \
	    "COMPLAINT_NOW=2026-11-19T06:46:00Z complaint-new --mail <$L-reply2.eml" <<EOF
1
EOF
	check_err "complaint-new: a reply to case 1 (by thread), recorded as C3; severity medium to high: $2"
	check_sql "$L: high: the resolve clock runs 3d from arrival, the met ack keeps its due" \
	    "SELECT severity, ack_due, resolve_due FROM cases WHERE id = 1" <<EOF
3|2026-11-17T07:00:00Z|2026-11-19T07:00:00Z
EOF
	check "$L: the redelivered first reply changes nothing" 0 \
	    "COMPLAINT_NOW=2026-11-19T09:00:00Z complaint-new --mail <$L-reply1.eml" <<EOF
1
EOF
	check_err 'complaint-new: message a2@mail.test is already on case 1; nothing recorded'
	check "$L: another text under that Message-ID is kept apart" 0 \
	    "COMPLAINT_NOW=2026-11-20T10:01:00Z complaint-new --mail <$L-forged.eml 2>err" <<EOF
2
EOF
	check "$L: with a warning naming the ref it is kept under" 0 \
	    'head -1 err' <<EOF
complaint-new: message a2@mail.test is already on case 1 with another text; kept as a2@mail.test#2
EOF
	COMPLAINT_NOW=2026-11-20T13:00:00Z complaint-interview -r employee \
	    -p Per -i Eva 1 <"$L-account.txt" >/dev/null
	check "$L: propose --message offers the remedy and asks" 0 \
	    "COMPLAINT_NOW=2026-11-20T14:00:00Z complaint-resolve propose 1 replacement -m \"\$(cat $L-note.txt)\" --message" \
	    <"$L-propose.out"
	check "$L: decide --cite ... --message writes the outcome and the reason" 0 \
	    "COMPLAINT_NOW=2026-11-20T15:00:00Z complaint-resolve decide 1 --favour customer --cite S2,A1,C2 -m \"\$(cat $L-rationale.txt)\" --message" \
	    <"$L-decide.out"
	check "$L: follow-up --message schedules it and asks if all is well" 0 \
	    "COMPLAINT_NOW=2026-11-20T15:05:00Z complaint-resolve follow-up 1 --in 7d --message" \
	    <"$L-followup.out"
	check_sql "$L: one case for the customer, one for the forger" \
	    "SELECT id, ref, customer FROM cases ORDER BY id" <<EOF
1|a1@mail.test|1
2|a2@mail.test#2|2
EOF
	check_sql "$L: the decision, its citations and the follow-up" \
	    "SELECT favour FROM decisions; SELECT ref FROM citations
	    ORDER BY ref; SELECT case_id, due, done FROM followups" <<EOF
customer
A1
C2
S2
1|2026-11-27T15:05:00Z|
EOF
	# The whole conversation, in order: the texts sent are the ones
	# printed, after their Subject line and the blank line.
	for f in ack propose decide followup; do
		sed 1,2d "$L-$f.out"
	done >"$L-sent.txt"
	check "$L: each text printed is kept in full as an e-mail sent" 0 \
	    "sqlite3 '$COMPLAINT_FILE' \"SELECT rtrim(text, char(10))
	    FROM communications WHERE dir = 'out' ORDER BY id\" |
	    diff - $L-sent.txt" </dev/null
	check "$L: the dossier holds the whole conversation, in order" 0 \
	    "complaint-report show 1 | sed -n '/^communications/,/^\$/p' |
	    cut -f 1-7,10" <"$L-dossier.out"
}

# --- Swedish -------------------------------------------------------------
cat >sv-open.eml <<'EOF'
From: Anna Berg <anna@example.se>
To: kundtjanst@example.com
Subject: =?UTF-8?Q?Vattenkokaren_l=C3=A4cker?=
Message-ID: <a1@mail.test>
Date: Mon, 16 Nov 2026 08:00:00 +0100
Content-Language: sv

Hej! Vattenkokaren jag köpte förra veckan läcker vid handtaget.
EOF
cat >sv-reply1.eml <<'EOF'
From: Anna Berg <anna@example.se>
Subject: =?UTF-8?Q?Re:_[case_1]_Vattenkokaren_l=C3=A4cker?=
Message-ID: <a2@mail.test>
In-Reply-To: <a1@mail.test>
Date: Tue, 17 Nov 2026 18:12:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Här är ett foto av läckan.
--b1
Content-Type: image/jpeg
Content-Disposition: attachment; filename="lacka.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRg==
--b1--
EOF
cat >sv-reply2.eml <<'EOF'
From: Anna Berg <anna@example.se>
Subject: =?UTF-8?Q?Re:_[case_1]_Vattenkokaren_l=C3=A4cker?=
Message-ID: <a3@mail.test>
References: <a1@mail.test> <a2@mail.test>
Date: Thu, 19 Nov 2026 07:45:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8

Här är kvittot. Jag har pratat med en jurist.
--b2
Content-Type: application/pdf
Content-Disposition: attachment; filename="kvitto.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b2--
EOF
cat >sv-forged.eml <<'EOF'
From: Sven Falk <sven@example.net>
Subject: Faktura 2231
Message-ID: <a2@mail.test>
Date: Fri, 20 Nov 2026 11:00:00 +0100

Betala fakturan i bifogad länk senast i dag.
EOF
printf '09:05 Kunden visade kannan, den läckte vid handtaget.\n09:10 Packningen satt snett.\n' >sv-account.txt
echo 'ny vattenkokare med bud' >sv-note.txt
echo 'Packningen satt snett från fabriken, så kannan kunde inte hålla tätt.' >sv-rationale.txt
cat >sv-ack.out <<'EOF'
Subject: [case 1] Vattenkokaren läcker

Hej Anna Berg,

Tack för att du hörde av dig. Vi har registrerat ditt klagomål som ärende 1 och kommer att utreda det noggrant. Du hör av oss senast 2026-11-23. Vi kan ännu inte säga vad utfallet blir, men vi kommer att förklara det för dig.
EOF
cat >sv-propose.out <<'EOF'
Subject: [case 1] Vattenkokaren läcker

Hej Anna Berg,

Tack för ditt tålamod med ärende 1. För att rätta till det här vill vi erbjuda dig:

- en ersättningsvara (ny vattenkokare med bud)

Skulle det fungera för dig? Svara gärna på det här meddelandet och berätta vad du tycker.
EOF
cat >sv-decide.out <<'EOF'
Subject: [case 1] Vattenkokaren läcker

Hej Anna Berg,

Vi har nu gått igenom ditt klagomål, ärende 1, och allt underlag som hör till det. Vi har kommit fram till att ge dig rätt.

Så här har vi resonerat: Packningen satt snett från fabriken, så kannan kunde inte hålla tätt.

Om du tycker att vi har missat något är du välkommen att svara på det här meddelandet, så tittar vi på det igen.
EOF
cat >sv-followup.out <<'EOF'
Subject: [case 1] Vattenkokaren läcker

Hej Anna Berg,

Vi har nyligen hanterat ditt klagomål, ärende 1, och vill gärna veta hur det blev för dig. Är du nöjd med hur vi löste det? Om du har en stund över får du gärna svara med ett betyg från 1 (inte alls) till 5 (helt och hållet) och berätta vad vi kunde ha gjort bättre.
EOF
cat >sv-dossier.out <<'EOF'
communications
1	2026-11-16T09:30:00Z	out	email		[case 1] Vattenkokaren läcker		
2	2026-11-17T17:12:00Z	in	email	Anna Berg <anna@example.se>	Re: [case 1] Vattenkokaren läcker	a2@mail.test	A1 lacka.jpg 45ae705277879f7f01d778f7c95a065bb0c06ab9936cf24307f375211fee13d1
3	2026-11-19T06:45:00Z	in	email	Anna Berg <anna@example.se>	Re: [case 1] Vattenkokaren läcker	a3@mail.test	A2 kvitto.pdf e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4
4	2026-11-20T14:00:00Z	out	email		[case 1] Vattenkokaren läcker		
5	2026-11-20T15:00:00Z	out	email		[case 1] Vattenkokaren läcker		
6	2026-11-20T15:05:00Z	out	email		[case 1] Vattenkokaren läcker		

EOF
week sv 'legal jurist*'

# --- English -------------------------------------------------------------
cat >en-open.eml <<'EOF'
From: Ann Lee <ann@example.com>
To: care@example.com
Subject: Kettle leaks
Message-ID: <a1@mail.test>
Date: Mon, 16 Nov 2026 07:00:00 +0000
Content-Language: en

Hello, the kettle I bought last week leaks at the handle.
EOF
cat >en-reply1.eml <<'EOF'
From: Ann Lee <ann@example.com>
Subject: Re: [case 1] Kettle leaks
Message-ID: <a2@mail.test>
In-Reply-To: <a1@mail.test>
Date: Tue, 17 Nov 2026 17:12:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Here is a photo of the leak.
--b1
Content-Type: image/jpeg
Content-Disposition: attachment; filename="leak.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRg==
--b1--
EOF
cat >en-reply2.eml <<'EOF'
From: Ann Lee <ann@example.com>
Subject: Re: [case 1] Kettle leaks
Message-ID: <a3@mail.test>
References: <a1@mail.test> <a2@mail.test>
Date: Thu, 19 Nov 2026 06:45:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8

Here is the receipt. I have spoken to a lawyer.
--b2
Content-Type: application/pdf
Content-Disposition: attachment; filename="receipt.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b2--
EOF
cat >en-forged.eml <<'EOF'
From: Mallory <mallory@example.net>
Subject: Invoice 2231
Message-ID: <a2@mail.test>
Date: Fri, 20 Nov 2026 10:00:00 +0000

Pay the invoice at the attached link today.
EOF
printf '09:05 The customer showed the kettle; it leaked at the handle.\n09:10 The seal sat crooked.\n' >en-account.txt
echo 'a new kettle by courier' >en-note.txt
echo 'The seal sat crooked from the factory, so the kettle could not stay watertight.' >en-rationale.txt

# --- Indonesian ----------------------------------------------------------
cat >id-open.eml <<'EOF'
From: Budi Santoso <budi@example.co.id>
To: layanan@example.com
Subject: Ketel bocor
Message-ID: <a1@mail.test>
Date: Mon, 16 Nov 2026 14:00:00 +0700
Content-Language: id

Selamat pagi. Ketel listrik yang saya beli minggu lalu bocor di bagian pegangan.
EOF
cat >id-reply1.eml <<'EOF'
From: Budi Santoso <budi@example.co.id>
Subject: Re: [case 1] Ketel bocor
Message-ID: <a2@mail.test>
In-Reply-To: <a1@mail.test>
Date: Wed, 18 Nov 2026 00:12:00 +0700
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Berikut foto kebocorannya.
--b1
Content-Type: image/jpeg
Content-Disposition: attachment; filename="bocor.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRg==
--b1--
EOF
cat >id-reply2.eml <<'EOF'
From: Budi Santoso <budi@example.co.id>
Subject: Re: [case 1] Ketel bocor
Message-ID: <a3@mail.test>
References: <a1@mail.test> <a2@mail.test>
Date: Thu, 19 Nov 2026 13:45:00 +0700
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8

Ini kuitansinya. Saya sudah berbicara dengan pengacara.
--b2
Content-Type: application/pdf
Content-Disposition: attachment; filename="kuitansi.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b2--
EOF
cat >id-forged.eml <<'EOF'
From: Joko <joko@example.net>
Subject: Tagihan 2231
Message-ID: <a2@mail.test>
Date: Fri, 20 Nov 2026 17:00:00 +0700

Segera bayar tagihan melalui tautan terlampir.
EOF
printf '09:05 Pelanggan menunjukkan ketel, bocor di pegangan.\n09:10 Segelnya terpasang miring.\n' >id-account.txt
echo 'ketel baru dikirim dengan kurir' >id-note.txt
echo 'Segel ketel terpasang miring sejak dari pabrik, sehingga air dapat merembes.' >id-rationale.txt

# What the English and Indonesian customers are sent, and their dossiers.
cat >en-ack.out <<'EOF'
Subject: [case 1] Kettle leaks

Dear Ann Lee,

Thank you for telling us about this. We have recorded your complaint as case 1 and will investigate it thoroughly. You will hear from us by 2026-11-23. We cannot say yet what the outcome will be, but we will explain it to you.
EOF
cat >en-propose.out <<'EOF'
Subject: [case 1] Kettle leaks

Dear Ann Lee,

Thank you for your patience with case 1. To put things right, we would like to offer you:

- a replacement (a new kettle by courier)

Would this work for you? Please reply to this message and let us know.
EOF
cat >en-decide.out <<'EOF'
Subject: [case 1] Kettle leaks

Dear Ann Lee,

We have now looked carefully at your complaint, case 1, and at everything on record about it. We have decided in your favour.

Our reasons: The seal sat crooked from the factory, so the kettle could not stay watertight.

If you feel we have missed something, please reply to this message and we will look at it again.
EOF
cat >en-followup.out <<'EOF'
Subject: [case 1] Kettle leaks

Dear Ann Lee,

We recently dealt with your complaint, case 1, and would like to know how it turned out for you. Are you satisfied with how we resolved it? If you have a moment, please reply with a score from 1 (not at all) to 5 (completely), and tell us anything we could have done better.
EOF
cat >en-dossier.out <<'EOF'
communications
1	2026-11-16T09:30:00Z	out	email		[case 1] Kettle leaks		
2	2026-11-17T17:12:00Z	in	email	Ann Lee <ann@example.com>	Re: [case 1] Kettle leaks	a2@mail.test	A1 leak.jpg 45ae705277879f7f01d778f7c95a065bb0c06ab9936cf24307f375211fee13d1
3	2026-11-19T06:45:00Z	in	email	Ann Lee <ann@example.com>	Re: [case 1] Kettle leaks	a3@mail.test	A2 receipt.pdf e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4
4	2026-11-20T14:00:00Z	out	email		[case 1] Kettle leaks		
5	2026-11-20T15:00:00Z	out	email		[case 1] Kettle leaks		
6	2026-11-20T15:05:00Z	out	email		[case 1] Kettle leaks		

EOF
cat >id-ack.out <<'EOF'
Subject: [case 1] Ketel bocor

Yth. Budi Santoso,

Terima kasih telah memberi tahu kami. Keluhan Anda kami catat sebagai kasus 1 dan akan kami selidiki dengan saksama. Anda akan mendapat kabar dari kami paling lambat 2026-11-23. Kami belum dapat memastikan hasilnya, tetapi kami akan menjelaskannya kepada Anda.
EOF
cat >id-propose.out <<'EOF'
Subject: [case 1] Ketel bocor

Yth. Budi Santoso,

Terima kasih atas kesabaran Anda terkait kasus 1. Sebagai penyelesaian, kami ingin menawarkan:

- penggantian barang (ketel baru dikirim dengan kurir)

Apakah tawaran ini sesuai bagi Anda? Mohon beri tahu kami dengan membalas pesan ini.
EOF
cat >id-decide.out <<'EOF'
Subject: [case 1] Ketel bocor

Yth. Budi Santoso,

Kami telah meninjau keluhan Anda (kasus 1) dengan saksama, termasuk semua catatan yang berkaitan. Kami memutuskan untuk mengabulkan keluhan Anda.

Pertimbangan kami: Segel ketel terpasang miring sejak dari pabrik, sehingga air dapat merembes.

Bila menurut Anda ada hal yang terlewat, silakan balas pesan ini dan kami akan meninjaunya kembali.
EOF
cat >id-followup.out <<'EOF'
Subject: [case 1] Ketel bocor

Yth. Budi Santoso,

Baru-baru ini kami menangani keluhan Anda, kasus 1, dan kami ingin tahu bagaimana hasilnya bagi Anda. Apakah Anda puas dengan penyelesaiannya? Bila berkenan, mohon balas dengan nilai 1 (sama sekali tidak puas) sampai 5 (sangat puas), serta masukan tentang hal yang masih dapat kami perbaiki.
EOF
cat >id-dossier.out <<'EOF'
communications
1	2026-11-16T09:30:00Z	out	email		[case 1] Ketel bocor		
2	2026-11-17T17:12:00Z	in	email	Budi Santoso <budi@example.co.id>	Re: [case 1] Ketel bocor	a2@mail.test	A1 bocor.jpg 45ae705277879f7f01d778f7c95a065bb0c06ab9936cf24307f375211fee13d1
3	2026-11-19T06:45:00Z	in	email	Budi Santoso <budi@example.co.id>	Re: [case 1] Ketel bocor	a3@mail.test	A2 kuitansi.pdf e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4
4	2026-11-20T14:00:00Z	out	email		[case 1] Ketel bocor		
5	2026-11-20T15:00:00Z	out	email		[case 1] Ketel bocor		
6	2026-11-20T15:05:00Z	out	email		[case 1] Ketel bocor		

EOF
week en 'legal lawyer*'
week id 'legal pengacara'

# --- Templates -----------------------------------------------------------
# A setting overrides a text, checked when set; a language with neither a
# setting nor a built-in text gets English; several cases' texts each
# follow a line naming the case.
COMPLAINT_FILE=$T/templates.db
export COMPLAINT_FILE
for c in 'de|Greta Holm|greta@example.de|Lampe defekt' \
    'sv|Ola Nordmann|ola@example.no|Lampan trasig'; do
	IFS='|' read -r l n m s <<EOF
$c
EOF
	complaint-new -l "$l" -n "$n" -e "$m" -r 2026-11-20 "$s" 2>/dev/null
done >/dev/null
check 'an unknown placeholder is refused, naming the known ones' 65 \
    "complaint config message.decide.sv 'Hej {name}, {foo}'" </dev/null
check_err 'complaint: message.decide.sv: no placeholder {foo}; the known ones are {name}, {case}, {outcome}, {reason}'
check 'the acknowledgement template is checked too' 65 \
    "complaint config ack.template.sv 'Hej {name}, {reason}'" </dev/null
check_err 'complaint: ack.template.sv: no placeholder {reason}; the known ones are {name}, {case}, {due}'
check 'a text that is not a message is refused' 65 \
    "complaint config message.refund.sv 'x'" </dev/null
check_err 'complaint: message.refund.sv: a message is message.decide, message.propose or message.follow-up and a language, like message.decide.sv'
check 'so is a message without a language' 65 \
    "complaint config message.propose.Svenska 'x'" </dev/null
check_err 'complaint: message.propose.Svenska: end the key with a language code like en, id or sv'
check_sql 'nothing refused was stored' \
    "SELECT count(*) FROM settings WHERE key LIKE 'message.%';
    SELECT count(*) FROM settings WHERE key = 'ack.template.sv'
    AND value LIKE '%{reason}%'" <<EOF
0
0
EOF
check 'German has no built-in text: the offer is in English' 0 \
    'complaint-resolve propose 1 partial-refund 10 --expires 2026-12-01 --message' <<EOF
Subject: [case 1] Lampe defekt

Dear Greta Holm,

Thank you for your patience with case 1. To put things right, we would like to offer you:

- a partial refund: 10.00 EUR, open until 2026-12-01

Would this work for you? Please reply to this message and let us know.
EOF
check 'a template for German is taken' 0 \
    "complaint config message.propose.de 'Hallo {name},\\n\\nwir bieten Ihnen an:\\n{options}\\n\\nPasst das für Sie?'" </dev/null
check 'and lists every offer still open' 0 \
    'complaint-resolve propose 1 apology --message' <<EOF
Subject: [case 1] Lampe defekt

Hallo Greta Holm,

wir bieten Ihnen an:
- a partial refund: 10.00 EUR, open until 2026-12-01
- our formal apology

Passt das für Sie?
EOF
check 'decide --message, split: partly in their favour, in Swedish' 0 \
    "complaint-resolve decide 2 --favour split --no-evidence -m 'Lampan gick sönder i transporten {name}; halva priset tillbaka.' --message 2>/dev/null" <<EOF
Subject: [case 2] Lampan trasig

Hej Ola Nordmann,

Vi har nu gått igenom ditt klagomål, ärende 2, och allt underlag som hör till det. Vi har kommit fram till att ge dig rätt på vissa punkter.

Så här har vi resonerat: Lampan gick sönder i transporten {name}; halva priset tillbaka.

Om du tycker att vi har missat något är du välkommen att svara på det här meddelandet, så tittar vi på det igen.
EOF
check 'decide --message, business: not upheld, without blame' 0 \
    "complaint-resolve decide 1 --favour business --no-evidence -m 'The lamp works as the manual describes.' --message 2>/dev/null" <<EOF
Subject: [case 1] Lampe defekt

Dear Greta Holm,

We have now looked carefully at your complaint, case 1, and at everything on record about it. We are sorry that we cannot uphold your complaint.

Our reasons: The lamp works as the manual describes.

If you feel we have missed something, please reply to this message and we will look at it again.
EOF
check 'follow-up --message on two cases: each text after its case' 0 \
    "complaint config message.follow-up.sv 'Hej {name}! Är du nöjd med hur ärende {case} löstes?' &&
    complaint-resolve follow-up 1 2 --at 2026-11-29T09:00:00Z --message" <<EOF
--- case 1
Subject: [case 1] Lampe defekt

Dear Greta Holm,

We recently dealt with your complaint, case 1, and would like to know how it turned out for you. Are you satisfied with how we resolved it? If you have a moment, please reply with a score from 1 (not at all) to 5 (completely), and tell us anything we could have done better.
--- case 2
Subject: [case 2] Lampan trasig

Hej Ola Nordmann! Är du nöjd med hur ärende 2 löstes?
EOF
check_sql 'each text kept on its case, the follow-ups scheduled' \
    "SELECT case_id, dir, subject, substr(text, 1, 14) FROM communications
    ORDER BY id; SELECT case_id, due FROM followups ORDER BY id" <<EOF
1|out|[case 1] Lampe defekt|Dear Greta Hol
1|out|[case 1] Lampe defekt|Hallo Greta Ho
2|out|[case 2] Lampan trasig|Hej Ola Nordma
1|out|[case 1] Lampe defekt|Dear Greta Hol
1|out|[case 1] Lampe defekt|Dear Greta Hol
2|out|[case 2] Lampan trasig|Hej Ola Nordma
1|2026-11-29T09:00:00Z
2|2026-11-29T09:00:00Z
EOF
check 'follow-up --done takes no --message' 64 \
    'complaint-resolve follow-up 2 --done --message' </dev/null
check 'a refused step prints and records no message' 65 \
    "complaint-resolve propose 2 refund --message -- -5" </dev/null
check_sql 'still six texts' 'SELECT count(*) FROM communications' <<EOF
6
EOF
complaint-new -l id -n 'Siti Rahma' -e siti@example.co.id -r 2026-11-20 \
    'Tagihan ganda' >/dev/null 2>&1
check 'an Indonesian offer with an amount and an expiry' 0 \
    'complaint-resolve propose 3 credit 15 --expires 2026-12-01 --message' <<EOF
Subject: [case 3] Tagihan ganda

Yth. Siti Rahma,

Terima kasih atas kesabaran Anda terkait kasus 3. Sebagai penyelesaian, kami ingin menawarkan:

- kredit saldo ke akun Anda: 15.00 EUR, berlaku sampai 2026-12-01

Apakah tawaran ini sesuai bagi Anda? Mohon beri tahu kami dengan membalas pesan ini.
EOF
check 'an Indonesian decision not upheld, and one partly upheld' 0 \
    "complaint-resolve decide 3 --favour business --no-evidence -m 'Tagihan kedua adalah pesanan terpisah.' --message 2>/dev/null | sed -n 5p &&
    complaint-resolve decide 3 --favour split --no-evidence -m 'Ongkos kirim tertagih dua kali.' --message 2>/dev/null | sed -n 5p" <<EOF
Kami telah meninjau keluhan Anda (kasus 3) dengan saksama, termasuk semua catatan yang berkaitan. Dengan menyesal kami sampaikan bahwa keluhan Anda tidak dapat kami kabulkan.
Kami telah meninjau keluhan Anda (kasus 3) dengan saksama, termasuk semua catatan yang berkaitan. Kami memutuskan untuk mengabulkan sebagian keluhan Anda.
EOF
