-- schema.sql: the case file of complaint, as of the schema version set at
-- its end.  Embedded at build time; documented in complaint(5).  Times
-- are ISO 8601 UTC text, money is integer minor units with an ISO 4217
-- code.

CREATE TABLE settings (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
	id		INTEGER PRIMARY KEY,
	name		TEXT,
	email		TEXT,
	phone		TEXT,
	lang		TEXT,
	created		TEXT NOT NULL,
	anonymised	TEXT
);
CREATE INDEX customers_email ON customers(email COLLATE NOCASE)
    WHERE email IS NOT NULL;
CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;
CREATE INDEX customers_name ON customers(name COLLATE NOCASE)
    WHERE name IS NOT NULL;

CREATE TABLE cases (
	id		INTEGER PRIMARY KEY,
	customer	INTEGER REFERENCES customers(id),
	ref		TEXT UNIQUE,
	received	TEXT NOT NULL,
	created		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'new',
	severity	INTEGER NOT NULL DEFAULT 2
			    CHECK (severity BETWEEN 1 AND 4),
	flags		TEXT,
	channel		TEXT,
	product		TEXT,
	order_ref	TEXT,
	amount		INTEGER,
	currency	TEXT,
	employee	TEXT,
	assignee	TEXT,
	summary		TEXT NOT NULL,
	description	TEXT,
	ack_due		TEXT,
	resolve_due	TEXT,
	acked		TEXT,
	closed		TEXT,
	paused		TEXT,
	cause		TEXT,
	lesson		TEXT,
	merged_into	INTEGER REFERENCES cases(id),
	updated		TEXT NOT NULL,
	settled		TEXT,		-- the resolve clock stopped: agreed, decided
	settled_by	TEXT,
	graded		TEXT		-- a person set the severity (grade)
);
CREATE INDEX cases_customer ON cases(customer, received);
CREATE INDEX cases_status ON cases(status, id);
-- received with customer covers repeat; the partial indexes hold only the
-- open cases and clocks, so list --status open, overdue and due read a few
-- entries, not every case.  cases_open's WHERE must stay word for word
-- the SQL_ENDED of lib/internal.h, or SQLite will not use it.
CREATE INDEX cases_received ON cases(received, customer);
CREATE INDEX cases_open ON cases(id)
    WHERE status NOT IN ('closed', 'dismissed', 'merged');
CREATE INDEX cases_ack_open ON cases(ack_due) WHERE acked IS NULL;
CREATE INDEX cases_resolve_open ON cases(resolve_due) WHERE closed IS NULL;
CREATE INDEX cases_cause ON cases(cause, received) WHERE cause IS NOT NULL;
-- Covers the one scan of stats: a tenth of the table's pages.  Schema 8
-- (migrate-8.sql) holds its times in seconds instead, a third of these.
CREATE INDEX cases_stats ON cases(status, severity, channel, received,
    acked, closed);

-- Extra fields an import keeps that have no column (CFPB Company, State).
CREATE TABLE fields (
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	name		TEXT NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (case_id, name)
) WITHOUT ROWID;

