//! The one workflow driver: listing a subject's steps, taking one, its
//! history and its timers, for every subject that moves through a workflow
//! (proposals, grants, reports, tranches).
//!
//! A subject says only what is its own through [`Subject`]: how to read it
//! (visibly to a person, or as the system), what its guards and effects read
//! around it, how its state is written, its emails and its special effects.
//! Everything else is here, once: the revision check, planning with the
//! pure engine, the conditional state change, the audit event, starting and
//! stopping timers, and firing them.
//!
//! A fifth subject is one file implementing [`Subject`] plus its YAML in
//! `workflows/`; its API routes and pages call [`transitions`], [`take`]
//! and [`history`] with it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::timers::{self, DueTimer, PendingTimer};
use grants_workflow::{ActorFacts, Definition, Effect, GuardCheck, Plan, ReasonKind, Refusal};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::AuditEventView;
use crate::second_factor;
use crate::{Actor, App, AppError, AppResult};

/// Why a transition is blocked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BlockedReasonView {
    /// `wrong_state`, `not_permitted`, `guard` or `unknown_transition`.
    pub kind: &'static str,
    /// The guard that failed.
    pub guard: Option<String>,
    /// What to tell the person, in English.
    pub message: String,
    /// The facts in the message, by name, to say it in another language:
    /// `workflow`, `transition`, and for a wrong state `step`, `state` and
    /// `state_label`, for a refused caller `step` and `allowed`; a guard its
    /// own, e.g. `case` (which refusal), `closes_at` (RFC 3339, local to the
    /// programme) and `time_zone`, `min` and `max`, `missing` (joined by ", ").
    pub args: BTreeMap<String, String>,
}

impl From<&grants_workflow::Reason> for BlockedReasonView {
    fn from(r: &grants_workflow::Reason) -> Self {
        Self {
            kind: match r.kind {
                ReasonKind::UnknownTransition => "unknown_transition",
                ReasonKind::WrongState => "wrong_state",
                ReasonKind::NotPermitted => "not_permitted",
                ReasonKind::Guard => "guard",
            },
            guard: r.guard.clone(),
            message: r.message.clone(),
            args: r.args.clone(),
        }
    }
}

/// A transition from the subject's current state, as offered to the caller.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransitionView {
    /// The transition's name, for `POST …/transitions/{name}`.
    pub name: String,
    /// What the button says.
    pub label: String,
    /// The state it leads to.
    pub to: String,
    /// Whether the caller may take it now.
    pub allowed: bool,
    /// Why not.
    pub blocked_by: Vec<BlockedReasonView>,
    /// It needs a comment (its guards ask for one): ask for it where it is taken.
    pub needs_comment: bool,
    /// It is taken through a form of its own rather than a button: a
    /// funding decision (with its letter and award) or a payment (with its
    /// reference and value date).
    pub form: Option<OwnForm>,
    /// It leads to a final state and cannot be undone (withdraw, terminate,
    /// cancel a payment): a page asks the person to confirm it first.
    pub irreversible: bool,
    /// Who reads the comment written with it.
    pub comment_readers: CommentReaders,
    /// The person may take it with a fresh code from their authenticator
    /// app (`POST /auth/step-up` first, or the code in the page's form):
    /// that is all that stands in the way.
    pub needs_second_factor: bool,
}

/// Who reads the comment a person writes with a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommentReaders {
    /// Everyone who may open the subject, its applicant too: the applicant
    /// took the step, or the step's email to them carries the comment.
    Everyone,
    /// The staff only (a screening remark), unless the person shares it
    /// with the applicant (`share_comment`).
    StaffUnlessShared,
}

impl CommentReaders {
    /// Who reads the comment on `transition` of `def` taken by someone with `facts`.
    fn of<S: Subject>(def: &Definition, transition: &str, facts: &ActorFacts) -> Self {
        let Some(applicant) = S::APPLICANT_KEEPS_OUT_OF_REMARKS else {
            return Self::Everyone;
        };
        let tells_applicant = def.transition(transition).is_some_and(|t| {
            t.effects.iter().any(|e| {
                matches!(&e.value, Effect::Notify { to, .. } if to.iter().any(|r| r == applicant))
            })
        });
        if tells_applicant || facts.names.contains(applicant) {
            Self::Everyone
        } else {
            Self::StaffUnlessShared
        }
    }
}

