//! The hosted UI's OAuth operations on the pool (authorize, the sign-in page, the token
//! endpoint, userInfo, revoke, logout): every parameter error of reference/hosted-ui.md gets
//! Cognito's answer, and a whole code + PKCE sign-in gives tokens that verify against the JWKS.

use cogflow::cognito::oauth::{
    self, AuthorizeRequest, LoginAnswer, LoginResult, LogoutRequest, LogoutTarget, TokenRequest,
};
use cogflow::cognito::{
    AppClient, Expected, OAuthFlow, OAuthSettings, PoolConfig, TokenUse, UserPool,
    decode_unverified, verify_token,
};
use serde_json::Value;

use super::{PASSWORD, config, pool, sign_in};

const CALLBACK: &str = "http://localhost:9876/callback";
/// RFC 7636 appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

fn settings() -> OAuthSettings {
    OAuthSettings {
        callback_urls: vec![CALLBACK.to_owned(), "myapp://callback".to_owned()],
        logout_urls: vec!["http://localhost:9876/signed-out".to_owned()],
        flows: vec![OAuthFlow::Code, OAuthFlow::Implicit],
        scopes: [
            "openid",
            "email",
            "profile",
            "aws.cognito.signin.user.admin",
        ]
        .map(str::to_owned)
        .to_vec(),
    }
}

/// `ana`'s pool with the first client enabled for the hosted UI, and a machine client
/// (`backend`, with a secret and custom scopes).
fn hosted() -> UserPool {
    let mut pool = pool(PoolConfig {
        oauth: settings(),
        ..config()
    });
    let mut backend: AppClient = config().app_client("backend", "backend0client0id".to_owned());
    backend.secret = Some(String::new());
    backend.oauth = OAuthSettings {
        flows: vec![OAuthFlow::ClientCredentials],
        scopes: vec!["orders/read".to_owned(), "orders/write".to_owned()],
        ..OAuthSettings::default()
    };
    pool.add_client(backend).unwrap();
    pool
}

fn authorize_request(pool: &UserPool) -> AuthorizeRequest {
    AuthorizeRequest {
        response_type: Some("code".to_owned()),
        client_id: Some(pool.client_id().to_owned()),
        redirect_uri: Some(CALLBACK.to_owned()),
        state: Some("st-1".to_owned()),
        scope: Some("openid email".to_owned()),
        code_challenge: Some(CHALLENGE.to_owned()),
        code_challenge_method: Some("S256".to_owned()),
        nonce: Some("n-0S6_WzA2Mj".to_owned()),
        identity_provider: None,
        lang: None,
    }
}

/// Signs `ana` in on the hosted page; the code and the redirect's `Location`.
fn code_for(pool: &mut UserPool, request: &AuthorizeRequest) -> (String, String) {
    let authorization = pool.oauth_authorize(request).result.unwrap();
    let answer = LoginAnswer::Password {
        username: "ana".to_owned(),
        password: PASSWORD.to_owned(),
    };
    match pool.hosted_login(&authorization, &answer).result.unwrap() {
        LoginResult::Redirect {
            location,
            code: Some(code),
        } => (code, location),
        other => panic!("no code: {other:?}"),
    }
}

fn exchange(client_id: &str, code: &str) -> TokenRequest {
    TokenRequest {
        grant_type: Some("authorization_code".to_owned()),
        code: Some(code.to_owned()),
        redirect_uri: Some(CALLBACK.to_owned()),
        client_id: Some(client_id.to_owned()),
        code_verifier: Some(VERIFIER.to_owned()),
        ..TokenRequest::default()
    }
}

/// The OAuth error code of a result, or "ok".
fn outcome<T>(result: &Result<T, cogflow::cognito::CognitoError>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.exception.name().to_owned(),
    }
}

