use axum::extract::State;
use axum::response::Response;
use grants_app::Page;
use grants_app::mail::{self, PreferenceView, PreferencesInput};
use grants_app::users::{
    self, CreateUserInput, PrivacyNoticeView, RegisterInput, UpdateUserInput, UserListFilter,
    UserView,
};
use grants_domain::UserId;

use super::handlers::handlers;
use super::params::{ACCOUNT_ID, EDITED_ETAG};
use super::responses::{
    CreateErrors, Invalid, ReadErrors, RestrictedListErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::AppState;
use crate::extract::Json;
use crate::problem::{ApiResult, Problem};
use crate::respond::created;

/// Register as an applicant.
#[utoipa::path(
    post,
    path = "/users/register",
    tag = "users",
    request_body = RegisterInput,
    responses(
        (status = 201, description = "Registered; log in next", body = UserView),
        (status = 409, description = "The email is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn register(
    State(state): State<AppState>,
    Json(input): Json<RegisterInput>,
) -> ApiResult<Response> {
    let user = users::register(&state.app, input).await?;
    Ok(created(format!("/users/{}", user.id), user))
}

/// The privacy notice an applicant accepts to register, in a language
/// (`?locale=mk`; English by default), with its version.
#[utoipa::path(
    get,
    path = "/privacy-notice",
    tag = "users",
    params(("locale" = Option<String>, Query, description = "The language, e.g. `mk`")),
    responses(
        (status = 200, body = PrivacyNoticeView),
        (status = 422, description = "An unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn privacy_notice(
    axum::extract::Query(query): axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> ApiResult<axum::Json<PrivacyNoticeView>> {
    Ok(axum::Json(users::privacy_notice(
        query.get("locale").map(String::as_str),
    )?))
}

handlers! {
    pub(super) fn routes(), tag = "users", also = [register, privacy_notice];

    /// The caller's own account.
    get "/me",
    fn me() -> WithEtag<UserView>,
        [Unauthenticated] = users::me();

    /// How you get each kind of email: at once, or in a daily summary.
    get "/me/notification-preferences",
    fn my_preferences() -> Json<Vec<PreferenceView>>,
        [Unauthenticated] = mail::preferences();

    /// Choose which non-urgent emails come in a daily summary; urgent ones
    /// (decisions, payments, deadlines) always come at once.
    put "/me/notification-preferences",
    fn set_my_preferences(input: Json<PreferencesInput>) -> Json<Vec<PreferenceView>>,
        [Unauthenticated, Invalid] = mail::set_preferences(input);

    /// Every account (administrators); `q` finds people by name,
    /// organisation or address in any script.
    get "/users",
    fn list_users((filter, page): Paged<UserListFilter>) -> Json<Page<UserView>>,
        [RestrictedListErrors, Invalid] = users::list_users(&filter, &page);

    /// Every account, as CSV (administrators); on the who-read-what list.
    get "/users.csv",
    fn export_users_csv(filter: Query<UserListFilter>) -> csv,
        [RestrictedListErrors, Invalid] = users::table(&filter);

    /// Every account, as a spreadsheet (xlsx) in the reader's language
    /// (administrators); on the who-read-what list.
    get "/users.xlsx",
    fn export_users_xlsx(filter: Query<UserListFilter>) -> xlsx,
        [RestrictedListErrors, Invalid] = users::table(&filter);

    /// Create an account with roles (administrators).
    post "/users",
    fn create_user(input: Json<CreateUserInput>) -> Created("/users", UserView),
        [CreateErrors] = users::create_user(input);

    /// One account: your own, or any for administrators.
    get "/users/{id}",
    fn get_user(id: IdPath<UserId> = ACCOUNT_ID) -> WithEtag<UserView>,
        [ReadErrors] = users::get_user(id);

    /// Change an account. Send the revision (If-Match or `revision`).
    /// Roles and `active` are for administrators only.
    patch "/users/{id}",
    fn update_user(
        id: IdPath<UserId> = ACCOUNT_ID,
        revision: IfMatch = EDITED_ETAG,
        input: Json<UpdateUserInput>,
    ) -> WithEtag<UserView>,
        [RevisedWriteErrors] = users::update_user(id, input, revision);
}
