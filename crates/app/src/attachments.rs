//! Attachments: files uploaded to a proposal (and, later, to a report).
//!
//! Who may do what is decided in one place, [`authorise`], with one arm per
//! kind of parent: reading (the list, an attachment's details, its
//! download) is for whoever may see the parent, writing (uploading,
//! deleting) for whoever may change it. For a proposal that is everyone
//! [`crate::proposals`] lets see it, and its owner while it is a draft or
//! returned for changes. Anyone else gets a 404, as if it did not exist.
//!
//! An upload is checked as it streams in ([`FileCheck`]: the programme's
//! size limit, the type told from the bytes), written to a temporary file
//! in the attachment folder while its SHA-256 is computed, flushed to disk,
//! and only then, in one transaction that checks the permission and the
//! count again under a lock on the parent, renamed into place and
//! recorded. A refused or broken upload deletes its temporary file:
//! nothing is stored. The same bytes attached anywhere are kept once; the
//! same file (bytes and name) uploaded to the same parent again is not
//! added twice, so a retried upload is harmless.

mod folder;

use std::future::Future;

use chrono::{DateTime, SubsecRound, Utc};
use grants_domain::attachment::{FileCheck, FileName, MAX_PER_PARENT};
use grants_domain::{AttachmentId, ProposalId, ReportId, ThreadId, UserId};
use grants_store::ConnectionTrait;
use grants_store::attachments::{self as store, AttachmentRecord};
use grants_store::audit::{self, AuditEntry};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

pub(crate) use folder::Folder;

use crate::{Actor, App, AppError, AppResult};

/// What an attachment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentParent {
    /// A proposal.
    Proposal(ProposalId),
    /// An implementation report.
    Report(ReportId),
    /// A conversation: its audience reads the files, any of them adds one,
    /// and only whoever added a file removes it.
    Thread(ThreadId),
}

impl AttachmentParent {
    /// The kind of parent, as stored and as named on the audit trail.
    fn kind(self) -> &'static str {
        match self {
            AttachmentParent::Proposal(_) => "proposal",
            AttachmentParent::Report(_) => crate::reports::SUBJECT,
            AttachmentParent::Thread(_) => crate::conversations::SUBJECT,
        }
    }

    fn id(self) -> Uuid {
        match self {
            AttachmentParent::Proposal(id) => id.uuid(),
            AttachmentParent::Report(id) => id.uuid(),
            AttachmentParent::Thread(id) => id.uuid(),
        }
    }

    fn of(record: &AttachmentRecord) -> AppResult<AttachmentParent> {
        match record.parent_type.as_str() {
            "proposal" => Ok(AttachmentParent::Proposal(record.parent_id.into())),
            crate::reports::SUBJECT => Ok(AttachmentParent::Report(record.parent_id.into())),
            crate::conversations::SUBJECT => Ok(AttachmentParent::Thread(record.parent_id.into())),
            other => Err(AppError::internal(format!(
                "attachment {} belongs to an unknown kind of object '{other}'",
                record.id
            ))),
        }
    }
}

/// An attachment as shown to those who may see its parent.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttachmentView {
    /// The attachment's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: AttachmentId,
    /// The file's name, cleaned of folders and control characters.
    #[schema(value_type = String)]
    pub file_name: FileName,
    /// What the file is, as told from its bytes (not as the uploader said).
    pub content_type: String,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// The SHA-256 of its content, hex.
    pub sha256: String,
    /// Who uploaded it.
    #[schema(value_type = String, format = Uuid)]
    pub uploaded_by: UserId,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Where to download it.
    pub download_url: String,
}

impl From<AttachmentRecord> for AttachmentView {
    fn from(a: AttachmentRecord) -> Self {
        AttachmentView {
            download_url: format!("/attachments/{}/content", a.id),
            id: a.id,
            file_name: a.file_name,
            content_type: a.kind.mime().to_owned(),
            size_bytes: a.size_bytes,
            sha256: a.sha256,
            uploaded_by: a.uploaded_by,
            created_at: a.created_at,
        }
    }
}

/// A file arriving in a request, read a piece at a time so that it is
/// never held whole in memory.
pub trait IncomingFile: Send {
    /// A piece of the file.
    type Chunk: AsRef<[u8]> + Send;