#[test]
fn authorize_checks_each_parameter_in_cognitos_order() {
    // (what changes, error, where the browser goes: None = an error page, never a redirect)
    type Change = fn(&mut AuthorizeRequest);
    let cases: [(&str, Change, &str, Option<&str>); 14] = [
        ("nothing", |_| {}, "ok", Some("/login?response_type=code&")),
        (
            "unknown client",
            |r| r.client_id = Some("nope".into()),
            "invalid_client",
            None,
        ),
        ("no client", |r| r.client_id = None, "invalid_client", None),
        (
            "unregistered redirect",
            |r| r.redirect_uri = Some("https://evil.example/cb".into()),
            "redirect_mismatch",
            None,
        ),
        (
            "redirect differs by a slash",
            |r| r.redirect_uri = Some(format!("{CALLBACK}/")),
            "redirect_mismatch",
            None,
        ),
        (
            "no redirect",
            |r| r.redirect_uri = None,
            "redirect_mismatch",
            None,
        ),
        (
            "no response_type",
            |r| r.response_type = None,
            "invalid_request",
            Some("http://localhost:9876/callback?error=invalid_request&state=st-1"),
        ),
        (
            "response_type id_token",
            |r| r.response_type = Some("id_token".into()),
            "invalid_request",
            Some("?error=invalid_request&state=st-1"),
        ),
        (
            "challenge without method",
            |r| r.code_challenge_method = None,
            "invalid_request",
            Some("?error=invalid_request"),
        ),
        (
            "method without challenge",
            |r| r.code_challenge = None,
            "invalid_request",
            Some("?error=invalid_request"),
        ),
        (
            "plain PKCE",
            |r| r.code_challenge_method = Some("plain".into()),
            "invalid_request",
            Some("?error=invalid_request"),
        ),
        (
            "malformed scope",
            |r| r.scope = Some("openid emial".into()),
            "invalid_scope",
            Some("?error=invalid_scope&state=st-1"),
        ),
        (
            "only scopes not the client's",
            |r| r.scope = Some("phone orders/read".into()),
            "invalid_scope",
            Some("?error=invalid_scope"),
        ),
        (
            "unknown identity provider",
            |r| r.identity_provider = Some("Google".into()),
            "invalid_request",
            Some("?error=invalid_request"),
        ),
    ];
    let pool = hosted();
    for (what, change, want, location) in cases {
        let mut request = authorize_request(&pool);
        change(&mut request);
        let authorized = pool.oauth_authorize(&request);
        assert_eq!(outcome(&authorized.result), want, "{what}");
        match (location, &authorized.location) {
            (None, None) => {}
            (Some(part), Some(got)) => assert!(got.contains(part), "{what}: {got}"),
            (want, got) => panic!("{what}: location {got:?}, wanted {want:?}"),
        }
        // Every answer says what was checked, and a failure names its check.
        assert!(!authorized.checks.is_empty(), "{what}");
        assert_eq!(
            authorized.checks.iter().any(|c| !c.passed),
            want != "ok",
            "{what}: {:?}",
            authorized.checks
        );
    }
}

#[test]
fn a_client_without_oauth_and_a_flow_not_allowed_are_refused() {
    let mut pool = pool(config());
    let request = authorize_request(&pool);
    let authorized = pool.oauth_authorize(&request);
    assert_eq!(outcome(&authorized.result), "unauthorized_client");
    assert_eq!(
        authorized.location, None,
        "nothing registered to redirect to"
    );
    // A registered callback but only the implicit flow: the code flow is refused by redirect.
    let mut implicit = pool.app_client(pool.client_id()).unwrap().clone();
    implicit.client_id = "implicit0only".into();
    implicit.oauth = OAuthSettings {
        flows: vec![OAuthFlow::Implicit],
        ..settings()
    };
    pool.add_client(implicit).unwrap();
    let request = AuthorizeRequest {
        client_id: Some("implicit0only".into()),
        ..request
    };
    let authorized = pool.oauth_authorize(&request);
    assert_eq!(outcome(&authorized.result), "unauthorized_client");
    assert_eq!(
        authorized.location.as_deref(),
        Some("http://localhost:9876/callback?error=unauthorized_client&state=st-1")
    );
    // The machine client registered no callback: an error page, before its flows matter.
    let request = AuthorizeRequest {
        client_id: Some("backend0client0id".into()),
        ..request
    };
    assert_eq!(
        outcome(&hosted().oauth_authorize(&request).result),
        "redirect_mismatch"
    );
}

