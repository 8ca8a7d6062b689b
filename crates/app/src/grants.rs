//! Grants: what a funded decision creates, the agreement the grantee
//! accepts, and the grant's life through `workflows/grant.yaml`.
//!
//! Who sees a grant: its grantee, and finance, programme managers and
//! administrators. Everyone else gets a 404.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Months, Utc};
use grants_domain::finance::split_award;
use grants_domain::{GrantId, Money, ProgrammeId, ProposalId, Role, TrancheId, UserId};
use grants_notify::{AgreedReport, AgreedTranche, AgreementTerms, Letter, Notification};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::grants::{self as store, GrantChange, GrantFilter, GrantRecord, TrancheRecord};
use grants_store::ledger::EntryKind;
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals::ProposalRecord;
use grants_store::users::{self as user_store, UserRecord};
use grants_workflow::{ActorFacts, Plan, Refusal};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::AuditEventView;
use crate::ledger::{self, Book, Movement, OPEN_TRANCHES};
use crate::names::grant as names;
use crate::steps::{self, Step, Subject};
use crate::tranches::{self, TrancheView};
use crate::{Actor, App, AppError, AppResult, Page, PageRequest};

/// The workflow grants follow.
pub const WORKFLOW: &str = "grant";

/// A grant, as the workflow driver ([`crate::steps`]) takes it.
pub type Grant = GrantRecord;
/// The audit trail's name for grants.
pub(crate) const SUBJECT: &str = "grant";
/// Roles that see every grant.
pub const GRANT_READERS: &[Role] = &[Role::Finance, Role::ProgrammeManager, Role::Admin];

/// A grant as its readers see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GrantView {
    /// The grant's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: GrantId,
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The funded proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// The grantee.
    #[schema(value_type = String, format = Uuid)]
    pub grantee_id: UserId,
    /// The proposal's country.
    pub country: String,
    /// The award.
    pub award: Money,
    /// Its workflow state.
    pub state: String,
    /// The state's label.
    pub state_label: String,
    /// For optimistic concurrency.
    pub revision: i64,
    /// The agreement's language.
    pub agreement_locale: String,
    /// The agreement's text.
    pub agreement_text: String,
    /// When the grantee accepted it.
    pub agreement_accepted_at: Option<DateTime<Utc>>,
    /// When the grant started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it was closed or terminated.
    pub ended_at: Option<DateTime<Utc>>,
    /// Why it was terminated.
    pub end_reason: Option<String>,
    /// Promised and not released.
    pub committed: Money,
    /// Paid so far.
    pub disbursed: Money,
    /// Promised and not yet paid.
    pub outstanding: Money,
    /// The payments, in order.
    pub tranches: Vec<TrancheView>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// Filters for listing grants.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GrantListFilter {
    /// Only this programme.
    pub programme_id: Option<Uuid>,
    /// Only this state.
    pub state: Option<String>,
}

/// Taking a grant transition.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantTransitionInput {
    /// Why: required to terminate.
    pub comment: Option<String>,
    /// The revision acted on (or send it in If-Match).
    pub revision: Option<i64>,
}

/// Relations an actor can have to a grant and its tranches and reports.
pub(crate) const GRANT_RELATIONS: &[&str] = &["grantee"];

pub(crate) fn can_see(actor: &Actor, grant: &GrantRecord) -> bool {
    actor.id == grant.grantee_id
        || actor.member_of_grant(grant.id).is_some()
        || actor.has_any(GRANT_READERS)
}

/// The roles and relations the actor holds for a grant (and its tranches).
pub(crate) fn facts(actor: &Actor, grant: &GrantRecord) -> ActorFacts {
    let mut names: Vec<String> = actor
        .roles
        .iter()
        .map(|g| g.role().as_str().to_owned())
        .collect();
    if actor.id == grant.grantee_id {
        names.push("grantee".into());
    }
    ActorFacts::new(names)
}

/// The grant, if the actor may see it; a 404 otherwise.
pub(crate) async fn load_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: GrantId,
) -> AppResult<GrantRecord> {
    store::find_grant(c, id)
        .await?
        .filter(|g| can_see(actor, g))
        .ok_or(AppError::NotFound("grant"))
}

/// The people a grant or tranche email goes to: `grantee`, or every
/// active holder of a role. Each person once.
pub(crate) async fn recipients(
    c: &impl ConnectionTrait,
    to: &[String],
    grantee: UserId,
) -> AppResult<Vec<UserRecord>> {
    recipients_but(c, to, grantee, None).await
}

