//! The other operations: sign-up, admin-create + NEW_PASSWORD_REQUIRED, TOTP, recovery,
//! GetUser, disable/enable. Exception rows of facts §2 that these raise, one test each.

use cogflow::cognito::{
    AccessTokenRequest, AdminCreateUserRequest, AdminUserRequest, AttributeType,
    AuthenticationResult, ChallengeName, CodeKind, ConfirmForgotPasswordRequest,
    ConfirmSignUpRequest, InitiateAuthRequest, MessageAction, RespondToAuthChallengeRequest,
    SeedUser, SignUpRequest, UserPool, UserStatus, UsernameRequest, decode_unverified,
};

use super::{
    NOW, PASSWORD, SEED, assert_exception, config, legacy, pool, pool_with_status, sign_in,
};

const NEW_PASSWORD: &str = "Brand-New-Pass-7";

fn sign_up(
    pool: &mut UserPool,
    username: &str,
    password: &str,
) -> Result<cogflow::cognito::SignUpResponse, cogflow::cognito::CognitoError> {
    let request = SignUpRequest {
        secret_hash: None,
        client_id: pool.client_id().to_owned(),
        username: username.to_owned(),
        password: password.to_owned(),
        user_attributes: vec![AttributeType::new("email", "bea@example.org")],
    };
    pool.sign_up(request)
}

fn confirm(
    pool: &mut UserPool,
    username: &str,
    code: &str,
) -> Result<cogflow::cognito::EmptyResponse, cogflow::cognito::CognitoError> {
    let request = ConfirmSignUpRequest {
        secret_hash: None,
        client_id: pool.client_id().to_owned(),
        username: username.to_owned(),
        confirmation_code: code.to_owned(),
    };
    pool.confirm_sign_up(request)
}

fn username_request(pool: &UserPool, username: &str) -> UsernameRequest {
    UsernameRequest {
        secret_hash: None,
        client_id: pool.client_id().to_owned(),
        username: username.to_owned(),
    }
}

fn admin(pool: &UserPool, username: &str) -> AdminUserRequest {
    AdminUserRequest {
        user_pool_id: pool.pool_id().to_owned(),
        username: username.to_owned(),
    }
}

fn tokens_of(response: cogflow::cognito::InitiateAuthResponse) -> AuthenticationResult {
    assert!(response.challenge_name.is_none() && response.session.is_none());
    response.authentication_result.unwrap()
}

/// A wrong code: the right one with its last digit changed.
fn wrong(code: &str) -> String {
    let last = code.chars().last().unwrap();
    let other = if last == '0' { '1' } else { '0' };
    format!("{}{other}", &code[..code.len() - 1])
}

// ----- SignUp family -----

#[test]
fn sign_up_then_confirm_then_sign_in() {
    let mut pool = pool(config());
    let response = sign_up(&mut pool, "bea", PASSWORD).unwrap();
    let json = serde_json::to_value(&response).unwrap();
    assert_eq!(json["UserConfirmed"], false);
    assert_eq!(json["UserSub"], pool.user("bea").unwrap().sub);
    assert_eq!(
        json["CodeDeliveryDetails"],
        serde_json::json!({"AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": "b***@e***"})
    );
    assert_eq!(pool.user("bea").unwrap().status, UserStatus::Unconfirmed);

    let mail = pool.outbox().last().unwrap().clone();
    assert_eq!(mail.kind, CodeKind::SignUp);
    assert_eq!(mail.destination, "bea@example.org");
    assert_eq!(mail.expires_at, NOW + 24 * 3600);
    assert_eq!(mail.code.len(), 6);
    let code = pool.last_code("bea", CodeKind::SignUp).unwrap();
    assert_eq!(code, mail.code);

    assert_exception(
        sign_in(&mut pool, "bea", PASSWORD),
        "UserNotConfirmedException: User is not confirmed.",
    );
    confirm(&mut pool, "bea", &code).unwrap();
    let view = pool.user("bea").unwrap();
    assert_eq!(view.status, UserStatus::Confirmed);
    assert_eq!(view.attributes["email_verified"], "true");
    let t = tokens_of(sign_in(&mut pool, "bea", PASSWORD).unwrap());
    let (_, claims) = decode_unverified(&t.id_token).unwrap();
    assert_eq!(claims["email_verified"], true);
}

