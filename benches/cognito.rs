//! What the mock's real cryptography costs: argon2id at Cognito-like (OWASP) parameters,
//! RSA-2048 key generation, RS256 sign and verify, and one whole sign-in.
//!
//! `cargo bench --bench cognito`

use std::hint::black_box;
use std::time::Duration;

use cogflow::cognito::{
    Argon2Params, Expected, ExplicitAuthFlow, InitiateAuthRequest, PoolConfig, SeedUser,
    SigningKey, TokenUse, UserPool, hash_password, verify_password, verify_token,
};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rand::SeedableRng;
use rand::rngs::StdRng;

const PASSWORD: &str = "Correct-Horse-9";
const NOW: u64 = 1_768_467_600;

fn argon2(c: &mut Criterion) {
    let params = Argon2Params::default();
    let salt = [7u8; 16];
    let phc = hash_password(&params, &salt, PASSWORD).expect("default params are valid");
    let mut group = c.benchmark_group("argon2id m=19456 KiB, t=2, p=1");
    group.sample_size(20);
    group.bench_function("hash", |b| {
        b.iter(|| hash_password(&params, black_box(&salt), black_box(PASSWORD)));
    });
    group.bench_function("verify (right password)", |b| {
        b.iter(|| verify_password(black_box(&phc), black_box(PASSWORD)));
    });
    group.bench_function("verify (wrong password)", |b| {
        b.iter(|| verify_password(black_box(&phc), black_box("Wrong-Horse-9")));
    });
    group.finish();
}

fn rsa(c: &mut Criterion) {
    let mut group = c.benchmark_group("RSA-2048");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    // Key generation time varies several-fold from seed to seed: a new seed each iteration.
    let mut seed = 0u64;
    group.bench_function("key generation", |b| {
        b.iter_batched(
            || {
                seed += 1;
                StdRng::seed_from_u64(seed)
            },
            |mut rng| SigningKey::generate(&mut rng),
            BatchSize::PerIteration,
        );
    });
    group.finish();

    let key = SigningKey::generate(&mut StdRng::seed_from_u64(1)).expect("keygen");
    let claims = serde_json::json!({
        "sub": "8f0c2a9e-0d7b-4c39-9a57-3f6f1d2b9c10",
        "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz",
        "token_use": "access",
        "exp": NOW + 3600,
    });
    let token = key.sign(&claims).expect("sign");
    let (message, signature) = token.rsplit_once('.').expect("a JWT");
    let mut group = c.benchmark_group("RS256");
    group.bench_function("sign", |b| b.iter(|| key.sign(black_box(&claims))));
    group.bench_function("verify signature", |b| {
        b.iter(|| key.verify_signature(black_box(message), black_box(signature)));
    });
    group.finish();
}

fn sign_in(c: &mut Criterion) {
    let config = PoolConfig {
        explicit_auth_flows: vec![ExplicitAuthFlow::AllowUserPasswordAuth],
        ..PoolConfig::default()
    };
    let mut pool = UserPool::new(config, 1, NOW);
    pool.add_user(SeedUser::new("ana", PASSWORD))
        .expect("a valid user");
    let jwks = pool.jwks();
    let request = InitiateAuthRequest::user_password(pool.client_id(), "ana", PASSWORD);
    let expected = Expected {
        issuer: pool.issuer(),
        client_id: pool.client_id().to_owned(),
        token_use: TokenUse::Id,
    };
    let id_token = pool
        .initiate_auth(request.clone())
        .ok()
        .and_then(|r| r.authentication_result)
        .map(|t| t.id_token)
        .expect("tokens");
    let mut group = c.benchmark_group("pool");
    group.sample_size(20);
    group.bench_function(
        "InitiateAuth USER_PASSWORD_AUTH (argon2id verify + 2 RS256 signs)",
        |b| {
            b.iter(|| {
                let result = pool.initiate_auth(black_box(request.clone()));
                pool.take_crypto_log();
                result
            });
        },
    );
    group.bench_function("verify_token (all 8 checks)", |b| {
        b.iter(|| verify_token(black_box(&id_token), &jwks, &expected, NOW));
    });
    group.bench_function("UserPool::new (keys memoised, nothing hashed)", |b| {
        b.iter(|| UserPool::new(PoolConfig::default(), black_box(1), NOW));
    });
    group.finish();
}

criterion_group!(benches, argon2, rsa, sign_in);
criterion_main!(benches);
