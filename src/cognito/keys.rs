//! The pool's two RSA-2048 signing keys (one for ID tokens, one for access tokens) and its JWKS.
//!
//! Key generation takes 0.1–0.5 s per key even optimised, so the pool starts it on a background
//! thread when it is created and joins it the first time a key is needed: a lesson's first frame
//! never waits for RSA. Keys come from a seed-derived RNG, so the same seed gives the same keys
//! (and `kid`s). Because of that they are also memoised per seed for the life of the process
//! (variants, the "try it" form and property tests rebuild pools from the same seed many
//! times) and, when the program installed a [`KeyStore`], kept between processes as a real
//! pool's keys are ([`kept`]): a second run with the same seed loads and checks them instead.

mod kept;
mod layout;
mod primes;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jsonwebtoken::{Algorithm, DecodingKey, Header};
use rand::rngs::StdRng;
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs1v15::SigningKey as Pkcs1v15Key;
use rsa::signature::{SignatureEncoding, Signer};

pub use kept::{FORMAT as KEPT_FORMAT, KeyStore, keep_keys_in};
pub(crate) use layout::verify_by_modulus as verify_layout_signature;
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::cost::{CryptoCost, count_key_ask, count_signature};
use super::error::CognitoError;
use super::ids::{self, Rng06, stream};

/// One RSA-2048 key pair that signs RS256 JWTs, with its `kid`.
#[derive(Clone)]
pub struct SigningKey {
    /// The private key, parsed and with its CRT values computed once (jsonwebtoken's own
    /// signer parses the DER again for every token).
    signer: Pkcs1v15Key<Sha256>,
    kid: String,
    n: String,
    e: String,
    decoding: DecodingKey,
    /// A layout key's ([`layout`]): it signs with [`layout::signature`], not RSA.
    layout: bool,
}

impl fmt::Debug for SigningKey {
    // The private key stays out of debug output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// A token as [`SigningKey::sign_costed`] makes it, with what signing it cost.
pub(crate) type Signed = (Result<String, CognitoError>, CryptoCost);

impl SigningKey {
    /// Generates an RSA-2048 key pair from `rng` (deterministic for a seeded RNG).
    ///
    /// # Errors
    /// `InternalErrorException` if RSA generation or DER encoding fails (not expected).
    pub fn generate(rng: &mut StdRng) -> Result<Self, CognitoError> {
        let private = RsaPrivateKey::new(&mut Rng06(&mut *rng), 2048)
            .map_err(|e| CognitoError::internal(format!("RSA key generation failed: {e}")))?;
        Self::from_private(private)
    }

    /// The signing key of an existing private key.
    fn from_private(private: RsaPrivateKey) -> Result<Self, CognitoError> {
        let public = RsaPublicKey::from(&private);
        let public_der = public
            .to_pkcs1_der()
            .map_err(|e| CognitoError::internal(format!("RSA key encoding failed: {e}")))?;
        // Cognito's kids are 44-character standard base64 (a SHA-256 digest); this one is the
        // digest of the public key, so it is stable for a key and differs between keys.
        let kid = STANDARD.encode(Sha256::digest(public_der.as_bytes()));
        Ok(Self {
            signer: Pkcs1v15Key::new(private),
            kid,
            n: ids::b64url(&public.n().to_bytes_be()),
            e: ids::b64url(&public.e().to_bytes_be()),
            decoding: DecodingKey::from_rsa_der(public_der.as_bytes()),
            layout: false,
        })
    }

    /// The key id put in token headers and in the JWKS.
    #[must_use]
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key as a JWK: `{"alg":"RS256","e":"AQAB","kid":…,"kty":"RSA","n":…,"use":"sig"}`.
    #[must_use]
    pub fn jwk(&self) -> serde_json::Value {
        serde_json::json!({
            "alg": "RS256",
            "e": self.e,
            "kid": self.kid,
            "kty": "RSA",
            "n": self.n,
            "use": "sig",
        })
    }

