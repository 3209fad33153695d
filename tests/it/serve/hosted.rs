//! The hosted UI on the wire: `cogflow serve hosted-ui-pkce` spoken to over TCP as a browser
//! and an app would (no redirect followed for us): authorize, the sign-in page with its CSRF
//! cookie, the form, the redirect with the code, the token exchange with PKCE, userInfo, and
//! the errors that must be a page rather than a redirect. The plain log shows every step.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::Duration;

use cogflow::cognito::oauth::{encode_component, s256};

use super::{Answer, Served, http};

const CALLBACK: &str = "http://localhost:9876/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn query(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn get(served: &Served, path: &str, headers: &[(&str, &str)]) -> Answer {
    http(served.addr(), "GET", path, headers, b"")
}

fn post_form(served: &Served, path: &str, headers: &[(&str, &str)], form: &str) -> Answer {
    let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    http(served.addr(), "POST", path, &all, form.as_bytes())
}

/// The authorize query of the lesson's app, with `change` applied.
fn authorize_query(served: &Served, change: &[(&str, &str)]) -> String {
    let mut pairs: BTreeMap<&str, String> = [
        ("response_type", "code".to_owned()),
        ("client_id", served.get("client_id").to_owned()),
        ("redirect_uri", CALLBACK.to_owned()),
        ("scope", "openid email profile".to_owned()),
        ("state", "st-42".to_owned()),
        ("nonce", "n-42".to_owned()),
        ("code_challenge", s256(VERIFIER)),
        ("code_challenge_method", "S256".to_owned()),
    ]
    .into_iter()
    .collect();
    for (k, v) in change {
        pairs.insert(k, (*v).to_owned());
    }
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    query(&pairs)
}

/// `value="…"` of the hidden field `name` in a page.
fn hidden_field(page: &str, name: &str) -> Option<String> {
    let at = page.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &page[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].replace("&amp;", "&"))
}

/// The `XSRF-TOKEN=…` pair of a `Set-Cookie`.
fn cookie(answer: &Answer) -> String {
    let set = &answer.headers["set-cookie"];
    set.split(';').next().unwrap().to_owned()
}

/// Opens the sign-in page through authorize and posts `username` / `password` on it.
fn sign_in_through_the_page(served: &Served, password: &str) -> Answer {
    let authorize = get(
        served,
        &format!("/oauth2/authorize?{}", authorize_query(served, &[])),
        &[],
    );
    assert_eq!(authorize.status, 302, "{authorize:?}");
    let login_url = &authorize.headers["location"];
    let path = login_url.trim_start_matches(served.endpoint());
    assert!(path.starts_with("/login?"), "{login_url}");
    let page = get(served, path, &[]);
    assert_eq!(page.status, 200);
    assert!(page.headers["content-type"].starts_with("text/html"));
    let csrf = hidden_field(&page.body, "_csrf").expect("a CSRF field");
    let jar = cookie(&page);
    assert_eq!(jar, format!("XSRF-TOKEN={csrf}"));
    let form = format!(
        "{}&username=alice&password={}&_csrf={}",
        path.trim_start_matches("/login?"),
        encode_component(password),
        encode_component(&csrf)
    );
    post_form(served, "/login", &[("Cookie", &jar)], &form)
}

