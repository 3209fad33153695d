//! The engine's own tests: small lessons written inline, run with real (cheap) argon2id and real
//! RS256 keys. Whole built-in lessons are tested from `tests/it/lessons.rs`.

use super::call::Call;
use super::record::{Latest, Recorder};
use super::setup::Setup;
use super::*;
use crate::cognito::{Argon2Params, CodeKind};
use crate::flow::frame::{Outcome, Verification};
use crate::scenario::model::Action;
use crate::scenario::{Origin, load};

/// A lesson over a pool with user `ana` (password `Correct-Horse-42`), the password flow on,
/// and `steps` (TOML `[[steps]]` tables, and any `[[variants]]` after them).
fn lesson(steps: &str) -> Scenario {
    let src = format!(
        r#"format_version = 1
[scenario]
id = "t"
title = "T"
track = ["username", "password", "authStatus", "token", "code", "lastError"]
[pool]
auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
[[pool.users]]
username = "ana"
password = "Correct-Horse-42"
email = "ana@example.com"
{steps}"#
    );
    load("t.toml", src.as_bytes(), Origin::Path("t.toml".into())).unwrap_or_else(|e| panic!("{e}"))
}

/// Every frame of `variant` (or the main path), with cheap argon2.
fn frames(scenario: &Scenario, variant: Option<&str>) -> Vec<Frame> {
    let mut setup = match variant {
        None => Setup::main(&scenario.file),
        Some(id) => Setup::variant(&scenario.file, id).unwrap(),
    };
    setup.config.argon2 = Argon2Params::cheap_for_tests();
    Runner::from_setup(setup, 7).unwrap().finish().frames
}

fn step(action: &str, extra: &str) -> String {
    format!("[[steps]]\naction = \"{action}\"\nexplain = \"x\"\n{extra}\n")
}

