//! The one place for the integration tests' helpers: the command line ([`cogflow`]: the real
//! binary, or, for the commands that only write output, `commands::run` in this process, the
//! code `main` runs), a private `COGFLOW_HOME` ([`TempHome`]), a real terminal ([`Tmux`]), a
//! spawned long-running process killed on drop ([`Spawned`], for `serve`), fixtures, and the
//! suite's one key cache.
//!
//! ```text
//! let home = TempHome::new("resume");
//! let ran = cogflow(&["--plain", "--seed", "1"]).home(&home).stdin("q\n").run();
//! assert_eq!(ran.code, 0, "{ran:?}");                 // ran.stdout, ran.stderr: UTF-8
//! let server = cogflow(&["serve", "--port", "0"]).spawn();     // killed when dropped
//! let line = server.wait_for_line("the address", |l| l.contains("127.0.0.1:"));
//! let Some(tmux) = Tmux::session("--seed 1").start() else { return };   // None: no tmux (not in CI)
//! tmux.wait_for("the first step", |s| s.contains("Step 1/5"));
//! ```
//!
//! Every process started here gets `COGFLOW_CACHE` = [`key_cache`]: one directory for the whole
//! suite (and kept between runs, under cargo's target tmp dir), so a pool's RSA keys are
//! generated once per seed, not once per process.

// Helpers here are test code too; clippy's allow-unwrap-in-tests only sees #[test] fns.
#![allow(clippy::unwrap_used, dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long anything may take to show up before a test fails. Generous: how long things take
/// is never asserted (benches and scripts/ measure that), only that they happen.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_cogflow");

/// The environment variable naming the key cache directory.
pub const CACHE_ENV: &str = "COGFLOW_CACHE";

/// The environment variable naming cogflow's data directory.
pub const HOME_ENV: &str = "COGFLOW_HOME";

/// The key cache every process of the suite shares: cargo's tmp dir for integration tests,
/// which survives between runs (a warm `cargo test` generates no key at all).
#[must_use]
pub fn key_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("key-cache")
}

/// Keeps this test process's own pools' keys (in-process tests) in [`key_cache`] too, as
/// every spawned binary does: call it before making a pool (cognito's `config()` and the
/// lesson helpers do); once per process, later calls do nothing.
pub fn keep_keys() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        cogflow::cognito::keep_keys_in(Box::new(cogflow::cache::KeyFiles::new(&key_cache())));
    });
}

/// `tests/fixtures/{path}` as a string argument.
#[must_use]
pub fn fixture(path: &str) -> String {
    fixtures_dir().join(path).display().to_string()
}

/// `tests/fixtures`.
#[must_use]
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A new, empty directory under the system temp dir, unique to this process and call
/// (not removed; see [`TempHome`] for one that is).
#[must_use]
pub fn unique_dir(name: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cogflow-it-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `path` quoted for `sh`.
#[must_use]
pub fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// A temporary directory (a `COGFLOW_HOME`, or any scratch folder), deleted on drop.
pub struct TempHome(PathBuf);

impl TempHome {
    /// A new empty directory; `name` only makes it recognisable.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Self(unique_dir(name))
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// `path` inside this directory.
    #[must_use]
    pub fn join(&self, path: impl AsRef<Path>) -> PathBuf {
        self.0.join(path)
    }

    /// Where the progress of lesson `id` is saved.
    #[must_use]
    pub fn progress_file(&self, id: &str) -> PathBuf {
        self.0.join("progress").join(format!("{id}.json"))
    }

    /// `true` when nothing at all (no file, no folder) is inside.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        std::fs::read_dir(&self.0).unwrap().next().is_none()
    }

    /// Every file under the directory, recursively, sorted.
    #[must_use]
    pub fn files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &mut out);
        out.sort();
        out
    }
}

impl AsRef<Path> for TempHome {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a finished run of the binary printed and how it ended.
#[derive(Debug)]
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    /// The exit status; -1 when a signal ended the process.
    pub code: i32,
}

/// `cogflow ARGS`, to be configured and then [`run`](Cogflow::run) or [`spawn`](Cogflow::spawn)ed.
/// Unless [`home`](Cogflow::home) is given, the run gets a fresh `COGFLOW_HOME` of its own,
/// removed afterwards, so no test resumes another's lesson.
#[must_use]
pub fn cogflow(args: &[&str]) -> Cogflow {
    Cogflow {
        args: args.iter().map(|&a| a.into()).collect(),
        via: Vec::new(),
        envs: vec![(CACHE_ENV.into(), key_cache().into())],
        cwd: None,
        stdin: String::new(),
        stdin_file: None,
        home: None,
    }
}

