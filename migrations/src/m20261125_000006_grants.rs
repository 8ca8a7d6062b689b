//! Money: funding decisions with their letters, grants, their tranches, and
//! the append-only ledger of commitments, releases and disbursements.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Decisions {
    Table,
    Id,
    ProposalId,
    ProgrammeId,
    Outcome,
    AwardMinor,
    Currency,
    Reason,
    LetterLocale,
    LetterSubject,
    LetterText,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Grants {
    Table,
    Id,
    ProgrammeId,
    ProposalId,
    GranteeId,
    Country,
    Region,
    AwardMinor,
    Currency,
    State,
    Workflow,
    WorkflowVersion,
    Revision,
    AgreementLocale,
    AgreementText,
    AgreementAcceptedAt,
    StartedAt,
    EndedAt,
    EndReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Tranches {
    Table,
    Id,
    GrantId,
    Position,
    Key,
    Percent,
    AmountMinor,
    Currency,
    Condition,
    State,
    Workflow,
    WorkflowVersion,
    Revision,
    RequestedBy,
    RequestedAt,
    ApprovedBy,
    ApprovedAt,
    PaidBy,
    PaidAt,
    PaymentReference,
    ValueDate,
    PaidMinor,
    PaidCurrency,
    ExchangeRate,
    Comment,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
    ProgrammeId,
    GrantId,
    TrancheId,
    Country,
    Kind,
    AmountMinor,
    Currency,
    ActorId,
    Memo,
    CreatedAt,
}

fn references<T: IntoIden + 'static, C: IntoIden + 'static>(
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (T, C),
) -> ForeignKeyCreateStatement {
    // Money records outlive nothing they point to: deleting a programme,
    // proposal or person with grants is refused rather than cascaded.
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

/// Triggers that refuse to change or delete a ledger entry, whatever the client.
const APPEND_ONLY_SQLITE: &[&str] = &[
    "CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries \
     BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END",
    "CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries \
     BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END",
];
const APPEND_ONLY_POSTGRES: &[&str] = &[
    "CREATE FUNCTION ledger_entries_append_only() RETURNS trigger AS $$ \
     BEGIN RAISE EXCEPTION 'ledger entries are append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries \
     FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Decisions::Table)
                    .col(uuid(Decisions::Id).primary_key())
                    .col(uuid(Decisions::ProposalId))
                    .col(uuid(Decisions::ProgrammeId))
                    .col(string_len(Decisions::Outcome, 16))
                    .col(big_integer_null(Decisions::AwardMinor))
                    .col(string_len_null(Decisions::Currency, 3))
                    .col(text_null(Decisions::Reason))
                    .col(string_len(Decisions::LetterLocale, 8))
                    .col(text(Decisions::LetterSubject))
                    .col(text(Decisions::LetterText))
                    .col(uuid(Decisions::DecidedBy))
                    .col(timestamp_with_time_zone(Decisions::DecidedAt))
                    .foreign_key(&mut references(
                        (Decisions::Table, Decisions::ProposalId),
                        (Proposals::Table, Proposals::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_decisions_proposal")
                    .table(Decisions::Table)
                    .col(Decisions::ProposalId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Grants::Table)
                    .col(uuid(Grants::Id).primary_key())
                    .col(uuid(Grants::ProgrammeId))
                    .col(uuid(Grants::ProposalId).unique_key())
                    .col(uuid(Grants::GranteeId))
                    .col(string_len(Grants::Country, 2))
                    .col(string_len_null(Grants::Region, 16))
                    .col(big_integer(Grants::AwardMinor))
                    .col(string_len(Grants::Currency, 3))
                    .col(string_len(Grants::State, 64))
                    .col(string_len(Grants::Workflow, 64))
                    .col(integer(Grants::WorkflowVersion))
                    .col(big_integer(Grants::Revision))
                    .col(string_len(Grants::AgreementLocale, 8))
                    .col(text(Grants::AgreementText))
                    .col(timestamp_with_time_zone_null(Grants::AgreementAcceptedAt))
                    .col(timestamp_with_time_zone_null(Grants::StartedAt))
                    .col(timestamp_with_time_zone_null(Grants::EndedAt))
                    .col(text_null(Grants::EndReason))
                    .col(timestamp_with_time_zone(Grants::CreatedAt))
                    .col(timestamp_with_time_zone(Grants::UpdatedAt))
                    .foreign_key(&mut references(
                        (Grants::Table, Grants::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut references(
                        (Grants::Table, Grants::ProposalId),
                        (Proposals::Table, Proposals::Id),
                    ))
                    .foreign_key(&mut references(
                        (Grants::Table, Grants::GranteeId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_grants_programme")
                    .table(Grants::Table)
                    .col(Grants::ProgrammeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Tranches::Table)
                    .col(uuid(Tranches::Id).primary_key())
                    .col(uuid(Tranches::GrantId))
                    .col(integer(Tranches::Position))
                    .col(string_len(Tranches::Key, 64))
                    .col(integer(Tranches::Percent))
                    .col(big_integer(Tranches::AmountMinor))
                    .col(string_len(Tranches::Currency, 3))
                    .col(json_binary(Tranches::Condition))
                    .col(string_len(Tranches::State, 64))
                    .col(string_len(Tranches::Workflow, 64))
                    .col(integer(Tranches::WorkflowVersion))
                    .col(big_integer(Tranches::Revision))
                    .col(uuid_null(Tranches::RequestedBy))
                    .col(timestamp_with_time_zone_null(Tranches::RequestedAt))
                    .col(uuid_null(Tranches::ApprovedBy))
                    .col(timestamp_with_time_zone_null(Tranches::ApprovedAt))
                    .col(uuid_null(Tranches::PaidBy))
                    .col(timestamp_with_time_zone_null(Tranches::PaidAt))
                    .col(string_len_null(Tranches::PaymentReference, 140))
                    .col(date_null(Tranches::ValueDate))
                    .col(big_integer_null(Tranches::PaidMinor))
                    .col(string_len_null(Tranches::PaidCurrency, 3))
                    .col(string_len_null(Tranches::ExchangeRate, 40))
                    .col(text_null(Tranches::Comment))
                    .col(timestamp_with_time_zone(Tranches::CreatedAt))
                    .col(timestamp_with_time_zone(Tranches::UpdatedAt))
                    .foreign_key(&mut references(
                        (Tranches::Table, Tranches::GrantId),
                        (Grants::Table, Grants::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tranches_grant_key")
                    .table(Tranches::Table)
                    .col(Tranches::GrantId)
                    .col(Tranches::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerEntries::Table)
                    .col(uuid(LedgerEntries::Id).primary_key())
                    .col(uuid(LedgerEntries::ProgrammeId))
                    .col(uuid_null(LedgerEntries::GrantId))
                    .col(uuid_null(LedgerEntries::TrancheId))
                    .col(string_len_null(LedgerEntries::Country, 2))
                    .col(string_len(LedgerEntries::Kind, 16))
                    .col(big_integer(LedgerEntries::AmountMinor))
                    .col(string_len(LedgerEntries::Currency, 3))
                    .col(uuid_null(LedgerEntries::ActorId))
                    .col(text(LedgerEntries::Memo))
                    .col(timestamp_with_time_zone(LedgerEntries::CreatedAt))
                    .foreign_key(&mut references(
                        (LedgerEntries::Table, LedgerEntries::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut references(
                        (LedgerEntries::Table, LedgerEntries::GrantId),
                        (Grants::Table, Grants::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_ledger_entries_programme")
                    .table(LedgerEntries::Table)
                    .col(LedgerEntries::ProgrammeId)
                    .to_owned(),
            )
            .await?;
        // A disbursement is recorded once per tranche, whatever races.
        manager
            .create_index(
                Index::create()
                    .name("idx_ledger_entries_tranche_kind")
                    .table(LedgerEntries::Table)
                    .col(LedgerEntries::TrancheId)
                    .col(LedgerEntries::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => APPEND_ONLY_POSTGRES,
            _ => APPEND_ONLY_SQLITE,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LedgerEntries::Table.into_iden(),
            Tranches::Table.into_iden(),
            Grants::Table.into_iden(),
            Decisions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS ledger_entries_append_only()")
                .await?;
        }
        Ok(())
    }
}