fn operations(frames: &[Frame]) -> Vec<(Action, Option<&str>, String)> {
    frames
        .iter()
        .map(|f| {
            (
                f.action,
                f.api.as_ref().map(|a| a.operation.as_str()),
                f.field("outcome").unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_phased_sign_in_shows_each_phase_and_the_checks_once() {
    let run = frames(
        &lesson(
            &[
                step("enter_credentials", ""),
                step("send_credentials", ""),
                step("verify_credentials", ""),
                step("return_result", ""),
                step("grant_access", ""),
            ]
            .concat(),
        ),
        None,
    );
    let outcomes: Vec<String> = run.iter().map(|f| f.field("outcome").unwrap()).collect();
    assert_eq!(
        outcomes,
        ["none", "pending", "success", "success", "success"]
    );
    let checked: Vec<usize> = run.iter().map(|f| f.cognito_checks.len()).collect();
    assert!(checked[2] > 3 && checked[3] == 0, "{checked:?}");
    assert_eq!(run[1].api.as_ref().unwrap().status, None);
    assert_eq!(run[3].api.as_ref().unwrap().status, Some(200));
    assert_eq!(run[4].vars.value("authStatus"), "authenticated");
    assert_eq!(
        run[4].verification.as_ref().map(Verification::passed),
        Some(true)
    );
}

#[test]
fn return_result_runs_a_skipped_check_phase() {
    let run = frames(
        &lesson(&[step("send_credentials", ""), step("return_result", "")].concat()),
        None,
    );
    assert!(!run[1].cognito_checks.is_empty());
    assert!(run[1].tokens.id.is_some());
}

#[test]
fn error_steps_apply_only_after_an_error() {
    let scenario = lesson(
        &[
            step("sign_in", ""),
            step("show_error", "when = \"error\""),
            step("grant_access", "when = \"success\""),
            "[[variants]]\nid = \"wrong\"\ntitle = \"W\"\nset = { password = \"nope\" }\n"
                .to_owned(),
        ]
        .concat(),
    );
    let main = frames(&scenario, None);
    assert_eq!(operations(&main).len(), 2);
    assert_eq!(main[1].action, Action::GrantAccess);
    let wrong = frames(&scenario, Some("wrong"));
    assert_eq!(wrong[1].action, Action::ShowError);
    assert_eq!(
        wrong[0].row.response,
        "NotAuthorizedException: Incorrect username or password."
    );
    assert_eq!(wrong[1].vars.value("authStatus"), "error");
    assert_eq!(wrong[1].row.input, "Error");
}

#[test]
fn every_operation_is_made_and_recorded() {
    let run = frames(
        &lesson(
            &[
                step("sign_up", "username = \"bob\"\npassword = \"Other-Horse-42\"\nemail = \"bob@example.com\""),
                step("resend_confirmation_code", "username = \"bob\""),
                step("confirm_sign_up", "username = \"bob\""),
                step("sign_in", ""),
                step("get_user", ""),
                step("refresh_tokens", ""),
                step("global_sign_out", ""),
                step("revoke_token", ""),
                step("forgot_password", ""),
                step("confirm_forgot_password", "new_password = \"New-Horse-42\""),
                step("admin_disable_user", ""),
                step("admin_enable_user", ""),
                step("admin_create_user", "username = \"cy\"\nemail = \"cy@example.com\""),
                step("advance_clock", "duration = \"61m\""),
                step("verify_token", "token = \"access\""),
            ]
            .concat(),
        ),
        None,
    );
    let want = [
        (Action::SignUp, Some("SignUp"), "success"),
        (
            Action::ResendConfirmationCode,
            Some("ResendConfirmationCode"),
            "success",
        ),
        (Action::ConfirmSignUp, Some("ConfirmSignUp"), "success"),
        (Action::SignIn, Some("InitiateAuth"), "success"),
        (Action::GetUser, Some("GetUser"), "success"),
        (Action::RefreshTokens, Some("InitiateAuth"), "success"),
        (Action::GlobalSignOut, Some("GlobalSignOut"), "success"),
        (Action::RevokeToken, Some("RevokeToken"), "success"),
        (Action::ForgotPassword, Some("ForgotPassword"), "success"),
        (
            Action::ConfirmForgotPassword,
            Some("ConfirmForgotPassword"),
            "success",
        ),
        (
            Action::AdminDisableUser,
            Some("AdminDisableUser"),
            "success",
        ),
        (Action::AdminEnableUser, Some("AdminEnableUser"), "success"),
        (Action::AdminCreateUser, Some("AdminCreateUser"), "success"),
        (Action::AdvanceClock, None, "none"),
        (Action::VerifyToken, None, "error:TokenRejected"),
    ];
    let got = operations(&run);
    let got: Vec<(Action, Option<&str>, &str)> =
        got.iter().map(|(a, o, r)| (*a, *o, r.as_str())).collect();
    assert_eq!(got, want);
    // What the answers changed: delivered codes, the signed-out state, the temporary password.
    assert!(
        run[0].row.response.starts_with("Code sent to b"),
        "{}",
        run[0].row.response
    );
    assert_eq!(run[2].vars.value("code"), run[1].vars.value("code"));
    assert_eq!(run[4].row.response, "User attributes (3)");
    assert!(run[5].notes[0].contains("no new refresh token"));
    assert_eq!(run[6].vars.value("authStatus"), "signed out");
    assert_eq!(run[7].vars.value("authStatus"), "refresh revoked");
    assert_ne!(
        run[12].vars.value("password"),
        run[11].vars.value("password")
    );
    assert!(run[14].row.result.contains("rejected"), "{:?}", run[14].row);
}

#[test]
fn challenges_are_opened_and_answered_with_their_session() {
    let scenario = lesson(
        &[
            step(
                "admin_create_user",
                "username = \"cy\"\nemail = \"cy@example.com\"",
            ),
            step("sign_in", ""),
            step(
                "answer_new_password",
                "when = \"challenge:NEW_PASSWORD_REQUIRED\"\nnew_password = \"Fresh-Horse-42\"",
            ),
        ]
        .concat(),
    );
    let run = frames(&scenario, None);
    assert_eq!(
        run[1].field("outcome").unwrap(),
        "challenge:NEW_PASSWORD_REQUIRED"
    );
    assert_eq!(run[1].vars.value("authStatus"), "challenge");
    let answer = run[2].api.as_ref().unwrap();
    assert_eq!(answer.operation, "RespondToAuthChallenge");
    assert_eq!(
        answer.request.as_ref().unwrap()["ChallengeResponses"]["USERNAME"],
        "cy"
    );
    assert!(run[2].tokens.id.is_some());
    assert_eq!(run[2].vars.value("authStatus"), "token issued");
}

#[test]
fn a_variant_overrides_what_every_step_types() {
    let scenario = lesson(
        &[
            step("enter_credentials", ""),
            step("send_credentials", ""),
            step("return_result", ""),
            "[[variants]]\nid = \"other\"\ntitle = \"O\"\nset = { username = \"nobody\", password = \"Any-Pass-1\" }\n".to_owned(),
        ]
        .concat(),
    );
    let run = frames(&scenario, Some("other"));
    assert_eq!(run[0].vars.value("username"), "nobody");
    let sent = run[1].api.as_ref().unwrap().request.as_ref().unwrap();
    assert_eq!(sent["AuthParameters"]["PASSWORD"], "Any-Pass-1");
    assert_eq!(
        run[2].field("outcome").unwrap(),
        "error:NotAuthorizedException"
    );
    assert_eq!(run[2].vars.value("authStatus"), "rejected");
}

#[test]
fn frames_are_numbered_in_run_order_and_keep_their_file_index() {
    let scenario = lesson(
        &[
            step("sign_in", ""),
            step("show_error", "when = \"error\""),
            step("narrate", ""),
        ]
        .concat(),
    );
    let run = frames(&scenario, None);
    let places: Vec<(usize, usize)> = run.iter().map(|f| (f.number, f.step_index)).collect();
    assert_eq!(places, [(1, 0), (2, 2)]);
}

#[test]
fn a_call_made_elsewhere_becomes_the_same_frame() {
    // What `cogflow serve` does: a call its learner made, recorded on the pool it went to.
    let scenario = lesson("[[steps]]\naction = \"narrate\"\nexplain = \"x\"\n");
    let mut setup = Setup::main(&scenario.file);
    setup.config.argon2 = Argon2Params::cheap_for_tests();
    let (mut pool, _) = setup.build(7).unwrap();
    let mut recorder = Recorder::new(&pool, setup.tracked.clone(), Some(("ana", None)));
    let request = cognito::InitiateAuthRequest::user_password(pool.client_id(), "ana", "wrong");
    let result = pool.initiate_auth(request.clone());
    let call = Call {
        operation: "InitiateAuth".to_owned(),
        request: serde_json::to_value(&request).unwrap(),
        result: result.map(|r| serde_json::to_value(r).unwrap()),
        checks: Vec::new(),
        srp: None,
    };
    assert_eq!(call.action(), Some(Action::SignIn));
    assert_eq!(call.subject(), Some("ana"));
    let frame = recorder.frame_from_call(&mut pool, call);
    assert_eq!(frame.number, 1);
    assert_eq!(frame.row.action, "App signs the user in (InitiateAuth)");
    assert_eq!(frame.row.result, "No token issued");
    assert_eq!(frame.vars.value("authStatus"), "rejected");
    assert_eq!(frame.vars.value("failedAttempts"), "1");
    assert!(
        matches!(recorder.latest(), Latest::Error { exception, .. } if exception == "NotAuthorizedException")
    );

    let signed_up = cognito::SignUpRequest {
        secret_hash: None,
        client_id: pool.client_id().to_owned(),
        username: "dee".to_owned(),
        password: "Correct-Horse-42".to_owned(),
        user_attributes: vec![cognito::AttributeType::new("email", "dee@example.com")],
    };
    let result = pool.sign_up(signed_up.clone());
    let call = Call {
        operation: "SignUp".to_owned(),
        request: serde_json::to_value(&signed_up).unwrap(),
        result: result.map(|r| serde_json::to_value(r).unwrap()),
        checks: Vec::new(),
        srp: None,
    };
    let frame = recorder.frame_from_call(&mut pool, call);
    assert_eq!(frame.number, 2);
    assert_eq!(frame.outcome, Outcome::Success);
    assert_eq!(
        frame.vars.value("code"),
        pool.last_code("dee", CodeKind::SignUp).unwrap()
    );
    let unknown = Call {
        operation: "ListUsers".to_owned(),
        request: serde_json::json!({}),
        result: Ok(serde_json::json!({"Users": []})),
        checks: Vec::new(),
        srp: None,
    };
    let row = recorder.frame_from_call(&mut pool, unknown).row;
    assert_eq!(
        (
            row.action.as_str(),
            row.response.as_str(),
            row.result.as_str()
        ),
        ("ListUsers", "Answered", "Done")
    );
    // The hosted sign-in page a browser loads is no lesson action; its row says what it is.
    let page = Call {
        operation: "GET /login".to_owned(),
        request: serde_json::json!({"client_id": pool.client_id()}),
        result: Ok(serde_json::json!({"page": "sign-in"})),
        checks: Vec::new(),
        srp: None,
    };
    let row = recorder.frame_from_call(&mut pool, page).row;
    assert_eq!(
        [row.action, row.input, row.response, row.result],
        [
            "Browser loads the sign-in page (GET /login)",
            "client_id, redirect_uri, state",
            "The sign-in page (HTML)",
            "Sign-in form shown",
        ]
    );
}

#[test]
fn an_unknown_variant_lists_the_known_ones() {
    let scenario = crate::scenario::resolve(None).unwrap();
    let Err(error) = Runner::new(&scenario, Some("nope"), 1) else {
        panic!("an unknown variant ran");
    };
    assert!(
        error
            .to_string()
            .ends_with("its variants: wrong-password, unknown-user, password-flow-off"),
        "{error}"
    );
}
