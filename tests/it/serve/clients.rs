//! Real clients nobody here wrote (boto3, the AWS CLI, PyJWT) against the real binary: each
//! `clients/tests/test_*.py` runs with the venv `scripts/setup-clients.sh` installs, against a
//! `cogflow serve` of its own, and must pass.
//!
//! Without that venv, plain `cargo test` skips these and says so on the terminal; `scripts/test`
//! (the README's one test command, and CI's) installs it and sets `COGFLOW_CLIENTS=required`,
//! as CI's `CI` does, so there they can never be skipped.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use super::Served;

/// The venv's Python, or `None` (after saying so) when the clients are not installed.
fn python(test: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".cache/venv/bin/python");
    let installed = python.exists()
        && Command::new(&python)
            .args(["-c", "import boto3, jwt, awscli"])
            .output()
            .is_ok_and(|o| o.status.success());
    if installed {
        return Some(python);
    }
    let required = std::env::var_os("CI").is_some()
        || std::env::var("COGFLOW_CLIENTS").is_ok_and(|v| v == "required");
    assert!(
        !required,
        "the real clients are required here but not installed: run scripts/setup-clients.sh"
    );
    // Straight to the terminal: libtest captures only print!/eprint!, and a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: boto3/awscli/PyJWT are not installed; `scripts/test` installs them and runs every test"
    );
    None
}

/// Runs `clients/tests/{script}` against a fresh `cogflow serve ARGS`.
fn run_client_tests(script: &str, serve_args: &[&str]) {
    let Some(python) = python(script) else {
        return;
    };
    let served = Served::start(serve_args);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/tests");
    let env = [
        ("COGFLOW_ENDPOINT", "endpoint"),
        ("COGFLOW_REGION", "region"),
        ("COGFLOW_USER_POOL_ID", "user_pool_id"),
        ("COGFLOW_CLIENT_ID", "client_id"),
        ("COGFLOW_JWKS_URL", "jwks_url"),
        ("COGFLOW_ISSUER", "issuer"),
    ];
    let mut command = Command::new(python);
    command.arg(dir.join(script)).current_dir(&dir);
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
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert!(
        ran.status.success(),
        "{script} failed:\n{stderr}\n{}",
        String::from_utf8_lossy(&ran.stdout)
    );
    assert!(stderr.contains("\nOK"), "{script} ran no test?\n{stderr}");
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
