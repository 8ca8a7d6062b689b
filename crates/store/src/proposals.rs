//! Proposals: their content, their workflow state, and who may see them.

use chrono::{DateTime, Utc};
use grants_domain::proposal::ProposalContent;
use grants_domain::{Area, ProgrammeId, ProposalId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::entity::{programme, proposal};
use crate::error::corrupt;
use crate::programmes::ProgrammeRecord;
use crate::query;
use crate::{StoreError, StoreResult};

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRecord {
    /// The proposal's id.
    pub id: ProposalId,
    /// The programme it applies to.
    pub programme_id: ProgrammeId,
    /// The applicant who owns it.
    pub owner_id: UserId,
    /// Its workflow state.
    pub state: String,
    /// The workflow it follows.
    pub workflow: String,
    /// The version of the workflow it is pinned to.
    pub workflow_version: u32,
    /// Bumped on every change, for optimistic concurrency.
    pub revision: i64,
    /// What the applicant wrote.
    pub content: ProposalContent,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// A new draft.
#[derive(Debug, Clone)]
pub struct NewProposal {
    /// The programme it applies to.
    pub programme_id: ProgrammeId,
    /// The applicant.
    pub owner_id: UserId,
    /// The workflow and version it starts on.
    pub workflow: String,
    /// The version it pins.
    pub workflow_version: u32,
    /// The workflow's initial state.
    pub state: String,
    /// What the applicant wrote so far.
    pub content: ProposalContent,
}

/// Who is asking for a list, and so which proposals it may contain.
#[derive(Debug, Clone, Default)]
pub struct Visibility {
    /// Proposals owned by this user, in any state.
    pub owner: Option<UserId>,
    /// Every proposal past its draft (programme managers, administrators).
    pub all_submitted: bool,
    /// Proposals past their draft from these areas (ambassadors).
    pub areas: Vec<Area>,
    /// These proposals, whatever their state (reviewers: what the jury rules let them see).
    pub ids: Vec<ProposalId>,
}

/// Narrowing of a list.
#[derive(Debug, Clone, Default)]
pub struct ProposalFilter {
    /// Only this programme.
    pub programme: Option<ProgrammeId>,
    /// Only this state.
    pub state: Option<String>,
    /// Only this country.
    pub country: Option<String>,
    /// Only those whose search text holds every one of these words (each
    /// in its search form).
    pub words: Vec<String>,
}

/// The state a proposal is in before anyone but its owner may see it.
pub const DRAFT: &str = "draft";

/// The partner countries as the column keeps them, each between spaces,
/// so that a list filters on ` AL `.
fn partner_countries(content: &ProposalContent) -> String {
    let codes: Vec<String> = content
        .partner_countries()
        .iter()
        .map(ToString::to_string)
        .collect();
    if codes.is_empty() {
        String::new()
    } else {
        format!(" {} ", codes.join(" "))
    }
}

fn content_json(content: &ProposalContent) -> StoreResult<serde_json::Value> {
    serde_json::to_value(content).map_err(|e| corrupt("proposal content", e))
}

/// Creates a draft.
pub async fn insert(
    c: &impl ConnectionTrait,
    new: NewProposal,
    now: DateTime<Utc>,
) -> StoreResult<ProposalRecord> {
    let id = ProposalId::new();
    let row = proposal::ActiveModel {
        id: Set(id.uuid()),
        programme_id: Set(new.programme_id.uuid()),
        owner_id: Set(new.owner_id.uuid()),
        country: Set(new.content.country.map(|c| c.to_string())),
        region: Set(new.content.region.as_ref().map(ToString::to_string)),
        state: Set(new.state.clone()),
        workflow: Set(new.workflow.clone()),
        workflow_version: Set(i32::try_from(new.workflow_version).unwrap_or(i32::MAX)),
        revision: Set(1),
        title: Set(new.content.title.clone()),
        content: Set(content_json(&new.content)?),
        search_text: Set(Some(new.content.search_text())),
        partner_countries: Set(partner_countries(&new.content)),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(None),
    };
    query::insert(c, row).await?;
    Ok(ProposalRecord {
        id,
        programme_id: new.programme_id,
        owner_id: new.owner_id,
        state: new.state,
        workflow: new.workflow,
        workflow_version: new.workflow_version,
        revision: 1,
        content: new.content,
        created_at: now,
        updated_at: now,
        submitted_at: None,
    })
}

/// The proposal with this id.
pub async fn find(c: &impl ConnectionTrait, id: ProposalId) -> StoreResult<Option<ProposalRecord>> {
    query::one(c, proposal::Entity::find_by_id(id.uuid()), record).await
}

/// The proposal with this id and the programme it applies to, in one query.
pub async fn find_with_programme(
    c: &impl ConnectionTrait,
    id: ProposalId,
) -> StoreResult<Option<(ProposalRecord, ProgrammeRecord)>> {
    let Some((row, programme)) = proposal::Entity::find_by_id(id.uuid())
        .find_also_related(programme::Entity)
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    let programme = programme.ok_or(StoreError::NotFound)?;
    Ok(Some((record(row)?, crate::programmes::record(programme)?)))
}

/// Holds the proposal's row until the transaction ends, so that changes
/// judged against its state (attachments while it is editable) cannot race
/// a transition. PostgreSQL locks the row (`FOR UPDATE`); SQLite already
/// runs one writing transaction at a time.
pub async fn lock(c: &impl ConnectionTrait, id: ProposalId) -> StoreResult<()> {
    query::lock_row::<proposal::Entity>(c, proposal::Column::Id, id.uuid()).await?;
    Ok(())
}

/// Up to `limit` proposals visible as `visibility` says and matching `filter`, oldest first.
pub async fn list(
    c: &impl ConnectionTrait,
    visibility: &Visibility,
    filter: &ProposalFilter,
    after: Option<ProposalId>,
    limit: u64,
) -> StoreResult<Vec<ProposalRecord>> {
    let after = after.map(ProposalId::uuid);
    let select = visible(visibility, filter);
    query::page(c, select, proposal::Column::Id, after, limit, record).await
}

/// How many proposals are visible as `visibility` says and match `filter`:
/// a to-do list's "3 proposals to screen".
pub async fn count(
    c: &impl ConnectionTrait,
    visibility: &Visibility,
    filter: &ProposalFilter,
) -> StoreResult<u64> {
    Ok(visible(visibility, filter).count(c).await?)
}

/// The proposals `visibility` lets a reader see, narrowed by `filter`.
fn visible(visibility: &Visibility, filter: &ProposalFilter) -> Select<proposal::Entity> {
    let mut visible = Condition::any();
    if let Some(owner) = visibility.owner {
        visible = visible.add(proposal::Column::OwnerId.eq(owner.uuid()));
    }
    if visibility.all_submitted {
        visible = visible.add(proposal::Column::State.ne(DRAFT));
    }
    for area in &visibility.areas {
        let place = match area {
            // The country's own proposals, and those its libraries are partners in.
            Area::Country(country) => Condition::any()
                .add(proposal::Column::Country.eq(country.to_string()))
                .add(proposal::Column::PartnerCountries.like(format!("% {country} %"))),
            Area::Subdivision { code, .. } => {
                Condition::any().add(proposal::Column::Region.eq(code.clone()))
            }
        };
        visible = visible.add(
            Condition::all()
                .add(place)
                .add(proposal::Column::State.ne(DRAFT)),
        );
    }
    if !visibility.ids.is_empty() {
        visible =
            visible.add(proposal::Column::Id.is_in(visibility.ids.iter().map(|id| id.uuid())));
    }
    let mut select = proposal::Entity::find().filter(visible);
    if let Some(programme) = filter.programme {
        select = select.filter(proposal::Column::ProgrammeId.eq(programme.uuid()));
    }
    if let Some(state) = &filter.state {
        select = select.filter(proposal::Column::State.eq(state.as_str()));
    }
    if let Some(country) = &filter.country {
        select = select.filter(proposal::Column::Country.eq(country.as_str()));
    }
    for word in &filter.words {
        // Words of letters and digits only: nothing LIKE would read as a wildcard.
        select = select.filter(proposal::Column::SearchText.contains(word.as_str()));
    }
    select
}

/// Fills in the search text of up to `limit` proposals written before
/// search existed: how many.
pub async fn fill_search_text(c: &impl ConnectionTrait, limit: u64) -> StoreResult<usize> {
    let select = proposal::Entity::find()
        .filter(proposal::Column::SearchText.is_null())
        .order_by_asc(proposal::Column::Id)
        .limit(limit);
    let rows = query::all(c, select, record).await?;
    for p in &rows {
        proposal::Entity::update_many()
            .col_expr(
                proposal::Column::SearchText,
                Expr::value(p.content.search_text()),
            )
            .filter(proposal::Column::Id.eq(p.id.uuid()))
            .exec(c)
            .await?;
    }
    Ok(rows.len())
}

/// Every proposal of a programme in one of `states`, oldest first.
pub async fn in_programme(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
    states: &[&str],
) -> StoreResult<Vec<ProposalRecord>> {
    let select = proposal::Entity::find()
        .filter(proposal::Column::ProgrammeId.eq(programme.uuid()))
        .filter(proposal::Column::State.is_in(states.iter().copied()))
        .order_by_asc(proposal::Column::Id);
    query::all(c, select, record).await
}

/// The titles of these proposals (empty where a draft has none yet), from
/// the column lists keep: lists of grants, assignments and the ledger show
/// thousands of titles and need nothing else of a proposal's content.
pub async fn titles(
    c: &impl ConnectionTrait,
    ids: &[ProposalId],
) -> StoreResult<std::collections::HashMap<ProposalId, String>> {
    let rows = crate::in_chunks(ids, async |chunk| {
        let rows: Vec<(uuid::Uuid, Option<String>)> = proposal::Entity::find()
            .select_only()
            .columns([proposal::Column::Id, proposal::Column::Title])
            .filter(proposal::Column::Id.is_in(chunk.iter().map(|id| id.uuid())))
            .into_tuple()
            .all(c)
            .await?;
        Ok(rows)
    })
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title)| (ProposalId::from(id), title.unwrap_or_default()))
        .collect())
}

