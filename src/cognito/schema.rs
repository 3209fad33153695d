//! The attribute schema (custom `custom:<name>` attributes with a type and mutability) and the calls that
//! change attributes: UpdateUserAttributes, AdminUpdateUserAttributes,
//! AdminDeleteUserAttributes.
//!
//! Every write is checked against the schema: a name the schema does not have is refused (all
//! of them in one message, as Cognito lists them), and so is a change to an immutable custom
//! attribute once it has a value. Custom attributes are strings on the wire and in tokens,
//! whatever their declared type (facts §3); a `Number` one must still parse as a number.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::api::{AccessTokenRequest, AttributeType, EmptyResponse};
use super::error::{CognitoError, Exception};
use super::pool::UserPool;

/// A custom attribute's `AttributeDataType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttributeDataType {
    /// Any text (within the length bounds).
    String,
    /// An integer, sent as a string.
    Number,
    /// A date and time, sent as a string.
    DateTime,
    /// `true` or `false`, sent as a string.
    Boolean,
}

/// A `custom:<name>` attribute of the schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomAttribute {
    /// The name without `custom:` (1 to 20 characters in Cognito).
    pub name: String,
    /// The declared type.
    pub data_type: AttributeDataType,
    /// `false`: set once (at sign-up or creation), never changed after.
    pub mutable: bool,
    /// Longest value a String attribute may hold (Cognito's default 2048).
    pub max_length: u32,
}

impl CustomAttribute {
    /// A mutable String attribute.
    #[must_use]
    pub fn string(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            data_type: AttributeDataType::String,
            mutable: true,
            max_length: 2048,
        }
    }

    /// `custom:<name>`.
    #[must_use]
    pub fn full_name(&self) -> String {
        format!("custom:{}", self.name)
    }

    /// Why `value` does not fit, if it does not.
    fn value_problem(&self, value: &str) -> Option<String> {
        let fits = match self.data_type {
            AttributeDataType::String => value.chars().count() <= self.max_length as usize,
            AttributeDataType::Number => value.parse::<i64>().is_ok(),
            AttributeDataType::Boolean => matches!(value, "true" | "false"),
            AttributeDataType::DateTime => !value.is_empty(),
        };
        (!fits).then(|| match self.data_type {
            AttributeDataType::String => format!(
                "{}: String attribute value is longer than {} characters.",
                self.full_name(),
                self.max_length
            ),
            AttributeDataType::Number => {
                format!(
                    "{}: Number attribute value is not a number.",
                    self.full_name()
                )
            }
            AttributeDataType::Boolean => {
                format!(
                    "{}: Boolean attribute value is not true or false.",
                    self.full_name()
                )
            }
            AttributeDataType::DateTime => {
                format!("{}: DateTime attribute value is empty.", self.full_name())
            }
        })
    }
}

/// Where a write comes from: the user themselves (immutable attributes are closed) or an
/// administrator / sign-up (an immutable one may be set while it has no value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writer {
    /// SignUp, AdminCreateUser, seeding.
    Creation,
    /// UpdateUserAttributes, AdminUpdateUserAttributes.
    Update,
}

impl UserPool {
    /// Checks attribute writes against the schema; `current` is what the user holds now.
    ///
    /// # Errors
    /// `InvalidParameterException: Attributes did not conform to the schema: <name>: Attribute
    /// does not exist in the schema.` (one line per unknown name), `…: Cannot modify the
    /// non-mutable attribute <name>` for `sub`, and for an immutable custom attribute that
    /// already has a value, a value of the wrong type.
    pub(crate) fn check_attribute_writes(
        &self,
        writes: &[AttributeType],
        current: &BTreeMap<String, String>,
        writer: Writer,
    ) -> Result<(), CognitoError> {
        if writes.iter().any(|a| a.name == "sub") {
            return Err(CognitoError::immutable_sub());
        }
        let unknown: String = writes
            .iter()
            .filter(|a| self.custom_attribute(&a.name).is_none() && !is_standard(&a.name))
            .map(|a| format!("{}: Attribute does not exist in the schema.\n", a.name))
            .collect();
        if !unknown.is_empty() {
            return Err(CognitoError::new(
                Exception::InvalidParameter,
                format!("Attributes did not conform to the schema: {unknown}"),
            ));
        }
        for write in writes {
            let Some(custom) = self.custom_attribute(&write.name) else {
                continue;
            };
            let locked =
                !custom.mutable && (writer == Writer::Update || current.contains_key(&write.name));
            if locked {
                return Err(CognitoError::new(
                    Exception::InvalidParameter,
                    format!("Cannot modify the non-mutable attribute {}", write.name),
                ));
            }
            if let Some(problem) = custom.value_problem(&write.value) {
                return Err(CognitoError::new(
                    Exception::InvalidParameter,
                    format!("Attributes did not conform to the schema: {problem}"),
                ));
            }
        }
        Ok(())
    }

    fn custom_attribute(&self, name: &str) -> Option<&CustomAttribute> {
        let short = name.strip_prefix("custom:")?;
        self.config
            .custom_attributes
            .iter()
            .find(|c| c.name == short)
    }

    /// UpdateUserAttributes: the signed-in user changes their own attributes. A new email
    /// (or phone number) is unverified until the code sent to it comes back; the mock sends
    /// none and marks it unverified, which is what an app must handle.
    ///
    /// # Errors
    /// As [`UserPool::get_user`] for the token; the schema errors of
    /// [`Self::check_attribute_writes`]; `AliasExistsException` when the new value is another
    /// user's sign-in name.
    pub fn update_user_attributes(
        &mut self,
        request: UpdateUserAttributesRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        let username = self.authorize(&request.access_token.access_token)?;
        self.write_attributes(&username, &request.user_attributes)
    }

