//! Demo data: an administrator, people in every role (including the eleven
//! INELI-Balkans ambassador organisations) and an open sample programme,
//! so a newcomer can click through at once. Seeding twice changes nothing.
//!
//! One file per part:
//!
//! - `people`: the accounts, in every role, and the ambassador organisations;
//! - `sample`: the open sample programme [`DEMO_PROGRAMME`] and its first proposals;
//! - `review_round`: the closed round [`DEMO_REVIEW_PROGRAMME`], with its jury at work;
//! - `decided_round`: the decided round [`DEMO_DECIDED_PROGRAMME`], with its
//!   grants, tranches and reports;
//! - `support`: logging in and the small builders the parts share.

mod decided_round;
mod people;
mod review_round;
mod sample;
mod support;

use std::net::SocketAddr;

use anyhow::Context;
use grants_app::auth::{self, LoginInput};
use grants_app::users::{self, CreateUserInput, RoleGrantInput};
use grants_app::{App, AppError, programmes};
use secrecy::SecretString;

pub use decided_round::DEMO_DECIDED_PROGRAMME;
pub use review_round::DEMO_REVIEW_PROGRAMME;
pub use sample::{DEMO_PROGRAMME, sample_programme};

use decided_round::seed_decided_round;
use people::PEOPLE;
use review_round::seed_review_round;
use sample::{seed_conversation, seed_proposals};

/// Every demo account shares this password; demo data is for trying the service only.
pub const DEMO_PASSWORD: &str = "innovation-demo";

/// A demo account to print for the newcomer.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// What the account is for.
    pub label: String,
    /// Its log-in address.
    pub email: String,
}

/// Creates whatever of the demo data is missing and returns the accounts.
pub async fn seed(app: &App) -> anyhow::Result<Vec<DemoAccount>> {
    let mut accounts = Vec::new();
    for person in PEOPLE {
        let input = CreateUserInput {
            email: person.email.to_owned(),
            name: person.name.to_owned(),
            password: SecretString::from(DEMO_PASSWORD),
            locale: Some(person.locale.to_owned()),
            country: person.country.map(str::to_owned),
            organisation: person.organisation.map(str::to_owned),
            expertise_tags: person.tags.iter().map(|t| (*t).to_owned()).collect(),
            roles: person
                .roles
                .iter()
                .map(|(role, area)| RoleGrantInput {
                    role: (*role).to_owned(),
                    area: area.map(str::to_owned),
                })
                .collect(),
        };
        match users::bootstrap_user(app, input).await {
            Ok(_) | Err(AppError::Duplicate { .. }) => {}
            Err(err) => {
                return Err(anyhow::Error::new(err).context(format!("seeding {}", person.email)));
            }
        }
        accounts.push(DemoAccount {
            label: person.label.to_owned(),
            email: person.email.to_owned(),
        });
    }

    let token = auth::login(
        app,
        LoginInput {
            email: "manager@innovation-awards.example".into(),
            password: SecretString::from(DEMO_PASSWORD),
            code: None,
        },
        auth::Client::local(),
    )
    .await
    .context("logging in as the demo programme manager")?;
    let manager = auth::authenticate(app, &token.token).await?;
    match programmes::create(app, &manager, sample_programme()).await {
        Ok(_) | Err(AppError::Duplicate { .. }) => {}
        Err(err) => return Err(anyhow::Error::new(err).context("seeding the sample programme")),
    }
    auth::logout(app, &manager).await?;
    seed_proposals(app).await?;
    seed_conversation(app).await?;
    seed_review_round(app).await?;
    seed_decided_round(app).await?;
    Ok(accounts)
}

/// The credentials block printed at start-up.
pub fn describe(accounts: &[DemoAccount], address: SocketAddr) -> String {
    let mut text =
        format!("\nDemo data is ready. Every account's password is: {DEMO_PASSWORD}\n\n");
    let mut by_label: Vec<(&str, Vec<&str>)> = Vec::new();
    for account in accounts {
        match by_label
            .iter_mut()
            .find(|(label, _)| *label == account.label)
        {
            Some((_, emails)) => emails.push(&account.email),
            None => by_label.push((&account.label, vec![&account.email])),
        }
    }
    for (label, emails) in by_label {
        let shown = if emails.len() > 3 {
            format!("{}, … ({} in all)", emails[..2].join(", "), emails.len())
        } else {
            emails.join(", ")
        };
        text.push_str(&format!("  {label:<22} {shown}\n"));
    }
    text.push_str(&format!(
        "\nOpen:     http://{address}/app and sign in with any account above\nAPI docs: http://{address}/docs\nLog in:   curl -s -X POST http://{address}/auth/token -H 'content-type: application/json' \\\n            -d '{{\"email\":\"admin@innovation-awards.example\",\"password\":\"{DEMO_PASSWORD}\"}}'\n"
    ));
    text
}
