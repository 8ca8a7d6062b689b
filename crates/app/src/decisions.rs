//! Funding decisions: a programme manager funds (with an award, which may
//! be lower than requested with a reason), waitlists or declines a reviewed
//! proposal. The decision moves the proposal through its workflow, sends the
//! letter through the outbox in the applicant's language, stores that
//! letter with the proposal, and — to fund — creates the grant, its
//! tranches and the commitment on the ledger. All in one transaction: a
//! commitment the remaining budget cannot take leaves nothing behind.

use chrono::{DateTime, Utc};
use grants_domain::finance::check_award;
use grants_domain::programme::MoneyInput;
use grants_domain::{Currency, GrantId, Locale, Money, ProposalId, Role, ValidationErrors};
use grants_notify::Letter;
use grants_store::ConnectionTrait;
use grants_store::grants::{self as store, DecisionRecord};
use grants_store::proposals::ProposalRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::names::proposal;
use crate::proposals::{self, ProposalView};
use crate::{Actor, App, AppError, AppResult, ledger};

/// What was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Funded, with an award.
    Funded,
    /// On the waiting list: funded later if money is freed.
    Waitlisted,
    /// Not funded.
    Declined,
}

impl Outcome {
    fn transition(self) -> &'static str {
        match self {
            Outcome::Funded => proposal::FUND,
            Outcome::Waitlisted => proposal::WAITLIST,
            Outcome::Declined => proposal::DECLINE,
        }
    }

    /// The outcome's name, the state it leads to (`funded`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Funded => proposal::FUNDED,
            Outcome::Waitlisted => proposal::WAITLISTED,
            Outcome::Declined => proposal::DECLINED,
        }
    }
}

/// A decision as a programme manager records it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// Funded, waitlisted or declined.
    pub outcome: Outcome,
    /// To fund: the award, at most what was requested; the request when omitted.
    pub award: Option<MoneyInput>,
    /// The words for the applicant, included in the letter; required when
    /// the award is lower than requested (say why).
    pub comment: Option<String>,
    /// The proposal's revision decided on (or send it in If-Match).
    pub revision: Option<i64>,
}

/// A recorded decision with its letter.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionView {
    /// The decision's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Funded, waitlisted or declined.
    pub outcome: String,
    /// The award, when funded.
    pub award: Option<Money>,
    /// The manager's words to the applicant.
    pub comment: Option<String>,
    /// The letter's language.
    pub letter_locale: String,
    /// The letter's subject.
    pub letter_subject: String,
    /// The letter as sent.
    pub letter_text: String,
    /// When.
    pub decided_at: DateTime<Utc>,
}

impl From<DecisionRecord> for DecisionView {
    fn from(d: DecisionRecord) -> Self {
        Self {
            id: d.id,
            proposal_id: d.proposal_id,
            outcome: d.outcome,
            award: d.award,
            comment: d.reason,
            letter_locale: d.letter_locale.code().to_owned(),
            letter_subject: d.letter_subject,
            letter_text: d.letter_text,
            decided_at: d.decided_at,
        }
    }
}

/// What a decision did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionResult {
    /// The decision and its letter.
    pub decision: DecisionView,
    /// The proposal after it.
    pub proposal: ProposalView,
    /// The grant it created, when funded.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub grant_id: Option<GrantId>,
}

/// Who reads decisions besides the applicant.
const DECISION_READERS: &[Role] = &[Role::ProgrammeManager, Role::JuryChair, Role::Admin];

fn award_of(input: Option<&MoneyInput>, requested: Money) -> AppResult<Money> {
    let Some(given) = input else {
        return Ok(requested);
    };
    let currency = Currency::parse(&given.currency)
        .map_err(|e| ValidationErrors::single("award.currency", e.code, e.message))?;
    Ok(Money::new(given.minor, currency))
}

