//! Hearing of changes others committed, so an open app can show them
//! within a second. On a team's server, every write transaction notifies
//! the channel `dplan_changed` as it commits (PostgreSQL's LISTEN/NOTIFY,
//! see `sql::Tx`), and a [`Listener`] holds a connection of its own that
//! listens; the store's own changes are left out. On a SQLite file, a
//! listener reads the file's change counter (`PRAGMA data_version`), which
//! every commit of another connection (the CLI, a second app) raises. A
//! file listener has a connection of its own, so it hears the store's own
//! commits as well; an app that wants only others' changes on a file can
//! read the counter on its store's own connection instead, which moves
//! only for other connections' commits.

use std::time::{Duration, Instant};

use postgres::fallible_iterator::FallibleIterator;
use rusqlite::Connection;

use crate::sql::Server;
use crate::{Db, Result, Store};

/// One committed change someone else made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The database user who made it (a team's server); `None` on a file.
    pub by: Option<String>,
}

/// A connection that waits for others' changes; see the module.
pub struct Listener(Inner);

enum Inner {
    Sqlite {
        conn: Connection,
        seen: i64,
    },
    Server {
        server: Box<Server>,
        own: i32,
    },
    /// An in-memory database has no one else to hear.
    Alone,
}

/// How often a file's change counter is read while waiting.
const FILE_POLL: Duration = Duration::from_millis(200);

impl Store {
    /// A listener for the changes others make to this database.
    pub fn listener(&self) -> Result<Listener> {
        match &self.db {
            Db::Sqlite(conn) => match conn.path().filter(|p| !p.is_empty()) {
                Some(path) => {
                    let conn = Connection::open_with_flags(
                        path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    let seen = data_version(&conn)?;
                    Ok(Listener(Inner::Sqlite { conn, seen }))
                }
                None => Ok(Listener(Inner::Alone)),
            },
            Db::Server {
                server,
                url,
                password,
                ..
            } => {
                let own: i32 = server
                    .client()
                    .query_one("SELECT pg_backend_pid()", &[])?
                    .get(0);
                let listening = Server::connect(url, password.as_deref())?;
                listening.client().batch_execute("LISTEN dplan_changed")?;
                Ok(Listener(Inner::Server {
                    server: Box::new(listening),
                    own,
                }))
            }
        }
    }
}

fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

impl Listener {
    /// Waits up to `timeout` for changes committed since the last call
    /// (or since the listener began); returns them, or none when the time
    /// ran out. On a file, several commits between two looks are one
    /// change.
    pub fn wait(&mut self, timeout: Duration) -> Result<Vec<Change>> {
        match &mut self.0 {
            Inner::Sqlite { conn, seen } => {
                let deadline = Instant::now() + timeout;
                loop {
                    let now = data_version(conn)?;
                    if now != *seen {
                        *seen = now;
                        return Ok(vec![Change { by: None }]);
                    }
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Ok(Vec::new());
                    }
                    std::thread::sleep(left.min(FILE_POLL));
                }
            }
            Inner::Server { server, own } => {
                let mut client = server.client();
                let mut notifications = client.notifications();
                let mut heard = Vec::new();
                let deadline = Instant::now() + timeout;
                // The first one may be waited for; the rest are those that
                // arrived with it.
                while heard.is_empty() {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    let Some(first) = notifications.timeout_iter(left).next()? else {
                        break;
                    };
                    let mut arrived = vec![first];
                    let mut rest = notifications.iter();
                    while let Some(n) = rest.next()? {
                        arrived.push(n);
                    }
                    heard.extend(
                        arrived
                            .into_iter()
                            .filter(|n| n.process_id() != *own)
                            .map(|n| Change {
                                by: n.payload().split_once(' ').map(|(_, u)| u.to_string()),
                            }),
                    );
                }
                Ok(heard)
            }
            Inner::Alone => {
                std::thread::sleep(timeout);
                Ok(Vec::new())
            }
        }
    }
}
