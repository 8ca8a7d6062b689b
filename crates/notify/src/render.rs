//! Loading, checking and rendering the email templates.

use std::collections::BTreeSet;
use std::path::Path;

use grants_domain::Locale;
use handlebars::Handlebars;
use include_dir::{Dir, include_dir};
use serde_json::Value;

use crate::{Envelope, Formatter, Notification};

/// The templates built into the binary.
static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../email-templates");

/// The three parts of every event's templates.
const KINDS: [&str; 3] = ["subject", "txt", "html"];

/// A problem with a template file, found when loading or checking.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct TemplateProblem {
    /// The template file, relative to the templates folder.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl TemplateProblem {
    pub(crate) fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            message: message.into(),
        }
    }
}

/// An email ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The language it was rendered in (after fallback).
    pub locale: Locale,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// Every template, compiled, in strict mode.
#[derive(Debug)]
pub struct Templates {
    /// HTML bodies: values escaped.
    html: Handlebars<'static>,
    /// Subjects and plain-text bodies: values as they are.
    text: Handlebars<'static>,
    /// (locale, event) pairs with all three parts.
    complete: BTreeSet<(Locale, String)>,
}

fn name(locale: Locale, event: &str, kind: &str) -> String {
    format!("{}/{event}.{kind}", locale.code())
}

impl Templates {
    /// The templates built into the binary (the `email-templates` folder of the source).
    pub fn built_in() -> Result<Templates, Vec<TemplateProblem>> {
        let mut files = Vec::new();
        collect_embedded(&BUILT_IN, &mut files);
        Self::from_files(files)
    }

    /// The templates in a folder laid out like `email-templates`.
    pub fn from_dir(dir: &Path) -> Result<Templates, Vec<TemplateProblem>> {
        let mut files = Vec::new();
        collect_dir(dir, dir, &mut files).map_err(|e| {
            vec![TemplateProblem::new(
                dir.display().to_string(),
                e.to_string(),
            )]
        })?;
        Self::from_files(files)
    }

    /// Compiles `(relative path, content)` pairs; every problem at once.
    fn from_files(files: Vec<(String, String)>) -> Result<Templates, Vec<TemplateProblem>> {
        let mut html = Handlebars::new();
        html.set_strict_mode(true);
        let mut text = Handlebars::new();
        text.set_strict_mode(true);
        text.register_escape_fn(handlebars::no_escape);
        let mut problems = Vec::new();
        let mut parts: BTreeSet<(Locale, String, &'static str)> = BTreeSet::new();

        for (path, content) in &files {
            if !path.ends_with(".hbs") {
                continue;
            }
            if let Some(partial) = path
                .strip_prefix('_')
                .and_then(|p| p.strip_suffix(".html.hbs"))
            {
                if let Err(e) = html.register_partial(partial, content) {
                    problems.push(TemplateProblem::new(path, e.to_string()));
                }
                continue;
            }
            let Some((folder, file)) = path.split_once('/') else {
                problems.push(TemplateProblem::new(
                    path,
                    "templates belong in a folder named after their locale",
                ));
                continue;
            };
            let Some(locale) = Locale::ALL.into_iter().find(|l| l.code() == folder) else {
                problems.push(TemplateProblem::new(
                    path,
                    format!("'{folder}' is not a supported locale"),
                ));
                continue;
            };
            let stem = file.trim_end_matches(".hbs");
            let Some((event, kind)) = stem.rsplit_once('.') else {
                problems.push(TemplateProblem::new(
                    path,
                    "name templates {event}.subject.hbs, {event}.txt.hbs or {event}.html.hbs",
                ));
                continue;
            };
            let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
                problems.push(TemplateProblem::new(
                    path,
                    format!("'{kind}' is not subject, txt or html"),
                ));
                continue;
            };
            if !Notification::EVENTS.contains(&event) {
                problems.push(TemplateProblem::new(
                    path,
                    format!("there is no event '{event}'"),
                ));
                continue;
            }
            let registry = if *kind == "html" {
                &mut html
            } else {
                &mut text
            };
            match registry.register_template_string(&name(locale, event, kind), content) {
                Ok(()) => {
                    parts.insert((locale, event.to_owned(), kind));
                }
                Err(e) => problems.push(TemplateProblem::new(path, e.to_string())),
            }
        }

        let mut complete = BTreeSet::new();
        let pairs: BTreeSet<(Locale, String)> =
            parts.iter().map(|(l, e, _)| (*l, e.clone())).collect();
        for (locale, event) in pairs {
            let missing: Vec<_> = KINDS
                .iter()
                .filter(|k| !parts.contains(&(locale, event.clone(), **k)))
                .map(|k| format!("{event}.{k}.hbs"))
                .collect();
            if missing.is_empty() {
                complete.insert((locale, event));
            } else {
                problems.push(TemplateProblem::new(
                    format!("{}/", locale.code()),
                    format!("{event} is missing {}", missing.join(", ")),
                ));
            }
        }
        if problems.is_empty() {
            Ok(Templates {
                html,
                text,
                complete,
            })
        } else {
            Err(problems)
        }
    }

