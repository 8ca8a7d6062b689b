//! The administrator's "Users and roles" page: every account a page at a
//! time with its roles, a form per account to grant or remove a role, and
//! a button to deactivate or reactivate it. Every change goes through
//! `grants_app::users::update_user` at the revision the page showed, so a
//! change made meanwhile by someone else is refused and shown.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::users::{self, RoleGrantInput, RoleGrantView, UpdateUserInput, UserView};
use grants_app::{Actor, AppError};
use grants_domain::{Locale, Role, UserId};
use serde::{Deserialize, Serialize};

use super::forms::Problems;
use super::{Choice, OrPage, Visit, page_request, render, render_status};
use crate::i18n::text;
use crate::render::native_name;
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// The page's address.
const HERE: &str = "/app/admin/users";

/// A role in the interface's language, e.g. "Programme manager".
fn role_label(locale: Locale, role: Role) -> String {
    text(locale, &format!("role-{}", role.as_str()))
}

/// How a grant travels in forms: `reviewer`, `ambassador:MK`.
fn grant_value(grant: &RoleGrantView) -> String {
    match &grant.area {
        Some(area) => format!("{}:{area}", grant.role),
        None => grant.role.to_string(),
    }
}

/// The roles of an account as one line, for the "what changed" message.
fn roles_line(locale: Locale, roles: &[RoleGrantView]) -> String {
    if roles.is_empty() {
        return text(locale, "user-no-roles");
    }
    roles
        .iter()
        .map(|g| match &g.area {
            Some(area) => format!("{} ({area})", role_label(locale, g.role)),
            None => role_label(locale, g.role),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Serialize)]
struct RoleHeld {
    /// What the page shows.
    label: String,
    /// The ambassador's area.
    area: Option<String>,
    /// How the remove form names it.
    value: String,
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    email: String,
    name: String,
    country: String,
    language: &'static str,
    active: bool,
    revision: i64,
    roles: Vec<RoleHeld>,
    /// The roles as the page showed them, sent back with each form.
    seen_roles: String,
    role_options: Vec<Choice>,
    /// The area as typed, after a refusal.
    typed_area: String,
    /// Why the last change was refused, by field (`role`, `area`).
    errors: BTreeMap<String, String>,
    /// Why the last change was refused, when not because of a field.
    error: Option<String>,
    /// What was just done to this account, said so beside it.
    notice: Option<String>,
}

#[derive(Debug, Serialize)]
struct UsersPage {
    users: Vec<Row>,
    /// The page these rows are on, sent back with each form.
    cursor: String,
    /// The search these rows answer, sent back with each form.
    q: String,
    /// The search in a download's address.
    query: String,
    /// The link to the next page, when there is one.
    next: Option<String>,
    /// A refusal about an account not on this page.
    error: Option<String>,
    /// Changing roles would ask the administrator for a fresh code: the
    /// page offers to give one first.
    step_up: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    cursor: Option<String>,
    /// The search.
    q: Option<String>,
    /// The account whose change was just saved.
    saved: Option<String>,
    /// The account whose sessions were just ended.
    ended: Option<String>,
}

/// What was just done to one account, said beside it.
#[derive(Debug, Clone, Copy)]
struct Notice<'a> {
    user: &'a str,
    /// Its words in the catalogue.
    key: &'static str,
}

