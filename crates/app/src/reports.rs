//! Implementation reports, through `workflows/report.yaml`: the schedule a
//! grant gets when it starts, what the grantee writes, the managers'
//! review, the reminders before, on and after the due date, and the
//! programme's impact summary.
//!
//! Who sees a report: its grantee, and finance, programme managers and
//! administrators (the readers of its grant). Everyone else gets a 404.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Months, NaiveDate, Utc};
use grants_domain::programme::{ReportKind, TrancheCondition};
use grants_domain::report::{
    self as rules, LineComparison, ReminderKind, ReminderSchedule, ReportContent,
    ReportContentInput, ReportRules, Timeliness,
};
use grants_domain::team::TeamRole;
use grants_domain::{
    GrantId, Money, ProgrammeId, ProposalId, ReportId, Role, UserId, ValidationErrors,
};
use grants_notify::{Formatter, Notification};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::grants::{self as grant_store, GrantRecord};
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals::ProposalRecord;
use grants_store::reports::{self as store, ReportChange, ReportFilter, ReportRecord};
use grants_store::timers::{self, DueTimer};
use grants_store::users::{self as user_store, UserRecord};
use grants_workflow::{ActorFacts, Plan, Refusal};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::grants::{self, GRANT_READERS};
use crate::names::grant;
use crate::names::report::{self as names, CLOSED, EDITABLE, OWED};
use crate::steps::{self, Step, Subject};
use crate::{Actor, App, AppError, AppResult, Page, PageRequest};

/// The workflow reports follow.
pub const WORKFLOW: &str = "report";

/// A report, as the workflow driver ([`crate::steps`]) takes it.
pub type Report = ReportRecord;
/// The audit trail's and the timers' name for reports.
pub(crate) const SUBJECT: &str = "report";
/// The timers' name for a programme's weekly overdue summary.
pub(crate) const SUMMARY_SUBJECT: &str = "programme_reports";
/// The timer that walks a report's reminder schedule.
const REMINDER: &str = "report_reminder";
/// The timer of a programme's weekly overdue summary.
const SUMMARY: &str = "overdue_summary";

/// A report as its readers see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportView {
    /// The report's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: ReportId,
    /// Its grant.
    #[schema(value_type = String, format = Uuid)]
    pub grant_id: GrantId,
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The funded proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// The proposal's title.
    pub title: String,
    /// The grantee.
    #[schema(value_type = String, format = Uuid)]
    pub grantee_id: UserId,
    /// The grantee's name.
    pub grantee_name: String,
    /// The grant's country.
    pub country: String,
    /// Its key in the reporting schedule.
    pub key: String,
    /// Its name in the reader's language.
    pub name: String,
    /// Interim or final.
    pub kind: ReportKind,
    /// When it is due, in the programme's calendar.
    pub due_on: NaiveDate,
    /// When it becomes late: the end of the due date in the programme's time zone.
    pub deadline: DateTime<Utc>,
    /// Its workflow state.
    pub state: String,
    /// The state's label.
    pub state_label: String,
    /// On time, late, overdue or not yet due.
    pub timeliness: Timeliness,
    /// Whole days past the deadline while it is owed; 0 otherwise.
    pub days_late: i64,
    /// For optimistic concurrency.
    pub revision: i64,
    /// What the grantee wrote.
    pub content: ReportContent,
    /// The proposal's targets per indicator.
    pub targets: BTreeMap<String, u64>,
    /// Each budget line of the proposal, planned against spent.
    pub spending_against_plan: Vec<LineComparison>,
    /// Everything reported spent.
    pub total_spent: Money,
    /// The grant's award.
    pub award: Money,
    /// When it was first handed in.
    pub first_submitted_at: Option<DateTime<Utc>>,
    /// When it was last handed in.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The manager who accepted it or asked for changes.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub reviewed_by: Option<UserId>,
    /// When.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// What the manager asked to change.
    pub review_comment: Option<String>,
    /// The next reminder the grantee gets, while the report is owed.
    pub next_reminder_at: Option<DateTime<Utc>>,
    /// What the reader may do with it now.
    pub may: ReportPermissions,
}

/// Filters for listing reports.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportListFilter {
    /// Only this programme.
    pub programme_id: Option<Uuid>,
    /// Only this state.
    pub state: Option<String>,
    /// Only late reports (`overdue`), for the managers' at-a-glance list.
    pub late: Option<bool>,
    /// Only those holding every word in what they say or in their grant's
    /// proposal, in any script, with or without accents; at most 200
    /// characters and 8 words.
    pub q: Option<String>,
}

/// Taking a report transition.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportTransitionInput {
    /// What to change: required to ask for changes.
    pub comment: Option<String>,
    /// The revision acted on (or send it in If-Match).
    pub revision: Option<i64>,
}

/// Saving what the grantee wrote.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportUpdateInput {
    /// The fields to change; the others stay.
    #[serde(flatten)]
    pub content: ReportContentInput,
    /// The revision edited (or send it in If-Match).
    pub revision: Option<i64>,
}

/// Moving a report's due date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveDueDateInput {
    /// The new due date, in the programme's calendar.
    pub due_on: NaiveDate,
    /// Why: kept on the report's history.
    pub comment: Option<String>,
    /// The revision acted on (or send it in If-Match).
    pub revision: Option<i64>,
}

/// What a report is read and checked with: its grant, programme and proposal.
#[derive(Debug)]
pub struct Context {
    grant: GrantRecord,
    programme: ProgrammeRecord,
    proposal: ProposalRecord,
}

impl Context {
    async fn load(c: &impl ConnectionTrait, report: &ReportRecord) -> AppResult<Context> {
        Self::of_reports(c, std::slice::from_ref(report))
            .await?
            .remove(&report.grant_id)
            .ok_or_else(|| AppError::internal("a report's grant is gone"))
    }

