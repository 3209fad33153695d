//! Scenario to mock: what a run starts from (the file's pool, patched by a variant), the mock's
//! configuration for it, and the pool built from that with the users imported.
//!
//! ```text
//!  ScenarioFile ──Setup::main / ::variant / ::try_it──> Setup ──Setup::build──> UserPool + PoolFacts
//!                  (no crypto: plain data, editable)             (argon2id hashes every user)
//! ```
//!
//! A [`Setup`] is plain data on purpose: a caller may change it before building (a crypto-free
//! dry run can swap `config.argon2`), and `cogflow serve` builds its pool from the same
//! [`pool_config`] and [`seed_user`] as the lessons.

use crate::cognito::{self, UserPool};
use crate::scenario::ScenarioFile;
use crate::scenario::model::{
    AppClientSpec, ClientSecretSpec, ExplicitAuthFlow, GroupSpec, InputOverrides, OAuthFlowSpec,
    OAuthSpec, PoolSpec, PreventUserExistenceErrors, StepSpec, UserSpec, UserStatusSpec,
    VariantSpec,
};

use super::FlowError;

mod features;
use super::inputs::Overrides;
use crate::flow::frame::PoolFacts;
use crate::flow::time::{self, DEFAULT_CLOCK_START};
use crate::scenario::vocab::MAIN;
pub use features::seed_groups;

/// Everything a run starts from, before any cryptography.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// The scenario's id.
    pub scenario_id: String,
    /// The variant run, or `None` for the main path.
    pub variant: Option<String>,
    /// The mock's configuration (the file's `[pool]`, with the variant's `pool` patch).
    pub config: cognito::PoolConfig,
    /// The lesson's users as the run starts: the file's, with the variant's `users` patches.
    pub users: Vec<UserSpec>,
    /// The pool's groups as the run starts (the users name theirs).
    pub groups: Vec<GroupSpec>,
    /// The pool's app clients after the first (`[[pool.app_clients]]`).
    pub app_clients: Vec<AppClientSpec>,
    /// What the lesson says about a password policy weaker than Cognito's default.
    pub policy_note: Option<String>,
    /// The lesson clock's start (epoch seconds, UTC).
    pub clock_start: u64,
    /// The UTC offset `clock_start` was written with, in minutes: the clock is shown at it.
    pub clock_offset_minutes: i32,
    /// The variables the tracker shows, in order.
    pub tracked: Vec<String>,
    /// The file's steps, in order, as this branch shows them (a variant's `at` explanations
    /// and tokens applied).
    pub steps: Vec<StepSpec>,
    /// The inputs the variant (or the learner's "try it" form) overrides.
    pub overrides: Overrides,
    /// How the run ends, in words, when the lesson names it.
    pub outcome: Option<String>,
}

impl Setup {
    /// The main path of `file`.
    #[must_use]
    pub fn main(file: &ScenarioFile) -> Self {
        Self::patched(file, None, &file.pool, file.pool.users.clone())
    }

    /// The variant `id` of `file`.
    ///
    /// # Errors
    /// [`FlowError::UnknownVariant`] when the file has no such variant.
    pub fn variant(file: &ScenarioFile, id: &str) -> Result<Self, FlowError> {
        let spec = super::find_variant(file, id)?;
        let pool = spec.pool.apply(&file.pool);
        let mut setup = Self::patched(file, Some(spec), &pool, patched_users(&pool, spec));
        setup.overrides.variant = spec.set.clone();
        setup.overrides.at_step = spec
            .at
            .iter()
            .map(|(id, patch)| (id.clone(), patch.inputs()))
            .collect();
        for step in &mut setup.steps {
            let Some(patch) = step.id.as_ref().and_then(|id| spec.at.get(id)) else {
                continue;
            };
            // The branch's own words replace the step's, whatever the outcome, unless the
            // branch also says what to show when the call fails.
            if patch.explain.is_some() {
                step.explain.clone_from(&patch.explain);
                step.error_explain.clone_from(&patch.error_explain);
            } else if patch.error_explain.is_some() {
                step.error_explain.clone_from(&patch.error_explain);
            }
            if patch.token.is_some() {
                step.token = patch.token;
            }
        }
        setup.outcome.clone_from(&spec.outcome);
        Ok(setup)
    }

