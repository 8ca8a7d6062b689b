//! The finance ledger of a programme: where every unit of the budget is.
//!
//! Money moves only by appending entries (commitment when a grant is
//! awarded, release when a tranche is cancelled, disbursement when one is
//! paid), each inside the transaction of the action that causes it, after
//! [`lock`] has serialised the programme's money-moving writers. Each
//! append re-reads the totals and checks them with the money rules of
//! [`grants_domain::finance`]: a commitment beyond the remaining budget or a
//! payment beyond a grant's award is refused and the transaction rolls back.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use grants_domain::finance::Position;
use grants_domain::{GrantId, Money, ProgrammeId, ProposalId, Role, TrancheId, UserId};
use grants_store::ConnectionTrait;
use grants_store::grants::{self as grant_store, GrantFilter, GrantRecord, TrancheRecord};
use grants_store::ledger::{self as store, EntryKind, LedgerEntry, Sum};
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals as proposal_store;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::export::{Cell, Table};
use crate::{Actor, App, AppError, AppResult};

/// Who reads the ledger and its exports.
pub const LEDGER_READERS: &[Role] = &[Role::Finance, Role::ProgrammeManager, Role::Admin];

/// Tranche states still to be paid.
pub(crate) const OPEN_TRANCHES: &[&str] = crate::names::tranche::OPEN;

/// Serialises the programme's money-moving writers until the transaction ends.
pub(crate) async fn lock(tx: &impl ConnectionTrait, programme: ProgrammeId) -> AppResult<()> {
    store::lock_programme(tx, programme)
        .await
        .map_err(AppError::from_store("programme"))
}

/// The ledger's totals, read inside the caller's transaction.
pub(crate) struct Book {
    budget: Money,
    sums: Vec<Sum>,
}

impl Book {
    /// Reads the totals of the programme.
    pub(crate) async fn read(
        c: &impl ConnectionTrait,
        programme: &ProgrammeRecord,
    ) -> AppResult<Book> {
        Ok(Book {
            budget: programme.spec.budget,
            sums: store::sums(c, programme.id).await?,
        })
    }

    /// The totals of a programme from sums read with others'.
    pub(crate) fn of(programme: &ProgrammeRecord, sums: Vec<Sum>) -> Book {
        Book {
            budget: programme.spec.budget,
            sums,
        }
    }

    fn position(&self, budget: Money, keep: impl Fn(&Sum) -> bool) -> Position {
        self.sums
            .iter()
            .filter(|s| keep(s))
            .fold(Position::new(budget), |p, s| p.record(s.kind, s.minor))
    }

    /// The whole programme.
    pub(crate) fn programme(&self) -> Position {
        self.position(self.budget, |_| true)
    }

    /// One grant, whose budget is its award.
    pub(crate) fn grant(&self, grant: &GrantRecord) -> Position {
        self.position(grant.award, |s| s.grant_id == Some(grant.id))
    }
}

/// What an entry is about, for [`append`].
pub(crate) struct Movement<'a> {
    /// The grant.
    pub grant: &'a GrantRecord,
    /// The tranche, for payments and released tranches.
    pub tranche: Option<TrancheId>,
    /// Which way the money moves.
    pub kind: EntryKind,
    /// How much.
    pub amount: Money,
    /// Why, in words.
    pub memo: String,
}

