use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "thread_messages")]
pub struct Model {
    /// A UUID v7: messages sort by it in the order written.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub thread_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    /// The earlier message of the thread this one quotes.
    pub reply_to: Option<Uuid>,
    /// The people it mentions, by id.
    pub mentions: Json,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
