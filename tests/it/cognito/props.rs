//! Property tests: any sequence of operations never panics; tokens only after the right
//! password (typed, or proved over SRP) and any due challenge; a locked user never gets tokens; same seed and operations
//! give byte-identical outputs.

use std::collections::BTreeMap;

use cogflow::cognito::{
    AccessTokenRequest, AdminCreateUserRequest, AdminUserRequest, AttributeType,
    AuthenticationResult, ChallengeName, CodeKind, ConfirmForgotPasswordRequest,
    ConfirmSignUpRequest, Expected, ExplicitAuthFlow, InitiateAuthRequest, PoolConfig,
    RespondToAuthChallengeRequest, RevokeTokenRequest, SeedUser, SignUpRequest, TokenUse, UserPool,
    UserStatus, UsernameRequest, decode_unverified, verify_token,
};
use proptest::prelude::*;

use super::srp::sign_in_srp;
use super::{NOW, SEED, config};

const NAMES: [&str; 7] = ["ana", "bob", "cy", "dee", "eve", "fay", "zed"];
const STRONG: &str = "Brand-New-Pass-7";

#[derive(Debug, Clone)]
enum Guess {
    Right,
    Wrong,
    Other(String),
}

#[derive(Debug, Clone)]
enum Op {
    SignIn(usize, Guess),
    SignInSrp(usize, Guess),
    Refresh(usize),
    AnswerNewPassword(usize, bool),
    AnswerTotp(usize, bool),
    Advance(u64),
    SignUp(usize, bool),
    ConfirmSignUp(usize, bool),
    ResendCode(usize),
    Forgot(usize),
    ConfirmForgot(usize, bool, bool),
    Disable(usize),
    Enable(usize),
    AdminCreate(usize),
    GlobalSignOut(usize),
    Revoke(usize),
    GetUser(usize),
    Garbage(String),
}

fn op() -> impl Strategy<Value = Op> {
    // Mostly the users who can get somewhere (ana, bob with TOTP, cy with a temporary password).
    let user =
        prop_oneof![4 => Just(0usize), 2 => Just(1usize), 2 => Just(2usize), 3 => 0..NAMES.len()];
    let guess = prop_oneof![
        5 => Just(Guess::Right),
        2 => Just(Guess::Wrong),
        1 => any::<String>().prop_map(Guess::Other),
    ];
    prop_oneof![
        10 => (user.clone(), guess.clone()).prop_map(|(u, g)| Op::SignIn(u, g)),
        2 => (user.clone(), guess).prop_map(|(u, g)| Op::SignInSrp(u, g)),
        2 => (0..3usize).prop_map(Op::Refresh),
        2 => (0..3usize, any::<bool>()).prop_map(|(s, ok)| Op::AnswerNewPassword(s, ok)),
        2 => (0..3usize, any::<bool>()).prop_map(|(s, ok)| Op::AnswerTotp(s, ok)),
        2 => prop_oneof![4 => 0..5u64, 2 => 0..120u64, 1 => 0..2000u64].prop_map(Op::Advance),
        1 => (user.clone(), any::<bool>()).prop_map(|(u, ok)| Op::SignUp(u, ok)),
        1 => (user.clone(), any::<bool>()).prop_map(|(u, ok)| Op::ConfirmSignUp(u, ok)),
        1 => user.clone().prop_map(Op::ResendCode),
        1 => user.clone().prop_map(Op::Forgot),
        1 => (user.clone(), any::<bool>(), any::<bool>()).prop_map(|(u, a, b)| Op::ConfirmForgot(u, a, b)),
        1 => user.clone().prop_map(Op::Disable),
        1 => user.clone().prop_map(Op::Enable),
        1 => user.clone().prop_map(Op::AdminCreate),
        1 => (0..3usize).prop_map(Op::GlobalSignOut),
        1 => (0..3usize).prop_map(Op::Revoke),
        1 => (0..3usize).prop_map(Op::GetUser),
        1 => any::<String>().prop_map(Op::Garbage),
    ]
}