    /// The file's name as the client gave it, if at all.
    fn file_name(&self) -> Option<&str>;

    /// The content type the client declared, if any.
    fn declared_type(&self) -> Option<&str>;

    /// The next piece; `None` at the end. A body that breaks off is
    /// [`AppError::Unreadable`]; one past the request's own cap,
    /// [`AppError::FileRefused`].
    fn next_chunk(&mut self) -> impl Future<Output = AppResult<Option<Self::Chunk>>> + Send;
}

/// Reads what is left of a refused file without keeping it, so that the
/// client, still sending, hears why: a server that answers and closes
/// with the body unread resets the connection, and the browser shows that
/// instead of the refusal. The request's own size and time caps bound it.
async fn discard_rest(file: &mut impl IncomingFile) {
    while let Ok(Some(_)) = file.next_chunk().await {}
}

/// An upload the actor may make, waiting for its file.
#[derive(Debug)]
pub struct Upload<'a> {
    app: &'a App,
    actor: &'a Actor,
    parent: AttachmentParent,
    limit: u64,
}

/// An upload that was kept.
#[derive(Debug, Clone)]
pub struct Uploaded {
    /// The attachment.
    pub attachment: AttachmentView,
    /// False when the parent already had this very file (same bytes, same
    /// name) and nothing was added.
    pub created: bool,
}

/// A download: the attachment and its open file.
#[derive(Debug)]
pub struct AttachmentContent {
    /// The attachment.
    pub attachment: AttachmentView,
    /// The `Content-Type` to serve it with.
    pub served_as: &'static str,
    /// The file, positioned at its start.
    pub file: tokio::fs::File,
}

/// What the actor means to do with a parent's attachments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// List them, read their details, download them.
    Read,
    /// Upload or delete one.
    Write,
}

/// What the parent's rules say about its attachments.
#[derive(Debug, Clone, Copy)]
struct ParentRules {
    /// The largest file it may carry, in bytes.
    limit: u64,
}

/// The one place that decides who may read and write a parent's
/// attachments: `NotFound` for a parent the actor may not see, `Forbidden`
/// or `Conflict` for a write they may not make (not theirs to change, or
/// not now). For a write it first locks the parent until the transaction
/// `c` ends, so the answer holds until the change is committed.
async fn authorise(
    c: &impl ConnectionTrait,
    actor: &Actor,
    parent: AttachmentParent,
    access: Access,
) -> AppResult<ParentRules> {
    match parent {
        AttachmentParent::Proposal(id) => {
            if access == Access::Write {
                grants_store::proposals::lock(c, id).await?;
            }
            let proposal = crate::proposals::load_visible(c, actor, id).await?;
            if access == Access::Write {
                crate::proposals::require_changeable(
                    actor,
                    &proposal,
                    "add_or_remove_its_attachments",
                )?;
            }
            let programme = crate::programmes::load_programme(c, proposal.programme_id).await?;
            Ok(ParentRules {
                limit: programme.spec.reporting.max_attachment_bytes,
            })
        }
        // A report's files are its grant readers' to read and its grantee's
        // to change while the report is open for writing.
        AttachmentParent::Report(id) => {
            if access == Access::Write {
                grants_store::reports::lock(c, id).await?;
            }
            let report = crate::reports::load_visible(c, actor, id).await?;
            if access == Access::Write {
                crate::reports::may_write(actor, &report)?;
            }
            let programme = crate::programmes::load_programme(c, report.programme_id).await?;
            Ok(ParentRules {
                limit: programme.spec.reporting.max_attachment_bytes,
            })
        }
        // A conversation's files are its audience's to read and to add to.
        AttachmentParent::Thread(id) => Ok(ParentRules {
            limit: crate::conversations::attachment_limit(c, actor, id).await?,
        }),
    }
}

/// An attachment's parent hides the attachment too: a 404 names the attachment.
fn hidden(err: AppError) -> AppError {
    match err {
        AppError::NotFound(_) => AppError::NotFound("attachment"),
        other => other,
    }
}

fn full(parent: AttachmentParent) -> AppError {
    AppError::conflict("attachments-full")
        .with("kind", parent.kind())
        .with("max", MAX_PER_PARENT)
        .done()
}

