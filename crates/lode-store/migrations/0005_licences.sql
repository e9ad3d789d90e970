-- Lode schema 5: the licence-holder registry: holders (individuals, cooperatives, companies) with
-- their licence, and the history of every status change. Both are synced records with the same
-- sync columns as the other tables.

CREATE TABLE licence_holder (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    holder_kind     TEXT NOT NULL CHECK (holder_kind IN ('individual', 'cooperative', 'company')),
    name            TEXT NOT NULL,
    national_id     TEXT NOT NULL DEFAULT '',
    birth_date      TEXT,
    sex             TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'female', 'male', 'unknown')),
    licence_type    TEXT NOT NULL,
    licence_number  TEXT NOT NULL DEFAULT '',
    site_id         TEXT NOT NULL DEFAULT '',
    zone_id         TEXT NOT NULL DEFAULT '',
    commodity       TEXT NOT NULL DEFAULT '',
    issued_on       TEXT,
    expires_on      TEXT,
    status          TEXT NOT NULL
                    CHECK (status IN ('applied', 'granted', 'suspended', 'expired', 'revoked')),
    accept_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (accept_duplicate IN (0, 1))
) STRICT;

-- The register's default order (and the page a name sort reads) without sorting every holder.
CREATE INDEX licence_holder_by_name
    ON licence_holder (workspace_id, deleted, name COLLATE NOCASE);
-- Duplicate checks: the national ID as compared (ignoring case and spaces); the birth date, whose
-- few holders are then compared by name in Rust (case folded beyond ASCII).
CREATE INDEX licence_holder_by_national_id
    ON licence_holder (workspace_id, lower(replace(national_id, ' ', '')));
CREATE INDEX licence_holder_by_birth_date ON licence_holder (workspace_id, birth_date);
-- Looking a licence up by its number.
CREATE INDEX licence_holder_by_licence_number ON licence_holder (workspace_id, licence_number);
-- The status filter and the counts by status, already in name order.
CREATE INDEX licence_holder_by_status
    ON licence_holder (workspace_id, deleted, status, name COLLATE NOCASE);
-- "Expiring within N days" and the renewals due.
CREATE INDEX licence_holder_by_expiry ON licence_holder (workspace_id, deleted, expires_on);

-- One row per status a holder was given: from '' when the holder was first recorded.
CREATE TABLE licence_status_change (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    holder_id       TEXT NOT NULL REFERENCES licence_holder (id),
    from_status     TEXT NOT NULL DEFAULT '',
    to_status       TEXT NOT NULL,
    changed_at      INTEGER NOT NULL,
    changed_by      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX licence_status_change_by_holder ON licence_status_change (holder_id, changed_at);
