//! The action dispatch: one arm per action of the vocabulary, no catch-all, so a new action
//! does not compile until it is decided here. The arms that call Cognito live beside it, in
//! `auth.rs` (InitiateAuth and its challenges), `srp.rs` (the device's side of USER_SRP_AUTH),
//! `mfa_setup.rs` (adding an authenticator), `groups.rs`, `secret_hash.rs`, `tamper.rs`,
//! `hosted.rs` (the hosted UI's OAuth endpoints) and `account.rs` (every other operation); the
//! app's own actions (typing, showing, checking a token offline, waiting) are here.

use crate::cognito::{CognitoError, UserPool};
use crate::scenario::model::{Action, StepSpec, TokenKind};
use crate::scenario::vocab;

use super::Runner;
use super::call::Call;
use super::inputs::{Ask, Lookup};
use super::record::Effect;
use crate::flow::labels;

impl Runner {
    /// Runs `step`'s action against the pool and says what it did.
    pub(super) fn perform(&mut self, step: &StepSpec) -> Effect {
        let mut effect = Effect::new(labels::success_labels(step.action).0);
        match step.action {
            Action::Narrate => {}
            Action::EnterCredentials => self.enter_credentials(step),
            Action::SendCredentials => self.send_credentials(step, &mut effect),
            Action::VerifyCredentials => self.verify_credentials(step, &mut effect),
            Action::ReturnResult => self.return_result(step, &mut effect),
            Action::SignIn => self.sign_in(step, &mut effect),
            Action::ComputeSrpA => self.compute_srp_a(&mut effect),
            Action::SendSrpA => self.send_srp_a(step, &mut effect),
            Action::ComputeSrpProof => self.compute_srp_proof(step, &mut effect),
            Action::SendSrpProof => self.send_srp_proof(step, &mut effect),
            Action::GrantAccess => self.check_token(step, true, &mut effect),
            Action::VerifyToken => self.check_token(step, false, &mut effect),
            Action::ShowError => self.show_error(&mut effect),
            Action::AdvanceClock => self.advance_clock(step, &mut effect),
            Action::SignUp => self.sign_up(step, &mut effect),
            Action::ConfirmSignUp => self.confirm_sign_up(step, &mut effect),
            Action::ResendConfirmationCode => self.resend_confirmation_code(step, &mut effect),
            Action::AdminCreateUser => self.admin_create_user(step, &mut effect),
            Action::AnswerNewPassword | Action::AnswerTotp => {
                self.answer_challenge(step, &mut effect);
            }
            Action::RefreshTokens => self.refresh_tokens(step, &mut effect),
            Action::GetUser => self.get_user(step, &mut effect),
            Action::GlobalSignOut => self.global_sign_out(step, &mut effect),
            Action::RevokeToken => self.revoke_token(step, &mut effect),
            Action::ForgotPassword => self.forgot_password(step, &mut effect),
            Action::ConfirmForgotPassword => self.confirm_forgot_password(step, &mut effect),
            Action::AdminDisableUser => self.admin_set_enabled(step, false, &mut effect),
            Action::AdminEnableUser => self.admin_set_enabled(step, true, &mut effect),
            Action::ComputeSecretHash => self.compute_secret_hash(step, &mut effect),
            Action::AdminAddUserToGroup => self.admin_add_user_to_group(step, &mut effect),
            Action::AuthorizeGroup => self.authorize_group(step, &mut effect),
            Action::AssociateSoftwareToken => self.associate_software_token(step, &mut effect),
            Action::VerifySoftwareToken => self.verify_software_token(step, &mut effect),
            Action::AnswerMfaSetup => self.answer_mfa_setup(step, &mut effect),
            Action::TamperToken => self.tamper_token(step, &mut effect),
            Action::MakePkce => self.make_pkce(&mut effect),
            Action::OpenAuthorize => self.open_authorize(step, &mut effect),
            Action::SubmitLogin => self.submit_login(step, &mut effect),
            Action::ExchangeCode => self.exchange_code(step, &mut effect),
            Action::CallUserInfo => self.call_user_info(step, &mut effect),
        }
        effect
    }

    /// Where `step`'s inputs are read from.
    pub(super) fn lookup<'r>(&'r self, step: &'r StepSpec) -> Lookup<'r> {
        Lookup {
            overrides: &self.setup.overrides,
            step,
            typed: self.recorder.state(),
            typed_for: self.typed_for.as_deref(),
            users: &self.setup.users,
            passwords: &self.passwords,
        }
    }

    /// The username `step` acts for.
    pub(super) fn username(&self, step: &StepSpec) -> String {
        self.lookup(step).username()
    }

    /// The value of `ask` for `step`, acting for `username`.
    pub(super) fn input(&self, step: &StepSpec, ask: Ask, username: &str) -> Option<String> {
        self.lookup(step).get(ask, username, None)
    }

