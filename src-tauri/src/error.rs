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

    /// An error that says itself in any language: its message is written
    /// in the UI's language by [`IpcError::in_lang`].
    pub(crate) fn said(kind: dplan_store::ErrorKind, problem: dplan_core::Problem) -> Self {
        IpcError(ErrorReport {
            kind,
            message: dplan_core::text::for_message(&problem.to_string()),
            fields: vec![],
            problem: Some(Box::new(problem)),
        })
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
