//! The funding line: from the ranking and the programme's budget, which
//! proposals the money reaches under a chosen policy, each with its reason.
//! A preview for the jury chair and the managers; decisions are recorded
//! through the proposal workflow.

use std::collections::HashMap;

use grants_domain::{Money, ProgrammeId, ProposalId};
use grants_scoring::funding::{
    self, Candidate, CountryRule, Decision, FundingInput, FundingLine, FundingPolicy, FundingReason,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::jury::JURY_RUNNERS;
use crate::names::proposal::{self, IN_REVIEW};
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
    /// Its ranking score, in points of 100: the figure the ranking page
    /// shows, its normalised mean where the programme normalises, else its mean.
    pub score: f64,
    /// Its mean, as the ranking page shows it.
    pub mean: Option<f64>,
    /// Its normalised mean, where the programme normalises.
    pub normalised_mean: Option<f64>,
    /// Funded or not.
    pub decision: Decision,
    /// Why, as data.
    pub reason: FundingReason,
    /// Why, in words.
    pub explanation: String,
}

/// Why a ranked proposal is not on the funding line (yet).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotOnTheLine {
    /// Reviews are still missing: it joins the line once they are in.
    InReview {
        /// Reviews still to come.
        missing_reviews: u32,
    },
    /// Reviewed, but no score could be computed (every criterion not applicable).
    NoScore,
    /// It names no amount or no country (an old record).
    Incomplete,
}

/// A ranked proposal that is not on the funding line, with why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OffTheLine {
    /// Its place in the ranking.
    pub position: usize,
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its country, where known.
    pub country: Option<String>,
    /// What it asks for, where known.
    pub amount: Option<Money>,
    /// Why it is not on the line.
    pub reason: NotOnTheLine,
}

/// A funding plan: the line and every proposal's place relative to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FundingPlanView {
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The programme's whole budget.
    pub budget: Money,
    /// What earlier decisions already committed on the ledger.
    pub committed_before: Money,
    /// The budget left for this round: the programme's, less awards already made.
    pub available: Money,
    /// The line, with totals per country.
    pub line: FundingLine,
    /// Every candidate, in ranking order.
    pub proposals: Vec<PlannedProposal>,
    /// Ranked proposals still in review or without a score: not on the line, and why.
    pub not_on_the_line: Vec<OffTheLine>,
    /// The other policies that fund exactly the same proposals as this one.
    pub same_as: Vec<FundingPolicy>,
    /// The scores are normalised means (the programme normalises reviewers' scales).
    pub normalised: bool,
    /// The reader may record the line's decisions together (a programme
    /// manager, with proposals on the line).
    pub may_apply: bool,
}

/// Previews the funding line for the programme under `input`'s policy.
pub async fn plan(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    input: FundingPlanInput,
) -> AppResult<FundingPlanView> {
    actor.require_any(JURY_RUNNERS, "preview_the_funding_line")?;
    let crate::reviews::Ranked {
        view: ranking,
        programme,
        proposals,
    } = crate::reviews::ranked(app, actor, programme_id).await?;
    let c = app.store.conn();
    // What the ledger has not promised yet: awards already made are committed there.
    let available = crate::ledger::Book::read(c, &programme)
        .await?
        .programme()
        .remaining();
    let records: HashMap<ProposalId, _> =
        proposals.into_iter().map(|p| (p.id, p.content)).collect();
    let mut titles = HashMap::new();
    let mut candidates = Vec::new();
    let mut not_on_the_line = Vec::new();
    for entry in &ranking.entries {
        let content = records.get(&entry.figures.proposal);
        let amount = content.and_then(|c| c.requested_amount);
        let off = |reason| OffTheLine {
            position: entry.figures.position,
            proposal_id: entry.figures.proposal,
            title: entry.title.clone(),
            country: entry.country.clone(),
            amount,
            reason,
        };
        if entry.state == IN_REVIEW {
            not_on_the_line.push(off(NotOnTheLine::InReview {
                missing_reviews: entry.missing_reviews,
            }));
            continue;
        }
        if !CANDIDATE_STATES.contains(&entry.state.as_str()) {
            continue;
        }
        let Some(score) = funding::ranking_score(&entry.figures) else {
            not_on_the_line.push(off(NotOnTheLine::NoScore));
            continue;
        };
        let (Some(country), Some(amount)) = (content.and_then(|c| c.country), amount) else {
            not_on_the_line.push(off(NotOnTheLine::Incomplete));
            continue;
        };
        titles.insert(entry.figures.proposal, entry);
        candidates.push(Candidate {
            proposal: entry.figures.proposal,
            country,
            amount,
            score,
            position: entry.figures.position,
        });
    }
    let draw = |policy| {
        funding::fund(&FundingInput {
            candidates: candidates.clone(),
            budget: available,
            policy,
            country_rules: input.country_rules.clone(),
        })
        .map_err(|e| {
            AppError::Validation(grants_domain::ValidationErrors::single(
                "country_rules",
                "not_plannable",
                e.to_string(),
            ))
        })
    };
    let line = draw(input.policy)?;
    let funded = |line: &FundingLine| -> Vec<ProposalId> {
        line.decisions
            .iter()
            .filter(|d| d.decision == Decision::Funded)
            .map(|d| d.proposal)
            .collect()
    };
    let mut same_as = Vec::new();
    for other in FundingPolicy::ALL {
        if other != input.policy && funded(&draw(other)?) == funded(&line) {
            same_as.push(other);
        }
    }
    let proposals = line
        .decisions
        .iter()
        .map(|d| {
            let entry = titles.get(&d.proposal);
            PlannedProposal {
                position: d.position,
                proposal_id: d.proposal,
                title: entry.map(|e| e.title.clone()).unwrap_or_default(),
                country: d.country.to_string(),
                amount: d.amount,
                score: d.score as f64 / 1_000_000.0,
                mean: entry.and_then(|e| e.figures.mean),
                normalised_mean: entry.and_then(|e| e.figures.normalised_mean),
                decision: d.decision,
                reason: d.reason,
                explanation: d.reason.to_string(),
            }
        })
        .collect();
    let budget = programme.spec.budget;
    let may_apply = actor.has(grants_domain::Role::ProgrammeManager) && !line.decisions.is_empty();
    Ok(FundingPlanView {
        programme_id,
        budget,
        committed_before: budget.checked_sub(available).unwrap_or(budget),
        available,
        line,
        proposals,
        not_on_the_line,
        same_as,
        normalised: ranking.settings.normalise.is_some(),
        may_apply,
    })
}
