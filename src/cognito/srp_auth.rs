//! USER_SRP_AUTH as two legs of the sign-in machine (`reference/srp.md` §3–§5):
//!
//! ```text
//!  InitiateAuth {USERNAME, SRP_A}          checks: SRP_A valid, user exists, verifier, B, u
//!    ◀── PASSWORD_VERIFIER {SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP, USERNAME}, no Session
//!  RespondToAuthChallenge {USERNAME, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE}
//!                                          checks: SECRET_BLOCK (single use), TIMESTAMP, the
//!                                          account (disabled, lockout, UNCONFIRMED), S, K, the
//!                                          signature; then as after a right password
//!    ◀── tokens, NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, or the exception
//! ```
//!
//! Decisions where AWS's behaviour is not sourced (each also said in a check's detail):
//! - The account checks (disabled, lockout, UNCONFIRMED) come in the second leg, just before the
//!   proof, where the password flow makes them just before the password; the first leg only
//!   needs the user's salt and verifier.
//! - An unknown, expired-with-the-pool or already used SECRET_BLOCK is answered as a wrong
//!   proof (`Incorrect username or password.`, as AWS answers a wrong SECRET_BLOCK), except a
//!   known one past AuthSessionValidity, which gets the session-expired answer.
//! - TIMESTAMP's age is recorded, never refused on: real clients stamp the wall clock, and the
//!   pool's clock is a lesson's virtual one (srp.md §4, "Timestamp tolerance").

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hkdf::Hkdf;
use rsa::BigUint;
use serde::Serialize;
use sha2::Sha256;

use super::api::{
    ChallengeName, InitiateAuthRequest, InitiateAuthResponse, RespondToAuthChallengeRequest,
};
use super::config::PreventUserExistenceErrors;
use super::cost::timed;
use super::error::CognitoError;
use super::ids;
use super::initiate_auth::{CheckOutcome, Checks, Subject, found_detail, parameter};
use super::pool::UserPool;
use super::srp::{self, shorten, to_hex};

/// Bytes behind a SECRET_BLOCK (real ones are a larger encrypted blob; to a client it is
/// opaque either way: it only base64-decodes it into the signed message).
const SECRET_BLOCK_BYTES: usize = 48;

/// What Cognito holds between the two legs, found again by the SECRET_BLOCK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SrpChallenge {
    /// `USER_ID_FOR_SRP`: the internal username (a derived UUID when simulated).
    user_id: String,
    /// The pool's user, or `None` when the challenge is simulated for an unknown username.
    username: Option<String>,
    /// `USERNAME` in the challenge parameters: the internal username, or what was typed.
    username_parameter: String,
    client_id: String,
    a_pub: BigUint,
    b: BigUint,
    b_pub: BigUint,
    u: BigUint,
    salt: BigUint,
    verifier: BigUint,
    issued_at: u64,
    expires_at: u64,
}

/// Every number of one SRP exchange as Cognito saw it, whole and in hex, for the lesson to
/// show (its checks show them shortened). The secret b never appears: Cognito keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SrpExchange {
    /// The pool id after its `_`, hashed into x and signed in the message.
    pub pool_short: String,
    /// `USER_ID_FOR_SRP`.
    pub user_id_for_srp: String,
    /// `true` when the user does not exist and Cognito answered a simulated challenge.
    pub simulated: bool,
    /// s, as `SALT` carries it.
    pub salt: String,
    /// v = g^x mod N, what Cognito keeps instead of the password.
    pub verifier: String,
    /// A = g^a mod N, from the device (`SRP_A`).
    pub srp_a: String,
    /// B = (k·v + g^b) mod N (`SRP_B`).
    pub srp_b: String,
    /// u = H(pad(A) ‖ pad(B)).
    pub u: String,
    /// The SECRET_BLOCK, base64 (empty until the first leg has responded).
    pub secret_block: String,
    /// S = (A·v^u)^b mod N (second leg).
    pub premaster: Option<String>,
    /// K = HKDF(pad(u), pad(S))[..16] (second leg).
    pub key: Option<String>,
    /// `TIMESTAMP` as the device sent it.
    pub timestamp: Option<String>,
    /// The same instant as Cognito writes it: what Cognito signs.
    pub timestamp_signed: Option<String>,
    /// The signed message, readable: `poolShort ‖ user ‖ <SECRET_BLOCK> ‖ timestamp`.
    pub message: Option<String>,
    /// base64(HMAC-SHA256(K, message)) by Cognito's K.
    pub expected_signature: Option<String>,
    /// `PASSWORD_CLAIM_SIGNATURE` as the device sent it.
    pub received_signature: Option<String>,
}