    /// Signs `claims` as an RS256 JWT whose header is Cognito's: `{"kid":…,"alg":"RS256"}`
    /// (no `typ`). RSA PKCS#1 v1.5 signatures are deterministic, so equal claims give equal tokens.
    ///
    /// # Errors
    /// `InternalErrorException` if serialising or signing fails (not expected).
    pub fn sign<T: Serialize>(&self, claims: &T) -> Result<String, CognitoError> {
        self.sign_costed("", claims).0
    }

    /// [`Self::sign`], with what it cost as an "RS256 sign" [`CryptoCost`] of `what` (e.g.
    /// "ID token"): the time signing took when this process first signed these bytes with
    /// this key (see `SIGNED`), so a kept signature shows what making it costs.
    pub(crate) fn sign_costed<T: Serialize>(
        &self,
        what: &str,
        claims: &T,
    ) -> (Result<String, CognitoError>, CryptoCost) {
        // Counted found or not: what a file asks for (`cogflow check`'s budget) must not
        // depend on what this process signed before.
        count_signature();
        self.sign_costed_uncounted(what, claims)
    }

    /// Two [`Self::sign_costed`] at once, `first` on a thread of its own and `second` on this
    /// one (each RS256 signature is about 21 M instructions, the costliest step of minting a
    /// sign-in's tokens after argon2): the same tokens and costs, in `(first, second)` order,
    /// both signatures counted on this thread as the two calls would count them.
    pub(crate) fn sign_costed_pair<A: Serialize + Sync, B: Serialize + Sync>(
        first: (&Self, &str, &A),
        second: (&Self, &str, &B),
    ) -> (Signed, Signed) {
        count_signature();
        count_signature();
        if first.0.layout && second.0.layout {
            // Microseconds each: a thread would cost more than it saves.
            let (key, what, claims) = first;
            let first = key.sign_costed_uncounted(what, claims);
            let (key, what, claims) = second;
            return (first, key.sign_costed_uncounted(what, claims));
        }
        std::thread::scope(|scope| {
            let (key, what, claims) = first;
            let first = scope.spawn(move || key.sign_costed_uncounted(what, claims));
            let (key, what, claims) = second;
            let second = key.sign_costed_uncounted(what, claims);
            let first = first
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, second)
        })
    }

    fn sign_costed_uncounted<T: Serialize>(&self, what: &str, claims: &T) -> Signed {
        let (token, elapsed) = match self.signed(claims) {
            Ok((token, elapsed)) => (Ok(token), elapsed),
            Err(e) => (Err(e), Duration::ZERO),
        };
        let cost = CryptoCost {
            operation: "RS256 sign".to_owned(),
            params: what.to_owned(),
            elapsed,
        };
        (token, cost)
    }

    fn signed<T: Serialize>(&self, claims: &T) -> Result<(String, Duration), CognitoError> {
        let mut header = Header::new(Algorithm::RS256);
        header.typ = None;
        header.kid = Some(self.kid.clone());
        let part = |value: &dyn erased::Json| {
            value
                .to_json()
                .map(|json| ids::b64url(&json))
                .map_err(|e| CognitoError::internal(format!("JWT serialisation failed: {e}")))
        };
        // What jsonwebtoken::encode writes, byte for byte (a test compares the two).
        let message = format!("{}.{}", part(&header)?, part(claims)?);
        if self.layout {
            let start = Instant::now();
            let signature = ids::b64url(&layout::signature(&self.kid, &message));
            return Ok((format!("{message}.{signature}"), start.elapsed()));
        }
        let key: [u8; 32] = Sha256::new()
            .chain_update(self.kid.as_bytes())
            .chain_update(b".")
            .chain_update(message.as_bytes())
            .finalize()
            .into();
        if let Some((signature, elapsed)) = SIGNED
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok((format!("{message}.{signature}"), *elapsed));
        }
        let start = Instant::now();
        // Unblinded: the result is the same bytes, and these are a mock's keys.
        let signature = self
            .signer
            .try_sign(message.as_bytes())
            .map_err(|e| CognitoError::internal(format!("RS256 signing failed: {e}")))?;
        let signature = ids::b64url(&signature.to_bytes());
        let elapsed = start.elapsed();
        let mut kept = SIGNED.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= SIGNED_MAX {
            kept.clear();
        }
        let token = format!("{message}.{signature}");
        kept.insert(key, (signature, elapsed));
        Ok((token, elapsed))
    }

    /// The private key (for the kept form).
    fn private(&self) -> &RsaPrivateKey {
        self.signer.as_ref()
    }

    /// Checks an RS256 signature over `message` (`header.payload`) with this key's public half.
    #[must_use]
    pub fn verify_signature(&self, message: &str, signature: &str) -> bool {
        if self.layout {
            return signature == ids::b64url(&layout::signature(&self.kid, message));
        }
        jsonwebtoken::crypto::verify(
            signature,
            message.as_bytes(),
            &self.decoding,
            Algorithm::RS256,
        )
        .unwrap_or(false)
    }
}

