//! sea-orm entities, one module per table. Behaviour lives in the
//! repository modules beside this one, not here.

pub mod api_token;
pub mod attachment;
pub mod audit_event;
pub mod bank_account;
pub mod bid;
pub mod conflict;
pub mod decision;
pub mod email_token;
pub mod external_identity;
pub mod grant;
pub mod idempotency_key;
pub mod ledger_entry;
pub mod notification_preference;
pub mod outbox_message;
pub mod privacy_consent;
pub mod programme;
pub mod proposal;
pub mod recovery_code;
pub mod report;
pub mod review;
pub mod review_assignment;
pub mod reviewer_profile;
pub mod second_factor;
pub mod sensitive_read;
pub mod showcase_consent;
pub mod sign_in_throttle;
pub mod thread;
pub mod thread_inbox;
pub mod thread_message;
pub mod timer;
pub mod tranche;
pub mod user;
pub mod user_role;
pub mod workflow_definition;
