//! The desktop app: a thin Tauri layer over `dplan-store`. Commands (one file
//! per area) take the shared [`state::AppState`], call one store function and
//! map its error into [`error::IpcError`], which keeps the error's kind.

mod error;
mod participants;
mod programme;
mod state;
mod visits;

use std::path::PathBuf;

/// The database the app opens: `DPLAN_DB` if set (as for the CLI), else the
/// default in the platform's app-data folder, the same file `dplan` uses.
fn db_path() -> PathBuf {
    std::env::var_os("DPLAN_DB")
        .map(PathBuf::from)
        .or_else(dplan_store::default_db_path)
        .unwrap_or_else(|| PathBuf::from("dplan.sqlite3"))
}

pub fn run() {
    let state = state::AppState::open(db_path());
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            visits::app_info,
            visits::list_visits,
            visits::get_visit,
            visits::create_visit,
            visits::update_visit,
            visits::delete_visit,
            visits::duplicate_visit,
            visits::load_demo,
            participants::list_persons,
            participants::add_participant,
            participants::remove_participant,
            participants::reorder_participants,
            programme::list_venues,
            programme::create_item,
            programme::update_item,
            programme::delete_item,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Delegation Planner could not start: {e}");
        std::process::exit(1);
    }
}