impl<'a> Notice<'a> {
    fn of(query: &'a ListQuery) -> Option<Notice<'a>> {
        let saved = query.saved.as_deref().map(|user| Notice {
            user,
            key: "user-saved",
        });
        let ended = query.ended.as_deref().map(|user| Notice {
            user,
            key: "user-sessions-ended",
        });
        saved.or(ended)
    }
}

/// A change refused, to show beside the account with what was typed.
#[derive(Debug, Default)]
struct Refusal {
    user: String,
    role: String,
    area: String,
    errors: BTreeMap<String, String>,
    error: Option<String>,
}

pub(crate) async fn list(
    Visit(state, viewer): Visit,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    let page = users_page(
        &state,
        &viewer,
        actor,
        query.cursor.clone().unwrap_or_default(),
        query.q.as_deref().unwrap_or_default(),
        Notice::of(&query),
        None,
    )
    .await?;
    Ok(render(&viewer, "users", "users-title", page))
}

/// One page of accounts, with a refusal shown at its account.
async fn users_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    cursor: String,
    q: &str,
    notice: Option<Notice<'_>>,
    refusal: Option<Refusal>,
) -> Result<UsersPage, PageError> {
    let request = page_request(Some(cursor.clone()));
    let filter = users::UserListFilter {
        q: Some(q.to_owned()).filter(|q| !q.trim().is_empty()),
    };
    let listed = users::list_users(&state.app, actor, &filter, &request)
        .await
        .or_page(viewer)?;
    let locale = viewer.locale;
    let mut refusal = refusal;
    let users = listed
        .items
        .into_iter()
        .map(|u| {
            let id = u.id.to_string();
            let mine = refusal.take_if(|r| r.user == id);
            let typed_role = mine.as_ref().map(|r| r.role.clone()).unwrap_or_default();
            Row {
                role_options: Role::ALL
                    .iter()
                    .map(|r| Choice {
                        value: r.as_str().to_owned(),
                        label: role_label(locale, *r),
                        selected: typed_role == r.as_str(),
                    })
                    .collect(),
                email: u.email.clone(),
                name: u.name.clone(),
                country: u
                    .country
                    .as_deref()
                    .map(|c| crate::i18n::country_name(locale, c))
                    .unwrap_or_default(),
                language: native_name(u.locale),
                active: u.active,
                revision: u.revision,
                seen_roles: u
                    .roles
                    .iter()
                    .map(grant_value)
                    .collect::<Vec<_>>()
                    .join(","),
                roles: u
                    .roles
                    .iter()
                    .map(|g| RoleHeld {
                        label: role_label(locale, g.role),
                        area: g.area.clone(),
                        value: grant_value(g),
                    })
                    .collect(),
                notice: notice
                    .filter(|n| mine.is_none() && n.user == id)
                    .map(|n| text(locale, n.key)),
                typed_area: mine.as_ref().map(|r| r.area.clone()).unwrap_or_default(),
                errors: mine.as_ref().map(|r| r.errors.clone()).unwrap_or_default(),
                error: mine.and_then(|r| r.error),
                id,
            }
        })
        .collect();
    let step_up = grants_app::second_factor::status(&state.app, actor)
        .await
        .or_page(viewer)?
        .needs_fresh_code;
    let query = match serde_urlencoded::to_string([("q", q)]) {
        Ok(query) if !q.is_empty() => format!("?{query}"),
        _ => String::new(),
    };
    let next = listed
        .next_cursor
        .as_ref()
        .map(|next| match query.as_str() {
            "" => format!("{HERE}?cursor={next}"),
            search => format!("{HERE}{search}&cursor={next}"),
        });
    Ok(UsersPage {
        users,
        cursor,
        q: q.to_owned(),
        query,
        next,
        // An account no longer on this page: its refusal goes on top.
        error: refusal.and_then(|r| r.error.or_else(|| r.errors.into_values().next())),
        step_up,
    })
}

/// Every form of the page: the token, the revision and roles the page
/// showed, the page it is on, and the change.
#[derive(Debug, Deserialize)]
pub(crate) struct UserForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    revision: Option<i64>,
    #[serde(default)]
    seen_roles: String,
    seen_active: Option<bool>,
    #[serde(default)]
    cursor: String,
    #[serde(default)]
    q: String,
    /// The role to grant (`reviewer`) or remove (`ambassador:MK`).
    role: Option<String>,
    /// The area of an ambassador role to grant.
    area: Option<String>,
    /// Whether the account may log in from now on.
    active: Option<bool>,
}

/// What a form of the page asks for; each posts to an address of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Change {
    /// Grants a role: the roles the account has plus the one chosen.
    Grant,
    /// Removes a role.
    Remove,
    /// Deactivates or reactivates an account.
    Activate,
}