#[test]
fn a_browser_signs_in_and_the_app_redeems_the_code_with_pkce() {
    let mut served = Served::start(&["hosted-ui-pkce"]);
    let back = sign_in_through_the_page(&served, "Corr3ct-Horse!");
    assert_eq!(back.status, 302, "{back:?}");
    let location = &back.headers["location"];
    let rest = location
        .strip_prefix(&format!("{CALLBACK}?code="))
        .unwrap_or_else(|| panic!("{location}"));
    let (code, state) = rest.split_once("&state=").unwrap();
    assert_eq!(state, "st-42");
    let exchange = query(&[
        ("grant_type", "authorization_code"),
        ("client_id", served.get("client_id")),
        ("code", code),
        ("redirect_uri", CALLBACK),
        ("code_verifier", VERIFIER),
    ]);
    let tokens = post_form(&served, "/oauth2/token", &[], &exchange);
    assert_eq!(tokens.status, 200, "{tokens:?}");
    assert_eq!(tokens.headers["cache-control"], "no-store");
    assert_eq!(tokens.headers["access-control-allow-origin"], "*");
    let body = tokens.json();
    let access = body["access_token"].as_str().unwrap();
    let again = post_form(&served, "/oauth2/token", &[], &exchange);
    assert_eq!(again.status, 400);
    assert_eq!(again.json()["error"], "invalid_grant");
    let info = get(
        &served,
        "/oauth2/userInfo",
        &[("Authorization", &format!("Bearer {access}"))],
    );
    // The reuse above revoked the first tokens (RFC 6749 §4.1.2): userInfo says so.
    assert_eq!(info.status, 401, "{info:?}");
    assert!(info.headers["www-authenticate"].contains("error=\"invalid_token\""));

    let log = served.log_until(|log| {
        log.iter()
            .any(|l| l.contains("GET /oauth2/userInfo") && l.contains("response returned"))
    });
    let text = log.join("\n");
    // The closing note of issue 15 quotes this exchange as the plain log prints it.
    eprintln!("{text}");
    for line in [
        "GET /oauth2/authorize request received",
        "GET /oauth2/authorize response returned: 302",
        "GET /login response returned: 200",
        "POST /login request received",
        "POST /login credentials checked",
        "POST /login response returned: 302",
        "POST /oauth2/token credentials checked",
        "POST /oauth2/token response returned: 200",
        "POST /oauth2/token response returned: 400 invalid_grant",
        "GET /oauth2/userInfo response returned: 401 invalid_token",
    ] {
        assert!(text.contains(line), "no `{line}` in\n{text}");
    }
    assert!(
        log.iter()
            .any(|l| l.contains("POST /oauth2/token credentials checked") && l.contains("PKCE")),
        "{text}"
    );
    assert!(
        !text.contains("Corr3ct-Horse!"),
        "the password is never logged"
    );
}

#[test]
fn user_info_answers_the_attributes_the_scopes_reach() {
    let served = Served::start(&["hosted-ui-pkce"]);
    let back = sign_in_through_the_page(&served, "Corr3ct-Horse!");
    let location = &back.headers["location"];
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let exchange = query(&[
        ("grant_type", "authorization_code"),
        ("client_id", served.get("client_id")),
        ("code", code),
        ("redirect_uri", CALLBACK),
        ("code_verifier", VERIFIER),
    ]);
    let body = post_form(&served, "/oauth2/token", &[], &exchange).json();
    let access = body["access_token"].as_str().unwrap();
    for method in ["GET", "POST"] {
        let info = http(
            served.addr(),
            method,
            "/oauth2/userInfo",
            &[("Authorization", &format!("Bearer {access}"))],
            b"",
        );
        assert_eq!(info.status, 200, "{method}: {info:?}");
        let json = info.json();
        assert_eq!(json["email"], "alice@example.com");
        assert_eq!(json["name"], "Alice Example");
        assert_eq!(json["username"], "alice");
    }
}

#[test]
fn an_untrusted_client_or_redirect_uri_is_an_error_page_never_a_redirect() {
    let served = Served::start(&["hosted-ui-pkce"]);
    for change in [
        ("redirect_uri", "https://evil.example/callback"),
        ("client_id", "no-such-client"),
    ] {
        let path = format!("/oauth2/authorize?{}", authorize_query(&served, &[change]));
        let page = get(&served, &path, &[]);
        assert_eq!(page.status, 400, "{change:?}");
        assert!(!page.headers.contains_key("location"), "{change:?}");
        assert!(page.body.contains("role=\"alert\""), "{}", page.body);
        assert!(!page.body.contains("<script"));
        assert_eq!(
            page.headers["content-security-policy"],
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
        );
    }
    // Once both are trusted, an error goes back to the app, with the state.
    let path = format!(
        "/oauth2/authorize?{}",
        authorize_query(&served, &[("code_challenge_method", "plain")])
    );
    let back = get(&served, &path, &[]);
    assert_eq!(back.status, 302);
    assert_eq!(
        back.headers["location"],
        format!("{CALLBACK}?error=invalid_request&state=st-42")
    );
}

