//! The mock Cognito user pool, driven through its public API only.

// Test helpers outside `#[test]` functions panic on purpose, like the tests themselves.
#![allow(clippy::unwrap_used)]

mod accounts;
mod mfa;
mod oauth;
mod ops;
mod props;
mod revocation;
mod signin;
mod srp;
mod tokens;
mod validation;

use cogflow::cognito::{
    Argon2Params, CognitoError, ExplicitAuthFlow, InitiateAuthRequest, InitiateAuthResponse,
    PasswordPolicy, PoolConfig, PreventUserExistenceErrors, SeedUser, UserPool, UserStatus,
};

/// 2026-01-15T09:00:00Z, the built-in lesson's clock start.
pub const NOW: u64 = 1_768_467_600;
/// The seed every test uses unless it is testing seeds.
pub const SEED: u64 = 42;
/// A password that meets Cognito's default policy.
pub const PASSWORD: &str = "Correct-Horse-9";

/// Cognito's defaults plus the password flow, with cheap (but real) argon2id parameters.
pub fn config() -> PoolConfig {
    crate::support::keep_keys();
    PoolConfig {
        explicit_auth_flows: vec![
            ExplicitAuthFlow::AllowUserPasswordAuth,
            ExplicitAuthFlow::AllowRefreshTokenAuth,
        ],
        argon2: Argon2Params::cheap_for_tests(),
        ..PoolConfig::default()
    }
}

/// A LEGACY-mode config.
pub fn legacy() -> PoolConfig {
    PoolConfig {
        prevent_user_existence_errors: PreventUserExistenceErrors::Legacy,
        ..config()
    }
}

/// The lesson's relaxed policy, for the seed's `user123` / `pass123`.
pub fn relaxed() -> PoolConfig {
    PoolConfig {
        password_policy: PasswordPolicy::relaxed(),
        ..config()
    }
}

/// `ana` (confirmed, with a verified email) in a pool built from `config`.
pub fn pool(config: PoolConfig) -> UserPool {
    let mut pool = UserPool::new(config, SEED, NOW);
    pool.add_user(
        SeedUser::new("ana", PASSWORD)
            .attribute("email", "ana@example.com")
            .attribute("email_verified", "true")
            .attribute("name", "Ana"),
    )
    .unwrap();
    pool
}

/// A pool with one user of the given status.
pub fn pool_with_status(status: UserStatus) -> UserPool {
    let mut pool = UserPool::new(config(), SEED, NOW);
    pool.add_user(
        SeedUser::new("ana", PASSWORD)
            .status(status)
            .attribute("email", "ana@example.com")
            .attribute("email_verified", "true"),
    )
    .unwrap();
    pool
}

/// USER_PASSWORD_AUTH in one call.
pub fn sign_in(
    pool: &mut UserPool,
    username: &str,
    password: &str,
) -> Result<InitiateAuthResponse, CognitoError> {
    let request = InitiateAuthRequest::user_password(pool.client_id(), username, password);
    pool.initiate_auth(request)
}

/// Asserts `result` is the exception `want` (`"Name: message"`).
#[track_caller]
pub fn assert_exception<T: std::fmt::Debug>(result: Result<T, CognitoError>, want: &str) {
    match result {
        Ok(v) => panic!("expected {want}, got Ok({v:?})"),
        Err(e) => assert_eq!(e.to_string(), want),
    }
}
