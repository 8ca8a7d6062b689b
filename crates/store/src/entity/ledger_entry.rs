use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub grant_id: Option<Uuid>,
    pub tranche_id: Option<Uuid>,
    pub country: Option<String>,
    /// `commitment`, `release` or `disbursement`.
    pub kind: String,
    pub amount_minor: i64,
    pub currency: String,
    pub actor_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub memo: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
