//! USER_SRP_AUTH through the pool's public API, against a device written here from
//! `reference/srp.md` §4 ("client side") in pycognito's style: hex strings padded as
//! `pad_hex` pads them, hashed after `bytes.fromhex`. It shares nothing with `cognito::srp`
//! but the constant N (checked there by its SHA-256), so a round trip is two implementations
//! agreeing. One test per row of srp.md §5's error table, then the continuations, the
//! phases, and a property test over random usernames and passwords.

use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use cogflow::cognito::{
    AdminInitiateAuthRequest, AdminRespondToAuthChallengeRequest, AuthCall, AuthPhase,
    ChallengeName, CheckOutcome, ClientSecret, CognitoError, ExplicitAuthFlow, InitiateAuthRequest,
    InitiateAuthResponse, PoolConfig, PreventUserExistenceErrors, RespondToAuthChallengeRequest,
    SeedUser, SignInAttribute, UserPool, UserStatus, srp,
};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use rsa::BigUint;
use sha2::{Digest, Sha256};

use super::{NOW, PASSWORD, SEED, assert_exception, config};

/// Tue Dec 1 06:21:31 UTC 2026 is not the pool clock; the pool clock is NOW, a Thursday.
pub(super) const NOW_STAMP: &str = "Thu Jan 15 09:00:00 UTC 2026";

// ----- the independent device -----

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// pycognito's `pad_hex`: an odd length gets a `0`, a high first nibble gets `00`.
fn pad_hex(hex: &str) -> String {
    if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else if matches!(hex.as_bytes()[0], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F') {
        format!("00{hex}")
    } else {
        hex.to_owned()
    }
}

fn from_hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

fn hex(n: &BigUint) -> String {
    n.to_str_radix(16)
}

/// `base^exp mod N`, each result kept for the test process: a pure function, and the property
/// tests run every sequence twice (same seed, same device secrets, same numbers), so the
/// second run and every device drawn again cost a lookup, not a 3072-bit modpow.
fn modpow_n(base: &BigUint, exp: &BigUint) -> BigUint {
    type Kept = Mutex<HashMap<(Vec<u8>, Vec<u8>), BigUint>>;
    static KEPT: LazyLock<Kept> = LazyLock::new(Kept::default);
    let key = (base.to_bytes_be(), exp.to_bytes_be());
    if let Some(found) = KEPT.lock().unwrap().get(&key) {
        return found.clone();
    }
    let value = base.modpow(exp, srp::n());
    KEPT.lock().unwrap().insert(key, value.clone());
    value
}

fn int(hex: &str) -> BigUint {
    BigUint::parse_bytes(hex.as_bytes(), 16).unwrap()
}

/// The device: a secret `a` of 128 bytes, as pycognito draws it, here from a seed.
pub(super) struct Device {
    a: BigUint,
    big_a: BigUint,
}

impl Device {
    pub(super) fn new(seed: &str) -> Self {
        let mut bytes = Vec::new();
        for i in 0..4u8 {
            bytes.extend(Sha256::digest([seed.as_bytes(), &[i]].concat()));
        }
        let a = BigUint::from_bytes_be(&bytes) % srp::n();
        let big_a = modpow_n(srp::g(), &a);
        Self { a, big_a }
    }

    fn srp_a(&self) -> String {
        hex(&self.big_a)
    }

    /// The signature for a PASSWORD_VERIFIER challenge, signing `timestamp` as given.
    fn sign(
        &self,
        pool_id: &str,
        password: &str,
        params: &BTreeMap<String, String>,
        timestamp: &str,
    ) -> String {
        let n = srp::n();
        let g = srp::g();
        let k = int(&sha256_hex(&from_hex_bytes(&format!(
            "00{}{}",
            hex(n),
            pad_hex(&hex(g))
        ))));
        let user_id = &params["USER_ID_FOR_SRP"];
        let big_b = int(&params["SRP_B"]);
        let u = int(&sha256_hex(&from_hex_bytes(&format!(
            "{}{}",
            pad_hex(&hex(&self.big_a)),
            pad_hex(&hex(&big_b))
        ))));
        assert_ne!(u, BigUint::from(0u32));
        let short = pool_id.split('_').nth(1).unwrap();
        let identity = sha256_hex(format!("{short}{user_id}:{password}").as_bytes());
        let x = int(&sha256_hex(&from_hex_bytes(&format!(
            "{}{identity}",
            pad_hex(&params["SALT"])
        ))));
        let kgx = (&k * modpow_n(g, &x)) % n;
        let base = (&big_b % n + n - kgx) % n;
        let s = modpow_n(&base, &(&self.a + &u * &x));
        let (_, hk) = Hkdf::<Sha256>::extract(
            Some(&from_hex_bytes(&pad_hex(&hex(&u)))),
            &from_hex_bytes(&pad_hex(&hex(&s))),
        );
        let mut key = [0u8; 16];
        hk.expand(b"Caldera Derived Key", &mut key).unwrap();
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(short.as_bytes());
        mac.update(user_id.as_bytes());
        mac.update(&STANDARD.decode(&params["SECRET_BLOCK"]).unwrap());
        mac.update(timestamp.as_bytes());
        STANDARD.encode(mac.finalize().into_bytes())
    }
}