/// Records a decision on a reviewed (or waitlisted) proposal.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id))]
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    input: DecisionInput,
    if_match: Option<i64>,
) -> AppResult<DecisionResult> {
    actor.require_any(&[Role::ProgrammeManager], "record_funding_decisions")?;
    let tx = app.store.begin().await?;
    let record = proposals::load_visible(&tx, actor, id).await?;
    crate::error::expect_revision(if_match, input.revision, "proposal", record.revision)?;
    let programme = crate::programmes::load_programme(&tx, record.programme_id).await?;
    ledger::lock(&tx, programme.id).await?;
    let comment = input
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let award = match input.outcome {
        Outcome::Funded => {
            let requested = record
                .content
                .requested_amount
                .ok_or_else(|| AppError::conflict("no-requested-amount").done())?;
            let award = award_of(input.award.as_ref(), requested)?;
            check_award(requested, award, comment).map_err(|e| {
                let field = if matches!(
                    e,
                    grants_domain::finance::FinanceError::ReductionUnexplained { .. }
                ) {
                    "comment"
                } else {
                    "award"
                };
                AppError::money(field)(e)
            })?;
            Some(award)
        }
        _ if input.award.is_some() => {
            return Err(ValidationErrors::single(
                "award",
                "not_funded",
                "only a funding decision carries an award",
            )
            .into());
        }
        _ => None,
    };
    let now = app.now();
    let (decision, grant) = record_one(
        &tx,
        app,
        actor,
        (&record, &programme),
        (input.outcome, award, comment),
        now,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(outcome = input.outcome.as_str(), "decision recorded");
    Ok(DecisionResult {
        decision: decision.into(),
        proposal: proposals::get(app, actor, id).await?,
        grant_id: grant,
    })
}

/// Takes a decision's step inside the caller's transaction (the ledger
/// locked): the transition and its letter, the grant when it funds, and
/// the decision stored with the letter as sent.
async fn record_one(
    tx: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    (record, programme): (&ProposalRecord, &grants_store::programmes::ProgrammeRecord),
    (outcome, award, comment): (Outcome, Option<Money>, Option<&str>),
    now: DateTime<Utc>,
) -> AppResult<(DecisionRecord, Option<GrantId>)> {
    let id = record.id;
    proposals::take_decision(
        tx,
        app,
        actor,
        record,
        programme,
        (outcome.transition(), comment, award),
        now,
    )
    .await?;
    let grant = match award {
        Some(award) => Some(
            crate::grants::create_for_decision(tx, app, actor, (record, programme), award, now)
                .await?,
        ),
        None => None,
    };
    let (letter_locale, letter_subject, letter_text) =
        letter_sent(tx, app, record, outcome).await?;
    let decision = DecisionRecord {
        id: Uuid::now_v7(),
        proposal_id: id,
        programme_id: record.programme_id,
        outcome: outcome.as_str().to_owned(),
        award,
        reason: comment.map(str::to_owned),
        letter_locale,
        letter_subject,
        letter_text,
        decided_by: actor.id,
        decided_at: now,
    };
    store::insert_decision(tx, &decision).await?;
    Ok((decision, grant.map(|g| g.id)))
}

/// The decision letter queued for the applicant by the transition just
/// taken, rendered as it will be sent (nothing is queued for a deactivated
/// account).
async fn letter_sent(
    tx: &impl grants_store::ConnectionTrait,
    app: &App,
    record: &grants_store::proposals::ProposalRecord,
    outcome: Outcome,
) -> AppResult<(Locale, String, String)> {
    let event = format!("decision_{}", outcome.as_str());
    let Some(queued) = grants_store::outbox::for_subject(tx, "proposal", record.id.uuid())
        .await?
        .into_iter()
        .rev()
        .find(|m| m.event == event && m.recipient == record.owner_id)
    else {
        // No letter goes to a deactivated account; the decision stands, and says so.
        return Ok((
            Locale::En,
            String::new(),
            "No letter was sent: the applicant's account is deactivated.".into(),
        ));
    };
    let letter: Letter = serde_json::from_value(queued.payload)
        .map_err(|e| AppError::internal(format!("the decision letter cannot be read: {e}")))?;
    let locale = Locale::parse(&queued.locale).unwrap_or(Locale::En);
    let rendered = app
        .templates
        .render(&letter.notification, &letter.envelope, locale)
        .map_err(|e| AppError::internal(format!("the decision letter cannot be rendered: {e}")))?;
    Ok((rendered.locale, rendered.subject, rendered.text))
}

/// The decisions on a proposal with their letters, oldest first: for the
/// applicant, programme managers, the jury chair and administrators.
pub async fn for_proposal(
    app: &App,
    actor: &Actor,
    id: ProposalId,
) -> AppResult<Vec<DecisionView>> {
    let c = app.store.conn();
    let record = proposals::load_visible(c, actor, id).await?;
    if !may_read(actor, &record) {
        return Err(AppError::NotFound("proposal"));
    }
    of_visible(c, &record).await
}

/// Whether the actor, who sees the proposal, may read its decisions.
pub(crate) fn may_read(actor: &Actor, record: &ProposalRecord) -> bool {
    crate::proposals::on_team(actor, record).is_some() || actor.has_any(DECISION_READERS)
}

/// The decisions on a proposal whose reader may read them.
pub(crate) async fn of_visible(
    c: &impl ConnectionTrait,
    record: &ProposalRecord,
) -> AppResult<Vec<DecisionView>> {
    Ok(store::decisions_for(c, record.id)
        .await?
        .into_iter()
        .map(DecisionView::from)
        .collect())
}

/// The outcomes a decision on a proposal in `state` may take: every one
/// once it is reviewed; from the waiting list, funded or declined.
pub fn outcomes(state: &str) -> &'static [Outcome] {
    match state {
        proposal::REVIEWED => &[Outcome::Funded, Outcome::Waitlisted, Outcome::Declined],
        proposal::WAITLISTED => &[Outcome::Funded, Outcome::Declined],
        _ => &[],
    }
}

