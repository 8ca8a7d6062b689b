//! The OpenAPI document and the page that browses it.

use axum::Router;
use axum::routing::get;
use std::collections::BTreeMap;
use utoipa::Modify;
use utoipa::OpenApi;

use axum::http::header::CONTENT_TYPE;
use grants_domain::attachment::FileKind;
use utoipa::openapi::OpenApi as Spec;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{AdditionalProperties, AllOf, Object, Schema};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Response, ResponseBuilder};

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
        (name = "conversations", description = "Conversations on proposals, grants and reports, each read by its audience only"),
        (name = "teams", description = "A proposal's team: invitations by email, editors and viewers, handing over the lead"),
        (name = "showcase", description = "The public showcase of calls and funded projects, its feeds, and grantees' consent"),
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
    complete(crate::routes::api().split_for_parts().1)
}

/// The routes' document with what the handlers' annotations cannot say
/// themselves: flattened request bodies as the one object they are, and
/// the problems every operation of a kind can answer with.
pub(crate) fn complete(mut spec: Spec) -> Spec {
    flatten_closed_compositions(&mut spec);
    add_common_problems(&mut spec);
    document_download_types(&mut spec);
    spec
}

/// A download is served with the type found when it was uploaded, so its
/// 200 lists every type an attachment can have, binary each.
fn document_download_types(spec: &mut Spec) {
    let Some(operation) = spec
        .paths
        .paths
        .get_mut("/attachments/{id}/content")
        .and_then(|item| item.get.as_mut())
    else {
        return;
    };
    let Some(RefOr::T(ok)) = operation.responses.responses.get_mut("200") else {
        return;
    };
    let Some(binary) = ok.content.values().next().cloned() else {
        return;
    };
    ok.content = FileKind::ALL
        .iter()
        .map(|kind| (kind.mime().to_owned(), binary.clone()))
        .collect();
}

/// `#[serde(flatten)]` of a struct that denies unknown fields is drawn by
/// utoipa as `allOf: [{$ref: X}, {extra fields}]`, where X says
/// `additionalProperties: false`: a schema no value can match (the extra
/// fields are unknown to X), though the server takes them. Such a
/// composition becomes the one closed object the server reads: X's
/// properties and the extra ones, with both lists of required fields.
fn flatten_closed_compositions(spec: &mut Spec) {
    let Some(components) = spec.components.as_mut() else {
        return;
    };
    let closed: BTreeMap<String, Object> = components
        .schemas
        .iter()
        .filter_map(|(name, schema)| match schema {
            RefOr::T(Schema::Object(object)) if is_closed(object) => {
                Some((format!("#/components/schemas/{name}"), object.clone()))
            }
            _ => None,
        })
        .collect();
    for schema in components.schemas.values_mut() {
        let RefOr::T(Schema::AllOf(all_of)) = schema else {
            continue;
        };
        let Some(merged) = merge_closed(all_of, &closed) else {
            continue;
        };
        *schema = RefOr::T(Schema::Object(merged));
    }
}

/// Whether an object schema refuses properties it does not name.
fn is_closed(object: &Object) -> bool {
    matches!(
        object.additional_properties.as_deref(),
        Some(AdditionalProperties::FreeForm(false))
    )
}

/// One closed object from `allOf: [{$ref: closed X}, inline objects…]`, or
/// `None` when the composition is of another shape.
fn merge_closed(all_of: &AllOf, closed: &BTreeMap<String, Object>) -> Option<Object> {
    let mut base: Option<Object> = None;
    let mut extras = Vec::new();
    for item in &all_of.items {
        match item {
            RefOr::Ref(reference) if base.is_none() => {
                base = Some(closed.get(&reference.ref_location)?.clone());
            }
            RefOr::T(Schema::Object(object)) => extras.push(object),
            _ => return None,
        }
    }
    let mut merged = base?;
    for extra in extras {
        for (name, property) in &extra.properties {
            merged.properties.insert(name.clone(), property.clone());
        }
        for name in &extra.required {
            if !merged.required.contains(name) {
                merged.required.push(name.clone());
            }
        }
    }
    if all_of.description.is_some() {
        merged.description = all_of.description.clone();
    }
    if all_of.title.is_some() {
        merged.title = all_of.title.clone();
    }
    Some(merged)
}

