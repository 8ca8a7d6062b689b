//! Writing a proposal: starting a draft for an open call, and editing it
//! (or answering a change request). Budget lines and amounts are typed as
//! people write money; every refused field is shown beside the field, and
//! what was typed stays in the form.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::proposals::{self, CreateProposalInput, UpdateProposalInput};
use grants_app::{Actor, AppError};
use grants_domain::programme::{MoneyInput, ProgrammeSpec};
use grants_domain::proposal::{BudgetLineInput, PartnerInput, ProposalContent, ProposalInput};
use grants_domain::{Currency, Locale, ProgrammeId, ProposalId, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::forms::{Problems, read_count, read_money, top_field};
use super::{Choice, OrPage, Visit, localized, render_status, when};
use crate::i18n::text;
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// Empty budget rows offered below the filled ones.
const SPARE_LINES: usize = 3;
/// The fewest budget rows the form offers, so a budget is written in one go.
const FEWEST_LINES: usize = 6;

#[derive(Debug, Default, Clone, Serialize)]
struct Line {
    index: usize,
    description: String,
    amount: String,
    error: Option<String>,
}

/// A partner library's row of the form.
#[derive(Debug, Serialize)]
struct PartnerRow {
    index: usize,
    organisation: String,
    countries: Vec<Choice>,
    contact: String,
    error: Option<String>,
}

/// Empty partner rows offered below the filled ones.
const SPARE_PARTNERS: usize = 2;

/// One of the programme's indicators, with the target the proposal sets.
#[derive(Debug, Serialize)]
struct Target {
    key: String,
    name: String,
    value: String,
    error: Option<String>,
}

/// What the call asks for, shown above its form.
#[derive(Debug, Serialize)]
struct Call {
    description: String,
    awards: String,
    countries: String,
}

#[derive(Debug, Serialize)]
struct DraftPage {
    action: String,
    programme: String,
    closes: String,
    call: Call,
    /// Per field: it must be filled in before the proposal is submitted.
    required: BTreeMap<&'static str, bool>,
    /// Per free-text field: the most characters it takes, and as people read it.
    max: BTreeMap<&'static str, usize>,
    max_text: BTreeMap<&'static str, String>,
    currency: String,
    revision: i64,
    values: BTreeMap<&'static str, String>,
    errors: BTreeMap<String, String>,
    general: Vec<String>,
    lines: Vec<Line>,
    targets: Vec<Target>,
    partners: Vec<PartnerRow>,
    countries: Vec<Choice>,
    languages: Vec<Choice>,
    saved: bool,
    proposal_id: Option<String>,
}

/// The fields the form holds as typed text, in order: the proposal's
/// free-text answers (whose limits the domain sets), then the rest.
fn typed_fields() -> impl Iterator<Item = &'static str> {
    grants_domain::proposal::TEXT_LIMITS
        .into_iter()
        .map(|(field, _)| field)
        .chain([
            "region",
            "tags",
            "conflicts_of_interest",
            "country",
            "language",
            "requested_amount",
        ])
}

/// What the form holds, as typed.
#[derive(Debug, Default, Clone)]
struct Typed {
    values: BTreeMap<&'static str, String>,
    lines: Vec<(String, String)>,
    /// Targets per indicator key, as typed.
    targets: BTreeMap<String, String>,
    /// Partner libraries as typed: library, country code, contact.
    partners: Vec<(String, String, String)>,
}

impl Typed {
    fn from_content(content: &ProposalContent) -> Typed {
        let mut values = BTreeMap::new();
        let mut put = |k: &'static str, v: Option<String>| {
            values.insert(k, v.unwrap_or_default());
        };
        put("title", content.title.clone());
        put("summary", content.summary.clone());
        put("problem", content.problem.clone());
        put("proposed_service", content.proposed_service.clone());
        put("target_group", content.target_group.clone());
        put("planned_activities", content.planned_activities.clone());
        put("organisation", content.organisation.clone());
        put("region", content.region.as_ref().map(ToString::to_string));
        put("tags", Some(content.tags.join(", ")));
        put(
            "conflicts_of_interest",
            Some(content.conflicts_of_interest.join("\n")),
        );
        put("country", content.country.map(|c| c.to_string()));
        put("language", content.language.map(|l| l.code().to_owned()));
        put(
            "requested_amount",
            content.requested_amount.map(amount_text),
        );
        Typed {
            values,
            lines: content
                .budget_lines
                .iter()
                .map(|l| (l.description.clone(), amount_text(l.amount)))
                .collect(),
            targets: content
                .indicator_targets
                .iter()
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
            partners: content
                .partners
                .iter()
                .map(|p| {
                    (
                        p.organisation.clone(),
                        p.country.to_string(),
                        p.contact.clone().unwrap_or_default(),
                    )
                })
                .collect(),
        }
    }
}

