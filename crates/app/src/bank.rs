//! A grant's bank details: where finance pays. The grantee enters them;
//! before the agreement is accepted they apply at once, after it a change
//! waits until a second person (finance or a programme manager, not the one
//! who entered it) confirms it, because changed bank details are the classic
//! fraud on grant payments. Every step is on the grant's history.

use chrono::{DateTime, Utc};
use grants_domain::bank::{BankDetails, BankDetailsInput};
use grants_domain::{BankAccountId, GrantId, Role, UserId, ValidationErrors};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::bank_accounts::{self as store, BankAccountRecord, status};
use grants_store::grants::GrantRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{Actor, App, AppError, AppResult};

/// Those who confirm or reject a change of bank details.
const CONFIRMERS: &[Role] = &[Role::Finance, Role::ProgrammeManager];

/// One version of a grant's bank details, as people read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BankAccountView {
    /// Its id: name it to confirm or reject this change and no other.
    #[schema(value_type = String, format = Uuid)]
    pub id: BankAccountId,
    /// Whose account it is.
    pub account_holder: String,
    /// The IBAN in groups of four.
    pub iban: String,
    /// The BIC, when given.
    pub bic: Option<String>,
    /// The bank.
    pub bank_name: String,
    /// Who entered it.
    #[schema(value_type = String, format = Uuid)]
    pub entered_by: UserId,
    /// Their name.
    pub entered_by_name: String,
    /// When.
    pub entered_at: DateTime<Utc>,
    /// Who confirmed it, for confirmed details entered after the agreement.
    pub confirmed_by_name: Option<String>,
}

/// A grant's bank details: the account finance pays to, a change waiting
/// for confirmation, and what the reader may do.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BankDetailsView {
    /// The account payments go to; `None` until the grantee enters one.
    pub current: Option<BankAccountView>,
    /// A change waiting for a second person; payments still go to `current`.
    pub pending: Option<BankAccountView>,
    /// A change now needs a second person's confirmation (the agreement is accepted).
    pub changes_need_confirmation: bool,
    /// What the reader may do.
    pub may: BankMay,
}

/// What the reader may do with a grant's bank details.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct BankMay {
    /// Enter or change them (the grantee, while the grant runs).
    pub enter: bool,
    /// Confirm or reject the pending change.
    pub decide: bool,
    /// The reader entered the pending change and could otherwise decide it:
    /// a second person must.
    pub own_change: bool,
}

/// Confirming or rejecting a pending change.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankChangeDecision {
    /// The pending change decided on, as read: another change entered
    /// since is not decided by mistake.
    #[schema(value_type = String, format = Uuid)]
    pub change_id: Uuid,
    /// Why it is rejected (required to reject; the grantee reads it).
    pub reason: Option<String>,
}

/// The grant's bank details, if the actor may see the grant.
pub async fn of_grant(app: &App, actor: &Actor, id: GrantId) -> AppResult<BankDetailsView> {
    let c = app.store.conn();
    let grant = crate::grants::load_visible(c, actor, id).await?;
    read(c, actor, &grant).await
}

/// The bank details of a grant the actor sees, for its page.
pub(crate) async fn read(
    c: &impl ConnectionTrait,
    actor: &Actor,
    grant: &GrantRecord,
) -> AppResult<BankDetailsView> {
    let open = store::open_of(c, grant.id).await?;
    let mut ids: Vec<UserId> = open.iter().map(|a| a.entered_by).collect();
    ids.extend(open.iter().filter_map(|a| a.decided_by));
    let names: std::collections::HashMap<UserId, String> =
        grants_store::users::find_people(c, &ids, &[])
            .await?
            .into_iter()
            .map(|u| (u.id, u.name.to_string()))
            .collect();
    let shown = |a: &BankAccountRecord| BankAccountView {
        id: a.id,
        account_holder: a.details.account_holder.clone(),
        iban: a.details.iban_printed(),
        bic: a.details.bic.clone(),
        bank_name: a.details.bank_name.clone(),
        entered_by: a.entered_by,
        entered_by_name: names.get(&a.entered_by).cloned().unwrap_or_default(),
        entered_at: a.entered_at,
        confirmed_by_name: a.decided_by.and_then(|id| names.get(&id).cloned()),
    };
    let current = open.iter().find(|a| a.status == status::CONFIRMED);
    let pending = open.iter().find(|a| a.status == status::PENDING);
    let staff = actor.has_any(CONFIRMERS);
    Ok(BankDetailsView {
        current: current.map(shown),
        pending: pending.map(shown),
        changes_need_confirmation: grant.agreement_accepted_at.is_some(),
        may: BankMay {
            enter: actor.id == grant.grantee_id && grant.ended_at.is_none(),
            decide: staff && pending.is_some_and(|p| p.entered_by != actor.id),
            own_change: staff && pending.is_some_and(|p| p.entered_by == actor.id),
        },
    })
}

