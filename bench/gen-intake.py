#!/usr/bin/env python3
"""bench/gen-intake.py N [SEED [skew]]: N complaint rows as CSV on stdout, shaped
like the CFPB sample: about a quarter with a narrative averaging some 1,100
characters (up to 20,000), a few with newlines and quotes, about 7% naming
a lawyer, a court or an injury; most customers complain once, a pool of
repeaters often (repeat flags), and 2% of rows are a customer's complaint
sent again (duplicate flags).  With "skew", one customer sends half the
rows."""
import csv
import random
import sys

n = int(sys.argv[1])
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
issues = ["Parcel late", "Kettle leaks", "Charged twice", "Rude staff",
          "Wrong item", "Refund not received", "Broken on arrival",
          "Incorrect information on your report", "Debt is not yours",
          "Trouble during payment process", "Managing an account",
          "Attempts to collect debt not owed", "Fees or interest",
          "Problem with a purchase shown on your statement",
          "Struggling to pay your loan", "Closing an account",
          "Improper use of your report", "Written notification about debt"]
words = ("the order was late and nobody answered my calls so I asked "
         "again for a refund which never came I have written to the company "
         "several times about this account and they keep sending letters "
         "about a balance that is not mine").split()
serious = ["my lawyer", "small claims court", "I was injured",
           "legal action", "they threatened me", "an attorney"]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["ref", "name", "email", "received", "amount", "channel",
            "summary", "description"])
skew = len(sys.argv) > 3 and sys.argv[3] == "skew"
repeaters = max(1, n // 40)
prev = None
for i in range(n):
    if prev is not None and rnd.random() < 0.02:
        c, summary = prev            # the same complaint sent again
    else:
        if skew and rnd.random() < 0.5:
            c = 0
        elif rnd.random() < 0.15:
            c = rnd.randrange(repeaters)
        else:
            c = repeaters + rnd.randrange(n)
        summary = rnd.choice(issues)
    prev = (c, summary)
    desc = ""
    if rnd.random() < 0.25:
        k = min(int(rnd.expovariate(1 / 190)) + 20, 3500)
        desc = " ".join(rnd.choice(words) for _ in range(k))
        if rnd.random() < 0.28:
            desc += ". " + rnd.choice(serious) + "."
        if rnd.random() < 0.1:
            desc = desc.replace(" so ", '\n"so" ', 1)
    w.writerow(["G%d" % i, "Customer %d" % c, "c%d@example.com" % c,
                "2026-%02d-%02d" % (rnd.randint(1, 10), rnd.randint(1, 28)),
                "%d.%02d" % (rnd.randint(1, 1500), rnd.randint(0, 99))
                if rnd.random() < 0.6 else "",
                rnd.choice(["web", "email", "phone"]),
                summary, desc])
