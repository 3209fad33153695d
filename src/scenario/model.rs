//! The scenario file format (`format_version` 1 or 2), as serde types.
//!
//! Format 2 adds keys and never changes what a format 1 key means; a format 1 file that uses
//! a format 2 key is told so by the validator (see `FORMAT_2_KEYS` there).
//!
//! These are the types the loader deserialises into and the types `cogflow schema` derives the
//! JSON Schema from, so the schema can never drift from what the loader accepts. Every struct
//! rejects unknown keys. Defaults are explicit and documented on each field.
//!
//! A file *labels and explains*; the engine computes every outcome from the mock. Nothing here
//! can state what Cognito answered.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod features;
pub use features::*;

/// The newest format version this build reads, and the one `cogflow new` writes.
pub const CURRENT_FORMAT_VERSION: u32 = 2;

/// The oldest format version this build reads.
pub const FIRST_FORMAT_VERSION: u32 = 1;

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// 1 or 2 (2 adds branch-only steps, per-step variant values, richer `when`, per-outcome
    /// text, named outcomes and proofs by step id).
    pub format_version: u32,
    /// Who the lesson is, how long it takes, what it tracks.
    pub scenario: Meta,
    /// The user pool the run starts from.
    pub pool: PoolSpec,
    /// The concept flow ("Process Flow"): boxes and arrows with one Yes/No branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagram: Option<Diagram>,
    /// The execution sample: short numbered lines, one marked per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<Sample>,
    /// The steps, in order. Steps with `when` apply only after a given outcome.
    #[schemars(length(min = 1))]
    pub steps: Vec<StepSpec>,
    /// Named overrides of inputs ("what if the password is wrong?").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantSpec>,
    /// Key moments: the insights, each linked to the steps it explains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moments: Vec<Moment>,
    /// The quiz.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// The concept snapshot: a few one-line takeaways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Snapshot>,
    /// The full transcript, as prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<Transcript>,
    /// The app's own words this lesson says differently (format 2), by key, e.g.
    /// `"header.step_of" = "Etapa {n} de {total}"` (`cogflow schema` lists the keys; a
    /// replacement keeps the word's `{blanks}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "messages_schema")]
    pub messages: BTreeMap<String, String>,
    /// Makes the file a lab (format 2): its steps wait for the learner's own calls
    /// (`cogflow serve LAB`) instead of making them. Every step that calls Cognito then has an
    /// `expect`; the steps' own inputs (and each variant's) are the sample solutions `check`
    /// runs against those expectations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<LabSpec>,
}

/// `[messages]` in the schema: every key the app's words have, with its English.
fn messages_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    use crate::words::{Language, Word};
    let properties: serde_json::Map<String, serde_json::Value> = Word::ALL
        .iter()
        .map(|w| {
            let english = w.in_language(Language::En);
            let spanish = w.in_language(Language::Es);
            (
                w.key().to_owned(),
                serde_json::json!({
                    "type": "string",
                    "description": format!("en: {english} · es: {spanish}"),
                }),
            )
        })
        .collect();
    schemars::json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// A lab's own settings (`[lab]`, format 2).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabSpec {
    /// What the learner builds, shown before the first step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// The code every step's sample starts from, per language (imports, the client, a helper
    /// that reads the codes the pool "sends"). A step's sample is this, then the samples of
    /// the steps before it, then its own.
    #[serde(default, skip_serializing_if = "Code::is_empty")]
    pub code: Code,
}

/// Code the learner can copy, per language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// Python (boto3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<String>,
    /// JavaScript (Node, amazon-cognito-identity-js).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub javascript: Option<String>,
    /// The AWS CLI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cli: Option<String>,
}

impl Code {
    /// The languages, as `(name, code)`, in this order: python, javascript, cli.
    #[must_use]
    pub fn languages(&self) -> Vec<(&'static str, &str)> {
        [
            ("python", &self.python),
            ("javascript", &self.javascript),
            ("cli", &self.cli),
        ]
        .into_iter()
        .filter_map(|(name, code)| code.as_deref().map(|c| (name, c)))
        .collect()
    }

    /// True when no language is given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.python.is_none() && self.javascript.is_none() && self.cli.is_none()
    }
}

