//! Two-factor sign-in: each person's TOTP secret (pending until a first
//! code confirms it, with the last time step accepted, so no code is used
//! twice), their single-use recovery codes (hashed), and on every token
//! when its holder last proved the second factor (for steps that need a
//! fresh one).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SecondFactors {
    Table,
    UserId,
    Secret,
    ConfirmedAt,
    LastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    SecondFactorAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SecondFactors::Table)
                    .col(uuid(SecondFactors::UserId).primary_key())
                    .col(string_len(SecondFactors::Secret, 64))
                    .col(timestamp_with_time_zone_null(SecondFactors::ConfirmedAt))
                    .col(big_integer(SecondFactors::LastStep))
                    .col(timestamp_with_time_zone(SecondFactors::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SecondFactors::Table, SecondFactors::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(uuid(RecoveryCodes::Id).primary_key())
                    .col(uuid(RecoveryCodes::UserId))
                    .col(string_len_uniq(RecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_codes_user")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ApiTokens::Table)
                    .add_column(timestamp_with_time_zone_null(ApiTokens::SecondFactorAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ApiTokens::Table)
                    .drop_column(ApiTokens::SecondFactorAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(RecoveryCodes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SecondFactors::Table).to_owned())
            .await
    }
}
