//! Where each step input's value comes from: one precedence table, first source with a value
//! wins.
//!
//! ```text
//!  highest ──────────────────────────────────────────────────────────────────────────▶ lowest
//!  try-it form │ variant at this step │ variant everywhere │ the step │ typed so far │ the pool
//! ```
//!
//! "Typed so far" is what the run's variables hold (the username and password entered at an
//! earlier step; a password counts only for the user it was typed for, and only until that
//! user's password changes); "the pool" is what the lesson's pool knows (its first user, a
//! user's current password and email, the code the user really received). The two readings of
//! a password differ only in their order: a user *typing* it types their own, an app *sending*
//! it sends what was typed.

use std::collections::BTreeMap;

use crate::scenario::model::{InputOverrides, StepSpec, UserSpec};

use crate::flow::vars::VarState;

/// The inputs a run overrides: the learner's "try it" form, the variant's `set`, and the
/// variant's values for single steps (by step id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The learner's own inputs (the "try it" form).
    pub try_it: InputOverrides,
    /// The variant's `set`: every step that reads an input.
    pub variant: InputOverrides,
    /// The variant's values for one step, by the step's id.
    pub at_step: BTreeMap<String, InputOverrides>,
}

/// Where a value can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The learner's "try it" form.
    TryIt,
    /// The variant's value for this one step.
    VariantAtStep,
    /// The variant's `set`.
    Variant,
    /// The step's own field.
    Step,
    /// What the run's variables hold: entered at an earlier step.
    Typed,
    /// What the lesson's pool knows.
    Pool,
}

/// What a step asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The username.
    Username,
    /// The password the user types (their own, unless told otherwise).
    TypedPassword,
    /// The password the app sends (what was typed).
    SentPassword,
    /// The temporary password an administrator sets (none: Cognito makes one).
    TemporaryPassword,
    /// The new password.
    NewPassword,
    /// The email address.
    Email,
    /// A code: confirmation, reset or authenticator.
    Code,
    /// How long `advance_clock` waits.
    Duration,
    /// How the device writes the SRP TIMESTAMP (a `strftime` pattern).
    Timestamp,
    /// A group to add the user to, or that an API requires.
    Group,
    /// The client secret the app holds.
    ClientSecret,
    /// How the token is tampered with.
    Tamper,
    /// The hosted UI's `redirect_uri`.
    RedirectUri,
    /// The PKCE code verifier sent to the token endpoint.
    CodeVerifier,
}

use Source::{Pool, Step, TryIt, Typed, Variant, VariantAtStep};

/// The sources of `ask`, highest precedence first.
#[must_use]
pub const fn precedence(ask: Ask) -> &'static [Source] {
    match ask {
        Ask::Username => &[TryIt, VariantAtStep, Variant, Step, Typed, Pool],
        Ask::TypedPassword => &[TryIt, VariantAtStep, Variant, Step, Pool, Typed],
        Ask::SentPassword => &[TryIt, VariantAtStep, Variant, Step, Typed, Pool],
        Ask::Email => &[TryIt, VariantAtStep, Variant, Step, Pool],
        Ask::Code => &[TryIt, VariantAtStep, Variant, Step, Pool],
        Ask::TemporaryPassword
        | Ask::NewPassword
        | Ask::Duration
        | Ask::Timestamp
        | Ask::Group
        | Ask::ClientSecret
        | Ask::Tamper
        | Ask::RedirectUri
        | Ask::CodeVerifier => &[TryIt, VariantAtStep, Variant, Step],
    }
}

/// Everything a step's inputs can be read from.
pub(crate) struct Lookup<'r> {
    /// The run's overrides.
    pub overrides: &'r Overrides,
    /// The step asking.
    pub step: &'r StepSpec,
    /// The run's variables.
    pub typed: &'r VarState,
    /// The user the typed password was typed for, while it is still theirs (`None` once their
    /// password has changed: the user would type the new one).
    pub typed_for: Option<&'r str>,
    /// The lesson's users.
    pub users: &'r [UserSpec],
    /// Each user's current password, as the run changed them (sign-up, reset, new password).
    pub passwords: &'r BTreeMap<String, String>,
}

