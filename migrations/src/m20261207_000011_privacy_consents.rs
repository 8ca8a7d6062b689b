//! Privacy consents: which version of the privacy notice each person
//! accepted, in which language, and when. A row a consent; a new version
//! accepted is a new row, so what was agreed stays on the record.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PrivacyConsents {
    Table,
    Id,
    UserId,
    Version,
    Locale,
    AcceptedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PrivacyConsents::Table)
                    .col(uuid(PrivacyConsents::Id).primary_key())
                    .col(uuid(PrivacyConsents::UserId))
                    .col(string_len(PrivacyConsents::Version, 32))
                    .col(string_len(PrivacyConsents::Locale, 8))
                    .col(timestamp_with_time_zone(PrivacyConsents::AcceptedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PrivacyConsents::Table, PrivacyConsents::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_privacy_consents_user")
                    .table(PrivacyConsents::Table)
                    .col(PrivacyConsents::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PrivacyConsents::Table).to_owned())
            .await
    }
}