/// As [`recipients`], leaving out `actor`: whoever took a step is not the
/// one it now waits on (the requester of a payment cannot approve it).
pub(crate) async fn recipients_but(
    c: &impl ConnectionTrait,
    to: &[String],
    grantee: UserId,
    actor: Option<UserId>,
) -> AppResult<Vec<UserRecord>> {
    let mut people = crate::mail::recipients(c, to, ("grantee", grantee), &[], |_, _| true).await?;
    people.retain(|person| Some(person.id) != actor);
    Ok(people)
}

/// Queues `notification` about the grant for each recipient.
pub(crate) async fn send(
    tx: &impl ConnectionTrait,
    app: &App,
    (subject, subject_id): (&str, Uuid),
    (programme, people): (&ProgrammeRecord, &[UserRecord]),
    notification: &Notification,
    dedupe: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let letters = people
        .iter()
        .map(|person| {
            let letter = Letter {
                envelope: crate::proposals::envelope(person, programme),
                notification: notification.clone(),
            };
            let key = format!("{}:{dedupe}:{}", notification.event(), person.id);
            (person, letter, key)
        })
        .collect();
    crate::mail::enqueue_all(tx, app, (subject, subject_id), letters, now).await
}

/// Creates the grant of a funded proposal inside the decision's
/// transaction: the agreement in the grantee's language, the tranches split
/// from the programme's template, the commitment on the ledger (refused if
/// the budget cannot take it), and the "agreement ready" email.
pub(crate) async fn create_for_decision(
    tx: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    (proposal, programme): (&ProposalRecord, &ProgrammeRecord),
    award: Money,
    now: DateTime<Utc>,
) -> AppResult<GrantRecord> {
    let spec = &programme.spec;
    let country = proposal
        .content
        .country
        .ok_or_else(|| AppError::internal("a funded proposal has no country"))?;
    let grantee = user_store::find(tx, proposal.owner_id)
        .await?
        .ok_or_else(|| AppError::internal("the applicant's account is gone"))?;
    let percents: Vec<u8> = spec.tranche_template.iter().map(|t| t.percent).collect();
    let amounts = if percents.is_empty() {
        vec![award]
    } else {
        split_award(award, &percents).map_err(AppError::money("award"))?
    };
    let template: Vec<(String, u8, grants_domain::programme::TrancheCondition)> =
        if spec.tranche_template.is_empty() {
            vec![(
                "award".into(),
                100,
                grants_domain::programme::TrancheCondition::AgreementSigned,
            )]
        } else {
            spec.tranche_template
                .iter()
                .map(|t| (t.key.clone(), t.percent, t.condition.clone()))
                .collect()
        };
    let title = proposal.content.title.clone().unwrap_or_default();
    let today = now.with_timezone(&spec.time_zone).date_naive();
    let terms = AgreementTerms {
        programme_title: spec
            .title
            .get(&grantee.locale)
            .or_else(|| spec.title.get(&spec.default_locale))
            .cloned()
            .unwrap_or_else(|| spec.code.clone()),
        grantee_name: grantee.name.to_string(),
        organisation: proposal.content.organisation.clone(),
        proposal_title: title.clone(),
        award,
        tranches: template
            .iter()
            .zip(&amounts)
            .map(|((_, percent, condition), amount)| AgreedTranche {
                amount: *amount,
                percent: *percent,
                condition: condition.clone(),
            })
            .collect(),
        reports: spec
            .reporting_schedule
            .iter()
            .map(|r| AgreedReport {
                key: r.key.clone(),
                kind: r.kind,
                months_after_start: r.months_after_start,
                due_on: today.checked_add_months(Months::new(u32::from(r.months_after_start))),
            })
            .collect(),
        prepared_on: today,
    };
    let (agreement_locale, agreement_text) =
        grants_notify::render_agreement(grantee.locale, spec.time_zone, &terms)
            .map_err(|e| AppError::internal(format!("the agreement cannot be rendered: {e}")))?;
    let grant_def = app
        .workflows
        .current(WORKFLOW)
        .ok_or_else(|| AppError::internal("the grant workflow is not loaded"))?;
    let tranche_def = app
        .workflows
        .current(tranches::WORKFLOW)
        .ok_or_else(|| AppError::internal("the tranche workflow is not loaded"))?;
    let grant = GrantRecord {
        id: GrantId::new(),
        programme_id: programme.id,
        proposal_id: proposal.id,
        grantee_id: proposal.owner_id,
        country,
        region: proposal.content.region.clone(),
        award,
        state: grant_def.initial.value.clone(),
        workflow: grant_def.name.value.clone(),
        workflow_version: grant_def.version.value,
        revision: 0,
        agreement_locale,
        agreement_text,
        agreement_accepted_at: None,
        started_at: None,
        ended_at: None,
        end_reason: None,
        created_at: now,
        updated_at: now,
    };
    store::insert_grant(tx, &grant)
        .await
        .map_err(AppError::from_store("grant"))?;
    let tranche_rows: Vec<TrancheRecord> = template
        .into_iter()
        .zip(amounts)
        .enumerate()
        .map(|(i, ((key, percent, condition), amount))| TrancheRecord {
            id: TrancheId::new(),
            grant_id: grant.id,
            position: u16::try_from(i + 1).unwrap_or(u16::MAX),
            key,
            percent,
            amount,
            condition,
            state: tranche_def.initial.value.clone(),
            workflow: tranche_def.name.value.clone(),
            workflow_version: tranche_def.version.value,
            revision: 0,
            requested: None,
            approved: None,
            paid: None,
            payment: None,
            comment: None,
            created_at: now,
            updated_at: now,
        })
        .collect();
    store::insert_tranches(tx, &tranche_rows).await?;
    ledger::append(
        tx,
        programme,
        Movement {
            grant: &grant,
            tranche: None,
            kind: EntryKind::Commitment,
            amount: award,
            memo: format!("award to \"{title}\""),
        },
        Some(actor.id),
        now,
    )
    .await?;
    audit::record(
        tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "grant.created",
            subject_type: SUBJECT,
            subject_id: grant.id.uuid(),
            details: serde_json::json!({
                "proposal_id": proposal.id,
                "award": award,
                "tranches": tranche_rows.iter().map(|t| serde_json::json!({"key": t.key, "amount": t.amount})).collect::<Vec<_>>(),
            }),
        },
        now,
    )
    .await?;
    let notification = Notification::AgreementReady(grants_notify::AgreementReady {
        proposal_title: title,
        award,
        agreement_url: app.link(&format!("/app/grants/{}", grant.id)),
    });
    send(
        tx,
        app,
        (SUBJECT, grant.id.uuid()),
        (programme, &[grantee]),
        &notification,
        &grant.id.to_string(),
        now,
    )
    .await?;
    Ok(grant)
}