/// A step taken through a form of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OwnForm {
    /// A funding decision: the decision form, with its letter.
    Decision,
    /// A payment: its reference, value date and currency.
    Payment,
}

impl OwnForm {
    /// The form a transition of `def` is taken through, from its guards and effects.
    fn of(def: &Definition, transition: &str) -> Option<OwnForm> {
        let t = def.transition(transition)?;
        if t.guards.iter().any(|g| g.value == "decision_recorded") {
            Some(OwnForm::Decision)
        } else if t
            .effects
            .iter()
            .any(|e| matches!(&e.value, Effect::Run { name } if name == "record_disbursement"))
        {
            Some(OwnForm::Payment)
        } else {
            None
        }
    }
}

/// What a person sends with a step, whatever the subject.
pub trait StepInput: Send {
    /// Their reason, as typed (trimmed here).
    fn comment(&self) -> Option<&str>;
    /// The revision the step was based on, when sent in the body.
    fn revision(&self) -> Option<i64>;
    /// Whether a staff-only comment is shared with the applicant too.
    fn share_comment(&self) -> bool {
        false
    }
    /// When timers this step starts should fire instead of the workflow's delay.
    fn deadline(&self) -> Option<DateTime<Utc>> {
        None
    }
}

/// The [`StepInput`] of a request type with `comment` and `revision` fields.
macro_rules! step_input {
    ($input:ty) => {
        impl $crate::steps::StepInput for $input {
            fn comment(&self) -> Option<&str> {
                self.comment.as_deref()
            }

            fn revision(&self) -> Option<i64> {
                self.revision
            }
        }
    };
}
pub(crate) use step_input;

/// The [`Subject`] accessors of a record with the fields every workflow
/// instance has: `id`, `workflow`, `workflow_version`, `state`, `revision`.
macro_rules! instance_fields {
    () => {
        fn uuid(id: Self::Id) -> uuid::Uuid {
            id.uuid()
        }

        fn id(&self) -> uuid::Uuid {
            self.id.uuid()
        }

        fn pinned(&self) -> (&str, u32) {
            (&self.workflow, self.workflow_version)
        }

        fn state(&self) -> &str {
            &self.state
        }

        fn revision(&self) -> i64 {
            self.revision
        }
    };
}
pub(crate) use instance_fields;

/// Who takes a step, why and when: the parts of a step that are not the plan.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// The person; `None` for the system.
    pub actor: Option<&'a Actor>,
    /// Their reason, if given.
    pub comment: Option<&'a str>,
    /// Whether the subject's applicant reads the comment (see [`CommentReaders`]).
    pub comment_shared: bool,
    /// A deadline replacing the workflow's default for timers this step starts.
    pub deadline: Option<DateTime<Utc>>,
    /// When it happens.
    pub now: DateTime<Utc>,
}

impl Step<'_> {
    /// The acting person's id; `None` for the system.
    pub fn actor_id(&self) -> Option<grants_domain::UserId> {
        self.actor.map(|a| a.id)
    }
}

