//! The countries of a proposal's partner libraries, as a column the lists
//! of ambassadors filter on (" AL RS "): the ambassadors of a partner's
//! country read the proposal. Written with the proposal's content; empty
//! for proposals without partners, which is every proposal before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Proposals {
    Table,
    PartnerCountries,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Proposals::Table)
                    .add_column(string(Proposals::PartnerCountries).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Proposals::Table)
                    .drop_column(Proposals::PartnerCountries)
                    .to_owned(),
            )
            .await
    }
}
