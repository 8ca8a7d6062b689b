//! The public showcase: what programmes that opt in show anyone, without a
//! token (the calls, the funded projects whose grantees consent, and feeds
//! of both), and the grantee's consent on their grant.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use grants_app::showcase::{self, Showcase, ShowcaseConsentView, ShowcaseFilter};
use grants_domain::{GrantId, Locale, ValidationErrors};
use serde::Deserialize;
use utoipa::IntoParams;

use super::handlers::handlers;
use super::params::GRANT_ID;
use super::responses::{ActionErrors, ReadErrors};
use crate::AppState;
use crate::extract::Query;
use crate::problem::{ApiResult, Problem};

/// Public answers may be kept for five minutes: they change with a call or
/// a consent, rarely, and are the same for everyone.
fn public(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}

/// The public showcase: the programmes that show themselves, their upcoming
/// and open calls (what they ask, for whom, until when) and the funded
/// projects whose grantees consented, with the indicators achieved so far.
/// No token needed; nothing personal is in it.
#[utoipa::path(
    get,
    path = "/showcase",
    tag = "showcase",
    params(ShowcaseFilter),
    responses(
        (status = 200, body = Showcase),
        (status = 404, description = "No such programme on the showcase", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a country code", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn read_showcase(
    State(state): State<AppState>,
    Query(filter): Query<ShowcaseFilter>,
) -> ApiResult<Response> {
    let showcase = showcase::read_showcase(&state.app, &filter).await?;
    Ok(public(axum::Json(showcase).into_response()))
}

/// The language of a feed.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct FeedQuery {
    /// Its language, e.g. `mk`; otherwise `Accept-Language`'s, else English.
    lang: Option<String>,
}

impl FeedQuery {
    fn locale(&self) -> Result<Locale, grants_app::AppError> {
        match self.lang.as_deref().map(str::trim) {
            Some(raw) if !raw.is_empty() => {
                let mut errors = ValidationErrors::default();
                let locale = errors.check("lang", Locale::parse(raw));
                Ok(errors.into_result(|| locale.unwrap_or(Locale::En))?)
            }
            _ => Ok(crate::problem::reader_locale()),
        }
    }
}

/// The showcase's upcoming and open calls as an Atom feed, in a language.
#[utoipa::path(
    get,
    path = "/showcase/calls.atom",
    tag = "showcase",
    params(FeedQuery),
    responses(
        (status = 200, description = "The feed", content_type = "application/atom+xml", body = String),
        (status = 422, description = "An unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn calls_feed(state: State<AppState>, query: Query<FeedQuery>) -> ApiResult<Response> {
    feed(
        state,
        query,
        "application/atom+xml; charset=utf-8",
        |locale, showcase, app| {
            grants_i18n::showcase::calls_atom(locale, showcase, app.public_url(), app.now())
        },
    )
    .await
}

/// A feed of the whole showcase in the language asked for, written by `write`.
async fn feed(
    State(state): State<AppState>,
    Query(query): Query<FeedQuery>,
    content_type: &'static str,
    write: impl FnOnce(Locale, &Showcase, &grants_app::App) -> String,
) -> ApiResult<Response> {
    let locale = query.locale()?;
    let showcase = showcase::read_showcase(&state.app, &ShowcaseFilter::default()).await?;
    let body = write(locale, &showcase, &state.app);
    Ok(public(
        ([(header::CONTENT_TYPE, content_type)], body).into_response(),
    ))
}

/// The deadlines of the showcase's upcoming and open calls as an
/// iCalendar feed, in a language: subscribe to it in a calendar.
#[utoipa::path(
    get,
    path = "/showcase/deadlines.ics",
    tag = "showcase",
    params(FeedQuery),
    responses(
        (status = 200, description = "The calendar", content_type = "text/calendar", body = String),
        (status = 422, description = "An unknown language", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn deadlines_feed(state: State<AppState>, query: Query<FeedQuery>) -> ApiResult<Response> {
    feed(
        state,
        query,
        "text/calendar; charset=utf-8",
        |locale, showcase, app| {
            grants_i18n::showcase::deadlines_ical(locale, showcase, app.public_url())
        },
    )
    .await
}

handlers! {
    pub(super) fn routes(), tag = "showcase", also = [read_showcase, calls_feed, deadlines_feed];

    /// Whether the grant's project is on the public showcase, and whether
    /// the reader may consent or withdraw. Readers of the grant.
    get "/grants/{id}/showcase-consent",
    fn grant_showcase_consent(id: IdPath<GrantId> = GRANT_ID) -> Json<ShowcaseConsentView>,
        [ReadErrors] = showcase::of_grant(id);

    /// The grantee consents that their project (title, library, country,
    /// summary and the indicators achieved) appears on the public showcase
    /// of a programme that shows its projects. Giving it again changes
    /// nothing. On the grant's history.
    put "/grants/{id}/showcase-consent",
    fn give_showcase_consent(id: IdPath<GrantId> = GRANT_ID) -> Json<ShowcaseConsentView>,
        [ActionErrors] = showcase::give(id);

    /// The grantee withdraws their consent: the project leaves the showcase
    /// at once. On the grant's history.
    delete "/grants/{id}/showcase-consent",
    fn withdraw_showcase_consent(id: IdPath<GrantId> = GRANT_ID) -> Json<ShowcaseConsentView>,
        [ActionErrors] = showcase::withdraw(id);
}
