//! Accounts: self-registration, administration, profiles and roles.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::{
    Area, CountryCode, Email, Locale, PersonName, Role, RoleGrant, UserId, ValidationErrors,
};
use grants_store::audit::{self, AuditEntry};
use grants_store::users::{self as store_users, NewUser, Profile, UserRecord};
use grants_store::{ConnectionTrait, tokens};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{Actor, App, AppError, AppResult, Page, PageRequest, password};

/// A role to grant, as sent by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGrantInput {
    /// One of applicant, reviewer, jury_chair, programme_manager, ambassador, finance, admin.
    pub role: String,
    /// For ambassadors only: the country (`MK`) or region (`BA-SRP`) they cover.
    pub area: Option<String>,
}

/// A role held, as shown to clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RoleGrantView {
    /// The role.
    pub role: Role,
    /// The area an ambassador covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
}

/// An applicant registering themself.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterInput {
    /// The address to log in with; unique ignoring case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// At least 10 characters.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
    /// Language for pages and mail (default `en`).
    pub locale: Option<String>,
    /// Country of the applicant's library (ISO 3166-1 alpha-2, `XK` for Kosovo).
    pub country: String,
    /// The applicant's library or organisation.
    pub organisation: Option<String>,
    /// The version of the privacy notice the applicant read and accepts
    /// (`GET /privacy-notice`); required.
    pub accepted_privacy_notice: Option<String>,
}

/// The privacy notice people accept when they register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PrivacyNoticeView {
    /// Its version: send it as `accepted_privacy_notice` to register.
    pub version: &'static str,
    /// The language of `text`.
    pub locale: Locale,
    /// The notice.
    pub text: &'static str,
}

/// The privacy notice in `locale` (English where none is asked for).
pub fn privacy_notice(locale: Option<&str>) -> AppResult<PrivacyNoticeView> {
    let locale = match locale {
        Some(raw) => Locale::parse(raw).map_err(|e| {
            let mut errors = ValidationErrors::default();
            errors.push_parse("locale", e);
            AppError::from(errors)
        })?,
        None => Locale::En,
    };
    Ok(PrivacyNoticeView {
        version: grants_notify::PRIVACY_NOTICE_VERSION,
        locale,
        text: grants_notify::privacy_notice(locale),
    })
}

/// The consent a registration gives: the current notice's version, or why not.
fn consent(errors: &mut ValidationErrors, accepted: Option<&str>) {
    match accepted.map(str::trim) {
        None | Some("") => errors.push(
            "accepted_privacy_notice",
            "required",
            "read the privacy notice and accept it to register",
        ),
        Some(v) if v == grants_notify::PRIVACY_NOTICE_VERSION => {}
        Some(_) => errors.push(
            "accepted_privacy_notice",
            "outdated",
            "the privacy notice has changed since it was read: read it again",
        ),
    }
}

/// An account created by an administrator.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserInput {
    /// The address to log in with; unique ignoring case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Initial password, at least 10 characters.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
    /// Language (default `en`).
    pub locale: Option<String>,
    /// Country the person works in.
    pub country: Option<String>,
    /// Library or organisation.
    pub organisation: Option<String>,
    /// Fields of expertise, for reviewer matching.
    #[serde(default)]
    pub expertise_tags: Vec<String>,
    /// Roles to grant.
    pub roles: Vec<RoleGrantInput>,
}

/// Changes to an account; omitted fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserInput {
    /// Display name.
    pub name: Option<String>,
    /// Language.
    pub locale: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Library or organisation; an empty string clears it.
    pub organisation: Option<String>,
    /// Fields of expertise.
    pub expertise_tags: Option<Vec<String>>,
    /// Administrators only: whether the account may log in.
    pub active: Option<bool>,
    /// Administrators only: replaces every role.
    pub roles: Option<Vec<RoleGrantInput>>,
    /// The revision being edited (or send it in If-Match).
    pub revision: Option<i64>,
}