// ----- helpers -----

fn srp_config() -> PoolConfig {
    PoolConfig {
        explicit_auth_flows: ExplicitAuthFlow::COGNITO_DEFAULT.to_vec(),
        ..config()
    }
}

fn srp_pool(config: PoolConfig) -> UserPool {
    let mut pool = UserPool::new(config, SEED, NOW);
    pool.add_user(SeedUser::new("ana", PASSWORD).attribute("email", "ana@example.com"))
        .unwrap();
    pool
}

fn start(
    pool: &mut UserPool,
    device: &Device,
    username: &str,
) -> Result<InitiateAuthResponse, CognitoError> {
    pool.initiate_auth(InitiateAuthRequest::user_srp(
        pool.client_id(),
        username,
        &device.srp_a(),
    ))
}

/// The device's answer to a PASSWORD_VERIFIER challenge, as identity-js builds it.
fn answer(
    pool: &UserPool,
    device: &Device,
    challenge: &InitiateAuthResponse,
    password: &str,
    sent: &str,
    signed: &str,
) -> RespondToAuthChallengeRequest {
    let params = &challenge.challenge_parameters;
    RespondToAuthChallengeRequest::password_verifier(
        pool.client_id(),
        &params["USER_ID_FOR_SRP"],
        &params["SECRET_BLOCK"],
        sent,
        &device.sign(pool.pool_id(), password, params, signed),
    )
}

/// Both legs, the device stamping the pool clock in Cognito's format.
pub(super) fn sign_in_srp(
    pool: &mut UserPool,
    username: &str,
    password: &str,
) -> Result<InitiateAuthResponse, CognitoError> {
    let device = Device::new(&format!("{username}/{password}"));
    let challenge = start(pool, &device, username)?;
    let request = answer(pool, &device, &challenge, password, NOW_STAMP, NOW_STAMP);
    pool.respond_to_auth_challenge(request)
}

/// The checks of an answer, by phases, for assertions on names and details.
fn checked(
    pool: &mut UserPool,
    request: RespondToAuthChallengeRequest,
) -> (
    CheckOutcome,
    Vec<(String, bool, String)>,
    cogflow::cognito::AuthCall,
) {
    let mut call = pool.start_respond_to_auth_challenge(request);
    let AuthPhase::CredentialsChecked(outcome) = pool.advance_auth(&mut call).clone() else {
        panic!("not checked")
    };
    let checks = call
        .checks()
        .iter()
        .map(|c| (c.name.clone(), c.passed, c.detail.clone()))
        .collect();
    (outcome, checks, call)
}

// ----- the happy path, both legs -----

#[test]
fn a_right_proof_gets_tokens_and_the_password_never_crosses_the_wire() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("ana");
    let challenge = start(&mut pool, &device, "ana").unwrap();
    assert_eq!(
        challenge.challenge_name,
        Some(ChallengeName::PasswordVerifier)
    );
    // No session (AWS sends none with PASSWORD_VERIFIER), no tokens.
    assert_eq!(challenge.session, None);
    assert!(challenge.authentication_result.is_none());
    let params = &challenge.challenge_parameters;
    let keys: Vec<&str> = params.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "SALT",
            "SECRET_BLOCK",
            "SRP_B",
            "USERNAME",
            "USER_ID_FOR_SRP"
        ]
    );
    assert_eq!(params["USERNAME"], "ana");
    assert_eq!(params["USER_ID_FOR_SRP"], "ana");
    // Canonical hex: lowercase, no leading zeros.
    for name in ["SALT", "SRP_B"] {
        let value = &params[name];
        assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{name} {value}"
        );
        assert!(!value.starts_with('0'), "{name} {value}");
    }
    assert_eq!(params["SALT"], pool.user("ana").unwrap().srp_salt);
    assert!(STANDARD.decode(&params["SECRET_BLOCK"]).unwrap().len() >= 16);

    let request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    let wire = serde_json::to_string(&request).unwrap();
    assert!(!wire.contains(PASSWORD), "{wire}");
    assert!(!wire.contains("Session"), "{wire}");
    let tokens = pool
        .respond_to_auth_challenge(request)
        .unwrap()
        .authentication_result
        .unwrap();
    let (_, claims) = cogflow::cognito::decode_unverified(&tokens.id_token).unwrap();
    assert_eq!(claims["cognito:username"], "ana");
    assert!(tokens.refresh_token.is_some());
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 0);
}