/// A thing that moves through a workflow. Implemented by proposals,
/// grants, reports and tranches; the driver's functions do the rest.
#[expect(
    async_fn_in_trait,
    reason = "implemented and called within the workspace, on concrete types whose futures are Send"
)]
pub trait Subject: Sized + Send + Sync {
    /// Its name in the audit trail and on timers, e.g. `proposal`.
    const KIND: &'static str;
    /// The audit trail's action for its steps, e.g. `proposal.transition`.
    const TRANSITION: &'static str;
    /// The relations an actor can have to it, which its workflow may name in `by`.
    const RELATIONS: &'static [&'static str];
    /// The guards its code implements ([`Subject::guard`]).
    const GUARDS: &'static [&'static str];
    /// The `run` effects its code implements ([`Subject::run`]).
    const EFFECTS: &'static [&'static str] = &[];
    /// The relation of the person it is about, where its staff write
    /// remarks that person does not read unless shared ([`CommentReaders`]);
    /// `None` where everyone who opens it reads every comment.
    const APPLICANT_KEEPS_OUT_OF_REMARKS: Option<&'static str> = None;
    /// Its id.
    type Id: Copy + Send + Sync;
    /// What its guards and effects read around it (its programme, its
    /// grant, …), read once per step.
    type Around: Send + Sync;
    /// What a person sends with a step.
    type Input: StepInput;
    /// What a step carries besides the plan (a payment, a decision's award),
    /// checked once the plan is known; `Default` when a step carries nothing.
    type Extra: Send + Sync + Default;
    /// How it is shown after a step.
    type View: Send;

    /// The id's UUID.
    fn uuid(id: Self::Id) -> Uuid;
    /// Its UUID.
    fn id(&self) -> Uuid;
    /// The workflow and the version it is pinned to.
    fn pinned(&self) -> (&str, u32);
    /// Its state.
    fn state(&self) -> &str;
    /// Its revision, for optimistic concurrency.
    fn revision(&self) -> i64;

    /// It, as the system reads it; `None` when there is no such thing.
    async fn load(c: &impl ConnectionTrait, id: Self::Id) -> AppResult<Option<Self>>;
    /// What its guards and effects read around it.
    async fn around(&self, c: &impl ConnectionTrait) -> AppResult<Self::Around>;
    /// It and what is around it (a subject may read both at once).
    async fn find(
        c: &impl ConnectionTrait,
        id: Self::Id,
    ) -> AppResult<Option<(Self, Self::Around)>> {
        match Self::load(c, id).await? {
            Some(subject) => {
                let around = subject.around(c).await?;
                Ok(Some((subject, around)))
            }
            None => Ok(None),
        }
    }
    /// Whether `actor` may see it: who may not gets a 404, as if it did not exist.
    async fn may_see(
        &self,
        c: &impl ConnectionTrait,
        actor: &Actor,
        around: &Self::Around,
    ) -> AppResult<bool>;
    /// The programme whose ledger a person's step locks before planning
    /// (steps that move money, or may close a grant); `None` for none.
    fn ledger(_around: &Self::Around) -> Option<grants_domain::ProgrammeId> {
        None
    }
    /// Whether its programme makes two-step sign-in a must for the steps
    /// that need a fresh second factor, even from people who have none.
    fn second_factor_required(_around: &Self::Around) -> bool {
        false
    }

    /// The roles and relations `actor` holds for it.
    fn facts(&self, actor: &Actor, around: &Self::Around) -> ActorFacts;
    /// Whether `actor`, who sees it, reads its staff's remarks that were not
    /// shared with the applicant.
    fn reads_staff_remarks(&self, _actor: &Actor, _around: &Self::Around) -> bool {
        true
    }
    /// Checks `guard` over it as it is now; `extra` is what an inside
    /// caller brings to the step (`None` while a person's step is planned).
    fn guard(
        &self,
        around: &Self::Around,
        step: &Step<'_>,
        extra: Option<&Self::Extra>,
        guard: &str,
    ) -> Result<(), Refusal>;
    /// What a person's step carries besides the plan, from their input.
    fn extra(
        &self,
        _around: &Self::Around,
        _plan: &Plan,
        _input: Self::Input,
        _now: DateTime<Utc>,
    ) -> AppResult<Self::Extra> {
        Ok(Self::Extra::default())
    }

    /// Writes the new state, if it is still at the revision read (a 409 otherwise).
    async fn write(
        tx: &impl ConnectionTrait,
        subject: &Self,
        around: &Self::Around,
        plan: &Plan,
        step: &Step<'_>,
        extra: &Self::Extra,
    ) -> AppResult<()>;
    /// What the audit event records besides the step's own facts.
    fn details(
        &self,
        _plan: &Plan,
        _extra: &Self::Extra,
    ) -> serde_json::Map<String, serde_json::Value> {
        serde_json::Map::new()
    }
    /// The emails of a `notify` effect, queued with `dedupe` (the step's event).
    #[expect(
        clippy::too_many_arguments,
        reason = "the step, its effect and where it stands"
    )]
    async fn notify(
        tx: &impl ConnectionTrait,
        app: &App,
        subject: &Self,
        around: &Self::Around,
        taken: (&Plan, &Step<'_>, &Self::Extra),
        event: &str,
        to: &[String],
        dedupe: &str,
    ) -> AppResult<()>;
    /// A `run` effect of its own; unknown names are an error.
    async fn run(
        _tx: &impl ConnectionTrait,
        _app: &App,
        _subject: &Self,
        _around: &Self::Around,
        (_plan, _step, _extra): (&Plan, &Step<'_>, &Self::Extra),
        name: &str,
    ) -> AppResult<()> {
        Err(AppError::internal(format!(
            "the effect '{name}' is not implemented for {}",
            Self::KIND
        )))
    }
    /// What follows a step once its effects are written (a settled tranche
    /// may close its grant).
    async fn after(
        _tx: &impl ConnectionTrait,
        _app: &App,
        _subject: &Self,
        _around: &Self::Around,
        _plan: &Plan,
        _step: &Step<'_>,
    ) -> AppResult<()> {
        Ok(())
    }
    /// It as `actor` sees it.
    async fn view(
        c: &impl ConnectionTrait,
        app: &App,
        actor: &Actor,
        subject: Self,
    ) -> AppResult<Self::View>;
    /// It as `actor` sees it after a step: read again, as the step's
    /// effects may have moved it further; a subject that knows what the
    /// step wrote may build it without reading.
    async fn view_after(
        c: &impl ConnectionTrait,
        app: &App,
        actor: &Actor,
        id: Self::Id,
        _moved: Moved<'_, Self>,
    ) -> AppResult<Self::View> {
        let subject = Self::load(c, id)
            .await?
            .ok_or(AppError::NotFound(Self::KIND))?;
        Self::view(c, app, actor, subject).await
    }
}

/// What the workflow validator must know of a subject: the workflow it
/// runs and the names its code implements.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// The workflow, which is also the subject's name.
    pub workflow: &'static str,
    /// Relations an actor can have to it.
    pub relations: &'static [&'static str],
    /// Guards implemented.
    pub guards: &'static [&'static str],
    /// Effects implemented.
    pub effects: &'static [&'static str],
}

