//! The file-system moves the store relies on: a lock around read-modify-write, and atomic
//! replacement of a file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// An exclusive lock on the store, released when dropped.
///
/// It locks a separate, never-deleted `.lock` file rather than a progress file, because a
/// progress file is replaced by rename on every write: a lock on the old file would not stop a
/// writer who opened the new one. `File::lock` is an OS advisory lock (flock on Unix,
/// `LockFileEx` on Windows), taken per open handle, so two handles in one process exclude each
/// other just as two processes do, and the OS releases it if the process dies.
#[derive(Debug)]
pub(crate) struct StoreLock {
    file: File,
}

impl StoreLock {
    /// Blocks until the lock on `dir/.lock` is held. Creates `dir` if needed.
    pub(crate) fn acquire(dir: &Path) -> io::Result<Self> {
        fs::create_dir_all(dir)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(dir.join(".lock"))?;
        file.lock()?;
        Ok(Self { file })
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Closing the handle releases the lock anyway; unlocking first just makes it prompt.
        let _ = self.file.unlock();
    }
}

/// Replaces `path` with `bytes` so that a reader sees the old file or the new one, never a
/// mix: write a temporary file in the same directory, flush and sync it, rename it over `path`
/// (atomic on one file system), then sync the directory so the rename itself survives a crash.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "progress".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_then_rename(&tmp, path, bytes);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(dir);
    Ok(())
}

fn write_then_rename(tmp: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(tmp)?;
    file.write_all(bytes)?;
    file.flush()?;
    file.sync_all()?;
    drop(file);
    fs::rename(tmp, path)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: some file systems refuse to sync a directory, and the data is already safe
    // in the renamed file.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

/// A free name next to `path` for a damaged copy: `<path>.damaged-<stamp>`, then `-2`, `-3`…
pub(crate) fn aside_name(path: &Path, stamp: &str) -> PathBuf {
    let with_suffix = |suffix: String| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let mut candidate = with_suffix(format!(".damaged-{stamp}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = with_suffix(format!(".damaged-{stamp}-{n}"));
        n += 1;
    }
    candidate
}
