//! Groups in tokens, sign-in by email (UsernameAttributes and AliasAttributes), custom
//! attributes, app clients with a secret, triggers, faults, no user-existence leak, and admin
//! user management. Exact exception names and messages, one behaviour per test.

use cogflow::cognito::{
    AccessTokenRequest, AdminUpdateUserAttributesRequest, AdminUserRequest, AttributeType,
    ClientSecret, CodeKind, ConfirmSignUpRequest, CreateGroupRequest, CustomAttribute,
    CustomMessage, Fault, FaultKind, InitiateAuthRequest, ListUsersRequest, PoolConfig,
    PreAuthentication, PreSignUp, PreTokenGeneration, SeedUser, SignInAttribute, SignUpRequest,
    Triggers, UpdateUserAttributesRequest, UserGroupRequest, UserPool, UserStatus, UsernameRequest,
    decode_unverified, secret_hash,
};

use super::{NOW, PASSWORD, SEED, assert_exception, config, pool, sign_in};

fn id_claims(
    response: &cogflow::cognito::InitiateAuthResponse,
) -> (serde_json::Value, serde_json::Value) {
    let result = response.authentication_result.as_ref().unwrap();
    let (_, id) = decode_unverified(&result.id_token).unwrap();
    let (_, access) = decode_unverified(&result.access_token).unwrap();
    (id, access)
}

fn group(pool: &mut UserPool, name: &str, precedence: u32, role: Option<&str>) {
    pool.create_group(CreateGroupRequest {
        group_name: name.into(),
        user_pool_id: pool.pool_id().into(),
        description: None,
        role_arn: role.map(str::to_owned),
        precedence: Some(precedence),
    })
    .unwrap();
}

fn add(
    pool: &mut UserPool,
    user: &str,
    name: &str,
) -> Result<cogflow::cognito::EmptyResponse, cogflow::cognito::CognitoError> {
    pool.admin_add_user_to_group(UserGroupRequest {
        user_pool_id: pool.pool_id().into(),
        username: user.into(),
        group_name: name.into(),
    })
}

// ----- groups -----

#[test]
fn the_next_tokens_carry_the_groups_an_admin_added() {
    let mut pool = pool(config());
    let before = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert!(id_claims(&before).0.get("cognito:groups").is_none());

    group(
        &mut pool,
        "editors",
        5,
        Some("arn:aws:iam::123456789012:role/Editor"),
    );
    group(
        &mut pool,
        "admins",
        0,
        Some("arn:aws:iam::123456789012:role/Admin"),
    );
    add(&mut pool, "ana", "editors").unwrap();
    add(&mut pool, "ana", "admins").unwrap();
    add(&mut pool, "ana", "admins").unwrap();
    assert_exception(
        add(&mut pool, "ana", "nobody"),
        "ResourceNotFoundException: Group not found.",
    );
    assert_exception(
        add(&mut pool, "zed", "admins"),
        "UserNotFoundException: User does not exist.",
    );
    assert_exception(
        pool.create_group(CreateGroupRequest {
            group_name: "admins".into(),
            user_pool_id: pool.pool_id().into(),
            description: None,
            role_arn: None,
            precedence: None,
        }),
        "GroupExistsException: A group with the name admins already exists.",
    );

    let after = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    let (id, access) = id_claims(&after);
    assert_eq!(
        id["cognito:groups"],
        serde_json::json!(["admins", "editors"])
    );
    assert_eq!(
        access["cognito:groups"],
        serde_json::json!(["admins", "editors"])
    );
    assert_eq!(
        id["cognito:roles"],
        serde_json::json!([
            "arn:aws:iam::123456789012:role/Admin",
            "arn:aws:iam::123456789012:role/Editor"
        ])
    );
    assert_eq!(
        id["cognito:preferred_role"],
        "arn:aws:iam::123456789012:role/Admin"
    );
    assert!(
        access.get("cognito:roles").is_none(),
        "roles are in the ID token only"
    );

    let listed = pool
        .admin_list_groups_for_user(AdminUserRequest {
            user_pool_id: pool.pool_id().into(),
            username: "ana".into(),
        })
        .unwrap();
    let json = serde_json::to_value(&listed).unwrap();
    assert_eq!(json["Groups"][0]["GroupName"], "admins");
    assert_eq!(json["Groups"][0]["Precedence"], 0);
    assert_eq!(json["Groups"][0]["UserPoolId"], pool.pool_id());
}

