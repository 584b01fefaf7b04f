#!/bin/sh
# tests/mail.sh: complaint-new --mail on handwritten messages in English,
# Indonesian and Swedish (quoted-printable, base64, ISO-8859-1, HTML only,
# an attachment), redelivery, bad messages, and what a mail delivery agent
# sees: 0 delivered, 65 refused (bounce), 75 busy (deliver again later).
. "$(dirname "$0")/lib.sh"

M=$TOP/tests/mail
check 'a plain message: sender, subject, date, Message-ID, text' 0 \
    "complaint-new --mail <$M/en-plain.eml" <<EOF
1
EOF
check_err 'complaint-new: case 1: critical; flags safety; rules safety burn*; acknowledge by 2026-11-16T09:15:00Z, resolve by 2026-11-17T08:15:00Z'
check_sql 'the case holds what the message said' "
    SELECT c.ref, c.received, c.channel, c.summary, u.name, u.email
    FROM cases c JOIN customers u ON u.id = c.customer WHERE c.id = 1;
    SELECT description FROM cases WHERE id = 1" <<EOF
20261116091500.4711@example.com|2026-11-16T08:15:00Z|email|Kettle leaks after two days|Ann Berg|ann@example.com
Hello,

the kettle I bought (order A-1001) leaks from the bottom. I burned my
hand on the hot water. I want a refund.

Ann
EOF
check 'redelivery of the same message records nothing new' 0 \
    "complaint-new --mail <$M/en-plain.eml" <<EOF
1
EOF
check_err 'complaint-new: message 20261116091500.4711@example.com is already on case 1; nothing recorded'
check 'Swedish, quoted-printable UTF-8, encoded words in From and Subject' 0 \
    "complaint-new --mail <$M/sv-qp.eml && complaint-report show 2 | sed -n '/^name/p;/^summary/p;/^description/p'" <<EOF
2
name         Åsa Öberg
summary      Beställning försenad
description  Hej!\\n\\nMin beställning är försenad och lådan var trasig. Jag vill ha pengarna tillbaka – nu!\\n\\nÅsa Öberg
EOF
check 'Swedish in ISO-8859-1 with CRLF ends and a quoted name' 0 \
    "complaint-new --mail <$M/sv-latin1.eml && sqlite3 $COMPLAINT_FILE \"SELECT u.name, c.summary, c.description, c.received, c.flags FROM cases c JOIN customers u ON u.id = c.customer WHERE c.id = 3\"" <<EOF
3
Lind, Per|Beställning saknas|Paketet kom aldrig fram. Jag stämmer er om ni inte svarar.|2026-11-18T08:00:00Z|legal
EOF
check 'Indonesian, base64 in multipart/alternative: the plain part' 0 \
    "complaint-new --mail <$M/id-base64.eml && sqlite3 $COMPLAINT_FILE \"SELECT c.received, c.summary, c.flags, replace(c.description, char(10), '|') FROM cases c WHERE c.id = 4\"" <<EOF
4
2026-11-18T03:30:00Z|Pesanan belum sampai|legal|Selamat siang,||Pesanan saya belum sampai. Saya minta uang saya dikembalikan.|Kalau tidak, saya akan lapor polisi.||Budi Santoso
EOF
check 'HTML only: tags, styles and scripts stripped, entities decoded' 0 \
    "complaint-new --mail <$M/en-html.eml && sqlite3 $COMPLAINT_FILE 'SELECT description FROM cases WHERE id = 5'" <<EOF
5
Name: Carl Diaz

Order: B-77

The courier left the parcel in the rain & it was ruined.
Please call me <asap>.
EOF
check 'an attachment is listed as evidence: name, type, size, SHA-256' 0 \
    "complaint-new --mail <$M/en-attachment.eml && complaint-report show 6 | sed -n '/^attachments/,/^\$/p'" <<EOF
6
attachments
kvittoå.pdf	application/pdf	75	$(sha256sum <"$M/receipt.pdf" | cut -d' ' -f1)

EOF
check 'the dry run of a message prints the verdict and records nothing' 0 \
    "sed 's/att-1@/att-2@/' $M/en-attachment.eml | complaint-new --mail -N | sed -n '1,3p'" <<EOF
case	7
severity	medium
flags	duplicate:6
EOF

