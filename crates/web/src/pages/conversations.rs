//! Conversations: the section on a proposal's, a grant's and a report's
//! page listing the reader's threads, the page that starts one with an
//! audience, and a thread's page, where reading marks it read and the
//! reader answers, quoting a message and mentioning people. Who is in an
//! audience and who may start which come from `grants_app::conversations`.

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::{DateTime, Utc};
use grants_app::conversations::{
    self, NewMessageInput, NewThreadInput, SubjectRef, ThreadList, ThreadView, UnreadThread,
};
use grants_app::{Actor, AppError};
use grants_domain::conversation::{Audience, ThreadSubject};
use grants_domain::{MessageId, ThreadId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::forms::{Problems, top_field};
use super::{OrPage, Visit, render, render_status};
use crate::i18n::{Args, text, text_with};
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// A catalogue text with named arguments; counts pass as numbers, so
/// that the catalogue picks the plural form.
fn say(viewer: &Viewer, key: &str, args: &[(&'static str, Arg)]) -> String {
    let mut named = Args::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(t) => t.clone().into(),
            Arg::Count(n) => (*n).into(),
        };
        named.insert((*name).into(), value);
    }
    text_with(viewer.locale, key, &named)
}

/// An argument of [`say`].
enum Arg {
    Text(String),
    Count(i64),
}

fn moment(viewer: &Viewer, time_zone: chrono_tz::Tz, at: DateTime<Utc>) -> String {
    grants_app::Formatter::new(viewer.locale, time_zone).date_time(at)
}

/// Where a subject's page is.
fn subject_href(kind: ThreadSubject, id: Uuid) -> String {
    match kind {
        ThreadSubject::Proposal => format!("/app/proposals/{id}"),
        ThreadSubject::Grant => format!("/app/grants/{id}"),
        ThreadSubject::Report => format!("/app/reports/{id}"),
    }
}

/// An audience's name, in the reader's language.
fn audience_label(viewer: &Viewer, audience: Audience) -> String {
    text(
        viewer.locale,
        &format!("conversation-audience-{}", audience.as_str()),
    )
}

/// Who an audience holds, in the reader's language: staff differ on a
/// proposal and on a grant or a report.
fn audience_who(viewer: &Viewer, audience: Audience, kind: ThreadSubject) -> String {
    let key = match (audience, kind) {
        (Audience::Staff, ThreadSubject::Proposal) => {
            "conversation-audience-staff-who-proposal".to_owned()
        }
        (Audience::Staff, _) => "conversation-audience-staff-who-grant".to_owned(),
        (other, _) => format!("conversation-audience-{}-who", other.as_str()),
    };
    text(viewer.locale, &key)
}

/// What a conversation is on, as a sentence.
fn subject_name(viewer: &Viewer, subject: &conversations::SubjectView) -> String {
    let title = if subject.title.is_empty() {
        text(viewer.locale, "untitled")
    } else {
        subject.title.clone()
    };
    match subject.report_position {
        Some(position) => say(
            viewer,
            "conversation-report-on",
            &[
                ("position", Arg::Count(i64::from(position))),
                ("title", Arg::Text(title)),
            ],
        ),
        None => title,
    }
}

/// One conversation in a subject's list.
#[derive(Debug, Serialize)]
struct ThreadRow {
    href: String,
    topic: String,
    audience: String,
    started_by: String,
    last: String,
    messages: String,
    unread: Option<String>,
}

/// The conversations section of a proposal's, a grant's or a report's page.
#[derive(Debug, Serialize)]
pub(super) struct ThreadsSection {
    /// Whether the page shows the section: to whoever has a conversation
    /// there or may start one, and to the applicant of a draft.
    shown: bool,
    threads: Vec<ThreadRow>,
    /// Where to start one, when the reader may.
    start: Option<String>,
    /// None may start yet: the proposal is a draft.
    closed: bool,
}

impl ThreadsSection {
    /// The section for `list`.
    pub(super) fn new(viewer: &Viewer, list: ThreadList) -> ThreadsSection {
        let base = subject_href(list.subject.kind, list.subject.id);
        ThreadsSection {
            shown: !list.threads.is_empty() || !list.may_start.is_empty() || !list.open,
            closed: !list.open,
            start: (!list.may_start.is_empty()).then(|| format!("{base}/threads/new")),
            threads: list
                .threads
                .into_iter()
                .map(|t| ThreadRow {
                    href: format!("/app/threads/{}", t.id),
                    topic: t.topic,
                    audience: audience_label(viewer, t.audience),
                    started_by: say(
                        viewer,
                        "conversation-started-by",
                        &[("name", Arg::Text(t.started_by.name))],
                    ),
                    last: moment(viewer, list.time_zone, t.last_message_at),
                    messages: say(
                        viewer,
                        "conversation-messages",
                        &[("count", Arg::Count(t.message_count))],
                    ),
                    unread: (t.unread > 0).then(|| {
                        say(
                            viewer,
                            "conversation-unread",
                            &[("count", Arg::Count(t.unread))],
                        )
                    }),
                })
                .collect(),
        }
    }
}

/// The conversations section for `subject`, as its page shows it.
pub(super) async fn section(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    subject: SubjectRef,
) -> Result<ThreadsSection, PageError> {
    let list = conversations::threads(&state.app, actor, subject)
        .await
        .or_page(viewer)?;
    Ok(ThreadsSection::new(viewer, list))
}

/// An audience to choose when starting a conversation.
#[derive(Debug, Serialize)]
struct AudienceChoice {
    value: &'static str,
    label: String,
    who: String,
    checked: bool,
}

#[derive(Debug, Serialize)]
struct NewThreadPage {
    back: String,
    on: String,
    action: String,
    audiences: Vec<AudienceChoice>,
    topic: String,
    body: String,
    errors: std::collections::BTreeMap<String, String>,
    error: Option<String>,
}

/// What the start form sends.
#[derive(Debug, Deserialize)]
pub(crate) struct NewThreadForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    audience: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    body: String,
}

