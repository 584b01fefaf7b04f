#!/usr/bin/env python3
# tests/month.py: a simulated month of a small team, driven through the
# real binaries (run by tests/month.sh).  Complaints come in by mail, CSV
# and flags in English, Indonesian and Swedish; three agents work them;
# cron runs `complaint-report due --mark` every hour.  The script keeps
# its own model of every case, its due times computed here from the
# policy, and checks after each simulated day that the case file agrees.
#
#   month.py DAYS SEED
#
# Prints "ok - month: day N ..." per day, or "not ok - ..." naming the
# day, the command and the invariant, then "# month: ..." figures.

import calendar
import csv
import io
import random
import subprocess
import sys
import time

DAYS = int(sys.argv[1])
SEED = int(sys.argv[2])
rng = random.Random(SEED)

START = calendar.timegm((2026, 12, 7, 0, 0, 0))      # a Monday
WEEK = (9 * 3600, 17 * 3600)                         # mon-fri, UTC
HOLIDAYS = {(2026, 12, 24), (2026, 12, 25), (2027, 1, 1)}
ACK = {1: '3d', 2: '1d', 3: '4h', 4: '1h'}
RESOLVE = {1: '14d', 2: '7d', 3: '3d', 4: '24h'}
CHANGE_DAY = 4                                       # sla.resolve.2 5d
CAUSES = ['product-defect', 'service-failure', 'delivery', 'billing',
          'communication']
AGENTS = ['ayu', 'bengt', 'carol']
SEV = {'low': 1, 'medium': 2, 'high': 3, 'critical': 4}

# People: one customer each, whatever contacts they give.
PEOPLE = [
    ('Ann Lind', 'ann.lind@example.se',
     ['+46 70 123 45 67', '070-123 45 67', '0046701234567'], 'sv'),
    ('Bo Ek', 'bo.ek@example.se',
     ['+46 8 555 123 45', '08-555 123 45'], 'sv'),
    ('Karin Berg', 'karin@example.se', ['073 111 22 33'], 'sv'),
    ('Budi Santoso', 'budi@example.id',
     ['+62 812 3456 7890', '0062 812-3456-7890'], 'id'),
    ('Siti Rahma', 'siti@example.id', ['+62 813 1111 2222'], 'id'),
    ('Dewi Lestari', 'dewi@example.id', ['+62 811 9999 0000'], 'id'),
    ('John Smith', 'john@example.com', ['+44 20 7946 0000'], 'en'),
    ('Mary Jones', 'mary@example.com', ['+1 212 555 0100'], 'en'),
    ('Peter Brown', 'peter@example.com', ['+44 161 496 0000'], 'en'),
]
SUMMARY = {
    'en': ['Parcel arrived late', 'Kettle leaks', 'Charged twice',
           'Rude reply from support', 'Lamp broken on arrival'],
    'id': ['Paket terlambat', 'Ketel bocor', 'Tagihan ganda',
           'Barang rusak saat tiba', 'Pelayanan lambat'],
    'sv': ['Paketet kom sent', 'Vattenkokaren läcker',
           'Dubbeldebiterad', 'Lampan var trasig', 'Otrevligt svar'],
}


class Failure(Exception):
    pass


def iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t))


def parse(s):
    return calendar.timegm(time.strptime(s, '%Y-%m-%dT%H:%M:%SZ'))


def mail_date(t):
    return time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime(t))


# The policy, computed here: working days keep the time of day, working
# hours run inside the open hours, holidays and weekends skipped.
def day0(t):
    return t - t % 86400


def workday(d):
    tm = time.gmtime(d)
    return tm.tm_wday < 5 and (tm.tm_year, tm.tm_mon, tm.tm_mday) \
        not in HOLIDAYS


def next_open(t):
    d = day0(t)
    while True:
        if workday(d):
            if t < d + WEEK[0]:
                return d + WEEK[0]
            if t < d + WEEK[1]:
                return t
        d += 86400
        t = d


def add_working(t, days, secs):
    t = next_open(t)
    d = day0(t)
    into = t - d - WEEK[0]
    for _ in range(days):
        d += 86400
        while not workday(d):
            d += 86400
        t = min(d + WEEK[0] + into, d + WEEK[1])
    while secs > 0:
        t = next_open(t)
        close = day0(t) + WEEK[1]
        if t + secs <= close:
            return t + secs
        secs -= close - t
        t = close
    return t