/// Applying a funding line: the policy (and country rules) it was drawn
/// with, and what becomes of the proposals it does not fund.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    /// How the line is drawn, as on the funding page.
    pub policy: grants_scoring::funding::FundingPolicy,
    /// Per-country minimum counts and maximum shares of the budget.
    #[serde(default)]
    pub country_rules: Vec<grants_scoring::funding::CountryRule>,
    /// What the proposals below the line become: `waitlisted` or `declined`.
    pub others: Outcome,
    /// To apply: the fingerprint of the letters read (`POST …/letters`);
    /// a line that changed since is refused, nothing recorded.
    pub fingerprint: Option<String>,
}

/// One decision of a funding line with the letter it sends.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LineLetter {
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// What it becomes.
    pub outcome: Outcome,
    /// The award, when funded.
    pub award: Option<Money>,
    /// The letter as the applicant will read it (their language, the
    /// reviewers' comments where the programme sends them); `None` where
    /// the applicant's account is deactivated and no letter goes.
    pub letter: Option<LetterView>,
}

/// A letter as it will be sent.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LetterView {
    /// Its language.
    pub locale: Locale,
    /// Its subject line.
    pub subject: String,
    /// Its text.
    pub text: String,
}

/// Every decision a funding line records, with its letter, for the manager
/// to read before confirming them together.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LineLetters {
    /// The decisions, in ranking order: those funded, then the others.
    pub letters: Vec<LineLetter>,
    /// Send it back to apply exactly these decisions.
    pub fingerprint: String,
}

/// The decisions the funding line would record, in ranking order: each
/// funded proposal with its award, each other one as `others` says (a
/// proposal already on the waiting list that would stay there is left as
/// it is).
async fn line_decisions(
    app: &App,
    actor: &Actor,
    programme: grants_domain::ProgrammeId,
    input: &LineInput,
) -> AppResult<Vec<(ProposalRecord, Outcome, Option<Money>)>> {
    actor.require_any(&[Role::ProgrammeManager], "record_funding_decisions")?;
    if input.others == Outcome::Funded {
        return Err(ValidationErrors::single(
            "others",
            "funded_not_allowed",
            "the proposals below the line are waitlisted or declined",
        )
        .into());
    }
    let plan = crate::funding::plan(
        app,
        actor,
        programme,
        crate::funding::FundingPlanInput {
            policy: input.policy,
            country_rules: input.country_rules.clone(),
        },
    )
    .await?;
    let ids: Vec<ProposalId> = plan.proposals.iter().map(|p| p.proposal_id).collect();
    let mut records: std::collections::HashMap<ProposalId, ProposalRecord> =
        grants_store::proposals::find_many(app.store.conn(), &ids)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
    let mut decided = Vec::new();
    for planned in &plan.proposals {
        let Some(record) = records.remove(&planned.proposal_id) else {
            continue;
        };
        let (outcome, award) = match planned.decision {
            grants_scoring::funding::Decision::Funded => (Outcome::Funded, Some(planned.amount)),
            grants_scoring::funding::Decision::NotFunded => (input.others, None),
        };
        if outcome == Outcome::Waitlisted && record.state == proposal::WAITLISTED {
            continue;
        }
        decided.push((record, outcome, award));
    }
    // The funded first, as the letters are read.
    decided.sort_by_key(|(_, outcome, _)| *outcome != Outcome::Funded);
    Ok(decided)
}

