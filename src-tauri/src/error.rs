//! The one error type that crosses IPC: the application layer's
//! [`ErrorReport`] (`{kind, message, fields}`). The UI branches on `kind`
//! and shows `fields` beside their inputs; it never parses `message`.

use dplan_api::{ApiError, ErrorReport};
use dplan_core::ErrorKind;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct IpcError(ErrorReport);

impl From<ApiError> for IpcError {
    fn from(e: ApiError) -> Self {
        IpcError(ErrorReport::of(&e))
    }
}

impl IpcError {
    /// Field reasons (and a message made of them) in `lang`.
    pub fn in_lang(self, lang: dplan_core::Lang) -> Self {
        IpcError(self.0.in_lang(lang))
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// A failure that is neither the user's nor the database's, such as a
    /// dialog that returned something other than a file path.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        IpcError::of(ErrorKind::Internal, e.to_string())
    }

    pub(crate) fn of(kind: ErrorKind, message: String) -> Self {
        IpcError(ErrorReport {
            kind,
            message,
            fields: vec![],
            problem: None,
        })
    }
}

pub type IpcResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;
    use dplan_api::itinerary::{ItineraryRequest, Layout, prepare};
    use dplan_core::{Lang, calendar::PublishSettings};

    #[test]
    fn every_crates_error_says_itself_in_the_uis_language() {
        let mut store = dplan_api::Store::open_in_memory().unwrap();
        let visit: dplan_core::VisitId = dplan_api::visits::load_demo(&mut store).unwrap()[0]
            .visit_id
            .parse()
            .unwrap();
        let request = ItineraryRequest {
            person: None,
            langs: vec![Lang::De, Lang::En, Lang::Zh],
            layout: Layout::SideBySide,
            edition: None,
            tentative: false,
            stamp: chrono::Utc::now(),
        };
        let e = prepare(&store, visit, &request)
            .and_then(|i| i.pdf())
            .map(|_| ())
            .map_err(IpcError::from)
            .unwrap_err()
            .in_lang(Lang::De);
        assert_eq!(e.0.kind, ErrorKind::Invalid);
        assert!(
            e.message().contains("eine oder zwei Sprachen"),
            "{}",
            e.message()
        );

        // A publish setting refused keeps its field.
        let settings = PublishSettings {
            caldav_url: Some("ftp://kalender".into()),
            ..Default::default()
        };
        let e =
            IpcError::from(dplan_api::publish::save_settings(&mut store, &settings).unwrap_err())
                .in_lang(Lang::De);
        assert_eq!(e.0.kind, ErrorKind::Invalid);
        assert!(!e.0.fields.is_empty() || e.0.problem.is_some(), "{e:?}");
    }
}