CREATE TABLE tags (
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	tag		TEXT NOT NULL,
	PRIMARY KEY (case_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_tag ON tags(tag, case_id);

-- The timeline: one row for every change, with the state before and after.
CREATE TABLE events (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	status_from	TEXT,
	status_to	TEXT,
	note		TEXT
);
CREATE INDEX events_case ON events(case_id, id);

-- Interviews: an account is one party's telling, in versions.
CREATE TABLE accounts (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	role		TEXT NOT NULL
			    CHECK (role IN ('employee', 'complainant', 'witness')),
	party		TEXT NOT NULL,
	version		INTEGER NOT NULL,
	interviewer	TEXT NOT NULL,
	taken		TEXT NOT NULL,
	medium		TEXT,
	created		TEXT NOT NULL,
	UNIQUE (case_id, party, version)
);

CREATE TABLE statements (
	id		INTEGER PRIMARY KEY,
	account		INTEGER NOT NULL REFERENCES accounts(id),
	seq		INTEGER NOT NULL,
	at		TEXT,
	text		TEXT NOT NULL,
	UNIQUE (account, seq)
);

CREATE TABLE recordings (
	id		INTEGER PRIMARY KEY,
	account		INTEGER NOT NULL REFERENCES accounts(id),
	path		TEXT NOT NULL,
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL
);
CREATE INDEX recordings_account ON recordings(account);

CREATE TABLE discrepancies (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	stmt_a		INTEGER REFERENCES statements(id),
	stmt_b		INTEGER REFERENCES statements(id),
	mark		TEXT NOT NULL,
	facets		TEXT,
	created		TEXT NOT NULL
);
CREATE INDEX discrepancies_case ON discrepancies(case_id);

-- The offer ledger.
CREATE TABLE proposals (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	kind		TEXT NOT NULL,
	amount		INTEGER,
	currency	TEXT,
	note		TEXT,
	expires		TEXT,
	approved_by	TEXT,
	answer		TEXT CHECK (answer IN
			    ('accepted', 'declined', 'countered', 'expired')),
	answered	TEXT,
	counter		INTEGER,
	created		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX proposals_case ON proposals(case_id);

CREATE TABLE escalations (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	team		TEXT,
	reason		TEXT NOT NULL,
	ticket		TEXT,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX escalations_case ON escalations(case_id);

CREATE TABLE decisions (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	favour		TEXT NOT NULL
			    CHECK (favour IN ('customer', 'company', 'both')),
	rationale	TEXT NOT NULL,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX decisions_case ON decisions(case_id);

CREATE TABLE followups (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	due		TEXT NOT NULL,
	done		TEXT,
	satisfied	INTEGER,
	score		INTEGER CHECK (score BETWEEN 1 AND 5),
	note		TEXT,
	actor		TEXT NOT NULL
);
CREATE INDEX followups_due ON followups(due) WHERE done IS NULL;
CREATE INDEX followups_case ON followups(case_id);

-- Reminders sent by `complaint-report due --mark`: one per case, kind, due.
CREATE TABLE reminders (
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	kind		TEXT NOT NULL,
	due		TEXT NOT NULL,
	sent		TEXT NOT NULL,
	PRIMARY KEY (case_id, kind, due)
) WITHOUT ROWID;

-- E-mail attachments of a case: listed as evidence (name, size, SHA-256),
-- their bytes not kept.
CREATE TABLE attachments (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	name		TEXT,
	type		TEXT NOT NULL,
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id);

-- Triage rules: what a rule is about (kind: legal, safety, money, abuse,
-- urgency, hoax), the language of its word, the pattern (a word or
-- phrase, a trailing * for any ending; for money an amount), the
-- severity it raises a case to at least, and the flag it sets; a rule
-- fires only where its word is not negated in its clause, and the clause
-- holds one of only_with and none of not_with (comma-separated words).
-- Default rules are in rules.sql and rules-remedies.sql.
CREATE TABLE rules (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL,
	lang		TEXT,
	pattern		TEXT NOT NULL,
	severity	INTEGER CHECK (severity BETWEEN 1 AND 4),
	flag		TEXT,
	only_with	TEXT,	-- words of the clause, one needed (schema 4)
	not_with	TEXT	-- words of the clause, none allowed
);

-- The audit log: append-only, each entry chained to the one before.
-- content_hash is SHA-256 of content; chain_hash is SHA-256 of the text
-- "prev\nid\nat\nactor\ncase\naction\ncontent_hash\n", followed by
-- "SHA-256 of rows\n" when rows is not NULL, so a redaction can replace
-- content and still leave a chain that verifies.  rows (schema 5) is the
-- JSON array [table, key, SHA-256 of the row or null when deleted] of
-- every row the entry's command wrote; verify replays it (audit.c).
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	case_id		INTEGER,
	action		TEXT NOT NULL,
	content		TEXT NOT NULL,
	content_hash	TEXT NOT NULL,
	chain_hash	TEXT NOT NULL,
	redacted	TEXT,
	rows		TEXT
);
CREATE INDEX audit_case ON audit(case_id, id) WHERE case_id IS NOT NULL;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- The one change allowed: redaction, which replaces the content, keeps
-- every other column and marks the entry redacted, once.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN NOT (old.redacted IS NULL AND new.redacted IS NOT NULL
    AND new.id = old.id AND new.at = old.at AND new.actor = old.actor
    AND new.case_id IS old.case_id AND new.action = old.action
    AND new.content_hash = old.content_hash
    AND new.chain_hash = old.chain_hash AND new.rows IS old.rows)
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

INSERT INTO settings (key, value) VALUES
	('busy.timeout', '5000'),
	('currency', 'EUR'),
	('lang', 'en'),
	('tz', 'UTC'),
	('severity.default', '2'),
	('repeat.days', '90'),
	('repeat.min', '3'),
	('sla.ack.1', '3d'),
	('sla.ack.2', '1d'),
	('sla.ack.3', '4h'),
	('sla.ack.4', '1h'),
	('sla.resolve.1', '14d'),
	('sla.resolve.2', '7d'),
	('sla.resolve.3', '3d'),
	('sla.resolve.4', '24h'),
	('sla.week', ''),
	('sla.holidays', ''),
	('phone.country', ''),
	('offer.approval_limit', '100.00'),
	('ack.template.en', 'Dear {name},\n\nThank you for telling us about '
	    || 'this. We have recorded your complaint as case {case} and will '
	    || 'investigate it thoroughly. You will hear from us by {due}. We '
	    || 'cannot say yet what the outcome will be, but we will explain '
	    || 'it to you.\n'),
	('ack.template.id', 'Yth. {name},\n\nTerima kasih telah memberi '
	    || 'tahu kami. Keluhan Anda kami catat sebagai kasus {case} dan '
	    || 'akan kami selidiki dengan saksama. Anda akan mendapat kabar '
	    || 'dari kami paling lambat {due}. Kami belum dapat memastikan '
	    || 'hasilnya, tetapi kami akan menjelaskannya kepada Anda.\n'),
	('ack.template.sv', 'Hej {name},\n\nTack för att du hörde av dig. '
	    || 'Vi har registrerat ditt klagomål som ärende {case} och kommer '
	    || 'att utreda det noggrant. Du hör av oss senast {due}. Vi kan '
	    || 'ännu inte säga vad utfallet blir, men vi kommer att förklara '
	    || 'det för dig.\n'),
	('causes', 'product-defect,service-failure,delivery,billing,'
	    || 'communication,policy,customer-error,fraud,other');

-- What a case file is, and the version of the schema above: a new file
-- gets every lib/migrate-N.sql after it (casefile.c reads both numbers
-- here).  1131245676 is 0x436d706c, "Cmpl".
PRAGMA application_id = 1131245676;
PRAGMA user_version = 5;
