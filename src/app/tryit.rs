//! Mode 9's "try it" form: the inputs the lesson's steps take (a username and a password, and
//! where a step takes one, a confirmation or TOTP code and a new password), each prefilled
//! with the lesson's value so Enter reproduces the main path, each editable. The fields are
//! derived from the actions of the lesson's main-path steps ([`Action::inputs`]), not listed
//! per lesson. The passwords are masked unless revealed (Ctrl-R, for one sitting of the form),
//! and masked in every frame of the try. What the learner types is not cut to Cognito's limits
//! (128 for a username, 256 for a password): Cognito's own validation answers an over-long
//! value, a wrong code its CodeMismatchException, a weak new password its
//! InvalidPasswordException.

use crate::app::WorkerEvent;
use crate::flow::{Frame, Vars};
use crate::scenario::model::{Action, InputOverrides, ScenarioFile};
use crate::scenario::vocab::Input;

/// The longest input the form takes: far past Cognito's limits (so its own validation error
/// answers an over-long value); only a runaway paste stops here, and the form says so.
pub const MAX_LEN: usize = 4096;

/// A form field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Field {
    /// The username.
    #[default]
    Username,
    /// The password.
    Password,
    /// A code the user types: see [`CodeKind`].
    Code,
    /// The new password (a first sign-in's, a reset's).
    NewPassword,
}

/// Which code a lesson's user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// The code Cognito emailed: to confirm a sign-up or a password reset.
    Confirmation,
    /// The authenticator app's current code.
    Totp,
}

/// The code `action` has the user type, if any. The hosted UI's authorization code is not
/// one: the browser carries it to the app in the redirect, nobody types it.
#[must_use]
pub const fn typed_code(action: Action) -> Option<CodeKind> {
    match action {
        Action::ConfirmSignUp | Action::ConfirmForgotPassword => Some(CodeKind::Confirmation),
        Action::AnswerTotp | Action::VerifySoftwareToken => Some(CodeKind::Totp),
        _ => None,
    }
}

/// The fields the lesson's main-path steps take, in the form's order, and which code the
/// code field is (the first step's that types one).
#[must_use]
pub fn fields_of(file: &ScenarioFile) -> (Vec<Field>, Option<CodeKind>) {
    let main: Vec<Action> = file
        .steps
        .iter()
        .filter(|s| s.only_in.is_none())
        .map(|s| s.action)
        .collect();
    let reads = |input: Input| main.iter().any(|a| a.inputs().contains(&input));
    let code = main.iter().find_map(|a| typed_code(*a));
    let fields = [
        (Field::Username, reads(Input::Username)),
        (Field::Password, reads(Input::Password)),
        (Field::Code, code.is_some()),
        (Field::NewPassword, reads(Input::NewPassword)),
    ]
    .into_iter()
    .filter_map(|(field, taken)| taken.then_some(field))
    .collect();
    (fields, code)
}

/// True when the password the form takes is a temporary one: the lesson's first step that
/// takes a password is an administrator creating the user (first-sign-in), so the user signs
/// in with it and then chooses the new password.
#[must_use]
pub fn password_is_temporary(file: &ScenarioFile) -> bool {
    file.steps
        .iter()
        .filter(|s| s.only_in.is_none())
        .find(|s| s.action.inputs().contains(&Input::Password))
        .is_some_and(|s| s.action == Action::AdminCreateUser)
}

/// The lesson's own values for the code and the new password: the code the main path's user
/// typed at its first code step (`frames`: the main path's, computed or laid out), the new
/// password its first step that chooses one sets.
#[must_use]
pub fn lesson_values(file: &ScenarioFile, frames: &[Frame]) -> (String, String) {
    let code = frames
        .iter()
        .find(|f| typed_code(f.action).is_some())
        .map(|f| f.vars.value("code").to_owned())
        .unwrap_or_default();
    let new_password = file
        .steps
        .iter()
        .filter(|s| s.only_in.is_none() && s.action.inputs().contains(&Input::NewPassword))
        .find_map(|s| s.new_password.clone())
        .unwrap_or_default();
    (code, new_password)
}

