//! The real server as a child process, for the tests that kill it without
//! warning (SIGKILL: no shutdown hook, no flush) and start it again over the
//! same database and folders.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::process::{Child, Command};

use crate::smtp::free_port;
use crate::{ADMIN_EMAIL, ADMIN_PASSWORD, TestDatabase};

/// A `grants serve` process on a fixed port, started and killed at will.
#[derive(Debug)]
pub struct ChildServer {
    /// `http://127.0.0.1:<port>`; the same across restarts.
    pub base: String,
    /// How many times it has been started.
    pub starts: u32,
    program: PathBuf,
    config_file: PathBuf,
    log_file: PathBuf,
    child: Option<Child>,
}

impl ChildServer {
    /// Writes a configuration for `database` into `dir` (sending mail over
    /// SMTP to `smtp_port`, looking for due timers and mail every 100 ms with
    /// claims of `claim_seconds`, plus any `more` TOML), migrates the
    /// database and creates the test administrator, all with `program`.
    pub async fn prepare(
        program: &str,
        database: &TestDatabase,
        dir: &Path,
        smtp_port: u16,
        claim_seconds: u64,
        more: &str,
    ) -> ChildServer {
        let port = free_port();
        let config_file = dir.join("grants.toml");
        let schema = database.schema.clone().unwrap_or_default();
        std::fs::write(
            &config_file,
            format!(
                "data_dir = \"{data}\"\n\
                 [server]\nhost = \"127.0.0.1\"\nport = {port}\nshutdown_grace_seconds = 1\n\
                 [database]\nurl = \"{url}\"\nschema = \"{schema}\"\nmax_connections = 4\n\
                 [log]\nfilter = \"warn\"\n\
                 [timers]\npoll_interval_ms = 100\nclaim_seconds = {claim_seconds}\n\
                 [mail]\ntransport = \"smtp\"\ndispatch_interval_ms = 100\nclaim_seconds = {claim_seconds}\n\
                 retry_base_ms = 200\nretry_cap_ms = 1000\n{more}\n\
                 [mail.smtp]\nhost = \"127.0.0.1\"\nport = {smtp_port}\n",
                data = dir.join("data").display(),
                url = database.url,
            ),
        )
        .expect("the configuration is written");
        let server = ChildServer {
            base: format!("http://127.0.0.1:{port}"),
            starts: 0,
            program: PathBuf::from(program),
            config_file,
            log_file: dir.join("server.log"),
            child: None,
        };
        server.run_to_end(&["migrate"], None).await;
        server
            .run_to_end(
                &[
                    "user",
                    "create",
                    "--email",
                    ADMIN_EMAIL,
                    "--name",
                    "Test Administrator",
                    "--role",
                    "admin",
                ],
                Some(ADMIN_PASSWORD),
            )
            .await;
        server
    }

    fn command(&self) -> Command {
        let log = || {
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.log_file)
                .expect("the server log opens")
        };
        let mut command = Command::new(&self.program);
        command
            .arg("--config")
            .arg(&self.config_file)
            .stdout(Stdio::from(log()))
            .stderr(Stdio::from(log()))
            .kill_on_drop(true);
        command
    }

    async fn run_to_end(&self, args: &[&str], input: Option<&str>) {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .spawn()
            .expect("the server program starts");
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin
                .write_all(format!("{input}\n").as_bytes())
                .await
                .expect("input written");
        }
        let status = child.wait().await.expect("the command ends");
        assert!(status.success(), "{args:?} failed:\n{}", self.log_tail());
    }

    /// Starts `grants serve` and waits until it answers `/healthz`.
    pub async fn start(&mut self) {
        assert!(self.child.is_none(), "the server is already running");
        let child = self
            .command()
            .args(["serve", "--no-migrate"])
            .stdin(Stdio::null())
            .spawn()
            .expect("the server starts");
        self.child = Some(child);
        self.starts += 1;
        let client = reqwest::Client::new();
        for _ in 0..300 {
            let answered = client
                .get(format!("{}/healthz", self.base))
                .timeout(Duration::from_secs(1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if answered {
                return;
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                panic!("the server exited with {status}:\n{}", self.log_tail());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not answer in 15 s:\n{}", self.log_tail());
    }

    /// Kills the server with SIGKILL and waits until it is gone.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.expect("the server is killed");
        }
    }

    /// From the next start, logs every SQL statement, and lets the timer and
    /// mail loops sleep for an hour after their first round: what the log
    /// gains while one request runs is then that request's statements.
    pub fn log_statements(&self) {
        let config = std::fs::read_to_string(&self.config_file).expect("the configuration reads");
        // `prepare` wrote these; a configuration that no longer has them
        // would leave the statements unlogged and the loops awake.
        assert!(
            config.contains("filter = \"warn\"")
                && config.matches("interval_ms = 100\n").count() == 2,
            "the configuration `prepare` writes changed:\n{config}"
        );
        let config = config
            .replace("filter = \"warn\"", "filter = \"warn,sqlx::query=debug\"")
            .replace("interval_ms = 100\n", "interval_ms = 3600000\n");
        std::fs::write(&self.config_file, config).expect("the configuration is written");
    }

    /// How many SQL statements the server has logged so far (see
    /// [`ChildServer::log_statements`]).
    pub fn statements_logged(&self) -> usize {
        std::fs::read_to_string(&self.log_file)
            .unwrap_or_default()
            .matches("sqlx::query")
            .count()
    }

    /// The end of what the server printed, for failure messages.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log_file).unwrap_or_default();
        let start = log.len().saturating_sub(4000);
        log.get(start..).unwrap_or(&log).to_owned()
    }
}