impl SrpExchange {
    /// Every number the exchange holds so far, in the order Cognito came to them, as (name,
    /// how it is made and where it goes, value): what a view lists.
    #[must_use]
    pub fn values(&self) -> Vec<(&'static str, String, &str)> {
        let simulated = if self.simulated {
            " (simulated: there is no such user)"
        } else {
            ""
        };
        let always = [
            (
                "A",
                "received as SRP_A: g^a mod N, a the device's secret".to_owned(),
                self.srp_a.as_str(),
            ),
            (
                "salt",
                format!("s, drawn when the password was set; sent as SALT{simulated}"),
                &self.salt,
            ),
            (
                "v",
                format!("g^x mod N: kept instead of the password{simulated}"),
                &self.verifier,
            ),
            (
                "B",
                "(k·v + g^b) mod N, b Cognito's secret; sent as SRP_B".to_owned(),
                &self.srp_b,
            ),
            (
                "u",
                "H(pad(A) ‖ pad(B)): the device computes the same".to_owned(),
                &self.u,
            ),
            (
                "SECRET_BLOCK",
                "opaque, single use: finds Cognito's state again".to_owned(),
                &self.secret_block,
            ),
        ];
        let later = [
            ("S", "(A·v^u)^b mod N", &self.premaster),
            (
                "K",
                "HKDF-SHA256(pad(u), pad(S), \"Caldera Derived Key\")[..16]",
                &self.key,
            ),
            (
                "TIMESTAMP",
                "as Cognito writes that instant: what it signs",
                &self.timestamp_signed,
            ),
            (
                "message",
                "poolShort ‖ user ‖ SECRET_BLOCK ‖ TIMESTAMP",
                &self.message,
            ),
            (
                "expected signature",
                "HMAC-SHA256(K, message) by Cognito's K",
                &self.expected_signature,
            ),
            (
                "received signature",
                "PASSWORD_CLAIM_SIGNATURE as the device sent it",
                &self.received_signature,
            ),
        ];
        always
            .into_iter()
            .filter(|(_, _, value)| !value.is_empty())
            .chain(later.into_iter().filter_map(|(name, meaning, value)| {
                value.as_deref().map(|v| (name, meaning.to_owned(), v))
            }))
            .collect()
    }
}

/// Which A the device sent, or the failed "SRP_A valid" check.
fn valid_public(srp_a: &str, checks: &mut Checks) -> Result<BigUint, CognitoError> {
    let reason = if srp_a.len() > srp::MAX_PUBLIC_HEX {
        Some(format!(
            "{} hex digits: longer than any A (N has 768), refused before any arithmetic",
            srp_a.len()
        ))
    } else {
        match srp::from_hex(srp_a) {
            None => Some("not a hexadecimal number".to_owned()),
            Some(a) if &a % srp::n() == BigUint::from(0u32) => Some(
                "A mod N = 0: with it S would be 0 whatever the password, so Cognito refuses it"
                    .to_owned(),
            ),
            Some(a) => {
                checks.pass(
                    "SRP_A valid",
                    format!(
                        "A = {}; A mod N ≠ 0 (A = g^a mod N, a is the device's secret)",
                        shorten(&to_hex(&a))
                    ),
                );
                return Ok(a);
            }
        }
    };
    Err(checks.fail(
        "SRP_A valid",
        reason.unwrap_or_default(),
        CognitoError::invalid_srp_a(),
    ))
}

