//! The user pool: its state, its clock, seeding and inspection.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::client_secret;
use super::config::ClientSecret;
use super::config::{AppClient, KeySource, PoolConfig, PreventUserExistenceErrors};
use super::cost::CryptoCost;
use super::credential::{Credential, Recipe};
use super::error::CognitoError;
use super::faults::Fault;
use super::groups::Groups;
use super::ids::{self, stream};
use super::keys::{KeyCell, PoolKeys};
use super::password::{self, SALT_LEN};
use super::srp;
use super::srp_auth::SrpChallenge;
use super::tokens::TokenFamily;
use super::totp;
use super::triggers::TriggerRun;
use super::user::{Account, SeedUser, User, UserStatus, UserView};
use super::users_admin::AuthEvent;

/// Which message a [`DeliveredMessage`] carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum CodeKind {
    /// SignUp / ResendConfirmationCode: the confirmation code (valid 24 h).
    SignUp,
    /// ForgotPassword: the reset code (valid 1 h).
    ForgotPassword,
    /// AdminCreateUser: the invitation with the temporary password.
    TemporaryPassword,
    /// An SMS_MFA or EMAIL_OTP sign-in code (valid as long as the challenge's session).
    Mfa,
}

impl CodeKind {
    /// How long a code of this kind can be used.
    #[must_use]
    pub fn validity_secs(self, temporary_password_days: u32) -> u64 {
        match self {
            Self::SignUp => 24 * 3600,
            Self::ForgotPassword => 3600,
            Self::TemporaryPassword => u64::from(temporary_password_days) * 86_400,
            Self::Mfa => 180,
        }
    }
}

/// A message the pool "sent": what the user finds in their inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveredMessage {
    /// The recipient.
    pub username: String,
    /// The full address it went to.
    pub destination: String,
    /// The address as the API response shows it (`u***@e***`).
    pub masked_destination: String,
    /// Which message.
    pub kind: CodeKind,
    /// The code, or the temporary password for an invitation.
    pub code: String,
    /// When it was sent (pool clock).
    pub sent_at: u64,
    /// When it stops working (pool clock).
    pub expires_at: u64,
    /// The text the custom message trigger made, the code in it; `None` without that trigger
    /// (Cognito's own wording is sent).
    pub message: Option<String>,
}

/// A code the pool waits for (the latest one sent for its purpose replaces earlier ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingCode {
    pub code: String,
    pub expires_at: u64,
}

/// An open challenge: what RespondToAuthChallenge must answer, for whom, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChallengeSession {
    pub username: String,
    /// The app client the sign-in went through; only it may answer.
    pub client_id: String,
    pub challenge: super::api::ChallengeName,
    pub expires_at: u64,
    /// MFA_SETUP only: VerifySoftwareToken has succeeded with this session.
    pub setup_verified: bool,
}

