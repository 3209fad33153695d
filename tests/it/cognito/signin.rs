//! InitiateAuth USER_PASSWORD_AUTH: exceptions in Cognito's order, lockout, phases.

use cogflow::cognito::{
    AuthFlow, AuthPhase, AuthRequest, ChallengeName, CheckOutcome, ExplicitAuthFlow,
    InitiateAuthRequest, PoolConfig, SeedUser, UserPool, UserStatus,
};

use super::{
    NOW, PASSWORD, SEED, assert_exception, config, legacy, pool, pool_with_status, relaxed, sign_in,
};

// ----- one test per exception-table row (facts §2) -----

#[test]
fn wrong_password_is_not_authorized() {
    let mut pool = pool(config());
    assert_exception(
        sign_in(&mut pool, "ana", "Wrong-Horse-9"),
        "NotAuthorizedException: Incorrect username or password.",
    );
}

#[test]
fn unknown_user_under_legacy_is_user_not_found() {
    let mut pool = pool(legacy());
    assert_exception(
        sign_in(&mut pool, "nobody", PASSWORD),
        "UserNotFoundException: User does not exist.",
    );
    // LEGACY answers at once: no argon2 work is done for an unknown user.
    assert!(
        pool.take_crypto_log()
            .iter()
            .all(|c| !c.operation.starts_with("argon2id verify"))
    );
}

#[test]
fn unknown_user_under_enabled_looks_like_a_wrong_password_and_costs_the_same() {
    let mut pool = pool(config());
    pool.take_crypto_log();
    let unknown = sign_in(&mut pool, "nobody", PASSWORD);
    let unknown_log = pool.take_crypto_log();
    let wrong = sign_in(&mut pool, "ana", "Wrong-Horse-9");
    let wrong_log = pool.take_crypto_log();
    assert_eq!(unknown, wrong);
    assert_exception(
        unknown,
        "NotAuthorizedException: Incorrect username or password.",
    );
    // The same argon2id work, at the same parameters, ran in both cases.
    assert_eq!(unknown_log.len(), 1);
    assert_eq!(
        unknown_log[0].operation,
        "argon2id verify (dummy hash: unknown user)"
    );
    assert_eq!(wrong_log.len(), 1);
    assert_eq!(wrong_log[0].operation, "argon2id verify");
    assert_eq!(unknown_log[0].params, wrong_log[0].params);
}

#[test]
fn unconfirmed_user_with_the_right_password() {
    let mut pool = pool_with_status(UserStatus::Unconfirmed);
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "UserNotConfirmedException: User is not confirmed.",
    );
}

#[test]
fn unconfirmed_user_with_a_wrong_password_gets_the_status_error_first() {
    let mut pool = pool_with_status(UserStatus::Unconfirmed);
    pool.take_crypto_log();
    assert_exception(
        sign_in(&mut pool, "ana", "Wrong-Horse-9"),
        "UserNotConfirmedException: User is not confirmed.",
    );
    // Status is checked before the password: no verify ran, no failure counted.
    assert!(pool.take_crypto_log().is_empty());
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 0);
}

#[test]
fn disabled_user() {
    let mut pool = pool(config());
    pool.set_enabled("ana", false).unwrap();
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "NotAuthorizedException: User is disabled.",
    );
}

#[test]
fn reset_required_user_after_the_right_password() {
    let mut pool = pool_with_status(UserStatus::ResetRequired);
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "PasswordResetRequiredException: Password reset required for the user",
    );
    // A wrong password is still just a wrong password (password first).
    assert_exception(
        sign_in(&mut pool, "ana", "Wrong-Horse-9"),
        "NotAuthorizedException: Incorrect username or password.",
    );
}

#[test]
fn expired_temporary_password() {
    let mut pool = pool_with_status(UserStatus::ForceChangePassword);
    pool.advance(7 * 86_400);
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "NotAuthorizedException: Temporary password has expired and must be reset by an administrator.",
    );
}

#[test]
fn password_flow_not_enabled_on_cognitos_default_client() {
    let mut pool = pool(PoolConfig {
        explicit_auth_flows: ExplicitAuthFlow::COGNITO_DEFAULT.to_vec(),
        ..config()
    });
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client",
    );
}

#[test]
fn admin_flow_is_not_valid_on_initiate_auth() {
    let mut pool = pool(config());
    let mut request = InitiateAuthRequest::user_password(pool.client_id(), "ana", PASSWORD);
    request.auth_flow = AuthFlow::AdminUserPasswordAuth;
    assert_exception(
        pool.initiate_auth(request),
        "InvalidParameterException: Initiate Auth method not supported.",
    );
}

