//! `cogflow serve [SCENARIO]`: builds the scenario's pool, binds, prints the banner, then shows
//! every call as it arrives (the plain log, one line per phase) until interrupted. A lab
//! (`[lab]`) also says, step by step, what it waits for and what each call met ([`lab`]).

mod lab;
mod record;

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use crate::app::App;
use crate::app::live::lab::Lab;
use crate::cli::{IssuerStyle, ServeArgs};
use crate::cognito::{Reuse, UserPool};
use crate::flow::engine::setup::{app_client, pool_config, seed_groups, seed_user};
use crate::flow::lab::Seen;
use crate::flow::recording::Recording;
use crate::progress::{Recorder, ScenarioKey};
use crate::scenario;
use crate::serve::clock::wall_now;
use crate::serve::events::Event;
use crate::serve::live::Live;
use crate::serve::mock::Mock;
use crate::serve::{Listener, Options, Server, banner, log};
use crate::{app, tui, ui};

/// The scenario served when none is named.
const DEFAULT_SCENARIO: &str = "signin-basic";

/// Serves until interrupted (Ctrl+C) or until the log can no longer be written. Exit codes:
/// 1 when the pool cannot be built or the port cannot be bound, 2 for an unknown scenario.
#[must_use]
pub fn run(
    args: &ServeArgs,
    seed: Option<u64>,
    learner: &super::Recording,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let scenario =
        match scenario::resolve(Some(args.scenario.as_deref().unwrap_or(DEFAULT_SCENARIO))) {
            Ok(scenario) => scenario,
            Err(error) => return super::report_load_error(&error, err),
        };
    learner.confirm(&scenario.words(), err);
    let learner = learner.name();
    let seed = seed.unwrap_or_else(|| crate::cache::unseeded_seed(super::fresh_seed));
    let listener = match Listener::bind(args.host, args.port) {
        Ok(listener) => listener,
        Err(e) => {
            let _ = writeln!(
                err,
                "cogflow serve: cannot listen on {}:{}: {e} (try --port 0 for any free port)",
                args.host, args.port
            );
            return ExitCode::FAILURE;
        }
    };
    if !args.host.is_loopback() {
        let _ = writeln!(
            err,
            "cogflow serve: warning: listening on {}, so other machines can reach this mock pool",
            args.host
        );
    }
    let issuer_origin = match args.issuer {
        IssuerStyle::Aws => None,
        IssuerStyle::Local => Some(listener.endpoint().to_owned()),
    };
    let pool = match build_pool(&scenario.file.pool, seed, issuer_origin) {
        Ok(pool) => pool,
        Err(message) => {
            let _ = writeln!(err, "cogflow serve: {}: {message}", scenario.name());
            return ExitCode::FAILURE;
        }
    };
    // The live view needs a terminal; a pipe or a log file gets the plain log. Either one
    // records the session when --record asks (written once the server has stopped).
    let live_view = !args.plain && std::io::stdout().is_terminal();
    let first_user = scenario.file.pool.users.first();
    let live = live_view.then(|| {
        Live::new(
            &pool,
            scenario.file.scenario.track.clone(),
            first_user.map(|u| (u.username.as_str(), u.email.as_deref())),
        )
    });
    // The live branch before any call: the pool's facts, the tracker's names and first column.
    let branch = live.as_ref().map(|l| {
        let mut path = app::PathRun::new(app::PathKind::Live {
            endpoint: listener.endpoint().to_owned(),
        });
        path.pool = Some(crate::flow::PoolFacts::of(&pool));
        path.tracked = l.tracked();
        path.start = l.start();
        (path, pool.client_id().to_owned())
    });
    let mock = Mock::new(vec![pool], seed);
    let words = scenario.words();
    let banner = banner(listener.endpoint(), &mock, seed, words.language());
    let options = Options {
        step: args.step,
        seed,
        live,
        words,
    };
    let server = match listener.serve(mock, options) {
        Ok(server) => server,
        Err(e) => {
            let _ = writeln!(err, "cogflow serve: cannot start the server: {e}");
            return ExitCode::FAILURE;
        }
    };
    if writeln!(out, "{}", banner.join("\n"))
        .and_then(|()| out.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    match branch {
        Some((branch, client_id)) => {
            // What the waiting panel tells the learner to paste.
            let exports = banner
                .iter()
                .filter(|l| l.starts_with("export "))
                .cloned()
                .collect();
            let mut live = app::Live::new(args.step, exports, &client_id);
            live.login_url = banner
                .iter()
                .find_map(|l| l.strip_prefix("login_url="))
                .map(str::to_owned);
            // A lab's steps met are saved as the plain log saves them; other sessions save
            // nothing (their calls are not a lesson's steps).
            let key = ScenarioKey::of(&scenario);
            let recorder =
                Recorder::open(key, scenario.file.lab.is_some() && !args.no_save, learner);
            let live = match scenario.file.lab {
                Some(_) => live.with_lab(Lab::new(&scenario.file, recorder.is_saving())),
                None => live,
            };
            let record = args.record.as_deref();
            live_view_of(
                scenario,
                server,
                (branch, live),
                recorder,
                (seed, record),
                out,
                err,
            )
        }
        None => plain_served(server, &scenario, (args, seed), learner, out, err),
    }
}

/// The live view until the learner quits (q, Ctrl-C) or a signal ends it; then the listener
/// closes (a client's next call gets a connection error) and a `--record` file is written,
/// whichever way the view ended.
fn live_view_of(
    scenario: scenario::Scenario,
    server: Server,
    (branch, live): (app::PathRun, app::Live),
    mut recorder: Recorder,
    (seed, record_to): (u64, Option<&std::path::Path>),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let options = app::Options {
        seed,
        monochrome: ui::theme::Theme::from_env().is_monochrome(),
        ..app::Options::default()
    };
    let mut recording = record_to.map(|_| Recording::new(&scenario.file.pool));
    let mut calls = lab::Calls::default();
    let mut app = App::live(scenario, &options, branch, live);
    let Some(mut screen) = tui::open(err, "cogflow serve", "--plain") else {
        return ExitCode::FAILURE;
    };
    let mut observe = |event: &crate::serve::events::Event| {
        if let Some(recording) = recording.as_mut()
            && let Some(sighting) = calls.see(event)
        {
            match &sighting.seen {
                Seen::Call(call) => recording.call(call),
                Seen::Clock { advanced } => recording.clock(*advanced),
            }
        }
    };
    let result = tui::live::run(&mut screen, &mut app, &server, &mut recorder, &mut observe);
    drop(screen);
    let stopped = server.stop();
    let written = match (record_to, &recording) {
        (Some(path), Some(recording)) => record::write(recording, path, seed, out, err),
        _ => true,
    };
    match (result, stopped) {
        (Ok(tui::Exit::Signal(signal)), _) => tui::screen::end_by(signal),
        (Ok(tui::Exit::Quit), Ok(())) if written => ExitCode::SUCCESS,
        (Ok(tui::Exit::Quit), Ok(())) => ExitCode::FAILURE,
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(err, "cogflow serve: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The plain log until stopped, with a lab's lines when the scenario is one, and the session
/// recorded when `--record` asks for it (written once the server has stopped).
fn plain_served(
    server: Server,
    scenario: &scenario::Scenario,
    (args, seed): (&ServeArgs, u64),
    learner: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let stop = match &args.record {
        Some(_) => record::stop_flag(!args.step),
        None => Arc::new(AtomicBool::new(false)),
    };
    let mut calls = lab::Calls::default();
    let mut recording = args
        .record
        .as_ref()
        .map(|_| Recording::new(&scenario.file.pool));
    let mut lab = scenario
        .file
        .lab
        .is_some()
        .then(|| lab::Lab::new(scenario, args, learner));
    if let Some(lab) = lab.as_mut()
        && lab
            .opening()
            .iter()
            .try_for_each(|line| writeln!(out, "{line}"))
            .and_then(|()| out.flush())
            .is_err()
    {
        return ExitCode::FAILURE;
    }
    let mut code = plain_log(&server, args.step, &stop, out, |event, out| {
        let Some(sighting) = calls.see(event) else {
            return Ok(());
        };
        if let Some(recording) = recording.as_mut() {
            match &sighting.seen {
                Seen::Call(call) => recording.call(call),
                Seen::Clock { advanced } => recording.clock(*advanced),
            }
        }
        if let Some(lab) = lab.as_mut() {
            for line in lab.see(&sighting) {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    });
    let _ = server.stop();
    for message in lab.as_mut().map(lab::Lab::messages).unwrap_or_default() {
        let _ = writeln!(err, "cogflow serve: {message}");
    }
    if let (Some(path), Some(recording)) = (&args.record, &recording)
        && !record::write(recording, path, seed, out, err)
    {
        code = ExitCode::FAILURE;
    }
    code
}

/// The scenario's pool as served: its users imported (argon2id), its clock at the real time.
fn build_pool(
    spec: &scenario::model::PoolSpec,
    seed: u64,
    issuer_origin: Option<String>,
) -> Result<UserPool, String> {
    let mut config = pool_config(spec);
    config.issuer_origin = issuer_origin;
    // Each served sign-in is a real client's call: it pays for its own argon2id verify.
    config.argon2_reuse = Reuse::EveryTime;
    let mut pool = UserPool::new(config, seed, wall_now());
    for user in &spec.users {
        pool.add_user(seed_user(user))
            .map_err(|e| format!("user `{}`: {e}", user.username))?;
    }
    for client in &spec.app_clients {
        pool.add_client(app_client(client))
            .map_err(|e| format!("app client `{}`: {e}", client.name))?;
    }
    seed_groups(&mut pool, &spec.groups, &spec.users).map_err(|e| e.to_string())?;
    // Waiting for the signing keys here keeps their generation out of the first call; like
    // hashing the users, it is set-up, not a call anyone made.
    let _ = pool.jwks();
    let _ = pool.take_crypto_log();
    Ok(pool)
}

/// Writes each event as it comes, then what `also` says of it, until `stop` is set. Under
/// `--step`, a held phase waits for Enter on stdin.
fn plain_log(
    server: &Server,
    step: bool,
    stop: &AtomicBool,
    out: &mut dyn Write,
    mut also: impl FnMut(&Event, &mut dyn Write) -> std::io::Result<()>,
) -> ExitCode {
    let stdin = std::io::stdin();
    let mut line = String::new();
    while !stop.load(Ordering::SeqCst) {
        let event = match server.events().recv_timeout(Duration::from_millis(100)) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let written = log::lines(&event)
            .iter()
            .try_for_each(|text| writeln!(out, "{text}"))
            .and_then(|()| also(&event, out))
            .and_then(|()| out.flush());
        if written.is_err() {
            return ExitCode::SUCCESS;
        }
        if let Event::Call(call) = event
            && let Some(hold) = call.hold
        {
            if step {
                // At the end of input read_line returns at once, so later calls go through.
                line.clear();
                let _ = stdin.lock().read_line(&mut line);
            }
            hold.resume();
        }
    }
    ExitCode::SUCCESS
}
