//! Erasing a person: their account keeps its id (every record that points
//! at it stays whole) under a pseudonym; the rows that only describe them
//! go; texts others wrote lose their name and address.
//!
//! The audit trail is never touched here: its events carry ids, states,
//! amounts and field names, never a person's name, address or file names,
//! so its hash chain still verifies after an erasure.

use chrono::{DateTime, Utc};
use grants_domain::{Email, PersonName, ProposalId, Role, UserId};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Value,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::{
    api_token, bid, conflict, decision, email_token, external_identity, grant, idempotency_key,
    notification_preference, outbox_message, privacy_consent, proposal, recovery_code, report,
    review, review_assignment, reviewer_profile, second_factor, showcase_consent, sign_in_throttle,
    team_member, thread, thread_inbox, thread_message, user, user_role,
};

/// What replaces a person's name and address in texts others wrote.
#[derive(Debug, Clone)]
pub struct Swaps(Vec<(String, String)>);

impl Swaps {
    /// The person's name for `name`, each form of their address for `email`.
    pub fn new(old: (&PersonName, &Email), new: (&PersonName, &Email)) -> Self {
        let mut swaps = vec![
            (old.0.as_str().to_owned(), new.0.as_str().to_owned()),
            (old.1.as_str().to_owned(), new.1.as_str().to_owned()),
        ];
        if old.1.normalized() != old.1.as_str() {
            swaps.push((old.1.normalized(), new.1.as_str().to_owned()));
        }
        Self(swaps)
    }

    /// `text` with every swap made; `None` when nothing changed.
    pub fn apply(&self, text: &str) -> Option<String> {
        let mut changed: Option<String> = None;
        for (old, new) in &self.0 {
            let current = changed.as_deref().unwrap_or(text);
            if let Some(next) = grants_domain::text::replace_whole(current, old, new) {
                changed = Some(next);
            }
        }
        changed
    }

    /// Every string inside `value` with the swaps made; whether any changed.
    fn apply_json(&self, value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => match self.apply(s) {
                Some(new) => {
                    *s = new;
                    true
                }
                None => false,
            },
            // Every value, not only up to the first changed one.
            serde_json::Value::Array(items) => items
                .iter_mut()
                .map(|v| self.apply_json(v))
                .fold(false, |a, b| a | b),
            serde_json::Value::Object(map) => map
                .values_mut()
                .map(|v| self.apply_json(v))
                .fold(false, |a, b| a | b),
            _ => false,
        }
    }

    /// A filter that matches a text holding any of the old values.
    fn any_in(&self, text: impl Fn(String) -> sea_orm::sea_query::SimpleExpr) -> Condition {
        self.0.iter().fold(Condition::any(), |any, (old, _)| {
            any.add(text(format!("%{old}%")))
        })
    }
}

/// Replaces the account's personal fields by the pseudonym, makes it
/// unable to sign in, and marks it erased. Its id, roles and language stay.
pub async fn pseudonymise_account(
    c: &impl ConnectionTrait,
    id: UserId,
    (name, email): (&PersonName, &Email),
    now: DateTime<Utc>,
) -> StoreResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::Name, Expr::value(name.as_str()))
        .col_expr(
            user::Column::SearchText,
            Expr::value(crate::users::search_text(
                name.as_str(),
                None,
                email.as_str(),
            )),
        )
        .col_expr(user::Column::Email, Expr::value(email.as_str()))
        .col_expr(
            user::Column::EmailNormalized,
            Expr::value(email.normalized()),
        )
        // Not a password hash: nothing ever matches it.
        .col_expr(user::Column::PasswordHash, Expr::value("erased"))
        .col_expr(user::Column::Country, Expr::value(Option::<String>::None))
        .col_expr(
            user::Column::Organisation,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            user::Column::ExpertiseTags,
            Expr::value(serde_json::json!([])),
        )
        .col_expr(user::Column::Active, Expr::value(false))
        .col_expr(user::Column::ErasedAt, Expr::value(Some(now)))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            user::Column::Revision,
            Expr::col(user::Column::Revision).add(1),
        )
        .filter(user::Column::Id.eq(id.uuid()))
        .exec(c)
        .await?;
    Ok(())
}