/// An in-memory Amazon Cognito user pool with one app client.
///
/// Sans-IO: time is the pool's own clock ([`UserPool::now`], moved only by the caller) and every
/// random value comes from RNGs seeded by `seed`, so the same seed and the same operations at the
/// same clock give byte-identical ids, hashes, codes and tokens. Only the durations in the
/// crypto log vary.
#[derive(Debug, Clone)]
pub struct UserPool {
    pub(crate) config: PoolConfig,
    pub(crate) pool_id: String,
    /// `PoolName` (CreateUserPool's; `cogflow` for a lesson's pool).
    pub(crate) name: String,
    /// When the pool was created (epoch seconds).
    pub(crate) created_at: u64,
    /// The app clients, the one the config describes first.
    pub(crate) clients: Vec<AppClient>,
    pub(crate) now: u64,
    pub(crate) rng: ids::Draws,
    /// SRP's own draws (salts, b, SECRET_BLOCKs), apart from `rng`.
    pub(crate) srp_rng: ids::Draws,
    /// The pool's secret for simulated SRP challenges (unknown users under ENABLED).
    pub(crate) srp_simulation_key: Vec<u8>,
    pub(crate) keys: KeyCell,
    pub(crate) dummy_hash: String,
    pub(crate) users: BTreeMap<String, User>,
    pub(crate) outbox: Vec<DeliveredMessage>,
    /// Pending codes by (username, purpose).
    pub(crate) codes: BTreeMap<(String, CodeKind), PendingCode>,
    /// Open challenges by session string.
    pub(crate) challenges: BTreeMap<String, ChallengeSession>,
    /// Open PASSWORD_VERIFIER challenges by SECRET_BLOCK (they have no session).
    pub(crate) srp_challenges: BTreeMap<String, SrpChallenge>,
    /// Sign-ins (token families) by `origin_jti`.
    pub(crate) families: BTreeMap<String, TokenFamily>,
    /// Refresh token → `origin_jti` of its family.
    pub(crate) refresh_tokens: BTreeMap<String, String>,
    /// Refresh tokens that rotation replaced → when their grace period ends.
    pub(crate) rotated_out: BTreeMap<String, u64>,
    pub(crate) crypto_log: Vec<CryptoCost>,
    /// Authorization codes of the hosted UI, by code (spent ones kept, so a second use is
    /// told apart from a code never issued).
    pub(crate) oauth_codes: BTreeMap<String, super::oauth::AuthorizationCode>,
    /// The hosted UI's sign-in cookies: value → who signed in on that browser, and until when.
    pub(crate) signed_in: BTreeMap<String, super::oauth::SignedIn>,
    /// The hosted UI's draws (codes, CSRF tokens, client-credentials jtis), apart from `rng`
    /// so a lesson using them moves no other seeded value.
    pub(crate) oauth_rng: ids::Draws,
    /// Groups and their members.
    pub(crate) groups: Groups,
    /// Triggers that fired, for the lesson to show.
    pub(crate) trigger_log: Vec<TriggerRun>,
    /// Faults in force (throttling and limits on purpose).
    pub(crate) faults: Vec<Fault>,
    /// Each user's sign-in history (AdminListUserAuthEvents).
    pub(crate) auth_events: BTreeMap<String, Vec<AuthEvent>>,
    /// The history's event ids, apart from `rng` so recording moves no other seeded value.
    pub(crate) history_rng: ids::Draws,
    /// SHA-256 of access tokens whose signature verified (see `authorize`).
    pub(crate) verified_tokens: std::collections::HashSet<[u8; 32]>,
    /// The argon2id verify a served sign-in computed before the lock, while its checks run
    /// (`verify_ahead`); `None` otherwise.
    pub(crate) verified_ahead: Option<super::verify_ahead::Verified>,
}

