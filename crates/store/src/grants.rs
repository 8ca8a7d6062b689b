//! Funding decisions (with the letter sent), grants and their tranches.
//!
//! State changes are conditional updates (`WHERE id = ? AND revision = ?
//! AND state = ?`), so two people acting on the same grant or tranche at
//! once cannot both succeed: the second gets a stale revision.

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::finance::ExchangeRate;
use grants_domain::programme::TrancheCondition;
use grants_domain::{
    Area, CountryCode, Currency, GrantId, Locale, Money, ProgrammeId, ProposalId, TrancheId, UserId,
};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::{decision, grant, tranche};
use crate::error::{corrupt, parse_optional};
use crate::query;

/// A recorded funding decision and the letter that told the applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    /// The decision's id.
    pub id: Uuid,
    /// The proposal decided on.
    pub proposal_id: ProposalId,
    /// Its programme.
    pub programme_id: ProgrammeId,
    /// `funded`, `waitlisted` or `declined`.
    pub outcome: String,
    /// The award, when funded.
    pub award: Option<Money>,
    /// Why (and why less than requested).
    pub reason: Option<String>,
    /// The letter's language.
    pub letter_locale: Locale,
    /// The letter's subject line.
    pub letter_subject: String,
    /// The letter's text.
    pub letter_text: String,
    /// The programme manager who decided.
    pub decided_by: UserId,
    /// When.
    pub decided_at: DateTime<Utc>,
}

/// Records a decision.
pub async fn insert_decision(c: &impl ConnectionTrait, d: &DecisionRecord) -> StoreResult<()> {
    let row = decision::ActiveModel {
        id: Set(d.id),
        proposal_id: Set(d.proposal_id.uuid()),
        programme_id: Set(d.programme_id.uuid()),
        outcome: Set(d.outcome.clone()),
        award_minor: Set(d.award.map(|a| a.minor)),
        currency: Set(d.award.map(|a| a.currency.code().to_owned())),
        reason: Set(d.reason.clone()),
        letter_locale: Set(d.letter_locale.code().to_owned()),
        letter_subject: Set(d.letter_subject.clone()),
        letter_text: Set(d.letter_text.clone()),
        decided_by: Set(d.decided_by.uuid()),
        decided_at: Set(d.decided_at),
    };
    query::insert(c, row).await
}

/// Every decision on a proposal, oldest first (waitlisted, then funded, …).
pub async fn decisions_for(
    c: &impl ConnectionTrait,
    proposal: ProposalId,
) -> StoreResult<Vec<DecisionRecord>> {
    let select = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(proposal.uuid()))
        .order_by_asc(decision::Column::DecidedAt)
        .order_by_asc(decision::Column::Id);
    query::all(c, select, decision_record).await
}

/// The record of a stored decision.
fn decision_record(row: decision::Model) -> StoreResult<DecisionRecord> {
    let award = match (row.award_minor, row.currency.as_deref()) {
        (Some(minor), Some(code)) => Some(Money::new(
            minor,
            Currency::parse(code).map_err(|e| corrupt("decisions.currency", e))?,
        )),
        _ => None,
    };
    Ok(DecisionRecord {
        id: row.id,
        proposal_id: row.proposal_id.into(),
        programme_id: row.programme_id.into(),
        outcome: row.outcome,
        award,
        reason: row.reason,
        letter_locale: Locale::parse(&row.letter_locale)
            .map_err(|e| corrupt("decisions.letter_locale", e))?,
        letter_subject: row.letter_subject,
        letter_text: row.letter_text,
        decided_by: row.decided_by.into(),
        decided_at: row.decided_at,
    })
}

