//! The jury of a programme, for those who run it: every reviewer with their
//! profile, current load and bids; a form to edit a reviewer's profile; and
//! adding a reviewer by their email address. The use cases and their
//! permission checks are `grants_app::jury`'s, as for the API.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::jury::{self, ReviewerProfileView};
use grants_app::programmes::ProgrammeView;
use grants_app::{Actor, AppError};
use grants_domain::review::{BidLevel, ReviewerProfileInput};
use grants_domain::{FieldError, Locale, ProgrammeId, UserId, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::forms::top_field;
use super::{OrPage, SavedQuery, Visit, localized, parse_id, render, render_status};
use crate::i18n::{Args, own_text};
use crate::render::native_name;
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// A problem the use case found, in the reader's language when the jury
/// catalogue words it (`jury-problem-{field}-{code}`), else in the use
/// case's own words.
fn problem_text(locale: Locale, field: &str, problem: &FieldError, args: &Args) -> String {
    let key = format!("jury-problem-{field}-{}", problem.code).replace('_', "-");
    own_text(locale, &key, args)
        .or_else(|| own_text(Locale::En, &key, args))
        .unwrap_or_else(|| grants_i18n::errors::field_message(locale, problem))
}

/// The problems of a refused form by field, the first one of each.
pub(super) fn by_field(
    locale: Locale,
    problems: &ValidationErrors,
    args: &Args,
) -> BTreeMap<String, String> {
    let mut shown = BTreeMap::new();
    for f in problems.fields() {
        let field = top_field(&f.field);
        shown
            .entry(field.to_owned())
            .or_insert_with(|| problem_text(locale, field, f, args));
    }
    shown
}

fn programme_title(viewer: &Viewer, programme: &ProgrammeView) -> String {
    localized(
        &programme.spec.title,
        viewer.locale,
        programme.spec.default_locale,
    )
}

fn languages_text(profile: &ReviewerProfileView) -> String {
    profile
        .profile
        .languages
        .iter()
        .map(|l| native_name(*l))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Default, Serialize)]
struct Bids {
    eager: usize,
    willing: usize,
    not_preferred: usize,
}

#[derive(Debug, Serialize)]
struct Member {
    id: String,
    name: String,
    country: String,
    languages: String,
    expertise: String,
    organisation: String,
    assigned: u32,
    max_load: u16,
    min_load: u16,
    available: bool,
    bids: Bids,
    /// Their profile was just saved.
    saved: bool,
}

#[derive(Debug, Serialize)]
struct JuryPage {
    id: String,
    programme: String,
    members: Vec<Member>,
    /// The address typed in the "add a reviewer" form, after a refusal.
    email: String,
    email_error: Option<String>,
}

async fn jury_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProgrammeId,
    saved: Option<&str>,
) -> Result<JuryPage, PageError> {
    // The jury first: those who may not see it get the API's refusal.
    let profiles = jury::profiles(&state.app, actor, id)
        .await
        .or_page(viewer)?;
    let bids = jury::bids(&state.app, actor, id).await.or_page(viewer)?;
    let programme = grants_app::programmes::get(&state.app, actor, id)
        .await
        .or_page(viewer)?;
    let members = profiles
        .iter()
        .map(|p| {
            let mut counted = Bids::default();
            for bid in bids.iter().filter(|b| b.reviewer_id == p.reviewer_id) {
                match bid.level {
                    BidLevel::Eager => counted.eager += 1,
                    BidLevel::Willing => counted.willing += 1,
                    BidLevel::NotPreferred => counted.not_preferred += 1,
                }
            }
            let id = p.reviewer_id.to_string();
            Member {
                saved: saved == Some(id.as_str()),
                id,
                name: p.name.clone(),
                country: p.profile.country.map(|c| c.to_string()).unwrap_or_default(),
                languages: languages_text(p),
                expertise: p.profile.expertise.join(", "),
                organisation: p.profile.organisation.clone().unwrap_or_default(),
                assigned: p.assigned,
                max_load: p.profile.max_load,
                min_load: p.profile.min_load,
                available: p.profile.available,
                bids: counted,
            }
        })
        .collect();
    Ok(JuryPage {
        id: id.to_string(),
        programme: programme_title(viewer, &programme),
        members,
        email: String::new(),
        email_error: None,
    })
}

/// The programme's jury; `saved` names the reviewer whose profile was just saved.
pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/jury");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "programme")?;
    let page = jury_page(&state, &viewer, actor, id, query.saved.as_deref()).await?;
    Ok(render(&viewer, "jury", "jury-title", page))
}

