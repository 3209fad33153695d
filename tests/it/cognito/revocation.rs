//! GlobalSignOut and RevokeToken: Cognito's own calls refuse revoked tokens while offline
//! verification still accepts them until `exp` (facts §7; issue item 6).

use cogflow::cognito::{
    AccessTokenRequest, AuthenticationResult, Expected, InitiateAuthRequest, RevokeTokenRequest,
    TokenUse, UserPool, verify_token,
};

use super::{NOW, PASSWORD, assert_exception, config, pool, sign_in};

fn tokens(pool: &mut UserPool) -> AuthenticationResult {
    sign_in(pool, "ana", PASSWORD)
        .unwrap()
        .authentication_result
        .unwrap()
}

fn offline_valid(pool: &UserPool, token: &str, token_use: TokenUse) -> bool {
    let expected = Expected {
        issuer: pool.issuer(),
        client_id: pool.client_id().to_owned(),
        token_use,
    };
    verify_token(token, &pool.jwks(), &expected, pool.now()).is_valid()
}

fn refresh(
    pool: &mut UserPool,
    t: &AuthenticationResult,
) -> Result<cogflow::cognito::InitiateAuthResponse, cogflow::cognito::CognitoError> {
    let request =
        InitiateAuthRequest::refresh(pool.client_id(), t.refresh_token.as_deref().unwrap());
    pool.initiate_auth(request)
}

#[test]
fn global_sign_out_revokes_for_cognito_but_not_for_offline_verification() {
    let mut pool = pool(config());
    let laptop = tokens(&mut pool);
    let phone = tokens(&mut pool);
    pool.global_sign_out(AccessTokenRequest {
        access_token: laptop.access_token.clone(),
    })
    .unwrap();

    // Cognito's side: every sign-in of the user is revoked.
    for t in [&laptop, &phone] {
        assert_exception(
            pool.get_user(AccessTokenRequest {
                access_token: t.access_token.clone(),
            }),
            "NotAuthorizedException: Access Token has been revoked",
        );
        assert_exception(
            refresh(&mut pool, t),
            "NotAuthorizedException: Refresh Token has been revoked",
        );
    }
    assert_exception(
        pool.global_sign_out(AccessTokenRequest {
            access_token: laptop.access_token.clone(),
        }),
        "NotAuthorizedException: Access Token has been revoked",
    );

    // The app's side: the JWTs still verify, until they expire.
    assert!(offline_valid(&pool, &laptop.access_token, TokenUse::Access));
    assert!(offline_valid(&pool, &laptop.id_token, TokenUse::Id));
    pool.advance(3599);
    assert!(offline_valid(&pool, &laptop.id_token, TokenUse::Id));
    pool.advance(1);
    assert!(!offline_valid(&pool, &laptop.id_token, TokenUse::Id));

    // A new sign-in works normally.
    let fresh = tokens(&mut pool);
    assert!(
        pool.get_user(AccessTokenRequest {
            access_token: fresh.access_token
        })
        .is_ok()
    );
}

#[test]
fn revoke_token_revokes_one_sign_in_only() {
    let mut pool = pool(config());
    let laptop = tokens(&mut pool);
    let phone = tokens(&mut pool);
    // A token refreshed before the revocation belongs to the same sign-in.
    let refreshed = refresh(&mut pool, &laptop)
        .unwrap()
        .authentication_result
        .unwrap();
    let request = RevokeTokenRequest {
        token: laptop.refresh_token.clone().unwrap(),
        client_id: pool.client_id().to_owned(),
    };
    pool.revoke_token(request.clone()).unwrap();
    // Revoking again (or an unknown token) is answered with success, as RFC 7009 has it.
    pool.revoke_token(request).unwrap();

    assert_exception(
        refresh(&mut pool, &laptop),
        "NotAuthorizedException: Refresh Token has been revoked",
    );
    for access_token in [&laptop.access_token, &refreshed.access_token] {
        assert_exception(
            pool.get_user(AccessTokenRequest {
                access_token: access_token.clone(),
            }),
            "NotAuthorizedException: Access Token has been revoked",
        );
        assert!(offline_valid(&pool, access_token, TokenUse::Access));
    }
    // The other sign-in is untouched.
    assert!(
        pool.get_user(AccessTokenRequest {
            access_token: phone.access_token.clone()
        })
        .is_ok()
    );
    assert!(refresh(&mut pool, &phone).is_ok());
}

#[test]
fn revoke_token_errors() {
    let mut pool = pool(config());
    let t = tokens(&mut pool);
    assert_exception(
        pool.revoke_token(RevokeTokenRequest {
            token: t.access_token.clone(),
            client_id: pool.client_id().to_owned(),
        }),
        "UnsupportedTokenTypeException: Only refresh tokens can be revoked",
    );
    assert_exception(
        pool.revoke_token(RevokeTokenRequest {
            token: t.refresh_token.clone().unwrap(),
            client_id: "otherclient".into(),
        }),
        "ResourceNotFoundException: User pool client otherclient does not exist.",
    );
    assert_eq!(pool.now(), NOW);
}
