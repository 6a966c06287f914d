//! People in the address book, reused across visits.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Invalid, Lang, PersonId, Problem, Texts,
    validate::{Checker, LINE_MAX, NAME_MAX},
};

/// Whether the family name comes first (Chinese names: 刘强, Liu Qiang) or
/// last (German names: Frank Dudda).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NameOrder {
    FamilyFirst,
    GivenFirst,
}

/// **Personal data.** Kept apart from the rest of a person so that it is read
/// only where needed, can be purged after a visit, and never reaches a log,
/// a calendar export or a printout: its `Debug` shows nothing but whether a
/// field is set.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonalData {
    #[serde(default)]
    pub passport_number: Option<String>,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default)]
    pub nationality: Option<String>,
    /// Dietary needs (may reveal health or religion).
    #[serde(default)]
    pub dietary: Option<String>,
    /// Accessibility needs (health).
    #[serde(default)]
    pub accessibility: Option<String>,
}

impl std::fmt::Debug for PersonalData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |b: bool| if b { "<redacted>" } else { "<none>" };
        f.debug_struct("PersonalData")
            .field("passport_number", &set(self.passport_number.is_some()))
            .field("date_of_birth", &set(self.date_of_birth.is_some()))
            .field("nationality", &set(self.nationality.is_some()))
            .field("dietary", &set(self.dietary.is_some()))
            .field("accessibility", &set(self.accessibility.is_some()))
            .finish()
    }
}

impl PersonalData {
    pub fn is_empty(&self) -> bool {
        *self == PersonalData::default()
    }