/// The form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TryIt {
    /// The field being typed into.
    pub field: Field,
    /// The fields shown, in order (see [`fields_of`]).
    pub fields: Vec<Field>,
    /// Which code the code field takes.
    pub code_kind: Option<CodeKind>,
    /// The username typed.
    pub username: String,
    /// The password typed. Never saved anywhere; cleared once the try runs.
    pub password: String,
    /// The code typed.
    pub code: String,
    /// The new password typed. Never saved anywhere; cleared once the try runs.
    pub new_password: String,
    /// The lesson's code, as prefilled: left so, it stands for the code this try's user
    /// receives (a new one each sitting), not for the main path's old one.
    pub lesson_code: String,
    /// The lesson's new password, as prefilled.
    pub lesson_new_password: String,
    /// Show the passwords instead of dots.
    pub reveal: bool,
}

impl Default for TryIt {
    /// A username and a password, as a lesson without codes or new passwords has.
    fn default() -> Self {
        Self {
            field: Field::Username,
            fields: vec![Field::Username, Field::Password],
            code_kind: None,
            username: String::new(),
            password: String::new(),
            code: String::new(),
            new_password: String::new(),
            lesson_code: String::new(),
            lesson_new_password: String::new(),
            reveal: false,
        }
    }
}

impl TryIt {
    /// Starts typing on the first field (the form has just been given the keyboard), the
    /// passwords hidden again (Ctrl-R shows them for one sitting of the form, not for good).
    pub fn open(&mut self) {
        self.field = self.fields.first().copied().unwrap_or_default();
        self.reveal = false;
    }

    /// [`Self::open`] on `file`'s fields; an empty code or new password is filled with the
    /// lesson's (`main`: the main path's frames so far, for its code).
    pub fn open_on(&mut self, file: &ScenarioFile, main: &[Frame]) {
        (self.fields, self.code_kind) = fields_of(file);
        let (code, new_password) = lesson_values(file, main);
        if self.code.is_empty() || self.code == self.lesson_code {
            self.code.clone_from(&code);
        }
        if self.new_password.is_empty() {
            self.new_password.clone_from(&new_password);
        }
        (self.lesson_code, self.lesson_new_password) = (code, new_password);
        self.open();
    }

    fn value_mut(&mut self) -> &mut String {
        match self.field {
            Field::Username => &mut self.username,
            Field::Password => &mut self.password,
            Field::Code => &mut self.code,
            Field::NewPassword => &mut self.new_password,
        }
    }

    /// Types a character into the field. Controls and bidirectional overrides (a paste can
    /// hold them) are not taken: they would hide or reorder what the form shows.
    ///
    /// Returns false when the field is full ([`MAX_LEN`]): the caller says so.
    pub fn type_char(&mut self, c: char) -> bool {
        if crate::sanitize::is_unsafe(c) {
            return true;
        }
        let value = self.value_mut();
        if value.chars().count() >= MAX_LEN {
            return false;
        }
        value.push(c);
        true
    }

    /// Deletes the last character of the field.
    pub fn backspace(&mut self) {
        self.value_mut().pop();
    }

    /// Moves to the next field (from the last, to the first).
    pub fn next_field(&mut self) {
        self.step_field(1);
    }

    /// Moves to the field before (from the first, to the last).
    pub fn previous_field(&mut self) {
        self.step_field(self.fields.len().saturating_sub(1));
    }

    fn step_field(&mut self, by: usize) {
        let at = self.fields.iter().position(|f| *f == self.field);
        if let Some(at) = at {
            self.field = self.fields[(at + by) % self.fields.len()];
        }
    }

    /// `field`'s value as shown: a password (old or new) is one dot per character unless
    /// revealed.
    #[must_use]
    pub fn shown(&self, field: Field) -> String {
        let secret = |value: &String| {
            if self.reveal {
                value.clone()
            } else {
                dots(value)
            }
        };
        match field {
            Field::Username => self.username.clone(),
            Field::Password => secret(&self.password),
            Field::Code => self.code.clone(),
            Field::NewPassword => secret(&self.new_password),
        }
    }

    /// The password as shown: itself when revealed, else one dot per character.
    #[must_use]
    pub fn shown_password(&self) -> String {
        self.shown(Field::Password)
    }

    /// True when the form has a field for the code, still as the lesson had it: the try uses
    /// the code its user receives.
    #[must_use]
    pub fn code_as_the_lesson_has_it(&self) -> bool {
        self.fields.contains(&Field::Code) && self.code == self.lesson_code
    }

