//! The native file dialogs, opened on the Rust side so the webview never
//! names a path. `None` means the user cancelled.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

use crate::error::{IpcError, IpcResult};

/// A filter of the dialog: its name and the extensions it shows.
pub type Filter<'a> = (&'a str, &'a [&'a str]);

fn builder(app: &AppHandle, filters: &[Filter<'_>]) -> FileDialogBuilder<tauri::Wry> {
    filters.iter().fold(app.dialog().file(), |b, (name, exts)| {
        b.add_filter(*name, exts)
    })
}

/// Asks where to save, offering `suggested_name`.
pub fn save_path(
    app: &AppHandle,
    filters: &[Filter<'_>],
    suggested_name: &str,
) -> IpcResult<Option<PathBuf>> {
    builder(app, filters)
        .set_file_name(suggested_name)
        .blocking_save_file()
        .map(|p| p.into_path().map_err(IpcError::internal))
        .transpose()
}

/// Asks for a file to open.
pub fn open_path(app: &AppHandle, filters: &[Filter<'_>]) -> IpcResult<Option<PathBuf>> {
    builder(app, filters)
        .blocking_pick_file()
        .map(|p| p.into_path().map_err(IpcError::internal))
        .transpose()
}

/// Asks where to save and writes `bytes` there whole (or not at all).
/// Returns the path written.
pub fn save_bytes(
    app: &AppHandle,
    filter: Filter<'_>,
    suggested_name: &str,
    bytes: &[u8],
) -> IpcResult<Option<String>> {
    let Some(path) = save_path(app, &[filter], suggested_name)? else {
        return Ok(None);
    };
    dplan_api::write_file(&path, bytes)?;
    Ok(Some(path.display().to_string()))
}
