//! Integration tests of the store, on real SQLite files. Modules mirror `src/`.

mod audit;
mod backup;
mod common;
mod import;
mod licences;
mod national;
mod open;
mod phase1;
mod phase2;
mod phase3;
mod sync;
mod task_force;
mod workbench;
