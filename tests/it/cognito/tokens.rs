//! Tokens: verified with jsonwebtoken using only the JWKS, claims per facts §3, the offline
//! verifier's every rejection, refresh, determinism.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cogflow::cognito::{
    AuthenticationResult, Expected, InitiateAuthRequest, TokenUse, UserPool, decode_unverified,
    verify_token,
};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Value, json};

use super::{NOW, PASSWORD, SEED, assert_exception, config, pool, sign_in};

fn tokens(pool: &mut UserPool) -> AuthenticationResult {
    sign_in(pool, "ana", PASSWORD)
        .unwrap()
        .authentication_result
        .unwrap()
}

fn expected(pool: &UserPool, token_use: TokenUse) -> Expected {
    Expected {
        issuer: pool.issuer(),
        client_id: pool.client_id().to_owned(),
        token_use,
    }
}

/// What an app does with jsonwebtoken and the JWKS alone (exp is checked against the lesson
/// clock by the caller, because jsonwebtoken would use the system clock).
fn app_decode(token: &str, jwks: &Value, issuer: &str, audience: Option<&str>) -> Value {
    let set: JwkSet = serde_json::from_value(jwks.clone()).unwrap();
    let header = jsonwebtoken::decode_header(token).unwrap();
    let jwk = set.find(header.kid.as_deref().unwrap()).unwrap();
    let key = DecodingKey::from_jwk(jwk).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.leeway = 0;
    validation.set_issuer(&[issuer]);
    match audience {
        Some(aud) => {
            validation.set_audience(&[aud]);
            validation.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
        }
        None => {
            validation.validate_aud = false;
            validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        }
    }
    jsonwebtoken::decode::<Value>(token, &key, &validation)
        .unwrap()
        .claims
}

fn keys_of(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[test]
fn jsonwebtoken_verifies_both_tokens_with_only_the_jwks() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    let jwks = pool.jwks();
    let issuer = pool.issuer();

    let id = app_decode(&t.id_token, &jwks, &issuer, Some(pool.client_id()));
    let access = app_decode(&t.access_token, &jwks, &issuer, None);

    assert_eq!(
        keys_of(&id),
        [
            "aud",
            "auth_time",
            "cognito:username",
            "email",
            "email_verified",
            "event_id",
            "exp",
            "iat",
            "iss",
            "jti",
            "name",
            "origin_jti",
            "sub",
            "token_use"
        ]
    );
    assert_eq!(
        keys_of(&access),
        [
            "auth_time",
            "client_id",
            "event_id",
            "exp",
            "iat",
            "iss",
            "jti",
            "origin_jti",
            "scope",
            "sub",
            "token_use",
            "username"
        ]
    );
    let sub = pool.user("ana").unwrap().sub;
    assert_eq!(id["sub"], sub);
    assert_eq!(access["sub"], sub);
    assert_ne!(sub, "ana");
    assert_eq!(id["iss"], issuer);
    assert!(issuer.starts_with("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_"));
    assert_eq!(id["aud"], pool.client_id());
    assert_eq!(access["client_id"], pool.client_id());
    assert_eq!(id["token_use"], "id");
    assert_eq!(access["token_use"], "access");
    assert_eq!(id["cognito:username"], "ana");
    assert_eq!(access["username"], "ana");
    assert_eq!(access["scope"], "aws.cognito.signin.user.admin");
    assert_eq!(id["email"], "ana@example.com");
    assert_eq!(id["email_verified"], true, "a JSON boolean in the ID token");
    for claims in [&id, &access] {
        assert_eq!(claims["auth_time"], NOW);
        assert_eq!(claims["iat"], NOW);
        assert_eq!(claims["exp"], NOW + 3600);
    }
    assert_eq!(id["origin_jti"], access["origin_jti"]);
    assert_eq!(id["event_id"], access["event_id"]);
    assert_ne!(id["jti"], access["jti"]);
}

#[test]
fn id_and_access_tokens_are_signed_by_two_keys() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    let jwks = pool.jwks();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    for key in keys {
        assert_eq!(keys_of(key), ["alg", "e", "kid", "kty", "n", "use"]);
        assert_eq!(key["alg"], "RS256");
        assert_eq!(key["kty"], "RSA");
        assert_eq!(key["use"], "sig");
        assert_eq!(key["e"], "AQAB");
        // 2048-bit modulus: 256 bytes, 342 base64url characters.
        assert_eq!(
            URL_SAFE_NO_PAD
                .decode(key["n"].as_str().unwrap())
                .unwrap()
                .len(),
            256
        );
    }
    let (id_header, _) = decode_unverified(&t.id_token).unwrap();
    let (access_header, _) = decode_unverified(&t.access_token).unwrap();
    assert_eq!(
        keys_of(&id_header),
        ["alg", "kid"],
        "Cognito's header has no typ"
    );
    assert_eq!(id_header["kid"], keys[0]["kid"]);
    assert_eq!(access_header["kid"], keys[1]["kid"]);
    assert_ne!(id_header["kid"], access_header["kid"]);

    // The ID key does not verify the access token.
    let id_only = json!({ "keys": [keys[0].clone()] });
    let report = verify_token(
        &t.access_token,
        &id_only,
        &expected(&pool, TokenUse::Access),
        NOW,
    );
    assert!(!report.check("kid").unwrap().passed);
}

