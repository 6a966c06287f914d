//! The application layer of Delegation Planner: every user action as a
//! plain function with typed parameters and one error type, [`ApiError`].
//! The desktop app's Tauri commands and the `dplan` CLI both call these and
//! do no more than parse, call and present (GitButler's `but-api` is the
//! model). The front ends depend on this crate and on `dplan-core` only;
//! the store, roster, calendar, print and publish crates sit beneath it.
//!
//! An action takes the store it works on (`&Store` to read, `&mut Store`
//! to change), so each front end decides how the store is held: the app
//! behind a lock taken for one short step, the CLI for one command.

mod error;

pub mod calendar;
pub mod check;
pub mod data;
pub mod database;
pub mod exchange;
pub mod items;
pub mod itinerary;
pub mod people;
pub mod publish;
pub mod roster;
pub mod visits;

pub use error::{ApiError, Result};

/// The store both front ends open; its error report is what crosses IPC
/// and what the CLI prints.
pub use dplan_store::{ErrorReport, SCHEMA_VERSION, Store, StoreError, default_db_path};

/// Opens (or creates) the SQLite database at `path`, migrating it; the
/// error names the file. (A front end opens what the user's setting names
/// with [`database::open`].)
pub fn open(path: &std::path::Path) -> Result<Store> {
    Store::open(path).map_err(|e| ApiError::from(e).about_file(path))
}

/// Writes a file whole or not at all (a document the user saves); the
/// error names the file.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    dplan_store::write_atomically(path, bytes).map_err(|e| ApiError::from(e).about_file(path))
}
