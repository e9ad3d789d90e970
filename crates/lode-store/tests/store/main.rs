//! Integration tests of the store, on real SQLite files. Modules mirror `src/`.

mod audit;
mod backup;
mod common;
mod open;
mod workbench;