impl Lookup<'_> {
    /// The username the step acts for (empty when nothing names one).
    pub fn username(&self) -> String {
        self.get(Ask::Username, "", None).unwrap_or_default()
    }

    /// The value of `ask` for `username`'s step, from the first source that has one;
    /// `received` is the code the user really received (for [`Ask::Code`]).
    pub fn get(&self, ask: Ask, username: &str, received: Option<&str>) -> Option<String> {
        precedence(ask)
            .iter()
            .find_map(|source| self.from(*source, ask, username, received))
    }

    fn from(
        &self,
        source: Source,
        ask: Ask,
        username: &str,
        received: Option<&str>,
    ) -> Option<String> {
        match source {
            // The learner's password is the user's until the run changes it (a reset, a new
            // password): from then on the user types the current one, as the lesson's steps
            // do (the try's new password stands in for the lesson's: see `Setup::try_it`).
            TryIt => overridden(&self.overrides.try_it, ask).filter(|typed| {
                !matches!(ask, Ask::TypedPassword | Ask::SentPassword)
                    || self.passwords.get(username).is_none_or(|now| now == typed)
            }),
            VariantAtStep => self
                .step
                .id
                .as_ref()
                .and_then(|id| self.overrides.at_step.get(id))
                .and_then(|set| overridden(set, ask)),
            Variant => overridden(&self.overrides.variant, ask),
            Step => step_field(self.step, ask),
            Typed => match ask {
                Ask::Username => self.typed.present("username").map(str::to_owned),
                Ask::TypedPassword | Ask::SentPassword => self
                    .typed
                    .present("password")
                    .filter(|_| self.typed_for == Some(username))
                    .map(str::to_owned),
                Ask::TemporaryPassword
                | Ask::NewPassword
                | Ask::Email
                | Ask::Code
                | Ask::Duration
                | Ask::Timestamp
                | Ask::Group
                | Ask::ClientSecret
                | Ask::Tamper
                | Ask::RedirectUri
                | Ask::CodeVerifier => None,
            },
            Pool => {
                let user = || self.users.iter().find(|u| u.username == username);
                match ask {
                    Ask::Username => self.users.first().map(|u| u.username.clone()),
                    Ask::TypedPassword | Ask::SentPassword => self
                        .passwords
                        .get(username)
                        .cloned()
                        .or_else(|| user().map(|u| u.password.clone())),
                    Ask::Email => user().and_then(|u| u.email.clone()),
                    Ask::Code => received.map(str::to_owned),
                    Ask::TemporaryPassword
                    | Ask::NewPassword
                    | Ask::Duration
                    | Ask::Timestamp
                    | Ask::Group
                    | Ask::ClientSecret
                    | Ask::Tamper
                    | Ask::RedirectUri
                    | Ask::CodeVerifier => None,
                }
            }
        }
    }
}

/// The value an override table (`set`, or the "try it" form) gives `ask`.
fn overridden(set: &InputOverrides, ask: Ask) -> Option<String> {
    match ask {
        Ask::Username => set.username.clone(),
        Ask::TypedPassword | Ask::SentPassword | Ask::TemporaryPassword => set.password.clone(),
        Ask::NewPassword => set.new_password.clone(),
        Ask::Email => set.email.clone(),
        Ask::Code => set.code.clone(),
        Ask::Duration => set.duration.clone(),
        Ask::Timestamp => set.timestamp.clone(),
        Ask::Group => set.group.clone(),
        Ask::ClientSecret => set.client_secret.clone(),
        Ask::Tamper => set.tamper.clone(),
        Ask::RedirectUri => set.redirect_uri.clone(),
        Ask::CodeVerifier => set.code_verifier.clone(),
    }
}

