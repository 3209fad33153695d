//! The built-in lessons beyond the seed's: each one's main path and every variant run through
//! the real engine (real argon2id, real RS256) with a fixed seed, asserting the rows and values
//! the lesson's teaching depends on; plus every built-in passing `cogflow check` and showing in
//! `cogflow list` through the real binary.

use std::collections::BTreeSet;

use cogflow::cognito::decode_unverified;
use cogflow::flow::{self, Frame, Outcome, Run};
use cogflow::scenario::{self, Scenario};

use crate::support::{Ran, TempHome, cogflow};

/// The lessons of issue 17 (MFA set-up, groups, email sign-in, client secret, triggers, token
/// checks, forgot password), one test each for what its teaching depends on.
mod breadth;

/// Not the seed `cogflow check` uses (1): the lessons' teaching must hold for any seed.
const SEED: u64 = 7;

fn lesson(id: &str) -> Scenario {
    crate::support::keep_keys();
    scenario::resolve(Some(id)).unwrap_or_else(|e| panic!("built-in `{id}` loads: {e:?}"))
}

/// The run, computed once for the test binary (`support::lesson_run`).
fn run(id: &str, variant: Option<&str>) -> std::sync::Arc<Run> {
    crate::support::lesson_run(id, variant, SEED)
}

/// The Cognito Response column, one entry per run step.
fn responses(run: &Run) -> Vec<&str> {
    run.frames.iter().map(|f| f.row.response.as_str()).collect()
}

/// The file step ids of the steps that applied, in order.
fn path(run: &Run) -> Vec<&str> {
    run.frames
        .iter()
        .map(|f| f.step_id.as_deref().unwrap_or("?"))
        .collect()
}

/// Run step `n` (1-based, as displayed).
fn step(run: &Run, n: usize) -> &Frame {
    &run.frames[n - 1]
}

fn var<'r>(frame: &'r Frame, name: &str) -> &'r str {
    frame.vars.value(name)
}

/// The JWT payload of `token`, decoded (the signature is checked elsewhere, by `grant_access`
/// and `verify_token` steps against the JWKS).
fn claims(token: &str) -> serde_json::Value {
    decode_unverified(token).expect("a JWT").1
}

/// The request the step sent, as Cognito received it.
fn request_body(frame: &Frame) -> &serde_json::Value {
    frame
        .api
        .as_ref()
        .and_then(|a| a.request.as_ref())
        .expect("the step made a call")
}

/// The claims of the ID token the app holds after the step.
fn id_claims(frame: &Frame) -> serde_json::Value {
    claims(frame.tokens.id.as_ref().expect("an ID token"))
}

/// The app's offline checks of the step's token all passed.
fn verified(frame: &Frame) -> bool {
    frame
        .verification
        .as_ref()
        .expect("the step checked a token")
        .passed()
}

fn response_body(frame: &Frame) -> &serde_json::Value {
    frame
        .api
        .as_ref()
        .and_then(|a| a.response.as_ref())
        .expect("the step made a call that was answered")
}

// ---- first-sign-in ---------------------------------------------------------------------------

/// What of a frame does not depend on the bytes cryptography makes: which step, what was
/// called and answered, what Cognito checked and how that came out, which cryptography ran.
fn shape(frame: &Frame) -> impl PartialEq + std::fmt::Debug + use<> {
    let checks = |checks: &[flow::Check]| -> Vec<(String, bool)> {
        checks.iter().map(|c| (c.name.clone(), c.passed)).collect()
    };
    (
        (frame.number, frame.step_index, frame.step_id.clone()),
        (frame.action, frame.row.clone()),
        (
            frame.outcome.clone(),
            frame.node.clone(),
            frame.path.clone(),
        ),
        (checks(&frame.cognito_checks), frame.clock),
        // Values as long as the real ones: panels are sized by the layout's.
        frame
            .vars
            .0
            .iter()
            .map(|v| (v.name, v.value.chars().count()))
            .collect::<Vec<_>>(),
        frame.verification.as_ref().map(|v| checks(&v.checks)),
        frame
            .token_checks
            .iter()
            .map(|v| checks(&v.checks))
            .collect::<Vec<_>>(),
        frame
            .crypto
            .iter()
            .map(|c| c.operation.clone())
            .collect::<Vec<_>>(),
    )
}

/// A run is laid out before it is computed (`flow::lay_out`: the same mock with instant
/// cryptography), so the screen says "Step 1/5" at once and never moves: for every built-in
/// lesson's main path and every variant, the layout run and the real run take the same steps
/// with the same calls, checks and answers, step by step, and end the same way.
#[test]
fn every_builtin_is_laid_out_exactly_as_its_real_run_goes() {
    let mut compared = 0;
    for scenario in scenario::builtins().unwrap() {
        let id = &scenario.file.scenario.id;
        let variants =
            std::iter::once(None).chain(scenario.file.variants.iter().map(|v| Some(v.id.as_str())));
        for variant in variants {
            let setup = flow::Setup::of(&scenario.file, variant).unwrap();
            let real = flow::Runner::from_setup(setup.clone(), SEED)
                .unwrap()
                .finish();
            let laid = flow::lay_out(&setup, SEED).unwrap();
            assert_eq!(laid.frames.len(), real.frames.len(), "{id} {variant:?}");
            for (real, laid) in real.frames.iter().zip(&laid.frames) {
                assert_eq!(
                    shape(laid),
                    shape(real),
                    "{id} {variant:?} step {}",
                    real.number
                );
                compared += 1;
            }
            assert_eq!(laid.outcome, real.outcome, "{id} {variant:?}");
            assert_ne!(
                laid.jwks, real.jwks,
                "{id} {variant:?}: the layout's keys are not the lesson's"
            );
        }
    }
    assert!(compared > 100, "{compared} steps compared");
}