/// Makes the `change` a form asks for.
pub(crate) async fn change(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<UserForm>,
    change: Change,
) -> Result<Response, PageError> {
    let (actor, id): (_, UserId) = viewer.sent_to(HERE, &form.csrf, &raw, "user")?;
    // The roles as they are now; the revision the page showed makes sure
    // they are also the ones the administrator saw.
    let current = users::get_user(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let held = || {
        current.roles.iter().map(|g| RoleGrantInput {
            role: g.role.to_string(),
            area: g.area.clone(),
        })
    };
    let typed_role = form.role.clone().unwrap_or_default().trim().to_owned();
    let typed_area = form.area.clone().unwrap_or_default().trim().to_owned();
    let input = match change {
        Change::Grant => UpdateUserInput {
            roles: Some(
                held()
                    .chain([RoleGrantInput {
                        role: typed_role.clone(),
                        area: Some(typed_area.clone()).filter(|a| !a.is_empty()),
                    }])
                    .collect(),
            ),
            ..UpdateUserInput::default()
        },
        Change::Remove => UpdateUserInput {
            roles: Some(
                current
                    .roles
                    .iter()
                    .filter(|g| grant_value(g) != typed_role)
                    .map(|g| RoleGrantInput {
                        role: g.role.to_string(),
                        area: g.area.clone(),
                    })
                    .collect(),
            ),
            ..UpdateUserInput::default()
        },
        Change::Activate => UpdateUserInput {
            active: Some(form.active.unwrap_or(true)),
            ..UpdateUserInput::default()
        },
    };
    let input = UpdateUserInput {
        revision: form.revision,
        ..input
    };
    match users::update_user(&state.app, actor, id, input, None).await {
        Ok(_) => Ok(Redirect::to(&back_to(id, "saved", &form.cursor, &form.q)).into_response()),
        Err(error) => {
            let error = viewer.refusal_unless_forbidden(error)?;
            let mut refusal = Refusal {
                user: id.to_string(),
                ..Refusal::default()
            };
            if matches!(change, Change::Grant) {
                refusal.role = typed_role;
                refusal.area = typed_area;
            }
            // The new grant is the last one sent: its problems go beside its fields.
            let new_grant = format!("roles[{}].", current.roles.len());
            let problems = Problems::of(&viewer, &error, |path| {
                match path.strip_prefix(&new_grant) {
                    Some(field @ ("role" | "area")) if matches!(change, Change::Grant) => {
                        Some(field.to_owned())
                    }
                    _ => None,
                }
            });
            refusal.error = match &error {
                AppError::StaleRevision { .. } => Some(stale(viewer.locale, &form, &current)),
                _ => problems.on_top(),
            };
            refusal.errors = problems.fields;
            let page = users_page(
                &state,
                &viewer,
                actor,
                form.cursor.clone(),
                &form.q,
                None,
                Some(refusal),
            )
            .await?;
            Ok(render_status(
                status_of(&error),
                &viewer,
                "users",
                "users-title",
                page,
            ))
        }
    }
}

/// Says that someone else changed the account since the page was shown,
/// and what: its roles and whether it is active, then and now.
fn stale(locale: Locale, form: &UserForm, now: &UserView) -> String {
    let mut message = vec![text(locale, "user-stale")];
    let seen: Vec<&str> = form
        .seen_roles
        .split(',')
        .filter(|r| !r.is_empty())
        .collect();
    let current: Vec<String> = now.roles.iter().map(grant_value).collect();
    if seen != current.iter().map(String::as_str).collect::<Vec<_>>() {
        let then: Vec<RoleGrantView> = seen
            .iter()
            .filter_map(|value| {
                let (role, area) = match value.split_once(':') {
                    Some((role, area)) => (role, Some(area.to_owned())),
                    None => (*value, None),
                };
                Role::parse(role)
                    .ok()
                    .map(|role| RoleGrantView { role, area })
            })
            .collect();
        message.push(format!(
            "{} {} → {}.",
            text(locale, "user-stale-roles"),
            roles_line(locale, &then),
            roles_line(locale, &now.roles)
        ));
    }
    if form.seen_active.is_some_and(|seen| seen != now.active) {
        let yes_no = |active: bool| text(locale, if active { "yes" } else { "no" });
        message.push(format!(
            "{} {} → {}.",
            text(locale, "user-stale-active"),
            form.seen_active.map(yes_no).unwrap_or_default(),
            yes_no(now.active)
        ));
    }
    message.join(" ")
}

/// The page of `cursor` again, saying what was done (`what`) to `id`, at its row.
fn back_to(id: UserId, what: &str, cursor: &str, q: &str) -> String {
    let mut target = format!("{HERE}?{what}={id}");
    if !cursor.is_empty() {
        target.push_str(&format!("&cursor={cursor}"));
    }
    if let Ok(search) = serde_urlencoded::to_string([("q", q)])
        && !q.is_empty()
    {
        target.push_str(&format!("&{search}"));
    }
    target.push_str(&format!("#user-{id}"));
    target
}

/// The form ending an account's sessions.
#[derive(Debug, Deserialize)]
pub(crate) struct EndSessionsForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    cursor: String,
    #[serde(default)]
    q: String,
}

/// Ends every session of an account.
pub(crate) async fn end_sessions(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<EndSessionsForm>,
) -> Result<Response, PageError> {
    let (actor, id): (_, UserId) = viewer.sent_to(HERE, &form.csrf, &raw, "user")?;
    grants_app::sessions::end_for_user(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    Ok(Redirect::to(&back_to(id, "ended", &form.cursor, &form.q)).into_response())
}
