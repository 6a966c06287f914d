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
    pub fn storage(message: String) -> Self {
        IpcError(ErrorReport {
            kind: dplan_store::ErrorKind::Storage,
            message,
            fields: vec![],
        })
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