def span(s):
    n, unit = int(s[:-1]), s[-1]
    return (n, 0) if unit == 'd' else (0, n * 3600)


def due(start, s):
    days, secs = span(s)
    return add_working(start, days, secs)


def working_between(a, b):
    secs, t = 0, a
    while t < b:
        t = next_open(t)
        if t >= b:
            break
        close = day0(t) + WEEK[1]
        secs += min(close, b) - t
        t = close
    return secs


def inside_week(t):
    d = day0(t)
    return workday(d) and d + WEEK[0] <= t <= d + WEEK[1]


class Sim:
    def __init__(self):
        self.now = START
        self.day = 0
        self.cases = {}         # id -> model
        self.sent = {}          # ref -> id: every complaint sent in
        self.person_of = {}     # case id -> person index
        self.listed = set()     # reminders listed by cron
        self.resolve = dict(RESOLVE)
        self.ncommands = 0
        self.counts = {'mail': 0, 'csv': 0, 'flags': 0, 'redelivered': 0,
                       'future': 0, 'ack': 0, 'wait': 0, 'resume': 0,
                       'close': 0, 'reopen': 0, 'merge': 0,
                       'interview': 0, 'reminders': 0, 'overdue': 0}
        self.mailn = 0
        self.refn = 0

    # Running a command: its failure names the day and the command.
    def run(self, args, stdin=None, user='cron', ok=(0,)):
        env = dict(ENV)
        env['COMPLAINT_NOW'] = iso(self.now)
        env['COMPLAINT_USER'] = user
        self.ncommands += 1
        p = subprocess.run(args, input=stdin, capture_output=True,
                           env=env, text=True)
        if p.returncode not in ok:
            raise Failure('day %d, %s: %s exited %d: %s' % (
                self.day + 1, iso(self.now), ' '.join(args),
                p.returncode, p.stderr.strip()[:300]))
        return p.stdout

    def check(self, what, cmd, cond, detail=''):
        if not cond:
            raise Failure('day %d, %s: invariant "%s" broken after %s%s'
                          % (self.day + 1, iso(self.now), what, cmd,
                             (': ' + detail) if detail else ''))

    # Intake.
    def new_case(self, cid, person, received, sev, channel):
        if cid in self.cases:
            return
        self.cases[cid] = {
            'received': received, 'sev': sev, 'status': 'new',
            'ack_due': due(received, ACK[sev]),
            'resolve_due': due(received, self.resolve[sev]),
            'acked': None, 'closed': None, 'paused': None,
            'cause': None, 'channel': channel, 'accounts': 0}
        self.person_of[cid] = person

    def contacts(self, p):
        name, email, phones, _ = PEOPLE[p]
        phone = rng.choice(phones)
        # The name always, so that each complaint can be tied to the
        # ones before it; the contacts as they come.
        return rng.choice([(name, email, None), (name, None, phone),
                           (name, email, phone)])

    def intake_mail(self):
        p = rng.randrange(len(PEOPLE))
        name, email, _, lang = PEOPLE[p]
        self.mailn += 1
        msgid = '<m%d.%d@example.net>' % (SEED, self.mailn)
        sent = self.now - rng.randrange(0, 3600)
        future = rng.random() < 0.05
        if future:
            sent = self.now + 3 * 86400
        msg = ('From: %s <%s>\nTo: support@example.net\nSubject: %s\n'
               'Date: %s\nMessage-ID: %s\nContent-Type: text/plain; '
               'charset=utf-8\n\n%s\n' % (
                   name, email, rng.choice(SUMMARY[lang]), mail_date(sent),
                   msgid, rng.choice(SUMMARY[lang])))
        out = self.run([BIN + 'complaint-new', '--mail'], msg)
        cid = int(out)
        row = self.run([BIN + 'complaint-report', 'list', '--csv', '--status',
                        'new', '--sort', 'id'])
        sev = None
        for r in csv.DictReader(io.StringIO(row)):
            if int(r['id']) == cid:
                sev = SEV[r['severity']]
        self.check('a mail is a new case', 'complaint-new --mail',
                   sev is not None, 'case %d' % cid)
        received = self.now if future else sent
        self.new_case(cid, p, received, sev, 'email')
        self.sent[msgid.strip('<>')] = cid
        self.counts['mail'] += 1
        self.counts['future'] += future
        if rng.random() < 0.1:
            again = int(self.run([BIN + 'complaint-new', '--mail'], msg))
            self.check('a redelivered mail is the case it was',
                       'complaint-new --mail', again == cid)
            self.counts['redelivered'] += 1

    def intake_csv(self):
        rows, text = [], io.StringIO()
        w = csv.writer(text, lineterminator='\n')
        w.writerow(['name', 'email', 'phone', 'severity', 'received',
                    'ref', 'summary'])
        for _ in range(rng.randint(1, 3)):
            p = rng.randrange(len(PEOPLE))
            name, email, phone = self.contacts(p)
            self.refn += 1
            ref = 'CSV-%d-%d' % (SEED, self.refn)
            rec = self.now - rng.randrange(0, 2 * 86400)
            sev = rng.randint(1, 4)
            w.writerow([name or '', email or '', phone or '', sev, iso(rec),
                        ref, rng.choice(SUMMARY[PEOPLE[p][3]])])
            rows.append((p, ref, rec, sev))
        out = self.run([BIN + 'complaint-new', '--csv'], text.getvalue())
        got = list(csv.DictReader(io.StringIO(out)))
        self.check('each CSV row is a case', 'complaint-new --csv',
                   len(got) == len(rows), out)
        for (p, ref, rec, sev), r in zip(rows, got):
            self.new_case(int(r['id']), p, rec, sev, None)
            self.sent[ref] = int(r['id'])
        self.counts['csv'] += len(rows)
        if rng.random() < 0.1:
            again = self.run([BIN + 'complaint-new', '--csv'],
                             text.getvalue())
            ids = [int(r['id']) for r in csv.DictReader(io.StringIO(again))]
            self.check('a CSV sent again is the cases it was',
                       'complaint-new --csv',
                       ids == [int(r['id']) for r in got])
            self.counts['redelivered'] += 1

    def intake_flags(self):
        p = rng.randrange(len(PEOPLE))
        name, email, phone = self.contacts(p)
        self.refn += 1
        ref = 'TEL-%d-%d' % (SEED, self.refn)
        rec = self.now - rng.randrange(0, 6 * 3600)
        sev = rng.randint(1, 4)
        args = [BIN + 'complaint-new', '-c', 'phone', '-s', str(sev), '-r',
                iso(rec), '--ref', ref, '-E', rng.choice(['Per', 'Sari'])]
        if name:
            args += ['-n', name]
        if email:
            args += ['-e', email]
        if phone:
            args += ['--phone', phone]
        args.append(rng.choice(SUMMARY[PEOPLE[p][3]]))
        cid = int(self.run(args, ''))
        self.new_case(cid, p, rec, sev, 'phone')
        self.sent[ref] = cid
        self.counts['flags'] += 1

    # Work.
    def resume(self, c):
        """What the next step on a waiting case does to its clocks."""
        secs = working_between(c['paused'], self.now)
        if secs > 0:
            if c['acked'] is None:
                c['ack_due'] = add_working(c['ack_due'], 0, secs)
            if c['closed'] is None:
                c['resolve_due'] = add_working(c['resolve_due'], 0, secs)
        c['paused'] = None
        c['status'] = c.pop('before')
        self.counts['resume'] += 1

    def interviewed(self, c):
        if c['status'] in ('new', 'acknowledged'):
            c['status'] = 'investigating'

    def agent(self, who):
        live = [i for i, c in self.cases.items()
                if c['status'] not in ('closed', 'merged')]
        r = rng.random()
        if r < 0.05:
            closed = [i for i, c in self.cases.items()
                      if c['status'] == 'closed']
            if closed:
                i = rng.choice(closed)
                self.run([BIN + 'complaint-resolve', 'reopen', str(i), '-m',
                          'customer wrote again'], user=who)
                c = self.cases[i]
                c['closed'] = c['cause'] = None
                c['status'] = 'investigating'
                self.counts['reopen'] += 1
            return
        if r < 0.10 and len(live) >= 2:
            by = {}
            for i in live:
                if self.cases[i]['status'] != 'waiting':
                    by.setdefault(self.person_of[i], []).append(i)
            pairs = [v for v in by.values() if len(v) >= 2]
            if pairs:
                keep, dup = sorted(rng.choice(pairs))[:2]
                for i in (keep, dup):
                    self.run([BIN + 'complaint-interview', '-r', 'employee',
                              '-p', 'Per', str(i)], '09:00 I took the call.\n',
                             user=who)
                    self.cases[i]['accounts'] += 1
                    self.interviewed(self.cases[i])
                self.run([BIN + 'complaint-resolve', 'merge', str(keep),
                          str(dup)], user=who)
                self.cases[keep]['accounts'] += self.cases[dup]['accounts']
                d = self.cases[dup]
                d['status'], d['closed'] = 'merged', self.now
                self.counts['merge'] += 1
                self.counts['interview'] += 2
                return
        if not live:
            return
        waiting = [i for i in live if self.cases[i]['status'] == 'waiting']
        i = rng.choice(waiting if waiting and r < 0.4 else live)
        c = self.cases[i]
        if c['status'] == 'waiting':
            self.run([BIN + 'complaint-resolve', 'assign', str(i), who],
                     user=who)
            self.resume(c)
        elif c['acked'] is None:
            self.run([BIN + 'complaint-resolve', 'ack', str(i)], user=who)
            c['acked'] = self.now
            if c['status'] == 'new':
                c['status'] = 'acknowledged'
            self.counts['ack'] += 1
        elif r < 0.25:
            self.run([BIN + 'complaint-resolve', 'wait', str(i), '-m',
                      'asked for the receipt'], user=who)
            c['paused'] = self.now
            c['before'], c['status'] = c['status'], 'waiting'
            self.counts['wait'] += 1
        elif r < 0.70:
            cause = rng.choice(CAUSES)
            self.run([BIN + 'complaint-resolve', 'close', str(i), '--cause',
                      cause], user=who)
            c['closed'], c['cause'], c['status'] = self.now, cause, 'closed'
            self.counts['close'] += 1

    def cron(self):
        out = self.run([BIN + 'complaint-report', 'due', '--mark', '--csv'],
                       ok=(0, 1))
        for r in csv.DictReader(io.StringIO(out)):
            key = (int(r['id']), r['kind'], r['due'])
            self.check('every reminder listed once',
                       'complaint-report due --mark', key not in self.listed,
                       'case %d %s %s again' % key)
            self.listed.add(key)
            self.counts['reminders'] += 1

    # The day's invariants.
    def verify(self):
        self.run([BIN + 'complaint-report', 'verify'])
        out = subprocess.run(['sqlite3', ENV['COMPLAINT_FILE'],
                              'PRAGMA integrity_check'],
                             capture_output=True, text=True).stdout.strip()
        self.check('integrity_check is ok', 'PRAGMA integrity_check',
                   out == 'ok', out)

        rows = sql('SELECT id, ifnull(ref, \'\'), ack_due, resolve_due,'
                   ' customer, status FROM cases ORDER BY id')
        refs = {}
        for r in rows:
            if r[1]:
                refs[r[1]] = refs.get(r[1], 0) + 1
        self.check('every complaint sent in exists exactly once', 'sqlite3',
                   len(rows) == len(self.cases) and
                   all(refs.get(ref) == 1 and self.sent[ref] in self.cases
                       for ref in self.sent),
                   '%d cases, %d in the model' % (len(rows), len(self.cases)))

        people = {}
        for r in rows:
            cid = int(r[0])
            c = self.cases[cid]
            if c['status'] == 'merged':
                continue
            for k in ('ack_due', 'resolve_due'):
                t = parse(r[2 if k == 'ack_due' else 3])
                self.check('every due time inside the working week',
                           'complaint-report list', inside_week(t),
                           'case %d %s %s' % (cid, k, iso(t)))
                self.check('due times as the policy computes them',
                           'sqlite3', t == c[k], 'case %d %s %s, want %s' % (
                               cid, k, iso(t), iso(c[k])))
            people.setdefault(self.person_of[cid], set()).add(r[4])
        self.check('one person, one customer', 'sqlite3',
                   all(len(v) == 1 for v in people.values()),
                   repr({PEOPLE[p][0]: v for p, v in people.items()
                         if len(v) > 1}))

        out = self.run([BIN + 'complaint-report', 'overdue', '--csv'],
                       ok=(0, 1))
        got = {(int(r['id']), r['kind'])
               for r in csv.DictReader(io.StringIO(out))}
        want = set()
        for i, c in self.cases.items():
            if c['status'] in ('closed', 'merged') or c['paused']:
                continue
            late = []
            if c['acked'] is None and c['ack_due'] < self.now:
                late.append((c['ack_due'], 'ack'))
            if c['closed'] is None and c['resolve_due'] < self.now:
                late.append((c['resolve_due'], 'resolve'))
            if late:
                want.add((i, min(late)[1]))
        self.check('overdue equals the set the policy gives',
                   'complaint-report overdue', got == want,
                   'extra %s, missing %s' % (sorted(got - want),
                                             sorted(want - got)))
        self.counts['overdue'] = len(got)

        marked = {(int(a), b, c) for a, b, c in sql(
            'SELECT case_id, kind, due FROM reminders')}
        self.check('the reminders recorded are those listed',
                   'complaint-report due --mark', marked == self.listed,
                   'extra %s, missing %s' % (sorted(marked - self.listed)[:3],
                                             sorted(self.listed - marked)[:3]))

        out = self.run([BIN + 'complaint-report', 'causes', '--status',
                        'closed', '--csv'], ok=(0, 1))
        got = {r['cause']: int(r['cases'])
               for r in csv.DictReader(io.StringIO(out))}
        want = {}
        for c in self.cases.values():
            if c['status'] == 'closed':
                want[c['cause']] = want.get(c['cause'], 0) + 1
        self.check('causes equal the count', 'complaint-report causes',
                   got == want, '%s, want %s' % (got, want))

        out = self.run([BIN + 'complaint-report', 'stats', '--csv'])
        got = {(r['measure'], r['key']): r['value']
               for r in csv.DictReader(io.StringIO(out))
               if r['measure'] in ('cases', 'status', 'severity', 'channel')}
        want = {('cases', 'total'): str(len(self.cases))}
        names = {v: k for k, v in SEV.items()}
        for c in self.cases.values():
            for k in (('status', c['status']),
                      ('severity', names[c['sev']]),
                      ('channel', c['channel'] or '-')):
                want[k] = str(int(want.get(k, '0')) + 1)
        self.check('stats equal the count', 'complaint-report stats',
                   got == want, '%s, want %s' % (got, want))

    def simulate(self):
        for self.day in range(DAYS):
            base = START + self.day * 86400
            for hour in range(24):
                self.now = base + hour * 3600
                if self.day == CHANGE_DAY and hour == 12:
                    self.run([BIN + 'complaint', 'config', 'sla.resolve.2',
                              '5d'], user='ayu')
                    self.resolve[2] = '5d'
                if 7 <= hour <= 18 and rng.random() < 0.6:
                    self.now += rng.randrange(1, 50) * 60
                    rng.choice([self.intake_mail, self.intake_csv,
                                self.intake_flags])()
                if 9 <= hour < 17 and workday(base):
                    for who in AGENTS:
                        self.now = base + hour * 3600 + \
                            rng.randrange(5, 55) * 60
                        if rng.random() < 0.7:
                            self.agent(who)
                self.now = base + hour * 3600 + 3540
                self.cron()
            self.now = base + 86399
            self.verify()
            print('ok - month: day %d (%s): verify, integrity, each '
                  'complaint once, reminders once, overdue, working week, '
                  'due times, one customer a person, stats, causes'
                  % (self.day + 1, iso(base)[:10]))