#[test]
fn the_sign_in_form_needs_its_csrf_cookie_and_shows_errors_on_the_page() {
    let served = Served::start(&["hosted-ui-pkce"]);
    let wrong = sign_in_through_the_page(&served, "Wrong-Horse-1");
    assert_eq!(wrong.status, 200);
    assert!(
        wrong
            .body
            .contains("role=\"alert\">Error: Incorrect username or password.</p>"),
        "{}",
        wrong.body
    );
    assert!(
        wrong.body.contains("value=\"alice\""),
        "the username is kept"
    );
    // The form posted without the cookie its page set: refused, a fresh form instead.
    let form = format!(
        "{}&username=alice&password=x&_csrf=forged",
        authorize_query(&served, &[])
    );
    let forged = post_form(&served, "/login", &[], &form);
    assert_eq!(forged.status, 403);
    assert!(forged.body.contains("The sign-in form expired"));
}

#[test]
fn the_token_endpoint_answers_with_oauth_errors() {
    let served = Served::start(&["hosted-ui-pkce"]);
    let client = served.get("client_id").to_owned();
    let cases: [(&str, &str, u16, &str); 4] = [
        ("application/json", "{}", 400, "invalid_request"),
        (
            "application/x-www-form-urlencoded",
            "grant_type=password",
            400,
            "unsupported_grant_type",
        ),
        (
            "application/x-www-form-urlencoded",
            "grant_type=authorization_code&client_id=nope",
            400,
            "invalid_client",
        ),
        (
            "application/x-www-form-urlencoded",
            &format!("grant_type=authorization_code&client_id={client}&code=abc&redirect_uri=x"),
            400,
            "invalid_grant",
        ),
    ];
    for (content_type, body, status, error) in cases {
        let answer = http(
            served.addr(),
            "POST",
            "/oauth2/token",
            &[("Content-Type", content_type)],
            body.as_bytes(),
        );
        assert_eq!(answer.status, status, "{body}");
        assert_eq!(answer.json()["error"], error, "{body}");
    }
    // The revoke endpoint answers 200, and an empty body, even for junk.
    let revoke = post_form(
        &served,
        "/oauth2/revoke",
        &[],
        &format!("token=junk&client_id={client}"),
    );
    assert_eq!((revoke.status, revoke.body.as_str()), (200, ""));
}

#[test]
fn discovery_lists_the_hosted_endpoints_and_logout_needs_a_registered_url() {
    let served = Served::start(&["hosted-ui-pkce", "--issuer", "local"]);
    let pool = served.get("user_pool_id");
    let doc = get(
        &served,
        &format!("/{pool}/.well-known/openid-configuration"),
        &[],
    )
    .json();
    let endpoint = served.endpoint();
    assert_eq!(doc["issuer"], served.get("issuer"));
    assert_eq!(
        doc["authorization_endpoint"],
        format!("{endpoint}/oauth2/authorize")
    );
    assert_eq!(doc["token_endpoint"], format!("{endpoint}/oauth2/token"));
    assert_eq!(
        doc["userinfo_endpoint"],
        format!("{endpoint}/oauth2/userInfo")
    );
    assert_eq!(doc["end_session_endpoint"], format!("{endpoint}/logout"));
    assert_eq!(doc["code_challenge_methods_supported"][0], "S256");
    let client = served.get("client_id");
    let out = get(
        &served,
        &format!(
            "/logout?client_id={client}&logout_uri={}",
            encode_component("http://localhost:9876/signed-out")
        ),
        &[],
    );
    assert_eq!(out.status, 302);
    assert_eq!(out.headers["location"], "http://localhost:9876/signed-out");
    let refused = get(
        &served,
        &format!("/logout?client_id={client}&logout_uri=https%3A%2F%2Fevil.example%2F"),
        &[],
    );
    assert_eq!(refused.status, 400);
    assert!(!refused.headers.contains_key("location"));
}

