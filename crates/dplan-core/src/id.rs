//! Typed identifiers. Every entity has a UUID for life: it is what makes an
//! exported visit importable elsewhere and a calendar entry's `UID` stable.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Namespace for ids derived from names (the demo data uses them so that
/// loading the demo twice finds the same rows).
const NAMESPACE: Uuid = Uuid::from_u128(0x6a1f_7d2e_95b4_4c1a_9e3d_1c0f_5a7b_2e48);

macro_rules! id_type {
    ($name:ident, $what:literal) => {
        #[doc = concat!("The id of a ", $what, ".")]
        #[derive(
            Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
        )]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh random id. Call it at the edge (CLI, app), not in
            /// logic that tests need to repeat.
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }

            /// An id derived from a name: the same name gives the same id.
            pub fn derived(name: &str) -> Self {
                Self(Uuid::new_v5(&NAMESPACE, name.as_bytes()))
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(VisitId, "visit");
id_type!(PersonId, "person");
id_type!(VenueId, "venue");
id_type!(ItemId, "programme item");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_distinct() {
        assert_eq!(VisitId::derived("a"), VisitId::derived("a"));
        assert_ne!(VisitId::derived("a"), VisitId::derived("b"));
    }

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = ItemId::derived("x");
        assert_eq!(id.to_string().parse::<ItemId>().unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert!("not-a-uuid".parse::<ItemId>().is_err());
    }
}