def sql(q):
    out = subprocess.run(['sqlite3', '-separator', '\t',
                          ENV['COMPLAINT_FILE'], q],
                         capture_output=True, text=True).stdout
    return [line.split('\t') for line in out.splitlines()]


import os  # noqa: E402
ENV = dict(os.environ)
BIN = ENV.get('TOP', '.') + '/'
sim = Sim()
t0 = time.time()
try:
    sim.run([BIN + 'complaint', 'config', 'sla.week', 'mon-fri 09:00-17:00'])
    sim.run([BIN + 'complaint', 'config', 'sla.holidays',
             ','.join('%04d-%02d-%02d' % h for h in sorted(HOLIDAYS))])
    sim.run([BIN + 'complaint', 'config', 'phone.country', 'SE'])
    sim.simulate()
    status = 0
except Failure as f:
    print('not ok - month (seed %d): %s' % (SEED, f))
    status = 1
c = sim.counts
print('# month: seed %d, %d days, %d commands in %.1f s: %d complaints '
      '(%d mail, %d CSV, %d flags; %d redelivered, %d mail dated ahead), '
      '%d customers; %d acks, %d waits, %d resumed, %d closes, %d reopens, '
      '%d merges; %d reminders; %d overdue at the end' % (
          SEED, sim.day + 1, sim.ncommands, time.time() - t0, len(sim.cases),
          c['mail'], c['csv'], c['flags'], c['redelivered'], c['future'],
          len({sim.person_of[i] for i in sim.cases}), c['ack'], c['wait'],
          c['resume'], c['close'], c['reopen'], c['merge'], c['reminders'],
          c['overdue']))
sys.exit(status)