/// The grant as its readers see it.
async fn view(c: &impl ConnectionTrait, app: &App, grant: GrantRecord) -> AppResult<GrantView> {
    let mut shown = Shown::read(c, std::slice::from_ref(&grant)).await?;
    view_with(c, app, grant, &mut shown).await
}

/// What showing grants takes besides the grants, read once for a whole
/// page however many grants it holds: their titles, their tranches with the
/// names of who acted on them, and each programme's ledger sums.
struct Shown {
    titles: HashMap<ProposalId, String>,
    tranches: HashMap<GrantId, Vec<TrancheRecord>>,
    names: HashMap<UserId, String>,
    books: HashMap<ProgrammeId, Book>,
}

impl Shown {
    async fn read(c: &impl ConnectionTrait, grants: &[GrantRecord]) -> AppResult<Shown> {
        let proposals: Vec<ProposalId> = grants.iter().map(|g| g.proposal_id).collect();
        let titles = grants_store::proposals::titles(c, &proposals).await?;
        let ids: Vec<GrantId> = grants.iter().map(|g| g.id).collect();
        let all = store::tranches_of_grants(c, &ids).await?;
        let names = crate::users::names(c, all.iter().flat_map(tranches::actors)).await?;
        let mut tranches: HashMap<GrantId, Vec<TrancheRecord>> = HashMap::new();
        for t in all {
            tranches.entry(t.grant_id).or_default().push(t);
        }
        // Every programme on the page and its ledger sums, each in one query
        // however many programmes the grants come from.
        let mut programmes: Vec<ProgrammeId> = grants.iter().map(|g| g.programme_id).collect();
        programmes.sort_unstable();
        programmes.dedup();
        let mut sums = grants_store::ledger::sums_in(c, &programmes).await?;
        let books = grants_store::programmes::find_many(c, &programmes)
            .await?
            .into_iter()
            .map(|p| {
                let book = Book::of(&p, sums.remove(&p.id).unwrap_or_default());
                (p.id, book)
            })
            .collect();
        Ok(Shown {
            titles,
            tranches,
            names,
            books,
        })
    }
}

