//! Implementation reports: one row per report a grantee owes, created from
//! the programme's schedule when the grant starts.
//!
//! Changes are conditional updates on the revision (and, for state changes,
//! the state), so two people acting on one report at once cannot both win.

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::programme::ReportKind;
use grants_domain::report::ReportContent;
use grants_domain::{Area, CountryCode, GrantId, ProgrammeId, ReportId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::{grant, proposal, report};
use crate::error::{corrupt, parse_optional};
use crate::query;

/// One report a grantee owes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRecord {
    /// The report's id.
    pub id: ReportId,
    /// Its grant.
    pub grant_id: GrantId,
    /// The grant's programme.
    pub programme_id: ProgrammeId,
    /// Who writes it.
    pub grantee_id: UserId,
    /// The grant's country.
    pub country: CountryCode,
    /// Its region, where ambassadors cover regions.
    pub region: Option<Area>,
    /// Its key in the programme's reporting schedule.
    pub key: String,
    /// Interim or final.
    pub kind: ReportKind,
    /// 1 for the first report of the grant.
    pub position: u16,
    /// When it is due, in the programme's calendar.
    pub due_on: NaiveDate,
    /// Its workflow state.
    pub state: String,
    /// The workflow it follows.
    pub workflow: String,
    /// The pinned version.
    pub workflow_version: u32,
    /// For optimistic concurrency.
    pub revision: i64,
    /// What the grantee wrote so far.
    pub content: ReportContent,
    /// When it was first handed in (for timeliness).
    pub first_submitted_at: Option<DateTime<Utc>>,
    /// When it was last handed in.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The programme manager who accepted it or asked for changes, and when.
    pub reviewed: Option<(UserId, DateTime<Utc>)>,
    /// What the manager asked to change.
    pub review_comment: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn kind_name(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Interim => "interim",
        ReportKind::Final => "final",
    }
}

/// Creates reports (revision 0, nothing written yet).
pub async fn insert_reports(c: &impl ConnectionTrait, reports: &[ReportRecord]) -> StoreResult<()> {
    for r in reports {
        let row = report::ActiveModel {
            id: Set(r.id.uuid()),
            grant_id: Set(r.grant_id.uuid()),
            programme_id: Set(r.programme_id.uuid()),
            grantee_id: Set(r.grantee_id.uuid()),
            country: Set(r.country.as_str().to_owned()),
            region: Set(r.region.as_ref().map(ToString::to_string)),
            key: Set(r.key.clone()),
            kind: Set(kind_name(r.kind).to_owned()),
            position: Set(i32::from(r.position)),
            due_on: Set(r.due_on),
            state: Set(r.state.clone()),
            workflow: Set(r.workflow.clone()),
            workflow_version: Set(i32::try_from(r.workflow_version).unwrap_or(i32::MAX)),
            revision: Set(r.revision),
            content: Set(
                serde_json::to_value(&r.content).map_err(|e| corrupt("reports.content", e))?
            ),
            first_submitted_at: Set(None),
            submitted_at: Set(None),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            review_comment: Set(None),
            created_at: Set(r.created_at),
            updated_at: Set(r.updated_at),
            search_text: Set(Some(r.content.search_text())),
        };
        query::insert(c, row).await?;
    }
    Ok(())
}

/// One report.
pub async fn find_report(
    c: &impl ConnectionTrait,
    id: ReportId,
) -> StoreResult<Option<ReportRecord>> {
    query::one(c, report::Entity::find_by_id(id.uuid()), report_record).await
}

/// Locks the report until the transaction `c` ends (PostgreSQL; SQLite's
/// single writer serialises anyway), so a check made on it holds until commit.
pub async fn lock(c: &impl ConnectionTrait, id: ReportId) -> StoreResult<()> {
    query::lock_row::<report::Entity>(c, report::Column::Id, id.uuid()).await?;
    Ok(())
}

