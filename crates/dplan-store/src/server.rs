//! A team's shared database on a PostgreSQL server: its schema, brought up
//! to date by numbered, forward-only migrations of its own (beside
//! SQLite's, with the same version numbers), and refused, untouched, when
//! it belongs to another application or a newer dplan migrated it.
//!
//! The schema version and the owner's mark live in `dplan_schema`, one
//! row. Migrating holds a transaction-level advisory lock, so two apps
//! opening a fresh server database at once migrate it once.

use crate::sql::{Server, Sql};
use crate::{APPLICATION_ID, Result, SCHEMA_VERSION, StoreError};

/// The server's migrations: the schema as of a version, then each later
/// version's changes. Version 14 is where the server backend begins.
const MIGRATIONS: &[(u32, &str)] = &[(14, include_str!("migrations/postgres/0014_schema.sql"))];

/// What marks a database as dplan's.
const APPLICATION: &str = "Delegation Planner";

/// Brings the server database up to [`SCHEMA_VERSION`] and returns the
/// version it has now. A database that holds other tables and no
/// `dplan_schema`, or one a newer dplan migrated, is refused and left as
/// it was. `name` names it in messages (its address without password).
pub(crate) fn migrate(server: &Server, name: &str) -> Result<u32> {
    server.transaction(|tx| migrate_in(tx, name))
}

