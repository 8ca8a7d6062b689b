//! Showcase consents: a grantee's consent that their funded project appears
//! on the public showcase, who gave it and when. A row a consented grant;
//! withdrawing deletes it (the grant's history keeps both steps).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Grants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ShowcaseConsents {
    Table,
    GrantId,
    GivenBy,
    GivenAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ShowcaseConsents::Table)
                    .col(uuid(ShowcaseConsents::GrantId).primary_key())
                    .col(uuid(ShowcaseConsents::GivenBy))
                    .col(timestamp_with_time_zone(ShowcaseConsents::GivenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ShowcaseConsents::Table, ShowcaseConsents::GrantId)
                            .to(Grants::Table, Grants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ShowcaseConsents::Table).to_owned())
            .await
    }
}
