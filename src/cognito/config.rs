//! The pool and app-client settings a lesson starts from, with Cognito's defaults.

use serde::{Deserialize, Serialize};

use super::error::CognitoError;

/// Settings of the user pool and of its one app client.
///
/// `Default` gives what Cognito gives a new pool and client, except for
/// `prevent_user_existence_errors`: see [`PreventUserExistenceErrors`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolConfig {
    /// AWS region, e.g. `us-east-1`; part of the pool id and of the issuer URL.
    pub region: String,
    /// Pool id (`<region>_<9 alphanumerics>`); generated from the seed when `None`.
    pub pool_id: Option<String>,
    /// App client id (26 lowercase alphanumerics); generated from the seed when `None`.
    pub client_id: Option<String>,
    /// The app client's `ExplicitAuthFlows`. Cognito's default leaves out
    /// `ALLOW_USER_PASSWORD_AUTH`, so the password flow must be switched on deliberately.
    pub explicit_auth_flows: Vec<ExplicitAuthFlow>,
    /// What unknown usernames are told.
    pub prevent_user_existence_errors: PreventUserExistenceErrors,
    /// Rules every new password must meet.
    pub password_policy: PasswordPolicy,
    /// Access-token lifetime in seconds (`ExpiresIn`); Cognito's default is 3600.
    pub access_token_validity_secs: u64,
    /// ID-token lifetime in seconds; Cognito's default is 3600.
    pub id_token_validity_secs: u64,
    /// Refresh-token lifetime in seconds; Cognito's default is 30 days.
    pub refresh_token_validity_secs: u64,
    /// How long a challenge `Session` stays answerable (`AuthSessionValidity`, default 3 min).
    pub auth_session_validity_secs: u64,
    /// argon2id cost for every password the pool hashes.
    pub argon2: Argon2Params,
    /// Whether a verify may reuse an argon2 result computed earlier in the process: yes for a
    /// lesson (its runs replay the same inputs), never for a served pool (each sign-in is a
    /// real call and pays for its own verify). See `password`'s module comment.
    pub argon2_reuse: super::password::Reuse,
    /// Which RSA keys sign the pool's tokens (never read from outside: a served pool always
    /// has its seed's own keys).
    #[serde(skip)]
    pub keys: KeySource,
    /// Where tokens say they come from: `None` gives AWS's issuer
    /// (`https://cognito-idp.{region}.amazonaws.com/{pool_id}`); `Some(origin)` gives
    /// `{origin}/{pool_id}`, for verifiers that fetch keys from the issuer (`cogflow serve
    /// --issuer local`, as LocalStack and cognito-local do).
    pub issuer_origin: Option<String>,
    /// The pool's `MfaConfiguration` and the factors it offers.
    pub mfa: MfaSettings,
    /// The app client's secret: none (a public client), or one every call must prove with
    /// `SECRET_HASH`.
    pub client_secret: ClientSecret,
    /// `UsernameAttributes`: users sign up and in with these instead of a username.
    pub username_attributes: Vec<super::SignInAttribute>,
    /// `AliasAttributes`: verified values of these also sign a user in.
    pub alias_attributes: Vec<super::SignInAttribute>,
    /// Custom attributes of the schema (`custom:<name>`).
    pub custom_attributes: Vec<super::CustomAttribute>,
    /// Lambda triggers, as the behaviour a lesson declares for each.
    pub triggers: super::Triggers,
    /// Faults in force from the start (more can be set while the pool runs).
    pub faults: Vec<super::Fault>,
    /// The first app client's managed login (hosted UI) settings.
    pub oauth: super::OAuthSettings,
}

