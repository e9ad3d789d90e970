//! Lode's domain, pure: offices, workspaces, the guidance's three phases and eleven steps, how a
//! step's readiness is computed, input validation, and the catalogue of user-facing messages.
//!
//! This crate owns rules and types only. It must never touch a file, a database, the network or
//! Tauri: the store and the shells call into it, never the other way round. Reference content
//! (guidance text, checklists, messages) is data under `assets/`, compiled in with `include_str!`.

pub mod catalogue;
pub mod clock;
pub mod form;
pub mod guidance;
pub mod language;
pub mod messages;
pub mod office;
pub mod readiness;
pub mod step;
pub mod validation;
pub mod workspace;

pub use clock::{Clock, IdGen, Millis};
pub use language::Lang;
pub use step::{Phase, StepId};
pub use validation::{FieldError, Invalid};