#[test]
fn the_verifier_accepts_good_tokens_and_lists_every_check() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    let jwks = pool.jwks();
    let id = verify_token(&t.id_token, &jwks, &expected(&pool, TokenUse::Id), NOW);
    assert!(id.is_valid(), "{id:#?}");
    let names: Vec<&str> = id.checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "format",
            "alg",
            "kid",
            "signature",
            "exp",
            "iss",
            "aud",
            "token_use"
        ]
    );
    assert_eq!(id.claims.as_ref().unwrap()["cognito:username"], "ana");
    let access = verify_token(
        &t.access_token,
        &jwks,
        &expected(&pool, TokenUse::Access),
        NOW,
    );
    assert!(access.is_valid(), "{access:#?}");
    assert_eq!(access.checks[6].name, "client_id");
}

/// Re-signs `claims` under `header` with HMAC-SHA256 keyed by `secret`.
fn hs256(header: &Value, claims: &Value, secret: &[u8]) -> String {
    let mut h = Header::new(Algorithm::HS256);
    h.kid = header["kid"].as_str().map(str::to_owned);
    jsonwebtoken::encode(&h, claims, &EncodingKey::from_secret(secret)).unwrap()
}

#[test]
fn the_verifier_rejects_every_forgery_with_its_reason() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    let jwks = pool.jwks();
    let want = expected(&pool, TokenUse::Id);
    let (header, claims) = decode_unverified(&t.id_token).unwrap();
    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());

    // alg: none, no signature.
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "kid": header["kid"]})),
        b64(&claims)
    );
    let report = verify_token(&none, &jwks, &want, NOW);
    let alg = report.check("alg").unwrap();
    assert!(!alg.passed && alg.detail.contains("none"), "{alg:?}");
    assert!(!report.check("signature").unwrap().ran());
    assert!(report.claims.is_none());

    // HS256 "signed" with the public key: the classic key-confusion forgery.
    let public_n = jwks["keys"][0]["n"].as_str().unwrap().as_bytes().to_vec();
    let forged = hs256(&header, &claims, &public_n);
    let report = verify_token(&forged, &jwks, &want, NOW);
    let alg = report.check("alg").unwrap();
    assert!(!alg.passed && alg.detail.contains("HS256"), "{alg:?}");

    // Unknown kid.
    let mut strange = header.clone();
    strange["kid"] = json!("not-a-pool-key");
    let parts: Vec<&str> = t.id_token.split('.').collect();
    let unknown_kid = format!("{}.{}.{}", b64(&strange), parts[1], parts[2]);
    let report = verify_token(&unknown_kid, &jwks, &want, NOW);
    let kid = report.check("kid").unwrap();
    assert!(
        !kid.passed && kid.detail.contains("not-a-pool-key"),
        "{kid:?}"
    );

    // Tampered payload: the signature no longer matches.
    let mut greedy = claims.clone();
    greedy["cognito:username"] = json!("admin");
    let tampered = format!("{}.{}.{}", parts[0], b64(&greedy), parts[2]);
    let report = verify_token(&tampered, &jwks, &want, NOW);
    assert!(report.check("kid").unwrap().passed);
    assert!(!report.check("signature").unwrap().passed);
    assert!(
        report
            .check("exp")
            .unwrap()
            .detail
            .starts_with("not checked:")
    );
}

#[test]
fn the_verifier_uses_the_lesson_clock_for_exp() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    let jwks = pool.jwks();
    let want = expected(&pool, TokenUse::Id);
    assert!(verify_token(&t.id_token, &jwks, &want, NOW + 3599).is_valid());
    let report = verify_token(&t.id_token, &jwks, &want, NOW + 3600);
    assert!(!report.is_valid());
    let exp = report.first_failure().unwrap();
    assert_eq!(exp.name, "exp");
    assert!(exp.detail.contains("expired"), "{}", exp.detail);
    // The signature was fine, so the claims are there to show.
    assert!(report.claims.is_some());
}

