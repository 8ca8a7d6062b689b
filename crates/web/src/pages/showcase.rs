//! The public showcase, for anyone without signing in: the calls of the
//! programmes that show themselves and the funded projects whose grantees
//! consented, per programme and per country, in the programme's languages;
//! and on a grant's page, the grantee's consent. What is public and who may
//! consent come from `grants_app::showcase`.

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::showcase::{self, ShowcaseConsentView, ShowcaseFilter};
use grants_app::{Actor, AppError};
use grants_domain::{GrantId, Locale};
use grants_i18n::showcase::{CallWords, ProjectWords, call_words, project_words, title_of};
use serde::{Deserialize, Serialize};

use super::forms::Problems;
use super::grants::grant_page;
use super::{CsrfForm, OrPage, Visit, render, render_status, when};
use crate::i18n::{country_name, text};
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// The address of a showcase page: which country, and which language.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ShowcaseQuery {
    country: Option<String>,
    lang: Option<String>,
}

/// A link of the page's navigation (a language, a country).
#[derive(Debug, Serialize)]
struct Link {
    href: String,
    name: String,
    /// The language the link's name is in, for a language.
    code: Option<&'static str>,
    current: bool,
}

/// A programme's heading on its own page.
#[derive(Debug, Serialize)]
struct Heading {
    title: String,
    lang: &'static str,
}

#[derive(Debug, Serialize)]
struct ShowcasePage {
    /// The programme, on its own page; `None` on the whole showcase.
    programme: Option<Heading>,
    /// The programmes on the showcase, on the whole showcase's page.
    programmes: Vec<Link>,
    /// The languages the page is offered in.
    languages: Vec<Link>,
    calls: Vec<CallWords>,
    projects: Vec<ProjectWords>,
    /// Every country with a project shown.
    countries: Vec<Link>,
    /// All countries again.
    all_countries: String,
    /// The country shown, by name.
    country: Option<String>,
    /// Where to apply: signed in, a new proposal; else registering.
    apply: &'static str,
    atom: String,
    ical: String,
}

/// The whole showcase: every programme that shows itself.
pub(crate) async fn index(
    visit: Visit,
    Query(query): Query<ShowcaseQuery>,
) -> Result<Response, PageError> {
    show(visit, None, query).await
}

/// One programme's showcase page.
pub(crate) async fn programme(
    visit: Visit,
    Path(code): Path<String>,
    Query(query): Query<ShowcaseQuery>,
) -> Result<Response, PageError> {
    show(visit, Some(code), query).await
}

async fn show(
    Visit(state, mut viewer): Visit,
    code: Option<String>,
    query: ShowcaseQuery,
) -> Result<Response, PageError> {
    // A shared address names its language, over the reader's own.
    if let Some(locale) = query.lang.as_deref().and_then(|l| Locale::parse(l).ok()) {
        viewer.locale = locale;
    }
    let locale = viewer.locale;
    let filter = ShowcaseFilter {
        programme: code.clone(),
        country: query.country.clone(),
    };
    let showcase = showcase::read_showcase(&state.app, &filter)
        .await
        .or_page(&viewer)?;
    let base = match &code {
        Some(code) => format!("/app/showcase/{code}"),
        None => "/app/showcase".to_owned(),
    };
    let address = |lang: Locale, country: Option<&str>| match country {
        Some(c) => format!("{base}?country={c}&lang={}", lang.code()),
        None => format!("{base}?lang={}", lang.code()),
    };
    let chosen = query
        .country
        .as_deref()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty());
    let mut offered: Vec<Locale> = showcase
        .programmes
        .iter()
        .flat_map(|p| p.languages.iter().copied())
        .collect();
    offered.sort_by_key(|l| Locale::ALL.iter().position(|a| a == l));
    offered.dedup();
    let page = ShowcasePage {
        programme: code.as_ref().and(showcase.programmes.first()).map(|p| {
            let (title, lang) = title_of(locale, p);
            Heading { title, lang }
        }),
        programmes: if code.is_none() {
            showcase
                .programmes
                .iter()
                .map(|p| Link {
                    href: format!("/app/showcase/{}?lang={}", p.code, locale.code()),
                    name: title_of(locale, p).0,
                    code: None,
                    current: false,
                })
                .collect()
        } else {
            Vec::new()
        },
        languages: offered
            .into_iter()
            .map(|l| Link {
                href: address(l, chosen.as_deref()),
                name: grants_i18n::language_name(l).to_owned(),
                code: Some(l.code()),
                current: l == locale,
            })
            .collect(),
        calls: showcase
            .calls
            .iter()
            .map(|c| call_words(locale, c))
            .collect(),
        projects: showcase
            .projects
            .iter()
            .map(|p| project_words(locale, &showcase, p))
            .collect(),
        countries: showcase
            .countries
            .iter()
            .map(|c| Link {
                href: address(locale, Some(c)),
                name: country_name(locale, c),
                code: None,
                current: chosen.as_deref() == Some(c.as_str()),
            })
            .collect(),
        all_countries: address(locale, None),
        country: chosen.as_deref().map(|c| country_name(locale, c)),
        apply: if viewer.actor.is_some() {
            "/app/proposals/new"
        } else {
            "/app/register"
        },
        atom: format!("/showcase/calls.atom?lang={}", locale.code()),
        ical: format!("/showcase/deadlines.ics?lang={}", locale.code()),
    };
    Ok(render(&viewer, "showcase", "showcase-title", page))
}

