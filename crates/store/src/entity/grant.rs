use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "grants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    #[sea_orm(unique)]
    pub proposal_id: Uuid,
    pub grantee_id: Uuid,
    pub country: String,
    pub region: Option<String>,
    pub award_minor: i64,
    pub currency: String,
    pub state: String,
    pub workflow: String,
    pub workflow_version: i32,
    pub revision: i64,
    pub agreement_locale: String,
    #[sea_orm(column_type = "Text")]
    pub agreement_text: String,
    pub agreement_accepted_at: Option<DateTimeUtc>,
    pub started_at: Option<DateTimeUtc>,
    pub ended_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub end_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