    /// The main path with the learner's own inputs (the "try it" form).
    #[must_use]
    pub fn try_it(file: &ScenarioFile, inputs: &InputOverrides) -> Self {
        let mut setup = Self::main(file);
        // A step that signs in with the lesson's new password signs in with the learner's.
        if let Some(new) = &inputs.new_password {
            let lesson: Vec<String> = file
                .steps
                .iter()
                .filter_map(|s| s.new_password.clone())
                .collect();
            for step in &mut setup.steps {
                if step.password.as_ref().is_some_and(|p| lesson.contains(p)) {
                    step.password = Some(new.clone());
                }
            }
        }
        setup.overrides.try_it = inputs.clone();
        setup
    }

    fn patched(
        file: &ScenarioFile,
        variant: Option<&VariantSpec>,
        pool: &PoolSpec,
        users: Vec<UserSpec>,
    ) -> Self {
        let config = pool_config(pool);
        let policy = &config.password_policy;
        let policy_note = policy.is_weaker_than_default().then(|| {
            pool.password_policy.note.clone().unwrap_or_else(|| {
                format!(
                    "This lesson's password policy ({}) is weaker than Cognito's default.",
                    policy.describe()
                )
            })
        });
        Self {
            scenario_id: file.scenario.id.clone(),
            variant: variant.map(|v| v.id.clone()),
            config,
            users,
            groups: pool.groups.clone(),
            app_clients: pool.app_clients.clone(),
            policy_note,
            // The file's clock, not a variant's: variants cannot move it.
            clock_start: file
                .pool
                .clock_start
                .as_ref()
                .and_then(time::datetime_to_epoch)
                .unwrap_or(DEFAULT_CLOCK_START),
            clock_offset_minutes: file
                .pool
                .clock_start
                .as_ref()
                .map_or(0, time::offset_minutes),
            tracked: file.scenario.track.clone(),
            steps: file.steps.clone(),
            overrides: Overrides::default(),
            outcome: file.scenario.outcome.clone(),
        }
    }

    /// The same setup for a layout run ([`super::lay_out`]): passwords hashed at argon2's
    /// cheapest cost and tokens signed by the built-in layout keys, so nothing waits; every
    /// rule, user and input as they are.
    #[must_use]
    pub fn for_layout(&self) -> Self {
        self.clone().into_layout()
    }

    /// [`Self::for_layout`], of a setup nobody needs as it was (no copy of its steps).
    #[must_use]
    pub fn into_layout(self) -> Self {
        let mut setup = self;
        setup.config.argon2 = cognito::Argon2Params::cheap_for_tests();
        setup.config.keys = cognito::KeySource::Layout;
        setup
    }

    /// The main path (`None`) or the variant `id` of `file`.
    ///
    /// # Errors
    /// [`FlowError::UnknownVariant`] when the file has no such variant.
    pub fn of(file: &ScenarioFile, variant: Option<&str>) -> Result<Self, FlowError> {
        match variant {
            None => Ok(Self::main(file)),
            Some(id) => Self::variant(file, id),
        }
    }

    /// The branch's name, as `only_in` and `not_in` name it: the variant's id, or `main`.
    #[must_use]
    pub fn branch(&self) -> &str {
        self.variant.as_deref().unwrap_or(MAIN)
    }

    /// A fresh pool with the lesson's users imported (each password hashed with argon2id), and
    /// the facts the screens show about it.
    ///
    /// # Errors
    /// [`FlowError::Pool`] for a user the mock refuses.
    pub fn build(&self, seed: u64) -> Result<(UserPool, PoolFacts), FlowError> {
        let mut pool = UserPool::new(self.config.clone(), seed, self.clock_start);
        for user in &self.users {
            pool.add_user(seed_user(user))
                .map_err(|e| FlowError::Pool(format!("user `{}`: {e}", user.username)))?;
        }
        for client in &self.app_clients {
            pool.add_client(app_client(client))
                .map_err(|e| FlowError::Pool(format!("app client `{}`: {e}", client.name)))?;
        }
        features::seed_groups(&mut pool, &self.groups, &self.users)?;
        // Crypto done while building the pool (hashing the users) belongs to no step.
        let _ = pool.take_crypto_log();
        let facts = PoolFacts {
            policy_note: self.policy_note.clone(),
            clock_offset_minutes: self.clock_offset_minutes,
            ..PoolFacts::of(&pool)
        };
        Ok((pool, facts))
    }
}

impl PoolFacts {
    /// What the screens show about `pool` as it is now (its clock is the start).
    #[must_use]
    pub fn of(pool: &UserPool) -> Self {
        Self {
            pool_id: pool.pool_id().to_owned(),
            region: pool.region().to_owned(),
            client_id: pool.client_id().to_owned(),
            issuer: pool.issuer(),
            jwks_url: pool.jwks_url(),
            password_policy: pool.config().password_policy.describe(),
            policy_note: None,
            clock_start: pool.now(),
            clock_offset_minutes: 0,
        }
    }
}

