//! The hosted UI on the wire: `cogflow serve hosted-ui-pkce` spoken to over TCP as a browser
//! and an app would (no redirect followed for us): authorize, the sign-in page with its CSRF
//! cookie, the form, the redirect with the code, the token exchange with PKCE, userInfo, and
//! the errors that must be a page rather than a redirect. The plain log shows every step.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::Duration;

use cogflow::cognito::oauth::{encode_component, s256};

use super::{Answer, Served, http};
use crate::support::{CookieJar, form_query, hidden_fields, url_param};

const CALLBACK: &str = "http://localhost:9876/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn get(served: &Served, path: &str, headers: &[(&str, &str)]) -> Answer {
    http(served.addr(), "GET", path, headers, b"")
}

fn post_form(served: &Served, path: &str, headers: &[(&str, &str)], form: &str) -> Answer {
    let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    http(served.addr(), "POST", path, &all, form.as_bytes())
}

/// The authorize query of the lesson's app, with `change` applied (an empty value leaves the
/// parameter out).
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
        if v.is_empty() {
            pairs.remove(k);
        } else {
            pairs.insert(k, (*v).to_owned());
        }
    }
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form_query(&pairs)
}

/// The app's side: `code` and the verifier for tokens.
fn redeem(served: &Served, code: &str) -> Answer {
    let exchange = form_query(&[
        ("grant_type", "authorization_code"),
        ("client_id", served.get("client_id")),
        ("code", code),
        ("redirect_uri", CALLBACK),
        ("code_verifier", VERIFIER),
    ]);
    post_form(served, "/oauth2/token", &[], &exchange)
}

/// The text of a page's announced error (`role="alert"`), if it shows one.
fn alert(page: &Answer) -> Option<&str> {
    let at = page.body.find("role=\"alert\">")? + "role=\"alert\">".len();
    let rest = &page.body[at..];
    Some(&rest[..rest.find("</p>")?])
}

/// The code a redirect to the callback carries.
fn code_of(back: &Answer) -> String {
    let location = &back.headers["location"];
    assert!(location.starts_with(CALLBACK), "{back:?}");
    url_param(location, "code").unwrap_or_else(|| panic!("no code in {location}"))
}

/// A browser on the served hosted UI: its own cookie jar; no redirect is followed for it.
struct Browser<'s> {
    served: &'s Served,
    jar: CookieJar,
}

impl<'s> Browser<'s> {
    fn new(served: &'s Served) -> Self {
        Self {
            served,
            jar: CookieJar::default(),
        }
    }

    fn send(&mut self, method: &str, path: &str, form: &str) -> Answer {
        let path = path.trim_start_matches(self.served.endpoint());
        let cookie = self.jar.header();
        let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
        if !cookie.is_empty() {
            headers.push(("Cookie", &cookie));
        }
        let answer = http(self.served.addr(), method, path, &headers, form.as_bytes());
        self.jar.absorb(&answer.cookies);
        answer
    }

    fn get(&mut self, path: &str) -> Answer {
        self.send("GET", path, "")
    }

    /// Posts the page's form: its hidden fields (the authorize parameters, `_csrf`, the
    /// session) and `fields`.
    fn submit(&mut self, page: &Answer, fields: &[(&str, &str)]) -> Answer {
        assert!(
            page.body
                .contains("<form method=\"post\" action=\"/login\""),
            "{page:?}"
        );
        let hidden = hidden_fields(&page.body);
        let mut all: Vec<(&str, &str)> = hidden
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        all.extend_from_slice(fields);
        self.send("POST", "/login", &form_query(&all))
    }

    /// Authorize (with `change`), then the sign-in page it sends the browser to.
    fn open_sign_in(&mut self, change: &[(&str, &str)]) -> Answer {
        let query = authorize_query(self.served, change);
        let authorize = self.get(&format!("/oauth2/authorize?{query}"));
        assert_eq!(authorize.status, 302, "{authorize:?}");
        let login_url = authorize.headers["location"].clone();
        assert!(
            login_url.starts_with(&format!("{}/login?", self.served.endpoint())),
            "{login_url}"
        );
        let page = self.get(&login_url);
        assert_eq!(page.status, 200, "{page:?}");
        assert!(page.headers["content-type"].starts_with("text/html"));
        assert_eq!(
            self.jar.get("XSRF-TOKEN").map(str::to_owned),
            hidden_fields(&page.body)
                .into_iter()
                .find(|(n, _)| n == "_csrf")
                .map(|(_, v)| v),
            "the form's _csrf is its cookie"
        );
        page
    }

