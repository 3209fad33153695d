//! docs/scenarios.md's "What each action can answer" and "Lifetimes" tables, checked against the
//! mock: every row is a situation run here, and the docs' tables must equal the tables these
//! tests write (a failing test prints the table to paste), so the docs cannot drift.

use cogflow::cognito::{Argon2Params, CodeKind, PoolConfig, PreventUserExistenceErrors};
use cogflow::flow::{Runner, Setup};
use cogflow::scenario::{Origin, load};

/// One situation: `action` answers `exception` with a message containing `message`, in the
/// state `when` describes, which `steps` (TOML, after the shared pool) bring about. `pool` is
/// extra `[pool]` keys.
struct Case {
    action: &'static str,
    exception: &'static str,
    message: &'static str,
    when: &'static str,
    pool: &'static str,
    steps: &'static str,
}

const fn case(
    action: &'static str,
    exception: &'static str,
    message: &'static str,
    when: &'static str,
    steps: &'static str,
) -> Case {
    Case {
        action,
        exception,
        message,
        when,
        pool: "",
        steps,
    }
}

/// The pool every case starts from: users in each state a case needs.
const POOL: &str = r#"
[[pool.users]]
username = "ana"
password = "Correct-Horse-42"
email = "ana@example.com"

[[pool.users]]
username = "una"
password = "Correct-Horse-42"
status = "UNCONFIRMED"
email = "una@example.com"

[[pool.users]]
username = "dis"
password = "Correct-Horse-42"
enabled = false

[[pool.users]]
username = "rex"
password = "Correct-Horse-42"
status = "RESET_REQUIRED"
email = "rex@example.com"

[[pool.users]]
username = "tom"
password = "Temporary-Pass-1"
status = "FORCE_CHANGE_PASSWORD"
email = "tom@example.com"

[[pool.users]]
username = "mfa"
password = "Correct-Horse-42"
totp = true

[[pool.users]]
username = "noe"
password = "Correct-Horse-42"
"#;