/// A grant's reports, in schedule order.
pub async fn reports_of(
    c: &impl ConnectionTrait,
    grant: GrantId,
) -> StoreResult<Vec<ReportRecord>> {
    let select = report::Entity::find()
        .filter(report::Column::GrantId.eq(grant.uuid()))
        .order_by_asc(report::Column::Position);
    query::all(c, select, report_record).await
}

/// Which reports to list.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    /// Only this programme's.
    pub programme: Option<ProgrammeId>,
    /// Only this grantee's (and those of `team_grants`).
    pub grantee: Option<UserId>,
    /// With `grantee`: the reports of these grants too, whose teams the grantee is on.
    pub team_grants: Vec<GrantId>,
    /// Only in one of these states (all when empty).
    pub states: Vec<String>,
    /// Only those holding every one of these words (in the search form:
    /// letters and digits only) in what they say or in their grant's
    /// proposal (its title, texts or keywords).
    pub words: Vec<String>,
}

/// Reports in id order, after the cursor, at most `limit`.
pub async fn list_reports(
    c: &impl ConnectionTrait,
    filter: &ReportFilter,
    after: Option<Uuid>,
    limit: u64,
) -> StoreResult<Vec<ReportRecord>> {
    query::page(
        c,
        matching(filter),
        report::Column::Id,
        after,
        limit,
        report_record,
    )
    .await
}

/// How many reports match `filter`: a to-do list's "reports to read".
pub async fn count_reports(c: &impl ConnectionTrait, filter: &ReportFilter) -> StoreResult<u64> {
    Ok(matching(filter).count(c).await?)
}

/// The reports `filter` selects.
fn matching(filter: &ReportFilter) -> Select<report::Entity> {
    let mut select = report::Entity::find();
    if let Some(p) = filter.programme {
        select = select.filter(report::Column::ProgrammeId.eq(p.uuid()));
    }
    if let Some(g) = filter.grantee {
        select = select.filter(
            Condition::any()
                .add(report::Column::GranteeId.eq(g.uuid()))
                .add(report::Column::GrantId.is_in(filter.team_grants.iter().map(|g| g.uuid()))),
        );
    }
    if !filter.states.is_empty() {
        select =
            select.filter(report::Column::State.is_in(filter.states.iter().map(String::as_str)));
    }
    for word in &filter.words {
        let proposal_says = Query::select()
            .column((grant::Entity, grant::Column::Id))
            .from(grant::Entity)
            .inner_join(
                proposal::Entity,
                Expr::col((proposal::Entity, proposal::Column::Id))
                    .equals((grant::Entity, grant::Column::ProposalId)),
            )
            .and_where(
                Expr::col((proposal::Entity, proposal::Column::SearchText))
                    .like(format!("%{word}%")),
            )
            .to_owned();
        select = select.filter(
            Condition::any()
                .add(report::Column::SearchText.contains(word.as_str()))
                .add(report::Column::GrantId.in_subquery(proposal_says)),
        );
    }
    select
}

/// Fills in the search text of up to `limit` reports written before
/// reports could be searched: how many.
pub async fn fill_search_text(c: &impl ConnectionTrait, limit: u64) -> StoreResult<usize> {
    let select = report::Entity::find()
        .filter(report::Column::SearchText.is_null())
        .order_by_asc(report::Column::Id)
        .limit(limit);
    let rows = query::all(c, select, report_record).await?;
    for r in &rows {
        report::Entity::update_many()
            .col_expr(
                report::Column::SearchText,
                Expr::value(r.content.search_text()),
            )
            .filter(report::Column::Id.eq(r.id.uuid()))
            .exec(c)
            .await?;
    }
    Ok(rows.len())
}

/// The reports of `grants` in one of `states`, in schedule order per grant.
pub async fn reports_of_grants(
    c: &impl ConnectionTrait,
    grants: &[GrantId],
    states: &[&str],
) -> StoreResult<Vec<ReportRecord>> {
    let select = report::Entity::find()
        .filter(report::Column::State.is_in(states.iter().copied()))
        .order_by_asc(report::Column::Position);
    query::all_in(c, select, report::Column::GrantId, grants, report_record).await
}

