//! The `grants` command line.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use grants_app::AppError;
use grants_app::users::{CreateUserInput, RoleGrantInput};
use secrecy::SecretString;

use crate::application::{self, Application};
use crate::config::{Config, LogFormat};
use crate::{backup, demo, telemetry};

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
    /// Check, draw and migrate workflow definitions.
    Workflow {
        /// What to do with workflows.
        #[command(subcommand)]
        command: WorkflowCommand,
    },
    /// Check the email templates.
    Templates {
        /// What to do with templates.
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Inspect the audit trail.
    Audit {
        /// What to do with the trail.
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Measure the service's algorithms on generated instances (built
    /// with the feature `bench` only).
    #[cfg(feature = "bench")]
    Bench {
        /// What to measure.
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Write a backup of a SQLite database and its attachments to FILE (a
    /// .tar.gz) while the service runs. For PostgreSQL use pg_dump.
    Backup {
        /// The archive to write; it must not exist.
        file: PathBuf,
    },
    /// Put a backup back where the configuration says. Refuses a database
    /// that has accounts or attachments unless --force; stop the service first.
    Restore {
        /// The archive `grants backup` wrote.
        file: PathBuf,
        /// Replace a database that has data.
        #[arg(long)]
        force: bool,
    },
    /// Print the version.
    Version,
}

/// Benchmarks.
#[cfg(feature = "bench")]
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Reviewer assignment: generate an instance (or read one), solve it
    /// exactly, and print one JSON line of figures: build and solve time,
    /// objective, slots filled, peak memory.
    Assignment {
        /// Proposals to generate.
        #[arg(long, default_value_t = 2000)]
        proposals: u32,
        /// Reviewers to generate.
        #[arg(long, default_value_t = 300)]
        reviewers: u32,
        /// Reviews per proposal.
        #[arg(long, default_value_t = 3)]
        k: u16,
        /// Share of proposal–reviewer pairs with a conflict of interest.
        #[arg(long, default_value_t = 0.05)]
        conflicts: f64,
        /// Seed of the generator; the same seed gives the same instance.
        #[arg(long, default_value_t = 2027)]
        seed: u64,
        /// Solve this instance (JSON) instead of generating one.
        #[arg(long = "in", value_name = "FILE")]
        input: Option<PathBuf>,
        /// Write the instance as JSON, for an independent solver.
        #[arg(long, value_name = "FILE")]
        export: Option<PathBuf>,
    },
    /// The scale data set: seed the demo into the configured database, then
    /// a network's years of data cloned from it (see `grants_store::scale`);
    /// prints one JSON line saying what was written and where.
    Scale {
        /// 1 is ten programmes of 2,000 proposals; 0.25 a quarter, 4 four times.
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// The funding line: generate a ranking and a budget, draw the line
    /// under every policy, and print one JSON line of timings and totals.
    Funding {
        /// Ranked proposals to generate.
        #[arg(long, default_value_t = 10_000)]
        candidates: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Add a minimum count and a maximum share for every country.
        #[arg(long)]
        country_rules: bool,
    },
}

/// Workflow commands.
#[derive(Debug, Subcommand)]
pub enum WorkflowCommand {
    /// Validate definitions: every problem, with file:line. Exits non-zero if any.
    Check {
        /// A folder of *.yaml definitions; the built-in ones when omitted.
        dir: Option<PathBuf>,
    },
    /// Print a workflow as a diagram.
    Graph {
        /// The workflow, e.g. proposal.
        name: String,
        /// mermaid or dot.
        #[arg(long, default_value = "mermaid")]
        format: GraphFormat,
        /// A folder of definitions; the built-in ones when omitted.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Move running instances from one version of a workflow to another.
    Migrate {
        /// The workflow, e.g. proposal.
        name: String,
        /// The version instances are on.
        #[arg(long)]
        from: u32,
        /// The version to move them to (registered at start-up).
        #[arg(long)]
        to: u32,
        /// Rename a state: old=new (repeat). Unnamed states keep their name.
        #[arg(long = "map", value_parser = parse_mapping)]
        mapping: Vec<(String, String)>,
    },
}

/// Diagram formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid state diagram.
    Mermaid,
    /// A Graphviz digraph.
    Dot,
}

/// Template commands.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Load and render every event in every language with sample data; list every problem.
    Check {
        /// A folder laid out like email-templates/; the built-in templates when omitted.
        dir: Option<PathBuf>,
    },
}

/// Audit commands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk every hash chain; name the first event that does not match. Exits non-zero if one does not.
    Verify,
}

fn parse_mapping(raw: &str) -> Result<(String, String), String> {
    match raw.split_once('=') {
        Some((old, new)) if !old.trim().is_empty() && !new.trim().is_empty() => {
            Ok((old.trim().to_owned(), new.trim().to_owned()))
        }
        _ => Err(format!("'{raw}' is not old=new")),
    }
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
            Command::Workflow { command } => run_workflow(&config, command).await,
            Command::Templates {
                command: TemplatesCommand::Check { dir },
            } => {
                if let Some(dir) = dir {
                    config.mail.templates_dir = dir.display().to_string();
                }
                let templates = config.templates()?;
                println!(
                    "the templates are complete: {} events, each in English and Macedonian, every language renders",
                    templates.complete_events().len()
                );
                Ok(())
            }
            Command::Audit {
                command: AuditCommand::Verify,
            } => verify_audit(&config).await,
            Command::Backup { file } => {
                let report = backup::backup(&config, &file).await?;
                println!(
                    "backed up the database and {} attachment files to {} ({} bytes)",
                    report.attachments,
                    file.display(),
                    report.bytes
                );
                if !report.missing_attachments.is_empty() {
                    println!(
                        "{} attachments were removed while the backup ran; their files are not in it",
                        report.missing_attachments.len()
                    );
                }
                Ok(())
            }
            Command::Restore { file, force } => {
                let report = backup::restore(&config, &file, force).await?;
                println!(
                    "restored the backup of {} into {} with {} attachment files \
                     ({} files it does not name removed); \
                     the service applies any newer migrations when it starts",
                    report.taken_at.format("%Y-%m-%d %H:%M:%S UTC"),
                    report.database.display(),
                    report.attachments,
                    report.removed
                );
                Ok(())
            }
            #[cfg(feature = "bench")]
            Command::Bench {
                command:
                    BenchCommand::Assignment {
                        proposals,
                        reviewers,
                        k,
                        conflicts,
                        seed,
                        input,
                        export,
                    },
            } => {
                let spec = grants_assignment::bench::GeneratorSpec {
                    proposals,
                    reviewers,
                    reviews_per_proposal: k,
                    conflict_rate: conflicts,
                    seed,
                    ..Default::default()
                };
                bench_assignment(&spec, input.as_deref(), export.as_deref())
            }
            #[cfg(feature = "bench")]
            Command::Bench {
                command:
                    BenchCommand::Funding {
                        candidates,
                        seed,
                        country_rules,
                    },
            } => {
                let report = grants_scoring::funding::bench::measure(
                    &grants_scoring::funding::bench::BenchSpec {
                        candidates,
                        seed,
                        country_rules,
                    },
                );
                println!("{}", serde_json::to_string(&report)?);
                Ok(())
            }
            #[cfg(feature = "bench")]
            Command::Bench {
                command: BenchCommand::Scale { scale, seed },
            } => {
                anyhow::ensure!(
                    scale.is_finite() && scale > 0.0 && scale <= 16.0,
                    "--scale takes a number above 0 and at most 16"
                );
                let started = std::time::Instant::now();
                let application = Application::build(&config, true).await?;
                demo::seed(application.app()).await?;
                let report = grants_store::scale::generate(
                    application.app().store(),
                    &grants_store::scale::ScaleSpec {
                        scale,
                        seed,
                        review_template: demo::DEMO_REVIEW_PROGRAMME.to_owned(),
                        decided_template: demo::DEMO_DECIDED_PROGRAMME.to_owned(),
                        person_template: "applicant.mk@innovation-awards.example".to_owned(),
                    },
                )
                .await?;
                let mut line = serde_json::to_value(&report)?;
                line["seconds"] = serde_json::json!(started.elapsed().as_secs_f64());
                line["password"] = serde_json::json!(demo::DEMO_PASSWORD);
                println!("{line}");
                Ok(())
            }
            Command::Version => {
                println!("grants {}", env!("CARGO_PKG_VERSION"));
                Ok(())
            }
        }
    }
}

