//! The jury: reviewer profiles per programme, conflicts of interest, bids,
//! review assignments and the reviews themselves.

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
enum ReviewerProfiles {
    Table,
    ProgrammeId,
    UserId,
    Profile,
    Available,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Conflicts {
    Table,
    Id,
    ProgrammeId,
    ProposalId,
    ReviewerId,
    Kind,
    Status,
    Reason,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Bids {
    Table,
    ProposalId,
    ReviewerId,
    ProgrammeId,
    Level,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReviewAssignments {
    Table,
    Id,
    ProgrammeId,
    ProposalId,
    ReviewerId,
    State,
    DueAt,
    Reason,
    AssignedBy,
    Revision,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    AssignmentId,
    ProgrammeId,
    ProposalId,
    ReviewerId,
    State,
    Scores,
    Recommendation,
    CommentForApplicant,
    CommentForJury,
    Revision,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

fn references<T: IntoIden + 'static, C: IntoIden + 'static>(
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (T, C),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReviewerProfiles::Table)
                    .col(uuid(ReviewerProfiles::ProgrammeId))
                    .col(uuid(ReviewerProfiles::UserId))
                    .col(json_binary(ReviewerProfiles::Profile))
                    .col(boolean(ReviewerProfiles::Available))
                    .col(timestamp_with_time_zone(ReviewerProfiles::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(ReviewerProfiles::ProgrammeId)
                            .col(ReviewerProfiles::UserId),
                    )
                    .foreign_key(&mut references(
                        (ReviewerProfiles::Table, ReviewerProfiles::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut references(
                        (ReviewerProfiles::Table, ReviewerProfiles::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Conflicts::Table)
                    .col(uuid(Conflicts::Id).primary_key())
                    .col(uuid(Conflicts::ProgrammeId))
                    .col(uuid(Conflicts::ProposalId))
                    .col(uuid(Conflicts::ReviewerId))
                    .col(string_len(Conflicts::Kind, 32))
                    .col(string_len(Conflicts::Status, 16))
                    .col(text_null(Conflicts::Reason))
                    .col(uuid_null(Conflicts::RecordedBy))
                    .col(timestamp_with_time_zone(Conflicts::CreatedAt))
                    .col(timestamp_with_time_zone(Conflicts::UpdatedAt))
                    .foreign_key(&mut references(
                        (Conflicts::Table, Conflicts::ProposalId),
                        (Proposals::Table, Proposals::Id),
                    ))
                    .foreign_key(&mut references(
                        (Conflicts::Table, Conflicts::ReviewerId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_conflicts_pair_kind")
                    .table(Conflicts::Table)
                    .col(Conflicts::ProposalId)
                    .col(Conflicts::ReviewerId)
                    .col(Conflicts::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_conflicts_programme")
                    .table(Conflicts::Table)
                    .col(Conflicts::ProgrammeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bids::Table)
                    .col(uuid(Bids::ProposalId))
                    .col(uuid(Bids::ReviewerId))
                    .col(uuid(Bids::ProgrammeId))
                    .col(string_len(Bids::Level, 16))
                    .col(timestamp_with_time_zone(Bids::UpdatedAt))
                    .primary_key(Index::create().col(Bids::ProposalId).col(Bids::ReviewerId))
                    .foreign_key(&mut references(
                        (Bids::Table, Bids::ProposalId),
                        (Proposals::Table, Proposals::Id),
                    ))
                    .foreign_key(&mut references(
                        (Bids::Table, Bids::ReviewerId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bids_programme")
                    .table(Bids::Table)
                    .col(Bids::ProgrammeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReviewAssignments::Table)
                    .col(uuid(ReviewAssignments::Id).primary_key())
                    .col(uuid(ReviewAssignments::ProgrammeId))
                    .col(uuid(ReviewAssignments::ProposalId))
                    .col(uuid(ReviewAssignments::ReviewerId))
                    .col(string_len(ReviewAssignments::State, 16))
                    .col(timestamp_with_time_zone(ReviewAssignments::DueAt))
                    .col(text_null(ReviewAssignments::Reason))
                    .col(uuid_null(ReviewAssignments::AssignedBy))
                    .col(big_integer(ReviewAssignments::Revision))
                    .col(timestamp_with_time_zone(ReviewAssignments::CreatedAt))
                    .col(timestamp_with_time_zone(ReviewAssignments::UpdatedAt))
                    .foreign_key(&mut references(
                        (ReviewAssignments::Table, ReviewAssignments::ProposalId),
                        (Proposals::Table, Proposals::Id),
                    ))
                    .foreign_key(&mut references(
                        (ReviewAssignments::Table, ReviewAssignments::ReviewerId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // One assignment per pair, ever: a declined or removed pair stays on
        // record (and out of the next assignment) instead of being recreated.
        manager
            .create_index(
                Index::create()
                    .name("idx_review_assignments_pair")
                    .table(ReviewAssignments::Table)
                    .col(ReviewAssignments::ProposalId)
                    .col(ReviewAssignments::ReviewerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_review_assignments_programme")
                    .table(ReviewAssignments::Table)
                    .col(ReviewAssignments::ProgrammeId)
                    .col(ReviewAssignments::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_review_assignments_reviewer")
                    .table(ReviewAssignments::Table)
                    .col(ReviewAssignments::ReviewerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reviews::Table)
                    .col(uuid(Reviews::AssignmentId).primary_key())
                    .col(uuid(Reviews::ProgrammeId))
                    .col(uuid(Reviews::ProposalId))
                    .col(uuid(Reviews::ReviewerId))
                    .col(string_len(Reviews::State, 16))
                    .col(json_binary(Reviews::Scores))
                    .col(string_len_null(Reviews::Recommendation, 32))
                    .col(text_null(Reviews::CommentForApplicant))
                    .col(text_null(Reviews::CommentForJury))
                    .col(big_integer(Reviews::Revision))
                    .col(timestamp_with_time_zone_null(Reviews::SubmittedAt))
                    .col(timestamp_with_time_zone(Reviews::CreatedAt))
                    .col(timestamp_with_time_zone(Reviews::UpdatedAt))
                    .foreign_key(&mut references(
                        (Reviews::Table, Reviews::AssignmentId),
                        (ReviewAssignments::Table, ReviewAssignments::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reviews_programme")
                    .table(Reviews::Table)
                    .col(Reviews::ProgrammeId)
                    .col(Reviews::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reviews_proposal")
                    .table(Reviews::Table)
                    .col(Reviews::ProposalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Reviews::Table.into_iden(),
            ReviewAssignments::Table.into_iden(),
            Bids::Table.into_iden(),
            Conflicts::Table.into_iden(),
            ReviewerProfiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
