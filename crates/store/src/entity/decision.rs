use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub programme_id: Uuid,
    /// `funded`, `waitlisted` or `declined`.
    pub outcome: String,
    pub award_minor: Option<i64>,
    pub currency: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub letter_locale: String,
    #[sea_orm(column_type = "Text")]
    pub letter_subject: String,
    #[sea_orm(column_type = "Text")]
    pub letter_text: String,
    pub decided_by: Uuid,
    pub decided_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
