#!/bin/sh
# tests/comms.sh: the conversation with the customer.  Replies by mail
# join their case, every contact is logged, the acknowledgement is kept.
. "$(dirname "$0")/lib.sh"

# The opening message, in Swedish.
cat >open.eml <<'EOF'
From: Anna Berg <anna@example.se>
Subject: =?UTF-8?Q?Vattenkokaren_l=C3=A4cker?=
Message-ID: <m1@example.se>
Date: Mon, 16 Nov 2026 08:00:00 +0000
Content-Language: sv

Vattenkokaren läcker vid handtaget.
EOF
check 'the opening message opens case 1' 0 'complaint-new --mail <open.eml' <<EOF
1
EOF

# A reply with a photo, by In-Reply-To; it names a lawyer.
cat >reply1.eml <<'EOF'
From: Anna Berg <anna@example.se>
Subject: =?UTF-8?Q?Re:_Vattenkokaren_l=C3=A4cker?=
Message-ID: <m2@example.se>
In-Reply-To: <m1@example.se>
Date: Tue, 17 Nov 2026 09:30:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Här är ett foto. Jag har pratat med en advokat.
--b1
Content-Type: image/jpeg
Content-Disposition: attachment; filename="foto.jpg"
Content-Transfer-Encoding: base64

aGVsbG8=
--b1--
EOF
check 'a reply joins its case: the id printed, exit 0' 0 \
    'complaint-new --mail <reply1.eml' <<EOF
1
EOF
check_err 'complaint-new: a reply to case 1 (by thread), recorded as C1; severity medium to high: legal advokat, legal advokat*'
check_sql 'one case; the reply is an inbound communication' \
    "SELECT count(*) FROM cases; SELECT id, case_id, dir, channel, at,
    party, subject, msgid, text FROM communications" <<EOF
1
1|1|in|email|2026-11-17T09:30:00Z|Anna Berg <anna@example.se>|Re: Vattenkokaren läcker|m2@example.se|Här är ett foto. Jag har pratat med en advokat.
EOF
check_sql 'its attachment is evidence by SHA-256, tied to the message' \
    "SELECT case_id, comm, name, type, size, sha256 FROM attachments" <<EOF
1|1|foto.jpg|image/jpeg|5|2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
EOF
check_sql 'the severity rose, with the rule on the timeline' \
    "SELECT severity FROM cases WHERE id = 1; SELECT action, note FROM
    events WHERE case_id = 1 ORDER BY id" <<EOF
3
new|
reply|
severity|legal advokat, legal advokat*
EOF
check_sql 'the due times follow the policy of high (4h, 3d from arrival)' \
    "SELECT ack_due, resolve_due FROM cases WHERE id = 1;
    SELECT json_extract(content, '$.ack_due'),
    json_extract(content, '$.resolve_due') FROM audit
    WHERE action = 'severity'" <<EOF
2026-11-16T12:00:00Z|2026-11-19T08:00:00Z
2026-11-16T12:00:00Z|2026-11-19T08:00:00Z
EOF

check 'a redelivery changes nothing' 0 'complaint-new --mail <reply1.eml' <<EOF
1
EOF
check_err 'complaint-new: message m2@example.se is already on case 1; nothing recorded'
check 'nor does a redelivery of the opening message' 0 \
    'complaint-new --mail <open.eml' <<EOF
1
EOF
check_err 'complaint-new: message m1@example.se is already on case 1; nothing recorded'
check_sql 'still one case, one communication' \
    "SELECT count(*) FROM cases; SELECT count(*) FROM communications" <<EOF
1
1
EOF

# Another text under a Message-ID already held: kept, never dropped.
cat >forged.eml <<'EOF'
From: Eve <eve@example.com>
Subject: Something else
Message-ID: <m2@example.se>

A different complaint under a reused id.
EOF
check 'another message under a held Message-ID is a new case' 0 \
    'complaint-new --mail <forged.eml 2>err' <<EOF