/// A grant: a funded proposal's award, agreement and life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRecord {
    /// The grant's id.
    pub id: GrantId,
    /// Its programme.
    pub programme_id: ProgrammeId,
    /// The funded proposal.
    pub proposal_id: ProposalId,
    /// The applicant, now grantee.
    pub grantee_id: UserId,
    /// The proposal's country.
    pub country: CountryCode,
    /// Its region, where ambassadors cover regions.
    pub region: Option<Area>,
    /// The award.
    pub award: Money,
    /// Its workflow state.
    pub state: String,
    /// The workflow it follows.
    pub workflow: String,
    /// The pinned version.
    pub workflow_version: u32,
    /// For optimistic concurrency.
    pub revision: i64,
    /// The agreement's language.
    pub agreement_locale: Locale,
    /// The agreement as offered (and, once accepted, as accepted).
    pub agreement_text: String,
    /// When the grantee accepted it.
    pub agreement_accepted_at: Option<DateTime<Utc>>,
    /// When the grant started (the acceptance).
    pub started_at: Option<DateTime<Utc>>,
    /// When it was closed or terminated.
    pub ended_at: Option<DateTime<Utc>>,
    /// Why it was terminated.
    pub end_reason: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Creates a grant; the caller fills every field (revision 0).
pub async fn insert_grant(c: &impl ConnectionTrait, g: &GrantRecord) -> StoreResult<()> {
    let row = grant::ActiveModel {
        id: Set(g.id.uuid()),
        programme_id: Set(g.programme_id.uuid()),
        proposal_id: Set(g.proposal_id.uuid()),
        grantee_id: Set(g.grantee_id.uuid()),
        country: Set(g.country.as_str().to_owned()),
        region: Set(g.region.as_ref().map(ToString::to_string)),
        award_minor: Set(g.award.minor),
        currency: Set(g.award.currency.code().to_owned()),
        state: Set(g.state.clone()),
        workflow: Set(g.workflow.clone()),
        workflow_version: Set(i32::try_from(g.workflow_version).unwrap_or(i32::MAX)),
        revision: Set(g.revision),
        agreement_locale: Set(g.agreement_locale.code().to_owned()),
        agreement_text: Set(g.agreement_text.clone()),
        agreement_accepted_at: Set(g.agreement_accepted_at),
        started_at: Set(g.started_at),
        ended_at: Set(g.ended_at),
        end_reason: Set(g.end_reason.clone()),
        created_at: Set(g.created_at),
        updated_at: Set(g.updated_at),
    };
    query::insert(c, row).await
}

/// One grant.
pub async fn find_grant(c: &impl ConnectionTrait, id: GrantId) -> StoreResult<Option<GrantRecord>> {
    query::one(c, grant::Entity::find_by_id(id.uuid()), grant_record).await
}

/// The grants with these ids that exist: one query per thousand ids.
pub async fn find_grants(
    c: &impl ConnectionTrait,
    ids: &[GrantId],
) -> StoreResult<Vec<GrantRecord>> {
    query::all_in(
        c,
        grant::Entity::find(),
        grant::Column::Id,
        ids,
        grant_record,
    )
    .await
}

/// The grant of a funded proposal.
pub async fn grant_of_proposal(
    c: &impl ConnectionTrait,
    proposal: ProposalId,
) -> StoreResult<Option<GrantRecord>> {
    let select = grant::Entity::find().filter(grant::Column::ProposalId.eq(proposal.uuid()));
    query::one(c, select, grant_record).await
}

/// Which grants to list.
#[derive(Debug, Clone, Default)]
pub struct GrantFilter {
    /// Only this programme's.
    pub programme: Option<ProgrammeId>,
    /// Only this grantee's (and `team_grants`).
    pub grantee: Option<UserId>,
    /// With `grantee`: these grants too, whose teams the grantee is on.
    pub team_grants: Vec<GrantId>,
    /// Only in this state.
    pub state: Option<String>,
}

/// Grants in id order (creation order), after the cursor, at most `limit`.
pub async fn list_grants(
    c: &impl ConnectionTrait,
    filter: &GrantFilter,
    after: Option<Uuid>,
    limit: u64,
) -> StoreResult<Vec<GrantRecord>> {
    let mut select = grant::Entity::find();
    if let Some(p) = filter.programme {
        select = select.filter(grant::Column::ProgrammeId.eq(p.uuid()));
    }
    if let Some(g) = filter.grantee {
        select = select.filter(
            Condition::any()
                .add(grant::Column::GranteeId.eq(g.uuid()))
                .add(grant::Column::Id.is_in(filter.team_grants.iter().map(|g| g.uuid()))),
        );
    }
    if let Some(s) = &filter.state {
        select = select.filter(grant::Column::State.eq(s.as_str()));
    }
    query::page(c, select, grant::Column::Id, after, limit, grant_record).await
}