async fn new_thread_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    (kind, id): (ThreadSubject, Uuid),
    form: Option<&NewThreadForm>,
    error: Option<&AppError>,
) -> Result<Response, PageError> {
    let list = conversations::threads(&state.app, actor, SubjectRef::of(kind, id))
        .await
        .or_page(viewer)?;
    if !list.open {
        return Err(viewer.error_page(AppError::conflict("conversation-on-draft").done()));
    }
    if list.may_start.is_empty() {
        // In no audience of the subject: there is nothing here for them.
        return Err(viewer.error_page(AppError::NotFound("thread")));
    }
    let base = subject_href(kind, id);
    let chosen = form.map(|f| f.audience.as_str()).unwrap_or_default();
    let only = list.may_start.len() == 1;
    let problems = error.map(|e| Problems::of(viewer, e, |path| Some(top_field(path).to_owned())));
    let page = NewThreadPage {
        back: format!("{base}#conversations"),
        on: subject_name(viewer, &list.subject),
        action: format!("{base}/threads"),
        audiences: list
            .may_start
            .iter()
            .map(|&a| AudienceChoice {
                value: a.as_str(),
                label: audience_label(viewer, a),
                who: audience_who(viewer, a, kind),
                checked: only || chosen == a.as_str(),
            })
            .collect(),
        topic: form.map(|f| f.topic.clone()).unwrap_or_default(),
        body: form.map(|f| f.body.clone()).unwrap_or_default(),
        error: problems.as_ref().and_then(Problems::on_top),
        errors: problems.map(|p| p.fields).unwrap_or_default(),
    };
    let status = error.map_or(axum::http::StatusCode::OK, status_of);
    Ok(render_status(
        status,
        viewer,
        "thread_new",
        "conversation-new-title",
        page,
    ))
}

