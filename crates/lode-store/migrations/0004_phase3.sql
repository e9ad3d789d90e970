-- Lode schema 4: Phase 3 records: the implementation plan and its preparation items (3.1), the
-- progress log (3.2), and monitoring and evaluation (3.3). Lists of ids or codes, budget lines and
-- review adjustments are JSON arrays; a zone's polygon is GeoJSON text.

-- The period the plan covers, one per workspace.
CREATE TABLE plan_period (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL,
    currency        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX plan_period_by_workspace ON plan_period (workspace_id);

-- Actions implementing the strategy; budget is an array of {amount, currency, year}.
CREATE TABLE plan_action (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    title           TEXT NOT NULL,
    instrument      TEXT NOT NULL DEFAULT '',
    type_ids        TEXT NOT NULL DEFAULT '[]',
    regions         TEXT NOT NULL DEFAULT '[]',
    department_id   TEXT NOT NULL DEFAULT '',
    partner_ids     TEXT NOT NULL DEFAULT '[]',
    funding_partner_id TEXT NOT NULL DEFAULT '',
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL,
    depends_on      TEXT NOT NULL DEFAULT '[]',
    budget          TEXT NOT NULL DEFAULT '[]',
    status          TEXT NOT NULL DEFAULT 'planned',
    notes           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX plan_action_by_workspace ON plan_action (workspace_id);

-- Capacity building, answering the gaps of the capacity assessment.
CREATE TABLE capacity_building (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    agency          TEXT NOT NULL DEFAULT '',
    skill           TEXT NOT NULL,
    trainees        INTEGER NOT NULL DEFAULT 0,
    capacity_cell_id TEXT NOT NULL DEFAULT '',
    action_id       TEXT NOT NULL DEFAULT '',
    start_on        TEXT,
    status          TEXT NOT NULL DEFAULT 'planned'
) STRICT;

CREATE INDEX capacity_building_by_workspace ON capacity_building (workspace_id);

-- Changes to laws and regulations the strategy needs.
CREATE TABLE legal_reform (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    instrument      TEXT NOT NULL,
    provision       TEXT NOT NULL DEFAULT '',
    change          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'proposed'
) STRICT;

CREATE INDEX legal_reform_by_workspace ON legal_reform (workspace_id);

-- Outreach to miners and communities.
CREATE TABLE outreach_campaign (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    audience        TEXT NOT NULL,
    channel         TEXT NOT NULL,
    language        TEXT NOT NULL DEFAULT '',
    message         TEXT NOT NULL,
    action_id       TEXT NOT NULL DEFAULT '',
    start_on        TEXT
) STRICT;

CREATE INDEX outreach_campaign_by_workspace ON outreach_campaign (workspace_id);

-- Pilots: an intervention tried at a site, with what it should show.
CREATE TABLE pilot (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    site_id         TEXT NOT NULL DEFAULT '',
    intervention    TEXT NOT NULL,
    hypothesis      TEXT NOT NULL,
    metrics         TEXT NOT NULL DEFAULT '',
    start_on        TEXT,
    end_on          TEXT,
    status          TEXT NOT NULL DEFAULT 'planned'
) STRICT;

CREATE INDEX pilot_by_workspace ON pilot (workspace_id);

-- ASM zones; the polygon is a GeoJSON geometry.
CREATE TABLE asm_zone (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    name            TEXT NOT NULL,
    polygon         TEXT,
    geology_notes   TEXT NOT NULL DEFAULT '',
    allocation_rules TEXT NOT NULL DEFAULT '',
    type_ids        TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX asm_zone_by_workspace ON asm_zone (workspace_id);

-- Progress of an action in a reporting period (a quarter).
CREATE TABLE progress_entry (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    action_id       TEXT NOT NULL,
    period          TEXT NOT NULL,
    outputs         TEXT NOT NULL DEFAULT '',
    spend           REAL,
    currency        TEXT NOT NULL DEFAULT '',
    issues          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL
) STRICT;

CREATE INDEX progress_entry_by_workspace ON progress_entry (workspace_id);

-- Indicators of the library the government adopts, with baseline and target.
CREATE TABLE adopted_indicator (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    indicator       TEXT NOT NULL,
    goal_ids        TEXT NOT NULL DEFAULT '[]',
    techniques      TEXT NOT NULL DEFAULT '[]',
    action_ids      TEXT NOT NULL DEFAULT '[]',
    baseline        REAL,
    target          REAL,
    baseline_on     TEXT,
    target_on       TEXT,
    owner           TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX adopted_indicator_by_workspace ON adopted_indicator (workspace_id);

-- Values of an adopted indicator over time.
CREATE TABLE measurement (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    indicator_id    TEXT NOT NULL,
    measured_on     TEXT NOT NULL,
    value           REAL NOT NULL,
    female          REAL,
    male            REAL,
    source          TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX measurement_by_workspace ON measurement (workspace_id);

-- Periodic reviews and the adjustments they lead to.
CREATE TABLE review (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    held_on         TEXT NOT NULL,
    period          TEXT NOT NULL DEFAULT '',
    findings        TEXT NOT NULL,
    adjustments     TEXT NOT NULL DEFAULT '[]',
    next_on         TEXT
) STRICT;

CREATE INDEX review_by_workspace ON review (workspace_id);