/// The proposals with these ids that exist, oldest first.
pub async fn find_many(
    c: &impl ConnectionTrait,
    ids: &[ProposalId],
) -> StoreResult<Vec<ProposalRecord>> {
    let mut found = query::all_in(
        c,
        proposal::Entity::find(),
        proposal::Column::Id,
        ids,
        record,
    )
    .await?;
    found.sort_by_key(|p| p.id);
    Ok(found)
}

/// How many proposals are in each state.
pub async fn count_by_state(c: &impl ConnectionTrait) -> StoreResult<Vec<(String, u64)>> {
    query::count_by::<proposal::Entity>(c, proposal::Column::State).await
}

/// Replaces the content if the proposal is still at `expected_revision`.
pub async fn update_content(
    c: &impl ConnectionTrait,
    id: ProposalId,
    expected_revision: i64,
    content: &ProposalContent,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let update = proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Content,
            Expr::value(content_json(content)?),
        )
        .col_expr(proposal::Column::Title, Expr::value(content.title.clone()))
        .col_expr(
            proposal::Column::SearchText,
            Expr::value(content.search_text()),
        )
        .col_expr(
            proposal::Column::Country,
            Expr::value(content.country.map(|c| c.to_string())),
        )
        .col_expr(
            proposal::Column::Region,
            Expr::value(content.region.as_ref().map(ToString::to_string)),
        )
        .col_expr(
            proposal::Column::PartnerCountries,
            Expr::value(partner_countries(content)),
        );
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