impl Default for PoolConfig {
    fn default() -> Self {
        Self {
            region: "us-east-1".to_owned(),
            pool_id: None,
            client_id: None,
            explicit_auth_flows: ExplicitAuthFlow::COGNITO_DEFAULT.to_vec(),
            prevent_user_existence_errors: PreventUserExistenceErrors::default(),
            password_policy: PasswordPolicy::default(),
            access_token_validity_secs: 3600,
            id_token_validity_secs: 3600,
            refresh_token_validity_secs: 30 * 24 * 3600,
            auth_session_validity_secs: 180,
            argon2: Argon2Params::default(),
            argon2_reuse: super::password::Reuse::default(),
            keys: KeySource::Seeded,
            issuer_origin: None,
            mfa: MfaSettings::default(),
            client_secret: ClientSecret::None,
            username_attributes: Vec::new(),
            alias_attributes: Vec::new(),
            custom_attributes: Vec::new(),
            triggers: super::Triggers::default(),
            faults: Vec::new(),
            oauth: super::OAuthSettings::default(),
        }
    }
}

/// The app client's secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientSecret {
    /// A public client (what a browser or mobile app must use).
    #[default]
    None,
    /// A secret drawn from the seed, as `GenerateSecret: true` makes one.
    Generate,
    /// This secret.
    Given(String),
}

/// The pool's `MfaConfiguration`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MfaConfiguration {
    /// No MFA: nobody is challenged, and nobody can turn it on.
    Off,
    /// Users who set up a factor are challenged for it. The mock's default (so a lesson's
    /// seeded authenticator works); CreateUserPool's is `OFF`.
    #[default]
    Optional,
    /// Every user must have a factor: one without gets `MFA_SETUP` at sign-in.
    On,
}

impl MfaConfiguration {
    /// `OFF`, `OPTIONAL` or `ON`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "OFF",
            Self::Optional => "OPTIONAL",
            Self::On => "ON",
        }
    }
}

/// MFA settings of the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaSettings {
    /// `OFF`, `OPTIONAL` or `ON`.
    pub configuration: MfaConfiguration,
    /// The factors the pool offers, e.g. SOFTWARE_TOKEN_MFA and EMAIL_OTP.
    pub factors: Vec<super::MfaFactor>,
}

impl Default for MfaSettings {
    fn default() -> Self {
        Self {
            configuration: MfaConfiguration::default(),
            factors: vec![super::MfaFactor::SoftwareToken],
        }
    }
}

impl PoolConfig {
    /// `true` when the app client lists `flow` in its `ExplicitAuthFlows`.
    #[must_use]
    pub fn allows(&self, flow: ExplicitAuthFlow) -> bool {
        self.explicit_auth_flows.contains(&flow)
    }

    /// The first app client these settings describe, called `name`, with id `client_id`.
    #[must_use]
    pub fn app_client(&self, name: &str, client_id: String) -> AppClient {
        AppClient {
            name: name.to_owned(),
            client_id,
            explicit_auth_flows: self.explicit_auth_flows.clone(),
            prevent_user_existence_errors: self.prevent_user_existence_errors,
            access_token_validity_secs: self.access_token_validity_secs,
            id_token_validity_secs: self.id_token_validity_secs,
            refresh_token_validity_secs: self.refresh_token_validity_secs,
            auth_session_validity_secs: self.auth_session_validity_secs,
            oauth: self.oauth.clone(),
            secret: None,
            refresh_token_rotation: None,
        }
    }
}

/// One app client of a pool (`UserPoolClientType`): what a sign-in through it may do, and how
/// long what it gets lasts. A pool has one or more; every user call names one by `ClientId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppClient {
    /// `ClientName`, e.g. `web` or `admin-console`.
    pub name: String,
    /// `ClientId` (26 lowercase alphanumerics when generated).
    pub client_id: String,
    /// `ExplicitAuthFlows`.
    pub explicit_auth_flows: Vec<ExplicitAuthFlow>,
    /// `PreventUserExistenceErrors`.
    pub prevent_user_existence_errors: PreventUserExistenceErrors,
    /// `AccessTokenValidity`, in seconds.
    pub access_token_validity_secs: u64,
    /// `IdTokenValidity`, in seconds.
    pub id_token_validity_secs: u64,
    /// `RefreshTokenValidity`, in seconds.
    pub refresh_token_validity_secs: u64,
    /// `AuthSessionValidity`, in seconds.
    pub auth_session_validity_secs: u64,
    /// `ClientSecret`: a confidential client's (`GenerateSecret`), which every call naming a
    /// user through it proves with SECRET_HASH; `None` for a public client.
    /// The managed login (hosted UI) settings: callback and sign-out URLs, OAuth flows and
    /// scopes. Empty flows: the client is not enabled for OAuth.
    #[serde(default)]
    pub oauth: super::OAuthSettings,
    /// `ClientSecret`: a confidential client's secret (`None`: a public client).
    #[serde(default)]
    pub secret: Option<String>,
    /// `RefreshTokenRotation` (`None`: never set, as DISABLED).
    #[serde(default)]
    pub refresh_token_rotation: Option<RefreshTokenRotation>,
}

