//! A person's right to erasure: an administrator erases them on request,
//! and applicants never funded are erased once the retention period set
//! in the config has passed with nothing of theirs changing.
//!
//! The account keeps its id, so every record that points at it stays
//! whole, but from then on it is named by a pseudonym everywhere it is
//! shown. What only describes the person goes (sessions, second factor,
//! preferences, accepted notices, jury profile, emails to them); the
//! proposals no grant was made from keep only what the programme counts,
//! and lose their files. A grant is a financial record: it keeps its
//! proposal, reports, files, agreement, bank details and payments, for as
//! long as the law on financial records asks. The audit trail holds no
//! personal fields, so its chain verifies after an erasure as before.

use chrono::{DateTime, Utc};
use grants_domain::{GrantId, ProposalId, Role, UserId, pseudonym};
use grants_store::attachments as attachment_store;
use grants_store::audit::{self, AuditEntry};
use grants_store::erasure::{self as store, Swaps};
use grants_store::users::{self as user_store, UserRecord};
use grants_store::{ConnectionTrait, proposals as proposal_store};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{Actor, App, AppError, AppResult};

/// What erasing a person does, before or after it is done.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErasureView {
    /// The person.
    #[schema(value_type = String, format = Uuid)]
    pub user: UserId,
    /// Their name now: their own before the erasure, the pseudonym after.
    pub name: String,
    /// When their data was erased; `None` while it has not been.
    pub erased_at: Option<DateTime<Utc>>,
    /// Their proposals no grant was made from: these keep only what the
    /// programme counts (title, amount asked, place, language, keywords).
    #[schema(value_type = Vec<String>)]
    pub proposals_cleared: Vec<ProposalId>,
    /// Files deleted with those proposals (or to be).
    pub files_deleted: u64,
    /// Grants made to them: financial records, kept whole with their
    /// proposal, reports, files, agreement, bank details and payments.
    #[schema(value_type = Vec<String>)]
    pub grants_kept: Vec<GrantId>,
    /// Whether the caller may erase this person now.
    pub can_erase: bool,
}

/// Why a person was erased, as the audit trail records it.
#[derive(Debug, Clone, Copy)]
enum Because {
    /// An administrator acted on the person's request.
    Request,
    /// The retention period for applicants never funded passed.
    Retention,
}

impl Because {
    fn as_str(self) -> &'static str {
        match self {
            Because::Request => "request",
            Because::Retention => "retention",
        }
    }
}

/// What erasing `user` would do: administrators only.
#[tracing::instrument(skip_all, fields(actor = %actor.id, user.id = %user))]
pub async fn preview(app: &App, actor: &Actor, user: UserId) -> AppResult<ErasureView> {
    require_admin(actor)?;
    let c = app.store.conn();
    let person = find(c, user).await?;
    let proposals = store::proposals_without_grant(c, user).await?;
    let files = files_of(c, &proposals).await?.len() as u64;
    Ok(ErasureView {
        user,
        name: person.name.to_string(),
        erased_at: person.erased_at,
        proposals_cleared: proposals,
        files_deleted: files,
        grants_kept: grants_of(c, user).await?,
        can_erase: refusal(actor, &person).is_none(),
    })
}

/// Erases `user`'s personal data on their request: administrators only,
/// with a fresh second factor where they use one, never themselves, once.
#[tracing::instrument(skip_all, fields(actor = %actor.id, user.id = %user))]
pub async fn erase(app: &App, actor: &Actor, user: UserId) -> AppResult<ErasureView> {
    require_admin(actor)?;
    // It cannot be undone: a stolen password alone must not do it.
    crate::second_factor::require_fresh(app, actor)?;
    let tx = app.store.begin().await?;
    let person = find(&tx, user).await?;
    if let Some(refused) = refusal(actor, &person) {
        return Err(refused);
    }
    let (view, files) = erase_in(&tx, Some(actor.id), &person, Because::Request, app.now()).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    forget_files(app, &files).await;
    Ok(view)
}

