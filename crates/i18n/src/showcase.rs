//! The public showcase in words: a call and a funded project as the public
//! reads them (the pages and the feeds say them once, here), the Atom feed
//! of the calls and the iCalendar feed of their deadlines.

use atom_syndication::{EntryBuilder, FeedBuilder, LinkBuilder, Text};
use chrono::{DateTime, Utc};
use grants_app::Formatter;
use grants_app::showcase::{PublicCall, PublicProgramme, PublicProject, Showcase};
use grants_domain::Locale;
use grants_domain::programme::CallStatus;
use icalendar::{Calendar, Component, Event, EventLike};
use serde::Serialize;

use crate::catalogue::{Args, country_name, in_language, text, text_with};

/// A call in the reader's words.
#[derive(Debug, Clone, Serialize)]
pub struct CallWords {
    /// Its programme's code, which names its page.
    pub code: String,
    /// Its title.
    pub title: String,
    /// What it asks for.
    pub description: String,
    /// The language the title and description are in (the reader's when
    /// the programme speaks it).
    pub lang: &'static str,
    /// Upcoming or open, in words.
    pub status: String,
    /// Open now.
    pub open: bool,
    /// When submissions open, in the programme's time zone.
    pub opens: String,
    /// When they close, in the programme's time zone.
    pub closes: String,
    /// The smallest and largest award.
    pub awards: String,
    /// Where libraries may apply from.
    pub countries: Vec<String>,
    /// What the jury scores, with the weights.
    pub criteria: Vec<String>,
}

/// An indicator of a project in the reader's words.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorWords {
    /// Its name.
    pub name: String,
    /// "12 of 20", "12", "target 20".
    pub value: String,
}

/// A funded project in the reader's words.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectWords {
    /// Its title, as its library wrote it.
    pub title: String,
    /// The library.
    pub organisation: Option<String>,
    /// The country.
    pub country: String,
    /// Its summary.
    pub summary: Option<String>,
    /// The language its texts are in, when known.
    pub lang: Option<&'static str>,
    /// Its programme's title.
    pub programme: String,
    /// Its programme's code.
    pub programme_code: String,
    /// Under way or completed, in words.
    pub status: String,
    /// Its indicators.
    pub indicators: Vec<IndicatorWords>,
}

