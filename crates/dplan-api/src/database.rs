//! Which database the app and the CLI work on, and opening it: a SQLite
//! file (the default, one planner on one machine) or a team's database on
//! a PostgreSQL server (`postgres://julia@db.herne.de/dplan`).
//!
//! The setting is chosen in this order: what the command line names
//! (`--db`, or `DPLAN_DB` for the app and the CLI alike), else the one the
//! app saved ("Datenbank" in the app; a one-line file in the platform's
//! config folder), else the default file in the app-data folder. A saved
//! setting never holds a password: the server's comes from the user
//! (kept in memory only), `PGPASSWORD` or PostgreSQL's password file.

use std::path::PathBuf;

use dplan_core::{Invalid, Problem};
use serde::Serialize;

use crate::{ApiError, Result, Store};

pub use dplan_store::CopyReport;

/// The database setting a front end works on (see the module's text).
pub fn chosen(explicit: Option<&str>) -> Result<String> {
    if let Some(s) = explicit.map(str::trim).filter(|s| !s.is_empty()) {
        return Ok(s.to_string());
    }
    if let Some(s) = saved()? {
        return Ok(s);
    }
    default_setting()
}

/// The default file in the platform's app-data folder.
pub fn default_setting() -> Result<String> {
    dplan_store::default_db_path()
        .map(|p| p.display().to_string())
        .ok_or_else(|| {
            ApiError::Input(
                "cannot find the app-data folder; pass --db PATH or set DPLAN_DB".into(),
            )
        })
}

/// Where the app keeps its database setting.
fn setting_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(dplan_store::APP_IDENTIFIER).join("database"))
}

/// The setting the app saved, if any.
pub fn saved() -> Result<Option<String>> {
    let Some(file) = setting_file() else {
        return Ok(None);
    };
    match std::fs::read_to_string(&file) {
        Ok(text) => Ok(Some(text.trim().to_string()).filter(|s| !s.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(dplan_store::StoreError::Io {
            context: format!("cannot read {}", file.display()),
            source,
        }
        .into()),
    }
}

/// Checks a setting as the user typed it: a PostgreSQL address must parse
/// and carry no password; anything else is a file's path.
pub fn check(setting: &str) -> Result<String> {
    let s = setting.trim();
    let invalid = |p: Problem| ApiError::Store(Invalid::one("database", p).into());
    if s.is_empty() {
        return Err(invalid(Problem::Empty));
    }
    if dplan_store::server::is_server_address(s) {
        match dplan_store::server::address_has_password(s) {
            Err(reason) => {
                return Err(invalid(Problem::NotADatabaseAddress {
                    value: dplan_store::server::redacted(s),
                    reason,
                }));
            }
            Ok(true) => return Err(invalid(Problem::DatabasePasswordInAddress)),
            Ok(false) => {}
        }
    }
    Ok(s.to_string())
}

/// Saves the app's database setting (`None`: back to the default file),
/// whole or not at all.
pub fn save(setting: Option<&str>) -> Result<()> {
    let file = setting_file()
        .ok_or_else(|| ApiError::Input("cannot find the platform's config folder".into()))?;
    match setting {
        Some(s) => {
            let s = check(s)?;
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|source| dplan_store::StoreError::Io {
                    context: format!("cannot create the folder {}", dir.display()),
                    source,
                })?;
            }
            crate::write_file(&file, format!("{s}\n").as_bytes())
        }
        None => match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(dplan_store::StoreError::Io {
                    context: format!("cannot remove {}", file.display()),
                    source: e,
                }
                .into())
            }
            _ => Ok(()),
        },
    }
}

/// Whether a setting names a team's server (a `postgres://` address)
/// rather than a file.
pub fn is_server_address(setting: &str) -> bool {
    dplan_store::server::is_server_address(setting)
}

/// A setting as it may be shown: a server address without its password.
pub fn shown(setting: &str) -> String {
    dplan_store::server::redacted(setting.trim())
}

/// Opens the database the setting names, with the server password the
/// user gave, if any; the error names the database (never the password).
pub fn open(setting: &str, password: Option<&str>) -> Result<Store> {
    Store::open_database_with(setting, password).map_err(|e| match e {
        // These name their database, in the reader's language.
        dplan_store::StoreError::Login(_)
        | dplan_store::StoreError::Unreachable(_)
        | dplan_store::StoreError::Invalid(_)
        | dplan_store::StoreError::NotOurs { .. }
        | dplan_store::StoreError::TooNew { .. }
            if dplan_store::server::is_server_address(setting) =>
        {
            e.into()
        }
        e => ApiError::from(e).about_file(shown(setting)),
    })
}

