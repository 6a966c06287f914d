//! The store of Delegation Planner, and the only crate with SQL in it: an
//! embedded SQLite file by default, or a team's database on a PostgreSQL
//! server ([`Store::open_database`] chooses by the database setting).
//!
//! [`Store`] owns one connection to either. The entity modules are
//! functions over [`sql::Sql`], the SQL both backends speak, and every
//! write of more than one row runs in one [`sql::Tx`] from
//! [`Store::begin`]. [`Store::connect`] brings a server database's schema
//! up to date (see [`server`]). [`Store::open`] turns on WAL, foreign keys,
//! secure deletion and a busy timeout, refuses files that are not ours or
//! that a newer dplan wrote (before it changes a byte), and runs the
//! embedded, numbered, forward-only migrations. Every transaction starts
//! IMMEDIATE, so a second writer waits for the first instead of failing.
//! Methods are grouped by entity (`visit`, `person`, `venue`,
//! `participant`, `programme`) and read `get_`, `list_`, `insert_`,
//! `update_`, `delete_`. Every change of more than one row runs in one
//! transaction. [`Store::import_visit`] and [`Store::export_visit`] move a
//! whole [`dplan_core::VisitFile`] (and [`Store::export_visit_file`] and
//! [`Store::import_visit_file`] to and from disk); [`Store::backup_to`] and
//! [`Store::restore_from`] use SQLite's online backup; a restore verifies a
//! migrated copy of the backup before it replaces anything.

mod backup;
mod calendar;
mod check;
mod codec;
mod copy;
mod error;
mod exchange;
mod file;
mod listen;
mod migration;
mod participant;
mod person;
mod programme;
mod roster;
pub mod server;
mod sql;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod venue;
mod visit;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use sql::{Server, Sql, Tx};

pub use calendar::{FeedToken, RemoteResource};
pub use check::VisitCheck;
pub use copy::CopyReport;
pub use error::{ErrorKind, ErrorReport, StoreError};
pub use exchange::{ImportOptions, ImportReport, SharedChange, SharedKind, SharedRecords};
pub use file::{read_visit_file, write_atomically};
pub use listen::{Change, Listener};
pub use migration::SCHEMA_VERSION;
pub use roster::{ListedOutcome, ListedRow, ParticipantImportReport, PurgeRecord};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Marks a SQLite file as ours in its header (`PRAGMA application_id`):
/// "DPLN" in ASCII.
pub const APPLICATION_ID: i32 = 0x4450_4C4E;

/// The app's identifier; the default database lives in the platform's
/// app-data directory under it, the same place Tauri's `app_data_dir` uses.
pub const APP_IDENTIFIER: &str = "de.herne.dplan";

/// Where the app and the CLI keep their database unless told otherwise:
/// `$XDG_DATA_HOME/de.herne.dplan/dplan.sqlite3` on Linux,
/// `~/Library/Application Support/de.herne.dplan/` on macOS,
/// `%APPDATA%\de.herne.dplan\` on Windows.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join("dplan.sqlite3"))
}

/// How long a writer waits for another connection's write to finish before
/// it gives up with "database is locked". An import of a large visit file
/// takes a few seconds on a slow disk, so the app and the CLI can share a
/// file with room to spare.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Switches the file to write-ahead logging, which lets the app read while
/// the CLI writes. The switch needs the file to itself, and SQLite answers
/// "database is locked" at once, without waiting for the busy timeout, when
/// another connection is reading it at that moment (two processes opening a
/// new file together); so it is retried until the busy timeout has passed.
fn use_write_ahead_log(conn: &Connection) -> Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The store: one connection, to a SQLite file or to a server database.
pub struct Store {
    db: Db,
}

enum Db {
    Sqlite(Connection),
    /// `name` is the server database's address without its password.
    Server {
        server: Box<Server>,
        name: String,
        /// How to open another connection (a listener's): the address and
        /// the password the user gave, kept in memory only.
        url: String,
        password: Option<String>,
    },
}

impl Store {
    /// Opens the database the setting names: a PostgreSQL address
    /// (`postgres://user@host/dbname`) connects to a team's server
    /// ([`Store::connect`]); anything else is the path of a SQLite file
    /// ([`Store::open`]).
    pub fn open_database(setting: &str) -> Result<Store> {
        Store::open_database_with(setting, None)
    }

    /// [`Store::open_database`], with the server password the user gave
    /// (kept by the caller in memory only) instead of the password file's.
    pub fn open_database_with(setting: &str, password: Option<&str>) -> Result<Store> {
        if server::is_server_address(setting) {
            Store::connect_with(setting.trim(), password)
        } else {
            Store::open(Path::new(setting))
        }
    }