/// Every report of a programme (for its impact summary), grant by grant.
pub async fn reports_in_programme(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<Vec<ReportRecord>> {
    let select = report::Entity::find()
        .filter(report::Column::ProgrammeId.eq(programme.uuid()))
        .order_by_asc(report::Column::GrantId)
        .order_by_asc(report::Column::Position);
    query::all(c, select, report_record).await
}

/// Saves what the grantee wrote if the report is still at `expected_revision`.
pub async fn save_content(
    c: &impl ConnectionTrait,
    id: ReportId,
    expected_revision: i64,
    content: &ReportContent,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let json = serde_json::to_value(content).map_err(|e| corrupt("reports.content", e))?;
    let update = report::Entity::update_many()
        .col_expr(report::Column::Content, Expr::value(json))
        .col_expr(
            report::Column::SearchText,
            Expr::value(content.search_text()),
        );
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

/// Moves the due date if the report is still at `expected_revision`.
pub async fn set_due_on(
    c: &impl ConnectionTrait,
    id: ReportId,
    expected_revision: i64,
    due_on: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let update = report::Entity::update_many().col_expr(report::Column::DueOn, Expr::value(due_on));
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

/// What a report transition records besides the state.
#[derive(Debug, Clone)]
pub enum ReportChange {
    /// Only the state.
    None,
    /// Handed in.
    Submitted,
    /// Accepted or sent back by this manager, with the comment.
    Reviewed(UserId, Option<String>),
}

/// Moves a report from `from` to `to` if it is still at `expected_revision`.
pub async fn set_report_state(
    c: &impl ConnectionTrait,
    id: ReportId,
    expected_revision: i64,
    (from, to): (&str, &str),
    change: ReportChange,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut update = query::transition(report::Column::State, (from, to));
    let columns: Vec<(report::Column, SimpleExpr)> = match change {
        ReportChange::None => vec![],
        ReportChange::Submitted => vec![
            (report::Column::SubmittedAt, Expr::value(Some(now))),
            // The first hand-in decides timeliness; a resubmission keeps it.
            (
                report::Column::FirstSubmittedAt,
                Expr::col(report::Column::FirstSubmittedAt).if_null(now),
            ),
        ],
        ReportChange::Reviewed(by, comment) => vec![
            (report::Column::ReviewedBy, Expr::value(Some(by.uuid()))),
            (report::Column::ReviewedAt, Expr::value(Some(now))),
            (report::Column::ReviewComment, Expr::value(comment)),
        ],
    };
    for (column, value) in columns {
        update = update.col_expr(column, value);
    }
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

fn report_record(row: report::Model) -> StoreResult<ReportRecord> {
    let kind = match row.kind.as_str() {
        "interim" => ReportKind::Interim,
        "final" => ReportKind::Final,
        other => return Err(corrupt("reports.kind", other)),
    };
    Ok(ReportRecord {
        id: row.id.into(),
        grant_id: row.grant_id.into(),
        programme_id: row.programme_id.into(),
        grantee_id: row.grantee_id.into(),
        country: CountryCode::parse(&row.country).map_err(|e| corrupt("reports.country", e))?,
        region: parse_optional("reports.region", row.region.as_deref(), Area::parse)?,
        key: row.key,
        kind,
        position: u16::try_from(row.position).map_err(|e| corrupt("reports.position", e))?,
        due_on: row.due_on,
        state: row.state,
        workflow: row.workflow,
        workflow_version: u32::try_from(row.workflow_version)
            .map_err(|e| corrupt("reports.workflow_version", e))?,
        revision: row.revision,
        content: serde_json::from_value(row.content).map_err(|e| corrupt("reports.content", e))?,
        first_submitted_at: row.first_submitted_at,
        submitted_at: row.submitted_at,
        reviewed: row
            .reviewed_by
            .zip(row.reviewed_at)
            .map(|(by, at)| (by.into(), at)),
        review_comment: row.review_comment,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}
