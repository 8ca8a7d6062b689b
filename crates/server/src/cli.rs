//! The `grants` command line.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use grants_app::users::{CreateUserInput, RoleGrantInput};
use grants_app::{App, AppError};
use secrecy::SecretString;

use crate::application::{self, Application};
use crate::config::{Config, LogFormat};
use crate::{demo, telemetry};

/// Innovation Awards: grant management for innovation-awards programmes.
#[derive(Debug, Parser)]
#[command(name = "grants", version, about)]
pub struct Cli {
    /// A configuration file layered over the built-in defaults.
    #[arg(long, global = true, env = "GRANTS_CONFIG")]
    pub config: Option<PathBuf>,
    /// Log format, overriding the configuration.
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service until Ctrl-C or SIGTERM.
    Serve {
        /// Seed demo users and a sample programme, and print the credentials.
        #[arg(long)]
        demo: bool,
        /// Do not apply pending migrations (refuse to start if any are pending).
        #[arg(long)]
        no_migrate: bool,
        /// Port to listen on, overriding the configuration.
        #[arg(long)]
        port: Option<u16>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Manage users.
    User {
        /// What to do with users.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the version.
    Version,
}

/// User commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is read from standard input.
    Create {
        /// The address to log in with.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Roles to grant (repeat); ambassadors as ambassador:MK or ambassador:BA-SRP.
        #[arg(long = "role", default_value = "admin")]
        roles: Vec<String>,
        /// Language: en, mk, sq, bs, bg, hr, el, ro, sr, sl.
        #[arg(long)]
        locale: Option<String>,
        /// Country (ISO 3166-1 alpha-2, XK for Kosovo).
        #[arg(long)]
        country: Option<String>,
    },
}

impl Cli {
    /// Runs the command.
    pub async fn run(self) -> anyhow::Result<()> {
        let mut config = Config::load(self.config.as_deref())?;
        if let Some(format) = self.log_format {
            config.log.format = format;
        }
        telemetry::init(config.log.format, &config.log.filter);
        match self.command {
            Command::Serve {
                demo,
                no_migrate,
                port,
            } => {
                if let Some(port) = port {
                    config.server.port = port;
                }
                serve(
                    &config,
                    demo,
                    !no_migrate && config.database.migrate_on_start,
                )
                .await
            }
            Command::Migrate => {
                let store = application::connect(&config).await?;
                let applied = store.migrate().await.context("migrations failed")?;
                println!("applied {applied} migration(s); the schema is up to date");
                store.close().await?;
                Ok(())
            }
            Command::User { command } => run_user(&config, command).await,
            Command::Version => {
                println!("grants {}", env!("CARGO_PKG_VERSION"));
                Ok(())
            }
        }
    }
}

async fn serve(config: &Config, demo: bool, migrate: bool) -> anyhow::Result<()> {
    let application = Application::build(config, migrate || demo).await?;
    if demo {
        let credentials = demo::seed(application.app()).await?;
        let address = application.local_addr()?;
        println!("{}", demo::describe(&credentials, address));
    }
    application.run_until(application::shutdown_signal()).await
}

async fn run_user(config: &Config, command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Create {
        email,
        name,
        roles,
        locale,
        country,
    } = command;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let store = application::connect(config).await?;
    store.migrate().await.context("migrations failed")?;
    let app = App::new(store, config.auth_policy());
    let input = CreateUserInput {
        email,
        name,
        password: SecretString::from(password),
        locale,
        country,
        organisation: None,
        expertise_tags: Vec::new(),
        roles: roles.iter().map(|r| parse_role(r)).collect(),
    };
    match grants_app::users::bootstrap_user(&app, input).await {
        Ok(user) => {
            println!("created user {} <{}>", user.id, user.email);
            Ok(())
        }
        Err(AppError::Validation(errors)) => {
            let lines: Vec<_> = errors
                .fields()
                .iter()
                .map(|e| format!("  {}: {}", e.field, e.message))
                .collect();
            anyhow::bail!("the user was not created:\n{}", lines.join("\n"))
        }
        Err(err) => Err(anyhow::Error::new(err).context("the user was not created")),
    }
}

/// `ambassador:MK` → role ambassador, area MK.
fn parse_role(raw: &str) -> RoleGrantInput {
    match raw.split_once(':') {
        Some((role, area)) => RoleGrantInput {
            role: role.to_owned(),
            area: Some(area.to_owned()),
        },
        None => RoleGrantInput {
            role: raw.to_owned(),
            area: None,
        },
    }
}