impl UserPool {
    /// USER_SRP_AUTH's first leg: the device sent A, Cognito finds the user's salt and
    /// verifier, draws b and answers B.
    pub(crate) fn check_srp_start(
        &mut self,
        request: &InitiateAuthRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let username = parameter(&request.auth_parameters, "USERNAME", checks)?;
        let srp_a = parameter(&request.auth_parameters, "SRP_A", checks)?;
        checks.pass(
            "request parameters",
            "USERNAME and SRP_A present; no password: it never leaves the device",
        );
        // SECRET_HASH over the name as typed (the SDKs hash what they send).
        self.check_secret_hash(
            &request.client_id,
            &request.auth_parameters,
            username,
            checks,
        )?;
        let a_pub = valid_public(srp_a, checks)?;

        // An email or phone alias names the user; x and USER_ID_FOR_SRP use the internal name.
        let resolved = self.resolve_sign_in_name(username);
        let (user_id, user, salt, verifier) =
            match resolved.as_deref().and_then(|u| self.users.get(u)) {
                Some(user) => {
                    checks.pass("user exists", found_detail(username, &user.username));
                    let kept = user.credential.srp();
                    checks.pass(
                        "verifier",
                        format!(
                            "salt s = {} and verifier v = {}, kept since the password was set; \
                         the password itself is not kept",
                            to_hex(&kept.salt),
                            shorten(&to_hex(&kept.verifier))
                        ),
                    );
                    let srp::Verifier { salt, verifier } = kept.clone();
                    let internal = user.username.clone();
                    (internal.clone(), Some(internal), salt, verifier)
                }
                None => match self.pue(&request.client_id) {
                    PreventUserExistenceErrors::Legacy => {
                        return Err(checks.fail(
                            "user exists",
                            format!(
                                "no user {username}; PreventUserExistenceErrors is LEGACY, so \
                             Cognito says so at this first step"
                            ),
                            CognitoError::user_does_not_exist(),
                        ));
                    }
                    PreventUserExistenceErrors::Enabled => {
                        checks.hidden_failure(
                            "user exists",
                            format!(
                                "no user {username}; PreventUserExistenceErrors is ENABLED, so \
                             Cognito answers a simulated challenge that looks like a real \
                             user's, and the proof will fail at the next step"
                            ),
                        );
                        let (user_id, salt, verifier) = self.simulated_verifier(username);
                        checks.pass(
                            "verifier",
                            format!(
                                "simulated: salt {} and USER_ID_FOR_SRP {user_id} derived from \
                             the username with a key of the pool's, so this username always \
                             gets the same ones (as a real user's salt is always the same)",
                                to_hex(&salt)
                            ),
                        );
                        (user_id, None, salt, verifier)
                    }
                },
            };

        let drawn = self.draw_b(&a_pub, &verifier).ok_or_else(|| {
            checks.fail(
                "SRP_B",
                "no usable b in 8 draws",
                CognitoError::internal("SRP b"),
            )
        })?;
        let (b, b_pub, u) = drawn;
        checks.pass(
            "SRP_B",
            format!(
                "B = (k·v + g^b) mod N = {}; b, 256 random bits, stays with Cognito",
                shorten(&to_hex(&b_pub))
            ),
        );
        checks.pass(
            "u",
            format!(
                "u = H(pad(A) ‖ pad(B)) = {}: the device computes the same from A and B",
                to_hex(&u)
            ),
        );
        checks.pass(
            "challenges",
            "PASSWORD_VERIFIER: the device must prove it knows the password; Cognito sends \
             SALT, SRP_B and a SECRET_BLOCK (and no Session)",
        );
        let pool_short = srp::pool_short(&self.pool_id).to_owned();
        checks.srp = Some(SrpExchange {
            pool_short,
            user_id_for_srp: user_id.clone(),
            simulated: user.is_none(),
            salt: to_hex(&salt),
            verifier: to_hex(&verifier),
            srp_a: to_hex(&a_pub),
            srp_b: to_hex(&b_pub),
            u: to_hex(&u),
            ..SrpExchange::default()
        });
        // USERNAME goes back as the internal name (pycognito answers with it and hashes
        // SECRET_HASH over it); a simulated challenge can only echo what was typed.
        let username_parameter = user.clone().unwrap_or_else(|| username.to_owned());
        let challenge = SrpChallenge {
            user_id,
            username: user,
            username_parameter,
            client_id: request.client_id.clone(),
            a_pub,
            b,
            b_pub,
            u,
            salt,
            verifier,
            issued_at: self.now,
            expires_at: self.now + self.session_validity(&request.client_id),
        };
        Ok((
            CheckOutcome::Challenge(ChallengeName::PasswordVerifier),
            Subject::PasswordVerifier(Box::new(challenge)),
        ))
    }