#[test]
fn every_number_is_recorded_and_both_sides_agree() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("ana");
    let mut first = pool.start_initiate_auth(InitiateAuthRequest::user_srp(
        pool.client_id(),
        "ana",
        &device.srp_a(),
    ));
    pool.advance_auth(&mut first);
    let names: Vec<&str> = first.checks().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "app client",
            "auth flow",
            "request parameters",
            "SRP_A valid",
            "user exists",
            "verifier",
            "SRP_B",
            "u",
            "challenges"
        ]
    );
    assert!(first.checks().iter().all(|c| c.passed));
    let recorded = first.srp().unwrap().clone();
    assert_eq!(recorded.srp_a, device.srp_a());
    assert_eq!(recorded.pool_short, srp::pool_short(pool.pool_id()));
    assert_eq!(recorded.verifier, pool.user("ana").unwrap().srp_verifier);
    assert!(recorded.secret_block.is_empty(), "drawn when it responds");
    let AuthPhase::Responded(Ok(challenge)) = pool.advance_auth(&mut first).clone() else {
        panic!()
    };
    let exchange = first.srp().unwrap();
    assert_eq!(
        exchange.secret_block,
        challenge.challenge_parameters["SECRET_BLOCK"]
    );
    assert_eq!(exchange.srp_b, challenge.challenge_parameters["SRP_B"]);

    let request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    let signature = request.challenge_responses["PASSWORD_CLAIM_SIGNATURE"].clone();
    let (outcome, checks, call) = checked(&mut pool, request);
    assert_eq!(outcome, CheckOutcome::Authenticated);
    let names: Vec<&str> = checks.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "app client",
            "request parameters",
            "SECRET_BLOCK",
            "USERNAME",
            "TIMESTAMP format",
            "TIMESTAMP age",
            "user enabled",
            "not locked out",
            "user confirmed",
            "S",
            "K",
            "message signed",
            "password proof (SRP)",
            "no reset required",
            "challenges"
        ]
    );
    assert!(checks.iter().all(|c| c.1), "{checks:?}");
    let exchange = call.srp().unwrap();
    assert_eq!(exchange.expected_signature.as_deref(), Some(&*signature));
    assert_eq!(exchange.received_signature.as_deref(), Some(&*signature));
    assert_eq!(exchange.timestamp.as_deref(), Some(NOW_STAMP));
    assert_eq!(exchange.timestamp_signed.as_deref(), Some(NOW_STAMP));
    assert_eq!(exchange.key.as_ref().unwrap().len(), 32);
    assert_eq!(exchange.u, recorded.u);
    let message = exchange.message.as_deref().unwrap();
    assert_eq!(
        message,
        format!(
            "{} ‖ ana ‖ <SECRET_BLOCK, 48 bytes> ‖ {NOW_STAMP}",
            recorded.pool_short
        )
    );
    let age = &checks[5].2;
    assert!(age.starts_with("stamped at the pool clock"), "{age}");
}

#[test]
fn the_same_seed_gives_the_same_numbers() {
    let run = || {
        let mut pool = srp_pool(srp_config());
        let challenge = start(&mut pool, &Device::new("ana"), "ana").unwrap();
        serde_json::to_string(&challenge).unwrap()
    };
    assert_eq!(run(), run());
    let mut other = UserPool::new(srp_config(), SEED + 1, NOW);
    other.add_user(SeedUser::new("ana", PASSWORD)).unwrap();
    let challenge = start(&mut other, &Device::new("ana"), "ana").unwrap();
    assert_ne!(serde_json::to_string(&challenge).unwrap(), run());
}

// ----- one test per row of srp.md §5 -----

#[test]
fn wrong_password_fails_the_signature_and_counts_for_lockout() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("ana");
    let challenge = start(&mut pool, &device, "ana").unwrap();
    let request = answer(
        &pool,
        &device,
        &challenge,
        "Wrong-Horse-9",
        NOW_STAMP,
        NOW_STAMP,
    );
    let (outcome, checks, call) = checked(&mut pool, request);
    let CheckOutcome::Rejected(error) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        error.to_string(),
        "NotAuthorizedException: Incorrect username or password."
    );
    let (name, passed, detail) = checks.last().unwrap();
    assert_eq!((name.as_str(), *passed), ("password proof (SRP)", false));
    assert!(detail.contains("(failed attempt 1)"), "{detail}");
    assert!(detail.contains("another password"), "{detail}");
    let exchange = call.srp().unwrap();
    assert_ne!(exchange.expected_signature, exchange.received_signature);
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 1);
}

