use dplan_core::Invalid;

/// What went wrong, in kinds the app and the CLI can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no {what} `{key}`")]
    NotFound { what: &'static str, key: String },
    #[error("`{key}` matches more than one {what}: {candidates}")]
    AmbiguousKey {
        what: &'static str,
        key: String,
        candidates: String,
    },
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// What is stored already stands in the way: a code with its
    /// parameters, written in the reader's language where it is shown.
    #[error("{0}")]
    Conflict(dplan_core::Problem),
    #[error(
        "{path} has schema version {found}, but this dplan knows versions up to {supported}; update dplan (the database was left unchanged)"
    )]
    TooNew {
        path: String,
        found: u32,
        supported: u32,
    },
    /// A visit file that is not one, is too new, or holds invalid data.
    #[error("{path}: {source}")]
    BadFile {
        path: String,
        source: dplan_core::FileError,
    },
    #[error("{path} is not a Delegation Planner database: {reason}")]
    NotOurs { path: String, reason: String },
    /// A backup that a restore refused; the live database was not touched.
    #[error("{path}: the backup is not usable: {reason}; nothing was changed")]
    UnusableBackup { path: String, reason: String },
    /// The team database's server wants a (correct) login: what the user
    /// changes, written in their language.
    #[error("{0}")]
    Login(dplan_core::Problem),
    /// The team database's server is out of reach.
    #[error("{0}")]
    Unreachable(dplan_core::Problem),
    /// Something only a SQLite file does, asked of a server database.
    #[error(
        "{database} is a team database on a server, which cannot {action}; its administrator backs it up and restores it with the server's tools, and `dplan copy` copies it into a SQLite file"
    )]
    NotOnServer {
        action: &'static str,
        database: String,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The team database's server refused, failed or could not be reached.
    #[error("database server: {0}")]
    Postgres(postgres::Error),
    /// A column that a statement of the store reads is missing or holds
    /// another type: the store's own mistake (or a schema it does not know).
    #[error("the database column `{column}` {reason}")]
    Column { column: String, reason: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

pub use dplan_core::ErrorKind;

impl From<postgres::Error> for StoreError {
    /// A transaction that lost to a colleague's concurrent one (a
    /// serialization failure or a deadlock) is a conflict the user can
    /// act on, said in their language; anything else is the server's.
    fn from(e: postgres::Error) -> Self {
        match e.code().map(|c| c.code()) {
            Some("40001" | "40P01") => {
                StoreError::Conflict(dplan_core::Problem::ChangedConcurrently)
            }
            _ => StoreError::Postgres(e),
        }
    }
}

impl dplan_core::Kinded for StoreError {
    fn kind(&self) -> ErrorKind {
        StoreError::kind(self)
    }

    fn problem(&self) -> Option<dplan_core::Problem> {
        match self {
            StoreError::Conflict(p) | StoreError::Login(p) | StoreError::Unreachable(p) => {
                Some(p.clone())
            }
            _ => None,
        }
    }

    fn fields(&self) -> Vec<dplan_core::FieldError> {
        self.invalid().map(|i| i.errors.clone()).unwrap_or_default()
    }
}

/// An error as it crosses to the UI: its kind, a message for people, and for
/// `invalid` each field with its reason, so a form can show it beside the
/// field.
#[derive(Clone, Debug, serde::Serialize, ts_rs::TS)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<dplan_core::FieldError>,
    /// For a conflict: its code and parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<Box<dplan_core::Problem>>,
}

impl From<&StoreError> for ErrorReport {
    fn from(e: &StoreError) -> Self {
        ErrorReport::of(e)
    }
}

impl ErrorReport {
    /// Any crate's error as it reaches people: its kind, its message, and
    /// what lets [`ErrorReport::in_lang`] write it in their language.
    pub fn of<E: dplan_core::Kinded + std::fmt::Display + ?Sized>(e: &E) -> Self {
        ErrorReport {
            kind: e.kind(),
            message: dplan_core::text::for_message(&e.to_string()),
            fields: e.fields(),
            problem: e.problem().map(Box::new),
        }
    }
}

impl ErrorReport {
    /// The fields' reasons written in `lang`, and the message too when it
    /// is nothing but those reasons (a form that failed validation).
    pub fn in_lang(mut self, lang: dplan_core::Lang) -> Self {
        if let Some(p) = &self.problem {
            self.message = dplan_core::text::for_message(&dplan_core::says::Says(lang).problem(p));
        }
        if self.fields.is_empty() {
            return self;
        }
        let english = Invalid {
            errors: self.fields.clone(),
        };
        let only_fields = self.message == dplan_core::text::for_message(&english.to_string());
        let local = english.in_lang(lang);
        if only_fields {
            self.message = dplan_core::text::for_message(&local.to_string());
        }
        self.fields = local.errors;
        self
    }
}

impl StoreError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::NotFound { .. } => ErrorKind::NotFound,
            StoreError::AmbiguousKey { .. }
            | StoreError::Invalid(_)
            | StoreError::BadFile { .. }
            | StoreError::NotOnServer { .. }
            | StoreError::Login(_) => ErrorKind::Invalid,
            StoreError::Conflict(_) => ErrorKind::Conflict,
            StoreError::TooNew { .. }
            | StoreError::NotOurs { .. }
            | StoreError::UnusableBackup { .. }
            | StoreError::Unreachable(_)
            | StoreError::Io { .. } => ErrorKind::Storage,
            StoreError::Sqlite(e) => match e.sqlite_error_code() {
                Some(
                    rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
                    | rusqlite::ErrorCode::DiskFull
                    | rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::NotADatabase
                    | rusqlite::ErrorCode::DatabaseCorrupt
                    | rusqlite::ErrorCode::PermissionDenied,
                ) => ErrorKind::Storage,
                Some(rusqlite::ErrorCode::ConstraintViolation) => ErrorKind::Conflict,
                _ => ErrorKind::Internal,
            },
            StoreError::Postgres(e) => match e.code().map(|c| c.code()) {
                // Integrity constraints, and a transaction that lost to a
                // colleague's concurrent one (serialization, deadlock).
                Some(c) if c.starts_with("23") => ErrorKind::Conflict,
                // The connection, the login, the database's existence, the
                // server's resources, the server going down.
                Some(c)
                    if ["08", "28", "3D", "53", "57", "58"]
                        .iter()
                        .any(|class| c.starts_with(class)) =>
                {
                    ErrorKind::Storage
                }
                Some(_) => ErrorKind::Internal,
                // No SQLSTATE: the server was not reached or the connection broke.
                None => ErrorKind::Storage,
            },
            StoreError::Column { .. } => ErrorKind::Internal,
        }
    }

    /// The invalid fields, when the error is about them.
    pub fn invalid(&self) -> Option<&Invalid> {
        match self {
            StoreError::Invalid(inv)
            | StoreError::BadFile {
                source: dplan_core::FileError::Invalid(inv),
                ..
            } => Some(inv),
            _ => None,
        }
    }
}