    /// Opens the sign-in page and posts `username` / `password` on it.
    fn sign_in(&mut self, username: &str, password: &str) -> Answer {
        let page = self.open_sign_in(&[]);
        self.submit(&page, &[("username", username), ("password", password)])
    }
}

fn sign_in_through_the_page(served: &Served, password: &str) -> Answer {
    Browser::new(served).sign_in("alice", password)
}

#[test]
fn a_browser_signs_in_and_the_app_redeems_the_code_with_pkce() {
    let mut served = Served::start(&["hosted-ui-pkce"]);
    let back = sign_in_through_the_page(&served, "Corr3ct-Horse!");
    assert_eq!(back.status, 302, "{back:?}");
    let location = &back.headers["location"];
    assert!(
        location.starts_with(&format!("{CALLBACK}?code=")),
        "{location}"
    );
    assert_eq!(url_param(location, "state").as_deref(), Some("st-42"));
    let code = code_of(&back);
    let tokens = redeem(&served, &code);
    assert_eq!(tokens.status, 200, "{tokens:?}");
    assert_eq!(tokens.headers["cache-control"], "no-store");
    assert_eq!(tokens.headers["access-control-allow-origin"], "*");
    let body = tokens.json();
    let access = body["access_token"].as_str().unwrap();
    let again = redeem(&served, &code);
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
    let body = redeem(&served, &code_of(&back)).json();
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
    assert_eq!(
        alert(&wrong),
        Some("Error: Incorrect username or password."),
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
    let mut browser = Browser::new(&served);
    let back = browser.sign_in("alice", "Corr3ct-Horse!");
    assert_eq!(back.status, 302);
    // The spent form's token is cleared, the sign-in remembered.
    assert_eq!(browser.jar.get("XSRF-TOKEN"), None, "{:?}", back.cookies);
    let signed_in = browser.jar.clone();
    assert!(
        signed_in.get("cogflow-signed-in").is_some(),
        "{signed_in:?}"
    );
    let first_code = code_of(&back);
    let authorize = format!("/oauth2/authorize?{}", authorize_query(&served, &[]));
    let again = browser.get(&authorize);
    assert_eq!(again.status, 302);
    let location = &again.headers["location"];
    assert!(
        location.starts_with(&format!("{CALLBACK}?code=")),
        "no form: {location}"
    );
    let code = code_of(&again);
    assert_ne!(code, first_code, "a new code each time");
    // The code from the cookie is as good as one from the form.
    let tokens = redeem(&served, &code);
    assert_eq!(tokens.status, 200, "{tokens:?}");
    let access = tokens.json()["access_token"].as_str().unwrap().to_owned();

    let client = served.get("client_id").to_owned();
    let out = browser.get(&format!(
        "/logout?client_id={client}&logout_uri={}",
        encode_component("http://localhost:9876/signed-out")
    ));
    assert_eq!(out.status, 302);
    assert!(
        out.cookies
            .iter()
            .any(|c| c.starts_with("cogflow-signed-in=; Path=/; Max-Age=0;")),
        "{out:?}"
    );
    assert_eq!(browser.jar.get("cogflow-signed-in"), None);
    // The same cookie (a browser that kept it) no longer signs in: the form again.
    let after = get(&served, &authorize, &[("Cookie", &signed_in.header())]);
    assert!(after.headers["location"].contains("/login?"), "{after:?}");
    // /logout is not a token revocation: the access token still works.
    let info = get(
        &served,
        "/oauth2/userInfo",
        &[("Authorization", &format!("Bearer {access}"))],
    );
    assert_eq!(info.status, 200, "{info:?}");
}

/// `cogflow serve` over the challenge pages' pool (fran must change her password, sam has an
/// authenticator app), whose first client takes the code and the implicit flows.
fn challenges() -> Served {
    Served::start(&[&crate::support::fixture("serve/hosted-challenges.toml")])
}

#[test]
fn a_temporary_password_gets_the_new_password_page_which_ends_in_a_code_and_tokens() {
    let served = challenges();
    let mut browser = Browser::new(&served);
    let page = browser.sign_in("fran", "Temp-Pass-42!");
    assert_eq!(page.status, 200, "{page:?}");
    assert!(
        page.body.contains("<title>Change your password</title>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<label for=\"new_password\">New password</label>")
    );
    assert!(page.body.contains("autocomplete=\"new-password\""));
    let fields = hidden_fields(&page.body);
    let session = fields.iter().find(|(n, _)| n == "session").unwrap();
    assert!(
        session.1.len() > 20,
        "a Session travels in the form: {session:?}"
    );
    // A new password the policy refuses: the same page, the API's message on it.
    let weak = browser.submit(&page, &[("new_password", "short")]);
    assert_eq!(weak.status, 200);
    assert!(weak.body.contains("<title>Change your password</title>"));
    assert_eq!(
        alert(&weak),
        Some("Error: Password did not conform with policy: Password not long enough"),
        "{}",
        weak.body
    );
    let done = browser.submit(&weak, &[("new_password", "Brand-New-Horse-2")]);
    assert_eq!(done.status, 302, "{done:?}");
    assert_eq!(
        url_param(&done.headers["location"], "state").as_deref(),
        Some("st-42")
    );
    let tokens = redeem(&served, &code_of(&done));
    assert_eq!(tokens.status, 200, "{tokens:?}");
    // The new password is hers now: the form signs her straight in.
    let again = Browser::new(&served).sign_in("fran", "Brand-New-Horse-2");
    assert_eq!(again.status, 302, "{again:?}");
    let old = Browser::new(&served).sign_in("fran", "Temp-Pass-42!");
    assert!(
        old.body.contains("Incorrect username or password."),
        "{old:?}"
    );
}

#[test]
fn an_authenticator_user_gets_the_code_page_a_wrong_code_stays_there_and_the_right_one_signs_in() {
    let served = challenges();
    // The banner gives the authenticator's secret; the helper says the code it shows now.
    let secret = served.get("totp_secret.sam").to_owned();
    assert!(secret.len() >= 16 && secret.bytes().all(|b| b.is_ascii_alphanumeric()));
    let mut browser = Browser::new(&served);
    let page = browser.sign_in("sam", "Quiet-River-58!");
    assert_eq!(page.status, 200, "{page:?}");
    assert!(
        page.body
            .contains("<title>Enter your authenticator code</title>")
    );
    assert!(page.body.contains("autocomplete=\"one-time-code\""));
    assert!(page.body.contains("inputmode=\"numeric\""));
    assert_eq!(
        browser.jar.get("cogflow-signed-in"),
        None,
        "not signed in yet"
    );
    let wrong = browser.submit(&page, &[("code", "000000")]);
    assert_eq!(wrong.status, 200);
    assert_eq!(
        alert(&wrong),
        Some("Error: Invalid code or auth state for the user."),
        "{}",
        wrong.body
    );
    assert!(
        wrong
            .body
            .contains("<title>Enter your authenticator code</title>")
    );
    let now = get(&served, "/_cogflow/totp?username=sam", &[]).json();
    assert_eq!(now["secret"], secret.as_str());
    let code = now["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    let done = browser.submit(&wrong, &[("code", code)]);
    assert_eq!(done.status, 302, "{done:?}");
    assert!(browser.jar.get("cogflow-signed-in").is_some());
    assert_eq!(redeem(&served, &code_of(&done)).status, 200);
    let nobody = get(&served, "/_cogflow/totp?username=alice", &[]);
    assert_eq!(nobody.status, 404, "{nobody:?}");
}

#[test]
fn the_implicit_flow_puts_tokens_in_the_fragment_and_never_a_refresh_token() {
    let served = challenges();
    let mut browser = Browser::new(&served);
    let page = browser.open_sign_in(&[
        ("response_type", "token"),
        ("scope", "openid email"),
        ("code_challenge", ""),
        ("code_challenge_method", ""),
    ]);
    let back = browser.submit(
        &page,
        &[("username", "alice"), ("password", "Corr3ct-Horse!")],
    );
    assert_eq!(back.status, 302, "{back:?}");
    let location = &back.headers["location"];
    assert!(location.starts_with(&format!("{CALLBACK}#")), "{location}");
    assert!(!location.contains('?'), "nothing in the query: {location}");
    for (name, want) in [
        ("token_type", "Bearer"),
        ("expires_in", "3600"),
        ("state", "st-42"),
    ] {
        assert_eq!(
            url_param(location, name).as_deref(),
            Some(want),
            "{location}"
        );
    }
    assert_eq!(url_param(location, "refresh_token"), None);
    let access = url_param(location, "access_token").unwrap();
    let id = url_param(location, "id_token").unwrap();
    let (_, claims) = cogflow::cognito::decode_unverified(&id).unwrap();
    assert_eq!(claims["nonce"], "n-42");
    assert_eq!(claims["at_hash"], cogflow::cognito::oauth::at_hash(&access));
    let info = get(
        &served,
        "/oauth2/userInfo",
        &[("Authorization", &format!("Bearer {access}"))],
    );
    assert_eq!(info.status, 200, "{info:?}");
    assert_eq!(info.json()["email"], "alice@example.com");
}

#[test]
fn lang_picks_the_pages_language_and_a_cookie_keeps_it_as_managed_login_does() {
    let served = challenges();
    let mut browser = Browser::new(&served);
    let page = browser.open_sign_in(&[("lang", "es")]);
    assert_eq!(browser.jar.get("cogflow-lang"), Some("es"));
    assert!(page.body.contains("<html lang=\"es\">"), "{}", page.body);
    assert!(page.body.contains("<title>Iniciar sesión</title>"));
    assert!(
        page.body
            .contains("<label for=\"username\">Nombre de usuario</label>")
    );
    // The sign-in page carries lang on, and Cognito's own message stays in English.
    let wrong = browser.submit(&page, &[("username", "sam"), ("password", "nope")]);
    assert!(wrong.body.contains("<html lang=\"es\">"));
    assert_eq!(
        alert(&wrong),
        Some("Error: Incorrect username or password."),
        "{}",
        wrong.body
    );
    let code_page = browser.submit(
        &wrong,
        &[("username", "sam"), ("password", "Quiet-River-58!")],
    );
    assert!(
        code_page
            .body
            .contains("<title>Introduce el código de tu autenticador</title>"),
        "{}",
        code_page.body
    );
    // No lang on a later request: the cookie keeps Spanish; lang=en goes back to English.
    let kept = browser.open_sign_in(&[]);
    assert!(kept.body.contains("<html lang=\"es\">"));
    let english = browser.open_sign_in(&[("lang", "en")]);
    assert!(english.body.contains("<title>Sign in</title>"));
    assert_eq!(browser.jar.get("cogflow-lang"), Some("en"));
    // A language managed login has and this app does not (French), and junk: English.
    for lang in ["fr", "<script>"] {
        let page = Browser::new(&served).open_sign_in(&[("lang", lang)]);
        assert!(page.body.contains("<html lang=\"en\">"), "{lang}");
        assert!(!page.body.contains("<script>"), "{lang}");
    }
}

/// A lesson's `[messages]` reach the served pages in its own language (issue 12 item 8):
/// the replacement is the lesson's, a page in another language keeps its table's words.
#[test]
fn the_lessons_messages_replace_the_pages_words_in_its_language() {
    let home = crate::support::TempHome::new("hosted-messages");
    let lesson = home.join("lesson.toml");
    let source =
        std::fs::read_to_string(crate::support::fixture("serve/hosted-challenges.toml")).unwrap();
    std::fs::write(
        &lesson,
        format!("{source}\n[messages]\n\"hosted.sign_in\" = \"Sign in to the shop\"\n"),
    )
    .unwrap();
    let served = Served::start(&[lesson.to_str().unwrap()]);
    let mut browser = Browser::new(&served);
    let page = browser.open_sign_in(&[]);
    assert!(
        page.body.contains("<title>Sign in to the shop</title>"),
        "{}",
        page.body
    );
    let spanish = browser.open_sign_in(&[("lang", "es")]);
    assert!(
        spanish.body.contains("<title>Iniciar sesión</title>"),
        "{}",
        spanish.body
    );
    assert!(!spanish.body.contains("the shop"));
}

#[test]
fn the_page_answers_as_the_api_an_unknown_user_lockout_and_a_code_past_five_minutes() {
    let served = Served::start(&["hosted-ui-pkce"]);
    // A code lives 5 minutes on the served clock: 5 min 1 s later it is refused.
    let back = sign_in_through_the_page(&served, "Corr3ct-Horse!");
    let code = code_of(&back);
    let moved = http(
        served.addr(),
        "POST",
        "/_cogflow/clock",
        &[("Content-Type", "application/json")],
        br#"{"advance": "301s"}"#,
    );
    assert_eq!(moved.status, 200, "{moved:?}");
    let late = redeem(&served, &code);
    assert_eq!(late.status, 400, "{late:?}");
    assert_eq!(late.json()["error"], "invalid_grant");
    // PreventUserExistenceErrors: an unknown user reads as a wrong password.
    let unknown = Browser::new(&served).sign_in("nobody", "Corr3ct-Horse!");
    assert_eq!(
        alert(&unknown),
        Some("Error: Incorrect username or password."),
        "{}",
        unknown.body
    );
    // Five wrong passwords lock the user out: then even the right one is refused, on the page.
    let mut browser = Browser::new(&served);
    for _ in 0..5 {
        let wrong = browser.sign_in("alice", "Wrong-Horse-1");
        assert!(wrong.body.contains("Incorrect username or password."));
    }
    let locked = browser.sign_in("alice", "Corr3ct-Horse!");
    assert_eq!(locked.status, 200, "{locked:?}");
    assert_eq!(
        alert(&locked),
        Some("Error: Password attempts exceeded"),
        "{}",
        locked.body
    );
}
