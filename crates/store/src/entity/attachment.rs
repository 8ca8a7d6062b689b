use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `proposal` (later also `report`).
    pub parent_type: String,
    pub parent_id: Uuid,
    pub file_name: String,
    /// The media type told from the bytes, e.g. `application/pdf`.
    pub content_type: String,
    pub size_bytes: i64,
    /// The content's SHA-256, hex; also its name in the attachment folder.
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