    /// The contexts of these reports' grants, in three queries however
    /// many grants a page of reports spans.
    async fn of_reports(
        c: &impl ConnectionTrait,
        reports: &[ReportRecord],
    ) -> AppResult<HashMap<GrantId, Context>> {
        let mut ids: Vec<GrantId> = reports.iter().map(|r| r.grant_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let found = grant_store::find_grants(c, &ids).await?;
        let mut programmes: Vec<ProgrammeId> = found.iter().map(|g| g.programme_id).collect();
        programmes.sort_unstable();
        programmes.dedup();
        let programmes: HashMap<ProgrammeId, ProgrammeRecord> =
            grants_store::programmes::find_many(c, &programmes)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        let proposals: Vec<ProposalId> = found.iter().map(|g| g.proposal_id).collect();
        let mut proposals: HashMap<ProposalId, ProposalRecord> =
            grants_store::proposals::find_many(c, &proposals)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        let mut contexts = HashMap::with_capacity(found.len());
        for grant in found {
            // Several grants of one programme share it.
            let programme = programmes
                .get(&grant.programme_id)
                .cloned()
                .ok_or_else(|| AppError::internal("a grant's programme is gone"))?;
            let proposal = proposals
                .remove(&grant.proposal_id)
                .ok_or_else(|| AppError::internal("a grant's proposal is gone"))?;
            contexts.insert(
                grant.id,
                Context {
                    grant,
                    programme,
                    proposal,
                },
            );
        }
        Ok(contexts)
    }

    fn rules(&self) -> ReportRules<'_> {
        ReportRules {
            currency: self.programme.spec.currency,
            indicators: &self.programme.spec.reporting.indicators,
            budget_lines: &self.proposal.content.budget_lines,
        }
    }

    fn schedule(&self, report: &ReportRecord) -> ReminderSchedule {
        reminder_schedule(&self.programme.spec, report.due_on)
    }

    /// The report's name in `locale`.
    fn name(&self, report: &ReportRecord, locale: grants_domain::Locale) -> String {
        let spec = &self.programme.spec;
        spec.reporting_schedule
            .iter()
            .find(|r| r.key == report.key)
            .map_or_else(
                || report.key.clone(),
                |r| r.name(locale, spec.default_locale),
            )
    }

    fn title(&self) -> String {
        self.proposal.content.title.clone().unwrap_or_default()
    }
}

/// The reminders of a report due on `due_on` under the programme's settings.
fn reminder_schedule(
    spec: &grants_domain::programme::ProgrammeSpec,
    due_on: NaiveDate,
) -> ReminderSchedule {
    ReminderSchedule::new(
        due_on,
        spec.time_zone,
        &spec.reporting.reminder_days_before,
        spec.reporting.overdue_reminder_days,
    )
}

fn can_see(actor: &Actor, report: &ReportRecord) -> bool {
    actor.id == report.grantee_id
        || actor.member_of_grant(report.grant_id).is_some()
        || actor.has_any(GRANT_READERS)
}

/// The report, if the actor may see it; a 404 otherwise.
pub(crate) async fn load_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: ReportId,
) -> AppResult<ReportRecord> {
    store::find_report(c, id)
        .await?
        .filter(|r| can_see(actor, r))
        .ok_or(AppError::NotFound("report"))
}

/// Whether the actor may write the report now: its grantee, while it is open for writing.
pub(crate) fn may_write(actor: &Actor, report: &ReportRecord) -> AppResult<()> {
    match actor.member_of_grant(report.grant_id) {
        _ if actor.id == report.grantee_id => {}
        Some(TeamRole::Editor) => {}
        Some(TeamRole::Viewer) => return Err(AppError::forbidden("team-viewer-reads").done()),
        None => return Err(AppError::forbidden("grantee-only-writes").done()),
    }
    if EDITABLE.contains(&report.state.as_str()) {
        Ok(())
    } else {
        Err(AppError::conflict("report-closed")
            .with("report_state", &report.state)
            .done())
    }
}

async fn view(
    c: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    report: ReportRecord,
) -> AppResult<ReportView> {
    let context = Context::load(c, &report).await?;
    view_in(c, app, actor, report, &context).await
}

/// One report's view, its context known.
async fn view_in(
    c: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    report: ReportRecord,
    context: &Context,
) -> AppResult<ReportView> {
    let around = Around::read(c, std::slice::from_ref(&report)).await?;
    view_with(app, actor, report, context, &around).await
}

/// What a report's view shows from beyond its grant: the grantee's name
/// and, while the report is owed, when the next reminder goes. Read once
/// for a whole page of reports, in two queries.
struct Around {
    names: HashMap<UserId, String>,
    reminders: HashMap<Uuid, DateTime<Utc>>,
}

impl Around {
    async fn read(c: &impl ConnectionTrait, reports: &[ReportRecord]) -> AppResult<Around> {
        let names = crate::users::names(c, reports.iter().map(|r| r.grantee_id)).await?;
        let owed: Vec<Uuid> = reports
            .iter()
            .filter(|r| OWED.contains(&r.state.as_str()))
            .map(|r| r.id.uuid())
            .collect();
        let reminders = timers::pending_of(c, SUBJECT, &owed)
            .await?
            .into_iter()
            .filter_map(|(id, running)| {
                let next = running.into_iter().find(|t| t.kind == REMINDER)?;
                Some((id, next.fire_at))
            })
            .collect();
        Ok(Around { names, reminders })
    }
}

