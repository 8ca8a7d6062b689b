use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    /// SHA-256 of the secret, hex; the secret itself is never stored.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    /// When the holder last proved their second factor with this token.
    pub second_factor_at: Option<DateTimeUtc>,
    /// `browser` (a page session) or `api` (a bearer token).
    pub kind: String,
    /// The address the holder signed in from.
    pub client_address: Option<String>,
    /// The program the holder signed in with, as it named itself.
    pub user_agent: Option<String>,
    /// When the token was last used, to the minute.
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
