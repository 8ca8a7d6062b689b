//! Conversations on a proposal, a grant or a report: threads whose
//! audience is chosen when they start (the applicant with the staff, the
//! staff alone, the jury, the grantee with finance), messages with quoted
//! replies and mentions, an email to everyone else in the audience for
//! each message, and unread counts.
//!
//! Who is in an audience is `grants_domain::conversation`'s rule, applied
//! to what each person is to the subject now: a thread is read, written
//! and listed only by its audience, and anybody else gets the 404 of a
//! thread that does not exist, whatever ids they send.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::conversation::{self as rules, Audience, MENTIONS_MAX, Standing, ThreadSubject};
use grants_domain::{
    GrantId, MessageId, ProgrammeId, ProposalId, ReportId, Role, RoleGrant, ThreadId, UserId,
    ValidationErrors,
};
use grants_notify::{Letter, Notification};
use grants_store::ConnectionTrait;
use grants_store::conversations::{self as store, MessageRecord, ThreadRecord};
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals::ProposalRecord;
use grants_store::review::{self as review_store, AssignmentScope, review_state};
use grants_store::users::{self as user_store, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::names::proposal as proposal_states;
use crate::{Actor, App, AppError, AppResult};

/// Conversations, as the audit trail and attachments name them.
pub const SUBJECT: &str = "thread";

/// The longest excerpt of a message an email or a quote carries.
const EXCERPT: usize = 280;

/// What a conversation is on, as a request names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectRef {
    /// A proposal.
    Proposal(ProposalId),
    /// A grant.
    Grant(GrantId),
    /// A report.
    Report(ReportId),
}

impl SubjectRef {
    /// The subject of kind `kind` with id `id`.
    pub fn of(kind: ThreadSubject, id: Uuid) -> Self {
        match kind {
            ThreadSubject::Proposal => SubjectRef::Proposal(id.into()),
            ThreadSubject::Grant => SubjectRef::Grant(id.into()),
            ThreadSubject::Report => SubjectRef::Report(id.into()),
        }
    }
}

/// A conversation's subject as its readers see it named.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SubjectView {
    /// Proposal, grant or report.
    pub kind: ThreadSubject,
    /// Its id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The proposal's title (a grant's and a report's is their proposal's).
    pub title: String,
    /// A report's number on its grant (1 for the first).
    pub report_position: Option<u16>,
}

/// Someone in a conversation's audience.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    /// Their account.
    pub id: UserId,
    /// Their name.
    pub name: String,
}

/// A conversation as its list shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreadSummary {
    /// Its id.
    pub id: ThreadId,
    /// Who reads it.
    pub audience: Audience,
    /// What it is about.
    pub topic: String,
    /// Who started it.
    pub started_by: PersonView,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When its latest message was written.
    pub last_message_at: DateTime<Utc>,
    /// How many messages it holds.
    pub message_count: i64,
    /// How many of them the reader has not read.
    pub unread: i64,
}

/// The conversations on a subject that the reader is part of, and which
/// audiences they may start one with.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreadList {
    /// The programme's time zone, in which its moments are shown.
    #[schema(value_type = String, example = "Europe/Skopje")]
    pub time_zone: chrono_tz::Tz,
    /// The subject.
    pub subject: SubjectView,
    /// Its programme, whose time zone its moments are shown in.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// Conversations may be held on it: false on a draft proposal.
    pub open: bool,
    /// The audiences the reader may start a conversation with (none on a
    /// draft, and none for readers outside every audience).
    pub may_start: Vec<Audience>,
    /// The conversations, the latest written in first.
    pub threads: Vec<ThreadSummary>,
}

/// A message quoted by a reply.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuoteView {
    /// The message quoted.
    pub id: MessageId,
    /// Who wrote it.
    pub author: PersonView,
    /// Its beginning.
    pub excerpt: String,
}