// ----- sign-in names -----

fn email_username_pool() -> UserPool {
    UserPool::new(
        PoolConfig {
            username_attributes: vec![SignInAttribute::Email],
            ..config()
        },
        SEED,
        NOW,
    )
}

fn sign_up(
    pool: &mut UserPool,
    username: &str,
    email: Option<&str>,
) -> Result<cogflow::cognito::SignUpResponse, cogflow::cognito::CognitoError> {
    pool.sign_up(SignUpRequest {
        client_id: pool.client_id().into(),
        username: username.into(),
        password: PASSWORD.into(),
        user_attributes: email
            .map(|e| AttributeType::new("email", e))
            .into_iter()
            .collect(),
        secret_hash: None,
    })
}

fn confirm(
    pool: &mut UserPool,
    given: &str,
    stored: &str,
) -> Result<cogflow::cognito::EmptyResponse, cogflow::cognito::CognitoError> {
    let code = pool.last_code(stored, CodeKind::SignUp).unwrap();
    pool.confirm_sign_up(ConfirmSignUpRequest {
        client_id: pool.client_id().into(),
        username: given.into(),
        confirmation_code: code,
        secret_hash: None,
    })
}

#[test]
fn email_as_username_makes_the_username_a_uuid() {
    let mut pool = email_username_pool();
    assert_exception(
        sign_up(&mut pool, "ana", None),
        "InvalidParameterException: Username should be an email.",
    );
    let signed_up = sign_up(&mut pool, "ana@example.com", None).unwrap();
    let sub = signed_up.user_sub.clone();
    let user = pool.user(&sub).unwrap();
    assert_eq!(user.username, sub, "the username is the sub");
    assert_eq!(user.attributes["email"], "ana@example.com");
    assert_eq!(
        signed_up.code_delivery_details.unwrap().destination,
        "a***@e***"
    );
    confirm(&mut pool, "ana@example.com", &sub).unwrap();
    let tokens = sign_in(&mut pool, "ana@example.com", PASSWORD).unwrap();
    let (id, access) = id_claims(&tokens);
    assert_eq!(id["cognito:username"], sub);
    assert_eq!(access["username"], sub);
    assert_eq!(id["email"], "ana@example.com");

    assert_exception(
        sign_up(&mut pool, "ANA@example.com", None),
        "UsernameExistsException: An account with the given email already exists.",
    );
}

#[test]
fn an_email_alias_signs_in_once_verified_and_only_one_user_may_hold_it() {
    let mut pool = UserPool::new(
        PoolConfig {
            alias_attributes: vec![SignInAttribute::Email, SignInAttribute::PreferredUsername],
            ..config()
        },
        SEED,
        NOW,
    );
    sign_up(&mut pool, "ana", Some("shared@example.com")).unwrap();
    // Unverified: the alias does not sign in yet.
    pool.set_user_status("ana", UserStatus::Confirmed).unwrap();
    assert_exception(
        sign_in(&mut pool, "shared@example.com", PASSWORD),
        "NotAuthorizedException: Incorrect username or password.",
    );
    pool.set_user_status("ana", UserStatus::Unconfirmed)
        .unwrap();
    confirm(&mut pool, "ana", "ana").unwrap();
    let tokens = sign_in(&mut pool, "shared@example.com", PASSWORD).unwrap();
    assert_eq!(
        id_claims(&tokens).0["cognito:username"],
        "ana",
        "the real username"
    );

    // A second user may sign up with the same email, but not confirm (verify) it.
    sign_up(&mut pool, "bea", Some("shared@example.com")).unwrap();
    assert_exception(
        confirm(&mut pool, "bea", "bea"),
        "AliasExistsException: An account with the email already exists.",
    );
}

// ----- custom attributes -----

