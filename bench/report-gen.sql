-- bench/report-gen.sql: fill a case file made by `complaint init` with
-- :n cases (set by the .parameter line bench/report.sh puts first) of
-- about 0.3 n customers, skewed so a few complain often, received over
-- three years up to 2026-11-22T10:00:00Z; old cases mostly closed with a
-- cause, recent ones open with due times, follow-ups and escalations.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -200000;
BEGIN;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k
    WHERE i < CAST(@n * 3 / 10 AS INTEGER))
INSERT INTO customers (id, name, email, created)
SELECT i, 'Customer ' || i, 'c' || i || '@example.com',
    '2023-11-01T00:00:00Z' FROM k;

CREATE TEMP TABLE g AS
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < @n),
b AS (SELECT i, ((i * 2654435761) % 4294967296) / 4294967296.0 AS x,
    (i * 7919) % 100 AS h, 1701341600 + i * (94000000 / @n) AS t FROM k)
SELECT i, x, h, t,
    CASE WHEN t > 1795341600 - 2 * 86400 THEN
        CASE WHEN h < 70 THEN 'new' ELSE 'acked' END
    WHEN t > 1795341600 - 14 * 86400 THEN
        CASE WHEN h < 75 THEN 'acked' WHEN h < 90 THEN 'waiting'
        ELSE 'closed' END
    WHEN h = 99 AND i % 10 = 0 THEN 'acked'
    WHEN h < 89 THEN 'closed' WHEN h < 96 THEN 'dismissed'
    ELSE 'merged' END AS st,
    CASE WHEN h % 20 < 6 THEN 1 WHEN h % 20 < 16 THEN 2
        WHEN h % 20 < 19 THEN 3 ELSE 4 END AS sev
FROM b;

INSERT INTO cases (id, customer, received, created, status, severity, flags,
    channel, summary, ack_due, resolve_due, acked, closed, paused, cause,
    assignee, updated)
SELECT i,
    1 + CAST(x * x * (@n * 3 / 10 - 1) AS INTEGER),
    strftime('%Y-%m-%dT%H:%M:%SZ', t, 'unixepoch'),
    strftime('%Y-%m-%dT%H:%M:%SZ', t, 'unixepoch'),
    st, sev,
    CASE WHEN h % 17 = 0 THEN 'legal' WHEN h % 23 = 0 THEN 'repeat:3' END,
    CASE i % 4 WHEN 0 THEN 'email' WHEN 1 THEN 'web' WHEN 2 THEN 'phone'
        ELSE 'chat' END,
    'Complaint ' || i,
    strftime('%Y-%m-%dT%H:%M:%SZ', t + (5 - sev) * 6 * 3600, 'unixepoch'),
    strftime('%Y-%m-%dT%H:%M:%SZ', t + CASE sev WHEN 1 THEN 14 WHEN 2 THEN 7
        WHEN 3 THEN 3 ELSE 1 END * 86400, 'unixepoch'),
    CASE WHEN st <> 'new' THEN strftime('%Y-%m-%dT%H:%M:%SZ',
        t + 600 * (1 + h % 36), 'unixepoch') END,
    CASE WHEN st IN ('closed', 'dismissed', 'merged') THEN
        strftime('%Y-%m-%dT%H:%M:%SZ', t + 3600 * (12 + h * 3),
        'unixepoch') END,
    CASE WHEN st = 'waiting' THEN strftime('%Y-%m-%dT%H:%M:%SZ',
        t + 86400, 'unixepoch') END,
    CASE WHEN st = 'closed' THEN
        CASE WHEN h < 30 THEN 'delivery' WHEN h < 50 THEN 'product-defect'
        WHEN h < 65 THEN 'billing' WHEN h < 75 THEN 'service-failure'
        WHEN h < 82 THEN 'communication' WHEN h < 86 THEN 'policy'
        ELSE 'other' END END,
    'agent' || (i % 12),
    strftime('%Y-%m-%dT%H:%M:%SZ', t, 'unixepoch')
FROM g;

INSERT INTO events (case_id, at, actor, action, status_to)
SELECT id, received, 'bench', 'new', 'new' FROM cases;
INSERT INTO events (case_id, at, actor, action, status_from, status_to)
SELECT id, closed, 'bench', 'close', 'acked', status FROM cases
WHERE closed IS NOT NULL;

INSERT INTO followups (case_id, due, done, satisfied, score, actor)
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', closed, '+7 days'),
    CASE WHEN closed < '2026-11-10' THEN
        strftime('%Y-%m-%dT%H:%M:%SZ', closed, '+8 days') END,
    CASE WHEN closed < '2026-11-10' THEN ((id / 5) % 10 < 8) END,
    CASE WHEN closed < '2026-11-10' THEN 1 + (id / 5) % 5 END, 'bench'
FROM cases WHERE status = 'closed' AND id % 5 = 0;
INSERT INTO followups (case_id, due, actor)
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', received, '+30 days'), 'bench'
FROM cases WHERE received > '2026-10-22' AND id % 3 = 0;

INSERT INTO escalations (case_id, team, reason, at, actor)
SELECT id, 'tier2', 'bench', received, 'bench' FROM cases WHERE id % 20 = 0;
COMMIT;
ANALYZE;
PRAGMA journal_mode = WAL;