async fn view_with(
    app: &App,
    actor: &Actor,
    report: ReportRecord,
    context: &Context,
    around: &Around,
) -> AppResult<ReportView> {
    let def = steps::definition(app, &report).await?;
    let now = app.now();
    let schedule = context.schedule(&report);
    let deadline = schedule.deadline();
    let owed = OWED.contains(&report.state.as_str());
    let timeliness = rules::timeliness(deadline, report.first_submitted_at, now);
    let grantee_name = around
        .names
        .get(&report.grantee_id)
        .cloned()
        .unwrap_or_default();
    let next_reminder_at = if owed {
        around.reminders.get(&report.id.uuid()).copied()
    } else {
        None
    };
    let currency = context.programme.spec.currency;
    let may = ReportPermissions::of(actor, &report);
    Ok(ReportView {
        id: report.id,
        grant_id: report.grant_id,
        programme_id: report.programme_id,
        proposal_id: context.grant.proposal_id,
        title: context.title(),
        grantee_id: report.grantee_id,
        grantee_name,
        country: report.country.to_string(),
        name: context.name(&report, actor.locale),
        key: report.key.clone(),
        kind: report.kind,
        due_on: report.due_on,
        deadline,
        state_label: def
            .state(&report.state)
            .map_or_else(|| report.state.clone(), |s| s.label.clone()),
        timeliness,
        days_late: if owed && now > deadline {
            (now - deadline).num_days() + 1
        } else {
            0
        },
        revision: report.revision,
        targets: context.proposal.content.indicator_targets.clone(),
        spending_against_plan: rules::spending_against_plan(
            &context.proposal.content.budget_lines,
            &report.content,
        ),
        total_spent: report.content.total_spent(currency),
        award: context.grant.award,
        first_submitted_at: report.first_submitted_at,
        submitted_at: report.submitted_at,
        reviewed_by: report.reviewed.map(|(by, _)| by),
        reviewed_at: report.reviewed.map(|(_, at)| at),
        review_comment: report.review_comment,
        next_reminder_at,
        may,
        state: report.state,
        content: report.content,
    })
}

/// What the reader of a report may do with it now, so that a page need
/// not know the rules.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct ReportPermissions {
    /// Write and save its content (the grantee, while it is open for writing).
    pub write: bool,
    /// Move its due date (managers and administrators, while it is owed).
    pub move_due_date: bool,
}

/// Who moves a report's due date.
const DUE_DATE_MOVERS: &[Role] = &[Role::ProgrammeManager, Role::Admin];

impl ReportPermissions {
    fn of(actor: &Actor, report: &ReportRecord) -> Self {
        Self {
            write: may_write(actor, report).is_ok(),
            move_due_date: actor.has_any(DUE_DATE_MOVERS) && OWED.contains(&report.state.as_str()),
        }
    }
}

/// One report, if the actor may see it.
pub async fn get(app: &App, actor: &Actor, id: ReportId) -> AppResult<ReportView> {
    let c = app.store.conn();
    let report = load_visible(c, actor, id).await?;
    view(c, app, actor, report).await
}

/// A grant's reports, in schedule order, if the actor may see the grant.
pub async fn of_grant(app: &App, actor: &Actor, grant: GrantId) -> AppResult<Vec<ReportView>> {
    let c = app.store.conn();
    grants::load_visible(c, actor, grant).await?;
    let reports = store::reports_of(c, grant).await?;
    let Some(first) = reports.first() else {
        return Ok(Vec::new());
    };
    let context = Context::load(c, first).await?;
    let around = Around::read(c, &reports).await?;
    let mut views = Vec::with_capacity(reports.len());
    for report in reports {
        views.push(view_with(app, actor, report, &context, &around).await?);
    }
    Ok(views)
}

/// The reports the actor may see: a grantee their own, finance, managers
/// and administrators all; `late=true` for the overdue ones; a page at a time.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &ReportListFilter,
    page: &PageRequest,
) -> AppResult<Page<ReportView>> {
    let grantee = (!actor.has_any(GRANT_READERS)).then_some(actor.id);
    let team_grants = grants::team_grants(actor);
    page_of(app, actor, (grantee, team_grants), filter, page).await
}

/// Every report of the list (the same filter and visibility as [`list`]),
/// for a download.
pub async fn table(
    app: &App,
    actor: &Actor,
    filter: &ReportListFilter,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let mut table = Table::new(
        "reports",
        &[
            "report_id",
            "grant_id",
            "title",
            "grantee",
            "country",
            "report",
            "kind",
            "due_on",
            "state",
            "timeliness",
            "days_late",
            "total_spent",
            "award",
            "currency",
            "submitted_at",
            "reviewed_at",
        ],
    );
    table.rows = crate::export::every_page(
        |page| async move { list(app, actor, filter, &page).await },
        |r: ReportView| {
            vec![
                Cell::text(r.id.to_string()),
                Cell::text(r.grant_id.to_string()),
                Cell::text(r.title),
                Cell::text(r.grantee_name),
                Cell::Country(r.country),
                Cell::text(r.name),
                Cell::Term(match r.kind {
                    ReportKind::Interim => "interim",
                    ReportKind::Final => "final",
                }),
                Cell::Date(r.due_on),
                Cell::State {
                    workflow: WORKFLOW.to_owned(),
                    state: r.state,
                    label: r.state_label,
                },
                Cell::Term(match r.timeliness {
                    Timeliness::OnTime => "on_time",
                    Timeliness::Late => "late",
                    Timeliness::Overdue => "overdue",
                    Timeliness::NotYetDue => "not_yet_due",
                }),
                Cell::Whole(r.days_late),
                Cell::Money(r.total_spent),
                Cell::Money(r.award),
                Cell::text(r.award.currency.to_string()),
                r.submitted_at.map_or(Cell::Empty, Cell::Moment),
                r.reviewed_at.map_or(Cell::Empty, Cell::Moment),
            ]
        },
    )
    .await?;
    Ok(table)
}

/// The reports the actor owes or wrote as a grantee, whatever else they
/// may see, a page at a time (for their data export).
pub(crate) async fn own(
    app: &App,
    actor: &Actor,
    page: &PageRequest,
) -> AppResult<Page<ReportView>> {
    page_of(
        app,
        actor,
        (Some(actor.id), Vec::new()),
        &ReportListFilter::default(),
        page,
    )
    .await
}

