-- migrate-7.sql: schema 6 to 7: each discrepancy names the two accounts
-- it compares (filled from its statements, or, for a statement told by
-- one side only, from the compare entry of the log that recorded it),
-- and a discrepancy is explained by what settled it, once or again.  A
-- new case file gets it too, on top of schema.sql.
ALTER TABLE discrepancies ADD COLUMN account_a INTEGER
	REFERENCES accounts(id);
ALTER TABLE discrepancies ADD COLUMN account_b INTEGER
	REFERENCES accounts(id);
UPDATE discrepancies SET
	account_a = (SELECT account FROM statements WHERE id = stmt_a),
	account_b = (SELECT account FROM statements WHERE id = stmt_b);
UPDATE discrepancies SET account_a = (SELECT
	json_extract(a.content, '$.account_a') FROM audit a
	WHERE a.action = 'compare' AND a.case_id = discrepancies.case_id
	AND json_valid(a.content)
	AND json_extract(a.content, '$.account_b') = discrepancies.account_b
	ORDER BY a.id DESC LIMIT 1) WHERE account_a IS NULL;
UPDATE discrepancies SET account_b = (SELECT
	json_extract(a.content, '$.account_b') FROM audit a
	WHERE a.action = 'compare' AND a.case_id = discrepancies.case_id
	AND json_valid(a.content)
	AND json_extract(a.content, '$.account_a') = discrepancies.account_a
	ORDER BY a.id DESC LIMIT 1) WHERE account_b IS NULL;
CREATE TABLE explanations (
	id		INTEGER PRIMARY KEY,
	discrepancy	INTEGER NOT NULL REFERENCES discrepancies(id),
	text		TEXT NOT NULL,
	cites		TEXT,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX explanations_discrepancy ON explanations(discrepancy, id);