/// What a lab step waits for: the learner's call of the step's `action` (the operation, and
/// for InitiateAuth and RespondToAuthChallenge the `AuthFlow` or `ChallengeName` the action
/// sends), about the step's `username` when it gives one (format 2).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// What Cognito must answer, as a `when` condition judged on the call: `success`
    /// (default), `error:NotAuthorizedException "expired"`, `challenge:NEW_PASSWORD_REQUIRED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Request members that must be present, as dotted paths: `AuthParameters.SECRET_HASH`,
    /// `UserAttributes`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// Hints, shown one at a time: the next one with each call that does not match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// This step's part of the sample solution, per language.
    #[serde(default, skip_serializing_if = "Code::is_empty")]
    pub code: Code,
}

/// The concept snapshot (`[snapshot]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// One takeaway per line.
    pub lines: Vec<String>,
}

/// The full transcript (`[transcript]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    /// The prose, one or more paragraphs (separated by blank lines).
    pub text: String,
}

/// Scenario metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Stable id: lowercase letters, digits and `-` (used by `cogflow run ID` and in progress).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Title shown at the top of every screen.
    pub title: String,
    /// Topic tag, e.g. "AWS".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Estimated minutes to complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub minutes: Option<u32>,
    /// One or two sentences: what the learner will see.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Variables shown in the status tracker, in this order.
    /// Default: the seed's `username`, `password`, `authStatus`, `token`.
    #[serde(default = "default_track")]
    pub track: Vec<String>,
    /// A note shown under the process table, e.g. "Authentication ends after token is received
    /// or error if credentials invalid".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_note: Option<String>,
    /// Shuffle quiz choices (seeded and recorded, so a class can still discuss "choice B").
    #[serde(default)]
    pub shuffle_choices: bool,
    /// How the main path ends, in words (format 2). Default: the last step's Result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The lesson's language, a BCP 47 tag (format 2): the app's own words (modes, panel
    /// titles, column headings, footer…) follow it. `en` (the default) or `es`. Cognito's
    /// exception names and messages stay in English, as the real API sends them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The seed's four tracked variables.
#[must_use]
pub fn default_track() -> Vec<String> {
    ["username", "password", "authStatus", "token"]
        .map(String::from)
        .to_vec()
}

/// The user pool and its one app client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PoolSpec {
    /// AWS region. Default `us-east-1`.
    #[serde(default = "default_region")]
    pub region: String,
    /// Pool id in Cognito's shape (`<region>_<alphanumerics>`); generated from the seed if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[\w-]+_[0-9a-zA-Z]+$"))]
    pub pool_id: Option<String>,
    /// App client id; generated from the seed if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The app client's `ExplicitAuthFlows`. Default is Cognito's own default, which does **not**
    /// include `ALLOW_USER_PASSWORD_AUTH`.
    #[serde(default = "default_auth_flows")]
    pub auth_flows: Vec<ExplicitAuthFlow>,
    /// `PreventUserExistenceErrors` on the app client. Default `ENABLED` (the console default for
    /// new clients; the API default is `LEGACY`).
    #[serde(default)]
    pub prevent_user_existence_errors: PreventUserExistenceErrors,
    /// Password policy. Default: Cognito's (8 characters, upper, lower, number, symbol).
    #[serde(default)]
    pub password_policy: PasswordPolicySpec,
    /// Token lifetimes. Default: access and ID 60 minutes, refresh 30 days.
    #[serde(default)]
    pub tokens: TokenLifetimes,
    /// The lesson clock's start, as a TOML datetime in UTC. Default `2026-01-15T09:00:00Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date-time"))]
    pub clock_start: Option<toml::value::Datetime>,
    /// The users that exist when the lesson starts.
    #[serde(default)]
    pub users: Vec<UserSpec>,
    /// More app clients of the pool (`[[pool.app_clients]]`). The client the fields above
    /// describe is the first, named `app`; lessons sign in through it, and `cogflow serve`
    /// serves them all (one `client_id.NAME=` line each).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub app_clients: Vec<AppClientSpec>,
    /// MFA (format 2). Default: `OPTIONAL` with an authenticator app, so `totp = true` users
    /// are asked for a code and nobody else is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<MfaSpec>,
    /// Groups (format 2), `[[pool.groups]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupSpec>,
    /// `UsernameAttributes` (format 2): users sign up and in with these instead of a username
    /// (Cognito then makes the username a UUID).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub username_attributes: Vec<SignInAttributeSpec>,
    /// `AliasAttributes` (format 2): verified values of these also sign a user in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alias_attributes: Vec<SignInAttributeSpec>,
    /// Custom attributes (format 2), `[[pool.schema]]`. Without it, every `custom:` attribute a
    /// user holds is a mutable String.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schema: Vec<CustomAttributeSpec>,
    /// The first app client's secret (format 2): `true` (drawn from the seed) or the secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<ClientSecretSpec>,
    /// Lambda triggers, as what each returns (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triggers: Option<TriggersSpec>,
    /// The first client's managed login (hosted UI) settings (`[pool.oauth]`). Absent: the
    /// client is not enabled for OAuth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OAuthSpec>,
}

