//! A team's shared database on a PostgreSQL server: its schema, brought up
//! to date by numbered, forward-only migrations of its own (beside
//! SQLite's, with the same version numbers), and refused, untouched, when
//! it belongs to another application or a newer dplan migrated it.
//!
//! The schema version and the owner's mark live in `dplan_schema`, one
//! row. Migrating holds a transaction-level advisory lock, so two apps
//! opening a fresh server database at once migrate it once.

use crate::sql::{Server, Sql, Tx};
use dplan_core::Problem;

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
    let tx = Tx::begin_on_server(server)?;
    let version = migrate_in(&tx, name)?;
    tx.commit()?;
    Ok(version)
}

fn migrate_in(tx: &dyn Sql, name: &str) -> Result<u32> {
    tx.exec(
        "SELECT pg_advisory_xact_lock(:lock)",
        &[(":lock", i64::from(APPLICATION_ID).into())],
    )?;
    act_as_owner(tx)?;
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

/// Makes the database's owner the owner of what the migrations create, when
/// the colleague who connects first is a member of that role: each staff
/// member logs in as themselves, and a table one of them created would
/// otherwise be theirs alone (README, "A team database on a server").
fn act_as_owner(tx: &dyn Sql) -> Result<()> {
    let Some(row) = tx.first_row(
        "SELECT pg_get_userbyid(d.datdba)::text AS owner,
                pg_has_role(current_user, d.datdba, 'MEMBER') AS member,
                current_user::text AS me
         FROM pg_database d WHERE d.datname = current_database()",
        &[],
    )?
    else {
        return Ok(());
    };
    let (owner, member, me): (String, bool, String) =
        (row.get("owner")?, row.get("member")?, row.get("me")?);
    if member && owner != me {
        tx.batch(&format!(
            "SET LOCAL ROLE \"{}\"",
            owner.replace('"', "\"\"")
        ))?;
    }
    Ok(())
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

/// Whether a PostgreSQL address carries a password; why it is no address
/// dplan can use, when it is not.
pub fn address_has_password(url: &str) -> std::result::Result<bool, String> {
    let config: postgres::Config = url.parse().map_err(|e: postgres::Error| {
        let text = e.to_string();
        // Never repeat the address, which may hold the password.
        text.replace(url, "…")
    })?;
    if config.get_user().is_none() {
        return Err("the address names no user (postgres://user@server/database)".into());
    }
    if config.get_hosts().is_empty() {
        return Err("the address names no server".into());
    }
    Ok(config.get_password().is_some())
}

/// Whether the database setting names a PostgreSQL server rather than a
/// SQLite file.
pub fn is_server_address(setting: &str) -> bool {
    let s = setting.trim();
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// A failed connection as the user can act on it: a password wanted or
/// refused, or a server out of reach; any other error as it was.
pub(crate) fn login_error(e: StoreError, name: &str) -> StoreError {
    let database = name.to_string();
    let StoreError::Postgres(pg) = &e else {
        return e;
    };
    match pg.code().map(|c| c.code()) {
        Some("28P01" | "28000") => StoreError::Login(Problem::DatabaseLoginRefused { database }),
        Some(_) => e,
        None => {
            let reason =
                std::error::Error::source(pg).map_or_else(|| pg.to_string(), |s| s.to_string());
            // The client's own check, when the server asks for a password
            // and it has none.
            if reason.contains("password missing") {
                StoreError::Login(Problem::DatabasePasswordNeeded { database })
            } else {
                StoreError::Unreachable(Problem::DatabaseUnreachable { database, reason })
            }
        }
    }
}

/// How long a connection attempt waits for the server before it fails, so
/// an app whose server is out of reach says so instead of hanging.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Completes an address the way PostgreSQL's own programs (libpq) do, so a
/// password never has to be written into it: one the address does not
/// carry comes from `PGPASSWORD`, else from the password file
/// (`PGPASSFILE`, else `~/.pgpass`, or `%APPDATA%\postgresql\pgpass.conf`
/// on Windows). A connection attempt is limited to [`CONNECT_TIMEOUT`]
/// unless the address sets its own.
pub(crate) fn complete(config: &mut postgres::Config) {
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    // dplan's statements each read a visit's worth of rows through an
    // index. The planner may still hand one to parallel workers, whose
    // start costs more than the whole query (a 300-item visit's people:
    // 26 ms with workers, 9 ms without, measured); the session never
    // asks for them. An address's own `options` come first and win.
    let options = match config.get_options() {
        Some(o) => format!("-c max_parallel_workers_per_gather=0 {o}"),
        None => "-c max_parallel_workers_per_gather=0".to_string(),
    };
    config.options(&options);
    if config.get_password().is_some() {
        return;
    }
    if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        config.password(p);
        return;
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            if cfg!(windows) {
                dirs::config_dir().map(|d| d.join("postgresql").join("pgpass.conf"))
            } else {
                dirs::home_dir().map(|h| h.join(".pgpass"))
            }
        });
    let Some(text) = file.and_then(|f| std::fs::read_to_string(f).ok()) else {
        return;
    };
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default().to_string();
    let db = config
        .get_dbname()
        .map_or_else(|| user.clone(), str::to_string);
    if let Some(p) = pgpass_lookup(&text, [&host, &port, &db, &user]) {
        config.password(p);
    }
}

/// The password of the first line of a password file whose host, port,
/// database and user match (`*` matches anything; `\:` and `\\` are a
/// colon and a backslash); lines starting with `#` are comments.
fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = vec![String::new()];
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        fields.last_mut().unwrap().push(n);
                    }
                }
                ':' if fields.len() < 5 => fields.push(String::new()),
                c => fields.last_mut().unwrap().push(c),
            }
        }
        if fields.len() == 5
            && fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w)
        {
            return fields.pop();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::testing::Scratch;

    /// Opens the server database at `url` as the app does; the schema
    /// version it has then.
    fn prepare(url: &str) -> Result<u32> {
        crate::Store::connect(url)?.schema_version()
    }

    #[test]
    fn a_password_file_is_read_as_postgresql_reads_it() {
        let text = "# team server\n\
                    db.herne.de:5432:dplan:julia:geheim\\:1\n\
                    *:*:*:kai:kais\n\
                    db.herne.de:*:archiv:julia:alt\n";
        let find = |h, p, d, u| pgpass_lookup(text, [h, p, d, u]);
        assert_eq!(
            find("db.herne.de", "5432", "dplan", "julia").as_deref(),
            Some("geheim:1")
        );
        assert_eq!(find("other", "1", "x", "kai").as_deref(), Some("kais"));
        assert_eq!(
            find("db.herne.de", "6543", "archiv", "julia").as_deref(),
            Some("alt")
        );
        assert_eq!(find("db.herne.de", "5432", "other", "julia"), None);
    }

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
    fn a_wrong_password_is_a_refused_login_that_does_not_show_it() {
        let url = crate::testing::server_url();
        let wrong = url.replacen(
            &format!(":{}@", server_password()),
            ":falsch-und-geheim@",
            1,
        );
        assert_ne!(wrong, url);
        let err = prepare(&wrong).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
        assert!(
            matches!(
                dplan_core::Kinded::problem(&err),
                Some(Problem::DatabaseLoginRefused { .. })
            ),
            "{err}"
        );
        assert!(!err.to_string().contains("falsch-und-geheim"), "{err}");

        // Without any password (none in the address, none in the
        // environment, no password file), the user is asked for one.
        let bare = url.replacen(&format!(":{}@", server_password()), "@", 1);
        let err = crate::Store::open_database_with(&bare, None);
        // A wrong one given here is refused, the right one opens.
        let refused = crate::Store::open_database_with(&bare, Some("falsch"))
            .err()
            .unwrap();
        assert!(matches!(
            dplan_core::Kinded::problem(&refused),
            Some(Problem::DatabaseLoginRefused { .. })
        ));
        // (.ci/with-servers empties PGPASSWORD and points PGPASSFILE at
        // an empty file, so no password comes from the environment.)
        let err = err.err().expect("no password, no login");
        assert_eq!(
            dplan_core::Kinded::problem(&err),
            Some(Problem::DatabasePasswordNeeded {
                database: redacted(&bare)
            }),
            "{err}"
        );
        crate::Store::open_database_with(&bare, Some(&server_password())).unwrap();
    }

    /// Colleagues log in as themselves, members of the team's role that
    /// owns the database: whoever connects first, the schema belongs to
    /// the team's role, so every member reads and writes it.
    #[test]
    fn the_schema_belongs_to_the_team_whoever_creates_it() {
        let admin = crate::testing::server_url();
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        let tag = format!("{}_{}", std::process::id(), line!());
        let (team, julia, kai, db) = (
            format!("dplan_team_{tag}"),
            format!("julia_{tag}"),
            format!("kai_{tag}"),
            format!("dplan_teamdb_{tag}"),
        );
        c.batch_execute(&format!(
            "CREATE ROLE {team} NOLOGIN; GRANT {team} TO CURRENT_USER;
             CREATE ROLE {julia} LOGIN PASSWORD 'j' IN ROLE {team};
             CREATE ROLE {kai} LOGIN PASSWORD 'k' IN ROLE {team}"
        ))
        .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {db} OWNER {team}"))
            .unwrap();
        let base = &admin[admin.find('@').unwrap()..admin.rfind('/').unwrap()];
        let as_user = |user: &str, pw: &str| format!("postgres://{user}:{pw}{base}/{db}");
        let outcome = std::panic::catch_unwind(|| {
            let mut julias = crate::Store::connect(&as_user(&julia, "j")).unwrap();
            julias.load_demo().unwrap();
            let mut kais = crate::Store::connect(&as_user(&kai, "k")).unwrap();
            assert_eq!(kais.list_visits().unwrap().len(), 2);
            let visit = kais.list_visits().unwrap().remove(0);
            kais.update_visit(&visit).unwrap();
            let owners = crate::sql::Server::connect(&as_user(&kai, "k"), None)
                .unwrap()
                .rows(
                    "SELECT DISTINCT tableowner::text AS owner FROM pg_tables
                     WHERE schemaname = current_schema()",
                    &[],
                )
                .unwrap()
                .iter()
                .map(|r| r.get::<String>("owner").unwrap())
                .collect::<Vec<_>>();
            assert_eq!(owners, vec![team.clone()]);
        });
        let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
        let _ = c.batch_execute(&format!(
            "DROP ROLE IF EXISTS {julia}; DROP ROLE IF EXISTS {kai}; DROP ROLE IF EXISTS {team}"
        ));
        if let Err(e) = outcome {
            std::panic::resume_unwind(e);
        }
    }

    #[test]
    fn a_server_out_of_reach_says_so() {
        // A port nobody listens on (taken and let go).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = crate::Store::connect(&format!("postgres://dplan@127.0.0.1:{port}/dplan"))
            .err()
            .unwrap();
        assert_eq!(err.kind(), ErrorKind::Storage, "{err}");
        assert!(
            matches!(
                dplan_core::Kinded::problem(&err),
                Some(Problem::DatabaseUnreachable { .. })
            ),
            "{err}"
        );
    }
}
