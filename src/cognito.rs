//! The mock Cognito user pool: real argon2id, real RS256 JWTs, Cognito's own errors, no UI.
//!
//! A [`UserPool`] behaves like an Amazon Cognito user pool with one app client, as described in
//! `reference/cognito-facts.md`: operations take Cognito-shaped requests and return
//! Cognito-shaped responses or a [`CognitoError`] with Cognito's exception name and message.
//!
//! ```text
//! UserPool::new(config, seed, now)      cheap; RSA keys generate on a background thread
//!   .add_user(SeedUser)                 admin import: argon2id hash, sub, status kept
//!   .start_initiate_auth(req)           ─┐ phased InitiateAuth: RequestReceived
//!   .advance_auth(&mut call)            ─┤ → CredentialsChecked(outcome) → Responded(result)
//!   .initiate_auth(req)                 ─┘ all phases at once
//!   .start_respond_to_auth_challenge(r)  the same phases for an answer
//!   .respond_to_auth_challenge(req)     PASSWORD_VERIFIER (SRP), NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA
//!   .jwks()                             what an app verifies tokens with
//! verify_token(token, &jwks, &expected, now)   offline verification, check by check
//! ```
//!
//! Sans-IO: the clock is the pool's own ([`UserPool::now`], [`UserPool::advance`]) and every
//! random value comes from RNGs seeded with the pool's seed, so the same seed and operations
//! give byte-identical outputs. How long each piece of cryptography took is kept apart, in
//! [`UserPool::take_crypto_log`], because durations differ between runs.
//!
//! Where the facts are silent the mock makes a documented choice; where it simplifies (no SMS,
//! no throttling, one app client without a secret) it says so in the exception message or on
//! the item concerned. USER_SRP_AUTH is real SRP-6a ([`srp`]), checked against published
//! vectors and against real clients.

mod admin;
mod api;
pub mod attributes;
mod challenge;
mod check;
mod client_secret;
mod config;
mod cost;
mod credential;
mod error;
mod faults;
mod groups;
mod ids;
mod initiate_auth;
mod keys;
mod listing;
mod manage;
mod mfa;
pub mod oauth;
mod password;
mod pool;
mod recovery;
mod refresh;
mod schema;
mod session;
mod sign_in_names;
mod signup;
pub mod srp;
mod srp_auth;
mod tokens;
mod totp;
mod triggers;
mod user;
mod users_admin;
pub mod validation;
mod verify;
mod verify_ahead;

pub use api::{
    AccessTokenRequest, AdminCreateUserRequest, AdminCreateUserResponse, AdminGetUserResponse,
    AdminInitiateAuthRequest, AdminRespondToAuthChallengeRequest, AdminUserRequest, AttributeType,
    AuthFlow, AuthenticationResult, ChallengeName, CodeDeliveryDetails, CodeDeliveryResponse,
    ConfirmForgotPasswordRequest, ConfirmSignUpRequest, EmptyResponse, ForgotPasswordRequest,
    GetUserRequest, GetUserResponse, GlobalSignOutRequest, InitiateAuthRequest,
    InitiateAuthResponse, MessageAction, ResendConfirmationCodeRequest,
    RespondToAuthChallengeRequest, RespondToAuthChallengeResponse, RevokeTokenRequest,
    SignUpRequest, SignUpResponse, UserType, UsernameRequest,
};
pub use check::{Check, NOT_CHECKED};
pub use client_secret::{SecretHashCheck, secret_hash};
pub use config::{
    AppClient, Argon2Params, ClientSecret, ExplicitAuthFlow, FeatureType, KeySource,
    MfaConfiguration, MfaSettings, PasswordPolicy, PoolConfig, PreventUserExistenceErrors,
    RefreshTokenRotation, SYMBOLS,
};
pub(crate) use cost::timed;
pub use cost::{Asked, CryptoCost, Work};

/// The longest lockout after repeated wrong passwords, in seconds (the docs' lifetimes table
/// is checked against it).
pub const LOCKOUT_MAX_SECS: u64 = user::Lockout::MAX_SECS;
pub use error::{CognitoError, Exception};
pub use faults::{Fault, FaultKind};
pub use groups::{
    CreateGroupRequest, GroupRequest, GroupResponse, GroupType, GroupsResponse, ListGroupsRequest,
    UserGroupRequest,
};
pub(crate) use ids::{derive_seed, uuid_v4};
pub use initiate_auth::{AuthCall, AuthPhase, AuthRequest, CheckOutcome};
pub use keys::{KEPT_FORMAT, KeyStore, SigningKey, keep_keys_in, keys_known, prepare_keys};
pub use listing::{
    ListUserPoolClientsRequest, ListUserPoolClientsResponse, ListUserPoolsRequest,
    ListUserPoolsResponse, UserPoolClientDescription, UserPoolDescription, list_user_pools,
};
pub use manage::{ListUsersRequest, ListUsersResponse, UserPoolIdRequest};
pub use mfa::{
    AdminSetUserMfaPreferenceRequest, AssociateSoftwareTokenRequest,
    AssociateSoftwareTokenResponse, MfaFactor, MfaSettingsType, SetUserMfaPreferenceRequest,
    VerifySoftwareTokenRequest, VerifySoftwareTokenResponse, otpauth_uri,
};
pub use oauth::{OAuthFlow, OAuthSettings};
pub(crate) use password::prepare_memory;
pub use password::{Reuse, hash_password, verify_password};
pub use pool::{CodeKind, DeliveredMessage, UserPool};
pub use refresh::{GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse};
pub use schema::{
    AdminUpdateUserAttributesRequest, AttributeDataType, CustomAttribute,
    UpdateUserAttributesRequest,
};
pub use sign_in_names::SignInAttribute;
pub use srp_auth::SrpExchange;
pub use tokens::{ADMIN_SCOPE, AccessClaims, IdClaims};
pub use totp::{base32 as totp_base32, code_at as totp_code_at, from_base32 as totp_from_base32};
pub use triggers::{
    CustomMessage, PROTECTED_CLAIMS, PreAuthentication, PreSignUp, PreTokenGeneration, TriggerRun,
    Triggers,
};
pub use user::{Account, SeedUser, UserStatus, UserView};
pub use users_admin::{
    AdminListUserAuthEventsResponse, AuthEventType, ChallengeResponseType, EventRiskType,
};
pub use verify::{
    Clock, Expected, TokenUse, VerificationReport, decode_unverified, verify_token,
    verify_token_by, verify_token_remembered,
};
pub use verify_ahead::{Ahead, Verified};