fn folder_failed(what: &str) -> impl Fn(std::io::Error) -> AppError {
    move |err| AppError::internal(format!("the attachment folder: cannot {what}: {err}"))
}

/// Checks, before any of the file is read, that the actor may attach a file
/// to `parent` and that it has room for one more.
#[tracing::instrument(skip_all, fields(actor = %actor.id, parent = %parent.id()))]
pub async fn begin_upload<'a>(
    app: &'a App,
    actor: &'a Actor,
    parent: AttachmentParent,
) -> AppResult<Upload<'a>> {
    let conn = app.store.conn();
    let rules = authorise(conn, actor, parent, Access::Write).await?;
    if store::count_of_parent(conn, parent.kind(), parent.id()).await? >= MAX_PER_PARENT as u64 {
        return Err(full(parent));
    }
    Ok(Upload {
        app,
        actor,
        parent,
        limit: rules.limit,
    })
}

impl Upload<'_> {
    /// Streams the file in, checks it and keeps it; see the module's
    /// documentation for the order of the steps.
    #[tracing::instrument(skip_all, fields(actor = %self.actor.id, parent = %self.parent.id()))]
    pub async fn receive(self, mut file: impl IncomingFile) -> AppResult<Uploaded> {
        let Upload {
            app,
            actor,
            parent,
            limit,
        } = self;
        let file_name = FileName::clean(file.file_name().unwrap_or_default());
        let mut check = FileCheck::new(limit, file.declared_type());
        let mut temp = app
            .attachments
            .create_temp()
            .await
            .map_err(folder_failed("create a temporary file"))?;
        let mut hasher = Sha256::new();
        while let Some(chunk) = file.next_chunk().await? {
            let bytes = chunk.as_ref();
            if let Err(refusal) = check.feed(bytes) {
                discard_rest(&mut file).await;
                return Err(refusal.into());
            }
            hasher.update(bytes);
            temp.write(bytes)
                .await
                .map_err(folder_failed("write a temporary file"))?;
        }
        let checked = check.finish()?;
        temp.sync()
            .await
            .map_err(folder_failed("flush a temporary file"))?;
        let sha256: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();

        let tx = app.store.begin().await?;
        authorise(&tx, actor, parent, Access::Write).await?;
        let present = store::of_parent(&tx, parent.kind(), parent.id()).await?;
        let has_room = present.len() < MAX_PER_PARENT;
        if let Some(same) = present
            .into_iter()
            .find(|a| a.sha256 == sha256 && a.file_name == file_name)
        {
            return Ok(Uploaded {
                attachment: same.into(),
                created: false,
            });
        }
        if !has_room {
            return Err(full(parent));
        }
        store::lock_content(&tx, &sha256).await?;
        app.attachments
            .keep(temp, &sha256)
            .await
            .map_err(folder_failed("keep an upload"))?;
        // PostgreSQL keeps microseconds: answer with what will be read back.
        let now = Utc::now().trunc_subsecs(6);
        let record = AttachmentRecord {
            id: AttachmentId::new(),
            parent_type: parent.kind().to_owned(),
            parent_id: parent.id(),
            file_name,
            kind: checked.kind,
            size_bytes: checked.size,
            sha256,
            uploaded_by: actor.id,
            created_at: now,
        };
        store::insert(&tx, &record).await?;
        record_change(&tx, actor, "attachment.added", parent, &record, now).await?;
        tx.commit().await.map_err(grants_store::StoreError::from)?;
        tracing::info!(attachment = %record.id, size = record.size_bytes, "attachment added");
        Ok(Uploaded {
            attachment: record.into(),
            created: true,
        })
    }
}

/// Puts an attachment's addition or removal (`action`) on its parent's
/// audit trail, with what the trail keeps about the file.
async fn record_change(
    c: &impl ConnectionTrait,
    actor: &Actor,
    action: &'static str,
    parent: AttachmentParent,
    a: &AttachmentRecord,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let entry = AuditEntry {
        actor: Some(actor.id),
        action,
        subject_type: parent.kind(),
        subject_id: parent.id(),
        details: serde_json::json!({
            "attachment_id": a.id,
            "content_type": a.kind.mime(),
            "size_bytes": a.size_bytes,
            "sha256": a.sha256,
        }),
    };
    audit::record(c, entry, now).await?;
    Ok(())
}

