//! The kinds of error every crate's errors fall into: what the app's UI
//! branches on (`kind` in every error that crosses IPC) and what the `dplan`
//! CLI turns into its exit code. Each crate keeps its own error type, saying
//! precisely what went wrong; each says its kind through [`Kinded`].

use serde::Serialize;
use ts_rs::TS;

/// The kind of an error, which is what the UI and scripts branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Something named does not exist (a visit, a person in a visit).
    NotFound,
    /// The user's input is wrong (a field, a file, an address, a login):
    /// changing it helps.
    Invalid,
    /// What is stored already, or someone else at work, stands in the way.
    Conflict,
    /// The database, the file system or a server failed or is out of reach.
    Storage,
    /// A fault of dplan's own.
    Internal,
}

impl ErrorKind {
    /// The `dplan` CLI's exit code for an error of this kind (0 is success;
    /// 2 is also what a command line clap cannot parse exits with).
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Internal => 1,
            ErrorKind::Invalid => 2,
            ErrorKind::NotFound => 3,
            ErrorKind::Conflict => 4,
            ErrorKind::Storage => 5,
        }
    }
}

/// An error that says its kind, and, where it can, says itself in any
/// language: a [`Problem`](crate::Problem) with its parameters, or the
/// fields a form got wrong. Front ends write it in the reader's language.
pub trait Kinded {
    fn kind(&self) -> ErrorKind;

    /// The error as a code and its parameters; `None` for one that only
    /// has its (English) message.
    fn problem(&self) -> Option<crate::Problem> {
        None
    }

    /// For an error of kind `invalid`: each field with its reason.
    fn fields(&self) -> Vec<crate::FieldError> {
        Vec::new()
    }
}

impl Kinded for std::io::Error {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Storage
    }
}

impl Kinded for crate::Invalid {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Invalid
    }

    fn fields(&self) -> Vec<crate::FieldError> {
        self.errors.clone()
    }
}

impl Kinded for crate::time::LocalTimeError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_exit_code() {
        let kinds = [
            ErrorKind::NotFound,
            ErrorKind::Invalid,
            ErrorKind::Conflict,
            ErrorKind::Storage,
            ErrorKind::Internal,
        ];
        let mut codes: Vec<u8> = kinds.iter().map(|k| k.exit_code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes, [1, 2, 3, 4, 5]);
    }
}