/// One more app client of the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppClientSpec {
    /// `ClientName`, e.g. `admin-console` (unique in the pool; `app` is the first client's).
    pub name: String,
    /// App client id; generated from the seed if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// `ExplicitAuthFlows`. Default is Cognito's own default (no `ALLOW_USER_PASSWORD_AUTH`).
    #[serde(default = "default_auth_flows")]
    pub auth_flows: Vec<ExplicitAuthFlow>,
    /// `PreventUserExistenceErrors`. Default `ENABLED`, as for the first client.
    #[serde(default)]
    pub prevent_user_existence_errors: PreventUserExistenceErrors,
    /// Token lifetimes. Default: access and ID 60 minutes, refresh 30 days.
    #[serde(default)]
    pub tokens: TokenLifetimes,
    /// Managed login (hosted UI) settings (`[pool.app_clients.oauth]`). Absent: no OAuth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OAuthSpec>,
    /// The client's secret, as the first client's `client_secret`: `true` (drawn from the
    /// seed) or the secret. A confidential client is needed for `client_credentials`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<ClientSecretSpec>,
}

/// An app client's managed login (hosted UI) settings: Cognito's `CallbackURLs`, `LogoutURLs`,
/// `AllowedOAuthFlows` and `AllowedOAuthScopes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OAuthSpec {
    /// Where authorize may send the browser back (`redirect_uri` must match one byte for
    /// byte): absolute, no fragment, HTTPS unless `http://localhost`; app schemes such as
    /// `myapp://callback` are allowed.
    #[serde(default)]
    pub callback_urls: Vec<String>,
    /// Where `/logout` may send the browser (`logout_uri`), with the same rules.
    #[serde(default)]
    pub logout_urls: Vec<String>,
    /// `code`, `implicit` and/or `client_credentials` (which goes alone). Default `["code"]`.
    #[serde(default = "default_oauth_flows")]
    pub flows: Vec<OAuthFlowSpec>,
    /// Scopes the client may be granted: `openid`, `email`, `phone`, `profile`,
    /// `aws.cognito.signin.user.admin`, or a custom `resourceServer/name`.
    /// Default `["openid", "email", "profile"]`.
    #[serde(default = "default_oauth_scopes")]
    pub scopes: Vec<String>,
}

fn default_oauth_flows() -> Vec<OAuthFlowSpec> {
    vec![OAuthFlowSpec::Code]
}

fn default_oauth_scopes() -> Vec<String> {
    ["openid", "email", "profile"].map(String::from).to_vec()
}

/// An entry of `AllowedOAuthFlows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OAuthFlowSpec {
    /// Authorization code (with PKCE for a public client).
    Code,
    /// Tokens in the redirect's fragment; no refresh token.
    Implicit,
    /// Machine to machine: custom scopes, a client secret.
    ClientCredentials,
}

fn default_region() -> String {
    "us-east-1".to_owned()
}

fn default_auth_flows() -> Vec<ExplicitAuthFlow> {
    vec![
        ExplicitAuthFlow::AllowRefreshTokenAuth,
        ExplicitAuthFlow::AllowUserSrpAuth,
        ExplicitAuthFlow::AllowCustomAuth,
    ]
}

