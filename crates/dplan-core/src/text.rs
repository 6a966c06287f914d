//! Text in the languages the app and its printouts use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Makes an error message safe to print or show, whatever a file put into
/// it: control characters and text-direction overrides are written as
/// `\u{..}` escapes, line breaks aside (so a value cannot move the cursor or ring the
/// terminal's bell), a run of more than 100 characters without a space (a
/// pasted 10 MB value) is cut after its first 100, and a message longer than
/// 1,000 characters keeps its beginning and its end.
pub fn for_message(message: &str) -> String {
    const RUN: usize = 100;
    let mut out = String::with_capacity(message.len().min(1200));
    let mut run = 0usize;
    let mut cut = 0usize;
    let flush = |out: &mut String, cut: &mut usize| {
        if *cut > 0 {
            out.push_str(&format!("… ({cut} more characters)"));
            *cut = 0;
        }
    };
    for c in message.chars() {
        if c == '\n' || (c.is_whitespace() && !c.is_control()) {
            flush(&mut out, &mut cut);
            run = 0;
            out.push(c);
            continue;
        }
        run += 1;
        if run > RUN {
            cut += 1;
            continue;
        }
        if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    flush(&mut out, &mut cut);
    let chars = out.chars().count();
    if chars > 1000 {
        let head: String = out.chars().take(700).collect();
        let tail: String = out.chars().skip(chars - 200).collect();
        out = format!("{head} … {tail}");
    }
    out
}

/// A language the app writes in: German first, then English and Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
    Zh,
}

/// The same text in German, English and Chinese; any may be absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Texts {
    #[serde(default)]
    pub de: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub zh: Option<String>,
}

impl Texts {
    /// German text only.
    pub fn de(de: &str) -> Self {
        Texts {
            de: Some(de.to_string()),
            ..Texts::default()
        }
    }

    /// German, English and Chinese at once.
    pub fn all(de: &str, en: &str, zh: &str) -> Self {
        Texts {
            de: Some(de.to_string()),
            en: Some(en.to_string()),
            zh: Some(zh.to_string()),
        }
    }

    /// The text in `lang`, if there is one that is not blank.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let v = match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        };
        v.as_deref().filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, else German, else English, else Chinese, else "".
    pub fn best(&self, lang: Lang) -> &str {
        self.get(lang)
            .or_else(|| self.get(Lang::De))
            .or_else(|| self.get(Lang::En))
            .or_else(|| self.get(Lang::Zh))
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        [Lang::De, Lang::En, Lang::Zh]
            .iter()
            .all(|l| self.get(*l).is_none())
    }
}

/// A translatable text of the model, as a report of missing translations
/// names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// A visit's or an item's title.
    Title,
    GuestNotes,
    DressCode,
    VenueName,
    /// The room within a venue.
    Room,
    /// A venue's address in Chinese characters, for drivers in China.
    AddressZh,
    /// The name of a contact of the visit (the hotel, the consulate).
    Contact,
    /// A person's official title (Vizebürgermeister).
    Position,
    /// How a person is addressed ("Herr Vizebürgermeister Liu", "刘副市长").
    FormOfAddress,
    Organisation,
}

/// A text that a document in `lang` prints in another language, because it
/// has no translation into `lang`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, TS)]
pub struct MissingTranslation {
    /// What the text belongs to, as the document names it: the visit's or
    /// an item's title, a venue's or a person's name.
    pub what: String,
    pub field: TextField,
    pub lang: Lang,
}

impl MissingTranslation {
    /// Each of `langs` that `t` lacks while it has some text.
    pub fn of(t: &Texts, langs: &[Lang], what: &str, field: TextField) -> Vec<Self> {
        if t.is_empty() {
            return vec![];
        }
        langs
            .iter()
            .filter(|l| t.get(**l).is_none())
            .map(|l| MissingTranslation {
                what: what.to_string(),
                field,
                lang: *l,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_falls_back_to_german_then_others() {
        let t = Texts {
            de: Some("Empfang".into()),
            en: Some(" ".into()),
            zh: Some("欢迎".into()),
        };
        assert_eq!(t.best(Lang::Zh), "欢迎");
        assert_eq!(t.best(Lang::En), "Empfang");
        assert_eq!(Texts::default().best(Lang::De), "");
        assert!(Texts::default().is_empty());
    }

    #[test]
    fn messages_escape_control_characters_and_cut_long_values() {
        // Regression: CLI errors echoed raw control characters and 10 MB
        // values from the input.
        assert_eq!(
            super::for_message("bad `a\u{1b}[31mb\u{7}` in row 3"),
            "bad `a\\u{1b}[31mb\\u{7}` in row 3"
        );
        assert_eq!(super::for_message("a\u{202E}b"), "a\\u{202e}b");
        let huge = format!("value `{}` is wrong", "x".repeat(10_000_000));
        let short = super::for_message(&huge);
        assert!(short.len() < 300, "{}", short.len());
        assert!(short.starts_with("value `xxx"), "{short}");
        assert!(
            short.ends_with("… (9999902 more characters) is wrong"),
            "{short}"
        );
        let wordy = "wort ".repeat(1000);
        let cut = super::for_message(&wordy);
        assert!(cut.chars().count() < 1000 && cut.contains(" … "), "{cut}");
        // Line breaks are the message's own; a carriage return is not.
        assert_eq!(
            super::for_message("Umlaute äöü 刘强\nZeile\r"),
            "Umlaute äöü 刘强\nZeile\\u{d}"
        );
    }
}
