//! Who is learning: the name recorded with every answer and prediction, so an instructor can
//! merge a class's exports and still tell who answered what.
//!
//! A name comes from `--learner NAME` (remembered in `<home>/learner.json`, so it is given
//! once), else from `COGFLOW_LEARNER` (not written down: a lab machine's login script can set
//! it for each learner), else from what was remembered earlier. The TUI asks for one on the
//! first quiz when there is none. With no name at all, answers are still recorded, without one.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{ProgressError, Store, Timestamp, Warning, file, io_err, write_err};

/// The environment variable naming the learner (for this process only; not remembered).
pub const LEARNER_ENV: &str = "COGFLOW_LEARNER";

/// The longest name accepted, in characters (a name is a label in reports, not an essay).
pub const MAX_NAME_CHARS: usize = 64;

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadName {
    /// Nothing but spaces.
    #[error("a learner name cannot be empty")]
    Empty,
    /// Longer than [`MAX_NAME_CHARS`].
    #[error("a learner name has at most {MAX_NAME_CHARS} characters (this one has {0})")]
    TooLong(usize),
    /// A control or invisible formatting character, which would make the name print as
    /// something else in a report (a bidi override can reverse it, a newline split a row).
    #[error("a learner name cannot hold the invisible or control character U+{:04X}", u32::from(*.0))]
    Invisible(char),
}

/// True for characters that change how the text around them is shown rather than showing
/// themselves: C0/C1 controls, zero-width characters, bidi embeddings, overrides and isolates.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// A name as recorded: surrounding spaces dropped and inner runs of spaces made one, so
/// `" Ana  García "` and `"Ana García"` are the same learner.
///
/// # Errors
/// [`BadName`] when nothing is left, it is too long, or it holds an invisible character.
pub fn clean_name(raw: &str) -> Result<String, BadName> {
    if let Some(c) = raw
        .chars()
        .find(|&c| is_invisible(c) && !matches!(c, ' ' | '\t'))
    {
        return Err(BadName::Invisible(c));
    }
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(BadName::Empty),
        n if n > MAX_NAME_CHARS => Err(BadName::TooLong(n)),
        _ => Ok(name),
    }
}

/// The pseudonym `--anonymous` exports instead of `name`: `anon-` and 12 hex digits of
/// SHA-256 over a fixed prefix and the name. Stable (the same learner has the same pseudonym in
/// every export and lesson, so a class can still be merged), but not secret: whoever has a
/// list of candidate names can hash them and compare.
#[must_use]
pub fn anonymous_id(name: &str) -> String {
    let hash = crate::scenario::content_hash(format!("cogflow learner\0{name}").as_bytes());
    format!("anon-{}", &hash[..12])
}

/// Where the learner's name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--learner` (and now remembered).
    Flag,
    /// `COGFLOW_LEARNER`.
    Env,
    /// Remembered from an earlier `--learner` or the TUI's question.
    Saved,
}

/// The learner of this process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learner {
    /// The cleaned name ([`clean_name`]).
    pub name: String,
    /// Where it came from.
    pub source: Source,
}

/// A name that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LearnerError {
    /// `--learner` or `COGFLOW_LEARNER` holds no usable name.
    #[error("{origin}: {reason}")]
    Bad {
        /// `--learner` or `COGFLOW_LEARNER`.
        origin: &'static str,
        /// Why.
        reason: BadName,
    },
}