async fn start_form(
    Visit(state, viewer): Visit,
    kind: ThreadSubject,
    raw: String,
) -> Result<Response, PageError> {
    let here = format!("/app/{}s/{raw}/threads/new", kind.as_str());
    let (actor, id): (_, Uuid) = viewer.signed_in_to(&here, &raw, kind.as_str())?;
    new_thread_page(&state, &viewer, actor, (kind, id), None, None).await
}

async fn start(
    Visit(state, viewer): Visit,
    kind: ThreadSubject,
    raw: String,
    form: NewThreadForm,
) -> Result<Response, PageError> {
    let here = format!("/app/{}s/{raw}/threads/new", kind.as_str());
    let (actor, id): (_, Uuid) = viewer.sent_to(&here, &form.csrf, &raw, kind.as_str())?;
    let input = NewThreadInput {
        audience: form.audience.clone(),
        topic: form.topic.clone(),
        body: form.body.clone(),
        mentions: Vec::new(),
    };
    match conversations::start(&state.app, actor, SubjectRef::of(kind, id), input).await {
        Ok(thread) => Ok(Redirect::to(&format!("/app/threads/{}", thread.id)).into_response()),
        Err(error) => {
            let error = viewer.refusal(error)?;
            new_thread_page(
                &state,
                &viewer,
                actor,
                (kind, id),
                Some(&form),
                Some(&error),
            )
            .await
        }
    }
}

/// The form that starts a conversation on a proposal.
pub(crate) async fn new_on_proposal(
    visit: Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    start_form(visit, ThreadSubject::Proposal, raw).await
}

/// The form that starts a conversation on a grant.
pub(crate) async fn new_on_grant(
    visit: Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    start_form(visit, ThreadSubject::Grant, raw).await
}

/// The form that starts a conversation on a report.
pub(crate) async fn new_on_report(
    visit: Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    start_form(visit, ThreadSubject::Report, raw).await
}

/// Starts a conversation on a proposal.
pub(crate) async fn start_on_proposal(
    visit: Visit,
    Path(raw): Path<String>,
    Form(form): Form<NewThreadForm>,
) -> Result<Response, PageError> {
    start(visit, ThreadSubject::Proposal, raw, form).await
}

/// Starts a conversation on a grant.
pub(crate) async fn start_on_grant(
    visit: Visit,
    Path(raw): Path<String>,
    Form(form): Form<NewThreadForm>,
) -> Result<Response, PageError> {
    start(visit, ThreadSubject::Grant, raw, form).await
}

/// Starts a conversation on a report.
pub(crate) async fn start_on_report(
    visit: Visit,
    Path(raw): Path<String>,
    Form(form): Form<NewThreadForm>,
) -> Result<Response, PageError> {
    start(visit, ThreadSubject::Report, raw, form).await
}

/// A message as the thread's page shows it.
#[derive(Debug, Serialize)]
struct MessageShown {
    id: String,
    author: String,
    mine: bool,
    when: String,
    body: String,
    quote: Option<Quote>,
    mentions: Option<String>,
    reply_href: String,
}

#[derive(Debug, Serialize)]
struct Quote {
    href: String,
    author: String,
    excerpt: String,
}

/// Someone of the audience to mention.
#[derive(Debug, Serialize)]
struct Mentionable {
    id: String,
    name: String,
    checked: bool,
}

/// A file of the conversation.
#[derive(Debug, Serialize)]
struct FileRow {
    id: String,
    file_name: String,
    size: String,
    by: String,
    when: String,
}

#[derive(Debug, Serialize)]
struct ThreadPage {
    id: String,
    files: Vec<FileRow>,
    file_limit: String,
    file_error: Option<String>,
    topic: String,
    on: String,
    back: String,
    audience: String,
    audience_who: String,
    members: String,
    messages: Vec<MessageShown>,
    /// The message being answered, quoted above the form.
    replying: Option<Quote>,
    reply_to: String,
    mentionable: Vec<Mentionable>,
    body: String,
    errors: std::collections::BTreeMap<String, String>,
    error: Option<String>,
}