pub(crate) fn amount_text(money: grants_domain::Money) -> String {
    money
        .to_string()
        .split_once(' ')
        .map_or_else(String::new, |(_, n)| n.to_owned())
}

fn page(
    viewer: &Viewer,
    spec: &ProgrammeSpec,
    action: String,
    revision: i64,
    typed: Typed,
    errors: Option<AppError>,
) -> DraftPage {
    let Problems {
        fields: field_errors,
        mut general,
    } = errors
        .map(|e| Problems::of(viewer, &e, |path| Some(path.to_owned())))
        .unwrap_or_default();
    // A long form says at its top that fields below need attention.
    if !field_errors.is_empty() {
        general.insert(0, text(viewer.locale, "error-see-below"));
    }
    let mut lines: Vec<Line> = typed
        .lines
        .iter()
        .cloned()
        .chain(std::iter::repeat_n(
            (String::new(), String::new()),
            SPARE_LINES.max(FEWEST_LINES.saturating_sub(typed.lines.len())),
        ))
        .enumerate()
        .map(|(index, (description, amount))| Line {
            index,
            description,
            amount,
            error: None,
        })
        .collect();
    for line in &mut lines {
        let prefix = format!("budget_lines[{}]", line.index);
        line.error = field_errors
            .iter()
            .find(|(f, _)| f.starts_with(&prefix))
            .map(|(_, m)| m.clone());
    }
    // Beside each field its own problem, whatever sub-field the rule named
    // (`requested_amount.minor` shows at `requested_amount`).
    let by_field: BTreeMap<String, String> = field_errors
        .iter()
        .filter(|(f, _)| !f.starts_with("budget_lines[") && !f.starts_with("partners["))
        .map(|(f, m)| (top_field(f).to_owned(), m.clone()))
        .collect();
    let mut typed = typed;
    for key in typed_fields() {
        typed.values.entry(key).or_default();
    }
    let targets = spec
        .reporting
        .indicators
        .iter()
        .map(|i| Target {
            value: typed.targets.get(&i.key).cloned().unwrap_or_default(),
            error: field_errors
                .get(&format!("indicator_targets.{}", i.key))
                .cloned(),
            name: localized(&i.title, viewer.locale, spec.default_locale),
            key: i.key.clone(),
        })
        .collect();
    let country_choices = |chosen: &str| -> Vec<Choice> {
        std::iter::once(String::new())
            .chain(spec.eligible_countries.iter().map(|c| c.to_string()))
            .map(|c| Choice {
                selected: c == chosen,
                label: if c.is_empty() {
                    String::new()
                } else {
                    crate::i18n::country_name(viewer.locale, &c)
                },
                value: c,
            })
            .collect()
    };
    let partners = typed
        .partners
        .iter()
        .cloned()
        .chain(std::iter::repeat_n(
            (String::new(), String::new(), String::new()),
            SPARE_PARTNERS,
        ))
        .enumerate()
        .map(|(index, (organisation, country, contact))| PartnerRow {
            countries: country_choices(&country),
            error: field_errors
                .iter()
                .find(|(f, _)| f.starts_with(&format!("partners[{index}]")))
                .map(|(_, m)| m.clone()),
            index,
            organisation,
            contact,
        })
        .collect();
    let country = typed.values.get("country").cloned().unwrap_or_default();
    let language = typed.values.get("language").cloned().unwrap_or_default();
    let call = Call {
        description: localized(&spec.description, viewer.locale, spec.default_locale),
        awards: format!(
            "{} – {}",
            viewer.money(spec.min_award),
            viewer.money(spec.max_award)
        ),
        countries: spec
            .eligible_countries
            .iter()
            .map(|c| crate::i18n::country_name(viewer.locale, &c.to_string()))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let mut required: BTreeMap<&'static str, bool> = typed_fields()
        .chain(["budget_lines"])
        .map(|f| (f, false))
        .collect();
    for field in grants_domain::proposal::REQUIRED_TO_SUBMIT {
        required.insert(field, true);
    }
    let max = grants_domain::proposal::TEXT_LIMITS.into_iter().collect();
    let max_text = grants_domain::proposal::TEXT_LIMITS
        .into_iter()
        .map(|(field, n)| {
            let mut args = crate::i18n::Args::new();
            args.insert("count".into(), viewer.count(n as u64).into());
            (
                field,
                crate::i18n::text_with(viewer.locale, "at-most-chars", &args),
            )
        })
        .collect();
    DraftPage {
        action,
        programme: localized(&spec.title, viewer.locale, spec.default_locale),
        closes: when(viewer.locale, spec, spec.closes_at),
        call,
        required,
        max,
        max_text,
        currency: spec.currency.code().to_owned(),
        revision,
        values: typed.values,
        errors: by_field,
        general,
        lines,
        targets,
        partners,
        countries: country_choices(&country),
        languages: std::iter::once(None)
            .chain(Locale::ALL.iter().map(|l| Some(*l)))
            .map(|l| {
                let value = l.map(|l| l.code().to_owned()).unwrap_or_default();
                Choice {
                    selected: value == language,
                    label: l
                        .map(crate::i18n::language_name)
                        .unwrap_or_default()
                        .to_owned(),
                    value,
                }
            })
            .collect(),
        saved: false,
        proposal_id: None,
    }
}

/// The form as sent: named fields, and `line_description.N` / `line_amount.N`.
#[derive(Debug, Deserialize)]
pub(crate) struct DraftForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    revision: Option<i64>,
    #[serde(flatten)]
    fields: BTreeMap<String, String>,
}

