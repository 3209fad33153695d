//! Real clients nobody here wrote (boto3, the AWS CLI, PyJWT, pycognito, Authlib,
//! amazon-cognito-identity-js) against the real binary: each `clients/tests/test_*.py` runs with
//! the venv `scripts/setup-clients.sh` installs, each `clients/tests/test_*.js` with `node --test`
//! and the npm packages it installs, against a `cogflow serve` of its own, and must pass.
//!
//! Without that venv, plain `cargo test` skips these and says so on the terminal; `scripts/test`
//! (the README's one test command, and CI's) installs it and sets `COGFLOW_CLIENTS=required`,
//! as CI's `CI` does, so there they can never be skipped.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use super::Served;

/// The venv's Python, or `None` (after saying so) when the clients are not installed.
pub(crate) fn python(test: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".cache/venv/bin/python");
    let installed = python.exists()
        && Command::new(&python)
            .args(["-c", "import boto3, jwt, awscli, pyotp, pycognito, authlib"])
            .output()
            .is_ok_and(|o| o.status.success());
    installed.then_some(python).or_else(|| {
        skipped(
            test,
            "boto3/awscli/PyJWT/pyotp/pycognito/authlib are not installed",
        )
    })
}

/// `node` and the npm packages' folder, or `None` (after saying so) when they are missing.
pub(super) fn node(test: &str) -> Option<(PathBuf, PathBuf)> {
    let modules = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".cache/npm/node_modules");
    let node = PathBuf::from("node");
    let installed = modules.join("amazon-cognito-identity-js").is_dir()
        && Command::new(&node)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    installed
        .then_some((node, modules))
        .or_else(|| skipped(test, "node or amazon-cognito-identity-js is not installed"))
}

/// Says a client test is skipped, or fails when the clients are required (CI, `scripts/test`).
fn skipped<T>(test: &str, why: &str) -> Option<T> {
    let required = std::env::var_os("CI").is_some()
        || std::env::var("COGFLOW_CLIENTS").is_ok_and(|v| v == "required");
    assert!(
        !required,
        "the real clients are required here but not installed ({why}): run scripts/setup-clients.sh"
    );
    // Straight to the terminal: libtest captures only print!/eprint!, and a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {why}; `scripts/test` installs them and runs every test"
    );
    None
}

