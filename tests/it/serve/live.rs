//! The live view of `cogflow serve` (no `--plain`) in a real terminal (tmux), driven by real
//! clients: boto3 (clients/tests/live_driver.py) and the AWS CLI. Each call becomes a step on
//! screen as it arrives; `--step` holds each phase until →; q and Ctrl-C stop the server (the
//! next call gets a connection error) and leave the terminal as it was. A lab shows its panel:
//! the waiting step beside the calls it received, the hints earned, the sample `y` copies.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use cogflow::flow::lab;

use super::clients::{Callback, browser_command, browser_lesson, chromium, python};
use crate::support::{Tmux, shell_quote, unique_dir};

/// A client process, killed on drop so a failing assert never leaves it waiting on a held call.
struct Client(Option<Child>);

impl Drop for Client {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Client {
    fn spawn(mut command: Command) -> Self {
        Self(Some(command.spawn().unwrap()))
    }

    /// Its output once it has ended, and whether it succeeded.
    fn finish(mut self) -> (bool, String) {
        let out = self.0.take().unwrap().wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    }
}

/// `cogflow serve --port 0 --seed 4 ARGS` in tmux, once it waits for the first call; with the
/// endpoint and the app client it shows.
fn live_session(args: &str) -> Option<(Tmux, String, String)> {
    let tmux = Tmux::session(&format!("serve --port 0 --seed 4 {args}"))
        .size(120, 40)
        .start()?;
    let screen = tmux.wait_for("the waiting panel", |s| {
        s.contains("Waiting for your code's first call") && s.contains("● serving")
    });
    let endpoint = screen
        .split("● serving ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_owned();
    let client_id = screen
        .split("ClientId=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    Some((tmux, endpoint, client_id))
}

/// `program` with the banner's exports and nothing of the machine's AWS settings.
fn client(program: &Path, args: &[&str], endpoint: &str, client_id: &str) -> Command {
    let mut command = Command::new(program);
    command.args(args);
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    command
        .env("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", endpoint)
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "cogflow-local")
        .env("AWS_SECRET_ACCESS_KEY", "cogflow-local")
        .env("COGFLOW_CLIENT_ID", client_id)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// The AWS CLI's arguments for a USER_PASSWORD_AUTH sign-in of `user123` with `password`.
fn cli_sign_in(client_id: &str, password: &str) -> Vec<String> {
    [
        "cognito-idp",
        "initiate-auth",
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--client-id",
        client_id,
        "--auth-parameters",
        &format!("USERNAME=user123,PASSWORD={password}"),
    ]
    .map(str::to_owned)
    .to_vec()
}

fn driver() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/tests/live_driver.py")
}

/// Raw mode was left: the shell after the program sees a cooked, echoing terminal.
fn assert_terminal_restored(tmux: &Tmux) {
    let stty = tmux.stty_after_exit();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(flags.contains(&flag), "{flag} not restored:\n{stty}");
    }
}

#[test]
fn boto3_calls_arrive_as_steps_and_step_holds_each_phase_until_right() {
    let Some(python) = python("serve/live (--step)") else {
        return;
    };
    let Some((tmux, endpoint, client_id)) = live_session("--step") else {
        return;
    };
    let boto3 = Client::spawn(client(
        &python,
        &[driver().to_str().unwrap()],
        &endpoint,
        &client_id,
    ));

    // Call 1, InitiateAuth, held as it arrives: the request on screen, the password hidden,
    // the client waiting and how long boto3 waits.
    let held = tmux.wait_for("call 1 held at request received", |s| {
        s.contains("Call #1 held at “request received”")
    });
    assert!(held.contains("→ lets it go on"), "{held}");
    assert!(held.contains("boto3 gives up after 60 s"), "{held}");
    assert!(
        held.contains("\"AuthFlow\": \"USER_PASSWORD_AUTH\""),
        "{held}"
    );
    assert!(held.contains("<hidden, 7 chars>"), "{held}");
    assert!(
        !held.contains("pass123"),
        "the password is never shown:\n{held}"
    );
    assert!(held.contains("with Cognito"), "{held}");
    assert!(held.contains("Call 1 of 1 · following"), "{held}");

    tmux.send(&["Right"]);
    let checked = tmux.wait_for("call 1 checked", |s| {
        s.contains("Call #1 held at “credentials checked”")
    });
    assert!(
        checked.contains("✓ password (argon2id, the mock's stand-in)"),
        "{checked}"
    );
    assert!(checked.contains("checked: tokens"), "{checked}");

    tmux.send(&["Right"]);
    let answered = tmux.wait_for("call 1 answered", |s| {
        s.contains("Call #1 held at “response returned”")
    });
    assert!(answered.contains("JWT token"), "{answered}");
    assert!(answered.contains("Token received by app"), "{answered}");
    assert!(
        answered.contains("+token issued"),
        "the tracker: {answered}"
    );
    assert!(answered.contains("\"ExpiresIn\": 3600"), "{answered}");

    // Mode 2: the lesson's diagram lights the box for this call.
    tmux.send(&["2"]);
    let flow = tmux.wait_for("the flow diagram", |s| {
        s.contains("Process flow") && s.contains("the way the run went") && s.contains("lights up")
    });
    assert!(
        flow.contains("Call 1: App signs the user in (InitiateAuth) — lights up"),
        "{flow}"
    );
    assert!(flow.contains("“App receives token”."), "{flow}");
    assert!(
        flow.contains("║ App receives token"),
        "its box is this step's: {flow}"
    );
    tmux.send(&["1"]);

    // GetUser and the wrong password: three phases are held for each call that has them
    // (InitiateAuth), the answer alone for the others.
    // One capture decides each round: between two phases a call is running (argon2, slow
    // under load) and shows no ⏸, so "no ⏸" alone is not "done". → only while a call is held.
    let mut presses = 1;
    for round in 0.. {
        let screen = tmux.capture();
        let refused = screen.contains("Call 3 of 3") && screen.contains("✗ NotAuthorizedException");
        if refused && !screen.contains("⏸") {
            break;
        }
        if screen.contains("⏸") {
            tmux.send(&["Right"]);
            presses += 1;
        }
        assert!(
            presses < 20 && round < 400,
            "the calls never all went on ({presses} presses, {round} looks):\n{screen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    let (ok, said) = boto3.finish();
    assert!(ok, "{said}");
    assert!(said.contains("signed in, ExpiresIn 3600"), "{said}");
    assert!(said.contains("GetUser: user123"), "{said}");
    assert!(
        said.contains("refused: NotAuthorizedException Incorrect username or password."),
        "{said}"
    );
    let last = tmux.wait_for("the refusal", |s| s.contains("✗ NotAuthorizedException"));
    assert!(
        last.contains("✗ password (argon2id, the mock's stand-in)"),
        "{last}"
    );
    assert!(last.contains("App calls an API with the access"), "{last}");
    assert!(last.contains("~rejected"), "the tracker: {last}");

    // Stepping back through what happened, then following again.
    tmux.send(&["Left"]);
    let back = tmux.wait_for("call 2", |s| {
        s.contains("Call 2 of 3") && !s.contains("· following")
    });
    assert!(back.contains("GetUser"), "{back}");
    tmux.send(&["End"]);
    tmux.wait_for("following again", |s| s.contains("Call 3 of 3 · following"));

    // q stops the server: the listener is closed, the terminal restored.
    tmux.send(&["q"]);
    assert_terminal_restored(&tmux);
    // One attempt: botocore's default 5 back off ~7 s in all before saying the same words.
    let mut after = client(
        &python,
        &[driver().to_str().unwrap()],
        &endpoint,
        &client_id,
    );
    after.env("AWS_MAX_ATTEMPTS", "1");
    let (ok, said) = Client::spawn(after).finish();
    assert!(!ok, "a call after quitting was answered: {said}");
    assert!(
        said.contains("Could not connect to the endpoint URL"),
        "{said}"
    );
}

#[test]
fn an_aws_cli_call_arrives_and_ctrl_c_stops_the_server() {
    let Some(python) = python("serve/live (AWS CLI)") else {
        return;
    };
    let aws = python.with_file_name("aws");
    let Some((tmux, endpoint, client_id)) = live_session("") else {
        return;
    };
    let auth = cli_sign_in(&client_id, "wrong");
    let args: Vec<&str> = auth.iter().map(String::as_str).collect();
    let (ok, said) = Client::spawn(client(&aws, &args, &endpoint, &client_id)).finish();
    assert!(!ok);
    assert!(
        said.contains("An error occurred (NotAuthorizedException) when calling the InitiateAuth operation: Incorrect username or password."),
        "{said}"
    );
    let screen = tmux.wait_for("the CLI's call", |s| s.contains("✗ NotAuthorizedException"));
    assert!(screen.contains("aws-cli/"), "the caller is named: {screen}");
    assert!(screen.contains("Call 1 of 1 · following"), "{screen}");
    assert!(screen.contains("no match (failed"), "{screen}");
    // The help lists serve's own keys; > moves the served clock an hour.
    tmux.send(&["?"]);
    let mut help = tmux.wait_for("the help", |s| s.contains("Keys — ? or Esc closes"));
    // The help is longer than the window: page down through it (serve's keys come last).
    let wanted = [
        "Watching your code's calls (cogflow serve)",
        "move the served clock 1 hour",
        "let the held call go on",
    ];
    for _ in 0..8 {
        if wanted.iter().all(|w| help.contains(w)) {
            break;
        }
        let before = tmux.capture();
        tmux.send(&["PageDown"]);
        let page = tmux.wait_for("the next page of help", |s| {
            s != before || s.contains("lines")
        });
        help.push_str(&page);
    }
    for words in wanted {
        assert!(help.contains(words), "no {words:?} in the help:\n{help}");
    }
    tmux.send(&["Escape"]);
    // Sent at once, Esc and > would read as Alt+>.
    tmux.wait_for("the help closed", |s| !s.contains("Keys — ? or Esc closes"));
    tmux.send(&[">"]);
    let moved = tmux.wait_for("the clock moved", |s| {
        s.contains("The clock moved forward 60 min")
    });
    assert!(moved.contains("(moved on purpose)"), "{moved}");
    tmux.send(&["C-c"]);
    assert_terminal_restored(&tmux);
    // One attempt: the CLI's default 5 back off ~7 s in all before saying the same words.
    let mut after = client(&aws, &args, &endpoint, &client_id);
    after.env("AWS_MAX_ATTEMPTS", "1");
    let (ok, said) = Client::spawn(after).finish();
    assert!(!ok);
    assert!(
        said.contains("Could not connect to the endpoint URL"),
        "{said}"
    );
}

/// Chromium's sign-in test (`test_browser_login.js`) set up against `cogflow serve ARGS
/// LESSON` in tmux, the hosted-UI lesson's callback listening: the live session, the
/// browser's command with the banner's endpoint and client, the callback and a work folder.
/// `None` when Chromium or tmux is not here (skipped, saying so).
struct BrowserLive {
    tmux: Tmux,
    endpoint: String,
    chromium: Command,
    callback: Callback,
    work: PathBuf,
}

fn browser_live(what: &str, args: &str) -> Option<BrowserLive> {
    let test = "test_browser_login.js";
    let browser = chromium(what)?;
    let only = Some("Chromium signs in on the served page");
    let mut chromium = browser_command(test, &browser, only)?;
    let callback = Callback::listen();
    let work = unique_dir("hosted-live");
    let scenario = browser_lesson(&work, &callback.url);
    let (tmux, endpoint, client_id) = live_session(&format!("{args} {}", shell_quote(&scenario)))?;
    chromium
        .env("COGFLOW_ENDPOINT", &endpoint)
        .env("COGFLOW_CLIENT_ID", &client_id)
        .env("COGFLOW_USER_POOL_ID", "us-east-1_HostedUi1")
        .env("COGFLOW_CALLBACK", &callback.url)
        .env("COGFLOW_SCREENSHOT", work.join("login.png"));
    Some(BrowserLive {
        tmux,
        endpoint,
        chromium,
        callback,
        work,
    })
}

#[test]
fn chromium_signs_in_while_the_live_view_shows_authorize_login_and_token_as_steps() {
    let Some(BrowserLive {
        tmux,
        endpoint,
        mut chromium,
        callback,
        work,
    }) = browser_live("serve/live (Chromium)", "")
    else {
        return;
    };
    // The waiting panel offers the hosted UI's sign-in URL too.
    let waiting = tmux.capture();
    assert!(waiting.contains("open this in a browser"), "{waiting}");
    assert!(
        waiting.contains(&format!("{endpoint}/oauth2/authorize?response_type=code")),
        "{waiting}"
    );
    let ran = chromium.output().unwrap();
    let report = String::from_utf8_lossy(&ran.stdout).into_owned();
    assert!(
        ran.status.success() && report.contains("\n# pass 1\n"),
        "{report}\n{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_eq!(callback.stop().len(), 1, "the browser reached the callback");
    let last = tmux.wait_for("the token exchange as the newest step", |s| {
        s.contains("POST /oauth2/token → HTTP 200") && s.contains("· following")
    });
    let calls: usize = last
        .split("Call ")
        .nth(1)
        .and_then(|rest| rest.split(" of ").next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{last}"));
    assert!(
        calls >= 5,
        "authorize, the page, two posts, the token: {last}"
    );
    // Every call of the browser and the app is a step: mode 3 lists them in order.
    tmux.send(&["3"]);
    let table = tmux.wait_for("mode 3", |s| s.contains("[3 Table]"));
    // Issue 15's notes quote this screen.
    eprintln!("{table}");
    let rows: Vec<&str> = [
        "Browser opens the hosted UI",
        "Browser loads the sign-in",
        "User signs in on the hosted",
        "App exchanges the code for",
    ]
    .into_iter()
    .filter(|row| !table.contains(row))
    .collect();
    assert!(rows.is_empty(), "missing {rows:?}:\n{table}");
    // Call 1 is the authorize request, its parameters explained one by one.
    tmux.send(&["1", ":", "1", "Enter"]);
    let first = tmux.wait_for("call 1 with its parameters explained", |s| {
        s.contains(&format!("Call 1 of {calls}"))
            && s.contains("The authorize request, parameter by parameter")
    });
    assert!(
        first.contains("GET /oauth2/authorize → HTTP 302"),
        "{first}"
    );
    assert!(
        first.contains("The authorize request, parameter by parameter"),
        "{first}"
    );
    assert!(first.contains("✓ response_type = code"), "{first}");
    // Mode 9 at the token exchange: the challenge sent at authorize beside Cognito's S256 of
    // the verifier the app sent, the same value.
    tmux.send(&["End", "9"]);
    // A live session names its frames by the call (the header counts calls).
    tmux.wait_for("mode 9", |s| s.contains("the PKCE values at call"));
    // The section is below the ID token's claims.
    tmux.send(&["Down"; 40]);
    let token = tmux.wait_for("mode 9 at the token exchange", |s| {
        s.contains("PKCE VALUES SO FAR, WHOLE") && s.contains("S256(code_verifier)")
    });
    eprintln!("{token}");
    let challenge = token
        .lines()
        .skip_while(|l| !l.contains("code_challenge BASE64URL"))
        .take(4)
        .find_map(|l| l.split('│').map(str::trim).find(|cell| cell.len() == 43))
        .unwrap_or_else(|| panic!("no challenge value:\n{token}"));
    assert_eq!(token.matches(challenge).count(), 2, "{token}");
    tmux.send(&["q"]);
    assert_terminal_restored(&tmux);
    let _ = std::fs::remove_dir_all(&work);
}

/// `--step` with a real browser: Chromium signs in through the served pages while the live
/// view holds each call at each phase; the browser waits (its process is still running)
/// until → lets the call go on.
#[test]
fn under_step_the_browser_waits_at_each_phase_until_right_in_the_live_view() {
    let Some(BrowserLive {
        tmux,
        mut chromium,
        callback,
        work,
        ..
    }) = browser_live("serve/live (Chromium, --step)", "--step")
    else {
        return;
    };
    chromium.stdout(Stdio::piped()).stderr(Stdio::piped());
    let client = std::cell::RefCell::new(Client::spawn(chromium));
    let running = || {
        let mut client = client.borrow_mut();
        client.0.as_mut().unwrap().try_wait().unwrap().is_none()
    };
    // Each hold: the screen says which call waits at which phase; the browser is still
    // running and has not reached the app's callback; → lets it go on.
    let mut holds = Vec::new();
    loop {
        let screen = tmux.wait_for("a held call, or the browser done", |s| {
            s.contains("held at “") || !running()
        });
        // "Call #N held at “phase”" on the status line.
        let Some(held) = screen.find("held at “").and_then(|at| {
            let start = screen[..at].rfind("Call #")?;
            let end = at + screen[at..].find('”')? + '”'.len_utf8();
            Some(screen[start..end].to_owned())
        }) else {
            break;
        };
        assert!(running(), "the browser waits while {held}:\n{screen}");
        assert!(screen.contains("→ lets it go on"), "{screen}");
        assert!(holds.len() < 60, "more holds than a sign-in has: {holds:?}");
        holds.push(held);
        tmux.send(&["Right"]);
        tmux.wait_for("the hold released", |s| {
            !s.contains(holds.last().unwrap().as_str())
        });
    }
    let (ok, report) = client.into_inner().finish();
    assert!(ok && report.contains("\n# pass 1\n"), "{report}");
    assert_eq!(callback.stop().len(), 1, "the browser reached the callback");
    // authorize, the page, the form post(s) and the token exchange, each at its phases.
    for phase in [
        "request received",
        "credentials checked",
        "response returned",
    ] {
        assert!(
            holds.iter().any(|h| h.contains(phase)),
            "no hold at {phase}: {holds:?}"
        );
    }
    let calls: std::collections::BTreeSet<&str> = holds
        .iter()
        .filter_map(|h| h.split_whitespace().nth(1))
        .collect();
    // authorize, GET /login, two posts (a wrong password, then the right one), the token.
    assert_eq!(calls.len(), 5, "{holds:?}");
    assert_eq!(
        holds.len(),
        3 * calls.len(),
        "three phases a call: {holds:?}"
    );
    eprintln!(
        "{} holds over {} calls: {holds:?}",
        holds.len(),
        calls.len()
    );
    tmux.send(&["q"]);
    assert_terminal_restored(&tmux);
    let _ = std::fs::remove_dir_all(&work);
}

/// `lab-first-sign-in` in the live view, driven by boto3 in two runs: the set-up, steps 1 and
/// 2 and a wrong sign-in (USER_SRP_AUTH), then the right sign-in and GetUser. The lab panel
/// shows step 3's expected call beside the wrong call with what differs and the hint it
/// earned; `y` writes the script so far to a file under COGFLOW_HOME, `Y` to the clipboard too;
/// the steps met are saved
/// and `results` exports them.
#[test]
fn boto3_completes_a_lab_in_the_live_view() {
    use super::labs::{lab_file, step_code};
    let Some(python) = python("serve/live (lab)") else {
        return;
    };
    let home = crate::support::TempHome::new("live-lab");
    let Some(tmux) = Tmux::session("serve --port 0 --seed 4 lab-first-sign-in")
        .home(home.path())
        .size(120, 40)
        .start()
    else {
        return;
    };
    let screen = tmux.wait_for("the lab panel", |s| {
        s.contains("Lab · step 1 of 4 waits") && s.contains("● serving")
    });
    assert!(screen.contains("No call yet. Paste these"), "{screen}");
    assert!(
        screen.contains("Sample · [Python] JavaScript AWS CLI"),
        "{screen}"
    );
    let endpoint = screen
        .split("● serving ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_owned();
    let file = lab_file("lab-first-sign-in");
    let setup = file.lab.as_ref().unwrap().code.python.clone().unwrap();
    let wrong = r#"
try:
    cognito.initiate_auth(AuthFlow="USER_SRP_AUTH", ClientId=CLIENT_ID,
                          AuthParameters={"USERNAME": "ana", "SRP_A": "2"})
except Exception as refused:
    print("refused:", refused)
"#;
    let run = |name: &str, parts: &[String]| {
        let path = home.join(name);
        std::fs::write(&path, parts.join("\n")).unwrap();
        let (ok, said) = Client::spawn(client(
            &python,
            &[path.to_str().unwrap()],
            &endpoint,
            "labfirstsignin0000000000a1",
        ))
        .finish();
        assert!(ok, "{name}: {said}");
    };
    run(
        "part1.py",
        &[
            setup.clone(),
            step_code(&file, "sign-up", "python"),
            step_code(&file, "confirm", "python"),
            wrong.to_owned(),
        ],
    );
    let waiting = tmux.wait_for("step 3 and the wrong call", |s| {
        s.contains("Lab · step 3 of 4 waits") && s.contains("✗ call #3 InitiateAuth")
    });
    let row = |text: &str| {
        waiting
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("no `{text}` in\n{waiting}"))
            .to_owned()
    };
    assert!(row("✓ 1 sign-up  ✓ 2 confirm  ▶ 3 sign-in").contains("· 4 get-user"));
    assert!(
        row("Step 3 waits for").contains("│ Calls received for step 3 (1)"),
        "side by side:\n{waiting}"
    );
    assert!(
        row("InitiateAuth with AuthFlow USER_PASSWORD_AUTH").contains("✗ call #3 InitiateAuth"),
        "{waiting}"
    );
    assert!(
        waiting.contains("AuthFlow is USER_SRP_AUTH; this step expects"),
        "{waiting}"
    );
    assert!(waiting.contains("Hints earned: 1 of 2"), "{waiting}");
    assert!(
        waiting.contains("1. InitiateAuth takes AuthFlow, ClientId and"),
        "{waiting}"
    );
    assert!(
        waiting.contains("AuthFlow=\"USER_PASSWORD_AUTH\","),
        "step 3's sample:\n{waiting}"
    );

    // y: the set-up and steps 1-3, as one script, in a file under the home.
    let copied = tmux.press("y", "the copy", |s| s.contains("Wrote "));
    let script = home.join("labs/lab-first-sign-in-step-3.py");
    assert!(
        copied.contains("lines (the set-up and steps 1-3)"),
        "{copied}"
    );
    let want = lab::sample(&file, "python", 3).unwrap();
    assert_eq!(std::fs::read_to_string(&script).unwrap(), want);
    // Y: the clipboard too (OSC 52; tmux keeps it as a paste buffer with set-clipboard on).
    let _ = tmux.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.press("Y", "the clipboard said", |s| {
        s.contains("to the clipboard (OSC 52")
    });
    let start = std::time::Instant::now();
    loop {
        let buffer = tmux.tmux(&["show-buffer"]);
        if String::from_utf8_lossy(&buffer.stdout) == want {
            break;
        }
        assert!(
            start.elapsed() < crate::support::DEADLINE,
            "tmux's buffer is not the script: {buffer:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    run(
        "part2.py",
        &[
            setup,
            step_code(&file, "sign-in", "python"),
            step_code(&file, "get-user", "python"),
        ],
    );
    let done = tmux.wait_for("the lab complete", |s| s.contains("Lab · complete"));
    assert!(
        done.contains("✓ 1 sign-up  ✓ 2 confirm  ✓ 3 sign-in  ✓ 4 get-user"),
        "{done}"
    );
    assert!(
        done.contains("call #4 InitiateAuth (2 calls, 1 hint)"),
        "{done}"
    );
    assert!(
        done.contains("✓ Lab complete: all 4 steps done (saved)"),
        "{done}"
    );
    // c: the calls themselves, as steps in the lesson's modes.
    let calls = tmux.press("c", "the calls", |s| {
        s.contains("Call 5 · GetUser → HTTP 200")
    });
    assert!(calls.contains("Call 5 of 5"), "{calls}");
    tmux.send(&["q"]);
    assert_terminal_restored(&tmux);

    let results = crate::support::cogflow(&["results", "--format", "json"])
        .home(home.path())
        .run();
    let rows: serde_json::Value = serde_json::from_str(&results.stdout).unwrap();
    let labs: Vec<(u64, u64, u64)> = rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "lab")
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap();
            (n("step"), n("attempt"), n("hints_used"))
        })
        .collect();
    assert_eq!(
        labs,
        [(1, 1, 0), (2, 1, 0), (3, 2, 1), (4, 1, 0)],
        "{}",
        results.stdout
    );
}

/// `--record` in a terminal opens the live view (no longer the plain log) and writes the
/// session's file however the view ends: q, or SIGTERM from outside.
#[test]
fn a_recording_keeps_the_live_view_and_is_written_on_q_and_on_sigterm() {
    let Some(python) = python("serve/live --record (AWS CLI)") else {
        return;
    };
    let aws = python.with_file_name("aws");
    let dir = unique_dir("live-record");
    for (ending, file) in [("q", "quit.toml"), ("SIGTERM", "term.toml")] {
        let file = dir.join(file);
        let args = format!("--record {}", shell_quote(&file));
        let Some((tmux, endpoint, client_id)) = live_session(&args) else {
            return;
        };
        let auth = cli_sign_in(&client_id, "pass123");
        let call: Vec<&str> = auth.iter().map(String::as_str).collect();
        let (ok, said) = Client::spawn(client(&aws, &call, &endpoint, &client_id)).finish();
        assert!(ok, "{said}");
        let screen = tmux.wait_for("the call in the live view", |s| {
            s.contains("Call 1 of 1 · following")
        });
        assert!(!screen.contains("--record has no live view"), "{screen}");
        match ending {
            "q" => tmux.send(&["q"]),
            _ => {
                let pid = tmux.program_pid().to_string();
                let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
                assert!(killed.success());
            }
        }
        assert_terminal_restored(&tmux);
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{ending}: no {}: {e}", file.display()));
        assert!(
            text.starts_with("# Recorded by `cogflow serve --record` from 1 calls."),
            "{ending}:\n{text}"
        );
        assert!(text.contains("action = \"sign_in\""), "{ending}:\n{text}");
        let after = tmux.capture();
        // Issue 16's notes quote this.
        eprintln!("{ending}:\n{after}\n{text}");
        assert!(
            after.contains(&format!(
                "cogflow serve: recorded 1 calls to {}",
                file.display()
            )),
            "{ending}: the terminal says where it went:\n{after}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
