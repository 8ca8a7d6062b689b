//! `grants backup FILE` and `grants restore FILE`: a SQLite database and
//! the files of its attachments in one `.tar.gz`, taken while the service
//! runs, and put back where a configuration says, never over data unless
//! told. PostgreSQL has its own tools (`pg_dump`, `pg_restore`; see the
//! README), and the attachment folder is copied beside them.
//!
//! The archive holds `manifest.json`, `grants.sqlite` (a `VACUUM INTO`
//! copy: one consistent moment of the database) and
//! `attachments/sha256/<2>/<62>`, the files that copy names: each is
//! named by its content's SHA-256, which restoring checks.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};
use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use grants_app::Store;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;

const MANIFEST: &str = "manifest.json";
const DATABASE: &str = "grants.sqlite";
const ATTACHMENTS: &str = "attachments/sha256/";
/// The archive's layout; a restore refuses one it does not know.
const FORMAT: u32 = 1;

/// What an archive says of itself.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// The version of the service that wrote it.
    service_version: String,
    created_at: DateTime<Utc>,
    /// Attachment files in the archive.
    attachments: usize,
    /// Files the copied database names that were gone when they were
    /// copied (their attachments were removed while the backup ran).
    missing_attachments: Vec<String>,
}

/// What a backup wrote.
#[derive(Debug)]
pub struct BackupReport {
    /// Attachment files archived.
    pub attachments: usize,
    /// Files named by the copy but removed meanwhile.
    pub missing_attachments: Vec<String>,
    /// The archive's size.
    pub bytes: u64,
}

/// What a restore put back.
#[derive(Debug)]
pub struct RestoreReport {
    /// The database file written.
    pub database: PathBuf,
    /// Attachment files written.
    pub attachments: usize,
    /// Files of the replaced database's attachments removed (`--force`):
    /// none of the restored records names them.
    pub removed: usize,
    /// When the backup was taken.
    pub taken_at: DateTime<Utc>,
}

/// The SQLite file a configuration names, or why there is none.
fn sqlite_file(config: &Config) -> anyhow::Result<PathBuf> {
    let settings = config.database_settings()?;
    let Some(rest) = settings.url.strip_prefix("sqlite:") else {
        bail!(
            "the database is PostgreSQL: back it up with pg_dump and restore it with pg_restore \
             (the README shows how), and copy the attachment folder {} beside it",
            config.attachment_dir().display()
        );
    };
    let path = rest.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    ensure!(
        !path.is_empty() && !path.starts_with(":memory:"),
        "the database is not a file"
    );
    Ok(PathBuf::from(path))
}

/// Writes a backup of the configured SQLite database and its attachments
/// to `target` (which must not exist), while the service goes on.
pub async fn backup(config: &Config, target: &Path) -> anyhow::Result<BackupReport> {
    sqlite_file(config)?;
    ensure!(
        !target.exists(),
        "{} exists already: name a new file",
        target.display()
    );
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Made beside the target, and renamed into place only when whole.
    let staging = tempfile::Builder::new()
        .prefix(".grants-backup-")
        .tempdir_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    let copy = staging.path().join(DATABASE);
    let store = Store::connect(&config.database_settings()?)
        .await
        .context("cannot open the database")?;
    store
        .snapshot_into(&copy)
        .await
        .context("cannot copy the database")?;
    store.close().await?;
    let contents = grants_store::backup::attachment_contents(&copy)
        .await
        .context("cannot read the copy")?;
    let attachments = config.attachment_dir();
    let target = target.to_owned();
    tokio::task::spawn_blocking(move || {
        let partial = staging.path().join("archive.tar.gz");
        let report = write_archive(&partial, &copy, &attachments, &contents)?;
        std::fs::rename(&partial, &target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(report)
    })
    .await?
}

fn write_archive(
    archive: &Path,
    copy: &Path,
    attachments: &Path,
    contents: &[String],
) -> anyhow::Result<BackupReport> {
    let file = File::create(archive)?;
    let mut tar = tar::Builder::new(GzEncoder::new(BufWriter::new(file), Compression::fast()));
    let mut missing = Vec::new();
    let mut archived = 0;
    let mut files = Vec::new();
    for sha256 in contents {
        let Some(relative) = content_path(sha256) else {
            missing.push(sha256.clone());
            continue;
        };
        match File::open(attachments.join("sha256").join(&relative)) {
            Ok(file) => files.push((relative, file)),
            // Removed after the copy was taken: its attachment is gone too.
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(sha256.clone()),
            Err(e) => return Err(e).context(format!("cannot read attachment {sha256}")),
        }
    }
    let manifest = Manifest {
        format: FORMAT,
        service_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: Utc::now(),
        attachments: files.len(),
        missing_attachments: missing.clone(),
    };
    append_bytes(&mut tar, MANIFEST, &serde_json::to_vec_pretty(&manifest)?)?;
    tar.append_path_with_name(copy, DATABASE)?;
    for (relative, mut file) in files {
        tar.append_file(format!("{ATTACHMENTS}{relative}"), &mut file)?;
        archived += 1;
    }
    let mut out = tar.into_inner()?.finish()?;
    out.flush()?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(BackupReport {
        attachments: archived,
        missing_attachments: missing,
        bytes: file.metadata()?.len(),
    })
}

fn append_bytes<W: Write>(tar: &mut tar::Builder<W>, name: &str, bytes: &[u8]) -> io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(u64::try_from(Utc::now().timestamp()).unwrap_or(0));
    header.set_cksum();
    tar.append_data(&mut header, name, bytes)
}

/// `ab/cdef…` for a SHA-256 in hex, as the attachment folder keeps it;
/// `None` for anything else.
fn content_path(sha256: &str) -> Option<String> {
    let is_hash = sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    is_hash.then(|| format!("{}/{}", &sha256[..2], &sha256[2..]))
}