impl UserPool {
    /// A pool with no users, its clock at `now` (epoch seconds). Cheap: the two RSA keys are
    /// generated on a background thread (or found memoised for this seed) and joined on first
    /// need; nothing is hashed.
    #[must_use]
    pub fn new(config: PoolConfig, seed: u64, now: u64) -> Self {
        let mut id_rng = ids::stream_rng(seed, stream::IDS);
        let pool_id = config
            .pool_id
            .clone()
            .unwrap_or_else(|| ids::pool_id(&mut id_rng, &config.region));
        let client_id = config
            .client_id
            .clone()
            .unwrap_or_else(|| ids::client_id(&mut id_rng));
        // Drawn after the client id, so pools without a secret keep every id they had.
        let client_secret = match &config.client_secret {
            ClientSecret::None => None,
            ClientSecret::Generate => Some(client_secret::generate(&mut id_rng)),
            ClientSecret::Given(secret) => Some(secret.clone()),
        };
        let dummy_hash =
            password::dummy_phc(&config.argon2, &mut ids::stream_rng(seed, stream::DUMMY));
        let clients = vec![AppClient {
            secret: client_secret,
            ..config.app_client("app", client_id)
        }];
        Self {
            pool_id,
            name: "cogflow".to_owned(),
            created_at: now,
            clients,
            now,
            rng: ids::Draws::new(seed, stream::MAIN),
            srp_rng: ids::Draws::new(seed, stream::SRP),
            srp_simulation_key: ids::bytes(&mut ids::stream_rng(seed, stream::SRP_SIMULATION), 32),
            keys: match config.keys {
                KeySource::Seeded => KeyCell::start(seed),
                KeySource::Layout => KeyCell::layout(),
            },
            dummy_hash,
            users: BTreeMap::new(),
            outbox: Vec::new(),
            codes: BTreeMap::new(),
            challenges: BTreeMap::new(),
            srp_challenges: BTreeMap::new(),
            families: BTreeMap::new(),
            refresh_tokens: BTreeMap::new(),
            rotated_out: BTreeMap::new(),
            crypto_log: Vec::new(),
            oauth_codes: BTreeMap::new(),
            signed_in: BTreeMap::new(),
            oauth_rng: ids::Draws::new(seed, stream::OAUTH),
            groups: Groups::default(),
            trigger_log: Vec::new(),
            faults: config.faults.clone(),
            auth_events: BTreeMap::new(),
            history_rng: ids::Draws::new(seed, stream::HISTORY),
            verified_tokens: std::collections::HashSet::new(),
            verified_ahead: None,
            config,
        }
    }

    // ----- clock -----

    /// The pool clock (epoch seconds).
    #[must_use]
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Moves the clock forward by `secs` (to expire tokens, codes, sessions and lockouts).
    pub fn advance(&mut self, secs: u64) {
        self.now = self.now.saturating_add(secs);
    }

    /// A later sitting on the same pool: the clock moves on by `secs` and every stream of
    /// draws moves on by one, so what comes next (a token's `jti`, an event's id, its `iat`)
    /// repeats nothing an earlier run from the same seed made. Users, lockouts, codes and
    /// sign-ins are kept (the learner's "try it" runs share one pool this way).
    pub fn later_sitting(&mut self, secs: u64) {
        self.advance(secs);
        for draws in [
            &mut self.rng,
            &mut self.srp_rng,
            &mut self.oauth_rng,
            &mut self.history_rng,
        ] {
            draws.next();
        }
    }

    /// Sets the clock.
    pub fn set_now(&mut self, secs: u64) {
        self.now = secs;
    }

    // ----- facts -----

    /// The configuration the pool was built from.
    #[must_use]
    pub fn config(&self) -> &PoolConfig {
        &self.config
    }

    /// e.g. `us-east-1_AbC123xyz`.
    #[must_use]
    pub fn pool_id(&self) -> &str {
        &self.pool_id
    }

    /// The app client id.
    #[must_use]
    pub fn client_id(&self) -> &str {
        self.clients.first().map_or("", |c| c.client_id.as_str())
    }

    /// Every app client, the first one (the config's) first.
    #[must_use]
    pub fn clients(&self) -> &[AppClient] {
        &self.clients
    }