/// An app client's `RefreshTokenRotation` [BC]: with `Feature` ENABLED, GetTokensFromRefreshToken
/// answers a new refresh token beside the ID and access tokens, and the refresh token it was
/// given keeps working for `RetryGracePeriodSeconds` (0 to 60; client retries) and no longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RefreshTokenRotation {
    /// `ENABLED` or `DISABLED`.
    pub feature: FeatureType,
    /// Seconds the rotated-out refresh token still works (0: none).
    #[serde(default)]
    pub retry_grace_period_seconds: u64,
}

/// The model's `FeatureType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FeatureType {
    /// On.
    Enabled,
    /// Off.
    Disabled,
}

impl AppClient {
    /// `true` when the client lists `flow` in its `ExplicitAuthFlows`.
    #[must_use]
    pub fn allows(&self, flow: ExplicitAuthFlow) -> bool {
        self.explicit_auth_flows.contains(&flow)
    }

    /// The grace period of a rotated-out refresh token when the client rotates them.
    #[must_use]
    pub fn rotation_grace_secs(&self) -> Option<u64> {
        self.refresh_token_rotation
            .filter(|r| r.feature == FeatureType::Enabled)
            .map(|r| r.retry_grace_period_seconds)
    }
}

/// An entry of an app client's `ExplicitAuthFlows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExplicitAuthFlow {
    /// `ALLOW_USER_PASSWORD_AUTH`: the password travels in the InitiateAuth request.
    AllowUserPasswordAuth,
    /// `ALLOW_REFRESH_TOKEN_AUTH`.
    AllowRefreshTokenAuth,
    /// `ALLOW_USER_SRP_AUTH`: USER_SRP_AUTH, where the password never leaves the device.
    AllowUserSrpAuth,
    /// `ALLOW_CUSTOM_AUTH` (accepted in a config; not simulated).
    AllowCustomAuth,
    /// `ALLOW_ADMIN_USER_PASSWORD_AUTH` (AdminInitiateAuth only; not simulated).
    AllowAdminUserPasswordAuth,
}

impl ExplicitAuthFlow {
    /// What `CreateUserPoolClient` sets when `ExplicitAuthFlows` is omitted.
    pub const COGNITO_DEFAULT: [Self; 3] = [
        Self::AllowRefreshTokenAuth,
        Self::AllowUserSrpAuth,
        Self::AllowCustomAuth,
    ];

    /// The name on the wire, e.g. `ALLOW_USER_PASSWORD_AUTH`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AllowUserPasswordAuth => "ALLOW_USER_PASSWORD_AUTH",
            Self::AllowRefreshTokenAuth => "ALLOW_REFRESH_TOKEN_AUTH",
            Self::AllowUserSrpAuth => "ALLOW_USER_SRP_AUTH",
            Self::AllowCustomAuth => "ALLOW_CUSTOM_AUTH",
            Self::AllowAdminUserPasswordAuth => "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        }
    }
}

