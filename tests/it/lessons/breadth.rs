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