    /// The app client `client_id`, if the pool has it.
    #[must_use]
    pub fn app_client(&self, client_id: &str) -> Option<&AppClient> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }

    /// Adds an app client (CreateUserPoolClient); its id is drawn from the seeded RNG when
    /// `client.client_id` is empty, and its secret when `client.secret` is `Some("")`.
    /// Returns the client as stored.
    ///
    /// # Errors
    /// `InvalidParameterException` for a client id the pool already has.
    pub fn add_client(&mut self, mut client: AppClient) -> Result<&AppClient, CognitoError> {
        if client.client_id.is_empty() {
            client.client_id = ids::client_id(&mut self.rng.next());
        }
        // An empty secret asks for one (GenerateSecret), from the hosted UI's own stream so no
        // other seeded value moves.
        if client.secret.as_deref() == Some("") {
            client.secret = Some(client_secret::generate(&mut self.oauth_rng.next()));
        }
        if self.app_client(&client.client_id).is_some() {
            return Err(CognitoError::new(
                super::Exception::InvalidParameter,
                format!(
                    "App client {} already exists in this pool",
                    client.client_id
                ),
            ));
        }
        self.clients.push(client);
        self.clients
            .last()
            .ok_or_else(|| CognitoError::internal("the client just added is gone"))
    }

    /// e.g. `us-east-1`.
    #[must_use]
    pub fn region(&self) -> &str {
        &self.config.region
    }

    /// The tokens' `iss`: `https://cognito-idp.{region}.amazonaws.com/{pool_id}`, or
    /// `{origin}/{pool_id}` when the config names an [`PoolConfig::issuer_origin`].
    #[must_use]
    pub fn issuer(&self) -> String {
        match &self.config.issuer_origin {
            Some(origin) => format!("{origin}/{}", self.pool_id),
            None => format!(
                "https://cognito-idp.{}.amazonaws.com/{}",
                self.config.region, self.pool_id
            ),
        }
    }

    /// `{issuer}/.well-known/jwks.json`, where an app fetches the JWKS.
    #[must_use]
    pub fn jwks_url(&self) -> String {
        format!("{}/.well-known/jwks.json", self.issuer())
    }

    /// The published JWKS: `{"keys":[{kty,kid,alg,use,n,e}, …]}`, the ID-token key first.
    /// Waits for key generation if it is still running; `{"keys":[]}` if it failed.
    #[must_use]
    pub fn jwks(&self) -> serde_json::Value {
        match self.keys() {
            Ok(keys) => keys.jwks(),
            Err(_) => serde_json::json!({ "keys": [] }),
        }
    }

    /// `true` once the signing keys exist (never blocks), for a "generating keys…" indicator.
    #[must_use]
    pub fn keys_ready(&self) -> bool {
        self.keys.is_ready()
    }

    /// What cryptography ran since the last call, with how long each took.
    pub fn take_crypto_log(&mut self) -> Vec<CryptoCost> {
        let mut log = self.keys.take_costs();
        log.append(&mut self.crypto_log);
        log
    }

    // ----- inspection -----

    /// `username`'s account standing (status, enabled, failures), without making the
    /// password's stored forms as [`UserPool::user`] does.
    #[must_use]
    pub fn account(&self, username: &str) -> Option<Account> {
        self.users.get(username).map(User::account)
    }

    /// What the pool holds about `username` (its password's stored forms made now if they
    /// were not yet).
    #[must_use]
    pub fn user(&self, username: &str) -> Option<UserView> {
        self.users.get(username).map(|u| u.view(self.now))
    }

    /// Every user, by username.
    #[must_use]
    pub fn users(&self) -> Vec<UserView> {
        self.users.values().map(|u| u.view(self.now)).collect()
    }

    /// Every message the pool has sent, oldest first.
    #[must_use]
    pub fn outbox(&self) -> &[DeliveredMessage] {
        &self.outbox
    }

    /// The code (or temporary password) most recently sent to `username` for `kind`.
    #[must_use]
    pub fn last_code(&self, username: &str, kind: CodeKind) -> Option<String> {
        self.outbox
            .iter()
            .rev()
            .find(|m| m.username == username && m.kind == kind)
            .map(|m| m.code.clone())
    }

    /// The 6-digit code `username`'s authenticator app shows at the pool clock.
    #[must_use]
    pub fn totp_now(&self, username: &str) -> Option<String> {
        let secret = self.users.get(username)?.totp_secret.as_ref()?;
        Some(totp::code_at(secret, self.now))
    }

    /// `username`'s TOTP secret in base32, as AssociateSoftwareToken returns it (`SecretCode`).
    #[must_use]
    pub fn totp_secret(&self, username: &str) -> Option<String> {
        let secret = self.users.get(username)?.totp_secret.as_ref()?;
        Some(totp::base32(secret))
    }

    /// Every user with an authenticator app, by username, with its secret in base32 (no
    /// user's credential is made for it).
    #[must_use]
    pub fn totp_secrets(&self) -> Vec<(&str, String)> {
        self.users
            .iter()
            .filter_map(|(name, u)| Some((name.as_str(), totp::base32(u.totp_secret.as_ref()?))))
            .collect()
    }

    // ----- seeding and lesson patches -----

    /// Imports a user as an administrator would: checks the password against the policy,
    /// keeps it as an argon2id hash and an SRP verifier (seeded salts; the password itself is
    /// forgotten), assigns a `sub`, keeps the given status. `totp: true` gives a seeded TOTP secret and SOFTWARE_TOKEN_MFA.
    ///
    /// # Errors
    /// `UsernameExistsException` for a taken username, `InvalidPasswordException` for a password
    /// the policy refuses, `InvalidParameterException` for an empty username or an attribute
    /// outside the schema (`sub`, a claim's name: [`super::attributes::check_name`]).
    pub fn add_user(&mut self, seed: SeedUser) -> Result<(), CognitoError> {
        check_username(&seed.username)?;
        for name in seed.attributes.keys() {
            super::attributes::check_name(name)?;
        }
        if self.users.contains_key(&seed.username) {
            return Err(CognitoError::user_account_already_exists());
        }
        self.config.password_policy.check(&seed.password)?;
        let sub = ids::uuid_v4(&mut self.rng.next());
        let credential = self.credential_later(&seed.username, &seed.password);
        self.check_attribute_writes(
            &seed
                .attributes
                .iter()
                .map(|(n, v)| super::api::AttributeType::new(n, v))
                .collect::<Vec<_>>(),
            &BTreeMap::new(),
            super::schema::Writer::Creation,
        )?;
        let totp_secret = seed.totp.then(|| ids::bytes(&mut self.rng.next(), 32));
        let temporary_password_expires_at = (seed.status == UserStatus::ForceChangePassword)
            .then(|| self.now + self.temporary_password_validity());
        let user = User {
            enabled: seed.enabled,
            temporary_password_expires_at,
            totp_secret,
            mfa: super::mfa::UserMfa {
                enabled: if seed.totp {
                    vec![super::MfaFactor::SoftwareToken]
                } else {
                    Vec::new()
                },
                preferred: seed.totp.then_some(super::MfaFactor::SoftwareToken),
                pending_secret: None,
            },
            ..User::new(
                seed.username.clone(),
                sub,
                seed.status,
                seed.attributes,
                credential,
                self.now,
            )
        };
        self.users.insert(seed.username, user);
        Ok(())
    }

    /// Sets a user's status (a lesson variant; FORCE_CHANGE_PASSWORD restarts the temporary
    /// password's validity).
    ///
    /// # Errors
    /// `UserNotFoundException` for an unknown user.
    pub fn set_user_status(
        &mut self,
        username: &str,
        status: UserStatus,
    ) -> Result<(), CognitoError> {
        let expires = self.now + self.temporary_password_validity();
        let now = self.now;
        let user = self.user_mut(username)?;
        user.status = status;
        user.temporary_password_expires_at =
            (status == UserStatus::ForceChangePassword).then_some(expires);
        user.modified_at = now;
        Ok(())
    }

    /// Enables or disables a user (a lesson variant; disabling also revokes the user's tokens,
    /// as AdminDisableUser does).
    ///
    /// # Errors
    /// `UserNotFoundException` for an unknown user.
    pub fn set_enabled(&mut self, username: &str, enabled: bool) -> Result<(), CognitoError> {
        let now = self.now;
        let user = self.user_mut(username)?;
        user.enabled = enabled;
        user.modified_at = now;
        if !enabled {
            self.revoke_all_families(username);
        }
        Ok(())
    }

    /// Replaces a user's password (AdminSetUserPassword-like; a lesson variant). The policy
    /// applies; the status is left as it is.
    ///
    /// # Errors
    /// `UserNotFoundException`, `InvalidPasswordException`.
    pub fn set_password(&mut self, username: &str, password: &str) -> Result<(), CognitoError> {
        self.user_mut(username)?;
        self.config.password_policy.check(password)?;
        let credential = self.credential_later(username, password);
        let now = self.now;
        let user = self.user_mut(username)?;
        user.credential = credential;
        user.modified_at = now;
        Ok(())
    }

    /// Gives (with a new seeded secret) or takes away a user's TOTP authenticator.
    ///
    /// # Errors
    /// `UserNotFoundException` for an unknown user.
    pub fn set_totp(&mut self, username: &str, enabled: bool) -> Result<(), CognitoError> {
        self.user_mut(username)?;
        let secret = enabled.then(|| ids::bytes(&mut self.rng.next(), 32));
        let user = self.user_mut(username)?;
        user.totp_secret = secret;
        user.mfa
            .enabled
            .retain(|f| *f != super::MfaFactor::SoftwareToken);
        user.mfa.preferred = None;
        if enabled {
            user.mfa.enabled.push(super::MfaFactor::SoftwareToken);
            user.mfa.enabled.sort();
            user.mfa.preferred = Some(super::MfaFactor::SoftwareToken);
        }
        Ok(())
    }

    // ----- shared helpers -----

    pub(crate) fn user_mut(&mut self, username: &str) -> Result<&mut User, CognitoError> {
        self.users
            .get_mut(username)
            .ok_or_else(CognitoError::user_does_not_exist)
    }

    pub(crate) fn temporary_password_validity(&self) -> u64 {
        CodeKind::TemporaryPassword
            .validity_secs(self.config.password_policy.temporary_password_validity_days)
    }

    pub(crate) fn keys(&self) -> Result<Arc<PoolKeys>, CognitoError> {
        self.keys.get()
    }

    /// `PreventUserExistenceErrors` of `client_id` (the first client's for an unknown id:
    /// every caller has checked the client already).
    pub(crate) fn pue(&self, client_id: &str) -> PreventUserExistenceErrors {
        self.app_client(client_id)
            .map_or(self.config.prevent_user_existence_errors, |c| {
                c.prevent_user_existence_errors
            })
    }

    /// `AuthSessionValidity` of `client_id`, in seconds (as [`Self::pue`] for an unknown id).
    pub(crate) fn session_validity(&self, client_id: &str) -> u64 {
        self.app_client(client_id)
            .map_or(self.config.auth_session_validity_secs, |c| {
                c.auth_session_validity_secs
            })
    }

    /// The app client a request names, or Cognito's answer for an unknown one.
    pub(crate) fn client(&self, client_id: &str) -> Result<AppClient, CognitoError> {
        self.app_client(client_id)
            .cloned()
            .ok_or_else(|| CognitoError::unknown_client(client_id))
    }

    pub(crate) fn check_pool(&self, pool_id: &str) -> Result<(), CognitoError> {
        if pool_id == self.pool_id {
            Ok(())
        } else {
            Err(CognitoError::unknown_pool(pool_id))
        }
    }

    /// What `username`'s password `password` will be kept as: the pool's argon2 parameters,
    /// an argon2 salt from the seeded RNG and an SRP salt from the SRP stream (drawn now, in
    /// this order, whenever the credential is then made).
    fn recipe(&mut self, username: &str, password: &str) -> Recipe {
        Recipe {
            username: username.to_owned(),
            password: password.to_owned(),
            argon2: self.config.argon2,
            salt: ids::bytes(&mut self.rng.next(), SALT_LEN),
            pool_short: srp::pool_short(&self.pool_id).to_owned(),
            srp_salt: ids::bytes(&mut self.srp_rng.next(), srp::SALT_LEN),
        }
    }

    /// What the pool keeps when a step sets `username`'s password to `password` (SignUp, a
    /// new password, a reset): the argon2id hash and the SRP verifier, made now, both costs
    /// logged for the step.
    pub(crate) fn credential(
        &mut self,
        username: &str,
        password: &str,
    ) -> Result<Credential, CognitoError> {
        let (made, (hash_took, srp_took)) = self.recipe(username, password).make();
        self.log_cost("argon2id hash", self.config.argon2.describe(), hash_took);
        self.log_cost(
            "SRP verifier",
            "v = g^x mod N, 3072-bit".to_owned(),
            srp_took,
        );
        made.map(Credential::made)
    }

    /// What the pool keeps when the lesson sets a password (a seeded user, a variant's patch):
    /// made the first time it is needed; that cost belongs to no step.
    fn credential_later(&mut self, username: &str, password: &str) -> Credential {
        Credential::later(self.recipe(username, password))
    }

    fn log_cost(&mut self, operation: &str, params: String, elapsed: std::time::Duration) {
        self.crypto_log.push(CryptoCost {
            operation: operation.to_owned(),
            params,
            elapsed,
        });
    }

    /// Verifies against a stored PHC string; logs the cost under `operation` (argon2's real
    /// time: this verify's own in a served pool, else from the first run with these inputs in
    /// the process; see `password`).
    pub(crate) fn verify(
        &mut self,
        phc: &str,
        password: &str,
        operation: &str,
    ) -> Result<bool, CognitoError> {
        let (ok, took) = self.argon2_verify(phc, password);
        self.log_cost(operation, params_of(phc), took);
        ok
    }

    /// Stores a code for (username, kind), puts the message in the outbox, and returns the
    /// masked destination for `CodeDeliveryDetails`.
    pub(crate) fn send(
        &mut self,
        username: &str,
        email: &str,
        kind: CodeKind,
        code: String,
    ) -> String {
        let expires_at = self.now
            + kind.validity_secs(self.config.password_policy.temporary_password_validity_days);
        let masked = super::user::mask_email(email);
        let source = match kind {
            CodeKind::SignUp => "CustomMessage_SignUp",
            CodeKind::ForgotPassword => "CustomMessage_ForgotPassword",
            CodeKind::TemporaryPassword => "CustomMessage_AdminCreateUser",
            CodeKind::Mfa => "CustomMessage_Authentication",
        };
        let message = self.run_custom_message(username, source, &code);
        if kind != CodeKind::TemporaryPassword {
            self.codes.insert(
                (username.to_owned(), kind),
                PendingCode {
                    code: code.clone(),
                    expires_at,
                },
            );
        }
        self.outbox.push(DeliveredMessage {
            username: username.to_owned(),
            destination: email.to_owned(),
            masked_destination: masked.clone(),
            kind,
            code,
            sent_at: self.now,
            expires_at,
            message,
        });
        masked
    }
}