/// Decides the learner: `flag` (cleaned, then remembered in `store`), else `env` (the value of
/// `COGFLOW_LEARNER`), else the name `store` remembers. Problems remembering or reading the
/// saved name come back as warnings; they never stop a lesson.
///
/// # Errors
/// The flag or the environment variable holds no usable name (the user typed it, so they
/// are told rather than silently recorded as nobody).
pub fn settle(
    flag: Option<&str>,
    env: Option<OsString>,
    store: Option<&mut Store>,
) -> Result<(Option<Learner>, Vec<Warning>), LearnerError> {
    let mut warnings = Vec::new();
    if let Some(raw) = flag {
        let name = clean_name(raw).map_err(|reason| LearnerError::Bad {
            origin: "--learner",
            reason,
        })?;
        if let Some(store) = store
            && let Err(e) = store.remember_learner(&name)
        {
            warnings.push(Warning(format!(
                "warning: the learner name is used now but not remembered: {e}"
            )));
        }
        return Ok((
            Some(Learner {
                name,
                source: Source::Flag,
            }),
            warnings,
        ));
    }
    if let Some(raw) = env.filter(|v| !v.is_empty()) {
        let name = clean_name(&raw.to_string_lossy()).map_err(|reason| LearnerError::Bad {
            origin: LEARNER_ENV,
            reason,
        })?;
        return Ok((
            Some(Learner {
                name,
                source: Source::Env,
            }),
            warnings,
        ));
    }
    let Some(store) = store else {
        return Ok((None, warnings));
    };
    let saved = match store.saved_learner() {
        Ok(name) => name,
        Err(e) => {
            warnings.push(Warning(format!("warning: {e}")));
            None
        }
    };
    warnings.extend(store.take_warnings());
    Ok((
        saved.map(|name| Learner {
            name,
            source: Source::Saved,
        }),
        warnings,
    ))
}

/// The content of `<home>/learner.json`.
#[derive(Debug, Serialize, Deserialize)]
struct LearnerFile {
    format_version: u32,
    name: String,
    since: Timestamp,
}

impl Store {
    /// `<home>/learner.json`: beside the progress folder, not in it, so `reset` (which forgets
    /// progress) keeps the name.
    #[must_use]
    pub fn learner_path(&self) -> PathBuf {
        self.home.join("learner.json")
    }