    /// True if `event` has all three templates in `locale`.
    pub fn has(&self, locale: Locale, event: &str) -> bool {
        self.complete.contains(&(locale, event.to_owned()))
    }

    /// The events that have templates in English and Macedonian (the
    /// languages every event must have), for the workflow validator.
    pub fn complete_events(&self) -> Vec<&'static str> {
        Notification::EVENTS
            .iter()
            .copied()
            .filter(|e| self.has(Locale::En, e) && self.has(Locale::Mk, e))
            .collect()
    }

    /// Every rule a set of templates must meet: each event in English and
    /// Macedonian, and every template renders its event's sample in strict
    /// mode (so it names no field the event lacks).
    pub fn check(&self) -> Vec<TemplateProblem> {
        let mut problems = Vec::new();
        for event in Notification::EVENTS {
            for locale in [Locale::En, Locale::Mk] {
                if !self.has(locale, event) {
                    problems.push(TemplateProblem::new(
                        format!("{}/{event}.*.hbs", locale.code()),
                        format!("every event needs templates in {locale}"),
                    ));
                }
            }
        }
        let envelope = Envelope::sample();
        for sample in Notification::samples() {
            for locale in Locale::ALL {
                if self.has(locale, sample.event())
                    && let Err(e) = self.render_exactly(&sample, &envelope, locale)
                {
                    problems.push(e);
                }
            }
        }
        problems
    }

    /// Renders in the recipient's locale, else the programme's, else English.
    pub fn render(
        &self,
        notification: &Notification,
        envelope: &Envelope,
        locale: Locale,
    ) -> Result<Rendered, TemplateProblem> {
        let fallbacks = [locale, envelope.programme_locale, Locale::En];
        let chosen = self.first_with(notification.event(), fallbacks)?;
        self.render_exactly(notification, envelope, chosen)
    }

    /// The first of `locales` with templates for `event`.
    fn first_with(&self, event: &str, locales: [Locale; 3]) -> Result<Locale, TemplateProblem> {
        locales
            .into_iter()
            .find(|l| self.has(*l, event))
            .ok_or_else(|| {
                TemplateProblem::new(
                    format!("en/{event}.*.hbs"),
                    "no template in any fallback language",
                )
            })
    }

    fn render_exactly(
        &self,
        notification: &Notification,
        envelope: &Envelope,
        locale: Locale,
    ) -> Result<Rendered, TemplateProblem> {
        let event = notification.event();
        let mut data = notification.fields(Formatter::new(locale, envelope.time_zone));
        data.insert(
            "recipient_name".into(),
            Value::String(envelope.recipient_name.clone()),
        );
        data.insert(
            "programme_title".into(),
            Value::String(envelope.programme_title(locale)),
        );
        data.insert(
            "programme_code".into(),
            Value::String(envelope.programme_code.clone()),
        );
        let fail = |kind: &str, e: handlebars::RenderError| {
            TemplateProblem::new(
                format!("{}/{event}.{kind}.hbs", locale.code()),
                e.to_string(),
            )
        };
        let subject = self
            .text
            .render(&name(locale, event, "subject"), &data)
            .map_err(|e| fail("subject", e))?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let text = self
            .text
            .render(&name(locale, event, "txt"), &data)
            .map_err(|e| fail("txt", e))?;
        data.insert("lang".into(), Value::String(locale.code().to_owned()));
        data.insert("subject".into(), Value::String(subject.clone()));
        let html = self
            .html
            .render(&name(locale, event, "html"), &data)
            .map_err(|e| fail("html", e))?;
        Ok(Rendered {
            locale,
            subject,
            text,
            html,
        })
    }
}

