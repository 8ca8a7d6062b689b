//! Second-factor secrets are kept sealed (nonce, ciphertext and tag, in
//! base64): longer than the plain secret the column was made for.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SecondFactors {
    Table,
    Secret,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite keeps any length in a VARCHAR, and cannot alter a column.
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(SecondFactors::Table)
                    .modify_column(string_len(SecondFactors::Secret, 256))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(SecondFactors::Table)
                    .modify_column(string_len(SecondFactors::Secret, 64))
                    .to_owned(),
            )
            .await
    }
}