/// A command line of the binary being put together (see [`cogflow`]).
pub struct Cogflow {
    args: Vec<OsString>,
    via: Vec<OsString>,
    envs: Vec<(OsString, OsString)>,
    cwd: Option<PathBuf>,
    stdin: String,
    /// A file read as stdin instead of the pipe (`/dev/zero`: input that never ends).
    stdin_file: Option<PathBuf>,
    /// The run's own home when none was given, removed with the run.
    home: Option<TempHome>,
}

impl Cogflow {
    /// Runs with `COGFLOW_HOME` = `home`.
    pub fn home(self, home: impl AsRef<Path>) -> Self {
        self.env(HOME_ENV, home.as_ref())
    }

    /// What the process reads on stdin (a pipe, closed after it).
    pub fn stdin(mut self, input: &str) -> Self {
        input.clone_into(&mut self.stdin);
        self
    }

    /// Reads stdin from the file at `path` instead of a pipe (`/dev/zero`, a FIFO).
    pub fn stdin_file(mut self, path: impl AsRef<Path>) -> Self {
        self.stdin_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// Runs in `dir` (for `list`, which reads `./scenarios`).
    pub fn cwd(mut self, dir: impl AsRef<Path>) -> Self {
        self.cwd = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Sets one more environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.envs.push((key.into(), value.as_ref().to_owned()));
        self
    }

    /// Runs the binary through another program, e.g. `["setpriv", "--reuid=65534"]`.
    pub fn via(mut self, program_and_args: &[&str]) -> Self {
        self.via = program_and_args.iter().map(|&a| a.into()).collect();
        self
    }

    fn start(&mut self) -> Child {
        if !self.envs.iter().any(|(k, _)| k == HOME_ENV) {
            let home = TempHome::new("home");
            self.envs.push((HOME_ENV.into(), home.path().into()));
            self.home = Some(home);
        }
        let mut command = match self.via.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(BIN);
                c
            }
            None => Command::new(BIN),
        };
        command
            .args(&self.args)
            .env_remove("NO_COLOR")
            .env_remove("COGFLOW_LEARNER")
            .envs(self.envs.iter().map(|(k, v)| (k, v)))
            .stdin(match &self.stdin_file {
                Some(path) => Stdio::from(std::fs::File::open(path).unwrap()),
                None => Stdio::piped(),
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(dir) = &self.cwd {
            command.current_dir(dir);
        }
        command.spawn().unwrap()
    }

    /// Runs to the end: what it printed and its exit status. A command that only writes
    /// output (see [`Cogflow::in_process`]) runs in this process, through the library's
    /// `commands::run` that `main` calls too; anything else spawns the binary.
    pub fn run(mut self) -> Ran {
        if let Some(ran) = self.in_process() {
            return ran;
        }
        let mut child = self.start();
        // A child that stops reading early closes the pipe; that is its business, not an error.
        if let Some(mut pipe) = child.stdin.take() {
            let _ = pipe.write_all(self.stdin.as_bytes());
        }
        let output = child.wait_with_output().unwrap();
        Ran {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// Runs `check`, `transcript`, `results`, `class`, `new`, `schema` or `list` in this
    /// process, in the environment the binary would get (this process's, less what
    /// [`start`](Self::start) removes, plus what the test set), with a fresh home unless one
    /// was given; `None` (so the binary runs) for any other command, for arguments clap
    /// refuses or answers itself (usage errors, `--help`: the real binary prints those), and
    /// for a run with stdin input, another working directory, its own key cache or a wrapper
    /// program.
    fn in_process(&mut self) -> Option<Ran> {
        use clap::Parser;
        use cogflow::cli::Command as C;
        // A process's keys go where its COGFLOW_CACHE says; this one's go to [`key_cache`].
        let other_cache = self
            .envs
            .iter()
            .any(|(k, v)| k == CACHE_ENV && *v != key_cache().into_os_string());
        let stdin = !self.stdin.is_empty() || self.stdin_file.is_some();
        if !self.via.is_empty() || self.cwd.is_some() || stdin || other_cache {
            return None;
        }
        let argv = std::iter::once(OsString::from("cogflow")).chain(self.args.iter().cloned());
        let cli = cogflow::cli::Cli::try_parse_from(argv).ok()?;
        if !matches!(
            cli.command,
            Some(C::Check(_) | C::Transcript(_) | C::Results(_) | C::Class(_))
                | Some(C::New(_) | C::Schema | C::List)
        ) {
            return None;
        }
        let home = TempHome::new("home");
        let given_home = self.envs.iter().any(|(k, _)| k == HOME_ENV);
        let vars = std::env::vars_os()
            .filter(|(k, _)| k != "NO_COLOR" && k != "COGFLOW_LEARNER")
            .chain((!given_home).then(|| (HOME_ENV.into(), home.path().into())))
            .chain(self.envs.iter().cloned());
        keep_keys();
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let code = cogflow::commands::run(
            cli,
            &cogflow::commands::Env::with_vars(vars),
            &mut stdout,
            &mut stderr,
        );
        Some(Ran {
            stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
            code: (0..=255u8)
                .find(|&n| std::process::ExitCode::from(n) == code)
                .map_or(-1, i32::from),
        })
    }

    /// Starts it and leaves it running (a server): killed when the [`Spawned`] is dropped.
    pub fn spawn(mut self) -> Spawned {
        let mut child = self.start();
        let mut stdin = child.stdin.take();
        if let Some(pipe) = stdin.as_mut() {
            let _ = pipe.write_all(self.stdin.as_bytes());
        }
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Drained so a chatty process never blocks on a full pipe; read when it is stopped.
        let mut stderr_pipe = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr_pipe.read_to_string(&mut text);
            text
        });
        Spawned {
            child,
            stdin,
            lines,
            seen: Vec::new(),
            stderr: Some(stderr),
            _home: self.home.take(),
        }
    }
}

/// A running `cogflow` (see [`Cogflow::spawn`]); killed and reaped on drop, on every exit
/// path of a test, a failed assertion included.
pub struct Spawned {
    child: Child,
    stdin: Option<std::process::ChildStdin>,
    lines: Receiver<String>,
    /// Every stdout line read so far.
    seen: Vec<String>,
    stderr: Option<std::thread::JoinHandle<String>>,
    _home: Option<TempHome>,
}

impl Spawned {
    /// The process id (to send it a signal).
    #[must_use]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes `text` to its stdin.
    pub fn write(&mut self, text: &str) {
        let pipe = self.stdin.as_mut().expect("stdin is still open");
        pipe.write_all(text.as_bytes()).unwrap();
        pipe.flush().unwrap();
    }

