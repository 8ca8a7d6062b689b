//! A subject's running timers are found through the subject.
//!
//! Every lookup by subject asks for the running timers only (neither fired
//! nor cancelled), and the listing is ordered by when each fires. The first
//! index on the subject ended at the timer's kind, so SQLite preferred the
//! index of every running timer, which also gives that order, and read all
//! of them to keep the subject's: a cost that grows with the programme.
//! This index answers the whole condition and the order for one subject.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Timers {
    Table,
    SubjectType,
    SubjectId,
    Kind,
    FiredAt,
    CancelledAt,
    FireAt,
}

const NAME: &str = "idx_timers_subject";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Timers::Table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Timers::Table)
                    .col(Timers::SubjectType)
                    .col(Timers::SubjectId)
                    .col(Timers::FiredAt)
                    .col(Timers::CancelledAt)
                    .col(Timers::FireAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Timers::Table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Timers::Table)
                    .col(Timers::SubjectType)
                    .col(Timers::SubjectId)
                    .col(Timers::Kind)
                    .to_owned(),
            )
            .await
    }
}
