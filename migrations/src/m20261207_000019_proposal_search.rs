//! Search across scripts: each proposal's words in their search form
//! (Latin letters, no accents, lower case), filled in by the service when
//! a proposal is written and, for proposals written before, at start-up.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Proposals {
    Table,
    SearchText,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Proposals::Table)
                    .add_column(text_null(Proposals::SearchText))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Proposals::Table)
                    .drop_column(Proposals::SearchText)
                    .to_owned(),
            )
            .await
    }
}