#[test]
fn sign_up_reports_one_unmet_policy_rule() {
    let mut pool = pool(config());
    assert_exception(
        sign_up(&mut pool, "bea", "Short1!"),
        "InvalidPasswordException: Password did not conform with policy: Password not long enough",
    );
    assert_exception(
        sign_up(&mut pool, "bea", "nouppercase1!"),
        "InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters",
    );
    assert_exception(
        sign_up(&mut pool, "bea", "NOLOWERCASE1!"),
        "InvalidPasswordException: Password did not conform with policy: Password must have lowercase characters",
    );
    assert_exception(
        sign_up(&mut pool, "bea", "NoNumbers!!"),
        "InvalidPasswordException: Password did not conform with policy: Password must have numeric characters",
    );
    assert_exception(
        sign_up(&mut pool, "bea", "NoSymbols123"),
        "InvalidPasswordException: Password did not conform with policy: Password must have symbol characters",
    );
    assert!(pool.user("bea").is_none());
}

#[test]
fn sign_up_with_a_taken_username() {
    let mut pool = pool(config());
    assert_exception(
        sign_up(&mut pool, "ana", PASSWORD),
        "UsernameExistsException: User already exists",
    );
}

#[test]
fn confirm_with_a_wrong_code() {
    let mut pool = pool(config());
    sign_up(&mut pool, "bea", PASSWORD).unwrap();
    let code = pool.last_code("bea", CodeKind::SignUp).unwrap();
    assert_exception(
        confirm(&mut pool, "bea", &wrong(&code)),
        "CodeMismatchException: Invalid verification code provided, please try again.",
    );
    confirm(&mut pool, "bea", &code).unwrap();
}

#[test]
fn confirm_with_an_expired_code() {
    let mut pool = pool(config());
    sign_up(&mut pool, "bea", PASSWORD).unwrap();
    let code = pool.last_code("bea", CodeKind::SignUp).unwrap();
    pool.advance(24 * 3600);
    assert_exception(
        confirm(&mut pool, "bea", &code),
        "ExpiredCodeException: Invalid code provided, please request a code again.",
    );
    // A resent code replaces it; the old one no longer works.
    let resent = pool
        .resend_confirmation_code(username_request(&pool, "bea"))
        .unwrap();
    assert_eq!(resent.code_delivery_details.destination, "b***@e***");
    let new_code = pool.last_code("bea", CodeKind::SignUp).unwrap();
    if new_code != code {
        assert_exception(
            confirm(&mut pool, "bea", &code),
            "CodeMismatchException: Invalid verification code provided, please try again.",
        );
    }
    confirm(&mut pool, "bea", &new_code).unwrap();
}

#[test]
fn confirm_a_user_who_is_not_unconfirmed() {
    let mut pool = pool(config());
    assert_exception(
        confirm(&mut pool, "ana", "123456"),
        "NotAuthorizedException: User cannot confirm because user status is not UNCONFIRMED.",
    );
}

#[test]
fn resend_for_a_confirmed_user() {
    let mut pool = pool(config());
    assert_exception(
        pool.resend_confirmation_code(username_request(&pool, "ana")),
        "InvalidParameterException: User is already confirmed.",
    );
}

#[test]
fn unknown_users_in_code_calls_depend_on_prevent_user_existence_errors() {
    let mut enabled = pool(config());
    let simulated = enabled
        .resend_confirmation_code(username_request(&enabled, "zed"))
        .unwrap();
    assert!(
        simulated
            .code_delivery_details
            .destination
            .starts_with("z***@")
    );
    let simulated = enabled
        .forgot_password(username_request(&enabled, "zed"))
        .unwrap();
    assert_eq!(simulated.code_delivery_details.delivery_medium, "EMAIL");
    assert!(
        enabled.outbox().is_empty(),
        "nothing is really sent to nobody"
    );
    assert_exception(
        confirm(&mut enabled, "zed", "123456"),
        "CodeMismatchException: Invalid verification code provided, please try again.",
    );

    let mut legacy = pool(legacy());
    assert_exception(
        legacy.resend_confirmation_code(username_request(&legacy, "zed")),
        "UserNotFoundException: Username/client id combination not found.",
    );
    assert_exception(
        legacy.forgot_password(username_request(&legacy, "zed")),
        "UserNotFoundException: Username/client id combination not found.",
    );
    assert_exception(
        confirm(&mut legacy, "zed", "123456"),
        "UserNotFoundException: Username/client id combination not found.",
    );
}

// ----- AdminCreateUser + NEW_PASSWORD_REQUIRED -----

