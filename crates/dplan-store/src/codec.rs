//! Conversions between domain values and the text the columns hold. Reading
//! is [`crate::sql::Row`]'s; `parse` is for the modules that still read
//! rusqlite rows (calendar.rs) until they move onto `Sql`.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dplan_core::ZonedLocal;
use rusqlite::{Row, types::Type};
use serde::Serialize;

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

pub(crate) fn parse<T: FromStr>(row: &Row, col: &str) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    let s: String = row.get(col)?;
    s.parse()
        .map_err(|e: T::Err| conversion(col, e.to_string()))
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

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn list_json(values: &[String]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
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
