//! Routes by resource; each handler documents itself for OpenAPI.

mod admin;
mod attachments;
mod audit;
mod auth;
mod conversations;
mod erasure;
mod handlers;
pub(crate) mod health;
mod jury;
mod money;
mod params;
mod privacy;
mod programmes;
mod proposals;
mod reads;
mod reports;
mod responses;
mod review;
mod second_factor;
mod sessions;
mod showcase;
mod steps;
mod teams;
mod users;
mod workflows;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// Every API route, with the OpenAPI document they make up. Every route
/// but uploads takes a body of at most 1 MiB and answers within 30
/// seconds; uploads bring their own limits.
pub(crate) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::base())
        .merge(auth::routes())
        .merge(second_factor::routes())
        .merge(sessions::routes())
        .merge(users::routes())
        .merge(privacy::routes())
        .merge(erasure::routes())
        .merge(programmes::routes())
        .merge(proposals::routes())
        .merge(jury::routes())
        .merge(review::routes())
        .merge(money::routes())
        .merge(reports::routes())
        .merge(conversations::routes())
        .merge(teams::routes())
        .merge(steps::routes())
        .merge(workflows::routes())
        .merge(showcase::routes())
        .merge(audit::routes())
        .merge(reads::routes())
        .merge(admin::routes())
        .merge(attachments::routes())
        .merge(health::routes())
        .layer(crate::body_limit())
        .layer(crate::time_limit())
        .merge(attachments::upload_routes())
}
