//! The conflict check, its settings, and the question a form asks about a
//! local time.

use dplan_core::conflict::CheckSettings;
use dplan_core::tz::Tz;
use dplan_core::{Lang, LocalTimeInfo, VisitId, WallTime, Warning, ZonedLocal};

use crate::{ApiError, Result, Store};

pub use dplan_store::VisitCheck;

/// The visit's warnings, their sentences in `lang`.
pub fn run(store: &Store, id: VisitId, lang: Lang) -> Result<Vec<Warning>> {
    Ok(store.check_visit(id, lang)?)
}

/// What the check needs, read from the store; [`VisitCheck::run`] then
/// checks without it, so a programme with thousands of clashes does not
/// hold the store while it is checked.
pub fn load(store: &Store, id: VisitId) -> Result<VisitCheck> {
    Ok(store.load_visit_check(id)?)
}

pub fn settings(store: &Store) -> Result<CheckSettings> {
    Ok(store.check_settings()?)
}

/// Saves the settings; returns them as stored.
pub fn save_settings(store: &mut Store, settings: &CheckSettings) -> Result<CheckSettings> {
    store.save_check_settings(settings)?;
    Ok(store.check_settings()?)
}

/// Whether a local time exists in its zone and, when it happens twice,
/// both instants; answered without the database.
pub fn local_time_info(local: &str, zone: &str) -> Result<LocalTimeInfo> {
    let zone = zone_named(zone)?;
    let at = ZonedLocal::parse(local, zone).map_err(ApiError::Input)?;
    Ok(LocalTimeInfo::of(at.local, zone))
}

/// Instants as the clocks of `zone` show them, for the programme's second
/// column of times; answered without the database.
pub fn wall_times(instants: &[chrono::DateTime<chrono::Utc>], zone: &str) -> Result<Vec<WallTime>> {
    let zone = zone_named(zone)?;
    Ok(instants.iter().map(|t| WallTime::of(*t, zone)).collect())
}

/// A zone by its IANA name; an unknown one is the user's input error.
fn zone_named(name: &str) -> Result<Tz> {
    name.parse()
        .map_err(|e: dplan_core::tz::UnknownZone| ApiError::Input(e.to_string()))
}