#[test]
fn scopes_asked_for_are_granted_as_far_as_the_client_allows() {
    let pool = hosted();
    let granted = |scope: Option<&str>| {
        let mut request = authorize_request(&pool);
        request.scope = scope.map(str::to_owned);
        pool.oauth_authorize(&request)
            .result
            .unwrap()
            .scopes
            .join(" ")
    };
    assert_eq!(granted(Some("openid email")), "openid email");
    assert_eq!(
        granted(Some("openid phone")),
        "openid",
        "phone is ignored, not an error"
    );
    assert_eq!(
        granted(None),
        "openid email profile aws.cognito.signin.user.admin",
        "none asked for: all of the client's"
    );
}

#[test]
fn code_and_pkce_give_tokens_with_scopes_nonce_and_at_hash_that_verify() {
    let mut pool = hosted();
    let (client, request) = (pool.client_id().to_owned(), authorize_request(&pool));
    let (code, location) = code_for(&mut pool, &request);
    assert_eq!(
        location,
        format!("{CALLBACK}?code={code}&state=st-1"),
        "code in the query"
    );
    let answer = pool.oauth_token(&exchange(&client, &code));
    let body = answer.result.unwrap();
    let text = |name: &str| body[name].as_str().unwrap().to_owned();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert!(body["refresh_token"].is_string());
    let pkce = answer.checks.iter().find(|c| c.name == "PKCE").unwrap();
    assert!(pkce.passed && pkce.detail.contains(CHALLENGE), "{pkce:?}");
    let (access, id) = (text("access_token"), text("id_token"));
    for (token, token_use) in [(&access, TokenUse::Access), (&id, TokenUse::Id)] {
        let expected = Expected {
            issuer: pool.issuer(),
            client_id: pool.client_id().to_owned(),
            token_use,
        };
        let report = verify_token(token, &pool.jwks(), &expected, pool.now());
        assert!(report.is_valid(), "{:?}", report.first_failure());
    }
    let (_, access_claims) = decode_unverified(&access).unwrap();
    let (_, id_claims) = decode_unverified(&id).unwrap();
    assert_eq!(access_claims["scope"], "openid email");
    assert_eq!(id_claims["nonce"], "n-0S6_WzA2Mj");
    assert_eq!(id_claims["at_hash"], Value::from(oauth::at_hash(&access)));
    assert_eq!(id_claims["email"], "ana@example.com");
}

#[test]
fn a_code_is_spent_by_its_first_try_lives_five_minutes_and_is_bound_to_its_request() {
    let mut pool = hosted();
    let client = pool.client_id().to_owned();
    let request = authorize_request(&pool);
    // (what, change to the exchange, seconds waited, error, check that says why)
    type Change = fn(&mut TokenRequest);
    let cases: [(&str, Change, u64, &str, &str); 7] = [
        (
            "wrong verifier",
            |t| t.code_verifier = Some("x".repeat(43)),
            0,
            "invalid_grant",
            "PKCE",
        ),
        (
            "no verifier",
            |t| t.code_verifier = None,
            0,
            "invalid_request",
            "PKCE",
        ),
        (
            "other redirect_uri",
            |t| t.redirect_uri = Some("myapp://callback".into()),
            0,
            "invalid_grant",
            "redirect_uri",
        ),
        (
            "unknown code",
            |t| t.code = Some("00000000-0000-4000-8000-000000000000".into()),
            0,
            "invalid_grant",
            "code",
        ),
        (
            "no code",
            |t| t.code = None,
            0,
            "invalid_request",
            "request parameters",
        ),
        ("after 5 minutes", |_| {}, 300, "invalid_grant", "code"),
        ("at 4 minutes 59", |_| {}, 299, "ok", ""),
    ];
    for (what, change, secs, want, check) in cases {
        let (code, _) = code_for(&mut pool, &request);
        let mut exchange = exchange(&client, &code);
        change(&mut exchange);
        pool.advance(secs);
        let answer = pool.oauth_token(&exchange);
        assert_eq!(outcome(&answer.result), want, "{what}");
        if want != "ok" {
            let failed = answer.checks.iter().find(|c| !c.passed).unwrap();
            assert_eq!(failed.name, check, "{what}: {failed:?}");
        }
        // Whatever the first try got, a code that was tried is gone.
        if exchange.code.as_deref() == Some(code.as_str()) {
            let again = pool.oauth_token(&self::exchange(&client, &code));
            assert_eq!(
                outcome(&again.result),
                "invalid_grant",
                "{what}: second use"
            );
        }
    }
}