/// An account as shown to clients.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    /// The account's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: UserId,
    /// The address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Language.
    pub locale: Locale,
    /// Country.
    pub country: Option<String>,
    /// Library or organisation.
    pub organisation: Option<String>,
    /// Fields of expertise.
    pub expertise_tags: Vec<String>,
    /// Roles held.
    pub roles: Vec<RoleGrantView>,
    /// Whether the account may log in.
    pub active: bool,
    /// Whether the person confirmed their address by the emailed link.
    pub email_verified: bool,
    /// For optimistic concurrency (also the ETag).
    pub revision: i64,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When the person's data was erased (the name and address are then a
    /// pseudonym); absent for everyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erased_at: Option<DateTime<Utc>>,
}

impl From<UserRecord> for UserView {
    fn from(u: UserRecord) -> Self {
        Self {
            id: u.id,
            email: u.email.to_string(),
            name: u.name.to_string(),
            locale: u.locale,
            country: u.country.map(|c| c.to_string()),
            organisation: u.organisation,
            expertise_tags: u.expertise_tags,
            roles: u
                .roles
                .iter()
                .map(|g| RoleGrantView {
                    role: g.role(),
                    area: g.area().map(|a| a.to_string()),
                })
                .collect(),
            active: u.active,
            email_verified: u.email_verified_at.is_some(),
            revision: u.revision,
            created_at: u.created_at,
            updated_at: u.updated_at,
            erased_at: u.erased_at,
        }
    }
}

/// An applicant registers themself; they get the applicant role only.
#[tracing::instrument(skip_all)]
pub async fn register(app: &App, input: RegisterInput) -> AppResult<UserView> {
    let mut errors = ValidationErrors::default();
    consent(&mut errors, input.accepted_privacy_notice.as_deref());
    let new = NewUserFields {
        email: errors.check("email", Email::parse(&input.email)),
        name: errors.check("name", PersonName::parse(&input.name)),
        locale: locale(&mut errors, input.locale.as_deref()),
        country: errors
            .check("country", CountryCode::parse(&input.country))
            .map(Some),
        organisation: organisation(&mut errors, input.organisation),
        expertise_tags: Some(Vec::new()),
        roles: RoleGrant::plain(Role::Applicant).ok().map(|g| vec![g]),
    };
    insert_user(app, None, new, errors, input.password, "user.registered").await
}

/// An administrator creates an account with any roles.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create_user(app: &App, actor: &Actor, input: CreateUserInput) -> AppResult<UserView> {
    actor.require_any(&[Role::Admin], "create_users")?;
    create(app, Some(actor.id), input).await
}

/// Creates an account without an actor: the `grants user create` bootstrap and demo data.
#[tracing::instrument(skip_all)]
pub async fn bootstrap_user(app: &App, input: CreateUserInput) -> AppResult<UserView> {
    create(app, None, input).await
}

async fn create(app: &App, by: Option<UserId>, input: CreateUserInput) -> AppResult<UserView> {
    let mut errors = ValidationErrors::default();
    let new = NewUserFields {
        email: errors.check("email", Email::parse(&input.email)),
        name: errors.check("name", PersonName::parse(&input.name)),
        locale: locale(&mut errors, input.locale.as_deref()),
        country: country(&mut errors, input.country.as_deref()),
        organisation: organisation(&mut errors, input.organisation),
        expertise_tags: expertise_tags(&mut errors, input.expertise_tags),
        roles: roles(&mut errors, &input.roles),
    };
    insert_user(app, by, new, errors, input.password, "user.created").await
}

/// Fields of a new account, each `None` where it failed validation.
struct NewUserFields {
    email: Option<Email>,
    name: Option<PersonName>,
    locale: Option<Locale>,
    country: Option<Option<CountryCode>>,
    organisation: Option<Option<String>>,
    expertise_tags: Option<Vec<String>>,
    roles: Option<Vec<RoleGrant>>,
}

