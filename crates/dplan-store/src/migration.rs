//! Numbered, forward-only migrations embedded in the binary. The schema
//! version is `PRAGMA user_version`; a migration that landed is never edited.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::{APPLICATION_ID, Result, StoreError};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_personal_data_purge.sql"),
    include_str!("migrations/0003_check_settings.sql"),
    include_str!("migrations/0004_dress_code.sql"),
    include_str!("migrations/0005_guest_notes.sql"),
    include_str!("migrations/0006_itinerary_details.sql"),
    include_str!("migrations/0007_calendar_feeds.sql"),
    include_str!("migrations/0008_caldav.sql"),
    include_str!("migrations/0009_feed_tokens.sql"),
    include_str!("migrations/0010_publish_settings.sql"),
    include_str!("migrations/0011_publish_lease.sql"),
    include_str!("migrations/0012_calendar_names.sql"),
    include_str!("migrations/0013_feed_editions.sql"),
    include_str!("migrations/0014_feed_folder.sql"),
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))?)
}

/// Refuses, without writing anything, a file that another program made or
/// that a newer dplan migrated past what this build knows.
pub(crate) fn check_compatible(conn: &Connection, path: &str) -> Result<()> {
    // One read transaction, so the header and the table count come from the
    // same moment: another process that creates this new file at the same
    // time commits its application id and its first tables together, and
    // reading one before and the other after that commit would take our own
    // fresh database for another application's.
    let snapshot = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
    let conn: &Connection = &snapshot;
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
        let version = i as u32 + 1;
        let tx = conn.transaction()?;
        // Two processes that open a new file at once both see version 0;
        // the second gets the write lock after the first committed, and
        // must not run the same step again.
        if user_version(&tx)? >= version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    Ok(())
}

/// One entry of `sqlite_schema` with its SQL's whitespace collapsed, so a
/// table is compared by what it is, not by how its text was laid out.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct SchemaEntry {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
}

fn schema_entries(conn: &Connection) -> Result<Vec<SchemaEntry>> {
    // SQLite's statistics tables appear after `ANALYZE` and carry no data
    // of ours; they may differ freely.
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaEntry {
            kind: r.get(0)?,
            name: r.get(1)?,
            table: r.get(2)?,
            sql: r
                .get::<_, Option<String>>(3)?
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// How the schema of `conn` differs from the one the migrations make, in
/// The tables a fresh database of this build has.
pub(crate) fn table_names() -> Result<Vec<String>> {
    let mut fresh = Connection::open_in_memory()?;
    migrate(&mut fresh)?;
    Ok(schema_entries(&fresh)?
        .into_iter()
        .filter(|e| e.kind == "table")
        .map(|e| e.name)
        .collect())
}

/// words for the user ("table `participant` is missing"); empty when it is
/// the same. The expected schema is made by migrating a fresh database in
/// memory, so it can never drift from the migrations.
pub(crate) fn schema_differences(conn: &Connection) -> Result<Vec<String>> {
    let mut fresh = Connection::open_in_memory()?;
    migrate(&mut fresh)?;
    let expected = schema_entries(&fresh)?;
    let found = schema_entries(conn)?;
    let mut out = Vec::new();
    let version = user_version(conn)?;
    if version != SCHEMA_VERSION {
        out.push(format!(
            "its schema version is {version}, not {SCHEMA_VERSION}"
        ));
    }
    for e in &expected {
        match found.iter().find(|f| f.name == e.name) {
            None => out.push(format!("{} `{}` is missing", e.kind, e.name)),
            Some(f) if f != e => out.push(format!(
                "{} `{}` differs from the one dplan creates",
                e.kind, e.name
            )),
            Some(_) => {}
        }
    }
    for f in &found {
        if !expected.iter().any(|e| e.name == f.name) {
            out.push(format!(
                "it has a {} `{}` that dplan does not create",
                f.kind, f.name
            ));
        }
    }
    Ok(out)
}
