//! Your sessions and tokens: seeing and ending them, changing your
//! password (which ends the others), and an administrator ending all of
//! someone's.

use grants_app::account::{self, ChangePasswordInput};
use grants_app::sessions::{self, EndedSessions, SessionView};
use grants_domain::{TokenId, UserId};

use super::handlers::handlers;
use super::params::{ACCOUNT_ID, SESSION_ID};
use super::responses::{Invalid, ReadErrors, RestrictedErrors, TooManyAttempts, Unauthenticated};

handlers! {
    pub(super) fn routes(), tag = "auth";

    /// Your sessions that still work (signed-in browsers and API tokens):
    /// when each was signed in and last used, from which address and
    /// program; `current` marks the one of this request. The most recently
    /// used first.
    get "/me/sessions",
    fn my_sessions() -> Json<Vec<SessionView>>,
        [Unauthenticated] = sessions::list();

    /// End one of your sessions: it stops working at once. Ending the
    /// current one signs you out.
    delete "/me/sessions/{id}",
    fn end_my_session(id: IdPath<TokenId> = SESSION_ID) -> NoContent("Ended"),
        [ReadErrors] = sessions::end(id);

    /// End every session of yours but this one.
    post "/me/sessions/end-others",
    fn end_my_other_sessions() -> Json<EndedSessions>,
        [Unauthenticated] = sessions::end_others();

    /// Change your password with your current one. Every other session of
    /// yours ends; this one stays. Wrong current passwords count as failed
    /// sign-ins.
    post "/me/password",
    fn change_my_password(input: Json<ChangePasswordInput>) -> Json<EndedSessions>,
        [Unauthenticated, Invalid, TooManyAttempts] = account::change_password(input);

    /// End every session of an account (administrators): a lost device, a
    /// person who left. To keep them out, deactivate the account as well.
    post "/users/{id}/sessions/end",
    fn end_user_sessions(id: IdPath<UserId> = ACCOUNT_ID) -> Json<EndedSessions>,
        [RestrictedErrors] = sessions::end_for_user(id);
}
