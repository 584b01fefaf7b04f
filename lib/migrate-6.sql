-- migrate-6.sql: schema 5 to 6: the conversation with the customer
-- (communications, each inbound mail's Message-ID among them),
-- attachments that belong to a message or were added from a file, and
-- the evidence a decision cites.  A new case file gets it too, on top of
-- schema.sql.
CREATE TABLE communications (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	dir		TEXT NOT NULL CHECK (dir IN ('in', 'out')),
	channel		TEXT NOT NULL,
	at		TEXT NOT NULL,
	party		TEXT,
	subject		TEXT,
	msgid		TEXT UNIQUE,
	sha256		TEXT,
	text		TEXT NOT NULL,
	created		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX communications_case ON communications(case_id, at, id);
ALTER TABLE attachments ADD COLUMN comm INTEGER
    REFERENCES communications(id);
ALTER TABLE attachments ADD COLUMN path TEXT;
ALTER TABLE attachments ADD COLUMN note TEXT;
ALTER TABLE attachments ADD COLUMN added TEXT;
CREATE TABLE citations (
	decision	INTEGER NOT NULL REFERENCES decisions(id),
	ref		TEXT NOT NULL,
	PRIMARY KEY (decision, ref)
) WITHOUT ROWID;
INSERT OR IGNORE INTO settings (key, value) VALUES ('mail.tag-any', '0');
