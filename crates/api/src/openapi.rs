//! The OpenAPI document and the page that browses it.

use axum::Router;
use axum::routing::get;
use utoipa::Modify;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as Spec;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_scalar::{Scalar, Servable};

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Innovation Awards",
        description = "Grant management for innovation-awards programmes: calls, proposals, review, funding, tranches and reports.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Log-in and tokens"),
        (name = "users", description = "Accounts and roles"),
        (name = "programmes", description = "Programmes (calls for proposals)"),
        (name = "proposals", description = "Proposals and their workflow"),
        (name = "jury", description = "Reviewer profiles, conflicts of interest and bids"),
        (name = "review", description = "Reviewer assignment, reviews and the ranking"),
        (name = "money", description = "Funding decisions, grants, tranches and the ledger"),
        (name = "reports", description = "Implementation reports, their reminders, and the impact summary"),
        (name = "workflows", description = "Workflow definitions and diagrams"),
        (name = "audit", description = "The audit trail"),
        (name = "admin", description = "The email outbox and previews"),
        (name = "health", description = "Liveness and readiness"),
    ),
    components(schemas(crate::problem::Problem)),
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut Spec) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The base document the routes add their paths to.
pub(crate) fn base() -> Spec {
    ApiDoc::openapi()
}

/// The complete OpenAPI document, as served at `/openapi.json`.
pub fn openapi() -> Spec {
    crate::routes::api().split_for_parts().1
}

/// `/openapi.json` and the browsable `/docs` page.
pub(crate) fn docs(spec: Spec) -> Router<AppState> {
    let json = spec.clone();
    Router::new()
        .route(
            "/openapi.json",
            get(move || async move { axum::Json(json) }),
        )
        .merge(Scalar::with_url("/docs", spec))
}