    /// The inputs to run with, taking the passwords out of the form (hidden again for the
    /// next try); `None` when the form has a username field left empty. A code left as the
    /// lesson had it is not sent as typed: the try's user receives a new one, and types that.
    pub fn overrides(&mut self) -> Option<InputOverrides> {
        let has = |field| self.fields.contains(&field);
        let username = self.username.trim().to_owned();
        if has(Field::Username) && username.is_empty() {
            return None;
        }
        self.reveal = false;
        let code =
            (has(Field::Code) && !self.code_as_the_lesson_has_it()).then(|| self.code.clone());
        Some(InputOverrides {
            username: has(Field::Username).then_some(username),
            password: has(Field::Password).then(|| std::mem::take(&mut self.password)),
            code,
            new_password: has(Field::NewPassword).then(|| std::mem::take(&mut self.new_password)),
            ..InputOverrides::default()
        })
    }
}

/// The values a try must not show: what the learner typed as a password.
#[must_use]
pub fn secrets(overrides: &InputOverrides) -> Vec<String> {
    [&overrides.password, &overrides.new_password]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect()
}

/// One dot per character.
fn dots(secret: &str) -> String {
    "•".repeat(secret.chars().count())
}

fn mask_vars(vars: &mut Vars, secrets: &[String]) {
    for var in &mut vars.0 {
        if secrets.contains(&var.value) {
            var.value = dots(&var.value);
        }
    }
}

fn mask_json(value: &mut serde_json::Value, secrets: &[String]) {
    match value {
        serde_json::Value::String(text) if secrets.contains(text) => *text = dots(text),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| mask_json(v, secrets)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| mask_json(v, secrets)),
        _ => {}
    }
}

/// Masks the typed passwords in a frame: the tracker's variables (modes 1 and 4) and the
/// request and response bodies (mode 3). A value is masked when it is the whole secret.
pub fn mask_frame(frame: &mut Frame, secrets: &[String]) {
    mask_vars(&mut frame.vars, secrets);
    if let Some(api) = &mut frame.api {
        for body in [&mut api.request, &mut api.response].into_iter().flatten() {
            mask_json(body, secrets);
        }
    }
}