#[test]
fn the_verifier_rejects_wrong_issuer_audience_and_use() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    let jwks = pool.jwks();

    let mut wrong_iss = expected(&pool, TokenUse::Id);
    wrong_iss.issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0000".into();
    let report = verify_token(&t.id_token, &jwks, &wrong_iss, NOW);
    assert_eq!(report.first_failure().unwrap().name, "iss");

    let mut wrong_aud = expected(&pool, TokenUse::Id);
    wrong_aud.client_id = "someotherclientid000000000".into();
    let report = verify_token(&t.id_token, &jwks, &wrong_aud, NOW);
    assert_eq!(report.first_failure().unwrap().name, "aud");

    // An ID token where an access token is expected: no client_id claim, wrong token_use.
    let report = verify_token(&t.id_token, &jwks, &expected(&pool, TokenUse::Access), NOW);
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(failed, ["client_id", "token_use"]);

    // An access token where an ID token is expected: no aud (jsonwebtoken would skip it!).
    let report = verify_token(&t.access_token, &jwks, &expected(&pool, TokenUse::Id), NOW);
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(failed, ["aud", "token_use"]);
}

#[test]
fn refresh_keeps_auth_time_and_origin_jti_and_returns_no_refresh_token() {
    let mut pool = pool(config());
    let first = tokens(&mut pool);
    pool.advance(1800);
    let request =
        InitiateAuthRequest::refresh(pool.client_id(), first.refresh_token.as_deref().unwrap());
    let refreshed = pool
        .initiate_auth(request)
        .unwrap()
        .authentication_result
        .unwrap();
    assert!(refreshed.refresh_token.is_none());
    let (_, old) = decode_unverified(&first.id_token).unwrap();
    let (_, new) = decode_unverified(&refreshed.id_token).unwrap();
    assert_eq!(new["auth_time"], old["auth_time"]);
    assert_eq!(new["origin_jti"], old["origin_jti"]);
    assert_ne!(new["jti"], old["jti"]);
    assert_eq!(new["iat"], NOW + 1800);
    assert_eq!(new["exp"], NOW + 1800 + 3600);
    let jwks = pool.jwks();
    assert!(
        verify_token(
            &refreshed.id_token,
            &jwks,
            &expected(&pool, TokenUse::Id),
            pool.now()
        )
        .is_valid()
    );
}

#[test]
fn refresh_errors() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    let garbage = InitiateAuthRequest::refresh(pool.client_id(), "not-a-token");
    assert_exception(
        pool.initiate_auth(garbage),
        "NotAuthorizedException: Invalid Refresh Token.",
    );
    pool.advance(30 * 86_400);
    let expired =
        InitiateAuthRequest::refresh(pool.client_id(), t.refresh_token.as_deref().unwrap());
    assert_exception(
        pool.initiate_auth(expired),
        "NotAuthorizedException: Refresh Token has expired",
    );
}

#[test]
fn same_seed_same_bytes() {
    let run = |seed: u64| {
        let mut pool = UserPool::new(config(), seed, NOW);
        pool.add_user(cogflow::cognito::SeedUser::new("ana", PASSWORD))
            .unwrap();
        let t = tokens(&mut pool);
        (
            pool.user("ana").unwrap().password_hash,
            t,
            pool.jwks(),
            pool.pool_id().to_owned(),
        )
    };
    let a = run(SEED);
    let b = run(SEED);
    assert_eq!(a, b);
    let c = run(SEED + 1);
    assert_ne!(a.0, c.0);
    assert_ne!(a.1.id_token, c.1.id_token);
    assert_ne!(a.3, c.3);
}

/// The frames' remembered signature check (the same token and key verified once per process)
/// answers exactly as a full verification, for a good token and one whose signature was
/// altered, asked twice each.
#[test]
fn a_remembered_signature_check_answers_as_a_full_one() {
    use cogflow::cognito::{Clock, verify_token_by, verify_token_remembered};
    let mut p = pool(config());
    let token = tokens(&mut p).id_token;
    let mut altered = token.clone().into_bytes();
    let at = altered.len() - 10;
    altered[at] = if altered[at] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    let id = expected(&p, TokenUse::Id);
    for (token, jwks, valid) in [(&token, p.jwks(), true), (&altered, p.jwks(), false)] {
        let full = verify_token_by(token, &jwks, &id, NOW, Clock::Lesson);
        assert_eq!(full.is_valid(), valid);
        for _ in 0..2 {
            let remembered = verify_token_remembered(token, &jwks, &id, NOW, Clock::Lesson);
            assert_eq!(remembered.checks, full.checks);
        }
    }
}