#[test]
fn a_zero_padded_day_or_a_wrong_weekday_fails_the_signature() {
    // (what the device sends and signs, what the failed check must name)
    let cases = [
        (
            "Thu Jan 015 09:00:00 UTC 2026",
            "InvalidParameterException: TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
            "TIMESTAMP format",
        ),
        (
            "Fri Jan 15 09:00:00 UTC 2026",
            "NotAuthorizedException: Incorrect username or password.",
            "the weekday is wrong: that date is a Thursday",
        ),
        (
            "2026-01-15T09:00:00Z",
            "InvalidParameterException: TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
            "TIMESTAMP format",
        ),
    ];
    for (stamp, want, named) in cases {
        let mut pool = srp_pool(srp_config());
        let device = Device::new("ana");
        let challenge = start(&mut pool, &device, "ana").unwrap();
        let request = answer(&pool, &device, &challenge, PASSWORD, stamp, stamp);
        let (outcome, checks, _) = checked(&mut pool, request);
        let CheckOutcome::Rejected(error) = outcome else {
            panic!("{stamp}: {outcome:?}")
        };
        assert_eq!(error.to_string(), want, "{stamp}");
        let failed = checks.iter().find(|c| !c.1).unwrap();
        assert!(
            failed.0 == named || failed.2.contains(named),
            "{stamp}: {failed:?}"
        );
    }

    // The classic client bug: day 5 written as 05, on the 5th of a month.
    let mut pool = UserPool::new(srp_config(), SEED, NOW - 10 * 86_400);
    pool.add_user(SeedUser::new("ana", PASSWORD)).unwrap();
    let device = Device::new("ana");
    let challenge = start(&mut pool, &device, "ana").unwrap();
    let padded = "Mon Jan 05 09:00:00 UTC 2026";
    let request = answer(&pool, &device, &challenge, PASSWORD, padded, padded);
    let (_, checks, call) = checked(&mut pool, request);
    let format = checks.iter().find(|c| c.0 == "TIMESTAMP format").unwrap();
    assert!(format.1, "readable: {format:?}");
    assert!(
        format.2.contains("zero-padded") && format.2.contains("`Mon Jan 5 09:00:00 UTC 2026`"),
        "{format:?}"
    );
    let proof = checks.last().unwrap();
    assert_eq!(proof.0, "password proof (SRP)");
    assert!(!proof.1);
    assert!(
        proof.2.contains("the device signed `Mon Jan 05 09:00:00 UTC 2026`, Cognito signs `Mon Jan 5 09:00:00 UTC 2026`"),
        "{proof:?}"
    );
    assert_eq!(
        call.srp().unwrap().timestamp_signed.as_deref(),
        Some("Mon Jan 5 09:00:00 UTC 2026")
    );
}

#[test]
fn a_stale_replayed_or_foreign_secret_block_is_a_wrong_proof() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("ana");
    let challenge = start(&mut pool, &device, "ana").unwrap();
    let request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    assert!(pool.respond_to_auth_challenge(request.clone()).is_ok());
    // The same, replayed: single use.
    assert_exception(
        pool.respond_to_auth_challenge(request.clone()),
        "NotAuthorizedException: Incorrect username or password.",
    );
    // One that was never issued.
    let mut forged = request.clone();
    forged.challenge_responses.insert(
        "PASSWORD_CLAIM_SECRET_BLOCK".into(),
        STANDARD.encode(b"not a block this pool issued"),
    );
    assert_exception(
        pool.respond_to_auth_challenge(forged),
        "NotAuthorizedException: Incorrect username or password.",
    );
    // A wrong answer uses the block up as well.
    let challenge = start(&mut pool, &device, "ana").unwrap();
    let wrong = answer(
        &pool,
        &device,
        &challenge,
        "Nope-Nope-1",
        NOW_STAMP,
        NOW_STAMP,
    );
    assert!(pool.respond_to_auth_challenge(wrong).is_err());
    let right = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    assert_exception(
        pool.respond_to_auth_challenge(right),
        "NotAuthorizedException: Incorrect username or password.",
    );
    // Answered by another app client than the one it was issued to.
    let challenge = start(&mut pool, &device, "ana").unwrap();
    let mut other = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    other.client_id = "someotherclient".into();
    assert_exception(
        pool.respond_to_auth_challenge(other),
        "ResourceNotFoundException: User pool client someotherclient does not exist.",
    );
}

#[test]
fn a_proof_after_auth_session_validity_is_too_late() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("ana");
    let challenge = start(&mut pool, &device, "ana").unwrap();
    pool.advance(180);
    let request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    assert_exception(
        pool.respond_to_auth_challenge(request),
        "NotAuthorizedException: Invalid session for the user, session is expired.",
    );
}