    /// Reads stdout until a line satisfies `ready` and returns it; fails with what was printed
    /// if the process ends or [`DEADLINE`] passes first.
    pub fn wait_for_line(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + DEADLINE;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if ready(&line) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "never printed {what}; stdout so far:\n{}",
                        self.seen.join("\n")
                    )
                }
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "ended before printing {what}; stdout:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Waits for it to end by itself and returns everything it printed; `None` when it was
    /// still running after `limit` (then it is killed). For "this input must not hang it".
    pub fn wait_within(mut self, limit: Duration) -> Option<Ran> {
        let end = Instant::now() + limit;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > end {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // Every line up to the end of stdout, which the reader thread reaches once it exits.
        while let Ok(line) = self.lines.recv_timeout(DEADLINE) {
            self.seen.push(line);
        }
        let stderr = self.stderr.take().map(|h| h.join().unwrap_or_default());
        Some(Ran {
            stdout: self.seen.iter().map(|l| format!("{l}\n")).collect(),
            stderr: stderr.unwrap_or_default(),
            code: status.code().unwrap_or(-1),
        })
    }

    /// Kills it and returns everything it printed.
    pub fn kill(mut self) -> Ran {
        self.stop();
        let rest: Vec<String> = self.lines.try_iter().collect();
        self.seen.extend(rest);
        let stderr = self
            .stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        let code = self
            .child
            .try_wait()
            .ok()
            .flatten()
            .and_then(|s| s.code())
            .unwrap_or(-1);
        Ran {
            stdout: self.seen.iter().map(|l| format!("{l}\n")).collect(),
            stderr,
            code,
        }
    }

    fn stop(&mut self) {
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `true` when tmux can be run. Without it the tmux tests say SKIPPED and pass, except under CI
/// (`CI` set), where the real-terminal tests must run and a missing tmux fails them.
#[must_use]
pub fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing and CI is set: .ci/run installs it; the real-terminal tests must run in CI"
        );
        eprintln!("SKIPPED: tmux is not installed (install it to run the real-terminal tests)");
    }
    found
}