fn admin_create(
    pool: &mut UserPool,
    username: &str,
    temporary: Option<&str>,
    action: Option<MessageAction>,
) -> Result<cogflow::cognito::AdminCreateUserResponse, cogflow::cognito::CognitoError> {
    let request = AdminCreateUserRequest {
        user_pool_id: pool.pool_id().to_owned(),
        username: username.to_owned(),
        temporary_password: temporary.map(str::to_owned),
        message_action: action,
        user_attributes: vec![
            AttributeType::new("email", "cy@example.net"),
            AttributeType::new("email_verified", "true"),
        ],
    };
    pool.admin_create_user(request)
}

#[test]
fn admin_created_user_must_choose_a_new_password() {
    let mut pool = pool(config());
    let created = admin_create(&mut pool, "cy", None, None).unwrap();
    let json = serde_json::to_value(&created).unwrap();
    assert_eq!(json["User"]["UserStatus"], "FORCE_CHANGE_PASSWORD");
    assert_eq!(json["User"]["Attributes"][0]["Name"], "sub");
    let invitation = pool.outbox().last().unwrap().clone();
    assert_eq!(invitation.kind, CodeKind::TemporaryPassword);
    assert_eq!(invitation.expires_at, NOW + 7 * 86_400);
    let temporary = pool.last_code("cy", CodeKind::TemporaryPassword).unwrap();
    assert!(
        config().password_policy.check(&temporary).is_ok(),
        "{temporary}"
    );

    let challenge = sign_in(&mut pool, "cy", &temporary).unwrap();
    assert_eq!(
        challenge.challenge_name,
        Some(ChallengeName::NewPasswordRequired)
    );
    let session = challenge.session.unwrap();

    // A weak new password is refused and the session can be used again.
    let weak =
        RespondToAuthChallengeRequest::new_password(pool.client_id(), &session, "cy", "weak");
    assert_exception(
        pool.respond_to_auth_challenge(weak),
        "InvalidPasswordException: Password did not conform with policy: Password not long enough",
    );
    let mut answer =
        RespondToAuthChallengeRequest::new_password(pool.client_id(), &session, "cy", NEW_PASSWORD);
    answer
        .challenge_responses
        .insert("userAttributes.name".into(), "Cy".into());
    let t = tokens_of(pool.respond_to_auth_challenge(answer.clone()).unwrap());
    assert!(t.refresh_token.is_some());
    let view = pool.user("cy").unwrap();
    assert_eq!(view.status, UserStatus::Confirmed);
    assert_eq!(view.attributes["name"], "Cy");
    assert_eq!(view.temporary_password_expires_at, None);

    // The session was single-use; the new password now signs in, the temporary one does not.
    assert_exception(
        pool.respond_to_auth_challenge(answer),
        "NotAuthorizedException: Invalid session for the user.",
    );
    assert!(
        sign_in(&mut pool, "cy", NEW_PASSWORD)
            .unwrap()
            .authentication_result
            .is_some()
    );
    assert_exception(
        sign_in(&mut pool, "cy", &temporary),
        "NotAuthorizedException: Incorrect username or password.",
    );
}

#[test]
fn admin_create_user_errors() {
    let mut pool = pool(config());
    assert_exception(
        admin_create(&mut pool, "ana", None, None),
        "UsernameExistsException: User account already exists",
    );
    assert_exception(
        admin_create(&mut pool, "cy", Some("weak"), None),
        "InvalidPasswordException: Password did not conform with policy: Password not long enough",
    );
    assert_exception(
        admin_create(&mut pool, "cy", None, Some(MessageAction::Resend)),
        "UserNotFoundException: User does not exist.",
    );
    assert_exception(
        admin_create(&mut pool, "ana", None, Some(MessageAction::Resend)),
        "UnsupportedUserStateException: Resend not possible. ana status is not FORCE_CHANGE_PASSWORD.",
    );
    let mut request = AdminCreateUserRequest {
        user_pool_id: "us-east-1_Elsewhere".into(),
        username: "cy".into(),
        temporary_password: None,
        message_action: None,
        user_attributes: vec![],
    };
    assert_exception(
        pool.admin_create_user(request.clone()),
        "ResourceNotFoundException: User pool us-east-1_Elsewhere does not exist.",
    );
    request.user_pool_id = pool.pool_id().to_owned();
    request.message_action = Some(MessageAction::Suppress);
    pool.admin_create_user(request).unwrap();
    assert!(pool.outbox().is_empty(), "SUPPRESS sends nothing");
}

