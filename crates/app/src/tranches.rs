//! Tranches: the payments of a grant, through `workflows/tranche.yaml`.
//!
//! Finance requests a tranche once its condition holds, a different finance
//! user approves it (four eyes), and the payment is recorded once: the
//! conditional state change lets one of any number of concurrent attempts
//! through, and the ledger's disbursement is appended in the same
//! transaction after checking the grant's award.

use std::collections::HashMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use grants_domain::finance::{ExchangeRate, check_payment};
use grants_domain::programme::TrancheCondition;
use grants_domain::{Currency, GrantId, Money, TrancheId, UserId, ValidationErrors};
use grants_notify::Notification;
use grants_store::ConnectionTrait;
use grants_store::grants::{
    self as store, GrantRecord, PaymentRecord, TrancheChange, TrancheRecord,
};
use grants_store::ledger::EntryKind;
use grants_store::programmes::ProgrammeRecord;
use grants_workflow::{ActorFacts, Plan, Refusal};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::grants::{self, load_visible as load_grant};
use crate::ledger::{self, Movement};
use crate::names::{grant as grant_names, tranche as names};
use crate::steps::{self, Step, Subject};
use crate::{Actor, App, AppError, AppResult};

/// The workflow tranches follow.
pub const WORKFLOW: &str = "tranche";

/// A tranche, as the workflow driver ([`crate::steps`]) takes it.
pub type Tranche = TrancheRecord;
/// The audit trail's name for tranches.
pub(crate) const SUBJECT: &str = "tranche";

/// A recorded payment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PaymentView {
    /// The bank's reference.
    pub reference: String,
    /// The value date.
    pub value_date: NaiveDate,
    /// What reached the payee, in the currency paid.
    pub paid: Money,
    /// Units of the paid currency per unit of the award's.
    #[schema(value_type = String)]
    pub exchange_rate: String,
}

/// A tranche as the grant's readers see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrancheView {
    /// The tranche's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: TrancheId,
    /// Its grant.
    #[schema(value_type = String, format = Uuid)]
    pub grant_id: GrantId,
    /// 1 for the first.
    pub position: u16,
    /// Its key in the programme's template.
    pub key: String,
    /// Its share of the award.
    pub percent: u8,
    /// Its amount.
    pub amount: Money,
    /// When it may be requested.
    pub condition: TrancheCondition,
    /// Its workflow state.
    pub state: String,
    /// The state's label.
    pub state_label: String,
    /// For optimistic concurrency.
    pub revision: i64,
    /// Who requested it.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub requested_by: Option<UserId>,
    /// Their name.
    pub requested_by_name: Option<String>,
    /// When.
    pub requested_at: Option<DateTime<Utc>>,
    /// Who approved it.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub approved_by: Option<UserId>,
    /// Their name.
    pub approved_by_name: Option<String>,
    /// When.
    pub approved_at: Option<DateTime<Utc>>,
    /// Who recorded the payment.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub paid_by: Option<UserId>,
    /// Their name.
    pub paid_by_name: Option<String>,
    /// When.
    pub paid_at: Option<DateTime<Utc>>,
    /// The payment.
    pub payment: Option<PaymentView>,
    /// Why it was sent back or cancelled.
    pub comment: Option<String>,
}

/// The payment finance records with `pay`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentInput {
    /// The bank's reference; 1 to 140 characters.
    pub reference: String,
    /// The value date.
    pub value_date: NaiveDate,
    /// The currency paid in (ISO 4217); the award's when omitted.
    pub currency: Option<String>,
    /// The amount that reached the payee, in minor units of `currency`;
    /// the tranche converted at the rate when omitted.
    pub paid_minor: Option<i64>,
    /// Units of `currency` per unit of the award's currency, e.g. `61.53`;
    /// required when the currencies differ.
    pub exchange_rate: Option<String>,
}

/// Taking a tranche transition.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrancheTransitionInput {
    /// Why: required to send back or cancel.
    pub comment: Option<String>,
    /// The revision acted on (or send it in If-Match).
    pub revision: Option<i64>,
    /// The payment; required to `pay`.
    pub payment: Option<PaymentInput>,
}

/// The tranche as its grant's readers see it.
pub(crate) async fn view(
    c: &impl ConnectionTrait,
    app: &App,
    t: TrancheRecord,
) -> AppResult<TrancheView> {
    let names = crate::users::names(c, actors(&t)).await?;
    view_named(app, t, &names).await
}