2
EOF
check 'with a warning naming the ref it is kept under' 0 'head -1 err' <<EOF
complaint-new: message m2@example.se is already on case 1 with another text; kept as m2@example.se#2
EOF
check_sql 'under the derived ref' "SELECT id, ref FROM cases ORDER BY id" <<EOF
1|m1@example.se
2|m2@example.se#2
EOF

# A second reply, by References only, in Indonesian, while the case waits.
complaint-resolve wait 1 -m 'waiting for the receipt' >/dev/null
cat >reply2.eml <<'EOF'
From: Anna Berg <anna@example.se>
Subject: Re: Re: kwitansi
Message-ID: <m3@example.se>
References: <m1@example.se> <m2@example.se>
Date: Wed, 18 Nov 2026 10:00:00 +0000

Ini kwitansinya. Saya terluka karena air panas.
EOF
check 'a reply by References ends the wait on the customer' 0 \
    'complaint-new --mail <reply2.eml' <<EOF
1
EOF
check_err 'complaint-new: a reply to case 1 (by thread), recorded as C2; severity high to critical: safety terluka; the wait on the customer is over'
check_sql 'the case is back where it was, the pause ended' \
    "SELECT status, paused IS NULL FROM cases WHERE id = 1;
    SELECT action, status_from, status_to, note FROM events
    WHERE case_id = 1 AND action = 'resume'" <<EOF
new|1
resume|waiting|new|the customer replied
EOF

# [case N] in the subject: only from that case's customer.
cat >tag.eml <<'EOF'
From: anna@example.se
Subject: Re: [case 1] Vattenkokaren
Message-ID: <m4@example.se>

Ett kvitto till.
EOF
check '[case N] from the customer joins the case' 0 \
    'complaint-new --mail <tag.eml' <<EOF
1
EOF
check_err 'complaint-new: a reply to case 1 (by [case 1]), recorded as C3'
sed 's/^From: .*/From: someone@example.org/; s/m4@/m5@/' tag.eml >other.eml
check '[case N] from another sender opens a new case' 0 \
    'complaint-new --mail <other.eml 2>err' <<EOF
3
EOF
check 'saying why' 0 'head -1 err' <<EOF
complaint-new: the subject names case 1 but someone@example.org is not its customer; a new case
EOF
complaint config mail.tag-any 1 >/dev/null
sed 's/m5@/m6@/' other.eml >other2.eml
check 'with mail.tag-any any sender may reply' 0 \
    'complaint-new --mail <other2.eml' <<EOF
1
EOF
check_err 'complaint-new: a reply to case 1 (by [case 1]), recorded as C4'

# Merged and dismissed cases.
complaint-resolve merge 1 3 >/dev/null
cat >tomerged.eml <<'EOF'
From: someone@example.org
Subject: Re: hello
Message-ID: <m7@example.se>
In-Reply-To: <m5@example.se>

Still there?
EOF
check 'a reply to a merged case goes to the surviving case' 0 \
    'complaint-new --mail <tomerged.eml 2>err' <<EOF
1
EOF
check 'saying so' 0 'cat err' <<EOF
complaint-new: case 3 was merged into case 1; the reply goes there
complaint-new: a reply to case 1 (by thread), recorded as C5
EOF
complaint-resolve dismiss 2 -m 'not a complaint' >/dev/null
cat >todismissed.eml <<'EOF'
From: Eve <eve@example.com>
Subject: Re: Something else
Message-ID: <m8@example.com>
In-Reply-To: <m2@example.se#2>

Why was it dismissed?
EOF
check 'a reply to a dismissed case opens a new, flagged case' 0 \
    'complaint-new --mail <todismissed.eml 2>err' <<EOF
4
EOF
check 'said on standard error' 0 'head -1 err' <<EOF
complaint-new: the reply is to case 2, which was dismissed; a new case, flagged reply-to:2
EOF
check_sql 'the flag' "SELECT flags FROM cases WHERE id = 4" <<EOF
reply-to:2
EOF

