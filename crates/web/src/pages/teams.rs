//! Teams: the page of a proposal's team (who is on it; for its lead, the
//! invitation form, roles, removal and handing over the lead; for a member,
//! leaving), and the page an invitation's link lands on, where the invitee
//! signs in or registers and accepts. What the reader may do comes from
//! `grants_app::teams`.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::teams::{self, InviteInput, LeadInput, RoleInput, TeamView, TokenInput};
use grants_app::{Actor, AppError};
use grants_domain::team::{Standing, TeamRole};
use grants_domain::{InvitationId, Locale, ProposalId, UserId};
use serde::{Deserialize, Serialize};

use super::forms::{Problems, top_field};
use super::{OrPage, Visit, parse_id, render, render_status};
use crate::i18n::text;
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

#[derive(Debug, Serialize)]
struct MemberRow {
    id: String,
    name: String,
    email: String,
    standing: String,
    lead: bool,
    editor: bool,
    you: bool,
    since: Option<String>,
}

#[derive(Debug, Serialize)]
struct InvitationRow {
    id: String,
    email: String,
    role: String,
    expires: String,
}

#[derive(Debug, Serialize)]
struct LanguageOption {
    code: &'static str,
    name: String,
    selected: bool,
}

#[derive(Debug, Serialize)]
struct TeamPage {
    id: String,
    title: String,
    back: String,
    you: Option<String>,
    manage: bool,
    leave: bool,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationRow>,
    languages: Vec<LanguageOption>,
    email: String,
    viewer_role: bool,
    error: Option<String>,
    errors: std::collections::BTreeMap<String, String>,
    notice: Option<String>,
}

fn team_page(
    viewer: &Viewer,
    actor: &Actor,
    team: TeamView,
    form: Option<&InviteForm>,
    problems: Option<Problems>,
    notice: Option<String>,
) -> TeamPage {
    let f = grants_app::Formatter::new(viewer.locale, team.time_zone);
    let members: Vec<MemberRow> = team
        .members
        .iter()
        .map(|m| MemberRow {
            id: m.user_id.to_string(),
            name: m.name.clone(),
            email: m.email.clone(),
            standing: grants_i18n::proposal::team_standing(viewer.locale, m.standing),
            lead: m.standing == Standing::Lead,
            editor: m.standing == Standing::Member(TeamRole::Editor),
            you: m.user_id == actor.id,
            since: m.added_at.map(|at| f.date_time(at)),
        })
        .collect();
    let chosen = form.map(|f| f.language.as_str()).unwrap_or_default();
    let mut languages: Vec<LanguageOption> = Locale::ALL
        .iter()
        .map(|l| LanguageOption {
            code: l.code(),
            name: crate::i18n::language_name(*l).to_owned(),
            selected: if chosen.is_empty() {
                *l == viewer.locale
            } else {
                l.code() == chosen
            },
        })
        .collect();
    languages.sort_by(|a, b| a.name.cmp(&b.name));
    TeamPage {
        id: team.proposal_id.to_string(),
        back: format!("/app/proposals/{}", team.proposal_id),
        title: team.proposal_title,
        you: team
            .you
            .map(|s| grants_i18n::proposal::team_standing(viewer.locale, s)),
        manage: team.may.manage,
        leave: team.may.leave,
        members,
        invitations: team
            .invitations
            .into_iter()
            .map(|i| InvitationRow {
                id: i.id.to_string(),
                email: i.email,
                role: grants_i18n::proposal::team_role(viewer.locale, i.role),
                expires: f.date_time(i.expires_at),
            })
            .collect(),
        languages,
        email: form.map(|f| f.email.clone()).unwrap_or_default(),
        viewer_role: form.is_some_and(|f| f.role == "viewer"),
        error: problems.as_ref().and_then(Problems::on_top),
        errors: problems.map(|p| p.fields).unwrap_or_default(),
        notice,
    }
}

/// The team on its proposal's page: who is on it, and the way to its page.
#[derive(Debug, Serialize)]
pub(crate) struct TeamSection {
    members: Vec<SectionMember>,
    href: String,
    manage: bool,
}

#[derive(Debug, Serialize)]
struct SectionMember {
    name: String,
    standing: String,
}

impl TeamSection {
    pub(crate) fn new(locale: Locale, team: TeamView) -> Self {
        Self {
            href: format!("/app/proposals/{}/team", team.proposal_id),
            manage: team.may.manage,
            members: team
                .members
                .into_iter()
                .map(|m| SectionMember {
                    name: m.name,
                    standing: grants_i18n::proposal::team_standing(locale, m.standing),
                })
                .collect(),
        }
    }
}

fn here(raw: &str) -> String {
    format!("/app/proposals/{raw}/team")
}

/// The team's page.
pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let (actor, id): (_, ProposalId) = viewer.signed_in_to(&here(&raw), &raw, "proposal")?;
    let team = teams::team(&state.app, actor, id).await.or_page(&viewer)?;
    let page = team_page(&viewer, actor, team, None, None, None);
    Ok(render(&viewer, "team", "team-title", page))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct InviteForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    language: String,
}

/// The page again after a refused change, the refusal shown: beside the
/// invitation form's fields, or on top.
async fn refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProposalId,
    form: Option<&InviteForm>,
    error: AppError,
) -> Result<Response, PageError> {
    let error = viewer.refusal(error)?;
    let problems = Problems::of(viewer, &error, |path| {
        let field = top_field(path);
        ["email", "role", "language"]
            .contains(&field)
            .then(|| field.to_owned())
    });
    let team = teams::team(&state.app, actor, id).await.or_page(viewer)?;
    let page = team_page(viewer, actor, team, form, Some(problems), None);
    Ok(render_status(
        status_of(&error),
        viewer,
        "team",
        "team-title",
        page,
    ))
}

