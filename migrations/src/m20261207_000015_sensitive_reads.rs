//! Reads of what is sensitive (attachment files, reviews, ledger and
//! ranking exports): who read what, when, for administrators to see. Kept
//! apart from the audit trail: reads change nothing, come often, and the
//! histories people read show changes only.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SensitiveReads {
    Table,
    Id,
    OccurredAt,
    ActorId,
    Action,
    SubjectType,
    SubjectId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SensitiveReads::Table)
                    .col(uuid(SensitiveReads::Id).primary_key())
                    .col(timestamp_with_time_zone(SensitiveReads::OccurredAt))
                    .col(uuid(SensitiveReads::ActorId))
                    .col(string_len(SensitiveReads::Action, 40))
                    .col(string_len(SensitiveReads::SubjectType, 40))
                    .col(uuid(SensitiveReads::SubjectId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SensitiveReads::Table, SensitiveReads::ActorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The same read again within minutes is looked up by these.
        manager
            .create_index(
                Index::create()
                    .name("idx_sensitive_reads_actor_subject")
                    .table(SensitiveReads::Table)
                    .col(SensitiveReads::ActorId)
                    .col(SensitiveReads::SubjectId)
                    .col(SensitiveReads::Action)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SensitiveReads::Table).to_owned())
            .await
    }
}
