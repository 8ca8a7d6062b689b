//! A person's right to their data: everything the service holds about
//! them, as JSON, with the files they uploaded, in one archive.

use std::io::Write;

use chrono::{DateTime, Utc};
use grants_store::{audit as audit_store, outbox, users as user_store};
use serde::Serialize;
use tokio::io::AsyncReadExt;

use crate::attachments::{AttachmentParent, AttachmentView};
use crate::audit::AuditEventView;
use crate::grants::GrantView;
use crate::mail::PreferenceView;
use crate::proposals::ProposalView;
use crate::reports::ReportView;
use crate::second_factor::SecondFactorView;
use crate::sessions::SessionView;
use crate::users::UserView;
use crate::{Actor, App, AppError, AppResult, Page, PageRequest};

/// Everything held about one person.
#[derive(Debug, Serialize)]
pub struct PersonalData {
    /// When this was put together.
    pub exported_at: DateTime<Utc>,
    /// The account: name, address, language, country, organisation, roles.
    pub account: UserView,
    /// The privacy notices they accepted.
    pub privacy_consents: Vec<ConsentView>,
    /// How they get each kind of email.
    pub notification_preferences: Vec<PreferenceView>,
    /// Whether they use two-step sign-in (never its secret).
    pub two_step_sign_in: SecondFactorView,
    /// Where they are signed in.
    pub sessions: Vec<SessionView>,
    /// The organisations' accounts they sign in with.
    pub sign_in_providers: Vec<LinkedProviderView>,
    /// Their proposals, each with its history and attachments.
    pub proposals: Vec<ProposalData>,
    /// The grants made to them.
    pub grants: Vec<GrantView>,
    /// The reports they owe or wrote, each with its attachments.
    pub reports: Vec<ReportData>,
    /// What they did, as the audit trail recorded it.
    pub activity: Vec<AuditEventView>,
    /// The emails the service sent or will send them.
    pub emails: Vec<EmailView>,
}

/// An organisation's account linked to theirs.
#[derive(Debug, Serialize)]
pub struct LinkedProviderView {
    /// The provider (its issuer address).
    pub issuer: String,
    /// When they last signed in with it.
    pub last_used_at: DateTime<Utc>,
}

/// A privacy notice accepted.
#[derive(Debug, Serialize)]
pub struct ConsentView {
    /// The notice's version.
    pub version: String,
    /// The language it was read in.
    pub locale: String,
    /// When.
    pub accepted_at: DateTime<Utc>,
}

/// A proposal of theirs.
#[derive(Debug, Serialize)]
pub struct ProposalData {
    /// The proposal, every answer.
    pub proposal: ProposalView,
    /// Its steps.
    pub history: Vec<AuditEventView>,
    /// Its files; each is in the archive under `files/`.
    pub attachments: Vec<AttachmentView>,
}

/// A report of theirs.
#[derive(Debug, Serialize)]
pub struct ReportData {
    /// The report.
    pub report: ReportView,
    /// Its files; each is in the archive under `files/`.
    pub attachments: Vec<AttachmentView>,
}

/// An email to them.
#[derive(Debug, Serialize)]
pub struct EmailView {
    /// What it was about, e.g. `proposal.submitted`.
    pub event: String,
    /// The language it was written in.
    pub locale: String,
    /// pending, sent, held, dead or cancelled.
    pub state: String,
    /// When it was queued.
    pub queued_at: DateTime<Utc>,
    /// When it went out.
    pub sent_at: Option<DateTime<Utc>>,
}

/// Every item of a paged list, page after page.
async fn every<T, F, Fut>(mut page: F) -> AppResult<Vec<T>>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: std::future::Future<Output = AppResult<Page<T>>>,
{
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let request = PageRequest {
            cursor: cursor.take(),
            limit: Some(200),
        };
        let found = page(request).await?;
        all.extend(found.items);
        match found.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
}