#[test]
fn the_wrong_pool_name_in_the_message_fails_the_signature() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("ana");
    let challenge = start(&mut pool, &device, "ana").unwrap();
    let params = &challenge.challenge_parameters;
    let mut request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    let foreign = device.sign("us-east-1_SomeOther1", PASSWORD, params, NOW_STAMP);
    request
        .challenge_responses
        .insert("PASSWORD_CLAIM_SIGNATURE".into(), foreign);
    assert_exception(
        pool.respond_to_auth_challenge(request),
        "NotAuthorizedException: Incorrect username or password.",
    );
}

#[test]
fn srp_a_must_be_a_usable_public_value() {
    let n = srp::n();
    let cases = [
        ("0".to_owned(), "A mod N = 0"),
        (hex(n), "A mod N = 0"),
        (hex(&(n * BigUint::from(2u32))), "A mod N = 0"),
        ("xyz".to_owned(), "not a hexadecimal number"),
        ("f".repeat(1025), "1025 hex digits"),
    ];
    for (srp_a, detail) in cases {
        let mut pool = srp_pool(srp_config());
        let mut call = pool.start_initiate_auth(InitiateAuthRequest::user_srp(
            pool.client_id(),
            "ana",
            &srp_a,
        ));
        pool.advance_auth(&mut call);
        let last = call.checks().last().unwrap();
        assert_eq!(last.name, "SRP_A valid");
        assert!(!last.passed && last.detail.contains(detail), "{last:?}");
        let AuthPhase::Responded(Err(error)) = pool.advance_auth(&mut call).clone() else {
            panic!()
        };
        assert_eq!(
            error.to_string(),
            "InvalidParameterException: SRP_A is not a valid SRP value."
        );
    }
    let mut pool = srp_pool(srp_config());
    let mut request = InitiateAuthRequest::user_srp(pool.client_id(), "ana", "");
    assert_exception(
        pool.initiate_auth(request.clone()),
        "InvalidParameterException: Missing required parameter SRP_A",
    );
    request.auth_parameters.remove("SRP_A");
    assert_exception(
        pool.initiate_auth(request),
        "InvalidParameterException: Missing required parameter SRP_A",
    );
}

#[test]
fn missing_proof_parameters_are_named() {
    for missing in [
        "PASSWORD_CLAIM_SECRET_BLOCK",
        "TIMESTAMP",
        "PASSWORD_CLAIM_SIGNATURE",
        "USERNAME",
    ] {
        let mut pool = srp_pool(srp_config());
        let device = Device::new("ana");
        let challenge = start(&mut pool, &device, "ana").unwrap();
        let mut request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
        request.challenge_responses.remove(missing);
        assert_exception(
            pool.respond_to_auth_challenge(request),
            &format!("InvalidParameterException: Missing required parameter {missing}"),
        );
    }
}

#[test]
fn the_flow_must_be_enabled_on_the_app_client() {
    let mut pool = srp_pool(PoolConfig {
        explicit_auth_flows: vec![ExplicitAuthFlow::AllowUserPasswordAuth],
        ..config()
    });
    assert_exception(
        start(&mut pool, &Device::new("ana"), "ana"),
        "InvalidParameterException: USER_SRP_AUTH flow not enabled for this client",
    );
}

#[test]
fn unknown_user_under_legacy_is_told_at_the_first_step() {
    let mut pool = srp_pool(PoolConfig {
        prevent_user_existence_errors: PreventUserExistenceErrors::Legacy,
        ..srp_config()
    });
    assert_exception(
        start(&mut pool, &Device::new("x"), "nobody"),
        "UserNotFoundException: User does not exist.",
    );
}

#[test]
fn unknown_user_under_enabled_gets_a_simulated_challenge_then_the_wrong_password_answer() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("x");
    let first = start(&mut pool, &device, "nobody").unwrap();
    let again = start(&mut pool, &device, "nobody").unwrap();
    let real = start(&mut pool, &device, "ana").unwrap();
    let (p1, p2) = (&first.challenge_parameters, &again.challenge_parameters);
    // Same shape as a real user's answer; the same salt and id for the same name every time.
    assert_eq!(
        p1.keys().collect::<Vec<_>>(),
        real.challenge_parameters.keys().collect::<Vec<_>>()
    );
    assert_eq!(p1["SALT"], p2["SALT"]);
    assert_eq!(p1["USER_ID_FOR_SRP"], p2["USER_ID_FOR_SRP"]);
    assert_ne!(p1["SRP_B"], p2["SRP_B"]);
    assert_eq!(p1["USERNAME"], "nobody");
    let id = &p1["USER_ID_FOR_SRP"];
    assert_eq!(id.len(), 36, "a UUID, as the developer guide says: {id}");
    assert_eq!(&id[14..15], "4");
    let other = start(&mut pool, &device, "somebody").unwrap();
    assert_ne!(other.challenge_parameters["SALT"], p1["SALT"]);

    let request = answer(&pool, &device, &first, PASSWORD, NOW_STAMP, NOW_STAMP);
    let (outcome, checks, call) = checked(&mut pool, request);
    assert_eq!(
        outcome,
        CheckOutcome::Rejected(CognitoError::new(
            cogflow::cognito::Exception::NotAuthorized,
            "Incorrect username or password."
        ))
    );
    let last = checks.last().unwrap();
    assert_eq!((last.0.as_str(), last.1), ("user exists", false));
    assert!(call.srp().unwrap().simulated);
    // Cognito did the same S, K and signature work as for a real user.
    assert!(checks.iter().any(|c| c.0 == "S" && c.1));
}

