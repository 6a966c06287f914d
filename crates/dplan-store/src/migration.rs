//! Numbered, forward-only migrations embedded in the binary. The schema
//! version is `PRAGMA user_version`; a migration that landed is never edited.

use rusqlite::Connection;

use crate::{APPLICATION_ID, Result, StoreError};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_personal_data_purge.sql"),
    include_str!("migrations/0003_check_settings.sql"),
    include_str!("migrations/0004_dress_code.sql"),
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))?)
}

/// Refuses, without writing anything, a file that another program made or
/// that a newer dplan migrated past what this build knows.
pub(crate) fn check_compatible(conn: &Connection, path: &str) -> Result<()> {
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotOurs {
                path: path.to_string(),
                reason: "the file is not an SQLite database".into(),
            },
            _ => StoreError::Sqlite(e),
        })?;
    let version = user_version(conn)?;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(StoreError::NotOurs {
            path: path.to_string(),
            reason: format!("it belongs to another application (application id {app_id:#x})"),
        });
    }
    if app_id == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(StoreError::NotOurs {
                path: path.to_string(),
                reason: "it is an SQLite database of another application".into(),
            });
        }
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Brings the schema to [`SCHEMA_VERSION`], each step in its own transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let current = user_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: conn.path().unwrap_or(":memory:").to_string(),
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    Ok(())
}
