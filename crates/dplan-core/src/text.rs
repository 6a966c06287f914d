//! Text in the languages the app and its printouts use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
}
