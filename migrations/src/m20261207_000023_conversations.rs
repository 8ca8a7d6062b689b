//! Conversations: threads on a proposal, a grant or a report, each with the
//! audience chosen when it started; their messages; and each person's
//! inbox of a thread (how many of its messages they have not read), written
//! when a message reaches them, so that unread counts are one indexed read.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Threads {
    Table,
    Id,
    SubjectType,
    SubjectId,
    ProgrammeId,
    Audience,
    Topic,
    StartedBy,
    CreatedAt,
    LastMessageAt,
    MessageCount,
}

#[derive(DeriveIden)]
enum ThreadMessages {
    Table,
    Id,
    ThreadId,
    AuthorId,
    Body,
    ReplyTo,
    Mentions,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ThreadInbox {
    Table,
    ThreadId,
    UserId,
    Unread,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Threads::Table)
                    .col(uuid(Threads::Id).primary_key())
                    .col(string(Threads::SubjectType))
                    .col(uuid(Threads::SubjectId))
                    .col(uuid(Threads::ProgrammeId))
                    .col(string(Threads::Audience))
                    .col(string(Threads::Topic))
                    .col(uuid(Threads::StartedBy))
                    .col(timestamp_with_time_zone(Threads::CreatedAt))
                    .col(timestamp_with_time_zone(Threads::LastMessageAt))
                    .col(big_integer(Threads::MessageCount))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_threads_subject")
                    .table(Threads::Table)
                    .col(Threads::SubjectId)
                    .col(Threads::SubjectType)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThreadMessages::Table)
                    .col(uuid(ThreadMessages::Id).primary_key())
                    .col(uuid(ThreadMessages::ThreadId))
                    .col(uuid(ThreadMessages::AuthorId))
                    .col(text(ThreadMessages::Body))
                    .col(uuid_null(ThreadMessages::ReplyTo))
                    .col(json_binary(ThreadMessages::Mentions))
                    .col(timestamp_with_time_zone(ThreadMessages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ThreadMessages::Table, ThreadMessages::ThreadId)
                            .to(Threads::Table, Threads::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_thread_messages_thread")
                    .table(ThreadMessages::Table)
                    .col(ThreadMessages::ThreadId)
                    .col(ThreadMessages::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThreadInbox::Table)
                    .col(uuid(ThreadInbox::ThreadId))
                    .col(uuid(ThreadInbox::UserId))
                    .col(big_integer(ThreadInbox::Unread))
                    .primary_key(
                        Index::create()
                            .col(ThreadInbox::ThreadId)
                            .col(ThreadInbox::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ThreadInbox::Table, ThreadInbox::ThreadId)
                            .to(Threads::Table, Threads::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_thread_inbox_user")
                    .table(ThreadInbox::Table)
                    .col(ThreadInbox::UserId)
                    .col(ThreadInbox::Unread)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ThreadInbox::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ThreadMessages::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Threads::Table).to_owned())
            .await
    }
}