impl Kind {
    /// The kind of subject `S`.
    pub const fn of<S: Subject>() -> Kind {
        Kind {
            workflow: S::KIND,
            relations: S::RELATIONS,
            guards: S::GUARDS,
            effects: S::EFFECTS,
        }
    }
}

/// A subject as a step left it, for [`Subject::view_after`].
#[derive(Debug)]
pub struct Moved<'a, S> {
    /// It before the step.
    pub before: S,
    /// The plan applied.
    pub plan: &'a Plan,
    /// When.
    pub now: DateTime<Utc>,
    /// Its running timers, when the step started or stopped one.
    pub running: Running,
}

/// A subject's running timers as a step's effects left them, when the step
/// started or stopped one (it read them once, so the answer need not);
/// `None` when it touched none.
pub type Running = Option<Vec<PendingTimer>>;

/// A subject and what is around it, if `actor` may see it; a 404 otherwise.
pub(crate) async fn visible<S: Subject>(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: S::Id,
) -> AppResult<(S, S::Around)> {
    match S::find(c, id).await? {
        Some((subject, around)) if subject.may_see(c, actor, &around).await? => {
            Ok((subject, around))
        }
        _ => Err(AppError::NotFound(S::KIND)),
    }
}

/// The definition `subject` is pinned to.
pub(crate) async fn definition<S: Subject>(
    app: &App,
    subject: &S,
) -> AppResult<std::sync::Arc<Definition>> {
    let (name, version) = subject.pinned();
    app.workflows.load(&app.store, name, version).await
}

/// A subject's guards over one step, as the engine asks them.
struct Guards<'a, S: Subject> {
    subject: &'a S,
    around: &'a S::Around,
    step: &'a Step<'a>,
    extra: Option<&'a S::Extra>,
}