/// One message.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageView {
    /// Its id.
    pub id: MessageId,
    /// Who wrote it.
    pub author: PersonView,
    /// What they wrote.
    pub body: String,
    /// The earlier message it answers, quoted.
    pub reply_to: Option<QuoteView>,
    /// The people it mentions.
    pub mentions: Vec<PersonView>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A conversation with every message, for someone in its audience.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreadView {
    /// The programme's time zone, in which its moments are shown.
    #[schema(value_type = String, example = "Europe/Skopje")]
    pub time_zone: chrono_tz::Tz,
    /// Its id.
    pub id: ThreadId,
    /// What it is on.
    pub subject: SubjectView,
    /// Its programme, whose time zone its moments are shown in.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// Who reads it.
    pub audience: Audience,
    /// Everyone in the audience now, the reader too.
    pub members: Vec<PersonView>,
    /// What it is about.
    pub topic: String,
    /// Who started it.
    pub started_by: PersonView,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Every message, in the order written.
    pub messages: Vec<MessageView>,
    /// How many messages the reader had not read before this reading.
    pub unread: i64,
    /// The files its audience attached, oldest first.
    pub attachments: Vec<crate::attachments::AttachmentView>,
    /// The largest file it takes, in bytes: its programme's limit.
    pub attachment_limit: u64,
}

/// A new conversation and its first message.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThreadInput {
    /// Who reads it: `applicants`, `staff` or `jury` on a proposal;
    /// `grantee` or `staff` on a grant or a report.
    pub audience: String,
    /// What it is about: one line, at most 200 characters.
    pub topic: String,
    /// The first message: at most 20,000 characters.
    pub body: String,
    /// People of the audience the message mentions.
    #[serde(default)]
    pub mentions: Vec<UserId>,
}

/// A new message in a conversation.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessageInput {
    /// The message: at most 20,000 characters.
    pub body: String,
    /// An earlier message of the same conversation that this one answers.
    pub reply_to: Option<MessageId>,
    /// People of the audience the message mentions.
    #[serde(default)]
    pub mentions: Vec<UserId>,
}

/// A conversation with unread messages, for the reader's home page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnreadThread {
    /// The conversation.
    pub id: ThreadId,
    /// What it is on.
    pub subject: SubjectView,
    /// Its programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// Who reads it.
    pub audience: Audience,
    /// What it is about.
    pub topic: String,
    /// How many messages the reader has not read.
    pub unread: i64,
    /// When its latest message was written.
    pub last_message_at: DateTime<Utc>,
}

/// A subject loaded for a reader who may see it, with what its audiences
/// are made of.
struct Subject {
    kind: ThreadSubject,
    id: Uuid,
    programme: ProgrammeRecord,
    /// The applicant or grantee.
    holder: UserId,
    /// The other people on the proposal's team.
    team: Vec<UserId>,
    title: String,
    report_position: Option<u16>,
    /// The proposal, for its area and its jury; `None` on grants and reports.
    proposal: Option<ProposalRecord>,
}

impl Subject {
    /// The subject, if `actor` may see it; the 404 of its kind otherwise.
    async fn load(c: &impl ConnectionTrait, actor: &Actor, subject: SubjectRef) -> AppResult<Self> {
        match subject {
            SubjectRef::Proposal(id) => {
                let record = crate::proposals::load_visible(c, actor, id).await?;
                let programme = crate::programmes::load_programme(c, record.programme_id).await?;
                Ok(Subject {
                    kind: ThreadSubject::Proposal,
                    id: id.uuid(),
                    programme,
                    holder: record.owner_id,
                    team: team_of(c, id).await?,
                    title: record.content.title.clone().unwrap_or_default(),
                    report_position: None,
                    proposal: Some(record),
                })
            }
            SubjectRef::Grant(id) => {
                let grant = crate::grants::load_visible(c, actor, id).await?;
                let programme = crate::programmes::load_programme(c, grant.programme_id).await?;
                Ok(Subject {
                    kind: ThreadSubject::Grant,
                    id: id.uuid(),
                    programme,
                    holder: grant.grantee_id,
                    team: team_of(c, grant.proposal_id).await?,
                    title: crate::grants::title_of(c, &grant).await?,
                    report_position: None,
                    proposal: None,
                })
            }
            SubjectRef::Report(id) => {
                let report = crate::reports::load_visible(c, actor, id).await?;
                let grant = grants_store::grants::find_grant(c, report.grant_id)
                    .await?
                    .ok_or(AppError::NotFound("report"))?;
                let programme = crate::programmes::load_programme(c, report.programme_id).await?;
                Ok(Subject {
                    kind: ThreadSubject::Report,
                    id: id.uuid(),
                    programme,
                    holder: report.grantee_id,
                    team: team_of(c, grant.proposal_id).await?,
                    title: crate::grants::title_of(c, &grant).await?,
                    report_position: Some(report.position),
                    proposal: None,
                })
            }
        }
    }

