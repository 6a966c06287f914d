//! The SQL both backends speak: SQLite (the embedded default) and
//! PostgreSQL (a team's shared server). Statements are written once, with
//! named parameters (`:id`); values cross as [`Value`] and come back as
//! [`Row`]s read by column name, so the store's modules need not know which
//! database they talk to.
//!
//! What keeps one statement valid on both: integers are 64 bits (`BIGINT`
//! on the server, SQLite's `INTEGER`), truth values are `0`/`1` integers,
//! dates and times are ISO 8601 text, and text compares byte by byte
//! (`COLLATE "C"` on the server, as SQLite does). `ON CONFLICT … DO UPDATE`,
//! `RETURNING` and `EXISTS` mean the same in both; `LIKE` ignores ASCII
//! case in SQLite only, so it is used on lower-case ids alone; and NULL
//! sorts first in SQLite but last on the server, so an `ORDER BY` over a
//! column that may be NULL says `NULLS FIRST`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::{Result, StoreError};

/// A value as it crosses to and from either database.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// One row of a result, by column name.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    columns: Arc<HashMap<String, usize>>,
    values: Vec<Value>,
}

/// A value read from a [`Row`].
pub(crate) trait FromValue: Sized {
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

impl FromValue for u32 {
    fn from_value(v: &Value) -> Option<Self> {
        i64::from_value(v).and_then(|i| u32::try_from(i).ok())
    }
}

impl FromValue for bool {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(0) => Some(false),
            Value::Int(1) => Some(true),
            _ => None,
        }
    }
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Real(r) => Some(*r),
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
}

impl FromValue for String {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Blob(b) => Some(b.clone()),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Null => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
}

impl Row {
    /// The row's columns and values, in the order the query named them.
    pub(crate) fn into_columns(self) -> Vec<(String, Value)> {
        let mut names: Vec<(&String, &usize)> = self.columns.iter().collect();
        names.sort_by_key(|(_, i)| **i);
        let names: Vec<String> = names.into_iter().map(|(n, _)| n.clone()).collect();
        names.into_iter().zip(self.values).collect()
    }

    /// The value of `column`; a missing column or a value of another type
    /// is the store's own mistake, said with the column's name.
    pub(crate) fn get<T: FromValue>(&self, column: &str) -> Result<T> {
        let v = self
            .columns
            .get(column)
            .and_then(|i| self.values.get(*i))
            .ok_or_else(|| StoreError::Column {
                column: column.to_string(),
                reason: "not in the result".into(),
            })?;
        T::from_value(v).ok_or_else(|| StoreError::Column {
            column: column.to_string(),
            reason: format!(
                "holds {} where {} was expected",
                kind(v),
                std::any::type_name::<T>()
            ),
        })
    }
}

/// Domain values read from columns, as the store's modules read them.
impl Row {
    /// A value written as text and parsed back (ids, dates, zones).
    pub(crate) fn parse<T: std::str::FromStr>(&self, column: &str) -> Result<T>
    where
        T::Err: std::fmt::Display,
    {
        let s: String = self.get(column)?;
        s.parse().map_err(|e: T::Err| StoreError::Column {
            column: column.to_string(),
            reason: format!("holds {s:?}: {e}"),
        })
    }

    /// An enumeration stored as the snake_case name the visit file uses.
    pub(crate) fn decode<T: serde::de::DeserializeOwned>(&self, column: &str) -> Result<T> {
        let s: String = self.get(column)?;
        serde_json::from_value(serde_json::Value::String(s.clone())).map_err(|_| {
            StoreError::Column {
                column: column.to_string(),
                reason: format!("holds the unknown value {s:?}"),
            }
        })
    }