/// Adds the problems the extractors answer with before any handler runs,
/// to every operation they can happen to (keeping a route's own wording
/// where it documents one):
/// - a JSON body: 400 when it is not JSON, 415 when it is not sent as
///   JSON (or not at all), 422 when a field has the wrong type;
/// - query parameters: 400 when one cannot be read; 422 when `limit` is
///   outside 1 to 200;
/// - an `If-Match` header: 400 when it is not an ETag of this service.
fn add_common_problems(spec: &mut Spec) {
    for item in spec.paths.paths.values_mut() {
        let operations = [
            item.get.as_mut(),
            item.put.as_mut(),
            item.post.as_mut(),
            item.delete.as_mut(),
            item.patch.as_mut(),
        ];
        for operation in operations.into_iter().flatten() {
            let mut add = Vec::new();
            let json_body = operation
                .request_body
                .as_ref()
                .is_some_and(|body| match body {
                    RefOr::T(body) => body.content.contains_key("application/json"),
                    RefOr::Ref(_) => false,
                });
            if json_body {
                add.push(("400", "The body is not valid JSON"));
                add.push((
                    "415",
                    "The body is missing or not sent as `application/json`",
                ));
                add.push((
                    "422",
                    "A field is missing, unknown, or of the wrong type (named in `errors`)",
                ));
            }
            let parameters: Vec<&Parameter> = operation
                .parameters
                .iter()
                .flatten()
                .filter_map(|p| match p {
                    RefOr::T(p) => Some(p),
                    RefOr::Ref(_) => None,
                })
                .collect();
            if parameters
                .iter()
                .any(|p| p.parameter_in == ParameterIn::Query)
            {
                add.push(("400", "A query parameter cannot be read"));
            }
            if parameters
                .iter()
                .any(|p| p.parameter_in == ParameterIn::Query && p.name == "limit")
            {
                add.push(("422", "`limit` is not between 1 and 200"));
            }
            if parameters.iter().any(|p| {
                p.parameter_in == ParameterIn::Header && p.name.eq_ignore_ascii_case("if-match")
            }) {
                add.push(("400", "`If-Match` is not an ETag of this service"));
            }
            for (status, description) in add {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem_response(description));
            }
        }
    }
}

/// A problem+json response.
fn problem_response(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                Content::new(Some(Ref::from_schema_name("Problem"))),
            )
            .build(),
    )
}

/// What the `/docs` pages may load: their own scripts and styles from this
/// service (Swagger UI styles elements inline, and draws icons as data
/// URLs), and nothing from anywhere else.
const DOCS_CONTENT_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// `/openapi.json` and the browsable `/docs` pages.
///
/// The document is rendered once, here: axum clones a route's handler for
/// every request it serves, and a handler holding the document itself
/// cloned all of it each time (under 32 concurrent clients the server held
/// 200 MiB of copies; BENCHMARKS.md). The pages are Swagger UI, built into
/// the binary: they work on a network without the internet, and load
/// nothing from elsewhere.
pub(crate) fn docs(spec: Spec) -> Router<AppState> {
    let spec = complete(spec);
    let json = axum::body::Bytes::from(serde_json::to_vec(&spec).unwrap_or_else(|err| {
        tracing::error!(%err, "the OpenAPI document does not serialise");
        b"{}".to_vec()
    }));
    let config = utoipa_swagger_ui::Config::new(["/openapi.json"])
        // No badge fetched from the public validator.
        .validator_url("none")
        .try_it_out_enabled(true);
    let pages: Router<AppState> = utoipa_swagger_ui::SwaggerUi::new("/docs")
        .config(config)
        .into();
    Router::new()
        .route(
            "/openapi.json",
            get(move || async move { ([(CONTENT_TYPE, "application/json")], json) }),
        )
        .merge(
            pages.layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
                axum::http::header::CONTENT_SECURITY_POLICY,
                axum::http::HeaderValue::from_static(DOCS_CONTENT_POLICY),
            )),
        )
}