#[test]
fn resend_renews_an_expired_temporary_password() {
    let mut pool = pool(config());
    admin_create(&mut pool, "cy", Some("Temp-Pass-123"), None).unwrap();
    pool.advance(8 * 86_400);
    assert_exception(
        sign_in(&mut pool, "cy", "Temp-Pass-123"),
        "NotAuthorizedException: Temporary password has expired and must be reset by an administrator.",
    );
    admin_create(&mut pool, "cy", None, Some(MessageAction::Resend)).unwrap();
    let temporary = pool.last_code("cy", CodeKind::TemporaryPassword).unwrap();
    assert_ne!(temporary, "Temp-Pass-123");
    let challenge = sign_in(&mut pool, "cy", &temporary).unwrap();
    assert_eq!(
        challenge.challenge_name,
        Some(ChallengeName::NewPasswordRequired)
    );
}

#[test]
fn challenge_sessions_expire_after_three_minutes() {
    let mut pool = pool_with_status(UserStatus::ForceChangePassword);
    let session = sign_in(&mut pool, "ana", PASSWORD)
        .unwrap()
        .session
        .unwrap();
    pool.advance(180);
    let answer = RespondToAuthChallengeRequest::new_password(
        pool.client_id(),
        &session,
        "ana",
        NEW_PASSWORD,
    );
    assert_exception(
        pool.respond_to_auth_challenge(answer),
        "NotAuthorizedException: Invalid session for the user, session is expired.",
    );
}

