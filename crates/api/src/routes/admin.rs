use grants_app::Page;
use grants_app::mail::{
    self, OutboxCounts, OutboxFilter, OutboxMessageView, PreviewQuery, PreviewView,
};

use super::handlers::handlers;
use super::params::MESSAGE_ID;
use super::responses::{ActionErrors, Invalid, RestrictedListErrors};

handlers! {
    pub(super) fn routes(), tag = "admin";

    /// The email outbox, oldest first, optionally by state (administrators).
    get "/admin/outbox",
    fn list_outbox((filter, page): Paged<OutboxFilter>) -> Json<Page<OutboxMessageView>>,
        [RestrictedListErrors, Invalid] = mail::list(&filter, &page);

    /// How many emails are pending, sending, sent, dead and cancelled (administrators).
    get "/admin/outbox/counts",
    fn outbox_counts() -> Json<OutboxCounts>,
        [RestrictedListErrors] = mail::counts();

    /// Send a dead or cancelled email again (administrators).
    post "/admin/outbox/{id}/retry",
    fn retry_message(id: IdPath<uuid::Uuid> = MESSAGE_ID) -> Json<OutboxMessageView>,
        [ActionErrors] = mail::retry(id);

    /// Withdraw an email that has not been sent (administrators).
    post "/admin/outbox/{id}/cancel",
    fn cancel_message(id: IdPath<uuid::Uuid> = MESSAGE_ID) -> Json<OutboxMessageView>,
        [ActionErrors] = mail::cancel(id);

    /// Any email in any language, rendered with sample data (administrators).
    get "/admin/email-preview",
    fn preview_email(query: Query<PreviewQuery>) -> Json<PreviewView>,
        [RestrictedListErrors, Invalid] = mail::preview(&query);
}
