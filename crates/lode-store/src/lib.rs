//! Lode's SQLite store. It owns the database file: the one opening path (pragmas, identity and
//! version checks, migrations), the repositories for each record type, the audit log and backups.
//!
//! Writers take a [`Writer`] (a transaction that also knows who is writing and when); readers take a
//! `&Connection`. Every write to a record leaves an audit row. The store knows nothing of Tauri or
//! of the UI: it is called by `src-tauri` and by the `lode` CLI alike, and must never be handed SQL
//! from outside.

pub mod backup;
pub mod check;
pub mod checklist;
mod codes;
pub mod context;
pub mod data_dir;
pub mod demo;
mod demo_phase1;
mod demo_phase2;
mod demo_phase3;
mod error;
pub mod evidence;
pub mod export_log;
pub mod finalise;
pub mod forum;
pub mod import;
pub mod installation;
pub mod kinds;
pub mod licences;
mod migrations;
pub mod monitoring;
pub mod national;
pub mod note;
mod open;
pub mod partner;
pub mod plan;
pub mod record;
pub mod sector_types;
pub mod setting;
pub mod site;
pub mod strategy;
pub mod sync;
pub mod task_force;
pub mod trace;
pub mod vision;
pub mod workbench;
pub mod workspace;
mod writer;

pub use error::{Result, StoreError};
pub use migrations::{CURRENT_VERSION, LODE_APPLICATION_ID};
pub use open::{Context, Store};
pub use rusqlite::Connection;
pub use writer::{Action, Actor, Writer};

/// The name of the database file inside a data folder.
pub const DATABASE_FILE: &str = "lode.db";
