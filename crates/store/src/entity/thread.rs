use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "threads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `proposal`, `grant` or `report`.
    pub subject_type: String,
    pub subject_id: Uuid,
    pub programme_id: Uuid,
    /// Who reads it: `applicants`, `staff`, `jury` or `grantee`.
    pub audience: String,
    pub topic: String,
    pub started_by: Uuid,
    pub created_at: DateTimeUtc,
    pub last_message_at: DateTimeUtc,
    pub message_count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
