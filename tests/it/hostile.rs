//! Hostile input, signals and shared folders (issue 9): each case builds the attack and
//! asserts the safe outcome. Sections follow the issue's numbered items.

// Helpers here are test code too; clippy's allow-unwrap-in-tests only sees #[test] fns.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use cogflow::progress::{ScenarioKey, SteppingClock, Store, Timestamp};
use cogflow::quiz::QuizSession;

use crate::quiz_support::{TempHome, cogflow, stderr, stdout};

const START: u64 = 1_768_467_600; // 2026-01-15T09:00:00Z

fn signin() -> ScenarioKey {
    ScenarioKey::of(&cogflow::scenario::resolve(None).unwrap())
}

/// A folder *outside* `COGFLOW_HOME` that planted links point into; [`Outside::snapshot`]
/// lists every file under it with its bytes, so a test can show nothing was written there.
struct Outside(TempHome);

impl Outside {
    fn new(name: &str) -> Self {
        Self(TempHome::new(&format!("outside-{name}")))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn snapshot(&self) -> BTreeMap<PathBuf, String> {
        self.0
            .files()
            .into_iter()
            .map(|p| {
                let text = String::from_utf8_lossy(&fs::read(&p).unwrap()).into_owned();
                (p, text)
            })
            .collect()
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// One answer through the plain quiz (the first question's right answer is A).
fn answer_one(home: &Path) -> Output {
    cogflow(home, &["quiz", "--plain"], "a\nquit\n")
}

// ---- 1. No write outside COGFLOW_HOME ------------------------------------------------------

#[test]
#[cfg(unix)]
fn a_link_planted_at_a_temporary_name_is_never_followed() {
    // The old temporary names were `.<file>.tmp-<pid>-<n>`: plant every one this process could
    // use, each a link to a file outside the home.
    let home = TempHome::new("tmp-plant");
    let outside = Outside::new("tmp-plant");
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, "precious\n").unwrap();
    let dir = home.path().join("progress");
    fs::create_dir_all(&dir).unwrap();
    for n in 0..2000 {
        let name = format!(".signin-basic.json.tmp-{}-{n}", std::process::id());
        symlink(&victim, &dir.join(name));
    }
    let before = outside.snapshot();
    let mut store = Store::at(home.path()).with_clock(SteppingClock::starting_at(Timestamp(START)));
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
    store
        .record_attempt(&signin(), &quiz.answer(0).unwrap().attempt)
        .unwrap();
    assert_eq!(outside.snapshot(), before, "the file outside is untouched");
    let progress = home.progress_file("signin-basic");
    assert!(!is_symlink(&progress), "the progress file is a plain file");
    let saved = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    assert_eq!(saved.attempts.len(), 1);
}

#[test]
#[cfg(unix)]
fn a_link_as_the_progress_file_is_refused_and_not_followed() {
    let home = TempHome::new("file-link");
    let outside = Outside::new("file-link");
    // Someone else's record, which following the link would read (and report as ours).
    let victim = outside.path().join("theirs.json");
    fs::write(
        &victim,
        r#"{"format_version":1,"scenario_id":"signin-basic","created":"2026-01-15T09:00:00Z","updated":"2026-01-15T09:00:00Z","attempts":[]}"#,
    )
    .unwrap();
    fs::create_dir_all(home.path().join("progress")).unwrap();
    let link = home.progress_file("signin-basic");
    symlink(&victim, &link);
    let before = outside.snapshot();

    let out = answer_one(home.path());
    let err = stderr(&out);
    assert!(
        err.contains("is a symbolic link") && err.contains("progress will not be saved"),
        "says why it refuses: {err}"
    );
    assert!(stdout(&out).contains("Correct."), "the quiz still runs");
    assert!(is_symlink(&link), "the link is left as it was");
    assert_eq!(outside.snapshot(), before);

    let out = cogflow(home.path(), &["results"], "");
    assert!(
        stderr(&out).contains("is a symbolic link"),
        "results skips it, saying why: {}",
        stderr(&out)
    );
    let out = cogflow(home.path(), &["reset"], "");
    assert!(stdout(&out).contains("Removed"), "{}", stdout(&out));
    assert!(
        !link.exists() && !is_symlink(&link),
        "reset removes the link"
    );
    assert_eq!(outside.snapshot(), before, "and only the link");
}

#[test]
#[cfg(unix)]
fn a_link_as_the_lock_file_is_refused() {
    let home = TempHome::new("lock-link");
    let outside = Outside::new("lock-link");
    fs::create_dir_all(home.path().join("progress")).unwrap();
    // A dangling link: following it would create a file outside the home.
    let target = outside.path().join("created-by-cogflow");
    symlink(&target, &home.path().join("progress").join(".lock"));

    let out = answer_one(home.path());
    assert!(
        stderr(&out).contains("is a symbolic link"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists(), "nothing was created outside the home");
    assert!(outside.snapshot().is_empty());
}

#[test]
#[cfg(unix)]
fn a_link_as_the_progress_folder_is_refused() {
    let home = TempHome::new("dir-link");
    let outside = Outside::new("dir-link");
    symlink(outside.path(), &home.path().join("progress"));

    let out = answer_one(home.path());
    let err = stderr(&out);
    assert!(
        err.contains("is a symbolic link") && err.contains("progress will not be saved"),
        "{err}"
    );
    assert!(
        outside.snapshot().is_empty(),
        "nothing written through the link"
    );
    let out = cogflow(home.path(), &["reset"], "");
    assert!(
        stderr(&out).contains("is a symbolic link"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
}

// ---- 7. Answers survive kill -9 --------------------------------------------------------------

#[test]
fn an_answer_is_on_disk_when_the_screen_says_so_and_survives_kill_9() {
    let home = TempHome::new("kill9");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cogflow"))
        .args(["quiz", "--plain"])
        .env("COGFLOW_HOME", home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    stdin.write_all(b"a\n").unwrap();
    // Read until the screen says the answer was taken, then kill at once: no chance to save.
    let said = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l == "Correct.");
    assert!(said);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let saved = Store::at(home.path())
        .load("signin-basic")
        .unwrap()
        .unwrap();
    assert_eq!(saved.attempts.len(), 1, "the answer was already on disk");
    assert!(saved.attempts[0].correct);
}

#[test]
fn temporary_files_left_by_a_killed_process_are_removed_on_the_next_start() {
    let home = TempHome::new("orphans");
    let dir = home.path().join("progress");
    fs::create_dir_all(&dir).unwrap();
    // What a process killed between writing and renaming leaves behind (old and new names),
    // and files that are not orphans.
    let orphans = [
        ".signin-basic.json.tmp-4242-0",
        ".signin-basic.json.tmp-1f2e3d4c5b6a7988",
        ".other.json.tmp-77-3",
    ];
    for name in orphans {
        fs::write(dir.join(name), "{\"format_version\": 1, \"half").unwrap();
    }
    let keep = ["signin-basic.json.damaged-20260115T090000Z", "notes.txt"];
    for name in keep {
        fs::write(dir.join(name), "kept").unwrap();
    }
    let out = answer_one(home.path());
    assert!(out.status.success(), "{}", stderr(&out));
    for name in orphans {
        assert!(!dir.join(name).exists(), "{name} removed");
    }
    for name in keep {
        assert_eq!(
            fs::read_to_string(dir.join(name)).unwrap(),
            "kept",
            "{name} kept"
        );
    }
    assert!(home.progress_file("signin-basic").is_file());
}

// ---- 8. Read-only stores work for reading ------------------------------------------------

/// Runs `cogflow ARGS` as a user who may only read `home`. As root (who may write anything),
/// the binary runs as `nobody` through util-linux's `setpriv`; otherwise the permission bits
/// alone make the store read-only.
fn cogflow_read_only(home: &Path, args: &[&str], stdin: &str) -> Output {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_cogflow"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_cogflow"))
    };
    let mut child = command
        .args(args)
        .env("COGFLOW_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in fs::read_dir(path).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            make_read_only(&entry.path());
        } else {
            fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o444)).unwrap();
        }
    }
    fs::set_permissions(path, fs::Permissions::from_mode(0o555)).unwrap();
}