/// The reports `filter` keeps, of `grantee` only when given, as the actor
/// reads them, a page at a time.
async fn page_of(
    app: &App,
    actor: &Actor,
    (grantee, team_grants): (Option<UserId>, Vec<GrantId>),
    filter: &ReportListFilter,
    page: &PageRequest,
) -> AppResult<Page<ReportView>> {
    let (after, fetch) = page.parse::<Uuid>()?;
    let c = app.store.conn();
    let mut states: Vec<String> = filter.state.iter().cloned().collect();
    if filter.late == Some(true) {
        states = vec![names::OVERDUE.into()];
    }
    let store_filter = ReportFilter {
        programme: filter.programme_id.map(ProgrammeId::from),
        grantee,
        team_grants,
        states,
        words: crate::search::words(filter.q.as_deref())?,
    };
    let rows = store::list_reports(c, &store_filter, after, fetch).await?;
    let page = Page::from_rows(rows, fetch, |r| r.id.uuid(), |r| r);
    let contexts = Context::of_reports(c, &page.items).await?;
    let around = Around::read(c, &page.items).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for report in page.items {
        let context = contexts
            .get(&report.grant_id)
            .ok_or_else(|| AppError::internal("a report's grant is gone"))?;
        items.push(view_with(app, actor, report, context, &around).await?);
    }
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// Saves what the grantee wrote; every field error at once, nothing saved on any.
#[tracing::instrument(skip_all, fields(actor = %actor.id, report.id = %id))]
pub async fn update(
    app: &App,
    actor: &Actor,
    id: ReportId,
    input: ReportUpdateInput,
    if_match: Option<i64>,
) -> AppResult<ReportView> {
    let tx = app.store.begin().await?;
    let report = load_visible(&tx, actor, id).await?;
    may_write(actor, &report)?;
    crate::error::expect_revision(if_match, input.revision, "report", report.revision)?;
    let context = Context::load(&tx, &report).await?;
    let content = report
        .content
        .to_input()
        .overlay(input.content)
        .validate_draft(context.rules())?;
    let now = app.now();
    store::save_content(&tx, id, report.revision, &content, now)
        .await
        .map_err(AppError::from_store("report"))?;
    let updated = store::find_report(&tx, id)
        .await?
        .ok_or(AppError::NotFound("report"))?;
    let shown = view_in(&tx, app, actor, updated, &context).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

steps::step_input!(ReportTransitionInput);

impl Subject for ReportRecord {
    const KIND: &'static str = SUBJECT;
    const TRANSITION: &'static str = "report.transition";
    const RELATIONS: &'static [&'static str] = grants::GRANT_RELATIONS;
    const GUARDS: &'static [&'static str] = &["comment_given", "grant_running", "report_complete"];
    const EFFECTS: &'static [&'static str] = &[
        "start_final_reporting",
        "release_tranches",
        "close_grant_when_done",
    ];
    type Id = ReportId;
    type Around = Context;
    type Input = ReportTransitionInput;
    type Extra = ();
    type View = ReportView;

    steps::instance_fields!();

    async fn load(c: &impl ConnectionTrait, id: ReportId) -> AppResult<Option<Self>> {
        Ok(store::find_report(c, id).await?)
    }

    async fn around(&self, c: &impl ConnectionTrait) -> AppResult<Context> {
        Context::load(c, self).await
    }

    async fn may_see(
        &self,
        _: &impl ConnectionTrait,
        actor: &Actor,
        _: &Context,
    ) -> AppResult<bool> {
        Ok(can_see(actor, self))
    }

    /// Accepting can close the grant, which moves money totals: one writer per programme.
    fn ledger(context: &Context) -> Option<ProgrammeId> {
        Some(context.programme.id)
    }

    fn facts(&self, actor: &Actor, context: &Context) -> ActorFacts {
        grants::facts(actor, &context.grant)
    }

    fn guard(
        &self,
        context: &Context,
        step: &Step<'_>,
        _: Option<&()>,
        guard: &str,
    ) -> Result<(), Refusal> {
        match guard {
            "comment_given" => grants_domain::proposal::comment_given(step.comment),
            "grant_running" => {
                let state = context.grant.state.as_str();
                if [grant::ACTIVE, grant::REPORTING].contains(&state) {
                    Ok(())
                } else {
                    Err(crate::tranches::grant_not_running(state))
                }
            }
            "report_complete" => rules::report_complete(&self.content, context.rules()),
            other => Err(format!("the guard '{other}' is not implemented").into()),
        }
    }

    async fn write(
        tx: &impl ConnectionTrait,
        report: &Self,
        _: &Context,
        plan: &Plan,
        step: &Step<'_>,
        _: &(),
    ) -> AppResult<()> {
        let change = match (plan.to.as_str(), step.actor_id()) {
            (names::SUBMITTED, _) => ReportChange::Submitted,
            (names::ACCEPTED | names::CHANGES_REQUESTED, Some(by)) => {
                ReportChange::Reviewed(by, step.comment.map(str::to_owned))
            }
            _ => ReportChange::None,
        };
        store::set_report_state(
            tx,
            report.id,
            report.revision,
            (&plan.from, &plan.to),
            change,
            step.now,
        )
        .await
        .map_err(AppError::from_store("report"))?;
        if CLOSED.contains(&plan.to.as_str()) || plan.to == names::SUBMITTED {
            // Nothing more to remind about.
            timers::cancel(tx, SUBJECT, report.id.uuid(), REMINDER, step.now).await?;
        }
        Ok(())
    }

    fn details(&self, _: &Plan, _: &()) -> serde_json::Map<String, serde_json::Value> {
        serde_json::Map::from_iter([(
            "grant_id".to_owned(),
            serde_json::Value::String(self.grant_id.to_string()),
        )])
    }

    async fn notify(
        tx: &impl ConnectionTrait,
        app: &App,
        report: &Self,
        context: &Context,
        (_, step, _): (&Plan, &Step<'_>, &()),
        event: &str,
        to: &[String],
        dedupe: &str,
    ) -> AppResult<()> {
        let people = grants::recipients(tx, to, report.grantee_id).await?;
        let grantee_name = if event == "report_submitted" {
            user_store::find(tx, report.grantee_id)
                .await?
                .map_or_else(String::new, |u| u.name.to_string())
        } else {
            String::new()
        };
        let link = app.link(&format!("/app/reports/{}", report.id));
        for person in &people {
            let report_name = context.name(report, person.locale);
            let proposal_title = context.title();
            let notification = match event {
                "report_submitted" => {
                    Notification::ReportSubmitted(grants_notify::ReportSubmitted {
                        proposal_title,
                        report_name,
                        grantee_name: grantee_name.clone(),
                        report_url: link.clone(),
                    })
                }
                "report_accepted" => Notification::ReportAccepted(grants_notify::ReportAccepted {
                    proposal_title,
                    report_name,
                }),
                "report_changes_requested" => {
                    Notification::ReportChangesRequested(grants_notify::ReportChangesRequested {
                        proposal_title,
                        report_name,
                        comment: step.comment.unwrap_or_default().to_owned(),
                        report_url: link.clone(),
                    })
                }
                other => {
                    return Err(AppError::internal(format!(
                        "the email '{other}' cannot be sent about a report"
                    )));
                }
            };
            grants::send(
                tx,
                app,
                (SUBJECT, report.id.uuid()),
                (&context.programme, std::slice::from_ref(person)),
                &notification,
                dedupe,
                step.now,
            )
            .await?;
        }
        Ok(())
    }

    async fn run(
        tx: &impl ConnectionTrait,
        app: &App,
        report: &Self,
        context: &Context,
        (_, step, _): (&Plan, &Step<'_>, &()),
        name: &str,
    ) -> AppResult<()> {
        match name {
            "start_final_reporting" => {
                if report.kind == ReportKind::Final {
                    Box::pin(grants::start_reporting_as_system(
                        tx,
                        app,
                        report.grant_id,
                        step.now,
                    ))
                    .await?;
                }
                Ok(())
            }
            "release_tranches" => release_tranches(tx, app, (report, context), step.now).await,
            "close_grant_when_done" => {
                Box::pin(grants::close_when_done(tx, app, report.grant_id, step.now)).await?;
                Ok(())
            }
            other => Err(AppError::internal(format!(
                "the effect '{other}' is not implemented for reports"
            ))),
        }
    }

    async fn view(
        c: &impl ConnectionTrait,
        app: &App,
        actor: &Actor,
        report: Self,
    ) -> AppResult<ReportView> {
        view(c, app, actor, report).await
    }
}

/// Takes `name` as the system (timers, a terminated grant), inside the caller's transaction.
async fn take_as_system(
    tx: &impl ConnectionTrait,
    app: &App,
    (report, context): (&ReportRecord, &Context),
    name: &str,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let step = Step {
        actor: None,
        comment,
        comment_shared: true,
        deadline: None,
        now,
    };
    steps::take_inside(tx, app, (report, context), name, &step, &())
        .await?
        .map(|_| ())
        .map_err(AppError::Blocked)
}

/// The tranches waiting for this report can now be requested: each gets a
/// line in its history and finance an email.
async fn release_tranches(
    tx: &impl ConnectionTrait,
    app: &App,
    (report, context): (&ReportRecord, &Context),
    now: DateTime<Utc>,
) -> AppResult<()> {
    let waiting: Vec<_> = grant_store::tranches_of(tx, report.grant_id)
        .await?
        .into_iter()
        .filter(|t| t.state == crate::names::tranche::SCHEDULED)
        .filter(|t| {
            matches!(&t.condition, TrancheCondition::ReportAccepted { report: key } if *key == report.key)
        })
        .collect();
    if waiting.is_empty() {
        return Ok(());
    }
    let finance = user_store::with_role(tx, Role::Finance).await?;
    for tranche in waiting {
        audit::record(
            tx,
            AuditEntry {
                actor: None,
                action: "tranche.condition_met",
                subject_type: crate::tranches::SUBJECT,
                subject_id: tranche.id.uuid(),
                details: serde_json::json!({ "report_id": report.id, "report": report.key }),
            },
            now,
        )
        .await?;
        let notification = Notification::TrancheRequestable(grants_notify::TrancheRequestable {
            proposal_title: context.title(),
            tranche_name: tranche.key.clone(),
            amount: tranche.amount,
            grant_url: app.link(&format!("/app/grants/{}", report.grant_id)),
        });
        let people: Vec<UserRecord> = finance.iter().filter(|u| u.active).cloned().collect();
        grants::send(
            tx,
            app,
            (crate::tranches::SUBJECT, tranche.id.uuid()),
            (&context.programme, &people),
            &notification,
            &tranche.id.to_string(),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Creates the reports a grant owes from the programme's schedule, when the
/// grant starts, each with its first reminder on the timer.
pub(crate) async fn schedule_for_grant(
    tx: &impl ConnectionTrait,
    app: &App,
    (grant, programme): (&GrantRecord, &ProgrammeRecord),
    now: DateTime<Utc>,
) -> AppResult<()> {
    let def = app
        .workflows
        .current(WORKFLOW)
        .ok_or_else(|| AppError::internal("the report workflow is not loaded"))?;
    let spec = &programme.spec;
    let start = now.with_timezone(&spec.time_zone).date_naive();
    let mut schedule: Vec<_> = spec.reporting_schedule.iter().collect();
    schedule.sort_by_key(|r| (r.months_after_start, r.kind == ReportKind::Final));
    let mut rows = Vec::with_capacity(schedule.len());
    for (i, planned) in schedule.into_iter().enumerate() {
        let due_on = start
            .checked_add_months(Months::new(u32::from(planned.months_after_start)))
            .ok_or_else(|| AppError::internal("a report's due date is out of range"))?;
        rows.push(ReportRecord {
            id: ReportId::new(),
            grant_id: grant.id,
            programme_id: programme.id,
            grantee_id: grant.grantee_id,
            country: grant.country,
            region: grant.region.clone(),
            key: planned.key.clone(),
            kind: planned.kind,
            position: u16::try_from(i + 1).unwrap_or(u16::MAX),
            due_on,
            state: def.initial.value.clone(),
            workflow: def.name.value.clone(),
            workflow_version: def.version.value,
            revision: 0,
            content: ReportContent::default(),
            first_submitted_at: None,
            submitted_at: None,
            reviewed: None,
            review_comment: None,
            created_at: now,
            updated_at: now,
        });
    }
    store::insert_reports(tx, &rows).await?;
    for report in &rows {
        let schedule = reminder_schedule(spec, report.due_on);
        timers::start(
            tx,
            SUBJECT,
            report.id.uuid(),
            REMINDER,
            "remind",
            schedule.first().at,
            now,
        )
        .await?;
        audit::record(
            tx,
            AuditEntry {
                actor: None,
                action: "report.scheduled",
                subject_type: SUBJECT,
                subject_id: report.id.uuid(),
                details: serde_json::json!({
                    "grant_id": grant.id,
                    "key": report.key,
                    "due_on": report.due_on,
                }),
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Cancels the reports a terminated grant still owed, inside the caller's transaction.
pub(crate) async fn cancel_open(
    tx: &impl ConnectionTrait,
    app: &App,
    grant: GrantId,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    for report in store::reports_of(tx, grant).await? {
        if !CLOSED.contains(&report.state.as_str()) {
            let context = Context::load(tx, &report).await?;
            take_as_system(
                tx,
                app,
                (&report, &context),
                names::CANCEL,
                Some(reason),
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// The keys of the grant's accepted reports (for tranche conditions and closing).
pub(crate) async fn accepted_keys(
    c: &impl ConnectionTrait,
    grant: GrantId,
) -> AppResult<Vec<String>> {
    Ok(store::reports_of(c, grant)
        .await?
        .into_iter()
        .filter(|r| r.state == names::ACCEPTED)
        .map(|r| r.key)
        .collect())
}

/// Whether the grant's final report is accepted (guard
/// `final_report_accepted`), in words when it is not.
pub(crate) async fn final_report_accepted(
    c: &impl ConnectionTrait,
    grant: GrantId,
) -> AppResult<Result<(), Refusal>> {
    let reports = store::reports_of(c, grant).await?;
    Ok(match reports.iter().find(|r| r.kind == ReportKind::Final) {
        Some(r) if r.state == names::ACCEPTED => Ok(()),
        Some(r) => Err(
            Refusal::new(format!("the final report is {}, not accepted", r.state))
                .case("not_accepted")
                .with("report_state", &r.state),
        ),
        None => Err(Refusal::new("the grant has no final report").case("missing")),
    })
}

/// Moves a report's due date (programme managers), with the reason on its
/// history; a late report whose new date is ahead is due again, and the
/// reminders follow the new date.
#[tracing::instrument(skip_all, fields(actor = %actor.id, report.id = %id))]
pub async fn move_due_date(
    app: &App,
    actor: &Actor,
    id: ReportId,
    input: MoveDueDateInput,
    if_match: Option<i64>,
) -> AppResult<ReportView> {
    let tx = app.store.begin().await?;
    let report = load_visible(&tx, actor, id).await?;
    actor.require_any(DUE_DATE_MOVERS, "move_a_report_s_due_date")?;
    crate::error::expect_revision(if_match, input.revision, "report", report.revision)?;
    if !OWED.contains(&report.state.as_str()) {
        return Err(AppError::conflict("report-not-owed")
            .with("report_state", &report.state)
            .done());
    }
    let context = Context::load(&tx, &report).await?;
    let now = app.now();
    let today = now
        .with_timezone(&context.programme.spec.time_zone)
        .date_naive();
    if input.due_on < today {
        return Err(ValidationErrors::single(
            "due_on",
            "in_the_past",
            format!("the new due date must be today ({today}) or later"),
        )
        .into());
    }
    let comment = input
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if comment.is_none() {
        return Err(
            ValidationErrors::single("comment", "required", "say why the due date moves").into(),
        );
    }
    store::set_due_on(&tx, id, report.revision, input.due_on, now)
        .await
        .map_err(AppError::from_store("report"))?;
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "report.due_date_moved",
            subject_type: SUBJECT,
            subject_id: id.uuid(),
            details: serde_json::json!({
                "from": report.due_on,
                "to": input.due_on,
                "comment": comment,
            }),
        },
        now,
    )
    .await?;
    let mut moved = store::find_report(&tx, id)
        .await?
        .ok_or(AppError::NotFound("report"))?;
    let schedule = context.schedule(&moved);
    if moved.state == names::OVERDUE && schedule.deadline() > now {
        take_as_system(&tx, app, (&moved, &context), names::EXTEND, comment, now).await?;
        moved = store::find_report(&tx, id)
            .await?
            .ok_or(AppError::NotFound("report"))?;
    }
    timers::start(
        &tx,
        SUBJECT,
        id.uuid(),
        REMINDER,
        "remind",
        schedule.next_after(now).at,
        now,
    )
    .await?;
    let shown = view_in(&tx, app, actor, moved, &context).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// Fires a report's reminder: opens the report or marks it overdue as the
/// schedule says, mails the latest reminder due (never a backlog of missed
/// ones), and sets the timer for the next.
pub(crate) async fn fire_reminder(app: &App, owner: &str, timer: &DueTimer) -> AppResult<String> {
    let tx = app.store.begin().await?;
    let now = app.now();
    let report = store::find_report(&tx, ReportId::from(timer.subject_id)).await?;
    let (outcome, next) = match report {
        None => ("skipped: the report no longer exists".to_owned(), None),
        Some(r) if !OWED.contains(&r.state.as_str()) => {
            (format!("skipped: the report is {}", r.state), None)
        }
        Some(report) => {
            let context = Context::load(&tx, &report).await?;
            let schedule = context.schedule(&report);
            let outcome = match schedule.latest_at(now) {
                None => "early: nothing due yet".to_owned(),
                Some(step) => remind(&tx, app, (&report, &context), step, now).await?,
            };
            (outcome, Some(schedule.next_after(now).at))
        }
    };
    if !timers::complete(&tx, timer.id, owner, &outcome, now).await? {
        return Ok("lease lost".into());
    }
    if let Some(at) = next {
        timers::start(&tx, SUBJECT, timer.subject_id, REMINDER, "remind", at, now).await?;
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(outcome)
}

async fn remind(
    tx: &impl ConnectionTrait,
    app: &App,
    (report, context): (&ReportRecord, &Context),
    step: rules::Reminder,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let overdue = matches!(step.kind, ReminderKind::Overdue { .. });
    if report.state == names::SCHEDULED && !overdue {
        take_as_system(tx, app, (report, context), names::OPEN, None, now).await?;
    }
    if report.state != names::OVERDUE && overdue {
        take_as_system(tx, app, (report, context), names::MARK_OVERDUE, None, now).await?;
        start_summary(tx, &context.programme, now).await?;
    }
    let Some(grantee) = user_store::find(tx, report.grantee_id)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(format!("{}: the grantee's account is inactive", step.key()));
    };
    let report_name = context.name(report, grantee.locale);
    let report_url = app.link(&format!("/app/reports/{}", report.id));
    let notification = if overdue {
        Notification::ReportOverdue(grants_notify::ReportOverdue {
            proposal_title: context.title(),
            report_name,
            due_on: report.due_on,
            report_url,
        })
    } else {
        Notification::ReportDueSoon(grants_notify::ReportDueSoon {
            proposal_title: context.title(),
            report_name,
            due_on: report.due_on,
            report_url,
        })
    };
    // One email per step of the schedule, whatever retries happen.
    let dedupe = format!("{}:{}:{}", report.id, report.due_on, step.key());
    grants::send(
        tx,
        app,
        (SUBJECT, report.id.uuid()),
        (&context.programme, &[grantee]),
        &notification,
        &dedupe,
        now,
    )
    .await?;
    Ok(format!("sent: {}", step.key()))
}

/// Starts the programme's weekly overdue summary unless it is running.
async fn start_summary(
    tx: &impl ConnectionTrait,
    programme: &ProgrammeRecord,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let running = timers::pending(tx, SUMMARY_SUBJECT, programme.id.uuid())
        .await?
        .iter()
        .any(|t| t.kind == SUMMARY);
    if !running {
        let at = rules::next_summary_at(now, programme.spec.time_zone);
        timers::start(
            tx,
            SUMMARY_SUBJECT,
            programme.id.uuid(),
            SUMMARY,
            "summarise",
            at,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Sends each programme manager one email listing the programme's late
/// reports, and sets the next for a week later while any stay late.
pub(crate) async fn fire_summary(app: &App, owner: &str, timer: &DueTimer) -> AppResult<String> {
    let tx = app.store.begin().await?;
    let now = app.now();
    let programme =
        crate::programmes::load_programme(&tx, ProgrammeId::from(timer.subject_id)).await?;
    let filter = ReportFilter {
        programme: Some(programme.id),
        states: vec![names::OVERDUE.into()],
        ..ReportFilter::default()
    };
    let late = store::list_reports(&tx, &filter, None, 10_000).await?;
    let outcome = if late.is_empty() {
        "nothing late".to_owned()
    } else {
        let managers: Vec<UserRecord> = user_store::with_role(&tx, Role::ProgrammeManager)
            .await?
            .into_iter()
            .filter(|u| u.active)
            .collect();
        let contexts = Context::of_reports(&tx, &late).await?;
        let week = now.with_timezone(&programme.spec.time_zone).date_naive();
        for manager in &managers {
            let format = Formatter::new(manager.locale, programme.spec.time_zone);
            let items: Vec<String> = late
                .iter()
                .filter_map(|r| {
                    contexts.get(&r.grant_id).map(|c| {
                        format!(
                            "{} ({}) — {}, {}",
                            c.title(),
                            r.country,
                            c.name(r, manager.locale),
                            format.date(r.due_on)
                        )
                    })
                })
                .collect();
            let notification = Notification::OverdueSummary(grants_notify::OverdueSummary {
                count: u64::try_from(items.len()).unwrap_or(u64::MAX),
                items,
                reports_url: app.link(&format!(
                    "/app/reports?programme_id={}&late=true",
                    programme.id
                )),
            });
            grants::send(
                &tx,
                app,
                (SUMMARY_SUBJECT, programme.id.uuid()),
                (&programme, std::slice::from_ref(manager)),
                &notification,
                &format!("{}:{week}", programme.id),
                now,
            )
            .await?;
        }
        format!(
            "sent: {} late reports to {} managers",
            late.len(),
            managers.len()
        )
    };
    if !timers::complete(&tx, timer.id, owner, &outcome, now).await? {
        return Ok("lease lost".into());
    }
    if !late.is_empty() {
        let at = rules::next_summary_at(now, programme.spec.time_zone);
        timers::start(
            &tx,
            SUMMARY_SUBJECT,
            programme.id.uuid(),
            SUMMARY,
            "summarise",
            at,
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(outcome)
}

/// What a grant achieved so far: the indicators of its latest accepted
/// report (the impact summary, the grant's dossier and the public showcase
/// count the same), from its reports as (place in the schedule, state,
/// indicators); `None` before a report is accepted.
pub(crate) fn achieved<'a>(
    reports: impl IntoIterator<Item = (usize, &'a str, &'a BTreeMap<String, u64>)>,
) -> Option<BTreeMap<String, u64>> {
    reports
        .into_iter()
        .filter(|(_, state, _)| *state == names::ACCEPTED)
        .max_by_key(|(at, ..)| *at)
        .map(|(.., indicators)| indicators.clone())
}

/// [`achieved`] of a grant's report records.
pub(crate) fn achieved_of(reports: &[ReportRecord]) -> Option<BTreeMap<String, u64>> {
    achieved(reports.iter().map(|r| {
        (
            usize::from(r.position),
            r.state.as_str(),
            &r.content.indicators,
        )
    }))
}

/// An indicator with its name in the reader's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorView {
    /// Its key.
    pub key: String,
    /// Its name.
    pub name: String,
}

/// One country's line of the impact summary.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountryImpact {
    /// The country (ISO 3166-1 alpha-2).
    pub country: String,
    /// What its grants achieved.
    #[serde(flatten)]
    pub row: rules::ImpactRow,
}

/// What the money built, and where.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImpactView {
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The indicators counted, in the programme's order.
    pub indicators: Vec<IndicatorView>,
    /// One line per country with grants, by country code.
    pub countries: Vec<CountryImpact>,
    /// The whole programme: the sum of the countries.
    pub total: rules::ImpactRow,
}

/// The programme's impact summary: indicators achieved against the
/// proposals' targets, reports on time or late, money paid against awarded,
/// per country and in total. Finance, programme managers and administrators.
pub async fn impact(app: &App, actor: &Actor, programme_id: ProgrammeId) -> AppResult<ImpactView> {
    actor.require_any(GRANT_READERS, "read_the_impact_summary")?;
    let c = app.store.conn();
    let programme = crate::programmes::load_programme(c, programme_id).await?;
    let filter = grant_store::GrantFilter {
        programme: Some(programme_id),
        ..grant_store::GrantFilter::default()
    };
    let grant_rows = grant_store::list_grants(c, &filter, None, u64::MAX >> 1).await?;
    let proposal_ids: Vec<ProposalId> = grant_rows.iter().map(|g| g.proposal_id).collect();
    let targets: HashMap<ProposalId, BTreeMap<String, u64>> =
        grants_store::proposals::find_many(c, &proposal_ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p.content.indicator_targets))
            .collect();
    let mut reports: HashMap<GrantId, Vec<ReportRecord>> = HashMap::new();
    for r in store::reports_in_programme(c, programme_id).await? {
        reports.entry(r.grant_id).or_default().push(r);
    }
    let book = crate::ledger::Book::read(c, &programme).await?;
    let now = app.now();
    let spec = &programme.spec;
    let outcomes: Vec<rules::GrantOutcome> = grant_rows
        .iter()
        .map(|g| {
            let own = reports.get(&g.id).map(Vec::as_slice).unwrap_or_default();
            rules::GrantOutcome {
                country: g.country,
                award: g.award,
                disbursed: book.grant(g).disbursed,
                targets: targets.get(&g.proposal_id).cloned().unwrap_or_default(),
                achieved: achieved_of(own),
                reports: own
                    .iter()
                    .filter(|r| r.state != names::CANCELLED)
                    .map(|r| {
                        rules::timeliness(
                            rules::deadline(r.due_on, spec.time_zone),
                            r.first_submitted_at,
                            now,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let summary = rules::impact(spec.currency, &outcomes);
    Ok(ImpactView {
        programme_id,
        indicators: spec
            .reporting
            .indicators
            .iter()
            .map(|i| IndicatorView {
                key: i.key.clone(),
                name: i.name(actor.locale, spec.default_locale),
            })
            .collect(),
        countries: summary
            .countries
            .into_iter()
            .map(|(country, row)| CountryImpact {
                country: country.to_string(),
                row,
            })
            .collect(),
        total: summary.total,
    })
}

/// The impact summary, one line per country and one for the programme, for a download.
pub async fn impact_table(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Column, Table};
    let impact = impact(app, actor, programme_id).await?;
    let mut table = Table::new(
        "impact",
        &[
            "country",
            "grants",
            "grants_reporting",
            "awarded",
            "disbursed",
            "currency",
            "reports_on_time",
            "reports_late",
            "reports_overdue",
            "reports_not_yet_due",
        ],
    );
    for i in &impact.indicators {
        for (suffix, heading) in [
            ("achieved", "export-column-indicator-achieved"),
            ("target", "export-column-indicator-target"),
        ] {
            table.columns.push(Column {
                name: format!("{}_{suffix}", i.key),
                heading: heading.to_owned(),
                args: vec![("indicator".to_owned(), i.name.clone())],
            });
        }
    }
    let row = |country: Cell, r: &rules::ImpactRow| {
        let mut cells = vec![
            country,
            Cell::count(r.grants),
            Cell::count(r.grants_reporting),
            Cell::Money(r.awarded),
            Cell::Money(r.disbursed),
            Cell::text(r.awarded.currency.to_string()),
            Cell::count(r.reports.on_time),
            Cell::count(r.reports.late),
            Cell::count(r.reports.overdue),
            Cell::count(r.reports.not_yet_due),
        ];
        for i in &impact.indicators {
            cells.push(Cell::count(r.achieved.get(&i.key).copied().unwrap_or(0)));
            cells.push(Cell::count(r.targets.get(&i.key).copied().unwrap_or(0)));
        }
        cells
    };
    table.rows = impact
        .countries
        .iter()
        .map(|c| row(Cell::Country(c.country.clone()), &c.row))
        .collect();
    table.rows.push(row(Cell::Term("all"), &impact.total));
    Ok(table)
}