/// Who acted on the tranche: who asked for it, approved and paid it.
pub(crate) fn actors(t: &TrancheRecord) -> impl Iterator<Item = UserId> + use<> {
    [t.requested, t.approved, t.paid]
        .into_iter()
        .flatten()
        .map(|(by, _)| by)
}

/// The tranche's view with the names of who acted already read (a page of
/// grants reads them all at once).
pub(crate) async fn view_named(
    app: &App,
    t: TrancheRecord,
    names: &HashMap<UserId, String>,
) -> AppResult<TrancheView> {
    let def = steps::definition(app, &t).await?;
    // Who acted is part of the record finance and the grantee read.
    let name =
        |who: Option<(UserId, DateTime<Utc>)>| who.and_then(|(by, _)| names.get(&by).cloned());
    let requested_by_name = name(t.requested);
    let approved_by_name = name(t.approved);
    let paid_by_name = name(t.paid);
    Ok(TrancheView {
        id: t.id,
        grant_id: t.grant_id,
        position: t.position,
        key: t.key,
        percent: t.percent,
        amount: t.amount,
        condition: t.condition,
        state_label: def
            .state(&t.state)
            .map_or_else(|| t.state.clone(), |s| s.label.clone()),
        state: t.state,
        revision: t.revision,
        requested_by: t.requested.map(|(by, _)| by),
        requested_by_name,
        requested_at: t.requested.map(|(_, at)| at),
        approved_by: t.approved.map(|(by, _)| by),
        approved_by_name,
        approved_at: t.approved.map(|(_, at)| at),
        paid_by: t.paid.map(|(by, _)| by),
        paid_by_name,
        paid_at: t.paid.map(|(_, at)| at),
        payment: t.payment.map(|p| PaymentView {
            reference: p.reference,
            value_date: p.value_date,
            paid: p.paid,
            exchange_rate: p.rate.to_string(),
        }),
        comment: t.comment,
    })
}

/// The refusal of guard `grant_running` for a grant in `state` (ended, or not begun).
pub(crate) fn grant_not_running(state: &str) -> Refusal {
    Refusal::new(format!("the grant is {state}"))
        .case("not_running")
        .with("grant_state", state)
}

fn condition_met(
    t: &TrancheRecord,
    grant: &GrantRecord,
    accepted_reports: &[String],
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    match &t.condition {
        TrancheCondition::AgreementSigned => {
            grant.agreement_accepted_at.map(|_| ()).ok_or_else(|| {
                Refusal::new("the agreement has not been accepted yet")
                    .case("agreement_not_accepted")
            })
        }
        TrancheCondition::ReportAccepted { report } => {
            if accepted_reports.contains(report) {
                Ok(())
            } else {
                Err(
                    Refusal::new(format!("the report '{report}' has not been accepted yet"))
                        .case("report_not_accepted")
                        .with("report", report),
                )
            }
        }
        TrancheCondition::MonthsAfterStart { months } => {
            let start = grant
                .started_at
                .ok_or_else(|| Refusal::new("the grant has not started yet").case("not_started"))?;
            let due = start
                .checked_add_months(Months::new(u32::try_from(*months).unwrap_or(u32::MAX)))
                .ok_or_else(|| Refusal::new("the date is out of range"))?;
            if now >= due {
                Ok(())
            } else {
                let day = due.date_naive();
                Err(
                    Refusal::new(format!("the tranche may be requested from {day}"))
                        .case("too_early")
                        .with_date("requestable_on", day),
                )
            }
        }
    }
}

async fn load(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: TrancheId,
) -> AppResult<(TrancheRecord, GrantRecord)> {
    let tranche = store::find_tranche(c, id)
        .await?
        .ok_or(AppError::NotFound("tranche"))?;
    let grant = load_grant(c, actor, tranche.grant_id)
        .await
        .map_err(|_| AppError::NotFound("tranche"))?;
    Ok((tranche, grant))
}

/// One tranche, if the actor may see its grant.
pub async fn get(app: &App, actor: &Actor, id: TrancheId) -> AppResult<TrancheView> {
    let (tranche, _) = load(app.store.conn(), actor, id).await?;
    view(app.store.conn(), app, tranche).await
}