    /// A value stored as JSON text.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self, column: &str) -> Result<T> {
        let s: String = self.get(column)?;
        serde_json::from_str(&s).map_err(|e| StoreError::Column {
            column: column.to_string(),
            reason: format!("holds JSON that does not read: {e}"),
        })
    }

    /// [`Row::parse`] for a column that may be NULL.
    pub(crate) fn parse_opt<T: std::str::FromStr>(&self, column: &str) -> Result<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        match self.get::<Option<String>>(column)? {
            None => Ok(None),
            Some(_) => self.parse(column).map(Some),
        }
    }

    /// [`Row::decode`] for a column that may be NULL.
    pub(crate) fn decode_opt<T: serde::de::DeserializeOwned>(
        &self,
        column: &str,
    ) -> Result<Option<T>> {
        match self.get::<Option<String>>(column)? {
            None => Ok(None),
            Some(_) => self.decode(column).map(Some),
        }
    }

    /// `{prefix}_local`, `{prefix}_zone` and `{prefix}_occurrence` as a
    /// local time in its zone; `None` when the local time is NULL.
    pub(crate) fn zoned(&self, prefix: &str) -> Result<Option<dplan_core::ZonedLocal>> {
        let column = format!("{prefix}_local");
        let Some(local) = self.get::<Option<String>>(&column)? else {
            return Ok(None);
        };
        let local = chrono::NaiveDateTime::parse_from_str(&local, crate::codec::LOCAL_FORMAT)
            .map_err(|e| StoreError::Column {
                column,
                reason: format!("holds {local:?}: {e}"),
            })?;
        Ok(Some(dplan_core::ZonedLocal {
            local,
            zone: self.parse(&format!("{prefix}_zone"))?,
            occurrence: self.decode_opt(&format!("{prefix}_occurrence"))?,
        }))
    }

    /// `{prefix}_de`, `{prefix}_en`, `{prefix}_zh`.
    pub(crate) fn texts(&self, prefix: &str) -> Result<dplan_core::Texts> {
        Ok(dplan_core::Texts {
            de: self.get(&format!("{prefix}_de"))?,
            en: self.get(&format!("{prefix}_en"))?,
            zh: self.get(&format!("{prefix}_zh"))?,
        })
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "NULL",
        Value::Int(_) => "an integer",
        Value::Real(_) => "a real number",
        Value::Text(_) => "text",
        Value::Blob(_) => "bytes",
    }
}

/// Named parameters of a statement, in any order: `&[(":id", id.into())]`.
pub(crate) type Params<'a> = &'a [(&'a str, Value)];

/// A connection of either backend. Reads and writes take `&self`, as the
/// store's reads do: rusqlite needs no more, and the server's client sits in
/// a [`Server`]. Results are read whole before a call returns, so no call
/// holds the connection afterwards.
pub(crate) trait Sql {
    /// Runs one statement; the number of rows it changed.
    fn exec(&self, sql: &str, params: Params) -> Result<u64>;
    /// Runs one query; its rows.
    fn rows(&self, sql: &str, params: Params) -> Result<Vec<Row>>;
    /// Runs statements without parameters, separated by `;` (migrations).
    fn batch(&self, sql: &str) -> Result<()>;

    /// The first row of a query, or `None`.
    fn first_row(&self, sql: &str, params: Params) -> Result<Option<Row>> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }
}

// --- SQLite ---------------------------------------------------------------

fn sqlite_bind(stmt: &mut rusqlite::Statement<'_>, params: Params) -> Result<()> {
    for (name, value) in params {
        let Some(i) = stmt.parameter_index(name)? else {
            return Err(StoreError::Column {
                column: (*name).to_string(),
                reason: "is no parameter of the statement".into(),
            });
        };
        stmt.raw_bind_parameter(i, value)?;
    }
    Ok(())
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput::Borrowed, ValueRef};
        Ok(Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl Sql for rusqlite::Connection {
    fn exec(&self, sql: &str, params: Params) -> Result<u64> {
        let mut stmt = self.prepare_cached(sql)?;
        sqlite_bind(&mut stmt, params)?;
        if stmt.column_count() == 0 {
            return Ok(stmt.raw_execute()? as u64);
        }
        // A statement that returns rows (`RETURNING`): run it to its end,
        // as the server does, and count what it changed.
        let mut rows = stmt.raw_query();
        while rows.next()?.is_some() {}
        drop(rows);
        drop(stmt);
        Ok(self.changes())
    }

    fn rows(&self, sql: &str, params: Params) -> Result<Vec<Row>> {
        let mut stmt = self.prepare_cached(sql)?;
        sqlite_bind(&mut stmt, params)?;
        let columns: Arc<HashMap<String, usize>> = Arc::new(
            stmt.column_names()
                .enumerate()
                .map(|(i, n)| (n.to_string(), i))
                .collect(),
        );
        let n = columns.len();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut values = Vec::with_capacity(n);
            for i in 0..n {
                values.push(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => Value::Null,
                    rusqlite::types::ValueRef::Integer(i) => Value::Int(i),
                    rusqlite::types::ValueRef::Real(r) => Value::Real(r),
                    rusqlite::types::ValueRef::Text(t) => {
                        Value::Text(String::from_utf8_lossy(t).into_owned())
                    }
                    rusqlite::types::ValueRef::Blob(b) => Value::Blob(b.to_vec()),
                });
            }
            out.push(Row {
                columns: columns.clone(),
                values,
            });
        }
        Ok(out)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.execute_batch(sql)?)
    }
}