fn migrate_in(tx: &Server, name: &str) -> Result<u32> {
    tx.exec(
        "SELECT pg_advisory_xact_lock(:lock)",
        &[(":lock", i64::from(APPLICATION_ID).into())],
    )?;
    let version = match version(tx)? {
        Some((application, _)) if application != APPLICATION => {
            return Err(StoreError::NotOurs {
                path: name.to_string(),
                reason: format!("it belongs to another application ({application})"),
            });
        }
        Some((_, found)) if found > SCHEMA_VERSION => {
            return Err(StoreError::TooNew {
                path: name.to_string(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Some((_, found)) => found,
        None => {
            let tables: i64 = tx
                .first_row(
                    "SELECT count(*) AS n FROM information_schema.tables
                     WHERE table_schema = current_schema()",
                    &[],
                )?
                .map(|r| r.get("n"))
                .transpose()?
                .unwrap_or(0);
            if tables > 0 {
                return Err(StoreError::NotOurs {
                    path: name.to_string(),
                    reason: format!(
                        "it holds {tables} tables of another application and no dplan schema"
                    ),
                });
            }
            tx.batch(
                "CREATE TABLE dplan_schema (
                     id          BIGINT PRIMARY KEY CHECK (id = 1),
                     application TEXT NOT NULL,
                     version     BIGINT NOT NULL CHECK (version >= 0)
                 )",
            )?;
            tx.exec(
                "INSERT INTO dplan_schema (id, application, version) VALUES (1, :app, 0)",
                &[(":app", APPLICATION.into())],
            )?;
            0
        }
    };
    for (number, sql) in MIGRATIONS.iter().filter(|(n, _)| *n > version) {
        tx.batch(sql)?;
        tx.exec(
            "UPDATE dplan_schema SET version = :v WHERE id = 1",
            &[(":v", (*number).into())],
        )?;
    }
    Ok(version.max(MIGRATIONS.last().map_or(0, |(n, _)| *n)))
}

/// The application and schema version recorded in the database, or `None`
/// when it has no `dplan_schema`.
fn version(sql: &(impl Sql + ?Sized)) -> Result<Option<(String, u32)>> {
    let exists: bool = sql
        .first_row(
            "SELECT to_regclass('dplan_schema') IS NOT NULL AS there",
            &[],
        )?
        .map(|r| r.get("there"))
        .transpose()?
        .unwrap_or(false);
    if !exists {
        return Ok(None);
    }
    let Some(row) = sql.first_row(
        "SELECT application, version FROM dplan_schema WHERE id = 1",
        &[],
    )?
    else {
        return Ok(None);
    };
    Ok(Some((row.get("application")?, row.get("version")?)))
}

/// The schema version recorded in an open server database.
pub(crate) fn schema_version(sql: &dyn Sql) -> Result<u32> {
    Ok(version(sql)?.map_or(0, |(_, v)| v))
}

/// What is wrong with a server database's schema, in words for the user;
/// empty when it has this build's version and exactly the tables dplan
/// makes, and every reference between them is enforced. (The server keeps
/// its own pages intact; that is not a client's to check.)
pub(crate) fn problems(sql: &dyn Sql) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let found = schema_version(sql)?;
    if found != SCHEMA_VERSION {
        out.push(format!(
            "its schema version is {found}, not {SCHEMA_VERSION}"
        ));
    }
    let expected = crate::migration::table_names()?;
    let tables: Vec<String> = sql
        .rows(
            "SELECT table_name::text AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
             ORDER BY table_name",
            &[],
        )?
        .iter()
        .map(|r| r.get("name"))
        .collect::<Result<_>>()?;
    for e in &expected {
        if !tables.contains(e) {
            out.push(format!("table `{e}` is missing"));
        }
    }
    for t in &tables {
        if t != "dplan_schema" && !expected.contains(t) {
            out.push(format!("it has a table `{t}` that dplan does not create"));
        }
    }
    for r in sql.rows(
        "SELECT conname::text AS name, conrelid::regclass::text AS tbl FROM pg_constraint
         WHERE contype = 'f' AND NOT convalidated
           AND connamespace = current_schema()::regnamespace
         ORDER BY conname",
        &[],
    )? {
        let (name, table): (String, String) = (r.get("name")?, r.get("tbl")?);
        out.push(format!(
            "the reference `{name}` of `{table}` is not enforced for its existing rows"
        ));
    }
    Ok(out)
}

/// A server database address as it may be shown: without its password.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((login, host)) => {
            let user = login.split_once(':').map_or(login, |(u, _)| u);
            let masked = if login.contains(':') { ":…" } else { "" };
            format!("{scheme}://{user}{masked}@{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// Whether the database setting names a PostgreSQL server rather than a
/// SQLite file.
pub fn is_server_address(setting: &str) -> bool {
    let s = setting.trim();
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// Connects to the server database at `url` and brings its schema up to
/// date; returns the schema version it has now.
pub fn prepare(url: &str) -> Result<u32> {
    migrate(&Server::connect(url)?, &redacted(url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::testing::Scratch;

    #[test]
    fn an_address_is_shown_without_its_password() {
        assert_eq!(
            redacted("postgres://julia:geheim@db.herne.de:5432/dplan?sslmode=require"),
            "postgres://julia:…@db.herne.de:5432/dplan?sslmode=require"
        );
        assert_eq!(
            redacted("postgres://julia@db.herne.de/dplan"),
            "postgres://julia@db.herne.de/dplan"
        );
        assert_eq!(redacted("postgresql://a:b:c@h/d"), "postgresql://a:…@h/d");
        assert!(is_server_address(" postgres://h/d"));
        assert!(!is_server_address("/home/julia/dplan.sqlite3"));
    }

    /// Tables and their columns (name, type family, nullable), sorted.
    type Shape = Vec<(String, String, String, bool)>;

    fn sqlite_shape() -> Shape {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::migration::migrate(&mut conn).unwrap();
        let conn = conn;
        let tables: Vec<String> = conn
            .rows(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get("name").unwrap())
            .collect();
        let mut out = Shape::new();
        for t in tables {
            for r in conn
                .rows(
                    "SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info(:t)",
                    &[(":t", t.clone().into())],
                )
                .unwrap()
            {
                let ty: String = r.get("type").unwrap();
                // A primary key column of SQLite may hold NULL unless declared
                // NOT NULL; on the server every key column is NOT NULL.
                let nullable = r.get::<i64>("nn").unwrap() == 0 && r.get::<i64>("pk").unwrap() == 0;
                out.push((t.clone(), r.get("name").unwrap(), family(&ty), nullable));
            }
        }
        out.sort();
        out
    }

    fn postgres_shape(client: &Server) -> Shape {
        let mut out: Shape = client
            .rows(
                "SELECT table_name AS t, column_name AS c, data_type AS ty, is_nullable AS n
                 FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name <> 'dplan_schema'",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| {
                let ty: String = r.get("ty").unwrap();
                (
                    r.get("t").unwrap(),
                    r.get("c").unwrap(),
                    family(&ty),
                    r.get::<String>("n").unwrap() == "YES",
                )
            })
            .collect();
        out.sort();
        out
    }

    fn family(ty: &str) -> String {
        let ty = ty.to_ascii_lowercase();
        if ty.contains("int") {
            "integer".into()
        } else {
            ty.replace("character varying", "text")
        }
    }

    #[test]
    fn a_fresh_server_database_gets_the_schema_sqlite_has() {
        let db = Scratch::new();
        assert_eq!(prepare(&db.url).unwrap(), SCHEMA_VERSION);
        let c = db.server();
        assert_eq!(postgres_shape(&c), sqlite_shape());
        // Again: nothing to do, nothing changed.
        assert_eq!(prepare(&db.url).unwrap(), SCHEMA_VERSION);
        assert_eq!(
            version(&c).unwrap(),
            Some((APPLICATION.to_string(), SCHEMA_VERSION))
        );
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_untouched() {
        let db = Scratch::new();
        prepare(&db.url).unwrap();
        let c = db.server();
        c.batch("UPDATE dplan_schema SET version = 99; CREATE TABLE later (x BIGINT)")
            .unwrap();
        let err = prepare(&db.url).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Storage);
        let message = err.to_string();
        assert!(
            message.contains("99") && message.contains("update dplan"),
            "{message}"
        );
        assert!(!message.contains(&server_password()), "{message}");
        assert_eq!(version(&c).unwrap().unwrap().1, 99);
        let later = c
            .first_row("SELECT count(*) AS n FROM later", &[])
            .unwrap()
            .unwrap();
        assert_eq!(later.get::<i64>("n").unwrap(), 0);
    }

    #[test]
    fn another_applications_database_is_refused_and_left_untouched() {
        let db = Scratch::new();
        let c = db.server();
        c.batch("CREATE TABLE invoices (id BIGINT); INSERT INTO invoices VALUES (1)")
            .unwrap();
        let err = prepare(&db.url).unwrap_err();
        assert!(matches!(err, StoreError::NotOurs { .. }), "{err}");
        assert!(
            err.to_string().contains("1 tables of another application"),
            "{err}"
        );
        assert_eq!(version(&c).unwrap(), None);
        // Marked as another application's: refused by name.
        c.batch(
            "CREATE TABLE dplan_schema (id BIGINT PRIMARY KEY, application TEXT NOT NULL, version BIGINT NOT NULL);
             INSERT INTO dplan_schema VALUES (1, 'Invoices', 3)",
        )
        .unwrap();
        let err = prepare(&db.url).unwrap_err();
        assert!(err.to_string().contains("(Invoices)"), "{err}");
    }

    #[test]
    fn two_apps_opening_a_fresh_database_at_once_migrate_it_once() {
        let db = Scratch::new();
        let versions: Vec<u32> = std::thread::scope(|s| {
            let a = s.spawn(|| prepare(&db.url).unwrap());
            let b = s.spawn(|| prepare(&db.url).unwrap());
            vec![a.join().unwrap(), b.join().unwrap()]
        });
        assert_eq!(versions, [SCHEMA_VERSION, SCHEMA_VERSION]);
        assert_eq!(postgres_shape(&db.server()), sqlite_shape());
    }

    fn server_password() -> String {
        let url = crate::testing::server_url();
        let login = &url[url.find("://").unwrap() + 3..url.rfind('@').unwrap()];
        login
            .split_once(':')
            .map(|(_, p)| p.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_wrong_password_is_a_storage_error_that_does_not_show_it() {
        let url = crate::testing::server_url();
        let wrong = url.replacen(
            &format!(":{}@", server_password()),
            ":falsch-und-geheim@",
            1,
        );
        assert_ne!(wrong, url);
        let err = prepare(&wrong).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Storage, "{err}");
        assert!(!err.to_string().contains("falsch-und-geheim"), "{err}");
    }
}