/// Reads the form into the proposal's input; amounts that do not read as
/// money are reported under the field the API would name.
fn read_form(form: &DraftForm, currency: Currency) -> (Typed, ProposalInput, ValidationErrors) {
    let mut errors = ValidationErrors::default();
    let get = |k: &str| form.fields.get(k).cloned().unwrap_or_default();
    let mut typed = Typed::default();
    for key in typed_fields() {
        typed.values.insert(key, get(key));
    }
    let mut indexes: Vec<usize> = form
        .fields
        .keys()
        .filter_map(|k| k.strip_prefix("line_description."))
        .filter_map(|n| n.parse().ok())
        .collect();
    indexes.sort_unstable();
    let mut lines = Vec::new();
    for n in indexes {
        let description = get(&format!("line_description.{n}"));
        let amount = get(&format!("line_amount.{n}"));
        if description.trim().is_empty() && amount.trim().is_empty() {
            continue;
        }
        let field = format!("budget_lines[{}].amount", lines.len());
        // One that does not read is kept as nothing, so the lines after it keep their places.
        let read = read_money(&mut errors, field, currency, &amount).unwrap_or(MoneyInput {
            minor: 0,
            currency: currency.code().to_owned(),
        });
        typed.lines.push((description.clone(), amount));
        lines.push(BudgetLineInput {
            description,
            amount: read,
        });
    }
    let requested = get("requested_amount");
    let requested_amount = if requested.trim().is_empty() {
        None
    } else {
        read_money(&mut errors, "requested_amount", currency, &requested)
    };
    // Targets are whole numbers; one that does not read is named beside its field.
    let mut targets = BTreeMap::new();
    for (name, raw) in &form.fields {
        let Some(key) = name.strip_prefix("target.") else {
            continue;
        };
        typed.targets.insert(key.to_owned(), raw.clone());
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        match read_count(raw) {
            Some(n) => {
                targets.insert(key.to_owned(), n);
            }
            None => errors.push(
                format!("indicator_targets.{key}"),
                "not_a_number",
                "give a whole number, e.g. 400",
            ),
        }
    }
    let mut rows: Vec<usize> = form
        .fields
        .keys()
        .filter_map(|k| k.strip_prefix("partner_organisation."))
        .filter_map(|n| n.parse().ok())
        .collect();
    rows.sort_unstable();
    let mut partners = Vec::new();
    for n in rows {
        let organisation = get(&format!("partner_organisation.{n}"));
        let country = get(&format!("partner_country.{n}"));
        let contact = get(&format!("partner_contact.{n}"));
        if [&organisation, &country, &contact]
            .iter()
            .all(|v| v.trim().is_empty())
        {
            continue;
        }
        typed
            .partners
            .push((organisation.clone(), country.clone(), contact.clone()));
        partners.push(PartnerInput {
            organisation,
            country,
            contact: Some(contact),
        });
    }
    let split = |k: &str, by: &[char]| -> Vec<String> {
        get(k)
            .split(by)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let input = ProposalInput {
        title: Some(get("title")),
        summary: Some(get("summary")),
        problem: Some(get("problem")),
        proposed_service: Some(get("proposed_service")),
        target_group: Some(get("target_group")),
        planned_activities: Some(get("planned_activities")),
        budget_lines: Some(lines),
        requested_amount,
        country: Some(get("country")),
        region: Some(get("region")),
        organisation: Some(get("organisation")),
        tags: Some(split("tags", &[','])),
        language: Some(get("language")).filter(|l| !l.is_empty()),
        conflicts_of_interest: Some(split("conflicts_of_interest", &['\n'])),
        indicator_targets: Some(targets),
        partners: Some(partners),
    };
    (typed, input, errors)
}

fn render_draft(status: StatusCode, viewer: &Viewer, page: DraftPage) -> Response {
    render_status(status, viewer, "draft", "draft-title", page)
}

#[derive(Debug, Deserialize)]
pub(crate) struct NewQuery {
    programme: Option<String>,
}

async fn programme_spec(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProgrammeId,
) -> Result<ProgrammeSpec, PageError> {
    Ok(grants_app::programmes::get(&state.app, actor, id)
        .await
        .or_page(viewer)?
        .spec)
}

pub(crate) async fn new_form(
    Visit(state, viewer): Visit,
    Query(query): Query<NewQuery>,
) -> Result<Response, PageError> {
    let raw = query.programme.unwrap_or_default();
    let here = format!("/app/proposals/new?programme={raw}");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "programme")?;
    let spec = programme_spec(&state, &viewer, actor, id).await?;
    let mut typed = Typed::default();
    typed
        .values
        .insert("language", viewer.locale.code().to_owned());
    let action = format!("/app/proposals/new?programme={id}");
    Ok(render_draft(
        StatusCode::OK,
        &viewer,
        page(&viewer, &spec, action, 0, typed, None),
    ))
}

