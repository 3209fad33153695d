//! The commented template `cogflow new` writes: every section, every field explained, and a
//! complete small lesson that passes `cogflow check`.

/// The template, with `{{ID}}` where the scenario id goes.
const TEMPLATE: &str = r#"# A cogflow scenario: one lesson on how Amazon Cognito signs a user in.
#
# cogflow runs the steps below against its mock user pool and computes every Cognito response,
# result and variable itself; this file only labels and explains them. It cannot fake an outcome.
#
# Check it:            cogflow check {{PATH}}
# See the whole run:   cogflow transcript {{PATH}}            (add --variant ID, --format json)
# Open it:             cogflow run {{PATH}}
# Editor completion:   cogflow schema > scenario.schema.json  (see docs/scenarios.md)
# Lines starting with # are comments; delete the ones you no longer need.

format_version = 2                  # required; 2 adds branch-only steps, `at`, richer `when` (1 still reads)

[scenario]
id = "{{ID}}"                        # lowercase letters, digits and -; `cogflow run {{ID}}`
title = "Signing in with a username and password"
topic = "AWS"                       # optional tag shown with the title
minutes = 10                        # optional estimate
summary = "The app sends the user's credentials to Cognito, which checks them and returns tokens."
# The variables shown in the status tracker, in this order. Default: the four below.
# Others: idToken accessToken refreshToken challenge userStatus failedAttempts session code
#         lastError clock enabled newPassword email
track = ["username", "password", "authStatus", "token"]
table_note = "Sign-in ends with tokens, or with an error."  # optional: shown under the process table
shuffle_choices = false             # true: quiz choices shuffled (seeded, so a class can compare)
# outcome = "Signed in"             # how the main path ends, in words (default: the last step's Result)

[pool]                              # the user pool the lesson starts from
region = "us-east-1"
# pool_id = "us-east-1_AbC123xyz"   # optional; generated from the seed when absent
# client_id = "3n4b5urk1ft4fl3mg5e62d9ado"  # optional; generated when absent
# The app client's ExplicitAuthFlows. Cognito's default leaves out ALLOW_USER_PASSWORD_AUTH,
# which the password steps below need (without it Cognito answers InvalidParameterException).
auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
# ENABLED: an unknown user gets "Incorrect username or password." like a wrong password.
# LEGACY:  an unknown user gets UserNotFoundException.
prevent_user_existence_errors = "ENABLED"
clock_start = 2026-01-15T09:00:00Z  # the lesson clock (a TOML datetime, no quotes)

[pool.password_policy]              # every field defaults to Cognito's default policy
min_length = 8                      # 6 to 99
require_uppercase = true
require_lowercase = true
require_numbers = true
require_symbols = true
temporary_password_validity_days = 7
# note = "Why this lesson relaxes the policy."  # needed (as a warning) when weaker than the default

[pool.tokens]                       # app client token lifetimes
access_minutes = 60                 # 5 to 1440
id_minutes = 60                     # 5 to 1440
refresh_days = 30                   # 1 to 3650

[[pool.users]]                      # one table per user
username = "ana"
password = "Correct-Horse-42"       # hashed with argon2id when the pool is built
status = "CONFIRMED"                # UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED
enabled = true
email = "ana@example.com"
# email_verified = true             # default: true when email is set and the user is confirmed
# totp = false                      # true: the user has an authenticator app (SOFTWARE_TOKEN_MFA)
attributes = { name = "Ana" }       # other attributes, e.g. "custom:plan" = "pro"

[diagram]                           # the process flow: boxes top to bottom
caption = "The app sends credentials; Cognito checks them and answers with tokens or an error."

[[diagram.nodes]]
id = "enter"                        # steps light a node up with node = "enter"
label = "User enters credentials"

[[diagram.nodes]]
id = "verify"
label = "Cognito verifies credentials"
yes = "tokens"                      # a decision: where "Yes" goes...
no = "error"                        # ...and where "No" goes (drawn to the side)

[[diagram.nodes]]
id = "tokens"
label = "App receives tokens"

[[diagram.nodes]]
id = "access"
label = "User is signed in"
next = ""                           # "" ends the flow here (default: the next node)

[[diagram.nodes]]
id = "error"
label = "Error shown"

[sample]                            # the execution sample: short numbered lines
language = "AWS"
lines = [
  "1. User types a username and password",
  "2. App calls InitiateAuth (USER_PASSWORD_AUTH)",
  "3. Cognito checks the password against its hash",
  "4. Cognito returns tokens or an error",
  "5. App checks the ID token and signs the user in",
]
caption = "Steps mark the line they act out with sample_line."