    /// AdminUpdateUserAttributes.
    ///
    /// # Errors
    /// `ResourceNotFoundException`, `UserNotFoundException`, and as
    /// [`UserPool::update_user_attributes`].
    pub fn admin_update_user_attributes(
        &mut self,
        request: AdminUpdateUserAttributesRequest,
    ) -> Result<EmptyResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let username = self.admin_username(&request.username)?;
        self.write_attributes(&username, &request.user_attributes)
    }

    fn write_attributes(
        &mut self,
        username: &str,
        writes: &[AttributeType],
    ) -> Result<EmptyResponse, CognitoError> {
        let current = self
            .users
            .get(username)
            .map(|u| u.attributes.clone())
            .ok_or_else(CognitoError::user_does_not_exist)?;
        self.check_attribute_writes(writes, &current, Writer::Update)?;
        for write in writes {
            let taken = self
                .sign_in_attributes()
                .filter(|a| a.name() == write.name)
                .find_map(|a| self.alias_holder(a, &write.value, username));
            if taken.is_some() {
                return Err(CognitoError::new(
                    Exception::AliasExists,
                    format!("An account with the {} already exists.", write.name),
                ));
            }
        }
        let now = self.now;
        let user = self.user_mut(username)?;
        for write in writes {
            let changed = user.attributes.get(&write.name) != Some(&write.value);
            user.attributes
                .insert(write.name.clone(), write.value.clone());
            let flag = match write.name.as_str() {
                "email" => Some("email_verified"),
                "phone_number" => Some("phone_number_verified"),
                _ => None,
            };
            if let Some(flag) = flag
                && changed
                && !writes.iter().any(|w| w.name == flag)
            {
                user.attributes.insert(flag.to_owned(), "false".to_owned());
            }
        }
        user.modified_at = now;
        Ok(EmptyResponse {})
    }
}

/// Whether `name` is one of the standard attributes.
fn is_standard(name: &str) -> bool {
    super::attributes::STANDARD.contains(&name)
}

/// UpdateUserAttributes's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesRequest {
    /// The signed-in user's access token.
    #[serde(flatten)]
    pub access_token: AccessTokenRequest,
    /// The attributes to set.
    pub user_attributes: Vec<AttributeType>,
}

/// AdminUpdateUserAttributes's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUpdateUserAttributesRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The user (or an alias).
    pub username: String,
    /// The attributes to set.
    pub user_attributes: Vec<AttributeType>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::{Argon2Params, PoolConfig};

    fn pool() -> UserPool {
        let config = PoolConfig {
            argon2: Argon2Params::cheap_for_tests(),
            custom_attributes: vec![
                CustomAttribute::string("plan"),
                CustomAttribute {
                    mutable: false,
                    ..CustomAttribute::string("tenant")
                },
                CustomAttribute {
                    data_type: AttributeDataType::Number,
                    ..CustomAttribute::string("seats")
                },
            ],
            ..PoolConfig::default()
        };
        UserPool::new(config, 1, 0)
    }

    /// One row per schema rule.
    #[test]
    fn writes_are_checked_against_the_schema() {
        let pool = pool();
        let with_tenant = BTreeMap::from([("custom:tenant".to_owned(), "acme".to_owned())]);
        let none = BTreeMap::new();
        type Row<'a> = (
            &'a [(&'a str, &'a str)],
            &'a BTreeMap<String, String>,
            Writer,
            Option<&'a str>,
        );
        let rows: &[Row] = &[
            (
                &[("name", "Ana"), ("custom:plan", "pro")],
                &none,
                Writer::Update,
                None,
            ),
            (
                &[("custom:colour", "red"), ("nickname2", "x")],
                &none,
                Writer::Update,
                Some(
                    "InvalidParameterException: Attributes did not conform to the schema: \
                     custom:colour: Attribute does not exist in the schema.\n\
                     nickname2: Attribute does not exist in the schema.\n",
                ),
            ),
            (&[("custom:tenant", "acme")], &none, Writer::Creation, None),
            (
                &[("custom:tenant", "other")],
                &with_tenant,
                Writer::Creation,
                Some(
                    "InvalidParameterException: Cannot modify the non-mutable attribute custom:tenant",
                ),
            ),
            (
                &[("custom:tenant", "acme")],
                &none,
                Writer::Update,
                Some(
                    "InvalidParameterException: Cannot modify the non-mutable attribute custom:tenant",
                ),
            ),
            (
                &[("sub", "x")],
                &none,
                Writer::Creation,
                Some("InvalidParameterException: Cannot modify the non-mutable attribute sub"),
            ),
            (&[("custom:seats", "12")], &none, Writer::Update, None),
            (
                &[("custom:seats", "twelve")],
                &none,
                Writer::Update,
                Some(
                    "InvalidParameterException: Attributes did not conform to the schema: \
                     custom:seats: Number attribute value is not a number.",
                ),
            ),
        ];
        for (writes, current, writer, want) in rows {
            let writes: Vec<AttributeType> = writes
                .iter()
                .map(|(n, v)| AttributeType::new(n, v))
                .collect();
            let got = pool.check_attribute_writes(&writes, current, *writer);
            assert_eq!(
                got.err().map(|e| e.to_string()).as_deref(),
                *want,
                "{writes:?}"
            );
        }
    }
}
