//! Visits: the list, one visit's view, changes, a copy as the template for
//! a new visit, the demo, one person's own programme.

use chrono::{NaiveDate, Utc};
use dplan_core::view::{PersonProgramme, VisitView};
use dplan_core::{ItemId, PersonId, Visit, VisitId};

use crate::{ApiError, Result, Store};

pub use dplan_store::ImportReport;

pub fn list(store: &Store) -> Result<Vec<Visit>> {
    Ok(store.list_visits()?)
}

/// A visit by its id or a unique beginning of it.
pub fn resolve(store: &Store, key: &str) -> Result<VisitId> {
    Ok(store.resolve_visit(key)?)
}

/// The visit with its participants, venues and programme, read straight
/// from the store.
pub fn view(store: &Store, id: VisitId) -> Result<VisitView> {
    Ok(store.visit_view(id)?)
}

/// The visit as a screen opens it: its dates are checked first, so a
/// visit stored before a rule was enforced says what is wrong with it.
pub fn open(store: &Store, key: &str) -> Result<VisitView> {
    let view = view(store, resolve(store, key)?)?;
    view.check_dates().map_err(dplan_store::StoreError::from)?;
    Ok(view)
}

pub fn create(store: &mut Store, visit: &Visit) -> Result<()> {
    Ok(store.insert_visit(visit)?)
}

pub fn update(store: &mut Store, visit: &Visit) -> Result<()> {
    Ok(store.update_visit(visit)?)
}

pub fn delete(store: &mut Store, id: VisitId) -> Result<()> {
    Ok(store.delete_visit(id)?)
}

/// Copies a visit as the template for a new one that starts on
/// `first_day`: the same programme at the same local times, moved by whole
/// days, the copy in planning. Returns the new visit's id.
pub fn duplicate(store: &mut Store, id: VisitId, first_day: NaiveDate) -> Result<VisitId> {
    let file = store.export_visit(id, Utc::now(), false)?;
    let copy = file.as_template(VisitId::random(), first_day, ItemId::random)?;
    store.import_visit(&copy)?;
    Ok(copy.visit.id)
}

/// Loads the demo visits; loading them again changes nothing.
pub fn load_demo(store: &mut Store) -> Result<Vec<ImportReport>> {
    Ok(store.load_demo()?)
}

/// What [`generate_large`] made.
pub struct Generated {
    pub visits: usize,
    pub items: usize,
    /// The visit with the longest programme, to try the app on.
    pub largest: VisitId,
}

/// Generates a five-year benchmark database (500 visits, 20,000 persons,
/// 100,000 programme items); the same seed gives the same data.
pub fn generate_large(store: &mut Store, seed: u64) -> Result<Generated> {
    let data = dplan_core::large::generate(dplan_core::large::Size::FIVE_YEARS, seed);
    store.import_large(&data)?;
    Ok(Generated {
        visits: data.visits.len(),
        items: data.visits.iter().map(|f| f.programme.len()).sum(),
        largest: data.visits[0].visit.id,
    })
}

/// One person's own programme in a visit: the items they attend or are
/// responsible for, with their arrival, departure and hotel.
pub fn person_programme(
    store: &Store,
    visit: VisitId,
    person: PersonId,
) -> Result<PersonProgramme> {
    view(store, visit)?
        .for_person(person)
        .ok_or(ApiError::NotInVisit { person })
}
