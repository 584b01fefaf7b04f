#!/bin/sh
# tests/money.sh: amounts as people write them, at intake and in offers
# and counter-offers; an amount ambiguous for its currency is refused.
. "$(dirname "$0")/lib.sh"

check 'intake: 1 299 kr' 0 \
    "complaint-new -n 'Karin Ek' -a '1 299 kr' Fel pris 2>/dev/null" <<EOF
1
EOF
check 'intake: Rp 350.000' 0 \
    "complaint-new -n 'Dewi Lestari' -a 'Rp 350.000' Paket hilang 2>/dev/null" <<EOF
2
EOF
check 'intake: €49,90' 0 \
    "complaint-new -n 'Ann Berg' -a '€49,90' Kettle 2>/dev/null" <<EOF
3
EOF
check_sql 'amounts in minor units with their currency' \
    'SELECT id, amount, currency FROM cases' <<EOF
1|129900|SEK
2|35000000|IDR
3|4990|EUR
EOF
check 'intake: 1.234 with the default EUR is ambiguous' 65 \
    "complaint-new -n X -a 1.234 Broken" </dev/null
check_err 'complaint-new: amount: 1.234 is ambiguous in EUR: 1234.00 EUR (the point groups thousands) or 1.234 EUR (the point marks decimals); write 1234.00 for the first'
check_sql 'nothing half-written' 'SELECT count(*) FROM cases' <<EOF
3
EOF
check 'propose 599,00 kr' 0 \
    "complaint-resolve propose 1 refund '599,00 kr' --approved-by Eva" <<EOF
1	proposal 1	refund	599,00 kr
EOF
check 'propose Rp350.000,00' 0 \
    "complaint-resolve propose 2 refund 'Rp350.000,00' --approved-by Eva" <<EOF
2	proposal 2	refund	Rp350.000,00
EOF
check 'counter 400.000 IDR' 0 "complaint-resolve counter 2 2 '400.000 IDR'" <<EOF
2	proposal 2	countered
EOF
check 'propose 1,234 is ambiguous' 65 \
    "complaint-resolve propose 3 refund '1,234' --approved-by Eva" </dev/null
check_err 'complaint-resolve: amount: 1,234 is ambiguous in EUR: 1234.00 EUR (the comma groups thousands) or 1,234 EUR (the comma marks decimals); write 1234.00 for the first'
check_sql 'the offers' 'SELECT id, case_id, amount, currency, counter FROM proposals' <<EOF
1|1|59900|SEK|
2|2|35000000|IDR|40000000
EOF