#[test]
fn a_session_answers_only_its_own_user_and_challenge() {
    let mut pool = pool_with_status(UserStatus::ForceChangePassword);
    let session = sign_in(&mut pool, "ana", PASSWORD)
        .unwrap()
        .session
        .unwrap();
    let other_user = RespondToAuthChallengeRequest::new_password(
        pool.client_id(),
        &session,
        "bob",
        NEW_PASSWORD,
    );
    assert_exception(
        pool.respond_to_auth_challenge(other_user),
        "NotAuthorizedException: Invalid session for the user.",
    );
    let other_challenge =
        RespondToAuthChallengeRequest::totp(pool.client_id(), &session, "ana", "123456");
    assert_exception(
        pool.respond_to_auth_challenge(other_challenge),
        "NotAuthorizedException: Invalid session for the user.",
    );
    let mut missing = RespondToAuthChallengeRequest::new_password(
        pool.client_id(),
        &session,
        "ana",
        NEW_PASSWORD,
    );
    missing.challenge_responses.remove("NEW_PASSWORD");
    assert_exception(
        pool.respond_to_auth_challenge(missing),
        "InvalidParameterException: Missing required parameter NEW_PASSWORD",
    );
    // A Session the pool never issued (long enough for the model's 20 characters) is invalid;
    // a shorter one fails the model's length first.
    let client_id = pool.client_id().to_owned();
    let garbage = |session: &str| {
        RespondToAuthChallengeRequest::new_password(&client_id, session, "ana", NEW_PASSWORD)
    };
    assert_exception(
        pool.respond_to_auth_challenge(garbage("garbage-garbage-garbage")),
        "NotAuthorizedException: Invalid session for the user.",
    );
    assert_exception(
        pool.respond_to_auth_challenge(garbage("garbage")),
        "InvalidParameterException: 1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
}

// ----- TOTP -----

fn totp_pool(status: UserStatus) -> UserPool {
    let mut pool = UserPool::new(config(), SEED, NOW);
    pool.add_user(SeedUser::new("ana", PASSWORD).status(status).totp(true))
        .unwrap();
    pool
}

#[test]
fn software_token_mfa_with_the_authenticator_code() {
    let mut pool = totp_pool(UserStatus::Confirmed);
    let challenge = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert_eq!(
        challenge.challenge_name,
        Some(ChallengeName::SoftwareTokenMfa)
    );
    assert_eq!(challenge.challenge_parameters["USER_ID_FOR_SRP"], "ana");
    let session = challenge.session.unwrap();
    let code = pool.totp_now("ana").unwrap();
    assert_eq!(code.len(), 6);
    // The same code an authenticator app computes from the base32 secret.
    let secret = pool.totp_secret("ana").unwrap();
    assert_eq!(secret.len(), 52);
    assert!(pool.user("ana").unwrap().has_totp);

    let bad = RespondToAuthChallengeRequest::totp(pool.client_id(), &session, "ana", &wrong(&code));
    assert_exception(
        pool.respond_to_auth_challenge(bad),
        "CodeMismatchException: Invalid code or auth state for the user.",
    );
    pool.advance(20);
    let good = RespondToAuthChallengeRequest::totp(pool.client_id(), &session, "ana", &code);
    let t = tokens_of(pool.respond_to_auth_challenge(good).unwrap());
    let (_, claims) = decode_unverified(&t.access_token).unwrap();
    assert_eq!(claims["auth_time"], NOW + 20);
}

#[test]
fn new_password_then_mfa_then_tokens() {
    let mut pool = totp_pool(UserStatus::ForceChangePassword);
    let first = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert_eq!(
        first.challenge_name,
        Some(ChallengeName::NewPasswordRequired)
    );
    let answer = RespondToAuthChallengeRequest::new_password(
        pool.client_id(),
        first.session.as_deref().unwrap(),
        "ana",
        NEW_PASSWORD,
    );
    let second = pool.respond_to_auth_challenge(answer).unwrap();
    assert_eq!(second.challenge_name, Some(ChallengeName::SoftwareTokenMfa));
    assert!(second.authentication_result.is_none());
    let code = pool.totp_now("ana").unwrap();
    let answer = RespondToAuthChallengeRequest::totp(
        pool.client_id(),
        second.session.as_deref().unwrap(),
        "ana",
        &code,
    );
    tokens_of(pool.respond_to_auth_challenge(answer).unwrap());
}

// ----- ForgotPassword -----

#[test]
fn forgot_password_then_confirm_with_the_emailed_code() {
    let mut pool = pool(config());
    let sent = pool
        .forgot_password(username_request(&pool, "ana"))
        .unwrap();
    assert_eq!(sent.code_delivery_details.destination, "a***@e***");
    let mail = pool.outbox().last().unwrap().clone();
    assert_eq!(
        (mail.kind, mail.expires_at),
        (CodeKind::ForgotPassword, NOW + 3600)
    );
    let code = pool.last_code("ana", CodeKind::ForgotPassword).unwrap();
    let mut request = ConfirmForgotPasswordRequest {
        secret_hash: None,
        client_id: pool.client_id().to_owned(),
        username: "ana".into(),
        confirmation_code: wrong(&code),
        password: NEW_PASSWORD.into(),
    };
    assert_exception(
        pool.confirm_forgot_password(request.clone()),
        "CodeMismatchException: Invalid verification code provided, please try again.",
    );
    request.confirmation_code = code.clone();
    request.password = "weak".into();
    assert_exception(
        pool.confirm_forgot_password(request.clone()),
        "InvalidPasswordException: Password did not conform with policy: Password not long enough",
    );
    request.password = NEW_PASSWORD.into();
    pool.confirm_forgot_password(request.clone()).unwrap();
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "NotAuthorizedException: Incorrect username or password.",
    );
    assert!(sign_in(&mut pool, "ana", NEW_PASSWORD).is_ok());
    // The code is used up.
    assert_exception(
        pool.confirm_forgot_password(request),
        "ExpiredCodeException: Invalid code provided, please request a code again.",
    );
}

#[test]
fn confirm_forgot_password_without_a_requested_code_or_after_an_hour() {
    let mut pool = pool(config());
    let mut request = ConfirmForgotPasswordRequest {
        secret_hash: None,
        client_id: pool.client_id().to_owned(),
        username: "ana".into(),
        confirmation_code: "123456".into(),
        password: NEW_PASSWORD.into(),
    };
    assert_exception(
        pool.confirm_forgot_password(request.clone()),
        "ExpiredCodeException: Invalid code provided, please request a code again.",
    );
    pool.forgot_password(username_request(&pool, "ana"))
        .unwrap();
    request.confirmation_code = pool.last_code("ana", CodeKind::ForgotPassword).unwrap();
    pool.advance(3600);
    assert_exception(
        pool.confirm_forgot_password(request),
        "ExpiredCodeException: Invalid code provided, please request a code again.",
    );
}

