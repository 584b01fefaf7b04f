#!/bin/sh
# tests/html.sh: complaint-report show --html, the printable dossier.  The
# document is strict HTML5 with nothing fetched from outside, escapes every
# hostile text, and prints in a real browser: the first page of the PDF
# is kept as tests/out/html-page1.png for people to look at.
. "$(dirname "$0")/lib.sh"

# A dispute like the one of make demo, with a decision and a long word.
run() { sh -c "$1" >/dev/null 2>"$T/.err" </dev/null || cat "$T/.err"; }
COMPLAINT_NOW=2026-11-20T09:30:00Z run 'complaint-new -n "Ann Berg" \
    -e ann@example.se -c email -p "Kettle K2" -o A-1001 -a "49.90 EUR" \
    -E Per -r 2026-11-20T09:12:00Z \
    -m "The kettle leaked on the first use and scalded the counter." \
    Kettle leaks'
COMPLAINT_NOW=2026-11-20T10:05:00Z run 'complaint-resolve ack 1'
COMPLAINT_NOW=2026-11-20T15:00:00Z run "printf '%s\\n' \
    '09:05 I unpacked the kettle in front of the customer.' \
    '09:10 She filled it at the tap and it did not leak.' \
    '09:15 She paid 49.90 EUR and left.' |
    complaint-interview -r employee --medium in-person 1"
COMPLAINT_NOW=2026-11-20T16:30:00Z run "printf '%s\\n' \
    '09:05 The assistant unpacked the kettle.' \
    '09:15 I paid 59.90 EUR.' \
    '09:40 At home it leaked all over the counter.' \
    '09:10 I filled it at the tap and it did leak.' |
    complaint-interview -r complainant --medium phone 1"
COMPLAINT_NOW=2026-11-20T17:00:00Z run 'complaint-compare -r 1'
COMPLAINT_NOW=2026-11-21T14:00:00Z run 'complaint-resolve propose 1 refund \
    49.90 --expires 7d -m "Full refund"'
COMPLAINT_NOW=2026-11-21T15:00:00Z run 'complaint-resolve decline 1 \
    -m "wants a new kettle too"'
long=$(printf 'x%.0s' $(seq 1 300))
COMPLAINT_NOW=2026-11-22T11:00:00Z run "complaint-resolve escalate 1 \
    -t quality -m 'two accounts of the leak' --ticket $long"
COMPLAINT_NOW=2026-11-22T12:00:00Z run 'complaint-resolve decide 1 \
    --favour customer --no-evidence -m "the seal of the batch was faulty"'
COMPLAINT_NOW=2026-11-22T12:30:00Z run 'complaint-new -e ann@example.se \
    -c web -o A-1002 -a "EUR 19.00" Double charge'
COMPLAINT_NOW=2026-11-23T09:00:00Z run "complaint-new -n 'Åsa Lind' \
    -e asa@example.se -l sv -c email Fel belopp"

check 'the dossier of a case is one HTML5 document' 0 \
    'complaint-report show --html 1 >case-1.html && head -3 case-1.html' <<EOF
<!DOCTYPE html>
<html lang="en">
<head>
EOF
check 'its header: summary, customer, status, severity and who graded it' 0 \
    "sed -n '/<h1>/,/<\\/dl>/p' case-1.html" <<EOF