    fn validate(&self, c: &mut Checker) {
        if let Some(p) = &self.passport_number
            && (p.is_empty() || p.len() > 20 || !p.chars().all(|ch| ch.is_ascii_alphanumeric()))
        {
            c.push("personal.passport_number", Problem::PassportNumber);
        }
        // The date itself stays out of the message: it is personal data.
        if self
            .date_of_birth
            .is_some_and(|d| !crate::time::in_date_window(d))
        {
            c.push(
                "personal.date_of_birth",
                Problem::BirthDateOutsideWindow {
                    earliest: crate::time::EARLIEST_YEAR,
                    latest: crate::time::LATEST_YEAR,
                },
            );
        }
        c.optional_line("personal.nationality", &self.nationality, NAME_MAX);
        c.optional_line("personal.dietary", &self.dietary, LINE_MAX);
        c.optional_line("personal.accessibility", &self.accessibility, LINE_MAX);
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Person {
    pub id: PersonId,
    /// Family name in Latin script ("Liu", "Dudda").
    pub family_name: String,
    /// Given name in Latin script ("Qiang", "Frank").
    #[serde(default)]
    pub given_name: String,
    /// The name in Chinese characters, family name first ("刘强").
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Pinyin with tone marks, family name first ("Liú Qiáng").
    #[serde(default)]
    pub pinyin: Option<String>,
    pub name_order: NameOrder,
    /// Academic title that goes before the name: "Dr.", "Prof. Dr.".
    #[serde(default)]
    pub academic_title: Option<String>,
    /// Official title: "Oberbürgermeister" / "Lord Mayor" / "市长".
    #[serde(default)]
    pub title: Texts,
    /// Form of address: "Herr Oberbürgermeister" / "Secretary Liu" / "刘书记".
    #[serde(default)]
    pub address: Texts,
    #[serde(default)]
    pub organisation: Texts,
    #[serde(default)]
    pub position: Texts,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Languages spoken, as ISO 639-1 codes ("de", "zh", "en").
    #[serde(default)]
    pub languages: Vec<String>,
    /// Personal data, when loaded or exported. `None` means "not included",
    /// not "none": storing a person without it keeps what is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalData>,
}

impl Person {
    /// A person known by name only; everything else empty.
    pub fn new(
        id: PersonId,
        family_name: impl Into<String>,
        given_name: impl Into<String>,
        name_order: NameOrder,
    ) -> Person {
        Person {
            id,
            family_name: family_name.into(),
            given_name: given_name.into(),
            name_zh: None,
            pinyin: None,
            name_order,
            academic_title: None,
            title: Texts::default(),
            address: Texts::default(),
            organisation: Texts::default(),
            position: Texts::default(),
            email: None,
            phone: None,
            languages: Vec::new(),
            personal: None,
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checker::default();
        c.required_line("family_name", &self.family_name, NAME_MAX);
        c.line("given_name", &self.given_name, NAME_MAX);
        c.optional_line("name_zh", &self.name_zh, NAME_MAX);
        c.optional_line("pinyin", &self.pinyin, NAME_MAX);
        c.optional_line("academic_title", &self.academic_title, NAME_MAX);
        c.texts("title", &self.title, LINE_MAX, false);
        c.texts("address", &self.address, LINE_MAX, false);
        c.texts("organisation", &self.organisation, LINE_MAX, false);
        c.texts("position", &self.position, LINE_MAX, false);
        if let Some(email) = &self.email {
            c.line("email", email, NAME_MAX);
            let parts: Vec<&str> = email.split('@').collect();
            let ok = parts.len() == 2
                && !parts[0].is_empty()
                && parts[1].contains('.')
                && !email.contains(char::is_whitespace);
            if !ok {
                c.push(
                    "email",
                    Problem::Email {
                        value: email.clone(),
                    },
                );
            }
        }
        if let Some(phone) = &self.phone {
            c.phone("phone", phone);
        }
        for (i, lang) in self.languages.iter().enumerate() {
            let ok =
                (2..=3).contains(&lang.len()) && lang.chars().all(|ch| ch.is_ascii_lowercase());
            if !ok {
                c.push(
                    format!("languages[{i}]"),
                    Problem::LanguageCode {
                        value: lang.clone(),
                    },
                );
            }
        }
        if let Some(p) = &self.personal {
            p.validate(&mut c);
        }
        c.finish()
    }

    /// The name as it is shown everywhere: Chinese names as "刘强 Liu Qiang",
    /// others as "Dr. Frank Dudda".
    pub fn display_name(&self) -> String {
        let latin = self.latin_name();
        // A list may give a name in characters only; it is then not repeated
        // as if it were its Latin spelling ("刘强", not "刘强 刘 强").
        let same = |zh: &str| {
            latin
                .chars()
                .filter(|c| !c.is_whitespace())
                .eq(zh.chars().filter(|c| !c.is_whitespace()))
        };
        let mut name = match (&self.name_zh, self.name_order) {
            (Some(zh), NameOrder::FamilyFirst) if !zh.is_empty() && same(zh) => zh.clone(),
            (Some(zh), NameOrder::FamilyFirst) if !zh.is_empty() => format!("{zh} {latin}"),
            _ => latin,
        };
        if let Some(t) = self.academic_title.as_deref().filter(|t| !t.is_empty()) {
            name = format!("{t} {name}");
        }
        name
    }

    /// The name in Chinese characters of a person whose display name does
    /// not show it: a German host with a Chinese name ("安娜·贝格尔"),
    /// which documents in Chinese print beside the Latin name.
    pub fn chinese_name_beside(&self) -> Option<&str> {
        match self.name_order {
            NameOrder::GivenFirst => self.name_zh.as_deref().filter(|z| !z.trim().is_empty()),
            NameOrder::FamilyFirst => None,
        }
    }

    /// The Latin-script name in the person's own order.
    pub fn latin_name(&self) -> String {
        let (a, b) = match self.name_order {
            NameOrder::FamilyFirst => (&self.family_name, &self.given_name),
            NameOrder::GivenFirst => (&self.given_name, &self.family_name),
        };
        [a.as_str(), b.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The key the address book and rosters sort by: family name, then
    /// given name, folded so that "Müller" sorts with "Muller" and "Liú"
    /// with "Liu" (see [`crate::name::fold`]). Chinese names sort by their
    /// Latin (pinyin) spelling, family name first like every other name.
    pub fn sort_key(&self) -> (String, String) {
        (
            crate::name::fold(&self.family_name),
            crate::name::fold(&self.given_name),
        )
    }

    /// What makes two entries the same person when a list is imported: the
    /// same name and the same organisation, compared with
    /// [`crate::name::fold_identity`] ("Müller" is "Mueller", "Liú" is
    /// "Liu"). The German organisation name is used where there is one.
    pub fn identity_key(&self) -> String {
        use crate::name::fold_identity;
        format!(
            "{}\u{1f}{}\u{1f}{}",
            fold_identity(&self.family_name),
            fold_identity(&self.given_name),
            fold_identity(self.organisation.best(Lang::De))
        )
    }

    /// Organisation in `lang`, falling back to German.
    pub fn organisation_in(&self, lang: Lang) -> &str {
        self.organisation.best(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn liu() -> Person {
        Person {
            id: PersonId::derived("liu"),
            family_name: "Liu".into(),
            given_name: "Qiang".into(),
            name_zh: Some("刘强".into()),
            pinyin: Some("Liú Qiáng".into()),
            name_order: NameOrder::FamilyFirst,
            academic_title: None,
            title: Texts::all("Vizebürgermeister", "Vice Mayor", "副市长"),
            address: Texts::all("Herr Vizebürgermeister Liu", "Vice Mayor Liu", "刘副市长"),
            organisation: Texts::all(
                "Stadtregierung Luzhou",
                "Luzhou Municipal Government",
                "泸州市人民政府",
            ),
            position: Texts::default(),
            email: None,
            phone: Some("+86 830 000 0000".into()),
            languages: vec!["zh".into()],
            personal: None,
        }
    }

    #[test]
    fn display_names_follow_the_name_order() {
        assert_eq!(liu().display_name(), "刘强 Liu Qiang");
        let mut p = liu();
        p.family_name = "Dudda".into();
        p.given_name = "Frank".into();
        p.name_zh = None;
        p.name_order = NameOrder::GivenFirst;
        p.academic_title = Some("Dr.".into());
        assert_eq!(p.display_name(), "Dr. Frank Dudda");

        // Known in characters only, the name is not shown twice.
        let mut zh = liu();
        zh.family_name = "刘".into();
        zh.given_name = "强".into();
        assert_eq!(zh.display_name(), "刘强");
    }

    #[test]
    fn names_sort_by_family_name_without_umlauts_or_tone_marks() {
        let mut a = liu();
        a.family_name = "Müller".into();
        let mut b = liu();
        b.family_name = "Mueller".into();
        let mut c = liu();
        c.family_name = "Muller".into();
        c.given_name = "Anna".into();
        let mut people = [a, b, liu(), c];
        people.sort_by_key(Person::sort_key);
        let order: Vec<_> = people
            .iter()
            .map(|p| format!("{} {}", p.family_name, p.given_name))
            .collect();
        assert_eq!(
            order,
            ["Liu Qiang", "Mueller Qiang", "Muller Anna", "Müller Qiang"]
        );
    }

    #[test]
    fn the_same_name_and_organisation_is_the_same_person() {
        let mut other = liu();
        other.id = PersonId::derived("someone else");
        other.given_name = " QIÁNG ".into();
        other.pinyin = None;
        assert_eq!(other.identity_key(), liu().identity_key());
        other.organisation = Texts::de("Handelskammer Luzhou");
        assert_ne!(other.identity_key(), liu().identity_key());

        let german = |family: &str, given: &str, org: &str| {
            let mut p = liu();
            p.family_name = family.into();
            p.given_name = given.into();
            p.organisation = Texts::de(org);
            p.identity_key()
        };
        assert_eq!(
            german("Müller", "Jürgen", "Stadt Herne"),
            german("MUELLER", " juergen", "stadt  herne"),
            "umlauts as German spells them without"
        );
        assert_ne!(
            german("Ab", "c", ""),
            german("A", "bc", ""),
            "the separator keeps names apart"
        );
    }

    #[test]
    fn bad_contact_details_are_named() {
        let mut p = liu();
        p.email = Some("liu at luzhou".into());
        p.phone = Some("call me".into());
        p.languages = vec!["Chinese".into()];
        p.family_name = "x".repeat(400);
        let err = p.validate().unwrap_err().to_string();
        assert!(
            err.contains("family_name: is 400 characters long; at most 100 are allowed"),
            "{err}"
        );
        assert!(
            err.contains("email: `liu at luzhou` is not an e-mail address"),
            "{err}"
        );
        assert!(
            err.contains("phone: `call me` is not a phone number"),
            "{err}"
        );
        assert!(
            err.contains("languages[0]: `Chinese` is not a language code"),
            "{err}"
        );
    }

    #[test]
    fn personal_data_never_shows_in_debug_output() {
        let mut p = liu();
        p.personal = Some(PersonalData {
            passport_number: Some("E12345678".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1970, 1, 2),
            nationality: Some("CHN".into()),
            dietary: Some("keine Meeresfrüchte".into()),
            accessibility: None,
        });
        let debug = format!("{p:?}");
        assert!(!debug.contains("E12345678"));
        assert!(!debug.contains("1970"));
        assert!(!debug.contains("Meeresfrüchte"));
        assert!(debug.contains("<redacted>"));
        assert_eq!(p.validate(), Ok(()));
    }
}
