#!/bin/sh
# tests/complaint-compare.sh: two accounts side by side in English,
# Indonesian and Swedish; each planted difference named.
. "$(dirname "$0")/lib.sh"

complaint-new -n 'Ann Berg' -E Per Kettle refund </dev/null >/dev/null
complaint-new -n 'Budi Santoso' -E Sari Paket terlambat </dev/null >/dev/null
complaint-new -n 'Åsa Lind' -E Olle Trasig lampa </dev/null >/dev/null

check 'a case with no accounts is 65' 65 'complaint-compare 1' </dev/null
check_err 'complaint-compare: case 1 has no employee account; take it with complaint-interview -r employee 1'

cat >"$T/emp.txt" <<'EOF'
14:05 The customer came to the counter with the kettle.
14:10 I offered a refund of 49.90 EUR.
14:15 She did accept the refund.
14:20 I gave her a receipt.
14:25 She left the shop.
EOF
cat >"$T/com.txt" <<'EOF'
14:05 I came to the counter with the kettle.
14:10 The assistant offered a refund of 39.90 EUR.
14:25 I left the shop.
14:15 I did not accept the refund.
14:30 Per shouted at me.
EOF
complaint-interview -r employee 1 <"$T/emp.txt" >/dev/null
complaint-interview -r complainant 1 <"$T/com.txt" >/dev/null
check 'English: amount, a denial, an omission, a move, an addition' 1 \
    'complaint-compare 1 2' <<EOF
=	1:1		The customer came to the counter with the kettle.	I came to the counter with the kettle.
~	2:2	amount 49.90 eur -> 39.90 eur	I offered a refund of 49.90 EUR.	The assistant offered a refund of 39.90 EUR.
~	3:4	negation: affirmed -> denied	She did accept the refund.	I did not accept the refund.
<	4:		I gave her a receipt.	
^	5:3		She left the shop.	I left the shop.
>	:5			Per shouted at me.
EOF
printf '14:05 I came to the counter with the kettle.\n14:40 The assistant offered a refund of 49.90 EUR.\n' |
    complaint-interview -r complainant 1 >/dev/null
check 'a retelling: two versions of one party, a time moved' 1 \
    'complaint-compare 2 3' <<EOF
=	1:1		I came to the counter with the kettle.	I came to the counter with the kettle.
~	2:2	time 14:10 -> 14:40 (+30m); amount 39.90 eur -> 49.90 eur	The assistant offered a refund of 39.90 EUR.	The assistant offered a refund of 49.90 EUR.
<	3:		I left the shop.	
<	4:		I did not accept the refund.	
<	5:		Per shouted at me.	
EOF
check 'identical accounts agree, exit 0' 0 'complaint-compare 1 1' <<EOF
=	1:1		The customer came to the counter with the kettle.	The customer came to the counter with the kettle.
=	2:2		I offered a refund of 49.90 EUR.	I offered a refund of 49.90 EUR.
=	3:3		She did accept the refund.	She did accept the refund.
=	4:4		I gave her a receipt.	I gave her a receipt.
=	5:5		She left the shop.	She left the shop.
EOF
check 'CSV with a header' 0 'complaint-compare --csv 1 2 | head -3' <<EOF
mark,statements,facets,first,second
=,1:1,,The customer came to the counter with the kettle.,I came to the counter with the kettle.
~,2:2,amount 49.90 eur -> 39.90 eur,I offered a refund of 49.90 EUR.,The assistant offered a refund of 39.90 EUR.
EOF

cat >"$T/sari.txt" <<'EOF'
09:00 Paket dikirim dari gudang.
2026-11-18 10:00 Kurir datang ke rumah pelanggan.
Kurir menunggu lima menit.
Pelanggan tidak ada di rumah.
EOF
cat >"$T/budi.txt" <<'EOF'
09:00 Paket dikirim dari gudang.
2026-11-19 10:00 Kurir datang ke rumah saya.
Kurir menunggu dua menit.
Saya ada di rumah.
EOF
complaint-interview -r employee 2 <"$T/sari.txt" >/dev/null
complaint-interview -r complainant 2 <"$T/budi.txt" >/dev/null
check 'Indonesian: a date, a number in words, a negation' 0 'complaint-compare 2 | cut -f1-3' <<EOF
=	1:1	
~	2:2	date 2026-11-18T10:00 -> 2026-11-19T10:00
~	3:3	number lima -> dua
~	4:4	negation: denied -> affirmed
EOF