async fn insert_user(
    app: &App,
    by: Option<UserId>,
    fields: NewUserFields,
    mut errors: ValidationErrors,
    password: SecretString,
    action: &'static str,
) -> AppResult<UserView> {
    if let Err(e) = password::check_policy("password", &password) {
        errors.0.extend(e.0);
    }
    let NewUserFields {
        email: Some(email),
        name: Some(name),
        locale: Some(locale),
        country: Some(country),
        organisation: Some(organisation),
        expertise_tags: Some(expertise_tags),
        roles: Some(roles),
    } = fields
    else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let password_hash = password::hash(password).await?;
    // The business clock, as the retention period that counts from it.
    let now = app.now();
    let tx = app.store.begin().await?;
    let user = store_users::insert(
        &tx,
        NewUser {
            email,
            password_hash,
            profile: Profile {
                name,
                locale,
                country,
                organisation,
                expertise_tags,
            },
            roles,
        },
        now,
    )
    .await
    .map_err(AppError::from_store("user"))?;
    audit::record(
        &tx,
        AuditEntry {
            // A self-registration is the new user's own act.
            actor: by.or((action == "user.registered").then_some(user.id)),
            action,
            subject_type: "user",
            subject_id: user.id.uuid(),
            details: serde_json::json!({ "roles": role_names(&user.roles) }),
        },
        now,
    )
    .await?;
    if action == "user.registered" {
        // Registration checked the version: it is the notice of today.
        let consent = store_users::PrivacyConsent {
            version: grants_notify::PRIVACY_NOTICE_VERSION.to_owned(),
            locale: user.locale,
            accepted_at: now,
        };
        store_users::record_consent(&tx, user.id, &consent).await?;
        crate::account::send_verification(&tx, app, &user, now).await?;
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(user.id = %user.id, "account created");
    Ok(user.into())
}

/// The actor's own account.
pub async fn me(app: &App, actor: &Actor) -> AppResult<UserView> {
    find_visible(app.store.conn(), actor, actor.id)
        .await
        .map(Into::into)
}

/// One account: administrators see all, everyone else only their own.
pub async fn get_user(app: &App, actor: &Actor, id: UserId) -> AppResult<UserView> {
    find_visible(app.store.conn(), actor, id)
        .await
        .map(Into::into)
}

/// Every account, a page at a time (administrators only).
pub async fn list_users(
    app: &App,
    actor: &Actor,
    filter: &UserListFilter,
    page: &PageRequest,
) -> AppResult<Page<UserView>> {
    actor.require_any(&[Role::Admin], "list_users")?;
    let words = crate::search::words(filter.q.as_deref())?;
    let (after, fetch) = page.parse()?;
    let rows = store_users::list(app.store.conn(), &words, after, fetch).await?;
    Ok(Page::from_rows(
        rows,
        fetch,
        |u| u.id.uuid(),
        UserView::from,
    ))
}

/// Which accounts to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListFilter {
    /// Only those whose name, organisation or address holds every word,
    /// in any script, with or without accents (`petrovic` finds
    /// "Петровић"); at most 200 characters and 8 words.
    pub q: Option<String>,
}

/// Every account of the list (the same search), for a download
/// (administrators): recorded as a read of personal data, on the
/// who-read-what page.
pub async fn table(
    app: &App,
    actor: &Actor,
    filter: &UserListFilter,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let mut table = Table::new(
        "users",
        &[
            "user_id",
            "name",
            "email",
            "roles",
            "active",
            "email_verified",
            "language",
            "country",
            "organisation",
            "created_at",
        ],
    );
    table.rows = crate::export::every_page(
        |page| async move { list_users(app, actor, filter, &page).await },
        |u: UserView| {
            let roles: Vec<String> = u
                .roles
                .iter()
                .map(|g| match &g.area {
                    Some(area) => format!("{}:{area}", g.role.as_str()),
                    None => g.role.as_str().to_owned(),
                })
                .collect();
            vec![
                Cell::text(u.id.to_string()),
                Cell::text(u.name),
                Cell::text(u.email),
                Cell::text(roles.join(" ")),
                Cell::Flag(u.active),
                Cell::Flag(u.email_verified),
                Cell::text(u.locale.code()),
                u.country.map_or(Cell::Empty, Cell::Country),
                Cell::maybe(u.organisation),
                Cell::Moment(u.created_at),
            ]
        },
    )
    .await?;
    crate::reads::record(
        app,
        actor,
        crate::reads::ReadKind::UsersExported,
        uuid::Uuid::nil(),
    )
    .await?;
    Ok(table)
}