    fn view(&self) -> SubjectView {
        SubjectView {
            kind: self.kind,
            id: self.id,
            title: self.title.clone(),
            report_position: self.report_position,
        }
    }

    /// Conversations start once a proposal is submitted: before, only its
    /// applicant sees it.
    fn open_to_conversations(&self) -> bool {
        self.proposal
            .as_ref()
            .is_none_or(|p| p.state != proposal_states::DRAFT)
    }

    /// The reviewers who sit on this proposal's jury: assigned and still
    /// expected, or done, without a conflict, and, where the programme
    /// shares reviews only after submission, with their own review in.
    async fn jurors(&self, c: &impl ConnectionTrait) -> AppResult<Vec<UserId>> {
        let Some(proposal) = &self.proposal else {
            return Ok(Vec::new());
        };
        let assignments: Vec<_> =
            review_store::assignments(c, AssignmentScope::Proposal(proposal.id))
                .await?
                .into_iter()
                .filter(|a| a.is_active())
                .collect();
        let submitted_first = self.programme.spec.review.share_reviews_after_submission;
        let states = if submitted_first {
            let ids: Vec<Uuid> = assignments.iter().map(|a| a.id).collect();
            review_store::review_states(c, &ids).await?
        } else {
            HashMap::new()
        };
        let mut jurors = Vec::new();
        for assignment in assignments {
            let in_ = !submitted_first
                || states.get(&assignment.id).map(String::as_str) == Some(review_state::SUBMITTED);
            let free = crate::jury::conflicts_on_pair(
                c,
                &self.programme.spec,
                proposal,
                assignment.reviewer_id,
            )
            .await?
            .is_some_and(|conflicts| conflicts.is_empty());
            if in_ && free {
                jurors.push(assignment.reviewer_id);
            }
        }
        Ok(jurors)
    }

    /// What a person holding `roles` is to the subject.
    fn standing(&self, person: UserId, roles: &[RoleGrant], jurors: &[UserId]) -> Standing {
        let holds = |role: Role| roles.iter().any(|g| g.role() == role);
        let area_ambassador = self.proposal.as_ref().is_some_and(|p| {
            roles.iter().any(|g| {
                g.role() == Role::Ambassador
                    && g.area()
                        .is_some_and(|a| a.covers(p.content.country, p.content.region.as_ref()))
            })
        });
        Standing {
            holder: person == self.holder || self.team.contains(&person),
            manager: holds(Role::ProgrammeManager),
            area_ambassador,
            finance: holds(Role::Finance),
            chair: holds(Role::JuryChair),
            juror: jurors.contains(&person),
        }
    }

    /// The audiences `actor` is in on this subject.
    async fn audiences_of(
        &self,
        c: &impl ConnectionTrait,
        actor: &Actor,
    ) -> AppResult<Vec<Audience>> {
        let jurors = if actor.has(Role::Reviewer) {
            self.jurors(c).await?
        } else {
            Vec::new()
        };
        let standing = self.standing(actor.id, &actor.roles, &jurors);
        Ok(self
            .kind
            .audiences()
            .iter()
            .copied()
            .filter(|a| a.includes(self.kind, &standing))
            .collect())
    }

