use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub owner_id: Uuid,
    /// Copied from the content for scoping by area.
    pub country: Option<String>,
    pub region: Option<String>,
    pub state: String,
    pub workflow: String,
    pub workflow_version: i32,
    pub revision: i64,
    /// Copied from the content for lists.
    pub title: Option<String>,
    /// The whole validated `ProposalContent`.
    #[sea_orm(column_type = "JsonBinary")]
    pub content: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub search_text: Option<String>,
    /// The partner libraries' countries, each between spaces: " AL RS ".
    pub partner_countries: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The programme applied to, so a transition reads both in one query.
    #[sea_orm(
        belongs_to = "super::programme::Entity",
        from = "Column::ProgrammeId",
        to = "super::programme::Column::Id"
    )]
    Programme,
}

impl Related<super::programme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Programme.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