impl Sql for rusqlite::Transaction<'_> {
    fn exec(&self, sql: &str, params: Params) -> Result<u64> {
        (**self).exec(sql, params)
    }

    fn rows(&self, sql: &str, params: Params) -> Result<Vec<Row>> {
        (**self).rows(sql, params)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        (**self).batch(sql)
    }
}

// --- Transactions on either ------------------------------------------------

/// The key of the server database's write lock (beside the migrations'
/// `APPLICATION_ID`): "DPLW".
const WRITE_LOCK: i64 = 0x4450_4C57;

/// One write transaction on either backend, begun by `Store::begin`. Like
/// rusqlite's own, it is rolled back when dropped without [`Tx::commit`],
/// so `?` on a failed step leaves nothing half-written.
pub(crate) enum Tx<'a> {
    Sqlite(Option<rusqlite::Transaction<'a>>),
    Server { server: &'a Server, open: bool },
}

impl<'a> Tx<'a> {
    /// Begins a write transaction on the server. Writers take turns, as
    /// they do on a SQLite file: the connection first waits for the
    /// database's write lock (a session advisory lock, which the server
    /// releases if the client dies), and only then begins, so every read of
    /// the transaction sees the last writer's changes. The transaction is
    /// REPEATABLE READ: a row that anyone else changed since it read it
    /// cannot be overwritten (the server refuses with a serialization
    /// failure, the `conflict` kind) rather than lost.
    pub(crate) fn begin_on_server(server: &'a Server) -> Result<Tx<'a>> {
        server.batch(&format!("SELECT pg_advisory_lock({WRITE_LOCK})"))?;
        if let Err(e) = server.batch("BEGIN ISOLATION LEVEL REPEATABLE READ") {
            let _ = server.batch(&format!("SELECT pg_advisory_unlock({WRITE_LOCK})"));
            return Err(e);
        }
        Ok(Tx::Server { server, open: true })
    }

    /// Makes the transaction's changes permanent.
    pub(crate) fn commit(self) -> Result<()> {
        self.end(true)
    }

    /// Undoes the transaction's changes (a rehearsal's end).
    pub(crate) fn rollback(self) -> Result<()> {
        self.end(false)
    }

    fn end(mut self, keep: bool) -> Result<()> {
        match &mut self {
            Tx::Sqlite(tx) => {
                let tx = tx.take().expect("a transaction ends once");
                if keep {
                    tx.commit()?
                } else {
                    tx.rollback()?
                }
                Ok(())
            }
            Tx::Server { server, open } => {
                *open = false;
                // Listeners (`crate::listen`) hear of the change once it
                // is committed, with who made it; one round trip with the
                // COMMIT. A transaction that wrote nothing (a migration
                // that found the schema current) has no transaction id
                // and announces nothing.
                let ended = server.batch(if keep {
                    "SELECT pg_notify('dplan_changed', pg_backend_pid()::text || ' ' || current_user)
                     WHERE txid_current_if_assigned() IS NOT NULL; COMMIT"
                } else {
                    "ROLLBACK"
                });
                // A failed COMMIT has ended the transaction as well.
                let unlocked = server.batch(&format!("SELECT pg_advisory_unlock({WRITE_LOCK})"));
                ended.and(unlocked)
            }
        }
    }

    fn sql(&self) -> &dyn Sql {
        match self {
            Tx::Sqlite(Some(tx)) => tx,
            Tx::Sqlite(None) => unreachable!("an ended transaction is gone"),
            Tx::Server { server, .. } => *server,
        }
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if let Tx::Server { server, open: true } = self {
            // The failure that dropped the transaction is what the caller
            // hears; if the rollback fails too, the server ends the
            // transaction, and releases the lock, with the connection.
            let _ = server.batch("ROLLBACK");
            let _ = server.batch(&format!("SELECT pg_advisory_unlock({WRITE_LOCK})"));
        }
    }
}

impl Sql for Tx<'_> {
    fn exec(&self, sql: &str, params: Params) -> Result<u64> {
        self.sql().exec(sql, params)
    }

    fn rows(&self, sql: &str, params: Params) -> Result<Vec<Row>> {
        self.sql().rows(sql, params)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        self.sql().batch(sql)
    }
}

// --- PostgreSQL -----------------------------------------------------------

/// A statement with its named parameters (`:id`) turned into PostgreSQL's
/// numbered ones (`$1`), and the names in the order of their numbers. Text
/// in quotes, quoted names and casts (`::text`) are left as they are.
fn numbered(sql: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(sql.len());
    let mut names: Vec<String> = Vec::new();
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' => {
                // Copied to its closing quote; a doubled quote stays inside.
                out.push(c);
                i += 1;
                while i < chars.len() {
                    out.push(chars[i]);
                    if chars[i] == c {
                        if chars.get(i + 1) == Some(&c) {
                            out.push(c);
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            ':' if chars.get(i + 1) == Some(&':') => {
                out.push_str("::");
                i += 2;
            }
            ':' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '_') =>
            {
                let start = i;
                i += 1;
                while chars
                    .get(i)
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '_')
                {
                    i += 1;
                }
                let name: String = chars[start..i].iter().collect();
                let n = match names.iter().position(|x| *x == name) {
                    Some(p) => p + 1,
                    None => {
                        names.push(name);
                        names.len()
                    }
                };
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, names)
}

impl postgres::types::ToSql for Value {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::Type;
        match self {
            Value::Null => Ok(postgres::types::IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 =>
                {
                    #[allow(clippy::cast_precision_loss)]
                    (*i as f64).to_sql(ty, out)
                }
                _ => i.to_sql(ty, out),
            },
            Value::Real(r) => r.to_sql(ty, out),
            Value::Text(s) => s.as_str().to_sql(ty, out),
            Value::Blob(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_ty: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn pg_params<'a>(names: &[String], params: &'a [(&str, Value)]) -> Result<Vec<&'a Value>> {
    // A copy's INSERT names thousands of parameters: found by hash there,
    // by a look along the few of an ordinary statement.
    let by_name: Option<HashMap<&str, &Value>> =
        (params.len() > 16).then(|| params.iter().map(|(n, v)| (*n, v)).collect());
    names
        .iter()
        .map(|n| {
            match &by_name {
                Some(map) => map.get(n.as_str()).copied(),
                None => params.iter().find(|(p, _)| p == n).map(|(_, v)| v),
            }
            .ok_or_else(|| StoreError::Column {
                column: n.clone(),
                reason: "is a parameter of the statement without a value".into(),
            })
        })
        .collect()
}

fn pg_row(r: &postgres::Row, columns: &Arc<HashMap<String, usize>>) -> Result<Row> {
    use postgres::types::Type;
    let mut values = Vec::with_capacity(r.len());
    for (i, c) in r.columns().iter().enumerate() {
        let v = match *c.type_() {
            Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => r
                .try_get::<_, Option<i32>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::INT2 => r
                .try_get::<_, Option<i16>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::BOOL => r
                .try_get::<_, Option<bool>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::FLOAT4 => r
                .try_get::<_, Option<f32>>(i)?
                .map(|v| Value::Real(v.into())),
            Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
            _ => r.try_get::<_, Option<String>>(i)?.map(Value::Text),
        };
        values.push(v.unwrap_or(Value::Null));
    }
    Ok(Row {
        columns: columns.clone(),
        values,
    })
}

/// A connection to a PostgreSQL server, with the statements it prepared.
pub(crate) struct Server {
    /// Always `Some` until dropped (see `Drop`).
    client: std::cell::RefCell<Option<postgres::Client>>,
    /// Statements prepared on this connection, by their text as the store
    /// writes it, with their parameters' names in order and their columns:
    /// a statement run again costs one round trip instead of two (parse,
    /// then execute). At most [`PREPARED_MAX`]; statements beyond (a
    /// copy's generated INSERTs) are prepared each time.
    prepared: std::cell::RefCell<HashMap<String, Prepared>>,
}

#[derive(Clone)]
struct Prepared {
    statement: postgres::Statement,
    names: Arc<[String]>,
    columns: Arc<HashMap<String, usize>>,
}

/// How many statements a connection keeps prepared; the store writes
/// about a hundred.
const PREPARED_MAX: usize = 256;

impl Server {
    /// Connects to the server database at `url` (see [`connect_postgres`]).
    pub(crate) fn connect(url: &str, password: Option<&str>) -> Result<Server> {
        Ok(Server {
            client: std::cell::RefCell::new(Some(connect_postgres(url, password)?)),
            prepared: std::cell::RefCell::new(HashMap::new()),
        })
    }

    /// The client itself.
    pub(crate) fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        std::cell::RefMut::map(self.client.borrow_mut(), |c| {
            c.as_mut().expect("a server's client lives as long as it")
        })
    }

    /// The statement for `sql`, prepared now or before.
    fn prepare(&self, sql: &str) -> Result<Prepared> {
        if let Some(p) = self.prepared.borrow().get(sql) {
            return Ok(p.clone());
        }
        let (text, names) = numbered(sql);
        let statement = self.client().prepare(&text)?;
        let columns = statement
            .columns()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name().to_string(), i))
            .collect();
        let p = Prepared {
            statement,
            names: names.into(),
            columns: Arc::new(columns),
        };
        let mut cache = self.prepared.borrow_mut();
        if cache.len() < PREPARED_MAX {
            cache.insert(sql.to_string(), p.clone());
        }
        Ok(p)
    }
}

