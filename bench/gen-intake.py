#!/usr/bin/env python3
"""bench/gen-intake.py N: N complaint rows as CSV on stdout, shaped like
the CFPB sample: a quarter with a narrative of 200 to 4,000 characters,
some with newlines and quotes, repeat customers, amounts."""
import csv
import random
import sys

n = int(sys.argv[1])
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
issues = ["Parcel late", "Kettle leaks", "Charged twice", "Rude staff",
          "Wrong item", "Refund not received", "Broken on arrival",
          "Incorrect information on your report", "Debt is not yours"]
words = ("the order was late and nobody answered my calls so I asked "
         "again for a refund which never came").split()
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["ref", "name", "email", "received", "amount", "channel",
            "summary", "description"])
for i in range(n):
    c = int(rnd.paretovariate(1.2)) % 300000
    desc = ""
    if rnd.random() < 0.25:
        desc = " ".join(rnd.choice(words) for _ in range(rnd.randint(40, 700)))
        if rnd.random() < 0.1:
            desc = desc.replace(" so ", '\n"so" ', 1)
    w.writerow(["G%d" % i, "Customer %d" % c, "c%d@example.com" % c,
                "2026-%02d-%02d" % (rnd.randint(1, 10), rnd.randint(1, 28)),
                "%d.%02d" % (rnd.randint(1, 500), rnd.randint(0, 99))
                if rnd.random() < 0.6 else "",
                rnd.choice(["web", "email", "phone"]),
                rnd.choice(issues), desc])