/// RS256 signatures made in this process, by SHA-256 over the key's kid and the signed message,
/// with how long each took. PKCS#1 v1.5 signatures are deterministic, so a kept one is the
/// same bytes: a lesson's branches sign the same first tokens again, and a property test's
/// second, identical run signs every token again. Bounded like argon2's results (a hostile
/// file could ask for any number of tokens); a served pool's tokens (each with its own jti)
/// never repeat, so it only costs them a lookup.
static SIGNED: Mutex<BTreeMap<[u8; 32], (String, Duration)>> = Mutex::new(BTreeMap::new());
const SIGNED_MAX: usize = 4096;

/// `serde_json::to_vec` behind a `dyn`, so one closure serialises the header and the claims.
mod erased {
    pub trait Json {
        fn to_json(&self) -> serde_json::Result<Vec<u8>>;
    }

    impl<T: serde::Serialize + ?Sized> Json for T {
        fn to_json(&self) -> serde_json::Result<Vec<u8>> {
            serde_json::to_vec(self)
        }
    }
}

/// The pool's keys: ID tokens and access tokens are signed by different keys.
#[derive(Debug)]
pub(crate) struct PoolKeys {
    pub id: SigningKey,
    pub access: SigningKey,
}

impl PoolKeys {
    /// `{"keys": [id key, access key]}`.
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::json!({ "keys": [self.id.jwk(), self.access.jwk()] })
    }
}

/// Keys (or why there are none) and what generating them cost.
type Generated<K> = (Result<K, CognitoError>, Vec<CryptoCost>);

/// The pool's two keys for `seed`: the ID-token key, then the access-token key, from one
/// stream, as two calls of `RsaPrivateKey::new` would make them ([`primes`]: the same keys, the
/// prime search on two threads).
fn generate(seed: u64) -> Generated<PoolKeys> {
    let mut rng = ids::stream_rng(seed, stream::KEYS);
    let mut made = primes::generate(&mut rng, 2).into_iter();
    let mut costs = Vec::new();
    let mut one = |what: &str| {
        let (private, elapsed) = made
            .next()
            .unwrap_or_else(|| (Err(rsa::Error::Internal), Duration::ZERO));
        costs.push(CryptoCost {
            operation: "RSA-2048 key generation".to_owned(),
            params: what.to_owned(),
            elapsed,
        });
        private
            .map_err(|e| CognitoError::internal(format!("RSA key generation failed: {e}")))
            .and_then(SigningKey::from_private)
    };
    let keys = one("ID-token key").and_then(|id| {
        let access = one("access-token key")?;
        Ok(PoolKeys { id, access })
    });
    (keys, costs)
}

/// Keys already obtained in this process, by seed (a pure function's results).
static CACHE: Mutex<BTreeMap<u64, Arc<PoolKeys>>> = Mutex::new(BTreeMap::new());

fn cached(seed: u64) -> Option<Arc<PoolKeys>> {
    CACHE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&seed)
        .cloned()
}

/// `true` once this process has the keys for `seed` (made, or loaded and checked).
#[must_use]
pub fn keys_known(seed: u64) -> bool {
    cached(seed).is_some()
}

/// Obtains the keys for `seed` on this thread now, unless this process has them: the kept
/// ones when the store has sound ones, else new ones (then kept). For a seed whose keys are
/// made in advance (cogflow's spare seed). `false` if they could not be made.
pub fn prepare_keys(seed: u64) -> bool {
    keys_known(seed) || obtain_and_cache(seed).0.is_ok()
}