/// Appends a movement after checking it against the totals it changes:
/// a commitment against the programme's remaining budget, a disbursement
/// against the grant's award. The caller holds [`lock`].
pub(crate) async fn append(
    tx: &impl ConnectionTrait,
    programme: &ProgrammeRecord,
    movement: Movement<'_>,
    actor: Option<UserId>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let book = Book::read(tx, programme).await?;
    match movement.kind {
        EntryKind::Commitment => book
            .programme()
            .check_commitment(movement.amount)
            .map_err(AppError::money("award"))?,
        EntryKind::Disbursement => book
            .grant(movement.grant)
            .check_disbursement(movement.amount)
            .map_err(AppError::money("amount"))?,
        EntryKind::Release => {
            let held = book.grant(movement.grant).outstanding();
            if movement.amount.minor <= 0 || movement.amount.minor > held.minor {
                return Err(AppError::internal(format!(
                    "cannot release {} of a grant holding {held}",
                    movement.amount
                )));
            }
        }
    }
    store::append(
        tx,
        &LedgerEntry {
            id: Uuid::now_v7(),
            programme_id: programme.id,
            grant_id: Some(movement.grant.id),
            tranche_id: movement.tranche,
            country: Some(movement.grant.country),
            kind: movement.kind,
            amount: movement.amount,
            actor_id: actor,
            memo: movement.memo,
            created_at: now,
        },
    )
    .await
    .map_err(AppError::from_store("ledger entry"))
}

/// The programme's totals.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LedgerTotals {
    /// The budget.
    pub budget: Money,
    /// Awards promised and not released.
    pub committed: Money,
    /// Paid out.
    pub disbursed: Money,
    /// Budget not yet promised.
    pub remaining: Money,
    /// Promised and not yet paid.
    pub outstanding: Money,
    /// Tranches scheduled, requested or approved: the payments to come.
    pub upcoming: Money,
}

/// One country's share.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountryLedger {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// How many grants.
    pub grants: usize,
    /// Promised and not released.
    pub committed: Money,
    /// Paid.
    pub disbursed: Money,
    /// Promised and not yet paid.
    pub outstanding: Money,
    /// Payments to come.
    pub upcoming: Money,
}

/// A tranche still to be paid.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpcomingTranche {
    /// The tranche.
    #[schema(value_type = String, format = Uuid)]
    pub tranche_id: TrancheId,
    /// Its key.
    pub key: String,
    /// Its amount.
    pub amount: Money,
    /// `scheduled`, `requested` or `approved`.
    pub state: String,
}

/// One grant's money.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GrantLedger {
    /// The grant.
    #[schema(value_type = String, format = Uuid)]
    pub grant_id: GrantId,
    /// The funded proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its country.
    pub country: String,
    /// The grant's state.
    pub state: String,
    /// The award.
    pub award: Money,
    /// Promised and not released.
    pub committed: Money,
    /// Paid.
    pub disbursed: Money,
    /// Promised and not yet paid.
    pub outstanding: Money,
    /// The tranches to come.
    pub upcoming: Vec<UpcomingTranche>,
}

/// The ledger of a programme: totals, per country, per grant.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LedgerView {
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The whole programme.
    pub totals: LedgerTotals,
    /// Per country, by code.
    pub countries: Vec<CountryLedger>,
    /// Per grant, oldest first.
    pub grants: Vec<GrantLedger>,
}

fn sum(amounts: impl Iterator<Item = Money>, zero: Money) -> Money {
    amounts.fold(zero, |total, m| {
        Money::new(total.minor + m.minor, zero.currency)
    })
}

