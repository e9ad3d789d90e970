-- One row per record exchanged with another office: the version last exchanged, sent or received
-- (the base a conflict is judged against), and for a record received, where it came from. It
-- replaces sync_base and record_provenance, which cost an import two rows per record.
CREATE TABLE sync_record (
    table_name   TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    bundle_id    TEXT,
    office_name  TEXT,
    officer      TEXT,
    changed_at   INTEGER,
    PRIMARY KEY (table_name, record_id)
) STRICT, WITHOUT ROWID;

-- Every record given a provenance was given a base in the same pass.
INSERT INTO sync_record (table_name, record_id, base_version, bundle_id, office_name, officer, changed_at)
SELECT b.table_name, b.record_id, b.version, p.bundle_id, p.office_name, p.officer, p.changed_at
FROM sync_base b LEFT JOIN record_provenance p
  ON p.table_name = b.table_name AND p.record_id = b.record_id;

DROP TABLE sync_base;
DROP TABLE record_provenance;