/// The app client's `PreventUserExistenceErrors`.
///
/// The default here is `Enabled`, the console's default for new clients (the API's is `LEGACY`):
/// it is the behaviour the lesson teaches, and the scenario format defaults to it too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PreventUserExistenceErrors {
    /// Unknown users get `NotAuthorizedException: Incorrect username or password.`, after the
    /// same argon2 work a wrong password costs.
    #[default]
    Enabled,
    /// Unknown users get `UserNotFoundException: User does not exist.`
    Legacy,
}

impl PreventUserExistenceErrors {
    /// The name on the wire: `ENABLED` or `LEGACY`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enabled => "ENABLED",
            Self::Legacy => "LEGACY",
        }
    }
}

/// Characters Cognito counts as symbols (the space counts too).
pub const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

/// A pool's password policy (`PasswordPolicyType`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicy {
    /// Minimum length in characters (Cognito allows 6 to 99).
    pub min_length: u32,
    /// At least one of A–Z.
    pub require_uppercase: bool,
    /// At least one of a–z.
    pub require_lowercase: bool,
    /// At least one of 0–9.
    pub require_numbers: bool,
    /// At least one of [`SYMBOLS`].
    pub require_symbols: bool,
    /// Days an admin-set temporary password stays usable.
    pub temporary_password_validity_days: u32,
}

impl Default for PasswordPolicy {
    /// Cognito's default: 8 characters, upper, lower, number and symbol; 7-day temporary passwords.
    fn default() -> Self {
        Self {
            min_length: 8,
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
            temporary_password_validity_days: 7,
        }
    }
}

impl PasswordPolicy {
    /// The weakest policy Cognito accepts: at least 6 characters and nothing else. For lessons
    /// that use a short example password such as `pass123`; say so on screen when using it.
    #[must_use]
    pub fn relaxed() -> Self {
        Self {
            min_length: 6,
            require_uppercase: false,
            require_lowercase: false,
            require_numbers: false,
            require_symbols: false,
            temporary_password_validity_days: 7,
        }
    }

    /// The policy in one line, e.g. "at least 8 characters, uppercase, lowercase, numbers, symbols".
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("at least {} characters", self.min_length)];
        for (required, name) in [
            (self.require_uppercase, "uppercase"),
            (self.require_lowercase, "lowercase"),
            (self.require_numbers, "numbers"),
            (self.require_symbols, "symbols"),
        ] {
            if required {
                parts.push(name.to_owned());
            }
        }
        parts.join(", ")
    }

    /// `true` when some password this policy accepts would fail Cognito's default policy.
    #[must_use]
    pub fn is_weaker_than_default(&self) -> bool {
        let default = Self::default();
        self.min_length < default.min_length
            || !self.require_uppercase
            || !self.require_lowercase
            || !self.require_numbers
            || !self.require_symbols
    }

    /// Checks `password` as Cognito does and reports the first unmet rule, in Cognito's order
    /// (length, uppercase, lowercase, numbers, symbols), as `InvalidPasswordException`.
    ///
    /// # Errors
    /// `InvalidPasswordException: Password did not conform with policy: …` naming one rule.
    pub fn check(&self, password: &str) -> Result<(), CognitoError> {
        let long_enough = password.chars().count() >= self.min_length as usize;
        let rules = [
            (true, long_enough, "Password not long enough"),
            (
                self.require_uppercase,
                password.chars().any(|c| c.is_ascii_uppercase()),
                "Password must have uppercase characters",
            ),
            (
                self.require_lowercase,
                password.chars().any(|c| c.is_ascii_lowercase()),
                "Password must have lowercase characters",
            ),
            (
                self.require_numbers,
                password.chars().any(|c| c.is_ascii_digit()),
                "Password must have numeric characters",
            ),
            (
                self.require_symbols,
                password.chars().any(|c| SYMBOLS.contains(c)),
                "Password must have symbol characters",
            ),
        ];
        match rules.iter().find(|(required, met, _)| *required && !met) {
            Some((_, _, rule)) => Err(CognitoError::invalid_password(rule)),
            None => Ok(()),
        }
    }
}

