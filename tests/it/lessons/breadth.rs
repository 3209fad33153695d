//! The lessons of issue 17, each run through the real engine with the fixed seed: the path, the
//! exact messages its teaching depends on, and what each variant changes.

use super::{path, responses, run, step};

// ---- forgot-password -------------------------------------------------------------------------

#[test]
fn forgot_password_the_code_replaces_the_password_and_the_old_one_is_refused() {
    let run = run("forgot-password", None);
    assert_eq!(
        path(&run),
        ["guess", "forgot", "email", "reset", "old", "new", "access"]
    );
    assert_eq!(
        responses(&run),
        [
            "NotAuthorizedException: Incorrect username or password.",
            "Code sent to m***@e***",
            "N/A",
            "Password reset",
            "NotAuthorizedException: Incorrect username or password.",
            "JWT token",
            "N/A",
        ]
    );
    // The code typed is the one emailed; ConfirmForgotPassword answers an empty body.
    let reset = step(&run, 4);
    let request = reset.api.as_ref().unwrap().request.as_ref().unwrap();
    assert_eq!(request["ConfirmationCode"], super::var(reset, "code"));
    assert_eq!(request["Password"], "Harbor-Light-42");
    assert_eq!(super::response_body(reset), &serde_json::json!({}));
    assert!(step(&run, 7).verification.as_ref().unwrap().passed());
}

#[test]
fn forgot_password_variants_wrong_code_too_late_weak_and_reset_required() {
    for (variant, answer) in [
        (
            "wrong-code",
            "CodeMismatchException: Invalid verification code provided, please try again.",
        ),
        (
            "too-late",
            "ExpiredCodeException: Invalid code provided, please request a code again.",
        ),
        (
            "weak-password",
            "InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters",
        ),
    ] {
        let run = run("forgot-password", Some(variant));
        assert_eq!(
            path(&run),
            ["guess", "forgot", "email", "reset", "retry"],
            "{variant}"
        );
        assert_eq!(step(&run, 4).row.response, answer, "{variant}");
    }
    let required = run("forgot-password", Some("reset-required"));
    assert_eq!(
        step(&required, 1).row.response,
        "PasswordResetRequiredException: Password reset required for the user"
    );
    assert_eq!(
        path(&required),
        ["guess", "forgot", "email", "reset", "old", "new", "access"]
    );
    assert_eq!(super::var(step(&required, 7), "userStatus"), "CONFIRMED");
}

// ---- groups-and-claims -----------------------------------------------------------------------

#[test]
fn groups_reach_the_api_only_in_tokens_issued_after_the_change() {
    let run = run("groups-and-claims", None);
    assert_eq!(
        path(&run),
        [
            "signin",
            "first-try",
            "add",
            "same-token",
            "refresh",
            "last-try",
            "published"
        ]
    );
    let absent = "TokenRejected: cognito:groups: absent, so not in editors";
    assert_eq!(
        responses(&run),
        [
            "JWT token",
            absent,
            "Added",
            absent,
            "New tokens",
            "N/A",
            "N/A"
        ]
    );
    // The first tokens carry no group claim at all; the refreshed ones carry it in both
    // tokens, and the group's role in the ID token.
    let first = &step(&run, 1).tokens;
    assert!(
        super::claims(first.access.as_ref().unwrap())
            .get("cognito:groups")
            .is_none()
    );
    let refreshed = &step(&run, 5).tokens;
    let access = super::claims(refreshed.access.as_ref().unwrap());
    let id = super::claims(refreshed.id.as_ref().unwrap());
    assert_eq!(access["cognito:groups"], serde_json::json!(["editors"]));
    assert_eq!(id["cognito:groups"], serde_json::json!(["editors"]));
    assert_eq!(
        id["cognito:roles"],
        serde_json::json!(["arn:aws:iam::123456789012:role/editors"])
    );
    assert_eq!(super::var(step(&run, 5), "groups"), "editors");
    let allowed = step(&run, 6).verification.as_ref().unwrap();
    assert!(allowed.passed());
    assert_eq!(
        allowed.checks.last().unwrap().detail,
        "[editors] holds editors"
    );
    // The admin call is AdminAddUserToGroup, answered with an empty body.
    let add = step(&run, 3).api.as_ref().unwrap();
    assert_eq!(add.operation, "AdminAddUserToGroup");
    assert_eq!(add.request.as_ref().unwrap()["GroupName"], "editors");
}

#[test]
fn groups_variants_wrong_group_and_already_an_editor() {
    let wrong = run("groups-and-claims", Some("wrong-group"));
    assert_eq!(
        step(&wrong, 6).row.response,
        "TokenRejected: cognito:groups: [viewers] does not hold editors"
    );
    let already = run("groups-and-claims", Some("already-editor"));
    assert!(
        responses(&already)
            .iter()
            .all(|r| !r.starts_with("TokenRejected")),
        "{:?}",
        responses(&already)
    );
}

// ---- client-secret ---------------------------------------------------------------------------

#[test]
fn client_secret_the_hash_is_computed_shown_sent_and_checked_before_the_password() {
    let run = run("client-secret", None);
    assert_eq!(
        path(&run),
        ["enter", "compute", "send", "verify", "result", "access"]
    );
    // The hash the app computed is HMAC-SHA256(secret, "rio" + client id), recomputed here
    // with the mock's own function from the values the notes show.
    let computed = step(&run, 2);
    let note = &computed.notes[0];
    let secret = note.split('"').nth(1).unwrap();
    assert_eq!(secret.len(), 51, "{note}");
    let hash = cogflow::cognito::secret_hash(secret, "rio", &run.pool.client_id);
    assert!(note.ends_with(&format!("= {hash}")), "{note}");
    assert_eq!(super::var(computed, "secretHash"), hash);
    let sent = step(&run, 3)
        .api
        .as_ref()
        .unwrap()
        .request
        .as_ref()
        .unwrap();
    assert_eq!(sent["AuthParameters"]["SECRET_HASH"], hash.as_str());
    let names: Vec<&str> = step(&run, 4)
        .cognito_checks
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(at("secret hash") < at("password (argon2id)"), "{names:?}");
    assert!(step(&run, 6).verification.as_ref().unwrap().passed());
}

#[test]
fn client_secret_variants_old_secret_none_and_the_email_hashed() {
    let refused = |run: &cogflow::flow::Run| {
        format!(
            "NotAuthorizedException: Unable to verify secret hash for client {}",
            run.pool.client_id
        )
    };
    for variant in ["wrong-secret", "no-secret", "hashed-email"] {
        let run = run("client-secret", Some(variant));
        assert_eq!(
            path(&run),
            ["enter", "compute", "send", "verify", "result", "error"],
            "{variant}"
        );
        assert_eq!(step(&run, 4).row.response, refused(&run), "{variant}");
        let secret_check = step(&run, 4)
            .cognito_checks
            .iter()
            .find(|c| c.name == "secret hash")
            .unwrap();
        assert!(!secret_check.passed, "{variant}");
        let sent = step(&run, 3)
            .api
            .as_ref()
            .unwrap()
            .request
            .as_ref()
            .unwrap();
        assert_eq!(
            sent["AuthParameters"].get("SECRET_HASH").is_none(),
            variant == "no-secret",
            "{variant}: {sent}"
        );
    }
}