#[test]
fn reset_required_user_resets_and_signs_in() {
    let mut pool = pool_with_status(UserStatus::ResetRequired);
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "PasswordResetRequiredException: Password reset required for the user",
    );
    pool.forgot_password(username_request(&pool, "ana"))
        .unwrap();
    let request = ConfirmForgotPasswordRequest {
        secret_hash: None,
        client_id: pool.client_id().to_owned(),
        username: "ana".into(),
        confirmation_code: pool.last_code("ana", CodeKind::ForgotPassword).unwrap(),
        password: NEW_PASSWORD.into(),
    };
    pool.confirm_forgot_password(request).unwrap();
    assert_eq!(pool.user("ana").unwrap().status, UserStatus::Confirmed);
    tokens_of(sign_in(&mut pool, "ana", NEW_PASSWORD).unwrap());
}

#[test]
fn forgot_password_needs_a_verified_email() {
    let mut pool = UserPool::new(config(), SEED, NOW);
    pool.add_user(SeedUser::new("ana", PASSWORD).attribute("email", "ana@example.com"))
        .unwrap();
    assert_exception(
        pool.forgot_password(username_request(&pool, "ana")),
        "InvalidParameterException: Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
}

// ----- GetUser, disable / enable -----

#[test]
fn get_user_with_the_access_token() {
    let mut pool = pool(config());
    let t = tokens_of(sign_in(&mut pool, "ana", PASSWORD).unwrap());
    let user = pool
        .get_user(AccessTokenRequest {
            access_token: t.access_token.clone(),
        })
        .unwrap();
    let json = serde_json::to_value(&user).unwrap();
    assert_eq!(json["Username"], "ana");
    assert_eq!(
        json["UserAttributes"][0],
        serde_json::json!({"Name": "sub", "Value": pool.user("ana").unwrap().sub})
    );
    assert!(json.get("PreferredMfaSetting").is_none());
    assert!(
        pool.take_crypto_log()
            .iter()
            .any(|c| c.operation == "RS256 verify")
    );

    // The ID token is not an access token; nor is garbage.
    assert_exception(
        pool.get_user(AccessTokenRequest {
            access_token: t.id_token,
        }),
        "NotAuthorizedException: Invalid Access Token",
    );
    assert_exception(
        pool.get_user(AccessTokenRequest {
            access_token: "x.y.z".into(),
        }),
        "NotAuthorizedException: Invalid Access Token",
    );

    pool.advance(3600);
    assert_exception(
        pool.get_user(AccessTokenRequest {
            access_token: t.access_token,
        }),
        "NotAuthorizedException: Access Token has expired",
    );
}

#[test]
fn a_token_from_another_pool_is_invalid() {
    let mut ours = pool(config());
    let mut theirs = UserPool::new(config(), SEED + 1000, NOW);
    theirs.add_user(SeedUser::new("ana", PASSWORD)).unwrap();
    let foreign = tokens_of(sign_in(&mut theirs, "ana", PASSWORD).unwrap());
    assert_exception(
        ours.get_user(AccessTokenRequest {
            access_token: foreign.access_token,
        }),
        "NotAuthorizedException: Invalid Access Token",
    );
    let refresh =
        InitiateAuthRequest::refresh(ours.client_id(), foreign.refresh_token.as_deref().unwrap());
    assert_exception(
        ours.initiate_auth(refresh),
        "NotAuthorizedException: Invalid Refresh Token.",
    );
}

#[test]
fn disable_and_enable() {
    let mut pool = pool(config());
    let t = tokens_of(sign_in(&mut pool, "ana", PASSWORD).unwrap());
    pool.admin_disable_user(admin(&pool, "ana")).unwrap();
    assert!(!pool.admin_get_user(admin(&pool, "ana")).unwrap().enabled);
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "NotAuthorizedException: User is disabled.",
    );
    assert_exception(
        pool.get_user(AccessTokenRequest {
            access_token: t.access_token.clone(),
        }),
        "NotAuthorizedException: Access Token has been revoked",
    );
    pool.admin_enable_user(admin(&pool, "ana")).unwrap();
    // Re-enabling does not bring old tokens back.
    assert_exception(
        pool.get_user(AccessTokenRequest {
            access_token: t.access_token,
        }),
        "NotAuthorizedException: Access Token has been revoked",
    );
    tokens_of(sign_in(&mut pool, "ana", PASSWORD).unwrap());
    assert_exception(
        pool.admin_disable_user(admin(&pool, "zed")),
        "UserNotFoundException: User does not exist.",
    );
    let got = serde_json::to_value(pool.admin_get_user(admin(&pool, "ana")).unwrap()).unwrap();
    assert_eq!(got["UserStatus"], "CONFIRMED");
    assert_eq!(got["Enabled"], true);
}
