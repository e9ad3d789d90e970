-- The audit log, rebuilt for speed: every write of every record adds a row here, so its insert
-- should cost little more than the record's own. AUTOINCREMENT read and rewrote sqlite_sequence on
-- every insert, and the CHECK's IN list built a temporary table each time. Without them nothing
-- changes for the log: no row is ever deleted (the triggers refuse it), so a new row's seq is
-- still above every earlier one and never reused.
CREATE TABLE audit_log_rebuilt (
    seq           INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    officer       TEXT NOT NULL,
    office_id     TEXT NOT NULL,
    table_name    TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
    before        TEXT,
    after         TEXT
) STRICT;

INSERT INTO audit_log_rebuilt (seq, at, officer, office_id, table_name, record_id, action, before, after)
SELECT seq, at, officer, office_id, table_name, record_id, action, before, after FROM audit_log;

DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;
DELETE FROM sqlite_sequence WHERE name = 'audit_log';

CREATE INDEX audit_log_by_record ON audit_log (table_name, record_id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