/// The lead invites someone; the page comes back saying the email is on its way.
pub(crate) async fn invite(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<InviteForm>,
) -> Result<Response, PageError> {
    let (actor, id): (_, ProposalId) = viewer.sent_to(&here(&raw), &form.csrf, &raw, "proposal")?;
    let input = InviteInput {
        email: form.email.clone(),
        role: form.role.clone(),
        language: Some(form.language.clone()).filter(|l| !l.is_empty()),
    };
    match teams::invite(&state.app, actor, id, input).await {
        Ok(sent) => {
            let team = teams::team(&state.app, actor, id).await.or_page(&viewer)?;
            let mut args = crate::i18n::Args::new();
            args.insert("email".into(), sent.email.into());
            let notice = crate::i18n::text_with(viewer.locale, "team-invited", &args);
            let page = team_page(&viewer, actor, team, None, None, Some(notice));
            Ok(render(&viewer, "team", "team-title", page))
        }
        Err(error) => refused(&state, &viewer, actor, id, Some(&form), error).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ChangeForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    role: String,
}

/// What a button on the team's page does to one member or invitation.
enum Change {
    Role(UserId),
    Remove(UserId),
    Lead(UserId),
    Withdraw(InvitationId),
}

async fn change(
    state: WebState,
    viewer: Viewer,
    (raw, other): (String, String),
    form: ChangeForm,
    what: fn(uuid::Uuid) -> Change,
) -> Result<Response, PageError> {
    let (actor, id): (_, ProposalId) = viewer.sent_to(&here(&raw), &form.csrf, &raw, "proposal")?;
    let change = what(parse_id(&other, &viewer, "team-member")?);
    let app = &state.app;
    // Who leaves no longer sees the proposal: they go home.
    let mut next = here(&raw);
    let done = match change {
        Change::Role(member) => {
            let input = RoleInput { role: form.role };
            teams::set_role(app, actor, id, member, input)
                .await
                .map(|_| ())
        }
        Change::Remove(member) => {
            if member == actor.id {
                next = "/app".to_owned();
            }
            teams::remove(app, actor, id, member).await
        }
        Change::Lead(member) => {
            let input = LeadInput {
                user_id: member.uuid(),
            };
            teams::hand_over(app, actor, id, input).await.map(|_| ())
        }
        Change::Withdraw(invitation) => {
            teams::withdraw_invitation(app, actor, id, invitation).await
        }
    };
    match done {
        Ok(()) => Ok(Redirect::to(&next).into_response()),
        Err(error) => refused(&state, &viewer, actor, id, None, error).await,
    }
}

pub(crate) async fn set_role(
    Visit(state, viewer): Visit,
    Path(path): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    change(state, viewer, path, form, |u| Change::Role(u.into())).await
}

pub(crate) async fn remove(
    Visit(state, viewer): Visit,
    Path(path): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    change(state, viewer, path, form, |u| Change::Remove(u.into())).await
}

pub(crate) async fn hand_over(
    Visit(state, viewer): Visit,
    Path(path): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    change(state, viewer, path, form, |u| Change::Lead(u.into())).await
}

pub(crate) async fn withdraw(
    Visit(state, viewer): Visit,
    Path(path): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    change(state, viewer, path, form, |u| Change::Withdraw(u.into())).await
}

#[derive(Debug, Serialize)]
struct InvitationPage {
    action: String,
    title: String,
    inviter: String,
    email: String,
    role: String,
    editor: bool,
    expires: String,
    open: bool,
    state: String,
    signed_in: bool,
    has_account: bool,
    sign_in: String,
    register: String,
    error: Option<String>,
}

/// Where an invitation's link lands: what it offers, and the way to take it.
pub(crate) async fn landing(
    Visit(state, viewer): Visit,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    landing_page(&state, &viewer, &token, None, axum::http::StatusCode::OK).await
}

async fn landing_page(
    state: &WebState,
    viewer: &Viewer,
    token: &str,
    error: Option<String>,
    status: axum::http::StatusCode,
) -> Result<Response, PageError> {
    let found = teams::invitation(&state.app, token).await.or_page(viewer)?;
    let f = grants_app::Formatter::new(viewer.locale, found.time_zone);
    let here = format!("/app/invitations/{token}");
    let next = crate::encode(&here);
    let page = InvitationPage {
        sign_in: format!("/app/login?next={next}"),
        register: format!(
            "/app/register?email={}&next={next}",
            crate::encode(&found.email)
        ),
        action: here,
        title: found.proposal_title,
        inviter: found.inviter_name,
        role: grants_i18n::proposal::team_role(viewer.locale, found.role),
        editor: found.role == TeamRole::Editor,
        expires: f.date_time(found.expires_at),
        open: found.state == "open",
        state: text(viewer.locale, &format!("invitation-{}", found.state)),
        signed_in: viewer.actor.is_some(),
        has_account: found.has_account,
        email: found.email,
        error,
    };
    Ok(render_status(
        status,
        viewer,
        "invitation",
        "invitation-title",
        page,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AcceptForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// The signed-in invitee accepts and lands on the proposal.
pub(crate) async fn accept(
    Visit(state, viewer): Visit,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, PageError> {
    let actor = viewer.sent(&format!("/app/invitations/{token}"), &form.csrf)?;
    let input = TokenInput {
        token: token.clone(),
    };
    match teams::accept(&state.app, actor, input).await {
        Ok(team) => {
            Ok(Redirect::to(&format!("/app/proposals/{}", team.proposal_id)).into_response())
        }
        Err(error) => {
            let error = viewer.refusal(error)?;
            let message = crate::workflow_text::failure(viewer.locale, &error);
            landing_page(&state, &viewer, &token, Some(message), status_of(&error)).await
        }
    }
}