pub(crate) async fn create(
    Visit(state, viewer): Visit,
    Query(query): Query<NewQuery>,
    Form(form): Form<DraftForm>,
) -> Result<Response, PageError> {
    let raw = query.programme.unwrap_or_default();
    let here = format!("/app/proposals/new?programme={raw}");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "programme")?;
    let spec = programme_spec(&state, &viewer, actor, id).await?;
    let (typed, input, money_errors) = read_form(&form, spec.currency);
    let action = format!("/app/proposals/new?programme={id}");
    if !money_errors.is_empty() {
        let error = AppError::Validation(money_errors);
        let page = page(&viewer, &spec, action, 0, typed, Some(error));
        return Ok(render_draft(
            StatusCode::UNPROCESSABLE_ENTITY,
            &viewer,
            page,
        ));
    }
    let created = proposals::create(
        &state.app,
        actor,
        CreateProposalInput {
            programme_id: id.uuid(),
            content: input,
        },
    )
    .await;
    match created {
        Ok(view) => {
            Ok(Redirect::to(&format!("/app/proposals/{}/edit?saved", view.id)).into_response())
        }
        Err(error) => {
            let status = status_of(&error);
            let page = page(&viewer, &spec, action, 0, typed, Some(error));
            Ok(render_draft(status, &viewer, page))
        }
    }
}

pub(crate) async fn edit_form(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(flags): Query<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}/edit");
    let (actor, id): (_, ProposalId) = viewer.signed_in_to(&here, &raw, "proposal")?;
    let proposal = proposals::get(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let spec = programme_spec(&state, &viewer, actor, proposal.programme_id).await?;
    let mut page = page(
        &viewer,
        &spec,
        here,
        proposal.revision,
        Typed::from_content(&proposal.content),
        None,
    );
    page.saved = flags.contains_key("saved");
    page.proposal_id = Some(id.to_string());
    Ok(render_draft(StatusCode::OK, &viewer, page))
}

pub(crate) async fn update(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<DraftForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}/edit");
    let (actor, id): (_, ProposalId) = viewer.sent_to(&here, &form.csrf, &raw, "proposal")?;
    let proposal = proposals::get(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let spec = programme_spec(&state, &viewer, actor, proposal.programme_id).await?;
    let (typed, input, money_errors) = read_form(&form, spec.currency);
    let revision = form.revision.unwrap_or(proposal.revision);
    let outcome = if money_errors.is_empty() {
        proposals::update(
            &state.app,
            actor,
            id,
            UpdateProposalInput {
                revision: Some(revision),
                changes: input,
            },
            None,
        )
        .await
        .map(|_| ())
    } else {
        Err(AppError::Validation(money_errors))
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{here}?saved")).into_response()),
        Err(error) => {
            let error = viewer.refusal(error)?;
            let status = status_of(&error);
            let mut page = page(&viewer, &spec, here, revision, typed, Some(error));
            page.proposal_id = Some(id.to_string());
            Ok(render_draft(status, &viewer, page))
        }
    }
}