/// The pool's users with `variant`'s patches applied.
fn patched_users(pool: &PoolSpec, variant: &VariantSpec) -> Vec<UserSpec> {
    let mut users = pool.users.clone();
    for user in &mut users {
        let Some(patch) = variant.users.get(&user.username) else {
            continue;
        };
        if let Some(status) = patch.status {
            user.status = status;
        }
        if let Some(enabled) = patch.enabled {
            user.enabled = enabled;
        }
        if let Some(password) = &patch.password {
            user.password.clone_from(password);
        }
        if let Some(totp) = patch.totp {
            user.totp = totp;
        }
        if let Some(groups) = &patch.groups {
            user.groups.clone_from(groups);
        }
    }
    users
}

/// The mock's configuration for a scenario's pool (the lessons', and `cogflow serve`'s).
#[must_use]
pub fn pool_config(spec: &PoolSpec) -> cognito::PoolConfig {
    let mut config = cognito::PoolConfig {
        region: spec.region.clone(),
        pool_id: spec.pool_id.clone(),
        client_id: spec.client_id.clone(),
        explicit_auth_flows: spec.auth_flows.iter().map(|f| auth_flow(*f)).collect(),
        prevent_user_existence_errors: pue(spec.prevent_user_existence_errors),
        password_policy: spec.password_policy.to_policy(),
        access_token_validity_secs: u64::from(spec.tokens.access_minutes) * 60,
        id_token_validity_secs: u64::from(spec.tokens.id_minutes) * 60,
        refresh_token_validity_secs: u64::from(spec.tokens.refresh_days) * 86_400,
        custom_attributes: implied_custom_attributes(spec),
        oauth: spec.oauth.as_ref().map(oauth_settings).unwrap_or_default(),
        ..cognito::PoolConfig::default()
    };
    features::apply(spec, &mut config);
    config
}

/// A client's `oauth` table as the mock keeps it.
fn oauth_settings(spec: &OAuthSpec) -> cognito::OAuthSettings {
    cognito::OAuthSettings {
        callback_urls: spec.callback_urls.clone(),
        logout_urls: spec.logout_urls.clone(),
        flows: spec
            .flows
            .iter()
            .map(|f| match f {
                OAuthFlowSpec::Code => cognito::OAuthFlow::Code,
                OAuthFlowSpec::Implicit => cognito::OAuthFlow::Implicit,
                OAuthFlowSpec::ClientCredentials => cognito::OAuthFlow::ClientCredentials,
            })
            .collect(),
        scopes: spec.scopes.clone(),
    }
}

/// A scenario's extra app client as the mock keeps it (`client_id` empty: drawn from the seed).
#[must_use]
pub fn app_client(spec: &AppClientSpec) -> cognito::AppClient {
    let defaults = cognito::PoolConfig::default();
    cognito::AppClient {
        name: spec.name.clone(),
        client_id: spec.client_id.clone().unwrap_or_default(),
        explicit_auth_flows: spec.auth_flows.iter().map(|f| auth_flow(*f)).collect(),
        prevent_user_existence_errors: pue(spec.prevent_user_existence_errors),
        access_token_validity_secs: u64::from(spec.tokens.access_minutes) * 60,
        id_token_validity_secs: u64::from(spec.tokens.id_minutes) * 60,
        refresh_token_validity_secs: u64::from(spec.tokens.refresh_days) * 86_400,
        auth_session_validity_secs: defaults.auth_session_validity_secs,
        oauth: spec.oauth.as_ref().map(oauth_settings).unwrap_or_default(),
        // An empty secret is drawn by the pool when the client is added (`UserPool::add_client`).
        secret: match &spec.client_secret {
            Some(ClientSecretSpec::Generate(true)) => Some(String::new()),
            Some(ClientSecretSpec::Given(secret)) => Some(secret.clone()),
            Some(ClientSecretSpec::Generate(false)) | None => None,
        },
        refresh_token_rotation: None,
    }
}

fn pue(setting: PreventUserExistenceErrors) -> cognito::PreventUserExistenceErrors {
    match setting {
        PreventUserExistenceErrors::Enabled => cognito::PreventUserExistenceErrors::Enabled,
        PreventUserExistenceErrors::Legacy => cognito::PreventUserExistenceErrors::Legacy,
    }
}