#[test]
fn the_account_checks_come_with_the_proof() {
    /// Changes the user before the sign-in.
    type Change = fn(&mut UserPool);
    // (how the user is changed, the answer to a right proof)
    let cases: [(&str, Change, &str); 3] = [
        (
            "disabled",
            |p| p.set_enabled("ana", false).unwrap(),
            "NotAuthorizedException: User is disabled.",
        ),
        (
            "unconfirmed",
            |p| p.set_user_status("ana", UserStatus::Unconfirmed).unwrap(),
            "UserNotConfirmedException: User is not confirmed.",
        ),
        (
            "reset required",
            |p| p.set_user_status("ana", UserStatus::ResetRequired).unwrap(),
            "PasswordResetRequiredException: Password reset required for the user",
        ),
    ];
    for (what, change, want) in cases {
        let mut pool = srp_pool(srp_config());
        change(&mut pool);
        // The first leg still answers: it only needs the salt and the verifier.
        let device = Device::new("ana");
        let challenge = start(&mut pool, &device, "ana").unwrap();
        let request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
        let result = pool.respond_to_auth_challenge(request);
        assert_eq!(result.unwrap_err().to_string(), want, "{what}");
    }
}

#[test]
fn five_wrong_proofs_lock_the_user_out_of_both_flows() {
    let mut pool = srp_pool(PoolConfig {
        explicit_auth_flows: vec![
            ExplicitAuthFlow::AllowUserSrpAuth,
            ExplicitAuthFlow::AllowUserPasswordAuth,
        ],
        ..config()
    });
    for _ in 0..5 {
        assert_exception(
            sign_in_srp(&mut pool, "ana", "Wrong-Horse-9"),
            "NotAuthorizedException: Incorrect username or password.",
        );
    }
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 5);
    assert_exception(
        sign_in_srp(&mut pool, "ana", PASSWORD),
        "NotAuthorizedException: Password attempts exceeded",
    );
    assert_exception(
        super::sign_in(&mut pool, "ana", PASSWORD),
        "NotAuthorizedException: Password attempts exceeded",
    );
    pool.advance(1);
    assert!(sign_in_srp(&mut pool, "ana", PASSWORD).is_ok());
    assert_eq!(pool.user("ana").unwrap().failed_attempts, 0);
}

#[test]
fn a_temporary_password_proves_then_must_be_replaced_and_the_new_one_proves() {
    let mut pool = UserPool::new(srp_config(), SEED, NOW);
    pool.add_user(SeedUser::new("cy", PASSWORD).status(UserStatus::ForceChangePassword))
        .unwrap();
    let challenge = sign_in_srp(&mut pool, "cy", PASSWORD).unwrap();
    assert_eq!(
        challenge.challenge_name,
        Some(ChallengeName::NewPasswordRequired)
    );
    let session = challenge.session.unwrap();
    let new = RespondToAuthChallengeRequest::new_password(
        pool.client_id(),
        &session,
        "cy",
        "Brand-New-Pass-7",
    );
    let salt_before = pool.user("cy").unwrap().srp_salt;
    assert!(
        pool.respond_to_auth_challenge(new)
            .unwrap()
            .authentication_result
            .is_some()
    );
    // The new password has a new verifier (and salt): the old one no longer proves.
    assert_ne!(pool.user("cy").unwrap().srp_salt, salt_before);
    assert_exception(
        sign_in_srp(&mut pool, "cy", PASSWORD),
        "NotAuthorizedException: Incorrect username or password.",
    );
    assert!(sign_in_srp(&mut pool, "cy", "Brand-New-Pass-7").is_ok());
}

#[test]
fn a_totp_user_gets_the_mfa_challenge_after_the_proof() {
    let mut pool = UserPool::new(srp_config(), SEED, NOW);
    pool.add_user(SeedUser::new("bo", PASSWORD).totp(true))
        .unwrap();
    let response = sign_in_srp(&mut pool, "bo", PASSWORD).unwrap();
    assert_eq!(
        response.challenge_name,
        Some(ChallengeName::SoftwareTokenMfa)
    );
    let code = pool.totp_now("bo").unwrap();
    let answer = RespondToAuthChallengeRequest::totp(
        pool.client_id(),
        response.session.as_deref().unwrap(),
        "bo",
        &code,
    );
    assert!(
        pool.respond_to_auth_challenge(answer)
            .unwrap()
            .authentication_result
            .is_some()
    );
}