impl Drop for Server {
    /// Closing the connection blocks on the client's own runtime, which a
    /// thread that drives another runtime (the app's command threads) may
    /// not do; so it is closed on a thread of its own, waited for.
    fn drop(&mut self) {
        if let Some(client) = self.client.get_mut().take() {
            let closing = std::thread::spawn(move || drop(client));
            let _ = closing.join();
        }
    }
}

/// The values of `params` in the order of a prepared statement's numbers.
fn in_order<'a>(
    prepared: &Prepared,
    params: &'a [(&str, Value)],
) -> Result<Vec<&'a (dyn postgres::types::ToSql + Sync)>> {
    Ok(pg_params(&prepared.names, params)?
        .into_iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect())
}

impl Sql for Server {
    fn exec(&self, sql: &str, params: Params) -> Result<u64> {
        let p = self.prepare(sql)?;
        let values = in_order(&p, params)?;
        Ok(self.client().execute(&p.statement, &values)?)
    }

    fn rows(&self, sql: &str, params: Params) -> Result<Vec<Row>> {
        let p = self.prepare(sql)?;
        let values = in_order(&p, params)?;
        let rows = self.client().query(&p.statement, &values)?;
        rows.iter().map(|r| pg_row(r, &p.columns)).collect()
    }

    fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client().batch_execute(sql)?)
    }
}

