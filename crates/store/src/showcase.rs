//! Grantees' consents to show their funded projects on the public showcase.

use chrono::{DateTime, Utc};
use grants_domain::{GrantId, ProgrammeId, UserId};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::StoreResult;
use crate::entity::{grant, showcase_consent};
use crate::grants::{GrantRecord, grant_record};
use crate::query;

/// A grantee's consent that their project is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowcaseConsent {
    /// Who gave it.
    pub given_by: UserId,
    /// When.
    pub given_at: DateTime<Utc>,
}

/// The consent given for `grant`, if any.
pub async fn consent_of(
    c: &impl ConnectionTrait,
    grant: GrantId,
) -> StoreResult<Option<ShowcaseConsent>> {
    query::one(
        c,
        showcase_consent::Entity::find_by_id(grant.uuid()),
        |row| {
            Ok(ShowcaseConsent {
                given_by: row.given_by.into(),
                given_at: row.given_at,
            })
        },
    )
    .await
}

/// Records the consent for `grant`; false if one was already given.
pub async fn give(
    c: &impl ConnectionTrait,
    grant: GrantId,
    by: UserId,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let inserted = showcase_consent::Entity::insert(showcase_consent::ActiveModel {
        grant_id: Set(grant.uuid()),
        given_by: Set(by.uuid()),
        given_at: Set(at),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(showcase_consent::Column::GrantId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    Ok(inserted == 1)
}

/// Withdraws the consent for `grant`; false if none was given.
pub async fn withdraw(c: &impl ConnectionTrait, grant: GrantId) -> StoreResult<bool> {
    let deleted = showcase_consent::Entity::delete_by_id(grant.uuid())
        .exec(c)
        .await?
        .rows_affected;
    Ok(deleted == 1)
}

/// The grants of `programmes` in one of `states` whose grantees consented,
/// in creation order.
pub async fn consented_grants(
    c: &impl ConnectionTrait,
    programmes: &[ProgrammeId],
    states: &[&str],
) -> StoreResult<Vec<GrantRecord>> {
    if programmes.is_empty() {
        return Ok(Vec::new());
    }
    let consented = Query::select()
        .column(showcase_consent::Column::GrantId)
        .from(showcase_consent::Entity)
        .to_owned();
    let select = grant::Entity::find()
        .filter(grant::Column::Id.in_subquery(consented))
        .filter(grant::Column::ProgrammeId.is_in(programmes.iter().map(|p| p.uuid())))
        .filter(grant::Column::State.is_in(states.iter().copied()))
        .order_by_asc(grant::Column::Id);
    query::all(c, select, grant_record).await
}