# The steps, in order. Each has an action from the vocabulary (docs/scenarios.md lists them all
# with the inputs they read). Labels are optional: each action has default wording.
# `when` makes a step conditional on the latest Cognito call: always (default), success, error,
# error:<Exception> (e.g. error:NotAuthorizedException), challenge, challenge:<NAME>; join them
# with | (or), negate with not, and match an exception's message with a quoted text:
#   when = 'error:NotAuthorizedException "User is disabled."'
# `only_in = ["variant-id"]` / `not_in = ["main"]` put a step in some branches only.

[[steps]]
id = "enter"                        # optional; moments and questions can refer to it
action = "enter_credentials"        # reads username and password
username = "ana"                    # default: the pool's first user
# password = "Correct-Horse-42"     # default: that user's password
label = "User enters credentials"   # the Action column
result = "Credentials ready"        # the Result column when the step succeeds
node = "enter"
sample_line = 1
explain = "The user types a username and password. Nothing has left the device yet."

[[steps]]
id = "send"
action = "send_credentials"         # InitiateAuth phase 1: the request reaches Cognito
label = "App sends credentials to Cognito"
response = "Checking credentials"   # the Cognito Response column (an error shows the real exception)
result = "Waiting for response"
sample_line = 2
explain = "The app calls InitiateAuth with AuthFlow USER_PASSWORD_AUTH; the password travels in the request, over TLS."
snippet = """await cognito.send(new InitiateAuthCommand({
  AuthFlow: "USER_PASSWORD_AUTH",
  ClientId: CLIENT_ID,
  AuthParameters: { USERNAME: username, PASSWORD: password },
}));"""

[[steps]]
id = "verify"
action = "verify_credentials"       # InitiateAuth phase 2: the outcome is known
label = "Cognito verifies credentials"
response = "Valid"
result = "Authentication success"
error_result = "Authentication failed"  # the Result column when the call fails
node = "verify"
sample_line = 3
explain = "Cognito hashes what was sent and compares it with the stored hash."
error_explain = "A check failed: the Cognito Response column says which."  # shown when the call fails

[steps.predict]                     # optional: asked before the step is shown
prompt = "What will Cognito answer?"
choices = [
  "Valid",
  "NotAuthorizedException: Incorrect username or password.",
  "NotAuthorizedException: User is disabled.",
]
field = "response"                  # the right choice is the one equal to the run's response,
                                    # so it stays right in every variant (or: answer = "A");
                                    # `cogflow check` runs every variant to make sure of it
explanation = "It depends only on whether the password matches the stored hash."

[[steps]]
id = "tokens"
action = "return_result"            # InitiateAuth phase 3: tokens, a challenge or an error
when = "success"
label = "Cognito returns tokens"
input = "N/A"                       # the Input column (default: what the step really sends)
response = "JWT tokens"
result = "Tokens received by app"
node = "tokens"
sample_line = 4
explain = "Cognito answers with an ID token, an access token (both signed JWTs) and a refresh token."

[[steps]]
id = "access"
action = "grant_access"             # the app verifies the token against the JWKS
when = "success"
token = "id"                        # which token: id, access or refresh
label = "App grants access"
result = "User signed in"
node = "access"
sample_line = 5
explain = "The app checks the signature, expiry, issuer, audience and token_use before trusting the token."

[[steps]]
id = "rejected"
action = "return_result"
when = "error"
label = "Cognito returns an error"
input = "N/A"
error_result = "No token issued"
node = "error"
sample_line = 4
explain = "A wrong password and an unknown user get the same message, so attackers learn nothing."

[[steps]]
id = "error"
action = "show_error"               # the app shows the latest call's error
when = "error"
label = "App shows error"
result = "Sign-in failed"
node = "error"
explain = "The user stays signed out and can try again."

[[steps]]
id = "support"
action = "show_error"
only_in = ["disabled-user"]         # this step exists only in that variant's run
when = 'error:NotAuthorizedException "User is disabled."'
label = "App tells the user to contact support"
explain = "Same exception as a wrong password, another message: retrying will not help."

# More actions: sign_in (InitiateAuth in one step), sign_up, confirm_sign_up,
# resend_confirmation_code, admin_create_user, answer_new_password, answer_totp, refresh_tokens,
# get_user, global_sign_out, revoke_token, forgot_password, confirm_forgot_password,
# admin_disable_user, admin_enable_user, advance_clock (duration = "61m"), verify_token, narrate;
# SRP (USER_SRP_AUTH): compute_srp_a, send_srp_a, compute_srp_proof, send_srp_proof (the built-in
# srp-sign-in lesson shows them with verify_credentials and return_result).

