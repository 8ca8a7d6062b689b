//! Teams: the people a proposal's lead applicant invited to write
//! (editors) or read (viewers) it with them, and the invitations, each a
//! single-use link that expires, kept by the hash of its secret.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    ProposalId,
    UserId,
    Role,
    AddedAt,
}

#[derive(DeriveIden)]
enum TeamInvitations {
    Table,
    Id,
    ProposalId,
    Email,
    EmailNormalized,
    Role,
    TokenHash,
    InvitedBy,
    Locale,
    CreatedAt,
    ExpiresAt,
    ClosedAt,
    AcceptedBy,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TeamMembers::Table)
                    .col(uuid(TeamMembers::ProposalId))
                    .col(uuid(TeamMembers::UserId))
                    .col(string(TeamMembers::Role))
                    .col(timestamp_with_time_zone(TeamMembers::AddedAt))
                    .primary_key(
                        Index::create()
                            .col(TeamMembers::ProposalId)
                            .col(TeamMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TeamMembers::Table, TeamMembers::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Every request reads the teams its person is on.
        manager
            .create_index(
                Index::create()
                    .name("idx_team_members_user")
                    .table(TeamMembers::Table)
                    .col(TeamMembers::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TeamInvitations::Table)
                    .col(uuid(TeamInvitations::Id).primary_key())
                    .col(uuid(TeamInvitations::ProposalId))
                    .col(string(TeamInvitations::Email))
                    .col(string(TeamInvitations::EmailNormalized))
                    .col(string(TeamInvitations::Role))
                    .col(string(TeamInvitations::TokenHash).unique_key())
                    .col(uuid(TeamInvitations::InvitedBy))
                    .col(string(TeamInvitations::Locale))
                    .col(timestamp_with_time_zone(TeamInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(TeamInvitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(TeamInvitations::ClosedAt))
                    .col(uuid_null(TeamInvitations::AcceptedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TeamInvitations::Table, TeamInvitations::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_team_invitations_proposal")
                    .table(TeamInvitations::Table)
                    .col(TeamInvitations::ProposalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TeamInvitations::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TeamMembers::Table).to_owned())
            .await
    }
}