/// What a thread's page is asked for: a message to answer.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ThreadQuery {
    reply_to: Option<String>,
}

/// What the answer form sends.
#[derive(Debug, Deserialize)]
pub(crate) struct MessageForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    reply_to: String,
    #[serde(default)]
    mentions: Vec<String>,
}

fn parse_uuid(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw.trim()).ok()
}

fn thread_page(
    viewer: &Viewer,
    actor: &Actor,
    thread: ThreadView,
    reply_to: Option<MessageId>,
    form: Option<&MessageForm>,
    error: Option<&AppError>,
) -> ThreadPage {
    let tz = thread.time_zone;
    let base = subject_href(thread.subject.kind, thread.subject.id);
    let mentioned: Vec<UserId> = form
        .map(|f| {
            f.mentions
                .iter()
                .filter_map(|m| parse_uuid(m))
                .map(UserId::from)
                .collect()
        })
        .unwrap_or_default();
    let quote_of = |id: MessageId| {
        thread.messages.iter().find(|m| m.id == id).map(|m| Quote {
            href: format!("#m-{}", m.id),
            author: m.author.name.clone(),
            excerpt: m.body.chars().take(280).collect(),
        })
    };
    let replying = reply_to.and_then(quote_of);
    let problems = error.map(|e| Problems::of(viewer, e, |path| Some(top_field(path).to_owned())));
    let names: std::collections::HashMap<UserId, String> = thread
        .members
        .iter()
        .chain(thread.messages.iter().map(|m| &m.author))
        .map(|p| (p.id, p.name.clone()))
        .collect();
    ThreadPage {
        files: thread
            .attachments
            .iter()
            .map(|a| FileRow {
                id: a.id.to_string(),
                file_name: a.file_name.to_string(),
                size: super::attachments::size_text(a.size_bytes),
                by: names.get(&a.uploaded_by).cloned().unwrap_or_default(),
                when: moment(viewer, tz, a.created_at),
            })
            .collect(),
        file_limit: super::attachments::size_text(thread.attachment_limit),
        file_error: None,
        id: thread.id.to_string(),
        on: subject_name(viewer, &thread.subject),
        back: format!("{base}#conversations"),
        audience: audience_label(viewer, thread.audience),
        audience_who: audience_who(viewer, thread.audience, thread.subject.kind),
        members: thread
            .members
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
        messages: thread
            .messages
            .iter()
            .map(|m| MessageShown {
                id: m.id.to_string(),
                author: m.author.name.clone(),
                mine: m.author.id == actor.id,
                when: moment(viewer, tz, m.created_at),
                body: m.body.clone(),
                quote: m.reply_to.as_ref().map(|q| Quote {
                    href: format!("#m-{}", q.id),
                    author: q.author.name.clone(),
                    excerpt: q.excerpt.clone(),
                }),
                mentions: (!m.mentions.is_empty()).then(|| {
                    let names: Vec<String> = m.mentions.iter().map(|p| p.name.clone()).collect();
                    say(
                        viewer,
                        "conversation-mentions",
                        &[("names", Arg::Text(names.join(", ")))],
                    )
                }),
                reply_href: format!("/app/threads/{}?reply_to={}#reply", thread.id, m.id),
            })
            .collect(),
        replying,
        reply_to: reply_to.map(|r| r.to_string()).unwrap_or_default(),
        mentionable: thread
            .members
            .iter()
            .filter(|m| m.id != actor.id)
            .map(|m| Mentionable {
                id: m.id.to_string(),
                name: m.name.clone(),
                checked: mentioned.contains(&m.id),
            })
            .collect(),
        body: form.map(|f| f.body.clone()).unwrap_or_default(),
        error: problems.as_ref().and_then(Problems::on_top),
        errors: problems.map(|p| p.fields).unwrap_or_default(),
        topic: thread.topic,
    }
}

