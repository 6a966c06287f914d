//! Whole visits in and out as visit files (format: docs/visit-file.md).

use std::path::Path;

use chrono::Utc;
use dplan_core::{VisitFile, VisitId};

use crate::{ApiError, Result, Store};

pub use dplan_store::{ImportOptions, ImportReport, SharedChange, SharedKind, SharedRecords};

/// Writes the visit's file to `path` (whole or not at all); personal data
/// only when asked for. Returns what it holds.
pub fn export_to(
    store: &Store,
    visit: VisitId,
    path: &Path,
    personal_data: bool,
) -> Result<VisitFile> {
    Ok(store.export_visit_file(visit, path, Utc::now(), personal_data)?)
}

/// Reads and checks a visit file.
pub fn read_file(path: &Path) -> Result<VisitFile> {
    Ok(dplan_store::read_visit_file(path)?)
}

/// Imports a visit file read before: a new visit, or an update of the one
/// with the same id. `options` say what happens to persons and venues
/// other visits also use, and whether to store anything.
pub fn import(store: &mut Store, file: &VisitFile, options: ImportOptions) -> Result<ImportReport> {
    Ok(store.import_visit_with(file, options)?)
}

/// Reads and imports a visit file; nothing is stored when anything in it
/// is wrong, and the error names the file.
pub fn import_file(store: &mut Store, path: &Path, options: ImportOptions) -> Result<ImportReport> {
    store
        .import_visit_file_with(path, options)
        .map_err(|e| ApiError::from(e).about_file(path))
}