/// An entry of an app client's `ExplicitAuthFlows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExplicitAuthFlow {
    /// `ALLOW_USER_PASSWORD_AUTH`: the password is sent in the request.
    AllowUserPasswordAuth,
    /// `ALLOW_REFRESH_TOKEN_AUTH`.
    AllowRefreshTokenAuth,
    /// `ALLOW_USER_SRP_AUTH` (not simulated; listed so real client configs load).
    AllowUserSrpAuth,
    /// `ALLOW_CUSTOM_AUTH` (not simulated).
    AllowCustomAuth,
    /// `ALLOW_ADMIN_USER_PASSWORD_AUTH`.
    AllowAdminUserPasswordAuth,
}

/// `PreventUserExistenceErrors`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PreventUserExistenceErrors {
    /// Unknown users get `NotAuthorizedException: Incorrect username or password.`
    #[default]
    Enabled,
    /// Unknown users get `UserNotFoundException: User does not exist.`
    Legacy,
}

/// Password policy. Every field defaults to Cognito's default policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordPolicySpec {
    /// Minimum length, 6 to 99. Default 8.
    #[serde(default = "default_min_length")]
    #[schemars(range(min = 6, max = 99))]
    pub min_length: u32,
    /// Default true.
    #[serde(default = "yes")]
    pub require_uppercase: bool,
    /// Default true.
    #[serde(default = "yes")]
    pub require_lowercase: bool,
    /// Default true.
    #[serde(default = "yes")]
    pub require_numbers: bool,
    /// Default true.
    #[serde(default = "yes")]
    pub require_symbols: bool,
    /// Days an admin-set temporary password stays valid, 0 to 365. Default 7.
    #[serde(default = "default_temp_days")]
    #[schemars(range(min = 0, max = 365))]
    pub temporary_password_validity_days: u32,
    /// Shown on screen when the policy is weaker than Cognito's default (say why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Default for PasswordPolicySpec {
    fn default() -> Self {
        Self {
            min_length: default_min_length(),
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
            temporary_password_validity_days: default_temp_days(),
            note: None,
        }
    }
}

impl PasswordPolicySpec {
    /// The mock's password policy with these rules (the mock is the one place rules are checked).
    #[must_use]
    pub fn to_policy(&self) -> crate::cognito::PasswordPolicy {
        crate::cognito::PasswordPolicy {
            min_length: self.min_length,
            require_uppercase: self.require_uppercase,
            require_lowercase: self.require_lowercase,
            require_numbers: self.require_numbers,
            require_symbols: self.require_symbols,
            temporary_password_validity_days: self.temporary_password_validity_days,
        }
    }
}

fn default_min_length() -> u32 {
    8
}
fn default_temp_days() -> u32 {
    7
}
fn yes() -> bool {
    true
}

/// Token lifetimes of the app client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenLifetimes {
    /// Access token validity in minutes (5 to 1440). Default 60.
    #[serde(default = "default_token_minutes")]
    #[schemars(range(min = 5, max = 1440))]
    pub access_minutes: u32,
    /// ID token validity in minutes (5 to 1440). Default 60.
    #[serde(default = "default_token_minutes")]
    #[schemars(range(min = 5, max = 1440))]
    pub id_minutes: u32,
    /// Refresh token validity in days (1 to 3650). Default 30.
    #[serde(default = "default_refresh_days")]
    #[schemars(range(min = 1, max = 3650))]
    pub refresh_days: u32,
}

impl Default for TokenLifetimes {
    fn default() -> Self {
        Self {
            access_minutes: default_token_minutes(),
            id_minutes: default_token_minutes(),
            refresh_days: default_refresh_days(),
        }
    }
}

fn default_token_minutes() -> u32 {
    60
}
fn default_refresh_days() -> u32 {
    30
}

