//! Proposals are counted by state.
//!
//! The home page's to-do list counts the proposals a reader sees in a state
//! (submitted ones to screen, reviewed ones to decide). No index began with
//! the state, so SQLite read the whole table for each count: 16 ms at
//! 20,000 proposals, growing with them (`bash bench/run scale`). With the
//! state first and the owner beside it, the index answers the count and its
//! visibility condition without reading a row (0.3 ms).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Proposals {
    Table,
    State,
    OwnerId,
}

const NAME: &str = "idx_proposals_state_owner";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Proposals::Table)
                    .col(Proposals::State)
                    .col(Proposals::OwnerId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Proposals::Table).to_owned())
            .await
    }
}
