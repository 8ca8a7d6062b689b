//! People with accounts, and the roles they hold.

use chrono::{DateTime, Utc};
use grants_domain::{Area, CountryCode, Email, Locale, PersonName, Role, RoleGrant, UserId};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, Iterable,
    QueryFilter, QueryOrder, QueryResult, QuerySelect,
};
use uuid::Uuid;

use crate::entity::{user, user_role};
use crate::error::{corrupt, parse_optional};
use crate::{StoreError, StoreResult, query};

/// A user as the rest of the service sees it (without the password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    /// The account's id.
    pub id: UserId,
    /// The address as given.
    pub email: Email,
    /// Display name.
    pub name: PersonName,
    /// Language for pages and mail.
    pub locale: Locale,
    /// Country the person works in.
    pub country: Option<CountryCode>,
    /// Library or organisation.
    pub organisation: Option<String>,
    /// Fields of expertise, for reviewer matching.
    pub expertise_tags: Vec<String>,
    /// Deactivated accounts cannot log in.
    pub active: bool,
    /// When the person confirmed their address; `None` until they do.
    pub email_verified_at: Option<DateTime<Utc>>,
    /// Roles held, sorted.
    pub roles: Vec<RoleGrant>,
    /// Bumped on every change, for optimistic concurrency.
    pub revision: i64,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When the person's data was erased; `None` for everyone else.
    pub erased_at: Option<DateTime<Utc>>,
}

/// Everything needed to create an account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The address to log in with.
    pub email: Email,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// Who the person is.
    pub profile: Profile,
    /// Roles to grant.
    pub roles: Vec<RoleGrant>,
}

/// What a person says about themselves: given when the account is
/// created, and replaced as a whole afterwards.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Display name.
    pub name: PersonName,
    /// Language for pages and mail.
    pub locale: Locale,
    /// Country the person works in.
    pub country: Option<CountryCode>,
    /// Library or organisation.
    pub organisation: Option<String>,
    /// Fields of expertise, for reviewer matching.
    pub expertise_tags: Vec<String>,
}

/// Creates an account with its roles. A taken address is [`StoreError::Duplicate`].
pub async fn insert(
    c: &impl ConnectionTrait,
    new: NewUser,
    now: DateTime<Utc>,
) -> StoreResult<UserRecord> {
    let id = UserId::new();
    let search = search_text(
        new.profile.name.as_str(),
        new.profile.organisation.as_deref(),
        new.email.as_str(),
    );
    let row = user::ActiveModel {
        id: Set(id.uuid()),
        email: Set(new.email.as_str().to_owned()),
        email_normalized: Set(new.email.normalized()),
        name: Set(new.profile.name.as_str().to_owned()),
        password_hash: Set(new.password_hash),
        locale: Set(new.profile.locale.code().to_owned()),
        country: Set(new.profile.country.map(|c| c.as_str().to_owned())),
        organisation: Set(new.profile.organisation),
        expertise_tags: Set(serde_json::json!(new.profile.expertise_tags)),
        active: Set(true),
        email_verified_at: Set(None),
        revision: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
        search_text: Set(Some(search)),
    };
    query::insert(c, row).await?;
    replace_roles(c, id, &new.roles).await?;
    find(c, id).await?.ok_or(StoreError::NotFound)
}

/// The account with this id.
pub async fn find(c: &impl ConnectionTrait, id: UserId) -> StoreResult<Option<UserRecord>> {
    let mut query = with_roles();
    query.and_where(Expr::col((user::Entity, user::Column::Id)).eq(id.uuid()));
    Ok(people(c, &query).await?.into_iter().next())
}

/// The accounts with these ids and every account holding one of `roles`
/// (active or not), in one query: the people a step writes to.
pub async fn find_people(
    c: &impl ConnectionTrait,
    ids: &[UserId],
    roles: &[Role],
) -> StoreResult<Vec<UserRecord>> {
    if ids.is_empty() && roles.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = with_roles();
    query.cond_where(
        Condition::any()
            .add(Expr::col((user::Entity, user::Column::Id)).is_in(ids.iter().map(|id| id.uuid())))
            .add(Expr::col((user::Entity, user::Column::Id)).in_subquery(holders_of(roles))),
    );
    people(c, &query).await
}

/// The account with this address (any case), with its roles.
pub async fn find_by_email(
    c: &impl ConnectionTrait,
    email_normalized: &str,
) -> StoreResult<Option<UserRecord>> {
    let mut query = with_roles();
    query.and_where(Expr::col((user::Entity, user::Column::EmailNormalized)).eq(email_normalized));
    Ok(people(c, &query).await?.into_iter().next())
}

/// The ids of the accounts holding any of `roles`, as a subquery.
fn holders_of(roles: &[Role]) -> SelectStatement {
    Query::select()
        .column(user_role::Column::UserId)
        .from(user_role::Entity)
        .and_where(user_role::Column::Role.is_in(roles.iter().map(|r| r.as_str())))
        .to_owned()
}