/// The grant's view from what [`Shown`] read (a programme it did not read is read here).
async fn view_with(
    c: &impl ConnectionTrait,
    app: &App,
    grant: GrantRecord,
    shown: &mut Shown,
) -> AppResult<GrantView> {
    let def = steps::definition(app, &grant).await?;
    let book = match shown.books.entry(grant.programme_id) {
        Entry::Occupied(known) => known.into_mut(),
        Entry::Vacant(slot) => {
            let programme = crate::programmes::load_programme(c, grant.programme_id).await?;
            slot.insert(Book::read(c, &programme).await?)
        }
    };
    let position = book.grant(&grant);
    let title = shown
        .titles
        .get(&grant.proposal_id)
        .cloned()
        .unwrap_or_default();
    let mut tranche_views = Vec::new();
    for t in shown.tranches.remove(&grant.id).unwrap_or_default() {
        tranche_views.push(tranches::view_named(app, t, &shown.names).await?);
    }
    Ok(GrantView {
        id: grant.id,
        programme_id: grant.programme_id,
        proposal_id: grant.proposal_id,
        title,
        grantee_id: grant.grantee_id,
        country: grant.country.to_string(),
        award: grant.award,
        state_label: def
            .state(&grant.state)
            .map_or_else(|| grant.state.clone(), |s| s.label.clone()),
        state: grant.state,
        revision: grant.revision,
        agreement_locale: grant.agreement_locale.code().to_owned(),
        agreement_text: grant.agreement_text,
        agreement_accepted_at: grant.agreement_accepted_at,
        started_at: grant.started_at,
        ended_at: grant.ended_at,
        end_reason: grant.end_reason,
        committed: position.committed,
        disbursed: position.disbursed,
        outstanding: position.outstanding(),
        tranches: tranche_views,
        created_at: grant.created_at,
    })
}

/// One grant, if the actor may see it.
pub async fn get(app: &App, actor: &Actor, id: GrantId) -> AppResult<GrantView> {
    let c = app.store.conn();
    let grant = load_visible(c, actor, id).await?;
    view(c, app, grant).await
}

/// The grant of a proposal, if it has one the actor may see.
pub async fn of_proposal(app: &App, actor: &Actor, proposal: ProposalId) -> AppResult<GrantView> {
    let c = app.store.conn();
    let grant = store::grant_of_proposal(c, proposal)
        .await?
        .filter(|g| can_see(actor, g))
        .ok_or(AppError::NotFound("grant"))?;
    view(c, app, grant).await
}

/// The grant of a proposal, if there is one and the actor may see it.
pub(crate) async fn id_of_proposal(
    c: &impl ConnectionTrait,
    actor: &Actor,
    proposal: ProposalId,
) -> AppResult<Option<GrantId>> {
    Ok(store::grant_of_proposal(c, proposal)
        .await?
        .filter(|g| can_see(actor, g))
        .map(|g| g.id))
}

/// The grants the actor may see: a grantee their own, finance, managers
/// and administrators all; a page at a time.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &GrantListFilter,
    page: &PageRequest,
) -> AppResult<Page<GrantView>> {
    let grantee = (!actor.has_any(GRANT_READERS)).then_some(actor.id);
    page_of(app, grantee, team_grants(actor), filter, page).await
}

/// Every grant of the list (the same filter and visibility as [`list`]),
/// for a download.
pub async fn table(
    app: &App,
    actor: &Actor,
    filter: &GrantListFilter,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let mut table = Table::new(
        "grants",
        &[
            "grant_id",
            "title",
            "country",
            "state",
            "award",
            "currency",
            "committed",
            "disbursed",
            "outstanding",
            "agreement_accepted_at",
            "started_at",
            "ended_at",
        ],
    );
    table.rows = crate::export::every_page(
        |page| async move { list(app, actor, filter, &page).await },
        |g: GrantView| {
            vec![
                Cell::text(g.id.to_string()),
                Cell::text(g.title),
                Cell::Country(g.country),
                Cell::State {
                    workflow: WORKFLOW.to_owned(),
                    state: g.state,
                    label: g.state_label,
                },
                Cell::Money(g.award),
                Cell::text(g.award.currency.to_string()),
                Cell::Money(g.committed),
                Cell::Money(g.disbursed),
                Cell::Money(g.outstanding),
                g.agreement_accepted_at.map_or(Cell::Empty, Cell::Moment),
                g.started_at.map_or(Cell::Empty, Cell::Moment),
                g.ended_at.map_or(Cell::Empty, Cell::Moment),
            ]
        },
    )
    .await?;
    Ok(table)
}

