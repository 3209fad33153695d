//! The built-in labs completed by real clients: each lab's own Python sample (boto3) and
//! JavaScript sample (amazon-cognito-identity-js on Node), exactly as the file gives them to the
//! learner, run against `cogflow serve LAB --plain`; the log must say `✓ Step N` for every step
//! in order. The boto3 run of lab-first-sign-in makes a wrong call first, which the log shows
//! with what differs and the step's first hint; the steps met are then exported by `results`.

use std::path::{Path, PathBuf};
use std::process::Command;

use cogflow::flow::lab;
use cogflow::scenario::{self, ScenarioFile};

use super::Served;
use super::clients::{node, python};
use crate::support::{TempHome, cogflow};

pub(super) fn lab_file(id: &str) -> ScenarioFile {
    scenario::resolve(Some(id)).unwrap().file
}

/// The part of step `id`'s sample in `language`.
pub(super) fn step_code(file: &ScenarioFile, id: &str, language: &str) -> String {
    let step = file
        .steps
        .iter()
        .find(|s| s.id.as_deref() == Some(id))
        .unwrap();
    let code = &step.expect.as_ref().unwrap().code;
    let (_, text) = code
        .languages()
        .into_iter()
        .find(|(name, _)| *name == language)
        .unwrap();
    text.to_owned()
}

/// Runs `program` (a file `name` in `dir`) with `interpreter` against `served`; it must succeed.
fn run_program(served: &Served, interpreter: &mut Command, dir: &Path, name: &str, program: &str) {
    let path = dir.join(name);
    std::fs::write(&path, program).unwrap();
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") {
            interpreter.env_remove(key);
        }
    }
    let ran = interpreter
        .arg(&path)
        .current_dir(dir)
        .env(
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            served.endpoint(),
        )
        .output()
        .unwrap();
    assert!(
        ran.status.success(),
        "{name} failed:\n{}\n{}\n--- the program:\n{program}",
        String::from_utf8_lossy(&ran.stderr),
        String::from_utf8_lossy(&ran.stdout)
    );
}

/// The lab's log, read until it says the lab is complete; every step is met in order.
fn completed_in_order(served: &mut Served, steps: usize) -> Vec<String> {
    let log = served.log_until(|log| log.iter().any(|l| l.starts_with("✓ Lab complete")));
    let met: Vec<&String> = log.iter().filter(|l| l.starts_with("✓ Step ")).collect();
    let want: Vec<String> = (1..=steps)
        .map(|n| format!("✓ Step {n}/{steps} "))
        .collect();
    assert_eq!(met.len(), steps, "{log:#?}");
    for (line, prefix) in met.iter().zip(&want) {
        assert!(
            line.starts_with(prefix.as_str()),
            "{line} is not {prefix}: {log:#?}"
        );
    }
    log
}

/// A folder for a Node program whose `node_modules` are the installed npm packages (ES
/// modules resolve packages from the file's own folder, not from NODE_PATH).
fn node_dir(home: &TempHome, modules: &Path) -> PathBuf {
    let dir = home.join("node");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(modules, dir.join("node_modules")).unwrap();
    dir
}