/// Seeds whose keys some thread is obtaining right now ([`obtain_and_cache`]), and a signal
/// when one is done: pools created at once on several threads (`cogflow check` runs a file's
/// paths side by side, each with its pool) wait for the one load or generation instead of each
/// loading and checking (49 M instructions) or making the same keys again.
static OBTAINING: Mutex<BTreeSet<u64>> = Mutex::new(BTreeSet::new());
static OBTAINED: Condvar = Condvar::new();

/// The keys for `seed`: the kept ones when the store has them and they pass every check,
/// otherwise new ones (then kept). Memoised for the process either way; a thread that asks
/// while another is obtaining them waits for those (and, like a memoised ask, costs nothing).
fn obtain_and_cache(seed: u64) -> Generated<Arc<PoolKeys>> {
    /// Ends this thread's obtaining of `seed` however it ends (a panic included).
    struct Obtaining(u64);
    impl Drop for Obtaining {
        fn drop(&mut self) {
            OBTAINING
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&self.0);
            OBTAINED.notify_all();
        }
    }
    let mut busy = OBTAINING.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if let Some(keys) = cached(seed) {
            return (Ok(keys), Vec::new());
        }
        if busy.insert(seed) {
            break;
        }
        busy = OBTAINED.wait(busy).unwrap_or_else(PoisonError::into_inner);
    }
    drop(busy);
    let _obtaining = Obtaining(seed);
    obtain(seed)
}

/// [`obtain_and_cache`]'s work, on the one thread obtaining `seed`'s keys.
fn obtain(seed: u64) -> Generated<Arc<PoolKeys>> {
    let store = kept::store();
    let found = store.and_then(|store| {
        let text = store.load(seed)?;
        kept::decode(seed, &text)
            .map_err(|why| store.rejected(seed, &why))
            .ok()
    });
    let (keys, costs) = match found {
        // Loading is no key generation: nothing for the crypto log.
        Some(keys) => (Ok(keys), Vec::new()),
        None => {
            let (keys, costs) = generate(seed);
            if let (Some(store), Ok(keys)) = (store, &keys)
                && let Ok(text) = kept::encode(seed, keys)
            {
                store.save(seed, &text);
            }
            (keys, costs)
        }
    };
    let keys = keys.map(Arc::new);
    if let Ok(k) = &keys {
        CACHE
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(seed, Arc::clone(k));
    }
    (keys, costs)
}

struct Inner {
    seed: u64,
    ready: OnceLock<Result<Arc<PoolKeys>, CognitoError>>,
    pending: Mutex<Option<JoinHandle<Generated<Arc<PoolKeys>>>>>,
    /// What generating the keys cost, until a pool takes it for its crypto log.
    costs: Mutex<Vec<CryptoCost>>,
    /// The layout keys: built in, never made, so asking for them is not counted
    /// ([`super::Work::key_asks`]).
    built_in: bool,
}

/// The pool's keys, possibly still being generated on a background thread.
/// Clones share the same keys (and the same background job).
#[derive(Clone)]
pub(crate) struct KeyCell(Arc<Inner>);

impl fmt::Debug for KeyCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyCell")
            .field("ready", &self.is_ready())
            .finish_non_exhaustive()
    }
}

impl KeyCell {
    /// Starts generating the keys for `seed` in the background (or finds them memoised).
    pub fn start(seed: u64) -> Self {
        let inner = Inner {
            seed,
            ready: OnceLock::new(),
            pending: Mutex::new(None),
            costs: Mutex::new(Vec::new()),
            built_in: false,
        };
        if let Some(keys) = cached(seed) {
            let _ = inner.ready.set(Ok(keys));
        } else {
            // If the thread cannot be spawned, `get` generates the keys on first need instead.
            let handle = std::thread::Builder::new()
                .name("cognito-keygen".to_owned())
                .spawn(move || obtain_and_cache(seed))
                .ok();
            *inner.pending.lock().unwrap_or_else(PoisonError::into_inner) = handle;
        }
        Self(Arc::new(inner))
    }