    /// Draws Cognito's secret b (256 bits from the SRP stream) until B and u are not 0
    /// (which a random b essentially never gives), and returns (b, B, u).
    fn draw_b(
        &mut self,
        a_pub: &BigUint,
        verifier: &BigUint,
    ) -> Option<(BigUint, BigUint, BigUint)> {
        let zero = BigUint::from(0u32);
        for _ in 0..8 {
            let b = BigUint::from_bytes_be(&ids::bytes(&mut self.srp_rng.next(), 32));
            let (b_pub, cost) = timed("SRP B", "k·v + g^b mod N, 256-bit b", || {
                srp::server_public(verifier, &b)
            });
            self.crypto_log.push(cost);
            let u = srp::scrambler(a_pub, &b_pub);
            if b_pub != zero && u != zero {
                return Some((b, b_pub, u));
            }
        }
        None
    }

    /// A salt, a USER_ID_FOR_SRP (a UUID, as the developer guide says) and a verifier for a
    /// username the pool does not have, derived from it with the pool's key (HKDF), so asking
    /// twice gives the same salt. The verifier is random-looking bytes mod N, not g^x: B =
    /// k·v + g^b looks the same either way, and no exponentiation here means no extra time to
    /// tell a simulated challenge from a real one (a real verifier is already stored).
    fn simulated_verifier(&self, username: &str) -> (String, BigUint, BigUint) {
        let hkdf = Hkdf::<Sha256>::new(Some(&self.srp_simulation_key), username.as_bytes());
        let mut salt = [0u8; srp::SALT_LEN];
        let mut id = [0u8; 16];
        let mut verifier = [0u8; 384];
        // HKDF-SHA256 expands up to 8160 bytes, so none of these can fail.
        let expanded = hkdf.expand(b"simulated SRP salt", &mut salt).is_ok()
            && hkdf.expand(b"simulated USER_ID_FOR_SRP", &mut id).is_ok()
            && hkdf
                .expand(b"simulated SRP verifier", &mut verifier)
                .is_ok();
        debug_assert!(expanded);
        (
            ids::uuid_from(id),
            BigUint::from_bytes_be(&salt),
            BigUint::from_bytes_be(&verifier) % srp::n(),
        )
    }