#[test]
fn every_way_of_setting_a_password_sets_a_verifier() {
    let mut pool = UserPool::new(srp_config(), SEED, NOW);
    pool.add_user(
        SeedUser::new("ana", PASSWORD)
            .attribute("email", "ana@example.com")
            .attribute("email_verified", "true"),
    )
    .unwrap();
    // AdminSetUserPassword-like.
    pool.set_password("ana", "Second-Pass-22").unwrap();
    assert!(sign_in_srp(&mut pool, "ana", "Second-Pass-22").is_ok());
    // ForgotPassword + ConfirmForgotPassword.
    let client_id = pool.client_id().to_owned();
    pool.forgot_password(cogflow::cognito::ForgotPasswordRequest {
        secret_hash: None,
        client_id: client_id.clone(),
        username: "ana".into(),
    })
    .unwrap();
    let code = pool
        .last_code("ana", cogflow::cognito::CodeKind::ForgotPassword)
        .unwrap();
    pool.confirm_forgot_password(cogflow::cognito::ConfirmForgotPasswordRequest {
        secret_hash: None,
        client_id: client_id.clone(),
        username: "ana".into(),
        confirmation_code: code,
        password: "Third-Pass-333".into(),
    })
    .unwrap();
    assert!(sign_in_srp(&mut pool, "ana", "Third-Pass-333").is_ok());
    // SignUp + ConfirmSignUp.
    pool.sign_up(cogflow::cognito::SignUpRequest {
        secret_hash: None,
        client_id: client_id.clone(),
        username: "new".into(),
        password: "Fresh-Pass-4444".into(),
        user_attributes: vec![cogflow::cognito::AttributeType::new(
            "email",
            "new@example.com",
        )],
    })
    .unwrap();
    let code = pool
        .last_code("new", cogflow::cognito::CodeKind::SignUp)
        .unwrap();
    pool.confirm_sign_up(cogflow::cognito::ConfirmSignUpRequest {
        secret_hash: None,
        client_id,
        username: "new".into(),
        confirmation_code: code,
    })
    .unwrap();
    assert!(sign_in_srp(&mut pool, "new", "Fresh-Pass-4444").is_ok());
}

#[test]
fn the_username_answered_must_be_the_challenged_one() {
    let mut pool = srp_pool(srp_config());
    pool.add_user(SeedUser::new("bob", PASSWORD)).unwrap();
    let device = Device::new("ana");
    let challenge = start(&mut pool, &device, "ana").unwrap();
    let mut request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    request
        .challenge_responses
        .insert("USERNAME".into(), "bob".into());
    assert_exception(
        pool.respond_to_auth_challenge(request),
        "NotAuthorizedException: Incorrect username or password.",
    );
}

// ----- AdminInitiateAuth, sign-in names, SECRET_HASH -----

/// Every phase of `call`, then its response.
fn respond(pool: &mut UserPool, mut call: AuthCall) -> Result<InitiateAuthResponse, CognitoError> {
    loop {
        if let AuthPhase::Responded(result) = pool.advance_auth(&mut call) {
            return result.clone();
        }
    }
}

/// The device's answer, for AdminRespondToAuthChallenge.
fn admin_answer(
    pool: &UserPool,
    device: &Device,
    challenge: &InitiateAuthResponse,
    password: &str,
) -> AdminRespondToAuthChallengeRequest {
    let proof = answer(pool, device, challenge, password, NOW_STAMP, NOW_STAMP);
    AdminRespondToAuthChallengeRequest {
        user_pool_id: pool.pool_id().to_owned(),
        client_id: proof.client_id,
        challenge_name: proof.challenge_name,
        session: proof.session,
        challenge_responses: proof.challenge_responses,
    }
}

/// AdminInitiateAuth USER_SRP_AUTH for `username` with `device`'s A.
fn admin_start(pool: &UserPool, device: &Device, username: &str) -> AdminInitiateAuthRequest {
    AdminInitiateAuthRequest {
        user_pool_id: pool.pool_id().to_owned(),
        client_id: pool.client_id().to_owned(),
        auth_flow: cogflow::cognito::AuthFlow::UserSrpAuth,
        auth_parameters: InitiateAuthRequest::user_srp(pool.client_id(), username, &device.srp_a())
            .auth_parameters,
    }
}