/// Copies the whole database `from` names into `to`: a SQLite file that
/// does not exist yet, or a server database that holds no data (see
/// [`dplan_store::Store::copy_to`]).
pub fn copy(from: &str, to: &str) -> Result<CopyReport> {
    let to = to.trim();
    let source = open(from, None)?;
    if dplan_store::server::is_server_address(to) {
        let mut target = open(to, None)?;
        Ok(source.copy_to(&mut target)?)
    } else {
        if to.is_empty() {
            return Err(ApiError::Store(Invalid::one("to", Problem::Empty).into()));
        }
        let dest = std::path::Path::new(to);
        source
            .copy_to_new_file(dest)
            .map_err(|e| ApiError::from(e).about_file(dest))
    }
}

/// What a connection test tells the user about a database.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct DatabaseInfo {
    /// The file's path, or the server's address without password.
    pub location: String,
    pub server: bool,
    pub schema_version: u32,
    pub visits: usize,
    pub persons: usize,
}

/// What the app's database dialog starts from.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct DatabaseChoice {
    /// The database in use (or that failed to open), as it may be shown.
    pub location: String,
    pub server: bool,
    /// `DPLAN_DB` names the database; a saved setting waits until it is
    /// no longer set.
    pub fixed_by_environment: bool,
    /// The saved setting (the address the dialog offers), if any.
    pub saved: Option<String>,
}

/// The choice as the app sees it at start (`setting` is what it opened).
pub fn choice(setting: &str, fixed_by_environment: bool) -> Result<DatabaseChoice> {
    Ok(DatabaseChoice {
        location: shown(setting),
        server: dplan_store::server::is_server_address(setting),
        fixed_by_environment,
        saved: saved()?,
    })
}

/// What the window hears when someone else changed the database.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
pub struct DatabaseChanged {
    /// The colleague's database user (a team's server); `None` on a file.
    pub by: Option<String>,
}

/// A listener for the changes others make to the store's database.
pub fn listener(store: &Store) -> Result<dplan_store::Listener> {
    Ok(store.listener()?)
}

/// Describes an open store.
pub fn describe(store: &Store) -> Result<DatabaseInfo> {
    let info = crate::data::info(store)?;
    Ok(DatabaseInfo {
        location: store.location(),
        server: store.is_server(),
        schema_version: info.schema_version,
        visits: info.visits,
        persons: info.persons,
    })
}

/// Checks an address typed for a team's server: [`check`], and a
/// `postgres://` address (a path would make a file where none was meant).
pub fn check_server(setting: &str) -> Result<String> {
    let s = check(setting)?;
    if !is_server_address(&s) {
        return Err(ApiError::Store(
            Invalid::one(
                "database",
                Problem::NotADatabaseAddress {
                    value: shown(&s),
                    reason: "a server's address starts with postgres://".into(),
                },
            )
            .into(),
        ));
    }
    Ok(s)
}

/// Connects to a team's server database (migrating it, as opening does)
/// and says what it holds: the app's "Verbindung testen".
pub fn test(setting: &str, password: Option<&str>) -> Result<DatabaseInfo> {
    let setting = check_server(setting)?;
    describe(&open(&setting, password)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dplan_core::Kinded;

    fn problem(e: ApiError) -> Problem {
        e.fields().remove(0).problem
    }

    #[test]
    fn a_setting_is_checked_before_it_is_saved_or_tried() {
        assert_eq!(
            check(" postgres://julia@db.herne.de/dplan ").unwrap(),
            "postgres://julia@db.herne.de/dplan"
        );
        assert_eq!(check("/srv/dplan.sqlite3").unwrap(), "/srv/dplan.sqlite3");
        assert_eq!(problem(check("  ").unwrap_err()), Problem::Empty);
        assert_eq!(
            problem(check("postgres://julia:geheim@db.herne.de/dplan").unwrap_err()),
            Problem::DatabasePasswordInAddress
        );
        let bad = check("postgres://julia:geheim@db.herne.de:x/dplan").unwrap_err();
        assert_eq!(bad.kind(), dplan_core::ErrorKind::Invalid);
        assert!(!bad.to_string().contains("geheim"), "{bad}");
        assert!(matches!(
            problem(check("postgres://db.herne.de/dplan").unwrap_err()),
            Problem::NotADatabaseAddress { .. }
        ));
        // The app's server field takes addresses only: a path would make a
        // file where none was meant.
        assert!(matches!(
            problem(check_server("/srv/dplan.sqlite3").unwrap_err()),
            Problem::NotADatabaseAddress { .. }
        ));
    }
}
