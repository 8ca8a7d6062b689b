//! Which provider's person (OpenID Connect issuer and subject) is which
//! account: linked at their first sign-in with the organisation's account.

use chrono::{DateTime, Utc};
use grants_domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::entity::external_identity;
use crate::{StoreResult, query};

/// The account the issuer's subject is linked to, noting its use at `now`.
pub async fn find(
    c: &impl ConnectionTrait,
    issuer: &str,
    subject: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<UserId>> {
    let found: Option<Uuid> = external_identity::Entity::find()
        .select_only()
        .column(external_identity::Column::UserId)
        .filter(external_identity::Column::Issuer.eq(issuer))
        .filter(external_identity::Column::Subject.eq(subject))
        .into_tuple()
        .one(c)
        .await?;
    if found.is_some() {
        external_identity::Entity::update_many()
            .col_expr(external_identity::Column::LastUsedAt, Expr::value(now))
            .filter(external_identity::Column::Issuer.eq(issuer))
            .filter(external_identity::Column::Subject.eq(subject))
            .exec(c)
            .await?;
    }
    Ok(found.map(UserId::from))
}

/// Links the issuer's subject to `user`. Already linked (a race of two
/// first sign-ins) is [`crate::StoreError::Duplicate`].
pub async fn link(
    c: &impl ConnectionTrait,
    issuer: &str,
    subject: &str,
    user: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let row = external_identity::ActiveModel {
        id: Set(Uuid::now_v7()),
        issuer: Set(issuer.to_owned()),
        subject: Set(subject.to_owned()),
        user_id: Set(user.uuid()),
        created_at: Set(now),
        last_used_at: Set(now),
    };
    query::insert(c, row).await
}

/// The providers an account signs in with: issuer and when last used.
pub async fn of_user(
    c: &impl ConnectionTrait,
    user: UserId,
) -> StoreResult<Vec<(String, DateTime<Utc>)>> {
    Ok(external_identity::Entity::find()
        .select_only()
        .column(external_identity::Column::Issuer)
        .column(external_identity::Column::LastUsedAt)
        .filter(external_identity::Column::UserId.eq(user.uuid()))
        .into_tuple()
        .all(c)
        .await?)
}