/// Every case, in the order the docs list them (by action, in the vocabulary's order).
const CASES: &[Case] = &[
    case(
        "sign_in",
        "NotAuthorizedException",
        "Incorrect username or password.",
        "the password is wrong",
        r#"
[[steps]]
action = "sign_in"
password = "Wrong-Horse-42"
"#,
    ),
    case(
        "sign_in",
        "NotAuthorizedException",
        "Incorrect username or password.",
        "no such user, with `prevent_user_existence_errors = \"ENABLED\"` (the default)",
        r#"
[[steps]]
action = "sign_in"
username = "ana"
password = "Correct-Horse-42"
[[variants]]
id = "v"
title = "V"
set = { username = "nobody" }
"#,
    ),
    Case {
        action: "sign_in",
        exception: "UserNotFoundException",
        message: "User does not exist.",
        when: "no such user, with `prevent_user_existence_errors = \"LEGACY\"`",
        pool: "prevent_user_existence_errors = \"LEGACY\"",
        steps: r#"
[[steps]]
action = "sign_in"
[[variants]]
id = "v"
title = "V"
set = { username = "nobody", password = "Correct-Horse-42" }
"#,
    },
    case(
        "sign_in",
        "NotAuthorizedException",
        "User is disabled.",
        "the user is disabled (even with the right password)",
        r#"
[[steps]]
action = "sign_in"
username = "dis"
"#,
    ),
    case(
        "sign_in",
        "NotAuthorizedException",
        "Password attempts exceeded",
        "after five wrong passwords in a row, while the lockout lasts (1 s, doubling with each further failure, up to 15 min)",
        r#"
[[steps]]
action = "sign_in"
password = "Wrong-1"
[[steps]]
action = "sign_in"
password = "Wrong-2"
[[steps]]
action = "sign_in"
password = "Wrong-3"
[[steps]]
action = "sign_in"
password = "Wrong-4"
[[steps]]
action = "sign_in"
password = "Wrong-5"
[[steps]]
action = "sign_in"
"#,
    ),
    case(
        "sign_in",
        "UserNotConfirmedException",
        "User is not confirmed.",
        "the user is UNCONFIRMED (checked before the password)",
        r#"
[[steps]]
action = "sign_in"
username = "una"
"#,
    ),
    case(
        "sign_in",
        "PasswordResetRequiredException",
        "Password reset required for the user",
        "the user is RESET_REQUIRED",
        r#"
[[steps]]
action = "sign_in"
username = "rex"
"#,
    ),
    case(
        "sign_in",
        "NotAuthorizedException",
        "Temporary password has expired and must be reset by an administrator.",
        "a FORCE_CHANGE_PASSWORD user's temporary password is older than `temporary_password_validity_days`",
        r#"
[[steps]]
action = "advance_clock"
duration = "8d"
[[steps]]
action = "sign_in"
username = "tom"
"#,
    ),
    Case {
        action: "sign_in",
        exception: "InvalidParameterException",
        message: "USER_PASSWORD_AUTH flow not enabled for this client",
        when: "`auth_flows` lacks `ALLOW_USER_PASSWORD_AUTH` (checked first)",
        pool: "auth_flows = [\"ALLOW_REFRESH_TOKEN_AUTH\"]",
        steps: r#"
[[steps]]
action = "sign_in"
"#,
    },
    case(
        "sign_in",
        "InvalidParameterException",
        "Missing required parameter PASSWORD",
        "no password to send: an unknown user (a variant's `set`) without one",
        r#"
[[steps]]
action = "sign_in"
[[variants]]
id = "v"
title = "V"
set = { username = "nobody" }
"#,
    ),
    case(
        "grant_access",
        "TokenRejected",
        "token present: the app holds no such token",
        "the app holds no token yet (the app's own verdict, not a Cognito exception)",
        r#"
[[steps]]
action = "grant_access"
"#,
    ),
    case(
        "verify_token",
        "TokenRejected",
        "exp: expired at",
        "the token is past its lifetime by the lesson clock (the app's own verdict)",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "advance_clock"
duration = "61m"
[[steps]]
action = "verify_token"
"#,
    ),
    case(
        "sign_up",
        "UsernameExistsException",
        "User already exists",
        "the username is taken",
        r#"
[[steps]]
action = "sign_up"
username = "ana"
password = "Correct-Horse-42"
"#,
    ),
    case(
        "sign_up",
        "InvalidPasswordException",
        "Password did not conform with policy",
        "the password breaks the pool's policy (one rule named per call)",
        r#"
[[steps]]
action = "sign_up"
username = "newcomer"
password = "short"
"#,
    ),
    case(
        "confirm_sign_up",
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
        "the code is not the one sent (the code stays usable)",
        r#"
[[steps]]
action = "resend_confirmation_code"
username = "una"
[[steps]]
action = "confirm_sign_up"
username = "una"
code = "000000"
"#,
    ),
    case(
        "confirm_sign_up",
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
        "the code is older than 24 hours",
        r#"
[[steps]]
action = "resend_confirmation_code"
username = "una"
[[steps]]
action = "advance_clock"
duration = "25h"
[[steps]]
action = "confirm_sign_up"
username = "una"
"#,
    ),
    case(
        "confirm_sign_up",
        "NotAuthorizedException",
        "User cannot confirm because user status is not UNCONFIRMED.",
        "the user is already confirmed",
        r#"
[[steps]]
action = "confirm_sign_up"
username = "ana"
code = "123456"
"#,
    ),
    case(
        "confirm_sign_up",
        "InvalidParameterException",
        "at 'confirmationCode' failed to satisfy constraint",
        "no code was ever sent, so the step sends an empty one (`check` warns)",
        r#"
[[steps]]
action = "confirm_sign_up"
username = "una"
"#,
    ),
    case(
        "resend_confirmation_code",
        "InvalidParameterException",
        "User is already confirmed.",
        "the user is already confirmed",
        r#"
[[steps]]
action = "resend_confirmation_code"
"#,
    ),
    case(
        "admin_create_user",
        "UsernameExistsException",
        "User account already exists",
        "the username is taken",
        r#"
[[steps]]
action = "admin_create_user"
username = "ana"
"#,
    ),
    case(
        "answer_new_password",
        "InvalidPasswordException",
        "Password did not conform with policy",
        "the new password breaks the policy (the challenge can be answered again)",
        r#"
[[steps]]
action = "sign_in"
username = "tom"
[[steps]]
action = "answer_new_password"
new_password = "short"
"#,
    ),
    case(
        "answer_new_password",
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
        "the challenge's session is older than 3 minutes",
        r#"
[[steps]]
action = "sign_in"
username = "tom"
[[steps]]
action = "advance_clock"
duration = "4m"
[[steps]]
action = "answer_new_password"
new_password = "Brand-New-Horse-42"
"#,
    ),
    case(
        "answer_totp",
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
        "the authenticator code is wrong",
        r#"
[[steps]]
action = "sign_in"
username = "mfa"
[[steps]]
action = "answer_totp"
code = "000000"
"#,
    ),
    case(
        "refresh_tokens",
        "NotAuthorizedException",
        "Invalid Refresh Token.",
        "what is sent is not a refresh token (`token = \"access\"`), or there is none",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "refresh_tokens"
token = "access"
"#,
    ),
    case(
        "refresh_tokens",
        "NotAuthorizedException",
        "Refresh Token has been revoked",
        "after `revoke_token` or `global_sign_out`",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "global_sign_out"
[[steps]]
action = "refresh_tokens"
"#,
    ),
    case(
        "refresh_tokens",
        "NotAuthorizedException",
        "Refresh Token has expired",
        "the refresh token is older than `refresh_days`",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "advance_clock"
duration = "31d"
[[steps]]
action = "refresh_tokens"
"#,
    ),
    case(
        "get_user",
        "NotAuthorizedException",
        "Access Token has expired",
        "the access token is older than `access_minutes`",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "advance_clock"
duration = "61m"
[[steps]]
action = "get_user"
"#,
    ),
    case(
        "get_user",
        "NotAuthorizedException",
        "Access Token has been revoked",
        "after `global_sign_out` (or `revoke_token` of the refresh token it came with)",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "global_sign_out"
[[steps]]
action = "get_user"
"#,
    ),
    case(
        "get_user",
        "NotAuthorizedException",
        "Invalid Access Token",
        "what is sent is not an access token (`token = \"id\"`), or there is none",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "get_user"
token = "id"
"#,
    ),
    case(
        "global_sign_out",
        "NotAuthorizedException",
        "Access Token has been revoked",
        "the access token was already revoked",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "global_sign_out"
[[steps]]
action = "global_sign_out"
"#,
    ),
    case(
        "revoke_token",
        "UnsupportedTokenTypeException",
        "Only refresh tokens can be revoked",
        "what is sent is an ID or access token",
        r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "revoke_token"
token = "access"
"#,
    ),
    case(
        "forgot_password",
        "InvalidParameterException",
        "no registered/verified email or phone_number",
        "the user has no verified email",
        r#"
[[steps]]
action = "forgot_password"
username = "noe"
"#,
    ),
    case(
        "confirm_forgot_password",
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
        "the code is not the one sent",
        r#"
[[steps]]
action = "forgot_password"
[[steps]]
action = "confirm_forgot_password"
code = "000000"
new_password = "Brand-New-Horse-42"
"#,
    ),
    case(
        "confirm_forgot_password",
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
        "the code is older than 1 hour",
        r#"
[[steps]]
action = "forgot_password"
[[steps]]
action = "advance_clock"
duration = "61m"
[[steps]]
action = "confirm_forgot_password"
new_password = "Brand-New-Horse-42"
"#,
    ),
    case(
        "confirm_forgot_password",
        "InvalidPasswordException",
        "Password did not conform with policy",
        "the new password breaks the policy (the code stays usable)",
        r#"
[[steps]]
action = "forgot_password"
[[steps]]
action = "confirm_forgot_password"
new_password = "short"
"#,
    ),
    case(
        "admin_disable_user",
        "UserNotFoundException",
        "User does not exist.",
        "no such user",
        r#"
[[steps]]
id = "disable"
action = "admin_disable_user"
[[variants]]
id = "v"
title = "V"
at.disable = { username = "nobody" }
"#,
    ),
    Case {
        action: "open_authorize",
        exception: "redirect_mismatch",
        message: "redirect_uri is not registered for this client",
        when: "`redirect_uri` is not one of the client's `callback_urls`: an error page, never a redirect",
        pool: OAUTH,
        steps: r#"
[[steps]]
action = "make_pkce"
[[steps]]
action = "open_authorize"
redirect_uri = "https://evil.example/callback"
"#,
    },
    case(
        "open_authorize",
        "unauthorized_client",
        "The app client is not enabled for OAuth",
        "the app client has no `[pool.oauth]` flows",
        r#"
[[steps]]
action = "make_pkce"
[[steps]]
action = "open_authorize"
"#,
    ),
    Case {
        action: "submit_login",
        exception: "NotAuthorizedException",
        message: "Incorrect username or password.",
        when: "the password typed on the hosted page is wrong (unknown users read the same, lockout applies)",
        pool: OAUTH,
        steps: r#"
[[steps]]
action = "make_pkce"
[[steps]]
action = "open_authorize"
[[steps]]
action = "submit_login"
password = "Wrong-Horse-42"
"#,
    },
    Case {
        action: "exchange_code",
        exception: "invalid_grant",
        message: "invalid code_verifier",
        when: "S256 of the `code_verifier` is not the challenge the code was issued for",
        pool: OAUTH,
        steps: r#"
[[steps]]
action = "make_pkce"
[[steps]]
action = "open_authorize"
[[steps]]
action = "submit_login"
[[steps]]
action = "exchange_code"
code_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
"#,
    },
    Case {
        action: "exchange_code",
        exception: "invalid_grant",
        message: "invalid code",
        when: "the code is more than 5 minutes old, or was redeemed before",
        pool: OAUTH,
        steps: r#"
[[steps]]
action = "make_pkce"
[[steps]]
action = "open_authorize"
[[steps]]
action = "submit_login"
[[steps]]
action = "advance_clock"
duration = "301s"
[[steps]]
action = "exchange_code"
"#,
    },
    Case {
        action: "call_user_info",
        exception: "invalid_token",
        message: "Access token does not contain openid scope",
        when: "the access token came from InitiateAuth, whose only scope is `aws.cognito.signin.user.admin`",
        pool: OAUTH,
        steps: r#"
[[steps]]
action = "sign_in"
[[steps]]
action = "call_user_info"
"#,
    },
];

