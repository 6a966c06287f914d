//! The check's settings as the user keeps them, and their checks.

use super::*;

/// The check's settings as the user keeps them (in the store, edited in the
/// app): the default way between two places, the known ways between venue
/// pairs, and whether venues are checked across visits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckSettings {
    pub default_travel_minutes: u32,
    pub venues_across_visits: bool,
    /// One entry per pair of venues; it serves both directions.
    pub travel: Vec<TravelTime>,
}

/// The minutes the way between two venues takes, in either direction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TravelTime {
    pub from: VenueId,
    pub to: VenueId,
    pub minutes: u32,
}

impl CheckSettings {
    /// A day; a longer way is a travel day, not a gap between two items.
    pub const MAX_TRAVEL_MINUTES: u32 = 24 * 60;

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        if self.default_travel_minutes > Self::MAX_TRAVEL_MINUTES {
            c.push(
                "default_travel_minutes",
                Problem::TravelTooLong {
                    minutes: Self::MAX_TRAVEL_MINUTES,
                },
            );
        }
        let mut seen = std::collections::HashSet::new();
        for (i, t) in self.travel.iter().enumerate() {
            let field = |f: &str| format!("travel.{i}.{f}");
            if t.from == t.to {
                c.push(field("to"), Problem::SameVenueTwice);
            } else if !seen.insert((t.from.min(t.to), t.from.max(t.to))) {
                c.push(field("to"), Problem::VenuePairTwice);
            }
            if t.minutes > Self::MAX_TRAVEL_MINUTES {
                c.push(
                    field("minutes"),
                    Problem::TravelTooLong {
                        minutes: Self::MAX_TRAVEL_MINUTES,
                    },
                );
            }
        }
        c.finish()
    }

    /// Sets the way between two venues (either order names the same pair),
    /// or forgets it with `None`.
    pub fn set_travel(&mut self, a: VenueId, b: VenueId, minutes: Option<u32>) {
        self.travel
            .retain(|t| (t.from, t.to) != (a, b) && (t.from, t.to) != (b, a));
        if let Some(minutes) = minutes {
            self.travel.push(TravelTime {
                from: a,
                to: b,
                minutes,
            });
        }
    }

    /// The options [`check`] takes, its sentences in `lang`.
    pub fn options(&self, lang: Lang) -> CheckOptions {
        CheckOptions {
            default_travel_minutes: self.default_travel_minutes,
            travel: self
                .travel
                .iter()
                .map(|t| ((t.from, t.to), t.minutes))
                .collect(),
            venues_across_visits: self.venues_across_visits,
            lang,
        }
    }
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            default_travel_minutes: CheckOptions::DEFAULT_TRAVEL_MINUTES,
            venues_across_visits: false,
            travel: vec![],
        }
    }
}