    /// The remembered learner name, if any. A damaged file is moved aside with a warning.
    ///
    /// # Errors
    /// The store cannot be locked, or the damaged file cannot be moved aside.
    pub fn saved_learner(&mut self) -> Result<Option<String>, ProgressError> {
        let path = self.learner_path();
        // As every file of the store: never through a link (one could point anywhere).
        let bytes = match file::read_no_follow(&path) {
            Ok(bytes) => bytes,
            // No file, or no home folder to hold one (the store's own errors say why).
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(None);
            }
            Err(_) if file::is_link(&path) => return Err(ProgressError::Link { path }),
            Err(e) => return Err(io_err("read", &path)(e)),
        };
        let why = match serde_json::from_slice::<LearnerFile>(&bytes) {
            Ok(file) => match clean_name(&file.name) {
                Ok(name) => return Ok(Some(name)),
                Err(e) => e.to_string(),
            },
            Err(e) => e.to_string(),
        };
        let aside = file::aside_name(&path, &self.clock.now().compact());
        let done = match fs::rename(&path, &aside) {
            Ok(()) => format!("moved it to {}", aside.display()),
            // A read-only store keeps it; the lesson goes on without a name.
            Err(e) => format!("left it in place ({e})"),
        };
        self.warnings.push(Warning(format!(
            "warning: {} is damaged ({why}); {done}, so no learner name is remembered",
            path.display()
        )));
        Ok(None)
    }

    /// Remembers `name` (already [`clean_name`]d) for later runs, atomically.
    ///
    /// # Errors
    /// The home cannot be created or the file written.
    pub fn remember_learner(&mut self, name: &str) -> Result<(), ProgressError> {
        let path = self.learner_path();
        let record = LearnerFile {
            format_version: 1,
            name: name.to_owned(),
            since: self.clock.now(),
        };
        let mut bytes =
            serde_json::to_vec_pretty(&record).expect("a name and a time always serialise to JSON");
        bytes.push(b'\n');
        fs::create_dir_all(&self.home).map_err(write_err("create", &self.home, &self.home))?;
        file::write_atomic(&path, &bytes).map_err(write_err("write", &path, &self.home))?;
        self.learner = Some(name.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::SteppingClock;

    #[test]
    fn names_are_cleaned_or_refused() {
        let cases: &[(&str, Result<&str, BadName>)] = &[
            ("Ana García", Ok("Ana García")),
            ("  Ana   García\t", Ok("Ana García")),
            ("李小龍", Ok("李小龍")),
            ("O'Brien, \"Pat\"", Ok("O'Brien, \"Pat\"")),
            ("=1+2", Ok("=1+2")),
            ("", Err(BadName::Empty)),
            ("   ", Err(BadName::Empty)),
            ("a\nb", Err(BadName::Invisible('\n'))),
            ("a\u{1b}[31mb", Err(BadName::Invisible('\u{1b}'))),
            ("evil\u{202E}gnp.exe", Err(BadName::Invisible('\u{202E}'))),
            ("zero\u{200B}width", Err(BadName::Invisible('\u{200B}'))),
            ("c1\u{9b}", Err(BadName::Invisible('\u{9b}'))),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_name(raw), want.clone().map(str::to_owned), "{raw:?}");
        }
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(clean_name(&long), Err(BadName::TooLong(65)));
        assert!(
            clean_name(&"é".repeat(MAX_NAME_CHARS)).is_ok(),
            "characters, not bytes"
        );
        assert_eq!(
            BadName::Invisible('\u{202E}').to_string(),
            "a learner name cannot hold the invisible or control character U+202E"
        );
    }

    #[test]
    fn pseudonyms_are_stable_and_distinct() {
        let ana = anonymous_id("Ana García");
        assert_eq!(ana, anonymous_id("Ana García"));
        assert_ne!(ana, anonymous_id("Ana Garcia"));
        assert_eq!(ana.len(), "anon-".len() + 12);
        assert!(ana.starts_with("anon-"));
        assert!(!ana.contains("Ana"));
    }

    fn temp_home(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cogflow-learner-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn store(home: &std::path::Path) -> Store {
        Store::at(home).with_clock(SteppingClock::starting_at(Timestamp(1_768_467_600)))
    }

    #[test]
    fn the_flag_wins_and_is_remembered() {
        let home = temp_home("flag");
        let mut s = store(&home);
        // Nothing anywhere: no learner.
        assert_eq!(settle(None, None, Some(&mut s)).unwrap().0, None);
        // The environment names one, for this process only.
        let (env, _) = settle(None, Some("Bo".into()), Some(&mut s)).unwrap();
        assert_eq!(env.unwrap().source, Source::Env);
        assert!(
            !s.learner_path().exists(),
            "the environment is not written down"
        );
        // The flag beats the environment and is remembered…
        let (flag, warnings) =
            settle(Some(" Ana  García "), Some("Bo".into()), Some(&mut s)).unwrap();
        assert_eq!(
            flag,
            Some(Learner {
                name: "Ana García".into(),
                source: Source::Flag
            })
        );
        assert!(warnings.is_empty());
        // …so a later run with neither still knows her; an empty variable counts as unset.
        let mut later = Store::at(&home);
        let (saved, _) = settle(None, Some("".into()), Some(&mut later)).unwrap();
        assert_eq!(
            saved,
            Some(Learner {
                name: "Ana García".into(),
                source: Source::Saved
            })
        );
        // A bad flag or variable is an error naming its origin.
        let err = settle(Some("\u{202E}x"), None, Some(&mut later)).unwrap_err();
        assert!(err.to_string().starts_with("--learner: "), "{err}");
        let err = settle(None, Some(" ".into()), Some(&mut later)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "COGFLOW_LEARNER: a learner name cannot be empty"
        );
        fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn a_damaged_name_file_is_moved_aside() {
        let home = temp_home("damaged");
        let mut s = store(&home);
        fs::write(s.learner_path(), b"{\"name\": 5").unwrap();
        let (learner, warnings) = settle(None, None, Some(&mut s)).unwrap();
        assert_eq!(learner, None);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].0.contains("learner.json is damaged"),
            "{}",
            warnings[0]
        );
        assert!(home.join("learner.json.damaged-20260115T090000Z").exists());
        assert!(!s.learner_path().exists());
        fs::remove_dir_all(home).unwrap();
    }
}