/// Runs `clients/tests/{script}` against a fresh `cogflow serve ARGS`.
fn run_client_tests(script: &str, serve_args: &[&str]) {
    let Some(python) = python(script) else {
        return;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/tests");
    let mut command = Command::new(python);
    command.arg(dir.join(script)).current_dir(&dir);
    let (stderr, _) = run_against_serve(script, serve_args, command);
    assert!(stderr.contains("\nOK"), "{script} ran no test?\n{stderr}");
}

/// Runs `clients/tests/{script}` with `node --test` against a fresh `cogflow serve ARGS`, and
/// returns its TAP report (which must say `# fail 0`).
fn run_node_tests(script: &str, serve_args: &[&str]) -> String {
    let Some((node, modules)) = node(script) else {
        return String::new();
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/tests");
    let mut command = Command::new(node);
    command
        .arg("--test")
        .arg(dir.join(script))
        .current_dir(&dir)
        .env("NODE_PATH", modules);
    let (_, report) = run_against_serve(script, serve_args, command);
    assert!(report.contains("\n# fail 0"), "{script}:\n{report}");
    report
}

/// Runs `command` with the served endpoint's settings in its environment; it must succeed.
/// Returns its (stderr, stdout).
fn run_against_serve(script: &str, serve_args: &[&str], mut command: Command) -> (String, String) {
    let served = Served::start(serve_args);
    let env = [
        ("COGFLOW_ENDPOINT", "endpoint"),
        ("COGFLOW_REGION", "region"),
        ("COGFLOW_USER_POOL_ID", "user_pool_id"),
        ("COGFLOW_CLIENT_ID", "client_id"),
        ("COGFLOW_JWKS_URL", "jwks_url"),
        ("COGFLOW_ISSUER", "issuer"),
    ];
    // No AWS settings from the machine leak in (a real profile, a real endpoint).
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    for (var, key) in env {
        command.env(var, served.get(key));
    }
    // Every banner line, for tests that need more (e.g. `client_id.NAME`).
    let banner = serde_json::to_string(&served.banner).unwrap();
    command.env("COGFLOW_BANNER", banner);
    let ran = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&ran.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&ran.stdout).into_owned();
    assert!(ran.status.success(), "{script} failed:\n{stderr}\n{stdout}");
    (stderr, stdout)
}

#[test]
fn boto3_flows() {
    run_client_tests("test_boto3.py", &[]);
}

#[test]
fn boto3_lockout_and_the_clock() {
    run_client_tests("test_clock.py", &[]);
}

#[test]
fn boto3_legacy_client() {
    let legacy = crate::support::fixture("serve/legacy.toml");
    run_client_tests("test_legacy.py", &[&legacy]);
}

#[test]
fn boto3_set_up_calls_and_admin_flows() {
    run_client_tests("test_admin.py", &[]);
}

#[test]
fn aws_cli_exit_codes_and_error_text() {
    run_client_tests("test_cli.py", &[]);
}

#[test]
fn boto3_groups_authenticator_set_up_and_throttling_in_both_retry_modes() {
    run_client_tests("test_breadth.py", &[]);
}

#[test]
fn boto3_and_pyotp_set_up_required_mfa_from_the_mfa_setup_challenge() {
    run_client_tests("test_mfa_setup.py", &["mfa-setup"]);
}

#[test]
fn boto3_sends_a_secret_hash_the_client_computed_for_an_app_client_with_a_secret() {
    run_client_tests("test_client_secret.py", &["client-secret"]);
}

#[test]
fn pycognito_srp_sign_in_wrong_password_new_password_and_random_users_until_every_padding_case() {
    let srp = crate::support::fixture("serve/srp.toml");
    // pycognito checks the tokens' issuer against `<endpoint>/<pool>` when given an endpoint.
    run_client_tests("test_pycognito.py", &[&srp, "--issuer", "local"]);
}

#[test]
fn identity_js_srp_sign_in_wrong_password_new_password_and_random_users_until_every_padding_case() {
    let srp = crate::support::fixture("serve/srp.toml");
    let report = run_node_tests("test_identity_js.js", &[&srp]);
    if !report.is_empty() {
        assert!(report.contains("\n# pass 4\n"), "{report}");
    }
}

#[test]
fn authlib_code_with_pkce_refresh_user_info_and_client_credentials() {
    run_client_tests("test_hosted.py", &["hosted-ui-pkce"]);
}

/// Chromium for the hosted-UI browser test: `CHROMIUM`, else `chromium` on PATH; `None`
/// (after saying so) without one, except where a browser is required (CI, `.ci/run` having
/// installed it: `COGFLOW_BROWSER=required`). `COGFLOW_BROWSER=skip` is `.ci/run` saying it
/// could not install one.
pub(super) fn chromium(test: &str) -> Option<PathBuf> {
    let wanted = std::env::var("COGFLOW_BROWSER").unwrap_or_default();
    let found = std::env::var_os("CHROMIUM").map(PathBuf::from).or_else(|| {
        let out = Command::new("sh")
            .args(["-c", "command -v chromium"])
            .output()
            .ok()?;
        let path = String::from_utf8(out.stdout).ok()?;
        (out.status.success() && !path.trim().is_empty()).then(|| PathBuf::from(path.trim()))
    });
    let required = wanted == "required" || (std::env::var_os("CI").is_some() && wanted != "skip");
    match found {
        Some(path) if wanted != "skip" => Some(path),
        _ => {
            assert!(
                !required,
                "{test}: Chromium is required here (.ci/run installs it)"
            );
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: no Chromium (apt-get install chromium, or set CHROMIUM)"
            );
            None
        }
    }
}

/// An app's callback on a free loopback port, held by the test: each redirect really arrives
/// somewhere and the code is read off the request line, as an app's server would. It answers
/// every request until stopped ([`Callback::stop`], or on drop, so a failing assert never
/// leaves its thread waiting).
pub(super) struct Callback {
    /// `http://localhost:PORT/callback`.
    pub url: String,
    port: u16,
    thread: Option<std::thread::JoinHandle<Vec<String>>>,
}

