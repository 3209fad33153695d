//! Which names a user can sign in with: the username, or an email / phone number / preferred
//! username, as the pool's `UsernameAttributes` or `AliasAttributes` allow.
//!
//! ```text
//!   UsernameAttributes = [email]            AliasAttributes = [email, preferred_username]
//!   SignUp(Username = "ana@example.com")    SignUp(Username = "ana", email = "ana@…")
//!     → username is a new UUID (= sub)        → username "ana"
//!     → email attribute = the given name      sign in as "ana", or by the email once it is
//!   sign in by the email, verified or not     verified, or by preferred_username
//!   cognito:username = the UUID              cognito:username = "ana"
//! ```
//!
//! A pool has one or the other, never both (CreateUserPool refuses both; the scenario validator
//! does too). Emails compare case-insensitively, as Cognito's default (`CaseSensitive: false`)
//! compares usernames and aliases.

use serde::{Deserialize, Serialize};

use super::error::{CognitoError, Exception};
use super::pool::UserPool;
use super::user::User;

/// An attribute that can stand in for the username (`UsernameAttributes`, `AliasAttributes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInAttribute {
    /// `email`.
    Email,
    /// `phone_number`.
    PhoneNumber,
    /// `preferred_username` (aliases only; needs no verification).
    PreferredUsername,
}

impl SignInAttribute {
    /// The attribute's name, e.g. `phone_number`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::PhoneNumber => "phone_number",
            Self::PreferredUsername => "preferred_username",
        }
    }

    /// The `*_verified` attribute an alias needs before it can be signed in with.
    fn verified_flag(self) -> Option<&'static str> {
        match self {
            Self::Email => Some("email_verified"),
            Self::PhoneNumber => Some("phone_number_verified"),
            Self::PreferredUsername => None,
        }
    }

    /// Whether `user` holds `value` in this attribute, usable for sign-in: an alias email or
    /// phone must be verified; a username attribute need not be.
    fn names(self, user: &User, value: &str, as_alias: bool) -> bool {
        let held = user
            .attributes
            .get(self.name())
            .is_some_and(|v| same_name(v, value));
        let verified = !as_alias
            || self
                .verified_flag()
                .is_none_or(|flag| user.attributes.get(flag).map(String::as_str) == Some("true"));
        held && verified
    }

    /// Whether `text` is shaped like a value of this attribute (so SignUp can tell an email
    /// username from a plain one).
    fn shapes(self, text: &str) -> bool {
        match self {
            Self::Email => text.contains('@'),
            Self::PhoneNumber => text.starts_with('+'),
            Self::PreferredUsername => true,
        }
    }
}

/// Case-insensitive, as usernames and aliases are by default.
fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

impl UserPool {
    /// The username of the user `given` names at sign-in: the username itself, or a username
    /// attribute, or a verified alias. `None` when nobody has that name.
    pub(crate) fn resolve_sign_in_name(&self, given: &str) -> Option<String> {
        if self.users.contains_key(given) {
            return Some(given.to_owned());
        }
        let config = &self.config;
        let by = |attributes: &[SignInAttribute], as_alias: bool| {
            attributes.iter().find_map(|attribute| {
                self.users
                    .values()
                    .find(|u| attribute.names(u, given, as_alias))
                    .map(|u| u.username.clone())
            })
        };
        by(&config.username_attributes, false).or_else(|| by(&config.alias_attributes, true))
    }

    /// As [`Self::resolve_sign_in_name`] for admin calls, where an unknown name is always
    /// `UserNotFoundException: User does not exist.`
    pub(crate) fn admin_username(&self, given: &str) -> Result<String, CognitoError> {
        self.resolve_sign_in_name(given)
            .ok_or_else(CognitoError::user_does_not_exist)
    }

    /// For SignUp under `UsernameAttributes`: which attribute the given username is (an email
    /// when it is shaped like one). `None` when the pool signs in by plain usernames.
    ///
    /// # Errors
    /// `InvalidParameterException: Username should be an email.` when the pool takes only
    /// emails (or phone numbers) and the name is neither.
    pub(crate) fn username_attribute_of(
        &self,
        username: &str,
    ) -> Result<Option<SignInAttribute>, CognitoError> {
        let attributes = &self.config.username_attributes;
        if attributes.is_empty() {
            return Ok(None);
        }
        match attributes.iter().find(|a| a.shapes(username)) {
            Some(attribute) => Ok(Some(*attribute)),
            None => Err(CognitoError::new(
                Exception::InvalidParameter,
                match attributes.as_slice() {
                    [SignInAttribute::Email] => "Username should be an email.".to_owned(),
                    [SignInAttribute::PhoneNumber] => {
                        "Username should be a phone number.".to_owned()
                    }
                    _ => "Username should be either an email or a phone number.".to_owned(),
                },
            )),
        }
    }

    /// The user (other than `except`) who already holds `value` in `attribute` as a sign-in
    /// name: under `UsernameAttributes` any holder, under `AliasAttributes` a verified one.
    pub(crate) fn alias_holder(
        &self,
        attribute: SignInAttribute,
        value: &str,
        except: &str,
    ) -> Option<String> {
        let as_alias = !self.config.username_attributes.contains(&attribute);
        self.users
            .values()
            .filter(|u| u.username != except)
            .find(|u| attribute.names(u, value, as_alias))
            .map(|u| u.username.clone())
    }

    /// The sign-in attributes of this pool (username attributes or aliases).
    pub(crate) fn sign_in_attributes(&self) -> impl Iterator<Item = SignInAttribute> + '_ {
        self.config
            .username_attributes
            .iter()
            .chain(&self.config.alias_attributes)
            .copied()
    }
}