/// What a grant transition changes besides the state.
#[derive(Debug, Clone)]
pub enum GrantChange {
    /// Only the state.
    None,
    /// The grantee accepted the agreement; the grant starts.
    AgreementAccepted,
    /// Closed or terminated, with the reason.
    Ended(Option<String>),
}

/// Moves a grant from `from` to `to` if it is still at `expected_revision`.
pub async fn set_grant_state(
    c: &impl ConnectionTrait,
    id: GrantId,
    expected_revision: i64,
    (from, to): (&str, &str),
    change: GrantChange,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut update = query::transition(grant::Column::State, (from, to));
    match change {
        GrantChange::None => {}
        GrantChange::AgreementAccepted => {
            update = update
                .col_expr(grant::Column::AgreementAcceptedAt, Expr::value(Some(now)))
                .col_expr(grant::Column::StartedAt, Expr::value(Some(now)));
        }
        GrantChange::Ended(reason) => {
            update = update
                .col_expr(grant::Column::EndedAt, Expr::value(Some(now)))
                .col_expr(grant::Column::EndReason, Expr::value(reason));
        }
    }
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

pub(crate) fn grant_record(row: grant::Model) -> StoreResult<GrantRecord> {
    let currency = Currency::parse(&row.currency).map_err(|e| corrupt("grants.currency", e))?;
    Ok(GrantRecord {
        id: row.id.into(),
        programme_id: row.programme_id.into(),
        proposal_id: row.proposal_id.into(),
        grantee_id: row.grantee_id.into(),
        country: CountryCode::parse(&row.country).map_err(|e| corrupt("grants.country", e))?,
        region: parse_optional("grants.region", row.region.as_deref(), Area::parse)?,
        award: Money::new(row.award_minor, currency),
        state: row.state,
        workflow: row.workflow,
        workflow_version: u32::try_from(row.workflow_version)
            .map_err(|e| corrupt("grants.workflow_version", e))?,
        revision: row.revision,
        agreement_locale: Locale::parse(&row.agreement_locale)
            .map_err(|e| corrupt("grants.agreement_locale", e))?,
        agreement_text: row.agreement_text,
        agreement_accepted_at: row.agreement_accepted_at,
        started_at: row.started_at,
        ended_at: row.ended_at,
        end_reason: row.end_reason,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// How a tranche was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    /// The bank's reference.
    pub reference: String,
    /// The value date.
    pub value_date: NaiveDate,
    /// What reached the payee, in the currency paid.
    pub paid: Money,
    /// Units of the paid currency per unit of the award's.
    pub rate: ExchangeRate,
}

/// One tranche of a grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrancheRecord {
    /// The tranche's id.
    pub id: TrancheId,
    /// Its grant.
    pub grant_id: GrantId,
    /// 1 for the first.
    pub position: u16,
    /// Its key in the programme's template.
    pub key: String,
    /// Its share of the award.
    pub percent: u8,
    /// Its amount; the grant's tranches add up to the award.
    pub amount: Money,
    /// When it may be requested.
    pub condition: TrancheCondition,
    /// Its workflow state.
    pub state: String,
    /// The workflow it follows.
    pub workflow: String,
    /// The pinned version.
    pub workflow_version: u32,
    /// For optimistic concurrency.
    pub revision: i64,
    /// Who requested it, and when.
    pub requested: Option<(UserId, DateTime<Utc>)>,
    /// Who approved it, and when.
    pub approved: Option<(UserId, DateTime<Utc>)>,
    /// Who recorded the payment, and when.
    pub paid: Option<(UserId, DateTime<Utc>)>,
    /// The payment.
    pub payment: Option<PaymentRecord>,
    /// Why it was sent back or cancelled.
    pub comment: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Creates a grant's tranches (revision 0, nobody has acted yet).
pub async fn insert_tranches(
    c: &impl ConnectionTrait,
    tranches: &[TrancheRecord],
) -> StoreResult<()> {
    for t in tranches {
        let row = tranche::ActiveModel {
            id: Set(t.id.uuid()),
            grant_id: Set(t.grant_id.uuid()),
            position: Set(i32::from(t.position)),
            key: Set(t.key.clone()),
            percent: Set(i32::from(t.percent)),
            amount_minor: Set(t.amount.minor),
            currency: Set(t.amount.currency.code().to_owned()),
            condition: Set(
                serde_json::to_value(&t.condition).map_err(|e| corrupt("tranches.condition", e))?
            ),
            state: Set(t.state.clone()),
            workflow: Set(t.workflow.clone()),
            workflow_version: Set(i32::try_from(t.workflow_version).unwrap_or(i32::MAX)),
            revision: Set(t.revision),
            requested_by: Set(None),
            requested_at: Set(None),
            approved_by: Set(None),
            approved_at: Set(None),
            paid_by: Set(None),
            paid_at: Set(None),
            payment_reference: Set(None),
            value_date: Set(None),
            paid_minor: Set(None),
            paid_currency: Set(None),
            exchange_rate: Set(None),
            comment: Set(None),
            created_at: Set(t.created_at),
            updated_at: Set(t.updated_at),
        };
        query::insert(c, row).await?;
    }
    Ok(())
}

/// A grant's tranches, in payment order.
pub async fn tranches_of(
    c: &impl ConnectionTrait,
    grant: GrantId,
) -> StoreResult<Vec<TrancheRecord>> {
    tranches_of_grants(c, &[grant]).await
}

/// The tranches of these grants, grant by grant, each grant's in payment
/// order: what a page of grants shows, in one query.
pub async fn tranches_of_grants(
    c: &impl ConnectionTrait,
    grants: &[GrantId],
) -> StoreResult<Vec<TrancheRecord>> {
    query::all_in(
        c,
        in_payment_order(),
        tranche::Column::GrantId,
        grants,
        tranche_record,
    )
    .await
}

/// Tranches grant by grant, each grant's in payment order.
fn in_payment_order() -> Select<tranche::Entity> {
    tranche::Entity::find()
        .order_by_asc(tranche::Column::GrantId)
        .order_by_asc(tranche::Column::Position)
}

/// The tranches of a programme's grants (for the ledger), grant by grant.
pub async fn tranches_in_programme(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<Vec<TrancheRecord>> {
    let grant_ids: Vec<Uuid> = grant::Entity::find()
        .select_only()
        .column(grant::Column::Id)
        .filter(grant::Column::ProgrammeId.eq(programme.uuid()))
        .into_tuple()
        .all(c)
        .await?;
    let mut found = Vec::new();
    for ids in grant_ids.chunks(500) {
        let select = in_payment_order().filter(tranche::Column::GrantId.is_in(ids.iter().copied()));
        found.extend(query::all(c, select, tranche_record).await?);
    }
    Ok(found)
}

/// Every tranche in one of `states`, oldest grant first: the payments
/// waiting for finance.
pub async fn tranches_in_states(
    c: &impl ConnectionTrait,
    states: &[&str],
) -> StoreResult<Vec<TrancheRecord>> {
    let select = in_payment_order().filter(tranche::Column::State.is_in(states.iter().copied()));
    query::all(c, select, tranche_record).await
}

/// One tranche.
pub async fn find_tranche(
    c: &impl ConnectionTrait,
    id: TrancheId,
) -> StoreResult<Option<TrancheRecord>> {
    query::one(c, tranche::Entity::find_by_id(id.uuid()), tranche_record).await
}

/// What a tranche transition records besides the state.
#[derive(Debug, Clone)]
pub enum TrancheChange {
    /// Only the state.
    None,
    /// Requested by this finance user.
    Requested(UserId),
    /// Approved by this (other) finance user.
    Approved(UserId),
    /// Paid, recorded by this user.
    Paid(UserId, PaymentRecord),
    /// Sent back or cancelled, with the reason; a request sent back is cleared.
    Commented(Option<String>),
}

/// Moves a tranche from `from` to `to` if it is still at `expected_revision`.
pub async fn set_tranche_state(
    c: &impl ConnectionTrait,
    id: TrancheId,
    expected_revision: i64,
    (from, to): (&str, &str),
    change: TrancheChange,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut update = query::transition(tranche::Column::State, (from, to));
    let columns: Vec<(tranche::Column, SimpleExpr)> = match change {
        TrancheChange::None => vec![],
        // A new request starts afresh: an approval of a request sent back is void.
        TrancheChange::Requested(by) => vec![
            (tranche::Column::RequestedBy, Expr::value(Some(by.uuid()))),
            (tranche::Column::RequestedAt, Expr::value(Some(now))),
            (
                tranche::Column::ApprovedBy,
                Expr::value(Option::<Uuid>::None),
            ),
            (
                tranche::Column::ApprovedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            ),
            (
                tranche::Column::Comment,
                Expr::value(Option::<String>::None),
            ),
        ],
        TrancheChange::Approved(by) => vec![
            (tranche::Column::ApprovedBy, Expr::value(Some(by.uuid()))),
            (tranche::Column::ApprovedAt, Expr::value(Some(now))),
        ],
        TrancheChange::Paid(by, p) => vec![
            (tranche::Column::PaidBy, Expr::value(Some(by.uuid()))),
            (tranche::Column::PaidAt, Expr::value(Some(now))),
            (
                tranche::Column::PaymentReference,
                Expr::value(Some(p.reference)),
            ),
            (tranche::Column::ValueDate, Expr::value(Some(p.value_date))),
            (tranche::Column::PaidMinor, Expr::value(Some(p.paid.minor))),
            (
                tranche::Column::PaidCurrency,
                Expr::value(Some(p.paid.currency.code().to_owned())),
            ),
            (
                tranche::Column::ExchangeRate,
                Expr::value(Some(p.rate.to_string())),
            ),
        ],
        TrancheChange::Commented(comment) => vec![(tranche::Column::Comment, Expr::value(comment))],
    };
    for (column, value) in columns {
        update = update.col_expr(column, value);
    }
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

fn tranche_record(row: tranche::Model) -> StoreResult<TrancheRecord> {
    let who =
        |by: Option<Uuid>, at: Option<DateTime<Utc>>| by.zip(at).map(|(b, a)| (UserId::from(b), a));
    let payment = match (
        row.payment_reference,
        row.value_date,
        row.paid_minor,
        row.paid_currency.as_deref(),
        row.exchange_rate.as_deref(),
    ) {
        (Some(reference), Some(value_date), Some(minor), Some(code), Some(rate)) => {
            Some(PaymentRecord {
                reference,
                value_date,
                paid: Money::new(
                    minor,
                    Currency::parse(code).map_err(|e| corrupt("tranches.paid_currency", e))?,
                ),
                rate: ExchangeRate::parse(rate)
                    .map_err(|e| corrupt("tranches.exchange_rate", e))?,
            })
        }
        _ => None,
    };
    Ok(TrancheRecord {
        id: row.id.into(),
        grant_id: row.grant_id.into(),
        position: u16::try_from(row.position).map_err(|e| corrupt("tranches.position", e))?,
        key: row.key,
        percent: u8::try_from(row.percent).map_err(|e| corrupt("tranches.percent", e))?,
        amount: Money::new(
            row.amount_minor,
            Currency::parse(&row.currency).map_err(|e| corrupt("tranches.currency", e))?,
        ),
        condition: serde_json::from_value(row.condition)
            .map_err(|e| corrupt("tranches.condition", e))?,
        state: row.state,
        workflow: row.workflow,
        workflow_version: u32::try_from(row.workflow_version)
            .map_err(|e| corrupt("tranches.workflow_version", e))?,
        revision: row.revision,
        requested: who(row.requested_by, row.requested_at),
        approved: who(row.approved_by, row.approved_at),
        paid: who(row.paid_by, row.paid_at),
        payment,
        comment: row.comment,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}