impl<S: Subject> GuardCheck for Guards<'_, S> {
    fn check(&self, guard: &str) -> Result<(), Refusal> {
        // Every subject's: whether the person proved their second factor lately.
        if guard == second_factor::FRESH_GUARD {
            let Some(actor) = self.step.actor else {
                return Ok(());
            };
            let required = S::second_factor_required(self.around);
            return actor
                .second_factor
                .fresh_at(self.step.now, required)
                .map_err(|case| {
                    let message = match case {
                        "enrol" => {
                            "this step needs two-step sign-in, which your account does not have yet"
                        }
                        _ => "confirm with a fresh code from your authenticator app",
                    };
                    Refusal::new(message).case(case)
                });
        }
        self.subject
            .guard(self.around, self.step, self.extra, guard)
    }
}

/// Every transition from the subject's state, with whether `actor` may take it and why not.
pub async fn transitions<S: Subject>(
    app: &App,
    actor: &Actor,
    id: S::Id,
) -> AppResult<Vec<TransitionView>> {
    let c = app.store.conn();
    let (subject, around) = visible::<S>(c, actor, id).await?;
    options(app, actor, &subject, &around).await
}

/// The transitions of a subject already read, for a page that shows it.
pub(crate) async fn options<S: Subject>(
    app: &App,
    actor: &Actor,
    subject: &S,
    around: &S::Around,
) -> AppResult<Vec<TransitionView>> {
    let def = definition(app, subject).await?;
    let step = Step {
        actor: Some(actor),
        // The comment is not known before the request; do not block on it here.
        comment: Some("-"),
        comment_shared: false,
        deadline: None,
        now: app.now(),
    };
    let guards = Guards {
        subject,
        around,
        step: &step,
        extra: None,
    };
    let facts = subject.facts(actor, around);
    let options = grants_workflow::options(&def, subject.state(), &facts, &guards);
    Ok(options
        .into_iter()
        .map(|o| TransitionView {
            needs_comment: def
                .transition(&o.name)
                .is_some_and(|t| t.guards.iter().any(|g| g.value == "comment_given")),
            form: OwnForm::of(&def, &o.name),
            irreversible: OwnForm::of(&def, &o.name).is_none()
                && def.state(&o.to).is_some_and(|s| s.is_final),
            comment_readers: CommentReaders::of::<S>(&def, &o.name, &facts),
            name: o.name,
            label: o.label,
            to: o.to,
            allowed: o.allowed,
            needs_second_factor: !o.allowed
                && !o.blocked_by.is_empty()
                && o.blocked_by.iter().all(|r| {
                    r.guard.as_deref() == Some(second_factor::FRESH_GUARD)
                        && r.args.get("case").map(String::as_str) == Some("step_up")
                }),
            blocked_by: o.blocked_by.iter().map(BlockedReasonView::from).collect(),
        })
        .collect())
}

/// Takes transition `name` as `actor`: checked, applied and recorded in
/// one database transaction, or not at all.
#[tracing::instrument(skip_all, fields(actor = %actor.id, subject = S::KIND, transition = name))]
pub async fn take<S: Subject>(
    app: &App,
    actor: &Actor,
    id: S::Id,
    name: &str,
    input: S::Input,
    if_match: Option<i64>,
) -> AppResult<S::View> {
    let tx = app.store.begin().await?;
    let (subject, around) = visible::<S>(&tx, actor, id).await?;
    crate::error::expect_revision(if_match, input.revision(), S::KIND, subject.revision())?;
    let around = match S::ledger(&around) {
        Some(programme) => {
            crate::ledger::lock(&tx, programme).await?;
            // Another step may have changed what is around it while this one waited.
            subject.around(&tx).await?
        }
        None => around,
    };
    let def = definition(app, &subject).await?;
    let now = app.now();
    let comment = input
        .comment()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    let facts = subject.facts(actor, &around);
    let step = Step {
        actor: Some(actor),
        comment: comment.as_deref(),
        comment_shared: CommentReaders::of::<S>(&def, name, &facts) == CommentReaders::Everyone
            || input.share_comment(),
        deadline: input.deadline(),
        now,
    };
    let guards = Guards {
        subject: &subject,
        around: &around,
        step: &step,
        extra: None,
    };
    let plan = grants_workflow::plan(&def, subject.state(), name, &facts, &guards)
        .map_err(AppError::Blocked)?;
    if let Some(deadline) = step.deadline {
        check_deadline(&plan, deadline, now)?;
    }
    let extra = subject.extra(&around, &plan, input, now)?;
    let running = apply(&tx, app, (&subject, &around), &plan, &step, &extra).await?;
    S::after(&tx, app, &subject, &around, &plan, &step).await?;
    let moved = Moved {
        before: subject,
        plan: &plan,
        now,
        running,
    };
    let shown = S::view_after(&tx, app, actor, id, moved).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(from = %plan.from, to = %plan.to, "{} moved", S::KIND);
    Ok(shown)
}

