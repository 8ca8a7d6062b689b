use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programmes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub code: String,
    #[sea_orm(unique)]
    pub code_normalized: String,
    pub currency: String,
    pub budget_minor: i64,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    /// The whole validated `ProgrammeSpec`; the columns above copy the parts queries need.
    #[sea_orm(column_type = "JsonBinary")]
    pub spec: Json,
    pub archived_at: Option<DateTimeUtc>,
    pub revision: i64,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
