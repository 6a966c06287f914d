//! The store the commands share. If the database cannot be opened (a newer
//! dplan wrote it, the disk is full), the app still starts and every command
//! answers with the reason, so the window can say what is wrong.

use std::sync::Mutex;

use dplan_api::Store;
use dplan_api::roster::Table;
use dplan_core::{Lang, VisitFile};

use crate::error::{IpcError, IpcResult};

pub struct AppState {
    /// The database setting: a SQLite file's path or a server's address.
    db: Mutex<String>,
    /// The visit named with `--open` on the command line.
    pub open_visit: Option<String>,
    /// Whether `DPLAN_TRACE` asks for the startup trace.
    pub trace: bool,
    /// The store, or why it did not open; replaced whole when the user
    /// chooses another database.
    store: Mutex<Result<Store, IpcError>>,
    /// Raised each time the app switches to another database, so the
    /// live-update thread listens to the one in use.
    generation: std::sync::atomic::AtomicU64,
    /// Whether `DPLAN_DB` chose the database.
    pub db_from_environment: bool,
    /// The team database's password, once the user gave it: kept in memory
    /// only, never written, gone when the app closes.
    db_password: Mutex<Option<String>>,
    /// The participant list read last, while the import dialog reviews it.
    list: Mutex<Option<Table>>,
    /// The visit file read last, between its dry run and the import the
    /// user confirms, so the file is read once and its path stays here.
    visit_file: Mutex<Option<VisitFile>>,
    /// The UI's language, in which field errors are written.
    lang: Mutex<Lang>,
    /// The CalDAV password, once the user gave it: kept in memory only,
    /// never written, gone when the app closes.
    caldav_password: Mutex<Option<String>>,
    /// Held while calendars are published, one publish at a time.
    publishing: Mutex<()>,
}

impl AppState {
    pub fn open(
        db: String,
        db_from_environment: bool,
        open_visit: Option<String>,
        trace: bool,
    ) -> AppState {
        let store = Self::open_store(&db, None);
        AppState {
            db: Mutex::new(db),
            generation: std::sync::atomic::AtomicU64::new(0),
            db_from_environment,
            db_password: Mutex::new(None),
            open_visit,
            trace,
            store: Mutex::new(store),
            list: Mutex::new(None),
            visit_file: Mutex::new(None),
            lang: Mutex::new(Lang::De),
            caldav_password: Mutex::new(None),
            publishing: Mutex::new(()),
        }
    }

    fn open_store(db: &str, password: Option<&str>) -> Result<Store, IpcError> {
        dplan_api::database::open(db, password).map_err(IpcError::from)
    }

    /// How many times the app switched databases.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The database setting in use.
    pub fn db(&self) -> String {
        self.db.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Opens the database `setting` names (with the password the user gave,
    /// kept in memory) and works on it from now on. If it does not open,
    /// the database in use stays and the error says why.
    /// `keep` runs once it opened (it saves the setting) and before the
    /// switch; if it fails, nothing changes.
    pub fn switch_to(
        &self,
        setting: String,
        password: Option<String>,
        keep: impl FnOnce() -> IpcResult<()>,
    ) -> IpcResult<()> {
        let password = password.filter(|p| !p.is_empty()).or_else(|| {
            self.db_password
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
        });
        let store = blocking(|| Self::open_store(&setting, password.as_deref()))
            .map_err(|e| e.in_lang(self.lang()))?;
        keep().map_err(|e| e.in_lang(self.lang()))?;
        *self.store.lock().unwrap_or_else(|p| p.into_inner()) = Ok(store);
        *self.db.lock().unwrap_or_else(|p| p.into_inner()) = setting;
        *self.db_password.lock().unwrap_or_else(|p| p.into_inner()) = password;
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Waits for any other publish to end; publishing until dropped.
    pub fn publishing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.publishing.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn caldav_password(&self) -> Option<String> {
        self.caldav_password
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_caldav_password(&self, password: String) {
        *self
            .caldav_password
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(password);
    }

    /// Runs `f` with the store locked.
    ///
    /// A failure in one command never disables the store for the session:
    /// a panic inside `f` is caught here and answered as an `internal`
    /// error, and a lock poisoned by a panic that escaped anyway is taken
    /// over. The store is consistent either way, because a transaction
    /// that was open when the panic unwound was rolled back as it was
    /// dropped.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> IpcResult<T>) -> IpcResult<T> {
        let mut slot = self.store.lock().unwrap_or_else(|poisoned| {
            self.store.clear_poison();
            poisoned.into_inner()
        });
        let store = slot.as_mut().map_err(|e| e.clone().in_lang(self.lang()))?;
        blocking(|| contained(|| f(store))).map_err(|e| e.in_lang(self.lang()))
    }

    /// The UI's language (German until the UI says otherwise).
    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
    }

    /// Keeps a participant list for the import dialog's next steps.
    pub fn keep_list(&self, table: Table) {
        *self.list.lock().unwrap_or_else(|p| p.into_inner()) = Some(table);
    }

    /// Runs `f` with the participant list read last.
    pub fn with_list<T>(&self, f: impl FnOnce(&Table) -> IpcResult<T>) -> IpcResult<T> {
        // A list is replaced whole, so one left by a panicking command is
        // still a whole list.
        let list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        match list.as_ref() {
            Some(table) => f(table),
            None => Err(IpcError::internal(
                "no participant list has been read; choose a file first",
            )),
        }
    }
}

/// Runs blocking database work from a command. Tauri runs commands on its
/// async runtime's worker threads, and the team database's client blocks
/// on a runtime of its own, which a worker thread may not do; here the
/// worker hands its other tasks on while `f` runs. Outside a runtime (the
/// app's start, tests) it just runs `f`.
pub fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

/// Runs `f`, turning a panic into an `internal` error, so that a bug met by
/// one command ends that command with a message instead of leaving the
/// window waiting for an answer that never comes.
pub fn contained<T>(f: impl FnOnce() -> IpcResult<T>) -> IpcResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(IpcError::internal(
            "the command failed unexpectedly and changed nothing; the app can be used on",
        ))
    })
}

impl AppState {
    /// Keeps a visit file until the user has decided how to import it.
    pub fn keep_visit_file(&self, file: VisitFile) {
        // A file is replaced whole, so one left by a panicking command is
        // still a whole file.
        *self.visit_file.lock().unwrap_or_else(|p| p.into_inner()) = Some(file);
    }

    /// The visit file read last, if any.
    pub fn kept_visit_file(&self) -> Option<VisitFile> {
        self.visit_file
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Forgets the visit file read last, once it is imported.
    pub fn forget_visit_file(&self) {
        *self.visit_file.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}