/// Runs `ops` against a fresh pool, checking the safety properties after each one, and returns
/// a transcript of every output (durations excluded).
fn run(ops: &[Op]) -> Vec<String> {
    let mut pool = UserPool::new(
        PoolConfig {
            explicit_auth_flows: vec![
                ExplicitAuthFlow::AllowUserPasswordAuth,
                ExplicitAuthFlow::AllowUserSrpAuth,
                ExplicitAuthFlow::AllowRefreshTokenAuth,
            ],
            ..config()
        },
        SEED,
        NOW,
    );
    // Current passwords, as a model the pool's answers are checked against.
    let mut passwords: BTreeMap<String, String> = BTreeMap::new();
    let seeds = [
        SeedUser::new("ana", "Ana-Pass-111"),
        SeedUser::new("bob", "Bob-Pass-222").totp(true),
        SeedUser::new("cy", "Cy-Pass-333").status(UserStatus::ForceChangePassword),
        SeedUser::new("dee", "Dee-Pass-444").status(UserStatus::Unconfirmed),
        SeedUser::new("eve", "Eve-Pass-555").enabled(false),
        SeedUser::new("fay", "Fay-Pass-666").status(UserStatus::ResetRequired),
    ];
    for seed in seeds {
        passwords.insert(seed.username.clone(), seed.password.clone());
        pool.add_user(
            seed.attribute("email", "x@example.com")
                .attribute("email_verified", "true"),
        )
        .unwrap();
    }
    let client = pool.client_id().to_owned();
    let mut issued: Vec<AuthenticationResult> = Vec::new();
    let mut sessions: Vec<(String, String, ChallengeName)> = Vec::new();
    let mut out = Vec::new();

    for op in ops {
        let line = match op {
            Op::SignIn(u, guess) | Op::SignInSrp(u, guess) => {
                let name = NAMES[*u];
                let right = passwords.get(name).cloned();
                let password = match guess {
                    Guess::Right => right.clone().unwrap_or_else(|| "Nobody-Pass-0".into()),
                    Guess::Wrong => "Wrong-Pass-999".into(),
                    Guess::Other(s) => s.clone(),
                };
                let before = pool.user(name);
                let locked = before.as_ref().is_some_and(|v| v.locked_until.is_some());
                let result = if matches!(op, Op::SignInSrp(..)) {
                    sign_in_srp(&mut pool, name, &password)
                } else {
                    pool.initiate_auth(InitiateAuthRequest::user_password(&client, name, &password))
                };
                if let Ok(response) = &result {
                    let before = before.expect("only existing users get anything but an error");
                    assert_eq!(
                        Some(&password),
                        right.as_ref(),
                        "tokens or a challenge only after the right password"
                    );
                    assert!(!locked, "a locked user never gets past the checks");
                    assert!(before.enabled, "a disabled user never gets past the checks");
                    if response.authentication_result.is_some() {
                        assert_eq!(before.status, UserStatus::Confirmed);
                        assert!(
                            !before.has_totp,
                            "tokens only once the due MFA challenge is answered"
                        );
                        assert!(response.session.is_none() && response.challenge_name.is_none());
                    }
                    if let (Some(session), Some(challenge)) =
                        (&response.session, response.challenge_name)
                    {
                        sessions.push((session.clone(), name.to_owned(), challenge));
                    }
                    if let Some(t) = &response.authentication_result {
                        issued.push(t.clone());
                    }
                }
                if locked && before_enabled(&pool, name) {
                    let e = result.as_ref().expect_err("locked");
                    assert_eq!(e.message, "Password attempts exceeded");
                }
                format!("{result:?}")
            }
            Op::Refresh(i) => {
                let token = issued
                    .get(*i)
                    .and_then(|t| t.refresh_token.clone())
                    .unwrap_or_default();
                let result = pool.initiate_auth(InitiateAuthRequest::refresh(&client, &token));
                if let Ok(response) = &result {
                    let t = response
                        .authentication_result
                        .as_ref()
                        .expect("refresh gives tokens");
                    assert!(t.refresh_token.is_none());
                    issued.push(t.clone());
                }
                format!("{result:?}")
            }
            Op::AnswerNewPassword(s, strong) => match sessions.get(*s).cloned() {
                Some((session, name, _)) => {
                    let new = if *strong { STRONG } else { "weak" };
                    let request =
                        RespondToAuthChallengeRequest::new_password(&client, &session, &name, new);
                    let result = pool.respond_to_auth_challenge(request);
                    if let Ok(response) = &result {
                        passwords.insert(name.clone(), new.to_owned());
                        if let Some(t) = &response.authentication_result {
                            assert!(!pool.user(&name).unwrap().has_totp, "MFA still due");
                            issued.push(t.clone());
                        }
                        if let (Some(session), Some(challenge)) =
                            (&response.session, response.challenge_name)
                        {
                            sessions.push((session.clone(), name.clone(), challenge));
                        }
                    }
                    format!("{result:?}")
                }
                None => "no session".into(),
            },
            Op::AnswerTotp(s, right) => match sessions.get(*s).cloned() {
                Some((session, name, _)) => {
                    let code = pool.totp_now(&name).unwrap_or_else(|| "000000".into());
                    let code = if *right {
                        code
                    } else {
                        format!("x{}", &code[1..])
                    };
                    let request =
                        RespondToAuthChallengeRequest::totp(&client, &session, &name, &code);
                    let result = pool.respond_to_auth_challenge(request);
                    if let Ok(response) = &result {
                        assert!(*right, "a wrong TOTP code never gets tokens");
                        issued.push(
                            response
                                .authentication_result
                                .clone()
                                .expect("tokens after MFA"),
                        );
                    }
                    format!("{result:?}")
                }
                None => "no session".into(),
            },
            Op::Advance(secs) => {
                pool.advance(*secs);
                format!("now {}", pool.now())
            }
            Op::SignUp(u, strong) => {
                let name = NAMES[*u];
                let password = if *strong { STRONG } else { "weak" };
                let result = pool.sign_up(SignUpRequest {
                    secret_hash: None,
                    client_id: client.clone(),
                    username: name.to_owned(),
                    password: password.to_owned(),
                    user_attributes: vec![AttributeType::new("email", "new@example.org")],
                });
                if result.is_ok() {
                    passwords.insert(name.to_owned(), password.to_owned());
                }
                format!("{result:?}")
            }
            Op::ConfirmSignUp(u, right) => {
                let name = NAMES[*u];
                let code = pool
                    .last_code(name, CodeKind::SignUp)
                    .filter(|_| *right)
                    .unwrap_or_else(|| "000000".into());
                format!(
                    "{:?}",
                    pool.confirm_sign_up(ConfirmSignUpRequest {
                        secret_hash: None,
                        client_id: client.clone(),
                        username: name.to_owned(),
                        confirmation_code: code
                    })
                )
            }
            Op::ResendCode(u) => {
                format!(
                    "{:?}",
                    pool.resend_confirmation_code(UsernameRequest {
                        secret_hash: None,
                        client_id: client.clone(),
                        username: NAMES[*u].to_owned()
                    })
                )
            }
            Op::Forgot(u) => {
                format!(
                    "{:?}",
                    pool.forgot_password(UsernameRequest {
                        secret_hash: None,
                        client_id: client.clone(),
                        username: NAMES[*u].to_owned()
                    })
                )
            }
            Op::ConfirmForgot(u, right, strong) => {
                let name = NAMES[*u];
                let code = pool
                    .last_code(name, CodeKind::ForgotPassword)
                    .filter(|_| *right)
                    .unwrap_or_else(|| "000000".into());
                let password = if *strong { STRONG } else { "weak" };
                let result = pool.confirm_forgot_password(ConfirmForgotPasswordRequest {
                    secret_hash: None,
                    client_id: client.clone(),
                    username: name.to_owned(),
                    confirmation_code: code,
                    password: password.to_owned(),
                });
                if result.is_ok() {
                    passwords.insert(name.to_owned(), password.to_owned());
                }
                format!("{result:?}")
            }
            Op::Disable(u) => format!(
                "{:?}",
                pool.admin_disable_user(AdminUserRequest {
                    user_pool_id: pool.pool_id().to_owned(),
                    username: NAMES[*u].to_owned()
                })
            ),
            Op::Enable(u) => format!(
                "{:?}",
                pool.admin_enable_user(AdminUserRequest {
                    user_pool_id: pool.pool_id().to_owned(),
                    username: NAMES[*u].to_owned()
                })
            ),
            Op::AdminCreate(u) => {
                let name = NAMES[*u];
                let result = pool.admin_create_user(AdminCreateUserRequest {
                    user_pool_id: pool.pool_id().to_owned(),
                    username: name.to_owned(),
                    temporary_password: None,
                    message_action: None,
                    user_attributes: vec![AttributeType::new("email", "admin@example.org")],
                });
                if result.is_ok() {
                    let temporary = pool.last_code(name, CodeKind::TemporaryPassword).unwrap();
                    passwords.insert(name.to_owned(), temporary);
                }
                format!("{result:?}")
            }
            Op::GlobalSignOut(i) => {
                let token = issued
                    .get(*i)
                    .map(|t| t.access_token.clone())
                    .unwrap_or_default();
                format!(
                    "{:?}",
                    pool.global_sign_out(AccessTokenRequest {
                        access_token: token
                    })
                )
            }
            Op::Revoke(i) => {
                let token = issued
                    .get(*i)
                    .and_then(|t| t.refresh_token.clone())
                    .unwrap_or_default();
                format!(
                    "{:?}",
                    pool.revoke_token(RevokeTokenRequest {
                        token,
                        client_id: client.clone()
                    })
                )
            }
            Op::GetUser(i) => {
                let token = issued
                    .get(*i)
                    .map(|t| t.access_token.clone())
                    .unwrap_or_default();
                format!(
                    "{:?}",
                    pool.get_user(AccessTokenRequest {
                        access_token: token
                    })
                )
            }
            Op::Garbage(s) => {
                let a = pool.get_user(AccessTokenRequest {
                    access_token: s.clone(),
                });
                let b = pool.initiate_auth(InitiateAuthRequest::refresh(&client, s));
                let c = pool.revoke_token(RevokeTokenRequest {
                    token: s.clone(),
                    client_id: client.clone(),
                });
                let expected = Expected {
                    issuer: pool.issuer(),
                    client_id: client.clone(),
                    token_use: TokenUse::Id,
                };
                let d = verify_token(s, &pool.jwks(), &expected, pool.now());
                assert!(!d.is_valid());
                format!("{a:?} {b:?} {c:?} {d:?} {:?}", decode_unverified(s))
            }
        };
        out.push(line);
    }
    // Every token the pool issued verifies offline against its JWKS when it was issued.
    for t in &issued {
        let (_, claims) = decode_unverified(&t.id_token).unwrap();
        let iat = claims["iat"].as_u64().unwrap();
        let expected = Expected {
            issuer: pool.issuer(),
            client_id: client.clone(),
            token_use: TokenUse::Id,
        };
        assert!(verify_token(&t.id_token, &pool.jwks(), &expected, iat).is_valid());
    }
    out.push(format!("{:?}", pool.users()));
    out.push(format!("{:?}", pool.outbox()));
    out
}