    /// The built-in layout keys ([`super::KeySource::Layout`]), ready at once.
    pub fn layout() -> Self {
        let inner = Inner {
            seed: 0,
            ready: OnceLock::from(layout::keys()),
            pending: Mutex::new(None),
            costs: Mutex::new(Vec::new()),
            built_in: true,
        };
        Self(Arc::new(inner))
    }

    /// `true` once the keys exist (never blocks).
    pub fn is_ready(&self) -> bool {
        self.0.ready.get().is_some()
            || self
                .0
                .pending
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .as_ref()
                .is_some_and(JoinHandle::is_finished)
    }

    /// The keys, waiting for the background job if it is still running.
    pub fn get(&self) -> Result<Arc<PoolKeys>, CognitoError> {
        if !self.0.built_in {
            count_key_ask();
        }
        self.0
            .ready
            .get_or_init(|| {
                let handle = self
                    .0
                    .pending
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                let (keys, spent) = match handle.map(JoinHandle::join) {
                    Some(Ok(done)) => done,
                    // No thread, or it panicked: generate here instead.
                    Some(Err(_)) | None => obtain_and_cache(self.0.seed),
                };
                self.0
                    .costs
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .extend(spent);
                keys
            })
            .clone()
    }

    /// What key generation cost, once (the first caller after the keys were joined gets it).
    pub fn take_costs(&self) -> Vec<CryptoCost> {
        std::mem::take(&mut *self.0.costs.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_keys_two_distinct_kids() {
        let (a, costs) = generate(11);
        let a = a.unwrap();
        let (b, _) = generate(11);
        let b = b.unwrap();
        assert_eq!(a.id.kid(), b.id.kid());
        assert_eq!(a.access.kid(), b.access.kid());
        assert_ne!(a.id.kid(), a.access.kid());
        assert_eq!(a.id.kid().len(), 44);
        assert_eq!(costs.len(), 2);
        assert!(
            costs
                .iter()
                .all(|c| c.operation == "RSA-2048 key generation")
        );
        let jwks = a.jwks();
        assert_eq!(jwks["keys"].as_array().unwrap().len(), 2);
        assert_eq!(jwks["keys"][0]["e"], "AQAB");
        assert_eq!(jwks["keys"][0]["kty"], "RSA");
        assert_eq!(jwks["keys"][0]["use"], "sig");
    }

    #[test]
    fn tokens_are_the_bytes_jsonwebtoken_writes() {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        let key = SigningKey::generate(&mut ids::stream_rng(6, stream::KEYS)).unwrap();
        let der = key.private().to_pkcs1_der().unwrap();
        let theirs_key = jsonwebtoken::EncodingKey::from_rsa_der(der.as_bytes());
        let mut header = Header::new(Algorithm::RS256);
        header.typ = None;
        header.kid = Some(key.kid().to_owned());
        for claims in [
            serde_json::json!({"sub": "x"}),
            serde_json::json!({"b": [1, 2], "a": "é\u{1b}", "n": null}),
        ] {
            let theirs = jsonwebtoken::encode(&header, &claims, &theirs_key).unwrap();
            assert_eq!(key.sign(&claims).unwrap(), theirs);
        }
    }

    #[test]
    fn signs_and_verifies() {
        let key = SigningKey::generate(&mut ids::stream_rng(5, stream::KEYS)).unwrap();
        let token = key.sign(&serde_json::json!({"sub": "x"})).unwrap();
        let (message, signature) = token.rsplit_once('.').unwrap();
        assert!(key.verify_signature(message, signature));
        assert!(!key.verify_signature(&format!("{message}x"), signature));
        let header: serde_json::Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(token.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            header,
            serde_json::json!({"alg": "RS256", "kid": key.kid()})
        );
    }

    #[test]
    fn background_job_is_joined_once_and_cells_share_keys() {
        let cell = KeyCell::start(0xC0FFEE);
        let twin = cell.clone();
        let a = cell.get().unwrap();
        let b = twin.get().unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(cell.is_ready());
        // A second pool from the same seed finds the keys memoised.
        let again = KeyCell::start(0xC0FFEE);
        assert!(again.is_ready());
        assert_eq!(again.get().unwrap().id.kid(), a.id.kid());
    }
}
