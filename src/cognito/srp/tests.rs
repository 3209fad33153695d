//! The published vectors of `reference/srp.md` §7, reproduced by pycognito 2024.5.1 and
//! amazon-cognito-identity-js 6.3.21: each value of the server side and of the device side.

use super::*;

fn int(hex: &str) -> BigUint {
    from_hex(hex).unwrap()
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A long value checked by its first and last 16 digits, as the reference prints it.
#[track_caller]
fn assert_ends(value: &BigUint, head: &str, tail: &str, digits: usize) {
    let hex = to_hex(value);
    assert_eq!(hex.len(), digits, "{hex}");
    assert!(hex.starts_with(head) && hex.ends_with(tail), "{hex}");
}

const POOL: &str = "us-east-1_AbCdEf123";
const USER: &str = "alice";
const PASSWORD: &str = "Passw0rd!";
const SECRET_BLOCK: &str = "Y29nZmxvdy1zZWNyZXQtYmxvY2stMDAwMQ==";
const TIMESTAMP: &str = "Tue Dec 1 06:21:31 UTC 2026";

/// a = SHA-256("cogflow-test-a"), b = SHA-256("cogflow-test-b"), as integers.
fn secrets() -> (BigUint, BigUint) {
    let a = BigUint::from_bytes_be(&Sha256::digest(b"cogflow-test-a"));
    let b = BigUint::from_bytes_be(&Sha256::digest(b"cogflow-test-b"));
    assert_eq!(
        to_hex(&a),
        "ec43bc0731079e01c2684f6c137512673e68266e27aa4afc09157127822d9b8d"
    );
    assert_eq!(
        to_hex(&b),
        "920c999794c8466b739466284f23a3c15ee301a3468166ed7acedc37d21b37b"
    );
    (a, b)
}

#[test]
fn the_group_is_rfc_3526s_and_k_is_cognitos() {
    assert_eq!(n().bits(), 3072);
    let bytes = n().to_bytes_be();
    assert_eq!(bytes.len(), 384);
    assert_eq!(
        hex_of(&Sha256::digest(&bytes)),
        "48cf8b092fbce4359d9871abf74f98e25b6163379eaa15cd9087e800c6d1c55c"
    );
    assert!(to_hex(n()).starts_with("ffffffffffffffffc90fdaa2"));
    assert!(to_hex(n()).ends_with(&format!("93ad2ca{}", "f".repeat(16))));
    assert_eq!(g(), &BigUint::from(2u32));
    assert_eq!(
        to_hex(k()),
        "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
    );
}

#[test]
fn padding_and_hex_rules() {
    // (value in hex, pad(value) in hex): a leading 00 only when the top bit is set.
    let cases = [
        ("0", "00"),
        ("7f", "7f"),
        ("80", "0080"),
        ("abc", "0abc"),
        ("c0ffee", "00c0ffee"),
        ("12ab00", "12ab00"),
    ];
    for (value, padded) in cases {
        assert_eq!(hex_of(&pad(&int(value))), padded, "{value}");
    }
    assert_eq!(from_hex("00C0FFEE"), from_hex("c0ffee"));
    assert_eq!(to_hex(&int("000abc")), "abc");
    for bad in ["", "+1", "1_0", "0x12", "ab cd", "é"] {
        assert_eq!(from_hex(bad), None, "{bad:?}");
    }
    assert_eq!(pool_short(POOL), "AbCdEf123");
    assert_eq!(pool_short("nounderscore"), "nounderscore");
}

#[test]
fn vector_1_every_value_on_both_sides() {
    let (a, b) = secrets();
    let salt = int("c0ffee00112233445566778899aabbcc");
    let short = pool_short(POOL);

    let identity = identity_hash(short, USER, PASSWORD);
    assert_eq!(
        hex_of(&identity),
        "1841e557afbac12fa01869c48fd832a47691bb73657c9cf9517315c3c4e8f801"
    );
    let x = private_key(&salt, &identity);
    assert_eq!(
        to_hex(&x),
        "1cbb37ac9934aef5b29e03b8cd88891cd3d3fd78efe615da5de9aa96772b4ad4"
    );
    let stored = Verifier::compute(short, USER, PASSWORD, &salt.to_bytes_be());
    assert_eq!(stored.salt, salt);
    assert_ends(
        &stored.verifier,
        "5bd92467617d2dc1",
        "8b18f064646a7f17",
        768,
    );

    let big_a = client_public(&a);
    assert_ends(&big_a, "c9075aee0f3659a5", "66359a9d81893fa5", 768);
    let big_b = server_public(&stored.verifier, &b);
    assert_ends(&big_b, "371c758bf80a7384", "fa60601d8bb61963", 768);
    let u = scrambler(&big_a, &big_b);
    assert_eq!(
        to_hex(&u),
        "e833392bf0dfd89716daee517572b1fc12123e382532808d98904df080248882"
    );

    // Both sides reach the same S without the password crossing the wire.
    let server_s = server_premaster(&big_a, &stored.verifier, &u, &b);
    let client_s = client_premaster(&big_b, &x, &a, &u);
    assert_eq!(server_s, client_s);
    assert_ends(&server_s, "e7a836678872b58d", "d5bedc8ae8e32095", 768);

    let key = session_key(&u, &server_s);
    assert_eq!(hex_of(&key), "6583836355442ef278b4e217387256b3");

    let block = STANDARD.decode(SECRET_BLOCK).unwrap();
    assert_eq!(block, b"cogflow-secret-block-0001");
    let message = claim_message(short, USER, &block, TIMESTAMP);
    let signature = claim_signature(&key, &message);
    assert_eq!(signature, "gSbGx0At6huNw7QLNAeDI136u2eHv25SlNBXCbEUvKA=");
    assert_eq!(signature.len(), 44);
    assert!(signature_matches(&key, &message, &signature));
}

#[test]
fn vector_2_the_salt_trap() {
    let (a, b) = secrets();
    let short = pool_short(POOL);
    // 15 bytes, top bit clear: sent as `12ab…`; both clients agree.
    let salt = int("12ab00112233445566778899aabbcc");
    let stored = Verifier::compute(short, USER, PASSWORD, &salt.to_bytes_be());
    let big_a = client_public(&a);
    let big_b = server_public(&stored.verifier, &b);
    let u = scrambler(&big_a, &big_b);
    let s = server_premaster(&big_a, &stored.verifier, &u, &b);
    let key = session_key(&u, &s);
    assert_eq!(hex_of(&key), "e3e66265acbffb3a297aa8705e50d1de");
    let block = STANDARD.decode(SECRET_BLOCK).unwrap();
    let signature = claim_signature(&key, &claim_message(short, USER, &block, TIMESTAMP));
    assert_eq!(signature, "zYjW5ukQwlBCMZ3sTb7x4cgeDD2qjD0fgFoF7Mk0924=");

    // The same salt as 16 bytes with a leading 00 is the same integer, so the same verifier:
    // the trap is only in how a client hashes the SALT *string*, which is why SALT goes out
    // without leading zeros.
    let mut sixteen = vec![0u8];
    sixteen.extend(salt.to_bytes_be());
    assert_eq!(Verifier::compute(short, USER, PASSWORD, &sixteen), stored);
    assert_eq!(to_hex(&stored.salt), "12ab00112233445566778899aabbcc");
}

#[test]
fn any_difference_changes_the_signature() {
    let (a, b) = secrets();
    let short = pool_short(POOL);
    let salt = int("c0ffee00112233445566778899aabbcc").to_bytes_be();
    let stored = Verifier::compute(short, USER, PASSWORD, &salt);
    let big_a = client_public(&a);
    let big_b = server_public(&stored.verifier, &b);
    let u = scrambler(&big_a, &big_b);
    let key = session_key(&u, &server_premaster(&big_a, &stored.verifier, &u, &b));
    let block = STANDARD.decode(SECRET_BLOCK).unwrap();
    let expected = claim_signature(&key, &claim_message(short, USER, &block, TIMESTAMP));

    // What a device signs when one thing is off: the password, the pool, the day's padding.
    let device = |password: &str, pool: &str, timestamp: &str| {
        let x = private_key(&stored.salt, &identity_hash(pool, USER, password));
        let s = client_premaster(&big_b, &x, &a, &u);
        claim_signature(
            &session_key(&u, &s),
            &claim_message(pool, USER, &block, timestamp),
        )
    };
    assert_eq!(device(PASSWORD, short, TIMESTAMP), expected);
    assert_ne!(device("Passw0rd?", short, TIMESTAMP), expected);
    assert_ne!(device(PASSWORD, "AbCdEf124", TIMESTAMP), expected);
    assert_ne!(
        device(PASSWORD, short, "Tue Dec 01 06:21:31 UTC 2026"),
        expected
    );
    let message = claim_message(short, USER, &block, TIMESTAMP);
    assert!(!signature_matches(&key, &message, "not base64!"));
    assert!(!signature_matches(&key, &message, ""));
    assert!(!signature_matches(&key, &message, &expected[..40]));
}

#[test]
fn shortened_values_keep_both_ends() {
    let hex = "c9075aee".to_owned() + &"0".repeat(752) + "81893fa5";
    assert_eq!(shorten(&hex), "c9075aee…81893fa5 (768 hex digits)");
    assert_eq!(shorten("e833392b"), "e833392b");
}

#[test]
fn kept_powers_are_the_computed_ones_and_cost_their_first_time() {
    // Numbers no other test uses, so the first computation here is really run.
    let salt = [0x3c; 16];
    let first = Verifier::compute("KeptPowers1", "kept-powers", "Kept-Powers-9", &salt);
    let (again, took_again) = crate::cognito::cost::measured(|| {
        Verifier::compute("KeptPowers1", "kept-powers", "Kept-Powers-9", &salt)
    });
    assert_eq!(again, first);
    let x = private_key(
        &BigUint::from_bytes_be(&salt),
        &identity_hash("KeptPowers1", "kept-powers", "Kept-Powers-9"),
    );
    assert_eq!(first.verifier, g().modpow(&x, n()), "the real g^x mod N");
    let key = {
        let mut hasher = Sha256::new();
        for part in [g().to_bytes_be(), x.to_bytes_be()] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(&part);
        }
        let key: [u8; 32] = hasher.finalize().into();
        key
    };
    let kept = POWERS.lock().unwrap().get(&key).map(|(_, took)| *took);
    assert!(
        kept.is_some_and(|took| took_again >= took),
        "a kept power counts its first computation's time: {kept:?} {took_again:?}"
    );
    // Both sides' S, kept or not, are still the same number.
    let (a, b) = (BigUint::from(0x1234_5678u32), BigUint::from(0x9abc_def0u32));
    let a_pub = client_public(&a);
    let b_pub = server_public(&first.verifier, &b);
    let u = scrambler(&a_pub, &b_pub);
    for _ in 0..2 {
        assert_eq!(
            server_premaster(&a_pub, &first.verifier, &u, &b),
            client_premaster(&b_pub, &x, &a, &u)
        );
    }
}