/// A user that exists when the lesson starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    /// Username.
    pub username: String,
    /// The user's password (hashed with argon2id when the pool is built; never stored clear).
    /// For `FORCE_CHANGE_PASSWORD` users this is the temporary password.
    pub password: String,
    /// Account status. Default `CONFIRMED`.
    #[serde(default)]
    pub status: UserStatusSpec,
    /// Default true. A disabled user gets `NotAuthorizedException: User is disabled.`
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The `email` attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The `email_verified` attribute. Default: true when `email` is set and the user is confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// Other attributes, e.g. `name = "Ana"` or `"custom:plan" = "pro"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// `true` to give the user a TOTP authenticator (SOFTWARE_TOKEN_MFA) after sign-in's password check.
    #[serde(default)]
    pub totp: bool,
    /// The `[[pool.groups]]` the user is in (format 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
}

/// A user's status as a scenario may set it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserStatusSpec {
    /// Signed up, not confirmed.
    Unconfirmed,
    /// Confirmed.
    #[default]
    Confirmed,
    /// Admin-created; must change the temporary password at first sign-in.
    ForceChangePassword,
    /// Must reset the password before signing in.
    ResetRequired,
}

/// The concept flow diagram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagram {
    /// One sentence under the diagram.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Boxes, drawn top to bottom in this order. A decision's `no` branch is drawn to the side.
    pub nodes: Vec<DiagramNode>,
}

/// One box of the diagram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiagramNode {
    /// Id that steps refer to with `node = "..."`.
    pub id: String,
    /// The text in the box.
    pub label: String,
    /// For a decision: the node the "Yes" arrow goes to (default: the next node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<String>,
    /// Makes this node a decision: the node the "No" arrow goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<String>,
    /// The node after this one, when it is not simply the next in the list (`""` ends the flow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The execution sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// Language or tag shown above the lines, e.g. "AWS".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The lines, shown numbered; steps point at one with `sample_line`.
    pub lines: Vec<String>,
    /// One sentence under the sample.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// One step of the lesson.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    /// Optional id, so moments and questions can refer to the step by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What happens: one of the action vocabulary (see `docs/scenarios.md`).
    pub action: Action,
    /// When the step applies: `always` (default), `success`, `error`, `error:<Exception>`,
    /// `challenge` or `challenge:<CHALLENGE_NAME>`, judged on the latest Cognito call. Format 2
    /// adds `|` (or), `not`, parentheses and a message to match:
    /// `error:NotAuthorizedException "User is disabled."`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The only branches this step belongs to (format 2): variant ids, and `main` for the main
    /// path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_in: Option<Vec<String>>,
    /// Branches this step is left out of (format 2): variant ids, and `main` for the main path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in: Option<Vec<String>>,
    /// The "Action" column. Default: the action's own wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The "Input" column. Default: computed from what the step really sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The "Cognito Response" column when the call succeeds. On an error the real exception is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// The "Result" column when the step succeeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The "Result" column when the step's call fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_result: Option<String>,
    /// What the learner should notice at this step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
    /// What the learner should notice when the step's call fails (format 2). Default: `explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_explain: Option<String>,
    /// The diagram node this step lights up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The execution-sample line (1-based) this step marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub sample_line: Option<u32>,
    /// Code shown with the step, e.g. the SDK call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,

    // Action inputs. Each action reads the ones it needs (see docs/scenarios.md); variants
    // override them by name.
    /// Username typed or sent. Default: the first user of the pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Password typed or sent. Default: that user's password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// New password (NEW_PASSWORD_REQUIRED, confirm forgot password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
    /// Email for sign-up or admin-create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A code: confirmation, reset or TOTP. Default: the one the user really received or sees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Which token a step uses: `id`, `access` or `refresh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenKind>,
    /// For `advance_clock`: how long, e.g. `"61m"`, `"90s"`, `"2h"`, `"31d"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// For `open_authorize` and `exchange_code`: the `redirect_uri` sent. Default: the app
    /// client's first callback URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// For `exchange_code`: the PKCE `code_verifier` sent. Default: the one `make_pkce` drew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
    /// For `compute_srp_proof`: how the device writes the SRP `TIMESTAMP`, as a `strftime`
    /// pattern. Default Cognito's own, `"%a %b %-d %H:%M:%S UTC %Y"`; `"%a %b %d %H:%M:%S UTC
    /// %Y"` is the classic client bug (a zero-padded day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// A group: the one `admin_add_user_to_group` adds the user to, or the one
    /// `authorize_group` requires (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// For `compute_secret_hash`: the client secret the app holds. Default: the pool's own;
    /// `""` for an app that has none (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// For `tamper_token`: `none`, `payload`, `alg-none`, `access-as-id`, `other-client` or
    /// `other-pool` (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tamper: Option<String>,
    /// A question asked *before* this step is shown ("What will Cognito answer?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predict: Option<Prediction>,
    /// In a lab (format 2): the call this step waits for, instead of making it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
}

