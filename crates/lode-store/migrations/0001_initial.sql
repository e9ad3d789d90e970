-- Lode schema 1: the installation, offices, workspaces, step checklists and notes, the audit log.
-- Every synced table carries: id (UUID v7 text), origin_office, created_at, updated_at (unix ms),
-- version (starts at 1, +1 per change) and deleted (tombstone flag: rows are never removed).

CREATE TABLE office (
    id            TEXT PRIMARY KEY NOT NULL,
    origin_office TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    name          TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('national', 'province', 'district')),
    country       TEXT NOT NULL,
    parent_name   TEXT
) STRICT;

-- Local to this installation, never synced: which office this is and who works at it.
CREATE TABLE installation (
    singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
    office_id     TEXT NOT NULL REFERENCES office (id),
    officer_name  TEXT NOT NULL,
    officer_role  TEXT NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;

-- Local preferences (language, current workspace), never synced.
CREATE TABLE setting (
    key           TEXT PRIMARY KEY NOT NULL,
    value         TEXT NOT NULL
) STRICT;

CREATE TABLE workspace (
    id            TEXT PRIMARY KEY NOT NULL,
    origin_office TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    name          TEXT NOT NULL,
    jurisdiction  TEXT NOT NULL,
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;

CREATE TABLE checklist_entry (
    id            TEXT PRIMARY KEY NOT NULL,
    origin_office TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id  TEXT NOT NULL REFERENCES workspace (id),
    step          TEXT NOT NULL,
    item_key      TEXT NOT NULL,
    ticked        INTEGER NOT NULL CHECK (ticked IN (0, 1)),
    done_on       TEXT,
    note          TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL,
    UNIQUE (workspace_id, step, item_key)
) STRICT;

CREATE TABLE step_note (
    id            TEXT PRIMARY KEY NOT NULL,
    origin_office TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id  TEXT NOT NULL REFERENCES workspace (id),
    step          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('note', 'decision')),
    text          TEXT NOT NULL,
    author        TEXT NOT NULL
) STRICT;

CREATE INDEX step_note_by_step ON step_note (workspace_id, step, created_at);

-- The note being typed, kept so that nothing is lost if the window closes. Local, never synced.
CREATE TABLE note_draft (
    workspace_id  TEXT NOT NULL REFERENCES workspace (id),
    step          TEXT NOT NULL,
    text          TEXT NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, step)
) STRICT;

-- Append-only: who changed what, when, with the record before and after as JSON.
CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    at            INTEGER NOT NULL,
    officer       TEXT NOT NULL,
    office_id     TEXT NOT NULL,
    table_name    TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before        TEXT,
    after         TEXT
) STRICT;

CREATE INDEX audit_log_by_record ON audit_log (table_name, record_id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
