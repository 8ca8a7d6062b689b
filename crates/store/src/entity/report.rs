use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grant_id: Uuid,
    pub programme_id: Uuid,
    pub grantee_id: Uuid,
    pub country: String,
    pub region: Option<String>,
    pub key: String,
    pub kind: String,
    pub position: i32,
    pub due_on: Date,
    pub state: String,
    pub workflow: String,
    pub workflow_version: i32,
    pub revision: i64,
    pub content: Json,
    pub first_submitted_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_comment: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// What it says, in the search form.
    #[sea_orm(column_type = "Text", nullable)]
    pub search_text: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