/// [`mask_frame`] on everything a worker event carries.
pub fn mask_event(event: &mut WorkerEvent, secrets: &[String]) {
    if secrets.is_empty() {
        return;
    }
    let run = |run: &mut crate::flow::Run| {
        mask_vars(&mut run.start, secrets);
        run.frames.iter_mut().for_each(|f| mask_frame(f, secrets));
    };
    match event {
        WorkerEvent::Started { start, layout, .. } => {
            mask_vars(start, secrets);
            run(layout);
        }
        WorkerEvent::LaidOut { layout, .. } => run(layout),
        WorkerEvent::Frame { frame, .. } => mask_frame(frame, secrets),
        WorkerEvent::Finished { run: whole, .. } => run(whole),
        WorkerEvent::Failed { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_masking_and_overrides() {
        let mut form = TryIt::default();
        form.open();
        form.type_char('\u{1b}'); // a control character: ignored
        form.type_char('\u{202e}'); // a bidirectional override (pasted): ignored too
        form.type_char('\u{200f}');
        assert!(form.username.is_empty());
        "user123".chars().for_each(|c| assert!(form.type_char(c)));
        form.next_field();
        "pass12".chars().for_each(|c| assert!(form.type_char(c)));
        form.backspace();
        assert!(form.type_char('4'));
        assert_eq!(form.shown_password(), "••••••");
        form.reveal = true;
        assert_eq!(form.shown_password(), "pass14");
        let overrides = form.overrides().unwrap();
        assert_eq!(overrides.username.as_deref(), Some("user123"));
        assert_eq!(overrides.password.as_deref(), Some("pass14"));
        assert!(form.password.is_empty(), "the password leaves the form");
        assert!(TryIt::default().overrides().is_none());
    }

    #[test]
    fn ctrl_r_shows_the_password_for_one_sitting_of_the_form() {
        let mut form = TryIt::default();
        form.open();
        "user123".chars().for_each(|c| assert!(form.type_char(c)));
        form.next_field();
        form.type_char('x');
        form.reveal = true;
        form.open(); // Esc, then e: hidden again
        assert_eq!(form.shown_password(), "•");
        form.reveal = true;
        let _ = form.overrides(); // the try runs: the next one starts hidden
        assert!(!form.reveal);
    }

    #[test]
    fn over_long_inputs_reach_cognito_whole() {
        let mut form = TryIt::default();
        form.open();
        // Cognito's UsernameType allows 128: the form keeps 200 for Cognito to refuse.
        assert!("u".repeat(200).chars().all(|c| form.type_char(c)));
        assert_eq!(form.username.chars().count(), 200);
        // Only a runaway paste stops, and the caller says so.
        assert!((200..MAX_LEN).all(|_| form.type_char('u')));
        assert!(!form.type_char('u'));
        assert_eq!(form.username.chars().count(), MAX_LEN);
    }

    use crate::app::{App, Command, Message, Mode, Options};
    use crate::scenario::model::Action;

    /// Types `username` (when given) and `password` into the try-it form and runs the try here.
    fn try_once(app: &mut App, username: Option<&str>, password: &str) {
        app.update(Message::ModeDigit(9));
        app.update(Message::Do(Command::TryOpen));
        for c in username.unwrap_or_default().chars() {
            app.update(Message::Type(c));
        }
        app.update(Message::Do(Command::FormNextField));
        for c in password.chars() {
            app.update(Message::Type(c));
        }
        app.update(Message::Do(Command::FormSubmit));
        app.run_jobs_here();
        assert!(app.current().is_done());
    }

    fn app_on(id: &str) -> App {
        let options = Options::for_snapshots(Mode::Token);
        let mut app = App::new(crate::scenario::resolve(Some(id)).unwrap(), &options);
        app.run_jobs_here();
        app
    }

    /// Issue 8 (try it): the typed password shows in no frame of the try, so in none of
    /// modes 1, 3 and 4 (the tracker's `password`, the request's `PASSWORD`; the screens:
    /// ui::tests::the_typed_password_shows_on_no_screen_of_the_try).
    #[test]
    fn the_typed_password_is_masked_in_every_frame() {
        let mut app = app_on("signin-basic");
        try_once(&mut app, Some("user123"), "Hunter-22x");
        let path = app.current();
        assert!(!path.frames.is_empty());
        let all = serde_json::to_string(&path.frames).unwrap();
        assert!(!all.contains("Hunter-22x"), "{all}");
        assert!(all.contains(&"•".repeat(10)), "masked, not dropped");
    }

    /// Issue 8 (try it): tries share the lesson's pool, so failures add up to Cognito's
    /// lockout, and each try gets its own tokens (new jti, event_id, iat).
    #[test]
    fn tries_add_up_to_a_lockout_and_each_gets_its_own_tokens() {
        let mut app = app_on("signin-basic");
        let claims = |app: &App| {
            let frame = app.current().frames.last().unwrap();
            let token = frame.tokens.access.clone().expect("signed in");
            let payload = token.split('.').nth(1).unwrap().to_owned();
            let bytes =
                base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                    .unwrap();
            let claims: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            (
                claims["jti"].clone(),
                claims["event_id"].clone(),
                claims["iat"].clone(),
            )
        };
        let main = claims(&app);
        try_once(&mut app, Some("user123"), "pass123");
        let first = claims(&app);
        try_once(&mut app, None, "pass123"); // the username stays in the form
        let second = claims(&app);
        for (a, b) in [(&main, &first), (&first, &second)] {
            assert_ne!(a.0, b.0, "jti");
            assert_ne!(a.1, b.1, "event_id");
            assert_ne!(a.2, b.2, "iat");
        }
        // Each try starts a second after the last. The fifth wrong password locks user123
        // for 1 s, so the sixth is still checked (and locks for 2 s); the seventh is refused
        // unheard, as Cognito refuses sign-ins during a lock.
        let said = |app: &App| {
            let responses: Vec<String> = app
                .current()
                .frames
                .iter()
                .map(|f| f.row.response.clone())
                .collect();
            responses.join(" | ")
        };
        for _ in 0..6 {
            try_once(&mut app, None, "wrong-pass1");
            assert!(
                said(&app).contains("Incorrect username or password"),
                "{}",
                said(&app)
            );
        }
        try_once(&mut app, None, "wrong-pass1");
        assert!(
            said(&app).contains("Password attempts exceeded"),
            "{}",
            said(&app)
        );
    }

    /// Opens the form (mode 9, e), sets each of `values` (the field emptied, then typed) and
    /// runs the try here.
    fn try_with(app: &mut App, values: &[(Field, &str)]) {
        app.update(Message::ModeDigit(9));
        app.update(Message::Do(Command::TryOpen));
        assert!(app.form_open());
        for (field, value) in values {
            assert!(app.tryit.fields.contains(field), "{field:?}");
            while app.tryit.field != *field {
                app.update(Message::Do(Command::FormNextField));
            }
            for _ in 0..app.tryit.shown(*field).chars().count() {
                app.update(Message::Do(Command::FormBackspace));
            }
            for c in value.chars() {
                app.update(Message::Type(c));
            }
        }
        app.update(Message::Do(Command::FormSubmit));
        app.run_jobs_here();
        assert!(app.current().is_done());
    }

    /// Each step's response, as mode 3's table says it.
    fn responses(frames: &[Frame]) -> String {
        let said: Vec<&str> = frames.iter().map(|f| f.row.response.as_str()).collect();
        said.join(" | ")
    }

    /// Issue 8 (try it): the form shows the inputs the lesson's main-path steps take, read
    /// from their actions: a code where a step has the user type one (a confirmation code or
    /// the authenticator's), a new password where a step chooses one. The hosted UI's
    /// authorization code is carried by the browser, not typed: no field.
    #[test]
    fn the_form_takes_the_inputs_each_lessons_steps_take() {
        use CodeKind::{Confirmation, Totp};
        use Field::{Code, NewPassword, Password, Username};
        let plain = (vec![Username, Password], None);
        for (id, _) in crate::scenario::BUILTINS {
            let file = &crate::scenario::resolve(Some(id)).unwrap().file;
            let want = match *id {
                "sign-up-and-confirm" | "email-sign-in" | "lab-first-sign-in" => {
                    (vec![Username, Password, Code], Some(Confirmation))
                }
                "totp-mfa" | "mfa-setup" => (vec![Username, Password, Code], Some(Totp)),
                "first-sign-in" => (vec![Username, Password, NewPassword], None),
                "forgot-password" => (
                    vec![Username, Password, Code, NewPassword],
                    Some(Confirmation),
                ),
                _ => plain.clone(),
            };
            assert_eq!(fields_of(file), want, "{id}");
            assert_eq!(password_is_temporary(file), *id == "first-sign-in", "{id}");
        }
        // Prefilled with the lesson's values: the main path's code, the step's new password.
        let mut app = app_on("totp-mfa");
        app.update(Message::Do(Command::TryOpen));
        let typed = app
            .current()
            .frames
            .iter()
            .find(|f| f.action == Action::AnswerTotp)
            .map(|f| f.vars.value("code").to_owned())
            .unwrap();
        assert_eq!(typed.len(), 6, "{typed}");
        assert_eq!(app.tryit.code, typed);
        assert!(app.tryit.code_as_the_lesson_has_it());
        let mut app = app_on("forgot-password");
        app.update(Message::Do(Command::TryOpen));
        assert_eq!(app.tryit.new_password, "Harbor-Light-42");
        assert_eq!(app.tryit.shown(Field::NewPassword), "•".repeat(15));
        assert_eq!(app.tryit.code.len(), 6, "{}", app.tryit.code);
        // Tab and ↓ go down the fields, Shift-Tab and ↑ up, round at either end.
        assert_eq!(app.tryit.field, Username);
        for want in [Password, Code, NewPassword, Username] {
            app.update(Message::Do(Command::FormNextField));
            assert_eq!(app.tryit.field, want);
        }
        app.update(Message::Do(Command::FormPrevField));
        assert_eq!(app.tryit.field, NewPassword);
    }

    /// Issue 8 (try it): Enter on the form as the lesson fills it reproduces the main path
    /// (a code left as it was is the one this try's user receives), and a typed code or new
    /// password reaches Cognito, which answers it as it would: CodeMismatchException for a
    /// wrong confirmation code or TOTP code, InvalidPasswordException for a weak new password.
    #[test]
    fn typed_codes_and_new_passwords_get_cognitos_own_answers() {
        use Field::{Code, NewPassword, Password, Username};
        // As the lesson fills it: the main path's responses, step for step.
        for (id, user, password) in [
            ("sign-up-and-confirm", "jo", "Blue-Kettle-17"),
            ("totp-mfa", "sam", "Quiet-River-58"),
            ("mfa-setup", "kai", "Silver-Brook-45"),
            // Its first sign-in has the forgotten password; the last, the new one.
            ("forgot-password", "mia", "Harbor-Light-71"),
        ] {
            let mut app = app_on(id);
            let main = responses(&app.current().frames);
            try_with(&mut app, &[(Username, user), (Password, password)]);
            assert_eq!(responses(&app.current().frames), main, "{id}");
        }
        for (id, values, exception) in [
            (
                "sign-up-and-confirm",
                &[
                    (Username, "jo"),
                    (Password, "Blue-Kettle-17"),
                    (Code, "000000"),
                ][..],
                "CodeMismatchException",
            ),
            (
                "totp-mfa",
                &[
                    (Username, "sam"),
                    (Password, "Quiet-River-58"),
                    (Code, "000000"),
                ][..],
                "CodeMismatchException",
            ),
            (
                "forgot-password",
                &[
                    (Username, "mia"),
                    (Password, "Harbor-Light-71"),
                    (Code, "000000"),
                ][..],
                "CodeMismatchException",
            ),
            (
                "forgot-password",
                &[
                    (Username, "mia"),
                    (Password, "Harbor-Light-71"),
                    (NewPassword, "weak"),
                ][..],
                "InvalidPasswordException",
            ),
            (
                "first-sign-in",
                &[
                    (Username, "maria"),
                    (Password, "Temp-Pass-2026!"),
                    (NewPassword, "short"),
                ][..],
                "InvalidPasswordException",
            ),
        ] {
            let mut app = app_on(id);
            assert!(
                !responses(&app.current().frames).contains(exception),
                "{id}"
            );
            try_with(&mut app, values);
            let said = responses(&app.current().frames);
            assert!(said.contains(exception), "{id} {values:?}: {said}");
        }
        // A strong new password of the learner's own: the reset takes it, the old password
        // is refused after it, and the learner's new one signs in.
        let mut app = app_on("forgot-password");
        let main = responses(&app.current().frames);
        try_with(
            &mut app,
            &[
                (Username, "mia"),
                (Password, "Harbor-Light-71"),
                (NewPassword, "Brand-New-Pass-77"),
            ],
        );
        assert_eq!(responses(&app.current().frames), main);
        assert!(app.current().frames.last().unwrap().tokens.access.is_some());
    }

    /// Issue 8 (try it): a typed new password is masked like the password: dots in the form
    /// (Ctrl-R shows both for one sitting) and in every frame of the try.
    #[test]
    fn a_typed_new_password_is_masked_in_the_form_and_every_frame() {
        let mut app = app_on("first-sign-in");
        app.update(Message::Do(Command::TryOpen));
        app.tryit.reveal = true;
        assert_eq!(app.tryit.shown(Field::NewPassword), "Harbor-Lights-82");
        app.update(Message::Do(Command::FormClose));
        try_with(
            &mut app,
            &[
                (Field::Username, "maria"),
                (Field::Password, "Temp-Pass-2026!"),
                (Field::NewPassword, "Brand-New-Pass-77"),
            ],
        );
        assert!(
            app.tryit.new_password.is_empty(),
            "the new password leaves the form"
        );
        let path = app.current();
        assert!(
            responses(&path.frames).contains("Signed in")
                || path.frames.last().unwrap().tokens.access.is_some(),
            "{}",
            responses(&path.frames)
        );
        let all = serde_json::to_string(&path.frames).unwrap();
        assert!(!all.contains("Brand-New-Pass-77"), "{all}");
        assert!(all.contains(&"•".repeat(17)), "masked, not dropped");
        // (ui::tests::the_typed_password_shows_on_no_screen_of_the_try: on no screen either.)
        // The next sitting of the form starts hidden, the lesson's new password back in it.
        app.update(Message::ModeDigit(9));
        app.update(Message::Do(Command::TryOpen));
        assert!(!app.tryit.reveal);
        assert_eq!(app.tryit.shown(Field::NewPassword), "•".repeat(16));
    }
}