#[derive(Debug, Deserialize)]
pub(crate) struct AddForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// Adds a reviewer by email address, then opens their profile to fill in;
/// an address that finds no reviewer comes back beside the field.
pub(crate) async fn add(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<AddForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/jury");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "programme")?;
    match jury::add_reviewer(&state.app, actor, id, &form.email).await {
        Ok(added) => Ok(Redirect::to(&format!("{here}/{}", added.reviewer_id)).into_response()),
        Err(AppError::Validation(problems)) => {
            let mut page = jury_page(&state, &viewer, actor, id, None).await?;
            let shown = by_field(viewer.locale, &problems, &Args::new());
            page.email_error = Some(shown.into_values().collect::<Vec<_>>().join(" "));
            page.email = form.email;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &viewer,
                "jury",
                "jury-title",
                page,
            ))
        }
        Err(error) => Err(viewer.error_page(error)),
    }
}

#[derive(Debug, Serialize)]
struct LanguageChoice {
    code: &'static str,
    name: &'static str,
    checked: bool,
}

/// The profile form as shown: the saved profile, or what was typed.
#[derive(Debug, Serialize)]
struct ProfileForm {
    expertise: String,
    languages: Vec<LanguageChoice>,
    country: String,
    organisation: String,
    max_load: String,
    min_load: String,
    available: bool,
    /// Why the form was refused, by field.
    errors: BTreeMap<String, String>,
    /// Why it was refused, when not because of a field on it.
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct ProfilePage {
    id: String,
    programme: String,
    reviewer_id: String,
    name: String,
    assigned: u32,
    cap: u16,
    form: ProfileForm,
    saved: bool,
    /// A link back to the jury, for those who run it.
    jury_link: bool,
    /// Country and organisation are shown, not edited: they decide
    /// conflicts of interest, and the reviewer may not change them.
    conflict_fields_locked: bool,
}

fn language_choices(read: &[String]) -> Vec<LanguageChoice> {
    Locale::ALL
        .iter()
        .map(|l| LanguageChoice {
            code: l.code(),
            name: native_name(*l),
            checked: read.iter().any(|r| r == l.code()),
        })
        .collect()
}

fn saved_form(profile: &ReviewerProfileView) -> ProfileForm {
    let p = &profile.profile;
    let read: Vec<String> = p.languages.iter().map(|l| l.code().to_owned()).collect();
    ProfileForm {
        expertise: p.expertise.join(", "),
        languages: language_choices(&read),
        country: p.country.map(|c| c.to_string()).unwrap_or_default(),
        organisation: p.organisation.clone().unwrap_or_default(),
        max_load: p.max_load.to_string(),
        min_load: p.min_load.to_string(),
        available: p.available,
        errors: BTreeMap::new(),
        error: None,
    }
}

fn profile_page(
    viewer: &Viewer,
    actor: &Actor,
    programme: &ProgrammeView,
    profile: &ReviewerProfileView,
    form: ProfileForm,
    saved: bool,
) -> ProfilePage {
    ProfilePage {
        id: programme.id.to_string(),
        programme: programme_title(viewer, programme),
        reviewer_id: profile.reviewer_id.to_string(),
        name: profile.name.clone(),
        assigned: profile.assigned,
        cap: programme.spec.reviewer_load_cap,
        form,
        saved,
        jury_link: jury::runs_jury(actor),
        conflict_fields_locked: !profile.may_change_conflict_fields,
    }
}

fn parse_pair(
    raw: &str,
    raw_reviewer: &str,
    viewer: &Viewer,
) -> Result<(ProgrammeId, UserId), PageError> {
    Ok((
        parse_id(raw, viewer, "programme")?,
        parse_id(raw_reviewer, viewer, "reviewer profile")?,
    ))
}

/// One reviewer's profile with its form: for those who run the jury, and
/// for the reviewer themself.
pub(crate) async fn profile(
    Visit(state, viewer): Visit,
    Path((raw, raw_reviewer)): Path<(String, String)>,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(&format!("/app/programmes/{raw}/jury/{raw_reviewer}"))?;
    let (id, reviewer) = parse_pair(&raw, &raw_reviewer, &viewer)?;
    let shown = jury::profile(&state.app, actor, id, reviewer)
        .await
        .or_page(&viewer)?;
    let programme = grants_app::programmes::get(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let page = profile_page(
        &viewer,
        actor,
        &programme,
        &shown,
        saved_form(&shown),
        query.saved.is_some(),
    );
    Ok(render(
        &viewer,
        "reviewer_profile",
        "jury-profile-title",
        page,
    ))
}

/// The fields of the profile form, as the use case names them.
const PROFILE_FIELDS: [&str; 7] = [
    "expertise",
    "languages",
    "country",
    "organisation",
    "max_load",
    "min_load",
    "available",
];

/// The profile form as sent. Every field is sent, so an emptied one clears
/// the profile's value.
#[derive(Debug, Deserialize)]
pub(crate) struct ProfileFormInput {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    expertise: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    country: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    max_load: String,
    #[serde(default)]
    min_load: String,
    available: Option<String>,
}

impl ProfileFormInput {
    /// The form as the use case takes it, and the numbers that are not
    /// whole numbers (left out of the input).
    fn read(&self) -> (ReviewerProfileInput, ValidationErrors) {
        let mut problems = ValidationErrors::default();
        let mut whole = |field: &str, raw: &str| {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            let parsed = raw.parse::<i64>().ok();
            if parsed.is_none() {
                problems.push(field, "not_a_number", "a whole number");
            }
            parsed
        };
        let max_load = whole("max_load", &self.max_load);
        let min_load = whole("min_load", &self.min_load);
        let input = ReviewerProfileInput {
            // One field of expertise per comma or line.
            expertise: Some(
                self.expertise
                    .split([',', '\n'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            languages: Some(self.languages.clone()),
            country: Some(self.country.trim().to_owned()),
            organisation: Some(self.organisation.clone()),
            max_load,
            min_load,
            available: Some(self.available.is_some()),
        };
        (input, problems)
    }

    /// The form with what was typed and why it was refused.
    fn refused(&self, locale: Locale, problems: &ValidationErrors, cap: u16) -> ProfileForm {
        let mut args = Args::new();
        args.insert("cap".into(), i64::from(cap).into());
        let mut errors = by_field(locale, problems, &args);
        // Problems with no field on the form (the reviewer's role) go on top.
        let other: Vec<String> = errors
            .iter()
            .filter(|(f, _)| !PROFILE_FIELDS.contains(&f.as_str()))
            .map(|(_, m)| m.clone())
            .collect();
        errors.retain(|f, _| PROFILE_FIELDS.contains(&f.as_str()));
        ProfileForm {
            expertise: self.expertise.clone(),
            languages: language_choices(&self.languages),
            country: self.country.clone(),
            organisation: self.organisation.clone(),
            max_load: self.max_load.clone(),
            min_load: self.min_load.clone(),
            available: self.available.is_some(),
            errors,
            error: (!other.is_empty()).then(|| other.join(" ")),
        }
    }
}

/// Saves a reviewer's profile; a refused one comes back with each problem
/// beside its field and what was typed.
pub(crate) async fn save(
    Visit(state, viewer): Visit,
    Path((raw, raw_reviewer)): Path<(String, String)>,
    Form(form): Form<ProfileFormInput>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/jury/{raw_reviewer}");
    let actor = viewer.sent(&here, &form.csrf)?;
    let (id, reviewer) = parse_pair(&raw, &raw_reviewer, &viewer)?;
    let (input, mut problems) = form.read();
    let programme = grants_app::programmes::get(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let outcome = if problems.is_empty() {
        jury::save_profile(&state.app, actor, id, reviewer, input).await
    } else {
        // Not sent: also tell what else the profile's rules find in it.
        if let Err(more) = input.validate(&programme.spec) {
            for f in more.fields() {
                if !problems.fields().iter().any(|p| p.field == f.field) {
                    problems.push(f.field.clone(), &f.code, f.message.clone());
                }
            }
        }
        Err(AppError::Validation(problems))
    };
    let error = match outcome {
        Ok(saved) => {
            let target = if jury::runs_jury(actor) {
                format!(
                    "/app/programmes/{id}/jury?saved={reviewer}#reviewer-{reviewer}",
                    reviewer = saved.reviewer_id
                )
            } else {
                format!("{here}?saved=1")
            };
            return Ok(Redirect::to(&target).into_response());
        }
        Err(error) => error,
    };
    let AppError::Validation(problems) = &error else {
        return Err(viewer.error_page(error));
    };
    // The page again, as it was typed; the profile as saved gives the name and load.
    let shown = jury::profile(&state.app, actor, id, reviewer)
        .await
        .or_page(&viewer)?;
    let refused = form.refused(viewer.locale, problems, programme.spec.reviewer_load_cap);
    let page = profile_page(&viewer, actor, &programme, &shown, refused, false);
    Ok(render_status(
        status_of(&error),
        &viewer,
        "reviewer_profile",
        "jury-profile-title",
        page,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Views;

    fn typed(expertise: &str, max_load: &str) -> ProfileFormInput {
        ProfileFormInput {
            csrf: String::new(),
            expertise: expertise.into(),
            languages: vec!["mk".into(), "sr".into()],
            country: " rs ".into(),
            organisation: "National Library".into(),
            max_load: max_load.into(),
            min_load: String::new(),
            available: None,
        }
    }

    #[test]
    fn a_typed_profile_is_read_as_the_use_case_takes_it() {
        let (input, problems) = typed("Makerspace, , digital literacy\nreading", " 5 ").read();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            input.expertise,
            Some(vec![
                "Makerspace".to_owned(),
                "digital literacy".to_owned(),
                "reading".to_owned()
            ])
        );
        assert_eq!(input.country.as_deref(), Some("rs"));
        assert_eq!(input.max_load, Some(5));
        // Left empty: the profile keeps its value.
        assert_eq!(input.min_load, None);
        // An unticked box is sent as nothing: not available.
        assert_eq!(input.available, Some(false));

        let (input, problems) = typed("", "many").read();
        assert_eq!(input.max_load, None);
        assert_eq!(input.expertise, Some(Vec::new()));
        assert_eq!(problems.fields()[0].field, "max_load");
        assert_eq!(problems.fields()[0].code, "not_a_number");
    }

    #[test]
    fn a_refused_profile_keeps_what_was_typed_and_says_why_beside_each_field() {
        let form = typed("makerspace", "99");
        let mut problems = ValidationErrors::default();
        problems.push(
            "languages[0]",
            "unknown_locale",
            "'xx' is not a supported language",
        );
        problems.push("max_load", "out_of_range", "must be between 0 and 8");
        problems.push(
            "reviewer_id",
            "not_a_reviewer",
            "only a reviewer has a profile",
        );
        problems.push("country", "some_new_code", "the use case's own words");
        for (locale, cap_text, not_a_reviewer) in [
            (
                Locale::En,
                "Between 0 and 8",
                "This person is not a reviewer.",
            ),
            (Locale::Mk, "Од 0 до 8", "Ова лице не е оценувач."),
        ] {
            let shown = form.refused(locale, &problems, 8);
            assert_eq!(shown.max_load, "99");
            assert_eq!(shown.expertise, "makerspace");
            assert!(shown.languages.iter().any(|l| l.code == "sr" && l.checked));
            assert!(shown.errors["max_load"].starts_with(cap_text), "{shown:?}");
            assert!(shown.errors.contains_key("languages"));
            // A problem the catalogue does not word is told in the use case's words.
            assert_eq!(shown.errors["country"], "the use case's own words");
            // No field on the form: on top, in the reader's words.
            assert_eq!(shown.error.as_deref(), Some(not_a_reviewer));
        }
    }

    #[test]
    fn the_jury_pages_render_in_strict_mode() {
        let views = Views::load().expect("the templates compile");
        for locale in [Locale::En, Locale::Mk] {
            let viewer = Viewer::reading(locale, "/app/programmes/x/jury");
            let member = |saved| Member {
                id: "r1".into(),
                name: "Ana".into(),
                country: String::new(),
                languages: "Македонски".into(),
                expertise: "makerspace".into(),
                organisation: String::new(),
                assigned: 1,
                max_load: 8,
                min_load: 0,
                available: false,
                bids: Bids::default(),
                saved,
            };
            for (members, email_error) in [
                (vec![member(true), member(false)], None),
                (Vec::new(), Some("no such reviewer".to_owned())),
            ] {
                let page = JuryPage {
                    id: "p1".into(),
                    programme: "Awards".into(),
                    members,
                    email: "ana@example.org".into(),
                    email_error,
                };
                let status = views.renders(&viewer, "jury", "jury-title", page);
                assert_eq!(status, StatusCode::OK);
            }
            let mut problems = ValidationErrors::default();
            for field in PROFILE_FIELDS {
                problems.push(field, "bad", "wrong");
            }
            for (form, locked) in [
                (
                    typed("makerspace", "5").refused(locale, &ValidationErrors::default(), 8),
                    false,
                ),
                (typed("makerspace", "5").refused(locale, &problems, 8), true),
            ] {
                let page = ProfilePage {
                    id: "p1".into(),
                    programme: "Awards".into(),
                    reviewer_id: "r1".into(),
                    name: "Ana".into(),
                    assigned: 2,
                    cap: 8,
                    form,
                    saved: true,
                    jury_link: !locked,
                    conflict_fields_locked: locked,
                };
                let status = views.renders(&viewer, "reviewer_profile", "jury-profile-title", page);
                assert_eq!(status, StatusCode::OK);
            }
        }
    }
}