#[test]
fn boto3_completes_lab_first_sign_in_after_a_wrong_call() {
    let Some(python) = python("lab-first-sign-in (boto3)") else {
        return;
    };
    let home = TempHome::new("lab-boto3");
    let file = lab_file("lab-first-sign-in");
    let setup = file.lab.as_ref().unwrap().code.python.clone().unwrap();
    let wrong = r#"
try:
    cognito.initiate_auth(
        AuthFlow="USER_SRP_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"USERNAME": "ana", "SRP_A": "2"},
    )
except Exception as refused:
    print("refused:", refused)
"#;
    let program = [
        setup,
        step_code(&file, "sign-up", "python"),
        step_code(&file, "confirm", "python"),
        wrong.to_owned(),
        step_code(&file, "sign-in", "python"),
        step_code(&file, "get-user", "python"),
    ]
    .join("\n");
    let mut served = Served::start_in(&["lab-first-sign-in"], Some(home.path()));
    run_program(
        &served,
        &mut Command::new(python),
        home.path(),
        "lab.py",
        &program,
    );
    let log = completed_in_order(&mut served, 4);
    let waiting = log.iter().filter(|l| l.starts_with("Waiting: ")).count();
    assert_eq!(waiting, 4, "{log:#?}");
    assert!(log.contains(
        &"Waiting: Step 3/4 sign-in: InitiateAuth with AuthFlow USER_PASSWORD_AUTH for ana, answered with success".to_owned()
    ), "{log:#?}");
    // The wrong call, between step 2 met and step 3 met: what differs, then hint 1.
    let at = log
        .iter()
        .position(|l| l.starts_with("✗ Step 3/4 sign-in is not met by call #3 InitiateAuth: "))
        .unwrap_or_else(|| panic!("{log:#?}"));
    assert!(
        log[at].contains("AuthFlow is USER_SRP_AUTH; this step expects USER_PASSWORD_AUTH"),
        "{}",
        log[at]
    );
    assert!(
        log[at + 1].starts_with("  your request: {\"AuthFlow\":\"USER_SRP_AUTH\""),
        "{}",
        log[at + 1]
    );
    assert_eq!(
        log[at + 2],
        "  Hint 1 of 2: InitiateAuth takes AuthFlow, ClientId and AuthParameters."
    );
    let met_3 = log
        .iter()
        .position(|l| l.starts_with("✓ Step 3/4"))
        .unwrap();
    assert!(met_3 > at);
    assert!(
        log[met_3].ends_with("met (2 calls, 1 hint)"),
        "{}",
        log[met_3]
    );
    drop(served.stop());

    // The steps met are the learner's progress: `results` exports one lab row per step.
    let results = cogflow(&["results", "--format", "json"])
        .home(home.path())
        .run();
    assert_eq!(results.code, 0, "{}", results.stderr);
    let json: serde_json::Value = serde_json::from_str(&results.stdout).unwrap();
    let rows: Vec<&serde_json::Value> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "lab")
        .collect();
    let steps: Vec<(u64, u64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["step"].as_u64().unwrap(),
                r["attempt"].as_u64().unwrap(),
                r["hints_used"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(steps, vec![(1, 1, 0), (2, 1, 0), (3, 2, 1), (4, 1, 0)]);
    assert!(rows.iter().all(|r| r["scenario_id"] == "lab-first-sign-in"));
}

#[test]
fn boto3_completes_lab_tokens() {
    let Some(python) = python("lab-tokens (boto3)") else {
        return;
    };
    let home = TempHome::new("lab-tokens-boto3");
    let file = lab_file("lab-tokens");
    let program = lab::program(&file, "python").unwrap();
    let mut served = Served::start_in(&["lab-tokens", "--no-save"], Some(home.path()));
    run_program(
        &served,
        &mut Command::new(python),
        home.path(),
        "lab.py",
        &program,
    );
    let log = completed_in_order(&mut served, 7);
    assert!(
        log.iter()
            .any(|l| l.starts_with("✓ Step 3/7 later: met (no call")),
        "{log:#?}"
    );
}

#[test]
fn node_completes_lab_first_sign_in() {
    run_node_lab("lab-first-sign-in", 4);
}

#[test]
fn node_completes_lab_tokens() {
    run_node_lab("lab-tokens", 7);
}

fn run_node_lab(id: &str, steps: usize) {
    let Some((node, modules)) = node(&format!("{id} (identity-js)")) else {
        return;
    };
    let home = TempHome::new("lab-node");
    let program = lab::program(&lab_file(id), "javascript").unwrap();
    let dir = node_dir(&home, &modules);
    let mut served = Served::start_in(&[id, "--no-save"], Some(home.path()));
    run_program(&served, &mut Command::new(node), &dir, "lab.mjs", &program);
    let log = completed_in_order(&mut served, steps);
    assert!(
        !log.iter().any(|l| l.starts_with("✗ ")),
        "the sample made a call no step expects: {log:#?}"
    );
}
