//! Bank accounts: where a grant's payments go. Each version of a grant's
//! bank details is a row, never rewritten but for its status: `confirmed`
//! (the one finance pays to; at most one per grant), `pending` (a change
//! after the agreement was accepted, waiting for a second person),
//! `replaced`, `rejected` or `withdrawn`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Grants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum BankAccounts {
    Table,
    Id,
    GrantId,
    AccountHolder,
    Iban,
    Bic,
    BankName,
    Status,
    EnteredBy,
    EnteredAt,
    DecidedBy,
    DecidedAt,
    Reason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BankAccounts::Table)
                    .col(uuid(BankAccounts::Id).primary_key())
                    .col(uuid(BankAccounts::GrantId))
                    .col(string_len(BankAccounts::AccountHolder, 200))
                    .col(string_len(BankAccounts::Iban, 34))
                    .col(string_len_null(BankAccounts::Bic, 11))
                    .col(string_len(BankAccounts::BankName, 200))
                    .col(string_len(BankAccounts::Status, 16))
                    .col(uuid(BankAccounts::EnteredBy))
                    .col(timestamp_with_time_zone(BankAccounts::EnteredAt))
                    .col(uuid_null(BankAccounts::DecidedBy))
                    .col(timestamp_with_time_zone_null(BankAccounts::DecidedAt))
                    .col(text_null(BankAccounts::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BankAccounts::Table, BankAccounts::GrantId)
                            .to(Grants::Table, Grants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BankAccounts::Table, BankAccounts::EnteredBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BankAccounts::Table, BankAccounts::DecidedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // A grant's current and pending details are read by grant and status.
        manager
            .create_index(
                Index::create()
                    .name("idx_bank_accounts_grant")
                    .table(BankAccounts::Table)
                    .col(BankAccounts::GrantId)
                    .col(BankAccounts::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BankAccounts::Table).to_owned())
            .await
    }
}
