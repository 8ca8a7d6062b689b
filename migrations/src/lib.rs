//! The database schema of Innovation Awards, as ordered migrations that run
//! unchanged on SQLite and PostgreSQL. Applied migrations are recorded, so
//! running them again is a no-op.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_proposals;
mod m20261125_000003_email_tokens;
mod m20261125_000004_review;
mod m20261125_000005_idempotency;
mod m20261125_000006_grants;
mod m20261202_000007_reports;
mod m20261202_000008_attachments;
mod m20261202_000009_timers_by_subject;
mod m20261207_000010_bank_accounts;
mod m20261207_000011_privacy_consents;
mod m20261207_000012_sign_in_throttles;
mod m20261207_000013_second_factors;
mod m20261207_000014_sessions;
mod m20261207_000015_sensitive_reads;
mod m20261207_000016_erasure;
mod m20261207_000017_sign_in_providers;
mod m20261207_000018_sealed_secrets;
mod m20261207_000019_proposal_search;
mod m20261207_000020_showcase_consents;
mod m20261207_000021_people_search;
mod m20261207_000022_report_search;
mod m20261207_000023_conversations;
mod m20261207_000024_partner_countries;
mod m20261207_000025_teams;
mod m20261208_000026_proposals_by_state;

/// Every migration, oldest first.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_proposals::Migration),
            Box::new(m20261125_000003_email_tokens::Migration),
            Box::new(m20261125_000004_review::Migration),
            Box::new(m20261125_000005_idempotency::Migration),
            Box::new(m20261125_000006_grants::Migration),
            Box::new(m20261202_000007_reports::Migration),
            Box::new(m20261202_000008_attachments::Migration),
            Box::new(m20261202_000009_timers_by_subject::Migration),
            Box::new(m20261207_000010_bank_accounts::Migration),
            Box::new(m20261207_000011_privacy_consents::Migration),
            Box::new(m20261207_000012_sign_in_throttles::Migration),
            Box::new(m20261207_000013_second_factors::Migration),
            Box::new(m20261207_000014_sessions::Migration),
            Box::new(m20261207_000015_sensitive_reads::Migration),
            Box::new(m20261207_000016_erasure::Migration),
            Box::new(m20261207_000017_sign_in_providers::Migration),
            Box::new(m20261207_000018_sealed_secrets::Migration),
            Box::new(m20261207_000019_proposal_search::Migration),
            Box::new(m20261207_000020_showcase_consents::Migration),
            Box::new(m20261207_000021_people_search::Migration),
            Box::new(m20261207_000022_report_search::Migration),
            Box::new(m20261207_000023_conversations::Migration),
            Box::new(m20261207_000024_partner_countries::Migration),
            Box::new(m20261207_000025_teams::Migration),
            Box::new(m20261208_000026_proposals_by_state::Migration),
        ]
    }
}