/// Changes an account. People edit their own profile; only administrators
/// change roles or (de)activate, and never their own, so that the last
/// administrator cannot lock everyone out by mistake.
#[tracing::instrument(skip_all, fields(actor = %actor.id, user.id = %id))]
pub async fn update_user(
    app: &App,
    actor: &Actor,
    id: UserId,
    input: UpdateUserInput,
    if_match: Option<i64>,
) -> AppResult<UserView> {
    let admin = actor.has(Role::Admin);
    let own = actor.id == id;
    if (input.roles.is_some() || input.active.is_some()) && !admin {
        return Err(AppError::forbidden("admin-only-roles").done());
    }
    if input.roles.is_some() {
        crate::second_factor::require_fresh(app, actor)?;
    }
    if own && (input.active == Some(false) || removes_own_admin(&input)) {
        return Err(AppError::conflict("self-deactivation").done());
    }
    let tx = app.store.begin().await?;
    let current = find_visible(&tx, actor, id).await?;
    // An erased person stays erased: nobody brings their account back.
    if current.erased_at.is_some() {
        return Err(AppError::conflict("already-erased").done());
    }
    // Checked here, as every other update does: a revision the account is
    // not at never reaches the store (which would add one to it).
    crate::error::expect_revision(if_match, input.revision, "user", current.revision)?;
    let revision = current.revision;

    let mut errors = ValidationErrors::default();
    let name = match input.name.as_deref() {
        Some(raw) => errors.check("name", PersonName::parse(raw)),
        None => Some(current.name.clone()),
    };
    let locale = match input.locale.as_deref() {
        Some(raw) => locale(&mut errors, Some(raw)),
        None => Some(current.locale),
    };
    let country = match input.country.as_deref() {
        Some(raw) => country(&mut errors, Some(raw)),
        None => Some(current.country),
    };
    let organisation = match input.organisation {
        Some(raw) => organisation(&mut errors, Some(raw)),
        None => Some(current.organisation.clone()),
    };
    let tags = match input.expertise_tags {
        Some(raw) => expertise_tags(&mut errors, raw),
        None => Some(current.expertise_tags.clone()),
    };
    let new_roles = input.roles.as_ref().map(|r| roles(&mut errors, r));
    let (Some(name), Some(locale), Some(country), Some(organisation), Some(expertise_tags)) =
        (name, locale, country, organisation, tags)
    else {
        return Err(errors.into());
    };
    // A reviewer's profiles start from the account: changing these themself
    // would clear their automatic conflicts of interest.
    if !admin && current.roles.iter().any(|g| g.role() == Role::Reviewer) {
        if country != current.country {
            errors.push(
                "country",
                "set_by_administrators",
                "an administrator changes a reviewer's country",
            );
        }
        if organisation != current.organisation {
            errors.push(
                "organisation",
                "set_by_administrators",
                "an administrator changes a reviewer's organisation",
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let active = input.active.unwrap_or(current.active);
    let now = app.now();
    store_users::update_profile(
        &tx,
        (id, &current.email),
        revision,
        Profile {
            name,
            locale,
            country,
            organisation,
            expertise_tags,
        },
        active,
        now,
    )
    .await
    .map_err(AppError::from_store("user"))?;
    if let Some(Some(roles)) = &new_roles {
        store_users::replace_roles(&tx, id, roles).await?;
    }
    if !active && current.active {
        tokens::revoke_all_for_user(&tx, id, now).await?;
    }
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "user.updated",
            subject_type: "user",
            subject_id: id.uuid(),
            details: serde_json::json!({
                "roles": new_roles.flatten().map(|r| role_names(&r)),
                "active": input.active,
            }),
        },
        now,
    )
    .await?;
    let updated = store_users::find(&tx, id)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(updated.into())
}

fn removes_own_admin(input: &UpdateUserInput) -> bool {
    input
        .roles
        .as_ref()
        .is_some_and(|roles| !roles.iter().any(|r| r.role == Role::Admin.as_str()))
}

async fn find_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: UserId,
) -> AppResult<UserRecord> {
    if actor.id != id && !actor.has(Role::Admin) {
        return Err(AppError::NotFound("user"));
    }
    store_users::find(c, id)
        .await?
        .ok_or(AppError::NotFound("user"))
}