/// Checks the payment finance records against the tranche.
fn payment(
    input: Option<PaymentInput>,
    tranche: &TrancheRecord,
    today: NaiveDate,
) -> AppResult<PaymentRecord> {
    let input = input.ok_or_else(|| {
        ValidationErrors::single(
            "payment",
            "required",
            "record the payment: its reference and value date",
        )
    })?;
    let mut errors = ValidationErrors::default();
    let reference = input.reference.trim().to_owned();
    if reference.is_empty() || reference.chars().count() > 140 {
        errors.push(
            "payment.reference",
            "invalid",
            "give the bank's reference (1 to 140 characters)",
        );
    }
    if input.value_date > today + chrono::Days::new(31) {
        errors.push(
            "payment.value_date",
            "too_far_ahead",
            "the value date is more than a month ahead",
        );
    }
    // Money leaves after the request is approved, not before it was asked
    // for: an earlier value date is a typing slip or a payment outside the
    // four eyes.
    if let Some((_, requested_at)) = tranche.requested
        && input.value_date < requested_at.date_naive()
    {
        errors.push(
            "payment.value_date",
            "before_the_request",
            format!(
                "the value date is before the payment was requested ({})",
                requested_at.date_naive()
            ),
        );
    }
    let currency = match input.currency.as_deref() {
        None => Some(tranche.amount.currency),
        Some(code) => Currency::parse(code)
            .map_err(|e| errors.push("payment.currency", e.code, e.message))
            .ok(),
    };
    let rate = match input.exchange_rate.as_deref() {
        None => Some(None),
        Some(raw) => ExchangeRate::parse(raw)
            .map(Some)
            .map_err(|e| errors.push("payment.exchange_rate", e.code(), e.to_string()))
            .ok(),
    };
    let (Some(currency), Some(rate)) = (currency, rate) else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let checked = check_payment(tranche.amount, currency, input.paid_minor, rate).map_err(|e| {
        let field = match e {
            grants_domain::finance::FinanceError::RateMissing { .. }
            | grants_domain::finance::FinanceError::RateNotNeeded(_) => "payment.exchange_rate",
            _ => "payment.paid_minor",
        };
        AppError::money(field)(e)
    })?;
    Ok(PaymentRecord {
        reference,
        value_date: input.value_date,
        paid: checked.paid,
        rate: checked.rate,
    })
}

steps::step_input!(TrancheTransitionInput);

/// What a tranche's guards and effects read around it.
#[derive(Debug)]
pub struct AroundTranche {
    grant: GrantRecord,
    programme: ProgrammeRecord,
    /// The keys of the grant's accepted reports.
    accepted_reports: Vec<String>,
}

impl AroundTranche {
    async fn read(c: &impl ConnectionTrait, grant: GrantRecord) -> AppResult<AroundTranche> {
        Ok(AroundTranche {
            programme: crate::programmes::load_programme(c, grant.programme_id).await?,
            accepted_reports: crate::reports::accepted_keys(c, grant.id).await?,
            grant,
        })
    }
}

