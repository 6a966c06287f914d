//! Copies a whole database to another, on either backend: a SQLite file
//! onto a team's server when the team starts, a server database into a
//! SQLite file for an archive or a laptop. Every row of every table goes
//! across as it is (ids, revisions, personal data, settings, calendar
//! state), so a round trip compares equal. The target must hold no data:
//! a copy never merges. A server target is written in one transaction; a
//! file target is written to a new file beside it and renamed into place,
//! so a failed copy leaves nothing behind either way.

use std::path::Path;

use dplan_core::Problem;
use serde::Serialize;

use crate::backup::{ScratchFile, folder_of};
use crate::sql::{Sql, Value};
use crate::{Result, Store, StoreError};

/// Every table of the schema, each after those it refers to: the order a
/// copy writes them in. A test holds it to the migrations' tables.
pub(crate) const TABLES: &[&str] = &[
    "visit",
    "person",
    "person_personal",
    "venue",
    "participant",
    "programme_item",
    "item_person",
    "personal_data_purge",
    "check_settings",
    "travel_time",
    "calendar_event",
    "caldav_collection",
    "caldav_resource",
    "feed_token",
    "publish_settings",
    "publish_lease",
    "visit_calendar",
];

/// Rows per INSERT statement: far below both backends' limits on
/// parameters (SQLite 32766, PostgreSQL 65535) for the widest table.
const ROWS_PER_STATEMENT: usize = 200;

/// What a copy wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CopyReport {
    /// Where from and where to, as they may be shown.
    pub from: String,
    pub to: String,
    /// Rows per table, in the order they were written; tables without rows
    /// are left out.
    pub tables: Vec<(String, u64)>,
    pub visits: u64,
    pub rows: u64,
}

impl Store {
    /// How many rows the database holds, all tables together.
    pub(crate) fn row_count(&self) -> Result<u64> {
        let mut n = 0;
        for t in TABLES {
            let count: i64 = self
                .db()
                .first_row(&format!("SELECT count(*) AS n FROM {t}"), &[])?
                .map(|r| r.get("n"))
                .transpose()?
                .unwrap_or(0);
            n += count as u64;
        }
        Ok(n)
    }

    /// Copies every row of this database into `target`, which must hold
    /// none, in one transaction on the target; what is read comes from
    /// one moment of this database, while others may go on writing.
    pub fn copy_to(&self, target: &mut Store) -> Result<CopyReport> {
        if target.row_count()? > 0 {
            return Err(StoreError::Conflict(Problem::CopyTargetNotEmpty {
                database: target.location(),
            }));
        }
        let from = self.location();
        let to = target.location();
        self.read_snapshot(|source| {
            let tx = target.begin()?;
            let mut tables = Vec::new();
            for table in TABLES {
                let n = copy_table(source, &tx, table)?;
                if n > 0 {
                    tables.push(((*table).to_string(), n));
                }
            }
            tx.commit()?;
            if target.is_server() {
                // The server plans its queries from statistics that a bulk
                // load leaves stale until autovacuum comes round; without
                // them it scans whole tables for a single visit.
                target.db().batch("ANALYZE")?;
            }
            let visits = tables
                .iter()
                .find(|(t, _)| t == "visit")
                .map_or(0, |(_, n)| *n);
            Ok(CopyReport {
                from,
                to,
                rows: tables.iter().map(|(_, n)| n).sum(),
                tables,
                visits,
            })
        })
    }

    /// Copies this database into a new SQLite file at `dest`, which must
    /// not exist yet. The copy is written beside it under a temporary name
    /// and renamed into place when whole.
    pub fn copy_to_new_file(&self, dest: &Path) -> Result<CopyReport> {
        if dest.exists() {
            return Err(StoreError::Conflict(Problem::CopyTargetNotEmpty {
                database: dest.display().to_string(),
            }));
        }
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "copy".into());
        let mut scratch = ScratchFile::new_in(folder_of(dest), &format!(".{name}"))?;
        let mut report = {
            let mut target = Store::open(&scratch.path)?;
            let report = self.copy_to(&mut target)?;
            // Closing the last connection folds the write-ahead log into
            // the file, so the file alone is the whole copy.
            drop(target);
            report
        };
        // A file of that name that appeared meanwhile is not replaced.
        if dest.exists() {
            return Err(StoreError::Conflict(Problem::CopyTargetNotEmpty {
                database: dest.display().to_string(),
            }));
        }
        std::fs::rename(&scratch.path, dest).map_err(|source| StoreError::Io {
            context: format!("cannot write {}", dest.display()),
            source,
        })?;
        scratch.persisted = true;
        report.to = dest.display().to_string();
        Ok(report)
    }

    /// Runs `f` on one consistent moment of the database: a read
    /// transaction that writers around it do not disturb.
    pub(crate) fn read_snapshot<T>(&self, f: impl FnOnce(&dyn Sql) -> Result<T>) -> Result<T> {
        let db = self.db();
        db.batch(if self.is_server() {
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        } else {
            "BEGIN DEFERRED"
        })?;
        let out = f(db);
        // Nothing was written; ending the transaction cannot lose anything.
        let ended = db.batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let out = out?;
        ended?;
        Ok(out)
    }
}

/// Copies one table's rows, a few hundred per statement; how many.
fn copy_table(source: &dyn Sql, target: &dyn Sql, table: &str) -> Result<u64> {
    let rows = source.rows(&format!("SELECT * FROM {table}"), &[])?;
    let mut copied = 0;
    let mut rows = rows.into_iter().map(|r| r.into_columns()).peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<(String, Value)>> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        let columns: Vec<&str> = chunk[0].iter().map(|(c, _)| c.as_str()).collect();
        let names: Vec<Vec<String>> = (0..chunk.len())
            .map(|r| (0..columns.len()).map(|c| format!(":r{r}c{c}")).collect())
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            names
                .iter()
                .map(|row| format!("({})", row.join(", ")))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let params: Vec<(&str, Value)> = names
            .iter()
            .flatten()
            .zip(
                chunk
                    .iter()
                    .flat_map(|row| row.iter().map(|(_, v)| v.clone())),
            )
            .map(|(n, v)| (n.as_str(), v))
            .collect();
        copied += target.exec(&sql, &params)?;
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::TABLES;

    /// The copy's list is every table the migrations make, each after the
    /// tables it refers to; a new table cannot be forgotten.
    #[test]
    fn the_copy_knows_every_table_and_writes_parents_first() {
        let mut names = crate::migration::table_names().unwrap();
        names.sort();
        let mut listed: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
        listed.sort();
        assert_eq!(listed, names);

        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::migration::migrate(&mut conn).unwrap();
        for (i, table) in TABLES.iter().enumerate() {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT \"table\" FROM pragma_foreign_key_list('{table}')"
                ))
                .unwrap();
            let parents: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for parent in parents {
                let at = TABLES.iter().position(|t| *t == parent).unwrap();
                assert!(at < i, "{table} refers to {parent}, which comes later");
            }
        }
    }
}
