"""tests/rechain.py: recompute an audit chain as complaint(5) describes it.

rechain.py DB - [KEY]     print each entry's id and how its chain hash
                          was made: plain (SHA-256), hmac (under KEY), ?
rechain.py DB N [KEY]     rewrite the log as an adversary would: entry N's
                          content changed, its content hash and the chain
                          hash of it and every later entry recomputed,
                          plain, or as HMAC-SHA-256 under KEY
"""
import hashlib
import hmac
import json
import sqlite3
import sys


def link(prev, row, chash, key):
    ident, at, actor, case, action, rows = row
    parts = [prev, str(ident), at, actor, str(case), action, chash]
    if rows is not None:
        parts.append(hashlib.sha256(rows.encode()).hexdigest())
    msg = "".join(p + "\n" for p in parts).encode()
    if key is None:
        return hashlib.sha256(msg).hexdigest()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def main():
    db = sqlite3.connect(sys.argv[1])
    start = sys.argv[2]
    key = None
    if len(sys.argv) > 3:
        with open(sys.argv[3], "rb") as f:
            key = f.read()
    entries = db.execute(
        "SELECT id, at, actor, ifnull(case_id, 0), action, rows, content,"
        " content_hash, chain_hash FROM audit ORDER BY id").fetchall()
    prev = "0" * 64
    if start == "-":
        for e in entries:
            if link(prev, e[:6], e[7], None) == e[8]:
                how = "plain"
            elif key is not None and link(prev, e[:6], e[7], key) == e[8]:
                how = "hmac"
            else:
                how = "?"
            print(e[0], how)
            prev = e[8]
        return
    db.executescript("DROP TRIGGER audit_no_update;"
                     " DROP TRIGGER audit_no_delete;")
    for e in entries:
        if e[0] < int(start):
            prev = e[8]
            continue
        content, chash = e[6], e[7]
        if e[0] == int(start):
            d = json.loads(content)
            d["rewritten"] = True
            content = json.dumps(d, separators=(",", ":"))
            chash = hashlib.sha256(content.encode()).hexdigest()
        prev = link(prev, e[:6], chash, key)
        db.execute("UPDATE audit SET content = ?, content_hash = ?,"
                   " chain_hash = ? WHERE id = ?",
                   (content, chash, prev, e[0]))
    db.commit()
    print(len(entries), prev)


main()
