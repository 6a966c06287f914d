//! For tests of this crate and of those above it (the `testing` feature):
//! a fresh database of its own on the test server, dropped after, and the
//! same test body run on both backends.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Store;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The test server's address (`.ci/with-servers` starts it); a test that
/// needs it fails without it, never skips.
pub fn server_url() -> String {
    std::env::var("DPLAN_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "DPLAN_TEST_POSTGRES_URL is not set: these tests need the PostgreSQL server that \
             .ci/with-servers starts (bash .ci/with-servers cargo test …)"
        )
    })
}

/// An empty database of its own on the test server, dropped with it.
pub struct Scratch {
    pub url: String,
    name: String,
}

impl Scratch {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Scratch {
        let admin = server_url();
        let name = format!(
            "dplan_t_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).expect("test server");
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let base = &admin[..admin.rfind('/').expect("a database in the address")];
        Scratch {
            url: format!("{base}/{name}"),
            name,
        }
    }

    /// A store on this database (its schema made on first use).
    pub fn store(&self) -> Store {
        Store::connect(&self.url).expect("the test server's database opens")
    }

    #[cfg(test)]
    pub(crate) fn server(&self) -> crate::sql::Server {
        crate::sql::Server::connect(&self.url, None).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&server_url(), postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// Runs `body` on a fresh SQLite store in memory, then on a fresh store on
/// the test server; `body` gets the backend's name for its messages.
pub fn on_both_stores(body: impl Fn(&str, Store)) {
    body("SQLite", Store::open_in_memory().expect("in-memory store"));
    let db = Scratch::new();
    body("PostgreSQL", db.store());
}

/// Every row of every table, each written `column=value` in column order,
/// rows sorted: what "compares equal" means for two databases.
pub fn dump(store: &Store) -> Vec<(String, Vec<String>)> {
    crate::copy::TABLES
        .iter()
        .map(|t| {
            let mut rows: Vec<String> = store
                .db()
                .rows(&format!("SELECT * FROM {t}"), &[])
                .unwrap()
                .into_iter()
                .map(|r| {
                    let mut cols = r.into_columns();
                    cols.sort_by(|a, b| a.0.cmp(&b.0));
                    cols.iter()
                        .map(|(c, v)| format!("{c}={v:?}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            rows.sort();
            (t.to_string(), rows)
        })
        .collect()
}
