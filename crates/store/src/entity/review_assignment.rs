use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub proposal_id: Uuid,
    pub reviewer_id: Uuid,
    /// `invited`, `accepted`, `declined` or `removed`.
    pub state: String,
    pub due_at: DateTimeUtc,
    /// Why it was declined or removed.
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub assigned_by: Option<Uuid>,
    pub revision: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