/// Connects to a PostgreSQL server by its address
/// (`postgres://user@host/dbname`, with `sslmode=require` and the like as
/// the server's documentation has them). TLS, where the server offers or
/// the address asks for it, checks the server's certificate against the
/// platform's trust store, so a city's own CA works as it does for the
/// browser. `password`, where given, is used instead of one the address
/// or the password file has (see [`crate::server::complete`]).
fn connect_postgres(url: &str, password: Option<&str>) -> Result<postgres::Client> {
    let mut config: postgres::Config = url.parse().map_err(|e: postgres::Error| {
        let reason = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        StoreError::Invalid(dplan_core::Invalid::one(
            "database",
            dplan_core::Problem::NotADatabaseAddress {
                value: crate::server::redacted(url),
                // Never the address itself, which may hold a password.
                reason: reason.replace(url, "…"),
            },
        ))
    })?;
    if let Some(p) = password {
        config.password(p);
    }
    crate::server::complete(&mut config);
    let tls = native_tls::TlsConnector::new().map_err(|e| StoreError::Io {
        context: "cannot set up TLS".into(),
        source: std::io::Error::other(e),
    })?;
    Ok(config.connect(postgres_native_tls::MakeTlsConnector::new(tls))?)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::Sql;

    /// Runs `body` on the schema of each backend, named for messages:
    /// SQLite migrated in memory (foreign keys on, as the store has them),
    /// and a fresh database on the test server.
    pub(crate) fn on_both(body: impl Fn(&str, &dyn Sql)) {
        let mut sqlite = rusqlite::Connection::open_in_memory().unwrap();
        crate::migration::migrate(&mut sqlite).unwrap();
        sqlite.pragma_update(None, "foreign_keys", "ON").unwrap();
        body("SQLite", &sqlite);
        let db = crate::testing::Scratch::new();
        crate::Store::connect(&db.url).unwrap();
        body("PostgreSQL", &db.server());
    }
}

