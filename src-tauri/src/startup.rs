//! What the window needs at start, and the startup trace.

use dplan_core::view::AppInfo;
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    state.with(|s| {
        Ok(AppInfo {
            db_path: state.db_path.display().to_string(),
            empty: s.is_empty()?,
            version: env!("CARGO_PKG_VERSION").to_string(),
            open_visit: state.open_visit.clone(),
        })
    })
}

/// The window reports that a main screen has been painted with its data.
/// With `DPLAN_TRACE` set, the app writes `dplan-trace: shown SCREEN` to
/// standard error, so a harness can time a start from launch to a screen
/// (`crates/dplan-launch-bench`). Otherwise it does nothing.
#[tauri::command]
pub fn screen_shown(state: State<'_, AppState>, screen: String) {
    if state.trace {
        // The screen name comes from the webview: keep only a plain word.
        let screen: String = screen
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(32)
            .collect();
        eprintln!("dplan-trace: shown {screen}");
    }
}
