//! A person's part in one visit.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Invalid, PersonId, VisitId, ZonedLocal,
    validate::{Checker, LINE_MAX, NAME_MAX},
};

/// Which side of the table a participant sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The visiting delegation.
    Guest,
    /// The receiving side.
    Host,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    HeadOfDelegation,
    Member,
    Interpreter,
    Host,
    Staff,
    Driver,
    Press,
}

/// An arrival or a departure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Movement {
    pub at: ZonedLocal,
    /// Airport, station or address: "Flughafen Düsseldorf (DUS)".
    #[serde(default)]
    pub place: String,
    /// Flight or train number: "LH 723", "ICE 1025".
    #[serde(default)]
    pub transport: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Participant {
    pub visit_id: VisitId,
    pub person_id: PersonId,
    pub side: Side,
    pub role: Role,
    /// Position in the side's order of precedence, 1 first.
    pub precedence: u32,
    #[serde(default)]
    pub arrival: Option<Movement>,
    #[serde(default)]
    pub departure: Option<Movement>,
    #[serde(default)]
    pub hotel: Option<String>,
}

impl Participant {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        if self.precedence == 0 {
            c.push("precedence", "must be 1 or more");
        }
        let mut instants = [None, None];
        for (i, (field, m)) in [("arrival", &self.arrival), ("departure", &self.departure)]
            .into_iter()
            .enumerate()
        {
            let Some(m) = m else { continue };
            match m.at.utc() {
                Ok(t) => instants[i] = Some(t),
                Err(e) => c.push(format!("{field}.at"), e.to_string()),
            }
            c.line(&format!("{field}.place"), &m.place, LINE_MAX);
            c.optional_line(&format!("{field}.transport"), &m.transport, NAME_MAX);
        }
        if let [Some(arrive), Some(depart)] = instants
            && depart <= arrive
        {
            c.push("departure.at", "must be after the arrival");
        }
        c.optional_line("hotel", &self.hotel, LINE_MAX);
        c.finish()
    }
}