/// Cognito's username constraint: 1–128 characters, no whitespace.
pub(crate) fn check_username(username: &str) -> Result<(), CognitoError> {
    if username.is_empty()
        || username.chars().count() > 128
        || username.chars().any(char::is_whitespace)
    {
        return Err(CognitoError::new(
            super::Exception::InvalidParameter,
            "1 validation error detected: Value at 'username' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
        ));
    }
    Ok(())
}

/// "m=19456 KiB, t=2, p=1" read back from a PHC string, for the crypto log.
fn params_of(phc: &str) -> String {
    phc.split('$')
        .nth(3)
        .map(|p| {
            p.split(',')
                .map(|kv| match kv.split_once('=') {
                    Some(("m", v)) => format!("m={v} KiB"),
                    _ => kv.to_owned(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::config::Argon2Params;

    fn cheap() -> PoolConfig {
        PoolConfig {
            argon2: Argon2Params::cheap_for_tests(),
            ..PoolConfig::default()
        }
    }

    #[test]
    fn ids_come_from_the_seed_unless_given() {
        let a = UserPool::new(cheap(), 1, 0);
        let b = UserPool::new(cheap(), 1, 0);
        let c = UserPool::new(cheap(), 2, 0);
        assert_eq!(a.pool_id(), b.pool_id());
        assert_ne!(a.pool_id(), c.pool_id());
        assert!(a.pool_id().starts_with("us-east-1_"));
        let given = UserPool::new(
            PoolConfig {
                pool_id: Some("eu-west-1_Lesson123".into()),
                client_id: Some("abc".into()),
                region: "eu-west-1".into(),
                ..cheap()
            },
            1,
            0,
        );
        assert_eq!(given.pool_id(), "eu-west-1_Lesson123");
        assert_eq!(given.client_id(), "abc");
        assert_eq!(
            given.issuer(),
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Lesson123"
        );
    }

    #[test]
    fn add_user_keeps_only_a_phc_string_and_a_verifier_made_when_first_needed() {
        let mut pool = UserPool::new(cheap(), 1, 100);
        pool.add_user(
            SeedUser::new("ana", "Correct-Horse-9").attribute("email", "ana@example.com"),
        )
        .unwrap();
        assert_eq!(pool.users["ana"].credential.made_forms(), (false, false));
        let view = pool.user("ana").unwrap();
        assert!(
            view.password_hash
                .starts_with("$argon2id$v=19$m=8,t=1,p=1$")
        );
        assert!(!view.password_hash.contains("Correct-Horse-9"));
        assert_eq!(view.status, UserStatus::Confirmed);
        assert_eq!(view.created_at, 100);
        assert!(!view.srp_verifier.is_empty() && !view.srp_salt.is_empty());
        // A lesson's own users are set up before step 1: their hashing belongs to no step.
        assert!(pool.take_crypto_log().is_empty());
        // A password a step sets is hashed at once, and both costs are that step's.
        pool.set_now(200);
        pool.credential("ana", "Other-Horse-10").unwrap();
        let log = pool.take_crypto_log();
        let ops: Vec<(&str, &str)> = log
            .iter()
            .map(|c| (c.operation.as_str(), c.params.as_str()))
            .collect();
        assert_eq!(
            ops,
            [
                ("argon2id hash", "m=8 KiB, t=1, p=1"),
                ("SRP verifier", "v = g^x mod N, 3072-bit")
            ]
        );

        let dup = pool
            .add_user(SeedUser::new("ana", "Correct-Horse-9"))
            .unwrap_err();
        assert_eq!(
            dup.to_string(),
            "UsernameExistsException: User account already exists"
        );
        let weak = pool.add_user(SeedUser::new("bob", "pass123")).unwrap_err();
        assert_eq!(
            weak.to_string(),
            "InvalidPasswordException: Password did not conform with policy: Password not long enough"
        );
        assert!(pool.add_user(SeedUser::new("", "Correct-Horse-9")).is_err());
    }

    #[test]
    fn key_generation_is_logged_once() {
        // A seed no other test (nor an earlier run: unit tests keep keys in target/tmp) used,
        // so the keys are neither memoised nor kept yet.
        let mut pool = UserPool::new(cheap(), rand::random::<u64>() | 1 << 63, 0);
        assert_eq!(pool.jwks()["keys"].as_array().map(Vec::len), Some(2));
        assert!(pool.keys_ready());
        let log = pool.take_crypto_log();
        let keygen: Vec<&str> = log
            .iter()
            .filter(|c| c.operation == "RSA-2048 key generation")
            .map(|c| c.params.as_str())
            .collect();
        assert_eq!(keygen, ["ID-token key", "access-token key"]);
        assert!(pool.take_crypto_log().is_empty());
    }

    #[test]
    fn clock_moves_only_when_told() {
        let mut pool = UserPool::new(cheap(), 1, 50);
        pool.advance(10);
        assert_eq!(pool.now(), 60);
        pool.set_now(5);
        assert_eq!(pool.now(), 5);
    }

    #[test]
    fn params_are_read_back_from_phc() {
        assert_eq!(
            params_of("$argon2id$v=19$m=19456,t=2,p=1$salt$hash"),
            "m=19456 KiB, t=2, p=1"
        );
        assert_eq!(params_of("junk"), "");
    }
}