fn collect_embedded(dir: &Dir<'_>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        if let Some(content) = file.contents_utf8() {
            out.push((
                file.path().to_string_lossy().replace('\\', "/"),
                content.to_owned(),
            ));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn collect_dir(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_dir(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push((
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(&path)?,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(files: &[(&str, &str)]) -> Result<Templates, Vec<TemplateProblem>> {
        Templates::from_files(
            files
                .iter()
                .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn the_built_in_templates_load_and_pass_every_check() {
        let templates = Templates::built_in().expect("the built-in templates load");
        assert_eq!(templates.check(), vec![]);
    }

    #[test]
    fn every_event_renders_in_every_locale_with_its_sample() {
        let templates = Templates::built_in().expect("loads");
        let envelope = Envelope::sample();
        for sample in Notification::samples() {
            for locale in Locale::ALL {
                let rendered = templates
                    .render(&sample, &envelope, locale)
                    .expect("renders");
                assert!(!rendered.subject.is_empty() && !rendered.subject.contains('\n'));
                assert!(
                    rendered.text.contains("Ana Petrovska"),
                    "{}/{}: {}",
                    locale,
                    sample.event(),
                    rendered.text
                );
                assert!(rendered.html.contains("<html lang=\""), "{}", rendered.html);
                assert!(
                    !rendered.html.contains("{{"),
                    "unrendered expression in {locale}/{}",
                    sample.event()
                );
            }
        }
    }

    #[test]
    fn a_template_naming_a_missing_field_fails_the_check() {
        let templates = only(&[
            ("_layout.html.hbs", "{{> @partial-block }}"),
            ("en/report_accepted.subject.hbs", "Accepted {{report_name}}"),
            (
                "en/report_accepted.txt.hbs",
                "{{recipient_name}} {{grant_total}}",
            ),
            (
                "en/report_accepted.html.hbs",
                "{{#> layout}}{{report_name}}{{/layout}}",
            ),
        ])
        .expect("compiles");
        let problems = templates.check();
        assert!(
            problems.iter().any(
                |p| p.file == "en/report_accepted.txt.hbs" && p.message.contains("grant_total")
            ),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.file == "mk/report_accepted.*.hbs"),
            "Macedonian is required"
        );
    }

    #[test]
    fn unknown_events_locales_and_broken_syntax_are_problems() {
        let problems = only(&[
            ("en/report_acepted.txt.hbs", "x"),
            ("de/report_accepted.txt.hbs", "x"),
            ("en/report_accepted.txt.hbs", "{{#if}}"),
            ("en/grant_closed.txt.hbs", "only one part"),
        ])
        .expect_err("problems");
        let files: Vec<_> = problems.iter().map(|p| p.file.as_str()).collect();
        assert!(files.contains(&"en/report_acepted.txt.hbs"));
        assert!(files.contains(&"de/report_accepted.txt.hbs"));
        assert!(files.contains(&"en/report_accepted.txt.hbs"));
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("grant_closed is missing")),
            "{problems:?}"
        );
    }

    #[test]
    fn html_escapes_values_and_text_does_not() {
        let templates = Templates::built_in().expect("loads");
        let mut sample = Notification::samples()
            .into_iter()
            .find(|n| n.event() == "changes_requested")
            .expect("sample");
        if let Notification::ChangesRequested(c) = &mut sample {
            c.comment = "Budget <b>lines</b> & staff".into();
        }
        let rendered = templates
            .render(&sample, &Envelope::sample(), Locale::En)
            .expect("renders");
        assert!(rendered.text.contains("Budget <b>lines</b> & staff"));
        assert!(
            rendered
                .html
                .contains("Budget &lt;b&gt;lines&lt;/b&gt; &amp; staff")
        );
    }

    /// What a person reads, for the snapshots: the subject and the plain text.
    fn as_read(event: &str, locale: Locale) -> String {
        let templates = Templates::built_in().expect("loads");
        let sample = Notification::samples()
            .into_iter()
            .find(|n| n.event() == event)
            .expect("sample");
        let rendered = templates
            .render(&sample, &Envelope::sample(), locale)
            .expect("renders");
        format!("Subject: {}\n\n{}", rendered.subject, rendered.text)
    }

    #[test]
    fn snapshots_of_emails_people_read() {
        insta::assert_snapshot!(
            "changes_requested_en",
            as_read("changes_requested", Locale::En)
        );
        insta::assert_snapshot!(
            "changes_requested_mk",
            as_read("changes_requested", Locale::Mk)
        );
        insta::assert_snapshot!("decision_funded_el", as_read("decision_funded", Locale::El));
        insta::assert_snapshot!("tranche_paid_sq", as_read("tranche_paid", Locale::Sq));
        insta::assert_snapshot!(
            "tranche_requested_mk",
            as_read("tranche_requested", Locale::Mk)
        );
        insta::assert_snapshot!(
            "tranche_approved_en",
            as_read("tranche_approved", Locale::En)
        );
        insta::assert_snapshot!(
            "proposal_submitted_sr",
            as_read("proposal_submitted", Locale::Sr)
        );
    }

    #[test]
    fn a_missing_locale_falls_back_to_the_programme_then_english() {
        let templates = only(&[
            ("_layout.html.hbs", "{{> @partial-block }}"),
            ("en/report_accepted.subject.hbs", "Accepted"),
            ("en/report_accepted.txt.hbs", "Hello {{recipient_name}}"),
            (
                "en/report_accepted.html.hbs",
                "{{#> layout}}Hello{{/layout}}",
            ),
            ("mk/report_accepted.subject.hbs", "Прифатен"),
            ("mk/report_accepted.txt.hbs", "Здраво {{recipient_name}}"),
            (
                "mk/report_accepted.html.hbs",
                "{{#> layout}}Здраво{{/layout}}",
            ),
        ])
        .expect("compiles");
        let sample = Notification::samples()
            .into_iter()
            .find(|n| n.event() == "report_accepted")
            .expect("sample");
        // Rendered for a reader of `reader` in a programme whose language is `programme`.
        let rendered = |programme, reader| {
            let mut envelope = Envelope::sample();
            envelope.programme_locale = programme;
            templates
                .render(&sample, &envelope, reader)
                .expect("renders")
        };
        assert_eq!(rendered(Locale::Mk, Locale::Sq).locale, Locale::Mk);
        assert_eq!(rendered(Locale::El, Locale::Sq).locale, Locale::En);
        assert_eq!(rendered(Locale::El, Locale::Mk).subject, "Прифатен");
    }
}