#[test]
fn missing_parameters_and_unknown_client() {
    let mut pool = pool(config());
    let mut request = InitiateAuthRequest::user_password(pool.client_id(), "ana", PASSWORD);
    request.auth_parameters.remove("PASSWORD");
    assert_exception(
        pool.initiate_auth(request),
        "InvalidParameterException: Missing required parameter PASSWORD",
    );
    let request = InitiateAuthRequest::user_password("nosuchclient", "ana", PASSWORD);
    assert_exception(
        pool.initiate_auth(request),
        "ResourceNotFoundException: User pool client nosuchclient does not exist.",
    );
}

// ----- lockout (facts §6) -----

#[test]
fn five_failures_lock_the_user_and_attempts_during_the_lock_do_not_count() {
    let mut pool = pool(config());
    for _ in 0..5 {
        assert_exception(
            sign_in(&mut pool, "ana", "Wrong-Horse-9"),
            "NotAuthorizedException: Incorrect username or password.",
        );
    }
    assert_eq!(pool.user("ana").unwrap().locked_until, Some(NOW + 1));
    // Even the right password is refused while locked, and the refusal is not a failure.
    pool.take_crypto_log();
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "NotAuthorizedException: Password attempts exceeded",
    );
    assert!(
        pool.take_crypto_log().is_empty(),
        "no argon2 work while locked"
    );
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 5);
    // The 6th failure (after the 1 s lock) locks for 2 s.
    pool.advance(1);
    assert_exception(
        sign_in(&mut pool, "ana", "Wrong-Horse-9"),
        "NotAuthorizedException: Incorrect username or password.",
    );
    assert_eq!(pool.user("ana").unwrap().locked_until, Some(NOW + 1 + 2));
    pool.advance(2);
    let ok = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert!(ok.authentication_result.is_some());
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 0);
}

#[test]
fn the_count_resets_after_fifteen_minutes_without_attempts() {
    let mut pool = pool(config());
    for _ in 0..4 {
        let _ = sign_in(&mut pool, "ana", "Wrong-Horse-9");
    }
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 4);
    pool.advance(15 * 60);
    let _ = sign_in(&mut pool, "ana", "Wrong-Horse-9");
    let view = pool.user("ana").unwrap();
    assert_eq!(view.failed_attempts, 1);
    assert_eq!(view.locked_until, None);
}

// ----- success and challenges -----

#[test]
fn success_returns_tokens_in_cognitos_shape() {
    let mut pool = pool(config());
    let response = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    let json = serde_json::to_value(&response).unwrap();
    let result = &json["AuthenticationResult"];
    assert_eq!(result["ExpiresIn"], 3600);
    assert_eq!(result["TokenType"], "Bearer");
    assert_eq!(
        result["AccessToken"].as_str().unwrap().split('.').count(),
        3
    );
    assert_eq!(result["IdToken"].as_str().unwrap().split('.').count(), 3);
    assert_eq!(
        result["RefreshToken"].as_str().unwrap().split('.').count(),
        5
    );
    assert_eq!(json["ChallengeParameters"], serde_json::json!({}));
    assert!(json.get("Session").is_none());
    assert!(json.get("ChallengeName").is_none());
}

#[test]
fn the_seed_lesson_signs_in_under_the_relaxed_policy() {
    let mut pool = UserPool::new(relaxed(), SEED, NOW);
    pool.add_user(SeedUser::new("user123", "pass123")).unwrap();
    assert!(
        sign_in(&mut pool, "user123", "pass123")
            .unwrap()
            .authentication_result
            .is_some()
    );
    assert_exception(
        sign_in(&mut pool, "user123", "wrongpass"),
        "NotAuthorizedException: Incorrect username or password.",
    );
}

#[test]
fn real_owasp_parameters_hash_and_verify() {
    // Cognito's defaults, argon2 included (m=19456 KiB, t=2, p=1).
    let mut pool = UserPool::new(
        PoolConfig {
            explicit_auth_flows: vec![ExplicitAuthFlow::AllowUserPasswordAuth],
            ..PoolConfig::default()
        },
        SEED,
        NOW,
    );
    pool.add_user(SeedUser::new("ana", PASSWORD)).unwrap();
    assert!(
        pool.user("ana")
            .unwrap()
            .password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
    );
    assert!(sign_in(&mut pool, "ana", PASSWORD).is_ok());
    assert!(sign_in(&mut pool, "ana", "Wrong-Horse-9").is_err());
    let log = pool.take_crypto_log();
    let ops: Vec<(&str, &str)> = log
        .iter()
        .map(|c| (c.operation.as_str(), c.params.as_str()))
        .collect();
    // An imported user's hash is made before any step needs it and logged by none.
    assert!(!ops.iter().any(|(op, _)| *op == "argon2id hash"), "{ops:?}");
    assert_eq!(
        ops.iter()
            .filter(|&&op| op == ("argon2id verify", "m=19456 KiB, t=2, p=1"))
            .count(),
        2
    );
    assert!(ops.iter().any(|(op, _)| *op == "RS256 sign"));
}