/// The most memory the process has held, in MiB (Linux; `None` elsewhere).
#[cfg(feature = "bench")]
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

#[cfg(feature = "bench")]
fn bench_assignment(
    spec: &grants_assignment::bench::GeneratorSpec,
    input: Option<&std::path::Path>,
    export: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let start = std::time::Instant::now();
    let instance: grants_assignment::Instance = match input {
        Some(path) => serde_json::from_str(
            &std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?,
        )
        .with_context(|| format!("{} is not an assignment instance", path.display()))?,
        None => grants_assignment::bench::generate(spec),
    };
    let generated = start.elapsed();
    if let Some(path) = export {
        std::fs::write(path, serde_json::to_vec(&instance)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let mut report = grants_assignment::bench::measure_instance(&instance)?;
    report.generate_ms = generated.as_secs_f64() * 1000.0;
    let mut line = serde_json::to_value(&report)?;
    if let Some(mib) = peak_rss_mib() {
        line["peak_rss_mib"] = serde_json::json!(mib);
    }
    println!("{line}");
    eprintln!("{report}");
    Ok(())
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
    let app = application::app_for_command(config).await?;
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

fn sources(dir: Option<&std::path::Path>) -> anyhow::Result<Vec<grants_app::workflows::Source>> {
    match dir {
        Some(dir) => grants_app::workflows::from_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display())),
        None => Ok(grants_app::workflows::built_in()),
    }
}

async fn run_workflow(config: &Config, command: WorkflowCommand) -> anyhow::Result<()> {
    match command {
        WorkflowCommand::Check { dir } => {
            let sources = sources(dir.as_deref())?;
            let templates = config.templates()?;
            match grants_app::workflows::check(&sources, &templates.complete_events()) {
                Ok(definitions) => {
                    for def in definitions {
                        println!(
                            "{}: workflow {} v{} is valid ({} states, {} transitions)",
                            def.file,
                            def.name.value,
                            def.version.value,
                            def.states.len(),
                            def.transitions.len()
                        );
                    }
                    Ok(())
                }
                Err(problems) => {
                    let lines: Vec<_> = problems.iter().map(ToString::to_string).collect();
                    anyhow::bail!("{} problem(s) found:\n{}", problems.len(), lines.join("\n"))
                }
            }
        }
        WorkflowCommand::Graph { name, format, dir } => {
            let sources = sources(dir.as_deref())?;
            let templates = config.templates()?;
            let definitions = grants_app::workflows::check(&sources, &templates.complete_events())
                .map_err(|problems| {
                    let lines: Vec<_> = problems.iter().map(ToString::to_string).collect();
                    anyhow::anyhow!("the definitions are invalid:\n{}", lines.join("\n"))
                })?;
            let def = definitions
                .iter()
                .find(|d| d.name.value == name)
                .with_context(|| format!("no workflow named '{name}'"))?;
            match format {
                GraphFormat::Mermaid => print!("{}", grants_workflow::mermaid(def)),
                GraphFormat::Dot => print!("{}", grants_workflow::dot(def)),
            }
            Ok(())
        }
        WorkflowCommand::Migrate {
            name,
            from,
            to,
            mapping,
        } => {
            let app = application::app_for_command(config).await?;
            match grants_app::workflows::migrate_instances(&app, &name, from, to, &mapping).await {
                Ok(moved) => {
                    for m in &moved {
                        println!("{} {} -> {}", m.id, m.from_state, m.to_state);
                    }
                    println!(
                        "moved {} instance(s) of {name} from version {from} to {to}",
                        moved.len()
                    );
                    Ok(())
                }
                Err(AppError::Validation(errors)) => {
                    let lines: Vec<_> = errors
                        .fields()
                        .iter()
                        .map(|e| format!("  {}", e.message))
                        .collect();
                    anyhow::bail!("nothing was moved:\n{}", lines.join("\n"))
                }
                Err(err) => Err(anyhow::anyhow!(
                    "nothing was moved: {}",
                    grants_i18n::errors::detail(grants_domain::Locale::En, &err)
                )),
            }
        }
    }
}

async fn verify_audit(config: &Config) -> anyhow::Result<()> {
    let app = application::app_for_command(config).await?;
    let report = grants_app::audit::verify(&app).await?;
    match report.first_broken {
        None => {
            println!(
                "the audit trail holds: {} events in {} chains verified",
                report.events, report.chains
            );
            Ok(())
        }
        Some((id, why)) => anyhow::bail!(
            "the audit trail is broken at event {id}: {why} ({} events checked before it)",
            report.events.saturating_sub(1)
        ),
    }
}

/// The whole program: parses the process's arguments, runs the command and
/// turns an error into a message and a failing exit code.
pub async fn main() -> std::process::ExitCode {
    match Cli::parse().run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