/// The attachments of `parent`, oldest first.
pub async fn list(
    app: &App,
    actor: &Actor,
    parent: AttachmentParent,
) -> AppResult<Vec<AttachmentView>> {
    let conn = app.store.conn();
    authorise(conn, actor, parent, Access::Read).await?;
    of_visible(conn, parent).await
}

/// The files attached to a parent its reader may see.
pub(crate) async fn of_visible(
    c: &impl ConnectionTrait,
    parent: AttachmentParent,
) -> AppResult<Vec<AttachmentView>> {
    Ok(store::of_parent(c, parent.kind(), parent.id())
        .await?
        .into_iter()
        .map(AttachmentView::from)
        .collect())
}

/// The attachment with this id; a 404 when there is none.
async fn existing(c: &impl ConnectionTrait, id: AttachmentId) -> AppResult<AttachmentRecord> {
    store::find(c, id)
        .await?
        .ok_or(AppError::NotFound("attachment"))
}

/// The attachment, if the actor may see its parent.
async fn load_readable(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: AttachmentId,
) -> AppResult<AttachmentRecord> {
    let record = existing(c, id).await?;
    authorise(c, actor, AttachmentParent::of(&record)?, Access::Read)
        .await
        .map_err(hidden)?;
    Ok(record)
}

/// One attachment's details.
pub async fn get(app: &App, actor: &Actor, id: AttachmentId) -> AppResult<AttachmentView> {
    Ok(load_readable(app.store.conn(), actor, id).await?.into())
}

/// One attachment's file, opened for streaming to the actor.
pub async fn open(app: &App, actor: &Actor, id: AttachmentId) -> AppResult<AttachmentContent> {
    let record = load_readable(app.store.conn(), actor, id).await?;
    crate::reads::record(
        app,
        actor,
        crate::reads::ReadKind::AttachmentDownloaded,
        id.uuid(),
    )
    .await?;
    let file = app
        .attachments
        .open(&record.sha256)
        .await
        .map_err(folder_failed(&format!("open the file of attachment {id}")))?;
    Ok(AttachmentContent {
        served_as: record.kind.served_as(),
        attachment: record.into(),
        file,
    })
}

/// Removes an attachment from its parent, and its file once no other
/// attachment has the same content.
#[tracing::instrument(skip_all, fields(actor = %actor.id, attachment = %id))]
pub async fn delete(app: &App, actor: &Actor, id: AttachmentId) -> AppResult<()> {
    let tx = app.store.begin().await?;
    let record = existing(&tx, id).await?;
    let parent = AttachmentParent::of(&record)?;
    authorise(&tx, actor, parent, Access::Write)
        .await
        .map_err(hidden)?;
    // What was said in a conversation stays said: only its sender takes a file back.
    if matches!(parent, AttachmentParent::Thread(_)) && record.uploaded_by != actor.id {
        return Err(AppError::forbidden("conversation-file-not-yours").done());
    }
    store::delete(&tx, id)
        .await
        .map_err(AppError::from_store("attachment"))?;
    let now = Utc::now();
    record_change(&tx, actor, "attachment.removed", parent, &record, now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    // The attachment is gone whatever happens to its file now: a file left
    // behind is only unused space.
    if let Err(err) = forget_content(app, &record.sha256).await {
        tracing::warn!(error = %err, sha256 = %record.sha256, "an unused attachment file could not be removed");
    }
    Ok(())
}

/// Removes the file with this content if no attachment names it any more.
pub(crate) async fn forget_content(app: &App, sha256: &str) -> AppResult<()> {
    let tx = app.store.begin().await?;
    store::lock_content(&tx, sha256).await?;
    if store::uses_of_content(&tx, sha256).await? == 0 {
        app.attachments
            .remove(sha256)
            .await
            .map_err(folder_failed("remove an unused file"))?;
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(())
}

/// Readies the attachment folder at start-up: creates it, and removes the
/// temporary files of uploads a crash interrupted. Returns how many.
pub async fn prepare_folder(app: &App) -> AppResult<usize> {
    app.attachments
        .prepare()
        .await
        .map_err(folder_failed("prepare the folder"))
}
