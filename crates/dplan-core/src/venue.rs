//! Places where programme items happen.

use crate::tz::Tz;
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
    /// Postal address on one line in Latin letters, as it goes into a
    /// calendar's LOCATION (pinyin for a place in China).
    #[serde(default)]
    pub address: String,
    /// The address in Chinese characters, as a driver in China reads it
    /// ("四川省泸州市江阳区…"); printed below the Latin one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub address_zh: Option<String>,
    /// Room within the venue, in each language ("Ratssaal", "Council
    /// Chamber", "议会大厅"). A visit file written before rooms were
    /// translated carries one plain string: it is read as the German room.
    #[serde(default, deserialize_with = "room_texts")]
    pub room: Texts,
    #[ts(type = "string")]
    pub time_zone: Tz,
}

impl Venue {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        c.texts("name", &self.name, LINE_MAX, true);
        c.line("address", &self.address, LINE_MAX);
        c.optional_line("address_zh", &self.address_zh, LINE_MAX);
        c.texts("room", &self.room, LINE_MAX, false);
        c.finish()
    }

    /// Whether the venue lies in mainland China, Hong Kong, Macao or
    /// Taiwan, where drivers read addresses in Chinese characters.
    pub fn in_chinese_speaking_region(&self) -> bool {
        matches!(
            self.time_zone.name(),
            "Asia/Shanghai"
                | "Asia/Chongqing"
                | "Asia/Chungking"
                | "Asia/Harbin"
                | "Asia/Urumqi"
                | "Asia/Kashgar"
                | "Asia/Hong_Kong"
                | "Asia/Macau"
                | "Asia/Taipei"
                | "PRC"
                | "ROC"
                | "Hongkong"
        )
    }
}

/// A room as translated texts, or as the one plain (German) string that
/// visit files carried before rooms were translated, or `null`.
fn room_texts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Texts, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Room {
        Plain(String),
        Texts(Texts),
    }
    Ok(match Option::<Room>::deserialize(d)? {
        None => Texts::default(),
        Some(Room::Plain(s)) if s.trim().is_empty() => Texts::default(),
        Some(Room::Plain(s)) => Texts {
            de: Some(s),
            ..Texts::default()
        },
        Some(Room::Texts(t)) => t,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(room: &str) -> Venue {
        serde_json::from_str(&format!(
            r#"{{"id":"00000000-0000-0000-0000-000000000001","name":{{"de":"Rathaus"}},
               "address":"Friedrich-Ebert-Platz 2, 44623 Herne","time_zone":"Europe/Berlin"{room}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_room_written_as_one_string_is_read_as_the_german_room() {
        assert_eq!(read(r#","room":"Ratssaal""#).room, Texts::de("Ratssaal"));
        assert_eq!(read(r#","room":null"#).room, Texts::default());
        assert_eq!(read("").room, Texts::default());
        assert_eq!(
            read(r#","room":{"de":"Ratssaal","zh":"议会大厅"}"#)
                .room
                .zh
                .as_deref(),
            Some("议会大厅")
        );
    }

    #[test]
    fn a_chinese_address_is_a_line_like_any_other() {
        let mut v = read("");
        v.address_zh = Some("四川省泸州市\n江阳区".into());
        let err = v.validate().unwrap_err();
        assert!(format!("{err:?}").contains("address_zh"), "{err:?}");
        v.address_zh = Some("四川省泸州市江阳区".into());
        v.room = Texts::all("Ratssaal", "Council Chamber", "议会大厅");
        v.validate().unwrap();
        assert!(!v.in_chinese_speaking_region());
        v.time_zone = crate::tz::Asia::Shanghai;
        assert!(v.in_chinese_speaking_region());
    }
}
