//! Mode 9's "try it" form: a username and a password (masked unless revealed) to run the flow
//! with against the lesson's pool. What the learner types is not cut to Cognito's limits
//! (128 for a username, 256 for a password): Cognito's own validation answers an over-long
//! value. The typed password is masked in every frame of the try, not only in the form.

use crate::app::WorkerEvent;
use crate::flow::{Frame, Vars};
use crate::scenario::model::InputOverrides;

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
}

/// The form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TryIt {
    /// The field being typed into.
    pub field: Field,
    /// The username typed.
    pub username: String,
    /// The password typed. Never saved anywhere; cleared once the try runs.
    pub password: String,
    /// Show the password instead of dots.
    pub reveal: bool,
}

impl TryIt {
    /// Starts typing on the username (the form has just been given the keyboard), the
    /// password hidden again (Ctrl-R shows it for one sitting of the form, not for good).
    pub fn open(&mut self) {
        self.field = Field::Username;
        self.reveal = false;
    }

    fn value_mut(&mut self) -> &mut String {
        match self.field {
            Field::Username => &mut self.username,
            Field::Password => &mut self.password,
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

    /// Moves to the other field.
    pub fn next_field(&mut self) {
        self.field = match self.field {
            Field::Username => Field::Password,
            Field::Password => Field::Username,
        };
    }

    /// The password as shown: itself when revealed, else one dot per character.
    #[must_use]
    pub fn shown_password(&self) -> String {
        if self.reveal {
            self.password.clone()
        } else {
            "•".repeat(self.password.chars().count())
        }
    }

    /// The inputs to run with, taking the password out of the form (hidden again for the
    /// next try); `None` without a username.
    pub fn overrides(&mut self) -> Option<InputOverrides> {
        let username = self.username.trim();
        if username.is_empty() {
            return None;
        }
        self.reveal = false;
        Some(InputOverrides {
            username: Some(username.to_owned()),
            password: Some(std::mem::take(&mut self.password)),
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
        let options = Options {
            seed: 1,
            redact_timings: true,
            mode: Mode::Token,
            ..Options::default()
        };
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
}