/// Everything the service holds about the actor, read as they may read it.
pub async fn data(app: &App, actor: &Actor) -> AppResult<PersonalData> {
    let c = app.store.conn();
    let account = crate::users::me(app, actor).await?;
    let privacy_consents = user_store::consents(c, actor.id)
        .await?
        .into_iter()
        .map(|p| ConsentView {
            version: p.version,
            locale: p.locale.code().to_owned(),
            accepted_at: p.accepted_at,
        })
        .collect();
    let own = every(|page| async move { crate::proposals::own(app, actor, &page).await }).await?;
    let mut proposals = Vec::new();
    for proposal in own {
        let history = audit_store::history(c, "proposal", proposal.id.uuid())
            .await?
            .into_iter()
            .map(AuditEventView::from)
            .collect();
        let attachments =
            crate::attachments::of_visible(c, AttachmentParent::Proposal(proposal.id)).await?;
        proposals.push(ProposalData {
            proposal,
            history,
            attachments,
        });
    }
    let grants = every(|page| async move { crate::grants::own(app, actor, &page).await }).await?;
    let mut reports = Vec::new();
    let owed = every(|page| async move { crate::reports::own(app, actor, &page).await }).await?;
    for report in owed {
        let attachments =
            crate::attachments::of_visible(c, AttachmentParent::Report(report.id)).await?;
        reports.push(ReportData {
            report,
            attachments,
        });
    }
    let activity = audit_store::by_actor(c, actor.id)
        .await?
        .into_iter()
        .map(AuditEventView::from)
        .collect();
    let emails = outbox::to_recipient(c, actor.id)
        .await?
        .into_iter()
        .map(|m| EmailView {
            event: m.event,
            locale: m.locale,
            state: m.state,
            queued_at: m.created_at,
            sent_at: m.sent_at,
        })
        .collect();
    Ok(PersonalData {
        exported_at: Utc::now(),
        account,
        privacy_consents,
        notification_preferences: crate::mail::preferences(app, actor).await?,
        two_step_sign_in: crate::second_factor::status(app, actor).await?,
        sessions: crate::sessions::list(app, actor).await?,
        sign_in_providers: grants_store::identities::of_user(c, actor.id)
            .await?
            .into_iter()
            .map(|(issuer, last_used_at)| LinkedProviderView {
                issuer,
                last_used_at,
            })
            .collect(),
        proposals,
        grants,
        reports,
        activity,
        emails,
    })
}

/// An archive of [`data`] for the actor: `personal-data.json` and, under
/// `files/`, the file of every attachment it lists.
pub async fn archive(app: &App, actor: &Actor) -> AppResult<Vec<u8>> {
    let data = data(app, actor).await?;
    let json = serde_json::to_vec_pretty(&data)
        .map_err(|e| AppError::internal(format!("the export does not serialise: {e}")))?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let attachments = data
        .proposals
        .iter()
        .flat_map(|p| p.attachments.iter())
        .chain(data.reports.iter().flat_map(|r| r.attachments.iter()));
    for a in attachments {
        let mut file = app
            .attachments
            .open(&a.sha256)
            .await
            .map_err(|e| AppError::internal(format!("attachment {}: {e}", a.id)))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .await
            .map_err(|e| AppError::internal(format!("attachment {}: {e}", a.id)))?;
        files.push((format!("files/{}-{}", a.id, a.file_name), bytes));
    }
    tokio::task::spawn_blocking(move || zip_of(&json, &files))
        .await
        .map_err(|e| AppError::internal(format!("the export stopped: {e}")))?
}

fn zip_of(json: &[u8], files: &[(String, Vec<u8>)]) -> AppResult<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| AppError::internal(format!("the export archive: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("personal-data.json", options)
        .map_err(|e| failed(&e))?;
    zip.write_all(json).map_err(|e| failed(&e))?;
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)
            .map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

/// The export's file name for `at`: `personal-data-2026-12-07.zip`.
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("personal-data-{}.zip", at.format("%Y-%m-%d"))
}