python3 -c '
body = "Hej " * 400000
print("From: =?utf-8?q?" + "=C3=85" * 200 + "?= <long@example.se>")
print("Subject: " + "Ä" * 700)
print("Message-ID: <long-1@example.se>")
print("Content-Type: text/plain; charset=utf-8")
print()
print(body)' >"$T/long.eml"
sum=$(python3 -c 'import hashlib; print(hashlib.sha256(("Hej " * 400000).rstrip().encode()).hexdigest())')
check 'a long message is kept, not bounced: cut to the limits, the whole hashed' 0 \
    "complaint-new --mail <long.eml 2>/dev/null && sqlite3 $COMPLAINT_FILE \"SELECT length(c.summary), length(CAST(c.summary AS BLOB)), length(CAST(c.description AS BLOB)), substr(c.description, -120), length(u.name) FROM cases c JOIN customers u ON u.id = c.customer WHERE c.ref = 'long-1@example.se'\"" <<EOF
7
512|1024|1048576|went on for 1599999 bytes; the SHA-256 of the whole is $sum]|128
EOF

sqlite3 "$COMPLAINT_FILE" .dump >"$T/before"
for m in nofrom date boundary charset header base64; do
	check "bad-$m.eml is refused with 65" 65 "complaint-new --mail <$M/bad-$m.eml" </dev/null
	case $m in
	nofrom)	check_err 'complaint-new: the message has no From address; nothing recorded' ;;
	date)	check_err 'complaint-new: the Date header sometime last week is not an RFC 5322 date; nothing recorded' ;;
	boundary) check_err 'complaint-new: a multipart part of the message has no boundary; nothing recorded' ;;
	charset) check_err 'complaint-new: charset x-klingon is unknown; nothing recorded' ;;
	header)	check_err 'complaint-new: line 1 of the message is not a header (NAME: value); nothing recorded' ;;
	base64)	check_err 'complaint-new: a base64 part of the message holds a character that is not base64; nothing recorded' ;;
	esac
done
check 'an empty message is refused' 65 'complaint-new --mail </dev/null' </dev/null
check '--mail takes no summary' 64 "complaint-new --mail Hello <$M/en-plain.eml" </dev/null
sqlite3 "$COMPLAINT_FILE" .dump >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	echo "ok - the refused messages left the case file as it was"
else
	echo "not ok - the refused messages left the case file as it was"
fi

# The delivery agent's view: the recipe in scripts/mail-intake.sh runs
# complaint-new --mail and passes its exit status on.  While another
# command holds the case file, delivery is 75 (EX_TEMPFAIL): the agent
# keeps the message and tries again; the retry records it once.
export TAMPERED=cases.db
sqlite3 "$COMPLAINT_FILE" "UPDATE settings SET value = '200'
    WHERE key = 'busy.timeout'"
(printf 'BEGIN IMMEDIATE;\n'; sleep 1.5; printf 'COMMIT;\n') |
    sqlite3 "$COMPLAINT_FILE" &
sleep 0.3
sed 's/att-1@/late-1@/' "$M/en-attachment.eml" >"$T/late.eml"
check 'a busy case file is 75: the agent delivers again later' 75 \
    "sh $TOP/scripts/mail-intake.sh <$T/late.eml" </dev/null
wait
check 'the retry delivers it' 0 "sh $TOP/scripts/mail-intake.sh <$T/late.eml" <<EOF
EOF
check 'and a second retry records nothing new' 0 \
    "sh $TOP/scripts/mail-intake.sh <$T/late.eml; sqlite3 $COMPLAINT_FILE \"SELECT count(*) FROM cases WHERE ref = 'late-1@example.com'\"" <<EOF
1
EOF

# The customer's language: Content-Language when the message has one (its
# first language), else the small words of the text; -l wins over both.
check_sql 'the Swedish text made a Swedish customer, the English an English one' \
    "SELECT email, lang FROM customers WHERE email IN ('asa@example.se', 'ann@example.com') ORDER BY email" <<EOF
ann@example.com|en
asa@example.se|sv
EOF
awk '{ sub(/ann@example.com/, "lang@example.com"); sub(/^Message-ID: </, "Message-ID: <lang-") }
    /^Subject:/ { print; print "Content-Language: id-ID, en"; next } { print }' \
    "$M/en-plain.eml" >"$T/lang.eml"
check 'Content-Language wins over the words' 0 \
    "complaint-new --mail <$T/lang.eml 2>/dev/null >/dev/null; sqlite3 $COMPLAINT_FILE \"SELECT lang FROM customers WHERE email = 'lang@example.com'\"" <<EOF
id
EOF
sed 's/^Message-ID: <lang-/Message-ID: <lang2-/; s/lang@example.com/lang2@example.com/' \
    "$T/lang.eml" >"$T/lang2.eml"
check 'and -l wins over Content-Language' 0 \
    "complaint-new --mail -l sv <$T/lang2.eml 2>/dev/null >/dev/null; sqlite3 $COMPLAINT_FILE \"SELECT lang FROM customers WHERE email = 'lang2@example.com'\"" <<EOF
sv
EOF