/// The hosted UI on the first app client, for the managed-login cases.
const OAUTH: &str = r#"
[pool.oauth]
callback_urls = ["http://localhost:9876/callback"]
flows = ["code"]
scopes = ["openid", "email"]
"#;

/// The lesson a case runs: the shared pool with the case's extra keys, then its steps (each
/// given an `explain`, so the lesson loads without warnings getting in the way).
fn lesson_of(case: &Case) -> String {
    let steps = case
        .steps
        .replace("\n[[steps]]\n", "\n[[steps]]\nexplain = \"x\"\n");
    // A case that sets `auth_flows` replaces the default (both password and refresh flows).
    let flows = if case.pool.contains("auth_flows") {
        ""
    } else {
        "auth_flows = [\"ALLOW_USER_PASSWORD_AUTH\", \"ALLOW_REFRESH_TOKEN_AUTH\"]"
    };
    format!(
        "format_version = 2\n[scenario]\nid = \"case\"\ntitle = \"Case\"\n[pool]\n{flows}\n{}\n{POOL}{steps}",
        case.pool
    )
}

#[test]
fn every_documented_answer_is_what_the_mock_gives_in_that_situation() {
    let mut failures = Vec::new();
    for case in CASES {
        let src = lesson_of(case);
        let lesson = load(
            "case.toml",
            src.as_bytes(),
            Origin::Path("case.toml".into()),
        )
        .unwrap_or_else(|e| panic!("{} / {}: {e}\n{src}", case.action, case.when));
        // The last branch: the variant when the case has one (it makes the situation).
        let mut setup = match lesson.file.variants.first() {
            Some(v) => Setup::variant(&lesson.file, &v.id).unwrap(),
            None => Setup::main(&lesson.file),
        };
        setup.config.argon2 = Argon2Params::cheap_for_tests();
        let run = Runner::from_setup(setup, 1).unwrap().finish();
        let last = run
            .frames
            .iter()
            .rev()
            .find(|f| f.action.name() == case.action)
            .unwrap_or_else(|| panic!("{}: no `{}` step ran", case.when, case.action));
        let want = format!("error:{}", case.exception);
        let got = last.field("outcome").unwrap();
        if got != want || !last.row.response.contains(case.message) {
            failures.push(format!(
                "{} / {}: want {want} `{}`, got {got}: {}",
                case.action, case.when, case.message, last.row.response
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The docs' table, as these cases write it.
fn answers_table() -> String {
    let mut table =
        String::from("| Action | Answer | Message contains | When |\n|---|---|---|---|\n");
    for case in CASES {
        table.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            case.action, case.exception, case.message, case.when
        ));
    }
    table
}

/// The lifetimes the mock uses, as the docs' table writes them.
fn lifetimes_table() -> String {
    let config = PoolConfig::default();
    let minutes = |secs: u64| secs / 60;
    let rows = [
        (
            "Access token",
            format!("{} min", minutes(config.access_token_validity_secs)),
            "`[pool.tokens] access_minutes` (5–1440)",
        ),
        (
            "ID token",
            format!("{} min", minutes(config.id_token_validity_secs)),
            "`[pool.tokens] id_minutes` (5–1440)",
        ),
        (
            "Refresh token",
            format!("{} days", config.refresh_token_validity_secs / 86_400),
            "`[pool.tokens] refresh_days` (1–3650)",
        ),
        (
            "Challenge session (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA)",
            format!("{} min", minutes(config.auth_session_validity_secs)),
            "fixed",
        ),
        (
            "Sign-up confirmation code",
            format!("{} h", CodeKind::SignUp.validity_secs(7) / 3600),
            "fixed",
        ),
        (
            "Password reset code (ForgotPassword)",
            format!("{} h", CodeKind::ForgotPassword.validity_secs(7) / 3600),
            "fixed",
        ),
        (
            "Temporary password (AdminCreateUser, FORCE_CHANGE_PASSWORD)",
            format!(
                "{} days",
                CodeKind::TemporaryPassword.validity_secs(7) / 86_400
            ),
            "`[pool.password_policy] temporary_password_validity_days` (0–365)",
        ),
        (
            "Lockout after 5 wrong passwords",
            format!(
                "1 s, doubling with each further failure, at most {} min",
                cogflow::cognito::LOCKOUT_MAX_SECS / 60
            ),
            "fixed",
        ),
    ];
    let mut table = String::from("| What | Lasts | Set by |\n|---|---|---|\n");
    for (what, lasts, set) in rows {
        table.push_str(&format!("| {what} | {lasts} | {set} |\n"));
    }
    table
}

fn guide_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenarios.md")
}

/// The byte range of the text between `<!-- name -->` and `<!-- /name -->` in `guide`.
fn section(guide: &str, name: &str) -> std::ops::Range<usize> {
    let open = format!("<!-- {name} -->\n");
    let start = guide
        .find(&open)
        .unwrap_or_else(|| panic!("docs/scenarios.md has no {open}"))
        + open.len();
    let end = guide[start..].find(&format!("<!-- /{name} -->")).unwrap() + start;
    start..end
}

#[test]
fn the_docs_list_exactly_these_answers_and_lifetimes() {
    let mut guide = std::fs::read_to_string(guide_path()).unwrap();
    let tables = [
        ("answers", answers_table()),
        ("lifetimes", lifetimes_table()),
    ];
    // `UPDATE_DOCS=1 cargo test --test it exceptions` rewrites the tables (review the diff).
    if std::env::var_os("UPDATE_DOCS").is_some() {
        for (name, table) in &tables {
            let range = section(&guide, name);
            guide.replace_range(range, table);
        }
        std::fs::write(guide_path(), &guide).unwrap();
    }
    for (name, table) in &tables {
        assert!(
            guide[section(&guide, name)] == **table,
            "docs/scenarios.md's {name} table is out of date (UPDATE_DOCS=1 rewrites it); it should be:\n{table}"
        );
    }
    assert_eq!(
        PreventUserExistenceErrors::default(),
        PreventUserExistenceErrors::Enabled,
        "the table says ENABLED is the default"
    );
}

#[test]
fn every_common_mistake_quotes_what_check_says_of_its_fixture() {
    let guide = std::fs::read_to_string(guide_path()).unwrap();
    let marker = "<!-- mistake: ";
    let mut checked = 0;
    for (at, _) in guide.match_indices(marker) {
        let rest = &guide[at + marker.len()..];
        let fixture = &rest[..rest.find(" -->").unwrap()];
        let block = &rest[rest.find("```text\n").unwrap() + "```text\n".len()..];
        let quoted = &block[..block.find("\n```").unwrap()];
        let path = crate::support::fixture(&format!("{fixture}.toml"));
        let output = crate::support::cogflow(&["check", &path]).run();
        // "file:line:col: severity: message" -> "severity: message"
        let said: Vec<&str> = output
            .stderr
            .lines()
            .filter_map(|l| l.strip_prefix(path.as_str()))
            .map(|l| l.splitn(4, ':').nth(3).unwrap_or_default().trim())
            .collect();
        assert!(
            said.iter().any(|s| s.contains(quoted)),
            "{fixture}: the guide quotes\n  {quoted}\nbut check says\n  {}",
            said.join("\n  ")
        );
        checked += 1;
    }
    assert!(checked >= 12, "{checked} mistakes checked");
}
