-- migrate-2.sql: schema 1 to 2: attachments and the working week; the
-- default triage rules (rules.sql) follow it.  Embedded at build time.
CREATE TABLE attachments (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	name		TEXT,
	type		TEXT NOT NULL,
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id);
INSERT OR IGNORE INTO settings (key, value) VALUES
	('sla.week', ''), ('sla.holidays', '');