cat >"$T/olle.txt" <<'EOF'
10:15 Kunden köpte 2 lampor.
10:20 Jag testade lampan i butiken.
Den fungerade.
EOF
cat >"$T/asa.txt" <<'EOF'
10:15 Jag köpte 3 lampor.
Den fungerade inte.
10:20 Ingen testade lampan i butiken.
EOF
complaint-interview -r employee 3 <"$T/olle.txt" >/dev/null
complaint-interview -r complainant 3 <"$T/asa.txt" >/dev/null
check 'Swedish: a number, a negation, a move' 0 'complaint-compare 3 | cut -f1-3' <<EOF
~	1:1	number 2 -> 3
^	2:3	negation: affirmed -> denied
~	3:2	negation: affirmed -> denied
EOF

check 'an unknown account is 66' 66 'complaint-compare 1 99' </dev/null
check_err 'complaint-compare: no account 99'
check 'accounts of two cases are 65' 65 'complaint-compare 1 6' </dev/null
check '-r records the discrepancies' 1 'complaint-compare -r 1 2 >/dev/null' </dev/null
check_sql 'with both statements, and a compare entry' "
    SELECT d.mark, sa.seq, sb.seq, d.facets FROM discrepancies d
    LEFT JOIN statements sa ON sa.id = d.stmt_a
    LEFT JOIN statements sb ON sb.id = d.stmt_b ORDER BY d.id;
    SELECT action, content FROM audit WHERE action = 'compare'" <<EOF
~|2|2|amount 49.90 eur -> 39.90 eur
~|3|4|negation: affirmed -> denied
<|4||
^|5|3|
>||5|
compare|{"case":1,"account_a":1,"account_b":2,"discrepancies":5}
EOF
check '-r again finds them again' 1 'complaint-compare -r 1 2 >/dev/null' </dev/null
check_sql 'still five' 'SELECT count(*) FROM discrepancies' <<EOF
5
EOF
check 'the dossier cites them, naming their two accounts' 0 \
    'complaint-report show 1 | sed -n "/^discrepancies/,/^$/p" | cut -f2-6' <<EOF
discrepancies
employee v1 against complainant v1	~	amount 49.90 eur -> 39.90 eur	I offered a refund of 49.90 EUR.	The assistant offered a refund of 39.90 EUR.
employee v1 against complainant v1	~	negation: affirmed -> denied	She did accept the refund.	I did not accept the refund.
employee v1 against complainant v1	<		I gave her a receipt.	
employee v1 against complainant v1	^		She left the shop.	I left the shop.
employee v1 against complainant v1	>			Per shouted at me.
EOF
check 'the case compares its latest versions' 0 'complaint-compare 1 | cut -f1,2' <<EOF
=	1:1
~	2:2
<	3:
<	4:
<	5:
EOF

complaint-new -n 'Ola Nowak' -E Jan Zwrot </dev/null >/dev/null
printf 'I paid in Łódź.\nThe ŻÓŁW shop was shut.\n' |
    complaint-interview -r employee 4 >/dev/null
printf 'I paid in łódź.\nThe żółw shop was SHUT.\n' |
    complaint-interview -r complainant 4 >/dev/null
check 'Polish capitals fold to their own small letters' 0 \
    'complaint-compare 4 | cut -f1-3' <<EOF
=	1:1	
=	2:2	
EOF

# The disputes of issue 21: the same moment told as a claim and a denial,
# numbers in words, the employee's name for his own "I", inflection.
complaint-new -n 'Dewi Lestari' -E Agus 'Paket hilang' </dev/null >/dev/null
cat >"$T/agus.txt" <<'EOF'
09:30 Saya mengambil paket di gudang.
10:05 Saya menyerahkan paket kepada pelanggan.
10:10 Pelanggan menandatangani tanda terima.
Saya membawa dua kotak.
EOF
cat >"$T/dewi.txt" <<'EOF'
09:00 Saya menunggu di rumah.
10:05 Tidak ada kurir yang datang.
Saya tidak menandatangani apa pun.
Agus membawa tiga kotak.
EOF
complaint-interview -r employee 5 <"$T/agus.txt" >/dev/null
complaint-interview -r complainant 5 <"$T/dewi.txt" >/dev/null
check 'Indonesian: the same moment denied, a number in words, Agus by name' 0 \
    'complaint-compare 5 | cut -f1-3' <<EOF