check 'a malformed reply is 65, with nothing written' 65 \
    'printf "Subject: x\nIn-Reply-To: <m1@example.se>\n\nno sender\n" | complaint-new --mail' </dev/null
check_sql 'nothing written' "SELECT count(*) FROM communications" <<EOF
5
EOF

# Every contact logged.
check 'note records a phone call from the customer' 0 \
    "complaint-resolve note 1 -m 'Anna ringde: hon skickar kvittot' --in --channel phone --at 2026-11-19T14:00:00Z" <<EOF
1	C6	in	phone
EOF
check 'by default a note is a call we made' 0 \
    "complaint-resolve note 1 -m 'Called back, left a message'" <<EOF
1	C7	out	phone
EOF
check_sql 'both are on the case, logged' \
    "SELECT id, dir, channel, at, text FROM communications WHERE id > 5;
    SELECT json_extract(content, '$.text') FROM audit
    WHERE action = 'note' ORDER BY id" <<EOF
6|in|phone|2026-11-19T14:00:00Z|Anna ringde: hon skickar kvittot
7|out|phone|2026-11-22T10:00:00Z|Called back, left a message
Anna ringde: hon skickar kvittot
Called back, left a message
EOF
check 'note without text is 64' 64 'complaint-resolve note 1 --out' </dev/null
check 'note on an unknown channel is 64' 64 \
    'complaint-resolve note 1 -m x --channel fax' </dev/null
check 'a note on a merged case is 65' 65 'complaint-resolve note 3 -m x' </dev/null
check_err 'complaint-resolve: case 3 was merged; note the contact on the case it was merged into'
check 'follow-up --in still takes a time' 0 \
    'complaint-resolve follow-up 1 --in 3d' <<EOF
1	new
EOF

# The acknowledgement: [case N] in its subject, recorded in full.
check 'ack --message: a subject with [case N], in Swedish' 0 \
    'complaint-resolve ack 1 --message' <<EOF
Subject: [case 1] Vattenkokaren läcker

Hej Anna Berg,

Tack för att du hörde av dig. Vi har registrerat ditt klagomål som ärende 1 och kommer att utreda det noggrant. Du hör av oss senast 2026-11-17. Vi kan ännu inte säga vad utfallet blir, men vi kommer att förklara det för dig.
EOF
check_sql 'and kept as an outbound e-mail' \
    "SELECT dir, channel, subject, substr(text, 1, 14) FROM communications
    WHERE id = 8" <<EOF
out|email|[case 1] Vattenkokaren läcker|Hej Anna Berg,
EOF
complaint-new -n 'Budi' -e budi@example.id -l id 'Paket hilang' </dev/null \
    >/dev/null 2>&1
check 'and in Indonesian' 0 'complaint-resolve ack 5 --message | sed -n "1p;3p"' <<EOF
Subject: [case 5] Paket hilang
Yth. Budi,
EOF
complaint-new -n 'Ann' -e ann@example.com 'Parcel late' </dev/null \
    >/dev/null 2>&1
check 'and in English' 0 'complaint-resolve ack 6 --message | sed -n "1p;3p"' <<EOF
Subject: [case 6] Parcel late
Dear Ann,
EOF
printf 'From: Ann <ann@example.com>\nSubject: Re: [case 6] Parcel late\nMessage-ID: <r6@example.com>\n\nStill not here.\n' >r6.eml
check 'a reply to the acknowledgement threads by its subject' 0 \
    'complaint-new --mail <r6.eml' <<EOF
6
EOF

# The dossier.
check 'show has the conversation, in order' 0 \
    "complaint-report show 1 | sed -n '/^communications/,/^\$/p' | cut -f 1-6" <<EOF
