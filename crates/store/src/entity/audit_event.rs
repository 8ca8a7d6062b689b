use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub occurred_at: DateTimeUtc,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Uuid,
    /// Position in the subject's chain, from 1.
    pub seq: i64,
    #[sea_orm(column_type = "JsonBinary")]
    pub details: Json,
    /// The hash of the subject's previous event; `None` for the first.
    pub prev_hash: Option<String>,
    /// SHA-256 over this event and `prev_hash`, hex.
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
