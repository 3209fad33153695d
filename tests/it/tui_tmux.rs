//! The real binary in a real terminal: tmux runs `cogflow`, the test sends keys and reads the
//! screen. Waiting polls the pane until it shows what is expected, with a generous deadline:
//! how long anything takes is never asserted (benches and scripts/first-frame.sh measure that).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the pane to show something before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// A tmux server of our own (unique socket), killed on drop.
struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "lesson"];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {out:?}");
    }

    fn capture(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", "lesson"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the pane until `ready` holds; fails with the last screen otherwise.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "the pane never showed {what}; last screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pane_dead(&self) -> bool {
        let out = self.tmux(&["display-message", "-p", "-t", "lesson", "#{pane_dead}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn unique_dir(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cogflow-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// Starts `cogflow ARGS` at 120x40 in a fresh tmux server; after it exits, the shell writes the
/// terminal's settings (`stty -a`) to a file and the pane stays open to be inspected.
fn start(args: &str) -> Option<(Tmux, PathBuf)> {
    start_with(args, "xterm-256color")
}

fn start_with(args: &str, term: &str) -> Option<(Tmux, PathBuf)> {
    start_in(args, term, None)
}

/// Starts `cogflow ARGS` with `COGFLOW_HOME=home` (kept after the session), or a data
/// directory of the session's own (removed with it).
fn start_in(args: &str, term: &str, home: Option<&Path>) -> Option<(Tmux, PathBuf)> {
    if !tmux_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing and CI is set: .ci/run installs it; the real-terminal test must run in CI"
        );
        eprintln!("SKIPPED: tmux is not installed (install it to run the real-terminal test)");
        return None;
    }
    let dir = unique_dir("tmux");
    let stty = dir.join("stty.txt");
    let home = home.map_or_else(|| dir.join("home"), Path::to_path_buf);
    std::fs::create_dir_all(&home).expect("home dir");
    let tmux = Tmux {
        socket: format!("cogflow-test-{}", dir.file_name()?.to_string_lossy()),
        dir: dir.clone(),
    };
    // tmux sets TERM in its panes itself, so the command sets the one under test.
    let command = format!(
        "TERM={term} {bin} {args}; stty -a > {stty}",
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_cogflow"))),
        stty = shell_quote(&stty),
    );
    let out = tmux.tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "lesson",
        "-x",
        "120",
        "-y",
        "40",
        "-e",
        &format!("COGFLOW_HOME={}", home.display()),
        "sh",
        "-c",
        &command,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
    let _ = tmux.tmux(&["set-option", "-t", "lesson", "remain-on-exit", "on"]);
    Some((tmux, stty))
}

#[test]
fn steps_through_the_lesson_in_a_real_terminal_and_restores_it() {
    let Some((tmux, stty)) = start("--seed 1") else {
        return;
    };
    // The whole run is computed when the step count is known.
    tmux.wait_for("the first step", |s| s.contains("Step 1/5"));
    tmux.send(&["Right", "Right"]);
    // Step 3 asks its prediction first, over step 2.
    tmux.wait_for("the prediction of step 3", |s| {
        s.contains("Predict · step 3") && s.contains("▶ A) Valid") && s.contains("Step 2/5")
    });
    tmux.send(&["a", "Enter"]);
    tmux.wait_for("step 3 with the prediction graded", |s| {
        s.contains("Step 3/5") && s.contains("✓ Your prediction A) Valid: right.")
    });
    tmux.send(&["Right"]);
    tmux.wait_for("the prediction of step 4", |s| {
        s.contains("Predict · step 4")
    });
    tmux.send(&["s", "Right"]); // skipped: step 4, then step 5
    let screen = tmux.wait_for("the last step", |s| {
        s.contains("Step 5/5") && s.contains("User logged in")
    });
    let rows = [
        ("User inputs credentials", "Credentials ready"),
        ("App sends credentials to Cognito", "Waiting for response"),
        ("Cognito verifies credentials", "Authentication success"),
        ("Cognito returns token", "Token received by app"),
        ("App grants access", "User logged in"),
    ];
    let table: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Process table"))
        .collect();
    for (i, (action, result)) in rows.iter().enumerate() {
        let row = table
            .iter()
            .find(|l| l.contains(action))
            .unwrap_or_else(|| panic!("row {} ({action}) missing:\n{screen}", i + 1));
        assert!(row.contains(result), "row {}: {row}", i + 1);
        assert!(
            row.contains(&(i + 1).to_string()),
            "row {} has its number: {row}",
            i + 1
        );
    }
    for response in ["Checking credentials", "Valid", "JWT token"] {
        assert!(
            table.iter().any(|l| l.contains(response)),
            "{response}:\n{screen}"
        );
    }

    tmux.send(&["6"]);
    tmux.wait_for("the first quiz question", |s| {
        s.contains("Look at the execution_table, what is the Cognito response at Step 3?")
            && s.contains("A) Valid")
    });
    // A wrong answer: marked, with the first hint; s shows the step, Esc comes back.
    tmux.send(&["b", "Enter"]);
    tmux.wait_for("the wrong answer marked", |s| {
        s.contains("✗ B) JWT token") && s.contains("Hint 1 of 2:")
    });
    tmux.send(&["s"]);
    tmux.wait_for("the step the question is about", |s| {
        s.contains("Step 3/5") && s.contains("Quiz question 1 is about this step")
    });
    tmux.send(&["Escape"]);
    tmux.wait_for("the question again", |s| {
        s.contains("✗ B) JWT token") && s.contains("Step 5/5")
    });

    let out = tmux.tmux(&["resize-window", "-t", "lesson", "-x", "40", "-y", "10"]);
    assert!(out.status.success(), "resize-window: {out:?}");
    tmux.wait_for("the too-small message", |s| {
        let words = s.split_whitespace().collect::<Vec<_>>().join(" ");
        words.contains("terminal too small: need 60x18, have 40x10")
    });

    tmux.send(&["q"]);
    tmux.wait_for("the program to exit", |_| tmux.pane_dead() || stty.exists());
    let settings = {
        let start = Instant::now();
        loop {
            match std::fs::read_to_string(&stty) {
                Ok(text) if !text.is_empty() => break text,
                _ => {
                    assert!(
                        start.elapsed() < DEADLINE,
                        "stty never wrote {}",
                        stty.display()
                    );
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    };
    let words: Vec<&str> = settings.split_whitespace().collect();
    for cooked in ["icanon", "echo", "isig"] {
        assert!(
            words.contains(&cooked),
            "terminal not restored ({cooked}):\n{settings}"
        );
    }
    let screen = tmux.capture();
    assert!(
        !screen.contains("Process table"),
        "left the alternate screen:\n{screen}"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let Some((tmux, stty)) = start("--seed 2 --variant wrong-password") else {
        return;
    };
    tmux.wait_for("the first step", |s| s.contains("Step 1/5"));
    tmux.send(&["End"]);
    tmux.wait_for("the error branch", |s| {
        s.contains("Branch: What if the password is wrong?") && s.contains("NotAuthorizedException")
    });
    tmux.send(&["C-c"]);
    tmux.wait_for("the program to exit", |_| stty.exists());
    let start = Instant::now();
    let settings = loop {
        let text = std::fs::read_to_string(&stty).unwrap_or_default();
        if !text.is_empty() {
            break text;
        }
        assert!(start.elapsed() < DEADLINE, "stty never wrote");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        settings.split_whitespace().any(|w| w == "icanon"),
        "{settings}"
    );
}

#[test]
fn term_dumb_gets_plain_text_in_the_terminal() {
    let Some((tmux, stty)) = start_with("--seed 1", "dumb") else {
        return;
    };
    tmux.wait_for("the first step as a line", |s| {
        s.contains("Step 1 of 5: User inputs credentials. Cognito response: N/A. Result: Credentials ready.")
            && s.contains("Enter next, b back, q quit")
    });
    tmux.send(&["Enter"]);
    tmux.wait_for("the second step", |s| {
        s.contains("Step 2 of 5: App sends credentials to Cognito.")
    });
    tmux.send(&["q", "Enter"]);
    tmux.wait_for("the program to exit", |_| stty.exists());
    let screen = tmux.capture();
    assert!(
        !screen.contains('┌') && !screen.contains('│'),
        "no boxes in plain mode:\n{screen}"
    );
}

#[test]
fn watch_reloads_the_file_keeps_the_step_and_shows_errors_until_fixed() {
    let dir = unique_dir("watch");
    let file = dir.join("lesson.toml");
    let original = cogflow::scenario::BUILTINS[0].1;
    std::fs::write(&file, original).expect("the lesson copy is written");
    let Some((tmux, _stty)) = start(&format!("run {} --watch --seed 1", shell_quote(&file))) else {
        return;
    };
    tmux.wait_for("the first step", |s| {
        s.contains("Step 1/5") && s.contains("watching")
    });
    tmux.send(&["Right", "Right", "s"]); // s skips the prediction of step 3
    tmux.wait_for("step 3", |s| s.contains("Step 3/5"));

    // An edit shows up and the lesson stays on step 3.
    let edited = original.replace(
        "label = \"Cognito verifies credentials\"",
        "label = \"Cognito checks the password hash\"",
    );
    assert_ne!(edited, original, "the label to edit is in the lesson");
    std::fs::write(&file, &edited).expect("the edit is written");
    tmux.wait_for("the edited label on the same step", |s| {
        s.contains("Cognito checks the password hash") && s.contains("Step 3/5")
    });

    // A broken file shows its problems instead of quitting.
    std::fs::write(
        &file,
        edited.replace("format_version = 1", "format_version = ["),
    )
    .expect("written");
    tmux.wait_for("the problems on screen", |s| {
        s.contains("The scenario file has problems") && s.contains("lesson.toml:")
    });

    // Fixed again: back on step 3.
    std::fs::write(&file, &edited).expect("written");
    tmux.wait_for("the lesson again", |s| {
        s.contains("Cognito checks the password hash") && s.contains("Step 3/5")
    });
    tmux.send(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_second_run_resumes_at_the_step_where_the_first_quit() {
    let home = unique_dir("resume-home");
    {
        let Some((tmux, stty)) = start_in("--seed 1", "xterm-256color", Some(&home)) else {
            return;
        };
        tmux.wait_for("the first step", |s| s.contains("Step 1/5"));
        tmux.send(&["Right", "Right", "s", "Right", "s"]);
        tmux.wait_for("step 4", |s| s.contains("Step 4/5"));
        tmux.send(&["q"]);
        tmux.wait_for("the program to exit", |_| stty.exists());
    }
    let Some((tmux, stty)) = start_in("--seed 1", "xterm-256color", Some(&home)) else {
        return;
    };
    tmux.wait_for("the resume note", |s| {
        s.contains("Resumed at step 4 — press g to start over.") && s.contains("Step 4/5")
    });
    tmux.send(&["g"]);
    tmux.wait_for("the first step", |s| s.contains("Step 1/5"));
    tmux.send(&["q"]);
    tmux.wait_for("the program to exit", |_| stty.exists());
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn no_save_writes_nothing_in_the_tui() {
    let home = unique_dir("nosave-home");
    let Some((tmux, stty)) = start_in("--seed 1 --no-save", "xterm-256color", Some(&home)) else {
        return;
    };
    tmux.wait_for("the first step", |s| s.contains("Step 1/5"));
    tmux.send(&["Right", "Right", "a", "Enter", "6", "Enter"]);
    tmux.wait_for("an answered question", |s| s.contains("1 of 3 right"));
    tmux.send(&["q"]);
    tmux.wait_for("the program to exit", |_| stty.exists());
    let left: Vec<_> = std::fs::read_dir(&home)
        .expect("the home dir is there")
        .collect();
    assert!(
        left.is_empty(),
        "--no-save wrote into {}: {left:?}",
        home.display()
    );
    let _ = std::fs::remove_dir_all(&home);
}