/// Deletes every row that only describes the person: sessions and tokens,
/// links to their organisations' accounts,
/// links sent to them, their second factor and recovery codes, email
/// preferences, accepted notices, consents to show their projects in
/// public (which nobody is left to withdraw), their conversations' unread
/// counts, stored replies, jury profiles and bids,
/// the emails to them, and their sign-in throttle (`throttle_key`). How
/// many rows.
pub async fn delete_personal_rows(
    c: &impl ConnectionTrait,
    id: UserId,
    throttle_key: &str,
) -> StoreResult<u64> {
    let user = id.uuid();
    let mut deleted = 0;
    macro_rules! delete {
        ($entity:ident, $column:ident) => {
            deleted += $entity::Entity::delete_many()
                .filter($entity::Column::$column.eq(user))
                .exec(c)
                .await?
                .rows_affected;
        };
    }
    delete!(api_token, UserId);
    delete!(external_identity, UserId);
    delete!(email_token, UserId);
    delete!(recovery_code, UserId);
    delete!(second_factor, UserId);
    delete!(notification_preference, UserId);
    delete!(privacy_consent, UserId);
    delete!(showcase_consent, GivenBy);
    delete!(thread_inbox, UserId);
    delete!(team_member, UserId);
    delete!(idempotency_key, UserId);
    delete!(reviewer_profile, UserId);
    delete!(bid, ReviewerId);
    delete!(outbox_message, RecipientId);
    deleted += sign_in_throttle::Entity::delete_many()
        .filter(sign_in_throttle::Column::Key.eq(throttle_key))
        .exec(c)
        .await?
        .rows_affected;
    Ok(deleted)
}

