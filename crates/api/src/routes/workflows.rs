use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::NotFound;
use crate::AppState;
use crate::extract::Query;
use crate::problem::{ApiError, ApiResult, Problem};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_workflows))
        .routes(routes!(workflow_diagram))
}

#[derive(Serialize, ToSchema)]
struct WorkflowSummary {
    /// The workflow's name.
    name: String,
    /// Its current version.
    version: u32,
    /// The states, in order.
    states: Vec<StateSummary>,
}

#[derive(Serialize, ToSchema)]
struct StateSummary {
    /// The state's name.
    name: String,
    /// What people see.
    label: String,
    /// Whether it ends the workflow.
    is_final: bool,
}

/// The workflows the service runs, with their states.
#[utoipa::path(get, path = "/workflows", tag = "workflows", responses((status = 200, body = Vec<WorkflowSummary>)))]
async fn list_workflows(State(state): State<AppState>) -> axum::Json<Vec<WorkflowSummary>> {
    let workflows = state.app.workflows();
    let summaries = workflows
        .names()
        .into_iter()
        .filter_map(|(name, _)| workflows.current(&name))
        .map(|def| WorkflowSummary {
            name: def.name.value.clone(),
            version: def.version.value,
            states: def
                .states
                .iter()
                .map(|s| StateSummary {
                    name: s.name.clone(),
                    label: s.label.clone(),
                    is_final: s.is_final,
                })
                .collect(),
        })
        .collect();
    axum::Json(summaries)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DiagramFormat {
    /// `mermaid` (default) or `dot`.
    format: Option<String>,
}

/// The workflow drawn as a Mermaid state diagram or a Graphviz graph.
#[utoipa::path(
    get,
    path = "/workflows/{name}/diagram",
    tag = "workflows",
    params(("name" = String, Path, description = "The workflow, e.g. proposal"), DiagramFormat),
    responses(
        (status = 200, description = "The diagram source", body = String, content_type = "text/plain"),
        NotFound,
        (status = 400, description = "The format is neither `mermaid` nor `dot`", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn workflow_diagram(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(format): Query<DiagramFormat>,
) -> ApiResult<Response> {
    let def = state
        .app
        .workflows()
        .current(&name)
        .ok_or(ApiError::NotFound)?;
    let text = match format.format.as_deref() {
        None | Some("mermaid") => grants_workflow::mermaid(&def),
        Some("dot") => grants_workflow::dot(&def),
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "unknown format '{other}'; use mermaid or dot"
            )));
        }
    };
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
}
