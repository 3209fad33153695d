//! Mode 9's "try it" form: a username and a password (masked unless revealed) to run the flow
//! with against the lesson's pool.

use crate::scenario::model::InputOverrides;

/// The longest input the form takes (Cognito's own limit for usernames is 128).
pub const MAX_LEN: usize = 128;

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
    /// Starts typing on the username (the form has just been given the keyboard).
    pub fn open(&mut self) {
        self.field = Field::Username;
    }

    fn value_mut(&mut self) -> &mut String {
        match self.field {
            Field::Username => &mut self.username,
            Field::Password => &mut self.password,
        }
    }

    /// Types a character into the field. Controls and bidirectional overrides (a paste can
    /// hold them) are not taken: they would hide or reorder what the form shows.
    pub fn type_char(&mut self, c: char) {
        if crate::sanitize::is_unsafe(c) {
            return;
        }
        let value = self.value_mut();
        if value.chars().count() < MAX_LEN {
            value.push(c);
        }
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

    /// The inputs to run with, taking the password out of the form; `None` without a username.
    pub fn overrides(&mut self) -> Option<InputOverrides> {
        let username = self.username.trim();
        if username.is_empty() {
            return None;
        }
        Some(InputOverrides {
            username: Some(username.to_owned()),
            password: Some(std::mem::take(&mut self.password)),
            ..InputOverrides::default()
        })
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
        "user123".chars().for_each(|c| form.type_char(c));
        form.next_field();
        "pass12".chars().for_each(|c| form.type_char(c));
        form.backspace();
        form.type_char('4');
        assert_eq!(form.shown_password(), "••••••");
        form.reveal = true;
        assert_eq!(form.shown_password(), "pass14");
        let overrides = form.overrides().unwrap();
        assert_eq!(overrides.username.as_deref(), Some("user123"));
        assert_eq!(overrides.password.as_deref(), Some("pass14"));
        assert!(form.password.is_empty(), "the password leaves the form");
        assert!(TryIt::default().overrides().is_none());
    }
}
