-- migrate-4.sql: schema 3 to 4, remedies: the time and the step (agreed,
-- decided) that stopped a case's resolve clock, when a person graded its
-- severity, and triage rules read in their clause (negation, only_with,
-- not_with); the police and consumer-authority words (rules-remedies.sql)
-- follow it.
ALTER TABLE cases ADD COLUMN settled TEXT;
ALTER TABLE cases ADD COLUMN settled_by TEXT;
ALTER TABLE cases ADD COLUMN graded TEXT;
ALTER TABLE rules ADD COLUMN only_with TEXT;
ALTER TABLE rules ADD COLUMN not_with TEXT;
