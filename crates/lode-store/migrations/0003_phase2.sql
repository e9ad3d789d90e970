-- Lode schema 3: Phase 2 records: the vision (2.1), ASM types and priorities (2.2), the
-- strategy per type (2.3) and the signed versions of the strategy (2.4). Synced tables carry
-- the same sync columns as before; lists of codes or ids are JSON arrays.

-- Supply flows may name their commodity, so the checks know which types cross a border.
ALTER TABLE supply_flow ADD COLUMN commodity TEXT NOT NULL DEFAULT '';

-- Site names sort without regard to case.
CREATE INDEX site_by_name_nocase ON site (workspace_id, deleted, name COLLATE NOCASE);

-- One vision statement per workspace.
CREATE TABLE vision (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    statement       TEXT NOT NULL DEFAULT '',
    adopted_on      TEXT
) STRICT;

CREATE INDEX vision_by_workspace ON vision (workspace_id);

-- Issues of greatest significance, with evidence: a JSON array of {kind, id} of Phase 1 records.
CREATE TABLE strategy_issue (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    description     TEXT NOT NULL,
    category        TEXT NOT NULL,
    severity        INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
    scope           TEXT NOT NULL DEFAULT '',
    evidence        TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX strategy_issue_by_workspace ON strategy_issue (workspace_id);

-- Goals, with the issues they address and the indicators that will show progress.
CREATE TABLE strategy_goal (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    statement       TEXT NOT NULL,
    issues          TEXT NOT NULL DEFAULT '[]',
    indicators      TEXT NOT NULL DEFAULT '[]',
    target          TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX strategy_goal_by_workspace ON strategy_goal (workspace_id);

-- The government's category for a technique, where it departs from or confirms the catalogue's.
CREATE TABLE technique_assessment (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    technique       TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('unacceptable', 'poor', 'good')),
    rationale       TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX technique_assessment_by_workspace ON technique_assessment (workspace_id);

-- ASM types: each dimension is a code or "" for any; sites fall into the most specific match.
CREATE TABLE asm_type (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    name            TEXT NOT NULL,
    commodity       TEXT NOT NULL DEFAULT '',
    deposit_group   TEXT NOT NULL DEFAULT '',
    mechanisation   TEXT NOT NULL DEFAULT '',
    scale           TEXT NOT NULL DEFAULT '',
    to_formalise    INTEGER NOT NULL DEFAULT 1,
    leverage        INTEGER CHECK (leverage IS NULL OR leverage BETWEEN 0 AND 3),
    justification   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX asm_type_by_workspace ON asm_type (workspace_id);

-- Prioritisation criteria: the four built-ins (by basis) once their weight is set, and manual ones.
CREATE TABLE priority_criterion (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    basis           TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    weight          INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100)
) STRICT;

CREATE INDEX priority_criterion_by_workspace ON priority_criterion (workspace_id);

-- A type's score on a manual criterion.
CREATE TABLE type_score (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    type_id         TEXT NOT NULL REFERENCES asm_type (id),
    criterion_id    TEXT NOT NULL REFERENCES priority_criterion (id),
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5)
) STRICT;

CREATE INDEX type_score_by_workspace ON type_score (workspace_id);

-- The economics and impacts approaches of one type.
CREATE TABLE type_strategy (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    type_id         TEXT NOT NULL REFERENCES asm_type (id),
    allocate_land   TEXT NOT NULL DEFAULT '',
    land_form       TEXT NOT NULL DEFAULT '',
    land_notes      TEXT NOT NULL DEFAULT '',
    economics_rationale TEXT NOT NULL DEFAULT '',
    impacts_approach TEXT NOT NULL DEFAULT '',
    impacts_rationale TEXT NOT NULL DEFAULT '',
    licence_type    TEXT NOT NULL DEFAULT '',
    transboundary   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX type_strategy_by_workspace ON type_strategy (workspace_id);

-- An instrument chosen for a type: what it does to which techniques, and which goals it serves.
CREATE TABLE strategy_measure (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    type_id         TEXT NOT NULL REFERENCES asm_type (id),
    instrument      TEXT NOT NULL,
    approach        TEXT NOT NULL CHECK (approach IN ('economics', 'impacts')),
    techniques      TEXT NOT NULL DEFAULT '[]',
    action          TEXT NOT NULL DEFAULT '',
    goals           TEXT NOT NULL DEFAULT '[]',
    rationale       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX strategy_measure_by_workspace ON strategy_measure (workspace_id);

-- Versions of the strategy: a signed one keeps a snapshot of every Phase 2 record and locks them;
-- `note` says why it was signed with `open_findings` findings unresolved (a strategy may cover its
-- priority types first).
CREATE TABLE strategy_version (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    number          INTEGER NOT NULL CHECK (number >= 1),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    signed_by       TEXT NOT NULL DEFAULT '',
    signed_at       INTEGER,
    note            TEXT NOT NULL DEFAULT '',
    open_findings   INTEGER NOT NULL DEFAULT 0,
    snapshot        TEXT NOT NULL DEFAULT 'null'
) STRICT;

CREATE INDEX strategy_version_by_workspace ON strategy_version (workspace_id);