/// The `custom:` attributes the lesson's users hold, as mutable String attributes of the
/// schema: a file that gives a user `"custom:plan"` declares that attribute by using it.
fn implied_custom_attributes(spec: &PoolSpec) -> Vec<cognito::CustomAttribute> {
    let names: std::collections::BTreeSet<&str> = spec
        .users
        .iter()
        .flat_map(|u| u.attributes.keys())
        .filter_map(|name| name.strip_prefix("custom:"))
        .collect();
    names
        .into_iter()
        .map(cognito::CustomAttribute::string)
        .collect()
}

fn auth_flow(flow: ExplicitAuthFlow) -> cognito::ExplicitAuthFlow {
    match flow {
        ExplicitAuthFlow::AllowUserPasswordAuth => cognito::ExplicitAuthFlow::AllowUserPasswordAuth,
        ExplicitAuthFlow::AllowRefreshTokenAuth => cognito::ExplicitAuthFlow::AllowRefreshTokenAuth,
        ExplicitAuthFlow::AllowUserSrpAuth => cognito::ExplicitAuthFlow::AllowUserSrpAuth,
        ExplicitAuthFlow::AllowCustomAuth => cognito::ExplicitAuthFlow::AllowCustomAuth,
        ExplicitAuthFlow::AllowAdminUserPasswordAuth => {
            cognito::ExplicitAuthFlow::AllowAdminUserPasswordAuth
        }
    }
}

/// A scenario's user as the mock imports it (`email` and `email_verified` become attributes).
#[must_use]
pub fn seed_user(user: &UserSpec) -> cognito::SeedUser {
    let mut attributes = user.attributes.clone();
    if let Some(email) = &user.email {
        attributes.insert("email".to_owned(), email.clone());
        let verified = user
            .email_verified
            .unwrap_or(user.status != UserStatusSpec::Unconfirmed);
        attributes.insert("email_verified".to_owned(), verified.to_string());
    }
    cognito::SeedUser {
        username: user.username.clone(),
        password: user.password.clone(),
        status: match user.status {
            UserStatusSpec::Unconfirmed => cognito::UserStatus::Unconfirmed,
            UserStatusSpec::Confirmed => cognito::UserStatus::Confirmed,
            UserStatusSpec::ForceChangePassword => cognito::UserStatus::ForceChangePassword,
            UserStatusSpec::ResetRequired => cognito::UserStatus::ResetRequired,
        },
        enabled: user.enabled,
        attributes,
        totp: user.totp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> ScenarioFile {
        crate::scenario::resolve(None).unwrap().file
    }

    #[test]
    fn a_variant_patches_the_pool_users_and_inputs_but_not_the_clock() {
        let file = lesson();
        let main = Setup::main(&file);
        let off = Setup::variant(&file, "password-flow-off").unwrap();
        assert!(
            main.config
                .allows(cognito::ExplicitAuthFlow::AllowUserPasswordAuth)
        );
        assert!(
            !off.config
                .allows(cognito::ExplicitAuthFlow::AllowUserPasswordAuth)
        );
        assert_eq!(off.clock_start, main.clock_start);
        let wrong = Setup::variant(&file, "wrong-password").unwrap();
        assert_eq!(wrong.overrides.variant.password.as_deref(), Some("pass124"));
        assert_eq!(wrong.variant.as_deref(), Some("wrong-password"));
        assert!(matches!(
            Setup::variant(&file, "nope"),
            Err(FlowError::UnknownVariant { .. })
        ));
    }

    #[test]
    fn user_patches_change_only_what_they_name() {
        let mut file = lesson();
        let patch = crate::scenario::model::UserPatch {
            enabled: Some(false),
            ..Default::default()
        };
        file.variants[0].users.insert("user123".to_owned(), patch);
        let users = Setup::variant(&file, &file.variants[0].id.clone())
            .unwrap()
            .users;
        assert!(!users[0].enabled);
        assert_eq!(users[0].password, file.pool.users[0].password);
    }

    #[test]
    fn a_weak_policy_is_stated_and_the_users_are_imported() {
        let setup = Setup::main(&lesson());
        let note = setup.policy_note.as_deref().unwrap();
        assert!(note.contains("pass123"), "{note}");
        let seeded = seed_user(&setup.users[0]);
        assert_eq!(seeded.attributes["email_verified"], "true");
        let mut cheap = setup.clone();
        cheap.config.argon2 = cognito::Argon2Params::cheap_for_tests();
        let (pool, facts) = cheap.build(1).unwrap();
        assert!(pool.user("user123").is_some());
        assert_eq!(facts.clock_start, setup.clock_start);
        assert_eq!(facts.client_id, pool.client_id());
    }
}
