-- Exports of registers (and, later, of documents) are audited too: the log gains the action
-- 'export'. A CHECK cannot be altered in place, so the log is rebuilt as migration 8 built it
-- (seq INTEGER PRIMARY KEY without AUTOINCREMENT, the CHECK as a chain of equalities rather than
-- an IN list, the index by record, the two triggers that keep it append-only), every row kept
-- with its seq. An export row names the register in table_name and the workspace in record_id,
-- and says what was written in `after`; it has no `before`.
CREATE TABLE audit_log_rebuilt (
    seq           INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    officer       TEXT NOT NULL,
    office_id     TEXT NOT NULL,
    table_name    TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'
                                       OR action = 'export'),
    before        TEXT,
    after         TEXT
) STRICT;

INSERT INTO audit_log_rebuilt (seq, at, officer, office_id, table_name, record_id, action, before, after)
SELECT seq, at, officer, office_id, table_name, record_id, action, before, after FROM audit_log;

-- Dropping the old log drops its index and its triggers with it; the implicit delete of a DROP
-- fires no trigger.
DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;

CREATE INDEX audit_log_by_record ON audit_log (table_name, record_id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
