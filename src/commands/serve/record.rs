//! `cogflow serve --record FILE.toml`: the session written as a lesson when the server stops.
//!
//! Stopping is a flag: SIGINT (Ctrl+C) and SIGTERM set it (signal-hook, so no handler code
//! runs in the signal), and so does a line `q` on stdin (unless `--step` reads stdin for its
//! Enters). The event loop looks at the flag between events, then the file is written.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::flow::recording::{Gap, Recording};
use crate::sanitize;

/// A flag that SIGINT, SIGTERM and (when `stdin_q`) a `q` line on stdin set.
pub(super) fn stop_flag(stdin_q: bool) -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Registering only fails for a signal that cannot be caught; these two can.
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    if stdin_q {
        let flag = Arc::clone(&stop);
        // Detached: it ends with the process (a blocked read of stdin cannot be interrupted).
        let _ = std::thread::Builder::new()
            .name("cogflow-serve-q".to_owned())
            .spawn(move || {
                for line in std::io::stdin().lock().lines() {
                    match line {
                        Ok(line) if line.trim() == "q" => {
                            flag.store(true, Ordering::SeqCst);
                            return;
                        }
                        Ok(_) => {}
                        Err(_) => return,
                    }
                }
            });
    }
    stop
}

/// Writes `recording` to `path` as a lesson whose id comes from the file's name, with what its
/// replay does not reproduce at the top (the engine replays it with `seed` first), and says
/// so as the log's last line on `out`; a file that cannot be written is said on `err`.
pub(super) fn write(
    recording: &Recording,
    path: &Path,
    seed: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    let id = slug(path);
    let title = format!("Recorded session: {} calls", recording.calls());
    let (file, gaps) = match recording.lesson(&id, &title, seed) {
        Ok(lesson) => lesson,
        Err(e) => {
            let _ = writeln!(err, "cogflow serve: cannot replay the recording: {e}");
            (recording.file(&id, &title), Vec::new())
        }
    };
    let body = match toml::to_string(&file) {
        Ok(body) => body,
        Err(e) => {
            let _ = writeln!(err, "cogflow serve: cannot write the recording: {e}");
            return false;
        }
    };
    let text = format!(
        "# Recorded by `cogflow serve --record` from {} calls. Every `explain` is a placeholder\n\
         # to fill in; no password, code or token of the session is in this file (steps that\n\
         # replaced one say so). Check it with `cogflow check {}`.\n{}{body}",
        recording.calls(),
        path.display(),
        gaps_header(&gaps)
    );
    match std::fs::write(path, text) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "cogflow serve: recorded {} calls to {}{}",
                recording.calls(),
                path.display(),
                gaps_summary(&gaps)
            );
            let _ = out.flush();
            true
        }
        Err(e) => {
            let _ = writeln!(err, "cogflow serve: cannot write {}: {e}", path.display());
            false
        }
    }
}

/// The header's list of what a replay does not reproduce (empty when it reproduces it all).
fn gaps_header(gaps: &[Gap]) -> String {
    if gaps.is_empty() {
        return "# Replayed by the engine before writing: every step answers as in the session.\n"
            .to_owned();
    }
    let mut text = format!(
        "# NOT REPRODUCED: replayed by the engine before writing, {} of its steps do not do\n\
         # what the session did (`transcript` and the lesson show the replay):\n",
        gaps.len()
    );
    for gap in gaps {
        text.push_str(&format!("# - {}\n", sanitize::line(&gap.describe())));
    }
    text
}

/// " (2 steps text only, 1 answering differently when replayed: see the file's header)".
fn gaps_summary(gaps: &[Gap]) -> String {
    let text_only = gaps
        .iter()
        .filter(|g| matches!(g, Gap::TextOnly { .. }))
        .count();
    let differs = gaps.len() - text_only;
    let mut parts = Vec::new();
    if text_only > 0 {
        parts.push(format!("{text_only} written as text only"));
    }
    if differs > 0 {
        parts.push(format!("{differs} answering otherwise when replayed"));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(
        " (not reproduced: {}; the file's header lists them)",
        parts.join(", ")
    )
}

/// `my-session` from `My Session.toml`: a scenario id (lowercase letters, digits, `-`).
fn slug(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() {
        "recorded-session".to_owned()
    } else {
        id
    }
}