/// A conversation's page: reading it marks it read.
pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(query): Query<ThreadQuery>,
) -> Result<Response, PageError> {
    let (actor, id): (_, ThreadId) =
        viewer.signed_in_to(&format!("/app/threads/{raw}"), &raw, "thread")?;
    let thread = conversations::read(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let reply_to = query
        .reply_to
        .as_deref()
        .and_then(parse_uuid)
        .map(MessageId::from);
    let page = thread_page(&viewer, actor, thread, reply_to, None, None);
    Ok(render(&viewer, "thread", "conversation-title", page))
}

/// Writes in a conversation, then shows it at the new message.
pub(crate) async fn post(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<MessageForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/threads/{raw}");
    let (actor, id): (_, ThreadId) = viewer.sent_to(&here, &form.csrf, &raw, "thread")?;
    let reply_to = parse_uuid(&form.reply_to).map(MessageId::from);
    let input = NewMessageInput {
        body: form.body.clone(),
        reply_to,
        mentions: form
            .mentions
            .iter()
            .filter_map(|m| parse_uuid(m))
            .map(UserId::from)
            .collect(),
    };
    match conversations::post(&state.app, actor, id, input).await {
        Ok(thread) => {
            let last = thread
                .messages
                .last()
                .map(|m| format!("#m-{}", m.id))
                .unwrap_or_default();
            Ok(Redirect::to(&format!("{here}{last}")).into_response())
        }
        Err(error) => {
            let error = viewer.refusal(error)?;
            let thread = conversations::thread(&state.app, actor, id)
                .await
                .or_page(&viewer)?;
            let page = thread_page(&viewer, actor, thread, reply_to, Some(&form), Some(&error));
            Ok(render_status(
                status_of(&error),
                &viewer,
                "thread",
                "conversation-title",
                page,
            ))
        }
    }
}

/// The unread-messages badge of each of `ids` in a list, in the reader's
/// words: `None` for those with nothing unread.
pub(super) async fn unread_badges(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    kind: ThreadSubject,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, PageError> {
    let unread = conversations::unread_on(&state.app, actor, kind, ids)
        .await
        .or_page(viewer)?;
    Ok(unread
        .into_iter()
        .map(|(id, n)| {
            (
                id,
                say(viewer, "conversation-unread", &[("count", Arg::Count(n))]),
            )
        })
        .collect())
}

/// The conversation's page again, with why a file was refused.
pub(super) async fn refused_file(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ThreadId,
    error: AppError,
) -> Result<Response, PageError> {
    let error = viewer.refusal(error)?;
    let thread = conversations::thread(&state.app, actor, id)
        .await
        .or_page(viewer)?;
    let mut page = thread_page(viewer, actor, thread, None, None, None);
    page.file_error = Problems::of(viewer, &error, |_| None).on_top();
    Ok(render_status(
        status_of(&error),
        viewer,
        "thread",
        "conversation-title",
        page,
    ))
}

/// A conversation with unread messages, on the home page.
#[derive(Debug, Serialize)]
pub(super) struct UnreadRow {
    href: String,
    text: String,
}

/// The home page's unread conversations, in the reader's words.
pub(super) fn unread_rows(viewer: &Viewer, unread: Vec<UnreadThread>) -> Vec<UnreadRow> {
    unread
        .into_iter()
        .map(|u| UnreadRow {
            href: format!("/app/threads/{}", u.id),
            text: say(
                viewer,
                "conversations-unread-item",
                &[
                    ("count", Arg::Count(u.unread)),
                    ("topic", Arg::Text(u.topic.clone())),
                    ("title", Arg::Text(subject_name(viewer, &u.subject))),
                ],
            ),
        })
        .collect()
}
