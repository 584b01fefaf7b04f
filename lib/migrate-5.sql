-- migrate-5.sql: schema 4 to 5: each audit entry records the rows its
-- command wrote, and a redaction may not touch that record.
ALTER TABLE audit ADD COLUMN rows TEXT;
DROP TRIGGER IF EXISTS audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN NOT (old.redacted IS NULL AND new.redacted IS NOT NULL
    AND new.id = old.id AND new.at = old.at AND new.actor = old.actor
    AND new.case_id IS old.case_id AND new.action = old.action
    AND new.content_hash = old.content_hash
    AND new.chain_hash = old.chain_hash AND new.rows IS old.rows)
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
