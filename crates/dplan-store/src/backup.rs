//! Backups and restores with SQLite's online backup API. A backup is
//! consistent while the app keeps writing. A restore changes nothing until a
//! copy of the backup has been migrated and verified (SQLite's integrity
//! check, foreign keys, the schema dplan makes), and then replaces the
//! database in one write transaction: it happens whole or not at all.

use std::fs::OpenOptions;
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::{BUSY_TIMEOUT, Result, SCHEMA_VERSION, Store, StoreError, migration};

/// A file this process made for itself beside another. When dropped it is
/// removed with SQLite's companion files (`-wal`, `-shm`, `-journal`), so a
/// failed backup or restore leaves nothing behind; no other file is ever
/// touched, because the name is new (process id and a random number, and
/// the file is created only if no file has that name).
pub(crate) struct ScratchFile {
    pub(crate) path: PathBuf,
    /// Set once the file was renamed to where it belongs.
    pub(crate) persisted: bool,
}

impl ScratchFile {
    pub(crate) fn new_in(dir: &Path, base: &str) -> Result<ScratchFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut attempt = 0;
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let random = RandomState::new().hash_one(n);
            let path = dir.join(format!("{base}.{}-{random:016x}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => {
                    return Ok(ScratchFile {
                        path,
                        persisted: false,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 16 => {
                    attempt += 1;
                }
                Err(source) => {
                    return Err(StoreError::Io {
                        context: format!("cannot create a temporary file in {}", dir.display()),
                        source,
                    });
                }
            }
        }
    }

    fn companion(&self, suffix: &str) -> PathBuf {
        with_suffix(&self.path, suffix)
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        for suffix in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(self.companion(suffix));
        }
        if !self.persisted {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The start of the name of a restore's temporary copy.
const RESTORE_SCRATCH: &str = ".dplan-restore";

/// Removes the temporary copies that restores killed before they could
/// clean up left in `dir` (they may hold personal data). Only names a
/// restore makes are touched, and only those untouched for an hour: a
/// restore that is still running writes its copy within seconds.
fn remove_stale_restore_copies(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(&format!("{RESTORE_SCRATCH}."))
            && [".tmp", ".tmp-wal", ".tmp-shm", ".tmp-journal"]
                .iter()
                .any(|end| name.ends_with(end));
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < hour_ago);
        if ours && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `path` with `suffix` appended to its file name, the way SQLite names a
/// database's companion files.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The folder of `path`, or the current folder for a bare file name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Copies every page in one step, so the destination changes in a single
/// write transaction and never holds half of the source.
fn copy_all(backup: &Backup<'_, '_>) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            _ if std::time::Instant::now() >= deadline => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("the database stayed busy".into()),
                ));
            }
            // Busy or locked by another connection: wait as a writer would.
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// What SQLite's integrity check finds wrong with the file, if anything.
fn damage(conn: &Connection) -> Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(10)")?;
    let found = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((found != ["ok"]).then(|| format!("the file is damaged ({})", found.join("; "))))
}

/// What is wrong with the database behind `conn`, in words for the user;
/// empty when SQLite finds it intact, every reference points at a row that
/// exists and the schema is exactly the one dplan makes.
fn problems(conn: &Connection) -> Result<Vec<String>> {
    if let Some(damage) = damage(conn)? {
        // The rest cannot be read reliably from a damaged file.
        return Ok(vec![damage]);
    }
    let mut out = Vec::new();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let broken = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if let Some((table, parent)) = broken.first() {
        out.push(format!(
            "{} row(s) refer to rows that are not there (the first: a row of `{table}` names a missing `{parent}`)",
            broken.len()
        ));
    }
    out.extend(migration::schema_differences(conn)?);
    Ok(out)
}

/// Says "SQLite cannot read it" for an error from reading a backup.
fn unreadable(e: impl std::fmt::Display) -> String {
    format!("SQLite cannot read it: {e}")
}

