use std::collections::BTreeMap;

use grants_domain::ValidationErrors;
use grants_domain::attachment::FileRefusal;
use grants_store::StoreError;

/// A refusal as data: a stable code and the facts its sentence names, never
/// the sentence itself. The catalogues say it in the reader's language
/// (`problem-{code}`), so the API and the pages word it alike; clients read
/// `code` and `args` beside the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Stable, e.g. `call-closed`.
    pub code: &'static str,
    /// The facts, by name, e.g. `closes_at`.
    pub args: BTreeMap<String, String>,
}

impl Refused {
    /// A refusal with no facts yet.
    pub fn new(code: &'static str) -> Self {
        Self {
            code,
            args: BTreeMap::new(),
        }
    }

    /// Adds the fact `name`.
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }
}

impl std::fmt::Display for Refused {
    /// For logs: the code and its facts.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)?;
        for (name, value) in &self.args {
            write!(f, " {name}={value:?}")?;
        }
        Ok(())
    }
}

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
    /// The password was right, but the account uses a second factor and
    /// no code came with it.
    #[error("this account uses two-step sign-in: send the code from the authenticator app")]
    SecondFactorNeeded,
    /// Too many failed log-ins for this address.
    #[error("too many failed log-ins; try again in {retry_after_secs} seconds")]
    LockedOut {
        /// Seconds until log-in is possible again.
        retry_after_secs: u64,
    },
    /// The actor lacks the role or relation for this kind of action.
    #[error("forbidden: {0}")]
    Forbidden(Refused),
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
    #[error("conflict: {0}")]
    Conflict(Refused),
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
    /// A 409: the object's state does not allow the action.
    pub fn conflict(code: &'static str) -> Refusing {
        Refusing(Refused::new(code), AppError::Conflict)
    }

    /// A 403: the actor may never do this.
    pub fn forbidden(code: &'static str) -> Refusing {
        Refusing(Refused::new(code), AppError::Forbidden)
    }

    /// Whether the step was refused because the person must set up two-step
    /// sign-in before taking it (a page links them to where they do).
    pub fn needs_second_factor_set_up(&self) -> bool {
        let enrol =
            |args: &BTreeMap<String, String>| args.get("case").map(String::as_str) == Some("enrol");
        match self {
            AppError::Forbidden(r) => r.code == "second-factor-fresh" && enrol(&r.args),
            AppError::Blocked(blocked) => blocked
                .reasons
                .iter()
                .any(|r| r.guard.as_deref() == Some("second_factor_fresh") && enrol(&r.args)),
            _ => false,
        }
    }

    /// The stable code of the error, for clients and translation.
    pub fn code(&self) -> &str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::InvalidCredentials => "invalid-credentials",
            AppError::SecondFactorNeeded => "second-factor-needed",
            AppError::LockedOut { .. } => "locked-out",
            AppError::Forbidden(r) | AppError::Conflict(r) => r.code,
            AppError::NotFound(_) => "not-found",
            AppError::Validation(_) => "validation",
            AppError::Duplicate { .. } => "duplicate",
            AppError::StaleRevision { .. } => "stale-revision",
            AppError::RevisionRequired => "revision-required",
            AppError::FileRefused(refusal) => refusal.code(),
            AppError::Unreadable(_) => "unreadable",
            AppError::Blocked(_) => "transition-blocked",
            AppError::Internal(_) => "internal",
        }
    }

    /// The facts the error's sentence names, by name.
    pub fn args(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            AppError::LockedOut { retry_after_secs } => {
                vec![("retry_after_secs", retry_after_secs.to_string())]
            }
            AppError::Forbidden(r) | AppError::Conflict(r) => return r.args.clone(),
            AppError::NotFound(what) => vec![("what", (*what).to_owned())],
            AppError::Validation(errors) => vec![("count", errors.fields().len().to_string())],
            AppError::Duplicate { field } => vec![("field", (*field).to_owned())],
            AppError::StaleRevision { what, current } => {
                vec![
                    ("what", (*what).to_owned()),
                    ("current", current.to_string()),
                ]
            }
            AppError::Unreadable(why) => vec![("why", why.clone())],
            AppError::FileRefused(refusal) => match refusal {
                FileRefusal::TooLarge { limit } => vec![("limit", limit.to_string())],
                FileRefusal::Empty => vec![],
                FileRefusal::UnsupportedType { detected } => vec![("detected", detected.clone())],
                FileRefusal::TypeMismatch { declared, detected } => vec![
                    ("declared", declared.clone()),
                    ("detected", detected.clone()),
                ],
            },
            _ => vec![],
        };
        pairs
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect()
    }

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

/// A refusal being built: its facts, then [`Refusing::done`] (or `?`/`into`).
#[derive(Debug)]
pub struct Refusing(Refused, fn(Refused) -> AppError);

impl Refusing {
    /// Adds the fact `name`.
    pub fn with(self, name: &str, value: impl ToString) -> Self {
        Refusing(self.0.with(name, value), self.1)
    }

    /// The error.
    pub fn done(self) -> AppError {
        (self.1)(self.0)
    }
}

impl From<Refusing> for AppError {
    fn from(r: Refusing) -> Self {
        r.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_for_lack_of_two_step_sign_in_is_told_apart() {
        let enrol = BTreeMap::from([("case".to_owned(), "enrol".to_owned())]);
        let blocked = |guard: &str, args: BTreeMap<String, String>| {
            AppError::Blocked(grants_workflow::Blocked {
                reasons: vec![grants_workflow::Reason {
                    kind: grants_workflow::ReasonKind::Guard,
                    guard: Some(guard.to_owned()),
                    message: String::new(),
                    args,
                }],
            })
        };
        assert!(blocked("second_factor_fresh", enrol.clone()).needs_second_factor_set_up());
        assert!(!blocked("second_factor_fresh", BTreeMap::new()).needs_second_factor_set_up());
        assert!(!blocked("call_open", enrol).needs_second_factor_set_up());
        let forbidden = AppError::forbidden("second-factor-fresh")
            .with("case", "enrol")
            .done();
        assert!(forbidden.needs_second_factor_set_up());
        let step_up = AppError::forbidden("second-factor-fresh")
            .with("case", "step_up")
            .done();
        assert!(!step_up.needs_second_factor_set_up());
    }
}
