//! What waits for the reader: the home page's to-do list. Each role's
//! entries come from the same states the workflows wait in (a requested
//! tranche waits for a second person of finance, a reviewed proposal for a
//! decision), read through the same visibility as the lists they link to,
//! so a count on the home page is what the linked list shows.

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::{GrantId, Money, Role};
use grants_store::ConnectionTrait;
use grants_store::grants::{self as grant_store, GrantFilter};
use grants_store::proposals::{self as proposal_store, ProposalFilter};
use grants_store::reports::{self as report_store, ReportFilter};
use grants_store::review::{assignment_state, review_state};
use serde::Serialize;
use utoipa::ToSchema;

use crate::names::{grant, proposal, report, tranche};
use crate::{Actor, App, AppResult};

/// What is to be done, in the reader's words once translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TodoKind {
    /// A draft of the reader's to finish and submit.
    FinishDraft,
    /// A proposal of the reader's sent back for changes.
    MakeChanges,
    /// A grant agreement waiting for the reader to accept it.
    AcceptAgreement,
    /// A report the reader owes (due, late, or sent back).
    WriteReport,
    /// A review assignment to accept or decline.
    AnswerAssignment,
    /// A review to write and submit.
    WriteReview,
    /// Submitted proposals to screen (a count).
    Screen,
    /// Reviewed proposals waiting for a decision (a count).
    Decide,
    /// Submitted reports to read and accept (a count).
    ReadReports,
    /// A payment another person requested, waiting for the reader's approval.
    ApprovePayment,
    /// An approved payment to make and record.
    RecordPayment,
    /// A grant of the reader's with no bank details to pay into.
    EnterBankDetails,
    /// A change of a grant's bank details waiting for a second person.
    ConfirmBankDetails,
}

/// One entry of the to-do list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TodoItem {
    /// What to do.
    pub kind: TodoKind,
    /// Where to do it: the page's path.
    pub link: String,
    /// How many, for entries that stand for a list.
    pub count: Option<u64>,
    /// The proposal's title, for entries about one.
    pub title: Option<String>,
    /// By when, where there is a deadline.
    pub due_at: Option<DateTime<Utc>>,
    /// By which day, for reports.
    pub due_on: Option<NaiveDate>,
    /// True when it is already late.
    pub late: bool,
    /// The amount, for payments.
    pub amount: Option<Money>,
    /// Its programme, whose time zone its moments are shown in.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub programme_id: Option<grants_domain::ProgrammeId>,
}

impl TodoItem {
    /// An entry about one thing of a programme: a proposal, a grant, a review.
    fn about(
        kind: TodoKind,
        link: String,
        title: Option<String>,
        programme_id: grants_domain::ProgrammeId,
    ) -> TodoItem {
        TodoItem {
            title,
            programme_id: Some(programme_id),
            ..TodoItem::new(kind, link)
        }
    }

    /// An entry about a grant's agreement, payment or report, named by the
    /// grant's proposal; `None` when the grant is gone.
    async fn about_grant(
        c: &impl ConnectionTrait,
        kind: TodoKind,
        link: String,
        grant: GrantId,
    ) -> AppResult<Option<TodoItem>> {
        let Some(g) = grant_store::find_grant(c, grant).await? else {
            return Ok(None);
        };
        let title = crate::grants::title_of(c, &g).await?;
        let mut item = TodoItem::about(kind, link, Some(title), g.programme_id);
        item.amount = Some(g.award);
        Ok(Some(item))
    }

    fn new(kind: TodoKind, link: String) -> TodoItem {
        TodoItem {
            kind,
            link,
            count: None,
            title: None,
            due_at: None,
            due_on: None,
            late: false,
            amount: None,
            programme_id: None,
        }
    }
}

/// The most entries about single things one kind lists; past it, the
/// lists behind the navigation hold the rest.
const MOST: u64 = 20;

