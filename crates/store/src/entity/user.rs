use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    #[sea_orm(unique)]
    pub email_normalized: String,
    pub name: String,
    pub password_hash: String,
    pub locale: String,
    pub country: Option<String>,
    pub organisation: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub expertise_tags: Json,
    pub active: bool,
    pub email_verified_at: Option<DateTimeUtc>,
    pub revision: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub erased_at: Option<DateTimeUtc>,
    /// The name and organisation in their search form.
    #[sea_orm(column_type = "Text", nullable)]
    pub search_text: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