/// Moves the proposal to `state` if it is still at `expected_revision` and
/// in `from`. Two requests racing for the same transition: one wins, the
/// other finds the revision moved on.
pub async fn set_state(
    c: &impl ConnectionTrait,
    id: ProposalId,
    expected_revision: i64,
    from: &str,
    state: &str,
    submitted: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut update = query::transition(proposal::Column::State, (from, state));
    if submitted {
        update = update.col_expr(proposal::Column::SubmittedAt, Expr::value(Some(now)));
    }
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

/// Re-pins every proposal of `workflow` at `from_version` to `to_version`,
/// renaming states by `mapping` (states not named keep their name); returns
/// the proposals moved with their old and new states.
pub async fn repin(
    c: &impl ConnectionTrait,
    workflow: &str,
    from_version: u32,
    to_version: u32,
    mapping: &[(String, String)],
    now: DateTime<Utc>,
) -> StoreResult<Vec<(ProposalId, String, String)>> {
    let rows = proposal::Entity::find()
        .filter(proposal::Column::Workflow.eq(workflow))
        .filter(
            proposal::Column::WorkflowVersion.eq(i32::try_from(from_version).unwrap_or(i32::MAX)),
        )
        .order_by_asc(proposal::Column::Id)
        .all(c)
        .await?;
    let mut moved = Vec::new();
    for row in rows {
        let new_state = mapping
            .iter()
            .find(|(old, _)| *old == row.state)
            .map_or_else(|| row.state.clone(), |(_, new)| new.clone());
        let update = proposal::Entity::update_many()
            .col_expr(proposal::Column::State, Expr::value(new_state.as_str()))
            .col_expr(
                proposal::Column::WorkflowVersion,
                Expr::value(i32::try_from(to_version).unwrap_or(i32::MAX)),
            );
        query::update_at_revision(c, update, row.id, row.revision, now).await?;
        moved.push((ProposalId::from(row.id), row.state, new_state));
    }
    Ok(moved)
}

fn record(row: proposal::Model) -> StoreResult<ProposalRecord> {
    Ok(ProposalRecord {
        id: row.id.into(),
        programme_id: row.programme_id.into(),
        owner_id: row.owner_id.into(),
        state: row.state,
        workflow: row.workflow,
        workflow_version: u32::try_from(row.workflow_version)
            .map_err(|e| corrupt("proposals.workflow_version", e))?,
        revision: row.revision,
        content: serde_json::from_value(row.content)
            .map_err(|e| corrupt("proposals.content", e))?,
        created_at: row.created_at,
        updated_at: row.updated_at,
        submitted_at: row.submitted_at,
    })
}
