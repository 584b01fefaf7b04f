-- migrate-9.sql: schema 8 to 9: what stats prints of the whole file,
-- kept as the cases change, so stats with no filter reads a few hundred
-- rows where it read every case.  Triggers keep the two tallies, so every
-- writer keeps them, the sqlite3 shell too; verify counts them again from
-- the cases (verify.c).  No row of the log's tables changes.  A new case
-- file gets them too, on top of schema.sql.

-- Made afresh, so a file whose version was set back is counted again.
DROP TRIGGER IF EXISTS tally_insert;
DROP TRIGGER IF EXISTS tally_update_old;
DROP TRIGGER IF EXISTS tally_update_new;
DROP TRIGGER IF EXISTS tally_delete;
DROP VIEW IF EXISTS tally_hours_of;
DROP TABLE IF EXISTS tally_cases;
DROP TABLE IF EXISTS tally_hours;

-- The cases by status, severity and channel ('-' for none, as stats
-- prints it).
CREATE TABLE tally_cases (
	status		TEXT NOT NULL,
	severity	INTEGER NOT NULL,
	channel		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (status, severity, channel)
) WITHOUT ROWID;

-- The cases by their seconds to acknowledge and to close (kind ack,
-- close), each rounded to the tenth of an hour stats prints it as: 360 m
-- seconds print as m tenths, and so does every count of seconds within
-- 180 of it; 360 m + 180 is kept as it is (printf rounds it by its binary
-- value), and so is a count below zero.
CREATE TABLE tally_hours (
	kind		TEXT NOT NULL,
	secs		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (kind, secs)
) WITHOUT ROWID;

-- Each case's entries of tally_hours: a time before 1970, or one that is
-- not a time, counts as none.
CREATE VIEW tally_hours_of AS
SELECT id, kind, CASE WHEN d < 0 OR d % 360 = 180 THEN d
    WHEN d % 360 < 180 THEN d - d % 360 ELSE d - d % 360 + 360 END AS secs
FROM (SELECT id, kind, t - r AS d FROM (
	SELECT id, 'ack' AS kind, unixepoch(acked) AS t,
	    unixepoch(received) AS r FROM cases
	UNION ALL
	SELECT id, 'close', unixepoch(closed), unixepoch(received) FROM cases)
    WHERE t >= 0 AND r >= 0);

INSERT INTO tally_cases (status, severity, channel, n)
SELECT status, severity, coalesce(channel, '-'), count(*) FROM cases
GROUP BY 1, 2, 3;
INSERT INTO tally_hours (kind, secs, n)
SELECT kind, secs, count(*) FROM tally_hours_of GROUP BY 1, 2;

-- With triggers that write other tables, an insert of a case is checked
-- as a parent of every foreign key that names cases, merged_into too:
-- this index keeps that check a search (it holds only merged cases).
DROP INDEX IF EXISTS cases_merged;
CREATE INDEX cases_merged ON cases(merged_into) WHERE merged_into IS NOT NULL;

-- A case counts in (+1) from its insert, out (-1) before its delete, and
-- out and in again around an update that changes what it counts by.  A
-- count that falls to 0 stays, and is not printed.
CREATE TRIGGER tally_insert AFTER INSERT ON cases BEGIN
	INSERT INTO tally_cases (status, severity, channel, n)
	VALUES (NEW.status, NEW.severity, coalesce(NEW.channel, '-'), 1)
	ON CONFLICT (status, severity, channel) DO UPDATE SET n = n + excluded.n;
	INSERT INTO tally_hours (kind, secs, n)
	SELECT kind, secs, 1 FROM tally_hours_of WHERE id = NEW.id
	    AND (NEW.acked IS NOT NULL OR NEW.closed IS NOT NULL)
	ON CONFLICT (kind, secs) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tally_update_old
BEFORE UPDATE OF status, severity, channel, received, acked, closed ON cases
WHEN OLD.status IS NOT NEW.status OR OLD.severity IS NOT NEW.severity
    OR OLD.channel IS NOT NEW.channel OR OLD.received IS NOT NEW.received
    OR OLD.acked IS NOT NEW.acked OR OLD.closed IS NOT NEW.closed
BEGIN
	INSERT INTO tally_cases (status, severity, channel, n)
	VALUES (OLD.status, OLD.severity, coalesce(OLD.channel, '-'), -1)
	ON CONFLICT (status, severity, channel) DO UPDATE SET n = n + excluded.n;
	INSERT INTO tally_hours (kind, secs, n)
	SELECT kind, secs, -1 FROM tally_hours_of WHERE id = OLD.id
	ON CONFLICT (kind, secs) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tally_update_new
AFTER UPDATE OF status, severity, channel, received, acked, closed ON cases
WHEN OLD.status IS NOT NEW.status OR OLD.severity IS NOT NEW.severity
    OR OLD.channel IS NOT NEW.channel OR OLD.received IS NOT NEW.received
    OR OLD.acked IS NOT NEW.acked OR OLD.closed IS NOT NEW.closed
BEGIN
	INSERT INTO tally_cases (status, severity, channel, n)
	VALUES (NEW.status, NEW.severity, coalesce(NEW.channel, '-'), 1)
	ON CONFLICT (status, severity, channel) DO UPDATE SET n = n + excluded.n;
	INSERT INTO tally_hours (kind, secs, n)
	SELECT kind, secs, 1 FROM tally_hours_of WHERE id = NEW.id
	ON CONFLICT (kind, secs) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tally_delete BEFORE DELETE ON cases BEGIN
	INSERT INTO tally_cases (status, severity, channel, n)
	VALUES (OLD.status, OLD.severity, coalesce(OLD.channel, '-'), -1)
	ON CONFLICT (status, severity, channel) DO UPDATE SET n = n + excluded.n;
	INSERT INTO tally_hours (kind, secs, n)
	SELECT kind, secs, -1 FROM tally_hours_of WHERE id = OLD.id
	ON CONFLICT (kind, secs) DO UPDATE SET n = n + excluded.n;
END;