/// Puts a backup back: the database file where the configuration says,
/// the attachments into its folder. Refuses where accounts or attachments
/// exist already, unless `force`, which replaces them. The service must
/// not be running on that database.
pub async fn restore(
    config: &Config,
    archive: &Path,
    force: bool,
) -> anyhow::Result<RestoreReport> {
    let database = sqlite_file(config)?;
    let attachments = config.attachment_dir();
    if !force {
        let store = Store::connect(&config.database_settings()?)
            .await
            .context("cannot open the database")?;
        let has_accounts = store.has_accounts().await?;
        store.close().await?;
        let has_files = std::fs::read_dir(attachments.join("sha256"))
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(false);
        if has_accounts || has_files {
            bail!(
                "{} is not empty (it has {}): restoring would replace it; \
                 stop the service and run `grants restore --force` to do that",
                database.display(),
                if has_accounts {
                    "accounts"
                } else {
                    "attachments"
                }
            );
        }
    }
    let folder = database
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned();
    std::fs::create_dir_all(&folder)?;
    std::fs::create_dir_all(attachments.join("sha256"))?;
    let staging = tempfile::Builder::new()
        .prefix(".grants-restore-")
        .tempdir_in(&folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    let staged = staging.path().join(DATABASE);
    let (manifest, written) = {
        let archive = archive.to_owned();
        let staged = staged.clone();
        let attachments = attachments.clone();
        tokio::task::spawn_blocking(move || unpack(&archive, &staged, &attachments)).await??
    };
    if let Some(problem) = grants_store::backup::integrity_problem(&staged).await? {
        bail!("the archive's database is damaged: {problem}");
    }
    // The old database goes only once the new one is whole beside it.
    for suffix in ["-wal", "-shm"] {
        let mut side = database.clone().into_os_string();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(&staged, &database)
        .with_context(|| format!("cannot write {}", database.display()))?;
    // What the replaced database had and the restored one does not name
    // goes too (an erased person's files must not outlive a restore).
    let removed = remove_others(&attachments.join("sha256"), &written)?;
    Ok(RestoreReport {
        database,
        attachments: written.len(),
        removed,
        taken_at: manifest.created_at,
    })
}

/// Removes every file under `dir` (the attachments' `xx/yyyy…` places)
/// that is not in `kept`: how many.
fn remove_others(dir: &Path, kept: &HashSet<PathBuf>) -> anyhow::Result<usize> {
    let mut removed = 0;
    let Ok(folders) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    for folder in folders {
        let folder = folder?.path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder)? {
            let file = file?.path();
            if file.is_file() && !kept.contains(&file) {
                std::fs::remove_file(&file)
                    .with_context(|| format!("cannot remove {}", file.display()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Reads an archive: its manifest, its database into `staged`, and each
/// attachment into `attachments` once its content is checked against its
/// name. Anything else in the archive is refused.
fn unpack(
    archive: &Path,
    staged: &Path,
    attachments: &Path,
) -> anyhow::Result<(Manifest, HashSet<PathBuf>)> {
    let file = File::open(archive).with_context(|| format!("cannot read {}", archive.display()))?;
    let mut tar = tar::Archive::new(GzDecoder::new(BufReader::new(file)));
    let mut manifest: Option<Manifest> = None;
    let mut database = false;
    let mut written = HashSet::new();
    for entry in tar.entries().context("not a backup of this service")? {
        let mut entry = entry.context("the archive is damaged")?;
        let name = entry.path()?.to_string_lossy().into_owned();
        if name == MANIFEST {
            let read: Manifest = serde_json::from_reader(&mut entry)
                .context("the archive's manifest is unreadable")?;
            ensure!(
                read.format == FORMAT,
                "the archive has layout {} and this service reads {FORMAT}",
                read.format
            );
            manifest = Some(read);
        } else if name == DATABASE {
            ensure!(manifest.is_some(), "not a backup of this service");
            let mut out = File::create(staged)?;
            io::copy(&mut entry, &mut out)?;
            out.sync_all()?;
            database = true;
        } else if let Some(relative) = name.strip_prefix(ATTACHMENTS) {
            let sha256 = relative.replace('/', "");
            let Some(expected) = content_path(&sha256).filter(|p| *p == relative) else {
                bail!("the archive holds {name}, which is not an attachment's place");
            };
            let target = attachments.join("sha256").join(expected);
            keep_attachment(&mut entry, &target, &sha256)?;
            written.insert(target);
        } else {
            bail!("the archive holds {name}, which is not part of a backup");
        }
    }
    let manifest = manifest.context("not a backup of this service: it has no manifest")?;
    ensure!(database, "the archive holds no database");
    Ok((manifest, written))
}

/// Writes one attachment file whose content must hash to `sha256`.
fn keep_attachment(content: &mut impl Read, target: &Path, sha256: &str) -> anyhow::Result<()> {
    let dir = target.parent().context("an attachment's folder")?;
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    let mut hasher = Sha256::new();
    let mut buffer = [0u8; 64 * 1024];
    loop {
        let n = content.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        temp.write_all(&buffer[..n])?;
    }
    let found: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ensure!(
        found == sha256,
        "the archive's attachment {sha256} is damaged (its content hashes to {found})"
    );
    temp.as_file().sync_all()?;
    temp.persist(target)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sha256_names_an_attachment_file() {
        let hash = "ab".repeat(32);
        assert_eq!(
            content_path(&hash).as_deref(),
            Some(format!("ab/{}", "ab".repeat(31)).as_str())
        );
        assert_eq!(content_path("../../etc/passwd"), None);
        assert_eq!(content_path(&"AB".repeat(32)), None);
    }
}
