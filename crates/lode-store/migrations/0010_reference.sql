-- Sealing, acknowledgements and the reference package (issue 6).

-- This office's sealing key, a national office's: the age identity encrypted with a passphrase
-- that is never stored. District offices seal their bundles to its recipient. Local.
CREATE TABLE sealing_key (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    recipient  TEXT NOT NULL,
    protected  BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- The office this office seals its bundles to (the national office): from its reference package,
-- or typed in (from_bundle NULL). Local.
CREATE TABLE seal_to (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    office_name TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    set_at      INTEGER NOT NULL,
    from_bundle TEXT
) STRICT;

-- What the national office has acknowledged of this office's bundles (every one up to `sequence`
-- received): the next export carries what changed after `through`. Local.
CREATE TABLE acknowledged (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    sequence    INTEGER NOT NULL,
    through     INTEGER NOT NULL,
    bundle_id   TEXT NOT NULL,
    received_at INTEGER NOT NULL
) STRICT;

-- The end of the change range of each bundle received, to acknowledge it.
ALTER TABLE bundle_received ADD COLUMN through INTEGER NOT NULL DEFAULT 0;

-- The catalogues a national office publishes in its reference package, one row per language and
-- list. A synced table: its rows travel like any record. A district adds the codes it lacks to
-- its own lists.
CREATE TABLE reference_catalogue (
    id            TEXT PRIMARY KEY NOT NULL,
    origin_office TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted = 0 OR deleted = 1),
    lang          TEXT NOT NULL,
    list          TEXT NOT NULL,
    entries       TEXT NOT NULL
) STRICT;

CREATE INDEX reference_catalogue_by_list ON reference_catalogue (origin_office, lang, list);