/// The accounts a [`with_roles`] query finds.
async fn people(c: &impl ConnectionTrait, query: &SelectStatement) -> StoreResult<Vec<UserRecord>> {
    let rows = c.query_all(query).await?;
    Ok(group_with_roles(&rows)?
        .into_iter()
        .map(|(u, _)| u)
        .collect())
}

/// `SELECT users.*` with one row per role held (role and area as
/// `grant_role`, `grant_area`; NULL for none), ordered by account, so a
/// person and their roles come in one round trip.
pub(crate) fn with_roles() -> SelectStatement {
    Query::select()
        .columns(user::Column::iter().map(|col| (user::Entity, col)))
        .expr_as(
            Expr::col((user_role::Entity, user_role::Column::Role)),
            Alias::new("grant_role"),
        )
        .expr_as(
            Expr::col((user_role::Entity, user_role::Column::Area)),
            Alias::new("grant_area"),
        )
        .from(user::Entity)
        .left_join(
            user_role::Entity,
            Expr::col((user_role::Entity, user_role::Column::UserId))
                .equals((user::Entity, user::Column::Id)),
        )
        .order_by((user::Entity, user::Column::Id), Order::Asc)
        .to_owned()
}

/// The accounts of a [`with_roles`] query, each with the first of its rows
/// (for any further columns the query selected).
pub(crate) fn group_with_roles(
    rows: &[QueryResult],
) -> StoreResult<Vec<(UserRecord, &QueryResult)>> {
    let mut people = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let first = &rows[i];
        let account = user::Model::from_query_result(first, "")?;
        let mut grants = Vec::new();
        while let Some(row) = rows.get(i) {
            if row.try_get::<Uuid>("", "id")? != account.id {
                break;
            }
            if let Some(role) = row.try_get::<Option<String>>("", "grant_role")? {
                grants.push(user_role::Model {
                    user_id: account.id,
                    role,
                    area: row
                        .try_get::<Option<String>>("", "grant_area")?
                        .unwrap_or_default(),
                });
            }
            i += 1;
        }
        people.push((record(account, &grants)?, first));
    }
    Ok(people)
}

/// The account with this address (any case) and its password hash.
pub async fn find_with_password(
    c: &impl ConnectionTrait,
    email_normalized: &str,
) -> StoreResult<Option<(UserRecord, String)>> {
    let Some(row) = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email_normalized))
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let roles = roles_of(c, &[row.id]).await?;
    let hash = row.password_hash.clone();
    Ok(Some((record(row, &roles)?, hash)))
}

/// What finds a person: their name, organisation and address in the
/// search form (every script in Latin letters, no accents, lower case).
pub(crate) fn search_text(name: &str, organisation: Option<&str>, email: &str) -> String {
    grants_domain::text::search_form(&format!(
        "{name} {} {email}",
        organisation.unwrap_or_default()
    ))
}

/// Up to `limit` accounts created after `after`, oldest first; with
/// `words`, only those whose name, organisation or address holds every one
/// of them (words in the search form: letters and digits only, which LIKE
/// reads as themselves).
pub async fn list(
    c: &impl ConnectionTrait,
    words: &[String],
    after: Option<UserId>,
    limit: u64,
) -> StoreResult<Vec<UserRecord>> {
    let mut query = user::Entity::find().order_by_asc(user::Column::Id);
    if let Some(after) = after {
        query = query.filter(user::Column::Id.gt(after.uuid()));
    }
    for word in words {
        query = query.filter(user::Column::SearchText.contains(word.as_str()));
    }
    let rows = query.limit(limit).all(c).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let roles = roles_of(c, &ids).await?;
    rows.into_iter().map(|row| record(row, &roles)).collect()
}

/// Every active account holding `role` (in any area).
pub async fn with_role(c: &impl ConnectionTrait, role: Role) -> StoreResult<Vec<UserRecord>> {
    let mut query = with_roles();
    query
        .and_where(Expr::col((user::Entity, user::Column::Id)).in_subquery(holders_of(&[role])))
        .and_where(Expr::col((user::Entity, user::Column::Active)).eq(true));
    people(c, &query).await
}