/// Every grant of a programme, oldest first, and the titles of their proposals.
async fn all_grants(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> AppResult<(Vec<GrantRecord>, HashMap<ProposalId, String>)> {
    let filter = GrantFilter {
        programme: Some(programme),
        ..GrantFilter::default()
    };
    let grants = grant_store::list_grants(c, &filter, None, u64::MAX >> 1).await?;
    let ids: Vec<ProposalId> = grants.iter().map(|g| g.proposal_id).collect();
    let titles = proposal_store::titles(c, &ids).await?;
    Ok((grants, titles))
}

fn by_id(grants: Vec<GrantRecord>) -> HashMap<GrantId, GrantRecord> {
    grants.into_iter().map(|g| (g.id, g)).collect()
}

/// The ledger as finance reads it.
pub async fn ledger(app: &App, actor: &Actor, programme_id: ProgrammeId) -> AppResult<LedgerView> {
    actor.require_any(LEDGER_READERS, "read_the_ledger")?;
    let c = app.store.conn();
    let programme = crate::programmes::load_programme(c, programme_id).await?;
    let book = Book::read(c, &programme).await?;
    let (grants, titles) = all_grants(c, programme_id).await?;
    let mut tranches: HashMap<GrantId, Vec<TrancheRecord>> = HashMap::new();
    for t in grant_store::tranches_in_programme(c, programme_id).await? {
        tranches.entry(t.grant_id).or_default().push(t);
    }
    let zero = Money::new(0, programme.spec.currency);
    let lines: Vec<GrantLedger> = grants
        .iter()
        .map(|g| {
            let position = book.grant(g);
            let upcoming = tranches
                .get(&g.id)
                .into_iter()
                .flatten()
                .filter(|t| OPEN_TRANCHES.contains(&t.state.as_str()))
                .map(|t| UpcomingTranche {
                    tranche_id: t.id,
                    key: t.key.clone(),
                    amount: t.amount,
                    state: t.state.clone(),
                })
                .collect();
            GrantLedger {
                grant_id: g.id,
                proposal_id: g.proposal_id,
                title: titles.get(&g.proposal_id).cloned().unwrap_or_default(),
                country: g.country.to_string(),
                state: g.state.clone(),
                award: g.award,
                committed: position.committed,
                disbursed: position.disbursed,
                outstanding: position.outstanding(),
                upcoming,
            }
        })
        .collect();
    let upcoming_of = |l: &GrantLedger| sum(l.upcoming.iter().map(|t| t.amount), zero);
    let mut countries: BTreeMap<String, CountryLedger> = BTreeMap::new();
    for line in &lines {
        let entry = countries
            .entry(line.country.clone())
            .or_insert_with(|| CountryLedger {
                country: line.country.clone(),
                grants: 0,
                committed: zero,
                disbursed: zero,
                outstanding: zero,
                upcoming: zero,
            });
        let add = |total: &mut Money, m: Money| total.minor = total.minor.saturating_add(m.minor);
        entry.grants += 1;
        add(&mut entry.committed, line.committed);
        add(&mut entry.disbursed, line.disbursed);
        add(&mut entry.outstanding, line.outstanding);
        add(&mut entry.upcoming, upcoming_of(line));
    }
    let position = book.programme();
    Ok(LedgerView {
        programme_id,
        totals: LedgerTotals {
            budget: position.budget,
            committed: position.committed,
            disbursed: position.disbursed,
            remaining: position.remaining(),
            outstanding: position.outstanding(),
            upcoming: sum(lines.iter().map(upcoming_of), zero),
        },
        countries: countries.into_values().collect(),
        grants: lines,
    })
}

/// Names of people by id, read in one query before the rows are written.
struct Names(HashMap<UserId, String>);

impl Names {
    async fn read(
        c: &impl ConnectionTrait,
        ids: impl IntoIterator<Item = UserId>,
    ) -> AppResult<Names> {
        Ok(Names(crate::users::names(c, ids).await?))
    }

    /// The person's name; the id of an account that is gone; nothing for no one.
    fn of(&self, id: Option<UserId>) -> String {
        id.map(|id| self.0.get(&id).cloned().unwrap_or_else(|| id.to_string()))
            .unwrap_or_default()
    }
}

/// Every ledger entry of the programme with running totals, for a download.
pub async fn ledger_table(app: &App, actor: &Actor, programme_id: ProgrammeId) -> AppResult<Table> {
    actor.require_any(LEDGER_READERS, "export_the_ledger")?;
    let c = app.store.conn();
    let programme = crate::programmes::load_programme(c, programme_id).await?;
    crate::reads::record(
        app,
        actor,
        crate::reads::ReadKind::LedgerExported,
        programme_id.uuid(),
    )
    .await?;
    let (grants, titles) = all_grants(c, programme_id).await?;
    let grants = by_id(grants);
    let tranche_keys: HashMap<TrancheId, String> =
        grant_store::tranches_in_programme(c, programme_id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.key))
            .collect();
    let entries = store::entries(c, programme_id).await?;
    let names = Names::read(c, entries.iter().filter_map(|e| e.actor_id)).await?;
    let mut position = Position::new(programme.spec.budget);
    let mut table = Table::new(
        "ledger",
        &[
            "recorded_at",
            "kind",
            "amount",
            "currency",
            "grant_id",
            "proposal",
            "country",
            "tranche",
            "by",
            "memo",
            "committed_after",
            "disbursed_after",
            "remaining_after",
        ],
    );
    for e in entries {
        position = position.record(e.kind, e.amount.minor);
        let grant = e.grant_id.and_then(|g| grants.get(&g));
        table.rows.push(vec![
            Cell::Moment(e.created_at),
            Cell::Term(e.kind.as_str()),
            Cell::Money(e.amount),
            Cell::text(e.amount.currency.to_string()),
            Cell::maybe(e.grant_id.map(|g| g.to_string())),
            Cell::maybe(grant.and_then(|g| titles.get(&g.proposal_id)).cloned()),
            e.country
                .map_or(Cell::Empty, |c| Cell::Country(c.to_string())),
            Cell::maybe(e.tranche_id.and_then(|t| tranche_keys.get(&t).cloned())),
            Cell::text(names.of(e.actor_id)),
            Cell::text(e.memo),
            Cell::Money(position.committed),
            Cell::Money(position.disbursed),
            Cell::Money(position.remaining()),
        ]);
    }
    Ok(table)
}

