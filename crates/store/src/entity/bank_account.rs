use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grant_id: Uuid,
    pub account_holder: String,
    /// Electronic form: capitals and digits.
    pub iban: String,
    pub bic: Option<String>,
    pub bank_name: String,
    /// `confirmed`, `pending`, `replaced`, `rejected` or `withdrawn`.
    pub status: String,
    pub entered_by: Uuid,
    pub entered_at: DateTimeUtc,
    /// Who confirmed, rejected or withdrew it.
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    /// Why a change was rejected.
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
