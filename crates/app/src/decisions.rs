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
    proposals::take_decision(
        &tx,
        app,
        actor,
        &record,
        &programme,
        (input.outcome.transition(), comment, award),
        now,
    )
    .await?;
    let grant = match award {
        Some(award) => Some(
            crate::grants::create_for_decision(&tx, app, actor, (&record, &programme), award, now)
                .await?,
        ),
        None => None,
    };
    let (letter_locale, letter_subject, letter_text) =
        letter_sent(&tx, app, &record, input.outcome).await?;
    let decision = DecisionRecord {
        id: Uuid::now_v7(),
        proposal_id: id,
        programme_id: record.programme_id,
        outcome: input.outcome.as_str().to_owned(),
        award,
        reason: comment.map(str::to_owned),
        letter_locale,
        letter_subject,
        letter_text,
        decided_by: actor.id,
        decided_at: now,
    };
    store::insert_decision(&tx, &decision).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(outcome = input.outcome.as_str(), "decision recorded");
    Ok(DecisionResult {
        decision: decision.into(),
        proposal: proposals::get(app, actor, id).await?,
        grant_id: grant.map(|g| g.id),
    })
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
    record.owner_id == actor.id || actor.has_any(DECISION_READERS)
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
