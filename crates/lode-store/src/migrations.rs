//! The schema's history as numbered SQL files. Migration N brings `user_version` from N-1 to N.
//! Pragmas are never set inside a migration file: the opening path owns them.

/// Marks a SQLite file as Lode's ("LODE" in ASCII), stored in the header's application_id.
pub const LODE_APPLICATION_ID: i32 = 0x4C4F_4445;

pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_phase1.sql"),
    include_str!("../migrations/0003_phase2.sql"),
    include_str!("../migrations/0004_phase3.sql"),
    include_str!("../migrations/0005_licences.sql"),
    include_str!("../migrations/0006_licence_search.sql"),
    include_str!("../migrations/0007_sync.sql"),
    include_str!("../migrations/0008_audit_log.sql"),
    include_str!("../migrations/0009_sync_record.sql"),
    include_str!("../migrations/0010_reference.sql"),
    include_str!("../migrations/0011_export_audit.sql"),
];

/// The schema version this build writes and reads.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;