/// The person's proposals that no grant was made from.
pub async fn proposals_without_grant(
    c: &impl ConnectionTrait,
    owner: UserId,
) -> StoreResult<Vec<ProposalId>> {
    let ids: Vec<Uuid> = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::Id)
        .filter(proposal::Column::OwnerId.eq(owner.uuid()))
        .filter(
            proposal::Column::Id.not_in_subquery(
                Query::select()
                    .column(grant::Column::ProposalId)
                    .from(grant::Entity)
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(c)
        .await?;
    Ok(ids.into_iter().map(ProposalId::from).collect())
}

/// The grants made to the person (kept: they are financial records).
pub async fn grants_of(c: &impl ConnectionTrait, grantee: UserId) -> StoreResult<Vec<Uuid>> {
    Ok(grant::Entity::find()
        .select_only()
        .column(grant::Column::Id)
        .filter(grant::Column::GranteeId.eq(grantee.uuid()))
        .into_tuple()
        .all(c)
        .await?)
}

/// Takes the person's name and address out of what others wrote: decision
/// letters, reviewers' and managers' comments and reasons, conversations'
/// topics and messages, and the emails
/// still held for others. Grant agreements, bank details and payments are
/// financial records and keep them. How many texts changed.
pub async fn scrub_texts(c: &impl ConnectionTrait, swaps: &Swaps) -> StoreResult<u64> {
    let mut changed = 0;
    macro_rules! scrub {
        ($entity:ident, $id:ident, $text:ident) => {
            let found: Vec<(Uuid, Option<String>)> = $entity::Entity::find()
                .select_only()
                .column($entity::Column::$id)
                .column($entity::Column::$text)
                .filter(swaps.any_in(|p| $entity::Column::$text.like(p)))
                .into_tuple()
                .all(c)
                .await?;
            for (id, text) in found {
                if let Some(new) = text.and_then(|t| swaps.apply(&t)) {
                    $entity::Entity::update_many()
                        .col_expr($entity::Column::$text, Expr::value(new))
                        .filter($entity::Column::$id.eq(id))
                        .exec(c)
                        .await?;
                    changed += 1;
                }
            }
        };
    }
    scrub!(decision, Id, LetterText);
    scrub!(decision, Id, LetterSubject);
    scrub!(decision, Id, Reason);
    scrub!(review, AssignmentId, CommentForApplicant);
    scrub!(thread, Id, Topic);
    scrub!(thread_message, Id, Body);
    scrub!(review, AssignmentId, CommentForJury);
    scrub!(review_assignment, Id, Reason);
    scrub!(conflict, Id, Reason);
    scrub!(report, Id, ReviewComment);
    changed += scrub_outbox(c, swaps).await?;
    Ok(changed)
}

/// The emails held for others that name the person (a manager told of a
/// proposal names its applicant).
async fn scrub_outbox(c: &impl ConnectionTrait, swaps: &Swaps) -> StoreResult<u64> {
    // A JSON column: compared as text on either database.
    let as_text = || Expr::col(outbox_message::Column::Payload).cast_as(Alias::new("text"));
    let found: Vec<(Uuid, serde_json::Value)> = outbox_message::Entity::find()
        .select_only()
        .column(outbox_message::Column::Id)
        .column(outbox_message::Column::Payload)
        .filter(swaps.any_in(|p| as_text().like(p)))
        .into_tuple()
        .all(c)
        .await?;
    let mut changed = 0;
    for (id, mut payload) in found {
        if swaps.apply_json(&mut payload) {
            outbox_message::Entity::update_many()
                .col_expr(
                    outbox_message::Column::Payload,
                    Expr::value(Value::Json(Some(Box::new(payload)))),
                )
                .filter(outbox_message::Column::Id.eq(id))
                .exec(c)
                .await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Up to `limit` applicants due for erasure under the retention rule: not
/// erased, holding no role but applicant, never granted anything, and with
/// nothing of theirs (account, proposals, sign-ins) changed or used since
/// `cutoff`.
pub async fn unfunded_applicants_idle_since(
    c: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
    limit: u64,
) -> StoreResult<Vec<UserId>> {
    let roles = |applicant: bool| {
        let role = Expr::col(user_role::Column::Role);
        Query::select()
            .column(user_role::Column::UserId)
            .from(user_role::Entity)
            .and_where(if applicant {
                role.eq(Role::Applicant.as_str())
            } else {
                role.ne(Role::Applicant.as_str())
            })
            .to_owned()
    };
    let ids: Vec<Uuid> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::ErasedAt.is_null())
        .filter(user::Column::CreatedAt.lt(cutoff))
        .filter(user::Column::UpdatedAt.lt(cutoff))
        .filter(user::Column::Id.in_subquery(roles(true)))
        .filter(user::Column::Id.not_in_subquery(roles(false)))
        .filter(
            user::Column::Id.not_in_subquery(
                Query::select()
                    .column(grant::Column::GranteeId)
                    .from(grant::Entity)
                    .to_owned(),
            ),
        )
        .filter(
            user::Column::Id.not_in_subquery(
                Query::select()
                    .column(proposal::Column::OwnerId)
                    .from(proposal::Entity)
                    .and_where(Expr::col(proposal::Column::UpdatedAt).gte(cutoff))
                    .to_owned(),
            ),
        )
        .filter(
            user::Column::Id.not_in_subquery(
                Query::select()
                    .column(api_token::Column::UserId)
                    .from(api_token::Entity)
                    .cond_where(
                        Condition::any()
                            .add(Expr::col(api_token::Column::CreatedAt).gte(cutoff))
                            .add(Expr::col(api_token::Column::LastUsedAt).gte(cutoff)),
                    )
                    .to_owned(),
            ),
        )
        .limit(limit)
        .into_tuple()
        .all(c)
        .await?;
    Ok(ids.into_iter().map(UserId::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_of_a_message_loses_the_name_and_address() {
        let name = PersonName::parse("Ana Petrovska").expect("a name");
        let email = Email::parse("Ana@Lib.mk").expect("an address");
        let (new_name, new_email) = grants_domain::pseudonym(7);
        let swaps = Swaps::new((&name, &email), (&new_name, &new_email));
        let mut payload = serde_json::json!({
            "envelope": { "recipient_name": "Boris" },
            "event": { "applicant_name": "Ana Petrovska", "lines": ["to ana@lib.mk", "Ana Petrovska, Ana@Lib.mk"] },
            "count": 3,
        });
        assert!(swaps.apply_json(&mut payload));
        assert_eq!(
            payload,
            serde_json::json!({
                "envelope": { "recipient_name": "Boris" },
                "event": {
                    "applicant_name": "P-00000007",
                    "lines": ["to erased-00000007@erased.invalid", "P-00000007, erased-00000007@erased.invalid"],
                },
                "count": 3,
            })
        );
        assert!(!swaps.apply_json(&mut payload), "nothing left to change");
    }
}