#[test]
fn admin_initiate_auth_answers_password_verifier_and_admin_respond_verifies_it() {
    let mut pool = srp_pool(srp_config());
    let device = Device::new("admin");
    for (password, want) in [
        (
            "Wrong-Horse-9",
            Err("NotAuthorizedException: Incorrect username or password."),
        ),
        (PASSWORD, Ok(())),
    ] {
        let call = pool.start_admin_initiate_auth(admin_start(&pool, &device, "ana"));
        let challenge = respond(&mut pool, call).unwrap();
        assert_eq!(
            challenge.challenge_name,
            Some(ChallengeName::PasswordVerifier)
        );
        let call = pool.start_admin_respond_to_auth_challenge(admin_answer(
            &pool, &device, &challenge, password,
        ));
        match (respond(&mut pool, call), want) {
            (Ok(response), Ok(())) => assert!(response.authentication_result.is_some()),
            (Err(e), Err(message)) => assert_eq!(e.to_string(), message),
            (got, want) => panic!("{password}: got {got:?}, want {want:?}"),
        }
    }
    // The flow must be allowed on the client for the admin API too.
    let mut closed = srp_pool(PoolConfig {
        explicit_auth_flows: vec![ExplicitAuthFlow::AllowAdminUserPasswordAuth],
        ..config()
    });
    let call = closed.start_admin_initiate_auth(admin_start(&closed, &device, "ana"));
    assert_exception(
        respond(&mut closed, call),
        "InvalidParameterException: Auth flow not enabled for this client",
    );
}

#[test]
fn an_email_alias_signs_in_but_the_maths_uses_the_internal_username() {
    let mut pool = UserPool::new(
        PoolConfig {
            alias_attributes: vec![SignInAttribute::Email],
            ..srp_config()
        },
        SEED,
        NOW,
    );
    pool.add_user(
        SeedUser::new("ana", PASSWORD)
            .attribute("email", "ana@example.com")
            .attribute("email_verified", "true"),
    )
    .unwrap();
    let device = Device::new("alias");
    let challenge = start(&mut pool, &device, "ana@example.com").unwrap();
    // As measured on AWS: the real username comes back, for x and for the answer.
    assert_eq!(challenge.challenge_parameters["USER_ID_FOR_SRP"], "ana");
    assert_eq!(challenge.challenge_parameters["USERNAME"], "ana");
    let request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    assert!(
        pool.respond_to_auth_challenge(request)
            .unwrap()
            .authentication_result
            .is_some()
    );
}

#[test]
fn a_client_with_a_secret_needs_secret_hash_on_both_legs() {
    let mut pool = srp_pool(PoolConfig {
        client_secret: ClientSecret::Generate,
        ..srp_config()
    });
    let device = Device::new("secret");
    // First leg without SECRET_HASH: refused before any SRP work.
    assert_exception(
        start(&mut pool, &device, "ana"),
        &format!(
            "NotAuthorizedException: Unable to verify secret hash for client {}",
            pool.client_id()
        ),
    );
    let mut first = InitiateAuthRequest::user_srp(pool.client_id(), "ana", &device.srp_a());
    first
        .auth_parameters
        .insert("SECRET_HASH".into(), pool.secret_hash_for("ana").unwrap());
    let challenge = pool.initiate_auth(first).unwrap();
    let mut request = answer(&pool, &device, &challenge, PASSWORD, NOW_STAMP, NOW_STAMP);
    let without = request.clone();
    assert_exception(
        pool.respond_to_auth_challenge(without),
        &format!(
            "NotAuthorizedException: Unable to verify secret hash for client {}",
            pool.client_id()
        ),
    );
    // The refusal came before the SECRET_BLOCK was looked at, so it is still usable.
    request
        .challenge_responses
        .insert("SECRET_HASH".into(), pool.secret_hash_for("ana").unwrap());
    assert!(
        pool.respond_to_auth_challenge(request)
            .unwrap()
            .authentication_result
            .is_some()
    );
}

// ----- random users: every right password proves, every wrong one does not -----

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn random_users_and_passwords_round_trip(
        username in "[a-zA-Z0-9._@+-]{1,24}",
        password in "[A-Z]{2,3}[a-z]{3,8}[0-9]{2,3}[!#%&*+=?@^_~-]{1,3}[ -~]{0,12}",
        wrong_tail in "[ -~]{1,4}",
    ) {
        let mut pool = UserPool::new(srp_config(), SEED, NOW);
        pool.add_user(SeedUser::new(&username, &password)).unwrap();
        let signed_in = sign_in_srp(&mut pool, &username, &password).unwrap();
        prop_assert!(signed_in.authentication_result.is_some());
        let wrong = format!("{password}{wrong_tail}");
        let refused = sign_in_srp(&mut pool, &username, &wrong).unwrap_err();
        prop_assert_eq!(
            refused.to_string(),
            "NotAuthorizedException: Incorrect username or password."
        );
    }
}
