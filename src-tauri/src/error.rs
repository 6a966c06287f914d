//! The one error type that crosses IPC: the store's [`ErrorReport`]
//! (`{kind, message, fields}`). The UI branches on `kind` and shows `fields`
//! beside their inputs; it never parses `message`.

use dplan_store::{ErrorReport, StoreError};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct IpcError(ErrorReport);

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        IpcError(ErrorReport::from(&e))
    }
}

impl IpcError {
    /// Any crate's error with its kind, its fields and the problem it says
    /// itself by, so [`IpcError::in_lang`] writes it in the UI's language.
    pub fn kinded<E: dplan_core::Kinded + std::fmt::Display>(e: E) -> Self {
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

    pub fn storage(message: String) -> Self {
        IpcError::of(dplan_store::ErrorKind::Storage, message)
    }

    /// A failure that is neither the user's nor the database's, such as a
    /// dialog that returned something other than a file path.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        IpcError::of(dplan_store::ErrorKind::Internal, e.to_string())
    }

    pub(crate) fn of(kind: dplan_store::ErrorKind, message: String) -> Self {
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
    use dplan_core::{FieldError, Invalid, Lang, Problem};

    #[test]
    fn every_crates_error_says_itself_in_the_uis_language() {
        let e = IpcError::kinded(dplan_print::PrintError::Languages(3)).in_lang(Lang::De);
        assert_eq!(e.0.kind, dplan_store::ErrorKind::Invalid);
        assert!(
            e.message().contains("eine oder zwei Sprachen"),
            "{}",
            e.message()
        );

        // A store error inside a publish error keeps its fields.
        let invalid = Invalid {
            errors: vec![FieldError::new("caldav_url", Problem::Empty)],
        };
        let e = IpcError::kinded(dplan_publish::PublishError::Store(StoreError::Invalid(
            invalid,
        )))
        .in_lang(Lang::De);
        assert_eq!(e.0.fields.len(), 1);
        assert_eq!(e.0.fields[0].field, "caldav_url");
        assert_eq!(e.0.fields[0].reason, "darf nicht leer sein");
    }
}