/// Erases up to `batch` applicants never funded whose data has waited
/// `retention` since anything of theirs last changed: how many.
pub async fn erase_expired(app: &App, retention: chrono::Duration, batch: u64) -> AppResult<usize> {
    let now = app.now();
    let due =
        store::unfunded_applicants_idle_since(app.store.conn(), now - retention, batch).await?;
    for user in &due {
        let tx = app.store.begin().await?;
        let person = find(&tx, *user).await?;
        let (_, files) = erase_in(&tx, None, &person, Because::Retention, now).await?;
        tx.commit().await.map_err(grants_store::StoreError::from)?;
        forget_files(app, &files).await;
        tracing::info!(user.id = %user, "erased an applicant never funded after the retention period");
    }
    Ok(due.len())
}

fn require_admin(actor: &Actor) -> AppResult<()> {
    if actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::forbidden("admin-only-erasure").done())
    }
}

/// Why `actor` may not erase `person`, if they may not.
fn refusal(actor: &Actor, person: &UserRecord) -> Option<AppError> {
    if person.erased_at.is_some() {
        Some(AppError::conflict("already-erased").done())
    } else if person.id == actor.id {
        Some(AppError::conflict("erase-yourself").done())
    } else {
        None
    }
}

async fn find(c: &impl ConnectionTrait, user: UserId) -> AppResult<UserRecord> {
    user_store::find(c, user)
        .await?
        .ok_or(AppError::NotFound("user"))
}

async fn grants_of(c: &impl ConnectionTrait, user: UserId) -> AppResult<Vec<GrantId>> {
    Ok(store::grants_of(c, user)
        .await?
        .into_iter()
        .map(GrantId::from)
        .collect())
}

/// The attachments of these proposals.
async fn files_of(
    c: &impl ConnectionTrait,
    proposals: &[ProposalId],
) -> AppResult<Vec<attachment_store::AttachmentRecord>> {
    let mut files = Vec::new();
    for id in proposals {
        files.extend(attachment_store::of_parent(c, "proposal", id.uuid()).await?);
    }
    Ok(files)
}

/// Does the erasure in `c`: returns what it did and the contents of the
/// files it unlinked, to remove once the transaction is committed.
async fn erase_in(
    c: &impl ConnectionTrait,
    actor: Option<UserId>,
    person: &UserRecord,
    because: Because,
    now: DateTime<Utc>,
) -> AppResult<(ErasureView, Vec<String>)> {
    let user = person.id;
    // The last bytes of a v7 id are random: the pseudonym says nothing.
    let random = uuid::Uuid::now_v7().into_bytes();
    let (name, email) = pseudonym(u32::from_be_bytes([
        random[12], random[13], random[14], random[15],
    ]));
    let proposals = store::proposals_without_grant(c, user).await?;
    for record in proposal_store::find_many(c, &proposals).await? {
        let kept = record.content.erased();
        proposal_store::update_content(c, record.id, record.revision, &kept, now).await?;
    }
    let files = files_of(c, &proposals).await?;
    for file in &files {
        attachment_store::delete(c, file.id).await?;
    }
    let swaps = Swaps::new((&person.name, &person.email), (&name, &email));
    store::scrub_texts(c, &swaps).await?;
    grants_store::teams::forget_address(c, &person.email.normalized()).await?;
    let throttle = crate::auth::account_key(&person.email.normalized());
    store::delete_personal_rows(c, user, &throttle).await?;
    store::pseudonymise_account(c, user, (&name, &email), now).await?;
    let grants_kept = grants_of(c, user).await?;
    audit::record(
        c,
        AuditEntry {
            actor,
            action: "user.erased",
            subject_type: "user",
            subject_id: user.uuid(),
            details: serde_json::json!({
                "because": because.as_str(),
                "proposals_cleared": proposals.len(),
                "files_deleted": files.len(),
                "grants_kept": grants_kept.len(),
            }),
        },
        now,
    )
    .await?;
    let view = ErasureView {
        user,
        name: name.to_string(),
        erased_at: Some(now),
        proposals_cleared: proposals,
        files_deleted: files.len() as u64,
        grants_kept,
        can_erase: false,
    };
    Ok((view, files.into_iter().map(|f| f.sha256).collect()))
}

/// Removes the files no attachment names any more; a file left behind
/// (logged) is unused space the next erasure or deletion of it clears.
async fn forget_files(app: &App, contents: &[String]) {
    for sha256 in contents {
        if let Err(err) = crate::attachments::forget_content(app, sha256).await {
            tracing::warn!(error = %err, %sha256, "an erased file could not be removed");
        }
    }
}