<h1>Case 1: Kettle leaks</h1>
<dl class="head">
<dt>Customer</dt><dd>Ann Berg &lt;ann@example.se&gt; <span class="n">(#1)</span></dd>
<dt>Status</dt><dd>decided</dd>
<dt>Severity</dt><dd>medium, graded by tester at intake</dd>
<dt>Received</dt><dd>2026-11-20 09:12</dd>
<dt>Channel</dt><dd>email</dd>
<dt>Product</dt><dd>Kettle K2</dd>
<dt>Order</dt><dd>A-1001</dd>
<dt>Amount</dt><dd>49.90 EUR</dd>
<dt>Employee</dt><dd>Per</dd>
</dl>
EOF
check 'the due clocks say met or breached, by symbol, and what stopped one' 0 \
    "grep '^<tr><td>\\(ack\\|resolve\\)</td>' case-1.html" <<EOF
<tr><td>ack</td><td class="time">2026-11-21 09:12</td><td class="time">2026-11-20 10:05</td><td>✓ met</td><td class="num"></td><td></td></tr>
<tr><td>resolve</td><td class="time">2026-11-27 09:12</td><td class="time">2026-11-22 12:00</td><td>✓ met</td><td class="num"></td><td>decided</td></tr>
EOF
check 'the accounts side by side as complaint-compare aligns them' 0 \
    "grep '^<tr id=\"p' case-1.html | sed 's/<span title=\"[^\"]*\">//g'" <<EOF
<tr id="p1" class="differ"><td class="mark">~</span></td><td class="a text" id="s1"><span class="n">1 · 09:05</span> I unpacked the kettle in front of the customer.</td><td class="b text" id="s4"><span class="n">1 · 09:05</span> The assistant unpacked the kettle.</td><td class="text">words -front</td></tr>
<tr id="p2" class="differ"><td class="mark">&gt;</span></td><td class="a"></td><td class="b text" id="s6"><span class="n">3 · 09:40</span> At home it leaked all over the counter.</td><td class="text"></td></tr>
<tr id="p3" class="differ"><td class="mark">~</span></td><td class="a text" id="s2"><span class="n">2 · 09:10</span> She filled it at the tap and it did not leak.</td><td class="b text" id="s7"><span class="n">4 · 09:10</span> I filled it at the tap and it did leak.</td><td class="text">negation: denied -&gt; affirmed</td></tr>
<tr id="p4" class="differ"><td class="mark">^</span></td><td class="a text" id="s3"><span class="n">3 · 09:15</span> She paid 49.90 EUR and left.</td><td class="b text" id="s5"><span class="n">2 · 09:15</span> I paid 59.90 EUR.</td><td class="text">amount 49.90 eur -&gt; 59.90 eur; words -left</td></tr>
EOF
check 'the offer ledger, the decision and the other cases' 0 \
    "grep -c -e '^<tr id=\"o1\">.*declined' -e '^<tr id=\"j1\">.*customer' \
    -e 'other cases</h2>' case-1.html" <<EOF
3
EOF
check 'the customer'"'"'s other cases: counts by status, the recent ones' 0 \
    "sed -n '/other cases<\\/h2>/,/<\\/section>/p' case-1.html |
    grep -e '^<p>' -e '^<tr><td>'" <<EOF
<p>Cases: 1 (new 1)</p>
<tr><td>2</td><td class="time">2026-11-22 12:30</td><td>new</td><td class="time"></td><td class="text">Double charge</td></tr>
EOF
head=$(complaint-report verify | sed -n 's/.*head //p')
check 'the footer: the chain head verified at printing, and the check' 0 \
    "sed -n '/<footer>/,/<\\/footer>/p' case-1.html" <<EOF
<footer>
<h2>Verification</h2>
<p>Log chain head: <code id="head">$head</code><br>
12 entries, ✓ intact when printed (Printed 2026-11-22 10:00)</p>
<p>Re-check with: <code>complaint-report -f &#39;$T/cases.db&#39; verify</code></p>
</footer>
EOF

# html5lib in strict mode: any parse error fails.  The walk finds what
# a browser would run or fetch: scripts, event handlers, links off the
# page, sources, and url() or http in the style sheet.
cat >"$T/html5.py" <<'EOF'
import sys
import html5lib
doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(
    open(sys.argv[1], "rb"))
bad = []
for el in doc.iter():
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("script", "img", "iframe", "object", "embed", "link",
            "base", "form", "svg", "math", "audio", "video", "source"):
        bad.append(tag)
    if tag == "style" and ("url(" in el.text or "http" in el.text or
            "@import" in el.text):
        bad.append("style fetches")
    for k, v in el.attrib.items():
        if k.lower().startswith("on") or k in ("src", "srcset", "style"):
            bad.append(k)
        if k == "href" and not v.startswith("#"):
            bad.append("href " + v)
print(" ".join(bad) if bad else "ok")
EOF
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import html5lib' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -n "$py" ]; then
	check 'the dossier is valid HTML5 and neither runs nor fetches' 0 \
	    "$py $T/html5.py case-1.html" <<EOF
ok
EOF
else
	skip 'the dossier is valid HTML5' 'no python3 html5lib'
fi
check 'no external reference at all' 1 \
    "grep -n -i -e http -e 'src=' -e 'url(' case-1.html" </dev/null

# Hostile text everywhere a customer or employee writes, the reason to
# hear the complainant first (on the timeline) included.
hostile='<script>alert(1)</script>'
img='"><img src=x onerror=alert(1)>'
js='<a href="javascript:alert(1)">click</a>'
rlo=$(printf 'invoice\342\200\256fdp.exe')
word=$(printf 'y%.0s' $(seq 1 400))
run "complaint-new -n '$hostile' -e evil@example.com -E '$img' \
    -p '$rlo' -m '$js $word' '$img'"
run "printf '%s\\n' '09:00 $hostile' '$js' '$rlo' |
    complaint-interview -r complainant -p '$img' --reason '$hostile' 4"
run "complaint-resolve decide 4 --no-evidence -m '$js'"
check 'hostile text: the dossier is written' 0 \
    'complaint-report show --html 4 >case-4.html' </dev/null
if [ -n "$py" ]; then
	check 'hostile text: still valid, still nothing runs or is fetched' 0 \
	    "$py $T/html5.py case-4.html" <<EOF
ok
EOF
else
	skip 'hostile text: still valid' 'no python3 html5lib'
fi
check 'hostile text: no tag, handler or bidi control comes through raw' 1 \
    "grep -n -e '<script' -e '<img' -e '<a href=\"javascript' \
    -e \"\$(printf '\\342\\200\\256')\" case-4.html" </dev/null
check 'hostile text: shown escaped, the bidi control made visible' 0 \
    "grep -o -e '&lt;script&gt;alert(1)&lt;/script&gt;' \
    -e 'invoice\\\\u202Efdp.exe' -e '&quot;&gt;&lt;img src=x' case-4.html |
    sort | uniq -c | sed 's/^ *//'" <<EOF
3 &lt;script&gt;alert(1)&lt;/script&gt;
5 &quot;&gt;&lt;img src=x
2 invoice\\u202Efdp.exe
EOF
run "echo 'I said it again.' |
    complaint-interview -r complainant -p '$img' --reason 'no employee' 4"
check 'a retelling is shown as such' 0 \
    "complaint-report show --html 4 |
    grep -o -e '<h3>Account [0-9]*: [^<]*</h3>' -e '<td>2 (retelling)</td>'" \
    <<EOF
<td>2 (retelling)</td>
<h3>Account 3: complainant, &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h3>
<h3>Account 4: complainant, &quot;&gt;&lt;img src=x onerror=alert(1)&gt;, retelling 2</h3>
EOF
printf 'audio' >rec.ogg
sum=$(sha256sum rec.ogg | cut -d' ' -f1)
run "echo '10:00 I saw nothing.' |
    complaint-interview -r employee -p Per --recording rec.ogg 2"
check 'a recording with its size and SHA-256' 0 \
    "complaint-report show --html 2 | grep '^<tr><td class=\"num\">5</td>' |
    sed 's|<td class=\"text\">[^<]*/rec.ogg</td>|<td class=\"text\">rec.ogg</td>|'" \
    <<EOF
<tr><td class="num">5</td><td>employee</td><td class="w">Per</td><td>1</td><td class="w">tester</td><td class="time">2026-11-22 10:00</td><td class="w"></td><td class="num">1</td><td class="text">rec.ogg</td><td class="num">5</td><td class="hash">$sum</td></tr>
EOF

check 'show --html of two cases needs --out' 64 \
    'complaint-report show --html 1 2' </dev/null
check_err 'complaint-report: show --html of several cases needs --out DIR, one document each'
check 'an unknown language is refused' 64 \
    'complaint-report show --html --lang fr 1' </dev/null
check_err 'complaint-report: --lang: fr is not en, id, sv or customer'
check '--out without --html is refused' 64 \
    'complaint-report show --out d 1' </dev/null
check_err 'complaint-report: show: --out and --lang are for --html'
check 'a missing case writes nothing' 66 \
    'complaint-report show --html --out none 1 9' </dev/null
check_err 'complaint-report: no case 9 in cases.db'
check 'not even the folder' 1 'test -e none' </dev/null
check '--out DIR: a document per case, ids from stdin' 0 \
    'printf "1\n2\n" | complaint-report show --html --out dir - &&
    ls dir && grep -c "^<!DOCTYPE html>" dir/case-2.html' <<EOF
case-1.html
case-2.html
1
EOF
check '--lang id and sv label the dossier' 0 \
    'complaint-report show --html --lang id 1 | grep -e "<html" -e "<h2>" |
    head -3; complaint-report show --html --lang sv 1 | grep "<h2>" |
    head -2' <<EOF
<html lang="id">
<h2>Tenggat waktu</h2>
<h2>Kronologi</h2>
<h2>Tidsfrister</h2>
<h2>Tidslinje</h2>
EOF
# Past the 20 most recent other cases, the command that lists them all.
# shellcheck disable=SC2016 # run's shell expands them
run 'for d in $(seq -w 1 22); do complaint-new -e asa@example.se \
    -r 2026-10-${d}T08:00:00Z "Order $d" || exit; done'
check 'more than 20 other cases: counts, the 20 newest, where the rest are' 0 \
    "complaint-report show --html 3 >case-3.html &&
    sed -n '/other cases<\\/h2>/,/<\\/section>/p' case-3.html |
    grep -e '^<p>' -e '^<tr><td>' | sed -n '1,2p;21,\$p'; grep -c \
    '^<tr><td>[0-9]*</td><td class=\"time\">2026-10-' case-3.html" <<EOF
<p>Cases: 22 (new 22)</p>
<tr><td>26</td><td class="time">2026-10-22 08:00</td><td>new</td><td class="time"></td><td class="text">Order 22</td></tr>
<tr><td>7</td><td class="time">2026-10-03 08:00</td><td>new</td><td class="time"></td><td class="text">Order 03</td></tr>
<p>All of them with: <code>complaint-report list --customer 2</code></p>
20
EOF
check '--lang customer: in the customer'"'"'s language' 0 \
    'complaint-report show --html --lang customer 3 | grep -e "<html" \
    -e "<h1>"; complaint-report show --html --lang customer 1 |
    grep "<html"' <<EOF
<html lang="sv">
<h1>Ärende 3: Fel belopp</h1>
<html lang="en">
EOF

# One run of a real browser: print the dossier, then read the PDF back.
browser=
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" >/dev/null 2>&1; then
		browser=$b
		break
	fi
done
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null 2>&1; then
	skip 'the dossier prints in a browser' 'no chromium or poppler-utils'
	exit 0
fi
check 'chromium prints the dossier to PDF' 0 \
    "$browser --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir=$T/chromium --print-to-pdf=$T/case-1.pdf \
    file://$T/case-1.html >/dev/null 2>&1 && test -s case-1.pdf" </dev/null
pdftotext case-1.pdf case-1.txt
check 'the PDF holds summary, both accounts, discrepancies, decision, head' 0 \
    "tr -s ' \\n' '  ' <case-1.txt | grep -o -e 'Kettle leaks' \
    -e 'She paid 49.90 EUR and left.' -e 'I paid 59.90 EUR.' \
    -e 'words -front' -e 'negation: denied -> affirmed' \
    -e 'At home it leaked all over the counter.' \
    -e 'the seal of the batch was faulty' | sort -u;
    tr -d ' \\n' <case-1.txt | grep -o '$head'" <<EOF
At home it leaked all over the counter.
I paid 59.90 EUR.
Kettle leaks
She paid 49.90 EUR and left.
negation: denied -> affirmed
the seal of the batch was faulty
words -front
$head
EOF
check 'the long word is wrapped, not cut at the page edge' 0 \
    "grep -c '$long' case-1.txt; grep -c '^xxxxxxxxxx' case-1.txt |
    awk '{ print (\$1 >= 3) }'; tr -d '\\n' <case-1.txt | grep -c '$long'" \
    <<EOF
0
1
1
EOF
check 'the dossier takes 2 to 6 pages' 0 \
    "pdfinfo case-1.pdf | awk '/^Pages:/ { print (\$2 >= 2 && \$2 <= 6) }'" \
    <<EOF
1
EOF
mkdir -p "$TOP/tests/out"
check 'the first page as a picture' 0 \
    "pdftoppm -png -r 60 -f 1 -l 1 -singlefile case-1.pdf \
    $TOP/tests/out/html-page1 && test -s $TOP/tests/out/html-page1.png" \
    </dev/null
