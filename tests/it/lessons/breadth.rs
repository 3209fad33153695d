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
    let request = super::request_body(reset);
    assert_eq!(request["ConfirmationCode"], super::var(reset, "code"));
    assert_eq!(request["Password"], "Harbor-Light-42");
    assert_eq!(super::response_body(reset), &serde_json::json!({}));
    assert!(super::verified(step(&run, 7)));
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
    let sent = super::request_body(step(&run, 3));
    assert_eq!(sent["AuthParameters"]["SECRET_HASH"], hash.as_str());
    let names: Vec<&str> = step(&run, 4)
        .cognito_checks
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(
        at("secret hash") < at("password (argon2id, the mock's stand-in)"),
        "{names:?}"
    );
    assert!(super::verified(step(&run, 6)));
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
        let sent = super::request_body(step(&run, 3));
        assert_eq!(
            sent["AuthParameters"].get("SECRET_HASH").is_none(),
            variant == "no-secret",
            "{variant}: {sent}"
        );
    }
}

// ---- email-sign-in ---------------------------------------------------------------------------

#[test]
fn email_as_username_keeps_a_uuid_username_and_signs_in_with_the_email() {
    let run = run("email-sign-in", None);
    assert_eq!(path(&run), ["signup", "confirm", "signin", "token", "api"]);
    let user_sub = super::response_body(step(&run, 1))["UserSub"]
        .as_str()
        .unwrap()
        .to_owned();
    let sent = super::request_body(step(&run, 3));
    assert_eq!(sent["AuthParameters"]["USERNAME"], "ana@example.com");
    let id = super::id_claims(step(&run, 4));
    assert_eq!(id["cognito:username"], user_sub.as_str(), "{id}");
    assert_eq!(id["sub"], user_sub.as_str());
    assert_eq!(id["email"], "ana@example.com");
    assert!(super::verified(step(&run, 4)));
}

#[test]
fn email_variants_taken_alias_and_alias_taken() {
    let taken = run("email-sign-in", Some("email-taken"));
    assert_eq!(path(&taken), ["signup", "error"]);
    assert_eq!(
        step(&taken, 1).row.response,
        "UsernameExistsException: An account with the given email already exists."
    );
    let alias = run("email-sign-in", Some("email-alias"));
    assert_eq!(
        path(&alias),
        ["signup", "confirm", "signin", "token", "api"]
    );
    let id = super::id_claims(step(&alias, 4));
    assert_eq!(id["cognito:username"], "ana");
    assert_ne!(id["sub"], "ana");
    let alias_taken = run("email-sign-in", Some("alias-taken"));
    assert_eq!(path(&alias_taken), ["signup", "confirm", "alias-error"]);
    assert_eq!(
        step(&alias_taken, 2).row.response,
        "AliasExistsException: An account with the email already exists."
    );
}

// ---- triggers --------------------------------------------------------------------------------

#[test]
fn triggers_auto_confirm_at_sign_up_and_add_a_claim_at_token_time() {
    let run = run("triggers", None);
    assert_eq!(
        path(&run),
        ["signup", "signin", "token", "refresh", "token-again"]
    );
    let signup = step(&run, 1);
    assert_eq!(signup.row.response, "Confirmed at once");
    assert_eq!(super::response_body(signup)["UserConfirmed"], true);
    assert!(
        super::response_body(signup)
            .get("CodeDeliveryDetails")
            .is_none()
    );
    assert_eq!(
        signup.notes,
        [
            "Trigger PreSignUp_SignUp ran for ola: autoConfirmUser: true, autoVerifyEmail: true",
            "Trigger PostConfirmation_ConfirmSignUp ran for ola: returned the event unchanged",
        ]
    );
    assert!(
        step(&run, 2)
            .notes
            .iter()
            .any(|n| n == "Trigger TokenGeneration_Authentication ran for ola: custom:tier = gold"),
        "{:?}",
        step(&run, 2).notes
    );
    let id = super::id_claims(step(&run, 3));
    assert_eq!(id["custom:tier"], "gold");
    assert_eq!(id["email_verified"], true);
    assert!(super::verified(step(&run, 3)));
}

#[test]
fn triggers_variants_refuse_the_sign_up_refuse_the_sign_in_or_are_absent() {
    let cases = [
        (
            "sign-up-refused",
            1,
            "UserLambdaValidationException: PreSignUp failed with error Registration from this domain is not allowed..",
        ),
        (
            "sign-in-refused",
            2,
            "UserLambdaValidationException: PreAuthentication failed with error Account under review..",
        ),
        (
            "no-triggers",
            2,
            "UserNotConfirmedException: User is not confirmed.",
        ),
    ];
    for (variant, at, answer) in cases {
        let run = run("triggers", Some(variant));
        assert_eq!(step(&run, at).row.response, answer, "{variant}");
        assert_eq!(path(&run).last(), Some(&"error"), "{variant}");
    }
}

