//! Integration tests of the store, on real SQLite files. Modules mirror `src/`.

mod common;
mod audit;
mod backup;
mod open;
mod workbench;
