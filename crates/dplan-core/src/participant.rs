//! A person's part in one visit.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Invalid, Person, PersonId, Problem, VisitId, ZonedLocal,
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
            c.push("precedence", Problem::PrecedenceBelowOne);
        }
        let mut instants = [None, None];
        for (i, (field, m)) in [("arrival", &self.arrival), ("departure", &self.departure)]
            .into_iter()
            .enumerate()
        {
            let Some(m) = m else { continue };
            instants[i] = c.zoned(&format!("{field}.at"), &m.at);
            c.line(&format!("{field}.place"), &m.place, LINE_MAX);
            c.optional_line(&format!("{field}.transport"), &m.transport, NAME_MAX);
        }
        if let [Some(arrive), Some(depart)] = instants
            && depart <= arrive
        {
            c.push("departure.at", Problem::DepartureNotAfterArrival);
        }
        c.optional_line("hotel", &self.hotel, LINE_MAX);
        c.finish()
    }
}

/// A participant as an imported list gives them: the person (matched
/// against the address book by [`Person::identity_key`], or added to it) and
/// their part in the visit. `rank` is the place the list gives them among
/// the new participants of their side, if it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedParticipant {
    pub person: Person,
    pub side: Side,
    pub role: Role,
    #[serde(default)]
    pub rank: Option<u32>,
    #[serde(default)]
    pub hotel: Option<String>,
}

/// A person joining a side: who, in which role, at which rank if the list
/// gives one.
pub type Joining = (PersonId, Role, Option<u32>);

/// One side's order of precedence after new participants join: heads of
/// delegation first (those already there, then the new ones), then everyone
/// else already there in their order, then the other new ones by the rank
/// the user set, unranked ones last in the order given.
pub fn merge_precedence(existing: &[(PersonId, Role)], new: &[Joining]) -> Vec<PersonId> {
    let head = |r: &Role| *r == Role::HeadOfDelegation;
    let mut ranked: Vec<&Joining> = new.iter().collect();
    // A stable sort by rank keeps the list's own order among equal or
    // missing ranks.
    ranked.sort_by_key(|(_, _, rank)| (rank.is_none(), *rank));
    let mut order = Vec::with_capacity(existing.len() + new.len());
    order.extend(existing.iter().filter(|(_, r)| head(r)).map(|(p, _)| *p));
    order.extend(
        ranked
            .iter()
            .filter(|(_, r, _)| head(r))
            .map(|(p, _, _)| *p),
    );
    order.extend(existing.iter().filter(|(_, r)| !head(r)).map(|(p, _)| *p));
    order.extend(
        ranked
            .iter()
            .filter(|(_, r, _)| !head(r))
            .map(|(p, _, _)| *p),
    );
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> PersonId {
        PersonId::derived(name)
    }

    #[test]
    fn a_new_head_of_delegation_goes_first_and_the_rest_follow_by_rank() {
        let existing = [(id("host"), Role::Member), (id("aide"), Role::Staff)];
        let new = [
            (id("third"), Role::Member, None),
            (id("ranked2"), Role::Member, Some(2)),
            (id("head"), Role::HeadOfDelegation, None),
            (id("ranked1"), Role::Interpreter, Some(1)),
        ];
        assert_eq!(
            merge_precedence(&existing, &new),
            [
                id("head"),
                id("host"),
                id("aide"),
                id("ranked1"),
                id("ranked2"),
                id("third")
            ]
        );
    }

    #[test]
    fn an_existing_head_stays_before_a_new_one() {
        let existing = [(id("old head"), Role::HeadOfDelegation)];
        let new = [(id("new head"), Role::HeadOfDelegation, Some(1))];
        assert_eq!(
            merge_precedence(&existing, &new),
            [id("old head"), id("new head")]
        );
    }
}