#[cfg(unix)]
fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    for entry in fs::read_dir(path).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            make_writable(&entry.path());
        }
    }
}

#[test]
#[cfg(unix)]
fn a_read_only_store_is_read_and_reset_says_why_it_cannot() {
    let home = TempHome::new("read-only");
    let mut store = Store::at(home.path()).with_clock(SteppingClock::starting_at(Timestamp(START)));
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let mut quiz = QuizSession::for_scenario(&lesson.file, 0).unwrap();
    store
        .record_attempt(&signin(), &quiz.answer(0).unwrap().attempt)
        .unwrap();
    store.record_step(&signin(), 3, None).unwrap();
    make_read_only(home.path());
    let before = home.files();

    let results = cogflow_read_only(home.path(), &["results"], "");
    let run = cogflow_read_only(home.path(), &["run", "--plain"], "");
    let reset = cogflow_read_only(home.path(), &["reset"], "");
    make_writable(home.path());

    assert_eq!(results.status.code(), Some(0), "{}", stderr(&results));
    assert!(stderr(&results).is_empty(), "{}", stderr(&results));
    assert_eq!(stdout(&results).lines().count(), 2, "header and one answer");

    assert!(
        stdout(&run).contains("Resumed at step 3"),
        "{}",
        stdout(&run)
    );
    assert!(
        stderr(&run).contains("progress will not be saved") && stderr(&run).contains("read-only"),
        "{}",
        stderr(&run)
    );

    assert_eq!(reset.status.code(), Some(1));
    assert!(
        stderr(&reset).contains("cannot reset") && stderr(&reset).contains("read-only"),
        "{}",
        stderr(&reset)
    );
    assert_eq!(home.files(), before, "nothing removed or added");
}

// ---- 9. Messages say the right thing -------------------------------------------------------

#[test]
fn a_file_where_the_store_needs_a_folder_says_so() {
    for (what, file) in [("progress", "progress"), ("home", "")] {
        let home = TempHome::new("plain-file");
        let home_path = home.path().join("home");
        fs::create_dir_all(&home_path).unwrap();
        let at = if file.is_empty() {
            fs::remove_dir(&home_path).unwrap();
            home_path.clone()
        } else {
            home_path.join(file)
        };
        fs::write(&at, "not a folder").unwrap();
        let want = format!("{} is a file, not a folder", at.display());
        for args in [&["quiz", "--plain"][..], &["results"], &["reset"]] {
            let out = cogflow(&home_path, args, "a\nquit\n");
            let err = stderr(&out);
            assert!(err.contains(&want), "{what}, {args:?}: {err}");
            assert!(!err.contains("os error"), "{what}, {args:?}: {err}");
        }
        assert_eq!(fs::read_to_string(&at).unwrap(), "not a folder");
    }
}