/// Which RSA keys sign a pool's tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum KeySource {
    /// The seed's own RSA-2048 pair, generated (or found kept) in the background: a real
    /// pool's keys, the only ones a learner or a client ever sees.
    #[default]
    Seeded,
    /// One fixed RSA-2048 pair built into cogflow, ready at once. For a run that only
    /// lays a lesson out (which steps it has) before the real run computes them: the same
    /// calls, checks and answers, other bytes, never shown.
    Layout,
}

/// argon2id cost parameters (memory in KiB, iterations, lanes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Argon2Params {
    /// Memory cost in KiB (`m`).
    pub m_cost_kib: u32,
    /// Iterations (`t`).
    pub t_cost: u32,
    /// Parallelism (`p`).
    pub p_cost: u32,
}

impl Default for Argon2Params {
    /// OWASP's recommendation for argon2id, and the argon2 crate's default: m=19456 KiB, t=2, p=1.
    fn default() -> Self {
        Self {
            m_cost_kib: 19_456,
            t_cost: 2,
            p_cost: 1,
        }
    }
}

impl Argon2Params {
    /// The cheapest parameters argon2 accepts (m=8 KiB, t=1, p=1): still real argon2id, fast
    /// enough for tests that hash many passwords. Never for a lesson's learners.
    #[must_use]
    pub fn cheap_for_tests() -> Self {
        Self {
            m_cost_kib: 8,
            t_cost: 1,
            p_cost: 1,
        }
    }

    /// e.g. "m=19456 KiB, t=2, p=1".
    #[must_use]
    pub fn describe(&self) -> String {
        format!(
            "m={} KiB, t={}, p={}",
            self.m_cost_kib, self.t_cost, self.p_cost
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::error::Exception;

    #[test]
    fn defaults_are_cognitos() {
        let c = PoolConfig::default();
        assert_eq!(c.region, "us-east-1");
        assert!(!c.allows(ExplicitAuthFlow::AllowUserPasswordAuth));
        assert!(c.allows(ExplicitAuthFlow::AllowRefreshTokenAuth));
        assert_eq!(c.access_token_validity_secs, 3600);
        assert_eq!(c.id_token_validity_secs, 3600);
        assert_eq!(c.refresh_token_validity_secs, 2_592_000);
        assert_eq!(c.auth_session_validity_secs, 180);
        assert_eq!(c.argon2.describe(), "m=19456 KiB, t=2, p=1");
        assert_eq!(c.password_policy.temporary_password_validity_days, 7);
    }

    #[test]
    fn policy_reports_first_unmet_rule() {
        let p = PasswordPolicy::default();
        let cases: &[(&str, Option<&str>)] = &[
            ("Ab1!", Some("Password not long enough")),
            ("abcdefg1!", Some("Password must have uppercase characters")),
            ("ABCDEFG1!", Some("Password must have lowercase characters")),
            ("Abcdefgh!", Some("Password must have numeric characters")),
            ("Abcdefgh1", Some("Password must have symbol characters")),
            ("Abcdefg 1", None),
            ("Correct-Horse-9", None),
            ("pass123", Some("Password not long enough")),
        ];
        for (pw, want) in cases {
            let got = p.check(pw).err();
            match (want, got) {
                (None, None) => {}
                (Some(rule), Some(e)) => {
                    assert_eq!(e.exception, Exception::InvalidPassword, "{pw}");
                    assert_eq!(
                        e.message,
                        format!("Password did not conform with policy: {rule}"),
                        "{pw}"
                    );
                }
                (want, got) => panic!("{pw}: want {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn relaxed_policy_accepts_the_seed_password_and_says_it_is_weaker() {
        let p = PasswordPolicy::relaxed();
        assert!(p.check("pass123").is_ok());
        assert!(p.check("pass1").is_err());
        assert!(p.is_weaker_than_default());
        assert!(!PasswordPolicy::default().is_weaker_than_default());
        assert_eq!(p.describe(), "at least 6 characters");
        assert_eq!(
            PasswordPolicy::default().describe(),
            "at least 8 characters, uppercase, lowercase, numbers, symbols"
        );
    }
}
