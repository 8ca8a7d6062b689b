//! Sessions a person can see and end: each token says whether a browser
//! or an API client holds it, from which address and program it signed in,
//! and when it was last used.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Kind,
    ClientAddress,
    UserAgent,
    LastUsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column an ALTER: SQLite adds no more at once.
        let columns = [
            string_len(ApiTokens::Kind, 16).default("api").to_owned(),
            string_len_null(ApiTokens::ClientAddress, 64),
            string_len_null(ApiTokens::UserAgent, 256),
            timestamp_with_time_zone_null(ApiTokens::LastUsedAt),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(ApiTokens::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ApiTokens::LastUsedAt,
            ApiTokens::UserAgent,
            ApiTokens::ClientAddress,
            ApiTokens::Kind,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ApiTokens::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