fn before_enabled(pool: &UserPool, name: &str) -> bool {
    pool.user(name).is_some_and(|v| v.enabled)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn operations_keep_the_safety_properties_and_are_deterministic(ops in prop::collection::vec(op(), 1..60)) {
        let first = run(&ops);
        let second = run(&ops);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn the_verifier_never_panics_on_any_string(token in any::<String>(), dots in 0..5usize) {
        let pool = UserPool::new(config(), SEED, NOW);
        let token = format!("{token}{}", ".".repeat(dots));
        let expected = Expected { issuer: pool.issuer(), client_id: pool.client_id().to_owned(), token_use: TokenUse::Access };
        let report = verify_token(&token, &pool.jwks(), &expected, NOW);
        prop_assert!(!report.is_valid());
        prop_assert_eq!(report.checks.len(), 8);
    }
}

#[test]
fn a_long_brute_force_never_succeeds_while_locked() {
    let mut pool = UserPool::new(config(), SEED, NOW);
    pool.add_user(SeedUser::new("ana", "Ana-Pass-111")).unwrap();
    let client = pool.client_id().to_owned();
    for i in 0..200u64 {
        let locked = pool.user("ana").unwrap().locked_until.is_some();
        // Every tenth try is the right password: it must still fail while locked.
        let password = if i % 10 == 9 {
            "Ana-Pass-111"
        } else {
            "Wrong-Pass-999"
        };
        let result =
            pool.initiate_auth(InitiateAuthRequest::user_password(&client, "ana", password));
        if locked {
            assert_eq!(result.unwrap_err().message, "Password attempts exceeded");
        } else if password == "Ana-Pass-111" {
            assert!(result.is_ok());
        }
        pool.advance(i % 7);
    }
}
