//! The file-system moves the store relies on: a lock around read-modify-write, atomic
//! replacement of a file, and reading without following links.
//!
//! **Nothing here follows a symbolic link.** Other people can plant files in a shared folder
//! (a class's `COGFLOW_HOME` on a shared drive, a student's folder an instructor reads), and a
//! link followed for writing writes wherever it points. So the lock is opened with
//! `O_NOFOLLOW`, progress files are read with `O_NOFOLLOW`, and a temporary file is created
//! with `O_CREAT | O_EXCL` (`create_new`) under an unpredictable name: an existing name, a
//! link or a dangling link included, is refused instead of opened.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The part of a temporary file's name after the file it replaces: `.<name>.tmp-<random>`.
/// Everything matching `.*.tmp-*` in the store is a temporary file (see [`is_temporary`]).
const TMP_MARK: &str = ".tmp-";

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
    /// Blocks until the lock on `dir/.lock` is held (`dir` must exist). A link at `.lock` is
    /// refused (the open fails), so the lock never creates or opens a file elsewhere.
    pub(crate) fn acquire(dir: &Path) -> io::Result<Self> {
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).read(true).write(true);
        let file = no_follow(&mut options).open(dir.join(".lock"))?;
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

/// Adds `O_NOFOLLOW`: opening a symbolic link fails (`ELOOP`) instead of opening its target.
#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NOFOLLOW)
}

/// Windows has no `O_NOFOLLOW`; callers check [`is_link`] first there.
#[cfg(not(unix))]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// Whether `path` itself is a symbolic link (not following it).
pub(crate) fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Reads `path` without following a link at it: a link gives an error whose kind is
/// `InvalidInput`, which [`is_link`] tells apart (the error text differs by platform).
pub(crate) fn read_no_follow(path: &Path) -> io::Result<Vec<u8>> {
    if is_link(path) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a symbolic link",
        ));
    }
    // `O_NOFOLLOW` too: a link planted between the check and the open still is not followed.
    let mut file = no_follow(OpenOptions::new().read(true)).open(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Replaces `path` with `bytes` so that a reader sees the old file or the new one, never a
/// mix: create a new temporary file in the same directory, write, flush and sync it, rename
/// it over `path` (atomic on one file system; a link at `path` is replaced, not followed),
/// then sync the directory so the rename itself survives a crash. When this returns `Ok`, the
/// bytes are on disk.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_named(path, bytes, &mut || rand::random::<u64>())
}

/// [`write_atomic`] with the source of temporary names passed in (tests force collisions).
///
/// The name is random rather than `<pid>-<counter>` so nobody can plant something at the name
/// in advance; `create_new` refuses whatever is there anyway, and a few fresh names are tried
/// before giving up. It comes from the OS-seeded thread RNG, not `--seed`: it is never shown
/// and must not be predictable.
fn write_atomic_named(
    path: &Path,
    bytes: &[u8],
    next_name: &mut dyn FnMut() -> u64,
) -> io::Result<()> {
    const TRIES: usize = 8;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "progress".into(), |n| n.to_string_lossy().into_owned());
    let mut last = None;
    for _ in 0..TRIES {
        let tmp = dir.join(format!(".{name}{TMP_MARK}{:016x}", next_name()));
        let file = match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                last = Some(e);
                continue;
            }
            Err(e) => return Err(e),
        };
        let result = write_then_rename(file, &tmp, path, bytes);
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result?;
        return sync_dir(dir);
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary name was free")))
}

fn write_then_rename(mut file: File, tmp: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.flush()?;
    file.sync_all()?;
    drop(file);
    fs::rename(tmp, path)
}

/// Syncs the directory entry of a rename. A file system that cannot sync a directory at all
/// (`EINVAL`, some network and FUSE mounts) is accepted: the file itself is synced, and there
/// is nothing more to ask of it.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir)?.sync_all() {
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
}

/// Windows cannot open a directory as a file; `MoveFileEx` with `rename` is durable enough.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Whether `name` is a temporary file of [`write_atomic`] (either naming it has used:
/// `.<file>.tmp-<pid>-<n>` before, `.<file>.tmp-<random>` now).
pub(crate) fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.contains(TMP_MARK)
}

/// Removes the temporary files in `dir` (the lock must be held: every write happens under it,
/// so any temporary file then is an orphan of a process killed mid-write). Returns how many
/// were removed. Removing a link removes the link, never its target.
pub(crate) fn remove_orphans(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| is_temporary(&e.file_name().to_string_lossy()))
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// A free name next to `path` for a damaged copy: `<path>.damaged-<stamp>`, then `-2`, `-3`…
/// (a link at a name counts as taken).
pub(crate) fn aside_name(path: &Path, stamp: &str) -> PathBuf {
    let with_suffix = |suffix: String| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let mut candidate = with_suffix(format!(".damaged-{stamp}"));
    let mut n = 2;
    while fs::symlink_metadata(&candidate).is_ok() {
        candidate = with_suffix(format!(".damaged-{stamp}-{n}"));
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "cogflow-file-{name}-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    #[cfg(unix)]
    fn a_taken_temporary_name_is_skipped_never_opened() {
        let dir = temp_dir("taken");
        let outside = temp_dir("taken-outside");
        let victim = outside.join("victim");
        fs::write(&victim, "precious").unwrap();
        let path = dir.join("p.json");
        // The first two names are taken: a link to a file, a dangling link.
        std::os::unix::fs::symlink(&victim, dir.join(format!(".p.json.tmp-{:016x}", 1))).unwrap();
        std::os::unix::fs::symlink(
            outside.join("new"),
            dir.join(format!(".p.json.tmp-{:016x}", 2)),
        )
        .unwrap();
        let mut n = 0;
        write_atomic_named(&path, b"{}", &mut || {
            n += 1;
            n
        })
        .unwrap();
        assert_eq!(n, 3, "the third name was free");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!outside.join("new").exists());
        assert_eq!(fs::read(&path).unwrap(), b"{}");
        assert!(!is_link(&path));
        fs::remove_dir_all(dir).unwrap();
        fs::remove_dir_all(outside).unwrap();
    }

    #[test]
    fn gives_up_when_every_name_is_taken() {
        let dir = temp_dir("all-taken");
        let path = dir.join("p.json");
        fs::write(dir.join(format!(".p.json.tmp-{:016x}", 7)), "x").unwrap();
        let err = write_atomic_named(&path, b"{}", &mut || 7).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(!path.exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn links_are_not_read_or_locked_through() {
        let dir = temp_dir("links");
        let outside = temp_dir("links-outside");
        fs::write(outside.join("f"), "theirs").unwrap();
        std::os::unix::fs::symlink(outside.join("f"), dir.join("p.json")).unwrap();
        let err = read_no_follow(&dir.join("p.json")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        std::os::unix::fs::symlink(outside.join("lock"), dir.join(".lock")).unwrap();
        assert!(StoreLock::acquire(&dir).is_err());
        assert!(!outside.join("lock").exists());
        fs::remove_dir_all(dir).unwrap();
        fs::remove_dir_all(outside).unwrap();
    }

    #[test]
    fn temporary_names() {
        for (name, temporary) in [
            (".signin-basic.json.tmp-4242-0", true),
            (".signin-basic.json.tmp-00ff00ff00ff00ff", true),
            ("signin-basic.json", false),
            (".lock", false),
            ("signin-basic.json.damaged-20260115T090000Z", false),
            ("a.tmp-1", false),
        ] {
            assert_eq!(is_temporary(name), temporary, "{name}");
        }
    }
}