/// The step's own field for `ask`.
fn step_field(step: &StepSpec, ask: Ask) -> Option<String> {
    match ask {
        Ask::Username => step.username.clone(),
        Ask::TypedPassword | Ask::SentPassword | Ask::TemporaryPassword => step.password.clone(),
        Ask::NewPassword => step.new_password.clone(),
        Ask::Email => step.email.clone(),
        Ask::Code => step.code.clone(),
        Ask::Duration => step.duration.clone(),
        Ask::Timestamp => step.timestamp.clone(),
        Ask::Group => step.group.clone(),
        Ask::ClientSecret => step.client_secret.clone(),
        Ask::Tamper => step.tamper.clone(),
        Ask::RedirectUri => step.redirect_uri.clone(),
        Ask::CodeVerifier => step.code_verifier.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ask` with one value in each of `given` sources (as the source's own name), for user
    /// `ana` whose own password is `own`, with `received` as the received code.
    fn pick(ask: Ask, given: &[Source]) -> Option<String> {
        let value = |s: Source| given.contains(&s).then(|| format!("{s:?}"));
        let set = |s: Source| InputOverrides {
            username: value(s),
            password: value(s),
            new_password: value(s),
            code: value(s),
            email: value(s),
            duration: value(s),
            timestamp: value(s),
            group: value(s),
            client_secret: value(s),
            tamper: value(s),
            redirect_uri: value(s),
            code_verifier: value(s),
        };
        let overrides = Overrides {
            try_it: set(TryIt),
            variant: set(Variant),
            at_step: BTreeMap::from([("here".to_owned(), set(VariantAtStep))]),
        };
        let step = StepSpec {
            id: Some("here".to_owned()),
            username: value(Step),
            password: value(Step),
            new_password: value(Step),
            email: value(Step),
            code: value(Step),
            duration: value(Step),
            timestamp: value(Step),
            ..StepSpec::default()
        };
        let mut typed = VarState::new();
        if let Some(v) = value(Typed) {
            typed.set("username", v.clone());
            typed.set("password", v);
        }
        let users = [UserSpec {
            username: "ana".to_owned(),
            password: "own".to_owned(),
            email: Some("ana@example.com".to_owned()),
            ..serde_json::from_str(r#"{"username":"","password":""}"#).unwrap()
        }];
        let users = if given.contains(&Pool) {
            &users[..]
        } else {
            &[]
        };
        let lookup = Lookup {
            overrides: &overrides,
            step: &step,
            typed: &typed,
            typed_for: Some("ana"),
            users,
            passwords: &BTreeMap::new(),
        };
        lookup.get(ask, "ana", given.contains(&Pool).then_some("received"))
    }

    macro_rules! picks {
        ($($name:ident: $ask:ident, [$($source:ident),*] => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(pick(Ask::$ask, &[$($source),*]).as_deref(), $want);
            }
        )*};
    }

    picks! {
        try_it_beats_everything: SentPassword, [TryIt, VariantAtStep, Variant, Step, Typed, Pool] => Some("TryIt");
        variant_at_step_beats_variant: Code, [VariantAtStep, Variant, Step] => Some("VariantAtStep");
        variant_beats_step: Username, [Variant, Step, Typed] => Some("Variant");
        step_beats_typed: SentPassword, [Step, Typed, Pool] => Some("Step");
        sent_password_is_what_was_typed: SentPassword, [Typed, Pool] => Some("Typed");
        typed_password_is_the_users_own: TypedPassword, [Typed, Pool] => Some("own");
        typed_password_falls_back_to_typed: TypedPassword, [Typed] => Some("Typed");
        username_typed_beats_first_user: Username, [Typed, Pool] => Some("Typed");
        username_defaults_to_first_user: Username, [Pool] => Some("ana");
        email_is_the_users_own: Email, [Pool] => Some("ana@example.com");
        code_is_the_received_one: Code, [Pool] => Some("received");
        code_is_never_typed_over: Code, [Typed] => None;
        temporary_password_has_no_default: TemporaryPassword, [Typed, Pool] => None;
        new_password_from_the_step: NewPassword, [Step, Typed, Pool] => Some("Step");
        duration_from_the_variant: Duration, [Variant, Step] => Some("Variant");
        timestamp_from_the_variant: Timestamp, [Variant, Step, Typed, Pool] => Some("Variant");
    }

    #[test]
    fn a_typed_password_counts_for_its_user_and_the_pool_knows_changed_ones() {
        let mut typed = VarState::new();
        typed.set("password", "typed-for-ana");
        let users: Vec<UserSpec> = ["ana", "bob"]
            .map(|name| {
                serde_json::from_str(&format!(
                    r#"{{"username":"{name}","password":"{name}-own"}}"#
                ))
                .unwrap()
            })
            .to_vec();
        let passwords = BTreeMap::from([("bob".to_owned(), "bob-reset".to_owned())]);
        let step = StepSpec::default();
        let overrides = Overrides::default();
        let lookup = |typed_for| Lookup {
            overrides: &overrides,
            step: &step,
            typed: &typed,
            typed_for,
            users: &users,
            passwords: &passwords,
        };
        let sent = |typed_for, user| lookup(typed_for).get(Ask::SentPassword, user, None);
        assert_eq!(sent(Some("ana"), "ana").as_deref(), Some("typed-for-ana"));
        assert_eq!(sent(Some("ana"), "bob").as_deref(), Some("bob-reset"));
        assert_eq!(sent(None, "ana").as_deref(), Some("ana-own"));
        assert_eq!(
            lookup(Some("ana"))
                .get(Ask::TypedPassword, "ana", None)
                .as_deref(),
            Some("ana-own")
        );
    }

    #[test]
    fn every_ask_starts_with_the_overrides_in_order() {
        for ask in [
            Ask::Username,
            Ask::TypedPassword,
            Ask::SentPassword,
            Ask::TemporaryPassword,
            Ask::NewPassword,
            Ask::Email,
            Ask::Code,
            Ask::Duration,
            Ask::Timestamp,
            Ask::Group,
            Ask::ClientSecret,
            Ask::Tamper,
        ] {
            assert_eq!(
                precedence(ask)[..4],
                [TryIt, VariantAtStep, Variant, Step],
                "{ask:?}"
            );
        }
    }
}