fn with(locale: Locale, key: &str, pairs: &[(&'static str, String)]) -> String {
    let mut args = Args::new();
    for (name, value) in pairs {
        args.insert((*name).into(), value.clone().into());
    }
    text_with(locale, key, &args)
}

/// The programme's title in the reader's language, and that language's code.
pub fn title_of(locale: Locale, p: &PublicProgramme) -> (String, &'static str) {
    let shown = if p.title.contains_key(&locale) {
        locale
    } else {
        p.default_locale
    };
    (
        in_language(&p.title, locale, p.default_locale),
        shown.code(),
    )
}

/// A call in `locale`: its texts in the reader's language where the
/// programme has them, moments in the programme's time zone.
pub fn call_words(locale: Locale, call: &PublicCall) -> CallWords {
    let zone = call.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let f = Formatter::new(locale, zone);
    let (title, lang) = title_of(locale, &call.programme);
    CallWords {
        code: call.programme.code.clone(),
        title,
        description: in_language(&call.description, locale, call.programme.default_locale),
        lang,
        status: text(
            locale,
            match call.status {
                CallStatus::Open => "showcase-call-open",
                CallStatus::Upcoming => "showcase-call-upcoming",
                CallStatus::Closed => "showcase-call-closed",
            },
        ),
        open: call.status == CallStatus::Open,
        opens: f.date_time(call.opens_at),
        closes: f.date_time(call.closes_at),
        awards: with(
            locale,
            "showcase-call-awards",
            &[
                ("min", f.money(call.min_award)),
                ("max", f.money(call.max_award)),
            ],
        ),
        countries: call
            .eligible_countries
            .iter()
            .map(|c| country_name(locale, c))
            .collect(),
        criteria: call
            .criteria
            .iter()
            .map(|c| {
                with(
                    locale,
                    "showcase-criterion",
                    &[
                        (
                            "name",
                            in_language(&c.title, locale, call.programme.default_locale),
                        ),
                        ("weight", c.weight.to_string()),
                    ],
                )
            })
            .collect(),
    }
}

/// A project in `locale`; its own texts stay in the language they were written in.
pub fn project_words(locale: Locale, showcase: &Showcase, project: &PublicProject) -> ProjectWords {
    let programme = showcase
        .programmes
        .iter()
        .find(|p| p.code == project.programme);
    let default = programme.map_or(Locale::En, |p| p.default_locale);
    let f = Formatter::new(locale, chrono_tz::UTC);
    ProjectWords {
        title: project.title.clone(),
        organisation: project.organisation.clone(),
        country: country_name(locale, &project.country),
        summary: project.summary.clone(),
        lang: project.language.map(Locale::code),
        programme: programme.map_or_else(|| project.programme.clone(), |p| title_of(locale, p).0),
        programme_code: project.programme.clone(),
        status: text(
            locale,
            if project.completed {
                "showcase-project-completed"
            } else {
                "showcase-project-running"
            },
        ),
        indicators: project
            .indicators
            .iter()
            .map(|i| IndicatorWords {
                name: in_language(&i.title, locale, default),
                value: match (i.achieved, i.target) {
                    (Some(a), Some(t)) => with(
                        locale,
                        "showcase-indicator-of",
                        &[("achieved", f.count(a)), ("target", f.count(t))],
                    ),
                    (Some(a), None) => f.count(a),
                    (None, Some(t)) => with(
                        locale,
                        "showcase-indicator-target",
                        &[("target", f.count(t))],
                    ),
                    (None, None) => String::new(),
                },
            })
            .collect(),
    }
}

/// A call in one sentence, for a feed: when, how much, for whom.
fn summary(locale: Locale, words: &CallWords) -> String {
    with(
        locale,
        "showcase-feed-summary",
        &[
            ("opens", words.opens.clone()),
            ("closes", words.closes.clone()),
            ("awards", words.awards.clone()),
            ("countries", words.countries.join(", ")),
        ],
    )
}

/// The address of a programme's showcase page in `locale`.
pub fn page_url(base: &str, code: &str, locale: Locale) -> String {
    format!("{base}/app/showcase/{code}?lang={}", locale.code())
}

/// The Atom feed of the upcoming and open calls, in `locale`; `base` is the
/// service's public address, `now` stands for "updated" when there is no call.
pub fn calls_atom(locale: Locale, showcase: &Showcase, base: &str, now: DateTime<Utc>) -> String {
    let entries: Vec<_> = showcase
        .calls
        .iter()
        .map(|call| {
            let words = call_words(locale, call);
            let summary = summary(locale, &words);
            EntryBuilder::default()
                .id(format!("{base}/app/showcase/{}", call.programme.code))
                .title(Text::plain(words.title))
                .updated(call.updated_at.fixed_offset())
                .summary(Some(Text::plain(summary)))
                .content(Some(
                    atom_syndication::ContentBuilder::default()
                        .value(Some(words.description))
                        .content_type(Some("text".to_owned()))
                        .lang(Some(words.lang.to_owned()))
                        .build(),
                ))
                .link(
                    LinkBuilder::default()
                        .href(page_url(base, &call.programme.code, locale))
                        .rel("alternate")
                        .mime_type(Some("text/html".to_owned()))
                        .build(),
                )
                .build()
        })
        .collect();
    let updated = showcase
        .calls
        .iter()
        .map(|c| c.updated_at)
        .max()
        .unwrap_or(now);
    FeedBuilder::default()
        .id(format!("{base}/showcase/calls.atom"))
        .title(Text::plain(text(locale, "showcase-feed-title")))
        .lang(Some(locale.code().to_owned()))
        .updated(updated.fixed_offset())
        .link(
            LinkBuilder::default()
                .href(format!("{base}/showcase/calls.atom?lang={}", locale.code()))
                .rel("self")
                .mime_type(Some("application/atom+xml".to_owned()))
                .build(),
        )
        .link(
            LinkBuilder::default()
                .href(format!("{base}/app/showcase?lang={}", locale.code()))
                .rel("alternate")
                .mime_type(Some("text/html".to_owned()))
                .build(),
        )
        .entries(entries)
        .build()
        .to_string()
}

/// The iCalendar feed of the calls' deadlines, in `locale`: an event at
/// each call's closing moment; `base` is the service's public address.
pub fn deadlines_ical(locale: Locale, showcase: &Showcase, base: &str) -> String {
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost");
    let mut calendar = Calendar::new();
    calendar
        .name(&text(locale, "showcase-ical-name"))
        .description(&text(locale, "showcase-ical-description"));
    for call in &showcase.calls {
        let words = call_words(locale, call);
        let page = page_url(base, &call.programme.code, locale);
        let deadline = with(
            locale,
            "showcase-ical-deadline",
            &[("title", words.title.clone())],
        );
        let description = format!(
            "{}\n\n{}\n{page}",
            summary(locale, &words),
            words.description,
        );
        calendar.push(
            Event::new()
                .uid(&format!("{}-closes@{host}", call.programme.code))
                .timestamp(call.updated_at)
                .summary(&deadline)
                .description(&description)
                .starts(call.closes_at)
                .ends(call.closes_at)
                .url(&page)
                .done(),
        );
    }
    calendar.done().to_string()
}
