//! Implementation reports: the reports a grantee owes on a schedule from
//! the programme, their content, and their review.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Grants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    GrantId,
    ProgrammeId,
    GranteeId,
    Country,
    Region,
    Key,
    Kind,
    Position,
    DueOn,
    State,
    Workflow,
    WorkflowVersion,
    Revision,
    Content,
    FirstSubmittedAt,
    SubmittedAt,
    ReviewedBy,
    ReviewedAt,
    ReviewComment,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(uuid(Reports::Id).primary_key())
                    .col(uuid(Reports::GrantId))
                    .col(uuid(Reports::ProgrammeId))
                    .col(uuid(Reports::GranteeId))
                    .col(string_len(Reports::Country, 2))
                    .col(string_len_null(Reports::Region, 16))
                    .col(string_len(Reports::Key, 64))
                    .col(string_len(Reports::Kind, 16))
                    .col(integer(Reports::Position))
                    .col(date(Reports::DueOn))
                    .col(string_len(Reports::State, 64))
                    .col(string_len(Reports::Workflow, 64))
                    .col(integer(Reports::WorkflowVersion))
                    .col(big_integer(Reports::Revision))
                    .col(json_binary(Reports::Content))
                    .col(timestamp_with_time_zone_null(Reports::FirstSubmittedAt))
                    .col(timestamp_with_time_zone_null(Reports::SubmittedAt))
                    .col(uuid_null(Reports::ReviewedBy))
                    .col(timestamp_with_time_zone_null(Reports::ReviewedAt))
                    .col(text_null(Reports::ReviewComment))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .col(timestamp_with_time_zone(Reports::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::GrantId)
                            .to(Grants::Table, Grants::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reports_grant_key")
                    .table(Reports::Table)
                    .col(Reports::GrantId)
                    .col(Reports::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reports_programme_state")
                    .table(Reports::Table)
                    .col(Reports::ProgrammeId)
                    .col(Reports::State)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Reports::Table).to_owned())
            .await
    }
}
