//! Places where programme items happen.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Invalid, Texts, VenueId,
    validate::{Checker, LINE_MAX},
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Venue {
    pub id: VenueId,
    /// Name; German required (the local name for venues in China may be
    /// given as German transliteration plus `zh`).
    pub name: Texts,
    /// Postal address on one line, as it goes into a calendar's LOCATION.
    #[serde(default)]
    pub address: String,
    /// Room within the venue, e.g. "Ratssaal".
    #[serde(default)]
    pub room: Option<String>,
    #[ts(type = "string")]
    pub time_zone: Tz,
}

impl Venue {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        c.texts("name", &self.name, LINE_MAX, true);
        c.line("address", &self.address, LINE_MAX);
        c.optional_line("room", &self.room, LINE_MAX);
        c.finish()
    }
}
