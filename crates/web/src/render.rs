//! The page templates (handlebars, strict mode, built into the binary) and
//! what every page shows around its content: language, navigation, the
//! signed-in person and the CSRF token for forms.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use fluent_templates::FluentLoader;
use grants_domain::Locale;
use handlebars::Handlebars;
use include_dir::{Dir, include_dir};
use serde::Serialize;

use crate::i18n::{CATALOGUES, text};
use crate::session::Viewer;

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The compiled page templates.
#[derive(Debug)]
pub(crate) struct Views {
    registry: Handlebars<'static>,
}

/// A link in the navigation bar.
#[derive(Debug, Serialize)]
struct NavLink {
    href: &'static str,
    label: String,
}

/// A language the person can switch to.
#[derive(Debug, Serialize)]
struct LanguageOption {
    code: &'static str,
    name: &'static str,
    selected: bool,
}

/// Everything around a page's own content.
#[derive(Debug, Serialize)]
struct Frame<'a, T: Serialize> {
    /// The page's language, for `<html lang>` and the `t` helper.
    lang: &'static str,
    title: String,
    csrf: Option<&'a str>,
    user_name: Option<String>,
    nav: Vec<NavLink>,
    languages: Vec<LanguageOption>,
    /// Where this page is, to come back to after switching language.
    here: &'a str,
    /// 1000 and 10000 as the reader writes them, for the script's counters
    /// to group digits as the pages do.
    numbers: String,
    page: T,
}

/// Each language's own name, for the switcher and the language fields.
pub(crate) use crate::i18n::language_name as native_name;

/// The navigation bar: a link to each part the signed-in person reaches.
fn nav(viewer: &Viewer) -> Vec<NavLink> {
    let Some(actor) = &viewer.actor else {
        return Vec::new();
    };
    let reach = grants_app::account::Reach::of(actor);
    [
        ("/app", "nav-home", true),
        ("/app/proposals", "nav-proposals", true),
        ("/app/assignments", "nav-assignments", reach.assignments),
        ("/app/grants", "nav-grants", reach.grants),
        ("/app/reports", "nav-reports", reach.grants),
        (
            "/app/programmes",
            "programme-setup-nav",
            reach.programme_setup,
        ),
        ("/app/admin", "nav-admin", reach.admin),
    ]
    .into_iter()
    .filter(|(_, _, reached)| *reached)
    .map(|(href, key, _)| NavLink {
        href,
        label: text(viewer.locale, key),
    })
    .collect()
}

impl Views {
    /// Loads and checks every template; a broken one stops start-up.
    pub(crate) fn load() -> Result<Views, handlebars::TemplateError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_helper("t", Box::new(FluentLoader::new(&*CATALOGUES)));
        for file in TEMPLATES.files() {
            let Some(name) = file.path().to_str().and_then(|p| p.strip_suffix(".hbs")) else {
                continue;
            };
            let source = file.contents_utf8().unwrap_or_default();
            registry.register_template_string(name, source)?;
        }
        Ok(Views { registry })
    }

    /// Renders page `name` with its content, inside the common frame.
    pub(crate) fn page<T: Serialize>(
        &self,
        status: StatusCode,
        viewer: &Viewer,
        name: &str,
        title_key: &str,
        page: T,
    ) -> Response {
        let locale = viewer.locale;
        let frame = Frame {
            lang: crate::i18n::page_language(locale),
            title: text(locale, title_key),
            csrf: viewer.csrf.as_deref(),
            user_name: viewer.actor.as_ref().map(|a| a.name.clone()),
            nav: nav(viewer),
            languages: Locale::ALL
                .iter()
                .map(|l| LanguageOption {
                    code: l.code(),
                    name: native_name(*l),
                    selected: *l == locale,
                })
                .collect(),
            here: &viewer.path,
            numbers: format!("{}|{}", viewer.count(1000), viewer.count(10_000)),
            page,
        };
        match self.registry.render(name, &frame) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(err) => {
                tracing::error!(template = name, error = %err, "a page failed to render");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Html(text(locale, "error-internal")),
                )
                    .into_response()
            }
        }
    }
}

#[cfg(test)]
impl Views {
    /// The status page `name` renders with, for the tests that every page
    /// renders in strict mode.
    pub(crate) fn renders<T: Serialize>(
        &self,
        viewer: &Viewer,
        name: &str,
        title_key: &str,
        page: T,
    ) -> StatusCode {
        self.page(StatusCode::OK, viewer, name, title_key, page)
            .status()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_templates_use_is_in_english() {
        let en = grants_i18n::catalogue::catalogue_keys("en");
        let dir = format!("{}/templates", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&dir).expect("templates") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("readable");
            for used in source.split("{{t \"").skip(1) {
                let key = used.split('"').next().unwrap_or_default();
                assert!(en.contains(key), "{}: '{key}' is not in en", path.display());
            }
        }
    }

    #[test]
    fn every_template_compiles() {
        let views = Views::load().expect("the templates compile");
        for name in [
            "grant",
            "grants",
            "ledger",
            "step",
            "proposal",
            "report",
            "reports",
            "impact",
            "users",
            "workflows",
        ] {
            assert!(
                views.registry.has_template(name),
                "the template '{name}' is missing"
            );
        }
    }
}
