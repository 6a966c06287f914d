//! The one error of the application layer: every crate's error, wrapped
//! with its kind, its fields and the problem it says itself by, so both
//! front ends present any failure the same way ([`ErrorReport::of`]).

use std::path::PathBuf;

use dplan_core::{ErrorKind, FieldError, Kinded, PersonId, Problem};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Store(#[from] dplan_store::StoreError),
    #[error(transparent)]
    Roster(#[from] dplan_roster::RosterError),
    #[error(transparent)]
    Ics(#[from] dplan_ics::IcsError),
    #[error(transparent)]
    Print(#[from] dplan_print::PrintError),
    #[error(transparent)]
    Publish(#[from] dplan_publish::PublishError),
    /// Reading or using a file the user named failed; the message names it.
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        source: Box<ApiError>,
    },
    /// A file whose name says no format this action writes.
    #[error("{}: name the file {expected}", path.display())]
    FileName {
        path: PathBuf,
        expected: &'static str,
    },
    /// One person's programme asked of someone the visit does not have.
    #[error("{person} takes no part in this visit and is responsible for none of its items")]
    NotInVisit { person: PersonId },
    /// A value the user typed that is not what it must be.
    #[error("{0}")]
    Input(String),
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl ApiError {
    /// The same error, naming the file it is about.
    pub fn about_file(self, path: impl Into<PathBuf>) -> ApiError {
        match self {
            // These name their file already.
            ApiError::Store(
                dplan_store::StoreError::Io { .. } | dplan_store::StoreError::BadFile { .. },
            )
            | ApiError::File { .. }
            | ApiError::FileName { .. } => self,
            e => ApiError::File {
                path: path.into(),
                source: Box::new(e),
            },
        }
    }

    fn inner(&self) -> Option<&dyn KindedError> {
        Some(match self {
            ApiError::Store(e) => e,
            ApiError::Roster(e) => e,
            ApiError::Ics(e) => e,
            ApiError::Print(e) => e,
            ApiError::Publish(e) => e,
            ApiError::File { source, .. } => source.as_ref(),
            _ => return None,
        })
    }
}

trait KindedError: Kinded + std::fmt::Display {}
impl<E: Kinded + std::fmt::Display> KindedError for E {}

impl Kinded for ApiError {
    fn kind(&self) -> ErrorKind {
        match self {
            ApiError::FileName { .. } | ApiError::Input(_) => ErrorKind::Invalid,
            ApiError::NotInVisit { .. } => ErrorKind::NotFound,
            e => e.inner().map_or(ErrorKind::Internal, |i| i.kind()),
        }
    }

    fn problem(&self) -> Option<Problem> {
        match self {
            ApiError::NotInVisit { person } => Some(Problem::NotInVisit {
                id: person.to_string(),
            }),
            // A translated problem would drop the file's name.
            ApiError::File { .. } => None,
            e => e.inner().and_then(|i| i.problem()),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        self.inner().map(|i| i.fields()).unwrap_or_default()
    }
}

impl From<dplan_core::Invalid> for ApiError {
    fn from(e: dplan_core::Invalid) -> Self {
        ApiError::Store(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dplan_core::{Invalid, Lang};

    #[test]
    fn a_wrapped_error_keeps_its_kind_fields_and_problem() {
        let e = ApiError::Publish(dplan_publish::PublishError::Store(
            dplan_store::StoreError::Invalid(Invalid::one("caldav_url", Problem::Empty)),
        ));
        assert_eq!(e.kind(), ErrorKind::Invalid);
        let report = dplan_store::ErrorReport::of(&e).in_lang(Lang::De);
        assert_eq!(report.fields[0].field, "caldav_url");
        assert_eq!(report.fields[0].reason, "darf nicht leer sein");

        let e = ApiError::Print(dplan_print::PrintError::Languages(3));
        assert_eq!(e.kind(), ErrorKind::Invalid);
        assert!(
            dplan_store::ErrorReport::of(&e)
                .in_lang(Lang::De)
                .message
                .contains("eine oder zwei Sprachen")
        );
    }

    #[test]
    fn a_file_error_names_the_file_once() {
        let e = ApiError::Roster(dplan_roster::RosterError::Unreadable {
            reason: "broken".into(),
        })
        .about_file("/tmp/liste.xlsx");
        assert_eq!(e.kind(), ErrorKind::Storage);
        assert!(e.to_string().starts_with("/tmp/liste.xlsx: "), "{e}");
        let again = e.about_file("/tmp/other.csv");
        assert!(!again.to_string().contains("other"), "{again}");
    }

    #[test]
    fn someone_not_in_the_visit_is_not_found() {
        let person = PersonId::random();
        let e = ApiError::NotInVisit { person };
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(
            e.problem(),
            Some(Problem::NotInVisit {
                id: person.to_string()
            })
        );
    }
}