/// The action vocabulary. Each action runs real mock operations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Only text: nothing runs (e.g. "User opens app").
    #[default]
    Narrate,
    /// The user types a username and password into the app.
    EnterCredentials,
    /// InitiateAuth (USER_PASSWORD_AUTH) phase 1: the request reaches Cognito.
    SendCredentials,
    /// InitiateAuth phase 2: Cognito checks the credentials; the outcome is known.
    VerifyCredentials,
    /// InitiateAuth phase 3: Cognito returns tokens, a challenge or an error.
    ReturnResult,
    /// InitiateAuth in one step (all three phases).
    SignIn,
    /// SRP: the device draws its secret a and computes A = g^a mod N (no call).
    ComputeSrpA,
    /// InitiateAuth (USER_SRP_AUTH) phase 1: USERNAME and SRP_A reach Cognito; the phases
    /// after it are `verify_credentials` and `return_result`.
    SendSrpA,
    /// SRP: from SALT and SRP_B the device computes u, x, S and K and signs the TIMESTAMP (no
    /// call).
    ComputeSrpProof,
    /// RespondToAuthChallenge (PASSWORD_VERIFIER) phase 1: the proof reaches Cognito; the
    /// phases after it are `verify_credentials` and `return_result`.
    SendSrpProof,
    /// The app verifies the token against the JWKS and lets the user in.
    GrantAccess,
    /// The app shows the error from the latest call.
    ShowError,
    /// SignUp.
    SignUp,
    /// ConfirmSignUp with the emailed code.
    ConfirmSignUp,
    /// ResendConfirmationCode.
    ResendConfirmationCode,
    /// AdminCreateUser (temporary password, FORCE_CHANGE_PASSWORD).
    AdminCreateUser,
    /// RespondToAuthChallenge NEW_PASSWORD_REQUIRED.
    AnswerNewPassword,
    /// RespondToAuthChallenge SOFTWARE_TOKEN_MFA with the authenticator's code.
    AnswerTotp,
    /// InitiateAuth REFRESH_TOKEN_AUTH.
    RefreshTokens,
    /// GetUser with the access token ("call an API").
    GetUser,
    /// GlobalSignOut.
    GlobalSignOut,
    /// RevokeToken (the refresh token).
    RevokeToken,
    /// ForgotPassword.
    ForgotPassword,
    /// ConfirmForgotPassword.
    ConfirmForgotPassword,
    /// AdminDisableUser.
    AdminDisableUser,
    /// AdminEnableUser.
    AdminEnableUser,
    /// Move the lesson clock forward by `duration`.
    AdvanceClock,
    /// The app verifies a token offline against the JWKS (no call to Cognito).
    VerifyToken,
    /// The app computes SECRET_HASH, an HMAC-SHA256 of the username and client id keyed with
    /// the client secret (no call); sign-in calls send it (format 2).
    ComputeSecretHash,
    /// AdminAddUserToGroup (format 2).
    AdminAddUserToGroup,
    /// The app's API checks the access token against the JWKS and that its `cognito:groups`
    /// holds `group` (no call to Cognito; format 2).
    AuthorizeGroup,
    /// AssociateSoftwareToken: the authenticator's secret, with the MFA_SETUP Session or the
    /// access token (format 2).
    AssociateSoftwareToken,
    /// VerifySoftwareToken with the authenticator's first code (format 2).
    VerifySoftwareToken,
    /// RespondToAuthChallenge MFA_SETUP, after VerifySoftwareToken (format 2).
    AnswerMfaSetup,
    /// The ID token the app holds is changed as `tamper` says, before a check (format 2).
    TamperToken,
    /// Hosted UI: the app draws a PKCE code verifier and computes its S256 challenge (no call).
    MakePkce,
    /// Hosted UI: the browser opens `GET /oauth2/authorize` (client, redirect URI, scopes,
    /// state, nonce, code challenge); Cognito checks each and sends it to the sign-in page.
    OpenAuthorize,
    /// Hosted UI: the user signs in on the hosted page (`POST /login`); Cognito redirects back
    /// with a one-time code.
    SubmitLogin,
    /// Hosted UI: the app exchanges the code and its code verifier at `POST /oauth2/token`.
    ExchangeCode,
    /// Hosted UI: the app calls `GET /oauth2/userInfo` with the access token it holds.
    CallUserInfo,
}