/// A deadline is for a step that starts one, and lies ahead.
fn check_deadline(plan: &Plan, deadline: DateTime<Utc>, now: DateTime<Utc>) -> AppResult<()> {
    use grants_domain::ValidationErrors;
    if !plan
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Timer { .. }))
    {
        return Err(ValidationErrors::single(
            "deadline",
            "no_deadline",
            format!("'{}' sets no deadline", plan.transition),
        )
        .into());
    }
    if deadline <= now {
        return Err(ValidationErrors::single(
            "deadline",
            "in_the_past",
            "the deadline must be in the future",
        )
        .into());
    }
    Ok(())
}

/// Plans `name` on a subject inside the caller's transaction, as `step`'s
/// actor (or the system), and applies it if the workflow allows it now;
/// the blocked plan is returned for the caller to judge.
pub(crate) async fn take_inside<S: Subject>(
    tx: &impl ConnectionTrait,
    app: &App,
    (subject, around): (&S, &S::Around),
    name: &str,
    step: &Step<'_>,
    extra: &S::Extra,
) -> AppResult<Result<(Plan, Running), grants_workflow::Blocked>> {
    let def = definition(app, subject).await?;
    let guards = Guards {
        subject,
        around,
        step,
        extra: Some(extra),
    };
    let facts = step
        .actor
        .map_or_else(ActorFacts::system, |a| subject.facts(a, around));
    let plan = match grants_workflow::plan(&def, subject.state(), name, &facts, &guards) {
        Ok(plan) => plan,
        Err(blocked) => return Ok(Err(blocked)),
    };
    let running = apply(tx, app, (subject, around), &plan, step, extra).await?;
    Ok(Ok((plan, running)))
}

/// Applies a plan inside the caller's transaction: the conditional state
/// change, one audit event, and every effect (emails, timers, the
/// subject's own). Returns the running timers when it touched them.
pub(crate) async fn apply<S: Subject>(
    tx: &impl ConnectionTrait,
    app: &App,
    (subject, around): (&S, &S::Around),
    plan: &Plan,
    step: &Step<'_>,
    extra: &S::Extra,
) -> AppResult<Running> {
    S::write(tx, subject, around, plan, step, extra).await?;
    let (workflow, version) = subject.pinned();
    let mut details = serde_json::Map::from_iter([
        ("transition".to_owned(), plan.transition.clone().into()),
        ("from".to_owned(), plan.from.clone().into()),
        ("to".to_owned(), plan.to.clone().into()),
        ("comment".to_owned(), step.comment.into()),
        ("comment_shared".to_owned(), step.comment_shared.into()),
        ("workflow".to_owned(), workflow.into()),
        ("version".to_owned(), version.into()),
    ]);
    details.extend(subject.details(plan, extra));
    let event_id = audit::record(
        tx,
        AuditEntry {
            actor: step.actor_id(),
            action: S::TRANSITION,
            subject_type: S::KIND,
            subject_id: subject.id(),
            details: serde_json::Value::Object(details),
        },
        step.now,
    )
    .await?;
    let dedupe = event_id.to_string();
    let id = subject.id();
    let mut running: Running = None;
    for effect in &plan.effects {
        match effect {
            Effect::Notify { event, to } => {
                S::notify(
                    tx,
                    app,
                    subject,
                    around,
                    (plan, step, extra),
                    event,
                    to,
                    &dedupe,
                )
                .await?;
            }
            Effect::Timer { kind, after, fire } => {
                let after = chrono::Duration::from_std(*after)
                    .map_err(|e| AppError::internal(format!("timer {kind} is too long: {e}")))?;
                let fire_at = step.deadline.unwrap_or(step.now + after);
                let running = running.get_or_insert(timers::pending(tx, S::KIND, id).await?);
                stop_running(tx, S::KIND, running, id, kind, step.now).await?;
                timers::insert(tx, S::KIND, id, kind, fire, fire_at, step.now).await?;
                running.push(PendingTimer {
                    kind: kind.clone(),
                    transition: fire.clone(),
                    fire_at,
                });
                running.sort_by_key(|t| t.fire_at);
            }
            Effect::CancelTimer { kind } => {
                let running = running.get_or_insert(timers::pending(tx, S::KIND, id).await?);
                stop_running(tx, S::KIND, running, id, kind, step.now).await?;
            }
            Effect::Run { name } => {
                S::run(tx, app, subject, around, (plan, step, extra), name).await?;
            }
        }
    }
    Ok(running)
}

