//! The `[pool]` keys for what real apps use besides passwords (format 2): MFA, groups, sign-in
//! by email, a custom attribute schema, an app client secret and Lambda triggers. Each only
//! describes the pool; the mock (`cognito`) does what Cognito does with it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `[pool.mfa]`: the pool's `MfaConfiguration` and the factors it offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaSpec {
    /// `OFF`, `OPTIONAL` (users who set up a factor are asked for it) or `ON` (every user must
    /// have one: a user without gets the `MFA_SETUP` challenge at sign-in).
    pub configuration: MfaConfigurationSpec,
    /// The factors offered. Default `["SOFTWARE_TOKEN_MFA"]` (an authenticator app).
    #[serde(default = "default_factors")]
    pub factors: Vec<MfaFactorSpec>,
}

/// `MfaConfiguration`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MfaConfigurationSpec {
    /// Nobody is asked for a second factor.
    Off,
    /// Users who set one up are asked for it.
    Optional,
    /// Everyone must have one.
    On,
}

/// A second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MfaFactorSpec {
    /// An authenticator app (TOTP).
    #[serde(rename = "SOFTWARE_TOKEN_MFA")]
    SoftwareToken,
    /// A code by text message.
    #[serde(rename = "SMS_MFA")]
    Sms,
    /// A code by email.
    #[serde(rename = "EMAIL_OTP")]
    Email,
}

fn default_factors() -> Vec<MfaFactorSpec> {
    vec![MfaFactorSpec::SoftwareToken]
}

/// `[[pool.groups]]`: a group users can be put in (`users.groups`, or an admin step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// `GroupName`, e.g. `editors`.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 0 is the highest; decides `cognito:preferred_role` when several groups have a role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<u32>,
    /// An IAM role ARN: shown in the ID token's `cognito:roles`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

/// An attribute users sign in with (`username_attributes`, `alias_attributes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignInAttributeSpec {
    /// `email`.
    Email,
    /// `phone_number`.
    PhoneNumber,
    /// `preferred_username` (an alias only).
    PreferredUsername,
}

/// `[[pool.schema]]`: a custom attribute, `custom:<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomAttributeSpec {
    /// The name without `custom:`, e.g. `tenant`.
    pub name: String,
    /// `String` (default), `Number`, `Boolean` or `DateTime`.
    #[serde(default, rename = "type")]
    pub data_type: AttributeTypeSpec,
    /// `false`: set when the user is created and never changed after. Default true.
    #[serde(default = "yes")]
    pub mutable: bool,
    /// Longest String value. Default 2048, Cognito's.
    #[serde(default = "default_max_length")]
    #[schemars(range(min = 1, max = 2048))]
    pub max_length: u32,
}

/// A custom attribute's type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum AttributeTypeSpec {
    /// Text.
    #[default]
    String,
    /// An integer.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A date and time.
    DateTime,
}

fn yes() -> bool {
    true
}
fn default_max_length() -> u32 {
    2048
}

/// `client_secret`: `true` for a secret drawn from the seed (as `GenerateSecret` makes one), or
/// the secret itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ClientSecretSpec {
    /// `true`: generated; `false`: a public client (the default).
    Generate(bool),
    /// This secret.
    Given(String),
}

/// `[pool.triggers]`: what each Lambda trigger returns, declared (no code runs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriggersSpec {
    /// Pre sign-up: auto-confirm, auto-verify, or reject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_sign_up: Option<PreSignUpSpec>,
    /// Post confirmation: runs after a user is confirmed (logged).
    #[serde(default)]
    pub post_confirmation: bool,
    /// Pre authentication: reject every sign-in with this message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_authentication: Option<RejectSpec>,
    /// Pre token generation: claims added, overridden or suppressed, groups replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_token_generation: Option<PreTokenGenerationSpec>,
    /// Custom message: the email text, with `{####}` where the code goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_message: Option<String>,
}

/// What pre sign-up returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreSignUpSpec {
    /// `autoConfirmUser`: CONFIRMED at once, no code sent.
    #[serde(default)]
    pub auto_confirm: bool,
    /// `autoVerifyEmail` (with `auto_confirm`).
    #[serde(default)]
    pub auto_verify_email: bool,
    /// Throw an error with this message: the sign-up is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject: Option<String>,
}

/// A trigger that throws an error with this message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectSpec {
    /// The error's message.
    pub reject: String,
}

/// What pre token generation returns (`claimsOverrideDetails`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreTokenGenerationSpec {
    /// `claimsToAddOrOverride` (ID token), e.g. `{ tier = "gold" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub add_claims: BTreeMap<String, String>,
    /// `claimsToSuppress` (ID token).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppress_claims: Vec<String>,
    /// `groupsToOverride`: these groups instead of the user's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
}

/// How `tamper_token` changes the ID token the app holds, before the app checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Tamper {
    /// Nothing: the token as Cognito issued it.
    None,
    /// The payload edited (`cognito:groups` gains `admins`), the signature kept.
    Payload,
    /// The header says `alg: none` and the signature is dropped.
    AlgNone,
    /// The access token put where the ID token goes.
    AccessAsId,
    /// A real ID token from the pool, for another app client (another `aud`).
    OtherClient,
    /// A real ID token from another user pool (another issuer and key).
    OtherPool,
}

impl Tamper {
    /// The value's name in a file.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Payload => "payload",
            Self::AlgNone => "alg-none",
            Self::AccessAsId => "access-as-id",
            Self::OtherClient => "other-client",
            Self::OtherPool => "other-pool",
        }
    }

    /// Every value, in the order the docs list them.
    pub const ALL: [Self; 6] = [
        Self::None,
        Self::Payload,
        Self::AlgNone,
        Self::AccessAsId,
        Self::OtherClient,
        Self::OtherPool,
    ];

    /// The value named `name`.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}