    /// Connects to a team's database on a PostgreSQL server and brings its
    /// schema up to date. A database of another application, or one a newer
    /// dplan migrated, is refused and left as it was.
    pub fn connect(url: &str) -> Result<Store> {
        Store::connect_with(url, None)
    }

    fn connect_with(url: &str, password: Option<&str>) -> Result<Store> {
        let name = server::redacted(url);
        let server = Server::connect(url, password).map_err(|e| server::login_error(e, &name))?;
        server::migrate(&server, &name)?;
        Ok(Store {
            db: Db::Server {
                server: Box::new(server),
                name,
                url: url.to_string(),
                password: password.map(str::to_string),
            },
        })
    }

    /// Opens (or creates) the database at `path` and brings its schema up to
    /// date. A file that is not a dplan database, or one a newer dplan wrote,
    /// is refused and left as it was.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                context: format!("cannot create the folder {}", dir.display()),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        migration::check_compatible(&conn, &path.display().to_string())?;
        use_write_ahead_log(&conn)?;
        Store::finish_open(conn)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::finish_open(Connection::open_in_memory()?)
    }

    fn finish_open(mut conn: Connection) -> Result<Store> {
        // Room for every statement an import repeats (see sql.rs).
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Deleted and overwritten records are zeroed in their pages, so
        // personal data that was removed cannot be read from the file's
        // bytes or from a later backup (see `Store::purge_personal_data`).
        conn.pragma_update(None, "secure_delete", "ON")?;
        // A deferred transaction that turns into a write while another
        // connection writes fails at once with "database is locked"; one
        // that takes the write lock when it begins waits for the busy
        // timeout instead. Every `transaction()` in the store, migrations
        // and imports included, starts this way.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        migration::migrate(&mut conn)?;
        Ok(Store {
            db: Db::Sqlite(conn),
        })
    }

    /// Where the data lives, as it may be shown: the SQLite file's path, or
    /// the server database's address without its password.
    pub fn location(&self) -> String {
        match &self.db {
            Db::Sqlite(conn) => conn.path().unwrap_or(":memory:").to_string(),
            Db::Server { name, .. } => name.clone(),
        }
    }

    /// Whether the data lives on a team's server.
    pub fn is_server(&self) -> bool {
        matches!(self.db, Db::Server { .. })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        match &self.db {
            Db::Sqlite(conn) => migration::user_version(conn),
            Db::Server { server, .. } => server::schema_version(&**server),
        }
    }

    /// Whether the database holds no visit yet (the app offers the demo then).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .db()
            .first_row("SELECT count(*) AS n FROM visit", &[])?
            .map(|r| r.get("n"))
            .transpose()?
            .unwrap_or(0);
        Ok(n == 0)
    }

    /// The connection, for reads and single-statement writes.
    pub(crate) fn db(&self) -> &dyn Sql {
        match &self.db {
            Db::Sqlite(conn) => conn,
            Db::Server { server, .. } => &**server,
        }
    }

    /// Begins a write transaction; it is rolled back unless committed.
    /// It holds the database's write lock on either backend (see
    /// `finish_open` and [`Tx::begin_on_server`]), so writers take turns.
    pub(crate) fn begin(&mut self) -> Result<Tx<'_>> {
        match &mut self.db {
            Db::Sqlite(conn) => Ok(Tx::Sqlite(Some(conn.transaction()?))),
            Db::Server { server, .. } => Tx::begin_on_server(server),
        }
    }

    /// The SQLite connection, for what only a SQLite file does (its online
    /// backup and restore, its own integrity check); on a server database,
    /// the error says what to do instead.
    pub(crate) fn sqlite(&self, action: &'static str) -> Result<&Connection> {
        match &self.db {
            Db::Sqlite(conn) => Ok(conn),
            Db::Server { name, .. } => Err(not_on_server(action, name)),
        }
    }

    /// [`Store::sqlite`], to change the file as a whole (a restore).
    pub(crate) fn sqlite_mut(&mut self, action: &'static str) -> Result<&mut Connection> {
        match &mut self.db {
            Db::Sqlite(conn) => Ok(conn),
            Db::Server { name, .. } => Err(not_on_server(action, name)),
        }
    }
}

fn not_on_server(action: &'static str, name: &str) -> StoreError {
    StoreError::NotOnServer {
        action,
        database: name.to_string(),
    }
}
