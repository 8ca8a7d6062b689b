//! Routes by resource; each handler documents itself for OpenAPI.

mod admin;
mod audit;
mod auth;
pub(crate) mod health;
mod jury;
mod money;
mod programmes;
mod proposals;
mod reports;
mod review;
mod users;
mod workflows;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// Every API route, with the OpenAPI document they make up.
pub(crate) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::base())
        .merge(auth::routes())
        .merge(users::routes())
        .merge(programmes::routes())
        .merge(proposals::routes())
        .merge(jury::routes())
        .merge(review::routes())
        .merge(money::routes())
        .merge(reports::routes())
        .merge(workflows::routes())
        .merge(audit::routes())
        .merge(admin::routes())
        .merge(health::routes())
}
