use grants_domain::ValidationErrors;
use grants_store::StoreError;

/// Why a use case did not happen. The API maps each variant to one HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No valid credentials came with the request (missing, unknown, expired or revoked token).
    #[error("authentication required")]
    Unauthenticated,
    /// The email and password do not match an active account. Deliberately
    /// the same whether or not the address has an account.
    #[error("the email or password is wrong")]
    InvalidCredentials,
    /// Too many failed log-ins for this address.
    #[error("too many failed log-ins; try again in {retry_after_secs} seconds")]
    LockedOut {
        /// Seconds until log-in is possible again.
        retry_after_secs: u64,
    },
    /// The actor lacks the role for this kind of action.
    #[error("{0}")]
    Forbidden(String),
    /// The object does not exist or the actor has no relation to it.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The input failed validation; every problem is listed.
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    /// A unique value is already taken.
    #[error("{field} is already taken")]
    Duplicate {
        /// The input field whose value is taken.
        field: &'static str,
    },
    /// The object changed since the caller read it.
    #[error("the {what} was changed by someone else; reload it (now at revision {current})")]
    StaleRevision {
        /// What kind of object.
        what: &'static str,
        /// The revision it is at now.
        current: i64,
    },
    /// An update came without the revision it was based on.
    #[error("send the revision you are editing (If-Match header or `revision` field)")]
    RevisionRequired,
    /// The object's state does not allow the action.
    #[error("{0}")]
    Conflict(String),
    /// An uploaded file is refused (too large, empty, or of a type not taken); nothing was stored.
    #[error(transparent)]
    FileRefused(#[from] grants_domain::attachment::FileRefusal),
    /// The request's body could not be read (a broken upload).
    #[error("the request could not be read: {0}")]
    Unreadable(String),
    /// A workflow transition is blocked; every reason is listed.
    #[error("{}", .0.reasons.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join("; "))]
    Blocked(grants_workflow::Blocked),
    /// Something failed that the caller cannot fix; logged in full, answered opaquely.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    /// Maps a store error for an object of kind `what`.
    pub(crate) fn from_store(what: &'static str) -> impl Fn(StoreError) -> AppError {
        move |err| match err {
            StoreError::Duplicate { field } => AppError::Duplicate { field },
            StoreError::StaleRevision { current } => AppError::StaleRevision { what, current },
            StoreError::NotFound => AppError::NotFound(what),
            other => AppError::Internal(Box::new(other)),
        }
    }
}

/// Checks that an action is based on the `current` revision of `what`,
/// given in If-Match or in the body: missing is a 428, older a 409.
pub(crate) fn expect_revision(
    if_match: Option<i64>,
    in_body: Option<i64>,
    what: &'static str,
    current: i64,
) -> Result<(), AppError> {
    let revision = if_match.or(in_body).ok_or(AppError::RevisionRequired)?;
    if revision == current {
        Ok(())
    } else {
        Err(AppError::StaleRevision { what, current })
    }
}

impl AppError {
    /// Maps a money rule's refusal to a validation error on `field`.
    pub(crate) fn money(
        field: &'static str,
    ) -> impl Fn(grants_domain::finance::FinanceError) -> AppError {
        move |err| {
            AppError::Validation(ValidationErrors::single(field, err.code(), err.to_string()))
        }
    }

    /// An unexpected failure described by `message`.
    pub(crate) fn internal(message: impl Into<String>) -> AppError {
        AppError::Internal(message.into().into())
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        AppError::from_store("record")(err)
    }
}