/// Which token a step uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// The ID token (`token_use = id`).
    Id,
    /// The access token (`token_use = access`).
    Access,
    /// The refresh token (opaque).
    Refresh,
}

/// A named variant: the same lesson with some inputs overridden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    /// Id, e.g. `wrong-password` (`--variant wrong-password`).
    pub id: String,
    /// Shown when the learner switches to it, e.g. "What if the password is wrong?".
    pub title: String,
    /// What to look for in this branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Step inputs to override wherever a step uses them.
    #[serde(default)]
    pub set: InputOverrides,
    /// Changes to users of the pool, by username.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub users: BTreeMap<String, UserPatch>,
    /// Changes to the pool's app client (e.g. `prevent_user_existence_errors = "LEGACY"`).
    #[serde(default, skip_serializing_if = "PoolPatch::is_empty")]
    pub pool: PoolPatch,
    /// Values for single steps, by step id (format 2): `at.confirm-first = { code = "000000" }`.
    /// They win over `set`, which applies everywhere.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub at: BTreeMap<String, StepPatch>,
    /// How this branch ends, in words (format 2). Default: its last step's Result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// What a variant changes at one step (format 2).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepPatch {
    /// The username this step types or sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The password this step types or sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The new password this step sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
    /// The code this step types (a wrong one, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The email this step uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// How long this `advance_clock` step waits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// The `redirect_uri` this step sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// The PKCE `code_verifier` this step sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
    /// How this `compute_srp_proof` step writes the TIMESTAMP (a `strftime` pattern).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Which token this step uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenKind>,
    /// The group this step adds to or requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The client secret this `compute_secret_hash` step uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// How this `tamper_token` step changes the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tamper: Option<String>,
    /// This step's explanation in this branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
    /// This step's explanation in this branch when its call fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_explain: Option<String>,
}

impl StepPatch {
    /// The inputs this patch overrides, as a `set` table.
    #[must_use]
    pub fn inputs(&self) -> InputOverrides {
        InputOverrides {
            username: self.username.clone(),
            password: self.password.clone(),
            new_password: self.new_password.clone(),
            code: self.code.clone(),
            email: self.email.clone(),
            duration: self.duration.clone(),
            timestamp: self.timestamp.clone(),
            group: self.group.clone(),
            client_secret: self.client_secret.clone(),
            tamper: self.tamper.clone(),
            redirect_uri: self.redirect_uri.clone(),
            code_verifier: self.code_verifier.clone(),
        }
    }
}

/// Changes a variant makes to the pool's app client.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PoolPatch {
    /// Another `PreventUserExistenceErrors` setting (LEGACY shows `UserNotFoundException`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prevent_user_existence_errors: Option<PreventUserExistenceErrors>,
    /// Other `ExplicitAuthFlows` (e.g. without `ALLOW_USER_PASSWORD_AUTH`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_flows: Option<Vec<ExplicitAuthFlow>>,
    /// Another MFA setting (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<MfaSpec>,
    /// Other `UsernameAttributes` (format 2; `[]` for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_attributes: Option<Vec<SignInAttributeSpec>>,
    /// Other `AliasAttributes` (format 2; `[]` for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_attributes: Option<Vec<SignInAttributeSpec>>,
    /// Other triggers (format 2): these replace the pool's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triggers: Option<TriggersSpec>,
}

