//! End-to-end tests of the HTTP API, mirroring its routes. Each test starts
//! the real server on a random port over a fresh database and runs once on
//! SQLite and once on PostgreSQL.

mod api {
    mod account;
    mod attachments;
    mod auth;
    mod authz;
    mod backup;
    mod bank;
    mod cli;
    mod conversations;
    mod crash;
    mod demo;
    mod erasure;
    mod exports;
    mod funding_line;
    mod hardening;
    mod health;
    mod idempotency;
    mod instances;
    mod mail;
    mod money;
    mod oidc;
    mod partners;
    mod personal_data;
    mod programmes;
    mod proposals;
    mod queries;
    mod reads;
    mod refusals;
    mod reports;
    mod review;
    mod search;
    mod second_factor;
    mod sessions;
    mod showcase;
    mod storage;
    mod stress;
    mod teams;
    mod users;
    mod workflows;
}