#[test]
fn under_step_the_browser_waits_at_each_phase_until_the_learner_lets_it_go_on() {
    let mut served = Served::start(&["hosted-ui-pkce", "--step"]);
    let (addr, path) = (
        served.addr().to_owned(),
        format!("/oauth2/authorize?{}", authorize_query(&served, &[])),
    );
    let (sent, answered) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sent.send(http(&addr, "GET", &path, &[], b""));
    });
    for (phase, presses) in [
        ("request received", 0),
        ("credentials checked", 1),
        ("response returned", 2),
    ] {
        let wanted = format!("GET /oauth2/authorize {phase}");
        served.log_until(|log| {
            log.iter()
                .any(|l| l.contains(&wanted) && l.contains("held by --step"))
        });
        assert!(
            answered.recv_timeout(Duration::from_millis(200)).is_err(),
            "the browser got its answer while {phase} was held ({presses} Enter so far)"
        );
        served.write("\n");
    }
    let answer = answered.recv_timeout(crate::support::DEADLINE).unwrap();
    assert_eq!(answer.status, 302);
    assert!(answer.headers["location"].contains("/login?"));
}

#[test]
fn a_signed_in_browser_skips_the_form_until_logout_which_revokes_no_token() {
    let served = Served::start(&["hosted-ui-pkce"]);
    let back = sign_in_through_the_page(&served, "Corr3ct-Horse!");
    assert_eq!(back.status, 302);
    // Of the two cookies set (the spent form's token cleared, the sign-in), the last is kept here.
    let signed_in = cookie(&back);
    assert!(signed_in.starts_with("cogflow-signed-in="), "{signed_in}");
    let first_code = back.headers["location"]
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let authorize = format!("/oauth2/authorize?{}", authorize_query(&served, &[]));
    let again = get(&served, &authorize, &[("Cookie", &signed_in)]);
    assert_eq!(again.status, 302);
    let location = &again.headers["location"];
    assert!(
        location.starts_with(&format!("{CALLBACK}?code=")),
        "no form: {location}"
    );
    assert!(!location.contains(&first_code), "a new code each time");
    // The code from the cookie is as good as one from the form.
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let exchange = query(&[
        ("grant_type", "authorization_code"),
        ("client_id", served.get("client_id")),
        ("code", code),
        ("redirect_uri", CALLBACK),
        ("code_verifier", VERIFIER),
    ]);
    let tokens = post_form(&served, "/oauth2/token", &[], &exchange);
    assert_eq!(tokens.status, 200, "{tokens:?}");
    let access = tokens.json()["access_token"].as_str().unwrap().to_owned();

    let client = served.get("client_id").to_owned();
    let out = get(
        &served,
        &format!(
            "/logout?client_id={client}&logout_uri={}",
            encode_component("http://localhost:9876/signed-out")
        ),
        &[("Cookie", &signed_in)],
    );
    assert_eq!(out.status, 302);
    assert!(
        out.headers["set-cookie"].starts_with("cogflow-signed-in=; Path=/; Max-Age=0;"),
        "{out:?}"
    );
    // The same cookie (a browser that kept it) no longer signs in: the form again.
    let after = get(&served, &authorize, &[("Cookie", &signed_in)]);
    assert!(after.headers["location"].contains("/login?"), "{after:?}");
    // /logout is not a token revocation: the access token still works.
    let info = get(
        &served,
        "/oauth2/userInfo",
        &[("Authorization", &format!("Bearer {access}"))],
    );
    assert_eq!(info.status, 200, "{info:?}");
}