#[test]
fn custom_attributes_are_checked_and_shown_in_the_id_token() {
    let mut pool = UserPool::new(
        PoolConfig {
            custom_attributes: vec![
                CustomAttribute {
                    mutable: false,
                    ..CustomAttribute::string("tenant")
                },
                CustomAttribute::string("plan"),
            ],
            ..config()
        },
        SEED,
        NOW,
    );
    pool.add_user(SeedUser::new("ana", PASSWORD).attribute("custom:tenant", "acme"))
        .unwrap();
    let tokens = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert_eq!(id_claims(&tokens).0["custom:tenant"], "acme");
    let access = tokens.authentication_result.unwrap().access_token;
    let update = |pool: &mut UserPool, name: &str, value: &str| {
        pool.update_user_attributes(UpdateUserAttributesRequest {
            access_token: AccessTokenRequest {
                access_token: access.clone(),
            },
            user_attributes: vec![AttributeType::new(name, value)],
        })
    };
    assert_exception(
        update(&mut pool, "custom:tenant", "other"),
        "InvalidParameterException: Cannot modify the non-mutable attribute custom:tenant",
    );
    assert_exception(
        update(&mut pool, "custom:colour", "red"),
        "InvalidParameterException: Attributes did not conform to the schema: custom:colour: Attribute does not exist in the schema.\n",
    );
    update(&mut pool, "custom:plan", "pro").unwrap();
    assert_exception(
        pool.admin_update_user_attributes(AdminUpdateUserAttributesRequest {
            user_pool_id: pool.pool_id().into(),
            username: "ana".into(),
            user_attributes: vec![AttributeType::new("custom:tenant", "x")],
        }),
        "InvalidParameterException: Cannot modify the non-mutable attribute custom:tenant",
    );
    let tokens = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    assert_eq!(id_claims(&tokens).0["custom:plan"], "pro");
}

// ----- client secret -----

#[test]
fn a_client_with_a_secret_checks_secret_hash_on_every_call() {
    let mut pool = UserPool::new(
        PoolConfig {
            client_secret: ClientSecret::Generate,
            ..config()
        },
        SEED,
        NOW,
    );
    pool.add_user(SeedUser::new("ana", PASSWORD)).unwrap();
    let secret = pool.client_secret().unwrap().to_owned();
    assert_eq!(secret.len(), 51);
    let client = pool.client_id().to_owned();
    let refused =
        format!("NotAuthorizedException: Unable to verify secret hash for client {client}");

    let with = |hash: Option<&str>| {
        let mut request = InitiateAuthRequest::user_password(&client, "ana", PASSWORD);
        if let Some(hash) = hash {
            request
                .auth_parameters
                .insert("SECRET_HASH".into(), hash.into());
        }
        request
    };
    assert_exception(pool.initiate_auth(with(None)), &refused);
    assert_exception(pool.initiate_auth(with(Some("d3Jvbmc="))), &refused);
    let right = secret_hash(&secret, "ana", &client);
    assert_eq!(pool.secret_hash_for("ana").as_deref(), Some(right.as_str()));
    let call = pool.start_initiate_auth(with(Some(&right)));
    let mut call = call;
    pool.advance_auth(&mut call);
    let check = call
        .checks()
        .iter()
        .find(|c| c.name == "secret hash")
        .unwrap();
    assert!(check.passed, "{check:?}");
    pool.advance_auth(&mut call);
    assert!(call.response().unwrap().is_ok());

    assert_exception(
        pool.forgot_password(UsernameRequest {
            client_id: client.clone(),
            username: "ana".into(),
            secret_hash: None,
        }),
        &refused,
    );
}

// ----- triggers -----