/// What makes a set of decisions these decisions and no others: each
/// proposal at the revision read, its outcome and award.
fn fingerprint(decided: &[(ProposalRecord, Outcome, Option<Money>)]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for (record, outcome, award) in decided {
        hasher.update(format!(
            "{}:{}:{}:{};",
            record.id,
            record.revision,
            outcome.as_str(),
            award.map_or(-1, |a| a.minor)
        ));
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The decisions the funding line would record, each with its letter as it
/// will be sent, and the fingerprint to apply exactly them (programme
/// managers).
pub async fn line_letters(
    app: &App,
    actor: &Actor,
    programme: grants_domain::ProgrammeId,
    input: LineInput,
) -> AppResult<LineLetters> {
    let decided = line_decisions(app, actor, programme, &input).await?;
    let c = app.store.conn();
    let programme = crate::programmes::load_programme(c, programme).await?;
    let mut letters = Vec::with_capacity(decided.len());
    for (record, outcome, award) in &decided {
        let event = format!("decision_{}", outcome.as_str());
        let letter = proposals::decision_letter(c, app, (record, &programme), &event, *award)
            .await?
            .map(|r| LetterView {
                locale: r.locale,
                subject: r.subject,
                text: r.text,
            });
        letters.push(LineLetter {
            proposal_id: record.id,
            title: record.content.title.clone().unwrap_or_default(),
            outcome: *outcome,
            award: *award,
            letter,
        });
    }
    Ok(LineLetters {
        fingerprint: fingerprint(&decided),
        letters,
    })
}

/// Records every decision of the funding line the manager read, in one
/// transaction: each proposal's step, letter and (to fund) grant, or none
/// of them. A line that changed since its letters were read (a decision
/// taken, a review in, the budget moved) is refused.
pub async fn apply_line(
    app: &App,
    actor: &Actor,
    programme_id: grants_domain::ProgrammeId,
    input: LineInput,
) -> AppResult<Vec<DecisionView>> {
    let decided = line_decisions(app, actor, programme_id, &input).await?;
    let Some(read) = input.fingerprint.as_deref().filter(|f| !f.is_empty()) else {
        return Err(ValidationErrors::single(
            "fingerprint",
            "required",
            "read the letters first: their fingerprint confirms these decisions",
        )
        .into());
    };
    if read != fingerprint(&decided) {
        return Err(AppError::conflict("funding-line-changed").done());
    }
    let tx = app.store.begin().await?;
    let programme = crate::programmes::load_programme(&tx, programme_id).await?;
    ledger::lock(&tx, programme.id).await?;
    let now = app.now();
    let mut views = Vec::with_capacity(decided.len());
    for (read, outcome, award) in &decided {
        // Read again under the lock: a step taken meanwhile refuses the whole line.
        let record = proposals::load_visible(&tx, actor, read.id).await?;
        if record.revision != read.revision {
            return Err(AppError::conflict("funding-line-changed").done());
        }
        let (decision, _) = record_one(
            &tx,
            app,
            actor,
            (&record, &programme),
            (*outcome, *award, None),
            now,
        )
        .await?;
        views.push(decision.into());
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(decisions = views.len(), "funding line applied");
    Ok(views)
}
