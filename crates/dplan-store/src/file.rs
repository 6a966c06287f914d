//! Files the store writes and reads besides its database: whole visits as
//! visit files, for the CLI and the app alike.

use std::path::Path;

use chrono::{DateTime, Utc};
use dplan_core::{VisitFile, VisitId};

use crate::{
    ImportOptions, ImportReport, Result, Store, StoreError,
    backup::{ScratchFile, folder_of},
};

/// Writes `bytes` beside `path` and renames the result into place, so an
/// interrupted export never leaves half a file under the requested name and
/// an existing file is replaced whole or not at all. The file written first
/// has a new name of its own, so no other file (a colleague's
/// `visit.json.partial`) is ever overwritten or removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut scratch = ScratchFile::new_in(folder_of(path), &format!(".{name}"))?;
    let failed = |source| StoreError::Io {
        context: format!("cannot write {}", path.display()),
        source,
    };
    std::fs::write(&scratch.path, bytes).map_err(failed)?;
    std::fs::rename(&scratch.path, path).map_err(failed)?;
    scratch.persisted = true;
    Ok(())
}

impl Store {
    /// Exports a visit to a visit file at `path` (see [`Store::export_visit`])
    /// and returns what was written.
    pub fn export_visit_file(
        &self,
        id: VisitId,
        path: &Path,
        exported_at: DateTime<Utc>,
        with_personal_data: bool,
    ) -> Result<VisitFile> {
        let file = self.export_visit(id, exported_at, with_personal_data)?;
        write_atomically(path, file.to_json().as_bytes())?;
        Ok(file)
    }

    /// Reads a visit file and imports it (see [`Store::import_visit`]). A
    /// file that cannot be read or is not a valid visit file changes nothing.
    pub fn import_visit_file(&mut self, path: &Path) -> Result<ImportReport> {
        self.import_visit_file_with(path, ImportOptions::default())
    }

    /// Reads a visit file and imports it with `options` (see
    /// [`Store::import_visit_with`]).
    pub fn import_visit_file_with(
        &mut self,
        path: &Path,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        let file = read_visit_file(path)?;
        self.import_visit_with(&file, options)
    }
}

/// Reads and validates a visit file, for a caller that imports it later
/// (the app keeps it while the user decides about shared records).
pub fn read_visit_file(path: &Path) -> Result<VisitFile> {
    let text = std::fs::read_to_string(path).map_err(|source| StoreError::Io {
        context: format!("cannot read {}", path.display()),
        source,
    })?;
    VisitFile::parse(&text).map_err(|source| StoreError::BadFile {
        path: path.display().to_string(),
        source,
    })
}
