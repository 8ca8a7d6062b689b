use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_invitations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub proposal_id: Uuid,
    /// The address as the lead wrote it.
    pub email: String,
    pub email_normalized: String,
    pub role: String,
    /// The SHA-256 of the link's secret; the secret itself is only mailed.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub invited_by: Uuid,
    /// The language the invitation is written in.
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// When it was taken or withdrawn; a link works once.
    pub closed_at: Option<DateTimeUtc>,
    pub accepted_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