/// A `cogflow` session in a tmux server of its own (see [`Tmux::session`]).
pub struct TmuxBuilder {
    args: String,
    term: String,
    home: Option<PathBuf>,
    size: (u16, u16),
}

impl TmuxBuilder {
    /// `TERM` in the pane (default `xterm-256color`).
    #[must_use]
    pub fn term(mut self, term: &str) -> Self {
        term.clone_into(&mut self.term);
        self
    }

    /// `COGFLOW_HOME` (kept after the session); default: a folder of the session's own.
    #[must_use]
    pub fn home(mut self, home: impl AsRef<Path>) -> Self {
        self.home = Some(home.as_ref().to_path_buf());
        self
    }

    /// The window size (default 120x40).
    #[must_use]
    pub fn size(mut self, width: u16, height: u16) -> Self {
        self.size = (width, height);
        self
    }

    /// Starts the session, or `None` (after saying SKIPPED) when tmux is not installed.
    /// The pane runs `cogflow ARGS`; after it exits the shell writes the terminal's settings
    /// (`stty -a`, see [`Tmux::stty_after_exit`]) and the pane stays open to be inspected.
    #[must_use]
    pub fn start(self) -> Option<Tmux> {
        if !tmux_available() {
            return None;
        }
        let dir = unique_dir("tmux");
        let home = self.home.unwrap_or_else(|| dir.join("home"));
        std::fs::create_dir_all(&home).unwrap();
        let tmux = Tmux {
            socket: format!("cogflow-test-{}", dir.file_name()?.to_string_lossy()),
            dir: dir.clone(),
        };
        // The inner shell writes its pid and execs the binary, so the pid is the program's
        // (for signals); the outer one runs `stty -a` once the program has exited. tmux sets
        // TERM in its panes itself, so the command sets the one under test.
        let inner = format!(
            "echo $$ > {pid}; exec {bin} {args}",
            pid = shell_quote(&tmux.pid_file()),
            bin = shell_quote(Path::new(BIN)),
            args = self.args,
        );
        let command = format!(
            "TERM={term} sh -c {inner}; echo $? > {status}; stty -a > {stty}",
            term = self.term,
            inner = shell_quote(Path::new(&inner)),
            status = shell_quote(&tmux.status_file()),
            stty = shell_quote(&tmux.stty_file()),
        );
        let (w, h) = (self.size.0.to_string(), self.size.1.to_string());
        let out = tmux.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "lesson",
            "-x",
            &w,
            "-y",
            &h,
            "-e",
            &format!("{HOME_ENV}={}", home.display()),
            "-e",
            &format!("{CACHE_ENV}={}", key_cache().display()),
            "sh",
            "-c",
            &command,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        let _ = tmux.tmux(&["set-option", "-t", "lesson", "remain-on-exit", "on"]);
        Some(tmux)
    }
}

