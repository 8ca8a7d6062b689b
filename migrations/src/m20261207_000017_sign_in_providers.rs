//! Accounts signed in with an organisation's account (OpenID Connect):
//! which provider's person (issuer and subject) is which of our accounts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ExternalIdentities {
    Table,
    Id,
    Issuer,
    Subject,
    UserId,
    CreatedAt,
    LastUsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExternalIdentities::Table)
                    .col(uuid(ExternalIdentities::Id).primary_key())
                    .col(string_len(ExternalIdentities::Issuer, 255))
                    .col(string_len(ExternalIdentities::Subject, 255))
                    .col(uuid(ExternalIdentities::UserId))
                    .col(timestamp_with_time_zone(ExternalIdentities::CreatedAt))
                    .col(timestamp_with_time_zone(ExternalIdentities::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ExternalIdentities::Table, ExternalIdentities::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A provider's person is one account; two first sign-ins racing link once.
        manager
            .create_index(
                Index::create()
                    .name("idx_external_identities_issuer_subject")
                    .table(ExternalIdentities::Table)
                    .col(ExternalIdentities::Issuer)
                    .col(ExternalIdentities::Subject)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ExternalIdentities::Table).to_owned())
            .await
    }
}