# Variants: the same lesson with some inputs overridden. `cogflow run --variant wrong-password`.
[[variants]]
id = "wrong-password"
title = "What if the password is wrong?"
description = "Cognito takes the 'No' branch: NotAuthorizedException, no tokens."
set = { password = "Correct-Horse-43" }  # username, password, new_password, code, email, duration, timestamp
at.verify = { explain = "The hashes differ: this password is not the one Ana set." }  # one step only

[[variants]]
id = "unknown-user"
title = "What if the user does not exist?"
description = "With PreventUserExistenceErrors ENABLED the answer is the same as for a wrong password."
set = { username = "nobody", password = "Any-Password-1" }  # an unknown user: allowed here, not in a step

[[variants]]
id = "disabled-user"
title = "What if an administrator disabled the account?"
users = { ana = { enabled = false } }  # per user: status, enabled, password, totp

[[moments]]                         # key moments: insights linked to steps
title = "Why does the app check the token itself?"
text = "Anyone can send the app a token; only the signature, checked against the pool's JWKS, proves Cognito issued it."
steps = ["tokens", "access"]        # step ids or numbers (1-based)

[[questions]]
id = "q1"                           # stable: recorded with results
prompt = "What is the Cognito response at step 3?"
choices = ["Valid", "JWT tokens", "Checking credentials"]  # 2 to 6, lettered A, B, C...
answer = "A"
hints = [                           # at least one; shown one at a time when asked for (h)
  "Look at the Cognito Response column at step 3.",
  "Step 3 is where Cognito compares the password with the stored hash.",
]
explanation = "At step 3 Cognito has checked the password and found it valid; tokens come at step 4."
about_step = "verify"               # "jump to the step"
proof = { step = 3, field = "response" }  # check compares the answer with the run

[[questions]]
id = "q2"
prompt = "With a wrong password, what does Cognito answer at step 4?"
choices = ["JWT tokens", "NotAuthorizedException", "UserNotFoundException"]
answer = "B"
hints = ["Switch to the wrong-password variant and read the Cognito Response column at step 4."]
about_step = "rejected"
proof = { variant = "wrong-password", step = "rejected", field = "response", expect = "NotAuthorizedException" }  # a step id or a run step number

[snapshot]                          # the concept snapshot: one takeaway per line
lines = [
  "Cognito checks the password against a stored hash, never the password itself.",
  "A correct password gets signed tokens; a wrong one gets NotAuthorizedException.",
  "The app trusts a token only after verifying it against the pool's JWKS.",
]

[transcript]                        # the full transcript, as prose
text = """The user enters a username and password. The app sends them to Cognito with \
InitiateAuth. Cognito checks the password against its stored hash. If it matches, Cognito \
returns tokens and the app, after verifying the ID token, signs the user in. If not, Cognito \
answers NotAuthorizedException and the app shows an error."""
"#;

/// The template for a scenario with this `id`, referring to itself as `path`.
#[must_use]
pub fn render(id: &str, path: &str) -> String {
    TEMPLATE.replace("{{ID}}", id).replace("{{PATH}}", path)
}

/// A scenario id made from a file name: `My Lesson.toml` → `my-lesson`.
#[must_use]
pub fn id_from_stem(stem: &str) -> String {
    let mut id = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "my-lesson".to_owned()
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Origin, load};

    #[test]
    fn template_passes_check_without_warnings() {
        let text = render("my-lesson", "lessons/my-lesson.toml");
        let loaded = load(
            "template.toml",
            text.as_bytes(),
            Origin::Builtin("template"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let file = &loaded.file;
        assert_eq!(file.scenario.id, "my-lesson");
        assert!(file.diagram.is_some() && file.sample.is_some());
        assert!(file.snapshot.is_some() && file.transcript.is_some());
        assert_eq!(file.variants.len(), 3);
        assert!(!file.moments.is_empty() && !file.questions.is_empty());
        assert!(text.contains("cogflow check lessons/my-lesson.toml"));
    }

    #[test]
    fn ids_from_file_names() {
        for (stem, id) in [
            ("my-lesson", "my-lesson"),
            ("My Lesson", "my-lesson"),
            ("mfa_totp 2", "mfa-totp-2"),
            ("--x--", "x"),
            ("Ünïcode", "n-code"),
            ("", "my-lesson"),
            ("???", "my-lesson"),
        ] {
            assert_eq!(id_from_stem(stem), id, "{stem}");
        }
    }
}