    /// Everyone in `audience` now, active accounts only, in one read of
    /// the accounts.
    async fn members(
        &self,
        c: &impl ConnectionTrait,
        audience: Audience,
    ) -> AppResult<Vec<UserRecord>> {
        let jurors = if audience == Audience::Jury {
            self.jurors(c).await?
        } else {
            Vec::new()
        };
        let mut ids = jurors.clone();
        ids.push(self.holder);
        ids.extend(&self.team);
        let roles = [
            Role::ProgrammeManager,
            Role::Ambassador,
            Role::Finance,
            Role::JuryChair,
        ];
        let mut people: Vec<UserRecord> = user_store::find_people(c, &ids, &roles)
            .await?
            .into_iter()
            .filter(|person| {
                person.active
                    && audience
                        .includes(self.kind, &self.standing(person.id, &person.roles, &jurors))
            })
            .collect();
        people.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        Ok(people)
    }
}

/// The members of a proposal's team besides its lead.
async fn team_of(c: &impl ConnectionTrait, proposal: ProposalId) -> AppResult<Vec<UserId>> {
    Ok(grants_store::teams::members(c, proposal)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

fn audience_of(thread: &ThreadRecord) -> AppResult<Audience> {
    Audience::parse(&thread.audience)
        .map_err(|_| AppError::internal(format!("thread {} has no known audience", thread.id)))
}

fn kind_of(thread: &ThreadRecord) -> AppResult<ThreadSubject> {
    ThreadSubject::parse(&thread.subject_type)
        .map_err(|_| AppError::internal(format!("thread {} has no known subject", thread.id)))
}

/// The thread with its subject, if `actor` is in its audience; the 404 of
/// a thread that does not exist otherwise.
async fn load_thread(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: ThreadId,
) -> AppResult<(ThreadRecord, Subject, Audience)> {
    let not_found = || AppError::NotFound("thread");
    let thread = store::find_thread(c, id).await?.ok_or_else(not_found)?;
    let audience = audience_of(&thread)?;
    let subject_ref = SubjectRef::of(kind_of(&thread)?, thread.subject_id);
    let subject = match Subject::load(c, actor, subject_ref).await {
        Ok(subject) => subject,
        Err(AppError::NotFound(_)) => return Err(not_found()),
        Err(other) => return Err(other),
    };
    if !subject.audiences_of(c, actor).await?.contains(&audience) {
        return Err(not_found());
    }
    Ok((thread, subject, audience))
}

/// The names of `ids`, read at once.
async fn names(c: &impl ConnectionTrait, ids: &[UserId]) -> AppResult<HashMap<UserId, String>> {
    Ok(user_store::find_people(c, ids, &[])
        .await?
        .into_iter()
        .map(|u| (u.id, u.name.to_string()))
        .collect())
}

fn person(names: &HashMap<UserId, String>, id: UserId) -> PersonView {
    PersonView {
        id,
        name: names.get(&id).cloned().unwrap_or_default(),
    }
}

fn excerpt(body: &str) -> String {
    let mut cut: String = body.chars().take(EXCERPT).collect();
    if cut.len() < body.len() {
        cut.push('…');
    }
    cut
}

/// The conversations on `subject` that `actor` is part of.
pub async fn threads(app: &App, actor: &Actor, subject: SubjectRef) -> AppResult<ThreadList> {
    let c = app.store.conn();
    let subject = Subject::load(c, actor, subject).await?;
    list_on(c, actor, subject).await
}

/// The conversations on a proposal the caller already loaded for `actor`,
/// for its page.
pub(crate) async fn on_proposal(
    c: &impl ConnectionTrait,
    actor: &Actor,
    record: &ProposalRecord,
    programme: &ProgrammeRecord,
) -> AppResult<ThreadList> {
    let subject = Subject {
        kind: ThreadSubject::Proposal,
        id: record.id.uuid(),
        programme: programme.clone(),
        holder: record.owner_id,
        team: team_of(c, record.id).await?,
        title: record.content.title.clone().unwrap_or_default(),
        report_position: None,
        proposal: Some(record.clone()),
    };
    list_on(c, actor, subject).await
}

async fn list_on(
    c: &impl ConnectionTrait,
    actor: &Actor,
    subject: Subject,
) -> AppResult<ThreadList> {
    let mine = subject.audiences_of(c, actor).await?;
    let threads: Vec<ThreadRecord> = store::threads_of(c, subject.kind.as_str(), subject.id)
        .await?
        .into_iter()
        .filter(|t| audience_of(t).is_ok_and(|a| mine.contains(&a)))
        .collect();
    let ids: Vec<ThreadId> = threads.iter().map(|t| t.id).collect();
    let unread = store::unread_in(c, actor.id, &ids).await?;
    let starters: Vec<UserId> = threads.iter().map(|t| t.started_by).collect();
    let names = names(c, &starters).await?;
    let threads = threads
        .into_iter()
        .map(|t| {
            Ok(ThreadSummary {
                audience: audience_of(&t)?,
                unread: unread.get(&t.id).copied().unwrap_or(0),
                started_by: person(&names, t.started_by),
                id: t.id,
                topic: t.topic,
                created_at: t.created_at,
                last_message_at: t.last_message_at,
                message_count: t.message_count,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(ThreadList {
        time_zone: subject.programme.spec.time_zone,
        programme_id: subject.programme.id,
        subject: subject.view(),
        open: subject.open_to_conversations(),
        may_start: if subject.open_to_conversations() {
            mine
        } else {
            Vec::new()
        },
        threads,
    })
}

/// Checks the mentions of a message: people of the audience, each once.
fn check_mentions(
    errors: &mut ValidationErrors,
    mentions: &[UserId],
    members: &[UserRecord],
) -> Vec<UserId> {
    if mentions.len() > MENTIONS_MAX {
        errors.push_limits(
            "mentions",
            "too_many",
            format!("at most {MENTIONS_MAX} mentions"),
            &[("max", MENTIONS_MAX as i64)],
        );
        return Vec::new();
    }
    let mut kept = Vec::new();
    for (i, id) in mentions.iter().enumerate() {
        if !members.iter().any(|m| m.id == *id) {
            errors.push(
                format!("mentions[{i}]"),
                "not_in_audience",
                "this person is not in the conversation's audience",
            );
        } else if !kept.contains(id) {
            kept.push(*id);
        }
    }
    kept
}

/// `actor` starts a conversation on `subject` with `audience`, whose first
/// message is `body`: everyone else in the audience is emailed.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn start(
    app: &App,
    actor: &Actor,
    subject: SubjectRef,
    input: NewThreadInput,
) -> AppResult<ThreadView> {
    let tx = app.store.begin().await?;
    let subject = Subject::load(&tx, actor, subject).await?;
    if !subject.open_to_conversations() {
        return Err(AppError::conflict("conversation-on-draft").done());
    }
    let mut errors = ValidationErrors::default();
    let audience = errors.check("audience", Audience::parse(&input.audience));
    // The audience the actor may start, whose people the mentions are checked against.
    let mut offered = None;
    if let Some(audience) = audience {
        if !subject.kind.audiences().contains(&audience) {
            errors.push(
                "audience",
                "audience_not_offered",
                "this subject has no such audience",
            );
        } else if !subject.audiences_of(&tx, actor).await?.contains(&audience) {
            errors.push(
                "audience",
                "audience_not_offered",
                "you are not in this audience",
            );
        } else {
            offered = Some(audience);
        }
    }
    let topic = rules::check_topic(&mut errors, "topic", &input.topic);
    let body = rules::check_body(&mut errors, "body", &input.body);
    let (members, mentions) = match offered {
        Some(audience) => {
            let members = subject.members(&tx, audience).await?;
            let mentions = check_mentions(&mut errors, &input.mentions, &members);
            (members, mentions)
        }
        // Without an audience there is nobody to mention yet.
        None => (Vec::new(), Vec::new()),
    };
    let (Some(audience), Some(topic), Some(body)) = (offered, topic, body) else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let now = app.now();
    let thread = ThreadRecord {
        id: ThreadId::new(),
        subject_type: subject.kind.as_str().to_owned(),
        subject_id: subject.id,
        programme_id: subject.programme.id,
        audience: audience.as_str().to_owned(),
        topic,
        started_by: actor.id,
        created_at: now,
        last_message_at: now,
        message_count: 0,
    };
    store::insert_thread(&tx, &thread).await?;
    let message = MessageRecord {
        id: MessageId::new(),
        thread_id: thread.id,
        author_id: actor.id,
        body,
        reply_to: None,
        mentions,
        created_at: now,
    };
    deliver(&tx, app, actor, (&thread, &subject), &message, &members).await?;
    let shown = view(&tx, (thread.id, &subject, audience), members, 0).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(thread.id = %thread.id, audience = audience.as_str(), "conversation started");
    Ok(shown)
}

/// `actor` writes in a conversation of theirs; everyone else in its
/// audience is emailed.
#[tracing::instrument(skip_all, fields(actor = %actor.id, thread.id = %id))]
pub async fn post(
    app: &App,
    actor: &Actor,
    id: ThreadId,
    input: NewMessageInput,
) -> AppResult<ThreadView> {
    let tx = app.store.begin().await?;
    let (thread, subject, audience) = load_thread(&tx, actor, id).await?;
    let mut errors = ValidationErrors::default();
    let body = rules::check_body(&mut errors, "body", &input.body);
    if let Some(reply_to) = input.reply_to {
        let same_thread = store::find_message(&tx, reply_to)
            .await?
            .is_some_and(|m| m.thread_id == id);
        if !same_thread {
            errors.push(
                "reply_to",
                "not_in_thread",
                "no such message in this conversation",
            );
        }
    }
    let members = subject.members(&tx, audience).await?;
    let mentions = check_mentions(&mut errors, &input.mentions, &members);
    let Some(body) = body.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    let message = MessageRecord {
        id: MessageId::new(),
        thread_id: id,
        author_id: actor.id,
        body,
        reply_to: input.reply_to,
        mentions,
        created_at: app.now(),
    };
    deliver(&tx, app, actor, (&thread, &subject), &message, &members).await?;
    let shown = view(&tx, (id, &subject, audience), members, 0).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(message.id = %message.id, "message written");
    Ok(shown)
}

/// Stores `message` and queues its email for everyone in the audience but
/// its author, in their language, as their daily summary or at once.
async fn deliver(
    tx: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    (thread, subject): (&ThreadRecord, &Subject),
    message: &MessageRecord,
    members: &[UserRecord],
) -> AppResult<()> {
    let readers: Vec<UserId> = members.iter().map(|m| m.id).collect();
    store::add_message(tx, message, &readers).await?;
    let thread_url = app.link(&format!("/app/threads/{}", thread.id));
    let letters = members
        .iter()
        .filter(|m| m.id != actor.id)
        .map(|member| {
            let notification = Notification::MessagePosted(grants_notify::MessagePosted {
                proposal_title: subject.title.clone(),
                topic: thread.topic.clone(),
                author_name: actor.name.clone(),
                excerpt: excerpt(&message.body),
                thread_url: thread_url.clone(),
                mentions_you: message.mentions.contains(&member.id),
            });
            let letter = Letter {
                envelope: crate::proposals::envelope(member, &subject.programme),
                notification,
            };
            let key = format!("message_posted:{}:{}", message.id, member.id);
            (member, letter, key)
        })
        .collect();
    crate::mail::enqueue_all(
        tx,
        app,
        ("thread", thread.id.uuid()),
        letters,
        message.created_at,
    )
    .await
}

/// The whole conversation as `actor` reads it.
async fn view(
    c: &impl ConnectionTrait,
    (id, subject, audience): (ThreadId, &Subject, Audience),
    members: Vec<UserRecord>,
    unread: i64,
) -> AppResult<ThreadView> {
    let thread = store::find_thread(c, id)
        .await?
        .ok_or(AppError::NotFound("thread"))?;
    let messages = store::messages_of(c, id).await?;
    let attachments =
        crate::attachments::of_visible(c, crate::attachments::AttachmentParent::Thread(id)).await?;
    let mut uploaders: Vec<UserId> = attachments.iter().map(|a| a.uploaded_by).collect();
    let mut ids: Vec<UserId> = messages
        .iter()
        .flat_map(|m| std::iter::once(m.author_id).chain(m.mentions.iter().copied()))
        .collect();
    ids.push(thread.started_by);
    ids.append(&mut uploaders);
    let mut names = names(c, &ids).await?;
    for member in &members {
        names.insert(member.id, member.name.to_string());
    }
    let by_id: HashMap<MessageId, &MessageRecord> = messages.iter().map(|m| (m.id, m)).collect();
    let shown = messages
        .iter()
        .map(|m| MessageView {
            id: m.id,
            author: person(&names, m.author_id),
            body: m.body.clone(),
            reply_to: m
                .reply_to
                .and_then(|r| by_id.get(&r))
                .map(|quoted| QuoteView {
                    id: quoted.id,
                    author: person(&names, quoted.author_id),
                    excerpt: excerpt(&quoted.body),
                }),
            mentions: m.mentions.iter().map(|p| person(&names, *p)).collect(),
            created_at: m.created_at,
        })
        .collect();
    Ok(ThreadView {
        time_zone: subject.programme.spec.time_zone,
        id,
        subject: subject.view(),
        programme_id: subject.programme.id,
        audience,
        members: members
            .iter()
            .map(|m| PersonView {
                id: m.id,
                name: m.name.to_string(),
            })
            .collect(),
        topic: thread.topic,
        started_by: person(&names, thread.started_by),
        created_at: thread.created_at,
        messages: shown,
        unread,
        attachments,
        attachment_limit: subject.programme.spec.reporting.max_attachment_bytes,
    })
}

/// The largest file conversation `id` takes, if `actor` is in its
/// audience; the 404 of a thread otherwise.
pub(crate) async fn attachment_limit(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: ThreadId,
) -> AppResult<u64> {
    let (_, subject, _) = load_thread(c, actor, id).await?;
    Ok(subject.programme.spec.reporting.max_attachment_bytes)
}

/// The conversation `id`, for someone in its audience. Reading it here
/// does not mark it read: [`read`] does.
pub async fn thread(app: &App, actor: &Actor, id: ThreadId) -> AppResult<ThreadView> {
    let c = app.store.conn();
    let (_, subject, audience) = load_thread(c, actor, id).await?;
    let unread = store::unread_in(c, actor.id, &[id]).await?;
    let members = subject.members(c, audience).await?;
    view(
        c,
        (id, &subject, audience),
        members,
        unread.get(&id).copied().unwrap_or(0),
    )
    .await
}

/// `actor` reads conversation `id`: it is returned, and nothing in it is
/// unread any more.
pub async fn read(app: &App, actor: &Actor, id: ThreadId) -> AppResult<ThreadView> {
    let shown = thread(app, actor, id).await?;
    store::mark_read(app.store.conn(), id, actor.id).await?;
    Ok(shown)
}

/// How many messages `actor` has not read on each of `ids` (proposals,
/// grants or reports, as `kind` says), across the conversations that
/// reached them; subjects without any are left out. For the lists.
pub async fn unread_on(
    app: &App,
    actor: &Actor,
    kind: ThreadSubject,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, i64>> {
    Ok(store::unread_by_subject(app.store.conn(), actor.id, kind.as_str(), ids).await?)
}

/// The most conversations with unread messages the home page lists.
const MOST_UNREAD: u64 = 20;

/// The conversations with messages `actor` has not read, the latest
/// written in first: only those whose audience they are still in.
pub async fn unread(app: &App, actor: &Actor) -> AppResult<Vec<UnreadThread>> {
    let c = app.store.conn();
    let mut found = Vec::new();
    for (thread, unread) in store::unread_threads(c, actor.id, MOST_UNREAD).await? {
        match load_thread(c, actor, thread.id).await {
            Ok((thread, subject, audience)) => found.push(UnreadThread {
                id: thread.id,
                subject: subject.view(),
                programme_id: subject.programme.id,
                audience,
                topic: thread.topic,
                unread,
                last_message_at: thread.last_message_at,
            }),
            Err(AppError::NotFound(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(found)
}