/// The grants made to the actor, whatever else they may see, a page at a
/// time (for their data export).
pub(crate) async fn own(
    app: &App,
    actor: &Actor,
    page: &PageRequest,
) -> AppResult<Page<GrantView>> {
    page_of(
        app,
        Some(actor.id),
        Vec::new(),
        &GrantListFilter::default(),
        page,
    )
    .await
}

/// The grants of the proposals whose teams the actor is on.
pub(crate) fn team_grants(actor: &Actor) -> Vec<GrantId> {
    actor.teams.iter().filter_map(|m| m.grant_id).collect()
}

/// The grants `filter` keeps, of `grantee` only when given, a page at a time.
async fn page_of(
    app: &App,
    grantee: Option<UserId>,
    team_grants: Vec<GrantId>,
    filter: &GrantListFilter,
    page: &PageRequest,
) -> AppResult<Page<GrantView>> {
    let (after, fetch) = page.parse::<Uuid>()?;
    let c = app.store.conn();
    let filter = GrantFilter {
        programme: filter.programme_id.map(ProgrammeId::from),
        grantee,
        team_grants,
        state: filter.state.clone(),
    };
    let rows = store::list_grants(c, &filter, after, fetch).await?;
    let page = Page::from_rows(rows, fetch, |g| g.id.uuid(), |g| g);
    let mut shown = Shown::read(c, &page.items).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for grant in page.items {
        items.push(view_with(c, app, grant, &mut shown).await?);
    }
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

steps::step_input!(GrantTransitionInput);

/// What a grant's guards and effects read around it.
#[derive(Debug)]
pub struct AroundGrant {
    programme: ProgrammeRecord,
    tranches: Vec<TrancheRecord>,
    /// Guard `final_report_accepted`, as the reports stand.
    final_report: Result<(), Refusal>,
}

impl AroundGrant {
    async fn read(c: &impl ConnectionTrait, grant: &GrantRecord) -> AppResult<AroundGrant> {
        Ok(AroundGrant {
            programme: crate::programmes::load_programme(c, grant.programme_id).await?,
            tranches: store::tranches_of(c, grant.id).await?,
            final_report: crate::reports::final_report_accepted(c, grant.id).await?,
        })
    }
}

impl Subject for GrantRecord {
    const KIND: &'static str = SUBJECT;
    const TRANSITION: &'static str = "grant.transition";
    const RELATIONS: &'static [&'static str] = GRANT_RELATIONS;
    const GUARDS: &'static [&'static str] =
        &["comment_given", "tranches_settled", "final_report_accepted"];
    const EFFECTS: &'static [&'static str] = &[
        "cancel_open_tranches",
        "schedule_reports",
        "cancel_open_reports",
    ];
    type Id = GrantId;
    type Around = AroundGrant;
    type Input = GrantTransitionInput;
    type Extra = ();
    type View = GrantView;

    steps::instance_fields!();

    async fn load(c: &impl ConnectionTrait, id: GrantId) -> AppResult<Option<Self>> {
        Ok(store::find_grant(c, id).await?)
    }

    async fn around(&self, c: &impl ConnectionTrait) -> AppResult<AroundGrant> {
        AroundGrant::read(c, self).await
    }

    async fn may_see(
        &self,
        _: &impl ConnectionTrait,
        actor: &Actor,
        _: &AroundGrant,
    ) -> AppResult<bool> {
        Ok(can_see(actor, self))
    }

    fn ledger(around: &AroundGrant) -> Option<ProgrammeId> {
        Some(around.programme.id)
    }

    fn facts(&self, actor: &Actor, _: &AroundGrant) -> ActorFacts {
        facts(actor, self)
    }

    fn guard(
        &self,
        around: &AroundGrant,
        step: &Step<'_>,
        _: Option<&()>,
        guard: &str,
    ) -> Result<(), Refusal> {
        match guard {
            "comment_given" => grants_domain::proposal::comment_given(step.comment),
            "final_report_accepted" => around.final_report.clone(),
            "tranches_settled" => {
                let open: Vec<&str> = around
                    .tranches
                    .iter()
                    .filter(|t| OPEN_TRANCHES.contains(&t.state.as_str()))
                    .map(|t| t.key.as_str())
                    .collect();
                if open.is_empty() {
                    Ok(())
                } else {
                    let open = open.join(", ");
                    Err(
                        Refusal::new(format!("tranches still to be paid or cancelled: {open}"))
                            .with("tranches", open),
                    )
                }
            }
            other => Err(format!("the guard '{other}' is not implemented").into()),
        }
    }

    async fn write(
        tx: &impl ConnectionTrait,
        grant: &Self,
        _: &AroundGrant,
        plan: &Plan,
        step: &Step<'_>,
        _: &(),
    ) -> AppResult<()> {
        let change = match plan.to.as_str() {
            names::ACTIVE if grant.agreement_accepted_at.is_none() => {
                GrantChange::AgreementAccepted
            }
            names::CLOSED | names::TERMINATED => {
                GrantChange::Ended(step.comment.map(str::to_owned))
            }
            _ => GrantChange::None,
        };
        store::set_grant_state(
            tx,
            grant.id,
            grant.revision,
            (&plan.from, &plan.to),
            change,
            step.now,
        )
        .await
        .map_err(AppError::from_store("grant"))
    }

    async fn notify(
        tx: &impl ConnectionTrait,
        app: &App,
        grant: &Self,
        around: &AroundGrant,
        (_, step, _): (&Plan, &Step<'_>, &()),
        event: &str,
        to: &[String],
        dedupe: &str,
    ) -> AppResult<()> {
        let programme = &around.programme;
        let notification = match event {
            "grant_closed" => {
                let paid = Book::read(tx, programme).await?.grant(grant).disbursed;
                Notification::GrantClosed(grants_notify::GrantClosed {
                    proposal_title: title_of(tx, grant).await?,
                    total_paid: paid,
                })
            }
            other => {
                return Err(AppError::internal(format!(
                    "the email '{other}' cannot be sent about a grant"
                )));
            }
        };
        let people = recipients(tx, to, grant.grantee_id).await?;
        send(
            tx,
            app,
            (SUBJECT, grant.id.uuid()),
            (programme, &people),
            &notification,
            dedupe,
            step.now,
        )
        .await
    }

    async fn run(
        tx: &impl ConnectionTrait,
        app: &App,
        grant: &Self,
        around: &AroundGrant,
        (_, step, _): (&Plan, &Step<'_>, &()),
        name: &str,
    ) -> AppResult<()> {
        let programme = &around.programme;
        let ended = || {
            format!(
                "the grant was terminated: {}",
                step.comment.unwrap_or("no reason given")
            )
        };
        match name {
            "schedule_reports" => {
                crate::reports::schedule_for_grant(tx, app, (grant, programme), step.now).await
            }
            "cancel_open_reports" => {
                // Boxed: a report's effects can move the grant in turn.
                Box::pin(crate::reports::cancel_open(
                    tx,
                    app,
                    grant.id,
                    &ended(),
                    step.now,
                ))
                .await
            }
            "cancel_open_tranches" => {
                let reason = ended();
                for t in &around.tranches {
                    if OPEN_TRANCHES.contains(&t.state.as_str()) {
                        Box::pin(tranches::cancel_as_system(
                            tx,
                            app,
                            (grant, programme),
                            t,
                            &reason,
                            step.now,
                        ))
                        .await?;
                    }
                }
                Ok(())
            }
            other => Err(AppError::internal(format!(
                "the effect '{other}' is not implemented for grants"
            ))),
        }
    }

    async fn view(
        c: &impl ConnectionTrait,
        app: &App,
        _: &Actor,
        grant: Self,
    ) -> AppResult<GrantView> {
        view(c, app, grant).await
    }
}

/// Takes `name` on the grant as the system if the grant's workflow allows
/// it now; otherwise leaves the grant as it is. Inside the caller's transaction.
async fn take_as_system_if_allowed(
    tx: &impl ConnectionTrait,
    app: &App,
    grant: GrantId,
    name: &str,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let (grant, around) = GrantRecord::find(tx, grant)
        .await?
        .ok_or(AppError::NotFound("grant"))?;
    let step = Step {
        actor: None,
        comment: None,
        comment_shared: true,
        deadline: None,
        now,
    };
    match steps::take_inside(tx, app, (&grant, &around), name, &step, &()).await? {
        Ok((plan, _)) => {
            tracing::info!(grant.id = %grant.id, from = %plan.from, to = %plan.to, "grant moved by the system");
            Ok(true)
        }
        Err(_) => Ok(false),
    }
}

/// The final report opened: the grant enters final reporting, if it can.
pub(crate) async fn start_reporting_as_system(
    tx: &impl ConnectionTrait,
    app: &App,
    grant: GrantId,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    take_as_system_if_allowed(tx, app, grant, names::START_REPORTING, now).await
}

/// Closes the grant once its final report is accepted and every tranche is
/// paid or cancelled (the `close` guards); otherwise does nothing.
pub(crate) async fn close_when_done(
    tx: &impl ConnectionTrait,
    app: &App,
    grant: GrantId,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    take_as_system_if_allowed(tx, app, grant, names::CLOSE, now).await
}

/// The funded proposal's title.
pub(crate) async fn title_of(c: &impl ConnectionTrait, grant: &GrantRecord) -> AppResult<String> {
    Ok(grants_store::proposals::find(c, grant.proposal_id)
        .await?
        .and_then(|p| p.content.title)
        .unwrap_or_default())
}

/// The grant's history and its tranches', oldest first.
pub async fn history(app: &App, actor: &Actor, id: GrantId) -> AppResult<Vec<AuditEventView>> {
    let mut events = steps::history::<GrantRecord>(app, actor, id).await?;
    let c = app.store.conn();
    for t in store::tranches_of(c, id).await? {
        events.extend(
            audit::history(c, tranches::SUBJECT, t.id.uuid())
                .await?
                .into_iter()
                .map(AuditEventView::from),
        );
    }
    events.sort_by_key(|e| (e.occurred_at, e.id));
    Ok(events)
}

/// A grant's history with who took each step, for its page.
#[derive(Debug)]
pub struct GrantHistory {
    /// The grant's and its tranches' events, oldest first.
    pub events: Vec<AuditEventView>,
    /// The names of those who acted (every reader of a grant may know them).
    pub actors: std::collections::HashMap<UserId, String>,
}

/// Everything a grant's dossier shows.
#[derive(Debug)]
pub struct GrantDossier {
    /// The grant, its agreement and tranches.
    pub grant: GrantView,
    /// Its programme.
    pub programme: crate::programmes::ProgrammeView,
    /// The grantee's name.
    pub grantee: String,
    /// Its reports, in the order they are due.
    pub reports: Vec<crate::reports::ReportView>,
    /// What it achieved: the indicators of its latest accepted report.
    pub achieved: Option<BTreeMap<String, u64>>,
    /// Its history, with who acted.
    pub history: GrantHistory,
}

/// A grant's dossier, for those who may read the grant (its grantee,
/// finance, managers, administrators).
pub async fn dossier(app: &App, actor: &Actor, id: GrantId) -> AppResult<GrantDossier> {
    let grant = get(app, actor, id).await?;
    let c = app.store.conn();
    let programme = crate::programmes::ProgrammeView::new(
        crate::programmes::load_programme(c, grant.programme_id).await?,
        app.now(),
    );
    let grantee = crate::users::names(c, [grant.grantee_id])
        .await?
        .remove(&grant.grantee_id)
        .unwrap_or_default();
    let reports = crate::reports::of_grant(app, actor, id).await?;
    let achieved = crate::reports::achieved(
        reports
            .iter()
            .enumerate()
            .map(|(at, r)| (at, r.state.as_str(), &r.content.indicators)),
    );
    let history = history_named(app, actor, id).await?;
    Ok(GrantDossier {
        grant,
        programme,
        grantee,
        reports,
        achieved,
        history,
    })
}

/// The grant's history, as [`history`], with the names of those who acted.
pub async fn history_named(app: &App, actor: &Actor, id: GrantId) -> AppResult<GrantHistory> {
    let events = history(app, actor, id).await?;
    let ids: Vec<UserId> = events.iter().filter_map(|e| e.actor_id).collect();
    let actors = grants_store::users::find_people(app.store.conn(), &ids, &[])
        .await?
        .into_iter()
        .map(|u| (u.id, u.name.to_string()))
        .collect();
    Ok(GrantHistory { events, actors })
}
