//! Erasing a person's data on their request (administrators).

use grants_app::erasure::{self, ErasureView};
use grants_domain::UserId;

use super::handlers::handlers;
use super::params::ACCOUNT_ID;
use super::responses::{ActionErrors, RestrictedErrors};

handlers! {
    pub(super) fn routes(), tag = "users";

    /// What erasing this person would do (administrators): which of their
    /// proposals lose their texts and files, and which grants are kept as
    /// financial records.
    get "/users/{id}/erasure",
    fn erasure_preview(id: IdPath<UserId> = ACCOUNT_ID) -> Json<ErasureView>,
        [RestrictedErrors] = erasure::preview(id);

    /// Erase this person's personal data (administrators, with a fresh
    /// second factor where they use one; never yourself). The account keeps
    /// its id under a pseudonym and can no longer sign in; their sessions,
    /// preferences and emails go; their proposals no grant was made from
    /// keep only what the programme counts, without files; grants and what
    /// belongs to them are kept as financial records. It cannot be undone;
    /// a second time is a 409.
    post "/users/{id}/erasure",
    fn erase_user(id: IdPath<UserId> = ACCOUNT_ID) -> Json<ErasureView>,
        [ActionErrors] = erasure::erase(id);
}