impl Callback {
    pub fn listen() -> Self {
        use std::io::{BufRead, BufReader};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let thread = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { break };
                let mut request_line = String::new();
                let _ = BufReader::new(&stream).read_line(&mut request_line);
                let page = "<!doctype html><title>callback</title><p>back in the app</p>";
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                    page.len()
                );
                if request_line.starts_with("GET /stop ") {
                    break;
                }
                // The browser also asks the callback's host for /favicon.ico: not a redirect.
                if request_line.starts_with("GET /callback") {
                    lines.push(request_line);
                }
            }
            lines
        });
        Self {
            url: format!("http://localhost:{port}/callback"),
            port,
            thread: Some(thread),
        }
    }

    /// Stops listening; the request line of every redirect that arrived, in order.
    pub fn stop(mut self) -> Vec<String> {
        self.finish()
    }

    fn finish(&mut self) -> Vec<String> {
        let Some(thread) = self.thread.take() else {
            return Vec::new();
        };
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port))
            .and_then(|mut s| write!(s, "GET /stop HTTP/1.1\r\nHost: x\r\n\r\n"));
        thread.join().unwrap_or_default()
    }
}

impl Drop for Callback {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The `hosted-ui-pkce` lesson written to `dir/hosted.toml` with `callback` registered in
/// place of its fixed one, and two users for the challenge pages (a temporary password, an
/// authenticator app). Returns its path.
pub(super) fn browser_lesson(dir: &std::path::Path, callback: &str) -> PathBuf {
    let lesson = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/hosted-ui-pkce.toml"),
    )
    .unwrap()
    .replace("http://localhost:9876/callback", callback);
    let users = "
[[pool.users]]
username = \"fran\"
password = \"Temp-Pass-42!\"
email = \"fran@example.com\"
status = \"FORCE_CHANGE_PASSWORD\"

[[pool.users]]
username = \"sam\"
password = \"Quiet-River-58!\"
email = \"sam@example.com\"
totp = true
";
    std::fs::create_dir_all(dir).unwrap();
    let scenario = dir.join("hosted.toml");
    std::fs::write(&scenario, lesson + users).unwrap();
    scenario
}

/// `node --test clients/tests/{test}` with puppeteer-core and Chromium (only the tests whose
/// name matches `only`, when given), the callback and the served endpoint's settings still to
/// be set.
pub(super) fn browser_command(
    test: &str,
    browser: &std::path::Path,
    only: Option<&str>,
) -> Option<Command> {
    let (node, modules) = node(test)?;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/tests");
    let mut command = Command::new(node);
    command.arg("--test");
    if let Some(pattern) = only {
        command.arg(format!("--test-name-pattern={pattern}"));
    }
    command
        .arg(dir.join(test))
        .current_dir(&dir)
        .env("NODE_PATH", modules)
        .env("CHROMIUM", browser);
    Some(command)
}

#[test]
fn chromium_signs_in_through_the_served_page_and_the_code_is_redeemed_with_pkce() {
    let test = "test_browser_login.js";
    let Some(browser) = chromium(test) else {
        return;
    };
    let Some(mut command) = browser_command(test, &browser, None) else {
        return;
    };
    let callback = Callback::listen();
    let work = crate::support::unique_dir("hosted-browser");
    let scenario = browser_lesson(&work, &callback.url);
    let shot = work.join("login.png");
    command
        .env("COGFLOW_CALLBACK", &callback.url)
        .env("COGFLOW_SCREENSHOT", &shot);
    let (_, report) = run_against_serve(test, &[scenario.to_str().unwrap()], command);
    let request_lines = callback.stop();
    assert!(
        report.contains("\n# pass 3\n") && report.contains("\n# fail 0"),
        "{report}"
    );
    // Each sign-in (password, new password, authenticator code) ended at the callback.
    assert_eq!(request_lines.len(), 3, "{request_lines:?}");
    let code = std::fs::read_to_string(work.join("code.txt")).unwrap();
    assert!(
        request_lines[0].starts_with(&format!("GET /callback?code={code}&state=")),
        "{request_lines:?}"
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 1000,
        "{} bytes",
        png.len()
    );
    let _ = std::fs::remove_dir_all(&work);
}