/// The showcase section of a grant's page.
#[derive(Debug, Default, Serialize)]
pub(super) struct ShowcaseSection {
    /// The programme shows funded projects: the section is shown at all.
    programme_showcased: bool,
    shown: bool,
    /// When the grantee consented, in words.
    given: Option<String>,
    may_give: bool,
    may_withdraw: bool,
    /// The programme's showcase page.
    href: String,
    /// Why consenting or withdrawing was refused.
    pub(super) error: Option<String>,
}

impl ShowcaseSection {
    /// The section for `view`, its moment in the programme's time zone.
    pub(super) fn new(
        viewer: &Viewer,
        spec: &grants_domain::programme::ProgrammeSpec,
        view: ShowcaseConsentView,
    ) -> ShowcaseSection {
        ShowcaseSection {
            programme_showcased: view.programme_showcased,
            shown: view.shown,
            given: view.given_at.map(|at| when(viewer.locale, spec, at)),
            may_give: view.may.give,
            may_withdraw: view.may.withdraw,
            href: format!("/app/showcase/{}?lang={}", spec.code, viewer.locale.code()),
            error: None,
        }
    }
}

/// The grantee consents that their project is shown in public.
pub(crate) async fn give(
    visit: Visit,
    path: Path<String>,
    form: Form<CsrfForm>,
) -> Result<Response, PageError> {
    consent(visit, path, form, true).await
}

/// The grantee withdraws their consent.
pub(crate) async fn withdraw(
    visit: Visit,
    path: Path<String>,
    form: Form<CsrfForm>,
) -> Result<Response, PageError> {
    consent(visit, path, form, false).await
}

async fn consent(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<CsrfForm>,
    give: bool,
) -> Result<Response, PageError> {
    let here = format!("/app/grants/{raw}");
    let (actor, id): (_, GrantId) = viewer.sent_to(&here, &form.csrf, &raw, "grant")?;
    let done = if give {
        showcase::give(&state.app, actor, id).await
    } else {
        showcase::withdraw(&state.app, actor, id).await
    };
    match done {
        Ok(_) => Ok(Redirect::to(&format!("{here}#showcase")).into_response()),
        Err(error) => refused(&state, &viewer, actor, id, viewer.refusal(error)?).await,
    }
}

/// The grant's page again, with why the consent was refused.
async fn refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: GrantId,
    error: AppError,
) -> Result<Response, PageError> {
    let mut page = grant_page(state, viewer, actor, id, None).await?;
    page.showcase.error = Problems::of(viewer, &error, |_| None)
        .on_top()
        .or_else(|| Some(text(viewer.locale, "showcase-refused")));
    Ok(render_status(
        status_of(&error),
        viewer,
        "grant",
        "grant-title",
        page,
    ))
}