#[test]
fn a_reused_code_revokes_what_its_first_use_got() {
    let mut pool = hosted();
    let (client, request) = (pool.client_id().to_owned(), authorize_request(&pool));
    let (code, _) = code_for(&mut pool, &request);
    let first = pool.oauth_token(&exchange(&client, &code)).result.unwrap();
    let access = first["access_token"].as_str().unwrap().to_owned();
    assert_eq!(outcome(&pool.user_info(Some(&access)).1), "ok");
    let again = pool.oauth_token(&exchange(&client, &code));
    assert_eq!(outcome(&again.result), "invalid_grant");
    assert_eq!(outcome(&pool.user_info(Some(&access)).1), "invalid_token");
    let refresh = TokenRequest {
        grant_type: Some("refresh_token".into()),
        refresh_token: first["refresh_token"].as_str().map(str::to_owned),
        client_id: Some(pool.client_id().to_owned()),
        ..TokenRequest::default()
    };
    assert_eq!(outcome(&pool.oauth_token(&refresh).result), "invalid_grant");
}

#[test]
fn refresh_keeps_the_scopes_and_returns_no_new_refresh_token() {
    let mut pool = hosted();
    let (client, request) = (pool.client_id().to_owned(), authorize_request(&pool));
    let (code, _) = code_for(&mut pool, &request);
    let first = pool.oauth_token(&exchange(&client, &code)).result.unwrap();
    pool.advance(3600);
    let refresh = TokenRequest {
        grant_type: Some("refresh_token".into()),
        refresh_token: first["refresh_token"].as_str().map(str::to_owned),
        client_id: Some(pool.client_id().to_owned()),
        ..TokenRequest::default()
    };
    let body = pool.oauth_token(&refresh).result.unwrap();
    assert!(body.get("refresh_token").is_none(), "{body}");
    let (_, claims) = decode_unverified(body["access_token"].as_str().unwrap()).unwrap();
    assert_eq!(claims["scope"], "openid email");
    assert!(body["id_token"].is_string(), "openid was granted");
    let missing = TokenRequest {
        refresh_token: None,
        ..refresh.clone()
    };
    assert_eq!(
        outcome(&pool.oauth_token(&missing).result),
        "invalid_request"
    );
}