<	1:	
>	:1	
~	2:2	negation: affirmed -> denied; words -menyerahkan -paket +ada +datang
~	3:3	time 10:10 -> (none); negation: affirmed -> denied; words -tanda -terima +apa
~	4:4	number dua -> tiga
EOF

complaint-new -n 'Karin Ek' -E Erik 'Fel pris' </dev/null >/dev/null
cat >"$T/erik.txt" <<'EOF'
14:00 Kunden köpte tre tröjor.
14:05 Kunden fick kvittot.
14:10 Jag har aldrig höjt rösten.
Kunden betalade tjugofem kronor för påsen.
Kunden köpte en tröja till.
EOF
cat >"$T/karin.txt" <<'EOF'
14:00 Jag köpte två tröjor.
14:05 Jag fick inget kvitto.
14:10 Erik höjde rösten.
Jag betalade tjugo fem kronor för påsen.
Jag köpte tröjan till.
Eva på lagret skrattade.
EOF
complaint-interview -r employee 6 <"$T/erik.txt" >/dev/null
complaint-interview -r complainant 6 <"$T/karin.txt" >/dev/null
check 'Swedish: numbers in words, inflection, Erik is the "jag" of his account' 0 \
    'complaint-compare 6 | cut -f1-3' <<EOF
~	1:1	number tre -> två
~	2:2	negation: affirmed -> denied
~	3:3	negation: denied -> affirmed
=	4:4	
=	5:5	
>	:6	
EOF

complaint-new -n 'Ann Berg' -E Per 'Rude staff' </dev/null >/dev/null
printf 'I sold her a dozen eggs.\nEva helped me at the till.\nThe customer shouted at me.\n' |
    complaint-interview -r employee 7 >/dev/null
printf 'Per sold me twelve eggs.\nPer helped me at the till.\nI never shouted at Per.\n' |
    complaint-interview -r complainant 7 >/dev/null
check 'English: a dozen is twelve, Per is "I", Eva is another person' 0 \
    'complaint-compare 7 | cut -f1-3' <<EOF
=	1:1	
~	2:2	people -eva
~	3:3	negation: affirmed -> denied
EOF

complaint-new -n 'Lena Holm' -E Olle 'Fel pris' </dev/null >/dev/null
printf 'Kunden betalade 1 299 kr.\nKunden betalade 599 kr för tröjan.\nKunden fick 50,00 kr tillbaka.\n' |
    complaint-interview -r employee 8 >/dev/null
printf 'Jag betalade 1299,00 kr.\nJag betalade kr 699 för tröjan.\nJag fick SEK 50 tillbaka.\n' |
    complaint-interview -r complainant 8 >/dev/null
check 'amounts as people write them compare by value' 0 \
    'complaint-compare 8 | cut -f1-3' <<EOF
=	1:1	
~	2:2	amount 599 kr -> kr 699
=	3:3	
EOF

# A witness: each statement against both sides, after the comparison.
printf '14:00 Kunden hade tre tröjor på bandet.\n14:10 Ingen höjde rösten.\nJag stod vid kassan.\n' |
    complaint-interview -r witness -p Eva 6 >/dev/null
check 'a witness corroborates one side and contradicts the other' 1 \
    'complaint-compare 6' <<EOF
~	1:1	number tre -> två	Kunden köpte tre tröjor.	Jag köpte två tröjor.
~	2:2	negation: affirmed -> denied	Kunden fick kvittot.	Jag fick inget kvitto.
~	3:3	negation: denied -> affirmed	Jag har aldrig höjt rösten.	Erik höjde rösten.
=	4:4		Kunden betalade tjugofem kronor för påsen.	Jag betalade tjugo fem kronor för påsen.
=	5:5		Kunden köpte en tröja till.	Jag köpte tröjan till.
>	:6			Eva på lagret skrattade.
w	w1:1	corroborates the employee's 1; contradicts the complainant's 1 (number tre -> två; words -bandet +köpte)	Kunden hade tre tröjor på bandet.	Eva
w	w1:2	corroborates the employee's 3; contradicts the complainant's 3 (negation: denied -> affirmed)	Ingen höjde rösten.	Eva
w	w1:3	told by neither	Jag stod vid kassan.	Eva
EOF
check 'two accounts of that case compare no witness' 0 \
    'complaint-compare 12 13 | cut -f1,2' <<EOF
~	1:1
~	2:2
~	3:3
=	4:4
=	5:5
>	:6
EOF