/// Everything waiting for `actor`, most pressing kinds first.
pub async fn of(app: &App, actor: &Actor) -> AppResult<Vec<TodoItem>> {
    let c = app.store.conn();
    let mut items = Vec::new();
    if actor.has(Role::Applicant) {
        own_proposals(app, actor, &mut items).await?;
        own_grants(c, actor, &mut items).await?;
        own_reports(c, actor, &mut items).await?;
    }
    if actor.has(Role::Reviewer) {
        assignments(app, actor, &mut items).await?;
    }
    let reach = crate::account::Reach::of(actor);
    if reach.screening {
        counted(
            app,
            actor,
            proposal::SUBMITTED,
            TodoKind::Screen,
            &mut items,
        )
        .await?;
    }
    if actor.has(Role::ProgrammeManager) {
        counted(app, actor, proposal::REVIEWED, TodoKind::Decide, &mut items).await?;
        let filter = ReportFilter {
            states: vec![report::SUBMITTED.to_owned()],
            ..Default::default()
        };
        let waiting = report_store::count_reports(c, &filter).await?;
        if waiting > 0 {
            let mut item = TodoItem::new(
                TodoKind::ReadReports,
                format!("/app/reports?state={}", report::SUBMITTED),
            );
            item.count = Some(waiting);
            items.push(item);
        }
    }
    if actor.has(Role::Finance) {
        payments(c, actor, &mut items).await?;
    }
    for grant in crate::bank::waiting_for(c, actor, MOST).await? {
        let link = format!("/app/grants/{grant}#bank");
        items.extend(TodoItem::about_grant(c, TodoKind::ConfirmBankDetails, link, grant).await?);
    }
    Ok(items)
}

/// The reader's drafts and the proposals sent back to them.
async fn own_proposals(app: &App, actor: &Actor, items: &mut Vec<TodoItem>) -> AppResult<()> {
    let c = app.store.conn();
    let visibility = proposal_store::Visibility {
        owner: Some(actor.id),
        ..Default::default()
    };
    for (state, kind) in [
        (proposal::DRAFT, TodoKind::FinishDraft),
        (proposal::CHANGES_REQUESTED, TodoKind::MakeChanges),
    ] {
        let filter = ProposalFilter {
            state: Some(state.to_owned()),
            ..Default::default()
        };
        for p in proposal_store::list(c, &visibility, &filter, None, MOST).await? {
            let programme = crate::programmes::load_programme(c, p.programme_id).await?;
            let link = match kind {
                TodoKind::FinishDraft => format!("/app/proposals/{}/edit", p.id),
                _ => format!("/app/proposals/{}", p.id),
            };
            let mut item = TodoItem::about(kind, link, p.content.title.clone(), p.programme_id);
            if kind == TodoKind::FinishDraft {
                // A draft whose call has closed can no longer be submitted: not a task.
                if programme.spec.closes_at < app.now() {
                    continue;
                }
                item.due_at = Some(programme.spec.closes_at);
            }
            items.push(item);
        }
    }
    Ok(())
}

/// Agreements waiting for the reader.
async fn own_grants(
    c: &impl ConnectionTrait,
    actor: &Actor,
    items: &mut Vec<TodoItem>,
) -> AppResult<()> {
    let filter = GrantFilter {
        grantee: Some(actor.id),
        state: Some(grant::AGREEMENT_PENDING.to_owned()),
        ..GrantFilter::default()
    };
    for g in grant_store::list_grants(c, &filter, None, MOST).await? {
        let link = format!("/app/grants/{}", g.id);
        items.extend(TodoItem::about_grant(c, TodoKind::AcceptAgreement, link, g.id).await?);
    }
    // Finance cannot pay a grant that has nowhere to pay to.
    let running = GrantFilter {
        grantee: Some(actor.id),
        ..GrantFilter::default()
    };
    for g in grant_store::list_grants(c, &running, None, MOST).await? {
        if g.ended_at.is_none() && crate::bank::missing(c, g.id).await? {
            let link = format!("/app/grants/{}#bank", g.id);
            items.extend(TodoItem::about_grant(c, TodoKind::EnterBankDetails, link, g.id).await?);
        }
    }
    Ok(())
}

