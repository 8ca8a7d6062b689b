//! Proposals and the machinery of workflows: registered definitions,
//! durable timers and the notification outbox.

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
    ProgrammeId,
    OwnerId,
    Country,
    Region,
    State,
    Workflow,
    WorkflowVersion,
    Revision,
    Title,
    Content,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum WorkflowDefinitions {
    Table,
    Name,
    Version,
    ContentHash,
    Source,
    RegisteredAt,
}

#[derive(DeriveIden)]
enum Timers {
    Table,
    Id,
    SubjectType,
    SubjectId,
    Kind,
    Transition,
    FireAt,
    LeaseOwner,
    LeaseUntil,
    FiredAt,
    Outcome,
    CancelledAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Event,
    SubjectType,
    SubjectId,
    RecipientId,
    Locale,
    Payload,
    DedupeKey,
    State,
    Attempts,
    NextAttemptAt,
    LeaseOwner,
    LeaseUntil,
    MessageId,
    LastError,
    CreatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Proposals::Table)
                    .col(uuid(Proposals::Id).primary_key())
                    .col(uuid(Proposals::ProgrammeId))
                    .col(uuid(Proposals::OwnerId))
                    .col(string_len_null(Proposals::Country, 2))
                    .col(string_len_null(Proposals::Region, 16))
                    .col(string_len(Proposals::State, 64))
                    .col(string_len(Proposals::Workflow, 64))
                    .col(integer(Proposals::WorkflowVersion))
                    .col(big_integer(Proposals::Revision))
                    .col(string_null(Proposals::Title))
                    .col(json_binary(Proposals::Content))
                    .col(timestamp_with_time_zone(Proposals::CreatedAt))
                    .col(timestamp_with_time_zone(Proposals::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Proposals::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposals::Table, Proposals::ProgrammeId)
                            .to(Programmes::Table, Programmes::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposals::Table, Proposals::OwnerId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_proposals_programme_state",
                vec![Proposals::ProgrammeId, Proposals::State],
            ),
            ("idx_proposals_owner", vec![Proposals::OwnerId]),
            (
                "idx_proposals_country",
                vec![Proposals::Country, Proposals::State],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Proposals::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(WorkflowDefinitions::Table)
                    .col(string_len(WorkflowDefinitions::Name, 64))
                    .col(integer(WorkflowDefinitions::Version))
                    .col(string_len(WorkflowDefinitions::ContentHash, 64))
                    .col(text(WorkflowDefinitions::Source))
                    .col(timestamp_with_time_zone(WorkflowDefinitions::RegisteredAt))
                    .primary_key(
                        Index::create()
                            .col(WorkflowDefinitions::Name)
                            .col(WorkflowDefinitions::Version),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Timers::Table)
                    .col(uuid(Timers::Id).primary_key())
                    .col(string_len(Timers::SubjectType, 32))
                    .col(uuid(Timers::SubjectId))
                    .col(string_len(Timers::Kind, 64))
                    .col(string_len(Timers::Transition, 64))
                    .col(timestamp_with_time_zone(Timers::FireAt))
                    .col(string_len_null(Timers::LeaseOwner, 64))
                    .col(timestamp_with_time_zone_null(Timers::LeaseUntil))
                    .col(timestamp_with_time_zone_null(Timers::FiredAt))
                    .col(string_null(Timers::Outcome))
                    .col(timestamp_with_time_zone_null(Timers::CancelledAt))
                    .col(timestamp_with_time_zone(Timers::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_timers_due")
                    .table(Timers::Table)
                    .col(Timers::FiredAt)
                    .col(Timers::CancelledAt)
                    .col(Timers::FireAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_timers_subject")
                    .table(Timers::Table)
                    .col(Timers::SubjectType)
                    .col(Timers::SubjectId)
                    .col(Timers::Kind)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(uuid(Outbox::Id).primary_key())
                    .col(string_len(Outbox::Event, 64))
                    .col(string_len(Outbox::SubjectType, 32))
                    .col(uuid(Outbox::SubjectId))
                    .col(uuid(Outbox::RecipientId))
                    .col(string_len(Outbox::Locale, 8))
                    .col(json_binary(Outbox::Payload))
                    .col(string_uniq(Outbox::DedupeKey))
                    .col(string_len(Outbox::State, 16))
                    .col(integer(Outbox::Attempts))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(string_len_null(Outbox::LeaseOwner, 64))
                    .col(timestamp_with_time_zone_null(Outbox::LeaseUntil))
                    .col(string_null(Outbox::MessageId))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Outbox::Table, Outbox::RecipientId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_pending")
                    .table(Outbox::Table)
                    .col(Outbox::State)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            Timers::Table.into_iden(),
            WorkflowDefinitions::Table.into_iden(),
            Proposals::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
