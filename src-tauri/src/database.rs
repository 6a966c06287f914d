//! Commands for the database setting: which database the app works on, a
//! connection test, and switching to another (a team's server, or back to
//! the file). The password of a server is kept in memory only.

use dplan_api::database::{self, DatabaseChoice, DatabaseInfo};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn database_choice(state: State<'_, AppState>) -> IpcResult<DatabaseChoice> {
    Ok(database::choice(&state.db(), state.db_from_environment)?)
}

/// Connects to the database `setting` names and says what it holds; the
/// database in use is not touched.
#[tauri::command(async)]
pub fn test_database(
    state: State<'_, AppState>,
    setting: String,
    password: Option<String>,
) -> IpcResult<DatabaseInfo> {
    let password = password.filter(|p| !p.is_empty());
    crate::state::blocking(|| database::test(&setting, password.as_deref()))
        .map_err(|e| crate::error::IpcError::from(e).in_lang(state.lang()))
}

/// Works on the team's server database `setting` names from now on and
/// remembers it (`None`: the local file, the one `DPLAN_DB` names or the
/// default); if it does not open, nothing changes.
#[tauri::command(async)]
pub fn use_database(
    state: State<'_, AppState>,
    setting: Option<String>,
    password: Option<String>,
) -> IpcResult<()> {
    let target = match &setting {
        Some(s) => database::check_server(s)?,
        None => match std::env::var("DPLAN_DB")
            .ok()
            .filter(|s| !s.trim().is_empty() && !dplan_api::database::is_server_address(s))
        {
            // The local file is the one the environment names, if it does.
            Some(file) => file,
            None => database::default_setting()?,
        },
    };
    state.switch_to(target, password, || Ok(database::save(setting.as_deref())?))
}