impl PoolPatch {
    /// True when the patch changes nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// `pool` with this patch applied.
    #[must_use]
    pub fn apply(&self, pool: &PoolSpec) -> PoolSpec {
        let mut patched = pool.clone();
        if let Some(setting) = self.prevent_user_existence_errors {
            patched.prevent_user_existence_errors = setting;
        }
        if let Some(flows) = &self.auth_flows {
            patched.auth_flows.clone_from(flows);
        }
        if self.mfa.is_some() {
            patched.mfa.clone_from(&self.mfa);
        }
        if let Some(names) = &self.username_attributes {
            patched.username_attributes.clone_from(names);
        }
        if let Some(names) = &self.alias_attributes {
            patched.alias_attributes.clone_from(names);
        }
        if self.triggers.is_some() {
            patched.triggers.clone_from(&self.triggers);
        }
        patched
    }
}

/// Step inputs a variant (or the learner's "try it" form) can override.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputOverrides {
    /// Replaces `username` in every step that uses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Replaces `password` in every step that uses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Replaces `new_password`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
    /// Replaces `code` (a wrong code, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Replaces `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Replaces `duration` of `advance_clock` steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Replaces `timestamp` of `compute_srp_proof` steps (a `strftime` pattern).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Replaces `group` (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Replaces `client_secret` of `compute_secret_hash` steps (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Replaces `tamper` of `tamper_token` steps (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tamper: Option<String>,
    /// Replaces `redirect_uri` (one the client has not registered, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// Replaces `code_verifier` (a wrong one, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
}

/// Changes a variant makes to one user.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    /// New status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatusSpec>,
    /// Enabled or disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// A different stored password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Give or take away a TOTP authenticator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<bool>,
    /// Other groups (format 2; `[]` for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
}

/// A step reference: a 1-based position in `steps`, or a step's `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum StepRef {
    /// 1-based position in the file's `[[steps]]`.
    Number(#[schemars(range(min = 1))] u32),
    /// A step's `id`.
    Id(String),
}

/// A key moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    /// The question a learner would ask, e.g. "Why does the app need a token after authentication?"
    pub title: String,
    /// The insight.
    pub text: String,
    /// The steps it explains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepRef>,
}

/// A multiple-choice quiz question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id (recorded in results), e.g. `q1`.
    pub id: String,
    /// The question.
    pub prompt: String,
    /// Two to six choices, lettered A, B, C… in this order (unless shuffled).
    #[schemars(length(min = 2, max = 6))]
    pub choices: Vec<String>,
    /// The right choice's letter, e.g. `"A"`.
    pub answer: String,
    /// Hints, shown one at a time in this order when the learner asks; a wrong answer offers the
    /// next one. At least one.
    #[schemars(length(min = 1))]
    pub hints: Vec<String>,
    /// Shown after the question is answered or given up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The step this question is about ("jump to the step").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about_step: Option<StepRef>,
    /// What in the simulated run proves the answer; `cogflow check` compares them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<Proof>,
    /// Keep the choices in the file's order even when they are shuffled (the lesson's
    /// `shuffle_choices`, and every retry round): for choices that refer to each other ("both
    /// of the above"). Format 2.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pin_order: bool,
}

/// What in the run proves a question's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proof {
    /// Which run: a variant id, or absent for the main path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// What to read from a run step: `action`, `input`, `response`, `result`, `outcome`,
    /// or `var:<name>` (a tracked variable's value after the step).
    pub field: String,
    /// The step: a run step number (1-based, as displayed), or (format 2) a step's id, found
    /// in that run. With a step, the answer's text must equal the field's value there. Without
    /// one, the answer must be "Step N" where N is the first step at which the field is set
    /// (not empty, `none` or `N/A`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepRef>,
    /// Instead of comparing with the answer's text: the field's value must contain this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<String>,
}

/// A prediction asked before a step is revealed. Scored apart from the quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prediction {
    /// The question, e.g. "What will Cognito answer?"
    pub prompt: String,
    /// Two to six choices, lettered A, B, C…
    #[schemars(length(min = 2, max = 6))]
    pub choices: Vec<String>,
    /// The right choice's letter, when it is the same in every run. Give this or `field`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The right choice is the one whose text equals this field of the step in the run being
    /// shown (`response`, `result`, `input`, `outcome` or `var:<name>`), so the prediction stays
    /// right in every variant. Give this or `answer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Shown after the prediction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}
