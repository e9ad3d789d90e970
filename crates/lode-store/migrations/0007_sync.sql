-- Lode schema 7: exchanging bundles between offices. All local: none of these rows travel.

-- This office's Ed25519 signing key (the secret stays in this file; back it up with the database).
CREATE TABLE office_key (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    key_id      TEXT NOT NULL,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    secret_key  BLOB NOT NULL CHECK (length(secret_key) = 32),
    created_at  INTEGER NOT NULL
) STRICT;

-- The keys of other offices this office accepts bundles from; a revoked key is kept, refused.
CREATE TABLE trusted_key (
    key_id      TEXT PRIMARY KEY NOT NULL,
    office_name TEXT NOT NULL,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    trusted_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT;

-- Each bundle this office wrote: the next one carries what changed after `through`.
CREATE TABLE bundle_sent (
    sequence    INTEGER PRIMARY KEY,
    bundle_id   TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    after       INTEGER NOT NULL,
    through     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    records     INTEGER NOT NULL
) STRICT;

-- Each bundle this office applied, with its review state.
CREATE TABLE bundle_received (
    bundle_id     TEXT PRIMARY KEY NOT NULL,
    kind          TEXT NOT NULL,
    origin_office TEXT NOT NULL,
    office_name   TEXT NOT NULL,
    key_id        TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    file_name     TEXT NOT NULL,
    received_at   INTEGER NOT NULL,
    received_by   TEXT NOT NULL,
    counts        TEXT NOT NULL,
    sequence_note TEXT NOT NULL DEFAULT '',
    review_state  TEXT NOT NULL DEFAULT 'received'
                  CHECK (review_state IN ('received', 'accepted', 'has_issues', 'rejected')),
    review_comment TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX bundle_received_by_office ON bundle_received (origin_office, sequence);

-- The version of each record last exchanged with another office (sent or received): a record
-- changed here and there since that version is a conflict; an incoming version not above it is old.
CREATE TABLE sync_base (
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (table_name, record_id)
) STRICT, WITHOUT ROWID;

-- Where each imported record came from.
CREATE TABLE record_provenance (
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    bundle_id   TEXT NOT NULL,
    office_name TEXT NOT NULL,
    officer     TEXT NOT NULL,
    changed_at  INTEGER NOT NULL,
    PRIMARY KEY (table_name, record_id)
) STRICT, WITHOUT ROWID;

-- Records changed at both ends since their common version, waiting for an officer's decision.
CREATE TABLE sync_conflict (
    id            INTEGER PRIMARY KEY,
    table_name    TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    bundle_id     TEXT NOT NULL,
    office_name   TEXT NOT NULL,
    officer       TEXT NOT NULL,
    changed_at    INTEGER NOT NULL,
    base_version  INTEGER,
    local_row     TEXT NOT NULL,
    incoming_row  TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
    resolution    TEXT NOT NULL DEFAULT '',
    resolved_at   INTEGER,
    resolved_by   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX sync_conflict_open ON sync_conflict (state, table_name, record_id);

-- Records that arrived before a record they refer to (a bundle read out of order): kept here and
-- applied by the import that brings the missing record.
CREATE TABLE sync_pending (
    table_name    TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    version       INTEGER NOT NULL,
    line          TEXT NOT NULL,
    bundle_id     TEXT NOT NULL,
    office_name   TEXT NOT NULL,
    PRIMARY KEY (table_name, record_id)
) STRICT, WITHOUT ROWID;
