//! Signals against the real binary in a real terminal (tmux): every way out gives the terminal
//! back (cooked mode, main screen), saves the learner's place and ends by the signal; Ctrl-Z
//! and SIGTSTP stop the program cleanly and `fg` (SIGCONT) takes the screen again at once.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{DEADLINE, TempHome, Tmux, cogflow, shell_quote, unique_dir};

/// `kill -NAME pid`.
fn send_signal(name: &str, pid: u32) {
    let out = Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "kill -{name} {pid}: {out:?}");
}

/// The process state letter from /proc (R, S, T = stopped, Z = ended, not yet reaped), or
/// None once it is gone.
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) S ...": the state follows the last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

fn wait_for_state(pid: u32, what: &str, done: impl Fn(Option<char>) -> bool) {
    let start = Instant::now();
    while !done(state(pid)) {
        assert!(
            start.elapsed() < DEADLINE,
            "process {pid} never became {what}: {:?}",
            state(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The step the progress file says the learner is at.
fn saved_step(home: &TempHome) -> u64 {
    saved_step_if_any(home).expect("a saved place")
}

fn saved_step_if_any(home: &TempHome) -> Option<u64> {
    let text = std::fs::read_to_string(home.progress_file("signin-basic")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["position"]["step"].as_u64()
}

fn cooked(stty: &str) -> bool {
    stty.contains(" icanon") && stty.contains(" echo ") && !stty.contains("-icanon")
}

/// A lesson at step 2 of 5 in its own home (these tests are about the terminal, so they stay
/// clear of step 3's prediction).
fn lesson_at_step_2(home: &TempHome) -> Option<Tmux> {
    let tmux = Tmux::session("--seed 1").home(home).start()?;
    tmux.wait_for("the first step", |s| s.contains("Step 1/5"));
    tmux.step_to(1, 2, 5);
    Some(tmux)
}

#[test]
fn each_ending_signal_gives_the_terminal_back_saves_the_place_and_ends_by_it() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let home = TempHome::new("signal-end");
        let Some(tmux) = lesson_at_step_2(&home) else {
            return;
        };
        assert!(
            tmux.alternate_screen(),
            "the lesson is on the alternate screen"
        );
        assert!(tmux.mouse_reporting(), "the lesson takes mouse clicks");
        send_signal(name, tmux.program_pid());
        let stty = tmux.stty_after_exit();
        assert!(
            !tmux.mouse_reporting(),
            "SIG{name}: the mouse is given back"
        );
        assert!(
            cooked(&stty),
            "SIG{name}: the terminal is cooked again: {stty}"
        );
        assert!(
            !tmux.alternate_screen(),
            "SIG{name}: back on the main screen"
        );
        assert_eq!(
            tmux.exit_status(),
            128 + number,
            "SIG{name}: ends by the signal"
        );
        assert_eq!(saved_step(&home), 2, "SIG{name}: the place is saved");
        let screen = tmux.capture();
        assert!(!screen.contains('\u{1b}'), "SIG{name}: {screen:?}");
    }
}

/// Stops the lesson at step 2 with `stop`, checks the terminal is given back, continues it and
/// checks it takes the screen again and answers the very next key.
fn stop_and_continue(tmux: &Tmux, how: &str, stop: impl Fn()) {
    let pid = tmux.program_pid();
    stop();
    wait_for_state(pid, "stopped", |s| s == Some('T'));
    assert!(
        !tmux.mouse_reporting(),
        "{how}: the mouse is given back while stopped"
    );
    assert!(
        !tmux.alternate_screen(),
        "{how}: the main screen while stopped"
    );
    let stty = tmux.stty_now();
    assert!(
        cooked(&stty),
        "{how}: the terminal is cooked while stopped: {stty}"
    );
    send_signal("CONT", pid);
    wait_for_state(pid, "running again", |s| s.is_some_and(|c| c != 'T'));
    tmux.wait_for("the lesson redrawn", |s| s.contains("Step 2/5"));
    assert!(tmux.alternate_screen(), "{how}: the alternate screen again");
    assert!(tmux.mouse_reporting(), "{how}: mouse clicks again");
    let stty = tmux.stty_now();
    assert!(stty.contains("-icanon"), "{how}: raw mode again: {stty}");
    // A key is handled at once: no key is needed to wake it first.
    tmux.press("Left", "step 1", |s| s.contains("Step 1/5"));
    tmux.press("Right", "step 2", |s| s.contains("Step 2/5"));
}

#[test]
fn suspend_and_continue_give_the_terminal_back_and_take_it_again() {
    let home = TempHome::new("signal-stop");
    let Some(tmux) = lesson_at_step_2(&home) else {
        return;
    };
    let pid = tmux.program_pid();
    stop_and_continue(&tmux, "SIGTSTP", || send_signal("TSTP", pid));
    // In raw mode Ctrl-Z is a key, not a signal: the program suspends itself.
    stop_and_continue(&tmux, "Ctrl-Z", || tmux.send(&["C-z"]));
    // SIGSTOP runs no handler; the pane is wiped meanwhile, and SIGCONT must redraw in full.
    send_signal("STOP", pid);
    wait_for_state(pid, "stopped", |s| s == Some('T'));
    tmux.tmux(&["send-keys", "-t", "lesson", "-R"]);
    tmux.wait_for("a wiped pane", |s| !s.contains("Step 2/5"));
    send_signal("CONT", pid);
    tmux.wait_for("the lesson redrawn", |s| s.contains("Step 2/5"));
    tmux.send(&["q"]);
    assert!(cooked(&tmux.stty_after_exit()));
    assert_eq!(tmux.exit_status(), 0);
}

#[test]
fn closing_the_window_ends_the_lesson_and_keeps_its_place() {
    let home = TempHome::new("signal-close");
    let Some(tmux) = lesson_at_step_2(&home) else {
        return;
    };
    let pid = tmux.program_pid();
    // The place is written at the first quiet moment after a move, without quitting (the old
    // loop wrote it only on the way out, and a closed window never took that way).
    let start = Instant::now();
    while saved_step_if_any(&home) != Some(2) {
        assert!(start.elapsed() < DEADLINE, "step 2 was never saved");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The pane's terminal goes away: SIGHUP, and every read of it ends (crossterm then spins
    // instead of returning, so the signal thread finishes the job).
    tmux.tmux(&["kill-session", "-t", "lesson"]);
    wait_for_state(pid, "ended", |s| s.is_none_or(|c| c == 'Z'));
    assert_eq!(saved_step(&home), 2);
}

#[test]
fn the_class_report_gives_the_terminal_back_on_a_signal() {
    let dir = unique_dir("class-signal");
    let home = TempHome::new("class-signal");
    cogflow(&["--seed", "1", "--learner", "Ana", "quiz", "--plain"])
        .home(&home)
        .stdin("A\nC\nB\n\n")
        .run();
    std::fs::write(
        dir.join("class.csv"),
        cogflow(&["results"]).home(&home).run().stdout,
    )
    .unwrap();
    let args = format!("class report {} --tui", shell_quote(&dir));
    for (name, number) in [("TERM", 15), ("HUP", 1)] {
        let Some(tmux) = Tmux::session(&args).size(100, 30).start() else {
            return;
        };
        tmux.wait_for("question 1", |s| s.contains("Question 1 of 3: q1"));
        let pid = tmux.program_pid();
        send_signal("TSTP", pid);
        wait_for_state(pid, "stopped", |s| s == Some('T'));
        assert!(cooked(&tmux.stty_now()));
        send_signal("CONT", pid);
        tmux.wait_for("question 1 again", |s| s.contains("Question 1 of 3: q1"));
        tmux.send(&["Right"]);
        tmux.wait_for("question 2", |s| s.contains("Question 2 of 3: q2"));
        send_signal(name, pid);
        assert!(cooked(&tmux.stty_after_exit()), "SIG{name}");
        assert!(!tmux.alternate_screen(), "SIG{name}");
        assert_eq!(tmux.exit_status(), 128 + number, "SIG{name}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_live_view_of_serve_gives_the_terminal_back_on_a_signal() {
    let Some(tmux) = Tmux::session("serve --port 0 --seed 4")
        .size(120, 40)
        .start()
    else {
        return;
    };
    let waiting =
        |s: &str| s.contains("Waiting for your code's first call") && s.contains("● serving");
    let screen = tmux.wait_for("the waiting panel", waiting);
    let address = screen
        .split("● serving http://")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| c.is_whitespace() || c == '/').next())
        .unwrap()
        .to_owned();
    let pid = tmux.program_pid();
    send_signal("TSTP", pid);
    wait_for_state(pid, "stopped", |s| s == Some('T'));
    assert!(!tmux.alternate_screen());
    assert!(cooked(&tmux.stty_now()));
    // The pane is wiped while it is stopped: SIGCONT must redraw in full.
    tmux.tmux(&["send-keys", "-t", "lesson", "-R"]);
    tmux.wait_for("a wiped pane", |s| !waiting(s));
    send_signal("CONT", pid);
    tmux.wait_for("the waiting panel again", waiting);
    assert!(tmux.alternate_screen());
    send_signal("TERM", pid);
    assert!(cooked(&tmux.stty_after_exit()));
    assert!(!tmux.alternate_screen());
    assert_eq!(tmux.exit_status(), 143);
    assert!(
        std::net::TcpStream::connect(&address).is_err(),
        "{address} still listens"
    );
}
