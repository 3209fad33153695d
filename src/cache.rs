//! cogflow's cache directory, and the mock pool's signing keys kept in it.
//!
//! A real user pool's keys live for years; the mock's are made once per seed (two RSA-2048
//! keys, 0.1–0.5 s each) and kept here, so a second run with the same `--seed` loads them in a
//! few milliseconds and still reproduces every byte. They are a mock's keys, worthless outside
//! cogflow. The directory is `COGFLOW_CACHE` if set, else `$COGFLOW_HOME/cache` if that is set,
//! else the platform's cache directory plus `cogflow` ([`default_dir`]). The keys for seed N
//! are `keys-v1/seed-N.pem`; deleting the folder costs only the time to make them again.
//!
//! Nothing read back is trusted blindly (the mock checks each file, see
//! [`crate::cognito::KeyStore`]); a file that fails a check or can't be read is replaced, and
//! a folder that can't be written only means keys are made again next time. Either is said
//! once, as a one-line note the command prints when it is done ([`take_notes`]), never as an
//! error: the lesson goes on with fresh keys.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::cognito::{KEPT_FORMAT, KeyStore, keep_keys_in};
use crate::progress::HOME_ENV;

/// The environment variable that overrides where cogflow keeps its cache.
pub const CACHE_ENV: &str = "COGFLOW_CACHE";

/// A kept key file is about 3.4 KB; anything much larger is not one (and is not read).
const MAX_KEY_FILE: u64 = 64 * 1024;

/// cogflow's cache directory (see the module comment); `None` when no place is known.
#[must_use]
pub fn default_dir() -> Option<PathBuf> {
    dir_from(|key| std::env::var_os(key), std::env::consts::OS)
}

/// [`default_dir`] with the environment and OS name passed in (for tests).
pub fn dir_from(env: impl Fn(&str) -> Option<OsString>, os: &str) -> Option<PathBuf> {
    let non_empty = |key: &str| env(key).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = non_empty(CACHE_ENV) {
        return Some(dir);
    }
    if let Some(home) = non_empty(HOME_ENV) {
        return Some(home.join("cache"));
    }
    let base = match os {
        "windows" => non_empty("LOCALAPPDATA")?,
        "macos" => non_empty("HOME")?.join("Library").join("Caches"),
        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        _ => match non_empty("XDG_CACHE_HOME").filter(|p| p.is_absolute()) {
            Some(xdg) => xdg,
            None => non_empty("HOME")?.join(".cache"),
        },
    };
    Some(base.join("cogflow"))
}

/// Keeps the mock pool's keys in the cache directory from now on (when one is known).
pub fn keep_keys() {
    if let Some(dir) = default_dir() {
        keep_keys_in(Box::new(KeyFiles::new(&dir)));
    }
}

/// The file in the keys folder naming the spare seed: one whose keys were made in advance,
/// for the next run given no `--seed`.
const SPARE: &str = "spare-seed";

/// Kept key files beyond this many are removed (the least recently used first) whenever a
/// new one is kept: each run given no `--seed` leaves one behind.
const MAX_KEPT: usize = 64;

