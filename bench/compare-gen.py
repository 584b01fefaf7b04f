#!/usr/bin/env python3
"""bench/compare-gen.py N SEED A B: two accounts of N statements; B has 10%
of A's statements edited (a time, an amount, a negation or a word), 5%
moved elsewhere, and 5% more inserted."""
import random
import sys

n, seed, out_a, out_b = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
rnd = random.Random(seed)
subjects = ["The customer", "The assistant", "The driver", "Per", "Eva",
            "The manager", "The courier", "Ann"]
verbs = ["opened", "checked", "returned", "paid for", "looked at",
         "carried", "wrapped", "scanned", "signed for", "refused"]
objects = ["the kettle", "the parcel", "the receipt", "the invoice",
           "the box", "the lamp", "the card", "the form", "the bag"]
places = ["at the counter", "in the shop", "at the door", "by the till",
          "in the car park", "on the phone", "at the desk"]

def statement(i):
    h, m = divmod(8 * 60 + i % 600, 60)
    return "%02d:%02d %s %s %s %s, order %d, %d.%02d EUR." % (
        h, m, rnd.choice(subjects), rnd.choice(verbs), rnd.choice(objects),
        rnd.choice(places), 1000 + i, rnd.randint(5, 300), rnd.randint(0, 99))

a = [statement(i) for i in range(n)]
b = list(a)
for i in rnd.sample(range(n), n // 10):
    s = b[i]
    k = rnd.randrange(4)
    if k == 0:
        b[i] = s[:3] + "%02d" % ((int(s[3:5]) + 7) % 60) + s[5:]
    elif k == 1:
        b[i] = s.replace(" EUR.", "5 EUR.").replace(".", ",", 0)
    elif k == 2:
        b[i] = s.replace(" ", " did not ", 2).replace(" did not ", " ", 1)
    else:
        b[i] = s.replace(rnd.choice(objects), rnd.choice(objects))
for _ in range(n // 20):
    s = b.pop(rnd.randrange(len(b)))
    b.insert(rnd.randrange(len(b) + 1), s)
for _ in range(n // 20):
    b.insert(rnd.randrange(len(b) + 1), statement(rnd.randrange(10 ** 6)))
open(out_a, "w").write("\n".join(a) + "\n")
open(out_b, "w").write("\n".join(b) + "\n")