#[test]
fn pre_sign_up_can_auto_confirm_or_reject() {
    let mut auto = UserPool::new(
        PoolConfig {
            triggers: Triggers {
                pre_sign_up: Some(PreSignUp {
                    auto_confirm: true,
                    auto_verify_email: true,
                    reject: None,
                }),
                post_confirmation: true,
                ..Triggers::default()
            },
            ..config()
        },
        SEED,
        NOW,
    );
    let response = sign_up(&mut auto, "bea", Some("bea@example.org")).unwrap();
    assert!(response.user_confirmed);
    assert!(response.code_delivery_details.is_none(), "no code is sent");
    assert_eq!(
        auto.user("bea").unwrap().attributes["email_verified"],
        "true"
    );
    let log: Vec<(String, String)> = auto
        .take_trigger_log()
        .into_iter()
        .map(|r| (r.source, r.returned))
        .collect();
    assert_eq!(
        log,
        [
            (
                "PreSignUp_SignUp".to_owned(),
                "autoConfirmUser: true, autoVerifyEmail: true".to_owned()
            ),
            (
                "PostConfirmation_ConfirmSignUp".to_owned(),
                "returned the event unchanged".to_owned()
            ),
        ]
    );

    let mut rejecting = UserPool::new(
        PoolConfig {
            triggers: Triggers {
                pre_sign_up: Some(PreSignUp {
                    reject: Some("Registration from this domain is not allowed.".into()),
                    ..PreSignUp::default()
                }),
                ..Triggers::default()
            },
            ..config()
        },
        SEED,
        NOW,
    );
    assert_exception(
        sign_up(&mut rejecting, "bea", Some("bea@example.org")),
        "UserLambdaValidationException: PreSignUp failed with error Registration from this domain is not allowed..",
    );
    assert!(rejecting.user("bea").is_none());
}

#[test]
fn pre_authentication_rejects_and_pre_token_generation_adds_claims() {
    let mut pool = UserPool::new(
        PoolConfig {
            triggers: Triggers {
                pre_token_generation: Some(PreTokenGeneration {
                    add_claims: [
                        ("tier".to_owned(), "gold".to_owned()),
                        ("sub".to_owned(), "x".to_owned()),
                    ]
                    .into(),
                    suppress_claims: vec!["name".into()],
                    groups: Some(vec!["beta-testers".into()]),
                }),
                ..Triggers::default()
            },
            ..config()
        },
        SEED,
        NOW,
    );
    pool.add_user(SeedUser::new("ana", PASSWORD).attribute("name", "Ana"))
        .unwrap();
    let tokens = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    let (id, access) = id_claims(&tokens);
    assert_eq!(id["tier"], "gold");
    assert!(id.get("name").is_none());
    assert_ne!(id["sub"], "x", "sub is protected");
    assert_eq!(
        access["cognito:groups"],
        serde_json::json!(["beta-testers"])
    );
    let log = pool.take_trigger_log();
    assert_eq!(log[0].source, "TokenGeneration_Authentication");
    assert_eq!(
        log[0].returned,
        "tier = gold; name suppressed; cognito:groups = [beta-testers]"
    );

    let mut blocked = UserPool::new(
        PoolConfig {
            triggers: Triggers {
                pre_authentication: Some(PreAuthentication {
                    reject: Some("Sign-in is closed for maintenance".into()),
                }),
                ..Triggers::default()
            },
            ..config()
        },
        SEED,
        NOW,
    );
    blocked.add_user(SeedUser::new("ana", PASSWORD)).unwrap();
    assert_exception(
        sign_in(&mut blocked, "ana", PASSWORD),
        "UserLambdaValidationException: PreAuthentication failed with error Sign-in is closed for maintenance.",
    );
}

// ----- faults, existence, admin -----

#[test]
fn faults_answer_throttling_and_limits_on_purpose() {
    let mut pool = pool(PoolConfig {
        faults: vec![Fault {
            operation: "InitiateAuth".into(),
            kind: FaultKind::TooManyRequests,
            times: Some(1),
        }],
        ..config()
    });
    assert_exception(
        pool.check_fault("InitiateAuth"),
        "TooManyRequestsException: Rate exceeded",
    );
    assert!(pool.check_fault("InitiateAuth").is_ok());
}

#[test]
fn simulated_delivery_for_an_unknown_user_is_stable() {
    let mut pool = pool(config());
    let ask = |pool: &mut UserPool, name: &str| {
        pool.forgot_password(UsernameRequest {
            client_id: pool.client_id().into(),
            username: name.into(),
            secret_hash: None,
        })
        .unwrap()
        .code_delivery_details
        .destination
    };
    let first = ask(&mut pool, "nobody");
    let answers: Vec<String> = (0..5).map(|_| ask(&mut pool, "nobody")).collect();
    assert!(
        answers.iter().all(|a| *a == first),
        "{first} vs {answers:?}"
    );
    assert_eq!(ask(&mut pool, "ana"), ask(&mut pool, "ana"));
}