#[test]
fn the_token_endpoint_authenticates_clients_and_knows_its_grants() {
    let mut pool = hosted();
    let secret = pool
        .app_client("backend0client0id")
        .and_then(|c| c.secret.clone())
        .unwrap();
    let cc = |basic: Option<(&str, &str)>, form_secret: Option<&str>, scope: Option<&str>| {
        TokenRequest {
            grant_type: Some("client_credentials".into()),
            client_id: basic.is_none().then(|| "backend0client0id".to_owned()),
            client_secret: form_secret.map(str::to_owned),
            scope: scope.map(str::to_owned),
            basic: basic.map(|(a, b)| (a.to_owned(), b.to_owned())),
            ..TokenRequest::default()
        }
    };
    let cases = [
        (
            "basic",
            cc(Some(("backend0client0id", &secret)), None, None),
            "ok",
        ),
        ("post", cc(None, Some(&secret), Some("orders/read")), "ok"),
        (
            "wrong secret",
            cc(None, Some("nope"), None),
            "invalid_client",
        ),
        ("no secret", cc(None, None, None), "invalid_client"),
        (
            "both methods",
            cc(Some(("backend0client0id", &secret)), Some(&secret), None),
            "invalid_request",
        ),
        (
            "standard scope",
            cc(None, Some(&secret), Some("openid")),
            "invalid_scope",
        ),
        (
            "unknown client",
            TokenRequest {
                client_id: Some("nope".into()),
                ..cc(None, None, None)
            },
            "invalid_client",
        ),
        (
            "public client",
            TokenRequest {
                client_id: Some(pool.client_id().to_owned()),
                ..cc(None, None, None)
            },
            "unauthorized_client",
        ),
        (
            "no grant",
            TokenRequest {
                grant_type: None,
                ..cc(None, Some(&secret), None)
            },
            "invalid_request",
        ),
        (
            "password grant",
            TokenRequest {
                grant_type: Some("password".into()),
                ..cc(None, Some(&secret), None)
            },
            "unsupported_grant_type",
        ),
    ];
    for (what, request, want) in cases {
        let answer = pool.oauth_token(&request);
        assert_eq!(outcome(&answer.result), want, "{what}: {:?}", answer.checks);
        if let Ok(body) = answer.result {
            assert!(body.get("id_token").is_none() && body.get("refresh_token").is_none());
            let (_, claims) = decode_unverified(body["access_token"].as_str().unwrap()).unwrap();
            assert_eq!(claims["sub"], "backend0client0id", "{what}");
            assert!(claims.get("username").is_none());
        }
    }
    let (_, claims) = decode_unverified(
        pool.oauth_token(&cc(None, Some(&secret), None))
            .result
            .unwrap()["access_token"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        claims["scope"], "orders/read orders/write",
        "none asked: all"
    );
}

#[test]
fn user_info_needs_openid_and_follows_the_scopes() {
    let mut pool = hosted();
    let client = pool.client_id().to_owned();
    let api = sign_in(&mut pool, "ana", PASSWORD).unwrap();
    let api_access = api.authentication_result.unwrap().access_token;
    let (checks, result) = pool.user_info(Some(&api_access));
    assert_eq!(outcome(&result), "invalid_token");
    assert!(checks.iter().any(|c| c.name == "openid scope" && !c.passed));
    assert_eq!(outcome(&pool.user_info(None).1), "invalid_request");
    assert_eq!(outcome(&pool.user_info(Some("junk")).1), "invalid_token");

    let mut request = authorize_request(&pool);
    request.scope = Some("openid email".into());
    let (code, _) = code_for(&mut pool, &request);
    let body = pool.oauth_token(&exchange(&client, &code)).result.unwrap();
    let access = body["access_token"].as_str().unwrap().to_owned();
    let info = pool.user_info(Some(&access)).1.unwrap();
    assert_eq!(info["email"], "ana@example.com");
    assert!(
        info["sub"].is_string() && info.get("name").is_none(),
        "{info}"
    );
    // Without aws.cognito.signin.user.admin the user APIs refuse the OAuth token.
    let get_user = pool.get_user(cogflow::cognito::AccessTokenRequest {
        access_token: access.clone(),
    });
    super::assert_exception(
        get_user,
        "NotAuthorizedException: Access Token does not have required scopes",
    );
    pool.advance(3600);
    assert_eq!(
        outcome(&pool.user_info(Some(&access)).1),
        "invalid_token",
        "expired"
    );
}

#[test]
fn the_implicit_flow_puts_tokens_in_the_fragment_and_never_a_refresh_token() {
    let mut pool = hosted();
    let mut request = authorize_request(&pool);
    request.response_type = Some("token".into());
    let authorization = pool.oauth_authorize(&request).result.unwrap();
    let answer = LoginAnswer::Password {
        username: "ana".into(),
        password: PASSWORD.into(),
    };
    let Ok(LoginResult::Redirect { location, code }) =
        pool.hosted_login(&authorization, &answer).result
    else {
        panic!("no redirect");
    };
    assert_eq!(code, None);
    let fragment = location.strip_prefix(&format!("{CALLBACK}#")).unwrap();
    assert!(fragment.contains("access_token=") && fragment.contains("id_token="));
    assert!(fragment.ends_with("&token_type=Bearer&expires_in=3600&state=st-1"));
    assert!(!fragment.contains("refresh_token"));
}

#[test]
fn the_sign_in_page_answers_as_the_api_does() {
    let mut pool = hosted();
    let authorization = pool
        .oauth_authorize(&authorize_request(&pool))
        .result
        .unwrap();
    let typed = |username: &str, password: &str| LoginAnswer::Password {
        username: username.into(),
        password: password.into(),
    };
    let wrong = pool.hosted_login(&authorization, &typed("ana", "Wrong-Horse-1"));
    super::assert_exception(
        wrong.result,
        "NotAuthorizedException: Incorrect username or password.",
    );
    // PreventUserExistenceErrors: an unknown user reads the same.
    let nobody = pool.hosted_login(&authorization, &typed("nobody", "Wrong-Horse-1"));
    super::assert_exception(
        nobody.result,
        "NotAuthorizedException: Incorrect username or password.",
    );
    for _ in 0..5 {
        let _ = pool.hosted_login(&authorization, &typed("ana", "Wrong-Horse-1"));
    }
    let locked = pool.hosted_login(&authorization, &typed("ana", PASSWORD));
    super::assert_exception(
        locked.result,
        "NotAuthorizedException: Password attempts exceeded",
    );
}

#[test]
fn a_temporary_password_gets_the_new_password_page_then_a_code() {
    let mut pool = super::pool_with_status(cogflow::cognito::UserStatus::ForceChangePassword);
    let mut client = pool.app_client(pool.client_id()).unwrap().clone();
    client.client_id = "hosted0client".into();
    client.oauth = settings();
    pool.add_client(client).unwrap();
    let mut request = authorize_request(&pool);
    request.client_id = Some("hosted0client".into());
    let authorization = pool.oauth_authorize(&request).result.unwrap();
    let first = pool.hosted_login(
        &authorization,
        &LoginAnswer::Password {
            username: "ana".into(),
            password: PASSWORD.into(),
        },
    );
    let Ok(LoginResult::Challenge { name, session }) = first.result else {
        panic!("{:?}", first.result);
    };
    assert_eq!(name.as_str(), "NEW_PASSWORD_REQUIRED");
    let done = pool.hosted_login(
        &authorization,
        &LoginAnswer::NewPassword {
            session,
            new_password: "Brand-New-Horse-2".into(),
        },
    );
    assert!(
        matches!(done.result, Ok(LoginResult::Redirect { code: Some(_), .. })),
        "{:?}",
        done.result
    );
}

#[test]
fn revoke_answers_200_even_for_junk_and_logout_needs_a_registered_url() {
    let mut pool = hosted();
    let (client, request) = (pool.client_id().to_owned(), authorize_request(&pool));
    let (code, _) = code_for(&mut pool, &request);
    let body = pool.oauth_token(&exchange(&client, &code)).result.unwrap();
    let revoke = |token: &str| TokenRequest {
        token: Some(token.to_owned()),
        client_id: Some(client.clone()),
        ..TokenRequest::default()
    };
    let refresh = body["refresh_token"].as_str().unwrap();
    assert_eq!(outcome(&pool.oauth_revoke(&revoke(refresh)).result), "ok");
    assert_eq!(outcome(&pool.oauth_revoke(&revoke("junk")).result), "ok");
    let jwt = body["access_token"].as_str().unwrap();
    assert_eq!(
        outcome(&pool.oauth_revoke(&revoke(jwt)).result),
        "unsupported_token_type"
    );
    let logout = |logout_uri: &str| LogoutRequest {
        client_id: Some(pool.client_id().to_owned()),
        logout_uri: Some(logout_uri.to_owned()),
        ..LogoutRequest::default()
    };
    assert_eq!(
        pool.oauth_logout(&logout("http://localhost:9876/signed-out"))
            .1,
        Ok(LogoutTarget::SignedOut(
            "http://localhost:9876/signed-out".into()
        ))
    );
    assert_eq!(
        outcome(&pool.oauth_logout(&logout("https://evil.example/")).1),
        "redirect_mismatch"
    );
    let again = LogoutRequest {
        client_id: Some(pool.client_id().to_owned()),
        response_type: Some("code".into()),
        redirect_uri: Some(CALLBACK.into()),
        ..LogoutRequest::default()
    };
    let Ok(LogoutTarget::SignInAgain(url)) = pool.oauth_logout(&again).1 else {
        panic!("no sign-in page");
    };
    assert!(
        url.starts_with("/login?response_type=code&client_id="),
        "{url}"
    );
}

#[test]
fn the_sign_in_cookie_gives_a_code_without_the_form_for_an_hour_until_forgotten() {
    let mut pool = hosted();
    let request = authorize_request(&pool);
    let authorization = pool.oauth_authorize(&request).result.unwrap();
    let answer = LoginAnswer::Password {
        username: "ana".into(),
        password: PASSWORD.into(),
    };
    let cookie = pool.hosted_login(&authorization, &answer).cookie.unwrap();
    let wrong = LoginAnswer::Password {
        username: "ana".into(),
        password: "Wrong-Horse-1".into(),
    };
    assert_eq!(pool.hosted_login(&authorization, &wrong).cookie, None);
    let again = pool.sign_in_again(&authorization, &cookie).unwrap();
    assert!(matches!(
        again.result,
        Ok(LoginResult::Redirect { code: Some(_), .. })
    ));
    assert_eq!(again.checks[0].name, "sign-in cookie");
    assert!(pool.sign_in_again(&authorization, "not-a-cookie").is_none());
    pool.advance(oauth::SIGN_IN_COOKIE_SECS);
    assert!(
        pool.sign_in_again(&authorization, &cookie).is_none(),
        "an hour later"
    );
    let fresh = pool.hosted_login(&authorization, &answer).cookie.unwrap();
    assert!(pool.forget_sign_in(&fresh));
    assert!(
        pool.sign_in_again(&authorization, &fresh).is_none(),
        "after /logout"
    );
}

#[test]
fn an_authenticator_user_gets_the_code_page_then_a_code_and_a_wrong_code_stays_there() {
    let mut pool = UserPool::new(
        PoolConfig {
            oauth: settings(),
            ..config()
        },
        super::SEED,
        super::NOW,
    );
    pool.add_user(cogflow::cognito::SeedUser::new("ana", PASSWORD).totp(true))
        .unwrap();
    let authorization = pool
        .oauth_authorize(&authorize_request(&pool))
        .result
        .unwrap();
    let first = pool.hosted_login(
        &authorization,
        &LoginAnswer::Password {
            username: "ana".into(),
            password: PASSWORD.into(),
        },
    );
    assert_eq!(first.cookie, None, "not signed in yet");
    let Ok(LoginResult::Challenge { name, session }) = first.result else {
        panic!("{:?}", first.result);
    };
    assert_eq!(name.as_str(), "SOFTWARE_TOKEN_MFA");
    let wrong = pool.hosted_login(
        &authorization,
        &LoginAnswer::Totp {
            session: session.clone(),
            code: "000000".into(),
        },
    );
    super::assert_exception(
        wrong.result,
        "CodeMismatchException: Invalid code or auth state for the user.",
    );
    let code = pool.totp_now("ana").unwrap();
    let done = pool.hosted_login(&authorization, &LoginAnswer::Totp { session, code });
    assert!(
        matches!(done.result, Ok(LoginResult::Redirect { code: Some(_), .. })),
        "{:?}",
        done.result
    );
    assert!(done.cookie.is_some(), "signed in: remembered");
}
