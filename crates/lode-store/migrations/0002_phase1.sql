-- Lode schema 2: Phase 1 records: the task force (1.1), the stakeholder forum (1.2), the context
-- analysis (1.3: sites, capacity, supply chain, political economy) and partners (1.4).
-- Synced tables carry the same sync columns as in schema 1; lists of codes are JSON arrays.

-- One charter per workspace; an empty field is an answer not yet given.
CREATE TABLE task_force_charter (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL UNIQUE REFERENCES workspace (id),
    mandate         TEXT NOT NULL DEFAULT '',
    legal_basis     TEXT NOT NULL DEFAULT '',
    lead_agency     TEXT NOT NULL DEFAULT '',
    chair           TEXT NOT NULL DEFAULT '',
    secretariat     TEXT NOT NULL DEFAULT '',
    budget_amount   REAL CHECK (budget_amount IS NULL OR budget_amount >= 0),
    budget_currency TEXT NOT NULL DEFAULT '',
    adopted_on      TEXT
) STRICT;

CREATE TABLE task_force_member (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    agency          TEXT NOT NULL,
    department      TEXT NOT NULL DEFAULT '',
    focal_person    TEXT NOT NULL,
    level           TEXT NOT NULL CHECK (level IN ('national', 'province', 'district')),
    role            TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX task_force_member_by_workspace ON task_force_member (workspace_id);

CREATE TABLE task_force_meeting (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    held_on         TEXT NOT NULL,
    attendees       TEXT NOT NULL DEFAULT '',
    decisions       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX task_force_meeting_by_workspace ON task_force_meeting (workspace_id, held_on);

CREATE TABLE meeting_action (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    meeting_id      TEXT NOT NULL REFERENCES task_force_meeting (id),
    description     TEXT NOT NULL,
    owner           TEXT NOT NULL DEFAULT '',
    due_on          TEXT,
    done            INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
) STRICT;

CREATE INDEX meeting_action_by_meeting ON meeting_action (meeting_id);

-- Step 1.2: the forum's terms, one per workspace.
CREATE TABLE forum_charter (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    terms_of_reference TEXT NOT NULL DEFAULT '',
    meetings_per_year INTEGER CHECK (meetings_per_year IS NULL OR meetings_per_year BETWEEN 1 AND 52),
    levels TEXT NOT NULL DEFAULT '[]',
    UNIQUE (workspace_id)
) STRICT;

-- The stakeholder register.
CREATE TABLE stakeholder (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    organisation TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    representative_sex TEXT NOT NULL DEFAULT 'unknown',
    influence INTEGER NOT NULL DEFAULT 3 CHECK (influence BETWEEN 1 AND 5),
    interest INTEGER NOT NULL DEFAULT 3 CHECK (interest BETWEEN 1 AND 5),
    vulnerability TEXT NOT NULL DEFAULT '',
    vested_interests TEXT NOT NULL DEFAULT '',
    armed_group_links TEXT NOT NULL DEFAULT '',
    insider INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX stakeholder_by_workspace ON stakeholder (workspace_id, organisation);

-- Consultation events; attendance is a JSON array of {group, female, male}.
CREATE TABLE consultation_event (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    steps TEXT NOT NULL DEFAULT '[]',
    attendance TEXT NOT NULL DEFAULT '[]',
    issues_raised TEXT NOT NULL DEFAULT '',
    government_response TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX consultation_event_by_workspace ON consultation_event (workspace_id, held_on);

-- Step 1.3: the site inventory.
CREATE TABLE site (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    name TEXT NOT NULL,
    admin_unit TEXT NOT NULL,
    latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    commodity TEXT NOT NULL,
    deposit_type TEXT NOT NULL DEFAULT '',
    mechanisation TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    seasonality TEXT NOT NULL DEFAULT '',
    miners_female INTEGER NOT NULL DEFAULT 0 CHECK (miners_female >= 0),
    miners_male INTEGER NOT NULL DEFAULT 0 CHECK (miners_male >= 0),
    miners_under18 INTEGER NOT NULL DEFAULT 0 CHECK (miners_under18 >= 0),
    legal_status TEXT NOT NULL DEFAULT '',
    production_amount REAL,
    production_unit TEXT NOT NULL DEFAULT '',
    price_usd REAL,
    techniques TEXT NOT NULL DEFAULT '[]',
    mercury_kg_low REAL,
    mercury_kg_high REAL,
    mercury_method TEXT NOT NULL DEFAULT '',
    impacts TEXT NOT NULL DEFAULT '[]',
    impact_notes TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    confidence TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX site_by_name ON site (workspace_id, deleted, name);
CREATE INDEX site_by_commodity ON site (workspace_id, commodity);

-- The government capacity matrix: one cell per office and function.
CREATE TABLE capacity_cell (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    office TEXT NOT NULL,
    function TEXT NOT NULL,
    staff INTEGER NOT NULL DEFAULT 0,
    field_offices INTEGER NOT NULL DEFAULT 0,
    vehicles INTEGER NOT NULL DEFAULT 0,
    budget_usd REAL,
    skills TEXT NOT NULL DEFAULT '',
    data_systems TEXT NOT NULL DEFAULT '',
    mandate_clarity TEXT NOT NULL DEFAULT '',
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 3),
    gap TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

-- The supply-chain map: nodes and flows.
CREATE TABLE supply_node (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    name TEXT NOT NULL,
    node_type TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    licence_status TEXT NOT NULL DEFAULT '',
    risk_flags TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE supply_flow (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    from_node TEXT NOT NULL REFERENCES supply_node (id),
    to_node TEXT NOT NULL REFERENCES supply_node (id),
    volume REAL,
    volume_unit TEXT NOT NULL DEFAULT '',
    price REAL,
    currency TEXT NOT NULL DEFAULT '',
    pre_finance INTEGER NOT NULL DEFAULT 0,
    tax_point INTEGER NOT NULL DEFAULT 0,
    cross_border INTEGER NOT NULL DEFAULT 0,
    licence_status TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

-- The political-economy register.
CREATE TABLE political_actor (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    name TEXT NOT NULL,
    actor_type TEXT NOT NULL,
    interests TEXT NOT NULL DEFAULT '',
    power INTEGER NOT NULL DEFAULT 3 CHECK (power BETWEEN 1 AND 5),
    rents TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

-- Step 1.4: partners.
CREATE TABLE partner (
    id              TEXT PRIMARY KEY NOT NULL,
    origin_office   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    workspace_id    TEXT NOT NULL REFERENCES workspace (id),
    organisation TEXT NOT NULL,
    partner_type TEXT NOT NULL,
    programme TEXT NOT NULL DEFAULT '',
    commodity TEXT NOT NULL DEFAULT '',
    geography TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT '[]',
    funds REAL CHECK (funds IS NULL OR funds >= 0),
    currency TEXT NOT NULL DEFAULT '',
    start_on TEXT,
    end_on TEXT,
    agreement_status TEXT NOT NULL DEFAULT 'planned'
) STRICT;
