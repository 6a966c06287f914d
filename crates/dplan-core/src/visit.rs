//! A delegation visit.

use crate::tz::Tz;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Invalid, Problem, Texts, VisitId,
    validate::{Checker, LINE_MAX},
};

/// Longest visit the app plans, in days; a typo in a year should not make a
/// 366-day programme grid.
pub const MAX_VISIT_DAYS: i64 = 90;

/// Which way the delegation travels, seen from Herne.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A delegation comes to Herne.
    Incoming,
    /// A Herne delegation travels to Luzhou or elsewhere.
    Outgoing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VisitStatus {
    Planning,
    Confirmed,
    Completed,
    Cancelled,
}

/// What a contact of the visit is, as its list names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Hotel,
    /// The protocol office's duty phone, answered day and night.
    DutyPhone,
    Consulate,
    Other,
}

/// Whom to call during the visit besides the people taking part: the
/// hotel's front desk, the protocol office's duty phone, the consulate. It
/// is printed on every itinerary's contacts page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitContact {
    pub kind: ContactKind,
    /// "Parkhotel Herne, Rezeption"; in any of the three languages.
    pub name: Texts,
    /// Required: a contact without a number helps no one.
    pub phone: String,
}

/// Most contacts a visit lists; a contacts page is one page.
pub const MAX_CONTACTS: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Visit {
    pub id: VisitId,
    /// The visit's title; German is required, English and Chinese optional.
    pub title: Texts,
    pub direction: Direction,
    /// The other city: where an incoming delegation comes from, or where an
    /// outgoing one travels to.
    pub partner_city: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The visit's home zone: Europe/Berlin for visits to Herne,
    /// Asia/Shanghai for visits to Luzhou. New items default to it.
    #[ts(type = "string")]
    pub time_zone: Tz,
    pub status: VisitStatus,
    /// Host organisations, in the order they are named.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Internal notes for the protocol office: never printed in a guest
    /// edition, never in a calendar made for a guest.
    #[serde(default)]
    pub notes: String,
    /// Notes for the guests, shown in guest copies; empty when there are none.
    #[serde(default)]
    #[ts(optional, as = "Option<Texts>")]
    pub guest_notes: Texts,
    /// The hotel, the duty phone, the consulate: printed with the people
    /// to call on every itinerary.
    #[serde(default)]
    #[ts(optional, as = "Option<Vec<VisitContact>>")]
    pub contacts: Vec<VisitContact>,
}

impl Visit {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        c.texts("title", &self.title, LINE_MAX, true);
        c.required_line("partner_city", &self.partner_city, LINE_MAX);
        let in_window = c.date("first_day", self.first_day) & c.date("last_day", self.last_day);
        if !in_window {
            // Nothing more to say about the span of dates out of range.
        } else if self.last_day < self.first_day {
            c.push("last_day", Problem::LastDayBeforeFirstDay);
        } else if (self.last_day - self.first_day).num_days() >= MAX_VISIT_DAYS {
            c.push(
                "last_day",
                Problem::VisitTooLong {
                    days: MAX_VISIT_DAYS,
                },
            );
        }
        for (i, host) in self.hosts.iter().enumerate() {
            c.required_line(&format!("hosts[{i}]"), host, LINE_MAX);
        }
        c.note("notes", &self.notes);
        c.note_texts("guest_notes", &self.guest_notes);
        if self.contacts.len() > MAX_CONTACTS {
            c.push("contacts", Problem::TooManyContacts { max: MAX_CONTACTS });
        }
        for (i, contact) in self.contacts.iter().enumerate() {
            let field = format!("contacts[{i}]");
            c.texts(&format!("{field}.name"), &contact.name, LINE_MAX, false);
            if contact.name.is_empty() {
                c.push(format!("{field}.name.de"), Problem::Empty);
            }
            if contact.phone.trim().is_empty() {
                c.push(format!("{field}.phone"), Problem::Empty);
            } else {
                c.phone(&format!("{field}.phone"), &contact.phone);
            }
        }
        c.finish()
    }

    /// Number of days, first and last included.
    pub fn days(&self) -> i64 {
        (self.last_day - self.first_day).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit() -> Visit {
        Visit {
            id: VisitId::derived("t"),
            title: Texts::de("Besuch"),
            direction: Direction::Incoming,
            partner_city: "Luzhou".into(),
            first_day: NaiveDate::from_ymd_opt(2027, 3, 24).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2027, 3, 28).unwrap(),
            time_zone: crate::tz::Europe::Berlin,
            status: VisitStatus::Planning,
            hosts: vec!["Stadt Herne".into()],
            notes: String::new(),
            guest_notes: Texts::default(),
            contacts: vec![],
        }
    }

    #[test]
    fn a_contact_needs_a_name_and_a_number() {
        let mut v = visit();
        v.contacts = vec![
            VisitContact {
                kind: ContactKind::Hotel,
                name: Texts::all("Parkhotel Herne", "Parkhotel Herne", "赫尔内公园酒店"),
                phone: "+49 2323 000 200".into(),
            },
            VisitContact {
                kind: ContactKind::Consulate,
                name: Texts::default(),
                phone: " ".into(),
            },
            VisitContact {
                kind: ContactKind::DutyPhone,
                name: Texts {
                    zh: Some("值班电话".into()),
                    ..Texts::default()
                },
                phone: "ruf an".into(),
            },
        ];
        let fields: Vec<String> = v
            .validate()
            .unwrap_err()
            .errors
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "contacts[1].name.de",
                "contacts[1].phone",
                "contacts[2].phone"
            ]
        );
        v.contacts.truncate(1);
        assert_eq!(v.validate(), Ok(()));
        v.contacts = vec![v.contacts[0].clone(); MAX_CONTACTS + 1];
        assert!(v.validate().is_err());
    }

    #[test]
    fn a_good_visit_passes() {
        assert_eq!(visit().validate(), Ok(()));
        assert_eq!(visit().days(), 5);
    }

    #[test]
    fn errors_name_each_field() {
        let mut v = visit();
        v.title = Texts::default();
        v.last_day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        v.hosts.push(String::new());
        assert_eq!(
            v.validate().unwrap_err().to_string(),
            "title.de: must not be empty; last_day: must not be before the first day; hosts[1]: must not be empty"
        );
    }

    #[test]
    fn status_and_direction_are_snake_case_in_json() {
        let json = serde_json::to_value(visit()).unwrap();
        assert_eq!(json["direction"], "incoming");
        assert_eq!(json["status"], "planning");
        assert_eq!(json["time_zone"], "Europe/Berlin");
        assert_eq!(json["first_day"], "2027-03-24");
    }
}
