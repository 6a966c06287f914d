//! Programme items and the venues they take place at, with the quick
//! actions of the programme list: set an item's status, move it by whole
//! days. The item is read from the store and changed here, so the UI never
//! rebuilds an item from what it shows.

use dplan_core::{Invalid, ItemId, ItemStatus, Problem, ProgrammeItem, Venue, VenueId};

use crate::{Result, Store};

pub fn venues(store: &Store) -> Result<Vec<Venue>> {
    Ok(store.list_venues()?)
}

/// A venue by its id or a unique beginning of it.
pub fn resolve_venue(store: &Store, key: &str) -> Result<VenueId> {
    Ok(store.resolve_venue(key)?)
}

pub fn create(store: &mut Store, item: &ProgrammeItem) -> Result<()> {
    Ok(store.insert_item(item)?)
}

/// Saves an item; returns it as stored, its revision raised when a
/// calendar shows the change.
pub fn update(store: &mut Store, item: &ProgrammeItem) -> Result<ProgrammeItem> {
    Ok(store.update_item(item)?)
}

pub fn delete(store: &mut Store, id: ItemId) -> Result<()> {
    Ok(store.delete_item(id)?)
}

/// Confirms, cancels or marks tentative one item; returns it as stored.
pub fn set_status(store: &mut Store, id: ItemId, status: ItemStatus) -> Result<ProgrammeItem> {
    let item = store.get_item(id)?;
    update(store, &ProgrammeItem { status, ..item })
}

/// Moves an item by whole days (back when `days` is negative) at the same
/// local times in the same zones, keeping which of a repeated hour it
/// was; returns it as stored.
pub fn move_by_days(store: &mut Store, id: ItemId, days: i32) -> Result<ProgrammeItem> {
    let item = store.get_item(id)?;
    let schedule = item
        .schedule
        .moved_by_days(i64::from(days))
        .ok_or_else(|| Invalid::one("schedule", Problem::CannotMoveItem { days }))?;
    update(store, &ProgrammeItem { schedule, ..item })
}

/// An item as stored, with every field (a form keeps what it does not
/// show as it is stored).
pub fn get(store: &Store, id: ItemId) -> Result<ProgrammeItem> {
    Ok(store.get_item(id)?)
}
