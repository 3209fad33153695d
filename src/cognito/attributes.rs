//! Which user attribute names a pool takes: Cognito's standard attributes and `custom:` ones.
//! Anything else is refused, the names of the claims Cognito signs into tokens among them, so
//! an attribute can never shadow a claim (an attribute `token_use = "access"` once made an ID
//! token pass an app's access-token check).

use super::error::CognitoError;

/// The standard attributes of every user pool (Cognito developer guide, "User pool
/// attributes"), besides `sub`, which only the pool assigns.
pub const STANDARD: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
];

/// The claims Cognito writes into ID and access tokens itself (facts §3); every `cognito:`
/// name is Cognito's too.
pub const CLAIMS: &[&str] = &[
    "sub",
    "iss",
    "aud",
    "token_use",
    "client_id",
    "exp",
    "iat",
    "auth_time",
    "jti",
    "origin_jti",
    "event_id",
    "scope",
    "username",
];

/// Whether `name` is a claim the token builder writes itself.
#[must_use]
pub fn is_claim(name: &str) -> bool {
    CLAIMS.contains(&name) || name.starts_with("cognito:")
}

/// Checks that a pool would store an attribute called `name`.
///
/// # Errors
/// `InvalidParameterException`: for `sub`, the mock's immutable-sub message; for a name outside
/// the schema, Cognito's `Attributes did not conform to the schema: <name>: Attribute does not
/// exist in the schema.` That sentence is the service's as quoted in SDK issue threads
/// (aws-amplify/amplify-js#2167, amplify-flutter#509, aws-sdk-android#1629) for names such as
/// `favorite_flavor`; that Cognito answers it for a claim's name (`token_use`) is inferred from
/// those names not being in the schema, not observed. Cognito lists every offending attribute,
/// one per line; the mock's callers stop at the first.
pub fn check_name(name: &str) -> Result<(), CognitoError> {
    if name == "sub" {
        return Err(CognitoError::immutable_sub());
    }
    let custom = name
        .strip_prefix("custom:")
        .is_some_and(|rest| !rest.is_empty());
    if custom || STANDARD.contains(&name) {
        Ok(())
    } else {
        Err(CognitoError::attribute_not_in_schema(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in [
            "email",
            "name",
            "updated_at",
            "custom:plan",
            "custom:token_use",
        ] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for claim in CLAIMS
            .iter()
            .copied()
            .chain(["cognito:username", "cognito:groups"])
        {
            let err = check_name(claim).unwrap_err().to_string();
            assert!(err.starts_with("InvalidParameterException: "), "{err}");
            assert!(is_claim(claim), "{claim}");
        }
        assert_eq!(
            check_name("favorite_flavor").unwrap_err().to_string(),
            "InvalidParameterException: Attributes did not conform to the schema: favorite_flavor: Attribute does not exist in the schema.\n"
        );
        assert!(check_name("custom:").is_err());
        assert!(
            !STANDARD.iter().any(|s| is_claim(s)),
            "no standard attribute is a claim"
        );
    }
}