/// The display names of these people, read in one query however many
/// there are (a page of grants or reports names several on every row); an
/// id with no account is left out.
pub(crate) async fn names(
    c: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = UserId>,
) -> AppResult<HashMap<UserId, String>> {
    let mut ids: Vec<UserId> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(store_users::find_people(c, &ids, &[])
        .await?
        .into_iter()
        .map(|u| (u.id, u.name.to_string()))
        .collect())
}

fn role_names(roles: &[RoleGrant]) -> Vec<String> {
    roles
        .iter()
        .map(|g| match g.area() {
            Some(area) => format!("{}:{area}", g.role()),
            None => g.role().to_string(),
        })
        .collect()
}

fn locale(errors: &mut ValidationErrors, raw: Option<&str>) -> Option<Locale> {
    match raw {
        Some(raw) => errors.check("locale", Locale::parse(raw)),
        None => Some(Locale::En),
    }
}

fn country(errors: &mut ValidationErrors, raw: Option<&str>) -> Option<Option<CountryCode>> {
    match raw.map(str::trim) {
        None | Some("") => Some(None),
        Some(raw) => errors.check("country", CountryCode::parse(raw)).map(Some),
    }
}

fn organisation(errors: &mut ValidationErrors, raw: Option<String>) -> Option<Option<String>> {
    let trimmed = raw.as_deref().map(str::trim).unwrap_or_default();
    if trimmed.chars().count() > 200 {
        errors.push("organisation", "too_long", "at most 200 characters");
        return None;
    }
    Some((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

fn expertise_tags(errors: &mut ValidationErrors, raw: Vec<String>) -> Option<Vec<String>> {
    if raw.len() > 30 {
        errors.push_limits(
            "expertise_tags",
            "too_many",
            "at most 30 tags",
            &[("max", 30)],
        );
        return None;
    }
    let before = errors.fields().len();
    let tags = grants_domain::proposal::tags(
        errors,
        "expertise_tags",
        &raw,
        "a tag has 1 to 50 characters",
    );
    (errors.fields().len() == before).then_some(tags)
}

fn roles(errors: &mut ValidationErrors, raw: &[RoleGrantInput]) -> Option<Vec<RoleGrant>> {
    let before = errors.fields().len();
    let mut grants = Vec::new();
    for (i, input) in raw.iter().enumerate() {
        let Some(role) = errors.check(format!("roles[{i}].role"), Role::parse(&input.role)) else {
            continue;
        };
        let area = match input.area.as_deref() {
            Some(raw) => match errors.check(format!("roles[{i}].area"), Area::parse(raw)) {
                Some(area) => Some(area),
                None => continue,
            },
            None => None,
        };
        if let Some(grant) = errors.check(format!("roles[{i}].area"), RoleGrant::new(role, area)) {
            grants.push(grant);
        }
    }
    grants.sort();
    grants.dedup();
    (errors.fields().len() == before).then_some(grants)
}
