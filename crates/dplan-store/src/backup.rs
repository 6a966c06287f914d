//! Backups with SQLite's online backup API: consistent while the app keeps
//! writing, and a restore that checks the file before it replaces anything.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, backup::Backup};

use crate::{Result, Store, StoreError, migration};

impl Store {
    /// Writes a consistent copy of the database to `dest`. The copy is made
    /// next to `dest` and renamed into place, so a failed backup never
    /// leaves a half-written file under the requested name.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let partial = dest.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        {
            let mut target = Connection::open(&partial)?;
            let backup = Backup::new(&self.conn, &mut target)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        std::fs::rename(&partial, dest).map_err(|source| {
            let _ = std::fs::remove_file(&partial);
            StoreError::Io {
                context: format!("cannot write {}", dest.display()),
                source,
            }
        })
    }

    /// Replaces the whole database with the backup at `src`, after checking
    /// that it is a dplan database this build can read and that SQLite finds
    /// it intact. If any check fails, nothing changes.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        let name = src.display().to_string();
        if !src.is_file() {
            return Err(StoreError::Io {
                context: format!("cannot read {name}"),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        let source = Connection::open_with_flags(
            src,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        migration::check_compatible(&source, &name)?;
        if migration::user_version(&source)? == 0 {
            return Err(StoreError::NotOurs {
                path: name,
                reason: "the file is empty".into(),
            });
        }
        let check: String = source
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| StoreError::NotOurs {
                path: name.clone(),
                reason: format!("SQLite cannot read it: {e}"),
            })?;
        if check != "ok" {
            return Err(StoreError::NotOurs {
                path: name,
                reason: format!("the file is damaged: {check}"),
            });
        }
        {
            let backup = Backup::new(&source, &mut self.conn)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        migration::migrate(&mut self.conn)?;
        Ok(())
    }
}