    /// The first leg's answer: the state goes under a fresh SECRET_BLOCK, and the challenge
    /// parameters carry what the device needs. No Session (AWS sends none with
    /// PASSWORD_VERIFIER), so the state is found by the SECRET_BLOCK alone.
    pub(crate) fn open_password_verifier(
        &mut self,
        challenge: SrpChallenge,
        exchange: Option<&mut SrpExchange>,
    ) -> Result<InitiateAuthResponse, CognitoError> {
        let secret_block =
            STANDARD.encode(ids::bytes(&mut self.srp_rng.next(), SECRET_BLOCK_BYTES));
        if let Some(exchange) = exchange {
            exchange.secret_block.clone_from(&secret_block);
        }
        let parameters = [
            ("SALT", to_hex(&challenge.salt)),
            ("SRP_B", to_hex(&challenge.b_pub)),
            ("SECRET_BLOCK", secret_block.clone()),
            ("USER_ID_FOR_SRP", challenge.user_id.clone()),
            ("USERNAME", challenge.username_parameter.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        self.srp_challenges.insert(secret_block, challenge);
        Ok(InitiateAuthResponse {
            authentication_result: None,
            challenge_name: Some(ChallengeName::PasswordVerifier),
            session: None,
            challenge_parameters: parameters,
        })
    }

    /// USER_SRP_AUTH's second leg: the device's proof.
    #[allow(clippy::too_many_lines)] // one check after another, in Cognito's order
    pub(crate) fn check_password_verifier(
        &mut self,
        request: &RespondToAuthChallengeRequest,
        checks: &mut Checks,
    ) -> Result<(CheckOutcome, Subject), CognitoError> {
        let responses = &request.challenge_responses;
        let given_user = parameter(responses, "USERNAME", checks)?;
        let block = parameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK", checks)?;
        let timestamp = parameter(responses, "TIMESTAMP", checks)?;
        let signature = parameter(responses, "PASSWORD_CLAIM_SIGNATURE", checks)?;
        checks.pass(
            "request parameters",
            "USERNAME, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and PASSWORD_CLAIM_SIGNATURE present",
        );
        // Over the internal username the challenge gave (alexrudd/cognito-srp#1).
        self.check_secret_hash(&request.client_id, responses, given_user, checks)?;

        // Single use, right or wrong: a replayed transcript finds nothing.
        let Some(state) = self.srp_challenges.remove(block) else {
            return Err(checks.fail(
                "SECRET_BLOCK",
                "no open PASSWORD_VERIFIER challenge has this SECRET_BLOCK: never issued, or \
                 already answered (each is single-use, right or wrong)",
                CognitoError::incorrect_credentials(),
            ));
        };
        if state.client_id != request.client_id {
            return Err(checks.fail(
                "SECRET_BLOCK",
                format!(
                    "issued to app client {}, answered by {}",
                    state.client_id, request.client_id
                ),
                CognitoError::incorrect_credentials(),
            ));
        }
        if self.now >= state.expires_at {
            return Err(checks.fail(
                "SECRET_BLOCK",
                format!(
                    "issued {} s ago; the proof must come within AuthSessionValidity ({} s)",
                    self.now - state.issued_at,
                    self.session_validity(&state.client_id)
                ),
                CognitoError::session_expired(),
            ));
        }
        checks.pass(
            "SECRET_BLOCK",
            format!(
                "issued by InitiateAuth to this client {} s ago, now used up (single use)",
                self.now - state.issued_at
            ),
        );
        let user_ok = given_user == state.user_id || given_user == state.username_parameter;
        checks.require(
            "USERNAME",
            user_ok,
            format!("{given_user}, the user the challenge was issued for"),
            format!(
                "{given_user} is not {}, the user the challenge was issued for",
                state.user_id
            ),
            CognitoError::incorrect_credentials,
        )?;

        let Some(read) = srp::parse_timestamp(timestamp) else {
            return Err(checks.fail(
                "TIMESTAMP format",
                format!("`{timestamp}` is not a date like `Tue Dec 1 06:21:31 UTC 2026`"),
                CognitoError::timestamp_format(),
            ));
        };
        checks.pass(
            "TIMESTAMP format",
            match &read.difference {
                None => format!("`{timestamp}`: Cognito's own format"),
                Some(difference) => format!(
                    "`{timestamp}` is readable, but {difference}; Cognito signs the instant as \
                     it writes it: `{}`",
                    read.canonical
                ),
            },
        );
        let age = i128::from(self.now) - i128::from(read.epoch);
        checks.pass(
            "TIMESTAMP age",
            format!(
                "{}; Cognito's tolerance is undocumented and real clients stamp the wall clock, \
                 so the mock records the age and does not refuse on it",
                match age {
                    0 => "stamped at the pool clock".to_owned(),
                    1.. => format!("stamped {age} s before the pool clock"),
                    _ => format!("stamped {} s after the pool clock", -age),
                }
            ),
        );

        let account = match &state.username {
            Some(username) if self.users.contains_key(username) => {
                let status = self.check_account(username, checks)?;
                self.check_pre_authentication(username, checks)?;
                Some((username.clone(), status))
            }
            Some(_) | None => None,
        };

        let (premaster, cost) = timed("SRP S", "(A·v^u)^b mod N", || {
            srp::server_premaster(&state.a_pub, &state.verifier, &state.u, &state.b)
        });
        self.crypto_log.push(cost);
        let key = srp::session_key(&state.u, &premaster);
        checks.pass(
            "S",
            format!(
                "S = (A·v^u)^b mod N = {}: the device reaches the same S only if it used the \
                 password that made v",
                shorten(&to_hex(&premaster))
            ),
        );
        let key_hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        checks.pass(
            "K",
            format!(
                "K = HKDF-SHA256(salt = pad(u), ikm = pad(S), \"Caldera Derived Key\") = {key_hex}"
            ),
        );
        let pool_short = srp::pool_short(&self.pool_id).to_owned();
        let block_bytes = STANDARD.decode(block).unwrap_or_default();
        let message =
            srp::claim_message(&pool_short, &state.user_id, &block_bytes, &read.canonical);
        let readable = format!(
            "{pool_short} ‖ {} ‖ <SECRET_BLOCK, {} bytes> ‖ {}",
            state.user_id,
            block_bytes.len(),
            read.canonical
        );
        checks.pass("message signed", readable.clone());
        let expected = srp::claim_signature(&key, &message);
        let matches = srp::signature_matches(&key, &message, signature);
        checks.srp = Some(SrpExchange {
            pool_short,
            user_id_for_srp: state.user_id.clone(),
            simulated: account.is_none(),
            salt: to_hex(&state.salt),
            verifier: to_hex(&state.verifier),
            srp_a: to_hex(&state.a_pub),
            srp_b: to_hex(&state.b_pub),
            u: to_hex(&state.u),
            secret_block: block.to_owned(),
            premaster: Some(to_hex(&premaster)),
            key: Some(key_hex),
            timestamp: Some(timestamp.to_owned()),
            timestamp_signed: Some(read.canonical.clone()),
            message: Some(readable),
            expected_signature: Some(expected.clone()),
            received_signature: Some(signature.to_owned()),
        });

        let Some((username, status)) = account else {
            return Err(checks.fail(
                "user exists",
                format!(
                    "no user {}: the challenge was simulated, so no proof can match; the \
                     answer is the one a wrong password gets",
                    state.username_parameter
                ),
                CognitoError::incorrect_credentials(),
            ));
        };
        let why = match &read.difference {
            Some(difference) => format!(
                "the device signed `{timestamp}`, Cognito signs `{}` ({difference})",
                read.canonical
            ),
            None => "the device's K differs: it used another password (or another pool or \
                     user in x or in the message)"
                .to_owned(),
        };
        self.count_password_check(
            &username,
            matches,
            "password proof (SRP)",
            &format!(
                "expected {expected} = PASSWORD_CLAIM_SIGNATURE: the device holds the same K, \
                 so it knew the password"
            ),
            &format!("expected {expected}, received {signature}: {why}"),
            checks,
        )?;
        self.check_after_password(&username, status, checks)
    }
}
