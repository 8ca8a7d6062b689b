use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    /// One review per assignment.
    #[sea_orm(primary_key, auto_increment = false)]
    pub assignment_id: Uuid,
    pub programme_id: Uuid,
    pub proposal_id: Uuid,
    pub reviewer_id: Uuid,
    /// `draft` or `submitted`.
    pub state: String,
    /// Criterion key → score or "n/a".
    #[sea_orm(column_type = "JsonBinary")]
    pub scores: Json,
    pub recommendation: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment_for_applicant: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment_for_jury: Option<String>,
    pub revision: i64,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