    /// Sends one request to the pool, records the call on `effect`, and says whether it
    /// succeeded.
    pub(super) fn send<Req, Resp>(
        &mut self,
        operation: &str,
        request: Req,
        effect: &mut Effect,
        op: impl FnOnce(&mut UserPool, Req) -> Result<Resp, CognitoError>,
    ) -> bool
    where
        Req: serde::Serialize,
        Resp: serde::Serialize,
    {
        let body = to_json(&request);
        let result = op(&mut self.pool, request).map(|response| to_json(&response));
        let succeeded = result.is_ok();
        let call = Call {
            operation: operation.to_owned(),
            request: body,
            result,
            checks: Vec::new(),
            srp: None,
        };
        self.recorder.absorb(&self.pool, call, effect);
        succeeded
    }

    /// The token `step` sends (its `token`, else `usual`), as the app holds it (empty when it
    /// holds none); the Input column names it when it is not the usual one.
    pub(super) fn held_token(
        &self,
        step: &StepSpec,
        usual: TokenKind,
        effect: &mut Effect,
    ) -> String {
        let kind = step.token.unwrap_or(usual);
        if kind != usual {
            effect.input = token_words(kind).to_owned();
        }
        let tokens = self.recorder.tokens();
        match kind {
            TokenKind::Id => tokens.id.clone(),
            TokenKind::Access => tokens.access.clone(),
            TokenKind::Refresh => tokens.refresh.clone(),
        }
        .unwrap_or_default()
    }

    /// The user types a username and password (their own, unless the lesson says otherwise).
    fn enter_credentials(&mut self, step: &StepSpec) {
        let username = self.username(step);
        let password = self
            .input(step, Ask::TypedPassword, &username)
            .unwrap_or_default();
        self.typed(&username, &password);
    }

    /// The user types `username` and `password` into the app (the `username` and `password`
    /// variables; the password counts as `username`'s).
    pub(super) fn typed(&mut self, username: &str, password: &str) {
        self.recorder.set("username", username);
        self.recorder.set("password", password);
        self.typed_for = Some(username.to_owned());
    }

    /// `username`'s password is now `password` (a sign-up, a reset, a new password): what the
    /// pool knows from now on, and what was typed before no longer is theirs.
    pub(super) fn password_changed(&mut self, username: &str, password: &str) {
        self.passwords
            .insert(username.to_owned(), password.to_owned());
        if self.typed_for.as_deref() == Some(username)
            && self.recorder.state().present("password") != Some(password)
        {
            self.typed_for = None;
        }
    }

    /// The app shows the latest error, if there is one.
    fn show_error(&mut self, effect: &mut Effect) {
        effect.input = if self.recorder.state().present("lastError").is_some() {
            "Error"
        } else {
            "N/A"
        }
        .to_owned();
        self.recorder.set("authStatus", "error");
    }

    /// The lesson clock moves on.
    fn advance_clock(&mut self, step: &StepSpec, effect: &mut Effect) {
        let text = self
            .input(step, Ask::Duration, "")
            .unwrap_or_else(|| "0s".to_owned());
        match vocab::parse_duration(&text) {
            Ok(seconds) => {
                self.pool.advance(seconds);
                effect.input = text;
                effect.response = Some("N/A".to_owned());
            }
            Err(message) => effect.notes.push(message),
        }
    }

    /// The app checks a token it holds offline, against the JWKS; `grant` lets the user in
    /// when the checks pass (`grant_access`) rather than only checking (`verify_token`).
    fn check_token(&mut self, step: &StepSpec, grant: bool, effect: &mut Effect) {
        let kind = step.token.unwrap_or(TokenKind::Id);
        if !grant {
            effect.input = token_words(kind).to_owned();
        }
        let verification = self.recorder.verify(&self.pool, kind, effect);
        self.token_verdict(verification, grant, effect);
    }

    /// The app's verdict on a token it checked: `grant` lets the user in when every check
    /// passed; a failed check is the app's own `TokenRejected`.
    pub(super) fn token_verdict(
        &mut self,
        verification: crate::flow::frame::Verification,
        grant: bool,
        effect: &mut Effect,
    ) {
        if verification.passed() {
            if grant {
                self.recorder.set("authStatus", "authenticated");
            }
            effect.outcome = self.recorder.record_success();
        } else {
            let failed = verification
                .checks
                .iter()
                .find(|c| !c.passed)
                .map_or_else(String::new, |c| format!("{}: {}", c.name, c.detail));
            if grant {
                self.recorder.set("authStatus", "denied");
            }
            effect.outcome = self.recorder.record_failure(vocab::TOKEN_REJECTED, &failed);
            effect.notes.push(
                "TokenRejected is the app's own verdict, not a Cognito exception: \
                 the app checked the token offline against the JWKS."
                    .to_owned(),
            );
        }
        effect.verification = Some(verification);
    }
}

/// "ID token", "access token" or "refresh token".
fn token_words(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Id => "ID token",
        TokenKind::Access => "access token",
        TokenKind::Refresh => "refresh token",
    }
}

/// A request or response as the JSON Cognito sends (these shapes always serialise).
pub(super) fn to_json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