/// Replaces the profile, and whether the account may log in, if the account
/// (whose address is `email`: it does not change with the profile, and the
/// person is found by it too) is still at `expected_revision`.
pub async fn update_profile(
    c: &impl ConnectionTrait,
    (id, email): (UserId, &Email),
    expected_revision: i64,
    profile: Profile,
    active: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let update = user::Entity::update_many()
        .col_expr(
            user::Column::SearchText,
            Expr::value(search_text(
                profile.name.as_str(),
                profile.organisation.as_deref(),
                email.as_str(),
            )),
        )
        .col_expr(user::Column::Name, Expr::value(profile.name.as_str()))
        .col_expr(user::Column::Locale, Expr::value(profile.locale.code()))
        .col_expr(
            user::Column::Country,
            Expr::value(profile.country.map(|c| c.as_str().to_owned())),
        )
        .col_expr(
            user::Column::Organisation,
            Expr::value(profile.organisation),
        )
        .col_expr(
            user::Column::ExpertiseTags,
            Expr::value(serde_json::json!(profile.expertise_tags)),
        )
        .col_expr(user::Column::Active, Expr::value(active));
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

/// Fills in the search text of up to `limit` accounts written before
/// people could be searched: how many.
pub async fn fill_search_text(c: &impl ConnectionTrait, limit: u64) -> StoreResult<usize> {
    let rows = user::Entity::find()
        .filter(user::Column::SearchText.is_null())
        .order_by_asc(user::Column::Id)
        .limit(limit)
        .all(c)
        .await?;
    for row in &rows {
        user::Entity::update_many()
            .col_expr(
                user::Column::SearchText,
                Expr::value(search_text(
                    &row.name,
                    row.organisation.as_deref(),
                    &row.email,
                )),
            )
            .filter(user::Column::Id.eq(row.id))
            .exec(c)
            .await?;
    }
    Ok(rows.len())
}

/// Records that the person confirmed their address (first time only).
pub async fn mark_verified(
    c: &impl ConnectionTrait,
    id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(id.uuid()))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(c)
        .await?;
    Ok(())
}

/// Stores a new password hash.
pub async fn set_password(
    c: &impl ConnectionTrait,
    id: UserId,
    password_hash: String,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id.uuid()))
        .exec(c)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Replaces every role of the account.
pub async fn replace_roles(
    c: &impl ConnectionTrait,
    id: UserId,
    roles: &[RoleGrant],
) -> StoreResult<()> {
    let mut rows: Vec<_> = roles
        .iter()
        .map(|grant| user_role::ActiveModel {
            user_id: Set(id.uuid()),
            role: Set(grant.role().as_str().to_owned()),
            area: Set(grant
                .area()
                .map(|a| a.code().to_owned())
                .unwrap_or_default()),
        })
        .collect();
    rows.dedup_by(|a, b| a.role == b.role && a.area == b.area);
    query::replace_rows(c, user_role::Column::UserId.eq(id.uuid()), rows).await
}

async fn roles_of(c: &impl ConnectionTrait, ids: &[Uuid]) -> StoreResult<Vec<user_role::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.iter().copied()))
        .all(c)
        .await?)
}

fn record(row: user::Model, roles: &[user_role::Model]) -> StoreResult<UserRecord> {
    let mut grants = roles
        .iter()
        .filter(|r| r.user_id == row.id)
        .map(|r| {
            let role = Role::parse(&r.role).map_err(|e| corrupt("user_roles.role", e))?;
            let area = (!r.area.is_empty())
                .then(|| Area::parse(&r.area))
                .transpose()
                .map_err(|e| corrupt("user_roles.area", e))?;
            RoleGrant::new(role, area).map_err(|e| corrupt("user_roles", e))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    grants.sort();
    Ok(UserRecord {
        id: row.id.into(),
        email: Email::parse(&row.email).map_err(|e| corrupt("users.email", e))?,
        name: PersonName::parse(&row.name).map_err(|e| corrupt("users.name", e))?,
        locale: Locale::parse(&row.locale).map_err(|e| corrupt("users.locale", e))?,
        country: parse_optional("users.country", row.country.as_deref(), CountryCode::parse)?,
        organisation: row.organisation,
        expertise_tags: serde_json::from_value(row.expertise_tags)
            .map_err(|e| corrupt("users.expertise_tags", e))?,
        active: row.active,
        email_verified_at: row.email_verified_at,
        roles: grants,
        revision: row.revision,
        created_at: row.created_at,
        updated_at: row.updated_at,
        erased_at: row.erased_at,
    })
}

/// A version of the privacy notice a person accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyConsent {
    /// The notice's version.
    pub version: String,
    /// The language it was read in.
    pub locale: Locale,
    /// When.
    pub accepted_at: DateTime<Utc>,
}

/// Records that `user` accepted a version of the privacy notice.
pub async fn record_consent(
    c: &impl ConnectionTrait,
    user: UserId,
    consent: &PrivacyConsent,
) -> StoreResult<()> {
    let row = crate::entity::privacy_consent::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.uuid()),
        version: Set(consent.version.clone()),
        locale: Set(consent.locale.code().to_owned()),
        accepted_at: Set(consent.accepted_at),
    };
    query::insert(c, row).await
}

/// The versions of the privacy notice `user` accepted, the latest last.
pub async fn consents(c: &impl ConnectionTrait, user: UserId) -> StoreResult<Vec<PrivacyConsent>> {
    use crate::entity::privacy_consent::{Column, Entity};
    Entity::find()
        .filter(Column::UserId.eq(user.uuid()))
        .order_by_asc(Column::AcceptedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|row| {
            Ok(PrivacyConsent {
                locale: Locale::parse(&row.locale)
                    .map_err(|e| crate::error::corrupt("locale", e))?,
                version: row.version,
                accepted_at: row.accepted_at,
            })
        })
        .collect()
}
