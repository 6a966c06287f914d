//! The store the commands share. If the database cannot be opened (a newer
//! dplan wrote it, the disk is full), the app still starts and every command
//! answers with the reason, so the window can say what is wrong.

use std::path::PathBuf;
use std::sync::Mutex;

use dplan_store::Store;

use crate::error::{IpcError, IpcResult};

pub struct AppState {
    pub db_path: PathBuf,
    /// The visit named with `--open` on the command line.
    pub open_visit: Option<String>,
    /// Whether `DPLAN_TRACE` asks for the startup trace.
    pub trace: bool,
    store: Result<Mutex<Store>, String>,
}

impl AppState {
    pub fn open(db_path: PathBuf, open_visit: Option<String>, trace: bool) -> AppState {
        let store = Store::open(&db_path)
            .map(Mutex::new)
            .map_err(|e| format!("cannot open the database {}: {e}", db_path.display()));
        AppState {
            db_path,
            open_visit,
            trace,
            store,
        }
    }

    /// Runs `f` with the store locked.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> IpcResult<T>) -> IpcResult<T> {
        let lock = self
            .store
            .as_ref()
            .map_err(|e| IpcError::storage(e.clone()))?;
        let mut store = lock.lock().map_err(|_| {
            IpcError::storage(
                "the database is unavailable after an earlier failure; restart the app".into(),
            )
        })?;
        f(&mut store)
    }
}