impl Subject for TrancheRecord {
    const KIND: &'static str = SUBJECT;
    const TRANSITION: &'static str = "tranche.transition";
    const RELATIONS: &'static [&'static str] = grants::GRANT_RELATIONS;
    const GUARDS: &'static [&'static str] = &[
        "comment_given",
        "grant_running",
        "condition_met",
        "not_requester",
    ];
    const EFFECTS: &'static [&'static str] = &["record_disbursement", "release_commitment"];
    type Id = TrancheId;
    type Around = AroundTranche;
    type Input = TrancheTransitionInput;
    /// The payment a `pay` step records.
    type Extra = Option<PaymentRecord>;
    type View = TrancheView;

    steps::instance_fields!();

    async fn load(c: &impl ConnectionTrait, id: TrancheId) -> AppResult<Option<Self>> {
        Ok(store::find_tranche(c, id).await?)
    }

    async fn around(&self, c: &impl ConnectionTrait) -> AppResult<AroundTranche> {
        let grant = store::find_grant(c, self.grant_id)
            .await?
            .ok_or(AppError::NotFound("grant"))?;
        AroundTranche::read(c, grant).await
    }

    /// Those who see its grant.
    async fn may_see(
        &self,
        _: &impl ConnectionTrait,
        actor: &Actor,
        around: &AroundTranche,
    ) -> AppResult<bool> {
        Ok(grants::can_see(actor, &around.grant))
    }

    fn ledger(around: &AroundTranche) -> Option<grants_domain::ProgrammeId> {
        Some(around.programme.id)
    }

    fn second_factor_required(around: &AroundTranche) -> bool {
        around.programme.spec.second_factor_for_money
    }

    fn facts(&self, actor: &Actor, around: &AroundTranche) -> ActorFacts {
        grants::facts(actor, &around.grant)
    }

    fn guard(
        &self,
        around: &AroundTranche,
        step: &Step<'_>,
        _: Option<&Option<PaymentRecord>>,
        guard: &str,
    ) -> Result<(), Refusal> {
        let grant = &around.grant;
        match guard {
            "comment_given" => grants_domain::proposal::comment_given(step.comment),
            "grant_running" => {
                if [grant_names::ACTIVE, grant_names::REPORTING].contains(&grant.state.as_str()) {
                    Ok(())
                } else if grant.state == grant_names::AGREEMENT_PENDING {
                    Err(
                        Refusal::new("the grantee has not accepted the agreement yet")
                            .case("agreement_pending"),
                    )
                } else {
                    Err(grant_not_running(&grant.state))
                }
            }
            "condition_met" => condition_met(self, grant, &around.accepted_reports, step.now),
            "not_requester" => match self.requested {
                Some((by, _)) if Some(by) == step.actor_id() => {
                    Err("you requested this payment; another finance user must approve it".into())
                }
                _ => Ok(()),
            },
            other => Err(format!("the guard '{other}' is not implemented").into()),
        }
    }

    fn extra(
        &self,
        around: &AroundTranche,
        plan: &Plan,
        input: TrancheTransitionInput,
        now: DateTime<Utc>,
    ) -> AppResult<Option<PaymentRecord>> {
        if plan.to == names::PAID {
            let today = now
                .with_timezone(&around.programme.spec.time_zone)
                .date_naive();
            Ok(Some(payment(input.payment, self, today)?))
        } else if input.payment.is_some() {
            Err(ValidationErrors::single(
                "payment",
                "not_a_payment",
                format!("'{}' records no payment", plan.transition),
            )
            .into())
        } else {
            Ok(None)
        }
    }

    async fn write(
        tx: &impl ConnectionTrait,
        tranche: &Self,
        _: &AroundTranche,
        plan: &Plan,
        step: &Step<'_>,
        paid: &Option<PaymentRecord>,
    ) -> AppResult<()> {
        let change = match (plan.transition.as_str(), paid, step.actor_id()) {
            (_, Some(p), Some(by)) => TrancheChange::Paid(by, p.clone()),
            (names::REQUEST, _, Some(by)) => TrancheChange::Requested(by),
            (names::APPROVE, _, Some(by)) => TrancheChange::Approved(by),
            _ => TrancheChange::Commented(step.comment.map(str::to_owned)),
        };
        store::set_tranche_state(
            tx,
            tranche.id,
            tranche.revision,
            (&plan.from, &plan.to),
            change,
            step.now,
        )
        .await
        .map_err(AppError::from_store("tranche"))
    }

    fn details(
        &self,
        _: &Plan,
        payment: &Option<PaymentRecord>,
    ) -> serde_json::Map<String, serde_json::Value> {
        let serde_json::Value::Object(details) = serde_json::json!({
            "grant_id": self.grant_id,
            "tranche": self.key,
            "amount": self.amount,
            "payment": payment.as_ref().map(|p| serde_json::json!({
                "reference": p.reference,
                "value_date": p.value_date,
                "paid": p.paid,
                "exchange_rate": p.rate.to_string(),
            })),
        }) else {
            return serde_json::Map::new();
        };
        details
    }

    /// `tranche_paid` to the grantee; `tranche_requested` and
    /// `tranche_approved` to the finance users the payment now waits on,
    /// never to whoever took the step (the requester cannot approve).
    async fn notify(
        tx: &impl ConnectionTrait,
        app: &App,
        tranche: &Self,
        around: &AroundTranche,
        (_, step, payment): (&Plan, &Step<'_>, &Option<PaymentRecord>),
        event: &str,
        to: &[String],
        dedupe: &str,
    ) -> AppResult<()> {
        let grant = &around.grant;
        let proposal_title = grants::title_of(tx, grant).await?;
        let grant_url = || app.link(&format!("/app/grants/{}", grant.id));
        let actor_name = || step.actor.map_or_else(String::new, |a| a.name.clone());
        let (notification, leave_out) = match event {
            "tranche_paid" => {
                let Some(p) = payment else {
                    return Err(AppError::internal("tranche_paid without a payment"));
                };
                let paid = Notification::TranchePaid(grants_notify::TranchePaid {
                    proposal_title,
                    amount: p.paid,
                    paid_on: p.value_date,
                    payment_reference: p.reference.clone(),
                });
                (paid, None)
            }
            "tranche_requested" => {
                let requested = Notification::TrancheRequested(grants_notify::TrancheRequested {
                    proposal_title,
                    tranche_name: tranche.key.clone(),
                    amount: tranche.amount,
                    requested_by_name: actor_name(),
                    grant_url: grant_url(),
                });
                (requested, step.actor_id())
            }
            "tranche_approved" => {
                // `tranche` is as it was before this step: its request is recorded.
                let requested_by_name = match tranche.requested {
                    Some((by, _)) => crate::users::names(tx, [by])
                        .await?
                        .remove(&by)
                        .unwrap_or_default(),
                    None => String::new(),
                };
                let approved = Notification::TrancheApproved(grants_notify::TrancheApproved {
                    proposal_title,
                    tranche_name: tranche.key.clone(),
                    amount: tranche.amount,
                    requested_by_name,
                    approved_by_name: actor_name(),
                    grant_url: grant_url(),
                });
                (approved, step.actor_id())
            }
            other => {
                return Err(AppError::internal(format!(
                    "the email '{other}' cannot be sent about a tranche"
                )));
            }
        };
        let people = grants::recipients_but(tx, to, grant.grantee_id, leave_out).await?;
        grants::send(
            tx,
            app,
            (grants::SUBJECT, grant.id.uuid()),
            (&around.programme, &people),
            &notification,
            dedupe,
            step.now,
        )
        .await
    }

    async fn run(
        tx: &impl ConnectionTrait,
        _: &App,
        tranche: &Self,
        around: &AroundTranche,
        (_, step, payment): (&Plan, &Step<'_>, &Option<PaymentRecord>),
        name: &str,
    ) -> AppResult<()> {
        let grant = &around.grant;
        let title = grants::title_of(tx, grant).await?;
        let (kind, memo) = match name {
            "record_disbursement" => {
                let reference = payment.as_ref().map_or("", |p| p.reference.as_str());
                (
                    EntryKind::Disbursement,
                    format!("tranche '{}' of \"{title}\", ref. {reference}", tranche.key),
                )
            }
            "release_commitment" => (
                EntryKind::Release,
                format!(
                    "tranche '{}' of \"{title}\" cancelled: {}",
                    tranche.key,
                    step.comment.unwrap_or("")
                ),
            ),
            other => {
                return Err(AppError::internal(format!(
                    "the effect '{other}' is not implemented for tranches"
                )));
            }
        };
        let movement = Movement {
            grant,
            tranche: Some(tranche.id),
            kind,
            amount: tranche.amount,
            memo,
        };
        ledger::append(tx, &around.programme, movement, step.actor_id(), step.now).await
    }

    async fn after(
        tx: &impl ConnectionTrait,
        app: &App,
        _: &Self,
        around: &AroundTranche,
        plan: &Plan,
        step: &Step<'_>,
    ) -> AppResult<()> {
        if [names::PAID, names::CANCELLED].contains(&plan.to.as_str()) {
            // The last tranche settled may be all a grant with an accepted final report waited for.
            grants::close_when_done(tx, app, around.grant.id, step.now).await?;
        }
        Ok(())
    }

    async fn view(
        c: &impl ConnectionTrait,
        app: &App,
        _: &Actor,
        tranche: Self,
    ) -> AppResult<TrancheView> {
        view(c, app, tranche).await
    }
}

/// Cancels an open tranche as the system (a terminated grant), releasing
/// what it held, inside the caller's transaction.
pub(crate) async fn cancel_as_system(
    tx: &impl ConnectionTrait,
    app: &App,
    (grant, programme): (&GrantRecord, &ProgrammeRecord),
    tranche: &TrancheRecord,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let around = AroundTranche {
        grant: grant.clone(),
        programme: programme.clone(),
        accepted_reports: Vec::new(),
    };
    let step = Step {
        actor: None,
        comment: Some(reason),
        comment_shared: true,
        deadline: None,
        now,
    };
    steps::take_inside(tx, app, (tranche, &around), names::CANCEL, &step, &None)
        .await?
        .map(|_| ())
        .map_err(AppError::Blocked)
}