#[test]
fn first_sign_in_challenges_a_temporary_password_then_issues_tokens() {
    let run = run("first-sign-in", None);
    assert_eq!(
        path(&run),
        [
            "create",
            "wait",
            "enter",
            "send",
            "verify",
            "challenge",
            "newpw",
            "access"
        ]
    );
    // Cognito generated the temporary password and emailed it; the user typed exactly that.
    let temporary = var(step(&run, 1), "password").to_owned();
    assert_eq!(temporary.chars().count(), 12, "{temporary}");
    assert_eq!(var(step(&run, 1), "userStatus"), "FORCE_CHANGE_PASSWORD");
    let sent = &step(&run, 4)
        .api
        .as_ref()
        .unwrap()
        .request
        .as_ref()
        .unwrap();
    assert_eq!(sent["AuthParameters"]["PASSWORD"], temporary.as_str());

    // The temporary password matched (argon2id), and the answer is a challenge, not tokens.
    let checks = &step(&run, 5).cognito_checks;
    assert!(
        checks
            .iter()
            .any(|c| c.name == "password (argon2id, the mock's stand-in)" && c.passed)
    );
    assert_eq!(
        step(&run, 5).row.response,
        "Challenge: NEW_PASSWORD_REQUIRED"
    );
    let body = response_body(step(&run, 6));
    assert_eq!(body["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    assert!(body["Session"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(body.get("AuthenticationResult").is_none(), "{body}");
    assert!(step(&run, 6).tokens.id.is_none());

    // The answer brings the tokens and makes Maria CONFIRMED; the app's JWKS check passes.
    let answered = step(&run, 7);
    assert_eq!(answered.outcome, Outcome::Success);
    assert_eq!(var(answered, "userStatus"), "CONFIRMED");
    assert_eq!(var(answered, "newPassword"), "Harbor-Lights-82");
    let id = claims(answered.tokens.id.as_deref().unwrap());
    assert_eq!(id["cognito:username"], "maria");
    assert_eq!(id["email"], "maria@example.com");
    assert!(step(&run, 8).verification.as_ref().unwrap().passed());
    assert_eq!(run.outcome, "User logged in");
}

#[test]
fn first_sign_in_weak_password_is_refused_with_one_rule() {
    let run = run("first-sign-in", Some("weak-password"));
    assert_eq!(
        path(&run),
        [
            "create",
            "wait",
            "enter",
            "send",
            "verify",
            "challenge",
            "newpw",
            "refused"
        ]
    );
    assert_eq!(
        step(&run, 7).row.response,
        "InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters"
    );
    assert_eq!(var(step(&run, 7), "userStatus"), "FORCE_CHANGE_PASSWORD");
    assert!(run.frames.iter().all(|f| f.tokens.id.is_none()));
    assert_eq!(run.outcome, "Error shown");
}

#[test]
fn first_sign_in_temporary_password_expires_after_seven_days() {
    let main = run("first-sign-in", None);
    let late = run("first-sign-in", Some("expired"));
    assert_eq!(
        path(&late),
        [
            "create", "wait", "enter", "send", "verify", "expired", "error"
        ]
    );
    // Same password, same checks up to the status; only the clock differs (1 day vs 8 days).
    assert_eq!(step(&late, 2).clock - step(&main, 2).clock, 7 * 86_400);
    let expired = "NotAuthorizedException: Temporary password has expired and must be reset by an administrator.";
    assert_eq!(step(&late, 5).row.response, expired);
    assert_eq!(step(&late, 6).row.response, expired);
    let failed: Vec<&str> = step(&late, 5)
        .cognito_checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(failed, ["temporary password valid"]);
    assert!(late.frames.iter().all(|f| var(f, "challenge") == "none"));
}

// ---- sign-up-and-confirm ---------------------------------------------------------------------

#[test]
fn sign_up_needs_the_emailed_code_before_sign_in() {
    let run = run("sign-up-and-confirm", None);
    assert_eq!(
        path(&run),
        ["signup", "early", "email", "confirm", "signin", "access"]
    );
    let signed_up = step(&run, 1);
    assert_eq!(signed_up.row.response, "Code sent to j***@e***");
    let body = response_body(signed_up);
    assert_eq!(body["UserConfirmed"], false);
    assert_eq!(body["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL");
    assert_eq!(var(signed_up, "userStatus"), "UNCONFIRMED");
    let emailed = var(signed_up, "code").to_owned();
    assert!(
        emailed.len() == 6 && emailed.chars().all(|c| c.is_ascii_digit()),
        "{emailed}"
    );

    assert_eq!(
        step(&run, 2).row.response,
        "UserNotConfirmedException: User is not confirmed."
    );
    // Confirming uses the code Cognito really emailed, and issues no tokens.
    let confirmed = step(&run, 4);
    let sent = confirmed.api.as_ref().unwrap().request.as_ref().unwrap();
    assert_eq!(sent["ConfirmationCode"], emailed.as_str());
    assert_eq!(var(confirmed, "userStatus"), "CONFIRMED");
    assert!(confirmed.tokens.id.is_none());

    let id = claims(step(&run, 5).tokens.id.as_deref().unwrap());
    assert_eq!(id["email_verified"], true);
    assert!(step(&run, 6).verification.as_ref().unwrap().passed());
}

#[test]
fn sign_up_variants_weak_password_wrong_code_and_late_code() {
    let weak = run("sign-up-and-confirm", Some("weak-password"));
    assert_eq!(path(&weak), ["signup", "weak"]);
    assert!(
        step(&weak, 1)
            .row
            .response
            .starts_with("InvalidPasswordException: Password did not conform with policy: ")
    );
    assert_eq!(var(step(&weak, 1), "userStatus"), "none", "no user created");

    let wrong = run("sign-up-and-confirm", Some("wrong-code"));
    assert_eq!(
        path(&wrong),
        ["signup", "early", "email", "confirm", "mismatch"]
    );
    assert_eq!(
        step(&wrong, 4).row.response,
        "CodeMismatchException: Invalid verification code provided, please try again."
    );
    assert_eq!(var(step(&wrong, 4), "userStatus"), "UNCONFIRMED");

    let late = run("sign-up-and-confirm", Some("late"));
    assert_eq!(
        path(&late),
        ["signup", "early", "email", "confirm", "resend"]
    );
    assert_eq!(
        step(&late, 4).row.response,
        "ExpiredCodeException: Invalid code provided, please request a code again."
    );
    assert_eq!(step(&late, 5).row.response, "Code sent to j***@e***");
    assert_ne!(
        var(step(&late, 5), "code"),
        var(step(&late, 1), "code"),
        "a fresh code"
    );
}

// ---- tokens-and-sign-out ---------------------------------------------------------------------

#[test]
fn expired_access_token_is_refused_offline_and_by_cognito_then_refreshed() {
    let run = run("tokens-and-sign-out", None);
    assert_eq!(
        path(&run),
        [
            "signin", "api", "later", "check", "expired", "refresh", "signout", "revoked",
            "offline", "dead"
        ]
    );
    assert_eq!(step(&run, 2).row.response, "User attributes (3)");
    assert_eq!(step(&run, 3).clock - step(&run, 2).clock, 61 * 60);

    let offline = step(&run, 4).verification.as_ref().unwrap();
    let failed: Vec<&str> = offline
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(failed, ["exp"], "only the expiry fails offline");
    assert_eq!(
        step(&run, 5).row.response,
        "NotAuthorizedException: Access Token has expired"
    );

    // Refresh: new ID and access tokens of the same sign-in, no new refresh token.
    let before = &step(&run, 5).tokens;
    let refreshed = step(&run, 6);
    assert_eq!(refreshed.outcome, Outcome::Success);
    let result = &response_body(refreshed)["AuthenticationResult"];
    assert!(result.get("RefreshToken").is_none(), "{result}");
    assert!(result["AccessToken"].is_string() && result["IdToken"].is_string());
    let after = &refreshed.tokens;
    assert_eq!(after.refresh, before.refresh);
    assert_ne!(after.access, before.access);
    let (old, new) = (
        claims(before.access.as_deref().unwrap()),
        claims(after.access.as_deref().unwrap()),
    );
    assert_eq!(new["auth_time"], old["auth_time"]);
    assert_eq!(new["origin_jti"], old["origin_jti"]);
    assert_ne!(new["jti"], old["jti"]);
    assert_eq!(
        new["exp"].as_u64().unwrap(),
        refreshed.clock + 3600,
        "a new hour"
    );
}

#[test]
fn after_global_sign_out_cognito_refuses_the_token_an_offline_check_still_accepts() {
    let run = run("tokens-and-sign-out", None);
    let signed_out = step(&run, 7);
    assert_eq!(signed_out.row.response, "Signed out");
    let token = signed_out.tokens.access.clone().unwrap();
    assert!(
        claims(&token)["exp"].as_u64().unwrap() > step(&run, 8).clock,
        "not expired"
    );

    assert_eq!(
        step(&run, 8).row.response,
        "NotAuthorizedException: Access Token has been revoked"
    );
    let offline = step(&run, 9);
    assert_eq!(offline.tokens.access.as_deref(), Some(token.as_str()));
    let verification = offline.verification.as_ref().unwrap();
    assert!(verification.passed(), "{verification:?}");
    assert!(verification.checks.iter().any(|c| c.name == "signature"));
    assert_eq!(offline.row.result, "Token valid");
    assert_eq!(
        step(&run, 10).row.response,
        "NotAuthorizedException: Refresh Token has been revoked"
    );
}

#[test]
fn tokens_variants_thirty_minutes_and_thirty_one_days() {
    let soon = run("tokens-and-sign-out", Some("soon"));
    assert_eq!(
        path(&soon),
        [
            "signin", "api", "later", "check", "expired", "signout", "revoked", "offline", "dead"
        ]
    );
    assert!(step(&soon, 4).verification.as_ref().unwrap().passed());
    assert_eq!(step(&soon, 5).row.response, "User attributes (3)");
    assert_eq!(
        step(&soon, 7).row.response,
        "NotAuthorizedException: Access Token has been revoked"
    );

    let month = run("tokens-and-sign-out", Some("month"));
    assert_eq!(
        path(&month),
        [
            "signin",
            "api",
            "later",
            "check",
            "expired",
            "refresh",
            "signin-again",
            "password-again",
            "signout",
            "revoked",
            "offline",
            "dead"
        ]
    );
    assert_eq!(
        step(&month, 6).row.response,
        "NotAuthorizedException: Refresh Token has expired"
    );
    let (first, again) = (&step(&month, 1).tokens, &step(&month, 8).tokens);
    assert_ne!(
        first.refresh, again.refresh,
        "a new sign-in, a new refresh token"
    );
    let (a, b) = (
        claims(first.access.as_deref().unwrap()),
        claims(again.access.as_deref().unwrap()),
    );
    assert_ne!(a["origin_jti"], b["origin_jti"]);
    assert_eq!(
        b["auth_time"].as_u64().unwrap() - a["auth_time"].as_u64().unwrap(),
        31 * 86_400
    );
}

// ---- totp-mfa --------------------------------------------------------------------------------

#[test]
fn totp_password_first_then_the_authenticator_code() {
    let run = run("totp-mfa", None);
    assert_eq!(
        path(&run),
        [
            "enter",
            "send",
            "verify",
            "challenge",
            "phone",
            "answer",
            "access"
        ]
    );
    let names: Vec<&str> = step(&run, 3)
        .cognito_checks
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let password = names
        .iter()
        .position(|n| *n == "password (argon2id, the mock's stand-in)")
        .unwrap();
    let challenge = names.iter().position(|n| *n == "challenges").unwrap();
    assert!(password < challenge, "password before MFA: {names:?}");
    let body = response_body(step(&run, 4));
    assert_eq!(body["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert!(body.get("AuthenticationResult").is_none());
    let session = body["Session"].as_str().unwrap().to_owned();

    let answered = step(&run, 6);
    let request = answered.api.as_ref().unwrap().request.as_ref().unwrap();
    assert_eq!(request["Session"], session.as_str());
    let code = request["ChallengeResponses"]["SOFTWARE_TOKEN_MFA_CODE"]
        .as_str()
        .unwrap();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(var(answered, "code"), code);
    assert_eq!(answered.row.response, "JWT token");
    assert!(step(&run, 7).verification.as_ref().unwrap().passed());
}

#[test]
fn totp_variants_wrong_code_wrong_password_and_too_late() {
    let wrong = run("totp-mfa", Some("wrong-code"));
    assert_eq!(
        path(&wrong),
        [
            "enter",
            "send",
            "verify",
            "challenge",
            "phone",
            "answer",
            "retry"
        ]
    );
    assert_eq!(
        step(&wrong, 6).row.response,
        "CodeMismatchException: Invalid code or auth state for the user."
    );
    assert!(wrong.frames.iter().all(|f| f.tokens.id.is_none()));

    let password = run("totp-mfa", Some("wrong-password"));
    assert_eq!(
        path(&password),
        ["enter", "send", "verify", "refused", "error"]
    );
    assert_eq!(
        step(&password, 3).row.response,
        "NotAuthorizedException: Incorrect username or password."
    );
    assert!(
        password
            .frames
            .iter()
            .all(|f| var(f, "challenge") == "none" && var(f, "session") == "none"),
        "never challenged"
    );

    let late = run("totp-mfa", Some("too-late"));
    assert_eq!(
        path(&late),
        ["enter", "send", "verify", "challenge", "phone", "answer"]
    );
    assert_eq!(step(&late, 5).clock - step(&late, 4).clock, 240);
    assert_eq!(
        step(&late, 6).row.response,
        "NotAuthorizedException: Invalid session for the user, session is expired."
    );
}

// ---- lockout-and-user-existence --------------------------------------------------------------

#[test]
fn five_failures_lock_the_account_even_against_the_right_password() {
    let run = run("lockout-and-user-existence", None);
    assert_eq!(
        path(&run),
        [
            "enter", "verify", "answer", "try2", "try3", "try4", "try5", "locked", "wait", "again",
            "access"
        ]
    );
    let incorrect = "NotAuthorizedException: Incorrect username or password.";
    assert_eq!(
        responses(&run)[1..7],
        [
            incorrect, incorrect, incorrect, incorrect, incorrect, incorrect
        ]
    );
    let counts: Vec<&str> = run
        .frames
        .iter()
        .map(|f| var(f, "failedAttempts"))
        .collect();
    assert_eq!(
        counts,
        ["0", "1", "1", "2", "3", "4", "5", "5", "5", "0", "0"]
    );

    let locked = step(&run, 8);
    assert_eq!(var(locked, "password"), "Silver-Maple-63", "the right one");
    assert_eq!(
        locked.row.response,
        "NotAuthorizedException: Password attempts exceeded"
    );
    assert!(
        locked
            .crypto
            .iter()
            .all(|c| !c.operation.contains("argon2")),
        "refused before any hash is compared"
    );
    assert_eq!(step(&run, 10).row.response, "JWT token");
    assert!(step(&run, 11).verification.as_ref().unwrap().passed());
}

#[test]
fn an_unknown_username_gets_the_wrong_password_answer_at_the_same_cost() {
    let main = run("lockout-and-user-existence", None);
    let unknown = run("lockout-and-user-existence", Some("unknown-user"));
    assert_eq!(var(step(&unknown, 1), "username"), "lea");
    assert_eq!(step(&unknown, 3).row.response, step(&main, 3).row.response);
    assert_eq!(
        step(&unknown, 3).row.response,
        "NotAuthorizedException: Incorrect username or password."
    );
    // Byte for byte the same error body on the wire.
    assert_eq!(
        response_body(step(&unknown, 3)),
        response_body(step(&main, 3))
    );
    // The same argon2id work, against a dummy hash.
    let argon = |f: &Frame| -> Vec<(String, String)> {
        f.crypto
            .iter()
            .filter(|c| c.operation.starts_with("argon2id verify"))
            .map(|c| (c.operation.clone(), c.params.clone()))
            .collect()
    };
    let (real, dummy) = (argon(step(&main, 2)), argon(step(&unknown, 2)));
    assert_eq!(real.len(), 1);
    assert_eq!(dummy.len(), 1);
    assert_eq!(real[0].1, dummy[0].1, "same argon2id parameters");
    assert!(dummy[0].0.contains("dummy hash"), "{dummy:?}");
    assert_eq!(unknown.outcome, "Error shown");
}

// ---- srp-sign-in -----------------------------------------------------------------------------

/// The SRP number `name` that `side` ("device" or "cognito") computed, whole, by step `frame`.
fn srp<'f>(frame: &'f Frame, side: &str, name: &str) -> &'f str {
    frame
        .srp
        .iter()
        .find(|v| serde_json::to_value(v.side).unwrap() == side && v.name == name)
        .map_or_else(
            || panic!("no {side} {name} at step {}", frame.number),
            |v| v.value.as_str(),
        )
}

/// The check of step `frame` called `name`: (passed, detail).
fn check<'f>(frame: &'f Frame, name: &str) -> (bool, &'f str) {
    frame
        .cognito_checks
        .iter()
        .find(|c| c.name == name)
        .map_or_else(
            || panic!("no check {name} at step {}", frame.number),
            |c| (c.passed, c.detail.as_str()),
        )
}

#[test]
fn srp_signs_in_with_the_same_s_and_k_on_both_sides_and_no_password_on_the_wire() {
    let run = run("srp-sign-in", None);
    assert_eq!(
        path(&run),
        [
            "enter",
            "compute-a",
            "send-a",
            "lookup",
            "challenge",
            "prove",
            "send-proof",
            "verify",
            "tokens",
            "access"
        ]
    );
    assert_eq!(
        responses(&run)[3..=8],
        [
            "Challenge: PASSWORD_VERIFIER",
            "Challenge: PASSWORD_VERIFIER",
            "N/A",
            "Checking the proof",
            "Valid",
            "JWT token"
        ]
    );
    // No request, in either round trip, carries the password.
    let password = var(step(&run, 1), "password");
    assert_eq!(password, "Passw0rd!");
    for frame in &run.frames {
        if let Some(request) = frame.api.as_ref().and_then(|a| a.request.as_ref()) {
            assert!(
                !request.to_string().contains(password),
                "step {}: {request}",
                frame.number
            );
        }
    }
    let last = step(&run, 10);
    // The device's S and K (through x and a) equal Cognito's (through v and b).
    assert_eq!(srp(last, "device", "S"), srp(last, "cognito", "S"));
    assert_eq!(srp(last, "device", "K"), srp(last, "cognito", "K"));
    // S is a 3072-bit number: at most 768 hex digits (fewer only with leading zeros).
    assert!((700..=768).contains(&srp(last, "device", "S").len()));
    assert_eq!(srp(last, "device", "K").len(), 32);
    assert_eq!(
        srp(last, "cognito", "expected signature"),
        srp(last, "device", "signature")
    );
    assert_eq!(
        srp(last, "cognito", "received signature"),
        srp(last, "device", "signature")
    );
    assert_eq!(
        srp(last, "device", "TIMESTAMP"),
        "Tue Dec 1 06:21:31 UTC 2026"
    );
    // The tracker holds the same numbers (whole; views shorten them).
    for (var_name, side, name) in [
        ("A", "device", "A"),
        ("B", "cognito", "B"),
        ("u", "cognito", "u"),
        ("S", "device", "S"),
        ("K", "device", "K"),
        ("signature", "device", "signature"),
    ] {
        assert_eq!(var(last, var_name), srp(last, side, name), "{var_name}");
    }
    // The challenge went out as AWS sends it: no Session, SALT and SRP_B canonical hex.
    let challenge = response_body(step(&run, 5));
    assert!(challenge.get("Session").is_none(), "{challenge}");
    assert_eq!(
        challenge["ChallengeParameters"]["SRP_B"],
        srp(last, "cognito", "B")
    );
    assert_eq!(
        challenge["ChallengeParameters"]["SALT"],
        srp(last, "cognito", "salt")
    );
    // Cognito's checks at each leg, as the lesson explains them.
    assert!(check(step(&run, 4), "SRP_A valid").0);
    assert!(
        check(step(&run, 4), "verifier")
            .1
            .contains("the password itself is not kept")
    );
    let (passed, detail) = check(step(&run, 8), "password proof (SRP)");
    assert!(passed, "{detail}");
    assert!(detail.contains("knew the password"), "{detail}");
    assert!(step(&run, 10).verification.as_ref().unwrap().passed());
    assert_eq!(var(last, "authStatus"), "authenticated");
    // Each SRP value is shown where it is computed: the device's at steps 2 and 6, Cognito's
    // at the steps that run its checks.
    let new_at = |n: usize| -> Vec<String> {
        let previous = n.checked_sub(2).map(|i| &run.frames[i]);
        step(&run, n)
            .srp_new(previous)
            .iter()
            .map(|v| format!("{} {}", v.side.name(), v.name))
            .collect()
    };
    assert_eq!(new_at(2), ["device a", "device A"]);
    assert_eq!(
        new_at(4),
        ["Cognito salt", "Cognito v", "Cognito B", "Cognito u"]
    );
    assert_eq!(new_at(5), ["Cognito SECRET_BLOCK"]);
    assert_eq!(
        new_at(6),
        [
            "device x",
            "device S",
            "device K",
            "device TIMESTAMP",
            "device message",
            "device signature"
        ]
    );
    assert!(new_at(7).is_empty());
}

#[test]
fn srp_variants_wrong_password_zero_padded_day_flow_off_and_unknown_user() {
    let refused = "NotAuthorizedException: Incorrect username or password.";

    // A wrong password: another x, so another S and K on the device, so another signature.
    let wrong = run("srp-sign-in", Some("wrong-password"));
    let at = step(&wrong, 8);
    assert_eq!(at.row.response, refused);
    assert_ne!(srp(at, "device", "S"), srp(at, "cognito", "S"));
    assert_ne!(srp(at, "device", "K"), srp(at, "cognito", "K"));
    assert_ne!(
        srp(at, "cognito", "expected signature"),
        srp(at, "cognito", "received signature")
    );
    assert!(
        check(at, "password proof (SRP)")
            .1
            .contains("another password")
    );
    assert_eq!(var(at, "failedAttempts"), "1");
    assert_eq!(wrong.outcome, "Error shown");

    // A zero-padded day: the right password, the same S and K on both sides, yet the
    // signatures differ, because Cognito signs the time as it writes it.
    let padded = run("srp-sign-in", Some("zero-padded-day"));
    let at = step(&padded, 8);
    assert_eq!(at.row.response, refused);
    assert_eq!(srp(at, "device", "S"), srp(at, "cognito", "S"));
    assert_eq!(srp(at, "device", "K"), srp(at, "cognito", "K"));
    assert_eq!(
        srp(at, "device", "TIMESTAMP"),
        "Tue Dec 01 06:21:31 UTC 2026"
    );
    assert_eq!(
        srp(at, "cognito", "TIMESTAMP"),
        "Tue Dec 1 06:21:31 UTC 2026"
    );
    assert_ne!(
        srp(at, "cognito", "expected signature"),
        srp(at, "cognito", "received signature")
    );
    let (readable, format) = check(at, "TIMESTAMP format");
    assert!(readable && format.contains("zero-padded"), "{format}");
    assert!(
        check(at, "password proof (SRP)")
            .1
            .contains("the device signed `Tue Dec 01")
    );

    // The flow off on the app client: refused at the first round trip, before any user check.
    let off = run("srp-sign-in", Some("srp-flow-off"));
    assert_eq!(
        step(&off, 4).row.response,
        "InvalidParameterException: USER_SRP_AUTH flow not enabled for this client"
    );
    assert_eq!(
        step(&off, 4).cognito_checks.last().unwrap().name,
        "auth flow"
    );
    assert_eq!(
        path(&off),
        [
            "enter",
            "compute-a",
            "send-a",
            "lookup",
            "rejected",
            "error"
        ]
    );

    // An unknown user: a simulated challenge (so nothing tells the user does not exist), then
    // the wrong-password answer.
    let unknown = run("srp-sign-in", Some("unknown-user"));
    assert_eq!(
        step(&unknown, 5).row.response,
        "Challenge: PASSWORD_VERIFIER"
    );
    let (exists, why) = check(step(&unknown, 4), "user exists");
    assert!(!exists && why.contains("simulated"), "{why}");
    let id = &response_body(step(&unknown, 5))["ChallengeParameters"]["USER_ID_FOR_SRP"];
    assert_eq!(id.as_str().unwrap().len(), 36, "a UUID: {id}");
    assert_eq!(step(&unknown, 8).row.response, refused);
}

// ---- every built-in --------------------------------------------------------------------------

/// The structure the lessons promise: 5–12 rows in every run, a variant that takes another
/// path, two key moments, three questions with two ordered hints, an explanation and a step
/// each, a prediction, a snapshot and a transcript; every diagram node reached by some run.
// ---- hosted-ui-pkce --------------------------------------------------------------------------

#[test]
fn hosted_ui_code_and_pkce_give_tokens_with_the_scopes_nonce_and_at_hash() {
    let run = run("hosted-ui-pkce", None);
    assert_eq!(
        path(&run),
        [
            "pkce",
            "authorize",
            "login",
            "exchange",
            "access",
            "userinfo"
        ]
    );
    assert_eq!(
        responses(&run),
        [
            "N/A",
            "302 to the sign-in page",
            "302 to redirect_uri?code=…&state=…",
            "JWT tokens",
            "N/A",
            "User attributes (5)"
        ]
    );
    // The verifier beside its challenge (mode 9), and Cognito's own S256 of what it received.
    let pkce = step(&run, 1);
    let verifier = srp(pkce, "device", "code_verifier");
    assert_eq!(
        srp(pkce, "device", "code_challenge"),
        cogflow::cognito::oauth::s256(verifier)
    );
    assert_eq!(verifier.len(), 43);
    let exchange = step(&run, 4);
    assert_eq!(
        srp(exchange, "cognito", "S256(code_verifier)"),
        var(pkce, "codeChallenge")
    );
    let (passed, detail) = check(exchange, "PKCE");
    assert!(
        passed && detail.contains(var(pkce, "codeChallenge")),
        "{detail}"
    );
    // The code came in the redirect's query, with the app's state.
    let login = step(&run, 3);
    let location = response_body(login)["Location"].as_str().unwrap();
    assert!(
        location.starts_with("http://localhost:9876/callback?code="),
        "{location}"
    );
    assert!(location.ends_with(&format!("&state={}", var(pkce, "state"))));
    let tokens = response_body(exchange);
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(claims(access)["scope"], "openid email profile");
    let id = claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(id["nonce"].as_str(), Some(var(pkce, "nonce")));
    assert_eq!(id["at_hash"], cogflow::cognito::oauth::at_hash(access));
    assert!(tokens["refresh_token"].is_string());
    let info = response_body(step(&run, 6));
    assert_eq!(info["email"], "alice@example.com");
    assert_eq!(info["name"], "Alice Example");
}

#[test]
fn hosted_ui_variants_wrong_verifier_unregistered_redirect_code_twice_late_and_api_token() {
    let ends = |variant: &str| {
        let run = run("hosted-ui-pkce", Some(variant));
        let failed = run
            .frames
            .iter()
            .find(|f| f.cognito_checks.iter().any(|c| !c.passed))
            .map(|f| {
                let check = f.cognito_checks.iter().find(|c| !c.passed).unwrap();
                (
                    f.step_id.clone().unwrap_or_default(),
                    check.name.clone(),
                    f.row.response.clone(),
                )
            });
        (path(&run).join(" "), failed)
    };
    let cases = [
        (
            "wrong-verifier",
            "pkce authorize login exchange error",
            "exchange",
            "PKCE",
            "invalid_grant: invalid code_verifier",
        ),
        (
            "unregistered-redirect",
            "pkce authorize error",
            "authorize",
            "redirect_uri registered",
            "redirect_mismatch: redirect_uri is not registered for this client: an error page, never a redirect",
        ),
        (
            "code-twice",
            "pkce authorize login exchange exchange-again after-reuse error",
            "exchange-again",
            "code",
            "invalid_grant: invalid code",
        ),
        (
            "code-late",
            "pkce authorize login wait exchange error",
            "exchange",
            "code",
            "invalid_grant: invalid code",
        ),
        (
            "api-token",
            "pkce authorize login exchange api-sign-in access userinfo error",
            "userinfo",
            "openid scope",
            "invalid_token: Access token does not contain openid scope",
        ),
    ];
    for (variant, want_path, at, check, response) in cases {
        let (got_path, failed) = ends(variant);
        assert_eq!(got_path, want_path, "{variant}");
        let (step_id, name, row) = failed.unwrap_or_else(|| panic!("{variant}: nothing failed"));
        assert_eq!(
            (step_id.as_str(), name.as_str(), row.as_str()),
            (at, check, response),
            "{variant}"
        );
    }
}

#[test]
fn every_builtin_lesson_is_complete() {
    for (id, _) in scenario::BUILTINS {
        let lesson = lesson(id);
        let file = &lesson.file;
        assert!(lesson.warnings.is_empty(), "{id}: {:?}", lesson.warnings);
        if file.lab.is_some() {
            // A lab's steps wait for the learner's own calls: its sample solutions are what
            // `check` holds it to (tests/it/serve/labs.rs runs them with real clients).
            continue;
        }
        assert!(!file.variants.is_empty(), "{id}: a variant");
        assert!(file.moments.len() >= 2, "{id}: two key moments at least");
        assert!(file.moments.iter().all(|m| !m.steps.is_empty()), "{id}");
        assert!(file.questions.len() >= 3, "{id}: three questions at least");
        for q in &file.questions {
            assert!(q.hints.len() >= 2, "{id} {}: two hints", q.id);
            assert!(
                q.explanation.is_some() && q.about_step.is_some(),
                "{id} {}",
                q.id
            );
        }
        assert!(file.steps.iter().any(|s| s.predict.is_some()), "{id}");
        assert!(file.steps.iter().all(|s| s.explain.is_some()), "{id}");
        assert!(file.snapshot.as_ref().is_some_and(|s| s.lines.len() >= 3));
        assert!(file.transcript.is_some() && file.sample.is_some(), "{id}");

        let main = flow::run(&lesson, None, SEED).unwrap();
        let mut runs = vec![main];
        for v in &file.variants {
            runs.push(flow::run(&lesson, Some(&v.id), SEED).unwrap());
        }
        // Every variant shows something of its own: another path, other answers on it, or the
        // same answers to other inputs (an unknown user answered like a wrong password).
        type Shown = Vec<(usize, String, Vec<(String, String)>)>;
        let paths: BTreeSet<Shown> = runs
            .iter()
            .map(|r| {
                r.frames
                    .iter()
                    .map(|f| {
                        let vars = f
                            .vars
                            .0
                            .iter()
                            .map(|v| (v.name.to_owned(), v.value.clone()));
                        (f.step_index, f.row.response.clone(), vars.collect())
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            paths.len(),
            runs.len(),
            "{id}: every variant takes its own path, gets its own answers or has its own inputs"
        );
        for r in &runs {
            let rows = r.frames.len();
            assert!(
                (if r.variant.is_some() { 2 } else { 5 }..=12).contains(&rows),
                "{id} {:?}: {rows} rows",
                r.variant
            );
        }
        let reached: BTreeSet<&str> = runs
            .iter()
            .flat_map(|r| r.frames.iter().filter_map(|f| f.node.as_deref()))
            .collect();
        let diagram = file.diagram.as_ref().expect("a diagram");
        assert!(
            diagram.nodes.iter().any(|n| n.no.is_some()),
            "{id}: a Yes/No"
        );
        for node in &diagram.nodes {
            assert!(
                reached.contains(node.id.as_str()) || node.id == "open",
                "{id}: node `{}` is reached by no run",
                node.id
            );
        }
    }
}

/// Every built-in lesson as a file in a temporary folder.
fn builtin_files() -> (TempHome, Vec<String>) {
    let dir = TempHome::new("builtins");
    let paths = scenario::BUILTINS
        .iter()
        .map(|(id, src)| {
            let path = dir.join(format!("{id}.toml"));
            std::fs::write(&path, src).unwrap();
            path.display().to_string()
        })
        .collect();
    (dir, paths)
}

#[test]
fn every_builtin_passes_check_with_no_warning_through_the_binary() {
    let (_dir, paths) = builtin_files();
    let mut args = vec!["check"];
    args.extend(paths.iter().map(String::as_str));
    let Ran { stderr, code, .. } = cogflow(&args).run();
    assert_eq!(code, 0, "{stderr}");
    let n = scenario::BUILTINS.len();
    assert_eq!(stderr, format!("{n} files checked: {n} valid\n"));
}

#[test]
fn list_shows_every_builtin_and_each_transcript_runs() {
    let Ran {
        stdout,
        stderr,
        code,
    } = cogflow(&["list"]).run();
    assert_eq!(code, 0, "{stderr}");
    for (id, _) in scenario::BUILTINS {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&format!("{id} ")) && l.ends_with("built-in")),
            "{id} listed: {stdout}"
        );
    }
    // Every branch of every built-in through the binary, a few processes at a time (they
    // spend most of their time in argon2, one core each).
    let lessons: Vec<_> = scenario::BUILTINS
        .iter()
        .map(|(id, _)| lesson(id))
        .collect();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for lesson in &lessons {
        let id = &lesson.file.scenario.id;
        runs.push(vec![
            "transcript".into(),
            id.clone(),
            "--seed".into(),
            "3".into(),
        ]);
        for variant in &lesson.file.variants {
            runs.push(vec![
                "transcript".into(),
                id.clone(),
                "--seed".into(),
                "3".into(),
                "--variant".into(),
                variant.id.clone(),
            ]);
        }
    }
    for batch in runs.chunks(4) {
        std::thread::scope(|scope| {
            let running: Vec<_> = batch
                .iter()
                .map(|args| {
                    scope.spawn(move || {
                        let args: Vec<&str> = args.iter().map(String::as_str).collect();
                        (args.join(" "), cogflow(&args).run())
                    })
                })
                .collect();
            for run in running {
                let (args, ran) = run.join().expect("the run's thread");
                assert_eq!(ran.code, 0, "{args}: {}", ran.stderr);
                // Its headings in its own language (the Spanish lesson's are Spanish).
                use cogflow::words::{Language, Word};
                assert!(
                    Language::ALL.into_iter().any(|l| {
                        ran.stdout.contains(Word::DocProcessTable.in_language(l))
                            && ran.stdout.contains(Word::DocFull.in_language(l))
                    }),
                    "{args}"
                );
            }
        });
    }
}

/// `app` drawn at `w`x`h`, line by line.
fn drawn(app: &cogflow::app::App, w: u16, h: u16) -> Vec<String> {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| cogflow::ui::render(app, frame))
        .expect("drawing into a test backend");
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

/// At 120x35, the design's full step-through size, every built-in keeps its flow diagram
/// readable beside the tracker (many or long tracked values make the tracker drop its earliest
/// columns, never squeeze the diagram out), and its sample lines are never cut short, on every
/// branch, at the first and the last step.
#[test]
fn every_builtin_keeps_its_diagram_and_whole_sample_lines_at_120x35() {
    for (id, _) in scenario::BUILTINS {
        let lesson = lesson(id);
        let sample = &lesson.file.sample.as_ref().expect("a sample").lines;
        let variants =
            std::iter::once(None).chain(lesson.file.variants.iter().map(|v| Some(v.id.as_str())));
        for variant in variants {
            use cogflow::app::{App, Command, Message, Options};
            // Only this branch is computed (the other branches' jobs are dropped: not drawn).
            let options = Options {
                variant: variant.map(str::to_owned),
                seed: SEED,
                redact_timings: true,
                ..Options::default()
            };
            let mut app = App::new(lesson.clone(), &options);
            for event in cogflow::app::worker::run_job(&app.take_jobs().remove(0)) {
                app.update(Message::Worker(event));
            }
            let rows = app.current().frames.len();
            for step in [1, rows] {
                if step > 1 {
                    app.update(Message::Do(Command::Last));
                }
                assert_eq!(app.shown_index() + 1, step, "{id} {variant:?}");
                let lines = drawn(&app, 120, 35);
                let top = &lines[2];
                let flow_title = lesson
                    .words()
                    .get(cogflow::words::Word::ProcessFlow)
                    .to_owned();
                assert!(
                    top.starts_with(&format!("┌ {flow_title}")),
                    "{id} {variant:?}:\n{}",
                    lines.join("\n")
                );
                let diagram = top.chars().position(|c| c == '┐').unwrap();
                assert!(
                    diagram >= 36,
                    "{id} {variant:?}: diagram {diagram} wide:\n{}",
                    lines.join("\n")
                );
                let text = lines.join("\n");
                for line in sample {
                    let start: String = line.chars().take(24).collect();
                    assert!(
                        !text.contains(&start) || text.contains(line.as_str()),
                        "{id} {variant:?} step {step}: sample line cut: {line}\n{text}"
                    );
                }
            }
        }
    }
}

/// Issue 8: a step's explanation matches the branch shown. Where a branch's step gets another
/// answer from Cognito (or the app) than the main path's same step, it says so in its own
/// words (`error_explain`, or the branch's `at.<step>`), never the main path's text. The steps
/// listed here are written for every outcome on purpose (the token checks of `verify-token`
/// say "read the check list"; `tokens-and-sign-out`'s GetUser says both what expiry does and
/// what it does within the hour).
#[test]
fn a_step_that_answers_otherwise_on_a_branch_says_so_in_its_own_words() {
    const FOR_EVERY_OUTCOME: &[(&str, &str)] = &[
        ("verify-token", "check"),
        ("verify-token", "refused"),
        ("tokens-and-sign-out", "expired"),
    ];
    let mut compared = 0;
    let mut wrong = Vec::new();
    for (id, _) in scenario::BUILTINS {
        let lesson = lesson(id);
        let layout = |setup| flow::lay_out(&setup, 1).unwrap();
        let main = layout(flow::Setup::main(&lesson.file));
        for variant in &lesson.file.variants {
            let run = layout(flow::Setup::variant(&lesson.file, &variant.id).unwrap());
            for frame in &run.frames {
                let Some(step) = frame.step_id.as_deref() else {
                    continue;
                };
                let Some(same) = main
                    .frames
                    .iter()
                    .find(|m| m.step_id.as_deref() == Some(step))
                else {
                    continue;
                };
                if same.row.response == frame.row.response
                    || FOR_EVERY_OUTCOME.contains(&(id, step))
                {
                    continue;
                }
                compared += 1;
                if same.explanation == frame.explanation {
                    wrong.push(format!(
                        "{id} / {} / step {step}: answers {:?} (main: {:?}) with the main path's words",
                        variant.id, frame.row.response, same.row.response
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(compared > 40, "{compared} steps compared");
}

/// Issue 8: AWS does not document Cognito's password hash, so wherever argon2id appears it is
/// labelled as the mock's stand-in: the password check's name, each argon2 cost's "why", and
/// every lesson text (a step's explanation, a branch's description) that names it, on every
/// branch of every built-in.
#[test]
fn argon2id_is_labelled_as_the_mocks_stand_in_wherever_it_appears() {
    let labelled = |text: &str| ["mock", "simulador"].iter().any(|w| text.contains(w));
    let mut seen = 0;
    let mut unlabelled = Vec::new();
    for (id, _) in scenario::BUILTINS {
        let lesson = lesson(id);
        for variant in &lesson.file.variants {
            let description = variant.description.as_deref().unwrap_or_default();
            if description.contains("argon2") && !labelled(description) {
                unlabelled.push(format!("{id} / {}: description", variant.id));
            }
        }
        let branches =
            std::iter::once(None).chain(lesson.file.variants.iter().map(|v| Some(v.id.as_str())));
        for variant in branches {
            let run = run(id, variant);
            for frame in &run.frames {
                let at = format!(
                    "{id} / {} / step {}",
                    variant.unwrap_or("main"),
                    frame.number
                );
                for check in frame
                    .cognito_checks
                    .iter()
                    .filter(|c| c.name.contains("argon2"))
                {
                    seen += 1;
                    if !check.name.contains("the mock's stand-in") {
                        unlabelled.push(format!("{at}: check {:?}", check.name));
                    }
                }
                for cost in frame
                    .crypto
                    .iter()
                    .filter(|c| c.operation.contains("argon2"))
                {
                    seen += 1;
                    if !cost.why().contains("the mock's stand-in") {
                        unlabelled.push(format!("{at}: {} says {:?}", cost.operation, cost.why()));
                    }
                }
                if let Some(text) = &frame.explanation
                    && text.contains("argon2")
                {
                    seen += 1;
                    if !labelled(text) {
                        unlabelled.push(format!("{at}: explanation {text:?}"));
                    }
                }
            }
        }
    }
    assert!(seen > 20, "only {seen} mentions of argon2id found");
    assert!(unlabelled.is_empty(), "{}", unlabelled.join("\n"));
}