#[cfg(test)]
mod tests {
    use super::testing::on_both;
    use super::*;

    #[test]
    fn named_parameters_become_numbered_ones_outside_quotes_and_casts() {
        let (sql, names) = numbered(
            "SELECT ':no', \":nor\", x::text FROM t WHERE a = :a AND b = :b_2 OR a = :a AND c = 'it''s :x'",
        );
        assert_eq!(
            sql,
            "SELECT ':no', \":nor\", x::text FROM t WHERE a = $1 AND b = $2 OR a = $1 AND c = 'it''s :x'"
        );
        assert_eq!(names, [":a", ":b_2"]);
    }

    #[test]
    fn values_read_back_as_their_types_and_say_what_they_hold_when_not() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let rows = conn
            .rows(
                "SELECT :i AS i, :t AS t, :n AS n, :b AS b",
                &[
                    (":i", 7_i64.into()),
                    (":t", "Herne".into()),
                    (":n", Option::<String>::None.into()),
                    (":b", true.into()),
                ],
            )
            .unwrap();
        let r = &rows[0];
        assert_eq!(r.get::<i64>("i").unwrap(), 7);
        assert_eq!(r.get::<String>("t").unwrap(), "Herne");
        assert_eq!(r.get::<Option<String>>("n").unwrap(), None);
        assert!(r.get::<bool>("b").unwrap());
        let wrong = r.get::<i64>("t").unwrap_err().to_string();
        assert!(wrong.contains("`t`") && wrong.contains("text"), "{wrong}");
        assert!(r.get::<i64>("x").is_err());
    }

    const VENUE: &str = "INSERT INTO venue (id, name_de, address, time_zone)
                         VALUES (:id, :name, :address, 'Europe/Berlin')
                         ON CONFLICT (id) DO UPDATE SET name_de = excluded.name_de
                         RETURNING id";

    #[test]
    fn the_same_statements_mean_the_same_on_both_backends() {
        on_both(|backend, db| {
            for (id, name) in [
                ("b-1", "Rathaus"),
                ("a-2", "Ärztehaus"),
                ("B-3", "Zeche"),
                ("ä-4", "Hotel"),
            ] {
                let back = db
                    .rows(
                        VENUE,
                        &[
                            (":id", id.into()),
                            (":name", name.into()),
                            (":address", "Herne".into()),
                        ],
                    )
                    .unwrap();
                assert_eq!(back[0].get::<String>("id").unwrap(), id, "{backend}");
            }
            // An upsert changes the row in place.
            db.exec(
                VENUE,
                &[
                    (":id", "b-1".into()),
                    (":name", "Neues Rathaus".into()),
                    (":address", "Herne".into()),
                ],
            )
            .unwrap();
            // Text orders byte by byte: upper case, then lower, then umlauts.
            let ids: Vec<String> = db
                .rows("SELECT id, name_de, room FROM venue ORDER BY id", &[])
                .unwrap()
                .iter()
                .map(|r| r.get("id").unwrap())
                .collect();
            assert_eq!(ids, ["B-3", "a-2", "b-1", "ä-4"], "{backend}");
            let r = db
                .first_row(
                    "SELECT name_de, room FROM venue WHERE id = :id",
                    &[(":id", "b-1".into())],
                )
                .unwrap()
                .unwrap();
            assert_eq!(r.get::<String>("name_de").unwrap(), "Neues Rathaus");
            assert_eq!(r.get::<Option<String>>("room").unwrap(), None);
            // A prefix finds ids as people type them. LIKE ignores ASCII
            // case in SQLite and not on the server, so it is used only on
            // lower-case ids with a lower-cased key.
            let found = db
                .rows(
                    "SELECT id FROM venue WHERE id LIKE :p || '%'",
                    &[(":p", "a".into())],
                )
                .unwrap();
            assert_eq!(found.len(), 1, "{backend}");
            // Integers and truth values: the check settings' one row.
            db.exec(
                "INSERT INTO check_settings (id, default_travel_minutes, venues_across_visits)
                 VALUES (1, :m, :across)",
                &[(":m", 45_u32.into()), (":across", true.into())],
            )
            .unwrap();
            let r = db
                .first_row("SELECT * FROM check_settings", &[])
                .unwrap()
                .unwrap();
            assert_eq!(r.get::<u32>("default_travel_minutes").unwrap(), 45);
            assert!(r.get::<bool>("venues_across_visits").unwrap());
            // A rule of the schema is a conflict on both.
            let err = db
                .exec(
                    "UPDATE check_settings SET default_travel_minutes = :m",
                    &[(":m", 5000_u32.into())],
                )
                .unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Conflict, "{backend}: {err}");
            // And so is a record that others still point to.
            db.exec(
                "INSERT INTO visit (id, direction, partner_city, first_day, last_day, time_zone, status)
                 VALUES ('v', 'incoming', 'Luzhou', '2027-03-24', '2027-03-28', 'Europe/Berlin', 'planning')",
                &[],
            )
            .unwrap();
            db.exec(
                "INSERT INTO programme_item (id, visit_id, kind, all_day, first_day, last_day, sort_key, venue_id, status)
                 VALUES ('i', 'v', 'visit', 1, '2027-03-24', '2027-03-24', 'k', 'a-2', 'confirmed')",
                &[],
            )
            .unwrap();
            let err = db
                .exec("DELETE FROM venue WHERE id = 'a-2'", &[])
                .unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Conflict, "{backend}: {err}");
        });
    }
}
