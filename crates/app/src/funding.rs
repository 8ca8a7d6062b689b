//! The funding line: from the ranking and the programme's budget, which
//! proposals the money reaches under a chosen policy, each with its reason.
//! A preview for the jury chair and the managers; decisions are recorded
//! through the proposal workflow.

use std::collections::HashMap;

use grants_domain::{Money, ProgrammeId, ProposalId};
use grants_scoring::funding::{
    self, Candidate, CountryRule, Decision, FundingInput, FundingLine, FundingPolicy, FundingReason,
};
use grants_store::proposals as proposal_store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::jury::JURY_RUNNERS;
use crate::names::proposal;
use crate::{Actor, App, AppError, AppResult};

/// Proposals that compete for the money: reviewed, or waiting on the list.
const CANDIDATE_STATES: &[&str] = &[proposal::REVIEWED, proposal::WAITLISTED];

/// What to preview.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingPlanInput {
    /// How the line is drawn.
    pub policy: FundingPolicy,
    /// Per-country minimum counts and maximum shares of the budget.
    #[serde(default)]
    pub country_rules: Vec<CountryRule>,
}

/// One proposal in the plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlannedProposal {
    /// Its place in the ranking.
    pub position: usize,
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its country.
    pub country: String,
    /// What funding it would cost.
    pub amount: Money,
    /// Its ranking score, in points of 100.
    pub score: f64,
    /// Funded or not.
    pub decision: Decision,
    /// Why, as data.
    pub reason: FundingReason,
    /// Why, in words.
    pub explanation: String,
}

/// A funding plan: the line and every proposal's place relative to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FundingPlanView {
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The budget left for this round: the programme's, less awards already made.
    pub available: Money,
    /// The line, with totals per country.
    pub line: FundingLine,
    /// Every candidate, in ranking order.
    pub proposals: Vec<PlannedProposal>,
}

/// Previews the funding line for the programme under `input`'s policy.
pub async fn plan(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    input: FundingPlanInput,
) -> AppResult<FundingPlanView> {
    actor.require_any(JURY_RUNNERS, "preview_the_funding_line")?;
    let ranking = crate::reviews::ranking(app, actor, programme_id).await?;
    let c = app.store.conn();
    let programme = crate::programmes::load_programme(c, programme_id).await?;
    // What the ledger has not promised yet: awards already made are committed there.
    let available = crate::ledger::Book::read(c, &programme)
        .await?
        .programme()
        .remaining();
    let competing: Vec<_> = ranking
        .entries
        .iter()
        .filter(|e| CANDIDATE_STATES.contains(&e.state.as_str()))
        .collect();
    let ids: Vec<ProposalId> = competing.iter().map(|e| e.figures.proposal).collect();
    let records: HashMap<ProposalId, _> = proposal_store::find_many(c, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.content))
        .collect();
    let mut titles = HashMap::new();
    let mut candidates = Vec::new();
    for entry in competing {
        let Some(score) = funding::ranking_score(&entry.figures) else {
            continue;
        };
        let Some(content) = records.get(&entry.figures.proposal) else {
            continue;
        };
        let (Some(country), Some(amount)) = (content.country, content.requested_amount) else {
            continue;
        };
        titles.insert(entry.figures.proposal, entry.title.clone());
        candidates.push(Candidate {
            proposal: entry.figures.proposal,
            country,
            amount,
            score,
            position: entry.figures.position,
        });
    }
    let line = funding::fund(&FundingInput {
        candidates,
        budget: available,
        policy: input.policy,
        country_rules: input.country_rules,
    })
    .map_err(|e| {
        AppError::Validation(grants_domain::ValidationErrors::single(
            "country_rules",
            "not_plannable",
            e.to_string(),
        ))
    })?;
    let proposals = line
        .decisions
        .iter()
        .map(|d| PlannedProposal {
            position: d.position,
            proposal_id: d.proposal,
            title: titles.get(&d.proposal).cloned().unwrap_or_default(),
            country: d.country.to_string(),
            amount: d.amount,
            score: d.score as f64 / 1_000_000.0,
            decision: d.decision,
            reason: d.reason,
            explanation: d.reason.to_string(),
        })
        .collect();
    Ok(FundingPlanView {
        programme_id,
        available,
        line,
        proposals,
    })
}
