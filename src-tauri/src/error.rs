//! The one error type that crosses IPC. The UI branches on `kind`, shows
//! `fields` beside their inputs, and shows `message` to people.

use dplan_core::FieldError;
use dplan_store::{ErrorKind, StoreError};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    NotFound,
    Invalid,
    Conflict,
    Storage,
    Internal,
}

#[derive(Debug, Serialize)]
pub struct IpcError {
    pub kind: Kind,
    pub message: String,
    /// For `invalid`: each field and what is wrong with it.
    pub fields: Vec<FieldError>,
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let kind = match e.kind() {
            ErrorKind::NotFound => Kind::NotFound,
            ErrorKind::Invalid => Kind::Invalid,
            ErrorKind::Conflict => Kind::Conflict,
            ErrorKind::Storage => Kind::Storage,
            ErrorKind::Internal => Kind::Internal,
        };
        IpcError {
            kind,
            message: e.to_string(),
            fields: e.invalid().map(|i| i.errors.clone()).unwrap_or_default(),
        }
    }
}

impl IpcError {
    pub fn storage(message: String) -> Self {
        IpcError {
            kind: Kind::Storage,
            message,
            fields: vec![],
        }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
