//! The attachment folder: every file kept once, named by the SHA-256 of its
//! content.
//!
//! ```text
//! <dir>/sha256/<first 2 hex digits>/<other 62 hex digits>   kept files
//! <dir>/tmp/<uuid>                                          uploads under way
//! ```
//!
//! An upload is written to a temporary file, flushed to disk and renamed
//! into place. A rename within one file system is atomic, so nobody ever
//! sees part of a file: a crash before the rename leaves a temporary file
//! (removed at the next start once it is stale), a crash after it a kept
//! file that no attachment names yet (harmless; the same bytes uploaded
//! again reuse it).

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tokio::io::AsyncWriteExt;

/// A temporary file untouched for this long belongs to no upload still
/// running (uploads time out well before): it is removed at start-up.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(3600);

/// The folder files are kept in.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    root: PathBuf,
}

impl Folder {
    pub(crate) fn new(root: PathBuf) -> Folder {
        Folder { root }
    }

    fn temp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Where the file with this content lives; refuses anything but a
    /// SHA-256 in lower-case hex, so a stored value can never name a path
    /// outside the folder.
    fn kept_path(&self, sha256: &str) -> io::Result<PathBuf> {
        let is_hash = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !is_hash {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("'{sha256}' is not a SHA-256"),
            ));
        }
        let (prefix, rest) = sha256.split_at(2);
        Ok(self.root.join("sha256").join(prefix).join(rest))
    }

    /// Creates the folder's layout and removes temporary files left by
    /// uploads that never finished (untouched for [`STALE_AFTER`]); returns
    /// how many were removed. Run at start-up.
    pub(crate) async fn prepare(&self) -> io::Result<usize> {
        tokio::fs::create_dir_all(self.root.join("sha256")).await?;
        let temp_dir = self.temp_dir();
        tokio::fs::create_dir_all(&temp_dir).await?;
        let stale_before = SystemTime::now()
            .checked_sub(STALE_AFTER)
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let mut removed = 0;
        let mut entries = tokio::fs::read_dir(&temp_dir).await?;
        while let Some(entry) = entries.next_entry().await? {
            let metadata = entry.metadata().await?;
            if metadata.is_file() && metadata.modified()? < stale_before {
                match tokio::fs::remove_file(entry.path()).await {
                    Ok(()) => removed += 1,
                    // Another server sharing the folder got there first.
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(removed)
    }

    /// A new temporary file for an upload.
    pub(crate) async fn create_temp(&self) -> io::Result<TempFile> {
        let dir = self.temp_dir();
        tokio::fs::create_dir_all(&dir).await?;
        let path = dir.join(uuid::Uuid::now_v7().simple().to_string());
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await?;
        Ok(TempFile {
            path,
            file,
            kept: false,
        })
    }

    /// Puts a finished upload in place under its hash, unless a file with
    /// that content is there already. Call with the content's lock held
    /// ([`grants_store::attachments::lock_content`]).
    pub(crate) async fn keep(&self, mut temp: TempFile, sha256: &str) -> io::Result<()> {
        let target = self.kept_path(sha256)?;
        if tokio::fs::try_exists(&target).await? {
            // Same name, same bytes: the temporary file goes when `temp` drops.
            return Ok(());
        }
        let dir = target
            .parent()
            .ok_or_else(|| io::Error::other("a kept file has a folder"))?;
        tokio::fs::create_dir_all(dir).await?;
        tokio::fs::rename(&temp.path, &target).await?;
        temp.kept = true;
        sync_folder(dir).await
    }

    /// Opens the file with this content for reading.
    pub(crate) async fn open(&self, sha256: &str) -> io::Result<tokio::fs::File> {
        tokio::fs::File::open(self.kept_path(sha256)?).await
    }

    /// Removes the file with this content, if it is there. Call with the
    /// content's lock held, once no attachment names it.
    pub(crate) async fn remove(&self, sha256: &str) -> io::Result<()> {
        match tokio::fs::remove_file(self.kept_path(sha256)?).await {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

/// Makes a rename in `dir` survive a power cut.
async fn sync_folder(dir: &Path) -> io::Result<()> {
    let dir = dir.to_owned();
    tokio::task::spawn_blocking(move || std::fs::File::open(dir)?.sync_all())
        .await
        .map_err(io::Error::other)?
}

/// An upload being written. Dropped before it is kept, it deletes itself:
/// a refused or broken upload leaves nothing behind.
#[derive(Debug)]
pub(crate) struct TempFile {
    path: PathBuf,
    file: tokio::fs::File,
    kept: bool,
}

impl TempFile {
    /// Appends a piece of the upload.
    pub(crate) async fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes).await
    }

    /// Flushes everything written to the disk itself.
    pub(crate) async fn sync(&mut self) -> io::Result<()> {
        self.file.flush().await?;
        self.file.sync_all().await
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept
            && let Err(e) = std::fs::remove_file(&self.path)
            && e.kind() != io::ErrorKind::NotFound
        {
            tracing::warn!(path = %self.path.display(), error = %e, "a temporary upload could not be removed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn start_up_removes_stale_temporary_files_and_keeps_fresh_ones() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let folder = Folder::new(dir.path().join("attachments"));
        folder.prepare().await?;
        let temp_dir = folder.temp_dir();
        let stale = temp_dir.join("left-by-a-crash");
        let fresh = temp_dir.join("still-uploading");
        std::fs::write(&stale, b"half a file")?;
        std::fs::write(&fresh, b"a file on its way")?;
        let long_ago = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&stale)?
            .set_modified(long_ago)?;

        assert_eq!(folder.prepare().await?, 1);
        assert!(!stale.exists());
        assert!(fresh.exists());
        Ok(())
    }

    #[tokio::test]
    async fn a_kept_file_is_named_by_its_hash_and_a_dropped_one_leaves_nothing() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let folder = Folder::new(dir.path().to_owned());
        folder.prepare().await?;
        let sha = "ab".repeat(32);

        let mut temp = folder.create_temp().await?;
        temp.write(b"content").await?;
        temp.sync().await?;
        folder.keep(temp, &sha).await?;
        let kept = dir.path().join("sha256").join("ab").join("ab".repeat(31));
        assert_eq!(std::fs::read(&kept)?, b"content");

        let mut abandoned = folder.create_temp().await?;
        abandoned.write(b"refused").await?;
        drop(abandoned);
        assert_eq!(std::fs::read_dir(folder.temp_dir())?.count(), 0);

        folder.remove(&sha).await?;
        assert!(!kept.exists());
        folder.remove(&sha).await?;
        Ok(())
    }

    #[tokio::test]
    async fn a_stored_hash_cannot_name_a_path_outside_the_folder() {
        let folder = Folder::new(PathBuf::from("/nonexistent"));
        assert!(folder.open("../../etc/passwd").await.is_err());
        assert!(folder.kept_path(&"AB".repeat(32)).is_err());
    }
}
