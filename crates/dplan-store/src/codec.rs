//! Conversions of domain values into the text the columns hold; reading
//! them back is [`crate::sql::Row`]'s.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dplan_core::ZonedLocal;
use serde::Serialize;

pub(crate) const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// An enumeration as the snake_case name the JSON format uses.
pub(crate) fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
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