#[test]
fn admin_reset_global_sign_out_history_and_list_users() {
    let mut pool = pool(config());
    let admin = |pool: &UserPool| AdminUserRequest {
        user_pool_id: pool.pool_id().into(),
        username: "ana".into(),
    };
    let tokens = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    let access = tokens.authentication_result.unwrap().access_token;
    let _ = sign_in(&mut pool, "ana", "Wrong-Horse-9");

    let events = pool.admin_list_user_auth_events(admin(&pool)).unwrap();
    let json = serde_json::to_value(&events).unwrap();
    assert_eq!(json["AuthEvents"][0]["EventResponse"], "Fail");
    assert_eq!(
        json["AuthEvents"][0]["ChallengeResponses"][0],
        serde_json::json!({"ChallengeName": "Password", "ChallengeResponse": "Failure"})
    );
    assert_eq!(json["AuthEvents"][1]["EventResponse"], "Pass");
    assert_eq!(
        json["AuthEvents"][1]["EventRisk"],
        serde_json::json!({"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": false})
    );

    pool.admin_user_global_sign_out(admin(&pool)).unwrap();
    assert_exception(
        pool.get_user(AccessTokenRequest {
            access_token: access,
        }),
        "NotAuthorizedException: Access Token has been revoked",
    );

    pool.admin_reset_user_password(admin(&pool)).unwrap();
    assert_eq!(pool.user("ana").unwrap().status, UserStatus::ResetRequired);
    assert!(pool.last_code("ana", CodeKind::ForgotPassword).is_some());
    assert_exception(
        sign_in(&mut pool, "ana", PASSWORD),
        "PasswordResetRequiredException: Password reset required for the user",
    );

    pool.add_user(SeedUser::new("bob", PASSWORD).attribute("email", "bob@example.org"))
        .unwrap();
    let list = |pool: &UserPool, filter: &str| -> Vec<String> {
        pool.list_users(ListUsersRequest {
            user_pool_id: pool.pool_id().into(),
            filter: Some(filter.into()),
            limit: None,
            pagination_token: None,
        })
        .unwrap()
        .users
        .into_iter()
        .map(|u| u.username)
        .collect()
    };
    assert_eq!(list(&pool, ""), ["ana", "bob"]);
    assert_eq!(list(&pool, "email = \"bob@example.org\""), ["bob"]);
    assert_eq!(list(&pool, "email ^= \"a\""), ["ana"]);
    assert_eq!(
        list(&pool, "cognito:user_status = \"RESET_REQUIRED\""),
        ["ana"]
    );
}

/// The custom message trigger writes the email a code goes out in: its text (the code put where
/// `{####}` stands) is the delivered message's, and the trigger log says it ran, for sign-up and
/// forgot-password codes alike (`CustomMessage_SignUp`, `CustomMessage_ForgotPassword`).
#[test]
fn the_custom_message_trigger_writes_the_email_each_code_goes_out_in() {
    let mut pool = UserPool::new(
        PoolConfig {
            triggers: Triggers {
                custom_message: Some(CustomMessage {
                    message: "Welcome to Harbor! Your code is {####}.".to_owned(),
                }),
                ..Triggers::default()
            },
            ..config()
        },
        SEED,
        NOW,
    );
    sign_up(&mut pool, "cal", Some("cal@example.org")).unwrap();
    let sent = pool.outbox().last().unwrap().clone();
    assert_eq!(sent.kind, CodeKind::SignUp);
    assert_eq!(
        sent.message.as_deref(),
        Some(format!("Welcome to Harbor! Your code is {}.", sent.code).as_str())
    );
    let log: Vec<(String, String)> = pool
        .take_trigger_log()
        .into_iter()
        .map(|r| (r.source, r.returned))
        .collect();
    assert_eq!(
        log,
        [(
            "CustomMessage_SignUp".to_owned(),
            format!(
                "emailMessage: Welcome to Harbor! Your code is {}.",
                sent.code
            )
        )]
    );
    // Without the trigger the message carries no text of the lesson's (Cognito's own is sent).
    let mut plain = UserPool::new(config(), SEED, NOW);
    sign_up(&mut plain, "cal", Some("cal@example.org")).unwrap();
    assert_eq!(plain.outbox().last().unwrap().message, None);
    assert!(plain.take_trigger_log().is_empty());
}