#[test]
fn triggers_pre_token_generation_runs_again_at_refresh() {
    let run = run("triggers", None);
    assert!(
        step(&run, 4)
            .notes
            .iter()
            .any(|n| n == "Trigger TokenGeneration_RefreshTokens ran for ola: custom:tier = gold"),
        "{:?}",
        step(&run, 4).notes
    );
    let id = super::id_claims(step(&run, 5));
    assert_eq!(id["custom:tier"], "gold");
}

// ---- mfa-setup -------------------------------------------------------------------------------

#[test]
fn mfa_setup_from_the_challenge_to_the_qr_secret_to_the_first_code() {
    let run = run("mfa-setup", None);
    assert_eq!(
        path(&run),
        [
            "signin",
            "associate",
            "verify",
            "finish",
            "access",
            "next-day",
            "again",
            "code",
            "in"
        ]
    );
    let first = super::response_body(step(&run, 1));
    assert_eq!(first["ChallengeName"], "MFA_SETUP");
    assert_eq!(
        first["ChallengeParameters"]["MFAS_CAN_SETUP"],
        "[\"SOFTWARE_TOKEN_MFA\"]"
    );
    // AssociateSoftwareToken is called with the challenge's Session and answers the secret,
    // which the notes show as the otpauth URI a QR code carries.
    let associate = step(&run, 2);
    let request = super::request_body(associate);
    assert_eq!(request["Session"], first["Session"]);
    let secret = super::response_body(associate)["SecretCode"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(secret.len(), 32, "20 bytes in base32");
    assert_eq!(
        associate.notes,
        [format!(
            "otpauth://totp/cogflow:kai?secret={secret}&issuer=cogflow"
        )]
    );
    assert_eq!(super::var(associate, "secretCode"), secret);
    // The first code is the one an authenticator computes from that secret at the lesson clock.
    let verify = step(&run, 3);
    let bytes = cogflow::cognito::totp_from_base32(&secret).unwrap();
    let code = cogflow::cognito::totp_code_at(&bytes, verify.clock);
    let sent = super::request_body(verify);
    assert_eq!(sent["UserCode"], code.as_str());
    assert_eq!(super::response_body(verify)["Status"], "SUCCESS");
    assert_eq!(step(&run, 4).row.response, "JWT token");
    assert_eq!(
        super::response_body(step(&run, 7))["ChallengeName"],
        "SOFTWARE_TOKEN_MFA"
    );
    assert!(super::verified(step(&run, 9)));
}

#[test]
fn mfa_setup_variants_wrong_first_code_wrong_later_code_and_mfa_off() {
    let first = run("mfa-setup", Some("wrong-first-code"));
    assert_eq!(path(&first), ["signin", "associate", "verify", "retry"]);
    assert_eq!(
        step(&first, 3).row.response,
        "EnableSoftwareTokenMFAException: Code mismatch and fail enable Software Token MFA"
    );
    let later = run("mfa-setup", Some("wrong-later-code"));
    assert_eq!(
        step(&later, 8).row.response,
        "CodeMismatchException: Invalid code or auth state for the user."
    );
    let off = run("mfa-setup", Some("mfa-off"));
    assert_eq!(path(&off), ["signin", "access", "next-day", "again", "in"]);
    assert_eq!(responses(&off)[0], "JWT token");
}

// ---- verify-token ----------------------------------------------------------------------------

#[test]
fn verify_token_each_tampered_token_fails_its_own_check() {
    let main = run("verify-token", None);
    assert_eq!(
        path(&main),
        ["signin", "real", "tamper", "check", "refused"]
    );
    assert!(super::verified(step(&main, 2)));
    let cases = [
        (None, "signature"),
        (Some("alg-none"), "alg"),
        (Some("access-as-id"), "aud"),
        (Some("other-client"), "aud"),
        (Some("other-pool"), "kid"),
        (Some("expired"), "exp"),
    ];
    for (variant, check) in cases {
        let run = run("verify-token", variant);
        let checked = run
            .frames
            .iter()
            .rev()
            .find_map(|f| f.verification.as_ref())
            .unwrap();
        let failed = checked.checks.iter().find(|c| !c.passed).unwrap();
        assert_eq!(failed.name, check, "{variant:?}: {:?}", checked.checks);
        assert_eq!(path(&run).last(), Some(&"refused"), "{variant:?}");
    }
    // The edited token decodes to the forged claim; the other pool's token names its issuer.
    let forged = super::id_claims(step(&main, 4));
    assert_eq!(forged["cognito:groups"], serde_json::json!(["admins"]));
    let other = run("verify-token", Some("other-pool"));
    let iss = super::id_claims(step(&other, 4))["iss"].clone();
    assert_ne!(iss.as_str(), Some(other.pool.issuer.as_str()));
}