/// A seed for a run given no `--seed`: the spare an earlier run made in advance, whose keys
/// are kept, so this run loads them instead of making two RSA keys; `fresh()` when there is
/// none. Then, once this run's keys are ready (the lesson comes first), a background thread
/// makes the next spare, so the next such run finds one. A spare is only a seed whose keys
/// were made early: `--seed N` still reproduces any run. Without a cache folder: `fresh()`.
pub fn unseeded_seed(fresh: fn() -> u64) -> u64 {
    let Some(files) = default_dir().map(|dir| KeyFiles::new(&dir)) else {
        return fresh();
    };
    let seed = files
        .take_spare()
        .filter(|&spare| files.path(spare).is_file())
        .unwrap_or_else(fresh);
    let _ = std::thread::Builder::new()
        .name("cogflow-spare-keys".to_owned())
        .spawn(move || {
            // Up to a minute for this run's own keys (made or loaded by its pool).
            for _ in 0..1200 {
                if crate::cognito::keys_known(seed) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let next = fresh();
            if next != seed && crate::cognito::prepare_keys(next) {
                files.keep_spare(next);
            }
        });
    seed
}

/// Notes about the cache since the last call (a damaged key file replaced, a folder that
/// could not be written), one line each, for the command to print when it is done.
pub fn take_notes() -> Vec<String> {
    std::mem::take(&mut *NOTES.lock().unwrap_or_else(PoisonError::into_inner))
}

static NOTES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Each note once per process (a pool per variant must not repeat it).
fn note(message: String) {
    let mut notes = NOTES.lock().unwrap_or_else(PoisonError::into_inner);
    if !notes.contains(&message) {
        notes.push(message);
    }
}

/// Key files in `<cache>/keys-v1/`, one per seed.
#[derive(Debug)]
pub struct KeyFiles {
    dir: PathBuf,
    /// Seeds whose file could not be read: already noted, so failing to replace it is not
    /// noted a second time.
    unreadable: Mutex<Vec<u64>>,
}

impl KeyFiles {
    /// The key files under the cache directory `cache`.
    #[must_use]
    pub fn new(cache: &Path) -> Self {
        Self {
            dir: cache.join(format!("keys-{KEPT_FORMAT}")),
            unreadable: Mutex::new(Vec::new()),
        }
    }

    /// Where the keys for `seed` are kept.
    #[must_use]
    pub fn path(&self, seed: u64) -> PathBuf {
        self.dir.join(format!("seed-{seed}.pem"))
    }

    /// Takes the spare seed, if there is one: the file is renamed away first, so two runs
    /// starting at once never both take it.
    fn take_spare(&self) -> Option<u64> {
        let taken = self
            .dir
            .join(format!(".{SPARE}.taken-{:016x}", rand::random::<u64>()));
        fs::rename(self.dir.join(SPARE), &taken).ok()?;
        let text = Self::read(&taken);
        let _ = fs::remove_file(&taken);
        text.ok()?.trim().parse().ok()
    }

    /// Names `seed` (its keys just kept) the spare.
    fn keep_spare(&self, seed: u64) {
        let _ = self.write(&self.dir.join(SPARE), &format!("{seed}\n"));
    }

    /// Removes the least recently used key files past [`MAX_KEPT`], never `seed`'s (just
    /// kept). A file's time is when it was last kept or loaded (see `load`), so the seeds in
    /// use stay, whatever their age.
    fn prune(&self, seed: u64) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let spare = self.path(seed);
        let mut kept: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p != &spare
                    && p.extension().is_some_and(|x| x == "pem")
                    && p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))
            })
            .filter_map(|p| Some((fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        kept.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
        for (_, old) in kept.into_iter().skip(MAX_KEPT - 1) {
            let _ = fs::remove_file(old);
        }
    }

    fn read(path: &Path) -> io::Result<String> {
        // A planted FIFO or device would block or never end: only a small regular file is read.
        let meta = fs::metadata(path)?;
        if !meta.is_file() || meta.len() > MAX_KEY_FILE {
            return Err(io::Error::other(
                "not a key file (a folder, a device or too large)",
            ));
        }
        let mut text = String::new();
        File::open(path)?
            .take(MAX_KEY_FILE)
            .read_to_string(&mut text)?;
        Ok(text)
    }

    /// Writes `text` to a new file beside `path` and renames it over `path`: a reader never
    /// sees half a file, two processes keeping the same keys at once are both fine, and a link
    /// planted at `path` is replaced, not followed.
    fn write(&self, path: &Path, text: &str) -> io::Result<()> {
        create_private_dir(&self.dir)?;
        let tmp = self.dir.join(format!(
            ".{}.tmp-{:016x}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            rand::random::<u64>()
        ));
        let written = new_private_file(&tmp)
            .and_then(|mut file| file.write_all(text.as_bytes()))
            .and_then(|()| fs::rename(&tmp, path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written
    }
}

impl KeyStore for KeyFiles {
    fn load(&self, seed: u64) -> Option<String> {
        let path = self.path(seed);
        match Self::read(&path) {
            Ok(text) => {
                // Marks it used, for `prune` (a read-only cache just keeps its old times).
                let _ = OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .and_then(|file| file.set_modified(std::time::SystemTime::now()));
                Some(text)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                note(format!(
                    "could not read the kept keys {} ({e}); made new ones",
                    path.display()
                ));
                self.unreadable
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(seed);
                None
            }
        }
    }

    fn save(&self, seed: u64, text: &str) {
        let path = self.path(seed);
        let noted = || {
            self.unreadable
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .contains(&seed)
        };
        match self.write(&path, text) {
            Ok(()) => self.prune(seed),
            Err(e) if !noted() => note(format!(
                "could not keep the mock pool's keys in {} ({e}); they will be made again next time",
                self.dir.display()
            )),
            Err(_) => {}
        }
    }

    fn rejected(&self, seed: u64, why: &str) {
        note(format!(
            "the kept keys {} were not used: {why}; made new ones",
            self.path(seed).display()
        ));
    }
}

/// The keys are private keys, if worthless ones: the folder and files are the user's alone.
#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn new_private_file(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn new_private_file(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_directory_follows_the_overrides_then_the_platform() {
        type Env = &'static [(&'static str, &'static str)];
        let cases: [(Env, &str, Option<&str>); 9] = [
            (
                &[("COGFLOW_CACHE", "/c"), ("COGFLOW_HOME", "/h")],
                "linux",
                Some("/c"),
            ),
            (
                &[("COGFLOW_HOME", "/h"), ("HOME", "/home/a")],
                "linux",
                Some("/h/cache"),
            ),
            (
                &[("COGFLOW_CACHE", ""), ("HOME", "/home/a")],
                "linux",
                Some("/home/a/.cache/cogflow"),
            ),
            (
                &[("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/a")],
                "linux",
                Some("/xdg/cogflow"),
            ),
            (
                &[("XDG_CACHE_HOME", "rel"), ("HOME", "/home/a")],
                "linux",
                Some("/home/a/.cache/cogflow"),
            ),
            (
                &[("HOME", "/Users/a")],
                "macos",
                Some("/Users/a/Library/Caches/cogflow"),
            ),
            (
                &[("LOCALAPPDATA", r"C:\L")],
                "windows",
                Some(r"C:\L/cogflow"),
            ),
            (&[], "linux", None),
            (&[("HOME", "/home/a")], "windows", None),
        ];
        for (env, os, want) in cases {
            let got = dir_from(
                |key| {
                    env.iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, v)| OsString::from(v))
                },
                os,
            );
            assert_eq!(got, want.map(PathBuf::from), "{env:?} {os}");
        }
    }
}
