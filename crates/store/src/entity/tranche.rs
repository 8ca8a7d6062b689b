use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tranches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grant_id: Uuid,
    pub position: i32,
    pub key: String,
    pub percent: i32,
    pub amount_minor: i64,
    pub currency: String,
    pub condition: Json,
    pub state: String,
    pub workflow: String,
    pub workflow_version: i32,
    pub revision: i64,
    pub requested_by: Option<Uuid>,
    pub requested_at: Option<DateTimeUtc>,
    pub approved_by: Option<Uuid>,
    pub approved_at: Option<DateTimeUtc>,
    pub paid_by: Option<Uuid>,
    pub paid_at: Option<DateTimeUtc>,
    pub payment_reference: Option<String>,
    pub value_date: Option<Date>,
    pub paid_minor: Option<i64>,
    pub paid_currency: Option<String>,
    pub exchange_rate: Option<String>,
    /// The reason given when it was sent back or cancelled.
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