/// Reports the reader owes now: due, late, or sent back.
async fn own_reports(
    c: &impl ConnectionTrait,
    actor: &Actor,
    items: &mut Vec<TodoItem>,
) -> AppResult<()> {
    // Editors on a team write its reports as its lead does.
    let writes_for = actor
        .teams
        .iter()
        .filter(|m| m.role == grants_domain::team::TeamRole::Editor)
        .filter_map(|m| m.grant_id)
        .collect();
    let filter = ReportFilter {
        grantee: Some(actor.id),
        team_grants: writes_for,
        states: [report::DUE, report::OVERDUE, report::CHANGES_REQUESTED]
            .map(str::to_owned)
            .to_vec(),
        ..Default::default()
    };
    let mut owed = report_store::list_reports(c, &filter, None, MOST).await?;
    owed.sort_by_key(|r| r.due_on);
    for r in owed {
        let link = format!("/app/reports/{}", r.id);
        let Some(mut item) =
            TodoItem::about_grant(c, TodoKind::WriteReport, link, r.grant_id).await?
        else {
            continue;
        };
        item.amount = None;
        item.due_on = Some(r.due_on);
        item.late = r.state == report::OVERDUE;
        items.push(item);
    }
    Ok(())
}

/// Assignments to answer, and reviews to write, soonest due first.
async fn assignments(app: &App, actor: &Actor, items: &mut Vec<TodoItem>) -> AppResult<()> {
    let mut mine = crate::assignments::mine(app, actor).await?;
    mine.sort_by_key(|a| a.due_at);
    for a in mine {
        let kind = match a.state.as_str() {
            assignment_state::INVITED => TodoKind::AnswerAssignment,
            assignment_state::ACCEPTED
                if a.review_state.as_deref() != Some(review_state::SUBMITTED) =>
            {
                TodoKind::WriteReview
            }
            _ => continue,
        };
        let link = format!("/app/assignments/{}", a.id);
        let mut item = TodoItem::about(kind, link, Some(a.proposal_title), a.programme_id);
        item.due_at = Some(a.due_at);
        item.late = a.overdue;
        items.push(item);
    }
    Ok(())
}

/// A count of the proposals in `state` the reader sees, linking to that list.
async fn counted(
    app: &App,
    actor: &Actor,
    state: &str,
    kind: TodoKind,
    items: &mut Vec<TodoItem>,
) -> AppResult<()> {
    let visibility = crate::proposals::visibility(app, actor).await?;
    let filter = ProposalFilter {
        state: Some(state.to_owned()),
        ..Default::default()
    };
    let n = proposal_store::count(app.store.conn(), &visibility, &filter).await?;
    if n > 0 {
        let mut item = TodoItem::new(kind, format!("/app/proposals?state={state}"));
        item.count = Some(n);
        items.push(item);
    }
    Ok(())
}

/// Payments waiting for finance: to approve (those another person
/// requested: four eyes) and to make.
async fn payments(
    c: &impl ConnectionTrait,
    actor: &Actor,
    items: &mut Vec<TodoItem>,
) -> AppResult<()> {
    let waiting =
        grant_store::tranches_in_states(c, &[tranche::REQUESTED, tranche::APPROVED]).await?;
    for t in waiting {
        let kind = if t.state == tranche::REQUESTED {
            // The one who asked may not approve: it waits for someone else.
            if t.requested.is_some_and(|(by, _)| by == actor.id) {
                continue;
            }
            TodoKind::ApprovePayment
        } else {
            TodoKind::RecordPayment
        };
        let link = format!("/app/grants/{}#tranche-{}", t.grant_id, t.key);
        if let Some(mut item) = TodoItem::about_grant(c, kind, link, t.grant_id).await? {
            item.amount = Some(t.amount);
            items.push(item);
        }
    }
    Ok(())
}