communications
1	2026-11-17T09:30:00Z	in	email	Anna Berg <anna@example.se>	Re: Vattenkokaren läcker
2	2026-11-18T10:00:00Z	in	email	Anna Berg <anna@example.se>	Re: Re: kwitansi
6	2026-11-19T14:00:00Z	in	phone		
3	2026-11-22T10:00:00Z	in	email	anna@example.se	Re: [case 1] Vattenkokaren
4	2026-11-22T10:00:00Z	in	email	someone@example.org	Re: [case 1] Vattenkokaren
5	2026-11-22T10:00:00Z	in	email	someone@example.org	Re: hello
7	2026-11-22T10:00:00Z	out	phone		
8	2026-11-22T10:00:00Z	out	email		[case 1] Vattenkokaren läcker

EOF
check 'the JSON dossier has them too' 0 \
    "complaint-report show --json 1 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d[\"communications\"]), d[\"communications\"][0][\"attachments\"])'" <<EOF
8 A1 foto.jpg 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
EOF
check 'the HTML dossier has a section, each row anchored' 0 \
    "complaint-report show --html --lang sv 1 | grep -o -e '<h2>Kommunikation</h2>' -e '<tr id=\"c[0-9]*\"' | head -3" <<EOF
<h2>Kommunikation</h2>
<tr id="c1"
<tr id="c2"
EOF
check 'in Indonesian' 0 \
    "complaint-report show --html --lang id 1 | grep -o '<h2>Komunikasi</h2>'" <<EOF
<h2>Komunikasi</h2>
EOF

# Evidence on the case.
printf 'hello' >receipt.jpg
check 'attach keeps a file by SHA-256, size and absolute path' 0 \
    "complaint-resolve attach 1 receipt.jpg -m 'kvittot / kwitansi'" <<EOF
1	A2	5	2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
EOF
check_sql 'the attachment row and its event' \
    "SELECT id, case_id, name, type, size, path = '$(pwd -P)/receipt.jpg',
    note, comm IS NULL FROM attachments WHERE id = 2;
    SELECT action, note FROM events WHERE action = 'attach'" <<EOF
2|1|receipt.jpg|file|5|1|kvittot / kwitansi|1
attach|kvittot / kwitansi
EOF
mkfifo fifo
check 'a FIFO is refused with 66, without blocking' 66 \
    'complaint-resolve attach 1 fifo' </dev/null
check_err 'complaint-resolve: fifo is not a regular file; attach a copy of it'
check 'so is a directory' 66 'complaint-resolve attach 1 .' </dev/null
check_err 'complaint-resolve: . is not a regular file; attach a copy of it'
check 'and a device' 66 'complaint-resolve attach 1 /dev/null' </dev/null
check_err 'complaint-resolve: /dev/null is not a regular file; attach a copy of it'
check 'a missing file is 66' 66 'complaint-resolve attach 1 nosuch.pdf' </dev/null
check_err 'complaint-resolve: nosuch.pdf: No such file or directory'
check 'attach without a file is 64' 64 'complaint-resolve attach 1' </dev/null
check_sql 'nothing was recorded for them' \
    "SELECT count(*) FROM attachments WHERE path IS NOT NULL" <<EOF
1
EOF
check 'verify re-hashes the attachments' 0 \
    'complaint-report verify | grep attachments' <<EOF
ok	1 attachments	0 missing
EOF
printf 'hellO' >receipt.jpg
check 'a changed attachment fails verify' 1 'complaint-report verify 2>err' </dev/null
check 'naming it' 0 'cat err' <<EOF
complaint-report: attachment A2 $(pwd -P)/receipt.jpg of case 1 has changed: it no longer matches its hash
complaint-report: 1 of 1 attachments do not verify
EOF
rm receipt.jpg
check 'a missing one is reported' 0 'complaint-report verify | grep attachments' <<EOF
ok	1 attachments	1 missing
EOF
check_err "complaint-report: attachment A2 $(pwd -P)/receipt.jpg of case 1 is missing; not checked"

# Decisions cite the evidence.
printf '09:05 I unpacked the kettle.\n09:10 The handle was cracked.\n' |
    complaint-interview -r employee -p Per -i Eva 1 >/dev/null