/// When a deadline this plan starts passes, for the emails that announce it.
pub(crate) fn timer_due(plan: &Plan, step: &Step<'_>) -> Option<DateTime<Utc>> {
    plan.effects.iter().find_map(|e| match e {
        Effect::Timer { after, .. } => {
            Some(step.deadline.unwrap_or_else(|| {
                step.now + chrono::Duration::from_std(*after).unwrap_or_default()
            }))
        }
        _ => None,
    })
}

/// Cancels the running timer of `kind`, if `running` holds one: a kind not
/// running costs no statement.
async fn stop_running(
    tx: &impl ConnectionTrait,
    subject_type: &str,
    running: &mut Vec<PendingTimer>,
    id: Uuid,
    kind: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if running.iter().any(|t| t.kind == kind) {
        timers::cancel(tx, subject_type, id, kind, now).await?;
        running.retain(|t| t.kind != kind);
    }
    Ok(())
}

/// The subject's history: every recorded event, oldest first.
pub async fn history<S: Subject>(
    app: &App,
    actor: &Actor,
    id: S::Id,
) -> AppResult<Vec<AuditEventView>> {
    let c = app.store.conn();
    let (subject, around) = visible::<S>(c, actor, id).await?;
    let mut history: Vec<AuditEventView> = audit::history(c, S::KIND, S::uuid(id))
        .await?
        .into_iter()
        .map(AuditEventView::from)
        .collect();
    if !subject.reads_staff_remarks(actor, &around) {
        keep_out_staff_remarks(&mut history);
    }
    Ok(history)
}

/// Takes out of a history the staff's remarks not shared with the applicant
/// (events recorded before remarks could be kept apart were all shared).
pub(crate) fn keep_out_staff_remarks(history: &mut [AuditEventView]) {
    for event in history {
        if let Some(details) = event.details.as_object_mut()
            && details.get("comment_shared") == Some(&serde_json::Value::Bool(false))
        {
            details.insert("comment".into(), serde_json::Value::Null);
        }
    }
}

/// Fires a claimed timer on a subject: takes its transition as the system
/// if the workflow still allows it, and marks the timer done, in one
/// transaction. Returns what happened.
pub(crate) async fn fire_timer<S: Subject>(
    app: &App,
    owner: &str,
    timer: &DueTimer,
    id: S::Id,
) -> AppResult<String> {
    let tx = app.store.begin().await?;
    let now = app.now();
    let outcome = match S::find(&tx, id).await? {
        None => format!("skipped: the {} no longer exists", S::KIND),
        Some((subject, around)) => {
            let comment = format!("the {} deadline passed", timer.kind.replace('_', " "));
            let step = Step {
                actor: None,
                comment: Some(&comment),
                comment_shared: true,
                deadline: None,
                now,
            };
            let taken = take_inside(
                &tx,
                app,
                (&subject, &around),
                &timer.transition,
                &step,
                &S::Extra::default(),
            )
            .await?;
            match taken {
                Ok((plan, _)) => format!("transitioned: {} → {}", plan.from, plan.to),
                Err(blocked) => format!("skipped: {blocked}"),
            }
        }
    };
    if !timers::complete(&tx, timer.id, owner, &outcome, now).await? {
        // Our lease ran out and another instance has it: leave it to them.
        return Ok("lease lost".into());
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(outcome)
}