/// A tmux server of our own (a unique socket) running one `cogflow`, killed on drop.
pub struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    /// A session running `cogflow ARGS` (`args` as a shell would split them), to configure
    /// and [`start`](TmuxBuilder::start).
    #[must_use]
    pub fn session(args: &str) -> TmuxBuilder {
        TmuxBuilder {
            args: args.to_owned(),
            term: "xterm-256color".to_owned(),
            home: None,
            size: (120, 40),
        }
    }

    fn pid_file(&self) -> PathBuf {
        self.dir.join("pid")
    }

    fn stty_file(&self) -> PathBuf {
        self.dir.join("stty.txt")
    }

    fn status_file(&self) -> PathBuf {
        self.dir.join("status")
    }

    /// Runs `tmux ARGS` against this server.
    pub fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    /// Sends keys (tmux key names: "Right", "Enter", "C-c", or text).
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "lesson"];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {out:?}");
    }

    /// A left click at (`column`, `row`), 0-based: the SGR mouse report a terminal sends
    /// (press, then release), written into the pane as input (tmux's own `send-keys` has no
    /// mouse key).
    pub fn click(&self, column: u16, row: u16) {
        let (x, y) = (column + 1, row + 1);
        let report = format!("\u{1b}[<0;{x};{y}M\u{1b}[<0;{x};{y}m");
        self.send(&["-l", &report]);
    }

    /// The cell (column, row), 0-based, where `text` first shows on screen.
    #[must_use]
    pub fn cell_of(&self, text: &str) -> Option<(u16, u16)> {
        self.capture().lines().enumerate().find_map(|(y, line)| {
            let x = line.find(text)?;
            let column = cogflow::columns::width(&line[..x]);
            Some((u16::try_from(column).ok()?, u16::try_from(y).ok()?))
        })
    }

    /// Whether the pane's program asked for mouse reports (tmux's `mouse_any_flag`: clicks
    /// would reach the shell as text after the program left if it stayed on).
    #[must_use]
    pub fn mouse_reporting(&self) -> bool {
        let out = self.tmux(&["display-message", "-p", "-t", "lesson", "#{mouse_any_flag}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// The screen as text.
    #[must_use]
    pub fn capture(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", "lesson"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Resizes the window.
    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.tmux(&["resize-window", "-t", "lesson", "-x", &w, "-y", &h]);
        assert!(out.status.success(), "resize-window: {out:?}");
    }

    /// Polls the screen until `ready` holds and returns it; fails with the last screen otherwise.
    /// The screen returned is captured a moment after `ready` first held, and holds it too: a
    /// frame reaches the pane in pieces, and the lines a test looks at next may still be
    /// arriving when the ones `ready` asks for are there (seen under load: a live view's call 1
    /// half drawn over the table before it).
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ready(&screen) {
                std::thread::sleep(Duration::from_millis(60));
                let settled = self.capture();
                if ready(&settled) {
                    return settled;
                }
            }
            assert!(
                start.elapsed() < DEADLINE,
                "the pane never showed {what}; last screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends one key and waits until `ready` holds, returning the screen. A run's length is
    /// known from its first frame, long before its later steps are computed: a test pressing →
    /// several times at once would meet "Cognito is still checking step N", as a learner would.
    pub fn press(&self, key: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.send(&[key]);
        self.wait_for(what, ready)
    }

    /// Steps with → from step `from` to step `to` of `total`, waiting for each step to be
    /// computed, skipping each prediction asked on the way (`s`).
    pub fn step_to(&self, from: usize, to: usize, total: usize) {
        let at = |s: &str, step: usize| {
            s.contains(&format!("Step {step}/{total}")) && !s.contains("Cognito is checking")
        };
        let mut shown = from;
        while shown < to {
            let screen = self.press(
                "Right",
                &format!("step {} or its prediction", shown + 1),
                |s| at(s, shown + 1) || s.contains(&format!("Predict · step {}", shown + 1)),
            );
            if !at(&screen, shown + 1) {
                self.press("s", &format!("step {}", shown + 1), |s| at(s, shown + 1));
            }
            shown += 1;
        }
    }

    /// The program's process id (for signals), once it has started.
    #[must_use]
    pub fn program_pid(&self) -> u32 {
        let text = poll_file(&self.pid_file(), "the program's pid");
        text.trim().parse().unwrap()
    }

    /// `true` once the program has exited (the shell has written the terminal's settings).
    #[must_use]
    pub fn exited(&self) -> bool {
        std::fs::metadata(self.stty_file()).is_ok_and(|m| m.len() > 0)
    }

    /// Waits for the program to exit and returns `stty -a` as the shell saw the terminal
    /// right after (to check raw mode was left: `icanon`, `echo`, `isig`).
    #[must_use]
    pub fn stty_after_exit(&self) -> String {
        poll_file(&self.stty_file(), "the terminal settings after exit")
    }

    /// The program's exit status as the shell saw it (128 + N when signal N ended it), once
    /// it has exited.
    #[must_use]
    pub fn exit_status(&self) -> i32 {
        let _ = self.stty_after_exit();
        let text = poll_file(&self.status_file(), "the exit status");
        text.trim().parse().unwrap()
    }

    /// Whether the pane shows the alternate screen (tmux's `alternate_on`).
    #[must_use]
    pub fn alternate_screen(&self) -> bool {
        let out = self.tmux(&["display-message", "-p", "-t", "lesson", "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// `stty -a` of the pane's terminal now, while the program may still run (or be stopped).
    #[must_use]
    pub fn stty_now(&self) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "lesson", "#{pane_tty}"]);
        let tty = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let out = Command::new("stty")
            .args(["-a", "-F", &tty])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The contents of `path` once it is non-empty (written by another process).
fn poll_file(path: &Path, what: &str) -> String {
    let start = Instant::now();
    loop {
        match std::fs::read_to_string(path) {
            Ok(text) if !text.is_empty() => return text,
            _ => {
                assert!(start.elapsed() < DEADLINE, "never got {what}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// Splits RFC 4180 CSV into records of fields (quoted fields, doubled quotes, CRLF).
#[must_use]
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR must be followed by LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF line end in CSV"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "CSV must end with CRLF"
    );
    records
}

#[test]
fn a_spawned_process_is_read_line_by_line_and_gone_once_dropped() {
    let mut lesson = cogflow(&["--plain", "--seed", "1", "--no-save"]).spawn();
    let line = lesson.wait_for_line("step 1", |l| l.starts_with("Step 1 of 5"));
    assert!(line.contains("User inputs credentials"), "{line}");
    lesson.write("\n");
    lesson.wait_for_line("step 2", |l| l.starts_with("Step 2 of 5"));
    let proc = PathBuf::from(format!("/proc/{}", lesson.pid()));
    let watched = proc.exists();
    drop(lesson);
    // Killed and reaped: no process (not even a zombie) is left with that id.
    assert!(
        !watched || !proc.exists(),
        "{} still exists",
        proc.display()
    );
}

/// `name=value&…`, each value percent-encoded (RFC 3986 unreserved characters kept), as a
/// query string or an `application/x-www-form-urlencoded` body.
pub fn form_query(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", cogflow::cognito::oauth::encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The decoded value of `name` in a URL's query or fragment (`?a=1&b=2`, `#a=1`).
pub fn url_param(url: &str, name: &str) -> Option<String> {
    let params = url.split_once(['?', '#'])?.1;
    cogflow::cognito::oauth::decode_form(params)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

/// Every `<input type="hidden" name=… value=…>` of an HTML page, unescaped, in order: what a
/// browser posts back with the form's own fields.
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let attribute = |tag: &str, name: &str| {
        let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
        let value = &tag[at..at + tag[at..].find('"')?];
        Some(
            value
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&"),
        )
    };
    html.split("<input ")
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
        .filter(|tag| tag.contains("type=\"hidden\""))
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value")?)))
        .collect()
}

/// A browser's cookie jar for one host: `Set-Cookie` values in, a `Cookie` header out (a
/// cookie set with `Max-Age=0` or an empty value is dropped, as browsers do).
#[derive(Debug, Default, Clone)]
pub struct CookieJar(std::collections::BTreeMap<String, String>);

impl CookieJar {
    /// Keeps the cookies of `set_cookies` (each a whole `Set-Cookie` value).
    pub fn absorb<'a>(&mut self, set_cookies: impl IntoIterator<Item = &'a String>) {
        for set in set_cookies {
            let pair = set.split(';').next().unwrap_or_default();
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            if value.is_empty() || set.contains("Max-Age=0") {
                self.0.remove(name);
            } else {
                self.0.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    /// The value of cookie `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// `a=1; b=2`, the `Cookie` header (empty without cookies).
    pub fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Built-in lesson runs, each computed once per test binary (`key` → its run).
type RunCache = std::sync::Mutex<
    std::collections::HashMap<
        (String, Option<String>, u64),
        std::sync::Arc<std::sync::OnceLock<std::sync::Arc<cogflow::flow::Run>>>,
    >,
>;

/// The built-in lesson `id`'s main path (or `variant`) run through the real engine (real
/// argon2id, real RS256) at `seed`, computed once for the whole test binary: the lesson tests
/// and the service-model test read the same runs instead of computing each again. Runs of
/// different lessons compute in parallel; a second asker waits for the first's.
#[must_use]
pub fn lesson_run(
    id: &str,
    variant: Option<&str>,
    seed: u64,
) -> std::sync::Arc<cogflow::flow::Run> {
    static RUNS: std::sync::OnceLock<RunCache> = std::sync::OnceLock::new();
    let cell = RUNS
        .get_or_init(RunCache::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .entry((id.to_owned(), variant.map(str::to_owned), seed))
        .or_default()
        .clone();
    cell.get_or_init(|| {
        keep_keys();
        let lesson = cogflow::scenario::resolve(Some(id))
            .unwrap_or_else(|e| panic!("built-in `{id}` loads: {e:?}"));
        let run = cogflow::flow::run(&lesson, variant, seed)
            .unwrap_or_else(|e| panic!("`{id}` {variant:?} runs: {e:?}"));
        std::sync::Arc::new(run)
    })
    .clone()
}
