//! The database as a whole and the personal data in it: backups, restore,
//! what the database holds, and removing personal data after a visit.

use std::path::Path;

use chrono::Utc;
use dplan_core::VisitId;
use serde::Serialize;

use crate::{Result, Store};

pub use dplan_store::PurgeRecord;

/// Writes a consistent copy of the database (safe while the app runs).
pub fn backup(store: &Store, to: &Path) -> Result<()> {
    Ok(store.backup_to(to)?)
}

/// Replaces the database with a backup, after checking the backup.
pub fn restore(store: &mut Store, from: &Path) -> Result<()> {
    Ok(store.restore_from(from)?)
}

/// Removes the personal data of a visit that is over from everyone who
/// takes part in no visit that is not.
pub fn purge_personal_data(store: &mut Store, visit: VisitId) -> Result<PurgeRecord> {
    Ok(store.purge_personal_data(visit, Utc::now())?)
}

/// When personal data was removed after this visit, newest first.
pub fn purges(store: &Store, visit: VisitId) -> Result<Vec<PurgeRecord>> {
    Ok(store.list_purges(visit)?)
}

/// What a database holds.
#[derive(Clone, Debug, Serialize)]
pub struct Info {
    pub schema_version: u32,
    pub visits: usize,
    pub persons: usize,
    /// The release of the IANA time-zone database this build carries.
    pub tzdata: &'static str,
}

pub fn info(store: &Store) -> Result<Info> {
    Ok(Info {
        schema_version: store.schema_version()?,
        visits: store.list_visits()?.len(),
        persons: store.list_persons()?.len(),
        tzdata: dplan_core::TZDB_VERSION,
    })
}

/// Whether the database holds no visit yet (the app then offers the demo).
pub fn is_empty(store: &Store) -> Result<bool> {
    Ok(store.is_empty()?)
}