#[test]
fn force_change_password_checks_the_temporary_password_before_the_challenge() {
    let mut pool = pool_with_status(UserStatus::ForceChangePassword);
    assert_exception(
        sign_in(&mut pool, "ana", "Wrong-Horse-9"),
        "NotAuthorizedException: Incorrect username or password.",
    );
    let challenge = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert_eq!(
        challenge.challenge_name,
        Some(ChallengeName::NewPasswordRequired)
    );
    assert!(challenge.authentication_result.is_none());
    assert!(challenge.session.as_deref().is_some_and(|s| s.len() > 100));
    let params = &challenge.challenge_parameters;
    assert_eq!(params["USER_ID_FOR_SRP"], "ana");
    assert_eq!(params["requiredAttributes"], "[]");
    let attributes: serde_json::Value = serde_json::from_str(&params["userAttributes"]).unwrap();
    assert_eq!(attributes["email"], "ana@example.com");
}

#[test]
fn totp_user_gets_the_mfa_challenge_only_after_the_password() {
    let mut pool = UserPool::new(config(), SEED, NOW);
    pool.add_user(SeedUser::new("ana", PASSWORD).totp(true))
        .unwrap();
    assert_exception(
        sign_in(&mut pool, "ana", "Wrong-Horse-9"),
        "NotAuthorizedException: Incorrect username or password.",
    );
    let response = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert_eq!(
        response.challenge_name,
        Some(ChallengeName::SoftwareTokenMfa)
    );
    assert!(response.authentication_result.is_none());
}

// ----- the phased machine (issue item 7) -----

#[test]
fn phases_run_one_at_a_time_and_the_last_one_stays() {
    let mut pool = pool(config());
    pool.take_crypto_log();
    let request = InitiateAuthRequest::user_password(pool.client_id(), "ana", PASSWORD);
    let mut call = pool.start_initiate_auth(request.clone());
    assert_eq!(call.phase(), &AuthPhase::RequestReceived);
    assert_eq!(call.request(), &AuthRequest::Initiate(request.clone()));
    assert_eq!(call.request().operation(), "InitiateAuth");
    assert!(call.checks().is_empty());
    assert!(
        pool.take_crypto_log().is_empty(),
        "receiving a request costs nothing"
    );

    let phase = pool.advance_auth(&mut call).clone();
    assert_eq!(
        phase,
        AuthPhase::CredentialsChecked(CheckOutcome::Authenticated)
    );
    let names: Vec<&str> = call.checks().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "app client",
            "auth flow",
            "request parameters",
            "user exists",
            "user enabled",
            "not locked out",
            "user confirmed",
            "password (argon2id, the mock's stand-in)",
            "no reset required",
            "challenges",
        ]
    );
    assert!(call.checks().iter().all(|c| c.passed));
    let log = pool.take_crypto_log();
    assert_eq!(log.len(), 1, "only the argon2 verify ran: {log:?}");

    let phase = call.advance(&mut pool).clone();
    let AuthPhase::Responded(Ok(response)) = &phase else {
        panic!("expected tokens, got {phase:?}")
    };
    assert!(response.authentication_result.is_some());
    assert!(
        pool.take_crypto_log()
            .iter()
            .any(|c| c.operation == "RS256 sign")
    );
    assert_eq!(call.response(), Some(&Ok(response.clone())));

    // Responded is final.
    assert_eq!(pool.advance_auth(&mut call), &phase);
}

#[test]
fn a_rejected_call_knows_its_error_at_the_check_phase() {
    let mut pool = pool(config());
    let request = InitiateAuthRequest::user_password(pool.client_id(), "ana", "Wrong-Horse-9");
    let mut call = pool.start_initiate_auth(request);
    let phase = pool.advance_auth(&mut call).clone();
    let AuthPhase::CredentialsChecked(CheckOutcome::Rejected(error)) = phase else {
        panic!("expected a rejection, got {phase:?}")
    };
    assert_eq!(
        error.to_string(),
        "NotAuthorizedException: Incorrect username or password."
    );
    let last = call.checks().last().unwrap();
    assert_eq!(last.name, "password (argon2id, the mock's stand-in)");
    assert!(!last.passed);
    assert!(last.detail.contains("failed attempt 1"), "{}", last.detail);
    assert_eq!(
        pool.advance_auth(&mut call),
        &AuthPhase::Responded(Err(error))
    );
}

#[test]
fn one_shot_equals_phased() {
    let mut a = pool(config());
    let mut b = pool(config());
    let request = InitiateAuthRequest::user_password(a.client_id(), "ana", PASSWORD);
    let one_shot = a.initiate_auth(request.clone());
    let mut call = b.start_initiate_auth(request);
    b.advance_auth(&mut call);
    b.advance_auth(&mut call);
    assert_eq!(call.response(), Some(&one_shot));
}