printf '09:05 The assistant unpacked the kettle.\n09:10 Handtaget var helt.\n' |
    complaint-interview -r complainant -p Anna -i Eva 1 >/dev/null
complaint-compare -r 1 >/dev/null
complaint-new -n 'Other' -e other@example.com 'Lamp broken' </dev/null \
    >/dev/null 2>&1
printf '10:00 The lamp was fine.\n' |
    complaint-interview -r employee -p Olle -i Eva 7 >/dev/null
check_sql 'the evidence at hand' "SELECT s.id, a.case_id FROM statements s
    JOIN accounts a ON a.id = s.account ORDER BY s.id;
    SELECT id, case_id FROM discrepancies ORDER BY id" <<EOF
1|1
2|1
3|1
4|1
5|7
1|1
2|1
EOF
check 'decide without citing or --no-evidence is 64' 64 \
    "complaint-resolve decide 1 --favour customer -m 'the seal was faulty'" </dev/null
check 'a statement of another case is refused' 65 \
    "complaint-resolve decide 1 --favour customer -m 'x' --cite S5" </dev/null
check_err 'complaint-resolve: --cite S5: case 1 has no statement 5'
check 'an unknown kind of ref is refused' 65 \
    "complaint-resolve decide 1 --favour customer -m 'x' --cite X1" </dev/null
check_err 'complaint-resolve: --cite X1: give S12 (a statement), D3 (a discrepancy), R1 (a recording), A2 (an attachment) or C4 (a communication)'
complaint-resolve wait 1 -m 'the receipt' >/dev/null
check 'decide is refused while the case waits on the customer' 65 \
    "complaint-resolve decide 1 --favour customer -m 'x' --cite S2" </dev/null
check_err 'complaint-resolve: case 1 waits on the customer; decide when they answer, or give --despite-wait and say why in -m'
check_sql 'nothing decided' "SELECT count(*) FROM decisions;
    SELECT count(*) FROM citations" <<EOF
0
0
EOF
check 'decide prints the evidence it cites' 0 \
    "complaint-resolve decide 1 --favour split --despite-wait \
    -m 'handtaget sprack; the photo shows it' --cite S2,D2,A1,C1" <<EOF
1	decided
S2	Per: The handle was cracked.
D2	>: - / Handtaget var helt.
A1	foto.jpg 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
C1	2026-11-17T09:30:00Z in email: Här är ett foto. Jag har pratat med en advokat.
EOF
check_sql 'the citations are kept with the decision' \
    "SELECT decision, ref FROM citations ORDER BY ref;
    SELECT favour FROM decisions" <<EOF
1|A1
1|C1
1|D2
1|S2
both
EOF
check 'the dossier prints each cited item beside the decision' 0 \
    "complaint-report show 1 | sed -n '/^citations/,/^\$/p'" <<EOF
citations
1	S2	Per: The handle was cracked.
1	D2	>: - / Handtaget var helt.
1	A1	foto.jpg 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
1	C1	2026-11-17T09:30:00Z in email: Här är ett foto. Jag har pratat med en advokat.

EOF
check 'a decision without evidence says why' 0 \
    "complaint-resolve decide 7 --favour business --no-evidence \
    -m 'the customer withdrew the complaint by phone'" <<EOF
7	decided
EOF
check_sql 'stored as company, citing nothing' \
    "SELECT case_id, favour FROM decisions WHERE case_id = 7;
    SELECT count(*) FROM citations WHERE decision = 2" <<EOF
7|company
0
EOF
check 'the HTML dossier links each cited item to its anchor' 0 \
    "complaint-report show --html --lang sv 1 | grep -o -e '<h2>Åberopad bevisning</h2>' -e '<a href=\"#[sdc][0-9]*\">[SDC][0-9]*</a>' -e 'id=\"s2\"'" <<EOF
id="s2"
<h2>Åberopad bevisning</h2>
<a href="#s2">S2</a>
<a href="#d2">D2</a>
<a href="#c1">C1</a>
EOF