/// Every payment of the programme, for a download.
pub async fn payments_table(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<Table> {
    actor.require_any(LEDGER_READERS, "export_the_payments")?;
    let c = app.store.conn();
    crate::programmes::load_programme(c, programme_id).await?;
    crate::reads::record(
        app,
        actor,
        crate::reads::ReadKind::PaymentsExported,
        programme_id.uuid(),
    )
    .await?;
    let (grants, titles) = all_grants(c, programme_id).await?;
    let grants = by_id(grants);
    let mut paid: Vec<TrancheRecord> = grant_store::tranches_in_programme(c, programme_id)
        .await?
        .into_iter()
        .filter(|t| t.payment.is_some())
        .collect();
    paid.sort_by_key(|t| t.paid.map(|(_, at)| at));
    let grantees = paid
        .iter()
        .filter_map(|t| grants.get(&t.grant_id))
        .map(|g| g.grantee_id);
    let actors = paid.iter().flat_map(crate::tranches::actors);
    let names = Names::read(c, actors.chain(grantees)).await?;
    let mut table = Table::new(
        "payments",
        &[
            "value_date",
            "payment_reference",
            "grant_id",
            "proposal",
            "grantee",
            "country",
            "tranche",
            "amount",
            "currency",
            "paid_amount",
            "paid_currency",
            "exchange_rate",
            "requested_by",
            "approved_by",
            "recorded_by",
        ],
    );
    for t in paid {
        let (Some(payment), Some(grant)) = (&t.payment, grants.get(&t.grant_id)) else {
            continue;
        };
        table.rows.push(vec![
            Cell::Date(payment.value_date),
            Cell::text(&payment.reference),
            Cell::text(grant.id.to_string()),
            Cell::maybe(titles.get(&grant.proposal_id).cloned()),
            Cell::text(names.of(Some(grant.grantee_id))),
            Cell::Country(grant.country.to_string()),
            Cell::text(&t.key),
            Cell::Money(t.amount),
            Cell::text(t.amount.currency.to_string()),
            Cell::Money(payment.paid),
            Cell::text(payment.paid.currency.to_string()),
            Cell::text(payment.rate.to_string()),
            Cell::text(names.of(t.requested.map(|(by, _)| by))),
            Cell::text(names.of(t.approved.map(|(by, _)| by))),
            Cell::text(names.of(t.paid.map(|(by, _)| by))),
        ]);
    }
    Ok(table)
}
