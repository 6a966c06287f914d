//! Conversions between domain values and SQLite columns.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dplan_core::tz::Tz;
use dplan_core::{Occurrence, Texts, ZonedLocal};
use rusqlite::{Row, types::Type};
use serde::{Serialize, de::DeserializeOwned};

pub(crate) const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

fn conversion(col: &str, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, Type::Text, format!("column {col}: {msg}").into())
}

/// An enumeration as the snake_case name the JSON format uses.
pub(crate) fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(crate) fn decode<T: DeserializeOwned>(row: &Row, col: &str) -> rusqlite::Result<T> {
    let s: String = row.get(col)?;
    serde_json::from_value(serde_json::Value::String(s.clone()))
        .map_err(|_| conversion(col, format!("unknown value {s:?}")))
}

pub(crate) fn opt_decode<T: DeserializeOwned>(row: &Row, col: &str) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(col)? {
        None => Ok(None),
        Some(s) => serde_json::from_value(serde_json::Value::String(s.clone()))
            .map(Some)
            .map_err(|_| conversion(col, format!("unknown value {s:?}"))),
    }
}

pub(crate) fn parse<T: FromStr>(row: &Row, col: &str) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    let s: String = row.get(col)?;
    s.parse()
        .map_err(|e: T::Err| conversion(col, e.to_string()))
}

pub(crate) fn opt_parse<T: FromStr>(row: &Row, col: &str) -> rusqlite::Result<Option<T>>
where
    T::Err: std::fmt::Display,
{
    match row.get::<_, Option<String>>(col)? {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|e: T::Err| conversion(col, e.to_string())),
    }
}

pub(crate) fn zone(row: &Row, col: &str) -> rusqlite::Result<Tz> {
    parse::<Tz>(row, col)
}

pub(crate) fn date(row: &Row, col: &str) -> rusqlite::Result<NaiveDate> {
    parse::<NaiveDate>(row, col)
}

pub(crate) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn local_text(t: &NaiveDateTime) -> String {
    t.format(LOCAL_FORMAT).to_string()
}

pub(crate) fn utc_text(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Reads `{prefix}_de`, `{prefix}_en`, `{prefix}_zh`.
pub(crate) fn texts(row: &Row, prefix: &str) -> rusqlite::Result<Texts> {
    Ok(Texts {
        de: row.get(format!("{prefix}_de").as_str())?,
        en: row.get(format!("{prefix}_en").as_str())?,
        zh: row.get(format!("{prefix}_zh").as_str())?,
    })
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn list_json(values: &[String]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}

/// Reads `{prefix}_local`, `{prefix}_zone`, `{prefix}_occurrence`, or `None`
/// when the local time is NULL.
pub(crate) fn zoned(row: &Row, prefix: &str) -> rusqlite::Result<Option<ZonedLocal>> {
    let local_col = format!("{prefix}_local");
    let Some(local) = row.get::<_, Option<String>>(local_col.as_str())? else {
        return Ok(None);
    };
    let local = NaiveDateTime::parse_from_str(&local, LOCAL_FORMAT)
        .map_err(|e| conversion(&local_col, e.to_string()))?;
    Ok(Some(ZonedLocal {
        local,
        zone: zone(row, &format!("{prefix}_zone"))?,
        occurrence: opt_decode::<Occurrence>(row, &format!("{prefix}_occurrence"))?,
    }))
}

/// The three columns for a zoned local time.
pub(crate) fn zoned_columns(
    t: Option<&ZonedLocal>,
) -> (Option<String>, Option<String>, Option<String>) {
    match t {
        None => (None, None, None),
        Some(t) => (
            Some(local_text(&t.local)),
            Some(t.zone.name().to_string()),
            t.occurrence.as_ref().map(code),
        ),
    }
}

/// Runs one statement through the connection's statement cache. Imports
/// write thousands of rows with the same few statements; preparing each
/// anew cost more than the writes themselves.
pub(crate) fn exec(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}