/// The grantee enters bank details: at once before the agreement is
/// accepted, as a change waiting for confirmation after it (replacing any
/// change still waiting).
pub async fn enter(
    app: &App,
    actor: &Actor,
    id: GrantId,
    input: BankDetailsInput,
) -> AppResult<BankDetailsView> {
    let tx = app.store.begin().await?;
    let grant = crate::grants::load_visible(&tx, actor, id).await?;
    if actor.id != grant.grantee_id {
        return Err(AppError::forbidden("bank-grantee-only").done());
    }
    if grant.ended_at.is_some() {
        return Err(AppError::conflict("bank-grant-ended").done());
    }
    let details = input.validate()?;
    let now = app.now();
    let waits = grant.agreement_accepted_at.is_some();
    let by = (actor.id, now, None);
    store::move_status(&tx, (id, None), (status::PENDING, status::WITHDRAWN), by).await?;
    if !waits {
        store::move_status(&tx, (id, None), (status::CONFIRMED, status::REPLACED), by).await?;
    }
    let record = BankAccountRecord {
        id: BankAccountId::new(),
        grant_id: id,
        details,
        status: if waits {
            status::PENDING
        } else {
            status::CONFIRMED
        }
        .to_owned(),
        entered_by: actor.id,
        entered_at: now,
        decided_by: None,
        decided_at: None,
        reason: None,
    };
    store::insert(&tx, &record).await?;
    let action = if waits {
        "grant.bank_details_change_requested"
    } else {
        "grant.bank_details_entered"
    };
    record_event(&tx, actor, id, action, &record.details, None, now).await?;
    let shown = read(&tx, actor, &grant).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(grant.id = %id, waits, "bank details entered");
    Ok(shown)
}

/// A second person confirms the pending change: payments go to it from now on.
pub async fn confirm(
    app: &App,
    actor: &Actor,
    id: GrantId,
    input: BankChangeDecision,
) -> AppResult<BankDetailsView> {
    decide(app, actor, id, input, true).await
}

/// A second person rejects the pending change, saying why: payments still
/// go to the confirmed account.
pub async fn reject(
    app: &App,
    actor: &Actor,
    id: GrantId,
    input: BankChangeDecision,
) -> AppResult<BankDetailsView> {
    decide(app, actor, id, input, false).await
}

async fn decide(
    app: &App,
    actor: &Actor,
    id: GrantId,
    input: BankChangeDecision,
    confirmed: bool,
) -> AppResult<BankDetailsView> {
    let tx = app.store.begin().await?;
    let grant = crate::grants::load_visible(&tx, actor, id).await?;
    actor.require_any(CONFIRMERS, "confirm_bank_details")?;
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if !confirmed && reason.is_none() {
        return Err(ValidationErrors::single(
            "reason",
            "required",
            "say why the change is rejected",
        )
        .into());
    }
    let pending = store::open_of(&tx, id)
        .await?
        .into_iter()
        .find(|a| a.status == status::PENDING)
        .ok_or_else(|| AppError::conflict("bank-nothing-pending").done())?;
    if pending.id.uuid() != input.change_id {
        return Err(AppError::conflict("bank-not-that-change").done());
    }
    if pending.entered_by == actor.id {
        return Err(AppError::forbidden("bank-own-change").done());
    }
    let now = app.now();
    let by = (actor.id, now, reason);
    let (to, action) = if confirmed {
        store::move_status(&tx, (id, None), (status::CONFIRMED, status::REPLACED), by).await?;
        (status::CONFIRMED, "grant.bank_details_confirmed")
    } else {
        (status::REJECTED, "grant.bank_details_rejected")
    };
    // Only from pending: a second decision at the same moment finds nothing to move.
    if store::move_status(&tx, (id, Some(pending.id)), (status::PENDING, to), by).await? != 1 {
        return Err(AppError::conflict("bank-nothing-pending").done());
    }
    record_event(&tx, actor, id, action, &pending.details, reason, now).await?;
    let shown = read(&tx, actor, &grant).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(grant.id = %id, confirmed, "bank details change decided");
    Ok(shown)
}

/// The grant's history names the account by holder and the IBAN's last
/// four characters: enough to tell accounts apart, not to pay into.
async fn record_event(
    tx: &impl ConnectionTrait,
    actor: &Actor,
    grant: GrantId,
    action: &'static str,
    details: &BankDetails,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    audit::record(
        tx,
        AuditEntry {
            actor: Some(actor.id),
            action,
            subject_type: "grant",
            subject_id: grant.uuid(),
            details: serde_json::json!({
                "account_holder": details.account_holder,
                "iban_ending": details.iban_ending(),
                "comment": reason,
            }),
        },
        now,
    )
    .await?;
    Ok(())
}

/// The grants whose change of bank details waits for the actor, a second
/// person (not who entered it), at most `limit`; none for those who do not
/// confirm changes.
pub(crate) async fn waiting_for(
    c: &impl ConnectionTrait,
    actor: &Actor,
    limit: u64,
) -> AppResult<Vec<GrantId>> {
    if !actor.has_any(CONFIRMERS) {
        return Ok(Vec::new());
    }
    Ok(store::pending_changes(c, limit)
        .await?
        .into_iter()
        .filter(|(_, by)| *by != actor.id)
        .map(|(grant, _)| grant)
        .collect())
}

/// Whether the grant has no bank details yet, entered or waiting.
pub(crate) async fn missing(c: &impl ConnectionTrait, grant: GrantId) -> AppResult<bool> {
    Ok(store::open_of(c, grant).await?.is_empty())
}