impl Store {
    /// Writes a consistent copy of the database to `dest`. The copy is made
    /// in a new file next to `dest` and renamed into place, so a failed
    /// backup never leaves a half-written file under the requested name and
    /// no other file is touched.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".into());
        let mut scratch = ScratchFile::new_in(folder_of(dest), &format!(".{name}"))?;
        {
            let mut target = Connection::open(&scratch.path)?;
            let backup = Backup::new(self.sqlite("be backed up by dplan")?, &mut target)?;
            copy_all(&backup)?;
        }
        std::fs::rename(&scratch.path, dest).map_err(|source| StoreError::Io {
            context: format!("cannot write {}", dest.display()),
            source,
        })?;
        scratch.persisted = true;
        Ok(())
    }

    /// Replaces the whole database with the backup at `src`. A copy of the
    /// backup is made in a temporary file, checked (a dplan database this
    /// build can read, intact), migrated to this build's schema and checked
    /// again (intact, no broken references, exactly the tables and indexes
    /// dplan makes); only then does it replace the database, in one write
    /// transaction. If anything fails, the database is left as it was, byte
    /// for byte, and the error says why.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        let live = self.sqlite_mut("be restored by dplan")?;
        let name = src.display().to_string();
        let unusable = |reason: String| StoreError::UnusableBackup {
            path: name.clone(),
            reason,
        };
        if !src.is_file() {
            return Err(StoreError::Io {
                context: format!("cannot read {name}"),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }

        // The copy goes beside the live database when it has a folder, so
        // the space it needs is counted on the same disk.
        let dir = match live.path().filter(|p| !p.is_empty()) {
            Some(live) => folder_of(Path::new(live)).to_path_buf(),
            None => std::env::temp_dir(),
        };
        remove_stale_restore_copies(&dir);
        let scratch = ScratchFile::new_in(&dir, RESTORE_SCRATCH)?;
        let copy_failed = |source| StoreError::Io {
            context: format!("cannot copy {name} to {}", dir.display()),
            source,
        };
        std::fs::copy(src, &scratch.path).map_err(copy_failed)?;
        // A backup taken as a plain copy of a database in use may have
        // committed changes still in its write-ahead log; SQLite reads them
        // from there, and so does the restore.
        let src_wal = with_suffix(src, "-wal");
        if src_wal.is_file() {
            std::fs::copy(&src_wal, scratch.companion("-wal")).map_err(copy_failed)?;
        }

        let mut copy = Connection::open(&scratch.path).map_err(|e| unusable(unreadable(e)))?;
        copy.busy_timeout(BUSY_TIMEOUT)?;
        migration::check_compatible(&copy, &name).map_err(|e| match e {
            StoreError::NotOurs { reason, .. } => {
                unusable(format!("it is not a Delegation Planner database ({reason})"))
            }
            StoreError::TooNew {
                found, supported, ..
            } => unusable(format!(
                "a newer dplan wrote it (schema version {found}; this dplan knows versions up to {supported}), so update dplan first"
            )),
            e => unusable(unreadable(e)),
        })?;
        let version = migration::user_version(&copy).map_err(|e| unusable(unreadable(e)))?;
        if version == 0 {
            return Err(unusable("it holds no dplan data (schema version 0)".into()));
        }
        if version < SCHEMA_VERSION {
            // Migrating a damaged file could spread the damage; refuse it
            // before changing the copy.
            if let Some(damage) = damage(&copy).map_err(|e| unusable(unreadable(e)))? {
                return Err(unusable(damage));
            }
            copy.pragma_update(None, "foreign_keys", "ON")?;
            migration::migrate(&mut copy).map_err(|e| {
                unusable(format!(
                    "bringing it from schema version {version} to {SCHEMA_VERSION} failed: {e}"
                ))
            })?;
        }
        let found = problems(&copy).map_err(|e| unusable(unreadable(e)))?;
        if !found.is_empty() {
            return Err(unusable(found.join("; ")));
        }

        {
            let backup = Backup::new(&copy, &mut *live)?;
            copy_all(&backup).map_err(|e| StoreError::Io {
                context: format!("cannot restore {name}; nothing was changed"),
                source: std::io::Error::other(e),
            })?;
        }
        drop(copy);
        // Statements prepared for the old database are prepared again
        // against the restored one.
        live.flush_prepared_statement_cache();
        Ok(())
    }

    /// What is wrong with the database, in words for the user; empty when
    /// SQLite finds it intact, every reference points at a row that exists
    /// and the schema is exactly the one this build makes. A restore checks
    /// a backup this way before it uses it.
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        match self.sqlite("check") {
            Ok(conn) => problems(conn),
            Err(_) => crate::server::problems(self.db()),
        }
    }
}
